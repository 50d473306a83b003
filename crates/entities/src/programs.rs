//! National programs (`nông thôn mới`/`NTM`, `OCOP`, `giảm nghèo bền vững`,
//! `Chương trình 1719` …) from the data file `data/programs.tsv`, with the
//! level of nông thôn mới (`nâng cao`, `kiểu mẫu`) and OCOP star ratings.

use rustc_hash::FxHashMap as HashMap;

use crate::text::{Tok, contiguous, word_hash};

const DATA: &str = include_str!("../data/programs.tsv");

/// A program of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Short identifier (`ntm`, `ocop` …).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The program table: aliases as normalized syllable sequences.
#[derive(Debug, Default)]
pub struct Programs {
    programs: Vec<Program>,
    /// alias key → program; prefixes marked with `None`.
    aliases: HashMap<String, Option<usize>>,
    /// folded alias or id → program, for lookups typed without diacritics.
    folded: HashMap<String, usize>,
    /// The first syllables of the aliases, as a Bloom filter of their
    /// [`word_hash`]: most tokens open no alias and are passed over
    /// without a lookup.
    first: [u64; FIRST_WORDS],
}

/// Words of [`Programs::first`] (64 bits each).
const FIRST_WORDS: usize = 16;

/// The word and bit of [`Programs::first`] for a token hash.
fn first_bit(hash: u64) -> (usize, u64) {
    let b = (hash >> 32) as usize % (FIRST_WORDS * 64);
    (b / 64, 1 << (b % 64))
}

impl Programs {
    /// The table shipped with vietdex.
    pub fn bundled() -> Result<Programs, crate::LoadError> {
        Programs::parse(DATA).map_err(|message| crate::LoadError {
            file: "crates/entities/data/programs.tsv",
            message,
        })
    }

    /// Parses `id TAB name TAB alias|alias…` lines (`#` comments, read by
    /// [`vietdex_tokenize::tsv`]); a row without its three columns is an
    /// error naming its line.
    pub fn parse(data: &str) -> Result<Programs, String> {
        const EXPECTED: &str = "expected ID<TAB>NAME<TAB>ALIAS|ALIAS…";
        let mut p = Programs::default();
        let rows = vietdex_tokenize::tsv::all_rows::<(String, String, String)>("programs", data)
            .map_err(|bad| format!("line {}: {} ({EXPECTED})", bad.line, bad.reason))?;
        for (line, (id, name, aliases)) in rows {
            if [&id, &name, &aliases].iter().any(|c| c.trim().is_empty()) {
                return Err(format!("line {line}: an empty column ({EXPECTED})"));
            }
            let idx = p.programs.len();
            p.folded.insert(id.to_lowercase(), idx);
            p.programs.push(Program { id, name });
            for alias in aliases.split('|') {
                let sylls: Vec<String> = vietdex_tokenize::analyze(alias)
                    .into_iter()
                    .map(|t| t.exact)
                    .collect();
                if let Some(first) = sylls.first() {
                    let (w, bit) = first_bit(word_hash(first));
                    p.first[w] |= bit;
                }
                for k in 1..sylls.len() {
                    p.aliases.entry(sylls[..k].join(" ")).or_insert(None);
                }
                p.aliases.insert(sylls.join(" "), Some(idx));
                p.folded
                    .entry(vietdex_tokenize::fold(&sylls.join(" ")).into_owned())
                    .or_insert(idx);
            }
        }
        Ok(p)
    }

    /// The program whose id or alias (normalized syllables joined by
    /// spaces, with or without diacritics) is `key`.
    pub fn lookup(&self, key: &str) -> Option<usize> {
        match self.aliases.get(key) {
            Some(Some(p)) => Some(*p),
            _ => self
                .folded
                .get(key)
                .or_else(|| self.folded.get(vietdex_tokenize::fold(key).as_ref()))
                .copied(),
        }
    }

    /// The aliases of the program at `idx` (as written in the table,
    /// normalized).
    pub fn names_of(&self, idx: usize) -> impl Iterator<Item = &str> + '_ {
        self.aliases
            .iter()
            .filter(move |(_, p)| **p == Some(idx))
            .map(|(k, _)| k.as_str())
    }

    /// Every program.
    pub fn all(&self) -> &[Program] {
        &self.programs
    }

    /// The program at `idx`.
    pub fn program(&self, idx: usize) -> &Program {
        &self.programs[idx]
    }

    /// Longest alias at token `i`: (length in tokens, program).
    #[inline]
    pub fn match_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        // Most tokens start no alias: answered without a lookup.
        let (w, bit) = first_bit(toks.get(i)?.hash);
        if self.first[w] & bit == 0 {
            return None;
        }
        self.longest_at(toks, i)
    }

    /// [`Programs::match_at`] at a token that may open an alias.
    fn longest_at(&self, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
        let first = self.aliases.get(toks[i].exact.as_str())?;
        let mut best = first.map(|p| (1, p));
        let mut key = String::from(toks[i].exact.as_str());
        for k in 1..toks.len() - i {
            if !contiguous(toks, i + k) {
                break;
            }
            key.push(' ');
            key.push_str(&toks[i + k].exact);
            match self.aliases.get(&key) {
                None => break,
                Some(Some(p)) => best = Some((k + 1, *p)),
                Some(None) => {}
            }
        }
        best
    }
}

/// `nâng cao` / `kiểu mẫu` right after a nông thôn mới mention.
pub fn ntm_level(toks: &[Tok], at: usize) -> Option<&'static str> {
    let two = |a: &str, b: &str| {
        toks.get(at).is_some_and(|t| t.exact == a)
            && toks.get(at + 1).is_some_and(|t| t.exact == b)
            && contiguous(toks, at)
            && contiguous(toks, at + 1)
    };
    if two("nâng", "cao") {
        Some("nâng cao")
    } else if two("kiểu", "mẫu") {
        Some("kiểu mẫu")
    } else if two("thông", "minh") {
        Some("thông minh")
    } else {
        None
    }
}

/// OCOP stars written near the mention: `OCOP 3 sao`, `sản phẩm OCOP từ 3 sao trở lên`.
pub fn ocop_stars(toks: &[Tok], at: usize) -> Option<u8> {
    (at..(at + 3).min(toks.len())).find_map(|j| {
        let n: u8 = toks[j].exact.parse().ok()?;
        (toks.get(j + 1)?.exact == "sao" && (1..=5).contains(&n)).then_some(n)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_parses_and_bad_lines_are_errors() {
        let p = Programs::bundled().expect("bundled table");
        assert!(p.lookup("ntm").is_some());
        let e = Programs::parse("# c\nntm\tNông thôn mới\tNTM\nocop\tOCOP\n").expect_err("bad");
        assert!(e.starts_with("line 3:"), "{e}");
        let e = Programs::parse("ntm\tNông thôn mới\tNTM\n\nocop\t \tOCOP\n").expect_err("bad");
        assert!(e.starts_with("line 3: an empty column"), "{e}");
    }
}

//! National programs (`nông thôn mới`/`NTM`, `OCOP`, `giảm nghèo bền vững`,
//! `Chương trình 1719` …) from the data file `data/programs.tsv`, with the
//! level of nông thôn mới (`nâng cao`, `kiểu mẫu`) and OCOP star ratings.

use std::borrow::Cow;

use vietdex_tokenize::PhraseDict;

use crate::text::{Token, contiguous, gap, mark, word_hash};

const DATA: &str = include_str!("../data/programs.tsv");

mod bundled {
    // `PROGRAMS`: written by the build script.
    include!(concat!(env!("OUT_DIR"), "/programs.rs"));
    pub(super) const ALIASES: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/programs-aliases.bin"));
    pub(super) const FOLDED: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/programs-folded.bin"));
}

/// A program of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Program {
    /// Short identifier (`ntm`, `ocop` …).
    pub id: String,
    /// Display name.
    pub name: String,
}

/// The program table: aliases as phrases of normalized syllables.
#[derive(Debug, Default)]
pub struct Programs {
    programs: Vec<Program>,
    /// Alias → program.
    aliases: PhraseDict,
    /// Folded alias or id → program, for lookups typed without diacritics.
    folded: PhraseDict,
    /// The first syllables of the aliases, as a Bloom filter of their
    /// [`word_hash`]: most tokens open no alias and are passed over
    /// without a lookup.
    first: [u64; FIRST_WORDS],
    /// The [`word_hash`]es of the aliases of one syllable (`NTM`, `OCOP`).
    singles: rustc_hash::FxHashSet<u64>,
    /// The [`pair_hash`]es of the first two syllables of the longer
    /// aliases: a token that opens no alias of one syllable, before one
    /// that goes on no alias with it (`các` | `xã`), is passed over without
    /// a lookup, though its syllable opens some alias (`các chương trình
    /// …`).
    pairs: rustc_hash::FxHashSet<u64>,
}

/// One key for two syllables' [`word_hash`]es.
fn pair_hash(a: u64, b: u64) -> u64 {
    a.rotate_left(23) ^ b.wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// Words of [`Programs::first`] (64 bits each).
const FIRST_WORDS: usize = 16;

/// The word and bit of [`Programs::first`] for a token hash.
fn first_bit(hash: u64) -> (usize, u64) {
    first_bit_of(mark::hash16(hash))
}

/// [`first_bit`] of the bits of a hash a token's mark keeps
/// ([`mark::hash16`]): the bits it takes are among them.
fn first_bit_of(hash16: u64) -> (usize, u64) {
    const _: () = assert!((FIRST_WORDS * 64).is_power_of_two() && FIRST_WORDS * 64 <= 1 << 16);
    let b = hash16 as usize % (FIRST_WORDS * 64);
    (b / 64, 1 << (b % 64))
}

impl Programs {
    /// The table shipped with vietdex, compiled by the build script.
    pub fn bundled() -> Result<Programs, crate::LoadError> {
        let load = |bytes: &'static [u8]| PhraseDict::new(Cow::Borrowed(bytes));
        match (load(bundled::ALIASES), load(bundled::FOLDED)) {
            (Ok(aliases), Ok(folded)) => Ok(Programs::of(
                bundled::PROGRAMS
                    .iter()
                    .map(|&(id, name)| Program {
                        id: id.to_string(),
                        name: name.to_string(),
                    })
                    .collect(),
                aliases,
                folded,
            )),
            // Written by the build script from the same table, which it
            // refuses if a row is bad.
            _ => Programs::parse(DATA).map_err(|message| crate::LoadError {
                file: "crates/entities/data/programs.tsv",
                message,
            }),
        }
    }

    /// Parses `id TAB name TAB alias|alias…` lines (`#` comments, read by
    /// [`vietdex_tokenize::tsv`]); a row without its three columns is an
    /// error naming its line.
    pub fn parse(data: &str) -> Result<Programs, String> {
        let c = crate::programs_table::compile(data)?;
        Ok(Programs::of(
            c.programs
                .into_iter()
                .map(|(id, name)| Program { id, name })
                .collect(),
            c.aliases.build(),
            c.folded.build(),
        ))
    }

    fn of(programs: Vec<Program>, aliases: PhraseDict, folded: PhraseDict) -> Programs {
        let mut first = [0; FIRST_WORDS];
        for (key, _) in aliases.iter().filter(|(k, _)| !k.contains(' ')) {
            let (w, bit) = first_bit(word_hash(key));
            first[w] |= bit;
        }
        let mut singles = rustc_hash::FxHashSet::default();
        let mut pairs = rustc_hash::FxHashSet::default();
        for (key, e) in aliases.iter() {
            let mut syl = key.split(' ');
            let (Some(a), b) = (syl.next(), syl.next()) else {
                continue;
            };
            match b {
                Some(b) => pairs.insert(pair_hash(word_hash(a), word_hash(b))),
                None if e.id.is_some() => singles.insert(word_hash(a)),
                None => false,
            };
        }
        Programs {
            programs,
            aliases,
            folded,
            first,
            singles,
            pairs,
        }
    }

    /// The program whose id or alias (normalized syllables joined by
    /// spaces, with or without diacritics) is `key`.
    pub fn lookup(&self, key: &str) -> Option<usize> {
        self.aliases
            .get(key)
            .or_else(|| self.folded.get(key))
            .or_else(|| self.folded.get(vietdex_tokenize::fold(key).as_ref()))
            .map(|p| p as usize)
    }

    /// The aliases of the program at `idx` (as written in the table,
    /// normalized).
    pub fn names_of(&self, idx: usize) -> impl Iterator<Item = &str> + '_ {
        self.aliases
            .phrases()
            .filter(move |&(_, p)| p as usize == idx)
            .map(|(k, _)| k)
    }

    /// Every program.
    pub fn all(&self) -> &[Program] {
        &self.programs
    }

    /// The program at `idx`.
    pub fn program(&self, idx: usize) -> &Program {
        &self.programs[idx]
    }

    /// Whether an alias may start at a token of mark `m`
    /// ([`crate::text::marks`]): false for most tokens, told without
    /// reading them; [`Programs::match_at`] finds none where it is false.
    #[inline]
    pub(crate) fn may_open(&self, m: u64) -> bool {
        let (w, bit) = first_bit_of(m >> mark::HASH_SHIFT);
        self.first[w] & bit != 0
    }

    /// Longest alias at token `i`: (length in tokens, program).
    #[inline]
    pub fn match_at(&self, toks: &[Token], i: usize) -> Option<(usize, usize)> {
        // Most tokens start no alias: answered without a lookup.
        let t = toks.get(i)?;
        let (w, bit) = first_bit(t.hash);
        if self.first[w] & bit == 0 {
            return None;
        }
        // An alias of one syllable, or one that goes on with the next
        // token, as the walk below reads it.
        let goes_on = toks.get(i + 1).is_some_and(|n| {
            contiguous(toks, i + 1) && self.pairs.contains(&pair_hash(t.hash, n.hash))
        });
        if !goes_on && !self.singles.contains(&t.hash) {
            return None;
        }
        let syllable =
            |k: usize| (k == 0 || in_alias(toks, i + k)).then(|| toks[i + k].exact.as_str());
        crate::text::with_key(|key| {
            self.aliases
                .longest(toks.len() - i, key, syllable, |_, _| true)
                .map(|(len, p)| (len, p as usize))
        })
    }
}

/// Whether token `j` goes on an alias begun before it: it follows the
/// token before with white space or a hyphen between, or with a comma or
/// another mark inside a clause (`học tập và làm theo tư tưởng, đạo đức,
/// phong cách Hồ Chí Minh`, a name the table writes without its commas),
/// though not across a sentence's end or a line break.
fn in_alias(toks: &[Token], j: usize) -> bool {
    contiguous(toks, j) || (j > 0 && toks[j].gap & (gap::CLAUSE | gap::STOP) == gap::CLAUSE)
}

/// `nâng cao` / `kiểu mẫu` right after a nông thôn mới mention.
pub fn ntm_level(toks: &[Token], at: usize) -> Option<&'static str> {
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
pub fn ocop_stars(toks: &[Token], at: usize) -> Option<u8> {
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
        // What the build script compiled is what the table gives.
        let parsed = Programs::parse(DATA).expect("table");
        assert_eq!(parsed.all(), p.all());
        assert!(parsed.aliases.iter().eq(p.aliases.iter()));
        assert!(parsed.folded.iter().eq(p.folded.iter()));
        assert_eq!(parsed.first, p.first);
        let e = Programs::parse("# c\nntm\tNông thôn mới\tNTM\nocop\tOCOP\n").expect_err("bad");
        assert!(e.starts_with("line 3:"), "{e}");
        let e = Programs::parse("ntm\tNông thôn mới\tNTM\n\nocop\t \tOCOP\n").expect_err("bad");
        assert!(e.starts_with("line 3: an empty column"), "{e}");
    }

    /// The aliases found at every token are those the walk finds without
    /// the tests of syllables and pairs before it: aliases of one syllable
    /// (`NTM`), longer ones (`chương trình OCOP`), and the first syllables
    /// of aliases before a word no alias goes on with (`các xã`, `Nông
    /// nghiệp`, `xây nhà`, `chương trình khác`).
    #[test]
    fn the_pair_test_finds_what_the_walk_finds() {
        let p = Programs::bundled().expect("bundled table");
        let text = "Các xã đạt chuẩn NTM; chương trình OCOP và chương trình khác. \
                    Nông nghiệp, xây nhà, xây dựng nông thôn mới, OCOP 4 sao, các chương \
                    trình mục tiêu quốc gia, nông thôn mới.";
        let toks = crate::text::tokens(text);
        let marks = crate::text::marks(&toks);
        let mut found = 0;
        let mut skipped = 0;
        for i in 0..toks.len() {
            let syllable =
                |k: usize| (k == 0 || in_alias(&toks, i + k)).then(|| toks[i + k].exact.as_str());
            let mut key = String::new();
            let walked = p
                .aliases
                .longest(toks.len() - i, &mut key, syllable, |_, _| true)
                .map(|(len, id)| (len, id as usize));
            assert_eq!(p.match_at(&toks, i), walked, "at {}", toks[i].exact);
            // The marks answer a token no alias opens at without it, and
            // never one an alias opens at.
            assert!(
                p.may_open(marks[i]) || walked.is_none(),
                "at {}",
                toks[i].exact
            );
            found += usize::from(walked.is_some());
            skipped += usize::from(!p.may_open(marks[i]));
        }
        assert!(found >= 5, "{found}");
        assert!(skipped >= 10, "{skipped}");
        assert!(!p.singles.is_empty() && !p.pairs.is_empty());
    }
}

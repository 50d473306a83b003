//! Abbreviations and their full forms (`NTM` ↔ `nông thôn mới`), from the
//! data file `data/abbreviations.tsv`. Every form of an entry is kept in a
//! [`PhraseDict`] of its folded syllables, so a query written any way
//! finds the entry. The bundled table is compiled by the build script
//! (`src/abbrev_table.rs`) and read where it lies; a table given as text
//! is compiled the same way at run time.

use std::borrow::Cow;

use crate::phrases::PhraseDict;

const DATA: &str = include_str!("../data/abbreviations.tsv");

mod bundled {
    use std::borrow::Cow;
    // `FORMS`, `STARTS`, `ITEMS`: written by the build script.
    include!(concat!(env!("OUT_DIR"), "/abbreviations.rs"));
    pub(super) const DICT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/abbreviations.bin"));
}

/// The abbreviation table.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    /// Per entry, its forms: normalized syllables joined by spaces.
    forms: Cow<'static, [Cow<'static, [Cow<'static, str>]>]>,
    /// Folded form → number of its list of (entry, form) pairs.
    folded: PhraseDict,
    /// List `i` is `items[starts[i]..starts[i + 1]]`.
    starts: Cow<'static, [u32]>,
    items: Cow<'static, [(u32, u32)]>,
}

/// A form found in a syllable sequence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AbbrevMatch {
    /// The entry it belongs to.
    pub entry: usize,
    /// How many syllables it covers.
    pub len: usize,
}

impl Abbreviations {
    /// The table shipped with vietdex (`data/abbreviations.tsv`), compiled
    /// by the build script. Should its dictionary be unreadable, the
    /// table is compiled from the text instead.
    pub fn bundled() -> Result<Abbreviations, String> {
        match PhraseDict::new(Cow::Borrowed(bundled::DICT)) {
            Ok(folded) => Ok(Abbreviations {
                forms: Cow::Borrowed(bundled::FORMS),
                folded,
                starts: Cow::Borrowed(bundled::STARTS),
                items: Cow::Borrowed(bundled::ITEMS),
            }),
            Err(_) => Abbreviations::parse(DATA),
        }
    }

    /// Parses the table format: `SHORT[,SHORT…] TAB FULL FORM`, `#` comments
    /// ([`crate::tsv`]); a row without both columns is an error naming its
    /// line.
    pub fn parse(text: &str) -> Result<Abbreviations, String> {
        let c = crate::abbrev_table::compile("abbreviations", text)?;
        let mut starts = vec![0];
        let mut items = Vec::new();
        for list in c.lists {
            items.extend(list);
            starts.push(items.len() as u32);
        }
        Ok(Abbreviations {
            forms: c
                .forms
                .into_iter()
                .map(|f| Cow::Owned(f.into_iter().map(Cow::Owned).collect()))
                .collect(),
            folded: c.dict.build(),
            starts: Cow::Owned(starts),
            items: Cow::Owned(items),
        })
    }

    /// The (entry, form) pairs of list `i`.
    fn list(&self, i: u32) -> &[(u32, u32)] {
        let i = i as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    /// The longest form that starts at syllable `i`, given the normalized
    /// and folded syllables of a text. A form matches exactly, or folded
    /// when the text was written without diacritics; a one-syllable form
    /// shorter than three letters matches only exactly (`tu` is not `TƯ`).
    /// Of forms of one length, the last in the table wins.
    pub fn match_at(&self, exact: &[&str], folded: &[&str], i: usize) -> Option<AbbrevMatch> {
        let n = exact.len().min(folded.len()).checked_sub(i)?;
        let mut best = None;
        let mut key = String::new();
        self.folded.walk(
            n,
            &mut key,
            |k| Some(folded[i + k]),
            |len, list| {
                let typed_plain = exact[i..i + len] == folded[i..i + len];
                let short = len == 1 && folded[i].chars().count() < 3;
                for &(e, f) in self.list(list) {
                    let form = self.form(e as usize, f as usize);
                    let exactly = form.split(' ').eq(exact[i..i + len].iter().copied());
                    if exactly || (typed_plain && !short) {
                        best = Some(AbbrevMatch {
                            entry: e as usize,
                            len,
                        });
                    }
                }
            },
        );
        best
    }

    fn form(&self, entry: usize, form: usize) -> &str {
        self.forms
            .get(entry)
            .and_then(|f| f.get(form))
            .map_or("", |f| f.as_ref())
    }

    /// Every form of an entry: its normalized syllables joined by spaces.
    pub fn forms(&self, entry: usize) -> impl Iterator<Item = &str> + '_ {
        self.forms
            .get(entry)
            .into_iter()
            .flat_map(|f| f.iter().map(|s| s.as_ref()))
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.forms.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.forms.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;
    use crate::token::{Analysis, Analyzer};

    fn analyze(text: &str) -> Analysis {
        Analyzer::new().skipping_foldless().analyze(text)
    }

    static BUNDLED: LazyLock<Abbreviations> =
        LazyLock::new(|| Abbreviations::bundled().expect("bundled table"));

    fn expand(q: &str) -> Vec<String> {
        let a = &*BUNDLED;
        let toks = analyze(q);
        let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
        let m = a.match_at(&exact, &folded, 0).expect(q);
        assert_eq!(m.len, folded.len(), "{q}");
        a.forms(m.entry).map(str::to_string).collect()
    }

    #[test]
    fn both_directions() {
        assert_eq!(expand("NTM"), ["ntm", "nông thôn mới"]);
        assert_eq!(expand("nông thôn mới"), ["ntm", "nông thôn mới"]);
        assert_eq!(expand("nong thon moi"), ["ntm", "nông thôn mới"]);
        assert_eq!(expand("Ủy ban nhân dân"), ["ubnd", "ủy ban nhân dân"]);
        assert_eq!(expand("uỷ ban nhân dân"), ["ubnd", "ủy ban nhân dân"]);
        assert_eq!(expand("hdnd"), ["hđnd", "hội đồng nhân dân"]);
        assert_eq!(
            expand("TP.HCM"),
            ["tp.hcm", "tphcm", "tp hcm", "thành phố hồ chí minh"]
        );
        assert_eq!(expand("TP"), ["tp", "thành phố"]);
        assert_eq!(expand("KT-XH"), ["kt-xh", "ktxh", "kinh tế xã hội"]);
        assert_eq!(expand("OCOP"), ["ocop", "mỗi xã một sản phẩm"]);
    }

    #[test]
    fn longest_form_wins() {
        let a = &*BUNDLED;
        let toks = analyze("thành phố hồ chí minh");
        let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(a.match_at(&exact, &folded, 0).map(|m| m.len), Some(5));
    }

    #[test]
    fn folded_matches_need_plain_typing_and_length() {
        let a = &*BUNDLED;
        let check = |q: &str| {
            let toks = analyze(q);
            let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
            let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
            a.match_at(&exact, &folded, 0).is_some()
        };
        assert!(check("TƯ"));
        assert!(!check("tu"));
        assert!(!check("tứ"));
        assert!(check("hdnd"));
        assert!(!check("nông thon mới"));
    }

    #[test]
    fn data_file_parses_into_what_the_build_script_compiled() {
        let parsed = Abbreviations::parse(DATA).expect("bundled table");
        let a = &*BUNDLED;
        assert!(matches!(a.forms, Cow::Borrowed(_)), "compiled, not parsed");
        assert_eq!(parsed.len(), a.len());
        for e in 0..a.len() {
            assert!(parsed.forms(e).eq(a.forms(e)), "entry {e}");
        }
        assert_eq!(
            (parsed.starts, parsed.items),
            (a.starts.clone(), a.items.clone())
        );
        assert!(parsed.folded.iter().eq(a.folded.iter()));
        assert!(BUNDLED.len() > 50);
        assert!(Abbreviations::parse("NTM nông thôn mới").is_err());
    }
}

//! Abbreviations and their full forms (`NTM` ↔ `nông thôn mới`), from the
//! data file `data/abbreviations.tsv`. Every form of an entry is kept as its
//! sequence of folded syllables, so a query written any way finds the entry.

use rustc_hash::FxHashMap;

use crate::tokenizer::analyze;

const DATA: &str = include_str!("../data/abbreviations.tsv");

/// The abbreviation table.
#[derive(Debug, Clone, Default)]
pub struct Abbreviations {
    /// entry → forms → normalized syllables
    entries: Vec<Vec<Vec<String>>>,
    /// folded first syllable → (entry, form) whose form starts with it
    by_first: FxHashMap<String, Vec<(usize, usize)>>,
    /// per (entry, form): folded syllables
    folded: Vec<Vec<Vec<String>>>,
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
    /// The table shipped with vietdex (`data/abbreviations.tsv`).
    pub fn bundled() -> Result<Abbreviations, String> {
        Abbreviations::parse(DATA)
    }

    /// Parses the table format: `SHORT[,SHORT…] TAB FULL FORM`, `#` comments
    /// ([`crate::tsv`]); a row without both columns is an error naming its
    /// line.
    pub fn parse(text: &str) -> Result<Abbreviations, String> {
        let mut t = Abbreviations::default();
        let rows = crate::tsv::all_rows::<(String, String)>("abbreviations", text)
            .map_err(|bad| format!("{bad} (expected SHORT<TAB>FULL)"))?;
        for (_, (shorts, full)) in rows {
            let full = full.as_str();
            let mut forms: Vec<Vec<String>> = Vec::new();
            let mut folded: Vec<Vec<String>> = Vec::new();
            for form in shorts.split(',').chain(std::iter::once(full)) {
                let toks = analyze(form.trim());
                if toks.is_empty() {
                    continue;
                }
                let f: Vec<String> = toks.iter().map(|t| t.folded.clone()).collect();
                if folded.contains(&f) {
                    continue;
                }
                forms.push(toks.into_iter().map(|t| t.exact).collect());
                folded.push(f);
            }
            let entry = t.entries.len();
            for (i, f) in folded.iter().enumerate() {
                t.by_first.entry(f[0].clone()).or_default().push((entry, i));
            }
            t.entries.push(forms);
            t.folded.push(folded);
        }
        Ok(t)
    }

    /// The longest form that starts at syllable `i`, given the normalized
    /// and folded syllables of a text. A form matches exactly, or folded
    /// when the text was written without diacritics; a one-syllable form
    /// shorter than three letters matches only exactly (`tu` is not `TƯ`).
    pub fn match_at(&self, exact: &[&str], folded: &[&str], i: usize) -> Option<AbbrevMatch> {
        let cands = self.by_first.get(*folded.get(i)?)?;
        cands
            .iter()
            .filter(|&&(e, f)| {
                let form = &self.folded[e][f];
                let n = form.len();
                if exact.len() < i + n || folded.len() < i + n {
                    return false;
                }
                if self.entries[e][f]
                    .iter()
                    .zip(&exact[i..])
                    .all(|(a, b)| a == b)
                {
                    return true;
                }
                let typed_plain = exact[i..i + n] == folded[i..i + n];
                let short = n == 1 && form[0].chars().count() < 3;
                typed_plain && !short && form.iter().zip(&folded[i..]).all(|(a, b)| a == b)
            })
            .map(|&(e, f)| AbbrevMatch {
                entry: e,
                len: self.folded[e][f].len(),
            })
            .max_by_key(|m| m.len)
    }

    /// Every form of an entry, as normalized syllables.
    pub fn forms(&self, entry: usize) -> &[Vec<String>] {
        self.entries.get(entry).map_or(&[], Vec::as_slice)
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static BUNDLED: LazyLock<Abbreviations> =
        LazyLock::new(|| Abbreviations::bundled().expect("bundled table"));

    fn expand(q: &str) -> Vec<String> {
        let a = &*BUNDLED;
        let toks = analyze(q);
        let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
        let m = a.match_at(&exact, &folded, 0).expect(q);
        assert_eq!(m.len, folded.len(), "{q}");
        a.forms(m.entry).iter().map(|f| f.join(" ")).collect()
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
    fn data_file_parses() {
        assert!(Abbreviations::parse(DATA).is_ok());
        assert!(BUNDLED.len() > 50);
        assert!(Abbreviations::parse("NTM nông thôn mới").is_err());
    }
}

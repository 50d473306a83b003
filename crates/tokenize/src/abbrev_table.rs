//! The abbreviation table (`data/abbreviations.tsv` or a user's) compiled
//! into what [`crate::Abbreviations`] reads: each entry's forms, and a
//! phrase dictionary of the forms' folded syllables. The build script
//! compiles the bundled table with this same file, so a command reads it
//! ready-made.

use crate::phrases::PhraseBuilder;
use crate::token::Analyzer;

/// A compiled abbreviation table.
pub struct Compiled {
    /// Per entry, its forms, each its normalized syllables joined by
    /// single spaces (short forms first, then the full form).
    pub forms: Vec<Vec<String>>,
    /// Folded form → the number of its list in `lists`.
    pub dict: PhraseBuilder,
    /// Per folded form, the (entry, form) pairs that have it, in table
    /// order.
    pub lists: Vec<Vec<(u32, u32)>>,
}

/// Compiles the table `text` (named `file` in errors): `SHORT[,SHORT…] TAB
/// FULL FORM` rows, `#` comments ([`crate::tsv`]); a row without both
/// columns is an error naming its file and line.
pub fn compile(file: &str, text: &str) -> Result<Compiled, String> {
    let rows = crate::tsv::all_rows::<(String, String)>(file, text)
        .map_err(|bad| format!("{bad} (expected SHORT<TAB>FULL)"))?;
    let mut c = Compiled {
        forms: Vec::new(),
        dict: PhraseBuilder::new(),
        lists: Vec::new(),
    };
    for (_, (shorts, full)) in rows {
        let mut forms: Vec<String> = Vec::new();
        let mut folded: Vec<String> = Vec::new();
        for form in shorts.split(',').chain(std::iter::once(full.as_str())) {
            let toks = Analyzer::new().skipping_foldless().analyze(form.trim());
            if toks.is_empty() {
                continue;
            }
            let f = toks
                .iter()
                .map(|t| t.folded.as_str())
                .collect::<Vec<_>>()
                .join(" ");
            if folded.contains(&f) {
                continue;
            }
            forms.push(
                toks.iter()
                    .map(|t| t.exact.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
            folded.push(f);
        }
        let entry = c.forms.len() as u32;
        for (i, f) in folded.iter().enumerate() {
            let list = c.dict.insert(f, c.lists.len() as u32) as usize;
            if list == c.lists.len() {
                c.lists.push(Vec::new());
            }
            c.lists[list].push((entry, i as u32));
        }
        c.forms.push(forms);
    }
    Ok(c)
}

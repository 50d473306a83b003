//! Every form a text is indexed in, from one analysis.
//!
//! A document is searched in three forms: its exact (normalized) syllables,
//! its folded syllables, and the folded pairs of adjacent common syllables
//! inside a word (see [`crate::is_pair`]). [`IndexForms`] computes all three from the
//! [`Token`]s of one analysis, which carry both forms, and writes
//! each form as its terms joined by [`TERM_SEPARATOR`]: a search engine
//! then only splits them to build its postings, and the analysis runs where
//! the caller wants it (in parallel, before the engine's writer).
//!
//! The terms are exactly those of [`crate::Tokens`] in each form and of the
//! pair tokenizer, in the same order (the tests pin it), so documents and
//! queries (which go through [`Analyzer`]) meet on the same terms.

use std::collections::hash_map::Entry;

use rustc_hash::FxHashMap;

use crate::common::is_common_pair;
use crate::token::{Analyzer, Token};
use crate::tokenizer::Span;

/// Separates the terms of an encoded form. No term contains it: a term
/// never holds whitespace.
pub const TERM_SEPARATOR: char = '\n';

/// A text's terms in the three indexed forms, each encoded as its terms
/// joined by [`TERM_SEPARATOR`].
///
/// ```
/// use vietdex_tokenize::IndexForms;
///
/// let f = IndexForms::of("Hà Nội, Đà Nẵng");
/// assert_eq!(f.exact, "hà\nnội\nđà\nnẵng");
/// let g = IndexForms::of("Đà Nẵng, đà nẵng, Đà nẵng");
/// assert_eq!(g.distinct_exact, "đà\nnẵng");
/// assert_eq!(f.folded, "ha\nnoi\nda\nnang");
/// assert_eq!(f.pairs, "ha noi\nda nang");
/// assert_eq!(f.folded_terms().count(), 4);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IndexForms {
    /// Normalized syllables (NFC, canonical tone placement, lowercase).
    pub exact: String,
    /// The exact terms each once, in the order they first occur: what an
    /// index that records only which documents hold a term needs (an
    /// article's body repeats most of its syllables, and each repetition
    /// would cost the engine's writer another lookup).
    pub distinct_exact: String,
    /// Folded syllables (no tone or quality marks, `đ` → `d`).
    pub folded: String,
    /// Pairs of adjacent common folded syllables inside a word, `"ha noi"`
    /// ([`crate::is_pair`]).
    pub pairs: String,
    /// The byte span in the text of each folded term, in order: the tokens
    /// of [`Analyzer::skipping_foldless`] (a token of nothing but marks,
    /// which folds away, has an exact term and no span here).
    pub spans: Vec<Span>,
}

impl IndexForms {
    /// The forms of `text`.
    pub fn of(text: &str) -> IndexForms {
        let mut forms = IndexForms::default();
        forms.analyze(text);
        forms
    }

    /// Replaces the forms with those of `text`, reusing the strings'
    /// memory. The tokens come from [`Analyzer`] (its memo of token texts:
    /// each distinct text is normalized once per thread).
    pub fn analyze(&mut self, text: &str) {
        self.from_tokens(&Analyzer::new().analyze(text), 0);
    }

    /// Replaces the forms with those of `tokens`, the tokens [`Analyzer`]
    /// gives a text (not split at apostrophes), or a run of them: exact
    /// terms, folded terms and pairs as they come, with no normalization.
    /// `offset` is where the text the spans should point into starts (a
    /// document's body after its headline).
    pub fn from_tokens(&mut self, tokens: &[Token], offset: usize) {
        self.exact.clear();
        self.distinct_exact.clear();
        self.folded.clear();
        self.pairs.clear();
        self.spans.clear();
        // The previous folded term and its id when it was common.
        let mut prev_common: Option<(&str, u16)> = None;
        // Each exact term's hash, with the token that first had it.
        let mut seen: FxHashMap<u64, usize> =
            FxHashMap::with_capacity_and_hasher(tokens.len(), Default::default());
        for (i, t) in tokens.iter().enumerate() {
            push_term(&mut self.exact, |out| out.push_str(&t.exact));
            let first = match seen.entry(t.hash) {
                Entry::Vacant(v) => {
                    v.insert(i);
                    true
                }
                // Another term with the same hash is written again each
                // time: never lost, only not deduplicated.
                Entry::Occupied(o) => tokens[*o.get()].exact != t.exact,
            };
            if first {
                push_term(&mut self.distinct_exact, |out| out.push_str(&t.exact));
            }
            if push_term(&mut self.folded, |out| out.push_str(&t.folded)).is_none() {
                continue;
            }
            self.spans.push(Span {
                start: t.start - offset,
                end: t.end - offset,
            });
            if let (Some(id), Some((prev, prev_id))) = (t.common, prev_common)
                && is_common_pair(prev_id, id)
            {
                if !self.pairs.is_empty() {
                    self.pairs.push(TERM_SEPARATOR);
                }
                self.pairs.push_str(prev);
                self.pairs.push(' ');
                self.pairs.push_str(&t.folded);
            }
            prev_common = t.common.map(|id| (t.folded.as_str(), id));
        }
    }

    /// The exact terms, in text order.
    pub fn exact_terms(&self) -> impl Iterator<Item = &str> {
        terms(&self.exact)
    }

    /// The folded terms, in text order.
    pub fn folded_terms(&self) -> impl Iterator<Item = &str> {
        terms(&self.folded)
    }

    /// The exact terms each once, in the order they first occur.
    pub fn distinct_exact_terms(&self) -> impl Iterator<Item = &str> {
        terms(&self.distinct_exact)
    }

    /// The pair terms, in text order.
    pub fn pair_terms(&self) -> impl Iterator<Item = &str> {
        terms(&self.pairs)
    }

    /// Whether every exact term has a folded term (no token of nothing but
    /// marks): then the exact terms, the folded terms and
    /// [`IndexForms::spans`] go together one to one.
    pub fn aligned(&self) -> bool {
        self.exact_terms().count() == self.spans.len()
    }
}

/// The terms of an encoded form.
pub fn terms(encoded: &str) -> impl Iterator<Item = &str> {
    encoded.split(TERM_SEPARATOR).filter(|t| !t.is_empty())
}

/// Appends a term written by `write` to an encoded form, with a separator
/// before it when the form is not empty; a term that comes out empty is
/// taken back. Returns the term's range in `out`.
fn push_term(out: &mut String, write: impl FnOnce(&mut String)) -> Option<(usize, usize)> {
    let before = out.len();
    if before > 0 {
        out.push(TERM_SEPARATOR);
    }
    let start = out.len();
    write(out);
    if out.len() == start {
        out.truncate(before);
        return None;
    }
    Some((start, out.len()))
}

#[cfg(test)]
mod tests {
    #[cfg(feature = "tantivy")]
    use tantivy_tokenizer_api::{TokenStream, Tokenizer};

    use super::*;
    #[cfg(feature = "tantivy")]
    use crate::{Form, PairTokenizer, VietnameseTokenizer};

    #[cfg(feature = "tantivy")]
    fn stream_terms<T: Tokenizer>(mut t: T, text: &str) -> Vec<String> {
        let mut s = t.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push(s.token().text.clone());
        }
        out
    }

    /// The terms of each Tantivy tokenizer, the same as the forms'.
    #[cfg(feature = "tantivy")]
    fn check_tokenizers(f: &IndexForms, text: &str) {
        let got = |it: &mut dyn Iterator<Item = &str>| it.map(str::to_string).collect::<Vec<_>>();
        assert_eq!(
            got(&mut f.exact_terms()),
            stream_terms(VietnameseTokenizer::new(Form::Exact), text),
            "exact: {text:?}"
        );
        assert_eq!(
            got(&mut f.folded_terms()),
            stream_terms(VietnameseTokenizer::new(Form::Folded), text),
            "folded: {text:?}"
        );
        assert_eq!(
            got(&mut f.pair_terms()),
            stream_terms(PairTokenizer::new(Form::Folded), text),
            "pairs: {text:?}"
        );
    }

    fn check(text: &str) {
        let f = IndexForms::of(text);
        #[cfg(feature = "tantivy")]
        check_tokenizers(&f, text);
        let got = |it: &mut dyn Iterator<Item = &str>| it.map(str::to_string).collect::<Vec<_>>();
        for t in f.exact_terms().chain(f.folded_terms()) {
            assert!(!t.contains(char::is_whitespace), "{t:?} in {text:?}");
        }
        // The distinct exact terms: those of the exact form, each once, in
        // the order they first occur.
        let mut distinct: Vec<String> = Vec::new();
        for t in f.exact_terms() {
            if !distinct.iter().any(|d| d == t) {
                distinct.push(t.to_string());
            }
        }
        assert_eq!(
            got(&mut f.distinct_exact_terms()),
            distinct,
            "distinct: {text:?}"
        );
        let analysed = Analyzer::new().skipping_foldless().analyze(text);
        let spans: Vec<(usize, usize)> = analysed.iter().map(|t| (t.start, t.end)).collect();
        assert_eq!(
            f.spans.iter().map(|s| (s.start, s.end)).collect::<Vec<_>>(),
            spans,
            "spans: {text:?}"
        );
        assert_eq!(
            got(&mut f.folded_terms()),
            analysed
                .iter()
                .map(|t| t.folded.to_string())
                .collect::<Vec<_>>(),
            "folded terms of analyze: {text:?}"
        );
        if f.aligned() {
            assert_eq!(
                got(&mut f.exact_terms()),
                analysed
                    .iter()
                    .map(|t| t.exact.to_string())
                    .collect::<Vec<_>>(),
                "exact terms of analyze: {text:?}"
            );
        }
    }

    #[test]
    fn the_same_terms_as_each_tokenizer() {
        for text in [
            "",
            "a",
            "Huyện Đại Từ xây dựng nông thôn mới, đạt 99,72% kế hoạch.",
            "Hoà Bình \u{301} NTM TP.HCM https://x.vn/a?b=c KT-XH COVID-19 6.598,6",
            "ông Khuông Việt Nam \u{301}\u{300} Hà\u{a0}Nội",
            "Huye\u{302}\u{323}n Đại Từ — e-mail: ubnd@thainguyen.gov.vn",
        ] {
            check(text);
        }
    }

    #[test]
    fn reused_forms_equal_fresh_ones() {
        let mut f = IndexForms::default();
        for text in ["Hà Nội, Đà Nẵng", "", "xã Vạn Thọ", "NTM"] {
            f.analyze(text);
            assert_eq!(f, IndexForms::of(text));
        }
    }

    proptest::proptest! {
        #[test]
        fn the_same_terms_on_any_text(text in "[ a-zA-Z0-9.,:/@_+\\-àáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÐ\u{300}\u{301}\u{303}\u{309}\u{323}\u{a0}\u{200b}\n]{0,80}") {
            check(&text);
        }
    }
}

//! Adjacent-syllable pairs (`hà nội` → one token `ha noi`), for phrase
//! search that need not read positions: a two-syllable phrase becomes one
//! term, a longer one is narrowed to documents holding all its pairs. Only
//! pairs of two common syllables inside a word or name are emitted (see
//! [`crate::is_pair`]).
//! The pair terms of a text are [`crate::IndexForms::pair_terms`]; the
//! Tantivy pair tokenizer (feature `tantivy`) emits the same.

/// The pair term of two syllables as the pair tokenizer writes it.
pub fn pair_term(a: &str, b: &str) -> String {
    format!("{a} {b}")
}

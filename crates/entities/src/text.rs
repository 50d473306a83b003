//! Tokens as the extractors see them.

use vietdex_tokenize::analyze;

/// A token with its normalized form and shape.
#[derive(Debug, Clone)]
pub struct Tok {
    /// Normalized form.
    pub exact: String,
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset past the token.
    pub end: usize,
    /// First letter upper case.
    pub capitalized: bool,
    /// Every letter upper case (an abbreviation).
    pub all_caps: bool,
    /// Only digits (and separators).
    pub digits: bool,
}

/// Tokenizes `text` for extraction.
pub fn tokens(text: &str) -> Vec<Tok> {
    analyze(text)
        .into_iter()
        .map(|t| {
            let src = &text[t.start..t.end];
            let first = src.chars().next().unwrap_or(' ');
            let letters = src.chars().filter(|c| c.is_alphabetic()).count();
            Tok {
                capitalized: first.is_uppercase(),
                all_caps: letters > 1
                    && src
                        .chars()
                        .filter(|c| c.is_alphabetic())
                        .all(char::is_uppercase),
                digits: first.is_ascii_digit(),
                exact: t.exact,
                start: t.start,
                end: t.end,
            }
        })
        .collect()
}

/// Whether token `i` follows token `i - 1` with only white space (or a
/// hyphen) between them: the two can belong to one name or phrase.
pub fn contiguous(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && text[toks[i - 1].end..toks[i].start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-' || c == '–')
}

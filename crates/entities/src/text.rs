//! Tokens as the extractors see them.

use vietdex_tokenize::chars::{any_case_vowel, is_letter};
use vietdex_tokenize::{Scanner, normalize_token_into};

/// Upper case, answered from the vowel table for Vietnamese letters.
pub fn is_upper(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_uppercase()
    } else if let Some((_, upper)) = any_case_vowel(c) {
        upper
    } else {
        c == 'Đ' || (c != 'đ' && c.is_uppercase())
    }
}

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
    let mut buf = Vec::new();
    Scanner::new(text)
        .filter_map(|sp| {
            let mut exact = String::new();
            normalize_token_into(&text[sp.start..sp.end], &mut exact, &mut buf, false);
            (!exact.is_empty()).then_some((exact, sp.start, sp.end))
        })
        .map(|(exact, start, end)| {
            let src = &text[start..end];
            let first = src.chars().next().unwrap_or(' ');
            let letters = src.chars().filter(|&c| is_letter(c)).count();
            Tok {
                capitalized: is_upper(first),
                all_caps: letters > 1 && src.chars().filter(|&c| is_letter(c)).all(is_upper),
                digits: first.is_ascii_digit(),
                exact,
                start,
                end,
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

//! Tokens as the extractors see them.

use compact_str::CompactString;
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
    /// Normalized form (a syllable fits inline: no allocation).
    pub exact: CompactString,
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
    let mut scratch = String::new();
    // About one token per six bytes of Vietnamese text.
    let mut out = Vec::with_capacity(text.len() / 6 + 1);
    for sp in Scanner::new(text) {
        scratch.clear();
        let src = &text[sp.start..sp.end];
        normalize_token_into(src, &mut scratch, &mut buf, false);
        if scratch.is_empty() {
            continue;
        }
        let first = src.chars().next().unwrap_or(' ');
        let capitalized = is_upper(first);
        // Only a capitalized token can be all capitals.
        let all_caps = capitalized && {
            let mut letters = 0;
            let mut all_upper = true;
            for c in src.chars().filter(|&c| is_letter(c)) {
                letters += 1;
                all_upper &= is_upper(c);
            }
            letters > 1 && all_upper
        };
        out.push(Tok {
            capitalized,
            all_caps,
            digits: first.is_ascii_digit(),
            exact: CompactString::from(scratch.as_str()),
            start: sp.start,
            end: sp.end,
        });
    }
    out
}

/// Whether token `i` follows token `i - 1` with only white space (or a
/// hyphen) between them: the two can belong to one name or phrase.
pub fn contiguous(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && text[toks[i - 1].end..toks[i].start]
            .chars()
            .all(|c| c.is_whitespace() || c == '-' || c == '–')
}

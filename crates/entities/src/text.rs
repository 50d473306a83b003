//! Tokens as the extractors see them.

use compact_str::CompactString;
use rustc_hash::FxHashMap;
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
        // `Rʼlấp`: the modifier-letter apostrophe counts as a letter for
        // the scanner; it joins two syllables as `R’lấp` does.
        let src = &text[sp.start..sp.end];
        if src.contains('ʼ') {
            let mut at = sp.start;
            for piece in src.split('ʼ') {
                push_token(text, at, at + piece.len(), &mut out, &mut scratch, &mut buf);
                at += piece.len() + 'ʼ'.len_utf8();
            }
        } else {
            push_token(text, sp.start, sp.end, &mut out, &mut scratch, &mut buf);
        }
    }
    out
}

/// Apostrophes that join the syllables of a highland name (`Đắk R’lấp`,
/// `Ia H'Drai`, `Cư Mʼgar`).
pub const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '‘'];

/// What a token's text alone decides: its normalized form and shape.
#[derive(Clone)]
struct Shape {
    exact: CompactString,
    capitalized: bool,
    all_caps: bool,
    digits: bool,
}

/// Distinct token texts remembered per thread before the memo starts over:
/// news repeats a few thousand syllables, so this bounds memory (a few MB)
/// without losing the repeats.
const MEMO_LIMIT: usize = 1 << 16;

thread_local! {
    /// Shapes of the token texts seen on this thread (`None`: no
    /// normalized form). Normalizing is a pure function of the text, so a
    /// remembered shape is the one [`shape`] would compute again.
    static MEMO: std::cell::RefCell<FxHashMap<CompactString, Option<Shape>>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// Appends the token at `start..end` of `text`, if it has a normalized form.
fn push_token(
    text: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Tok>,
    scratch: &mut String,
    buf: &mut Vec<char>,
) {
    let src = &text[start..end];
    let found = MEMO.with_borrow_mut(|memo| {
        if let Some(s) = memo.get(src) {
            return s.clone();
        }
        let s = shape(src, scratch, buf);
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(CompactString::from(src), s.clone());
        s
    });
    if let Some(s) = found {
        out.push(Tok {
            exact: s.exact,
            start,
            end,
            capitalized: s.capitalized,
            all_caps: s.all_caps,
            digits: s.digits,
        });
    }
}

/// The normalized form and shape of the token text `src`, if it has a
/// normalized form.
fn shape(src: &str, scratch: &mut String, buf: &mut Vec<char>) -> Option<Shape> {
    scratch.clear();
    normalize_token_into(src, scratch, buf, false);
    if scratch.is_empty() {
        return None;
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
    Some(Shape {
        capitalized,
        all_caps,
        digits: first.is_ascii_digit(),
        exact: CompactString::from(scratch.as_str()),
    })
}

/// Whether token `i` follows token `i - 1` with only white space (or a
/// hyphen) between them: the two can belong to one name or phrase. An
/// apostrophe written right after a prefix of one or two letters joins too
/// (`R’lấp`, `Tr’ hy`): a quotation mark closes a longer word.
pub fn contiguous(text: &str, toks: &[Tok], i: usize) -> bool {
    if i == 0 {
        return false;
    }
    let (prev, gap) = (&toks[i - 1], &text[toks[i - 1].end..toks[i].start]);
    // A line break (a headline's end, a paragraph's) never falls inside
    // a name or a phrase.
    if gap
        .chars()
        .all(|c| (c.is_whitespace() && c != '\n') || c == '-' || c == '–')
    {
        return true;
    }
    let mut chars = gap.chars();
    chars.next().is_some_and(|c| APOSTROPHES.contains(&c))
        && chars.all(|c| c == ' ')
        && prev.exact.chars().count() <= 2
        && prev.exact.chars().all(char::is_alphabetic)
}

/// Whether token `i` is joined to the one before by an apostrophe (`R’lấp`):
/// a syllable of the same name even in lower case.
pub fn apostrophe_joined(text: &str, toks: &[Tok], i: usize) -> bool {
    i > 0
        && text[toks[i - 1].end..toks[i].start].starts_with(APOSTROPHES)
        && contiguous(text, toks, i)
}

/// Two syllables joined by a space, without a heap allocation for the
/// usual short pair: the key of a two-syllable word or name.
pub fn pair(a: &str, b: &str) -> CompactString {
    let mut k = CompactString::with_capacity(a.len() + 1 + b.len());
    k.push_str(a);
    k.push(' ');
    k.push_str(b);
    k
}

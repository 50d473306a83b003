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
    /// What separates the token from the one before ([`gap`] bits; none
    /// for the first token).
    pub gap: u8,
    /// The word lists that hold `exact` ([`crate::words`] bits).
    pub class: u32,
    /// [`word_hash`] of `exact`.
    pub hash: u64,
}

impl Tok {
    /// Whether `exact` is in one of the word lists of `bits`
    /// ([`crate::words`]).
    pub fn is(&self, bits: u32) -> bool {
        self.class & bits != 0
    }

    /// Whether the text between this token and the one before has one of
    /// the [`gap`] properties of `bits`.
    pub fn gap_is(&self, bits: u8) -> bool {
        self.gap & bits != 0
    }
}

/// What the text between a token and the one before holds, as bits of
/// [`Tok::gap`]: the rules ask these questions of every token pair, so they
/// are answered once, when the text is tokenized.
pub mod gap {
    /// The two tokens can belong to one name or phrase (see
    /// [`super::contiguous`]).
    pub const JOINED: u8 = 1;
    /// The gap opens with an apostrophe.
    pub const APOSTROPHE: u8 = 2;
    /// Only white space without a line break, or nothing.
    pub const SPACE: u8 = 4;
    /// One of `. ! ? : " “ …` or a line break: a sentence may open after it.
    pub const STOP: u8 = 8;
    /// A hyphen or an en dash.
    pub const DASH: u8 = 16;
    /// A mark that ends a clause: one of `. , ; : ( ) [ ] " “ ” ! ? – -`.
    pub const CLAUSE: u8 = 32;
}

/// The hash of a normalized token text that [`Tok::hash`] holds: a table
/// of token texts can test a token against it without hashing its text.
pub fn word_hash(exact: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(exact)
}

/// The [`gap`] bits of `gap`, the text between a token whose normalized
/// form is `prev` and the next token.
fn gap_bits(gap: &str, prev: &str) -> u8 {
    use gap::*;
    let (mut bits, mut joined, mut space) = (0, true, true);
    for c in gap.chars() {
        let dash = c == '-' || c == '–';
        // A line break (a headline's end, a paragraph's) never falls inside
        // a name or a phrase.
        if !(c.is_whitespace() && c != '\n') {
            space = false;
            joined &= dash;
        }
        bits |= match c {
            '.' | '!' | '?' | ':' | '"' | '“' => STOP | CLAUSE,
            '\n' | '…' => STOP,
            '-' | '–' => DASH | CLAUSE,
            ',' | ';' | '(' | ')' | '[' | ']' | '”' => CLAUSE,
            _ => 0,
        };
    }
    if space {
        bits |= SPACE;
    }
    if gap.starts_with(APOSTROPHES) {
        bits |= APOSTROPHE;
        // `R’lấp`, `Tr’ hy`: after a prefix of one or two letters; a
        // quotation mark closes a longer word.
        joined |= gap.chars().skip(1).all(|c| c == ' ')
            && prev.chars().count() <= 2
            && prev.chars().all(char::is_alphabetic);
    }
    if joined {
        bits |= JOINED;
    }
    bits
}

/// Tokenizes `text` for extraction.
pub fn tokens(text: &str) -> Tokens {
    let mut out = SPARE.with_borrow_mut(std::mem::take);
    // About one token per six bytes of Vietnamese text, with room to spare.
    out.reserve(text.len() / 5 + 1);
    let mut buf = Vec::new();
    let mut scratch = String::new();
    MEMO.with_borrow_mut(|memo| {
        let mut push = |start: usize, end: usize, out: &mut Vec<Tok>| {
            push_token(text, start, end, out, memo, &mut scratch, &mut buf);
        };
        for sp in Scanner::new(text) {
            // `Rʼlấp`: the modifier-letter apostrophe counts as a letter for
            // the scanner; it joins two syllables as `R’lấp` does. Its first
            // byte is `CA`: a text without one has none.
            let src = &text[sp.start..sp.end];
            if src.bytes().any(|b| b == 0xca) && src.contains('ʼ') {
                let mut at = sp.start;
                for piece in src.split('ʼ') {
                    push(at, at + piece.len(), &mut out);
                    at += piece.len() + 'ʼ'.len_utf8();
                }
            } else {
                push(sp.start, sp.end, &mut out);
            }
        }
    });
    Tokens(out)
}

/// The tokens of a text. Their buffer goes back to the thread when they
/// are dropped, for the next text (up to [`SPARE_LIMIT`] tokens).
#[derive(Debug)]
pub struct Tokens(Vec<Tok>);

impl std::ops::Deref for Tokens {
    type Target = [Tok];

    fn deref(&self) -> &[Tok] {
        &self.0
    }
}

impl Drop for Tokens {
    fn drop(&mut self) {
        let mut buf = std::mem::take(&mut self.0);
        if buf.capacity() <= SPARE_LIMIT {
            buf.clear();
            // A thread being torn down keeps nothing.
            let _ = SPARE.try_with(|spare| {
                if let Ok(mut spare) = spare.try_borrow_mut()
                    && spare.capacity() < buf.capacity()
                {
                    *spare = buf;
                }
            });
        }
    }
}

/// Tokens kept for reuse per thread, at most (4 MB).
const SPARE_LIMIT: usize = 1 << 16;

thread_local! {
    /// An empty token buffer for the next text on this thread.
    static SPARE: std::cell::RefCell<Vec<Tok>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Apostrophes that join the syllables of a highland name (`Đắk R’lấp`,
/// `Ia H'Drai`, `Cư Mʼgar`).
pub const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '‘'];

/// What a token's text alone decides: its normalized form, shape, word
/// lists and hash.
#[derive(Clone)]
struct Shape {
    exact: CompactString,
    capitalized: bool,
    all_caps: bool,
    digits: bool,
    class: u32,
    hash: u64,
}

/// Distinct token texts remembered per thread before the memo starts over:
/// news repeats a few thousand syllables, so this bounds memory (a few MB)
/// without losing the repeats.
const MEMO_LIMIT: usize = 1 << 16;

/// Token texts and their shapes (`None`: no normalized form). A text of
/// up to 15 bytes (nearly every syllable) is keyed by its bytes and length
/// packed in one integer: hashed and compared in a few instructions.
#[derive(Default)]
struct Memo {
    short: FxHashMap<u128, Option<Shape>>,
    long: FxHashMap<CompactString, Option<Shape>>,
}

impl Memo {
    /// The packed key of a text of up to 15 bytes: its bytes, and its
    /// length in the last byte.
    fn key(src: &str) -> Option<u128> {
        let b = src.as_bytes();
        if b.len() > 15 {
            return None;
        }
        let mut bytes = [0u8; 16];
        bytes[..b.len()].copy_from_slice(b);
        bytes[15] = b.len() as u8;
        Some(u128::from_le_bytes(bytes))
    }

    fn get(&self, src: &str) -> Option<&Option<Shape>> {
        match Memo::key(src) {
            Some(k) => self.short.get(&k),
            None => self.long.get(src),
        }
    }

    fn insert(&mut self, src: &str, s: Option<Shape>) {
        if self.short.len() + self.long.len() >= MEMO_LIMIT {
            self.short.clear();
            self.long.clear();
        }
        match Memo::key(src) {
            Some(k) => self.short.insert(k, s),
            None => self.long.insert(CompactString::from(src), s),
        };
    }
}

thread_local! {
    /// Shapes of the token texts seen on this thread. Normalizing is a pure
    /// function of the text, so a remembered shape is the one [`shape`]
    /// would compute again.
    static MEMO: std::cell::RefCell<Memo> = std::cell::RefCell::new(Memo::default());
}

/// Appends the token at `start..end` of `text`, if it has a normalized form.
fn push_token(
    text: &str,
    start: usize,
    end: usize,
    out: &mut Vec<Tok>,
    memo: &mut Memo,
    scratch: &mut String,
    buf: &mut Vec<char>,
) {
    let src = &text[start..end];
    if let Some(known) = memo.get(src) {
        if let Some(s) = known {
            out.push(token(text, start, end, s, out.last()));
        }
        return;
    }
    let s = shape(src, scratch, buf);
    if let Some(s) = &s {
        out.push(token(text, start, end, s, out.last()));
    }
    memo.insert(src, s);
}

/// The token at `start..end` of `text` with the shape `s`, after `prev`.
#[inline]
fn token(text: &str, start: usize, end: usize, s: &Shape, prev: Option<&Tok>) -> Tok {
    Tok {
        exact: s.exact.clone(),
        start,
        end,
        capitalized: s.capitalized,
        all_caps: s.all_caps,
        digits: s.digits,
        gap: match prev {
            // Most tokens are one space apart.
            Some(p) if start == p.end + 1 && text.as_bytes()[p.end] == b' ' => {
                gap::JOINED | gap::SPACE
            }
            Some(p) => gap_bits(&text[p.end..start], &p.exact),
            None => 0,
        },
        class: s.class,
        hash: s.hash,
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
        class: crate::words::class_of(scratch),
        hash: word_hash(scratch),
        exact: CompactString::from(scratch.as_str()),
    })
}

/// Whether token `i` follows token `i - 1` with only white space (or a
/// hyphen) between them: the two can belong to one name or phrase. An
/// apostrophe written right after a prefix of one or two letters joins too
/// (`R’lấp`, `Tr’ hy`): a quotation mark closes a longer word.
pub fn contiguous(toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i].gap_is(gap::JOINED)
}

/// Whether token `i` is joined to the one before by an apostrophe (`R’lấp`):
/// a syllable of the same name even in lower case.
pub fn apostrophe_joined(toks: &[Tok], i: usize) -> bool {
    i > 0 && toks[i].gap & (gap::APOSTROPHE | gap::JOINED) == gap::APOSTROPHE | gap::JOINED
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The questions the rules asked of the text between two tokens, each
    /// as the rule asked it before the answers were kept in [`Tok::gap`].
    fn asked(gap: &str, prev: &str) -> u8 {
        let joined = gap
            .chars()
            .all(|c| (c.is_whitespace() && c != '\n') || c == '-' || c == '–')
            || {
                let mut chars = gap.chars();
                chars.next().is_some_and(|c| APOSTROPHES.contains(&c))
                    && chars.all(|c| c == ' ')
                    && prev.chars().count() <= 2
                    && prev.chars().all(char::is_alphabetic)
            };
        let mut bits = 0;
        for (yes, bit) in [
            (joined, gap::JOINED),
            (gap.starts_with(APOSTROPHES), gap::APOSTROPHE),
            (
                gap.chars().all(|c| c.is_whitespace() && c != '\n'),
                gap::SPACE,
            ),
            (gap.chars().any(|c| ".!?:\n\"“…".contains(c)), gap::STOP),
            (gap.chars().any(|c| "-–".contains(c)), gap::DASH),
            (
                gap.chars().any(|c| ".,;:()[]\"“”!?–-".contains(c)),
                gap::CLAUSE,
            ),
        ] {
            if yes {
                bits |= bit;
            }
        }
        bits
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn gap_bits_answer_what_the_rules_asked(
            gap in prop::collection::vec(prop::sample::select(vec![
                " ", " ", "  ", "\n", "\t", "\u{a0}", "-", "–", ".", ",", "'", "’", "ʼ", "‘",
                "\"", "“", "”", "…", "(", ")", "!", "?", ":", ";", "[", "]", "&", "/", "*",
            ]), 0..5).prop_map(|v| v.concat()),
            prev in prop::sample::select(vec!["a", "ab", "abc", "r", "tr", "1", "ab1", "ắk", "đắk"]),
        ) {
            prop_assert_eq!(gap_bits(&gap, prev), asked(&gap, prev));
            // The one-space shortcut of `token`.
            let text = format!("{prev}{gap}x");
            let toks = tokens(&text);
            if let [a, b] = &toks[..] {
                prop_assert_eq!(b.gap, asked(&text[a.end..b.start], &a.exact));
            }
        }
    }

    #[test]
    fn tokens_carry_their_words_and_hash() {
        let toks = tokens("Ông Nguyễn Văn Thi, huyện Đại Từ");
        let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        assert_eq!(exact, ["ông", "nguyễn", "văn", "thi", "huyện", "đại", "từ"]);
        assert!(toks[0].is(crate::words::TITLE));
        assert!(toks[1].is(crate::words::SURNAME));
        assert!(toks[4].is(crate::words::TYPE_WORD));
        assert!(!toks[3].is(crate::words::TYPE_WORD | crate::words::TITLE));
        assert!(toks.iter().all(|t| t.hash == word_hash(&t.exact)));
        assert_eq!(toks[0].gap, 0);
        assert!(toks[4].gap_is(gap::CLAUSE) && !toks[4].gap_is(gap::JOINED));
    }
}

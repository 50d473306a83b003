//! The one token type of vietdex's analysis, and the [`Analyzer`] that
//! builds it.
//!
//! A [`Token`] holds what every consumer asks of a token: its byte span in
//! the text, its normalized (exact) and folded forms, its shape (capital
//! first letter, all capitals, digits), what separates it from the token
//! before ([`gap`] bits), the id of its folded form when that is common
//! (the pairs the index keeps, see [`crate::is_pair`]), its hash, and a
//! slot for the consumer's own word classes (bits a caller's classifier
//! gives each distinct text, such as the entity rules' word lists).
//!
//! What a token's text alone decides (forms, shape, common, classes, hash)
//! is computed once per distinct text and remembered per thread (a bounded
//! memo): news repeats a few thousand syllables.
//!
//! ```
//! use vietdex_tokenize::Analyzer;
//!
//! let toks = Analyzer::new().analyze("Huyện Đại Từ");
//! assert_eq!((toks[1].exact.as_str(), toks[1].folded.as_str()), ("đại", "dai"));
//! assert_eq!((toks[1].start, toks[1].end), (8, 14));
//! assert!(toks[1].capitalized && !toks[1].all_caps);
//! ```

use compact_str::CompactString;
use rustc_hash::FxHashMap;

use crate::chars::{any_case_vowel, is_letter};
use crate::common::common_id;
use crate::normalize::token_forms_into;
use crate::tokenizer::Scanner;

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

/// Whether a token text is written as a syllable of a name is: capital
/// first letter, and not all in capitals ([`Token::name_like`]).
pub fn is_name_like(text: &str) -> bool {
    let mut cs = text.chars();
    cs.next().is_some_and(|c| c.is_uppercase()) && text.chars().any(|c| c.is_lowercase())
}

/// A token of a text: span, forms, shape, gap to the token before, word
/// classes and hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Normalized form (a syllable fits inline: no allocation).
    pub exact: CompactString,
    /// Folded form: normalized, without tone and quality marks, `đ` → `d`.
    /// Empty for a token of nothing but marks, which folds away.
    pub folded: CompactString,
    /// Byte offset in the text.
    pub start: usize,
    /// Byte offset past the token.
    pub end: usize,
    /// First letter upper case.
    pub capitalized: bool,
    /// Every letter upper case (an abbreviation).
    pub all_caps: bool,
    /// Upper-case first letter and some lower-case letter (`Thái`; not
    /// `A`, `B52` nor `HĐND`): written as a syllable of a name is.
    pub name_like: bool,
    /// Only digits (and separators).
    pub digits: bool,
    /// The id of the folded form when it is common ([`crate::common_id`]):
    /// the index keeps the pair of two adjacent common tokens that lie
    /// inside a word ([`crate::is_common_pair`]).
    pub common: Option<u16>,
    /// What separates the token from the one before ([`gap`] bits; none
    /// for the first token).
    pub gap: u8,
    /// The classes the analyzer's classifier gives `exact` (0 without one).
    pub class: u32,
    /// [`word_hash`] of `exact`.
    pub hash: u64,
}

impl Token {
    /// Whether `exact` is in one of the classes of `bits`.
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
/// [`Token::gap`]: rules ask these questions of every token pair, so they
/// are answered once, when the text is analysed.
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
    /// Only white space, line breaks included, and not nothing: the
    /// segmenter's words span no other gap.
    pub const BLANK: u8 = 64;
}

/// The hash of a normalized token text that [`Token::hash`] holds: a table
/// of token texts can test a token against it without hashing its text.
pub fn word_hash(exact: &str) -> u64 {
    use std::hash::BuildHasher;
    rustc_hash::FxBuildHasher.hash_one(exact)
}

/// Apostrophes that join the syllables of a highland name (`Đắk R’lấp`,
/// `Ia H'Drai`, `Cư Mʼgar`).
pub const APOSTROPHES: [char; 4] = ['\'', '’', 'ʼ', '‘'];

/// Gives the classes of a normalized token text (bits of [`Token::class`]).
pub type Classifier = fn(&str) -> u32;

fn no_classes(_: &str) -> u32 {
    0
}

/// Builds [`Token`]s; see the module documentation.
#[derive(Debug, Clone, Copy)]
pub struct Analyzer {
    classes: Classifier,
    split_modifier_apostrophe: bool,
    skip_foldless: bool,
}

impl Default for Analyzer {
    fn default() -> Self {
        Analyzer::new()
    }
}

impl Analyzer {
    /// An analyzer giving tokens no classes, with the scanner's tokens as
    /// they are.
    pub fn new() -> Analyzer {
        Analyzer {
            classes: no_classes,
            split_modifier_apostrophe: false,
            skip_foldless: false,
        }
    }

    /// The same analyzer, giving each token the classes `classes` gives its
    /// normalized text (asked once per distinct text and thread).
    pub fn with_classes(self, classes: Classifier) -> Analyzer {
        Analyzer { classes, ..self }
    }

    /// The same analyzer, splitting a token at the modifier-letter
    /// apostrophe `ʼ` (`Rʼlấp` → `R`, `lấp`), which the scanner counts as a
    /// letter: the two syllables are then joined as `R’lấp`'s are.
    pub fn splitting_modifier_apostrophe(self) -> Analyzer {
        Analyzer {
            split_modifier_apostrophe: true,
            ..self
        }
    }

    /// The same analyzer, leaving out a token whose folded form is empty
    /// (a token of nothing but marks, which folds away): the tokens are
    /// then those the index has a folded term and a span for
    /// ([`crate::IndexForms`]), and a token's gap is what separates it from
    /// the token kept before it.
    pub fn skipping_foldless(self) -> Analyzer {
        Analyzer {
            skip_foldless: true,
            ..self
        }
    }

    /// The tokens of `text`, in order; a token with no normalized form is
    /// left out.
    pub fn analyze(&self, text: &str) -> Analysis {
        // The tokens of an earlier text, kept for their buffer: each is
        // dropped where a token of this text is written over it, when its
        // memory is written anyway, not in a pass of its own.
        let mut out = SPARE.with_borrow_mut(std::mem::take);
        let mut n: usize = 0;
        // About one token per six bytes of Vietnamese text, with room to spare.
        let room = text.len() / 5 + 1;
        if out.capacity() < room {
            out.reserve(room - out.len());
        }
        let mut split = false;
        let mut buf = Vec::new();
        let mut scratch = <[String; 2]>::default();
        let memo_key = self.classes as usize;
        // The first byte of `ʼ` is `CA`: a text without one has none.
        let split_modifier =
            self.split_modifier_apostrophe && text.as_bytes().contains(&0xca) && text.contains('ʼ');
        SPANS.with_borrow_mut(|(spans, ids)| {
            // The token spans first, then the memo's answer for each, then
            // the tokens: the memo lookups, whose table does not fit in
            // the core's cache, run in a tight loop of independent loads
            // that the processor overlaps, not one between two tokens' work.
            spans.clear();
            for sp in Scanner::new(text) {
                let src = &text[sp.start..sp.end];
                if split_modifier && src.contains('ʼ') {
                    split = true;
                    let mut at = sp.start;
                    for piece in src.split('ʼ') {
                        spans.push((at, at + piece.len()));
                        at += piece.len() + 'ʼ'.len_utf8();
                    }
                } else {
                    spans.push((sp.start, sp.end));
                }
            }
            MEMO.with_borrow_mut(|memos| {
                let memo = memo_of(memos, memo_key);
                // Started over before a text rather than inside it, so
                // that the indices of one text stay valid.
                if memo.shapes.len() >= MEMO_LIMIT {
                    memo.clear();
                }
                ids.clear();
                // A short text is looked up by its bytes: the text is cut
                // at characters only for a long one or a new one.
                let bytes = text.as_bytes();
                ids.extend(spans.iter().map(|&(start, end)| {
                    let found = match Memo::key_of(&bytes[start..end]) {
                        Some(k) => memo.short.get(&k).copied(),
                        None => memo.long.get(&text[start..end]).copied(),
                    };
                    found.unwrap_or_else(|| {
                        let src = &text[start..end];
                        memo.insert(src, shape(src, self.classes, &mut scratch, &mut buf))
                    })
                }));
                for (&(start, end), &id) in spans.iter().zip(ids.iter()) {
                    if let Some(s) = &memo.shapes[id as usize] {
                        let gap = gap_after(text, start, n.checked_sub(1).map(|p| &out[p]));
                        match out.get_mut(n) {
                            Some(old) => write_token(old, start, end, s, gap),
                            None => out.push(token(start, end, s, gap)),
                        }
                        n += 1;
                    }
                }
            });
            // A very long text leaves no large buffers behind.
            if spans.capacity() > SPARE_LIMIT {
                *spans = Vec::new();
                *ids = Vec::new();
            }
        });
        if self.skip_foldless && out[..n].iter().any(|t| t.folded.is_empty()) {
            out.truncate(n);
            drop_foldless(text, &mut out);
            n = out.len();
        }
        Analysis {
            tokens: out,
            len: n,
            split,
        }
    }
}

/// Leaves out the tokens of `text` whose folded form is empty; the gap of
/// a token after one left out is then the text from the token kept before.
#[cold]
fn drop_foldless(text: &str, out: &mut Vec<Token>) {
    let mut kept: usize = 0;
    let mut after_dropped = false;
    for i in 0..out.len() {
        if out[i].folded.is_empty() {
            after_dropped = true;
            continue;
        }
        if after_dropped {
            let gap = match kept.checked_sub(1).map(|p| &out[p]) {
                Some(p) => gap_bits(&text[p.end..out[i].start], &p.exact),
                None => 0,
            };
            out[i].gap = gap;
            after_dropped = false;
        }
        out.swap(kept, i);
        kept += 1;
    }
    out.truncate(kept);
}

/// The tokens of a text. Their buffer goes back to the thread when they
/// are dropped, for the next text (up to `SPARE_LIMIT` tokens), with the
/// tokens in it: the next text's tokens are written over them.
#[derive(Debug)]
pub struct Analysis {
    /// The tokens, then those of an earlier text past `len`.
    tokens: Vec<Token>,
    /// The number of this text's tokens.
    len: usize,
    split: bool,
}

impl Analysis {
    /// Whether a scanner token was split at a modifier-letter apostrophe
    /// ([`Analyzer::splitting_modifier_apostrophe`]): then the tokens are
    /// not the scanner's one to one.
    pub fn split(&self) -> bool {
        self.split
    }
}

impl std::ops::Deref for Analysis {
    type Target = [Token];

    fn deref(&self) -> &[Token] {
        &self.tokens[..self.len]
    }
}

impl Drop for Analysis {
    fn drop(&mut self) {
        let buf = std::mem::take(&mut self.tokens);
        if buf.capacity() <= SPARE_LIMIT {
            // Kept with its tokens, which the next text's are written over
            // (see [`Analyzer::analyze`]). A thread being torn down keeps
            // nothing.
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

/// Tokens kept for reuse per thread, at most.
const SPARE_LIMIT: usize = 1 << 16;

thread_local! {
    /// An empty token buffer for the next text on this thread.
    static SPARE: std::cell::RefCell<Vec<Token>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// What a token's text alone decides.
#[derive(Clone)]
struct Shape {
    exact: CompactString,
    folded: CompactString,
    capitalized: bool,
    all_caps: bool,
    name_like: bool,
    digits: bool,
    common: Option<u16>,
    class: u32,
    hash: u64,
}

/// Distinct token texts remembered per thread before the memo starts over
/// (checked before each text, so one text's new texts can go past it):
/// news repeats a few thousand syllables, so this bounds memory (a few MB)
/// without losing the repeats.
const MEMO_LIMIT: usize = 1 << 16;

/// Token texts and their shapes (`None`: no normalized form). A text of
/// up to 15 bytes (nearly every syllable) is keyed by its bytes and length
/// packed in one integer: hashed and compared in a few instructions.
///
/// The tables map a text to the index of its shape; the shapes lie apart,
/// in the order the texts were first seen. The table entries stay small,
/// and the shapes of the frequent syllables, seen first, lie together.
#[derive(Default)]
struct Memo {
    /// The classifier the shapes were classified by (its address).
    classes: usize,
    /// Texts of up to 15 bytes, by their packed key ([`Memo::key`]).
    short: FxHashMap<u128, u32>,
    /// Longer texts.
    long: FxHashMap<CompactString, u32>,
    /// The shapes, indexed by the tables' values.
    shapes: Vec<Option<Shape>>,
}

impl Memo {
    /// The packed key of a text of up to 15 bytes: its bytes, and its
    /// length in the last byte.
    #[inline]
    fn key(src: &str) -> Option<u128> {
        Memo::key_of(src.as_bytes())
    }

    /// [`Memo::key`] of the bytes of a text.
    #[inline]
    fn key_of(b: &[u8]) -> Option<u128> {
        if b.len() > 15 {
            return None;
        }
        let n = b.len();
        let (lo, hi) = if n <= 8 {
            (load_le(b), 0)
        } else {
            (load_le(&b[..8]), load_le(&b[8..]))
        };
        Some(u128::from(lo) | (u128::from(hi | (n as u64) << 56) << 64))
    }

    fn clear(&mut self) {
        self.short.clear();
        self.long.clear();
        self.shapes.clear();
    }

    /// Remembers the shape of `src`; its index.
    fn insert(&mut self, src: &str, s: Option<Shape>) -> u32 {
        let at = self.shapes.len() as u32;
        self.shapes.push(s);
        match Memo::key(src) {
            Some(k) => self.short.insert(k, at),
            None => self.long.insert(CompactString::from(src), at),
        };
        at
    }
}

/// The bytes of `b` (at most 8) as a little-endian integer, read in at
/// most two loads rather than a copy of unknown length.
#[inline]
fn load_le(b: &[u8]) -> u64 {
    let n = b.len();
    match n {
        0 => 0,
        1..=3 => {
            u64::from(b[0])
                | u64::from(b[n / 2]) << (8 * (n / 2))
                | u64::from(b[n - 1]) << (8 * (n - 1))
        }
        4..=7 => {
            let head = u32::from_le_bytes([b[0], b[1], b[2], b[3]]);
            let tail = u32::from_le_bytes([b[n - 4], b[n - 3], b[n - 2], b[n - 1]]);
            u64::from(head) | u64::from(tail) << (8 * (n - 4))
        }
        _ => u64::from_le_bytes([b[0], b[1], b[2], b[3], b[4], b[5], b[6], b[7]]),
    }
}

/// Classifiers remembered per thread, each with its own memo: a thread
/// that analyses with the entity rules' classes and without any keeps both.
const MEMOS: usize = 4;

/// A text's token spans, and the index of each one's shape in the memo.
type Spans = (Vec<(usize, usize)>, Vec<u32>);

thread_local! {
    /// The [`Spans`] of the text being analysed on this thread.
    static SPANS: std::cell::RefCell<Spans> =
        const { std::cell::RefCell::new((Vec::new(), Vec::new())) };
}

thread_local! {
    /// Shapes of the token texts seen on this thread, per classifier.
    /// Normalizing is a pure function of the text, so a remembered shape is
    /// the one [`shape`] would compute again.
    static MEMO: std::cell::RefCell<Vec<Memo>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// The memo of the classifier whose address is `classes`, made (in place
/// of the oldest when [`MEMOS`] are kept) if there is none.
fn memo_of(memos: &mut Vec<Memo>, classes: usize) -> &mut Memo {
    let at = match memos.iter().position(|m| m.classes == classes) {
        Some(at) => at,
        None => {
            if memos.len() >= MEMOS {
                memos.remove(0);
            }
            memos.push(Memo {
                classes,
                ..Memo::default()
            });
            memos.len() - 1
        }
    };
    &mut memos[at]
}

/// Empties this thread's memos of token texts (tests compare a cold memo
/// with a warm one).
pub fn clear_memo() {
    MEMO.with_borrow_mut(Vec::clear);
}

/// The token at `start..end` of `text` with the shape `s` and the gap
/// bits `gap`.
#[inline]
fn token(start: usize, end: usize, s: &Shape, gap: u8) -> Token {
    Token {
        exact: s.exact.clone(),
        folded: s.folded.clone(),
        start,
        end,
        capitalized: s.capitalized,
        all_caps: s.all_caps,
        name_like: s.name_like,
        digits: s.digits,
        common: s.common,
        gap,
        class: s.class,
        hash: s.hash,
    }
}

/// Makes `old` (a token of an earlier text) the token [`token`] gives,
/// field by field: only its forms are dropped, in place.
#[inline]
fn write_token(old: &mut Token, start: usize, end: usize, s: &Shape, gap: u8) {
    old.exact.clone_from(&s.exact);
    old.folded.clone_from(&s.folded);
    old.start = start;
    old.end = end;
    old.capitalized = s.capitalized;
    old.all_caps = s.all_caps;
    old.name_like = s.name_like;
    old.digits = s.digits;
    old.common = s.common;
    old.gap = gap;
    old.class = s.class;
    old.hash = s.hash;
}

/// The [`gap`] bits of the token at `start` of `text` after `prev`.
#[inline]
fn gap_after(text: &str, start: usize, prev: Option<&Token>) -> u8 {
    match prev {
        // Most tokens are one space apart.
        Some(p) if start == p.end + 1 && text.as_bytes()[p.end] == b' ' => {
            gap::JOINED | gap::SPACE | gap::BLANK
        }
        Some(p) => gap_bits(&text[p.end..start], &p.exact),
        None => 0,
    }
}

/// The forms and shape of the token text `src`, if it has a normalized
/// form.
fn shape(
    src: &str,
    classes: Classifier,
    [exact, folded]: &mut [String; 2],
    buf: &mut Vec<char>,
) -> Option<Shape> {
    exact.clear();
    folded.clear();
    token_forms_into(src, exact, folded, buf);
    if exact.is_empty() {
        return None;
    }
    let exact = CompactString::from(exact.as_str());
    let folded = CompactString::from(folded.as_str());
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
        name_like: is_name_like(src),
        digits: first.is_ascii_digit(),
        common: common_id(&folded),
        class: classes(&exact),
        hash: word_hash(&exact),
        exact,
        folded,
    })
}

/// The [`gap`] bits of `gap`, the text between a token whose normalized
/// form is `prev` and the next token.
fn gap_bits(gap: &str, prev: &str) -> u8 {
    use gap::*;
    let (mut bits, mut joined, mut space, mut blank) = (0, true, true, true);
    for c in gap.chars() {
        blank &= c.is_whitespace();
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
    if blank && !gap.is_empty() {
        bits |= BLANK;
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

/// Whether token `i` follows token `i - 1` with only white space (or a
/// hyphen) between them: the two can belong to one name or phrase. An
/// apostrophe written right after a prefix of one or two letters joins too
/// (`R’lấp`, `Tr’ hy`): a quotation mark closes a longer word.
pub fn contiguous(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i].gap_is(gap::JOINED)
}

/// Whether token `i` is joined to the one before by an apostrophe (`R’lấp`):
/// a syllable of the same name even in lower case.
pub fn apostrophe_joined(toks: &[Token], i: usize) -> bool {
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

    #[test]
    fn memo_keys_pack_bytes_and_length() {
        // The bytes in order, zeros after them, the length in the last byte.
        let packed = |b: &[u8]| {
            let mut bytes = [0u8; 16];
            bytes[..b.len()].copy_from_slice(b);
            bytes[15] = b.len() as u8;
            u128::from_le_bytes(bytes)
        };
        let text = "ngườiĐắkR’lấp0123";
        for start in 0..text.len() {
            for end in start..=text.len().min(start + 16) {
                let Some(src) = text.get(start..end) else {
                    continue;
                };
                let want = (src.len() <= 15).then(|| packed(src.as_bytes()));
                assert_eq!(Memo::key(src), want, "{src:?}");
            }
        }
        // Texts that differ only in their length or a trailing zero byte.
        assert_ne!(Memo::key("aaaaaaaa"), Memo::key("aaaaaaaaa"));
        assert_ne!(Memo::key("a"), Memo::key("a\0"));
    }

    /// The questions the rules asked of the text between two tokens, each
    /// as the rule asked it before the answers were kept in [`Token::gap`].
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
                !gap.is_empty() && gap.chars().all(char::is_whitespace),
                gap::BLANK,
            ),
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
            let toks = Analyzer::new().analyze(&text);
            if let [a, b] = &toks[..] {
                prop_assert_eq!(b.gap, asked(&text[a.end..b.start], &a.exact));
            }
        }
    }

    fn check_contract(text: &str) -> Result<(), TestCaseError> {
        let cold = {
            clear_memo();
            Analyzer::new().analyze(text).to_vec()
        };
        let warm = Analyzer::new().analyze(text).to_vec();
        prop_assert_eq!(&cold, &warm);
        let spans: Vec<_> = Scanner::new(text)
            .filter(|s| !crate::normalize(&text[s.start..s.end]).is_empty())
            .map(|s| (s.start, s.end))
            .collect();
        prop_assert_eq!(
            cold.iter().map(|t| (t.start, t.end)).collect::<Vec<_>>(),
            spans
        );
        let mut last = 0;
        for t in &cold {
            prop_assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            prop_assert!(last <= t.start && t.start < t.end);
            last = t.end;
            let src = &text[t.start..t.end];
            prop_assert_eq!(t.exact.as_str(), &*crate::normalize(src));
            prop_assert_eq!(t.folded.as_str(), &*crate::fold(src));
            prop_assert_eq!(t.common, crate::common_id(&t.folded));
            prop_assert_eq!(t.hash, word_hash(&t.exact));
            prop_assert_eq!(t.class, 0);
        }
        // Skipping the tokens that fold away keeps the others, each with the
        // gap from the token kept before.
        let kept = Analyzer::new().skipping_foldless().analyze(text);
        let expected: Vec<&Token> = cold.iter().filter(|t| !t.folded.is_empty()).collect();
        prop_assert_eq!(kept.len(), expected.len());
        for (i, (k, e)) in kept.iter().zip(expected).enumerate() {
            let gap = match i.checked_sub(1).map(|p| &kept[p]) {
                Some(p) => gap_bits(&text[p.end..k.start], &p.exact),
                None => 0,
            };
            prop_assert_eq!(k, &Token { gap, ..e.clone() });
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn tokens_keep_their_contract(text in "[ a-zA-Z0-9.,:/@_+\\-'’ʼàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữỳýỵỷỹđĐÐ\u{300}\u{301}\u{303}\u{309}\u{323}\u{a0}\u{200b}\n]{0,80}") {
            check_contract(&text)?;
        }

        #[test]
        fn tokens_keep_their_contract_on_any_string(text in any::<String>()) {
            check_contract(&text)?;
        }
    }

    /// The tokens of a text written over those of an earlier text in the
    /// thread's buffer are the text's alone: none of a longer text before
    /// it is seen, a long token's heap form is replaced, and two analyses
    /// alive at once keep their own.
    #[test]
    fn tokens_written_over_an_earlier_text_are_the_texts_own() {
        let short = "Xã Vạn Thọ";
        let long =
            "huyện Đại Từ, https://thainguyen.gov.vn/tin-tuc/xa-van-tho-dat-chuan và Võ Nhai";
        let alone: Vec<Token> = Analyzer::new().analyze(short).to_vec();
        let earlier: Vec<Token> = Analyzer::new().analyze(long).to_vec();
        assert!(earlier.len() > alone.len() && earlier.iter().any(|t| t.exact.is_heap_allocated()));
        drop(Analyzer::new().analyze(long));
        let after = Analyzer::new().analyze(short);
        assert_eq!(*after, *alone);
        let both = Analyzer::new().analyze(long);
        assert_eq!((&*after, &*both), (&alone[..], &earlier[..]));
        drop(after);
        drop(both);
        assert_eq!(*Analyzer::new().analyze(long), *earlier);
    }

    #[test]
    fn tokens_that_fold_away_are_skipped_when_asked() {
        // U+0345 is a letter of nothing but a mark: it folds away.
        let text = "\u{345} Đại \u{345}\u{301} Từ,\u{345} ok";
        check_contract(text).expect("contract");
        let toks = Analyzer::new().analyze(text);
        assert_eq!(toks.len(), 6);
        let kept = Analyzer::new().skipping_foldless().analyze(text);
        let folded: Vec<&str> = kept.iter().map(|t| t.folded.as_str()).collect();
        assert_eq!(folded, ["dai", "tu", "ok"]);
        assert_eq!(kept[0].gap, 0);
        // `Từ` follows `Đại` across a token, not white space alone.
        assert!(toks[3].gap_is(gap::JOINED) && toks[3].gap_is(gap::BLANK));
        assert_eq!(kept[1].gap, 0);
        assert!(kept[2].gap_is(gap::CLAUSE));
    }

    #[test]
    fn a_classifier_gives_each_token_its_classes_and_splitting_is_asked_for() {
        let toks = Analyzer::new().analyze("Ông Nguyễn, huyện Đắk Rʼlấp");
        let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        assert_eq!(exact, ["ông", "nguyễn", "huyện", "đắk", "rʼlấp"]);
        assert!(toks.iter().all(|t| t.class == 0) && !toks.split());
        assert_eq!(toks[0].gap, 0);
        assert!(toks[2].gap_is(gap::CLAUSE) && !toks[2].gap_is(gap::JOINED));
        let a = Analyzer::new()
            .with_classes(|s| u32::from(s == "huyện"))
            .splitting_modifier_apostrophe();
        let toks = a.analyze("Ông Nguyễn, huyện Đắk Rʼlấp");
        let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        assert_eq!(exact, ["ông", "nguyễn", "huyện", "đắk", "r", "lấp"]);
        assert!(toks.split());
        assert_eq!(
            toks.iter().map(|t| t.class).collect::<Vec<_>>(),
            [0, 0, 1, 0, 0, 0]
        );
        assert!(apostrophe_joined(&toks, 5));
        // Another classifier on the same thread does not see the first one's
        // classes through the memos, and the first keeps its own.
        let toks = Analyzer::new().with_classes(|_| 4).analyze("huyện");
        assert_eq!(toks[0].class, 4);
        let toks = Analyzer::new().analyze("huyện");
        assert_eq!(toks[0].class, 0);
        assert_eq!(a.analyze("huyện")[0].class, 1);
    }
}

//! Tokens as the extractors see them: [`vietdex_tokenize::Token`]s with the
//! rules' word lists ([`crate::words`]) as their classes.

pub use vietdex_tokenize::Analysis;
use vietdex_tokenize::Analyzer;
pub use vietdex_tokenize::token::{Token, apostrophe_joined, contiguous, gap, pair, word_hash};

/// The analyzer of extraction: word-list classes, and `Rʼlấp` split at
/// its modifier-letter apostrophe (which the scanner counts as a letter)
/// so that it joins two syllables as `R’lấp` does.
pub fn analyzer() -> Analyzer {
    Analyzer::new()
        .with_classes(crate::words::class_of)
        .splitting_modifier_apostrophe()
}

/// Whether token `i` follows a dash set apart by white space (`Việt Nam -
/// Lào`, `Hà Nội – Hải Phòng`): [`contiguous`] joins the two tokens, yet
/// they belong to two names. A dash written tight (`Seung-Woo`, `Bà
/// Rịa-Vũng Tàu`) may join one name. One byte test, no allocation.
#[inline]
pub fn set_apart(text: &str, toks: &[Token], i: usize) -> bool {
    i > 0
        && toks[i].gap_is(gap::DASH)
        && text.as_bytes()[..toks[i].start]
            .last()
            .is_some_and(u8::is_ascii_whitespace)
}

/// The tokens `a..b` that lie in the byte span `start..end` (empty where
/// none does), by binary search: tokens are in text order.
pub(crate) fn tokens_in(toks: &[Token], start: usize, end: usize) -> (usize, usize) {
    (
        toks.partition_point(|t| t.start < start),
        toks.partition_point(|t| t.end <= end),
    )
}

/// A table of lists keyed by a token text, keyed instead by the text's
/// [`word_hash`], which a token carries ([`Token::hash`]): a lookup at a
/// token hashes nothing and reads no key's bytes. The lists of texts with
/// one hash (none, in practice) are joined in the order of their texts;
/// every use compares each entry's words with the tokens, the first
/// included, so an entry of another text is never taken.
pub(crate) fn by_hash<V: Clone>(
    table: &rustc_hash::FxHashMap<String, Vec<V>>,
) -> rustc_hash::FxHashMap<u64, Vec<V>> {
    let mut keys: Vec<&String> = table.keys().collect();
    keys.sort();
    let mut out: rustc_hash::FxHashMap<u64, Vec<V>> = rustc_hash::FxHashMap::default();
    for k in keys {
        out.entry(word_hash(k))
            .or_default()
            .extend(table[k].iter().cloned());
    }
    out
}

/// What the rules ask of every token, one word a token ([`marks`]): the
/// token's classes ([`crate::words`]) in the low 32 bits, then its
/// [`gap`] bits, its shape ([`mark`]) and 16 bits of its hash. A rule
/// reads these words, a few bytes a token that stay in the core's cache,
/// to skip to the tokens where it may open, and reads the tokens
/// (about 90 bytes each) only there.
pub(crate) mod mark {
    /// First letter upper case ([`super::Token::capitalized`]).
    pub const CAPITALIZED: u64 = 1 << 40;
    /// Every letter upper case ([`super::Token::all_caps`]).
    pub const ALL_CAPS: u64 = 1 << 41;
    /// Only digits ([`super::Token::digits`]).
    pub const DIGITS: u64 = 1 << 42;
    /// A token of one byte in the text.
    pub const ONE_BYTE: u64 = 1 << 43;
    /// Upper-case first letter and some lower-case letter
    /// ([`super::Token::name_like`]).
    pub const NAME_LIKE: u64 = 1 << 44;
    /// A token of at most four bytes in the text: one letter is no longer.
    pub const SHORT: u64 = 1 << 45;
    /// The first bit of the token's [`super::gap`] bits.
    pub const GAP_SHIFT: u32 = 32;
    /// The first bit of the 16 bits of the token's hash kept ([`hash16`]).
    pub const HASH_SHIFT: u32 = 48;

    /// The mark of the classes `bits` ([`crate::words`]).
    pub const fn class(bits: u32) -> u64 {
        bits as u64
    }

    /// The mark of one of the token's [`super::gap`] bits.
    pub const fn gap(bits: u8) -> u64 {
        (bits as u64) << GAP_SHIFT
    }

    /// The bits 32 to 47 of a token's hash ([`super::Token::hash`]), which
    /// its mark keeps: a table of hashes answers most tokens with them.
    pub const fn hash16(hash: u64) -> u64 {
        (hash >> 32) & 0xffff
    }
}

/// The mark of each token ([`mark`]), in one pass over the tokens.
pub(crate) fn marks(toks: &[Token]) -> Vec<u64> {
    toks.iter()
        .map(|t| {
            let mut m = u64::from(t.class)
                | u64::from(t.gap) << mark::GAP_SHIFT
                | mark::hash16(t.hash) << mark::HASH_SHIFT;
            if t.capitalized {
                m |= mark::CAPITALIZED;
            }
            if t.all_caps {
                m |= mark::ALL_CAPS;
            }
            if t.digits {
                m |= mark::DIGITS;
            }
            if t.name_like {
                m |= mark::NAME_LIKE;
            }
            if t.end - t.start == 1 {
                m |= mark::ONE_BYTE;
            }
            if t.end - t.start <= 4 {
                m |= mark::SHORT;
            }
            m
        })
        .collect()
}

/// The tokens whose marks have one of the bits of `any`, in order.
#[inline]
pub(crate) fn marked(marks: &[u64], any: u64) -> impl Iterator<Item = usize> + '_ {
    marks
        .iter()
        .enumerate()
        .filter(move |&(_, &m)| m & any != 0)
        .map(|(i, _)| i)
}

/// The first token from `i` on whose mark has one of the bits of `any`,
/// or the number of tokens.
#[inline]
pub(crate) fn next_marked(marks: &[u64], i: usize, any: u64) -> usize {
    marks
        .get(i..)
        .and_then(|rest| rest.iter().position(|&m| m & any != 0))
        .map_or(marks.len(), |k| i + k)
}

/// Tokenizes `text` for extraction.
pub fn tokens(text: &str) -> Analysis {
    analyzer().analyze(text)
}

thread_local! {
    /// The key buffer of dictionary walks on this thread.
    static KEY: std::cell::RefCell<String> = const { std::cell::RefCell::new(String::new()) };
}

/// Runs `f` with this thread's key buffer for a dictionary walk (a new
/// one while it is in use), so that a walk at every token allocates
/// nothing.
pub(crate) fn with_key<R>(f: impl FnOnce(&mut String) -> R) -> R {
    KEY.with(|k| match k.try_borrow_mut() {
        Ok(mut k) => f(&mut k),
        Err(_) => f(&mut String::new()),
    })
}

/// `s` with each run of white space made one space and none at either end:
/// a name as it is shown. Nearly every name is written that way already,
/// and is then only copied.
pub(crate) fn squash(s: &str) -> String {
    let mut prev_space = true;
    let clean = s.is_empty()
        || (s.chars().all(|c| {
            let ok = if c == ' ' {
                !prev_space
            } else {
                !c.is_whitespace()
            };
            prev_space = c == ' ';
            ok
        }) && !prev_space);
    if clean {
        s.to_string()
    } else {
        s.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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

    /// A token's mark holds its classes, gap, shape and the kept bits of
    /// its hash; the marked tokens are found in order, from where asked.
    #[test]
    fn marks_hold_what_the_tokens_hold() {
        let toks = tokens("Ông Nguyễn Văn Thi, huyện Đại Từ - U23 và HĐND 5 a");
        let marks = marks(&toks);
        assert_eq!(marks.len(), toks.len());
        for (t, &m) in toks.iter().zip(&marks) {
            assert_eq!(m & 0xffff_ffff, u64::from(t.class), "{}", t.exact);
            assert_eq!(
                (m >> mark::GAP_SHIFT) & 0xff,
                u64::from(t.gap),
                "{}",
                t.exact
            );
            assert_eq!(m >> mark::HASH_SHIFT, mark::hash16(t.hash), "{}", t.exact);
            assert_eq!(m & mark::CAPITALIZED != 0, t.capitalized, "{}", t.exact);
            assert_eq!(m & mark::ALL_CAPS != 0, t.all_caps, "{}", t.exact);
            assert_eq!(m & mark::NAME_LIKE != 0, t.name_like, "{}", t.exact);
            assert_eq!(m & mark::DIGITS != 0, t.digits, "{}", t.exact);
            assert_eq!(m & mark::ONE_BYTE != 0, t.end - t.start == 1, "{}", t.exact);
            assert_eq!(m & mark::SHORT != 0, t.end - t.start <= 4, "{}", t.exact);
        }
        let caps: Vec<&str> = marked(&marks, mark::CAPITALIZED)
            .map(|i| toks[i].exact.as_str())
            .collect();
        assert_eq!(
            caps,
            ["ông", "nguyễn", "văn", "thi", "đại", "từ", "u23", "hđnd"]
        );
        let surname = mark::class(crate::words::SURNAME);
        assert_eq!(next_marked(&marks, 0, surname), 1);
        // From a token on: the token itself counts, none after the last.
        assert_eq!(next_marked(&marks, 1, surname), 1);
        assert_eq!(next_marked(&marks, 2, mark::DIGITS), toks.len() - 2);
        assert_eq!(
            next_marked(&marks, toks.len() - 1, mark::DIGITS),
            toks.len()
        );
        assert_eq!(next_marked(&marks, toks.len(), mark::DIGITS), toks.len());
    }

    #[test]
    fn squash_is_split_and_join() {
        for s in [
            "",
            " ",
            "Đại Từ",
            " Đại Từ",
            "Đại Từ ",
            "Đại  Từ",
            "Đại\nTừ",
            "Đại\u{a0}Từ",
            "a\u{2009}b",
            "Thái",
            "x \t y",
        ] {
            assert_eq!(
                squash(s),
                s.split_whitespace().collect::<Vec<_>>().join(" "),
                "{s:?}"
            );
        }
    }
}

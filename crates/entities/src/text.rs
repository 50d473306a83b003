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

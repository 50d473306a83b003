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
}

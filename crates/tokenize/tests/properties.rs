//! Properties that must hold for any input: no panic, offsets on char
//! boundaries of the original text, NFC and NFD give the same tokens,
//! normalization is idempotent, segmentation never alters syllables.

use std::sync::LazyLock;

use proptest::prelude::*;
#[cfg(feature = "tantivy")]
use tantivy_tokenizer_api::{TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;
#[cfg(feature = "tantivy")]
use vietdex_tokenize::VietnameseTokenizer;
use vietdex_tokenize::{Analyzer, Form, Segmenter, Tokens, fold, normalize};

static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);

/// Strings rich in what trips tokenizers: Vietnamese letters in both cases,
/// combining marks, separators of numbers and abbreviations, invisible and
/// exotic characters.
fn viet_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Đại", "Từ", "hoà", "HÒA", "thuỷ", "Ð", "đ", "ướ", "\u{0301}", "\u{0323}", "\u{0309}",
        "\u{00A0}", "\u{200B}", "\u{00AD}", "\u{FEFF}", " ", ".", ",", "-", "_", "@", ":", "/",
        "70.605", "99,72", "TP.HCM", "KT-XH", "https://", "www.", "a@b.vn", "ß", "İ", "ﬁ", "𝔄",
        "中文", "\u{0000}", "\n", "q", "u", "y", "gi", "oa", "uy", "é",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

fn check_offsets(text: &str, form: Form) {
    let mut buf = Vec::new();
    let mut tokens = Tokens::new(text, form, &mut buf);
    let mut term = String::new();
    let mut last_end = 0;
    while let Some(span) = tokens.next_into(&mut term) {
        assert!(span.start < span.end, "{span:?} {term:?}");
        assert!(span.start >= last_end, "overlap {span:?} {term:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        assert!(!term.is_empty(), "{span:?}");
        last_end = span.end;
    }
    #[cfg(feature = "tantivy")]
    check_adapter(text, form);
}

/// The Tantivy adapter emits exactly the tokens of [`Tokens`], numbered
/// from 0.
#[cfg(feature = "tantivy")]
fn check_adapter(text: &str, form: Form) {
    let mut buf = Vec::new();
    let mut tokens = Tokens::new(text, form, &mut buf);
    let mut term = String::new();
    let mut plain = Vec::new();
    while let Some(span) = tokens.next_into(&mut term) {
        plain.push((term.clone(), span.start, span.end));
    }
    let mut tok = VietnameseTokenizer::new(form);
    let mut stream = tok.token_stream(text);
    let mut adapted = Vec::new();
    while stream.advance() {
        let t = stream.token();
        assert_eq!(t.position, adapted.len(), "{t:?}");
        adapted.push((t.text.clone(), t.offset_from, t.offset_to));
    }
    assert_eq!(plain, adapted);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[cfg(feature = "tantivy")]
    #[test]
    fn the_tantivy_adapter_adds_nothing(s in viet_text()) {
        check_adapter(&s, Form::Exact);
        check_adapter(&s, Form::Folded);
    }

    #[test]
    fn any_string_tokenizes_with_valid_offsets(s in any::<String>()) {
        check_offsets(&s, Form::Exact);
        check_offsets(&s, Form::Folded);
        let _ = SEGMENTER.segment_line(&s);
    }

    #[test]
    fn vietnamese_like_strings_tokenize_with_valid_offsets(s in viet_text()) {
        check_offsets(&s, Form::Exact);
        check_offsets(&s, Form::Folded);
    }

    #[test]
    fn nfc_and_nfd_give_the_same_tokens(s in viet_text()) {
        let nfc: String = s.nfc().collect();
        let nfd: String = s.nfd().collect();
        let forms = |text: &str| {
            Analyzer::new()
                .skipping_foldless()
                .analyze(text)
                .iter()
                .map(|t| (t.exact.clone(), t.folded.clone()))
                .collect::<Vec<_>>()
        };
        let (a, b) = (forms(&nfc), forms(&nfd));
        prop_assert_eq!(a, b);
    }

    #[test]
    fn normalization_is_idempotent(s in viet_text()) {
        let once = normalize(&s).into_owned();
        prop_assert_eq!(normalize(&once).into_owned(), once.clone());
        let folded = fold(&s).into_owned();
        prop_assert_eq!(fold(&folded).into_owned(), folded);
    }

    #[test]
    fn segmentation_keeps_every_syllable(s in viet_text()) {
        let out = SEGMENTER.segment_line(&s);
        // Only white space between syllables may turn into `_`.
        let strip = |x: &str| x.chars().filter(|c| !c.is_whitespace() && *c != '_').collect::<String>();
        prop_assert_eq!(strip(&out), strip(&s));
    }
}

//! The extractor never panics, and every entity's offsets select its text.

use proptest::prelude::*;
use std::sync::LazyLock;

use vietdex_entities::{Context, Gazetteer, Knowledge, Programs, extract};
use vietdex_tokenize::Segmenter;

/// The bundled gazetteer, program table and segmenter, loaded once.
fn knowledge() -> Knowledge<'static> {
    static G: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);
    static P: LazyLock<Programs> = LazyLock::new(|| Programs::bundled().expect("programs"));
    static S: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);
    Knowledge {
        gazetteer: &G,
        programs: &P,
        segmenter: &S,
    }
}

fn news_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "xã ",
        "Xã ",
        "huyện ",
        "tỉnh ",
        "thành phố ",
        "TP. ",
        "thôn ",
        "Ngọc Sơn",
        "Đại Từ",
        "Thái Nguyên",
        "Châu Thành",
        ", ",
        " (",
        ") ",
        " - ",
        "Nguyễn Văn ",
        "Thi",
        "Ông ",
        "Bí thư Tỉnh ủy ",
        "UBND ",
        "HĐND ",
        "Sở Công Thương ",
        "HTX ",
        "NTM ",
        "nông thôn mới ",
        "nâng cao ",
        "OCOP ",
        "4 sao",
        "70.605 tấn",
        "99,72%",
        "12/13 xã",
        "14.000 tỷ đồng",
        "22/1/2021",
        "29-6",
        "Chiều ",
        "giai đoạn 2021-2025",
        "năm 2024, 2025",
        "/năm",
        "\u{0301}",
        "\u{00A0}",
        "\n",
        "。",
        "😀",
        "Ð",
        "ấp ",
        "đến 2030",
    ]);
    prop::collection::vec(pieces, 0..40).prop_map(|v| v.concat())
}

fn check(text: &str, year: Option<i32>) {
    let ents = extract(text, &Context { year }, &knowledge());
    let chars: Vec<char> = text.chars().collect();
    for e in &ents {
        assert!(e.start <= e.end && e.end <= chars.len(), "{e:?}");
        let span: String = chars[e.start..e.end].iter().collect();
        assert_eq!(span, e.text, "{e:?}");
        assert!(!e.value.is_empty(), "{e:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn any_string(s in any::<String>()) {
        check(&s, None);
    }

    #[test]
    fn news_like_strings(s in news_like(), year in prop::option::of(1990i32..2030)) {
        check(&s, year);
    }
}

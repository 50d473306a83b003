//! Vietnamese analysis seen through the binary: folding, tone placement,
//! exact-first ranking, abbreviations, word phrases, `analyze`, `segment`.

use unicode_normalization::UnicodeNormalization;

use crate::util::Sandbox;

const DAI_TU: &str = "000_638e7e34ad3540e3.txt";

#[test]
fn dai_tu_in_every_spelling_finds_the_article() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let nfd: String = "Đại Từ".nfd().collect();
    for q in [
        "dai tu",
        "Đại Từ",
        "ĐẠI TỪ",
        "đại từ",
        nfd.as_str(),
        "DAI TU",
    ] {
        let paths = sb.search_paths(q, &[]);
        assert_eq!(
            paths.first().map(String::as_str),
            Some(DAI_TU),
            "{q:?}: {paths:?}"
        );
    }
}

#[test]
fn tone_placement_variants_find_each_other() {
    let sb = Sandbox::new();
    sb.write(
        "c/old.txt",
        "Tin tỉnh\nTỉnh Hoà Bình có thêm hai xã đạt chuẩn.",
    );
    sb.write(
        "c/new.txt",
        "Tin tỉnh\nTỉnh Hòa Bình có thêm ba xã đạt chuẩn.",
    );
    sb.write("c/other.txt", "Tin khác\nHà Nội có thêm xã đạt chuẩn.");
    sb.index(&["c"]);
    for q in ["hoa binh", "hoà bình", "hòa bình", "HOÀ BÌNH"] {
        let mut paths = sb.search_paths(q, &[]);
        paths.sort();
        assert_eq!(paths, ["new.txt", "old.txt"], "{q}");
    }
}

#[test]
fn exact_diacritics_rank_above_folded_matches() {
    let sb = Sandbox::new();
    sb.write(
        "c/place.txt",
        "Huyện nhà\nHuyện Đại Từ đạt chuẩn nông thôn mới.",
    );
    sb.write(
        "c/overhaul.txt",
        "Sửa chữa\nXe được đại tu. Đại tu máy, đại tu khung, đại tu toàn bộ, đại tu xong.",
    );
    sb.index(&["c"]);
    assert_eq!(
        sb.search_paths("Đại Từ", &[]),
        ["place.txt", "overhaul.txt"]
    );
    assert_eq!(
        sb.search_paths("đại tu", &[]),
        ["overhaul.txt", "place.txt"]
    );
    // Typed without diacritics, both match and plain relevance decides.
    let mut both = sb.search_paths("dai tu", &[]);
    both.sort();
    assert_eq!(both, ["overhaul.txt", "place.txt"]);
    // Excluding the exact form keeps the other.
    assert_eq!(sb.search_paths("dai tu -\"đại tu\"", &[]), ["place.txt"]);
}

#[test]
fn abbreviation_and_full_form_find_each_other() {
    let sb = Sandbox::new();
    sb.write("c/short.txt", "Tin xã\nXã đạt chuẩn NTM nâng cao năm 2024.");
    sb.write(
        "c/long.txt",
        "Tin xã\nXã đạt chuẩn nông thôn mới nâng cao năm 2024.",
    );
    sb.write("c/none.txt", "Tin xã\nXã tổ chức lễ hội mùa xuân năm 2024.");
    sb.index(&["c"]);
    for q in ["NTM", "ntm", "nông thôn mới", "nong thon moi"] {
        let mut p = sb.search_paths(q, &[]);
        p.sort();
        assert_eq!(p, ["long.txt", "short.txt"], "{q}");
    }
    let mut p = sb.search_paths("UBND", &[]);
    p.sort();
    assert!(p.is_empty());
}

#[test]
fn multi_syllable_names_do_not_match_scattered_syllables() {
    let sb = Sandbox::with_corpus();
    sb.write(
        "corpus/scattered.txt",
        "Tin huyện\nNgười dân huyện này trồng chè Phú Thọ, còn ông Lương bán hàng ở chợ.",
    );
    sb.index(&[]);
    let paths = sb.search_paths("huyện Phú Lương", &[]);
    assert!(!paths.contains(&"scattered.txt".to_string()), "{paths:?}");
    assert_eq!(
        paths.first().map(String::as_str),
        Some("001_b677c03b39e6e33e.txt")
    );
    // Quoted text is a phrase too; OR widens.
    assert!(
        sb.search_paths("\"Phú Lương\"", &[])
            .contains(&"001_b677c03b39e6e33e.txt".to_string())
    );
    let either = sb.search_paths("\"Hà Trung\" OR \"Thạch Hà\"", &[]);
    let mut either = either.clone();
    either.sort();
    assert_eq!(
        either,
        ["003_01b3ba7cbce06933.txt", "004_f16c7fcdc7d76b7f.txt"]
    );
}

#[test]
fn phrases_check_adjacency_with_and_without_pair_terms() {
    // `nông thôn`: two common syllables, searched as one pair term.
    // `Khuông Việt`: `khuong` is rare, so no pair is indexed and positions
    // decide (see `vietdex_tokenize::is_common`, whose tests pin both cases).
    let sb = Sandbox::new();
    sb.write(
        "corpus/together.txt",
        "Tin xã\nÔng Khuông Việt bàn chuyện nông thôn mới.",
    );
    sb.write(
        "corpus/apart.txt",
        "Tin rời\nViệt và Khuông là nông dân ở thôn Mới.",
    );
    sb.index(&[]);
    for q in [
        "\"Khuông Việt\"",
        "Khuông Việt",
        "\"nông thôn\"",
        "nong thon",
    ] {
        assert_eq!(sb.search_paths(q, &[]), ["together.txt"], "{q}");
    }
    assert_eq!(sb.search_paths("\"thôn mới\"", &[]).len(), 2);
    // An exact phrase excluded keeps the folded-only match.
    assert_eq!(sb.search_paths("viet -\"Khuông Việt\"", &[]), ["apart.txt"]);
}

#[test]
fn analyze_prints_both_forms_with_offsets() {
    let sb = Sandbox::new();
    let r = sb.run(&["analyze", "--json", "Huyện ĐẠI TỪ: 70.605 tấn"]);
    assert_eq!(r.code, 0);
    let toks = r.json_lines();
    let row = |i: usize| {
        (
            toks[i]["exact"].as_str().expect("exact").to_string(),
            toks[i]["folded"].as_str().expect("folded").to_string(),
            toks[i]["start"].as_u64().expect("start"),
            toks[i]["end"].as_u64().expect("end"),
            toks[i]["position"].as_u64().expect("position"),
        )
    };
    assert_eq!(toks.len(), 5);
    assert_eq!(row(1), ("đại".into(), "dai".into(), 8, 14, 1));
    assert_eq!(row(3), ("70.605".into(), "70.605".into(), 21, 27, 3));
    let table = sb.run(&["analyze", "Hoà Bình"]);
    assert!(table.stdout.contains("hòa"), "{}", table.stdout);
}

fn segment(input: &str) -> String {
    crate::util::run_with_stdin(&["segment"], input)
}

#[test]
fn segment_joins_words_and_never_alters_syllables() {
    let input = "Huyện Đại Từ xây dựng nông thôn\n\nHOÀ BÌNH, hoà bình  Hòa Bình\n";
    let out = segment(input);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), 3);
    assert_eq!(lines[0], "Huyện Đại_Từ xây_dựng nông_thôn");
    assert_eq!(lines[1], "");
    assert_eq!(
        lines[2]
            .replace('_', " ")
            .split_whitespace()
            .collect::<Vec<_>>(),
        input
            .lines()
            .nth(2)
            .expect("line")
            .split_whitespace()
            .collect::<Vec<_>>()
    );
    // The whole dev split: syllables out equal syllables in, line for line.
    let dev = include_str!("../../crates/tokenize/data/ud-vi-vtb/dev.txt");
    let seg = segment(dev);
    assert_eq!(seg.lines().count(), dev.lines().count());
    for (a, b) in seg.lines().zip(dev.lines()) {
        assert_eq!(a.replace('_', " "), b);
    }
}

#[test]
fn segment_eval_reports_f1() {
    let sb = Sandbox::new();
    let gold = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../crates/tokenize/data/ud-vi-vtb/dev.seg");
    let r = sb.run(&["segment", "--eval", gold.to_str().expect("path")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let f1: f64 = r
        .stdout
        .trim()
        .rsplit("F1=")
        .next()
        .expect("F1")
        .parse()
        .expect("number");
    assert!(f1 >= 0.96, "{}", r.stdout);
}

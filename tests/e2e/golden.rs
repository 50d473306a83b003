//! Golden snapshots of what every command prints on `corpus/`, human and
//! JSON, and of `analyze` on tricky Vietnamese. A change in any output shows
//! as a diff in `tests/e2e/snapshots/` to review (`cargo insta review`, or
//! `INSTA_UPDATE=always` and `git diff`).
//!
//! Each snapshot is a transcript: the command, what it printed on stdout,
//! what it printed on stderr, and its exit status. Times, rates and sizes on
//! disk are masked; everything else is compared byte for byte.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use crate::util::{Sandbox, corpus};

/// Masks what changes from run to run (times, rates, sizes on disk).
fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    s.add_filter(
        r"\d+\.\d+ s · \d+ documents/s · \d+\.\d+ MB/s",
        "[secs] s · [rate] documents/s · [rate] MB/s",
    );
    s.add_filter(r#""elapsed":[0-9.e-]+"#, r#""elapsed":"[secs]""#);
    s.add_filter(r" · peak memory \d+ MB", " · peak memory [size] MB");
    s.add_filter(
        r#""peak_memory_bytes":\d+"#,
        r#""peak_memory_bytes":"[size]""#,
    );
    s.add_filter(r"size on disk  \d+\.\d+ MB", "size on disk  [size] MB");
    s.add_filter(r#""bytes":\d+"#, r#""bytes":"[size]""#);
    // Scores are sums of floats whose order depends on how the indexing
    // threads split the documents into segments: the last digits vary.
    s.add_filter(r#""score":(\d+\.\d{3})\d*"#, r#""score":$1"#);
    s
}

fn quote(arg: &str) -> String {
    if arg.is_empty() || arg.contains([' ', '"', '\'', ',', '|']) {
        format!("{arg:?}")
    } else {
        arg.to_string()
    }
}

/// Runs each command in the sandbox and writes a transcript.
fn transcript(sb: &Sandbox, commands: &[&[&str]]) -> String {
    let mut out = String::new();
    for args in commands {
        let r = sb.run(args);
        let line: Vec<String> = args.iter().map(|a| quote(a)).collect();
        let _ = writeln!(out, "$ vietdex {}", line.join(" "));
        out.push_str(&r.stdout);
        for l in r.stderr.lines() {
            let _ = writeln!(out, "[stderr] {l}");
        }
        let _ = writeln!(out, "(exit {})\n", r.code);
    }
    out
}

fn indexed() -> Sandbox {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    sb
}

#[test]
fn golden_index() {
    let sb = Sandbox::with_corpus();
    let first = transcript(&sb, &[&["index"]]);
    let again = transcript(&sb, &[&["index", "--json"], &["index", "--prune"]]);
    settings().bind(|| {
        insta::assert_snapshot!("index", format!("{first}{again}"));
    });
}

#[test]
fn golden_search() {
    let sb = indexed();
    let t = transcript(
        &sb,
        &[
            &["search", "dai tu", "-n", "2"],
            &["search", "Đại Từ", "--json", "-n", "3"],
            &[
                "search",
                "nông thôn mới",
                "--district",
                "dai tu",
                "--from",
                "2024",
                "-n",
                "1",
            ],
            &["search", "--program", "NTM nâng cao", "--count"],
            &["search", "", "--district", "Châu Thành"],
            &["search", "", "--district", "dai tuu"],
            // Undated documents tie in newest-first lists, and ties come
            // in index order, which depends on the indexing threads: only
            // the first (dated) one is pinned.
            &[
                "search",
                "",
                "--province",
                "Thái Nguyên",
                "--json",
                "-n",
                "1",
            ],
            &["search", "", "--province", "Thái Nguyên", "--count"],
            &["search", "", "--commune", "Vạn Thọ"],
            &["search", "", "--commune", "Ngọc Sơn, Thạch Hà"],
            &["search", "", "--commune", "Vạn Thọ", "--era", "any"],
            &["search", "", "--district", "171"],
            &["search", "OCOP", "--program", "OCOP 4 sao"],
            &["search", "", "--program", "giảm nghèo bền vững"],
            &["search", "", "--org", "UBND huyện Đại Từ"],
            &["search", "", "--person", "Nguyễn Văn Thi"],
            &["search", "", "--entity", "district:Huyện Đại Từ"],
            &["search", "", "--entity", "code:district:171"],
            &["search", "", "--source", "Xây dựng"],
            &["search", "", "--source", "003_"],
            &["search", "", "--from", "2023-06", "--to", "2023-12"],
            &["search", "\"nông thôn mới\" -OCOP"],
            &["search", "Thạch Hà OR Hà Trung"],
            &["search", "phú lương"],
            &["search", "UBND", "-n", "3"],
            &["search", "TP.HCM"],
            &["search", "ntm", "--dedup", "--json"],
            &["search", "xyzzy"],
            &["search", "", "--from", "tomorrow"],
            &["search", "", "--entity", "nonsense"],
            &["search", "", "--program", "chương trình không có"],
        ],
    );
    settings().bind(|| insta::assert_snapshot!("search", t));
}

#[test]
fn golden_entities() {
    let sb = indexed();
    let t = transcript(
        &sb,
        &[
            &["entities", "--kind", "district", "--top", "5"],
            &[
                "entities",
                "--with",
                "program:OCOP",
                "--kind",
                "commune",
                "--district",
                "Thạch Hà",
            ],
            &[
                "entities", "--kind", "program", "--by", "year", "--top", "2",
            ],
            &["entities", "--kind", "person", "--by", "month", "--json"],
            &["entities", "nông thôn mới", "--top", "10"],
            &["entities", "--json", "--top", "8"],
            &[
                "entities",
                "--kind",
                "organization",
                "--province",
                "Hà Tĩnh",
            ],
            &["entities", "--kind", "nonsense"],
        ],
    );
    settings().bind(|| insta::assert_snapshot!("entities", t));
}

#[test]
fn golden_show_and_stats() {
    let sb = indexed();
    let t = transcript(
        &sb,
        &[
            &["show", "corpus/003_01b3ba7cbce06933.txt"],
            &["show", "corpus/000_638e7e34ad3540e3.txt", "--json"],
            &["show", "894df90ec18f11e2"],
            &["show", "corpus/none.txt"],
            &["stats"],
            &["stats", "--json"],
        ],
    );
    settings().bind(|| insta::assert_snapshot!("show_stats", t));
}

/// Vietnamese that tests normalization: NFD input, old and new tone
/// placement, `Đ`/`Ð`, Vietnamese-formatted numbers and dates, the press's
/// abbreviations, links and codes.
fn tricky() -> Vec<String> {
    vec![
        "Huyện Đại Từ".nfd().collect(),
        "Hoà Bình hòa bình HOÀ BÌNH · thuỷ thủy · Uỷ ban ủy ban · khoẻ khỏe · quý quí".into(),
        "Ðại (U+00D0) Đại đại ĐẠI dại".into(),
        "70.605 người, 99,72%, 6.598,6ha, 14.000 tỷ đồng, 3,5 km²".into(),
        "22/1/2021 · 08/04/2024 · 29-6 · năm 2024 · giai đoạn 2021-2025".into(),
        "UBND TP.HCM, KT-XH, HĐND, MTTQ, NTM, OCOP, TP. Thái Nguyên".into(),
        "Xem https://baothainguyen.vn/tin?id=1 hoặc gửi thư tới toa.soan@bao.vn; COVID-19".into(),
    ]
}

#[test]
fn golden_analyze() {
    let sb = Sandbox::new();
    let texts = tricky();
    let mut cmds: Vec<Vec<&str>> = Vec::new();
    for t in &texts {
        cmds.push(vec!["analyze", t.as_str()]);
        cmds.push(vec!["analyze", t.as_str(), "--json"]);
    }
    let cmds: Vec<&[&str]> = cmds.iter().map(Vec::as_slice).collect();
    let t = transcript(&sb, &cmds);
    settings().bind(|| insta::assert_snapshot!("analyze", t));
}

#[test]
fn golden_segment() {
    let input = tricky().join("\n")
        + "\nHuyện Đại Từ xây dựng nông thôn mới\n\
           Chủ tịch Ủy ban nhân dân tỉnh Thái Nguyên Trịnh Việt Hùng phát biểu\n\
           hợp tác xã sản xuất chè an toàn theo tiêu chuẩn VietGAP\n";
    let out = crate::util::run_with_stdin(&["segment"], &input);
    settings().bind(|| insta::assert_snapshot!("segment", out));
}

#[test]
fn golden_extract() {
    let sb = Sandbox::with_corpus();
    let mut files: Vec<String> = std::fs::read_dir(corpus())
        .expect("corpus")
        .map(|e| format!("corpus/{}", e.expect("entry").file_name().to_string_lossy()))
        .collect();
    files.sort();
    let mut args = vec!["extract"];
    args.extend(files.iter().map(String::as_str));
    let t = transcript(&sb, &[&args]);
    let lines = crate::util::run_with_stdin(
        &["extract", "--lines"],
        &(tricky().join("\n")
            + "\nÔng Nguyễn Quốc Quân - Chủ tịch UBND xã Ngọc Sơn, huyện Thạch Hà\n\
               Xã Vạn Thọ, huyện Đại Từ đạt 99,72% kế hoạch, có 5 sản phẩm OCOP 4 sao\n"),
    );
    let whole = crate::util::run_with_stdin(
        &["extract"],
        "Huyện Phú Lương (Thái Nguyên) có xã Phú Đô. Tại Phú Đô, người dân trồng chè.",
    );
    settings().bind(|| {
        insta::assert_snapshot!("extract_seeds", t);
        insta::assert_snapshot!("extract_lines", format!("{lines}\n{whole}"));
    });
}

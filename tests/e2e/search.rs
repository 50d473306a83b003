//! `vietdex search`: ranking, JSON, errors, exit codes.

use crate::util::{Sandbox, bin};

#[test]
fn dai_tu_ranks_its_article_first() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let paths = sb.search_paths("Đại Từ", &[]);
    assert_eq!(
        paths.first().map(String::as_str),
        Some("000_638e7e34ad3540e3.txt"),
        "{paths:?}"
    );
}

#[test]
fn phu_luong_json_first_hit_and_fields() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let r = sb.run(&["search", "Phú Lương", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let hits = r.json_lines();
    assert!(!hits.is_empty());
    let first = &hits[0];
    assert!(
        first["path"]
            .as_str()
            .expect("path")
            .ends_with("001_b677c03b39e6e33e.txt")
    );
    assert_eq!(first["id"].as_str().expect("id").len(), 16);
    assert!(
        first["title"]
            .as_str()
            .expect("title")
            .starts_with("Huyện Phú Lương")
    );
    assert!(first["score"].as_f64().expect("score") > 0.0);
    let snippet = first["snippet"].as_str().expect("snippet");
    assert!(snippet.contains("Phú Lương"), "{snippet}");
    for h in first["highlights"].as_array().expect("highlights") {
        let (a, b) = (
            h[0].as_u64().expect("a") as usize,
            h[1].as_u64().expect("b") as usize,
        );
        let word = &snippet[a..b];
        assert!(["Phú", "Lương"].contains(&word), "{word}");
    }
}

#[test]
fn human_output_lists_title_path_and_snippet() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let r = sb.run(&["search", "Vạn Thọ"]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "1. Đại Từ, Thái Nguyên: Huy động hiệu quả các nguồn lực phát triển"
    );
    assert!(
        lines[1].starts_with("   corpus/000_638e7e34ad3540e3.txt · score "),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("[Vạn] [Thọ]"), "{}", lines[2]);
    assert_eq!(*lines.last().expect("last"), "1 of 1 matching documents");
}

#[test]
fn no_hits_exits_1() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let r = sb.run(&["search", "xyzzyqwerty"]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("0 of 0 matching documents"));
}

#[test]
fn missing_index_says_how_to_build_one() {
    let sb = Sandbox::new();
    let r = sb.run(&["search", "Đại Từ"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("no index at index"), "{}", r.stderr);
    assert!(r.stderr.contains("vietdex index"), "{}", r.stderr);
}

#[test]
fn limit_caps_the_hits() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let r = sb.run(&["search", "huyện", "--json", "--limit", "2"]);
    assert_eq!(r.json_lines().len(), 2);
}

#[test]
fn a_closed_output_pipe_ends_quietly() {
    // `vietdex search … | head -1`: the reader goes away before the output
    // is written.
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    for args in [
        &["search", "Đại Từ"][..],
        &["search", "", "--json"],
        &["stats", "--json"],
    ] {
        let mut child = std::process::Command::new(bin())
            .args(args)
            .current_dir(sb.path(""))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .expect("spawn");
        drop(child.stdout.take());
        let out = child.wait_with_output().expect("wait");
        assert!(
            out.status.success(),
            "{args:?}: {:?} {}",
            out.status,
            String::from_utf8_lossy(&out.stderr)
        );
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{args:?}");
    }
}

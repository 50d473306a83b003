//! The query binary: filters, entity aggregation, show, stats, exit codes.

use crate::util::Sandbox;

fn corpus_index() -> Sandbox {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    sb
}

#[test]
fn place_filters_without_diacritics_and_with_communes() {
    let sb = corpus_index();
    for v in ["dai tu", "Đại Từ", "huyện Đại Từ", "171"] {
        let mut p = sb.search_paths("", &["--district", v]);
        p.sort();
        // 002 names Đại Từ among Thái Nguyên's districts.
        assert_eq!(
            p,
            ["000_638e7e34ad3540e3.txt", "002_02a9a757edc48b48.txt"],
            "{v}"
        );
    }
    // A commune filter; a province filter also finds articles naming only its districts.
    assert_eq!(
        sb.search_paths("", &["--commune", "van tho, dai tu"]),
        ["000_638e7e34ad3540e3.txt"]
    );
    let mut p = sb.search_paths("", &["--province", "thai nguyen"]);
    p.sort();
    assert_eq!(
        p,
        [
            "000_638e7e34ad3540e3.txt",
            "001_b677c03b39e6e33e.txt",
            "002_02a9a757edc48b48.txt"
        ]
    );
    assert_eq!(
        sb.search_paths("", &["--province", "Hà Tĩnh"]),
        ["004_f16c7fcdc7d76b7f.txt"]
    );
    // Query words and filters together.
    assert_eq!(
        sb.search_paths("chè", &["--district", "dai tu"]),
        ["000_638e7e34ad3540e3.txt"]
    );
}

#[test]
fn ambiguous_and_unknown_values_explain_and_exit_2() {
    let sb = corpus_index();
    let r = sb.run(&["search", "", "--district", "Châu Thành"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("\"Châu Thành\" names 10 districts"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("Châu Thành (Long An)") && r.stderr.contains("qualify"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["search", "", "--district", "Châu Thành, Long An"]);
    assert_eq!(
        r.code, 1,
        "qualified: no article, but no error: {}",
        r.stderr
    );
    let r = sb.run(&["search", "", "--district", "dai tuu"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("did you mean: Đại Từ (Thái Nguyên)"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["search", "", "--program", "chương trình vũ trụ"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown program") && r.stderr.contains("ntm (Nông thôn mới)"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["search", "", "--person", "nguyen van thiii"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("closest: Nguyễn Văn Thi"), "{}", r.stderr);
    let r = sb.run(&["search", "", "--from", "soon"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("YYYY-MM-DD"), "{}", r.stderr);
}

#[test]
fn program_person_org_entity_date_and_source_filters() {
    let sb = corpus_index();
    let mut p = sb.search_paths("", &["--program", "NTM nang cao"]);
    p.sort();
    assert_eq!(
        p,
        [
            "000_638e7e34ad3540e3.txt",
            "001_b677c03b39e6e33e.txt",
            "002_02a9a757edc48b48.txt",
            "004_f16c7fcdc7d76b7f.txt"
        ]
    );
    assert_eq!(
        sb.search_paths("", &["--person", "nguyen van thi"]),
        ["003_01b3ba7cbce06933.txt"]
    );
    assert_eq!(
        sb.search_paths("", &["--entity", "person:Lê Văn Dậu"]),
        ["003_01b3ba7cbce06933.txt"]
    );
    assert_eq!(
        sb.search_paths("", &["--org", "UBND xã Ngọc Sơn"]),
        ["004_f16c7fcdc7d76b7f.txt"]
    );
    assert_eq!(
        sb.search_paths("", &["--from", "2024"]),
        ["002_02a9a757edc48b48.txt"]
    );
    assert_eq!(
        sb.search_paths("", &["--from", "2021-01", "--to", "2023"]),
        ["003_01b3ba7cbce06933.txt", "004_f16c7fcdc7d76b7f.txt"]
    );
    assert_eq!(
        sb.search_paths("", &["--source", "xay dung"]),
        ["002_02a9a757edc48b48.txt"]
    );
    // Filters only: newest first.
    let all = sb.search_paths("", &[]);
    assert_eq!(
        &all[..3],
        [
            "002_02a9a757edc48b48.txt",
            "003_01b3ba7cbce06933.txt",
            "004_f16c7fcdc7d76b7f.txt"
        ]
    );
}

#[test]
fn count_and_exit_codes() {
    let sb = corpus_index();
    let r = sb.run(&["search", "nông thôn mới", "--count"]);
    assert_eq!((r.code, r.stdout.trim()), (0, "5"));
    let r = sb.run(&["search", "OCOP", "--count", "--district", "Hà Trung"]);
    assert_eq!((r.code, r.stdout.trim()), (0, "1"));
    let r = sb.run(&["search", "zzzqqq", "--count"]);
    assert_eq!((r.code, r.stdout.trim()), (1, "0"));
}

#[test]
fn entities_command_counts_cooccurs_and_timelines() {
    let sb = corpus_index();
    let r = sb.run(&["entities", "--kind", "district", "--top", "3", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let rows = r.json_lines();
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0]["value"], "Huyện Đại Từ");
    assert_eq!(rows[0]["code"], "171");
    assert_eq!(rows[0]["documents"], 2);
    // Communes written about together with OCOP, within Thạch Hà.
    let r = sb.run(&[
        "entities",
        "--with",
        "program:OCOP",
        "--kind",
        "commune",
        "--district",
        "Thạch Hà",
        "--json",
    ]);
    let rows = r.json_lines();
    let names: Vec<&str> = rows.iter().filter_map(|x| x["value"].as_str()).collect();
    assert!(
        names.contains(&"Xã Ngọc Sơn") && names.contains(&"Xã Thạch Lạc"),
        "{names:?}"
    );
    assert!(rows.iter().all(|x| x["documents"] == 1));
    // A timeline by year.
    let r = sb.run(&[
        "entities", "--kind", "program", "--by", "year", "--top", "1", "--json",
    ]);
    let row = &r.json_lines()[0];
    let timeline: Vec<(String, u64)> = row["timeline"]
        .as_array()
        .expect("timeline")
        .iter()
        .map(|p| {
            (
                p[0].as_str().expect("period").to_string(),
                p[1].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(
        timeline.iter().map(|t| t.1).sum::<u64>(),
        row["documents"].as_u64().expect("n")
    );
    assert!(timeline.iter().any(|t| t.0 == "2024") && timeline.iter().any(|t| t.0 == "unknown"));
    // Human table.
    let r = sb.run(&[
        "entities",
        "--kind",
        "person",
        "--top",
        "2",
        "--district",
        "Hà Trung",
    ]);
    assert_eq!(r.code, 0);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines[0], " docs  kind          entity");
    assert!(
        lines[1].starts_with("    1  person        "),
        "{}",
        lines[1]
    );
    assert_eq!(
        *lines.last().expect("last"),
        "2 entities over 1 matching documents"
    );
    let r = sb.run(&["entities", "zzzqqq"]);
    assert_eq!(r.code, 1);
}

#[test]
fn show_and_stats() {
    let sb = corpus_index();
    let r = sb.run(&["show", "corpus/003_01b3ba7cbce06933.txt", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let d = &r.json_lines()[0];
    assert_eq!(d["published"], "2023-06");
    assert_eq!(d["author"], "Phan Nga");
    let id = d["id"].as_str().expect("id").to_string();
    assert!(
        d["entities"]
            .as_array()
            .expect("e")
            .iter()
            .any(|e| e["value"] == "Nguyễn Văn Thi")
    );
    let r = sb.run(&["show", &id]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.starts_with("Tập trung chỉ đạo hoàn thành"));
    assert!(r.stdout.contains("person       Nguyễn Văn Thi (Uỷ viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch Thường trực UBND tỉnh)"), "{}", r.stdout);
    let r = sb.run(&["show", "nope"]);
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("vietdex search QUERY --json"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["stats", "--json"]);
    let s = &r.json_lines()[0];
    assert_eq!(s["documents"], 5);
    assert_eq!(s["sources"], 5);
    assert_eq!(s["first_published"], "2021-01-22");
    assert_eq!(s["last_published"], "2024-04-08");
    assert_eq!(s["undated"], 2);
    assert!(s["entities"]["person"].as_u64().expect("n") >= 10);
    assert!(s["bytes"].as_u64().expect("n") > 10_000);
    let r = sb.run(&["stats"]);
    assert!(
        r.stdout.starts_with(
            "documents     5\nsources       5\npublished     2021-01-22 … 2024-04-08 (2 undated)\n"
        ),
        "{}",
        r.stdout
    );
}

#[test]
fn human_hits_show_date_outlet_and_main_entities() {
    let sb = corpus_index();
    let r = sb.run(&[
        "search",
        "nông thôn mới",
        "--district",
        "dai tu",
        "--limit",
        "1",
    ]);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(
        lines[0],
        "1. Thái Nguyên: Tiếp tục tập trung mọi nguồn lực cho xây dựng nông thôn mới"
    );
    assert!(
        lines[1].starts_with("   corpus/002_02a9a757edc48b48.txt · 2024-04-08 · Xây dựng · score "),
        "{}",
        lines[1]
    );
    assert!(lines[2].contains("[nông] [thôn] [mới]"), "{}", lines[2]);
    assert_eq!(
        lines[3],
        "   Tỉnh Thái Nguyên · Nông thôn mới · Nông thôn mới (nâng cao) · Nông thôn mới (kiểu mẫu) · Huyện Định Hóa · Huyện Đại Từ"
    );
    assert_eq!(lines[4], "1 of 2 matching documents");
}

#[test]
fn across_the_2025_reform_when_asked() {
    let sb = Sandbox::with_corpus();
    // Xã Tân Thái (Đại Từ) became part of Xã Đại Phúc (Thái Nguyên) in 2025.
    sb.write(
        "corpus/2025.txt",
        "Tin mới\nNăm 2025, xã Đại Phúc (tỉnh Thái Nguyên) khánh thành nhà văn hóa mới.",
    );
    sb.index(&[]);
    assert_eq!(
        sb.search_paths("", &["--commune", "Tân Thái, Đại Từ"]),
        ["000_638e7e34ad3540e3.txt"]
    );
    let mut p = sb.search_paths("", &["--commune", "Tân Thái, Đại Từ", "--era", "any"]);
    p.sort();
    assert_eq!(p, ["000_638e7e34ad3540e3.txt", "2025.txt"]);
    // The reverse: the 2025 name finds the article about its predecessor.
    let mut p = sb.search_paths("", &["--commune", "Đại Phúc, Thái Nguyên", "--era", "any"]);
    p.sort();
    assert!(
        p.contains(&"000_638e7e34ad3540e3.txt".to_string()) && p.contains(&"2025.txt".to_string()),
        "{p:?}"
    );
}

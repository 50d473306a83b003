//! Hostile inputs: the index directory, names, interrupted runs, bad
//! arguments. Each test names the problem it guards against.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::Sandbox;

/// Every file under `dir` with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).expect("read_dir") {
            let p = e.expect("entry").path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(p.display().to_string(), std::fs::read(&p).expect("read"));
            }
        }
    }
    out
}

#[test]
fn index_refuses_a_directory_of_unrelated_files_and_changes_nothing() {
    let sb = Sandbox::with_corpus();
    sb.write("mine/state-of-the-union.pdf", b"%PDF-1.4 not ours");
    sb.write("mine/state-2024.csv", "a,b\n1,2\n");
    sb.write("mine/rejects.tsv", "my own table\n");
    sb.write("mine/vietdex.json", "{\"mine\": true}\n");
    sb.write("mine/sub/notes.txt", "notes");
    let before = snapshot(&sb.path("mine"));
    let r = sb.run(&["index", "--quiet", "--index", "mine"]);
    assert_eq!(r.code, 2, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains("is not a vietdex index") && r.stderr.contains("new or empty directory"),
        "{}",
        r.stderr
    );
    assert_eq!(snapshot(&sb.path("mine")), before);
}

#[test]
fn index_uses_new_and_empty_directories_and_reuses_its_own() {
    let sb = Sandbox::with_corpus();
    std::fs::create_dir(sb.path("empty")).expect("mkdir");
    sb.index(&["--index", "empty"]);
    assert!(sb.path("empty/vietdex-index.json").is_file());
    // Rerun on its own index: accepted, nothing to do.
    let r = sb.index(&["--index", "empty"]);
    assert!(r.stdout.contains("5 unchanged"), "{}", r.stdout);
    // A file vietdex did not write, dropped into its index, survives.
    sb.write("empty/state-notes.txt", "keep me");
    std::fs::write(
        sb.path("corpus/new.txt"),
        "Tiêu đề\n\nNội dung mới ở xã Vạn Thọ.",
    )
    .expect("w");
    sb.index(&["--index", "empty"]);
    assert_eq!(
        std::fs::read(sb.path("empty/state-notes.txt")).expect("kept"),
        b"keep me"
    );
}

#[test]
fn index_refuses_another_format_version_with_how_to_rebuild() {
    let sb = Sandbox::with_corpus();
    sb.write("idx/vietdex-index.json", "{\"vietdex_index\": 99}\n");
    let r = sb.run(&["index", "--quiet", "--index", "idx"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("format version 99") && r.stderr.contains("rebuild"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["search", "xã", "--index", "idx"]);
    assert_eq!(r.code, 2);
}

#[test]
fn arguments_and_queries_are_checked() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    for limit in ["18446744073709551615", "999999999", "0", "-1", "x"] {
        let r = sb.run(&["search", "xã", "--limit", limit]);
        assert_eq!(r.code, 2, "--limit {limit}: {}", r.stderr);
        assert!(
            limit == "-1" || r.stderr.contains("1 to 10000"),
            "--limit {limit}: {}",
            r.stderr
        );
    }
    let r = sb.run(&["search", "", "--dedup", "--limit", "10000"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("5 of 5 matching"), "{}", r.stdout);
    // A query may start with an excluded word.
    let r = sb.run(&["search", "-OCOP nông thôn", "--json"]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let with = sb.run(&["search", "nông thôn", "--count"]);
    let excluded: usize = sb
        .run(&["search", "-OCOP nông thôn", "--count"])
        .stdout
        .trim()
        .parse()
        .expect("count");
    let all: usize = with.stdout.trim().parse().expect("count");
    assert!(excluded < all, "{excluded} < {all}");
    let r = sb.run(&["entities", "--kind", "bogus"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("district"), "{}", r.stderr);
    for date in ["2024-02-30", "2023-13", "20244"] {
        let r = sb.run(&["search", "", "--from", date]);
        assert_eq!(r.code, 2, "--from {date}");
        assert!(r.stderr.contains("YYYY-MM-DD"), "{}", r.stderr);
    }
    for q in ["!!!", "🙂", "…, ;", "\"\""] {
        let r = sb.run(&["search", q]);
        assert_eq!(r.code, 2, "query {q:?}: {}", r.stdout);
        assert!(r.stderr.contains("no searchable word"), "{}", r.stderr);
        let r = sb.run(&["entities", q]);
        assert_eq!(r.code, 2, "entities {q:?}");
    }
    let r = sb.run(&["show", "0000000000000000"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("no document"), "{}", r.stderr);
    // A rerun with nothing to do commits nothing.
    let r = sb.index(&[]);
    assert!(r.stdout.contains("· 0 commits"), "{}", r.stdout);
}

//! `vietdex index`: building, reporting, bad input.

use crate::util::Sandbox;

#[test]
fn default_paths_index_the_corpus_into_index_dir() {
    let sb = Sandbox::with_corpus();
    let r = sb.index(&[]);
    assert!(
        r.stdout
            .contains("files: 5 found, 0 unchanged, 5 read, 0 rejected whole"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            "documents: 5 read = 5 indexed + 0 duplicates + 0 rejected; 0 removed; 5 in index"
        ),
        "{}",
        r.stdout
    );
    assert!(sb.path("index/meta.json").exists());
    let manifest: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(sb.path("index/vietdex.json")).expect("manifest"),
    )
    .expect("json");
    assert_eq!(manifest["documents"], 5);
}

#[test]
fn json_summary_counts_every_file() {
    let sb = Sandbox::with_corpus();
    sb.write("corpus/bad.txt", [0x7Fu8, b'E', b'L', b'F', 0, 1, 2]);
    sb.write("corpus/empty.txt", "  \n");
    sb.write(
        "corpus/nested/deeper/extra.txt",
        "Tin thêm\nHợp tác xã Zakuro ở Đại Từ.",
    );
    let r = sb.run(&["index", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(r.stdout.trim()).expect("json");
    assert_eq!(v["files_found"], 8);
    assert_eq!(v["files_read"], 6);
    // read = indexed + duplicates + rejected
    assert_eq!(v["records_read"], 8);
    assert_eq!(v["documents_indexed"], 6);
    assert_eq!(v["duplicates"], 0);
    let rejected: Vec<&str> = v["rejected"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|x| x.as_str())
        .collect();
    assert_eq!(rejected.len(), 2, "{rejected:?}");
    assert!(
        rejected[0].contains("bad.txt") && rejected[0].contains("binary"),
        "{rejected:?}"
    );
    assert!(
        rejected[1].contains("empty.txt") && rejected[1].contains("empty"),
        "{rejected:?}"
    );
    let tsv = std::fs::read_to_string(sb.path("index/rejects.tsv")).expect("rejects");
    assert_eq!(tsv.lines().count(), 3, "{tsv}");
    // The good files are searchable.
    assert_eq!(sb.search_paths("Zakuro", &[]), ["extra.txt"]);
}

#[test]
fn missing_input_path_is_a_clear_error() {
    let sb = Sandbox::new();
    let r = sb.run(&["index", "no/such/dir", "--quiet"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("no/such/dir: no such file or directory"),
        "{}",
        r.stderr
    );
}

#[test]
fn prune_removes_documents_of_deleted_sources() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    std::fs::remove_file(sb.path("corpus/004_f16c7fcdc7d76b7f.txt")).expect("rm");
    let r = sb.index(&[]);
    assert!(
        r.stdout.contains("0 removed; 5 in index"),
        "without --prune nothing goes: {}",
        r.stdout
    );
    assert!(!sb.search_paths("Thạch Hà", &[]).is_empty());
    let r = sb.index(&["--prune"]);
    assert!(r.stdout.contains("1 removed; 4 in index"), "{}", r.stdout);
    assert!(sb.search_paths("Thạch Hà", &[]).is_empty());
}

#[test]
fn explicit_paths_and_index_dir() {
    let sb = Sandbox::with_corpus();
    let r = sb.index(&["corpus/001_b677c03b39e6e33e.txt", "--index", "elsewhere"]);
    assert!(
        r.stdout.contains("1 indexed") && r.stdout.contains("1 in elsewhere"),
        "{}",
        r.stdout
    );
    let r = sb.run(&["search", "Phú Lương", "--index", "elsewhere", "--json"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.json_lines().len(), 1);
}

#[test]
fn the_repository_layout_indexes_into_its_placeholder_index_dir() {
    // The repository ships `index/` holding only `.gitkeep`: the README's
    // `vietdex index` must accept it as empty.
    let sb = Sandbox::with_corpus();
    sb.write("index/.gitkeep", "");
    let r = sb.index(&[]);
    assert!(r.stdout.contains("5 indexed"), "{}", r.stdout);
    assert!(sb.path("index/.gitkeep").is_file());
    assert_eq!(sb.search_paths("Đại Từ", &[]).len(), 2);
}

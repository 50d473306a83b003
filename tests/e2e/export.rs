//! `vietdex export`: the bulk files and the index template of `corpus/`,
//! pinned by golden snapshots (a field renamed or a token changed shows as
//! a diff), and the bulk file's framing.

use crate::util::Sandbox;

fn settings() -> insta::Settings {
    let mut s = insta::Settings::clone_current();
    s.set_prepend_module_to_snapshot(false);
    s
}

#[test]
fn bulk_export_of_the_corpus() {
    let sb = Sandbox::with_corpus();
    let run = sb.run(&["export", "--quiet"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines = run.json_lines();
    assert_eq!(lines.len(), 10, "an action line and a document per article");
    for pair in lines.chunks(2) {
        let id = pair[0]["index"]["_id"].as_str().expect("_id");
        assert_eq!(pair[0]["index"]["_index"], "vietdex");
        assert_eq!(pair[1]["id"], id, "the _id is the vietdex document id");
    }
    // One document per line, pretty-printed for the snapshot.
    let mut pretty = String::new();
    for l in &lines {
        pretty.push_str(&serde_json::to_string_pretty(l).expect("json"));
        pretty.push('\n');
    }
    settings().bind(|| insta::assert_snapshot!("export_bulk", pretty));
    // A re-export gives the same bytes (ids and order are stable).
    let again = sb.run(&["export", "--quiet"]);
    assert_eq!(again.stdout, run.stdout);
}

#[test]
fn index_template() {
    let sb = Sandbox::new();
    let run = sb.run(&["export", "--format", "index-template"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    settings().bind(|| insta::assert_snapshot!("export_index_template", run.stdout));
    let t: serde_json::Value = serde_json::from_str(&run.stdout).expect("json");
    assert_eq!(t["index_patterns"][0], "vietdex*");
}

#[test]
fn create_action_and_split_files() {
    let sb = Sandbox::with_corpus();
    let run = sb.run(&[
        "export",
        "--action",
        "create",
        "--out",
        "bulk",
        "--file-size",
        "60000",
        "--index-name",
        "news",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let mut files: Vec<_> = std::fs::read_dir(sb.path("bulk"))
        .expect("bulk dir")
        .map(|e| e.expect("entry").path())
        .collect();
    files.sort();
    assert!(files.len() >= 2, "split into several files: {files:?}");
    let mut ids = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).expect("read");
        assert!(text.ends_with('\n'), "_bulk needs a final newline");
        let lines: Vec<serde_json::Value> = text
            .lines()
            .map(|l| serde_json::from_str(l).expect("json line"))
            .collect();
        assert_eq!(lines.len() % 2, 0, "{}: whole pairs only", f.display());
        // A file passes the limit only when it holds a single document.
        assert!(text.len() <= 60000 || lines.len() == 2, "{}", f.display());
        for pair in lines.chunks(2) {
            assert_eq!(pair[0]["create"]["_index"], "news");
            ids.push(pair[0]["create"]["_id"].as_str().expect("id").to_string());
        }
    }
    assert_eq!(ids.len(), 5);
    // From the index: the same documents.
    assert_eq!(sb.run(&["index", "--quiet"]).code, 0);
    let from_index = sb.run(&["export", "--index", "index", "--quiet"]);
    assert_eq!(from_index.code, 0, "{}", from_index.stderr);
    let from_files = sb.run(&["export", "--quiet"]);
    let docs = |s: &str| {
        let mut v: Vec<String> = s.lines().skip(1).step_by(2).map(str::to_string).collect();
        v.sort();
        v
    };
    assert_eq!(docs(&from_index.stdout), docs(&from_files.stdout));
}

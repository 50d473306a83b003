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

#[test]
fn loading_reports_each_rejected_document_and_exits_2() {
    let sb = Sandbox::with_corpus();
    let mut server = mockito::Server::new();
    // The engine refuses the second document of each request.
    let m = server
        .mock("POST", "/vietdex/_bulk")
        .match_header("content-type", "application/x-ndjson")
        .with_status(200)
        .with_body_from_request(|req| {
            let body = String::from_utf8_lossy(req.body().expect("body")).into_owned();
            let items: Vec<serde_json::Value> = body
                .lines()
                .step_by(2)
                .enumerate()
                .map(|(i, action)| {
                    let a: serde_json::Value = serde_json::from_str(action).expect("action");
                    let id = a["index"]["_id"].clone();
                    if i == 1 {
                        serde_json::json!({"index": {"_id": id, "status": 400, "error": {
                            "type": "document_parsing_exception", "reason": "failed to parse field [published]"}}})
                    } else {
                        serde_json::json!({"index": {"_id": id, "status": 201, "result": "created"}})
                    }
                })
                .collect();
            serde_json::json!({"took": 5, "errors": true, "items": items})
                .to_string()
                .into_bytes()
        })
        .expect(1)
        .create();
    let run = sb.run(&["export", "--out", "bulk", "--backend", &server.url()]);
    m.assert();
    assert_eq!(run.code, 2, "{}", run.stderr);
    let bulk = std::fs::read_to_string(sb.path("bulk/vietdex-00001.ndjson")).expect("bulk file");
    let second: serde_json::Value =
        serde_json::from_str(bulk.lines().nth(2).expect("second action")).expect("json");
    let id = second["index"]["_id"].as_str().expect("id");
    assert!(
        run.stderr.contains(&format!("rejected {id} "))
            && run.stderr.contains("failed to parse field [published]"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains("4 documents accepted, 1 rejected"),
        "{}",
        run.stderr
    );
}

#[test]
fn search_and_entities_on_an_engine_print_like_local_ones() {
    let sb = Sandbox::with_corpus();
    let export = sb.run(&["export", "--quiet"]);
    let doc: serde_json::Value =
        serde_json::from_str(export.stdout.lines().nth(1).expect("document")).expect("json");
    let mut server = mockito::Server::new();
    let answer = serde_json::json!({
        "took": 1, "timed_out": false,
        "hits": {"total": {"value": 1, "relation": "eq"}, "max_score": 1002.5,
                 "hits": [{"_index": "news", "_id": doc["id"], "_score": 1002.5, "_source": doc}]},
        "aggregations": {"keys": {"buckets": [{"key": "code:district:445", "doc_count": 1}]}}
    });
    server
        .mock("POST", "/news/_search")
        .with_status(200)
        .with_body(answer.to_string())
        .expect(2)
        .create();
    let url = format!("{}/news", server.url());
    let run = sb.run(&["search", "Thạch Hà", "--backend", &url]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let title = doc["title"].as_str().expect("title");
    assert!(
        run.stdout.starts_with(&format!("1. {title}\n")),
        "{}",
        run.stdout
    );
    assert!(run.stdout.contains("score 1002.50"), "{}", run.stdout);
    assert!(run.stdout.contains("[Thạch] [Hà]"), "{}", run.stdout);
    assert!(
        run.stdout.ends_with("1 of 1 matching documents\n"),
        "{}",
        run.stdout
    );
    let run = sb.run(&["entities", "--backend", &url, "--kind", "district"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("district      Huyện Thạch Hà (Hà Tĩnh)"),
        "{}",
        run.stdout
    );
    // A query with nothing searchable is refused before anything is sent.
    let run = sb.run(&["search", "!!!", "--backend", &url]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("no searchable word"), "{}", run.stderr);
    // An address with credentials in it is refused.
    let run = sb.run(&["search", "x", "--backend", "https://u:p@localhost:1"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("VIETDEX_BACKEND_USER"),
        "{}",
        run.stderr
    );
}

#[test]
fn export_warns_as_index_does() {
    let sb = Sandbox::new();
    let bytes = crate::util::article_with_a_stray_invalid_byte();
    sb.write("in/a.txt", &bytes);
    sb.write(
        "in/b.txt",
        format!(
            "Tin dài\n{}",
            "Xã Vạn Thọ đạt chuẩn nông thôn mới. ".repeat(200)
        ),
    );
    let args = ["in", "--max-text", "1000", "--out", "bulk.ndjson"];
    let export = sb.run(&[&["export"][..], &args].concat());
    assert_eq!(export.code, 0, "{}", export.stderr);
    let index = sb.run(&[&["index"][..], &args[..3]].concat());
    assert_eq!(index.code, 0, "{}", index.stderr);
    for w in [
        "warning in/a.txt: 1 bytes that are not valid UTF-8 replaced",
        "warning in/b.txt: 1 document longer than 1000 bytes: only the first 1000 bytes",
    ] {
        assert!(export.stderr.contains(w), "{w}: {}", export.stderr);
        assert!(index.stdout.contains(w), "{w}: {}", index.stdout);
    }
}

//! Ingest through the binary: cleaning on the corpus, formats, duplicates,
//! incremental runs, interruption.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::util::{Sandbox, bin};

fn report(sb: &Sandbox, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["index", "--json"];
    all.extend_from_slice(args);
    let r = sb.run(&all);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    serde_json::from_str(r.stdout.trim()).expect("json report")
}

fn hits(sb: &Sandbox, q: &str, extra: &[&str]) -> Vec<serde_json::Value> {
    let mut args = vec!["search", q, "--json", "--limit", "100"];
    args.extend_from_slice(extra);
    sb.run(&args).json_lines()
}

#[test]
fn corpus_is_cleaned_and_dated() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let all = hits(&sb, "", &[]);
    assert_eq!(all.len(), 5);
    let by_name = |n: &str| {
        all.iter()
            .find(|h| h["path"].as_str().is_some_and(|p| p.ends_with(n)))
            .cloned()
            .expect("hit")
    };
    let h = by_name("002_02a9a757edc48b48.txt");
    assert_eq!(h["published"], "2024-04-08");
    assert_eq!(h["outlet"], "Xây dựng");
    assert_eq!(h["author"], "Việt Hoan");
    let h = by_name("003_01b3ba7cbce06933.txt");
    assert_eq!(h["published"], "2023-06");
    assert_eq!(h["author"], "Phan Nga");
    // Teasers and related-article blocks are not indexed.
    assert!(sb.search_paths("Vĩnh Yên", &[]).is_empty());
    assert!(sb.search_paths("Bạc Liêu", &[]).is_empty());
    assert!(sb.search_paths("\"English RSS\"", &[]).is_empty());
    assert!(sb.search_paths("\"Mã xác thực\"", &[]).is_empty());
}

#[test]
fn exact_duplicates_are_one_document_with_every_source() {
    let sb = Sandbox::with_corpus();
    let text = std::fs::read_to_string(sb.path("corpus/003_01b3ba7cbce06933.txt")).expect("seed");
    sb.write("corpus/mirror/copy.txt", text.replace("  ", " "));
    let r = report(&sb, &[]);
    assert_eq!(r["records_read"], 6);
    assert_eq!(r["documents_indexed"], 5);
    assert_eq!(r["duplicates"], 1);
    let h = hits(&sb, "\"Hà Trung\"", &[]);
    assert_eq!(h.len(), 1);
    let sources: Vec<&str> = h[0]["sources"]
        .as_array()
        .expect("sources")
        .iter()
        .filter_map(|s| s.as_str())
        .collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources.iter().any(|s| s.ends_with("mirror/copy.txt")));
}

#[test]
fn near_duplicates_form_a_cluster_and_dedup_collapses_it() {
    let sb = Sandbox::with_corpus();
    let text = std::fs::read_to_string(sb.path("corpus/002_02a9a757edc48b48.txt")).expect("seed");
    sb.write(
        "corpus/repost.txt",
        text.replace("có ít nhất 2 xã", "có ít nhất 3 xã")
            .replace("Việt Hoan", "Theo Báo Xây dựng"),
    );
    let r = report(&sb, &[]);
    assert_eq!(r["documents_indexed"], 6);
    assert_eq!(r["clusters"], 1);
    let h = hits(&sb, "\"nông thôn mới\" Thái Nguyên", &[]);
    let in_cluster: Vec<_> = h.iter().filter(|x| x["cluster_size"] == 2).collect();
    assert_eq!(in_cluster.len(), 2);
    assert_eq!(in_cluster[0]["cluster"], in_cluster[1]["cluster"]);
    let collapsed = hits(&sb, "\"nông thôn mới\" Thái Nguyên", &["--dedup"]);
    assert_eq!(collapsed.len(), h.len() - 1);
}

#[test]
fn every_format_through_the_binary() {
    let sb = Sandbox::new();
    sb.write("in/a.html", "<html><head><title>Trang</title></head><body><article><p>Hợp tác xã Zakuro ở Đại Từ.</p></article></body></html>");
    sb.write(
        "in/b.jsonl",
        "{\"title\":\"Một\",\"text\":\"Hợp tác xã Zakuro mở rộng.\"}\n{oops\n{\"title\":\"Hai\",\"text\":\"Zakuro xuất khẩu chè.\"}\n",
    );
    sb.write(
        "in/c.json",
        "[{\"tieu_de\":\"Ba\",\"noi_dung\":\"Zakuro nhận sao OCOP.\"}]",
    );
    let page = "<html><head><title>Bốn</title></head><body><article><p>Zakuro ra mắt trà mới.</p></article></body></html>";
    let http = format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{page}");
    sb.write(
        "in/d.warc",
        format!(
            "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: https://zakuro.vn/tin\r\n\
             Content-Length: {}\r\n\r\n{http}\r\n\r\n\
             WARC/1.1\r\nWARC-Type: metadata\r\nContent-Length: 2\r\n\r\nok\r\n\r\n",
            http.len()
        ),
    );
    sb.write("in/notes.md", "Zakuro");
    let r = report(
        &sb,
        &["in", "--field", "title=tieu_de", "--field", "body=noi_dung"],
    );
    assert_eq!(r["files_found"], 4, "{r}");
    assert_eq!(r["documents_indexed"], 5, "{r}");
    let rejected = r["rejected"].as_array().expect("rejected");
    assert_eq!(rejected.len(), 1);
    assert!(
        rejected[0]
            .as_str()
            .expect("s")
            .contains("b.jsonl:2: cannot parse: invalid JSON")
    );
    let tsv = std::fs::read_to_string(sb.path("index/rejects.tsv")).expect("tsv");
    assert!(
        tsv.lines()
            .nth(1)
            .is_some_and(|l| l.contains("b.jsonl\t2\tcannot parse")),
        "{tsv}"
    );
    let mut titles: Vec<String> = hits(&sb, "Zakuro", &[])
        .iter()
        .map(|h| h["title"].as_str().expect("title").to_string())
        .collect();
    titles.sort();
    assert_eq!(titles, ["Ba", "Bốn", "Hai", "Một", "Trang"]);
    let warc = hits(&sb, "trà mới", &[]);
    assert_eq!(warc.len(), 1);
    assert_eq!(warc[0]["url"], "https://zakuro.vn/tin");
    let r = sb.run(&["index", "in", "--field", "colour=x", "-q"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("unknown field kind `colour`"),
        "{}",
        r.stderr
    );
}

#[test]
fn rerun_reads_only_new_and_changed_files() {
    let sb = Sandbox::with_corpus();
    let r = report(&sb, &[]);
    assert_eq!(r["files_read"], 5);
    let r = report(&sb, &[]);
    assert_eq!(
        (r["files_read"].as_u64(), r["files_unchanged"].as_u64()),
        (Some(0), Some(5))
    );
    assert_eq!(r["documents_total"], 5);
    sb.write(
        "corpus/new.txt",
        "Tin mới\nHợp tác xã Zakuro ở Đại Từ nhận sao OCOP.",
    );
    let r = report(&sb, &[]);
    assert_eq!(
        (r["files_read"].as_u64(), r["files_unchanged"].as_u64()),
        (Some(1), Some(5))
    );
    assert_eq!(r["documents_indexed"], 1);
    assert_eq!(r["documents_total"], 6);
    sb.write(
        "corpus/new.txt",
        "Tin mới\nHợp tác xã Kiwano ở Đại Từ nhận sao OCOP.",
    );
    let r = report(&sb, &[]);
    assert_eq!(
        (r["files_read"].as_u64(), r["documents_removed"].as_u64()),
        (Some(1), Some(1))
    );
    assert_eq!(r["documents_total"], 6);
    assert!(sb.search_paths("Zakuro", &[]).is_empty());
    assert_eq!(sb.search_paths("Kiwano", &[]), ["new.txt"]);
}

#[test]
fn a_killed_run_leaves_the_last_commit_and_the_next_run_finishes() {
    let sb = Sandbox::new();
    let n = 1500;
    for i in 0..n {
        sb.write(
            &format!("big/{i:05}.txt"),
            format!("Tin số {i}\nBài số {i} nói về xã thứ {i} của huyện Đại Từ, mã {i:x}, đạt chuẩn nông thôn mới năm {}.", 2000 + i % 25),
        );
    }
    let mut child = Command::new(bin())
        .args(["index", "big", "--quiet", "--commit-every", "50"])
        .current_dir(sb.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait for the first commit that carries a state, then kill hard.
    let meta = sb.path("index/meta.json");
    let deadline = Instant::now() + Duration::from_secs(120);
    loop {
        let committed = std::fs::read_to_string(&meta).is_ok_and(|m| m.contains("state-"));
        if committed || Instant::now() > deadline {
            break;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let still_running = child.try_wait().expect("try_wait").is_none();
    child.kill().expect("kill");
    child.wait().expect("wait");
    assert!(
        still_running,
        "the run finished before it could be interrupted"
    );
    // The last commit is searchable.
    let partial = sb
        .run(&["search", "\"Đại Từ\"", "--json", "--limit", "10000"])
        .json_lines()
        .len();
    assert!(partial > 0 && partial < n, "{partial}");
    // The next run completes the job without duplicates.
    let r = report(&sb, &["big"]);
    assert_eq!(r["documents_total"], n);
    assert_eq!(
        r["files_unchanged"].as_u64().expect("n") + r["files_read"].as_u64().expect("n"),
        n as u64
    );
    assert!(r["files_unchanged"].as_u64().expect("n") >= 50);
    assert_eq!(r["duplicates"], 0);
    let all = sb
        .run(&["search", "\"Đại Từ\"", "--json", "--limit", "10000"])
        .json_lines();
    assert_eq!(all.len(), n);
    let mut ids: Vec<&str> = all.iter().filter_map(|h| h["id"].as_str()).collect();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn a_source_that_breaks_part_way_keeps_nothing_and_the_counts_add_up() {
    use std::io::Write;
    let sb = Sandbox::new();
    let mut lines = String::new();
    for i in 0..200 {
        lines.push_str(&format!(
            "{{\"title\":\"Tin {i}\",\"text\":\"Bài {i} về hợp tác xã Zakuro số {i}.\"}}\n"
        ));
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(lines.as_bytes()).expect("gz");
    let gz = gz.finish().expect("gz");
    sb.write("in/cut.jsonl.gz", &gz[..gz.len() - 12]);
    sb.write("in/good.txt", "Tin tốt\nHợp tác xã Kiwano ở Đại Từ.");
    let r = report(&sb, &["in"]);
    assert_eq!(r["documents_indexed"], 1, "{r}");
    assert_eq!(r["duplicates"], 0);
    let rejected = r["rejected"].as_array().expect("rejected");
    assert_eq!(rejected.len(), 1, "{r}");
    assert!(
        rejected[0].as_str().expect("s").contains("cut.jsonl.gz"),
        "{r}"
    );
    assert_eq!(
        r["records_read"], 2,
        "read = indexed + duplicates + rejected: {r}"
    );
    assert!(sb.search_paths("Zakuro", &[]).is_empty());
    assert_eq!(sb.search_paths("Kiwano", &[]), ["good.txt"]);
}

//! Hostile inputs: the index directory, names, interrupted runs, bad
//! arguments. Each test names the problem it guards against.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{Sandbox, bin};

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

/// The segment files of an index, largest first.
fn segment_files(dir: &Path, ext: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .expect("read_dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == ext))
        .collect();
    v.sort_by_key(|p| std::cmp::Reverse(std::fs::metadata(p).map(|m| m.len()).unwrap_or(0)));
    v
}

#[test]
fn a_truncated_segment_is_found_explained_once_refused_and_repaired() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("sound") && r.stdout.contains("5 documents"),
        "{}",
        r.stdout
    );
    let store = segment_files(&sb.path("index"), "store").remove(0);
    let f = std::fs::OpenOptions::new()
        .write(true)
        .open(&store)
        .expect("open");
    f.set_len(100).expect("truncate");
    drop(f);
    let r = sb.run(&["search", "xã"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("vietdex check --repair"), "{}", r.stderr);
    assert_eq!(
        r.stderr.matches("Footer magic").count(),
        1,
        "printed once: {}",
        r.stderr
    );
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 2);
    assert!(r.stdout.contains("is damaged"), "{}", r.stdout);
    // `index` never reports success over a damaged index.
    let r = sb.run(&["index", "--quiet"]);
    assert_eq!(r.code, 2, "{}", r.stdout);
    assert!(
        r.stderr.contains("is damaged") && r.stderr.contains("check --repair"),
        "{}",
        r.stderr
    );
    let r = sb.run(&["check", "--repair"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("5 documents in the index"),
        "{}",
        r.stdout
    );
    assert_eq!(sb.run(&["check"]).code, 0);
    assert_eq!(sb.run(&["search", "xã", "--count"]).stdout.trim(), "5");
}

#[test]
fn a_garbled_or_missing_state_file_says_what_to_do() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let state = std::fs::read_dir(sb.path("index"))
        .expect("dir")
        .map(|e| e.expect("e").path())
        .find(|p| {
            p.file_name().is_some_and(|n| {
                let n = n.to_string_lossy();
                n.starts_with("state-") && n.ends_with(".json")
            })
        })
        .expect("state file");
    std::fs::write(&state, b"{\"docs\": \xff\xfe").expect("garble");
    // Search reads the document table beside the state, not the state.
    let table = state.with_extension("docs");
    assert_eq!(sb.run(&["search", "xã", "--count"]).stdout.trim(), "5");
    for args in [&["stats"][..], &["index", "--quiet"]] {
        let r = sb.run(args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("damaged or missing file")
                && r.stderr.contains("vietdex check --repair"),
            "{args:?}: {}",
            r.stderr
        );
    }
    std::fs::write(&table, b"VDXDOCS1\xff\xff").expect("garble the table");
    let r = sb.run(&["search", "xã"]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("damaged or missing file") && r.stderr.contains("vietdex check --repair"),
        "{}",
        r.stderr
    );
    std::fs::remove_file(&table).expect("rm");
    std::fs::remove_file(&state).expect("rm");
    let r = sb.run(&["search", "xã"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("vietdex check --repair"), "{}", r.stderr);
    let r = sb.run(&["check"]);
    assert!(
        r.stdout.contains("state file is damaged or missing"),
        "{}",
        r.stdout
    );
}

#[test]
fn a_second_writer_is_refused_naming_the_first() {
    use std::process::{Command, Stdio};
    let sb = Sandbox::new();
    for i in 0..3000 {
        sb.write(
            &format!("big/{i:05}.txt"),
            format!(
                "Tin số {i}\nBài số {i} về xã thứ {i} của huyện Đại Từ, đạt chuẩn nông thôn mới."
            ),
        );
    }
    let mut first = Command::new(bin())
        .args(["index", "big", "--quiet"])
        .current_dir(sb.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let pid_file = sb.path("index/writer.pid");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !pid_file.exists() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let r = sb.run(&["index", "big", "--quiet"]);
    let still_running = first.try_wait().expect("try_wait").is_none();
    first.wait().expect("wait");
    assert!(
        still_running,
        "the first run ended before the second started"
    );
    assert_eq!(r.code, 2, "{}", r.stdout);
    let expected = format!(
        "another vietdex index is running on index (pid {})",
        first.id()
    );
    assert!(r.stderr.contains(&expected), "{}", r.stderr);
    assert!(!r.stderr.contains("LockBusy"), "{}", r.stderr);
}

/// Makes `dir` read-only: by permissions for an ordinary user, by a
/// read-only bind mount for root (whom permissions do not stop). Returns
/// the read-only path and what undoes it, or `None` when neither works.
fn read_only(sb: &Sandbox, dir: &str) -> Option<(std::path::PathBuf, Box<dyn Fn()>)> {
    use std::process::Command;
    let path = sb.path(dir);
    let probe = path.join("probe");
    let _ = Command::new("chmod")
        .args(["-R", "a-w"])
        .arg(&path)
        .status();
    if std::fs::write(&probe, b"x").is_err() {
        let p = path.clone();
        return Some((
            path,
            Box::new(move || {
                let _ = Command::new("chmod").args(["-R", "u+w"]).arg(&p).status();
            }),
        ));
    }
    let _ = std::fs::remove_file(&probe);
    let _ = Command::new("chmod")
        .args(["-R", "u+w"])
        .arg(&path)
        .status();
    let mnt = sb.path("ro-mount");
    std::fs::create_dir_all(&mnt).ok()?;
    let ok = |c: &mut Command| c.status().is_ok_and(|s| s.success());
    if ok(Command::new("mount").arg("--bind").arg(&path).arg(&mnt))
        && ok(Command::new("mount")
            .args(["-o", "remount,ro,bind"])
            .arg(&mnt))
        && std::fs::write(mnt.join("probe"), b"x").is_err()
    {
        let m = mnt.clone();
        return Some((
            mnt,
            Box::new(move || {
                let _ = Command::new("umount").arg(&m).status();
            }),
        ));
    }
    let _ = Command::new("umount").arg(&mnt).status();
    None
}

#[test]
fn an_index_on_read_only_storage_is_searchable() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let Some((ro, undo)) = read_only(&sb, "index") else {
        eprintln!("cannot make a read-only directory here (root without mount): not tested");
        return;
    };
    let ro = ro.to_string_lossy().into_owned();
    let r = sb.run(&["search", "Đại Từ", "--count", "--index", &ro]);
    let s = sb.run(&["stats", "--index", &ro]);
    let c = sb.run(&["check", "--index", &ro]);
    undo();
    assert_eq!((r.code, r.stdout.trim()), (0, "2"), "{}", r.stderr);
    assert_eq!(s.code, 0, "{}", s.stderr);
    assert_eq!(c.code, 0, "{}", c.stderr);
}

#[test]
fn a_stray_invalid_byte_keeps_the_file_utf8_with_a_warning() {
    let sb = Sandbox::new();
    let bytes = crate::util::article_with_a_stray_invalid_byte();
    sb.write("in/a.txt", &bytes);
    let r = sb.index(&["in"]);
    assert!(
        r.stdout
            .contains("warning in/a.txt: 1 bytes that are not valid UTF-8 replaced"),
        "{}",
        r.stdout
    );
    assert_eq!(
        sb.run(&["search", "Thái Nguyên", "--count"]).stdout.trim(),
        "1"
    );
    let r = sb.run(&["search", "Thái Nguyên"]);
    assert!(!r.stdout.contains("á»"), "{}", r.stdout);
}

#[test]
fn stdin_lines_with_invalid_bytes_are_reported_and_the_rest_processed() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    for args in [&["segment"][..], &["extract", "--lines"]] {
        let mut child = Command::new(bin())
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn");
        let mut stdin = child.stdin.take().expect("stdin");
        stdin
            .write_all(b"x\xe3 Ng\xff\xfec S\xc6\xa1n\nHuy\xe1\xbb\x87n \xc4\x90\xe1\xba\xa1i T\xe1\xbb\xab\nth\xc3\xb4n\n")
            .expect("write");
        drop(stdin);
        let out = child.wait_with_output().expect("wait");
        let stdout = String::from_utf8(out.stdout).expect("utf8");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {stderr}");
        assert_eq!(stdout.lines().count(), 3, "{args:?}: {stdout}");
        assert!(stdout.contains("Đại"), "{args:?}: {stdout}");
        assert!(stderr.contains("stdin line 1:"), "{args:?}: {stderr}");
        assert!(!stderr.contains("line 2"), "{args:?}: {stderr}");
    }
}

#[cfg(unix)]
#[test]
fn links_are_not_followed_out_of_the_inputs() {
    let sb = Sandbox::new();
    sb.write(
        "outside/secret.txt",
        "Bí mật\n\nNội dung ngoài thư mục Zakuro.",
    );
    sb.write("in/a.txt", "Tin\n\nXã Vạn Thọ đạt chuẩn nông thôn mới.");
    std::os::unix::fs::symlink(sb.path("outside/secret.txt"), sb.path("in/link.txt")).expect("ln");
    std::os::unix::fs::symlink(sb.path("outside"), sb.path("in/dir")).expect("ln");
    let r = sb.index(&["in", "--json"]);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["documents_total"], 1, "{}", r.stdout);
    assert_eq!(sb.run(&["search", "Zakuro", "--count"]).stdout.trim(), "0");
    let r = sb.run(&["index", "--quiet", "in", "--follow", "--index", "f"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("leads outside the inputs"),
        "{}",
        r.stdout
    );
    assert_eq!(
        sb.run(&["search", "Zakuro", "--count", "--index", "f"])
            .stdout
            .trim(),
        "0"
    );
}

#[cfg(unix)]
#[test]
fn hostile_file_names_are_indexed_and_escaped_everywhere() {
    use std::os::unix::ffi::OsStrExt;
    let sb = Sandbox::new();
    std::fs::create_dir_all(sb.path("in")).expect("mkdir");
    let latin1 = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(sb.path("in").join(latin1), "Tin\n\nBài về xã Kiwano.").expect("write");
    // A tab, a newline and a terminal escape in the name of a file that is rejected.
    let evil = std::ffi::OsStr::from_bytes(b"bad\tname\nfake\trow\x1b[31m.json");
    std::fs::write(sb.path("in").join(evil), "{not json").expect("write");
    let r = sb.run(&["index", "--quiet", "in"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        !r.stdout.contains('\x1b'),
        "escape reached the terminal: {:?}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("in/bad\\tname\\nfake\\trow\\u{1b}[31m.json"),
        "{}",
        r.stdout
    );
    let tsv = std::fs::read_to_string(sb.path("index/rejects.tsv")).expect("tsv");
    let rows: Vec<&str> = tsv.lines().collect();
    assert_eq!(rows.len(), 2, "{tsv}");
    assert_eq!(rows[1].split('\t').count(), 3, "{tsv}");
    // The file whose name is not UTF-8 is indexed under its escaped name.
    let hits = sb.run(&["search", "Kiwano", "--json"]).json_lines();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0]["path"], "in/caf\\xe9.txt");
    // A rerun finds it unchanged (its key is stable).
    let r = sb.index(&["in"]);
    assert!(r.stdout.contains("1 unchanged"), "{}", r.stdout);
}

#[test]
fn dates_in_the_future_are_not_taken_from_article_text() {
    let sb = Sandbox::new();
    sb.write(
        "in/a.txt",
        "Quy hoạch đến năm 2050\n\nNgày 21/6/2050, tỉnh sẽ hoàn thành quy hoạch vùng nông thôn mới.",
    );
    sb.index(&["in"]);
    let r = sb.run(&["stats"]);
    assert!(!r.stdout.contains("2050"), "{}", r.stdout);
    assert!(r.stdout.contains("1 undated"), "{}", r.stdout);
}

#[test]
fn a_run_killed_inside_one_large_json_lines_file_resumes_after_its_last_commit() {
    use std::io::Write;
    use std::process::{Command, Stdio};
    use std::time::{Duration, Instant};
    let sb = Sandbox::new();
    let n = 20_000;
    let mut f =
        std::io::BufWriter::new(std::fs::File::create(sb.path("big.jsonl")).expect("create"));
    for i in 0..n {
        writeln!(
            f,
            "{}",
            serde_json::json!({
                "id": i,
                "title": format!("Tin số {i}"),
                "body": format!("Bài số {i} nói về xã thứ {i} của huyện Đại Từ, tỉnh Thái Nguyên, mã {i:x}; UBND xã đã họp ngày 3/4/2023 về nông thôn mới và OCOP {}.", i * 7919),
            })
        )
        .expect("write");
    }
    drop(f);
    let mut child = Command::new(bin())
        .args(["index", "big.jsonl", "--quiet", "--commit-interval", "0.5"])
        .current_dir(sb.dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    // Wait for the first commit inside the file, then kill hard.
    let meta = sb.path("index/meta.json");
    let deadline = Instant::now() + Duration::from_secs(300);
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
    let count = |sb: &Sandbox| -> usize {
        let r = sb.run(&["search", "", "--count"]);
        r.stdout
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{}{}", r.stdout, r.stderr))
    };
    let partial = count(&sb);
    assert!(partial > 0 && partial < n, "{partial}");
    // The commit records where to resume inside the file (in the state
    // file its payload names: a killed run may leave a newer one behind).
    let meta: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&meta).expect("meta")).expect("meta json");
    let payload: serde_json::Value =
        serde_json::from_str(meta["payload"].as_str().expect("payload")).expect("payload json");
    let state = sb
        .path("index")
        .join(payload["state"].as_str().expect("state name"));
    let state: serde_json::Value =
        serde_json::from_slice(&std::fs::read(state).expect("read")).expect("json");
    let resume = &state["sources"]["big.jsonl"]["resume"];
    assert!(resume["line"].as_u64().is_some_and(|l| l > 0), "{state:#}");
    // The rerun resumes there: it reads only the rest, and ends with
    // exactly one document per line.
    let r = sb.run(&["index", "big.jsonl", "--quiet", "--json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["documents_total"], n, "{v}");
    let read = v["records_read"].as_u64().expect("records");
    assert!(read < n as u64, "resumed, not re-read: {read}");
    assert_eq!(count(&sb), n);
    let hits = sb
        .run(&["search", "\"Tin số 12345\"", "--json"])
        .json_lines();
    assert_eq!(hits.len(), 1);
    let r = sb.run(&["check"]);
    assert_eq!(r.code, 0, "{}", r.stdout);
}

/// Entity-dense news-like text written for the tests: `n` varied
/// sentences on one line.
fn dense_line(bytes: usize) -> String {
    let mut s = String::with_capacity(bytes + 300);
    let mut i = 0usize;
    while s.len() < bytes {
        use std::fmt::Write;
        let _ = write!(
            s,
            "Ngày {}/{}/2023, UBND xã Vạn Thọ, huyện Đại Từ, tỉnh Thái Nguyên họp về nông thôn mới và OCOP 4 sao với {} hộ dân; ông Nguyễn Văn An, Chủ tịch UBND xã, cho biết xã đã làm {} km đường. ",
            i % 28 + 1,
            i % 12 + 1,
            i * 7 + 3,
            i % 90 + 1
        );
        i += 1;
    }
    s
}

/// Large inputs, generated here: a long single line of entity-dense text
/// past the text limit, HTML nested 100,000 elements deep, and a 1 MB line
/// on `extract`'s stdin. Each finishes with a clear report and loses nothing
/// unreported. The bounds are generous sanity limits; the measured time and
/// memory per size come from `bench/one_line_scaling.py`.
#[test]
fn large_hostile_inputs_finish_with_a_report_within_bounds() {
    let sb = Sandbox::new();
    sb.write(
        "in/long.txt",
        format!("Tin một dòng\n{}", dense_line(3 << 19)),
    );
    let mut html = String::from("<html><head><title>Trang lồng sâu</title></head><body>");
    html.push_str(&"<div>".repeat(100_000));
    html.push_str("Xã Phú Xuyên đạt chuẩn nông thôn mới nâng cao.");
    html.push_str(&"</div>".repeat(100_000));
    html.push_str("</body></html>");
    sb.write("in/deep.html", html);
    let r = sb.run(&["index", "in", "--json", "--max-text", "1000000"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("json");
    assert_eq!(v["documents_total"], 2, "{v}");
    let warnings = v["warnings"].to_string();
    assert!(
        warnings.contains("long.txt: 1 document longer than 1000000 bytes")
            && warnings.contains("--max-text"),
        "{warnings}"
    );
    let peak = v["peak_memory_bytes"].as_u64().unwrap_or(0);
    assert!(peak < 2 << 30, "peak memory {peak} bytes");
    // The part kept is searchable; the deep page's text too.
    assert_eq!(sb.search_paths("\"Nguyễn Văn An\"", &[]), ["long.txt"]);
    assert_eq!(sb.search_paths("\"Phú Xuyên\"", &[]), ["deep.html"]);
    // The human summary says the same.
    sb.write(
        "in2/long.txt",
        format!("Tin khác\n{}", dense_line(1_200_000)),
    );
    let r = sb.run(&["index", "in2", "--index", "other", "--max-text", "1000000"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout.contains("warning") && r.stdout.contains("raise the limit with --max-text"),
        "{}",
        r.stdout
    );
    // `extract` on one 1 MB line answers with its entities.
    let out = crate::util::run_with_stdin(&["extract", "--lines"], &dense_line(1 << 20));
    assert!(
        out.matches("Vạn Thọ").count() > 500,
        "{} bytes out",
        out.len()
    );
}

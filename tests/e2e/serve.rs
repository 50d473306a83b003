//! `vietdex serve`: the real binary listening on 127.0.0.1, asked over
//! real TCP connections.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::util::{Sandbox, bin};

/// A running `vietdex serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    /// Starts `vietdex serve` on a free loopback port in the sandbox.
    fn start(sb: &Sandbox) -> Server {
        let mut child = Command::new(bin())
            .args(["serve", "--addr", "127.0.0.1:0"])
            .current_dir(sb.dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start vietdex serve");
        let stderr = child.stderr.take().expect("stderr");
        let mut line = String::new();
        BufReader::new(stderr)
            .read_line(&mut line)
            .expect("read the serving line");
        let addr = line
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|a| a.parse().ok())
            .unwrap_or_else(|| panic!("no address in {line:?}"));
        assert!(line.contains("this machine only"), "{line}");
        Server { child, addr }
    }

    /// Sends raw bytes and reads the whole answer: (status, headers, body).
    fn raw(&self, request: &[u8]) -> (u16, String, Vec<u8>) {
        let mut s = TcpStream::connect(self.addr).expect("connect");
        s.set_read_timeout(Some(Duration::from_secs(60)))
            .expect("timeout");
        s.write_all(request).expect("send");
        let mut out = Vec::new();
        s.read_to_end(&mut out).expect("read answer");
        let split = out
            .windows(4)
            .position(|w| w == b"\r\n\r\n")
            .unwrap_or_else(|| panic!("no header end in {:?}", String::from_utf8_lossy(&out)));
        let head = String::from_utf8_lossy(&out[..split]).into_owned();
        let status = head
            .split(' ')
            .nth(1)
            .and_then(|s| s.parse().ok())
            .expect("status");
        (status, head, out[split + 4..].to_vec())
    }

    /// `GET path` (already encoded).
    fn get(&self, path: &str) -> (u16, String, Vec<u8>) {
        self.raw(
            format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
                .as_bytes(),
        )
    }

    /// `GET` with parameters, answered as JSON.
    fn json(&self, path: &str, params: &[(&str, &str)]) -> (u16, Value) {
        let (status, _, body) = self.get(&url(path, params));
        let v = serde_json::from_slice(&body).unwrap_or_else(|e| {
            panic!("{path}: not JSON ({e}): {}", String::from_utf8_lossy(&body))
        });
        (status, v)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn url(path: &str, params: &[(&str, &str)]) -> String {
    let mut q = form_urlencoded::Serializer::new(String::new());
    for (k, v) in params {
        q.append_pair(k, v);
    }
    format!("{path}?{}", q.finish())
}

fn indexed() -> Sandbox {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    sb
}

/// The CLI's `--json` lines.
fn cli_json(sb: &Sandbox, args: &[&str]) -> Vec<Value> {
    let r = sb.run(args);
    assert!(r.code == 0 || r.code == 1, "{args:?}: {}", r.stderr);
    r.json_lines()
}

/// CLI arguments and the API parameters that ask the same.
type Same<'a> = (&'a [&'a str], &'a [(&'a str, &'a str)]);

#[test]
fn api_answers_equal_the_cli_json() {
    let sb = indexed();
    let server = Server::start(&sb);
    // (CLI flags, API parameters) for the same searches.
    let searches: &[Same] = &[
        (&["dai tu"], &[("q", "dai tu")]),
        (
            &["nông thôn mới", "--district", "dai tu", "--from", "2024"],
            &[
                ("q", "nông thôn mới"),
                ("district", "dai tu"),
                ("from", "2024"),
            ],
        ),
        (
            &["", "--program", "NTM nâng cao", "--limit", "3"],
            &[("q", ""), ("program", "NTM nâng cao"), ("limit", "3")],
        ),
        (
            &[
                "OCOP",
                "--dedup",
                "--province",
                "Hà Tĩnh",
                "--province",
                "42",
            ],
            &[
                ("q", "OCOP"),
                ("dedup", "true"),
                ("province", "Hà Tĩnh"),
                ("province", "42"),
            ],
        ),
        (&["xã -ocop"], &[("q", "xã -ocop")]),
    ];
    for (flags, params) in searches {
        let mut args = vec!["search", "--json"];
        args.extend_from_slice(flags);
        let cli = cli_json(&sb, &args);
        let (status, api) = server.json("/api/search", params);
        assert_eq!(status, 200, "{params:?}: {api}");
        assert_eq!(api["hits"], Value::Array(cli), "{params:?}");
        let mut count = vec!["search", "--count"];
        count.extend_from_slice(flags);
        let n = sb.run(&count);
        assert_eq!(api["total"].to_string(), n.stdout.trim(), "{params:?}");
    }
    let entities: &[Same] = &[
        (
            &["--kind", "district", "--top", "5"],
            &[("kind", "district"), ("top", "5")],
        ),
        (
            &[
                "--with",
                "program:OCOP",
                "--kind",
                "commune",
                "--district",
                "Thạch Hà",
            ],
            &[
                ("with", "program:OCOP"),
                ("kind", "commune"),
                ("district", "Thạch Hà"),
            ],
        ),
        (
            &["--kind", "program", "--by", "year", "--top", "2"],
            &[("kind", "program"), ("by", "year"), ("top", "2")],
        ),
        (
            &["nông thôn", "--kind", "org"],
            &[("q", "nông thôn"), ("kind", "org")],
        ),
    ];
    for (flags, params) in entities {
        let mut args = vec!["entities", "--json"];
        args.extend_from_slice(flags);
        let cli = cli_json(&sb, &args);
        let (status, api) = server.json("/api/entities", params);
        assert_eq!(status, 200, "{params:?}: {api}");
        assert!(!cli.is_empty(), "{flags:?} finds something");
        assert_eq!(api["rows"], Value::Array(cli), "{params:?}");
    }
    // Documents by id and by path, and the statistics.
    let first = &cli_json(&sb, &["search", "dai tu", "--json"])[0];
    for target in [first["id"].as_str(), first["path"].as_str()] {
        let target = target.expect("id and path");
        let cli = cli_json(&sb, &["show", target, "--json"]);
        let encoded: String = form_urlencoded::byte_serialize(target.as_bytes()).collect();
        let (status, _, body) = server.get(&format!("/api/doc/{encoded}"));
        assert_eq!(status, 200, "{target}");
        let api: Value = serde_json::from_slice(&body).expect("JSON");
        assert_eq!(api, cli[0], "{target}");
    }
    let (status, api) = server.json("/api/stats", &[]);
    assert_eq!(status, 200);
    assert_eq!(api, cli_json(&sb, &["stats", "--json"])[0]);
    // The same errors.
    for (flags, path, params) in [
        (
            vec!["search", "", "--district", "dai tuu"],
            "/api/search",
            vec![("district", "dai tuu")],
        ),
        (
            vec!["search", "", "--district", "Châu Thành"],
            "/api/search",
            vec![("district", "Châu Thành")],
        ),
        (
            vec!["entities", "--program", "no such program"],
            "/api/entities",
            vec![("program", "no such program")],
        ),
        (
            vec!["search", "", "--from", "2024-13"],
            "/api/search",
            vec![("from", "2024-13")],
        ),
        (vec!["search", "?!…"], "/api/search", vec![("q", "?!…")]),
        (vec!["entities", "?!…"], "/api/entities", vec![("q", "?!…")]),
    ] {
        let r = sb.run(&flags);
        assert_eq!(r.code, 2, "{flags:?}");
        let (status, api) = server.json(path, &params);
        assert_eq!(status, 400, "{params:?}");
        let msg = api["error"].as_str().expect("error message");
        assert!(
            r.stderr.contains(msg),
            "API {msg:?} is not the CLI's {:?}",
            r.stderr
        );
    }
}

#[test]
fn csv_exports_are_the_same_from_the_cli_and_the_api() {
    let sb = indexed();
    let server = Server::start(&sb);
    let cli = sb.run(&["search", "nông thôn mới", "--format", "csv"]);
    assert_eq!(cli.code, 0, "{}", cli.stderr);
    let (status, head, body) = server.get(&url(
        "/api/search",
        &[("q", "nông thôn mới"), ("format", "csv")],
    ));
    assert_eq!(status, 200);
    assert!(
        head.to_ascii_lowercase().contains("content-type: text/csv"),
        "{head}"
    );
    assert_eq!(String::from_utf8_lossy(&body), cli.stdout);
    assert!(cli.stdout.starts_with("rank,id,title,"), "{}", cli.stdout);
    assert_eq!(cli.stdout.lines().count(), 6, "header + 5 hits");

    let cli = sb.run(&["entities", "--kind", "commune", "--format", "csv"]);
    let (_, _, body) = server.get(&url(
        "/api/entities",
        &[("kind", "commune"), ("format", "csv")],
    ));
    assert_eq!(String::from_utf8_lossy(&body), cli.stdout);
    let cli = sb.run(&["entities", "--graph", "gexf", "--top", "10"]);
    let (_, head, body) = server.get(&url("/api/entities", &[("graph", "gexf"), ("top", "10")]));
    assert!(head.contains("gexf"), "{head}");
    assert_eq!(String::from_utf8_lossy(&body), cli.stdout);
    assert!(cli.stdout.contains("<edge "), "{}", cli.stdout);
}

#[test]
fn suggestions_restore_diacritics_and_parents() {
    let sb = indexed();
    let server = Server::start(&sb);
    let (status, v) = server.json("/api/suggest", &[("q", "dai tu"), ("kind", "district")]);
    assert_eq!(status, 200);
    let first = &v["suggestions"][0];
    assert_eq!(first["label"], "Đại Từ (Thái Nguyên)");
    assert_eq!(first["parents"][0], "Tỉnh Thái Nguyên");
    // The value it gives filters on that district.
    let value = first["value"].as_str().expect("value");
    let (status, hits) = server.json("/api/search", &[("district", value)]);
    assert_eq!(status, 200, "{hits}");
    assert_eq!(hits["total"], 2);
    // People and organizations come from the index.
    let (_, v) = server.json("/api/suggest", &[("q", "nguyen quoc"), ("kind", "person")]);
    assert_eq!(v["suggestions"][0]["value"], "Nguyễn Quốc Quân", "{v}");
    let (_, v) = server.json("/api/suggest", &[("q", "ntm"), ("kind", "program")]);
    assert_eq!(v["suggestions"][0]["value"], "Nông thôn mới", "{v}");
}

#[test]
fn hostile_requests_get_4xx_and_the_server_keeps_serving() {
    let sb = indexed();
    let server = Server::start(&sb);
    let huge = "nông thôn ".repeat(2000);
    let cases: Vec<(String, u16)> = vec![
        (url("/api/search", &[("q", &huge)]), 414),
        (url("/api/search", &[("q", &"a".repeat(1001))]), 400),
        (url("/api/search", &[("limit", "abc")]), 400),
        (url("/api/search", &[("limit", "-1")]), 400),
        (url("/api/search", &[("limit", "0")]), 400),
        (url("/api/entities", &[("top", "0")]), 400),
        (url("/api/search", &[("limit", "100000")]), 400),
        (
            url("/api/search", &[("offset", "990"), ("limit", "20")]),
            400,
        ),
        (url("/api/search", &[("dedup", "maybe")]), 400),
        (url("/api/search", &[("color", "red")]), 400),
        (url("/api/search", &[("era", "1990")]), 400),
        (url("/api/search", &[("format", "xml")]), 400),
        (url("/api/entities", &[("kind", "bogus")]), 400),
        (url("/api/entities", &[("by", "week")]), 400),
        (url("/api/entities", &[("with", "nonsense")]), 400),
        (
            url("/api/suggest", &[("kind", "date"), ("limit", "999")]),
            400,
        ),
        ("/api/doc/..%2F..%2F..%2Fetc%2Fpasswd".to_string(), 404),
        ("/api/doc/../../etc/passwd".to_string(), 404),
        ("/api/doc/%2Fetc%2Fpasswd".to_string(), 404),
        ("/api/doc/%00".to_string(), 404),
        ("/../../etc/passwd".to_string(), 404),
        ("/api/nothing".to_string(), 404),
    ];
    for (path, want) in &cases {
        let (status, _, body) = server.get(path);
        assert_eq!(status, *want, "{path}: {}", String::from_utf8_lossy(&body));
        if *want != 404 || path.starts_with("/api") {
            let v: Value = serde_json::from_slice(&body)
                .unwrap_or_else(|_| panic!("{path}: not JSON: {}", String::from_utf8_lossy(&body)));
            assert!(v["error"].as_str().is_some_and(|m| !m.is_empty()), "{path}");
        }
    }
    // Too many values of one parameter.
    let many: Vec<(&str, &str)> = (0..40).map(|_| ("province", "42")).collect();
    assert_eq!(server.json("/api/search", &many).0, 400);
    // Another method, a body, garbage instead of HTTP.
    let (status, _, _) = server.raw(
        b"POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello",
    );
    assert_eq!(status, 405);
    let mut s = TcpStream::connect(server.addr).expect("connect");
    s.write_all(b"\x16\x03\x01 not http at all\r\n\r\n")
        .expect("send");
    let mut out = Vec::new();
    s.set_read_timeout(Some(Duration::from_secs(10)))
        .expect("timeout");
    let _ = s.read_to_end(&mut out);
    if !out.is_empty() {
        assert!(
            out.starts_with(b"HTTP/1.1 4"),
            "{:?}",
            String::from_utf8_lossy(&out)
        );
    }
    // Slow clients: connections that send half a request and wait do not
    // keep others from being served.
    let slow: Vec<TcpStream> = (0..64)
        .map(|_| {
            let mut s = TcpStream::connect(server.addr).expect("connect");
            s.write_all(b"GET /api/search?q=ntm HTTP/1.1\r\nHost: x\r\n")
                .expect("send");
            s
        })
        .collect();
    let started = Instant::now();
    let (status, v) = server.json("/api/search", &[("q", "nông thôn mới")]);
    assert_eq!(status, 200, "{v}");
    assert!(started.elapsed() < Duration::from_secs(10));
    drop(slow);
    let (status, v) = server.json("/api/stats", &[]);
    assert_eq!(status, 200);
    assert_eq!(v["documents"], 5);
}

#[test]
fn the_page_and_its_files_are_served_from_the_binary() {
    let sb = indexed();
    let server = Server::start(&sb);
    let (status, head, body) = server.get("/?q=dai+tu&district=171");
    assert_eq!(status, 200);
    assert!(head.to_ascii_lowercase().contains("text/html"), "{head}");
    let html = String::from_utf8_lossy(&body);
    assert!(
        html.contains("/app.js") && html.contains("/app.css"),
        "{html}"
    );
    for (path, kind) in [("/app.js", "javascript"), ("/app.css", "text/css")] {
        let (status, head, body) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(head.contains(kind), "{head}");
        assert!(body.len() > 1000, "{path}");
    }
}

#[test]
fn a_new_commit_is_served_without_a_restart() {
    let sb = indexed();
    let server = Server::start(&sb);
    assert_eq!(server.json("/api/stats", &[]).1["documents"], 5);
    sb.write(
        "more/extra.txt",
        "Huyện Đại Từ khánh thành cầu mới\n\nNgày 2/3/2024, UBND huyện Đại Từ khánh thành cây cầu mới ở xã Vạn Thọ.",
    );
    sb.index(&["corpus", "more"]);
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let (_, v) = server.json("/api/search", &[("q", "khánh thành cầu")]);
        if v["total"] == 1 {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "the new document never appeared: {v}"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
    assert_eq!(server.json("/api/stats", &[]).1["documents"], 6);
}

#[test]
fn serve_without_an_index_says_how_to_build_one() {
    let sb = Sandbox::new();
    let r = sb.run(&["serve", "--index", "nowhere", "--addr", "127.0.0.1:0"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("vietdex index"), "{}", r.stderr);
}

//! Every format, both compressions, each encoding case, and bad input,
//! through the public `load` API on real files.

use std::io::Write;
use std::path::{Path, PathBuf};

use vietdex_ingest::{Article, Options, Reject, load};

const TEXT: &str = "Huyện Đại Từ đạt chuẩn nông thôn mới\n\nNăm 2023, huyện Đại Từ về đích nông thôn mới. Xã Vạn Thọ đạt NTM nâng cao.\n";

fn run(
    path: &Path,
) -> (
    Result<vietdex_ingest::Loaded, Reject>,
    Vec<Article>,
    Vec<Reject>,
) {
    let mut ok = Vec::new();
    let mut bad = Vec::new();
    let r = load(path, &Options::default(), &mut |rec| match rec {
        Ok(a) => ok.push(a),
        Err(e) => bad.push(e),
    });
    (r, ok, bad)
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).expect("write");
    p
}

fn gz(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).expect("gz");
    e.finish().expect("gz")
}

fn zst(bytes: &[u8]) -> Vec<u8> {
    zstd::stream::encode_all(bytes, 3).expect("zstd")
}

fn html() -> String {
    r#"<html><head><meta property="og:title" content="Huyện Đại Từ đạt chuẩn nông thôn mới">
       <meta property="article:published_time" content="2024-04-08T10:00:00+07:00"></head>
       <body><nav>Trang chủ</nav><article><p>Năm 2023, huyện Đại Từ về đích nông thôn mới.</p>
       <p>Xã Vạn Thọ đạt NTM nâng cao.</p></article></body></html>"#
        .to_string()
}

fn jsonl() -> String {
    [
        r#"{"title":"Tin một","text":"Huyện Đại Từ về đích nông thôn mới.","date":"2024-04-08"}"#,
        r#"{"title":"Tin hai","content":"Xã Vạn Thọ đạt NTM nâng cao.","url":"https://a.vn/2"}"#,
    ]
    .join("\n")
        + "\n"
}

#[test]
fn every_format_plain_gzip_and_zstd() {
    let dir = tempfile::tempdir().expect("tempdir");
    let json = format!("[{}]", jsonl().trim().replace('\n', ","));
    let cases: Vec<(&str, Vec<u8>, usize)> = vec![
        ("a.txt", TEXT.as_bytes().to_vec(), 1),
        ("a.html", html().into_bytes(), 1),
        ("a.htm", html().into_bytes(), 1),
        ("a.jsonl", jsonl().into_bytes(), 2),
        ("a.ndjson", jsonl().into_bytes(), 2),
        ("a.json", json.into_bytes(), 2),
    ];
    for (name, bytes, n) in cases {
        for (suffix, data) in [
            ("", bytes.clone()),
            (".gz", gz(&bytes)),
            (".zst", zst(&bytes)),
        ] {
            let file = format!("{name}{suffix}");
            let p = write(dir.path(), &file, &data);
            let (r, ok, bad) = run(&p);
            let loaded = r.unwrap_or_else(|e| panic!("{file}: {e}"));
            assert_eq!(ok.len(), n, "{file}");
            assert!(bad.is_empty(), "{file}: {bad:?}");
            assert_eq!(loaded.bytes, data.len() as u64, "{file}");
            assert!(
                ok.iter().all(|a| !a.body.is_empty() && a.id.len() == 16),
                "{file}"
            );
            assert!(
                ok.iter()
                    .any(|a| a.body.contains("Đại Từ") || a.body.contains("Vạn Thọ")),
                "{file}"
            );
        }
    }
    let (_, html_doc, _) = run(&dir.path().join("a.html.zst"));
    assert_eq!(html_doc[0].published.as_deref(), Some("2024-04-08"));
    assert!(!html_doc[0].body.contains("Trang chủ"));
}

/// Text as windows-1258 writes it: letters with their vowel marks
/// precomposed, tone marks as combining characters after them.
fn cp1258_form(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];
    let mut out = String::new();
    for c in text.chars() {
        let d: Vec<char> = std::iter::once(c).nfd().collect();
        let base: String = d
            .iter()
            .filter(|c| !TONES.contains(c))
            .collect::<String>()
            .nfc()
            .collect();
        out.push_str(&base);
        out.extend(d.iter().filter(|c| TONES.contains(c)));
    }
    out
}

#[test]
fn encodings() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend_from_slice(TEXT.as_bytes());
    let mut le = vec![0xFF, 0xFE];
    le.extend(TEXT.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(TEXT.encode_utf16().flat_map(u16::to_be_bytes));
    let legacy = cp1258_form(TEXT);
    let (cp1258, _, unmappable) = encoding_rs::WINDOWS_1258.encode(&legacy);
    assert!(!unmappable);
    for (name, bytes) in [
        ("bom.txt", bom),
        ("le.txt", le),
        ("be.txt", be),
        ("cp1258.txt", cp1258.into_owned()),
    ] {
        let p = write(dir.path(), name, &bytes);
        let (r, ok, _) = run(&p);
        assert!(r.is_ok(), "{name}: {r:?}");
        assert_eq!(
            vietdex_tokenize::normalize(&ok[0].title),
            "huyện đại từ đạt chuẩn nông thôn mới",
            "{name}"
        );
    }
    let p = write(dir.path(), "odd.txt", &[0xFF, 0xFE, 0x41]);
    let err = run(&p).0.expect_err("odd UTF-16");
    assert!(
        err.to_string().contains("odd.txt: cannot decode: UTF-16"),
        "{err}"
    );
}

#[test]
fn empty_binary_and_broken_compressed_files_are_rejected_with_reasons() {
    let dir = tempfile::tempdir().expect("tempdir");
    for (name, bytes, why) in [
        ("empty.txt", Vec::new(), "empty"),
        ("blank.txt", b"  \n \n".to_vec(), "empty"),
        (
            "elf.txt",
            vec![0x7F, b'E', b'L', b'F', 0, 0, 1],
            "binary data",
        ),
        ("bad.gz.txt", gz(b"x")[..5].to_vec(), "binary"),
        (
            "cut.txt.gz",
            gz(TEXT.as_bytes())[..20].to_vec(),
            "cannot decompress",
        ),
        (
            "junk.txt.zst",
            b"not zstd at all".to_vec(),
            "cannot decompress",
        ),
        ("empty.json", Vec::new(), "invalid JSON"),
        ("num.json", b"42".to_vec(), "neither an object nor an array"),
        (
            "empty.html",
            b"<html><body></body></html>".to_vec(),
            "empty",
        ),
    ] {
        let p = write(dir.path(), name, &bytes);
        let (r, ok, _) = run(&p);
        let err = r.expect_err(name);
        assert!(ok.is_empty(), "{name}");
        assert!(err.to_string().contains(why), "{name}: {err}");
        assert!(
            err.to_string().starts_with(&p.display().to_string()),
            "{err}"
        );
    }
}

#[test]
fn malformed_json_lines_lose_only_themselves() {
    let dir = tempfile::tempdir().expect("tempdir");
    let text = format!(
        "{}\n{{broken\n\n[1,2]\n{{\"title\":\"only a title\"}}\n{}\n",
        r#"{"title":"A","text":"Một bài về Đại Từ."}"#,
        r#"{"title":"B","text":"Một bài về Phú Lương."}"#
    );
    let p = write(dir.path(), "mixed.jsonl", text.as_bytes());
    let (r, ok, bad) = run(&p);
    let loaded = r.expect("file is fine");
    assert_eq!(loaded.records, 5);
    assert_eq!(
        ok.iter().map(|a| a.title.as_str()).collect::<Vec<_>>(),
        ["A", "B"]
    );
    let lines: Vec<Option<usize>> = bad.iter().map(|b| b.line).collect();
    assert_eq!(lines, [Some(2), Some(4), Some(5)]);
    assert!(
        bad[0]
            .to_string()
            .contains("mixed.jsonl:2: cannot parse: invalid JSON"),
        "{}",
        bad[0]
    );
}

#[test]
fn malformed_html_is_read_as_far_as_it_goes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let p = write(
        dir.path(),
        "broken.html",
        "<html><title>Tin</title><body><p>Đoạn một về Đại Từ<p>Đoạn <b>hai</i> về <div>Vạn Thọ đạt chuẩn nông thôn mới.".as_bytes(),
    );
    let (r, ok, _) = run(&p);
    assert!(r.is_ok());
    assert_eq!(ok[0].title, "Tin");
    assert!(ok[0].body.contains("Đoạn một về Đại Từ") && ok[0].body.contains("Vạn Thọ"));
}

#[test]
fn a_50_mb_single_line_file() {
    let dir = tempfile::tempdir().expect("tempdir");
    let unit = "xã Vạn Thọ đạt chuẩn nông thôn mới nâng cao, ";
    let body = unit.repeat(50_000_000 / unit.len() + 1);
    let p = write(
        dir.path(),
        "huge.txt",
        format!("Tiêu đề\n{body}").as_bytes(),
    );
    // By default the body is cut at the text limit, at a word boundary,
    // and the cut is counted.
    let (r, ok, _) = run(&p);
    let loaded = r.expect("loads");
    assert!(loaded.bytes > 50_000_000);
    assert_eq!(loaded.truncated, 1);
    assert_eq!(ok.len(), 1);
    let kept = &ok[0].body;
    assert!(kept.len() <= vietdex_ingest::MAX_TEXT && kept.len() > vietdex_ingest::MAX_TEXT - 100);
    assert!(body.starts_with(kept.as_str()) && body[kept.len()..].starts_with(' '));
    // With no limit, all of it (shown on a smaller file).
    let small = write(
        dir.path(),
        "small.txt",
        format!("Tiêu đề\n{}", unit.repeat(1_000_000 / unit.len())).as_bytes(),
    );
    for (max_text, cut) in [(0, false), (500_000, true)] {
        let opts = Options {
            max_text,
            ..Options::default()
        };
        let mut bodies = Vec::new();
        let loaded = load(&small, &opts, &mut |a| {
            bodies.push(a.expect("article").body)
        })
        .expect("loads");
        assert_eq!(loaded.truncated, usize::from(cut));
        assert_eq!(bodies[0].len() < 999_000, cut);
    }
    // The same line as one JSON record.
    let rec = serde_json::json!({"title": "t", "text": body}).to_string();
    let p = write(dir.path(), "huge.jsonl", rec.as_bytes());
    let (r, ok, _) = run(&p);
    assert_eq!(r.expect("loads").truncated, 1);
    assert_eq!(ok.len(), 1);
    // Over the configured limit: rejected with the reason, not read.
    let small = Options {
        max_bytes: 1 << 20,
        ..Options::default()
    };
    let err = load(&p, &small, &mut |_| {}).expect_err("too large");
    assert!(err.to_string().contains("too large"), "{err}");
}

#[test]
fn exact_copies_share_an_id_whatever_the_format() {
    let dir = tempfile::tempdir().expect("tempdir");
    let a = write(dir.path(), "a.txt", TEXT.as_bytes());
    let b = write(
        dir.path(),
        "b.txt.gz",
        &gz(TEXT.replace("  ", " ").as_bytes()),
    );
    let (_, x, _) = run(&a);
    let (_, y, _) = run(&b);
    assert_eq!(x[0].id, y[0].id);
}

fn warc_record(kind: &str, uri: &str, content_type: &str, block: &[u8]) -> Vec<u8> {
    let mut r = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Record-ID: <urn:uuid:{:08x}-0000-4000-8000-000000000000>\r\n\
         WARC-Date: 2024-05-01T03:00:00Z\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\n\
         Content-Length: {}\r\n\r\n",
        block.len() ^ uri.len(),
        block.len()
    )
    .into_bytes();
    r.extend_from_slice(block);
    r.extend_from_slice(b"\r\n\r\n");
    r
}

fn http(status: &str, headers: &str, body: &[u8]) -> Vec<u8> {
    let mut r = format!("HTTP/1.1 {status}\r\n{headers}\r\n").into_bytes();
    r.extend_from_slice(body);
    r
}

/// A crawl as wget or Heritrix writes it: warcinfo, request and response
/// pairs, a redirect, an image, a chunked and gzipped page, a page in a
/// legacy charset, and an HTML resource record.
fn crawl() -> Vec<Vec<u8>> {
    let page = html();
    let other = page
        .replace("Đại Từ", "Phú Lương")
        .replace("Vạn Thọ", "Yên Ninh");
    let chunked = {
        let zipped = gz(other.as_bytes());
        let (a, b) = zipped.split_at(zipped.len() / 2);
        let mut body = format!("{:x}\r\n", a.len()).into_bytes();
        body.extend_from_slice(a);
        body.extend_from_slice(format!("\r\n{:x}\r\n", b.len()).as_bytes());
        body.extend_from_slice(b);
        body.extend_from_slice(b"\r\n0\r\n\r\n");
        body
    };
    let legacy = "<html><head><title>Café à Hué</title></head><body><article><p>Un café à Hué, déjà célèbre.</p></article></body></html>";
    let (latin1, _, _) = encoding_rs::WINDOWS_1252.encode(legacy);
    let resp = "application/http; msgtype=response";
    vec![
        warc_record(
            "warcinfo",
            "",
            "application/warc-fields",
            b"software: test\r\n",
        ),
        warc_record(
            "request",
            "https://a.vn/1",
            "application/http; msgtype=request",
            b"GET /1 HTTP/1.1\r\nHost: a.vn\r\n\r\n",
        ),
        warc_record(
            "response",
            "https://a.vn/1",
            resp,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=utf-8\r\n",
                page.as_bytes(),
            ),
        ),
        warc_record(
            "response",
            "https://a.vn/old",
            resp,
            &http("301 Moved Permanently", "Location: https://a.vn/1\r\n", b""),
        ),
        warc_record(
            "response",
            "https://a.vn/logo.png",
            resp,
            &http(
                "200 OK",
                "Content-Type: image/png\r\n",
                b"\x89PNG\r\n\x1a\n",
            ),
        ),
        warc_record(
            "response",
            "https://a.vn/2",
            resp,
            &http(
                "200 OK",
                "Content-Type: text/html\r\nTransfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n",
                &chunked,
            ),
        ),
        warc_record(
            "response",
            "https://a.vn/3",
            resp,
            &http(
                "200 OK",
                "Content-Type: text/html; charset=iso-8859-1\r\n",
                &latin1,
            ),
        ),
        warc_record(
            "resource",
            "https://a.vn/4",
            "text/html",
            TEXT.replace('\n', "<br>").as_bytes(),
        ),
        warc_record(
            "metadata",
            "https://a.vn/1",
            "application/warc-fields",
            b"outlink: https://a.vn/2\r\n",
        ),
    ]
}

#[test]
fn web_archives_plain_gzip_per_record_and_zstd() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = crawl();
    let plain = records.concat();
    // .warc.gz files are one gzip member per record.
    let per_record: Vec<u8> = records.iter().flat_map(|r| gz(r)).collect();
    for (name, data) in [
        ("crawl.warc", plain.clone()),
        ("crawl.warc.gz", per_record),
        ("crawl.warc.zst", zst(&plain)),
    ] {
        let p = write(dir.path(), name, &data);
        let (r, ok, bad) = run(&p);
        let loaded = r.unwrap_or_else(|e| panic!("{name}: {e}"));
        assert!(bad.is_empty(), "{name}: {bad:?}");
        assert_eq!(loaded.records, 4, "{name}");
        let got: Vec<(&str, Option<&str>)> = ok
            .iter()
            .map(|a| (a.title.as_str(), a.url.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                (
                    "Huyện Đại Từ đạt chuẩn nông thôn mới",
                    Some("https://a.vn/1")
                ),
                (
                    "Huyện Phú Lương đạt chuẩn nông thôn mới",
                    Some("https://a.vn/2")
                ),
                ("Café à Hué", Some("https://a.vn/3")),
                ("", Some("https://a.vn/4")),
            ],
            "{name}"
        );
        assert!(ok[1].body.contains("Xã Yên Ninh"), "{}", ok[1].body);
        assert!(ok[2].body.contains("déjà célèbre"), "{}", ok[2].body);
        assert!(ok[3].body.contains("Xã Vạn Thọ"), "{}", ok[3].body);
        // The page's own date; the crawl date is not a publication date.
        assert_eq!(ok[0].published.as_deref(), Some("2024-04-08"));
        assert_eq!(ok[3].published, None);
        let ns: Vec<usize> = ok.iter().map(|a| a.n).collect();
        assert_eq!(ns, [0, 1, 2, 3]);
    }
}

/// Records are cleaned a chunk at a time on every core: across many chunks,
/// articles and rejected records still come in file order, numbered as read.
#[test]
fn a_large_web_archive_keeps_file_order_across_chunks() {
    let dir = tempfile::tempdir().expect("tempdir");
    let page = html();
    let mut data = Vec::new();
    let mut expected = Vec::new();
    for i in 0..700 {
        let uri = format!("https://a.vn/{i}");
        match i % 4 {
            // Not articles: skipped, not counted.
            0 => data.extend(warc_record(
                "response",
                &uri,
                "application/http",
                &http("301 Moved Permanently", "Location: /\r\n", b""),
            )),
            // Rejected, in its place.
            1 => {
                data.extend(warc_record(
                    "response",
                    &uri,
                    "application/http",
                    b"not http",
                ));
                expected.push(Err(format!("WARC record {}", i + 1)));
            }
            _ => {
                let body = page.replace("Vạn Thọ", &format!("Vạn Thọ số {i}"));
                data.extend(warc_record(
                    "response",
                    &uri,
                    "application/http",
                    &http("200 OK", "Content-Type: text/html\r\n", body.as_bytes()),
                ));
                expected.push(Ok(uri));
            }
        }
    }
    let p = write(dir.path(), "big.warc", &data);
    let mut got = Vec::new();
    let mut ns = Vec::new();
    let loaded = load(&p, &Options::default(), &mut |rec| match rec {
        Ok(a) => {
            assert!(
                a.body
                    .contains(&format!("số {}", &a.url.as_deref().expect("url")[13..]))
            );
            ns.push(a.n);
            got.push(Ok(a.url.expect("url")));
        }
        Err(e) => {
            let msg = e.to_string();
            let at = msg.find("WARC record ").expect("record number");
            let no: String = msg[at + 12..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            got.push(Err(format!("WARC record {no}")));
        }
    })
    .expect("readable");
    assert_eq!(loaded.records, expected.len());
    assert_eq!(got, expected);
    // Each article's number is its place among the records counted.
    let places: Vec<usize> = expected
        .iter()
        .enumerate()
        .filter(|(_, e)| e.is_ok())
        .map(|(i, _)| i)
        .collect();
    assert_eq!(ns, places);
}

#[test]
fn a_malformed_web_archive_record_ends_the_file_and_is_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = crawl();
    let mut data = records[..3].concat();
    data.extend_from_slice(
        b"WARC/1.1\r\nWARC-Type: response\r\nContent-Length: 99999\r\n\r\nshort",
    );
    let p = write(dir.path(), "broken.warc", &data);
    let (r, ok, bad) = run(&p);
    let loaded = r.expect("the records before the damage are kept");
    assert_eq!(ok.len(), 1);
    assert_eq!(bad.len(), 1);
    assert_eq!(loaded.records, 2);
    let msg = bad[0].to_string();
    assert!(
        msg.contains("broken.warc") && msg.contains("WARC record 4"),
        "{msg}"
    );
    // A bad HTTP response inside a good record loses only that record.
    let mut data = records[..3].concat();
    data.extend(warc_record(
        "response",
        "https://a.vn/x",
        "application/http",
        b"not http at all",
    ));
    data.extend(records[7].clone());
    let p = write(dir.path(), "badhttp.warc", &data);
    let (r, ok, bad) = run(&p);
    assert_eq!(r.expect("readable").records, 3);
    assert_eq!((ok.len(), bad.len()), (2, 1));
    assert!(
        bad[0].to_string().contains("invalid HTTP response"),
        "{}",
        bad[0]
    );
    // Absurd lengths are malformed records, not crashes.
    for len in ["18446744073709551615", "18446744073709551612", "-1", "1e9"] {
        let mut data = records[..3].concat();
        data.extend_from_slice(
            format!("WARC/1.1\r\nWARC-Type: response\r\nContent-Length: {len}\r\n\r\nx\r\n\r\n")
                .as_bytes(),
        );
        let p = write(dir.path(), "huge.warc", &data);
        let (r, ok, bad) = run(&p);
        assert_eq!((ok.len(), bad.len()), (1, 1), "{len}");
        assert_eq!(r.expect("readable").records, 2, "{len}");
    }
    // A truncated compressed archive is rejected whole.
    let gzipped = gz(&records.concat());
    let p = write(dir.path(), "cut.warc.gz", &gzipped[..gzipped.len() / 2]);
    assert!(run(&p).0.is_err());
}

#[test]
fn a_web_archive_record_over_the_limit_is_skipped_and_the_next_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let records = crawl();
    let data = [records[2].clone(), records[7].clone()].concat();
    let p = write(dir.path(), "limit.warc", &data);
    let opts = Options {
        max_bytes: records[7].len() as u64,
        ..Options::default()
    };
    let (mut ok, mut bad) = (Vec::new(), Vec::new());
    let loaded = load(&p, &opts, &mut |rec| match rec {
        Ok(a) => ok.push(a),
        Err(e) => bad.push(e),
    })
    .expect("readable");
    assert_eq!(loaded.records, 2);
    assert_eq!(ok.len(), 1);
    assert_eq!(ok[0].url.as_deref(), Some("https://a.vn/4"));
    assert!(bad[0].to_string().contains("too large"), "{}", bad[0]);
}

#[test]
fn text_is_cut_at_a_word_or_character_boundary() {
    use vietdex_ingest::truncate_text;
    let mut s = "Đại Từ đạt chuẩn".to_string();
    assert!(!truncate_text(&mut s, 0));
    assert!(!truncate_text(&mut s, 100));
    assert!(truncate_text(&mut s, 12));
    assert_eq!(s, "Đại Từ");
    // No whitespace: the last whole character that fits.
    let mut s = "ĐạiTừđạt".to_string();
    assert!(truncate_text(&mut s, 6));
    assert_eq!(s, "Đại");
    assert!(truncate_text(&mut s, 4));
    assert_eq!(s, "Đ");
}

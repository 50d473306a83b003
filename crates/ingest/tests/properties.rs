//! Decoding, cleaning and parsing never panic, whatever the bytes.

use proptest::prelude::*;
use vietdex_ingest::{Options, clean, decode, load};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(1000))]

    #[test]
    fn decode_and_clean_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok(text) = decode(&bytes) {
            let c = clean::clean_text(&text);
            prop_assert!(c.title.as_ref().is_none_or(|t| !t.is_empty()));
            let _ = clean::clean_body(&text, Some("x"));
        }
    }

    #[test]
    fn clean_any_text(s in any::<String>()) {
        let _ = clean::clean_text(&s);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn every_format_loads_any_bytes_without_panicking(
        bytes in prop::collection::vec(any::<u8>(), 0..3000),
        ext in prop::sample::select(vec!["txt", "html", "jsonl", "json", "txt.gz", "jsonl.zst", "warc", "warc.gz"]),
    ) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join(format!("f.{ext}"));
        std::fs::write(&path, &bytes).expect("write");
        let mut n = 0;
        let _ = load(&path, &Options::default(), &mut |_| n += 1);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    /// Web-archive records with damaged lengths, HTTP heads and bodies: no
    /// panic, and every record handed over is counted.
    #[test]
    fn warc_like_records_load(
        records in prop::collection::vec(
            (
                prop::sample::select(vec!["response", "resource", "request", "bogus"]),
                prop::sample::select(vec![
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nContent-Encoding: br\r\n\r\n",
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=windows-1258\r\n\r\n",
                    "HTTP/1.1 404 Not Found\r\n\r\n",
                    "HTTP/1.1 200",
                    "",
                ]),
                prop::collection::vec(any::<u8>(), 0..400),
                -3i64..3,
            ),
            0..6,
        ),
    ) {
        let mut data = Vec::new();
        for (kind, head, body, skew) in &records {
            let mut block = head.as_bytes().to_vec();
            block.extend_from_slice(body);
            let len = (block.len() as i64 + skew).max(0);
            data.extend_from_slice(
                format!("WARC/1.0\r\nWARC-Type: {kind}\r\nContent-Length: {len}\r\n\r\n").as_bytes(),
            );
            data.extend_from_slice(&block);
            data.extend_from_slice(b"\r\n\r\n");
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("f.warc");
        std::fs::write(&path, &data).expect("write");
        let mut n = 0;
        if let Ok(loaded) = load(&path, &Options::default(), &mut |_| n += 1) {
            prop_assert_eq!(loaded.records, n);
        }
    }
}

fn html_like() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "<p>",
        "</p>",
        "<article>",
        "</article>",
        "<div>",
        "<script>",
        "</script>",
        "<nav>",
        "<meta property=\"og:title\" content=\"",
        "<meta name=\"author\" content=\"",
        "\">",
        "<time datetime=\"2024-04-08\">",
        "Đại Từ",
        "xã Vạn Thọ",
        "&amp;",
        "&#x1EA1;",
        "<!--",
        "-->",
        "<",
        ">",
        "\"",
        "Tin cùng chuyên mục",
        "\n",
        "<br>",
        "<li>",
        "<title>",
        "</title>",
    ]);
    prop::collection::vec(pieces, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn html_like_pages_load(page in html_like()) {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("p.html");
        std::fs::write(&path, &page).expect("write");
        let _ = load(&path, &Options::default(), &mut |_| {});
    }
}

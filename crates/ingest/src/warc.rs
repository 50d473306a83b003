//! Web archives (WARC, as written by crawlers such as wget, Heritrix or
//! Browsertrix): every successful HTML response, and every HTML resource
//! record, is one article.
//!
//! Records are read one at a time and cleaned a chunk at a time on every
//! core, so memory is bounded by a chunk (a few hundred records or 16 MiB,
//! plus the size limit on one record), never by the file; a record over the
//! limit is skipped unread.
//! (The record framing is a version line, header lines, a blank line and
//! `Content-Length` bytes; the `warc` crate was tried and dropped: it
//! buffers bodies line by line and overflows on a huge `Content-Length`.)
//! The HTTP response inside a record is parsed with `httparse`; chunked
//! transfer encoding and gzip or deflate content encoding are undone; the
//! charset named by `Content-Type` is honoured, else the usual decoding
//! applies. Requests, metadata, redirects, errors and non-HTML payloads are
//! not articles and are skipped without being counted. The crawl date is not
//! a publication date and is never used as one.

use std::io::{BufRead, Read};
use std::path::Path;

use rayon::prelude::*;

use crate::decode::decode_owned;
use crate::{Article, Options, Reject, RejectReason, html};

/// An HTML payload found in a record.
struct Payload {
    body: Vec<u8>,
    content_type: Option<String>,
}

fn header_str(headers: &[httparse::Header<'_>], name: &str) -> Option<String> {
    headers
        .iter()
        .find(|h| h.name.eq_ignore_ascii_case(name))
        .map(|h| String::from_utf8_lossy(h.value).trim().to_string())
}

fn is_html(content_type: Option<&str>) -> bool {
    content_type.is_none_or(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("html") || t.starts_with("text/plain")
    })
}

/// Undoes `Transfer-Encoding: chunked`.
fn dechunk(mut data: &[u8]) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(data.len());
    loop {
        let (consumed, size) = match httparse::parse_chunk_size(data) {
            Ok(httparse::Status::Complete(c)) => c,
            Ok(httparse::Status::Partial) => return Err("truncated chunk header".into()),
            Err(_) => return Err("invalid chunk size".into()),
        };
        if size == 0 {
            return Ok(out);
        }
        let size = usize::try_from(size).map_err(|_| "chunk too large".to_string())?;
        let rest = &data[consumed..];
        let chunk = rest.get(..size).ok_or("truncated chunk")?;
        out.extend_from_slice(chunk);
        data = rest.get(size..).unwrap_or_default();
        data = data.strip_prefix(b"\r\n").unwrap_or(data);
    }
}

/// Undoes `Content-Encoding`.
fn decompress(body: Vec<u8>, encoding: Option<&str>, max: u64) -> Result<Vec<u8>, RejectReason> {
    let mut out = Vec::new();
    let read = |r: &mut dyn Read, out: &mut Vec<u8>| {
        r.take(max + 1)
            .read_to_end(out)
            .map_err(|e| RejectReason::Decode(format!("cannot decompress the HTTP body: {e}")))
    };
    match encoding.map(str::to_ascii_lowercase).as_deref() {
        None | Some("") | Some("identity") => return Ok(body),
        Some("gzip") | Some("x-gzip") => {
            read(&mut flate2::read::MultiGzDecoder::new(&body[..]), &mut out)?
        }
        Some("deflate") => read(&mut flate2::read::ZlibDecoder::new(&body[..]), &mut out)?,
        Some(other) => {
            return Err(RejectReason::Decode(format!(
                "unsupported HTTP content encoding {other:?}"
            )));
        }
    };
    if out.len() as u64 > max {
        return Err(RejectReason::TooLarge(max));
    }
    Ok(out)
}

/// What the headers of an HTTP response say about its body.
struct Head {
    /// Bytes of the status line and headers.
    len: usize,
    content_type: Option<String>,
    chunked: bool,
    encoding: Option<String>,
}

/// The headers of an HTTP response, or `None` when the response is not an
/// article (not 2xx, not HTML).
fn http_head(block: &[u8]) -> Result<Option<Head>, RejectReason> {
    let mut headers = [httparse::EMPTY_HEADER; 128];
    let mut response = httparse::Response::new(&mut headers);
    let len = match response.parse(block) {
        Ok(httparse::Status::Complete(n)) => n,
        Ok(httparse::Status::Partial) => {
            return Err(RejectReason::Parse("truncated HTTP headers".into()));
        }
        Err(e) => return Err(RejectReason::Parse(format!("invalid HTTP response: {e}"))),
    };
    if !response.code.is_some_and(|c| (200..300).contains(&c)) {
        return Ok(None);
    }
    let content_type = header_str(response.headers, "content-type");
    if !is_html(content_type.as_deref()) {
        return Ok(None);
    }
    Ok(Some(Head {
        len,
        content_type,
        chunked: header_str(response.headers, "transfer-encoding")
            .is_some_and(|t| t.to_ascii_lowercase().contains("chunked")),
        encoding: header_str(response.headers, "content-encoding"),
    }))
}

/// The body of an HTTP response whose headers are `head`, with chunked
/// transfer encoding and content encoding undone.
fn http_body(mut block: Vec<u8>, head: Head, max: u64) -> Result<Payload, RejectReason> {
    block.drain(..head.len);
    if head.chunked {
        block = dechunk(&block).map_err(|e| RejectReason::Parse(format!("HTTP body: {e}")))?;
    }
    let body = decompress(block, head.encoding.as_deref(), max)?;
    Ok(Payload {
        body,
        content_type: head.content_type,
    })
}

/// The HTML payload of an HTTP response, or `None` when the response is not
/// an article (not 2xx, not HTML).
#[cfg(test)]
fn http_payload(block: &[u8], max: u64) -> Result<Option<Payload>, RejectReason> {
    match http_head(block)? {
        Some(head) => http_body(block.to_vec(), head, max).map(Some),
        None => Ok(None),
    }
}

/// Decodes a payload: the charset its `Content-Type` names, when it is not
/// UTF-8 and decodes cleanly; otherwise the usual detection.
fn decode_payload(p: Payload) -> Result<String, RejectReason> {
    let label = p.content_type.as_deref().and_then(|t| {
        t.split(';')
            .filter_map(|part| part.trim().split_once('='))
            .find(|(k, _)| k.trim().eq_ignore_ascii_case("charset"))
            .map(|(_, v)| v.trim().trim_matches('"').to_string())
    });
    let encoding = label.and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    if let Some(enc) = encoding.filter(|e| *e != encoding_rs::UTF_8)
        && let Some(text) = enc.decode_without_bom_handling_and_without_replacement(&p.body)
    {
        return Ok(text.into_owned());
    }
    decode_owned(p.body)
}

/// A record that holds an article, as far as its headers tell: what is
/// left to do is cheap to decide but costly to do (undo the transfer and
/// content encodings, decode, parse and clean the page), and is done on
/// every core.
struct Kept {
    /// Its number among the records of the file (from 1).
    no: usize,
    /// Its number among the articles and rejected records of the file.
    n: usize,
    uri: Option<String>,
    block: Vec<u8>,
    /// The HTTP headers of a response; `None` for a resource (the block
    /// is the page), with its content type.
    head: Result<Head, Option<String>>,
}

/// Which records are articles: successful HTML responses and HTML
/// resources; `Ok(None)` for the others, which are skipped.
fn keep(rec: WarcRecord, no: usize, n: usize) -> Result<Option<Kept>, RejectReason> {
    let WarcRecord { mut headers, block } = rec;
    let mut take = |h: &str| {
        headers
            .iter_mut()
            .find(|(k, _)| k == h)
            .map(|(_, v)| std::mem::take(v))
    };
    let head = match take("warc-type").as_deref() {
        Some("response") => match http_head(&block)? {
            Some(head) => Ok(head),
            None => return Ok(None),
        },
        Some("resource") => {
            let content_type = take("content-type");
            if !is_html(content_type.as_deref()) {
                return Ok(None);
            }
            Err(content_type)
        }
        _ => return Ok(None),
    };
    Ok(Some(Kept {
        no,
        n,
        uri: take("warc-target-uri"),
        block,
        head,
    }))
}

impl Kept {
    /// The article of the record.
    fn article(self, name: &str, opts: &Options) -> Result<Article, RejectReason> {
        let payload = match self.head {
            Ok(head) => http_body(self.block, head, opts.max_bytes)?,
            Err(content_type) => Payload {
                body: self.block,
                content_type,
            },
        };
        let text = decode_payload(payload)?;
        html::article(&text, name, self.n, self.uri)
    }
}

/// One record: its named fields (names lower-cased) and its block.
struct WarcRecord {
    headers: Vec<(String, String)>,
    block: Vec<u8>,
}

/// Why the next record could not be had.
enum Next {
    /// The stream could not be read (an I/O or decompression error).
    Io(std::io::Error),
    /// The framing is broken: nothing after this point can be trusted.
    Malformed(String),
    /// A well-framed record over the size limit, skipped.
    TooLarge(u64),
}

/// Longest header block accepted.
const MAX_HEADER_BYTES: usize = 64 * 1024;

fn read_line(r: &mut impl BufRead, line: &mut Vec<u8>, budget: &mut usize) -> Result<usize, Next> {
    line.clear();
    let n = r
        .by_ref()
        .take(*budget as u64 + 1)
        .read_until(b'\n', line)
        .map_err(Next::Io)?;
    if n > *budget {
        return Err(Next::Malformed("header block too long".into()));
    }
    *budget -= n;
    Ok(n)
}

/// The next record, `Ok(None)` at the end of the stream.
fn next_record(r: &mut impl BufRead, max: u64) -> Result<Option<WarcRecord>, Next> {
    let mut line = Vec::new();
    let mut budget = MAX_HEADER_BYTES;
    // Blank lines between records (the CRLF CRLF after each block).
    loop {
        if read_line(r, &mut line, &mut budget)? == 0 {
            return Ok(None);
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            break;
        }
        budget = MAX_HEADER_BYTES;
    }
    if !line.starts_with(b"WARC/") {
        return Err(Next::Malformed("expected a WARC/1.x version line".into()));
    }
    let mut headers: Vec<(String, String)> = Vec::new();
    loop {
        if read_line(r, &mut line, &mut budget)? == 0 {
            return Err(Next::Malformed("truncated record header".into()));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            break;
        }
        if text.starts_with([' ', '\t']) {
            if let Some((_, v)) = headers.last_mut() {
                v.push(' ');
                v.push_str(text.trim());
            }
            continue;
        }
        let Some((k, v)) = text.split_once(':') else {
            return Err(Next::Malformed(format!("invalid header line {text:?}")));
        };
        headers.push((k.trim().to_ascii_lowercase(), v.trim().to_string()));
    }
    let len: u64 = headers
        .iter()
        .find(|(k, _)| k == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .ok_or_else(|| Next::Malformed("missing or invalid Content-Length".into()))?;
    if len > max {
        let skipped =
            std::io::copy(&mut r.by_ref().take(len), &mut std::io::sink()).map_err(Next::Io)?;
        return Err(if skipped < len {
            Next::Malformed("truncated record".into())
        } else {
            Next::TooLarge(max)
        });
    }
    let mut block = Vec::new();
    r.by_ref()
        .take(len)
        .read_to_end(&mut block)
        .map_err(Next::Io)?;
    if (block.len() as u64) < len {
        return Err(Next::Malformed("truncated record".into()));
    }
    Ok(Some(WarcRecord { headers, block }))
}

/// A record read, in file order: rejected already, or kept for cleaning.
enum Pending {
    Done(Result<Article, Reject>),
    Kept(Kept),
}

/// `reason` as the rejection of record `no` of `path`.
fn rejected(path: &Path, no: usize, reason: RejectReason) -> Reject {
    Reject {
        path: path.to_path_buf(),
        line: None,
        reason: match reason {
            RejectReason::Parse(m) => RejectReason::Parse(format!("WARC record {no}: {m}")),
            RejectReason::Decode(m) => RejectReason::Decode(format!("WARC record {no}: {m}")),
            other => other,
        },
    }
}

/// Reads the records of a WARC stream, handing each article or rejected
/// record to `sink` (after `finish`), in file order. Returns the records
/// counted: the HTML responses and resources, read or rejected. A malformed
/// record ends the file: it is rejected and the records after it are not
/// read. A stream that cannot be read (a truncated compressed file) is an
/// error for the whole source, after the records before the damage.
///
/// Records are read and sorted (article or not, from their headers) here;
/// the kept ones are cleaned a chunk at a time on every core
/// ([`crate::CHUNK_RECORDS`] records or [`crate::CHUNK_BYTES`] bytes).
pub(crate) fn read(
    stream: impl BufRead,
    path: &Path,
    opts: &Options,
    finish: &dyn Fn(Article) -> Article,
    sink: &mut dyn FnMut(Result<Article, Reject>),
) -> Result<usize, Reject> {
    let name = crate::escape::path(path);
    let mut counted = 0;
    let mut stream = stream;
    let mut chunk: Vec<Pending> = Vec::new();
    let mut chunk_bytes = 0usize;
    let mut flush = |chunk: &mut Vec<Pending>| {
        let done: Vec<Result<Article, Reject>> = chunk
            .par_drain(..)
            .map(|p| match p {
                Pending::Done(r) => r,
                Pending::Kept(k) => {
                    let no = k.no;
                    k.article(&name, opts)
                        .map_err(|reason| rejected(path, no, reason))
                }
            })
            .collect();
        for r in done {
            sink(r.map(finish));
        }
    };
    for no in 1.. {
        if chunk.len() >= crate::CHUNK_RECORDS || chunk_bytes >= crate::CHUNK_BYTES {
            flush(&mut chunk);
            chunk_bytes = 0;
        }
        let rec = match next_record(&mut stream, opts.max_bytes) {
            Ok(Some(rec)) => rec,
            Ok(None) => break,
            Err(Next::Io(e)) => {
                flush(&mut chunk);
                return Err(Reject::new(
                    path,
                    RejectReason::Decode(format!("cannot read WARC record {no}: {e}")),
                ));
            }
            Err(Next::TooLarge(max)) => {
                counted += 1;
                chunk.push(Pending::Done(Err(rejected(
                    path,
                    no,
                    RejectReason::TooLarge(max),
                ))));
                continue;
            }
            Err(Next::Malformed(m)) => {
                counted += 1;
                chunk.push(Pending::Done(Err(rejected(
                    path,
                    no,
                    RejectReason::Parse(format!(
                        "malformed ({m}); the rest of the file is not read"
                    )),
                ))));
                break;
            }
        };
        match keep(rec, no, counted) {
            Ok(None) => {}
            Ok(Some(k)) => {
                counted += 1;
                chunk_bytes += k.block.len();
                chunk.push(Pending::Kept(k));
            }
            Err(reason) => {
                counted += 1;
                chunk.push(Pending::Done(Err(rejected(path, no, reason))));
            }
        }
    }
    flush(&mut chunk);
    Ok(counted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        let body = b"5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
        assert_eq!(dechunk(body).as_deref(), Ok(&b"hello world"[..]));
        assert!(dechunk(b"zz\r\n").is_err());
        assert!(dechunk(b"9\r\nshort").is_err());
    }

    #[test]
    fn only_successful_html_responses_are_payloads() {
        let ok = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>";
        let p = http_payload(ok, 1 << 20).expect("parses").expect("html");
        assert_eq!(p.body, b"<p>x</p>");
        let redirect = b"HTTP/1.1 301 Moved\r\nLocation: /a\r\n\r\n";
        assert!(http_payload(redirect, 1 << 20).expect("parses").is_none());
        let image = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG";
        assert!(http_payload(image, 1 << 20).expect("parses").is_none());
        assert!(http_payload(b"garbage", 1 << 20).is_err());
    }

    #[test]
    fn declared_charsets_are_honoured() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode("café");
        let p = Payload {
            body: bytes.into_owned(),
            content_type: Some("text/html; charset=ISO-8859-1".into()),
        };
        assert_eq!(decode_payload(p).as_deref(), Ok("café"));
    }
}

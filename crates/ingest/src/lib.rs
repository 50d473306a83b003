//! Article ingest for vietdex: find source files, decode and parse them into
//! clean [`Article`]s with their metadata and fingerprints, and report every
//! file or record that cannot be used.
//!
//! - [`discover`]: walk files and directories.
//! - [`load`]: read one source (`.txt`, `.html`, `.jsonl`, `.json`, `.warc`,
//!   each maybe `.gz` or `.zst`), streaming JSON Lines and web archives
//!   record by record, and hand each article or reject to a sink. Returns
//!   the source's content hash for incremental runs.
//! - [`clean`]: boilerplate removal and metadata for scraped news text.
//! - [`fingerprint`]: exact-duplicate keys and SimHash for near duplicates.
//!
//! ```no_run
//! use vietdex_ingest::{discover, load, Options};
//!
//! let opts = Options::default();
//! for found in discover(&["corpus".into()]) {
//!     let Ok(path) = found else { continue };
//!     let result = load(&path, &opts, &mut |record| match record {
//!         Ok(article) => println!("{}", article.title),
//!         Err(reject) => eprintln!("{reject}"),
//!     });
//!     if let Err(reject) = result {
//!         eprintln!("{reject}");
//!     }
//! }
//! ```

mod article;
pub mod clean;
mod date;
mod decode;
mod discover;
mod error;
pub mod escape;
pub mod fingerprint;
mod html;
mod json;
pub mod source;
mod text;
mod warc;

pub use article::Article;
pub use date::{Date, DateError, Precision, parse_date};
pub use decode::{Decoded, decode, decode_counted};
pub use discover::{discover, discover_with, is_supported};
pub use error::{Reject, RejectReason};
pub use json::FieldNames;
pub use source::{Compression, Format};

use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use rayon::prelude::*;

/// Settings for reading sources.
#[derive(Debug, Clone)]
pub struct Options {
    /// JSON field names.
    pub fields: FieldNames,
    /// Largest decompressed file (or JSON line, or WARC record) read, in bytes.
    pub max_bytes: u64,
    /// Longest article body kept, in bytes (0: no limit). A longer body is
    /// cut at the last whitespace before the limit and counted in
    /// [`Loaded::truncated`], so one huge document cannot hold memory in
    /// proportion to its size in every later stage.
    pub max_text: usize,
}

/// The default [`Options::max_text`]: 16 MiB, far above any news article.
pub const MAX_TEXT: usize = 16 << 20;

impl Default for Options {
    fn default() -> Self {
        Options {
            fields: FieldNames::default(),
            max_bytes: 512 << 20,
            max_text: MAX_TEXT,
        }
    }
}

/// What reading a source found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Loaded {
    /// xxh3 of the raw file bytes.
    pub hash: u64,
    /// Raw file size.
    pub bytes: u64,
    /// Records seen (articles and rejected records).
    pub records: usize,
    /// Bytes that were not valid UTF-8 in text that is otherwise UTF-8,
    /// replaced by U+FFFD (worth a warning).
    pub replaced: u64,
    /// Articles whose body was cut at [`Options::max_text`] (worth a warning).
    pub truncated: usize,
}

impl Loaded {
    /// What is worth a warning about this source, one line each, naming it
    /// as `name`: nothing was lost silently, but the user should know
    /// (bytes that were not valid UTF-8, text cut at [`Options::max_text`]).
    pub fn warnings(&self, name: &str, opts: &Options) -> Vec<String> {
        let mut out = Vec::new();
        if self.replaced > 0 {
            out.push(format!(
                "{name}: {} bytes that are not valid UTF-8 replaced by U+FFFD (the rest of the file is UTF-8)",
                self.replaced
            ));
        }
        if self.truncated > 0 {
            out.push(format!(
                "{name}: {} {} longer than {} bytes: only the first {} bytes of its text indexed (raise the limit with --max-text)",
                self.truncated,
                if self.truncated == 1 { "document" } else { "documents" },
                opts.max_text,
                opts.max_text,
            ));
        }
        out
    }
}

/// Cuts `body` to at most `max` bytes (0: no limit), at the last whitespace
/// before the limit when there is one in its last 4 KiB, else at a character
/// boundary. Returns whether it cut.
pub fn truncate_text(body: &mut String, max: usize) -> bool {
    if max == 0 || body.len() <= max {
        return false;
    }
    let mut end = max;
    while !body.is_char_boundary(end) {
        end -= 1;
    }
    let floor = end.saturating_sub(4096);
    if let Some(ws) = body.as_bytes()[floor..end]
        .iter()
        .rposition(u8::is_ascii_whitespace)
    {
        end = floor + ws;
    }
    body.truncate(end);
    true
}

fn finish(mut article: Article) -> Article {
    let fp = fingerprint::fingerprint(&article.title, &article.body);
    article.id = format!("{:016x}", fp.content);
    article.simhash = fp.simhash;
    article
}

/// The last step of reading every record: cuts the headline and body at
/// `max_text` bytes ([`truncate_text`], 0: no limit) and takes the
/// fingerprints (`id`, `simhash`). Returns whether it cut.
fn finish_cut(mut article: Article, max_text: usize) -> (Article, bool) {
    let title = truncate_text(&mut article.title, max_text);
    let cut = truncate_text(&mut article.body, max_text) || title;
    (finish(article), cut)
}

/// The article of a plain-text file's text, as [`load`] reads a `.txt`
/// file: the headline is the first line, the rest is cleaned, metadata
/// read, text cut at `max_text` bytes ([`Options::max_text`]),
/// fingerprints taken. `source` names where the text came from. Returns
/// the article and whether its text was cut.
pub fn text_article(
    source: &str,
    text: &str,
    max_text: usize,
) -> Result<(Article, bool), RejectReason> {
    text::parse(source, text).map(|a| finish_cut(a, max_text))
}

/// The article of a web page, as [`load`] reads an `.html` file (the
/// `n`th record of `source`; `fallback_url` when the page names no
/// address of its own), and whether its text was cut at `max_text`.
pub fn html_article(
    source: &str,
    html: &str,
    n: usize,
    fallback_url: Option<String>,
    max_text: usize,
) -> Result<(Article, bool), RejectReason> {
    html::article(html, source, n, fallback_url).map(|a| finish_cut(a, max_text))
}

/// The article of one JSON record, as [`load`] reads a line of a JSON
/// Lines file or an element of a JSON array: fields found by
/// `opts.fields`, text cleaned, metadata read, text cut at
/// `opts.max_text`, fingerprints taken (the `n`th record of `source`).
/// Returns the article and whether its text was cut.
pub fn record_article(
    value: &serde_json::Value,
    opts: &Options,
    source: &str,
    n: usize,
) -> Result<(Article, bool), RejectReason> {
    json::article(value, &opts.fields, source, n).map(|a| finish_cut(a, opts.max_text))
}

/// Where a record ends in its source: its 1-based line and the byte offset
/// just after it (in the decompressed stream; the file offset for an
/// uncompressed file). Only JSON Lines have more than one position.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Position {
    /// Lines read so far.
    pub line: usize,
    /// Bytes read so far.
    pub offset: u64,
}

/// Reads one source and hands each article (or rejected record) to `sink`,
/// in file order. A source that cannot be read or decoded as a whole is
/// returned as `Err`.
pub fn load(
    path: &Path,
    opts: &Options,
    sink: &mut dyn FnMut(Result<Article, Reject>),
) -> Result<Loaded, Reject> {
    load_from(path, opts, 0, &mut |r, _| sink(r))
}

/// xxh3 of the first `len` bytes of a file (to check that the part of a
/// source already indexed has not changed before resuming after it).
pub fn prefix_hash(path: &Path, len: u64) -> std::io::Result<u64> {
    let file = std::fs::File::open(path)?;
    let mut r = source::HashingReader::new(BufReader::with_capacity(1 << 16, file).take(len));
    let copied = std::io::copy(&mut r, &mut std::io::sink())?;
    if copied < len {
        return Err(std::io::Error::new(
            std::io::ErrorKind::UnexpectedEof,
            "shorter than the part already indexed",
        ));
    }
    Ok(source::digest(&r).0)
}

/// Records of a JSON Lines source read before they are cleaned on every
/// core (at most this many, or [`CHUNK_BYTES`] of lines).
pub(crate) const CHUNK_RECORDS: usize = 256;
/// Bytes of JSON Lines read before they are cleaned on every core.
pub(crate) const CHUNK_BYTES: usize = 16 << 20;

/// A record read: the article and whether its text was cut, or why not.
type RecordResult = Result<(Article, bool), RejectReason>;

/// One line of a JSON Lines source as the `n`th record of `source`: bytes
/// not valid UTF-8 replaced (how many is the first value), JSON parsed,
/// article cleaned and cut ([`record_article`]).
fn json_line_article(line: Vec<u8>, opts: &Options, source: &str, n: usize) -> (u64, RecordResult) {
    let decoded = match decode_counted(line) {
        Ok(d) => d,
        Err(reason) => return (0, Err(reason)),
    };
    let result = serde_json::from_str::<serde_json::Value>(&decoded.text)
        .map_err(|e| RejectReason::Parse(format!("invalid JSON: {e}")))
        .and_then(|v| record_article(&v, opts, source, n));
    (decoded.replaced as u64, result)
}

/// [`load`], skipping the first `skip_lines` lines of a JSON Lines source
/// (read and hashed, not parsed: they were indexed by an interrupted run),
/// and telling `sink` where each record ends, so a caller can commit in the
/// middle of a large source and later resume after the last commit.
pub fn load_from(
    path: &Path,
    opts: &Options,
    skip_lines: usize,
    sink: &mut dyn FnMut(Result<Article, Reject>, Position),
) -> Result<Loaded, Reject> {
    let reject = |reason| Reject::new(path, reason);
    let io_err = |e: std::io::Error| reject(RejectReason::Io(e.to_string()));
    let (format, comp) = source::detect(path).unwrap_or((Format::Text, Compression::None));
    let file = std::fs::File::open(path).map_err(io_err)?;
    let mut raw = source::HashingReader::new(BufReader::with_capacity(1 << 16, file));
    let name = escape::path(path);
    let mut records = 0;
    let mut replaced = 0u64;
    let truncated = std::cell::Cell::new(0usize);
    let counted = |(a, cut): (Article, bool)| {
        if cut {
            truncated.set(truncated.get() + 1);
        }
        a
    };
    let finish = |a: Article| counted(finish_cut(a, opts.max_text));
    {
        let stream = source::decompress(BufReader::new(&mut raw), comp)
            .map_err(|e| reject(RejectReason::Decode(format!("cannot decompress: {e}"))))?;
        let mut limited = stream.take(opts.max_bytes + 1);
        match format {
            Format::Warc => {
                // Record by record: the size limit applies to each record.
                limited.set_limit(u64::MAX);
                records = warc::read(limited, path, opts, &finish, &mut |r| {
                    sink(r, Position::default())
                })?;
            }
            Format::JsonLines => {
                // Lines are read here, in file order; the records of a chunk
                // of lines are decoded, parsed and cleaned on every core, then
                // handed to `sink` in file order.
                let mut chunk: Vec<(Position, Vec<u8>)> = Vec::new();
                let mut chunk_bytes = 0usize;
                let mut no = 0;
                let mut offset = 0u64;
                let mut flush = |chunk: &mut Vec<(Position, Vec<u8>)>| {
                    let first = records;
                    records += chunk.len();
                    let done: Vec<(Position, u64, RecordResult)> = chunk
                        .par_drain(..)
                        .enumerate()
                        .map(|(i, (at, line))| {
                            let (replaced, result) =
                                json_line_article(line, opts, &name, first + i);
                            (at, replaced, result)
                        })
                        .collect();
                    for (at, r, result) in done {
                        replaced += r;
                        let result = result.map(counted).map_err(|reason| Reject {
                            path: path.to_path_buf(),
                            line: Some(at.line),
                            reason,
                        });
                        sink(result, at);
                    }
                };
                loop {
                    let mut line = Vec::new();
                    let n = limited.read_until(b'\n', &mut line).map_err(|e| {
                        reject(RejectReason::Decode(format!("cannot decompress: {e}")))
                    })?;
                    if n == 0 {
                        break;
                    }
                    no += 1;
                    offset += n as u64;
                    if limited.limit() == 0 {
                        return Err(reject(RejectReason::TooLarge(opts.max_bytes)));
                    }
                    if no <= skip_lines || line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    chunk.push((Position { line: no, offset }, line));
                    chunk_bytes += n;
                    if chunk.len() >= CHUNK_RECORDS || chunk_bytes >= CHUNK_BYTES {
                        flush(&mut chunk);
                        chunk_bytes = 0;
                    }
                }
                flush(&mut chunk);
            }
            _ => {
                let mut bytes = Vec::new();
                limited
                    .read_to_end(&mut bytes)
                    .map_err(|e| reject(RejectReason::Decode(format!("cannot decompress: {e}"))))?;
                if bytes.len() as u64 > opts.max_bytes {
                    return Err(reject(RejectReason::TooLarge(opts.max_bytes)));
                }
                let decoded = decode_counted(bytes).map_err(reject)?;
                replaced += decoded.replaced as u64;
                let text = decoded.text;
                match format {
                    Format::Text => {
                        records = 1;
                        sink(
                            Ok(counted(
                                text_article(&name, &text, opts.max_text).map_err(reject)?,
                            )),
                            Position::default(),
                        );
                    }
                    Format::Html => {
                        records = 1;
                        sink(
                            Ok(counted(
                                html_article(&name, &text, 0, None, opts.max_text)
                                    .map_err(reject)?,
                            )),
                            Position::default(),
                        );
                    }
                    Format::Json => {
                        let values = json::records(&text).map_err(reject)?;
                        for (i, v) in values.iter().enumerate() {
                            records += 1;
                            sink(
                                record_article(v, opts, &name, i)
                                    .map(counted)
                                    .map_err(|reason| Reject {
                                        path: path.to_path_buf(),
                                        line: None,
                                        reason: RejectReason::Parse(format!(
                                            "record {}: {reason}",
                                            i + 1
                                        )),
                                    }),
                                Position::default(),
                            );
                        }
                    }
                    Format::JsonLines | Format::Warc => {}
                }
            }
        }
    }
    // Hash the rest of the file too (a decompressor may stop before the end).
    std::io::copy(&mut raw, &mut std::io::sink()).map_err(io_err)?;
    let (hash, bytes) = source::digest(&raw);
    Ok(Loaded {
        hash,
        bytes,
        records,
        replaced,
        truncated: truncated.get(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The one-record functions read as `load` reads a file of that kind,
    /// the cut at `max_text` included.
    #[test]
    fn one_record_functions_equal_load() {
        let dir = std::env::temp_dir().join(format!("vietdex-ingest-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let body = "Xã Vạn Thọ đạt chuẩn nông thôn mới nâng cao. ".repeat(40);
        let text = format!("Đại Từ về đích\n{body}\n");
        let opts = Options {
            max_text: 300,
            ..Options::default()
        };
        let loaded = |name: &str, content: &str| {
            let path = dir.join(name);
            std::fs::write(&path, content).expect("write");
            let mut got = Vec::new();
            let l = load(&path, &opts, &mut |r| got.push(r.expect("article"))).expect("loaded");
            assert_eq!(l.truncated, 1);
            (escape::path(&path), got.remove(0))
        };
        let (name, want) = loaded("a.txt", &text);
        let (got, cut) = text_article(&name, &text, opts.max_text).expect("text");
        assert!(cut && got.body.len() <= 300);
        assert_eq!(got, want);
        let line = serde_json::json!({"title": "Đại Từ về đích", "body": body});
        let (name, want) = loaded("a.jsonl", &format!("{line}\n"));
        let (got, cut) = record_article(&line, &opts, &name, 0).expect("record");
        assert!(cut);
        assert_eq!(got, want);
        let html =
            format!("<html><body><article><h1>Đại Từ</h1><p>{body}</p></article></body></html>");
        let (name, want) = loaded("a.html", &html);
        let (got, cut) = html_article(&name, &html, 0, None, opts.max_text).expect("html");
        assert!(cut);
        assert_eq!(got, want);
        let _ = std::fs::remove_dir_all(&dir);
    }
}

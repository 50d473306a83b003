//! Opening a source file: its format from its name, decompression, and the
//! content hash that incremental runs compare.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// Formats vietdex reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One article a file, plain text.
    Text,
    /// A web page.
    Html,
    /// One JSON object a line.
    JsonLines,
    /// A JSON array of objects, or one object.
    Json,
    /// A web archive: one article per HTML response or resource record.
    Warc,
}

/// Compression around a format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compression {
    /// None.
    None,
    /// gzip (`.gz`).
    Gzip,
    /// Zstandard (`.zst`).
    Zstd,
}

/// The format and compression a file name says, if vietdex reads it.
pub fn detect(path: &Path) -> Option<(Format, Compression)> {
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let (stem, comp) = if let Some(s) = name.strip_suffix(".gz") {
        (s, Compression::Gzip)
    } else if let Some(s) = name.strip_suffix(".zst") {
        (s, Compression::Zstd)
    } else {
        (name.as_str(), Compression::None)
    };
    let ext = stem.rsplit_once('.')?.1;
    let format = match ext {
        "txt" | "text" => Format::Text,
        "html" | "htm" | "xhtml" => Format::Html,
        "jsonl" | "ndjson" => Format::JsonLines,
        "json" => Format::Json,
        "warc" => Format::Warc,
        _ => return None,
    };
    Some((format, comp))
}

/// A reader that hashes every byte it passes on.
pub struct HashingReader<R> {
    inner: R,
    hasher: xxhash_rust::xxh3::Xxh3,
    bytes: u64,
}

impl<R> std::fmt::Debug for HashingReader<R> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HashingReader")
            .field("bytes", &self.bytes)
            .finish()
    }
}

impl<R: Read> HashingReader<R> {
    /// Wraps `inner`.
    pub fn new(inner: R) -> Self {
        HashingReader {
            inner,
            hasher: xxhash_rust::xxh3::Xxh3::new(),
            bytes: 0,
        }
    }
}

impl<R: Read> Read for HashingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.hasher.update(&buf[..n]);
        self.bytes += n as u64;
        Ok(n)
    }
}

/// Hash and size of what a [`HashingReader`] has read so far.
pub fn digest<R>(r: &HashingReader<R>) -> (u64, u64) {
    (r.hasher.digest(), r.bytes)
}

/// The hash vietdex keeps for a source: xxh3 of its raw bytes.
pub fn hash_file(path: &Path) -> io::Result<(u64, u64)> {
    let mut r = HashingReader::new(BufReader::with_capacity(1 << 16, File::open(path)?));
    io::copy(&mut r, &mut io::sink())?;
    Ok(digest(&r))
}

/// Opens a raw stream as its decompressed content.
pub fn decompress<'a>(
    raw: impl BufRead + 'a,
    comp: Compression,
) -> io::Result<Box<dyn BufRead + 'a>> {
    Ok(match comp {
        Compression::None => Box::new(raw),
        Compression::Gzip => Box::new(BufReader::new(flate2::bufread::MultiGzDecoder::new(raw))),
        Compression::Zstd => Box::new(BufReader::new(zstd::stream::read::Decoder::with_buffer(
            raw,
        )?)),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_from_names() {
        let d = |n: &str| detect(Path::new(n));
        assert_eq!(d("a.txt"), Some((Format::Text, Compression::None)));
        assert_eq!(d("a.HTML.gz"), Some((Format::Html, Compression::Gzip)));
        assert_eq!(
            d("x/a.jsonl.zst"),
            Some((Format::JsonLines, Compression::Zstd))
        );
        assert_eq!(d("a.ndjson"), Some((Format::JsonLines, Compression::None)));
        assert_eq!(d("a.json"), Some((Format::Json, Compression::None)));
        assert_eq!(d("crawl.warc.gz"), Some((Format::Warc, Compression::Gzip)));
        assert_eq!(d("a.md"), None);
        assert_eq!(d("gz"), None);
    }
}

//! Building an index: discover sources, load them on every core, feed one
//! Tantivy writer, commit once at the end.
//!
//! A run replaces the index contents: it deletes every document and adds the
//! new ones in one commit, so a run that is interrupted leaves the previous
//! commit untouched and searchable.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::directory::MmapDirectory;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument};
use vietdex_ingest::{Article, Reject, discover, load_bytes};

use crate::schema::{self, Fields};
use crate::{Error, MANIFEST_FILE, REJECTS_FILE, Result};

/// Memory the Tantivy writer may use before it flushes a segment.
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// A writable vietdex index.
pub struct IndexBuilder {
    dir: PathBuf,
    index: Index,
    writer: IndexWriter,
    fields: Fields,
}

impl std::fmt::Debug for IndexBuilder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IndexBuilder")
            .field("dir", &self.dir)
            .finish()
    }
}

impl IndexBuilder {
    /// Opens the index in `dir`, creating the directory and an empty index
    /// when there is none.
    pub fn open_or_create(dir: &Path) -> Result<IndexBuilder> {
        std::fs::create_dir_all(dir).map_err(|source| Error::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let mmap = MmapDirectory::open(dir).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })?;
        let (schema, _) = schema::schema();
        let index = if Index::exists(&mmap).map_err(|e| Error::Io {
            path: dir.to_path_buf(),
            source: std::io::Error::other(e.to_string()),
        })? {
            Index::open(mmap)?
        } else {
            Index::create(mmap, schema, tantivy::IndexSettings::default())?
        };
        let fields =
            schema::fields_of(&index).ok_or_else(|| Error::Incompatible(dir.to_path_buf()))?;
        schema::register(&index);
        let threads = std::thread::available_parallelism()
            .map_or(1, |n| n.get())
            .clamp(1, 8);
        let writer = index.writer_with_num_threads(threads, WRITER_HEAP_BYTES)?;
        Ok(IndexBuilder {
            dir: dir.to_path_buf(),
            index,
            writer,
            fields,
        })
    }

    /// The index directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Queues the removal of every document (takes effect at commit).
    pub fn clear(&mut self) -> Result<()> {
        self.writer.delete_all_documents()?;
        Ok(())
    }

    /// Adds one article; callable from many threads at once.
    pub fn add(&self, a: &Article) -> Result<()> {
        let f = &self.fields;
        let mut doc = TantivyDocument::default();
        doc.add_text(f.id, &a.id);
        doc.add_text(f.source, &a.source);
        if let Some(url) = &a.url {
            doc.add_text(f.url, url);
        }
        doc.add_text(f.title, &a.title);
        doc.add_text(f.title_folded, &a.title);
        doc.add_text(f.body, &a.body);
        doc.add_text(f.body_folded, &a.body);
        if let Some(p) = &a.published {
            doc.add_text(f.published_text, p);
            if let Some(dt) = date_value(p) {
                doc.add_date(f.published, dt);
            }
        }
        if let Some(o) = &a.outlet {
            doc.add_text(f.outlet, o);
        }
        if let Some(au) = &a.author {
            doc.add_text(f.author, au);
        }
        self.writer.add_document(doc)?;
        Ok(())
    }

    /// Commits everything added so far and waits for the merge threads.
    pub fn commit(&mut self) -> Result<()> {
        self.writer.commit()?;
        Ok(())
    }

    /// Number of documents in the last commit.
    pub fn committed_documents(&self) -> Result<u64> {
        let reader = self.index.reader()?;
        Ok(reader.searcher().num_docs())
    }
}

/// Turns `2024-04-08`, `2023-06` or `2023` into a date (first day of the period).
pub fn date_value(iso: &str) -> Option<DateTime> {
    let mut parts = iso.split('-').map(|p| p.parse::<i64>().ok());
    let y = parts.next()??;
    let m = parts.next().unwrap_or(Some(1))?;
    let d = parts.next().unwrap_or(Some(1))?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) || !(1000..=9999).contains(&y) {
        return None;
    }
    // Days from civil (Howard Hinnant's algorithm).
    let (y2, m2) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let doy = (153 * m2 + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(DateTime::from_timestamp_secs(days * 86_400))
}

/// Counters reported while a build runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Source files handled (read, or rejected).
    pub files: usize,
    /// Documents added.
    pub documents: usize,
    /// Bytes read.
    pub bytes: u64,
}

/// What a build did.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    /// The index directory.
    pub index: PathBuf,
    /// Source files found.
    pub files_read: usize,
    /// Documents indexed.
    pub documents_indexed: usize,
    /// Sources (or records) rejected, with reasons.
    #[serde(serialize_with = "rejects_as_strings")]
    pub rejected: Vec<Reject>,
    /// Bytes read.
    pub bytes_read: u64,
    /// Wall time.
    #[serde(serialize_with = "secs")]
    pub elapsed: Duration,
}

fn rejects_as_strings<S: serde::Serializer>(
    r: &[Reject],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.collect_seq(r.iter().map(ToString::to_string))
}

fn secs<S: serde::Serializer>(d: &Duration, s: S) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_f64(d.as_secs_f64())
}

/// Indexes every supported file under `inputs` into `dir`, replacing what
/// the index held. `on_progress` is called after each file, from worker
/// threads.
pub fn build(
    inputs: &[PathBuf],
    dir: &Path,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport> {
    for input in inputs {
        if !input.exists() {
            return Err(Error::MissingInput(input.clone()));
        }
    }
    let start = Instant::now();
    let mut builder = IndexBuilder::open_or_create(dir)?;
    builder.clear()?;
    let files = AtomicUsize::new(0);
    let documents = AtomicUsize::new(0);
    let bytes = AtomicU64::new(0);
    let rejected = Mutex::new(Vec::new());
    let first_error: Mutex<Option<Error>> = Mutex::new(None);
    let reject = |r: Reject| {
        if let Ok(mut v) = rejected.lock() {
            v.push(r);
        }
    };
    discover(inputs).par_bridge().for_each(|found| {
        match found {
            Ok(path) => match std::fs::read(&path) {
                Ok(data) => {
                    bytes.fetch_add(data.len() as u64, Ordering::Relaxed);
                    match load_bytes(&path, &data) {
                        Ok(articles) => {
                            for a in &articles {
                                match builder.add(a) {
                                    Ok(()) => {
                                        documents.fetch_add(1, Ordering::Relaxed);
                                    }
                                    Err(e) => {
                                        if let Ok(mut slot) = first_error.lock() {
                                            slot.get_or_insert(e);
                                        }
                                    }
                                }
                            }
                        }
                        Err(r) => reject(r),
                    }
                }
                Err(e) => reject(Reject::new(
                    &path,
                    vietdex_ingest::RejectReason::Io(e.to_string()),
                )),
            },
            Err(r) => reject(r),
        }
        let p = Progress {
            files: files.fetch_add(1, Ordering::Relaxed) + 1,
            documents: documents.load(Ordering::Relaxed),
            bytes: bytes.load(Ordering::Relaxed),
        };
        on_progress(p);
    });
    if let Some(e) = first_error.into_inner().ok().flatten() {
        return Err(e);
    }
    builder.commit()?;
    let mut rejected = rejected.into_inner().unwrap_or_default();
    rejected.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    let report = BuildReport {
        index: dir.to_path_buf(),
        files_read: files.into_inner(),
        documents_indexed: documents.into_inner(),
        rejected,
        bytes_read: bytes.into_inner(),
        elapsed: start.elapsed(),
    };
    write_reports(dir, &report)?;
    Ok(report)
}

fn write_reports(dir: &Path, report: &BuildReport) -> Result<()> {
    let io = |path: PathBuf| move |source| Error::Io { path, source };
    let manifest = serde_json::json!({
        "vietdex": env!("CARGO_PKG_VERSION"),
        "documents": report.documents_indexed,
        "files_read": report.files_read,
        "rejected": report.rejected.len(),
        "bytes_read": report.bytes_read,
    });
    let mpath = dir.join(MANIFEST_FILE);
    std::fs::write(&mpath, format!("{manifest:#}\n")).map_err(io(mpath.clone()))?;
    let mut tsv = String::from("path\tline\treason\n");
    for r in &report.rejected {
        let line = r.line.map(|l| l.to_string()).unwrap_or_default();
        tsv.push_str(&format!("{}\t{}\t{}\n", r.path.display(), line, r.reason));
    }
    let rpath = dir.join(REJECTS_FILE);
    std::fs::write(&rpath, tsv).map_err(io(rpath.clone()))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(
            date_value("1970-01-01"),
            Some(DateTime::from_timestamp_secs(0))
        );
        assert_eq!(
            date_value("2024-04-08"),
            Some(DateTime::from_timestamp_secs(1_712_534_400))
        );
        assert_eq!(date_value("2023-06"), date_value("2023-06-01"));
        assert_eq!(date_value("2023-13"), None);
        assert_eq!(date_value("x"), None);
    }
}

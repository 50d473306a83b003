//! The reading loop every front-end that turns files into documents runs:
//! walk the inputs, skip the sources a [`Store`] already holds unchanged,
//! read the others on every core, hand each article's fingerprint to the
//! store in file order (an exact duplicate only adds its source to the
//! document it repeats), and process the new articles in batches on every
//! core ([`crate::process`]) before the store writes them.
//!
//! The store decides what it remembers: `vietdex index` keeps its sources
//! and documents beside a Tantivy index and commits now and then (see
//! [`Source::pause`]); the OpenSearch export keeps them in memory. Neither
//! reads, parses, fingerprints or processes anything itself.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use vietdex_ingest::{Article, Position, discover_with, escape, load_from, prefix_hash, source};

use crate::{Document, Resources, process};

pub use vietdex_ingest::{Loaded, Options, Reject, RejectReason, discover, load};

/// How sources are found and read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// How each source is read.
    pub ingest: Options,
    /// Follow symbolic links under the inputs (never to files outside them).
    pub follow_links: bool,
}

/// Counters reported while a run reads.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Sources handled (read, unchanged or rejected).
    pub files: usize,
    /// Documents written.
    pub documents: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Bytes of the sources handled so far, read or found unchanged,
    /// including the part read of sources being read: the position against
    /// [`Progress::total_bytes`].
    pub bytes_done: u64,
    /// Bytes of every source under the inputs, once known (they are added
    /// up beside the run, which does not wait for it).
    pub total_bytes: Option<u64>,
}

/// The point after which a partly stored source is read again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Resume {
    /// Lines already stored.
    pub line: usize,
    /// Bytes of the file holding those lines.
    pub offset: u64,
    /// xxh3 of those bytes, hex: a source changed there is read from the start.
    pub prefix_hash: String,
}

/// What a store remembers of a source from an earlier run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Known {
    /// Size in bytes when it was read whole.
    pub bytes: u64,
    /// xxh3 of its bytes, hex, when it was read whole.
    pub hash: String,
    /// Set while it is only partly stored.
    pub resume: Option<Resume>,
}

/// A source read whole: what a store records to know it unchanged later.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    /// xxh3 of its bytes, hex.
    pub hash: String,
    /// Size in bytes.
    pub bytes: u64,
}

/// Where the documents of a reading run go. Shared by every worker thread.
pub trait Store: Sync {
    /// What a document becomes before it is written; made on every core.
    type Item: Send;
    /// The store's side of one source being read.
    type Source<'a>: Source<Item = Self::Item>
    where
        Self: 'a;

    /// What the store knows of the source `key` (an escaped path); `None`
    /// for a source it never read.
    fn known(&self, key: &str) -> Option<Known>;

    /// Starts reading the source `key`, which is new or changed, or (with
    /// `resume`) partly stored and unchanged up to the resume point. From
    /// the start, whatever the store holds of an earlier version of the
    /// source is its own to drop. `None` skips the source.
    fn open(&self, key: &str, resume: Option<&Resume>) -> Option<Self::Source<'_>>;

    /// Turns a processed document into what [`Source::write`] takes.
    fn prepare(&self, doc: Document) -> Self::Item;
}

/// One source being read, on one thread.
pub trait Source {
    /// What it writes.
    type Item;

    /// Called for each article read, in file order, before it is
    /// processed: whether it is new. An exact duplicate (an article whose
    /// id, its content hash, is known) is not processed; the store adds
    /// this source to the document it repeats.
    fn claim(&mut self, article: &Article) -> bool;

    /// Writes processed documents, in file order; returns how many were
    /// written.
    fn write(&mut self, items: Vec<Self::Item>) -> usize;

    /// Whether the store wants to pause inside this source (to commit).
    fn pause_due(&self) -> bool {
        false
    }

    /// Pauses: every document claimed so far is written; `at` is where a
    /// later run can resume (none when the part read cannot be hashed).
    /// Returns `false` to stop reading the source (it is then left
    /// without [`Source::finish`]).
    fn pause(&mut self, _at: Option<Resume>) -> bool {
        true
    }

    /// The source is read: whole (`Ok`) or rejected as a whole (`Err`:
    /// what it gave must not count).
    fn finish(self, read: Result<Mark, ()>);
}

/// What a reading run did. `records_read` = `documents` + `duplicates` +
/// the rejected records.
#[derive(Debug, Default)]
pub struct ReadReport {
    /// Sources found under the inputs.
    pub files_found: usize,
    /// Sources skipped because the store holds them unchanged.
    pub files_unchanged: usize,
    /// Sources read whole.
    pub files_read: usize,
    /// Records read from those sources, plus sources rejected whole.
    pub records_read: usize,
    /// Documents processed and written from sources read whole.
    pub documents: usize,
    /// Records that were exact duplicates.
    pub duplicates: usize,
    /// Sources or records rejected, in no particular order.
    pub rejected: Vec<Reject>,
    /// Bytes of the sources read whole.
    pub bytes_read: u64,
    /// Sources read with something worth a warning, in no particular order.
    pub warnings: Vec<String>,
    /// The key of every source found.
    pub seen: HashSet<String>,
}

/// New articles of one source waiting to be processed together.
#[derive(Default)]
struct Batch {
    articles: Vec<Article>,
    /// Text bytes of the articles.
    bytes: usize,
}

impl Batch {
    /// Articles processed together at most.
    const ARTICLES: usize = 128;
    /// Text bytes processed together at most.
    const BYTES: usize = 16 << 20;

    /// Adds an article; returns whether the batch is full.
    fn push(&mut self, a: Article) -> bool {
        self.bytes += a.title.len() + a.body.len();
        self.articles.push(a);
        self.articles.len() >= Self::ARTICLES || self.bytes >= Self::BYTES
    }
}

struct Run<'a, S> {
    opts: &'a ReadOptions,
    resources: &'a Resources,
    store: &'a S,
    files: AtomicUsize,
    unchanged: AtomicUsize,
    read: AtomicUsize,
    records: AtomicUsize,
    documents: AtomicUsize,
    duplicates: AtomicUsize,
    bytes: AtomicU64,
    rejected: Mutex<Vec<Reject>>,
    warnings: Mutex<Vec<String>>,
    /// Documents written so far (progress only: the report counts those of
    /// sources read whole).
    written: AtomicUsize,
    /// Bytes of sources handled, see [`Progress::bytes_done`].
    bytes_done: AtomicU64,
    /// Bytes of all sources, once added up (`u64::MAX` before).
    total_bytes: AtomicU64,
    on_progress: &'a (dyn Fn(Progress) + Sync),
}

fn hex(h: u64) -> String {
    format!("{h:016x}")
}

impl<S: Store> Run<'_, S> {
    fn report_progress(&self) {
        let total = self.total_bytes.load(Ordering::Relaxed);
        (self.on_progress)(Progress {
            files: self.files.load(Ordering::Relaxed),
            documents: self.written.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            bytes_done: self.bytes_done.load(Ordering::Relaxed),
            total_bytes: (total != u64::MAX).then_some(total),
        });
    }

    fn reject(&self, r: Reject) {
        if let Ok(mut v) = self.rejected.lock() {
            v.push(r);
        }
    }

    /// Processes the waiting articles on every core and writes their
    /// documents, in order; returns how many were written.
    fn write(&self, source: &mut S::Source<'_>, batch: &mut Batch) -> usize {
        let items: Vec<S::Item> = batch
            .articles
            .par_drain(..)
            .map(|a| self.store.prepare(process(a, self.resources)))
            .collect();
        batch.bytes = 0;
        let written = source.write(items);
        self.written.fetch_add(written, Ordering::Relaxed);
        written
    }

    /// Whether the source changed since the store read it whole.
    fn changed(known: Option<&Known>, path: &Path) -> bool {
        let Some(known) = known else { return true };
        let size = std::fs::metadata(path).map(|m| m.len()).ok();
        if size != Some(known.bytes) {
            return true;
        }
        match source::hash_file(path) {
            Ok((h, _)) => hex(h) != known.hash,
            Err(_) => true,
        }
    }

    fn source(&self, path: &Path) {
        let key = escape::path(path);
        self.files.fetch_add(1, Ordering::Relaxed);
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        let known = self.store.known(&key);
        if !Self::changed(known.as_ref(), path) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            self.bytes_done.fetch_add(size, Ordering::Relaxed);
            return;
        }
        // A source a paused run stored in part resumes after its last
        // stored line, when that part of the file is unchanged.
        let resume = known
            .and_then(|k| k.resume)
            .filter(|r| prefix_hash(path, r.offset).is_ok_and(|h| hex(h) == r.prefix_hash));
        let Some(mut source) = self.store.open(&key, resume.as_ref()) else {
            return;
        };
        let skip_lines = resume.map_or(0, |r| r.line);
        // Whether the store stopped the source in a pause.
        let mut stopped = false;
        // This source's own counts, added to the run's once it is read whole.
        let (mut records, mut documents, mut duplicates) = (0, 0, 0);
        let mut rejects: Vec<Reject> = Vec::new();
        // New articles waiting to be processed, a batch at a time on every core.
        let mut batch = Batch::default();
        // Bytes of this source counted in `bytes_done` so far.
        let mut counted = 0u64;
        let mut sink = |record: Result<Article, Reject>, at: Position| {
            let upto = at.offset.min(size);
            if upto > counted {
                self.bytes_done.fetch_add(upto - counted, Ordering::Relaxed);
                counted = upto;
            }
            if stopped {
                return;
            }
            if at.line > 0 && records % 256 == 255 && source.pause_due() {
                // A pause inside a large source: write what is waiting,
                // tell the store how far it got, then go on. The record at
                // `at` is not written yet: a later run resumes at its line
                // (the hash also covers it, which only makes the check
                // stricter).
                documents += self.write(&mut source, &mut batch);
                let point = prefix_hash(path, at.offset).ok().map(|h| Resume {
                    line: at.line - 1,
                    offset: at.offset,
                    prefix_hash: hex(h),
                });
                if !source.pause(point) {
                    stopped = true;
                    return;
                }
            }
            records += 1;
            let a = match record {
                Ok(a) => a,
                Err(r) => return rejects.push(r),
            };
            if !source.claim(&a) {
                duplicates += 1;
                return;
            }
            if batch.push(a) {
                documents += self.write(&mut source, &mut batch);
                self.report_progress();
            }
        };
        let loaded = load_from(path, &self.opts.ingest, skip_lines, &mut sink);
        self.bytes_done
            .fetch_add(size.saturating_sub(counted), Ordering::Relaxed);
        if stopped {
            return;
        }
        if loaded.is_ok() {
            documents += self.write(&mut source, &mut batch);
        }
        match loaded {
            Ok(l) => {
                source.finish(Ok(Mark {
                    hash: hex(l.hash),
                    bytes: l.bytes,
                }));
                if let Ok(mut w) = self.warnings.lock() {
                    w.extend(l.warnings(&key, &self.opts.ingest));
                }
                self.read.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_add(l.bytes, Ordering::Relaxed);
                self.records.fetch_add(records, Ordering::Relaxed);
                self.documents.fetch_add(documents, Ordering::Relaxed);
                self.duplicates.fetch_add(duplicates, Ordering::Relaxed);
                for r in rejects {
                    self.reject(r);
                }
            }
            Err(r) => {
                source.finish(Err(()));
                self.records.fetch_add(1, Ordering::Relaxed);
                self.reject(r);
            }
        }
    }
}

/// Reads every supported source under `inputs` into `store`, sources in
/// parallel and the articles of each source in order (which copy of a text
/// comes first is decided in file order); each new article becomes a
/// document through [`crate::process`] with `resources`. `on_progress` is
/// called after each source and each batch of documents, from worker
/// threads.
pub fn run<S: Store>(
    inputs: &[PathBuf],
    opts: &ReadOptions,
    resources: &Resources,
    store: &S,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> ReadReport {
    let run = Run {
        opts,
        resources,
        store,
        files: AtomicUsize::new(0),
        unchanged: AtomicUsize::new(0),
        read: AtomicUsize::new(0),
        records: AtomicUsize::new(0),
        documents: AtomicUsize::new(0),
        duplicates: AtomicUsize::new(0),
        bytes: AtomicU64::new(0),
        rejected: Mutex::new(Vec::new()),
        warnings: Mutex::new(Vec::new()),
        written: AtomicUsize::new(0),
        bytes_done: AtomicU64::new(0),
        total_bytes: AtomicU64::new(u64::MAX),
        on_progress,
    };
    let seen: Mutex<HashSet<String>> = Mutex::new(HashSet::new());
    std::thread::scope(|scope| {
        // The bytes of every source, added up beside the run for the
        // progress total.
        scope.spawn(|| {
            let total: u64 = discover_with(inputs, opts.follow_links)
                .filter_map(Result::ok)
                .filter_map(|p| std::fs::metadata(p).ok())
                .map(|m| m.len())
                .sum();
            run.total_bytes.store(total, Ordering::Relaxed);
        });
        discover_with(inputs, opts.follow_links)
            .par_bridge()
            .for_each(|found| {
                match found {
                    Ok(path) => {
                        if let Ok(mut s) = seen.lock() {
                            s.insert(escape::path(&path));
                        }
                        run.source(&path);
                    }
                    Err(r) => {
                        run.files.fetch_add(1, Ordering::Relaxed);
                        run.records.fetch_add(1, Ordering::Relaxed);
                        run.reject(r);
                    }
                }
                run.report_progress();
            });
    });
    ReadReport {
        files_found: run.files.into_inner(),
        files_unchanged: run.unchanged.into_inner(),
        files_read: run.read.into_inner(),
        records_read: run.records.into_inner(),
        documents: run.documents.into_inner(),
        duplicates: run.duplicates.into_inner(),
        rejected: run.rejected.into_inner().unwrap_or_default(),
        bytes_read: run.bytes.into_inner(),
        warnings: run.warnings.into_inner().unwrap_or_default(),
        seen: seen.into_inner().unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashMap;
    use std::sync::LazyLock;

    use super::*;

    static RES: LazyLock<Resources> =
        LazyLock::new(|| Resources::bundled().expect("bundled resources"));

    /// A store in memory that records every call.
    #[derive(Default)]
    struct Memory {
        known: HashMap<String, Known>,
        pause: bool,
        ids: Mutex<HashSet<String>>,
        /// (source key, headline) of each document written, in order.
        written: Mutex<Vec<(String, String)>>,
        paused: Mutex<Vec<Resume>>,
        finished: Mutex<Vec<(String, Option<Mark>)>>,
    }

    struct Reading<'a> {
        memory: &'a Memory,
        key: String,
    }

    impl Store for Memory {
        type Item = String;
        type Source<'a> = Reading<'a>;

        fn known(&self, key: &str) -> Option<Known> {
            self.known.get(key).cloned()
        }

        fn open(&self, key: &str, _resume: Option<&Resume>) -> Option<Reading<'_>> {
            Some(Reading {
                memory: self,
                key: key.to_string(),
            })
        }

        fn prepare(&self, doc: Document) -> String {
            doc.article.title
        }
    }

    impl Source for Reading<'_> {
        type Item = String;

        fn claim(&mut self, article: &Article) -> bool {
            self.memory
                .ids
                .lock()
                .expect("ids")
                .insert(article.id.clone())
        }

        fn write(&mut self, items: Vec<String>) -> usize {
            let n = items.len();
            let mut w = self.memory.written.lock().expect("written");
            w.extend(items.into_iter().map(|t| (self.key.clone(), t)));
            n
        }

        fn pause_due(&self) -> bool {
            self.memory.pause
        }

        fn pause(&mut self, at: Option<Resume>) -> bool {
            if let Some(r) = at {
                self.memory.paused.lock().expect("paused").push(r);
            }
            true
        }

        fn finish(self, read: Result<Mark, ()>) {
            let mut f = self.memory.finished.lock().expect("finished");
            f.push((self.key, read.ok()));
        }
    }

    /// A JSON Lines source of `n` articles (`Tin số 0` …) with an unreadable
    /// line after the fourth and the sixth article again as the last line.
    fn json_lines(n: usize) -> String {
        let mut out = String::new();
        let line = |i: usize| {
            let rec = serde_json::json!({
                "title": format!("Tin số {i}"),
                "body": format!("Bài số {i}: xã Vạn Thọ, huyện Đại Từ họp bàn xây dựng nông thôn mới."),
            });
            format!("{rec}\n")
        };
        for i in 0..n {
            out.push_str(&line(i));
            if i == 3 {
                out.push_str("{not json\n");
            }
        }
        out.push_str(&line(5));
        out
    }

    #[test]
    fn sources_are_read_claimed_in_file_order_and_skipped_when_known() {
        let dir = tempfile::tempdir().expect("tempdir");
        let body = "Xã Vạn Thọ, huyện Đại Từ đạt 99,72% kế hoạch năm.";
        std::fs::write(dir.path().join("a.txt"), format!("Tin A\n{body}")).expect("a");
        std::fs::write(dir.path().join("b.txt"), format!("Tin A\n{body}")).expect("b");
        std::fs::write(dir.path().join("c.jsonl"), json_lines(300)).expect("c");
        let inputs = [dir.path().to_path_buf()];
        let memory = Memory::default();
        let r = run(&inputs, &ReadOptions::default(), &RES, &memory, &|_| {});
        assert_eq!((r.files_found, r.files_read, r.files_unchanged), (3, 3, 0));
        // 2 texts, 301 JSON records and the unreadable line.
        assert_eq!(r.records_read, 2 + 301 + 1);
        assert_eq!((r.documents, r.duplicates), (301, 2));
        assert_eq!(r.rejected.len(), 1, "{:?}", r.rejected);
        assert_eq!(r.rejected[0].line, Some(5));
        assert_eq!(r.seen.len(), 3);
        let written = memory.written.lock().expect("written").clone();
        let c: Vec<&str> = written
            .iter()
            .filter(|(k, _)| k.ends_with("c.jsonl"))
            .map(|(_, t)| t.as_str())
            .collect();
        let expected: Vec<String> = (0..300).map(|i| format!("Tin số {i}")).collect();
        assert_eq!(c, expected, "the articles of a source in file order");
        let finished = memory.finished.lock().expect("finished").clone();
        assert_eq!(finished.len(), 3);
        assert!(finished.iter().all(|(_, m)| m.is_some()));

        // A store that knows every source as read gets nothing.
        let again = Memory {
            known: finished
                .into_iter()
                .filter_map(|(k, m)| {
                    let m = m?;
                    Some((
                        k,
                        Known {
                            bytes: m.bytes,
                            hash: m.hash,
                            resume: None,
                        },
                    ))
                })
                .collect(),
            ..Memory::default()
        };
        let r = run(&inputs, &ReadOptions::default(), &RES, &again, &|_| {});
        assert_eq!((r.files_found, r.files_unchanged, r.files_read), (3, 3, 0));
        assert!(again.written.lock().expect("written").is_empty());
    }

    #[test]
    fn a_paused_source_resumes_after_its_last_stored_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("c.jsonl");
        std::fs::write(&path, json_lines(600)).expect("c");
        let inputs = [path.clone()];
        let paused = Memory {
            pause: true,
            ..Memory::default()
        };
        run(&inputs, &ReadOptions::default(), &RES, &paused, &|_| {});
        let points = paused.paused.lock().expect("paused").clone();
        assert_eq!(points.len(), 2, "{points:?}");
        let first = points[0].clone();
        // Every article before the pause was written before it.
        let line = first.line;
        let key = escape::path(&path);
        let resumed = Memory {
            known: HashMap::from([(
                key,
                Known {
                    resume: Some(first),
                    ..Known::default()
                },
            )]),
            ..Memory::default()
        };
        let r = run(&inputs, &ReadOptions::default(), &RES, &resumed, &|_| {});
        let titles: Vec<String> = resumed
            .written
            .lock()
            .expect("written")
            .iter()
            .map(|(_, t)| t.clone())
            .collect();
        // Lines up to `line` (one of them unreadable) are skipped: the
        // articles read are those after it, and the last line, a copy of
        // an article before the resume point, which this store does not
        // hold.
        let mut expected: Vec<String> = (line - 1..600).map(|i| format!("Tin số {i}")).collect();
        expected.push("Tin số 5".to_string());
        assert_eq!(titles, expected);
        assert_eq!(r.documents, expected.len());
        // The same source, changed before the resume point, is read whole.
        let text = std::fs::read_to_string(&path).expect("read");
        let edited = text.replacen("Bài số 0:", "Bài số O:", 1);
        assert_ne!(edited, text);
        std::fs::write(&path, edited).expect("write");
        let changed = Memory {
            known: resumed.known.clone(),
            ..Memory::default()
        };
        let r = run(&inputs, &ReadOptions::default(), &RES, &changed, &|_| {});
        assert_eq!(r.documents, 600);
    }
}

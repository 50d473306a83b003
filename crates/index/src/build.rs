//! Building and updating an index.
//!
//! A run walks its inputs and reads, on every core, only the sources that
//! are new or changed since the last commit (by content hash). Each article
//! is fingerprinted: an exact duplicate of a document already indexed adds
//! its source to that document instead of a second copy; near duplicates
//! are grouped into clusters at the end of the run. Documents of changed
//! sources are replaced; with `prune`, documents whose sources are gone are
//! removed. The index is committed every few seconds together with its
//! [`State`], so an interrupted run leaves the last commit searchable and
//! the next run picks up where it stopped, without duplicates.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock};
use std::time::{Duration, Instant};

use rayon::prelude::*;
use serde::Serialize;
use tantivy::directory::MmapDirectory;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};
use vietdex_ingest::{
    Article, Options, Position, Reject, discover_with, escape, load_from, prefix_hash, source,
};
use vietdex_pipeline::{Date, Document, Resources, process};

use crate::schema::{self, Fields};
use crate::state::{DocState, Resume, SourceState, State};
use crate::{Error, MANIFEST_FILE, REJECTS_FILE, Result};

/// Memory the Tantivy writer may use before it flushes a segment.
const WRITER_HEAP_BYTES: usize = 256 * 1024 * 1024;

/// Settings of a build.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    /// How sources are read.
    pub ingest: Options,
    /// Remove documents whose sources (under the inputs) no longer exist.
    pub prune: bool,
    /// Commit after this long (and at the end).
    pub commit_interval: Duration,
    /// Also commit after this many sources read (0: only by time).
    pub commit_every_sources: usize,
    /// Follow symbolic links under the inputs (never to files outside them).
    pub follow_links: bool,
}

impl Default for BuildOptions {
    fn default() -> Self {
        BuildOptions {
            ingest: Options::default(),
            prune: false,
            commit_interval: Duration::from_secs(10),
            commit_every_sources: 0,
            follow_links: false,
        }
    }
}

/// Counters reported while a build runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct Progress {
    /// Sources handled (read, unchanged or rejected).
    pub files: usize,
    /// Documents added.
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

/// What a build did. `records_read` = `indexed` + `duplicates` + `rejected`.
#[derive(Debug, Clone, Serialize)]
pub struct BuildReport {
    /// The index directory.
    pub index: PathBuf,
    /// Source files found under the inputs.
    pub files_found: usize,
    /// Sources skipped because they did not change since the last run.
    pub files_unchanged: usize,
    /// Sources read (new or changed).
    pub files_read: usize,
    /// Records read from those sources, plus sources rejected whole.
    pub records_read: usize,
    /// New documents indexed.
    pub documents_indexed: usize,
    /// Records that were exact duplicates of an indexed document.
    pub duplicates: usize,
    /// Sources or records rejected, with reasons.
    #[serde(serialize_with = "rejects_as_strings")]
    pub rejected: Vec<Reject>,
    /// Documents removed (changed or pruned sources).
    pub documents_removed: usize,
    /// Documents in the index after the run.
    pub documents_total: usize,
    /// Near-duplicate clusters with more than one document.
    pub clusters: usize,
    /// Bytes read.
    pub bytes_read: u64,
    /// Commits made.
    pub commits: usize,
    /// Problems that lost nothing but are worth knowing (bytes that were
    /// not valid UTF-8 replaced in a source), one line each.
    pub warnings: Vec<String>,
    /// Wall time.
    #[serde(serialize_with = "secs")]
    pub elapsed: Duration,
    /// Peak resident memory of this process so far, in bytes, where the
    /// system tells it (Linux: `VmHWM` of `/proc/self/status`).
    pub peak_memory_bytes: Option<u64>,
}

/// Peak resident memory of this process, in bytes, where the system
/// tells it.
pub fn peak_memory() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
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

/// Turns `2024-04-08`, `2023-06` or `2023` into a date (first day of the period).
pub fn date_value(iso: &str) -> Option<DateTime> {
    iso.parse::<Date>().ok().map(|d| date_time(&d))
}

/// The first day of a date's period, as Tantivy stores dates.
pub fn date_time(d: &Date) -> DateTime {
    DateTime::from_timestamp_secs(d.unix_seconds())
}

fn io_error(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Opens the index in `dir`, creating the directory and an empty index when
/// there is none. A directory that is neither new, empty, nor a vietdex
/// index is refused untouched ([`crate::dir::claim`]).
pub fn open_or_create(dir: &Path) -> Result<(Index, Fields)> {
    crate::dir::claim(dir)?;
    let other = |e: &dyn std::fmt::Display| Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    };
    let mmap = MmapDirectory::open(dir).map_err(|e| other(&e))?;
    let (schema, _) = schema::schema();
    let index = if Index::exists(&mmap).map_err(|e| other(&e))? {
        Index::open(mmap)?
    } else {
        Index::create(mmap, schema, tantivy::IndexSettings::default())?
    };
    let fields = schema::fields_of(&index).ok_or_else(|| Error::Incompatible(dir.to_path_buf()))?;
    schema::register(&index);
    Ok((index, fields))
}

/// The Tantivy document of a processed article.
fn document(f: &Fields, d: &Document) -> TantivyDocument {
    let a = &d.article;
    let mut doc = TantivyDocument::default();
    doc.add_text(f.id, &a.id);
    doc.add_text(f.source, &a.source);
    if let Some(url) = &a.url {
        doc.add_text(f.url, url);
    }
    let forms = &d.forms;
    doc.add_text(f.title, &a.title);
    doc.add_text(f.title_exact, &forms.title.exact);
    doc.add_text(f.title_folded, &forms.title.folded);
    doc.add_text(f.title_pairs, &forms.title.pairs);
    doc.add_text(f.body, &a.body);
    doc.add_text(f.body_exact, &forms.body.exact);
    doc.add_text(f.body_folded, &forms.body.folded);
    doc.add_text(f.body_pairs, &forms.body.pairs);
    if let Some(p) = &a.published {
        doc.add_text(f.published_text, p);
        if let Some(date) = &d.published {
            doc.add_date(f.published, date_time(date));
        }
    }
    if let Some(o) = &a.outlet {
        doc.add_text(f.outlet, o);
    }
    if let Some(au) = &a.author {
        doc.add_text(f.author, au);
    }
    for key in &d.entity_keys {
        doc.add_text(f.entity, key.to_string());
    }
    if let Ok(json) = serde_json::to_string(&d.entities) {
        doc.add_text(f.entities, &json);
    }
    doc
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

struct Run<'a> {
    dir: &'a Path,
    fields: Fields,
    writer: RwLock<IndexWriter>,
    state: Mutex<State>,
    opts: &'a BuildOptions,
    resources: &'a Resources,
    last_commit: Mutex<Instant>,
    sources_since_commit: AtomicUsize,
    /// Whether anything was read, rejected or removed since the last commit.
    dirty: AtomicBool,
    /// Whether anything was read, rejected or removed in this run (a
    /// commit clears `dirty`, not this).
    touched: AtomicBool,
    commits: AtomicUsize,
    files: AtomicUsize,
    unchanged: AtomicUsize,
    read: AtomicUsize,
    records: AtomicUsize,
    indexed: AtomicUsize,
    duplicates: AtomicUsize,
    removed: AtomicUsize,
    bytes: AtomicU64,
    rejected: Mutex<Vec<Reject>>,
    warnings: Mutex<Vec<String>>,
    error: Mutex<Option<Error>>,
    /// Documents added to the writer so far (progress only: the report
    /// counts those of sources read whole).
    added: AtomicUsize,
    /// Bytes of sources handled, see [`Progress::bytes_done`].
    bytes_done: AtomicU64,
    /// Bytes of all sources, once added up (`u64::MAX` before).
    total_bytes: AtomicU64,
    on_progress: &'a (dyn Fn(Progress) + Sync),
}

impl Run<'_> {
    fn report_progress(&self) {
        let total = self.total_bytes.load(Ordering::Relaxed);
        (self.on_progress)(Progress {
            files: self.files.load(Ordering::Relaxed),
            documents: self.added.load(Ordering::Relaxed),
            bytes: self.bytes.load(Ordering::Relaxed),
            bytes_done: self.bytes_done.load(Ordering::Relaxed),
            total_bytes: (total != u64::MAX).then_some(total),
        });
    }

    fn fail(&self, e: Error) {
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }

    fn reject(&self, r: Reject) {
        if let Ok(mut v) = self.rejected.lock() {
            v.push(r);
        }
    }

    /// Deletes documents from the index (the writer lock must be held).
    fn delete(&self, writer: &IndexWriter, ids: &[String]) {
        for id in ids {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        self.removed.fetch_add(ids.len(), Ordering::Relaxed);
    }

    /// Processes the waiting articles on every core ([`process`]: entities,
    /// analysis) and adds their documents to the index, in order; returns
    /// how many were added.
    fn add_batch(&self, writer: &IndexWriter, batch: &mut Batch) -> usize {
        let docs: Vec<TantivyDocument> = batch
            .articles
            .par_drain(..)
            .map(|a| document(&self.fields, &process(a, self.resources)))
            .collect();
        batch.bytes = 0;
        let mut added = 0;
        for doc in docs {
            match writer.add_document(doc) {
                Ok(_) => added += 1,
                Err(e) => self.fail(e.into()),
            }
        }
        self.added.fetch_add(added, Ordering::Relaxed);
        added
    }

    fn changed(&self, key: &str, path: &Path) -> bool {
        let known = self
            .state
            .lock()
            .ok()
            .and_then(|s| s.sources.get(key).cloned());
        let Some(known) = known else { return true };
        let size = std::fs::metadata(path).map(|m| m.len()).ok();
        if size != Some(known.bytes) {
            return true;
        }
        match source::hash_file(path) {
            Ok((h, _)) => format!("{h:016x}") != known.hash,
            Err(_) => true,
        }
    }

    fn process(&self, path: &Path) {
        let key = escape::path(path);
        self.files.fetch_add(1, Ordering::Relaxed);
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if !self.changed(&key, path) {
            self.unchanged.fetch_add(1, Ordering::Relaxed);
            self.bytes_done.fetch_add(size, Ordering::Relaxed);
            return;
        }
        let Ok(guard) = self.writer.read() else {
            return;
        };
        let mut writer = Some(guard);
        self.dirty.store(true, Ordering::Relaxed);
        self.touched.store(true, Ordering::Relaxed);
        // A source an interrupted run indexed in part resumes after its last
        // committed line, when that part of the file is unchanged.
        let resume = self.resume_point(&key, path);
        let mut ids: Vec<String> = Vec::new();
        let skip_lines = match &resume {
            Some((r, docs)) => {
                ids.clone_from(docs);
                r.line
            }
            None => {
                // A changed source: its old documents go first.
                let orphans = self
                    .state
                    .lock()
                    .map(|mut s| s.remove_source(&key))
                    .unwrap_or_default();
                if let Some(w) = &writer {
                    self.delete(w, &orphans);
                }
                0
            }
        };
        // This source's own counts, added to the run's once it is read whole.
        let (mut records, mut indexed, mut duplicates) = (0, 0, 0);
        let mut rejects: Vec<Reject> = Vec::new();
        // New articles waiting to be processed, a batch at a time on every core.
        let mut batch = Batch::default();
        // Bytes of this source counted in `bytes_done` so far.
        let mut counted = 0u64;
        let mut sink = |record: std::result::Result<Article, Reject>, at: Position| {
            let upto = at.offset.min(size);
            if upto > counted {
                self.bytes_done.fetch_add(upto - counted, Ordering::Relaxed);
                counted = upto;
            }
            if at.line > 0 && records % 256 == 255 && self.commit_due() {
                // A commit inside a large source: add what is waiting,
                // record how far it got, let the commit through, then go on.
                // The record at `at` is not indexed yet: the next run resumes
                // at its line (the hash also covers it, which only makes the
                // check stricter).
                if let Some(w) = &writer {
                    indexed += self.add_batch(w, &mut batch);
                }
                let point = prefix_hash(path, at.offset).ok().map(|h| Resume {
                    line: at.line - 1,
                    offset: at.offset,
                    prefix_hash: format!("{h:016x}"),
                });
                if let (Some(r), Ok(mut s)) = (point, self.state.lock()) {
                    s.sources.insert(
                        key.clone(),
                        SourceState {
                            hash: String::new(),
                            bytes: 0,
                            docs: ids.clone(),
                            resume: Some(r),
                        },
                    );
                }
                writer = None;
                self.maybe_commit();
                writer = self.writer.read().ok();
            }
            let Some(writer) = &writer else { return };
            records += 1;
            let a = match record {
                Ok(a) => a,
                Err(r) => return rejects.push(r),
            };
            let is_new = self
                .state
                .lock()
                .is_ok_and(|mut s| match s.docs.get_mut(&a.id) {
                    Some(doc) => {
                        if !doc.sources.contains(&key) {
                            doc.sources.push(key.clone());
                        }
                        false
                    }
                    None => {
                        let doc = DocState {
                            sources: vec![key.clone()],
                            simhash: a.simhash,
                            cluster: a.id.clone(),
                            cluster_size: 1,
                        };
                        s.docs.insert(a.id.clone(), doc);
                        true
                    }
                });
            ids.push(a.id.clone());
            if !is_new {
                duplicates += 1;
                return;
            }
            if batch.push(a) {
                indexed += self.add_batch(writer, &mut batch);
                self.report_progress();
            }
        };
        let loaded = load_from(path, &self.opts.ingest, skip_lines, &mut sink);
        self.bytes_done
            .fetch_add(size.saturating_sub(counted), Ordering::Relaxed);
        let Some(writer) = writer else { return };
        if loaded.is_ok() {
            indexed += self.add_batch(&writer, &mut batch);
        }
        // Set again at the end: a commit inside this source cleared it.
        self.dirty.store(true, Ordering::Relaxed);
        self.touched.store(true, Ordering::Relaxed);
        let Ok(mut state) = self.state.lock() else {
            return;
        };
        // Record the source; a source rejected whole keeps nothing and is
        // retried next run, so what it added is taken back.
        state.sources.insert(
            key.clone(),
            SourceState {
                hash: loaded
                    .as_ref()
                    .map_or(String::new(), |l| format!("{:016x}", l.hash)),
                bytes: loaded.as_ref().map_or(0, |l| l.bytes),
                docs: ids,
                resume: None,
            },
        );
        match loaded {
            Ok(l) => {
                drop(state);
                if let Ok(mut w) = self.warnings.lock() {
                    w.extend(l.warnings(&key, &self.opts.ingest));
                }
                self.read.fetch_add(1, Ordering::Relaxed);
                self.bytes.fetch_add(l.bytes, Ordering::Relaxed);
                self.records.fetch_add(records, Ordering::Relaxed);
                self.indexed.fetch_add(indexed, Ordering::Relaxed);
                self.duplicates.fetch_add(duplicates, Ordering::Relaxed);
                for r in rejects {
                    self.reject(r);
                }
            }
            Err(r) => {
                let orphans = state.remove_source(&key);
                drop(state);
                for id in &orphans {
                    writer.delete_term(Term::from_field_text(self.fields.id, id));
                }
                self.records.fetch_add(1, Ordering::Relaxed);
                self.reject(r);
            }
        }
        drop(writer);
        self.sources_since_commit.fetch_add(1, Ordering::Relaxed);
        self.maybe_commit();
    }

    /// The resume point of a partly indexed source and the documents it
    /// gave so far, when the indexed part of the file is unchanged.
    fn resume_point(&self, key: &str, path: &Path) -> Option<(Resume, Vec<String>)> {
        let known = self.state.lock().ok()?.sources.get(key).cloned()?;
        let r = known.resume?;
        let h = prefix_hash(path, r.offset).ok()?;
        (format!("{h:016x}") == r.prefix_hash).then_some((r, known.docs))
    }

    /// Whether a commit is due by time.
    fn commit_due(&self) -> bool {
        self.last_commit
            .lock()
            .map(|t| t.elapsed() >= self.opts.commit_interval)
            .unwrap_or(false)
    }

    fn maybe_commit(&self) {
        let due_by_count = self.opts.commit_every_sources > 0
            && self.sources_since_commit.load(Ordering::Relaxed) >= self.opts.commit_every_sources;
        let due_by_time = self
            .last_commit
            .lock()
            .map(|t| t.elapsed() >= self.opts.commit_interval)
            .unwrap_or(false);
        if !(due_by_count || due_by_time) {
            return;
        }
        let Ok(mut writer) = self.writer.write() else {
            return;
        };
        // Another worker may have committed while this one waited.
        let still_due = (self.opts.commit_every_sources > 0
            && self.sources_since_commit.load(Ordering::Relaxed) >= self.opts.commit_every_sources)
            || self
                .last_commit
                .lock()
                .map(|t| t.elapsed() >= self.opts.commit_interval)
                .unwrap_or(false);
        if still_due && let Err(e) = self.commit(&mut writer) {
            self.fail(e);
        }
    }

    fn commit(&self, writer: &mut IndexWriter) -> Result<()> {
        let mut state = self.state.lock().map_err(|_| Error::Poisoned)?;
        let payload = state.write_next(self.dir)?;
        let mut prepared = writer.prepare_commit()?;
        prepared.set_payload(&payload);
        prepared.commit()?;
        state.remove_stale(self.dir);
        self.commits.fetch_add(1, Ordering::Relaxed);
        self.dirty.store(false, Ordering::Relaxed);
        self.sources_since_commit.store(0, Ordering::Relaxed);
        if let Ok(mut t) = self.last_commit.lock() {
            *t = Instant::now();
        }
        Ok(())
    }
}

/// Indexes the new and changed sources under `inputs` into `dir`; each new
/// article becomes a document through [`vietdex_pipeline::process`] with
/// `resources`. `on_progress` is called after each source and each batch
/// of documents, from worker threads.
pub fn build(
    inputs: &[PathBuf],
    dir: &Path,
    opts: &BuildOptions,
    resources: &Resources,
    on_progress: &(dyn Fn(Progress) + Sync),
) -> Result<BuildReport> {
    for input in inputs {
        if !input.exists() {
            return Err(Error::MissingInput(input.clone()));
        }
    }
    let start = Instant::now();
    let (index, fields) = open_or_create(dir)?;
    let payload = index.load_metas()?.payload;
    // A new index gets its first commit even with nothing in it.
    let fresh = payload.is_none();
    let state = State::load(dir, payload.as_deref())?;
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .clamp(1, 8);
    let writer: IndexWriter = match index.writer_with_num_threads(threads, WRITER_HEAP_BYTES) {
        Err(tantivy::TantivyError::LockFailure(
            tantivy::directory::error::LockError::LockBusy,
            _,
        )) => {
            let pid = std::fs::read_to_string(dir.join(crate::WRITER_PID_FILE))
                .ok()
                .map(|p| p.trim().to_string())
                .filter(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            return Err(Error::Busy {
                dir: dir.to_path_buf(),
                pid,
            });
        }
        other => other?,
    };
    // Holding the writer lock: record who holds it, then make sure the
    // index is sound before writing anything over it.
    let pid_path = dir.join(crate::WRITER_PID_FILE);
    std::fs::write(&pid_path, format!("{}\n", std::process::id())).map_err(io_error(&pid_path))?;
    let damage = crate::check::segment_damage(&index, dir);
    if !damage.is_empty() {
        return Err(Error::Damaged {
            dir: dir.to_path_buf(),
            what: damage.join("; "),
        });
    }
    let run = Run {
        dir,
        fields,
        writer: RwLock::new(writer),
        state: Mutex::new(state),
        opts,
        resources,
        last_commit: Mutex::new(Instant::now()),
        sources_since_commit: AtomicUsize::new(0),
        dirty: AtomicBool::new(fresh),
        touched: AtomicBool::new(fresh),
        commits: AtomicUsize::new(0),
        files: AtomicUsize::new(0),
        unchanged: AtomicUsize::new(0),
        read: AtomicUsize::new(0),
        records: AtomicUsize::new(0),
        indexed: AtomicUsize::new(0),
        duplicates: AtomicUsize::new(0),
        removed: AtomicUsize::new(0),
        bytes: AtomicU64::new(0),
        rejected: Mutex::new(Vec::new()),
        warnings: Mutex::new(Vec::new()),
        error: Mutex::new(None),
        added: AtomicUsize::new(0),
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
                .filter_map(std::result::Result::ok)
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
                        run.process(&path);
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
    if let Some(e) = run.error.lock().ok().and_then(|mut e| e.take()) {
        return Err(e);
    }
    let seen = seen.into_inner().map_err(|_| Error::Poisoned)?;
    {
        let mut writer = run.writer.write().map_err(|_| Error::Poisoned)?;
        if opts.prune {
            let roots: Vec<String> = inputs.iter().map(|p| escape::path(p)).collect();
            let gone: Vec<String> = run
                .state
                .lock()
                .map_err(|_| Error::Poisoned)?
                .sources
                .keys()
                .filter(|k| !seen.contains(*k))
                .filter(|k| roots.iter().any(|r| Path::new(k).starts_with(r)))
                .cloned()
                .collect();
            for key in gone {
                run.dirty.store(true, Ordering::Relaxed);
                run.touched.store(true, Ordering::Relaxed);
                let orphans = run
                    .state
                    .lock()
                    .map_err(|_| Error::Poisoned)?
                    .remove_source(&key);
                run.delete(&writer, &orphans);
            }
        }
        // A run with nothing to do (every source unchanged) commits nothing.
        // One that changed anything clusters and commits at the end, even
        // when a commit after its last source already saved the documents:
        // the clusters span every document.
        if run.touched.load(Ordering::Relaxed) {
            run.state.lock().map_err(|_| Error::Poisoned)?.cluster();
            run.commit(&mut writer)?;
        }
    }
    let state = run.state.into_inner().map_err(|_| Error::Poisoned)?;
    let mut rejected = run.rejected.into_inner().map_err(|_| Error::Poisoned)?;
    rejected.sort_by(|a, b| a.path.cmp(&b.path).then(a.line.cmp(&b.line)));
    let clusters = {
        let mut ids: HashSet<&str> = HashSet::new();
        for d in state.docs.values().filter(|d| d.cluster_size > 1) {
            ids.insert(&d.cluster);
        }
        ids.len()
    };
    let report = BuildReport {
        index: dir.to_path_buf(),
        files_found: run.files.into_inner(),
        files_unchanged: run.unchanged.into_inner(),
        files_read: run.read.into_inner(),
        records_read: run.records.into_inner(),
        documents_indexed: run.indexed.into_inner(),
        duplicates: run.duplicates.into_inner(),
        rejected,
        documents_removed: run.removed.into_inner(),
        documents_total: state.docs.len(),
        clusters,
        bytes_read: run.bytes.into_inner(),
        commits: run.commits.into_inner(),
        warnings: {
            let mut w = run.warnings.into_inner().map_err(|_| Error::Poisoned)?;
            w.sort();
            w
        },
        elapsed: start.elapsed(),
        peak_memory_bytes: peak_memory(),
    };
    write_reports(dir, &report)?;
    Ok(report)
}

fn write_reports(dir: &Path, report: &BuildReport) -> Result<()> {
    let manifest = serde_json::json!({
        "vietdex": env!("CARGO_PKG_VERSION"),
        "documents": report.documents_total,
        "last_run": report,
    });
    let mpath = dir.join(MANIFEST_FILE);
    std::fs::write(&mpath, format!("{manifest:#}\n")).map_err(io_error(&mpath))?;
    let mut tsv = String::from("path\tline\treason\n");
    for r in &report.rejected {
        let line = r.line.map(|l| l.to_string()).unwrap_or_default();
        let reason = escape::text(&r.reason.to_string());
        tsv.push_str(&format!(
            "{}\t{}\t{}\n",
            escape::path(&r.path),
            line,
            reason
        ));
    }
    let rpath = dir.join(REJECTS_FILE);
    std::fs::write(&rpath, tsv).map_err(io_error(&rpath))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clusters_are_made_when_the_last_source_was_already_committed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in");
        std::fs::create_dir(&input).expect("input dir");
        let body = "Năm 2024, tỉnh Thái Nguyên đặt ra mục tiêu có ít nhất 2 xã đạt chuẩn \
                    nông thôn mới, 12 xã đạt chuẩn nông thôn mới nâng cao; 2 xã đạt chuẩn \
                    kiểu mẫu; 1 huyện được công nhận đạt chuẩn; tiếp tục giữ vững và nâng \
                    cao chất lượng tiêu chí ở các địa phương đã đạt chuẩn trong năm tới.";
        std::fs::write(input.join("a.txt"), format!("Tin một\n{body}")).expect("a");
        std::fs::write(input.join("b.txt"), format!("Tin hai\n{body} Thêm.")).expect("b");
        let opts = BuildOptions {
            // Commit after every source: the run's last commit comes before
            // its end.
            commit_interval: Duration::ZERO,
            ..BuildOptions::default()
        };
        let res = Resources::bundled().expect("resources");
        let report = build(&[input], &dir.path().join("idx"), &opts, &res, &|_| {}).expect("build");
        assert_eq!(report.documents_indexed, 2);
        assert_eq!(report.clusters, 1);
    }

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

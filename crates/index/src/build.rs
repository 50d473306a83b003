//! Building and updating an index.
//!
//! The reading is [`vietdex_pipeline::read::run`]'s: it walks the inputs,
//! reads on every core only the sources that are new or changed since the
//! last commit (by content hash), and hands each article's fingerprint to
//! the index in file order. The index is the [`Store`]: an exact duplicate
//! of a document already indexed adds its source to that document instead
//! of a second copy; new documents are written; near duplicates are
//! grouped into clusters at the end of the run. Documents of changed
//! sources are replaced; with `prune`, documents whose sources are gone are
//! removed. The index is committed every few seconds together with its
//! [`State`], so an interrupted run leaves the last commit searchable and
//! the next run picks up where it stopped, without duplicates.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Mutex, RwLock, RwLockReadGuard};
use std::time::{Duration, Instant};

use serde::Serialize;
use tantivy::directory::MmapDirectory;
use tantivy::{DateTime, Index, IndexWriter, TantivyDocument, Term};
pub use vietdex_pipeline::read::Progress;
use vietdex_pipeline::read::{
    self, Known, Mark, Options, ReadOptions, Reject, Resume, Source, Store,
};
use vietdex_pipeline::{Article, Date, Document, Resources, escape};

use crate::schema::{self, Fields};
use crate::state::{DocState, SourceState, State};
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
    doc.add_text(f.title_exact, &forms.title.distinct_exact);
    doc.add_text(f.title_folded, &forms.title.folded);
    doc.add_text(f.title_pairs, &forms.title.pairs);
    doc.add_text(f.body, &a.body);
    doc.add_text(f.body_exact, &forms.body.distinct_exact);
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

struct Run<'a> {
    dir: &'a Path,
    fields: Fields,
    writer: RwLock<IndexWriter>,
    state: Mutex<State>,
    opts: &'a BuildOptions,
    last_commit: Mutex<Instant>,
    sources_since_commit: AtomicUsize,
    /// Whether anything was read, rejected or removed since the last commit.
    dirty: AtomicBool,
    /// Whether anything was read, rejected or removed in this run (a
    /// commit clears `dirty`, not this).
    touched: AtomicBool,
    commits: AtomicUsize,
    removed: AtomicUsize,
    error: Mutex<Option<Error>>,
}

/// A source being read into the index. It holds the writer's read lock
/// from the start to the end of the source (a commit takes the write lock),
/// so a commit never falls between a document entering the state and
/// entering the index, except at a [`Source::pause`], where both are
/// brought up to date first.
struct Open<'r, 'a> {
    run: &'r Run<'a>,
    key: String,
    writer: Option<RwLockReadGuard<'r, IndexWriter>>,
    /// Documents the source gave so far (content ids), in order.
    ids: Vec<String>,
}

impl<'a> Store for Run<'a> {
    type Item = TantivyDocument;
    type Source<'s>
        = Open<'s, 'a>
    where
        Self: 's;

    fn known(&self, key: &str) -> Option<Known> {
        let s = self.state.lock().ok()?;
        let known = s.sources.get(key)?;
        Some(Known {
            bytes: known.bytes,
            hash: known.hash.clone(),
            resume: known.resume.clone(),
        })
    }

    fn open(&self, key: &str, resume: Option<&Resume>) -> Option<Open<'_, 'a>> {
        let writer = self.writer.read().ok()?;
        self.dirty.store(true, Ordering::Relaxed);
        self.touched.store(true, Ordering::Relaxed);
        let ids = match resume {
            // A source an interrupted run indexed in part keeps what it
            // gave so far.
            Some(_) => self
                .state
                .lock()
                .ok()
                .and_then(|s| s.sources.get(key).map(|k| k.docs.clone()))
                .unwrap_or_default(),
            None => {
                // A changed source: its old documents go first.
                let orphans = self
                    .state
                    .lock()
                    .map(|mut s| s.remove_source(key))
                    .unwrap_or_default();
                self.delete(&writer, &orphans);
                Vec::new()
            }
        };
        Some(Open {
            run: self,
            key: key.to_string(),
            writer: Some(writer),
            ids,
        })
    }

    fn prepare(&self, doc: Document) -> TantivyDocument {
        document(&self.fields, &doc)
    }
}

impl Source for Open<'_, '_> {
    type Item = TantivyDocument;

    fn claim(&mut self, a: &Article) -> bool {
        let key = &self.key;
        let is_new = self
            .run
            .state
            .lock()
            .is_ok_and(|mut s| match s.docs.get_mut(&a.id) {
                Some(doc) => {
                    if !doc.sources.contains(key) {
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
        self.ids.push(a.id.clone());
        is_new
    }

    fn write(&mut self, docs: Vec<TantivyDocument>) -> usize {
        let Some(writer) = &self.writer else { return 0 };
        let mut added = 0;
        for doc in docs {
            match writer.add_document(doc) {
                Ok(_) => added += 1,
                Err(e) => self.run.fail(e.into()),
            }
        }
        added
    }

    fn pause_due(&self) -> bool {
        self.run.commit_due()
    }

    /// Records how far the source got, then lets a due commit through.
    fn pause(&mut self, at: Option<Resume>) -> bool {
        if let (Some(r), Ok(mut s)) = (at, self.run.state.lock()) {
            s.sources.insert(
                self.key.clone(),
                SourceState {
                    hash: String::new(),
                    bytes: 0,
                    docs: self.ids.clone(),
                    resume: Some(r),
                },
            );
        }
        self.writer = None;
        self.run.maybe_commit();
        self.writer = self.run.writer.read().ok();
        self.writer.is_some()
    }

    fn finish(mut self, read: std::result::Result<Mark, ()>) {
        let Some(writer) = self.writer.take() else {
            return;
        };
        let run = self.run;
        // Set again at the end: a commit inside this source cleared it.
        run.dirty.store(true, Ordering::Relaxed);
        run.touched.store(true, Ordering::Relaxed);
        let Ok(mut state) = run.state.lock() else {
            return;
        };
        // Record the source; a source rejected whole keeps nothing and is
        // retried next run, so what it added is taken back.
        let (hash, bytes) = read
            .as_ref()
            .map_or((String::new(), 0), |m| (m.hash.clone(), m.bytes));
        state.sources.insert(
            self.key.clone(),
            SourceState {
                hash,
                bytes,
                docs: std::mem::take(&mut self.ids),
                resume: None,
            },
        );
        if read.is_ok() {
            drop(state);
        } else {
            let orphans = state.remove_source(&self.key);
            drop(state);
            for id in &orphans {
                writer.delete_term(Term::from_field_text(run.fields.id, id));
            }
        }
        drop(writer);
        run.sources_since_commit.fetch_add(1, Ordering::Relaxed);
        run.maybe_commit();
    }
}

impl Run<'_> {
    fn fail(&self, e: Error) {
        if let Ok(mut slot) = self.error.lock() {
            slot.get_or_insert(e);
        }
    }

    /// Deletes documents from the index (the writer lock must be held).
    fn delete(&self, writer: &IndexWriter, ids: &[String]) {
        for id in ids {
            writer.delete_term(Term::from_field_text(self.fields.id, id));
        }
        self.removed.fetch_add(ids.len(), Ordering::Relaxed);
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
        last_commit: Mutex::new(Instant::now()),
        sources_since_commit: AtomicUsize::new(0),
        dirty: AtomicBool::new(fresh),
        touched: AtomicBool::new(fresh),
        commits: AtomicUsize::new(0),
        removed: AtomicUsize::new(0),
        error: Mutex::new(None),
    };
    let read_opts = ReadOptions {
        ingest: opts.ingest.clone(),
        follow_links: opts.follow_links,
    };
    let read = read::run(inputs, &read_opts, resources, &run, on_progress);
    if let Some(e) = run.error.lock().ok().and_then(|mut e| e.take()) {
        return Err(e);
    }
    let seen = &read.seen;
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
    // Segment merges started by the last commits run on Tantivy's threads;
    // wait for them, or the index is left with the segments they were
    // merging (more and smaller segments: a larger index, slower queries).
    // An interrupted wait leaves the last commit as it was.
    run.writer
        .into_inner()
        .map_err(|_| Error::Poisoned)?
        .wait_merging_threads()?;
    let state = run.state.into_inner().map_err(|_| Error::Poisoned)?;
    let mut rejected = read.rejected;
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
        files_found: read.files_found,
        files_unchanged: read.files_unchanged,
        files_read: read.files_read,
        records_read: read.records_read,
        documents_indexed: read.documents,
        duplicates: read.duplicates,
        rejected,
        documents_removed: run.removed.into_inner(),
        documents_total: state.docs.len(),
        clusters,
        bytes_read: read.bytes_read,
        commits: run.commits.into_inner(),
        warnings: {
            let mut w = read.warnings;
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

    /// Tantivy merges segments in the background after commits; the run
    /// waits for those merges, so an index committed many times does not
    /// keep the many small segments a merge was working on.
    #[test]
    fn a_run_ends_with_its_segments_merged() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in");
        std::fs::create_dir(&input).expect("input dir");
        for i in 0..24 {
            std::fs::write(
                input.join(format!("{i:02}.txt")),
                format!("Tin số {i}\nHuyện Đại Từ xây dựng nông thôn mới, bài thứ {i}."),
            )
            .expect("write");
        }
        let opts = BuildOptions {
            // A commit after every source: one segment each.
            commit_every_sources: 1,
            ..BuildOptions::default()
        };
        let res = Resources::bundled().expect("resources");
        let idx = dir.path().join("idx");
        let report = build(&[input], &idx, &opts, &res, &|_| {}).expect("build");
        assert_eq!(report.documents_indexed, 24);
        let index = Index::open_in_dir(&idx).expect("open");
        let segments = index.searchable_segment_ids().expect("segments").len();
        // The default merge policy merges 8 segments of a similar size.
        assert!(segments < 8, "{segments} segments left unmerged");
    }

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

//! Documents as the engine indexes them, and bulk (NDJSON) files.
//!
//! A document's JSON source holds its stored fields, its text analysed
//! three ways as whitespace-separated tokens (`*_exact`: normalized
//! syllables; `*_folded`: syllables without diacritics; `*_words`: the
//! segmenter's words, syllables joined by `_`), its entity keys as keyword
//! arrays and its entities in full (a `nested` field). Token positions are
//! those of the local index, so phrases match the same way.

use std::cell::RefCell;
use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use vietdex_pipeline::entities::{Entity, EntityKey};
use vietdex_pipeline::read::{self, Known, Mark, ReadOptions, Resume, Source, Store};
use vietdex_pipeline::{Article, Date, Document, Resources};
use vietdex_tokenize::{Analyzer, IndexForms, Segmenter};

/// Tokens longer than this many bytes are not indexed by vietdex; in the
/// exported text they become [`LONG_TOKEN`], which keeps later positions
/// where they are locally.
pub const MAX_TOKEN_BYTES: usize = 120;
/// Stands for a token too long to index: no query produces it.
pub const LONG_TOKEN: &str = "_";

/// A text analysed as the engine receives it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Analysed {
    /// Normalized syllables, separated by spaces.
    pub exact: String,
    /// Folded syllables.
    pub folded: String,
    /// Words (`nông_thôn_mới`): the syllables of a word joined by `_`.
    pub words: String,
}

fn push_token(out: &mut String, token: &str) {
    if !out.is_empty() {
        out.push(' ');
    }
    out.push_str(if token.len() > MAX_TOKEN_BYTES {
        LONG_TOKEN
    } else {
        token
    });
}

/// Scratch space of [`analysed`], kept per thread so that analysing many
/// documents allocates nothing per token (the tokens' own buffer is kept
/// by [`Analyzer`]).
#[derive(Default)]
struct Scratch {
    key: String,
    lens: Vec<usize>,
    word: String,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

/// The three token streams of a text.
pub fn analysed(text: &str, segmenter: &Segmenter) -> Analysed {
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => analysed_with(text, segmenter, &mut s),
        Err(_) => analysed_with(text, segmenter, &mut Scratch::default()),
    })
}

fn analysed_with(text: &str, segmenter: &Segmenter, s: &mut Scratch) -> Analysed {
    // The tokens the index has a folded term for.
    let toks = Analyzer::new().skipping_foldless().analyze(text);
    let mut a = Analysed {
        exact: String::with_capacity(text.len() + 16),
        folded: String::with_capacity(text.len() + 16),
        words: String::with_capacity(text.len() + 16),
    };
    for t in toks.iter() {
        push_token(&mut a.exact, &t.exact);
        push_token(&mut a.folded, &t.folded);
    }
    s.lens.clear();
    segmenter.segment_into(&toks, &mut s.key, &mut s.lens);
    let mut at = 0;
    for &len in &s.lens {
        s.word.clear();
        for (k, t) in toks[at..(at + len).min(toks.len())].iter().enumerate() {
            if k > 0 {
                s.word.push('_');
            }
            s.word.push_str(&t.exact);
        }
        push_token(&mut a.words, &s.word);
        at += len;
    }
    a
}

/// The three token streams of a text from its indexed forms (a
/// [`Document`]'s `forms`): the same as [`analysed`] without analysing the
/// text again; only the words are segmented. A text with a token of
/// nothing but marks (exact terms and folded terms then differ in number)
/// is analysed again by [`analysed`].
pub fn analysed_from(text: &str, forms: &IndexForms, segmenter: &Segmenter) -> Analysed {
    if !forms.aligned() {
        return analysed(text, segmenter);
    }
    SCRATCH.with(|s| match s.try_borrow_mut() {
        Ok(mut s) => from_forms_with(text, forms, segmenter, &mut s),
        Err(_) => from_forms_with(text, forms, segmenter, &mut Scratch::default()),
    })
}

fn from_forms_with(
    text: &str,
    forms: &IndexForms,
    segmenter: &Segmenter,
    s: &mut Scratch,
) -> Analysed {
    let mut a = Analysed {
        exact: String::with_capacity(forms.exact.len() + 16),
        folded: String::with_capacity(forms.folded.len() + 16),
        words: String::with_capacity(forms.exact.len() + 16),
    };
    let exact: Vec<&str> = forms.exact_terms().collect();
    for t in &exact {
        push_token(&mut a.exact, t);
    }
    for t in forms.folded_terms() {
        push_token(&mut a.folded, t);
    }
    s.lens.clear();
    segmenter.segment_spans_into(text, &exact, &forms.spans, &mut s.key, &mut s.lens);
    let mut at = 0;
    for &len in &s.lens {
        s.word.clear();
        for (k, t) in exact[at..(at + len).min(exact.len())].iter().enumerate() {
            if k > 0 {
                s.word.push('_');
            }
            s.word.push_str(t);
        }
        push_token(&mut a.words, &s.word);
        at += len;
    }
    a
}

/// What a document's JSON source records beside the document itself: the
/// sources holding its text and its near-duplicate cluster.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Every source holding this text (exact duplicates), first one first.
    pub sources: Vec<String>,
    /// Near-duplicate cluster (the smallest document id in it).
    pub cluster: String,
    /// Documents in the cluster.
    pub cluster_size: u32,
}

/// The fields of a document's JSON source that come before `cluster`
/// (after `id`, `path` and `sources`); field names are the template's.
#[derive(Debug, Serialize)]
struct Head<'a> {
    url: &'a Option<String>,
    title: &'a str,
    body: &'a str,
    published: Option<String>,
    published_text: &'a Option<String>,
    outlet: &'a Option<String>,
    author: &'a Option<String>,
}

/// The fields that come after `cluster_size`.
#[derive(Debug, Serialize)]
struct Tail<'a> {
    title_exact: String,
    title_folded: String,
    title_words: String,
    body_exact: String,
    body_folded: String,
    body_words: String,
    entity: Vec<String>,
    organization: Vec<&'a str>,
    person: Vec<&'a str>,
    place: Vec<&'a str>,
    entities: &'a [Entity],
}

/// The first day of a date's period, `YYYY-MM-DD` (what the `published`
/// date field holds; `published_text` keeps the precision).
pub fn first_day(d: &Date) -> String {
    let f = d.first_day();
    format!("{:04}-{:02}-{:02}", f.year(), u8::from(f.month()), f.day())
}

/// A document's JSON source without its [`Placement`] (sources and
/// cluster, known only once every document has been read): everything
/// that takes analysis and serialization, made once per document. Its
/// bytes are the fields before the cluster and those after it, each as a
/// JSON object without its closing brace; [`SourceParts::write_json`] puts
/// the placement between them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceParts {
    bytes: Vec<u8>,
    split: usize,
}

impl SourceParts {
    /// Serializes a processed document, its text in the three token
    /// streams made from its indexed forms ([`analysed_from`]).
    pub fn new(doc: &Document, res: &Resources) -> SourceParts {
        let a = &doc.article;
        let seg = res.segmenter();
        let title = analysed_from(&a.title, &doc.forms.title, seg);
        let body = analysed_from(&a.body, &doc.forms.body, seg);
        let names = |want: fn(&EntityKey) -> Option<&String>| -> Vec<&str> {
            doc.entity_keys
                .iter()
                .filter_map(want)
                .map(String::as_str)
                .collect()
        };
        let head = Head {
            url: &a.url,
            title: &a.title,
            body: &a.body,
            published: doc.published.as_ref().map(first_day),
            published_text: &a.published,
            outlet: &a.outlet,
            author: &a.author,
        };
        let tail = Tail {
            title_exact: title.exact,
            title_folded: title.folded,
            title_words: title.words,
            body_exact: body.exact,
            body_folded: body.folded,
            body_words: body.words,
            entity: doc.entity_keys.iter().map(ToString::to_string).collect(),
            organization: names(|k| match k {
                EntityKey::Organization(v) => Some(v),
                _ => None,
            }),
            person: names(|k| match k {
                EntityKey::Person(v) => Some(v),
                _ => None,
            }),
            place: names(|k| match k {
                EntityKey::Place(v) => Some(v),
                _ => None,
            }),
            entities: &doc.entities,
        };
        let mut bytes = Vec::with_capacity(6 * (a.title.len() + a.body.len()) + 4096);
        // Plain data into memory: serializing cannot fail.
        let _ = serde_json::to_writer(&mut bytes, &head);
        bytes.pop();
        let split = bytes.len();
        let _ = serde_json::to_writer(&mut bytes, &tail);
        bytes.pop();
        SourceParts { bytes, split }
    }

    /// The fields before the cluster, without braces (`"url":…,"author":…`).
    fn head(&self) -> &[u8] {
        self.bytes.get(1..self.split).unwrap_or_default()
    }

    /// The fields after the cluster size, without braces.
    fn tail(&self) -> &[u8] {
        self.bytes.get(self.split + 1..).unwrap_or_default()
    }

    /// Appends to `out` the whole JSON source of document `id` placed at
    /// `place`; `path` stands for the first source when `place` lists none.
    pub fn write_json(&self, id: &str, path: &str, place: &Placement, out: &mut Vec<u8>) {
        let path = place.sources.first().map_or(path, String::as_str);
        out.extend_from_slice(b"{\"id\":");
        json(out, &id);
        out.extend_from_slice(b",\"path\":");
        json(out, &path);
        out.extend_from_slice(b",\"sources\":");
        json(out, &place.sources);
        out.push(b',');
        out.extend_from_slice(self.head());
        out.extend_from_slice(b",\"cluster\":");
        json(out, &place.cluster);
        out.extend_from_slice(b",\"cluster_size\":");
        json(out, &place.cluster_size);
        out.push(b',');
        out.extend_from_slice(self.tail());
        out.push(b'}');
    }
}

/// Appends `v` as JSON (strings, numbers and lists of strings into memory:
/// serializing cannot fail).
fn json<T: Serialize + ?Sized>(out: &mut Vec<u8>, v: &T) {
    let _ = serde_json::to_writer(out, v);
}

/// The JSON source of a processed document.
pub fn source_json(doc: &Document, place: &Placement, res: &Resources) -> String {
    let mut out = Vec::new();
    SourceParts::new(doc, res).write_json(&doc.article.id, &doc.article.source, place, &mut out);
    // JSON written by serde_json: valid UTF-8.
    String::from_utf8(out).unwrap_or_default()
}

/// Rebuilds the document of an article whose entities are known (read back
/// from a vietdex index): no extraction runs again.
pub fn known_document(article: Article, entities: Vec<Entity>) -> Document {
    let published = article.published.as_deref().and_then(|p| p.parse().ok());
    let text = vietdex_pipeline::document_text(&article);
    let entity_keys = vietdex_pipeline::entities::entity_keys(&entities);
    let forms = vietdex_pipeline::Forms::of(&article);
    Document {
        fingerprints: vietdex_pipeline::Fingerprints {
            content: u64::from_str_radix(&article.id, 16).unwrap_or_default(),
            simhash: article.simhash,
        },
        article,
        text,
        published,
        entities,
        entity_keys,
        forms,
    }
}

/// The bulk action of each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Action {
    /// `index`: creates or replaces the document with this id.
    #[default]
    Index,
    /// `create`: only creates (for data streams and engines that only
    /// create); an existing id is rejected.
    Create,
}

/// Where bulk lines go.
enum Sink {
    Stream(Box<dyn Write + Send>),
    Dir {
        dir: PathBuf,
        file: Option<BufWriter<File>>,
    },
}

/// Writes bulk NDJSON: an action line with the document id, then the
/// document, one pair per document. Into a directory, it starts a new file
/// (`vietdex-00001.ndjson`, …) before one would pass `max_bytes`, so each
/// file can be sent to `_bulk` as one request.
#[derive(Debug)]
pub struct BulkWriter {
    sink: Sink,
    action: Action,
    index: Option<String>,
    max_bytes: u64,
    bytes_in_file: u64,
    files: Vec<PathBuf>,
    documents: usize,
    bytes: u64,
}

impl std::fmt::Debug for Sink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Sink::Stream(_) => f.write_str("Stream"),
            Sink::Dir { dir, .. } => f.debug_struct("Dir").field("dir", dir).finish(),
        }
    }
}

/// Name of the `n`th bulk file (from 1).
pub fn bulk_file_name(n: usize) -> String {
    format!("vietdex-{n:05}.ndjson")
}

impl BulkWriter {
    /// Bulk lines into one stream (a file or stdout), never split.
    pub fn to_stream(w: Box<dyn Write + Send>, action: Action, index: Option<String>) -> Self {
        BulkWriter {
            sink: Sink::Stream(w),
            action,
            index,
            max_bytes: u64::MAX,
            bytes_in_file: 0,
            files: Vec::new(),
            documents: 0,
            bytes: 0,
        }
    }

    /// Bulk files of at most `max_bytes` each (a single document larger
    /// than that gets a file of its own) in `dir`, created if needed.
    pub fn to_dir(
        dir: &Path,
        max_bytes: u64,
        action: Action,
        index: Option<String>,
    ) -> io::Result<Self> {
        std::fs::create_dir_all(dir)?;
        Ok(BulkWriter {
            sink: Sink::Dir {
                dir: dir.to_path_buf(),
                file: None,
            },
            action,
            index,
            max_bytes: max_bytes.max(1),
            bytes_in_file: 0,
            files: Vec::new(),
            documents: 0,
            bytes: 0,
        })
    }

    /// The action line of a document.
    pub fn action_line(&self, id: &str) -> String {
        let verb = match self.action {
            Action::Index => "index",
            Action::Create => "create",
        };
        let meta = match &self.index {
            Some(i) => serde_json::json!({ verb: {"_index": i, "_id": id} }),
            None => serde_json::json!({ verb: {"_id": id} }),
        };
        meta.to_string()
    }

    /// Writes one document (its JSON source, one line).
    pub fn write(&mut self, id: &str, source: &str) -> io::Result<()> {
        self.write_bytes(id, source.as_bytes())
    }

    /// [`BulkWriter::write`] for a source held as bytes (UTF-8 JSON).
    pub fn write_bytes(&mut self, id: &str, source: &[u8]) -> io::Result<()> {
        let action = self.action_line(id);
        let len = (action.len() + source.len() + 2) as u64;
        if let Sink::Dir { dir, file } = &mut self.sink
            && (file.is_none() || self.bytes_in_file + len > self.max_bytes)
        {
            if let Some(mut f) = file.take() {
                f.flush()?;
            }
            let path = dir.join(bulk_file_name(self.files.len() + 1));
            *file = Some(BufWriter::with_capacity(1 << 20, File::create(&path)?));
            self.files.push(path);
            self.bytes_in_file = 0;
        }
        let w: &mut dyn Write = match &mut self.sink {
            Sink::Stream(w) => w,
            Sink::Dir { file, .. } => match file {
                Some(f) => f,
                None => return Err(io::Error::other("no bulk file open")),
            },
        };
        w.write_all(action.as_bytes())?;
        w.write_all(b"\n")?;
        w.write_all(source)?;
        w.write_all(b"\n")?;
        self.bytes_in_file += len;
        self.bytes += len;
        self.documents += 1;
        Ok(())
    }

    /// Flushes; returns the files written (none for a stream).
    pub fn finish(mut self) -> io::Result<BulkSummary> {
        match &mut self.sink {
            Sink::Stream(w) => w.flush()?,
            Sink::Dir { file, .. } => {
                if let Some(f) = file {
                    f.flush()?;
                }
            }
        }
        Ok(BulkSummary {
            files: self.files,
            documents: self.documents,
            bytes: self.bytes,
        })
    }
}

/// What a [`BulkWriter`] wrote.
#[derive(Debug, Clone, Default)]
pub struct BulkSummary {
    /// Files written, in order.
    pub files: Vec<PathBuf>,
    /// Documents.
    pub documents: usize,
    /// Bytes.
    pub bytes: u64,
}

/// Where a document's [`SourceParts`] lie in the spill file.
#[derive(Debug, Clone, Copy)]
struct Spilled {
    offset: u64,
    len: usize,
    split: usize,
}

/// One document of a [`collect`] run.
#[derive(Debug)]
struct Slot {
    id: String,
    /// Every source holding this text (exact duplicates).
    sources: Vec<String>,
    simhash: Option<u64>,
    /// `None` until the document is processed and spilled.
    at: Option<Spilled>,
    /// Its near-duplicate cluster, once every document is in: the slot
    /// naming it and its size.
    cluster: (usize, u32),
}

/// The documents met so far: each id once, exact duplicates merged.
#[derive(Debug, Default)]
struct Table {
    by_id: HashMap<String, usize>,
    slots: Vec<Slot>,
}

/// The file documents are spilled to while the others are read.
#[derive(Debug)]
struct Spill {
    file: BufWriter<File>,
    offset: u64,
}

/// Articles read from files, processed, analysed and serialized, with
/// exact duplicates merged and near-duplicate clusters assigned as
/// `vietdex index` does.
///
/// Documents are serialized as soon as they are processed and spilled to
/// an unnamed temporary file; only each document's id, sources, SimHash
/// and place in that file stay in memory. Their sources and clusters are
/// known only once every file is read, so [`Collected::write_to`] and
/// [`Collected::for_each_source`] put them in when they copy each document
/// out, in id order.
#[derive(Debug)]
pub struct Collected {
    slots: Vec<Slot>,
    spill: Option<File>,
    /// An error writing the spill file, returned by the methods that read it.
    error: Option<io::Error>,
    /// Files and records that could not be read, as `vietdex index`
    /// reports them.
    pub rejects: Vec<read::Reject>,
    /// Records that were exact duplicates of another document.
    pub duplicates: usize,
    /// Bytes read.
    pub bytes: u64,
    /// Sources read with something worth a warning, as `vietdex index`
    /// words it ([`read::Loaded::warnings`]), sorted.
    pub warnings: Vec<String>,
}

/// [`collect_in`] with the spill file in the system's temporary directory.
pub fn collect(inputs: &[PathBuf], opts: &read::Options, res: &Resources) -> Collected {
    collect_in(inputs, opts, res, &std::env::temp_dir())
}

/// Reads every supported file under `inputs` on every core, processes each
/// new article with [`vietdex_pipeline::process`] and serializes it to a
/// temporary file in `spill_dir` (unnamed where the system allows it, and
/// removed in any case when the [`Collected`] is dropped). Articles of one
/// large file are processed on every core too; at most a few per thread
/// wait in memory.
pub fn collect_in(
    inputs: &[PathBuf],
    opts: &read::Options,
    res: &Resources,
    spill_dir: &Path,
) -> Collected {
    let spill = match tempfile::tempfile_in(spill_dir) {
        Ok(f) => f,
        Err(e) => {
            return Collected {
                slots: Vec::new(),
                spill: None,
                error: Some(io::Error::new(
                    e.kind(),
                    format!(
                        "cannot create a temporary file in {}: {e}",
                        spill_dir.display()
                    ),
                )),
                rejects: Vec::new(),
                duplicates: 0,
                bytes: 0,
                warnings: Vec::new(),
            };
        }
    };
    let collector = Collector {
        res,
        table: Mutex::new(Table::default()),
        writer: Mutex::new(Spill {
            file: BufWriter::with_capacity(1 << 20, spill),
            offset: 0,
        }),
        error: Mutex::new(None),
    };
    let read_opts = ReadOptions {
        ingest: opts.clone(),
        follow_links: false,
    };
    let read = read::run(inputs, &read_opts, res, &collector, &|_| {});
    let Collector {
        table,
        writer,
        error,
        ..
    } = collector;
    let mut error = error.into_inner().unwrap_or_default();
    let spill = match writer.into_inner().map(|w| w.file.into_inner()) {
        Ok(Ok(f)) => Some(f),
        Ok(Err(e)) => {
            error.get_or_insert(e.into_error());
            None
        }
        Err(_) => None,
    };
    let mut slots = table.into_inner().map(|t| t.slots).unwrap_or_default();
    slots.sort_unstable_by(|a, b| a.id.cmp(&b.id));
    let hashes: Vec<Option<u64>> = slots.iter().map(|s| s.simhash).collect();
    for (s, c) in slots
        .iter_mut()
        .zip(vietdex_pipeline::cluster_assignments(&hashes))
    {
        s.sources.sort();
        s.cluster = c;
    }
    let mut rejects = read.rejected;
    rejects.sort_by_key(|r| r.to_string());
    let mut warnings = read.warnings;
    warnings.sort();
    Collected {
        slots,
        spill,
        error,
        rejects,
        duplicates: read.duplicates,
        bytes: read.bytes_read,
        warnings,
    }
}

/// The store of a [`collect`] run: the table of documents met and the
/// spill file.
struct Collector<'a> {
    res: &'a Resources,
    table: Mutex<Table>,
    writer: Mutex<Spill>,
    error: Mutex<Option<io::Error>>,
}

/// One source being collected.
struct Collecting<'c, 'a> {
    collector: &'c Collector<'a>,
    key: String,
}

impl<'a> Store for Collector<'a> {
    type Item = (String, SourceParts);
    type Source<'s>
        = Collecting<'s, 'a>
    where
        Self: 's;

    /// Every source is read: an export starts from nothing.
    fn known(&self, _key: &str) -> Option<Known> {
        None
    }

    fn open(&self, key: &str, _resume: Option<&Resume>) -> Option<Collecting<'_, 'a>> {
        Some(Collecting {
            collector: self,
            key: key.to_string(),
        })
    }

    /// Analyses and serializes the document: all but its placement.
    fn prepare(&self, doc: Document) -> (String, SourceParts) {
        let parts = SourceParts::new(&doc, self.res);
        (doc.article.id, parts)
    }
}

impl Source for Collecting<'_, '_> {
    type Item = (String, SourceParts);

    /// The first copy of a text gets a slot before it is processed; later
    /// copies only add their source to it.
    fn claim(&mut self, a: &Article) -> bool {
        let key = &self.key;
        let Ok(mut t) = self.collector.table.lock() else {
            return false;
        };
        if let Some(&i) = t.by_id.get(&a.id) {
            let s = &mut t.slots[i].sources;
            if !s.contains(key) {
                s.push(key.clone());
            }
            return false;
        }
        let i = t.slots.len();
        t.by_id.insert(a.id.clone(), i);
        t.slots.push(Slot {
            id: a.id.clone(),
            sources: vec![key.clone()],
            simhash: a.simhash,
            at: None,
            cluster: (i, 1),
        });
        true
    }

    /// Spills the documents and notes where each one is.
    fn write(&mut self, items: Vec<(String, SourceParts)>) -> usize {
        let c = self.collector;
        let mut written = 0;
        for (id, parts) in items {
            let spilled = c.writer.lock().map_err(|_| None).and_then(|mut w| {
                let at = Spilled {
                    offset: w.offset,
                    len: parts.bytes.len(),
                    split: parts.split,
                };
                w.file.write_all(&parts.bytes).map_err(Some)?;
                w.offset += parts.bytes.len() as u64;
                Ok(at)
            });
            match spilled {
                Ok(at) => {
                    if let Ok(mut t) = c.table.lock()
                        && let Some(&slot) = t.by_id.get(&id)
                    {
                        t.slots[slot].at = Some(at);
                        written += 1;
                    }
                }
                Err(e) => {
                    if let (Some(e), Ok(mut slot)) = (e, c.error.lock()) {
                        slot.get_or_insert(e);
                    }
                }
            }
        }
        written
    }

    fn finish(self, _read: Result<Mark, ()>) {}
}

impl Collected {
    /// Documents collected.
    pub fn len(&self) -> usize {
        self.slots.len()
    }

    /// Whether nothing was collected.
    pub fn is_empty(&self) -> bool {
        self.slots.is_empty()
    }

    /// Calls `f` with each document's id and whole JSON source (as bytes:
    /// UTF-8), in id order.
    fn for_each_json(&self, mut f: impl FnMut(&str, &[u8]) -> io::Result<()>) -> io::Result<()> {
        if let Some(e) = &self.error {
            return Err(io::Error::new(
                e.kind(),
                format!("writing the temporary file: {e}"),
            ));
        }
        let mut spill = self.spill.as_ref();
        let (mut parts, mut out) = (SourceParts::default(), Vec::new());
        for s in &self.slots {
            let (Some(at), Some(file)) = (s.at, spill.as_mut()) else {
                return Err(io::Error::other(format!(
                    "document {} was not written to the temporary file",
                    s.id
                )));
            };
            parts.bytes.resize(at.len, 0);
            parts.split = at.split;
            file.seek(io::SeekFrom::Start(at.offset))?;
            file.read_exact(&mut parts.bytes)?;
            let place = Placement {
                sources: s.sources.clone(),
                cluster: self.slots[s.cluster.0].id.clone(),
                cluster_size: s.cluster.1,
            };
            out.clear();
            parts.write_json(&s.id, "", &place, &mut out);
            f(&s.id, &out)?;
        }
        Ok(())
    }

    /// Writes every document to `writer`, in id order.
    pub fn write_to(&self, writer: &mut BulkWriter) -> io::Result<()> {
        self.for_each_json(|id, source| writer.write_bytes(id, source))
    }

    /// Calls `f` with each document's id and JSON source, in id order.
    /// Documents were analysed and serialized when collected; `res` is
    /// not used again.
    pub fn for_each_source(
        &self,
        _res: &Resources,
        mut f: impl FnMut(&str, &str) -> io::Result<()>,
    ) -> io::Result<()> {
        self.for_each_json(|id, source| {
            let s = std::str::from_utf8(source).map_err(io::Error::other)?;
            f(id, s)
        })
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use vietdex_pipeline::process;

    use super::*;

    static RES: LazyLock<Resources> =
        LazyLock::new(|| Resources::bundled().expect("bundled resources"));

    #[test]
    fn three_token_streams_with_the_same_positions() {
        let a = analysed("Huyện Đại Từ xây dựng nông thôn mới.", RES.segmenter());
        assert_eq!(a.exact, "huyện đại từ xây dựng nông thôn mới");
        assert_eq!(a.folded, "huyen dai tu xay dung nong thon moi");
        assert_eq!(a.words, "huyện đại_từ xây_dựng nông_thôn mới");
        // NFD input and the other tone placement give the same tokens.
        let nfd = analysed("Hoà Bình", RES.segmenter());
        assert_eq!(nfd.exact, analysed("Hòa Bình", RES.segmenter()).exact);
    }

    #[test]
    fn the_streams_from_the_forms_are_those_of_the_text() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        for text in [
            String::new(),
            "Huyện Đại Từ xây dựng nông thôn mới, đạt 99,72% kế hoạch.".to_string(),
            "UBND TP.HCM: Hoà Bình — KT-XH (COVID-19) https://x.vn/a?b=c".to_string(),
            format!("xã {long} Vạn Thọ"),
            // Stray combining marks.
            "Hà \u{301} Nội \u{300}\u{323} Thái Nguyên".to_string(),
            "Huye\u{302}\u{323}n Đại Từ\u{a0}Nội;Thái.Nguyên".to_string(),
        ] {
            let forms = IndexForms::of(&text);
            assert_eq!(
                analysed_from(&text, &forms, RES.segmenter()),
                analysed(&text, RES.segmenter()),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_token_too_long_to_index_keeps_its_position() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        let a = analysed(&format!("xã {long} Vạn Thọ"), RES.segmenter());
        assert_eq!(a.exact, "xã _ vạn thọ");
        assert_eq!(a.folded, "xa _ van tho");
        assert_eq!(a.folded.split(' ').count(), 4);
    }

    fn corpus_file(n: usize) -> PathBuf {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .expect("corpus")
            .map(|e| e.expect("entry").path())
            .collect();
        files.sort();
        files[n].clone()
    }

    /// The export of `inputs` made the direct way: every article loaded,
    /// exact duplicates merged, clusters assigned, each document processed
    /// and serialized with its placement, in id order.
    fn direct_export(inputs: &[PathBuf]) -> Vec<(String, String)> {
        let mut by_id: HashMap<String, (Article, Vec<String>)> = HashMap::new();
        for path in read::discover(inputs).filter_map(Result::ok) {
            let key = vietdex_pipeline::escape::path(&path);
            let _ = read::load(&path, &Default::default(), &mut |r| {
                if let Ok(a) = r {
                    let e = by_id.entry(a.id.clone()).or_insert((a, Vec::new()));
                    if !e.1.contains(&key) {
                        e.1.push(key.clone());
                    }
                }
            });
        }
        let mut docs: Vec<(Article, Vec<String>)> = by_id.into_values().collect();
        docs.sort_by(|a, b| a.0.id.cmp(&b.0.id));
        let hashes: Vec<Option<u64>> = docs.iter().map(|d| d.0.simhash).collect();
        let clusters = vietdex_pipeline::cluster_assignments(&hashes);
        let ids: Vec<String> = docs.iter().map(|d| d.0.id.clone()).collect();
        docs.into_iter()
            .zip(clusters)
            .map(|((a, mut sources), (root, size))| {
                sources.sort();
                let place = Placement {
                    sources,
                    cluster: ids[root].clone(),
                    cluster_size: size,
                };
                let id = a.id.clone();
                (id, source_json(&process(a, &RES), &place, &RES))
            })
            .collect()
    }

    #[test]
    fn collected_documents_are_the_direct_export() {
        let dir = tempfile::tempdir().expect("tempdir");
        let root = dir.path().join("in");
        for sub in ["a", "b"] {
            std::fs::create_dir_all(root.join(sub)).expect("mkdir");
        }
        // An exact copy in another folder, and a near copy (one word changed).
        let text = std::fs::read_to_string(corpus_file(2)).expect("article");
        std::fs::write(root.join("a/x.txt"), &text).expect("write");
        std::fs::write(root.join("b/x.txt"), &text).expect("write");
        let near = text.replacen("tập trung", "dồn", 1);
        assert_ne!(near, text);
        std::fs::write(root.join("b/near.txt"), &near).expect("write");
        std::fs::copy(corpus_file(0), root.join("a/other.txt")).expect("copy");
        // One JSON Lines file of many articles (processed on every core),
        // with an unreadable line.
        let paragraphs: Vec<String> = (0..5)
            .flat_map(|n| {
                std::fs::read_to_string(corpus_file(n))
                    .expect("article")
                    .split("\n\n")
                    .filter(|p| p.len() > 200)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        assert!(paragraphs.len() >= 40, "{}", paragraphs.len());
        let mut lines = String::new();
        for (i, p) in paragraphs.iter().enumerate() {
            let rec = serde_json::json!({"title": format!("Tin số {i}"), "body": p});
            lines.push_str(&rec.to_string());
            lines.push('\n');
            if i == 3 {
                lines.push_str("{not json\n");
            }
        }
        std::fs::write(root.join("many.jsonl"), lines).expect("write");

        let spill = dir.path().join("spill");
        std::fs::create_dir_all(&spill).expect("mkdir");
        let inputs = [root.clone()];
        let got = collect_in(&inputs, &Default::default(), &RES, &spill);
        let mut sources = Vec::new();
        got.for_each_source(&RES, |id, s| {
            sources.push((id.to_string(), s.to_string()));
            Ok(())
        })
        .expect("sources");
        // Nothing was left in the spill directory.
        assert_eq!(std::fs::read_dir(&spill).expect("spill").count(), 0);
        assert_eq!(sources, direct_export(&inputs));
        assert_eq!(got.len(), sources.len());
        assert_eq!(got.duplicates, 1);
        assert_eq!(got.rejects.len(), 1, "{:?}", got.rejects);
        assert_eq!(got.rejects[0].line, Some(5));
        assert!(sources.windows(2).all(|w| w[0].0 < w[1].0), "id order");
        let docs: Vec<serde_json::Value> = sources
            .iter()
            .map(|(_, s)| serde_json::from_str(s).expect("json"))
            .collect();
        let copy = docs
            .iter()
            .find(|d| d["sources"].as_array().is_some_and(|s| s.len() == 2))
            .expect("the exact copies are one document");
        assert!(copy["path"].as_str().expect("path").ends_with("a/x.txt"));
        assert_eq!(copy["cluster_size"], 2, "the near copy joins its cluster");
        let near_copy = docs
            .iter()
            .find(|d| {
                d["path"]
                    .as_str()
                    .is_some_and(|p| p.ends_with("b/near.txt"))
            })
            .expect("near copy");
        assert_eq!(near_copy["cluster"], copy["cluster"]);
        let smaller = copy["id"].as_str().min(near_copy["id"].as_str());
        assert_eq!(copy["cluster"].as_str(), smaller);
        // A second collection gives the same bytes.
        let mut again = Vec::new();
        let mut w = BulkWriter::to_stream(Box::new(io::sink()), Action::Index, None);
        collect_in(&inputs, &Default::default(), &RES, &spill)
            .write_to(&mut w)
            .expect("write");
        collect(&inputs, &Default::default(), &RES)
            .for_each_source(&RES, |_, s| {
                again.push(s.to_string());
                Ok(())
            })
            .expect("again");
        assert_eq!(w.finish().expect("finish").documents, sources.len());
        assert_eq!(
            again,
            sources.iter().map(|s| s.1.clone()).collect::<Vec<_>>()
        );
    }

    #[test]
    fn a_spill_directory_that_cannot_be_written_is_reported() {
        let dir = tempfile::tempdir().expect("tempdir");
        let missing = dir.path().join("missing");
        let got = collect_in(&[corpus_file(0)], &Default::default(), &RES, &missing);
        let mut w = BulkWriter::to_stream(Box::new(io::sink()), Action::Index, None);
        let err = got.write_to(&mut w).expect_err("no spill file");
        assert!(err.to_string().contains("missing"), "{err}");
        assert_eq!(w.finish().expect("finish").documents, 0);
    }

    #[test]
    fn dates_are_the_first_day_of_their_period() {
        let d = |s: &str| first_day(&s.parse().expect("date"));
        assert_eq!(d("2023-06"), "2023-06-01");
        assert_eq!(d("2024"), "2024-01-01");
        assert_eq!(d("2024-04-08"), "2024-04-08");
    }
}

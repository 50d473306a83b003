//! Documents as the engine indexes them, and bulk (NDJSON) files.
//!
//! A document's JSON source holds its stored fields, its text analysed
//! three ways as whitespace-separated tokens (`*_exact`: normalized
//! syllables; `*_folded`: syllables without diacritics; `*_words`: the
//! segmenter's words, syllables joined by `_`), its entity keys as keyword
//! arrays and its entities in full (a `nested` field). Token positions are
//! those of the local index, so phrases match the same way.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use serde::Serialize;
use vietdex_pipeline::entities::{Entity, EntityKey};
use vietdex_pipeline::{Article, Date, Document, Resources, process};
use vietdex_tokenize::{Segmenter, analyze};

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

/// The three token streams of a text.
pub fn analysed(text: &str, segmenter: &Segmenter) -> Analysed {
    let toks = analyze(text);
    let mut a = Analysed {
        exact: String::with_capacity(text.len() + 16),
        folded: String::with_capacity(text.len() + 16),
        words: String::with_capacity(text.len() + 16),
    };
    for t in &toks {
        push_token(&mut a.exact, &t.exact);
        push_token(&mut a.folded, &t.folded);
    }
    let sylls = vietdex_tokenize::syllables(text, &toks);
    let (mut key, mut lens) = (String::new(), Vec::new());
    segmenter.segment_into(&sylls, &mut key, &mut lens);
    let mut at = 0;
    let mut word = String::new();
    for len in lens {
        word.clear();
        for (k, t) in toks[at..(at + len).min(toks.len())].iter().enumerate() {
            if k > 0 {
                word.push('_');
            }
            word.push_str(&t.exact);
        }
        push_token(&mut a.words, &word);
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

/// The JSON source of one document; field names are the template's.
#[derive(Debug, Serialize)]
struct Source<'a> {
    id: &'a str,
    path: &'a str,
    sources: &'a [String],
    url: &'a Option<String>,
    title: &'a str,
    body: &'a str,
    published: Option<String>,
    published_text: &'a Option<String>,
    outlet: &'a Option<String>,
    author: &'a Option<String>,
    cluster: &'a str,
    cluster_size: u32,
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

/// The JSON source of a processed document.
pub fn source_json(doc: &Document, place: &Placement, res: &Resources) -> String {
    let a = &doc.article;
    let seg = res.segmenter();
    let title = analysed(&a.title, seg);
    let body = analysed(&a.body, seg);
    let names = |want: fn(&EntityKey) -> Option<&String>| -> Vec<&str> {
        doc.entity_keys
            .iter()
            .filter_map(want)
            .map(String::as_str)
            .collect()
    };
    let src = Source {
        id: &a.id,
        path: place
            .sources
            .first()
            .map_or(a.source.as_str(), String::as_str),
        sources: &place.sources,
        url: &a.url,
        title: &a.title,
        body: &a.body,
        published: doc.published.as_ref().map(first_day),
        published_text: &a.published,
        outlet: &a.outlet,
        author: &a.author,
        cluster: &place.cluster,
        cluster_size: place.cluster_size,
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
    // Plain data: serializing cannot fail.
    serde_json::to_string(&src).unwrap_or_default()
}

/// Rebuilds the document of an article whose entities are known (read back
/// from a vietdex index): no extraction runs again.
pub fn known_document(article: Article, entities: Vec<Entity>) -> Document {
    let published = article.published.as_deref().and_then(|p| p.parse().ok());
    let text = vietdex_pipeline::document_text(&article);
    let entity_keys = vietdex_pipeline::entities::entity_keys(&entities);
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
        w.write_all(source.as_bytes())?;
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

/// A document made ready for export, before duplicates and clusters are
/// known.
#[derive(Debug)]
struct Pending {
    doc: Document,
    sources: Vec<String>,
}

/// Articles read from files, processed, with exact duplicates merged and
/// near-duplicate clusters assigned as `vietdex index` does.
#[derive(Debug, Default)]
pub struct Collected {
    docs: Vec<Pending>,
    /// Files and records that could not be read, as `vietdex index`
    /// reports them.
    pub rejects: Vec<vietdex_ingest::Reject>,
    /// Records that were exact duplicates of another document.
    pub duplicates: usize,
    /// Bytes read.
    pub bytes: u64,
}

/// Reads every supported file under `inputs` on every core and processes
/// each article with [`vietdex_pipeline::process`].
pub fn collect(inputs: &[PathBuf], opts: &vietdex_ingest::Options, res: &Resources) -> Collected {
    use rayon::prelude::*;
    let by_id: Mutex<HashMap<String, Pending>> = Mutex::new(HashMap::new());
    let rejects = Mutex::new(Vec::new());
    let duplicates = std::sync::atomic::AtomicUsize::new(0);
    let bytes = std::sync::atomic::AtomicU64::new(0);
    let reject = |r| {
        if let Ok(mut v) = rejects.lock() {
            v.push(r);
        }
    };
    vietdex_ingest::discover(inputs)
        .par_bridge()
        .for_each(|found| {
            let path = match found {
                Ok(p) => p,
                Err(r) => return reject(r),
            };
            let key = vietdex_ingest::escape::path(&path);
            let mut sink = |rec: Result<Article, vietdex_ingest::Reject>| {
                let a = match rec {
                    Ok(a) => a,
                    Err(r) => return reject(r),
                };
                let known = by_id.lock().map(|mut m| match m.get_mut(&a.id) {
                    Some(p) => {
                        if !p.sources.contains(&key) {
                            p.sources.push(key.clone());
                        }
                        true
                    }
                    None => false,
                });
                if known.unwrap_or(true) {
                    duplicates.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    return;
                }
                let mut doc = process(a, res);
                // The headline-and-body text entities were read from is
                // not exported: do not hold a third copy of every article.
                doc.text = String::new();
                if let Ok(mut m) = by_id.lock() {
                    match m.get_mut(&doc.article.id) {
                        // Processed twice at once: keep one.
                        Some(p) => {
                            if !p.sources.contains(&key) {
                                p.sources.push(key.clone());
                            }
                            duplicates.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        }
                        None => {
                            m.insert(
                                doc.article.id.clone(),
                                Pending {
                                    doc,
                                    sources: vec![key.clone()],
                                },
                            );
                        }
                    }
                }
            };
            match vietdex_ingest::load(&path, opts, &mut sink) {
                Ok(l) => {
                    bytes.fetch_add(l.bytes, std::sync::atomic::Ordering::Relaxed);
                }
                Err(r) => reject(r),
            }
        });
    let mut docs: Vec<Pending> = by_id
        .into_inner()
        .map(|m| m.into_values().collect())
        .unwrap_or_default();
    docs.sort_by(|a, b| a.doc.article.id.cmp(&b.doc.article.id));
    for d in &mut docs {
        d.sources.sort();
    }
    let mut rejects = rejects.into_inner().unwrap_or_default();
    rejects.sort_by_key(|r| r.to_string());
    Collected {
        docs,
        rejects,
        duplicates: duplicates.into_inner(),
        bytes: bytes.into_inner(),
    }
}

impl Collected {
    /// Documents collected.
    pub fn len(&self) -> usize {
        self.docs.len()
    }

    /// Whether nothing was collected.
    pub fn is_empty(&self) -> bool {
        self.docs.is_empty()
    }

    /// Calls `f` with each document's id and JSON source, in id order;
    /// clusters are computed over all documents first. Sources are
    /// analysed on every core, a chunk at a time.
    pub fn for_each_source(
        &self,
        res: &Resources,
        mut f: impl FnMut(&str, &str) -> io::Result<()>,
    ) -> io::Result<()> {
        use rayon::prelude::*;
        let hashes: Vec<Option<u64>> = self.docs.iter().map(|d| d.doc.article.simhash).collect();
        let roots = vietdex_ingest::fingerprint::clusters(&hashes);
        let mut sizes: HashMap<usize, u32> = HashMap::new();
        for &r in &roots {
            *sizes.entry(r).or_default() += 1;
        }
        let ids: Vec<&str> = self
            .docs
            .iter()
            .map(|d| d.doc.article.id.as_str())
            .collect();
        let indexed: Vec<(usize, &Pending)> = self.docs.iter().enumerate().collect();
        for chunk in indexed.chunks(512) {
            let sources: Vec<String> = chunk
                .par_iter()
                .map(|&(i, p)| {
                    let place = Placement {
                        sources: p.sources.clone(),
                        cluster: ids[roots[i]].to_string(),
                        cluster_size: sizes.get(&roots[i]).copied().unwrap_or(1),
                    };
                    source_json(&p.doc, &place, res)
                })
                .collect();
            for ((_, p), s) in chunk.iter().zip(&sources) {
                f(&p.doc.article.id, s)?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

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
    fn a_token_too_long_to_index_keeps_its_position() {
        let long = "a".repeat(MAX_TOKEN_BYTES + 1);
        let a = analysed(&format!("xã {long} Vạn Thọ"), RES.segmenter());
        assert_eq!(a.exact, "xã _ vạn thọ");
        assert_eq!(a.folded, "xa _ van tho");
        assert_eq!(a.folded.split(' ').count(), 4);
    }

    #[test]
    fn dates_are_the_first_day_of_their_period() {
        let d = |s: &str| first_day(&s.parse().expect("date"));
        assert_eq!(d("2023-06"), "2023-06-01");
        assert_eq!(d("2024"), "2024-01-01");
        assert_eq!(d("2024-04-08"), "2024-04-08");
    }
}

//! Looking at an index beyond ranked hits: entity counts over the matching
//! documents (with timelines), one document in full, and index statistics.

use std::collections::{BTreeMap, HashMap};
use std::ops::{Bound, Range};

use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::collector::{Collector, DocSetCollector, SegmentCollector};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader, TantivyDocument, Term};
use vietdex_pipeline::entities::Level;
use vietdex_pipeline::entities::{Entity, EntityKey, Kind, resolve};
use vietdex_pipeline::{Filter, IndexedKind, Resources};

use crate::search::{Searcher, StoredDoc, stored_text};
use crate::{Error, Result};

/// Periods of an entity timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Period {
    /// `2024`.
    Year,
    /// `2024-04`.
    Month,
}

/// What to count.
#[derive(Debug, Clone, Default)]
pub struct EntityRequest {
    /// Only this kind; [`Kind::Place`] means any place (province,
    /// district, commune or hamlet).
    pub kind: Option<Kind>,
    /// Rows at most.
    pub top: usize,
    /// A timeline per row.
    pub by: Option<Period>,
}

/// One entity with the number of matching documents that mention it.
#[derive(Debug, Clone, Serialize)]
pub struct EntityRow {
    /// Kind.
    pub kind: String,
    /// Value as indexed (a place's full name, a program id, a name).
    pub value: String,
    /// For people: a label for display (`Huyện Đại Từ (Thái Nguyên)`).
    pub label: String,
    /// Gazetteer code of a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Matching documents that mention it.
    pub documents: usize,
    /// Documents per period, oldest first (`unknown` for undated ones).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub timeline: Vec<(String, usize)>,
}

/// Counts over the matching documents.
#[derive(Debug, Clone, Serialize)]
pub struct EntityReport {
    /// Documents matching the query and filters.
    pub documents: usize,
    /// The most mentioned entities, most documents first.
    pub rows: Vec<EntityRow>,
}

/// Matching documents per period.
#[derive(Debug, Clone, Serialize)]
pub struct Timeline {
    /// Documents matching.
    pub documents: usize,
    /// `(period, documents)`, oldest first.
    pub periods: Vec<(String, usize)>,
    /// Matching documents without a date.
    pub undated: usize,
}

/// Entities and the documents they share.
#[derive(Debug, Clone, Serialize)]
pub struct Graph {
    /// Documents matching.
    pub documents: usize,
    /// Entities, with the matching documents mentioning each.
    pub nodes: Vec<EntityRow>,
    /// Pairs of nodes mentioned together.
    pub edges: Vec<Edge>,
}

/// Two entities mentioned by the same documents.
#[derive(Debug, Clone, Serialize)]
pub struct Edge {
    /// Index of one node in [`Graph::nodes`].
    pub source: usize,
    /// Index of the other.
    pub target: usize,
    /// Matching documents mentioning both.
    pub documents: usize,
}

/// A document in full.
#[derive(Debug, Clone, Serialize)]
pub struct Shown {
    /// Stored fields, sources and cluster.
    #[serde(flatten)]
    pub doc: StoredDoc,
    /// Cleaned text.
    pub body: String,
    /// Entities (offsets into `title + "\n\n" + body`).
    pub entities: Vec<Entity>,
}

/// Index statistics.
#[derive(Debug, Clone, Serialize)]
pub struct Stats {
    /// Documents.
    pub documents: u64,
    /// Source files known.
    pub sources: usize,
    /// Earliest publication date.
    pub first_published: Option<String>,
    /// Latest publication date.
    pub last_published: Option<String>,
    /// Documents with no known date.
    pub undated: u64,
    /// Distinct entities per kind.
    pub entities: BTreeMap<String, usize>,
    /// Near-duplicate clusters with more than one document.
    pub clusters: usize,
    /// Bytes on disk.
    pub bytes: u64,
}

fn day(dt: tantivy::DateTime) -> String {
    let secs = dt.into_timestamp_secs();
    vietdex_pipeline::parse_date(&secs.to_string()).unwrap_or_default()
}

/// A row for an entity key, or `None` for keys that are not counted
/// (place names, which their codes stand for).
fn row_for(res: &Resources, key: &str) -> Option<EntityRow> {
    let key: EntityKey = key.parse().ok()?;
    let d = resolve::describe(res.gazetteer(), res.programs(), &key)?;
    Some(EntityRow {
        kind: d.kind,
        value: d.value,
        label: d.label,
        code: d.code,
        documents: 0,
        timeline: Vec::new(),
    })
}

/// The rows of an entity report from counts over the matching documents:
/// `counts` maps an entity key (its text form) to the documents mentioning
/// it, `periods` a key and a period (`2024`, `2024-04`, `unknown`) to the
/// documents of that period. Every backend builds its report with this.
pub fn entity_report(
    res: &Resources,
    documents: usize,
    counts: HashMap<String, usize>,
    periods: &HashMap<(String, String), usize>,
    req: &EntityRequest,
) -> EntityReport {
    EntityReport {
        documents,
        rows: ranked_rows(res, counts, periods, req)
            .into_iter()
            .map(|(_, r)| r)
            .collect(),
    }
}

/// The `req.top` rows of `counts` of `req.kind`, most documents first, with
/// their keys.
fn ranked_rows(
    res: &Resources,
    counts: impl IntoIterator<Item = (String, usize)>,
    periods: &HashMap<(String, String), usize>,
    req: &EntityRequest,
) -> Vec<(String, EntityRow)> {
    let mut rows: Vec<(String, EntityRow)> = counts
        .into_iter()
        .filter_map(|(k, n)| {
            let mut row = row_for(res, &k)?;
            row.documents = n;
            Some((k, row))
        })
        .filter(|(_, r)| match req.kind {
            Some(Kind::Place) => r.kind.parse().is_ok_and(Kind::is_place),
            Some(kind) => r.kind == kind.as_str(),
            None => true,
        })
        .collect();
    rows.sort_by(|a, b| {
        b.1.documents
            .cmp(&a.1.documents)
            .then(a.1.label.cmp(&b.1.label))
    });
    rows.truncate(req.top.max(1));
    if req.by.is_some() {
        for (k, row) in &mut rows {
            let mut t: Vec<(String, usize)> = periods
                .iter()
                .filter(|((key, _), _)| key == k)
                .map(|((_, p), n)| (p.clone(), *n))
                .collect();
            t.sort();
            row.timeline = t;
        }
    }
    rows
}

impl Searcher {
    /// Addresses of every document matching a query and filters, in index
    /// order.
    fn matching(&self, query_text: &str, filters: &[Filter]) -> Result<Vec<DocAddress>> {
        let q = self.combined(&self.parse_checked(query_text)?, filters)?;
        Ok(self.reader.searcher().search(&q, &InOrder)?)
    }

    /// The most mentioned entities across the documents matching a query
    /// and filters.
    pub fn entities(
        &self,
        query_text: &str,
        filters: &[Filter],
        req: &EntityRequest,
    ) -> Result<EntityReport> {
        let docs = self.matching(query_text, filters)?;
        let kinds: Vec<Kind> = req.kind.into_iter().collect();
        let (counts, periods) = self.entity_counts(&docs, req.by, &kinds)?;
        Ok(EntityReport {
            documents: docs.len(),
            rows: ranked_rows(&self.resources, counts, &periods, req)
                .into_iter()
                .map(|(_, r)| r)
                .collect(),
        })
    }

    /// Documents of `docs` mentioning each entity key counted under one of
    /// `kinds` (every key when empty), and per period when `by` is given.
    ///
    /// Each segment counts its documents' keys by term ordinal, looking only
    /// at the ordinals of the keys of `kinds` (one range of the sorted
    /// dictionary per key prefix); then the ordinals that occur are turned
    /// into their text in one ordered pass over the dictionary, and counts
    /// of the same key in several segments are added up.
    #[allow(clippy::type_complexity)]
    fn entity_counts(
        &self,
        docs: &[DocAddress],
        by: Option<Period>,
        kinds: &[Kind],
    ) -> Result<(FxHashMap<String, usize>, HashMap<(String, String), usize>)> {
        let searcher = self.reader.searcher();
        let prefixes: Vec<String> = if kinds.is_empty() {
            vec![String::new()]
        } else {
            kinds
                .iter()
                .flat_map(|&k| EntityKey::prefixes_of(k))
                .collect()
        };
        let mut counts: FxHashMap<String, usize> = FxHashMap::default();
        let mut periods: HashMap<(String, String), usize> = HashMap::new();
        let mut by_ord: Vec<u32> = Vec::new();
        for seg_docs in docs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let seg = searcher.segment_reader(seg_docs[0].segment_ord);
            let Some(col) = seg.fast_fields().str("entity")? else {
                continue;
            };
            let ranges = ord_ranges(&col, &prefixes)?;
            if ranges.is_empty() {
                continue;
            }
            let dates = seg.fast_fields().date("published").ok();
            by_ord.clear();
            by_ord.resize(col.num_terms(), 0);
            // Periods of this segment's documents, each named once, and
            // documents per (ordinal, period).
            let mut period_names: Vec<String> = Vec::new();
            let mut period_index: FxHashMap<String, u32> = FxHashMap::default();
            let mut by_ord_period: FxHashMap<(u64, u32), usize> = FxHashMap::default();
            for addr in seg_docs {
                let period = by.map(|p| {
                    let d = dates.as_ref().and_then(|c| c.first(addr.doc_id)).map(day);
                    let len = if p == Period::Year { 4 } else { 7 };
                    let name = d.as_deref().and_then(|d| d.get(..len)).unwrap_or("unknown");
                    match period_index.get(name) {
                        Some(&i) => i,
                        None => {
                            let i = period_names.len() as u32;
                            period_names.push(name.to_string());
                            period_index.insert(name.to_string(), i);
                            i
                        }
                    }
                });
                for ord in col.term_ords(addr.doc_id) {
                    if !ranges.iter().any(|r| r.contains(&ord)) {
                        continue;
                    }
                    if let Some(n) = usize::try_from(ord).ok().and_then(|i| by_ord.get_mut(i)) {
                        *n += 1;
                    }
                    if let Some(p) = period {
                        *by_ord_period.entry((ord, p)).or_default() += 1;
                    }
                }
            }
            let ords: Vec<u64> = (0u64..)
                .zip(&by_ord)
                .filter(|(_, n)| **n > 0)
                .map(|(o, _)| o)
                .collect();
            // The text of each ordinal that occurs, in ordinal order.
            let mut names: Vec<String> = Vec::with_capacity(ords.len());
            col.dictionary()
                .sorted_ords_to_term_cb(&ords, |bytes| {
                    names.push(String::from_utf8_lossy(bytes).into_owned());
                })
                .map_err(|e| Error::Tantivy(e.into()))?;
            if names.len() != ords.len() {
                return Err(Error::Corrupt(
                    self.dir.clone(),
                    "the entity key dictionary misses ordinals its column holds".into(),
                ));
            }
            for (&ord, name) in ords.iter().zip(&names) {
                let n = by_ord[ord as usize] as usize;
                match counts.get_mut(name.as_str()) {
                    Some(c) => *c += n,
                    None => {
                        counts.insert(name.clone(), n);
                    }
                }
            }
            for ((ord, p), n) in by_ord_period {
                if let Ok(i) = ords.binary_search(&ord) {
                    *periods
                        .entry((names[i].clone(), period_names[p as usize].clone()))
                        .or_default() += n;
                }
            }
        }
        Ok((counts, periods))
    }

    /// Matching documents per period, oldest first (`unknown` last, for
    /// undated ones).
    pub fn timeline(
        &self,
        query_text: &str,
        filters: &[Filter],
        period: Period,
    ) -> Result<Timeline> {
        let docs = self.matching(query_text, filters)?;
        let searcher = self.reader.searcher();
        let mut counts: BTreeMap<String, usize> = BTreeMap::new();
        let mut undated = 0;
        let mut current_segment = u32::MAX;
        let mut dates = None;
        let len = if period == Period::Year { 4 } else { 7 };
        for addr in &docs {
            if addr.segment_ord != current_segment {
                let seg = searcher.segment_reader(addr.segment_ord);
                dates = seg.fast_fields().date("published").ok();
                current_segment = addr.segment_ord;
            }
            match dates
                .as_ref()
                .and_then(|c| c.first(addr.doc_id))
                .map(day)
                .and_then(|d| d.get(..len).map(str::to_string))
            {
                Some(p) => *counts.entry(p).or_default() += 1,
                None => undated += 1,
            }
        }
        Ok(Timeline {
            documents: docs.len(),
            periods: counts.into_iter().collect(),
            undated,
        })
    }

    /// The co-occurrence graph of the matching documents: the `top` most
    /// mentioned entities of each kind in `kinds` (of every kind when
    /// empty) as nodes, and for each pair of them the number of matching
    /// documents mentioning both as an edge.
    pub fn graph(
        &self,
        query_text: &str,
        filters: &[Filter],
        kinds: &[Kind],
        top: usize,
    ) -> Result<Graph> {
        let docs = self.matching(query_text, filters)?;
        let (counts, periods) = self.entity_counts(&docs, None, kinds)?;
        let mut nodes: Vec<(String, EntityRow)> = Vec::new();
        let wanted: Vec<Option<Kind>> = if kinds.is_empty() {
            vec![None]
        } else {
            kinds.iter().copied().map(Some).collect()
        };
        for kind in wanted {
            let req = EntityRequest {
                kind,
                top,
                by: None,
            };
            for n in ranked_rows(
                &self.resources,
                counts.iter().map(|(k, &n)| (k.clone(), n)),
                &periods,
                &req,
            ) {
                if !nodes.iter().any(|(k, _)| *k == n.0) {
                    nodes.push(n);
                }
            }
        }
        let searcher = self.reader.searcher();
        let mut pairs: BTreeMap<(usize, usize), usize> = BTreeMap::new();
        let mut present: Vec<usize> = Vec::new();
        for seg_docs in docs.chunk_by(|a, b| a.segment_ord == b.segment_ord) {
            let seg = searcher.segment_reader(seg_docs[0].segment_ord);
            let Some(col) = seg.fast_fields().str("entity")? else {
                continue;
            };
            // The nodes' term ordinals in this segment.
            let mut node_of: HashMap<u64, usize> = HashMap::new();
            for (i, (key, _)) in nodes.iter().enumerate() {
                if let Some(ord) = col
                    .dictionary()
                    .term_ord(key.as_bytes())
                    .map_err(|e| Error::Tantivy(e.into()))?
                {
                    node_of.insert(ord, i);
                }
            }
            for addr in seg_docs {
                present.clear();
                present.extend(
                    col.term_ords(addr.doc_id)
                        .filter_map(|o| node_of.get(&o).copied()),
                );
                present.sort_unstable();
                present.dedup();
                for (i, &a) in present.iter().enumerate() {
                    for &b in &present[i + 1..] {
                        *pairs.entry((a, b)).or_default() += 1;
                    }
                }
            }
        }
        Ok(Graph {
            documents: docs.len(),
            nodes: nodes.into_iter().map(|(_, r)| r).collect(),
            edges: pairs
                .into_iter()
                .map(|((source, target), documents)| Edge {
                    source,
                    target,
                    documents,
                })
                .collect(),
        })
    }

    /// Names offered while a user types, without diacritics: places
    /// (from the gazetteer, with their parents), programs (from the
    /// program table), organizations and people (from this index, most
    /// mentioned first). `kind` `None` offers every kind, places first.
    pub fn suggest(
        &self,
        kind: Option<Kind>,
        typed: &str,
        limit: usize,
    ) -> Result<Vec<resolve::Suggestion>> {
        let res = &self.resources;
        let level = |k: Kind| match k {
            Kind::Province => Some(Some(Level::Province)),
            Kind::District => Some(Some(Level::District)),
            Kind::Commune => Some(Some(Level::Commune)),
            Kind::Place => Some(None),
            _ => None,
        };
        let mut out = Vec::new();
        match kind {
            Some(k) if level(k).is_some() => {
                out = resolve::suggest_places(res.gazetteer(), level(k).flatten(), typed, limit);
            }
            Some(Kind::Program) => out = resolve::suggest_programs(res.programs(), typed, limit),
            Some(Kind::Organization) => {
                out = self.suggest_indexed(IndexedKind::Organization, typed, limit)?;
            }
            Some(Kind::Person) => out = self.suggest_indexed(IndexedKind::Person, typed, limit)?,
            Some(_) => {}
            None => {
                out.extend(resolve::suggest_places(res.gazetteer(), None, typed, limit));
                out.extend(resolve::suggest_programs(res.programs(), typed, limit));
                out.extend(self.suggest_indexed(IndexedKind::Organization, typed, limit)?);
                out.extend(self.suggest_indexed(IndexedKind::Person, typed, limit)?);
                out.truncate(limit);
            }
        }
        Ok(out)
    }

    /// Organizations or people in the index whose name, without
    /// diacritics, starts with what was typed (or has a word that does),
    /// most mentioned first.
    fn suggest_indexed(
        &self,
        kind: IndexedKind,
        typed: &str,
        limit: usize,
    ) -> Result<Vec<resolve::Suggestion>> {
        let key = resolve::folded_key(typed);
        if key.is_empty() {
            return Ok(Vec::new());
        }
        let searcher = self.reader.searcher();
        let prefix = format!("{}:", kind.as_str());
        let mut found: HashMap<String, (u8, u64)> = HashMap::new();
        crate::filters::for_each_term_with_prefix(
            &searcher,
            self.fields.entity,
            &prefix,
            |k, doc_freq| {
                let Ok(name) = std::str::from_utf8(&k[prefix.len()..]) else {
                    return;
                };
                let Some(rank) = resolve::match_rank(&resolve::folded_key(name), &key) else {
                    return;
                };
                let e = found.entry(name.to_string()).or_insert((rank, 0));
                e.1 += u64::from(doc_freq);
            },
        )?;
        let mut out: Vec<(String, (u8, u64))> = found.into_iter().collect();
        out.sort_by(|a, b| {
            (a.1.0, std::cmp::Reverse(a.1.1), &a.0).cmp(&(b.1.0, std::cmp::Reverse(b.1.1), &b.0))
        });
        Ok(out
            .into_iter()
            .take(limit)
            .map(|(name, (_, n))| resolve::Suggestion {
                kind: kind.as_str().to_string(),
                value: name.clone(),
                label: name.clone(),
                name,
                code: None,
                parents: Vec::new(),
                documents: Some(n),
            })
            .collect())
    }

    /// Calls `f` with every document of the index in full, in index order;
    /// the first error `f` returns stops the walk and is returned.
    pub fn for_each_document<E: From<Error>>(
        &self,
        mut f: impl FnMut(Shown) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let searcher = self.reader.searcher();
        for (ord, seg) in searcher.segment_readers().iter().enumerate() {
            let alive = seg.alive_bitset();
            for doc_id in 0..seg.max_doc() {
                if alive.is_some_and(|a| !a.is_alive(doc_id)) {
                    continue;
                }
                let addr = DocAddress::new(ord as u32, doc_id);
                let doc: TantivyDocument = searcher.doc(addr).map_err(Error::from)?;
                f(Shown {
                    doc: self.stored(&doc),
                    body: stored_text(&doc, self.fields.body).unwrap_or_default(),
                    entities: stored_text(&doc, self.fields.entities)
                        .and_then(|j| serde_json::from_str(&j).ok())
                        .unwrap_or_default(),
                })?;
            }
        }
        Ok(())
    }

    /// A document by id or by source path.
    pub fn show(&self, id_or_path: &str) -> Result<Option<Shown>> {
        let searcher = self.reader.searcher();
        let f = &self.fields;
        let mut found = None;
        for (field, value) in [
            (f.id, id_or_path.to_string()),
            (f.source, id_or_path.to_string()),
        ] {
            let q = tantivy::query::TermQuery::new(
                Term::from_field_text(field, &value),
                tantivy::schema::IndexRecordOption::Basic,
            );
            if let Some(addr) = searcher.search(&q, &DocSetCollector)?.into_iter().next() {
                found = Some(addr);
                break;
            }
        }
        // A path known only as a duplicate source.
        if found.is_none()
            && let Some((id, _)) = self
                .state()?
                .docs
                .iter()
                .find(|(_, d)| d.sources.iter().any(|s| s == id_or_path))
        {
            let q = tantivy::query::TermQuery::new(
                Term::from_field_text(f.id, id),
                tantivy::schema::IndexRecordOption::Basic,
            );
            found = searcher.search(&q, &DocSetCollector)?.into_iter().next();
        }
        let Some(addr) = found else { return Ok(None) };
        let doc: TantivyDocument = searcher.doc(addr)?;
        Ok(Some(Shown {
            doc: self.stored(&doc),
            body: stored_text(&doc, self.fields.body).unwrap_or_default(),
            entities: stored_text(&doc, self.fields.entities)
                .and_then(|j| serde_json::from_str(&j).ok())
                .unwrap_or_default(),
        }))
    }

    /// Statistics of the index.
    pub fn stats(&self) -> Result<Stats> {
        let searcher = self.reader.searcher();
        let mut first: Option<tantivy::DateTime> = None;
        let mut last: Option<tantivy::DateTime> = None;
        let mut undated = 0;
        for seg in searcher.segment_readers() {
            let col = seg.fast_fields().date("published")?;
            for doc in 0..seg.max_doc() {
                if !seg.is_deleted(doc) {
                    match col.first(doc) {
                        Some(d) => {
                            first = Some(first.map_or(d, |f| f.min(d)));
                            last = Some(last.map_or(d, |l| l.max(d)));
                        }
                        None => undated += 1,
                    }
                }
            }
        }
        let mut entities = BTreeMap::new();
        for term in crate::filters::terms_with_prefix(&searcher, self.fields.entity, "")? {
            // Places count by code, programs without their level.
            let kind = match term.parse::<EntityKey>() {
                Ok(
                    EntityKey::Unit { .. }
                    | EntityKey::Program {
                        detail: Some(_), ..
                    },
                )
                | Err(_) => {
                    continue;
                }
                Ok(key) => key.kind().to_string(),
            };
            *entities.entry(kind).or_default() += 1;
        }
        let mut bytes = 0;
        for e in std::fs::read_dir(&self.dir).map_err(|source| Error::Io {
            path: self.dir.clone(),
            source,
        })? {
            if let Ok(m) = e.and_then(|e| e.metadata()) {
                bytes += m.len();
            }
        }
        let clusters = {
            let mut ids: Vec<&str> = self
                .state()?
                .docs
                .values()
                .filter(|d| d.cluster_size > 1)
                .map(|d| d.cluster.as_str())
                .collect();
            ids.sort();
            ids.dedup();
            ids.len()
        };
        Ok(Stats {
            documents: searcher.num_docs(),
            sources: self.state()?.sources.len(),
            first_published: first.map(day),
            last_published: last.map(day),
            undated,
            entities,
            clusters,
            bytes,
        })
    }
}

/// The ordinals of a segment's entity keys that start with one of
/// `prefixes` (the empty prefix: every key), as ranges of the sorted
/// dictionary; empty ranges are left out.
fn ord_ranges(col: &tantivy::columnar::StrColumn, prefixes: &[String]) -> Result<Vec<Range<u64>>> {
    let dict = col.dictionary();
    let n = dict.num_terms() as u64;
    let mut out = Vec::with_capacity(prefixes.len());
    for p in prefixes {
        let range = if p.is_empty() {
            0..n
        } else {
            // Every key starting with `p` sorts before `p` with its last
            // byte incremented (prefixes end in `:`, an ASCII byte).
            let mut end = p.clone().into_bytes();
            if let Some(last) = end.last_mut() {
                *last = last.saturating_add(1);
            }
            let (lo, hi) = dict
                .term_bounds_to_ord(Bound::Included(p.as_bytes()), Bound::Excluded(&end[..]))
                .map_err(|e| Error::Tantivy(e.into()))?;
            let lo = match lo {
                Bound::Included(o) => o,
                Bound::Excluded(o) => o.saturating_add(1),
                Bound::Unbounded => 0,
            };
            let hi = match hi {
                Bound::Included(o) => o.saturating_add(1),
                Bound::Excluded(o) => o,
                Bound::Unbounded => n,
            };
            lo.min(n)..hi.min(n)
        };
        if !range.is_empty() {
            out.push(range);
        }
    }
    Ok(out)
}

/// Collects the addresses of the matching documents in index order
/// (segment, then document), without hashing them.
struct InOrder;

/// The documents [`InOrder`] collects in one segment.
struct InOrderSegment {
    segment: SegmentOrdinal,
    docs: Vec<DocAddress>,
}

impl Collector for InOrder {
    type Fruit = Vec<DocAddress>;
    type Child = InOrderSegment;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<InOrderSegment> {
        Ok(InOrderSegment {
            segment,
            docs: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, fruits: Vec<Vec<DocAddress>>) -> tantivy::Result<Vec<DocAddress>> {
        let mut docs = fruits.concat();
        // Segments are not promised to come in order, nor documents within
        // one to be visited in order by every query.
        if !docs.is_sorted() {
            docs.sort_unstable();
        }
        Ok(docs)
    }
}

impl SegmentCollector for InOrderSegment {
    type Fruit = Vec<DocAddress>;

    fn collect(&mut self, doc: DocId, _score: Score) {
        self.docs.push(DocAddress::new(self.segment, doc));
    }

    fn harvest(self) -> Vec<DocAddress> {
        self.docs
    }
}

//! Opening an index and searching it.

use std::path::Path;
use std::sync::Arc;

use serde::Serialize;
use tantivy::collector::{Count, TopDocs};
use tantivy::query::{BooleanQuery, ConstScoreQuery, Occur, Query};
use tantivy::schema::Value;
use tantivy::snippet::SnippetGenerator;
use tantivy::{DocAddress, Index, IndexReader, Order, Score, TantivyDocument};
use vietdex_pipeline::query::{self, ParsedQuery};
use vietdex_pipeline::{Filter, Resources};
use vietdex_tokenize::Form;

use crate::schema::{self, Fields};
use crate::state::State;
use crate::{Error, Result};

/// Characters of text a snippet shows at most.
pub const SNIPPET_CHARS: usize = 220;

/// Search settings.
#[derive(Debug, Clone)]
pub struct SearchOptions {
    /// Hits to return at most.
    pub limit: usize,
    /// Show one document per near-duplicate cluster.
    pub dedup: bool,
    /// Filters every hit must pass.
    pub filters: Vec<Filter>,
}

impl Default for SearchOptions {
    fn default() -> Self {
        SearchOptions {
            limit: 10,
            dedup: false,
            filters: Vec::new(),
        }
    }
}

/// A text fragment with the matched words marked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Snippet {
    /// The fragment.
    pub text: String,
    /// Byte ranges of `text` to highlight.
    pub highlights: Vec<(usize, usize)>,
}

/// What the index stores of a document, with the sources and cluster its
/// state records.
#[derive(Debug, Clone, Serialize)]
pub struct StoredDoc {
    /// Article identifier.
    pub id: String,
    /// Source path (the first source).
    pub path: String,
    /// Headline.
    pub title: String,
    /// Publication date, ISO 8601, when known.
    pub published: Option<String>,
    /// Outlet, when known.
    pub outlet: Option<String>,
    /// Byline, when known.
    pub author: Option<String>,
    /// Original address, when known.
    pub url: Option<String>,
    /// Every source holding this text (exact duplicates), first one first.
    pub sources: Vec<String>,
    /// Near-duplicate cluster (the smallest document id in it).
    pub cluster: String,
    /// Documents in the cluster.
    pub cluster_size: u32,
}

/// One search hit. Its JSON form, the one every front-end prints, is one
/// flat object: the stored fields, `score`, `entities` (as stored),
/// `snippet` (text) and `highlights` (byte ranges of the snippet), keys in
/// alphabetical order.
#[derive(Debug, Clone)]
pub struct Hit {
    /// The document.
    pub doc: StoredDoc,
    /// Relevance score.
    pub score: f32,
    /// Entities found in the document (offsets into `title + "\n\n" + body`),
    /// as stored: JSON, parsed by [`Hit::entities`] when needed.
    pub entities_json: Box<serde_json::value::RawValue>,
    /// Best fragment of the text.
    pub snippet: Snippet,
}

/// A stored text field of a document.
pub(crate) fn stored_text(doc: &TantivyDocument, field: tantivy::schema::Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

impl Serialize for Hit {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        /// The JSON shape, fields in alphabetical order.
        #[derive(Serialize)]
        struct Flat<'a> {
            author: &'a Option<String>,
            cluster: &'a str,
            cluster_size: u32,
            entities: serde_json::Value,
            highlights: &'a [(usize, usize)],
            id: &'a str,
            outlet: &'a Option<String>,
            path: &'a str,
            published: &'a Option<String>,
            score: f64,
            snippet: &'a str,
            sources: &'a [String],
            title: &'a str,
            url: &'a Option<String>,
        }
        // Entities as a JSON value: objects with their keys sorted, like
        // the rest of the hit.
        let entities =
            serde_json::from_str(self.entities_json.get()).map_err(serde::ser::Error::custom)?;
        let d = &self.doc;
        Flat {
            author: &d.author,
            cluster: &d.cluster,
            cluster_size: d.cluster_size,
            entities,
            highlights: &self.snippet.highlights,
            id: &d.id,
            outlet: &d.outlet,
            path: &d.path,
            published: &d.published,
            score: f64::from(self.score),
            snippet: &self.snippet.text,
            sources: &d.sources,
            title: &d.title,
            url: &d.url,
        }
        .serialize(s)
    }
}

impl Hit {
    /// The document's entities.
    pub fn entities(&self) -> Vec<vietdex_pipeline::Entity> {
        serde_json::from_str(self.entities_json.get()).unwrap_or_default()
    }
}

/// Bytes of text from the start of the body that snippets look at first.
const SNIPPET_WINDOW: usize = 6000;

/// A search result page.
#[derive(Debug, Clone, Serialize)]
pub struct Results {
    /// Documents matching in all.
    pub total: usize,
    /// The best `limit` of them.
    pub hits: Vec<Hit>,
}

/// An open index, ready to search.
pub struct Searcher {
    pub(crate) index: Index,
    pub(crate) reader: IndexReader,
    pub(crate) fields: Fields,
    /// The commit payload naming the state (read on demand: only
    /// statistics and lookups by duplicate path need the whole state).
    payload: Option<String>,
    state: std::sync::OnceLock<State>,
    /// Per-document sources and clusters, read without parsing.
    docs: Option<crate::doctable::DocTable>,
    pub(crate) dir: std::path::PathBuf,
    pub(crate) resources: Arc<Resources>,
}

impl std::fmt::Debug for Searcher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Searcher").finish_non_exhaustive()
    }
}

impl Searcher {
    /// Opens the index in `dir`; queries and filters are read with
    /// `resources`.
    pub fn open(dir: &Path, resources: Arc<Resources>) -> Result<Searcher> {
        let no_index = || Error::NoIndex(dir.to_path_buf());
        if !dir.is_dir() {
            return Err(no_index());
        }
        crate::dir::check_marker(dir)?;
        let mmap = crate::storage::Readable::open(dir).map_err(|_| no_index())?;
        if !Index::exists(&mmap).unwrap_or(false) {
            return Err(no_index());
        }
        let index = Index::open(mmap.clone())?;
        let fields =
            schema::fields_of(&index).ok_or_else(|| Error::Incompatible(dir.to_path_buf()))?;
        schema::register(&index);
        let payload = index.load_metas()?.payload;
        // The document table beside the state; an index written before
        // tables existed reads its JSON state instead.
        let state = std::sync::OnceLock::new();
        let docs = match &payload {
            Some(p) => {
                let table = crate::state::docs_path(&State::path_of(dir, p)?);
                if table.is_file() {
                    Some(crate::doctable::DocTable::open(&mmap, &table)?)
                } else {
                    let _ = state.set(State::load(dir, Some(p))?);
                    None
                }
            }
            None => None,
        };
        // Reloaded by reopening (the server does when the index changes):
        // no thread watching the directory.
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()?;
        Ok(Searcher {
            index,
            reader,
            fields,
            payload,
            state,
            docs,
            dir: dir.to_path_buf(),
            resources,
        })
    }

    /// The index state, read on first use (search itself reads only the
    /// document table).
    pub(crate) fn state(&self) -> Result<&State> {
        if let Some(s) = self.state.get() {
            return Ok(s);
        }
        let loaded = State::load(&self.dir, self.payload.as_deref())?;
        Ok(self.state.get_or_init(|| loaded))
    }

    /// Parses a query string with this searcher's resources.
    pub fn parse(&self, query: &str) -> ParsedQuery {
        query::parse(query, &self.resources)
    }

    /// Parses a query string; a query that is not blank but has nothing
    /// searchable in it (only punctuation, symbols or emoji) is an error
    /// rather than a query that matches every document.
    pub fn parse_checked(&self, query: &str) -> Result<ParsedQuery> {
        checked(query, self.parse(query))
    }

    /// The language resources queries and filters are read with.
    pub fn resources(&self) -> &Resources {
        &self.resources
    }

    /// Number of documents in the index.
    pub fn num_docs(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    /// Runs a query string.
    pub fn search(&self, query: &str, opts: &SearchOptions) -> Result<Results> {
        self.search_parsed(&self.parse_checked(query)?, opts)
    }

    /// The query and filters as one Tantivy query.
    pub fn combined(&self, parsed: &ParsedQuery, filters: &[Filter]) -> Result<Box<dyn Query>> {
        let searcher = self.reader.searcher();
        let mut parts: Vec<(Occur, Box<dyn Query>)> =
            vec![(Occur::Must, crate::query::to_query(parsed, &self.fields))];
        // A filter narrows the matches and adds nothing to their scores:
        // scored, a term filter would add its own BM25 weight, and a date
        // range its constant 1 except in segments it covers whole (where
        // Tantivy drops it as matching everything), so scores would depend
        // on how documents fell into segments.
        for f in crate::filters::compile(&searcher, &self.fields, filters)? {
            parts.push((Occur::Must, Box::new(ConstScoreQuery::new(f, 0.0))));
        }
        Ok(match parts.len() {
            1 => parts.remove(0).1,
            _ => Box::new(BooleanQuery::new(parts)),
        })
    }

    /// Number of documents matching a query string and filters.
    pub fn count(&self, query: &str, filters: &[Filter]) -> Result<usize> {
        let q = self.combined(&self.parse_checked(query)?, filters)?;
        Ok(self.reader.searcher().search(&q, &Count)?)
    }

    /// Runs a parsed query. A query with no clause lists the documents that
    /// pass the filters, newest first.
    pub fn search_parsed(&self, parsed: &ParsedQuery, opts: &SearchOptions) -> Result<Results> {
        let searcher = self.reader.searcher();
        let q = self.combined(parsed, &opts.filters)?;
        // With dedup, look further down the ranking to fill the page.
        // Never ask the collectors for more than the index holds: they
        // allocate for the whole limit up front.
        let docs = usize::try_from(searcher.num_docs()).unwrap_or(usize::MAX);
        let limit = opts.limit.min(docs).max(1);
        let fetch = if opts.dedup {
            limit.saturating_mul(5).min(docs).max(1)
        } else {
            limit
        };
        let (total, top): (usize, Vec<(Score, DocAddress)>) = if parsed.required.is_empty() {
            let newest = TopDocs::with_limit(fetch)
                .order_by_fast_field::<tantivy::DateTime>("published", Order::Desc);
            let (total, docs) = searcher.search(&q, &(Count, newest))?;
            (total, docs.into_iter().map(|(_, a)| (0.0, a)).collect())
        } else {
            searcher.search(&q, &(Count, TopDocs::with_limit(fetch).order_by_score()))?
        };
        let snippets = Snippets::new(parsed);
        let mut hits = Vec::with_capacity(top.len());
        let mut clusters_seen = std::collections::HashSet::new();
        for (score, addr) in top {
            if hits.len() >= opts.limit {
                break;
            }
            let doc: TantivyDocument = searcher.doc(addr)?;
            let stored = self.stored(&doc);
            if opts.dedup && !clusters_seen.insert(stored.cluster.clone()) {
                continue;
            }
            let body = stored_text(&doc, self.fields.body).unwrap_or_default();
            let snippet = snippets.of(&body);
            hits.push(Hit {
                entities_json: stored_text(&doc, self.fields.entities)
                    .and_then(|j| serde_json::value::RawValue::from_string(j).ok())
                    .or_else(|| serde_json::value::RawValue::from_string("[]".into()).ok())
                    .ok_or_else(|| Error::Corrupt(self.dir.clone(), "stored entities".into()))?,
                doc: stored,
                score,
                snippet,
            });
        }
        Ok(Results { total, hits })
    }

    /// The stored fields of `doc`, with the sources and cluster the state
    /// records for it.
    pub(crate) fn stored(&self, doc: &TantivyDocument) -> StoredDoc {
        let f = &self.fields;
        let id = stored_text(doc, f.id).unwrap_or_default();
        let path = stored_text(doc, f.source).unwrap_or_default();
        let known =
            match &self.docs {
                Some(table) => table.get(&id),
                // Without a table the state was read when the index opened.
                None => (self.state.get()).and_then(|s| s.docs.get(&id)).map(|d| {
                    crate::doctable::DocInfo {
                        sources: d.sources.clone(),
                        cluster: d.cluster.clone(),
                        cluster_size: d.cluster_size,
                    }
                }),
            };
        let (sources, cluster, cluster_size) = match known {
            Some(d) => (d.sources, d.cluster, d.cluster_size.max(1)),
            None => (vec![path.clone()], id.clone(), 1),
        };
        StoredDoc {
            sources,
            cluster,
            cluster_size,
            title: stored_text(doc, f.title).unwrap_or_default(),
            published: stored_text(doc, f.published_text),
            outlet: stored_text(doc, f.outlet),
            author: stored_text(doc, f.author),
            url: stored_text(doc, f.url),
            id,
            path,
        }
    }

    /// The underlying Tantivy index.
    pub fn index(&self) -> &Index {
        &self.index
    }
}

/// `parsed`, the parse of `query`, unless `query` is not blank but has
/// nothing searchable in it (only punctuation, symbols or emoji): that is
/// an error rather than a query matching every document. Every backend
/// checks its queries with this.
pub fn checked(query: &str, parsed: ParsedQuery) -> Result<ParsedQuery> {
    if !query.trim().is_empty() && parsed.required.is_empty() && parsed.excluded.is_empty() {
        return Err(Error::Query(format!(
            "\"{}\" has no searchable word (only punctuation, symbols or emoji): search for words, or give an empty query \"\" to list documents by filters",
            vietdex_pipeline::escape::text(query)
        )));
    }
    Ok(parsed)
}

/// Snippets of a query: the best fragment of a text with the query's
/// words marked. Every backend makes its hits' snippets with this.
pub struct Snippets {
    generator: SnippetGenerator,
}

impl std::fmt::Debug for Snippets {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Snippets").finish_non_exhaustive()
    }
}

impl Snippets {
    /// The snippet maker of a parsed query.
    pub fn new(parsed: &ParsedQuery) -> Snippets {
        let terms = parsed
            .highlight_terms()
            .into_iter()
            .map(|t| (t, 1.0))
            .collect();
        let mut generator = SnippetGenerator::new(
            terms,
            schema::analyzer(Form::Folded),
            schema::schema().1.body_folded,
            SNIPPET_CHARS,
        );
        generator.set_max_num_chars(SNIPPET_CHARS);
        Snippets { generator }
    }

    /// The snippet of a document body: the best fragment of its opening
    /// (where most matches are), else of the whole body, else its lead.
    pub fn of(&self, body: &str) -> Snippet {
        let mut cut = body.len().min(SNIPPET_WINDOW);
        while !body.is_char_boundary(cut) {
            cut -= 1;
        }
        let mut sn = self.generator.snippet(&body[..cut]);
        if sn.highlighted().is_empty() && cut < body.len() {
            sn = self.generator.snippet(body);
        }
        let mut snippet = Snippet {
            text: sn.fragment().to_string(),
            highlights: sn.highlighted().iter().map(|r| (r.start, r.end)).collect(),
        };
        if snippet.text.is_empty() {
            snippet.text = lead(body, SNIPPET_CHARS);
        }
        snippet
    }
}

/// The first `max` characters of `text`, cut at a word boundary.
fn lead(text: &str, max: usize) -> String {
    let end = text.char_indices().nth(max).map_or(text.len(), |(i, _)| i);
    let cut = if end < text.len() {
        text[..end].rfind(char::is_whitespace).unwrap_or(end)
    } else {
        end
    };
    text[..cut].trim().to_string()
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;
    use crate::{BuildOptions, build};

    /// Filters select documents; they do not rank them. Each article is
    /// committed on its own, so the date range covers some segments whole
    /// and others in part.
    #[test]
    fn filters_add_nothing_to_scores() {
        let dir = tempfile::tempdir().expect("tempdir");
        let input = dir.path().join("in");
        std::fs::create_dir(&input).expect("input dir");
        let records = [
            (
                "a",
                "2024-03-01",
                "Đại Từ về đích nông thôn mới",
                "Huyện Đại Từ, tỉnh Thái Nguyên hoàn thành xây dựng nông thôn mới nâng cao.",
            ),
            (
                "b",
                "2023-05-02",
                "Nông thôn mới ở Đại Từ",
                "Các xã của huyện Đại Từ tiếp tục xây dựng nông thôn mới.",
            ),
            (
                "c",
                "2024-07-09",
                "Đại Từ làm đường",
                "Huyện Đại Từ làm đường liên xã, nông thôn mới có thêm hai xã đạt chuẩn.",
            ),
        ];
        for (name, date, title, body) in records {
            let line =
                serde_json::json!({"id": name, "published": date, "title": title, "body": body});
            std::fs::write(input.join(format!("{name}.jsonl")), format!("{line}\n"))
                .expect("write");
        }
        let opts = BuildOptions {
            commit_interval: Duration::ZERO,
            ..BuildOptions::default()
        };
        let res = Arc::new(Resources::bundled().expect("resources"));
        let idx = dir.path().join("idx");
        build(&[input], &idx, &opts, &res, &|_| {}).expect("build");
        let s = Searcher::open(&idx, res.clone()).expect("open");
        let scores = |filters: Vec<Filter>| -> Vec<(String, f32)> {
            let opts = SearchOptions {
                filters,
                ..SearchOptions::default()
            };
            let mut v: Vec<(String, f32)> = s
                .search("nông thôn mới", &opts)
                .expect("search")
                .hits
                .into_iter()
                .map(|h| (h.doc.id, h.score))
                .collect();
            v.sort_by(|a, b| a.0.cmp(&b.0));
            v
        };
        let unfiltered = scores(Vec::new());
        assert_eq!(unfiltered.len(), 3);
        let spec = vietdex_pipeline::FilterSpec {
            district: vec!["dai tu".into()],
            from: Some("2024".into()),
            ..Default::default()
        };
        let filtered = scores(spec.resolve(&res).expect("filters"));
        let ids: Vec<&str> = filtered.iter().map(|(id, _)| id.as_str()).collect();
        assert_eq!(ids.len(), 2, "{filtered:?}");
        for (id, score) in &filtered {
            let (_, before) = unfiltered.iter().find(|(i, _)| i == id).expect("same doc");
            assert_eq!(score, before, "{id}: {filtered:?} vs {unfiltered:?}");
        }
    }
}

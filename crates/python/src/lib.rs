//! The `vietdex` Python module (`vietdex._vietdex`): a thin layer that
//! converts Python values to and from the types of the library crates and
//! calls the same functions as the `vietdex` command. Rust work runs with
//! the GIL released.

mod batch;
mod cluster;

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use arrow_array::RecordBatch;
use arrow_array::RecordBatchReader;
use arrow_array::ffi_stream::ArrowArrayStreamReader;
use arrow_pyarrow::{FromPyArrow, ToPyArrow};
use arrow_schema::SchemaRef;
use pyo3::exceptions::{PyFileNotFoundError, PyRuntimeError, PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyList, PyString, PyTuple};
use vietdex_index::{EntityRequest, Period, SearchOptions, Searcher};
use vietdex_pipeline::entities::Kind;
use vietdex_pipeline::{Article, FilterSpec, Resources};

pyo3::create_exception!(
    _vietdex,
    VietdexError,
    pyo3::exceptions::PyRuntimeError,
    "An index that cannot be read (damaged, of another version, locked); the message says what to do."
);

/// The bundled language resources, loaded once per process.
fn resources() -> PyResult<&'static Arc<Resources>> {
    static RES: OnceLock<Result<Arc<Resources>, String>> = OnceLock::new();
    RES.get_or_init(|| {
        Resources::bundled()
            .map(Arc::new)
            .map_err(|e| format!("loading the language resources shipped with vietdex: {e}"))
    })
    .as_ref()
    .map_err(|e| PyRuntimeError::new_err(e.clone()))
}

/// Parses JSON made by serde into Python values (dicts, lists, str, int).
fn from_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
}

/// Serializes a value of the library crates into Python values.
fn to_py<'py, T: serde::Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyAny>> {
    let json = serde_json::to_string(value).map_err(|e| PyRuntimeError::new_err(e.to_string()))?;
    from_json(py, &json)
}

/// An index error as the Python exception that fits it, with the message
/// the command prints.
fn index_error(e: vietdex_index::Error) -> PyErr {
    use vietdex_index::Error as E;
    let msg = e.to_string();
    match e {
        E::NoIndex(_) | E::MissingInput(_) => PyFileNotFoundError::new_err(msg),
        E::Query(_) | E::Filter(_) => PyValueError::new_err(msg),
        _ => VietdexError::new_err(msg),
    }
}

/// NFC, one tone placement, lower case: the form vietdex compares text in.
#[pyfunction]
fn normalize(py: Python<'_>, text: &str) -> String {
    py.detach(|| vietdex_tokenize::normalize(text).into_owned())
}

/// The normalized form without diacritics (`Đại Từ` → `dai tu`).
#[pyfunction]
fn fold(py: Python<'_>, text: &str) -> String {
    py.detach(|| vietdex_tokenize::fold(text).into_owned())
}

/// The text with the syllables of every word joined by `_`, as
/// `vietdex segment` prints it.
#[pyfunction]
fn segment(py: Python<'_>, text: &str) -> PyResult<String> {
    let res = resources()?;
    Ok(py.detach(|| res.segmenter().segment_line(text)))
}

/// The tokens of a text, as `vietdex analyze --json` prints them: dicts
/// with `position`, `exact`, `folded`, `start`, `end` (byte offsets into
/// the UTF-8 text) and `text`.
#[pyfunction]
fn analyze<'py>(py: Python<'py>, text: &str) -> PyResult<Bound<'py, PyList>> {
    let toks = py.detach(|| {
        vietdex_tokenize::Analyzer::new()
            .skipping_foldless()
            .analyze(text)
    });
    let out = PyList::empty(py);
    for (position, t) in toks.iter().enumerate() {
        let d = PyDict::new(py);
        d.set_item("position", position)?;
        d.set_item("exact", t.exact.as_str())?;
        d.set_item("folded", t.folded.as_str())?;
        d.set_item("start", t.start)?;
        d.set_item("end", t.end)?;
        d.set_item("text", text.get(t.start..t.end).unwrap_or_default())?;
        out.append(d)?;
    }
    Ok(out)
}

/// The entities of a text, as `vietdex extract` prints them: a dict with
/// `title`, `text` and `entities` (dicts with the same fields as the
/// command's JSON; offsets are characters of `text`). With a `title`, the
/// text is an article body and goes through the same processing as an
/// article file (`text` is then the title, a blank line and the body);
/// `published` (`2024`, `2024-04`, `2024-04-08`) gives the year of dates
/// written without one.
#[pyfunction]
#[pyo3(signature = (text, title=None, published=None))]
fn extract<'py>(
    py: Python<'py>,
    text: &str,
    title: Option<&str>,
    published: Option<&str>,
) -> PyResult<Bound<'py, PyAny>> {
    let res = resources()?;
    let json = py.detach(|| {
        let value = match title {
            Some(title) => {
                let article = Article {
                    title: title.to_string(),
                    body: text.to_string(),
                    published: published.map(str::to_string),
                    ..Article::default()
                };
                let doc = vietdex_pipeline::process(article, res);
                serde_json::json!({
                    "title": doc.article.title, "text": doc.text, "entities": doc.entities,
                })
            }
            None => {
                let date = published.and_then(|p| p.parse().ok());
                let entities = vietdex_pipeline::extract(text, date, res);
                serde_json::json!({ "title": null, "text": text, "entities": entities })
            }
        };
        value.to_string()
    });
    from_json(py, &json)
}

/// Text given as `str`, or as bytes decoded as `vietdex index` decodes a
/// file (UTF-8 with or without BOM, UTF-16 with BOM, legacy encodings).
fn text_of(raw: &Bound<'_, PyAny>, what: &str) -> PyResult<String> {
    if let Ok(s) = raw.cast::<PyString>() {
        return Ok(s.to_cow()?.into_owned());
    }
    if let Ok(b) = raw.cast::<PyBytes>() {
        return vietdex_ingest::decode(b.as_bytes())
            .map_err(|e| PyValueError::new_err(format!("{what}: {e}")));
    }
    Err(PyTypeError::new_err(format!(
        "{what}: expected str or bytes, got {}",
        raw.get_type().name()?
    )))
}

/// How a text is read: a plain-text article or a web page.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Format {
    Text,
    Html,
}

fn format_of(kind: &str) -> PyResult<Format> {
    match kind {
        "txt" | "text" => Ok(Format::Text),
        "html" => Ok(Format::Html),
        _ => Err(PyValueError::new_err(format!(
            "kind \"{kind}\": expected txt or html"
        ))),
    }
}

/// The article of a raw text as `vietdex index` reads a file of that kind.
fn article_of(
    format: Format,
    source: &str,
    text: &str,
    url: Option<String>,
) -> Result<(Article, bool), vietdex_ingest::RejectReason> {
    match format {
        Format::Text => vietdex_ingest::text_article(source, text, vietdex_ingest::MAX_TEXT),
        Format::Html => {
            vietdex_ingest::html_article(source, text, 0, url, vietdex_ingest::MAX_TEXT)
        }
    }
}

/// A cleaned article as a dict.
fn article_dict<'py>(py: Python<'py>, a: &Article, cut: bool) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("truncated", cut)?;
    d.set_item("id", &a.id)?;
    d.set_item("title", &a.title)?;
    d.set_item("body", &a.body)?;
    d.set_item("published", &a.published)?;
    d.set_item("outlet", &a.outlet)?;
    d.set_item("author", &a.author)?;
    d.set_item("url", &a.url)?;
    d.set_item("simhash", a.simhash.map(|h| format!("{h:016x}")))?;
    Ok(d)
}

/// The article of a raw text file, cleaned as `vietdex index` cleans it:
/// `kind="txt"` (headline on the first line) or `"html"` (a web page);
/// `raw` is `str`, or `bytes` decoded as a file is. Returns `id` (content
/// hash), `title`, `body` (paragraphs separated by blank lines),
/// `published`, `outlet`, `author`, `url`, `simhash` (hex). A text with no
/// article in it raises `ValueError`.
#[pyfunction]
#[pyo3(signature = (raw, kind="txt"))]
fn clean<'py>(
    py: Python<'py>,
    raw: &Bound<'py, PyAny>,
    kind: &str,
) -> PyResult<Bound<'py, PyDict>> {
    let format = format_of(kind)?;
    let text = text_of(raw, "raw")?;
    let (article, cut) = py
        .detach(|| article_of(format, "", &text, None))
        .map_err(|e| PyValueError::new_err(e.to_string()))?;
    article_dict(py, &article, cut)
}

// ---------------------------------------------------------------------
// Batches of records (the unit a distributed engine maps over).

/// The record batches of a pyarrow `RecordBatch`, `Table` or
/// `RecordBatchReader`, or of any object with `__arrow_c_stream__`,
/// without copying their buffers.
fn record_batches(data: &Bound<'_, PyAny>) -> PyResult<(SchemaRef, Vec<RecordBatch>)> {
    if data.hasattr("__arrow_c_stream__")? {
        let reader = ArrowArrayStreamReader::from_pyarrow_bound(data)?;
        let schema = reader.schema();
        let batches = reader
            .collect::<Result<Vec<_>, _>>()
            .map_err(|e| PyValueError::new_err(format!("reading the Arrow batches: {e}")))?;
        return Ok((schema, batches));
    }
    let record_batch = data.py().import("pyarrow")?.getattr("RecordBatch")?;
    if data.is_instance(&record_batch)? {
        let batch = RecordBatch::from_pyarrow_bound(data)?;
        return Ok((batch.schema(), vec![batch]));
    }
    Err(PyTypeError::new_err(format!(
        "expected a pyarrow RecordBatch or Table (or an object with __arrow_c_stream__), got {}",
        data.get_type().name()?
    )))
}

/// Processes Arrow batches of articles (`vietdex.process_batch` wraps
/// it): the columns are read in Rust where Arrow holds them, the rows
/// processed on every core with the GIL released, and a pyarrow
/// `RecordBatch` of documents returned, one row for each input row.
#[pyfunction]
#[pyo3(signature = (batch, kind="record", opensearch=false))]
fn process_arrow<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
    kind: &str,
    opensearch: bool,
) -> PyResult<Bound<'py, PyAny>> {
    let kind = batch::Kind::parse(kind).map_err(PyValueError::new_err)?;
    let res = resources()?;
    let (schema, batches) = record_batches(batch)?;
    let out = py
        .detach(|| batch::process(&schema, &batches, kind, opensearch, res))
        .map_err(batch_error)?;
    out.to_pyarrow(py)
}

fn batch_error(e: batch::BatchError) -> PyErr {
    match e {
        batch::BatchError::Value(m) => PyValueError::new_err(m),
        batch::BatchError::Type(m) => PyTypeError::new_err(m),
    }
}

/// Near-duplicate clusters of documents given by the columns `id` and
/// `simhash` (the output of `process_batch`, all batches of a collection):
/// a pyarrow `RecordBatch` of `id`, `cluster` (the smallest id of the
/// cluster) and `cluster_size`, one row per document id, as `vietdex
/// index` clusters.
#[pyfunction]
fn near_duplicates<'py>(py: Python<'py>, batch: &Bound<'py, PyAny>) -> PyResult<Bound<'py, PyAny>> {
    let (schema, batches) = record_batches(batch)?;
    let out = py
        .detach(|| cluster::clusters(&schema, &batches))
        .map_err(batch_error)?;
    out.to_pyarrow(py)
}

/// The OpenSearch JSON source of each document row (the columns of
/// `process_batch`, with `cluster`, `cluster_size` and `sources`), as
/// `vietdex export` writes it: a pyarrow `RecordBatch` of `id` and
/// `opensearch`, one row per input row.
#[pyfunction]
fn opensearch_sources<'py>(
    py: Python<'py>,
    batch: &Bound<'py, PyAny>,
) -> PyResult<Bound<'py, PyAny>> {
    let res = resources()?;
    let (schema, batches) = record_batches(batch)?;
    let out = py
        .detach(|| cluster::opensearch_sources(&schema, &batches, res))
        .map_err(batch_error)?;
    out.to_pyarrow(py)
}

// ---------------------------------------------------------------------
// An index.

/// Filter names, as the command's flags without dashes.
const FILTERS: [&str; 11] = [
    "province", "district", "commune", "program", "org", "person", "entity", "from", "to",
    "source", "era",
];

/// A filter's values: a string or a list of strings.
fn filter_values(key: &str, v: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if v.is_none() {
        return Ok(Vec::new());
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(vec![s.to_cow()?.into_owned()]);
    }
    if v.cast::<PyList>().is_ok() || v.cast::<PyTuple>().is_ok() {
        return v
            .try_iter()?
            .map(|x| {
                x?.extract::<String>().map_err(|_| {
                    PyTypeError::new_err(format!("{key}: expected a string or a list of strings"))
                })
            })
            .collect();
    }
    Err(PyTypeError::new_err(format!(
        "{key}: expected a string or a list of strings, got {}",
        v.get_type().name()?
    )))
}

/// Filters given as keyword arguments (`district="dai tu"`,
/// `program=["NTM", "OCOP"]`, `**{"from": "2024"}` or `from_="2024"`), as
/// typed, and the values of `with` when `with_allowed`.
struct Kwargs {
    spec: FilterSpec,
    with: Vec<String>,
}

fn kwargs_of(kwargs: Option<&Bound<'_, PyDict>>, with_allowed: bool) -> PyResult<Kwargs> {
    let mut spec = FilterSpec::default();
    let mut with = Vec::new();
    let mut era = "as-written".to_string();
    if let Some(kw) = kwargs {
        for (k, v) in kw.iter() {
            let key = k.cast::<PyString>()?.to_cow()?.into_owned();
            let name = key.strip_suffix('_').unwrap_or(&key);
            let values = filter_values(name, &v)?;
            let one = |values: Vec<String>| -> PyResult<Option<String>> {
                match values.len() {
                    0 | 1 => Ok(values.into_iter().next()),
                    _ => Err(PyValueError::new_err(format!("{name} takes one value"))),
                }
            };
            match name {
                "province" => spec.province.extend(values),
                "district" => spec.district.extend(values),
                "commune" => spec.commune.extend(values),
                "program" => spec.program.extend(values),
                "org" => spec.org.extend(values),
                "person" => spec.person.extend(values),
                "entity" => spec.entity.extend(values),
                "source" => spec.source.extend(values),
                "from" => spec.from = one(values)?,
                "to" => spec.to = one(values)?,
                "era" => era = one(values)?.unwrap_or(era),
                "with" if with_allowed => with.extend(values),
                _ => {
                    let mut known: Vec<&str> = FILTERS.to_vec();
                    if with_allowed {
                        known.push("with");
                    }
                    return Err(PyTypeError::new_err(format!(
                        "unknown filter `{key}`: use {}",
                        known.join(", ")
                    )));
                }
            }
        }
    }
    if !matches!(era.as_str(), "as-written" | "any") {
        return Err(PyValueError::new_err(format!(
            "era \"{era}\": expected as-written or any"
        )));
    }
    spec.across_reform = era == "any";
    Ok(Kwargs { spec, with })
}

/// Largest `limit` or `top`, as the command's.
const MAX_LIMIT: usize = 10_000;

fn check_limit(name: &str, n: usize) -> PyResult<usize> {
    if (1..=MAX_LIMIT).contains(&n) {
        Ok(n)
    } else {
        Err(PyValueError::new_err(format!(
            "{name}: {n} is out of range: give 1 to {MAX_LIMIT}"
        )))
    }
}

/// An entity kind as typed (`org` for `organization`), with the command's
/// message when unknown.
fn kind_of(s: &str) -> PyResult<Kind> {
    match s {
        "org" => Ok(Kind::Organization),
        _ => s.parse().map_err(PyValueError::new_err),
    }
}

/// A vietdex index built by `vietdex index`, open for searching. The same
/// queries, filters, ranking and messages as the command.
#[pyclass(frozen, module = "vietdex")]
struct Index {
    searcher: Searcher,
}

#[pymethods]
impl Index {
    /// Opens the index in `path` (default `index`). A missing index raises
    /// `FileNotFoundError` saying how to build one.
    #[new]
    #[pyo3(signature = (path=None))]
    fn new(py: Python<'_>, path: Option<PathBuf>) -> PyResult<Index> {
        let path = path.unwrap_or_else(|| PathBuf::from("index"));
        let res = Arc::clone(resources()?);
        let searcher = py
            .detach(|| Searcher::open(&path, res))
            .map_err(index_error)?;
        Ok(Index { searcher })
    }

    /// Documents in the index.
    fn __len__(&self) -> usize {
        usize::try_from(self.searcher.num_docs()).unwrap_or(usize::MAX)
    }

    /// Ranked hits as dicts, each as `vietdex search --json` prints it.
    /// Filters are keyword arguments named like the command's flags
    /// (`province`, `district`, `commune`, `program`, `org`, `person`,
    /// `entity`, `from` (or `from_`), `to`, `source`, `era`); a string or
    /// a list of strings each. An unknown or ambiguous place raises
    /// `ValueError` with the command's message.
    #[pyo3(signature = (query="", *, limit=10, dedup=false, **filters))]
    fn search<'py>(
        &self,
        py: Python<'py>,
        query: &str,
        limit: usize,
        dedup: bool,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let limit = check_limit("limit", limit)?;
        let kw = kwargs_of(filters, false)?;
        let s = &self.searcher;
        let results = py.detach(|| {
            let filters = kw
                .spec
                .resolve(s.resources())
                .map_err(|e| vietdex_index::Error::Filter(e.0))?;
            s.search(
                query,
                &SearchOptions {
                    limit,
                    dedup,
                    filters,
                },
            )
        });
        to_py(py, &results.map_err(index_error)?.hits)
    }

    /// How many documents match a query and filters (as `search --count`).
    #[pyo3(signature = (query="", **filters))]
    fn count(
        &self,
        py: Python<'_>,
        query: &str,
        filters: Option<&Bound<'_, PyDict>>,
    ) -> PyResult<usize> {
        let kw = kwargs_of(filters, false)?;
        let s = &self.searcher;
        py.detach(|| {
            let filters = kw
                .spec
                .resolve(s.resources())
                .map_err(|e| vietdex_index::Error::Filter(e.0))?;
            s.count(query, &filters)
        })
        .map_err(index_error)
    }

    /// The entities mentioned by the most matching documents, as
    /// `vietdex entities --json`: `{"documents": n, "rows": [...]}`.
    /// `kind` keeps one kind (`province`, `district`, `commune`, `place`,
    /// `program`, `organization` or `org`, `person`, `date`, `quantity`),
    /// `top` rows at most, `by` (`year` or `month`) adds a timeline per
    /// row, `with` (or `with_`, `KIND:VALUE`) keeps documents that also
    /// mention an entity; other keywords are the filters of `search`.
    #[pyo3(signature = (query="", *, kind=None, top=20, by=None, **filters))]
    fn entities<'py>(
        &self,
        py: Python<'py>,
        query: &str,
        kind: Option<&str>,
        top: usize,
        by: Option<&str>,
        filters: Option<&Bound<'py, PyDict>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let top = check_limit("top", top)?;
        let kind = kind.map(kind_of).transpose()?;
        let by = match by {
            None => None,
            Some("year") => Some(Period::Year),
            Some("month") => Some(Period::Month),
            Some(v) => {
                return Err(PyValueError::new_err(format!(
                    "by \"{v}\": expected year or month"
                )));
            }
        };
        let mut kw = kwargs_of(filters, true)?;
        kw.spec.entity.append(&mut kw.with);
        let req = EntityRequest { kind, top, by };
        let s = &self.searcher;
        let report = py.detach(|| {
            let filters = kw
                .spec
                .resolve(s.resources())
                .map_err(|e| vietdex_index::Error::Filter(e.0))?;
            s.entities(query, &filters, &req)
        });
        to_py(py, &report.map_err(index_error)?)
    }

    /// One document by id or source path, as `vietdex show --json`, or
    /// `None` when the index has no such document.
    fn show<'py>(&self, py: Python<'py>, id_or_path: &str) -> PyResult<Bound<'py, PyAny>> {
        let s = &self.searcher;
        let shown = py.detach(|| s.show(id_or_path)).map_err(index_error)?;
        to_py(py, &shown)
    }

    /// Documents, sources, dates, entities and size, as `vietdex stats --json`.
    fn stats<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let s = &self.searcher;
        let stats = py.detach(|| s.stats()).map_err(index_error)?;
        to_py(py, &stats)
    }
}

/// The `vietdex` module.
#[pymodule]
fn _vietdex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(fold, m)?)?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    m.add_function(wrap_pyfunction!(clean, m)?)?;
    m.add_function(wrap_pyfunction!(process_arrow, m)?)?;
    m.add_function(wrap_pyfunction!(near_duplicates, m)?)?;
    m.add_function(wrap_pyfunction!(opensearch_sources, m)?)?;
    m.add_class::<Index>()?;
    m.add("VietdexError", m.py().get_type::<VietdexError>())?;
    Ok(())
}

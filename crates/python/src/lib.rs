//! The `vietdex` Python module (`vietdex._vietdex`): a thin layer that
//! converts Python values to and from the types of the library crates and
//! calls the same functions as the `vietdex` command. Rust work runs with
//! the GIL released.

use std::sync::OnceLock;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use vietdex_pipeline::{Article, Resources};

/// The bundled language resources, loaded once per process.
fn resources() -> PyResult<&'static Resources> {
    static RES: OnceLock<Result<Resources, String>> = OnceLock::new();
    RES.get_or_init(|| Resources::bundled().map_err(|e| e.to_string()))
        .as_ref()
        .map_err(|e| PyRuntimeError::new_err(e.clone()))
}

/// Parses JSON made by serde into Python values (dicts, lists, str, int).
fn from_json<'py>(py: Python<'py>, json: &str) -> PyResult<Bound<'py, PyAny>> {
    py.import("json")?.call_method1("loads", (json,))
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
    let toks = py.detach(|| vietdex_tokenize::analyze(text));
    let out = PyList::empty(py);
    for t in &toks {
        let d = PyDict::new(py);
        d.set_item("position", t.position)?;
        d.set_item("exact", &t.exact)?;
        d.set_item("folded", &t.folded)?;
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

/// The `vietdex` module.
#[pymodule]
fn _vietdex(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(normalize, m)?)?;
    m.add_function(wrap_pyfunction!(fold, m)?)?;
    m.add_function(wrap_pyfunction!(segment, m)?)?;
    m.add_function(wrap_pyfunction!(analyze, m)?)?;
    m.add_function(wrap_pyfunction!(extract, m)?)?;
    Ok(())
}

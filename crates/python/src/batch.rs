//! Arrow record batches of articles in, document batches out. The input
//! columns are read where Arrow holds them (no Python value per row), the
//! rows are processed on every core, and the output columns are built as
//! Arrow arrays; nothing here needs the GIL.

use std::borrow::Cow;
use std::sync::Arc;

use arrow_array::builder::{ListBuilder, StringBuilder};
use arrow_array::cast::AsArray;
use arrow_array::temporal_conversions::{
    as_datetime, as_datetime_with_timezone, date32_to_datetime, date64_to_datetime,
};
use arrow_array::timezone::Tz;
use arrow_array::types::{
    ArrowTimestampType, Float16Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimestampMicrosecondType, TimestampMillisecondType, TimestampNanosecondType,
    TimestampSecondType, UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use arrow_array::{Array, ArrayRef, BooleanArray, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef, TimeUnit};
use chrono::{Datelike, NaiveDateTime, Offset, TimeZone, Timelike};
use rayon::prelude::*;
use serde_json::Value;
use vietdex_ingest::{FieldNames, RejectReason};
use vietdex_pipeline::{Document, Resources};

use crate::{Format, article_of};

/// How the rows of a batch are read.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    /// Each row is a record; its columns are a JSON Lines record's fields.
    Record,
    /// The column `json` holds lines of a JSON Lines file.
    Jsonl,
    /// The column `text` / `html` holds whole files.
    Raw(Format),
}

impl Kind {
    pub fn parse(kind: &str) -> Result<Kind, String> {
        match kind {
            "record" => Ok(Kind::Record),
            "jsonl" => Ok(Kind::Jsonl),
            "txt" | "text" => Ok(Kind::Raw(Format::Text)),
            "html" => Ok(Kind::Raw(Format::Html)),
            _ => Err(format!(
                "kind \"{kind}\": expected record, jsonl, txt or html"
            )),
        }
    }

    /// The column holding each row's content, for the kinds that have one.
    fn content(self) -> Option<&'static str> {
        match self {
            Kind::Record => None,
            Kind::Jsonl => Some("json"),
            Kind::Raw(Format::Text) => Some("text"),
            Kind::Raw(Format::Html) => Some("html"),
        }
    }
}

/// Why a batch as a whole cannot be processed.
#[derive(Debug)]
pub enum BatchError {
    /// A column is missing, or the output does not fit Arrow's limits.
    Value(String),
    /// A column's type cannot be read.
    Type(String),
}

/// The output columns, in order; all nullable.
pub const COLUMNS: [&str; 14] = [
    "record_id",
    "path",
    "id",
    "title",
    "body",
    "published",
    "outlet",
    "author",
    "url",
    "simhash",
    "entities",
    "entity_keys",
    "truncated",
    "error",
];

/// The schema of the output (with the `opensearch` column or not).
pub fn schema(opensearch: bool) -> Schema {
    let mut fields: Vec<Field> = COLUMNS
        .iter()
        .map(|&name| match name {
            "entity_keys" => Field::new(
                name,
                DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
                true,
            ),
            "truncated" => Field::new(name, DataType::Boolean, true),
            _ => Field::new(name, DataType::Utf8, true),
        })
        .collect();
    if opensearch {
        fields.push(Field::new("opensearch", DataType::Utf8, true));
    }
    Schema::new(fields)
}

/// The columns of a schema that the rows are read from, by index.
struct Plan {
    kind: Kind,
    record_id: Option<usize>,
    path: Option<usize>,
    url: Option<usize>,
    content: Option<usize>,
    /// `Kind::Record`: the columns named like a record field that
    /// `vietdex index` reads (title, text, date …), with their names.
    fields: Vec<(String, usize)>,
}

fn column_list(schema: &Schema) -> String {
    schema
        .fields()
        .iter()
        .map(|f| f.name().as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

impl Plan {
    fn new(schema: &Schema, kind: Kind) -> Result<Plan, BatchError> {
        let find = |name: &str| schema.index_of(name).ok();
        let readable = |i: Option<usize>| -> Result<Option<usize>, BatchError> {
            if let Some(i) = i {
                let f = schema.field(i);
                check_readable(f.data_type())
                    .map_err(|e| BatchError::Type(format!("column {}: {e}", f.name())))?;
            }
            Ok(i)
        };
        let mut plan = Plan {
            kind,
            record_id: readable(find("id"))?,
            path: readable(find("path"))?,
            url: None,
            content: None,
            fields: Vec::new(),
        };
        match kind.content() {
            Some(name) => {
                let Some(i) = find(name) else {
                    let kind = match kind {
                        Kind::Jsonl => "jsonl",
                        Kind::Raw(Format::Html) => "html",
                        _ => "txt",
                    };
                    return Err(BatchError::Value(format!(
                        "kind \"{kind}\" reads the column `{name}`, and the batch has none (columns: {})",
                        column_list(schema)
                    )));
                };
                if !is_text(schema.field(i).data_type()) {
                    return Err(BatchError::Type(format!(
                        "column {name}: expected strings or bytes, got {}",
                        schema.field(i).data_type()
                    )));
                }
                plan.content = Some(i);
                if matches!(kind, Kind::Raw(_)) {
                    plan.url = readable(find("url"))?;
                }
            }
            None => {
                let names = FieldNames::default();
                if !names.body.iter().any(|b| find(b).is_some()) {
                    return Err(BatchError::Value(format!(
                        "no text column: a record batch needs one of {} (columns: {})",
                        names.body.join(", "),
                        column_list(schema)
                    )));
                }
                let wanted = [
                    &names.title,
                    &names.body,
                    &names.url,
                    &names.date,
                    &names.outlet,
                    &names.author,
                ];
                for (i, f) in schema.fields().iter().enumerate() {
                    if wanted.iter().any(|list| list.contains(f.name())) {
                        readable(Some(i))?;
                        plan.fields.push((f.name().clone(), i));
                    }
                }
            }
        }
        Ok(plan)
    }
}

/// Strings or bytes (or a dictionary of them).
fn is_text(dt: &DataType) -> bool {
    match dt {
        DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView
        | DataType::FixedSizeBinary(_)
        | DataType::Null => true,
        DataType::Dictionary(_, v) => is_text(v),
        _ => false,
    }
}

/// Whether [`value_at`] reads values of a type (what Python's `to_pylist`
/// gives and a JSON record can hold).
fn check_readable(dt: &DataType) -> Result<(), String> {
    use DataType as D;
    match dt {
        D::Null
        | D::Boolean
        | D::Int8
        | D::Int16
        | D::Int32
        | D::Int64
        | D::UInt8
        | D::UInt16
        | D::UInt32
        | D::UInt64
        | D::Float16
        | D::Float32
        | D::Float64
        | D::Utf8
        | D::LargeUtf8
        | D::Utf8View
        | D::Binary
        | D::LargeBinary
        | D::BinaryView
        | D::FixedSizeBinary(_)
        | D::Date32
        | D::Date64 => Ok(()),
        D::Timestamp(_, None) => Ok(()),
        D::Timestamp(_, Some(tz)) => tz
            .parse::<Tz>()
            .map(|_| ())
            .map_err(|_| format!("unknown time zone \"{tz}\"")),
        D::List(f) | D::LargeList(f) | D::FixedSizeList(f, _) => check_readable(f.data_type()),
        D::Struct(fields) => fields
            .iter()
            .try_for_each(|f| check_readable(f.data_type())),
        D::Dictionary(k, v) if k.is_dictionary_key_type() => check_readable(v),
        other => Err(format!("cannot read a {other} value as a record field")),
    }
}

/// The key of a dictionary array's row, `None` when null.
fn dictionary_key(array: &dyn Array, i: usize) -> Option<usize> {
    match array.data_type() {
        DataType::Dictionary(k, _) => match k.as_ref() {
            DataType::Int8 => array.as_dictionary::<Int8Type>().key(i),
            DataType::Int16 => array.as_dictionary::<Int16Type>().key(i),
            DataType::Int32 => array.as_dictionary::<Int32Type>().key(i),
            DataType::Int64 => array.as_dictionary::<Int64Type>().key(i),
            DataType::UInt8 => array.as_dictionary::<UInt8Type>().key(i),
            DataType::UInt16 => array.as_dictionary::<UInt16Type>().key(i),
            DataType::UInt32 => array.as_dictionary::<UInt32Type>().key(i),
            DataType::UInt64 => array.as_dictionary::<UInt64Type>().key(i),
            _ => None,
        },
        _ => None,
    }
}

/// A row's bytes, for binary arrays.
fn bytes_at(array: &dyn Array, i: usize) -> Option<&[u8]> {
    match array.data_type() {
        DataType::Binary => Some(array.as_binary::<i32>().value(i)),
        DataType::LargeBinary => Some(array.as_binary::<i64>().value(i)),
        DataType::BinaryView => Some(array.as_binary_view().value(i)),
        DataType::FixedSizeBinary(_) => Some(array.as_fixed_size_binary().value(i)),
        _ => None,
    }
}

/// A row's string, for string arrays.
pub fn str_at(array: &dyn Array, i: usize) -> Option<&str> {
    match array.data_type() {
        DataType::Utf8 => Some(array.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Some(array.as_string::<i64>().value(i)),
        DataType::Utf8View => Some(array.as_string_view().value(i)),
        _ => None,
    }
}

/// How a text column's bytes become text.
#[derive(Clone, Copy)]
enum Bytes {
    /// As `vietdex index` decodes a file (BOM, UTF-16, legacy encodings).
    Decode,
    /// UTF-8, invalid bytes replaced (a JSON Lines line).
    Lossy,
}

/// A text column's row: borrowed from the array when it is a string.
/// `Err` when bytes do not decode.
fn text_at(array: &dyn Array, i: usize, bytes: Bytes) -> Result<Option<Cow<'_, str>>, String> {
    if array.is_null(i) {
        return Ok(None);
    }
    if let Some(s) = str_at(array, i) {
        return Ok(Some(Cow::Borrowed(s)));
    }
    if let Some(b) = bytes_at(array, i) {
        return match bytes {
            Bytes::Decode => vietdex_ingest::decode(b)
                .map(|s| Some(Cow::Owned(s)))
                .map_err(|e| e.to_string()),
            Bytes::Lossy => Ok(Some(String::from_utf8_lossy(b))),
        };
    }
    if let DataType::Dictionary(_, _) = array.data_type() {
        let values = array.as_any_dictionary().values();
        return match dictionary_key(array, i) {
            Some(k) if k < values.len() => text_at(values.as_ref(), k, bytes),
            _ => Ok(None),
        };
    }
    Ok(None)
}

/// Python's `datetime.isoformat()` of a time, with its UTC offset when it
/// has one: what a record's date field holds after `to_pylist`.
fn iso_datetime(dt: NaiveDateTime, offset_secs: Option<i32>) -> String {
    let mut s = format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        dt.year(),
        dt.month(),
        dt.day(),
        dt.hour(),
        dt.minute(),
        dt.second()
    );
    let micros = dt.nanosecond() / 1000;
    if micros != 0 {
        s.push_str(&format!(".{micros:06}"));
    }
    if let Some(off) = offset_secs {
        let sign = if off < 0 { '-' } else { '+' };
        let off = off.unsigned_abs();
        s.push_str(&format!("{sign}{:02}:{:02}", off / 3600, off / 60 % 60));
    }
    s
}

fn iso_date(dt: NaiveDateTime) -> String {
    format!("{:04}-{:02}-{:02}", dt.year(), dt.month(), dt.day())
}

fn timestamp<T: ArrowTimestampType>(array: &dyn Array, i: usize, tz: Option<&str>) -> Value {
    let v = array.as_primitive::<T>().value(i);
    let s = match tz.map(str::parse::<Tz>) {
        None => as_datetime::<T>(v).map(|dt| iso_datetime(dt, None)),
        Some(Ok(tz)) => as_datetime_with_timezone::<T>(v, tz).map(|dt| {
            let off = tz.offset_from_utc_datetime(&dt.naive_utc()).fix();
            iso_datetime(dt.naive_local(), Some(off.local_minus_utc()))
        }),
        Some(Err(_)) => None,
    };
    s.map_or(Value::Null, Value::String)
}

fn float(v: f64) -> Value {
    serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
}

/// A row's value as a JSON Lines record would hold it (as Python's
/// `to_pylist` gives it: dates and times as ISO text, structs as
/// objects). `Err` when bytes do not decode.
fn value_at(array: &dyn Array, i: usize) -> Result<Value, String> {
    use DataType as D;
    if array.is_null(i) {
        return Ok(Value::Null);
    }
    if let Some(s) = str_at(array, i) {
        return Ok(Value::String(s.to_string()));
    }
    if let Some(b) = bytes_at(array, i) {
        return vietdex_ingest::decode(b)
            .map(Value::String)
            .map_err(|e| e.to_string());
    }
    Ok(match array.data_type() {
        D::Null => Value::Null,
        D::Boolean => Value::Bool(array.as_boolean().value(i)),
        D::Int8 => array.as_primitive::<Int8Type>().value(i).into(),
        D::Int16 => array.as_primitive::<Int16Type>().value(i).into(),
        D::Int32 => array.as_primitive::<Int32Type>().value(i).into(),
        D::Int64 => array.as_primitive::<Int64Type>().value(i).into(),
        D::UInt8 => array.as_primitive::<UInt8Type>().value(i).into(),
        D::UInt16 => array.as_primitive::<UInt16Type>().value(i).into(),
        D::UInt32 => array.as_primitive::<UInt32Type>().value(i).into(),
        D::UInt64 => array.as_primitive::<UInt64Type>().value(i).into(),
        D::Float16 => float(array.as_primitive::<Float16Type>().value(i).to_f64()),
        D::Float32 => float(f64::from(array.as_primitive::<Float32Type>().value(i))),
        D::Float64 => float(array.as_primitive::<Float64Type>().value(i)),
        D::Date32 => date32_to_datetime(
            array
                .as_primitive::<arrow_array::types::Date32Type>()
                .value(i),
        )
        .map_or(Value::Null, |d| Value::String(iso_date(d))),
        D::Date64 => date64_to_datetime(
            array
                .as_primitive::<arrow_array::types::Date64Type>()
                .value(i),
        )
        .map_or(Value::Null, |d| Value::String(iso_date(d))),
        D::Timestamp(unit, tz) => {
            let tz = tz.as_deref();
            match unit {
                TimeUnit::Second => timestamp::<TimestampSecondType>(array, i, tz),
                TimeUnit::Millisecond => timestamp::<TimestampMillisecondType>(array, i, tz),
                TimeUnit::Microsecond => timestamp::<TimestampMicrosecondType>(array, i, tz),
                TimeUnit::Nanosecond => timestamp::<TimestampNanosecondType>(array, i, tz),
            }
        }
        D::List(_) => list_value(array.as_list::<i32>().value(i).as_ref())?,
        D::LargeList(_) => list_value(array.as_list::<i64>().value(i).as_ref())?,
        D::FixedSizeList(_, _) => list_value(array.as_fixed_size_list().value(i).as_ref())?,
        D::Struct(_) => {
            let s = array.as_struct();
            let mut m = serde_json::Map::new();
            for (f, col) in s.fields().iter().zip(s.columns()) {
                m.insert(f.name().clone(), value_at(col.as_ref(), i)?);
            }
            Value::Object(m)
        }
        D::Dictionary(_, _) => {
            let values = array.as_any_dictionary().values();
            match dictionary_key(array, i) {
                Some(k) if k < values.len() => value_at(values.as_ref(), k)?,
                _ => Value::Null,
            }
        }
        other => return Err(format!("cannot read a {other} value as a record field")),
    })
}

fn list_value(items: &dyn Array) -> Result<Value, String> {
    (0..items.len())
        .map(|j| value_at(items, j))
        .collect::<Result<Vec<_>, _>>()
        .map(Value::Array)
}

/// A column's value as text (ids, paths, addresses): strings as they are,
/// other values as JSON.
fn label_at(array: &dyn Array, i: usize) -> Result<Option<String>, String> {
    if array.is_null(i) {
        return Ok(None);
    }
    if let Some(s) = str_at(array, i) {
        return Ok(Some(s.to_string()));
    }
    Ok(match value_at(array, i)? {
        Value::Null => None,
        Value::String(s) => Some(s),
        other => Some(other.to_string()),
    })
}

/// One output row: the caller's id, the path, and the document or why
/// the record was rejected.
pub struct Outcome {
    record_id: Option<String>,
    path: Option<String>,
    result: Result<Processed, String>,
}

struct Processed {
    doc: Document,
    simhash: Option<String>,
    entities: String,
    keys: Vec<String>,
    bulk: Option<String>,
    /// The text was cut at [`vietdex_ingest::MAX_TEXT`] bytes.
    truncated: bool,
}

/// The columns of one batch, as the plan names them.
struct Columns<'a> {
    kind: Kind,
    record_id: Option<&'a dyn Array>,
    path: Option<&'a dyn Array>,
    url: Option<&'a dyn Array>,
    content: Option<&'a dyn Array>,
    fields: Vec<(&'a str, &'a dyn Array)>,
}

impl<'a> Columns<'a> {
    fn new(plan: &'a Plan, batch: &'a RecordBatch) -> Columns<'a> {
        let col = |i: Option<usize>| i.map(|i| batch.column(i).as_ref());
        Columns {
            kind: plan.kind,
            record_id: col(plan.record_id),
            path: col(plan.path),
            url: col(plan.url),
            content: col(plan.content),
            fields: plan
                .fields
                .iter()
                .map(|(name, i)| (name.as_str(), batch.column(*i).as_ref()))
                .collect(),
        }
    }

    /// Reads row `i` and processes it as `vietdex index` does a record or
    /// file.
    fn process(&self, i: usize, res: &Resources, bulk: bool) -> Outcome {
        let label = |col: Option<&dyn Array>, name: &str| -> Result<Option<String>, String> {
            col.map_or(Ok(None), |c| {
                label_at(c, i).map_err(|e| format!("column {name}: {e}"))
            })
        };
        let record_id = label(self.record_id, "id");
        let path = label(self.path, "path");
        let (record_id, path) = match (record_id, path) {
            (Ok(r), Ok(p)) => (r, p),
            (r, p) => {
                let error = [r.as_ref().err(), p.as_ref().err()]
                    .into_iter()
                    .flatten()
                    .cloned()
                    .collect::<Vec<_>>()
                    .join("; ");
                return Outcome {
                    record_id: r.ok().flatten(),
                    path: p.ok().flatten(),
                    result: Err(error),
                };
            }
        };
        let source = path.as_deref().unwrap_or_default();
        let opts = vietdex_ingest::Options::default();
        let empty = || RejectReason::Empty.to_string();
        let article = match self.kind {
            Kind::Record => {
                let mut m = serde_json::Map::new();
                let mut read = Ok(());
                for (name, col) in &self.fields {
                    match value_at(*col, i) {
                        Ok(v) => {
                            m.insert((*name).to_string(), v);
                        }
                        Err(e) => {
                            read = Err(format!("column {name}: {e}"));
                            break;
                        }
                    }
                }
                read.and_then(|()| {
                    vietdex_ingest::record_article(&Value::Object(m), &opts, source, 0)
                        .map_err(|e| e.to_string())
                })
            }
            Kind::Jsonl => match self.content.map(|c| text_at(c, i, Bytes::Lossy)) {
                Some(Ok(Some(line))) if !line.trim().is_empty() => {
                    serde_json::from_str::<Value>(&line)
                        .map_err(|e| RejectReason::Parse(format!("invalid JSON: {e}")))
                        .and_then(|v| vietdex_ingest::record_article(&v, &opts, source, 0))
                        .map_err(|e| e.to_string())
                }
                Some(Err(e)) => Err(e),
                _ => Err(empty()),
            },
            Kind::Raw(format) => match self.content.map(|c| text_at(c, i, Bytes::Decode)) {
                Some(Ok(Some(text))) => label(self.url, "url").and_then(|url| {
                    article_of(format, source, &text, url).map_err(|e| e.to_string())
                }),
                Some(Err(e)) => Err(e),
                _ => Err(empty()),
            },
        };
        let result = article.map(|(a, truncated)| {
            let doc = vietdex_pipeline::process(a, res);
            let entities = serde_json::to_string(&doc.entities).unwrap_or_default();
            let keys = doc.entity_keys.iter().map(ToString::to_string).collect();
            let simhash = doc.article.simhash.map(|h| format!("{h:016x}"));
            let bulk = bulk.then(|| {
                let place = vietdex_opensearch::document::Placement {
                    sources: vec![doc.article.source.clone()],
                    cluster: doc.article.id.clone(),
                    cluster_size: 1,
                };
                vietdex_opensearch::document::source_json(&doc, &place, res)
            });
            Processed {
                doc,
                simhash,
                entities,
                keys,
                bulk,
                truncated,
            }
        });
        Outcome {
            record_id,
            path,
            result,
        }
    }
}

/// Processes the rows of `batches` (all of `schema`) on every core and
/// returns one batch of documents, a row for each input row, in order.
pub fn process(
    schema: &Schema,
    batches: &[RecordBatch],
    kind: Kind,
    opensearch: bool,
    res: &Resources,
) -> Result<RecordBatch, BatchError> {
    let plan = Plan::new(schema, kind)?;
    if opensearch {
        res.preload();
    }
    let rows = batches.iter().map(RecordBatch::num_rows).sum();
    let mut out: Vec<Outcome> = Vec::with_capacity(rows);
    for batch in batches {
        let cols = Columns::new(&plan, batch);
        let mut part = Vec::new();
        (0..batch.num_rows())
            .into_par_iter()
            .with_min_len(4)
            .map(|i| cols.process(i, res, opensearch))
            .collect_into_vec(&mut part);
        out.append(&mut part);
    }
    output(&out, opensearch)
}

/// Largest number of bytes in an Arrow `string` column.
pub const MAX_STRING_BYTES: usize = i32::MAX as usize;

fn too_large(name: &str, bytes: usize) -> BatchError {
    BatchError::Value(format!(
        "the documents of this batch hold {bytes} bytes in column {name}, more than an Arrow \
         string column holds (2 GiB): give smaller batches"
    ))
}

fn strings<'a>(
    name: &str,
    out: &'a [Outcome],
    f: impl Fn(&'a Outcome) -> Option<&'a str>,
) -> Result<ArrayRef, BatchError> {
    let bytes: usize = out.iter().filter_map(&f).map(str::len).sum();
    if bytes > MAX_STRING_BYTES {
        return Err(too_large(name, bytes));
    }
    let mut b = StringBuilder::with_capacity(out.len(), bytes);
    for o in out {
        b.append_option(f(o));
    }
    Ok(Arc::new(b.finish()))
}

/// The article of a row that holds a document.
fn article(o: &Outcome) -> Option<&vietdex_pipeline::Article> {
    o.result.as_ref().ok().map(|p| &p.doc.article)
}

/// A document field of the rows that hold a document.
fn doc_str<'a>(o: &'a Outcome, f: impl Fn(&'a Processed) -> Option<&'a str>) -> Option<&'a str> {
    o.result.as_ref().ok().and_then(f)
}

fn output(out: &[Outcome], opensearch: bool) -> Result<RecordBatch, BatchError> {
    let mut columns: Vec<ArrayRef> = vec![
        strings("record_id", out, |o| o.record_id.as_deref())?,
        strings("path", out, |o| o.path.as_deref())?,
        strings("id", out, |o| article(o).map(|a| a.id.as_str()))?,
        strings("title", out, |o| article(o).map(|a| a.title.as_str()))?,
        strings("body", out, |o| article(o).map(|a| a.body.as_str()))?,
        strings("published", out, |o| {
            article(o).and_then(|a| a.published.as_deref())
        })?,
        strings("outlet", out, |o| {
            article(o).and_then(|a| a.outlet.as_deref())
        })?,
        strings("author", out, |o| {
            article(o).and_then(|a| a.author.as_deref())
        })?,
        strings("url", out, |o| article(o).and_then(|a| a.url.as_deref()))?,
        strings("simhash", out, |o| doc_str(o, |p| p.simhash.as_deref()))?,
        strings("entities", out, |o| {
            doc_str(o, |p| Some(p.entities.as_str()))
        })?,
    ];
    let key_bytes: usize = out
        .iter()
        .filter_map(|o| o.result.as_ref().ok())
        .flat_map(|p| p.keys.iter().map(String::len))
        .sum();
    if key_bytes > MAX_STRING_BYTES {
        return Err(too_large("entity_keys", key_bytes));
    }
    let mut keys =
        ListBuilder::with_capacity(StringBuilder::with_capacity(0, key_bytes), out.len());
    for o in out {
        match &o.result {
            Ok(p) => {
                for k in &p.keys {
                    keys.values().append_value(k);
                }
                keys.append(true);
            }
            Err(_) => keys.append(false),
        }
    }
    columns.push(Arc::new(keys.finish()));
    columns.push(Arc::new(
        out.iter()
            .map(|o| o.result.as_ref().ok().map(|p| p.truncated))
            .collect::<BooleanArray>(),
    ));
    columns.push(strings("error", out, |o| {
        o.result.as_ref().err().map(String::as_str)
    })?);
    if opensearch {
        columns.push(strings("opensearch", out, |o| {
            doc_str(o, |p| p.bulk.as_deref())
        })?);
    }
    let schema: SchemaRef = Arc::new(schema(opensearch));
    RecordBatch::try_new(schema, columns).map_err(|e| BatchError::Value(e.to_string()))
}

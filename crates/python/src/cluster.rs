//! Near-duplicate clusters of documents processed apart (the partitions
//! of a distributed job), and their OpenSearch sources once placed: the
//! functions `vietdex index` and `vietdex export` cluster and write with,
//! over Arrow columns.

use std::sync::Arc;

use arrow_array::builder::StringBuilder;
use arrow_array::cast::AsArray;
use arrow_array::{Array, ArrayRef, Int32Array, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use rayon::prelude::*;
use vietdex_opensearch::document::{Placement, known_document, source_json};
use vietdex_pipeline::entities::Entity;
use vietdex_pipeline::{Article, Resources};

use crate::batch::{BatchError, MAX_STRING_BYTES, str_at};

/// A string column of a schema, by name; `required` ones must exist.
fn string_column(schema: &Schema, name: &str, required: bool) -> Result<Option<usize>, BatchError> {
    match schema.index_of(name) {
        Ok(i) => match schema.field(i).data_type() {
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null => {
                Ok(Some(i))
            }
            other => Err(BatchError::Type(format!(
                "column {name}: expected strings, got {other}"
            ))),
        },
        Err(_) if required => Err(BatchError::Value(format!(
            "the batch has no column `{name}` (columns: {})",
            schema
                .fields()
                .iter()
                .map(|f| f.name().as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))),
        Err(_) => Ok(None),
    }
}

/// A row's string (`None` when null or the column is absent).
fn text(batch: &RecordBatch, col: Option<usize>, i: usize) -> Option<&str> {
    let a = batch.column(col?).as_ref();
    if a.is_null(i) { None } else { str_at(a, i) }
}

/// A SimHash as `process_batch` writes it (16 hex digits).
fn simhash(s: &str, id: &str) -> Result<u64, BatchError> {
    u64::from_str_radix(s, 16).map_err(|_| {
        BatchError::Value(format!(
            "document {id}: simhash \"{s}\" is not a hexadecimal SimHash as process_batch writes it"
        ))
    })
}

/// Near-duplicate clusters of documents given by `id` and `simhash`
/// columns (one row per document; rows with the same id are one
/// document, rows without an id are skipped): SimHashes at most 3 bits
/// apart fall in one cluster, transitively, named by its smallest id, as
/// `vietdex index` clusters. Returns one row per document, in id order:
/// `id`, `cluster`, `cluster_size`.
pub fn clusters(schema: &Schema, batches: &[RecordBatch]) -> Result<RecordBatch, BatchError> {
    let id_col = string_column(schema, "id", true)?;
    let hash_col = string_column(schema, "simhash", true)?;
    let mut docs: Vec<(&str, Option<u64>)> = Vec::new();
    for batch in batches {
        for i in 0..batch.num_rows() {
            let Some(id) = text(batch, id_col, i) else {
                continue;
            };
            let hash = text(batch, hash_col, i)
                .map(|h| simhash(h, id))
                .transpose()?;
            docs.push((id, hash));
        }
    }
    docs.sort_unstable();
    // One document per id; a SimHash if any row has one.
    docs.dedup_by(|later, kept| {
        if later.0 != kept.0 {
            return false;
        }
        kept.1 = kept.1.or(later.1);
        true
    });
    let hashes: Vec<Option<u64>> = docs.iter().map(|d| d.1).collect();
    let assigned = vietdex_ingest::fingerprint::cluster_assignments(&hashes);
    let bytes: usize = docs.iter().map(|d| d.0.len()).sum();
    if bytes > MAX_STRING_BYTES {
        return Err(BatchError::Value(format!(
            "the document ids hold {bytes} bytes, more than an Arrow string column holds (2 GiB)"
        )));
    }
    let mut ids = StringBuilder::with_capacity(docs.len(), bytes);
    let mut names = StringBuilder::with_capacity(docs.len(), bytes);
    for (d, &(root, _)) in docs.iter().zip(&assigned) {
        ids.append_value(d.0);
        names.append_value(docs.get(root).map_or(d.0, |r| r.0));
    }
    let sizes: Int32Array = assigned
        .iter()
        .map(|&(_, n)| Some(i32::try_from(n).unwrap_or(i32::MAX)))
        .collect();
    let schema = Schema::new(vec![
        Field::new("id", DataType::Utf8, false),
        Field::new("cluster", DataType::Utf8, false),
        Field::new("cluster_size", DataType::Int32, false),
    ]);
    let columns: Vec<ArrayRef> = vec![
        Arc::new(ids.finish()),
        Arc::new(names.finish()),
        Arc::new(sizes),
    ];
    RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| BatchError::Value(e.to_string()))
}

/// The columns of a placed document batch.
struct Placed {
    id: Option<usize>,
    path: Option<usize>,
    title: Option<usize>,
    body: Option<usize>,
    published: Option<usize>,
    outlet: Option<usize>,
    author: Option<usize>,
    url: Option<usize>,
    simhash: Option<usize>,
    entities: Option<usize>,
    cluster: Option<usize>,
    cluster_size: Option<usize>,
    sources: Option<usize>,
}

impl Placed {
    fn new(schema: &Schema) -> Result<Placed, BatchError> {
        let col = |name, required| string_column(schema, name, required);
        let int = |name: &str| -> Result<Option<usize>, BatchError> {
            match schema.index_of(name) {
                Ok(i) if schema.field(i).data_type().is_integer() => Ok(Some(i)),
                Ok(i) => Err(BatchError::Type(format!(
                    "column {name}: expected integers, got {}",
                    schema.field(i).data_type()
                ))),
                Err(_) => Ok(None),
            }
        };
        let sources = match schema.index_of("sources") {
            Ok(i) => match schema.field(i).data_type() {
                DataType::List(f) | DataType::LargeList(f)
                    if matches!(
                        f.data_type(),
                        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
                    ) =>
                {
                    Some(i)
                }
                other => {
                    return Err(BatchError::Type(format!(
                        "column sources: expected lists of strings, got {other}"
                    )));
                }
            },
            Err(_) => None,
        };
        Ok(Placed {
            id: col("id", true)?,
            path: col("path", false)?,
            title: col("title", true)?,
            body: col("body", true)?,
            published: col("published", false)?,
            outlet: col("outlet", false)?,
            author: col("author", false)?,
            url: col("url", false)?,
            simhash: col("simhash", false)?,
            entities: col("entities", true)?,
            cluster: col("cluster", false)?,
            cluster_size: int("cluster_size")?,
            sources,
        })
    }

    /// The sources of row `i`: the `sources` list when given and not
    /// empty, else the `path`.
    fn sources(&self, batch: &RecordBatch, i: usize) -> Vec<String> {
        if let Some(c) = self.sources {
            let a = batch.column(c).as_ref();
            if !a.is_null(i) {
                let items = match a.data_type() {
                    DataType::List(_) => a.as_list::<i32>().value(i),
                    _ => a.as_list::<i64>().value(i),
                };
                let list: Vec<String> = (0..items.len())
                    .filter(|&j| !items.is_null(j))
                    .filter_map(|j| str_at(items.as_ref(), j).map(str::to_string))
                    .collect();
                if !list.is_empty() {
                    return list;
                }
            }
        }
        vec![text(batch, self.path, i).unwrap_or_default().to_string()]
    }

    /// The cluster size of row `i` (1 when absent).
    fn cluster_size(&self, batch: &RecordBatch, i: usize) -> u32 {
        use arrow_array::types::{
            Int8Type, Int16Type, Int32Type, Int64Type, UInt8Type, UInt16Type, UInt32Type,
            UInt64Type,
        };
        let Some(c) = self.cluster_size else {
            return 1;
        };
        let a = batch.column(c).as_ref();
        if a.is_null(i) {
            return 1;
        }
        let v: i128 = match a.data_type() {
            DataType::Int8 => a.as_primitive::<Int8Type>().value(i).into(),
            DataType::Int16 => a.as_primitive::<Int16Type>().value(i).into(),
            DataType::Int32 => a.as_primitive::<Int32Type>().value(i).into(),
            DataType::Int64 => a.as_primitive::<Int64Type>().value(i).into(),
            DataType::UInt8 => a.as_primitive::<UInt8Type>().value(i).into(),
            DataType::UInt16 => a.as_primitive::<UInt16Type>().value(i).into(),
            DataType::UInt32 => a.as_primitive::<UInt32Type>().value(i).into(),
            DataType::UInt64 => a.as_primitive::<UInt64Type>().value(i).into(),
            _ => 1,
        };
        u32::try_from(v.max(1)).unwrap_or(u32::MAX)
    }

    /// The OpenSearch source of row `i`, `None` for a row without a
    /// document (no id).
    fn source(
        &self,
        batch: &RecordBatch,
        i: usize,
        res: &Resources,
    ) -> Result<Option<String>, String> {
        let Some(id) = text(batch, self.id, i) else {
            return Ok(None);
        };
        let opt = |c: Option<usize>| text(batch, c, i).map(str::to_string);
        let entities: Vec<Entity> = match text(batch, self.entities, i) {
            Some(json) => serde_json::from_str(json).map_err(|e| {
                format!("document {id}: the entities column is not vietdex's entity JSON: {e}")
            })?,
            None => Vec::new(),
        };
        let simhash = match text(batch, self.simhash, i) {
            Some(h) => Some(simhash(h, id).map_err(|e| match e {
                BatchError::Value(m) | BatchError::Type(m) => m,
            })?),
            None => None,
        };
        let sources = self.sources(batch, i);
        let article = Article {
            id: id.to_string(),
            source: sources.first().cloned().unwrap_or_default(),
            n: 0,
            url: opt(self.url),
            title: opt(self.title).unwrap_or_default(),
            body: opt(self.body).unwrap_or_default(),
            published: opt(self.published),
            outlet: opt(self.outlet),
            author: opt(self.author),
            simhash,
        };
        let place = Placement {
            sources,
            cluster: opt(self.cluster).unwrap_or_else(|| id.to_string()),
            cluster_size: self.cluster_size(batch, i),
        };
        let doc = known_document(article, entities);
        Ok(Some(source_json(&doc, &place, res)))
    }
}

/// The OpenSearch / Elasticsearch JSON source of each document row, as
/// `vietdex export` writes it, placed in its near-duplicate cluster: the
/// columns of `process_batch` (`id`, `title`, `body`, `published`,
/// `outlet`, `author`, `url`, `simhash`, `entities`; the entities are not
/// extracted again) with `cluster`, `cluster_size` and `sources` (a list;
/// else the `path`). Returns `id` and `opensearch`, one row per input row
/// (null for rows without an id).
pub fn opensearch_sources(
    schema: &Schema,
    batches: &[RecordBatch],
    res: &Resources,
) -> Result<RecordBatch, BatchError> {
    let cols = Placed::new(schema)?;
    res.preload();
    let mut rows: Vec<(Option<&str>, Option<String>)> = Vec::new();
    for batch in batches {
        let mut part = Vec::new();
        (0..batch.num_rows())
            .into_par_iter()
            .with_min_len(4)
            .map(|i| {
                cols.source(batch, i, res)
                    .map(|s| (text(batch, cols.id, i), s))
            })
            .collect_into_vec(&mut part);
        for r in part {
            rows.push(r.map_err(BatchError::Value)?);
        }
    }
    let mut ids = StringBuilder::new();
    let mut sources = StringBuilder::new();
    let mut bytes = 0usize;
    for (id, source) in &rows {
        bytes += source.as_ref().map_or(0, String::len);
        if bytes > MAX_STRING_BYTES {
            return Err(BatchError::Value(
                "the documents' sources hold more than an Arrow string column holds (2 GiB): \
                 give smaller batches"
                    .into(),
            ));
        }
        ids.append_option(*id);
        sources.append_option(source.as_deref());
    }
    let schema = Schema::new(vec![
        Field::new("id", DataType::Utf8, true),
        Field::new("opensearch", DataType::Utf8, true),
    ]);
    let columns: Vec<ArrayRef> = vec![Arc::new(ids.finish()), Arc::new(sources.finish())];
    RecordBatch::try_new(Arc::new(schema), columns).map_err(|e| BatchError::Value(e.to_string()))
}

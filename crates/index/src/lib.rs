//! The vietdex index: a Tantivy index whose text fields exist twice, exact
//! and folded, a query language that segments Vietnamese words and expands
//! abbreviations, and search with ranking tiers and snippets.
//!
//! Only this crate knows Tantivy's engine; the analysis it registers comes
//! from `vietdex-tokenize`.
//!
//! - [`schema`]: the fields and the tokenizers registered for them.
//! - [`mod@build`]: creating an index and feeding it articles from many threads.
//! - [`query`]: parsing what a user types into a Tantivy query.
//! - [`search`]: opening an index and returning ranked hits with snippets.

pub mod build;
pub mod check;
pub mod dir;
pub mod doctable;
mod error;
pub mod explore;
pub mod export;
pub mod filters;
pub mod query;
pub mod schema;
pub mod search;
pub mod state;
mod storage;

pub use build::{BuildOptions, BuildReport, Progress, build};
pub use check::{CheckReport, RepairReport, check, repair};
pub use error::{Error, Result};
pub use explore::{
    Edge, EntityReport, EntityRequest, EntityRow, Graph, Period, Shown, Stats, Timeline,
    entity_report,
};
pub use search::{Hit, Results, SearchOptions, Searcher, Snippet, Snippets, StoredDoc};
pub use vietdex_pipeline::{Filter, FilterSpec};

/// File that marks a directory as a vietdex index and records its format
/// version. `vietdex index` writes into a directory only when it holds this
/// file or is empty.
pub const MARKER_FILE: &str = "vietdex-index.json";
/// Version of the index format (schema, state files). An index of another
/// version is refused with instructions to rebuild it.
pub const FORMAT_VERSION: u32 = 2;
/// File in the index directory holding the process id of the running
/// `vietdex index`, to name it when a second one is refused.
pub const WRITER_PID_FILE: &str = "writer.pid";
/// File in the index directory that describes the build (JSON).
pub const MANIFEST_FILE: &str = "vietdex.json";
/// File in the index directory listing the rejected sources (TSV).
pub const REJECTS_FILE: &str = "rejects.tsv";

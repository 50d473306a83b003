#![recursion_limit = "256"]
//! vietdex on OpenSearch and Elasticsearch.
//!
//! vietdex does the Vietnamese work itself and hands the engine text that
//! is already analysed: each text field holds whitespace-separated tokens
//! (exact syllables, folded syllables, segmented words), so the engine needs
//! only its built-in `whitespace` tokenizer and no plugin.
//!
//! - [`document`]: a processed document as the JSON source the engine
//!   indexes, and bulk (NDJSON) files of them.
//! - [`template`]: the composable index template (mappings and analyzer).
//! - [`translate`]: a parsed query ([`vietdex_pipeline::ParsedQuery`]) and
//!   resolved filters as an engine query, with the same semantics as the
//!   local Tantivy compiler in `vietdex-index`.
//! - [`client`]: a blocking HTTP client that searches, aggregates and
//!   loads bulk files, reporting every rejected document.

pub mod client;
pub mod document;
pub mod template;
pub mod translate;

pub use client::{Backend, BulkReport, Credentials, Error};

/// The index (or alias) name vietdex uses unless told otherwise.
pub const DEFAULT_INDEX: &str = "vietdex";

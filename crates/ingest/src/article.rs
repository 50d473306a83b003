use serde::{Deserialize, Serialize};

/// One article, as parsed and cleaned from a source.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Content identifier: a hash of the normalized body, shared by exact
    /// duplicates (see [`crate::fingerprint`]).
    pub id: String,
    /// The source file.
    pub source: String,
    /// Place of the article in its source (0 for one-article files).
    pub n: usize,
    /// Original address, when the source names one.
    pub url: Option<String>,
    /// Headline.
    pub title: String,
    /// Publication date, ISO 8601 (`2024-04-08`, or `2023-06` when only the month is known).
    pub published: Option<String>,
    /// Outlet (newspaper, portal).
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Article text, paragraphs separated by blank lines.
    pub body: String,
    /// SimHash of the body for near-duplicate detection, when long enough.
    pub simhash: Option<u64>,
}

use serde::{Deserialize, Serialize};

/// One article, as parsed from a source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// Stable identifier: a hash of the source path and the article's place in it.
    pub id: String,
    /// The source file (as given on the command line, joined with the walk).
    pub source: String,
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
}

impl Article {
    /// The identifier of the `n`-th article of `source`.
    pub fn make_id(source: &str, n: usize) -> String {
        let mut h = xxhash_rust::xxh3::Xxh3::new();
        h.update(source.as_bytes());
        h.update(&[0]);
        h.update(&(n as u64).to_le_bytes());
        format!("{:016x}", h.digest())
    }
}

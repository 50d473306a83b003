use std::fmt;
use std::path::{Path, PathBuf};

use crate::escape;

/// Why a source (or one record of it) was not indexed.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RejectReason {
    /// The file could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The bytes are not text in any supported encoding, or do not decompress.
    #[error("cannot decode: {0}")]
    Decode(String),
    /// The text does not parse in its format.
    #[error("cannot parse: {0}")]
    Parse(String),
    /// The file decodes but holds no article text.
    #[error("empty: no article text")]
    Empty,
    /// Larger than the configured limit.
    #[error("too large: over {0} bytes once decompressed (raise the limit with --max-bytes)")]
    TooLarge(u64),
    /// A directory walk failed.
    #[error("cannot list: {0}")]
    Walk(String),
}

/// A source file (or one of its records) that was not indexed, with the reason.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Reject {
    /// The file.
    pub path: PathBuf,
    /// 1-based line of the record, for JSON Lines.
    pub line: Option<usize>,
    /// Why.
    pub reason: RejectReason,
}

impl Reject {
    /// A reject for a whole file.
    pub fn new(path: &Path, reason: RejectReason) -> Self {
        Reject {
            path: path.to_path_buf(),
            line: None,
            reason,
        }
    }
}

impl fmt::Display for Reject {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{}: {}", escape::path(&self.path), l, self.reason),
            None => write!(f, "{}: {}", escape::path(&self.path), self.reason),
        }
    }
}

use std::path::PathBuf;

/// Errors of the index crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// No index at the given directory.
    #[error("no index at {}: build one with `vietdex index [PATH...] --index {}`", .0.display(), .0.display())]
    NoIndex(PathBuf),
    /// The directory holds an index built with another schema.
    #[error("the index at {} was built by an incompatible version of vietdex: remove the directory and run `vietdex index` again", .0.display())]
    Incompatible(PathBuf),
    /// The directory is not empty and holds no vietdex index: it is never
    /// written to.
    #[error("{} is not empty and is not a vietdex index (it holds {}): nothing was changed; give `--index` a new or empty directory", .0.display(), .1)]
    NotAnIndex(PathBuf, String),
    /// The path exists and is not a directory.
    #[error("{} exists and is not a directory: give `--index` a new or empty directory", .0.display())]
    NotADirectory(PathBuf),
    /// The index was written in another format version.
    #[error("the index at {} has format version {found}, this vietdex reads version {expected}: rebuild it with `vietdex index PATH... --index NEW_DIR` (or delete {} yourself and run `vietdex index` again)", .dir.display(), .dir.display())]
    FormatVersion {
        /// The index directory.
        dir: PathBuf,
        /// Version found in its marker.
        found: String,
        /// Version this build reads.
        expected: u32,
    },
    /// The query could not be understood.
    #[error("cannot parse query: {0}")]
    Query(String),
    /// A filter value is unknown or ambiguous; the message says what to do.
    #[error("{0}")]
    Filter(String),
    /// An input path does not exist.
    #[error("{}: no such file or directory", .0.display())]
    MissingInput(PathBuf),
    /// A file of the index directory is damaged.
    #[error("{}: damaged index file ({}): remove the index directory and run `vietdex index` again", .0.display(), .1)]
    Corrupt(PathBuf, String),
    /// A worker thread panicked while holding shared state.
    #[error("internal error: a worker thread failed")]
    Poisoned,
    /// An error from Tantivy.
    #[error("index error: {0}")]
    Tantivy(#[from] tantivy::TantivyError),
    /// A file-system error, with the path involved.
    #[error("{}: {source}", path.display())]
    Io {
        /// The path.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
}

/// Result with this crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

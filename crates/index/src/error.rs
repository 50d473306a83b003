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
    /// A file of the index directory is damaged or missing.
    /// (The index directory, what is wrong.)
    #[error("the index at {} has a damaged or missing file ({}): run `vietdex check --repair --index {}`", .0.display(), .1, .0.display())]
    Corrupt(PathBuf, String),
    /// The index is damaged; the message says how.
    #[error("the index at {} is damaged: {what}; nothing was written: run `vietdex check --repair --index {}`", .dir.display(), .dir.display())]
    Damaged {
        /// The index directory.
        dir: PathBuf,
        /// What is wrong, in one sentence.
        what: String,
    },
    /// Another process is writing the index.
    #[error("another vietdex index is running on {} ({}): wait for it to finish or stop it, then run this again", .dir.display(), .pid.as_deref().map_or_else(|| "pid unknown".to_string(), |p| format!("pid {p}")))]
    Busy {
        /// The index directory.
        dir: PathBuf,
        /// The process id that process recorded, when readable.
        pid: Option<String>,
    },
    /// A worker thread panicked while holding shared state.
    #[error("internal error: a worker thread failed")]
    Poisoned,
    /// An error from Tantivy, told as what happened and what to do (once:
    /// Tantivy's own text is part of the sentence, not a second cause).
    #[error("{}", describe(.0))]
    Tantivy(tantivy::TantivyError),
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

impl From<tantivy::TantivyError> for Error {
    fn from(e: tantivy::TantivyError) -> Error {
        Error::Tantivy(e)
    }
}

/// One sentence for a Tantivy error: what happened and what to do.
fn describe(e: &tantivy::TantivyError) -> String {
    use tantivy::TantivyError as T;
    match e {
        T::DataCorruption(c) => format!(
            "an index file is damaged ({c:?}): run `vietdex check --repair` on the index directory"
        ),
        T::OpenReadError(r) => format!(
            "an index file cannot be read ({r}): it may be missing or damaged; run `vietdex check --repair` on the index directory"
        ),
        T::OpenWriteError(w) => {
            format!("cannot write to the index directory ({w}): check free space and permissions")
        }
        T::OpenDirectoryError(d) => {
            format!("cannot open the index directory ({d}): check that it exists and is readable")
        }
        T::IoError(io) => format!(
            "reading or writing the index failed ({io}): check free space and permissions, then run `vietdex check` on the index directory"
        ),
        T::LockFailure(..) => {
            "the index is locked by another process: wait for it to finish, then run this again"
                .to_string()
        }
        T::SchemaError(_) | T::FieldNotFound(_) | T::IncompatibleIndex(_) => format!(
            "the index was written by an incompatible version ({e}): rebuild it with `vietdex index PATH... --index NEW_DIR`"
        ),
        T::DeserializeError(_) => format!(
            "an index file cannot be read ({e}): run `vietdex check --repair` on the index directory"
        ),
        _ => format!("index error: {e}"),
    }
}

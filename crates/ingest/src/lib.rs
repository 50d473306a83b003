//! Article ingest for vietdex: find source files, decode them, parse them
//! into [`Article`]s, and report every file that cannot be used.
//!
//! ```no_run
//! use vietdex_ingest::{discover, load};
//!
//! for found in discover(&["corpus".into()]) {
//!     match found.and_then(|path| load(&path)) {
//!         Ok(articles) => println!("{} articles", articles.len()),
//!         Err(reject) => eprintln!("{reject}"),
//!     }
//! }
//! ```

mod article;
mod decode;
mod discover;
mod error;
mod text;

pub use article::Article;
pub use decode::decode;
pub use discover::{discover, is_supported};
pub use error::{Reject, RejectReason};

use std::path::Path;

/// Reads one source file and parses the articles it holds.
pub fn load(path: &Path) -> Result<Vec<Article>, Reject> {
    let bytes =
        std::fs::read(path).map_err(|e| Reject::new(path, RejectReason::Io(e.to_string())))?;
    load_bytes(path, &bytes)
}

/// Parses the articles in `bytes`, read from `path`.
pub fn load_bytes(path: &Path, bytes: &[u8]) -> Result<Vec<Article>, Reject> {
    let text = decode(bytes).map_err(|r| Reject::new(path, r))?;
    let source = path.display().to_string();
    text::parse(&source, &text).map_err(|r| Reject::new(path, r))
}

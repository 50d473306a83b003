use std::path::{Path, PathBuf};

use crate::{Reject, RejectReason};

/// Whether `path` has an ending vietdex reads (`.txt`, `.html`, `.htm`,
/// `.jsonl`, `.ndjson`, `.json`, each also with `.gz` or `.zst`).
pub fn is_supported(path: &Path) -> bool {
    crate::source::detect(path).is_some()
}

/// Walks `roots` (files and directories, recursively, in name order) and
/// yields every supported file. A root that does not exist or a directory
/// that cannot be listed comes out as a [`Reject`]; hidden entries are skipped.
pub fn discover(roots: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, Reject>> + '_ {
    roots.iter().flat_map(|root| {
        walkdir::WalkDir::new(root)
            .follow_links(true)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(move |entry| match entry {
                Ok(e) if e.file_type().is_file() && (e.depth() == 0 || is_supported(e.path())) => {
                    Some(Ok(e.into_path()))
                }
                Ok(_) => None,
                Err(err) => {
                    let path = err.path().unwrap_or(root).to_path_buf();
                    Some(Err(Reject::new(&path, RejectReason::Walk(err.to_string()))))
                }
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_in_order_and_reports_missing_roots() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("sub")).expect("mkdir");
        std::fs::write(dir.path().join("b.txt"), "b").expect("write");
        std::fs::write(dir.path().join("sub/a.txt"), "a").expect("write");
        std::fs::write(dir.path().join("notes.md"), "x").expect("write");
        std::fs::write(dir.path().join(".hidden.txt"), "x").expect("write");
        let roots = vec![dir.path().to_path_buf(), dir.path().join("missing")];
        let found: Vec<_> = discover(&roots).collect();
        let names: Vec<String> = found
            .iter()
            .map(|r| match r {
                Ok(p) => p
                    .strip_prefix(dir.path())
                    .expect("prefix")
                    .display()
                    .to_string(),
                Err(e) => format!(
                    "reject {}",
                    e.path.strip_prefix(dir.path()).expect("prefix").display()
                ),
            })
            .collect();
        assert_eq!(names, ["b.txt", "sub/a.txt", "reject missing"]);
    }
}

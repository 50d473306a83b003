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
/// Symbolic links inside the roots are not followed (see [`discover_with`]).
pub fn discover(roots: &[PathBuf]) -> impl Iterator<Item = Result<PathBuf, Reject>> + '_ {
    discover_with(roots, false)
}

/// [`discover`], following symbolic links when `follow` is set, as ripgrep's
/// `--follow` does; a link that leads outside every root is then reported
/// as a [`Reject`] instead of read, so files outside the inputs are never
/// indexed through a link. A root given as a link is always followed.
pub fn discover_with(
    roots: &[PathBuf],
    follow: bool,
) -> impl Iterator<Item = Result<PathBuf, Reject>> + '_ {
    let canonical: Vec<PathBuf> = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .collect();
    roots.iter().flat_map(move |root| {
        let canonical = canonical.clone();
        walkdir::WalkDir::new(root)
            .follow_links(follow)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(move |entry| match entry {
                Ok(e) if e.file_type().is_file() && (e.depth() == 0 || is_supported(e.path())) => {
                    if follow && e.depth() > 0 {
                        match std::fs::canonicalize(e.path()) {
                            Ok(real) if canonical.iter().any(|c| real.starts_with(c)) => {}
                            Ok(real) => {
                                return Some(Err(Reject::new(
                                    e.path(),
                                    RejectReason::Walk(format!(
                                        "a symbolic link leads outside the inputs (to {}): give that path as an input to index it",
                                        crate::escape::path(&real)
                                    )),
                                )));
                            }
                            Err(err) => {
                                return Some(Err(Reject::new(
                                    e.path(),
                                    RejectReason::Walk(err.to_string()),
                                )));
                            }
                        }
                    }
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

    #[cfg(unix)]
    #[test]
    fn links_are_not_followed_unless_asked_and_never_outside_the_roots() {
        let outside = tempfile::tempdir().expect("tempdir");
        std::fs::write(outside.path().join("secret.txt"), "x").expect("write");
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::write(dir.path().join("a.txt"), "a").expect("write");
        std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("l.txt"))
            .expect("link");
        std::os::unix::fs::symlink(outside.path(), dir.path().join("ldir")).expect("link");
        std::os::unix::fs::symlink(dir.path().join("a.txt"), dir.path().join("same.txt"))
            .expect("link");
        let roots = vec![dir.path().to_path_buf()];
        let found: Vec<_> = discover(&roots).collect();
        assert_eq!(found, [Ok(dir.path().join("a.txt"))]);
        let found: Vec<_> = discover_with(&roots, true).collect();
        let ok: Vec<_> = found.iter().filter_map(|r| r.as_ref().ok()).collect();
        assert_eq!(
            ok,
            [&dir.path().join("a.txt"), &dir.path().join("same.txt")]
        );
        let rejected: Vec<String> = found
            .iter()
            .filter_map(|r| r.as_ref().err())
            .map(|r| r.to_string())
            .collect();
        assert_eq!(rejected.len(), 2, "{rejected:?}");
        assert!(
            rejected
                .iter()
                .all(|r| r.contains("leads outside the inputs"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_are_found() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().expect("tempdir");
        let name = std::ffi::OsStr::from_bytes(b"b\xff\tx\n.txt");
        std::fs::write(dir.path().join(name), "b").expect("write");
        let found: Vec<_> = discover(&[dir.path().to_path_buf()]).collect();
        assert_eq!(found, [Ok(dir.path().join(name))]);
    }
}

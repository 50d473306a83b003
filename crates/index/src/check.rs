//! Verifying and repairing an index directory.
//!
//! [`check`] looks at everything a search or a build relies on: the marker
//! and its format version, Tantivy's `meta.json`, every file of every
//! segment (present, and its checksum right), the state file the last
//! commit names, and whether the state and the index agree on the number of
//! documents. Each problem is one sentence with its fix.
//!
//! [`repair`] keeps the marker, removes the files vietdex wrote (Tantivy's
//! files, the state files, the manifest and the rejects list), and rebuilds
//! the index from the sources the last readable state lists.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde::Serialize;
use tantivy::Index;
use vietdex_pipeline::Resources;

use crate::state::State;
use crate::{BuildOptions, BuildReport, Error, MANIFEST_FILE, REJECTS_FILE, Result};

/// What [`check`] found.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CheckReport {
    /// The index directory.
    pub index: PathBuf,
    /// Segments in the last commit.
    pub segments: usize,
    /// Documents Tantivy holds (when it could be opened).
    pub documents: Option<u64>,
    /// Documents the state records (when it could be read).
    pub state_documents: Option<usize>,
    /// Sources the state records (when it could be read).
    pub sources: Option<usize>,
    /// Problems, one sentence each.
    pub problems: Vec<String>,
}

impl CheckReport {
    /// Whether the index is sound.
    pub fn ok(&self) -> bool {
        self.problems.is_empty()
    }
}

/// Damage to the Tantivy files of an open index: missing segment files and
/// files whose checksum is wrong. Empty when sound.
pub fn segment_damage(index: &Index, dir: &Path) -> Vec<String> {
    let metas = match index.load_metas() {
        Ok(m) => m,
        Err(e) => return vec![format!("meta.json cannot be read ({e})")],
    };
    let mut problems = Vec::new();
    // A segment's delete file exists only once it has deletes.
    let no_deletes: BTreeSet<PathBuf> = metas
        .segments
        .iter()
        .filter(|s| !s.has_deletes())
        .map(|s| s.relative_path(tantivy::index::SegmentComponent::Delete))
        .collect();
    let files: BTreeSet<PathBuf> = metas
        .list_segment_files()
        .into_iter()
        .filter(|f| !no_deletes.contains(f))
        .collect();
    let mut bad = Vec::new();
    for f in &files {
        if !dir.join(f).is_file() {
            bad.push(format!("segment file {} is missing", f.display()));
        } else if !index.directory().validate_checksum(f).unwrap_or(false) {
            bad.push(format!(
                "segment file {} is damaged (truncated or overwritten: its checksum does not match)",
                f.display()
            ));
        }
    }
    let more = bad.len().saturating_sub(3);
    problems.extend(bad.into_iter().take(3));
    if more > 0 {
        problems.push(format!("{more} more segment files are missing or damaged"));
    }
    problems
}

/// Verifies the index in `dir`.
pub fn check(dir: &Path) -> Result<CheckReport> {
    let mut report = CheckReport {
        index: dir.to_path_buf(),
        ..CheckReport::default()
    };
    if !dir.is_dir() {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    match crate::dir::check_marker(dir) {
        Ok(Some(())) => {}
        Ok(None) => report
            .problems
            .push(format!("the marker file {} is missing", crate::MARKER_FILE)),
        Err(e) => report.problems.push(e.to_string()),
    }
    let mmap = crate::storage::Readable::open(dir).map_err(|e| Error::Io {
        path: dir.to_path_buf(),
        source: std::io::Error::other(e.to_string()),
    })?;
    if !Index::exists(&mmap).unwrap_or(false) {
        report
            .problems
            .push("meta.json (the list of committed segments) is missing".into());
        return Ok(report);
    }
    let index = match Index::open(mmap) {
        Ok(i) => i,
        Err(e) => {
            report
                .problems
                .push(format!("the index cannot be opened ({e})"));
            return Ok(report);
        }
    };
    let metas = index.load_metas()?;
    report.segments = metas.segments.len();
    report.problems.extend(segment_damage(&index, dir));
    crate::schema::register(&index);
    if report.problems.is_empty() {
        match index.reader() {
            Ok(reader) => report.documents = Some(reader.searcher().num_docs()),
            Err(e) => report
                .problems
                .push(format!("the segments cannot be opened ({e})")),
        }
    }
    match State::load(dir, metas.payload.as_deref()) {
        Ok(state) => {
            report.state_documents = Some(state.docs.len());
            report.sources = Some(state.sources.len());
            if let Some(n) = report.documents
                && n != state.docs.len() as u64
            {
                report.problems.push(format!(
                    "the index holds {n} documents but its state records {}",
                    state.docs.len()
                ));
            }
            // The document table search reads instead of the state.
            if let Some(payload) = metas.payload.as_deref()
                && let Ok(path) = State::path_of(dir, payload)
            {
                let table = crate::state::docs_path(&path);
                if table.is_file() {
                    match crate::doctable::DocTable::read(&table) {
                        Ok(t) if t.len() == state.docs.len() => {}
                        Ok(t) => report.problems.push(format!(
                            "the document table lists {} documents but the state {}",
                            t.len(),
                            state.docs.len()
                        )),
                        Err(Error::Corrupt(_, what)) => report
                            .problems
                            .push(format!("the document table is damaged ({what})")),
                        Err(e) => report.problems.push(e.to_string()),
                    }
                }
            }
        }
        Err(e) => report.problems.push(match e {
            Error::Corrupt(_, what) => format!("the state file is damaged or missing ({what})"),
            other => other.to_string(),
        }),
    }
    Ok(report)
}

/// Whether vietdex wrote a file of this name in an index directory.
fn ours(name: &str) -> bool {
    const TANTIVY: [&str; 10] = [
        "idx",
        "pos",
        "term",
        "store",
        "fast",
        "fieldnorm",
        "del",
        "fieldnorms",
        "doc",
        "temp",
    ];
    if matches!(
        name,
        "meta.json" | ".managed.json" | ".tantivy-writer.lock" | ".tantivy-meta.lock"
    ) || name == MANIFEST_FILE
        || name == REJECTS_FILE
        || name == crate::WRITER_PID_FILE
        || crate::state::is_state_file(name)
    {
        return true;
    }
    // Segment files: 32 hex digits (a segment id), maybe `.N`, then an extension.
    let Some((stem, ext)) = name.split_once('.') else {
        return false;
    };
    let ext = ext.rsplit('.').next().unwrap_or(ext);
    stem.len() == 32 && stem.bytes().all(|b| b.is_ascii_hexdigit()) && TANTIVY.contains(&ext)
}

/// What [`repair`] did.
#[derive(Debug, Clone, Serialize)]
pub struct RepairReport {
    /// Files removed.
    pub removed: usize,
    /// Sources the state listed that no longer exist (not re-indexed).
    pub missing_sources: Vec<String>,
    /// The rebuild, when the state listed sources.
    pub rebuild: Option<BuildReport>,
}

/// Rebuilds a damaged index in `dir` from the sources its last readable
/// state lists. Files vietdex did not write are left alone.
pub fn repair(
    dir: &Path,
    opts: &BuildOptions,
    resources: &Resources,
    on_progress: &(dyn Fn(crate::Progress) + Sync),
) -> Result<RepairReport> {
    if crate::dir::check_marker(dir)?.is_none() && !dir.join("meta.json").is_file() {
        return Err(Error::NoIndex(dir.to_path_buf()));
    }
    let sources: Vec<String> = crate::storage::Readable::open(dir)
        .ok()
        .and_then(|d| Index::open(d).ok())
        .and_then(|i| i.load_metas().ok())
        .and_then(|m| State::load(dir, m.payload.as_deref()).ok())
        .map(|s| s.sources.into_keys().collect())
        .unwrap_or_default();
    let mut removed = 0;
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if e.path().is_file() && ours(&name) {
            std::fs::remove_file(e.path()).map_err(|source| Error::Io {
                path: e.path(),
                source,
            })?;
            removed += 1;
        }
    }
    crate::dir::claim(dir)?;
    let (present, missing): (Vec<String>, Vec<String>) =
        sources.into_iter().partition(|s| Path::new(s).exists());
    let rebuild = if present.is_empty() {
        None
    } else {
        let inputs: Vec<PathBuf> = present.iter().map(PathBuf::from).collect();
        Some(crate::build(&inputs, dir, opts, resources, on_progress)?)
    };
    Ok(RepairReport {
        removed,
        missing_sources: missing,
        rebuild,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_vietdex_files_are_ours() {
        for n in [
            "meta.json",
            ".managed.json",
            "state-00000003.json",
            "0123456789abcdef0123456789abcdef.idx",
            "0123456789abcdef0123456789abcdef.7.del",
            "rejects.tsv",
        ] {
            assert!(ours(n), "{n}");
        }
        for n in [
            "state-of-the-union.pdf",
            "notes.idx",
            "meta.json.bak",
            "x.store",
        ] {
            assert!(!ours(n), "{n}");
        }
    }
}

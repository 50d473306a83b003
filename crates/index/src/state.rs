//! What the index knows about its sources and documents, beside Tantivy:
//! each source's content hash and the documents it gave, each document's
//! sources (exact duplicates share one document) and near-duplicate cluster.
//!
//! The state is written to `state-<N>.json` in the index directory before
//! each commit, and the commit's payload names that file, so the state and
//! the index move together: an interrupted run leaves both at the last
//! commit.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};
use vietdex_pipeline::cluster_assignments;

use crate::{Error, Result};

/// A source file as last indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceState {
    /// xxh3 of the raw bytes, hex.
    pub hash: String,
    /// Size in bytes.
    pub bytes: u64,
    /// Documents it gave (content ids), in order.
    pub docs: Vec<String>,
    /// Set while the source is only partly indexed (a commit in the middle
    /// of a large JSON Lines file): where the next run resumes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resume: Option<Resume>,
}

/// The point after which a partly indexed source is read again.
pub use vietdex_pipeline::read::Resume;

/// A document as indexed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// Every source holding this text (exact duplicates), first one first.
    pub sources: Vec<String>,
    /// SimHash of the body, when long enough.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub simhash: Option<u64>,
    /// Near-duplicate cluster: the smallest document id in it.
    #[serde(default)]
    pub cluster: String,
    /// Documents in the cluster.
    #[serde(default)]
    pub cluster_size: u32,
}

/// The state of an index.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Number of the commit this state belongs to.
    pub generation: u64,
    /// Sources by path.
    pub sources: BTreeMap<String, SourceState>,
    /// Documents by id.
    pub docs: HashMap<String, DocState>,
}

#[derive(Debug, Serialize, Deserialize)]
struct Payload {
    state: String,
}

/// File name of a generation's state.
fn file_name(generation: u64) -> String {
    format!("state-{generation:08}.json")
}

/// The document table beside a state file (`state-N.docs`).
pub fn docs_path(state: &Path) -> std::path::PathBuf {
    state.with_extension("docs")
}

/// Whether `name` is a state file vietdex wrote (`state-NNNNNNNN.json`,
/// maybe with `.tmp`); nothing else in the directory is ever removed.
pub(crate) fn is_state_file(name: &str) -> bool {
    let Some(rest) = name.strip_prefix("state-") else {
        return false;
    };
    let rest = rest.strip_suffix(".tmp").unwrap_or(rest);
    rest.strip_suffix(".json")
        .or_else(|| rest.strip_suffix(".docs"))
        .is_some_and(|n| n.len() == 8 && n.bytes().all(|b| b.is_ascii_digit()))
}

impl State {
    /// Loads the state named by a commit payload (none: an empty state).
    pub fn load(dir: &Path, payload: Option<&str>) -> Result<State> {
        let Some(payload) = payload else {
            return Ok(State::default());
        };
        let p: Payload = serde_json::from_str(payload)
            .map_err(|e| Error::Corrupt(dir.to_path_buf(), format!("commit payload: {e}")))?;
        let path = dir.join(&p.state);
        let bytes = std::fs::read(&path)
            .map_err(|e| Error::Corrupt(dir.to_path_buf(), format!("{}: {e}", p.state)))?;
        serde_json::from_slice(&bytes)
            .map_err(|e| Error::Corrupt(dir.to_path_buf(), format!("{}: {e}", p.state)))
    }

    /// Writes this state as the next generation; returns the commit payload
    /// that names it.
    pub fn write_next(&mut self, dir: &Path) -> Result<String> {
        self.generation += 1;
        let name = file_name(self.generation);
        let path = dir.join(&name);
        let tmp = dir.join(format!("{name}.tmp"));
        let io = |path: &Path| {
            let path = path.to_path_buf();
            move |source| Error::Io { path, source }
        };
        let json = serde_json::to_vec(self)
            .map_err(|e| Error::Corrupt(dir.to_path_buf(), e.to_string()))?;
        // The document table first: a state file always has its table.
        let docs = docs_path(&path);
        let docs_tmp = docs.with_extension("docs.tmp");
        std::fs::write(&docs_tmp, crate::doctable::DocTable::encode(self))
            .map_err(io(&docs_tmp))?;
        std::fs::rename(&docs_tmp, &docs).map_err(io(&docs))?;
        std::fs::write(&tmp, json).map_err(io(&tmp))?;
        std::fs::rename(&tmp, &path).map_err(io(&path))?;
        Ok(serde_json::json!({ "state": name }).to_string())
    }

    /// The path of the state file a commit payload names.
    pub fn path_of(dir: &Path, payload: &str) -> Result<std::path::PathBuf> {
        let p: Payload = serde_json::from_str(payload)
            .map_err(|e| Error::Corrupt(dir.to_path_buf(), format!("commit payload: {e}")))?;
        Ok(dir.join(p.state))
    }

    /// Removes state files of other generations (after a commit).
    pub fn remove_stale(&self, dir: &Path) {
        let keep = file_name(self.generation);
        let keep_docs = docs_path(Path::new(&keep)).display().to_string();
        if let Ok(entries) = std::fs::read_dir(dir) {
            for e in entries.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if is_state_file(&name) && name != keep && name != keep_docs {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
    }

    /// Detaches `source` from its documents; returns the ids of documents
    /// left with no source (to delete from the index).
    pub fn remove_source(&mut self, source: &str) -> Vec<String> {
        let Some(old) = self.sources.remove(source) else {
            return Vec::new();
        };
        let mut orphans = Vec::new();
        for id in old.docs {
            if let Some(doc) = self.docs.get_mut(&id) {
                doc.sources.retain(|s| s != source);
                if doc.sources.is_empty() {
                    self.docs.remove(&id);
                    orphans.push(id);
                }
            }
        }
        orphans.sort();
        orphans.dedup();
        orphans
    }

    /// Groups documents into near-duplicate clusters
    /// ([`vietdex_pipeline::cluster_assignments`]) and records each
    /// document's cluster (its smallest id) and the cluster's size.
    pub fn cluster(&mut self) {
        let mut ids: Vec<&String> = self.docs.keys().collect();
        ids.sort();
        let hashes: Vec<Option<u64>> = ids.iter().map(|id| self.docs[*id].simhash).collect();
        let assigned: Vec<(String, String, u32)> = ids
            .iter()
            .zip(cluster_assignments(&hashes))
            .map(|(id, (r, size))| ((*id).clone(), ids[r].clone(), size))
            .collect();
        for (id, cluster, size) in assigned {
            if let Some(d) = self.docs.get_mut(&id) {
                d.cluster = cluster;
                d.cluster_size = size;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(src: &str, simhash: Option<u64>) -> DocState {
        DocState {
            sources: vec![src.into()],
            simhash,
            cluster: String::new(),
            cluster_size: 0,
        }
    }

    #[test]
    fn clusters_join_close_simhashes_only() {
        let mut s = State::default();
        s.docs.insert("a".into(), doc("1", Some(0b1011 << 20)));
        s.docs
            .insert("b".into(), doc("2", Some((0b1011 << 20) ^ 0b111)));
        s.docs.insert("c".into(), doc("3", Some(!0)));
        s.docs.insert("d".into(), doc("4", None));
        s.cluster();
        assert_eq!(
            (s.docs["a"].cluster.as_str(), s.docs["a"].cluster_size),
            ("a", 2)
        );
        assert_eq!(
            (s.docs["b"].cluster.as_str(), s.docs["b"].cluster_size),
            ("a", 2)
        );
        assert_eq!(
            (s.docs["c"].cluster.as_str(), s.docs["c"].cluster_size),
            ("c", 1)
        );
        assert_eq!(
            (s.docs["d"].cluster.as_str(), s.docs["d"].cluster_size),
            ("d", 1)
        );
    }

    #[test]
    fn removing_a_source_orphans_only_unshared_docs() {
        let mut s = State::default();
        s.docs.insert(
            "x".into(),
            DocState {
                sources: vec!["p".into(), "q".into()],
                ..doc("p", None)
            },
        );
        s.docs.insert("y".into(), doc("p", None));
        s.sources.insert(
            "p".into(),
            SourceState {
                hash: "0".into(),
                bytes: 1,
                docs: vec!["x".into(), "y".into()],
                resume: None,
            },
        );
        assert_eq!(s.remove_source("p"), ["y"]);
        assert_eq!(s.docs["x"].sources, ["q"]);
        assert!(s.remove_source("p").is_empty());
    }

    #[test]
    fn write_and_load_round_trip() {
        let dir = tempfile::tempdir().expect("tempdir");
        let mut s = State::default();
        s.docs.insert("y".into(), doc("p", Some(7)));
        let payload = s.write_next(dir.path()).expect("write");
        let back = State::load(dir.path(), Some(&payload)).expect("load");
        assert_eq!(back, s);
        s.write_next(dir.path()).expect("write");
        s.remove_stale(dir.path());
        let mut files: Vec<String> = std::fs::read_dir(dir.path())
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        files.sort();
        // The last generation's state and its document table.
        assert_eq!(files, ["state-00000002.docs", "state-00000002.json"]);
        assert_eq!(
            State::load(dir.path(), None).expect("empty"),
            State::default()
        );
    }
}

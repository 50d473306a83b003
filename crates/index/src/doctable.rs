//! The per-document part of the index state in a form search reads without
//! parsing: for each document (by id), its near-duplicate cluster and its
//! sources. Written beside each state file (`state-N.docs` next to
//! `state-N.json`), so a search process reads a few bytes per hit instead
//! of the whole JSON state, which only `vietdex index` needs.
//!
//! Layout (little-endian): the magic `VDXDOCS1`; the number of documents
//! (u32); one 32-byte entry per document, sorted by id: id (u64), cluster
//! id (u64), cluster size (u32), offset and length of its sources in the
//! blob (u32, u32), zero (u32); then the blob: sources separated by NUL.

use std::path::Path;

use tantivy::directory::{Directory, OwnedBytes};

use crate::state::State;
use crate::{Error, Result};

const MAGIC: &[u8; 8] = b"VDXDOCS1";
const ENTRY: usize = 32;
const HEAD: usize = 12;

/// What the state knows of one document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocInfo {
    /// Every source holding this text, first one first.
    pub sources: Vec<String>,
    /// The near-duplicate cluster (its smallest document id).
    pub cluster: String,
    /// Documents in the cluster.
    pub cluster_size: u32,
}

/// A document table read from disk, or mapped into memory (then only the
/// pages lookups touch are read).
#[derive(Debug, Clone)]
pub struct DocTable {
    bytes: OwnedBytes,
    len: usize,
}

fn id_of(hex: &str) -> Option<u64> {
    (hex.len() == 16).then(|| u64::from_str_radix(hex, 16).ok())?
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    b.get(at..at + 4)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u32::from_le_bytes)
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    b.get(at..at + 8)
        .and_then(|s| s.try_into().ok())
        .map_or(0, u64::from_le_bytes)
}

impl DocTable {
    /// The table of a state, as bytes. Documents whose ids are not vietdex
    /// content ids (16 hex digits) are left out; readers then fall back to
    /// the JSON state.
    pub fn encode(state: &State) -> Vec<u8> {
        let mut rows: Vec<(u64, u64, u32, Vec<&str>)> = state
            .docs
            .iter()
            .filter_map(|(id, d)| {
                let cluster = if d.cluster.is_empty() { id } else { &d.cluster };
                Some((
                    id_of(id)?,
                    id_of(cluster)?,
                    d.cluster_size.max(1),
                    d.sources.iter().map(String::as_str).collect(),
                ))
            })
            .collect();
        rows.sort_unstable_by_key(|r| r.0);
        let mut head = Vec::with_capacity(HEAD + rows.len() * ENTRY);
        let mut blob = Vec::new();
        head.extend_from_slice(MAGIC);
        head.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (id, cluster, size, sources) in rows {
            let start = blob.len();
            for (i, s) in sources.iter().enumerate() {
                if i > 0 {
                    blob.push(0);
                }
                blob.extend_from_slice(s.as_bytes());
            }
            head.extend_from_slice(&id.to_le_bytes());
            head.extend_from_slice(&cluster.to_le_bytes());
            head.extend_from_slice(&size.to_le_bytes());
            head.extend_from_slice(&(start as u32).to_le_bytes());
            head.extend_from_slice(&((blob.len() - start) as u32).to_le_bytes());
            head.extend_from_slice(&0u32.to_le_bytes());
        }
        head.extend_from_slice(&blob);
        head
    }

    /// Reads a table; a damaged one is an error naming the file.
    pub fn read(path: &Path) -> Result<DocTable> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        DocTable::check(OwnedBytes::new(bytes), path)
    }

    /// Maps the table `path` of the index directory `dir` (memory-mapped
    /// when `dir` is); a damaged one is an error naming the file.
    pub fn open(dir: &dyn Directory, path: &Path) -> Result<DocTable> {
        let io = |e: std::io::Error| Error::Io {
            path: path.to_path_buf(),
            source: e,
        };
        let name = Path::new(path.file_name().unwrap_or_default());
        let bytes = dir
            .open_read(name)
            .map_err(|e| io(std::io::Error::other(e)))?
            .read_bytes()
            .map_err(io)?;
        DocTable::check(bytes, path)
    }

    fn check(bytes: OwnedBytes, path: &Path) -> Result<DocTable> {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        let dir = path.parent().unwrap_or(path).to_path_buf();
        let corrupt = |what: &str| {
            Error::Corrupt(
                dir.clone(),
                format!("{}: {what}", name.as_deref().unwrap_or("")),
            )
        };
        if bytes.get(..8) != Some(&MAGIC[..]) {
            return Err(corrupt("not a document table"));
        }
        let len = u32_at(&bytes, 8) as usize;
        if bytes.len() < HEAD + len * ENTRY {
            return Err(corrupt("document table cut short"));
        }
        Ok(DocTable { bytes, len })
    }

    /// Documents in the table.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    fn entry(&self, i: usize) -> usize {
        HEAD + i * ENTRY
    }

    /// What the table knows of document `id`.
    pub fn get(&self, id: &str) -> Option<DocInfo> {
        let key = id_of(id)?;
        let (mut lo, mut hi) = (0, self.len);
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let at = self.entry(mid);
            match u64_at(&self.bytes, at).cmp(&key) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(self.info(at)),
            }
        }
        None
    }

    fn info(&self, at: usize) -> DocInfo {
        let blob = HEAD + self.len * ENTRY;
        let start = blob + u32_at(&self.bytes, at + 20) as usize;
        let end = start + u32_at(&self.bytes, at + 24) as usize;
        let sources = self
            .bytes
            .get(start..end)
            .unwrap_or_default()
            .split(|&b| b == 0)
            .map(|s| String::from_utf8_lossy(s).into_owned())
            .collect();
        DocInfo {
            sources,
            cluster: format!("{:016x}", u64_at(&self.bytes, at + 8)),
            cluster_size: u32_at(&self.bytes, at + 16),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::DocState;

    #[test]
    fn round_trip_and_lookup() {
        let mut s = State::default();
        for (i, sources) in [
            &["a.txt"][..],
            &["b.txt", "c/d.jsonl"][..],
            &["e\nf.txt"][..],
        ]
        .iter()
        .enumerate()
        {
            s.docs.insert(
                format!("{:016x}", 1000 - i as u64),
                DocState {
                    sources: sources.iter().map(|x| x.to_string()).collect(),
                    simhash: None,
                    cluster: format!("{:016x}", 998),
                    cluster_size: 3,
                },
            );
        }
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.docs");
        std::fs::write(&path, DocTable::encode(&s)).expect("write");
        let mmap = tantivy::directory::MmapDirectory::open(dir.path()).expect("mmap dir");
        for t in [
            DocTable::read(&path).expect("read"),
            DocTable::open(&mmap, &path).expect("map"),
        ] {
            assert_eq!(t.len(), 3);
            for (id, d) in &s.docs {
                let got = t.get(id).expect("known id");
                assert_eq!(got.sources, d.sources);
                assert_eq!(got.cluster, d.cluster);
                assert_eq!(got.cluster_size, 3);
            }
            assert_eq!(t.get(&format!("{:016x}", 5)), None);
            assert_eq!(t.get("not-an-id"), None);
        }
        let cut = dir.path().join("cut.docs");
        std::fs::write(&cut, b"VDXDOCS1\xff\xff\xff\x00").expect("write");
        assert!(DocTable::read(&cut).is_err());
        assert!(DocTable::open(&mmap, &cut).is_err());
    }
}

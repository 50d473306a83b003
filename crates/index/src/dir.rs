//! The index directory belongs to vietdex alone.
//!
//! A directory becomes an index directory only when it is new or empty; it
//! then receives a marker file ([`MARKER_FILE`]) with the format version.
//! Any other non-empty directory is refused before anything is written, so
//! pointing `--index` at a folder of one's own files changes nothing.
//! Within an index directory, vietdex removes only files it names itself
//! (Tantivy's segment files and `state-NNNNNNNN.json`).

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{Error, FORMAT_VERSION, MANIFEST_FILE, MARKER_FILE, Result};

#[derive(Debug, Serialize, Deserialize)]
struct Marker {
    vietdex_index: u32,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// What a directory holds, for writing an index into it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Claim {
    /// It did not exist or was empty, and now holds a fresh marker.
    New,
    /// It holds a vietdex index of this format version.
    Existing,
}

/// Reads the marker of `dir`: `Ok(None)` when there is none, an error when
/// it is unreadable or of another version.
pub fn check_marker(dir: &Path) -> Result<Option<()>> {
    let path = dir.join(MARKER_FILE);
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(io(&path)(e)),
    };
    match serde_json::from_slice::<Marker>(&bytes) {
        Ok(m) if m.vietdex_index == FORMAT_VERSION => Ok(Some(())),
        Ok(m) => Err(Error::FormatVersion {
            dir: dir.to_path_buf(),
            found: m.vietdex_index.to_string(),
            expected: FORMAT_VERSION,
        }),
        Err(_) => Err(Error::FormatVersion {
            dir: dir.to_path_buf(),
            found: "unknown (unreadable marker)".into(),
            expected: FORMAT_VERSION,
        }),
    }
}

fn write_marker(dir: &Path) -> Result<()> {
    let path = dir.join(MARKER_FILE);
    let json = serde_json::to_string(&Marker {
        vietdex_index: FORMAT_VERSION,
    })
    .map_err(|e| Error::Corrupt(dir.to_path_buf(), e.to_string()))?;
    std::fs::write(&path, format!("{json}\n")).map_err(io(&path))
}

/// An index written before markers existed: Tantivy's `meta.json` beside
/// vietdex's own manifest.
fn is_unmarked_vietdex_index(dir: &Path) -> bool {
    let manifest = std::fs::read(dir.join(MANIFEST_FILE))
        .ok()
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(&b).ok());
    dir.join("meta.json").is_file()
        && manifest.is_some_and(|m| m.get("vietdex").is_some() && m.get("last_run").is_some())
}

/// Files a directory may hold and still count as empty.
const PLACEHOLDERS: &[&str] = &[".gitkeep"];

/// Makes sure `dir` may be written as an index: creates it when missing,
/// accepts it when it holds a vietdex index of this version or is empty,
/// refuses anything else without touching it.
pub fn claim(dir: &Path) -> Result<Claim> {
    if dir.exists() && !dir.is_dir() {
        return Err(Error::NotADirectory(dir.to_path_buf()));
    }
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(io(dir))?;
        write_marker(dir)?;
        return Ok(Claim::New);
    }
    if check_marker(dir)?.is_some() {
        return Ok(Claim::Existing);
    }
    let mut names: Vec<String> = Vec::new();
    let mut count = 0usize;
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        // A placeholder that keeps an empty folder in version control (the
        // repository's own `index/.gitkeep`) does not make it non-empty.
        if PLACEHOLDERS.iter().any(|p| entry.file_name() == *p) {
            continue;
        }
        count += 1;
        if names.len() < 3 {
            names.push(vietdex_pipeline::escape::name(&entry.file_name()));
        }
    }
    if count == 0 {
        write_marker(dir)?;
        return Ok(Claim::New);
    }
    if is_unmarked_vietdex_index(dir) {
        write_marker(dir)?;
        return Ok(Claim::Existing);
    }
    let mut held = names.join(", ");
    if count > names.len() {
        held.push_str(&format!(" and {} more", count - names.len()));
    }
    Err(Error::NotAnIndex(dir.to_path_buf(), held))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_and_empty_directories_are_claimed() {
        let tmp = tempfile::tempdir().expect("tempdir");
        let fresh = tmp.path().join("a/b");
        assert_eq!(claim(&fresh).expect("new"), Claim::New);
        assert_eq!(claim(&fresh).expect("again"), Claim::Existing);
        let empty = tmp.path().join("empty");
        std::fs::create_dir(&empty).expect("mkdir");
        assert_eq!(claim(&empty).expect("empty"), Claim::New);
        let kept = tmp.path().join("kept");
        std::fs::create_dir(&kept).expect("mkdir");
        std::fs::write(kept.join(".gitkeep"), "").expect("write");
        assert_eq!(claim(&kept).expect("placeholder only"), Claim::New);
        assert!(kept.join(".gitkeep").is_file());
    }

    #[test]
    fn foreign_directories_are_refused_untouched() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join("state-2024.csv"), "a,b\n").expect("write");
        let err = claim(tmp.path()).expect_err("refused");
        assert!(matches!(err, Error::NotAnIndex(..)), "{err}");
        assert!(err.to_string().contains("state-2024.csv"), "{err}");
        assert!(!tmp.path().join(MARKER_FILE).exists());
        let file = tmp.path().join("state-2024.csv");
        assert!(matches!(claim(&file), Err(Error::NotADirectory(_))));
    }

    #[test]
    fn other_format_versions_say_how_to_rebuild() {
        let tmp = tempfile::tempdir().expect("tempdir");
        std::fs::write(tmp.path().join(MARKER_FILE), r#"{"vietdex_index":999}"#).expect("write");
        let err = claim(tmp.path()).expect_err("refused");
        assert!(err.to_string().contains("rebuild"), "{err}");
    }
}

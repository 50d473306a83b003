//! Freezes the bundled segmenter's table (`data/segmenter.tsv`) into the
//! maps the segmenter reads where they lie (`src/frozen.rs`), so that no
//! command spends time loading it. The table is read row by row through
//! `csv` and `serde` (`src/tsv.rs`, the reader of every data table); a bad
//! row fails the build with its file and line.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/frozen.rs"]
mod frozen;
#[path = "src/segmenter_table.rs"]
mod segmenter_table;
#[allow(dead_code)]
#[path = "src/tsv.rs"]
mod tsv;

const TABLE: &str = "crates/tokenize/data/segmenter.tsv";

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for input in [
        "data/segmenter.tsv",
        "src/frozen.rs",
        "src/segmenter_table.rs",
        "src/tsv.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let table = std::fs::read_to_string("data/segmenter.tsv")
        .map_err(|e| format!("reading {TABLE}: {e}"))?;
    let (exact, folded) =
        segmenter_table::parse_table(TABLE, &table).map_err(|bad| bad.to_string())?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    for (name, pairs) in [
        ("segmenter-exact.bin", exact),
        ("segmenter-folded.bin", folded),
    ] {
        let path = out.join(name);
        let pairs = pairs.iter().map(|(k, f)| (k.as_str(), *f));
        std::fs::write(&path, frozen::FrozenMap::encode(pairs))
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(())
}

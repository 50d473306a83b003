//! Freezes the bundled segmenter's table (`data/segmenter.tsv`) into the
//! maps the segmenter reads where they lie (`src/frozen.rs`), so that no
//! command spends time loading it.

use std::path::PathBuf;

#[allow(dead_code)]
#[path = "src/frozen.rs"]
mod frozen;
#[path = "src/segmenter_table.rs"]
mod segmenter_table;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    println!("cargo::rerun-if-changed=data/segmenter.tsv");
    println!("cargo::rerun-if-changed=src/frozen.rs");
    println!("cargo::rerun-if-changed=src/segmenter_table.rs");
    let table = std::fs::read_to_string("data/segmenter.tsv")
        .map_err(|e| format!("reading data/segmenter.tsv: {e}"))?;
    let (exact, folded) =
        segmenter_table::parse_table(&table).map_err(|e| format!("data/segmenter.tsv {e}"))?;
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    for (name, pairs) in [
        ("segmenter-exact.bin", exact),
        ("segmenter-folded.bin", folded),
    ] {
        let path = out.join(name);
        std::fs::write(&path, frozen::FrozenMap::encode(pairs))
            .map_err(|e| format!("writing {}: {e}", path.display()))?;
    }
    Ok(())
}

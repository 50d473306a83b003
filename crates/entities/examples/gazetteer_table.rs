//! Writes the bundled gazetteer's precompiled form, `data/gazetteer.bin`,
//! from its tables (`data/gazetteer/*.tsv`):
//!
//! ```sh
//! cargo run -p vietdex-entities --example gazetteer_table
//! ```
//!
//! A row of the tables that cannot be read stops it, naming the row.

use std::path::Path;

use vietdex_entities::Gazetteer;

fn main() -> Result<(), String> {
    let g = Gazetteer::from_bundled_tables();
    if !g.problems().is_empty() {
        return Err(format!(
            "the gazetteer tables have rows that cannot be read:\n{}",
            g.problems().join("\n")
        ));
    }
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/gazetteer.bin");
    let bytes = g.encode();
    std::fs::write(&path, &bytes).map_err(|e| format!("writing {}: {e}", path.display()))?;
    eprintln!(
        "{}: {} bytes, {} units",
        path.display(),
        bytes.len(),
        g.units().len()
    );
    Ok(())
}

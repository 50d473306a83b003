//! Compiles the bundled program table (`data/programs.tsv`) into the
//! phrase dictionaries and the static list the crate reads where they lie
//! (`src/programs_table.rs`, which analyses the aliases with
//! `vietdex-tokenize`), so that no command spends time loading it. The
//! table is read row by row through `csv` and `serde`
//! (`vietdex_tokenize::tsv`); a bad row fails the build with its file and
//! line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[path = "src/programs_table.rs"]
mod programs_table;

const PROGRAMS: &str = "crates/entities/data/programs.tsv";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    Ok(std::fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))?)
}

fn main() -> Result<()> {
    println!("cargo::rerun-if-changed=data/programs.tsv");
    println!("cargo::rerun-if-changed=src/programs_table.rs");
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    let table = std::fs::read_to_string("data/programs.tsv")
        .map_err(|e| format!("reading {PROGRAMS}: {e}"))?;
    let c = programs_table::compile(&table).map_err(|e| format!("{PROGRAMS} {e}"))?;
    write(&out.join("programs-aliases.bin"), c.aliases.encode())?;
    write(&out.join("programs-folded.bin"), c.folded.encode())?;
    let mut rs = String::from("pub(super) static PROGRAMS: &[(&str, &str)] = &[\n");
    for (id, name) in &c.programs {
        writeln!(rs, "    ({id:?}, {name:?}),")?;
    }
    rs.push_str("];\n");
    write(&out.join("programs.rs"), rs)
}

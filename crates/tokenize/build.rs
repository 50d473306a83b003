//! Compiles the bundled tables into what the crate reads where it lies, so
//! that no command spends time loading them:
//! - the segmenter's table (`data/segmenter.tsv`) into two phrase
//!   dictionaries (`src/phrases.rs` over `src/frozen.rs`);
//! - the abbreviation table (`data/abbreviations.tsv`) into its phrase
//!   dictionary and static arrays of its forms (`src/abbrev_table.rs`,
//!   which analyses the forms with the crate's own analyzer).
//!
//! Tables are read row by row through `csv` and `serde` (`src/tsv.rs`,
//! the reader of every data table); a bad row fails the build with its
//! file and line.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

#[allow(dead_code)]
#[path = "src/abbrev_table.rs"]
mod abbrev_table;
#[allow(dead_code)]
#[path = "src/chars.rs"]
mod chars;
#[allow(dead_code)]
#[path = "src/common.rs"]
mod common;
#[allow(dead_code)]
#[path = "src/frozen.rs"]
mod frozen;

#[allow(dead_code)]
#[path = "src/normalize.rs"]
mod normalize;
#[path = "src/pairs.rs"]
mod pairs;
#[allow(dead_code)]
#[path = "src/phrases.rs"]
mod phrases;
#[allow(dead_code)]
#[path = "src/segmenter_table.rs"]
mod segmenter_table;
#[allow(dead_code)]
#[path = "src/token.rs"]
mod token;
#[allow(dead_code)]
#[path = "src/tokenizer.rs"]
mod tokenizer;
#[allow(dead_code)]
#[path = "src/tsv.rs"]
mod tsv;
#[allow(dead_code)]
#[path = "src/type_words.rs"]
mod type_words;

const SEGMENTER: &str = "crates/tokenize/data/segmenter.tsv";
const ABBREVIATIONS: &str = "crates/tokenize/data/abbreviations.tsv";

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

fn main() -> Result<()> {
    for input in [
        "data/segmenter.tsv",
        "data/abbreviations.tsv",
        "src/abbrev_table.rs",
        "src/chars.rs",
        "src/common.rs",
        "src/frozen.rs",
        "src/normalize.rs",
        "src/phrases.rs",
        "src/segmenter_table.rs",
        "src/token.rs",
        "src/tokenizer.rs",
        "src/tsv.rs",
        "src/type_words.rs",
    ] {
        println!("cargo::rerun-if-changed={input}");
    }
    let out = PathBuf::from(std::env::var("OUT_DIR")?);
    segmenter(&out)?;
    abbreviations(&out)?;
    Ok(())
}

fn read(path: &str, name: &str) -> Result<String> {
    Ok(std::fs::read_to_string(path).map_err(|e| format!("reading {name}: {e}"))?)
}

fn write(path: &Path, bytes: impl AsRef<[u8]>) -> Result<()> {
    Ok(std::fs::write(path, bytes).map_err(|e| format!("writing {}: {e}", path.display()))?)
}

fn segmenter(out: &Path) -> Result<()> {
    let table = read("data/segmenter.tsv", SEGMENTER)?;
    let (exact, folded) =
        segmenter_table::parse_table(SEGMENTER, &table).map_err(|bad| bad.to_string())?;
    for (name, pairs) in [
        ("segmenter-exact.bin", exact),
        ("segmenter-folded.bin", folded),
    ] {
        let mut dict = phrases::PhraseBuilder::new();
        for (key, flags) in &pairs {
            dict.set(key, segmenter_table::entry_of_flags(*flags));
        }
        write(&out.join(name), dict.encode())?;
    }
    Ok(())
}

fn abbreviations(out: &Path) -> Result<()> {
    let table = read("data/abbreviations.tsv", ABBREVIATIONS)?;
    let c = abbrev_table::compile(ABBREVIATIONS, &table)?;
    write(&out.join("abbreviations.bin"), c.dict.encode())?;
    let mut rs =
        String::from("pub(super) static FORMS: &[Cow<'static, [Cow<'static, str>]>] = &[\n");
    for forms in &c.forms {
        rs.push_str("    Cow::Borrowed(&[");
        for f in forms {
            write!(rs, "Cow::Borrowed({f:?}), ")?;
        }
        rs.push_str("]),\n");
    }
    rs.push_str("];\npub(super) static STARTS: &[u32] = &[0");
    let mut end = 0;
    for list in &c.lists {
        end += list.len();
        write!(rs, ", {end}")?;
    }
    rs.push_str("];\npub(super) static ITEMS: &[(u32, u32)] = &[");
    for (e, f) in c.lists.iter().flatten() {
        write!(rs, "({e}, {f}), ")?;
    }
    rs.push_str("];\n");
    write(&out.join("abbreviations.rs"), rs)
}

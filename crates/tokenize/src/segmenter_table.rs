//! Reading the text form of the segmenter's table
//! (`data/segmenter.tsv`, see `Segmenter::table`), row by row through
//! [`crate::tsv`]. The build script that freezes the bundled table reads
//! it with this same file (and the same `tsv.rs`).

use serde::Deserialize;

use crate::phrases::Entry;
use crate::tsv::{BadRow, all_rows};

/// Flag of a key that is a word.
pub const WORD: u8 = 1;
/// Flag of a key that begins a longer word.
pub const PREFIX: u8 = 2;

/// The dictionary entry of a key with these flags: a word is the phrase
/// of id 0.
pub fn entry_of_flags(flags: u32) -> Entry {
    Entry {
        id: (flags & u32::from(WORD) != 0).then_some(0),
        prefix: flags & u32::from(PREFIX) != 0,
    }
}

/// The flags of an entry, as the table writes them.
pub fn flags_of(e: Entry) -> u32 {
    u32::from(e.id.is_some()) * u32::from(WORD) + u32::from(e.prefix) * u32::from(PREFIX)
}

/// Keys of a table with their flags.
pub type Entries = Vec<(String, u32)>;

/// The map an entry belongs to.
#[derive(Deserialize)]
enum Tag {
    /// Words with their diacritics.
    #[serde(rename = "e")]
    Exact,
    /// Words without them.
    #[serde(rename = "f")]
    Folded,
}

/// The largest flags value (a word, a prefix, or both).
const MAX_FLAGS: u32 = 3;

/// The exact and the folded entries of the table `table` (named `file` in
/// errors) written by `Segmenter::table`: `TAG<TAB>FLAGS<TAB>KEY` rows, tag
/// `e` or `f`, flags 0 to 3. The first row that is not one is the error,
/// with its file and (1-based) line.
pub fn parse_table(file: &str, table: &str) -> Result<(Entries, Entries), BadRow> {
    let (mut exact, mut folded) = (Vec::new(), Vec::new());
    let rows = all_rows::<(Tag, u32, String)>(file, table).map_err(|bad| BadRow {
        reason: format!("{} (expected e or f<TAB>FLAGS<TAB>SYLLABLES)", bad.reason),
        ..bad
    })?;
    for (line, (tag, flags, key)) in rows {
        if flags > MAX_FLAGS || key.is_empty() {
            return Err(BadRow {
                file: file.to_string(),
                line,
                reason: format!(
                    "flags {flags} and key {key:?}: expected flags 0 to {MAX_FLAGS} and a key"
                ),
            });
        }
        match tag {
            Tag::Exact => exact.push((key, flags)),
            Tag::Folded => folded.push((key, flags)),
        }
    }
    Ok((exact, folded))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_are_read_and_a_bad_row_names_its_file_and_line() {
        let (exact, folded) =
            parse_table("t.tsv", "e\t3\tnông thôn\nf\t1\tnong thon\n").expect("table");
        assert_eq!(exact, [("nông thôn".to_string(), 3)]);
        assert_eq!(folded, [("nong thon".to_string(), 1)]);
        for flags in 0..=MAX_FLAGS {
            assert_eq!(flags_of(entry_of_flags(flags)), flags);
        }
        for bad in [
            "e\t1\ta b\nx\t1\tc d\n",
            "e\t1\ta b\ne\t9\tc d\n",
            "e\t1\ta b\ne\t1\n",
            "e\t1\ta b\ne\tx\tc d\n",
        ] {
            let e = parse_table("t.tsv", bad).expect_err(bad);
            assert_eq!((e.file.as_str(), e.line), ("t.tsv", 2), "{bad:?}: {e}");
        }
    }
}

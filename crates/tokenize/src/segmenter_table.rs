//! Reading the text form of the segmenter's table
//! (`data/segmenter.tsv`, see `Segmenter::table`). The build script that
//! freezes the bundled table reads it with this same file.

/// Keys of a table with their flags.
pub type Entries<'a> = Vec<(&'a str, u32)>;

/// The exact and the folded entries of a table written by
/// `Segmenter::table`: `TAG<TAB>FLAGS<TAB>KEY` lines, tag `e` or `f`,
/// flags one digit. Any other line is an error naming its (1-based) line.
/// The build script reads the bundled table with this too.
pub fn parse_table(table: &str) -> Result<(Entries<'_>, Entries<'_>), String> {
    let (mut exact, mut folded) = (Vec::new(), Vec::new());
    for (no, line) in table.split_terminator('\n').enumerate() {
        let b = line.as_bytes();
        let well_formed = b.len() >= 5 && b[1] == b'\t' && b[3] == b'\t' && b[2].is_ascii_digit();
        let list = match b.first() {
            Some(b'e') if well_formed => &mut exact,
            Some(b'f') if well_formed => &mut folded,
            _ => {
                return Err(format!(
                    "line {}: expected e or f<TAB>FLAGS<TAB>SYLLABLES, found {line:?}",
                    no + 1
                ));
            }
        };
        list.push((&line[4..], u32::from(b[2] - b'0')));
    }
    Ok((exact, folded))
}

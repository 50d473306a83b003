//! Reading the text form of the segmenter's table
//! (`data/segmenter.tsv`, see `Segmenter::table`). The build script that
//! freezes the bundled table reads it with this same file.

/// Keys of a table with their flags.
pub type Entries<'a> = Vec<(&'a str, u32)>;

/// The exact and the folded entries of a table written by
/// `Segmenter::table`: `TAG<TAB>FLAGS<TAB>KEY` lines, tag `e` or `f`,
/// flags one digit; other lines are skipped. The build script reads the
/// bundled table with this too.
pub fn parse_table(table: &str) -> (Entries<'_>, Entries<'_>) {
    let (mut exact, mut folded) = (Vec::new(), Vec::new());
    for line in table.split_terminator('\n') {
        let b = line.as_bytes();
        if b.len() < 5 || b[1] != b'\t' || b[3] != b'\t' || !b[2].is_ascii_digit() {
            continue;
        }
        let list = match b[0] {
            b'e' => &mut exact,
            b'f' => &mut folded,
            _ => continue,
        };
        list.push((&line[4..], u32::from(b[2] - b'0')));
    }
    (exact, folded)
}

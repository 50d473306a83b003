//! Tab-separated data tables (abbreviations, programs, place names …):
//! read through `csv` and `serde`, one row a record, `#` lines comments,
//! no quoting. A row that cannot be read is reported with its file, line
//! and reason instead of being skipped.

use serde::de::DeserializeOwned;

/// A row of a table that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadRow {
    /// The table (its path in the repository for bundled tables).
    pub file: String,
    /// 1-based line.
    pub line: u64,
    /// What is wrong with it.
    pub reason: String,
}

impl std::fmt::Display for BadRow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} line {}: {}", self.file, self.line, self.reason)
    }
}

impl std::error::Error for BadRow {}

/// The rows of a headerless table `data` named `file`, each with its
/// 1-based line, deserialized as `T` (a tuple or a struct read by
/// position), and the rows that could not be read. Blank lines and lines
/// starting with `#` are left out; a row may have more columns than `T`
/// reads.
pub fn rows<T: DeserializeOwned>(file: &str, data: &str) -> (Vec<(u64, T)>, Vec<BadRow>) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(b'\t')
        .has_headers(false)
        .comment(Some(b'#'))
        .quoting(false)
        .flexible(true)
        .from_reader(data.as_bytes());
    let (mut good, mut bad) = (Vec::new(), Vec::new());
    let mut record = csv::StringRecord::new();
    loop {
        let here = reader.position().clone();
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                bad.push(BadRow {
                    file: file.to_string(),
                    line: line_of(data, e.position().unwrap_or(&here)),
                    reason: e.to_string(),
                });
                continue;
            }
        }
        let line = line_of(data, record.position().unwrap_or(&here));
        if record.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        match record.deserialize::<T>(None) {
            Ok(row) => good.push((line, row)),
            Err(e) => bad.push(BadRow {
                file: file.to_string(),
                line,
                reason: reason(&e),
            }),
        }
    }
    (good, bad)
}

/// The line a record starts on. `csv` gives the position where it began
/// to read the record, before the blank and comment lines it skipped.
fn line_of(data: &str, at: &csv::Position) -> u64 {
    let mut line = at.line();
    let mut rest = usize::try_from(at.byte())
        .ok()
        .and_then(|b| data.get(b..))
        .unwrap_or_default();
    while let Some((first, more)) = rest.split_once('\n') {
        let first = first.strip_suffix('\r').unwrap_or(first);
        if !(first.is_empty() || first.starts_with('#')) {
            break;
        }
        line += 1;
        rest = more;
    }
    line
}

/// The rows of a table that must read whole: the first bad row is the
/// error.
pub fn all_rows<T: DeserializeOwned>(file: &str, data: &str) -> Result<Vec<(u64, T)>, BadRow> {
    let (good, mut bad) = rows(file, data);
    if bad.is_empty() {
        Ok(good)
    } else {
        Err(bad.swap_remove(0))
    }
}

/// A deserialization error without its position (the row gives it).
fn reason(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Deserialize { err, .. } => match err.field() {
            Some(col) => format!("column {}: {}", col + 1, err.kind()),
            None => err.kind().to_string(),
        },
        _ => e.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_with_their_lines_and_bad_rows_reported() {
        let data = "# comment\nNTM\tnông thôn mới\n\nbroken\nKT-XH\tkinh tế - xã hội\textra\n# c\n\n\nx\ty\n";
        let (good, bad) = rows::<(String, String)>("t.tsv", data);
        assert_eq!(
            good,
            [
                (2, ("NTM".to_string(), "nông thôn mới".to_string())),
                (5, ("KT-XH".to_string(), "kinh tế - xã hội".to_string())),
                (9, ("x".to_string(), "y".to_string())),
            ]
        );
        assert_eq!(bad.len(), 1, "{bad:?}");
        assert_eq!((bad[0].file.as_str(), bad[0].line), ("t.tsv", 4));
        assert!(
            bad[0].to_string().starts_with("t.tsv line 4: "),
            "{}",
            bad[0]
        );
        assert_eq!(
            all_rows::<(String, String)>("t.tsv", data).map_err(|b| b.line),
            Err(4)
        );
    }

    #[test]
    fn a_number_column_that_is_no_number_names_its_column() {
        let (good, bad) = rows::<(String, u32)>("n.tsv", "a\t1\nb\tx\n");
        assert_eq!(good, [(1, ("a".to_string(), 1))]);
        assert_eq!(bad[0].line, 2);
        assert!(bad[0].reason.contains("column 2"), "{}", bad[0].reason);
    }

    #[test]
    fn quotes_are_text() {
        let (good, bad) = rows::<(String, String)>("q.tsv", "\"a\tb \"c\"\n");
        assert!(bad.is_empty(), "{bad:?}");
        assert_eq!(good[0].1, ("\"a".to_string(), "b \"c\"".to_string()));
    }
}

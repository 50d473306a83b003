//! The articles the extraction bench and the `extract_files` example read:
//! the `.txt` files of a directory, in name order, cleaned by ingest, as
//! `headline + "\n\n" + body`, until `limit` bytes.

use std::path::Path;

pub fn articles(dir: &Path, limit: usize) -> Vec<String> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let opts = vietdex_ingest::Options::default();
    let mut out = Vec::new();
    let mut total = 0;
    for f in files {
        if total >= limit {
            break;
        }
        let _ = vietdex_ingest::load(&f, &opts, &mut |r| {
            if let Ok(a) = r {
                let t = format!("{}\n\n{}", a.title, a.body);
                total += t.len();
                out.push(t);
            }
        });
    }
    out
}

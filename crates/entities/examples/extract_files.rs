//! Extracts the entities of the `.txt` articles in a directory, up to a
//! byte limit, a number of times: a workload for profilers
//! (`valgrind --tool=callgrind`, `perf record`) on the same documents the
//! `extract` bench reads.
//!
//! `cargo run --release -p vietdex-entities --example extract_files -- DIR [BYTES] [ROUNDS]`

use std::path::PathBuf;

use vietdex_entities::{Context, Gazetteer, Knowledge, Programs, extract};
use vietdex_tokenize::Segmenter;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(
        args.next()
            .expect("usage: extract_files DIR [BYTES] [ROUNDS]"),
    );
    let limit: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1 << 20);
    let rounds: usize = args.next().and_then(|v| v.parse().ok()).unwrap_or(1);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let opts = vietdex_ingest::Options::default();
    let mut docs = Vec::new();
    let mut total = 0;
    for f in files {
        if total >= limit {
            break;
        }
        let _ = vietdex_ingest::load(&f, &opts, &mut |r| {
            if let Ok(a) = r {
                let t = format!("{}\n\n{}", a.title, a.body);
                total += t.len();
                docs.push(t);
            }
        });
    }
    let (g, p, s) = (
        Gazetteer::bundled(),
        Programs::bundled().expect("programs"),
        Segmenter::bundled(),
    );
    let k = Knowledge {
        gazetteer: &g,
        programs: &p,
        segmenter: &s,
    };
    let ctx = Context::default();
    // Warm the tables and compiled patterns outside the measured rounds.
    let first = docs
        .iter()
        .map(|d| extract(d, &ctx, &k).len())
        .sum::<usize>();
    let n = measure(&docs, &ctx, &k, rounds);
    assert_eq!(n, first * rounds, "same entities in every round");
    eprintln!(
        "{} documents, {total} bytes, {rounds} rounds, {n} entities",
        docs.len()
    );
}

/// The measured rounds (`--toggle-collect='extract_files::measure'`).
#[inline(never)]
fn measure(docs: &[String], ctx: &Context, k: &Knowledge<'_>, rounds: usize) -> usize {
    let mut n = 0;
    for _ in 0..rounds {
        n += docs.iter().map(|d| extract(d, ctx, k).len()).sum::<usize>();
    }
    n
}

//! Extracts the entities of the `.txt` articles in a directory, up to a
//! byte limit, a number of times: a workload for profilers
//! (`valgrind --tool=callgrind`, `perf record`) on the same documents the
//! `extract` bench reads.
//!
//! `cargo run --release -p vietdex-entities --example extract_files -- DIR [BYTES] [ROUNDS] [--dump]`
//!
//! With `--dump`, every entity is also written to standard output, one
//! JSON object a line, to compare the output of two builds.

use std::path::PathBuf;

#[path = "../benches/common/articles.rs"]
mod articles;

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
    let docs = articles::articles(&dir, limit);
    let total: usize = docs.iter().map(String::len).sum();
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
    let dump = args.next().is_some_and(|a| a == "--dump");
    let ctx = Context::default();
    // Warm the tables and compiled patterns outside the measured rounds.
    let first = docs
        .iter()
        .map(|d| extract(d, &ctx, &k).len())
        .sum::<usize>();
    if dump {
        use std::io::Write;
        let mut out = std::io::BufWriter::new(std::io::stdout().lock());
        for (i, d) in docs.iter().enumerate() {
            for e in extract(d, &ctx, &k) {
                let json = serde_json::to_string(&e).expect("an entity serializes");
                writeln!(out, "{i}\t{json}").expect("standard output");
            }
        }
    }
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

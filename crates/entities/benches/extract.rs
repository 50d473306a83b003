//! Entity extraction throughput on one thread, on the cleaned corpus
//! articles (or the `.txt` files of `VIETDEX_BENCH_TEXT`, up to
//! `VIETDEX_BENCH_BYTES`, default 4 MB). The entity count is checked on
//! every iteration.

use std::path::{Path, PathBuf};

#[path = "common/articles.rs"]
mod articles;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::sync::LazyLock;

use vietdex_entities::{Context, Gazetteer, Knowledge, Programs, extract};
use vietdex_tokenize::Segmenter;

/// The bundled gazetteer, program table and segmenter, loaded once.
fn knowledge() -> Knowledge<'static> {
    static G: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);
    static P: LazyLock<Programs> = LazyLock::new(|| Programs::bundled().expect("programs"));
    static S: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);
    Knowledge {
        gazetteer: &G,
        programs: &P,
        segmenter: &S,
    }
}

fn texts() -> Vec<String> {
    let limit: usize = std::env::var("VIETDEX_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(4 << 20);
    let dir = std::env::var_os("VIETDEX_BENCH_TEXT")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus"));
    articles::articles(&dir, limit)
}

fn bench(c: &mut Criterion) {
    let docs = texts();
    let bytes: usize = docs.iter().map(String::len).sum();
    eprintln!("{} documents, {:.2} MB", docs.len(), bytes as f64 / 1e6);
    let ctx = Context::default();
    let k = knowledge();
    // Warm the gazetteer and tables outside the measurement.
    let n: usize = docs.iter().map(|d| extract(d, &ctx, &k).len()).sum();
    eprintln!("{n} entities");
    let mut g = c.benchmark_group("entities");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.sample_size(10);
    g.bench_function("extract_one_thread", |b| {
        b.iter(|| {
            assert_eq!(
                docs.iter()
                    .map(|d| extract(d, &ctx, &k).len())
                    .sum::<usize>(),
                n
            )
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);

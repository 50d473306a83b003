//! Analyzer and segmenter throughput on real Vietnamese news text.
//!
//! The text is `corpus/` (always there), or the `.txt` files of the
//! directory in `VIETDEX_BENCH_TEXT` (e.g. a large news corpus kept outside
//! the repository), read up to `VIETDEX_BENCH_BYTES` bytes (default 8 MB).
//! Each benchmark checks its token count, so a faster run that loses tokens
//! shows up as a failure, not a win.
//!
//! The baseline is Tantivy's `SimpleTokenizer` + `LowerCaser` +
//! `AsciiFoldingFilter`, measured in the same run.

use std::path::{Path, PathBuf};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use tantivy::tokenizer::{AsciiFoldingFilter, LowerCaser, SimpleTokenizer, TextAnalyzer};
use tantivy_tokenizer_api::{TokenStream, Tokenizer};
use vietdex_tokenize::{Form, Segmenter, VietnameseTokenizer};

fn load_text() -> (String, String) {
    let limit: usize = std::env::var("VIETDEX_BENCH_BYTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(8 << 20);
    let (dir, label) = match std::env::var_os("VIETDEX_BENCH_TEXT") {
        Some(d) => (PathBuf::from(d), "VIETDEX_BENCH_TEXT"),
        None => (
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus"),
            "corpus/",
        ),
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut text = String::new();
    for f in files {
        if text.len() >= limit {
            break;
        }
        if let Ok(t) = std::fs::read_to_string(&f) {
            text.push_str(&t);
            text.push('\n');
        }
    }
    let desc = format!("{label}: {:.2} MB", text.len() as f64 / 1e6);
    (text, desc)
}

fn count_tokens<T: TokenStream>(mut s: T) -> usize {
    let mut n = 0;
    while s.advance() {
        n += s.token().text.len().min(1);
    }
    n
}

fn bench(c: &mut Criterion) {
    let (text, desc) = load_text();
    eprintln!("bench text: {desc}");
    let mut baseline = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(LowerCaser)
        .filter(AsciiFoldingFilter)
        .build();
    let mut exact = VietnameseTokenizer::new(Form::Exact);
    let mut folded = VietnameseTokenizer::new(Form::Folded);
    let n_base = count_tokens(baseline.token_stream(&text));
    let n_exact = count_tokens(exact.token_stream(&text));
    let n_folded = count_tokens(folded.token_stream(&text));
    assert_eq!(n_exact, n_folded);
    assert!(n_exact > text.len() / 10, "too few tokens: {n_exact}");
    eprintln!("tokens: baseline {n_base}, vietdex {n_exact}");

    let mut g = c.benchmark_group("analyzer");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("tantivy_simple_lower_asciifold", |b| {
        b.iter(|| assert_eq!(count_tokens(baseline.token_stream(&text)), n_base))
    });
    g.bench_function("vietdex_exact", |b| {
        b.iter(|| assert_eq!(count_tokens(exact.token_stream(&text)), n_exact))
    });
    g.bench_function("vietdex_folded", |b| {
        b.iter(|| assert_eq!(count_tokens(folded.token_stream(&text)), n_folded))
    });
    g.finish();

    let seg = &Segmenter::bundled();
    let lines: Vec<&str> = text.lines().collect();
    let words = |s: &Segmenter| {
        lines
            .iter()
            .map(|l| s.segment_line(l).split_whitespace().count())
            .sum::<usize>()
    };
    let n_words = words(seg);
    let mut g = c.benchmark_group("segmenter");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("segment_line_one_thread", |b| {
        b.iter(|| assert_eq!(words(seg), n_words))
    });
    g.finish();
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).measurement_time(std::time::Duration::from_secs(6));
    targets = bench
}
criterion_main!(benches);

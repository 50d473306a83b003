//! Single-thread cost of each stage of `vietdex index`, to see where the
//! time goes: reading, decoding, cleaning and fingerprinting (ingest);
//! entity extraction; each analyzer over the bodies.
//!
//! `cargo run --release -p vietdex-index --example stages -- CORPUS_DIR`

use std::error::Error;
use std::time::Instant;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use vietdex_index::build::entity_text;
use vietdex_index::schema::analyzer;
use vietdex_tokenize::{Form, PairTokenizer};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args().nth(1).ok_or("usage: stages CORPUS_DIR")?;
    let inputs = [std::path::PathBuf::from(dir)];
    let opts = vietdex_ingest::Options::default();
    let t = Instant::now();
    let mut articles = Vec::new();
    let mut bytes = 0u64;
    for found in vietdex_ingest::discover(&inputs) {
        let Ok(path) = found else { continue };
        let loaded = vietdex_ingest::load(&path, &opts, &mut |r| {
            if let Ok(a) = r {
                articles.push(a)
            }
        });
        bytes += loaded.map_or(0, |l| l.bytes);
    }
    let mb = bytes as f64 / 1e6;
    let report = |name: &str, t: Instant| {
        let s = t.elapsed().as_secs_f64();
        println!("{name:<10} {s:6.2} s {:7.1} MB/s", mb / s);
    };
    println!("{} articles, {mb:.1} MB", articles.len());
    report("ingest", t);
    let t = Instant::now();
    let mut n = 0;
    for a in &articles {
        n += vietdex_entities::extract(&entity_text(a), &Default::default()).len();
    }
    report("entities", t);
    let analyzers = [
        ("exact", analyzer(Form::Exact)),
        ("folded", analyzer(Form::Folded)),
        (
            "pairs",
            TextAnalyzer::builder(PairTokenizer::new(Form::Folded)).build(),
        ),
    ];
    for (name, mut an) in analyzers {
        let t = Instant::now();
        for a in &articles {
            let mut s = an.token_stream(&a.body);
            while s.advance() {
                n += 1;
            }
        }
        report(name, t);
    }
    std::hint::black_box(n);
    Ok(())
}

//! Single-thread cost of each stage of `vietdex index`, to see where the
//! time goes: reading, decoding, cleaning and fingerprinting (ingest);
//! entity extraction; the index forms of title and body in one pass
//! (`forms`, what documents are indexed with); the whole `pipeline::process`
//! step (extraction, forms, keys); and, for comparison, each query-side
//! analyzer run alone over the bodies.
//!
//! `cargo run --release -p vietdex-index --example stages -- CORPUS_DIR [STAGE]`
//!
//! With STAGE (`entities`, `forms`, `process` or an analyzer name), only
//! that stage runs after ingest, which makes profiles of it easier to read.

use std::error::Error;
use std::time::Instant;

use tantivy::tokenizer::{TextAnalyzer, TokenStream};
use vietdex_index::schema::analyzer;
use vietdex_tokenize::{Form, PairTokenizer};

fn main() -> Result<(), Box<dyn Error>> {
    let dir = std::env::args()
        .nth(1)
        .ok_or("usage: stages CORPUS_DIR [STAGE]")?;
    let only = std::env::args().nth(2);
    let runs = |stage: &str| only.as_deref().is_none_or(|o| o == stage);
    let inputs = [std::path::PathBuf::from(dir)];
    let opts = vietdex_pipeline::read::Options::default();
    let t = Instant::now();
    let mut articles = Vec::new();
    let mut bytes = 0u64;
    for found in vietdex_pipeline::read::discover(&inputs) {
        let Ok(path) = found else { continue };
        let loaded = vietdex_pipeline::read::load(&path, &opts, &mut |r| {
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
    let mut n = 0;
    if runs("process") || runs("entities") || runs("forms") {
        let t = Instant::now();
        let res = vietdex_pipeline::Resources::bundled()?;
        res.preload();
        report("resources", t);
        if runs("entities") {
            // Extraction alone, on the text `process` gives it.
            let texts: Vec<(String, Option<vietdex_pipeline::Date>)> = articles
                .iter()
                .map(|a| {
                    let published = a.published.as_deref().and_then(|p| p.parse().ok());
                    (vietdex_pipeline::document_text(a), published)
                })
                .collect();
            let t = Instant::now();
            for (text, published) in &texts {
                n += vietdex_pipeline::extract(text, *published, &res).len();
            }
            report("entities", t);
        }
        if runs("forms") {
            // Every form the index needs (exact, folded, pairs) in one pass.
            let t = Instant::now();
            for a in &articles {
                n += vietdex_pipeline::Forms::of(a).body.folded.len();
            }
            report("forms", t);
        }
        if runs("process") {
            // The whole step from an article to a document.
            let t = Instant::now();
            for a in &articles {
                n += vietdex_pipeline::process(a.clone(), &res).entities.len();
            }
            report("process", t);
        }
    }
    let analyzers = [
        ("exact", analyzer(Form::Exact)),
        ("folded", analyzer(Form::Folded)),
        (
            "pairs",
            TextAnalyzer::builder(PairTokenizer::new(Form::Folded)).build(),
        ),
    ];
    for (name, mut an) in analyzers {
        if !runs(name) {
            continue;
        }
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

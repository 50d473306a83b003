//! The floor under `vietdex index`: plain Tantivy indexing the same articles
//! (a folder of `.txt` files, headline on the first line, or one JSON Lines
//! file of records with `title` and `body`) into one stored title and one
//! stored body field, with positions, on every core, and nothing else: no
//! cleaning, duplicates, exact form, pairs or entities.
//!
//! `cargo run --release -p vietdex-index --example tantivy_floor -- CORPUS OUT [simple|folded]`
//!
//! `simple` (the default) uses Tantivy's default tokenizer; `folded` uses
//! vietdex's folded analyzer. Prints documents, MB and MB/s; wall time
//! counts reading the files. `bench/index_vs_fts5.py --floor` runs it beside
//! `vietdex index` and SQLite FTS5.

use std::error::Error;
use std::path::{Path, PathBuf};
use std::time::Instant;

use tantivy::schema::{IndexRecordOption, STORED, Schema, TEXT, TextFieldIndexing, TextOptions};
use tantivy::{Index, IndexWriter, TantivyDocument};

fn main() -> Result<(), Box<dyn Error>> {
    let mut args = std::env::args().skip(1);
    let (Some(corpus), Some(out)) = (args.next(), args.next()) else {
        return Err("usage: tantivy_floor CORPUS OUT [simple|folded]".into());
    };
    let folded = match args.next().as_deref() {
        None | Some("simple") => false,
        Some("folded") => true,
        Some(other) => return Err(format!("unknown analyzer {other:?}").into()),
    };
    let start = Instant::now();
    let articles = read_articles(Path::new(&corpus))?;
    let opts: TextOptions = if folded {
        TextOptions::default().set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer("folded")
                .set_index_option(IndexRecordOption::WithFreqsAndPositions),
        )
    } else {
        TEXT
    };
    let mut b = Schema::builder();
    let title = b.add_text_field("title", opts.clone() | STORED);
    let body = b.add_text_field("body", opts | STORED);
    std::fs::create_dir_all(&out)?;
    let index = Index::create_in_dir(&out, b.build())?;
    index.tokenizers().register(
        "folded",
        vietdex_index::schema::analyzer(vietdex_tokenize::Form::Folded),
    );
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut writer: IndexWriter = index.writer_with_num_threads(threads, 256 << 20)?;
    let mut bytes = 0usize;
    let n = articles.len();
    for (head, rest, size) in articles {
        bytes += size;
        let mut doc = TantivyDocument::default();
        doc.add_text(title, head);
        doc.add_text(body, rest);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = start.elapsed().as_secs_f64();
    println!("{} {} {secs}", n, bytes);
    eprintln!(
        "{} documents, {:.1} MB, {secs:.2} s, {:.2} MB/s",
        n,
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}

/// Headline, body and bytes read of one article.
type Read = (String, String, usize);

/// Every article under `corpus`.
fn read_articles(corpus: &Path) -> Result<Vec<Read>, Box<dyn Error>> {
    let mut out = Vec::new();
    if corpus.is_dir() {
        let mut files: Vec<PathBuf> = std::fs::read_dir(corpus)?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        files.sort();
        for f in &files {
            let raw = std::fs::read(f)?;
            let text = String::from_utf8_lossy(&raw);
            let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
            out.push((head.to_string(), rest.to_string(), raw.len()));
        }
    } else {
        let text = std::fs::read_to_string(corpus)?;
        for line in text.lines().filter(|l| !l.trim().is_empty()) {
            let v: serde_json::Value = serde_json::from_str(line)?;
            let field = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            out.push((field("title"), field("body"), line.len() + 1));
        }
    }
    Ok(out)
}

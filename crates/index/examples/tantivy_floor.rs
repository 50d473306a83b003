//! The floor under `vietdex index`: plain Tantivy indexing the same `.txt`
//! articles (headline on the first line) into one stored title and one
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
use std::path::PathBuf;
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
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
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
    for f in &files {
        let text = String::from_utf8_lossy(&std::fs::read(f)?).into_owned();
        bytes += text.len();
        let (head, rest) = text.split_once('\n').unwrap_or((&text, ""));
        let mut doc = TantivyDocument::default();
        doc.add_text(title, head);
        doc.add_text(body, rest);
        writer.add_document(doc)?;
    }
    writer.commit()?;
    writer.wait_merging_threads()?;
    let secs = start.elapsed().as_secs_f64();
    println!("{} {} {secs}", files.len(), bytes);
    eprintln!(
        "{} documents, {:.1} MB, {secs:.2} s, {:.2} MB/s",
        files.len(),
        bytes as f64 / 1e6,
        bytes as f64 / 1e6 / secs
    );
    Ok(())
}

//! One function per command.

use std::io::{BufRead, Write};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vietdex_index::{BuildOptions, SearchOptions, Searcher, build};
use vietdex_tokenize::{Segmenter, analyze};

use crate::args::{AnalyzeArgs, Cli, Command, IndexArgs, SearchArgs, SegmentArgs};
use crate::output;

/// Runs a command; `Ok(false)` means it found nothing.
pub fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Index(a) => index(a),
        Command::Search(a) => search(a),
        Command::Analyze(a) => analyze_cmd(a),
        Command::Segment(a) => segment(a),
    }
}

fn progress_bar(quiet: bool) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template("{spinner} {elapsed_precise} {pos} files · {msg} · {per_sec}")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

fn index(a: IndexArgs) -> Result<bool> {
    let mut opts = BuildOptions {
        prune: a.prune,
        commit_every_sources: a.commit_every,
        ..BuildOptions::default()
    };
    opts.ingest.max_bytes = a.max_bytes;
    for f in &a.fields {
        let (kind, name) = f.split_once('=').with_context(|| {
            format!("--field {f}: expected KIND=NAME, e.g. --field body=content")
        })?;
        opts.ingest
            .fields
            .prefer(kind.trim(), name.trim())
            .map_err(|e| anyhow::anyhow!("--field {f}: {e}"))?;
    }
    let bar = progress_bar(a.quiet || a.json);
    let started = std::time::Instant::now();
    let report = build(&a.paths, &a.index.dir, &opts, &|p| {
        bar.set_position(p.files as u64);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} documents · {:.0} documents/s · {:.1} MB",
            p.documents,
            p.documents as f64 / secs,
            p.bytes as f64 / 1e6
        ));
    })
    .with_context(|| format!("indexing into {}", a.index.dir.display()))?;
    bar.finish_and_clear();
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    if a.json {
        println!("{}", serde_json::to_string(&report)?);
    } else {
        let mut out = std::io::stdout().lock();
        writeln!(
            out,
            "files: {} found, {} unchanged, {} read, {} rejected whole",
            report.files_found,
            report.files_unchanged,
            report.files_read,
            report.files_found - report.files_unchanged - report.files_read
        )?;
        writeln!(
            out,
            "documents: {} read = {} indexed + {} duplicates + {} rejected; {} removed; {} in {} ({} near-duplicate clusters)",
            report.records_read,
            report.documents_indexed,
            report.duplicates,
            report.rejected.len(),
            report.documents_removed,
            report.documents_total,
            report.index.display(),
            report.clusters
        )?;
        writeln!(
            out,
            "{:.2} s · {:.0} documents/s · {:.2} MB/s · {} commits",
            secs,
            report.documents_indexed as f64 / secs,
            report.bytes_read as f64 / 1e6 / secs,
            report.commits
        )?;
        for r in &report.rejected {
            writeln!(out, "rejected {r}")?;
        }
    }
    Ok(true)
}

fn search(a: SearchArgs) -> Result<bool> {
    let searcher = Searcher::open(&a.index.dir)?;
    let results = searcher.search(
        &a.query,
        &SearchOptions {
            limit: a.limit,
            dedup: a.dedup,
        },
    )?;
    let mut out = std::io::stdout().lock();
    if a.json {
        for hit in &results.hits {
            writeln!(out, "{}", output::hit_json(hit))?;
        }
    } else {
        let color = output::color();
        for (i, hit) in results.hits.iter().enumerate() {
            output::print_hit(&mut out, i + 1, hit, color)?;
        }
        writeln!(
            out,
            "{} of {} matching documents",
            results.hits.len(),
            results.total
        )?;
    }
    Ok(results.total > 0)
}

fn analyze_cmd(a: AnalyzeArgs) -> Result<bool> {
    let text = a.text.join(" ");
    let toks = analyze(&text);
    let mut out = std::io::stdout().lock();
    if a.json {
        for t in &toks {
            let v = serde_json::json!({
                "position": t.position, "exact": t.exact, "folded": t.folded,
                "start": t.start, "end": t.end, "text": &text[t.start..t.end],
            });
            writeln!(out, "{v}")?;
        }
    } else {
        writeln!(
            out,
            "{:>4}  {:<16} {:<16} {:>11}  original",
            "pos", "exact", "folded", "bytes"
        )?;
        for t in &toks {
            writeln!(
                out,
                "{:>4}  {:<16} {:<16} {:>11}  {}",
                t.position,
                t.exact,
                t.folded,
                format!("{}..{}", t.start, t.end),
                &text[t.start..t.end]
            )?;
        }
    }
    Ok(!toks.is_empty())
}

fn segment(a: SegmentArgs) -> Result<bool> {
    let seg = Segmenter::shared();
    if let Some(gold) = a.eval {
        let text = std::fs::read_to_string(&gold)
            .with_context(|| format!("reading {}", gold.display()))?;
        let s = seg.evaluate(&text);
        println!(
            "{}: {} gold words, {} predicted, {} correct · P={:.4} R={:.4} F1={:.4}",
            gold.display(),
            s.gold,
            s.predicted,
            s.correct,
            s.precision(),
            s.recall(),
            s.f1()
        );
        return Ok(true);
    }
    let stdin = std::io::stdin().lock();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for (no, line) in stdin.lines().enumerate() {
        let line = line.with_context(|| format!("reading stdin line {}", no + 1))?;
        writeln!(out, "{}", seg.segment_line(&line))?;
    }
    out.flush()?;
    Ok(true)
}

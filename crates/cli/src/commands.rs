//! One function per command.

use std::io::{BufRead, Write};
use std::time::Duration;

use anyhow::{Context, Result};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use vietdex_index::{BuildOptions, SearchOptions, Searcher, build};
use vietdex_pipeline::Resources;
use vietdex_tokenize::{Analyzer, Segmenter};

use crate::args::{
    AnalyzeArgs, BackendArgs, BulkAction, By, CheckArgs, Cli, Command, EntitiesArgs, ExportArgs,
    ExportFormat, ExtractArgs, FilterArgs, Format, GraphFormat, IndexArgs, SearchArgs, SegmentArgs,
    ServeArgs, ShowArgs, StatsArgs,
};
use crate::output;

/// Runs a command; `Ok(false)` means it found nothing.
pub fn run(cli: Cli) -> Result<bool> {
    match cli.command {
        Command::Index(a) => index(a),
        Command::Search(a) => search(a),
        Command::Analyze(a) => analyze_cmd(a),
        Command::Segment(a) => segment(a),
        Command::Extract(a) => extract(a),
        Command::Entities(a) => entities(a),
        Command::Show(a) => show(a),
        Command::Stats(a) => stats(a),
        Command::Check(a) => check(a),
        Command::Export(a) => export(a),
        Command::Serve(a) => serve(a),
    }
}

/// The language resources shipped with vietdex, loaded once per command.
fn resources() -> Result<Resources> {
    Resources::bundled().context("loading the language resources shipped with vietdex")
}

fn progress_bar(quiet: bool) -> ProgressBar {
    let target = if quiet {
        ProgressDrawTarget::hidden()
    } else {
        ProgressDrawTarget::stderr()
    };
    let bar = ProgressBar::with_draw_target(None, target);
    bar.set_style(
        ProgressStyle::with_template(
            "{spinner} {elapsed_precise} {bytes} · {msg} · {bytes_per_sec}",
        )
        .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    bar
}

/// The progress bar once the bytes to read are known: percent, speed and
/// time left.
fn sized_style() -> ProgressStyle {
    ProgressStyle::with_template(
        "{spinner} {elapsed_precise} [{wide_bar}] {percent:>3}% {bytes}/{total_bytes} · {bytes_per_sec} · {eta} left · {msg}",
    )
    .unwrap_or_else(|_| ProgressStyle::default_bar())
    .progress_chars("=> ")
}

/// How sources are read: `--field KIND=NAME`, `--max-bytes`, `--max-text`.
fn ingest_options(
    fields: &[String],
    max_bytes: u64,
    max_text: usize,
) -> Result<vietdex_ingest::Options> {
    let mut opts = vietdex_ingest::Options {
        max_bytes,
        max_text,
        ..vietdex_ingest::Options::default()
    };
    for f in fields {
        let (kind, name) = f.split_once('=').with_context(|| {
            format!("--field {f}: expected KIND=NAME, e.g. --field body=content")
        })?;
        opts.fields
            .prefer(kind.trim(), name.trim())
            .map_err(|e| anyhow::anyhow!("--field {f}: {e}"))?;
    }
    Ok(opts)
}

fn index(a: IndexArgs) -> Result<bool> {
    let mut opts = BuildOptions {
        prune: a.prune,
        commit_every_sources: a.commit_every,
        follow_links: a.follow,
        commit_interval: Duration::from_secs_f64(a.commit_interval),
        ..BuildOptions::default()
    };
    opts.ingest = ingest_options(&a.fields, a.max_bytes, a.max_text)?;
    let resources = resources()?;
    resources.preload();
    let bar = progress_bar(a.quiet || a.json);
    let started = std::time::Instant::now();
    let sized = std::sync::atomic::AtomicBool::new(false);
    let report = build(&a.paths, &a.index.dir, &opts, &resources, &|p| {
        if let Some(total) = p.total_bytes {
            if !sized.swap(true, std::sync::atomic::Ordering::Relaxed) {
                bar.set_style(sized_style());
            }
            bar.set_length(total.max(p.bytes_done));
        }
        bar.set_position(p.bytes_done);
        let secs = started.elapsed().as_secs_f64().max(1e-3);
        bar.set_message(format!(
            "{} files · {} documents · {:.0} documents/s",
            p.files,
            p.documents,
            p.documents as f64 / secs,
        ));
    })
    .with_context(|| format!("indexing into {}", a.index.dir.display()))?;
    bar.finish_and_clear();
    let secs = report.elapsed.as_secs_f64().max(1e-9);
    if a.json {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string(&report)?
        )?;
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
            "{:.2} s · {:.0} documents/s · {:.2} MB/s · {} commits{}",
            secs,
            report.documents_indexed as f64 / secs,
            report.bytes_read as f64 / 1e6 / secs,
            report.commits,
            report.peak_memory_bytes.map_or(String::new(), |b| format!(
                " · peak memory {:.0} MB",
                b as f64 / 1e6
            ))
        )?;
        for r in &report.rejected {
            writeln!(out, "rejected {r}")?;
        }
        for w in &report.warnings {
            writeln!(out, "warning {w}")?;
        }
    }
    Ok(true)
}

/// The filters as typed; [`vietdex_pipeline::FilterSpec::resolve`] validates them.
fn filter_spec(f: &FilterArgs) -> vietdex_pipeline::FilterSpec {
    vietdex_pipeline::FilterSpec {
        province: f.province.clone(),
        district: f.district.clone(),
        commune: f.commune.clone(),
        program: f.program.clone(),
        org: f.org.clone(),
        person: f.person.clone(),
        entity: f.entity.clone(),
        from: f.from.clone(),
        to: f.to.clone(),
        source: f.source.clone(),
        across_reform: f.era == "any",
    }
}

/// The remote engine `search` and `entities` run on, when one is given.
fn backend(b: &BackendArgs) -> Result<Option<vietdex_opensearch::Backend>> {
    let Some(url) = &b.backend else {
        return Ok(None);
    };
    let creds = vietdex_opensearch::Credentials::discover(&|k| std::env::var(k).ok())?;
    Ok(Some(vietdex_opensearch::Backend::new(
        url,
        creds,
        Duration::from_secs(b.timeout.max(1)),
    )?))
}

fn search(a: SearchArgs) -> Result<bool> {
    let mut out = std::io::stdout().lock();
    let results = if let Some(engine) = backend(&a.backend)? {
        let res = resources()?;
        let filters = filter_spec(&a.filters).resolve(&res)?;
        let parsed = vietdex_index::search::checked(
            &a.query,
            vietdex_pipeline::query::parse(&a.query, &res),
        )?;
        if a.count {
            let n = engine.count(&parsed, &filters)?;
            writeln!(out, "{n}")?;
            return Ok(n > 0);
        }
        engine.search(
            &parsed,
            &SearchOptions {
                limit: a.limit,
                dedup: a.dedup,
                filters,
            },
        )?
    } else {
        let searcher = Searcher::open(&a.index.dir, std::sync::Arc::new(resources()?))?;
        let filters = filter_spec(&a.filters).resolve(searcher.resources())?;
        if a.count {
            let n = searcher.count(&a.query, &filters)?;
            writeln!(out, "{n}")?;
            return Ok(n > 0);
        }
        searcher.search(
            &a.query,
            &SearchOptions {
                limit: a.limit,
                dedup: a.dedup,
                filters,
            },
        )?
    };
    let format = a
        .format
        .unwrap_or(if a.json { Format::Json } else { Format::Text });
    if format == Format::Csv {
        vietdex_index::export::hits_csv(&mut out, &results.hits, 1)?;
    } else if format == Format::Json {
        for hit in &results.hits {
            writeln!(out, "{}", serde_json::to_string(hit)?)?;
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

fn entities(a: EntitiesArgs) -> Result<bool> {
    let mut spec = filter_spec(&a.filters);
    spec.entity.extend(a.with.iter().cloned());
    let req = vietdex_index::EntityRequest {
        kind: a.kind,
        top: a.top,
        by: a.by.map(|b| match b {
            By::Year => vietdex_index::Period::Year,
            By::Month => vietdex_index::Period::Month,
        }),
    };
    let mut out = std::io::stdout().lock();
    if let Some(g) = a.graph {
        if a.backend.backend.is_some() {
            anyhow::bail!("--graph reads a local index: drop --backend, or use --json with it");
        }
        let searcher = Searcher::open(&a.index.dir, std::sync::Arc::new(resources()?))?;
        let filters = spec.resolve(searcher.resources())?;
        let kinds = if a.graph_kind.is_empty() {
            a.kind.into_iter().collect()
        } else {
            a.graph_kind.clone()
        };
        let graph = searcher.graph(&a.query, &filters, &kinds, a.top)?;
        match g {
            GraphFormat::Gexf => vietdex_index::export::graph_gexf(&mut out, &graph)?,
            GraphFormat::Csv => vietdex_index::export::graph_csv(&mut out, &graph)?,
        }
        return Ok(!graph.nodes.is_empty());
    }
    let report = if let Some(engine) = backend(&a.backend)? {
        let res = resources()?;
        let filters = spec.resolve(&res)?;
        let parsed = vietdex_index::search::checked(
            &a.query,
            vietdex_pipeline::query::parse(&a.query, &res),
        )?;
        engine.entities(&parsed, &filters, &req, &res)?
    } else {
        let searcher = Searcher::open(&a.index.dir, std::sync::Arc::new(resources()?))?;
        let filters = spec.resolve(searcher.resources())?;
        searcher.entities(&a.query, &filters, &req)?
    };
    let format = a
        .format
        .unwrap_or(if a.json { Format::Json } else { Format::Text });
    if format == Format::Csv {
        vietdex_index::export::entities_csv(&mut out, &report.rows)?;
    } else if format == Format::Json {
        for row in &report.rows {
            writeln!(out, "{}", serde_json::to_string(row)?)?;
        }
    } else {
        output::print_entities(&mut out, &report)?;
    }
    Ok(!report.rows.is_empty())
}

/// Whether `--out` names one file rather than a directory of bulk files.
fn is_single_file(p: &std::path::Path) -> bool {
    !p.is_dir()
        && p.extension()
            .is_some_and(|e| e == "ndjson" || e == "json" || e == "jsonl")
}

fn export(a: ExportArgs) -> Result<bool> {
    use vietdex_opensearch::document::{
        Action, BulkWriter, collect_in, known_document, source_json,
    };
    if a.format == ExportFormat::IndexTemplate {
        let t = vietdex_opensearch::template::index_template(&[format!("{}*", a.index_name)]);
        let text = serde_json::to_string_pretty(&t)? + "\n";
        match &a.out {
            Some(p) => {
                std::fs::write(p, text).with_context(|| format!("writing {}", p.display()))?
            }
            None => std::io::stdout().lock().write_all(text.as_bytes())?,
        }
        return Ok(true);
    }
    let action = match a.action {
        BulkAction::Index => Action::Index,
        BulkAction::Create => Action::Create,
    };
    let index_name = Some(a.index_name.clone());
    let mut writer = match &a.out {
        None => BulkWriter::to_stream(
            Box::new(std::io::BufWriter::new(std::io::stdout())),
            action,
            index_name,
        ),
        Some(p) if is_single_file(p) => BulkWriter::to_stream(
            Box::new(std::io::BufWriter::new(
                std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
            )),
            action,
            index_name,
        ),
        Some(dir) => BulkWriter::to_dir(dir, a.file_size, action, index_name)
            .with_context(|| format!("creating {}", dir.display()))?,
    };
    let engine = match &a.backend {
        Some(_) if a.out.as_ref().is_none_or(|p| is_single_file(p)) => {
            anyhow::bail!("--backend loads bulk files: give --out DIR for them")
        }
        Some(url) => Some(vietdex_opensearch::Backend::new(
            url,
            vietdex_opensearch::Credentials::discover(&|k| std::env::var(k).ok())?,
            Duration::from_secs(a.timeout.max(1)),
        )?),
        None => None,
    };
    let res = resources()?;
    let started = std::time::Instant::now();
    let mut bytes_read = 0;
    let mut rejected_sources = 0;
    let mut duplicates = 0;
    if let Some(dir) = &a.index {
        let searcher = Searcher::open(dir, std::sync::Arc::new(resources()?))?;
        searcher.for_each_document(|shown| -> Result<()> {
            let d = shown.doc;
            let article = vietdex_pipeline::Article {
                id: d.id.clone(),
                source: d.path.clone(),
                url: d.url,
                title: d.title,
                published: d.published,
                outlet: d.outlet,
                author: d.author,
                body: shown.body,
                ..vietdex_pipeline::Article::default()
            };
            let place = vietdex_opensearch::document::Placement {
                sources: d.sources,
                cluster: d.cluster,
                cluster_size: d.cluster_size,
            };
            let doc = known_document(article, shown.entities);
            bytes_read += (doc.article.title.len() + doc.article.body.len()) as u64;
            writer.write(&d.id, &source_json(&doc, &place, &res))?;
            Ok(())
        })?;
    } else {
        let paths = if a.paths.is_empty() {
            vec![std::path::PathBuf::from("corpus")]
        } else {
            a.paths.clone()
        };
        for p in &paths {
            if !p.exists() {
                anyhow::bail!("{}: no such file or directory", p.display());
            }
        }
        res.preload();
        // Documents wait in a temporary file beside the output (on the disk
        // that takes the output) until clusters are known.
        let spill_dir = match &a.out {
            Some(p) if is_single_file(p) => match p.parent() {
                Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
                _ => std::path::PathBuf::from("."),
            },
            Some(dir) => dir.clone(),
            None => std::env::temp_dir(),
        };
        let opts = ingest_options(&a.fields, a.max_bytes, a.max_text)?;
        let collected = collect_in(&paths, &opts, &res, &spill_dir);
        bytes_read = collected.bytes;
        rejected_sources = collected.rejects.len();
        duplicates = collected.duplicates;
        for r in &collected.rejects {
            eprintln!("rejected {r}");
        }
        for w in &collected.warnings {
            eprintln!("warning {w}");
        }
        collected.write_to(&mut writer)?;
    }
    let summary = writer.finish()?;
    let secs = started.elapsed().as_secs_f64().max(1e-9);
    if !a.quiet {
        eprintln!(
            "{} documents ({} duplicates merged, {} rejected) · {:.1} MB of bulk in {} · {:.2} s · {:.2} MB/s read",
            summary.documents,
            duplicates,
            rejected_sources,
            summary.bytes as f64 / 1e6,
            match summary.files.len() {
                0 => "one stream".to_string(),
                1 => "1 file".to_string(),
                n => format!("{n} files"),
            },
            secs,
            bytes_read as f64 / 1e6 / secs
        );
    }
    if let Some(engine) = engine {
        let (mut accepted, mut rejected) = (0, 0);
        for file in &summary.files {
            let body = std::fs::read_to_string(file)
                .with_context(|| format!("reading {}", file.display()))?;
            let report = engine
                .bulk(body)
                .with_context(|| format!("loading {}", file.display()))?;
            accepted += report.accepted;
            rejected += report.rejected.len();
            for r in &report.rejected {
                eprintln!(
                    "rejected {} ({}): HTTP {} {}",
                    r.id,
                    file.display(),
                    r.status,
                    r.reason
                );
            }
        }
        if !a.quiet {
            eprintln!(
                "loaded into {}: {accepted} documents accepted, {rejected} rejected",
                engine.index()
            );
        }
        if rejected > 0 {
            anyhow::bail!("{rejected} documents were rejected by the engine (listed above)");
        }
    }
    Ok(summary.documents > 0)
}

fn show(a: ShowArgs) -> Result<bool> {
    let searcher = Searcher::open(&a.index.dir, std::sync::Arc::new(resources()?))?;
    let Some(doc) = searcher.show(&a.target)? else {
        // Nothing found is exit 1, as for a search that finds nothing.
        eprintln!(
            "vietdex: no document with id or source path \"{}\" in {}: find ids with `vietdex search QUERY --json`",
            vietdex_ingest::escape::text(&a.target),
            vietdex_ingest::escape::path(&a.index.dir)
        );
        return Ok(false);
    };
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&doc)?)?;
    } else {
        output::print_document(&mut out, &doc)?;
    }
    Ok(true)
}

fn stats(a: StatsArgs) -> Result<bool> {
    let searcher = Searcher::open(&a.index.dir, std::sync::Arc::new(resources()?))?;
    let s = searcher.stats()?;
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&s)?)?;
    } else {
        writeln!(out, "documents     {}", s.documents)?;
        writeln!(out, "sources       {}", s.sources)?;
        writeln!(
            out,
            "published     {} … {} ({} undated)",
            s.first_published.as_deref().unwrap_or("?"),
            s.last_published.as_deref().unwrap_or("?"),
            s.undated
        )?;
        writeln!(out, "clusters      {} near-duplicate clusters", s.clusters)?;
        let kinds: Vec<String> = s.entities.iter().map(|(k, n)| format!("{n} {k}")).collect();
        writeln!(out, "entities      {}", kinds.join(", "))?;
        writeln!(out, "size on disk  {:.1} MB", s.bytes as f64 / 1e6)?;
    }
    Ok(true)
}

fn check(a: CheckArgs) -> Result<bool> {
    let dir = &a.index.dir;
    let report = vietdex_index::check(dir)?;
    let mut out = std::io::stdout().lock();
    if a.json && !a.repair {
        writeln!(out, "{}", serde_json::to_string(&report)?)?;
    } else {
        let shown = vietdex_ingest::escape::path(dir);
        if report.ok() {
            writeln!(
                out,
                "{shown}: sound: {} segments, {} documents, {} sources",
                report.segments,
                report.documents.unwrap_or(0),
                report.sources.unwrap_or(0)
            )?;
        } else {
            for p in &report.problems {
                writeln!(out, "{shown}: {p}")?;
            }
        }
    }
    if report.ok() {
        return Ok(true);
    }
    if !a.repair {
        anyhow::bail!(
            "the index at {} is damaged (see above): run `vietdex check --repair --index {}` to rebuild it from its sources",
            vietdex_ingest::escape::path(dir),
            vietdex_ingest::escape::path(dir)
        );
    }
    drop(out);
    let resources = resources()?;
    let r = vietdex_index::repair(dir, &BuildOptions::default(), &resources, &|_| {})?;
    let mut out = std::io::stdout().lock();
    if a.json {
        writeln!(out, "{}", serde_json::to_string(&r)?)?;
    } else {
        writeln!(out, "removed {} index files", r.removed)?;
        if let Some(b) = &r.rebuild {
            writeln!(
                out,
                "rebuilt from {} sources: {} documents in the index",
                b.files_found, b.documents_total
            )?;
        } else {
            writeln!(
                out,
                "no readable state lists the sources: run `vietdex index PATH... --index {}` to rebuild it",
                vietdex_ingest::escape::path(dir)
            )?;
        }
        for m in &r.missing_sources {
            writeln!(out, "source gone, not re-indexed: {m}")?;
        }
    }
    Ok(true)
}

fn serve(a: ServeArgs) -> Result<bool> {
    let resources = std::sync::Arc::new(resources()?);
    vietdex_server::run(&a.index.dir, a.addr, resources, |addr| {
        let note = if addr.ip().is_loopback() {
            "this machine only"
        } else {
            "reachable from the network: anyone who can connect can read the index"
        };
        eprintln!(
            "vietdex: serving {} on http://{addr}/ ({note}); Ctrl-C stops",
            a.index.dir.display()
        );
    })
    .with_context(|| format!("serving {}", a.index.dir.display()))?;
    Ok(true)
}

fn analyze_cmd(a: AnalyzeArgs) -> Result<bool> {
    let text = a.text.join(" ");
    // The tokens the index has a folded term for; a token's position is
    // its index.
    let toks = Analyzer::new().skipping_foldless().analyze(&text);
    let mut out = std::io::stdout().lock();
    if a.json {
        for (position, t) in toks.iter().enumerate() {
            let v = serde_json::json!({
                "position": position, "exact": t.exact.as_str(), "folded": t.folded.as_str(),
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
        for (position, t) in toks.iter().enumerate() {
            writeln!(
                out,
                "{:>4}  {:<16} {:<16} {:>11}  {}",
                position,
                t.exact.as_str(),
                t.folded.as_str(),
                format!("{}..{}", t.start, t.end),
                &text[t.start..t.end]
            )?;
        }
    }
    Ok(!toks.is_empty())
}

fn segment(a: SegmentArgs) -> Result<bool> {
    let seg = Segmenter::bundled();
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
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    // Bad lines are reported on stderr as they come; every line is output.
    each_line(std::io::stdin().lock(), "stdin", &mut |_, line| {
        writeln!(out, "{}", seg.segment_line(line))?;
        Ok(())
    })?;
    out.flush()?;
    Ok(true)
}

/// Calls `f` with each line of `input` (1-based number, text without its
/// line ending). A line with bytes that are not valid UTF-8 is processed
/// with them replaced by U+FFFD and reported on stderr with its number;
/// the remaining lines are processed as usual. Returns whether every line
/// was valid UTF-8.
fn each_line(
    mut input: impl BufRead,
    name: &str,
    f: &mut dyn FnMut(usize, &str) -> Result<()>,
) -> Result<bool> {
    let mut buf = Vec::new();
    let mut no = 0;
    let mut clean = true;
    loop {
        buf.clear();
        let n = input
            .read_until(b'\n', &mut buf)
            .with_context(|| format!("reading {name} after line {no}"))?;
        if n == 0 {
            return Ok(clean);
        }
        no += 1;
        if buf.last() == Some(&b'\n') {
            buf.pop();
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
        }
        match std::str::from_utf8(&buf) {
            Ok(line) => f(no, line)?,
            Err(_) => {
                clean = false;
                let bad: usize = buf.utf8_chunks().map(|c| c.invalid().len()).sum();
                eprintln!(
                    "vietdex: {name} line {no}: {bad} bytes that are not valid UTF-8 replaced by U+FFFD"
                );
                f(no, &String::from_utf8_lossy(&buf))?;
            }
        }
    }
}

fn extract_json(
    source: &str,
    title: Option<&str>,
    text: &str,
    entities: &[vietdex_pipeline::Entity],
) -> serde_json::Value {
    serde_json::json!({ "source": source, "title": title, "text": text, "entities": entities })
}

/// One line of text (no article around it, so no date).
fn extract_line(source: &str, text: &str, res: &Resources) -> serde_json::Value {
    let entities = vietdex_pipeline::extract(text, None, res);
    extract_json(source, None, text, &entities)
}

fn extract(a: ExtractArgs) -> Result<bool> {
    let res = resources()?;
    res.preload();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let stdin_only = a.files.is_empty() || a.files.iter().all(|f| f.as_os_str() == "-");
    if stdin_only {
        if a.lines {
            each_line(std::io::stdin().lock(), "stdin", &mut |no, line| {
                writeln!(out, "{}", extract_line(&format!("-:{no}"), line, &res))?;
                Ok(())
            })?;
        } else {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin().lock(), &mut bytes)
                .context("reading stdin")?;
            let bad: usize = bytes.utf8_chunks().map(|c| c.invalid().len()).sum();
            if bad > 0 {
                eprintln!(
                    "vietdex: stdin: {bad} bytes that are not valid UTF-8 replaced by U+FFFD"
                );
            }
            writeln!(
                out,
                "{}",
                extract_line("-", &String::from_utf8_lossy(&bytes), &res)
            )?;
        }
        out.flush()?;
        return Ok(true);
    }
    let opts = vietdex_ingest::Options::default();
    let mut failed = false;
    for path in &a.files {
        if a.lines {
            let name = vietdex_ingest::escape::path(path);
            let file = std::fs::File::open(path).with_context(|| format!("cannot read {name}"))?;
            each_line(std::io::BufReader::new(file), &name, &mut |no, line| {
                writeln!(out, "{}", extract_line(&format!("{name}:{no}"), line, &res))?;
                Ok(())
            })?;
            continue;
        }
        let mut docs = Vec::new();
        let loaded = vietdex_ingest::load(path, &opts, &mut |rec| docs.push(rec));
        for rec in docs {
            match rec {
                Ok(article) => {
                    let doc = vietdex_pipeline::process(article, &res);
                    let a = &doc.article;
                    writeln!(
                        out,
                        "{}",
                        extract_json(&a.source, Some(&a.title), &doc.text, &doc.entities)
                    )?;
                }
                Err(r) => {
                    eprintln!("vietdex: {r}");
                    failed = true;
                }
            }
        }
        if let Err(r) = loaded {
            eprintln!("vietdex: {r}");
            failed = true;
        }
    }
    out.flush()?;
    if failed {
        anyhow::bail!("some inputs could not be read (see above)");
    }
    Ok(true)
}

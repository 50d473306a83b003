//! Printing for people and for programs.

use std::io::{IsTerminal, Write};

use vietdex_index::{Hit, Snippet};
use vietdex_pipeline::entities::{Details, Entity, Kind};

/// Whether stdout is a terminal (colours on).
pub fn color() -> bool {
    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
}

/// The snippet with its highlights as ANSI bold red, or `[...]` when not on a terminal.
pub fn render_snippet(s: &Snippet, color: bool) -> String {
    let (on, off) = if color {
        ("\x1b[1;31m", "\x1b[0m")
    } else {
        ("[", "]")
    };
    let mut out = String::with_capacity(s.text.len() + 16);
    let mut last = 0;
    for &(a, b) in &s.highlights {
        if a < last
            || b > s.text.len()
            || !s.text.is_char_boundary(a)
            || !s.text.is_char_boundary(b)
        {
            continue;
        }
        out.push_str(&s.text[last..a]);
        out.push_str(on);
        out.push_str(&s.text[a..b]);
        out.push_str(off);
        last = b;
    }
    out.push_str(&s.text[last..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// One hit, for people.
pub fn print_hit(w: &mut impl Write, rank: usize, hit: &Hit, color: bool) -> std::io::Result<()> {
    let (b, r) = if color {
        ("\x1b[1m", "\x1b[0m")
    } else {
        ("", "")
    };
    writeln!(w, "{rank}. {b}{}{r}", hit.doc.title)?;
    let mut meta = vec![hit.doc.url.clone().unwrap_or_else(|| hit.doc.path.clone())];
    meta.extend(hit.doc.published.clone());
    meta.extend(hit.doc.outlet.clone());
    if hit.doc.sources.len() > 1 {
        meta.push(format!("{} copies", hit.doc.sources.len()));
    }
    if hit.doc.cluster_size > 1 {
        meta.push(format!("{} similar", hit.doc.cluster_size - 1));
    }
    meta.push(format!("score {:.2}", hit.score));
    writeln!(w, "   {}", meta.join(" · "))?;
    writeln!(w, "   {}", render_snippet(&hit.snippet, color))?;
    let main = main_entities(&hit.entities(), 6);
    if !main.is_empty() {
        writeln!(w, "   {}", main.join(" · "))?;
    }
    Ok(())
}

/// The first distinct linked places and programs of a document.
fn main_entities(ents: &[Entity], max: usize) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for e in ents {
        let label = match &e.details {
            Details::Unit { link, .. } => link.as_ref().map(|l| l.name.clone()),
            Details::Program { name, detail } => Some(match detail {
                Some(d) => format!("{name} ({d})"),
                None => name.clone(),
            }),
            _ => None,
        };
        if let Some(l) = label
            && !out.contains(&l)
        {
            out.push(l);
        }
        if out.len() >= max {
            break;
        }
    }
    out
}

/// An entity report as a table.
pub fn print_entities(w: &mut impl Write, r: &vietdex_index::EntityReport) -> std::io::Result<()> {
    writeln!(w, "{:>5}  {:<13} entity", "docs", "kind")?;
    for row in &r.rows {
        writeln!(w, "{:>5}  {:<13} {}", row.documents, row.kind, row.label)?;
        if !row.timeline.is_empty() {
            let t: Vec<String> = row
                .timeline
                .iter()
                .map(|(p, n)| format!("{p}: {n}"))
                .collect();
            writeln!(w, "{:>5}  {:<13} {}", "", "", t.join(", "))?;
        }
    }
    writeln!(
        w,
        "{} entities over {} matching documents",
        r.rows.len(),
        r.documents
    )?;
    Ok(())
}

/// A whole document, for people.
pub fn print_document(w: &mut impl Write, d: &vietdex_index::Shown) -> std::io::Result<()> {
    writeln!(w, "{}", d.doc.title)?;
    writeln!(w, "id        {}", d.doc.id)?;
    for (k, v) in [
        ("published", &d.doc.published),
        ("outlet", &d.doc.outlet),
        ("author", &d.doc.author),
        ("url", &d.doc.url),
    ] {
        if let Some(v) = v {
            writeln!(w, "{k:<9} {v}")?;
        }
    }
    writeln!(w, "sources   {}", d.doc.sources.join(", "))?;
    if d.doc.cluster_size > 1 {
        writeln!(
            w,
            "cluster   {} ({} similar documents)",
            d.doc.cluster,
            d.doc.cluster_size - 1
        )?;
    }
    writeln!(w)?;
    writeln!(w, "{}", d.body)?;
    writeln!(w)?;
    writeln!(w, "entities:")?;
    for e in &d.entities {
        let kind = e.kind();
        let mut line = format!("  {kind:<12} {}", e.text);
        if let Some(n) = e.name()
            && n != e.text
        {
            line.push_str(&format!(" → {n}"));
        }
        if let Some(p) = e.province()
            && kind != Kind::Province
        {
            line.push_str(&format!(", {p}"));
        }
        if let Some(p) = e.org_place() {
            line.push_str(&format!(" → {}", p.link.name));
            if p.link.province != p.link.name {
                line.push_str(&format!(", {}", p.link.province));
            }
        }
        if let Some(r) = e.role() {
            line.push_str(&format!(" ({r})"));
        }
        if matches!(kind, Kind::Date | Kind::Quantity) {
            line.push_str(&format!(" = {}", e.value));
        }
        if e.code().is_none() && !e.candidates().is_empty() {
            line.push_str(&format!(" [{} candidates]", e.candidates().len()));
        }
        writeln!(w, "{line}")?;
    }
    Ok(())
}

//! Printing for people and for programs.

use std::io::{IsTerminal, Write};

use vietdex_index::{Hit, Snippet};

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
    writeln!(w, "{rank}. {b}{}{r}", hit.title)?;
    let mut meta = vec![hit.url.clone().unwrap_or_else(|| hit.path.clone())];
    meta.extend(hit.published.clone());
    meta.extend(hit.outlet.clone());
    if hit.sources.len() > 1 {
        meta.push(format!("{} copies", hit.sources.len()));
    }
    if hit.cluster_size > 1 {
        meta.push(format!("{} similar", hit.cluster_size - 1));
    }
    meta.push(format!("score {:.2}", hit.score));
    writeln!(w, "   {}", meta.join(" · "))?;
    writeln!(w, "   {}", render_snippet(&hit.snippet, color))?;
    Ok(())
}

/// One hit, as a JSON object.
pub fn hit_json(hit: &Hit) -> serde_json::Value {
    serde_json::json!({
        "id": hit.id,
        "path": hit.path,
        "title": hit.title,
        "score": hit.score,
        "published": hit.published,
        "outlet": hit.outlet,
        "author": hit.author,
        "url": hit.url,
        "sources": hit.sources,
        "cluster": hit.cluster,
        "cluster_size": hit.cluster_size,
        "entities": hit.entities,
        "snippet": hit.snippet.text,
        "highlights": hit.snippet.highlights,
    })
}

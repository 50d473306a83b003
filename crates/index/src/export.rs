//! Results as files other programs open: CSV for spreadsheets, GEXF for
//! Gephi and networkx. The CLI and the HTTP API write the same bytes.

use std::io::Write;

use vietdex_pipeline::entities::{Details, Entity};

use crate::explore::{EntityRow, Graph};
use crate::search::Hit;

/// Header of [`hits_csv`].
pub const HIT_COLUMNS: [&str; 14] = [
    "rank",
    "id",
    "title",
    "published",
    "outlet",
    "author",
    "url",
    "path",
    "score",
    "snippet",
    "places",
    "programs",
    "cluster",
    "cluster_size",
];

/// Distinct linked places and programs of a document, as labels.
fn labels(ents: &[Entity]) -> (Vec<String>, Vec<String>) {
    let (mut places, mut programs) = (Vec::new(), Vec::new());
    for e in ents {
        match &e.details {
            Details::Unit {
                link: Some(link), ..
            } if !places.contains(&link.name) => places.push(link.name.clone()),
            Details::Program { name, detail } => {
                let l = match detail {
                    Some(d) => format!("{name} ({d})"),
                    None => name.clone(),
                };
                if !programs.contains(&l) {
                    programs.push(l);
                }
            }
            _ => {}
        }
    }
    (places, programs)
}

/// Hits as CSV, one row per hit, ranks from `first_rank`; places and
/// programs joined by `; `.
pub fn hits_csv(w: impl Write, hits: &[Hit], first_rank: usize) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(HIT_COLUMNS)?;
    for (i, h) in hits.iter().enumerate() {
        let d = &h.doc;
        let (places, programs) = labels(&h.entities());
        out.write_record([
            (first_rank + i).to_string(),
            d.id.clone(),
            d.title.clone(),
            d.published.clone().unwrap_or_default(),
            d.outlet.clone().unwrap_or_default(),
            d.author.clone().unwrap_or_default(),
            d.url.clone().unwrap_or_default(),
            d.path.clone(),
            format!("{:.4}", h.score),
            h.snippet
                .text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            places.join("; "),
            programs.join("; "),
            d.cluster.clone(),
            d.cluster_size.to_string(),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// Entity rows as CSV: kind, value, label, code, documents, and the
/// timeline as `period: count` pairs joined by `; `.
pub fn entities_csv(w: impl Write, rows: &[EntityRow]) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record(["kind", "value", "label", "code", "documents", "timeline"])?;
    for r in rows {
        let timeline: Vec<String> = r
            .timeline
            .iter()
            .map(|(p, n)| format!("{p}: {n}"))
            .collect();
        out.write_record([
            r.kind.as_str(),
            r.value.as_str(),
            r.label.as_str(),
            r.code.as_deref().unwrap_or(""),
            &r.documents.to_string(),
            &timeline.join("; "),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// A graph as a CSV edge table in the form Gephi's spreadsheet import
/// reads (`Source`, `Target`, `Weight`, `Type`), with each end's kind and
/// document count; nodes are named by their labels.
pub fn graph_csv(w: impl Write, g: &Graph) -> csv::Result<()> {
    let mut out = csv::Writer::from_writer(w);
    out.write_record([
        "Source",
        "Target",
        "Weight",
        "Type",
        "source_kind",
        "source_documents",
        "target_kind",
        "target_documents",
    ])?;
    for e in &g.edges {
        let (a, b) = (&g.nodes[e.source], &g.nodes[e.target]);
        out.write_record([
            a.label.as_str(),
            b.label.as_str(),
            &e.documents.to_string(),
            "Undirected",
            a.kind.as_str(),
            &a.documents.to_string(),
            b.kind.as_str(),
            &b.documents.to_string(),
        ])?;
    }
    out.flush()?;
    Ok(())
}

/// Text escaped for an XML attribute or element.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            // Control characters are not allowed in XML 1.0.
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A graph as GEXF 1.3: nodes labelled with attributes `kind`, `value`,
/// `code` and `documents`; undirected edges weighted by the documents the
/// two entities share.
pub fn graph_gexf(mut w: impl Write, g: &Graph) -> std::io::Result<()> {
    writeln!(w, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        w,
        r#"<gexf xmlns="http://gexf.net/1.3" version="1.3">
  <meta><creator>vietdex</creator><description>entities mentioned together in {} documents</description></meta>
  <graph mode="static" defaultedgetype="undirected">
    <attributes class="node">
      <attribute id="kind" title="kind" type="string"/>
      <attribute id="value" title="value" type="string"/>
      <attribute id="code" title="code" type="string"/>
      <attribute id="documents" title="documents" type="integer"/>
    </attributes>
    <nodes>"#,
        g.documents
    )?;
    for (i, n) in g.nodes.iter().enumerate() {
        writeln!(
            w,
            r#"      <node id="{i}" label="{}"><attvalues><attvalue for="kind" value="{}"/><attvalue for="value" value="{}"/><attvalue for="code" value="{}"/><attvalue for="documents" value="{}"/></attvalues></node>"#,
            xml(&n.label),
            xml(&n.kind),
            xml(&n.value),
            xml(n.code.as_deref().unwrap_or("")),
            n.documents
        )?;
    }
    writeln!(w, "    </nodes>\n    <edges>")?;
    for (i, e) in g.edges.iter().enumerate() {
        writeln!(
            w,
            r#"      <edge id="{i}" source="{}" target="{}" weight="{}"/>"#,
            e.source, e.target, e.documents
        )?;
    }
    writeln!(w, "    </edges>\n  </graph>\n</gexf>")?;
    Ok(())
}

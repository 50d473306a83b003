//! A parsed query and resolved filters as an OpenSearch / Elasticsearch
//! query (the JSON of the `query` key), with the semantics of the local
//! compiler in `vietdex_index::query`:
//!
//! - every clause matches on the folded fields (`title_folded` boosted
//!   [`TITLE_BOOST`], `body_folded`); a clause of several syllables is a
//!   `match_phrase` on positions;
//! - a clause typed with diacritics adds a `constant_score` of
//!   [`EXACT_TIER`] when the document also holds its exact syllables in the
//!   title or the body (`*_exact`), so every document with the exact form
//!   ranks above those matching only when folded;
//! - an excluded clause typed with diacritics excludes only its exact form;
//! - filters are `terms` on the `entity` keys, `outlet`, and a `range` on
//!   `published`; names of organizations, people, hamlets and outlets are
//!   first resolved against the values the engine holds
//!   ([`vietdex_pipeline::filter::match_indexed`]).
//!
//! The engine's BM25 differs from the local one inside a tier (the local
//! index also scores phrase pairs); tiers, matches and exclusions are the
//! same.

use serde_json::{Value, json};
use vietdex_index::query::{EXACT_TIER, TITLE_BOOST};
use vietdex_pipeline::query::{Alternative, Clause, ParsedQuery};
use vietdex_pipeline::{Filter, FilterError, IndexedKind};

/// One token or a phrase of tokens in a whitespace-analysed field.
fn seq(field: &str, syllables: &[String], boost: Option<f32>) -> Value {
    let mut inner = if syllables.len() == 1 {
        json!({ "value": syllables[0] })
    } else {
        json!({ "query": syllables.join(" ") })
    };
    if let Some(b) = boost {
        inner["boost"] = json!(b);
    }
    if syllables.len() == 1 {
        json!({ "term": { field: inner } })
    } else {
        json!({ "match_phrase": { field: inner } })
    }
}

/// Every syllable present in a field (no positions).
fn all_terms(field: &str, syllables: &[String]) -> Value {
    let mut terms: Vec<&String> = syllables.iter().collect();
    terms.sort();
    terms.dedup();
    let filter: Vec<Value> = terms
        .into_iter()
        .map(|s| json!({ "term": { field: s } }))
        .collect();
    json!({ "bool": { "filter": filter } })
}

fn should(clauses: Vec<Value>) -> Value {
    json!({ "bool": { "should": clauses, "minimum_should_match": 1 } })
}

fn any_of(mut queries: Vec<Value>) -> Value {
    if queries.len() == 1 {
        return queries.remove(0);
    }
    should(queries)
}

/// A folded sequence in the title (boosted) or the body.
fn in_folded(syllables: &[String]) -> Value {
    should(vec![
        seq("title_folded", syllables, Some(TITLE_BOOST)),
        seq("body_folded", syllables, None),
    ])
}

fn alternative(alt: &Alternative) -> Value {
    let folded = in_folded(&alt.folded);
    if !alt.tiered {
        return folded;
    }
    let exact = should(vec![
        all_terms("title_exact", &alt.exact),
        all_terms("body_exact", &alt.exact),
    ]);
    json!({ "bool": {
        "must": [folded],
        "should": [{ "constant_score": { "filter": exact, "boost": EXACT_TIER } }]
    }})
}

fn clause(c: &Clause) -> Value {
    any_of(c.alternatives.iter().map(alternative).collect())
}

/// The folded phrase with its exact syllables, in the title or the body.
fn exact_phrase(a: &Alternative) -> Value {
    let in_field = |folded: &str, exact: &str| json!({ "bool": { "filter": [seq(folded, &a.folded, None), all_terms(exact, &a.exact)] } });
    should(vec![
        in_field("title_folded", "title_exact"),
        in_field("body_folded", "body_exact"),
    ])
}

fn excluded(c: &Clause) -> Value {
    any_of(
        c.alternatives
            .iter()
            .map(|a| {
                if a.tiered {
                    exact_phrase(a)
                } else {
                    in_folded(&a.folded)
                }
            })
            .collect(),
    )
}

/// The engine query of a parsed query; an empty query matches every
/// document.
pub fn query(q: &ParsedQuery) -> Value {
    let must: Vec<Value> = q
        .required
        .iter()
        .map(|group| any_of(group.iter().map(clause).collect()))
        .collect();
    let must_not: Vec<Value> = q.excluded.iter().map(excluded).collect();
    if must_not.is_empty() && must.len() <= 1 {
        return must
            .into_iter()
            .next()
            .unwrap_or_else(|| json!({ "match_all": {} }));
    }
    let must = if must.is_empty() {
        vec![json!({ "match_all": {} })]
    } else {
        must
    };
    let mut b = json!({ "must": must });
    if !must_not.is_empty() {
        b["must_not"] = json!(must_not);
    }
    json!({ "bool": b })
}

/// The keyword field a name filter is resolved against, and the prefix of
/// the entity keys it selects (`None`: the field is filtered directly).
pub fn lookup_field(f: &Filter) -> Option<(&'static str, Option<&'static str>)> {
    match f {
        Filter::Indexed { kind, .. } => Some(match kind {
            IndexedKind::Organization => ("organization", Some("organization:")),
            IndexedKind::Person => ("person", Some("person:")),
            IndexedKind::Place => ("place", Some("place:")),
        }),
        Filter::Source { .. } => Some(("outlet", None)),
        _ => None,
    }
}

/// The engine queries of resolved filters, each required. `values(field)`
/// returns every value the engine holds in a keyword field (for names that
/// are matched against them); its error is passed on.
pub fn filters<E: From<FilterError>>(
    filters: &[Filter],
    values: &mut dyn FnMut(&str) -> Result<Vec<String>, E>,
) -> Result<Vec<Value>, E> {
    let mut out = Vec::new();
    for f in filters {
        out.push(match f {
            Filter::AnyKey { keys } => {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                json!({ "terms": { "entity": keys } })
            }
            Filter::AcrossReform { keys, phrases } => {
                let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
                let mut alts = vec![json!({ "terms": { "entity": keys } })];
                alts.extend(phrases.iter().map(query));
                should(alts)
            }
            Filter::Indexed { value, .. } | Filter::Source { value } => {
                let (field, prefix) = lookup_field(f).unwrap_or(("outlet", None));
                let what = match f {
                    Filter::Indexed { kind, .. } => kind.as_str(),
                    _ => "outlet",
                };
                let held = values(field)?;
                let found = vietdex_pipeline::filter::match_indexed(&held, what, value)?;
                match prefix {
                    Some(p) => {
                        let keys: Vec<String> = found.iter().map(|v| format!("{p}{v}")).collect();
                        json!({ "terms": { "entity": keys } })
                    }
                    None => json!({ "terms": { field: found } }),
                }
            }
            Filter::Published { from, to } => {
                let mut range = json!({ "format": "epoch_second" });
                if let Some(d) = from {
                    range["gte"] = json!(d.unix_seconds());
                }
                if let Some(d) = to {
                    range["lt"] = json!(d.end_unix_seconds());
                }
                json!({ "range": { "published": range } })
            }
        });
    }
    Ok(out)
}

/// A query and its filters as one engine query. Filters are required
/// clauses of the same `bool` (as in the local index, where they are
/// required clauses too, so a phrase of an across-the-reform filter keeps
/// its tier).
pub fn combined(q: &ParsedQuery, filters: Vec<Value>) -> Value {
    let main = query(q);
    if filters.is_empty() {
        return main;
    }
    let mut must = vec![main];
    must.extend(filters);
    json!({ "bool": { "must": must } })
}

//! Applying validated filters ([`vietdex_pipeline::Filter`]) as Tantivy
//! queries on the `entity`, `outlet` and `published` fields.
//!
//! Places and programs arrive resolved to entity keys. Organizations,
//! people, hamlets and outlets arrive as names and are matched here
//! against the values this index holds: equal without diacritics, else
//! containing the name; when nothing matches, the error lists the closest
//! indexed values.

use std::ops::Bound;

use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};
use vietdex_pipeline::filter::match_indexed;
use vietdex_pipeline::{Date, Filter};

use crate::schema::Fields;
use crate::{Error, Result};

fn term_query(field: Field, text: &str) -> Box<dyn Query> {
    Box::new(TermQuery::new(
        Term::from_field_text(field, text),
        IndexRecordOption::Basic,
    ))
}

fn any_of(queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

/// Every indexed term of `field` that starts with `prefix`.
pub fn terms_with_prefix(
    searcher: &tantivy::Searcher,
    field: Field,
    prefix: &str,
) -> Result<Vec<String>> {
    let mut out = Vec::new();
    for_each_term_with_prefix(searcher, field, prefix, |term, _| {
        if let Ok(s) = std::str::from_utf8(term) {
            out.push(s.to_string());
        }
    })?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// Calls `f` with every indexed term of `field` that starts with `prefix`
/// and its document frequency, segment by segment (a term in several
/// segments comes once per segment).
pub(crate) fn for_each_term_with_prefix(
    searcher: &tantivy::Searcher,
    field: Field,
    prefix: &str,
    mut f: impl FnMut(&[u8], u32),
) -> Result<()> {
    for seg in searcher.segment_readers() {
        let inv = seg.inverted_index(field)?;
        let mut stream = inv
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()
            .map_err(|e| Error::Tantivy(e.into()))?;
        while stream.advance() {
            let k = stream.key();
            if !k.starts_with(prefix.as_bytes()) {
                break;
            }
            f(k, stream.value().doc_freq);
        }
    }
    Ok(())
}

/// Resolves a value against the indexed terms of `field` under `prefix`
/// with [`vietdex_pipeline::filter::match_indexed`]: equal without
/// diacritics, else containing it; else an error suggesting the closest.
fn resolve_terms(
    searcher: &tantivy::Searcher,
    field: Field,
    prefix: &str,
    what: &str,
    value: &str,
) -> Result<Vec<String>> {
    let values: Vec<String> = terms_with_prefix(searcher, field, prefix)?
        .into_iter()
        .map(|t| t[prefix.len()..].to_string())
        .collect();
    let found = match_indexed(&values, what, value).map_err(|e| Error::Filter(e.0))?;
    Ok(found.into_iter().map(|v| format!("{prefix}{v}")).collect())
}

/// The first instant of a period and the first instant after it.
fn period_bounds(d: &Date) -> (DateTime, DateTime) {
    (
        DateTime::from_timestamp_secs(d.unix_seconds()),
        DateTime::from_timestamp_secs(d.end_unix_seconds()),
    )
}

/// The filter queries (each one required) for `filters`.
pub fn compile(
    searcher: &tantivy::Searcher,
    f: &Fields,
    filters: &[Filter],
) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    for filter in filters {
        out.push(match filter {
            Filter::AnyKey { keys } => any_of(
                keys.iter()
                    .map(|k| term_query(f.entity, &k.to_string()))
                    .collect(),
            ),
            Filter::AcrossReform { keys, phrases } => {
                let mut alternatives: Vec<Box<dyn Query>> = keys
                    .iter()
                    .map(|k| term_query(f.entity, &k.to_string()))
                    .collect();
                alternatives.extend(phrases.iter().map(|p| crate::query::to_query(p, f)));
                any_of(alternatives)
            }
            Filter::Indexed { kind, value } => {
                let k = kind.as_str();
                let terms = resolve_terms(searcher, f.entity, &format!("{k}:"), k, value)?;
                any_of(terms.iter().map(|t| term_query(f.entity, t)).collect())
            }
            Filter::Source { value } => {
                let terms = resolve_terms(searcher, f.outlet, "", "outlet", value)?;
                any_of(terms.iter().map(|t| term_query(f.outlet, t)).collect())
            }
            Filter::Published { from, to } => {
                let lower = match from {
                    Some(d) => {
                        Bound::Included(Term::from_field_date(f.published, period_bounds(d).0))
                    }
                    None => Bound::Unbounded,
                };
                let upper = match to {
                    Some(d) => {
                        Bound::Excluded(Term::from_field_date(f.published, period_bounds(d).1))
                    }
                    None => Bound::Unbounded,
                };
                Box::new(RangeQuery::new(lower, upper))
            }
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods() {
        let d = |s: &str| s.parse::<Date>().expect("date");
        let secs = |s: &str| DateTime::from_timestamp_secs(d(s).unix_seconds());
        assert_eq!(period_bounds(&d("2024")), (secs("2024"), secs("2025")));
        assert_eq!(period_bounds(&d("2024-12")).1, secs("2025-01"));
        assert_eq!(period_bounds(&d("2024-02-29")).1, secs("2024-03-01"));
    }
}

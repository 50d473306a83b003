//! Compiling a parsed query ([`vietdex_pipeline::query`]) to Tantivy.
//!
//! Each clause looks in the folded fields, so a query typed without
//! diacritics matches every variant; when the user typed diacritics, a
//! document that also has the exact syllables (in the title or the body)
//! gets a constant [`EXACT_TIER`] added to its score, which puts every
//! document with the exact form above the documents that match only when
//! folded. The folded phrase already checks adjacency, so the exact check
//! needs no positions.

use tantivy::Term;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use vietdex_pipeline::query::{Alternative, Clause, ParsedQuery};
use vietdex_tokenize::{is_pair, pair_term};

use crate::schema::Fields;

/// Score added per clause matched with the exact diacritics typed.
pub const EXACT_TIER: f32 = 1000.0;
/// Weight of a title match against a body match.
pub const TITLE_BOOST: f32 = 2.0;

fn seq_query(field: Field, syllables: &[String]) -> Box<dyn Query> {
    let terms: Vec<Term> = syllables
        .iter()
        .map(|s| Term::from_field_text(field, s))
        .collect();
    if terms.len() == 1 {
        Box::new(TermQuery::new(
            terms.into_iter().next().expect("one term"),
            IndexRecordOption::WithFreqs,
        ))
    } else {
        Box::new(PhraseQuery::new(terms))
    }
}

/// Every exact syllable present in one field (no positions: the folded
/// phrase already places them side by side).
fn all_terms(field: Field, syllables: &[String]) -> Box<dyn Query> {
    let mut terms: Vec<&String> = syllables.iter().collect();
    terms.sort();
    terms.dedup();
    Box::new(BooleanQuery::new(
        terms
            .into_iter()
            .map(|s| {
                (
                    Occur::Must,
                    Box::new(TermQuery::new(
                        Term::from_field_text(field, s),
                        IndexRecordOption::Basic,
                    )) as Box<dyn Query>,
                )
            })
            .collect(),
    ))
}

/// A folded phrase in one field. Pairs of common syllables inside a word
/// are indexed as one term each (see [`vietdex_tokenize::is_pair`]): a
/// two-syllable phrase that is such a pair is one pair term; any other
/// phrase needs its positions, narrowed first to the documents holding all
/// its indexed pairs. A phrase with a rarer syllable is cheap to check by position, as
/// that syllable's short postings lead the intersection.
fn folded_seq(text: Field, pairs: Field, syllables: &[String]) -> Box<dyn Query> {
    if syllables.len() < 2 {
        return seq_query(text, syllables);
    }
    let mut parts: Vec<(Occur, Box<dyn Query>)> = syllables
        .windows(2)
        .filter(|w| is_pair(&w[0], &w[1]))
        .map(|w| {
            (
                Occur::Must,
                Box::new(TermQuery::new(
                    Term::from_field_text(pairs, &pair_term(&w[0], &w[1])),
                    IndexRecordOption::WithFreqs,
                )) as Box<dyn Query>,
            )
        })
        .collect();
    let one_pair = syllables.len() == 2 && parts.len() == 1;
    if !one_pair {
        parts.push((Occur::Must, seq_query(text, syllables)));
    }
    if parts.len() == 1 {
        parts.remove(0).1
    } else {
        Box::new(BooleanQuery::new(parts))
    }
}

/// A folded sequence in the title (boosted) or the body.
fn in_folded(f: &Fields, syllables: &[String]) -> Box<dyn Query> {
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            Box::new(BoostQuery::new(
                folded_seq(f.title_folded, f.title_pairs, syllables),
                TITLE_BOOST,
            )) as Box<dyn Query>,
        ),
        (
            Occur::Should,
            folded_seq(f.body_folded, f.body_pairs, syllables),
        ),
    ]))
}

fn alternative_query(f: &Fields, alt: &Alternative) -> Box<dyn Query> {
    let folded = in_folded(f, &alt.folded);
    if !alt.tiered {
        return folded;
    }
    // The tier: the exact syllables in the title or in the body. The folded
    // phrase, required beside it, makes them a phrase.
    let exact_terms = Box::new(BooleanQuery::new(vec![
        (Occur::Should, all_terms(f.title_exact, &alt.exact)),
        (Occur::Should, all_terms(f.body_exact, &alt.exact)),
    ]));
    let exact = ConstScoreQuery::new(exact_terms, EXACT_TIER);
    Box::new(BooleanQuery::new(vec![
        (Occur::Must, folded),
        (Occur::Should, Box::new(exact)),
    ]))
}

fn any_of(mut queries: Vec<Box<dyn Query>>) -> Box<dyn Query> {
    if queries.len() == 1 {
        return queries.pop().expect("one query");
    }
    Box::new(BooleanQuery::new(
        queries.into_iter().map(|q| (Occur::Should, q)).collect(),
    ))
}

fn clause_query(f: &Fields, c: &Clause) -> Box<dyn Query> {
    any_of(
        c.alternatives
            .iter()
            .map(|a| alternative_query(f, a))
            .collect(),
    )
}

/// What an excluded clause matches: the exact form when typed with
/// diacritics (`-"đại tu"` keeps `Đại Từ`), the folded form otherwise. As
/// for the ranking tier, the exact form is the folded phrase with every
/// exact syllable present in the same field.
fn excluded_query(f: &Fields, c: &Clause) -> Box<dyn Query> {
    any_of(
        c.alternatives
            .iter()
            .map(|a| {
                if a.tiered {
                    exact_phrase(f, a)
                } else {
                    in_folded(f, &a.folded)
                }
            })
            .collect(),
    )
}

/// The folded phrase with its exact syllables, in the title or in the body.
fn exact_phrase(f: &Fields, a: &Alternative) -> Box<dyn Query> {
    let in_field = |text, pairs, exact| -> Box<dyn Query> {
        Box::new(BooleanQuery::new(vec![
            (Occur::Must, folded_seq(text, pairs, &a.folded)),
            (Occur::Must, all_terms(exact, &a.exact)),
        ]))
    };
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Should,
            in_field(f.title_folded, f.title_pairs, f.title_exact),
        ),
        (
            Occur::Should,
            in_field(f.body_folded, f.body_pairs, f.body_exact),
        ),
    ]))
}

/// The Tantivy query of a parsed query; an empty query matches every
/// document.
pub fn to_query(q: &ParsedQuery, f: &Fields) -> Box<dyn Query> {
    let mut parts: Vec<(Occur, Box<dyn Query>)> = q
        .required
        .iter()
        .map(|group| {
            (
                Occur::Must,
                any_of(group.iter().map(|c| clause_query(f, c)).collect()),
            )
        })
        .collect();
    if parts.is_empty() {
        parts.push((Occur::Must, Box::new(AllQuery)));
    }
    for c in &q.excluded {
        parts.push((Occur::MustNot, excluded_query(f, c)));
    }
    if parts.len() == 1 && parts[0].0 == Occur::Must {
        return parts.pop().expect("one part").1;
    }
    Box::new(BooleanQuery::new(parts))
}

//! The query language: words, `"quoted phrases"`, `-excluded` words or
//! phrases, and `OR` between two clauses. Every clause is required.
//!
//! Unquoted words are analyzed like documents, then grouped: an abbreviation
//! or its full form (`NTM`, `nông thôn mới`) becomes one clause that matches
//! every form of it; a multi-syllable word found by the segmenter (`Phú
//! Lương`) becomes a phrase, so its syllables must stand together.
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
use vietdex_pipeline::Resources;
use vietdex_tokenize::{Analyzed, Syllable, analyze, is_common, is_name_like, pair_term};

use crate::schema::Fields;

/// Score added per clause matched with the exact diacritics typed.
pub const EXACT_TIER: f32 = 1000.0;
/// Weight of a title match against a body match.
pub const TITLE_BOOST: f32 = 2.0;

/// One way to match a clause: a sequence of syllables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alternative {
    /// Normalized syllables.
    pub exact: Vec<String>,
    /// Folded syllables.
    pub folded: Vec<String>,
    /// Typed by the user with diacritics: exact matches rank higher.
    pub tiered: bool,
}

/// A clause: any of its alternatives matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    /// The ways to match, the typed one first.
    pub alternatives: Vec<Alternative>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParsedQuery {
    /// Required groups; a group matches when any of its clauses does.
    pub required: Vec<Vec<Clause>>,
    /// Clauses no hit may match.
    pub excluded: Vec<Clause>,
}

#[derive(Debug)]
enum Item {
    Run(String),
    Phrase(String),
    Or,
    Not(String, bool),
}

fn lex(input: &str) -> Vec<Item> {
    let mut items = Vec::new();
    let mut run = String::new();
    let flush = |run: &mut String, items: &mut Vec<Item>| {
        if !run.trim().is_empty() {
            items.push(Item::Run(std::mem::take(run)));
        }
        run.clear();
    };
    let mut rest = input;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            break;
        }
        let negated = rest.starts_with("-\"") || (rest.starts_with('-') && rest.len() > 1);
        let body = if negated { &rest[1..] } else { rest };
        if let Some(q) = body.strip_prefix('"') {
            let end = q.find('"').unwrap_or(q.len());
            flush(&mut run, &mut items);
            let phrase = q[..end].to_string();
            items.push(if negated {
                Item::Not(phrase, true)
            } else {
                Item::Phrase(phrase)
            });
            rest = q.get(end + 1..).unwrap_or("");
            continue;
        }
        let end = body
            .find(|c: char| c.is_whitespace() || c == '"')
            .unwrap_or(body.len());
        let word = &body[..end];
        if negated {
            flush(&mut run, &mut items);
            items.push(Item::Not(word.to_string(), false));
        } else if word == "OR" {
            flush(&mut run, &mut items);
            items.push(Item::Or);
        } else {
            run.push_str(word);
            run.push(' ');
        }
        rest = &body[end..];
    }
    flush(&mut run, &mut items);
    items
}

fn alternative(tokens: &[Analyzed], typed: &str) -> Alternative {
    Alternative {
        exact: tokens.iter().map(|t| t.exact.clone()).collect(),
        folded: tokens.iter().map(|t| t.folded.clone()).collect(),
        tiered: tokens.iter().any(|t| t.exact != t.folded) && !typed.is_empty(),
    }
}

fn form_alternative(syllables: &[String]) -> Alternative {
    let text = syllables.join(" ");
    let toks = analyze(&text);
    Alternative {
        tiered: false,
        ..alternative(&toks, &text)
    }
}

/// Splits a run of words into clauses: abbreviations, segmented words.
fn clauses_of_run(run: &str, res: &Resources) -> Vec<Clause> {
    let toks = analyze(run);
    let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
    let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
    let plain = exact == folded;
    let sylls: Vec<Syllable<'_>> = toks
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let gap = if i == 0 {
                ""
            } else {
                &run[toks[i - 1].end..t.start]
            };
            Syllable {
                norm: &t.exact,
                name_like: is_name_like(&run[t.start..t.end]),
                break_before: i == 0 || gap.is_empty() || !gap.chars().all(char::is_whitespace),
            }
        })
        .collect();
    let (abbrevs, segmenter) = (&res.abbreviations, &res.segmenter);
    let mut lens = Vec::new();
    let mut key = String::new();
    if plain {
        segmenter.segment_folded_into(&sylls, &mut key, &mut lens);
    } else {
        segmenter.segment_into(&sylls, &mut key, &mut lens);
    }
    let mut word_len = vec![1; toks.len()];
    let mut at = 0;
    for l in lens {
        word_len[at] = l;
        at += l;
    }
    let mut clauses = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let ab = abbrevs.match_at(&exact, &folded, i);
        let (len, entry) = match ab {
            Some(m) if m.len >= word_len[i] => (m.len, Some(m.entry)),
            _ => (word_len[i], None),
        };
        let typed = &run[toks[i].start..toks[i + len - 1].end];
        let mut alternatives = vec![alternative(&toks[i..i + len], typed)];
        if let Some(e) = entry {
            for form in abbrevs.forms(e) {
                let alt = form_alternative(form);
                if alt.folded != alternatives[0].folded {
                    alternatives.push(alt);
                }
            }
        }
        clauses.push(Clause { alternatives });
        i += len;
    }
    clauses
}

fn phrase_clause(text: &str) -> Option<Clause> {
    let toks = analyze(text);
    (!toks.is_empty()).then(|| Clause {
        alternatives: vec![alternative(&toks, text)],
    })
}

/// Parses a query string, with the segmenter and abbreviation table of
/// `res`.
pub fn parse(input: &str, res: &Resources) -> ParsedQuery {
    let mut q = ParsedQuery::default();
    let mut pending_or = false;
    for item in lex(input) {
        let clauses = match item {
            Item::Or => {
                pending_or = !q.required.is_empty();
                continue;
            }
            Item::Not(text, quoted) => {
                if quoted {
                    q.excluded.extend(phrase_clause(&text));
                } else {
                    q.excluded.extend(clauses_of_run(&text, res));
                }
                continue;
            }
            Item::Run(text) => clauses_of_run(&text, res),
            Item::Phrase(text) => phrase_clause(&text).into_iter().collect(),
        };
        for (k, c) in clauses.into_iter().enumerate() {
            if k == 0
                && pending_or
                && let Some(last) = q.required.last_mut()
            {
                last.push(c);
                continue;
            }
            q.required.push(vec![c]);
        }
        pending_or = false;
    }
    q
}

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

/// A folded phrase in one field. Pairs of common syllables are indexed as
/// one term each (see [`vietdex_tokenize::is_common`]): a two-syllable
/// phrase of common syllables is one pair term; any other phrase needs its
/// positions, narrowed first to the documents holding all its indexed
/// pairs. A phrase with a rarer syllable is cheap to check by position, as
/// that syllable's short postings lead the intersection.
fn folded_seq(text: Field, pairs: Field, syllables: &[String]) -> Box<dyn Query> {
    if syllables.len() < 2 {
        return seq_query(text, syllables);
    }
    let mut parts: Vec<(Occur, Box<dyn Query>)> = syllables
        .windows(2)
        .filter(|w| is_common(&w[0]) && is_common(&w[1]))
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
        (Occur::Should, all_terms(f.title, &alt.exact)),
        (Occur::Should, all_terms(f.body, &alt.exact)),
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
            in_field(f.title_folded, f.title_pairs, f.title),
        ),
        (Occur::Should, in_field(f.body_folded, f.body_pairs, f.body)),
    ]))
}

impl ParsedQuery {
    /// Whether the query has no clause at all.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.excluded.is_empty()
    }

    /// The Tantivy query; an empty query matches every document.
    pub fn to_query(&self, f: &Fields) -> Box<dyn Query> {
        let mut parts: Vec<(Occur, Box<dyn Query>)> = self
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
        for c in &self.excluded {
            parts.push((Occur::MustNot, excluded_query(f, c)));
        }
        if parts.len() == 1 && parts[0].0 == Occur::Must {
            return parts.pop().expect("one part").1;
        }
        Box::new(BooleanQuery::new(parts))
    }

    /// Folded syllables to highlight in snippets.
    pub fn highlight_terms(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .required
            .iter()
            .flatten()
            .flat_map(|c| &c.alternatives)
            .flat_map(|a| a.folded.iter().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static RES: LazyLock<Resources> =
        LazyLock::new(|| Resources::bundled().expect("bundled resources"));

    fn parse_q(q: &str) -> ParsedQuery {
        parse(q, &RES)
    }

    /// Each required group as the list of its alternatives' exact text.
    fn shape(q: &str) -> Vec<Vec<String>> {
        parse_q(q)
            .required
            .iter()
            .map(|g| {
                g.iter()
                    .flat_map(|c| &c.alternatives)
                    .map(|a| a.exact.join(" "))
                    .collect()
            })
            .collect()
    }

    #[test]
    fn names_become_phrases() {
        assert_eq!(shape("huyện Phú Lương"), [["huyện"], ["phú lương"]]);
        assert_eq!(shape("dai tu"), [["dai tu"]]);
        assert_eq!(shape("xay dung nong thon"), [["xay dung"], ["nong thon"]]);
    }

    #[test]
    fn abbreviations_expand_both_ways() {
        assert_eq!(shape("NTM"), [["ntm", "nông thôn mới"]]);
        assert_eq!(shape("nông thôn mới"), [["nông thôn mới", "ntm"]]);
    }

    #[test]
    fn or_quotes_and_exclusions() {
        let q = parse_q("NTM OR OCOP \"Đại Từ\" -\"đại tu\" -covid");
        assert_eq!(q.required.len(), 2);
        assert_eq!(q.required[0].len(), 2);
        assert_eq!(q.required[1][0].alternatives[0].exact, ["đại", "từ"]);
        assert!(q.required[1][0].alternatives[0].tiered);
        assert_eq!(q.excluded.len(), 2);
        assert!(q.excluded[0].alternatives[0].tiered);
        assert!(!q.excluded[1].alternatives[0].tiered);
    }

    #[test]
    fn diacritics_decide_the_tier() {
        assert!(parse_q("Đại Từ").required[0][0].alternatives[0].tiered);
        assert!(!parse_q("dai tu").required[0][0].alternatives[0].tiered);
        assert!(parse_q("").is_empty());
        assert!(parse_q("  \"\" ").is_empty());
    }
}

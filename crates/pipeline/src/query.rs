//! The query language: words, `"quoted phrases"`, `-excluded` words or
//! phrases, and `OR` between two clauses. Every clause is required.
//!
//! Unquoted words are analyzed like documents, then grouped: an abbreviation
//! or its full form (`NTM`, `nông thôn mới`) becomes one clause that matches
//! every form of it; a multi-syllable word found by the segmenter (`Phú
//! Lương`) becomes a phrase, so its syllables must stand together.
//!
//! Each alternative keeps the syllables exact and folded, and whether the
//! user typed diacritics ([`Alternative::tiered`]): a search backend matches
//! the folded form, so a query typed without diacritics matches every
//! variant, and ranks documents with the exact form first when the user
//! typed it. `vietdex-index` compiles a [`ParsedQuery`] to Tantivy; another
//! backend compiles the same value to its own query language.

use serde::Serialize;
use vietdex_tokenize::{Analysis, Analyzer, Token};

use crate::Resources;

/// One way to match a clause: a sequence of syllables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Alternative {
    /// Normalized syllables.
    pub exact: Vec<String>,
    /// Folded syllables.
    pub folded: Vec<String>,
    /// Typed by the user with diacritics: exact matches rank higher.
    pub tiered: bool,
}

/// A clause: any of its alternatives matches.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Clause {
    /// The ways to match, the typed one first.
    pub alternatives: Vec<Alternative>,
}

/// A parsed query.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
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

/// The tokens of a query text that have a folded form: those the index
/// has folded terms for.
fn analyze(text: &str) -> Analysis {
    Analyzer::new().skipping_foldless().analyze(text)
}

fn alternative(tokens: &[Token], typed: &str) -> Alternative {
    Alternative {
        exact: tokens.iter().map(|t| t.exact.as_str().to_owned()).collect(),
        folded: tokens
            .iter()
            .map(|t| t.folded.as_str().to_owned())
            .collect(),
        tiered: tokens.iter().any(|t| t.exact != t.folded) && !typed.is_empty(),
    }
}

fn form_alternative(text: &str) -> Alternative {
    let toks = analyze(text);
    Alternative {
        tiered: false,
        ..alternative(&toks, text)
    }
}

/// Splits a run of words into clauses: abbreviations, segmented words.
fn clauses_of_run(run: &str, res: &Resources) -> Vec<Clause> {
    let toks = analyze(run);
    let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
    let folded: Vec<&str> = toks.iter().map(|t| t.folded.as_str()).collect();
    let plain = exact == folded;
    let (abbrevs, segmenter) = (res.abbreviations(), res.segmenter());
    let mut lens = Vec::new();
    let mut key = String::new();
    if plain {
        segmenter.segment_folded_into(&toks, &mut key, &mut lens);
    } else {
        segmenter.segment_into(&toks, &mut key, &mut lens);
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

impl ParsedQuery {
    /// Whether the query has no clause at all.
    pub fn is_empty(&self) -> bool {
        self.required.is_empty() && self.excluded.is_empty()
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

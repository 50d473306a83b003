//! Search filters: places, programs, organizations, people, any entity,
//! publication dates and outlets, resolved to queries on the index.
//!
//! Every value is compared without diacritics and in either tone placement
//! (`--district "dai tu"` finds `Huyện Đại Từ`). A place name that several
//! units share is an error listing them, to be qualified (`"Châu Thành,
//! Long An"`) or given as a code; an unknown value is an error with the
//! closest known values, diacritics restored.

use std::ops::Bound;

use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DateTime, Term};
use vietdex_entities::{Gazetteer, Level, Programs};
use vietdex_pipeline::Resources;
use vietdex_tokenize::{analyze, fold};

use crate::build::date_value;
use crate::schema::Fields;
use crate::{Error, Result};

/// Filters as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct FilterSpec {
    /// Provinces (names, `name, parent`, or codes).
    pub province: Vec<String>,
    /// Districts.
    pub district: Vec<String>,
    /// Communes.
    pub commune: Vec<String>,
    /// Programs (`NTM`, `nông thôn mới nâng cao`, `OCOP 4 sao`, `1719`).
    pub program: Vec<String>,
    /// Organizations.
    pub org: Vec<String>,
    /// People.
    pub person: Vec<String>,
    /// `KIND:VALUE`, any entity kind.
    pub entity: Vec<String>,
    /// Published on or after (`2024`, `2024-04`, `2024-04-08`).
    pub from: Option<String>,
    /// Published on or before (same forms; the whole period counts).
    pub to: Option<String>,
    /// Outlets (by name), or source paths and addresses containing the value.
    pub source: Vec<String>,
    /// Across the 2025 reform: a commune filter also finds articles naming
    /// its 2025 successor, and a 2025 commune name finds articles about its
    /// pre-2025 predecessors.
    pub across_reform: bool,
}

impl FilterSpec {
    /// Whether no filter is set.
    pub fn is_empty(&self) -> bool {
        self.province.is_empty()
            && self.district.is_empty()
            && self.commune.is_empty()
            && self.program.is_empty()
            && self.org.is_empty()
            && self.person.is_empty()
            && self.entity.is_empty()
            && self.from.is_none()
            && self.to.is_none()
            && self.source.is_empty()
    }
}

fn folded_key(s: &str) -> String {
    analyze(s)
        .into_iter()
        .map(|t| t.folded)
        .collect::<Vec<_>>()
        .join(" ")
}

const TYPE_WORDS: &[&str] = &[
    "tinh",
    "thanh pho",
    "tp",
    "huyen",
    "quan",
    "thi xa",
    "tx",
    "xa",
    "phuong",
    "thi tran",
    "tt",
];

/// The folded name without a leading type word (`huyện Đại Từ` → `dai tu`).
fn bare_name(s: &str) -> String {
    let k = folded_key(s);
    for t in TYPE_WORDS {
        if let Some(rest) = k.strip_prefix(t)
            && let Some(rest) = rest.strip_prefix(' ')
        {
            return rest.to_string();
        }
    }
    k
}

fn label(g: &Gazetteer, u: usize) -> String {
    let unit = g.unit(u);
    match g.ancestors(u).last() {
        Some(p) if p != u => format!("{} ({}) [code {}]", unit.name, g.unit(p).name, unit.code),
        _ => format!("{} [code {}]", unit.name, unit.code),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            cur[j + 1] = (prev[j] + usize::from(ca != cb))
                .min(prev[j + 1] + 1)
                .min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Resolves a place filter value to gazetteer units of `level`.
pub fn resolve_place(g: &Gazetteer, level: Level, value: &str) -> Result<Vec<usize>> {
    let (name, qualifier) = match value.split_once(',') {
        Some((n, q)) => (n.trim(), Some(q.trim())),
        None => (value.trim(), None),
    };
    let at_level = || (0..g.units().len()).filter(|&u| g.unit(u).level == level);
    let mut found: Vec<usize> = if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        at_level().filter(|&u| g.unit(u).code == name).collect()
    } else {
        let key = bare_name(name);
        at_level()
            .filter(|&u| folded_key(&g.unit(u).name) == key)
            .collect()
    };
    if let Some(q) = qualifier {
        let qk = bare_name(q);
        found.retain(|&u| {
            g.ancestors(u)
                .any(|a| folded_key(&g.unit(a).name) == qk || g.unit(a).code == q)
        });
    }
    // The same unit under one code in both snapshots counts once.
    found.sort_by(|&a, &b| g.unit(a).code.cmp(&g.unit(b).code));
    found.dedup_by(|a, b| g.unit(*a).code == g.unit(*b).code);
    let what = level.as_str();
    match found.len() {
        0 => {
            let key = bare_name(name);
            let mut near: Vec<(usize, usize)> = at_level()
                .map(|u| (edit_distance(&folded_key(&g.unit(u).name), &key), u))
                .filter(|(d, _)| *d <= 2.max(key.chars().count() / 4))
                .collect();
            near.sort();
            let mut names: Vec<String> = near.iter().map(|&(_, u)| label(g, u)).collect();
            names.dedup();
            names.truncate(8);
            Err(Error::Filter(if names.is_empty() {
                format!("no {what} named \"{value}\" in the gazetteer")
            } else {
                format!(
                    "no {what} named \"{value}\"; did you mean: {}?",
                    names.join(", ")
                )
            }))
        }
        1 => Ok(found),
        n => {
            let names: Vec<String> = found.iter().take(15).map(|&u| label(g, u)).collect();
            Err(Error::Filter(format!(
                "\"{value}\" names {n} {what}s: {}; qualify it with its parent (\"{}, {}\") or give a code",
                names.join(", "),
                name,
                g.ancestors(found[0])
                    .last()
                    .map_or("…".to_string(), |p| g.unit(p).name.clone())
            )))
        }
    }
}

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
            if let Ok(s) = std::str::from_utf8(k) {
                out.push(s.to_string());
            }
        }
    }
    out.sort();
    out.dedup();
    Ok(out)
}

/// Resolves a value against the indexed terms of `field` under `prefix`:
/// equal without diacritics, else containing it; else an error suggesting
/// the closest terms.
fn resolve_terms(
    searcher: &tantivy::Searcher,
    field: Field,
    prefix: &str,
    what: &str,
    value: &str,
) -> Result<Vec<String>> {
    let terms = terms_with_prefix(searcher, field, prefix)?;
    let want = folded_key(value);
    let folded: Vec<(String, &String)> = terms
        .iter()
        .map(|t| (folded_key(&t[prefix.len()..]), t))
        .collect();
    let equal: Vec<String> = folded
        .iter()
        .filter(|(f, _)| *f == want)
        .map(|(_, t)| (*t).clone())
        .collect();
    if !equal.is_empty() {
        return Ok(equal);
    }
    let containing: Vec<String> = folded
        .iter()
        .filter(|(f, _)| !want.is_empty() && f.contains(&want))
        .map(|(_, t)| (*t).clone())
        .collect();
    if !containing.is_empty() {
        return Ok(containing);
    }
    let mut near: Vec<(usize, &String)> = folded
        .iter()
        .map(|(f, t)| (edit_distance(f, &want), *t))
        .collect();
    near.sort();
    let names: Vec<&str> = near
        .iter()
        .take(5)
        .map(|(_, t)| &t[prefix.len()..])
        .collect();
    Err(Error::Filter(if names.is_empty() {
        format!("no {what} \"{value}\" in this index")
    } else {
        format!(
            "no {what} \"{value}\" in this index; closest: {}",
            names.join(", ")
        )
    }))
}

/// Resolves a program filter (`NTM nâng cao`, `ocop 4 sao`, `1719`) to its key.
pub fn resolve_program(programs: &Programs, value: &str) -> Result<String> {
    let toks = analyze(value);
    let exact: Vec<String> = toks.iter().map(|t| t.exact.clone()).collect();
    // The id itself, or the longest alias at the start.
    let (len, idx) = (1..=exact.len())
        .rev()
        .find_map(|k| programs.lookup(&exact[..k].join(" ")).map(|p| (k, p)))
        .ok_or_else(|| {
            Error::Filter(format!(
                "unknown program \"{value}\"; known: {}",
                programs
                    .all()
                    .iter()
                    .map(|p| format!("{} ({})", p.id, p.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let id = &programs.program(idx).id;
    let rest = fold(&exact[len..].join(" ")).into_owned();
    let detail = match rest.as_str() {
        "nang cao" => "nâng cao".to_string(),
        "kieu mau" => "kiểu mẫu".to_string(),
        "thong minh" => "thông minh".to_string(),
        other => other.to_string(),
    };
    Ok(if detail.is_empty() {
        format!("program:{id}")
    } else {
        format!("program:{id}:{detail}")
    })
}

/// 2025 communes named `value` (optionally `name, province`).
fn communes_2025<'g>(g: &'g Gazetteer, value: &str) -> Vec<&'g vietdex_entities::Unit2025> {
    let (name, qualifier) = match value.split_once(',') {
        Some((n, q)) => (n.trim(), Some(bare_name(q))),
        None => (value.trim(), None),
    };
    let key = bare_name(name);
    g.units_2025()
        .iter()
        .filter(|u| u.level == "commune" && (folded_key(&u.name) == key || u.code == name))
        .filter(|u| {
            qualifier
                .as_ref()
                .is_none_or(|q| bare_name(&u.province) == *q)
        })
        .collect()
}

/// A commune filter across the 2025 reform: the pre-2025 commune or its 2025
/// successors named in the text, or a 2025 commune or the pre-2025 communes
/// it was made of.
fn commune_across_reform(f: &Fields, res: &Resources, value: &str) -> Result<Box<dyn Query>> {
    let g = &res.gazetteer;
    let mut codes: Vec<String> = Vec::new();
    let mut names_2025: Vec<String> = Vec::new();
    let old = resolve_place(g, Level::Commune, value);
    if let Ok(units) = &old {
        for &u in units {
            codes.push(g.unit(u).code.clone());
            names_2025.extend(g.successors(u).iter().map(|s| s.name.clone()));
        }
    }
    for u in communes_2025(g, value) {
        codes.extend(g.predecessors(&u.code).iter().cloned());
        names_2025.push(u.full_name.clone());
    }
    if codes.is_empty() && names_2025.is_empty() {
        return Err(old
            .err()
            .unwrap_or_else(|| Error::Filter(format!("no commune named \"{value}\""))));
    }
    codes.sort();
    codes.dedup();
    names_2025.sort();
    names_2025.dedup();
    let mut alternatives: Vec<Box<dyn Query>> = codes
        .iter()
        .map(|c| term_query(f.entity, &format!("code:commune:{c}")))
        .collect();
    for name in &names_2025 {
        // 2025 names are not linked by the extractor: find them as phrases.
        alternatives.push(crate::query::parse(&format!("\"{name}\""), res).to_query(f));
    }
    Ok(any_of(alternatives))
}

fn period_bounds(value: &str) -> Result<(DateTime, DateTime)> {
    let bad = || {
        Error::Filter(format!(
            "bad date \"{value}\": use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    };
    let start = date_value(value).ok_or_else(bad)?;
    let parts: Vec<&str> = value.split('-').collect();
    let next = match parts.as_slice() {
        [y] => date_value(&format!("{}", y.parse::<i32>().map_err(|_| bad())? + 1)),
        [y, m] => {
            let (y, m): (i32, u32) = (y.parse().map_err(|_| bad())?, m.parse().map_err(|_| bad())?);
            if m == 12 {
                date_value(&format!("{}-01", y + 1))
            } else {
                date_value(&format!("{y}-{:02}", m + 1))
            }
        }
        _ => Some(DateTime::from_timestamp_secs(
            start.into_timestamp_secs() + 86_400,
        )),
    }
    .ok_or_else(bad)?;
    Ok((start, next))
}

/// Builds the filter queries (each one required) for `spec`.
pub fn resolve(
    searcher: &tantivy::Searcher,
    f: &Fields,
    spec: &FilterSpec,
    res: &Resources,
) -> Result<Vec<Box<dyn Query>>> {
    let mut out: Vec<Box<dyn Query>> = Vec::new();
    let g = &res.gazetteer;
    let place = |level: Level, v: &str| -> Result<Box<dyn Query>> {
        let units = resolve_place(g, level, v)?;
        Ok(any_of(
            units
                .iter()
                .map(|&u| {
                    term_query(
                        f.entity,
                        &format!("code:{}:{}", level.as_str(), g.unit(u).code),
                    )
                })
                .collect(),
        ))
    };
    for v in &spec.province {
        out.push(place(Level::Province, v)?);
    }
    for v in &spec.district {
        out.push(place(Level::District, v)?);
    }
    for v in &spec.commune {
        out.push(if spec.across_reform {
            commune_across_reform(f, res, v)?
        } else {
            place(Level::Commune, v)?
        });
    }
    for v in &spec.program {
        out.push(term_query(f.entity, &resolve_program(&res.programs, v)?));
    }
    let by_terms = |kind: &str, what: &str, v: &str| -> Result<Box<dyn Query>> {
        let terms = resolve_terms(searcher, f.entity, &format!("{kind}:"), what, v)?;
        Ok(any_of(
            terms.iter().map(|t| term_query(f.entity, t)).collect(),
        ))
    };
    for v in &spec.org {
        out.push(by_terms("organization", "organization", v)?);
    }
    for v in &spec.person {
        out.push(by_terms("person", "person", v)?);
    }
    for e in &spec.entity {
        let (kind, value) = e.split_once(':').ok_or_else(|| {
            Error::Filter(format!(
                "--entity {e}: expected KIND:VALUE, e.g. person:Nguyễn Văn Thi"
            ))
        })?;
        let q = match kind.trim() {
            "province" => place(Level::Province, value)?,
            "district" => place(Level::District, value)?,
            "commune" => place(Level::Commune, value)?,
            "program" => term_query(f.entity, &resolve_program(&res.programs, value)?),
            "org" | "organization" => by_terms("organization", "organization", value)?,
            k @ ("person" | "place") => by_terms(k, k, value)?,
            k => {
                return Err(Error::Filter(format!(
                    "--entity {e}: unknown kind `{k}` (province, district, commune, place, program, organization, person)"
                )));
            }
        };
        out.push(q);
    }
    if spec.from.is_some() || spec.to.is_some() {
        let lower = match &spec.from {
            Some(v) => Bound::Included(Term::from_field_date(f.published, period_bounds(v)?.0)),
            None => Bound::Unbounded,
        };
        let upper = match &spec.to {
            Some(v) => Bound::Excluded(Term::from_field_date(f.published, period_bounds(v)?.1)),
            None => Bound::Unbounded,
        };
        out.push(Box::new(RangeQuery::new(lower, upper)));
    }
    for v in &spec.source {
        let terms = resolve_terms(searcher, f.outlet, "", "outlet", v)?;
        out.push(any_of(
            terms.iter().map(|t| term_query(f.outlet, t)).collect(),
        ));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static RES: LazyLock<Resources> =
        LazyLock::new(|| Resources::bundled().expect("bundled resources"));

    #[test]
    fn places_without_diacritics_and_with_type_words() {
        let g = &RES.gazetteer;
        for v in ["dai tu", "Đại Từ", "huyện Đại Từ", "ĐẠI TỪ", "171"] {
            let u = resolve_place(&RES.gazetteer, Level::District, v)
                .unwrap_or_else(|e| panic!("{v}: {e}"));
            assert_eq!(g.unit(u[0]).full_name, "Huyện Đại Từ", "{v}");
        }
        let u = resolve_place(&RES.gazetteer, Level::Province, "hoa binh").expect("Hòa Bình");
        assert_eq!(fold(&g.unit(u[0]).full_name), "tinh hoa binh");
    }

    #[test]
    fn ambiguous_and_unknown_places_explain_themselves() {
        let e = resolve_place(&RES.gazetteer, Level::District, "Châu Thành")
            .expect_err("ambiguous")
            .to_string();
        assert!(
            e.contains("names") && e.contains("Long An") && e.contains("qualify"),
            "{e}"
        );
        let u = resolve_place(&RES.gazetteer, Level::District, "Châu Thành, Long An")
            .expect("qualified");
        assert_eq!(u.len(), 1);
        let e = resolve_place(&RES.gazetteer, Level::District, "dai tuu")
            .expect_err("unknown")
            .to_string();
        assert!(
            e.contains("did you mean") && e.contains("Đại Từ (Thái Nguyên)"),
            "{e}"
        );
    }

    #[test]
    fn programs_by_alias_level_and_id() {
        assert_eq!(
            resolve_program(&RES.programs, "NTM").expect("ntm"),
            "program:ntm"
        );
        assert_eq!(
            resolve_program(&RES.programs, "nong thon moi nang cao").expect("ntm"),
            "program:ntm:nâng cao"
        );
        assert_eq!(
            resolve_program(&RES.programs, "nông thôn mới nâng cao").expect("ntm"),
            "program:ntm:nâng cao"
        );
        assert_eq!(
            resolve_program(&RES.programs, "OCOP").expect("ocop"),
            "program:ocop"
        );
        assert_eq!(
            resolve_program(&RES.programs, "1719").expect("1719"),
            "program:1719"
        );
        assert!(resolve_program(&RES.programs, "xyz").is_err());
    }

    #[test]
    fn communes_2025_and_their_predecessors() {
        let g = &RES.gazetteer;
        let tan_thai =
            resolve_place(&RES.gazetteer, Level::Commune, "Tân Thái, Đại Từ").expect("Tân Thái");
        let succ = g.successors(tan_thai[0]);
        assert!(!succ.is_empty());
        let new = communes_2025(g, &succ[0].name.replace("Xã ", "").replace("Phường ", ""));
        assert!(new.iter().any(|u| u.code == succ[0].code));
        assert!(
            g.predecessors(&succ[0].code)
                .contains(&g.unit(tan_thai[0]).code)
        );
    }

    #[test]
    fn periods() {
        let (a, b) = period_bounds("2024").expect("year");
        assert_eq!(
            (a, b),
            (
                date_value("2024").expect("d"),
                date_value("2025").expect("d")
            )
        );
        let (_, b) = period_bounds("2024-12").expect("month");
        assert_eq!(b, date_value("2025-01").expect("d"));
        assert!(period_bounds("soon").is_err());
    }
}

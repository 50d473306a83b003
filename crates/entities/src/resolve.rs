//! Names as users type them (in filters, suggestions, lookups) resolved to
//! what the extractor links: gazetteer units, 2025 communes, programs.
//!
//! Every name is compared without diacritics and in either tone placement
//! (`dai tu` finds `Huyện Đại Từ`), with or without its type word. A name
//! several units share is an error listing them, to be qualified
//! (`"Châu Thành, Long An"`) or given as a code; an unknown name is an error
//! with the closest known names, diacritics restored.

use vietdex_tokenize::{Analysis, Analyzer, fold};

use crate::gazetteer::{Gazetteer, Level, Unit2025};
use crate::keys::EntityKey;
use crate::places::TYPES;
use crate::programs::Programs;

/// A name that resolves to nothing, or to several things; the message says
/// what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ResolveError(pub String);

/// The tokens of a typed name that have a folded form.
fn analyze(s: &str) -> Analysis {
    Analyzer::new().skipping_foldless().analyze(s)
}

/// The folded syllables of a name, joined by spaces (`Đại Từ` → `dai tu`).
pub fn folded_key(s: &str) -> String {
    analyze(s)
        .iter()
        .map(|t| t.folded.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// The folded name without a leading administrative type word
/// (`huyện Đại Từ` → `dai tu`).
pub fn bare_name(s: &str) -> String {
    let k = folded_key(s);
    // The one-letter abbreviations (`P.`, `Q.`) need their full stop in
    // text; a typed name starting with a letter keeps it.
    for t in TYPES
        .iter()
        .filter(|t| !t.hamlet && !matches!(t.syllables, ["p"] | ["q"]))
    {
        let word = fold(&t.syllables.join(" ")).into_owned();
        if let Some(rest) = k.strip_prefix(word.as_str())
            && let Some(rest) = rest.strip_prefix(' ')
        {
            return rest.to_string();
        }
    }
    k
}

/// `Đại Từ (Thái Nguyên) [code 171]`.
fn label(g: &Gazetteer, u: usize) -> String {
    let unit = g.unit(u);
    match g.ancestors(u).last() {
        Some(p) if p != u => format!("{} ({}) [code {}]", unit.name, g.unit(p).name, unit.code),
        _ => format!("{} [code {}]", unit.name, unit.code),
    }
}

/// Resolves a place name (`dai tu`, `huyện Đại Từ`, `Châu Thành, Long An`,
/// or a code) to the one gazetteer unit of `level` it names.
pub fn place(g: &Gazetteer, level: Level, value: &str) -> Result<Vec<usize>, ResolveError> {
    let (name, qualifier) = match value.split_once(',') {
        Some((n, q)) => (n.trim(), Some(q.trim())),
        None => (value.trim(), None),
    };
    let at_level = |units: &[usize]| -> Vec<usize> {
        units
            .iter()
            .copied()
            .filter(|&u| g.unit(u).level == level)
            .collect()
    };
    let mut found: Vec<usize> = if !name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()) {
        g.by_code(level, name).to_vec()
    } else {
        at_level(g.lookup_folded(&bare_name(name)))
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
            let limit = 2.max(key.chars().count() / 4);
            let mut near: Vec<(usize, usize)> = g
                .folded_names()
                .flat_map(|(k, units)| {
                    let d = strsim::levenshtein(k, &key);
                    at_level(units).into_iter().map(move |u| (d, u))
                })
                .filter(|(d, _)| *d <= limit)
                .collect();
            near.sort();
            let mut names: Vec<String> = near.iter().map(|&(_, u)| label(g, u)).collect();
            names.dedup();
            names.truncate(8);
            Err(ResolveError(if names.is_empty() {
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
            Err(ResolveError(format!(
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

/// Resolves a program name (`NTM nâng cao`, `ocop 4 sao`, `1719`) to the
/// key the extractor indexes it under.
pub fn program(programs: &Programs, value: &str) -> Result<EntityKey, ResolveError> {
    let toks = analyze(value);
    let exact: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
    // The id itself, or the longest alias at the start.
    let (len, idx) = (1..=exact.len())
        .rev()
        .find_map(|k| programs.lookup(&exact[..k].join(" ")).map(|p| (k, p)))
        .ok_or_else(|| {
            ResolveError(format!(
                "unknown program \"{value}\"; known: {}",
                programs
                    .all()
                    .iter()
                    .map(|p| format!("{} ({})", p.id, p.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ))
        })?;
    let id = programs.program(idx).id.clone();
    let rest = fold(&exact[len..].join(" ")).into_owned();
    let detail = match rest.as_str() {
        "nang cao" => "nâng cao".to_string(),
        "kieu mau" => "kiểu mẫu".to_string(),
        "thong minh" => "thông minh".to_string(),
        other => other.to_string(),
    };
    Ok(EntityKey::Program {
        id,
        detail: (!detail.is_empty()).then_some(detail),
    })
}

/// 2025 communes named `value` (optionally `name, province`, or a code).
pub fn communes_2025<'g>(g: &'g Gazetteer, value: &str) -> Vec<&'g Unit2025> {
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

/// A commune across the 2025 reform.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AcrossReform {
    /// Pre-2025 commune codes: the commune named, or the communes a 2025
    /// commune was made of.
    pub codes: Vec<String>,
    /// 2025 commune full names: the successors of the commune named, or the
    /// 2025 commune itself. The extractor links pre-2025 units only, so
    /// these are found as phrases in the text.
    pub names_2025: Vec<String>,
}

/// Resolves a commune name across the 2025 reform: a pre-2025 commune and
/// its 2025 successors, or a 2025 commune and the pre-2025 communes it was
/// made of.
pub fn commune_across_reform(g: &Gazetteer, value: &str) -> Result<AcrossReform, ResolveError> {
    let mut out = AcrossReform::default();
    let old = place(g, Level::Commune, value);
    if let Ok(units) = &old {
        for &u in units {
            out.codes.push(g.unit(u).code.clone());
            out.names_2025
                .extend(g.successors(u).iter().map(|s| s.name.clone()));
        }
    }
    for u in communes_2025(g, value) {
        out.codes.extend(g.predecessors(&u.code).iter().cloned());
        out.names_2025.push(u.full_name.clone());
    }
    if out.codes.is_empty() && out.names_2025.is_empty() {
        return Err(old
            .err()
            .unwrap_or_else(|| ResolveError(format!("no commune named \"{value}\""))));
    }
    out.codes.sort();
    out.codes.dedup();
    out.names_2025.sort();
    out.names_2025.dedup();
    Ok(out)
}

/// How an indexed entity key reads for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Described {
    /// Kind (`district`, `program` …).
    pub kind: String,
    /// Value (a place's full name, a program id with its level, a name).
    pub value: String,
    /// Label: `Huyện Đại Từ (Thái Nguyên)`, `Nông thôn mới (nâng cao)`.
    pub label: String,
    /// Gazetteer code of a place.
    pub code: Option<String>,
}

/// Describes a key for display and counting. Places by name
/// (`district:…`) give `None`: their codes stand for them.
pub fn describe(g: &Gazetteer, programs: &Programs, key: &EntityKey) -> Option<Described> {
    Some(match key {
        EntityKey::Code { level, code } => {
            let u = *g.by_code(*level, code).first()?;
            let unit = g.unit(u);
            let province = g.ancestors(u).last().map(|p| g.unit(p).name.clone());
            Described {
                kind: level.as_str().to_string(),
                value: unit.full_name.clone(),
                label: match province {
                    Some(p) => format!("{} ({p})", unit.full_name),
                    None => unit.full_name.clone(),
                },
                code: Some(code.clone()),
            }
        }
        EntityKey::Unit { .. } => return None,
        EntityKey::Program { id, detail } => {
            let name = programs
                .lookup(id)
                .map_or_else(|| id.clone(), |p| programs.program(p).name.clone());
            Described {
                kind: "program".to_string(),
                value: match detail {
                    Some(d) => format!("{id}:{d}"),
                    None => id.clone(),
                },
                label: match detail {
                    Some(d) => format!("{name} ({d})"),
                    None => name,
                },
                code: None,
            }
        }
        EntityKey::Place(v)
        | EntityKey::Organization(v)
        | EntityKey::Person(v)
        | EntityKey::Other { value: v, .. } => Described {
            kind: key.kind().to_string(),
            value: v.clone(),
            label: v.clone(),
            code: None,
        },
    })
}

/// A name offered while a user types (`dai tu` → `Đại Từ (Thái Nguyên)`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Suggestion {
    /// Kind: `province`, `district`, `commune` or `program`.
    pub kind: String,
    /// What to put in the filter: a name that resolves to exactly this
    /// unit (`Đại Từ, Thái Nguyên`), or a program's name.
    pub value: String,
    /// For display: `Đại Từ (Thái Nguyên)`.
    pub label: String,
    /// Full name with the type word (`Huyện Đại Từ`).
    pub name: String,
    /// Gazetteer code of a place.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    /// Full names of the enclosing units, nearest first.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub parents: Vec<String>,
    /// Documents of an index mentioning it, when it comes from one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub documents: Option<u64>,
}

/// How well a folded candidate (syllables joined by spaces) matches what was typed: 0 same name, 1
/// starts with it, 2 a later word starts with it; `None` no match.
pub fn match_rank(candidate: &str, typed: &str) -> Option<u8> {
    if typed.is_empty() {
        return None;
    }
    if candidate == typed {
        Some(0)
    } else if candidate.starts_with(typed) {
        Some(1)
    } else if candidate
        .match_indices(typed)
        .any(|(i, _)| candidate[..i].ends_with(' '))
    {
        Some(2)
    } else {
        None
    }
}

/// Places of `level` (any level when `None`) whose name, without
/// diacritics or type word, starts with what was typed (or has a word that
/// does), best first: whole-name matches, then by level (provinces first),
/// then shorter names. `value` of each is a filter value that resolves to
/// that unit alone (with [`place`]).
pub fn suggest_places(
    g: &Gazetteer,
    level: Option<Level>,
    typed: &str,
    limit: usize,
) -> Vec<Suggestion> {
    let key = bare_name(typed);
    let mut found: Vec<(u8, Level, usize, usize)> = Vec::new();
    for (name, units) in g.folded_names() {
        let Some(rank) = match_rank(name, &key) else {
            continue;
        };
        for &u in units {
            let unit = g.unit(u);
            if level.is_none_or(|l| unit.level == l) {
                found.push((rank, unit.level, name.len(), u));
            }
        }
    }
    found.sort_by(|a, b| {
        (a.0, a.1, a.2, &g.unit(a.3).code).cmp(&(b.0, b.1, b.2, &g.unit(b.3).code))
    });
    let mut out: Vec<Suggestion> = Vec::new();
    for (_, lvl, _, u) in found {
        if out.len() >= limit {
            break;
        }
        let unit = g.unit(u);
        if out
            .iter()
            .any(|s| s.kind == lvl.as_str() && s.code.as_deref() == Some(unit.code.as_str()))
        {
            continue;
        }
        let parents: Vec<String> = g
            .ancestors(u)
            .map(|a| g.unit(a).full_name.clone())
            .collect();
        // The name alone when it names one unit of its level; else with the
        // nearest parent that tells it apart; else the code.
        let value = [None, g.unit(u).parent]
            .into_iter()
            .map(|p| match p {
                None => unit.name.clone(),
                Some(p) => format!("{}, {}", unit.name, g.unit(p).name),
            })
            .chain(
                g.ancestors(u)
                    .skip(1)
                    .map(|a| format!("{}, {}", unit.name, g.unit(a).name)),
            )
            .find(|v| place(g, lvl, v).is_ok())
            .unwrap_or_else(|| unit.code.clone());
        let province = g.ancestors(u).last().map(|p| g.unit(p).name.clone());
        out.push(Suggestion {
            kind: lvl.as_str().to_string(),
            label: match province {
                Some(p) => format!("{} ({p})", unit.name),
                None => unit.name.clone(),
            },
            value,
            name: unit.full_name.clone(),
            code: Some(unit.code.clone()),
            parents,
            documents: None,
        });
    }
    out
}

/// Programs whose name, id or an alias starts with what was typed (or has
/// a word that does), without diacritics.
pub fn suggest_programs(programs: &Programs, typed: &str, limit: usize) -> Vec<Suggestion> {
    let key = folded_key(typed);
    let mut found: Vec<(u8, usize)> = Vec::new();
    for (idx, p) in programs.all().iter().enumerate() {
        let best = programs
            .names_of(idx)
            .chain([p.id.as_str(), p.name.as_str()])
            .filter_map(|n| match_rank(&folded_key(n), &key))
            .min();
        if let Some(r) = best {
            found.push((r, idx));
        }
    }
    found.sort();
    found
        .into_iter()
        .take(limit)
        .map(|(_, idx)| {
            let p = programs.program(idx);
            Suggestion {
                kind: "program".to_string(),
                value: p.name.clone(),
                label: p.name.clone(),
                name: p.name.clone(),
                code: None,
                parents: Vec::new(),
                documents: None,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundled;

    #[test]
    fn places_without_diacritics_and_with_type_words() {
        let g = bundled::gazetteer();
        for v in ["dai tu", "Đại Từ", "huyện Đại Từ", "ĐẠI TỪ", "171"] {
            let u = place(g, Level::District, v).unwrap_or_else(|e| panic!("{v}: {e}"));
            assert_eq!(g.unit(u[0]).full_name, "Huyện Đại Từ", "{v}");
        }
        let u = place(g, Level::Province, "hoa binh").expect("Hòa Bình");
        assert_eq!(fold(&g.unit(u[0]).full_name), "tinh hoa binh");
    }

    #[test]
    fn every_unit_is_found_by_its_folded_name() {
        let g = bundled::gazetteer();
        for (u, unit) in g.units().iter().enumerate() {
            assert!(
                g.lookup_folded(&folded_key(&unit.name)).contains(&u),
                "{}",
                unit.full_name
            );
            assert!(g.by_code(unit.level, &unit.code).contains(&u));
        }
    }

    #[test]
    fn ambiguous_and_unknown_places_explain_themselves() {
        let g = bundled::gazetteer();
        let e = place(g, Level::District, "Châu Thành")
            .expect_err("ambiguous")
            .to_string();
        assert!(
            e.contains("names") && e.contains("Long An") && e.contains("qualify"),
            "{e}"
        );
        let u = place(g, Level::District, "Châu Thành, Long An").expect("qualified");
        assert_eq!(u.len(), 1);
        let e = place(g, Level::District, "dai tuu")
            .expect_err("unknown")
            .to_string();
        assert!(
            e.contains("did you mean") && e.contains("Đại Từ (Thái Nguyên)"),
            "{e}"
        );
    }

    #[test]
    fn programs_by_alias_level_and_id() {
        let p = bundled::knowledge().programs;
        let key = |v: &str| program(p, v).map(|k| k.to_string());
        assert_eq!(key("NTM").as_deref(), Ok("program:ntm"));
        assert_eq!(
            key("nong thon moi nang cao").as_deref(),
            Ok("program:ntm:nâng cao")
        );
        assert_eq!(
            key("nông thôn mới nâng cao").as_deref(),
            Ok("program:ntm:nâng cao")
        );
        assert_eq!(key("OCOP").as_deref(), Ok("program:ocop"));
        assert_eq!(key("1719").as_deref(), Ok("program:1719"));
        assert!(key("xyz").is_err());
    }

    #[test]
    fn keys_read_for_people() {
        let k = bundled::knowledge();
        let d = |s: &str| describe(k.gazetteer, k.programs, &s.parse().expect("key"));
        let dai_tu = d("code:district:171").expect("Đại Từ");
        assert_eq!(dai_tu.label, "Huyện Đại Từ (Thái Nguyên)");
        assert_eq!(dai_tu.kind, "district");
        assert_eq!(
            d("program:ntm:nâng cao").expect("ntm").label,
            "Nông thôn mới (nâng cao)"
        );
        assert_eq!(d("district:Huyện Đại Từ"), None);
        assert_eq!(
            d("person:Nguyễn Văn Thi").expect("p").label,
            "Nguyễn Văn Thi"
        );
    }

    #[test]
    fn communes_2025_and_their_predecessors() {
        let g = bundled::gazetteer();
        let tan_thai = place(g, Level::Commune, "Tân Thái, Đại Từ").expect("Tân Thái");
        let succ = g.successors(tan_thai[0]);
        assert!(!succ.is_empty());
        let new = communes_2025(g, &succ[0].name.replace("Xã ", "").replace("Phường ", ""));
        assert!(new.iter().any(|u| u.code == succ[0].code));
        assert!(
            g.predecessors(&succ[0].code)
                .contains(&g.unit(tan_thai[0]).code)
        );
        let across = commune_across_reform(g, "Tân Thái, Đại Từ").expect("across");
        assert!(across.codes.contains(&g.unit(tan_thai[0]).code));
        assert!(across.names_2025.contains(&succ[0].name));
    }

    #[test]
    fn suggestions_restore_diacritics_and_parents() {
        let g = bundled::gazetteer();
        let s = suggest_places(g, Some(Level::District), "dai tu", 5);
        let first = s.first().expect("a suggestion");
        assert_eq!(first.label, "Đại Từ (Thái Nguyên)");
        assert_eq!(first.parents, vec!["Tỉnh Thái Nguyên".to_string()]);
        let back = place(g, Level::District, &first.value).expect("value resolves");
        assert_eq!(g.unit(back[0]).code, first.code.clone().unwrap_or_default());
        // A shared name: every value resolves to its own unit.
        let s = suggest_places(g, Some(Level::District), "chau thanh", 20);
        assert!(s.len() > 5, "{s:?}");
        for x in &s {
            let u = place(g, Level::District, &x.value).expect("resolves");
            assert_eq!(Some(&g.unit(u[0]).code), x.code.as_ref(), "{x:?}");
        }
        // A prefix of the name.
        assert!(
            suggest_places(g, None, "thai ng", 5)
                .iter()
                .any(|x| x.name == "Tỉnh Thái Nguyên")
        );
        assert!(suggest_places(g, None, "", 5).is_empty());
        let p = suggest_programs(
            &crate::Programs::bundled().expect("programs"),
            "nong thon",
            5,
        );
        assert!(p.iter().any(|x| x.name == "Nông thôn mới"), "{p:?}");
    }
}

//! Search filters: what a front-end receives ([`FilterSpec`], strings as
//! typed) and what a search backend applies ([`Filter`], validated and
//! resolved). [`FilterSpec::resolve`] turns one into the other once, at the
//! edge, with the gazetteer and program table of [`Resources`]; a name that
//! is unknown or ambiguous is an error saying what to do.
//!
//! Organizations, people, hamlets and outlets are not in any table: their
//! filters stay names ([`Filter::Indexed`], [`Filter::Source`]) that the
//! backend matches against the values it holds, suggesting the closest ones
//! when nothing matches.

use serde::Serialize;
use vietdex_entities::{EntityKey, Level, resolve};

use crate::query::{self, ParsedQuery};
use crate::{Date, Resources};

/// Filters as given on the command line or in a request.
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

/// Entities whose filter values are matched against what the index holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum IndexedKind {
    /// Organizations (`organization:` keys).
    Organization,
    /// People (`person:` keys).
    Person,
    /// Hamlets and unlinked place names (`place:` keys).
    Place,
}

impl IndexedKind {
    /// The key prefix (`organization`).
    pub fn as_str(self) -> &'static str {
        match self {
            IndexedKind::Organization => "organization",
            IndexedKind::Person => "person",
            IndexedKind::Place => "place",
        }
    }
}

/// One validated filter; a document passes a list of filters when it
/// passes each.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "filter", rename_all = "snake_case")]
pub enum Filter {
    /// Documents indexed under any of these keys (a place resolved to its
    /// gazetteer code, a program with its level).
    AnyKey {
        /// The keys.
        #[serde(serialize_with = "keys_as_text")]
        keys: Vec<EntityKey>,
    },
    /// A commune across the 2025 reform: documents indexed under one of the
    /// pre-2025 commune codes, or naming one of the 2025 communes.
    AcrossReform {
        /// `code:commune:…` keys.
        #[serde(serialize_with = "keys_as_text")]
        keys: Vec<EntityKey>,
        /// 2025 names, as phrases.
        phrases: Vec<ParsedQuery>,
    },
    /// An entity named in documents: equal to an indexed value without
    /// diacritics, else contained in one.
    Indexed {
        /// Which entities.
        kind: IndexedKind,
        /// The name as typed.
        value: String,
    },
    /// An outlet by name, or part of a source path or address.
    Source {
        /// As typed.
        value: String,
    },
    /// Published within the periods given (both ends included, whole
    /// periods: `--to 2024` includes 31 December 2024).
    Published {
        /// First period.
        from: Option<Date>,
        /// Last period.
        to: Option<Date>,
    },
}

fn keys_as_text<S: serde::Serializer>(keys: &[EntityKey], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().map(ToString::to_string))
}

/// A filter value that cannot be used; the message says what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct FilterError(pub String);

impl From<resolve::ResolveError> for FilterError {
    fn from(e: resolve::ResolveError) -> FilterError {
        FilterError(e.0)
    }
}

/// Resolves a name typed for an organization, person, hamlet or outlet
/// filter against the values a backend holds (`values`: what follows the
/// key prefix, e.g. `ubnd huyện đại từ` of `organization:ubnd huyện đại
/// từ`): the values equal to it without diacritics, else the values
/// containing it; when none does, an error naming the closest values.
/// `what` names the kind in the message. Every backend calls this, so a
/// name selects the same documents everywhere.
pub fn match_indexed<'a>(
    values: &'a [String],
    what: &str,
    value: &str,
) -> Result<Vec<&'a String>, FilterError> {
    let want = vietdex_entities::resolve::folded_key(value);
    let folded: Vec<(String, &String)> = values
        .iter()
        .map(|t| (vietdex_entities::resolve::folded_key(t), t))
        .collect();
    let equal: Vec<&String> = folded
        .iter()
        .filter(|(f, _)| *f == want)
        .map(|(_, t)| *t)
        .collect();
    if !equal.is_empty() {
        return Ok(equal);
    }
    let containing: Vec<&String> = folded
        .iter()
        .filter(|(f, _)| !want.is_empty() && f.contains(&want))
        .map(|(_, t)| *t)
        .collect();
    if !containing.is_empty() {
        return Ok(containing);
    }
    let mut near: Vec<(usize, &String)> = folded
        .iter()
        .map(|(f, t)| (strsim::levenshtein(f, &want), *t))
        .collect();
    near.sort();
    let names: Vec<&str> = near.iter().take(5).map(|(_, t)| t.as_str()).collect();
    Err(FilterError(if names.is_empty() {
        format!("no {what} \"{value}\" in this index")
    } else {
        format!(
            "no {what} \"{value}\" in this index; closest: {}",
            names.join(", ")
        )
    }))
}

fn date(value: &str) -> Result<Date, FilterError> {
    value.trim().parse().map_err(|_| {
        FilterError(format!(
            "bad date \"{value}\": use YYYY, YYYY-MM or YYYY-MM-DD"
        ))
    })
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

    /// Validates and resolves every filter: places to gazetteer codes,
    /// programs to their keys, dates to periods. The first value that
    /// cannot be used is the error.
    pub fn resolve(&self, res: &Resources) -> Result<Vec<Filter>, FilterError> {
        // The gazetteer is built on first use: only place filters need it.
        let place = |level: Level, v: &str| -> Result<Filter, FilterError> {
            let g = res.gazetteer();
            let units = resolve::place(g, level, v)?;
            Ok(Filter::AnyKey {
                keys: units
                    .iter()
                    .map(|&u| EntityKey::Code {
                        level,
                        code: g.unit(u).code.clone(),
                    })
                    .collect(),
            })
        };
        let program = |v: &str| -> Result<Filter, FilterError> {
            Ok(Filter::AnyKey {
                keys: vec![resolve::program(res.programs(), v)?],
            })
        };
        let mut out = Vec::new();
        for v in &self.province {
            out.push(place(Level::Province, v)?);
        }
        for v in &self.district {
            out.push(place(Level::District, v)?);
        }
        for v in &self.commune {
            out.push(if self.across_reform {
                let r = resolve::commune_across_reform(res.gazetteer(), v)?;
                Filter::AcrossReform {
                    keys: r
                        .codes
                        .into_iter()
                        .map(|code| EntityKey::Code {
                            level: Level::Commune,
                            code,
                        })
                        .collect(),
                    // 2025 names are not linked by the extractor: they are
                    // found as phrases.
                    phrases: r
                        .names_2025
                        .iter()
                        .map(|n| query::parse(&format!("\"{n}\""), res))
                        .collect(),
                }
            } else {
                place(Level::Commune, v)?
            });
        }
        for v in &self.program {
            out.push(program(v)?);
        }
        let indexed = |kind, value: &str| Filter::Indexed {
            kind,
            value: value.to_string(),
        };
        for v in &self.org {
            out.push(indexed(IndexedKind::Organization, v));
        }
        for v in &self.person {
            out.push(indexed(IndexedKind::Person, v));
        }
        for e in &self.entity {
            let (kind, value) = e.split_once(':').ok_or_else(|| {
                FilterError(format!(
                    "--entity {e}: expected KIND:VALUE, e.g. person:Nguyễn Văn Thi"
                ))
            })?;
            out.push(match kind.trim() {
                "province" => place(Level::Province, value)?,
                "district" => place(Level::District, value)?,
                "commune" => place(Level::Commune, value)?,
                "program" => program(value)?,
                "org" | "organization" => indexed(IndexedKind::Organization, value),
                "person" => indexed(IndexedKind::Person, value),
                "place" => indexed(IndexedKind::Place, value),
                k => {
                    return Err(FilterError(format!(
                        "--entity {e}: unknown kind `{k}` (province, district, commune, place, program, organization, person)"
                    )));
                }
            });
        }
        if self.from.is_some() || self.to.is_some() {
            out.push(Filter::Published {
                from: self.from.as_deref().map(date).transpose()?,
                to: self.to.as_deref().map(date).transpose()?,
            });
        }
        for v in &self.source {
            out.push(Filter::Source { value: v.clone() });
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static RES: LazyLock<Resources> =
        LazyLock::new(|| Resources::bundled().expect("bundled resources"));

    fn keys(f: &Filter) -> Vec<String> {
        match f {
            Filter::AnyKey { keys } | Filter::AcrossReform { keys, .. } => {
                keys.iter().map(ToString::to_string).collect()
            }
            _ => Vec::new(),
        }
    }

    #[test]
    fn places_and_programs_become_keys() {
        let spec = FilterSpec {
            district: vec!["dai tu".into()],
            program: vec!["NTM nâng cao".into()],
            entity: vec![
                "province:Thái Nguyên".into(),
                "person:Nguyễn Văn Thi".into(),
            ],
            ..FilterSpec::default()
        };
        let f = spec.resolve(&RES).expect("filters");
        assert_eq!(keys(&f[0]), ["code:district:171"]);
        assert_eq!(keys(&f[1]), ["program:ntm:nâng cao"]);
        assert_eq!(keys(&f[2]), ["code:province:19"]);
        assert_eq!(
            f[3],
            Filter::Indexed {
                kind: IndexedKind::Person,
                value: "Nguyễn Văn Thi".into()
            }
        );
    }

    #[test]
    fn dates_become_periods() {
        let spec = FilterSpec {
            from: Some("2023-06".into()),
            to: Some("2024".into()),
            ..FilterSpec::default()
        };
        let f = spec.resolve(&RES).expect("filters");
        let Filter::Published {
            from: Some(from),
            to: Some(to),
        } = &f[0]
        else {
            panic!("{f:?}")
        };
        assert_eq!(
            (from.to_string(), to.to_string()),
            ("2023-06".into(), "2024".into())
        );
        let bad = FilterSpec {
            to: Some("soon".into()),
            ..FilterSpec::default()
        };
        assert!(bad.resolve(&RES).is_err());
    }

    #[test]
    fn bad_values_say_what_to_do() {
        for (spec, want) in [
            (
                FilterSpec {
                    district: vec!["Châu Thành".into()],
                    ..FilterSpec::default()
                },
                "qualify it",
            ),
            (
                FilterSpec {
                    entity: vec!["code:district:171".into()],
                    ..FilterSpec::default()
                },
                "unknown kind `code`",
            ),
            (
                FilterSpec {
                    entity: vec!["nonsense".into()],
                    ..FilterSpec::default()
                },
                "expected KIND:VALUE",
            ),
            (
                FilterSpec {
                    program: vec!["chương trình không có".into()],
                    ..FilterSpec::default()
                },
                "unknown program",
            ),
        ] {
            let e = spec.resolve(&RES).expect_err(want).to_string();
            assert!(e.contains(want), "{e}");
        }
    }

    #[test]
    fn communes_across_the_reform() {
        let spec = FilterSpec {
            commune: vec!["Tân Thái, Đại Từ".into()],
            across_reform: true,
            ..FilterSpec::default()
        };
        let f = spec.resolve(&RES).expect("filters");
        let Filter::AcrossReform { keys, phrases } = &f[0] else {
            panic!("{f:?}")
        };
        assert!(!keys.is_empty() && !phrases.is_empty());
    }
}

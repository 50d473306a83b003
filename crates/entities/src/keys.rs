//! The keys under which a document's entities are indexed, for filters and
//! aggregations: [`EntityKey`], written and read only here.

use std::fmt;
use std::str::FromStr;

use crate::entity::{Details, Entity, Kind, Link};
use crate::gazetteer::Level;

/// An indexed entity key. Its text form (`Display`, `FromStr`) is what the
/// index stores:
///
/// | key | text |
/// |---|---|
/// | a place by full name | `district:Huyện Đại Từ` |
/// | a linked place by code | `code:district:171` |
/// | a hamlet or unlinked name | `place:xóm lò` |
/// | a program, with its level or stars | `program:ntm`, `program:ntm:nâng cao` |
/// | an organization, a person | `organization:ubnd huyện đại từ`, `person:Nguyễn Văn Thi` |
///
/// ```
/// use vietdex_entities::{EntityKey, Level};
///
/// let k: EntityKey = "code:district:171".parse().expect("key");
/// assert_eq!(k, EntityKey::Code { level: Level::District, code: "171".into() });
/// assert_eq!(k.to_string(), "code:district:171");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum EntityKey {
    /// A province, district or commune by full name (linked or not).
    Unit {
        /// Its level.
        level: Level,
        /// Full name (`Huyện Đại Từ`).
        name: String,
    },
    /// A linked unit by gazetteer code.
    Code {
        /// Its level.
        level: Level,
        /// GSO code.
        code: String,
    },
    /// A hamlet or a place name not linked, normalized.
    Place(String),
    /// A program by id, with its level (`nâng cao`) or stars (`4 sao`).
    Program {
        /// Program id (`ntm`, `ocop`).
        id: String,
        /// Level or stars.
        detail: Option<String>,
    },
    /// An organization, by normalized name.
    Organization(String),
    /// A person, by name.
    Person(String),
    /// Another kind of entity: `KIND:VALUE`.
    Other {
        /// Kind.
        kind: String,
        /// Value.
        value: String,
    },
}

impl EntityKey {
    /// The kind this key counts under (`district` for `code:district:171`).
    pub fn kind(&self) -> &str {
        match self {
            EntityKey::Unit { level, .. } | EntityKey::Code { level, .. } => level.as_str(),
            EntityKey::Place(_) => "place",
            EntityKey::Program { .. } => "program",
            EntityKey::Organization(_) => "organization",
            EntityKey::Person(_) => "person",
            EntityKey::Other { kind, .. } => kind,
        }
    }

    /// The text prefixes of the keys that are counted under `kind` (a
    /// linked unit by its code, any place for [`Kind::Place`]): every such
    /// key starts with one of them, and no other key does. An index keeps
    /// its keys sorted, so each prefix is one range of them.
    pub fn prefixes_of(kind: Kind) -> Vec<String> {
        match kind {
            Kind::Province | Kind::District | Kind::Commune => {
                vec![format!("code:{kind}:")]
            }
            Kind::Place => [Kind::Province, Kind::District, Kind::Commune]
                .iter()
                .map(|k| format!("code:{k}:"))
                .chain(["place:".to_string()])
                .collect(),
            _ => vec![format!("{kind}:")],
        }
    }
}

impl fmt::Display for EntityKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EntityKey::Unit { level, name } => write!(f, "{}:{name}", level.as_str()),
            EntityKey::Code { level, code } => write!(f, "code:{}:{code}", level.as_str()),
            EntityKey::Place(v) => write!(f, "place:{v}"),
            EntityKey::Program { id, detail: None } => write!(f, "program:{id}"),
            EntityKey::Program {
                id,
                detail: Some(d),
            } => write!(f, "program:{id}:{d}"),
            EntityKey::Organization(v) => write!(f, "organization:{v}"),
            EntityKey::Person(v) => write!(f, "person:{v}"),
            EntityKey::Other { kind, value } => write!(f, "{kind}:{value}"),
        }
    }
}

/// Why a text is not an [`EntityKey`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{0}` is not an entity key: expected KIND:VALUE or code:LEVEL:CODE")]
pub struct KeyError(pub String);

impl FromStr for EntityKey {
    type Err = KeyError;

    fn from_str(s: &str) -> Result<EntityKey, KeyError> {
        let err = || KeyError(s.to_string());
        let (kind, value) = s.split_once(':').ok_or_else(err)?;
        Ok(match kind {
            "code" => {
                let (level, code) = value.split_once(':').ok_or_else(err)?;
                EntityKey::Code {
                    level: level.parse().map_err(|_| err())?,
                    code: code.to_string(),
                }
            }
            "province" | "district" | "commune" => EntityKey::Unit {
                level: kind.parse().map_err(|_| err())?,
                name: value.to_string(),
            },
            "place" => EntityKey::Place(value.to_string()),
            "program" => match value.split_once(':') {
                Some((id, d)) => EntityKey::Program {
                    id: id.to_string(),
                    detail: Some(d.to_string()),
                },
                None => EntityKey::Program {
                    id: value.to_string(),
                    detail: None,
                },
            },
            "organization" => EntityKey::Organization(value.to_string()),
            "person" => EntityKey::Person(value.to_string()),
            "" => return Err(err()),
            _ => EntityKey::Other {
                kind: kind.to_string(),
                value: value.to_string(),
            },
        })
    }
}

/// The keys under which a document's entities are indexed: each entity by
/// kind and value (a linked place also by code, and under its district and
/// province by name and by code), a program also with its level or stars.
/// Dates and quantities are not keys. Sorted by text, without repeats.
pub fn entity_keys(entities: &[Entity]) -> Vec<EntityKey> {
    let mut keys = Vec::new();
    for e in entities {
        match &e.details {
            Details::Date | Details::Quantity { .. } => {}
            Details::Unit { level, link, .. } => {
                keys.push(EntityKey::Unit {
                    level: *level,
                    name: e.value.clone(),
                });
                if let Some(l) = link {
                    unit_keys(&mut keys, *level, l);
                }
            }
            Details::Place { .. } => keys.push(EntityKey::Place(
                vietdex_tokenize::normalize(&e.value).into_owned(),
            )),
            Details::Program { detail, .. } => {
                keys.push(EntityKey::Program {
                    id: e.value.clone(),
                    detail: None,
                });
                if let Some(d) = detail {
                    keys.push(EntityKey::Program {
                        id: e.value.clone(),
                        detail: Some(d.clone()),
                    });
                }
            }
            Details::Organization { place } => {
                keys.push(EntityKey::Organization(e.value.clone()));
                // The unit a body of the state belongs to files the
                // document as a mention of it would.
                if let Some(p) = place.as_ref().filter(|p| p.files) {
                    keys.push(EntityKey::Unit {
                        level: p.level,
                        name: p.link.name.clone(),
                    });
                    unit_keys(&mut keys, p.level, &p.link);
                }
            }
            Details::Person { .. } => keys.push(EntityKey::Person(e.value.clone())),
        }
    }
    let mut keyed: Vec<(String, EntityKey)> =
        keys.into_iter().map(|k| (k.to_string(), k)).collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.dedup_by(|a, b| a.0 == b.0);
    keyed.into_iter().map(|(_, k)| k).collect()
}

/// The keys of a linked unit besides its name: its code, and its province
/// and district by name and by code.
fn unit_keys(keys: &mut Vec<EntityKey>, level: Level, l: &Link) {
    keys.push(EntityKey::Code {
        level,
        code: l.code.clone(),
    });
    keys.push(EntityKey::Unit {
        level: Level::Province,
        name: l.province.clone(),
    });
    keys.push(EntityKey::Code {
        level: Level::Province,
        code: l.province_code.clone(),
    });
    if let Some(d) = &l.district {
        keys.push(EntityKey::Unit {
            level: Level::District,
            name: d.clone(),
        });
    }
    if let Some(c) = &l.district_code {
        keys.push(EntityKey::Code {
            level: Level::District,
            code: c.clone(),
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_of_a_kind_hold_exactly_its_keys() {
        let keys = [
            "district:Huyện Đại Từ",
            "code:district:171",
            "code:province:19",
            "code:commune:05443",
            "place:xóm lò",
            "program:ntm",
            "program:ntm:nâng cao",
            "organization:ubnd huyện đại từ",
            "person:Nguyễn Văn Thi",
            "date:2024",
        ];
        for kind in Kind::ALL {
            for text in keys {
                let key: EntityKey = text.parse().expect("key");
                let counted = match &key {
                    EntityKey::Unit { .. } => false,
                    _ if kind == Kind::Place => key.kind().parse().is_ok_and(Kind::is_place),
                    _ => key.kind() == kind.as_str(),
                };
                let prefixed = EntityKey::prefixes_of(kind)
                    .iter()
                    .any(|p| text.starts_with(p.as_str()));
                assert_eq!(prefixed, counted, "{kind} {text}");
            }
        }
    }

    #[test]
    fn every_key_reads_back_as_written() {
        for text in [
            "province:Tỉnh Thái Nguyên",
            "district:Huyện Đại Từ",
            "commune:Xã Vạn Thọ",
            "code:commune:05839",
            "place:xóm lò",
            "program:ntm",
            "program:ocop:4 sao",
            "organization:ubnd huyện đại từ",
            "person:Nguyễn Văn Thi",
            "event:hội nghị",
        ] {
            let k: EntityKey = text.parse().unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(k.to_string(), text);
        }
        for bad in ["", "nokind", ":x", "code:district", "code:hamlet:1"] {
            assert!(bad.parse::<EntityKey>().is_err(), "{bad}");
        }
        let k: EntityKey = "code:district:171".parse().expect("key");
        assert_eq!(k.kind(), "district");
    }
}

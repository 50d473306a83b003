//! The entity model: [`Entity`] (span, surface text, normalized value) with
//! a [`Kind`] and the payload of that kind ([`Details`]).
//!
//! The JSON form is flat, one object per entity, as stored in the index and
//! printed by `vietdex extract` and `vietdex show`:
//! `{"kind":"district","text":"huyện Đại Từ","start":…,"end":…,"value":"Huyện Đại Từ","code":"171",…}`;
//! absent payload fields are left out.

use std::fmt;
use std::str::FromStr;

use serde::ser::SerializeMap;
use serde::{Deserialize, Serialize};

use crate::gazetteer::{Level, Successor};

/// What an entity is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Huyện / quận / thị xã / thành phố thuộc tỉnh.
    District,
    /// Xã / phường / thị trấn.
    Commune,
    /// A hamlet (`xóm`, `thôn` …), or a place name not linked to a unit.
    Place,
    /// A national program.
    Program,
    /// An organization.
    Organization,
    /// A person.
    Person,
    /// A date or a period.
    Date,
    /// A number with its unit.
    Quantity,
}

impl Kind {
    /// Every kind.
    pub const ALL: [Kind; 9] = [
        Kind::Province,
        Kind::District,
        Kind::Commune,
        Kind::Place,
        Kind::Program,
        Kind::Organization,
        Kind::Person,
        Kind::Date,
        Kind::Quantity,
    ];

    /// `province`, `district` …
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Province => "province",
            Kind::District => "district",
            Kind::Commune => "commune",
            Kind::Place => "place",
            Kind::Program => "program",
            Kind::Organization => "organization",
            Kind::Person => "person",
            Kind::Date => "date",
            Kind::Quantity => "quantity",
        }
    }

    /// The administrative level of a province, district or commune.
    pub fn level(self) -> Option<Level> {
        match self {
            Kind::Province => Some(Level::Province),
            Kind::District => Some(Level::District),
            Kind::Commune => Some(Level::Commune),
            _ => None,
        }
    }

    /// Any place: a unit of some level, or a hamlet.
    pub fn is_place(self) -> bool {
        self.level().is_some() || self == Kind::Place
    }
}

impl From<Level> for Kind {
    fn from(l: Level) -> Kind {
        match l {
            Level::Province => Kind::Province,
            Level::District => Kind::District,
            Level::Commune => Kind::Commune,
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.pad(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = String;

    fn from_str(s: &str) -> Result<Kind, String> {
        Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| {
                let all: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).collect();
                format!("unknown entity kind `{s}` ({})", all.join(", "))
            })
    }
}

/// A gazetteer unit an ambiguous place may be.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    /// Code.
    pub code: String,
    /// Full name.
    pub name: String,
    /// Its province.
    pub province: String,
}

/// The gazetteer unit a place mention is linked to.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    /// Gazetteer code.
    pub code: String,
    /// Full name (`Huyện Đại Từ`).
    pub name: String,
    /// Its province (itself for a province).
    pub province: String,
    /// Code of its province.
    pub province_code: String,
    /// Its district, for a commune.
    pub district: Option<String>,
    /// Code of its district, for a commune.
    pub district_code: Option<String>,
    /// 2025 units a commune became, the default first.
    pub successors: Vec<Successor>,
}

/// The linked unit written in an organization's name.
#[derive(Debug, Clone, PartialEq)]
pub struct OrgPlace {
    /// Its level.
    pub level: Level,
    /// The unit (without its 2025 successors).
    pub link: Link,
    /// Whether the document is filed under the unit as under a place it
    /// mentions: a body of the state is the unit's own (`UBND huyện Đại
    /// Từ`, `bệnh viện huyện Phước Sơn`); a school or a company named
    /// after a province (`ĐH Quốc gia Hà Nội`) is not.
    pub files: bool,
}

/// What an entity of each kind carries besides its span and value.
#[derive(Debug, Clone, PartialEq)]
pub enum Details {
    /// A province, district or commune: linked to the gazetteer when the
    /// text gives evidence, else with the units it may be.
    Unit {
        /// Level.
        level: Level,
        /// The unit, when linked.
        link: Option<Link>,
        /// Units it may be, when not linked (at most 20).
        candidates: Vec<Candidate>,
    },
    /// A hamlet, or a bare name not linked.
    Place {
        /// Units it may be (at most 20).
        candidates: Vec<Candidate>,
        /// What kind of place a place outside the administrative units is:
        /// `country`, `city`, `foreign-unit` (a province or district of
        /// another country), `region`, `road`, `water`, `mountain`,
        /// `island`, `landmark`, `address`; none for hamlets and unlinked
        /// names.
        subtype: Option<String>,
    },
    /// A program.
    Program {
        /// Display name (`Nông thôn mới`).
        name: String,
        /// Level (`nâng cao`, `kiểu mẫu`) or OCOP stars (`3 sao`).
        detail: Option<String>,
    },
    /// An organization. A place written in its name is no place mention
    /// of its own: the organization carries it.
    Organization {
        /// The linked unit written in its name (`UBND huyện Đại Từ` →
        /// `Huyện Đại Từ`).
        place: Option<OrgPlace>,
    },
    /// A person.
    Person {
        /// The role that introduces or follows the name.
        role: Option<String>,
    },
    /// A date; the value is ISO 8601 (`2023-06-29`, `--06-29`, `2021/2025`).
    Date,
    /// A quantity.
    Quantity {
        /// The number, in `unit`.
        number: f64,
        /// The unit (`ha`, `%`, `tỷ đồng/năm`).
        unit: String,
        /// The whole of a ratio (`12/13 xã`: 13).
        total: Option<f64>,
    },
}

/// One entity, with character offsets into the text it came from.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(try_from = "Flat")]
pub struct Entity {
    /// The text as written.
    pub text: String,
    /// Character offset of the first character.
    pub start: usize,
    /// Character offset past the last character.
    pub end: usize,
    /// Normalized value: a place's full name, a program's id, a person's
    /// name, an ISO 8601 date, a quantity as `number unit`.
    pub value: String,
    /// Kind and payload.
    pub details: Details,
}

impl Entity {
    /// The kind.
    pub fn kind(&self) -> Kind {
        match &self.details {
            Details::Unit { level, .. } => Kind::from(*level),
            Details::Place { .. } => Kind::Place,
            Details::Program { .. } => Kind::Program,
            Details::Organization { .. } => Kind::Organization,
            Details::Person { .. } => Kind::Person,
            Details::Date => Kind::Date,
            Details::Quantity { .. } => Kind::Quantity,
        }
    }

    /// The gazetteer unit of a linked place.
    pub fn link(&self) -> Option<&Link> {
        match &self.details {
            Details::Unit { link, .. } => link.as_ref(),
            _ => None,
        }
    }

    /// Gazetteer code of a linked place.
    pub fn code(&self) -> Option<&str> {
        self.link().map(|l| l.code.as_str())
    }

    /// Full name of a linked place, or a program's name.
    pub fn name(&self) -> Option<&str> {
        match &self.details {
            Details::Program { name, .. } => Some(name),
            _ => self.link().map(|l| l.name.as_str()),
        }
    }

    /// Province of a linked place.
    pub fn province(&self) -> Option<&str> {
        self.link().map(|l| l.province.as_str())
    }

    /// District of a linked commune.
    pub fn district(&self) -> Option<&str> {
        self.link().and_then(|l| l.district.as_deref())
    }

    /// 2025 units a linked commune became.
    pub fn successors(&self) -> &[Successor] {
        self.link().map_or(&[], |l| &l.successors)
    }

    /// A person's role.
    pub fn role(&self) -> Option<&str> {
        match &self.details {
            Details::Person { role } => role.as_deref(),
            _ => None,
        }
    }

    /// A program's level or stars.
    pub fn detail(&self) -> Option<&str> {
        match &self.details {
            Details::Program { detail, .. } => detail.as_deref(),
            _ => None,
        }
    }

    /// The linked unit written in an organization's name.
    pub fn org_place(&self) -> Option<&OrgPlace> {
        match &self.details {
            Details::Organization { place } => place.as_ref(),
            _ => None,
        }
    }

    /// A quantity's number.
    pub fn number(&self) -> Option<f64> {
        match &self.details {
            Details::Quantity { number, .. } => Some(*number),
            _ => None,
        }
    }

    /// The subtype of a place outside the administrative units.
    pub fn subtype(&self) -> Option<&str> {
        match &self.details {
            Details::Place { subtype, .. } => subtype.as_deref(),
            _ => None,
        }
    }

    /// The units an unlinked place may be.
    pub fn candidates(&self) -> &[Candidate] {
        match &self.details {
            Details::Unit { candidates, .. } | Details::Place { candidates, .. } => candidates,
            _ => &[],
        }
    }
}

/// The flat JSON form: every payload field optional.
#[derive(Deserialize)]
struct Flat {
    kind: String,
    text: String,
    start: usize,
    end: usize,
    value: String,
    #[serde(default)]
    code: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    district: Option<String>,
    #[serde(default)]
    province_code: Option<String>,
    #[serde(default)]
    district_code: Option<String>,
    #[serde(default)]
    successors: Vec<Successor>,
    #[serde(default)]
    candidates: Vec<Candidate>,
    #[serde(default)]
    place: Option<String>,
    #[serde(default)]
    place_code: Option<String>,
    #[serde(default)]
    place_level: Option<Level>,
    #[serde(default)]
    place_province: Option<String>,
    #[serde(default)]
    place_province_code: Option<String>,
    #[serde(default)]
    place_district: Option<String>,
    #[serde(default)]
    place_district_code: Option<String>,
    #[serde(default)]
    place_files: bool,
    #[serde(default)]
    role: Option<String>,
    #[serde(default)]
    subtype: Option<String>,
    #[serde(default)]
    detail: Option<String>,
    #[serde(default)]
    number: Option<f64>,
    #[serde(default)]
    unit: Option<String>,
    #[serde(default)]
    total: Option<f64>,
}

impl TryFrom<Flat> for Entity {
    type Error = String;

    fn try_from(f: Flat) -> Result<Entity, String> {
        let kind: Kind = f.kind.parse()?;
        let details = match kind {
            Kind::Province | Kind::District | Kind::Commune => Details::Unit {
                level: kind.level().ok_or("no level")?,
                link: match f.code {
                    Some(code) => Some(Link {
                        code,
                        name: f.name.unwrap_or_else(|| f.value.clone()),
                        province: f.province.unwrap_or_default(),
                        province_code: f.province_code.unwrap_or_default(),
                        district: f.district,
                        district_code: f.district_code,
                        successors: f.successors,
                    }),
                    None => None,
                },
                candidates: f.candidates,
            },
            Kind::Place => Details::Place {
                candidates: f.candidates,
                subtype: f.subtype,
            },
            Kind::Program => Details::Program {
                name: f.name.unwrap_or_else(|| f.value.clone()),
                detail: f.detail,
            },
            Kind::Organization => Details::Organization {
                place: match (f.place, f.place_code, f.place_level) {
                    (Some(name), Some(code), Some(level)) => Some(OrgPlace {
                        level,
                        link: Link {
                            code,
                            name,
                            province: f.place_province.unwrap_or_default(),
                            province_code: f.place_province_code.unwrap_or_default(),
                            district: f.place_district,
                            district_code: f.place_district_code,
                            successors: Vec::new(),
                        },
                        files: f.place_files,
                    }),
                    _ => None,
                },
            },
            Kind::Person => Details::Person { role: f.role },
            Kind::Date => Details::Date,
            Kind::Quantity => Details::Quantity {
                number: f.number.ok_or("a quantity without its number")?,
                unit: f.unit.unwrap_or_default(),
                total: f.total,
            },
        };
        Ok(Entity {
            text: f.text,
            start: f.start,
            end: f.end,
            value: f.value,
            details,
        })
    }
}

impl Serialize for Entity {
    /// The flat form, fields in a fixed order: kind, text, start, end,
    /// value, then the payload's fields that are set.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("kind", &self.kind())?;
        m.serialize_entry("text", &self.text)?;
        m.serialize_entry("start", &self.start)?;
        m.serialize_entry("end", &self.end)?;
        m.serialize_entry("value", &self.value)?;
        match &self.details {
            Details::Unit {
                level,
                link,
                candidates,
            } => {
                if let Some(l) = link {
                    m.serialize_entry("code", &l.code)?;
                    m.serialize_entry("level", level)?;
                    m.serialize_entry("name", &l.name)?;
                    m.serialize_entry("province", &l.province)?;
                    if let Some(d) = &l.district {
                        m.serialize_entry("district", d)?;
                    }
                    m.serialize_entry("province_code", &l.province_code)?;
                    if let Some(d) = &l.district_code {
                        m.serialize_entry("district_code", d)?;
                    }
                    if !l.successors.is_empty() {
                        m.serialize_entry("successors", &l.successors)?;
                    }
                }
                if !candidates.is_empty() {
                    m.serialize_entry("candidates", candidates)?;
                }
            }
            Details::Place {
                candidates,
                subtype,
            } => {
                if let Some(s) = subtype {
                    m.serialize_entry("subtype", s)?;
                }
                if !candidates.is_empty() {
                    m.serialize_entry("candidates", candidates)?;
                }
            }
            Details::Program { name, detail } => {
                m.serialize_entry("name", name)?;
                if let Some(d) = detail {
                    m.serialize_entry("detail", d)?;
                }
            }
            Details::Organization { place: Some(p) } => {
                let l = &p.link;
                m.serialize_entry("place", &l.name)?;
                m.serialize_entry("place_code", &l.code)?;
                m.serialize_entry("place_level", &p.level)?;
                m.serialize_entry("place_province", &l.province)?;
                m.serialize_entry("place_province_code", &l.province_code)?;
                if let Some(d) = &l.district {
                    m.serialize_entry("place_district", d)?;
                }
                if let Some(d) = &l.district_code {
                    m.serialize_entry("place_district_code", d)?;
                }
                m.serialize_entry("place_files", &p.files)?;
            }
            Details::Organization { place: None } => {}
            Details::Person { role } => {
                if let Some(r) = role {
                    m.serialize_entry("role", r)?;
                }
            }
            Details::Date => {}
            Details::Quantity {
                number,
                unit,
                total,
            } => {
                m.serialize_entry("number", number)?;
                m.serialize_entry("unit", unit)?;
                if let Some(t) = total {
                    m.serialize_entry("total", t)?;
                }
            }
        }
        m.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_read_back() {
        for k in Kind::ALL {
            assert_eq!(k.as_str().parse::<Kind>(), Ok(k));
            assert_eq!(serde_json::to_string(&k).ok(), Some(format!("\"{k}\"")));
        }
        assert!("hamlet".parse::<Kind>().is_err());
    }

    #[test]
    fn json_round_trips_in_the_flat_form() {
        for json in [
            r#"{"kind":"district","text":"huyện Đại Từ","start":0,"end":12,"value":"Huyện Đại Từ","code":"171","level":"district","name":"Huyện Đại Từ","province":"Tỉnh Thái Nguyên","province_code":"19"}"#,
            r#"{"kind":"commune","text":"Xã Ngọc Sơn","start":0,"end":11,"value":"Xã Ngọc Sơn","candidates":[{"code":"1","name":"Xã Ngọc Sơn","province":"Tỉnh Hà Tĩnh"}]}"#,
            r#"{"kind":"program","text":"NTM","start":3,"end":6,"value":"ntm","name":"Nông thôn mới","detail":"nâng cao"}"#,
            r#"{"kind":"organization","text":"UBND huyện Đại Từ","start":0,"end":17,"value":"ubnd huyện đại từ","place":"Huyện Đại Từ","place_code":"171","place_level":"district","place_province":"Tỉnh Thái Nguyên","place_province_code":"19","place_files":true}"#,
            r#"{"kind":"organization","text":"UBND xã Hùng Sơn","start":0,"end":16,"value":"ubnd xã hùng sơn","place":"Xã Hùng Sơn","place_code":"5","place_level":"commune","place_province":"Tỉnh Thái Nguyên","place_province_code":"19","place_district":"Huyện Đại Từ","place_district_code":"171","place_files":true}"#,
            r#"{"kind":"organization","text":"Đại học Huế","start":0,"end":11,"value":"đại học huế"}"#,
            r#"{"kind":"person","text":"Nguyễn Văn Thi","start":0,"end":14,"value":"Nguyễn Văn Thi","role":"Phó Chủ tịch"}"#,
            r#"{"kind":"date","text":"29-6","start":0,"end":4,"value":"2023-06-29"}"#,
            r#"{"kind":"quantity","text":"12/13 xã","start":0,"end":8,"value":"12/13 xã","number":12.0,"unit":"xã","total":13.0}"#,
            r#"{"kind":"place","text":"xóm Lò","start":0,"end":6,"value":"Lò"}"#,
        ] {
            let e: Entity = serde_json::from_str(json).unwrap_or_else(|e| panic!("{json}: {e}"));
            assert_eq!(serde_json::to_string(&e).ok().as_deref(), Some(json));
        }
        assert!(
            serde_json::from_str::<Entity>(
                r#"{"kind":"x","text":"","start":0,"end":0,"value":""}"#
            )
            .is_err()
        );
    }
}

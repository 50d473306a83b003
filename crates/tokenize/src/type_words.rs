//! The type words of Vietnamese place names, listed once: the
//! administrative units (`tỉnh`, `thành phố`, `huyện`, `quận`, `thị xã`,
//! `xã`, `phường`, `thị trấn` and their abbreviations `TP`, `TX`, `TT`,
//! `P.`, `Q.`) with the levels they announce, and the hamlets (`thôn`,
//! `xóm`, `ấp`, `bản`, `tổ dân phố` …).
//!
//! The segmenter, the common-syllable set and the entity rules (place
//! mentions, organization and person names, filter resolution) all read
//! this table; each takes the part of it its own use needs through the
//! functions below, so a type word added here reaches every one of them.

use serde::{Deserialize, Serialize};

/// Level of an administrative unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Tỉnh / thành phố trực thuộc trung ương.
    Province,
    /// Huyện / quận / thị xã / thành phố thuộc tỉnh.
    District,
    /// Xã / phường / thị trấn.
    Commune,
}

impl Level {
    /// `province`, `district` or `commune`.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Commune => "commune",
        }
    }
}

impl std::fmt::Display for Level {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for Level {
    type Err = String;

    /// `province`, `district` or `commune`.
    fn from_str(s: &str) -> Result<Level, String> {
        match s {
            "province" => Ok(Level::Province),
            "district" => Ok(Level::District),
            "commune" => Ok(Level::Commune),
            _ => Err(format!("unknown level `{s}` (province, district, commune)")),
        }
    }
}

/// How a type word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written {
    /// In full (`thành phố`).
    Full,
    /// Abbreviated, and read as the type word wherever it stands (`TP`).
    Abbreviation,
    /// Abbreviated, and read as the type word only right before a name
    /// (`TX`, `TT`, `P.`, `Q.`).
    BeforeName,
}

/// A type word: the syllables that announce a place.
#[derive(Debug)]
pub struct TypeWord {
    /// Normalized syllables (`thị`, `xã`).
    pub syllables: &'static [&'static str],
    /// Levels it announces (none for hamlets).
    pub levels: &'static [Level],
    /// Gazetteer type names it stands for (`Thị xã`).
    pub kinds: &'static [&'static str],
    /// A hamlet type word (`xóm`, `thôn`): below the communes, not in the
    /// gazetteer.
    pub hamlet: bool,
    /// How it is written.
    pub written: Written,
    /// A hamlet word read only as a type word before a name (`buôn`,
    /// `plei`, `nóc`, `khóm`, `làng`): the word lists of the segmenter,
    /// the common syllables and the organization rule leave it out.
    pub minor: bool,
    /// Also an everyday word that often starts a sentence (`bản`: a copy,
    /// a version).
    pub everyday: bool,
}

const fn unit(
    syllables: &'static [&'static str],
    levels: &'static [Level],
    kind: &'static [&'static str],
    written: Written,
) -> TypeWord {
    TypeWord {
        syllables,
        levels,
        kinds: kind,
        hamlet: false,
        written,
        minor: false,
        everyday: false,
    }
}

const fn hamlet(syllables: &'static [&'static str], minor: bool, everyday: bool) -> TypeWord {
    TypeWord {
        syllables,
        levels: &[],
        kinds: &[],
        hamlet: true,
        written: Written::Full,
        minor,
        everyday,
    }
}

use Level::{Commune, District, Province};
use Written::{Abbreviation, BeforeName, Full};

/// Every type word, administrative and hamlet. Where two start alike the
/// one listed first wins a tie.
pub const TYPES: &[TypeWord] = &[
    unit(&["tỉnh"], &[Province], &["Tỉnh"], Full),
    unit(
        &["thành", "phố"],
        &[Province, District],
        &["Thành phố"],
        Full,
    ),
    unit(&["tp"], &[Province, District], &["Thành phố"], Abbreviation),
    unit(&["huyện"], &[District], &["Huyện"], Full),
    unit(&["quận"], &[District], &["Quận"], Full),
    unit(&["thị", "xã"], &[District], &["Thị xã"], Full),
    unit(&["tx"], &[District], &["Thị xã"], BeforeName),
    unit(&["xã"], &[Commune], &["Xã"], Full),
    unit(&["phường"], &[Commune], &["Phường"], Full),
    unit(&["thị", "trấn"], &[Commune], &["Thị trấn"], Full),
    unit(&["tt"], &[Commune], &["Thị trấn"], BeforeName),
    unit(&["p"], &[Commune], &["Phường"], BeforeName),
    unit(&["q"], &[District], &["Quận"], BeforeName),
    hamlet(&["xóm"], false, false),
    hamlet(&["thôn"], false, false),
    hamlet(&["bản"], false, true),
    hamlet(&["ấp"], false, false),
    hamlet(&["nóc"], true, false),
    hamlet(&["buôn"], true, false),
    hamlet(&["plei"], true, false),
    hamlet(&["làng"], true, false),
    hamlet(&["khóm"], true, false),
    hamlet(&["tổ", "dân", "phố"], false, false),
    hamlet(&["khu", "phố"], false, false),
];

/// The type words read wherever they stand: written in full or as a
/// word-like abbreviation (`TP`), hamlets of some regions only left out.
fn read_anywhere() -> impl Iterator<Item = &'static TypeWord> {
    TYPES.iter().filter(|t| t.written != BeforeName && !t.minor)
}

/// Every syllable of the type words written in full, minor hamlet words
/// left out: the vocabulary of local news ([`crate::is_common`]).
pub fn full_form_syllables() -> impl Iterator<Item = &'static str> {
    TYPES
        .iter()
        .filter(|t| t.written == Full && !t.minor)
        .flat_map(|t| t.syllables.iter().copied())
}

/// Whether `syllable` (normalized) is a type word by itself that a
/// capital at the start of a sentence or title does not make a name
/// (`Huyện Đại Từ` is `huyện` + `Đại Từ`): one-syllable type words written
/// in full, minor and everyday ones left out.
pub fn starts_no_name(syllable: &str) -> bool {
    TYPES
        .iter()
        .any(|t| t.written == Full && !t.minor && !t.everyday && t.syllables == [syllable])
}

/// The first syllables of the type words read wherever they stand
/// (`tỉnh`, `thành`, `tp`, `thôn`, `tổ` …): capitalized, they start no
/// person's name.
pub fn first_syllables() -> impl Iterator<Item = &'static str> {
    read_anywhere().map(|t| t.syllables[0])
}

/// Every syllable of the administrative type words read wherever they
/// stand, and the one-syllable hamlet words (`thôn`, `bản` …): after an
/// organization's head word, a place follows (`trung tâm thị xã`,
/// `Trường Tiểu học xã …`).
pub fn place_syllables() -> impl Iterator<Item = &'static str> {
    read_anywhere()
        .filter(|t| !t.hamlet || t.syllables.len() == 1)
        .flat_map(|t| t.syllables.iter().copied())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(it: impl Iterator<Item = &'static str>) -> Vec<&'static str> {
        let mut v: Vec<&str> = it.collect();
        v.sort_unstable();
        v.dedup();
        v
    }

    #[test]
    fn each_use_takes_its_part() {
        assert_eq!(
            sorted(first_syllables()),
            sorted(
                [
                    "tỉnh",
                    "thành",
                    "tp",
                    "huyện",
                    "quận",
                    "thị",
                    "xã",
                    "phường",
                    "xóm",
                    "thôn",
                    "bản",
                    "ấp",
                    "tổ",
                    "khu"
                ]
                .into_iter()
            )
        );
        assert_eq!(
            sorted(place_syllables()),
            sorted(
                [
                    "tỉnh",
                    "huyện",
                    "xã",
                    "quận",
                    "phường",
                    "thị",
                    "trấn",
                    "thành",
                    "phố",
                    "tp",
                    "thôn",
                    "ấp",
                    "bản",
                    "xóm"
                ]
                .into_iter()
            )
        );
        assert!(starts_no_name("huyện") && starts_no_name("ấp"));
        assert!(!starts_no_name("bản") && !starts_no_name("buôn") && !starts_no_name("tp"));
        assert!(!starts_no_name("thị"));
        assert!(full_form_syllables().all(|s| s != "tp" && s != "plei"));
    }

    #[test]
    fn every_type_word_is_normalized_and_units_have_levels() {
        for t in TYPES {
            for s in t.syllables {
                assert_eq!(crate::normalize(s), *s);
            }
            assert_eq!(t.hamlet, t.levels.is_empty(), "{:?}", t.syllables);
            assert_eq!(t.hamlet, t.kinds.is_empty(), "{:?}", t.syllables);
            assert!(t.hamlet || !t.minor);
        }
    }
}

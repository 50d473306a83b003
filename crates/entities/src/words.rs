//! The fixed word lists of the rules, as bits per syllable.
//!
//! Each rule opens its phrases with words of its own lists (type words,
//! titles, head words, family names, role openers …). Rather than every
//! rule looking every token up in its own tables, each distinct token text
//! is looked up once, when the text is tokenized ([`crate::text::Token::class`]
//! is remembered with the token's shape), and a rule runs its tables only
//! at tokens whose bit says one of its words can start there. A bit is set
//! exactly when the rule's own table holds the syllable, so the rules find
//! what they found before.

use std::sync::OnceLock;

use rustc_hash::FxHashMap;

/// The first syllable of a place type word (`huyện`, `thị` of `thị xã`).
pub const TYPE_WORD: u32 = 1 << 0;
/// The first syllable of a title or form of address (`ông`, `giáo` of
/// `giáo sư`).
pub const TITLE: u32 = 1 << 1;
/// A capitalized word after a title that is no name (`Huyện`, `Trường`).
pub const NOT_NAME: u32 = 1 << 2;
/// A birth-order word (`Hai`, `Út`).
pub const ORDER: u32 = 1 << 3;
/// The first syllable of an organization's head word (`công` of `công ty`).
pub const ORG_HEAD: u32 = 1 << 4;
/// The first syllable of an international organization's name.
pub const INTERNATIONAL: u32 = 1 << 5;
/// The first syllable of a place's head word (`sông`, `quốc` of `quốc lộ`).
pub const PLACE_HEAD: u32 = 1 << 6;
/// The first syllable of a country's, territory's or foreign city's name.
pub const WORLD: u32 = 1 << 7;
/// A family name.
pub const SURNAME: u32 = 1 << 8;
/// The first syllable of a role opener (`chủ` of `chủ tịch`).
pub const ROLE: u32 = 1 << 9;
/// The first syllable of a word that ends a role written after a name.
pub const ROLE_STOP: u32 = 1 << 10;

/// A word of one syllable in the lexicon ([`vietdex_tokenize::LEXICON`]):
/// written capitalized at a sentence's start, more likely that word than
/// a given name (`Vừa`, `Sau`, but not `Tuấn`).
pub const WORD: u32 = 1 << 11;
/// A word after which a capitalized syllable alone is a place, a people,
/// a language or an era rather than a given name (`tại`, `người`,
/// `tiếng`).
pub const LONE_NAME_CUE: u32 = 1 << 12;
/// A middle name (`văn`, `thị`, `minh`).
pub const MIDDLE_NAME: u32 = 1 << 13;
/// A given name (`data/given_names.txt`: `Tuấn`, `Thảo`, `Fred`).
pub const GIVEN_NAME: u32 = 1 << 14;
/// The first syllable of a word that says a person is meant: a predicate
/// only a person takes (`khóc`, `thở dài`), a kinship or body word before
/// a name (`mẹ`, `nước mắt`), an auxiliary between them (`đã`).
pub const PERSON_WORD: u32 = 1 << 15;
/// The first syllable of an organization's head word that is also a name
/// often written alone (`lâm` of `lâm trường`): kept apart from
/// [`ORG_HEAD`], which bars a syllable from the rules of people's names.
pub const ORG_HEAD_NAME: u32 = 1 << 16;
/// A word that opens a sentence or a clause and hardly a given name
/// (`Theo`, `Tại`, `Sau`, `Buổi`, `Nói`): capitalized after a name, before
/// a word in lower case, it opens the next sentence ([`crate::titled`]).
pub const CLAUSE_OPENER: u32 = 1 << 17;
/// The last syllable of a calling that introduces experts and business
/// people by a foreign name (`gia` of `chuyên gia`, `ceo`:
/// [`crate::titled`]).
pub const CALLING_END: u32 = 1 << 18;

/// `số`, `ngách`, `kiệt`: before a number, a lane's or an alley's
/// number ([`crate::landmarks`]).
pub const NUMBER_HEAD: u32 = 1 << 19;
/// The head words of a national team's name (`đội` of `đội tuyển`,
/// `tuyển`, `đt`: [`crate::orgs`]).
pub const TEAM_HEAD: u32 = 1 << 20;
/// `tờ`, `theo`, `trang`: before an outlet's name ([`crate::orgs`]).
pub const OUTLET_CUE: u32 = 1 << 21;
/// `ảnh`, which opens a photo credit ([`crate::bylines`]).
pub const PHOTO: u32 = 1 << 22;
/// `ủy`, which closes a party committee's name after a syllable (`khu
/// ủy`: [`crate::orgs`]).
pub const COMMITTEE: u32 = 1 << 23;
/// A given, middle or family name that opens a title with the syllable
/// after it (`hoàng` of `hoàng tử`: [`crate::titled`]).
pub const NAME_TITLE: u32 = 1 << 24;
/// An age group's marker, alone or with its age (`u` of `U.23`, `u23`,
/// `u-19`: [`crate::orgs`]); told by the text's shape, not a list.
pub const AGE_MARK: u32 = 1 << 25;
/// A foreign first name (`data/foreign_given_names.txt`: `Juan`,
/// `Robert`), which opens a foreign full name without a title
/// ([`crate::titled`]).
pub const FOREIGN_GIVEN: u32 = 1 << 26;

/// The bits of the normalized syllable `exact`.
pub fn class_of(exact: &str) -> u32 {
    let bits = table().get(exact).copied().unwrap_or(0);
    if crate::orgs::age_mark(exact) {
        bits | AGE_MARK
    } else {
        bits
    }
}

/// Every listed word with its bit, from the modules that own the lists.
fn each_listed(add: &mut dyn FnMut(&str, u32)) {
    for w in crate::places::TYPES {
        add(w.syllables[0], TYPE_WORD);
    }
    crate::titled::classify(add);
    crate::orgs::classify(add);
    crate::landmarks::classify(add);
    crate::people::classify(add);
    crate::person_cues::classify(add);
    add("ảnh", PHOTO);
    for w in vietdex_tokenize::LEXICON.lines() {
        let w = w.trim();
        // Lower-case entries only: `Hà`, `Huế` there are names.
        if !w.is_empty() && !w.contains(' ') && !w.starts_with(char::is_uppercase) {
            add(&vietdex_tokenize::normalize(w), WORD);
        }
    }
}

fn table() -> &'static FxHashMap<String, u32> {
    static T: OnceLock<FxHashMap<String, u32>> = OnceLock::new();
    T.get_or_init(|| {
        let mut t: FxHashMap<String, u32> = FxHashMap::default();
        each_listed(&mut |word, bit| *t.entry(word.to_string()).or_default() |= bit);
        t
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An age group's marker is told by its shape (`u`, `u23`, `u.19`,
    /// `u-22`), not a word beginning with `u` (`uống`, `u234`, `ub`).
    #[test]
    fn an_age_marker_by_its_shape() {
        for w in ["u", "u23", "u.19", "u-22"] {
            assert!(class_of(w) & AGE_MARK != 0, "{w}");
        }
        for w in ["uống", "u234", "ub", "u.", "23", "đu23"] {
            assert!(class_of(w) & AGE_MARK == 0, "{w}");
        }
    }

    #[test]
    fn every_listed_word_has_its_bit_and_no_other_word_has_one() {
        let mut listed: Vec<(String, u32)> = Vec::new();
        each_listed(&mut |w, bit| listed.push((w.to_string(), bit)));
        assert!(listed.len() > 500, "{}", listed.len());
        for (w, bit) in &listed {
            assert!(class_of(w) & bit != 0, "{w} {bit}");
        }
        for w in ["xyzzy", "", "hôm nay", "chủ tịch"] {
            assert!(
                !listed.iter().any(|(x, _)| x == w) && class_of(w) == 0,
                "{w}"
            );
        }
    }
}

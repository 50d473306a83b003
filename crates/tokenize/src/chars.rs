//! Vietnamese letters: vowels with their quality and tone marks, and the
//! character classes the tokenizer needs.
//!
//! Every precomposed lowercase Vietnamese vowel is described as a base vowel
//! (one of `a ă â e ê i o ô ơ u ư y`) plus one of six tones. The tables are
//! indexed directly by code point, so a lookup is two comparisons and a load.

use std::sync::OnceLock;

/// The twelve base vowels, in table order.
const BASES: [char; 12] = ['a', 'ă', 'â', 'e', 'ê', 'i', 'o', 'ô', 'ơ', 'u', 'ư', 'y'];

/// Each base vowel with its six tones: none, huyền, sắc, hỏi, ngã, nặng.
const TONED: [[char; 6]; 12] = [
    ['a', 'à', 'á', 'ả', 'ã', 'ạ'],
    ['ă', 'ằ', 'ắ', 'ẳ', 'ẵ', 'ặ'],
    ['â', 'ầ', 'ấ', 'ẩ', 'ẫ', 'ậ'],
    ['e', 'è', 'é', 'ẻ', 'ẽ', 'ẹ'],
    ['ê', 'ề', 'ế', 'ể', 'ễ', 'ệ'],
    ['i', 'ì', 'í', 'ỉ', 'ĩ', 'ị'],
    ['o', 'ò', 'ó', 'ỏ', 'õ', 'ọ'],
    ['ô', 'ồ', 'ố', 'ổ', 'ỗ', 'ộ'],
    ['ơ', 'ờ', 'ớ', 'ở', 'ỡ', 'ợ'],
    ['u', 'ù', 'ú', 'ủ', 'ũ', 'ụ'],
    ['ư', 'ừ', 'ứ', 'ử', 'ữ', 'ự'],
    ['y', 'ỳ', 'ý', 'ỷ', 'ỹ', 'ỵ'],
];

/// ASCII letter each base vowel folds to.
const FOLDED: [u8; 12] = [
    b'a', b'a', b'a', b'e', b'e', b'i', b'o', b'o', b'o', b'u', b'u', b'y',
];

/// Bases that carry a quality mark (breve, circumflex, horn).
const MARKED: [bool; 12] = [
    false, true, true, false, true, false, false, true, true, false, true, false,
];

/// A lowercase vowel split into its base and tone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vowel {
    /// Index into the base table (`a ă â e ê i o ô ơ u ư y`).
    pub base: u8,
    /// 0 = no tone, 1 huyền, 2 sắc, 3 hỏi, 4 ngã, 5 nặng.
    pub tone: u8,
}

impl Vowel {
    /// The precomposed character for this base and tone.
    pub fn to_char(self) -> char {
        TONED[self.base as usize][self.tone as usize]
    }
    /// The base vowel without tone (`ấ` → `â`).
    pub fn untoned(self) -> char {
        TONED[self.base as usize][0]
    }
    /// Whether the base carries a quality mark (`ă â ê ô ơ ư`).
    pub fn is_marked(self) -> bool {
        MARKED[self.base as usize]
    }
    /// The ASCII letter this vowel folds to.
    pub fn folded(self) -> u8 {
        FOLDED[self.base as usize]
    }
    /// The base letter (`a`, `ă`, …) in table order, for tests and debugging.
    pub fn base_char(self) -> char {
        BASES[self.base as usize]
    }
}

/// Code-point ranges holding every precomposed Vietnamese vowel.
const LOW_START: u32 = 0x00C0;
const LOW_END: u32 = 0x01B0;
const HIGH_START: u32 = 0x1EA0;
const HIGH_END: u32 = 0x1EF9;
const NONE: u8 = 0xFF;

/// Bit set in a packed table entry for an upper-case letter.
const UPPER: u8 = 0x80;

struct Tables {
    low: [u8; (LOW_END - LOW_START + 1) as usize],
    high: [u8; (HIGH_END - HIGH_START + 1) as usize],
}

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let mut t = Tables {
            low: [NONE; (LOW_END - LOW_START + 1) as usize],
            high: [NONE; (HIGH_END - HIGH_START + 1) as usize],
        };
        for (b, row) in TONED.iter().enumerate() {
            for (tone, &lower) in row.iter().enumerate() {
                let packed = (b as u8) << 3 | tone as u8;
                let upper = lower.to_uppercase().next().unwrap_or(lower);
                for (c, flag) in [(lower, 0), (upper, UPPER)] {
                    let cp = c as u32;
                    if (LOW_START..=LOW_END).contains(&cp) {
                        t.low[(cp - LOW_START) as usize] = packed | flag;
                    } else if (HIGH_START..=HIGH_END).contains(&cp) {
                        t.high[(cp - HIGH_START) as usize] = packed | flag;
                    }
                }
            }
        }
        t
    })
}

/// Splits a lowercase vowel into base and tone; `None` for anything else.
#[inline]
pub fn vowel(c: char) -> Option<Vowel> {
    match any_case_vowel(c) {
        Some((v, false)) => Some(v),
        _ => None,
    }
}

/// Splits a vowel of either case into base and tone, and tells whether it
/// was upper case. Non-ASCII only; `None` for anything else.
#[inline]
pub fn any_case_vowel(c: char) -> Option<(Vowel, bool)> {
    let cp = c as u32;
    if cp < 0x80 {
        let v = |base| Some((Vowel { base, tone: 0 }, c.is_ascii_uppercase()));
        return match c.to_ascii_lowercase() {
            'a' => v(0),
            'e' => v(3),
            'i' => v(5),
            'o' => v(6),
            'u' => v(9),
            'y' => v(11),
            _ => None,
        };
    }
    let packed = if (LOW_START..=LOW_END).contains(&cp) {
        tables().low[(cp - LOW_START) as usize]
    } else if (HIGH_START..=HIGH_END).contains(&cp) {
        tables().high[(cp - HIGH_START) as usize]
    } else {
        NONE
    };
    (packed != NONE).then_some((
        Vowel {
            base: (packed & !UPPER) >> 3,
            tone: packed & 7,
        },
        packed & UPPER != 0,
    ))
}

/// Characters that are dropped inside a token: soft hyphen, zero-width
/// joiners, word joiner, byte-order mark.
#[inline]
pub fn is_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}'
    )
}

/// Combining marks (the NFD tone and quality marks among them) that belong
/// to the letter before them.
#[inline]
pub fn is_mark(c: char) -> bool {
    let cp = c as u32;
    (0x0300..=0x036F).contains(&cp) || unicode_normalization::char::is_combining_mark(c)
}

/// Combining diacritical marks (U+0300–U+036F): the marks folding removes.
/// Marks of other scripts (Indic vowel signs …) are part of their letters
/// and stay.
#[inline]
pub fn is_diacritic_mark(c: char) -> bool {
    ('\u{0300}'..='\u{036F}').contains(&c)
}

/// Whether `c` is a letter; Vietnamese letters answer from the vowel table
/// without Unicode's general lookup.
#[inline]
pub fn is_letter(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphabetic()
    } else {
        any_case_vowel(c).is_some() || matches!(c, 'đ' | 'Đ') || c.is_alphabetic()
    }
}

/// Whether `c` is a letter or a digit (see [`is_letter`]).
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        any_case_vowel(c).is_some() || matches!(c, 'đ' | 'Đ') || c.is_alphanumeric()
    }
}

/// Characters that make up syllables and numbers.
#[inline]
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        is_letter_or_digit(c) || is_mark(c) || is_ignorable(c)
    }
}

/// Folds one lowercase character to its unmarked form: `ầ` → `a`, `đ` → `d`;
/// other accented Latin letters lose their marks; everything else is kept.
#[inline]
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if let Some(v) = vowel(c) {
        return v.folded() as char;
    }
    match c {
        'đ' => 'd',
        _ => {
            let mut first = None;
            unicode_normalization::char::decompose_canonical(c, |d| {
                if first.is_none() {
                    first = Some(d);
                }
            });
            match first {
                Some(d) if d.is_ascii_alphabetic() => d,
                _ => c,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_vowel_round_trips() {
        for (b, row) in TONED.iter().enumerate() {
            for (t, &c) in row.iter().enumerate() {
                let v = vowel(c).expect("table vowel");
                assert_eq!((v.base as usize, v.tone as usize), (b, t), "{c}");
                assert_eq!(v.to_char(), c);
                assert_eq!(v.base_char(), BASES[b]);
            }
        }
    }

    #[test]
    fn upper_case_vowels() {
        for (b, row) in TONED.iter().enumerate() {
            for (t, &c) in row.iter().enumerate() {
                let up = c.to_uppercase().next().expect("upper");
                let (v, upper) = any_case_vowel(up).expect("upper vowel");
                assert!(upper, "{up}");
                assert_eq!((v.base as usize, v.tone as usize), (b, t), "{up}");
                assert_eq!(vowel(up), None);
            }
        }
    }

    #[test]
    fn consonants_and_others_are_not_vowels() {
        for c in ['b', 'đ', 'Đ', 'A', '1', ' ', 'ç', 'ñ'] {
            assert_eq!(vowel(c), None, "{c}");
        }
    }

    #[test]
    fn folding() {
        let folded: String = "đại từ ướt ỵ ñ ç ß".chars().map(fold_char).collect();
        assert_eq!(folded, "dai tu uot y n c ß");
    }
}

//! Lossless-for-search normalization: NFC, one tone-mark placement, lowercase
//! with `Đ`/`Ð` → `đ`, and the invisible characters of scraped text.
//!
//! Documents and queries go through the same functions, so `hoà` and `hòa`,
//! `THUỶ` and `thủy`, NFD and NFC input all meet on one form.
//!
//! Canonical tone placement is the one the 2025 gazetteer uses: in an open
//! syllable with `oa`, `oe` or `uy` the mark sits on the first vowel (`hòa`,
//! `hòe`, `thủy`); with a final consonant on the second (`hoàn`, `huỳnh`); a
//! vowel with a quality mark (`ê`, `ơ`, `â` …) always takes the tone
//! (`việt`, `người`); in a three-vowel cluster the middle vowel does
//! (`hoài`, `khuỷu`). The `u` of `qu` and the `i` of `gi` belong to the
//! consonant (`quý`, `giữa`).

use std::borrow::Cow;
use std::cell::RefCell;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::chars::{self, Vowel};

/// Normalizes a whole text: every token as [`normalize_token_into`] does it,
/// and non-breaking or zero-width spaces turned into plain spaces. Borrows
/// when the text is already normalized.
pub fn normalize(text: &str) -> Cow<'_, str> {
    let mut out: Option<String> = None;
    let mut scratch = Vec::new();
    for seg in Segments::new(text) {
        let piece = &text[seg.start..seg.end];
        match seg.kind {
            SegKind::Word => {
                if out.is_none() && token_is_normalized(piece) {
                    continue;
                }
                let o = out.get_or_insert_with(|| start_copy(text, seg.start));
                normalize_token_into(piece, o, &mut scratch, false);
            }
            SegKind::Other => {
                let needs = piece.chars().any(is_space_variant);
                if out.is_none() && !needs {
                    continue;
                }
                let o = out.get_or_insert_with(|| start_copy(text, seg.start));
                for c in piece.chars() {
                    o.push(if is_space_variant(c) { ' ' } else { c });
                }
            }
        }
    }
    match out {
        Some(s) => Cow::Owned(s),
        None => Cow::Borrowed(text),
    }
}

fn start_copy(text: &str, upto: usize) -> String {
    let mut s = String::with_capacity(text.len() + 8);
    s.push_str(&text[..upto]);
    s
}

/// Spaces that scraped pages use instead of U+0020.
fn is_space_variant(c: char) -> bool {
    matches!(
        c,
        '\u{00A0}' | '\u{2007}' | '\u{202F}' | '\u{200B}' | '\u{3000}' | '\u{2002}'..='\u{200A}'
    )
}

/// Folds a text: normalizes it, then removes tone and quality marks and maps
/// `đ` → `d`. Borrows when nothing changes.
pub fn fold(text: &str) -> Cow<'_, str> {
    let norm = normalize(text);
    if norm.is_ascii() {
        return norm;
    }
    Cow::Owned(
        norm.chars()
            .filter(|&c| !chars::is_diacritic_mark(c))
            .map(chars::fold_char)
            .collect(),
    )
}

/// Whether `text`, typed by a user, carries any Vietnamese diacritic (or
/// `đ`): such text asks for exact matches first.
pub fn has_diacritics(text: &str) -> bool {
    !text.is_ascii() && *fold(text) != *normalize(text)
}

thread_local! {
    static SCRATCH: RefCell<(String, Vec<char>)> = const { RefCell::new((String::new(), Vec::new())) };
}

/// Whether one token is already in normalized form; allocation-free after the
/// first call on a thread.
pub fn token_is_normalized(token: &str) -> bool {
    if token.is_ascii() {
        return !token.bytes().any(|b| b.is_ascii_uppercase());
    }
    SCRATCH.with(|s| {
        let (out, buf) = &mut *s.borrow_mut();
        out.clear();
        normalize_token_into(token, out, buf, false);
        out == token
    })
}

/// Appends the normalized (or, with `fold`, folded) form of one token to
/// `out`. `buf` is scratch space kept by the caller so that a token stream
/// allocates nothing once warm.
///
/// Text made of ASCII and precomposed Vietnamese letters (nearly all of it)
/// is handled in one pass without a normalization-form check; tone marks are
/// only re-placed in syllables with a tone and two or more vowels. Anything
/// else (other letters, combining marks, other scripts, invisible
/// characters) takes the general path: NFC, then the same mapping. Folding
/// also drops combining marks that NFC could not compose.
#[inline]
pub fn normalize_token_into(token: &str, out: &mut String, buf: &mut Vec<char>, fold: bool) {
    if token.is_ascii() {
        let start = out.len();
        out.push_str(token);
        out[start..].make_ascii_lowercase();
        return;
    }
    let start = out.len();
    let mut vowels = 0u32;
    let mut toned = false;
    for c in token.chars() {
        if c.is_ascii() {
            let l = c.to_ascii_lowercase();
            vowels += u32::from(matches!(l, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'));
            out.push(l);
        } else if let Some((v, _)) = chars::any_case_vowel(c) {
            vowels += 1;
            toned |= v.tone != 0;
            out.push(if fold {
                v.folded() as char
            } else {
                v.to_char()
            });
        } else if matches!(c, 'đ' | 'Đ' | 'Ð' | 'ð') {
            out.push(if fold { 'd' } else { 'đ' });
        } else {
            out.truncate(start);
            return normalize_general(token, out, buf, fold);
        }
    }
    if !fold && toned && vowels >= 2 {
        buf.clear();
        buf.extend(out[start..].chars());
        place_tones(buf);
        out.truncate(start);
        out.extend(buf.iter());
    }
}

/// The general path of [`normalize_token_into`]: NFC first.
fn normalize_general(token: &str, out: &mut String, buf: &mut Vec<char>, fold: bool) {
    buf.clear();
    let visible = || token.chars().filter(|&c| !chars::is_ignorable(c));
    if is_nfc_quick(visible()) == IsNormalized::Yes {
        for c in visible() {
            push_lower(c, buf);
        }
    } else {
        for c in visible().nfc() {
            push_lower(c, buf);
        }
    }
    place_tones(buf);
    if fold {
        out.extend(
            buf.iter()
                .filter(|&&c| !chars::is_diacritic_mark(c))
                .map(|&c| chars::fold_char(c)),
        );
    } else if buf.iter().any(|&c| chars::is_mark(c)) {
        // A mark NFC could not compose may compose once the tone has moved.
        out.extend(buf.iter().copied().nfc());
    } else {
        out.extend(buf.iter());
    }
}

#[inline]
fn push_lower(c: char, buf: &mut Vec<char>) {
    if c.is_ascii() {
        buf.push(c.to_ascii_lowercase());
    } else if chars::is_ignorable(c) {
    } else if matches!(c, 'Ð' | 'ð' | 'Đ') {
        buf.push('đ');
    } else if c.is_uppercase() {
        buf.extend(c.to_lowercase());
    } else {
        buf.push(c);
    }
}

/// Applies [`place_tone`] to every run of letters in a lowercase token.
pub fn place_tones(buf: &mut [char]) {
    let mut i = 0;
    while i < buf.len() {
        if !chars::is_letter(buf[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < buf.len() && chars::is_letter(buf[i]) {
            i += 1;
        }
        place_tone(&mut buf[start..i]);
    }
}

/// Moves the tone mark of one lowercase syllable to its canonical vowel.
/// Syllables that are not Vietnamese-shaped (two vowel groups, several tone
/// marks, long clusters) are left alone.
pub fn place_tone(syl: &mut [char]) {
    let Some(first) = syl.iter().position(|&c| chars::vowel(c).is_some()) else {
        return;
    };
    let mut end = first;
    let mut toned: Option<(usize, Vowel)> = None;
    while end < syl.len() {
        let Some(v) = chars::vowel(syl[end]) else {
            break;
        };
        if v.tone != 0 {
            if toned.is_some() {
                return; // two tone marks: not ours to fix
            }
            toned = Some((end, v));
        }
        end += 1;
    }
    let Some((at, tv)) = toned else { return };
    if syl[end..].iter().any(|&c| chars::vowel(c).is_some()) {
        return; // a second vowel group: a foreign word such as `café`
    }
    let mut start = first;
    if end - start > 1 && start > 0 {
        let onset = syl[start - 1];
        let v0 = chars::vowel(syl[start]).map(|v| v.untoned());
        if (onset == 'q' && v0 == Some('u')) || (onset == 'g' && v0 == Some('i')) {
            start += 1;
        }
    }
    let len = end - start;
    let has_final = end < syl.len();
    let marked = (start..end)
        .rev()
        .find(|&i| chars::vowel(syl[i]).is_some_and(|v| v.is_marked()));
    let target = match (marked, len) {
        (Some(m), _) => m,
        (None, 1) => start,
        (None, 2) => {
            if has_final {
                start + 1
            } else {
                start
            }
        }
        (None, 3) => start + 1,
        _ => return,
    };
    if target == at {
        return;
    }
    let Some(tgt) = chars::vowel(syl[target]) else {
        return;
    };
    syl[at] = tv.untoned();
    syl[target] = Vowel {
        base: tgt.base,
        tone: tv.tone,
    }
    .to_char();
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SegKind {
    Word,
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Segment {
    start: usize,
    end: usize,
    kind: SegKind,
}

/// Splits text into alternating runs of word characters and the rest.
struct Segments<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Segments<'a> {
    fn new(text: &'a str) -> Self {
        Segments { text, pos: 0 }
    }
}

impl Iterator for Segments<'_> {
    type Item = Segment;
    fn next(&mut self) -> Option<Segment> {
        let rest = &self.text[self.pos..];
        let first = rest.chars().next()?;
        let kind = if chars::is_word_char(first) {
            SegKind::Word
        } else {
            SegKind::Other
        };
        let len = rest
            .char_indices()
            .find(|&(_, c)| (chars::is_word_char(c)) != (kind == SegKind::Word))
            .map_or(rest.len(), |(i, _)| i);
        let seg = Segment {
            start: self.pos,
            end: self.pos + len,
            kind,
        };
        self.pos += len;
        Some(seg)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(s: &str) -> String {
        normalize(s).into_owned()
    }

    #[test]
    fn old_and_new_tone_placement_meet() {
        let pairs = [
            ("hoà", "hòa"),
            ("hoá", "hóa"),
            ("hoả", "hỏa"),
            ("hoã", "hõa"),
            ("hoạ", "họa"),
            ("khoè", "khòe"),
            ("khoé", "khóe"),
            ("khoẻ", "khỏe"),
            ("khoẽ", "khõe"),
            ("khoẹ", "khọe"),
            ("thuỳ", "thùy"),
            ("thuý", "thúy"),
            ("thuỷ", "thủy"),
            ("thuỹ", "thũy"),
            ("thuỵ", "thụy"),
            ("uỷ", "ủy"),
            ("uý", "úy"),
        ];
        for (old, new) in pairs {
            assert_eq!(n(old), new, "{old}");
            assert_eq!(n(new), new, "{new}");
            assert_eq!(n(&old.to_uppercase()), new, "{old} upper");
        }
    }

    #[test]
    fn misplaced_marks_are_moved() {
        assert_eq!(n("vịêt"), "việt");
        assert_eq!(n("baỏ"), "bảo");
        assert_eq!(n("tuôỉ"), "tuổi");
        assert_eq!(n("hoaì"), "hoài");
        assert_eq!(n("qúa"), "quá");
        assert_eq!(n("gìưa"), "giừa");
    }

    #[test]
    fn closed_syllables_and_onsets_keep_their_place() {
        for w in [
            "hoàn", "huỳnh", "quý", "quỳ", "quả", "giữa", "gìn", "nguyễn", "khuỷu", "thuở", "hoặc",
            "người", "mía", "máy", "múa", "kéo", "tuổi",
        ] {
            assert_eq!(n(w), w, "{w}");
        }
    }

    #[test]
    fn foreign_words_are_left_alone() {
        assert_eq!(n("café"), "café");
        assert_eq!(n("José"), "josé");
    }

    #[test]
    fn d_with_stroke_and_eth() {
        assert_eq!(n("Đại"), "đại");
        assert_eq!(n("Ðại"), "đại");
        assert_eq!(n("ĐẠI TỪ"), "đại từ");
    }

    #[test]
    fn nfd_and_spaces() {
        let nfd: String = "Đại Từ".nfd().collect();
        assert_ne!(nfd, "Đại Từ");
        assert_eq!(n(&nfd), "đại từ");
        assert_eq!(n("Đại\u{00A0}Từ"), "đại từ");
        assert_eq!(n("Đại\u{200B}Từ"), "đại từ");
        assert_eq!(n("Đ\u{00AD}ại"), "đại");
    }

    #[test]
    fn canonical_input_is_borrowed() {
        assert!(matches!(
            normalize("đại từ, thái nguyên."),
            Cow::Borrowed(_)
        ));
        assert!(matches!(normalize("abc 123"), Cow::Borrowed(_)));
        assert!(matches!(normalize("Abc"), Cow::Owned(_)));
    }

    #[test]
    fn folding_and_diacritic_detection() {
        assert_eq!(fold("Đại Từ"), "dai tu");
        assert_eq!(fold("Hoà Bình"), "hoa binh");
        assert!(has_diacritics("Đại Từ"));
        assert!(has_diacritics("đ"));
        assert!(!has_diacritics("dai tu"));
        assert!(!has_diacritics("DAI TU"));
    }
}

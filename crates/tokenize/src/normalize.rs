//! Lossless-for-search normalization: NFC, one tone-mark placement, lowercase
//! with `Đ`/`Ð` → `đ`, and the invisible characters of scraped text.
//!
//! Documents and queries go through the same functions, so `hoà` and `hòa`,
//! `THUỶ` and `thủy`, NFD and NFC input all meet on one form.
//!
//! Each step is a function of [`steps`] with a contract test of its own;
//! [`normalize_token_into`], [`fold_token_into`] and [`token_forms_into`]
//! are their fused composition for one token, allocation-free, checked
//! equal to the steps on random input (`tests/normalize_steps.rs`).
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
                normalize_token_into(piece, o, &mut scratch);
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
/// `đ` → `d` ([`steps::fold`]). Borrows when nothing changes.
pub fn fold(text: &str) -> Cow<'_, str> {
    let norm = normalize(text);
    if norm.is_ascii() {
        return norm;
    }
    let mut out = String::with_capacity(norm.len());
    steps::fold_into(&norm, &mut out);
    Cow::Owned(out)
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
        normalize_token_into(token, out, buf);
        out == token
    })
}

/// Appends the normalized (exact) form of one token to `out`: what
/// [`steps::exact`] gives, `compose(place_tones(lowercase(compose(
/// drop_ignorables(token)))))`. `buf` is scratch space kept by the caller so
/// that a token stream allocates nothing once warm.
///
/// Text made of ASCII and precomposed Vietnamese letters (nearly all of it)
/// is handled in one pass without a normalization-form check; tone marks are
/// only re-placed in syllables with a tone and two or more vowels. Anything
/// else (other letters, combining marks, other scripts, invisible
/// characters) takes the general path: the steps one after the other. The
/// pipeline contract (`tests/normalize_steps.rs`) checks on random input
/// that both paths give what the steps give.
#[inline]
pub fn normalize_token_into(token: &str, out: &mut String, buf: &mut Vec<char>) {
    if !fast_into::<false>(token, out, buf) {
        placed_into(token, buf);
        push_exact(buf, out);
    }
}

/// Appends the folded form of one token to `out`: what [`steps::folded`]
/// gives, [`steps::fold`] of the token normalized up to its last
/// composition ([`steps::placed`]); the same paths as
/// [`normalize_token_into`]. Empty for a token of nothing but combining
/// diacritical marks.
#[inline]
pub fn fold_token_into(token: &str, out: &mut String, buf: &mut Vec<char>) {
    if !fast_into::<true>(token, out, buf) {
        placed_into(token, buf);
        push_folded(buf, out);
    }
}

/// Appends the normalized form of one token to `exact` and its folded form
/// to `folded`, as [`normalize_token_into`] and [`fold_token_into`] do, with
/// the steps they share done once: on the fast path the folded form is
/// [`steps::fold`] of the normalized one.
///
/// (It cannot be that in general: `Ϊ` + U+0301 and `ΐ` have the same
/// normalized form, `ΐ`, since the last composition joins the mark to the
/// lowercase letter, but fold to `ϊ` and `ΐ`.)
#[inline]
pub fn token_forms_into(token: &str, exact: &mut String, folded: &mut String, buf: &mut Vec<char>) {
    let start = exact.len();
    if fast_into::<false>(token, exact, buf) {
        // Composed already: the normalized form is the placed one.
        steps::fold_into(&exact[start..], folded);
    } else {
        placed_into(token, buf);
        push_exact(buf, exact);
        push_folded(buf, folded);
    }
}

/// The fast path of [`normalize_token_into`] and, with `FOLD`,
/// [`fold_token_into`]: appends the form of a token made of ASCII and
/// precomposed Vietnamese letters and returns `true`; returns `false`, with
/// `out` as it was, for any other token.
#[inline(always)]
fn fast_into<const FOLD: bool>(token: &str, out: &mut String, buf: &mut Vec<char>) -> bool {
    let start = out.len();
    if token.is_ascii() {
        out.push_str(token);
        out[start..].make_ascii_lowercase();
        return true;
    }
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
            out.push(if FOLD {
                v.folded() as char
            } else {
                v.to_char()
            });
        } else if matches!(c, 'đ' | 'Đ' | 'Ð' | 'ð') {
            out.push(if FOLD { 'd' } else { 'đ' });
        } else {
            out.truncate(start);
            return false;
        }
    }
    // Folding drops every tone: where it sat does not matter. With one
    // vowel or no tone, placing moves nothing.
    if !FOLD && toned && vowels >= 2 {
        buf.clear();
        buf.extend(out[start..].chars());
        place_tones(buf);
        out.truncate(start);
        out.extend(buf.iter());
    }
    true
}

/// The general path: the token through [`steps::drop_ignorables`],
/// [`steps::compose`], [`steps::lowercase`] and [`steps::place_tones`],
/// into `buf`, as [`steps::placed`] gives it.
fn placed_into(token: &str, buf: &mut Vec<char>) {
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
}

/// The last step of the normalized form, [`steps::compose`]: a mark NFC
/// could not compose may compose once the tone has moved or the letter
/// before it is lowercase. Without marks, `placed` is composed already.
fn push_exact(placed: &[char], out: &mut String) {
    if placed.iter().any(|&c| chars::is_mark(c)) {
        out.extend(placed.iter().copied().nfc());
    } else {
        out.extend(placed.iter());
    }
}

/// [`steps::fold_into`] of a placed form.
fn push_folded(placed: &[char], out: &mut String) {
    out.extend(
        placed
            .iter()
            .filter(|&&c| !chars::is_diacritic_mark(c))
            .map(|&c| chars::fold_char(c)),
    );
}

/// The lowercase of one character, as [`steps::lowercase`] maps it: `Đ`,
/// `Ð` and `ð` → `đ`; upper-case letters to their lowercase (one or more
/// characters); everything else unchanged.
#[inline]
fn push_lower(c: char, buf: &mut impl Extend<char>) {
    if c.is_ascii() {
        buf.extend([c.to_ascii_lowercase()]);
    } else if matches!(c, 'Ð' | 'ð' | 'Đ') {
        buf.extend(['đ']);
    } else if c.is_uppercase() {
        buf.extend(c.to_lowercase());
    } else {
        buf.extend([c]);
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

pub mod steps {
    //! Normalization and folding as small steps, one function each.
    //!
    //! A token goes through four lossless steps, [`drop_ignorables`],
    //! [`compose`], [`lowercase`] and [`place_tones`] ([`placed`] is the
    //! four in a row). They only erase differences of encoding (NFC or NFD,
    //! invisible characters), of case and of tone placement. Then:
    //! - its normalized (exact) form is [`compose`] of that, once more
    //!   ([`exact`]);
    //! - its folded form is [`fold`] of that, the lossy step ([`folded`]).
    //!
    //! The folded form is [`fold`] of the exact form too, except for a
    //! Greek capital followed by a mark that only its lowercase letter has
    //! precomposed: `Ϊ` + U+0301 is `ΐ` exact and `ϊ` folded, while `ΐ`
    //! itself folds to `ΐ`; the last composition puts the mark on the
    //! letter, where [`fold`] keeps it.
    //!
    //! [`super::normalize_token_into`], [`super::fold_token_into`] and
    //! [`super::token_forms_into`] are the fused, allocation-free form of
    //! these pipelines that tokenizers use; the pipeline contract
    //! (`tests/normalize_steps.rs`) checks on random input that they give
    //! exactly what the steps give, and each step has its own contract test
    //! there. The steps borrow their input when it is already in their
    //! output form.

    use std::borrow::Cow;

    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

    use crate::chars;

    /// Drops the characters that are invisible inside a word (soft hyphen,
    /// zero-width joiners, word joiner, byte-order mark: see
    /// [`chars::is_ignorable`]).
    pub fn drop_ignorables(text: &str) -> Cow<'_, str> {
        if text.chars().any(chars::is_ignorable) {
            Cow::Owned(text.chars().filter(|&c| !chars::is_ignorable(c)).collect())
        } else {
            Cow::Borrowed(text)
        }
    }

    /// Canonical composition (NFC): `a` + U+0300 → `à`.
    pub fn compose(text: &str) -> Cow<'_, str> {
        if is_nfc_quick(text.chars()) == IsNormalized::Yes {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(text.nfc().collect())
        }
    }

    /// Lowercase, the Vietnamese way: `Đ`, `Ð` (eth) and `ð` → `đ`; every
    /// other upper-case letter to its lowercase (`İ` → `i` + U+0307, which
    /// is why [`compose`] runs again after it); the rest unchanged.
    pub fn lowercase(text: &str) -> Cow<'_, str> {
        let changes = |c: char| matches!(c, 'Ð' | 'ð' | 'Đ') || c.is_uppercase();
        if !text.chars().any(changes) {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        for c in text.chars() {
            super::push_lower(c, &mut out);
        }
        Cow::Owned(out)
    }

    /// Moves the tone mark of every Vietnamese-shaped syllable of a
    /// composed lowercase text to its canonical vowel (`hoà` → `hòa`,
    /// `vịêt` → `việt`), as [`super::place_tones`] does on characters.
    /// Decomposed marks are not seen: [`compose`] runs before it.
    pub fn place_tones(text: &str) -> Cow<'_, str> {
        let mut buf: Vec<char> = text.chars().collect();
        super::place_tones(&mut buf);
        if buf.iter().copied().eq(text.chars()) {
            Cow::Borrowed(text)
        } else {
            Cow::Owned(buf.into_iter().collect())
        }
    }

    /// The lossy step: removes tone and quality marks and maps `đ` → `d`
    /// (`người` → `nguoi`, `đại` → `dai`) in a lowercase text ([`placed`]
    /// or normalized); other accented Latin letters lose their marks too
    /// ([`chars::fold_char`]), combining diacritical marks (U+0300–U+036F)
    /// are dropped, and a text of nothing but such marks folds to nothing.
    /// Letters of other scripts keep their marks (`ΐ`, `й`).
    pub fn fold(exact: &str) -> Cow<'_, str> {
        if exact.is_ascii() {
            Cow::Borrowed(exact)
        } else {
            let mut out = String::with_capacity(exact.len());
            fold_into(exact, &mut out);
            Cow::Owned(out)
        }
    }

    /// [`fold`], appended to `out`.
    #[inline]
    pub fn fold_into(exact: &str, out: &mut String) {
        if exact.is_ascii() {
            out.push_str(exact);
        } else {
            out.extend(
                exact
                    .chars()
                    .filter(|&c| !chars::is_diacritic_mark(c))
                    .map(chars::fold_char),
            );
        }
    }

    /// The four lossless steps in a row: the token without invisible
    /// characters, composed, lowercase, its tones placed.
    pub fn placed(token: &str) -> String {
        let visible = drop_ignorables(token);
        let composed = compose(&visible);
        let lower = lowercase(&composed);
        place_tones(&lower).into_owned()
    }

    /// The normalized form of a token, [`compose`] of [`placed`]: what
    /// [`super::normalize_token_into`] writes.
    pub fn exact(token: &str) -> String {
        compose(&placed(token)).into_owned()
    }

    /// The folded form of a token, [`fold`] of [`placed`]: what
    /// [`super::fold_token_into`] writes.
    pub fn folded(token: &str) -> String {
        fold(&placed(token)).into_owned()
    }
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

//! Where the digits of a text are: the windows around them that hold every
//! date and number match, and the numbers written with them.
//!
//! Dates and quantities are found by patterns that all need a digit. Rather
//! than run each pattern over the whole text, one pass finds the digits
//! (eight bytes at a time), groups them into windows, and the patterns run
//! only there; each window also says which cue words stand before its
//! digits, so a date pattern skips windows its cue is missing from. The
//! matches are those a scan of the whole text finds.

use std::sync::OnceLock;

use regex::Regex;

/// A stretch of text around digits that holds every date or number match
/// near them (see [`windows`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Byte offset of the start.
    pub start: usize,
    /// Byte offset of the end: a character that is not an ASCII word
    /// character follows, or the text ends.
    pub end: usize,
    /// Characters in it that `\d` may match.
    pub digits: usize,
    /// Whether a run of four digits or more is in it.
    pub long_run: bool,
    /// What stands before its digit runs ([`cue`] bits).
    pub cues: u8,
}

impl Window {
    /// One window over all of `text`: searching it is searching the text.
    #[cfg(test)]
    pub fn whole(text: &str) -> Window {
        Window {
            start: 0,
            end: text.len(),
            digits: usize::MAX,
            long_run: true,
            cues: u8::MAX,
        }
    }

    /// Whether the window has `digits` digits or more, a run of four if
    /// `long`, and one of the cues of `cues` (any, if none is asked for).
    pub fn may_hold(&self, digits: usize, long: bool, cues: u8) -> bool {
        self.digits >= digits && (self.long_run || !long) && (cues == 0 || self.cues & cues != 0)
    }
}

/// The last letter of a cue word before white space and a digit run, by
/// the date patterns that open with such a word (in any case).
pub mod cue {
    /// `năm`, `đến năm`, `đến`, `từ năm`, `sinh năm`, `SN` (years).
    pub const YEAR: u8 = 1;
    /// `tháng` (months).
    pub const MONTH: u8 = 2;
    /// `ngày`, `sáng`, `chiều`, `tối`, `trưa`, `đêm`, `hôm`, `sáng sớm`,
    /// `rạng sáng`, the days named from today (`hôm nay`, `ngày mai`) and
    /// of the week (`thứ Tư`, `Chủ nhật`), after a comma or in brackets
    /// (days).
    pub const DAY: u8 = 4;
    /// `giai đoạn`, `nhiệm kỳ`, `thời kỳ`, `niên khóa`, `năm học`, `năm`,
    /// `từ`, `các năm`, or `(` (with or without white space): year ranges.
    pub const RANGE: u8 = 8;
}

/// The [`cue`] bits of the character `c` that ends the text before a digit
/// run, with white space between the two (`spaced`) or not.
fn cues_after(c: char, spaced: bool) -> u8 {
    let mut bits = 0;
    if c == '(' {
        // `(2011 - 2014)`; `hôm qua (6/2)`.
        bits |= cue::RANGE | cue::DAY;
    }
    if !spaced {
        return bits;
    }
    let lower = c.to_lowercase().next().unwrap_or(c);
    if matches!(lower, 'm' | 'n') {
        bits |= cue::YEAR;
    }
    if lower == 'g' {
        bits |= cue::MONTH;
    }
    // `ngày`, `sáng`, `Sáu`, `mai`, `qua`, `đêm`; `Chủ nhật`, `thứ Tư`,
    // and a comma after one (`Chủ nhật, 5/2`).
    if matches!(lower, 'y' | 'g' | 'u' | 'i' | 'a' | 'm' | 't' | 'ư' | ',') {
        bits |= cue::DAY;
    }
    if matches!(lower, 'n' | 'ỳ' | 'a' | 'á' | 'c' | 'm' | 'ừ') {
        bits |= cue::RANGE;
    }
    bits
}

/// Non-space bytes between two digits of one date or number (`năm` in any
/// case, `và`, a dash), at most, and more.
const MAX_SEPARATOR: usize = 16;

/// Bytes a date's cue word (`giai đoạn`, `rạng sáng`, `(`) may take before
/// the white space that precedes its first digit, in any case.
const MAX_CUE: usize = 48;

/// Lead bytes of the characters beyond ASCII that `\d` (Unicode's decimal
/// digits) matches: Arabic-Indic, N'Ko, the Indic scripts, Thai, Lao,
/// Tibetan (`D9`, `DB`, `DF`, `E0`), Vai to Meetei Mayek (`EA`), fullwidth
/// (`EF`) and the supplementary planes (`F0` – `F4`); with [`E1_DIGITS`],
/// the second bytes after `E1` (Myanmar, Khmer, Mongolian …). Vietnamese
/// letters (`E1 BA`, `E1 BB`) and punctuation are none of them. A test
/// checks both lists against the pattern engine's `\d`.
const DIGIT_LEADS: &[u8] = &[
    0xd9, 0xdb, 0xdf, 0xe0, 0xea, 0xef, 0xf0, 0xf1, 0xf2, 0xf3, 0xf4,
];

/// See [`DIGIT_LEADS`].
const E1_DIGITS: &[u8] = &[0x81, 0x82, 0x9f, 0xa0, 0xa5, 0xa7, 0xaa, 0xad, 0xae, 0xb1];

/// A table of the bytes of `list`.
const fn byte_table(list: &[u8]) -> [bool; 256] {
    let mut t = [false; 256];
    let mut k = 0;
    while k < list.len() {
        t[list[k] as usize] = true;
        k += 1;
    }
    t
}

/// Whether `c` may be a character `\d` matches: every such character is.
fn may_be_digit(c: char) -> bool {
    const LEADS: [bool; 256] = byte_table(DIGIT_LEADS);
    const SECONDS: [bool; 256] = byte_table(E1_DIGITS);
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    let mut buf = [0; 4];
    let b = c.encode_utf8(&mut buf).as_bytes();
    LEADS[b[0] as usize] || (b[0] == 0xe1 && SECONDS[b[1] as usize])
}

/// Whether `\d` matches `c`.
fn is_digit(c: char) -> bool {
    static DIGIT: OnceLock<Regex> = OnceLock::new();
    if c.is_ascii() {
        return c.is_ascii_digit();
    }
    may_be_digit(c) && {
        let digit = DIGIT.get_or_init(|| Regex::new(r"\A\d\z").expect("valid regex"));
        digit.is_match(c.encode_utf8(&mut [0; 4]))
    }
}

/// The first byte at or after `i` that may open a character of
/// [`may_be_digit`]: an ASCII digit, a lead byte from `D9` on other than
/// `E1` and `E2` (punctuation), or `E1` before a byte below `B2` (the
/// Vietnamese letters `E1 BA`, `E1 BB` are passed over). Always the first
/// byte of a character. Eight bytes are tested at once.
fn next_digit_opener(bytes: &[u8], mut i: usize) -> Option<usize> {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x80 * ONES;
    const LOW7: u64 = 0x7f * ONES;
    // The high bit of each byte of `x` that is zero.
    let zero = |x: u64| !(((x & LOW7) + LOW7) | x) & HIGH;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let w = u64::from_le_bytes(word);
        // The byte after each byte of `w`.
        let next = (w >> 8) | (u64::from(bytes.get(i + 8).copied().unwrap_or(0)) << 56);
        // Sums of seven-bit bytes: none carries into the next byte.
        let low = w & LOW7;
        let digit = !w & (low + 0x50 * ONES) & !(low + 0x46 * ONES) & HIGH;
        let from_d9 = w & (low + 0x27 * ONES) & HIGH;
        let e1 = zero(w ^ (0xe1 * ONES));
        let e2 = zero(w ^ (0xe2 * ONES));
        let next_below_b2 = !((next & LOW7) + 0x4e * ONES) & HIGH;
        let found = digit | (from_d9 & !e1 & !e2) | (e1 & next_below_b2);
        if found != 0 {
            return Some(i + (found.trailing_zeros() / 8) as usize);
        }
        i += 8;
    }
    while i < bytes.len() {
        let (b, next) = (bytes[i], bytes.get(i + 1).copied().unwrap_or(0));
        if b.is_ascii_digit() || (b >= 0xd9 && b != 0xe1 && b != 0xe2) || (b == 0xe1 && next < 0xb2)
        {
            return Some(i);
        }
        i += 1;
    }
    None
}

/// Digit runs being grouped into one window.
struct Cluster {
    /// The first digit.
    first: usize,
    /// The end of the last run.
    last: usize,
    digits: usize,
    long_run: bool,
    cues: u8,
}

/// The stretches of `text` that hold every match of the date and number
/// patterns, in order and apart: each match holds a digit; the digits of
/// one match are at most [`MAX_SEPARATOR`] bytes apart besides white space;
/// before its first digit come at most white space and a cue word of
/// [`MAX_CUE`] bytes, after its last at most white space and `)`. A window
/// ends before a character that is not an ASCII word character, so a word
/// boundary at its end reads the same in the window as in the text; its
/// start needs no care, since a search from an offset sees the text before.
/// Searching the windows from left to right finds the matches a search of
/// the whole text finds: none lies outside them or across two.
pub fn windows(text: &str) -> Vec<Window> {
    let bytes = text.as_bytes();
    let mut out: Vec<Window> = Vec::new();
    let close = |c: Cluster, out: &mut Vec<Window>| {
        let before = text[..c.first].trim_end_matches(char::is_whitespace);
        let mut start = before.len().saturating_sub(MAX_CUE);
        while !text.is_char_boundary(start) {
            start -= 1;
        }
        let after = text[c.last..].trim_start_matches(char::is_whitespace);
        let mut end = text.len() - after.strip_prefix(')').unwrap_or(after).len();
        while end < bytes.len() && (bytes[end].is_ascii_alphanumeric() || bytes[end] == b'_') {
            end += 1;
        }
        match out.last_mut() {
            Some(w) if w.end >= start => {
                w.end = w.end.max(end);
                w.digits += c.digits;
                w.long_run |= c.long_run;
                w.cues |= c.cues;
            }
            _ => out.push(Window {
                start,
                end,
                digits: c.digits,
                long_run: c.long_run,
                cues: c.cues,
            }),
        }
    };
    let mut cluster: Option<Cluster> = None;
    let mut i = 0;
    while let Some(run) = next_digit_opener(bytes, i) {
        i = run;
        let mut digits = 0;
        while let Some(c) = text[i..].chars().next().filter(|&c| may_be_digit(c)) {
            i += c.len_utf8();
            digits += 1;
        }
        if digits == 0 {
            i = run + 1;
            continue;
        }
        let before = text[..run].trim_end_matches(char::is_whitespace);
        let cues = before
            .chars()
            .next_back()
            .map_or(0, |c| cues_after(c, before.len() < run));
        cluster = Some(match cluster {
            Some(mut c) if joins(&text[c.last..run]) => {
                c.last = i;
                c.digits += digits;
                c.long_run |= digits >= 4;
                c.cues |= cues;
                c
            }
            previous => {
                if let Some(c) = previous {
                    close(c, &mut out);
                }
                Cluster {
                    first: run,
                    last: i,
                    digits,
                    long_run: digits >= 4,
                    cues,
                }
            }
        });
    }
    if let Some(c) = cluster {
        close(c, &mut out);
    }
    out
}

/// Whether two digit runs with `gap` between them can belong to one date
/// or number: at most [`MAX_SEPARATOR`] bytes besides white space.
fn joins(gap: &str) -> bool {
    let mut other = 0;
    for c in gap.chars() {
        if !c.is_whitespace() {
            other += c.len_utf8();
            if other > MAX_SEPARATOR {
                return false;
            }
        }
    }
    true
}

/// The numbers of `text` in `windows`, as byte spans: what the
/// leftmost-first scan of the whole text with [`NUMBER`] finds.
pub fn numbers(text: &str, windows: &[Window]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for w in windows {
        let hay = &text[..w.end];
        let mut at = w.start;
        while let Some(start) = next_digit(hay, at) {
            let end = number_end(hay, start);
            out.push((start, end));
            at = end;
        }
    }
    out
}

/// A number written the Vietnamese way (see [`crate::parse_number`]),
/// over a ratio's total (`12/13`): the pattern [`number_end`] follows.
#[cfg(test)]
pub const NUMBER: &str =
    r"(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:/(?:\d{1,3}(?:\.\d{3})+|\d+))?";

/// The first digit at or after `at`.
fn next_digit(text: &str, mut at: usize) -> Option<usize> {
    loop {
        let p = next_digit_opener(text.as_bytes(), at)?;
        let c = text[p..].chars().next()?;
        if is_digit(c) {
            return Some(p);
        }
        at = p + c.len_utf8();
    }
}

/// The end of up to `max` digits from `at`, and how many there are.
fn digits_from(text: &str, at: usize, max: usize) -> (usize, usize) {
    let mut end = at;
    let mut n = 0;
    while n < max
        && let Some(c) = text[end..].chars().next().filter(|&c| is_digit(c))
    {
        end += c.len_utf8();
        n += 1;
    }
    (end, n)
}

/// `\d{1,3}(?:\.\d{3})+` at `at`: its end. Three digits at most before
/// the first dot: a longer run is no such number.
fn grouped(text: &str, at: usize) -> Option<usize> {
    let (mut end, n) = digits_from(text, at, 3);
    if n == 0 || text[end..].starts_with(is_digit) {
        return None;
    }
    let mut groups = 0;
    while let Some(rest) = text[end..].strip_prefix('.') {
        let (e, n) = digits_from(text, text.len() - rest.len(), 3);
        if n < 3 {
            break;
        }
        end = e;
        groups += 1;
    }
    (groups > 0).then_some(end)
}

/// `(?:,\d+)?` at `at`: its end.
fn decimals(text: &str, at: usize) -> usize {
    match text[at..].strip_prefix(',') {
        Some(rest) => {
            let (end, n) = digits_from(text, text.len() - rest.len(), usize::MAX);
            if n > 0 { end } else { at }
        }
        None => at,
    }
}

/// The end of the number that starts at the digit at `start`, as the
/// leftmost-first [`NUMBER`] pattern takes it: grouped thousands with
/// decimals, or else digits with decimals; then `/` and a total, grouped
/// or plain, if one follows.
fn number_end(text: &str, start: usize) -> usize {
    let end = match grouped(text, start) {
        Some(e) => decimals(text, e),
        None => decimals(text, digits_from(text, start, usize::MAX).0),
    };
    match text[end..].strip_prefix('/') {
        Some(rest) if rest.starts_with(is_digit) => {
            let at = text.len() - rest.len();
            grouped(text, at).unwrap_or_else(|| digits_from(text, at, usize::MAX).0)
        }
        _ => end,
    }
}

/// The number at the very start of `text`, if one starts there: its end.
pub fn number_at_start(text: &str) -> Option<usize> {
    text.starts_with(is_digit).then(|| number_end(text, 0))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn every_decimal_digit_is_found() {
        let all: String = (0x80..=0x10ffff_u32)
            .filter_map(char::from_u32)
            .chain(['0', '9'])
            .collect();
        let digit = Regex::new(r"\d").expect("valid");
        let mut n = 0;
        for m in digit.find_iter(&all) {
            let c = m.as_str().chars().next().expect("a digit");
            assert!(may_be_digit(c) && is_digit(c), "{c:?} U+{:04X}", c as u32);
            assert_eq!(
                next_digit_opener(all.as_bytes(), m.start()),
                Some(m.start()),
                "U+{:04X}",
                c as u32
            );
            n += 1;
        }
        assert!(n > 600, "{n}");
        // Vietnamese letters open no digit.
        let letters = "ạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ “…” – Đđ";
        assert_eq!(next_digit_opener(letters.as_bytes(), 0), None);
    }

    fn pieces() -> impl Strategy<Value = String> {
        let words = prop::sample::select(vec![
            "1",
            "2",
            "12",
            "123",
            "1234",
            "2024",
            "0",
            ".",
            ",",
            "/",
            " ",
            "  ",
            "-",
            "–",
            "\n",
            "(",
            ")",
            "năm",
            "Năm",
            "NĂM",
            "tháng",
            "ngày",
            "sáng",
            "đến",
            "từ",
            "giai đoạn",
            "và",
            "xã",
            "a",
            "x",
            "٣",
            "５",
            "𝟎",
            "₫",
            "%",
            "ha",
            "tấn",
            "đồng",
            "tỷ",
            "SN",
            "hôm",
        ]);
        prop::collection::vec(words, 0..30).prop_map(|w| w.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(3000))]
        #[test]
        fn numbers_are_the_patterns_matches(text in pieces()) {
            static RE: OnceLock<Regex> = OnceLock::new();
            let re = RE.get_or_init(|| Regex::new(NUMBER).expect("valid"));
            let expected: Vec<(usize, usize)> =
                re.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            prop_assert_eq!(numbers(&text, &windows(&text)), expected.clone());
            prop_assert_eq!(numbers(&text, &[Window::whole(&text)]), expected);
        }

        #[test]
        fn windows_are_ordered_and_apart(text in pieces()) {
            let w = windows(&text);
            for pair in w.windows(2) {
                prop_assert!(pair[0].end < pair[1].start);
            }
            for x in &w {
                prop_assert!(x.start <= x.end && text.is_char_boundary(x.start));
                prop_assert!(!text.as_bytes().get(x.end).is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_'));
            }
        }
    }
}

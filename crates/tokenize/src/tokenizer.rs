//! Syllable tokenization, apart from any search engine.
//!
//! [`Scanner`] finds token spans in the original text: syllables, numbers
//! written the Vietnamese way (`70.605`, `99,72`, `6.598,6`), upper-case
//! abbreviations joined by `.` or `-` (`TP.HCM`, `KT-XH`), URLs and e-mail
//! addresses. Combining marks stay with their letter, so NFD text yields the
//! same spans as NFC text and every offset is a char boundary of the input.
//!
//! [`Tokens`] turns those spans into terms in one of two forms
//! ([`Form::Exact`], normalized; [`Form::Folded`], without marks), with byte
//! offsets into the original text. The term and its scratch buffer are
//! reused across tokens: no allocation per token once warm. The Tantivy
//! tokenizers (feature `tantivy`) are thin adapters over it.

use crate::chars;
use crate::normalize::{fold_token_into, normalize_token_into};

/// Which form a token stream emits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Form {
    /// Normalized text: NFC, canonical tone placement, lowercase.
    Exact,
    /// Normalized, then without tone and quality marks, `đ` → `d`.
    Folded,
}

/// A token's byte span in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
}

/// Finds token spans; see the module documentation for what a token is.
#[derive(Debug, Clone)]
pub struct Scanner<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Scanner<'a> {
    /// Scans `text` from its start.
    pub fn new(text: &'a str) -> Self {
        Scanner { text, pos: 0 }
    }

    /// The char at byte `i`, if any.
    #[inline]
    fn char_at(&self, i: usize) -> Option<char> {
        let b = *self.text.as_bytes().get(i)?;
        if b < 0x80 {
            Some(b as char)
        } else {
            self.text[i..].chars().next()
        }
    }

    /// End of a run starting at `i`: digits only (`digits`), or any word chars.
    #[inline(always)]
    fn run_end(&self, i: usize, digits: bool) -> usize {
        if digits {
            self.digits_end(i)
        } else {
            self.word_end(i)
        }
    }

    /// End of a run of word characters starting at `i`.
    #[inline(always)]
    fn word_end(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(i) {
            if ASCII_ALNUM[usize::from(b)] {
                i += 1;
            } else if b < 0x80 {
                break;
            } else if let Some(len) = latin_letter_at(bytes, i) {
                i += len;
            } else {
                match self.text[i..].chars().next() {
                    Some(c) if chars::is_word_char(c) => i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    }

    /// End of a run of digits starting at `i`.
    #[inline]
    fn digits_end(&self, mut i: usize) -> usize {
        let bytes = self.text.as_bytes();
        while let Some(&b) = bytes.get(i) {
            if b.is_ascii_digit() {
                i += 1;
            } else if b < 0x80 {
                break;
            } else {
                match self.text[i..].chars().next() {
                    Some(c) if c.is_numeric() || chars::is_mark(c) => i += c.len_utf8(),
                    _ => break,
                }
            }
        }
        i
    }

    /// A URL or e-mail address starting at `start`, as its end offset.
    fn link_end(&self, start: usize) -> Option<usize> {
        let rest = &self.text[start..];
        let len = rest
            .find(|c: char| c.is_whitespace() || "<>\"'()[]{}|\\`".contains(c))
            .unwrap_or(rest.len());
        let chunk = rest[..len].trim_end_matches(['.', ',', ';', ':', '!', '?']);
        let lower = |p: &str| {
            chunk.len() > p.len()
                && chunk.is_char_boundary(p.len())
                && chunk[..p.len()].eq_ignore_ascii_case(p)
        };
        let is_url = lower("http://") || lower("https://") || lower("www.");
        let is_email = chunk.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty()
                && local
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"._%+-".contains(&b))
                && domain.contains('.')
                && !domain.ends_with('.')
                && !domain.starts_with('.')
                && domain
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b".-".contains(&b))
        });
        (is_url || is_email).then_some(start + chunk.len())
    }

    fn is_upper_run(s: &str) -> bool {
        s.chars().any(char::is_alphabetic)
            && s.chars()
                .all(|c| c.is_uppercase() || chars::is_mark(c) || c.is_ascii_digit())
    }
}

/// Whether a byte is an ASCII letter or digit (never a byte of a
/// multi-byte character).
static ASCII_ALNUM: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// The length of the character at byte `i` of `bytes` (valid UTF-8) when
/// it is a Latin letter beyond ASCII as Vietnamese text writes them, read
/// from its bytes without decoding it: U+00C0–U+024F but `×` and `÷` (`đ`,
/// `ư`, `ơ`, `ă`, `â` …) and U+1E00–U+1EFF (`ế`, `ộ`, `ữ` …), all word
/// characters. `None` for any other character, which the general path
/// answers.
#[inline(always)]
fn latin_letter_at(bytes: &[u8], i: usize) -> Option<usize> {
    let second = bytes.get(i + 1).copied().unwrap_or(0);
    match bytes[i] {
        0xC3 if second != 0x97 && second != 0xB7 => Some(2),
        0xC4..=0xC8 => Some(2),
        0xC9 if (0x80..=0x8F).contains(&second) => Some(2),
        0xE1 if (0xB8..=0xBB).contains(&second) => Some(3),
        _ => None,
    }
}

impl Iterator for Scanner<'_> {
    type Item = Span;

    fn next(&mut self) -> Option<Span> {
        let bytes = self.text.as_bytes();
        // Skip to the start of a token: an alphanumeric character. ASCII
        // and the Latin letters of Vietnamese are told from their bytes.
        let digits = loop {
            let b = *bytes.get(self.pos)?;
            if b < 0x80 {
                if ASCII_ALNUM[usize::from(b)] {
                    break b.is_ascii_digit();
                }
                self.pos += 1;
                continue;
            }
            if latin_letter_at(bytes, self.pos).is_some() {
                break false;
            }
            let c = self.char_at(self.pos)?;
            if chars::is_letter_or_digit(c) {
                break !chars::is_letter(c) && c.is_numeric();
            }
            self.pos += c.len_utf8();
        };
        let start = self.pos;
        let mut seg_start = start;
        let mut end = self.run_end(start, digits);
        while end < bytes.len() {
            let sep = bytes[end];
            if !matches!(sep, b'.' | b',' | b'-' | b'@' | b':' | b'_' | b'+' | b'/') {
                break;
            }
            if self.text[start..end].is_ascii()
                && let Some(link) = self.link_end(start)
                && link > end
            {
                end = link;
                break;
            }
            let next = end + 1;
            let Some(nc) = self.char_at(next) else { break };
            if digits {
                // 70.605, 99,72, 6.598,6
                if matches!(sep, b'.' | b',') && nc.is_ascii_digit() {
                    seg_start = next;
                    end = self.run_end(next, true);
                    continue;
                }
                break;
            }
            // TP.HCM, KT-XH, COVID-19
            if matches!(sep, b'.' | b'-') && chars::is_letter_or_digit(nc) {
                let next_end = self.run_end(next, false);
                let next_run = &self.text[next..next_end];
                let left_ok = Self::is_upper_run(&self.text[seg_start..end]);
                let right_ok = Self::is_upper_run(next_run)
                    || (sep == b'-' && next_run.bytes().all(|b| b.is_ascii_digit()));
                if left_ok && right_ok {
                    seg_start = next;
                    end = next_end;
                    continue;
                }
            }
            break;
        }
        self.pos = end;
        Some(Span { start, end })
    }
}

/// The tokens of a text in one [`Form`], one at a time, each written into a
/// buffer the caller reuses: the analysis itself, apart from any search
/// engine. The Tantivy token stream (feature `tantivy`) and the duplicate
/// fingerprints are thin adapters over it.
///
/// ```
/// use vietdex_tokenize::{Form, Tokens};
///
/// let mut buf = Vec::new();
/// let mut tokens = Tokens::new("Huyện Đại Từ", Form::Folded, &mut buf);
/// let mut term = String::new();
/// let mut out = Vec::new();
/// while let Some(span) = tokens.next_into(&mut term) {
///     out.push((term.clone(), span.start, span.end));
/// }
/// assert_eq!(out, [("huyen".into(), 0, 7), ("dai".into(), 8, 14), ("tu".into(), 15, 19)]);
/// ```
#[derive(Debug)]
pub struct Tokens<'a> {
    text: &'a str,
    scanner: Scanner<'a>,
    fold: bool,
    buf: &'a mut Vec<char>,
}

impl<'a> Tokens<'a> {
    /// The tokens of `text` in `form`; `buf` is scratch space, reused.
    pub fn new(text: &'a str, form: Form, buf: &'a mut Vec<char>) -> Self {
        Tokens {
            text,
            scanner: Scanner::new(text),
            fold: form == Form::Folded,
            buf,
        }
    }

    /// Writes the next token's term into `term` (cleared first) and returns
    /// its byte span in the original text; `None` at the end.
    pub fn next_into(&mut self, term: &mut String) -> Option<Span> {
        loop {
            let span = self.scanner.next()?;
            term.clear();
            let src = &self.text[span.start..span.end];
            if self.fold {
                fold_token_into(src, term, self.buf);
            } else {
                normalize_token_into(src, term, self.buf);
            }
            // A token of nothing but marks can fold away to nothing: skip it.
            if !term.is_empty() {
                return Some(span);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    /// Each token with its span and its position (its rank in the text).
    fn tokens(form: Form, text: &str) -> Vec<(String, usize, usize, usize)> {
        let mut buf = Vec::new();
        let mut tokens = Tokens::new(text, form, &mut buf);
        let mut term = String::new();
        let mut out = Vec::new();
        while let Some(span) = tokens.next_into(&mut term) {
            out.push((term.clone(), span.start, span.end, out.len()));
        }
        out
    }

    fn texts(form: Form, text: &str) -> Vec<String> {
        tokens(form, text).into_iter().map(|t| t.0).collect()
    }

    #[test]
    fn latin_letters_read_from_their_bytes_are_word_characters() {
        let mut fast = 0;
        for c in (0..=0x10_FFFF).filter_map(char::from_u32) {
            let mut buf = [0; 4];
            let bytes = c.encode_utf8(&mut buf).as_bytes();
            // A token may open on such a letter, and it is no digit.
            assert_eq!(
                ASCII_ALNUM[usize::from(bytes[0])],
                c.is_ascii_alphanumeric()
            );
            if let Some(len) = latin_letter_at(bytes, 0) {
                assert!(chars::is_word_char(c), "{c:?}");
                assert!(chars::is_letter_or_digit(c) && chars::is_letter(c), "{c:?}");
                assert_eq!(len, c.len_utf8(), "{c:?}");
                fast += 1;
            }
        }
        // U+00C0–U+00FF but two, U+0100–U+024F, U+1E00–U+1EFF.
        assert_eq!(fast, 64 - 2 + 0x150 + 0x100);
        let t = "Đắk Lắk×2 ưu÷tiên ẞ";
        let spans: Vec<&str> = Scanner::new(t).map(|s| &t[s.start..s.end]).collect();
        assert_eq!(spans, ["Đắk", "Lắk", "2", "ưu", "tiên", "ẞ"]);
    }

    #[test]
    fn syllables_with_offsets_and_positions() {
        let t = tokens(Form::Exact, "Đại Từ, Thái Nguyên");
        assert_eq!(
            t,
            vec![
                ("đại".into(), 0, 6, 0),
                ("từ".into(), 7, 11, 1),
                ("thái".into(), 13, 18, 2),
                ("nguyên".into(), 19, 26, 3),
            ]
        );
        assert_eq!(
            texts(Form::Folded, "Đại Từ, Thái Nguyên"),
            ["dai", "tu", "thai", "nguyen"]
        );
    }

    #[test]
    fn nfd_input_gives_the_same_tokens_with_original_offsets() {
        let nfc = "Huyện Đại Từ hoà bình";
        let nfd: String = nfc.nfd().collect();
        let a = tokens(Form::Exact, nfc);
        let b = tokens(Form::Exact, &nfd);
        assert_eq!(
            a.iter().map(|t| &t.0).collect::<Vec<_>>(),
            b.iter().map(|t| &t.0).collect::<Vec<_>>()
        );
        for (text, from, to, _) in &b {
            let orig: String = nfd[*from..*to].nfc().collect();
            assert_eq!(crate::normalize(&orig), *text);
        }
        assert_eq!(
            texts(Form::Folded, &nfd),
            ["huyen", "dai", "tu", "hoa", "binh"]
        );
    }

    #[test]
    fn numbers_stay_whole_and_units_split() {
        assert_eq!(
            texts(
                Form::Exact,
                "70.605 tấn, 99,72%, 6.598,6ha; 2021-2025 và 22/1/2021."
            ),
            [
                "70.605", "tấn", "99,72", "6.598,6", "ha", "2021", "2025", "và", "22", "1", "2021"
            ]
        );
    }

    #[test]
    fn abbreviations() {
        assert_eq!(
            texts(
                Form::Exact,
                "TP.HCM, KT-XH, HĐND, COVID-19, TP. Thái Nguyên"
            ),
            [
                "tp.hcm", "kt-xh", "hđnd", "covid-19", "tp", "thái", "nguyên"
            ]
        );
        assert_eq!(
            texts(Form::Exact, "dịch vụ-thương mại, Phan Rang-Tháp Chàm"),
            [
                "dịch", "vụ", "thương", "mại", "phan", "rang", "tháp", "chàm"
            ]
        );
        assert_eq!(texts(Form::Folded, "HĐND"), ["hdnd"]);
    }

    #[test]
    fn links_are_kept_whole() {
        assert_eq!(
            texts(
                Form::Exact,
                "Xem https://baothainguyen.vn/tin-tuc/a-b.html, gửi Ban.Bientap@Thainguyen.gov.vn."
            ),
            [
                "xem",
                "https://baothainguyen.vn/tin-tuc/a-b.html",
                "gửi",
                "ban.bientap@thainguyen.gov.vn"
            ]
        );
        assert_eq!(
            texts(Form::Exact, "www.dantri.com.vn"),
            ["www.dantri.com.vn"]
        );
    }

    #[test]
    fn upper_case_and_d() {
        assert_eq!(
            texts(Form::Exact, "ĐẠI TỪ Ðại đại"),
            ["đại", "từ", "đại", "đại"]
        );
        assert_eq!(texts(Form::Folded, "ĐẠI TỪ Ðại"), ["dai", "tu", "dai"]);
    }

    #[test]
    fn tone_variants_meet() {
        assert_eq!(
            texts(Form::Exact, "Hoà Bình"),
            texts(Form::Exact, "Hòa Bình")
        );
        assert_eq!(texts(Form::Exact, "THUỶ"), ["thủy"]);
    }
}

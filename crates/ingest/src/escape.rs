//! Lossless, printable forms of file names and other untrusted text.
//!
//! A file name may hold bytes that are not UTF-8, tabs, newlines or terminal
//! escape sequences. Shown as is, it would corrupt `rejects.tsv` (a tab or a
//! newline starts a fake column or row) or drive the terminal. The escaped
//! form keeps every other character, writes `\` as `\\`, control characters
//! as `\t`, `\n`, `\r` or `\u{1b}`, and bytes that are not UTF-8 as `\xNN`,
//! so two different names never share an escaped form.

use std::ffi::OsStr;
use std::fmt::Write;
use std::path::Path;

fn push_char(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        c if c.is_control()
            || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}') =>
        {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

/// Escapes bytes that should be UTF-8 text: invalid bytes become `\xNN`.
pub fn bytes(b: &[u8]) -> String {
    let mut out = String::with_capacity(b.len());
    for chunk in b.utf8_chunks() {
        for c in chunk.valid().chars() {
            push_char(&mut out, c);
        }
        for byte in chunk.invalid() {
            let _ = write!(out, "\\x{byte:02x}");
        }
    }
    out
}

/// Escapes text (control characters only; text is already UTF-8).
pub fn text(s: &str) -> String {
    bytes(s.as_bytes())
}

/// Escapes an OS string (a file name).
pub fn name(s: &OsStr) -> String {
    bytes(s.as_encoded_bytes())
}

/// Escapes a path; this is also the key a source is known by in an index.
pub fn path(p: &Path) -> String {
    name(p.as_os_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_names_are_unchanged() {
        assert_eq!(text("corpus/Đại Từ.txt"), "corpus/Đại Từ.txt");
    }

    #[test]
    fn controls_and_invalid_bytes_are_escaped() {
        assert_eq!(text("a\tb\nc\\d\u{1b}[31m"), "a\\tb\\nc\\\\d\\u{1b}[31m");
        assert_eq!(bytes(b"x\xffy\xc3"), "x\\xffy\\xc3");
        // Distinct names stay distinct.
        assert_ne!(bytes(b"\xff"), bytes(b"\\xff"));
    }
}

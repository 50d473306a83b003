use crate::RejectReason;

/// Decodes file bytes: UTF-8 (a byte-order mark is dropped), UTF-16 with a
/// byte-order mark, or, for bytes that are not valid UTF-8, windows-1258
/// (the legacy Vietnamese code page). Binary data (NUL bytes, control
/// characters) is rejected with the reason.
pub fn decode(bytes: &[u8]) -> Result<String, RejectReason> {
    decode_owned(bytes.to_vec())
}

/// [`decode`], taking the buffer: valid UTF-8 becomes the string without a
/// copy. Mostly-valid UTF-8 stays UTF-8 ([`decode_counted`] also says how
/// many bytes were replaced).
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, RejectReason> {
    decode_counted(bytes).map(|d| d.text)
}

fn decode_detect(mut bytes: Vec<u8>) -> Result<String, RejectReason> {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    } else if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        return decode_utf16_bom(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => {
            check_controls(text.as_bytes())?;
            Ok(text)
        }
        Err(e) => utf8_or_legacy(e.as_bytes()),
    }
}

fn check_controls(bytes: &[u8]) -> Result<(), RejectReason> {
    if bytes.contains(&0) {
        return Err(RejectReason::Decode("binary data (NUL bytes)".into()));
    }
    // Control bytes other than white space mean binary data. Text has few
    // bytes below 0x20 at all (line breaks, tabs): counting those is one
    // vectorized comparison (one-byte counts, 255 bytes at a time), and
    // when even they are few enough, white space need not be told apart.
    let low: usize = bytes
        .chunks(255)
        .map(|c| {
            let n = c.iter().fold(0u8, |n, &b| {
                n.wrapping_add(u8::from(b < 0x20) | u8::from(b == 0x7F))
            });
            usize::from(n)
        })
        .sum();
    if low * 20 <= bytes.len().max(1) {
        return Ok(());
    }
    let controls = bytes
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C)) || b == 0x7F)
        .count();
    if controls * 20 > bytes.len().max(1) {
        return Err(RejectReason::Decode(
            "binary data (too many control characters)".into(),
        ));
    }
    Ok(())
}

fn decode_utf16_bom(bytes: &[u8]) -> Result<String, RejectReason> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8_or_legacy(bytes)
}

/// Text decoded from bytes, with the number of bytes that were not valid
/// UTF-8 and were replaced by U+FFFD.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text.
    pub text: String,
    /// Invalid bytes replaced (0 for clean text or a legacy code page).
    pub replaced: usize,
}

/// Whether bytes that are not valid UTF-8 are nevertheless mostly UTF-8:
/// at least two valid multi-byte characters for every invalid sequence.
/// Text in a legacy code page has high bytes that almost never form valid
/// UTF-8 sequences, so it fails this test; UTF-8 with a few stray or
/// truncated bytes passes it and must not be re-read as windows-1258.
/// Returns the number of invalid bytes when it is mostly UTF-8.
fn mostly_utf8(bytes: &[u8]) -> Option<usize> {
    let (mut multibyte, mut invalid_runs, mut invalid_bytes) = (0usize, 0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid_runs += 1;
            invalid_bytes += chunk.invalid().len();
        }
    }
    (multibyte >= invalid_runs * 2 && multibyte > 0).then_some(invalid_bytes)
}

/// `decode_owned`, also counting the invalid UTF-8 bytes replaced, so the
/// caller can warn about them: mostly-valid UTF-8 stays UTF-8, and a legacy
/// code page is chosen only when the bytes really look like one.
pub fn decode_counted(bytes: Vec<u8>) -> Result<Decoded, RejectReason> {
    // Valid UTF-8 (nearly every input) is validated once and kept as it is.
    let bytes = match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..'\u{feff}'.len_utf8());
            }
            check_controls(text.as_bytes())?;
            return Ok(Decoded { text, replaced: 0 });
        }
        Err(e) => e.into_bytes(),
    };
    if !bytes.starts_with(&[0xFF, 0xFE])
        && !bytes.starts_with(&[0xFE, 0xFF])
        && let Some(replaced) = mostly_utf8(&bytes)
    {
        if bytes.contains(&0) {
            return Err(RejectReason::Decode("binary data (NUL bytes)".into()));
        }
        let text = String::from_utf8_lossy(&bytes);
        let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
        check_controls(text.as_bytes())?;
        return Ok(Decoded { text, replaced });
    }
    decode_detect(bytes).map(|text| Decoded { text, replaced: 0 })
}

fn utf8_or_legacy(bytes: &[u8]) -> Result<String, RejectReason> {
    if bytes.contains(&0) {
        return Err(RejectReason::Decode("binary data (NUL bytes)".into()));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => {
            check_controls(bytes)?;
            return Ok(s.to_string());
        }
        Err(e) => {
            let at = e.valid_up_to();
            let (text, had_errors) = encoding_rs::WINDOWS_1258
                .decode_without_bom_handling_and_without_replacement(bytes)
                .map_or((None, true), |t| (Some(t), false));
            match text {
                Some(t) if !had_errors => t.into_owned(),
                _ => {
                    return Err(RejectReason::Decode(format!(
                        "neither UTF-8 (first bad byte at offset {at}) nor windows-1258"
                    )));
                }
            }
        }
    };
    let controls = text
        .chars()
        .filter(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{c}'))
        .count();
    if controls * 20 > text.chars().count().max(1) {
        return Err(RejectReason::Decode(
            "binary data (too many control characters)".into(),
        ));
    }
    Ok(text)
}

fn utf16(bytes: &[u8], word: fn([u8; 2]) -> u16) -> Result<String, RejectReason> {
    if !bytes.len().is_multiple_of(2) {
        return Err(RejectReason::Decode(
            "UTF-16 with an odd number of bytes".into(),
        ));
    }
    let units = bytes.chunks_exact(2).map(|c| word([c[0], c[1]]));
    char::decode_utf16(units)
        .collect::<Result<String, _>>()
        .map_err(|e| RejectReason::Decode(format!("invalid UTF-16: {e}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(decode("Đại Từ".as_bytes()).as_deref(), Ok("Đại Từ"));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice("Đại Từ".as_bytes());
        assert_eq!(decode(&b).as_deref(), Ok("Đại Từ"));
    }

    #[test]
    fn utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Đại".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(&le).as_deref(), Ok("Đại"));
        let mut be = vec![0xFE, 0xFF];
        be.extend("Đại".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(&be).as_deref(), Ok("Đại"));
        assert!(decode(&[0xFF, 0xFE, 0x41]).is_err());
        assert!(
            decode(&[0xFF, 0xFE, 0x00, 0xD8]).is_err(),
            "unpaired surrogate"
        );
    }

    #[test]
    fn windows_1258_fallback() {
        // "Việt Nam" in windows-1258: ê = 0xEA, dot below = combining 0xF2.
        let bytes = [b'V', b'i', 0xEA, 0xF2, b't', b' ', b'N', b'a', b'm'];
        let text = decode(&bytes).expect("cp1258");
        assert_eq!(vietdex_tokenize::normalize(&text), "việt nam");
        // Đ = 0xD0.
        assert_eq!(decode(&[0xD0, b'a']).as_deref(), Ok("Đa"));
    }

    #[test]
    fn mostly_valid_utf8_stays_utf8_and_counts_what_it_replaced() {
        let mut bytes = "Huyện Đại Từ đạt chuẩn nông thôn mới".as_bytes().to_vec();
        bytes.insert(10, 0xFF);
        let d = decode_counted(bytes).expect("decoded");
        assert!(d.text.contains("Từ đạt chuẩn nông thôn mới"), "{}", d.text);
        assert!(
            !d.text.contains("á»"),
            "read as a legacy code page: {}",
            d.text
        );
        assert_eq!(d.replaced, 1);
        // A truncated multi-byte character at the end.
        let mut cut = "Xã Vạn Thọ".as_bytes().to_vec();
        cut.pop();
        let d = decode_counted(cut).expect("decoded");
        assert!(d.text.starts_with("Xã Vạn Th"));
        assert_eq!(d.replaced, 2);
        // Real windows-1258 is still read as windows-1258.
        let legacy = [b'V', b'i', 0xEA, 0xF2, b't', b' ', b'N', b'a', b'm'];
        let d = decode_counted(legacy.to_vec()).expect("cp1258");
        assert_eq!(vietdex_tokenize::normalize(&d.text), "việt nam");
        assert_eq!(d.replaced, 0);
    }

    #[test]
    fn binary_is_rejected() {
        let err = decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 1]).expect_err("binary");
        assert_eq!(err.to_string(), "cannot decode: binary data (NUL bytes)");
        let noise: Vec<u8> = (1u8..32).cycle().take(400).collect();
        assert!(decode(&noise).is_err());
    }

    #[test]
    fn control_bytes_count_past_one_in_twenty_and_white_space_never() {
        // 100 bytes: 5 control bytes pass, 6 do not; line breaks, tabs and
        // form feeds are text however many there are.
        let text = |controls: usize, byte: u8| {
            let mut t = vec![b'a'; 100 - controls];
            t.extend(std::iter::repeat_n(byte, controls));
            t
        };
        assert!(decode(&text(5, 0x01)).is_ok());
        assert!(decode(&text(6, 0x01)).is_err());
        assert!(decode(&text(6, 0x7F)).is_err());
        assert!(decode(&text(60, b'\n')).is_ok());
        let mut mixed = text(50, b'\t');
        mixed[..6].fill(0x1B);
        assert!(decode(&mixed).is_err());
        mixed[..6].fill(0x0C);
        assert!(decode(&mixed).is_ok());
    }
}

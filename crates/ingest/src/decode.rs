use crate::RejectReason;

/// Decodes file bytes as UTF-8 (a byte-order mark is dropped) or UTF-16 with
/// a byte-order mark. Anything else is rejected with the offset of the first
/// bad byte.
pub fn decode(bytes: &[u8]) -> Result<String, RejectReason> {
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        return utf8(rest);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, u16::from_le_bytes);
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, u16::from_be_bytes);
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Result<String, RejectReason> {
    if bytes.contains(&0) {
        return Err(RejectReason::Decode("binary data (NUL bytes)".into()));
    }
    String::from_utf8(bytes.to_vec()).map_err(|e| {
        RejectReason::Decode(format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        ))
    })
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
    }

    #[test]
    fn bad_bytes_are_reported() {
        let err = decode(&[b'a', 0xC3, 0x28]).expect_err("invalid UTF-8");
        assert_eq!(
            err.to_string(),
            "cannot decode: not valid UTF-8 (first bad byte at offset 1)"
        );
        assert!(decode(&[0x7f, 0x45, 0x4c, 0x46, 0, 1]).is_err());
    }
}

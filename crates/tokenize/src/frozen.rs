//! A read-only map from strings to small values held in one byte buffer
//! and read where it lies: a table written ahead of time (by a build script
//! into the binary, or to a data file) is ready as soon as its bytes are,
//! with no parsing, hashing or allocation per key.
//!
//! Layout (little-endian): the magic `VDXFRZ01`; the number of slots (a
//! power of two, u32) and of entries (u32); one u64 per slot, 0 when empty,
//! else the entry number plus one in the low half and the key's hash tag in
//! the high half (open addressing, linear probing, at most half full); one
//! entry per key, in key order: start and end of the key in the key bytes,
//! and the value (u32 each); then the key bytes.
//!
//! This file is also compiled into build scripts (`#[path]`), so it uses
//! nothing but `std`.

use std::borrow::Cow;

const MAGIC: &[u8; 8] = b"VDXFRZ01";
const HEAD: usize = 16;
const SLOT: usize = 8;
const ENTRY: usize = 12;

/// The hash of a key: FxHash-style over 8-byte words, then mixed so that
/// both the low bits (the slot) and the high half (the tag) depend on
/// every byte. Part of the layout: tables are written with it.
#[inline]
fn hash(key: &[u8]) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mut h = key.len() as u64;
    let mut words = key.chunks_exact(8);
    for w in &mut words {
        let word = u64::from_le_bytes([w[0], w[1], w[2], w[3], w[4], w[5], w[6], w[7]]);
        h = (h.rotate_left(5) ^ word).wrapping_mul(K);
    }
    let rest = words.remainder();
    if !rest.is_empty() {
        let mut last = [0u8; 8];
        last[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(last)).wrapping_mul(K);
    }
    h ^= h >> 32;
    h = h.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    h ^ (h >> 29)
}

/// A frozen string map; see the module documentation.
#[derive(Clone)]
pub struct FrozenMap {
    bytes: Cow<'static, [u8]>,
    mask: usize,
    len: usize,
    /// Where the entries and the key bytes start.
    entries: usize,
    keys: usize,
}

impl std::fmt::Debug for FrozenMap {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FrozenMap")
            .field("len", &self.len)
            .field("bytes", &self.bytes.len())
            .finish()
    }
}

fn u32_at(b: &[u8], at: usize) -> u32 {
    match at.checked_add(4).and_then(|end| b.get(at..end)) {
        Some(&[a, b, c, d]) => u32::from_le_bytes([a, b, c, d]),
        _ => 0,
    }
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    match at.checked_add(8).and_then(|end| b.get(at..end)) {
        Some(&[a, b, c, d, e, f, g, h]) => u64::from_le_bytes([a, b, c, d, e, f, g, h]),
        _ => 0,
    }
}

impl FrozenMap {
    /// Writes the table of `pairs` (keys unique; a repeated key keeps its
    /// last value).
    pub fn encode<'a>(pairs: impl IntoIterator<Item = (&'a str, u32)>) -> Vec<u8> {
        let mut pairs: Vec<(&str, u32)> = pairs.into_iter().collect();
        pairs.sort_by(|a, b| a.0.cmp(b.0));
        // Keep the last of equal keys: reverse, dedup keeps the first.
        pairs.reverse();
        pairs.dedup_by(|a, b| a.0 == b.0);
        pairs.reverse();
        let slots = (pairs.len() * 2).next_power_of_two().max(2);
        let mask = slots - 1;
        let mut table = vec![0u64; slots];
        let mut out = Vec::with_capacity(HEAD + slots * SLOT + pairs.len() * ENTRY);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&(slots as u32).to_le_bytes());
        out.extend_from_slice(&(pairs.len() as u32).to_le_bytes());
        let mut entries = Vec::with_capacity(pairs.len() * ENTRY);
        let mut keys = Vec::new();
        for (i, (key, value)) in pairs.iter().enumerate() {
            let h = hash(key.as_bytes());
            let mut at = h as usize & mask;
            while table[at] != 0 {
                at = (at + 1) & mask;
            }
            table[at] = (h >> 32) << 32 | (i as u64 + 1);
            entries.extend_from_slice(&(keys.len() as u32).to_le_bytes());
            keys.extend_from_slice(key.as_bytes());
            entries.extend_from_slice(&(keys.len() as u32).to_le_bytes());
            entries.extend_from_slice(&value.to_le_bytes());
        }
        for s in table {
            out.extend_from_slice(&s.to_le_bytes());
        }
        out.extend_from_slice(&entries);
        out.extend_from_slice(&keys);
        out
    }

    /// Reads a table written by [`FrozenMap::encode`], borrowing static
    /// bytes or owning others. Only the header is read: a damaged table
    /// gives wrong answers (lookups stay within its bytes and end), not a
    /// crash.
    pub fn new(bytes: Cow<'static, [u8]>) -> Result<FrozenMap, String> {
        let b = &bytes[..];
        if b.len() < HEAD || &b[..8] != MAGIC {
            return Err("not a frozen map (bad magic)".into());
        }
        let slots = u32_at(b, 8) as usize;
        let len = u32_at(b, 12) as usize;
        if !slots.is_power_of_two() || len >= slots {
            return Err(format!("bad sizes: {len} entries in {slots} slots"));
        }
        let entries = HEAD + slots * SLOT;
        let keys = entries + len * ENTRY;
        let key_bytes = b.len().checked_sub(keys);
        let last_end = len
            .checked_sub(1)
            .map_or(0, |i| u32_at(b, entries + i * ENTRY + 4));
        if key_bytes != Some(last_end as usize) {
            return Err(format!("truncated or overlong: {} bytes", b.len()));
        }
        Ok(FrozenMap {
            bytes,
            mask: slots - 1,
            len,
            entries,
            keys,
        })
    }

    /// A map with no key.
    pub fn empty() -> FrozenMap {
        FrozenMap {
            bytes: Cow::Owned(FrozenMap::encode([])),
            mask: 1,
            len: 0,
            entries: HEAD + 2 * SLOT,
            keys: HEAD + 2 * SLOT,
        }
    }

    /// Number of keys.
    pub fn len(&self) -> usize {
        self.len
    }

    /// Whether the map has no key.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The key and value of entry `i` (entries are in key order).
    fn entry(&self, i: usize) -> (&str, u32) {
        let b = &self.bytes[..];
        let e = self.entries + i * ENTRY;
        let (start, end) = (u32_at(b, e) as usize, u32_at(b, e + 4) as usize);
        let key = b
            .get(self.keys + start..self.keys + end)
            .and_then(|k| std::str::from_utf8(k).ok())
            .unwrap_or_default();
        (key, u32_at(b, e + 8))
    }

    /// The value of `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        self.get_bytes(key.as_bytes())
    }

    /// The value of the key whose bytes are `key` (a key built in a
    /// buffer, such as two syllables and the space between them).
    #[inline]
    pub fn get_bytes(&self, key: &[u8]) -> Option<u32> {
        let b = &self.bytes[..];
        let h = hash(key);
        let tag = h >> 32;
        let mut at = h as usize & self.mask;
        for _ in 0..=self.mask {
            let slot = u64_at(b, HEAD + at * SLOT);
            if slot == 0 {
                return None;
            }
            if slot >> 32 == tag {
                let i = ((slot & 0xffff_ffff) as usize).wrapping_sub(1);
                let e = self.entries.wrapping_add(i.wrapping_mul(ENTRY));
                let start = u32_at(b, e) as usize;
                let end = u32_at(b, e.wrapping_add(4)) as usize;
                if b.get(self.keys + start..self.keys + end) == Some(key) {
                    return Some(u32_at(b, e.wrapping_add(8)));
                }
            }
            at = (at + 1) & self.mask;
        }
        None
    }

    /// Every key with its value, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        (0..self.len).map(|i| self.entry(i))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_every_key_and_nothing_else() {
        let words: Vec<String> = (0..1000).map(|i| format!("từ {i}")).collect();
        let bytes = FrozenMap::encode(
            words
                .iter()
                .enumerate()
                .map(|(i, w)| (w.as_str(), i as u32)),
        );
        let map = FrozenMap::new(Cow::Owned(bytes)).expect("valid");
        assert_eq!(map.len(), 1000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(i as u32), "{w}");
        }
        for missing in ["", "từ", "từ 1000", "từ 1 ", "tu 1"] {
            assert_eq!(map.get(missing), None, "{missing}");
        }
        let mut sorted = words.clone();
        sorted.sort();
        assert!(
            map.iter()
                .map(|(k, _)| k)
                .eq(sorted.iter().map(String::as_str))
        );
        let empty = FrozenMap::new(Cow::Owned(FrozenMap::encode([]))).expect("valid");
        assert!(empty.is_empty());
        assert_eq!(FrozenMap::empty().get("a"), None);
        assert_eq!(empty.get("a"), None);
    }

    #[test]
    fn damaged_tables_are_refused() {
        let good = FrozenMap::encode([("a", 1), ("b", 2)]);
        assert!(FrozenMap::new(Cow::Owned(good[..good.len() - 1].to_vec())).is_err());
        assert!(FrozenMap::new(Cow::Owned(b"VDXFRZ00".to_vec())).is_err());
        // A damaged slot gives no answer rather than a crash.
        let mut bad_slot = good.clone();
        for s in 0..4 {
            bad_slot[HEAD + s * SLOT..HEAD + s * SLOT + 8].copy_from_slice(&u64::MAX.to_le_bytes());
        }
        let damaged = FrozenMap::new(Cow::Owned(bad_slot)).expect("header intact");
        assert_eq!(damaged.get("a"), None);
        assert_eq!(damaged.get("zz"), None);
        assert!(FrozenMap::new(Cow::Owned(good)).is_ok());
    }
}

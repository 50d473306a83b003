//! A dictionary of phrases: sequences of normalized syllables (exact, or
//! folded where text typed without diacritics must match), each with a
//! small id, and the one longest-match walk over a sequence of tokens that
//! the segmenter, the gazetteer, the program table and the abbreviation
//! table share.
//!
//! A phrase is its syllables joined by single spaces. Every proper prefix
//! of a phrase (`nông thôn` of `nông thôn mới`) is marked, so a walk from a
//! token stops at the first syllable that no phrase continues with: most
//! positions cost one lookup.
//!
//! The dictionary is a [`FrozenMap`] from the phrase or prefix to one
//! value: bit 0 says that a longer phrase continues it, the bits above
//! hold the phrase's id plus one (0: only a prefix). Tables of the bundled
//! data are written by build scripts and read where they lie; tables a
//! user supplies go through the same [`PhraseBuilder`] at run time.
//!
//! This file is also compiled into build scripts (`#[path]`), so it uses
//! nothing but `std` and [`crate::frozen`].

use std::borrow::Cow;
use std::collections::HashMap;

use crate::frozen::FrozenMap;

/// Bit of a value: some longer phrase starts with this key.
const PREFIX: u32 = 1;

/// The largest id a phrase may have.
pub const MAX_ID: u32 = (u32::MAX >> 1) - 1;

/// What a key of the dictionary is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// The id of the phrase the key is, if it is one.
    pub id: Option<u32>,
    /// Whether a longer phrase starts with it.
    pub prefix: bool,
}

impl Entry {
    /// The value stored for this entry.
    pub fn value(self) -> u32 {
        self.id.map_or(0, |id| (id.min(MAX_ID) + 1) << 1) | u32::from(self.prefix)
    }

    /// The entry a stored value stands for.
    pub fn of_value(v: u32) -> Entry {
        Entry {
            id: (v >> 1).checked_sub(1),
            prefix: v & PREFIX != 0,
        }
    }
}

/// A phrase dictionary; see the module documentation.
#[derive(Debug, Clone)]
pub struct PhraseDict {
    map: FrozenMap,
}

impl Default for PhraseDict {
    fn default() -> PhraseDict {
        PhraseDict::empty()
    }
}

/// Builds a [`PhraseDict`].
#[derive(Debug, Clone, Default)]
pub struct PhraseBuilder {
    entries: HashMap<String, Entry>,
}

impl PhraseBuilder {
    /// An empty builder.
    pub fn new() -> PhraseBuilder {
        PhraseBuilder::default()
    }

    /// Adds the phrase `key` (normalized syllables joined by single
    /// spaces) with `id`, marking its prefixes. A phrase added again keeps
    /// its first id; the id is returned.
    pub fn insert(&mut self, key: &str, id: u32) -> u32 {
        self.mark_prefixes(key);
        let e = self.entry(key);
        *e.id.get_or_insert(id)
    }

    /// Adds the phrase `key` with `id`, replacing an id it had.
    pub fn replace(&mut self, key: &str, id: u32) {
        self.mark_prefixes(key);
        self.entry(key).id = Some(id);
    }

    /// Sets the entry of `key` as it is, prefixes left as they are (for
    /// tables that store their entries whole, as the segmenter's does).
    pub fn set(&mut self, key: &str, entry: Entry) {
        *self.entry(key) = entry;
    }

    /// The id of the phrase `key`, if added.
    pub fn get(&self, key: &str) -> Option<u32> {
        self.entries.get(key).and_then(|e| e.id)
    }

    fn mark_prefixes(&mut self, key: &str) {
        for (i, b) in key.bytes().enumerate() {
            if b == b' ' {
                self.entry(&key[..i]).prefix = true;
            }
        }
    }

    fn entry(&mut self, key: &str) -> &mut Entry {
        if !self.entries.contains_key(key) {
            self.entries.insert(
                key.to_string(),
                Entry {
                    id: None,
                    prefix: false,
                },
            );
        }
        self.entries.get_mut(key).expect("inserted above")
    }

    /// The dictionary's bytes, which [`PhraseDict::new`] reads.
    pub fn encode(&self) -> Vec<u8> {
        FrozenMap::encode(self.entries.iter().map(|(k, e)| (k.as_str(), e.value())))
    }

    /// The dictionary.
    pub fn build(&self) -> PhraseDict {
        // Bytes just written read back.
        PhraseDict::new(Cow::Owned(self.encode())).unwrap_or_else(|_| PhraseDict::empty())
    }
}

impl PhraseDict {
    /// Reads a dictionary written by [`PhraseBuilder::encode`], borrowing
    /// static bytes.
    pub fn new(bytes: Cow<'static, [u8]>) -> Result<PhraseDict, String> {
        Ok(PhraseDict {
            map: FrozenMap::new(bytes)?,
        })
    }

    /// A dictionary with no phrase.
    pub fn empty() -> PhraseDict {
        PhraseDict {
            map: FrozenMap::empty(),
        }
    }

    /// Number of keys, prefixes included.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// Whether it has no key.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The entry of `key`, phrase or prefix.
    #[inline]
    pub fn entry(&self, key: &str) -> Option<Entry> {
        self.map.get(key).map(Entry::of_value)
    }

    /// The id of the phrase `key`.
    #[inline]
    pub fn get(&self, key: &str) -> Option<u32> {
        self.entry(key).and_then(|e| e.id)
    }

    /// The id of the phrase of two syllables `a b` ([`PhraseDict::get`]
    /// of [`crate::token::pair`]`(a, b)`), its key built on the stack.
    #[inline]
    pub fn get_pair(&self, a: &str, b: &str) -> Option<u32> {
        let n = a.len() + 1 + b.len();
        let mut buf = [0u8; 64];
        if n > buf.len() {
            return self.get(&crate::token::pair(a, b));
        }
        buf[..a.len()].copy_from_slice(a.as_bytes());
        buf[a.len()] = b' ';
        buf[a.len() + 1..n].copy_from_slice(b.as_bytes());
        self.map
            .get_bytes(&buf[..n])
            .map(Entry::of_value)
            .and_then(|e| e.id)
    }

    /// Every key with its entry, in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, Entry)> + '_ {
        self.map.iter().map(|(k, v)| (k, Entry::of_value(v)))
    }

    /// Every phrase with its id, in key order.
    pub fn phrases(&self) -> impl Iterator<Item = (&str, u32)> + '_ {
        self.iter().filter_map(|(k, e)| Some((k, e.id?)))
    }

    /// Walks the phrases that start at a position: `syllable(k)` gives the
    /// key of the position's `k`-th token (from 0), or `None` where no
    /// phrase may go on (a gap, the end of the text); at most `max` tokens
    /// are read. `found(len, id)` is called for each phrase, shortest
    /// first; the walk stops at the first key that no phrase continues.
    /// `key` is a buffer.
    #[inline]
    pub fn walk<'s>(
        &self,
        max: usize,
        key: &mut String,
        syllable: impl FnMut(usize) -> Option<&'s str>,
        found: impl FnMut(usize, u32),
    ) {
        self.walk_from(1, max, key, syllable, found);
    }

    /// [`PhraseDict::walk`] for a dictionary whose phrases are all at
    /// least `min` tokens long: the first `min - 1` tokens are read
    /// without a lookup (a segmenter's words have two syllables or more).
    #[inline]
    pub fn walk_from<'s>(
        &self,
        min: usize,
        max: usize,
        key: &mut String,
        mut syllable: impl FnMut(usize) -> Option<&'s str>,
        mut found: impl FnMut(usize, u32),
    ) {
        key.clear();
        for k in 0..max {
            let Some(s) = syllable(k) else {
                return;
            };
            if k > 0 {
                key.push(' ');
            }
            key.push_str(s);
            if k + 1 < min {
                continue;
            }
            let Some(e) = self.entry(key) else {
                return;
            };
            if let Some(id) = e.id {
                found(k + 1, id);
            }
            if !e.prefix {
                return;
            }
        }
    }

    /// The longest phrase at a position, as [`PhraseDict::walk`] reads it,
    /// whose id `accept` takes: (length in tokens, id).
    #[inline]
    pub fn longest<'s>(
        &self,
        max: usize,
        key: &mut String,
        syllable: impl FnMut(usize) -> Option<&'s str>,
        mut accept: impl FnMut(usize, u32) -> bool,
    ) -> Option<(usize, u32)> {
        let mut best = None;
        self.walk(max, key, syllable, |len, id| {
            if accept(len, id) {
                best = Some((len, id));
            }
        });
        best
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dict(phrases: &[(&str, u32)]) -> PhraseDict {
        let mut b = PhraseBuilder::new();
        for &(p, id) in phrases {
            b.insert(p, id);
        }
        b.build()
    }

    fn longest(d: &PhraseDict, text: &str) -> Option<(usize, u32)> {
        let sylls: Vec<&str> = text.split(' ').collect();
        d.longest(
            sylls.len(),
            &mut String::new(),
            |k| Some(sylls[k]),
            |_, _| true,
        )
    }

    #[test]
    fn longest_phrase_with_prefixes_marked() {
        let d = dict(&[
            ("nông thôn", 0),
            ("nông thôn mới", 1),
            ("xây dựng nông thôn mới nâng cao", 2),
            ("a", 3),
        ]);
        assert_eq!(longest(&d, "nông thôn mới ở"), Some((3, 1)));
        assert_eq!(longest(&d, "nông thôn cũ"), Some((2, 0)));
        assert_eq!(longest(&d, "nông dân"), None);
        assert_eq!(longest(&d, "xây dựng nông thôn mới"), None);
        assert_eq!(longest(&d, "a b"), Some((1, 3)));
        assert_eq!(
            d.entry("xây dựng nông"),
            Some(Entry {
                id: None,
                prefix: true
            })
        );
        assert_eq!(d.get("nông thôn mới"), Some(1));
        assert_eq!(d.phrases().count(), 4);
    }

    #[test]
    fn a_gap_or_the_limit_ends_the_walk_and_accept_filters() {
        let d = dict(&[("a b", 0), ("a b c", 1)]);
        let sylls = ["a", "b", "c"];
        let gap_before_c = |k: usize| (k < 2).then(|| sylls[k]);
        let mut key = String::new();
        assert_eq!(
            d.longest(3, &mut key, gap_before_c, |_, _| true),
            Some((2, 0))
        );
        assert_eq!(
            d.longest(2, &mut key, |k| Some(sylls[k]), |_, _| true),
            Some((2, 0))
        );
        assert_eq!(
            d.longest(3, &mut key, |k| Some(sylls[k]), |_, id| id == 0),
            Some((2, 0))
        );
        let mut all = Vec::new();
        d.walk(
            3,
            &mut key,
            |k| Some(sylls[k]),
            |len, id| all.push((len, id)),
        );
        assert_eq!(all, [(2, 0), (3, 1)]);
        // From two tokens on: the same phrases, without looking `a` up.
        all.clear();
        let found = |len, id| all.push((len, id));
        d.walk_from(2, 3, &mut key, |k| Some(sylls[k]), found);
        assert_eq!(all, [(2, 0), (3, 1)]);
    }

    #[test]
    fn first_id_kept_unless_replaced_and_tables_read_back() {
        let mut b = PhraseBuilder::new();
        assert_eq!(b.insert("a b", 4), 4);
        assert_eq!(b.insert("a b", 5), 4);
        b.replace("a b", 6);
        assert_eq!(b.get("a b"), Some(6));
        let bytes = b.encode();
        let d = PhraseDict::new(Cow::Owned(bytes)).expect("reads back");
        assert_eq!(d.get("a b"), Some(6));
        assert_eq!(d.get("a"), None);
        assert!(d.entry("a").is_some_and(|e| e.prefix));
        assert!(PhraseDict::new(Cow::Owned(b"nonsense".to_vec())).is_err());
        assert_eq!(PhraseDict::empty().get("a"), None);
        for v in [0, 1, 2, 3, 6, 7] {
            assert_eq!(Entry::of_value(v).value(), v);
        }
    }
}

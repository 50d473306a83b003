//! The most frequent syllables of Vietnamese news text, folded.
//!
//! Phrase search needs pair terms only where both syllables are common:
//! their postings are long and intersecting them by position is slow. A
//! phrase with a rarer syllable is cheap to check by position, because the
//! rare syllable's short postings drive the intersection ("common grams").
//! Indexing only common pairs keeps the pair vocabulary small, and the pair
//! field cheap to build.
//!
//! Of those pairs, only the ones inside a word are indexed ([`is_pair`]):
//! the adjacent syllables of a word or name the segmenter knows (`nông
//! thôn`, `hà nội`), of the full form of an abbreviation (`thôn mới`), or
//! of a place's name (`nghệ an`, `tân lập`).
//! What people search for as a phrase is a word or a run of words, and a
//! longer phrase is still narrowed by the pairs inside its words, so the
//! pairs across words (`của các`, `đã được`), two thirds of all pairs of
//! common syllables in news text and most of the pair vocabulary, are left
//! to positions.
//!
//! The set is learned from data: the [`COMMON_SYLLABLES`] most frequent
//! syllables of the word-segmented treebank shipped with the segmenter
//! (general news), plus the vocabulary of the local-government news vietdex
//! is made for, which that treebank under-represents: the full forms of the
//! abbreviation table (`nông thôn mới`, `ủy ban nhân dân` …) and the
//! administrative type words. It is
//! part of the index format: changing [`COMMON_SYLLABLES`] or the data
//! changes which pairs exist, so [`crate::PAIRS_TOKENIZER`], named by a hash
//! of both tables, changes with it and older indexes are reported as
//! incompatible. The pairs are
//! learned the same way into `data/pairs.txt` ([`learned_pairs`]).
//!
//! Learning the set tokenizes the whole treebank, which would cost every
//! command tens of milliseconds: the set is written once to
//! `data/common.txt` (`examples/common_table.rs`), which is what a process
//! reads, and a test checks that the file is what the data gives.

use std::sync::OnceLock;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::tokenizer::{Form, Tokens};

/// How many of the most frequent syllables count as common.
pub const COMMON_SYLLABLES: usize = 500;

const ABBREVIATIONS: &str = include_str!("../data/abbreviations.tsv");

const TREEBANK: [&str; 2] = [
    include_str!("../data/ud-vi-vtb/train.seg"),
    include_str!("../data/ud-vi-vtb/dev.seg"),
];

/// The set as learned by [`learned_common_syllables`], one syllable a line, sorted.
const TABLE: &str = include_str!("../data/common.txt");
/// The pairs as learned by [`learned_pairs`], one pair a line, sorted.
const PAIRS: &str = include_str!("../data/pairs.txt");

/// The common syllables, each with its id: its line in [`TABLE`].
fn common() -> &'static FxHashMap<&'static str, u16> {
    static C: OnceLock<FxHashMap<&'static str, u16>> = OnceLock::new();
    C.get_or_init(|| {
        // Room for every line at once: no rehashing as the map fills.
        let lines = TABLE.bytes().filter(|&b| b == b'\n').count() + 1;
        let mut map = FxHashMap::with_capacity_and_hasher(lines, Default::default());
        for (id, line) in TABLE.lines().filter(|l| !l.is_empty()).enumerate() {
            map.insert(line, u16::try_from(id).unwrap_or(u16::MAX));
        }
        map
    })
}

/// The pairs of [`PAIRS`] as one bit per pair of common ids (`a * n + b`
/// for `n` common syllables): a test of a pair is one load from a table
/// that stays in cache (32 KB for 500 syllables).
struct PairBits {
    n: usize,
    bits: Vec<u64>,
}

fn pair_bits() -> &'static PairBits {
    static P: OnceLock<PairBits> = OnceLock::new();
    P.get_or_init(|| {
        let n = common().len();
        let mut bits = vec![0u64; (n * n).div_ceil(64)];
        for line in PAIRS.lines() {
            if let Some((a, b)) = line.split_once(' ')
                && let (Some(a), Some(b)) = (common_id(a), common_id(b))
            {
                let at = usize::from(a) * n + usize::from(b);
                bits[at / 64] |= 1 << (at % 64);
            }
        }
        PairBits { n, bits }
    })
}

/// The common syllables learned from the treebank and the tables, sorted:
/// what `data/common.txt` holds.
pub fn learned_common_syllables() -> Vec<String> {
    let text = TREEBANK.concat().replace('_', " ");
    let mut counts: FxHashMap<String, usize> = FxHashMap::default();
    let mut buf = Vec::new();
    let mut t = String::new();
    let mut tokens = Tokens::new(&text, Form::Folded, &mut buf);
    while tokens.next_into(&mut t).is_some() {
        if t.chars().any(char::is_alphabetic) {
            *counts.entry(t.clone()).or_default() += 1;
        }
    }
    let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut set: FxHashSet<String> = ranked
        .into_iter()
        .take(COMMON_SYLLABLES)
        .map(|(s, _)| s)
        .collect();
    // The table's bad rows are errors of `Abbreviations::bundled`.
    let (rows, _) = crate::tsv::rows::<(String, String)>("abbreviations", ABBREVIATIONS);
    let full_forms = rows.iter().map(|(_, (_, full))| full.as_str());
    // The type words of places, common in every local news collection.
    let type_words = crate::type_words::full_form_syllables();
    for text in full_forms.chain(type_words.map(|w| -> &str { w })) {
        let mut tokens = Tokens::new(text, Form::Folded, &mut buf);
        while tokens.next_into(&mut t).is_some() {
            if t.chars().any(char::is_alphabetic) {
                set.insert(t.clone());
            }
        }
    }
    let mut list: Vec<String> = set.into_iter().collect();
    list.sort_unstable();
    list
}

/// Whether a folded syllable is among the [`COMMON_SYLLABLES`] most frequent.
pub fn is_common(folded: &str) -> bool {
    common_id(folded).is_some()
}

/// The id of a common folded syllable (see [`is_common`]), which
/// [`is_common_pair`] takes; `None` for any other text.
pub fn common_id(folded: &str) -> Option<u16> {
    common().get(folded).copied()
}

/// Whether the common syllables of ids `a` and `b`, side by side, are a
/// pair the index keeps: one inside a known word or name ([`is_pair`]).
pub fn is_common_pair(a: u16, b: u16) -> bool {
    let p = pair_bits();
    let (a, b) = (usize::from(a), usize::from(b));
    if a >= p.n || b >= p.n {
        return false;
    }
    let at = a * p.n + b;
    p.bits[at / 64] >> (at % 64) & 1 == 1
}

/// Whether the pair term `"a b"` of two adjacent folded syllables (see
/// [`crate::pair_term`]) is indexed: both syllables are common and the pair
/// lies inside a known word or name. The index and queries both ask this.
pub fn is_pair_term(pair: &str) -> bool {
    pair.split_once(' ').is_some_and(|(a, b)| is_pair(a, b))
}

/// [`is_pair_term`] of the pair of `a` and `b`.
pub fn is_pair(a: &str, b: &str) -> bool {
    match (common_id(a), common_id(b)) {
        (Some(a), Some(b)) => is_common_pair(a, b),
        _ => false,
    }
}

/// The pairs learned from the segmenter's words, the abbreviations' full
/// forms and `names` (the bundled `data/pairs.txt` is learned with the
/// names of the gazetteer's units and of countries and foreign places,
/// which the entities crate holds: its `pairs_table` example writes the
/// file, and its tests check it): every two adjacent syllables of one
/// entry, folded, both common ([`is_common`]), sorted.
pub fn learned_pairs<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let (rows, _) = crate::tsv::rows::<(String, String)>("abbreviations", ABBREVIATIONS);
    // The segmenter's table: one word or name a line, after two columns.
    const SEGMENTER: &str = include_str!("../data/segmenter.tsv");
    let words = SEGMENTER
        .lines()
        .filter_map(|l| l.rsplit('\t').next())
        .chain(rows.iter().map(|(_, (_, full))| full.as_str()))
        .chain(names.into_iter().map(|n| -> &str { n }));
    let mut set: FxHashSet<String> = FxHashSet::default();
    let mut buf = Vec::new();
    let (mut prev, mut t) = (String::new(), String::new());
    for word in words {
        let mut tokens = Tokens::new(word, Form::Folded, &mut buf);
        prev.clear();
        while tokens.next_into(&mut t).is_some() {
            if !prev.is_empty() && is_common(&prev) && is_common(&t) {
                set.insert(crate::pairs::pair_term(&prev, &t));
            }
            std::mem::swap(&mut prev, &mut t);
        }
    }
    let mut list: Vec<String> = set.into_iter().collect();
    list.sort_unstable();
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frequent_syllables_are_common_and_names_are_not() {
        for s in [
            "cua", "va", "cac", "xa", "huyen", "nong", "thon", "moi", "nguoi", "nam",
        ] {
            assert!(is_common(s), "{s}");
        }
        for s in ["khuong", "nghieng", "dai tu", "2024", ""] {
            assert!(!is_common(s), "{s}");
        }
        assert!((COMMON_SYLLABLES..COMMON_SYLLABLES + 200).contains(&common().len()));
    }

    #[test]
    fn every_bundled_pair_and_no_other_is_a_pair() {
        let listed: FxHashSet<&str> = PAIRS.lines().collect();
        let ids: Vec<&str> = TABLE.lines().collect();
        assert_eq!(ids.len(), common().len());
        let mut found = 0;
        for (i, a) in ids.iter().enumerate() {
            for (j, b) in ids.iter().enumerate() {
                let term = format!("{a} {b}");
                let pair = is_common_pair(i as u16, j as u16);
                assert_eq!(pair, listed.contains(term.as_str()), "{term}");
                assert_eq!(is_pair_term(&term), pair, "{term}");
                found += usize::from(pair);
            }
        }
        assert_eq!(found, listed.len());
        assert!(!is_pair_term("ha"));
        assert!(!is_common_pair(u16::MAX, 0));
    }

    #[test]
    fn pairs_inside_words_are_indexed_and_pairs_across_words_are_not() {
        for (a, b) in [
            ("nong", "thon"),
            ("thon", "moi"),
            ("ha", "noi"),
            ("uy", "ban"),
            ("nhan", "dan"),
        ] {
            assert!(is_pair(a, b), "{a} {b}");
        }
        // Common syllables side by side that make no word; a word with a
        // rare syllable.
        for (a, b) in [
            ("cua", "cac"),
            ("da", "duoc"),
            ("va", "cac"),
            ("khuong", "viet"),
        ] {
            assert!(!is_pair(a, b), "{a} {b}");
        }
    }

    #[test]
    fn the_bundled_table_is_what_the_data_gives() {
        let mut table = learned_common_syllables().join("\n");
        table.push('\n');
        assert!(
            table == TABLE,
            "data/common.txt is out of date: run `cargo run -p vietdex-tokenize --example common_table > crates/tokenize/data/common.txt`"
        );
    }
}

//! Vietnamese word segmentation: which neighbouring syllables form one word
//! (`nông thôn mới`, `Thái Nguyên`).
//!
//! The model is longest matching over a word list, made better by what the
//! treebank's training split teaches:
//! - every multi-syllable word of `train.seg` joins the list;
//! - a listed word that the training text writes apart more often than
//!   together is dropped (`của ủy` style false joins);
//! - a run of capitalized syllables that the list does not cover is a name
//!   (`Trương Định`, `Bạch Đằng`).
//!
//! The segmenter reads [`Token`]s: their normalized forms, whether each
//! is written as a name's syllable is ([`Token::name_like`]), and whether
//! only white space separates it from the token before ([`gap::BLANK`]): no
//! word spans any other gap.
//!
//! Lookups walk a [`PhraseDict`] of normalized syllable sequences, which
//! also marks every prefix of a word, so most positions cost one lookup.

use rustc_hash::FxHashMap;
use std::borrow::Cow;

use crate::normalize::normalize_token_into;
use crate::phrases::{PhraseBuilder, PhraseDict};
use crate::segmenter_table::{entry_of_flags, flags_of, parse_table};
use crate::token::{Analyzer, Token, gap, is_name_like};
use crate::tokenizer::Span;

use crate::segmenter_table::{PREFIX, WORD};
/// The longest word, in syllables, that the segmenter looks for.
pub const MAX_WORD: usize = 6;

/// Words written with a capital at the start of a sentence or a title that
/// do not begin a name (`Ông Lộc` is `ông` + `Lộc`), besides the type words
/// of places ([`crate::type_words::starts_no_name`]: `Huyện Đại Từ` is
/// `huyện` + `Đại Từ`).
const NOT_NAME_STARTS: &[&str] = &[
    "ông",
    "bà",
    "anh",
    "chị",
    "các",
    "những",
    "tại",
    "theo",
    "trong",
    "ngày",
    "tháng",
    "năm",
    "và",
    "của",
    "với",
    "cho",
    "khi",
    "sau",
    "trước",
    "đồng chí",
];

/// The word list the bundled segmenter starts from (one word a line,
/// syllables separated by spaces; MIT-licensed, see `data/LEXICON.md`).
pub const LEXICON: &str = include_str!("../data/pyvi-words.txt");
/// The segmented treebank text the bundled segmenter learns from.
const TRAIN: &str = include_str!("../data/ud-vi-vtb/train.seg");
/// What [`Segmenter::learned`] builds from [`LEXICON`] and [`TRAIN`], as
/// written by [`Segmenter::table`]. `examples/segmenter_table.rs` writes
/// it; a test checks that it is what the data gives.
const TABLE: &str = include_str!("../data/segmenter.tsv");
/// [`TABLE`]'s exact and folded entries as phrase dictionaries, written by
/// the build script: the bundled segmenter reads them where they lie, so a
/// command pays nothing to load it.
const FROZEN_EXACT: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/segmenter-exact.bin"));
const FROZEN_FOLDED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/segmenter-folded.bin"));

/// A word segmenter; see the module documentation.
#[derive(Debug, Clone)]
pub struct Segmenter {
    /// Words (phrases of id 0) and word prefixes, as normalized syllables.
    entries: PhraseDict,
    /// The same words without diacritics, for text typed without them.
    folded: PhraseDict,
}

/// The dictionary of keys with their flags.
fn freeze<'k>(keys: impl IntoIterator<Item = (&'k str, u32)>) -> PhraseDict {
    let mut b = PhraseBuilder::new();
    for (k, f) in keys {
        b.set(k, entry_of_flags(f));
    }
    b.build()
}

fn empty() -> PhraseDict {
    PhraseDict::empty()
}

/// Word-level precision, recall and F1 of a segmentation against gold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    /// Words predicted.
    pub predicted: usize,
    /// Words in the gold segmentation.
    pub gold: usize,
    /// Predicted words whose span matches a gold word exactly.
    pub correct: usize,
}

impl Scores {
    /// Correct / predicted.
    pub fn precision(&self) -> f64 {
        self.correct as f64 / self.predicted.max(1) as f64
    }
    /// Correct / gold.
    pub fn recall(&self) -> f64 {
        self.correct as f64 / self.gold.max(1) as f64
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

impl Segmenter {
    /// The segmenter built from the word list and treebank shipped in this
    /// crate. It learns from the treebank: build it once and pass it on.
    pub fn bundled() -> Segmenter {
        match (
            PhraseDict::new(Cow::Borrowed(FROZEN_EXACT)),
            PhraseDict::new(Cow::Borrowed(FROZEN_FOLDED)),
        ) {
            (Ok(entries), Ok(folded)) => Segmenter { entries, folded },
            // Written by the build script from the same table; should the
            // build have gone wrong, the table is still there (the build
            // script refuses a table with a bad line).
            _ => Segmenter::from_table(TABLE).unwrap_or_else(|_| Segmenter {
                entries: empty(),
                folded: empty(),
            }),
        }
    }

    /// The bundled segmenter built from its data: the word list, then
    /// learning from the treebank (tens of milliseconds). [`Segmenter::bundled`]
    /// loads the same entries from a table written from this.
    pub fn learned() -> Segmenter {
        Segmenter::new(LEXICON, Some(TRAIN))
    }

    /// The segmenter's entries as text: one line per entry, `e` (exact) or
    /// `f` (folded), the flags, and the normalized syllables, separated by
    /// tabs, sorted. [`Segmenter::from_table`] reads it back.
    pub fn table(&self) -> String {
        let mut lines: Vec<String> = [("e", &self.entries), ("f", &self.folded)]
            .into_iter()
            .flat_map(|(tag, map)| {
                map.iter()
                    .map(move |(k, e)| format!("{tag}\t{}\t{k}", flags_of(e)))
            })
            .collect();
        lines.sort_unstable();
        let mut out = lines.join("\n");
        out.push('\n');
        out
    }

    /// A segmenter from a table written by [`Segmenter::table`]. A line
    /// that is not `TAG<TAB>FLAGS<TAB>KEY` is an error naming its line.
    pub fn from_table(table: &str) -> Result<Segmenter, String> {
        let (exact, folded) = parse_table("segmenter table", table)
            .map_err(|bad| format!("line {}: {}", bad.line, bad.reason))?;
        let freeze =
            |pairs: Vec<(String, u32)>| freeze(pairs.iter().map(|(k, f)| (k.as_str(), *f)));
        Ok(Segmenter {
            entries: freeze(exact),
            folded: freeze(folded),
        })
    }

    /// Builds a segmenter from a word list (one word a line, syllables
    /// separated by spaces) and optionally a segmented training text (one
    /// sentence a line, syllables of a word joined by `_`).
    pub fn new(lexicon: &str, train: Option<&str>) -> Segmenter {
        let mut entries: FxHashMap<String, u8> = FxHashMap::default();
        let mut folded: FxHashMap<String, u8> = FxHashMap::default();
        let mut buf = Vec::new();
        let mut key = String::new();
        for line in lexicon.lines() {
            let line = line.trim();
            if line.contains(' ') {
                normalized_key(line.split(' '), &mut key, &mut buf);
                insert_into(&mut entries, &key);
            }
        }
        if let Some(train) = train {
            learn(&mut entries, train, &mut buf);
        }
        for (k, f) in &entries {
            if f & WORD != 0 {
                insert_into(&mut folded, &crate::normalize::fold(k));
            }
        }
        let freeze = |map: &FxHashMap<String, u8>| {
            freeze(map.iter().map(|(k, &f)| (k.as_str(), u32::from(f))))
        };
        Segmenter {
            entries: freeze(&entries),
            folded: freeze(&folded),
        }
    }

    /// Whether the normalized syllables `key` (joined by single spaces) are a
    /// known word.
    pub fn is_word(&self, key: &str) -> bool {
        self.entries.get(key).is_some()
    }

    /// Whether the two normalized syllables `a b` are a known word:
    /// [`Segmenter::is_word`] of [`crate::token::pair`]`(a, b)`, without
    /// building the key on the heap.
    pub fn is_word_pair(&self, a: &str, b: &str) -> bool {
        self.entries.get_pair(a, b).is_some()
    }

    /// Segments a run of tokens (as [`Analyzer`] gives them, of a text or
    /// a part of one); appends each word's length in tokens to `out` (the
    /// lengths add up to `toks.len()`).
    pub fn segment_into(&self, toks: &[Token], key: &mut String, out: &mut Vec<usize>) {
        self.segment_tokens(&self.entries, toks, key, out);
    }

    /// Like [`Segmenter::segment_into`], for tokens in folded form (text
    /// typed without diacritics, such as many queries).
    pub fn segment_folded_into(&self, toks: &[Token], key: &mut String, out: &mut Vec<usize>) {
        self.segment_tokens(&self.folded, toks, key, out);
    }

    /// Like [`Segmenter::segment_into`], for the syllables of `text` given
    /// by their normalized forms `terms` and their byte spans `spans`, one
    /// to one (as [`crate::IndexForms`] keeps them): the text is read as
    /// its tokens would be, without analysing it again.
    pub fn segment_spans_into(
        &self,
        text: &str,
        terms: &[&str],
        spans: &[Span],
        key: &mut String,
        out: &mut Vec<usize>,
    ) {
        let n = terms.len().min(spans.len());
        self.segment_with(
            &self.entries,
            n,
            |i| terms[i],
            |i| is_name_like(&text[spans[i].start..spans[i].end]),
            |i| {
                i > 0 && {
                    let gap = &text[spans[i - 1].end..spans[i].start];
                    !gap.is_empty() && gap.chars().all(char::is_whitespace)
                }
            },
            key,
            out,
        );
    }

    fn segment_tokens(
        &self,
        entries: &PhraseDict,
        toks: &[Token],
        key: &mut String,
        out: &mut Vec<usize>,
    ) {
        self.segment_with(
            entries,
            toks.len(),
            |i| toks[i].exact.as_str(),
            |i| toks[i].name_like,
            |i| toks[i].gap_is(gap::BLANK),
            key,
            out,
        );
    }

    /// Segments `n` syllables: syllable `i` has the normalized form
    /// `norm(i)`, is written as a name's syllable is when `name_like(i)`,
    /// and only white space separates it from syllable `i - 1` when
    /// `blank_before(i)` (never for the first).
    #[allow(clippy::too_many_arguments)]
    fn segment_with<'s>(
        &self,
        entries: &PhraseDict,
        n: usize,
        norm: impl Fn(usize) -> &'s str,
        name_like: impl Fn(usize) -> bool,
        blank_before: impl Fn(usize) -> bool,
        key: &mut String,
        out: &mut Vec<usize>,
    ) {
        let mut i = 0;
        while i < n {
            let mut best = 1;
            let syllable = |k: usize| (k == 0 || blank_before(i + k)).then(|| norm(i + k));
            // Words have two syllables or more: the first is not looked up.
            entries.walk_from(2, MAX_WORD.min(n - i), key, syllable, |len, _| {
                best = best.max(len)
            });
            if best == 1 && name_like(i) {
                let first = norm(i);
                if !NOT_NAME_STARTS.contains(&first) && !crate::type_words::starts_no_name(first) {
                    let mut j = i + 1;
                    while j < n && blank_before(j) && name_like(j) {
                        j += 1;
                    }
                    best = j - i;
                }
            }
            out.push(best);
            i += best;
        }
    }

    /// Segments one line of text: the line as it came in, with the white
    /// space inside each multi-syllable word replaced by `_`.
    pub fn segment_line(&self, line: &str) -> String {
        let toks = Analyzer::new().analyze(line);
        let mut lens = Vec::with_capacity(toks.len());
        self.segment_into(&toks, &mut String::new(), &mut lens);
        let mut out = String::with_capacity(line.len());
        let mut last = 0;
        let mut i = 0;
        for len in lens {
            for j in i + 1..i + len {
                out.push_str(&line[last..toks[j - 1].end]);
                out.push('_');
                last = toks[j].start;
            }
            i += len;
        }
        out.push_str(&line[last..]);
        out
    }

    /// Scores this segmenter on gold text in the treebank's `.seg` format.
    pub fn evaluate(&self, gold: &str) -> Scores {
        let mut scores = Scores {
            predicted: 0,
            gold: 0,
            correct: 0,
        };
        for line in gold.lines() {
            let raw = line.replace('_', " ");
            let pred = self.segment_line(&raw);
            let g = word_spans(line);
            let p = word_spans(&pred);
            scores.gold += g.len();
            scores.predicted += p.len();
            let gs: rustc_hash::FxHashSet<_> = g.into_iter().collect();
            scores.correct += p.iter().filter(|s| gs.contains(s)).count();
        }
        scores
    }
}

fn insert_into(map: &mut FxHashMap<String, u8>, key: &str) {
    for (i, b) in key.bytes().enumerate() {
        if b == b' ' {
            *map.entry(key[..i].to_string()).or_insert(0) |= PREFIX;
        }
    }
    *map.entry(key.to_string()).or_insert(0) |= WORD;
}

/// Learns from a segmented training text: its multi-syllable words join
/// `entries`, and a listed word written apart more often than together is
/// dropped.
fn learn(entries: &mut FxHashMap<String, u8>, train: &str, buf: &mut Vec<char>) {
    let mut joined: FxHashMap<String, u32> = FxHashMap::default();
    let mut key = String::new();
    for line in train.lines() {
        for w in line.split(' ').filter(|w| w.contains('_')) {
            normalized_key(w.split('_'), &mut key, buf);
            *joined.entry(key.clone()).or_default() += 1;
        }
    }
    for k in joined.keys() {
        insert_into(entries, k);
    }
    // Count how often each known word is written apart in the training text.
    let mut apart: FxHashMap<String, u32> = FxHashMap::default();
    let mut sylls: Vec<(String, bool)> = Vec::new();
    for line in train.lines() {
        sylls.clear();
        for w in line.split(' ') {
            for (k, s) in w.split('_').enumerate() {
                let mut n = String::new();
                normalize_token_into(s, &mut n, buf);
                sylls.push((n, k == 0));
            }
        }
        for i in 0..sylls.len() {
            key.clear();
            key.push_str(&sylls[i].0);
            for k in 2..=MAX_WORD.min(sylls.len() - i) {
                key.push(' ');
                key.push_str(&sylls[i + k - 1].0);
                let Some(&flags) = entries.get(key.as_str()) else {
                    break;
                };
                if flags & WORD != 0 {
                    let one_word = sylls[i].1
                        && (i + k == sylls.len() || sylls[i + k].1)
                        && (i + 1..i + k).all(|j| !sylls[j].1);
                    if !one_word {
                        *apart.entry(key.clone()).or_default() += 1;
                    }
                }
                if flags & PREFIX == 0 {
                    break;
                }
            }
        }
    }
    for (k, n) in apart {
        if n > joined.get(&k).copied().unwrap_or(0)
            && let Some(f) = entries.get_mut(k.as_str())
        {
            *f &= !WORD;
        }
    }
}

/// Spans, in whitespace-separated items, of the words of a `_`-joined line.
fn word_spans(line: &str) -> Vec<(usize, usize)> {
    let mut at = 0;
    line.split_whitespace()
        .map(|w| {
            let n = w.split('_').filter(|s| !s.is_empty()).count().max(1);
            let span = (at, at + n);
            at += n;
            span
        })
        .collect()
}

fn normalized_key<'a>(parts: impl Iterator<Item = &'a str>, key: &mut String, buf: &mut Vec<char>) {
    key.clear();
    for (i, p) in parts.enumerate() {
        if i > 0 {
            key.push(' ');
        }
        normalize_token_into(p, key, buf);
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static BUNDLED: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);

    #[test]
    fn the_bundled_table_is_what_the_data_gives() {
        let built = Segmenter::learned();
        assert!(
            built.table() == TABLE,
            "data/segmenter.tsv is out of date: run `cargo run -p vietdex-tokenize --example segmenter_table > crates/tokenize/data/segmenter.tsv`"
        );
        let loaded = Segmenter::from_table(TABLE).expect("bundled table");
        assert_eq!(loaded.entries.len(), built.entries.len());
        assert_eq!(loaded.folded.len(), built.folded.len());
        assert!(loaded.is_word("nông thôn"));
        // The dictionaries the build script wrote hold the same table.
        assert!(PhraseDict::new(Cow::Borrowed(FROZEN_EXACT)).is_ok());
        assert!(PhraseDict::new(Cow::Borrowed(FROZEN_FOLDED)).is_ok());
        assert!(Segmenter::bundled().table() == TABLE);
    }

    #[test]
    fn a_bad_table_line_is_an_error_naming_it() {
        let e = Segmenter::from_table("e\t1\tnông thôn\nf\t1\tnong thon\nnông thôn\n")
            .expect_err("bad line");
        assert!(e.starts_with("line 3: "), "{e}");
        let ok = Segmenter::from_table("e\t3\tnông thôn\n").expect("table");
        assert!(ok.is_word("nông thôn"));
    }

    #[test]
    fn joins_words_and_names() {
        let s = &*BUNDLED;
        assert_eq!(
            s.segment_line("Xây dựng nông thôn mới ở huyện Phú Lương"),
            "Xây_dựng nông_thôn mới ở huyện Phú_Lương"
        );
        assert_eq!(
            s.segment_line("tỉnh Thái Nguyên, huyện Đại Từ."),
            "tỉnh Thái_Nguyên, huyện Đại_Từ."
        );
    }

    #[test]
    fn never_alters_syllables() {
        let s = &*BUNDLED;
        for line in [
            "  Trả lời  phỏng vấn ,\tông Lộc nói ",
            "HOÀ BÌNH hoà bình Hòa Bình",
            "",
            "...",
            "a_b c",
        ] {
            let out = s.segment_line(line);
            assert_eq!(
                out.replace('_', " ").split_whitespace().collect::<Vec<_>>(),
                line.replace('_', " ")
                    .split_whitespace()
                    .collect::<Vec<_>>(),
                "{line:?}"
            );
        }
    }

    #[test]
    fn names_are_runs_of_capitalized_syllables_not_capitals() {
        let s = &*BUNDLED;
        assert_eq!(
            s.segment_line("Nguyễn Văn A, ông Trương Định, HĐND Bạch Đằng"),
            "Nguyễn_Văn A, ông Trương_Định, HĐND Bạch_Đằng"
        );
    }

    /// Segments `text` from its tokens, and from its terms and spans.
    fn both_ways(text: &str) -> (Vec<usize>, Vec<usize>) {
        let s = &*BUNDLED;
        let toks = Analyzer::new().analyze(text);
        let mut key = String::new();
        let mut from_tokens = Vec::new();
        s.segment_into(&toks, &mut key, &mut from_tokens);
        let terms: Vec<&str> = toks.iter().map(|t| t.exact.as_str()).collect();
        let spans: Vec<Span> = toks
            .iter()
            .map(|t| Span {
                start: t.start,
                end: t.end,
            })
            .collect();
        let mut from_spans = Vec::new();
        s.segment_spans_into(text, &terms, &spans, &mut key, &mut from_spans);
        (from_tokens, from_spans)
    }

    proptest::proptest! {
        #[test]
        fn tokens_and_spans_are_read_alike(text in "[ a-zA-Z0-9.,\\-'ʼàáạảãâầấậẩẫăằắặẳẵèéẹẻẽêềếệểễìíịỉĩòóọỏõôồốộổỗơờớợởỡùúụủũưừứựửữđĐÀÁẠẢÃÂẦẤẬĂẰẮỨỪỰƯƠÊỂ\u{300}\u{301}\u{345}\u{a0}\u{200b}\u{2028}\n\t中ǅ]{0,80}") {
            let (a, b) = both_ways(&text);
            proptest::prop_assert_eq!(a, b);
            let toks = Analyzer::new().analyze(&text);
            for (i, t) in toks.iter().enumerate() {
                let gap = &text[if i == 0 { 0 } else { toks[i - 1].end }..t.start];
                proptest::prop_assert_eq!(
                    t.gap_is(gap::BLANK),
                    i > 0 && !gap.is_empty() && gap.chars().all(char::is_whitespace)
                );
            }
        }
    }

    #[test]
    fn no_word_across_punctuation() {
        let s = &*BUNDLED;
        assert_eq!(s.segment_line("nông thôn, mới"), "nông_thôn, mới");
    }

    #[test]
    fn dev_split_f1_at_least_96() {
        let scores = BUNDLED.evaluate(include_str!("../data/ud-vi-vtb/dev.seg"));
        eprintln!(
            "dev.seg: P={:.4} R={:.4} F1={:.4}",
            scores.precision(),
            scores.recall(),
            scores.f1()
        );
        assert!(scores.f1() >= 0.960, "{scores:?}");
    }
}

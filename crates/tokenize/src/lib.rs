//! Vietnamese text analysis for vietdex.
//!
//! - [`normalize`]: NFC, one tone-mark placement (`hoà` = `hòa`), lowercase
//!   with `Đ`/`Ð` → `đ`; borrows when the input is already normalized.
//! - [`fold`]: the lossy form without tone and quality marks (`đại từ` →
//!   `dai tu`), indexed beside the exact one.
//! - [`steps`]: both as small steps, one function each, each with its
//!   contract test: the lossless `drop_ignorables`, `compose` (NFC),
//!   `lowercase` and `place_tones`, then `compose` again for the exact form
//!   or the lossy `fold` for the folded one. [`normalize_token_into`],
//!   [`fold_token_into`] and [`token_forms_into`] are their fused,
//!   allocation-free composition for one token, checked equal to the steps
//!   on random input.
//! - [`Analyzer`]: the [`Token`]s of a text (span, exact and folded forms,
//!   shape, what separates each from the one before), the one token type
//!   queries, entities, segmentation and indexing read.
//! - [`Tokens`]: the tokens of a text in one [`Form`] (exact or folded):
//!   syllables, whole numbers, abbreviations and links, with byte offsets
//!   into the original text, NFD included.
//! - [`IndexForms`]: the exact, folded and pair terms a document is indexed
//!   with, from one analysis.
//! - [`Segmenter`]: word segmentation (`nông_thôn_mới`, `Thái_Nguyên`).
//! - [`Abbreviations`]: `NTM` ↔ `nông thôn mới` and the rest of the press's
//!   abbreviations.
//! - [`PhraseDict`]: phrases of syllables with ids and their prefixes, and
//!   the one longest-match walk the segmenter, the abbreviations, the
//!   gazetteer and the program table share.
//! - [`type_words`]: the type words of places (`huyện`, `thị xã`, `TP`,
//!   `thôn` …) with their levels.
//!
//! All of this knows no search engine. The cargo feature `tantivy` (off by
//! default) adds the Tantivy tokenizers, thin adapters over [`Tokens`]:
//! `VietnameseTokenizer` (exact or folded syllables) and `PairTokenizer`
//! (pairs of common syllables).
//!
//! ```
//! use vietdex_tokenize::{Analyzer, normalize, fold, Segmenter};
//!
//! assert_eq!(normalize("HOÀ BÌNH"), "hòa bình");
//! assert_eq!(fold("Đại Từ"), "dai tu");
//! let toks = Analyzer::new().analyze("Huyện Đại Từ");
//! assert_eq!((toks[1].exact.as_str(), toks[1].folded.as_str()), ("đại", "dai"));
//! assert_eq!((toks[1].start, toks[1].end), (8, 14));
//! assert_eq!(Segmenter::bundled().segment_line("xây dựng nông thôn"), "xây_dựng nông_thôn");
//! ```

mod abbrev;
mod abbrev_table;
pub mod chars;
mod common;
mod forms;
pub mod frozen;
mod normalize;
mod pairs;
pub mod phrases;
mod segment;
mod segmenter_table;
#[cfg(feature = "tantivy")]
mod tantivy;
pub mod token;
mod tokenizer;
pub mod tsv;
pub mod type_words;

pub use abbrev::{AbbrevMatch, Abbreviations};
pub use common::{
    COMMON_SYLLABLES, common_id, is_common, is_common_pair, is_pair, is_pair_term,
    learned_common_syllables, learned_pairs,
};
pub use forms::{IndexForms, TERM_SEPARATOR, terms};
pub use frozen::FrozenMap;
pub use normalize::{
    fold, fold_token_into, has_diacritics, normalize, normalize_token_into, place_tone,
    place_tones, steps, token_forms_into, token_is_normalized,
};
pub use pairs::pair_term;
pub use phrases::{Entry as PhraseEntry, PhraseBuilder, PhraseDict};
pub use segment::{LEXICON, MAX_WORD, Scores, Segmenter};
#[cfg(feature = "tantivy")]
pub use tantivy::{PairTokenStream, PairTokenizer, VietnameseTokenStream, VietnameseTokenizer};
pub use token::{Analysis, Analyzer, Token, is_name_like};
pub use tokenizer::{Form, Scanner, Span, Tokens};

/// Name under which the exact tokenizer is registered with Tantivy.
pub const EXACT_TOKENIZER: &str = "vi_exact";
/// Name under which the folded tokenizer is registered with Tantivy.
pub const FOLDED_TOKENIZER: &str = "vi_folded";
/// Name under which the folded-pair tokenizer is registered with Tantivy.
/// It names the pairs indexed (those of common syllables inside words, see
/// [`is_pair`]) by a hash of the tables that decide them, `data/common.txt`
/// and `data/pairs.txt`: an index built with other pairs has another name
/// here and is reported as incompatible, and a test fails until a change
/// to either table renames it.
pub const PAIRS_TOKENIZER: &str = "vi_word_pairs_caf40ff073d7f385";

#[cfg(test)]
mod tests {
    /// FNV-1a (64 bits): a hash whose value no library version can change.
    fn fnv1a(bytes: impl IntoIterator<Item = u8>) -> u64 {
        bytes.into_iter().fold(0xcbf2_9ce4_8422_2325, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
        })
    }

    #[test]
    fn the_pair_tokenizer_is_named_by_the_tables_that_decide_the_pairs() {
        let tables = include_bytes!("../data/common.txt")
            .iter()
            .chain(&[0])
            .chain(include_bytes!("../data/pairs.txt"))
            .copied();
        let name = format!("vi_word_pairs_{:016x}", fnv1a(tables));
        assert_eq!(
            super::PAIRS_TOKENIZER,
            name,
            "the pair tables changed: rename the tokenizer so older indexes are reported incompatible"
        );
    }
}

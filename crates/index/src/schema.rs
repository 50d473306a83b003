//! Fields of the vietdex index and the analyzers behind them.
//!
//! The headline and the text are stored as written (`title`, `body`) and
//! indexed three ways: `title_exact`/`body_exact`, the exact (normalized)
//! syllables, by presence only; `title_folded`/`body_folded`, the folded
//! syllables, with frequencies and positions; `title_pairs`/`body_pairs`,
//! the folded pairs of common syllables. Queries match and score on the
//! folded fields, use the pairs for phrases, and rank documents that also
//! hold the exact syllables in a higher tier.
//!
//! Documents are analysed before they reach Tantivy, once, into
//! [`IndexForms`](vietdex_tokenize::IndexForms): each indexed field receives its
//! form's terms joined by [`TERM_SEPARATOR`], and the analyzer registered
//! for it ([`TermsTokenizer`]) only splits them. The writer threads build
//! postings; the analysis itself runs in the pipeline's parallel stage.

use tantivy::Index;
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer, Token, TokenStream, Tokenizer};
use vietdex_tokenize::{
    EXACT_TOKENIZER, FOLDED_TOKENIZER, Form, PAIRS_TOKENIZER, TERM_SEPARATOR, VietnameseTokenizer,
};

/// Tokens longer than this many bytes are not indexed (runaway strings in
/// scraped pages).
pub const MAX_TOKEN_BYTES: usize = 120;

/// Handles on the index fields.
#[derive(Debug, Clone, Copy)]
pub struct Fields {
    /// Article identifier.
    pub id: Field,
    /// Source path (or paths, for exact duplicates).
    pub source: Field,
    /// Original URL.
    pub url: Field,
    /// Headline as written, stored.
    pub title: Field,
    /// Headline, exact terms.
    pub title_exact: Field,
    /// Headline, folded.
    pub title_folded: Field,
    /// Text as written, stored.
    pub body: Field,
    /// Text, exact terms.
    pub body_exact: Field,
    /// Text, folded.
    pub body_folded: Field,
    /// Headline, folded syllable pairs (phrases without positions).
    pub title_pairs: Field,
    /// Text, folded syllable pairs.
    pub body_pairs: Field,
    /// Publication date.
    pub published: Field,
    /// Publication date as written in ISO form (day, month or year precision).
    pub published_text: Field,
    /// Outlet.
    pub outlet: Field,
    /// Byline.
    pub author: Field,
    /// Entities as JSON (offsets into `title + "\n\n" + body`).
    pub entities: Field,
    /// Entity keys for filters and aggregations (`district:Huyện Đại Từ`,
    /// `program:ntm` …), see `vietdex_pipeline::EntityKey`.
    pub entity: Field,
}

/// The exact form: indexed by presence only (documents, no frequencies or
/// positions): it decides the exact tier, while scoring and adjacency come
/// from the folded fields. Documents give it each term once
/// ([`vietdex_tokenize::IndexForms::distinct_exact`]).
fn exact() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(EXACT_TOKENIZER)
            .set_index_option(IndexRecordOption::Basic),
    )
}

/// The folded form: frequencies for scoring, positions for phrases.
fn folded() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(FOLDED_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqsAndPositions),
    )
}

fn pairs() -> TextOptions {
    TextOptions::default().set_indexing_options(
        TextFieldIndexing::default()
            .set_tokenizer(PAIRS_TOKENIZER)
            .set_index_option(IndexRecordOption::WithFreqs),
    )
}

/// Builds the schema and the field handles.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        id: b.add_text_field("id", STRING | STORED),
        source: b.add_text_field("source", STRING | STORED),
        url: b.add_text_field("url", STRING | STORED),
        title: b.add_text_field("title", STORED),
        title_exact: b.add_text_field("title_exact", exact()),
        title_folded: b.add_text_field("title_folded", folded()),
        body: b.add_text_field("body", STORED),
        body_exact: b.add_text_field("body_exact", exact()),
        body_folded: b.add_text_field("body_folded", folded()),
        title_pairs: b.add_text_field("title_pairs", pairs()),
        body_pairs: b.add_text_field("body_pairs", pairs()),
        published: b.add_date_field(
            "published",
            DateOptions::from(INDEXED).set_stored().set_fast(),
        ),
        published_text: b.add_text_field("published_text", STRING | STORED),
        outlet: b.add_text_field("outlet", STRING | STORED),
        author: b.add_text_field("author", STRING | STORED),
        entities: b.add_text_field("entities", STORED),
        entity: b.add_text_field("entity", STRING | FAST),
    };
    (b.build(), fields)
}

/// An analyzer in the given form, as registered with Tantivy.
pub fn analyzer(form: Form) -> TextAnalyzer {
    TextAnalyzer::builder(VietnameseTokenizer::new(form))
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Registers the analyzers of the indexed text fields on an index: each
/// splits the terms of one form of [`vietdex_tokenize::IndexForms`] and
/// drops terms longer than [`MAX_TOKEN_BYTES`], as the query side does.
pub fn register(index: &Index) {
    for name in [EXACT_TOKENIZER, FOLDED_TOKENIZER, PAIRS_TOKENIZER] {
        index.tokenizers().register(name, terms_analyzer());
    }
}

/// The analyzer of an encoded form: its terms, positions counted from 0.
pub fn terms_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(TermsTokenizer::default())
        .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
        .build()
}

/// Splits a form encoded by [`vietdex_tokenize::IndexForms`] into its terms.
#[derive(Debug, Clone, Default)]
pub struct TermsTokenizer {
    token: Token,
}

impl Tokenizer for TermsTokenizer {
    type TokenStream<'a> = TermsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> TermsStream<'a> {
        self.token.reset();
        TermsStream {
            text,
            pos: 0,
            token: &mut self.token,
        }
    }
}

/// The token stream of [`TermsTokenizer`].
#[derive(Debug)]
pub struct TermsStream<'a> {
    text: &'a str,
    pos: usize,
    token: &'a mut Token,
}

impl TokenStream for TermsStream<'_> {
    fn advance(&mut self) -> bool {
        while self.pos < self.text.len() {
            let rest = &self.text[self.pos..];
            let len = rest.find(TERM_SEPARATOR).unwrap_or(rest.len());
            let start = self.pos;
            self.pos += len + TERM_SEPARATOR.len_utf8();
            if len == 0 {
                continue;
            }
            let t = &mut *self.token;
            t.text.clear();
            t.text.push_str(&rest[..len]);
            t.offset_from = start;
            t.offset_to = start + len;
            t.position = t.position.wrapping_add(1);
            return true;
        }
        false
    }

    fn token(&self) -> &Token {
        self.token
    }

    fn token_mut(&mut self) -> &mut Token {
        self.token
    }
}

/// The field handles of an opened index, checked against this schema.
pub fn fields_of(index: &Index) -> Option<Fields> {
    let (expected, fields) = schema();
    let actual = index.schema();
    let same = expected.fields().all(|(f, entry)| {
        actual.get_field(entry.name()).ok() == Some(f) && actual.get_field_entry(f) == entry
    });
    (same && actual.num_fields() == expected.num_fields()).then_some(fields)
}

#[cfg(test)]
mod tests {
    use tantivy::tokenizer::TextAnalyzer;
    use vietdex_tokenize::{IndexForms, PairTokenizer};

    use super::*;

    /// (term, position) of every token an analyzer gives for `text`.
    fn tokens(analyzer: &mut TextAnalyzer, text: &str) -> Vec<(String, usize)> {
        let mut s = analyzer.token_stream(text);
        let mut out = Vec::new();
        while s.advance() {
            out.push((s.token().text.clone(), s.token().position));
        }
        out
    }

    fn long<T: Tokenizer>(t: T) -> TextAnalyzer {
        TextAnalyzer::builder(t)
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .build()
    }

    /// What each indexed field receives: the analysed forms split by the
    /// registered analyzer give the same terms at the same positions as the
    /// Vietnamese tokenizers run on the text itself (which is how queries
    /// are analysed: the same scanner and normalization).
    fn same_terms_as_the_tokenizers(text: &str) {
        let forms = IndexForms::of(text);
        let mut split = terms_analyzer();
        let mut exact = long(VietnameseTokenizer::new(Form::Exact));
        let mut folded = long(VietnameseTokenizer::new(Form::Folded));
        let mut pairs = long(PairTokenizer::new(Form::Folded));
        assert_eq!(
            tokens(&mut split, &forms.exact),
            tokens(&mut exact, text),
            "exact: {text:?}"
        );
        assert_eq!(
            tokens(&mut split, &forms.folded),
            tokens(&mut folded, text),
            "folded: {text:?}"
        );
        assert_eq!(
            tokens(&mut split, &forms.pairs),
            tokens(&mut pairs, text),
            "pairs: {text:?}"
        );
    }

    #[test]
    fn indexed_terms_are_the_tokenizers_terms() {
        let runaway = "x".repeat(MAX_TOKEN_BYTES + 5);
        for text in [
            "",
            "Huyện Đại Từ xây dựng nông thôn mới, đạt 99,72% kế hoạch.",
            "Hoà Bình \u{301} NTM TP.HCM https://x.vn/a?b=c KT-XH COVID-19",
            &format!("Hà Nội {runaway} Đà Nẵng nông thôn"),
        ] {
            same_terms_as_the_tokenizers(text);
        }
    }

    proptest::proptest! {
        #[test]
        fn indexed_terms_are_the_tokenizers_terms_on_any_text(
            text in "[ a-zA-Z0-9.,:/_\\-àáạảãâầấậăằắèéẹêềếìíịòóọôồốơờớùúụưừứỳýđĐ\u{300}\u{301}\u{323}\u{a0}\n]{0,200}"
        ) {
            same_terms_as_the_tokenizers(&text);
        }
    }
}

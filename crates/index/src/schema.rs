//! Fields of the vietdex index and the analyzers behind them.
//!
//! Every searchable text is indexed three ways: `title`/`body` with the
//! exact (normalized) tokenizer, stored, by presence only;
//! `title_folded`/`body_folded` with the folded tokenizer, with frequencies
//! and positions; `title_pairs`/`body_pairs` as folded pairs of common
//! syllables. Queries match and score on the folded fields, use the pairs
//! for phrases, and rank documents that also hold the exact syllables in a
//! higher tier.

use tantivy::Index;
use tantivy::schema::{
    DateOptions, FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema,
    TextFieldIndexing, TextOptions,
};
use tantivy::tokenizer::{RemoveLongFilter, TextAnalyzer};
use vietdex_tokenize::{
    EXACT_TOKENIZER, FOLDED_TOKENIZER, Form, PAIRS_TOKENIZER, PairTokenizer, VietnameseTokenizer,
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
    /// Headline, exact.
    pub title: Field,
    /// Headline, folded.
    pub title_folded: Field,
    /// Text, exact.
    pub body: Field,
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

/// The exact form: stored, indexed by presence only (documents, no
/// frequencies or positions): it decides the exact tier, while scoring and
/// adjacency come from the folded fields.
fn exact() -> TextOptions {
    TextOptions::default()
        .set_indexing_options(
            TextFieldIndexing::default()
                .set_tokenizer(EXACT_TOKENIZER)
                .set_index_option(IndexRecordOption::Basic),
        )
        .set_stored()
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
        title: b.add_text_field("title", exact()),
        title_folded: b.add_text_field("title_folded", folded()),
        body: b.add_text_field("body", exact()),
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

/// Registers the vietdex tokenizers on an index.
pub fn register(index: &Index) {
    index
        .tokenizers()
        .register(EXACT_TOKENIZER, analyzer(Form::Exact));
    index
        .tokenizers()
        .register(FOLDED_TOKENIZER, analyzer(Form::Folded));
    index.tokenizers().register(
        PAIRS_TOKENIZER,
        TextAnalyzer::builder(PairTokenizer::new(Form::Folded))
            .filter(RemoveLongFilter::limit(MAX_TOKEN_BYTES))
            .build(),
    );
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

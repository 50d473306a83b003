//! The processing step every vietdex front-end shares: an [`Article`] read
//! by `vietdex-ingest` becomes a [`Document`] — its text, typed
//! publication date, fingerprints, entities, entity keys and the index
//! forms of its headline and body — through one function, [`process`], with
//! the language resources loaded once into [`Resources`] and passed
//! explicitly. [`read::run`] is the one loop that reads sources into
//! documents for a store (the index, an export).
//!
//! `vietdex index` stores documents in the index, `vietdex extract` prints
//! their entities; any other front-end (an HTTP server, a Python module, an
//! export to another search engine) calls the same [`process`] and so gets
//! the same documents.
//!
//! ```
//! use vietdex_ingest::Article;
//! use vietdex_pipeline::{Resources, process};
//!
//! let res = Resources::bundled()?; // once per process
//! let article = Article {
//!     title: "Đại Từ về đích nông thôn mới".into(),
//!     body: "Xã Vạn Thọ, huyện Đại Từ đạt 99,72% kế hoạch.".into(),
//!     published: Some("2024-04-08".into()),
//!     ..Article::default()
//! };
//! let doc = process(article, &res);
//! assert_eq!(doc.published.map(|d| d.to_string()).as_deref(), Some("2024-04-08"));
//! assert!(doc.entity_keys.iter().any(|k| k.to_string() == "district:Huyện Đại Từ"));
//! # Ok::<(), vietdex_pipeline::Error>(())
//! ```

pub mod filter;
pub mod query;
pub mod read;

use std::sync::OnceLock;

use serde::Serialize;
use vietdex_entities::{Context, Gazetteer, Knowledge, Programs};
use vietdex_tokenize::{Abbreviations, Analysis, Segmenter, Token};

pub use filter::{Filter, FilterError, FilterSpec, IndexedKind};
pub use query::ParsedQuery;
/// The entities crate, for the types a [`Document`] carries.
pub use vietdex_entities as entities;
pub use vietdex_entities::{Entity, EntityKey, LoadError};
pub use vietdex_ingest::fingerprint::cluster_assignments;
pub use vietdex_ingest::{Article, Date, escape, parse_date};
pub use vietdex_tokenize::IndexForms;

/// A language resource that could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A data file of the gazetteer or the entity rules.
    #[error("cannot load {0}")]
    Entities(#[from] LoadError),
    /// The abbreviation table.
    #[error("cannot load the abbreviation table: {0}")]
    Abbreviations(String),
}

/// The language resources documents and queries are analysed with: the
/// gazetteer, the program table, the word segmenter and the abbreviation
/// table. Make one value ([`Resources::bundled`] or [`Resources::new`]) and
/// pass it to every [`process`] call and every query; it is shared freely
/// between threads.
///
/// The bundled gazetteer and segmenter are read from tables compiled ahead
/// of time, still a few milliseconds each, so a bundled value loads each of
/// them when first used (once per value): a command that never looks a
/// place up does not pay for the gazetteer. [`Resources::preload`] builds both at once, side by side.
#[derive(Debug)]
pub struct Resources {
    gazetteer: OnceLock<Gazetteer>,
    programs: Programs,
    segmenter: OnceLock<Segmenter>,
    abbreviations: Abbreviations,
}

impl Resources {
    /// The resources shipped with vietdex. An error names the data file
    /// and what is wrong in it.
    pub fn bundled() -> Result<Resources, Error> {
        Ok(Resources {
            gazetteer: OnceLock::new(),
            programs: Programs::bundled()?,
            segmenter: OnceLock::new(),
            abbreviations: Abbreviations::bundled().map_err(Error::Abbreviations)?,
        })
    }

    /// Resources made of these parts (another gazetteer, a test table …).
    pub fn new(
        gazetteer: Gazetteer,
        programs: Programs,
        segmenter: Segmenter,
        abbreviations: Abbreviations,
    ) -> Resources {
        Resources {
            gazetteer: OnceLock::from(gazetteer),
            programs,
            segmenter: OnceLock::from(segmenter),
            abbreviations,
        }
    }

    /// Builds whatever is not built yet, the gazetteer and the segmenter
    /// side by side; for commands that will need everything (indexing,
    /// extraction) or a server about to answer.
    pub fn preload(&self) {
        std::thread::scope(|s| {
            s.spawn(|| self.gazetteer());
            self.segmenter();
        });
    }

    /// Administrative units (2024 hierarchy, 2025 reform).
    pub fn gazetteer(&self) -> &Gazetteer {
        self.gazetteer.get_or_init(Gazetteer::bundled)
    }

    /// National programs and their aliases.
    pub fn programs(&self) -> &Programs {
        &self.programs
    }

    /// Word segmentation (queries, and words inside names).
    pub fn segmenter(&self) -> &Segmenter {
        self.segmenter.get_or_init(Segmenter::bundled)
    }

    /// Abbreviations and their full forms.
    pub fn abbreviations(&self) -> &Abbreviations {
        &self.abbreviations
    }

    /// What entity extraction looks names up in.
    pub fn knowledge(&self) -> Knowledge<'_> {
        Knowledge {
            gazetteer: self.gazetteer(),
            programs: self.programs(),
            segmenter: self.segmenter(),
        }
    }
}

/// The duplicate fingerprints of an article (see
/// [`vietdex_ingest::fingerprint`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Fingerprints {
    /// Hash of the normalized text: equal for exact duplicates.
    pub content: u64,
    /// SimHash of the body, when it is long enough: near duplicates differ
    /// in a few bits.
    pub simhash: Option<u64>,
}

/// An article made ready for storage and search.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Document {
    /// The article as read and cleaned.
    pub article: Article,
    /// The text entities were extracted from and their character offsets
    /// point into: the headline, a blank line, the body
    /// ([`document_text`]).
    pub text: String,
    /// The publication date, when the article gives a valid one.
    pub published: Option<Date>,
    /// Duplicate fingerprints.
    pub fingerprints: Fingerprints,
    /// Entities, in text order.
    pub entities: Vec<Entity>,
    /// The keys the entities are indexed under (`district:Huyện Đại Từ`,
    /// `code:district:171`, `program:ntm:nâng cao` …), sorted by their
    /// text, unique.
    #[serde(serialize_with = "keys_as_text")]
    pub entity_keys: Vec<EntityKey>,
    /// The headline's and the body's terms in every indexed form, from one
    /// analysis (what a search engine indexes; queries are analysed by the
    /// same code).
    #[serde(skip)]
    pub forms: Forms,
}

/// The indexed forms of an article's headline and body.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Forms {
    /// The headline's terms.
    pub title: IndexForms,
    /// The body's terms.
    pub body: IndexForms,
}

impl Forms {
    /// The forms of an article's headline and body.
    pub fn of(article: &Article) -> Forms {
        let mut forms = Forms::default();
        forms.title.analyze(&article.title);
        forms.body.analyze(&article.body);
        forms
    }

    /// The forms of an article from the tokens of its [`document_text`]
    /// (headline, blank line, body), as [`vietdex_entities::analyzer`]
    /// gives them: the headline's tokens end before the blank line, the
    /// body's start after it (the scanner never joins across a line break).
    /// When a token was split at an apostrophe (the entity rules' reading
    /// of `Rʼlấp`, not the index's), the forms are analysed from the text.
    pub fn from_tokens(article: &Article, toks: &Analysis) -> Forms {
        if toks.split() {
            return Forms::of(article);
        }
        let title_end = article.title.len();
        let body_start = title_end + 2;
        let cut = toks.partition_point(|t| t.end <= title_end);
        let mut forms = Forms::default();
        forms.title.from_tokens(&toks[..cut], 0);
        forms.body.from_tokens(&toks[cut..], body_start);
        forms
    }
}

fn keys_as_text<S: serde::Serializer>(keys: &[EntityKey], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(keys.iter().map(ToString::to_string))
}

/// The text of an article that entities come from: headline, blank line,
/// body.
pub fn document_text(article: &Article) -> String {
    let mut text = String::with_capacity(article.title.len() + 2 + article.body.len());
    text.push_str(&article.title);
    text.push_str("\n\n");
    text.push_str(&article.body);
    text
}

/// Entities of a text. `published` gives the year of dates written without
/// one (`29-6`). [`process`] calls this on a document's text; call it
/// directly for text that is not an article (one line of a file).
pub fn extract(text: &str, published: Option<Date>, res: &Resources) -> Vec<Entity> {
    extract_tokens(text, &vietdex_entities::tokens(text), published, res)
}

fn extract_tokens(
    text: &str,
    toks: &[Token],
    published: Option<Date>,
    res: &Resources,
) -> Vec<Entity> {
    let ctx = Context {
        year: published.map(|d| d.year()),
    };
    vietdex_entities::extract_tokens(text, toks, &ctx, &res.knowledge())
}

/// Turns an article into a document. Never fails: a date that cannot be
/// read is left out (the article keeps it as written).
pub fn process(article: Article, res: &Resources) -> Document {
    let published = article.published.as_deref().and_then(|p| p.parse().ok());
    let text = document_text(&article);
    // One analysis of the text feeds extraction and the index forms.
    let toks = vietdex_entities::tokens(&text);
    let entities = extract_tokens(&text, &toks, published, res);
    let entity_keys = vietdex_entities::entity_keys(&entities);
    let fingerprints = Fingerprints {
        content: u64::from_str_radix(&article.id, 16).unwrap_or_default(),
        simhash: article.simhash,
    };
    let forms = Forms::from_tokens(&article, &toks);
    drop(toks);
    Document {
        article,
        text,
        published,
        fingerprints,
        entities,
        entity_keys,
        forms,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::LazyLock;

    use super::*;

    static RES: LazyLock<Resources> =
        LazyLock::new(|| Resources::bundled().expect("bundled resources"));

    fn article(title: &str, body: &str, published: Option<&str>) -> Article {
        Article {
            id: "00000000000000ff".into(),
            title: title.into(),
            body: body.into(),
            published: published.map(str::to_string),
            simhash: Some(7),
            ..Article::default()
        }
    }

    #[test]
    fn offsets_point_into_the_document_text() {
        let doc = process(
            article("Tin Đại Từ", "Xã Vạn Thọ, huyện Đại Từ đạt 99,72%.", None),
            &RES,
        );
        assert_eq!(
            doc.text,
            "Tin Đại Từ\n\nXã Vạn Thọ, huyện Đại Từ đạt 99,72%."
        );
        assert!(!doc.entities.is_empty());
        for e in &doc.entities {
            let got: String = doc
                .text
                .chars()
                .skip(e.start)
                .take(e.end - e.start)
                .collect();
            assert_eq!(got, e.text);
        }
        assert_eq!(
            doc.fingerprints,
            Fingerprints {
                content: 255,
                simhash: Some(7)
            }
        );
    }

    #[test]
    fn the_article_date_completes_partial_dates() {
        let doc = process(
            article("Họp", "Ngày 29-6 huyện họp.", Some("2023-06")),
            &RES,
        );
        assert_eq!(
            doc.published.map(|d| d.to_string()).as_deref(),
            Some("2023-06")
        );
        let date = doc
            .entities
            .iter()
            .find(|e| e.kind() == entities::Kind::Date)
            .expect("date");
        assert_eq!(date.value, "2023-06-29");
        let bad = process(article("Họp", "Họp.", Some("2023-02-30")), &RES);
        assert_eq!(bad.published, None);
        assert_eq!(bad.article.published.as_deref(), Some("2023-02-30"));
    }

    #[test]
    fn forms_from_the_document_tokens_are_those_of_headline_and_body() {
        let texts = [
            "",
            "Tin",
            "TP.",
            "www.x.vn",
            "KT-",
            "99,",
            "Hà Nội.",
            "Huyện Đại Từ — NTM TP.HCM https://x.vn/a?b=c",
            "a\u{301}",
            "\u{301}",
            "Đắk Rʼlấp",
            "ubnd@thainguyen.gov.vn",
            "\n",
        ];
        for title in texts {
            for body in texts {
                let a = article(title, body, None);
                let text = document_text(&a);
                let toks = vietdex_entities::tokens(&text);
                assert_eq!(
                    Forms::from_tokens(&a, &toks),
                    Forms::of(&a),
                    "{title:?} {body:?}"
                );
                if !toks.split() {
                    // No token reaches across the blank line.
                    let t = title.len();
                    assert!(
                        toks.iter().all(|k| k.end <= t || k.start >= t + 2),
                        "{title:?} {body:?}"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn forms_from_the_document_tokens_on_any_text(
            title in "[ a-zA-Z0-9.,:/@_+\\-'’àáạảãâđĐ\u{301}\u{323}\n]{0,30}",
            body in "[ a-zA-Z0-9.,:/@_+\\-'’àáạảãâđĐ\u{301}\u{323}\n]{0,30}",
        ) {
            let a = article(&title, &body, None);
            let toks = vietdex_entities::tokens(&document_text(&a));
            proptest::prop_assert_eq!(Forms::from_tokens(&a, &toks), Forms::of(&a));
        }
    }

    #[test]
    fn keys_come_from_the_entities() {
        let doc = process(
            article(
                "",
                "UBND huyện Đại Từ xây dựng nông thôn mới nâng cao.",
                None,
            ),
            &RES,
        );
        assert_eq!(
            doc.entity_keys,
            vietdex_entities::entity_keys(&doc.entities)
        );
        for key in [
            "district:Huyện Đại Từ",
            "code:district:171",
            "program:ntm:nâng cao",
        ] {
            assert!(
                doc.entity_keys.iter().any(|k| k.to_string() == key),
                "{key}: {:?}",
                doc.entity_keys
            );
        }
    }
}

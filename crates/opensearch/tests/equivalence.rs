//! Semantic equivalence: the engine query vietdex sends gives the same
//! documents, in the same ranking tiers, as `vietdex search` on the local
//! index.
//!
//! No engine can run here, so the engine is stood in for by an in-process
//! Tantivy index built from what an engine would receive: its fields are
//! made from the index template's mapping (the `whitespace` analyzer as
//! Tantivy's `WhitespaceTokenizer`, `index_options: docs` as presence only,
//! `keyword` as raw terms, `date` as dates), its documents are the exported
//! bulk sources of `corpus/`, and the engine query JSON is executed by a
//! small interpreter of the query DSL constructs the translation uses
//! (`bool`, `term`, `terms`, `match_phrase`, `constant_score`, `range`,
//! `match_all`); any other construct fails the test.

use std::collections::{BTreeMap, BTreeSet};
use std::ops::Bound;
use std::path::Path;
use std::sync::{Arc, LazyLock};

use serde_json::Value;
use tantivy::collector::TopDocs;
use tantivy::query::{
    AllQuery, BooleanQuery, BoostQuery, ConstScoreQuery, Occur, PhraseQuery, Query, RangeQuery,
    TermQuery,
};
use tantivy::schema::{
    DateOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing,
    TextOptions, Value as _,
};
use tantivy::tokenizer::{TextAnalyzer, WhitespaceTokenizer};
use tantivy::{DateTime, Index, TantivyDocument, Term};
use vietdex_index::{BuildOptions, FilterSpec, SearchOptions, Searcher};
use vietdex_opensearch::document::collect;
use vietdex_opensearch::template::{ANALYZER, index_template};
use vietdex_opensearch::translate;
use vietdex_pipeline::{FilterError, Resources};

static RES: LazyLock<Arc<Resources>> =
    LazyLock::new(|| Arc::new(Resources::bundled().expect("bundled resources")));

fn corpus() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus")
}

/// The stand-in engine: fields from the template, documents from the export.
struct Engine {
    index: Index,
    schema: Schema,
    /// Values of the keyword fields, for name filters.
    keywords: BTreeMap<String, BTreeSet<String>>,
}

impl Engine {
    fn new(sources: &[Value]) -> Engine {
        let template = index_template(&["vietdex*".into()]);
        let props = template["template"]["mappings"]["properties"]
            .as_object()
            .expect("properties");
        assert_eq!(
            template["template"]["settings"]["analysis"]["analyzer"][ANALYZER]["tokenizer"],
            "whitespace"
        );
        let mut b = Schema::builder();
        for (name, m) in props {
            match m["type"].as_str() {
                Some("text") if m["index"] == false => {}
                Some("text") => {
                    assert_eq!(m["analyzer"], ANALYZER, "{name}");
                    let opt = match m["index_options"].as_str() {
                        Some("docs") => IndexRecordOption::Basic,
                        Some("positions") | None => IndexRecordOption::WithFreqsAndPositions,
                        Some(o) => panic!("{name}: index_options {o}"),
                    };
                    b.add_text_field(
                        name,
                        TextOptions::default().set_indexing_options(
                            TextFieldIndexing::default()
                                .set_tokenizer("ws")
                                .set_index_option(opt),
                        ),
                    );
                }
                Some("keyword") => {
                    b.add_text_field(name, STRING | STORED);
                }
                Some("date") => {
                    b.add_date_field(name, DateOptions::from(INDEXED).set_fast());
                }
                Some("integer" | "nested") => {}
                t => panic!("{name}: type {t:?}"),
            }
        }
        let schema = b.build();
        let index = Index::create_in_ram(schema.clone());
        index.tokenizers().register(
            "ws",
            TextAnalyzer::builder(WhitespaceTokenizer::default()).build(),
        );
        let mut writer = index.writer(50_000_000).expect("writer");
        let mut keywords: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for src in sources {
            let mut doc = TantivyDocument::default();
            for (name, v) in src.as_object().expect("object") {
                let Ok(field) = schema.get_field(name) else {
                    continue;
                };
                let entry = schema.get_field_entry(field);
                let values: Vec<&Value> = match v {
                    Value::Array(a) => a.iter().collect(),
                    Value::Null => Vec::new(),
                    v => vec![v],
                };
                for v in values {
                    let s = v.as_str().expect("string value");
                    if matches!(entry.field_type(), tantivy::schema::FieldType::Date(_)) {
                        let d: vietdex_pipeline::Date = s.parse().expect("date");
                        doc.add_date(field, DateTime::from_timestamp_secs(d.unix_seconds()));
                    } else {
                        doc.add_text(field, s);
                        keywords
                            .entry(name.clone())
                            .or_default()
                            .insert(s.to_string());
                    }
                }
            }
            writer.add_document(doc).expect("add");
        }
        writer.commit().expect("commit");
        Engine {
            index,
            schema,
            keywords,
        }
    }

    fn field(&self, name: &str) -> Field {
        self.schema
            .get_field(name)
            .unwrap_or_else(|_| panic!("no field {name} in the template"))
    }

    /// The Tantivy query of an engine query.
    fn compile(&self, q: &Value) -> Box<dyn Query> {
        let (kind, body) = q
            .as_object()
            .and_then(|o| o.iter().next())
            .unwrap_or_else(|| panic!("not a query: {q}"));
        let field_and = |body: &Value| -> (Field, Value) {
            let (f, v) = body
                .as_object()
                .and_then(|o| o.iter().next())
                .expect("field");
            (self.field(f), v.clone())
        };
        let boosted = |q: Box<dyn Query>, v: &Value| -> Box<dyn Query> {
            match v.get("boost").and_then(Value::as_f64) {
                Some(b) => Box::new(BoostQuery::new(q, b as f32)),
                None => q,
            }
        };
        match kind.as_str() {
            "match_all" => Box::new(AllQuery),
            "term" => {
                let (f, v) = field_and(body);
                let text = v.get("value").unwrap_or(&v).as_str().expect("term value");
                boosted(
                    Box::new(TermQuery::new(
                        Term::from_field_text(f, text),
                        IndexRecordOption::WithFreqs,
                    )),
                    &v,
                )
            }
            "terms" => {
                let (f, v) = field_and(body);
                let terms: Vec<(Occur, Box<dyn Query>)> = v
                    .as_array()
                    .expect("terms array")
                    .iter()
                    .map(|t| {
                        (
                            Occur::Should,
                            Box::new(TermQuery::new(
                                Term::from_field_text(f, t.as_str().expect("term")),
                                IndexRecordOption::Basic,
                            )) as Box<dyn Query>,
                        )
                    })
                    .collect();
                Box::new(ConstScoreQuery::new(
                    Box::new(BooleanQuery::new(terms)),
                    1.0,
                ))
            }
            "match_phrase" => {
                let (f, v) = field_and(body);
                let text = v.get("query").unwrap_or(&v).as_str().expect("phrase");
                let terms: Vec<Term> = text
                    .split_whitespace()
                    .map(|t| Term::from_field_text(f, t))
                    .collect();
                let q: Box<dyn Query> = if terms.len() == 1 {
                    Box::new(TermQuery::new(
                        terms[0].clone(),
                        IndexRecordOption::WithFreqs,
                    ))
                } else {
                    Box::new(PhraseQuery::new(terms))
                };
                boosted(q, &v)
            }
            "constant_score" => Box::new(ConstScoreQuery::new(
                self.compile(&body["filter"]),
                body.get("boost").and_then(Value::as_f64).unwrap_or(1.0) as f32,
            )),
            "range" => {
                let (f, v) = field_and(body);
                assert_eq!(v["format"], "epoch_second");
                let at = |k: &str| {
                    v.get(k)
                        .and_then(Value::as_i64)
                        .map(|s| Term::from_field_date(f, DateTime::from_timestamp_secs(s)))
                };
                let lower = at("gte").map_or(Bound::Unbounded, Bound::Included);
                let upper = at("lt").map_or(Bound::Unbounded, Bound::Excluded);
                Box::new(RangeQuery::new(lower, upper))
            }
            "bool" => {
                let list = |k: &str| -> Vec<Box<dyn Query>> {
                    body.get(k)
                        .map(|v| match v {
                            Value::Array(a) => a.iter().map(|q| self.compile(q)).collect(),
                            q => vec![self.compile(q)],
                        })
                        .unwrap_or_default()
                };
                let (must, should, filter, must_not) = (
                    list("must"),
                    list("should"),
                    list("filter"),
                    list("must_not"),
                );
                let msm = body.get("minimum_should_match").and_then(Value::as_u64);
                assert!(msm.is_none() || msm == Some(1), "{body}");
                let mut parts: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                let has_required = !must.is_empty() || !filter.is_empty();
                parts.extend(must.into_iter().map(|q| (Occur::Must, q)));
                parts.extend(
                    filter
                        .into_iter()
                        .map(|q| (Occur::Must, Box::new(ConstScoreQuery::new(q, 0.0)) as _)),
                );
                if has_required && msm == Some(1) && !should.is_empty() {
                    let any =
                        BooleanQuery::new(should.into_iter().map(|q| (Occur::Should, q)).collect());
                    parts.push((Occur::Must, Box::new(any)));
                } else {
                    parts.extend(should.into_iter().map(|q| (Occur::Should, q)));
                }
                let only_negative = parts.is_empty();
                parts.extend(must_not.into_iter().map(|q| (Occur::MustNot, q)));
                if only_negative {
                    parts.push((Occur::Must, Box::new(AllQuery)));
                }
                Box::new(BooleanQuery::new(parts))
            }
            k => panic!("query construct `{k}` is not interpreted: {q}"),
        }
    }

    /// Ids and tiers of every match.
    fn run(&self, q: &Value) -> Vec<(String, u32)> {
        let searcher = self.index.reader().expect("reader").searcher();
        let top = searcher
            .search(
                &self.compile(q),
                &TopDocs::with_limit(10_000).order_by_score(),
            )
            .expect("search");
        let id = self.field("id");
        top.into_iter()
            .map(|(score, addr)| {
                let doc: TantivyDocument = searcher.doc(addr).expect("doc");
                let id = doc
                    .get_first(id)
                    .and_then(|v| v.as_str())
                    .expect("id")
                    .to_string();
                (id, tier(score))
            })
            .collect()
    }
}

fn tier(score: f32) -> u32 {
    (score / vietdex_index::query::EXACT_TIER).floor() as u32
}

struct Fixture {
    native: Searcher,
    engine: Engine,
    _dir: tempfile::TempDir,
}

static FIXTURE: LazyLock<Fixture> = LazyLock::new(|| {
    let dir = tempfile::tempdir().expect("tempdir");
    let res = Arc::clone(&RES);
    vietdex_index::build(
        &[corpus()],
        &dir.path().join("index"),
        &BuildOptions::default(),
        &res,
        &|_| {},
    )
    .expect("native index");
    let native = Searcher::open(&dir.path().join("index"), Arc::clone(&res)).expect("open");
    let collected = collect(
        &[corpus()],
        &vietdex_pipeline::read::Options::default(),
        &res,
    );
    let mut sources = Vec::new();
    collected
        .for_each_source(&res, |_, s| {
            sources.push(serde_json::from_str(s).expect("json"));
            Ok(())
        })
        .expect("export");
    assert_eq!(sources.len() as u64, native.num_docs());
    Fixture {
        native,
        engine: Engine::new(&sources),
        _dir: dir,
    }
});

#[derive(Debug, Clone, Copy)]
enum F {
    None,
    Province(&'static str),
    District(&'static str),
    Commune(&'static str),
    CommuneAnyEra(&'static str),
    Program(&'static str),
    Org(&'static str),
    Person(&'static str),
    Entity(&'static str),
    Dates(Option<&'static str>, Option<&'static str>),
    Source(&'static str),
}

fn spec(f: F) -> FilterSpec {
    let mut s = FilterSpec::default();
    match f {
        F::None => {}
        F::Province(v) => s.province.push(v.into()),
        F::District(v) => s.district.push(v.into()),
        F::Commune(v) => s.commune.push(v.into()),
        F::CommuneAnyEra(v) => {
            s.commune.push(v.into());
            s.across_reform = true;
        }
        F::Program(v) => s.program.push(v.into()),
        F::Org(v) => s.org.push(v.into()),
        F::Person(v) => s.person.push(v.into()),
        F::Entity(v) => s.entity.push(v.into()),
        F::Dates(from, to) => {
            s.from = from.map(str::to_string);
            s.to = to.map(str::to_string);
        }
        F::Source(v) => s.source.push(v.into()),
    }
    s
}

/// (query, filter, whether it must match something on corpus/)
const CASES: &[(&str, F, bool)] = &[
    ("Đại Từ", F::None, true),
    ("dai tu", F::None, true),
    ("đại tu", F::None, true),
    ("\"Đại Từ\"", F::None, true),
    ("\"dai tu\"", F::None, true),
    ("nông thôn mới", F::None, true),
    ("nong thon moi", F::None, true),
    ("NTM", F::None, true),
    ("ntm", F::None, true),
    ("NTM nâng cao", F::None, true),
    ("OCOP", F::None, true),
    ("mỗi xã một sản phẩm", F::None, true),
    ("UBND", F::None, true),
    ("Ủy ban nhân dân", F::None, true),
    ("Phú Lương", F::None, true),
    ("phu luong", F::None, true),
    ("Thạch Hà OR Hà Trung", F::None, true),
    ("NTM OR OCOP Thái Nguyên", F::None, true),
    ("Thái Nguyên -\"Đại Từ\"", F::None, false),
    ("Thái Nguyên -\"đại tu\"", F::None, true),
    ("nông thôn mới -OCOP", F::None, false),
    ("Thái Nguyên -dai", F::None, false),
    ("hoà", F::None, false),
    ("hòa", F::None, false),
    ("Định Hóa", F::None, true),
    ("xây dựng nông thôn mới kiểu mẫu", F::None, true),
    ("99,72", F::None, false),
    ("giảm nghèo bền vững", F::None, true),
    ("\"Vạn Thọ\" OR \"Ngọc Sơn\"", F::None, true),
    ("không có gì như thế này", F::None, false),
    ("", F::District("dai tu"), true),
    ("nông thôn mới", F::District("Đại Từ"), true),
    ("", F::Province("Thái Nguyên"), true),
    ("huyện", F::Province("ha tinh"), true),
    ("", F::Commune("Ngọc Sơn, Thạch Hà"), true),
    ("", F::CommuneAnyEra("Vạn Thọ, Đại Từ"), true),
    ("", F::Program("NTM nâng cao"), true),
    ("Đại Từ", F::Program("OCOP"), true),
    ("", F::Org("UBND"), true),
    ("", F::Person("Nguyễn Văn Thi"), true),
    ("", F::Entity("district:Thạch Hà"), true),
    ("", F::Entity("place:gốc mít"), true),
    ("", F::Dates(Some("2024"), None), true),
    ("", F::Dates(None, Some("2023")), true),
    (
        "nông thôn",
        F::Dates(Some("2021-01"), Some("2023-06")),
        true,
    ),
    ("", F::Source("xây dựng"), true),
];

#[test]
fn translated_queries_find_the_same_documents_in_the_same_tiers() {
    let fx = &*FIXTURE;
    let mut checked = 0;
    for &(q, f, must_match) in CASES {
        let filters = spec(f).resolve(&RES).expect("filters");
        let parsed = vietdex_pipeline::query::parse(q, &RES);
        let native = fx
            .native
            .search_parsed(
                &parsed,
                &SearchOptions {
                    limit: 10_000,
                    dedup: false,
                    filters: filters.clone(),
                },
            )
            .expect("native search");
        let mut want: Vec<(String, u32)> = native
            .hits
            .iter()
            .map(|h| (h.doc.id.clone(), tier(h.score)))
            .collect();
        let engine_filters = translate::filters(&filters, &mut |field: &str| {
            Ok::<_, FilterError>(
                fx.engine
                    .keywords
                    .get(field)
                    .map(|s| s.iter().cloned().collect())
                    .unwrap_or_default(),
            )
        })
        .expect("translated filters");
        let query = translate::combined(&parsed, engine_filters);
        let mut got = fx.engine.run(&query);
        assert_eq!(native.total, want.len());
        if must_match {
            assert!(!want.is_empty(), "{q:?} {f:?} should match on corpus/");
        }
        // Tier order: both rankings list tiers best first.
        for list in [&want, &got] {
            assert!(
                list.windows(2)
                    .all(|w| w[0].1 >= w[1].1 || parsed.required.is_empty()),
                "{q:?} {f:?}: tiers out of order {list:?}"
            );
        }
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        got.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        if parsed.required.is_empty() {
            // Listing by date: same documents, tiers do not apply.
            let ids = |v: &[(String, u32)]| v.iter().map(|x| x.0.clone()).collect::<Vec<_>>();
            assert_eq!(ids(&got), ids(&want), "{q:?} {f:?}\n{query:#}");
        } else {
            assert_eq!(got, want, "{q:?} {f:?}\n{query:#}");
        }
        checked += 1;
    }
    assert!(checked >= 30);
}

#[test]
fn the_tier_query_holds_a_constant_score_only_when_typed_with_diacritics() {
    let q = |s: &str| translate::query(&vietdex_pipeline::query::parse(s, &RES)).to_string();
    assert!(q("Đại Từ").contains("constant_score"));
    assert!(!q("dai tu").contains("constant_score"));
}

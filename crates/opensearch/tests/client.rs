//! The client against a mock engine on 127.0.0.1: the request bodies for
//! every query feature and filter, real-shaped answers (hits, aggregations,
//! bulk items), error statuses, a timeout and a partially failed bulk.

use std::sync::{Arc, LazyLock, Mutex};
use std::time::Duration;

use serde_json::{Value, json};
use vietdex_index::{EntityRequest, Period, SearchOptions};
use vietdex_opensearch::client::Rejected;
use vietdex_opensearch::{Backend, BulkReport, Credentials, Error};
use vietdex_pipeline::entities::Kind;
use vietdex_pipeline::{FilterSpec, Resources};

static RES: LazyLock<Resources> =
    LazyLock::new(|| Resources::bundled().expect("bundled resources"));

/// A search answer as OpenSearch 2 / Elasticsearch 8 send it.
fn search_answer() -> Value {
    json!({
        "took": 3, "timed_out": false,
        "_shards": {"total": 1, "successful": 1, "skipped": 0, "failed": 0},
        "hits": {
            "total": {"value": 2, "relation": "eq"},
            "max_score": 1004.2,
            "hits": [
                {"_index": "vietdex", "_id": "1111", "_score": 1004.2, "_source": {
                    "id": "1111", "path": "a/1.txt", "sources": ["a/1.txt", "b/1.txt"],
                    "url": "https://example.org/1", "title": "Đại Từ về đích",
                    "body": "Huyện Đại Từ về đích nông thôn mới.",
                    "published": "2024-04-08", "published_text": "2024-04-08",
                    "outlet": "Báo Thái Nguyên", "author": null,
                    "cluster": "1111", "cluster_size": 2,
                    "entities": [{"kind": "district", "text": "Đại Từ", "start": 0, "end": 6,
                        "value": "Huyện Đại Từ", "code": "171", "name": "Huyện Đại Từ",
                        "province": "Tỉnh Thái Nguyên"}]
                }},
                {"_index": "vietdex", "_id": "2222", "_score": 3.1, "_source": {
                    "id": "2222", "path": "a/2.txt", "sources": ["a/2.txt"], "title": "Đại tu đường",
                    "body": "Đại tu tuyến đường.", "published": null, "published_text": null,
                    "cluster": "1111", "cluster_size": 2, "entities": []
                }}
            ]
        }
    })
}

/// A mock engine recording every `_search` body; name lookups get a
/// composite page, entity counts an aggregation answer, searches hits.
struct Engine {
    server: mockito::ServerGuard,
    bodies: Arc<Mutex<Vec<Value>>>,
}

impl Engine {
    fn new() -> Engine {
        let mut server = mockito::Server::new();
        let bodies = Arc::new(Mutex::new(Vec::new()));
        let rec = Arc::clone(&bodies);
        server
            .mock("POST", "/vietdex/_search")
            .match_header("content-type", "application/json")
            .with_status(200)
            .with_header("content-type", "application/json")
            .with_body_from_request(move |req| {
                let body: Value =
                    serde_json::from_slice(req.body().expect("body")).expect("JSON body");
                rec.lock().expect("lock").push(body.clone());
                let answer = if let Some(c) = body.pointer("/aggs/values/composite") {
                    let field = c["sources"][0]["v"]["terms"]["field"].as_str().expect("field");
                    let values: &[&str] = match field {
                        "organization" => &["ubnd huyện đại từ", "ubnd xã vạn thọ", "sở nông nghiệp"],
                        "person" => &["Nguyễn Văn Thi", "Nguyễn Mạnh Hoạt"],
                        "outlet" => &["Báo Thái Nguyên", "Xây dựng"],
                        _ => &[],
                    };
                    let buckets: Vec<Value> = values
                        .iter()
                        .map(|v| json!({"key": {"v": v}, "doc_count": 1}))
                        .collect();
                    json!({"took": 1, "timed_out": false, "hits": {"total": {"value": 5, "relation": "eq"}, "hits": []},
                        "aggregations": {"values": {"after_key": {"v": values.last()}, "buckets": buckets}}})
                } else if body.pointer("/aggs/keys").is_some() {
                    json!({"took": 2, "timed_out": false, "hits": {"total": {"value": 4, "relation": "eq"}, "max_score": null, "hits": []},
                        "aggregations": {"keys": {"doc_count_error_upper_bound": 0, "sum_other_doc_count": 0, "buckets": [
                            {"key": "code:district:171", "doc_count": 3,
                             "periods": {"buckets": [
                                {"key_as_string": "2023", "key": 1672531200000_u64, "doc_count": 1},
                                {"key_as_string": "2024", "key": 1704067200000_u64, "doc_count": 1}]},
                             "undated": {"doc_count": 1}},
                            {"key": "district:Huyện Đại Từ", "doc_count": 3,
                             "periods": {"buckets": []}, "undated": {"doc_count": 3}},
                            {"key": "code:district:445", "doc_count": 1,
                             "periods": {"buckets": [{"key_as_string": "2021", "key": 1609459200000_u64, "doc_count": 1}]},
                             "undated": {"doc_count": 0}}
                        ]}}})
                } else {
                    search_answer()
                };
                answer.to_string().into_bytes()
            })
            .create();
        Engine { server, bodies }
    }

    fn backend(&self) -> Backend {
        Backend::new(&self.server.url(), None, Duration::from_secs(5)).expect("backend")
    }

    fn last(&self) -> Value {
        self.bodies
            .lock()
            .expect("lock")
            .last()
            .cloned()
            .expect("a request")
    }

    /// The translated query of a search for `q` with `spec`.
    fn query_of(&self, q: &str, spec: FilterSpec) -> Value {
        let filters = spec.resolve(&RES).expect("filters");
        let parsed = vietdex_pipeline::query::parse(q, &RES);
        self.backend()
            .search(
                &parsed,
                &SearchOptions {
                    limit: 10,
                    dedup: false,
                    filters,
                },
            )
            .expect("search");
        self.last()["query"].clone()
    }
}

fn contains(haystack: &Value, needle: &Value) -> bool {
    haystack == needle
        || match haystack {
            Value::Array(a) => a.iter().any(|v| contains(v, needle)),
            Value::Object(o) => o.values().any(|v| contains(v, needle)),
            _ => false,
        }
}

#[track_caller]
fn assert_has(q: &Value, part: Value) {
    assert!(contains(q, &part), "{part}\nnot in\n{q:#}");
}

#[test]
fn search_parses_hits_like_local_ones() {
    let engine = Engine::new();
    let parsed = vietdex_pipeline::query::parse("Đại Từ", &RES);
    let r = engine
        .backend()
        .search(
            &parsed,
            &SearchOptions {
                limit: 10,
                dedup: false,
                filters: vec![],
            },
        )
        .expect("search");
    assert_eq!(r.total, 2);
    assert_eq!(r.hits.len(), 2);
    let h = &r.hits[0];
    assert_eq!(h.doc.id, "1111");
    assert_eq!(h.doc.sources, ["a/1.txt", "b/1.txt"]);
    assert_eq!(h.doc.published.as_deref(), Some("2024-04-08"));
    assert_eq!(h.doc.outlet.as_deref(), Some("Báo Thái Nguyên"));
    assert_eq!((h.doc.cluster.as_str(), h.doc.cluster_size), ("1111", 2));
    assert!((h.score - 1004.2).abs() < 1e-3);
    assert_eq!(h.entities().len(), 1);
    // The snippet is made here, with the local highlighter.
    let marked: Vec<&str> = h
        .snippet
        .highlights
        .iter()
        .map(|&(a, b)| &h.snippet.text[a..b])
        .collect();
    assert_eq!(marked, ["Đại", "Từ"]);
    let body = engine.last();
    assert_eq!(body["size"], 10);
    assert_eq!(body["track_total_hits"], true);
    assert!(body.get("sort").is_none(), "ranked by score");
    // --dedup keeps one hit per cluster.
    let r = engine
        .backend()
        .search(
            &parsed,
            &SearchOptions {
                limit: 10,
                dedup: true,
                filters: vec![],
            },
        )
        .expect("search");
    assert_eq!(r.hits.len(), 1);
    assert_eq!(engine.last()["size"], 50);
    // An empty query lists by date, newest first.
    let empty = vietdex_pipeline::query::parse("", &RES);
    engine
        .backend()
        .search(&empty, &SearchOptions::default())
        .expect("search");
    let body = engine.last();
    assert_eq!(body["query"], json!({"match_all": {}}));
    assert_eq!(body["sort"][0]["published"]["order"], "desc");
}

#[test]
fn query_features_in_the_request_body() {
    let e = Engine::new();
    let none = FilterSpec::default;
    // Diacritics typed: folded phrase on positions, title boosted, exact tier.
    let q = e.query_of("Đại Từ", none());
    assert_has(
        &q,
        json!({"match_phrase": {"title_folded": {"query": "dai tu", "boost": 2.0}}}),
    );
    assert_has(
        &q,
        json!({"match_phrase": {"body_folded": {"query": "dai tu"}}}),
    );
    assert_has(
        &q,
        json!({"constant_score": {"boost": 1000.0, "filter": {"bool": {"minimum_should_match": 1, "should": [
            {"bool": {"filter": [{"term": {"title_exact": "từ"}}, {"term": {"title_exact": "đại"}}]}},
            {"bool": {"filter": [{"term": {"body_exact": "từ"}}, {"term": {"body_exact": "đại"}}]}}
        ]}}}}),
    );
    // Without diacritics: no tier.
    let q = e.query_of("dai tu", none());
    assert!(!contains(&q, &json!("constant_score")) && !q.to_string().contains("constant_score"));
    // One syllable: a term query.
    let q = e.query_of("huyện", none());
    assert_has(&q, json!({"term": {"body_folded": {"value": "huyen"}}}));
    // An abbreviation: every form, each a clause alternative.
    let q = e.query_of("NTM", none());
    assert_has(&q, json!({"term": {"body_folded": {"value": "ntm"}}}));
    assert_has(
        &q,
        json!({"match_phrase": {"body_folded": {"query": "nong thon moi"}}}),
    );
    // OR: one required group of two clauses; exclusions: must_not, the
    // exact form only when typed with diacritics.
    let q = e.query_of("NTM OR OCOP -\"đại tu\" -covid", none());
    let must_not = q["bool"]["must_not"].as_array().expect("must_not");
    assert_eq!(must_not.len(), 2);
    assert_has(&must_not[0], json!({"term": {"body_exact": "tu"}}));
    assert_has(
        &must_not[1],
        json!({"term": {"body_folded": {"value": "covid"}}}),
    );
    assert_eq!(q["bool"]["must"].as_array().expect("must").len(), 1);
    assert_eq!(
        q["bool"]["must"][0]["bool"]["should"]
            .as_array()
            .expect("OR")
            .len(),
        2
    );
    // A quoted phrase stays one clause.
    let q = e.query_of("\"nông thôn mới\" Thái Nguyên", none());
    assert_has(
        &q,
        json!({"match_phrase": {"body_folded": {"query": "nong thon moi"}}}),
    );
    assert_has(
        &q,
        json!({"match_phrase": {"body_folded": {"query": "thai nguyen"}}}),
    );
}

#[test]
fn every_filter_in_the_request_body() {
    let e = Engine::new();
    let f = |q: Value| q["bool"]["must"][1].clone();
    let cases: Vec<(FilterSpec, Value)> = vec![
        (
            FilterSpec {
                province: vec!["Thái Nguyên".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["code:province:19"]}}),
        ),
        (
            FilterSpec {
                district: vec!["dai tu".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["code:district:171"]}}),
        ),
        (
            FilterSpec {
                commune: vec!["Ngọc Sơn, Thạch Hà".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["code:commune:18565"]}}),
        ),
        (
            FilterSpec {
                program: vec!["NTM nâng cao".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["program:ntm:nâng cao"]}}),
        ),
        (
            FilterSpec {
                entity: vec!["program:OCOP".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["program:ocop"]}}),
        ),
        (
            FilterSpec {
                org: vec!["UBND".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["organization:ubnd huyện đại từ", "organization:ubnd xã vạn thọ"]}}),
        ),
        (
            FilterSpec {
                person: vec!["nguyen van thi".into()],
                ..Default::default()
            },
            json!({"terms": {"entity": ["person:Nguyễn Văn Thi"]}}),
        ),
        (
            FilterSpec {
                source: vec!["xay dung".into()],
                ..Default::default()
            },
            json!({"terms": {"outlet": ["Xây dựng"]}}),
        ),
        (
            FilterSpec {
                from: Some("2024".into()),
                to: Some("2024-04".into()),
                ..Default::default()
            },
            json!({"range": {"published": {"format": "epoch_second", "gte": 1704067200, "lt": 1714521600}}}),
        ),
    ];
    for (spec, want) in cases {
        let q = e.query_of("nông thôn", spec);
        assert_eq!(f(q.clone()), want, "{q:#}");
    }
    // Across the reform: the pre-2025 codes or the 2025 names as phrases.
    let q = e.query_of(
        "",
        FilterSpec {
            commune: vec!["Tân Thái, Đại Từ".into()],
            across_reform: true,
            ..Default::default()
        },
    );
    let alts = q["bool"]["must"][1]["bool"]["should"]
        .as_array()
        .expect("should")
        .clone();
    assert!(
        alts[0]["terms"]["entity"]
            .as_array()
            .is_some_and(|k| !k.is_empty()),
        "{q:#}"
    );
    assert!(
        alts[1..]
            .iter()
            .all(|a| a.to_string().contains("match_phrase")),
        "{q:#}"
    );
    // A name the engine does not hold: the closest values, no search sent.
    let filters = FilterSpec {
        person: vec!["Trần Văn Không".into()],
        ..Default::default()
    }
    .resolve(&RES)
    .expect("filters");
    let sent = e.bodies.lock().expect("lock").len();
    let err = e
        .backend()
        .search(
            &vietdex_pipeline::query::parse("", &RES),
            &SearchOptions {
                limit: 10,
                dedup: false,
                filters,
            },
        )
        .expect_err("unknown person");
    assert!(err.to_string().contains("closest: "), "{err}");
    assert_eq!(
        e.bodies.lock().expect("lock").len(),
        sent + 1,
        "only the name lookup was sent"
    );
}

#[test]
fn entity_counts_are_aggregations() {
    let e = Engine::new();
    let parsed = vietdex_pipeline::query::parse("nông thôn mới", &RES);
    let req = EntityRequest {
        kind: Some(Kind::District),
        top: 5,
        by: Some(Period::Year),
    };
    let report = e
        .backend()
        .entities(&parsed, &[], &req, &RES)
        .expect("entities");
    let bodies = e.bodies.lock().expect("lock").clone();
    assert_eq!(bodies.len(), 2, "counts, then timelines of the top keys");
    let (first, body) = (&bodies[0], &bodies[1]);
    assert_eq!(first["size"], 0);
    assert_eq!(first["aggs"]["keys"]["terms"]["field"], "entity");
    assert_eq!(
        first["aggs"]["keys"]["terms"]["include"],
        "(code:district|district):.*"
    );
    assert!(first["aggs"]["keys"].get("aggs").is_none());
    assert_eq!(first["query"], body["query"]);
    assert_eq!(
        body["aggs"]["keys"]["terms"]["include"],
        json!([
            "code:district:171",
            "code:district:445",
            "district:Huyện Đại Từ"
        ])
    );
    assert_eq!(
        body["aggs"]["keys"]["aggs"]["periods"]["date_histogram"],
        json!({"field": "published", "calendar_interval": "year", "format": "yyyy", "min_doc_count": 1})
    );
    assert_eq!(
        body["aggs"]["keys"]["aggs"]["undated"],
        json!({"missing": {"field": "published"}})
    );
    assert_eq!(report.documents, 4);
    assert_eq!(
        report.rows.len(),
        2,
        "names are counted by their codes: {:?}",
        report.rows
    );
    assert_eq!(report.rows[0].label, "Huyện Đại Từ (Thái Nguyên)");
    assert_eq!(report.rows[0].documents, 3);
    assert_eq!(
        report.rows[0].timeline,
        [
            ("2023".to_string(), 1),
            ("2024".to_string(), 1),
            ("unknown".to_string(), 1)
        ]
    );
    // By month, any place; only keys that can make the top row get a timeline.
    let req = EntityRequest {
        kind: Some(Kind::Place),
        top: 1,
        by: Some(Period::Month),
    };
    let report = e
        .backend()
        .entities(&parsed, &[], &req, &RES)
        .expect("entities");
    let bodies = e.bodies.lock().expect("lock").clone();
    assert_eq!(
        bodies[2]["aggs"]["keys"]["terms"]["include"],
        "(code|province|district|commune|place):.*"
    );
    assert_eq!(
        bodies[3]["aggs"]["keys"]["terms"]["include"],
        json!(["code:district:171", "district:Huyện Đại Từ"])
    );
    assert_eq!(
        bodies[3]["aggs"]["keys"]["aggs"]["periods"]["date_histogram"]["format"],
        "yyyy-MM"
    );
    assert_eq!(report.rows.len(), 1);
    // Without a timeline: one request.
    let req = EntityRequest {
        kind: None,
        top: 5,
        by: None,
    };
    let report = e
        .backend()
        .entities(&parsed, &[], &req, &RES)
        .expect("entities");
    assert_eq!(e.bodies.lock().expect("lock").len(), 5);
    assert!(e.last()["aggs"]["keys"]["terms"].get("include").is_none());
    assert!(report.rows.iter().all(|r| r.timeline.is_empty()));
}

#[test]
fn error_statuses_are_reported_with_the_engines_reason() {
    let mut server = mockito::Server::new();
    server
        .mock("POST", "/vietdex/_search")
        .with_status(400)
        .with_body(json!({"error": {"root_cause": [{"type": "query_shard_exception", "reason": "failed to create query"}],
            "type": "search_phase_execution_exception", "reason": "all shards failed"}, "status": 400}).to_string())
        .create();
    server
        .mock("POST", "/missing/_search")
        .with_status(404)
        .with_body(json!({"error": {"type": "index_not_found_exception", "reason": "no such index [missing]"}, "status": 404}).to_string())
        .create();
    server
        .mock("POST", "/busy/_search")
        .with_status(503)
        .with_body("Service Unavailable")
        .create();
    let parsed = vietdex_pipeline::query::parse("Đại Từ", &RES);
    for (index, status, reason) in [
        ("vietdex", 400, "all shards failed"),
        ("missing", 404, "no such index [missing]"),
        ("busy", 503, "Service Unavailable"),
    ] {
        let b = Backend::new(
            &format!("{}/{index}", server.url()),
            None,
            Duration::from_secs(5),
        )
        .expect("backend");
        match b.search(&parsed, &SearchOptions::default()) {
            Err(Error::Status {
                status: s,
                reason: r,
                ..
            }) => {
                assert_eq!((s, r.as_str()), (status, reason));
            }
            other => panic!("{index}: {other:?}"),
        }
    }
}

#[test]
fn a_silent_server_times_out() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let addr = listener.local_addr().expect("addr");
    // Accepts and never answers.
    let holder = std::thread::spawn(move || {
        let conn = listener.accept();
        std::thread::sleep(Duration::from_secs(3));
        drop(conn);
    });
    let b =
        Backend::new(&format!("http://{addr}"), None, Duration::from_millis(500)).expect("backend");
    let started = std::time::Instant::now();
    let err = b
        .count(&vietdex_pipeline::query::parse("x", &RES), &[])
        .expect_err("timeout");
    assert!(matches!(err, Error::Timeout { .. }), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(err.to_string().contains("--timeout"), "{err}");
    holder.join().expect("join");
}

#[test]
fn a_partially_failed_bulk_names_every_rejected_document() {
    let mut server = mockito::Server::new();
    let m = server
        .mock("POST", "/vietdex/_bulk")
        .match_header("content-type", "application/x-ndjson")
        .match_header("authorization", "Basic dTpw")
        .with_status(200)
        .with_body(json!({"took": 30, "errors": true, "items": [
            {"index": {"_index": "vietdex", "_id": "a", "_version": 1, "result": "created", "status": 201}},
            {"index": {"_index": "vietdex", "_id": "b", "status": 400, "error": {"type": "document_parsing_exception",
                "reason": "[1:20] failed to parse field [published] of type [date]"}}},
            {"create": {"_index": "vietdex", "_id": "c", "status": 409, "error": {"type": "version_conflict_engine_exception",
                "reason": "[c]: version conflict, document already exists (current version [1])"}}},
            {"index": {"_index": "vietdex", "_id": "d", "_version": 2, "result": "updated", "status": 200}}
        ]}).to_string())
        .create();
    let creds = Credentials::Basic {
        user: "u".into(),
        password: "p".into(),
    };
    let b = Backend::new(&server.url(), Some(creds), Duration::from_secs(5)).expect("backend");
    let report = b
        .bulk("{\"index\":{\"_id\":\"a\"}}\n{}\n".into())
        .expect("bulk");
    m.assert();
    assert_eq!(
        report,
        BulkReport {
            accepted: 2,
            rejected: vec![
                Rejected { id: "b".into(), status: 400, reason: "document_parsing_exception: [1:20] failed to parse field [published] of type [date]".into() },
                Rejected { id: "c".into(), status: 409, reason: "version_conflict_engine_exception: [c]: version conflict, document already exists (current version [1])".into() },
            ]
        }
    );
}

#[test]
fn credentials_from_the_environment_or_a_file_never_the_address() {
    let env = |vars: &'static [(&'static str, &'static str)]| {
        move |k: &str| {
            vars.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    };
    assert_eq!(
        Credentials::discover(&env(&[("VIETDEX_BACKEND_API_KEY", "k")])).expect("env"),
        Some(Credentials::ApiKey("k".into()))
    );
    assert!(Credentials::discover(&env(&[("VIETDEX_BACKEND_USER", "u")])).is_err());
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("backend.json");
    std::fs::write(&file, r#"{"user": "reader", "password": "s3cret"}"#).expect("write");
    let path: &'static str = Box::leak(file.display().to_string().into_boxed_str());
    let vars: &'static [(&'static str, &'static str)] =
        Box::leak(Box::new([("VIETDEX_BACKEND_CONFIG", path)]));
    assert_eq!(
        Credentials::discover(&env(vars)).expect("file"),
        Some(Credentials::Basic {
            user: "reader".into(),
            password: "s3cret".into()
        })
    );
    assert_eq!(Credentials::discover(&env(&[])).expect("none"), None);
    let err = Backend::new("https://u:p@localhost:9200", None, Duration::from_secs(1))
        .expect_err("refused");
    assert!(err.to_string().contains("VIETDEX_BACKEND_USER"), "{err}");
}

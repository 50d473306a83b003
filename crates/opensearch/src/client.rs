//! A blocking client for OpenSearch and Elasticsearch: searches and entity
//! counts with the translated query, and bulk loading with every rejected
//! document reported.
//!
//! Credentials come from the environment (`VIETDEX_BACKEND_API_KEY`, or
//! `VIETDEX_BACKEND_USER` and `VIETDEX_BACKEND_PASSWORD`) or from a JSON
//! config file (`VIETDEX_BACKEND_CONFIG`, default
//! `$XDG_CONFIG_HOME/vietdex/backend.json` or
//! `~/.config/vietdex/backend.json`: `{"user": …, "password": …}` or
//! `{"api_key": …}`), never from the command line. TLS certificates are
//! verified against the bundled Mozilla roots.

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use base64::Engine as _;
use serde_json::{Value, json};
use vietdex_index::{
    EntityReport, EntityRequest, Hit, Period, Results, SearchOptions, Snippets, StoredDoc,
    entity_report,
};
use vietdex_pipeline::entities::Kind;
use vietdex_pipeline::{Filter, FilterError, ParsedQuery, Resources};

use crate::translate;

/// Rows an aggregation asks for at most (entity keys of one kind).
pub const MAX_BUCKETS: usize = 10_000;
/// Values fetched per page when names are resolved against the engine.
const PAGE: usize = 1000;
/// Largest response body read.
const MAX_RESPONSE_BYTES: u64 = 1 << 30;

/// What can go wrong talking to an engine.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The engine answered with an error status.
    #[error("{url} answered HTTP {status}: {reason}")]
    Status {
        /// Request address.
        url: String,
        /// HTTP status.
        status: u16,
        /// The engine's reason (its `error.reason`, else the start of the body).
        reason: String,
    },
    /// No answer in time.
    #[error("{url}: no answer within {secs} s (raise --timeout or check the server)")]
    Timeout {
        /// Request address.
        url: String,
        /// The time limit.
        secs: u64,
    },
    /// The connection failed (DNS, refused, TLS …).
    #[error("{url}: {reason}")]
    Transport {
        /// Request address.
        url: String,
        /// What failed.
        reason: String,
    },
    /// The answer was not what an engine sends.
    #[error("{url}: unexpected answer: {reason}")]
    Response {
        /// Request address.
        url: String,
        /// What is wrong.
        reason: String,
    },
    /// A filter value that matches nothing the engine holds.
    #[error(transparent)]
    Filter(#[from] FilterError),
    /// A bad backend address or credentials file.
    #[error("{0}")]
    Config(String),
}

/// How to authenticate.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Credentials {
    /// HTTP basic authentication.
    Basic {
        /// User name.
        user: String,
        /// Password.
        password: String,
    },
    /// An API key (`Authorization: ApiKey …`).
    ApiKey(String),
}

impl Credentials {
    /// The `Authorization` header value.
    fn header(&self) -> String {
        match self {
            Credentials::Basic { user, password } => format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            ),
            Credentials::ApiKey(k) => format!("ApiKey {k}"),
        }
    }

    /// Credentials from the environment, else from the config file; none
    /// when neither gives any. `env` reads a variable.
    pub fn discover(env: &dyn Fn(&str) -> Option<String>) -> Result<Option<Credentials>, Error> {
        if let Some(k) = env("VIETDEX_BACKEND_API_KEY") {
            return Ok(Some(Credentials::ApiKey(k)));
        }
        if let Some(user) = env("VIETDEX_BACKEND_USER") {
            let password = env("VIETDEX_BACKEND_PASSWORD").ok_or_else(|| {
                Error::Config(
                    "VIETDEX_BACKEND_USER is set but VIETDEX_BACKEND_PASSWORD is not".into(),
                )
            })?;
            return Ok(Some(Credentials::Basic { user, password }));
        }
        let explicit = env("VIETDEX_BACKEND_CONFIG").map(PathBuf::from);
        let path = explicit.clone().or_else(|| {
            env("XDG_CONFIG_HOME")
                .map(PathBuf::from)
                .or_else(|| env("HOME").map(|h| PathBuf::from(h).join(".config")))
                .map(|d| d.join("vietdex").join("backend.json"))
        });
        let Some(path) = path else { return Ok(None) };
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) if explicit.is_none() && e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(None);
            }
            Err(e) => return Err(Error::Config(format!("{}: {e}", path.display()))),
        };
        let v: Value = serde_json::from_str(&text).map_err(|e| {
            Error::Config(format!(
                "{}: not JSON ({e}); expected {{\"user\": …, \"password\": …}} or {{\"api_key\": …}}",
                path.display()
            ))
        })?;
        let s = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Ok(match (s("api_key"), s("user"), s("password")) {
            (Some(k), _, _) => Some(Credentials::ApiKey(k)),
            (None, Some(user), Some(password)) => Some(Credentials::Basic { user, password }),
            _ => {
                return Err(Error::Config(format!(
                    "{}: expected {{\"user\": …, \"password\": …}} or {{\"api_key\": …}}",
                    path.display()
                )));
            }
        })
    }
}

/// One document the engine did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejected {
    /// Document id.
    pub id: String,
    /// HTTP status of the item.
    pub status: u16,
    /// The engine's reason.
    pub reason: String,
}

/// What a bulk request did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BulkReport {
    /// Documents taken.
    pub accepted: usize,
    /// Documents refused, each with its id and reason.
    pub rejected: Vec<Rejected>,
}

/// An engine index (or alias) vietdex searches.
#[derive(Debug)]
pub struct Backend {
    agent: ureq::Agent,
    base: String,
    index: String,
    auth: Option<String>,
    timeout: Duration,
}

impl Backend {
    /// A backend at `url`: `https://host:9200` (index `vietdex`) or
    /// `https://host:9200/INDEX`.
    pub fn new(
        url: &str,
        credentials: Option<Credentials>,
        timeout: Duration,
    ) -> Result<Backend, Error> {
        let url = url.trim().trim_end_matches('/');
        let Some((scheme, rest)) = url.split_once("://") else {
            return Err(Error::Config(format!(
                "backend address \"{url}\": expected http(s)://HOST:PORT[/INDEX]"
            )));
        };
        if scheme != "http" && scheme != "https" {
            return Err(Error::Config(format!(
                "backend address \"{url}\": only http and https are supported"
            )));
        }
        if rest.contains('@') {
            return Err(Error::Config(
                "credentials in the backend address would show in the process list: \
                 set VIETDEX_BACKEND_USER and VIETDEX_BACKEND_PASSWORD (or VIETDEX_BACKEND_API_KEY) instead"
                    .into(),
            ));
        }
        let (host, index) = match rest.split_once('/') {
            Some((h, i)) if !i.is_empty() => (h, i.to_string()),
            Some((h, _)) => (h, crate::DEFAULT_INDEX.to_string()),
            None => (rest, crate::DEFAULT_INDEX.to_string()),
        };
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(timeout))
            .http_status_as_error(false)
            .build()
            .into();
        Ok(Backend {
            agent,
            base: format!("{scheme}://{host}"),
            index,
            auth: credentials.map(|c| c.header()),
            timeout,
        })
    }

    /// The index (or alias) searched.
    pub fn index(&self) -> &str {
        &self.index
    }

    fn send(&self, path: &str, content_type: &str, body: String) -> Result<Value, Error> {
        let url = format!("{}/{path}", self.base);
        let mut req = self.agent.post(&url).header("Content-Type", content_type);
        if let Some(a) = &self.auth {
            req = req.header("Authorization", a);
        }
        let transport = |e: ureq::Error| match e {
            ureq::Error::Timeout(_) => Error::Timeout {
                url: url.clone(),
                secs: self.timeout.as_secs().max(1),
            },
            e => Error::Transport {
                url: url.clone(),
                reason: e.to_string(),
            },
        };
        let mut resp = req.send(body).map_err(transport)?;
        let status = resp.status().as_u16();
        let text = resp
            .body_mut()
            .with_config()
            .limit(MAX_RESPONSE_BYTES)
            .read_to_string()
            .map_err(transport)?;
        let parsed: Option<Value> = serde_json::from_str(&text).ok();
        if !(200..300).contains(&status) {
            let reason = parsed
                .as_ref()
                .and_then(|v| {
                    let e = v.get("error")?;
                    let root = e
                        .get("root_cause")
                        .and_then(|r| r.get(0))
                        .and_then(|r| r.get("reason"))
                        .and_then(Value::as_str);
                    e.get("reason")
                        .and_then(Value::as_str)
                        .or(root)
                        .or_else(|| e.as_str())
                        .map(str::to_string)
                })
                .unwrap_or_else(|| text.chars().take(300).collect());
            return Err(Error::Status {
                url,
                status,
                reason,
            });
        }
        parsed.ok_or_else(|| Error::Response {
            url,
            reason: format!("not JSON: {}", text.chars().take(120).collect::<String>()),
        })
    }

    fn post(&self, path: &str, body: &Value) -> Result<Value, Error> {
        self.send(path, "application/json", body.to_string())
    }

    fn bad(&self, what: &str) -> Error {
        Error::Response {
            url: format!("{}/{}/_search", self.base, self.index),
            reason: what.to_string(),
        }
    }

    /// Every value the engine holds in a keyword field, page by page.
    pub fn values(&self, field: &str) -> Result<Vec<String>, Error> {
        let mut out = Vec::new();
        let mut after: Option<Value> = None;
        loop {
            let mut composite = json!({
                "size": PAGE,
                "sources": [{ "v": { "terms": { "field": field } } }]
            });
            if let Some(a) = after.take() {
                composite["after"] = a;
            }
            let body = json!({ "size": 0, "aggs": { "values": { "composite": composite } } });
            let r = self.post(&format!("{}/_search", self.index), &body)?;
            let agg = &r["aggregations"]["values"];
            let buckets = agg["buckets"]
                .as_array()
                .ok_or_else(|| self.bad("no aggregations.values.buckets"))?;
            for b in buckets {
                if let Some(v) = b["key"]["v"].as_str() {
                    out.push(v.to_string());
                }
            }
            match agg.get("after_key") {
                Some(a) if buckets.len() == PAGE => after = Some(a.clone()),
                _ => break,
            }
        }
        Ok(out)
    }

    /// The engine query of a parsed query with its filters.
    pub fn query(&self, parsed: &ParsedQuery, filters: &[Filter]) -> Result<Value, Error> {
        let f = translate::filters(filters, &mut |field| self.values(field))?;
        Ok(translate::combined(parsed, f))
    }

    /// The `_search` body of a search.
    pub fn search_body(query: Value, empty: bool, size: usize) -> Value {
        let mut body = json!({
            "query": query,
            "size": size,
            "track_total_hits": true,
            "_source": { "excludes": ["*_exact", "*_folded", "*_words", "organization", "person", "place", "entity"] }
        });
        if empty {
            body["sort"] =
                json!([{ "published": { "order": "desc", "missing": "_last" } }, "_score"]);
        }
        body
    }

    /// Ranked hits, printed like local ones (snippets are made here with
    /// the same function as the local index's).
    pub fn search(&self, parsed: &ParsedQuery, opts: &SearchOptions) -> Result<Results, Error> {
        let fetch = if opts.dedup {
            opts.limit.max(1) * 5
        } else {
            opts.limit.max(1)
        };
        let body = Backend::search_body(
            self.query(parsed, &opts.filters)?,
            parsed.required.is_empty(),
            fetch,
        );
        let r = self.post(&format!("{}/_search", self.index), &body)?;
        let total = total_hits(&r).ok_or_else(|| self.bad("no hits.total"))?;
        let snippets = Snippets::new(parsed);
        let mut hits = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for h in r["hits"]["hits"]
            .as_array()
            .ok_or_else(|| self.bad("no hits.hits"))?
        {
            if hits.len() >= opts.limit {
                break;
            }
            let hit = hit_of(h, &snippets).ok_or_else(|| self.bad("a hit without _source"))?;
            if opts.dedup && !seen.insert(hit.doc.cluster.clone()) {
                continue;
            }
            hits.push(hit);
        }
        Ok(Results { total, hits })
    }

    /// Documents matching a query and filters.
    pub fn count(&self, parsed: &ParsedQuery, filters: &[Filter]) -> Result<usize, Error> {
        let body =
            json!({ "query": self.query(parsed, filters)?, "size": 0, "track_total_hits": true });
        let r = self.post(&format!("{}/_search", self.index), &body)?;
        total_hits(&r).ok_or_else(|| self.bad("no hits.total"))
    }

    /// The `_search` body of an entity count: a `terms` aggregation on the
    /// entity keys (only `kind`'s, when given). With `timeline_of`, only
    /// those keys are counted, each with a `date_histogram` by `by` and a
    /// `missing` count of undated documents.
    pub fn entities_body(
        query: Value,
        req: &EntityRequest,
        timeline_of: Option<&[String]>,
    ) -> Value {
        let mut terms = json!({ "field": "entity", "size": MAX_BUCKETS });
        if let Some(keys) = timeline_of {
            terms["include"] = json!(keys);
            terms["size"] = json!(keys.len().max(1));
        } else if let Some(k) = req.kind {
            terms["include"] = json!(match k {
                Kind::Place => "(code|province|district|commune|place):.*".to_string(),
                k if k.level().is_some() => format!("(code:{k}|{k}):.*", k = k.as_str()),
                k => format!("{}:.*", k.as_str()),
            });
        }
        let mut keys = json!({ "terms": terms });
        if let (Some(p), Some(_)) = (req.by, timeline_of) {
            let (interval, format) = match p {
                Period::Year => ("year", "yyyy"),
                Period::Month => ("month", "yyyy-MM"),
            };
            keys["aggs"] = json!({
                "periods": { "date_histogram": {
                    "field": "published", "calendar_interval": interval,
                    "format": format, "min_doc_count": 1
                } },
                "undated": { "missing": { "field": "published" } }
            });
        }
        json!({ "query": query, "size": 0, "track_total_hits": true, "aggs": { "keys": keys } })
    }

    /// The most mentioned entities across the matching documents, as the
    /// local `entities` command reports them. With a timeline, a second
    /// request counts periods for the keys that can make the top rows only,
    /// which keeps the answer within the engine's bucket limit.
    pub fn entities(
        &self,
        parsed: &ParsedQuery,
        filters: &[Filter],
        req: &EntityRequest,
        res: &Resources,
    ) -> Result<EntityReport, Error> {
        let query = self.query(parsed, filters)?;
        let body = Backend::entities_body(query.clone(), req, None);
        let r = self.post(&format!("{}/_search", self.index), &body)?;
        let documents = total_hits(&r).ok_or_else(|| self.bad("no hits.total"))?;
        let counts = self.key_buckets(&r, &mut |_, _| {})?;
        let Some(_) = req.by else {
            return Ok(entity_report(res, documents, counts, &HashMap::new(), req));
        };
        let plain = EntityRequest {
            by: None,
            ..req.clone()
        };
        let top = entity_report(res, documents, counts.clone(), &HashMap::new(), &plain);
        let least = top.rows.last().map_or(usize::MAX, |r| r.documents);
        let mut keys: Vec<String> = counts
            .iter()
            .filter(|(_, n)| **n >= least)
            .map(|(k, _)| k.clone())
            .collect();
        keys.sort();
        let mut periods = HashMap::new();
        if !keys.is_empty() {
            let body = Backend::entities_body(query, req, Some(&keys));
            let r = self.post(&format!("{}/_search", self.index), &body)?;
            self.key_buckets(&r, &mut |key, b| {
                for p in b["periods"]["buckets"].as_array().into_iter().flatten() {
                    if let (Some(period), Some(n)) =
                        (p["key_as_string"].as_str(), p["doc_count"].as_u64())
                        && n > 0
                    {
                        periods.insert((key.to_string(), period.to_string()), n as usize);
                    }
                }
                if let Some(n) = b["undated"]["doc_count"].as_u64()
                    && n > 0
                {
                    periods.insert((key.to_string(), "unknown".to_string()), n as usize);
                }
            })?;
        }
        Ok(entity_report(res, documents, counts, &periods, req))
    }

    /// The document count of each key of an entity aggregation answer;
    /// `each` sees every bucket.
    fn key_buckets(
        &self,
        r: &Value,
        each: &mut dyn FnMut(&str, &Value),
    ) -> Result<HashMap<String, usize>, Error> {
        let mut counts = HashMap::new();
        for b in r["aggregations"]["keys"]["buckets"]
            .as_array()
            .ok_or_else(|| self.bad("no aggregations.keys.buckets"))?
        {
            if let (Some(key), Some(n)) = (b["key"].as_str(), b["doc_count"].as_u64()) {
                counts.insert(key.to_string(), n as usize);
                each(key, b);
            }
        }
        Ok(counts)
    }

    /// Sends one bulk body (NDJSON) to `_bulk`; every item the engine
    /// refused is in the report with its id and reason.
    pub fn bulk(&self, ndjson: String) -> Result<BulkReport, Error> {
        let r = self.send(
            &format!("{}/_bulk", self.index),
            "application/x-ndjson",
            ndjson,
        )?;
        bulk_report(&r).ok_or_else(|| Error::Response {
            url: format!("{}/{}/_bulk", self.base, self.index),
            reason: "no items in the bulk answer".into(),
        })
    }
}

fn total_hits(r: &Value) -> Option<usize> {
    let t = &r["hits"]["total"];
    t["value"]
        .as_u64()
        .or_else(|| t.as_u64())
        .map(|n| n as usize)
}

/// A hit of an engine answer.
fn hit_of(h: &Value, snippets: &Snippets) -> Option<Hit> {
    let s = h.get("_source")?;
    let text = |k: &str| s[k].as_str().map(str::to_string);
    let id = text("id").or_else(|| h["_id"].as_str().map(str::to_string))?;
    let path = text("path").unwrap_or_default();
    let body = s["body"].as_str().unwrap_or_default();
    let entities = serde_json::to_string(&s.get("entities").cloned().unwrap_or(json!([]))).ok()?;
    Some(Hit {
        doc: StoredDoc {
            sources: s["sources"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_else(|| vec![path.clone()]),
            cluster: text("cluster").unwrap_or_else(|| id.clone()),
            cluster_size: s["cluster_size"].as_u64().map_or(1, |n| n.max(1) as u32),
            title: text("title").unwrap_or_default(),
            published: text("published_text"),
            outlet: text("outlet"),
            author: text("author"),
            url: text("url"),
            id,
            path,
        },
        score: h["_score"].as_f64().unwrap_or(0.0) as f32,
        entities_json: serde_json::value::RawValue::from_string(entities).ok()?,
        snippet: snippets.of(body),
    })
}

/// The report of a `_bulk` answer.
pub fn bulk_report(r: &Value) -> Option<BulkReport> {
    let mut report = BulkReport::default();
    for item in r["items"].as_array()? {
        let Some((_, v)) = item.as_object().and_then(|o| o.iter().next()) else {
            continue;
        };
        let status = v["status"].as_u64().unwrap_or(0) as u16;
        if (200..300).contains(&status) && v.get("error").is_none() {
            report.accepted += 1;
        } else {
            let e = &v["error"];
            let reason = match (e["type"].as_str(), e["reason"].as_str()) {
                (Some(t), Some(r)) => format!("{t}: {r}"),
                (_, Some(r)) => r.to_string(),
                _ => e.to_string(),
            };
            report.rejected.push(Rejected {
                id: v["_id"].as_str().unwrap_or("?").to_string(),
                status,
                reason,
            });
        }
    }
    Some(report)
}

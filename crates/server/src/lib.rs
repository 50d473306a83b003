//! `vietdex serve`: a read-only HTTP API and web page over an index.
//!
//! A thin layer: every endpoint parses its parameters into the same
//! library calls the CLI makes ([`FilterSpec::resolve`], [`Searcher::search`],
//! [`Searcher::entities`], [`Searcher::show`], [`Searcher::stats`],
//! [`Searcher::suggest`]) and writes what they return as JSON (or CSV,
//! GEXF). The page's files are compiled into the binary.
//!
//! Requests run on a bounded pool of blocking threads with a time limit;
//! parameters, query length and the result window are capped; every error
//! is JSON with an HTTP status. The index is reopened when a new commit
//! lands.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, RwLock};
use std::time::{Duration, SystemTime};

use axum::Router;
use axum::extract::{Path as UrlPath, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::Serialize;
use vietdex_index::{EntityRequest, Period, SearchOptions, Searcher};
use vietdex_pipeline::entities::Kind;
use vietdex_pipeline::{FilterSpec, Resources};

/// Caps on what one request may ask for.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Characters of a query string (`q`).
    pub query_chars: usize,
    /// Characters of any other parameter value.
    pub value_chars: usize,
    /// Bytes of the whole URL query.
    pub url_bytes: usize,
    /// Values of one repeated parameter.
    pub values_per_param: usize,
    /// Hits per page.
    pub max_limit: usize,
    /// `offset + limit` at most (the result window).
    pub window: usize,
    /// Entity rows (`top`) at most.
    pub max_top: usize,
    /// Time one request may take.
    pub timeout: Duration,
    /// Requests worked on at once; others wait (up to `timeout`).
    pub workers: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            query_chars: 1000,
            value_chars: 200,
            url_bytes: 8192,
            values_per_param: 16,
            max_limit: 100,
            window: 1000,
            max_top: 1000,
            timeout: Duration::from_secs(10),
            workers: std::thread::available_parallelism().map_or(2, |n| n.get() * 2),
        }
    }
}

/// The open index and what requests share.
pub struct App {
    dir: PathBuf,
    resources: Arc<Resources>,
    searcher: RwLock<(Arc<Searcher>, Option<Stamp>)>,
    limits: Limits,
    permits: Arc<tokio::sync::Semaphore>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("dir", &self.dir).finish()
    }
}

/// What identifies a commit on disk: `meta.json`'s modification time and
/// size.
type Stamp = (SystemTime, u64);

fn stamp(dir: &Path) -> Option<Stamp> {
    let m = std::fs::metadata(dir.join("meta.json")).ok()?;
    Some((m.modified().ok()?, m.len()))
}

impl App {
    /// Opens the index in `dir` (the same errors as the CLI's commands).
    pub fn open(dir: &Path, resources: Arc<Resources>, limits: Limits) -> anyhow::Result<App> {
        let st = stamp(dir);
        let searcher = Searcher::open(dir, resources.clone())?;
        Ok(App {
            dir: dir.to_path_buf(),
            resources,
            searcher: RwLock::new((Arc::new(searcher), st)),
            permits: Arc::new(tokio::sync::Semaphore::new(limits.workers.max(1))),
            limits,
        })
    }

    fn searcher(&self) -> Arc<Searcher> {
        match self.searcher.read() {
            Ok(g) => g.0.clone(),
            Err(p) => p.into_inner().0.clone(),
        }
    }

    /// Reopens the index when a new commit has landed; keeps the open one
    /// when the new one cannot be opened (yet). Returns whether it did.
    pub fn reload_if_changed(&self) -> bool {
        let now = stamp(&self.dir);
        let current = match self.searcher.read() {
            Ok(g) => g.1,
            Err(p) => p.into_inner().1,
        };
        if now.is_none() || now == current {
            return false;
        }
        match Searcher::open(&self.dir, self.resources.clone()) {
            Ok(s) => {
                let mut g = match self.searcher.write() {
                    Ok(g) => g,
                    Err(p) => p.into_inner(),
                };
                *g = (Arc::new(s), now);
                true
            }
            Err(_) => false,
        }
    }
}

/// An error answer: `{"error": message}` with a status.
#[derive(Debug)]
pub struct ApiError {
    status: StatusCode,
    message: String,
}

impl ApiError {
    fn bad(message: impl Into<String>) -> ApiError {
        ApiError {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        #[derive(Serialize)]
        struct Body<'a> {
            error: &'a str,
            status: u16,
        }
        let body = Body {
            error: &self.message,
            status: self.status.as_u16(),
        };
        (self.status, axum::Json(body)).into_response()
    }
}

impl From<vietdex_pipeline::FilterError> for ApiError {
    fn from(e: vietdex_pipeline::FilterError) -> ApiError {
        ApiError::bad(e.0)
    }
}

impl From<vietdex_index::Error> for ApiError {
    fn from(e: vietdex_index::Error) -> ApiError {
        use vietdex_index::Error as E;
        let status = match e {
            // What was asked cannot be answered as asked.
            E::Query(_) | E::Filter(_) => StatusCode::BAD_REQUEST,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError {
            status,
            message: e.to_string(),
        }
    }
}

/// The parameters of a request, repeated ones kept.
struct Params(Vec<(String, String)>);

impl Params {
    fn parse(raw: Option<&str>, known: &[&str], limits: &Limits) -> Result<Params, ApiError> {
        let raw = raw.unwrap_or("");
        if raw.len() > limits.url_bytes {
            return Err(ApiError {
                status: StatusCode::URI_TOO_LONG,
                message: format!(
                    "the request's parameters are {} bytes; at most {} are read",
                    raw.len(),
                    limits.url_bytes
                ),
            });
        }
        let pairs: Vec<(String, String)> = form_urlencoded::parse(raw.as_bytes())
            .map(|(k, v)| (k.into_owned(), v.into_owned()))
            .filter(|(k, v)| !(v.is_empty() && k != "q"))
            .collect();
        for (k, v) in &pairs {
            if !known.contains(&k.as_str()) {
                return Err(ApiError::bad(format!(
                    "unknown parameter \"{k}\"; this endpoint takes: {}",
                    known.join(", ")
                )));
            }
            let max = if k == "q" {
                limits.query_chars
            } else {
                limits.value_chars
            };
            if v.chars().count() > max {
                return Err(ApiError::bad(format!(
                    "parameter \"{k}\" is {} characters long; at most {max} are allowed",
                    v.chars().count()
                )));
            }
        }
        for k in known {
            let n = pairs.iter().filter(|(p, _)| p == k).count();
            if n > limits.values_per_param {
                return Err(ApiError::bad(format!(
                    "parameter \"{k}\" is given {n} times; at most {} are allowed",
                    limits.values_per_param
                )));
            }
        }
        Ok(Params(pairs))
    }

    fn all(&self, key: &str) -> Vec<String> {
        self.0
            .iter()
            .filter(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
            .collect()
    }

    /// The last value given.
    fn one(&self, key: &str) -> Option<&str> {
        self.0
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// A whole number from `min` to `max` (the CLI's messages for
    /// `--limit` and `--top`).
    fn number(&self, key: &str, default: usize, min: usize, max: usize) -> Result<usize, ApiError> {
        let Some(v) = self.one(key) else {
            return Ok(default);
        };
        let n: u128 = v.trim().parse().map_err(|_| {
            ApiError::bad(format!(
                "{key}: \"{v}\" is not a number: give {min} to {max}"
            ))
        })?;
        match usize::try_from(n) {
            Ok(n) if (min..=max).contains(&n) => Ok(n),
            _ => Err(ApiError::bad(format!(
                "{key}: {v} is out of range: give {min} to {max}"
            ))),
        }
    }

    fn flag(&self, key: &str) -> Result<bool, ApiError> {
        match self.one(key) {
            None => Ok(false),
            Some("1" | "true" | "yes" | "on") => Ok(true),
            Some("0" | "false" | "no" | "off") => Ok(false),
            Some(v) => Err(ApiError::bad(format!(
                "{key} \"{v}\": expected true or false"
            ))),
        }
    }

    /// The filters, named as the CLI's flags are.
    fn filters(&self) -> Result<FilterSpec, ApiError> {
        let era = self.one("era").unwrap_or("as-written");
        if !matches!(era, "as-written" | "any") {
            return Err(ApiError::bad(format!(
                "era \"{era}\": expected as-written or any"
            )));
        }
        Ok(FilterSpec {
            province: self.all("province"),
            district: self.all("district"),
            commune: self.all("commune"),
            program: self.all("program"),
            org: self.all("org"),
            person: self.all("person"),
            entity: self.all("entity"),
            from: self.one("from").map(str::to_string),
            to: self.one("to").map(str::to_string),
            source: self.all("source"),
            across_reform: era == "any",
        })
    }

    fn kind(&self) -> Result<Option<Kind>, ApiError> {
        self.one("kind").map(parse_kind).transpose()
    }

    fn format(&self, allowed: &[&str]) -> Result<String, ApiError> {
        let f = self.one("format").unwrap_or("json");
        if allowed.contains(&f) {
            Ok(f.to_string())
        } else {
            Err(ApiError::bad(format!(
                "format \"{f}\": expected one of {}",
                allowed.join(", ")
            )))
        }
    }
}

/// An entity kind as typed (`org` for `organization`), the CLI's error
/// message when unknown.
fn parse_kind(s: &str) -> Result<Kind, ApiError> {
    match s {
        "org" => Ok(Kind::Organization),
        _ => s.parse().map_err(|e: String| ApiError::bad(e)),
    }
}

const FILTERS: [&str; 11] = [
    "province", "district", "commune", "program", "org", "person", "entity", "from", "to",
    "source", "era",
];

fn with_filters(extra: &[&'static str]) -> Vec<&'static str> {
    let mut v: Vec<&str> = FILTERS.to_vec();
    v.extend_from_slice(extra);
    v
}

type Answer = Result<Response, ApiError>;

/// Runs `f` on a blocking thread once a worker is free, within the time
/// limit.
async fn work<F>(app: &Arc<App>, f: F) -> Answer
where
    F: FnOnce(&Searcher) -> Answer + Send + 'static,
{
    let limit = app.limits.timeout;
    let busy = || ApiError {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: format!(
            "the server is busy: no worker became free within {} s; try again",
            limit.as_secs()
        ),
    };
    let started = tokio::time::Instant::now();
    let permit = tokio::time::timeout(limit, app.permits.clone().acquire_owned())
        .await
        .map_err(|_| busy())?
        .map_err(|_| busy())?;
    let searcher = app.searcher();
    let task = tokio::task::spawn_blocking(move || {
        let _permit = permit;
        f(&searcher)
    });
    let left = limit.saturating_sub(started.elapsed());
    match tokio::time::timeout(left, task).await {
        Ok(Ok(answer)) => answer,
        Ok(Err(_)) => Err(ApiError {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: "the request failed inside the server".into(),
        }),
        Err(_) => Err(ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            message: format!(
                "the request took longer than {} s; narrow it with words or filters",
                limit.as_secs()
            ),
        }),
    }
}

fn json(v: &impl Serialize) -> Answer {
    let body = serde_json::to_vec(v).map_err(|e| ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: e.to_string(),
    })?;
    Ok(([(header::CONTENT_TYPE, "application/json")], body).into_response())
}

fn file(content_type: &'static str, name: &str, body: Vec<u8>) -> Answer {
    let disposition = format!("inline; filename=\"{name}\"");
    let mut r = ([(header::CONTENT_TYPE, content_type)], body).into_response();
    if let Ok(v) = HeaderValue::from_str(&disposition) {
        r.headers_mut().insert(header::CONTENT_DISPOSITION, v);
    }
    Ok(r)
}

fn csv_error(e: impl std::fmt::Display) -> ApiError {
    ApiError {
        status: StatusCode::INTERNAL_SERVER_ERROR,
        message: e.to_string(),
    }
}

/// A search page.
#[derive(Serialize)]
struct SearchPage<'a> {
    total: usize,
    offset: usize,
    limit: usize,
    hits: &'a [vietdex_index::Hit],
}

async fn search(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Answer {
    let l = &app.limits;
    let p = Params::parse(
        raw.as_deref(),
        &with_filters(&["q", "limit", "offset", "dedup", "format"]),
        l,
    )?;
    let limit = p.number("limit", 10, 1, l.max_limit)?;
    let offset = p.number("offset", 0, 0, l.window)?;
    if offset + limit > l.window {
        return Err(ApiError::bad(format!(
            "offset + limit is {}; results are served up to {} (narrow the search instead)",
            offset + limit,
            l.window
        )));
    }
    let dedup = p.flag("dedup")?;
    let format = p.format(&["json", "csv"])?;
    let query = p.one("q").unwrap_or("").to_string();
    let spec = p.filters()?;
    work(&app, move |s| {
        let filters = spec.resolve(s.resources())?;
        let mut results = s.search(
            &query,
            &SearchOptions {
                limit: offset + limit,
                dedup,
                filters,
            },
        )?;
        let hits: Vec<_> = results.hits.drain(..).skip(offset).collect();
        if format == "csv" {
            let mut out = Vec::new();
            vietdex_index::export::hits_csv(&mut out, &hits, offset + 1).map_err(csv_error)?;
            return file("text/csv; charset=utf-8", "vietdex-search.csv", out);
        }
        json(&SearchPage {
            total: results.total,
            offset,
            limit,
            hits: &hits,
        })
    })
    .await
}

async fn entities(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Answer {
    let l = &app.limits;
    let p = Params::parse(
        raw.as_deref(),
        &with_filters(&["q", "kind", "top", "with", "by", "format", "graph"]),
        l,
    )?;
    let kinds: Vec<Kind> = p
        .all("kind")
        .iter()
        .map(|k| parse_kind(k))
        .collect::<Result<_, _>>()?;
    let top = p.number("top", 20, 1, l.max_top)?;
    let by = match p.one("by") {
        None => None,
        Some("year") => Some(Period::Year),
        Some("month") => Some(Period::Month),
        Some(v) => return Err(ApiError::bad(format!("by \"{v}\": expected year or month"))),
    };
    let format = p.format(&["json", "csv"])?;
    let graph = match p.one("graph") {
        None => None,
        Some(g @ ("json" | "gexf" | "csv")) => Some(g.to_string()),
        Some(v) => {
            return Err(ApiError::bad(format!(
                "graph \"{v}\": expected json, gexf or csv"
            )));
        }
    };
    if graph.is_none() && kinds.len() > 1 {
        return Err(ApiError::bad(
            "kind is given more than once; a graph (graph=json|gexf|csv) takes several kinds, a table one",
        ));
    }
    let query = p.one("q").unwrap_or("").to_string();
    let mut spec = p.filters()?;
    spec.entity.extend(p.all("with"));
    work(&app, move |s| {
        let filters = spec.resolve(s.resources())?;
        if let Some(g) = graph {
            let graph = s.graph(&query, &filters, &kinds, top)?;
            let mut out = Vec::new();
            return match g.as_str() {
                "gexf" => {
                    vietdex_index::export::graph_gexf(&mut out, &graph).map_err(csv_error)?;
                    file("application/gexf+xml", "vietdex-graph.gexf", out)
                }
                "csv" => {
                    vietdex_index::export::graph_csv(&mut out, &graph).map_err(csv_error)?;
                    file("text/csv; charset=utf-8", "vietdex-graph.csv", out)
                }
                _ => json(&graph),
            };
        }
        let report = s.entities(
            &query,
            &filters,
            &EntityRequest {
                kind: kinds.first().copied(),
                top,
                by,
            },
        )?;
        if format == "csv" {
            let mut out = Vec::new();
            vietdex_index::export::entities_csv(&mut out, &report.rows).map_err(csv_error)?;
            return file("text/csv; charset=utf-8", "vietdex-entities.csv", out);
        }
        json(&report)
    })
    .await
}

async fn timeline(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Answer {
    let p = Params::parse(raw.as_deref(), &with_filters(&["q", "by"]), &app.limits)?;
    let by = match p.one("by").unwrap_or("month") {
        "year" => Period::Year,
        "month" => Period::Month,
        v => return Err(ApiError::bad(format!("by \"{v}\": expected year or month"))),
    };
    let query = p.one("q").unwrap_or("").to_string();
    let spec = p.filters()?;
    work(&app, move |s| {
        let filters = spec.resolve(s.resources())?;
        json(&s.timeline(&query, &filters, by)?)
    })
    .await
}

async fn doc(
    State(app): State<Arc<App>>,
    UrlPath(id): UrlPath<String>,
    RawQuery(raw): RawQuery,
) -> Answer {
    Params::parse(raw.as_deref(), &[], &app.limits)?;
    if id.chars().count() > app.limits.value_chars.max(4096) {
        return Err(ApiError::bad("the document id is too long"));
    }
    work(&app, move |s| match s.show(&id)? {
        Some(d) => json(&d),
        None => Err(ApiError {
            status: StatusCode::NOT_FOUND,
            message: format!(
                "no document with id or source path \"{id}\" in the index: find ids with /api/search"
            ),
        }),
    })
    .await
}

async fn stats(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Answer {
    Params::parse(raw.as_deref(), &[], &app.limits)?;
    work(&app, |s| json(&s.stats()?)).await
}

#[derive(Serialize)]
struct Suggestions {
    suggestions: Vec<vietdex_pipeline::entities::resolve::Suggestion>,
}

async fn suggest(State(app): State<Arc<App>>, RawQuery(raw): RawQuery) -> Answer {
    let p = Params::parse(raw.as_deref(), &["q", "kind", "limit"], &app.limits)?;
    let kind = p.kind()?;
    let limit = p.number("limit", 10, 1, 50)?;
    let typed = p.one("q").unwrap_or("").to_string();
    if typed.chars().count() > app.limits.value_chars {
        return Err(ApiError::bad(format!(
            "q is {} characters long; at most {} are allowed",
            typed.chars().count(),
            app.limits.value_chars
        )));
    }
    work(&app, move |s| {
        json(&Suggestions {
            suggestions: s.suggest(kind, &typed, limit)?,
        })
    })
    .await
}

const INDEX_HTML: &str = include_str!("../assets/index.html");
const APP_JS: &str = include_str!("../assets/app.js");
const APP_CSS: &str = include_str!("../assets/app.css");

fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
        ],
        body,
    )
        .into_response()
}

async fn not_found() -> ApiError {
    ApiError {
        status: StatusCode::NOT_FOUND,
        message: "no such page; the API is under /api/ (search, entities, doc/ID, stats, suggest, timeline)".into(),
    }
}

/// The routes.
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route(
            "/",
            get(|| async { asset("text/html; charset=utf-8", INDEX_HTML) }),
        )
        .route(
            "/app.js",
            get(|| async { asset("text/javascript; charset=utf-8", APP_JS) }),
        )
        .route(
            "/app.css",
            get(|| async { asset("text/css; charset=utf-8", APP_CSS) }),
        )
        .route("/api/search", get(search))
        .route("/api/entities", get(entities))
        .route("/api/timeline", get(timeline))
        .route("/api/doc/{*id}", get(doc))
        .route("/api/stats", get(stats))
        .route("/api/suggest", get(suggest))
        .fallback(not_found)
        .with_state(app)
}

/// How often the index directory is checked for a new commit.
pub const RELOAD_EVERY: Duration = Duration::from_secs(1);

/// Serves `app` on `listener` until the process is stopped, reopening the
/// index when a new commit lands.
pub async fn serve(listener: tokio::net::TcpListener, app: Arc<App>) -> std::io::Result<()> {
    let watched = app.clone();
    tokio::spawn(async move {
        loop {
            tokio::time::sleep(RELOAD_EVERY).await;
            let a = watched.clone();
            let _ = tokio::task::spawn_blocking(move || a.reload_if_changed()).await;
        }
    });
    axum::serve(listener, router(app)).await
}

/// Opens the index in `dir` and serves it on `addr`; `ready` is called with
/// the bound address once requests are accepted.
pub fn run(
    dir: &Path,
    addr: SocketAddr,
    resources: Arc<Resources>,
    ready: impl FnOnce(SocketAddr),
) -> anyhow::Result<()> {
    resources.preload();
    let app = Arc::new(App::open(dir, resources, Limits::default())?);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| anyhow::anyhow!("cannot listen on {addr}: {e}"))?;
        ready(listener.local_addr()?);
        serve(listener, app).await?;
        Ok(())
    })
}

//! Command-line arguments; each flag's help is written once, here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use vietdex_pipeline::entities::Kind;

/// Index and search Vietnamese news archives.
///
/// Exit status: 0 when something was found or done, 1 when a search found
/// nothing, 2 on error.
#[derive(Debug, Parser)]
#[command(name = "vietdex", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// Parses `--commit-interval`: a positive number of seconds.
fn commit_secs(s: &str) -> Result<f64, String> {
    match s.trim().parse::<f64>() {
        Ok(v) if v.is_finite() && v > 0.0 && v <= 86_400.0 => Ok(v),
        _ => Err(format!(
            "\"{s}\": give a number of seconds, more than 0 and at most 86400"
        )),
    }
}

/// Largest `--limit` or `--top`.
pub const MAX_LIMIT: usize = 10_000;

/// Parses a `--limit`/`--top` value: 1 to [`MAX_LIMIT`].
fn limit(s: &str) -> Result<usize, String> {
    let n: u128 = s
        .trim()
        .parse()
        .map_err(|_| format!("\"{s}\" is not a number: give 1 to {MAX_LIMIT}"))?;
    match usize::try_from(n) {
        Ok(n) if (1..=MAX_LIMIT).contains(&n) => Ok(n),
        _ => Err(format!("{s} is out of range: give 1 to {MAX_LIMIT}")),
    }
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the index from article files (default: corpus/ into index/).
    Index(IndexArgs),
    /// Search the index.
    Search(SearchArgs),
    /// Show how a text is tokenized: exact and folded forms, offsets, positions.
    Analyze(AnalyzeArgs),
    /// Segment lines from stdin into words, joining a word's syllables with `_`.
    Segment(SegmentArgs),
    /// Print the entities of article files (or stdin), one JSON object per document.
    Extract(ExtractArgs),
    /// The most mentioned entities across the matching documents.
    Entities(EntitiesArgs),
    /// One document in full: metadata, text and entities.
    Show(ShowArgs),
    /// Index statistics.
    Stats(StatsArgs),
    /// Verify an index (every segment, the state, the marker); `--repair` rebuilds a damaged one.
    Check(CheckArgs),
    /// Export analysed documents for OpenSearch / Elasticsearch (bulk NDJSON),
    /// or the index template they need.
    Export(ExportArgs),
    /// Serve the index to a browser and over an HTTP API (read-only).
    Serve(ServeArgs),
}

/// Where `search` and `entities` run: a remote engine instead of a local
/// index. Credentials come from VIETDEX_BACKEND_API_KEY, or
/// VIETDEX_BACKEND_USER and VIETDEX_BACKEND_PASSWORD, or the JSON file
/// VIETDEX_BACKEND_CONFIG (default ~/.config/vietdex/backend.json).
#[derive(Debug, Args, Default)]
pub struct BackendArgs {
    /// OpenSearch / Elasticsearch address, `https://HOST:9200[/INDEX]`
    /// (index `vietdex` by default), instead of the local index.
    #[arg(long, value_name = "URL")]
    pub backend: Option<String>,
    /// Seconds to wait for the engine's answer.
    #[arg(long, value_name = "SECS", default_value_t = 30)]
    pub timeout: u64,
}

/// What `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// Bulk NDJSON for `_bulk`: an action line and a document per document.
    Opensearch,
    /// The composable index template for `PUT _index_template/NAME`.
    IndexTemplate,
}

/// The bulk action of each document.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum BulkAction {
    /// Create or replace the document with this id.
    Index,
    /// Only create (data streams, engines whose bulk API only creates).
    Create,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Article files or directories to read and analyse (default corpus/,
    /// unless --index is given).
    #[arg(value_name = "PATH")]
    pub paths: Vec<std::path::PathBuf>,
    /// Export the documents of this vietdex index instead of reading files
    /// (entities are not extracted again).
    #[arg(long = "index", value_name = "DIR", conflicts_with = "paths")]
    pub index: Option<std::path::PathBuf>,
    /// What to write.
    #[arg(long, value_enum, default_value = "opensearch")]
    pub format: ExportFormat,
    /// A file (`.ndjson` or `.json`: one file), or a directory of bulk files
    /// of at most --file-size bytes each; default stdout.
    #[arg(long, value_name = "FILE|DIR")]
    pub out: Option<std::path::PathBuf>,
    /// The bulk action.
    #[arg(long, value_enum, default_value = "index")]
    pub action: BulkAction,
    /// Largest bulk file written into a directory, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = 10_000_000)]
    pub file_size: u64,
    /// Engine index name: `_index` of the action lines, `NAME*` in the template.
    #[arg(long, value_name = "NAME", default_value = "vietdex")]
    pub index_name: String,
    /// Also send each bulk file to this engine's `_bulk` (with --out DIR):
    /// every rejected document is reported with its id (exit 2).
    #[arg(long, value_name = "URL")]
    pub backend: Option<String>,
    /// Seconds to wait for the engine's answer.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub timeout: u64,
    /// JSON field holding a value, as KIND=NAME (as for `index`); repeatable.
    #[arg(long = "field", value_name = "KIND=NAME")]
    pub fields: Vec<String>,
    /// Largest file (or JSON line, or WARC record) read, in bytes once
    /// decompressed.
    #[arg(long, value_name = "BYTES", default_value_t = 512 << 20)]
    pub max_bytes: u64,
    /// Longest article text kept, in bytes (0: no limit): a longer
    /// headline or body is cut there, at a word boundary, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = vietdex_ingest::MAX_TEXT)]
    pub max_text: usize,
    /// No summary on stderr.
    #[arg(long, short)]
    pub quiet: bool,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// Address to listen on; the default answers this machine only.
    /// Another address (`0.0.0.0:7700`) serves the network: the index is
    /// read-only, but anyone who can reach it can read it.
    #[arg(long, value_name = "HOST:PORT", default_value = "127.0.0.1:7700")]
    pub addr: std::net::SocketAddr,
}

/// Output formats of `search` and `entities`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For people.
    Text,
    /// One JSON object per line (the same as `--json`).
    Json,
    /// CSV with a header line, for spreadsheets.
    Csv,
}

/// Graph formats of `entities --graph`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// GEXF 1.3 (Gephi, networkx).
    Gexf,
    /// An edge table (Source, Target, Weight, Type, and each end's kind and documents).
    Csv,
}

/// Filters shared by `search` and `entities`. Values match without
/// diacritics and in either tone placement.
#[derive(Debug, Args, Default)]
pub struct FilterArgs {
    /// Province (`Thái Nguyên`, `thai nguyen`, or a code); repeatable, all must match.
    #[arg(long, value_name = "NAME")]
    pub province: Vec<String>,
    /// District; qualify a shared name with its province (`"Châu Thành, Long An"`) or give a code.
    #[arg(long, value_name = "NAME")]
    pub district: Vec<String>,
    /// Commune; qualify a shared name with its district or province, or give a code.
    #[arg(long, value_name = "NAME")]
    pub commune: Vec<String>,
    /// Program (`NTM`, `nông thôn mới nâng cao`, `OCOP 4 sao`, `1719`).
    #[arg(long, value_name = "NAME")]
    pub program: Vec<String>,
    /// Organization (`UBND huyện Đại Từ`; a part matches every organization containing it).
    #[arg(long, value_name = "NAME")]
    pub org: Vec<String>,
    /// Person.
    #[arg(long, value_name = "NAME")]
    pub person: Vec<String>,
    /// Any entity as KIND:VALUE (province, district, commune, place, program, organization, person).
    #[arg(long, value_name = "KIND:VALUE")]
    pub entity: Vec<String>,
    /// Published on or after (YYYY, YYYY-MM or YYYY-MM-DD).
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Published on or before (the whole year or month counts).
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Outlet (newspaper or portal) by name, or a part of the source path or address.
    #[arg(long, value_name = "NAME")]
    pub source: Vec<String>,
    /// Across the 2025 reform (`any`): a commune also matches articles naming
    /// its 2025 successor, and a 2025 commune name matches articles about the
    /// communes it was made of. Default `as-written`.
    #[arg(long, value_parser = ["as-written", "any"], default_value = "as-written")]
    pub era: String,
}

#[derive(Debug, Args)]
pub struct EntitiesArgs {
    #[command(flatten)]
    pub backend: BackendArgs,
    /// Words, as for `search` (empty: every document that passes the filters).
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub index: IndexLocation,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Only this kind: province, district, commune, place (any place), program, organization (or org), person.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<Kind>,
    /// Rows to show (1 to 10000).
    #[arg(long, default_value_t = 20, value_parser = limit)]
    pub top: usize,
    /// Only documents that also mention this entity (KIND:VALUE): co-occurrence.
    #[arg(long, value_name = "KIND:VALUE")]
    pub with: Vec<String>,
    /// A timeline per entity.
    #[arg(long, value_enum)]
    pub by: Option<By>,
    /// JSON instead of a table.
    #[arg(long)]
    pub json: bool,
    /// Output format.
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<Format>,
    /// The co-occurrence graph instead of a table: the `--top` entities
    /// (of each `--graph-kind`) and, between two of them, the matching
    /// documents mentioning both.
    #[arg(long, value_enum, conflicts_with_all = ["json", "format", "by"])]
    pub graph: Option<GraphFormat>,
    /// Kinds of the graph's entities (repeatable; default every kind).
    #[arg(long, value_parser = parse_kind, requires = "graph")]
    pub graph_kind: Vec<Kind>,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// Document id (as `search --json` prints it) or source path.
    #[arg(value_name = "ID|PATH")]
    pub target: String,
    #[command(flatten)]
    pub index: IndexLocation,
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub index: IndexLocation,
    /// Rebuild a damaged index from the sources its state lists (run from
    /// the directory `vietdex index` was run in, so relative paths resolve).
    #[arg(long)]
    pub repair: bool,
    /// JSON instead of text.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index directory.
    #[arg(long = "index", value_name = "DIR", default_value = "index")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories to index (directories are walked recursively):
    /// .txt, .html, .jsonl/.ndjson, .json and .warc, each maybe .gz or .zst.
    #[arg(value_name = "PATH", default_value = "corpus")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub index: IndexLocation,
    /// No progress bar.
    #[arg(long, short)]
    pub quiet: bool,
    /// Print the summary as JSON.
    #[arg(long)]
    pub json: bool,
    /// Remove documents whose source files under PATH no longer exist.
    #[arg(long)]
    pub prune: bool,
    /// Follow symbolic links under PATH (a link to a file outside every
    /// PATH is reported, not read). Without it, links are skipped.
    #[arg(long, short = 'L')]
    pub follow: bool,
    /// JSON field holding a value, as KIND=NAME (kinds: title, body, url,
    /// date, outlet, author); repeatable. Default names: title, text or
    /// content or body, url or link, date or published, source, author.
    #[arg(long = "field", value_name = "KIND=NAME")]
    pub fields: Vec<String>,
    /// Commit every SECS seconds, also inside one large JSON Lines file
    /// (a later run resumes after the last commit).
    #[arg(long, value_name = "SECS", default_value_t = 10.0, value_parser = commit_secs)]
    pub commit_interval: f64,
    /// Commit after every N source files read (besides every --commit-interval seconds).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub commit_every: usize,
    /// Largest file (or JSON line, or WARC record) read, in bytes once
    /// decompressed.
    #[arg(long, value_name = "BYTES", default_value_t = 512 << 20)]
    pub max_bytes: u64,
    /// Longest article text kept, in bytes (0: no limit): a longer
    /// headline or body is cut there, at a word boundary, with a warning.
    #[arg(long, value_name = "BYTES", default_value_t = vietdex_ingest::MAX_TEXT)]
    pub max_text: usize,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    #[command(flatten)]
    pub backend: BackendArgs,
    /// Words, "quoted phrases", -excluded words, and OR between two of them.
    #[arg(value_name = "QUERY", default_value = "", allow_hyphen_values = true)]
    pub query: String,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Hits to show at most (1 to 10000).
    #[arg(long, short = 'n', default_value_t = 10, value_parser = limit)]
    pub limit: usize,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
    /// Show one document per near-duplicate cluster.
    #[arg(long)]
    pub dedup: bool,
    /// Print only the number of matching documents.
    #[arg(long)]
    pub count: bool,
    /// Output format.
    #[arg(long, value_enum, conflicts_with = "json")]
    pub format: Option<Format>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// The text to analyze.
    #[arg(value_name = "TEXT", required = true)]
    pub text: Vec<String>,
    /// One JSON object per token.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SegmentArgs {
    /// Instead of segmenting stdin, score the segmenter on a gold file in
    /// the treebank's `.seg` format and print precision, recall and F1.
    #[arg(long, value_name = "GOLD.seg")]
    pub eval: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Article files (any format `index` reads); `-` or none reads stdin.
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Each input line is its own document, with exactly one output line.
    #[arg(long)]
    pub lines: bool,
}

/// Periods of `entities --by`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum By {
    /// `2024`.
    Year,
    /// `2024-04`.
    Month,
}

/// An entity kind as typed (`org` for `organization`).
fn parse_kind(s: &str) -> Result<Kind, String> {
    match s {
        "org" => Ok(Kind::Organization),
        _ => s.parse(),
    }
}

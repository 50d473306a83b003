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
    /// JSON field holding a value, as KIND=NAME (kinds: title, body, url,
    /// date, outlet, author); repeatable. Default names: title, text or
    /// content or body, url or link, date or published, source, author.
    #[arg(long = "field", value_name = "KIND=NAME")]
    pub fields: Vec<String>,
    /// Commit after every N source files read (besides every 20 seconds).
    #[arg(long, value_name = "N", default_value_t = 0)]
    pub commit_every: usize,
    /// Largest file (or JSON line, or WARC record) read, in bytes once
    /// decompressed.
    #[arg(long, value_name = "BYTES", default_value_t = 512 << 20)]
    pub max_bytes: u64,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
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

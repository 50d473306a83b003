//! Command-line arguments; each flag's help is written once, here.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

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
}

#[derive(Debug, Args)]
pub struct IndexLocation {
    /// Index directory.
    #[arg(long = "index", value_name = "DIR", default_value = "index")]
    pub dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or directories to index (directories are walked recursively).
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
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words, "quoted phrases", -excluded words, and OR between two of them.
    #[arg(value_name = "QUERY", default_value = "")]
    pub query: String,
    #[command(flatten)]
    pub index: IndexLocation,
    /// Hits to show at most.
    #[arg(long, short = 'n', default_value_t = 10)]
    pub limit: usize,
    /// One JSON object per hit.
    #[arg(long)]
    pub json: bool,
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

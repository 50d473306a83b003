# vietdex tasks; each recipe runs the same command the README and CI use.

# Build the release binary.
build:
    cargo build --release

# Index corpus/ into index/ (pass paths to index something else).
index *ARGS:
    cargo run --release -- index {{ARGS}}

# Search the index.
search QUERY *ARGS:
    cargo run --release -- search "{{QUERY}}" {{ARGS}}

# Run every test (the README's test command).
test:
    cargo test --workspace

# Benchmarks: analyzer, segmenter and extraction throughput (criterion), search latency.
bench *ARGS:
    cargo bench -p vietdex-tokenize -p vietdex-entities -p vietdex-index {{ARGS}}

# Formatting, lints and the API docs, as CI checks them.
lint:
    cargo fmt --all -- --check
    cargo clippy --workspace --all-targets -- -D warnings
    RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps

# What CI runs.
ci:
    bash .ci/run

# Whole `vietdex index` against SQLite FTS5 on a folder of .txt articles
# (e.g. a large news corpus kept outside the repository), with plain
# Tantivy as the floor.
bench-index CORPUS:
    cargo build --release
    cargo build --release -p vietdex-index --example tantivy_floor
    python3 bench/index_vs_fts5.py {{CORPUS}} --vietdex target/release/vietdex --floor target/release/examples/tantivy_floor

# `vietdex export --format opensearch` against `vietdex index` on the same
# files (folders or files), alternating in the same run, median of 3.
bench-export +CORPUS:
    cargo build --release
    python3 bench/export_vs_index.py {{CORPUS}} --vietdex target/release/vietdex

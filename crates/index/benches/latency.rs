//! In-process search latency: p50 and p99 over a set of realistic queries
//! (with and without diacritics, phrases, abbreviations, filters), each run
//! many times, ranking plus snippets for the top 10 as `vietdex search` does.
//!
//! The index is `VIETDEX_BENCH_INDEX` (build one with `vietdex index DIR
//! --index DIR2`, e.g. from a large news corpus), or one built from
//! `corpus/` in a temporary directory. `VIETDEX_BENCH_ROUNDS` sets the runs
//! per query (default 30); `VIETDEX_BENCH_VERBOSE` prints each query's median. A query that matches nothing, or whose filter
//! fails to resolve, fails the benchmark: every measured query does work.
//! Each measured run includes resolving the filters from their text, as a
//! command or a request does.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use vietdex_index::{BuildOptions, FilterSpec, SearchOptions, Searcher, build};

fn spec(f: &[(&str, &str)]) -> FilterSpec {
    let mut s = FilterSpec::default();
    for (k, v) in f {
        let v = v.to_string();
        match *k {
            "province" => s.province.push(v),
            "district" => s.district.push(v),
            "program" => s.program.push(v),
            "from" => s.from = Some(v),
            "to" => s.to = Some(v),
            _ => panic!("unknown filter {k}"),
        }
    }
    s
}

/// Queries typical of Vietnamese news search; the second list holds the
/// filters each one runs with.
const QUERIES: &[(&str, &[(&str, &str)])] = &[
    ("Hà Nội", &[]),
    ("ha noi", &[]),
    ("Đà Nẵng", &[]),
    ("da nang", &[]),
    ("Hồ Chí Minh", &[]),
    ("TP.HCM", &[]),
    ("thành phố hồ chí minh", &[]),
    ("Hòa Bình", &[]),
    ("hoà bình", &[]),
    ("hoa binh", &[]),
    ("nông thôn mới", &[]),
    ("NTM", &[]),
    ("giảm nghèo", &[]),
    ("giam ngheo", &[]),
    ("bóng đá", &[]),
    ("bong da", &[]),
    ("giá vàng", &[]),
    ("gia vang", &[]),
    ("tai nạn giao thông", &[]),
    ("tai nan giao thong", &[]),
    ("\"tai nạn giao thông\"", &[]),
    ("UBND", &[]),
    ("ủy ban nhân dân", &[]),
    ("Quảng Ninh du lịch", &[]),
    ("quang ninh du lich", &[]),
    ("xuất khẩu gạo", &[]),
    ("bất động sản", &[]),
    ("bat dong san", &[]),
    ("thời tiết miền Bắc", &[]),
    ("học sinh", &[]),
    ("Việt Nam", &[]),
    ("viet nam", &[]),
    ("điện thoại -iPhone", &[]),
    ("ô tô OR xe máy", &[]),
    ("Thanh Hóa", &[]),
    ("Nghệ An lũ lụt", &[]),
    ("cảnh sát giao thông", &[]),
    ("CSGT", &[]),
    ("bệnh viện", &[("province", "Hà Nội")]),
    ("tai nạn", &[("province", "ha noi")]),
    ("du lịch", &[("province", "Quảng Ninh")]),
    ("giáo dục", &[("province", "thanh hoa")]),
    ("", &[("province", "Đà Nẵng")]),
    ("trường học", &[("province", "Hồ Chí Minh")]),
    ("giá", &[("from", "2017-01"), ("to", "2017-12")]),
];

fn main() {
    let rounds: usize = std::env::var("VIETDEX_BENCH_ROUNDS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let res = std::sync::Arc::new(vietdex_pipeline::Resources::bundled().expect("resources"));
    let (dir, _tmp) = match std::env::var_os("VIETDEX_BENCH_INDEX") {
        Some(d) => (PathBuf::from(d), None),
        None => {
            let tmp = tempfile::tempdir().expect("tempdir");
            let corpus = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
            build(
                &[corpus],
                tmp.path(),
                &BuildOptions::default(),
                &res,
                &|_| {},
            )
            .expect("build");
            (tmp.path().to_path_buf(), Some(tmp))
        }
    };
    let searcher = Searcher::open(&dir, res).expect("open index");
    let small = std::env::var_os("VIETDEX_BENCH_INDEX").is_none();
    let verbose = std::env::var_os("VIETDEX_BENCH_VERBOSE").is_some();
    eprintln!(
        "index {}: {} documents; {} queries x {rounds} rounds",
        dir.display(),
        searcher.num_docs(),
        QUERIES.len()
    );
    let mut all: Vec<Duration> = Vec::new();
    let mut plain: Vec<Duration> = Vec::new();
    let mut filtered: Vec<Duration> = Vec::new();
    for (q, f) in QUERIES {
        let filters = spec(f);
        let run = || -> Result<_, String> {
            let opts = SearchOptions {
                limit: 10,
                dedup: false,
                filters: filters
                    .resolve(searcher.resources())
                    .map_err(|e| e.to_string())?,
            };
            searcher.search(q, &opts).map_err(|e| e.to_string())
        };
        let first = run().unwrap_or_else(|e| panic!("{q:?} {f:?}: {e}"));
        assert!(
            small || !first.hits.is_empty(),
            "{q:?} {f:?} matches nothing"
        );
        let mut mine: Vec<Duration> = Vec::with_capacity(rounds);
        for _ in 0..rounds {
            let t = Instant::now();
            let r = run().expect("search");
            let d = t.elapsed();
            std::hint::black_box(r);
            mine.push(d);
            all.push(d);
            if f.is_empty() {
                plain.push(d)
            } else {
                filtered.push(d)
            }
        }
        if verbose {
            mine.sort();
            eprintln!(
                "{:>8.3} ms  {q} {f:?}",
                mine[mine.len() / 2].as_secs_f64() * 1e3
            );
        }
    }
    let pct = |v: &mut Vec<Duration>, p: f64| -> f64 {
        v.sort();
        let i = ((v.len() as f64 - 1.0) * p).round() as usize;
        v.get(i).map_or(0.0, |d| d.as_secs_f64() * 1e3)
    };
    for (name, v) in [
        ("all queries", &mut all),
        ("without filters", &mut plain),
        ("with filters", &mut filtered),
    ] {
        println!(
            "{name:<16} n={:<6} p50 {:.3} ms  p99 {:.3} ms  max {:.3} ms",
            v.len(),
            pct(v, 0.50),
            pct(v, 0.99),
            pct(v, 1.0)
        );
    }
}

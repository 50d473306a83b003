//! Extraction time grows linearly with the text, also when the text is one
//! very long line (a scraped page with no line breaks). Each check compares
//! a text with one 16 times as long: linear work takes about 16 times as
//! long, quadratic work 256 times; the bound (64) is generous both ways so
//! that a busy machine does not fail the test. Measured figures belong in
//! the benchmarks, not here.

use std::sync::LazyLock;
use std::time::{Duration, Instant};

use vietdex_entities::{Context, Gazetteer, Knowledge, Programs, extract};
use vietdex_tokenize::Segmenter;

fn knowledge() -> Knowledge<'static> {
    static G: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);
    static P: LazyLock<Programs> = LazyLock::new(|| Programs::bundled().expect("programs"));
    static S: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);
    Knowledge {
        gazetteer: &G,
        programs: &P,
        segmenter: &S,
    }
}

/// The bundled articles' text, flattened to one line, interleaved with
/// sentences dense in names, dates, amounts and short forms defined in
/// brackets, and repeated to `bytes`.
fn one_line(bytes: usize) -> String {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus");
    let mut seed = String::new();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .expect("corpus/")
        .flatten()
        .map(|e| e.path())
        .collect();
    names.sort();
    for p in names {
        seed.push_str(&std::fs::read_to_string(p).expect("seed").replace('\n', " "));
        for i in 0..40 {
            seed.push_str(&format!(
                " Ông Nguyễn Văn An, Chủ tịch UBND xã Ngọc Sơn, huyện Thạch Hà cho biết \
                 ngày {}/3/2024 xã đạt {},5% kế hoạch, thu 1{}.000 tỷ đồng; bà Trần Thị Bình \
                 ở thôn Trung {} nói. Công ty Cổ phần Minh Châu (MC{}) và Trung tâm \
                 Khuyến nông Quốc gia (TTKN) ký kết; MC{} nhận giống của TTKN.",
                i % 28 + 1,
                i + 10,
                i,
                i % 9 + 1,
                char::from(b'A' + i as u8 % 26),
                char::from(b'A' + i as u8 % 26),
            ));
        }
    }
    let mut text = String::with_capacity(bytes + seed.len());
    while text.len() < bytes {
        text.push_str(&seed);
    }
    let cut = (0..=bytes)
        .rev()
        .find(|&i| text.is_char_boundary(i))
        .unwrap_or(0);
    text.truncate(cut);
    text
}

fn best_of_two(text: &str) -> (Duration, usize) {
    let k = knowledge();
    let ctx = Context::default();
    let mut best = Duration::MAX;
    let mut n = 0;
    for _ in 0..2 {
        let t = Instant::now();
        n = extract(text, &ctx, &k).len();
        best = best.min(t.elapsed());
    }
    (best, n)
}

#[test]
fn one_long_line_takes_linear_time() {
    let small = one_line(64 << 10);
    let large = one_line(16 * (64 << 10));
    let _ = best_of_two(&small); // load the resources outside the timing
    let (t_small, n_small) = best_of_two(&small);
    let (t_large, n_large) = best_of_two(&large);
    assert!(n_small > 50, "the seeds give entities: {n_small}");
    assert!(n_large > 12 * n_small, "{n_large} vs {n_small}");
    let ratio = t_large.as_secs_f64() / t_small.as_secs_f64().max(1e-6);
    eprintln!("{t_small:?} -> {t_large:?}: {ratio:.1}x");
    assert!(
        ratio < 64.0,
        "16x the text took {ratio:.1}x the time ({t_small:?} -> {t_large:?}): superlinear"
    );
}

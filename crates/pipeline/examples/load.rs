//! Time to load each bundled language resource, as a command does at
//! start-up: `cargo run --release -p vietdex-pipeline --example load`.

use std::time::Instant;

use vietdex_entities::{Gazetteer, Programs};
use vietdex_tokenize::{Abbreviations, Segmenter};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ms = |t: Instant| t.elapsed().as_secs_f64() * 1e3;
    let t = Instant::now();
    let g = Gazetteer::bundled();
    println!(
        "gazetteer      {:7.1} ms ({} units)",
        ms(t),
        g.units().len()
    );
    let t = Instant::now();
    let p = Programs::bundled()?;
    println!(
        "programs       {:7.1} ms ({} programs)",
        ms(t),
        p.all().len()
    );
    let t = Instant::now();
    let s = Segmenter::bundled();
    println!("segmenter      {:7.1} ms", ms(t));
    std::hint::black_box(&s);
    let t = Instant::now();
    let a = Abbreviations::bundled()?;
    println!("abbreviations  {:7.1} ms ({} entries)", ms(t), a.len());
    let t = Instant::now();
    let r = vietdex_pipeline::Resources::bundled()?;
    println!(
        "bundled        {:7.1} ms (gazetteer and segmenter on first use)",
        ms(t)
    );
    let t = Instant::now();
    r.preload();
    println!("preload        {:7.1} ms (both, side by side)", ms(t));
    std::hint::black_box(&r);
    Ok(())
}

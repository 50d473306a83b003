//! Extraction quality on the five corpus articles against the hand-checked
//! gold file `tests/gold.tsv`: precision and recall per kind (printed), with
//! floors for places and people, and linking accuracy for places.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use std::sync::LazyLock;

use vietdex_entities::{Context, Entity, Gazetteer, Knowledge, Programs, extract};
use vietdex_tokenize::Segmenter;

/// The bundled gazetteer, program table and segmenter, loaded once.
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

fn key(text: &str) -> String {
    vietdex_tokenize::Analyzer::new()
        .skipping_foldless()
        .analyze(text)
        .iter()
        .map(|t| t.exact.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

fn kind_of(e: &Entity) -> &'static str {
    match e.kind().as_str() {
        "province" | "district" | "commune" | "place" => "place",
        k => k,
    }
}

fn key_of(e: &Entity) -> String {
    match kind_of(e) {
        "program" | "date" | "quantity" => e.value.clone(),
        _ => key(&e.text),
    }
}

fn article(prefix: &str) -> (String, Context) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
    let path = std::fs::read_dir(&dir)
        .expect("corpus")
        .flatten()
        .map(|e| e.path())
        .find(|p| {
            p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with(prefix))
        })
        .expect("article");
    let mut docs = Vec::new();
    vietdex_ingest::load(&path, &vietdex_ingest::Options::default(), &mut |r| {
        docs.push(r)
    })
    .expect("load");
    let a = docs.pop().expect("one").expect("article");
    let year = a
        .published
        .as_deref()
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse().ok());
    (format!("{}\n\n{}", a.title, a.body), Context { year })
}

#[test]
fn gold_precision_and_recall() {
    let gold_text = include_str!("gold.tsv");
    // (file, kind) → keys; (file, key) → linked unit for places
    let mut gold: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    let mut links: BTreeMap<(String, String), String> = BTreeMap::new();
    for line in gold_text
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let (file, kind, k) = (cols[0], cols[1], cols[2]);
        let k = if matches!(kind, "place" | "person" | "organization") {
            key(k)
        } else {
            k.to_string()
        };
        gold.entry((file.into(), kind.into()))
            .or_default()
            .insert(k.clone());
        if let Some(l) = cols.get(3) {
            links.insert((file.into(), k), l.to_string());
        }
    }
    let files: BTreeSet<String> = gold.keys().map(|(f, _)| f.clone()).collect();
    let kinds = [
        "place",
        "person",
        "program",
        "organization",
        "date",
        "quantity",
    ];
    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let (mut link_ok, mut link_all) = (0, 0);
    for file in &files {
        let (text, ctx) = article(file);
        let ents = extract(&text, &ctx, &knowledge());
        for kind in kinds {
            let predicted: BTreeSet<String> = ents
                .iter()
                .filter(|e| kind_of(e) == kind)
                .map(key_of)
                .collect();
            let expected = gold
                .get(&(file.clone(), kind.to_string()))
                .cloned()
                .unwrap_or_default();
            let t = totals.entry(kind).or_default();
            t.0 += predicted.intersection(&expected).count();
            t.1 += predicted.len();
            t.2 += expected.len();
            for miss in expected.difference(&predicted) {
                eprintln!("{file} {kind} missed: {miss}");
            }
            for extra in predicted.difference(&expected) {
                eprintln!("{file} {kind} spurious: {extra}");
            }
        }
        for ((f, k), want) in links.iter().filter(|((f, _), _)| f == file) {
            let _ = f;
            for e in ents
                .iter()
                .filter(|e| kind_of(e) == "place" && key(&e.text) == *k)
            {
                link_all += 1;
                let got = e.name().unwrap_or("-").to_string();
                if want.split('|').any(|w| w == got) {
                    link_ok += 1;
                } else {
                    eprintln!("{file} link of {k}: got {got}, want {want}");
                }
            }
        }
    }
    let mut report = String::from("kind          precision  recall  (correct/predicted/gold)\n");
    for (kind, (c, p, g)) in &totals {
        report.push_str(&format!(
            "{kind:<13} {:>9.3} {:>7.3}  ({c}/{p}/{g})\n",
            *c as f64 / (*p).max(1) as f64,
            *c as f64 / (*g).max(1) as f64
        ));
    }
    report.push_str(&format!(
        "place links   {:.3} ({link_ok}/{link_all} mentions linked as in the gold file)\n",
        link_ok as f64 / link_all.max(1) as f64
    ));
    eprintln!("{report}");
    for kind in ["place", "person"] {
        let (c, p, g) = totals[kind];
        let (prec, rec) = (c as f64 / p.max(1) as f64, c as f64 / g.max(1) as f64);
        assert!(
            prec >= 0.90 && rec >= 0.85,
            "{kind}: precision {prec:.3}, recall {rec:.3}\n{report}"
        );
    }
    assert!(link_ok as f64 >= 0.9 * link_all as f64, "{report}");
}

/// Precision and recall per kind on 300 news sentences of the UD
/// Vietnamese-VTB dev split (`ud-vi-vtb/`, CC BY-SA 4.0), each sentence a
/// document of its own, against the hand annotation `ud-vi-vtb/dev-gold.tsv`
/// (rules in `ud-vi-vtb/GUIDELINES.md`). Quantities are not annotated there,
/// so they are not scored. Prints the table and the recall of each place
/// subtype; the floors guard against regressions.
#[test]
fn ud_vtb_dev_precision_and_recall() {
    let (report, prec, rec, person) = score_ud(
        "UD-VTB dev (300 sentences)",
        include_str!("ud-vi-vtb/dev-300.txt"),
        include_str!("ud-vi-vtb/dev-gold.tsv"),
    );
    assert!(prec >= PREC_FLOOR && rec >= REC_FLOOR, "{report}");
    assert_person(&report, person, PERSON_FLOORS);
}

/// The same on the next 150 sentences of the dev split
/// (`ud-vi-vtb/dev-301-450.txt`), annotated by the same rules after the
/// extraction rules were written and never used to write them: how the
/// rules do on news they were not written for. Its floors are its own.
#[test]
fn ud_vtb_held_out_precision_and_recall() {
    let (report, prec, rec, person) = score_ud(
        "UD-VTB dev 301-450 (150 held-out sentences)",
        include_str!("ud-vi-vtb/dev-301-450.txt"),
        include_str!("ud-vi-vtb/dev-301-450-gold.tsv"),
    );
    assert!(
        prec >= HELD_OUT_PREC_FLOOR && rec >= HELD_OUT_REC_FLOOR,
        "{report}"
    );
    assert_person(&report, person, HELD_OUT_PERSON_FLOORS);
}

/// The same on sentences 451 to 550 of the dev split
/// (`ud-vi-vtb/dev-451-550.txt`), annotated before extraction was first run
/// on them: a second held-out check, for rules written from the first. Its
/// floors are its own.
#[test]
fn ud_vtb_held_out_451_550_precision_and_recall() {
    let (report, prec, rec, person) = score_ud(
        "UD-VTB dev 451-550 (100 held-out sentences)",
        include_str!("ud-vi-vtb/dev-451-550.txt"),
        include_str!("ud-vi-vtb/dev-451-550-gold.tsv"),
    );
    assert!(
        prec >= HELD_OUT_451_PREC_FLOOR && rec >= HELD_OUT_451_REC_FLOOR,
        "{report}"
    );
    assert_person(&report, person, HELD_OUT_451_PERSON_FLOORS);
}

/// The same on sentences 551 to 700 of the dev split
/// (`ud-vi-vtb/dev-551-700.txt`), annotated before extraction was first run
/// on them: a third held-out check, for rules written from the first two.
/// Its floors are its own.
#[test]
fn ud_vtb_held_out_551_700_precision_and_recall() {
    let (report, prec, rec, person) = score_ud(
        "UD-VTB dev 551-700 (150 held-out sentences)",
        include_str!("ud-vi-vtb/dev-551-700.txt"),
        include_str!("ud-vi-vtb/dev-551-700-gold.tsv"),
    );
    assert!(
        prec >= HELD_OUT_551_PREC_FLOOR && rec >= HELD_OUT_551_REC_FLOOR,
        "{report}"
    );
    assert_person(&report, person, HELD_OUT_551_PERSON_FLOORS);
}

/// The same on sentences 701 to 900 of the dev split
/// (`ud-vi-vtb/dev-701-900.txt`), annotated before extraction was first run
/// on them: a fourth held-out check. Its floors are its own.
#[test]
fn ud_vtb_held_out_701_900_precision_and_recall() {
    let (report, prec, rec, person) = score_ud(
        "UD-VTB dev 701-900 (200 held-out sentences)",
        include_str!("ud-vi-vtb/dev-701-900.txt"),
        include_str!("ud-vi-vtb/dev-701-900-gold.tsv"),
    );
    assert!(
        prec >= HELD_OUT_701_PREC_FLOOR && rec >= HELD_OUT_701_REC_FLOOR,
        "{report}"
    );
    assert_person(&report, person, HELD_OUT_701_PERSON_FLOORS);
}

/// The 1,400 sentences of the train split (`ud-vi-vtb/train-*.txt`),
/// annotated by reading for training a learned tagger, on which no rule was
/// written: a fifth check, larger than the others and richer in people
/// named by their given name alone (stories). Scored over all seven files
/// at once; its floors are its own.
#[test]
fn ud_vtb_train_precision_and_recall() {
    let sets = [
        (
            include_str!("ud-vi-vtb/train-0001-0200.txt"),
            include_str!("ud-vi-vtb/train-0001-0200-gold.tsv"),
        ),
        (
            include_str!("ud-vi-vtb/train-0201-0400.txt"),
            include_str!("ud-vi-vtb/train-0201-0400-gold.tsv"),
        ),
        (
            include_str!("ud-vi-vtb/train-0401-0600.txt"),
            include_str!("ud-vi-vtb/train-0401-0600-gold.tsv"),
        ),
        (
            include_str!("ud-vi-vtb/train-0601-0800.txt"),
            include_str!("ud-vi-vtb/train-0601-0800-gold.tsv"),
        ),
        (
            include_str!("ud-vi-vtb/train-0801-1000.txt"),
            include_str!("ud-vi-vtb/train-0801-1000-gold.tsv"),
        ),
        (
            include_str!("ud-vi-vtb/train-1001-1200.txt"),
            include_str!("ud-vi-vtb/train-1001-1200-gold.tsv"),
        ),
        (
            include_str!("ud-vi-vtb/train-1201-1400.txt"),
            include_str!("ud-vi-vtb/train-1201-1400-gold.tsv"),
        ),
    ];
    // One set of 1,400 sentences: the gold files number their sentences
    // from 1 each, so each file's numbers move past the files before it.
    let (mut sentences, mut gold) = (String::new(), String::new());
    let mut offset = 0;
    for (txt, tsv) in sets {
        sentences.push_str(txt);
        if !txt.ends_with('\n') {
            sentences.push('\n');
        }
        for line in tsv
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        {
            let (n, rest) = line.split_once('\t').expect("a numbered line");
            let n: usize = n.parse().expect("sentence number");
            gold.push_str(&format!("{}\t{rest}\n", n + offset));
        }
        offset += txt.lines().count();
    }
    assert_eq!(offset, 1400);
    let (report, prec, rec, person) = score_ud("UD-VTB train (1,400 sentences)", &sentences, &gold);
    assert!(
        prec >= TRAIN_PREC_FLOOR && rec >= TRAIN_REC_FLOOR,
        "{report}"
    );
    assert_person(&report, person, TRAIN_PERSON_FLOORS);
}

/// Scores extraction on `sentences` (one document per line, in the
/// treebank's tokenization) against `gold` (the format of
/// `ud-vi-vtb/dev-gold.tsv`): the printed report, precision and recall
/// over all kinds, and precision and recall of people.
fn score_ud(label: &str, sentences: &str, gold_tsv: &str) -> (String, f64, f64, (f64, f64)) {
    let sentences: Vec<&str> = sentences.lines().collect();
    let kinds = ["place", "organization", "person", "program", "date"];
    // (sentence, kind) → keys; (sentence, place key) → subtype
    let mut gold: BTreeMap<(usize, &str), BTreeSet<String>> = BTreeMap::new();
    let mut subtype: BTreeMap<(usize, String), &str> = BTreeMap::new();
    for line in gold_tsv
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
    {
        let cols: Vec<&str> = line.split('\t').collect();
        let n: usize = cols[0].parse().expect("sentence number");
        assert!((1..=sentences.len()).contains(&n), "{line}");
        let kind = kinds
            .into_iter()
            .find(|k| *k == cols[1])
            .unwrap_or_else(|| panic!("unknown kind in {line}"));
        let k = if kind == "date" {
            cols[2].to_string()
        } else {
            key(cols[2])
        };
        if let Some(s) = cols.get(3) {
            subtype.insert((n, k.clone()), s);
        }
        gold.entry((n, kind)).or_default().insert(k);
    }
    let mut totals: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    let mut by_subtype: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (i, sentence) in sentences.iter().enumerate() {
        let n = i + 1;
        // The treebank writes brackets as `LBKT` and `RBKT`.
        let sentence = sentence.replace("LBKT", "(").replace("RBKT", ")");
        let ents = extract(&sentence, &Context { year: None }, &knowledge());
        for kind in kinds {
            let predicted: BTreeSet<String> = ents
                .iter()
                .filter(|e| kind_of(e) == kind)
                .map(key_of)
                .collect();
            let expected = gold.get(&(n, kind)).cloned().unwrap_or_default();
            let t = totals.entry(kind).or_default();
            t.0 += predicted.intersection(&expected).count();
            t.1 += predicted.len();
            t.2 += expected.len();
            for miss in expected.difference(&predicted) {
                eprintln!("{label}: {n} {kind} missed: {miss}");
            }
            for extra in predicted.difference(&expected) {
                eprintln!("{label}: {n} {kind} spurious: {extra}");
            }
            if kind == "place" {
                for k in &expected {
                    let s = subtype.get(&(n, k.clone())).copied().unwrap_or("-");
                    let e = by_subtype.entry(s).or_default();
                    e.0 += usize::from(predicted.contains(k));
                    e.1 += 1;
                }
            }
        }
    }
    let (mut c_all, mut p_all, mut g_all) = (0, 0, 0);
    let mut report =
        format!("{label}\nkind          precision  recall  (correct/predicted/gold)\n");
    for kind in kinds {
        let (c, p, g) = totals[kind];
        (c_all, p_all, g_all) = (c_all + c, p_all + p, g_all + g);
        report.push_str(&format!(
            "{kind:<13} {:>9.3} {:>7.3}  ({c}/{p}/{g})\n",
            c as f64 / p.max(1) as f64,
            c as f64 / g.max(1) as f64
        ));
    }
    let (prec, rec) = (
        c_all as f64 / p_all.max(1) as f64,
        c_all as f64 / g_all.max(1) as f64,
    );
    report.push_str(&format!(
        "all kinds     {prec:>9.3} {rec:>7.3}  ({c_all}/{p_all}/{g_all})\nplace recall by subtype:"
    ));
    for (s, (c, g)) in &by_subtype {
        report.push_str(&format!(" {s} {c}/{g}"));
    }
    eprintln!("{report}");
    let (c, p, g) = totals["person"];
    let person = (c as f64 / p.max(1) as f64, c as f64 / g.max(1) as f64);
    (report, prec, rec, person)
}

/// Asserts the precision and recall of people against their floors.
#[track_caller]
fn assert_person(report: &str, (prec, rec): (f64, f64), (p_floor, r_floor): (f64, f64)) {
    assert!(
        prec >= p_floor && rec >= r_floor,
        "people: precision {prec:.3}, recall {rec:.3}\n{report}"
    );
}

/// Floors of the dev-gold figures, set just under what extraction reaches
/// today, so that a regression fails the test.
const PREC_FLOOR: f64 = 0.97;
const REC_FLOOR: f64 = 0.88;
/// Floors of the held-out figures, likewise.
const HELD_OUT_PREC_FLOOR: f64 = 0.91;
const HELD_OUT_REC_FLOOR: f64 = 0.84;
/// Floors of the second held-out set's figures, likewise.
const HELD_OUT_451_PREC_FLOOR: f64 = 0.94;
const HELD_OUT_451_REC_FLOOR: f64 = 0.76;
/// Floors of the third held-out set's figures, likewise.
const HELD_OUT_551_PREC_FLOOR: f64 = 0.94;
const HELD_OUT_551_REC_FLOOR: f64 = 0.84;
/// Floors of the fourth held-out set's figures, likewise.
const HELD_OUT_701_PREC_FLOOR: f64 = 0.90;
const HELD_OUT_701_REC_FLOOR: f64 = 0.66;
/// Floors of the train split's figures, likewise.
const TRAIN_PREC_FLOOR: f64 = 0.93;
const TRAIN_REC_FLOOR: f64 = 0.55;
/// Floors of the people's precision and recall on each set, likewise:
/// people are scored on their own, so that gains on other kinds cannot
/// hide a loss of names.
const PERSON_FLOORS: (f64, f64) = (0.97, 0.89);
const HELD_OUT_PERSON_FLOORS: (f64, f64) = (0.95, 0.85);
const HELD_OUT_451_PERSON_FLOORS: (f64, f64) = (0.95, 0.92);
const HELD_OUT_551_PERSON_FLOORS: (f64, f64) = (0.95, 0.84);
const HELD_OUT_701_PERSON_FLOORS: (f64, f64) = (0.92, 0.64);
const TRAIN_PERSON_FLOORS: (f64, f64) = (0.97, 0.49);

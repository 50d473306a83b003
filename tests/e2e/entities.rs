//! `vietdex extract` and the entities stored with indexed documents.

use crate::util::{Sandbox, corpus};

fn extract_stdin(args: &[&str], input: &str) -> Vec<serde_json::Value> {
    let mut all = vec!["extract"];
    all.extend_from_slice(args);
    crate::util::run_with_stdin(&all, input)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json"))
        .collect()
}

#[test]
fn lines_mode_gives_one_object_per_line_with_char_offsets() {
    let input = "Xã Vạn Thọ, huyện Đại Từ đạt NTM nâng cao.\n\nkhông có gì ở đây\nÔng Nguyễn Quốc Quân - Chủ tịch UBND xã Ngọc Sơn, huyện Thạch Hà.\n";
    let docs = extract_stdin(&["--lines"], input);
    assert_eq!(docs.len(), 4);
    for (doc, line) in docs.iter().zip(input.lines()) {
        assert_eq!(doc["text"], line);
        for e in doc["entities"].as_array().expect("entities") {
            let (s, end) = (
                e["start"].as_u64().expect("s") as usize,
                e["end"].as_u64().expect("e") as usize,
            );
            let span: String = line.chars().skip(s).take(end - s).collect();
            assert_eq!(span, e["text"].as_str().expect("text"));
            assert!(e["kind"].is_string() && e["value"].is_string());
        }
    }
    assert!(docs[1]["entities"].as_array().expect("a").is_empty());
    assert!(docs[2]["entities"].as_array().expect("a").is_empty());
    let van_tho = docs[0]["entities"]
        .as_array()
        .expect("a")
        .iter()
        .find(|e| e["text"] == "Xã Vạn Thọ")
        .expect("Vạn Thọ");
    assert_eq!(van_tho["kind"], "commune");
    assert_eq!(van_tho["level"], "commune");
    assert_eq!(van_tho["code"], "05839");
    assert_eq!(van_tho["name"], "Xã Vạn Thọ");
    assert_eq!(van_tho["district"], "Huyện Đại Từ");
    assert_eq!(van_tho["province"], "Tỉnh Thái Nguyên");
    let person = docs[3]["entities"]
        .as_array()
        .expect("a")
        .iter()
        .find(|e| e["kind"] == "person")
        .expect("person");
    assert_eq!(person["value"], "Nguyễn Quốc Quân");
    assert_eq!(person["role"], "Chủ tịch UBND xã Ngọc Sơn");
    // The commune in the committee's name is the committee's, linked by
    // the district written after it; it is no place mention of its own.
    let committee = docs[3]["entities"]
        .as_array()
        .expect("a")
        .iter()
        .find(|e| e["text"] == "UBND xã Ngọc Sơn")
        .expect("UBND xã Ngọc Sơn");
    assert_eq!(committee["kind"], "organization");
    assert_eq!(committee["place"], "Xã Ngọc Sơn");
    assert_eq!(committee["place_district"], "Huyện Thạch Hà");
    assert_eq!(committee["place_province"], "Tỉnh Hà Tĩnh");
    assert_eq!(committee["place_files"], true);
    assert!(
        !docs[3]["entities"]
            .as_array()
            .expect("a")
            .iter()
            .any(|e| e["text"] == "xã Ngọc Sơn")
    );
}

#[test]
fn files_are_cleaned_and_extracted_in_input_order() {
    let sb = Sandbox::new();
    let a = corpus().join("004_f16c7fcdc7d76b7f.txt");
    let b = corpus().join("000_638e7e34ad3540e3.txt");
    let r = sb.run(&["extract", a.to_str().expect("p"), b.to_str().expect("p")]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let docs = r.json_lines();
    assert_eq!(docs.len(), 2);
    assert!(
        docs[0]["source"]
            .as_str()
            .expect("s")
            .ends_with("004_f16c7fcdc7d76b7f.txt")
    );
    // Ngọc Sơn of Thạch Hà (Hà Tĩnh), though the article never names the province.
    let ngoc_son: Vec<&serde_json::Value> = docs[0]["entities"]
        .as_array()
        .expect("a")
        .iter()
        .filter(|e| {
            e["text"].as_str().is_some_and(|t| t.ends_with("Ngọc Sơn")) && e["kind"] == "commune"
        })
        .collect();
    assert!(!ngoc_son.is_empty());
    assert!(
        ngoc_son
            .iter()
            .all(|e| e["district"] == "Huyện Thạch Hà" && e["province"] == "Tỉnh Hà Tĩnh")
    );
    // Vạn Thọ of Đại Từ; no teaser of other articles extracted.
    let ents = docs[1]["entities"].as_array().expect("a");
    assert!(
        ents.iter()
            .any(|e| e["text"] == "xã Vạn Thọ" && e["district"] == "Huyện Đại Từ")
    );
    assert!(
        !ents
            .iter()
            .any(|e| e["text"].as_str().is_some_and(|t| t.contains("Vĩnh Yên")))
    );
    let missing = sb.run(&["extract", "nope.txt"]);
    assert_eq!(missing.code, 2);
    assert!(missing.stderr.contains("nope.txt"), "{}", missing.stderr);
}

#[test]
fn search_hits_carry_their_entities() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let r = sb.run(&["search", "\"Hà Trung\"", "--json"]);
    let hits = r.json_lines();
    assert_eq!(hits.len(), 1);
    let ents = hits[0]["entities"].as_array().expect("entities");
    assert!(
        ents.iter()
            .any(|e| e["kind"] == "person" && e["value"] == "Lê Văn Dậu")
    );
    assert!(
        ents.iter()
            .any(|e| e["kind"] == "district" && e["value"] == "Huyện Hà Trung")
    );
    assert!(
        ents.iter()
            .any(|e| e["kind"] == "date" && e["value"] == "2023-06-29")
    );
}

/// `vietdex index` and `vietdex extract` run the same pipeline step: the
/// entities stored with each indexed seed article equal those `extract`
/// prints for its file, and the text their offsets point into is the same.
#[test]
fn index_and_extract_give_equal_entities_on_the_seeds() {
    let sb = Sandbox::with_corpus();
    sb.index(&[]);
    let mut seeds: Vec<String> = std::fs::read_dir(corpus())
        .expect("corpus")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    seeds.sort();
    assert_eq!(seeds.len(), 5);
    for name in &seeds {
        let path = format!("corpus/{name}");
        let extracted = sb.run(&["extract", &path]);
        assert_eq!(extracted.code, 0, "{}", extracted.stderr);
        let extracted = &extracted.json_lines()[0];
        let shown = sb.run(&["show", &path, "--json"]);
        assert_eq!(shown.code, 0, "{}", shown.stderr);
        let shown = &shown.json_lines()[0];
        let from_index = shown["entities"].as_array().expect("stored entities");
        let from_extract = extracted["entities"]
            .as_array()
            .expect("extracted entities");
        assert!(!from_index.is_empty(), "{name}: no entities");
        assert_eq!(from_index, from_extract, "{name}");
        assert_eq!(
            extracted["text"]
                .as_str()
                .map(|t| t.split_once("\n\n").map(|p| p.0)),
            Some(shown["title"].as_str()),
            "{name}: offsets refer to headline + blank line + body"
        );
    }
}

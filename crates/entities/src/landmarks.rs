//! Places that are not administrative units: countries, territories and
//! foreign cities (CLDR names and the press's forms, `data/countries.tsv`,
//! `data/cities.tsv`, `data/world.tsv`), and places recognized by their head word (roads,
//! rivers, lakes, islands, bridges, airports, markets, addresses …).

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use vietdex_tokenize::normalize;

use crate::gazetteer::{Gazetteer, Level};
use crate::text::{Token, contiguous, gap, mark, next_marked, set_apart};
use crate::words;

const COUNTRIES: &str = include_str!("../data/countries.tsv");
const WORLD: &str = include_str!("../data/world.tsv");
const CITIES: &str = include_str!("../data/cities.tsv");

/// A place found by this module, in tokens.
#[derive(Debug, Clone)]
pub struct Landmark {
    /// First token (the head word, if any).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `country`, `city`, `foreign-unit`, `region`, `road`, `water`,
    /// `mountain`, `island`, `landmark` or `address`.
    pub subtype: &'static str,
}

/// Head words, by subtype; each may be followed by a name.
const HEADS: &[(&str, &str)] = &[
    ("đường cao tốc", "road"),
    ("cao tốc", "road"),
    ("quốc lộ", "road"),
    ("tỉnh lộ", "road"),
    ("hương lộ", "road"),
    ("đại lộ", "road"),
    ("đường tỉnh", "road"),
    ("đường", "road"),
    ("phố đi bộ", "road"),
    ("phố", "road"),
    ("hẻm", "road"),
    ("ngõ", "road"),
    ("miền", "region"),
    // `phương Tây`: a direction names a part of the world.
    ("phương", "region"),
    // A named area after `vùng` or `khu vực` (`vùng Donetsk`, `khu vực
    // Đông Ghouta`): the name alone is the place ([`NAME_ONLY`]).
    ("vùng", "region"),
    ("khu vực", "region"),
    ("kênh", "water"),
    ("cửa sông", "water"),
    ("cửa biển", "water"),
    ("cửa", "water"),
    ("vàm", "water"),
    ("sông", "water"),
    ("hồ", "water"),
    ("đầm", "water"),
    ("biển", "water"),
    ("vịnh", "water"),
    ("suối", "water"),
    ("thác", "water"),
    ("rạch", "water"),
    ("núi", "mountain"),
    ("đèo", "mountain"),
    ("dãy núi", "mountain"),
    ("quần đảo", "island"),
    ("đảo", "island"),
    ("cù lao", "island"),
    ("bán đảo", "island"),
    ("cầu", "landmark"),
    ("sân bay", "landmark"),
    ("phi trường", "landmark"),
    ("cảng hàng không", "landmark"),
    ("cảng", "landmark"),
    ("bến", "landmark"),
    ("bến xe", "landmark"),
    ("bến cảng", "landmark"),
    ("chợ", "landmark"),
    ("công viên", "landmark"),
    ("quảng trường", "landmark"),
    ("mũi", "landmark"),
    ("hầm", "landmark"),
    ("cửa khẩu", "landmark"),
    ("sân vận động", "landmark"),
    ("sân", "landmark"),
    ("nhà hát", "landmark"),
    ("bảo tàng", "landmark"),
    ("chùa", "landmark"),
    ("đền", "landmark"),
    ("nhà thờ", "landmark"),
    ("khu du lịch", "landmark"),
    ("khu công nghiệp", "landmark"),
    ("khu kinh tế", "landmark"),
    // Their abbreviations, written in capitals ([`ABBREVIATED`]).
    ("kcn", "landmark"),
    ("kcx", "landmark"),
    ("kkt", "landmark"),
    ("ccn", "landmark"),
    ("kđt", "landmark"),
    ("kdl", "landmark"),
    ("svđ", "landmark"),
    ("bang", "foreign-unit"),
    ("tiểu bang", "foreign-unit"),
    // A city outside the gazetteer (those in it are claimed before as
    // units): `thành phố Little Rock`, `TP Osaka`.
    ("thành phố", "city"),
    ("tp", "city"),
    ("vườn quốc gia", "landmark"),
    // Caves, ranges, hills and heights, valleys, highlands.
    ("hang động", "landmark"),
    ("hang", "landmark"),
    ("động", "landmark"),
    ("dãy", "mountain"),
    ("rặng", "mountain"),
    ("đồi", "mountain"),
    ("đỉnh", "mountain"),
    ("thung lũng", "landmark"),
    ("rừng", "landmark"),
    // Waters named by their shape.
    ("biển hồ", "water"),
    ("eo biển", "water"),
    ("vũng", "water"),
    ("lạch", "water"),
    // Grounds and areas: beaches, mining grounds, named quarters.
    ("bãi biển", "landmark"),
    ("bãi tắm", "landmark"),
    ("bãi vàng", "landmark"),
    ("bãi", "landmark"),
    ("mỏ", "landmark"),
    ("khu", "landmark"),
    ("khu di tích", "landmark"),
    ("khu bảo tồn", "landmark"),
    ("khu đô thị", "landmark"),
    ("khu chế xuất", "landmark"),
    ("khu dân cư", "landmark"),
    ("khu nghỉ dưỡng", "landmark"),
    // Monuments, relics and places of worship.
    ("tháp", "landmark"),
    ("miếu", "landmark"),
    ("lăng", "landmark"),
    ("dinh", "landmark"),
    ("thành cổ", "landmark"),
    ("thánh địa", "landmark"),
    ("di tích", "landmark"),
    ("tượng đài", "landmark"),
    ("tu viện", "landmark"),
    ("thiền viện", "landmark"),
    // Buildings, stations and crossings.
    ("nhà văn hóa", "landmark"),
    ("nhà thi đấu", "landmark"),
    ("nhà ga", "landmark"),
    ("bến phà", "landmark"),
    // Ferry landings, prisons, housing blocks and power dams (`bến đò
    // Kho`, `nhà giam Tours`, `khu tập thể Mai Động`, `thủy điện Ia Me`).
    ("bến đò", "landmark"),
    ("nhà giam", "landmark"),
    ("trại giam", "landmark"),
    ("nhà tù", "landmark"),
    ("khu tập thể", "landmark"),
    ("thủy điện", "landmark"),
    ("thuỷ điện", "landmark"),
    ("chung cư", "landmark"),
    ("cao ốc", "landmark"),
    ("tòa nhà", "landmark"),
    ("ngã ba", "landmark"),
    ("ngã tư", "landmark"),
    ("ngã năm", "landmark"),
    ("ngã sáu", "landmark"),
    ("vòng xoay", "landmark"),
];

/// Head words written as their initials in capitals: an industrial park
/// (`KCN Sóng Thần`), an export zone (`KCX Tân Thuận`), an economic zone
/// (`KKT Dung Quất`), an industrial cluster (`CCN`), a new town (`KĐT
/// Linh Đàm`), a tourist resort (`KDL Suối Tiên`), a stadium (`SVĐ Thống
/// Nhất`).
const ABBREVIATED: &[&str] = &["kcn", "kcx", "kkt", "ccn", "kđt", "kdl", "svđ"];

/// Head words whose name may be a number or code (`quốc lộ 1A`,
/// `tỉnh lộ 316G`, `đường số 1`).
const CODED: &[&str] = &[
    "quốc lộ",
    "tỉnh lộ",
    "hương lộ",
    "đường tỉnh",
    "cao tốc",
    "đường cao tốc",
];

/// Head words that stay out of the place's span: the name alone is the
/// place (`vùng Donetsk` is `Donetsk`), as with a name the tables know
/// (`vùng Tây Nguyên` is `Tây Nguyên`).
const NAME_ONLY: &[&str] = &["vùng", "khu vực"];

/// Crossings, named by the streets that meet there, joined by a dash
/// (`ngã tư Hàng Xanh`, `vòng xoay Nguyễn Kiệm - Hoàng Minh Giám`).
const CROSSINGS: &[&str] = &["ngã ba", "ngã tư", "ngã năm", "ngã sáu", "vòng xoay"];

/// Words after which `động` is a cave and `mỏ` a mine (`đi động Phong
/// Nha`, `tại động Thiên Đường`, `hang động …`).
const CAVE_CUES: &[&str] = &[
    "tại", "ở", "đến", "tới", "vào", "thăm", "đi", "qua", "từ", "về", "trong", "của", "và", "ngôi",
    "hang", "cửa", "lòng", "như", "là",
];

/// A head word: its syllables, its subtype, the syllables joined by spaces.
type Head = (Vec<String>, &'static str, String);

struct Tables {
    /// Head words by first syllable, longest first: (syllables, subtype,
    /// the syllables joined by spaces).
    heads: HashMap<String, Vec<Head>>,
    /// [`Tables::heads`] by the hash of the first syllable.
    heads_by_hash: HashMap<u64, Vec<Head>>,
    /// World names by first syllable, longest first: (syllables, subtype).
    names: HashMap<String, Vec<(Vec<String>, &'static str)>>,
    /// [`Tables::names`] by the hash of the first syllable.
    names_by_hash: HashMap<u64, Vec<(Vec<String>, &'static str)>>,
    /// [`PERSON_TITLES`] and [`crate::titled::RANKS`], normalized.
    person_titles: rustc_hash::FxHashSet<String>,
}

fn syllables(s: &str) -> Vec<String> {
    normalize(s)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

/// A table's rows, with their lines, and the rows that could not be read.
type Rows<T> = (Vec<(u64, T)>, Vec<vietdex_tokenize::tsv::BadRow>);

/// `countries.tsv`: ISO code, name.
fn countries() -> Rows<(String, String)> {
    vietdex_tokenize::tsv::rows("crates/entities/data/countries.tsv", COUNTRIES)
}

/// `world.tsv`: subtype, name (and the country's code, not read here).
fn world() -> Rows<(String, String)> {
    vietdex_tokenize::tsv::rows("crates/entities/data/world.tsv", WORLD)
}

/// `cities.tsv`: name, country (and the time zone, not read here).
fn cities() -> Rows<(String, String)> {
    vietdex_tokenize::tsv::rows("crates/entities/data/cities.tsv", CITIES)
}

/// The names of countries and foreign places, as the tables write them.
pub(crate) fn world_names() -> Vec<String> {
    let (countries, _) = countries();
    let (world, _) = world();
    let (cities, _) = cities();
    countries
        .into_iter()
        .map(|(_, (_, name))| name)
        .chain(world.into_iter().map(|(_, (_, name))| name))
        .chain(cities.into_iter().map(|(_, (name, _))| name))
        .collect()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut heads: HashMap<String, Vec<Head>> = HashMap::default();
        for (h, s) in HEADS {
            let w = syllables(h);
            let joined = w.join(" ");
            heads.entry(w[0].clone()).or_default().push((w, s, joined));
        }
        let mut names: HashMap<String, Vec<(Vec<String>, &'static str)>> = HashMap::default();
        // Both tables are bundled; a test pins that every row reads.
        let (countries, world, cities) = (countries().0, world().0, cities().0);
        let rows = countries
            .iter()
            .map(|(_, (_, n))| (n.as_str(), "country"))
            .chain(world.iter().map(|(_, (sub, n))| {
                let sub = match sub.as_str() {
                    "city" => "city",
                    "region" => "region",
                    "water" => "water",
                    _ => "country",
                };
                (n.as_str(), sub)
            }))
            .chain(cities.iter().map(|(_, (n, _))| (n.as_str(), "city")));
        for (n, s) in rows {
            let w = syllables(&n.replace('-', " "));
            if let Some(first) = w.first().cloned() {
                let list = names.entry(first).or_default();
                if !list.iter().any(|(x, _)| *x == w) {
                    list.push((w, s));
                }
            }
        }
        for list in heads.values_mut() {
            list.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        }
        for list in names.values_mut() {
            list.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let person_titles = PERSON_TITLES
            .iter()
            .chain(crate::titled::RANKS)
            .map(|t| syllables(t).join(" "))
            .collect();
        Tables {
            heads_by_hash: crate::text::by_hash(&heads),
            names_by_hash: crate::text::by_hash(&names),
            heads,
            names,
            person_titles,
        }
    })
}

/// Marks the first syllables of head words and of world names
/// ([`crate::words`]).
pub(crate) fn classify(add: &mut dyn FnMut(&str, u32)) {
    let t = tables();
    for w in t.heads.keys() {
        add(w, words::PLACE_HEAD);
    }
    for w in t.names.keys() {
        add(w, words::WORLD);
    }
    for w in NUMBER_HEADS {
        add(w, words::NUMBER_HEAD);
    }
}

/// Words before a number that name a lane or an alley by it (`số 12`,
/// `ngách 4`, `kiệt 7`).
const NUMBER_HEADS: [&str; 3] = ["số", "ngách", "kiệt"];

fn matches(toks: &[Token], i: usize, words: &[String]) -> bool {
    words.len() <= toks.len() - i
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| toks[i + k].exact == *w && (k == 0 || contiguous(toks, i + k)))
}

/// Words before a single-syllable name that make it a person's (`chị Nga`,
/// `ông Đức`, `tên là Anh`).
const NOT_PLACE_CUES: &[&str] = &[
    "ông", "bà", "anh", "chị", "em", "cô", "chú", "bác", "cụ", "cháu", "thầy", "là", "tên", "bé",
    "con", "vợ", "chồng", "mẹ", "cha", "bố", "già", "o", "dì", "cậu", "mợ", "thím", "tộc", "bầu",
];

/// Titles of two syllables before a single-syllable name that make it a
/// person's (`thượng úy Đức`, `bị cáo Đức`): ranks
/// ([`crate::titled::RANKS`]), the court's words and comrades. Not the offices and professions that also stand before a
/// country (`Thủ tướng Đức`, `luật sư Mỹ`).
const PERSON_TITLES: &[&str] = &["bị cáo", "bị can", "đồng chí"];

/// Words before a single-syllable world name that make it the place (or
/// its people, its language) even where a person of that given name is in
/// the text: `tại Mỹ`, `sang Nga`, `người Nhật`, `tiếng Anh`.
const PLACE_CUES: &[&str] = &[
    "tại", "ở", "sang", "đến", "tới", "từ", "về", "qua", "khắp", "nước", "người", "tiếng", "quân",
    "hàng", "phía", "xứ",
];

/// The given names (last syllables, by hash) of the full names in the
/// text: a family name and two or more capitalized syllables (`Nguyễn Văn
/// Đức`), not a world name (`Bồ Đào Nha`) nor inside one. The same
/// syllable alone later (`Đức nói`) is that person.
fn given_names(t: &Tables, toks: &[Token]) -> rustc_hash::FxHashSet<u64> {
    let mut out = rustc_hash::FxHashSet::default();
    let mut i = 0;
    while i < toks.len() {
        let x = &toks[i];
        // `Bồ Đào Nha`: a world name, and no name starts inside it.
        let world = (x.is(words::WORLD) && x.capitalized)
            .then(|| t.names_by_hash.get(&x.hash))
            .flatten()
            .and_then(|list| {
                list.iter()
                    .find(|(w, _)| w.len() > 1 && matches(toks, i, w))
            });
        if let Some((w, _)) = world {
            i += w.len();
            continue;
        }
        if !(x.is(words::SURNAME) && x.capitalized && !x.all_caps) {
            i += 1;
            continue;
        }
        let mut k = i + 1;
        while k < toks.len()
            && k - i < 4
            && toks[k].capitalized
            && !toks[k].all_caps
            && toks[k].gap_is(gap::SPACE)
        {
            k += 1;
        }
        if k - i >= 3 {
            out.insert(toks[k - 1].hash);
        }
        i = k;
    }
    out
}

/// The capitalized name (or code) that follows a head word ending before
/// token `i`: its end, if any. Runs of up to four capitalized syllables,
/// cut before a province written after the name (`phố Hàng Mành Hà Nội`).
fn name_after(g: &Gazetteer, toks: &[Token], i: usize, coded: bool) -> Option<usize> {
    let t = toks.get(i)?;
    if !contiguous(toks, i) {
        return None;
    }
    if t.digits || (coded && t.all_caps) {
        if !coded {
            return None;
        }
        // `1A`, `316G`, `14`: the code goes on while nothing separates it.
        let mut j = i + 1;
        while j < toks.len() && j < i + 4 && toks[j].start == toks[j - 1].end {
            j += 1;
        }
        return Some(j);
    }
    if !t.capitalized || t.all_caps {
        return None;
    }
    let mut j = i + 1;
    while j < toks.len()
        && j < i + 4
        && toks[j].capitalized
        && !toks[j].all_caps
        && contiguous(toks, j)
    {
        if j + 1 < toks.len()
            && j > i + 1
            && toks[j + 1].capitalized
            && contiguous(toks, j + 1)
            && g.lookup(&crate::text::pair(&toks[j].exact, &toks[j + 1].exact))
                .iter()
                .any(|&u| g.units()[u].level == Level::Province)
        {
            break;
        }
        j += 1;
    }
    Some(j)
}

/// The end of a crossing's name at token `at`: one street's name, or
/// two or more joined by a dash set apart, each of up to four syllables.
fn crossing_end(g: &Gazetteer, toks: &[Token], text: &str, at: usize) -> Option<usize> {
    let one = |k: usize| {
        name_after(g, toks, k, false).map(|e| {
            // The name stops at a dash set apart: the next street's.
            (k + 1..e).find(|&j| set_apart(text, toks, j)).unwrap_or(e)
        })
    };
    let mut end = one(at)?;
    while end < toks.len() && end > at && set_apart(text, toks, end) {
        match one(end) {
            Some(e) if e > end => end = e,
            _ => break,
        }
    }
    Some(end)
}

/// The end of a road's name at token `at` that is two or more places
/// joined by dashes (`TP.HCM - Trung Lương`, `TP Hồ Chí Minh-Trung
/// Lương`, `TPHCM – Long Thành – Dầu Giây`): each place one to four
/// capitalized tokens with no dash inside.
fn road_ends(toks: &[Token], at: usize) -> Option<usize> {
    let one = |k: usize| {
        if k >= toks.len() || !toks[k].capitalized || !contiguous(toks, k) {
            return None;
        }
        let mut j = k + 1;
        while j < toks.len()
            && j < k + 4
            && toks[j].capitalized
            && contiguous(toks, j)
            && !toks[j].gap_is(gap::DASH)
        {
            j += 1;
        }
        Some(j)
    };
    let mut end = one(at)?;
    let mut places = 1;
    while end < toks.len() && toks[end].gap_is(gap::DASH) {
        match one(end) {
            Some(e) => {
                end = e;
                places += 1;
            }
            None => break,
        }
    }
    (places >= 2).then_some(end)
}

/// Finds countries, foreign cities and head-word places outside `claimed`
/// tokens, and claims them. One left-to-right pass: linear in the tokens.
pub fn landmarks(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    claimed: &mut [bool],
) -> Vec<Landmark> {
    let t = tables();
    let mut out = Vec::new();
    // Found when a single-syllable world name first needs them.
    let mut given: Option<rustc_hash::FxHashSet<u64>> = None;
    let mut i = 0;
    // Every rule below opens at a head word, a world name, a capital or
    // `số` before a number: most tokens are none of them, told by their
    // marks.
    let opens = mark::CAPITALIZED
        | mark::ALL_CAPS
        | mark::class(words::PLACE_HEAD | words::WORLD | words::NUMBER_HEAD);
    loop {
        i = next_marked(marks, i, opens);
        if i >= toks.len() {
            break;
        }
        let tok = &toks[i];
        if claimed[i]
            || !(marks[i] & (opens & !mark::class(words::NUMBER_HEAD)) != 0
                || marks.get(i + 1).is_some_and(|&n| n & mark::DIGITS != 0))
        {
            i += 1;
            continue;
        }
        let mut found: Option<(usize, &'static str)> = None;
        // Where the place's span opens: the head word, or the name after
        // a head of [`NAME_ONLY`].
        let mut from = i;
        // A head word, then a name. A capitalized head word (`Mũi Đèn`,
        // `Biển Đông`) only inside a sentence, not as a family name
        // (`Hồ`), and not where head and name are a unit's name
        // (`Sông Cầu`, `Núi Thành`, `Hồ Chí Minh`).
        let head_ok = tok.is(words::PLACE_HEAD)
            && (!tok.capitalized
                || tok.exact == "tp"
                || (tok.all_caps && ABBREVIATED.contains(&tok.exact.as_str()))
                || (!tok.all_caps
                    && tok.exact != "hồ"
                    // Opening a sentence (a headline's `Cầu Bình Triệu`),
                    // a head word that is no family or given name.
                    && (!sentence_start(toks, i)
                        || !tok.is(words::SURNAME | words::GIVEN_NAME))
                    && !after_capital(toks, i)));
        if head_ok && let Some(list) = t.heads_by_hash.get(&tok.hash) {
            for (words, sub, joined) in list {
                if !matches(toks, i, words) {
                    continue;
                }
                let mut after = i + words.len();
                let head = joined.as_str();
                let mut sub = *sub;
                // `đường liên cảng A5`, `hầm đường bộ Hải Vân`, `cửa hầm
                // Nam Hải Vân`: a qualifier between the head and the name.
                if let Some((q, inner)) = qualifier(t, toks, after, head) {
                    let named = name_after(g, toks, after + q, true);
                    if named.is_some_and(|e| e > after + q) {
                        after += q;
                        sub = inner.unwrap_or(sub);
                    }
                }
                let coded = CODED.contains(&head) || after > i + words.len();
                // `đường số 1`, `đường 9`: a numbered street.
                let numbered = head == "đường"
                    && toks.get(after).is_some_and(|n| n.exact == "số")
                    && toks.get(after + 1).is_some_and(|n| n.digits);
                // `cao tốc TP.HCM - Trung Lương`: a motorway named by the
                // places it joins, which the units' pass took before.
                let ends = if matches!(head, "cao tốc" | "đường cao tốc") {
                    road_ends(toks, after)
                } else {
                    None
                };
                let end = if ends.is_some() {
                    ends
                } else if numbered {
                    Some(after + 2)
                } else if head == "đường" && road_number(toks, text, after) {
                    Some(after + 1)
                } else if matches!(head, "đường" | "phố" | "cầu" | "công viên" | "quảng trường")
                    && date_name(toks, text, after)
                {
                    Some(after + 2)
                } else if CROSSINGS.contains(&head) {
                    crossing_end(g, toks, text, after)
                } else {
                    name_after(g, toks, after, coded).and_then(|e| {
                        // One capitalized syllable that opens a word with
                        // the lower-case syllable after it: a name of one
                        // word written capitalized on its first syllable
                        // where the phrase closes after it (`nhà văn hóa
                        // Thanh niên )`), else no name at all (`hầm Dự án
                        // mở rộng`, `núi Giấc ngủ trên …`). Not after
                        // `miền`, whose `Trung` opens many words.
                        let opens_word = e == after + 1
                            && head != "miền"
                            && toks.get(e).is_some_and(|n| {
                                !n.capitalized
                                    && !n.digits
                                    && contiguous(toks, e)
                                    && seg.is_word_pair(&toks[after].exact, &n.exact)
                            });
                        if !opens_word {
                            Some(e)
                        } else if toks.get(e + 1).is_none_or(|_| !contiguous(toks, e + 1)) {
                            Some(e + 1)
                        } else {
                            None
                        }
                    })
                };
                // The head word closes a word begun before it: `yêu cầu`,
                // `thành phố`, `bờ biển` (a coast, named by its province).
                // A classifier before the head (`lòng đường`, `tuyến phố`,
                // `dòng sông`, `ngôi chùa`) makes a word with it but still
                // names the place that follows.
                let classified = i > 0
                    && matches!(
                        toks[i - 1].exact.as_str(),
                        "lòng"
                            | "tuyến"
                            | "con"
                            | "mặt"
                            | "dòng"
                            | "cây"
                            | "hòn"
                            | "ngôi"
                            | "dãy"
                            | "đoạn"
                    );
                // `bờ biển Quảng Nam` is a coast named by its province;
                // `bờ kênh Nhiêu Lộc`, `bờ sông Hàn` name the water.
                let bank = i > 0 && toks[i - 1].exact == "bờ";
                // Looked up only where a name follows (most head words
                // stand before none).
                // A head word of two syllables closes a longer word too
                // (`tàu sân bay Kuznetsov`, an aircraft carrier), but not
                // after a head word (`đường Quốc lộ 18A`).
                let compound = end.is_some_and(|e| e > after)
                    && i > 0
                    && contiguous(toks, i)
                    && ((bank && tok.exact == "biển")
                        || (!classified
                            && !bank
                            && (seg.is_word_pair(&toks[i - 1].exact, &tok.exact)
                                || (words.len() > 1
                                    && !toks[i - 1].is(words::PLACE_HEAD)
                                    && seg.is_word(&format!("{} {head}", toks[i - 1].exact))))));
                // `sân bay Mỹ`, `cảng Nga`: a landmark named by a country
                // alone is one of that country's, and the country the place
                // mentioned (water is named after countries: `vịnh Thái
                // Lan`).
                let by_country = sub == "landmark"
                    && end.is_some_and(|e| {
                        e > after
                            && e - after <= 3
                            && toks[after..e].iter().all(|x| x.capitalized)
                            && t.names_by_hash.get(&toks[after].hash).is_some_and(|l| {
                                l.iter().any(|(w, s)| {
                                    *s == "country"
                                        && w.len() == e - after
                                        && matches(toks, after, w)
                                })
                            })
                    });
                // `miền Phan Thiết`, `Sông Cầu`: a unit's name, not a
                // region or a river.
                // `Vũng Tàu - Ảnh`: head and the name's first syllables
                // are a unit's name, whatever follows.
                let unit_name = end.is_some_and(|e| {
                    let name: Vec<&str> = toks[after..e].iter().map(|x| x.exact.as_str()).collect();
                    let whole: Vec<&str> = toks[i..e].iter().map(|x| x.exact.as_str()).collect();
                    (head == "miền" && !g.lookup(&name.join(" ")).is_empty())
                        || (tok.capitalized
                            && (after + 1..=e.min(after + 2))
                                .any(|k| !g.lookup(&whole[..k - i].join(" ")).is_empty()))
                });
                // `các KCN Quảng Ngãi`, `những khu công nghiệp Bình
                // Dương`: after a plural, a landmark's head word and a
                // province's or a district's name are that unit's places
                // of the kind, no one place; the unit is the mention (not
                // so for waters: `các hồ Phú Xuân`).
                let plural_of_unit = sub == "landmark"
                    && i > 0
                    && matches!(toks[i - 1].exact.as_str(), "các" | "những")
                    && end.is_some_and(|e| {
                        let name: Vec<&str> =
                            toks[after..e].iter().map(|x| x.exact.as_str()).collect();
                        g.lookup(&name.join(" "))
                            .iter()
                            .any(|&u| matches!(g.unit(u).level, Level::Province | Level::District))
                    });
                // A cave's `động` and a mine's `mỏ` mostly close a word
                // (`hoạt động`, `di động Viettel`, `Di động Thế giới`, `thợ
                // mỏ Walter …`): the place after a word that leads to a
                // place, or named in Vietnamese syllables that are no
                // country's name (`di động Việt Nam`).
                let cue_needed = matches!(head, "động" | "mỏ")
                    && i > 0
                    && contiguous(toks, i)
                    && !CAVE_CUES.contains(&toks[i - 1].exact.as_str())
                    && end.is_some_and(|e| {
                        let name = &toks[after..e];
                        let key: Vec<&str> = name.iter().map(|x| x.exact.as_str()).collect();
                        let key = key.join(" ");
                        after_capital(toks, i)
                            || !name
                                .iter()
                                .all(|x| crate::titled::vietnamese_shape(&x.folded))
                            || world_name(&key)
                    });
                // `cầu Bình Triệu 2`, `thủy điện Ia Me 3`: a landmark's
                // name goes on with its number, not with a count (`chợ
                // Bến Thành 2 lần`).
                let end = end.map(|e| {
                    if sub == "landmark"
                        && e > after
                        && toks[e - 1].capitalized
                        && place_number(toks, text, e)
                    {
                        e + 1
                    } else {
                        e
                    }
                });
                // Opening a sentence, a name of one Vietnamese syllable may
                // be a common word or a people's (`Chùa Việt thường …`):
                // there the name needs two (but `Miền Bắc`, `Biển hồ
                // Galilê`, a code: `Đường liên cảng A5`).
                let short_opening = tok.capitalized
                    && head != "miền"
                    && sentence_start(toks, i)
                    && after == i + words.len()
                    && end.is_some_and(|e| {
                        e < after + 2
                            && toks[after..e].iter().all(|x| {
                                !x.all_caps
                                    && !x.exact.bytes().any(|b| b.is_ascii_digit())
                                    && crate::titled::vietnamese_shape(&x.folded)
                            })
                    });
                // `phương Tây`, `phương Đông`: only a direction of one
                // syllable names a part of the world after `phương`.
                let direction = head != "phương"
                    || end.is_some_and(|e| {
                        !tok.capitalized
                            && e == after + 1
                            && matches!(toks[after].exact.as_str(), "tây" | "đông" | "nam" | "bắc")
                    });
                // After `vùng` or `khu vực`, a name the tables know is
                // theirs (`vùng Tây Bắc Tây Ban Nha` is `Tây Bắc` and
                // `Tây Ban Nha`), and a name opening with a head word is
                // that head's place (`khu vực Đền Thượng`).
                let end = if NAME_ONLY.contains(&head) {
                    end.and_then(|e| area_name_end(g, t, toks, text, i, after, e))
                } else {
                    end
                };
                // `Chủ tịch UBND TP Nguyễn Đức Chung`: after a role and its
                // body in the same clause, a family name and two or more
                // Vietnamese syllables that name no unit, after `TP` or
                // `thành phố` closing the body, are the holder's name (no
                // city outside the gazetteer: those are foreign).
                let holder = sub == "city"
                    && end.is_some_and(|e| {
                        e >= after + 3
                            && toks[after].is(words::SURNAME)
                            && toks[after..e].iter().all(|x| {
                                x.capitalized
                                    && !x.all_caps
                                    && crate::titled::vietnamese_shape(&x.folded)
                            })
                            && g.lookup(
                                &toks[after..e]
                                    .iter()
                                    .map(|x| x.exact.as_str())
                                    .collect::<Vec<_>>()
                                    .join(" "),
                            )
                            .is_empty()
                            && (i.saturating_sub(8)..i).rev().any(|j| {
                                crate::people::role_at(toks, j, false).is_some()
                                    && (j + 1..=i).all(|k| !toks[k].gap_is(gap::CLAUSE))
                            })
                    });
                if let Some(end) = end.filter(|&e| {
                    e > after
                        && !holder
                        && !compound
                        && !by_country
                        && !unit_name
                        && !plural_of_unit
                        && !cue_needed
                        && !short_opening
                        && direction
                }) && (ends.is_some() || (after..end).all(|k| !claimed[k]))
                {
                    found = Some((end, sub));
                    if NAME_ONLY.contains(&head) {
                        from = after;
                    }
                }
                break;
            }
        }
        // An address opens with a word of its parts before a number.
        if found.is_none()
            && toks.get(i + 1).is_some_and(|n| n.digits)
            && let Some(end) = address_at(g, toks, text, i)
        {
            found = Some((end, "address"));
        }
        // A language named after a country (`tiếng Anh`) is no place, and
        // no person's given name either: its tokens are claimed.
        if found.is_none()
            && tok.is(words::WORLD)
            && language_at(seg, toks, i)
            && let Some(list) = t.names_by_hash.get(&tok.hash)
            && let Some((words, _)) = list.iter().find(|(w, _)| matches(toks, i, w))
        {
            let end = i + words.len();
            claimed[i..end].iter_mut().for_each(|c| *c = true);
            i = end;
            continue;
        }
        // A country or foreign city by its name.
        if found.is_none()
            && tok.is(words::WORLD)
            && let Some(list) = t.names_by_hash.get(&tok.hash)
        {
            for (words, sub) in list {
                // `Trung - Mỹ` is two names, not `Trung Mỹ`.
                if !matches(toks, i, words)
                    || (i..i + words.len()).any(|k| claimed[k])
                    || (i + 1..i + words.len()).any(|k| set_apart(text, toks, k))
                {
                    continue;
                }
                let end = i + words.len();
                let capital = tok.capitalized;
                // A dash set apart joins two names (`Việt Nam - Lào`).
                let next_cap = toks.get(end).is_some_and(|n| {
                    n.capitalized && contiguous(toks, end) && !set_apart(text, toks, end)
                });
                let prev_cue = i > 0 && NOT_PLACE_CUES.contains(&toks[i - 1].exact.as_str());
                // One syllable (`Nga`, `Đức`, `Anh`) is also a given name:
                // capitalized, not after a form of address or a person's
                // title, not the given name of a full name in the text,
                // not inside a longer name. Longer names may be in lower
                // case (`trung quốc`), as the press sometimes writes them.
                let mut person = |i: usize| {
                    prev_cue
                        // What only a person is or does (`khi Mỹ thi đỗ`).
                        || (words.len() == 1
                            && tok.is(crate::words::GIVEN_NAME)
                            && crate::person_cues::opens_clause(toks, i)
                            && crate::person_cues::person_cue(seg, toks, i, i + 1)
                                == crate::person_cues::Cue::OnlyPerson)
                        || (i >= 2
                            && contiguous(toks, i - 1)
                            && t.person_titles.contains(
                                crate::text::pair(&toks[i - 2].exact, &toks[i - 1].exact).as_str(),
                            ))
                        || (i > 0
                            && !PLACE_CUES.contains(&toks[i - 1].exact.as_str())
                            && given
                                .get_or_insert_with(|| given_names(t, toks))
                                .contains(&toks[i].hash))
                };
                // A region needs a capital (`Đông Bắc`, `châu Á`): `đông
                // bắc` is a direction. A continent in lower case after a
                // capitalized word of two syllables closes a name (`Ủy ban
                // châu Âu`, `Hợp tác châu Âu`), no place of its own.
                let in_name = !capital
                    && i >= 2
                    && contiguous(toks, i)
                    && contiguous(toks, i - 1)
                    && !toks[i - 1].capitalized
                    && toks[i - 2].capitalized
                    && !sentence_start(toks, i - 2)
                    && seg.is_word_pair(&toks[i - 2].exact, &toks[i - 1].exact);
                let named =
                    *sub != "region" || (toks[i..end].iter().any(|x| x.capitalized) && !in_name);
                let ok = if !named {
                    false
                } else if tok.all_caps && words.len() == 1 {
                    true
                } else {
                    // Opening a sentence, any word is capitalized: one
                    // syllable there is a place only where it is no
                    // Vietnamese syllable (`Qatar chi …`, `Iran có …`; not
                    // `Anh đã …`, `Áo trắng …`, `Nga cho biết`), and not
                    // joined to a letter by a full stop (`T.Dubai`, an
                    // initial and a name).
                    let joined = text.as_bytes()[..tok.start]
                        .last()
                        .is_some_and(|&b| b == b'.')
                        && text[..tok.start]
                            .chars()
                            .rev()
                            .nth(1)
                            .is_some_and(char::is_alphabetic);
                    let opening_ok = !sentence_start(toks, i)
                        || (!joined && !crate::titled::vietnamese_shape(&tok.folded));
                    (words.len() >= 2 || (capital && opening_ok && !person(i)))
                        && !next_cap
                        && (!after_capital(toks, i)
                            || set_apart(text, toks, i)
                            // `JICA Nhật Bản`: an abbreviation, then the
                            // country of a name of two or more syllables.
                            || (words.len() >= 2 && toks[i - 1].all_caps))
                };
                if ok {
                    found = Some((end, sub));
                    break;
                }
            }
        }
        // `ra Bắc`, `vào Nam`, `trong Nam`: the North, the South.
        if found.is_none()
            && tok.capitalized
            && !tok.all_caps
            && matches!(tok.exact.as_str(), "bắc" | "nam" | "trung")
            && i > 0
            && contiguous(toks, i)
            && matches!(
                toks[i - 1].exact.as_str(),
                "ra" | "vào" | "trong" | "ngoài" | "về" | "miệt"
            )
            && !toks.get(i + 1).is_some_and(|n| {
                contiguous(toks, i + 1) && (n.capitalized || seg.is_word_pair(&tok.exact, &n.exact))
            })
        {
            found = Some((i + 1, "region"));
        }
        if found.is_none()
            && let Some(end) = road_code_at(toks, i)
        {
            found = Some((end, "road"));
        }
        match found {
            Some((end, subtype)) => {
                for c in &mut claimed[i..end] {
                    *c = true;
                }
                out.push(Landmark {
                    start: from,
                    end,
                    subtype,
                });
                i = end;
                // `đường Lê Duẩn, Phạm Ngọc Thạch, Tôn Đức Thắng`: the
                // streets of a list named after people.
                if subtype == "road" && matches!(toks[from].exact.as_str(), "đường" | "phố") {
                    for (s, e) in street_list(text, toks, end) {
                        if (s..e).any(|k| claimed[k]) {
                            break;
                        }
                        claimed[s..e].iter_mut().for_each(|c| *c = true);
                        out.push(Landmark {
                            start: s,
                            end: e,
                            subtype: "road",
                        });
                        i = e;
                    }
                }
            }
            None => i += 1,
        }
    }
    out
}

/// The streets that go on a list after a street's name ending at token
/// `end`, each a full name of a person (a family name, then one to three
/// capitalized Vietnamese syllables) after a comma or `và`: `đường Lê
/// Duẩn, Phạm Ngọc Thạch, Tôn Đức Thắng`. A list of at least two more
/// names, or one after `và` that closes the clause; one name after a
/// comma is as often the subject of the clause that follows (`tại đường
/// Lê Lợi, Nguyễn Văn A điều khiển …`).
fn street_list(text: &str, toks: &[Token], end: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut k = end;
    let mut last_and = false;
    while k < toks.len() && k > 0 {
        let sep = text[toks[k - 1].end..toks[k].start].trim();
        let (at, and) = if toks[k].exact == "và" && matches!(sep, "" | ",") {
            (k + 1, true)
        } else if sep == "," {
            (k, false)
        } else {
            break;
        };
        let Some(first) = toks.get(at) else { break };
        if at > k && !contiguous(toks, at) {
            break;
        }
        if !first.is(words::SURNAME) {
            break;
        }
        let mut e = at;
        while e < toks.len()
            && e < at + 4
            && toks[e].capitalized
            && !toks[e].all_caps
            && (e == at || contiguous(toks, e))
            && crate::titled::vietnamese_shape(&toks[e].folded)
        {
            e += 1;
        }
        let closed = toks
            .get(e)
            .is_none_or(|n| !(n.capitalized && contiguous(toks, e)));
        if e < at + 2 || !closed {
            break;
        }
        out.push((at, e));
        last_and = and;
        k = e;
        if and {
            break;
        }
    }
    let clause_ends = toks.get(k).is_none_or(|n| n.gap_is(gap::CLAUSE));
    if out.len() >= 2 || (out.len() == 1 && last_and && clause_ends) {
        out
    } else {
        Vec::new()
    }
}

/// The length of the longest world name at token `k`, if one starts there.
fn world_at(t: &Tables, toks: &[Token], k: usize) -> Option<usize> {
    let x = toks.get(k)?;
    if !x.is(words::WORLD) {
        return None;
    }
    t.names_by_hash
        .get(&x.hash)?
        .iter()
        .find(|(w, _)| matches(toks, k, w))
        .map(|(w, _)| w.len())
}

/// The end of an area's name after `vùng` or `khu vực` (the head at `i`,
/// the name from `after` to `end`), where the name is the head's to give:
/// not a world name begun at the head (`vùng Vịnh`) or at the name (`vùng
/// Tây Nguyên`, `khu vực Đông Nam Á`, `vùng Moscow`: the world rule gives
/// those), nor a unit's name (`khu vực Hà Nội`: the unit's rules), nor a
/// name opening with a head word (`khu vực Đền Thượng`: that head's
/// place). Not a name with a digit or a single letter (`khu vực Q8`,
/// `vùng M-Class`), nor one a word glued to it goes on in lower case
/// (`Xla-vơ`), nor one Vietnamese syllable opening a phrase in lower case
/// (`khu vực Cụm công nghiệp …`).
fn area_name_end(
    g: &Gazetteer,
    t: &Tables,
    toks: &[Token],
    text: &str,
    i: usize,
    after: usize,
    end: usize,
) -> Option<usize> {
    // Two areas joined by a dash set apart: the first is the name.
    let end = (after + 1..end)
        .find(|&k| set_apart(text, toks, k))
        .unwrap_or(end);
    let name = &toks[after..end];
    let headed = toks[after].is(words::PLACE_HEAD)
        && t.heads_by_hash
            .get(&toks[after].hash)
            .is_some_and(|list| list.iter().any(|(w, _, _)| matches(toks, after, w)));
    let odd = name
        .iter()
        .any(|x| x.exact.bytes().any(|b| b.is_ascii_digit()) || x.exact.chars().count() == 1);
    let glued = toks.get(end).is_some_and(|n| {
        !n.capitalized
            && !text[toks[end - 1].end..n.start].contains(char::is_whitespace)
            && text[toks[end - 1].end..n.start]
                .chars()
                .all(|c| matches!(c, '-' | '–' | '\''))
    });
    let phrase = end == after + 1
        && crate::titled::vietnamese_shape(&toks[after].folded)
        && toks
            .get(end)
            .is_some_and(|n| !n.capitalized && contiguous(toks, end));
    let unit = || {
        let key: Vec<&str> = name.iter().map(|x| x.exact.as_str()).collect();
        !g.lookup(&key.join(" ")).is_empty()
    };
    (!headed
        && !odd
        && !glued
        && !phrase
        && world_at(t, toks, i).is_none()
        && world_at(t, toks, after).is_none()
        && !unit())
    .then_some(end)
}

/// Whether the world name at token `i` names a language (`tiếng Anh`,
/// `tiếng Trung Quốc`): right after `tiếng`, where `tiếng` closes no word
/// begun before it (`nổi tiếng`, `lên tiếng`: `hãng nổi tiếng Nhật Bản`
/// names the country).
fn language_at(seg: &vietdex_tokenize::Segmenter, toks: &[Token], i: usize) -> bool {
    i > 0
        && toks[i - 1].exact == "tiếng"
        && contiguous(toks, i)
        && !(i >= 2
            && contiguous(toks, i - 1)
            && seg.is_word_pair(&toks[i - 2].exact, &toks[i - 1].exact))
}

/// Road numbers by their abbreviated head word, in capitals: `QL1A`,
/// `QL 14`, `ĐT827`, `ĐT 827`, `TL 316G` (quốc lộ, đường tỉnh, tỉnh lộ).
/// The end of the road's tokens, if one starts at `i`.
fn road_code_at(toks: &[Token], i: usize) -> Option<usize> {
    const HEADS: [&str; 4] = ["ql", "đt", "dt", "tl"];
    // A number, and at most one letter after it.
    fn code(s: &str) -> bool {
        let digits = s.bytes().take_while(u8::is_ascii_digit).count();
        let rest = &s.as_bytes()[digits..];
        (1..=4).contains(&digits) && rest.len() <= 1 && rest.iter().all(u8::is_ascii_lowercase)
    }
    let t = &toks[i];
    if t.all_caps {
        if HEADS.contains(&t.exact.as_str()) {
            let n = toks.get(i + 1)?;
            if !(n.gap_is(crate::text::gap::SPACE) && n.digits && code(&n.exact)) {
                return None;
            }
            // `827A`: the letter is a token of its own, right after.
            let letter = toks.get(i + 2).is_some_and(|l| {
                l.start == n.end
                    && l.exact.len() == 1
                    && l.exact.bytes().all(|b| b.is_ascii_lowercase())
            });
            return Some(if letter { i + 3 } else { i + 2 });
        }
        let head = HEADS.iter().find(|h| t.exact.starts_with(**h))?;
        return code(&t.exact[head.len()..]).then_some(i + 1);
    }
    None
}

/// A qualifier between a head word ending before token `at` and the name:
/// its length in tokens, and the subtype it gives the place when that is
/// not the head's (`cửa hầm`: a tunnel's mouth is a landmark).
/// `đường liên cảng A5`, `đường liên xã …`, `hầm đường bộ Hải Vân`, `cầu
/// vượt …`, `cửa hầm …`.
fn qualifier(
    t: &Tables,
    toks: &[Token],
    at: usize,
    head: &str,
) -> Option<(usize, Option<&'static str>)> {
    let x = toks.get(at)?;
    if x.capitalized || !contiguous(toks, at) {
        return None;
    }
    let next_lower = |k: usize| {
        toks.get(k)
            .is_some_and(|n| !n.capitalized && !n.digits && contiguous(toks, k))
    };
    match (head, x.exact.as_str()) {
        ("đường", "liên") if next_lower(at + 1) => Some((2, None)),
        ("hầm" | "cầu", "đường") if toks.get(at + 1).is_some_and(|n| n.exact == "bộ") => {
            Some((2, None))
        }
        ("cầu", "vượt" | "treo") => Some((1, None)),
        // `cầu đường Bình Triệu 2`: a bridge and its road, one work.
        ("cầu", "đường") if toks.get(at + 1).is_some_and(|n| n.capitalized) => {
            Some((1, None))
        }
        ("cửa", _) => t
            .heads
            .get(x.exact.as_str())?
            .iter()
            .find(|(w, sub, _)| *sub == "landmark" && matches(toks, at, w))
            .map(|(w, sub, _)| (w.len(), Some(*sub))),
        _ => None,
    }
}

/// Words after a number that make it a measure, not a road's number
/// (`đường 9` is Road 9; `đường 2 làn`, `đường 5 km` are not).
const MEASURES: &[&str] = &[
    "km", "m", "mét", "cây", "làn", "tiếng", "giờ", "phút", "ngày", "tháng", "năm", "lần", "xe",
    "người", "chiếc", "con", "triệu", "tỷ", "tỉ", "nghìn", "ngàn", "trăm", "chục", "tuyến",
];

/// A road's number after `đường` at token `at`: one to three digits, not
/// glued to a unit (`6m`), not a measure, not a date (`đường 9/2`).
fn road_number(toks: &[Token], text: &str, at: usize) -> bool {
    lone_number(toks, text, at, 3, &[]) && {
        let rest = &text[toks[at].end..];
        !rest.starts_with(|c: char| c.is_alphanumeric() || c == '%')
            && !rest
                .strip_prefix(['/', '.', ','])
                .is_some_and(|r| r.starts_with(|c: char| c.is_ascii_digit()))
    }
}

/// Whether token `at` is a number of at most `max` digits standing alone
/// after white space, and not the count of a measure or of one of
/// `counted` written next (`6 m`, `2 đội`).
fn lone_number(toks: &[Token], text: &str, at: usize, max: usize, counted: &[&str]) -> bool {
    let Some(n) = toks.get(at) else {
        return false;
    };
    n.digits
        && n.end - n.start <= max
        && contiguous(toks, at)
        && text[..n.start].ends_with(' ')
        && !toks.get(at + 1).is_some_and(|m| {
            contiguous(toks, at + 1)
                && !m.capitalized
                && (m.digits
                    || MEASURES.contains(&m.exact.as_str())
                    || counted.contains(&m.exact.as_str()))
        })
}

/// Whether a day and a month name the place at token `at` (`đường 3/2`,
/// `công viên 30 - 4`, `cầu 2/9`): a day of one or two digits, `/` or a
/// dash, a month, and no year or measure after them.
fn date_name(toks: &[Token], text: &str, at: usize) -> bool {
    let (Some(d), Some(m)) = (toks.get(at), toks.get(at + 1)) else {
        return false;
    };
    let small = |t: &Token, max: u32| {
        t.digits
            && t.end - t.start <= 2
            && text[t.start..t.end]
                .parse::<u32>()
                .is_ok_and(|v| (1..=max).contains(&v))
    };
    small(d, 31)
        && small(m, 12)
        && matches!(text[d.end..m.start].trim(), "/" | "-" | "–")
        && !text[m.end..]
            .trim_start()
            .strip_prefix(['/', '-', '–', '.'])
            .is_some_and(|r| r.trim_start().starts_with(|c: char| c.is_ascii_digit()))
        && !toks.get(at + 2).is_some_and(|n| {
            contiguous(toks, at + 2) && !n.capitalized && MEASURES.contains(&n.exact.as_str())
        })
}

/// Words that open an address by a number: a house, then the alleys
/// that lead to it (`số 5, ngách 2, ngõ 4D, phố …`).
const ADDRESS_PARTS: &[&str] = &["số", "ngách", "ngõ", "hẻm", "kiệt"];

/// An address at token `i`: `số 88 Nguyễn Văn Linh`, `ngách 115 đường
/// Pháo Đài Láng`, `số 5, ngách 2, ngõ 4D, phố Đặng Văn Ngữ`: up to four
/// parts of a word of [`ADDRESS_PARTS`] and a number (with a letter or
/// `/` and a number glued to it), apart or after commas, then the street.
/// Its end, if the street follows.
fn address_at(g: &Gazetteer, toks: &[Token], text: &str, i: usize) -> Option<usize> {
    let part = |k: usize| {
        let x = toks.get(k)?;
        let n = toks.get(k + 1)?;
        if x.capitalized && k > i || !ADDRESS_PARTS.contains(&x.exact.as_str()) || !n.digits {
            return None;
        }
        if !contiguous(toks, k + 1) {
            return None;
        }
        // `4D`, `115/3`: what is glued to the number is part of it.
        let mut e = k + 2;
        while toks.get(e).is_some_and(|y| {
            let gap = &text[toks[e - 1].end..y.start];
            (gap.is_empty() && y.exact.chars().count() <= 2) || (gap == "/" && y.digits)
        }) && e < k + 5
        {
            e += 1;
        }
        Some(e)
    };
    let mut k = part(i)?;
    for _ in 0..3 {
        let sep = toks.get(k).map(|y| text[toks[k - 1].end..y.start].trim());
        if !matches!(sep, Some("" | ",")) {
            break;
        }
        match part(k) {
            Some(e) => k = e,
            None => break,
        }
    }
    let sep = toks.get(k).map(|y| text[toks[k - 1].end..y.start].trim());
    if !matches!(sep, Some("" | ",")) {
        return None;
    }
    // The street: a street word and its name, or after no comma the
    // name alone (`số 88 Nguyễn Văn Linh`; not `số 15, Chủ tịch …`).
    let street_word = toks
        .get(k)
        .is_some_and(|t| matches!(t.exact.as_str(), "phố" | "đường" | "ngõ" | "hẻm"));
    if sep == Some(",") && !street_word {
        return None;
    }
    let s = k + usize::from(street_word);
    if s == k && !contiguous(toks, s) {
        return None;
    }
    let end = name_after(g, toks, s, false)?;
    (end > s).then_some(end)
}

/// Whether the number at token `at` goes on a landmark's name ending
/// before it (`cầu Bình Triệu 2`): one or two digits apart from what
/// follows, no measure or count after it, no date.
fn place_number(toks: &[Token], text: &str, at: usize) -> bool {
    lone_number(toks, text, at, 2, COUNTED)
        && !text[toks[at].end..]
            .starts_with(|c: char| c.is_alphanumeric() || matches!(c, '%' | '/' | '.' | ','))
}

/// Words after a number that make it a count of things, beside
/// [`MEASURES`] (`sân Mỹ Đình 2 đội`).
const COUNTED: &[&str] = &[
    "đội", "bàn", "trận", "tầng", "căn", "hộ", "ha", "tấn", "lượt", "phần", "điểm", "cặp", "đợt",
    "tuần", "tuổi", "giây", "kg", "đêm", "buổi", "vòng", "chuyến", "cầu", "nhịp",
];

/// Whether token `i` opens a sentence (or the text, or a quotation): one
/// of `. ! ? : " “ …` or a line break before it.
fn sentence_start(toks: &[Token], i: usize) -> bool {
    i == 0 || toks[i].gap_is(gap::STOP)
}

/// Whether token `i` continues a capitalized word before it.
fn after_capital(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i - 1].capitalized && contiguous(toks, i)
}

/// Whether `exact` alone names a place of the world list (`australia`,
/// `london`), or with `countries_only` a country (`mỹ`, `nga`).
pub(crate) fn one_syllable_world(exact: &str, countries_only: bool) -> bool {
    tables().names.get(exact).is_some_and(|list| {
        list.iter()
            .any(|(words, sub)| words.len() == 1 && (!countries_only || *sub == "country"))
    })
}

/// The length in tokens of the name of a country starting at token `i`,
/// capitalized (`Mỹ`, `Trung Quốc`, `Hàn Quốc`), the longest.
pub(crate) fn country_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = toks.get(i)?;
    if !t.capitalized || !t.is(words::WORLD) {
        return None;
    }
    tables()
        .names
        .get(t.exact.as_str())?
        .iter()
        .find(|(w, sub)| *sub == "country" && matches(toks, i, w))
        .map(|(w, _)| w.len())
}

/// Whether normalized syllables joined by spaces (`bình nhưỡng`) are a
/// name of the world list.
pub(crate) fn world_name(key: &str) -> bool {
    let first = key.split(' ').next().unwrap_or("");
    tables().names.get(first).is_some_and(|list| {
        list.iter()
            .any(|(words, _)| words.iter().map(String::as_str).eq(key.split(' ')))
    })
}

/// Whether a foreign country's name follows token `end` (exclusive),
/// after a comma or in brackets: `Hồ Nam, Trung Quốc`, `Victoria (Úc)`.
/// `found` is in text order, as [`landmarks`] gives it.
pub fn foreign_country_after(found: &[Landmark], toks: &[Token], text: &str, end: usize) -> bool {
    let Some(next) = found.get(found.partition_point(|l| l.start < end)) else {
        return false;
    };
    if next.start != end || next.subtype != "country" || end == 0 {
        return false;
    }
    let sep = text[toks[end - 1].end..toks[end].start].trim();
    let name: Vec<&str> = toks[next.start..next.end]
        .iter()
        .map(|t| t.exact.as_str())
        .collect();
    matches!(sep, "," | "(") && !matches!(name.as_slice(), ["việt", "nam"] | ["vn"] | ["việt"])
}

/// A place found by its head word, written again by its name alone (`chùa
/// Yên Tử` … `lễ hội Yên Tử`, `đường Cộng Hòa` … `giao lộ Cộng Hòa`): the
/// name of two or more capitalized syllables that closes a road, a water,
/// an island or a landmark, elsewhere in the text where no entity is and
/// no capitalized word goes on it, is that place. Adds to `out` (byte
/// offsets).
pub(crate) fn named_again(text: &str, toks: &[Token], marks: &[u64], out: &mut Vec<crate::Entity>) {
    const SUBTYPES: [&str; 4] = ["road", "water", "island", "landmark"];
    let mut covered = vec![false; toks.len()];
    // Names by the hash of their first syllable: the syllables' hashes and
    // the subtype.
    let mut names: HashMap<u64, Vec<(Vec<u64>, String)>> = HashMap::default();
    for e in out.iter() {
        let (a, b) = crate::text::tokens_in(toks, e.start, e.end);
        if a >= b {
            continue;
        }
        covered[a..b].iter_mut().for_each(|c| *c = true);
        let Some(sub) = e.subtype().filter(|s| SUBTYPES.contains(s)) else {
            continue;
        };
        let mut k = b;
        while k > a + 1 && toks[k - 1].capitalized && !toks[k - 1].digits {
            k -= 1;
        }
        // Not a name opening with a title (`đền Bà Chúa Kho`, `tượng
        // Thánh Gióng`): written alone it is the person or the deity.
        if b - k >= 2 && k > a && !toks[k].is(words::TITLE) {
            let hashes: Vec<u64> = toks[k..b].iter().map(|t| t.hash).collect();
            let list = names.entry(hashes[0]).or_default();
            if !list.iter().any(|(h, _)| *h == hashes) {
                list.push((hashes, sub.to_string()));
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let mut found = Vec::new();
    let mut i = 0;
    loop {
        // Every syllable of a name is capitalized: the others are skipped
        // by their marks.
        i = next_marked(marks, i, mark::CAPITALIZED);
        if i >= toks.len() {
            break;
        }
        let hit = names.get(&toks[i].hash).and_then(|list| {
            list.iter().find(|(h, _)| {
                let j = i + h.len();
                j <= toks.len()
                    && toks[i..j]
                        .iter()
                        .zip(h)
                        .all(|(t, x)| t.hash == *x && t.capitalized)
                    && (i..j).all(|k| !covered[k])
                    && (i + 1..j).all(|k| contiguous(toks, k))
                    && !(i > 0 && toks[i - 1].capitalized && contiguous(toks, i))
                    && !toks
                        .get(j)
                        .is_some_and(|n| n.capitalized && contiguous(toks, j))
            })
        });
        match hit {
            Some((h, sub)) => {
                found.push((i, i + h.len(), sub.clone()));
                i += h.len();
            }
            None => i += 1,
        }
    }
    for (a, b, sub) in found {
        let (s, e) = (toks[a].start, toks[b - 1].end);
        let details = crate::Details::Place {
            candidates: Vec::new(),
            subtype: Some(sub),
        };
        out.push(crate::Entity::new(
            text,
            s,
            e,
            crate::text::squash(&text[s..e]),
            details,
        ));
    }
}

/// Type words of Vietnamese units that the press also writes before
/// another country's subdivisions (`tỉnh Nagasaki`, `huyện Boeun`, `thị
/// trấn Kohoku`), with the levels whose names they take here.
const FOREIGN_UNIT_TYPES: &[(&[&str], &[Level])] = &[
    (&["tỉnh"], &[Level::Province, Level::District]),
    (&["huyện"], &[Level::District, Level::Province]),
    (&["quận"], &[Level::District]),
    (&["thị", "trấn"], &[Level::Commune]),
];

/// Subdivisions of other countries by a Vietnamese unit's type word, in a
/// text that names a foreign country: the type word and a name of one or
/// two capitalized syllables that closes there and is no name of a unit of
/// that level, even written without its marks (`tỉnh Đăk Lắk`, `huyện
/// Lak`); one syllable is no Vietnamese syllable (not `Tỉnh Ủy`), and the
/// type word makes no word with it (`Tỉnh Đoàn`). Appends to `found` (in
/// token order) and claims the tokens.
pub fn foreign_units(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    marks: &[u64],
    claimed: &mut [bool],
    found: &mut Vec<Landmark>,
) {
    let foreign_country = found.iter().any(|l| {
        l.subtype == "country"
            && !matches!(
                toks[l.start..l.end]
                    .iter()
                    .map(|t| t.exact.as_str())
                    .collect::<Vec<_>>()
                    .as_slice(),
                ["việt", "nam"] | ["vn"] | ["việt"]
            )
    });
    if !foreign_country {
        return;
    }
    let mut added = false;
    let mut i = 0;
    loop {
        i = next_marked(marks, i, mark::class(words::TYPE_WORD));
        if i >= toks.len() {
            break;
        }
        let Some((type_words, levels)) = FOREIGN_UNIT_TYPES.iter().find(|(w, _)| {
            w.len() <= toks.len() - i
                && w.iter()
                    .enumerate()
                    .all(|(k, s)| toks[i + k].exact == *s && (k == 0 || contiguous(toks, i + k)))
        }) else {
            i += 1;
            continue;
        };
        let after = i + type_words.len();
        if toks[i].all_caps || claimed[i..after].iter().any(|&c| c) {
            i = after;
            continue;
        }
        let mut end = after;
        while end < toks.len()
            && end < after + 3
            && toks[end].capitalized
            && !toks[end].all_caps
            && contiguous(toks, end)
            && !claimed[end]
        {
            end += 1;
        }
        let n = end - after;
        let name = &toks[after..end];
        let folded = name
            .iter()
            .map(|t| t.folded.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let unit_named = |key: &str| {
            g.lookup_folded(key)
                .iter()
                .any(|&u| levels.contains(&g.unit(u).level))
        };
        // The name closes where no capitalized word or a syllable of the
        // same unit's name written in lower case (`tỉnh Bắc giang`) goes on.
        let next = toks.get(end).filter(|_| contiguous(toks, end));
        let ok = (1..=2).contains(&n)
            && next.is_none_or(|x| !x.capitalized)
            && !unit_named(&folded)
            && !unit_named(&folded.replace(' ', ""))
            && next.is_none_or(|x| !unit_named(&format!("{folded} {}", x.folded)))
            && (n == 2 || !crate::titled::vietnamese_shape(&name[0].folded))
            && !seg.is_word_pair(&toks[after - 1].exact, &name[0].exact);
        if ok {
            claimed[i..end].iter_mut().for_each(|c| *c = true);
            found.push(Landmark {
                start: i,
                end,
                subtype: "foreign-unit",
            });
            added = true;
            i = end;
        } else {
            i = after;
        }
    }
    if added {
        found.sort_by_key(|l| l.start);
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_bundled_tables_read_whole() {
        let (countries, bad) = super::countries();
        assert!(bad.is_empty(), "{bad:?}");
        assert!(countries.len() > 200, "{}", countries.len());
        let (world, bad) = super::world();
        assert!(bad.is_empty(), "{bad:?}");
        assert!(world.iter().any(|(_, (sub, _))| sub == "city"));
        let (cities, bad) = super::cities();
        assert!(bad.is_empty(), "{bad:?}");
        assert!(cities.len() > 200, "{}", cities.len());
    }

    /// A city of one syllable alone needs no context only where it is no
    /// Vietnamese syllable (`Minsk`, `Dili`): one that is (`Hà`, `Vinh`)
    /// would be read as a common word or a given name.
    #[test]
    fn no_city_of_the_cldr_table_is_one_vietnamese_syllable() {
        for (_, (name, country)) in super::cities().0 {
            let folded = vietdex_tokenize::fold(&name);
            assert!(
                name.contains([' ', '-']) || !crate::titled::vietnamese_shape(&folded),
                "{name} ({country})"
            );
            assert_eq!(country.len(), 2, "{name}: {country}");
        }
    }
}

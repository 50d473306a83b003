//! Entities in Vietnamese local-government news, extracted with a gazetteer
//! and rules:
//!
//! - places: provinces, districts and communes linked to the gazetteer
//!   ([`gazetteer`]) with their parents and 2025 successors, only when the
//!   text gives evidence (a type word, a parent named beside it, the
//!   district or province the article is about); hamlets (`xóm`, `thôn` …)
//!   as unlinked places; ambiguous names keep their candidates;
//! - programs (`nông thôn mới`/`NTM` with its level, OCOP with stars, …);
//! - organizations (`UBND huyện Đại Từ`, `Huyện ủy`, `Sở …`, `HTX …`);
//! - people with the role that introduces or follows them;
//! - dates (full, partial, ranges) and quantities with units.
//!
//! ```
//! use vietdex_entities::{extract, Context, Gazetteer, Kind, Knowledge, Programs};
//! use vietdex_tokenize::Segmenter;
//!
//! // Load the bundled resources once; pass them to every extraction.
//! let (gazetteer, programs) = (Gazetteer::bundled(), Programs::bundled()?);
//! let segmenter = Segmenter::bundled();
//! let k = Knowledge { gazetteer: &gazetteer, programs: &programs, segmenter: &segmenter };
//! let ents = extract("Xã Vạn Thọ, huyện Đại Từ đạt 99,72% kế hoạch.", &Context::default(), &k);
//! let van_tho = ents.iter().find(|e| e.text == "Xã Vạn Thọ").expect("commune");
//! assert_eq!(van_tho.kind(), Kind::Commune);
//! assert_eq!(van_tho.district(), Some("Huyện Đại Từ"));
//! assert_eq!(van_tho.province(), Some("Tỉnh Thái Nguyên"));
//! assert!(ents.iter().any(|e| e.kind() == Kind::Quantity && e.number() == Some(99.72)));
//! # Ok::<(), vietdex_entities::LoadError>(())
//! ```

mod abbrev;
mod bylines;
mod chains;
mod digits;
mod entity;
pub mod gazetteer;
mod keys;
mod landmarks;
mod lists;
mod orgs;
mod people;
mod person_cues;
mod places;
mod programs;
mod programs_table;
pub mod resolve;
mod rules;
mod text;
mod titled;
mod words;

pub use entity::{Candidate, Details, Entity, Kind, Link, OrgPlace};
pub use gazetteer::{Gazetteer, Level, Successor, Unit2025};
pub use keys::{EntityKey, KeyError, entity_keys};
pub use programs::Programs;
pub use resolve::ResolveError;
pub use rules::parse_number;

use vietdex_tokenize::{Analysis, Segmenter, Token};

/// A data file shipped with vietdex that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {message}")]
pub struct LoadError {
    /// The data file (as named in the repository).
    pub file: &'static str,
    /// What is wrong, with the line where that applies.
    pub message: String,
}

/// What extraction looks names up in: the gazetteer, the program table and
/// the word segmenter, loaded once by the caller and borrowed by every
/// extraction.
#[derive(Debug, Clone, Copy)]
pub struct Knowledge<'a> {
    /// Administrative units.
    pub gazetteer: &'a Gazetteer,
    /// National programs and their aliases.
    pub programs: &'a Programs,
    /// Words, to tell a name from a word (`nông thôn` is not a hamlet).
    pub segmenter: &'a Segmenter,
}

/// What the extractor knows about the document besides its text.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// Year for dates written without one (`29-6`): the article's.
    pub year: Option<i32>,
}

impl Entity {
    fn new(text: &str, start: usize, end: usize, value: String, details: Details) -> Entity {
        Entity {
            text: text[start..end].to_string(),
            start,
            end,
            value,
            details,
        }
    }
}

use crate::text::squash;

fn place_entity(g: &Gazetteer, text: &str, toks: &[text::Token], m: &places::Mention) -> Entity {
    let (s, e) = (toks[m.start].start, toks[m.end - 1].end);
    let surface_name = squash(&text[toks[m.name_start].start..e]);
    match m.linked {
        Some(u) => {
            let unit = g.unit(u);
            let link = Link {
                code: unit.code.clone(),
                name: unit.full_name.clone(),
                province: g.unit(g.province_of(u)).full_name.clone(),
                province_code: g.unit(g.province_of(u)).code.clone(),
                district: g.district_of(u).map(|d| g.unit(d).full_name.clone()),
                district_code: g.district_of(u).map(|d| g.unit(d).code.clone()),
                successors: g.successors(u).to_vec(),
            };
            let details = Details::Unit {
                level: unit.level,
                link: Some(link),
                candidates: Vec::new(),
            };
            Entity::new(text, s, e, unit.full_name.clone(), details)
        }
        None => {
            let candidates = m
                .candidates
                .iter()
                .take(20)
                .map(|&c| Candidate {
                    code: g.unit(c).code.clone(),
                    name: g.unit(c).full_name.clone(),
                    province: g.unit(g.province_of(c)).full_name.clone(),
                })
                .collect();
            let details = match m.typed {
                Some(level) if !m.hamlet => Details::Unit {
                    level,
                    link: None,
                    candidates,
                },
                _ => Details::Place {
                    candidates,
                    subtype: None,
                },
            };
            Entity::new(text, s, e, surface_name, details)
        }
    }
}

/// Extracts the entities of one document, in text order.
pub fn extract(text: &str, ctx: &Context, k: &Knowledge<'_>) -> Vec<Entity> {
    extract_tokens(text, &tokens(text), ctx, k)
}

/// The pair terms the index keeps, one a line, as the tokenize crate
/// bundles them (`data/pairs.txt`): [`vietdex_tokenize::learned_pairs`]
/// with the names of every unit of the bundled gazetteer (2024 and 2025)
/// and of countries and foreign places. Learned here, where those names
/// are; `examples/pairs_table.rs` writes the file and a test checks it.
pub fn pairs_table() -> String {
    let g = Gazetteer::bundled();
    let mut names: Vec<String> = g.units().iter().map(|u| u.name.clone()).collect();
    names.extend(g.units_2025().iter().map(|u| u.name.clone()));
    names.extend(landmarks::world_names());
    let mut table = vietdex_tokenize::learned_pairs(names.iter().map(String::as_str)).join("\n");
    table.push('\n');
    table
}

/// The tokens of `text` as extraction reads them ([`analyzer`]).
pub fn tokens(text: &str) -> Analysis {
    text::tokens(text)
}

/// The analyzer whose tokens [`extract_tokens`] takes: the rules' word
/// lists as classes, `Rʼlấp` split at its apostrophe.
pub fn analyzer() -> vietdex_tokenize::Analyzer {
    text::analyzer()
}

/// [`extract`] on the tokens [`analyzer`] gave `text`, for a caller that
/// analyses the text once for extraction and for other uses (the index).
pub fn extract_tokens(text: &str, toks: &[Token], ctx: &Context, k: &Knowledge<'_>) -> Vec<Entity> {
    let g = k.gazetteer;
    let mut claimed = vec![false; toks.len()];
    // About one entity per 40 tokens in news: room for most texts without
    // moving the entities as they grow.
    let mut out: Vec<Entity> = Vec::with_capacity(toks.len() / 32 + 4);

    // What the rules ask of every token, a word a token ([`text::marks`]).
    let marks = text::marks(toks);
    let mut mentions = places::typed_mentions(g, k.segmenter, toks, text, &marks, &mut claimed);
    let mut landmarks = landmarks::landmarks(g, k.segmenter, toks, text, &marks, &mut claimed);
    landmarks::foreign_units(g, k.segmenter, toks, &marks, &mut claimed, &mut landmarks);
    // A road named by the places it joins (`cao tốc TP.HCM - Trung
    // Lương`) holds the units taken before it (other landmarks hold
    // none: they open on tokens no unit took). Landmarks are in token
    // order and apart: the first that ends after a mention's start is
    // the only one that may hold it.
    mentions.retain(|m| {
        let k = landmarks.partition_point(|l| l.end <= m.start);
        landmarks
            .get(k)
            .is_none_or(|l| l.start >= m.end || l.subtype != "road")
    });
    let mut persons = people::people(g, k.segmenter, toks, text, &marks, &mut claimed, &landmarks);
    titled::titled_people(
        g,
        k.segmenter,
        toks,
        text,
        &marks,
        &mut claimed,
        &mut persons,
    );
    // Bylines and photo credits: people, and the outlets `Theo` names.
    let bylines = bylines::bylines(g, k.segmenter, toks, text, &marks, &claimed);
    for p in bylines.people {
        claimed[p.start..p.end].iter_mut().for_each(|c| *c = true);
        persons.push(p);
    }
    for &(a, b) in &bylines.outlets {
        claimed[a..b].iter_mut().for_each(|c| *c = true);
    }
    countries_between_title_and_name(toks, &persons, &mut claimed, &mut landmarks);
    let bare = places::bare_mentions(g, k.segmenter, toks, text, &marks, &mut claimed);
    // `Hồ Nam, Trung Quốc`, `Victoria (Úc)`: a bare name followed by a
    // foreign country is a place of that country, not a Vietnamese unit.
    let mut foreign: Vec<(usize, usize)> = Vec::new();
    for m in bare {
        if landmarks::foreign_country_after(&landmarks, toks, text, m.end) {
            foreign.push((m.start, m.end));
        } else {
            mentions.push(m);
        }
    }
    places::link(g, toks, text, &mut mentions);
    let supported = places::supported(g, toks, &mentions);
    for (m, _) in mentions.iter().zip(&supported).filter(|(_, s)| **s) {
        out.push(place_entity(g, text, toks, m));
    }
    for l in &landmarks {
        let (s, e) = (toks[l.start].start, toks[l.end - 1].end);
        let details = Details::Place {
            candidates: Vec::new(),
            subtype: Some(l.subtype.to_string()),
        };
        out.push(Entity::new(text, s, e, squash(&text[s..e]), details));
    }
    for &(a, b) in &foreign {
        let (s, e) = (toks[a].start, toks[b - 1].end);
        let details = Details::Place {
            candidates: Vec::new(),
            subtype: Some("foreign-unit".to_string()),
        };
        out.push(Entity::new(text, s, e, squash(&text[s..e]), details));
    }
    for p in &persons {
        let (s, e) = (toks[p.start].start, toks[p.end - 1].end);
        let role = p.role.clone();
        out.push(Entity::new(
            text,
            s,
            e,
            squash(&text[s..e]),
            Details::Person { role },
        ));
    }

    let programs = k.programs;
    let mut program_spans = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // Most tokens open no alias, told by their marks.
        if !programs.may_open(marks[i]) {
            i += 1;
            continue;
        }
        match programs.match_at(toks, i) {
            Some((len, p)) => {
                let prog = programs.program(p);
                let (s, e) = (toks[i].start, toks[i + len - 1].end);
                let detail = match prog.id.as_str() {
                    "ntm" => programs::ntm_level(toks, i + len).map(str::to_string),
                    "ocop" => programs::ocop_stars(toks, i + len).map(|n| format!("{n} sao")),
                    _ => None,
                };
                let details = Details::Program {
                    name: prog.name.clone(),
                    detail,
                };
                out.push(Entity::new(text, s, e, prog.id.clone(), details));
                program_spans.push((i, i + len));
                i += len;
            }
            None => i += 1,
        }
    }

    let mut person_starts: Vec<usize> = persons.iter().map(|p| toks[p.start].start).collect();
    person_starts.sort_unstable();
    // Dates and quantities are searched only around the digits.
    let windows = digits::windows(text);
    let dates = rules::dates_in(text, ctx.year, &windows);
    // An organization ends where a date begins: scraped text loses the
    // stop between two sentences (`Bệnh viện Đa khoa Quảng Ngãi Sáng
    // 8/2, …`), and no name goes on into `Sáng 8/2`.
    let date_starts: Vec<usize> = dates.iter().map(|d| d.0).collect();
    // Nor does a name go on across an empty line (a paragraph's end).
    let before_date = |s: usize, e: usize| {
        let e = paragraph_end(text, s, e);
        match date_starts
            .get(date_starts.partition_point(|&d| d <= s))
            .filter(|&&d| d < e)
            .map(|&d| {
                // A day's date begins at its number: its cue word (`Sáng`,
                // `ngày`) goes with it.
                let cut = text[..d].trim_end();
                let cut = match cut.rsplit_once(' ') {
                    Some((head, cue))
                        if DAY_CUES.contains(&vietdex_tokenize::normalize(cue).as_ref()) =>
                    {
                        head
                    }
                    _ => cut,
                };
                cut.trim_end_matches(|c: char| c.is_whitespace() || "-–,:(".contains(c))
                    .len()
            }) {
            Some(cut) if cut > s => cut,
            _ => e,
        }
    };
    for (s, e) in rules::organizations(text) {
        if rules::closes_a_word(text, s) {
            continue;
        }
        let mut e = trim_org(k.segmenter, toks, text, s, e);
        e = lower_tail_of_department(k.segmenter, toks, text, s, e);
        // An organization ends where a person's name begins.
        let next_person = person_starts.partition_point(|&p| p <= s);
        if let Some(&p) = person_starts.get(next_person).filter(|&&p| p < e) {
            e = text[..p].trim_end().len();
        }
        let e = before_date(s, e);
        // A board the patterns end at its head word (`Ban Quản lý`), or
        // inside a place found on its own (`Ban Quản lý Khu` | `kinh tế
        // …`), is left to the head-word rules below, which go on with its
        // name.
        let a = toks.partition_point(|t| t.start < s);
        let b = toks.partition_point(|t| t.end <= e);
        let b = landmarks
            .iter()
            .find(|l| l.start > a && l.start < b && l.end > b)
            .map_or(b, |l| l.start);
        if b > a && b - a <= 5 && orgs::bare_board(toks, a, b) {
            continue;
        }
        let surface = squash(&text[s..e]);
        out.push(Entity::new(
            text,
            s,
            e,
            vietdex_tokenize::normalize(&surface).into_owned(),
            Details::Organization { place: None },
        ));
    }
    // Organizations by head word, outside those found above and people.
    let mut free = vec![true; toks.len()];
    let mut person = vec![false; toks.len()];
    // Tokens of bodies and programs found before: a board's name ends
    // there (`Ban Chỉ đạo` | `Chương trình …`).
    let mut body = vec![false; toks.len()];
    for &(a, b) in &program_spans {
        body[a..b].iter_mut().for_each(|x| *x = true);
    }
    for l in &landmarks {
        free[l.start..l.end].iter_mut().for_each(|f| *f = false);
    }
    for p in &persons {
        free[p.start..p.end].iter_mut().for_each(|f| *f = false);
        person[p.start..p.end].iter_mut().for_each(|f| *f = true);
    }
    {
        let mut spans: Vec<(usize, usize)> = out
            .iter()
            .filter(|e| e.kind() == Kind::Organization)
            .map(|e| (e.start, e.end))
            .collect();
        spans.sort_unstable();
        let mut k = 0;
        // No token before the first span is inside one, nor any after the
        // spans are passed: those tokens are not read.
        let first = spans
            .first()
            .map_or(toks.len(), |s| toks.partition_point(|t| t.start < s.0));
        for (ti, t) in toks.iter().enumerate().skip(first) {
            if k == spans.len() {
                break;
            }
            while k < spans.len() && spans[k].1 <= t.start {
                k += 1;
            }
            if k < spans.len() && spans[k].0 <= t.start {
                free[ti] = false;
                body[ti] = true;
            }
        }
    }
    // The places found on their own, where a body's name may end (`Cảng vụ
    // Đường thủy nội địa` | `Quảng Ninh`).
    let mut place_spans: Vec<(usize, usize)> = mentions
        .iter()
        .zip(&supported)
        .filter(|(_, s)| **s)
        .map(|(m, _)| (m.start, m.end))
        .chain(
            landmarks
                .iter()
                .filter(|l| matches!(l.subtype, "country" | "region" | "city"))
                .map(|l| (l.start, l.end)),
        )
        .collect();
    place_spans.sort_unstable();
    for (a, b) in orgs::organizations(
        g,
        k.segmenter,
        toks,
        text,
        &free,
        &person,
        &body,
        &marks,
        &place_spans,
    ) {
        let b = clause_inside_name(toks, a, b).unwrap_or(b);
        let s = toks[a].start;
        let e = before_date(s, toks[b - 1].end);
        let surface = squash(&text[s..e]);
        out.push(Entity::new(
            text,
            s,
            e,
            vietdex_tokenize::normalize(&surface).into_owned(),
            Details::Organization { place: None },
        ));
    }
    // The outlets of bylines (`Theo VnExpress`) and national teams (`U23
    // Việt Nam`, `đội tuyển Việt Nam`), where no organization is found
    // over them.
    let mut teams = orgs::age_group_teams(text, toks, &marks);
    teams.extend(orgs::national_teams(k.segmenter, text, toks, &marks));
    // Outlets by their web address or after `tờ` (`Zing.vn`, `tờ Guardian`).
    teams.extend(orgs::outlets(text, toks, &free, &marks));
    for &(a, b) in bylines.outlets.iter().chain(&teams) {
        let (s, e) = (toks[a].start, toks[b - 1].end);
        if !out
            .iter()
            .any(|o| o.kind() == Kind::Organization && o.start < e && s < o.end)
        {
            out.push(Entity::new(
                text,
                s,
                e,
                vietdex_tokenize::normalize(&squash(&text[s..e])).into_owned(),
                Details::Organization { place: None },
            ));
        }
    }
    // A sub-unit before its body is one organization with it.
    let mut outer = chains::join(k.segmenter, toks, text, &mut out);
    outer.sort_unstable();
    // Short forms the text defines for its organizations, and their uses.
    let short = abbrev::abbreviations(g, toks, text, &marks, &out);
    out.extend(short);
    // `hãng F.`: a letter that names a company is no person's initial.
    let letter_in_org = |p: &Entity, out: &[Entity]| {
        p.kind() == Kind::Person
            && p.text.chars().filter(|c| c.is_alphabetic()).count() == 1
            && out
                .iter()
                .any(|o| o.kind() == Kind::Organization && o.start <= p.start && p.end <= o.end)
    };
    if out.iter().any(|p| letter_in_org(p, &out)) {
        let drop: Vec<bool> = out.iter().map(|p| letter_in_org(p, &out)).collect();
        let mut k = 0;
        out.retain(|_| {
            k += 1;
            !drop[k - 1]
        });
    }
    tie_places_to_organizations(text, &mut out, &outer);
    // A place found by its head word, written again by its name alone.
    landmarks::named_again(text, toks, &marks, &mut out);
    // Names listed with names of one kind are of that kind.
    lists::complete(k.segmenter, text, toks, &marks, &mut out);
    let taken: Vec<(usize, usize)> = dates.iter().map(|d| (d.0, d.1)).collect();
    for (s, e, v) in dates {
        out.push(Entity::new(text, s, e, v, Details::Date));
    }
    for q in rules::quantities_in(text, &taken, &windows) {
        let number = (q.number * 1e6).round() / 1e6;
        let unit = match &q.per {
            Some(p) => format!("{}/{}", q.unit, p),
            None => q.unit.clone(),
        };
        let value = match (q.total, q.upper) {
            (Some(t), _) => format!("{number}/{t} {unit}"),
            (None, Some(u)) => format!("{number}-{} {unit}", (u * 1e6).round() / 1e6),
            (None, None) => format!("{number} {unit}"),
        };
        let details = Details::Quantity {
            number,
            unit,
            total: q.total,
        };
        out.push(Entity::new(text, q.start, q.end, value, details));
    }
    out.sort_by(|a, b| a.start.cmp(&b.start).then(b.end.cmp(&a.end)));
    to_char_offsets(text, &mut out);
    out
}

/// `Tổng thống Mỹ Donald Trump`, `Ngoại trưởng Nga Sergei Lavrov`: the
/// country between an office and the name of its holder, which the
/// landmark rules leave to the people rules (a capitalized name follows
/// it), is a place mention; so it is after an office and its field
/// (`Bộ trưởng Quốc phòng Mỹ James Mattis`: one to three words, the
/// first capitalized, between the title and the country). `landmarks` stays in text
/// order.
fn countries_between_title_and_name(
    toks: &[Token],
    persons: &[people::Person],
    claimed: &mut [bool],
    landmarks: &mut Vec<landmarks::Landmark>,
) {
    let before = landmarks.len();
    for p in persons {
        let j = p.start;
        for w in (1..=3).rev().filter(|&w| w < j) {
            let k = j - w;
            if landmarks::country_at(toks, k) == Some(w)
                && !claimed[k..j].iter().any(|&c| c)
                && (titled::title_before(toks, k) || field_between(toks, k))
            {
                claimed[k..j].iter_mut().for_each(|c| *c = true);
                landmarks.push(landmarks::Landmark {
                    start: k,
                    end: j,
                    subtype: "country",
                });
                break;
            }
        }
    }
    if landmarks.len() > before {
        landmarks.sort_by_key(|l| l.start);
    }
}

/// Whether an office's field (one to three words, the first
/// capitalized and no family name, no country's, with only spaces
/// between) stands between a title and token `k`: `Bộ trưởng Quốc
/// phòng` | `Mỹ`; not `Anh Lê – Anh Cường`, two names of a byline.
fn field_between(toks: &[Token], k: usize) -> bool {
    (1..=3).filter(|&f| f < k).any(|f| {
        let s = k - f;
        toks[s].capitalized
            && !toks[s].is(words::SURNAME)
            && (s..k).all(|x| !toks[x].all_caps && !toks[x].digits)
            && (s + 1..=k).all(|x| toks[x].gap_is(text::gap::SPACE))
            && landmarks::country_at(toks, s).is_none()
            && titled::title_before(toks, s)
    })
}

/// The end of `s..e` in `text`, or the end of the text before the first
/// empty line inside it.
fn paragraph_end(text: &str, s: usize, e: usize) -> usize {
    let span = &text[s..e];
    let mut from = 0;
    while let Some(at) = span[from..].find('\n') {
        let line_end = from + at;
        let rest = &span[line_end + 1..];
        let blank = rest.len() - rest.trim_start_matches([' ', '\t', '\r']).len();
        if rest[blank..].starts_with('\n') {
            let cut = s + span[..line_end].trim_end().len();
            return if cut > s { cut } else { e };
        }
        from = line_end + 1;
    }
    e
}

/// Words that say the part of the day or the day of a date written after
/// them (`Sáng 8/2`, `ngày 9/2`).
const DAY_CUES: &[&str] = &["ngày", "sáng", "chiều", "tối", "trưa", "đêm", "hôm"];

/// Words that open the name of an enterprise, school, outlet or other
/// body whose name may hold a place name that is not a place mention
/// (`Công ty TNHH Song Lộc`, `Ngân hàng TMCP Đông Nam Á`).
const NAMED_BODIES: &[&str] = &[
    "công ty",
    "tổng công ty",
    "tập đoàn",
    "ngân hàng",
    "htx",
    "hợp tác xã",
    "doanh nghiệp",
    "nhà hàng",
    "quán",
    "tiệm",
    "khách sạn",
    "trường",
    "thcs",
    "thpt",
    "đại học",
    "đh",
    "học viện",
    "bệnh viện",
    "báo",
    "tạp chí",
    "đài",
    "quỹ",
    "dệt",
    "lâm trường",
    "nông trường",
    "thông tấn xã",
];

/// A place written inside an organization's name is no place mention of
/// its own (`UBND tỉnh Phú Yên`, `Công ty Du lịch Lâm Đồng`, `Mặt trận Tổ
/// quốc Việt Nam`): it is dropped, and the organization carries the first
/// linked unit written in it. A body of the state carries any unit, and
/// files the document under it (`UBND huyện Đại Từ`, `bệnh viện huyện
/// Phước Sơn`); an enterprise, school or outlet carries only a province
/// (`ĐH Quốc gia Hà Nội`), and files nothing, since a smaller unit's name
/// there may be part of its own name (`Công ty TNHH Song Lộc`).
/// A chain of bodies (`Phòng CSGT Công an tỉnh Nghệ An`, see [`chains`])
/// carries the unit of its outer body, whose kind decides (`outer`: the
/// chains' starts and their outer bodies' starts, sorted), or the unit of
/// its sub-unit where the outer body names none.
/// Organizations and units are sorted by start and searched by binary
/// search, so this stays linear in long texts.
fn tie_places_to_organizations(text: &str, out: &mut Vec<Entity>, outer: &[(usize, usize)]) {
    let mut orgs: Vec<(usize, usize)> = out
        .iter()
        .filter(|e| e.kind() == Kind::Organization)
        .map(|e| (e.start, e.end))
        .collect();
    if orgs.is_empty() {
        return;
    }
    orgs.sort_unstable();
    // The linked units, by start; each organization takes the first one
    // inside it that its kind may carry.
    fn unit(e: &Entity) -> Option<(Level, &Link)> {
        match &e.details {
            Details::Unit {
                level,
                link: Some(l),
                ..
            } => Some((*level, l)),
            _ => None,
        }
    }
    let mut units: Vec<usize> = (0..out.len())
        .filter(|&i| unit(&out[i]).is_some())
        .collect();
    units.sort_by_key(|&i| out[i].start);
    let ties: Vec<(usize, OrgPlace)> = out
        .iter()
        .enumerate()
        .filter(|(_, o)| o.kind() == Kind::Organization)
        .filter_map(|(i, o)| {
            let from = outer
                .binary_search_by_key(&o.start, |&(s, _)| s)
                .ok()
                .map(|k| outer[k].1);
            let state = match from {
                Some(f) => of_the_state(&vietdex_tokenize::normalize(&squash(&text[f..o.end]))),
                None => of_the_state(&o.value),
            };
            let inside = |from: usize| {
                let first = units.partition_point(|&u| out[u].start < from);
                units[first..]
                    .iter()
                    .take_while(|&&u| out[u].start < o.end)
                    .filter(|&&u| out[u].end <= o.end)
            };
            from.into_iter()
                .flat_map(inside)
                .chain(inside(o.start))
                .find_map(|&u| {
                    let (level, l) = unit(&out[u])?;
                    (state || level == Level::Province).then(|| {
                        let link = Link {
                            code: l.code.clone(),
                            name: l.name.clone(),
                            province: l.province.clone(),
                            province_code: l.province_code.clone(),
                            district: l.district.clone(),
                            district_code: l.district_code.clone(),
                            successors: Vec::new(),
                        };
                        let files = state;
                        (i, OrgPlace { level, link, files })
                    })
                })
        })
        .collect();
    for (i, p) in ties {
        if let Details::Organization { place } = &mut out[i].details {
            *place = Some(p);
        }
    }
    // Longest end of the organizations so far.
    let reach: Vec<usize> = orgs
        .iter()
        .scan(0, |best, o| {
            *best = o.1.max(*best);
            Some(*best)
        })
        .collect();
    out.retain(|p| {
        if !p.kind().is_place() {
            return true;
        }
        let n = orgs.partition_point(|o| o.0 <= p.start);
        n.checked_sub(1).is_none_or(|k| p.end > reach[k])
    });
}

/// Whether an organization, by its normalized name, is a body of the
/// state rather than an enterprise, school or outlet; `bệnh viện huyện
/// Phước Sơn`, a hospital named by its level and its unit, is that unit's.
fn of_the_state(value: &str) -> bool {
    let starts = |b: &str| {
        value
            .strip_prefix(b)
            .is_some_and(|r| r.is_empty() || r.starts_with(' '))
    };
    if !NAMED_BODIES.iter().any(|b| starts(b)) {
        return true;
    }
    value
        .strip_prefix("bệnh viện ")
        .and_then(|r| r.split(' ').next())
        .is_some_and(|level| vietdex_tokenize::type_words::place_syllables().any(|w| w == level))
}

/// Drops a trailing capitalized word that really opens the next phrase
/// (`Ban Chỉ đạo Chương` | `trình …`: `chương trình` is one word).
fn trim_org(seg: &Segmenter, toks: &[text::Token], text: &str, s: usize, mut e: usize) -> usize {
    let (a, b) = (
        toks.partition_point(|t| t.start < s),
        toks.partition_point(|t| t.end <= e),
    );
    if let Some(k) = clause_inside_name(toks, a, b) {
        e = text[..toks[k].start].trim_end().len();
    }
    // Tokens are in text order: the one ending at `e` by binary search.
    let ending_at = |e: usize| {
        let i = toks.partition_point(|t| t.end < e);
        (toks.get(i)?.end == e).then_some(i)
    };
    while let Some(last) = ending_at(e) {
        let Some(next) = toks.get(last + 1) else {
            break;
        };
        let joined = crate::text::pair(&toks[last].exact, &next.exact);
        if last == 0
            || toks[last].start <= s
            || !toks[last].capitalized
            || next.capitalized
            || !text::contiguous(toks, last + 1)
            || !seg.is_word(&joined)
        {
            break;
        }
        e = text[..toks[last].start].trim_end().len();
    }
    e
}

/// Words in lower case that go on no department's name: auxiliaries,
/// and the words that open what the sentence says of it.
const NOT_IN_A_NAME: &[&str] = &[
    "đã", "sẽ", "đang", "vừa", "cùng", "không", "có", "được", "bị", "cho", "tại", "là", "thì",
    "mà", "vào", "của", "trong", "phải", "cũng", "còn", "đều", "mới", "vẫn", "từng", "chưa",
];

/// The end of a department's name (`Cục …`, from the fixed patterns)
/// that the pattern runs on in lower case into the sentence: a name of
/// initials or a number ends there (`Cục QLCT` | `sẽ tiến hành`, `Cục I`
/// | `thanh tra tại`), any name before an auxiliary or a word that opens
/// what the sentence says of it (`Cục Hàng hải` | `đã chủ động`, `Cục
/// Thuế` | `sẽ tăng cường`). Not the police departments' names, the
/// patterns' own (`Cục Cảnh sát điều tra tội phạm về …`).
fn lower_tail_of_department(
    seg: &Segmenter,
    toks: &[text::Token],
    text: &str,
    s: usize,
    e: usize,
) -> usize {
    let (a, b) = text::tokens_in(toks, s, e);
    if b <= a + 2
        || toks[a].exact != "cục"
        || !toks[a].capitalized
        || (toks[a + 1].exact == "cảnh" && toks[a + 2].exact == "sát")
    {
        return e;
    }
    let Some(p) = (a + 1..b).find(|&k| !toks[k].capitalized && !toks[k].digits) else {
        return e;
    };
    // Initials of two letters or more, a number, a Roman numeral (`Cục
    // IV`); not a syllable of one letter (`Cục Y tế`).
    let initials = |t: &text::Token| {
        let w = &text[t.start..t.end];
        t.digits
            || (!w.chars().any(char::is_lowercase)
                && (w.chars().count() >= 2 || w.chars().all(|c| "IVX".contains(c))))
    };
    // A syllable in lower case that makes one word with the capitalized
    // one before it is the name's (`Hàng không`).
    let from = if seg.is_word_pair(&toks[p - 1].exact, &toks[p].exact) {
        p + 1
    } else {
        p
    };
    let cut = if initials(&toks[p - 1]) {
        Some(p)
    } else {
        (from..b).find(|&k| NOT_IN_A_NAME.contains(&toks[k].exact.as_str()))
    };
    match cut {
        Some(k) if k > a + 1 => text[..toks[k].start].trim_end().len(),
        _ => e,
    }
}

/// Words that open a clause and go on no body's name: prepositions,
/// conjunctions, auxiliaries and words of time. Not all the words that
/// end a person's name ([`titled`]'s clause openers): `Người`, `Hàng`,
/// `Điều`, `Đối`, `Tiếp`, `Ngày` go on names (`Hội Người cao tuổi`,
/// `Tổng công ty Hàng không`, `Cơ quan Cảnh sát Điều tra`, `Ban Đối
/// ngoại`, `báo Ngày nay`), and so do `Tối` (`Tòa án Tối cao`), `Chỉ`
/// (`Văn phòng Ban Chỉ đạo`) and `Vừa` (`Hiệp hội Doanh nghiệp Vừa và
/// nhỏ`).
const CLAUSE_OPENERS_AFTER_NAMES: &[&str] = &[
    "theo", "trong", "tại", "khi", "nếu", "nhưng", "với", "để", "vào", "lúc", "hôm", "buổi",
    "chiều", "trưa", "đêm", "đã", "sẽ", "đang", "bị", "được", "còn", "cũng", "tuy", "ngoài",
];

/// The first token of `a + 2 .. b`, an organization's tokens after its
/// head and first word, that opens the next sentence whose stop the text
/// lost (`Bệnh viện Bạch Mai Theo bác sĩ …`, `Sở Y tế Hà Nam Trong buổi
/// làm việc …`): capitalized after white space, one of
/// [`CLAUSE_OPENERS_AFTER_NAMES`], and followed by a word in lower case.
fn clause_inside_name(toks: &[text::Token], a: usize, b: usize) -> Option<usize> {
    (a + 2..b.min(toks.len())).find(|&k| {
        let t = &toks[k];
        t.capitalized
            && !t.all_caps
            && t.gap_is(text::gap::SPACE)
            && CLAUSE_OPENERS_AFTER_NAMES.contains(&t.exact.as_str())
            && toks
                .get(k + 1)
                .is_some_and(|n| !n.capitalized && !n.digits && n.gap_is(text::gap::SPACE))
    })
}

/// Turns byte offsets into character offsets, counting the characters of
/// the text once, up to the last offset.
fn to_char_offsets(text: &str, ents: &mut [Entity]) {
    let mut offsets: Vec<usize> = ents.iter().flat_map(|e| [e.start, e.end]).collect();
    offsets.sort_unstable();
    offsets.dedup();
    let mut chars = Vec::with_capacity(offsets.len());
    let (mut at, mut n) = (0, 0);
    for &o in &offsets {
        // Offsets come from token and match boundaries: always characters.
        n += text.get(at..o).map_or(0, |s| s.chars().count());
        chars.push(n);
        at = o;
    }
    let to_char = |b: usize| offsets.binary_search(&b).map_or(0, |i| chars[i]);
    for e in ents {
        e.start = to_char(e.start);
        e.end = to_char(e.end);
    }
}

/// The bundled resources, for tests.
#[cfg(test)]
pub(crate) mod bundled {
    use std::sync::LazyLock;

    use super::*;

    static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(Gazetteer::bundled);
    static PROGRAMS: LazyLock<Programs> =
        LazyLock::new(|| Programs::bundled().expect("bundled programs"));
    static SEGMENTER: LazyLock<Segmenter> = LazyLock::new(Segmenter::bundled);

    pub fn gazetteer() -> &'static Gazetteer {
        &GAZETTEER
    }

    pub fn knowledge() -> Knowledge<'static> {
        Knowledge {
            gazetteer: &GAZETTEER,
            programs: &PROGRAMS,
            segmenter: &SEGMENTER,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_pairs_bundled_are_what_the_data_gives() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tokenize/data/pairs.txt");
        let bundled = std::fs::read_to_string(path).expect("the tokenize crate's pairs");
        assert!(
            bundled == pairs_table(),
            "{path} is out of date: run `cargo run -p vietdex-entities --example pairs_table > crates/tokenize/data/pairs.txt`"
        );
        // Place names give pairs the segmenter alone does not know.
        for (a, b) in [("nghe", "an"), ("ha", "tinh"), ("thanh", "hoa")] {
            assert!(vietdex_tokenize::is_pair(a, b), "{a} {b}");
        }
    }

    fn extract(text: &str, ctx: &Context) -> Vec<Entity> {
        super::extract(text, ctx, &bundled::knowledge())
    }

    fn place<'a>(ents: &'a [Entity], text: &str) -> &'a Entity {
        ents.iter()
            .find(|e| e.text == text)
            .unwrap_or_else(|| panic!("no entity {text:?} in {ents:#?}"))
    }

    #[test]
    fn type_word_and_parent_link() {
        let ents = extract(
            "Xã Tân Thái, huyện Đại Từ có thêm sản phẩm OCOP 4 sao.",
            &Context::default(),
        );
        let e = place(&ents, "Xã Tân Thái");
        assert_eq!(e.district(), Some("Huyện Đại Từ"));
        assert!(!e.successors().is_empty(), "2025 successor");
        let prog = ents
            .iter()
            .find(|e| e.kind() == Kind::Program)
            .expect("program");
        assert_eq!(
            (prog.value.as_str(), prog.detail()),
            ("ocop", Some("4 sao"))
        );
    }

    #[test]
    fn numbered_hamlets() {
        let text = "Người dân ấp 4, xã Tân Thạnh và khu phố 12 cùng thôn Trung 2 góp tiền; \
                    xóm Lò năm 2020 có 15 hộ; phiên bản 2 của phần mềm; thôn 1.200 người; \
                    mở rộng đường xóm 6m; iPhone SE bản 32 GB. Bản\n\nTối 6 giờ. Bản: Bắt 6 con.";
        let ents = extract(text, &Context::default());
        let hamlets: Vec<(&str, &str)> = ents
            .iter()
            .filter(|e| e.kind() == Kind::Place)
            .map(|e| (e.text.as_str(), e.value.as_str()))
            .collect();
        assert_eq!(
            hamlets,
            [
                ("ấp 4", "ấp 4"),
                ("khu phố 12", "khu phố 12"),
                ("thôn Trung 2", "Trung 2"),
                ("xóm Lò", "Lò"),
            ]
        );
    }

    #[test]
    fn parent_in_brackets_and_dominant_province() {
        let ents = extract(
            "Huyện Phú Lương (Thái Nguyên) có xã Phú Đô. Tại Phú Đô, người dân trồng chè.",
            &Context::default(),
        );
        assert_eq!(place(&ents, "Thái Nguyên").name(), Some("Tỉnh Thái Nguyên"));
        let bare = ents.iter().find(|e| e.text == "Phú Đô").expect("bare");
        assert_eq!(bare.district(), Some("Huyện Phú Lương"));
    }

    #[test]
    fn ambiguous_names_without_evidence_stay_unlinked() {
        let ents = extract("Xã Ngọc Sơn đạt chuẩn nông thôn mới.", &Context::default());
        let e = place(&ents, "Xã Ngọc Sơn");
        assert_eq!(e.kind(), Kind::Commune);
        assert_eq!(e.code(), None);
        assert!(e.candidates().len() >= 5, "{}", e.candidates().len());
        assert!(e.candidates().iter().all(|c| c.name == "Xã Ngọc Sơn"));
        // A bare name that can only be a commune, with nothing in the
        // text about where: no place at all.
        let ents = extract("Người dân Tân Thành phấn khởi.", &Context::default());
        assert!(!ents.iter().any(|e| e.text == "Tân Thành"), "{ents:?}");
        // Its province written elsewhere in the text makes it one.
        let ents = extract(
            "Người dân Tân Thành phấn khởi. Tỉnh Long An có nhiều xã đạt chuẩn.",
            &Context::default(),
        );
        assert!(
            ents.iter()
                .any(|e| e.text == "Tân Thành" && e.kind().is_place()),
            "{ents:?}"
        );
    }

    #[test]
    fn people_and_roles() {
        let ents = extract(
            "Đồng chí Nguyễn Văn Thi, Uỷ viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch Thường trực UBND tỉnh dự hội nghị. Bí thư Tỉnh ủy Thái Nguyên Nguyễn Thanh Hải phát biểu. Ông Nguyễn Quốc Quân - Chủ tịch UBND xã Ngọc Sơn chia sẻ.",
            &Context::default(),
        );
        let people: Vec<(&str, Option<&str>)> = ents
            .iter()
            .filter(|e| e.kind() == Kind::Person)
            .map(|e| (e.text.as_str(), e.role()))
            .collect();
        assert_eq!(
            people,
            [
                (
                    "Nguyễn Văn Thi",
                    Some("Uỷ viên Ban Thường vụ Tỉnh uỷ, Phó Chủ tịch Thường trực UBND tỉnh")
                ),
                ("Nguyễn Thanh Hải", Some("Bí thư Tỉnh ủy Thái Nguyên")),
                ("Nguyễn Quốc Quân", Some("Chủ tịch UBND xã Ngọc Sơn")),
            ]
        );
    }

    #[test]
    fn roles_end_before_what_the_person_does() {
        let ents = extract(
            "Hoàng Ngọc Thuyên, Chủ tịch UBND xã Tiên Dương vẫn ký xác nhận. Ông Tô Văn Minh, Chủ tịch UBND huyện Đông Anh ngày 11/11/2009 ký.",
            &Context::default(),
        );
        let roles: Vec<Option<&str>> = ents
            .iter()
            .filter(|e| e.kind() == Kind::Person)
            .map(|e| e.role())
            .collect();
        assert_eq!(
            roles,
            [
                Some("Chủ tịch UBND xã Tiên Dương"),
                Some("Chủ tịch UBND huyện Đông Anh")
            ]
        );
    }

    #[test]
    fn organizations_carry_their_place() {
        let ents = extract("UBND huyện Đại Từ và Huyện ủy họp.", &Context::default());
        let org = ents
            .iter()
            .find(|e| e.kind() == Kind::Organization)
            .expect("org");
        assert_eq!(org.text, "UBND huyện Đại Từ");
        let place = org.org_place().expect("its place");
        assert_eq!(
            (place.link.name.as_str(), place.link.code.as_str()),
            ("Huyện Đại Từ", "171")
        );
        assert_eq!(place.link.province, "Tỉnh Thái Nguyên");
        assert!(place.files, "a body of the state files its unit");
        // The unit is no place mention of its own, but the document is
        // filed under it and its province.
        assert!(!ents.iter().any(|e| e.kind().is_place()), "{ents:?}");
        let keys: Vec<String> = crate::entity_keys(&ents)
            .iter()
            .map(|k| k.to_string())
            .collect();
        for k in ["district:Huyện Đại Từ", "province:Tỉnh Thái Nguyên"] {
            assert!(keys.iter().any(|x| x == k), "{k} in {keys:?}");
        }
        let bare = ents
            .iter()
            .find(|e| e.text == "Huyện ủy")
            .expect("Huyện ủy");
        assert_eq!(bare.org_place(), None);
    }

    #[test]
    fn offsets_are_characters_of_the_original() {
        let text = "Năm 2024, xã Vạn Thọ đạt 99,72%.";
        for e in extract(text, &Context::default()) {
            let got: String = text.chars().skip(e.start).take(e.end - e.start).collect();
            assert_eq!(got, e.text);
        }
    }
}

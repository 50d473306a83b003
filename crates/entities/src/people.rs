//! People: Vietnamese personal names (a family name and one to three
//! capitalized given names) with the role that introduces or follows them.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use vietdex_tokenize::normalize;

use crate::gazetteer::Gazetteer;
use crate::text::{Token, contiguous, gap, mark, next_marked};
use crate::titled::name_end;
use crate::words;

const SURNAMES: &str = include_str!("../data/surnames.txt");
const ROLES: &str = include_str!("../data/roles.txt");

/// Polite forms of address: not roles.
const HONORIFICS: &[&str] = &["đồng chí", "ông", "bà", "anh", "chị"];

/// Verbs that end a role written after a name.
const ROLE_STOPS: &[&str] = &[
    "dự",
    "vẫn",
    "ngày",
    "sáng",
    "chiều",
    "tối",
    "hôm",
    "ký",
    "cho",
    "nói",
    "thì",
    "mà",
    "vì",
    "nên",
    "trả lời",
    "thừa nhận",
    "xác nhận",
    "ra",
    "bị",
    "trao đổi",
    "phản ánh",
    "phát biểu",
    "chủ trì",
    "đồng chủ trì",
    "báo cáo",
    "cho biết",
    "chia sẻ",
    "tặng",
    "trao",
    "thăm",
    "nhấn mạnh",
    "khẳng định",
    "đề nghị",
    "yêu cầu",
    "kết luận",
    "đã",
    "xuống",
    "làm",
    "có",
    "đề xuất",
    "trình bày",
    "thông tin",
    "nêu",
    "đánh giá",
    "biểu dương",
    "ghi nhận",
    "tham dự",
    "cùng",
    "tại",
    "trong",
    "về",
    "với",
    "khi",
    "đến",
    "được",
    "sẽ",
    "vừa",
    "đang",
    "là",
    "giới thiệu",
    "động viên",
    "quán triệt",
    "truyền đạt",
    "lưu ý",
    "phát động",
    "trực tiếp",
];

/// Words in a role written after a name, at most.
const MAX_ROLE_WORDS: usize = 24;

fn lines(data: &str) -> impl Iterator<Item = &str> {
    data.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
}

/// Family names, normalized, and whether each needs a three-part name.
fn surnames() -> &'static HashMap<String, bool> {
    static S: OnceLock<HashMap<String, bool>> = OnceLock::new();
    S.get_or_init(|| {
        lines(SURNAMES)
            .map(|l| {
                (
                    normalize(l.trim_end_matches('*')).into_owned(),
                    l.ends_with('*'),
                )
            })
            .collect()
    })
}

/// Marks family names, the first syllables of role openers and of the
/// words that end a role ([`crate::words`]).
pub(crate) fn classify(add: &mut dyn FnMut(&str, u32)) {
    for w in surnames().keys() {
        add(w, words::SURNAME);
    }
    for w in roles().keys() {
        add(w, words::ROLE);
    }
    for w in role_stops() {
        add(&w[0], words::ROLE_STOP);
    }
    for w in MIDDLE_NAMES {
        add(w, words::MIDDLE_NAME);
    }
}

/// Whether a normalized syllable is a family name.
pub fn is_surname(syllable: &str) -> bool {
    surnames().contains_key(syllable)
}

/// [`ROLE_STOPS`], split into syllables once.
fn role_stops() -> &'static [Vec<String>] {
    static S: OnceLock<Vec<Vec<String>>> = OnceLock::new();
    S.get_or_init(|| {
        ROLE_STOPS
            .iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect()
    })
}

/// A role opener: its normalized syllables, and whether it is an honorific
/// (`ông`, `bà` …) rather than an office.
struct Role {
    words: Vec<String>,
    honorific: bool,
}

/// Role openers by first syllable, each list longest first.
fn roles() -> &'static HashMap<String, Vec<Role>> {
    static R: OnceLock<HashMap<String, Vec<Role>>> = OnceLock::new();
    R.get_or_init(|| {
        let mut by_first: HashMap<String, Vec<Role>> = HashMap::default();
        for l in lines(ROLES) {
            let words: Vec<String> = normalize(l)
                .split_whitespace()
                .map(str::to_string)
                .collect();
            let Some(first) = words.first().cloned() else {
                continue;
            };
            let honorific = HONORIFICS.contains(&words.join(" ").as_str());
            by_first
                .entry(first)
                .or_default()
                .push(Role { words, honorific });
        }
        for list in by_first.values_mut() {
            list.sort_by_key(|r| std::cmp::Reverse(r.words.len()));
        }
        by_first
    })
}

fn starts_with(toks: &[Token], i: usize, words: &[String]) -> bool {
    words.len() <= toks.len() - i
        && words
            .iter()
            .enumerate()
            .all(|(k, w)| toks[i + k].exact == *w)
}

/// The length in tokens of the longest role opener at token `i`.
pub(crate) fn role_at(toks: &[Token], i: usize, honorifics: bool) -> Option<usize> {
    let t = toks.get(i)?;
    if !t.is(words::ROLE) {
        return None;
    }
    roles()
        .get(t.exact.as_str())?
        .iter()
        .filter(|r| honorifics || !r.honorific)
        .find(|r| starts_with(toks, i, &r.words))
        .map(|r| r.words.len())
}

/// A person found in the text.
#[derive(Debug, Clone)]
pub struct Person {
    /// First token of the name.
    pub start: usize,
    /// One past the last token of the name.
    pub end: usize,
    /// Role, as written.
    pub role: Option<String>,
}

/// Words between `trường` and the name a school bears: its level
/// (`trường THCS`, `Trường Tiểu học`, `trường Mầm non`, `trường THPT
/// chuyên`, `trường Phổ thông Dân tộc nội trú`, `trường Đại học`).
const SCHOOL_LEVELS: &[&str] = &[
    "tiểu", "học", "trung", "cơ", "sở", "phổ", "thông", "mầm", "non", "thcs", "thpt", "ptdtnt",
    "ptdtbt", "chuyên", "dân", "tộc", "nội", "trú", "bán", "liên", "cấp", "đại", "cao", "đẳng",
];

/// School levels written as initials, which open a school's name without
/// `trường` (`THCS Nguyễn Du`, `THPT Lê Quý Đôn`).
const SCHOOL_INITIALS: &[&str] = &["thcs", "thpt", "ptdtnt", "ptdtbt"];

/// Whether the capitalized name at token `i` is the name a school bears
/// (`trường THCS Nguyễn Du`, `THPT Lê Quý Đôn`, `Đại học Tôn Đức Thắng`),
/// or a newspaper's (`báo Guardian`, `Báo Independent cho biết`): the name
/// of the person it is named after is not a person here.
pub(crate) fn names_a_school(seg: &vietdex_tokenize::Segmenter, toks: &[Token], i: usize) -> bool {
    // `báo`, `tờ` before the name, or opening it, not closing a word
    // (`thông báo`, `cảnh báo`, `tình báo`).
    let outlet = |k: usize| {
        OUTLET_HEADS.contains(&toks[k].exact.as_str())
            && !(k > 0
                && contiguous(toks, k)
                && seg.is_word_pair(&toks[k - 1].exact, &toks[k].exact))
    };
    if (toks[i].capitalized && outlet(i)) || (i > 0 && contiguous(toks, i) && outlet(i - 1)) {
        return true;
    }
    // The level words joined to the name, up to five.
    let mut j = i;
    while j > 0
        && i - j < 5
        && contiguous(toks, j)
        && SCHOOL_LEVELS.contains(&toks[j - 1].exact.as_str())
    {
        j -= 1;
    }
    // `trường`, not closing a word (`môi trường`, `thị trường`); right
    // before the name, only before a person's full name (`Trường Lương
    // Thế Vinh`): `Trường Sơn`, `Trường Giang` are names themselves.
    let head = j > 0
        && contiguous(toks, j)
        && toks[j - 1].exact == "trường"
        && !(j >= 2
            && contiguous(toks, j - 1)
            && seg.is_word_pair(&toks[j - 2].exact, &toks[j - 1].exact))
        && (j < i || full_name_at(toks, i));
    let initials = i > 0
        && contiguous(toks, i)
        && toks[i - 1].all_caps
        && SCHOOL_INITIALS.contains(&toks[i - 1].exact.as_str());
    let university = i >= 2
        && contiguous(toks, i)
        && contiguous(toks, i - 1)
        && toks[i - 2].exact == "đại"
        && toks[i - 1].exact == "học";
    head || initials || university
}

/// Words for a newspaper before its name.
const OUTLET_HEADS: &[&str] = &["báo", "tờ"];

/// Things named after a person, before the name: prizes, medals, cups,
/// scholarships, funds, ships, farms, theatres, bus stops (`giải thưởng
/// Lê Quý Đôn`, `tàu Hoàng Sa`, `nhà chờ Hoàng Đạo Thúy`).
const NAMED_AFTER: &[&[&str]] = &[
    &["giải", "thưởng"],
    &["giải"],
    &["huân", "chương"],
    &["huy", "chương"],
    &["cúp"],
    &["học", "bổng"],
    &["quỹ"],
    &["tàu"],
    &["thuyền"],
    // Farms, theatres and bus stops named after a person or the street
    // they stand on (`nông trường Phạm Văn Cội`, `rạp hát Nguyễn Văn
    // Hảo`, `nhà chờ Hoàng Đạo Thúy`).
    &["nông", "trường"],
    &["lâm", "trường"],
    &["rạp", "hát"],
    &["rạp"],
    &["nhà", "chờ"],
];

/// Whether the name at token `i` names a thing named after a person
/// ([`NAMED_AFTER`]): then it is not a person here.
pub(crate) fn names_a_thing(toks: &[Token], i: usize) -> bool {
    NAMED_AFTER.iter().any(|head| {
        head.len() <= i
            && contiguous(toks, i)
            && head.iter().enumerate().all(|(k, w)| {
                let j = i - head.len() + k;
                toks[j].exact == *w && (k == 0 || contiguous(toks, j))
            })
    })
}

/// Whether a family name and another capitalized syllable start at `i`.
fn full_name_at(toks: &[Token], i: usize) -> bool {
    toks[i].is(words::SURNAME)
        && toks[i].capitalized
        && toks
            .get(i + 1)
            .is_some_and(|n| n.capitalized && !n.all_caps && n.gap_is(gap::SPACE))
}

/// Finds people outside `claimed` tokens; claims their tokens.
pub fn people(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    claimed: &mut [bool],
    landmarks: &[crate::landmarks::Landmark],
) -> Vec<Person> {
    let mut out = Vec::new();
    let streets = street_names(toks, landmarks);
    let mut i = 0;
    loop {
        // A name opens at a family name, told by the marks.
        i = next_marked(marks, i, mark::class(words::SURNAME));
        if i >= toks.len() {
            break;
        }
        let t = &toks[i];
        if claimed[i] || marks[i] & mark::ALL_CAPS != 0 {
            i += 1;
            continue;
        }
        // A name the text writes in lower case after its family name
        // (`Trần minh đức nói`, `bác sĩ lê văn tám,`).
        if let Some(k) = lower_case_name(seg, toks, claimed, i) {
            claimed[i..k].iter_mut().for_each(|c| *c = true);
            out.push(Person {
                start: i,
                end: k,
                role: role_before(toks, text, i),
            });
            i = k;
            continue;
        }
        if !t.capitalized {
            i += 1;
            continue;
        }
        let Some(&needs_three) = surnames().get(t.exact.as_str()) else {
            i += 1;
            continue;
        };
        // `Đại Từ Nguyễn Mạnh Hoạt`, `Thái Nguyên Nguyễn Thanh Hải`: a place
        // name ends here or starts here, and the person comes after it.
        let place_pair = |a: usize| {
            a + 1 < toks.len()
                && toks[a].capitalized
                && toks[a + 1].capitalized
                && contiguous(toks, a + 1)
                && !g
                    .lookup(&crate::text::pair(&toks[a].exact, &toks[a + 1].exact))
                    .is_empty()
        };
        if (i > 0 && place_pair(i - 1))
            || (place_pair(i)
                && toks
                    .get(i + 2)
                    .is_some_and(|n| n.capitalized && n.is(words::SURNAME)))
        {
            i += 1;
            continue;
        }
        // `Tập Đoàn Phú Quý`: a family name that closes a body's head
        // word of two syllables is that word.
        if i > 0
            && contiguous(toks, i)
            && toks[i - 1].is(words::ORG_HEAD)
            && crate::orgs::head_len_at(toks, i - 1) == Some(2)
        {
            i += 1;
            continue;
        }
        // `Hàn Quốc Moon Jae-in`: a country's name of two or more
        // syllables before the name is no part of it.
        if let Some(w) = crate::landmarks::country_at(toks, i).filter(|&w| w >= 2) {
            i += w;
            continue;
        }
        let k = name_end(seg, text, toks, claimed, i);
        let len = k - i;
        if names_a_school(seg, toks, i) || names_a_thing(toks, i) {
            i = k;
            continue;
        }
        let key: Vec<&str> = toks[i..k].iter().map(|t| t.exact.as_str()).collect();
        let is_place = len == 2 && !g.lookup(&key.join(" ")).is_empty();
        // `Từ Đà Nẵng lên …`: a family name that is also a word of motion
        // or place (`từ`) before the name of a province, a district or a
        // place of the world is that word.
        let from_place = len >= 2 && t.is(words::LONE_NAME_CUE) && {
            let rest = key[1..].join(" ");
            g.lookup(&rest).iter().any(|&u| {
                matches!(
                    g.unit(u).level,
                    crate::gazetteer::Level::Province | crate::gazetteer::Level::District
                )
            }) || crate::landmarks::world_name(&rest)
        };
        if from_place {
            i += 1;
            continue;
        }
        if len < 2 || is_place || (needs_three && len < 3) {
            i += 1;
            continue;
        }
        let role = role_before(toks, text, i).or_else(|| role_after(toks, text, k));
        // A two-part name needs something that says it is a person: a role,
        // a form of address before it, or a line of its own (a byline).
        let addressed = i > 0 && role_at(toks, i - 1, true).is_some();
        let own_line = blank_to_line_end(text[..toks[i].start].chars().rev())
            && blank_to_line_end(text[toks[k - 1].end..].chars());
        // A long role before a two-part name is more likely a business name
        // (`Giám đốc HTX … Hoàng Yến`) than a person's title.
        let short_role = role
            .as_ref()
            .is_some_and(|r| r.split_whitespace().count() <= 8);
        if len == 2 && !short_role && !addressed && !own_line {
            i += 1;
            continue;
        }
        // A name the text gives a street or a place by its head word
        // (`đường Lý Văn Phúc`), written elsewhere without a role or a
        // form of address (`nút giao Lý Văn Phúc - …`, `số 12 Lý Văn
        // Phúc`), is that street's: no person here.
        if role.is_none()
            && !addressed
            && streets
                .iter()
                .any(|h| h.len() == len && h.iter().zip(&toks[i..k]).all(|(x, t)| *x == t.hash))
        {
            i = k;
            continue;
        }
        claimed[i..k].iter_mut().for_each(|c| *c = true);
        out.push(Person {
            start: i,
            end: k,
            role,
        });
        i = k;
    }
    out
}

/// The names of the roads and landmarks found by their head word
/// (`đường Lý Văn Phúc`, `tòa nhà Lê Văn Tám`), by their syllables'
/// hashes: the capitalized syllables closing each, two or more, not
/// opening with a title (`đền Bà Chúa Kho`).
fn street_names(toks: &[Token], landmarks: &[crate::landmarks::Landmark]) -> Vec<Vec<u64>> {
    let mut names: Vec<Vec<u64>> = Vec::new();
    for l in landmarks
        .iter()
        .filter(|l| matches!(l.subtype, "road" | "landmark"))
    {
        let (a, b) = (l.start, l.end);
        let mut k = b;
        while k > a + 1 && toks[k - 1].capitalized && !toks[k - 1].digits {
            k -= 1;
        }
        if b - k >= 2 && k > a && !toks[k].is(words::TITLE) {
            let h: Vec<u64> = toks[k..b].iter().map(|t| t.hash).collect();
            if !names.contains(&h) {
                names.push(h);
            }
        }
    }
    names
}

/// Middle names, the second syllable of most three-part names.
const MIDDLE_NAMES: &[&str] = &[
    "văn", "thị", "đình", "hữu", "minh", "thanh", "quốc", "ngọc", "đức", "công", "xuân", "hồng",
    "kim", "trọng", "khắc", "trung", "hải", "thành", "bá", "duy", "tiến", "quang", "mạnh", "huy",
    "phước", "tấn", "hoàng", "thế", "chí", "đăng", "đắc", "bích", "thúy", "mỹ", "như", "vĩnh",
    "sỹ", "sĩ", "viết", "trí", "phú", "hoài", "diệu", "kiều", "lệ", "khánh", "thiện", "tuấn",
];

/// A name written in lower case after its family name, from token `i`: a
/// family name, a middle name ([`MIDDLE_NAMES`]) and one or two given
/// names, all in lower case but the family name when it opens a sentence
/// (`Nguyễn thanh mỹ đã …`), or all in lower case after a title (`bác sĩ
/// trần văn nhật ,`). The name ends a clause or comes before a word that
/// ends a role (`đã`, `nói`, `đến`) or `và`. Not a word the family name
/// makes with the next syllable (`Đồng minh`), nor, opening a sentence
/// without a title, a word the middle name makes with the next (`Lê thành
/// công`). The end of the name, or `None`.
fn lower_case_name(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    claimed: &[bool],
    i: usize,
) -> Option<usize> {
    let t = &toks[i];
    // Flags and bits first: most family names are followed by no middle
    // name in lower case.
    if !toks
        .get(i + 1)
        .is_some_and(|m| m.is(words::MIDDLE_NAME) && !m.capitalized && m.gap_is(gap::SPACE))
    {
        return None;
    }
    let opens = i == 0 || t.gap_is(gap::STOP | gap::DASH);
    // A family name in capitals opening a sentence, or one in lower case
    // after a title.
    // After a title, or after a copula or a preposition that takes a
    // person (`là nguyễn hải yến ,`, `của lê văn tám .`).
    let titled = !t.capitalized
        && !opens
        && (matches!(toks[i - 1].exact.as_str(), "là" | "của" | "cho" | "với")
            || (i.saturating_sub(3)..i).any(|j| role_at(toks, j, true) == Some(i - j)));
    // Set apart by a comma before it, as an apposition the text closes
    // with a mark (`, ngô văn hoàng - một công nhân`), or after `về`
    // (`câu chuyện về lê trung thành -`): checked as a name opening a
    // sentence is, and it must end at a mark.
    let apposed = !t.capitalized && i > 0 && (t.gap_is(gap::CLAUSE) || toks[i - 1].exact == "về");
    if !(titled || apposed || (t.capitalized && opens)) {
        return None;
    }
    // A syllable in lower case set apart by a space, of letters only
    // (bytes of ASCII lower case or of other letters).
    let lower = |k: usize| {
        toks.get(k).is_some_and(|x| {
            !x.capitalized
                && !x.digits
                && !claimed[k]
                && x.gap_is(gap::SPACE)
                && contiguous(toks, k)
                && x.exact.bytes().all(|b| b.is_ascii_lowercase() || b >= 0x80)
        })
    };
    if !lower(i + 1) || !lower(i + 2) {
        return None;
    }
    let word = |a: usize| seg.is_word_pair(&toks[a].exact, &toks[a + 1].exact);
    // `của văn minh con người`: a family name in lower case that is also a
    // middle name opens a phrase.
    if word(i) || (!titled && word(i + 1)) || (!t.capitalized && t.is(words::MIDDLE_NAME)) {
        return None;
    }
    let stop = |k: usize| {
        toks[k].is(words::ROLE_STOP) && role_stops().iter().any(|w| starts_with(toks, k, w))
    };
    if stop(i + 2) {
        return None;
    }
    let ends = |k: usize| {
        toks.get(k)
            .is_none_or(|n| n.gap_is(gap::CLAUSE) || (!apposed && (n.exact == "và" || stop(k))))
    };
    // One given name, or two (`ái vy`).
    if ends(i + 3) {
        Some(i + 3)
    } else {
        // Not two syllables of one word (`con người`).
        (lower(i + 3) && !stop(i + 3) && toks[i + 3].exact != "và" && ends(i + 4) && !word(i + 2))
            .then_some(i + 4)
    }
}

/// `Phó Chủ tịch UBND tỉnh Quảng Ngãi Trần Phước Hiền`.
fn role_before(toks: &[Token], text: &str, name: usize) -> Option<String> {
    let mut from = None;
    let mut j = name;
    while j > 0 && name - j < 14 {
        if toks[j].gap_is(gap::CLAUSE) {
            break;
        }
        j -= 1;
        // `thủy thủ của tàu Hoàng Đạt`: the name is something's, not the
        // role's holder.
        if matches!(toks[j].exact.as_str(), "của" | "bị" | "được") {
            break;
        }
        if role_at(toks, j, false).is_some() {
            from = Some(j);
        }
    }
    let from = from?;
    Some(squash(&text[toks[from].start..toks[name - 1].end]))
        .filter(|r| !r.is_empty() && from < name)
}

/// `Nguyễn Văn Thi, Ủy viên Ban Thường vụ Tỉnh ủy, Phó Chủ tịch …` or
/// `Nguyễn Quốc Quân - Chủ tịch UBND xã Ngọc Sơn`.
fn role_after(toks: &[Token], text: &str, after: usize) -> Option<String> {
    if after >= toks.len() {
        return None;
    }
    let sep = text[toks[after - 1].end..toks[after].start].trim();
    if !matches!(sep, "," | "-" | "–" | "—") {
        return None;
    }
    role_at(toks, after, false)?;
    let mut end = after;
    let mut j = after;
    while j < toks.len() {
        if j > after {
            let g = text[toks[j - 1].end..toks[j].start].trim();
            let next_is_role = role_at(toks, j, false).is_some();
            match g {
                "" => {}
                "," | "-" | "–" | "—" if next_is_role => {}
                _ => break,
            }
        }
        if j > after
            && toks[j].is(words::ROLE_STOP)
            && role_stops().iter().any(|words| starts_with(toks, j, words))
        {
            break;
        }
        if j - after >= MAX_ROLE_WORDS {
            break;
        }
        // `và` before another person or another role ends the role.
        if j > after
            && toks[j].exact == "và"
            && toks.get(j + 1).is_some_and(|t| {
                t.capitalized && (t.is(words::SURNAME) || role_at(toks, j + 1, false).is_some())
            })
        {
            break;
        }
        // Another person's name ends the role.
        if j > after
            && toks[j].capitalized
            && toks[j].is(words::SURNAME)
            && toks.get(j + 1).is_some_and(|t| t.capitalized)
            && contiguous(toks, j + 1)
            && role_at(toks, j, false).is_none()
            && j + 2 < toks.len()
            && toks[j + 2].capitalized
        {
            break;
        }
        end = j + 1;
        j += 1;
    }
    (end > after).then(|| squash(&text[toks[after].start..toks[end - 1].end]))
}

use crate::text::squash;

/// Whether the characters up to the next line break (or the end) are all
/// white space. Stops at the first other character, so checking every
/// name of a long one-line text stays linear.
fn blank_to_line_end(mut chars: impl Iterator<Item = char>) -> bool {
    chars
        .find(|&c| c == '\n' || !c.is_whitespace())
        .is_none_or(|c| c == '\n')
}

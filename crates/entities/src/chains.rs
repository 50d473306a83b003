//! Chains of bodies: a sub-unit written right before the body it belongs
//! to is one organization with it (`Phòng CSGT Công an tỉnh Nghệ An`,
//! `Khoa Nhi Bệnh viện Đa khoa tỉnh`, `Ban Tuyên giáo Tỉnh ủy`, `Thanh tra
//! Chính phủ`), as the gold annotates `cơ quan cảnh sát điều tra công an tp
//! HCM`. The organizations found before are joined where a sub-unit's head
//! word opens the first and a parent body's head word the second, with
//! only white space between; a sub-unit no rule found (`Đội 3`, `Khoa
//! Nhi`, `UB Kiểm tra`) is read from its head word and its name before the
//! parent. An organization found inside a longer one is part of it.

use crate::entity::{Details, Entity, Kind};
use crate::text::{Token, gap, squash};

/// Head words of the units a body is made of: departments, teams,
/// stations, boards, wards, offices, inspectorates.
const SUB_UNITS: &[&str] = &[
    "phòng",
    "đội",
    "trạm",
    "ban",
    "khoa",
    "tổ",
    "chi cục",
    "cục",
    "vụ",
    "văn phòng",
    "ủy ban",
    "uỷ ban",
    "ub",
    "cơ quan",
    "thanh tra",
    "đoàn thanh tra",
    "trung tâm",
    "chi nhánh",
    "phân viện",
    "công đoàn",
    "chi bộ",
    "đảng ủy",
    "đảng uỷ",
    "bộ môn",
];

/// Sub-units named by their head word alone before their body (`Thanh
/// tra Chính phủ`, `Văn phòng UBND tỉnh`, `Đảng ủy Công an tỉnh`).
const ALONE: &[&str] = &[
    "thanh tra",
    "đoàn thanh tra",
    "văn phòng",
    "công đoàn",
    "đảng ủy",
    "đảng uỷ",
];

/// Head words of the bodies a sub-unit belongs to.
const PARENTS: &[&str] = &[
    "công an",
    "bộ",
    "sở",
    "cục",
    "tổng cục",
    "ubnd",
    "hđnd",
    "ủy ban",
    "uỷ ban",
    "tỉnh ủy",
    "tỉnh uỷ",
    "huyện ủy",
    "huyện uỷ",
    "thành ủy",
    "thành uỷ",
    "quận ủy",
    "quận uỷ",
    "đảng ủy",
    "đảng uỷ",
    "đảng bộ",
    "chính phủ",
    "quốc hội",
    "bệnh viện",
    "học viện",
    "trường",
    "đại học",
    "đh",
    "viện",
    "tập đoàn",
    "tổng công ty",
    "công ty",
    "ngân hàng",
    "bộ chỉ huy",
    "bộ tư lệnh",
    "quân khu",
    "mttq",
    "mặt trận",
    "phòng",
    "ban",
    "văn phòng",
    "trung tâm",
    "chi cục",
    "thanh tra",
    "viện kiểm sát",
    "vksnd",
    "tòa án",
    "tand",
    "kho bạc",
    "đài",
    "báo",
    "hội",
    "liên đoàn",
    "tổng liên đoàn",
];

/// Parents whose head word names the body in lower case too (`công an
/// tỉnh`, `trường THPT …`); the others only capitalized (`hội Xuân` is a
/// festival, `ban` a board of any kind).
const LOWER_PARENTS: &[&str] = &[
    "công an",
    "bộ",
    "sở",
    "cục",
    "tổng cục",
    "ủy ban",
    "uỷ ban",
    "bệnh viện",
    "học viện",
    "trường",
    "đại học",
    "viện",
    "tập đoàn",
    "tổng công ty",
    "công ty",
    "ngân hàng",
];

/// The length of the longest head word of `list` at token `i`.
fn head_at(list: &[&str], toks: &[Token], i: usize) -> Option<usize> {
    let first = toks.get(i)?.exact.as_str();
    list.iter()
        // The first word by its bytes, before the words are split: most
        // heads fail there.
        .filter(|h| {
            h.strip_prefix(first)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .filter_map(|h| {
            let n = h.split(' ').count();
            (i + n <= toks.len()
                && h.split(' ')
                    .enumerate()
                    .all(|(k, w)| toks[i + k].exact == w && (k == 0 || joined(toks, i + k))))
            .then_some(n)
        })
        .max()
}

/// Token `i` follows the one before after white space within a line.
fn joined(toks: &[Token], i: usize) -> bool {
    toks[i].gap_is(gap::SPACE) && toks[i].gap_is(gap::BLANK)
}

/// Whether tokens `a..b` are a sub-unit's name after its head word:
/// numbers, initials and capitalized words (`3`, `CSGT`, `Nhi`), a
/// capitalized word going on in lower case where the two are one word
/// (`Tuyên giáo`, `Giám hiệu`).
fn unit_name(seg: &vietdex_tokenize::Segmenter, toks: &[Token], a: usize, b: usize) -> bool {
    (a..b).all(|k| {
        let t = &toks[k];
        joined(toks, k)
            && t.exact != "và"
            && (t.capitalized
                || (t.digits && t.exact.len() <= 3)
                || (k > a
                    && toks[k - 1].capitalized
                    && !toks[k - 1].all_caps
                    && seg.is_word_pair(&toks[k - 1].exact, &t.exact)))
    }) && (a == b || toks[a].capitalized || toks[a].digits)
}

/// Whether the sub-unit at tokens `a..b` (head word of `n` tokens at `a`)
/// may name one: capitalized, or in lower case with a number or initials
/// (`phòng CSGT`, `phòng 10`); not a word its head opens (`Tổ chức`,
/// `Phòng chống`) nor inside a longer name (`Tây Ban Nha`).
fn sub_unit_ok(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    a: usize,
    n: usize,
    b: usize,
) -> bool {
    let head = &toks[a];
    let alone = ALONE
        .iter()
        .any(|h| h.split(' ').count() == n && head_at(&[h], toks, a) == Some(n));
    if b == a + n && !alone {
        return false;
    }
    let marked = (a + n..b).any(|k| toks[k].digits || toks[k].all_caps);
    // In lower case, a department, team, station, agency or office with
    // a number or initials (`phòng CSGT`, `đội 3`; `vụ GV …` is an
    // incident, `thanh tra` the inspectors), and the inspection team
    // (`đoàn thanh tra`).
    let lower_head = matches!(
        head.exact.as_str(),
        "phòng" | "đội" | "trạm" | "cơ" | "cục" | "chi"
    );
    let lower_ok = (marked && lower_head) || (alone && head.exact == "đoàn");
    if !head.capitalized && !lower_ok {
        return false;
    }
    // `Vụ` is a department with a name or a Roman numeral (`Vụ Pháp
    // chế`, `Vụ II`), an incident before initials (`Vụ GV …`).
    if head.exact == "vụ"
        && toks
            .get(a + n)
            .is_some_and(|x| x.all_caps && !x.exact.chars().all(|c| matches!(c, 'i' | 'v' | 'x')))
    {
        return false;
    }
    if let Some(x) = toks
        .get(a + n)
        .filter(|x| a + n < b && !x.capitalized && !x.digits)
        && seg.is_word_pair(&toks[a + n - 1].exact, &x.exact)
    {
        return false;
    }
    !(a > 0 && joined(toks, a) && toks[a - 1].capitalized && !toks[a - 1].is(crate::words::TITLE))
}

/// The unit of the outer body of a chain: the byte where that body
/// starts, by the chain's start.
pub(crate) type Outer = Vec<(usize, usize)>;

/// Joins the chains of bodies among the organizations of `out` (byte
/// offsets), drops the organizations inside longer ones, and gives, for
/// each chain, its start and the start of its outer body.
pub(crate) fn join(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    out: &mut Vec<Entity>,
) -> Outer {
    let mut orgs: Vec<(usize, usize)> = out
        .iter()
        .filter(|e| e.kind() == Kind::Organization)
        .map(|e| (e.start, e.end))
        .collect();
    let tok_of = |byte: usize| toks.partition_point(|t| t.start < byte);
    // An inspectorate of a unit (`Thanh tra tỉnh Bình Dương`, `đoàn thanh
    // tra TP Hà Nội`): the unit written with its type word after it.
    let mut inspectorates = Vec::new();
    for x in out
        .iter()
        .filter(|x| matches!(x.details, Details::Unit { .. }))
    {
        let a = tok_of(x.start);
        if a < 2 || a >= toks.len() || !toks[a].is(crate::words::TYPE_WORD) || !joined(toks, a) {
            continue;
        }
        let h = [3, 2].into_iter().find(|&n| {
            a >= n
                && head_at(&["thanh tra", "đoàn thanh tra"], toks, a - n) == Some(n)
                && (n == 3 || toks[a - n].capitalized)
                && sub_unit_ok(seg, toks, a - n, n, a)
        });
        if let Some(n) = h {
            inspectorates.push((toks[a - n].start, x.end, x.start));
        }
    }
    if orgs.is_empty() && inspectorates.is_empty() {
        return Vec::new();
    }
    orgs.sort_unstable_by(|x, y| x.0.cmp(&y.0).then(y.1.cmp(&x.1)));
    // Inside a longer organization: part of it.
    let mut inside = Vec::new();
    let mut longest = (0, 0);
    for &(s, e) in &orgs {
        if e <= longest.1 && (s, e) != longest {
            inside.push((s, e));
        } else if e > longest.1 {
            longest = (s, e);
        }
    }
    // Spans of the entities a sub-unit's name may not hold: people,
    // programs, other organizations.
    let others: Vec<(usize, usize)> = out
        .iter()
        .filter(|e| matches!(e.kind(), Kind::Person | Kind::Program | Kind::Organization))
        .map(|e| (e.start, e.end))
        .collect();
    let mut spans: Vec<(usize, usize, usize)> = orgs
        .iter()
        .filter(|o| !inside.contains(o))
        .map(|&(s, e)| (s, e, s))
        .chain(inspectorates)
        .collect();
    spans.sort_unstable();
    // Right to left: a chain grows from its outer body.
    let mut k = spans.len();
    while k > 0 {
        k -= 1;
        let (s, e, outer) = spans[k];
        let b0 = tok_of(s);
        if b0 == 0 || b0 >= toks.len() || toks[b0].start != s || !joined(toks, b0) {
            continue;
        }
        let Some(pn) = head_at(PARENTS, toks, b0) else {
            continue;
        };
        let parent: Vec<&str> = toks[b0..b0 + pn].iter().map(|t| t.exact.as_str()).collect();
        if !toks[b0].capitalized && !LOWER_PARENTS.contains(&parent.join(" ").as_str()) {
            continue;
        }
        // An organization found before, ending right here.
        let before = (k > 0 && spans[k - 1].1 == toks[b0 - 1].end).then(|| spans[k - 1]);
        let start = if let Some((ps, _, _)) = before {
            let a = tok_of(ps);
            let last = &toks[b0 - 1];
            // A name ends in its own words, not in a joiner (`Văn phòng
            // Cục và 30` | `Chi cục …`).
            let ends_in_name = !(a..b0).any(|j| toks[j].exact == "và")
                && (last.capitalized
                    || last.digits
                    || (b0 - 1 > a && seg.is_word_pair(&toks[b0 - 2].exact, &last.exact)));
            match head_at(SUB_UNITS, toks, a) {
                Some(n) if ends_in_name && sub_unit_ok(seg, toks, a, n, b0) => Some(ps),
                _ => None,
            }
        } else {
            // A sub-unit no rule found: its head word at most six tokens
            // before, the nearest that names one.
            let lo = b0.saturating_sub(7);
            (lo..b0).rev().find_map(|a| {
                let n = head_at(SUB_UNITS, toks, a)?;
                let ok = a + n <= b0
                    && unit_name(seg, toks, a + n, b0)
                    && (a + 1..=b0).all(|j| joined(toks, j))
                    && sub_unit_ok(seg, toks, a, n, b0)
                    && !others
                        .iter()
                        .any(|&(os, oe)| os < toks[b0 - 1].end && toks[a].start < oe);
                ok.then_some(toks[a].start)
            })
        };
        let Some(start) = start else {
            continue;
        };
        if before.is_some() {
            spans.remove(k - 1);
            k -= 1;
        }
        spans[k] = (start, e, outer);
        // The chain may go on to the left (`Đội 3` | `Phòng CSGT …`).
        k += 1;
    }
    let joined_spans: Vec<(usize, usize, usize)> =
        spans.iter().copied().filter(|&(s, _, o)| o != s).collect();
    if inside.is_empty() && joined_spans.is_empty() {
        return Vec::new();
    }
    // Drop the parts, add the chains.
    out.retain(|x| {
        x.kind() != Kind::Organization
            || !(inside.contains(&(x.start, x.end))
                || joined_spans
                    .iter()
                    .any(|&(s, e, _)| s <= x.start && x.end <= e))
    });
    for &(s, e, _) in &joined_spans {
        let surface = squash(&text[s..e]);
        out.push(Entity {
            text: text[s..e].to_string(),
            start: s,
            end: e,
            value: vietdex_tokenize::normalize(&surface).into_owned(),
            details: Details::Organization { place: None },
        });
    }
    joined_spans.iter().map(|&(s, _, o)| (s, o)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A head word is found by its words, the first told by its bytes
    /// before the split: not a syllable that begins a head's first word
    /// (`cụ` of `cục`), nor a head's first word alone (`công` | `,` `an`),
    /// and the longest head at the token wins.
    #[test]
    fn a_head_word_by_its_words() {
        let list = ["công an", "công", "cục", "đội"];
        let toks = crate::text::tokens("Công an tỉnh, cụ bà, công, an toàn và Cục");
        let at = |w: &str| toks.iter().position(|t| t.exact == w).expect("token");
        assert_eq!(head_at(&list, &toks, 0), Some(2));
        assert_eq!(head_at(&list, &toks, at("cụ")), None);
        assert_eq!(head_at(&list, &toks, toks.len() - 1), Some(1));
        let lone = toks.iter().rposition(|t| t.exact == "công").expect("công");
        assert_eq!(head_at(&list, &toks, lone), Some(1));
        assert_eq!(head_at(&list, &toks, toks.len()), None);
    }
}

//! Abbreviations a text defines for its organizations.
//!
//! News writes a body's full name once with its short form in brackets
//! (`Trung tâm Khuyến nông Quốc gia (TTKNQG)`, `Hợp tác xã Nông nghiệp
//! Tân Phú (HTXNN Tân Phú)`), then the short form alone. The short form in
//! brackets and each use of it in the same text are organizations. When
//! its letters are, in order, initials of the name's words (the usual test
//! for a defined abbreviation), their value is the full name's, so that a
//! search or an aggregation counts them as the one body they are. One word
//! in capitals not built so (`(SMF)` after a company of another name) is
//! a body of its own name: the brackets may name a larger or another body.
//! Nothing found there before is taken over (`(VN)` is a country).

use crate::entity::{Details, Entity, Kind};
use crate::gazetteer::{Gazetteer, Level};
use crate::text::{Token, gap, mark, next_marked, word_hash};

/// Letters at most in a short form (`UBMTTQVN` has eight).
const MAX_LETTERS: usize = 10;
/// Tokens at most inside the brackets (`HTXNN Tân Phú`).
const MAX_TOKENS: usize = 5;
/// Short forms at most looked for again in one text: each token is
/// compared with each, so this keeps a text of many definitions linear.
const MAX_DEFINED: usize = 32;

/// The organizations `out` holds (byte offsets, before the final
/// conversion) whose short form the text defines in brackets, and every
/// later use of those short forms outside other entities.
pub(crate) fn abbreviations(
    g: &Gazetteer,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    out: &[Entity],
) -> Vec<Entity> {
    let mut orgs: Vec<(usize, usize, &str)> = out
        .iter()
        .filter(|e| e.kind() == Kind::Organization)
        .map(|e| (e.start, e.end, e.value.as_str()))
        .collect();
    if orgs.is_empty() {
        return Vec::new();
    }
    orgs.sort_unstable_by_key(|o| o.0);
    let mut found = Vec::new();
    // Short forms defined, as their tokens' exact forms, with the value;
    // the tokens where a definition begins.
    let mut defined: Vec<(Vec<&str>, String)> = Vec::new();
    let mut definition = vec![false; toks.len()];
    let mut last_bracket = usize::MAX;
    let mut starts = None;
    for &(s, e, value) in &orgs {
        let b = toks.partition_point(|t| t.start < e);
        // One body per bracket: the first, longest (`Ủy ban Trung ương
        // MTTQ (UBTƯ)`, not also `MTTQ`).
        if b == last_bracket {
            continue;
        }
        let Some((end, built)) = short_form_at(toks, text, s, e, b, &mut starts, out) else {
            continue;
        };
        last_bracket = b;
        // A short form not built from the name's initials is a body of
        // its own name: the brackets may name a larger or other body
        // (`Chính phủ (GLC)`), so it is not tied to the name before it.
        let own;
        let value = if built {
            value
        } else {
            own = vietdex_tokenize::normalize(&text[toks[b].start..toks[end - 1].end]).into_owned();
            own.as_str()
        };
        found.push(org(text, toks[b].start, toks[end - 1].end, value));
        definition[b] = true;
        let key: Vec<&str> = toks[b..end].iter().map(|t| t.exact.as_str()).collect();
        if defined.len() < MAX_DEFINED && !defined.iter().any(|(k, _)| *k == key) {
            defined.push((key, value.to_string()));
        }
    }
    // An enterprise's own name, the capitalized words that close its full
    // name (`Công ty Cổ phần Thép Minh Quang` … `Minh Quang`).
    let mut typed = None;
    for &(s, e, value) in &orgs {
        if defined.len() >= MAX_DEFINED {
            break;
        }
        if !ENTERPRISES
            .iter()
            .any(|h| value.strip_prefix(h).is_some_and(|r| r.starts_with(' ')))
        {
            continue;
        }
        let (a, b) = (
            toks.partition_point(|t| t.start < s),
            toks.partition_point(|t| t.end <= e),
        );
        // The own name may begin with what the enterprise makes (`Thép
        // Minh Quang` … `Minh Quang`): its last two words or more, too. A
        // name the text also gives a unit with its type word (`xã Song
        // Lộc`) is left to the places rules, whichever it names.
        if let Some(name) = own_name(toks, a, b) {
            for from in 0..name.len() {
                let key = &name[from..];
                if (from == 0 || key.len() >= 2)
                    && defined.len() < MAX_DEFINED
                    && !defined.iter().any(|(k, _)| k == key)
                    && !names_more(g, key)
                    && !typed
                        .get_or_insert_with(|| typed_place_names(toks, out))
                        .contains(&key.join(" "))
                {
                    defined.push((key.to_vec(), value.to_string()));
                }
            }
        }
    }
    if defined.is_empty() {
        return found;
    }
    // Tokens inside an entity found before other than a place (a place
    // inside a body's name is dropped with the body's other place names),
    // and the place each token is in: a use cuts no place mention.
    let mut covered = vec![false; toks.len()];
    let mut place: Vec<Option<(usize, usize)>> = vec![None; toks.len()];
    for e in out {
        let (a, b) = crate::text::tokens_in(toks, e.start, e.end);
        if a < b {
            if e.kind().is_place() {
                place[a..b].iter_mut().for_each(|p| *p = Some((a, b)));
            } else {
                covered[a..b].iter_mut().for_each(|c| *c = true);
            }
        }
    }
    // Other uses, before the definition too (a headline): the same tokens
    // in the same order, outside every entity found before, and not the
    // start of a longer capitalized name. One pass over the tokens, each
    // compared by hash with the first token of every short form.
    let firsts: Vec<u64> = defined.iter().map(|(k, _)| word_hash(k[0])).collect();
    // The bits of those hashes that the tokens' marks keep.
    let kept: Vec<u64> = firsts.iter().map(|&h| mark::hash16(h)).collect();
    let mut i = 0;
    loop {
        // A use opens at a capitalized token, told by the marks.
        i = next_marked(marks, i, mark::CAPITALIZED);
        if i >= toks.len() {
            break;
        }
        let t = &toks[i];
        let hit = if covered[i] || definition[i] || !kept.contains(&(marks[i] >> mark::HASH_SHIFT))
        {
            None
        } else {
            firsts
                .iter()
                .zip(&defined)
                .filter(|(h, _)| **h == t.hash)
                .map(|(_, d)| d)
                .find(|(key, _)| used_at(toks, &covered, &place, i, key))
        };
        match hit {
            Some((key, value)) => {
                let n = key.len();
                found.push(org(text, t.start, toks[i + n - 1].end, value));
                i += n;
            }
            None => i += 1,
        }
    }
    found
}

/// Whether the short form `key` is written at token `i`, capitalized,
/// outside every entity found before but places inside it, and not as the
/// start of a longer capitalized name.
fn used_at(
    toks: &[Token],
    covered: &[bool],
    place: &[Option<(usize, usize)>],
    i: usize,
    key: &[&str],
) -> bool {
    let n = key.len();
    i + n <= toks.len()
        && toks[i..i + n]
            .iter()
            .zip(key)
            .all(|(t, k)| t.exact == *k && t.capitalized)
        && !covered[i..i + n].iter().any(|&c| c)
        && place[i..i + n]
            .iter()
            .flatten()
            .all(|&(a, b)| a >= i && b <= i + n)
        && toks[i + 1..i + n].iter().all(|t| !t.gap_is(BREAKS))
        && !toks
            .get(i + n)
            .is_some_and(|t| t.capitalized && !t.gap_is(BREAKS))
}

/// The names the places of `out` are written with words before them
/// (`xã Song Lộc`: `song lộc`; `thị trấn Phú Mỹ`: `trấn phú mỹ`, `phú
/// mỹ`), built once per text.
fn typed_place_names(toks: &[Token], out: &[Entity]) -> rustc_hash::FxHashSet<String> {
    let mut names = rustc_hash::FxHashSet::default();
    for e in out.iter().filter(|e| e.kind().is_place()) {
        let (a, b) = crate::text::tokens_in(toks, e.start, e.end);
        for from in a + 1..b.min(a + MAX_TOKENS) {
            let key: Vec<&str> = toks[from..b].iter().map(|t| t.exact.as_str()).collect();
            names.insert(key.join(" "));
        }
    }
    names
}

/// Heads of an enterprise's full name, as organizations' values begin.
const ENTERPRISES: &[&str] = &[
    "công ty",
    "cty",
    "tổng công ty",
    "tập đoàn",
    "ngân hàng",
    "hợp tác xã",
    "htx",
];

/// The own name closing the enterprise's name `a..b`: its last words
/// written capitalized, after lower-case ones and without a legal form in
/// capitals (`TNHH`, `CP`).
fn own_name(toks: &[Token], a: usize, b: usize) -> Option<Vec<&str>> {
    let mut from = b;
    while from > a && toks[from - 1].capitalized && b - from < MAX_TOKENS {
        from -= 1;
    }
    if from == a || toks[from - 1].capitalized {
        return None;
    }
    while from < b && toks[from].all_caps {
        from += 1;
    }
    let name = &toks[from..b];
    let letters: usize = name.iter().map(|t| t.folded.len()).sum();
    if name.is_empty() || letters < 4 || name.iter().any(|t| t.digits) {
        return None;
    }
    Some(name.iter().map(|t| t.exact.as_str()).collect())
}

/// Whether `key` names a province, a district or a place of the world,
/// which the text may name on its own (`Agribank Nghệ An` … `Nghệ An`).
fn names_more(g: &Gazetteer, key: &[&str]) -> bool {
    let joined = key.join(" ");
    g.lookup(&joined)
        .iter()
        .any(|&u| g.unit(u).level != Level::Commune)
        || crate::landmarks::world_name(&joined)
}

/// What ends a name between two tokens: a stop or line break, a clause
/// mark or a dash.
const BREAKS: u8 = gap::STOP | gap::CLAUSE | gap::DASH;

/// The end (token index) of the short form in brackets right after the
/// organization `s..e` whose first token after it is `b`, if there is one,
/// and whether it is built from the initials of the name.
fn short_form_at(
    toks: &[Token],
    text: &str,
    s: usize,
    e: usize,
    b: usize,
    starts: &mut Option<Vec<usize>>,
    out: &[Entity],
) -> Option<(usize, bool)> {
    let first = toks.get(b)?;
    if !first.all_caps || first.digits || text[e..first.start].trim() != "(" {
        return None;
    }
    // Something found there before (`(VN)` is a country). The starts are
    // sorted once, at the first brackets, for a binary search.
    let starts = starts.get_or_insert_with(|| {
        let mut v: Vec<usize> = out.iter().map(|x| x.start).collect();
        v.sort_unstable();
        v
    });
    if starts.binary_search(&first.start).is_ok() {
        return None;
    }
    let letters: Vec<char> = first.folded.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() < 2 || letters.len() > MAX_LETTERS {
        return None;
    }
    // The short form goes on with capitalized words (`HTXNN Tân Phú`) up
    // to the closing bracket.
    let mut end = b + 1;
    while end < toks.len()
        && end - b < MAX_TOKENS
        && text[toks[end - 1].end..toks[end].start].trim().is_empty()
        && toks[end].capitalized
    {
        end += 1;
    }
    if !text[toks[end - 1].end..].trim_start().starts_with(')') {
        return None;
    }
    // Initials of the name's words, folded (`Đ` → `d`), and of the words
    // the short form goes on with.
    let name = &toks[toks.partition_point(|t| t.start < s)..b];
    let initials: Vec<char> = name
        .iter()
        .filter_map(|t| t.folded.chars().next())
        .collect();
    let built = from_initials(&letters, &initials);
    // Not built from the initials: one word after a name of two or more
    // (`ASEAN (ATIGA)` names an agreement of the body, not the body).
    (built || (end == b + 1 && name.len() >= 2)).then_some((end, built))
}

/// Whether `letters` are, in order, initials of `initials` (words of the
/// name), the first letter one of the first three words': `TTKNQG` for
/// `trung tâm khuyến nông quốc gia`, `GD-ĐT` for `sở giáo dục và đào tạo`
/// (the head word is often left out).
fn from_initials(letters: &[char], initials: &[char]) -> bool {
    let Some(mut at) = initials
        .iter()
        .take(3)
        .position(|&x| Some(&x) == letters.first())
    else {
        return false;
    };
    for &c in letters {
        match initials[at..].iter().position(|&x| x == c) {
            Some(p) => at += p + 1,
            None => return false,
        }
    }
    true
}

/// An organization at `s..e` of `text` with the value `value`.
fn org(text: &str, s: usize, e: usize, value: &str) -> Entity {
    let details = Details::Organization { place: None };
    Entity::new(text, s, e, value.to_string(), details)
}

#[cfg(test)]
mod tests {
    use crate::{Context, Entity, Kind, bundled, extract};

    fn ents(text: &str) -> Vec<Entity> {
        extract(text, &Context::default(), &bundled::knowledge())
    }

    fn orgs(ents: &[Entity]) -> Vec<(String, String)> {
        ents.iter()
            .filter(|e| e.kind() == Kind::Organization)
            .map(|e| (e.text.clone(), e.value.clone()))
            .collect()
    }

    fn has(found: &[(String, String)], text: &str, value: &str) -> usize {
        found.iter().filter(|o| o.0 == text && o.1 == value).count()
    }

    #[test]
    fn a_short_form_in_brackets_and_its_uses_are_the_body() {
        let text = "HTXDV Hòa Lợi mở rộng vùng nguyên liệu. Hợp tác xã Dịch vụ \
                    Nông nghiệp Hòa Lợi (HTXDV Hòa Lợi) cùng Trung tâm Khuyến nông \
                    Quốc gia (TTKN) vừa ký kết. Theo TTKN, HTXDV Hòa Lợi \
                    sẽ nhận giống mới.";
        let ents = ents(text);
        let found = orgs(&ents);
        let htx = "hợp tác xã dịch vụ nông nghiệp hòa lợi";
        let seed = "trung tâm khuyến nông quốc gia";
        assert_eq!(has(&found, "HTXDV Hòa Lợi", htx), 3, "{found:?}");
        assert_eq!(has(&found, "TTKN", seed), 2, "{found:?}");
        // The unit name inside the cooperative's short form is no place.
        assert!(
            !ents
                .iter()
                .any(|e| e.kind().is_place() && e.text == "Hòa Lợi"),
            "{ents:#?}"
        );
    }

    #[test]
    fn a_short_form_may_leave_out_the_head_word() {
        let text = "Sở Giao thông Vận tải (GTVT) đã trình phương án; GTVT sẽ \
                    lấy ý kiến người dân.";
        let found = orgs(&ents(text));
        assert_eq!(has(&found, "GTVT", "sở giao thông vận tải"), 2, "{found:?}");
    }

    #[test]
    fn one_word_in_capitals_after_a_company_is_a_body_of_its_own_name() {
        // Not built from the company's initials: a body all the same, but
        // not tied to the name before the brackets, which it may not be.
        let text = "Công ty TNHH Thủy sản Minh Châu (MCF) xuất khẩu 300 tấn tôm; \
                    năm tới MCF mở thêm nhà máy.";
        let found = orgs(&ents(text));
        let value = "mcf";
        assert_eq!(has(&found, "MCF", value), 2, "{found:?}");
        assert_eq!(found.iter().filter(|o| o.0 == "MCF").count(), 2);
    }

    #[test]
    fn brackets_that_hold_no_short_form_of_the_body_are_left_alone() {
        // A place, a country, a year, a person's title and name, words in
        // lower case: none is the body's short form.
        for text in [
            "Sở Y tế (TP.HCM) vừa công bố số ca mắc.",
            "Bộ Ngoại giao (VN) lên tiếng phản đối.",
            "Sở Tài chính (2020) đã thanh tra dự án.",
            "Trung tâm Y tế huyện (BS Lan phụ trách) đã tiếp nhận.",
            "Công ty Cổ phần Đông Hải (cũ) đã giải thể.",
            // One word names one body: what follows it in brackets and
            // is not built from its letters is something of that body's.
            "Hiệp định thương mại của ASEAN (ATIGA) có hiệu lực.",
        ] {
            let ents = ents(text);
            let found = orgs(&ents);
            assert_eq!(found.len(), 1, "{text}: {found:?}");
        }
        let ents = ents("Sở Y tế (TP.HCM) vừa công bố số ca mắc.");
        assert!(ents.iter().any(|e| e.kind().is_place()), "{ents:#?}");
    }

    #[test]
    fn a_short_form_the_text_never_defines_is_no_body() {
        // Capitals alone say nothing; `TTKN` is found once the text
        // gives its full name (above).
        let found = orgs(&ents("Theo TTKN, giống mới sẽ về trong tháng."));
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_use_that_goes_on_into_a_longer_name_is_not_the_short_form() {
        let text = "Trung tâm Khuyến nông Quốc gia (TTKN) hợp tác với \
                    TTKN Tây Nguyên, một đơn vị khác.";
        let found = orgs(&ents(text));
        assert_eq!(
            found.iter().filter(|o| o.0 == "TTKN").count(),
            1,
            "{found:?}"
        );
    }

    #[test]
    fn an_enterprise_is_written_again_by_its_own_name() {
        let text = "Công ty Cổ phần Thép Minh Quang vừa khởi công nhà máy. Theo \
                    Minh Quang, dự án xong trong năm.";
        let found = orgs(&ents(text));
        let value = "công ty cổ phần thép minh quang";
        assert_eq!(has(&found, "Minh Quang", value), 1, "{found:?}");
        // A name a commune also bears, written alone, is the enterprise's
        // where the text names no such commune.
        let text = "Công ty Vàng bạc Minh Châu mở thêm cửa hàng. Đến trưa, \
                    Minh Châu đã bán hết vàng miếng.";
        let ents = ents(text);
        let found = orgs(&ents);
        assert_eq!(
            has(&found, "Minh Châu", "công ty vàng bạc minh châu"),
            1,
            "{found:?}"
        );
        assert!(!ents.iter().any(|e| e.kind().is_place()), "{ents:#?}");
    }

    #[test]
    fn an_own_name_that_names_a_province_or_a_unit_of_the_text_stays_a_place() {
        let ents_of = |text: &str| {
            let ents = ents(text);
            (
                orgs(&ents).len(),
                ents.iter().filter(|e| e.kind().is_place()).count(),
            )
        };
        // `Hà Nội` names the city wherever else it is written.
        assert_eq!(
            ents_of("Công ty Du lịch Hà Nội đón khách. Tại Hà Nội, lượng khách tăng."),
            (1, 1)
        );
        // The text names the commune with its type word: the name alone
        // may be either, and is left to the places rules.
        let text = "Công ty TNHH Song Lộc ở xã Song Lộc mở rộng xưởng. Năm nay \
                    Song Lộc tuyển thêm lao động.";
        let found = orgs(&ents(text));
        assert_eq!(found.len(), 1, "{found:?}");
    }
}

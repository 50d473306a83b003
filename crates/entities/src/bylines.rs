//! The names a news text gives its authors and photographers: the byline
//! that closes it (`… anh nói. Minh Hải`, `… Đình Sơn - Lê Quân`, `… Lê
//! Kiên (Theo CNBC)`) and the credit of a photograph (`Ảnh: Ngọc Thành`,
//! `(Ảnh: Bích Thùy)`, `Ảnh: Mạnh Linh/TTXVN`). They stand apart from the
//! sentences, with no title or verb to cue them, and are people; the
//! outlet a closing `Theo` names (`Theo VnExpress`) is an organization.

use vietdex_tokenize::Segmenter;

use crate::gazetteer::Gazetteer;
use crate::people::Person;
use crate::text::{Token, gap, mark, marked};
use crate::words;

/// The most tokens a closing byline spans, names and joiners together.
const MAX_BYLINE: usize = 10;

/// What an author did, abbreviated in capitals in a closing bracket
/// (`Như Mai (TH)`: `tổng hợp`, compiled; `(LĐ)`: `lược dịch`, abridged):
/// no outlet.
const AUTHOR_ROLES: &[&str] = &["th", "lđ", "ld"];

/// What [`bylines`] finds: people, and outlets as token spans.
#[derive(Debug, Default)]
pub(crate) struct Found {
    pub people: Vec<Person>,
    pub outlets: Vec<(usize, usize)>,
}

/// The text the byline rules read, with what they look names up in.
#[derive(Clone, Copy)]
struct Page<'a> {
    g: &'a Gazetteer,
    seg: &'a Segmenter,
    toks: &'a [Token],
    text: &'a str,
    marks: &'a [u64],
    claimed: &'a [bool],
}

/// Whether tokens `a..b` are a name as bylines write one: two to four
/// capitalized syllables (or an initial joined to a syllable by its dot,
/// `H.Ngân`), none in capitals but an initial, no digits, no word of the
/// lexicon, no province's, district's or country's name, none claimed.
fn name_at(p: Page<'_>, a: usize, b: usize) -> bool {
    name_at_loose(p, a, b, false)
}

/// [`name_at`]; `loose`, one syllable that is a family, middle or given
/// name lets the others be words of the lexicon (`Hồng Thắm`, `Hiểu
/// Minh`), as in a byline of two names joined by a dash.
fn name_at_loose(p: Page<'_>, a: usize, b: usize, loose: bool) -> bool {
    let Page {
        g,
        seg,
        toks,
        text,
        claimed,
        ..
    } = p;
    let n = b - a;
    let initial = |k: usize| {
        toks[k].exact.chars().count() == 1
            && toks[k].capitalized
            && toks
                .get(k + 1)
                .is_some_and(|x| text[toks[k].end..x.start].trim() == ".")
    };
    let named = loose
        && (2..=3).contains(&n)
        && toks[a..b]
            .iter()
            .any(|t| t.is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME));
    if !(2..=4).contains(&n)
        || claimed[a..b].iter().any(|&c| c)
        || !toks[a..b].iter().enumerate().all(|(j, t)| {
            t.capitalized
                && !t.digits
                && (crate::titled::vietnamese_shape(&t.folded) || initial(a + j))
                && (t.name_like || (j + 1 < n && initial(a + j)))
                && (name_syllable(t) || initial(a + j) || named)
        })
        || !(a + 1..b).all(|k| toks[k].gap_is(gap::SPACE) || initial(k - 1))
    {
        return false;
    }
    let key = toks[a..b]
        .iter()
        .map(|t| t.exact.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    !(seg.is_word(&key)
        || crate::landmarks::world_name(&key)
        || g.lookup(&key)
            .iter()
            .any(|&u| g.unit(u).level != crate::gazetteer::Level::Commune))
}

/// Whether a syllable may end a name: a family, middle or given name, or
/// no word of the lexicon (`Với`, `Trong` open the sentence after a
/// credit whose stop the text lost).
fn name_syllable(t: &Token) -> bool {
    t.is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME) || !t.is(words::WORD)
}

/// The bylines and photo credits of `text`.
pub(crate) fn bylines(
    g: &Gazetteer,
    seg: &Segmenter,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    claimed: &[bool],
) -> Found {
    let page = Page {
        g,
        seg,
        toks,
        text,
        marks,
        claimed,
    };
    let mut found = Found::default();
    credits(page, &mut found);
    closing(page, &mut found);
    // A credit that also closes the text (`Bài và ảnh: Minh Hoàng`) is
    // one person.
    found.people.sort_by_key(|p| (p.start, p.end));
    found.people.dedup_by_key(|p| (p.start, p.end));
    found
}

/// `Ảnh: Ngọc Thành`: the name after `Ảnh` and a colon, up to a mark, a
/// slash or a word in lower case.
fn credits(page: Page<'_>, found: &mut Found) {
    let Page {
        seg,
        toks,
        text,
        marks,
        ..
    } = page;
    let photo = crate::text::word_hash("ảnh");
    // `ảnh`, told by the marks.
    let n = toks.len().saturating_sub(2);
    for k in marked(&marks[..n], mark::class(words::PHOTO)) {
        if toks[k].hash != photo
            || toks[k].exact != "ảnh"
            || !text[toks[k].end..toks[k + 1].start].trim().starts_with(':')
        {
            continue;
        }
        let a = k + 1;
        let mut b = a + 1;
        while b < toks.len() && b < a + 5 && toks[b].capitalized && toks[b].gap_is(gap::SPACE) {
            b += 1;
        }
        // The name ends there: at the end of the text, a mark, a slash or
        // a word in lower case, not in the middle of a capitalized run;
        // or before the capitalized word that opens the next sentence.
        let ends = toks
            .get(b)
            .is_none_or(|x| !x.gap_is(gap::SPACE) || !x.capitalized);
        // A last syllable that opens the next sentence: no name's
        // (`Với`), or the start of a word in lower case (`Công` | `an`).
        let opens_next = |b: usize| {
            !name_syllable(&toks[b - 1])
                || toks.get(b).is_some_and(|x| {
                    !x.capitalized
                        && x.gap_is(gap::SPACE)
                        && seg.is_word_pair(&toks[b - 1].exact, &x.exact)
                })
        };
        if ends && b > a + 2 && opens_next(b) {
            b -= 1;
        }
        if ends && name_at(page, a, b) {
            found.people.push(Person {
                start: a,
                end: b,
                role: None,
            });
        }
    }
}

/// The byline that closes the text: its last sentence, made of names alone
/// joined by dashes, commas or `và`, before an optional `(Theo …)`; or a
/// last sentence `Theo …`, which names the outlet.
fn closing(page: Page<'_>, found: &mut Found) {
    let Page { toks, text, .. } = page;
    let n = toks.len();
    if n < 4 {
        return;
    }
    let before = |k: usize| text[..toks[k].start].trim_end();
    let capitalized_to_end = |a: usize, b: usize| a < b && toks[a..b].iter().all(|t| t.capitalized);
    let mut end = n;
    // `(Theo CNBC)` closing the text.
    if text.trim_end().ends_with(')')
        && let Some(k) = (n.saturating_sub(5)..n)
            .find(|&k| toks[k].exact == "theo" && toks[k].capitalized && before(k).ends_with('('))
        && capitalized_to_end(k + 1, n)
    {
        found.outlets.push((k + 1, n));
        end = k;
    }
    // A closing bracket of what the author did (`Luân Dũng (ghi)`,
    // `(tổng hợp)`), words in lower case; or of an outlet's name in
    // capitals (`Minh Hoàng (TTXVN)`). Such an outlet is one only after a
    // byline.
    let mut pending = Vec::new();
    if end == n
        && text.trim_end().ends_with(')')
        && let Some(k) = (n.saturating_sub(3)..n)
            .rev()
            .find(|&k| before(k).ends_with('('))
        && toks[k..n]
            .iter()
            .all(|t| (!t.capitalized || AUTHOR_ROLES.contains(&t.exact.as_str())) && !t.digits)
    {
        end = k;
    } else if end == n
        && text.trim_end().ends_with(')')
        && let Some(k) = (n.saturating_sub(2)..n)
            .rev()
            .find(|&k| before(k).ends_with('('))
        && toks[k..n].iter().all(|t| t.all_caps && !t.digits)
    {
        pending.push((k, n));
        end = k;
    }
    // An outlet after a slash (`Hường/Theo VNE`, `Minh Hoàng/TTXVN`).
    let slash = |k: usize| k > 0 && text[toks[k - 1].end..toks[k].start].trim() == "/";
    if let Some(k) = (end.saturating_sub(4)..end).rev().find(|&k| slash(k)) {
        if toks[k].exact == "theo" && toks[k].capitalized && capitalized_to_end(k + 1, end) {
            pending.push((k + 1, end));
            end = k;
        } else if toks[k..end].iter().all(|t| t.all_caps && !t.digits) {
            pending.push((k, end));
            end = k;
        }
    }
    // The last sentence's first token; the stop of an initial opening a
    // sentence (`… ngày. T. Anh`) ends none, unlike that of a word of one
    // letter (`Đông Á. Huyền Anh`).
    let initial_stop = |k: usize| {
        (k == 1 || toks[k - 1].gap_is(gap::STOP))
            && toks[k - 1].capitalized
            && toks[k - 1].exact.chars().count() == 1
            && text[toks[k - 1].end..toks[k].start].trim() == "."
    };
    let Some(start) = (end.saturating_sub(MAX_BYLINE)..end)
        .rev()
        .find(|&k| toks[k].gap_is(gap::STOP) && !(k > 0 && initial_stop(k)))
    else {
        return;
    };
    if start == 0 || start >= end {
        return;
    }
    // `Theo VnExpress`, `Theo PV (QTM)`.
    if (end == n || !pending.is_empty()) && toks[start].exact == "theo" && toks[start].capitalized {
        // `Theo Hương Vũ (ANTG)`: a writer, then the outlet.
        if !pending.is_empty() && name_at(page, start + 1, end) {
            found.people.push(Person {
                start: start + 1,
                end,
                role: None,
            });
            found.outlets.extend(pending);
        } else if capitalized_to_end(start + 1, end) && end - start <= 4 {
            found.outlets.push((start + 1, end));
            found.outlets.extend(pending);
        }
        return;
    }
    // `Minh Hà Theo Tuổi trẻ`: a writer, then `Theo` and the outlet, the
    // stop between them lost.
    if let Some(k) = (start + 2..end.saturating_sub(1)).find(|&k| {
        toks[k].exact == "theo"
            && toks[k].capitalized
            && toks[k].gap_is(gap::SPACE)
            && toks[k + 1].capitalized
            && toks[k + 1].gap_is(gap::SPACE)
    }) {
        if end - k <= 5 && name_at(page, start, k) {
            found.people.push(Person {
                start,
                end: k,
                role: None,
            });
            if capitalized_to_end(k + 1, end) {
                found.outlets.push((k + 1, end));
                found.outlets.extend(pending);
            }
        }
        return;
    }
    // Names, split where a dash, a comma or `và` joins them.
    let mut names = Vec::new();
    let mut a = start;
    let mut k = start + 1;
    while k <= end {
        let and = k < end && toks[k].exact == "và";
        if k == end || and || (toks[k].gap_is(gap::DASH | gap::CLAUSE) && !initial_stop(k)) {
            names.push((a, k));
            a = if and { k + 1 } else { k };
        }
        k += 1;
    }
    // `Minh Trang - Theo Reuters`: the outlet after the last dash.
    if names.len() >= 2
        && let Some(&(a, b)) = names.last()
        && toks[a].exact == "theo"
        && toks[a].capitalized
        && b - a <= 4
        && capitalized_to_end(a + 1, b)
    {
        names.pop();
        pending.push((a + 1, b));
    }
    // One given name signs the text when an outlet follows it
    // (`Hường/Theo VNE`).
    let signed = |a: usize, b: usize| {
        b == a + 1
            && !pending.is_empty()
            && !page.claimed[a]
            && toks[a].capitalized
            && !toks[a].all_caps
            && toks[a].is(words::GIVEN_NAME)
    };
    // Two names or more joined by dashes are a byline even where a
    // syllable is also a word (`Hồng Tươi`), one syllable of each a name.
    let joined = names.len() >= 2
        && names
            .windows(2)
            .all(|w| toks[w[1].0].gap_is(gap::DASH) && w[1].0 == w[0].1);
    if names
        .iter()
        .all(|&(a, b)| name_at_loose(page, a, b, joined) || signed(a, b))
    {
        found.outlets.extend(pending);
        for (a, b) in names {
            found.people.push(Person {
                start: a,
                end: b,
                role: None,
            });
        }
    }
}

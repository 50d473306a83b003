//! Names listed together are names of one kind: `Apple, Facebook, Google,
//! Microsoft và Yahoo`, `Hoài Linh, Chí Tài, Lê Giang và Hoàng Mèo`. Where
//! the rules found two or more items of a list of capitalized names, all of
//! one kind, the other items of the list, capitalized names none of the
//! rules took, are of that kind too.

use crate::entity::{Details, Entity, Kind};
use crate::text::{Token, gap, mark, squash};
use crate::words;

/// The kinds a list shares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Group {
    Person,
    Place,
    Organization,
}

fn group(e: &Entity) -> Option<Group> {
    match e.kind() {
        Kind::Person => Some(Group::Person),
        Kind::Organization => Some(Group::Organization),
        k if k.is_place() => Some(Group::Place),
        _ => None,
    }
}

/// One item of a list: tokens `start..end`, and the entity that is exactly
/// that item, if any.
#[derive(Debug, Clone, Copy)]
struct Item {
    start: usize,
    end: usize,
    found: Option<Group>,
}

/// The longest items of a list of names: an uncovered run of at most four.
const MAX_ITEM: usize = 4;

/// Whether token `k` is joined to the one before by a comma alone (and
/// white space).
fn comma_before(text: &str, toks: &[Token], k: usize) -> bool {
    if k == 0 || !toks[k].gap_is(gap::CLAUSE) {
        return false;
    }
    // Not a comma inside an abbreviation (`VH,TT&DL`).
    let gap = &text[toks[k - 1].end..toks[k].start];
    gap.trim() == "," && gap.ends_with(char::is_whitespace)
}

/// Where the next item of a list starts when a joint follows the item
/// ending before token `e`: a comma, or `và` set apart.
fn joint_at(text: &str, toks: &[Token], e: usize) -> Option<usize> {
    if e >= toks.len() {
        None
    } else if comma_before(text, toks, e) {
        Some(e)
    } else if e + 1 < toks.len()
        && toks[e].gap_is(gap::SPACE)
        && toks[e + 1].gap_is(gap::SPACE)
        && !toks[e].capitalized
        && toks[e].exact == "và"
    {
        Some(e + 1)
    } else {
        None
    }
}

/// Whether an uncovered run may be a name of a list: capitalized syllables
/// in title case, no digits; one syllable alone no word of the lexicon
/// (`Các`, `Nhiều`) unless it is a given name.
fn name_run(toks: &[Token], a: usize, b: usize) -> bool {
    toks[a..b]
        .iter()
        // Not an abbreviation of joined words (`KT-XH`, `GD-ĐT`).
        .all(|t| {
            t.capitalized
                && !t.digits
                && (!t.all_caps || (t.exact.len() >= 2 && !t.exact.contains('-')))
        })
        && (b - a > 1
            || !(toks[a].is(words::WORD | words::TYPE_WORD | words::TITLE) || roman(&toks[a]))
            || toks[a].is(words::GIVEN_NAME))
}

/// Whether a token is a Roman numeral (`II`, `IV`): a number, no name.
fn roman(t: &Token) -> bool {
    t.all_caps && t.exact.bytes().all(|b| matches!(b, b'i' | b'v' | b'x'))
}

/// The end of an uncovered run at `a..b` without a last syllable that
/// opens the next sentence, whose stop the text lost (`Thái Lan` |
/// `Nhóm`): a word of the lexicon that is no name's syllable.
fn without_next_sentence(toks: &[Token], a: usize, b: usize) -> usize {
    let last = &toks[b - 1];
    // Points of the compass end names (`Hà Bắc`, `Sông Đông`).
    let compass = matches!(
        last.exact.as_str(),
        "bắc" | "nam" | "đông" | "tây" | "trung"
    );
    if b - a > 1
        && last.is(words::WORD)
        && !last.is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME)
        && !compass
    {
        b - 1
    } else {
        b
    }
}

/// Adds to `out` (entities with byte offsets, in no order) the unfound
/// items of lists whose found items share one kind.
pub(crate) fn complete(
    seg: &vietdex_tokenize::Segmenter,
    text: &str,
    toks: &[Token],
    marks: &[u64],
    out: &mut Vec<Entity>,
) {
    if toks.len() < 5 {
        return;
    }
    // The entity of each kind that starts at a token, as the token it ends
    // before and its kind packed in one word (0 for none); and which tokens
    // any entity covers.
    let mut starting: Vec<u32> = vec![0; toks.len()];
    let mut covered = vec![false; toks.len()];
    let pack = |end: usize, g: Group| ((end as u32) << 2) | (g as u32 + 1);
    let unpack = |w: u32| {
        let g = match w & 3 {
            1 => Group::Person,
            2 => Group::Place,
            _ => Group::Organization,
        };
        ((w >> 2) as usize, g)
    };
    for e in out.iter() {
        let (a, b) = crate::text::tokens_in(toks, e.start, e.end);
        if a >= b || b > toks.len() {
            continue;
        }
        covered[a..b].iter_mut().for_each(|c| *c = true);
        if let Some(g) = group(e)
            && toks[a].start == e.start
            && toks[b - 1].end == e.end
        {
            // Where two entities start at one token, the longer is kept.
            if starting[a] == 0 || unpack(starting[a]).0 < b {
                starting[a] = pack(b, g);
            }
        }
    }
    let mut added = Vec::new();
    let mut items: Vec<Item> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        // No item opens at a token no entity starts at that is covered or
        // in lower case: most tokens.
        if starting[i] == 0 && (covered[i] || marks[i] & mark::CAPITALIZED == 0) {
            i += 1;
            continue;
        }
        items.clear();
        let mut k = i;
        while k < toks.len() {
            let item = if starting[k] != 0 {
                let (end, g) = unpack(starting[k]);
                Item {
                    start: k,
                    end,
                    found: Some(g),
                }
            } else if !covered[k] && toks[k].capitalized {
                let mut end = k + 1;
                while end < toks.len()
                    && end < k + MAX_ITEM
                    && !covered[end]
                    && toks[end].capitalized
                    && toks[end].gap_is(gap::SPACE)
                {
                    end += 1;
                }
                let end = without_next_sentence(toks, k, end);
                // A list's first item is followed by a joint: most runs
                // are left here.
                // Nor is a run a name whose last syllable makes a word
                // with the next in lower case (`Ủy` | `ban của Quốc hội`).
                let goes_on = || {
                    toks.get(end).is_some_and(|n| {
                        !n.capitalized
                            && n.gap_is(gap::SPACE)
                            && seg.is_word(&crate::text::pair(&toks[end - 1].exact, &n.exact))
                    })
                };
                if items.is_empty() && joint_at(text, toks, end).is_none()
                    || !name_run(toks, k, end)
                    || goes_on()
                {
                    break;
                }
                Item {
                    start: k,
                    end,
                    found: None,
                }
            } else {
                break;
            };
            items.push(item);
            let e = item.end;
            // The next item: after a comma, or after `và` set apart.
            match joint_at(text, toks, e) {
                Some(next) => k = next,
                None => break,
            }
        }
        if items.len() >= 3 {
            let kinds: Vec<Group> = items.iter().filter_map(|x| x.found).collect();
            if kinds.len() >= 2 && kinds.iter().all(|g| *g == kinds[0]) {
                // People and places are written in title case; names in
                // capitals or with digits (`VIGLACERA`, `U23`) are bodies'.
                let shaped = |x: &Item| {
                    kinds[0] == Group::Organization
                        || toks[x.start..x.end]
                            .iter()
                            .all(|t| t.name_like && !t.exact.bytes().any(|b| b.is_ascii_digit()))
                };
                for x in items.iter().filter(|x| x.found.is_none() && shaped(x)) {
                    added.push((x.start, x.end, kinds[0]));
                }
            }
        }
        i = items.last().map_or(i + 1, |x| x.end.max(i + 1));
    }
    for (a, b, g) in added {
        let (s, e) = (toks[a].start, toks[b - 1].end);
        let surface = squash(&text[s..e]);
        let (value, details) = match g {
            Group::Person => (surface, Details::Person { role: None }),
            Group::Place => (
                surface,
                Details::Place {
                    candidates: Vec::new(),
                    subtype: None,
                },
            ),
            Group::Organization => (
                vietdex_tokenize::normalize(&surface).into_owned(),
                Details::Organization { place: None },
            ),
        };
        out.push(Entity::new(text, s, e, value, details));
    }
}

//! Administrative places: mentions with a type word (`huyện Đại Từ`), lists
//! that share one (`các huyện: Phú Bình, Đại Từ`), hamlets (`xóm`, `thôn`),
//! and bare names (`Đại Từ, Thái Nguyên`), linked to the gazetteer only with
//! evidence: the type word, a parent named next to it, or the district or
//! province the article is about. What stays ambiguous keeps its candidates.

use std::collections::HashMap;
use std::sync::OnceLock;

use rustc_hash::FxHashMap;

use crate::gazetteer::{Gazetteer, Level};
use crate::text::{Token, apostrophe_joined, contiguous, mark, next_marked};

/// A place mention before it becomes an entity.
#[derive(Debug, Clone)]
pub struct Mention {
    /// First token (the type word, if any).
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// First token of the name.
    pub name_start: usize,
    /// Level the type word asks for.
    pub typed: Option<Level>,
    /// A hamlet (`xóm`, `thôn`, `bản` …): never linked.
    pub hamlet: bool,
    /// Gazetteer units the name may be.
    pub candidates: Vec<usize>,
    /// The unit chosen, when the evidence allows.
    pub linked: Option<usize>,
}

/// Every type word, administrative and hamlet: the one list of
/// [`vietdex_tokenize::type_words`], which the extractor and the filter
/// resolver ([`crate::resolve`]) read.
pub(crate) use vietdex_tokenize::type_words::{TYPES, TypeWord};

#[inline]
fn type_at(toks: &[Token], i: usize) -> Option<(usize, &'static TypeWord)> {
    // Most tokens are not a type word: rejected by their class bit.
    if !toks[i].is(crate::words::TYPE_WORD) {
        return None;
    }
    type_word_at(toks, i)
}

/// [`type_at`] at a token that opens a type word.
fn type_word_at(toks: &[Token], i: usize) -> Option<(usize, &'static TypeWord)> {
    static BY_FIRST: OnceLock<FxHashMap<&'static str, Vec<&'static TypeWord>>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut m: FxHashMap<&'static str, Vec<&'static TypeWord>> = FxHashMap::default();
        for t in TYPES {
            m.entry(t.syllables[0]).or_default().push(t);
        }
        m
    });
    let candidates = by_first.get(toks[i].exact.as_str())?;
    // In the order of `TYPES`: the same type word wins a tie.
    candidates
        .iter()
        .copied()
        .filter(|t| {
            t.syllables.len() <= toks.len() - i
                && t.syllables
                    .iter()
                    .enumerate()
                    .all(|(k, s)| toks[i + k].exact == *s && (k == 0 || contiguous(toks, i + k)))
        })
        .max_by_key(|t| t.syllables.len())
        .map(|t| (t.syllables.len(), t))
}

/// Whether a token can be part of a place name: capitalized, or a number
/// (numbered wards).
fn name_token(t: &Token) -> bool {
    t.capitalized || t.digits
}

/// The longest gazetteer name at `j` whose units pass `keep`.
fn name_at(
    g: &Gazetteer,
    toks: &[Token],
    j: usize,
    keep: &dyn Fn(usize) -> bool,
) -> Option<(usize, Vec<usize>)> {
    crate::text::with_key(|key| name_at_with(g, toks, j, keep, key))
}

/// [`name_at`] with a key buffer.
fn name_at_with(
    g: &Gazetteer,
    toks: &[Token],
    j: usize,
    keep: &dyn Fn(usize) -> bool,
    key: &mut String,
) -> Option<(usize, Vec<usize>)> {
    let max = g.max_syllables().min(toks.len().saturating_sub(j));
    let mut ok = 0;
    while ok < max
        && (ok == 0 || contiguous(toks, j + ok))
        && (name_token(&toks[j + ok]) || (ok > 0 && apostrophe_joined(toks, j + ok)))
    {
        ok += 1;
    }
    let mut best: Option<(usize, Vec<usize>)> = None;
    // Lengths at which a name is written as it is: the older spelling is
    // tried only where none is.
    let mut named = 0u64;
    // Most capitalized words open no name: the walk is skipped there.
    let walk = if ok > 0 && g.may_open_with(toks[j].hash) {
        ok
    } else {
        0
    };
    g.names_at(
        walk,
        key,
        |k| Some(toks[j + k].exact.as_str()),
        |len, units| {
            named |= 1 << len.min(63);
            let cands: Vec<usize> = units.iter().copied().filter(|&u| keep(u)).collect();
            if !cands.is_empty() {
                best = Some((len, cands));
            }
        },
    );
    // `Qui Nhơn`: the older spelling of `Quy Nhơn`.
    if (j..j + ok).any(|t| quy_syllable(&toks[t].exact).is_some()) {
        let respelled: Vec<Option<String>> =
            (j..j + ok).map(|t| quy_syllable(&toks[t].exact)).collect();
        let syllable = |k: usize| Some(respelled[k].as_deref().unwrap_or(&toks[j + k].exact));
        g.names_at(ok, key, syllable, |len, units| {
            if named & (1 << len.min(63)) != 0 || best.as_ref().is_some_and(|b| b.0 > len) {
                return;
            }
            let cands: Vec<usize> = units.iter().copied().filter(|&u| keep(u)).collect();
            if !cands.is_empty() {
                best = Some((len, cands));
            }
        });
    }
    // `HCM`: a province abbreviated to its initials.
    if best.is_none() && ok > 0 && toks[j].all_caps {
        let cands: Vec<usize> = g
            .lookup_initials(&vietdex_tokenize::fold(&toks[j].exact))
            .iter()
            .copied()
            .filter(|&u| keep(u))
            .collect();
        if !cands.is_empty() {
            best = Some((1, cands));
        }
    }
    best
}

/// The spelling with `y` of a syllable written `qui` (any tone): `qui`
/// → `quy`; `None` when there is none.
fn quy_syllable(w: &str) -> Option<String> {
    let mut c = w.chars();
    let (Some('q'), Some('u'), Some(v), None) = (c.next(), c.next(), c.next(), c.next()) else {
        return None;
    };
    let y = match v {
        'i' => 'y',
        'í' => 'ý',
        'ì' => 'ỳ',
        'ỉ' => 'ỷ',
        'ĩ' => 'ỹ',
        'ị' => 'ỵ',
        _ => return None,
    };
    Some(format!("qu{y}"))
}

/// `TPHCM`, `TP.HCM`: the type word and a province's initials in one token.
fn joined_city(g: &Gazetteer, t: &Token) -> Vec<usize> {
    if !t.all_caps {
        return Vec::new();
    }
    let Some(rest) = t.exact.strip_prefix("tp") else {
        return Vec::new();
    };
    let rest = rest.trim_start_matches(['.', ' ']);
    if rest.is_empty() {
        return Vec::new();
    }
    g.lookup_initials(&vietdex_tokenize::fold(rest)).to_vec()
}

fn filter_type(g: &Gazetteer, t: &TypeWord, cands: Vec<usize>) -> Vec<usize> {
    let by_level: Vec<usize> = cands
        .into_iter()
        .filter(|&u| t.levels.contains(&g.unit(u).level))
        .collect();
    let by_kind: Vec<usize> = by_level
        .iter()
        .copied()
        .filter(|&u| t.kinds.contains(&g.unit(u).kind.as_str()))
        .collect();
    if by_kind.is_empty() {
        by_level
    } else {
        by_kind
    }
}

/// Gap text between token `a`'s end and token `b`'s start.
fn gap<'t>(text: &'t str, toks: &[Token], a: usize, b: usize) -> &'t str {
    &text[toks[a].end..toks[b].start]
}

/// Finds typed mentions and hamlets; `claimed` marks their tokens.
pub fn typed_mentions(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    claimed: &mut [bool],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    // A mention opens at a type word, or at a city written in capitals
    // with its type word (`TPHCM`): most tokens are neither, and are
    // skipped by their marks.
    let opens = mark::class(crate::words::TYPE_WORD) | mark::ALL_CAPS;
    loop {
        i = next_marked(marks, i, opens);
        if i >= toks.len() {
            break;
        }
        let Some((tlen, t)) = type_at(toks, i) else {
            let units = joined_city(g, &toks[i]);
            if !units.is_empty() && !claimed[i] {
                out.push(Mention {
                    start: i,
                    end: i + 1,
                    name_start: i,
                    typed: Some(Level::Province),
                    hamlet: false,
                    candidates: units,
                    linked: None,
                });
                claimed[i] = true;
            }
            i += 1;
            continue;
        };
        let j = i + tlen;
        if j >= toks.len() {
            break;
        }
        // Nothing but a space or a colon between type word and name, and
        // never a line break (a type word ending one paragraph).
        let raw = gap(text, toks, j - 1, j);
        let sep = raw.trim();
        // A colon only after an administrative type word (`Xã: Tân Thái`);
        // `Bản: Bắt …` is a label, not a hamlet.
        // `TP. HCM`: the abbreviated type word keeps its full stop.
        let dotted = sep == "." && t.syllables == ["tp"];
        // `P.Phạm Ngũ Lão`, `Q.1`: a capital letter and a full stop
        // written against the name abbreviate `phường`, `quận`.
        let letter = matches!(t.syllables, ["p"] | ["q"]);
        if letter && !(toks[i].capitalized && raw == ".") {
            i += 1;
            continue;
        }
        if raw.contains('\n') || !(sep.is_empty() || dotted || letter || (sep == ":" && !t.hamlet))
        {
            i += 1;
            continue;
        }
        if t.hamlet {
            // `nông thôn`, `thôn xóm`: the word, not a hamlet; `Nhật Bản`:
            // the country.
            let in_word = i > 0 && contiguous(toks, i) && {
                let pair = crate::text::pair(&toks[i - 1].exact, &toks[i].exact);
                seg.is_word(&pair)
                    || (toks[i].capitalized
                        && toks[i - 1].capitalized
                        && crate::landmarks::world_name(&pair))
            };
            let mut k = j;
            while !in_word
                && k < toks.len()
                && k - j < 4
                && toks[k].capitalized
                && !toks[k].all_caps
                && (k == j || contiguous(toks, k))
            {
                k += 1;
            }
            // A numbered hamlet (`ấp 4`, `khu phố 12`), or a number after
            // the name (`thôn Trung 2`): one short number.
            // Not a measure glued to its unit (`đường xóm 6m`).
            let short_number = |k: usize| {
                toks.get(k).is_some_and(|t| {
                    t.digits
                        && t.end - t.start <= 3
                        && !text[t.end..].starts_with(char::is_alphanumeric)
                })
            };
            // `bản` is also an edition (`bản 2 cầu`, `bản 32 GB`): named only.
            let numbered = !in_word && k == j && t.syllables != ["bản"] && short_number(j);
            if numbered || (k > j && short_number(k) && contiguous(toks, k)) {
                k += 1;
            }
            if k > j {
                out.push(Mention {
                    start: i,
                    end: k,
                    // A number alone is no name: the mention keeps its type word.
                    name_start: if numbered { i } else { j },
                    typed: None,
                    hamlet: true,
                    candidates: Vec::new(),
                    linked: None,
                });
                claimed[i..k].iter_mut().for_each(|c| *c = true);
                i = k;
            } else {
                i += 1;
            }
            continue;
        }
        let keep = |u: usize| t.levels.contains(&g.unit(u).level);
        // A name in lower case after its type word (`hai huyện phú lộc`)
        // that opens no word with it (`xã hội`).
        let lower = || {
            let shape = |k: usize| toks.get(k).is_some_and(|x| !x.capitalized && !x.digits);
            (shape(j)
                && shape(j + 1)
                && contiguous(toks, j + 1)
                && !seg.is_word_pair(&toks[j - 1].exact, &toks[j].exact))
            .then(|| lower_name(g, seg, toks, j, &keep))
            .flatten()
        };
        // `thị trấn Thanh Nê`: the name written goes on past the unit's
        // name the gazetteer has, and is read as a name it lacks.
        let known = name_at(g, toks, j, &keep).and_then(|(len, cands)| {
            if continues_name(seg, toks, text, j + len, true) {
                unknown_name(g, seg, toks, t, (i, j), &keep).or(Some((len, cands)))
            } else {
                Some((len, cands))
            }
        });
        let Some((nlen, cands)) = known
            .or_else(|| unknown_name(g, seg, toks, t, (i, j), &keep))
            .or_else(lower)
            .or_else(|| short_province(g, seg, toks, t, j))
        else {
            i += 1;
            continue;
        };
        let level = t.levels[0];
        out.push(Mention {
            start: i,
            end: j + nlen,
            name_start: j,
            typed: Some(level),
            hamlet: false,
            candidates: filter_type(g, t, cands),
            linked: None,
        });
        claimed[i..j + nlen].iter_mut().for_each(|c| *c = true);
        // `các huyện: Phú Bình, Đại Từ và Định Hóa`: the type carries on.
        let mut k = j + nlen;
        while k < toks.len() {
            let sep = gap(text, toks, k - 1, k).trim();
            let (skip, ok) = match sep {
                "," | "và" | ", và" => (0, true),
                "" if toks[k].exact == "và" => (1, true),
                _ => (0, false),
            };
            if !ok || k + skip >= toks.len() || type_at(toks, k + skip).is_some() {
                break;
            }
            // A number goes on a list of numbered units (`phường 1, 4 và
            // 7`), not one of named units, where it counts what follows
            // (`xã Đồng Tâm, 4 bị cáo`, `phường Vĩnh Trường và 4 tổ`).
            if toks[k + skip].digits && !toks[j].digits {
                break;
            }
            // A name the gazetteer lacks goes on the list only where it is
            // no other unit's or country's name and opens with no family
            // name (`xã Vĩnh An, Vĩnh Minh`, not `…, Hà Nội`, `…, Lê Văn`).
            let unknown = || {
                let at = k + skip;
                let (len, cands) = unknown_name(g, seg, toks, t, (at, at), &keep)?;
                let key: Vec<&str> = toks[at..at + len]
                    .iter()
                    .map(|x| x.exact.as_str())
                    .collect();
                let key = key.join(" ");
                // Nor a body, a title or a word begun in capitals
                // (`…, Phòng Giáo dục`, `…, Trưởng Ban Tổ chức`).
                let classed = toks[at..at + len].iter().any(|x| {
                    x.is(crate::words::ORG_HEAD
                        | crate::words::TITLE
                        | crate::words::ROLE
                        | crate::words::TYPE_WORD
                        | crate::words::PLACE_HEAD)
                });
                let word_after = toks.get(at + len).is_some_and(|n| {
                    contiguous(toks, at + len)
                        && !n.capitalized
                        && seg.is_word_pair(&toks[at + len - 1].exact, &n.exact)
                });
                (cands.is_empty()
                    && !classed
                    && !word_after
                    && g.lookup(&key).is_empty()
                    && !crate::landmarks::world_name(&key)
                    && !crate::people::is_surname(&toks[at].exact))
                .then_some((len, cands))
            };
            let Some((len, cands)) = name_at(g, toks, k + skip, &keep)
                .or_else(|| lower_name(g, seg, toks, k + skip, &keep))
                .or_else(unknown)
            else {
                break;
            };
            out.push(Mention {
                start: k + skip,
                end: k + skip + len,
                name_start: k + skip,
                typed: Some(level),
                hamlet: false,
                candidates: filter_type(g, t, cands),
                linked: None,
            });
            claimed[k + skip..k + skip + len]
                .iter_mut()
                .for_each(|c| *c = true);
            k += skip + len;
        }
        i = k;
    }
    out
}

/// A unit's name of two to four syllables written in lower case at token
/// `j` (`vĩnh an`, `phú lộc`, as some sources write names), of the units
/// `keep` takes, ending where the phrase does: its length and units. Not a
/// word of the lexicon (`an toàn`, `nông thôn`), nor one that opens with a
/// word.
fn lower_name(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    j: usize,
    keep: &dyn Fn(usize) -> bool,
) -> Option<(usize, Vec<usize>)> {
    lower_name_with(g, Some(seg), toks, j, keep)
}

/// [`lower_name`], with no test against the lexicon when `seg` is `None`
/// (where other evidence makes the name a place: the lexicon also holds
/// names of places, `biên hòa`).
fn lower_name_with(
    g: &Gazetteer,
    seg: Option<&vietdex_tokenize::Segmenter>,
    toks: &[Token],
    j: usize,
    keep: &dyn Fn(usize) -> bool,
) -> Option<(usize, Vec<usize>)> {
    let is_word = |key: &str| seg.is_some_and(|s| s.is_word(key));
    let lower = |k: usize| {
        toks.get(k).is_some_and(|t| {
            !t.capitalized
                && !t.folded.is_empty()
                && t.folded.bytes().all(|b| b.is_ascii_lowercase())
        })
    };
    if !lower(j) || !lower(j + 1) || !contiguous(toks, j + 1) {
        return None;
    }
    if is_word(&crate::text::pair(&toks[j].exact, &toks[j + 1].exact)) {
        return None;
    }
    let mut n = 2;
    while n < 4 && lower(j + n) && contiguous(toks, j + n) {
        n += 1;
    }
    // A name in lower case ends where the phrase does: at punctuation, at
    // `và` or at the text's end (`hai huyện phú lộc và …`, `xã vĩnh an ,
    // …`); a run that goes on is a clause (`xã này đã …`), not looked up.
    let ends = |k: usize| {
        toks.get(k)
            .is_none_or(|t| !contiguous(toks, k) || t.exact == "và")
    };
    let mut key = String::new();
    (2..=n).rev().filter(|&len| ends(j + len)).find_map(|len| {
        key.clear();
        for (k, t) in toks[j..j + len].iter().enumerate() {
            if k > 0 {
                key.push(' ');
            }
            key.push_str(&t.exact);
        }
        let cands: Vec<usize> = g
            .lookup(&key)
            .iter()
            .copied()
            .filter(|&u| keep(u))
            .collect();
        (!cands.is_empty() && !is_word(&key)).then_some((len, cands))
    })
}

/// A province named by the first syllable of its name alone after `tỉnh`
/// (`tỉnh Thanh` for Thanh Hóa, `tỉnh Nghệ`), as the press shortens some:
/// the one province whose name opens with that syllable, the syllable not
/// opening a longer capitalized name nor a word with the next syllable
/// (`tỉnh Thanh niên`).
fn short_province(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    t: &TypeWord,
    j: usize,
) -> Option<(usize, Vec<usize>)> {
    let x = &toks[j];
    if t.syllables != ["tỉnh"] || !x.capitalized || x.all_caps {
        return None;
    }
    let next = toks.get(j + 1).filter(|_| contiguous(toks, j + 1));
    if next.is_some_and(|n| n.capitalized || n.digits || seg.is_word_pair(&x.exact, &n.exact)) {
        return None;
    }
    let mut found: Option<(usize, bool)> = None;
    for (u, unit) in g.units().iter().enumerate() {
        if unit.level != Level::Province {
            continue;
        }
        let key = vietdex_tokenize::normalize(&unit.name);
        let mut words = key.split_whitespace();
        if words.next() != Some(x.exact.as_str()) {
            continue;
        }
        let Some(second) = words.next() else {
            continue;
        };
        // `tỉnh Lạng sơn`: the whole name, its second syllable in lower
        // case.
        let whole = words.next().is_none() && next.is_some_and(|n| n.exact == second);
        match found {
            Some((f, _)) if g.unit(f).code != unit.code => return None,
            Some(_) => {}
            None => found = Some((u, whole)),
        }
    }
    found.map(|(u, whole)| (1 + usize::from(whole), vec![u]))
}

/// Capitalized words after a district or commune type word that are no
/// such unit in the gazetteer as written. A spelling variant (`Chư Pah`
/// for `Chư Păh`, `Krông Buk` for `Krông Búk`, `Đắc Đoa` for `Đắk Đoa`)
/// resolves through the folded name: its length and the units of the
/// type's level. Otherwise a name merged or renamed since the gazetteer's
/// snapshot (`xã Trà Lập`, `thị trấn La Gi`) or abroad (`quận Patna`): its
/// length, for a mention of that level left unlinked. Only a run of two or
/// three name words that is not an institution (`Huyện Đoàn`), a word
/// (`Xã hội`, `bà xã`) or a person's name (`huyện Võ Công Hàm`).
fn unknown_name(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    t: &TypeWord,
    (i, j): (usize, usize),
    keep: &dyn Fn(usize) -> bool,
) -> Option<(usize, Vec<usize>)> {
    const NOT_UNIT_NAMES: &[&str] = &[
        "đoàn", "ủy", "uỷ", "hội", "đảng", "ban", "đội", "công", "ubnd", "hđnd", "mttq",
    ];
    if t.levels
        .iter()
        .any(|l| !matches!(l, Level::District | Level::Commune))
        || matches!(t.syllables, ["tt"] | ["p"] | ["q"])
    {
        return None;
    }
    let mut k = j;
    while k < toks.len()
        && k - j < 4
        && ((toks[k].capitalized && !toks[k].all_caps) || (k > j && apostrophe_joined(toks, k)))
        && (k == j || contiguous(toks, k))
    {
        k += 1;
    }
    let len = k - j;
    if !(2..=3).contains(&len) || NOT_UNIT_NAMES.contains(&toks[j].exact.as_str()) {
        return None;
    }
    let word = |a: usize, b: usize| seg.is_word_pair(&toks[a].exact, &toks[b].exact);
    // `Xã Hội`: type word and name are one word; `bà xã Hari Won`: the
    // type word closes a word begun before it.
    if word(j - 1, j) || (i > 0 && contiguous(toks, i) && word(i - 1, i)) {
        return None;
    }
    let folded: Vec<String> = toks[j..k]
        .iter()
        .map(|x| vietdex_tokenize::fold(&x.exact).into_owned())
        .collect();
    // The press writes a highland syllable's final `k` as `c` (`Đắc Lắc`).
    let hard: Vec<String> = folded
        .iter()
        .map(|w| match w.strip_suffix('c') {
            Some(stem) if stem.len() <= 3 && stem.ends_with('a') => format!("{stem}k"),
            _ => w.clone(),
        })
        .collect();
    for key in [folded.join(" "), hard.join(" ")] {
        let cands: Vec<usize> = g
            .lookup_folded(&key)
            .iter()
            .copied()
            .filter(|&u| keep(u))
            .collect();
        if !cands.is_empty() {
            return Some((len, cands));
        }
    }
    let surname = crate::people::is_surname(&toks[j].exact);
    if len == 3 && (surname || !g.lookup_folded(&folded[1..].join(" ")).is_empty()) {
        return None;
    }
    Some((len, Vec::new()))
}

/// Whether the capitalized syllable at `k`, written against a unit's name
/// that ends before it, goes on that name, so that the name written is
/// longer than the unit's (`Tân Sơn Nhất`, `thị trấn Thanh Nê`, `An Dương
/// Vương`): one syllable that closes the capitalized run, before a mark
/// or a line's end, or before a word in lower case where a type word
/// opens the name or the syllable is no word of the lexicon (`Tứ Hiệp
/// Plaza`). Not where it is a word that opens
/// the next sentence ([`crate::titled::opens_next_sentence`]: `Hà Nội
/// Sáng nay …`), a title, a type word or a body's head, before a number
/// (`Quảng Bình Trưa 5/10`) or a colon (`Hà Nội Ảnh: …`); nor two
/// capitalized syllables or more, which begin a name of their own (`Hà
/// Nội Nguyễn Đức Chung`).
fn continues_name(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    k: usize,
    typed: bool,
) -> bool {
    use crate::words::{CLAUSE_OPENER, ORG_HEAD, PLACE_HEAD, ROLE, TITLE, TYPE_WORD, WORD};
    let Some(t) = toks.get(k) else {
        return false;
    };
    if !t.name_like
        || !t.gap_is(crate::text::gap::SPACE)
        || !contiguous(toks, k)
        || t.is(CLAUSE_OPENER | TITLE | ROLE | ORG_HEAD | PLACE_HEAD | TYPE_WORD)
    {
        return false;
    }
    if let Some(n) = toks.get(k + 1) {
        let space = n.gap_is(crate::text::gap::SPACE);
        // Before a word in lower case, a syllable that is a word of the
        // lexicon may open a sentence whose stop was lost (`Bình Thuận
        // Mây thay đổi`, `Trường Sa Từ sáng sớm`): without a type word,
        // only one that is no word goes on the name (`Đà Nẵng Dragons`).
        // Nor one that makes a word with the next (`xã Tân Lập Hầu hết
        // …`).
        if (space
            && (n.capitalized
                || n.digits
                || (!typed && t.is(WORD))
                || seg.is_word_pair(&t.exact, &n.exact)))
            || gap(text, toks, k, k + 1).trim() == ":"
        {
            return false;
        }
    }
    !crate::titled::opens_next_sentence(seg, toks, k)
}

/// Finds bare names of two or more syllables outside `claimed` tokens, and
/// names in lower case before the unit that holds them ([`lower_before`]).
pub fn bare_mentions(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    claimed: &mut [bool],
) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        i = next_marked(marks, i, mark::CAPITALIZED);
        if i >= toks.len() {
            break;
        }
        if claimed[i] || marks[i] & mark::ALL_CAPS != 0 {
            i += 1;
            continue;
        }
        // A name in lower case before this one, which holds it
        // ([`lower_before`]): after punctuation and two syllables in lower
        // case, tested here first.
        if i >= 2
            && !contiguous(toks, i)
            && !toks[i - 1].capitalized
            && !toks[i - 2].capitalized
            && let Some(m) = lower_before(g, seg, toks, text, i, claimed)
        {
            out.push(m);
        }
        match name_at(g, toks, i, &|_| true) {
            // A name alone on its line that is no province's: a byline or
            // a credit (`Minh Hoàng`), not a place.
            Some((len, cands))
                if (own_line(text, toks[i].start, toks[i + len - 1].end)
                    || closing_byline(toks, text, i, i + len))
                    && !cands.iter().any(|&u| g.unit(u).level == Level::Province) =>
            {
                i += len;
            }
            // `Đông Nam`, `Tây Bắc` written without a type word are the
            // compass directions (`hướng Đông Nam`, `Đông Nam Á`, `phía
            // Đông Bắc`), not the communes named after them.
            Some((len, _)) if direction(&toks[i..i + len]) => i += len,
            // `Tân Sơn Nhất`: a longer name than the unit's, no unit.
            Some((len, _)) if continues_name(seg, toks, text, i + len, false) => i += len + 1,
            Some((len, cands)) if len >= 2 && !claimed[i..i + len].iter().any(|&c| c) => {
                out.push(Mention {
                    start: i,
                    end: i + len,
                    name_start: i,
                    typed: None,
                    hamlet: false,
                    candidates: cands,
                    linked: None,
                });
                claimed[i..i + len].iter_mut().for_each(|c| *c = true);
                i += len;
            }
            _ => i += 1,
        }
    }
    out
}

/// A name in lower case before the capitalized token `k`, as some sources
/// write names (`cát hải`, `biên hòa`), where the text leaves no doubt: a name
/// followed by a unit that holds it, in brackets (`biên hòa ( Đồng Nai
/// )`), or after a comma where the name is no word of the lexicon (`cát
/// hải , Hải Phòng`; not `về hòa bình, Hà Nội`). A name alone in lower
/// case is not read: the lexicon holds the names of places too (`hà nội`),
/// so nothing tells them from words (`hòa bình`). Claims its tokens.
fn lower_before(
    g: &Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    k: usize,
    claimed: &mut [bool],
) -> Option<Mention> {
    let lower = |t: &Token| !t.capitalized && !t.digits;
    if k < 2
        || contiguous(toks, k)
        || !lower(&toks[k - 1])
        || !lower(&toks[k - 2])
        || !contiguous(toks, k - 1)
    {
        return None;
    }
    // The bytes between the name and the parent.
    let bytes = &text.as_bytes()[toks[k - 1].end..toks[k].start];
    let open = matches!(bytes, [.., b'(', b' '] | [.., b'(']);
    if !open && !matches!(bytes, [b',', b' '] | [b' ', b',', b' '] | [b',']) {
        return None;
    }
    // In brackets the parent leaves no doubt; after a comma a word may
    // stand before a unit (`về hòa bình, Hà Nội …`).
    let lexicon = (!open).then_some(seg);
    for len in [2, 3] {
        let i = k.checked_sub(len)?;
        if (i..k).any(|t| claimed[t] || toks[t].capitalized || toks[t].digits)
            || !(i + 1..k).all(|t| contiguous(toks, t))
        {
            return None;
        }
        // A pair no gazetteer name opens with: one hash lookup.
        if !g.opens_name(toks[i].hash, toks[i + 1].hash) {
            continue;
        }
        let Some((n, cands)) = lower_name_with(g, lexicon, toks, i, &|_| true) else {
            continue;
        };
        if n != len {
            continue;
        }
        let (_, parents) = name_at(g, toks, k, &|_| true)?;
        let within: Vec<usize> = cands
            .iter()
            .copied()
            .filter(|&c| parents.iter().any(|&p| p != c && g.is_within(c, p)))
            .collect();
        if !within.is_empty() {
            claimed[i..k].iter_mut().for_each(|c| *c = true);
            return Some(Mention {
                start: i,
                end: k,
                name_start: i,
                typed: None,
                hamlet: false,
                candidates: within,
                linked: None,
            });
        }
    }
    None
}

/// Whether the name `name` is an intercardinal direction: `đông` or `tây`,
/// then `nam` or `bắc`.
fn direction(name: &[Token]) -> bool {
    matches!(name, [a, b] if matches!(a.exact.as_str(), "đông" | "tây")
        && matches!(b.exact.as_str(), "nam" | "bắc"))
}

/// Whether tokens `start..end` close the text after a sentence's end
/// (`… đã lập biên bản nhắc nhở. Hải Đường`): a byline joined to the last
/// paragraph, as scraped pages often have it.
fn closing_byline(toks: &[Token], text: &str, start: usize, end: usize) -> bool {
    end == toks.len()
        && start > 0
        && text[toks[end - 1].end..].trim().is_empty()
        && text[toks[start - 1].end..toks[start].start]
            .trim()
            .ends_with(['.', '!', '?', '"', '”', ')'])
}

/// Whether `start..end` of `text` is all its line holds but white space.
/// Stops at the first other character on either side: linear over a text.
fn own_line(text: &str, start: usize, end: usize) -> bool {
    fn blank(mut it: impl Iterator<Item = char>) -> bool {
        it.find(|&c| c == '\n' || !c.is_whitespace())
            .is_none_or(|c| c == '\n')
    }
    blank(text[..start].chars().rev()) && blank(text[end..].chars())
}

/// Which mentions the text supports as places. A bare name (no type word)
/// that can only be a commune is a place only when the text also names
/// its district or province (any mention linked to a unit that holds one
/// of its candidates, other than itself) or writes the same name with a
/// type word (`xã Tân Thái` … `Tân Thái`). Else the name is most likely
/// something else that bears a commune's name: a company (`Hòa Phát`), a
/// shop, a street (`Khởi Nghĩa`), a person or a byline (`Như Quỳnh`).
/// Every other mention is supported.
pub fn supported(g: &Gazetteer, toks: &[Token], mentions: &[Mention]) -> Vec<bool> {
    let commune_only = |m: &Mention| {
        m.typed.is_none()
            && !m.hamlet
            && !m.candidates.is_empty()
            && m.candidates
                .iter()
                .all(|&c| g.unit(c).level == Level::Commune)
    };
    let name_key = |m: &Mention| {
        toks[m.name_start..m.end]
            .iter()
            .map(|t| t.exact.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Units the other mentions stand for: their link, or their only
    // candidate; the provinces and districts holding them.
    let typed_names: rustc_hash::FxHashSet<String> = mentions
        .iter()
        .filter(|m| m.typed.is_some())
        .map(name_key)
        .collect();
    let (provinces, districts) = unit_counts(
        g,
        mentions
            .iter()
            .filter(|m| !commune_only(m))
            .filter_map(|m| {
                m.linked.or(match m.candidates.as_slice() {
                    [only] => Some(*only),
                    _ => None,
                })
            }),
    );
    mentions
        .iter()
        .map(|m| {
            !commune_only(m)
                || typed_names.contains(&name_key(m))
                || m.candidates.iter().any(|&c| {
                    provinces.contains_key(&g.province_of(c))
                        || g.district_of(c).is_some_and(|d| districts.contains_key(&d))
                })
        })
        .collect()
}

/// How many of `units` lie in each province and in each district (a
/// district counts itself; a province counts in no district).
fn unit_counts(
    g: &Gazetteer,
    units: impl Iterator<Item = usize>,
) -> (HashMap<usize, usize>, HashMap<usize, usize>) {
    let mut provinces: HashMap<usize, usize> = HashMap::new();
    let mut districts: HashMap<usize, usize> = HashMap::new();
    for u in units {
        *provinces.entry(g.province_of(u)).or_default() += 1;
        let d = match g.unit(u).level {
            Level::District => Some(u),
            Level::Commune => g.district_of(u),
            Level::Province => None,
        };
        if let Some(d) = d {
            *districts.entry(d).or_default() += 1;
        }
    }
    (provinces, districts)
}

/// Chooses a unit for each mention where the evidence allows.
pub fn link(g: &Gazetteer, toks: &[Token], text: &str, mentions: &mut [Mention]) {
    mentions.sort_by_key(|m| m.start);
    // A parent named right after: `Phú Lương (Thái Nguyên)`, `xã Tân Thái, huyện Đại Từ`.
    for k in 0..mentions.len().saturating_sub(1) {
        let (a, b) = (&mentions[k], &mentions[k + 1]);
        if a.hamlet || b.hamlet || b.start < a.end {
            continue;
        }
        let sep = gap(text, toks, a.end - 1, b.start).trim();
        if !matches!(sep, "," | "(" | "-" | "–" | ", thuộc" | "thuộc") {
            continue;
        }
        let child: Vec<usize> = a
            .candidates
            .iter()
            .copied()
            .filter(|&c| b.candidates.iter().any(|&p| p != c && g.is_within(c, p)))
            .collect();
        // `xã Thượng Nông, huyện Tam Nông`: the parent written beside the
        // name holds none of its candidates (a unit merged away before the
        // gazetteer's snapshot): a same-name unit elsewhere would be wrong.
        // A unit moved to another district of the same province since
        // (`xã Phú Mậu, huyện Phú Vang`) keeps its link.
        // The parent's type word is a level above the child's (not a list
        // of siblings sharing one type word: `TP. Hồ Chí Minh, Bắc Ninh`).
        let higher = match (a.typed, b.typed) {
            (Some(la), Some(lb)) => lb < la,
            (Some(la), None) => b.candidates.iter().all(|&p| g.unit(p).level < la),
            _ => false,
        };
        let parent_above = higher
            && !b.candidates.is_empty()
            && b.candidates.iter().all(|&p| {
                a.candidates.iter().all(|&c| {
                    g.unit(p).level < g.unit(c).level && g.province_of(p) != g.province_of(c)
                })
            });
        if child.is_empty() && parent_above && matches!(sep, "," | "(") {
            mentions[k].candidates.clear();
            continue;
        }
        if !child.is_empty() {
            let parents: Vec<usize> = b
                .candidates
                .iter()
                .copied()
                .filter(|&p| child.iter().any(|&c| g.is_within(c, p)))
                .collect();
            mentions[k].candidates = child;
            mentions[k + 1].candidates = parents;
        }
    }
    // One unit under two spellings in two snapshots (`Đăk Đoa`, `Đak
    // Đoa`: one code) is one candidate.
    let same_unit = |cands: &[usize]| {
        cands.split_first().is_some_and(|(&a, rest)| {
            rest.iter()
                .all(|&b| g.unit(b).level == g.unit(a).level && g.unit(b).code == g.unit(a).code)
        })
    };
    for m in mentions.iter_mut() {
        if same_unit(&m.candidates) {
            m.candidates.truncate(1);
            m.linked = Some(m.candidates[0]);
        }
    }
    // The district and province the article is about.
    let (provinces, districts) = unit_counts(g, mentions.iter().filter_map(|m| m.linked));
    let top = |m: &HashMap<usize, usize>| {
        m.iter()
            .max_by_key(|(k, v)| (**v, std::cmp::Reverse(**k)))
            .map(|(k, _)| *k)
    };
    let (province, district) = (top(&provinces), top(&districts));
    for m in mentions
        .iter_mut()
        .filter(|m| m.linked.is_none() && !m.hamlet)
    {
        let within = |anc: Option<usize>| -> Vec<usize> {
            anc.map(|a| {
                m.candidates
                    .iter()
                    .copied()
                    .filter(|&c| g.is_within(c, a))
                    .collect()
            })
            .unwrap_or_default()
        };
        let in_district = within(district);
        let in_province = within(province);
        // A bare name that is a province's name means the province, even
        // where the province's same-name city is named elsewhere (`từ Kon
        // Tum sang Gia Lai`); the city needs its type word.
        let provs: Vec<usize> = m
            .candidates
            .iter()
            .copied()
            .filter(|&c| g.unit(c).level == Level::Province)
            .collect();
        m.linked = if m.typed.is_none() && provs.len() == 1 {
            Some(provs[0])
        } else if in_district.len() == 1 {
            Some(in_district[0])
        } else if in_province.len() == 1 {
            Some(in_province[0])
        } else {
            None
        };
    }
}

//! What the words around a short name say about it: whether a person is
//! meant. A given name alone (`Thảo`, `Loan`) is also a word or a
//! country's name (`Mỹ`); the words before it (`mẹ`, `cậu bé`, `nước
//! mắt`) and after it (`thở dài`, `phản đối`, `13 tuổi`, `là anh cả`)
//! tell which. The lists are data, by first syllable; a token's class bit
//! ([`words::PERSON_WORD`]) answers most tokens without a lookup.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use vietdex_tokenize::normalize;

use crate::text::{Token, contiguous, gap};
use crate::words;

const GIVEN_NAMES: &str = include_str!("../data/given_names.txt");

/// Auxiliaries and adverbs between a subject and its verb (`Loan đã`,
/// `Thảo cứ`), skipped (two at most) before the predicate.
const AUXILIARIES: &[&str] = &[
    "đã",
    "đang",
    "sẽ",
    "vẫn",
    "cũng",
    "còn",
    "vừa",
    "mới",
    "liền",
    "bèn",
    "luôn",
    "từng",
    "cứ",
    "chỉ",
    "không",
    "chưa",
    "chẳng",
    "lại",
    "bỗng",
    "chợt",
    "đành",
    "thường",
    "rất",
    "đều",
    "lặng",
    "tự",
    "phải",
];

/// Predicates after a name that a person takes, and so may a body or a
/// country speaking through its officials (`Mỹ phản đối`): saying,
/// knowing, deciding, calling.
const PREDICATES: &[&str] = &[
    "nói",
    "bảo",
    "đáp",
    "trả lời",
    "gọi",
    "gọi điện",
    "phản đối",
    "đồng ý",
    "từ chối",
    "quyết định",
    "muốn",
    "biết",
    "hiểu",
    "tin",
    "thấy",
    "cảm thấy",
    "hứa",
    "xin",
    "nhờ",
    "mời",
    "kêu",
    "than",
    "khoe",
    "thừa nhận",
    "thú nhận",
    "cho biết",
    "chia sẻ",
    "bày tỏ",
    "nhận ra",
    "nhìn",
    "nghe",
    "đứng",
];

/// Acts of a person's hands and dealings after a name (`Thư kéo ghế`,
/// `Hào kiểm tra`, `Lan tỏ vẻ`): a body or a country may take a few of
/// them through its officials (`Mỹ mua`), so they say a person is meant
/// as [`PREDICATES`] do, not what only a person does.
const ACTIONS: &[&str] = &[
    "mua",
    "bấm",
    "gõ",
    "gõ cửa",
    "kiểm tra",
    "xem",
    "tìm",
    "theo dõi",
    "phân tích",
    "cầm",
    "chọn",
    "hẹn",
    "ghé",
    "quay",
    "phóng",
    "cắt",
    "đọc",
    "viết",
    "gửi",
    "lái",
    "leo",
    "đập",
    "tiếp cận",
    "chấp nhận",
    "phát hiện",
    "tranh thủ",
    "xuất hiện",
    "dạy",
    "bày",
    "khuyên",
    "kéo",
    "cất",
    "sống",
    "tỏ",
    "tỏ vẻ",
    "đề nghị",
    "giới thiệu",
    "phán đoán",
    "đoán",
    "lập",
    "trình bày",
    "bắt chuyện",
    "đưa đẩy",
    "thầm",
    "ân hận",
    "hối hận",
    "điềm nhiên",
    "lặng lẽ",
    "âm thầm",
    "sắm vai",
    "bộc bạch",
    "trấn an",
    "xúc động",
    "cảm ơn",
    "nhắn tin",
    "sốt ruột",
    "gặng hỏi",
    "hoang mang",
    "đi",
    "trở ra",
    "trở về",
    "trả",
    "phân công",
    "xin phép",
    "dừng",
    "cắn",
    "nghiến răng",
    "kinh ngạc",
    "đưa ra",
    "ra trình diện",
    "trình diện",
];

/// Predicates only a person takes: the body and its moves, feelings,
/// telling one's story, schooling and marriage.
const PERSON_PREDICATES: &[&str] = &[
    "khóc",
    "bật khóc",
    "cười",
    "mỉm cười",
    "thở",
    "thở dài",
    "thở phào",
    "gật đầu",
    "lắc đầu",
    "cúi đầu",
    "ngủ",
    "thức dậy",
    "tỉnh dậy",
    "mếu máo",
    "rơm rớm",
    "nghẹn ngào",
    "run",
    "run rẩy",
    "rùng mình",
    "sợ",
    "sợ hãi",
    "buồn",
    "vui",
    "giận",
    "ngượng",
    "xấu hổ",
    "ngạc nhiên",
    "bối rối",
    "lo lắng",
    "hồi hộp",
    "tự hào",
    "thương",
    "yêu",
    "ghét",
    "nhớ",
    "nhớ lại",
    "nghĩ",
    "suy nghĩ",
    "tâm sự",
    "thổ lộ",
    "thì thầm",
    "thủ thỉ",
    "kể",
    "kể lại",
    "hỏi",
    "hét",
    "thét",
    "la lên",
    "năn nỉ",
    "dặn",
    "uống",
    "ăn",
    "xắn",
    "đỗ",
    "thi đỗ",
    "thi đậu",
    "tốt nghiệp",
    "lấy vợ",
    "lấy chồng",
    "mồ côi",
    "bỏ học",
    "đi học",
    "nghỉ học",
    "ngồi",
    "đứng dậy",
    "bước",
    "ôm",
    "hôn",
    "nắm tay",
    "rượt",
    "đuổi",
    "chạy",
    "nhảy",
    "trèo",
    "tắm",
    "đeo",
    "ngã",
    "ngất",
    "qua đời",
    "sinh con",
    "mệt mỏi",
    "bỏ trốn",
    "lim dim",
    "xinh đẹp",
    "tự ái",
    "lớn lên",
    "mê",
    "thích",
];

/// Kin and such after `là` (`Mỹ là anh cả`, `Loan là con gái`).
const KIN_AFTER_COPULA: &[&str] = &[
    "anh cả",
    "anh trai",
    "chị cả",
    "chị gái",
    "con cả",
    "con trai",
    "con gái",
    "con út",
    "em út",
    "em gái",
    "em trai",
    "vợ",
    "chồng",
    "mẹ",
    "cha",
    "bố",
    "cháu",
    "người yêu",
    "bạn gái",
    "bạn trai",
    "cô gái",
    "chàng trai",
    "cậu bé",
    "cô bé",
    "học sinh",
    "sinh viên",
];

/// Words right before a name that only a person's name follows: kin
/// (`mẹ Trâm`, `cậu bé Mỹ`, `6 mẹ con Mỹ`) and the body (`nước mắt
/// Thảo`, `tay Tuấn`).
const BEFORE_NAME: &[&str] = &[
    "mẹ",
    "cha",
    "bố",
    "má",
    "cậu bé",
    "cô bé",
    "mẹ con",
    "cha con",
    "bố con",
    "con trai",
    "con gái",
    "em gái",
    "em trai",
    "anh trai",
    "chị gái",
    "người yêu",
    "bạn gái",
    "bạn trai",
    "nước mắt",
    "mắt",
    "tay",
    "giọng",
    "tóc",
    "vai",
    "bàn tay",
    "đôi tay",
    "đôi mắt",
    "ánh mắt",
    "nụ cười",
    "gương mặt",
    "khuôn mặt",
];

/// Words of kin of one syllable that, opening a sentence, make the given
/// name after them a person's (`Mẹ Tùng chấp nhận …`, `Bố Viện là …`);
/// not the body's (`Tóc Tiên`, a singer's name).
const KIN_OPENING: &[&str] = &["mẹ", "cha", "bố", "má"];

/// Whether a word of kin ([`KIN_OPENING`]) opens the sentence right
/// before token `a`.
pub(crate) fn kin_opens_sentence_before(toks: &[Token], a: usize) -> bool {
    a > 0
        && (a == 1 || toks[a - 1].gap_is(gap::STOP | gap::DASH))
        && toks[a].gap_is(gap::SPACE)
        && KIN_OPENING.contains(&toks[a - 1].exact.as_str())
}

/// Conjunctions that open a clause before its subject (`khi Tiến …`,
/// `Nhưng Hai Địa …`, `vì Hữu Hạnh …`).
pub(crate) const OPENERS: &[&str] = &[
    "khi", "lúc", "nhưng", "rồi", "và", "còn", "thì", "nếu", "vì", "tuy", "dù", "để", "mà", "nên",
];

/// Whether the name at token `a` opens a clause: the text's or a
/// sentence's start, after a comma or another mark, or after a
/// conjunction ([`OPENERS`]), the place of a clause's subject.
pub(crate) fn opens_clause(toks: &[Token], a: usize) -> bool {
    a == 0
        || toks[a].gap_is(gap::CLAUSE | gap::STOP)
        || (toks[a].gap_is(gap::SPACE) && OPENERS.contains(&toks[a - 1].exact.as_str()))
}

/// How strongly the words around a name say a person is meant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Cue {
    /// Nothing, or nothing that a place or a body would not take.
    None,
    /// A predicate a person takes, and a body speaking may (`nói`).
    Person,
    /// What only a person is or does (`khóc`, `13 tuổi`, `mẹ …`).
    OnlyPerson,
}

struct Tables {
    /// Predicates by first syllable, longest first, with whether only a
    /// person takes them.
    predicates: HashMap<String, Vec<(Vec<String>, bool)>>,
    /// [`KIN_AFTER_COPULA`] by first syllable, longest first.
    kin: HashMap<String, Vec<Vec<String>>>,
    /// [`BEFORE_NAME`] by last syllable, longest first.
    before: HashMap<String, Vec<Vec<String>>>,
    auxiliaries: rustc_hash::FxHashSet<&'static str>,
}

fn syllables(s: &str) -> Vec<String> {
    normalize(s)
        .split_whitespace()
        .map(str::to_string)
        .collect()
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut predicates: HashMap<String, Vec<(Vec<String>, bool)>> = HashMap::default();
        for (list, only) in [
            (PREDICATES, false),
            (ACTIONS, false),
            (PERSON_PREDICATES, true),
        ] {
            for p in list {
                let w = syllables(p);
                predicates.entry(w[0].clone()).or_default().push((w, only));
            }
        }
        let mut kin: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in KIN_AFTER_COPULA {
            let w = syllables(p);
            kin.entry(w[0].clone()).or_default().push(w);
        }
        let mut before: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for p in BEFORE_NAME {
            let w = syllables(p);
            before.entry(w[w.len() - 1].clone()).or_default().push(w);
        }
        for l in predicates.values_mut() {
            l.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        for l in kin.values_mut().chain(before.values_mut()) {
            l.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Tables {
            predicates,
            kin,
            before,
            auxiliaries: AUXILIARIES.iter().copied().collect(),
        }
    })
}

/// The given names, normalized.
pub(crate) fn given_names() -> impl Iterator<Item = String> {
    GIVEN_NAMES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| normalize(l).into_owned())
}

/// Marks the given names and the first (and, for the words before a
/// name, the last) syllables of the cue words ([`crate::words`]).
pub(crate) fn classify(add: &mut dyn FnMut(&str, u32)) {
    for w in given_names() {
        add(&w, words::GIVEN_NAME);
    }
    let t = tables();
    for w in t
        .predicates
        .keys()
        .chain(t.kin.keys())
        .chain(t.before.keys())
    {
        add(w, words::PERSON_WORD);
    }
    for w in AUXILIARIES {
        add(w, words::PERSON_WORD);
    }
    add("là", words::PERSON_WORD);
}

/// Whether the lower-case syllables `w` are written from token `k` on,
/// each after a space.
fn written(toks: &[Token], k: usize, w: &[String]) -> bool {
    w.len() <= toks.len().saturating_sub(k)
        && w.iter().enumerate().all(|(n, s)| {
            let t = &toks[k + n];
            t.exact == *s && !t.capitalized && t.gap_is(gap::SPACE) && contiguous(toks, k + n)
        })
}

/// Whether [`person_cue`] may find a cue around `a..b`, by class bits and
/// shapes alone: a cue word right before or after it, or a mark or a
/// number after it (an age).
#[inline]
pub(crate) fn may_cue(toks: &[Token], a: usize, b: usize) -> bool {
    (a > 0 && toks[a - 1].is(words::PERSON_WORD))
        || toks
            .get(b)
            .is_some_and(|n| n.is(words::PERSON_WORD) || n.digits || n.gap_is(gap::CLAUSE))
}

/// What the words around the name at tokens `a..b` say: a word of kin or
/// of the body right before it (`mẹ Trâm`, `nước mắt Thảo`); after it,
/// two auxiliaries at most (`đã`, `cứ`), then a predicate ([`PREDICATES`],
/// [`PERSON_PREDICATES`]) that opens no other word (`Thu học phí` is no
/// one studying), `là` and a word of kin (`là anh cả`), or an age (`13
/// tuổi`, `, khi ấy 13 tuổi`).
pub(crate) fn person_cue(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    a: usize,
    b: usize,
) -> Cue {
    if !may_cue(toks, a, b) {
        return Cue::None;
    }
    let t = tables();
    // A name of one syllable that opens a word with the next (`Thái độ`)
    // is that word.
    if b == a + 1
        && toks.get(b).is_some_and(|n| {
            !n.capitalized && contiguous(toks, b) && seg.is_word_pair(&toks[a].exact, &n.exact)
        })
    {
        return Cue::None;
    }
    // Before: the cue ends at `a - 1`, and nothing but a space between.
    if a > 0
        && toks[a - 1].is(words::PERSON_WORD)
        // Capitalized only as a word of kin opening the sentence (`Mẹ
        // Tùng …`).
        && (!toks[a - 1].capitalized || kin_opens_sentence_before(toks, a))
        && toks[a].gap_is(gap::SPACE)
        && let Some(list) = t.before.get(toks[a - 1].exact.as_str())
        && list.iter().any(|w| {
            w.len() <= a && {
                let from = a - w.len();
                toks[from..a]
                    .iter()
                    .zip(w)
                    .enumerate()
                    .all(|(n, (x, s))| x.exact == *s && (n == 0 || contiguous(toks, from + n)))
                    // The cue is a word of its own, not the end of one
                    // (`bàn tay`, `trẻ con`).
                    && !(from > 0
                        && contiguous(toks, from)
                        && !toks[from - 1].capitalized
                        && seg.is_word_pair(
                            &toks[from - 1].exact,
                            &toks[from].exact,
                        ))
            }
        })
    {
        return Cue::OnlyPerson;
    }
    if age_after(toks, b) {
        return Cue::OnlyPerson;
    }
    let mut k = b;
    let mut skipped = 0;
    loop {
        let Some(x) = toks.get(k) else {
            return Cue::None;
        };
        if x.capitalized || !x.gap_is(gap::SPACE) || !x.is(words::PERSON_WORD) {
            return Cue::None;
        }
        if x.exact == "là" {
            let kin = t.kin.get(toks.get(k + 1).map_or("", |n| n.exact.as_str()));
            return if kin.is_some_and(|l| l.iter().any(|w| written(toks, k + 1, w))) {
                Cue::OnlyPerson
            } else {
                Cue::None
            };
        }
        if let Some(list) = t.predicates.get(x.exact.as_str())
            && let Some((w, only)) = list.iter().find(|(w, _)| written(toks, k, w))
        {
            // A predicate of one syllable that opens another word with
            // the next (`học phí`, `ăn cắp` …) is that word.
            let end = k + w.len();
            let opens_other = w.len() == 1
                && toks.get(end).is_some_and(|n| {
                    !n.capitalized
                        && contiguous(toks, end)
                        && seg.is_word_pair(&x.exact, &n.exact)
                        && !t
                            .predicates
                            .get(x.exact.as_str())
                            .is_some_and(|l| l.iter().any(|(p, _)| p.len() == 2 && p[1] == n.exact))
                });
            if opens_other {
                return Cue::None;
            }
            return if *only { Cue::OnlyPerson } else { Cue::Person };
        }
        if skipped < 2 && t.auxiliaries.contains(x.exact.as_str()) {
            skipped += 1;
            k += 1;
            continue;
        }
        return Cue::None;
    }
}

/// Words of time between a name and its age (`Mỹ, khi ấy 13 tuổi`).
const AGE_TIME: &[&str] = &[
    "khi", "ấy", "đó", "năm", "nay", "lúc", "bấy", "giờ", "mới", "chừng",
];

/// An age after the name at token `b`: a number and `tuổi`, right after
/// it or after a comma and two words of time at most (`Mỹ , khi ấy 13
/// tuổi`).
fn age_after(toks: &[Token], b: usize) -> bool {
    for k in b..(b + 4).min(toks.len()) {
        let x = &toks[k];
        if x.digits {
            return (k == b || toks[b].gap_is(gap::CLAUSE))
                && toks
                    .get(k + 1)
                    .is_some_and(|n| n.exact == "tuổi" && n.gap_is(gap::SPACE));
        }
        if x.capitalized
            || x.gap_is(gap::STOP)
            || (k > b && x.gap_is(gap::CLAUSE))
            || !AGE_TIME.contains(&x.exact.as_str())
        {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cue(text: &str, name: &str) -> Cue {
        let toks = crate::text::tokens(text);
        let seg = crate::bundled::knowledge().segmenter;
        let n = name.split(' ').count();
        let first = normalize(name.split(' ').next().unwrap_or("")).into_owned();
        let a = toks
            .iter()
            .position(|t| t.exact == first && t.capitalized)
            .unwrap_or_else(|| panic!("{name} in {text}"));
        person_cue(seg, &toks, a, a + n)
    }

    #[test]
    fn what_only_a_person_does_or_is() {
        for (t, n) in [
            ("Nghe tin ấy, Thảo bật khóc.", "Thảo"),
            ("Cả buổi Thắng cứ ngồi im.", "Thắng"),
            ("Chiều nay mẹ Trâm đến đón.", "Trâm"),
            ("Bàn tay Thư run lên.", "Thư"),
            ("Mỹ, khi ấy 13 tuổi, đi bán kem.", "Mỹ"),
            ("Năm Lan 9 tuổi, nhà dời đi.", "Lan"),
            ("Mỹ là con gái út trong nhà.", "Mỹ"),
        ] {
            assert_eq!(cue(t, n), Cue::OnlyPerson, "{t}");
        }
    }

    #[test]
    fn what_a_body_speaking_also_does() {
        assert_eq!(cue("Sau đó Loan phản đối.", "Loan"), Cue::Person);
        assert_eq!(cue("Rồi Thắng đã gọi điện.", "Thắng"), Cue::Person);
    }

    #[test]
    fn words_that_say_nothing_of_a_person() {
        for (t, n) in [
            // A predicate that opens another word (`học phí`).
            ("Thu học phí đúng hạn.", "Thu"),
            // The name opens a word with the next syllable (`Thái độ`).
            ("Con gái Thái độ rất lạ.", "Thái"),
            // `là` before no word of kin; an age said of something else.
            ("Mỹ là nước lớn.", "Mỹ"),
            ("Giải Ngoại hạng Anh, tiền đạo 19 tuổi ghi bàn.", "Anh"),
            // Three auxiliaries are too many; a predicate after a stop is
            // another sentence's.
            ("Lan đã không hề khóc.", "Lan"),
            ("Gặp Lan. Khóc cũng vô ích.", "Lan"),
        ] {
            assert_eq!(cue(t, n), Cue::None, "{t}");
        }
    }
}

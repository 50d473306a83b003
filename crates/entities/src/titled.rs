//! People the surname rule does not see: names after a form of address or
//! a title (`ông Lộc`, `anh Hai Địa`, `giáo sư Glen White`, `ông H.`), and
//! later references to a name found earlier in the same text (`Quân` after
//! `ông Nguyễn Quốc Quân`).

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::OnceLock;

use vietdex_tokenize::normalize;

use crate::people::{Person, names_a_school, names_a_thing};
use crate::person_cues::{Cue, OPENERS};
use crate::text::{Token, contiguous, gap, mark, next_marked};
use crate::words;

/// Military ranks: titles that introduce a bare name (in [`TITLES`]'s
/// table too) and, before a one-syllable name, make it a person's.
pub(crate) const RANKS: &[&str] = &[
    "đại tướng",
    "thượng tướng",
    "trung tướng",
    "thiếu tướng",
    "đại tá",
    "thượng tá",
    "trung tá",
    "thiếu tá",
    "đại úy",
    "thượng úy",
    "trung úy",
    "thiếu úy",
];

/// Forms of address and titles that introduce a bare name (with
/// [`RANKS`]).
const TITLES: &[&str] = &[
    "vợ chồng",
    "anh em",
    "chị em",
    "ông bà",
    "anh chị",
    "cha con",
    "mẹ con",
    "ông",
    "bà",
    "anh",
    "chị",
    "cô",
    "chú",
    "bác",
    "cụ",
    "thầy",
    "em",
    "bé",
    "cháu",
    "già",
    "o",
    "dì",
    "mợ",
    "thím",
    "vợ",
    "chồng",
    "tên là",
    "tên",
    "đồng chí",
    "nhà văn",
    "nhà thơ",
    "nhà báo",
    "nhạc sĩ",
    "họa sĩ",
    "ca sĩ",
    "diễn viên",
    "nghệ sĩ",
    "giáo sư",
    "phó giáo sư",
    "tiến sĩ",
    "thạc sĩ",
    "bác sĩ",
    "kỹ sư",
    "luật sư",
    "già làng",
    "bầu",
    "trưởng thôn",
    "trưởng bản",
    "trưởng ấp",
    "chủ tịch",
    "bí thư",
    "trùm",
    "thợ cả",
    "thợ săn",
    "học sinh",
    "sinh viên",
    "bị cáo",
    "bị can",
    "nghi phạm",
    "nạn nhân",
    "cầu thủ",
    "thủ môn",
    "thủ thành",
    "hậu vệ",
    "trung vệ",
    "tiền vệ",
    "tiền đạo",
    "vận động viên",
    "hlv",
    "huấn luyện viên",
    "tổng thống",
    "thủ tướng",
    "ngoại trưởng",
    "bộ trưởng",
    // Offices and callings that introduce a character or a source by the
    // given name (`thám tử Toàn`, `thư ký Hoa`, `thứ trưởng Võ`), and the
    // form of address for a boy (`thằng Nhã`). Not `giám đốc`, which a
    // company's name follows as often (`Tổng giám đốc Viettel Post`).
    "thám tử",
    "thư ký",
    "thứ trưởng",
    "thằng",
    // Royalty, offices of other countries and callings of foreign news,
    // whose first syllable is no name's (`Nữ hoàng Anh Elizabeth II`,
    // `Thượng nghị sĩ Chuck Schumer`, `tay vợt Roger Federer`); not
    // `Hoàng tử`, `Thái tử`, `Công chúa`, `Thống đốc`, `Võ sĩ`, whose
    // first syllable opens many names.
    "vua",
    "nhà vua",
    "nữ hoàng",
    "tiểu vương",
    "giáo hoàng",
    "đại sứ",
    "thượng nghị sĩ",
    "nghị sĩ",
    "tỷ phú",
    "tỉ phú",
    "mc",
    "tay vợt",
    // Degrees and honours the press writes in capitals before a name, one
    // token each or joined by full stops (`GS Thiệp`, `PGS.TS Ngãi`, `LS
    // Thơm`, `NSƯT Quang Thắng`); not `PV`, `NS`, which an outlet's or a
    // company's name follows as often (`PV Tiền Phong`).
    "gs",
    "pgs",
    "ts",
    "bs",
    "ls",
    "ths",
    "th.s",
    "kts",
    "gs.ts",
    "pgs.ts",
    "ts.bs",
    "nsnd",
    "nsưt",
    // The spelling with `sỹ` of the titles above (`bác sỹ Thanh Tâm`), and
    // callings of the courts, the stage and the pagoda before a name
    // (`thẩm phán Robart`, `danh hài Hoài Linh`, `Thượng tọa Thích Nhật
    // Từ`).
    "bác sỹ",
    "tiến sỹ",
    "thạc sỹ",
    "nghệ sỹ",
    "nhạc sỹ",
    "họa sỹ",
    "ca sỹ",
    "thẩm phán",
    "danh hài",
    "thượng tọa",
    "á hậu",
];

/// Last syllables of titles of royalty that the press also gives in jest
/// (`vua phá lưới`, `nữ hoàng Bikini`), or that a lost full stop leaves
/// before a word (`công chúa` | `Là …`).
const FIGURATIVE: &[&str] = &["vua", "hoàng", "tử", "hậu", "đế", "chúa", "nương", "vương"];

/// Titles of the head of a body, which the body's name may follow
/// (`Chủ tịch Vingroup`).
const BODY_HEADS: &[&str] = &["chủ tịch", "bí thư"];

/// Forms of address (the first entries of [`TITLES`]).
const ADDRESS: &[&str] = &[
    "ông", "bà", "anh", "chị", "cô", "chú", "bác", "cụ", "thầy", "em", "bé", "cháu", "o", "dì",
    "mợ", "thím", "vợ", "chồng", "tên",
];

/// Titles of two people, whose names follow joined by `-` or `và`
/// (`vợ chồng Tuấn - Lý`).
const PAIRS: &[&str] = &[
    "vợ chồng",
    "anh em",
    "chị em",
    "ông bà",
    "anh chị",
    "cha con",
    "mẹ con",
];

/// Verbs of saying after a name.
const SAYS: &[&str] = &["nói", "kể", "bảo", "hỏi", "đáp"];

/// Birth-order words that open southern names.
const ORDERS: &[&str] = &[
    "hai", "ba", "tư", "năm", "sáu", "bảy", "tám", "chín", "mười", "út",
];

/// First syllables of institutions and other capitalized words a title may
/// precede that are not names (`chị Hội trưởng`, `Chủ tịch Ban …`); the
/// first syllables of place type words join them
/// ([`vietdex_tokenize::type_words::first_syllables`]: `Chủ tịch Huyện
/// ủy`, `bí thư Tỉnh ủy`).
const NOT_NAMES: &[&str] = &[
    "bộ",
    "sở",
    "ban",
    "đảng",
    "ủy",
    "uỷ",
    "hội",
    "hđnd",
    "ubnd",
    "công",
    "trường",
    "viện",
    "cục",
    "tổng",
    "văn",
    "liên",
    "mặt",
    "nhà",
    "chi",
    "trung",
    "quốc",
    "chính",
    "phòng",
    "đoàn",
    "tập",
    "ngân",
    "hợp",
    "câu",
    "đội",
    "làng",
    "tòa",
    "mttq",
    "nước",
    "nhà",
    "phó",
    "chủ",
    "giám",
    "trưởng",
    "bí",
    "thường",
    "đại",
    "học",
    "thư",
    "hải",
    "kiểm",
    "cảnh",
    "quân",
    "lữ",
    "sư",
    "tiểu",
    "hạt",
    "cơ",
    "ủy",
    "uỷ",
    // The English article opens a title (`The Voice`), no person's name.
    "the",
];

/// Syllables of [`NOT_NAMES`] and of head words that open an
/// institution's word of two or more syllables (`Công ty`, `Tập đoàn`,
/// `Văn phòng`, `Trung tâm`) and are given names too (`Công Phượng`,
/// `Văn Toàn`, `Tập Cận Bình`): before a capitalized syllable they make
/// no word with, they open a name.
const WORD_OPENERS: &[&str] = &[
    "công",
    "trường",
    "tổng",
    "văn",
    "liên",
    "mặt",
    "trung",
    "quốc",
    "chính",
    "tập",
    "ngân",
    "hợp",
    "câu",
    "giám",
    "thường",
    "đại",
    "thư",
    "hải",
    "kiểm",
    "cảnh",
    "quân",
    "sư",
    "tiểu",
    "cơ",
    "khách",
    "bệnh",
    "xí",
    "cao",
];

/// Pronouns, capitalized at the start of a sentence (`Họ cho biết`,
/// `Tôi nói`): never a name.
const PRONOUNS: &[&str] = &[
    "tôi", "ta", "ngài", "tao", "mình", "họ", "nó", "chúng", "ai", "mọi", "người", "đây", "đó",
];

/// Words after which a capitalized syllable alone is no given name: a
/// place (`tại Huế`, `ra Bắc`), a people or a language (`người Hoa`,
/// `tiếng Việt`), a dynasty or an era (`nhà Lý`, `thời Lê`), a season or
/// a feast (`mùa Xuân`, `dịp Tết`), a brand or a team, the title of a
/// work (`bài hát`, `tác phẩm`, `cuốn`, `tiểu thuyết`, `chương trình`),
/// a storm (`bão`).
const LONE_NAME_CUES: &[&str] = &[
    "tại", "ở", "sang", "tới", "đến", "về", "qua", "khắp", "từ", "ra", "vào", "xứ", "miền", "vùng",
    "phía", "hướng", "người", "tiếng", "chữ", "dân", "tộc", "bào", "đạo", "triều", "thời", "họ",
    "dòng", "mùa", "dịp", "hãng", "hiệu", "đội", "nước", "đất", "giặc", "quân", "phái", "phe",
    "kiểu", "món", "giống", "loại", "các", "những", "thần", "phim", "bài", "truyện", "sách", "vở",
    "khúc", "siêu", "thị", "mác", "dốc", "đồi", "truông", "ải", "hát", "nhạc", "phẩm", "cuốn",
    "kịch", "thuyết", "album", "trình", "dịch", "bão",
];

/// Words after which a capitalized syllable that is also a word or a
/// family name is a person's given name (`của Hoa`, `cho Mai`, `với
/// Kỳ`).
const PERSON_CUES: &[&str] = &[
    "của", "cho", "với", "là", "mà", "thấy", "gặp", "giúp", "nhận", "bảo", "gọi", "khiến", "nhưng",
    "khi", "nên", "thì", "rằng", "để", "cùng", "như",
];

/// The words of [`PERSON_CUES`] that take a person and hardly a label:
/// not a copula or a comparison (`là Tài`, `như Lộc`, the names of lucky
/// numbers or charms), nor a conjunction.
const FRAMING_CUES: &[&str] = &[
    "của", "cho", "với", "gặp", "giúp", "bảo", "gọi", "khiến", "cùng",
];

/// Words that follow a person's name as the subject or the object of a
/// clause: auxiliaries, adverbs, conjunctions (`Mai đã`, `Hoa cũng`).
const AFTER_NAME: &[&str] = &[
    "đã", "đang", "sẽ", "vẫn", "cũng", "lại", "không", "chưa", "chẳng", "bị", "được", "rất", "đều",
    "và", "thì", "mà", "là", "vừa", "mới", "liền", "bèn", "chỉ", "luôn", "hay", "hoặc", "nói",
    "kể", "cho", "cười", "khóc", "nhớ", "nghĩ", "biết", "muốn", "thấy",
];

/// Words that follow a person as the subject of a clause, and hardly any
/// other name: auxiliaries of tense and adverbs, verbs of saying and
/// feeling (not copulas: `Yên Tử là`, `Sen Vàng bị`).
const SUBJECT_OF: &[&str] = &[
    "đã", "đang", "sẽ", "vẫn", "cũng", "còn", "vừa", "mới", "liền", "bèn", "luôn", "từng", "nói",
    "kể", "cười", "khóc", "nhớ", "nghĩ", "muốn", "chia", "tâm", "thổ", "khoe", "tiết",
];

/// Second syllables of the adverbials of time and consequence that open a
/// sentence before its subject (`Sau đó`, `Lúc này`, `Ngày mai`, `Vì
/// vậy`, `Hôm đó`).
const ADVERBIAL_ENDS: &[(&str, &str)] = &[
    ("sau", "đó"),
    ("lúc", "này"),
    ("lúc", "đó"),
    ("hôm", "đó"),
    ("hôm", "nay"),
    ("ngày", "mai"),
    ("vì", "vậy"),
    ("do", "vậy"),
    ("sau", "này"),
];

/// Whether an adverbial of two syllables ([`ADVERBIAL_ENDS`]) opens the
/// sentence right before token `i`.
fn adverbial_before(toks: &[Token], i: usize) -> bool {
    i >= 2
        && sentence_start(toks, i - 2)
        && contiguous(toks, i - 1)
        && toks[i].gap_is(gap::SPACE)
        && !toks[i - 1].capitalized
        && ADVERBIAL_ENDS
            .iter()
            .any(|(a, b)| toks[i - 2].exact == *a && toks[i - 1].exact == *b)
}

/// Modals and negations after the subject of a clause (`Thư không …`,
/// `Toàn phải …`), with [`SUBJECT_OF`] for a given name opening a clause.
const SUBJECT_MODALS: &[&str] = &["phải", "không", "chưa", "chẳng", "cần", "nên"];

/// Whether the words `i..j` of a foreign name are each written as a
/// name's syllable, stand alone in the text ([`alone_in_text`]) and hold
/// no digit.
fn foreign_words(toks: &[Token], text: &str, i: usize, j: usize) -> bool {
    (i..j).all(|k| toks[k].name_like && alone_in_text(toks, text, k) && !has_digit(&toks[k]))
}

/// Whether the token at `i` stands alone as a word of the text: no dot,
/// hyphen or other mark joins it to letters on either side (`Co.op`,
/// `Ác-hen-ti-na`), no capital inside it (`IoT`), and the words beside it
/// have the shape of Vietnamese syllables (`Now on Tap` is English).
fn alone_in_text(toks: &[Token], text: &str, i: usize) -> bool {
    let t = &toks[i];
    // A mark, then a letter or digit.
    let joined = |mut c: std::iter::Peekable<std::str::Chars<'_>>| {
        c.next().is_some_and(|p| {
            !p.is_whitespace()
                && !matches!(
                    p,
                    ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '!' | '?' | '…'
                )
        }) && c.peek().is_some_and(|c| c.is_alphanumeric())
    };
    let mut before = text[..t.start].chars().rev();
    let before_joined = before.next().is_some_and(|p| {
        !p.is_whitespace()
            && !matches!(
                p,
                ',' | ';' | ':' | '(' | ')' | '"' | '“' | '”' | '!' | '?' | '…'
            )
    }) && before.next().is_some_and(char::is_alphanumeric);
    !text[t.start..t.end].chars().skip(1).any(char::is_uppercase)
        && !joined(text[t.end..].chars().peekable())
        && !before_joined
        && [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .filter_map(|k| toks.get(k?))
            .all(|n| n.capitalized || n.digits || vietnamese_shape(&n.folded))
}

/// Capitalized syllables that stand alone inside a sentence without
/// naming a person: compass points (`miền Nam`), feasts, the country's
/// people (`Việt`), sacred names and titles (`Mẫu`, `Yàng`, `Vua`, `Đệ`
/// of `Đệ nhất phu nhân`).
const NOT_LONE_NAMES: &[&str] = &[
    "nam", "bắc", "đông", "tây", "tết", "việt", "phật", "chúa", "trời", "thánh", "thần", "mẫu",
    "yàng", "vua", "đệ",
];

/// Whether a folded syllable has the shape of a Vietnamese syllable: an
/// onset, a vowel group Vietnamese writes, a final consonant (`tuan`,
/// `vy`; not `covid`, `grab`, `hapro`, `boeing`, `lyon`). Byte tests only:
/// it runs on candidate names, not on every token.
pub(crate) fn vietnamese_shape(folded: &str) -> bool {
    // Vowel groups, folded (`ươi` is `uoi`, `iê` is `ie`), matched as
    // byte strings rather than searched for in a list.
    let nucleus = |v: &[u8]| {
        matches!(
            v,
            b"a" | b"e"
                | b"i"
                | b"o"
                | b"u"
                | b"y"
                | b"ai"
                | b"ao"
                | b"au"
                | b"ay"
                | b"eo"
                | b"eu"
                | b"ia"
                | b"ie"
                | b"iu"
                | b"oa"
                | b"oe"
                | b"oi"
                | b"oo"
                | b"ua"
                | b"ue"
                | b"ui"
                | b"uo"
                | b"uu"
                | b"uy"
                | b"ya"
                | b"ye"
                | b"ieu"
                | b"oai"
                | b"oay"
                | b"oeo"
                | b"uay"
                | b"uoi"
                | b"uou"
                | b"uya"
                | b"uye"
                | b"uyu"
                | b"yeu"
        )
    };
    let b = folded.as_bytes();
    let vowel = |c: u8| matches!(c, b'a' | b'e' | b'i' | b'o' | b'u' | b'y');
    let two = |x: &[u8]| b.starts_with(x);
    let onset = match b.first() {
        None => return false,
        Some(&c) if vowel(c) => 0,
        Some(b'n') if two(b"ngh") => 3,
        Some(b'n') if two(b"ng") || two(b"nh") => 2,
        Some(b'c') if two(b"ch") => 2,
        Some(b'g') if two(b"gh") => 2,
        // `gi` before another vowel (`giang`); `gi` alone is `g` + `i`.
        Some(b'g') if two(b"gi") && b.get(2).is_some_and(|&c| vowel(c)) => 2,
        Some(b'k') if two(b"kh") => 2,
        Some(b'p') if two(b"ph") => 2,
        Some(b'q') if two(b"qu") => 2,
        Some(b'q') => return false,
        Some(b't') if two(b"th") || two(b"tr") => 2,
        Some(b'b' | b'c' | b'd' | b'g' | b'h' | b'k' | b'l' | b'm' | b'n' | b'p' | b'r')
        | Some(b's' | b't' | b'v' | b'x') => 1,
        Some(_) => return false,
    };
    let rest = &b[onset..];
    let v = rest.iter().take_while(|&&c| vowel(c)).count();
    nucleus(&rest[..v])
        && matches!(
            &rest[v..],
            b"" | b"c" | b"ch" | b"m" | b"n" | b"ng" | b"nh" | b"p" | b"t"
        )
}

struct Tables {
    /// Titles by first syllable, longest first.
    titles: HashMap<String, Vec<Vec<String>>>,
    /// [`Tables::titles`] by the hash of the first syllable.
    titles_by_hash: HashMap<u64, Vec<Vec<String>>>,
    not_names: HashSet<&'static str>,
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut titles: HashMap<String, Vec<Vec<String>>> = HashMap::default();
        for t in TITLES.iter().chain(RANKS) {
            let w: Vec<String> = normalize(t)
                .split_whitespace()
                .map(str::to_string)
                .collect();
            titles.entry(w[0].clone()).or_default().push(w);
        }
        for l in titles.values_mut() {
            l.sort_by_key(|w| std::cmp::Reverse(w.len()));
        }
        Tables {
            titles_by_hash: crate::text::by_hash(&titles),
            titles,
            not_names: NOT_NAMES
                .iter()
                .chain(PRONOUNS)
                .copied()
                .chain(vietdex_tokenize::type_words::first_syllables())
                .collect(),
        }
    })
}

/// Marks the first syllables of titles, the words that are no names and
/// the birth-order words ([`crate::words`]).
pub(crate) fn classify(add: &mut dyn FnMut(&str, u32)) {
    let t = tables();
    for w in t.titles.keys() {
        add(w, words::TITLE);
    }
    for w in &t.not_names {
        add(w, words::NOT_NAME);
    }
    for w in ORDERS {
        add(w, words::ORDER);
    }
    for w in LONE_NAME_CUES {
        add(w, words::LONE_NAME_CUE);
    }
    for w in CLAUSE_OPENERS {
        add(w, words::CLAUSE_OPENER);
    }
    for (c, _) in CALLINGS {
        if let Some(w) = c.last() {
            add(w, words::CALLING_END);
        }
    }
    for (w, _) in NAME_OPENED_TITLES {
        add(w, words::NAME_TITLE);
    }
    for w in FOREIGN_GIVEN_NAMES
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        add(&normalize(w), words::FOREIGN_GIVEN);
    }
}

/// Foreign first names, which open a foreign full name written without a
/// title (`Juan Mata`).
const FOREIGN_GIVEN_NAMES: &str = include_str!("../data/foreign_given_names.txt");

/// Words of an English name that make it a business's, a place's, an
/// event's or a product's, not a person's (`Kylie Cosmetics`, `Oliver
/// Design`, `Martin Luther King Jr. Center`), folded.
const NOT_PERSON_WORDS: &[&str] = &[
    "airlines",
    "airport",
    "airways",
    "arena",
    "avenue",
    "award",
    "awards",
    "bank",
    "bar",
    "bay",
    "beach",
    "bridge",
    "cafe",
    "capital",
    "castle",
    "cathedral",
    "center",
    "centre",
    "church",
    "city",
    "clinic",
    "club",
    "collection",
    "college",
    "company",
    "corp",
    "corporation",
    "cosmetics",
    "county",
    "cup",
    "design",
    "edition",
    "entertainment",
    "fc",
    "festival",
    "foundation",
    "fund",
    "games",
    "global",
    "group",
    "hall",
    "harbor",
    "harbour",
    "holdings",
    "horizon",
    "hospital",
    "hotel",
    "house",
    "inc",
    "institute",
    "international",
    "island",
    "lake",
    "league",
    "mall",
    "media",
    "motors",
    "mountain",
    "museum",
    "open",
    "palace",
    "park",
    "partners",
    "pictures",
    "plaza",
    "port",
    "prize",
    "records",
    "resort",
    "restaurant",
    "river",
    "road",
    "school",
    "series",
    "shop",
    "show",
    "square",
    "stadium",
    "station",
    "store",
    "street",
    "studio",
    "studios",
    "tour",
    "tower",
    "trophy",
    "tunnel",
    "united",
    "university",
    "valley",
    "ventures",
];

/// Words that open a sentence or a clause, far more often words than
/// given names: prepositions and conjunctions (`Theo`, `Tại`, `Trong`,
/// `Khi`, `Nhưng`), determiners (`Các`, `Những`, `Mỗi`), words of time
/// (`Sau`, `Buổi`, `Chiều`, `Hôm`, `Tháng`), auxiliaries and verbs that
/// open a sentence (`Đã`, `Được`, `Nói`, `Cho`, `Là`). Capitalized after
/// a name and before a word in lower case or a number, such a word opens
/// the sentence whose stop the text lost (`… Lâm Văn Tú Nói về …`,
/// `… Hà Văn Tám Tại nhà …`): the name ends before it
/// ([`name_goes_on`]).
const CLAUSE_OPENERS: &[&str] = &[
    "trong", "theo", "sau", "các", "những", "trước", "khi", "nếu", "ngoài", "nhưng", "người",
    "với", "tại", "điều", "bên", "do", "để", "việc", "và", "ngay", "đến", "cũng", "về", "còn",
    "được", "chỉ", "trên", "đối", "bởi", "mỗi", "cuộc", "lúc", "vào", "qua", "thậm", "hàng",
    "ngày", "cuối", "hãy", "tất", "vậy", "cho", "tiếp", "nói", "đáng", "riêng", "là", "chưa",
    "mọi", "rất", "làm", "dưới", "đã", "hôm", "nhờ", "buổi", "chiều", "tối", "trưa", "đêm", "tuần",
    "tháng", "sẽ", "đang", "vừa", "bị", "ở",
];

/// Titles of two syllables whose first syllable opens many names (`Hoàng`,
/// `Thái`, `Công`, `Quốc`, `Nhật`, `Thống`): not in [`TITLES`],
/// whose first syllables the name rules take for no name's; found by
/// their second syllable, in lower case (`Hoàng tử William`, `Thống đốc
/// Larry Hogan`, `Hoa hậu Thu Ngân`; not `Hoàng Tử` of a name).
const NAME_OPENED_TITLES: &[(&str, &str)] = &[
    ("hoàng", "tử"),
    ("hoàng", "hậu"),
    ("hoàng", "đế"),
    ("thái", "tử"),
    ("công", "chúa"),
    ("công", "nương"),
    ("quốc", "vương"),
    ("nhật", "hoàng"),
    ("thống", "đốc"),
    ("hoa", "hậu"),
    ("hòa", "thượng"),
];

/// The length of the title at token `i`, if one starts there.
#[inline]
fn title_at(toks: &[Token], i: usize) -> Option<usize> {
    // Asked of nearly every token: the class bits answer most of them
    // without a call.
    let t = &toks[i];
    if t.is(words::TITLE) {
        title_len(toks, i)
    } else if t.is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME)
        && t.is(words::NAME_TITLE)
    {
        name_opened_title(toks, i)
    } else {
        None
    }
}

/// [`NAME_OPENED_TITLES`] at token `i`: a given, middle or family name
/// before a syllable in lower case that closes such a title.
#[inline(never)]
fn name_opened_title(toks: &[Token], i: usize) -> Option<usize> {
    // The titles' syllables by hash, compared first ([`Token::hash`]).
    static HASHES: OnceLock<Vec<(u64, u64)>> = OnceLock::new();
    let hashes = HASHES.get_or_init(|| {
        NAME_OPENED_TITLES
            .iter()
            .map(|(a, b)| (crate::text::word_hash(a), crate::text::word_hash(b)))
            .collect()
    });
    let (t, n) = (&toks[i], toks.get(i + 1)?);
    (!n.capitalized
        && contiguous(toks, i + 1)
        && NAME_OPENED_TITLES
            .iter()
            .zip(hashes)
            .any(|((a, b), &(ha, hb))| {
                t.hash == ha && n.hash == hb && t.exact == *a && n.exact == *b
            }))
    .then_some(2)
}

/// Claims tokens `i` and `i + 1` as one person's name.
fn claim_two(claimed: &mut [bool], persons: &mut Vec<Person>, i: usize) {
    claimed[i..i + 2].iter_mut().for_each(|c| *c = true);
    persons.push(Person {
        start: i,
        end: i + 2,
        role: None,
    });
}

/// Whether a title ends right before token `k` (`Tổng thống` | `Mỹ`).
pub(crate) fn title_before(toks: &[Token], k: usize) -> bool {
    (k.saturating_sub(4)..k).any(|s| title_at(toks, s) == Some(k - s))
}

/// Whether a title, or a title and a country, comes right before token
/// `k` (`Tổng thống` | `Donald`, `Tổng thống Mỹ` | `Donald`).
fn after_title(toks: &[Token], k: usize) -> bool {
    title_before(toks, k)
        || (1..=3).filter(|&w| w < k).any(|w| {
            crate::landmarks::country_at(toks, k - w) == Some(w) && title_before(toks, k - w)
        })
}

/// [`title_at`] for a token of the title class.
#[inline(never)]
fn title_len(toks: &[Token], i: usize) -> Option<usize> {
    let list = tables().titles_by_hash.get(&toks[i].hash)?;
    list.iter()
        .find(|w| {
            w.len() <= toks.len() - i
                && w.iter()
                    .enumerate()
                    .all(|(k, s)| toks[i + k].exact == *s && (k == 0 || contiguous(toks, i + k)))
        })
        .map(Vec::len)
}

/// Words for a person's standing in a case or a school before initials
/// (`nạn nhân N.A.T`, `học sinh N.K`).
const INITIALS_STANDING: &[(&str, &str)] = &[
    ("nạn", "nhân"),
    ("bệnh", "nhân"),
    ("học", "sinh"),
    ("sinh", "viên"),
    ("bị", "can"),
    ("bị", "cáo"),
    ("nghi", "phạm"),
];

/// Whether a token's text is two to four initials joined by full stops,
/// each a capital letter, or a capital and a letter in lower case
/// (`N.H.N`, `L.T.H`, `N.Th.H`); not a word (`TP.HCM`, `Q.1`, `P.Phạm`).
fn dotted_initials(s: &str) -> bool {
    // Without a full stop the text is one part: most tokens.
    if !s.contains('.') {
        return false;
    }
    let parts: Vec<&str> = s.trim_end_matches('.').split('.').collect();
    (2..=4).contains(&parts.len())
        && parts.iter().all(|p| {
            let mut c = p.chars();
            c.next().is_some_and(char::is_uppercase)
                && match (c.next(), c.next()) {
                    (None, _) => true,
                    (Some(l), None) => l.is_lowercase(),
                    _ => false,
                }
        })
}

/// An initial: one capital letter written with its full stop (`H.`).
#[inline]
fn initial(toks: &[Token], text: &str, i: usize) -> bool {
    let t = &toks[i];
    // One letter is at most four bytes: most tokens fail that first.
    t.end - t.start <= 4
        && t.capitalized
        && t.exact.chars().count() == 1
        && text[t.end..].trim_start_matches(' ').starts_with('.')
}

/// The end of a name starting at token `i`: up to four contiguous
/// capitalized syllables, or one initial.
fn name_from(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    claimed: &[bool],
    i: usize,
) -> Option<usize> {
    name_after_title(seg, toks, text, claimed, i, false)
}

/// As [`name_from`]; after a form of address (`ông`, `chị`), a name of one
/// syllable may also be a word that opens an institution's name (`ông
/// Chính`, `ông Quốc`).
fn name_after_title(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    claimed: &[bool],
    i: usize,
    address: bool,
) -> Option<usize> {
    let t = toks.get(i)?;
    // `U23 Việt Nam`: a team or a model, not a name.
    if claimed[i] || !t.capitalized || t.all_caps || !contiguous(toks, i) || has_digit(t) {
        return None;
    }
    if initial(toks, text, i) {
        return Some(i + 1);
    }
    let one = !toks
        .get(i + 1)
        .is_some_and(|n| n.capitalized && contiguous(toks, i + 1));
    // The first syllable of an institution's word, before a capitalized
    // syllable with which it makes no word, opens a name (`Chủ tịch Tập
    // Cận Bình`, `tiền vệ Văn Toàn`; not `Tập đoàn`, `Văn phòng`).
    // Nor does that syllable open a word with the one after it (`Trường
    // Tiểu học`, `Tổng Liên đoàn`).
    let opens_name = WORD_OPENERS.contains(&t.exact.as_str())
        && toks.get(i + 1).is_some_and(|n| {
            n.capitalized
                && !n.all_caps
                && n.gap_is(gap::SPACE)
                && !seg.is_word_pair(&t.exact, &n.exact)
                && !toks.get(i + 2).is_some_and(|m| {
                    !m.capitalized
                        && contiguous(toks, i + 2)
                        && seg.is_word_pair(&n.exact, &m.exact)
                })
        });
    // A head word of a body opens no name (`Chủ tịch Quỹ …`), unless it is
    // also a family name (`diễn viên Cao Hổ`).
    let free = opens_name || (address && one);
    if !free && (t.is(words::NOT_NAME) || (t.is(words::ORG_HEAD) && !t.is(words::SURNAME))) {
        return None;
    }
    // `ông Trưởng ban Dân vận`, `bà Chủ tịch`: a title after a form of
    // address is the title, no name.
    if address
        && one
        && t.is(words::ROLE)
        && crate::people::role_at(toks, i, false).is_some_and(|n| n >= 2)
    {
        return None;
    }
    Some(name_end(seg, text, toks, claimed, i))
}

/// The end of a person's name whose first syllable is token `i`: up to
/// four syllables, each unclaimed and going on the name
/// ([`name_goes_on`]).
pub(crate) fn name_end(
    seg: &vietdex_tokenize::Segmenter,
    text: &str,
    toks: &[Token],
    claimed: &[bool],
    i: usize,
) -> usize {
    let mut j = i + 1;
    while j < toks.len()
        && j < i + 4
        && !claimed[j]
        && let Some(more) = name_goes_on(seg, text, toks, j)
    {
        j += 1;
        if !more {
            break;
        }
    }
    // Where the next sentence opens at `j`, the capitalized words before
    // it that end no name, a word opening a clause or a body's head word
    // (`Theo` of `Theo Đời sống`, `Bộ` of `Bộ Giáo dục`), open it too.
    if j < toks.len()
        && !claimed[j]
        && toks[j].gap_is(gap::SPACE)
        && opens_next_sentence(seg, toks, j)
    {
        while j > i + 1
            && toks[j - 1].is(words::CLAUSE_OPENER | words::NOT_NAME | words::ORG_HEAD)
            && !toks[j - 1].is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME)
        {
            j -= 1;
        }
    }
    j
}

/// Whether token `k` goes on a person's name begun before it, and if so
/// whether the name may go on after it: a capitalized syllable after white
/// space may be followed by more (`Some(true)`), and so may one after a
/// hyphen written tight to a capitalized syllable when either side is no
/// Vietnamese syllable (`Lee Seung-Woo`, `Jean-Pierre`; not `Lâm-Đà Lạt`,
/// two Vietnamese names); a syllable in lower case after such a hyphen
/// (`Kim Jong-un`, `Park Hang-seo`) is the name's last (`Some(false)`).
/// A capitalized syllable that opens the next sentence, whose stop the
/// text lost, goes on no name ([`opens_next_sentence`]).
/// Byte tests, and one lookup in the lexicon where that may be so.
#[inline]
pub(crate) fn name_goes_on(
    seg: &vietdex_tokenize::Segmenter,
    text: &str,
    toks: &[Token],
    k: usize,
) -> Option<bool> {
    let t = &toks[k];
    if k == 0 || t.all_caps || t.digits || opens_next_sentence(seg, toks, k) {
        return None;
    }
    // A title of two syllables, capitalized on the first (`Trung vệ`,
    // `Tiền đạo` in a list of players), opens the next entry.
    if t.capitalized
        && t.is(words::TITLE)
        && toks.get(k + 1).is_some_and(|n| !n.capitalized)
        && title_at(toks, k).is_some_and(|n| n >= 2)
    {
        return None;
    }
    // A form of address that is no name (`Ông`, `Bà`, not `Anh`) before
    // a family name opens the next sentence, whose stop the text lost
    // (`em ông Tân` | `Ông Dương Hồng Tân …`).
    if t.capitalized
        && t.is(words::TITLE)
        && !t.is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME)
        && title_at(toks, k) == Some(1)
        && toks
            .get(k + 1)
            .is_some_and(|n| n.capitalized && n.is(words::SURNAME) && n.gap_is(gap::SPACE))
    {
        return None;
    }
    if t.gap_is(gap::SPACE) {
        return t.capitalized.then_some(true);
    }
    let prev = &toks[k - 1];
    let tight = t.gap_is(gap::DASH)
        && t.start == prev.end + 1
        && text.as_bytes()[t.start - 1] == b'-'
        && prev.capitalized;
    if !tight {
        return None;
    }
    if !t.capitalized {
        return Some(false);
    }
    (!(vietnamese_shape(&prev.folded) && vietnamese_shape(&t.folded))).then_some(true)
}

/// Whether the capitalized syllable at `k`, after a name begun before it,
/// opens the next sentence rather than going on the name, as where the
/// text lost a sentence's stop or joined a heading to the lead (`… Lâm
/// Văn Tú Nói về …`, `… Hà Văn Tám Tại nhà …`, `… Đồng Xuân Buổi họp
/// …`): decided by what follows it, a word in lower case (or a number)
/// in the same sentence, and by the syllable being a word that opens
/// clauses ([`CLAUSE_OPENERS`]), or a word of the lexicon and no name's
/// syllable that makes a word with the one after it (`Nhân viên`, `Đời
/// sống`, `Tuy nhiên`) and whose second syllable makes no word with the
/// third. A given, middle or family name goes on the name
/// (`Nguyễn Văn Thành lập …` is rare, `Nguyễn Văn Thành` common); so
/// does any syllable before a mark, a line's end or a capitalized word.
#[inline]
pub(crate) fn opens_next_sentence(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    k: usize,
) -> bool {
    let t = &toks[k];
    if !t.capitalized || !t.is(words::CLAUSE_OPENER | words::WORD) {
        return false;
    }
    let Some(n) = toks.get(k + 1) else {
        return false;
    };
    if n.capitalized || !n.gap_is(gap::SPACE) {
        return false;
    }
    if t.is(words::CLAUSE_OPENER) {
        return true;
    }
    // The word it makes with the next syllable, not a word that syllable
    // makes with the one after it (`Trực` | `tiếp lời`, where a name
    // missing from the lists may end before `tiếp lời`).
    !n.digits
        && !t.is(words::GIVEN_NAME | words::MIDDLE_NAME | words::SURNAME)
        && seg.is_word(&crate::text::pair(&t.exact, &n.exact))
        && !toks.get(k + 2).is_some_and(|m| {
            !m.capitalized
                && m.gap_is(gap::SPACE)
                && seg.is_word(&crate::text::pair(&n.exact, &m.exact))
        })
}

/// Callings that introduce experts, spokesmen and business people by
/// their name, which the press gives foreign names after (`chuyên gia`,
/// `người phát ngôn`, `CEO`), each split into its syllables, and whether
/// a body's name may follow the calling too (`CEO Apple`, `nhà đầu tư
/// Samsung`): then only a known given name opens the name (`CEO Tim
/// Cook`), or a body's name of one word comes before it (`CEO Apple Tim
/// Cook`).
const CALLINGS: &[(&[&str], bool)] = &[
    (&["chuyên", "gia"], false),
    (&["nhà", "nghiên", "cứu"], false),
    (&["nhà", "khoa", "học"], false),
    (&["nhà", "kinh", "tế", "học"], false),
    (&["nhà", "sử", "học"], false),
    (&["nhà", "hoạt", "động"], false),
    (&["nhà", "thiết", "kế"], false),
    (&["phát", "ngôn", "viên"], false),
    (&["người", "phát", "ngôn"], false),
    (&["doanh", "nhân"], false),
    (&["đạo", "diễn"], false),
    (&["tài", "tử"], false),
    (&["người", "mẫu"], false),
    (&["danh", "thủ"], false),
    (&["tác", "giả"], false),
    (&["nhiếp", "ảnh", "gia"], false),
    (&["đô", "đốc"], false),
    (&["nhà", "phân", "tích"], true),
    (&["nhà", "sáng", "lập"], true),
    (&["đồng", "sáng", "lập"], true),
    (&["nhà", "đầu", "tư"], true),
    (&["giám", "đốc", "điều", "hành"], true),
    (&["ceo"], true),
];

/// The calling ([`CALLINGS`]) that ends right before token `k`, its
/// syllables joined, in either case: whether a body's name may follow
/// it.
fn calling_before(toks: &[Token], k: usize) -> Option<bool> {
    // Asked of capitalized tokens: the class bit of the token before
    // answers most of them.
    if k == 0 || !toks[k - 1].is(words::CALLING_END) {
        return None;
    }
    CALLINGS
        .iter()
        .find(|(c, _)| {
            c.len() <= k
                && c.iter().enumerate().all(|(n, w)| {
                    let j = k - c.len() + n;
                    toks[j].exact == *w && (n == 0 || contiguous(toks, j))
                })
        })
        .map(|&(_, bodies)| bodies)
}

/// Whether an office, a title or a calling that introduces experts
/// ([`title_before`], [`CALLINGS`] no body's name follows) ends before
/// token `i` across one to three words that qualify it, in the same
/// clause: a field or a qualifier of two syllables, the second in lower
/// case (`chuyên gia quân sự`, `tiền đạo tân binh`, `Bộ trưởng Quốc
/// phòng`), a country (`Bộ trưởng Quốc phòng Mỹ`), or a nationality
/// (`tiền đạo người Thụy Điển`); not a body's name opened by its head
/// word, nor after a title of royalty that the press gives in jest.
fn office_before_foreign(seg: &vietdex_tokenize::Segmenter, toks: &[Token], i: usize) -> bool {
    // A word that opens no qualifier: a role's end, a title, a number, or
    // a body's head word, which opens the body's name (`chủ tịch Công ty`
    // | `Keangnam Vina`).
    let no_qualifier = |j: usize| {
        toks[j].is(words::ROLE_STOP | words::TITLE)
            || toks[j].digits
            || (toks[j].is(words::ORG_HEAD) && crate::orgs::head_len_at(toks, j).is_some())
    };
    let mut k = i;
    for _ in 0..3 {
        if !contiguous(toks, k) || k < 2 {
            return false;
        }
        if let Some(w) =
            (1..=3).find(|&w| w < k && crate::landmarks::country_at(toks, k - w) == Some(w))
        {
            k -= w;
            if k > 0 && toks[k - 1].exact == "người" && contiguous(toks, k) {
                k -= 1;
            }
        } else if !toks[k - 1].capitalized
            && contiguous(toks, k - 1)
            && !no_qualifier(k - 2)
            && seg.is_word_pair(&toks[k - 2].exact, &toks[k - 1].exact)
        {
            k -= 2;
        } else {
            return false;
        }
        // Not a title of royalty the press gives in jest (`vua phá lưới`
        // | `Premier League`).
        if k < i
            && contiguous(toks, k)
            && ((title_before(toks, k) && !FIGURATIVE.contains(&toks[k - 1].exact.as_str()))
                || calling_before(toks, k) == Some(false))
        {
            return true;
        }
    }
    false
}

/// Whether a token holds a digit.
fn has_digit(t: &Token) -> bool {
    t.exact.bytes().any(|b| b.is_ascii_digit())
}

/// Whether tokens `a..b` are the name of a province or district (`Chủ
/// tịch Hà Nội`: the city's chairman, not a person named Hà Nội).
fn unit_name(g: &crate::gazetteer::Gazetteer, toks: &[Token], a: usize, b: usize) -> bool {
    let key: Vec<&str> = toks[a..b].iter().map(|t| t.exact.as_str()).collect();
    g.lookup(&key.join(" ")).iter().any(|&u| {
        matches!(
            g.unit(u).level,
            crate::gazetteer::Level::Province | crate::gazetteer::Level::District
        )
    })
}

/// Finds names after titles, then later references to every name found
/// (by `people` or here), outside `claimed` tokens; adds them to `persons`
/// and claims them. Two passes over the tokens, hash lookups only.
pub fn titled_people(
    g: &crate::gazetteer::Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    marks: &[u64],
    claimed: &mut [bool],
    persons: &mut Vec<Person>,
) {
    // One syllable that opens a word with the next (`Hoạt động`, `Thanh
    // niên`) is that word, not a name.
    let opens_word = |i: usize, end: usize| {
        end == i + 1
            && toks.get(end).is_some_and(|n| {
                !n.capitalized
                    && contiguous(toks, end)
                    && seg.is_word_pair(&toks[i].exact, &n.exact)
            })
    };
    let mut i = 0;
    // A title opens at a title's syllable or at a name that opens one
    // (`hoàng tử`): most tokens are neither, told by their marks.
    let opens = mark::class(words::TITLE | words::NAME_TITLE);
    loop {
        i = next_marked(marks, i, opens);
        if i >= toks.len() {
            break;
        }
        if claimed[i] {
            i += 1;
            continue;
        }
        // A capitalized title of one syllable inside a sentence is part of
        // a name (`Bà Rịa`, `Ông Ích Khiêm`); one of two or more is the
        // title the press capitalizes (`, Tổng thống Putin`).
        // A title written in capitals (`HLV`, `GS`) is an abbreviation,
        // no syllable of a name.
        let inside_name =
            |i: usize| toks[i].capitalized && !toks[i].all_caps && !sentence_start(toks, i);
        // A form of address that closes a word begun before it is that
        // word (`trẻ em`, `thằng em`), unless that word is two forms of
        // address (`ông bà`, `anh em`).
        let closes_word = |i: usize, len: usize| {
            len == 1
                && i > 0
                && contiguous(toks, i)
                && !toks[i - 1].is(words::TITLE)
                && seg.is_word_pair(&toks[i - 1].exact, &toks[i].exact)
        };
        let Some(len) =
            title_at(toks, i).filter(|&len| (len > 1 || !inside_name(i)) && !closes_word(i, len))
        else {
            i += 1;
            continue;
        };
        let mut at = i + len;
        let address = len == 1 && ADDRESS.contains(&toks[i].exact.as_str());
        // `Tổng thống Mỹ Donald Trump`, `Chủ tịch Trung Quốc Tập Cận
        // Bình`: an office, its country, then a name of two or more
        // syllables.
        // A one-syllable country before a one-syllable name only when
        // that name is no Vietnamese syllable (`Tổng thống Syria Assad`;
        // `Thủ tướng Anh Tuấn` may be a person named Anh Tuấn).
        if !address
            && let Some(w) = crate::landmarks::country_at(toks, at)
            && name_after_title(seg, toks, text, claimed, at + w, false).is_some_and(|e| {
                e >= at + w + 2
                    || (e > at + w && (w >= 2 || !vietnamese_shape(&toks[at + w].folded)))
            })
        {
            at += w;
        }
        // A capitalized title opening a sentence that makes a unit's name
        // with the syllable after it
        // (`Bà Rịa`) is that unit when a dash joins it to another name
        // (`Bà Rịa - Vũng Tàu`); alone it may be a person (`Anh Sơn`).
        let title_in_unit = |end: usize| {
            toks[i].capitalized
                && at == i + len
                && ((end > at + 1 && unit_name(g, toks, i, end))
                    || (unit_name(g, toks, i, at + 1)
                        && toks
                            .get(at + 1)
                            .is_some_and(|n| n.capitalized && n.gap_is(gap::DASH))))
        };
        // The head of a body before one syllable that is no Vietnamese one
        // (`Chủ tịch Novaland`): the body's name.
        let body_named = |end: usize| {
            end == at + 1
                && !vietnamese_shape(&toks[at].folded)
                && BODY_HEADS.iter().any(|h| {
                    h.split(' ')
                        .eq(toks[i..i + len].iter().map(|t| t.exact.as_str()))
                })
        };
        // A country's or a city's name of two or more syllables after a
        // title is no person's (`Cúp Nhà Vua Tây Ban Nha`); one of one
        // syllable may be a given name (`ông Thái`, `mẹ con Mỹ`).
        let world = |end: usize| {
            end >= at + 2
                && toks[at].is(words::WORLD)
                && crate::landmarks::world_name(
                    &toks[at..end]
                        .iter()
                        .map(|t| t.exact.as_str())
                        .collect::<Vec<_>>()
                        .join(" "),
                )
        };
        // A title of royalty the press also gives in jest, in quotation
        // marks (`"nữ hoàng Bikini"`), or before one syllable that is a
        // word and no given name (`vua Lỗ`, a state's king), names no
        // one.
        let in_jest = |end: usize| {
            FIGURATIVE.contains(&toks[i + len - 1].exact.as_str())
                && (text[..toks[i].start].ends_with(['"', '“', '\''])
                    || (end == at + 1
                        && toks[at].is(words::WORD)
                        && !toks[at].is(words::GIVEN_NAME)))
        };
        // A beauty title before one Vietnamese syllable that goes on in
        // lower case names the contest (`Hoa hậu Hoàn vũ`), no one.
        let contest = |end: usize| {
            end == at + 1
                && toks[i + len - 1].exact == "hậu"
                && vietnamese_shape(&toks[at].folded)
                && toks
                    .get(end)
                    .is_some_and(|n| !n.capitalized && !n.digits && n.gap_is(gap::SPACE))
        };
        // After a dash set apart, one word before a colon is a label
        // (`… các thẩm phán - Ảnh: CNN`), where a name may stand in
        // apposition (`vợ - Hari Won`).
        let label = |end: usize| {
            end == at + 1
                && crate::text::set_apart(text, toks, at)
                && text[toks[at].end..].starts_with(':')
        };
        match name_after_title(seg, toks, text, claimed, at, address).filter(|&end| {
            !label(end)
                && !contest(end)
                && !opens_word(at, end)
                && !unit_name(g, toks, at, end)
                && !world(end)
                && !in_jest(end)
                && !title_in_unit(end)
                && !body_named(end)
        }) {
            Some(end) => {
                claimed[at..end].iter_mut().for_each(|c| *c = true);
                persons.push(Person {
                    start: at,
                    end,
                    role: None,
                });
                i = end;
                // The second name of a pair.
                let pair = len == 2
                    && PAIRS.iter().any(|p| {
                        p.split(' ')
                            .zip(&toks[at - len..at])
                            .all(|(w, t)| t.exact == w)
                    });
                let second = match toks.get(end) {
                    Some(n) if pair && n.exact == "và" => Some(end + 1),
                    Some(_)
                        if pair
                            && matches!(
                                text[toks[end - 1].end..toks[end].start].trim(),
                                "-" | "–" | "&"
                            ) =>
                    {
                        Some(end)
                    }
                    _ => None,
                };
                if let Some(second) = second
                    && let Some(e2) = name_from(seg, toks, text, claimed, second)
                        .filter(|&e2| !opens_word(second, e2))
                {
                    claimed[second..e2].iter_mut().for_each(|c| *c = true);
                    persons.push(Person {
                        start: second,
                        end: e2,
                        role: None,
                    });
                    i = e2;
                }
            }
            None => i = at,
        }
    }
    // The rules below open at a capitalized token: they visit those
    // alone (about one token in seven in news).
    // And the tokens of one byte in lower case, for the initials in lower
    // case below (`h.`), found in the same pass.
    let mut caps: Vec<usize> = Vec::new();
    let mut letters: Vec<usize> = Vec::new();
    for (i, &m) in marks.iter().enumerate() {
        if m & mark::CAPITALIZED != 0 {
            caps.push(i);
        } else if m & mark::ONE_BYTE != 0 {
            letters.push(i);
        }
    }
    // Initials joined by full stops (`N.H.N.`, `L.T.H`), one token: a
    // person the text keeps anonymous, after a form of address or a word
    // for one's standing in a case (`chị N.H.N.`, `cháu N.V.A`, `nạn
    // nhân N.A.T`) or before an age (`N.V.A, 5 tuổi`). Not after a
    // calling (`tiền đạo M.U`, a club), nor joined to another capitalized
    // word, part of a longer name (`HLV K.H Weigang`, `Y Khương M.L.`).
    for &i in &caps {
        let t = &toks[i];
        // The token's own shape first: nearly every token fails it.
        if claimed[i] || !dotted_initials(&text[t.start..t.end]) {
            continue;
        }
        let addressed = i > 0
            && t.gap_is(gap::SPACE)
            && (ADDRESS.contains(&toks[i - 1].exact.as_str())
                || (i > 1
                    && contiguous(toks, i - 1)
                    && INITIALS_STANDING
                        .iter()
                        .any(|(a, b)| toks[i - 2].exact == *a && toks[i - 1].exact == *b)));
        if (addressed || !after_capital(toks, i))
            && !toks
                .get(i + 1)
                .is_some_and(|n| n.capitalized && n.gap_is(gap::SPACE))
            && (addressed || crate::person_cues::person_cue(seg, toks, i, i + 1) == Cue::OnlyPerson)
        {
            claimed[i] = true;
            persons.push(Person {
                start: i,
                end: i + 1,
                role: None,
            });
        }
    }
    // An initial alone, before a lower-case word (`… , K. sắm …`, `H. đi
    // …` opening a sentence): a person kept anonymous. Not `Q.1`,
    // `P.Phạm`, nor after a word that makes it a brand, a place or a team
    // (`hãng F.`, `tại H.`).
    for &i in &caps {
        if !claimed[i]
            && marks[i] & mark::SHORT != 0
            && initial(toks, text, i)
            && !after_capital(toks, i)
            && !after_lone_name_cue(toks, i)
            && toks.get(i + 1).is_some_and(|n| {
                !n.capitalized
                    && !n.digits
                    && text[toks[i].end..n.start].trim() == "."
                    && text[toks[i].end..n.start].ends_with(' ')
            })
        {
            claimed[i] = true;
            persons.push(Person {
                start: i,
                end: i + 1,
                role: None,
            });
        }
    }
    // An initial in lower case inside a sentence, as some texts write the
    // name they keep anonymous (`khuya h. hút …`, `đụng m . " khùng "`):
    // one letter after a word in lower case or a comma (not a number:
    // `5 h.`, `3 m.`), its full stop set apart by a space after it, then a word in
    // lower case or a quotation mark. Not `v.v.`.
    for &i in &letters {
        let t = &toks[i];
        if i == 0 || claimed[i] || !t.exact.as_bytes()[0].is_ascii_lowercase() {
            continue;
        }
        let prev = &toks[i - 1];
        let after = &text[t.end..];
        let dot = after.strip_prefix(" .").or_else(|| after.strip_prefix('.'));
        if t.exact != "v"
            && !prev.capitalized
            && !prev.digits
            && prev.end - prev.start > 1
            && text[prev.end..t.start].ends_with(' ')
            && matches!(text[prev.end..t.start].trim(), "" | ",")
            && let Some(rest) = dot
            && rest.starts_with(' ')
            && rest
                .trim_start()
                .starts_with(|c: char| c.is_lowercase() || matches!(c, '"' | '“'))
            && toks.get(i + 1).is_none_or(|n| !n.capitalized && !n.digits)
        {
            claimed[i] = true;
            persons.push(Person {
                start: i,
                end: i + 1,
                role: None,
            });
        }
    }
    // A name of one or two syllables before a verb of saying (`Mười cho
    // biết`, `Dương Tuấn nói`), not a title or an institution, nor the end
    // of a body's name (`Công ty Bảo Hưng nói`), here or elsewhere in the
    // text ([`body_name_ends`], found when first needed).
    let mut bodied: Option<HashSet<(u64, u64)>> = None;
    let mut next = 0;
    for &i in &caps {
        // The checks on the token's marks first: most tokens fail them.
        if i < next
            || claimed[i]
            || marks[i] & (mark::ALL_CAPS | mark::class(words::TITLE | words::NOT_NAME)) != 0
            || after_capital_marked(marks, i)
        {
            continue;
        }
        let t = &toks[i];
        if t.all_caps
            || after_capital(toks, i)
            || t.is(words::TITLE | words::NOT_NAME)
            || (t.is(words::INTERNATIONAL)
                && (crate::orgs::one_word_known(&t.exact) || crate::orgs::known_name_at(toks, i)))
            || has_digit(t)
        {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j < i + 3
            && !claimed[j]
            && toks[j].capitalized
            && !toks[j].all_caps
            && contiguous(toks, j)
        {
            j += 1;
        }
        // A lone syllable opening a sentence that is also a word (`Vừa
        // nói …`, `Sau kể …`) needs the stronger `cho biết`; one that is
        // no word of the lexicon (`Tuấn nói`) is a name.
        let lone_start =
            j == i + 1 && sentence_start(toks, i) && t.is(words::WORD) && !t.is(words::GIVEN_NAME);
        let says = toks.get(j).is_some_and(|v| {
            contiguous(toks, j)
                && !v.capitalized
                && ((SAYS.contains(&v.exact.as_str()) && !lone_start)
                    || (v.exact == "cho" && toks.get(j + 1).is_some_and(|b| b.exact == "biết")))
        });
        // `Sở Xây dựng Long An cho biết`: a province or district speaks
        // through its bodies; its name is no person's.
        let unit = says
            && (unit_name(g, toks, i, j)
                || (j == i + 1
                    && t.is(words::WORLD)
                    && crate::landmarks::one_syllable_world(&t.exact, false)));
        if says
            && !unit
            && (j != i + 1 || !after_lone_name_cue(toks, i))
            && (i..j).all(|k| !claimed[k])
            && !opens_word(i, j)
            && !names_a_school(seg, toks, i)
            && !names_a_thing(toks, i)
            && !(j == i + 2
                && (org_head_before(seg, toks, i)
                    || bodied
                        .get_or_insert_with(|| body_name_ends(seg, toks, marks))
                        .contains(&(toks[i].hash, toks[i + 1].hash))))
        {
            // `Bộ trưởng Quốc phòng Mỹ James Mattis nói`: a country's name
            // of one word before a foreign name is no part of it (`Mỹ Linh
            // nói` is a name, and so is `Sydney Brown`: a city's).
            let from = if j > i + 1
                && t.is(words::WORLD)
                && crate::landmarks::one_syllable_world(&t.exact, true)
                && !vietnamese_shape(&toks[i + 1].folded)
            {
                i + 1
            } else {
                i
            };
            claimed[from..j].iter_mut().for_each(|c| *c = true);
            persons.push(Person {
                start: from,
                end: j,
                role: None,
            });
        }
        next = j;
    }
    // Southern names by birth order (`Hai Địa`, `Sáu Kế`, `Út Tịch`): an
    // order word and a capitalized syllable, inside a sentence, that are
    // not a place's name (`Ba Đình`, `Ba Lan` are claimed before), nor a
    // people's after `người` (`người Ba Tàu`).
    let mut next = 1;
    for &i in &caps {
        if i < next || i + 1 >= toks.len() || marks[i] & mark::class(words::ORDER) == 0 {
            continue;
        }
        let t = &toks[i];
        if !claimed[i]
            && !claimed[i + 1]
            && t.is(words::ORDER)
            && !sentence_start(toks, i)
            && !after_lone_name_cue(toks, i)
            && (!after_capital(toks, i) || after_opener(toks, i))
            && let Some(end) = name_from(seg, toks, text, claimed, i + 1)
            && end == i + 2
            && g.lookup(&crate::text::pair(&t.exact, &toks[i + 1].exact))
                .is_empty()
        {
            claimed[i..end].iter_mut().for_each(|c| *c = true);
            persons.push(Person {
                start: i,
                end,
                role: None,
            });
            next = end;
        }
    }
    // A given name alone inside a sentence (`nhận Vy vào làm`, `, Tuấn
    // về nhà`): one syllable capitalized, not joined to another capitalized
    // one nor to letters by a dot or a hyphen (`Co.op`), in no mixed case
    // (`IoT`), shaped as a Vietnamese syllable among Vietnamese words (not
    // `Covid`, `Grab`, `Now on Tap`), that no list knows as something
    // else, after no word that makes it a place, a people, a language or
    // a title (`tại`, `người`, `tiếng`, `phim`). A syllable that is also a
    // word or a family name (`Hoa`, `Cuộc`, `Lễ`) opens many capitalized
    // phrases (`của Cuộc gặp`, `cùng Lễ thắp nến`): it is a name only
    // after a word that takes a person and before a clause's end or a
    // word that follows a subject (`của Hoa.`, `cho Mai đã`). Opening a
    // sentence, a name is only found as a name known in the text (below).
    for &i in &caps {
        // The token's own shape first, told by its mark: most tokens fail
        // it.
        if claimed[i]
            || marks[i] & mark::NAME_LIKE == 0
            || marks[i] & mark::class(words::PLACE_HEAD | words::TYPE_WORD) != 0
        {
            continue;
        }
        let t = &toks[i];
        if t.is(words::PLACE_HEAD | words::TYPE_WORD)
            // A given name that opens a title or a body's name (`Tiến`
            // of `tiến sĩ`, `Hải` of `Hải quan`, `Trường`) is a name where
            // it opens neither (and the words around it say a person is
            // meant).
            || (t.is(words::TITLE | words::NOT_NAME | words::ROLE | words::ORG_HEAD)
                && !(t.is(words::GIVEN_NAME)
                    && title_at(toks, i).is_none()
                    && crate::people::role_at(toks, i, true).is_none()))
            || (after_capital(toks, i) && !after_opener(toks, i) && !after_opening_kin(toks, i))
            || toks
                .get(i + 1)
                .is_some_and(|n| (n.capitalized || n.digits) && contiguous(toks, i + 1))
            // `Frank de Boer`: a particle, then the rest of the name.
            || (NAME_PARTICLES.contains(&toks.get(i + 1).map_or("", |n| n.exact.as_str()))
                && toks
                    .get(i + 2)
                    .is_some_and(|n| n.capitalized && contiguous(toks, i + 2)))
        {
            continue;
        }
        let word = t.is(words::WORD | words::SURNAME);
        let given = t.is(words::GIVEN_NAME);
        let world = t.is(words::WORLD) && crate::landmarks::one_syllable_world(&t.exact, false);
        // A given name that is also a word, a family name or a country
        // (`Thảo`, `Lý`, `Mỹ`), anywhere in a sentence, where the words
        // around it say a person is meant (`Thảo thở dài`, `nước mắt
        // Thảo`, `Mỹ là anh cả`); a country's name only by what a country
        // does not do.
        // Looked up for a given name only, and only where it decides.
        let cue = if given
            && (word
                || world
                || sentence_start(toks, i)
                || after_capital(toks, i)
                || t.is(words::TITLE | words::NOT_NAME | words::ROLE | words::ORG_HEAD))
        {
            crate::person_cues::person_cue(seg, toks, i, i + 1)
        } else {
            Cue::None
        };
        // A country's name only as the subject of a clause: after a noun
        // it says where one is from (`phụ nữ Mỹ 28 tuổi`, `mẹ Mỹ`).
        let cued = given
            && if world {
                cue == Cue::OnlyPerson && crate::person_cues::opens_clause(toks, i)
            } else {
                cue >= Cue::Person
            };
        // The subject of a clause opened by a comma or a conjunction
        // (`, Đoàn đã …`, `thì Thư đã …`, `Nhưng Thư không …`): before
        // an auxiliary or a verb that follows a subject who is a person
        // ([`SUBJECT_OF`], or a modal or a negation).
        let subject = given
            && !sentence_start(toks, i)
            && t.gap_is(gap::SPACE | gap::CLAUSE)
            && ((text[..t.start].trim_end().ends_with(',')
                && (!toks[i - 1].capitalized || toks[i - 1].all_caps))
                || (OPENERS.contains(&toks[i - 1].exact.as_str())
                    && (!toks[i - 1].capitalized || sentence_start(toks, i - 1)))
                || adverbial_before(toks, i))
            && toks.get(i + 1).is_some_and(|n| {
                !n.capitalized
                    && n.gap_is(gap::SPACE)
                    && (SUBJECT_OF.contains(&n.exact.as_str())
                        || SUBJECT_MODALS.contains(&n.exact.as_str()))
            });
        // After a conjunction opening the sentence, only so.
        if after_capital(toks, i) && !cued && !subject {
            continue;
        }
        // A given name that also opens a title or a body's word (`Thư`
        // of `thư ký`, `Hải` of `Hải quan`), where it opens neither: a
        // name where the words around it say so, or inside a sentence
        // between a preposition or a verb that takes a person
        // ([`FRAMING_CUES`]) and the clause's end or a word that follows a
        // subject (`cho Thư .`, `với Liên đã`).
        // After such a word the capital says a name is meant: the clause
        // may go on with any word in lower case (`của Thùy làm …`, `cho
        // Lan số tiền …`) that makes no word with the name (`opens_word`
        // below).
        let framed = given
            && !sentence_start(toks, i)
            && FRAMING_CUES.contains(&toks[i - 1].exact.as_str())
            && !toks[i - 1].capitalized
            && t.gap_is(gap::SPACE)
            && toks.get(i + 1).is_none_or(|n| {
                n.gap_is(gap::CLAUSE)
                    // Not a given name in lower case, the rest of a name
                    // the text writes so (`với Ngọc trinh`).
                    || (!n.capitalized && !n.digits && !n.is(words::GIVEN_NAME))
            });
        if t.is(words::TITLE | words::NOT_NAME | words::ROLE) && !cued && !framed && !subject {
            continue;
        }
        // A body's head word as a subject (`Trường cho biết`) is the body
        // speaking: only what no body does makes it a name.
        if t.is(words::ORG_HEAD) && cue != Cue::OnlyPerson {
            continue;
        }
        // Opening a sentence, a syllable that is no word of the lexicon and
        // no family name, before a word only a subject that is a person
        // takes (`Vy cười …`, `Hạnh đã …`).
        let opening_subject = sentence_start(toks, i)
            && (cued
                || (!word
                    && toks.get(i + 1).is_some_and(|n| {
                        !n.capitalized
                            && n.gap_is(gap::SPACE)
                            && SUBJECT_OF.contains(&n.exact.as_str())
                    })));
        if (sentence_start(toks, i) && !opening_subject)
            || (i > 0 && toks[i - 1].is(words::LONE_NAME_CUE) && contiguous(toks, i))
            || (word
                && !cued
                && !framed
                && !subject
                && !((i > 0 && PERSON_CUES.contains(&toks[i - 1].exact.as_str())
                    && toks.get(i + 1).is_none_or(|n| {
                        n.gap_is(gap::CLAUSE) || AFTER_NAME.contains(&n.exact.as_str())
                    }))
                    // Opening a clause after a comma, not in a list of
                    // capitalized words (`Văn, Sử, Địa`), before a word
                    // only a subject that is a person takes (`, Nhàn đã`).
                    || (i > 0
                        && text[..t.start].trim_end().ends_with(',')
                        && (!toks[i - 1].capitalized || toks[i - 1].all_caps)
                        && toks.get(i + 1).is_some_and(|n| {
                            !n.capitalized
                                && n.gap_is(gap::SPACE)
                                && SUBJECT_OF.contains(&n.exact.as_str())
                        }))))
            // A compass point that is also a given name (`Nam`) only as the
            // subject of a clause the words after it say is a person (`Nam
            // mua nhà`, `, Nam không dám`), or after a word of kin (`mẹ
            // con Nam`): not inside a phrase (`trời Nam`, `của Nam bán
            // cầu`, `phía Nam`).
            || (NOT_LONE_NAMES.contains(&t.exact.as_str())
                && !(given
                    && (cue == Cue::OnlyPerson
                        || (crate::person_cues::opens_clause(toks, i) && (cued || subject)))))
            // A foreign given name (`Fred`) has no Vietnamese shape.
            || !(vietnamese_shape(&t.folded) || given)
            || !alone_in_text(toks, text, i)
            || (world && !cued)
            || (t.is(words::INTERNATIONAL) && crate::orgs::one_word_known(&t.exact))
            || unit_name(g, toks, i, i + 1)
            || opens_word(i, i + 1)
            || names_a_school(seg, toks, i)
            || names_a_thing(toks, i)
        {
            continue;
        }
        claimed[i] = true;
        persons.push(Person {
            start: i,
            end: i + 1,
            role: None,
        });
    }
    // A name of two syllables opening a sentence, the second in lower
    // case as some texts write names (`Trọng hoàn , quê …`): a family
    // name or a given name, then a given name, that make no word and no
    // place, closed by a comma or followed by what a person does.
    for &i in &caps {
        if claimed[i]
            || marks[i] & mark::NAME_LIKE == 0
            || marks[i] & mark::class(words::SURNAME | words::GIVEN_NAME) == 0
            || !(i == 0 || marks[i] & mark::gap(gap::STOP | gap::DASH) != 0)
        {
            continue;
        }
        let t = &toks[i];
        if !t.is(words::SURNAME | words::GIVEN_NAME)
            || !sentence_start(toks, i)
            // A form of address (`Anh quân ,`) is no part of a name.
            || title_at(toks, i).is_some()
            || !toks.get(i + 1).is_some_and(|n| {
                !n.capitalized && n.is(words::GIVEN_NAME) && n.gap_is(gap::SPACE)
            })
            || claimed[i + 1]
            || !contiguous(toks, i + 1)
        {
            continue;
        }
        let n = &toks[i + 1];
        let pair = crate::text::pair(&t.exact, &n.exact);
        let closed = toks
            .get(i + 2)
            .is_none_or(|m| text[n.end..m.start].trim() == ",");
        if seg.is_word(&pair)
            || !g.lookup(&pair).is_empty()
            || crate::landmarks::world_name(&pair)
            || !vietnamese_shape(&t.folded)
            || !vietnamese_shape(&n.folded)
            || opens_word(i + 1, i + 2)
            || !(closed || crate::person_cues::person_cue(seg, toks, i, i + 2) >= Cue::Person)
        {
            continue;
        }
        claim_two(claimed, persons, i);
    }
    // Two given names of one syllable joined by `và` (`Tuấn và Hồng cũng
    // …`): people each, where one of them is a person found, or the words
    // after the second say a person is meant. Neither a country's name
    // nor a unit's, each alone among words in lower case.
    // `và` by the bits of its hash the marks keep, before its text.
    let and = mark::hash16(crate::text::word_hash("và"));
    for &i in &caps {
        if i + 2 >= toks.len()
            || marks[i + 1] >> mark::HASH_SHIFT != and
            || toks[i + 1].exact != "và"
            || toks[i + 1].capitalized
        {
            continue;
        }
        let alone = |k: usize| {
            let x = &toks[k];
            x.name_like
                && x.is(words::GIVEN_NAME)
                && (k == i || x.gap_is(gap::SPACE))
                && (k == i || !after_capital(toks, k))
                && (k != i || !after_capital(toks, k) || after_opener(toks, k))
                && !toks
                    .get(k + 1)
                    .is_some_and(|n| (n.capitalized || n.digits) && contiguous(toks, k + 1))
                && !(x.is(words::WORLD) && crate::landmarks::one_syllable_world(&x.exact, false))
                && !NOT_LONE_NAMES.contains(&x.exact.as_str())
                && vietnamese_shape(&x.folded)
                && alone_in_text(toks, text, k)
                && !unit_name(g, toks, k, k + 1)
                && !opens_word(k, k + 1)
                && title_at(toks, k).is_none()
        };
        let found = |k: usize| persons.iter().any(|p| p.start == k && p.end == k + 1);
        let free = |k: usize| !claimed[k] && alone(k);
        let (x, y) = (i, i + 2);
        if !((free(x) || found(x)) && (free(y) || found(y)))
            || (i > 0 && toks[i - 1].is(words::LONE_NAME_CUE) && !toks[i - 1].capitalized)
        {
            continue;
        }
        let cued = found(x)
            || found(y)
            || crate::person_cues::person_cue(seg, toks, y, y + 1) >= Cue::Person
            || toks.get(y + 1).is_some_and(|n| {
                !n.capitalized && n.gap_is(gap::SPACE) && SUBJECT_OF.contains(&n.exact.as_str())
            });
        if !cued {
            continue;
        }
        for k in [x, y] {
            if !claimed[k] {
                claimed[k] = true;
                persons.push(Person {
                    start: k,
                    end: k + 1,
                    role: None,
                });
            }
        }
    }
    // A given name of two syllables alone inside a sentence (`của Minh
    // Khang`, `Thu Hà đã`): two capitalized Vietnamese syllables that make
    // no word (`Trái Đất`), no place's name and no body's, after a word
    // that takes a person or before a word that follows a subject, and
    // that the text never writes after a word of place, a place's head
    // or type word (`tại Yên Tử`, `núi Yên Tử`, `xã Tiến Dũng`), nor at
    // the end of a body's name; not an English title (`The Sun`):
    // those pairs, by their tokens' hashes, found when first needed.
    let mut placed: Option<HashSet<(u64, u64)>> = None;
    for &i in &caps {
        // The two tokens' shapes first, told by their marks: most tokens
        // fail them.
        if i + 1 >= toks.len()
            || marks[i] & marks[i + 1] & mark::NAME_LIKE == 0
            || claimed[i]
            || claimed[i + 1]
            || marks[i + 1] & mark::gap(gap::SPACE) == 0
            || marks[i + 1] & mark::gap(gap::JOINED) == 0
        {
            continue;
        }
        let (a, b) = (&toks[i], &toks[i + 1]);
        // Two syllables of Vietnamese given and middle names (`Tiến Dũng`,
        // `Hoài Linh`): a person's name also opening a sentence, and
        // whatever a speaker does after it says so.
        let named = a.is(words::GIVEN_NAME | words::MIDDLE_NAME) && b.is(words::GIVEN_NAME);
        // The token's own shape first: most tokens fail it.
        if !a.name_like
            || !b.name_like
            || claimed[i]
            || claimed[i + 1]
            || !b.gap_is(gap::SPACE)
            || !contiguous(toks, i + 1)
            || after_capital(toks, i) && !after_opener(toks, i)
            || sentence_start(toks, i) && !after_opener(toks, i) && !named
            || toks
                .get(i + 2)
                .is_some_and(|n| (n.capitalized || n.digits) && contiguous(toks, i + 2))
        {
            continue;
        }
        // Cues on both sides (`của Minh Khang.`, `cho Thu Hà đã`), or a
        // word after it that only a person does (`Thu Hà đã`, `Minh Khang
        // chia`); not a copula (`Yên Tử là`, `Sen Vàng bị`), which any
        // name takes.
        // Opening a clause, or after a word that takes a person: after a
        // noun (`trường Sen Vàng`, `danh sơn Yên Tử`) it is that thing's
        // name.
        let before = if i == 0 {
            ""
        } else {
            toks[i - 1].exact.as_str()
        };
        let opens = i == 0
            || a.gap_is(gap::CLAUSE)
            || before == "và"
            || PERSON_CUES.contains(&before)
            || OPENERS.contains(&before);
        let next = toks.get(i + 2);
        let cued_by_place = opens
            && ((PERSON_CUES.contains(&before)
                && next.is_none_or(|n| {
                    n.gap_is(gap::CLAUSE)
                        || (!n.capitalized && AFTER_NAME.contains(&n.exact.as_str()))
                }))
                || next.is_some_and(|n| {
                    !n.capitalized && n.gap_is(gap::SPACE) && SUBJECT_OF.contains(&n.exact.as_str())
                }));
        if !(cued_by_place || crate::person_cues::may_cue(toks, i, i + 2))
            || (i > 0 && toks[i - 1].is(words::LONE_NAME_CUE) && contiguous(toks, i))
            // A title, a place's head or type word, a role, a country
            // opening there; of two given or middle names only a whole
            // title (`Tiến` opens `tiến sĩ`, and is a given name).
            || (named && title_at(toks, i).is_some())
            || (!named
                && a.is(words::TITLE
                    | words::PLACE_HEAD
                    | words::TYPE_WORD
                    | words::ROLE
                    | words::WORLD))
            // `Thành`, a given name, also opens `thành phố`; a type word
            // after a name would go on in lower case (`Công Thành phố`),
            // which no name does (`opens_word` below).
            || (b.is(words::TYPE_WORD) && !b.is(words::GIVEN_NAME))
            || NOT_LONE_NAMES.contains(&a.exact.as_str())
            || a.exact == "the"
            || NOT_LONE_NAMES.contains(&b.exact.as_str())
            // A foreign first name before a family name (`Jimmy Phạm`).
            || !(vietnamese_shape(&a.folded) || a.is(words::GIVEN_NAME))
            || !vietnamese_shape(&b.folded)
            || !alone_in_text(toks, text, i)
            || !alone_in_text(toks, text, i + 1)
        {
            continue;
        }
        let cue = cued_by_place
            || match crate::person_cues::person_cue(seg, toks, i, i + 2) {
                Cue::None => false,
                Cue::Person => opens || (named && !org_head_before(seg, toks, i)),
                // Or, anywhere, what only a person does (`năm 1999 Jimmy
                // Phạm chạy …`).
                Cue::OnlyPerson => true,
            };
        if !cue {
            continue;
        }
        let placed = placed.get_or_insert_with(|| {
            (1..toks.len().saturating_sub(1))
                .filter(|&k| {
                    // Told by the marks first: most tokens fail there.
                    let pair = marks[k] & marks[k + 1] & mark::CAPITALIZED != 0
                        && marks[k] & mark::gap(gap::SPACE) != 0
                        && marks[k + 1] & mark::gap(gap::JOINED) != 0;
                    let after_cue = || {
                        marks[k - 1]
                            & mark::class(
                                words::LONE_NAME_CUE | words::PLACE_HEAD | words::TYPE_WORD,
                            )
                            != 0
                        // The cue a word of its own, not the end of one
                        // (`nổi tiếng`, `hôm qua`).
                        && !(k >= 2
                            && contiguous(toks, k - 1)
                            && seg.is_word_pair(
                                &toks[k - 2].exact,
                                &toks[k - 1].exact,
                            ))
                    };
                    pair && after_cue()
                })
                .map(|k| (toks[k].hash, toks[k + 1].hash))
                .chain(
                    bodied
                        .get_or_insert_with(|| body_name_ends(seg, toks, marks))
                        .iter()
                        .copied(),
                )
                .collect()
        });
        let pair = crate::text::pair(&a.exact, &b.exact);
        // Communes are named as people are (`Tiến Dũng`, `Hoài Linh`):
        // such a name, cued as a person's and never written as a place's
        // in the text (`placed`), is the person's; a district's or a
        // province's name is the place's.
        let unit = g.lookup(&pair);
        let unit_vetoes = if named {
            unit.iter()
                .any(|&u| g.unit(u).level != crate::gazetteer::Level::Commune)
        } else {
            !unit.is_empty()
        };
        if placed.contains(&(a.hash, b.hash))
            || seg.is_word(&pair)
            || opens_word(i + 1, i + 2)
            || unit_vetoes
            || crate::landmarks::world_name(&pair)
            || names_a_school(seg, toks, i)
            || names_a_thing(toks, i)
        {
            continue;
        }
        claim_two(claimed, persons, i);
    }
    // A foreign name of two words after a calling that introduces experts,
    // spokesmen and business people (`chuyên gia Harry Kazianis`, `CEO
    // Tim Cook`), its last word no Vietnamese syllable: the callings are
    // no titles (`chuyên gia Hùng` may name a field), so only such a name
    // is taken. After a calling a body's name may follow too (`CEO Ford
    // Motor`), the name needs a known given name first, or a body's name
    // of one word before it (`CEO Apple Tim Cook`). Not a place's name,
    // nor a body's head word.
    for &i in &caps {
        // Told by the marks: most tokens fail there.
        if claimed[i]
            || marks[i] & mark::NAME_LIKE == 0
            || i == 0
            || marks[i] & mark::gap(gap::SPACE) == 0
            || marks[i - 1] & (mark::CAPITALIZED | mark::ALL_CAPS) == mark::CAPITALIZED
        {
            continue;
        }
        let t = &toks[i];
        let Some(bodies) = calling_before(toks, i) else {
            continue;
        };
        let j = name_end(seg, text, toks, claimed, i);
        // A body's name of one word, then the person's.
        let from = if bodies && j == i + 3 { i + 1 } else { i };
        if j != from + 2
            || toks
                .get(j)
                .is_some_and(|n| (n.capitalized || n.digits) && contiguous(toks, j))
            || toks[j - 1].folded.len() < 3
            || vietnamese_shape(&toks[j - 1].folded)
            || (bodies && from == i && !t.is(words::GIVEN_NAME))
            || !foreign_words(toks, text, i, j)
            || (toks[from].is(words::INTERNATIONAL) && crate::orgs::known_name_at(toks, from))
            || toks[from].is(words::WORLD | words::ORG_HEAD | words::NOT_NAME)
        {
            continue;
        }
        claimed[from..j].iter_mut().for_each(|c| *c = true);
        persons.push(Person {
            start: from,
            end: j,
            role: None,
        });
    }
    // The starts of the names the next rule finds, whose family name the
    // text may write again alone.
    let mut after_office: Vec<usize> = Vec::new();
    // A foreign name after an office, a title or a calling and the words
    // that qualify it (`Bộ trưởng Quốc phòng Mỹ James Mattis`, `tiền đạo
    // người Thụy Điển Zlatan Ibrahimovic`, `nhà phân tích chính trị
    // Dmitry Orlov`): two to four capitalized words, the first and the
    // last no Vietnamese syllable ([`office_before_foreign`]).
    for &i in &caps {
        let t = &toks[i];
        if claimed[i]
            || !t.name_like
            || i < 2
            || !t.gap_is(gap::SPACE)
            || vietnamese_shape(&t.folded)
            || t.is(words::WORLD | words::ORG_HEAD | words::NOT_NAME)
            || (t.is(words::INTERNATIONAL) && crate::orgs::known_name_at(toks, i))
        {
            continue;
        }
        let j = name_end(seg, text, toks, claimed, i);
        if !(i + 2..=i + 4).contains(&j)
            || toks
                .get(j)
                .is_some_and(|n| (n.capitalized || n.digits) && contiguous(toks, j))
            || toks[j - 1].folded.len() < 3
            || vietnamese_shape(&toks[j - 1].folded)
            || !foreign_words(toks, text, i, j)
            || !office_before_foreign(seg, toks, i)
        {
            continue;
        }
        take_foreign(claimed, persons, &mut after_office, i, j);
    }
    // A foreign name opened by a known foreign first name, with no title
    // before it (`Gabriel Jesus đã …`, `bỏ quên Zlatan Ibrahimovic`,
    // `Juan Mata tạt`): two to four capitalized words standing alone
    // among Vietnamese ones ([`foreign_words`]), the first a foreign first
    // name ([`words::FOREIGN_GIVEN`]), each after it no Vietnamese
    // syllable unless it is a Vietnamese name's (`Angela Phương Trinh`),
    // none a business's or a place's word (`Kylie Cosmetics`), the whole
    // no place's name (`George Town`). Not inside a longer capitalized
    // run (`Aston Martin`), nor a thing, a school, a body or a brand named
    // after the person (`sân bay John F. Kennedy`, `Đại học George
    // Washington`, `hãng Tommy Hilfiger`). Its last word is known from
    // here on, as a titled foreign name's is (`Mata`).
    for &i in &caps {
        // Told by the marks: most capitalized tokens are no first name.
        if marks[i] & mark::class(words::FOREIGN_GIVEN) == 0
            || marks[i] & mark::NAME_LIKE == 0
            || claimed[i]
            || (after_capital_marked(marks, i) && !claimed[i - 1])
        {
            continue;
        }
        let end = name_end(seg, text, toks, claimed, i);
        // Another first name inside the run, before a word, opens a second
        // name where the text lost a stop between them (`Sergio Aguero` |
        // `Gabriel Jesus`); as the second word it is a middle name (`Juan
        // Pablo Montoya`).
        let cut = (i + 2..end).find(|&k| k + 1 < end && toks[k].is(words::FOREIGN_GIVEN));
        let j = cut.unwrap_or(end);
        if !(i + 2..=i + 4).contains(&j)
            || (cut.is_none()
                && toks
                    .get(j)
                    .is_some_and(|n| (n.capitalized || n.digits) && contiguous(toks, j)))
            || toks[j - 1].folded.len() < 2
            || !foreign_words(toks, text, i, j)
            || !(i + 1..j).all(|k| {
                (!vietnamese_shape(&toks[k].folded)
                    || toks[k].is(words::SURNAME | words::GIVEN_NAME | words::MIDDLE_NAME))
                    && !NOT_PERSON_WORDS.contains(&toks[k].folded.as_str())
            })
            || after_lone_name_cue(toks, i)
            || names_a_school(seg, toks, i)
            || names_a_thing(toks, i)
            || org_head_before(seg, toks, i)
        {
            continue;
        }
        let run = toks[i..j]
            .iter()
            .map(|t| t.exact.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if crate::landmarks::world_name(&run) || !g.lookup(&run).is_empty() {
            continue;
        }
        take_foreign(claimed, persons, &mut after_office, i, j);
    }
    // Names known in this text: each full name, and its given name (the
    // last syllable) when the full name has a family name before it.
    let mut known: HashSet<String> = HashSet::default();
    // Every known name ends with one of these syllables (by hash): a run
    // that ends otherwise is no known name, without building its key.
    let mut last_syllables: HashSet<u64> = HashSet::default();
    let mut given_pairs: HashSet<String> = HashSet::default();
    for p in persons.iter() {
        let names: Vec<&str> = toks[p.start..p.end]
            .iter()
            .map(|t| t.exact.as_str())
            .collect();
        if names.len() == 1 && initial(toks, text, p.start) {
            continue;
        }
        known.insert(names.join(" "));
        last_syllables.insert(toks[p.end - 1].hash);
        // `Lương Xuân Trường` … `Xuân Trường`: the middle and given names
        // of a full name, which may also name a district; not a
        // province's or a country's name, nor a unit's closing a name of
        // four syllables (`Ninh Kiều Cần Thơ`, a place the name rules
        // took for a person's).
        if names.len() >= 3 && toks[p.start].is(words::SURNAME) {
            let pair = names[names.len() - 2..].join(" ");
            let units = g.lookup(&pair);
            let place = crate::landmarks::world_name(&pair)
                || (names.len() >= 4 && !units.is_empty())
                || units
                    .iter()
                    .any(|&u| g.unit(u).level == crate::gazetteer::Level::Province);
            if !place {
                given_pairs.insert(pair);
            }
        }
        // `Dương Tuấn` … `Tuấn`: a family name first, so the last
        // syllable is the given name. `Tổng thống Donald Trump` … `Trump`:
        // a foreign name of two words, the second no Vietnamese syllable,
        // is written again by its last word, the family name, when a title
        // before it says it is a person's (`Leicester City` is no one's);
        // not an initial (`John F.`).
        let foreign_pair = names.len() == 2
            && (after_title(toks, p.start)
                || calling_before(toks, p.start).is_some()
                || after_office.contains(&p.start))
            && !toks[p.start].is(words::SURNAME)
            && toks[p.end - 1].folded.len() > 1
            && !vietnamese_shape(&toks[p.end - 1].folded);
        if (names.len() >= 3
            || (names.len() == 2 && toks[p.start].is(words::SURNAME))
            || foreign_pair)
            && let Some(last) = names.last()
        {
            known.insert((*last).to_string());
        }
    }
    if known.is_empty() {
        return;
    }
    // Runs found whole by a known name inside them (`Bảo Duy` by `Duy`).
    let mut wholes: HashSet<String> = HashSet::default();
    let mut key = String::new();
    let mut next = 0;
    for &i in &caps {
        // Told by the marks: most tokens fail there.
        if i < next
            || claimed[i]
            || marks[i] & mark::ALL_CAPS != 0
            || after_capital_marked(marks, i)
        {
            continue;
        }
        let mut j = i + 1;
        while j < toks.len()
            && j < i + 4
            && toks[j].capitalized
            && !toks[j].all_caps
            && toks[j].gap_is(gap::SPACE)
        {
            j += 1;
        }
        if !last_syllables.contains(&toks[j - 1].hash) {
            next = j;
            continue;
        }
        // The run, or the run without the word before the name (`Theo
        // Phước` opening a sentence, `Tổng thống Mỹ Donald Trump`). A word
        // before it inside a sentence that no list knows is the first part
        // of the same name (`Ivanka Trump`, `Huyền My`): the person is the
        // whole run.
        for from in [i, i + 1].into_iter().filter(|&f| f < j) {
            key.clear();
            for (k, t) in toks[from..j].iter().enumerate() {
                if k > 0 {
                    key.push(' ');
                }
                key.push_str(&t.exact);
            }
            if (from..j).all(|k| !claimed[k])
                && !opens_word(from, j)
                // A known compass point that is also a given name (`Nam`),
                // alone, only opening a clause (`, Nam cho biết`; not
                // `phía Nam`, `cực Nam`).
                && !(j == from + 1
                    && NOT_LONE_NAMES.contains(&key.as_str())
                    && !crate::person_cues::opens_clause(toks, from))
                && (known.contains(&key) || (from == i && wholes.contains(&key)))
                && !names_a_school(seg, toks, from)
                && !names_a_thing(toks, from)
            {
                // A foreign first name opens its name: the word before it
                // is another's (`Vardy` | `Juan Mata`).
                let whole = from > i
                    && !toks[from].is(words::FOREIGN_GIVEN)
                    && !sentence_start(toks, i)
                    && !claimed[i]
                    && toks[i].name_like
                    && !text[toks[i].start..toks[i].end]
                        .chars()
                        .skip(1)
                        .any(char::is_uppercase)
                    // A syllable that opens an institution's word, before
                    // a known name it makes no word with, opens the name
                    // (`Công Phượng`, as `name_from` reads it).
                    && (!toks[i].is(words::NOT_NAME | words::TYPE_WORD)
                        || (WORD_OPENERS.contains(&toks[i].exact.as_str())
                            && !seg.is_word_pair(
                                &toks[i].exact,
                                &toks[i + 1].exact,
                            )))
                    && title_at(toks, i).is_none()
                    && !(toks[i].is(words::WORLD)
                        && crate::landmarks::one_syllable_world(&toks[i].exact, false));
                // The whole run a place's name (`Việt Nam`, `Mộ Đức`, or
                // `Thái Nguyên` after `Đỗ Văn Nguyên`, where `Thái` opens
                // no name): no person there at all, unless it closes a full
                // name of the text (`Xuân Trường` of `Lương Xuân Trường`).
                let run = if from > i {
                    toks[i..j]
                        .iter()
                        .map(|t| t.exact.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                } else {
                    String::new()
                };
                // The middle and given names of a full name of the text,
                // opening a sentence too (`Xuân Trường` of `Lương Xuân
                // Trường`), where the first is a name's syllable as the
                // whole run's must be.
                let pair_name = from > i
                    && j == i + 2
                    && given_pairs.contains(&run)
                    && toks[i].name_like
                    && (!toks[i].is(words::NOT_NAME | words::TYPE_WORD)
                        || (WORD_OPENERS.contains(&toks[i].exact.as_str())
                            && !seg.is_word_pair(&toks[i].exact, &toks[i + 1].exact)))
                    && !(toks[i].is(words::WORLD)
                        && crate::landmarks::one_syllable_world(&toks[i].exact, false));
                if from > i
                    && !pair_name
                    && (!g.lookup(&run).is_empty() || crate::landmarks::world_name(&run))
                {
                    break;
                }
                let whole = whole || pair_name;
                let start = if whole { i } else { from };
                claimed[start..j].iter_mut().for_each(|c| *c = true);
                persons.push(Person {
                    start,
                    end: j,
                    role: None,
                });
                // The whole run is a name known from here on, opening a
                // sentence too (`… của Bảo Duy. Bảo Duy cũng …`), as a
                // whole only: no word before it joins it (`Với Bảo Duy`).
                if whole {
                    wholes.insert(
                        toks[i..j]
                            .iter()
                            .map(|t| t.exact.as_str())
                            .collect::<Vec<_>>()
                            .join(" "),
                    );
                }
                break;
            }
        }
        next = j;
    }
    persons.sort_by_key(|p| p.start);
}

/// Whether token `i` opens a sentence (or the text, or a quotation): one
/// of `. ! ? : " “ … - –` or a line break before it.
fn sentence_start(toks: &[Token], i: usize) -> bool {
    i == 0 || toks[i].gap_is(gap::STOP | gap::DASH)
}

/// The pairs of capitalized syllables that end a body's name somewhere in
/// the text (`Tập đoàn Thủy sản Minh Phú`), by their tokens' hashes: that
/// pair written alone elsewhere is the body, no person.
fn body_name_ends(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    marks: &[u64],
) -> HashSet<(u64, u64)> {
    let joined_capital = |k: usize| {
        marks
            .get(k)
            .is_some_and(|&m| m & mark::CAPITALIZED != 0 && m & mark::gap(gap::JOINED) != 0)
    };
    (1..toks.len().saturating_sub(1))
        .filter(|&k| {
            // Told by the marks first: most tokens fail there.
            marks[k] & mark::CAPITALIZED != 0
                && marks[k] & mark::gap(gap::SPACE) != 0
                && joined_capital(k + 1)
                && !joined_capital(k + 2)
                && org_head_before(seg, toks, k)
        })
        .map(|k| (toks[k].hash, toks[k + 1].hash))
        .collect()
}

/// Whether a body's name that token `i` may end opens right before it: an
/// organization's head word, then at most two words, the first
/// capitalized (`Tập đoàn` | `Minh Phú`, `Tập đoàn` | `Thủy sản` | `Minh
/// Phú`; not `Trường Giang cũng theo` | `Nhã Phương`). The head a word of
/// two syllables or more, or capitalized (`Hội`, not `hội` of a
/// festival), in the same clause, and, for a foreign name, after no role
/// or title.
fn org_head_before(seg: &vietdex_tokenize::Segmenter, toks: &[Token], i: usize) -> bool {
    // Each word between the head and `i`: capitalized, or the lower-case
    // end of a word begun capitalized (`Thủy sản`).
    let in_name = |j: usize| {
        toks[j].capitalized
            || (j > 0
                && toks[j - 1].capitalized
                && seg.is_word_pair(&toks[j - 1].exact, &toks[j].exact))
    };
    // `Giám đốc Học viện Walter Carter`: after a role or a title, a
    // foreign name may be the holder's as well as the body's (a
    // Vietnamese one there is the body's: `giám đốc Công ty Bảo Hưng`).
    // Found when first needed.
    let mut foreign: Option<bool> = None;
    let mut k = i;
    while k > 0 && i - k < 6 && contiguous(toks, k) {
        k -= 1;
        let mut held = |k: usize| {
            *foreign.get_or_insert_with(|| {
                !(i..(i + 2).min(toks.len())).all(|j| vietnamese_shape(&toks[j].folded))
            }) && (k.saturating_sub(4)..k).any(|j| {
                crate::people::role_at(toks, j, true).is_some_and(|n| j + n == k)
                    || title_at(toks, j).is_some_and(|n| j + n == k)
            })
        };
        if toks[k].is(words::ORG_HEAD)
            && !held(k)
            && crate::orgs::head_len_at(toks, k).is_some_and(|n| {
                let name = k + n;
                name <= i
                    && i - name <= 2
                    && (name == i || toks[name].capitalized)
                    && (name..i).all(in_name)
                    && (n >= 2 || toks[k].capitalized)
            })
        {
            return true;
        }
    }
    false
}

/// Whether token `i` is a given name after a word of kin that opens the
/// sentence (`Mẹ Tùng …`, `Bố Viện …`): the capital is the sentence's,
/// and the word says a person is meant.
fn after_opening_kin(toks: &[Token], i: usize) -> bool {
    i > 0
        && toks[i].is(words::GIVEN_NAME)
        && toks[i - 1].is(words::PERSON_WORD)
        && sentence_start(toks, i - 1)
        && crate::person_cues::kin_opens_sentence_before(toks, i)
}

/// Whether token `i` continues a capitalized word before it.
fn after_capital(toks: &[Token], i: usize) -> bool {
    i > 0 && toks[i - 1].capitalized && contiguous(toks, i)
}

/// [`after_capital`], told by the tokens' marks ([`crate::text::marks`]).
fn after_capital_marked(marks: &[u64], i: usize) -> bool {
    i > 0 && marks[i - 1] & mark::CAPITALIZED != 0 && marks[i] & mark::gap(gap::JOINED) != 0
}

/// Particles in lower case inside foreign names (`Frank de Boer`, `Ludwig
/// van Beethoven`).
const NAME_PARTICLES: &[&str] = &[
    "de", "van", "von", "da", "di", "del", "der", "du", "dos", "le", "la", "bin", "al", "ter",
];

/// Whether token `i` follows a conjunction ([`OPENERS`]) that opens the
/// sentence (`Khi Tiến …`, `Nhưng Hai Địa …`): capitalized there, it is no
/// part of the name after it.
fn after_opener(toks: &[Token], i: usize) -> bool {
    i > 0
        && sentence_start(toks, i - 1)
        && toks[i].gap_is(gap::SPACE)
        && OPENERS.contains(&toks[i - 1].exact.as_str())
}

/// Whether token `i` follows a word in lower case that makes a name after
/// it a place, a people, a brand or a team (`tại`, `người`, `hãng`).
fn after_lone_name_cue(toks: &[Token], i: usize) -> bool {
    i > 0
        && toks[i - 1].is(words::LONE_NAME_CUE)
        && !toks[i - 1].capitalized
        && toks[i].gap_is(gap::SPACE)
}

/// Takes tokens `i..j` as a foreign person without a role, found by the
/// foreign-name rules: claimed, and remembered as a name standing after
/// its office or its first name (`after_office`).
fn take_foreign(
    claimed: &mut [bool],
    persons: &mut Vec<Person>,
    after_office: &mut Vec<usize>,
    i: usize,
    j: usize,
) {
    claimed[i..j].iter_mut().for_each(|c| *c = true);
    persons.push(Person {
        start: i,
        end: j,
        role: None,
    });
    after_office.push(i);
}

//! Organizations by their head word (`công ty`, `ngân hàng`, `trường`,
//! `báo`, `công an`, `VKSND` …), beside the fixed patterns of the state
//! bodies in `rules`: the name runs from the head word to the last
//! capitalized word, code or place that belongs to it.

use rustc_hash::FxHashMap as HashMap;
use std::sync::OnceLock;

use vietdex_tokenize::normalize;

use crate::text::{Token, contiguous, mark, next_marked};
use crate::words;

/// Head words. `true`: a bare level word after it names a body
/// (`công an tỉnh`, `ủy ban huyện`).
const HEADS: &[(&str, bool)] = &[
    ("công ty", false),
    ("tổng công ty", false),
    // A company's head in initials (`CTCP`: `công ty cổ phần`; `Cty`;
    // `Tổng CTCP`).
    ("ctcp", false),
    ("tổng ctcp", false),
    ("cty", false),
    ("tập đoàn", false),
    ("hãng", false),
    ("hãng hàng không", false),
    ("hãng tin", false),
    ("hãng thông tấn", false),
    ("ngân hàng", false),
    ("htx", false),
    ("hợp tác xã", false),
    ("nhà hàng", false),
    ("quán", false),
    ("tiệm", false),
    ("khách sạn", false),
    ("nhà máy", false),
    ("xí nghiệp", false),
    ("trường", false),
    ("trường đại học", false),
    ("thcs", false),
    ("thpt", false),
    ("đại học", false),
    ("đh", false),
    ("cao đẳng", false),
    ("trường cao đẳng", false),
    // Preschools: `trường mầm non`, `cơ sở mầm non`, `nhóm lớp mầm non`,
    // `nhóm trẻ` before their name (not `mầm non` alone: `giáo dục mầm non
    // Hà Nội` is the city's preschooling).
    ("trường mầm non", false),
    ("cơ sở mầm non", false),
    ("nhóm lớp", false),
    ("nhóm trẻ", false),
    ("trường trung cấp", false),
    ("học viện", false),
    ("bệnh viện", false),
    ("viện", false),
    ("trung tâm", false),
    ("báo", false),
    ("tạp chí", false),
    ("đài", false),
    ("quỹ", false),
    ("hội", false),
    ("tổng hội", false),
    ("hiệp hội", false),
    ("công đoàn", false),
    ("văn phòng", false),
    ("nhà xuất bản", false),
    ("nxb", false),
    ("thành đoàn", true),
    ("tỉnh đoàn", true),
    ("huyện đoàn", true),
    ("liên đoàn", false),
    ("câu lạc bộ", false),
    ("clb", false),
    ("ubnd", true),
    ("hđnd", true),
    ("công an", true),
    ("cơ quan cảnh sát điều tra", true),
    ("tòa án", true),
    ("tòa án nhân dân", true),
    ("tand", true),
    ("viện kiểm sát", true),
    ("viện kiểm sát nhân dân", true),
    ("vksnd", true),
    ("ủy ban", true),
    ("uỷ ban", true),
    ("hạt kiểm lâm", true),
    ("chi cục", true),
    ("cục", false),
    ("tổng cục", false),
    ("khu ủy", false),
    ("quân khu", false),
    ("lữ đoàn", false),
    ("sư đoàn", false),
    ("trung đoàn", false),
    ("bộ chỉ huy quân sự", true),
    ("bộ đội biên phòng", true),
    ("chi đoàn", true),
    ("chi bộ", true),
    ("đoàn", true),
    ("lâm trường", false),
    ("nông trường", false),
    // Police teams and stations by their work in initials, named by
    // their place, their name or their number (`Đội CSGT Bàn Cờ`, `Trạm
    // CSGT Thăng Bình`, `Đội CSGT quận 12`, `Đội CSGT số 14`).
    ("đội csgt", true),
    ("trạm csgt", true),
    ("đội cshs", true),
    ("đội cskt", true),
    ("đội csđt", true),
    ("đội cscđ", true),
    // Port authorities (`Cảng vụ Hàng hải Quảng Ninh`), no port.
    ("cảng vụ", false),
    ("kho bạc", true),
    ("kho bạc nhà nước", true),
    ("ban quản lý", false),
    ("ban quản lý dự án", false),
    ("ban chỉ đạo", false),
    // Parties and armies, at home and abroad (`đảng Cộng sản Pháp`,
    // `Đảng Dân chủ`, `quân đội Mỹ`, `quân đội viễn chinh Pháp`), and news
    // agencies and online papers (`thông tấn xã VN`, `báo điện tử Quê
    // Hương`).
    ("đảng", false),
    ("quân đội", false),
    ("thông tấn xã", false),
    ("báo điện tử", false),
    // Heads that are common words in lower case, a body only written as a
    // name ([`capital_only`]): boards, departments of a ministry,
    // councils, organizations, agencies and armed services (`Ban Trọng
    // tài`, `Vụ Pháp chế`, `Hội đồng Dân tộc`, `Tổ chức Di trú Quốc tế`,
    // `Cơ quan Vũ trụ châu Âu`, `Không quân Mỹ`).
    ("ban", false),
    ("vụ", false),
    ("hội đồng", false),
    ("tổ chức", false),
    ("cơ quan", false),
    ("hải quân", false),
    ("không quân", false),
    ("lục quân", false),
];

/// What a head word of [`HEADS`] that is a common word in lower case needs
/// to open a body's name.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CapitalOnly {
    /// `Ban Trọng tài`, `Hội đồng Dân tộc`: a capitalized name.
    Name,
    /// `Vụ Kế hoạch`: a common word capitalized (`vụ` alone is an
    /// incident: `Vụ Formosa`).
    Function,
    /// `Tổ chức Di trú Quốc tế`: a capitalized name, not opening a
    /// sentence (`Tổ chức Lễ hội …` is the verb).
    InsideSentence,
    /// `Không quân Mỹ`: the service of a country named after it.
    Country,
}

/// The condition a head word of one of [`HEADS`]'s common words needs
/// ([`CapitalOnly`]), or `None` for the other heads.
fn capital_only(words: &[String]) -> Option<CapitalOnly> {
    match words {
        [a] if a == "ban" => Some(CapitalOnly::Name),
        [a] if a == "vụ" => Some(CapitalOnly::Function),
        [a, b] if a == "hội" && b == "đồng" => Some(CapitalOnly::Name),
        // `Cơ quan Vũ trụ châu Âu`, `Cơ quan CSĐT`; `cơ quan chức năng`
        // is any body.
        [a, b] if a == "cơ" && b == "quan" => Some(CapitalOnly::Name),
        [a, b] if a == "tổ" && b == "chức" => Some(CapitalOnly::InsideSentence),
        [a, b] if b == "quân" && matches!(a.as_str(), "hải" | "không" | "lục") => {
            Some(CapitalOnly::Country)
        }
        _ => None,
    }
}

/// First syllables of head words that are also names written alone
/// (`Lâm`, `Nông`, `Đoàn`): classed [`words::ORG_HEAD_NAME`].
/// So are the first syllables of the heads that are common words in lower
/// case (`Hải`, `Lục` are names; `vụ`, `tổ`, `không` words the rules of
/// people's names read as they are).
const NAME_FIRST: &[&str] = &[
    "lâm", "nông", "đoàn", "đảng", "quân", "thông", "hải", "không", "lục", "vụ", "tổ",
];

/// Organizations known by name: international bodies, news agencies and
/// outlets, platforms and large companies, by name or acronym (acronyms
/// match only in capitals).
const INTERNATIONAL: &[&str] = &[
    "NATO",
    "WHO",
    "ASEAN",
    "UNESCO",
    "UNICEF",
    "UNDP",
    "UNHCR",
    "FAO",
    "IMF",
    "WTO",
    "APEC",
    "EU",
    "OPEC",
    "ADB",
    "WB",
    "ILO",
    "IAEA",
    "FIFA",
    "AFF",
    "IOC",
    "OECD",
    "G7",
    "G20",
    "WWF",
    "Liên Hợp Quốc",
    "Liên hiệp quốc",
    "Ngân hàng Thế giới",
    "Quỹ Tiền tệ Quốc tế",
    "Liên minh châu Âu",
    "Tổ chức Y tế Thế giới",
    "Tổ chức Thương mại Thế giới",
    "Hội đồng Bảo an",
    "Ngân hàng Phát triển châu Á",
    "Diễn đàn Kinh tế Thế giới",
    "Chữ thập đỏ quốc tế",
    "Hiệp hội các quốc gia Đông Nam Á",
    // Seats of government standing for it, and armed groups.
    "Nhà Trắng",
    "Lầu Năm Góc",
    "Điện Kremlin",
    "IS",
    // Legislatures named without their country.
    "Hạ viện",
    "Thượng viện",
    "Hạ nghị viện",
    "Thượng nghị viện",
    "Nghị viện châu Âu",
    "Ủy ban châu Âu",
    "Hội đồng châu Âu",
    // News agencies and outlets the press cites by name.
    "TTXVN",
    "Thông tấn xã Việt Nam",
    "VTV",
    "VOV",
    "VTC",
    "HTV",
    "VnExpress",
    "VietNamNet",
    "Vietnamplus",
    "Reuters",
    "AFP",
    "Bloomberg",
    "CNN",
    "BBC",
    "Tân Hoa Xã",
    "Xinhua",
    "Kyodo",
    "Yonhap",
    // Platforms and large companies named without a head word.
    "Facebook",
    "Google",
    "YouTube",
    "Twitter",
    "Microsoft",
    "Apple",
    "Samsung",
    "Viettel",
    "VNPT",
    "EVN",
    "Petrovietnam",
    "Vingroup",
    "Vinamilk",
    "Vietnam Airlines",
    "Vietjet Air",
    "Agribank",
    "Vietcombank",
    "VietinBank",
    "BIDV",
    "Techcombank",
    "Sacombank",
    "SJC",
    "PNJ",
    "Vietlott",
    "Alibaba",
    "Uber",
    "Intel",
    "Netflix",
    "Huawei",
    "Xiaomi",
    // Football clubs the sports pages name without a head word (not those
    // named as their city is, `Liverpool`, `Barcelona`).
    "Manchester United",
    "Man Utd",
    "MU",
    "Manchester City",
    "Man City",
    "Chelsea",
    "Arsenal",
    "Tottenham",
    "Real Madrid",
    "Barca",
    "Atletico Madrid",
    "Bayern Munich",
    "Juventus",
    "AC Milan",
    "Inter Milan",
    "PSG",
    "HAGL",
    "Hoàng Anh Gia Lai",
    // Sports federations and leagues' bodies.
    "UEFA",
    "VFF",
    "VPF",
    "OCA",
    // Agencies of aid, of intelligence and of space, armed groups,
    // central banks.
    "JICA",
    "KOICA",
    "USAID",
    "CIA",
    "FBI",
    "NASA",
    "Interpol",
    "Hamas",
    "Hezbollah",
    "Taliban",
    "Fed",
    "ECB",
    // Stock exchanges, banks and companies named alone.
    "HOSE",
    "HNX",
    "ACB",
    "SCB",
    "VPBank",
    "TPBank",
    "HDBank",
    "Eximbank",
    "FPT",
    "Masan",
    "Vinaphone",
    "MobiFone",
    "Sabeco",
    "Habeco",
    "Petrolimex",
    "Vinacomin",
    "Vinatex",
    "IBM",
    "PepsiCo",
];

/// Newspapers named without their head word (`theo Tuổi Trẻ`): names of
/// common words, found only with every syllable capitalized and not after
/// another capitalized word (`Đoàn Thanh Niên` is the youth union).
const OUTLETS: &[&str] = &[
    "Tuổi Trẻ",
    "Thanh Niên",
    "Người Lao Động",
    "Dân Trí",
    "Tiền Phong",
    "Sài Gòn Giải Phóng",
];

/// Words before a head word in lower case that make it a body of a kind,
/// not one body (`các sở GD-ĐT`, `một cục thuế`).
pub(crate) const OF_A_KIND: &[&str] = &["các", "những", "nhiều", "mọi", "một", "từng"];

/// Lower-case words that may stand inside a name, between the head word
/// and its capitalized part (`công ty cổ phần Biên Hòa`, `trường tiểu học
/// Thái Thịnh`, `ngân hàng TMCP Ngoại thương`).
const INSIDE: &[&str] = &[
    "cổ",
    "phần",
    "tnhh",
    "tmcp",
    "mtv",
    "một",
    "thành",
    "viên",
    "trách",
    "nhiệm",
    "hữu",
    "hạn",
    "chi",
    "nhánh",
    "tiểu",
    "học",
    "trung",
    "cơ",
    "sở",
    "phổ",
    "thông",
    "thcs",
    "thpt",
    "chuyên",
    "mầm",
    "non",
    "mẫu",
    "giáo",
    "đại",
    "nhân",
    "dân",
    "quốc",
    "gia",
    "du",
    "lịch",
    "xây",
    "dựng",
    "đầu",
    "tư",
    "thương",
    "mại",
    "dịch",
    "vụ",
    "sản",
    "xuất",
    "xuất",
    "nhập",
    "khẩu",
    "phát",
    "triển",
    "tư",
    "vấn",
    "phòng",
    "chống",
    "bệnh",
    "nhiệt",
    "đới",
    "đa",
    "khoa",
    "kiểm",
    "lâm",
    "hải",
    "quân",
    "cảnh",
    "sát",
    "điều",
    "tra",
    "giao",
    "vận",
    "tải",
    "dệt",
    "may",
    "điện",
    "lực",
    "nước",
    "sạch",
    "cấp",
    "thoát",
    "môi",
    "trường",
    "khoa",
    "ngoại",
    "ngữ",
    "công",
    "nghiệp",
    "nông",
    "lâm",
    "thủy",
    "lợi",
    "y",
    "tế",
    "văn",
    "hóa",
    "thể",
    "thao",
    "và",
    "an",
    "toàn",
    "kỹ",
    "thuật",
    "bách",
    "hỗ",
    "trợ",
    "phụ",
    "nữ",
    "nông",
    "dân",
    "cựu",
    "chiến",
    "binh",
    "nhi",
    "sư",
    "phạm",
    "luật",
    "kinh",
    "tế",
    // An army sent abroad (`quân đội viễn chinh Pháp`).
    "viễn",
    "chinh",
];

/// Domain nouns that go on, in lower case, a name whose capitalized part
/// is itself a common word (`Trung tâm Kiểm soát bệnh tật`, `Trung tâm Y
/// học dự phòng`, `Sở Tài nguyên và môi trường`). Nouns only: a verb after
/// a name (`Công ty Điện lực xây dựng …`) is the sentence going on.
const TRAILING: &[&str] = &[
    "bệnh tật",
    "dự phòng",
    "môi trường",
    "xã hội",
    "công nghệ",
    "kỹ thuật",
    "nông thôn",
    "đô thị",
    "tài nguyên",
    "thông tin",
    "truyền thông",
    "giáo dục",
    "đào tạo",
    "việc làm",
    "thương mại",
    "du lịch",
    "giao thông",
    "văn hóa",
    "thể thao",
    "y tế",
    "nông nghiệp",
    "công nghiệp",
    "dân số",
    "gia đình",
    "trẻ em",
    "nước sạch",
    "vệ sinh",
    "thủy lợi",
    "thủy sản",
    "lâm nghiệp",
    "khoáng sản",
    "năng lượng",
    "khí tượng",
    "thủy văn",
    "pháp luật",
    "pháp lý",
    "tư pháp",
    "thương binh",
    "cứu nạn",
    "cứu hộ",
    "thiên tai",
    "bão lụt",
    "giống",
    "cây trồng",
    "vật nuôi",
    "thú y",
    "khuyến nông",
    "chất lượng",
    "đo lường",
    "tiêu chuẩn",
    "lao động",
    "người cao tuổi",
    "khuyết tật",
    // What a state office does (`Chi cục kiểm lâm`, `cục thuế`).
    "kiểm lâm",
    "thuế",
    "hải quan",
    "thống kê",
    "bảo vệ thực vật",
    "quản lý thị trường",
    "kiểm dịch",
    "đê điều",
    "phòng cháy",
    // What an institute studies (`viện Nghiên cứu cao su`).
    "cao su",
    "cà phê",
    "lúa gạo",
    "cây ăn quả",
    "rau quả",
    "hạt giống",
    "phân bón",
    "dầu khí",
    "hóa chất",
    "hải sản",
    "nuôi trồng",
    "dinh dưỡng",
    "ung thư",
];

struct Tables {
    heads: HashMap<String, Vec<(Vec<String>, bool)>>,
    /// [`Tables::heads`] by the hash of the first syllable.
    heads_by_hash: HashMap<u64, Vec<(Vec<String>, bool)>>,
    /// [`TRAILING`], normalized.
    trailing: rustc_hash::FxHashSet<String>,
    /// International names by first syllable, longest first: (syllables,
    /// acronym, written capitalized on every syllable only).
    international: HashMap<String, Vec<(Vec<String>, bool, bool)>>,
    /// [`Tables::international`] by the hash of the first syllable.
    international_by_hash: HashMap<u64, Vec<(Vec<String>, bool, bool)>>,
    inside: rustc_hash::FxHashSet<&'static str>,
    levels: rustc_hash::FxHashSet<&'static str>,
    /// The hashes of `ủy` and `uỷ` ([`Token::hash`]), the second syllable
    /// of a party committee's name (`khu ủy`).
    committee: [u64; 2],
    /// The hashes of the first syllables all of whose head words open a
    /// name only capitalized ([`capital_only`]).
    capital_first: Vec<u64>,
    /// The hashes of `đội`, `tuyển` and `đt`, the words that open a
    /// national team's name ([`national_teams`]).
    teams: [u64; 3],
}

fn tables() -> &'static Tables {
    static T: OnceLock<Tables> = OnceLock::new();
    T.get_or_init(|| {
        let mut heads: HashMap<String, Vec<(Vec<String>, bool)>> = HashMap::default();
        for (h, bare) in HEADS {
            let w: Vec<String> = normalize(h)
                .split_whitespace()
                .map(str::to_string)
                .collect();
            heads.entry(w[0].clone()).or_default().push((w, *bare));
        }
        for l in heads.values_mut() {
            l.sort_by_key(|(w, _)| std::cmp::Reverse(w.len()));
        }
        let mut international: HashMap<String, Vec<(Vec<String>, bool, bool)>> = HashMap::default();
        let listed = INTERNATIONAL
            .iter()
            .map(|n| (n, false))
            .chain(OUTLETS.iter().map(|n| (n, true)));
        for (n, capitalized) in listed {
            let w: Vec<String> = normalize(n)
                .split_whitespace()
                .map(str::to_string)
                .collect();
            // Acronyms (`WHO`, `AP`) match only in capitals; a one-word
            // name in mixed case (`Facebook`) as written, capitalized.
            let acronym = !n.contains(' ') && !n.chars().any(char::is_lowercase);
            international
                .entry(w[0].clone())
                .or_default()
                .push((w, acronym, capitalized));
        }
        for l in international.values_mut() {
            l.sort_by_key(|(w, _, _)| std::cmp::Reverse(w.len()));
        }
        let capital_first = heads
            .iter()
            .filter(|(_, list)| list.iter().all(|(w, _)| capital_only(w).is_some()))
            .map(|(first, _)| crate::text::word_hash(first))
            .collect();
        Tables {
            heads_by_hash: crate::text::by_hash(&heads),
            international_by_hash: crate::text::by_hash(&international),
            heads,
            trailing: TRAILING.iter().map(|w| normalize(w).into_owned()).collect(),
            international,
            inside: INSIDE.iter().copied().collect(),
            // Place type words after which a capitalized name belongs
            // to the body.
            levels: vietdex_tokenize::type_words::place_syllables().collect(),
            committee: COMMITTEE_WORDS.map(crate::text::word_hash),
            capital_first,
            teams: TEAM_HEADS.map(crate::text::word_hash),
        }
    })
}

/// Whether `exact` alone is an organization known by name (`vietcombank`,
/// `facebook`).
pub(crate) fn one_word_known(exact: &str) -> bool {
    tables()
        .international
        .get(exact)
        .is_some_and(|list| list.iter().any(|(w, _, _)| w.len() == 1))
}

/// Whether an organization known by name of two or more words opens at
/// token `i` (`Lầu Năm Góc`, `Man City`).
pub(crate) fn known_name_at(toks: &[Token], i: usize) -> bool {
    toks[i].is(words::INTERNATIONAL)
        && tables()
            .international
            .get(toks[i].exact.as_str())
            .is_some_and(|list| {
                list.iter().any(|(w, _, _)| {
                    w.len() >= 2
                        && i + w.len() <= toks.len()
                        && w.iter().enumerate().all(|(k, s)| {
                            toks[i + k].exact == *s && (k == 0 || contiguous(toks, i + k))
                        })
                })
            })
}

/// Marks the first syllables of head words and of international names
/// ([`crate::words`]).
pub(crate) fn classify(add: &mut dyn FnMut(&str, u32)) {
    let t = tables();
    for w in t.heads.keys() {
        let bit = if NAME_FIRST.contains(&w.as_str()) {
            words::ORG_HEAD_NAME
        } else {
            words::ORG_HEAD
        };
        add(w, bit);
    }
    for w in t.international.keys() {
        add(w, words::INTERNATIONAL);
    }
    for w in TEAM_HEADS {
        add(w, words::TEAM_HEAD);
    }
    for w in COMMITTEE_WORDS {
        add(w, words::COMMITTEE);
    }
    for w in ["tờ", "theo", "trang"] {
        add(w, words::OUTLET_CUE);
    }
}

/// The head words of a national team's name ([`national_teams`]).
const TEAM_HEADS: [&str; 3] = ["đội", "tuyển", "đt"];

/// `ủy` after a syllable: a party committee's name (`khu ủy`).
const COMMITTEE_WORDS: [&str; 2] = ["ủy", "uỷ"];

/// An age group's marker, alone or with its age (`u`, `u23`, `u.19`,
/// `u-22`): where [`age_group_teams`] opens ([`words::AGE_MARK`]).
pub(crate) fn age_mark(exact: &str) -> bool {
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    exact == "u"
        || exact
            .strip_prefix('u')
            .map(|r| r.strip_prefix(['.', '-']).unwrap_or(r))
            .is_some_and(two_digits)
}

/// Whether a head word starts at token `i`: not `đoàn`, a head only
/// before a level word (`đoàn xã`), which opens no other body's name
/// (`Văn phòng Đoàn đại biểu …`).
fn head_at(t: &Tables, toks: &[Token], i: usize) -> bool {
    toks.get(i)
        .is_some_and(|x| x.is(words::ORG_HEAD | words::ORG_HEAD_NAME))
        && t.heads_by_hash.get(&toks[i].hash).is_some_and(|list| {
            list.iter().any(|(words, _)| {
                words.len() <= toks.len() - i
                    && words != &["đoàn"]
                    && words.iter().enumerate().all(|(k, w)| {
                        toks[i + k].exact == *w && (k == 0 || contiguous(toks, i + k))
                    })
            })
        })
}

/// Whether a head word that may open a body starts at token `k`
/// ([`head_at`]): in lower case, one that is no common word needing a
/// capital ([`capital_only`]; `văn phòng` | `cơ quan Trung ương` is no
/// agency).
fn opens_body_at(t: &Tables, toks: &[Token], k: usize) -> bool {
    head_at(t, toks, k)
        && (toks[k].capitalized
            || t.heads_by_hash.get(&toks[k].hash).is_some_and(|list| {
                list.iter().any(|(words, _)| {
                    capital_only(words).is_none()
                        && words.len() <= toks.len() - k
                        && words.iter().enumerate().all(|(n, w)| {
                            toks[k + n].exact == *w && (n == 0 || contiguous(toks, k + n))
                        })
                })
            }))
}

/// The length in tokens of the head word that starts at token `i`
/// ([`head_at`]), the longest where several do.
pub(crate) fn head_len_at(toks: &[Token], i: usize) -> Option<usize> {
    let t = tables();
    if !head_at(t, toks, i) {
        return None;
    }
    t.heads_by_hash
        .get(&toks[i].hash)?
        .iter()
        .filter_map(|(words, _)| {
            (words.len() <= toks.len() - i
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks[i + k].exact == *w && (k == 0 || contiguous(toks, i + k))))
            .then_some(words.len())
        })
        .max()
}

/// Whether tokens `a..b` are exactly a board's head word (`Ban Quản
/// lý`, `Ban chỉ đạo`): a body the fixed patterns end there, whose name
/// the head-word rules may go on with.
pub(crate) fn bare_board(toks: &[Token], a: usize, b: usize) -> bool {
    toks[a].exact == "ban"
        && b - a >= 2
        && tables().heads.get("ban").is_some_and(|list| {
            list.iter().any(|(words, _)| {
                words.len() == b - a
                    && words.iter().enumerate().all(|(k, w)| {
                        toks[a + k].exact == *w && (k == 0 || contiguous(toks, a + k))
                    })
            })
        })
}

/// Whether the capitalized syllables from token `i` (one to four) name an
/// administrative unit.
fn place_name_at(g: &crate::gazetteer::Gazetteer, toks: &[Token], i: usize) -> bool {
    let mut key = toks[i].exact.to_string();
    if !g.lookup(&key).is_empty() {
        return true;
    }
    for j in i + 1..toks.len().min(i + 4) {
        if !(toks[j].capitalized && contiguous(toks, j)) {
            break;
        }
        key.push(' ');
        key.push_str(&toks[j].exact);
        if !g.lookup(&key).is_empty() {
            return true;
        }
    }
    false
}

/// Whether the name part ending before token `e` ends with a common word
/// capitalized (`Kiểm soát`, `Y học`): its last two syllables are a word
/// and the first of them is capitalized.
fn descriptive(seg: &vietdex_tokenize::Segmenter, toks: &[Token], e: usize) -> bool {
    e >= 2
        && toks[e - 2].capitalized
        && !toks[e - 2].all_caps
        && !toks[e - 1].all_caps
        && contiguous(toks, e - 1)
        && seg.is_word_pair(&toks[e - 2].exact, &toks[e - 1].exact)
}

/// Where [`words_before_brand`] reads: after a name or not, and what it
/// allows an enterprise's name: one syllable of [`PRODUCTS`] for a word
/// (`enterprise`), and a unit's name for its own (`own_place`).
#[derive(Clone, Copy)]
struct Trade {
    /// After a name's capitalized part.
    after_name: bool,
    enterprise: bool,
    own_place: bool,
}

/// What an enterprise makes, in one syllable, between its head word and
/// its name (`nhà máy đạm Ninh Bình`, `hãng xe Suzuki`, `công ty cổ phần
/// kính Nam Việt`).
const PRODUCTS: &[&str] = &[
    "xe", "thép", "gang", "giấy", "đạm", "bia", "sữa", "kính", "sứ", "gạch", "gỗ", "than", "muối",
    "chè", "gạo", "sợi", "điện", "phân", "rượu", "thuốc", "vải", "nhựa", "tôm",
];

/// Whether a head word names an enterprise: a company, a group, a
/// factory, a works or a maker (`công ty`, `CTCP`, `nhà máy`, `hãng`).
fn enterprise_head(words: &[String]) -> bool {
    match words {
        [a] => matches!(a.as_str(), "hãng" | "cty" | "ctcp"),
        [a, b] => matches!(
            (a.as_str(), b.as_str()),
            ("công", "ty") | ("tập", "đoàn") | ("nhà", "máy") | ("xí", "nghiệp") | ("tổng", "ctcp")
        ),
        [a, b, c] => a == "tổng" && b == "công" && c == "ty",
        _ => false,
    }
}

/// Last words of a company's legal form (`cổ phần`, `TNHH`, `MTV`,
/// `chi nhánh`), after which the name may open with another head word.
const LEGAL_FORM_ENDS: &[&str] = &["phần", "tnhh", "mtv", "tmcp", "hạn", "viên", "nhánh"];

/// Whether a common word written capitalized on its first syllable opens
/// at token `i` (`Cơ hội`, `Bảo vệ`): two syllables of one word, the
/// second in lower case.
fn descriptive_at(seg: &vietdex_tokenize::Segmenter, toks: &[Token], i: usize) -> bool {
    toks.get(i + 1).is_some_and(|y| {
        toks[i].name_like
            && contiguous(toks, i)
            && !y.capitalized
            && contiguous(toks, i + 1)
            && seg.is_word_pair(&toks[i].exact, &y.exact)
    })
}

/// Tokens `k` and `k + 1` when they are one word of the lexicon of two
/// syllables, in lower case, without digits, each joined to the token
/// before (`tinh khiết`, `truyền hình`).
fn lower_word_at<'t>(
    seg: &vietdex_tokenize::Segmenter,
    toks: &'t [Token],
    k: usize,
) -> Option<(&'t Token, &'t Token)> {
    let (x, y) = (toks.get(k)?, toks.get(k + 1)?);
    (!x.capitalized
        && !y.capitalized
        && !x.digits
        && contiguous(toks, k)
        && contiguous(toks, k + 1)
        && seg.is_word_pair(&x.exact, &y.exact))
    .then_some((x, y))
}

/// At token `j`, in lower case after a name's capitalized part: the
/// token of the brand that ends the name, when one to two words in lower
/// case (each a word of the lexicon of two syllables, none a verb that
/// ends a role) lead to it (`Nước` | `tinh khiết` | `Hapro`). The brand is
/// capitalized, without digits (`U20`), no function word (`Các`) and no
/// place (but an enterprise's, `own_place`, before any name of its own,
/// `nhà máy` | `đạm` | `Ninh Bình`; one syllable of [`PRODUCTS`] is a word
/// after an enterprise's head), person, title before a person, other body
/// or known organization.
fn words_before_brand(
    g: &crate::gazetteer::Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    t: &Tables,
    toks: &[Token],
    j: usize,
    person: &[bool],
    trade: Trade,
) -> Option<usize> {
    let Trade {
        after_name,
        enterprise,
        own_place,
    } = trade;
    let mut k = j;
    while k < j + 4 {
        if let Some((x, _)) = lower_word_at(seg, toks, k) {
            if x.is(words::ROLE_STOP) {
                return None;
            }
            k += 2;
        } else if enterprise
            && toks.get(k).is_some_and(|x| {
                !x.capitalized && contiguous(toks, k) && PRODUCTS.contains(&x.exact.as_str())
            })
        {
            // What an enterprise makes, in one syllable (`nhà máy` |
            // `đạm`).
            k += 1;
        } else {
            return None;
        }
        if toks.get(k).is_some_and(|b| b.capitalized) {
            break;
        }
    }
    let b = toks.get(k)?;
    (b.capitalized
        && !b.digits
        && !b.exact.bytes().any(|c| c.is_ascii_digit())
        && !b.is(words::LONE_NAME_CUE | words::ROLE_STOP)
        && contiguous(toks, k)
        && !person[k]
        // `thay thế PGS.TS Nguyễn …`: a title before a person.
        && !person[k + 1..(k + 3).min(toks.len())].iter().any(|&p| p)
        && (own_place || !place_name_at(g, toks, k))
        && !head_at(t, toks, k)
        && !(b.is(words::INTERNATIONAL) && one_word_known(&b.exact))
        && !(b.is(words::WORLD) && crate::landmarks::one_syllable_world(&b.exact, false))
        // `bảo tàng Trên thế giới`: a common word capitalized, no brand
        // (but `… Trung ương`, a name's word capitalized on its first
        // syllable).
        && !(b.is(words::WORD)
            && toks.get(k + 1).is_some_and(|n| {
                !n.capitalized
                    && contiguous(toks, k + 1)
                    && !seg.is_word_pair(&b.exact, &n.exact)
            }))
        // `hãng điện thoại Trung Quốc`, `trung tâm thủ đô Bắc Kinh`: right
        // after the head word, the country or city the thing is of (after
        // a name, part of it: `Xổ số điện toán Việt Nam`).
        && !(!after_name && b.is(words::WORLD) && world_at(toks, k)))
    .then_some(k)
}

/// At token `e`, in lower case after a name's capitalized part that is a
/// common word: the end of at most two words of the lexicon (none a verb
/// that ends a role), then the reach of the body, `quốc tế`, `quốc gia`,
/// `thế giới`, `trung ương`, or `châu` and a continent's name (`hàng hải`
/// | `quốc tế`, `châu Á`).
fn words_before_reach(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    e: usize,
) -> Option<usize> {
    let reach = |k: usize| {
        let (x, y) = (toks.get(k)?, toks.get(k + 1)?);
        let joined = !x.capitalized && contiguous(toks, k) && contiguous(toks, k + 1);
        let closes = match (x.exact.as_str(), y.exact.as_str()) {
            ("quốc", "tế" | "gia") | ("thế", "giới") | ("trung", "ương") => {
                !y.capitalized
            }
            ("châu", _) => y.capitalized,
            _ => false,
        };
        (joined && closes).then_some(k + 2)
    };
    let mut k = e;
    for _ in 0..3 {
        if let Some(end) = reach(k) {
            return Some(end);
        }
        let (x, _) = lower_word_at(seg, toks, k)?;
        if x.is(words::ROLE_STOP) {
            return None;
        }
        k += 2;
    }
    None
}

/// At token `e`, after a name's capitalized part that is a common word:
/// the end of the place found on its own (`places`, in text order: units,
/// countries, regions) that opens there or after at most two words of the
/// lexicon in lower case, none a verb that ends a role nor a type word
/// (`nội địa` | `tỉnh Quảng Ninh`).
fn words_before_place(
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    e: usize,
    places: &[(usize, usize)],
) -> Option<usize> {
    let mut k = e;
    for _ in 0..3 {
        if let Some(&(_, end)) = places
            .get(places.partition_point(|p| p.0 < k))
            .filter(|p| p.0 == k && contiguous(toks, k))
        {
            return Some(end);
        }
        let (x, _) = lower_word_at(seg, toks, k)?;
        if x.is(words::ROLE_STOP | words::TYPE_WORD) {
            return None;
        }
        k += 2;
    }
    None
}

/// At token `j`, in lower case right after a head word (or the words in
/// lower case after it): the end of a body named by one or two words of
/// what it does and its level (`đài` | `truyền hình` | `huyện`, `học
/// viện` | `hành chính` | `quốc gia`): each word two syllables of the
/// lexicon, then a level that opens no other word (`xã hội`) or a type
/// word of two syllables (`thành phố`), or `quốc gia`, `trung ương`.
fn words_before_level(
    seg: &vietdex_tokenize::Segmenter,
    t: &Tables,
    toks: &[Token],
    j: usize,
) -> Option<usize> {
    // A level or `quốc`, `trung` where one of the words can end, first:
    // without one, no word is looked up.
    let closes_at = |k: usize| {
        toks.get(k).is_some_and(|n| {
            !n.capitalized
                && (n.is(words::TYPE_WORD) || matches!(n.exact.as_str(), "quốc" | "trung"))
        })
    };
    if !closes_at(j + 2) && !closes_at(j + 4) {
        return None;
    }
    let mut k = j;
    for _ in 0..2 {
        let (x, y) = lower_word_at(seg, toks, k)?;
        // `hàng đầu quốc gia`: a rank, not what the body does.
        if x.exact == "hàng" && y.exact == "đầu" {
            return None;
        }
        k += 2;
        let n = toks.get(k)?;
        if n.capitalized || !contiguous(toks, k) {
            return None;
        }
        let next = toks
            .get(k + 1)
            .filter(|m| !m.capitalized && contiguous(toks, k + 1));
        // `thành`, `thị` only as `thành phố`, `thị xã` (`phối hợp thành
        // nhóm` is no town).
        let partial = matches!(n.exact.as_str(), "thành" | "thị");
        if n.is(words::TYPE_WORD) {
            return match next {
                Some(m) if m.is(words::TYPE_WORD) || t.levels.contains(m.exact.as_str()) => {
                    Some(k + 2)
                }
                Some(m) if seg.is_word_pair(&n.exact, &m.exact) => None,
                _ if partial => None,
                _ => Some(k + 1),
            };
        }
        if next.is_some_and(|m| {
            matches!(
                (n.exact.as_str(), m.exact.as_str()),
                ("quốc", "gia") | ("trung", "ương")
            )
        }) {
            return Some(k + 2);
        }
    }
    None
}

/// Whether a country or a city of the world list opens at token `k`
/// (`Trung Quốc`, `Bắc Kinh`): one to three capitalized syllables.
fn world_at(toks: &[Token], k: usize) -> bool {
    let mut key = String::new();
    for j in k..toks.len().min(k + 3) {
        if !toks[j].capitalized || (j > k && !contiguous(toks, j)) {
            break;
        }
        if j > k {
            key.push(' ');
        }
        key.push_str(&toks[j].exact);
        if crate::landmarks::world_name(&key) {
            return true;
        }
    }
    false
}

/// The length in tokens of a [`TRAILING`] domain noun in lower case at
/// token `i`.
fn trailing_at(t: &Tables, toks: &[Token], i: usize) -> Option<usize> {
    let mut key = String::new();
    let mut found = None;
    for j in i..toks.len().min(i + 3) {
        if toks[j].capitalized || !contiguous(toks, j) {
            break;
        }
        if j > i {
            key.push(' ');
        }
        key.push_str(&toks[j].exact);
        if t.trailing.contains(&key) {
            found = Some(j + 1 - i);
        }
    }
    found
}

/// `TN&MT`, `NN&PTNT`: parts of one abbreviation.
/// `TP. HCM`: an abbreviated type word and its name.
fn joined(text: &str, toks: &[Token], i: usize) -> bool {
    if contiguous(toks, i) {
        return true;
    }
    let gap = text[toks[i - 1].end..toks[i].start].trim();
    gap == "&" || (gap == "." && toks[i - 1].exact == "tp")
}

/// Finds organizations by head word, as token spans, at tokens where
/// `free` holds (not inside an organization found before, not a person
/// or a non-administrative place). Names never run into a person
/// (`person` marks their tokens); a board's name never runs into a body
/// or a program found before (`body` marks their tokens). Linear: each token starts at most one
/// bounded look-ahead (a name has at most 16 tokens).
#[allow(clippy::too_many_arguments)]
pub fn organizations(
    g: &crate::gazetteer::Gazetteer,
    seg: &vietdex_tokenize::Segmenter,
    toks: &[Token],
    text: &str,
    free: &[bool],
    person: &[bool],
    body: &[bool],
    marks: &[u64],
    places: &[(usize, usize)],
) -> Vec<(usize, usize)> {
    let t = tables();
    let mut out = Vec::new();
    let mut i = 0;
    // Every rule below opens at a capital, a head word, or a syllable
    // before `ủy`: most tokens are none of them, told by their marks.
    let opens = mark::CAPITALIZED | mark::class(words::ORG_HEAD | words::ORG_HEAD_NAME);
    let committee = mark::class(words::COMMITTEE);
    while i < toks.len() {
        if !free[i]
            || !(marks[i] & opens != 0
                || (marks.get(i + 1).is_some_and(|&n| n & committee != 0)
                    && t.committee.contains(&toks[i + 1].hash)))
        {
            i += 1;
            continue;
        }
        if toks[i].capitalized
            && toks[i].is(words::INTERNATIONAL)
            && let Some(list) = t.international_by_hash.get(&toks[i].hash)
            && let Some((words, _, _)) = list.iter().find(|(w, acronym, capitalized)| {
                (!acronym || toks[i].all_caps || toks[i].digits)
                    && w.len() <= toks.len() - i
                    && w.iter().enumerate().all(|(k, s)| {
                        toks[i + k].exact == *s
                            // A place found inside a known name is part of
                            // it (`Liên minh châu Âu`).
                            && (free[i + k] || (k > 0 && !person[i + k] && !body[i + k]))
                            && (k == 0 || contiguous(toks, i + k))
                            && (!capitalized || toks[i + k].capitalized)
                    })
                    && !(*capitalized && i > 0 && toks[i - 1].capitalized && contiguous(toks, i))
            })
        {
            let mut end = i + words.len();
            // `Samsung Việt Nam`, `PepsiCo VN`: the company's branch in
            // the country is named with it.
            if let Some(n) = toks
                .get(end)
                .filter(|_| contiguous(toks, end))
                .and_then(|_| crate::landmarks::country_at(toks, end))
                .filter(|&n| {
                    let key: Vec<&str> = toks[end..end + n]
                        .iter()
                        .map(|t| t.exact.as_str())
                        .collect();
                    matches!(key.as_slice(), ["việt", "nam"] | ["vn"])
                })
            {
                end += n;
            } else if toks.get(end).is_some_and(|n| {
                n.exact == "index" && matches!(&text[toks[end - 1].end..n.start], "-" | " ")
            }) {
                // `HNX-Index`: a stock index named after its exchange.
                i = end;
                continue;
            }
            out.push((i, end));
            i = end;
            continue;
        }
        // `Trung ương` written alone, capitalized: the Party's Central
        // Committee; not the level of a body (`cấp Trung ương`, `cơ quan
        // Trung ương`) nor part of a longer name.
        if free[i]
            && toks[i].capitalized
            && !toks[i].all_caps
            && toks[i].exact == "trung"
            && toks
                .get(i + 1)
                .is_some_and(|n| n.exact == "ương" && contiguous(toks, i + 1))
            && free[i + 1]
            && !(i > 0
                && contiguous(toks, i)
                && (toks[i - 1].capitalized
                    || matches!(
                        toks[i - 1].exact.as_str(),
                        "cấp" | "quan" | "ngành" | "vị" | "trực" | "thuộc"
                    )))
            && !toks
                .get(i + 2)
                .is_some_and(|n| n.capitalized && contiguous(toks, i + 2))
        {
            out.push((i, i + 2));
            i += 2;
            continue;
        }
        // `Đảng` written alone, capitalized: the Party (`của Đảng`,
        // `vào Đảng`); not a word it opens (`Đảng viên`), a name going on
        // (`Đảng Dân chủ`, left to the head-word rules), nor after another
        // capitalized word (`Đại hội Đảng`, `Nguyễn Văn Đảng`).
        if toks[i].capitalized
            && !toks[i].all_caps
            && toks[i].exact == "đảng"
            && !(i > 0 && toks[i - 1].capitalized && contiguous(toks, i))
            && !toks.get(i + 1).is_some_and(|n| {
                contiguous(toks, i + 1)
                    && (n.capitalized || n.digits || seg.is_word_pair(&toks[i].exact, &n.exact))
            })
        {
            out.push((i, i + 1));
            i += 1;
            continue;
        }
        // Party committees named alone, in lower case (`khu ủy`).
        if free[i]
            && i + 1 < toks.len()
            && free[i + 1]
            && contiguous(toks, i + 1)
            && matches!(toks[i + 1].exact.as_str(), "ủy" | "uỷ")
            && matches!(
                toks[i].exact.as_str(),
                "khu" | "tỉnh" | "huyện" | "thành" | "đảng"
            )
        {
            out.push((i, i + 2));
            i += 2;
            continue;
        }
        if !free[i] || !toks[i].is(words::ORG_HEAD | words::ORG_HEAD_NAME) {
            i += 1;
            continue;
        }
        // `vụ`, `tổ`, `không` in lower case open no head word.
        if !toks[i].capitalized && t.capital_first.contains(&toks[i].hash) {
            i += 1;
            continue;
        }
        let Some(list) = t.heads_by_hash.get(&toks[i].hash) else {
            i += 1;
            continue;
        };
        let found = list.iter().find_map(|(words, bare)| {
            let n = words.len();
            let head_ok = n <= toks.len() - i
                && words
                    .iter()
                    .enumerate()
                    .all(|(k, w)| toks[i + k].exact == *w && (k == 0 || contiguous(toks, i + k)));
            if !head_ok {
                return None;
            }
            let after = i + n;
            // The head word opens a longer word (`báo cáo`, `trường hợp`,
            // `viện trợ`) or closes one begun before (`thông báo`).
            // A head word of two or more syllables is a word itself: the
            // syllable after it that also opens a word with the next one
            // opens that word (`trung tâm tư vấn` is no `tâm tư`).
            let opens = toks.get(after).is_some_and(|x| {
                contiguous(toks, after)
                    && !x.capitalized
                    && seg.is_word_pair(&toks[after - 1].exact, &x.exact)
                    && !(n >= 2
                        && toks.get(after + 1).is_some_and(|y| {
                            contiguous(toks, after + 1)
                                && seg.is_word_pair(&x.exact, &y.exact)
                        }))
            });
            // `Ban Quản lý`, `Ban chỉ đạo`: a board is a body by its head
            // word alone when written as one; in lower case only with a
            // name after it (`ban quản lý rừng …` | `Sêrêpôk`). A title
            // before it (`Trưởng ban`) closes no word of its own.
            // A head word of two or more syllables is a word itself, read
            // so before a name even where its first syllable also closes a
            // word begun before it (`ra` | `Công ty`, `ra` | `công ty
            // tnhh`).
            // A head word that is a common word in lower case opens a
            // body's name only capitalized, before a capitalized name.
            let common_head = capital_only(words);
            if let Some(need) = common_head {
                // Not inside a longer name (`Tây Ban Nha`), but after an
                // office (`Trưởng Ban …`) or a word opening the sentence
                // (`Theo Cơ quan …`).
                let inside_name = i > 0
                    && contiguous(toks, i)
                    && ((toks[i - 1].capitalized
                        && !toks[i - 1].is(crate::words::TITLE | crate::words::CLAUSE_OPENER))
                        // `xã Ban Mế`: a unit's name.
                        || toks[i - 1].is(crate::words::TYPE_WORD));
                // Before an organization known by name, the head word
                // says what it is (`Cơ quan KOICA` | `Hàn Quốc`): the name
                // is found on its own.
                let next_ok = toks[i].capitalized
                    && !inside_name
                    && toks.get(after).is_some_and(|x| {
                        x.capitalized
                            && !x.digits
                            && contiguous(toks, after)
                            && !(x.is(words::INTERNATIONAL)
                                && (one_word_known(&x.exact) || known_name_at(toks, after)))
                    });
                let ok = next_ok
                    && match need {
                        CapitalOnly::Name => true,
                        CapitalOnly::Function => descriptive_at(seg, toks, after),
                        CapitalOnly::InsideSentence => {
                            i > 0 && !toks[i].gap_is(crate::text::gap::STOP)
                        }
                        CapitalOnly::Country => true,
                    };
                if !ok {
                    return None;
                }
                // `Hải quân Mỹ`: the service and its country, no more.
                if need == CapitalOnly::Country {
                    return crate::landmarks::country_at(toks, after).map(|c| (i, after + c));
                }
            }
            let common_head = common_head.is_some();
            let board = words[0] == "ban" && n >= 2;
            let named_next = n >= 2
                && toks
                    .get(after)
                    .is_some_and(|x| x.capitalized || t.inside.contains(x.exact.as_str()));
            let closes = !board
                && !named_next
                && i > 0
                && contiguous(toks, i)
                && seg.is_word_pair(&toks[i - 1].exact, &toks[i].exact);
            // `trung tâm thị xã`, `trung tâm Hà Nội`: the centre of a
            // place, not a body (`Trung tâm Y tế huyện`). A name that
            // opens a word in lower case is the body's (`Trung tâm Tư vấn`
            // is no centre of Xã Tư).
            let centre = words.join(" ") == "trung tâm"
                && toks.get(after).is_some_and(|x| {
                    t.levels.contains(x.exact.as_str())
                        || (x.capitalized
                            && place_name_at(g, toks, after)
                            && !toks.get(after + 1).is_some_and(|y| {
                                !y.capitalized
                                    && contiguous(toks, after + 1)
                                    && seg.is_word_pair(&x.exact, &y.exact)
                            }))
                });
            // `THCS Nguyễn Du`: a school's level in initials names the
            // school only before a person's name (`kỳ thi THPT quốc gia` is
            // the exam).
            // `Văn phòng Chính phủ`: an office is a body when written as
            // one; `văn phòng` in lower case is a room or a branch.
            let office = matches!(words.as_slice(), [a, b] if a == "văn" && b == "phòng");
            if office && !toks[i].capitalized {
                return None;
            }
            // `Văn phòng Tổng cục Hải quan`, `công đoàn Công ty …`: the body
            // named is the one inside.
            let container =
                office || matches!(words.as_slice(), [a, b] if a == "công" && b == "đoàn");
            if container && opens_body_at(t, toks, after) {
                return None;
            }
            // `quán Gió Núi`: a shop in lower case, no word's last
            // syllable (`lãnh sự quán`, `hội quán`) and no `quán quân`;
            // capitalized it opens names of other things (`Quán Thế Âm`,
            // `Quán Lào`).
            if matches!(words.as_slice(), [w] if w == "quán")
                && (toks[i].capitalized
                    || (i > 0
                        && contiguous(toks, i)
                        && matches!(
                            toks[i - 1].exact.as_str(),
                            "sự" | "hội" | "tửu" | "khách" | "thư" | "trà" | "lữ"
                        ))
                    || toks.get(after).is_some_and(|x| x.exact == "quân"))
            {
                return None;
            }
            // `Trường Sa`, `Hội An`: a capitalized head word of one
            // syllable that makes a unit's name with the next syllable.
            if n == 1
                && toks[i].capitalized
                && toks.get(after).is_some_and(|x| {
                    x.capitalized
                        && contiguous(toks, after)
                        && !g
                            .lookup(&crate::text::pair(&toks[i].exact, &x.exact))
                            .is_empty()
                })
            {
                return None;
            }
            // `đoàn xã`: the youth union of the unit the text is about,
            // named by its level alone, in lower case; with a name after it
            // (`đoàn tỉnh Quảng Nam`) a delegation, and `đoàn` before
            // anything else one too (or a family name).
            if matches!(words.as_slice(), [w] if w == "đoàn") {
                let level = toks.get(after).filter(|x| {
                    !toks[i].capitalized
                        && contiguous(toks, after)
                        && matches!(x.exact.as_str(), "xã" | "phường" | "huyện" | "tỉnh")
                });
                level?;
                let ends = toks.get(after + 1).is_none_or(|y| {
                    !contiguous(toks, after + 1)
                        || (!y.capitalized
                            && !y.digits
                            && !seg.is_word_pair(&toks[after].exact, &y.exact))
                });
                return (ends && !closes).then_some((i, after + 1));
            }
            // `hãng F.`, `công ty Y`: a company named by one letter, as the
            // press hides a name; the letter is no person's initial.
            let company = match words.as_slice() {
                [a] => a == "hãng",
                [a, b] => (a == "công" && b == "ty") || (a == "tập" && b == "đoàn"),
                _ => false,
            };
            if company
                && toks.get(after).is_some_and(|x| {
                    x.capitalized
                        && x.exact.chars().count() == 1
                        && x.exact.chars().all(char::is_alphabetic)
                        && contiguous(toks, after)
                        && !toks
                            .get(after + 1)
                            .is_some_and(|y| y.capitalized && contiguous(toks, after + 1))
                })
            {
                return Some((i, after + 1));
            }
            let initials = matches!(words.as_slice(), [w] if w == "thcs" || w == "thpt");
            let named = toks
                .get(after)
                .is_some_and(|x| x.capitalized && x.is(crate::words::SURNAME));
            if opens || closes || centre || (initials && !named) {
                return None;
            }
            // Enterprises and institutions, whose name may open with what
            // they do in lower case before the brand (`hãng bảo hiểm
            // Hagerty`); not boards, associations and outlets (`hội vô
            // địch …`, `tạp chí thời trang Việt`).
            let described = !board && !matches!(words[0].as_str(), "hội" | "báo" | "tạp");
            // Enterprises, named after their place as after their brand
            // (`nhà máy đạm Ninh Bình`, `công ty vàng bạc đá quý Sài
            // Gòn`), whose legal form and trade run longer in lower case
            // (`công ty cổ phần đầu tư xây dựng Hòa Bình`).
            let enterprise = enterprise_head(words);
            // State offices, which a level word alone names (`công an
            // tỉnh`) and which their work names (`chi cục kiểm lâm`).
            let function_named = *bare || words.last().is_some_and(|w| w == "cục");
            // `Viện Kiểm sát`, `Tòa Án`: a state body's head word of two
            // or more syllables written as a name names that body alone.
            let named_head = *bare && n >= 2 && toks[i].capitalized && toks[i + 1].capitalized;
            let mut end = ((board || named_head) && toks[i].capitalized).then_some(after);
            let mut j = after;
            let mut lower_run = 0;
            // A party (`đảng`), and the last capitalized token of its name.
            let party = matches!(words.as_slice(), [w] if w == "đảng");
            let mut last_capital: Option<usize> = None;
            // A `và` among the words in lower case after the head word.
            let mut joined_by_and = false;
            // Just after a place inside a board's name: the place's last
            // syllable opens no word with the next (`Tây Nguyên` | `phát
            // biểu`).
            let mut after_place = false;
            while j < toks.len()
                && j < after + 16
                && joined(text, toks, j)
                && !person[j]
                // A board's name ends before another body found on its own
                // (`Ban Chỉ đạo` | `Bộ Công Thương`), as does an agency's
                // or a council's after its own name (`Cơ quan CSĐT` | `Bộ
                // Công an`, but `Hội đồng Chính phủ`).
                && !((board || (common_head && j > after && !body[j - 1])) && body[j])
            {
                // A place found on its own inside a board's name is part of
                // it (`Ban Quản lý` | `Khu kinh tế …`).
                if board && !free[j] {
                    while j < toks.len() && !free[j] && !body[j] && !person[j] {
                        j += 1;
                    }
                    end = Some(j);
                    lower_run = 0;
                    after_place = true;
                    continue;
                }
                let x = &toks[j];
                let just_after_place = std::mem::take(&mut after_place);
                // A number ends a name (`lữ đoàn Hải quân 125`) unless a
                // measure follows it (`Đà Nẵng 10 km`).
                // After a unit's type word the number is the unit's
                // (`Đội CSGT quận 12` | `đã …`; `thành` alone is no type
                // word: `thành 5 đơn vị`).
                let unit_number = t.levels.contains(toks[j - 1].exact.as_str())
                    && !matches!(toks[j - 1].exact.as_str(), "thành" | "thị");
                let measured = x.digits
                    && !unit_number
                    && toks
                        .get(j + 1)
                        .is_some_and(|y| !y.capitalized && contiguous(toks, j + 1));
                // After words in lower case, another body's head word
                // opens that body (`Trung tâm Y tế hỗ trợ Hội …`), but not
                // after a company's legal form (`Công ty Cổ phần Tập đoàn
                // …`).
                // A head word after `trường` is the school's level
                // (`trường ĐH`), no other body.
                if x.capitalized
                    && lower_run > 0
                    && head_at(t, toks, j)
                    && !LEGAL_FORM_ENDS.contains(&toks[j - 1].exact.as_str())
                    && toks[j - 1].exact != "trường"
                {
                    break;
                }
                // Another head word, in either case, ends the name of a
                // board or council, the body it belongs to or stands
                // beside being a name of its own (`Ban Giám hiệu` |
                // `trường …`, `Ban Nội chính` | `- Văn phòng …`).
                // A head word in lower case that closes a word with the
                // capitalized syllable before it is that word's (`Cơ quan
                // Tình` | `báo`).
                if common_head
                    && j > after
                    && head_at(t, toks, j)
                    && !(!x.capitalized
                        && toks[j - 1].capitalized
                        && contiguous(toks, j)
                        && seg.is_word_pair(&toks[j - 1].exact, &x.exact))
                {
                    break;
                }
                // A party's name ends before a foreign name after its
                // Vietnamese words or initials (`Đảng Dân chủ` | `Hillary
                // Clinton`, `đảng cực hữu FN` | `Marine …`): a person the
                // rules of names do not know; a foreign name goes on a
                // foreign one (`đảng Front National`) or is a country.
                if party
                    && x.capitalized
                    && !x.all_caps
                    && !x.digits
                    && last_capital.is_some_and(|k: usize| {
                        toks[k].all_caps || crate::titled::vietnamese_shape(&toks[k].folded)
                    })
                    && !crate::titled::vietnamese_shape(&x.folded)
                    && !world_at(toks, j)
                {
                    break;
                }
                if x.capitalized || (x.digits && !measured) {
                    end = Some(j + 1);
                    lower_run = 0;
                    if x.capitalized {
                        last_capital = Some(j);
                    }
                } else if end.is_none()
                    && j == after
                    && function_named
                    && !(i > 0 && !toks[i].capitalized && OF_A_KIND.contains(&toks[i - 1].exact.as_str()))
                    && let Some(n) = trailing_at(t, toks, j)
                {
                    // `Chi cục kiểm lâm`, `cục thuế tỉnh …`: a state
                    // office named by what it does, in lower case.
                    end = Some(j + n);
                    j += n;
                    continue;
                } else if end == Some(j)
                    && !just_after_place
                    && toks[j - 1].capitalized
                    && seg.is_word_pair(&toks[j - 1].exact, &x.exact)
                {
                    // `Ngoại thương`, `Thủ đô`: a name word capitalized on
                    // its first syllable only.
                    end = Some(j + 1);
                } else if end == Some(j)
                    && x.exact == "và"
                    && descriptive(seg, toks, j)
                    && descriptive_at(seg, toks, j + 1)
                    && !head_at(t, toks, j + 1)
                {
                    // `Trung tâm Bảo vệ và Cơ hội việc làm`: two common
                    // words capitalized joined in one name.
                    lower_run += 1;
                } else if (end == Some(j) || (end.is_none() && described && !joined_by_and))
                    && let Some(k) = words_before_brand(
                        g,
                        seg,
                        t,
                        toks,
                        j,
                        person,
                        Trade {
                            after_name: end.is_some(),
                            enterprise,
                            // No name yet but a legal form or a trade
                            // capitalized: the place may be the name.
                            own_place: enterprise
                                && (end.is_none()
                                    || LEGAL_FORM_ENDS.contains(&toks[j - 1].exact.as_str())
                                    || toks[j - 1].exact == "cp"
                                    || descriptive(seg, toks, j)),
                        },
                    )
                {
                    // `Công ty Nước tinh khiết Hapro`, `công ty nước tinh
                    // khiết Hapro`: a description in lower case, then the
                    // brand that ends the name.
                    j = k;
                    continue;
                } else if end.is_none()
                    && described
                    && !joined_by_and
                    && let Some(k) = words_before_level(seg, t, toks, j)
                    // `các đài truyền hình trung ương`: bodies of a kind;
                    // `quỹ đầu tư quốc gia`, `trung tâm mua sắm … quận 7`
                    // in lower case: a kind of fund, a place.
                    && !(i > 0 && matches!(toks[i - 1].exact.as_str(), "các" | "những" | "nhiều" | "mọi"))
                    && (toks[i].capitalized || !matches!(words[0].as_str(), "quỹ" | "trung"))
                {
                    // `đài truyền hình huyện`, `học viện hành chính quốc
                    // gia`: a body of the state in lower case.
                    end = Some(k);
                    j = k;
                    continue;
                } else if end == Some(j)
                    && matches!(x.exact.as_str(), "quốc" | "trung")
                    && toks.get(j + 1).is_some_and(|y| {
                        contiguous(toks, j + 1) && matches!(y.exact.as_str(), "gia" | "ương")
                    })
                {
                    // `… AIDS quốc gia`, `… trung ương`.
                    end = Some(j + 2);
                    j += 1;
                } else if *bare
                    && x.exact == "số"
                    && toks
                        .get(j + 1)
                        .is_some_and(|y| y.digits && contiguous(toks, j + 1))
                {
                    // `Đội CSGT số 14`, `chi bộ số 3`: a unit by its number.
                    end = Some(j + 2);
                    lower_run = 0;
                    j += 1;
                } else if t.levels.contains(x.exact.as_str()) {
                    // `Ban ATGT tỉnh`: a board or council of the unit the
                    // text is about, named by its level alone.
                    // Not a level that opens a word (`tỉnh táo`, `xã hội`).
                    let level_closes = common_head
                        && end == Some(j)
                        && toks.get(j + 1).is_none_or(|y| {
                            !contiguous(toks, j + 1)
                                || (!y.capitalized
                                    && (t.levels.contains(y.exact.as_str())
                                        || !seg.is_word(&crate::text::pair(&x.exact, &y.exact))))
                        });
                    if (*bare && end.is_none()) || level_closes {
                        end = Some(j + 1);
                    }
                    lower_run = 0;
                } else if t.inside.contains(x.exact.as_str())
                    && (lower_run < 5 || (enterprise && lower_run < 8))
                    // `báo Thanh Niên và Bệnh viện …`, `trường Lê Lợi và
                    // trường Trần Phú`: two names.
                    && !(x.exact == "và"
                        && (toks.get(j + 1).is_some_and(|y| y.capitalized)
                            || head_at(t, toks, j + 1)))
                {
                    lower_run += 1;
                    joined_by_and |= x.exact == "và";
                } else {
                    break;
                }
                j += 1;
            }
            // A name that is a common word capitalized (`Kiểm soát`, `Y
            // học`) goes on with domain nouns in lower case (`bệnh tật`,
            // `dự phòng`), optionally joined by `và`.
            if let Some(mut e) = end
                && e >= after + 2
                && descriptive(seg, toks, e)
            {
                loop {
                    let from =
                        if toks.get(e).is_some_and(|x| x.exact == "và") && contiguous(toks, e) {
                            e + 1
                        } else {
                            e
                        };
                    match trailing_at(t, toks, from) {
                        Some(n) if (e..from + n).all(|k| !person[k]) => e = from + n,
                        _ => break,
                    }
                }
                // … and with a description in lower case closed by the
                // reach of the body (`Tổ chức Vệ tinh` | `hàng hải quốc
                // tế`, `Tổ chức Động vật` | `châu Á`).
                if let Some(k) = words_before_reach(seg, toks, e)
                    && (e..k).all(|k| !person[k])
                {
                    e = k;
                }
                end = Some(e);
            }
            // … and with at most two words of what it does in lower case
            // (`nội địa`, `dân dụng`), to the place it is of (`Cảng vụ
            // Đường thủy` | `nội địa` | `Quảng Ninh`, `Cty CP Xây dựng` |
            // `dân dụng` | `Hà Nội`, `Cảng vụ Hàng không` | `miền Bắc`).
            if let Some(e) = end
                && e >= after + 2
                && descriptive(seg, toks, e)
                && let Some(k) = words_before_place(seg, toks, e, places)
                && (e..k).all(|k| !person[k])
            {
                end = Some(k);
            }
            // A board's name of one capitalized syllable that runs on in
            // lower case into no word (`Ban Quản lý Nong` | `thông mới`)
            // is a phrase the board's head opens, not its name.
            if board
                && end == Some(after + 1)
                && toks[after].capitalized
                && toks
                    .get(after + 1)
                    .is_some_and(|y| !y.capitalized && !y.digits && contiguous(toks, after + 1))
            {
                end = toks[i].capitalized.then_some(after);
            }
            end.map(|e| (i, e))
        });
        // A shorter head word never ends a name inside a longer one
        // written there (`Viện` | `Kiểm` of `Viện Kiểm sát`).
        let longest = head_len_at(toks, i).unwrap_or(0);
        let found = found.filter(|&(_, e)| e >= i + longest);
        match found {
            Some((s, e)) => {
                out.push((s, e));
                i = e;
            }
            None => i += 1,
        }
    }
    out
}

/// Age-group national teams (`U23 Việt Nam`, `U.19 Malaysia`, `U-22 Thái
/// Lan`): `U` and two digits, written as one token or joined by a dot or
/// a hyphen, then a country's name. Token spans, in text order.
pub(crate) fn age_group_teams(text: &str, toks: &[Token], marks: &[u64]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let two_digits = |s: &str| s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit());
    let mut i = 0;
    let age = mark::class(words::AGE_MARK);
    loop {
        // Most tokens are no age group's marker ([`age_mark`]), told by
        // their marks.
        i = next_marked(marks, i, age);
        if i >= toks.len() {
            break;
        }
        let t = &toks[i];
        if !t.capitalized || t.exact.as_bytes().first() != Some(&b'u') {
            i += 1;
            continue;
        }
        // The marker's end: `U23` one token, or `U` `.`/`-` `23` two.
        let one_token = t
            .exact
            .strip_prefix('u')
            .map(|r| r.strip_prefix(['.', '-']).unwrap_or(r))
            .is_some_and(two_digits);
        let marker_end = if one_token && t.capitalized {
            Some(i + 1)
        } else if t.exact == "u"
            && t.capitalized
            && toks.get(i + 1).is_some_and(|n| {
                two_digits(&n.exact) && matches!(text[t.end..n.start].trim(), "." | "-")
            })
            && text[t.end..toks[i + 1].start].len() == 1
        {
            Some(i + 2)
        } else {
            None
        };
        if let Some(m) = marker_end
            && m < toks.len()
            && toks[m].gap_is(crate::text::gap::SPACE)
            && let Some(n) = crate::landmarks::country_at(toks, m)
        {
            out.push((i, m + n));
            i = m + n;
            continue;
        }
        i += 1;
    }
    out
}

/// National teams by their head word (`đội tuyển Việt Nam`, `ĐT Anh`,
/// `tuyển Jordan`, `đội tuyển nữ Việt Nam`): the head, `nữ` or `quốc
/// gia` if written, then a country's name. Not `ĐT` closing an
/// abbreviation (`GD&ĐT`, `GD - ĐT`), nor `tuyển` closing a word (`trúng
/// tuyển`), nor a country's name of one Vietnamese syllable that opens a
/// longer name (`tuyển Anh Tuấn`). Token spans, in text order.
pub(crate) fn national_teams(
    seg: &vietdex_tokenize::Segmenter,
    text: &str,
    toks: &[Token],
    marks: &[u64],
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let teams = tables().teams;
    let mut i = 0;
    loop {
        // Most tokens are no head word, told by their marks.
        i = next_marked(marks, i, mark::class(words::TEAM_HEAD));
        if i >= toks.len() {
            break;
        }
        let t = &toks[i];
        if !teams.contains(&t.hash) {
            i += 1;
            continue;
        }
        let head_end = match t.exact.as_str() {
            "đội"
                if toks
                    .get(i + 1)
                    .is_some_and(|n| n.exact == "tuyển" && n.gap_is(crate::text::gap::SPACE)) =>
            {
                Some(i + 2)
            }
            "tuyển"
                if i == 0
                    || !(contiguous(toks, i) && seg.is_word_pair(&toks[i - 1].exact, &t.exact)) =>
            {
                Some(i + 1)
            }
            "đt" if t.all_caps
                && text[..t.start]
                    .chars()
                    .next_back()
                    .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '"' | '“'))
                && !text[..t.start].trim_end().ends_with(['-', '–', '&', '/'])
                && !(i > 0 && toks[i - 1].all_caps && contiguous(toks, i)) =>
            {
                Some(i + 1)
            }
            _ => None,
        };
        let Some(mut m) = head_end else {
            i += 1;
            continue;
        };
        if toks
            .get(m)
            .is_some_and(|n| n.exact == "nữ" && !n.capitalized)
        {
            m += 1;
        } else if toks.get(m).is_some_and(|n| n.exact == "quốc")
            && toks.get(m + 1).is_some_and(|n| n.exact == "gia")
        {
            m += 2;
        }
        if let Some(n) = toks
            .get(m)
            .filter(|n| n.gap_is(crate::text::gap::SPACE))
            .and_then(|_| crate::landmarks::country_at(toks, m))
            && !(n == 1
                && crate::titled::vietnamese_shape(&toks[m].folded)
                && toks
                    .get(m + 1)
                    .is_some_and(|x| x.capitalized && contiguous(toks, m + 1)))
        {
            out.push((i, m + n));
            i = m + n;
            continue;
        }
        i += 1;
    }
    out
}

/// The last parts of a news site's address (`Zing.vn`, `Goal.com`,
/// `BongDa.com.vn`).
const DOMAINS: &[&str] = &["vn", "com", "net", "org"];

/// English words of outlets' names (`Daily Mail`, `National Interest`,
/// `Military Times`, `Android Authority`): after `theo` or `trang`, which
/// also open a person's or a page's name, a foreign name with one of them
/// is an outlet's.
const OUTLET_WORDS: &[&str] = &[
    "daily",
    "mail",
    "times",
    "news",
    "post",
    "journal",
    "herald",
    "telegraph",
    "independent",
    "guardian",
    "insider",
    "interest",
    "authority",
    "monitor",
    "tribune",
    "express",
    "sun",
    "mirror",
    "today",
    "weekly",
    "review",
    "magazine",
    "network",
    "press",
    "gazette",
    "observer",
    "chronicle",
    "standard",
    "reporter",
    "digest",
    "wire",
    "online",
    "radio",
    "tv",
    "agency",
    "forbes",
    "bloomberg",
    "economist",
];

/// News outlets and sites named where no head word says what they are:
/// by their web address written as a name (`Zing.vn`, `Thethaovanhoa.vn`,
/// `Goal.com`; not inside a link or a mail address, nor a name in lower
/// case or with Vietnamese letters, `banxahoi@…`, `Hoàngbaodautu.vn` of a
/// byline run together), a paper after `tờ` by a foreign name (`tờ
/// Guardian`, `tờ New York Times`; not a sheet, `tờ Phiếu TLTN`), a
/// foreign name of an outlet's words or opening with `The` after `theo`
/// or `trang` (`theo Daily Mail`, `theo The Verge`, `trang Android
/// Authority`; not `theo Ben Smith`), and a foreign name before `đưa tin`
/// that is no country (`The Sun đưa tin`; not `báo chí Saudi đưa tin`).
/// Token spans over `free` tokens, in text order.
pub(crate) fn outlets(
    text: &str,
    toks: &[Token],
    free: &[bool],
    marks: &[u64],
) -> Vec<(usize, usize)> {
    let bytes = text.as_bytes();
    let paper = crate::text::word_hash("tờ");
    let [theo, page, tin, brings] = ["theo", "trang", "tin", "đưa"].map(crate::text::word_hash);
    let foreign =
        |x: &Token| !x.all_caps && !x.digits && !crate::titled::vietnamese_shape(&x.folded);
    // A run of capitalized names from `a`, at most five, over free tokens.
    let run = |a: usize| {
        let mut e = a;
        while e < toks.len()
            && e < a + 5
            && toks[e].capitalized
            && free[e]
            && toks[e].gap_is(crate::text::gap::SPACE)
            && contiguous(toks, e)
        {
            e += 1;
        }
        e
    };
    let mut out = Vec::new();
    let mut i = 0;
    loop {
        // A capital, `theo`, `trang` or `tờ`, told by the marks: few
        // tokens.
        i = next_marked(marks, i, mark::CAPITALIZED | mark::class(words::OUTLET_CUE));
        if i >= toks.len() {
            break;
        }
        let t = &toks[i];
        // `X đưa tin`: a foreign name before the verb of reporting, not
        // inside a longer capitalized name.
        if t.capitalized && free[i] && !(i > 0 && toks[i - 1].capitalized && contiguous(toks, i)) {
            let e = run(i);
            if e > i
                && toks.get(e).is_some_and(|x| x.hash == brings && x.exact == "đưa" && !x.capitalized)
                && toks.get(e + 1).is_some_and(|x| x.hash == tin && x.exact == "tin" && contiguous(toks, e + 1))
                && toks[i..e].iter().any(foreign)
                // `báo chí Saudi đưa tin`, `truyền thông Nga đưa tin`: the
                // press of a country.
                && !world_at(toks, i)
                && crate::landmarks::country_at(toks, i).is_none()
                && !(i >= 2
                    && matches!(
                        (toks[i - 2].exact.as_str(), toks[i - 1].exact.as_str()),
                        ("báo", "chí") | ("truyền", "thông")
                    ))
            {
                out.push((i, e));
                i = e;
                continue;
            }
        }
        // `theo`, `trang` and a foreign name of an outlet's words.
        let cue = ((t.hash == theo && t.exact == "theo") || (t.hash == page && t.exact == "trang"))
            .then_some(i + 1);
        if let Some(a) = cue {
            let e = run(a);
            if e > a
                && toks[a..e].iter().any(foreign)
                && ((toks[a].exact == "the" && e > a + 1)
                    || toks[a..e]
                        .iter()
                        .any(|x| OUTLET_WORDS.contains(&x.exact.as_str())))
            {
                out.push((a, e));
                i = e;
                continue;
            }
        }
        // Most tokens fail here: a capital before a full stop, or `tờ`.
        let dotted = t.capitalized && bytes.get(t.end) == Some(&b'.');
        if !(dotted || t.hash == paper) || !free[i] {
            i += 1;
            continue;
        }
        if dotted {
            let ascii = text[t.start..t.end]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric());
            let before_ok = t.start == 0
                || !matches!(bytes[t.start - 1], b'@' | b'/' | b'.' | b'-' | b'_')
                    && !bytes[t.start - 1].is_ascii_alphanumeric();
            let mut e = i + 1;
            while e < toks.len()
                && e < i + 3
                && toks[e].start == toks[e - 1].end + 1
                && bytes[toks[e - 1].end] == b'.'
                && DOMAINS.contains(&toks[e].exact.as_str())
            {
                e += 1;
            }
            let after_ok = e > i + 1
                && bytes
                    .get(toks[e - 1].end)
                    .is_none_or(|&b| !(b == b'/' || b == b'@' || b.is_ascii_alphanumeric()))
                && !(bytes.get(toks[e - 1].end) == Some(&b'.')
                    && bytes
                        .get(toks[e - 1].end + 1)
                        .is_some_and(u8::is_ascii_alphanumeric));
            if ascii && before_ok && after_ok && free[i..e].iter().all(|&f| f) {
                out.push((i, e));
                i = e;
                continue;
            }
            i += 1;
            continue;
        }
        // `tờ` and a paper's name: capitalized words, one of them neither
        // a Vietnamese syllable nor initials.
        let a = i + 1;
        let e = run(a);
        if e > a && toks[a..e].iter().any(foreign) {
            out.push((a, e));
            i = e;
            continue;
        }
        i += 1;
    }
    out
}

//! Pattern rules: organizations, dates, quantities.

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::digits::{self, Window, cue};
use crate::places::TYPES;
use regex::Regex;
use vietdex_tokenize::type_words::Written;

fn re(cell: &'static OnceLock<Regex>, pattern: &str) -> &'static Regex {
    re_with(cell, || pattern.to_string())
}

/// [`re`] for a pattern assembled at first use.
fn re_with(cell: &'static OnceLock<Regex>, pattern: impl FnOnce() -> String) -> &'static Regex {
    cell.get_or_init(|| Regex::new(&pattern()).expect("valid regex"))
}

/// The type words of [`place_tail`]: the administrative ones read
/// wherever they stand ([`vietdex_tokenize::type_words`]; `thành phố`,
/// `TP` or `TP.`, `thị xã` …), and `trung ương`. No alternative is a
/// prefix of another, so their order changes no match.
fn place_types() -> Vec<String> {
    let mut types: Vec<String> = TYPES
        .iter()
        .filter(|t| !t.hamlet && t.written != Written::BeforeName)
        .map(|t| match t.written {
            Written::Abbreviation => format!(r"{}\.?", t.syllables.concat().to_uppercase()),
            _ => t.syllables.join(" "),
        })
        .collect();
    types.push("[Tt]rung ương".to_string());
    types
}

/// A capitalized name after an organization's head (`tỉnh Thái Nguyên`),
/// with a type word before it or not. After a type word the name may be a
/// number (`quận 1`, `phường 7`), and after an abbreviation's dot it may
/// follow with no space (`TP.HCM`).
fn place_tail() -> String {
    let types = place_types();
    let with_name: Vec<String> = types
        .iter()
        .map(|t| match t.strip_suffix(r"\.?") {
            Some(abbreviation) => format!(r"{abbreviation}(?:\.\s*|\s+)"),
            None => format!(r"{t}\s+"),
        })
        .collect();
    // Alone, an abbreviation ends at its dot or its last letter: `TPHCM`
    // is a name, not `TP`.
    let alone: Vec<String> = types
        .iter()
        .map(|t| match t.strip_suffix(r"\.?") {
            Some(abbreviation) => format!(r"{abbreviation}(?:\.|(?-u:\b))"),
            None => t.clone(),
        })
        .collect();
    let name = r"\p{Lu}[\p{L}\p{M}]*";
    format!(
        r"(?:\s+(?:các\s+)?(?:{})(?:{name}(?:\s+{name}){{0,3}}|\d{{1,2}}(?-u:\b))|\s+(?:các\s+)?(?:{})|\s+{name}(?:\s+{name}){{0,2}})?",
        with_name.join("|"),
        alone.join("|")
    )
}

const UY: &str = r"(?:[ỦủUu]y|[Uu]ỷ|ỦY|UỶ)";

/// Ministries and departments by name. ` và ` stands for any joiner of
/// the parts of a name (` và `, ` - `, `, `, ` & `): the press writes
/// `Tài nguyên và Môi trường`, `Tài nguyên - Môi trường` and `TN&MT`
/// alike. Longer names before the short ones they open.
const DEPARTMENTS: &str = r"(?:Nông nghiệp và Phát triển nông thôn|Nông nghiệp và Môi trường|Công [Tt]hương|Tài chính|Kế hoạch và Đầu tư|Giáo dục và Đào tạo|Y tế|Xây dựng|Giao thông [Vv]ận tải|Tài nguyên và Môi trường|Lao động và Thương binh và Xã hội|Văn h[oó][aá] và Thể thao và Du lịch|Văn h[oó][aá] và Thể thao|Văn h[oó][aá] và Thông tin|Nội vụ|Tư pháp|Khoa học và Công nghệ|Thông tin và Truyền thông|Ngoại vụ|Quốc phòng|Công [Aa]n|Ngoại giao|Dân tộc và Tôn giáo|Du lịch|Giáo dục|Tài nguyên|Nông nghiệp|Lao động|Văn h[oó][aá]|Kế hoạch|Khoa học|Thông tin|Giao thông|Ngoại thương)";

/// The joiners of the parts of a department's name (white space alone
/// too: `Kế hoạch Đầu tư`).
const JOINER: &str = r"(?:\s*[-–&,]\s*|\s+và\s+|\s+)";

/// [`DEPARTMENTS`] as a pattern: white space as `\s+`, each ` và ` as any
/// [`JOINER`], and a part after a joiner in either case at its first
/// letter (`Tài nguyên và môi trường`).
fn departments() -> String {
    departments_of(DEPARTMENTS)
}

/// A pattern of names written as [`DEPARTMENTS`] writes them.
fn departments_of(names: &str) -> String {
    let mut out = String::new();
    let mut parts = names.split(" và ");
    out.push_str(&parts.next().unwrap_or_default().replace(' ', r"\s+"));
    for part in parts {
        out.push_str(JOINER);
        let mut cs = part.chars();
        if let Some(c) = cs.next() {
            if c.is_uppercase() {
                out.push('[');
                out.push(c);
                out.extend(c.to_lowercase());
                out.push(']');
            } else {
                out.push(c);
            }
        }
        out.push_str(&cs.as_str().replace(' ', r"\s+"));
    }
    out
}

/// The names of [`DEPARTMENTS`] of two or more parts, as a pattern.
fn long_departments() -> String {
    let inner = DEPARTMENTS
        .strip_prefix("(?:")
        .and_then(|r| r.strip_suffix(')'))
        .unwrap_or(DEPARTMENTS);
    let long: Vec<&str> = inner.split('|').filter(|p| p.contains(" và ")).collect();
    departments_of(&format!("(?:{})", long.join("|")))
}

/// A department or ministry by its initials, as the press abbreviates
/// them: parts of capitals joined by `-` or `&` (`TN&MT`, `NN&PTNT`,
/// `GD-ĐT`, `LĐ-TB&XH`, `VH-TT&DL`), or one run of three or more
/// (`GTVT`). Two capitals alone (`TP`) are no department.
const DEPARTMENT_INITIALS: &str =
    r"(?:\p{Lu}{1,5}(?:\s?[-&]\s?\p{Lu}{1,5}){1,3}|\p{Lu}{3,6})(?-u:\b)";

/// Words an organization's name can start with: every alternative of
/// [`organization_pattern`] begins with one of them. `uy` and `Uy` in
/// ASCII, common inside words (`huyện`, `Nguyễn`, `quy`), are found from
/// the `ban` that must follow them instead.
const ORGANIZATION_STARTS: &[&str] = &[
    "Ủy", "ủy", "Uỷ", "uỷ", "ỦY", "UỶ", "MTTQ", "Mặt", "UBND", "HĐND", "Hội", "Ban", "Tỉnh",
    "Huyện", "Thành", "Đảng", "Sở", "Bộ", "Phòng", "Đoàn", "Đội", "Cục", "Chính", "Quốc", "ban",
    "bộ", "sở", "hội", "phòng", "đội",
];

/// Longest organization name looked for, in bytes.
const MAX_ORGANIZATION_BYTES: usize = 1024;

/// Organizations, as byte spans.
///
/// Same matches as the leftmost-first scan of [`organization_pattern`]
/// over the whole text, found faster: the possible starts come from one
/// Aho-Corasick pass, and the pattern is only tried, anchored, where the
/// words after a start can go on into one of its rules.
pub fn organizations(text: &str) -> Vec<(usize, usize)> {
    static STARTS: OnceLock<AhoCorasick> = OnceLock::new();
    static R: OnceLock<Regex> = OnceLock::new();
    let starts = STARTS.get_or_init(|| {
        AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostFirst)
            .build(ORGANIZATION_STARTS)
            .expect("valid organization starts")
    });
    // The pattern's lazy DFA needs more room than the default 2 MB: with
    // less it gives up and the search falls back to a far slower engine.
    let r = R.get_or_init(|| {
        regex::RegexBuilder::new(&format!("^(?:{})", organization_pattern()))
            .dfa_size_limit(8 << 20)
            .build()
            .expect("valid regex")
    });
    // Leftmost, non-overlapping. No start word holds another but `Huyện`,
    // which holds `uy` before no white space, where no rule can match.
    // `ban` overlaps no start word, and the `uy` found from it comes after
    // every start found before (only white space lies between the two).
    let mut out = Vec::new();
    let mut free_from = 0;
    for m in starts.find_iter(text) {
        let (p, word) = match ORGANIZATION_STARTS[m.pattern()] {
            // `uy ban`: the start is the `uy` before the white space.
            "ban" => {
                let before = text[..m.start()].trim_end_matches(char::is_whitespace);
                match before
                    .strip_suffix("uy")
                    .or_else(|| before.strip_suffix("Uy"))
                {
                    Some(b) if before.len() < m.start() => (b.len(), "uy"),
                    _ => continue,
                }
            }
            word => (m.start(), word),
        };
        if p < free_from || !may_start_organization(text, p + word.len(), word) {
            continue;
        }
        // No organization name is longer than this: searching a bounded
        // window keeps the regex engine's work per candidate small.
        let mut end = (p + MAX_ORGANIZATION_BYTES).min(text.len());
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        if let Some(m) = r.find(&text[p..end])
            && m.end() > 0
        {
            out.push((p, p + m.end()));
            free_from = p + m.end();
        }
    }
    out
}

/// Whether the text after the start word `word` (ending at `end`) can go
/// on into an organization: what the rules opening with `word` need next,
/// after white space (the acronyms need none). Answers what the anchored
/// pattern would without running it, on the many start words that open
/// no organization (`Ban`, `Huyện`, `Hội` …). Every test is a necessary
/// condition of the pattern, so no organization is lost.
fn may_start_organization(text: &str, end: usize, word: &str) -> bool {
    if matches!(word, "MTTQ" | "UBND" | "HĐND") {
        return true;
    }
    let rest = &text[end..];
    let after = rest.trim_start();
    if after.len() == rest.len() {
        return false;
    }
    let first = after.chars().next().unwrap_or(' ');
    // `Ủy`, `uỷ`, `ỦY` … (the committees' second word).
    let committee = matches!(first, 'Ủ' | 'ủ' | 'U' | 'u');
    // Departments (`Sở Y tế`, `Bộ Công an`), by their initials (`Sở
    // TN&MT`, any capital), and `Bộ Chỉ huy`.
    let department = first.is_uppercase();
    let starts = |words: &[&str]| words.iter().any(|w| after.starts_with(w));
    match word {
        "Ủy" | "ủy" | "uy" | "Uỷ" | "uỷ" | "ỦY" | "UỶ" => after.starts_with("ban"),
        "Mặt" => after.starts_with("trận"),
        "Hội" => starts(&["đồng", "Nông", "Liên", "Phụ", "Cựu", "Người"]),
        // `Ban` + `thường vụ`, `chấp hành`, `bí thư`, `chỉ đạo`, `tuyên
        // giáo`, `dân vận`, `tổ chức`, `kiểm tra`, `quản lý` in any case
        // (`K` also as the Kelvin sign).
        "Ban" => matches!(
            first,
            't' | 'T' | 'c' | 'C' | 'b' | 'B' | 'd' | 'D' | 'k' | 'K' | '\u{212a}' | 'q' | 'Q'
        ),
        "Tỉnh" | "Huyện" | "Thành" => committee,
        "Đảng" => committee || after.starts_with("bộ") || after.starts_with("Cộng"),
        "Sở" | "Bộ" => department,
        // `Phòng Cảnh sát …` as well as `Phòng Tư pháp`, `Phòng GD-ĐT`.
        "Phòng" => department || after.starts_with("cảnh"),

        "Đoàn" => after.starts_with("Thanh"),
        "Đội" => {
            after.starts_with("Thiếu")
                || after.starts_with("thiếu")
                || after.starts_with("Cảnh")
                || after.starts_with("cảnh")
        }
        "phòng" | "đội" => after.starts_with("Cảnh") || after.starts_with("cảnh"),
        "Cục" => first.is_uppercase(),
        "Chính" => after.starts_with("phủ"),
        "Quốc" => after.starts_with("hội"),
        _ => true,
    }
}

/// Whether an organization found at byte `start` opens with `bộ`, `sở`
/// or `hội` in lower case that closes a word begun before it (`cơ sở`,
/// `cán bộ`, `trụ sở`, `đường bộ`, `đại hội`) or follows a word that
/// makes it a body of a kind (`các sở`): no body is named there. Asked of
/// what [`organizations`] finds, which the pattern alone finds.
pub fn closes_a_word(text: &str, start: usize) -> bool {
    let rest = &text[start..];
    let lower_head = ["bộ", "sở", "hội"].iter().any(|w| {
        rest.strip_prefix(w)
            .is_some_and(|r| r.starts_with(char::is_whitespace))
    });
    if !lower_head {
        return false;
    }
    let before = text[..start].trim_end();
    if before.len() == start {
        return true;
    }
    let last = before
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    NOT_BEFORE_A_MINISTRY.contains(&last.as_str())
        || crate::orgs::OF_A_KIND.contains(&last.as_str())
}

/// Words before `bộ` or `sở` in lower case with which they make a word
/// (`cơ sở`, `cán bộ`, `toàn bộ`, `Bắc bộ`): no ministry or department
/// follows.
const NOT_BEFORE_A_MINISTRY: &[&str] = &[
    "cơ",
    "cán",
    "trụ",
    "tiến",
    "đường",
    "toàn",
    "nội",
    "đồng",
    "sơ",
    "đảng",
    "chi",
    "thủ",
    "hải",
    "lục",
    "quân",
    "bắc",
    "nam",
    "trung",
    "đông",
    "tây",
    "bách",
    "địa",
    "công",
    "khởi",
    "nhất",
    "từng",
    "cục",
    "văn",
    "xã",
    "đại",
    "cơ",
    "lễ",
    "quốc",
    "hiệp",
    "tổng",
    "liên",
    "hội",
    "thủy",
];

/// What a police department or team does, after `Phòng Cảnh sát`,
/// `Đội Cảnh sát` (in either case).
const POLICE_WORK: &str = r"(?i:hình\s+sự|giao\s+thông(?:\s+đường\s+(?:bộ|thủy|sắt))?|truy\s+nã\s+tội\s+phạm|điều\s+tra\s+tội\s+phạm\s+về\s+(?:ma\s+túy|trật\s+tự\s+xã\s+hội|tham\s+nhũng|kinh\s+tế|buôn\s+lậu)|kinh\s+tế|môi\s+trường|cơ\s+động|đường\s+thủy|cứu\s+hỏa|phòng\s+cháy(?:\s*,?\s*chữa\s+cháy)?(?:\s+và\s+cứu\s+nạn\s*,?\s*cứu\s+hộ)?|quản\s+lý\s+hành\s+chính(?:\s+về\s+trật\s+tự\s+xã\s+hội)?|phòng\s+chống\s+tội\s+phạm\s+về\s+(?:ma\s+túy|môi\s+trường|công\s+nghệ\s+cao))";

/// The organization rules, one alternative each, as a regular expression.
fn organization_pattern() -> String {
    {
        let place_tail = place_tail();
        let name = r"\p{Lu}[\p{L}\p{M}]*";
        let names = |max: usize| format!(r"{name}(?:\s+{name}){{0,{max}}}");
        let alternatives = [
            format!(
                r"(?:{UY}\s+ban\s+)?(?:MTTQ|Mặt\s+trận\s+Tổ\s+quốc)(?:\s+Việt\s+Nam)?{place_tail}"
            ),
            format!(r"(?:UBND|HĐND|{UY}\s+ban\s+nhân\s+dân|Hội\s+đồng\s+nhân\s+dân){place_tail}"),
            format!(r"{UY}\s+ban\s+Kiểm\s+tra\s+(?:Tỉnh|Huyện|Thành|Đảng)\s+{UY}"),
            format!(
                r"Ban\s+(?i:thường\s+vụ|chấp\s+hành|bí\s+thư|chỉ\s+đạo|tuyên\s+giáo|dân\s+vận|tổ\s+chức|kiểm\s+tra|quản\s+lý)(?:\s+(?:Tỉnh|Huyện|Thành|Đảng)\s+{UY}|\s+Đảng\s+bộ(?:\s+(?:tỉnh|huyện|xã))?|\s+nông\s+thôn\s+mới)?{place_tail}"
            ),
            format!(
                r"(?:Tỉnh|Huyện|Thành|Đảng)\s+{UY}(?:\s+(?:xã|phường|thị\s+trấn)\s+{}|\s+{})?",
                names(2),
                names(2)
            ),
            format!(r"Đảng\s+bộ{place_tail}"),
            format!(r"Đảng\s+Cộng\s+sản(?:\s+{})?", names(2)),
            format!(
                r"(?:Sở|Bộ|Phòng)\s+(?:{}|{DEPARTMENT_INITIALS}){place_tail}",
                departments()
            ),
            // In lower case (`bộ NN & PTNT`, `sở GTCC`, `bộ tài nguyên &
            // môi trường`): a name of two or more parts may be in lower
            // case too.
            format!(
                r"(?:sở|bộ)\s+(?:(?i:{})|{}|{DEPARTMENT_INITIALS}){place_tail}",
                long_departments(),
                departments()
            ),
            format!(
                r"(?:Hội\s+Nông\s+dân|Hội\s+(?:Liên\s+hiệp\s+)?Phụ\s+nữ|Hội\s+Cựu\s+chiến\s+binh|Đoàn\s+Thanh\s+niên(?:\s+[Cc]ộng\s+sản)?|Đội\s+[Tt]hiếu\s+niên\s+[Tt]iền\s+[Pp]hong|Hội\s+Người\s+cao\s+tuổi|hội\s+(?:Nông\s+dân|(?:Liên\s+hiệp\s+)?Phụ\s+nữ|Cựu\s+chiến\s+binh|Người\s+cao\s+tuổi|Chữ\s+thập\s+đỏ|Khuyến\s+học)){place_tail}"
            ),
            format!(r"Bộ\s+Chỉ\s+huy\s+(?:Bộ\s+đội\s+[Bb]iên\s+phòng|Quân\s+sự){place_tail}"),
            // Police departments and teams by what they do (`Phòng Cảnh
            // sát hình sự`, `đội Cảnh sát giao thông`, `Phòng Cảnh sát
            // PCCC số 6`).
            format!(
                r"(?:Phòng|Đội|Cục|phòng|đội)\s+[Cc]ảnh\s+sát\s+(?:{POLICE_WORK}|PC\s?&\s?CC|\p{{Lu}}{{2,6}}\d*(?-u:\b))(?:\s+số\s+\d{{1,2}}(?-u:\b))?{place_tail}"
            ),
            format!(r"Cục\s+{name}(?:\s+[\p{{Ll}}][\p{{L}}\p{{M}}]*){{0,3}}"),
            r"Chính\s+phủ|Quốc\s+hội|Bộ\s+Chính\s+trị".to_string(),
        ];
        alternatives.join("|")
    }
}

/// What a date pattern needs of a window: digits, a run of four, cues.
struct Needs(usize, bool, u8);

/// The matches of `re` in `text`, searched in the `windows` that may hold
/// one (`needs`): what `re.captures_iter(text)` yields, for a pattern whose
/// matches all lie in windows (see [`digits::windows`]).
fn captures_in<'t>(
    re: &Regex,
    text: &'t str,
    windows: &[Window],
    Needs(digits, long, cues): Needs,
    mut f: impl FnMut(Caps<'t, '_>),
) {
    let mut locs = re.capture_locations();
    for w in windows.iter().filter(|w| w.may_hold(digits, long, cues)) {
        let hay = &text[..w.end];
        let mut at = w.start;
        while at <= hay.len() {
            let Some(m) = re.captures_read_at(&mut locs, hay, at) else {
                break;
            };
            // A match holds a digit: never empty.
            at = if m.end() > m.start() {
                m.end()
            } else {
                m.end() + hay[m.end()..].chars().next().map_or(1, char::len_utf8)
            };
            f(Caps { text, locs: &locs });
        }
    }
}

/// The groups of a match of [`captures_in`].
struct Caps<'t, 'l> {
    text: &'t str,
    locs: &'l regex::CaptureLocations,
}

impl<'t> Caps<'t, '_> {
    /// The span of group `i`, if it took part.
    fn span(&self, i: usize) -> Option<(usize, usize)> {
        self.locs.get(i)
    }

    /// The text of group `i` (empty if it took no part).
    fn str(&self, i: usize) -> &'t str {
        self.span(i).map_or("", |(s, e)| &self.text[s..e])
    }
}

/// A date: span and ISO 8601 value.
#[cfg(test)]
pub fn dates(text: &str, year: Option<i32>) -> Vec<(usize, usize, String)> {
    dates_in(text, year, &digits::windows(text))
}

/// The words before a day's date (`ngày 6/2`, `sáng 6-2`): the parts of
/// the day, the days named from today (`hôm nay`, `sáng qua`, `ngày mai`),
/// and the days of the week (`thứ Ba`, `Chủ nhật`). The longer before the
/// shorter they open.
const DAY_CUES: &str = r"(?:ngày|sáng|chiều|tối|trưa|đêm|hôm|sớm)\s+(?:nay|qua|mai|kia)|thứ\s+(?:hai|ba|tư|năm|sáu|bảy)|chủ\s+nhật|ngày|sáng sớm|rạng sáng|sáng|chiều|tối|trưa|đêm|hôm";

/// [`dates`], with the windows of [`digits::windows`].
pub(crate) fn dates_in(
    text: &str,
    year: Option<i32>,
    windows: &[Window],
) -> Vec<(usize, usize, String)> {
    static RANGE: OnceLock<Regex> = OnceLock::new();
    static FULL: OnceLock<Regex> = OnceLock::new();
    static PARTIAL: OnceLock<Regex> = OnceLock::new();
    static DAY_RANGE: OnceLock<Regex> = OnceLock::new();
    static DAY_MONTH: OnceLock<Regex> = OnceLock::new();
    static MONTH_RANGE: OnceLock<Regex> = OnceLock::new();
    static MONTH: OnceLock<Regex> = OnceLock::new();
    static YEAR: OnceLock<Regex> = OnceLock::new();
    let mut out: Vec<(usize, usize, String)> = Vec::new();
    let free = |out: &Vec<(usize, usize, String)>, s: usize, e: usize| {
        out.iter().all(|o| e <= o.0 || s >= o.1)
    };
    let range = re(
        &RANGE,
        r"(?i)(?:(?-u:\b)(?:giai đoạn|nhiệm kỳ|thời kỳ|niên khóa|niên khoá|năm học|từ năm|năm|từ|các năm)\s+|\(\s*)(\d{4})\s*[-–]\s*(\d{4})(?:\s*\))?",
    );
    captures_in(range, text, windows, Needs(8, true, cue::RANGE), |c| {
        let Some((ms, me)) = c.span(0) else { return };
        let (whole, a, b) = (&text[ms..me], c.str(1), c.str(2));
        let s = if whole.starts_with('(') {
            c.span(1).map_or(ms, |g| g.0)
        } else {
            ms
        };
        let e = if whole.ends_with(')') {
            c.span(2).map_or(me, |g| g.1)
        } else {
            me
        };
        out.push((s, e, format!("{a}/{b}")));
    });
    // `ngày 22 - 24/6`, `từ ngày 12 đến 16-6`, `ngày 26/1 - 1/2`: days of
    // one stretch, kept whole. The first day takes the month of the last
    // unless it writes its own; the first comes before the last.
    let day_range = re_with(&DAY_RANGE, || {
        format!(
            r"(?i)(?:{DAY_CUES})\s+(\d{{1,2}})(?:[/.](\d{{1,2}}))?\s*(?:[-–]|đến|tới)\s*(?:ngày\s+)?(\d{{1,2}})[/.-](\d{{1,2}})(?:[/.-](\d{{4}}))?(?-u:\b)"
        )
    });
    captures_in(day_range, text, windows, Needs(3, false, cue::DAY), |c| {
        let (Some((ms, me)), Some((s, _))) = (c.span(0), c.span(1)) else {
            return;
        };
        if starts_inside_word(text, ms) || ordinal_before(text, ms, s) || !free(&out, s, me) {
            return;
        }
        let num = |k: usize| c.str(k).parse::<u32>().ok();
        let (Some(d1), Some(d2), Some(m2)) = (num(1), num(3), num(4)) else {
            return;
        };
        let m1 = num(2).unwrap_or(m2);
        let ok = |d: u32, m: u32| (1..=31).contains(&d) && (1..=12).contains(&m);
        if !ok(d1, m1) || !ok(d2, m2) || (m1, d1) >= (m2, d2) {
            return;
        }
        let y = c
            .span(5)
            .map(|_| c.str(5).to_string())
            .or(year.map(|y| y.to_string()));
        let value = |d: u32, m: u32| day_iso(y.as_deref(), &m.to_string(), &d.to_string());
        if let (Some(a), Some(b)) = (value(d1, m1), value(d2, m2)) {
            out.push((s, me, format!("{a}/{b}")));
        }
    });
    // `tháng 3 - 5/2017`, `từ tháng 3 đến tháng 5 năm 2017`: months of one
    // stretch sharing the year written after the last, kept whole.
    let month_range = re(
        &MONTH_RANGE,
        r"(?i)(?-u:\b)tháng\s+(\d{1,2})\s*(?:[-–]|đến|tới)\s*(?:tháng\s+)?(\d{1,2})(?:[/.-]|\s[-–]\s|\s+năm\s+)(\d{4})(?-u:\b)",
    );
    captures_in(
        month_range,
        text,
        windows,
        Needs(6, true, cue::MONTH),
        |c| {
            let Some((ms, me)) = c.span(0) else { return };
            let num = |k: usize| c.str(k).parse::<u32>().ok();
            let (Some(m1), Some(m2)) = (num(1), num(2)) else {
                return;
            };
            if !(1..=12).contains(&m1) || m1 >= m2 || !free(&out, ms, me) {
                return;
            }
            let y = c.str(3);
            if let (Some(a), Some(b)) =
                (iso(y, &m1.to_string(), None), iso(y, &m2.to_string(), None))
            {
                out.push((ms, me, format!("{a}/{b}")));
            }
        },
    );
    let full = re(
        &FULL,
        r"(?-u:\b)(\d{1,2})(?:[/-]|\s[-–]\s|\.)(\d{1,2})(?:[/-]|\s[-–]\s|\.)(\d{4})(?-u:\b)",
    );
    captures_in(full, text, windows, Needs(6, true, 0), |c| {
        let Some((ms, me)) = c.span(0) else { return };
        if let Some(v) = iso(c.str(3), c.str(2), Some(c.str(1)))
            && free(&out, ms, me)
        {
            out.push((ms, me, v));
        }
    });
    let partial = re_with(&PARTIAL, || {
        format!(
            r"(?i)(?:{DAY_CUES})(?:\s*,)?\s+(?:ngày\s+)?(?:\(\s*)?(\d{{1,2}})((?:\s*(?:,|và)\s*\d{{1,2}})*)(?:[/-]|\s[-–]\s|\.)(\d{{1,2}})(?-u:\b)"
        )
    });
    captures_in(partial, text, windows, Needs(2, false, cue::DAY), |c| {
        let (Some((ms, me)), Some(d)) = (c.span(0), c.span(1)) else {
            return;
        };
        let mo = c.str(3);
        // The cue word starts a word (`đêm`: no ASCII word boundary there).
        if starts_inside_word(text, ms) {
            return;
        }
        // `22/1/2021` is a full date, already taken.
        let rest = text[me..].trim_start_matches([' ', '-', '–', '.']);
        let more_date = text[me..].starts_with(['/', '-', '.', ' '])
            && rest.len() < text.len() - me
            && rest.starts_with(|c: char| c.is_ascii_digit())
            && !text[me..].starts_with(". ");
        if text[me..].starts_with(['/', '-'])
            || ordinal_before(text, ms, d.0)
            || more_date
            || lunar_after(&text[me..])
            || !free(&out, ms, me)
        {
            return;
        }
        let year = year.map(|y| y.to_string());
        let value = |d: &str| day_iso(year.as_deref(), mo, d);
        // `ngày 22 và 23-10`: days sharing a month, each a date; the last
        // spans the month.
        let mut days = vec![d];
        if let Some((s, _)) = c.span(2) {
            days.extend(list_numbers(c.str(2), s));
        }
        let last = days.len() - 1;
        for (k, (s, e)) in days.into_iter().enumerate() {
            if let Some(v) = value(&text[s..e]) {
                out.push((s, if k == last { me } else { e }, v));
            }
        }
    });
    // `ngày 26 tháng 3`, `26 tháng 3 năm 2015`: the month as a word, after
    // a day's cue or before a year (`3 tháng 1 năm` alone counts time).
    // Not a date of the lunar calendar (`10 tháng 3 âm lịch`).
    let day_month = re_with(&DAY_MONTH, || {
        format!(
            r"(?i)(?:(?:{DAY_CUES})(?:\s*,)?\s+)?(\d{{1,2}})\s+tháng\s+(\d{{1,2}})(?:\s*,?\s*năm\s+(\d{{4}}))?(?-u:\b)"
        )
    });
    captures_in(day_month, text, windows, Needs(2, false, cue::MONTH), |c| {
        let (Some((ms, me)), Some((s, _))) = (c.span(0), c.span(1)) else {
            return;
        };
        let cued = ms < s;
        let written_year = c.span(3).is_some();
        if (!cued && !written_year)
            || starts_inside_word(text, ms)
            || ordinal_before(text, ms, s)
            || lunar_after(&text[me..])
            || !free(&out, s, me)
        {
            return;
        }
        let (d, mo) = (c.str(1), c.str(2));
        let y = written_year
            .then(|| c.str(3).to_string())
            .or(year.map(|y| y.to_string()));
        if let Some(v) = day_iso(y.as_deref(), mo, d) {
            out.push((s, me, v));
        }
    });
    let month = re(
        &MONTH,
        r"(?i)(?-u:\b)tháng\s+(\d{1,2})((?:\s*(?:,|và)\s*\d{1,2})*)(?:[/.-]|\s[-–]\s|\s+năm\s+)(\d{4})(?-u:\b)",
    );
    captures_in(month, text, windows, Needs(5, true, cue::MONTH), |c| {
        let (Some((ms, me)), Some((_, first_end))) = (c.span(0), c.span(1)) else {
            return;
        };
        if !free(&out, ms, me) {
            return;
        }
        // `tháng 10, 11-2000`: months sharing a year, each a date; the
        // first spans from `tháng`, the last to the year.
        let mut months = vec![(ms, first_end, c.str(1))];
        if let Some((s, _)) = c.span(2) {
            months.extend(
                list_numbers(c.str(2), s)
                    .into_iter()
                    .map(|(s, e)| (s, e, &text[s..e])),
            );
        }
        let last = months.len() - 1;
        for (k, (s, e, mo)) in months.into_iter().enumerate() {
            if let Some(v) = iso(c.str(3), mo, None) {
                out.push((s, if k == last { me } else { e }, v));
            }
        }
    });
    // `năm 2024`, `năm 2020, 2021, 2022`, `đến 2030`.
    let years = re(
        &YEAR,
        r"(?i)(?-u:\b)(?:năm|đến năm|đến|từ năm|sinh năm|SN)\s+(\d{4})((?:\s*,\s*\d{4})*)(?-u:\b)",
    );
    captures_in(years, text, windows, Needs(4, true, cue::YEAR), |c| {
        let (Some((ms, _)), Some((_, first_end))) = (c.span(0), c.span(1)) else {
            return;
        };
        let mut found = vec![(ms, first_end, c.str(1))];
        // `2021, 2022` after the first: each year's own span, as the day
        // and month lists read theirs.
        if let Some((more_start, _)) = c.span(2) {
            found.extend(
                list_numbers(c.str(2), more_start)
                    .into_iter()
                    .map(|(s, e)| (s, e, &text[s..e])),
            );
        }
        for (s, e, y) in found {
            let v: u32 = y.parse().unwrap_or(0);
            if (1900..=2100).contains(&v) && free(&out, s, e) {
                out.push((s, e, y.to_string()));
            }
        }
    });
    out.sort();
    join_ranges(text, out)
}

/// Whether the match at byte `at` opens inside a word (`đêm` in
/// `Nửa đêm` opens one; in `nửađêm` it does not).
fn starts_inside_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// Whether the words before a day's date (`text[cue..day]`) are a day of
/// the week in lower case right before the number (`thứ ba 1/2`): that is
/// as often an ordinal before a fraction (`lần thứ ba 1/2 số phiếu`). A
/// weekday written with its capital (`thứ Ba 7/2`), or set off by a comma,
/// a bracket or `ngày` (`thứ ba (7/2)`), is a day's.
fn ordinal_before(text: &str, cue: usize, day: usize) -> bool {
    let words = &text[cue..day];
    let Some(rest) = words
        .strip_prefix("thứ")
        .or_else(|| words.strip_prefix("Thứ"))
    else {
        return false;
    };
    let rest = rest.trim_start();
    rest.starts_with(char::is_lowercase) && !rest.contains(['(', ',']) && !rest.contains("ngày")
}

/// Whether a day's date is followed by the words of the lunar calendar
/// (`âm lịch`, `(ÂL)`): no date of the calendar the values are in.
fn lunar_after(rest: &str) -> bool {
    let head: String = rest
        .trim_start_matches([' ', '(', ','])
        .chars()
        .take(7)
        .flat_map(char::to_lowercase)
        .collect();
    // `âm lịch`, `ÂL`, and `AL` without its mark, as a word.
    head.starts_with("âm lịch")
        || ["âl", "al"].iter().any(|a| {
            head.strip_prefix(a)
                .is_some_and(|r| !r.starts_with(char::is_alphanumeric))
        })
}

/// `từ năm 1995 đến tháng 1-2004`, `từ ngày 1-5 đến ngày 3-5`: two dates
/// joined by `từ … đến` (or `tới`) are one range, `1995/2004-01`; so are
/// two dates of one precision with a dash between (`1.1.2016 – 1.1.2017`).
fn join_ranges(text: &str, dates: Vec<(usize, usize, String)>) -> Vec<(usize, usize, String)> {
    fn starts_with_word(s: &str, words: &[&str]) -> bool {
        let s = s.trim_start();
        words.iter().any(|w| {
            s.get(..w.len()).is_some_and(|p| p.eq_ignore_ascii_case(w))
                && !s[w.len()..].starts_with(char::is_alphanumeric)
        })
    }
    let mut out: Vec<(usize, usize, String)> = Vec::with_capacity(dates.len());
    let mut it = dates.into_iter().peekable();
    while let Some(a) = it.next() {
        // `từ` opens the date, or stands before it, or before its cue word
        // (`từ ngày 2-5`: the date's span starts at the day).
        // The two words before, looked for in a bounded window: linear
        // however long a run without spaces.
        let mut from = a.0.saturating_sub(24);
        while !text.is_char_boundary(from) {
            from += 1;
        }
        let mut before = text[from..a.0].split_whitespace().rev().take(2);
        let is_from = |w: &str| w == "từ" || w == "Từ";
        let opened = starts_with_word(&text[a.0..a.1], &["từ"])
            || match (before.next(), before.next()) {
                (Some(w), _) if is_from(w) => true,
                (Some(cue), Some(w)) => {
                    is_from(w)
                        && matches!(
                            cue.to_lowercase().as_str(),
                            "ngày" | "tháng" | "năm" | "sáng" | "chiều" | "tối" | "đêm" | "hôm"
                        )
                }
                _ => false,
            };
        if !a.2.contains('/')
            && let Some(b) = it.peek()
            && !b.2.contains('/')
            && b.0 >= a.1
        {
            // What joins them, without the second date's cue word.
            let between = text[a.1..b.0].trim();
            let between = between
                .strip_suffix("ngày")
                .or_else(|| between.strip_suffix("tháng"))
                .or_else(|| between.strip_suffix("năm"))
                .map_or(between, str::trim_end);
            let joined = if between.is_empty() {
                starts_with_word(&text[b.0..b.1], &["đến", "tới"])
            } else {
                matches!(between, "đến" | "tới" | "đến hết" | "cho đến")
            };
            // `1.1.2016 – 1.1.2017`, `tháng 3/2016 - tháng 5/2017`: two
            // dates of one precision, each with its year, the earlier
            // first, with only a dash between, are one range too.
            let dashed = matches!(between, "-" | "–")
                && a.2.len() == b.2.len()
                && !a.2.starts_with('-')
                && a.2 < b.2;
            let closes = (opened && joined) || dashed;
            if closes {
                let b = it.next().expect("peeked");
                out.push((a.0, b.1, format!("{}/{}", a.2, b.2)));
                continue;
            }
        }
        out.push(a);
    }
    out
}

/// The numbers of a list tail such as `, 23` or ` và 23`, as byte spans
/// of the text (`at` is where `list` starts in it).
fn list_numbers(list: &str, at: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let b = list.as_bytes();
    let mut k = 0;
    while k < b.len() {
        if b[k].is_ascii_digit() {
            let s = k;
            while k < b.len() && b[k].is_ascii_digit() {
                k += 1;
            }
            out.push((at + s, at + k));
        } else {
            k += 1;
        }
    }
    out
}

/// A day's ISO value: `2019-09-12` in a known year, `--09-12` without one.
fn day_iso(year: Option<&str>, m: &str, d: &str) -> Option<String> {
    match year {
        Some(y) => iso(y, m, Some(d)),
        None => {
            let (m, d): (u32, u32) = (m.parse().ok()?, d.parse().ok()?);
            ((1..=12).contains(&m) && (1..=31).contains(&d)).then(|| format!("--{m:02}-{d:02}"))
        }
    }
}

fn iso(y: &str, m: &str, d: Option<&str>) -> Option<String> {
    let y: u32 = y.parse().ok()?;
    let m: u32 = m.parse().ok()?;
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    match d {
        Some(d) => {
            let d: u32 = d.parse().ok()?;
            (1..=31)
                .contains(&d)
                .then(|| format!("{y:04}-{m:02}-{d:02}"))
        }
        None => Some(format!("{y:04}-{m:02}")),
    }
}

/// Parses a number written the Vietnamese way: `.` groups thousands, `,`
/// marks decimals (`70.605` = 70605, `6.598,6` = 6598.6, `99,72` = 99.72).
pub fn parse_number(s: &str) -> Option<f64> {
    let (int, frac) = match s.split_once(',') {
        Some((i, f)) => (i, Some(f)),
        None => (s, None),
    };
    let groups: Vec<&str> = int.split('.').collect();
    let int_digits = if groups.len() > 1 && groups[1..].iter().all(|g| g.len() == 3) {
        groups.concat()
    } else if groups.len() == 2 && frac.is_none() {
        // `1.5`: a decimal point after all.
        return format!("{}.{}", groups[0], groups[1]).parse().ok();
    } else if groups.len() == 1 {
        groups[0].to_string()
    } else {
        return None;
    };
    let text = match frac {
        Some(f) => format!("{int_digits}.{f}"),
        None => int_digits,
    };
    text.parse().ok()
}

/// Units, each with its multiplier and the unit its value is stated in:
/// money in đồng and the currencies the press converts from (stated by
/// their ISO codes), measures (weights, lengths, areas, volumes, speeds,
/// temperatures, power) and the things the reports on programs count.
/// [`units`] orders them longest first, so that `km/h` is read before `km`.
const UNITS: &[(&str, f64, &str)] = &[
    ("nghìn tỷ đồng", 1e12, "đồng"),
    ("tỷ đồng", 1e9, "đồng"),
    ("triệu đồng", 1e6, "đồng"),
    ("nghìn đồng", 1e3, "đồng"),
    ("ngàn đồng", 1e3, "đồng"),
    ("đồng", 1.0, "đồng"),
    ("VNĐ", 1.0, "đồng"),
    ("VND", 1.0, "đồng"),
    ("đ", 1.0, "đồng"),
    ("tỷ USD", 1e9, "USD"),
    ("triệu USD", 1e6, "USD"),
    ("USD", 1.0, "USD"),
    ("đô la Mỹ", 1.0, "USD"),
    ("đôla Mỹ", 1.0, "USD"),
    ("đô-la Mỹ", 1.0, "USD"),
    ("đô la", 1.0, "USD"),
    ("đôla", 1.0, "USD"),
    ("đô-la", 1.0, "USD"),
    ("đô la Úc", 1.0, "AUD"),
    ("AUD", 1.0, "AUD"),
    ("đô la Singapore", 1.0, "SGD"),
    ("SGD", 1.0, "SGD"),
    ("đô la Canada", 1.0, "CAD"),
    ("đô la Hồng Kông", 1.0, "HKD"),
    ("đô la Đài Loan", 1.0, "TWD"),
    ("euro", 1.0, "EUR"),
    ("Euro", 1.0, "EUR"),
    ("EUR", 1.0, "EUR"),
    ("nhân dân tệ", 1.0, "CNY"),
    ("Nhân dân tệ", 1.0, "CNY"),
    ("NDT", 1.0, "CNY"),
    ("CNY", 1.0, "CNY"),
    ("yên", 1.0, "JPY"),
    ("Yên", 1.0, "JPY"),
    ("JPY", 1.0, "JPY"),
    ("yen", 1.0, "JPY"),
    ("won", 1.0, "KRW"),
    ("Won", 1.0, "KRW"),
    ("rúp", 1.0, "RUB"),
    ("Rúp", 1.0, "RUB"),
    ("bảng Anh", 1.0, "GBP"),
    ("GBP", 1.0, "GBP"),
    ("baht", 1.0, "THB"),
    ("bạt", 1.0, "THB"),
    ("riel", 1.0, "KHR"),
    ("ringgit", 1.0, "MYR"),
    ("rupee", 1.0, "INR"),
    ("tấn", 1.0, "tấn"),
    ("tạ", 1.0, "tạ"),
    ("kg", 1.0, "kg"),
    ("gram", 1.0, "g"),
    ("gam", 1.0, "g"),
    ("mg", 1.0, "mg"),
    ("ha", 1.0, "ha"),
    ("héc-ta", 1.0, "ha"),
    ("hécta", 1.0, "ha"),
    ("hecta", 1.0, "ha"),
    ("sào", 1.0, "sào"),
    ("km2", 1.0, "km2"),
    ("km²", 1.0, "km2"),
    ("km/h", 1.0, "km/h"),
    ("km/giờ", 1.0, "km/h"),
    ("km", 1.0, "km"),
    ("cây số", 1.0, "km"),
    ("hải lý", 1.0, "hải lý"),
    ("m2", 1.0, "m2"),
    ("m²", 1.0, "m2"),
    ("m3", 1.0, "m3"),
    ("m³", 1.0, "m3"),
    ("m/s", 1.0, "m/s"),
    ("mét", 1.0, "m"),
    ("m", 1.0, "m"),
    ("cm", 1.0, "cm"),
    ("mm", 1.0, "mm"),
    ("lít", 1.0, "lít"),
    ("ml", 1.0, "ml"),
    ("độ C", 1.0, "°C"),
    ("°C", 1.0, "°C"),
    ("độ Richter", 1.0, "độ Richter"),
    ("độ richter", 1.0, "độ Richter"),
    ("độ", 1.0, "độ"),
    ("mã lực", 1.0, "mã lực"),
    ("Nm", 1.0, "Nm"),
    ("vòng/phút", 1.0, "vòng/phút"),
    ("inch", 1.0, "inch"),
    ("mAh", 1.0, "mAh"),
    ("GB", 1.0, "GB"),
    ("MB", 1.0, "MB"),
    ("TB", 1.0, "TB"),
    ("MP", 1.0, "MP"),
    ("GHz", 1.0, "GHz"),
    ("MHz", 1.0, "MHz"),
    ("Hz", 1.0, "Hz"),
    ("kWh", 1.0, "kWh"),
    ("MWh", 1.0, "MWh"),
    ("kW", 1.0, "kW"),
    ("MW", 1.0, "MW"),
    ("GW", 1.0, "GW"),
    ("kV", 1.0, "kV"),
    ("%", 1.0, "%"),
    ("sản phẩm", 1.0, "sản phẩm"),
    ("xã", 1.0, "xã"),
    ("huyện", 1.0, "huyện"),
    ("thôn", 1.0, "thôn"),
    ("xóm", 1.0, "xóm"),
    ("hộ", 1.0, "hộ"),
    ("người", 1.0, "người"),
    ("lao động", 1.0, "lao động"),
    ("công trình", 1.0, "công trình"),
    ("dự án", 1.0, "dự án"),
    ("đồ án", 1.0, "đồ án"),
    ("tiêu chí", 1.0, "tiêu chí"),
    ("chỉ tiêu", 1.0, "chỉ tiêu"),
    ("đơn vị", 1.0, "đơn vị"),
    ("sao", 1.0, "sao"),
    ("lần", 1.0, "lần"),
    ("đề án", 1.0, "đề án"),
];

/// Currencies written by a short word that also names things counted
/// (`bảng`: boards, tables), read as money only after a number word
/// (`3 triệu bảng`, `2 tỷ đô`).
const SCALED_UNITS: &[(&str, f64, &str)] = &[("bảng", 1.0, "GBP"), ("đô", 1.0, "USD")];

/// Whether `rest`, what follows a unit's word, makes it part of an
/// abbreviation written with a slash and one letter (`đ/c` for `đồng
/// chí`), not a unit.
fn slash_abbreviation(rest: &str) -> bool {
    let mut chars = rest.chars();
    chars.next() == Some('/')
        && chars.next().is_some_and(char::is_alphabetic)
        && !chars.next().is_some_and(char::is_alphanumeric)
}

/// [`UNITS`], longest first: where one unit's word begins another's
/// (`km` and `km/h`, `đô la` and `đô la Mỹ`), the longer is tried first.
fn units() -> &'static [(&'static str, f64, &'static str)] {
    static SORTED: OnceLock<Vec<(&'static str, f64, &'static str)>> = OnceLock::new();
    SORTED.get_or_init(|| {
        let mut v = UNITS.to_vec();
        v.sort_by_key(|u| std::cmp::Reverse(u.0.len()));
        v
    })
}

/// A quantity: span, number, unit, and for ratios the total.
#[derive(Debug, Clone, PartialEq)]
pub struct Quantity {
    /// Byte span.
    pub start: usize,
    /// Byte span end.
    pub end: usize,
    /// Value in `unit`.
    pub number: f64,
    /// Unit the value is stated in (`đồng` for `tỷ đồng`).
    pub unit: String,
    /// For `12/13 xã`: 13.
    pub total: Option<f64>,
    /// Per what (`/năm` → `năm`).
    pub per: Option<String>,
    /// The upper end of a range (`3-4m`: 4), in `unit`.
    pub upper: Option<f64>,
}

/// Number words that multiply what they follow (`23 ngàn tỷ`).
const MULTIPLIERS: &[(&str, f64)] = &[
    ("nghìn", 1e3),
    ("ngàn", 1e3),
    ("triệu", 1e6),
    ("tỷ", 1e9),
    ("tỉ", 1e9),
];

/// The multiplier words at the start of `s` (each followed by a space or
/// the end): their product, the bytes they take, and whether `tỷ` is among
/// them (an amount of money when no unit follows).
fn multipliers(s: &str) -> (f64, usize, bool) {
    let (mut m, mut at, mut money) = (1.0, 0, false);
    'words: loop {
        let rest = &s[at..];
        for &(w, f) in MULTIPLIERS {
            if let Some(after) = rest.strip_prefix(w)
                && !after.starts_with(|c: char| c.is_alphanumeric())
            {
                m *= f;
                money |= f == 1e9;
                let spaced = after.trim_start_matches([' ', '\u{a0}']);
                if spaced.len() == after.len() {
                    at += w.len();
                    break 'words;
                }
                at += w.len() + (after.len() - spaced.len());
                continue 'words;
            }
        }
        break;
    }
    // The spaces after the last word are not taken.
    let taken = s[..at].trim_end_matches([' ', '\u{a0}']).len();
    (m, taken, money)
}

/// Quantities with units, skipping the byte ranges in `taken` (dates).
#[cfg(test)]
pub fn quantities(text: &str, taken: &[(usize, usize)]) -> Vec<Quantity> {
    quantities_in(text, taken, &digits::windows(text))
}

/// [`quantities`], with the windows of [`digits::windows`].
pub(crate) fn quantities_in(
    text: &str,
    mut taken: &[(usize, usize)],
    windows: &[Window],
) -> Vec<Quantity> {
    let mut out = Vec::new();
    let mut done = 0;
    for (start, stop) in digits::numbers(text, windows) {
        let m = &text[start..stop];
        if start < done {
            continue;
        }
        let (value, total) = match m.split_once('/') {
            Some((v, t)) => (v, Some(t)),
            None => (m, None),
        };
        if start > 0
            && text[..start].ends_with(|ch: char| ch.is_alphanumeric() || ch == '.' || ch == ',')
        {
            continue;
        }
        // `taken` is in text order: skip the spans that end before this
        // number once, so the check stays linear in long texts.
        while taken.first().is_some_and(|&(_, e)| e <= start) {
            taken = &taken[1..];
        }
        if taken
            .iter()
            .take_while(|&&(s, _)| s < stop)
            .any(|&(s, e)| start < e && stop > s)
        {
            continue;
        }
        // `3-4m`, `3 - 4 m`: a range, kept whole, when a unit follows.
        let mut num_end = stop;
        let mut upper = None;
        if total.is_none() {
            let after = text[stop..].trim_start_matches(' ');
            if let Some(r) = after.strip_prefix(['-', '–']) {
                let r2 = r.trim_start_matches(' ');
                if let Some(u) = digits::number_at_start(r2).filter(|&e| !r2[..e].contains('/')) {
                    let at = text.len() - r2.len();
                    upper = parse_number(&r2[..u]).map(|x| (x, at + u));
                }
            }
        }
        if let Some((_, e)) = upper {
            num_end = e;
        }
        let rest = &text[num_end..];
        let spaced = rest.trim_start_matches([' ', '\u{a0}']);
        let (factor, mlen, money) = multipliers(spaced);
        let after_mult = spaced[mlen..].trim_start_matches([' ', '\u{a0}']);
        // The first byte first: most units fail it without a comparison.
        let first = after_mult.as_bytes().first().copied();
        let found = units()
            .iter()
            .chain(if mlen > 0 { SCALED_UNITS } else { &[] })
            .find(|(w, _, _)| {
                w.as_bytes().first().copied() == first
                    && after_mult.starts_with(w)
                    && !after_mult[w.len()..].starts_with(|ch: char| ch.is_alphanumeric())
                    && !slash_abbreviation(&after_mult[w.len()..])
            });
        let (word_end, mult, unit) = match found {
            Some(&(word, mult, unit)) => (
                text.len() - after_mult.len() + word.len(),
                mult * factor,
                unit,
            ),
            // `23 ngàn tỷ`: an amount in đồng.
            None if money => (text.len() - spaced.len() + mlen, factor, "đồng"),
            None => continue,
        };
        let Some(n) = parse_number(value) else {
            continue;
        };
        let upper = upper.map(|(u, _)| u * mult);
        let mut end = word_end;
        let mut per = None;
        if let Some(p) = text[end..].strip_prefix('/') {
            let w: String = p.chars().take_while(|ch| ch.is_alphabetic()).collect();
            if [
                "năm", "tháng", "người", "ha", "hộ", "ngày", "sào", "xã", "huyện", "tấn", "kg",
                "lít", "giờ", "thùng", "km",
            ]
            .contains(&w.as_str())
            {
                end += 1 + w.len();
                per = Some(w);
            }
        }
        let total = total.and_then(parse_number);
        out.push(Quantity {
            start,
            end,
            number: n * mult,
            unit: unit.to_string(),
            total,
            per,
            upper,
        });
        done = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The place tail written out by hand, to check the one built from
    /// the type words against.
    const WRITTEN_PLACE_TAIL: &str = r"(?:\s+(?:các\s+)?(?:tỉnh|huyện|xã|thành phố|thị xã|thị trấn|phường|quận|[Tt]rung ương)(?:\s+\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,3}|\s+\d{1,2}(?-u:\b))|\s+(?:các\s+)?TP(?:\.\s*|\s+)(?:\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,3}|\d{1,2}(?-u:\b))|\s+(?:các\s+)?(?:tỉnh|huyện|xã|thành phố|TP(?:\.|(?-u:\b))|thị xã|thị trấn|phường|quận|[Tt]rung ương)|\s+\p{Lu}[\p{L}\p{M}]*(?:\s+\p{Lu}[\p{L}\p{M}]*){0,2})?";

    #[test]
    fn each_year_of_a_list_keeps_its_own_span() {
        // White space before a comma, a no-break space after it.
        for text in [
            "năm 2020, 2021, 2022",
            "năm 2020 , 2021 ,2022",
            "SN 2024 ,\u{a0}2024",
            "năm 2019\u{a0},\u{a0}2020",
        ] {
            let years: Vec<&str> = dates(text, None)
                .iter()
                .map(|(s, e, v)| {
                    assert!(
                        text[*s..*e].ends_with(v.as_str()),
                        "{text:?}: {s}..{e} for {v}"
                    );
                    &text[*s..*e]
                })
                .collect();
            assert!(years.len() >= 2, "{text:?}: {years:?}");
            assert!(
                years[1..].iter().all(|y| y.len() == 4),
                "{text:?}: {years:?}"
            );
        }
    }

    #[test]
    fn the_place_tail_built_from_the_type_words_matches_as_written() {
        // The same alternatives: literals, none a prefix of another, so
        // the same matches in any order.
        let mut built = place_types();
        built.sort();
        let mut written = [
            "tỉnh",
            "huyện",
            "xã",
            "thành phố",
            r"TP\.?",
            "thị xã",
            "thị trấn",
            "phường",
            "quận",
            "[Tt]rung ương",
        ];
        written.sort();
        assert_eq!(built, written);
        for (i, a) in built.iter().enumerate() {
            for b in &built[i + 1..] {
                let (a, b) = (a.trim_end_matches(r"\.?"), b.trim_end_matches(r"\.?"));
                assert!(!a.starts_with(b) && !b.starts_with(a), "{a} {b}");
            }
        }
        let anchored = |p: &str| Regex::new(&format!("^UBND{p}")).expect("valid regex");
        let (new, old) = (anchored(&place_tail()), anchored(WRITTEN_PLACE_TAIL));
        for text in [
            "UBND tỉnh Thái Nguyên đã",
            "UBND các tỉnh Thái Nguyên, Bắc Kạn",
            "UBND thành phố Thái Nguyên",
            "UBND TP. Hồ Chí Minh",
            "UBND TP Hà Nội Mới Lớn Nữa",
            "UBND thị xã Phổ Yên",
            "UBND thị trấn Hùng Sơn",
            "UBND xã Vạn Thọ",
            "UBND phường Hoàng Văn Thụ",
            "UBND quận Ba Đình",
            "UBND huyện Đại Từ",
            "UBND Trung ương",
            "UBND trung ương Đảng",
            "UBND TX Phổ Yên",
            "UBND TT Hùng Sơn",
            "UBND P. 3",
            "UBND xóm Đồng",
            "UBND Tỉnh Thái Nguyên",
            "UBND tp Thái Nguyên",
            "UBND Thái Nguyên Bắc Kạn Hà Nội",
            "UBND thị  xã Phổ Yên",
            "UBND TP.HCM",
            "UBND TPHCM đã",
            "UBND TP. Đà Nẵng",
            "UBND TP.",
            "UBND TP.Hà Nội",
            "UBND quận 1 đã",
            "UBND phường 12, quận 3",
            "UBND quận 123",
            "UBND TP 3",
            "UBND",
        ] {
            assert_eq!(
                new.find(text).map(|m| m.as_str()),
                old.find(text).map(|m| m.as_str()),
                "{text}"
            );
        }
    }

    /// Text made of date and number cues in any case, digits (ASCII and
    /// others), separators and white space.
    fn date_salad() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words = prop::sample::select(vec![
            "năm",
            "Năm",
            "NĂM",
            "đến",
            "Đến",
            "từ",
            "Từ",
            "TỪ",
            "sinh",
            "SN",
            "sn",
            "tháng",
            "Tháng",
            "THÁNG",
            "ngày",
            "Ngày",
            "sáng",
            "Sáng",
            "chiều",
            "tối",
            "trưa",
            "đêm",
            "hôm",
            "sớm",
            "rạng",
            "nay",
            "qua",
            "mai",
            "kia",
            "thứ",
            "Thứ",
            "Hai",
            "ba",
            "Tư",
            "tư",
            "sáu",
            "Bảy",
            "chủ",
            "Chủ",
            "nhật",
            "âm",
            "lịch",
            "ÂL",
            "đêm",
            "tới",
            "giai",
            "đoạn",
            "nhiệm",
            "kỳ",
            "KỲ",
            "thời",
            "niên",
            "khóa",
            "khoá",
            "KHÓA",
            "học",
            "các",
            "(",
            ")",
            "và",
            ",",
            "-",
            "–",
            "/",
            ".",
            "1",
            "12",
            "29",
            "6",
            "10",
            "2024",
            "1991",
            "2021",
            "20245",
            "٣",
            "２０２４",
            "𝟐𝟎𝟐𝟒",
            "x",
            "a",
            "tấn",
            "ha",
            "%",
            "tỷ",
            "đồng",
            "triệu",
            "xã",
            "người",
            "3-4",
            "70.605",
            "6.598,6",
            "12/13",
            "99,72",
        ]);
        let seps = prop::sample::select(vec!["", " ", " ", " ", "  ", "\n", "\t", "\u{a0}"]);
        prop::collection::vec((words, seps), 0..40)
            .prop_map(|v| v.into_iter().flat_map(|(w, s)| [w, s]).collect())
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
        /// Searching only the windows around digits finds what a search
        /// of the whole text finds.
        #[test]
        fn windows_find_the_dates_and_quantities_of_the_whole_text(
            text in date_salad(),
            year in proptest::option::of(1990..2030i32),
        ) {
            let (windows, whole) = (digits::windows(&text), [Window::whole(&text)]);
            let dates = dates_in(&text, year, &windows);
            proptest::prop_assert_eq!(&dates, &dates_in(&text, year, &whole));
            let taken: Vec<(usize, usize)> = dates.iter().map(|d| (d.0, d.1)).collect();
            proptest::prop_assert_eq!(
                quantities_in(&text, &taken, &windows),
                quantities_in(&text, &taken, &whole)
            );
        }
    }

    fn q(text: &str) -> Vec<(f64, String, Option<f64>, Option<String>)> {
        quantities(text, &[])
            .into_iter()
            .map(|q| (q.number, q.unit, q.total, q.per))
            .collect()
    }

    #[test]
    fn vietnamese_numbers() {
        assert_eq!(parse_number("70.605"), Some(70605.0));
        assert_eq!(parse_number("99,72"), Some(99.72));
        assert_eq!(parse_number("6.598,6"), Some(6598.6));
        assert_eq!(parse_number("1.810.997"), Some(1_810_997.0));
        assert_eq!(parse_number("14.000"), Some(14000.0));
        assert_eq!(parse_number("1.5"), Some(1.5));
    }

    #[test]
    fn quantities_with_units() {
        assert_eq!(
            q("ước đạt 70.605 tấn/70.800 tấn"),
            [
                (70605.0, "tấn".into(), None, None),
                (70800.0, "tấn".into(), None, None)
            ]
        );
        assert_eq!(q("đạt 99,72% kế hoạch"), [(99.72, "%".into(), None, None)]);
        assert_eq!(
            q("là 6.598,6ha, diện tích"),
            [(6598.6, "ha".into(), None, None)]
        );
        assert_eq!(
            q("gần 14.000 tỷ đồng để"),
            [(1.4e13, "đồng".into(), None, None)]
        );
        assert_eq!(
            q("ước đạt 53,2 triệu đồng/năm, gấp"),
            [(53_200_000.0, "đồng".into(), None, Some("năm".into()))]
        );
        assert_eq!(
            q("có 12/13 xã đạt chuẩn"),
            [(12.0, "xã".into(), Some(13.0), None)]
        );
        assert!(q("năm 2024 và 2025").is_empty());
    }

    #[test]
    fn currencies_and_measures_are_read_with_their_unit() {
        assert_eq!(
            q("thu nhập 244 triệu NDT, tức 35 triệu đô la Mỹ"),
            [
                (2.44e8, "CNY".into(), None, None),
                (3.5e7, "USD".into(), None, None)
            ]
        );
        // A currency after `tỷ` is that currency, not đồng.
        assert_eq!(q("vay 5 tỷ yên để"), [(5e9, "JPY".into(), None, None)]);
        assert_eq!(
            q("giá 500.000đ một"),
            [(500_000.0, "đồng".into(), None, None)]
        );
        assert_eq!(q("gió 60 km/h, mưa"), [(60.0, "km/h".into(), None, None)]);
        assert_eq!(q("nóng 38 độ C và"), [(38.0, "°C".into(), None, None)]);
        assert_eq!(
            q("mưa 120 mm, 2 lít xăng"),
            [
                (120.0, "mm".into(), None, None),
                (2.0, "lít".into(), None, None)
            ]
        );
        let spans: Vec<_> = quantities("gió 60 km/h.", &[])
            .iter()
            .map(|q| (q.start, q.end))
            .collect();
        assert_eq!(spans, [(5, 12)]);
        assert_eq!(
            q("mua 3 triệu bảng, hay"),
            [(3e6, "GBP".into(), None, None)]
        );
        assert_eq!(
            q("động đất 4,9 độ Richter"),
            [(4.9, "độ Richter".into(), None, None)]
        );
        // `đ/c` (`đồng chí`) is no unit; `đ/kg` is.
        assert!(q("tặng 2 đ/c được").is_empty());
        assert_eq!(
            q("giá 500đ/kg"),
            [(500.0, "đồng".into(), None, Some("kg".into()))]
        );
        // `bảng` without a number word is a count of boards, not money.
        assert!(q("chia 8 bảng đấu").is_empty());
        // A word that only begins with a unit's letters counts nothing.
        assert!(q("có 3 đội và 5 đợt").is_empty());
        assert!(q("sau 2 đôi giày").is_empty());
    }

    #[test]
    fn dates_with_a_dash_or_a_shared_year_are_one_range() {
        let d = |t: &str| dates(t, None).into_iter().map(|d| d.2).collect::<Vec<_>>();
        assert_eq!(
            d("giai đoạn 1.1.2016 – 1.1.2017 vừa qua"),
            ["2016-01-01/2017-01-01"]
        );
        assert_eq!(d("tháng 3/2016 - tháng 5/2017"), ["2016-03/2017-05"]);
        assert_eq!(d("từ tháng 3 đến tháng 5/2017"), ["2017-03/2017-05"]);
        assert_eq!(d("trong tháng 3 - 5/2017"), ["2017-03/2017-05"]);
        // The later date first, or two precisions: no range.
        assert_eq!(d("ngày 1.1.2017 - 1.1.2016"), ["2017-01-01", "2016-01-01"]);
        assert_eq!(d("tháng 3/2016 - 1.1.2017"), ["2016-03", "2017-01-01"]);
        // A comma between is a list.
        assert_eq!(d("ngày 1.1.2016, 1.1.2017"), ["2016-01-01", "2017-01-01"]);
    }

    #[test]
    fn dates_full_partial_and_ranges() {
        let d = |t: &str, y| dates(t, y).into_iter().map(|d| d.2).collect::<Vec<_>>();
        assert_eq!(d("Chiều 22/1/2021, Ban Chỉ đạo", None), ["2021-01-22"]);
        assert_eq!(d("Chiều 29-6, Ban Chấp hành", Some(2023)), ["2023-06-29"]);
        assert_eq!(d("Chiều 29-6, Ban Chấp hành", None), ["--06-29"]);
        assert_eq!(
            d("giai đoạn 2021-2025 và nhiệm kỳ 2020 - 2025", None),
            ["2021/2025", "2020/2025"]
        );
        assert_eq!(d("5 năm (2021 - 2025), huyện", None), ["2021/2025"]);
        assert_eq!(
            d("ngày 08/04/2024 và tháng 6/2023, năm 2024", None),
            ["2024-04-08", "2023-06", "2024"]
        );
    }

    #[test]
    fn days_named_from_today_or_by_the_week() {
        let d = |t: &str, y| dates(t, y).into_iter().map(|d| d.2).collect::<Vec<_>>();
        assert_eq!(
            d("Hôm nay (9.3), trường khai giảng.", Some(2022)),
            ["2022-03-09"]
        );
        assert_eq!(d("Sáng qua 14/5 có mưa đá.", None), ["--05-14"]);
        assert_eq!(d("Ngày mai, 2/9, phố đông.", Some(2021)), ["2021-09-02"]);
        assert_eq!(d("Đoàn về hôm thứ Tư (11/10).", None), ["--10-11"]);
        assert_eq!(d("Chủ nhật, 3/4, chợ mở.", Some(2022)), ["2022-04-03"]);
        // Near misses: a ratio or a score after such words is no date.
        assert!(d("Hôm nay 9 trên 10 em đỗ.", None).is_empty());
        assert!(d("Tỉ lệ hôm nay là 1/32 mẫu.", None).is_empty());
        assert!(d("Lần thứ ba 1/2 số phiếu tán thành.", None).is_empty());
        assert_eq!(d("Thứ Ba 1/2, chợ mở.", None), ["--02-01"]);
    }

    #[test]
    fn stretches_of_days_are_one_range() {
        let d = |t: &str, y| {
            dates(t, y)
                .into_iter()
                .map(|d| (d.2, d.0, d.1))
                .collect::<Vec<_>>()
        };
        let t = "Hội thi diễn ra ngày 9 - 11/8 tại huyện.";
        let at = t.find("9 - 11/8").expect("written");
        assert_eq!(
            d(t, Some(2023)),
            [(
                "2023-08-09/2023-08-11".to_string(),
                at,
                at + "9 - 11/8".len()
            )]
        );
        let t = "Lớp học từ ngày 3 đến 7-4 năm nay.";
        assert_eq!(d(t, None)[0].0, "--04-03/--04-07");
        let t = "Kỳ nghỉ kéo dài từ ngày 29/12 - 3/1/2024 sao?";
        assert!(
            d(t, None).iter().all(|x| !x.0.contains("12-29/")),
            "{:?}",
            d(t, None)
        );
        let t = "Lễ hội mở ngày 27/4 đến 2/5/2024.";
        assert_eq!(d(t, None)[0].0, "2024-04-27/2024-05-02");
        // Near misses: a later day first, or no month after the second day.
        let t = "Đêm 12 - 9, lũ về.";
        assert_eq!(d(t, Some(2019))[0].0, "2019-09-12");
        assert!(
            d("Ngày 14 - 3/5 có gì?", None)
                .iter()
                .all(|x| !x.0.contains('/'))
        );
    }

    #[test]
    fn days_with_the_month_as_a_word() {
        let d = |t: &str, y| dates(t, y).into_iter().map(|d| d.2).collect::<Vec<_>>();
        assert_eq!(
            d("Vào ngày 14 tháng 7 năm 2016, ông mất.", None),
            ["2016-07-14"]
        );
        assert_eq!(
            d("Ông sinh 5 tháng 9, năm 1950 ở Huế.", None),
            ["1950-09-05"]
        );
        assert_eq!(d("Sáng 8 tháng 2, đoàn đi.", Some(2020)), ["2020-02-08"]);
        assert_eq!(d("Sáng 8 tháng 2, đoàn đi.", None), ["--02-08"]);
        // Near misses: a span of time, and the lunar calendar.
        assert!(d("Sau 3 tháng 2 ngày, ông về.", None).is_empty());
        assert!(d("Giỗ tổ ngày 10 tháng 3 âm lịch.", Some(2020)).is_empty());
        assert!(d("Giỗ tổ ngày 10/3 (ÂL) hằng năm.", Some(2020)).is_empty());
        assert!(d("Hội mở ngày 10/1(AL) mỗi năm.", Some(2020)).is_empty());
        assert_eq!(d("Sáng 10/3 Alice đến.", Some(2020)), ["2020-03-10"]);
    }

    #[test]
    fn anchored_scan_finds_what_a_whole_text_scan_finds() {
        let whole = Regex::new(&organization_pattern()).expect("valid");
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../corpus");
        let mut texts: Vec<String> = std::fs::read_dir(dir)
            .expect("corpus")
            .map(|e| std::fs::read_to_string(e.expect("entry").path()).expect("seed"))
            .collect();
        texts.push("Uỷ ban nhân dân xã, uy ban Kiểm tra Đảng uỷ, HuyệnỦy ban MTTQ Việt Nam tỉnh Bình Định; Bộ Chỉ huy Quân sự tỉnh.".into());
        let mut found = 0;
        for t in &texts {
            let expected: Vec<(usize, usize)> =
                whole.find_iter(t).map(|m| (m.start(), m.end())).collect();
            assert_eq!(organizations(t), expected);
            found += expected.len();
        }
        assert!(found > 40, "{found}");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn anchored_scan_agrees_on_word_salad(words in proptest::collection::vec(
            proptest::sample::select(vec![
                "Ủy", "uỷ", "ban", "nhân", "dân", "UBND", "HĐND", "MTTQ", "Mặt", "trận", "Tổ",
                "quốc", "Ban", "chỉ", "đạo", "Huyện", "ủy", "Đảng", "bộ", "Sở", "Y", "tế", "Bộ",
                "Hội", "Nông", "dân", "Cục", "Thuế", "HTX", "Hợp", "tác", "xã", "Chính", "phủ",
                "tỉnh", "Thái", "Nguyên", "Đại", "Từ", "và", ",", ".", "\n", "-", "Thành", "Kiểm", "tra",
                "uy", "Uy", "Huy", "thường", "vụ", "Thanh", "niên", "Người", "Phụ", "nữ", "trận",
                "Quốc", "hội", "Chỉ", "huy", "Quân", "sự", "Công", "Thương", "\t", "Tỉnh", "\u{a0}",
                "Hội", "đồng", "tác", "Cựu", "Liên", "hiệp", "Tổ", "QUẢN", "quản", "lý", "Đoàn",
            ]),
            0..40,
        )) {
            static WHOLE: OnceLock<Regex> = OnceLock::new();
            let text = words.join(" ");
            let whole = re_with(&WHOLE, organization_pattern);
            let expected: Vec<(usize, usize)> =
                whole.find_iter(&text).map(|m| (m.start(), m.end())).collect();
            proptest::prop_assert_eq!(organizations(&text), expected);
        }
    }

    #[test]
    fn organizations_with_their_place() {
        let text = "UBND huyện Đại Từ và Sở Nông nghiệp và Phát triển nông thôn họp với Huyện ủy, HĐND tỉnh Thái Nguyên và Ủy ban MTTQ huyện.";
        let orgs: Vec<&str> = organizations(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(
            orgs,
            [
                "UBND huyện Đại Từ",
                "Sở Nông nghiệp và Phát triển nông thôn",
                "Huyện ủy",
                "HĐND tỉnh Thái Nguyên",
                "Ủy ban MTTQ huyện"
            ]
        );
    }
}

//! Cleaning scraped news text and reading its metadata.
//!
//! Scraped pages keep their chrome: a date-and-menu bar and a hotline above
//! the headline, image file names and captions printed twice, the headline
//! repeated as an image caption, and below the article blocks of other
//! articles (`Tin cùng chuyên mục`, `Đọc thêm`, teaser lists of headline,
//! section, headline, lead), rating widgets and visitor counters. These rules
//! remove them and keep the article's paragraphs in order; they also read the
//! headline, the publication date, the outlet and the byline where the text
//! gives them. What the text does not say stays empty: no date is invented.

use std::sync::LazyLock;

use regex::Regex;

use crate::date::iso;

/// What cleaning found besides the text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Cleaned {
    /// The headline, when the text has one.
    pub title: Option<String>,
    /// Paragraphs, in order, joined by blank lines.
    pub body: String,
    /// ISO 8601 date (day or month precision).
    pub published: Option<String>,
    /// Outlet named in the lead (`(PLVN) -`, `(Xây dựng) –`).
    pub outlet: Option<String>,
    /// Byline at the end.
    pub author: Option<String>,
}

/// Lines where the article has ended and other content begins.
const END_MARKERS: &[&str] = &[
    "tin cùng chuyên mục",
    "cùng chuyên mục",
    "tin liên quan",
    "bài liên quan",
    "tin bài liên quan",
    "các tin khác",
    "tin khác",
    "tin mới",
    "tin mới nhất",
    "tin bài cuối cùng",
    "đọc thêm",
    "xem thêm",
    "đánh giá",
    "bình luận",
    "ý kiến bạn đọc",
    "gửi bình luận",
    "chia sẻ",
    "từ khóa",
    "tags",
    "theo",
    "không còn dữ liệu để load",
];

/// A regular expression of this file; each is tested by the cleaning tests.
fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("valid regex")
}

/// `Thứ ba 30/04/2024 02:14 24h qua English RSS`, `Chủ nhật, 12/5/2024`.
static HEADER_BAR: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(thứ (hai|ba|tư|năm|sáu|bảy|2|3|4|5|6|7)|chủ nhật)[, ]+\d{1,2}/\d{1,2}/\d{4}")
});

/// `Hotline: 094 540 6866`, `Đường dây nóng: …`, `Email: …`.
static CONTACT_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(r"(?i)^(hotline|đường dây nóng|email|điện thoại|fax|đăng nhập|đăng ký)\s*[:|]")
});

/// `daitu.jpg`, `anh-1.png` alone on a line.
static IMAGE_NAME: LazyLock<Regex> =
    LazyLock::new(|| re(r"(?i)^\S+\.(jpe?g|png|gif|webp|bmp|svg)$"));

/// `Thống kê: 1.810.997`, `Online: 65`, `Lượt xem: 120`.
static COUNTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(thống kê|online|đang truy cập|lượt xem|lượt truy cập|tổng truy cập|hôm nay|lượt đánh giá)\s*:",
    )
});

/// A date line: `10:30 | 08/04/2024`, `08/04/2024 10:30`, `Thứ hai, 08/04/2024`.
static DATE_LINE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:thứ \S+|chủ nhật)[, ]+)?(?:\d{1,2}:\d{2}\s*(?:\||,|-)?\s*)?(\d{1,2})/(\d{1,2})/(\d{4})(?:\s*(?:\||,|-)?\s*\d{1,2}:\d{2}(?::\d{2})?)?(?:\s*\(GMT[+-]\d+\))?$",
    )
});

/// `date 2023-06` or `date 2023-06-29` where a scraper left it.
static DATE_TAG: LazyLock<Regex> =
    LazyLock::new(|| re(r"^\s*date\s+(\d{4})-(\d{2})(?:-(\d{2}))?\s*"));

/// `(PLVN) - `, `(Xây dựng) – ` at the start of the lead.
static OUTLET_PREFIX: LazyLock<Regex> = LazyLock::new(|| re(r"^\(([^()]{2,40})\)\s*[-–—]\s*"));

/// A date at the start of the lead: `Chiều 22/1/2021, …`, `Ngày 11/12, …`, `Sáng 29-6, …`.
static LEAD_DATE: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"(?i)^(?:(?:sáng|chiều|tối|trưa|đêm|ngày|hôm nay|hôm qua)\s+(?:\([^)]*\)\s*)?(?:ngày\s+)?)?(\d{1,2})[/-](\d{1,2})(?:[/-](\d{4}))?\b",
    )
});

static YEAR_MENTION: LazyLock<Regex> = LazyLock::new(|| re(r"(?i)\bnăm (\d{4})\b"));

fn key(line: &str) -> String {
    line.trim()
        .trim_end_matches([':', '.'])
        .trim()
        .to_lowercase()
}

fn is_end_marker(line: &str) -> bool {
    // Markers are short: do not lowercase whole paragraphs to find out.
    line.len() <= 48 && END_MARKERS.contains(&key(line).as_str())
}

/// Whether `line` has at most `n` words, without counting past `n`.
fn words_at_most(line: &str, n: usize) -> bool {
    line.split_whitespace().nth(n).is_none()
}

/// A byline: two to five capitalized words and nothing else.
fn is_byline(line: &str) -> bool {
    // Two to five words, without counting a whole paragraph.
    !words_at_most(line, 1)
        && words_at_most(line, 5)
        && line.split_whitespace().all(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && w.chars().all(|c| c.is_alphabetic() || c == '.' || c == '-')
        })
}

/// Index where a teaser list begins: headline, section, headline again
/// (`A`, `B`, `A`), or headline twice in a row followed by an
/// `(OUTLET) -` lead, at least twice from there on.
fn teaser_start(lines: &[&str]) -> Option<usize> {
    let is_item = |i: usize| -> bool {
        let a = lines[i].trim();
        let repeat_at = |j: usize| lines.get(j).is_some_and(|l| l.trim() == a);
        // Cheap test first: a headline of a teaser list is repeated.
        if a.is_empty() || !(repeat_at(i + 1) || repeat_at(i + 2)) || !words_at_most(a, 40) {
            return false;
        }
        let triple = repeat_at(i + 2) && lines.get(i + 1).is_some_and(|b| words_at_most(b, 8));
        let double_lead = repeat_at(i + 1)
            && lines
                .get(i + 2)
                .is_some_and(|l| OUTLET_PREFIX.is_match(l.trim()));
        triple || double_lead
    };
    let items: Vec<usize> = (0..lines.len()).filter(|&i| is_item(i)).collect();
    let first = *items.first()?;
    (items.len() >= 2).then(|| {
        // Include a section label just above the first headline.
        if first > 0 && lines[first - 1].trim() == lines.get(first + 1).map_or("", |l| l.trim()) {
            first - 1
        } else {
            first
        }
    })
}

/// Cleans a plain-text article: the first lines give the headline (and
/// maybe a date), the rest the body.
pub fn clean_text(text: &str) -> Cleaned {
    let mut lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Cleaned::default();
    // Page chrome above the headline.
    while let Some(first) = lines.first() {
        if HEADER_BAR.is_match(first) || CONTACT_LINE.is_match(first) {
            lines.remove(0);
        } else {
            break;
        }
    }
    // A `date YYYY-MM` tag before the headline.
    let mut title_line = lines.first().map(|l| l.to_string());
    if let Some(t) = &title_line
        && let Some(c) = DATE_TAG.captures(t)
    {
        let y = c[1].parse().unwrap_or(0);
        let m = c[2].parse().unwrap_or(0);
        let d = c.get(3).and_then(|d| d.as_str().parse().ok());
        out.published = iso(y, m, d);
        title_line = Some(t[c.get(0).map_or(0, |m| m.end())..].trim().to_string());
    }
    let Some(mut title) = title_line.filter(|t| !t.is_empty()) else {
        return out;
    };
    let mut rest = &lines[1.min(lines.len())..];
    // `Đại Từ, Thái Nguyên:` + next line is one headline.
    if title.ends_with(':')
        && words_at_most(&title, 8)
        && !rest.is_empty()
        && words_at_most(rest[0], 25)
    {
        title = format!("{} {}", title, rest[0]);
        rest = &rest[1..];
    }
    out.body = clean_body_lines(rest, Some(&title), &mut out);
    // A headline that is really the lead sentence may carry the date.
    if out.published.is_none()
        && let Some(c) = LEAD_DATE.captures(&title)
        && let Some(y) = c.get(3).and_then(|y| y.as_str().parse().ok())
    {
        out.published = iso(y, c[2].parse().unwrap_or(0), c[1].parse().ok());
    }
    out.title = Some(title);
    out
}

/// Cleans article text whose headline is known (HTML, JSON): chrome,
/// repeats, related-article blocks; reads date, outlet and byline.
pub fn clean_body(text: &str, title: Option<&str>) -> Cleaned {
    let lines: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let mut out = Cleaned::default();
    out.body = clean_body_lines(&lines, title, &mut out);
    out.title = title.map(str::to_string);
    out
}

fn clean_body_lines(lines: &[&str], title: Option<&str>, out: &mut Cleaned) -> String {
    // Cut at the first end marker or teaser list.
    let mut end = lines
        .iter()
        .position(|l| is_end_marker(l))
        .unwrap_or(lines.len());
    if let Some(t) = teaser_start(&lines[..end]) {
        end = end.min(t);
    }
    let lines = &lines[..end];
    let mut kept: Vec<String> = Vec::with_capacity(lines.len());
    let mut seen: std::collections::HashSet<&str> = std::collections::HashSet::new();
    let title_key = title.map(str::trim);
    for (i, &line) in lines.iter().enumerate() {
        if IMAGE_NAME.is_match(line)
            || COUNTER_LINE.is_match(line)
            || CONTACT_LINE.is_match(line)
            || HEADER_BAR.is_match(line) && words_at_most(line, 12)
        {
            continue;
        }
        if i < 4 && out.published.is_none() {
            if let Some(c) = DATE_LINE.captures(line) {
                let d = c[1].parse().ok();
                let m = c[2].parse().unwrap_or(0);
                let y = c[3].parse().unwrap_or(0);
                out.published = iso(y, m, d);
                continue;
            }
        } else if DATE_LINE.is_match(line) {
            continue;
        }
        if Some(line) == title_key || !seen.insert(line) {
            continue; // headline repeated as a caption, caption printed twice
        }
        kept.push(line.to_string());
    }
    // Outlet prefix on the lead.
    if let Some(lead) = kept.first_mut()
        && let Some(c) = OUTLET_PREFIX.captures(lead)
    {
        out.outlet = Some(c[1].trim().to_string());
        let cut = c.get(0).map_or(0, |m| m.end());
        *lead = lead[cut..].to_string();
    }
    // Byline at the end.
    if let Some(last) = kept.last()
        && kept.len() > 1
        && is_byline(last)
    {
        out.author = kept.pop();
    }
    // Date at the start of the lead.
    if out.published.is_none()
        && let Some(lead) = kept.first()
        && let Some(c) = LEAD_DATE.captures(lead)
    {
        let d = c[1].parse().ok();
        let m = c[2].parse().unwrap_or(0);
        let year = match c.get(3) {
            Some(y) => y.as_str().parse().ok(),
            None => context_year(&kept),
        };
        if let Some(y) = year {
            out.published = iso(y, m, d);
        }
    }
    kept.join("\n\n")
}

/// The year an undated lead refers to: the latest `năm YYYY` the article
/// mentions, when it mentions one.
fn context_year(paragraphs: &[String]) -> Option<u32> {
    paragraphs
        .iter()
        .flat_map(|p| YEAR_MENTION.captures_iter(p))
        .filter_map(|c| c[1].parse::<u32>().ok())
        .filter(|y| (1945..=2100).contains(y))
        .max()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seed(name: &str) -> Cleaned {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../corpus")
            .join(name);
        clean_text(&std::fs::read_to_string(path).expect("seed"))
    }

    #[test]
    fn seed_000_keeps_the_article_not_the_teasers() {
        let c = seed("000_638e7e34ad3540e3.txt");
        assert_eq!(
            c.title.as_deref(),
            Some("Đại Từ, Thái Nguyên: Huy động hiệu quả các nguồn lực phát triển")
        );
        assert!(
            c.body
                .starts_with("Thực hiện nhiệm vụ phát triển kinh tế - xã hội 5 năm")
        );
        assert!(
            c.body
                .contains("xã Vạn Thọ đã được UBND tỉnh ra quyết định")
        );
        assert!(
            c.body.ends_with("hiện đại hóa nông nghiệp, nông thôn."),
            "{}",
            &c.body[c.body.len() - 200..]
        );
        for teaser in [
            "Vĩnh Yên",
            "Mỹ Đức",
            "Góp phần đẩy mạnh phát triển kinh tế",
            "Hà Giang",
        ] {
            assert!(!c.body.contains(teaser), "{teaser}");
        }
        assert!(!c.body.contains("daitu.jpg"));
        assert_eq!(c.published, None);
        assert_eq!(c.author, None);
    }

    #[test]
    fn seed_001_ends_before_related_articles() {
        let c = seed("001_b677c03b39e6e33e.txt");
        assert_eq!(
            c.title.as_deref(),
            Some(
                "Huyện Phú Lương phát huy thành tích, nỗ lực hoàn thành mục tiêu nhiệm kỳ 2020-2025"
            )
        );
        assert!(!c.body.contains("Tin cùng chuyên mục"));
        assert!(!c.body.contains("Bình Định"));
        assert!(c.body.ends_with("từ huyện đến cơ sở."));
        assert_eq!(
            c.body
                .matches("Huyện Phú Lương đặt mục tiêu phát triển kinh tế nhanh")
                .count(),
            1
        );
        assert_eq!(c.outlet, None, "the caption, not the lead, comes first");
    }

    #[test]
    fn seed_002_loses_the_chrome_and_gets_its_date() {
        let c = seed("002_02a9a757edc48b48.txt");
        assert_eq!(
            c.title.as_deref(),
            Some("Thái Nguyên: Tiếp tục tập trung mọi nguồn lực cho xây dựng nông thôn mới")
        );
        assert!(!c.body.contains("24h qua English RSS"));
        assert!(!c.body.contains("Hotline"));
        assert!(
            !c.body.contains("Thái Nguyên: Tiếp tục tập trung"),
            "headline captions dropped"
        );
        assert_eq!(c.published.as_deref(), Some("2024-04-08"));
        assert_eq!(c.outlet.as_deref(), Some("Xây dựng"));
        assert_eq!(c.author.as_deref(), Some("Việt Hoan"));
        assert!(c.body.starts_with("Với quan điểm"));
        assert!(c.body.ends_with("xây dựng nông thôn mới."));
    }

    #[test]
    fn seed_003_date_and_author() {
        let c = seed("003_01b3ba7cbce06933.txt");
        assert_eq!(c.published.as_deref(), Some("2023-06"));
        assert_eq!(c.author.as_deref(), Some("Phan Nga"));
        assert!(
            c.title
                .as_deref()
                .is_some_and(|t| t.starts_with("Tập trung chỉ đạo hoàn thành"))
        );
        assert!(!c.body.contains("Phan Nga"));
    }

    #[test]
    fn seed_004_ends_before_the_rating_widget() {
        let c = seed("004_f16c7fcdc7d76b7f.txt");
        assert!(!c.body.contains("Đánh giá"));
        assert!(!c.body.contains("Thống kê"));
        assert!(!c.body.contains("Mã xác thực"));
        assert!(
            c.body.ends_with("NTM và NTM nâng cao năm 2020"),
            "{}",
            &c.body[c.body.len() - 120..]
        );
        assert_eq!(c.published.as_deref(), Some("2021-01-22"));
    }

    #[test]
    fn partial_lead_date_takes_the_year_from_the_text() {
        let c = clean_text(
            "Tiêu đề\n\n(PLVN) - Ngày 11/12, kỳ họp HĐND khai mạc.\n\nKế hoạch năm 2024 đã xong.",
        );
        assert_eq!(c.outlet.as_deref(), Some("PLVN"));
        assert_eq!(c.published.as_deref(), Some("2024-12-11"));
        let c = clean_text("Tiêu đề\n\nNgày 11/12, kỳ họp khai mạc.");
        assert_eq!(c.published, None, "no year in the text: no date");
    }
}

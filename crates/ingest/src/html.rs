//! Web pages: headline, date, outlet and byline from the page's metadata;
//! paragraphs from its `<article>` (or main content), without navigation,
//! headers, footers, sidebars and scripts.

use scraper::{ElementRef, Html, Selector};

use crate::clean::{Cleaned, clean_body};
use crate::date::parse_date;
use crate::{Article, RejectReason};

/// What a page gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Page {
    /// Cleaned text and metadata.
    pub cleaned: Cleaned,
    /// Canonical address.
    pub url: Option<String>,
}

fn sel(s: &str) -> Option<Selector> {
    Selector::parse(s).ok()
}

fn meta(doc: &Html, names: &[&str]) -> Option<String> {
    for n in names {
        for attr in ["property", "name", "itemprop"] {
            let Some(s) = sel(&format!("meta[{attr}=\"{n}\"]")) else {
                continue;
            };
            if let Some(v) = doc
                .select(&s)
                .filter_map(|e| e.value().attr("content"))
                .map(str::trim)
                .find(|v| !v.is_empty())
            {
                return Some(v.to_string());
            }
        }
    }
    None
}

fn text_of(e: ElementRef<'_>) -> String {
    e.text()
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Elements that start a new line of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "body",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "table",
    "tr",
    "td",
    "th",
    "br",
    "hr",
];

const SKIP: &[&str] = &[
    "script", "style", "nav", "header", "footer", "aside", "form", "noscript", "iframe", "button",
    "select", "template", "svg",
];

/// The text under `root`, one line per block element, in document order,
/// leaving out scripts, navigation, headers, footers and the like.
fn block_lines(root: ElementRef<'_>) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut current_block = None;
    for node in root.descendants() {
        let Some(text) = node.value().as_text() else {
            continue;
        };
        let mut block = None;
        let mut skip = false;
        for a in node.ancestors() {
            if let Some(e) = a.value().as_element() {
                if SKIP.contains(&e.name()) {
                    skip = true;
                    break;
                }
                if block.is_none() && BLOCKS.contains(&e.name()) {
                    block = Some(a.id());
                }
            }
            if a.id() == root.id() {
                break;
            }
        }
        if skip {
            continue;
        }
        if block != current_block {
            let line = current.split_whitespace().collect::<Vec<_>>().join(" ");
            if !line.is_empty() {
                lines.push(line);
            }
            current.clear();
            current_block = block;
        }
        current.push_str(text);
        current.push(' ');
    }
    let line = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The article of a web page from `source` (its `n`th record), with
/// `fallback_url` when the page names no address of its own; an empty
/// body is [`RejectReason::Empty`].
pub fn article(
    html: &str,
    source: &str,
    n: usize,
    fallback_url: Option<String>,
) -> Result<Article, RejectReason> {
    let page = parse(html);
    let c = page.cleaned;
    if c.body.trim().is_empty() {
        return Err(RejectReason::Empty);
    }
    Ok(Article {
        id: String::new(),
        source: source.to_string(),
        n,
        url: page.url.or(fallback_url),
        title: c.title.unwrap_or_default(),
        published: c.published,
        outlet: c.outlet,
        author: c.author,
        body: c.body,
        simhash: None,
    })
}

/// Deepest element nesting kept. The HTML tree builder checks the stack of
/// open elements at most start tags, so pages nested thousands of levels
/// deep would take time quadratic in their size; no real page comes near.
const MAX_DEPTH: usize = 256;

/// Elements that never have an end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Drops the tags (never the text) nested deeper than `max` elements, in one
/// linear pass, so that parsing stays linear in the page's size. Pages that
/// are not that deep come back unchanged, without a copy.
fn limit_depth(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    // Not enough tags to be that deep: nothing to do.
    if memchr::memchr_iter(b'<', html.as_bytes())
        .nth(max)
        .is_none()
    {
        return html.into();
    }
    let mut out = String::with_capacity(html.len());
    let mut depth = 0usize;
    let mut dropped = false;
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let Some(gt) = tag.find('>') else {
            out.push_str(tag);
            rest = "";
            break;
        };
        let (whole, after) = tag.split_at(gt + 1);
        rest = after;
        let inner = &whole[1..whole.len() - 1];
        let closing = inner.starts_with('/');
        let name: String = inner
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(|c| c.to_ascii_lowercase())
            .collect();
        let is_element = !name.is_empty() && !inner.starts_with('!') && !inner.starts_with('?');
        if !is_element || VOID.contains(&name.as_str()) || inner.ends_with('/') {
            out.push_str(whole);
            continue;
        }
        if closing {
            let keep = depth <= max;
            depth = depth.saturating_sub(1);
            if keep {
                out.push_str(whole);
            } else {
                dropped = true;
            }
        } else {
            depth += 1;
            if depth <= max {
                out.push_str(whole);
            } else {
                dropped = true;
            }
        }
    }
    out.push_str(rest);
    if dropped { out.into() } else { html.into() }
}

/// Parses a page. Never fails: a page with no usable text gives an empty body.
pub fn parse(html: &str) -> Page {
    let doc = Html::parse_document(&limit_depth(html, MAX_DEPTH));
    let url = meta(&doc, &["og:url"]).or_else(|| {
        sel("link[rel=\"canonical\"]").and_then(|s| {
            doc.select(&s)
                .find_map(|e| e.value().attr("href").map(str::to_string))
        })
    });
    let root = ["article", "[itemprop=\"articleBody\"]", "main", "body"]
        .iter()
        .filter_map(|s| sel(s))
        .find_map(|s| doc.select(&s).next())
        .unwrap_or_else(|| doc.root_element());
    let title = meta(&doc, &["og:title"])
        .or_else(|| {
            sel("h1").and_then(|s| {
                root.select(&s)
                    .next()
                    .or_else(|| doc.select(&s).next())
                    .map(text_of)
            })
        })
        .or_else(|| sel("title").and_then(|s| doc.select(&s).next().map(text_of)))
        .filter(|t| !t.is_empty());
    let mut lines = block_lines(root);
    if let Some(t) = &title
        && lines.first() == Some(t)
    {
        lines.remove(0);
    }
    let mut cleaned = clean_body(&lines.join("\n"), title.as_deref());
    let date = meta(
        &doc,
        &[
            "article:published_time",
            "datePublished",
            "pubdate",
            "publishdate",
            "date",
            "dc.date",
            "DC.date.issued",
        ],
    )
    .or_else(|| {
        sel("time[datetime]").and_then(|s| {
            doc.select(&s)
                .find_map(|e| e.value().attr("datetime").map(str::to_string))
        })
    })
    .and_then(|d| parse_date(&d));
    if date.is_some() {
        cleaned.published = date;
    }
    if let Some(site) = meta(&doc, &["og:site_name"]) {
        cleaned.outlet = Some(site);
    }
    if let Some(author) = meta(&doc, &["author", "article:author"]) {
        cleaned.author = Some(author);
    }
    Page { cleaned, url }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_page() {
        let html = r#"<!doctype html><html><head><title>Tin | Báo</title>
            <meta property="og:title" content="Huyện Đại Từ về đích nông thôn mới">
            <meta property="article:published_time" content="2024-04-08T10:30:00+07:00">
            <meta property="og:site_name" content="Báo Thái Nguyên">
            <meta name="author" content="Việt Hoan">
            <link rel="canonical" href="https://example.vn/a.html"></head>
            <body><nav><ul><li>Trang chủ</li><li>Thời sự</li></ul></nav>
            <article><h1>Huyện Đại Từ về đích nông thôn mới</h1>
            <p>Năm 2023, huyện <b>Đại Từ</b> đạt chuẩn.</p><p>Xã Vạn Thọ đạt NTM nâng cao.</p>
            <script>var x = 1;</script><aside><p>Quảng cáo</p></aside>
            <p>Tin cùng chuyên mục</p><p>Tin khác không liên quan</p></article>
            <footer><p>Bản quyền</p></footer></body></html>"#;
        let p = parse(html);
        assert_eq!(
            p.cleaned.title.as_deref(),
            Some("Huyện Đại Từ về đích nông thôn mới")
        );
        assert_eq!(
            p.cleaned.body,
            "Năm 2023, huyện Đại Từ đạt chuẩn.\n\nXã Vạn Thọ đạt NTM nâng cao."
        );
        assert_eq!(p.cleaned.published.as_deref(), Some("2024-04-08"));
        assert_eq!(p.cleaned.outlet.as_deref(), Some("Báo Thái Nguyên"));
        assert_eq!(p.cleaned.author.as_deref(), Some("Việt Hoan"));
        assert_eq!(p.url.as_deref(), Some("https://example.vn/a.html"));
    }

    #[test]
    fn malformed_html_still_gives_text() {
        let p = parse("<html><body><div><p>Đoạn một<p>Đoạn <i>hai</b></div><table><td>ô");
        assert!(p.cleaned.body.contains("Đoạn một"));
        assert!(p.cleaned.body.contains("Đoạn hai"));
        assert_eq!(parse("").cleaned.body, "");
        assert_eq!(parse("<<<>>>\u{0}").cleaned.title, None);
    }

    #[test]
    fn deep_nesting_keeps_text_and_drops_tags_past_the_limit() {
        let n = 2_000;
        let page = format!(
            "<html><body>{}<p>Xã Vạn Thọ đạt chuẩn nông thôn mới.</p>{}</body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        let limited = limit_depth(&page, MAX_DEPTH);
        assert!(limited.len() < page.len());
        assert_eq!(limited.matches("<div>").count(), MAX_DEPTH - 2);
        assert_eq!(limited.matches("</div>").count(), MAX_DEPTH - 2);
        assert!(
            parse(&page)
                .cleaned
                .body
                .contains("Xã Vạn Thọ đạt chuẩn nông thôn mới.")
        );
        let shallow = "<html><body><div><p>Một đoạn.</p></div></body></html>";
        assert!(matches!(
            limit_depth(shallow, MAX_DEPTH),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}

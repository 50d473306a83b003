//! JSON Lines and JSON: one article an object, fields found by name.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::clean::{clean_body, clean_text};
use crate::date::parse_date;
use crate::{Article, RejectReason};

/// Which object fields hold what; each list is tried in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldNames {
    /// Headline.
    pub title: Vec<String>,
    /// Article text.
    pub body: Vec<String>,
    /// Address.
    pub url: Vec<String>,
    /// Publication date.
    pub date: Vec<String>,
    /// Outlet.
    pub outlet: Vec<String>,
    /// Byline.
    pub author: Vec<String>,
}

fn names(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

impl Default for FieldNames {
    fn default() -> Self {
        FieldNames {
            title: names(&["title", "headline", "name"]),
            body: names(&["text", "content", "body", "article", "description"]),
            url: names(&["url", "link", "href"]),
            date: names(&[
                "date",
                "published",
                "published_at",
                "publish_date",
                "pubdate",
                "time",
                "created_at",
            ]),
            outlet: names(&["source", "outlet", "site", "publisher", "domain"]),
            author: names(&["author", "byline", "authors"]),
        }
    }
}

impl FieldNames {
    /// Puts `field` first in the list for `kind` (`title`, `body`, `url`,
    /// `date`, `outlet`, `author`), as `--field KIND=NAME` asks.
    pub fn prefer(&mut self, kind: &str, field: &str) -> Result<(), String> {
        let list = match kind {
            "title" => &mut self.title,
            "body" | "text" => &mut self.body,
            "url" => &mut self.url,
            "date" | "published" => &mut self.date,
            "outlet" | "source" => &mut self.outlet,
            "author" => &mut self.author,
            _ => {
                return Err(format!(
                    "unknown field kind `{kind}`: use title, body, url, date, outlet or author"
                ));
            }
        };
        list.retain(|f| f != field);
        list.insert(0, field.to_string());
        Ok(())
    }
}

fn pick(obj: &serde_json::Map<String, Value>, keys: &[String]) -> Option<String> {
    keys.iter().find_map(|k| match obj.get(k)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(a) => {
            let parts: Vec<&str> = a.iter().filter_map(Value::as_str).collect();
            (!parts.is_empty()).then(|| parts.join(", "))
        }
        _ => None,
    })
}

/// Turns one JSON value into an article.
pub fn article(
    value: &Value,
    fields: &FieldNames,
    source: &str,
    n: usize,
) -> Result<Article, RejectReason> {
    let obj = value
        .as_object()
        .ok_or_else(|| RejectReason::Parse("not a JSON object".into()))?;
    let body = pick(obj, &fields.body).ok_or_else(|| {
        RejectReason::Parse(format!(
            "no text: none of the fields {} holds a string (choose one with --field body=NAME)",
            fields.body.join(", ")
        ))
    })?;
    let title = pick(obj, &fields.title);
    let cleaned = match &title {
        Some(t) => clean_body(&body, Some(t)),
        None => clean_text(&body),
    };
    if cleaned.body.trim().is_empty() && cleaned.title.is_none() {
        return Err(RejectReason::Empty);
    }
    Ok(Article {
        id: String::new(),
        source: source.to_string(),
        n,
        url: pick(obj, &fields.url),
        title: cleaned.title.unwrap_or_default(),
        published: pick(obj, &fields.date)
            .and_then(|d| parse_date(&d))
            .or(cleaned.published),
        outlet: pick(obj, &fields.outlet).or(cleaned.outlet),
        author: pick(obj, &fields.author).or(cleaned.author),
        body: cleaned.body,
        simhash: None,
    })
}

/// The records of a `.json` file: an array's elements, or the one object.
pub fn records(text: &str) -> Result<Vec<Value>, RejectReason> {
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Array(items)) => Ok(items),
        Ok(v @ Value::Object(_)) => Ok(vec![v]),
        Ok(_) => Err(RejectReason::Parse(
            "JSON is neither an object nor an array".into(),
        )),
        Err(e) => Err(RejectReason::Parse(format!("invalid JSON: {e}"))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_and_preferred_fields() {
        let v: Value = serde_json::from_str(
            r#"{"title":"Tin","content":"Xã đạt chuẩn NTM.","link":"https://a.vn/x","published_at":"2024-04-08T10:00:00Z","site":"Báo A","authors":["Việt Hoan"]}"#,
        )
        .expect("json");
        let a = article(&v, &FieldNames::default(), "f.jsonl", 0).expect("article");
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Tin", "Xã đạt chuẩn NTM.")
        );
        assert_eq!(a.url.as_deref(), Some("https://a.vn/x"));
        assert_eq!(a.published.as_deref(), Some("2024-04-08"));
        assert_eq!(a.outlet.as_deref(), Some("Báo A"));
        assert_eq!(a.author.as_deref(), Some("Việt Hoan"));
        let mut f = FieldNames::default();
        f.prefer("body", "noi_dung").expect("kind");
        let v: Value = serde_json::from_str(r#"{"tieu_de":"x","noi_dung":"Dòng đầu\nNội dung"}"#)
            .expect("json");
        let a = article(&v, &f, "f", 0).expect("article");
        assert_eq!(
            (a.title.as_str(), a.body.as_str()),
            ("Dòng đầu", "Nội dung")
        );
        assert!(f.prefer("colour", "x").is_err());
    }

    #[test]
    fn bad_records_say_why() {
        let f = FieldNames::default();
        let e = article(&serde_json::json!([1]), &f, "f", 0).expect_err("array");
        assert_eq!(e.to_string(), "cannot parse: not a JSON object");
        let e = article(&serde_json::json!({"title": "x"}), &f, "f", 0).expect_err("no text");
        assert!(e.to_string().contains("--field body=NAME"));
        assert!(
            records("[{\"text\":\"a\"},{\"text\":\"b\"}]")
                .expect("array")
                .len()
                == 2
        );
        assert!(records("{\"text\":\"a\"}").expect("object").len() == 1);
        assert!(records("{oops").is_err());
    }
}

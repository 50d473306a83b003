//! Plain-text articles: one article a file.

use crate::clean::clean_text;
use crate::{Article, RejectReason};

/// Parses a plain-text file into its article, cleaned.
pub fn parse(source: &str, text: &str) -> Result<Article, RejectReason> {
    let c = clean_text(text);
    let title = c.title.ok_or(RejectReason::Empty)?;
    Ok(Article {
        id: String::new(),
        source: source.to_string(),
        n: 0,
        url: None,
        title,
        published: c.published,
        outlet: c.outlet,
        author: c.author,
        body: c.body,
        simhash: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_first_non_empty_line() {
        let a = parse("x.txt", "\n\n  Tiêu đề  \nDòng một\nDòng hai\n").expect("parse");
        assert_eq!(a.title, "Tiêu đề");
        assert_eq!(a.body, "Dòng một\n\nDòng hai");
    }

    #[test]
    fn blank_file_is_rejected() {
        assert_eq!(parse("x.txt", " \n\t\n"), Err(RejectReason::Empty));
    }
}

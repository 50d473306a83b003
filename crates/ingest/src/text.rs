//! Plain-text articles: one article a file, the first non-empty line its title.

use crate::{Article, RejectReason};

/// Parses a plain-text file into its article.
pub fn parse(source: &str, text: &str) -> Result<Vec<Article>, RejectReason> {
    let mut lines = text.lines();
    let title = lines
        .by_ref()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .ok_or(RejectReason::Empty)?
        .to_string();
    let body = lines.collect::<Vec<_>>().join("\n").trim().to_string();
    Ok(vec![Article {
        id: Article::make_id(source, 0),
        source: source.to_string(),
        url: None,
        title,
        published: None,
        outlet: None,
        author: None,
        body,
    }])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn title_is_first_non_empty_line() {
        let a = parse("x.txt", "\n\n  Tiêu đề  \nDòng một\nDòng hai\n").expect("parse");
        assert_eq!(a[0].title, "Tiêu đề");
        assert_eq!(a[0].body, "Dòng một\nDòng hai");
    }

    #[test]
    fn blank_file_is_rejected() {
        assert_eq!(parse("x.txt", " \n\t\n"), Err(RejectReason::Empty));
    }
}

//! Dates as sources write them, to ISO 8601.

/// Parses `2024-04-08T10:30:00+07:00`, `2024-04-08`, `2023-06`,
/// `08/04/2024`, `8-4-2024` or a Unix timestamp (seconds or milliseconds)
/// into `YYYY-MM-DD` (or `YYYY-MM`). Anything else gives `None`.
pub fn parse_date(s: &str) -> Option<String> {
    let s = s.trim();
    if !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && s.len() >= 9 {
        let mut secs: i64 = s.parse().ok()?;
        if s.len() >= 13 {
            secs /= 1000;
        }
        return Some(from_days(secs.div_euclid(86_400)));
    }
    let head: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '-' || *c == '/')
        .collect();
    let parts: Vec<&str> = head.split(['-', '/']).filter(|p| !p.is_empty()).collect();
    let nums: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    if nums.len() != parts.len() {
        return None;
    }
    let (y, m, d) = match (parts.first().map(|p| p.len()), nums.as_slice()) {
        (Some(4), [y, m, d, ..]) => (*y, *m, Some(*d)),
        (Some(4), [y, m]) => (*y, *m, None),
        (Some(1 | 2), [d, m, y]) if *y >= 1000 => (*y, *m, Some(*d)),
        _ => return None,
    };
    iso(y, m, d)
}

/// `YYYY-MM-DD` (or `YYYY-MM` without a day) for a plausible date.
pub(crate) fn iso(y: u32, m: u32, d: Option<u32>) -> Option<String> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    match d {
        Some(d) if (1..=31).contains(&d) => Some(format!("{y:04}-{m:02}-{d:02}")),
        Some(_) => None,
        None => Some(format!("{y:04}-{m:02}")),
    }
}

fn from_days(days: i64) -> String {
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(
            parse_date("2024-04-08T10:30:00+07:00").as_deref(),
            Some("2024-04-08")
        );
        assert_eq!(parse_date("2023-06").as_deref(), Some("2023-06"));
        assert_eq!(parse_date("08/04/2024").as_deref(), Some("2024-04-08"));
        assert_eq!(parse_date("8-4-2024 10:30").as_deref(), Some("2024-04-08"));
        assert_eq!(parse_date("1712534400").as_deref(), Some("2024-04-08"));
        assert_eq!(parse_date("1712534400000").as_deref(), Some("2024-04-08"));
        assert_eq!(parse_date("hôm qua"), None);
        assert_eq!(parse_date("2024-13-01"), None);
        assert_eq!(parse_date("11/12"), None);
    }
}

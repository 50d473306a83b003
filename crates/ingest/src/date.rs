//! Dates as sources write them, to ISO 8601, and [`Date`]: a calendar date
//! known to the day, the month or the year.

use std::fmt;
use std::str::FromStr;

/// A date known to the day (`2024-04-08`), the month (`2023-06`) or the
/// year (`2023`), as articles and filters give them. Ordered by its first
/// day, then by precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    first: time::Date,
    precision: Precision,
}

/// How much of a [`Date`] is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    /// Only the year.
    Year,
    /// Year and month.
    Month,
    /// Year, month and day.
    Day,
}

/// Why a text is not a [`Date`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a date: expected YYYY, YYYY-MM or YYYY-MM-DD (e.g. 2024, 2024-04, 2024-04-08)"
)]
pub struct DateError(pub String);

impl Date {
    /// A date from its parts; `None` when they name no day of the calendar
    /// (months 1–12, days of that month, years 1000–9999).
    pub fn new(year: i32, month: Option<u8>, day: Option<u8>) -> Option<Date> {
        if !(1000..=9999).contains(&year) || (month.is_none() && day.is_some()) {
            return None;
        }
        let m = time::Month::try_from(month.unwrap_or(1)).ok()?;
        let first = time::Date::from_calendar_date(year, m, day.unwrap_or(1)).ok()?;
        let precision = match (month, day) {
            (_, Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            (None, None) => Precision::Year,
        };
        Some(Date { first, precision })
    }

    /// The year.
    pub fn year(&self) -> i32 {
        self.first.year()
    }

    /// The month (1–12), when known.
    pub fn month(&self) -> Option<u8> {
        (self.precision >= Precision::Month).then(|| u8::from(self.first.month()))
    }

    /// The day of the month, when known.
    pub fn day(&self) -> Option<u8> {
        (self.precision == Precision::Day).then(|| self.first.day())
    }

    /// How much is known.
    pub fn precision(&self) -> Precision {
        self.precision
    }

    /// The first day of the period (`2023-06` → 2023-06-01).
    pub fn first_day(&self) -> time::Date {
        self.first
    }

    /// The last day of the period (`2023-06` → 2023-06-30).
    pub fn last_day(&self) -> time::Date {
        let next = match self.precision {
            Precision::Day => return self.first,
            Precision::Month => {
                let (y, m) = (self.first.year(), self.first.month());
                let y = if m == time::Month::December { y + 1 } else { y };
                time::Date::from_calendar_date(y, m.next(), 1)
            }
            Precision::Year => {
                time::Date::from_calendar_date(self.first.year() + 1, time::Month::January, 1)
            }
        };
        next.ok()
            .and_then(|d| d.previous_day())
            .unwrap_or(time::Date::MAX)
    }

    /// Seconds since 1970-01-01 at midnight UTC of the first day.
    pub fn unix_seconds(&self) -> i64 {
        self.first.midnight().assume_utc().unix_timestamp()
    }

    /// Seconds since 1970-01-01 at midnight UTC after the last day: the
    /// exclusive end of the period.
    pub fn end_unix_seconds(&self) -> i64 {
        self.last_day().midnight().assume_utc().unix_timestamp() + 86_400
    }
}

impl fmt::Display for Date {
    /// ISO 8601 at its precision: `2024-04-08`, `2023-06`, `2023`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year())?;
        if let Some(m) = self.month() {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day() {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl FromStr for Date {
    type Err = DateError;

    /// Reads `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    fn from_str(s: &str) -> Result<Date, DateError> {
        let err = || DateError(s.to_string());
        let mut parts = s.trim().split('-');
        let mut next = |len: usize| -> Result<Option<u32>, DateError> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == len && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| err())
                }
                Some(p) if len == 2 && p.len() == 1 && p.bytes().all(|b| b.is_ascii_digit()) => {
                    p.parse().map(Some).map_err(|_| err())
                }
                Some(_) => Err(err()),
            }
        };
        let y = next(4)?.ok_or_else(err)?;
        let m = next(2)?;
        let d = if m.is_some() { next(2)? } else { None };
        if parts.next().is_some() {
            return Err(err());
        }
        let small = |v: Option<u32>| v.map(|v| u8::try_from(v).map_err(|_| err())).transpose();
        Date::new(y as i32, small(m)?, small(d)?).ok_or_else(err)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Date, D::Error> {
        let s = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

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
    iso_before(y, m, d, today())
}

/// Today in Vietnam (UTC+7), as (year, month, day): the latest publication
/// date an article's text can give.
fn today() -> (u32, u32, u32) {
    let now = time::OffsetDateTime::now_utc() + time::Duration::hours(7);
    (
        u32::try_from(now.year()).unwrap_or(0),
        u32::from(u8::from(now.month())),
        u32::from(now.day()),
    )
}

/// A publication date read from article text as ISO text, when it is a
/// real calendar date and not after `today`: a date in the future is a
/// deadline or a plan (`đến ngày 21/6/2050`), not when the article appeared.
fn iso_before(y: u32, m: u32, d: Option<u32>, today: (u32, u32, u32)) -> Option<String> {
    if !(1900..=2100).contains(&y) || !(1..=12).contains(&m) {
        return None;
    }
    Date::new(
        i32::try_from(y).ok()?,
        u8::try_from(m).ok(),
        d.map(|d| u8::try_from(d).unwrap_or(0)),
    )?;
    let (ty, tm, td) = today;
    if (y, m, d.unwrap_or(1)) > (ty, tm, td) {
        return None;
    }
    match d {
        Some(d) => Some(format!("{y:04}-{m:02}-{d:02}")),
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
    fn text_dates_after_today_are_not_publication_dates() {
        let today = (2024, 6, 15);
        assert_eq!(iso_before(2050, 6, Some(21), today), None);
        assert_eq!(iso_before(2024, 6, Some(16), today), None);
        assert_eq!(iso_before(2024, 7, None, today), None);
        assert_eq!(
            iso_before(2024, 6, Some(15), today).as_deref(),
            Some("2024-06-15")
        );
        assert_eq!(iso_before(2024, 6, None, today).as_deref(), Some("2024-06"));
        assert_eq!(iso_before(2023, 2, Some(30), today), None, "no such day");
        assert!(iso(2050, 6, Some(21)).is_none());
    }

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

    #[test]
    fn typed_dates() {
        let d: Date = "2024-04-08".parse().expect("day");
        assert_eq!((d.year(), d.month(), d.day()), (2024, Some(4), Some(8)));
        assert_eq!(d.unix_seconds(), 1_712_534_400);
        assert_eq!(d.to_string(), "2024-04-08");
        let m: Date = "2023-06".parse().expect("month");
        assert_eq!(m.to_string(), "2023-06");
        assert_eq!(
            m.first_day(),
            "2023-06-01".parse::<Date>().expect("d").first_day()
        );
        assert_eq!(m.last_day().day(), 30);
        let y: Date = "2024".parse().expect("year");
        assert_eq!((y.month(), y.last_day().ordinal()), (None, 366));
        assert_eq!(
            "1970-01-01".parse::<Date>().map(|d| d.unix_seconds()),
            Ok(0)
        );
        for bad in [
            "2023-13",
            "x",
            "2024-02-30",
            "24-01-01",
            "2024-01-01-01",
            "",
            "2024-",
        ] {
            assert!(bad.parse::<Date>().is_err(), "{bad}");
        }
        assert!(m < y && y < d);
    }
}

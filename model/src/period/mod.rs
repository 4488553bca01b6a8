//! Periods: how councils write time, turned into sortable date ranges.
//!
//! A strategy talks about time in many ways: a year (`2024`), a financial year (`2024/25`),
//! a quarter (`2024-Q3`), a season (`Winter 2020`), a month (`March 2021`), a day
//! (`31 March 2024`), a range of any of these (`Winter 2018 - Spring 2019`), a range with no
//! end (`Summer 2019 - Ongoing`) or no fixed time at all (`Ongoing`). [`Period::parse`] turns
//! each of these into an inclusive span of [`Date`]s, keeping the text as written for display.
//!
//! All matching is case-insensitive and tolerant of extra whitespace. The parser is written by
//! hand, never panics, and does no I/O.
//!
//! # Forms
//!
//! | form | examples | span |
//! | --- | --- | --- |
//! | year | `2024` | 1 Jan 2024 to 31 Dec 2024 |
//! | financial year | `2024/25`, `2024-25`, `2024/2025`, `2024-2025` | 1 Apr 2024 to 31 Mar 2025 |
//! | quarter | `2024-Q3`, `2024 Q3`, `Q3 2024` | calendar quarters: Q1 Jan-Mar … Q4 Oct-Dec |
//! | season | `Spring 2020`, `Summer 2020`, `Autumn 2020` (or `Fall`), `Winter 2020` | Mar-May, Jun-Aug, Sep-Nov, Dec 2020-Feb 2021 |
//! | month | `March 2021`, `Mar 2021`, `Sept 2021`, `2021-03` | the whole month |
//! | date | `2024-03-31`, `31 March 2024`, `31st Mar 2024`, `31/03/2024` | that day |
//! | range | `Winter 2018 - Spring 2019`, `2020 to 2023`, `Sept - Dec 2018` | start of the first to end of the second |
//! | open range | `Summer 2019 - Ongoing`, `Summer 2019 onwards` | start of the first, no end |
//! | ongoing | `Ongoing` | no start, no end |
//!
//! Years must lie in 1900 to 2199. `Winter 2020/21` is also accepted for `Winter 2020`.
//!
//! # `YYYY-NN`: financial year or month?
//!
//! `2024-25` and `2024-03` look alike. The rule is:
//!
//! 1. if `NN` is the last two digits of the *following* year, it is a financial year
//!    (`2024-25` is 2024/25);
//! 2. otherwise, if `NN` is `01` to `12`, it is a month (`2024-03` is March 2024);
//! 3. otherwise it is an error (`2024-13`).
//!
//! So `2011-12` is the financial year 2011/12, not December 2011 (write `December 2011` or
//! `2011-12-01 - 2011-12-31` for that). With a slash, `2024/25` is always a financial year.
//! `NN` must be two digits. A four-digit second year (`2024-2025`) must be the next year:
//! `2020-2023` is an error, not a range; write `2020 to 2023` or `2020 - 2023` for a range.
//!
//! # Range separators
//!
//! A range is two periods joined by exactly one separator:
//!
//! * ` to ` (the word, with spaces either side);
//! * a hyphen with a space on at least one side (`2020 - 2023`, `Winter 2018- Spring 2019`);
//! * an en dash `–` or em dash `—`, spaced or not — except that a dash with a digit directly on
//!   both sides (`2024–25`) is read as a hyphen, as financial years are often typeset that way;
//! * an unspaced hyphen directly between two month or season names (`Sept-Dec 2018`).
//!
//! An unspaced hyphen is otherwise part of the period (`2024-25`, `2024-03-31`, `2024-Q3`).
//! If the first period has no year (`Sept - Dec 2018`, `Jan - March 2020`), it borrows the year
//! of the second, stepping back a year if that would put it after the second's start
//! (`Nov - Feb 2019` is November 2018 to February 2019).
//!
//! # Code
//!
//! [`Period`] and [`PeriodKind`] are here; calendar dates ([`Date`]) are in `date`, what a
//! parsed period means (its spans of dates and its labels) in `span`, and the parser, one form
//! at a time, in `parse`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod date;
mod parse;
mod span;

pub use date::{Date, DateError};
use parse::parse_shape;
use span::{Shape, range_label};

/// The forms a period may take, as listed in every [`PeriodError`] message.
pub const ACCEPTED_FORMS: &str = "2024; 2024/25 or 2024-25 (April to March); 2024-Q3 or Q3 2024; \
Spring 2020 (also Summer, Autumn, Winter); March 2021 or Mar 2021 or 2021-03; \
2024-03-31 or 31 March 2024; a range such as Winter 2018 - Spring 2019 or 2020 to 2023; \
Summer 2019 - Ongoing; Ongoing";

/// The earliest year a period may name.
const MIN_YEAR: i32 = 1900;
/// The latest year a period may name.
const MAX_YEAR: i32 = 2199;

/// Month names, for labels.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// What sort of period was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum PeriodKind {
    /// `2024`
    Year,
    /// `2024/25`: April to March.
    FinancialYear,
    /// `2024-Q3`: a calendar quarter.
    Quarter,
    /// `Spring 2020`
    Season,
    /// `March 2021`
    Month,
    /// `2024-03-31`: a single day.
    Date,
    /// `Winter 2018 - Spring 2019`
    Range,
    /// `Summer 2019 - Ongoing`: a start but no end.
    OpenRange,
    /// `Ongoing`: no start and no end.
    Ongoing,
}

/// A period of time as a council wrote it, with its inclusive span of dates.
///
/// Build one with [`Period::parse`] (or `str::parse`, or serde). Periods order by their span
/// ([`Period::sort_key`]), then by their text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Period {
    /// The text as written: trimmed, with runs of whitespace collapsed to one space.
    text: String,
    /// What the text means. Always the result of parsing `text`.
    shape: Shape,
}

impl Period {
    /// Parses a period written in any of the forms described in the [module docs](self).
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        match parse_shape(&text) {
            Ok(shape) => Ok(Period { text, shape }),
            Err(reason) => Err(PeriodError { text, reason }),
        }
    }

    /// The first day of the period (inclusive), or `None` if it has no start (`Ongoing`).
    pub fn start(&self) -> Option<Date> {
        match self.shape {
            Shape::Single(unit) | Shape::Range(unit, _) | Shape::OpenRange(unit) => {
                Some(unit.start())
            }
            Shape::Ongoing => None,
        }
    }

    /// The last day of the period (inclusive), or `None` if it has no end.
    pub fn end(&self) -> Option<Date> {
        match self.shape {
            Shape::Single(unit) | Shape::Range(_, unit) => Some(unit.end()),
            Shape::OpenRange(_) | Shape::Ongoing => None,
        }
    }

    /// What sort of period was written.
    pub fn kind(&self) -> PeriodKind {
        match self.shape {
            Shape::Single(unit) => unit.kind(),
            Shape::Range(..) => PeriodKind::Range,
            Shape::OpenRange(_) => PeriodKind::OpenRange,
            Shape::Ongoing => PeriodKind::Ongoing,
        }
    }

    /// The text as written: trimmed, with runs of whitespace collapsed to one space.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// A tidy, readable form in British English.
    ///
    /// `2024`, `2024/25`, `July to September 2024` (a quarter), `Spring 2020`,
    /// `Winter 2020/21`, `March 2021`, `31 March 2024`, `Winter 2018/19 to Spring 2019`,
    /// `September to December 2018`, `Q3 2024 to Q1 2025`, `Summer 2019 onwards`, `Ongoing`.
    /// Every label parses back to a period with the same span.
    pub fn label(&self) -> String {
        match self.shape {
            Shape::Single(unit) => unit.label(),
            Shape::Range(first, last) => range_label(first, last),
            Shape::OpenRange(first) => format!("{} onwards", first.short_label()),
            Shape::Ongoing => "Ongoing".to_owned(),
        }
    }

    /// Whether the period shares at least one day with `from..=to`.
    ///
    /// `None` on either side of the query, or an open end of the period, reaches forever in
    /// that direction.
    pub fn overlaps(&self, from: Option<Date>, to: Option<Date>) -> bool {
        let starts_in_time = match (self.start(), to) {
            (Some(start), Some(to)) => start <= to,
            _ => true,
        };
        let ends_in_time = match (self.end(), from) {
            (Some(end), Some(from)) => end >= from,
            _ => true,
        };
        starts_in_time && ends_in_time
    }

    /// `(start, end)` as days since 1970-01-01, with an open start as `i64::MIN` and an open
    /// end as `i64::MAX`: sorting by this puts earlier starts first, then earlier ends.
    pub fn sort_key(&self) -> (i64, i64) {
        (
            self.start().map_or(i64::MIN, Date::to_days),
            self.end().map_or(i64::MAX, Date::to_days),
        )
    }
}

impl Default for Period {
    /// `Ongoing`: no start and no end (the period that claims nothing).
    fn default() -> Period {
        Period {
            text: "Ongoing".to_owned(),
            shape: Shape::Ongoing,
        }
    }
}

impl Ord for Period {
    fn cmp(&self, other: &Self) -> Ordering {
        self.sort_key()
            .cmp(&other.sort_key())
            .then_with(|| self.text.cmp(&other.text))
    }
}

impl PartialOrd for Period {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl fmt::Display for Period {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl FromStr for Period {
    type Err = PeriodError;

    fn from_str(s: &str) -> Result<Period, PeriodError> {
        Period::parse(s)
    }
}

impl Serialize for Period {
    /// A period serialises as its text.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> Deserialize<'de> for Period {
    /// A period deserialises from a string, or from an integer (a bare YAML `2024`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Period, D::Error> {
        deserializer.deserialize_any(PeriodVisitor)
    }
}

/// The JSON Schema of a period (`hearth schema`): text in one of the accepted forms, or a bare
/// year. The forms are listed for editors; the loader checks the text itself.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Period {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Period".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::Period".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A period of time. Write it as a year (2024), a financial year, April to March (2024/25, 2024-25, 2024/2025), a quarter (2024-Q3, Q3 2024), a season (Spring 2020; Winter 2020 is December 2020 to February 2021), a month (March 2021, Mar 2021, 2021-03), a day (2024-03-31, 31 March 2024), a range (Winter 2018 - Spring 2019, 2020 to 2023), an open range (Summer 2019 - Ongoing) or Ongoing.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR, "description": "A calendar year, such as 2024." }
            ],
            "examples": ["2024", "2024/25", "2024-Q3", "Spring 2020", "March 2021", "2024-03-31", "Winter 2018 - Spring 2019", "Summer 2019 - Ongoing", "Ongoing"]
        })
    }
}

/// Accepts strings and integers; anything else is a type error.
struct PeriodVisitor;

impl Visitor<'_> for PeriodVisitor {
    type Value = Period;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a period such as 2024, 2024/25 or Spring 2020")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Period, E> {
        Period::parse(v).map_err(E::custom)
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Period, E> {
        self.visit_str(&v.to_string())
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Period, E> {
        self.visit_str(&v.to_string())
    }
}

/// Why some text is not a period.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PeriodError {
    /// The text that failed (trimmed, whitespace collapsed).
    pub text: String,
    /// What was wrong, in a short phrase such as `unknown season "Spring-ish"`.
    pub reason: String,
}

impl fmt::Display for PeriodError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a period I recognise ({}). Accepted forms: {ACCEPTED_FORMS}",
            self.text, self.reason
        )
    }
}

impl std::error::Error for PeriodError {}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn date(iso: &str) -> Date {
        iso.parse().unwrap()
    }

    fn period(text: &str) -> Period {
        Period::parse(text).unwrap_or_else(|e| panic!("{text:?} should parse: {e}"))
    }

    /// Asserts `text` parses to `start..=end` of `kind`.
    fn check(text: &str, start: &str, end: &str, kind: PeriodKind) {
        let p = period(text);
        assert_eq!(
            (p.start(), p.end(), p.kind()),
            (Some(date(start)), Some(date(end)), kind),
            "{text:?}"
        );
    }

    /// The reason `text` is rejected (panics if it parses).
    fn reason(text: &str) -> String {
        match Period::parse(text) {
            Ok(p) => panic!("{text:?} should not parse, but gave {p:?}"),
            Err(e) => e.reason,
        }
    }

    // --- Date ------------------------------------------------------------------------------

    #[test]
    fn date_new_validates_months_days_and_leap_years() {
        assert!(Date::new(2024, 2, 29).is_some());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(2023, 2, 29).is_none());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2024, 4, 31).is_none());
        assert!(Date::new(2024, 12, 31).is_some());
        assert!(Date::new(2024, 0, 1).is_none());
        assert!(Date::new(2024, 13, 1).is_none());
        assert!(Date::new(2024, 1, 0).is_none());
        assert_eq!(Date::last_day_of_month(2024, 2), 29);
        assert_eq!(Date::last_day_of_month(2100, 2), 28);
        assert_eq!(Date::last_day_of_month(2024, 9), 30);
        assert_eq!(Date::last_day_of_month(2024, 13), 0);
    }

    #[test]
    fn date_days_round_trip() {
        assert_eq!(date("1970-01-01").to_days(), 0);
        assert_eq!(Date::from_days(0), date("1970-01-01"));
        assert_eq!(date("2000-02-29").to_days(), 11_016);
        assert_eq!(Date::from_days(11_016), date("2000-02-29"));
        assert_eq!(date("1969-12-31").to_days(), -1);
        assert_eq!(date("1900-01-01").to_days(), -25_567);
        // Every day from about 770 BC to AD 4700 round trips, and each is the day after the
        // one before.
        let mut previous = Date::from_days(-1_000_001);
        for days in -1_000_000..=1_000_000 {
            let d = Date::from_days(days);
            assert_eq!(d.to_days(), days);
            assert!(Date::new(d.year, d.month, d.day).is_some(), "{d:?}");
            assert!(d > previous);
            previous = d;
        }
        // The extremes saturate instead of overflowing.
        assert_eq!(
            Date::from_days(i64::MIN),
            Date {
                year: i32::MIN,
                month: 1,
                day: 1
            }
        );
        assert_eq!(
            Date::from_days(i64::MAX),
            Date {
                year: i32::MAX,
                month: 12,
                day: 31
            }
        );
    }

    #[test]
    fn date_iso_text() {
        let d = Date::new(2024, 3, 31).unwrap();
        assert_eq!(d.iso(), "2024-03-31");
        assert_eq!(d.to_string(), "2024-03-31");
        assert_eq!(" 2024-03-31 ".parse::<Date>(), Ok(d));
        for bad in [
            "",
            "2024-3-31",
            "31/03/2024",
            "2024-02-30",
            "2024-13-01",
            "24-03-31",
            "x",
        ] {
            let err = bad.parse::<Date>().unwrap_err();
            assert!(err.to_string().contains("YYYY-MM-DD"), "{bad:?}");
        }
    }

    // --- Forms -----------------------------------------------------------------------------

    #[test]
    fn year() {
        check("2024", "2024-01-01", "2024-12-31", PeriodKind::Year);
        check("1900", "1900-01-01", "1900-12-31", PeriodKind::Year);
        check("2199", "2199-01-01", "2199-12-31", PeriodKind::Year);
        assert_eq!(reason("1899"), "the year 1899 is outside 1900 to 2199");
        assert_eq!(reason("2200"), "the year 2200 is outside 1900 to 2199");
        assert!(reason("202").contains("four digits"));
        assert!(reason("20245").contains("four digits"));
    }

    #[test]
    fn financial_year() {
        for text in [
            "2024/25",
            "2024-25",
            "2024/2025",
            "2024-2025",
            "2024–25",
            "2024—2025",
        ] {
            check(text, "2024-04-01", "2025-03-31", PeriodKind::FinancialYear);
        }
        check(
            "1999/00",
            "1999-04-01",
            "2000-03-31",
            PeriodKind::FinancialYear,
        );
        check(
            "1999/2000",
            "1999-04-01",
            "2000-03-31",
            PeriodKind::FinancialYear,
        );
    }

    #[test]
    fn quarter() {
        for text in [
            "2024-Q3", "2024 Q3", "Q3 2024", "q3 2024", "2024-q3", "Q3-2024",
        ] {
            check(text, "2024-07-01", "2024-09-30", PeriodKind::Quarter);
        }
        check("Q1 2024", "2024-01-01", "2024-03-31", PeriodKind::Quarter);
        check("Q2 2024", "2024-04-01", "2024-06-30", PeriodKind::Quarter);
        check("Q4 2024", "2024-10-01", "2024-12-31", PeriodKind::Quarter);
    }

    #[test]
    fn season() {
        check(
            "Spring 2020",
            "2020-03-01",
            "2020-05-31",
            PeriodKind::Season,
        );
        check(
            "Summer 2020",
            "2020-06-01",
            "2020-08-31",
            PeriodKind::Season,
        );
        check(
            "Autumn 2020",
            "2020-09-01",
            "2020-11-30",
            PeriodKind::Season,
        );
        check("Fall 2020", "2020-09-01", "2020-11-30", PeriodKind::Season);
        check(
            "Winter 2020",
            "2020-12-01",
            "2021-02-28",
            PeriodKind::Season,
        );
        check(
            "winter 2020/21",
            "2020-12-01",
            "2021-02-28",
            PeriodKind::Season,
        );
        check(
            "WINTER 2020-21",
            "2020-12-01",
            "2021-02-28",
            PeriodKind::Season,
        );
    }

    #[test]
    fn winter_is_leap_aware() {
        check(
            "Winter 2023",
            "2023-12-01",
            "2024-02-29",
            PeriodKind::Season,
        );
        check(
            "Winter 1999",
            "1999-12-01",
            "2000-02-29",
            PeriodKind::Season,
        );
        check(
            "Winter 2099",
            "2099-12-01",
            "2100-02-28",
            PeriodKind::Season,
        );
    }

    #[test]
    fn month() {
        for text in [
            "March 2021",
            "Mar 2021",
            "march 2021",
            "MAR 2021",
            "2021-03",
            "Mar. 2021",
        ] {
            check(text, "2021-03-01", "2021-03-31", PeriodKind::Month);
        }
        for text in ["Sept 2021", "Sep 2021", "September 2021", "sept. 2021"] {
            check(text, "2021-09-01", "2021-09-30", PeriodKind::Month);
        }
        check(
            "February 2024",
            "2024-02-01",
            "2024-02-29",
            PeriodKind::Month,
        );
        check("Feb 2023", "2023-02-01", "2023-02-28", PeriodKind::Month);
        check("May 2020", "2020-05-01", "2020-05-31", PeriodKind::Month);
        check("2020-12", "2020-12-01", "2020-12-31", PeriodKind::Month);
    }

    #[test]
    fn day() {
        for text in [
            "2024-03-31",
            "31 March 2024",
            "31 Mar 2024",
            "31st March 2024",
            "31ST march 2024",
            "31/03/2024",
        ] {
            check(text, "2024-03-31", "2024-03-31", PeriodKind::Date);
        }
        check("1/3/2024", "2024-03-01", "2024-03-01", PeriodKind::Date);
        check(
            "2nd Sept 2019",
            "2019-09-02",
            "2019-09-02",
            PeriodKind::Date,
        );
        check(
            "29 February 2024",
            "2024-02-29",
            "2024-02-29",
            PeriodKind::Date,
        );
        check("29/02/2000", "2000-02-29", "2000-02-29", PeriodKind::Date);
    }

    /// `YYYY-NN` is a financial year when NN is the next year, else a month, else an error.
    #[test]
    fn year_hyphen_two_digits_is_financial_year_or_month() {
        check(
            "2024-25",
            "2024-04-01",
            "2025-03-31",
            PeriodKind::FinancialYear,
        );
        check("2024-03", "2024-03-01", "2024-03-31", PeriodKind::Month);
        check("2024-12", "2024-12-01", "2024-12-31", PeriodKind::Month);
        // Where both readings fit, the financial year wins.
        check(
            "2011-12",
            "2011-04-01",
            "2012-03-31",
            PeriodKind::FinancialYear,
        );
        check(
            "2000-01",
            "2000-04-01",
            "2001-03-31",
            PeriodKind::FinancialYear,
        );
        check(
            "2099-00",
            "2099-04-01",
            "2100-03-31",
            PeriodKind::FinancialYear,
        );
        // A slash is always a financial year, so it must be the next year.
        check(
            "2011/12",
            "2011-04-01",
            "2012-03-31",
            PeriodKind::FinancialYear,
        );
        assert!(reason("2024/03").contains("consecutive years"));
        // Neither.
        assert_eq!(
            reason("2024-13"),
            "\"13\" is neither a month, 01 to 12, nor the end of the financial year 2024/25"
        );
        assert!(reason("2024-00").contains("neither a month"));
        assert!(reason("2024-3").contains("write months as 2024-03"));
        // Four digits must be the next year.
        let r = reason("2020-2023");
        assert!(
            r.contains("financial year must span consecutive years"),
            "{r}"
        );
        assert!(r.contains("write 2020 to 2023"), "{r}");
    }

    #[test]
    fn range() {
        let (a, b) = ("2018-12-01", "2019-05-31");
        for text in [
            "Winter 2018 - Spring 2019",
            "Winter 2018 – Spring 2019",
            "Winter 2018 — Spring 2019",
            "Winter 2018 to Spring 2019",
            "winter 2018 TO spring 2019",
            "Winter 2018- Spring 2019",
            "Winter 2018 -Spring 2019",
            "Winter 2018–Spring 2019",
            "  Winter   2018  -  Spring 2019 ",
        ] {
            check(text, a, b, PeriodKind::Range);
        }
        check(
            "Autumn 2019 –Spring 2020",
            "2019-09-01",
            "2020-05-31",
            PeriodKind::Range,
        );
        check(
            "2020 to 2023",
            "2020-01-01",
            "2023-12-31",
            PeriodKind::Range,
        );
        check("2020 - 2023", "2020-01-01", "2023-12-31", PeriodKind::Range);
        // An unspaced dash between digits is a hyphen, as in `2024–25`.
        assert!(reason("2020–2023").contains("consecutive years"));
        check("2020 – 2023", "2020-01-01", "2023-12-31", PeriodKind::Range);
        check(
            "Sept 2018 - Dec 2018",
            "2018-09-01",
            "2018-12-31",
            PeriodKind::Range,
        );
        check(
            "March 2020 - 2022",
            "2020-03-01",
            "2022-12-31",
            PeriodKind::Range,
        );
        check(
            "2019/20 - 2021/22",
            "2019-04-01",
            "2022-03-31",
            PeriodKind::Range,
        );
        check(
            "2024-Q3 - 2025-Q1",
            "2024-07-01",
            "2025-03-31",
            PeriodKind::Range,
        );
        check(
            "2024-03-31 to 2024-04-30",
            "2024-03-31",
            "2024-04-30",
            PeriodKind::Range,
        );
        check(
            "31/03/2024 - 30/04/2024",
            "2024-03-31",
            "2024-04-30",
            PeriodKind::Range,
        );
        check(
            "2021-03 - 2021-05",
            "2021-03-01",
            "2021-05-31",
            PeriodKind::Range,
        );
        check(
            "Sept-Dec 2018",
            "2018-09-01",
            "2018-12-31",
            PeriodKind::Range,
        );
        check(
            "Spring-Summer 2020",
            "2020-03-01",
            "2020-08-31",
            PeriodKind::Range,
        );
        // Ends may overlap; only an end before the start is rejected.
        check(
            "Spring 2020 - 2020",
            "2020-03-01",
            "2020-12-31",
            PeriodKind::Range,
        );
        check("2020 - 2020", "2020-01-01", "2020-12-31", PeriodKind::Range);
    }

    #[test]
    fn range_borrows_a_missing_year() {
        check(
            "Sept - Dec 2018",
            "2018-09-01",
            "2018-12-31",
            PeriodKind::Range,
        );
        check(
            "Jan - March 2020",
            "2020-01-01",
            "2020-03-31",
            PeriodKind::Range,
        );
        check(
            "1 March to 5 April 2024",
            "2024-03-01",
            "2024-04-05",
            PeriodKind::Range,
        );
        check(
            "Q1 - Q3 2024",
            "2024-01-01",
            "2024-09-30",
            PeriodKind::Range,
        );
        check(
            "Spring to Summer 2020",
            "2020-03-01",
            "2020-08-31",
            PeriodKind::Range,
        );
        // Stepping back a year when the borrowed one would start after the end starts.
        check(
            "Nov - Feb 2019",
            "2018-11-01",
            "2019-02-28",
            PeriodKind::Range,
        );
        check(
            "Winter - Spring 2019",
            "2018-12-01",
            "2019-05-31",
            PeriodKind::Range,
        );
        // A bad start still explains itself.
        assert_eq!(
            reason("Spring-ish - Summer 2020"),
            "unknown season \"Spring-ish\""
        );
        assert!(reason("31 Feb - 5 March 2024").contains("not a real date"));
    }

    #[test]
    fn open_range_and_ongoing() {
        for text in [
            "Summer 2019 - Ongoing",
            "Summer 2019 – ongoing",
            "Summer 2019 onwards",
        ] {
            let p = period(text);
            assert_eq!(p.kind(), PeriodKind::OpenRange, "{text}");
            assert_eq!(p.start(), Some(date("2019-06-01")), "{text}");
            assert_eq!(p.end(), None, "{text}");
        }
        for text in ["Ongoing", "ongoing", " ONGOING "] {
            let p = period(text);
            assert_eq!(
                (p.kind(), p.start(), p.end()),
                (PeriodKind::Ongoing, None, None)
            );
        }
        assert_eq!(Period::default(), period("Ongoing"));
    }

    #[test]
    fn rejections() {
        assert_eq!(reason(""), "it is empty");
        assert_eq!(reason("   "), "it is empty");
        assert!(reason("garbage").contains("\"garbage\" is not a year"));
        assert!(reason("the spring of 2020").contains("too many words"));
        assert!(reason("2024/27").contains("financial year must span consecutive years"));
        assert!(reason("2024/2026").contains("financial year must span consecutive years"));
        assert!(reason("2024/23").contains("financial year must span consecutive years"));
        assert_eq!(
            reason("Spring"),
            "\"Spring\" needs a year, such as Spring 2020"
        );
        assert_eq!(
            reason("march"),
            "\"march\" needs a year, such as March 2021"
        );
        assert_eq!(reason("Q3"), "\"Q3\" needs a year, such as Q3 2024");
        assert_eq!(
            reason("31 February 2024"),
            "31 February 2024 is not a real date, as February 2024 has 29 days"
        );
        assert!(reason("29/02/2023").contains("not a real date"));
        assert!(reason("2024-04-31").contains("not a real date"));
        assert_eq!(reason("2023 - 2021"), "the range ends before it starts");
        assert_eq!(
            reason("Spring 2020 - Winter 2019"),
            "the range ends before it starts"
        );
        assert_eq!(reason("13/13/2024"), "there is no month 13");
        assert_eq!(reason("Q5 2024"), "quarter \"Q5\" must be Q1, Q2, Q3 or Q4");
        assert_eq!(reason("2024-Q0"), "quarter \"Q0\" must be Q1, Q2, Q3 or Q4");
        assert!(reason("Q3 2024/25").contains("quarters of financial years are not supported"));
        assert_eq!(reason("Spring-ish 2020"), "unknown season \"Spring-ish\"");
        assert_eq!(reason("Marchh 2020"), "unknown month \"Marchh\"");
        assert_eq!(
            reason("Blah 2020"),
            "\"Blah\" is not a month, season or quarter"
        );
        assert!(reason("Spring 20").contains("four digits"));
        assert!(reason("Spring 2020/21").contains("falls within one year"));
        assert!(reason("March 31 2024").contains("day before the month"));
        assert!(reason("31 March").contains("needs a year"));
        assert_eq!(reason("- 2020"), "the range has no start");
        assert_eq!(reason("2020 -"), "the range has no end");
        assert_eq!(
            reason("Ongoing - 2020"),
            "a range cannot start with Ongoing"
        );
        assert!(reason("2020 - 2021 - 2022").contains("more than one range separator"));
        assert!(reason("2020 to 2021 to 2022").contains("more than one range separator"));
        assert_eq!(
            reason("2024 / 25"),
            "\"2024 / 25\" is not a year, financial year, quarter, season, month or date"
        );
        assert!(reason("2024.5").contains("is not a year"));
        assert!(reason("-2020").contains("is not a year"));
        assert!(reason("Ongoing onwards").contains("Ongoing can only"));
    }

    #[test]
    fn error_message_names_the_text_reason_and_accepted_forms() {
        let err = Period::parse("  Spring-ish   2020 ").unwrap_err();
        assert_eq!(err.text, "Spring-ish 2020");
        assert_eq!(
            err.to_string(),
            "\"Spring-ish 2020\" is not a period I recognise (unknown season \"Spring-ish\"). \
             Accepted forms: 2024; 2024/25 or 2024-25 (April to March); 2024-Q3 or Q3 2024; \
             Spring 2020 (also Summer, Autumn, Winter); March 2021 or Mar 2021 or 2021-03; \
             2024-03-31 or 31 March 2024; a range such as Winter 2018 - Spring 2019 or \
             2020 to 2023; Summer 2019 - Ongoing; Ongoing"
        );
        for text in ["", "garbage", "2024/27", "Q5 2024", "2023 - 2021"] {
            let message = Period::parse(text).unwrap_err().to_string();
            assert!(message.ends_with(ACCEPTED_FORMS), "{message}");
        }
        // Every example in the list parses.
        let examples = ACCEPTED_FORMS
            .replace(" (April to March)", "")
            .replace(" (also Summer, Autumn, Winter)", "")
            .replace("a range such as ", "");
        for part in examples.split("; ") {
            for example in part.split(" or ") {
                period(example);
            }
        }
    }

    #[test]
    fn text_is_trimmed_and_collapsed() {
        let p = period("  Winter\t2018 \n-   Spring 2019  ");
        assert_eq!(p.text(), "Winter 2018 - Spring 2019");
        assert_eq!(p.to_string(), "Winter 2018 - Spring 2019");
        assert_eq!("Mar 2021".parse::<Period>(), Ok(period("Mar 2021")));
        // A no-break space counts as whitespace.
        assert_eq!(period("March\u{a0}2021").text(), "March 2021");
    }

    #[test]
    fn labels() {
        let cases = [
            ("2024", "2024"),
            ("2024-25", "2024/25"),
            ("2024/2025", "2024/25"),
            ("1999/00", "1999/00"),
            ("2024-Q3", "July to September 2024"),
            ("q1 2024", "January to March 2024"),
            ("spring 2020", "Spring 2020"),
            ("Fall 2020", "Autumn 2020"),
            ("Winter 2020", "Winter 2020/21"),
            ("Winter 1999", "Winter 1999/00"),
            ("Mar 2021", "March 2021"),
            ("2021-03", "March 2021"),
            ("Sept 2021", "September 2021"),
            ("2024-03-31", "31 March 2024"),
            ("01/03/2024", "1 March 2024"),
            ("31st mar 2024", "31 March 2024"),
            ("Winter 2018 - Spring 2019", "Winter 2018/19 to Spring 2019"),
            ("2020-2021 to 2022/23", "2020/21 to 2022/23"),
            ("2020 - 2023", "2020 to 2023"),
            ("2020 - 2020", "2020"),
            ("Sept - Dec 2018", "September to December 2018"),
            ("Sept 2018 - Dec 2018", "September to December 2018"),
            ("Nov 2018 - Feb 2019", "November 2018 to February 2019"),
            ("2024-03-01 - 2024-04-05", "1 March to 5 April 2024"),
            ("Spring 2020 - Summer 2020", "Spring to Summer 2020"),
            ("2024-Q3 - 2025-Q1", "Q3 2024 to Q1 2025"),
            ("Q1 2024 - Q3 2024", "Q1 to Q3 2024"),
            ("March 2020 - 2022", "March 2020 to 2022"),
            ("Summer 2019 - Ongoing", "Summer 2019 onwards"),
            ("2024-Q3 - Ongoing", "Q3 2024 onwards"),
            ("ongoing", "Ongoing"),
        ];
        for (text, label) in cases {
            let p = period(text);
            assert_eq!(p.label(), label, "{text}");
            // Every label reads back as the same span.
            let again = period(&p.label());
            assert_eq!(
                (again.start(), again.end()),
                (p.start(), p.end()),
                "{label}"
            );
        }
    }

    #[test]
    fn ordering() {
        let shuffled = [
            "Spring 2024",
            "2024-03-31",
            "Ongoing",
            "Q1 2024",
            "2023/24",
            "March 2024",
            "Summer 2019 - Ongoing",
            "2024",
            "2024-Q1",
            "Winter 2023",
            "2020 to 2023",
        ];
        let mut periods: Vec<Period> = shuffled.iter().map(|t| period(t)).collect();
        periods.sort();
        let sorted: Vec<&str> = periods.iter().map(Period::text).collect();
        assert_eq!(
            sorted,
            [
                "Ongoing",               // open start sorts first
                "Summer 2019 - Ongoing", // 2019-06-01..
                "2020 to 2023",          // 2020-01-01..2023-12-31
                "2023/24",               // 2023-04-01..2024-03-31
                "Winter 2023",           // 2023-12-01..2024-02-29
                "2024-Q1",               // 2024-01-01..2024-03-31, then by text
                "Q1 2024",
                "2024",       // 2024-01-01..2024-12-31
                "March 2024", // 2024-03-01..2024-03-31
                "Spring 2024",
                "2024-03-31",
            ]
        );
        assert_eq!(period("Ongoing").sort_key(), (i64::MIN, i64::MAX));
        assert_eq!(period("2019 onwards").sort_key().1, i64::MAX);
        assert_eq!(period("1970").sort_key(), (0, 364));
        assert!(period("2024") < period("2025"));
        assert!(period("2024/25") > period("2024"));
    }

    #[test]
    fn overlaps() {
        let d = |s| Some(date(s));
        let p = period("2024/25"); // 2024-04-01..=2025-03-31
        assert!(p.overlaps(d("2024-01-01"), d("2024-12-31")));
        assert!(p.overlaps(d("2025-03-31"), d("2025-12-31"))); // touching the last day
        assert!(p.overlaps(d("2023-01-01"), d("2024-04-01"))); // touching the first day
        assert!(!p.overlaps(d("2025-04-01"), d("2025-12-31")));
        assert!(!p.overlaps(d("2023-01-01"), d("2024-03-31")));
        assert!(p.overlaps(None, d("2024-04-01")));
        assert!(!p.overlaps(None, d("2024-03-31")));
        assert!(p.overlaps(d("2025-03-31"), None));
        assert!(!p.overlaps(d("2025-04-01"), None));
        assert!(p.overlaps(None, None));

        let open = period("Summer 2019 - Ongoing");
        assert!(open.overlaps(d("2100-01-01"), d("2100-12-31")));
        assert!(!open.overlaps(d("2019-01-01"), d("2019-05-31")));
        assert!(open.overlaps(d("2019-01-01"), d("2019-06-01")));

        let ongoing = period("Ongoing");
        assert!(ongoing.overlaps(d("1900-01-01"), d("1900-01-01")));
        assert!(ongoing.overlaps(None, None));
    }

    #[test]
    fn never_panics() {
        // Every string of up to four characters from an alphabet of awkward pieces.
        let pieces = [
            "2", "0", "1", "-", "–", "/", " ", "q", "Q", "to", "a", "é", "İ", "31", "2024",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let mut longer = Vec::new();
            for text in &texts {
                for piece in pieces {
                    longer.push(format!("{text}{piece}"));
                }
            }
            texts.extend(longer);
        }
        texts.extend(
            [
                "99999999999999999999",
                "2024-99999999999999999999",
                "Q99999999999 2024",
                "99999999999st March 2024",
                "—",
                "-–—",
                " to ",
                "to",
                "Sept-",
                "-Dec",
                "March- 2020",
                "2024-Q3-Q4",
                "\u{0}",
                "ẞ 2024",
            ]
            .map(String::from),
        );
        for text in &texts {
            if let Ok(p) = Period::parse(text) {
                let _ = (p.label(), p.sort_key(), p.overlaps(None, None));
            }
        }
    }

    // --- serde -----------------------------------------------------------------------------

    #[derive(Debug, serde::Deserialize, serde::Serialize)]
    struct Doc {
        a: i32,
        b: Period,
    }

    #[test]
    fn deserialises_from_yaml_int_and_string() {
        let doc: Doc = serde_yaml::from_str("a: 1\nb: 2024\n").unwrap();
        assert_eq!(doc.b, period("2024"));
        assert_eq!(doc.b.kind(), PeriodKind::Year);
        for yaml in [
            "a: 1\nb: \"2024/25\"\n",
            "a: 1\nb: 2024/25\n",
            "a: 1\nb: '2024/25'\n",
        ] {
            let doc: Doc = serde_yaml::from_str(yaml).unwrap();
            assert_eq!(doc.b.kind(), PeriodKind::FinancialYear, "{yaml}");
        }
        let doc: Doc = serde_yaml::from_str("a: 1\nb: 2020-06-30\n").unwrap();
        assert_eq!(doc.b.kind(), PeriodKind::Date);
        let doc: Doc = serde_yaml::from_str("a: 1\nb: Summer 2019 - Ongoing\n").unwrap();
        assert_eq!(doc.b.kind(), PeriodKind::OpenRange);
    }

    #[test]
    fn serialises_as_text() {
        assert_eq!(
            serde_yaml::to_string(&period("2024/25")).unwrap(),
            "2024/25\n"
        );
        let doc = Doc {
            a: 1,
            b: period("  Winter  2018 - Spring 2019"),
        };
        let yaml = serde_yaml::to_string(&doc).unwrap();
        assert_eq!(yaml, "a: 1\nb: Winter 2018 - Spring 2019\n");
        // A year is written as a string, and reads back the same.
        let yaml = serde_yaml::to_string(&period("2024")).unwrap();
        let back: Period = serde_yaml::from_str(&yaml).unwrap();
        assert_eq!(back, period("2024"));
    }

    #[test]
    fn bad_yaml_period_reports_its_line() {
        let err = serde_yaml::from_str::<Doc>("a: 1\nb: Spring-ish 2020\n").unwrap_err();
        assert_eq!(err.location().unwrap().line(), 2);
        let message = err.to_string();
        assert!(
            message.contains("unknown season \"Spring-ish\""),
            "{message}"
        );
        assert!(message.contains("Accepted forms"), "{message}");

        // Only strings and integers are periods.
        for yaml in ["a: 1\nb: 2024.0\n", "a: 1\nb: true\n", "a: 1\nb: [2024]\n"] {
            let err = serde_yaml::from_str::<Doc>(yaml).unwrap_err();
            assert!(
                err.to_string().contains("expected a period"),
                "{yaml}: {err}"
            );
        }
        // An integer out of range is a period error, not a type error.
        let err = serde_yaml::from_str::<Doc>("a: 1\nb: 1850\n").unwrap_err();
        assert!(err.to_string().contains("outside 1900 to 2199"), "{err}");
        assert_eq!(err.location().unwrap().line(), 2);
    }
}

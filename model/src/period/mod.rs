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

use std::cmp::Ordering;
use std::fmt;
use std::ops::RangeInclusive;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

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

// ---------------------------------------------------------------------------------------------
// Date
// ---------------------------------------------------------------------------------------------

/// A civil (proleptic Gregorian) calendar date.
///
/// Fields are compared in order, so the derived ordering is chronological. The fields are
/// public; [`Date::new`] is the validating constructor.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The date, if it exists (month 1 to 12, day within the month, leap years respected).
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        (1..=Self::last_day_of_month(year, month))
            .contains(&day)
            .then_some(Date { year, month, day })
    }

    /// The number of days in `month` of `year` (28 to 31), or 0 if `month` is not 1 to 12.
    pub fn last_day_of_month(year: i32, month: u8) -> u8 {
        match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if is_leap_year(year) => 29,
            2 => 28,
            _ => 0,
        }
    }

    /// Days since 1970-01-01 (negative before it).
    ///
    /// Howard Hinnant's `days_from_civil`, in `i64` so no `i32` year can overflow.
    pub fn to_days(self) -> i64 {
        let month = i64::from(self.month);
        let day = i64::from(self.day);
        // Count years from March, so the leap day falls at the end of the counted year.
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year.rem_euclid(400); // 0..=399
        let shifted_month = if month > 2 { month - 3 } else { month + 9 }; // March = 0
        let day_of_year = (153 * shifted_month + 2) / 5 + day - 1; // 0..=365
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01 (the inverse of [`Date::to_days`]).
    ///
    /// Saturates at the first and last days of the `i32` year range rather than overflowing.
    pub fn from_days(days: i64) -> Date {
        let min = Date {
            year: i32::MIN,
            month: 1,
            day: 1,
        }
        .to_days();
        let max = Date {
            year: i32::MAX,
            month: 12,
            day: 31,
        }
        .to_days();
        // Howard Hinnant's `civil_from_days`, counting from 0000-03-01.
        let days = days.clamp(min, max) + 719_468;
        let era = days.div_euclid(146_097);
        let day_of_era = days.rem_euclid(146_097); // 0..=146_096
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let shifted_month = (5 * day_of_year + 2) / 153; // March = 0
        let day = day_of_year - (153 * shifted_month + 2) / 5 + 1; // 1..=31
        let month = if shifted_month < 10 {
            shifted_month + 3
        } else {
            shifted_month - 9
        };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            // The clamp above keeps the year within i32.
            year: i32::try_from(year).unwrap_or(if year < 0 { i32::MIN } else { i32::MAX }),
            month: u8::try_from(month).unwrap_or(1),
            day: u8::try_from(day).unwrap_or(1),
        }
    }

    /// The ISO 8601 form, `YYYY-MM-DD`.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Gregorian leap years: every fourth year, except centuries not divisible by 400.
fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

/// The error from parsing a [`Date`] that is not a real ISO `YYYY-MM-DD` date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateError {
    /// The text that failed to parse.
    pub text: String,
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "\"{}\" is not a date in the form YYYY-MM-DD, such as 2024-03-31",
            self.text
        )
    }
}

impl std::error::Error for DateError {}

impl FromStr for Date {
    type Err = DateError;

    /// Parses ISO `YYYY-MM-DD` only (surrounding whitespace is ignored).
    fn from_str(s: &str) -> Result<Date, DateError> {
        let text = s.trim();
        let parts: Vec<&str> = text.split('-').collect();
        let date = match parts.as_slice() {
            [y, m, d] => match (digits(y, 4..=4), digits(m, 2..=2), digits(d, 2..=2)) {
                (Some(y), Some(m), Some(d)) => {
                    // Four-digit years and two-digit months and days always fit.
                    let (y, m, d) = (
                        i32::try_from(y).ok(),
                        u8::try_from(m).ok(),
                        u8::try_from(d).ok(),
                    );
                    match (y, m, d) {
                        (Some(y), Some(m), Some(d)) => Date::new(y, m, d),
                        _ => None,
                    }
                }
                _ => None,
            },
            _ => None,
        };
        date.ok_or_else(|| DateError {
            text: text.to_owned(),
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Period
// ---------------------------------------------------------------------------------------------

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

/// The parsed meaning of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Shape {
    Single(Unit),
    Range(Unit, Unit),
    OpenRange(Unit),
    Ongoing,
}

/// A single named stretch of time. Years are within `MIN_YEAR..=MAX_YEAR` (the parser checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Unit {
    Year(i32),
    /// Named by the year it starts in: `FinancialYear(2024)` is 2024/25.
    FinancialYear(i32),
    /// A calendar quarter, 1 to 4.
    Quarter(i32, u8),
    /// Named by the year it starts in: `Season(2020, Winter)` is December 2020 to February 2021.
    Season(i32, Season),
    /// A month, 1 to 12.
    Month(i32, u8),
    Day(Date),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
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

// ---------------------------------------------------------------------------------------------
// Units: spans and labels
// ---------------------------------------------------------------------------------------------

impl Unit {
    fn kind(self) -> PeriodKind {
        match self {
            Unit::Year(_) => PeriodKind::Year,
            Unit::FinancialYear(_) => PeriodKind::FinancialYear,
            Unit::Quarter(..) => PeriodKind::Quarter,
            Unit::Season(..) => PeriodKind::Season,
            Unit::Month(..) => PeriodKind::Month,
            Unit::Day(_) => PeriodKind::Date,
        }
    }

    fn start(self) -> Date {
        match self {
            Unit::Year(year) => month_start(year, 1),
            Unit::FinancialYear(year) => month_start(year, 4),
            Unit::Quarter(year, quarter) => month_start(year, (3 * quarter).saturating_sub(2)),
            Unit::Season(year, season) => month_start(year, season.first_month()),
            Unit::Month(year, month) => month_start(year, month),
            Unit::Day(date) => date,
        }
    }

    fn end(self) -> Date {
        match self {
            Unit::Year(year) => month_end(year, 12),
            Unit::FinancialYear(year) => month_end(year.saturating_add(1), 3),
            Unit::Quarter(year, quarter) => month_end(year, 3 * quarter),
            Unit::Season(year, Season::Winter) => month_end(year.saturating_add(1), 2),
            Unit::Season(year, season) => month_end(year, season.first_month() + 2),
            Unit::Month(year, month) => month_end(year, month),
            Unit::Day(date) => date,
        }
    }

    /// The label when the unit stands alone.
    fn label(self) -> String {
        match self {
            Unit::Year(year) => year.to_string(),
            Unit::FinancialYear(year) => financial_year_label(year),
            Unit::Quarter(year, quarter) => format!(
                "{} to {} {year}",
                month_name((3 * quarter).saturating_sub(2)),
                month_name(3 * quarter)
            ),
            Unit::Season(year, Season::Winter) => format!("Winter {}", financial_year_label(year)),
            Unit::Season(year, season) => format!("{} {year}", season.name()),
            Unit::Month(year, month) => format!("{} {year}", month_name(month)),
            Unit::Day(date) => format!("{} {} {}", date.day, month_name(date.month), date.year),
        }
    }

    /// The label as one end of a range, where "July to September 2024" would muddle the "to".
    fn short_label(self) -> String {
        match self {
            Unit::Quarter(year, quarter) => format!("Q{quarter} {year}"),
            _ => self.label(),
        }
    }

    /// The short label split into its words without the year, and the year, for the forms
    /// where a range can share one year (`September to December 2018`).
    fn without_year(self) -> Option<(String, i32)> {
        match self {
            Unit::Quarter(year, quarter) => Some((format!("Q{quarter}"), year)),
            Unit::Season(_, Season::Winter) => None,
            Unit::Season(year, season) => Some((season.name().to_owned(), year)),
            Unit::Month(year, month) => Some((month_name(month).to_owned(), year)),
            Unit::Day(date) => Some((
                format!("{} {}", date.day, month_name(date.month)),
                date.year,
            )),
            Unit::Year(_) | Unit::FinancialYear(_) => None,
        }
    }
}

/// `first to last`, sharing the year when both ends are the same sort of thing in one year.
fn range_label(first: Unit, last: Unit) -> String {
    if first == last {
        return first.label();
    }
    if first.kind() == last.kind()
        && let (Some((first_words, first_year)), Some((last_words, last_year))) =
            (first.without_year(), last.without_year())
        && first_year == last_year
    {
        return format!("{first_words} to {last_words} {last_year}");
    }
    format!("{} to {}", first.short_label(), last.short_label())
}

/// `2024/25`.
fn financial_year_label(year: i32) -> String {
    format!("{year}/{:02}", year.saturating_add(1).rem_euclid(100))
}

/// The first day of a month. Callers pass a month in 1..=12.
fn month_start(year: i32, month: u8) -> Date {
    Date {
        year,
        month,
        day: 1,
    }
}

/// The last day of a month. Callers pass a month in 1..=12.
fn month_end(year: i32, month: u8) -> Date {
    Date {
        year,
        month,
        day: Date::last_day_of_month(year, month),
    }
}

/// "January" for 1; "?" for anything outside 1..=12 (which the parser never produces).
fn month_name(month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|index| MONTH_NAMES.get(index))
        .copied()
        .unwrap_or("?")
}

impl Season {
    fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Season::Spring => "Spring",
            Season::Summer => "Summer",
            Season::Autumn => "Autumn",
            Season::Winter => "Winter",
        }
    }

    /// `spring`, `summer`, `autumn` or `fall`, `winter`, in any case.
    fn from_word(word: &str) -> Option<Season> {
        match word.to_lowercase().as_str() {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "autumn" | "fall" => Some(Season::Autumn),
            "winter" => Some(Season::Winter),
            _ => None,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Parsing
// ---------------------------------------------------------------------------------------------
//
// Each function returns `Err(reason)`, a short phrase that `Period::parse` wraps in a
// `PeriodError` with the whole text.

/// Parses whitespace-normalised text: `Ongoing`, `<unit> onwards`, a range, or one unit.
fn parse_shape(text: &str) -> Result<Shape, String> {
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    if text.eq_ignore_ascii_case("ongoing") {
        return Ok(Shape::Ongoing);
    }
    if let Some(first) = strip_suffix_ignore_ascii_case(text, " onwards") {
        return parse_unit(first).map(Shape::OpenRange);
    }
    match separators(text).as_slice() {
        [] => parse_unit(text).map(Shape::Single),
        [(sep_start, sep_end)] => {
            let first = text.get(..*sep_start).unwrap_or_default().trim();
            let last = text.get(*sep_end..).unwrap_or_default().trim();
            parse_range(first, last)
        }
        _ => Err(
            "it has more than one range separator, but a range has one start and one end"
                .to_owned(),
        ),
    }
}

/// Parses the two sides of a range.
fn parse_range(first: &str, last: &str) -> Result<Shape, String> {
    if first.is_empty() {
        return Err("the range has no start".to_owned());
    }
    if last.is_empty() {
        return Err("the range has no end".to_owned());
    }
    if first.eq_ignore_ascii_case("ongoing") {
        return Err("a range cannot start with Ongoing".to_owned());
    }
    if last.eq_ignore_ascii_case("ongoing") {
        return parse_unit(first).map(Shape::OpenRange);
    }
    let last = parse_unit(last)?;
    let first = match parse_unit(first) {
        Ok(unit) => unit,
        // `Sept - Dec 2018`: the first part may take its year from the second.
        Err(_) if !has_four_digits(first) => borrow_year(first, last)?,
        Err(reason) => return Err(reason),
    };
    if last.end() < first.start() {
        return Err("the range ends before it starts".to_owned());
    }
    Ok(Shape::Range(first, last))
}

/// Reads a year-less `first` (`Sept`, `31 March`, `Q3`, `Winter`) in the year that `last`
/// starts in, or the year before if that would put `first` after the start of `last`.
fn borrow_year(first: &str, last: Unit) -> Result<Unit, String> {
    let year = last.start().year;
    let guess = parse_unit(&format!("{first} {year}"))?;
    if guess.start() > last.start()
        && let Ok(earlier) = parse_unit(&format!("{first} {}", year.saturating_sub(1)))
    {
        return Ok(earlier);
    }
    Ok(guess)
}

/// Byte ranges of the range separators in `text` (see the module docs for the rules).
fn separators(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |k: Option<usize>| k.and_then(|k| chars.get(k)).map(|&(_, c)| c);
    let mut found = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = char_at(k.checked_sub(1));
        let next = char_at(k.checked_add(1));
        let after = at + c.len_utf8();
        let spaced = prev == Some(' ') || next == Some(' ');
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let end = match c {
            '–' | '—' if !(digit(prev) && digit(next)) => Some(after),
            '-' if spaced || joins_names(text, at, after) => Some(after),
            ' ' if text
                .get(at..at + 4)
                .is_some_and(|word| word.eq_ignore_ascii_case(" to ")) =>
            {
                Some(at + 4)
            }
            _ => None,
        };
        if let Some(end) = end {
            found.push((at, end));
        }
    }
    found
}

/// Whether the hyphen at `at..after` sits directly between two month or season names
/// (`Sept-Dec`), so it can only mean a range.
fn joins_names(text: &str, at: usize, after: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let before = before
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let behind = text.get(after..).unwrap_or_default();
    let behind = behind
        .split(|c: char| !c.is_alphabetic())
        .next()
        .unwrap_or_default();
    let is_name = |w: &str| month_from_word(w).is_some() || Season::from_word(w).is_some();
    is_name(before) && is_name(behind)
}

/// Parses one unit (not a range): one to three words.
fn parse_unit(text: &str) -> Result<Unit, String> {
    // Only dashes with a digit either side reach here (`2024–25`): read them as hyphens.
    let text = text.replace(['–', '—'], "-");
    let words: Vec<&str> = text.split(' ').collect();
    match words.as_slice() {
        [word] => parse_one_word(word),
        [first, second] => parse_two_words(first, second),
        [first, second, third] => parse_three_words(first, second, third),
        _ => Err("too many words for one period".to_owned()),
    }
}

/// `2024`, `2024/25`, `31/03/2024`, `2024-25`, `2024-03`, `2024-Q3`, `2024-03-31`.
fn parse_one_word(word: &str) -> Result<Unit, String> {
    let slashed: Vec<&str> = word.split('/').collect();
    let hyphened: Vec<&str> = word.split('-').collect();
    match (slashed.as_slice(), hyphened.as_slice()) {
        ([_], [_]) => parse_bare_word(word),
        ([first, second], [_]) => financial_year(first, second),
        ([day, month, year], [_]) => uk_date(day, month, year),
        ([_], [first, second]) => year_hyphen(first, second),
        ([_], [year, month, day]) => iso_date(year, month, day),
        _ => Err(not_a_period(word)),
    }
}

/// A word with no `/` or `-`: a year, or a name that lacks its year.
fn parse_bare_word(word: &str) -> Result<Unit, String> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        return parse_year(word).map(Unit::Year);
    }
    if let Some(quarter) = parse_quarter(word) {
        quarter?;
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2024",
            word.to_ascii_uppercase()
        ));
    }
    if let Some(season) = Season::from_word(word) {
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2020",
            season.name()
        ));
    }
    if let Some(month) = month_from_word(word) {
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2021",
            month_name(month)
        ));
    }
    if word.eq_ignore_ascii_case("ongoing") {
        return Err("Ongoing can only stand alone or end a range".to_owned());
    }
    Err(not_a_period(word))
}

/// `2024/25` or `2024/2025`: the second year must follow the first.
fn financial_year(first: &str, second: &str) -> Result<Unit, String> {
    let year = parse_year(first)?;
    let next = year + 1;
    let consecutive = match second.len() {
        2 => digits(second, 2..=2).map(|n| i64::from(n) == i64::from(next % 100)),
        4 => digits(second, 4..=4).map(|n| i64::from(n) == i64::from(next)),
        _ => None,
    };
    match consecutive {
        Some(true) => Ok(Unit::FinancialYear(year)),
        Some(false) => {
            let mut reason = format!(
                "a financial year must span consecutive years, such as {}",
                financial_year_label(year)
            );
            if let Some(later) = digits(second, 4..=4).filter(|&n| i64::from(n) > i64::from(next)) {
                reason.push_str(&format!("; for several years write {year} to {later}"));
            }
            Err(reason)
        }
        None => Err(format!(
            "\"{second}\" is not the end of a financial year; write {} or {year}/{next}",
            financial_year_label(year)
        )),
    }
}

/// `2024-25` (financial year), `2024-2025` (financial year), `2024-03` (month), `2024-Q3` or
/// `Q3-2024` (quarter). See the module docs for the `YYYY-NN` rule.
fn year_hyphen(first: &str, second: &str) -> Result<Unit, String> {
    if let Some(quarter) = parse_quarter(second) {
        let year = parse_year(first)?;
        return Ok(Unit::Quarter(year, quarter?));
    }
    if let Some(quarter) = parse_quarter(first) {
        let year = parse_year(second)?;
        return Ok(Unit::Quarter(year, quarter?));
    }
    if second.len() == 4 {
        return financial_year(first, second);
    }
    let year = parse_year(first)?;
    let Some(number) = digits(second, 2..=2) else {
        return Err(format!(
            "\"{first}-{second}\" is not a month or financial year; write months as {year}-03 \
             and financial years as {year}-{:02}",
            (year + 1) % 100
        ));
    };
    if i64::from(number) == i64::from((year + 1) % 100) {
        Ok(Unit::FinancialYear(year))
    } else if let Some(month) = u8::try_from(number).ok().filter(|m| (1..=12).contains(m)) {
        Ok(Unit::Month(year, month))
    } else {
        Err(format!(
            "\"{second}\" is neither a month, 01 to 12, nor the end of the financial year {}",
            financial_year_label(year)
        ))
    }
}

/// `2024-03-31`: strictly four, two and two digits.
fn iso_date(year: &str, month: &str, day: &str) -> Result<Unit, String> {
    match (
        digits(year, 4..=4),
        digits(month, 2..=2),
        digits(day, 2..=2),
    ) {
        (Some(_), Some(month), Some(day)) => make_date(parse_year(year)?, month, day),
        _ => Err(format!(
            "\"{year}-{month}-{day}\" is not a date; write dates as 2024-03-31"
        )),
    }
}

/// `31/03/2024` or `1/3/2024`: day, month, year (the UK order).
fn uk_date(day: &str, month: &str, year: &str) -> Result<Unit, String> {
    match (
        digits(day, 1..=2),
        digits(month, 1..=2),
        digits(year, 4..=4),
    ) {
        (Some(day), Some(month), Some(_)) => make_date(parse_year(year)?, month, day),
        _ => Err(format!(
            "\"{day}/{month}/{year}\" is not a date; write dates as 31/03/2024, day first"
        )),
    }
}

/// `Spring 2020`, `Winter 2020/21`, `March 2021`, `Q3 2024`, `2024 Q3`.
fn parse_two_words(first: &str, second: &str) -> Result<Unit, String> {
    if let Some(quarter) = parse_quarter(first) {
        let quarter = quarter?;
        if second.contains(['/', '-']) {
            return Err(format!(
                "quarters of financial years are not supported; write the calendar quarter, \
                 such as Q{quarter} 2024"
            ));
        }
        return Ok(Unit::Quarter(parse_year(second)?, quarter));
    }
    if let Some(quarter) = parse_quarter(second) {
        let year = parse_year(first)?;
        return Ok(Unit::Quarter(year, quarter?));
    }
    if let Some(season) = Season::from_word(first) {
        // `Winter 2020/21` (or 2020-21) names both years of a winter.
        if let Ok(Unit::FinancialYear(year)) = parse_one_word(second) {
            return if season == Season::Winter {
                Ok(Unit::Season(year, season))
            } else {
                Err(format!(
                    "{} falls within one year, so write {} {year}",
                    season.name(),
                    season.name()
                ))
            };
        }
        return Ok(Unit::Season(parse_year(second)?, season));
    }
    if let Some(month) = month_from_word(first) {
        return Ok(Unit::Month(parse_year(second)?, month));
    }
    if parse_day(first).is_some() && month_from_word(second).is_some() {
        return Err(format!(
            "\"{first} {second}\" needs a year, such as {first} {second} 2024"
        ));
    }
    if !second.is_empty() && second.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unknown_word(first));
    }
    Err(not_a_period(&format!("{first} {second}")))
}

/// `31 March 2024`, `31st Mar 2024`.
fn parse_three_words(first: &str, second: &str, third: &str) -> Result<Unit, String> {
    if let (Some(day), Some(month)) = (parse_day(first), month_from_word(second)) {
        return make_date(parse_year(third)?, u32::from(month), u32::from(day));
    }
    if month_from_word(first).is_some() && parse_day(second).is_some() {
        return Err("write the day before the month, such as 31 March 2024".to_owned());
    }
    if parse_day(first).is_some() && !third.is_empty() && third.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(unknown_word(second));
    }
    Err(not_a_period(&format!("{first} {second} {third}")))
}

/// A day that exists, or the reason it does not.
fn make_date(year: i32, month: u32, day: u32) -> Result<Unit, String> {
    let Some(month) = u8::try_from(month).ok().filter(|m| (1..=12).contains(m)) else {
        return Err(format!("there is no month {month}"));
    };
    u8::try_from(day)
        .ok()
        .and_then(|day| Date::new(year, month, day))
        .map(Unit::Day)
        .ok_or_else(|| {
            format!(
                "{day} {name} {year} is not a real date, as {name} {year} has {} days",
                Date::last_day_of_month(year, month),
                name = month_name(month)
            )
        })
}

/// A four-digit year within `MIN_YEAR..=MAX_YEAR`.
fn parse_year(word: &str) -> Result<i32, String> {
    let Some(year) = digits(word, 4..=4).and_then(|n| i32::try_from(n).ok()) else {
        return Err(format!(
            "\"{word}\" is not a year; years have four digits, such as 2024"
        ));
    };
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "the year {year} is outside {MIN_YEAR} to {MAX_YEAR}"
        ))
    }
}

/// `None` if `word` is not shaped like a quarter (`Q` and digits); otherwise the quarter 1 to
/// 4, or why it is not one (`Q5`).
fn parse_quarter(word: &str) -> Option<Result<u8, String>> {
    let number = digits(word.strip_prefix(['q', 'Q'])?, 1..=2)?;
    Some(match u8::try_from(number) {
        Ok(quarter @ 1..=4) => Ok(quarter),
        _ => Err(format!("quarter \"{word}\" must be Q1, Q2, Q3 or Q4")),
    })
}

/// `31`, `31st`, `1st`, `2nd`, `3rd`, `4th` (the number is checked later, with the month).
fn parse_day(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let lower = lower.strip_suffix(',').unwrap_or(&lower);
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(*suffix))
        .unwrap_or(lower);
    digits(number, 1..=2).and_then(|n| u8::try_from(n).ok())
}

/// A month from its name or three-letter abbreviation (or `Sept`), in any case, allowing a
/// trailing `.` or `,` (`Sept.`, `March,`).
fn month_from_word(word: &str) -> Option<u8> {
    let word = word.strip_suffix(['.', ',']).unwrap_or(word).to_lowercase();
    if word == "sept" {
        return Some(9);
    }
    MONTH_NAMES.iter().zip(1..).find_map(|(name, number)| {
        let name = name.to_lowercase();
        let matches = word == name || (word.len() == 3 && name.starts_with(&word));
        matches.then_some(number)
    })
}

/// The value of `word` if it is all ASCII digits, with a length in `lengths` (at most 9).
fn digits(word: &str, lengths: RangeInclusive<usize>) -> Option<u32> {
    if lengths.contains(&word.len()) && word.len() <= 9 && word.bytes().all(|b| b.is_ascii_digit())
    {
        word.parse().ok()
    } else {
        None
    }
}

/// Whether `text` contains a run of exactly four ASCII digits (a year, written out).
fn has_four_digits(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// `text` without `suffix`, compared ignoring ASCII case.
fn strip_suffix_ignore_ascii_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    text.get(cut..)
        .filter(|tail| tail.eq_ignore_ascii_case(suffix))
        .and_then(|_| text.get(..cut))
}

/// The reason for a word that looks like a month or season name followed by a year.
fn unknown_word(word: &str) -> String {
    let lower = word.to_lowercase();
    let seasons = ["spring", "summer", "autumn", "fall", "winter"];
    if seasons.iter().any(|season| lower.starts_with(season)) {
        format!("unknown season \"{word}\"")
    } else if MONTH_NAMES
        .iter()
        .any(|name| lower.starts_with(&name.to_lowercase().chars().take(3).collect::<String>()))
    {
        format!("unknown month \"{word}\"")
    } else {
        format!("\"{word}\" is not a month, season or quarter")
    }
}

/// The reason for text that matches no form at all.
fn not_a_period(text: &str) -> String {
    format!("\"{text}\" is not a year, financial year, quarter, season, month or date")
}

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

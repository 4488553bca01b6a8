//! Periods: how councils write time, turned into sortable date ranges.
//!
//! A strategy talks about time in many ways: a year (`2024`), a financial year (`2024/25`),
//! a quarter (`2024-Q3`), a season (`Winter 2020`), a month (`March 2021`), a day
//! (`31 March 2024`), a part of a year (`late 2023`), the end of a stretch (`end of 2025`), a
//! deadline (`By end of April 2015`), a range of any of these (`Winter 2018 - Spring 2019`,
//! `2012-14`), a range with no end (`Summer 2019 - Ongoing`) or no fixed time at all
//! (`Ongoing`). [`Period::parse`] turns each of these into an inclusive span of [`Date`]s,
//! keeping the text as written for display.
//!
//! All matching is case-insensitive and tolerant of extra whitespace, and a full stop at the
//! end is ignored (`Ongoing.`). The parser is written by hand, never panics, and does no I/O.
//!
//! # Forms
//!
//! | form | examples | span |
//! | --- | --- | --- |
//! | year | `2024` | 1 Jan 2024 to 31 Dec 2024 |
//! | financial year | `2024/25`, `2024/2025`, `2024/5`, `2024-25`*, `2024-2025`* | 1 Apr 2024 to 31 Mar 2025 |
//! | quarter | `2024-Q3`, `2024 Q3`, `Q3 2024` | calendar quarters: Q1 Jan-Mar … Q4 Oct-Dec |
//! | season | `Spring 2020`, `Summer 2020`, `summer of 2020`, `Autumn 2020` (or `Fall`), `Winter 2020` | Mar-May, Jun-Aug, Sep-Nov, Dec 2020-Feb 2021 |
//! | month | `March 2021`, `Mar 2021`, `Sept 2021`, `March of 2021`, `2021-03`, `Mar-2021`, `Mar-21`* | the whole month |
//! | part of a year | `Early 2024`*, `Mid 2024`* (or `mid-2024`), `Late 2024`* | Jan-Apr, May-Aug, Sep-Dec (thirds of the year) |
//! | date | `2024-03-31`, `31 March 2024`, `31st Mar 2024`, `31/03/2024`, `31.03.2024`, `31.03.24`*, `31/03/24`* | that day |
//! | end of | `End of January 2014`, `end of 2025`, `the end of 2024/25`, `end of Q3 2024` | the last day of the month, year, financial year, quarter or season |
//! | deadline | `By end of April 2015`, `By 31 March 2025` | that day (`By March 2025` is refused: its start or its end?) |
//! | range | `Winter 2018 - Spring 2019`, `2020 to 2023`, `Sept - Dec 2018`, `2024 to end of 2025` | start of the first to end of the second |
//! | several years as one | `2010-2015`, `2014–2016`, `2012-14`* | the calendar years 2010 to 2015, 2014 to 2016, 2012 to 2014 |
//! | several financial years as one | `2020/24`*, `2025/30`*, `2020/2024`* | the financial years 2020/21 to 2023/24 (1 Apr 2020 to 31 Mar 2024), 2025/26 to 2029/30 |
//! | open range | `Summer 2019 - Ongoing`, `Summer 2019 onwards` | start of the first, no end |
//! | ongoing | `Ongoing`, `Ongoing.` | no start, no end |
//!
//! Years must lie in 1900 to 2199. `Winter 2020/21` is also accepted for `Winter 2020`.
//!
//! Forms marked * can be read more than one way. They are accepted with a [`PeriodNote`]
//! ([`Period::notes`]) saying how they were read, which `hearth check` shows as a warning at
//! the field: `2024-25` and `2024-2025` could be two calendar years (and `2011-12` December
//! 2011); `2009-11` (November 2009) could be the years 2009 to 2011; `2012-14` could be
//! financial years; `2020/24` could be calendar years; a two-digit year (`Mar-21`, `31.03.24`)
//! is 1970 to 1999 for `70` to `99` and 2000 to 2069 for `00` to `69`, and `09.12.24` is read
//! day first (9 December 2024); `late 2023` is read as its last third, September to December
//! 2023 (`early` the first third, `mid` the middle). Forms that are clear (`2024/25`,
//! `2024-03`, `31/03/2024`, `2010-2015`) have no note.
//!
//! # `YYYY-NN`: financial year, month or years?
//!
//! `2024-25`, `2024-03` and `2012-14` look alike. The rule is:
//!
//! 1. if `NN` is the last two digits of the *following* year, it is a financial year
//!    (`2024-25` is 2024/25);
//! 2. otherwise, if `NN` is `01` to `12`, it is a month (`2024-03` is March 2024);
//! 3. otherwise, if `NN` is later in the same century, it is a range of calendar years
//!    (`2012-14` is 2012 to 2014);
//! 4. otherwise it is an error (`2024-13`).
//!
//! So `2011-12` is the financial year 2011/12, not December 2011 (write `December 2011` or
//! `2011-12-01 - 2011-12-31` for that). With a slash, `2024/25` is always a financial year and
//! `2020/24` the financial years 2020/21 to 2023/24. `NN` must be two digits (or, after a
//! slash, one: `2024/5`). A four-digit second year (`2024-2025`) is a financial year when it is
//! the next year and a range of years when it is later (`2010-2015`). Several years written as
//! one word cannot be one end of a range (`2012-14 to 2016` is an error).
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
//! An unspaced hyphen is otherwise part of the period (`2024-25`, `2024-03-31`, `2024-Q3`,
//! `Aug-12`, `mid-2024`). If the first period has no year (`Sept - Dec 2018`,
//! `Jan - March 2020`), it borrows the year of the second, stepping back a year if that would
//! put it after the second's start (`Nov - Feb 2019` is November 2018 to February 2019).
//!
//! # In a sentence
//!
//! [`Period::phrase`] gives a label with the word that brings it into a sentence, chosen by
//! what the sentence says ([`Preposition`]): a figure is `at 31 March 2024` but `in 2024/25`
//! and `for 2020 to 2023`; a deadline is `by March 2025`. Pages and summaries use it wherever a
//! label follows a preposition, so no page says `in 31 March 2024`.
//!
//! # Code
//!
//! [`Period`] and [`PeriodKind`] are here; calendar dates ([`Date`]) are in `date`, what a
//! parsed period means (its spans of dates, its labels and phrases) in `span`, the parser, one
//! form at a time, and the notes on ambiguous forms in `parse`, and [`periods_in`] (every
//! period in a serialisable value, with its field path) in `find`.

use std::cmp::Ordering;
use std::fmt;
use std::str::FromStr;

use serde::de::{self, Visitor};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

mod date;
mod find;
mod parse;
mod span;

pub use date::{Date, DateError};
pub use find::periods_in;
use parse::parse_shape;
use span::{Shape, mid_sentence, range_label};

/// The forms a period may take, as listed in every [`PeriodError`] message.
pub const ACCEPTED_FORMS: &str = "2024; 2024/25 (April to March); 2024-Q3 or Q3 2024; \
Spring 2020 (also Summer, Autumn, Winter); March 2021 or Mar 2021 or 2021-03; \
2024-03-31 or 31 March 2024 or 31/03/2024 or 31.03.2024; Late 2023 (also Early, Mid); \
End of March 2025 or By end of March 2025; a range such as Winter 2018 - Spring 2019 or \
2020 to 2023 or 2020-2023; 2020/24 (financial years); Summer 2019 - Ongoing; Ongoing";

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
    /// `Late 2023`: a third of a calendar year (also `Early`, `Mid`).
    PartOfYear,
    /// `By end of April 2015`, `By 31 March 2025`: a deadline, one day.
    Deadline,
}

/// The word that brings a period into a sentence, chosen by what the sentence says of it
/// ([`Period::phrase`]). A day is a point in time, so a figure is `at 31 March 2024`, never
/// `in 31 March 2024`; a range is `for 2020 to 2023`, never `in 2020 to 2023`.
///
/// | | day | month | year, season, financial year, part of a year | quarter | range | open range |
/// | --- | --- | --- | --- | --- | --- | --- |
/// | `At` (a figure then) | at 31 March 2024 | in March 2024 | in 2024/25 | in July to September 2024 | for 2020 to 2023 | from Summer 2019 onwards |
/// | `On` (something done then) | on 31 March 2024 | in March 2024 | in 2024/25 | in July to September 2024 | from 2020 to 2023 | from Summer 2019 onwards |
/// | `By` (a deadline) | by 31 March 2024 | by March 2024 | by 2024/25 | in July to September 2024 | for 2020 to 2023 | from Summer 2019 onwards |
/// | `For` (what a figure is for) | at 31 March 2024 | for March 2024 | for 2024/25 | for July to September 2024 | for 2020 to 2023 | from Summer 2019 onwards |
/// | `AsAt` (a snapshot) | as at 31 March 2024 | as at March 2024 | for 2024/25 | for July to September 2024 | for 2020 to 2023 | from Summer 2019 onwards |
///
/// The end of a stretch reads like a day (`at the end of March 2025`, `by the end of March
/// 2025`), a deadline always as `by 30 April 2015` or `by the end of April 2015`, and
/// `Ongoing` has no phrase: the sentence leaves the time out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Preposition {
    /// A figure or state at that time: `48 at 31 March 2024`, `48 in 2024/25`.
    At,
    /// Something done then: `tested on 31 March 2024`, `tested in March 2024`.
    On,
    /// A deadline: `by 31 March 2024`, `by March 2025`.
    By,
    /// What a figure or target is for: `the target for 2024/25`, `the target at 31 March 2024`.
    For,
    /// A snapshot: `as at 31 March 2024`, `as at April 2021`, `for 2024/25`.
    AsAt,
}

/// How a form that can be read more than one way was read. [`Period::notes`] lists them and
/// `hearth check` shows each as a warning at the field, without failing the build.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct PeriodNote {
    /// What was understood: ``read `2024-2025` as the financial year April 2024 to March 2025``.
    pub message: String,
    /// How to write it so it cannot be misread, and how to write the other reading:
    /// ``write `2024/25` to say so, or `2024 to 2025` for the two calendar years``.
    pub hint: String,
}

impl fmt::Display for PeriodNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}; {}", self.message, self.hint)
    }
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
    /// How its ambiguous parts were read (also from parsing `text`).
    notes: Vec<PeriodNote>,
}

impl Period {
    /// Parses a period written in any of the forms described in the [module docs](self).
    pub fn parse(text: &str) -> Result<Period, PeriodError> {
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut notes = Vec::new();
        match parse_shape(&text, &mut notes) {
            Ok(shape) => Ok(Period { text, shape, notes }),
            Err(reason) => Err(PeriodError { text, reason }),
        }
    }

    /// How the parts of the text that can be read more than one way were read (`2024-25`,
    /// `2011-12`, `2012-14`, `31.12.14`, `Aug-12`, `late 2023`, `2020/24`): empty for a form
    /// that is clear, such as `2024/25`.
    pub fn notes(&self) -> &[PeriodNote] {
        &self.notes
    }

    /// The first day of the period (inclusive), or `None` if it has no start (`Ongoing`).
    pub fn start(&self) -> Option<Date> {
        match self.shape {
            Shape::Single(unit)
            | Shape::Range(unit, _)
            | Shape::OpenRange(unit)
            | Shape::By(unit) => Some(unit.start()),
            Shape::Ongoing => None,
        }
    }

    /// The last day of the period (inclusive), or `None` if it has no end.
    pub fn end(&self) -> Option<Date> {
        match self.shape {
            Shape::Single(unit) | Shape::Range(_, unit) | Shape::By(unit) => Some(unit.end()),
            Shape::OpenRange(_) | Shape::Ongoing => None,
        }
    }

    /// What sort of period was written.
    pub fn kind(&self) -> PeriodKind {
        match self.shape {
            Shape::Single(unit) => unit.kind(),
            Shape::Range(..) => PeriodKind::Range,
            Shape::OpenRange(_) => PeriodKind::OpenRange,
            Shape::By(_) => PeriodKind::Deadline,
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
    /// `September to December 2018`, `Q3 2024 to Q1 2025`, `Summer 2019 onwards`, `Ongoing`,
    /// `Late 2023`, `End of January 2014`, `By end of April 2015`, `2012 to 2014`.
    /// Every label parses back to a period with the same span.
    pub fn label(&self) -> String {
        match self.shape {
            Shape::Single(unit) => unit.label(),
            Shape::Range(first, last) => range_label(first, last),
            Shape::OpenRange(first) => format!("{} onwards", first.short_label()),
            Shape::By(unit) => format!("By {}", mid_sentence(&unit.label())),
            Shape::Ongoing => "Ongoing".to_owned(),
        }
    }

    /// The label with the word that brings it into a sentence, chosen by what the sentence
    /// says (see [`Preposition`]): `at 31 March 2024`, `in 2024/25`, `for 2020 to 2023`,
    /// `by the end of April 2015`. `None` for `Ongoing`, which a sentence leaves out.
    pub fn phrase(&self, preposition: Preposition) -> Option<String> {
        match self.shape {
            Shape::Single(unit) => Some(unit.phrase(preposition)),
            Shape::Range(first, last) if first == last => Some(first.phrase(preposition)),
            Shape::Range(..) => {
                let word = match preposition {
                    Preposition::On => "from",
                    _ => "for",
                };
                Some(format!("{word} {}", mid_sentence(&self.label())))
            }
            Shape::OpenRange(first) => Some(format!("from {} onwards", first.short_words())),
            Shape::By(unit) => Some(format!("by {}", unit.words())),
            Shape::Ongoing => None,
        }
    }

    /// [`Period::phrase`] with a space before it, or nothing for `Ongoing`: for sentences
    /// such as `format!("{value}{}", p.spaced_phrase(Preposition::At))`, which read "48 at 31
    /// March 2024" or, for `Ongoing`, just "48".
    pub fn spaced_phrase(&self, preposition: Preposition) -> String {
        self.phrase(preposition)
            .map(|phrase| format!(" {phrase}"))
            .unwrap_or_default()
    }

    /// The time from this period to a `later` one, for a sentence: `from 2019/20 to 2022/23`,
    /// `from 31 March 2020 to 31 March 2021`; a range contributes its first or last part
    /// (`from 2020 to 2023` for `2020 to 2021` and `2022 to 2023`). An open end reads `from
    /// Summer 2019 onwards`, an open start `up to 2024`; `None` if neither has an end to name.
    pub fn from_to(&self, later: &Period) -> Option<String> {
        let from = match self.shape {
            Shape::Single(unit) | Shape::Range(unit, _) | Shape::OpenRange(unit) => {
                Some(unit.short_words())
            }
            Shape::By(unit) => Some(unit.words()),
            Shape::Ongoing => None,
        };
        let to = match later.shape {
            Shape::Single(unit) | Shape::Range(_, unit) | Shape::By(unit) => {
                Some(unit.short_words())
            }
            Shape::OpenRange(_) | Shape::Ongoing => None,
        };
        match (from, to) {
            (Some(from), Some(to)) => Some(format!("from {from} to {to}")),
            (Some(from), None) => Some(format!("from {from} onwards")),
            (None, Some(to)) => Some(format!("up to {to}")),
            (None, None) => None,
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
            notes: Vec::new(),
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
    /// A period serialises as its text, wrapped in a newtype struct that JSON, YAML, CSV and
    /// templates see through and [`periods_in`] recognises.
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_newtype_struct(find::MARKER, &self.text)
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
            "description": "A period of time. Write it as a year (2024), a financial year, April to March (2024/25, 2024/2025, 2024/5; 2024-25 and 2024-2025 are read as financial years, with a warning), a quarter (2024-Q3, Q3 2024), a season (Spring 2020, summer of 2020; Winter 2020 is December 2020 to February 2021), a month (March 2021, Mar 2021, 2021-03), a part of a year (Early, Mid or Late 2023: thirds of the year), a day (2024-03-31, 31 March 2024, 31/03/2024, 31.03.2024), the end of a stretch (End of January 2014, end of 2025), a deadline (By end of April 2015, By 31 March 2025), a range (Winter 2018 - Spring 2019, 2020 to 2023, 2010-2015; 2020/24 is the financial years 2020/21 to 2023/24), an open range (Summer 2019 - Ongoing) or Ongoing. Two-digit years (31.12.14, Aug-12) are accepted with a warning.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR, "description": "A calendar year, such as 2024." }
            ],
            "examples": ["2024", "2024/25", "2024-Q3", "Spring 2020", "March 2021", "2024-03-31", "Late 2023", "End of March 2025", "By end of April 2015", "Winter 2018 - Spring 2019", "2020 to 2023", "Summer 2019 - Ongoing", "Ongoing"]
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
        // Four digits after the next year are a range of years; before it, an error.
        check("2020-2023", "2020-01-01", "2023-12-31", PeriodKind::Range);
        let r = reason("2023-2021");
        assert!(
            r.contains("financial year must span consecutive years"),
            "{r}"
        );
        // As one end of a range, several years are an error (alone they are a range).
        let r = reason("2020-2023 to 2025");
        assert!(r.contains("write 2020 to 2023"), "{r}");
        assert_eq!(
            reason("2012-14 to 2016"),
            "\"2012-14\" names several years, so it cannot be one end of a range"
        );
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
        // An unspaced dash between digits is a hyphen, as in `2024–25`: `2020–2023` is the
        // years 2020 to 2023, written as one word.
        check("2020–2023", "2020-01-01", "2023-12-31", PeriodKind::Range);
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
        assert!(reason("2024/23").contains("financial year must span consecutive years"));
        assert!(reason("2024/2023").contains("financial year must span consecutive years"));
        assert!(reason("2024/6").contains("such as 2024/25"));
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
             Accepted forms: 2024; 2024/25 (April to March); 2024-Q3 or Q3 2024; \
             Spring 2020 (also Summer, Autumn, Winter); March 2021 or Mar 2021 or 2021-03; \
             2024-03-31 or 31 March 2024 or 31/03/2024 or 31.03.2024; Late 2023 (also Early, \
             Mid); End of March 2025 or By end of March 2025; a range such as Winter 2018 - \
             Spring 2019 or 2020 to 2023 or 2020-2023; 2020/24 (financial years); \
             Summer 2019 - Ongoing; Ongoing"
        );
        for text in ["", "garbage", "2024/23", "Q5 2024", "2023 - 2021"] {
            let message = Period::parse(text).unwrap_err().to_string();
            assert!(message.ends_with(ACCEPTED_FORMS), "{message}");
        }
        // Every example in the list parses.
        let examples = ACCEPTED_FORMS
            .replace(" (April to March)", "")
            .replace(" (also Summer, Autumn, Winter)", "")
            .replace(" (also Early, Mid)", "")
            .replace(" (financial years)", "")
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

    /// Asserts `text` parses to `start..=end` of `kind` with `label`, and that the label reads
    /// back as the same span.
    fn check_labelled(text: &str, start: &str, end: &str, kind: PeriodKind, label: &str) {
        check(text, start, end, kind);
        let p = period(text);
        assert_eq!(p.label(), label, "{text}");
        let again = period(label);
        assert_eq!(
            (again.start(), again.end()),
            (p.start(), p.end()),
            "{label}"
        );
    }

    /// The notes of `text`, each as `message; hint`.
    fn notes(text: &str) -> Vec<String> {
        period(text).notes().iter().map(|n| n.to_string()).collect()
    }

    // --- Forms as council documents write them ------------------------------------------------

    #[test]
    fn several_years_written_as_one() {
        use PeriodKind::Range;
        check_labelled("2012-14", "2012-01-01", "2014-12-31", Range, "2012 to 2014");
        check_labelled(
            "2010-2015",
            "2010-01-01",
            "2015-12-31",
            Range,
            "2010 to 2015",
        );
        check_labelled(
            "2014-2016",
            "2014-01-01",
            "2016-12-31",
            Range,
            "2014 to 2016",
        );
        check_labelled(
            "2014–2016",
            "2014-01-01",
            "2016-12-31",
            Range,
            "2014 to 2016",
        );
        check_labelled("2024-30", "2024-01-01", "2030-12-31", Range, "2024 to 2030");
        // Financial years with a slash: 2020/21 to 2023/24.
        check_labelled(
            "2020/24",
            "2020-04-01",
            "2024-03-31",
            Range,
            "2020/21 to 2023/24",
        );
        check_labelled(
            "2025/30",
            "2025-04-01",
            "2030-03-31",
            Range,
            "2025/26 to 2029/30",
        );
        check_labelled(
            "2020/2024",
            "2020-04-01",
            "2024-03-31",
            Range,
            "2020/21 to 2023/24",
        );
        // Two digits: notes; four digits with a hyphen: clear.
        assert_eq!(
            notes("2012-14"),
            [
                "read `2012-14` as the years 2012 to 2014; write `2012 to 2014` to say so, or \
              `2012/13 to 2013/14` for financial years"
            ]
        );
        assert_eq!(
            notes("2020/24"),
            [
                "read `2020/24` as the financial years 2020/21 to 2023/24 (April 2020 to March \
              2024); write `2020/21 to 2023/24` to say so, or `2020 to 2024` for calendar years"
            ]
        );
        assert_eq!(notes("2025/30").len(), 1);
        assert!(notes("2010-2015").is_empty());
        assert!(notes("2014-2016").is_empty());
        // Still a financial year, or a month, as before.
        check(
            "2024-25",
            "2024-04-01",
            "2025-03-31",
            PeriodKind::FinancialYear,
        );
        check(
            "2024-2025",
            "2024-04-01",
            "2025-03-31",
            PeriodKind::FinancialYear,
        );
        check(
            "2011-12",
            "2011-04-01",
            "2012-03-31",
            PeriodKind::FinancialYear,
        );
        check("2009-11", "2009-11-01", "2009-11-30", PeriodKind::Month);
        check("2024-03", "2024-03-01", "2024-03-31", PeriodKind::Month);
    }

    #[test]
    fn financial_year_with_one_digit() {
        check_labelled(
            "2024/5",
            "2024-04-01",
            "2025-03-31",
            PeriodKind::FinancialYear,
            "2024/25",
        );
        check_labelled(
            "2029/0",
            "2029-04-01",
            "2030-03-31",
            PeriodKind::FinancialYear,
            "2029/30",
        );
        assert!(notes("2024/5").is_empty());
        assert!(reason("2024/7").contains("such as 2024/25"));
    }

    #[test]
    fn ambiguous_forms_say_how_they_were_read() {
        assert_eq!(
            notes("2024-2025"),
            [
                "read `2024-2025` as the financial year April 2024 to March 2025; write `2024/25` \
              to say so, or `2024 to 2025` for the two calendar years"
            ]
        );
        assert_eq!(
            notes("2024-25"),
            [
                "read `2024-25` as the financial year April 2024 to March 2025; write `2024/25` \
              to say so, or `2024 to 2025` for the two calendar years"
            ]
        );
        assert_eq!(
            notes("2011-12"),
            [
                "read `2011-12` as the financial year April 2011 to March 2012; write `2011/12` \
              to say so, `December 2011` for the month, or `2011 to 2012` for the two calendar \
              years"
            ]
        );
        assert_eq!(
            notes("2024–25"),
            [
                "read `2024–25` as the financial year April 2024 to March 2025; write `2024/25` \
              to say so, or `2024 to 2025` for the two calendar years"
            ]
        );
        assert_eq!(
            notes("2009-11"),
            [
                "read `2009-11` as November 2009; write `November 2009` to say so, or `2009 to \
              2011` for the years"
            ]
        );
        assert_eq!(
            notes("Aug-12"),
            ["read `Aug-12` as August 2012; write the year in full, as in `August 2012`"]
        );
        assert_eq!(
            notes("31.12.14"),
            [
                "read `31.12.14` as 31 December 2014 (day, month, year); write the year in full, \
              as in `31 December 2014`"
            ]
        );
        assert_eq!(
            notes("09.12.24"),
            [
                "read `09.12.24` as 9 December 2024 (day, month, year); write the year in full, as \
              in `9 December 2024`"
            ]
        );
        assert_eq!(
            notes("late 2023"),
            [
                "read `late 2023` as September to December 2023 (the last third of the year); \
              write a season, quarter or month, such as `Q4 2023`, for a shorter time"
            ]
        );
        // A range says how each ambiguous end was read.
        assert_eq!(notes("2019-20 to 2021-22").len(), 2);
        assert_eq!(notes("Aug-12 - Dec-12").len(), 2);
        assert_eq!(notes("end of 2024-25").len(), 1);
        // Clear forms: no note.
        for text in [
            "2024",
            "2024/25",
            "2024/2025",
            "2011/12",
            "2024-03",
            "2021-03",
            "2024-Q3",
            "Spring 2020",
            "Winter 2020-21",
            "March 2021",
            "Aug-2012",
            "2024-03-31",
            "31 March 2024",
            "31/03/2024",
            "12.12.2024",
            "End of January 2014",
            "By end of April 2015",
            "summer of 2024",
            "Winter 2018 - Spring 2019",
            "2020 to 2023",
            "Summer 2019 - Ongoing",
            "Ongoing.",
        ] {
            assert!(period(text).notes().is_empty(), "{text}: {:?}", notes(text));
        }
    }

    #[test]
    fn months_and_days_as_spreadsheets_write_them() {
        check_labelled(
            "Aug-12",
            "2012-08-01",
            "2012-08-31",
            PeriodKind::Month,
            "August 2012",
        );
        check_labelled(
            "sept-98",
            "1998-09-01",
            "1998-09-30",
            PeriodKind::Month,
            "September 1998",
        );
        check_labelled(
            "Aug-2012",
            "2012-08-01",
            "2012-08-31",
            PeriodKind::Month,
            "August 2012",
        );
        check_labelled(
            "31.12.14",
            "2014-12-31",
            "2014-12-31",
            PeriodKind::Date,
            "31 December 2014",
        );
        check_labelled(
            "09.12.24",
            "2024-12-09",
            "2024-12-09",
            PeriodKind::Date,
            "9 December 2024",
        );
        check_labelled(
            "12.12.2024",
            "2024-12-12",
            "2024-12-12",
            PeriodKind::Date,
            "12 December 2024",
        );
        check_labelled(
            "1.3.24",
            "2024-03-01",
            "2024-03-01",
            PeriodKind::Date,
            "1 March 2024",
        );
        check_labelled(
            "31/12/14",
            "2014-12-31",
            "2014-12-31",
            PeriodKind::Date,
            "31 December 2014",
        );
        // Two-digit years: 70 to 99 are the 1900s, 00 to 69 the 2000s.
        check("31.12.70", "1970-12-31", "1970-12-31", PeriodKind::Date);
        check("31.12.69", "2069-12-31", "2069-12-31", PeriodKind::Date);
        check(
            "31.03.24 - 30.06.24",
            "2024-03-31",
            "2024-06-30",
            PeriodKind::Range,
        );
    }

    #[test]
    fn ends_and_deadlines() {
        check_labelled(
            "End of January 2014",
            "2014-01-31",
            "2014-01-31",
            PeriodKind::Date,
            "End of January 2014",
        );
        check_labelled(
            "end of 2025",
            "2025-12-31",
            "2025-12-31",
            PeriodKind::Date,
            "End of 2025",
        );
        check_labelled(
            "the end of 2024/25",
            "2025-03-31",
            "2025-03-31",
            PeriodKind::Date,
            "End of 2024/25",
        );
        check_labelled(
            "End of Q3 2024",
            "2024-09-30",
            "2024-09-30",
            PeriodKind::Date,
            "End of Q3 2024",
        );
        check_labelled(
            "end of Winter 2023",
            "2024-02-29",
            "2024-02-29",
            PeriodKind::Date,
            "End of Winter 2023/24",
        );
        check_labelled(
            "By end of April 2015",
            "2015-04-30",
            "2015-04-30",
            PeriodKind::Deadline,
            "By end of April 2015",
        );
        check_labelled(
            "by the end of February 2024",
            "2024-02-29",
            "2024-02-29",
            PeriodKind::Deadline,
            "By end of February 2024",
        );
        check_labelled(
            "By 31 March 2025",
            "2025-03-31",
            "2025-03-31",
            PeriodKind::Deadline,
            "By 31 March 2025",
        );
        // As ends of ranges.
        check_labelled(
            "2024 to end of 2025",
            "2024-01-01",
            "2025-12-31",
            PeriodKind::Range,
            "2024 to end of 2025",
        );
        let open = period("End of March 2024 - Ongoing");
        assert_eq!(
            (open.kind(), open.start(), open.end()),
            (PeriodKind::OpenRange, Some(date("2024-03-31")), None)
        );
        assert_eq!(open.label(), "End of March 2024 onwards");
        assert_eq!(period(&open.label()).start(), open.start());
        // `By March 2025` could mean its first day or its last.
        assert_eq!(
            reason("By March 2025"),
            "\"by March 2025\" could mean its start or its end; write By end of March 2025 or \
             By 31 March 2025"
        );
        assert_eq!(
            reason("by 2025"),
            "\"by 2025\" could mean its start or its end; write By end of 2025 or By 31 \
             December 2025"
        );
        assert_eq!(
            reason("By late 2025"),
            "\"by\" needs a day or \"end of\", such as By 31 December 2025"
        );
        assert!(reason("end of 31 March 2024").contains("\"end of\" needs a year"));
        assert!(reason("end of end of 2024").contains("\"end of\" needs a year"));
        assert!(reason("end of").contains("is not a year"));
        assert!(reason("By end of Spring-ish 2020").contains("unknown season"));
    }

    #[test]
    fn parts_of_a_year_and_seasons_of() {
        use PeriodKind::PartOfYear;
        check_labelled(
            "late 2023",
            "2023-09-01",
            "2023-12-31",
            PartOfYear,
            "Late 2023",
        );
        check_labelled(
            "Late-2023",
            "2023-09-01",
            "2023-12-31",
            PartOfYear,
            "Late 2023",
        );
        check_labelled(
            "mid 2024",
            "2024-05-01",
            "2024-08-31",
            PartOfYear,
            "Mid 2024",
        );
        check_labelled(
            "mid-2024",
            "2024-05-01",
            "2024-08-31",
            PartOfYear,
            "Mid 2024",
        );
        check_labelled(
            "Early 2024",
            "2024-01-01",
            "2024-04-30",
            PartOfYear,
            "Early 2024",
        );
        check_labelled(
            "summer of 2024",
            "2024-06-01",
            "2024-08-31",
            PeriodKind::Season,
            "Summer 2024",
        );
        check_labelled(
            "Winter of 2023",
            "2023-12-01",
            "2024-02-29",
            PeriodKind::Season,
            "Winter 2023/24",
        );
        check_labelled(
            "March of 2021",
            "2021-03-01",
            "2021-03-31",
            PeriodKind::Month,
            "March 2021",
        );
        check_labelled(
            "late 2023 to mid 2024",
            "2023-09-01",
            "2024-08-31",
            PeriodKind::Range,
            "Late 2023 to mid 2024",
        );
        assert_eq!(reason("late"), "\"late\" needs a year, such as Late 2023");
        assert!(reason("late 23").contains("four digits"));
        assert!(reason("late of 2023").contains("is not a year"));
    }

    #[test]
    fn a_full_stop_at_the_end_is_ignored() {
        for (text, kind) in [
            ("Ongoing.", PeriodKind::Ongoing),
            ("2024/25.", PeriodKind::FinancialYear),
            ("31 March 2024.", PeriodKind::Date),
            ("Summer 2019 onwards.", PeriodKind::OpenRange),
            ("Sept 2021.", PeriodKind::Month),
        ] {
            let p = period(text);
            assert_eq!(p.kind(), kind, "{text}");
            assert_eq!(p.text(), text, "the text is kept as written");
        }
        assert_eq!(period("Ongoing.").label(), "Ongoing");
        assert_eq!(reason("."), "it is empty");
        assert!(reason("2024..").contains("is not a year"));
    }

    #[test]
    fn refusals_that_stay_refusals() {
        assert!(reason("2024-13").contains("neither a month"));
        assert!(reason("2024-00").contains("neither a month"));
        assert!(reason("32.01.2024").contains("32 January 2024 is not a real date"));
        assert!(reason("31.04.2024").contains("not a real date"));
        assert!(reason("29.02.23").contains("29 February 2023 is not a real date"));
        assert_eq!(reason("31.13.14"), "there is no month 13");
        assert!(reason("31.12.014").contains("is not a date; write dates as 31.03.2024"));
        assert!(reason("2024.03.31").contains("is not a date"));
        assert!(reason("Aug-123").contains("four digits"));
        assert!(reason("Aug-1899").contains("outside 1900 to 2199"));
        assert!(reason("2190-2250").contains("outside 1900 to 2199"));
        assert!(reason("2024/23").contains("consecutive years"));
        assert!(reason("As and when required").contains("too many words"));
        assert!(reason("Monthly").contains("is not a year"));
    }

    #[test]
    fn phrases_bring_each_kind_into_a_sentence() {
        use Preposition::{AsAt, At, By, For, On};
        let cases: [(&str, [&str; 5]); 15] = [
            (
                "2024-03-31",
                [
                    "at 31 March 2024",
                    "on 31 March 2024",
                    "by 31 March 2024",
                    "at 31 March 2024",
                    "as at 31 March 2024",
                ],
            ),
            (
                "March 2024",
                [
                    "in March 2024",
                    "in March 2024",
                    "by March 2024",
                    "for March 2024",
                    "as at March 2024",
                ],
            ),
            (
                "2024",
                ["in 2024", "in 2024", "by 2024", "for 2024", "for 2024"],
            ),
            (
                "2024/25",
                [
                    "in 2024/25",
                    "in 2024/25",
                    "by 2024/25",
                    "for 2024/25",
                    "for 2024/25",
                ],
            ),
            (
                "Spring 2020",
                [
                    "in Spring 2020",
                    "in Spring 2020",
                    "by Spring 2020",
                    "for Spring 2020",
                    "for Spring 2020",
                ],
            ),
            (
                "Q3 2024",
                [
                    "in July to September 2024",
                    "in July to September 2024",
                    "in July to September 2024",
                    "for July to September 2024",
                    "for July to September 2024",
                ],
            ),
            (
                "late 2023",
                [
                    "in late 2023",
                    "in late 2023",
                    "by late 2023",
                    "for late 2023",
                    "for late 2023",
                ],
            ),
            (
                "End of January 2014",
                [
                    "at the end of January 2014",
                    "at the end of January 2014",
                    "by the end of January 2014",
                    "at the end of January 2014",
                    "as at the end of January 2014",
                ],
            ),
            (
                "By end of April 2015",
                [
                    "by the end of April 2015",
                    "by the end of April 2015",
                    "by the end of April 2015",
                    "by the end of April 2015",
                    "by the end of April 2015",
                ],
            ),
            (
                "By 31 March 2025",
                [
                    "by 31 March 2025",
                    "by 31 March 2025",
                    "by 31 March 2025",
                    "by 31 March 2025",
                    "by 31 March 2025",
                ],
            ),
            (
                "2020 - 2023",
                [
                    "for 2020 to 2023",
                    "from 2020 to 2023",
                    "for 2020 to 2023",
                    "for 2020 to 2023",
                    "for 2020 to 2023",
                ],
            ),
            (
                "Sept - Dec 2018",
                [
                    "for September to December 2018",
                    "from September to December 2018",
                    "for September to December 2018",
                    "for September to December 2018",
                    "for September to December 2018",
                ],
            ),
            (
                "2020 - 2020",
                ["in 2020", "in 2020", "by 2020", "for 2020", "for 2020"],
            ),
            (
                "Summer 2019 - Ongoing",
                [
                    "from Summer 2019 onwards",
                    "from Summer 2019 onwards",
                    "from Summer 2019 onwards",
                    "from Summer 2019 onwards",
                    "from Summer 2019 onwards",
                ],
            ),
            (
                "end of 2024 onwards",
                [
                    "from the end of 2024 onwards",
                    "from the end of 2024 onwards",
                    "from the end of 2024 onwards",
                    "from the end of 2024 onwards",
                    "from the end of 2024 onwards",
                ],
            ),
        ];
        for (text, phrases) in cases {
            let p = period(text);
            for (preposition, phrase) in [At, On, By, For, AsAt].into_iter().zip(phrases) {
                assert_eq!(
                    p.phrase(preposition).as_deref(),
                    Some(phrase),
                    "{text} {preposition:?}"
                );
            }
        }
        assert_eq!(
            period("late 2023 to 2025").phrase(At).as_deref(),
            Some("for late 2023 to 2025")
        );
        assert_eq!(
            period("Q3 2024 onwards").phrase(At).as_deref(),
            Some("from Q3 2024 onwards")
        );
        // Ongoing has no phrase: the sentence leaves the time out.
        for preposition in [At, On, By, For, AsAt] {
            assert_eq!(period("Ongoing").phrase(preposition), None);
            assert_eq!(period("Ongoing").spaced_phrase(preposition), "");
        }
        assert_eq!(period("2024-03-31").spaced_phrase(At), " at 31 March 2024");
    }

    #[test]
    fn new_forms_never_panic_and_labels_read_back() {
        let pieces = [
            "2", "1", "4", ".", "-", "/", " ", "end of ", "by ", "late ", "Aug", "of ", "12",
            "2024", "Ongoing",
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|text| pieces.iter().map(move |piece| format!("{text}{piece}")))
                .collect();
            texts = longer;
            for text in &texts {
                let Ok(p) = Period::parse(text) else {
                    continue;
                };
                if let (Some(start), Some(end)) = (p.start(), p.end()) {
                    assert!(start <= end, "{text}");
                }
                let label = p.label();
                let again = Period::parse(&label)
                    .unwrap_or_else(|e| panic!("the label {label:?} of {text:?}: {e}"));
                assert_eq!(
                    (again.start(), again.end()),
                    (p.start(), p.end()),
                    "{label}"
                );
                for preposition in [
                    Preposition::At,
                    Preposition::On,
                    Preposition::By,
                    Preposition::For,
                    Preposition::AsAt,
                ] {
                    let _ = p.phrase(preposition);
                }
            }
        }
    }

    #[test]
    fn from_one_period_to_another() {
        let from_to = |a: &str, b: &str| period(a).from_to(&period(b));
        assert_eq!(
            from_to("2019/20", "2022/23").as_deref(),
            Some("from 2019/20 to 2022/23")
        );
        assert_eq!(
            from_to("2020-03-31", "2021-03-31").as_deref(),
            Some("from 31 March 2020 to 31 March 2021")
        );
        assert_eq!(
            from_to("2020 to 2021", "2022 - 2023").as_deref(),
            Some("from 2020 to 2023")
        );
        assert_eq!(
            from_to("Q3 2024", "late 2025").as_deref(),
            Some("from Q3 2024 to late 2025")
        );
        assert_eq!(
            from_to("2024", "end of 2025").as_deref(),
            Some("from 2024 to the end of 2025")
        );
        assert_eq!(
            from_to("Summer 2019", "2024 onwards").as_deref(),
            Some("from Summer 2019 onwards")
        );
        assert_eq!(from_to("Ongoing", "2024").as_deref(), Some("up to 2024"));
        assert_eq!(from_to("Ongoing", "Ongoing"), None);
    }

    // --- Finding periods --------------------------------------------------------------------

    #[derive(serde::Serialize)]
    struct Plan {
        title: String,
        covers: Option<Period>,
        actions: Vec<Step>,
        by_area: std::collections::BTreeMap<String, Period>,
    }

    #[derive(serde::Serialize)]
    struct Step {
        timescale: Period,
        updates: Vec<(Period, String)>,
        none: Option<Period>,
    }

    #[test]
    fn periods_in_finds_every_period_with_its_path() {
        let plan = Plan {
            title: "2024-25".to_owned(),
            covers: Some(period("2020/24")),
            actions: vec![
                Step {
                    timescale: period("2024-2025"),
                    updates: vec![],
                    none: None,
                },
                Step {
                    timescale: period("Ongoing."),
                    updates: vec![(period("Aug-12"), "note".to_owned())],
                    none: None,
                },
            ],
            by_area: [("north".to_owned(), period("late 2023"))].into(),
        };
        let found: Vec<(String, String)> = periods_in(&plan)
            .into_iter()
            .map(|(path, p)| (path, p.text().to_owned()))
            .collect();
        let expected = [
            ("covers", "2020/24"),
            ("actions[0].timescale", "2024-2025"),
            ("actions[1].timescale", "Ongoing."),
            ("actions[1].updates[0][0]", "Aug-12"),
            ("by_area.north", "late 2023"),
        ];
        assert_eq!(
            found,
            expected.map(|(path, text)| (path.to_owned(), text.to_owned()))
        );
        // The notes come with each period (the title is text, not a period).
        let with_notes: Vec<String> = periods_in(&plan)
            .into_iter()
            .filter(|(_, p)| !p.notes().is_empty())
            .map(|(path, _)| path)
            .collect();
        assert_eq!(
            with_notes,
            [
                "covers",
                "actions[0].timescale",
                "actions[1].updates[0][0]",
                "by_area.north"
            ]
        );
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

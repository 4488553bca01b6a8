//! What a parsed period means: one named stretch of time ([`Unit`]: a year, financial
//! year, quarter, season, month or day) or a range of them ([`Shape`]), with their spans of
//! dates and their labels.

use super::{Date, MONTH_NAMES, PeriodKind};

/// The parsed meaning of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Shape {
    Single(Unit),
    Range(Unit, Unit),
    OpenRange(Unit),
    Ongoing,
}

/// A single named stretch of time. Years are within `MIN_YEAR..=MAX_YEAR` (the parser checks).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Unit {
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
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

impl Unit {
    pub(super) fn kind(self) -> PeriodKind {
        match self {
            Unit::Year(_) => PeriodKind::Year,
            Unit::FinancialYear(_) => PeriodKind::FinancialYear,
            Unit::Quarter(..) => PeriodKind::Quarter,
            Unit::Season(..) => PeriodKind::Season,
            Unit::Month(..) => PeriodKind::Month,
            Unit::Day(_) => PeriodKind::Date,
        }
    }

    pub(super) fn start(self) -> Date {
        match self {
            Unit::Year(year) => month_start(year, 1),
            Unit::FinancialYear(year) => month_start(year, 4),
            Unit::Quarter(year, quarter) => month_start(year, (3 * quarter).saturating_sub(2)),
            Unit::Season(year, season) => month_start(year, season.first_month()),
            Unit::Month(year, month) => month_start(year, month),
            Unit::Day(date) => date,
        }
    }

    pub(super) fn end(self) -> Date {
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
    pub(super) fn label(self) -> String {
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
    pub(super) fn short_label(self) -> String {
        match self {
            Unit::Quarter(year, quarter) => format!("Q{quarter} {year}"),
            _ => self.label(),
        }
    }

    /// The short label split into its words without the year, and the year, for the forms
    /// where a range can share one year (`September to December 2018`).
    pub(super) fn without_year(self) -> Option<(String, i32)> {
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
pub(super) fn range_label(first: Unit, last: Unit) -> String {
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
pub(super) fn financial_year_label(year: i32) -> String {
    format!("{year}/{:02}", year.saturating_add(1).rem_euclid(100))
}

/// The first day of a month. Callers pass a month in 1..=12.
pub(super) fn month_start(year: i32, month: u8) -> Date {
    Date {
        year,
        month,
        day: 1,
    }
}

/// The last day of a month. Callers pass a month in 1..=12.
pub(super) fn month_end(year: i32, month: u8) -> Date {
    Date {
        year,
        month,
        day: Date::last_day_of_month(year, month),
    }
}

/// "January" for 1; "?" for anything outside 1..=12 (which the parser never produces).
pub(super) fn month_name(month: u8) -> &'static str {
    usize::from(month)
        .checked_sub(1)
        .and_then(|index| MONTH_NAMES.get(index))
        .copied()
        .unwrap_or("?")
}

impl Season {
    pub(super) fn first_month(self) -> u8 {
        match self {
            Season::Spring => 3,
            Season::Summer => 6,
            Season::Autumn => 9,
            Season::Winter => 12,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Season::Spring => "Spring",
            Season::Summer => "Summer",
            Season::Autumn => "Autumn",
            Season::Winter => "Winter",
        }
    }

    /// `spring`, `summer`, `autumn` or `fall`, `winter`, in any case.
    pub(super) fn from_word(word: &str) -> Option<Season> {
        match word.to_lowercase().as_str() {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "autumn" | "fall" => Some(Season::Autumn),
            "winter" => Some(Season::Winter),
            _ => None,
        }
    }
}

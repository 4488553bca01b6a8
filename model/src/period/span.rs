//! What a parsed period means: one named stretch of time ([`Unit`]: a year, financial
//! year, quarter, season, month, part of a year, day or the end of a stretch) or a range of
//! them ([`Shape`]), with their spans of dates, their labels and the words that bring them
//! into a sentence ([`Preposition`]).

use super::{Date, MONTH_NAMES, PeriodKind, Preposition};

/// The parsed meaning of a period.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Shape {
    Single(Unit),
    Range(Unit, Unit),
    OpenRange(Unit),
    /// `By end of April 2015`, `By 31 March 2025`: a deadline, the unit's one day (the parser
    /// allows only a `Day` or an `EndOf`).
    By(Unit),
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
    /// `Late 2023`: a third of a calendar year.
    Part(i32, Part),
    /// `End of January 2014`: the last day of a stretch.
    EndOf(Stretch),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Season {
    Spring,
    Summer,
    Autumn,
    Winter,
}

/// A third of a calendar year: `Early 2024` (January to April), `Mid 2024` (May to August),
/// `Late 2024` (September to December).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Part {
    Early,
    Mid,
    Late,
}

/// What `End of ...` may name: a stretch of time with a last day (not a day, a part of a
/// year or another end).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) enum Stretch {
    Year(i32),
    FinancialYear(i32),
    Quarter(i32, u8),
    Season(i32, Season),
    Month(i32, u8),
}

impl Stretch {
    /// The stretch `unit` names, if `End of` may take it.
    pub(super) fn of(unit: Unit) -> Option<Stretch> {
        match unit {
            Unit::Year(year) => Some(Stretch::Year(year)),
            Unit::FinancialYear(year) => Some(Stretch::FinancialYear(year)),
            Unit::Quarter(year, quarter) => Some(Stretch::Quarter(year, quarter)),
            Unit::Season(year, season) => Some(Stretch::Season(year, season)),
            Unit::Month(year, month) => Some(Stretch::Month(year, month)),
            Unit::Day(_) | Unit::Part(..) | Unit::EndOf(_) => None,
        }
    }

    pub(super) fn unit(self) -> Unit {
        match self {
            Stretch::Year(year) => Unit::Year(year),
            Stretch::FinancialYear(year) => Unit::FinancialYear(year),
            Stretch::Quarter(year, quarter) => Unit::Quarter(year, quarter),
            Stretch::Season(year, season) => Unit::Season(year, season),
            Stretch::Month(year, month) => Unit::Month(year, month),
        }
    }
}

impl Unit {
    pub(super) fn kind(self) -> PeriodKind {
        match self {
            Unit::Year(_) => PeriodKind::Year,
            Unit::FinancialYear(_) => PeriodKind::FinancialYear,
            Unit::Quarter(..) => PeriodKind::Quarter,
            Unit::Season(..) => PeriodKind::Season,
            Unit::Month(..) => PeriodKind::Month,
            Unit::Day(_) | Unit::EndOf(_) => PeriodKind::Date,
            Unit::Part(..) => PeriodKind::PartOfYear,
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
            Unit::Part(year, part) => month_start(year, part.first_month()),
            Unit::EndOf(stretch) => stretch.unit().end(),
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
            Unit::Part(year, part) => month_end(year, part.first_month() + 3),
            Unit::EndOf(stretch) => stretch.unit().end(),
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
            Unit::Part(year, part) => format!("{} {year}", part.name()),
            Unit::EndOf(stretch) => format!("End of {}", stretch.unit().short_label()),
        }
    }

    /// The label inside a sentence: `late 2023`, `the end of March 2025` (others as labelled).
    pub(super) fn words(self) -> String {
        match self {
            Unit::Part(year, part) => format!("{} {year}", part.name().to_ascii_lowercase()),
            Unit::EndOf(stretch) => format!("the end of {}", stretch.unit().short_label()),
            _ => self.label(),
        }
    }

    /// Like [`Unit::words`], but a quarter as `Q3 2024` (as one end of a range).
    pub(super) fn short_words(self) -> String {
        match self {
            Unit::Quarter(..) => self.short_label(),
            _ => self.words(),
        }
    }

    /// The label with the word that brings it into a sentence (see [`Preposition`]).
    pub(super) fn phrase(self, preposition: Preposition) -> String {
        use Preposition::{AsAt, At, By, For, On};
        let words = self.words();
        let word = match self {
            // One day: a point in time.
            Unit::Day(_) => match preposition {
                At | For => "at",
                On => "on",
                By => "by",
                AsAt => "as at",
            },
            Unit::EndOf(_) => match preposition {
                At | On | For => "at",
                By => "by",
                AsAt => "as at",
            },
            // `by July to September 2024` or `as at July to September 2024` would muddle the
            // "to".
            Unit::Quarter(..) => match preposition {
                At | On | By => "in",
                For | AsAt => "for",
            },
            Unit::Month(..) => match preposition {
                At | On => "in",
                By => "by",
                For => "for",
                AsAt => "as at",
            },
            Unit::Year(_) | Unit::FinancialYear(_) | Unit::Season(..) | Unit::Part(..) => {
                match preposition {
                    At | On => "in",
                    By => "by",
                    For | AsAt => "for",
                }
            }
        };
        format!("{word} {words}")
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
            Unit::Year(_) | Unit::FinancialYear(_) | Unit::Part(..) | Unit::EndOf(_) => None,
        }
    }
}

/// A label inside a sentence or after "to": `end of 2025` rather than `End of 2025`, `late
/// 2023` rather than `Late 2023` (other labels start with a name or a number, kept as they are).
pub(super) fn mid_sentence(label: &str) -> String {
    for word in ["End ", "Early ", "Mid ", "Late "] {
        if let Some(rest) = label.strip_prefix(word) {
            return format!("{}{rest}", word.to_ascii_lowercase());
        }
    }
    label.to_owned()
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
    format!(
        "{} to {}",
        first.short_label(),
        mid_sentence(&last.short_label())
    )
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
        match word.to_ascii_lowercase().as_str() {
            "spring" => Some(Season::Spring),
            "summer" => Some(Season::Summer),
            "autumn" | "fall" => Some(Season::Autumn),
            "winter" => Some(Season::Winter),
            _ => None,
        }
    }
}

impl Part {
    pub(super) fn first_month(self) -> u8 {
        match self {
            Part::Early => 1,
            Part::Mid => 5,
            Part::Late => 9,
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            Part::Early => "Early",
            Part::Mid => "Mid",
            Part::Late => "Late",
        }
    }

    /// Which third of the year, in words (for the note that says how `late 2023` was read).
    pub(super) fn third(self) -> &'static str {
        match self {
            Part::Early => "the first third of the year",
            Part::Mid => "the middle third of the year",
            Part::Late => "the last third of the year",
        }
    }

    /// `early`, `mid` or `late`, in any case.
    pub(super) fn from_word(word: &str) -> Option<Part> {
        match word.to_ascii_lowercase().as_str() {
            "early" => Some(Part::Early),
            "mid" => Some(Part::Mid),
            "late" => Some(Part::Late),
            _ => None,
        }
    }
}

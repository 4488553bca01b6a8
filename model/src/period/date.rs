//! Calendar dates ([`Date`]): validated, ordered, counted in days, read and written as
//! ISO 8601.

use std::fmt;
use std::str::FromStr;

use super::parse::digits;

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
pub(super) fn is_leap_year(year: i32) -> bool {
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

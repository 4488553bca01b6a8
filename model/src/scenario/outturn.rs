//! What a series' forecast years mean beside its measure (`years:` next to `measure:`), and
//! which of the measure's periods a forecast year is compared with.
//!
//! A forecast year is a plain number (`2026`). Councils date their measures by calendar year
//! (`2026`), by financial year (`2025/26`, the year to 31 March 2026) or at a date
//! (`31 March 2026`). The series says which it means; nothing is guessed, and with no
//! `years:` a forecast year is a calendar year (as before the field existed).
//!
//! | `years:` | year 2026 is compared with | in words |
//! | --- | --- | --- |
//! | `calendar` (or left out) | `2026` (1 January to 31 December 2026) | in 2026 |
//! | `year-to-31-march` | `2025/26` (1 April 2025 to 31 March 2026) | for the year to 31 March 2026 |
//! | `at-31-march` | `31 March 2026` (that day) | at 31 March 2026 |
//!
//! A period matches by its span, so `2025/26`, `2025-26` and `2025/2026` are all the year
//! to 31 March 2026, and `31 March 2026`, `2026-03-31` and `31/03/2026` all the day.

use serde::{Deserialize, Serialize};

use crate::content::{Content, Point};
use crate::period::{Date, Period};
use crate::validate::{Issue, Place};

/// What a scenario series' forecast years mean when compared with its measure.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum ForecastYears {
    /// Year 2026 is the calendar year 2026 (the measure's period `2026`).
    #[default]
    #[serde(rename = "calendar")]
    Calendar,
    /// Year 2026 is the financial year to 31 March 2026 (the measure's period `2025/26`).
    #[serde(rename = "year-to-31-march")]
    YearTo31March,
    /// Year 2026 is the day 31 March 2026 (the measure's period `31 March 2026`).
    #[serde(rename = "at-31-march")]
    At31March,
}

/// Every declaration, in the order a hint lists them.
pub const ALL_FORECAST_YEARS: [ForecastYears; 3] = [
    ForecastYears::Calendar,
    ForecastYears::YearTo31March,
    ForecastYears::At31March,
];

impl ForecastYears {
    /// The value as written in `years:`.
    pub fn as_str(self) -> &'static str {
        match self {
            ForecastYears::Calendar => "calendar",
            ForecastYears::YearTo31March => "year-to-31-march",
            ForecastYears::At31March => "at-31-march",
        }
    }

    /// The first and last day forecast year `year` stands for.
    fn span(self, year: i32) -> (Date, Date) {
        let day = |y, m, d| Date {
            year: y,
            month: m,
            day: d,
        };
        match self {
            ForecastYears::Calendar => (day(year, 1, 1), day(year, 12, 31)),
            ForecastYears::YearTo31March => (day(year - 1, 4, 1), day(year, 3, 31)),
            ForecastYears::At31March => (day(year, 3, 31), day(year, 3, 31)),
        }
    }

    /// Whether the measure's `period` is what forecast year `year` means.
    pub fn matches(self, year: i32, period: &Period) -> bool {
        let (from, to) = self.span(year);
        period.start() == Some(from) && period.end() == Some(to)
    }

    /// Whether some forecast year could ever match `period`.
    pub fn can_match(self, period: &Period) -> bool {
        period
            .end()
            .is_some_and(|end| self.matches(end.year, period))
    }

    /// The measure's point for forecast year `year`, if it has one (the first, in the order
    /// written, should a period be written twice).
    pub fn point(self, year: i32, series: &[Point]) -> Option<&Point> {
        series.iter().find(|p| self.matches(year, &p.period))
    }

    /// Forecast year `year` in the words readers see: `in 2026`, `for the year to 31 March
    /// 2026`, `at 31 March 2026`.
    pub fn phrase(self, year: i32) -> String {
        match self {
            ForecastYears::Calendar => format!("in {year}"),
            ForecastYears::YearTo31March => format!("for the year to 31 March {year}"),
            ForecastYears::At31March => format!("at 31 March {year}"),
        }
    }

    /// The declarations under which some period of `periods` could be compared, in
    /// [`ALL_FORECAST_YEARS`] order.
    pub fn fitting<'p>(periods: impl IntoIterator<Item = &'p Period> + Clone) -> Vec<Self> {
        ALL_FORECAST_YEARS
            .into_iter()
            .filter(|y| periods.clone().into_iter().any(|p| y.can_match(p)))
            .collect()
    }
}

/// A warning at each series' `measure:` whose measure has figures, none of them for a period
/// a forecast year could be compared with as the series' years are read (with no `years:`,
/// calendar years): its forecasts would never be checked. A warning, not an error, so content
/// written before `years:` existed still builds.
pub fn check(c: &Content) -> Vec<Issue> {
    let mut issues = Vec::new();
    for sc in &c.scenarios {
        for (j, s) in sc.series.iter().enumerate() {
            let Some(m) = s.measure.as_deref().and_then(|id| c.metric(id)) else {
                continue;
            };
            let periods = m.series.iter().map(|p| &p.period);
            let years = s.years.unwrap_or_default();
            if m.series.is_empty() || periods.clone().any(|p| years.can_match(p)) {
                continue;
            }
            let read = match years {
                ForecastYears::Calendar => "calendar years (`2026`)",
                ForecastYears::YearTo31March => "years to 31 March (`2025/26`)",
                ForecastYears::At31March => "31 March of each year (`31 March 2026`)",
            };
            let fitting = ForecastYears::fitting(periods);
            let hint = match fitting.as_slice() {
                [] => "the measure has no figure for a calendar year, a financial year or \
                       31 March: tie the series to a measure that has, or remove `measure:`"
                    .to_string(),
                [one] => format!("add `years: {}` to this series", one.as_str()),
                more => format!(
                    "add `years:` to this series, one of {}",
                    more.iter()
                        .map(|y| format!("`{}`", y.as_str()))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            };
            issues.push(
                Issue::warning(
                    Place::new(&sc.file, format!("series[{j}].measure")),
                    format!(
                        "measure `{}` has no figure for a period this series' years can be \
                         compared with, so its forecasts will never be checked against outturn",
                        m.id
                    ),
                )
                .expected(format!(
                    "figures for {read}, as the series' `years:` reads its forecast years"
                ))
                .hint(hint),
            );
        }
    }
    issues
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn p(text: &str) -> Period {
        Period::parse(text).unwrap()
    }

    #[test]
    fn each_declaration_matches_its_own_form() {
        use ForecastYears::*;
        assert!(Calendar.matches(2026, &p("2026")));
        assert!(!Calendar.matches(2025, &p("2026")));
        assert!(!YearTo31March.matches(2026, &p("2026")));
        assert!(!At31March.matches(2026, &p("2026")));
        for text in ["2025/26", "2025-26", "2025/2026", "2025/6"] {
            assert!(YearTo31March.matches(2026, &p(text)), "{text}");
            assert!(!YearTo31March.matches(2025, &p(text)), "{text}");
            assert!(!Calendar.matches(2026, &p(text)), "{text}");
            assert!(!At31March.matches(2026, &p(text)), "{text}");
        }
        for text in ["31 March 2026", "2026-03-31", "31/03/2026"] {
            assert!(At31March.matches(2026, &p(text)), "{text}");
            assert!(!At31March.matches(2025, &p(text)), "{text}");
            assert!(!Calendar.matches(2026, &p(text)), "{text}");
            assert!(!YearTo31March.matches(2026, &p(text)), "{text}");
        }
        // Other shapes never match.
        for text in [
            "2025-Q1",
            "March 2026",
            "2024 to 2026",
            "30 March 2026",
            "Ongoing",
        ] {
            for y in ALL_FORECAST_YEARS {
                assert!(!y.can_match(&p(text)), "{text} {y:?}");
            }
        }
    }

    #[test]
    fn fitting_names_what_would_match() {
        let fy = [p("2024/25"), p("2025/26")];
        assert_eq!(
            ForecastYears::fitting(&fy),
            vec![ForecastYears::YearTo31March]
        );
        let mixed = [p("2024"), p("31 March 2025")];
        assert_eq!(
            ForecastYears::fitting(&mixed),
            vec![ForecastYears::Calendar, ForecastYears::At31March]
        );
        assert!(ForecastYears::fitting(&[p("2025-Q1")]).is_empty());
    }

    #[test]
    fn point_and_words() {
        let series = vec![
            Point::new(p("2024/25"), 290.0),
            Point::new(p("2025/26"), 297.0),
        ];
        let found = ForecastYears::YearTo31March.point(2026, &series).unwrap();
        assert_eq!(found.period.text(), "2025/26");
        assert!(ForecastYears::Calendar.point(2026, &series).is_none());
        assert_eq!(
            ForecastYears::YearTo31March.phrase(2026),
            "for the year to 31 March 2026"
        );
        assert_eq!(ForecastYears::At31March.phrase(2026), "at 31 March 2026");
        assert_eq!(ForecastYears::Calendar.phrase(2026), "in 2026");
        let read: ForecastYears = serde_yaml::from_str("year-to-31-march").unwrap();
        assert_eq!(read, ForecastYears::YearTo31March);
        assert_eq!(read.as_str(), "year-to-31-march");
        assert!(serde_yaml::from_str::<ForecastYears>("financial").is_err());
    }

    /// Content with one measure of `periods` and a scenario series tied to it, reading its
    /// years as `years`.
    fn content(periods: &[&str], years: Option<ForecastYears>) -> Content {
        let mut c = Content::default();
        let mut m: crate::content::Metric = serde_yaml::from_str(
            "{ id: cla, title: CLA, unit: count, polarity: neutral, definition: d, source: { publisher: p }, series: [] }",
        )
        .unwrap();
        m.series = periods.iter().map(|t| Point::new(p(t), 1.0)).collect();
        c.metrics.push(m);
        let mut sc =
            crate::scenario::fixtures::make(&[crate::scenario::fixtures::value("a", "1")], &[]);
        sc.file = "scenarios/test.yaml".to_string();
        sc.series[0].measure = Some("cla".to_string());
        sc.series[0].years = years;
        c.scenarios.push(sc);
        c
    }

    #[test]
    fn warns_only_when_no_period_could_match() {
        // Financial years, calendar by default: a warning at `measure:` naming the field.
        let found = check(&content(&["2024/25", "2025/26"], None));
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].severity, crate::Severity::Warning);
        assert_eq!(found[0].place.file, "scenarios/test.yaml");
        assert_eq!(found[0].place.path, "series[0].measure");
        assert_eq!(
            found[0].hint.as_deref(),
            Some("add `years: year-to-31-march` to this series")
        );
        // Declared: nothing to say.
        let declared = content(&["2024/25"], Some(ForecastYears::YearTo31March));
        assert!(check(&declared).is_empty());
        // One calendar year among them is enough; no figures yet is nothing to say.
        assert!(check(&content(&["2024/25", "2025"], None)).is_empty());
        assert!(check(&content(&[], None)).is_empty());
        // Nothing could ever match: the hint says so.
        let quarters = check(&content(&["2025-Q1"], None));
        assert!(
            quarters[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("remove `measure:`")
        );
    }
}

//! `metrics/*.yaml`: measures and their values over time, and the value types other files
//! share: [`Point`], [`Flag`], [`Unit`] and [`MetricSource`]. Figures are [`Figure`]s, kept as
//! documents write them; targets ([`Target`]) take every form plans write them in.

use serde::{Deserialize, Deserializer, Serialize};

use super::figure::Figure;
use crate::period::Period;

/// `metrics/*.yaml`: one measure, with its values over time.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Metric {
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Lower-case letters, digits and hyphens. Link to it with metric:ID; formulas use
    /// metric('ID').
    pub id: String,
    /// The measure's title.
    pub title: String,
    /// A shorter title, for lists and charts.
    #[serde(default)]
    pub short_title: Option<String>,
    /// What the values are.
    pub unit: Unit,
    /// Whether a higher value is good news: higher-is-better, lower-is-better or neutral.
    pub polarity: Polarity,
    /// The most decimal places shown: a figure written with more is rounded to this many.
    /// Figures are shown with the places they are written with (77.3 beside 85), never more.
    #[serde(default)]
    pub decimals: Option<u8>,
    /// What is counted, and how (Markdown).
    pub definition: String,
    /// Why it matters (Markdown).
    #[serde(default)]
    pub why: Option<String>,
    /// Where the figures come from.
    pub source: MetricSource,
    /// The values by period (periods must not repeat). May be left out, or empty, only while
    /// the measure has a target but no figures yet.
    #[serde(default)]
    pub series: Vec<Point>,
    /// Targets, as the plan writes them: for a period or undated, a number, a range, a limit,
    /// a direction, a change, recurring, or in words.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Others to compare with: England, the region, statistical neighbours.
    #[serde(default)]
    pub comparators: Vec<Comparator>,
    /// `false` leaves out the comparison with the statistical neighbours that a measure read
    /// from a DfE file gets when site.yaml lists them; `true` asks for it (an error when there
    /// is none to make). Left out: compared whenever it can be.
    #[serde(default)]
    pub neighbours: Option<bool>,
    /// The statistical neighbours' figures, read from the measure's own DfE file (never
    /// written in YAML).
    #[serde(skip)]
    pub neighbour_figures: Option<crate::neighbours::NeighbourFigures>,
}

impl Metric {
    /// The latest point that has a value.
    pub fn latest(&self) -> Option<&Point> {
        self.series
            .iter()
            .filter(|p| p.value.is_some())
            .max_by(|a, b| a.period.cmp(&b.period))
    }

    /// The `decimals` given, else 0: what `metrics.json` states as the measure's places.
    pub fn decimals(&self) -> u8 {
        self.decimals.unwrap_or(0)
    }

    /// The places a number written with `written` places is shown with: as written, but no
    /// more than the measure's `decimals` when it gives them.
    pub fn places(&self, written: u8) -> u8 {
        match self.decimals {
            Some(most) => written.min(most),
            None => written,
        }
    }
}

/// Where figures come from.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MetricSource {
    /// Who publishes the figures.
    pub publisher: String,
    /// The name of the data set.
    #[serde(default)]
    pub dataset: Option<String>,
    /// Where to find it.
    #[serde(default)]
    pub url: Option<String>,
    /// When the figures were retrieved (a period).
    #[serde(default)]
    pub retrieved: Option<Period>,
    /// The licence the figures are published under.
    #[serde(default)]
    pub licence: Option<String>,
    /// The publisher rounds its figures to the nearest this many (StatsWales rounds counts of
    /// children to the nearest 5): said to readers beside the source, and a table's totals
    /// are checked allowing for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rounded_to: Option<u32>,
}

/// One value in a series. A value may be withheld, with a flag saying why.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The period the value is for.
    pub period: Period,
    /// The figure: a number (77.3, 85), or as the document writes it (around 36%, less than
    /// half, 9-10%); leave it out and give a flag when it is withheld.
    #[serde(default)]
    pub value: Option<Figure>,
    /// Why there is no value: c suppressed, x not available, z not applicable, u low
    /// reliability, low rounds to 0, k less than 0.5.
    #[serde(default)]
    pub flag: Option<Flag>,
    /// A note on this value, such as Revised figure.
    #[serde(default)]
    pub note: Option<String>,
    /// A change the document states for this period, kept as written (a drop of 2.2%).
    #[serde(default)]
    pub change: Option<String>,
}

impl Point {
    /// A point with an exact value.
    pub fn new(period: Period, value: f64) -> Point {
        Point {
            period,
            value: Some(Figure::exact(value)),
            flag: None,
            note: None,
            change: None,
        }
    }

    /// The value, when it is an exact number (an approximate figure, a limit or a range is not).
    pub fn number(&self) -> Option<f64> {
        self.value.as_ref().and_then(Figure::number)
    }
}

/// A target, in any of the forms plans write them:
///
/// - `{ period: 2024/25, value: 60 }`: 60 by 2024/25; leave `period` out for a target with no
///   date (the current target);
/// - `value: 60-80` a range, `value: more than 50` or `at least 78%` a limit, `around 300`;
/// - `stretch: 30` a stretch target beside (or instead of) the target;
/// - `direction: increase` (reduce, maintain) alone, or with a `value` to reach;
/// - `direction: reduce, by: 15-20, each: year` a change (`by: 10%` a relative one), counted
///   `from:` a period when the plan says so;
/// - `value: 20, each: year` recurring;
/// - `text: Stay above the England average` in words only.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// When the target should be met (a period); leave it out when the plan gives no date.
    #[serde(default)]
    pub period: Option<Period>,
    /// The target: a number (60), a range (60-80), a limit (more than 50, at least 78%), or
    /// approximate (around 300).
    #[serde(default)]
    pub value: Option<Figure>,
    /// A stretch target, beside the target or on its own.
    #[serde(default)]
    pub stretch: Option<Figure>,
    /// Which way the plan wants the figure to go: increase, reduce or maintain.
    #[serde(default)]
    pub direction: Option<TargetDirection>,
    /// How much to change by, with `direction: increase` or `reduce`: 10, 15-20, or 10% (a
    /// tenth of the figure; on a percent measure, `by: 5` is five percentage points).
    #[serde(default)]
    pub by: Option<Figure>,
    /// The period a change is counted from (optional, with `by`).
    #[serde(default)]
    pub from: Option<Period>,
    /// The target repeats: year, quarter or month ("10 more a year").
    #[serde(default)]
    pub each: Option<Every>,
    /// The target in words, when the plan gives no number (or to say more than it).
    #[serde(default)]
    pub text: Option<String>,
    /// A note, such as Strategy target: shown wherever the target is.
    #[serde(default)]
    pub note: Option<String>,
}

/// Which way a target wants a figure to go.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TargetDirection {
    Increase,
    Reduce,
    Maintain,
}

impl TargetDirection {
    pub fn key(self) -> &'static str {
        match self {
            TargetDirection::Increase => "increase",
            TargetDirection::Reduce => "reduce",
            TargetDirection::Maintain => "maintain",
        }
    }
}

/// How often a recurring target repeats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Every {
    Year,
    Quarter,
    Month,
}

impl Every {
    pub fn key(self) -> &'static str {
        match self {
            Every::Year => "year",
            Every::Quarter => "quarter",
            Every::Month => "month",
        }
    }
}

/// A target's fields as written, before [`Target::check`] sees that they make a target.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TargetFields {
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    value: Option<Figure>,
    #[serde(default)]
    stretch: Option<Figure>,
    #[serde(default)]
    direction: Option<TargetDirection>,
    #[serde(default)]
    by: Option<Figure>,
    #[serde(default)]
    from: Option<Period>,
    #[serde(default)]
    each: Option<Every>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    note: Option<String>,
}

impl<'de> Deserialize<'de> for Target {
    /// The fields, then [`Target::check`]: a target that says nothing, or a change without
    /// its direction, is an error where it is written (in the same run as the errors in its
    /// fields).
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Target, D::Error> {
        let f = TargetFields::deserialize(d)?;
        let t = Target {
            period: f.period,
            value: f.value,
            stretch: f.stretch,
            direction: f.direction,
            by: f.by,
            from: f.from,
            each: f.each,
            text: f.text,
            note: f.note,
        };
        t.check().map_err(serde::de::Error::custom)?;
        Ok(t)
    }
}

impl Target {
    /// A target of `value` for `period`, as targets were first written.
    pub fn of(period: Period, value: f64) -> Target {
        Target {
            period: Some(period),
            value: Some(Figure::exact(value)),
            ..Target::default()
        }
    }

    /// Whether the fields make a target: something to aim for, and a change with its
    /// direction.
    pub fn check(&self) -> Result<(), super::figure::FigureError> {
        use super::figure::FigureError;
        let error = |message: &str, expected: &str, hint: &str| FigureError {
            message: message.into(),
            expected: expected.into(),
            hint: hint.into(),
        };
        if self.value.is_none()
            && self.stretch.is_none()
            && self.direction.is_none()
            && self.text.is_none()
        {
            return Err(if self.by.is_some() {
                error(
                    "this change has no `direction`",
                    "`direction: increase` or `direction: reduce` beside `by:`",
                    "add `direction: increase` or `direction: reduce` beside `by:`",
                )
            } else {
                error(
                    "this target has nothing to aim for",
                    "`value:` (60, 60-80, more than 50), `direction:` (increase, reduce or maintain), `stretch:` or `text:`",
                    "write the target as the plan does: `value: 60`, `direction: increase`, or the plan's words in `text:`",
                )
            });
        }
        if self.by.is_some() {
            if self.value.is_some() {
                return Err(error(
                    "a target has both `value:` and `by:`",
                    "either `value:` (the figure to reach) or `by:` (how much to change by)",
                    "keep the one the plan gives, and put the other in `note:`",
                ));
            }
            if !matches!(
                self.direction,
                Some(TargetDirection::Increase | TargetDirection::Reduce)
            ) {
                return Err(error(
                    "a change `by:` needs `direction: increase` or `direction: reduce`",
                    "`direction: increase` or `direction: reduce` beside `by:`",
                    "say which way the figure should change",
                ));
            }
        }
        if self.from.is_some() && self.by.is_none() {
            return Err(error(
                "`from:` is the period a change is counted from, but this target has no `by:`",
                "`by:` (how much to change by) beside `from:`",
                "add `by:`, or remove `from:`",
            ));
        }
        Ok(())
    }

    /// Every figure the target holds, with its field name.
    pub fn figures(&self) -> impl Iterator<Item = (&'static str, &Figure)> {
        [
            ("value", self.value.as_ref()),
            ("stretch", self.stretch.as_ref()),
            ("by", self.by.as_ref()),
        ]
        .into_iter()
        .filter_map(|(k, f)| f.map(|f| (k, f)))
    }
}

/// Another place's values for the same measure.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// Shown in the legend and table, such as England.
    pub label: String,
    /// england, region, statistical-neighbours or other.
    pub kind: ComparatorKind,
    /// Its values by period, each with its own date (which need not be the measure's).
    #[serde(default)]
    pub series: Vec<Point>,
    /// A figure the document gives with no date, such as "the national average of 80%".
    #[serde(default)]
    pub value: Option<Figure>,
    /// A note on the undated figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// What a comparator is: england, region, statistical-neighbours or other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ComparatorKind {
    England,
    Region,
    StatisticalNeighbours,
    Other,
}

/// Why a value is not shown (the Government Statistical Service symbols).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Flag {
    /// Suppressed to protect confidentiality.
    #[serde(rename = "c")]
    Suppressed,
    /// Not available.
    #[serde(rename = "x")]
    NotAvailable,
    /// Not applicable.
    #[serde(rename = "z")]
    NotApplicable,
    /// Low reliability: published statistics withhold the figure (DfE shorthand `u`).
    #[serde(rename = "u")]
    LowReliability,
    /// Rounds to 0, but is not 0 (DfE shorthand `low`).
    #[serde(rename = "low")]
    RoundsToZero,
    /// Less than 0.5 (DfE shorthand `k`).
    #[serde(rename = "k")]
    LessThanHalf,
}

impl Flag {
    pub fn symbol(self) -> &'static str {
        match self {
            Flag::Suppressed => "c",
            Flag::NotAvailable => "x",
            Flag::NotApplicable => "z",
            Flag::LowReliability => "u",
            Flag::RoundsToZero => "low",
            Flag::LessThanHalf => "k",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Suppressed => "withheld to protect confidentiality",
            Flag::NotAvailable => "not available",
            Flag::NotApplicable => "not applicable",
            Flag::LowReliability => "withheld as of low reliability",
            Flag::RoundsToZero => "rounds to 0, but is not 0",
            Flag::LessThanHalf => "less than 0.5",
        }
    }
}

/// The unit of a number: count, percent, rate-per-10000, weeks, months, years, gbp-per-week, gbp or
/// ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Count,
    Percent,
    #[serde(rename = "rate-per-10000")]
    RatePer10000,
    Weeks,
    Months,
    Years,
    GbpPerWeek,
    Gbp,
    Ratio,
}

impl Unit {
    pub const ALL: [Unit; 9] = [
        Unit::Count,
        Unit::Percent,
        Unit::RatePer10000,
        Unit::Weeks,
        Unit::Months,
        Unit::Years,
        Unit::GbpPerWeek,
        Unit::Gbp,
        Unit::Ratio,
    ];

    /// The name content writes (`rate-per-10000`).
    pub fn key(self) -> &'static str {
        match self {
            Unit::Count => "count",
            Unit::Percent => "percent",
            Unit::RatePer10000 => "rate-per-10000",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::GbpPerWeek => "gbp-per-week",
            Unit::Gbp => "gbp",
            Unit::Ratio => "ratio",
        }
    }

    /// What an editor who wrote `written` as a unit most likely meant: the unit
    /// (`per 10,000` is `rate-per-10000`, `%` is `percent`), or, for a year or a date, which
    /// say when rather than how much, words saying what to write instead.
    pub fn near_miss(written: &str) -> Option<Result<Unit, &'static str>> {
        let w: String = written
            .to_lowercase()
            .chars()
            .filter(|c| !matches!(c, ' ' | '-' | '_' | ',' | '.' | '/' | '\'' | '"'))
            .collect();
        let has = |s: &str| w.contains(s);
        const WHEN: &str = "a year or a date says when, not how much: put it in each point's `period:` (2023/24, 2024-03-31) and give the unit of the figures themselves, such as `count` or `percent`; for lengths of time, write `years`";
        if matches!(
            w.as_str(),
            "year" | "yr" | "date" | "dates" | "period" | "calendaryear" | "financialyear" | "fy"
        ) {
            return Some(Err(WHEN));
        }
        let money = has("£") || has("gbp") || has("pound") || has("cost") || has("fee");
        let found = if money && (has("week") || has("pw")) {
            Unit::GbpPerWeek
        } else if money || w == "money" {
            Unit::Gbp
        } else if has("10000") || has("10k") || w.starts_with("rate") {
            Unit::RatePer10000
        } else if w == "%" || w.starts_with("percent") || w == "pct" || w == "proportion" {
            Unit::Percent
        } else if matches!(
            w.as_str(),
            "number"
                | "numbers"
                | "no"
                | "num"
                | "counts"
                | "total"
                | "children"
                | "people"
                | "households"
        ) {
            Unit::Count
        } else if matches!(w.as_str(), "week" | "wk" | "wks") {
            Unit::Weeks
        } else if matches!(w.as_str(), "month" | "mth" | "mths") {
            Unit::Months
        } else if matches!(w.as_str(), "yrs" | "yearsold" | "age") {
            Unit::Years
        } else {
            let plain = |u: Unit| u.key().replace('-', "");
            let names: Vec<String> = Unit::ALL.iter().map(|u| plain(*u)).collect();
            let near = crate::validate::closest(&w, names.iter().map(String::as_str))?;
            *Unit::ALL.iter().find(|u| plain(**u) == near)?
        };
        Some(Ok(found))
    }

    /// Words for axis labels and table headings.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Count => "number",
            Unit::Percent => "per cent",
            Unit::RatePer10000 => "rate per 10,000 children",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::GbpPerWeek => "pounds a week",
            Unit::Gbp => "pounds",
            Unit::Ratio => "ratio",
        }
    }
}

/// Whether a higher value is good news: higher-is-better, lower-is-better or neutral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    LowerIsBetter,
    HigherIsBetter,
    Neutral,
}

impl Polarity {
    pub fn label(self) -> &'static str {
        match self {
            Polarity::LowerIsBetter => "Lower is better",
            Polarity::HigherIsBetter => "Higher is better",
            Polarity::Neutral => "Neither higher nor lower is better",
        }
    }
}

#[cfg(test)]
mod unit_tests {
    use super::*;

    #[test]
    fn near_misses_of_every_unit_suggest_it() {
        let cases: &[(&str, Unit)] = &[
            ("Count", Unit::Count),
            ("number", Unit::Count),
            ("coutn", Unit::Count),
            ("per cent", Unit::Percent),
            ("%", Unit::Percent),
            ("percentage", Unit::Percent),
            ("precent", Unit::Percent),
            ("per 10,000", Unit::RatePer10000),
            ("rate per 10,000 children", Unit::RatePer10000),
            ("rate-per-10k", Unit::RatePer10000),
            ("rate_per_10000", Unit::RatePer10000),
            ("week", Unit::Weeks),
            ("Weeks ", Unit::Weeks),
            ("month", Unit::Months),
            ("monts", Unit::Months),
            ("yrs", Unit::Years),
            ("yeras", Unit::Years),
            ("£ a week", Unit::GbpPerWeek),
            ("gbp per week", Unit::GbpPerWeek),
            ("pounds per week", Unit::GbpPerWeek),
            ("gbp-a-week", Unit::GbpPerWeek),
            ("£", Unit::Gbp),
            ("pounds", Unit::Gbp),
            ("GBP", Unit::Gbp),
            ("ration", Unit::Ratio),
            ("Ratio", Unit::Ratio),
        ];
        for (written, unit) in cases {
            assert_eq!(Unit::near_miss(written), Some(Ok(*unit)), "{written}");
        }
        for when in ["year", "Year", "date", "financial year"] {
            assert!(
                matches!(Unit::near_miss(when), Some(Err(hint)) if hint.contains("says when")),
                "{when}"
            );
        }
        assert_eq!(Unit::near_miss("kilograms"), None);
    }
}

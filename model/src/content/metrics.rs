//! `metrics/*.yaml`: measures and their values over time, and the value types other files
//! share: [`Point`], [`Flag`], [`Unit`] and [`MetricSource`].

use serde::{Deserialize, Serialize};

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
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// What is counted, and how (Markdown).
    pub definition: String,
    /// Why it matters (Markdown).
    #[serde(default)]
    pub why: Option<String>,
    /// Where the figures come from.
    pub source: MetricSource,
    /// The values by period (at least one; periods must not repeat).
    pub series: Vec<Point>,
    /// Targets, each for a period.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Others to compare with: England, the region, statistical neighbours.
    #[serde(default)]
    pub comparators: Vec<Comparator>,
}

impl Metric {
    /// The latest point that has a value.
    pub fn latest(&self) -> Option<&Point> {
        self.series
            .iter()
            .filter(|p| p.value.is_some())
            .max_by(|a, b| a.period.cmp(&b.period))
    }

    pub fn decimals(&self) -> u8 {
        self.decimals.unwrap_or(0)
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
}

/// One value in a series. A value may be withheld, with a flag saying why.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The period the value is for.
    pub period: Period,
    /// The value; leave it out and give a flag when it is withheld.
    #[serde(default)]
    pub value: Option<f64>,
    /// Why there is no value: c suppressed, x not available, z not applicable.
    #[serde(default)]
    pub flag: Option<Flag>,
    /// A note on this value, such as Revised figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// A target for a period.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// When the target should be met (a period).
    pub period: Period,
    /// The target value.
    pub value: f64,
    /// A note, such as Strategy target.
    #[serde(default)]
    pub note: Option<String>,
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
    /// Its values by period.
    pub series: Vec<Point>,
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
}

impl Flag {
    pub fn symbol(self) -> &'static str {
        match self {
            Flag::Suppressed => "c",
            Flag::NotAvailable => "x",
            Flag::NotApplicable => "z",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Suppressed => "withheld to protect confidentiality",
            Flag::NotAvailable => "not available",
            Flag::NotApplicable => "not applicable",
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

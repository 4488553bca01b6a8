//! The content model: what a council writes in its YAML and Markdown files.
//!
//! Every type rejects unknown fields, so a misspelt field is an error rather than silently
//! ignored. Text fields documented as Markdown are rendered (and sanitised) by the generator.

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// Everything in one content folder, after loading.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Content {
    pub site: Site,
    pub strategy: Strategy,
    pub facts: Facts,
    pub breakdowns: Vec<Breakdown>,
    pub workstreams: Vec<Workstream>,
    pub metrics: Vec<Metric>,
    pub pages: Vec<Page>,
    pub scenarios: Vec<crate::scenario::Scenario>,
    /// The market position statement (`market/`), if the content has one.
    pub market: Option<crate::market::Market>,
}

impl Content {
    /// All actions, in workstream order, each with its workstream.
    pub fn actions(&self) -> impl Iterator<Item = (&Workstream, &Action)> {
        self.workstreams
            .iter()
            .flat_map(|w| w.actions.iter().map(move |a| (w, a)))
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.strategy.priorities.iter().find(|p| p.id == id)
    }

    pub fn aim(&self, id: &str) -> Option<&Aim> {
        self.strategy.aims.iter().find(|a| a.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&crate::scenario::Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn workstream(&self, id: &str) -> Option<&Workstream> {
        self.workstreams.iter().find(|w| w.id == id)
    }
}

// ---------------------------------------------------------------- site.yaml

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The council publishing the strategy.
    pub authority: String,
    /// Marks the whole site as example content (a banner on every page).
    #[serde(default)]
    pub example: bool,
    /// The document's title.
    pub title: String,
    #[serde(default)]
    pub short_title: Option<String>,
    #[serde(default)]
    pub tagline: Option<String>,
    /// The period the strategy covers.
    #[serde(default)]
    pub covers: Option<Period>,
    /// Absolute address the site is published at (used in sitemap.xml).
    #[serde(default)]
    pub base_url: Option<String>,
    #[serde(default)]
    pub language: Option<String>,
    pub edition: Edition,
    pub contact: Contact,
    pub licence: Licence,
    /// The small-number rule for counts of children (default: 1 to 4 shown as `c`).
    #[serde(default)]
    pub suppression: crate::market::Suppression,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Edition {
    pub version: String,
    pub status: EditionStatus,
    pub published: Period,
    #[serde(default)]
    pub review: Option<Period>,
    #[serde(default)]
    pub supersedes: Option<String>,
    #[serde(default)]
    pub notes: Vec<ChangeNote>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EditionStatus {
    #[default]
    Draft,
    Approved,
    Published,
}

impl EditionStatus {
    pub fn label(self) -> &'static str {
        match self {
            EditionStatus::Draft => "Draft",
            EditionStatus::Approved => "Approved",
            EditionStatus::Published => "Published",
        }
    }
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChangeNote {
    pub date: Period,
    pub text: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub team: String,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub address: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Licence {
    pub name: String,
    #[serde(default)]
    pub url: Option<String>,
}

// ---------------------------------------------------------------- strategy.yaml

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Plain-English summary for the home page (Markdown).
    pub summary: String,
    #[serde(default)]
    pub vision: Option<String>,
    #[serde(default)]
    pub legal_basis: Option<LegalBasis>,
    #[serde(default)]
    pub themes: Vec<Theme>,
    #[serde(default)]
    pub principles: Vec<Theme>,
    pub aims: Vec<Aim>,
    pub priorities: Vec<Priority>,
    #[serde(default)]
    pub outcomes: Vec<String>,
    #[serde(default)]
    pub governance: Option<Governance>,
    #[serde(default)]
    pub monitoring: Option<String>,
    #[serde(default)]
    pub phases: Vec<Phase>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    pub summary: String,
    #[serde(default)]
    pub legislation: Vec<String>,
}

/// A short headline statement with a title (themes and principles).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Theme {
    pub title: String,
    pub text: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Aim {
    pub id: String,
    pub title: String,
    /// The aim in full (Markdown).
    pub statement: String,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Priority {
    pub id: String,
    pub title: String,
    pub summary: String,
    #[serde(default)]
    pub aims: Vec<String>,
    /// "What we will do".
    #[serde(default)]
    pub commitments: Vec<String>,
    #[serde(default)]
    pub metrics: Vec<String>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Governance {
    pub summary: String,
    #[serde(default)]
    pub bodies: Vec<GovernanceBody>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GovernanceBody {
    pub name: String,
    pub role: String,
    #[serde(default)]
    pub meets: Option<String>,
    #[serde(default)]
    pub chair: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    pub title: String,
    pub period: Period,
    #[serde(default)]
    pub summary: Option<String>,
}

// ---------------------------------------------------------------- facts.yaml

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facts {
    #[serde(default)]
    pub as_at: Option<Period>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub sources: Vec<Source>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    pub value: f64,
    pub unit: Unit,
    pub label: String,
    #[serde(default)]
    pub detail: Option<String>,
    #[serde(default)]
    pub date: Option<Period>,
    #[serde(default)]
    pub decimals: Option<u8>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub metric: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub publisher: Option<String>,
    #[serde(default)]
    pub date: Option<Period>,
    #[serde(default)]
    pub url: Option<String>,
}

// ---------------------------------------------------------------- breakdowns/*.yaml

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// The file it was read from, relative to the content folder.
    #[serde(skip_deserializing, default)]
    pub file: String,
    pub id: String,
    pub title: String,
    pub as_at: Period,
    pub unit: Unit,
    pub dimension: String,
    #[serde(default)]
    pub value_label: Option<String>,
    #[serde(default)]
    pub decimals: Option<u8>,
    pub rows: Vec<BreakdownRow>,
    #[serde(default)]
    pub source: Option<MetricSource>,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub chart: ChartKind,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BreakdownRow {
    pub label: String,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub flag: Option<Flag>,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    #[default]
    Bar,
    Pie,
    None,
}

// ---------------------------------------------------------------- plan/*.yaml

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Workstream {
    #[serde(skip_deserializing, default)]
    pub file: String,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub lead: Option<String>,
    #[serde(default)]
    pub summary: Option<String>,
    pub actions: Vec<Action>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    pub id: String,
    /// What needs to be done.
    pub title: String,
    /// What good will look like (Markdown).
    #[serde(default)]
    pub quality_measure: Option<String>,
    /// How we will know it is having an impact.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Where we are now.
    #[serde(default)]
    pub status: Option<String>,
    pub rag: Rag,
    pub timescale: Period,
    #[serde(default)]
    pub timescale_note: Option<String>,
    #[serde(default)]
    pub owner: Option<String>,
    #[serde(default)]
    pub priorities: Vec<String>,
    #[serde(default)]
    pub aims: Vec<String>,
    #[serde(default)]
    pub metrics: Vec<String>,
    #[serde(default)]
    pub updates: Vec<ActionUpdate>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    pub date: Period,
    #[serde(default)]
    pub rag: Option<Rag>,
    pub note: String,
}

/// Red, amber, green rating of an action, plus complete and not started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    Red,
    Amber,
    Green,
    Complete,
    NotStarted,
}

impl Rag {
    pub const ALL: [Rag; 5] = [
        Rag::Red,
        Rag::Amber,
        Rag::Green,
        Rag::Complete,
        Rag::NotStarted,
    ];

    /// The value written in YAML and used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Complete => "complete",
            Rag::NotStarted => "not-started",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Complete => "Complete",
            Rag::NotStarted => "Not started",
        }
    }

    /// What the rating means, in words (so colour is never the only signal).
    pub fn meaning(self) -> &'static str {
        match self {
            Rag::Red => "Off track: needs action to recover",
            Rag::Amber => "Some risk to delivery",
            Rag::Green => "On track",
            Rag::Complete => "Done",
            Rag::NotStarted => "Not yet started",
        }
    }
}

// ---------------------------------------------------------------- metrics/*.yaml

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Metric {
    #[serde(skip_deserializing, default)]
    pub file: String,
    pub id: String,
    pub title: String,
    #[serde(default)]
    pub short_title: Option<String>,
    pub unit: Unit,
    pub polarity: Polarity,
    #[serde(default)]
    pub decimals: Option<u8>,
    pub definition: String,
    #[serde(default)]
    pub why: Option<String>,
    pub source: MetricSource,
    pub series: Vec<Point>,
    #[serde(default)]
    pub targets: Vec<Target>,
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

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MetricSource {
    pub publisher: String,
    #[serde(default)]
    pub dataset: Option<String>,
    #[serde(default)]
    pub url: Option<String>,
    #[serde(default)]
    pub retrieved: Option<Period>,
    #[serde(default)]
    pub licence: Option<String>,
}

/// One value in a series. A value may be withheld, with a flag saying why.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    pub period: Period,
    #[serde(default)]
    pub value: Option<f64>,
    #[serde(default)]
    pub flag: Option<Flag>,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Target {
    pub period: Period,
    pub value: f64,
    #[serde(default)]
    pub note: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    pub id: String,
    pub label: String,
    pub kind: ComparatorKind,
    pub series: Vec<Point>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ComparatorKind {
    England,
    Region,
    StatisticalNeighbours,
    Other,
}

/// Why a value is not shown (the Government Statistical Service symbols).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
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

// ---------------------------------------------------------------- pages/*.md

#[derive(Clone, Debug, Serialize)]
pub struct Page {
    pub file: String,
    pub front: PageFront,
    /// The Markdown body.
    pub body: String,
    /// Line in the file on which the body starts (1-based), for error positions.
    pub body_line: usize,
    /// The URL segment: `front.slug` or the file stem.
    pub slug: String,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    pub title: String,
    #[serde(default)]
    pub slug: Option<String>,
    #[serde(default)]
    pub order: Option<i64>,
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default = "yes")]
    pub nav: bool,
}

fn yes() -> bool {
    true
}

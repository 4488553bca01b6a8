//! The market position statement (MPS): what the council tells providers (independent
//! fostering agencies, children's home operators, supported accommodation providers) about
//! the children it looks after, the homes it has and the homes it wants.
//!
//! The content lives in `content/market/`: `market.yaml` (the statement: context, intentions,
//! forecasts, procurement routes, timeline, contacts), `demand/*.yaml` and `supply/*.yaml`
//! (one typed table each), `asks.yaml` (what the council wants from providers, with the
//! categories the asks are filtered by) and `glossary.yaml`.
//!
//! Children's data published openly must not identify a child. [`Suppression`] is the rule
//! (by default counts from 1 to 4 are shown as `c`); [`publish`] applies it to a table and
//! returns only the cells that may be published, so nothing downstream can leak a withheld
//! value; [`recoverable`] finds withheld cells that a reader could work out from a total.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::content::{Flag, MetricSource, Point, Unit};
use crate::filter::{Facet, FacetValue, Index, Item};
use crate::period::Period;
use crate::validate::{Issue, Place};

/// The statement's main file, relative to the content folder.
pub const MARKET_FILE: &str = "market/market.yaml";
/// The market asks and their categories.
pub const ASKS_FILE: &str = "market/asks.yaml";
/// The glossary of terms.
pub const GLOSSARY_FILE: &str = "market/glossary.yaml";

/// Everything in `content/market/`, after loading.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Market {
    pub statement: Statement,
    /// Demand tables first, then supply tables, each in `order` then file-name order.
    pub tables: Vec<Table>,
    pub asks: Asks,
    pub glossary: Glossary,
}

impl Market {
    pub fn tables_in(&self, section: Section) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.section == section)
    }

    pub fn route(&self, id: &str) -> Option<&Route> {
        self.statement
            .procurement
            .as_ref()
            .and_then(|p| p.routes.iter().find(|r| r.id == id))
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.glossary.terms.iter().find(|t| t.id == id)
    }
}

// ---------------------------------------------------------------- market/market.yaml

/// The statement itself: `market/market.yaml`.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Statement {
    /// The statement's title, e.g. "Market position statement 2021 to 2023".
    pub title: String,
    /// What the statement is and who it is for, for the provider home page (Markdown).
    pub summary: String,
    /// When this edition was published (period).
    pub published: Period,
    /// When it will next be reviewed (period).
    #[serde(default)]
    pub review: Option<Period>,
    /// The sufficiency duty, the vision and the children looked after.
    #[serde(default)]
    pub context: Option<Context>,
    /// Headline messages for providers, shown on the home page.
    #[serde(default)]
    pub messages: Vec<Message>,
    /// Commissioning intentions: what the council will do, with numeric targets and dates.
    #[serde(default)]
    pub intentions: Vec<Intention>,
    /// The what-if scenarios that forecast demand.
    #[serde(default)]
    pub forecasts: Option<Forecasts>,
    /// Frameworks, dynamic purchasing systems and what is coming up.
    #[serde(default)]
    pub procurement: Option<Procurement>,
    /// Who providers can talk to.
    #[serde(default)]
    pub contacts: Vec<MarketContact>,
}

/// The context of the statement: the duty, the vision and the children.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Context {
    /// The sufficiency duty in brief (Markdown).
    #[serde(default)]
    pub duty: Option<String>,
    /// The authority's vision (Markdown); the strategy's vision when absent.
    #[serde(default)]
    pub vision: Option<String>,
    /// The children the council looks after, in brief (Markdown).
    #[serde(default)]
    pub children: Option<String>,
    /// Ids of key facts (facts.yaml) shown beside it.
    #[serde(default)]
    pub facts: Vec<String>,
}

/// A headline message: a title and a short text (Markdown).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Message {
    /// A short title.
    pub title: String,
    /// The message (Markdown).
    pub text: String,
}

/// A commissioning intention, usually one of the strategy's priorities seen by providers.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Intention {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// What the council will do.
    pub title: String,
    /// The strategy priority it delivers (id).
    #[serde(default)]
    pub priority: Option<String>,
    /// What it means for providers (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
    /// Numeric targets, each with a date.
    #[serde(default)]
    pub targets: Vec<IntentionTarget>,
}

/// A numeric target with its date: "60 to 80% by 2023 (now 42%)".
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct IntentionTarget {
    /// What is measured, e.g. "Mainstream fostering households recruited".
    pub label: String,
    /// What the numbers are.
    pub unit: Unit,
    /// Where it stands now (optional).
    #[serde(default)]
    pub now: Option<f64>,
    /// The target, or the lower end of a target range.
    pub target: f64,
    /// The upper end of a target range (optional).
    #[serde(default)]
    pub upper: Option<f64>,
    /// When the target should be met (period).
    pub by: Period,
    /// The measure that tracks it (id of a metric).
    #[serde(default)]
    pub metric: Option<String>,
    /// A note, such as stretch target.
    #[serde(default)]
    pub note: Option<String>,
}

/// How the council forecasts demand.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Forecasts {
    /// How the council forecasts demand (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// Ids of what-if scenarios (content/scenarios/*.yaml).
    #[serde(default)]
    pub scenarios: Vec<String>,
}

/// How the council buys placements.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Procurement {
    /// How the council buys placements, in brief (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// Frameworks, dynamic purchasing systems and other routes to market.
    #[serde(default)]
    pub routes: Vec<Route>,
    /// What is coming up: events, tenders, contract dates.
    #[serde(default)]
    pub timeline: Vec<Milestone>,
}

/// A route to market: a framework, a dynamic purchasing system (DPS), a block contract ...
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Route {
    /// Lower-case letters, digits and hyphens; asks and the timeline refer to it by id.
    pub id: String,
    /// Its name, such as Northbrook Homes Gateway.
    pub name: String,
    /// dps, framework, block-contract, spot-purchase, partnership, grant or other.
    pub kind: RouteKind,
    /// open, planned or closed.
    pub status: RouteStatus,
    /// What it buys (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// When it opened or opens (period).
    #[serde(default)]
    pub opens: Option<Period>,
    /// When it closes or the agreement ends (period).
    #[serde(default)]
    pub closes: Option<Period>,
    /// How to join (Markdown).
    #[serde(default)]
    pub join: Option<String>,
    /// The tender portal or information page.
    #[serde(default)]
    pub url: Option<String>,
    /// Its lots; asks refer to them by id.
    #[serde(default)]
    pub lots: Vec<Lot>,
}

/// A lot of a route to market.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Lot {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// The lot's title, such as Lot 1: Independent fostering agencies.
    pub title: String,
    /// What the lot covers (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
}

/// What kind of route to market it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RouteKind {
    Dps,
    Framework,
    BlockContract,
    SpotPurchase,
    Partnership,
    Grant,
    Other,
}

impl RouteKind {
    pub fn label(self) -> &'static str {
        match self {
            RouteKind::Dps => "Dynamic purchasing system",
            RouteKind::Framework => "Framework agreement",
            RouteKind::BlockContract => "Block contract",
            RouteKind::SpotPurchase => "Spot purchase",
            RouteKind::Partnership => "Partnership",
            RouteKind::Grant => "Grant",
            RouteKind::Other => "Other route",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            RouteKind::Dps => "dps",
            RouteKind::Framework => "framework",
            RouteKind::BlockContract => "block-contract",
            RouteKind::SpotPurchase => "spot-purchase",
            RouteKind::Partnership => "partnership",
            RouteKind::Grant => "grant",
            RouteKind::Other => "other",
        }
    }
}

/// Whether providers can join: open, planned or closed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum RouteStatus {
    Open,
    Planned,
    Closed,
}

impl RouteStatus {
    pub fn key(self) -> &'static str {
        match self {
            RouteStatus::Open => "open",
            RouteStatus::Planned => "planned",
            RouteStatus::Closed => "closed",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            RouteStatus::Open => "Open",
            RouteStatus::Planned => "Coming up",
            RouteStatus::Closed => "Closed",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            RouteStatus::Open => "providers can apply to join now",
            RouteStatus::Planned => "not open yet; see the dates",
            RouteStatus::Closed => "not accepting new providers",
        }
    }
}

/// One entry in the timeline of what is coming up.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Milestone {
    pub period: Period,
    /// What happens.
    pub title: String,
    /// More about it (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
    /// The route to market it concerns (id).
    #[serde(default)]
    pub route: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MarketContact {
    /// A team or role, e.g. "Placements Commissioning Team".
    pub name: String,
    /// What to contact them about.
    #[serde(default)]
    pub about: Option<String>,
    /// An email address.
    #[serde(default)]
    pub email: Option<String>,
    /// A telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// A web page.
    #[serde(default)]
    pub url: Option<String>,
}

// ---------------------------------------------------------------- market/demand, market/supply

/// Which page a table is published on (from the folder it is in).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Section {
    #[default]
    Demand,
    Supply,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Demand => "demand",
            Section::Supply => "supply",
        }
    }
}

/// A typed table: `market/demand/*.yaml` or `market/supply/*.yaml`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Table {
    /// The file it was read from, relative to the content folder.
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Set by the loader from the folder.
    #[serde(skip_deserializing, default)]
    pub section: Section,
    /// Lower-case letters, digits and hyphens, unique across demand and supply.
    pub id: String,
    /// The table's title.
    pub title: String,
    /// The date the figures describe (period).
    pub as_at: Period,
    /// Position on its page (optional; then by file name).
    #[serde(default)]
    pub order: Option<i64>,
    /// What the table shows and why it matters to providers (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// The heading of the row-label column ("Type of placement").
    pub dimension: String,
    /// Every count column counts children (so small numbers are withheld), unless a column
    /// says otherwise.
    #[serde(default)]
    pub children: bool,
    /// The columns (after the row labels).
    pub columns: Vec<Column>,
    /// The rows: a label and one value per column.
    pub rows: Vec<Row>,
    /// A total row (optional). Withheld cells must not be recoverable from it.
    #[serde(default)]
    pub total: Option<Row>,
    /// The same thing over time (optional).
    #[serde(default)]
    pub trend: Option<Trend>,
    #[serde(default)]
    pub chart: TableChart,
    /// Ids of the columns to chart (default: the count or value columns that are not totals
    /// or shares, with the first one's unit).
    #[serde(default)]
    pub chart_columns: Vec<String>,
    /// The measure whose definition this table shares (id of a metric).
    #[serde(default)]
    pub metric: Option<String>,
    #[serde(default)]
    pub source: Option<MetricSource>,
    /// Notes shown under the table (Markdown).
    #[serde(default)]
    pub note: Option<String>,
}

/// A column of a market table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Column {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// The column heading.
    pub label: String,
    /// What the values are (default count).
    #[serde(default = "count")]
    pub unit: Unit,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// Whether the column counts children (default: the table's `children`, for counts).
    #[serde(default)]
    pub children: Option<bool>,
    /// This column is a share of another column (its id): it is withheld when that is.
    #[serde(default)]
    pub of: Option<String>,
    /// This column is the sum of the row's other count columns.
    #[serde(default)]
    pub total: bool,
}

fn count() -> Unit {
    Unit::Count
}

impl Table {
    /// Whether column `i` counts children.
    pub fn counts_children(&self, i: usize) -> bool {
        self.columns.get(i).is_some_and(|c| {
            c.unit == Unit::Count && c.children.unwrap_or(self.children) && c.of.is_none()
        })
    }

    pub fn column(&self, id: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.id == id)
    }

    /// The columns drawn in the chart.
    pub fn chart_column_indices(&self) -> Vec<usize> {
        if !self.chart_columns.is_empty() {
            return self
                .chart_columns
                .iter()
                .filter_map(|id| self.column(id))
                .collect();
        }
        let plain: Vec<usize> = (0..self.columns.len())
            .filter(|&i| !self.columns[i].total && self.columns[i].of.is_none())
            .collect();
        let Some(first) = plain.first().map(|&i| self.columns[i].unit) else {
            return Vec::new();
        };
        plain
            .into_iter()
            .filter(|&i| self.columns[i].unit == first)
            .collect()
    }

    /// Whether the trend counts children.
    pub fn trend_counts_children(&self) -> bool {
        self.trend
            .as_ref()
            .is_some_and(|t| t.unit == Unit::Count && t.children.unwrap_or(self.children))
    }
}

/// A row of a market table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Row {
    /// The row's label.
    pub label: String,
    /// One cell per column, in column order: a number, or `c`, `x` or `z` for a withheld value.
    pub values: Vec<Cell>,
    /// A note on this row.
    #[serde(default)]
    pub note: Option<String>,
}

/// A value as written in a table: a number, or a flag saying why there is none.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Cell {
    Value(f64),
    Flag(Flag),
}

impl Serialize for Cell {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Cell::Value(v) => s.serialize_f64(*v),
            Cell::Flag(f) => s.serialize_str(f.symbol()),
        }
    }
}

/// The JSON Schema of a table cell (`hearth schema`): a number, or `c`, `x` or `z`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Cell {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Cell".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::market::Cell".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A value: a number, or c (withheld to protect confidentiality), x (not available) or z (not applicable).",
            "anyOf": [
                { "type": "number" },
                { "type": "string", "enum": ["c", "x", "z"] }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for Cell {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Cell, D::Error> {
        struct CellVisitor;
        impl Visitor<'_> for CellVisitor {
            type Value = Cell;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, or c (withheld), x (not available) or z (not applicable)")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Cell, E> {
                Ok(Cell::Value(v))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Cell, E> {
                Ok(Cell::Value(v as f64))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Cell, E> {
                Ok(Cell::Value(v as f64))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Cell, E> {
                match v.trim() {
                    "c" => Ok(Cell::Flag(Flag::Suppressed)),
                    "x" => Ok(Cell::Flag(Flag::NotAvailable)),
                    "z" => Ok(Cell::Flag(Flag::NotApplicable)),
                    _ => Err(E::invalid_value(de::Unexpected::Str(v), &self)),
                }
            }
        }
        d.deserialize_any(CellVisitor)
    }
}

/// The table's subject over time: one series of points.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Trend {
    /// Heading of the trend chart (default: the table's title, over time).
    #[serde(default)]
    pub title: Option<String>,
    /// What the series counts, e.g. "Children in care".
    pub label: String,
    /// What the values are (default count).
    #[serde(default = "count")]
    pub unit: Unit,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// Whether it counts children (default: the table's `children`, for counts).
    #[serde(default)]
    pub children: Option<bool>,
    /// The values by period.
    pub series: Vec<Point>,
}

/// How a market table is drawn: bar, stacked, pie or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TableChart {
    #[default]
    Bar,
    Stacked,
    Pie,
    None,
}

// ---------------------------------------------------------------- market/asks.yaml

/// `market/asks.yaml`: what the council wants from providers, and the categories used to
/// describe (and filter) the asks.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Asks {
    /// Introduction on the asks page (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub placement_types: Vec<Category>,
    #[serde(default)]
    pub age_bands: Vec<Category>,
    #[serde(default)]
    pub needs: Vec<Category>,
    #[serde(default)]
    pub localities: Vec<Category>,
    #[serde(default)]
    pub asks: Vec<Ask>,
}

/// A value of one of the ask categories: an id and the label readers see.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Lower-case letters, digits and hyphens; asks refer to it by id.
    pub id: String,
    /// What readers see.
    pub label: String,
    /// A glossary term that explains it (id).
    #[serde(default)]
    pub glossary: Option<String>,
}

/// One market ask.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// Lower-case letters, digits and hyphens. Link to it with ask:ID.
    pub id: String,
    /// What the council wants, in a line.
    pub title: String,
    /// The placement type (id of one of `placement_types`).
    #[serde(rename = "type")]
    pub placement_type: String,
    /// Age bands (ids of `age_bands`).
    pub ages: Vec<String>,
    /// Needs (ids of `needs`).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Where the homes are wanted (id of one of `localities`).
    pub locality: String,
    /// How many children need this now (a count of children: small numbers are withheld).
    #[serde(default)]
    pub volume_now: Option<f64>,
    /// How many children we expect to need it by `by` (also withheld when small).
    #[serde(default)]
    pub volume_forecast: Option<f64>,
    /// By when (period).
    pub by: Period,
    /// The route to market (id of a route in market.yaml).
    #[serde(default)]
    pub route: Option<String>,
    /// The lot of that route (id).
    #[serde(default)]
    pub lot: Option<String>,
    /// The strategy priority it serves (id).
    #[serde(default)]
    pub priority: Option<String>,
    /// The what-if scenario that forecasts it (id).
    #[serde(default)]
    pub scenario: Option<String>,
    /// Measures that track it (ids).
    #[serde(default)]
    pub metrics: Vec<String>,
    /// What we want, in more detail (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
}

// ---------------------------------------------------------------- market/glossary.yaml

/// `market/glossary.yaml`: terms and abbreviations.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// The terms.
    #[serde(default)]
    pub terms: Vec<Term>,
}

/// A glossary term.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Used in links: `glossary:ifa` and `#term-ifa`.
    pub id: String,
    /// The term in full.
    pub term: String,
    /// Its abbreviation, such as IFA.
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// Markdown.
    pub definition: String,
    /// Related terms (ids).
    #[serde(default)]
    pub see: Vec<String>,
}

// ---------------------------------------------------------------- suppression

/// The small-number rule, in `site.yaml` as `suppression:`. Counts of children from `min` to
/// `max` are published as `symbol`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Suppression {
    /// The smallest count of children withheld (default 1).
    pub min: u32,
    /// The largest count of children withheld (default 4).
    pub max: u32,
    /// What is shown instead (default c).
    pub symbol: String,
    /// What the symbol means, for readers (default: written from the rule).
    pub note: Option<String>,
}

impl Default for Suppression {
    fn default() -> Self {
        Suppression {
            min: 1,
            max: 4,
            symbol: "c".into(),
            note: None,
        }
    }
}

impl Suppression {
    /// Whether a count of children is withheld under this rule.
    pub fn withholds(&self, v: f64) -> bool {
        self.min <= self.max && v >= f64::from(self.min) && v <= f64::from(self.max)
    }

    /// The explanation shown with withheld figures.
    pub fn note_text(&self) -> String {
        match &self.note {
            Some(n) if !n.trim().is_empty() => n.trim().to_string(),
            _ if self.min > self.max => "No figures are withheld.".into(),
            _ => format!(
                "a figure withheld so that no child can be identified. Counts of children from {} to {} are not published, and sometimes a second figure is withheld too, so that none can be worked out from a total.",
                self.min, self.max
            ),
        }
    }
}

/// A cell as it may be published. A withheld count keeps no trace of its value.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Shown {
    Value(f64),
    /// Withheld under the small-number rule (or written `c`).
    Withheld,
    /// Not available (`x`) or not applicable (`z`).
    Flag(Flag),
}

impl Shown {
    pub fn value(self) -> Option<f64> {
        match self {
            Shown::Value(v) => Some(v),
            _ => None,
        }
    }

    pub fn is_withheld(self) -> bool {
        matches!(self, Shown::Withheld)
    }

    /// The symbol shown instead of a value, or `None` for a value.
    pub fn symbol<'a>(&self, rule: &'a Suppression) -> Option<&'a str> {
        match self {
            Shown::Value(_) => None,
            Shown::Withheld => Some(rule.symbol.as_str()),
            Shown::Flag(f) => Some(f.symbol()),
        }
    }
}

/// Publish one value: a count of children within the rule is withheld.
pub fn publish_value(cell: Cell, children: bool, rule: &Suppression) -> Shown {
    match cell {
        Cell::Flag(Flag::Suppressed) => Shown::Withheld,
        Cell::Flag(f) => Shown::Flag(f),
        Cell::Value(v) if children && rule.withholds(v) => Shown::Withheld,
        Cell::Value(v) => Shown::Value(v),
    }
}

/// Publish an optional count of children (an ask's volume).
pub fn publish_count(v: Option<f64>, rule: &Suppression) -> Option<Shown> {
    v.map(|v| publish_value(Cell::Value(v), true, rule))
}

/// A table as it may be published.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Published {
    /// Per row, per column.
    pub rows: Vec<Vec<Shown>>,
    pub total: Option<Vec<Shown>>,
    /// Per trend point.
    pub trend: Vec<Shown>,
}

/// Apply the rule to a table: counts of children within it are withheld, and so are shares
/// (`of:`) of a withheld count.
pub fn publish(t: &Table, rule: &Suppression) -> Published {
    let line = |row: &Row| -> Vec<Shown> {
        let mut out: Vec<Shown> = (0..t.columns.len())
            .map(|i| match row.values.get(i) {
                Some(&cell) => publish_value(cell, t.counts_children(i), rule),
                None => Shown::Flag(Flag::NotAvailable),
            })
            .collect();
        // Shares follow what they are shares of (chains settle within a pass per column).
        for _ in 0..t.columns.len() {
            let mut changed = false;
            for (i, c) in t.columns.iter().enumerate() {
                let Some(of) = c.of.as_deref().and_then(|id| t.column(id)) else {
                    continue;
                };
                if out[of].is_withheld() && !out[i].is_withheld() {
                    out[i] = Shown::Withheld;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        out
    };
    let trend_children = t.trend_counts_children();
    Published {
        rows: t.rows.iter().map(line).collect(),
        total: t.total.as_ref().map(line),
        trend: t
            .trend
            .as_ref()
            .map(|tr| {
                tr.series
                    .iter()
                    .map(|p| match (p.flag, p.value) {
                        (Some(f), _) => publish_value(Cell::Flag(f), trend_children, rule),
                        (None, Some(v)) => publish_value(Cell::Value(v), trend_children, rule),
                        (None, None) => Shown::Flag(Flag::NotAvailable),
                    })
                    .collect()
            })
            .unwrap_or_default(),
    }
}

/// Warnings for withheld cells that a reader could work out by subtraction: the only withheld
/// cell of a column with a published total row, or of a row with a published total column.
pub fn recoverable(t: &Table, p: &Published) -> Vec<Issue> {
    let mut issues = Vec::new();
    let cell_path = |r: Option<usize>, c: usize| match r {
        Some(r) => format!("rows[{r}].values[{c}]"),
        None => format!("total.values[{c}]"),
    };
    let row_label = |r: Option<usize>| -> String {
        match r {
            Some(r) => t.rows.get(r).map_or_else(String::new, |x| x.label.clone()),
            None => t
                .total
                .as_ref()
                .map_or_else(String::new, |x| x.label.clone()),
        }
    };
    // Down each column, against the total row.
    if let Some(total) = &p.total {
        for c in 0..t.columns.len() {
            if !t.counts_children(c) || total.get(c).and_then(|s| s.value()).is_none() {
                continue;
            }
            let cells: Vec<Shown> = p.rows.iter().map(|r| r[c]).collect();
            if let Some(r) = single_withheld(&cells) {
                let next =
                    smallest_other(&cells, r).map(|k| (cell_path(Some(k), c), row_label(Some(k))));
                issues.push(recovery_issue(
                    t,
                    cell_path(Some(r), c),
                    format!(
                        "the withheld count for \"{}\" in the column \"{}\" can be worked out from the total row",
                        row_label(Some(r)),
                        t.columns[c].label
                    ),
                    next,
                    "the total row",
                ));
            }
        }
    }
    // Across each row (and the total row), against a total column.
    let parts: Vec<usize> = (0..t.columns.len())
        .filter(|&i| t.counts_children(i) && !t.columns[i].total)
        .collect();
    for tc in (0..t.columns.len()).filter(|&i| t.columns[i].total) {
        if !t.counts_children(tc) {
            continue;
        }
        let lines = p
            .rows
            .iter()
            .enumerate()
            .map(|(r, cells)| (Some(r), cells))
            .chain(p.total.iter().map(|cells| (None, cells)));
        for (r, cells) in lines {
            if cells.get(tc).and_then(|s| s.value()).is_none() {
                continue;
            }
            let part_cells: Vec<Shown> = parts.iter().map(|&i| cells[i]).collect();
            if let Some(k) = single_withheld(&part_cells) {
                let c = parts[k];
                let next = smallest_other(&part_cells, k)
                    .map(|j| (cell_path(r, parts[j]), t.columns[parts[j]].label.clone()));
                issues.push(recovery_issue(
                    t,
                    cell_path(r, c),
                    format!(
                        "the withheld count for \"{}\" in the column \"{}\" can be worked out from the column \"{}\"",
                        row_label(r),
                        t.columns[c].label,
                        t.columns[tc].label
                    ),
                    next,
                    &format!("the \"{}\" column", t.columns[tc].label),
                ));
            }
        }
    }
    issues
}

/// The position of the only withheld cell, when every other cell has a value.
fn single_withheld(cells: &[Shown]) -> Option<usize> {
    let withheld: Vec<usize> = (0..cells.len())
        .filter(|&i| cells[i].is_withheld())
        .collect();
    let others_known = cells.iter().all(|c| c.is_withheld() || c.value().is_some());
    match withheld.as_slice() {
        [only] if others_known => Some(*only),
        _ => None,
    }
}

/// The position of the smallest published value other than `skip`: the usual choice for a
/// second (secondary) withheld cell.
fn smallest_other(cells: &[Shown], skip: usize) -> Option<usize> {
    (0..cells.len())
        .filter(|&i| i != skip)
        .filter_map(|i| cells[i].value().map(|v| (i, v)))
        .min_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn recovery_issue(
    t: &Table,
    path: String,
    message: String,
    next: Option<(String, String)>,
    from: &str,
) -> Issue {
    let hint = match next {
        Some((path, label)) => format!(
            "withhold a second figure as well (secondary suppression): write `c` in place of the value at `{path}` (\"{label}\"), the smallest other one, or do not publish {from}"
        ),
        None => format!("withhold a second figure as well, or do not publish {from}"),
    };
    Issue::warning(Place::new(&t.file, path), message)
        .expected(
            "no withheld count that can be found by subtracting the published figures from a total",
        )
        .hint(hint)
}

// ---------------------------------------------------------------- filtering the asks

/// The asks page's index: facets `type`, `age`, `need` and `locality` (in that order); the
/// due date is the end of `by`; the text is the title, detail, category labels and id.
pub fn asks_index(a: &Asks) -> Index {
    let values = |list: &[Category]| -> Vec<FacetValue> {
        list.iter()
            .map(|c| FacetValue {
                key: c.id.clone(),
                label: c.label.clone(),
            })
            .collect()
    };
    let position = |list: &[Category], id: &str| -> Option<u32> {
        list.iter().position(|c| c.id == id).map(|i| i as u32)
    };
    let positions = |list: &[Category], ids: &[String]| -> Vec<u32> {
        let mut out: Vec<u32> = ids.iter().filter_map(|id| position(list, id)).collect();
        out.sort_unstable();
        out.dedup();
        out
    };
    let label = |list: &[Category], id: &str| -> String {
        list.iter()
            .find(|c| c.id == id)
            .map_or_else(|| id.to_string(), |c| c.label.clone())
    };
    let items = a
        .asks
        .iter()
        .map(|ask| {
            let mut text = String::new();
            let mut parts: Vec<String> = vec![ask.title.clone()];
            parts.extend(ask.detail.clone());
            parts.push(label(&a.placement_types, &ask.placement_type));
            parts.extend(ask.ages.iter().map(|x| label(&a.age_bands, x)));
            parts.extend(ask.needs.iter().map(|x| label(&a.needs, x)));
            parts.push(label(&a.localities, &ask.locality));
            parts.push(ask.id.clone());
            for part in parts {
                text.push_str(&part.to_lowercase());
                text.push('\n');
            }
            Item {
                id: ask.id.clone(),
                facets: vec![
                    position(&a.placement_types, &ask.placement_type)
                        .into_iter()
                        .collect(),
                    positions(&a.age_bands, &ask.ages),
                    positions(&a.needs, &ask.needs),
                    position(&a.localities, &ask.locality).into_iter().collect(),
                ],
                due: ask.by.end().map(|d| d.to_days()),
                text,
            }
        })
        .collect();
    Index {
        facets: vec![
            Facet {
                name: "type".into(),
                label: "Placement type".into(),
                values: values(&a.placement_types),
            },
            Facet {
                name: "age".into(),
                label: "Age band".into(),
                values: values(&a.age_bands),
            },
            Facet {
                name: "need".into(),
                label: "Need".into(),
                values: values(&a.needs),
            },
            Facet {
                name: "locality".into(),
                label: "Locality".into(),
                values: values(&a.localities),
            },
        ],
        items,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn col(id: &str) -> Column {
        Column {
            id: id.into(),
            label: id.to_uppercase(),
            unit: Unit::Count,
            decimals: None,
            children: None,
            of: None,
            total: false,
        }
    }

    fn row(label: &str, values: &[Cell]) -> Row {
        Row {
            label: label.into(),
            values: values.to_vec(),
            note: None,
        }
    }

    fn v(x: f64) -> Cell {
        Cell::Value(x)
    }

    /// Children by type (count) and share (percent of the count), with a total row.
    fn table() -> Table {
        let mut share = col("share");
        share.unit = Unit::Percent;
        share.of = Some("children".into());
        Table {
            file: "market/demand/t.yaml".into(),
            section: Section::Demand,
            id: "t".into(),
            title: "T".into(),
            as_at: Period::parse("2021").unwrap(),
            order: None,
            summary: None,
            dimension: "Type".into(),
            children: true,
            columns: vec![col("children"), share],
            rows: vec![
                row("Foster care", &[v(40.0), v(80.0)]),
                row("Children's homes", &[v(7.0), v(14.0)]),
                row("Parent and child", &[v(3.0), v(6.0)]),
            ],
            total: Some(row("All", &[v(50.0), v(100.0)])),
            trend: None,
            chart: TableChart::Bar,
            chart_columns: vec![],
            metric: None,
            source: None,
            note: None,
        }
    }

    #[test]
    fn the_default_rule_withholds_one_to_four() {
        let rule = Suppression::default();
        assert!(!rule.withholds(0.0));
        for n in 1..=4 {
            assert!(rule.withholds(f64::from(n)));
        }
        assert!(!rule.withholds(5.0));
        assert!(rule.note_text().contains("from 1 to 4"));
        let off = Suppression {
            min: 1,
            max: 0,
            ..Suppression::default()
        };
        assert!(!off.withholds(1.0));
    }

    #[test]
    fn small_counts_and_their_shares_are_withheld() {
        let rule = Suppression::default();
        let p = publish(&table(), &rule);
        assert_eq!(p.rows[0], vec![Shown::Value(40.0), Shown::Value(80.0)]);
        assert_eq!(p.rows[2], vec![Shown::Withheld, Shown::Withheld]);
        assert_eq!(p.total, Some(vec![Shown::Value(50.0), Shown::Value(100.0)]));
        assert_eq!(p.rows[2][0].symbol(&rule), Some("c"));
        // A table that does not count children publishes everything.
        let mut t = table();
        t.children = false;
        assert_eq!(publish(&t, &rule).rows[2][0], Shown::Value(3.0));
        // A column can say it counts children when the table does not.
        t.columns[0].children = Some(true);
        assert_eq!(publish(&t, &rule).rows[2][0], Shown::Withheld);
    }

    #[test]
    fn a_single_withheld_cell_under_a_total_is_recoverable() {
        let rule = Suppression::default();
        let t = table();
        let issues = recoverable(&t, &publish(&t, &rule));
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].place.path, "rows[2].values[0]");
        assert!(
            issues[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("rows[1].values[0]")
        );
        // Secondary suppression: withhold the next smallest too, and nothing is recoverable.
        let mut t2 = t.clone();
        t2.rows[1].values[0] = Cell::Flag(Flag::Suppressed);
        assert!(recoverable(&t2, &publish(&t2, &rule)).is_empty());
        // Without a total there is nothing to subtract from.
        let mut t3 = t.clone();
        t3.total = None;
        assert!(recoverable(&t3, &publish(&t3, &rule)).is_empty());
    }

    #[test]
    fn a_total_column_makes_a_row_recoverable() {
        let rule = Suppression::default();
        let mut all = col("all");
        all.total = true;
        let mut t = table();
        t.columns = vec![col("boys"), col("girls"), all];
        t.rows = vec![
            row("Under 10", &[v(12.0), v(2.0), v(14.0)]),
            row("10 and over", &[v(20.0), v(30.0), v(50.0)]),
        ];
        t.total = None;
        let issues = recoverable(&t, &publish(&t, &rule));
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].place.path, "rows[0].values[1]");
        assert!(issues[0].message.contains("\"ALL\""));
        // A withheld row total protects the row.
        t.rows[0].values[2] = Cell::Flag(Flag::Suppressed);
        assert!(recoverable(&t, &publish(&t, &rule)).is_empty());
    }

    #[test]
    fn trends_and_volumes_are_withheld_too() {
        let rule = Suppression::default();
        let mut t = table();
        t.trend = Some(Trend {
            title: None,
            label: "Children".into(),
            unit: Unit::Count,
            decimals: None,
            children: None,
            series: vec![
                Point {
                    period: Period::parse("2019").unwrap(),
                    value: Some(2.0),
                    flag: None,
                    note: None,
                },
                Point {
                    period: Period::parse("2020").unwrap(),
                    value: Some(9.0),
                    flag: None,
                    note: None,
                },
            ],
        });
        assert_eq!(
            publish(&t, &rule).trend,
            vec![Shown::Withheld, Shown::Value(9.0)]
        );
        assert_eq!(publish_count(Some(3.0), &rule), Some(Shown::Withheld));
        assert_eq!(publish_count(Some(0.0), &rule), Some(Shown::Value(0.0)));
    }

    #[test]
    fn cells_read_numbers_and_flags() {
        let cells: Vec<Cell> = serde_yaml::from_str("[3, 4.5, c, x, z]").unwrap();
        assert_eq!(
            cells,
            vec![
                v(3.0),
                v(4.5),
                Cell::Flag(Flag::Suppressed),
                Cell::Flag(Flag::NotAvailable),
                Cell::Flag(Flag::NotApplicable)
            ]
        );
        let err = serde_yaml::from_str::<Vec<Cell>>("[3, lots]").unwrap_err();
        assert!(err.to_string().contains("a number, or c"), "{err}");
    }

    #[test]
    fn the_asks_index_has_four_facets() {
        let asks: Asks = serde_yaml::from_str(
            r#"
placement_types: [{ id: fostering, label: Foster care }, { id: homes, label: Children's homes }]
age_bands: [{ id: 0-9, label: 0 to 9 }, { id: 14-17, label: 14 to 17 }]
needs: [{ id: siblings, label: Sibling groups }]
localities: [{ id: city, label: In the city }]
asks:
  - { id: a, title: Teenagers, type: fostering, ages: [14-17], locality: city, by: 2022 }
  - { id: b, title: Brothers and sisters, type: fostering, ages: [14-17, 0-9], needs: [siblings], locality: city, by: Ongoing }
"#,
        )
        .unwrap();
        let ix = asks_index(&asks);
        let names: Vec<&str> = ix.facets.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["type", "age", "need", "locality"]);
        assert_eq!(ix.items[1].facets[1], vec![0, 1]);
        assert!(ix.items[0].due.is_some());
        assert!(ix.items[1].due.is_none());
        let hits = |q: &str| {
            let o = ix.apply(&ix.query_string(q));
            ix.items
                .iter()
                .zip(&o.visible)
                .filter(|(_, v)| **v)
                .map(|(i, _)| i.id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(hits("need=siblings"), ["b"]);
        assert_eq!(hits("age=14-17"), ["a", "b"]);
        assert_eq!(hits("q=sibling"), ["b"]);
    }
}

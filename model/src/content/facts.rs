//! `facts.yaml` (key facts and their sources) and `breakdowns/*.yaml` (small tables of labels
//! and values, drawn as charts).

use serde::{Deserialize, Serialize};

use crate::period::Period;

use super::{Flag, MetricSource, Unit};

/// `facts.yaml`: key facts and the sources they cite.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The date the facts describe, unless a fact has its own date (a period).
    #[serde(default)]
    pub as_at: Option<Period>,
    /// The key facts, in the order shown.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The sources the facts cite; the facts page numbers them as footnotes.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A key fact: a number, its unit and what it counts.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// The number.
    pub value: f64,
    /// What the number is.
    pub unit: Unit,
    /// What the number counts, shown under it.
    pub label: String,
    /// One more line, such as a rate.
    #[serde(default)]
    pub detail: Option<String>,
    /// When the figure is from, if not the file's as_at (a period).
    #[serde(default)]
    pub date: Option<Period>,
    /// Decimal places shown (default: 0 for whole numbers, else 1).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// The id of a source in this file.
    #[serde(default)]
    pub source: Option<String>,
    /// The id of a measure the fact links to.
    #[serde(default)]
    pub metric: Option<String>,
}

/// A source that facts cite.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Lower-case letters, digits and hyphens; facts cite it by this id.
    pub id: String,
    /// The title of the publication or data set.
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published (a period).
    #[serde(default)]
    pub date: Option<Period>,
    /// Where to find it.
    #[serde(default)]
    pub url: Option<String>,
}

// ---------------------------------------------------------------- breakdowns/*.yaml

/// `breakdowns/*.yaml` in the older one-value form: a small table of labels and values,
/// drawn as a chart. The loader reads a breakdown with `columns:` as a
/// [`crate::market::Table`] (several columns, text columns, periods) and turns this form into
/// one with [`crate::market::Table::from_breakdown`].
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// The file it was read from, relative to the content folder.
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Lower-case letters, digits and hyphens. Link to it with breakdown:ID.
    pub id: String,
    /// The table's title.
    pub title: String,
    /// The date the figures describe (a period).
    pub as_at: Period,
    /// What the values are.
    pub unit: Unit,
    /// The heading of the label column, such as Age band.
    pub dimension: String,
    /// The heading of the value column.
    #[serde(default)]
    pub value_label: Option<String>,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// One row a category: a label and a value (or a flag).
    pub rows: Vec<BreakdownRow>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<MetricSource>,
    /// Notes shown under the table (Markdown).
    #[serde(default)]
    pub note: Option<String>,
    /// How the table is drawn: bar, pie or none (default bar).
    #[serde(default)]
    pub chart: ChartKind,
}

/// The JSON Schema of a breakdown file (`hearth schema`): a table, or the one-value form.
/// For the schema only: the loader tells the two forms apart by their keys
/// (`columns:` makes a table), so each form's errors are its own.
#[cfg(feature = "schema")]
#[derive(Debug, schemars::JsonSchema)]
#[serde(untagged)]
pub enum BreakdownFile {
    /// A table: several columns, text columns, rows and columns that are periods.
    Table(Box<crate::market::Table>),
    /// The one-value form: a unit and one value a row.
    OneValue(Box<Breakdown>),
}

/// A row of a breakdown.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BreakdownRow {
    /// The category.
    pub label: String,
    /// The value; leave it out and give a flag when it is withheld.
    #[serde(default)]
    pub value: Option<f64>,
    /// Why there is no value: c suppressed, x not available, z not applicable.
    #[serde(default)]
    pub flag: Option<Flag>,
}

/// How a breakdown is drawn: bar, pie or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    #[default]
    Bar,
    Pie,
    None,
}

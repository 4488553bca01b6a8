//! `market/demand/*.yaml` and `market/supply/*.yaml`: typed tables of figures, with the
//! cells as written ([`Cell`]: a number or a flag).

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use crate::content::{Flag, MetricSource, Point, Unit};
use crate::period::Period;

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
    /// A total row (optional): in each count column, the sum of the rows (all of them, or
    /// those its `sums` names). Checked at build; withheld cells must not be recoverable from it.
    #[serde(default)]
    pub total: Option<Row>,
    /// The id of another table that counts the same children, so the two tables' totals are
    /// equal (checked at build, and used to find withheld cells a reader could work out by
    /// comparing the two tables). A table's total is its total row's value in its first total
    /// column; without a total column, the sum of its total row's count columns; without a
    /// total row, the same sums over every row.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub same_total_as: Option<String>,
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
    /// This column is a total: the sum of the columns `sums` names or, without `sums`, of
    /// the row's other count columns (those that are not totals or shares).
    #[serde(default)]
    pub total: bool,
    /// The ids of the count columns this column is the sum of (makes it a total). Checked at
    /// build.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sums: Vec<String>,
}

impl Column {
    /// Whether the column is a total (`total: true`, or `sums:`).
    pub fn is_total(&self) -> bool {
        self.total || !self.sums.is_empty()
    }

    /// Whether the column is a count that can be summed or be a sum: a count that is not a
    /// share.
    pub fn is_summable(&self) -> bool {
        self.unit == Unit::Count && self.of.is_none()
    }
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
            .filter(|&i| !self.columns[i].is_total() && self.columns[i].of.is_none())
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
    /// Only on the total row: the labels of the rows it is the sum of (default: every row).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sums: Vec<String>,
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn v(x: f64) -> Cell {
        Cell::Value(x)
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
}

//! The one table type of both sides: `market/demand/*.yaml`, `market/supply/*.yaml` and
//! `breakdowns/*.yaml` are [`Table`]s, with the cells as written ([`Cell`]: a number or a
//! flag; a text column's words are kept beside them in [`Row::text`]). Rows and columns may
//! be periods; a breakdown in the older one-value form ([`crate::Breakdown`]) becomes a table
//! with [`Table::from_breakdown`].

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
    /// A breakdown (`breakdowns/*.yaml`), on the facts page.
    Facts,
}

impl Section {
    pub fn key(self) -> &'static str {
        match self {
            Section::Demand => "demand",
            Section::Supply => "supply",
            Section::Facts => "facts",
        }
    }
}

/// A typed table: `market/demand/*.yaml`, `market/supply/*.yaml` or `breakdowns/*.yaml`.
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
    /// The date the figures describe (a period). Optional only when every row, or every
    /// value column, is a period: those give the dates.
    #[serde(default)]
    pub as_at: Option<Period>,
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
    /// Read from a breakdown in the older one-value form (`unit`, `value_label`, `rows:
    /// [{label, value, flag}]`): its CSV keeps that form's columns.
    #[serde(skip)]
    pub one_value_form: bool,
}

/// What a column holds: numbers (the default) or text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ColumnKind {
    /// Numbers (or the flags c, x, z), with the column's unit.
    #[default]
    Number,
    /// Words, shown as written: never summed, charted or withheld.
    Text,
}

/// A column of a table.
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
    /// `text` for a column of words (what a home offers, who it is for); default `number`.
    #[serde(default)]
    pub kind: ColumnKind,
    /// The period this column's figures are for (columns 2019, 2020, 2021): shown above the
    /// column's label, with the columns of the same period under one heading.
    #[serde(default)]
    pub period: Option<Period>,
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
        self.unit == Unit::Count && self.of.is_none() && self.kind == ColumnKind::Number
    }
}

fn count() -> Unit {
    Unit::Count
}

impl Table {
    /// Whether column `i` counts children.
    pub fn counts_children(&self, i: usize) -> bool {
        self.columns.get(i).is_some_and(|c| {
            c.kind == ColumnKind::Number
                && c.unit == Unit::Count
                && c.children.unwrap_or(self.children)
                && c.of.is_none()
        })
    }

    /// Whether column `i` holds text.
    pub fn is_text(&self, i: usize) -> bool {
        self.columns
            .get(i)
            .is_some_and(|c| c.kind == ColumnKind::Text)
    }

    /// Whether every row is a period (so the rows give the table's dates).
    pub fn rows_are_periods(&self) -> bool {
        !self.rows.is_empty() && self.rows.iter().all(|r| r.period.is_some())
    }

    /// Whether every value (number) column is a period.
    pub fn columns_are_periods(&self) -> bool {
        let mut numbers = self
            .columns
            .iter()
            .filter(|c| c.kind == ColumnKind::Number)
            .peekable();
        numbers.peek().is_some() && numbers.all(|c| c.period.is_some())
    }

    /// The first and last periods the figures are for, when the rows or the columns are
    /// periods (in the order written).
    pub fn period_span(&self) -> Option<(&Period, &Period)> {
        let periods: Vec<&Period> = if self.rows_are_periods() {
            self.rows.iter().filter_map(|r| r.period.as_ref()).collect()
        } else if self.columns_are_periods() {
            self.columns
                .iter()
                .filter_map(|c| c.period.as_ref())
                .collect()
        } else {
            return None;
        };
        Some((periods.first()?, periods.last()?))
    }

    /// A breakdown in the older one-value form, as a table of one value column.
    pub fn from_breakdown(b: crate::Breakdown) -> Table {
        let label = b.value_label.clone().unwrap_or_else(|| {
            let mut c = b.unit.label().chars();
            c.next()
                .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
                .unwrap_or_default()
        });
        Table {
            file: b.file,
            section: Section::Facts,
            id: b.id,
            title: b.title,
            as_at: Some(b.as_at),
            order: None,
            summary: None,
            dimension: b.dimension,
            same_total_as: None,
            children: false,
            columns: vec![Column {
                id: "value".into(),
                label,
                unit: b.unit,
                decimals: Some(b.decimals.unwrap_or(0)),
                children: None,
                of: None,
                total: false,
                kind: ColumnKind::Number,
                period: None,
                sums: Vec::new(),
            }],
            rows: b
                .rows
                .into_iter()
                .map(|r| Row {
                    label: r.label,
                    values: vec![match (r.value, r.flag) {
                        (_, Some(f)) => Cell::Flag(f),
                        (Some(v), None) => Cell::Value(v),
                        (None, None) => Cell::Flag(Flag::NotAvailable),
                    }],
                    note: None,
                    period: None,
                    text: Vec::new(),
                    sums: Vec::new(),
                })
                .collect(),
            total: None,
            trend: None,
            chart: match b.chart {
                crate::ChartKind::Bar => TableChart::Bar,
                crate::ChartKind::Pie => TableChart::Pie,
                crate::ChartKind::None => TableChart::None,
            },
            chart_columns: Vec::new(),
            metric: None,
            source: b.source,
            note: b.note,
            one_value_form: true,
        }
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
            .filter(|&i| {
                let c = &self.columns[i];
                !c.is_total() && c.of.is_none() && c.kind == ColumnKind::Number
            })
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

/// A row of a table.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(try_from = "RowInput")]
pub struct Row {
    /// The row's label (a period row's label is the period's wording, unless it has one).
    pub label: String,
    /// One cell per column, in column order: a number, or `c`, `x` or `z` for a withheld value.
    /// A text column's cell is `z` here, its words in `text`.
    pub values: Vec<Cell>,
    /// A note on this row.
    pub note: Option<String>,
    /// The period the row is for (`period:` instead of `label:`).
    pub period: Option<Period>,
    /// The words of each cell written as text, by column (empty when the row has none).
    pub text: Vec<Option<String>>,
    /// Only on the total row: the labels of the rows it is the sum of (default: every row).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub sums: Vec<String>,
}

impl Row {
    /// The words written in column `i`, if that cell is text.
    pub fn text_at(&self, i: usize) -> Option<&str> {
        self.text.get(i).and_then(|t| t.as_deref())
    }
}

/// A row as written: a `label` or a `period` (or both: the label is then the wording shown),
/// and one value per column: a number, `c`, `x` or `z`, or words in a text column.
#[derive(Clone, Debug, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RowInput {
    /// The row's label.
    #[serde(default)]
    pub label: Option<String>,
    /// The period the row is for, such as `Apr 2013` or `2020/21`: written instead of a label.
    #[serde(default)]
    pub period: Option<Period>,
    /// One value per column, in column order: a number, or `c` (withheld), `x` (not
    /// available) or `z` (not applicable); words in a text column.
    pub values: Vec<CellInput>,
    /// A note on this row.
    #[serde(default)]
    pub note: Option<String>,
    /// Only on the total row: the labels of the rows it is the sum of (default: every row).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sums: Vec<String>,
}

impl TryFrom<RowInput> for Row {
    type Error = String;
    fn try_from(r: RowInput) -> Result<Row, String> {
        let label = match (r.label, &r.period) {
            (Some(l), _) => l,
            (None, Some(p)) => p.label(),
            (None, None) => {
                return Err("a row needs a `label` or a `period`, such as `{ label: Under 5, values: [...] }` or `{ period: Apr 2013, values: [...] }`".into());
            }
        };
        let any_text = r.values.iter().any(|v| matches!(v, CellInput::Text(_)));
        let mut values = Vec::with_capacity(r.values.len());
        let mut text = Vec::new();
        for v in r.values {
            match v {
                CellInput::Cell(c) => {
                    values.push(c);
                    if any_text {
                        text.push(None);
                    }
                }
                CellInput::Text(t) => {
                    values.push(Cell::Flag(Flag::NotApplicable));
                    text.push(Some(t));
                }
            }
        }
        Ok(Row {
            label,
            values,
            note: r.note,
            period: r.period,
            text,
            sums: r.sums,
        })
    }
}

/// A value as written in a row: a [`Cell`], or words (for a text column).
#[derive(Clone, Debug, PartialEq)]
pub enum CellInput {
    Cell(Cell),
    Text(String),
}

/// The JSON Schema of a row's value: a number, `c`, `x`, `z`, or words.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for CellInput {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "CellInput".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::market::CellInput".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A value: a number, or c (withheld to protect confidentiality), x (not available) or z (not applicable); in a text column (`kind: text`), words.",
            "anyOf": [
                { "type": "number" },
                { "type": "string" }
            ]
        })
    }
}

impl<'de> Deserialize<'de> for CellInput {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<CellInput, D::Error> {
        struct InputVisitor;
        impl Visitor<'_> for InputVisitor {
            type Value = CellInput;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, or c (withheld), x (not available) or z (not applicable), or words in a text column")
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<CellInput, E> {
                Ok(CellInput::Cell(Cell::Value(v)))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<CellInput, E> {
                Ok(CellInput::Cell(Cell::Value(v as f64)))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<CellInput, E> {
                Ok(CellInput::Cell(Cell::Value(v as f64)))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<CellInput, E> {
                Ok(match v.trim() {
                    "c" => CellInput::Cell(Cell::Flag(Flag::Suppressed)),
                    "x" => CellInput::Cell(Cell::Flag(Flag::NotAvailable)),
                    "z" => CellInput::Cell(Cell::Flag(Flag::NotApplicable)),
                    _ => CellInput::Text(v.to_string()),
                })
            }
        }
        d.deserialize_any(InputVisitor)
    }
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

/// How a table is drawn: bar, stacked, pie, line (over rows or columns that are periods)
/// or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum TableChart {
    #[default]
    Bar,
    Stacked,
    Pie,
    /// One line per charted column over rows that are periods, or one line per row over
    /// charted columns that are periods.
    Line,
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

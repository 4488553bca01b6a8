//! Declared totals as equations, and the check that each adds up.
//!
//! A table declares three kinds of total:
//! - a total column (`total: true`, or `sums: [ids]`): in every line (each row and the total
//!   row), its value is the sum of the columns `sums` names or, without `sums`, of the line's
//!   other count columns (those that are not totals or shares);
//! - the total row: in every count column, its value is the sum of the rows its `sums` names
//!   (by label), or of every row;
//! - `same_total_as: <table id>`: the table's total is the other table's total (see
//!   [`grand_total`]).
//!
//! Each becomes an [`Equation`] over cells. [`check_totals`] reports, as an error with the
//! figures, every equation whose cells are all known numbers and do not add up.

use super::super::{Cell, Table};
use crate::content::Flag;
use crate::format::plain;
use crate::validate::{Issue, Place};

/// The line of a table a cell is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Line {
    Row(usize),
    Total,
}

/// A cell of one of the tables being checked together.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CellRef {
    /// The table's position in the list of tables.
    pub table: usize,
    pub line: Line,
    pub column: usize,
}

impl CellRef {
    /// The cell's field path in its table's file: `rows[2].values[1]` or `total.values[1]`.
    pub fn path(&self) -> String {
        match self.line {
            Line::Row(r) => format!("rows[{r}].values[{}]", self.column),
            Line::Total => format!("total.values[{}]", self.column),
        }
    }

    /// The cell as written in the content (`None` when the row is too short).
    pub fn cell(&self, tables: &[Table]) -> Option<Cell> {
        let t = tables.get(self.table)?;
        let row = match self.line {
            Line::Row(r) => t.rows.get(r)?,
            Line::Total => t.total.as_ref()?,
        };
        row.values.get(self.column).copied()
    }

    /// The row's label and the column's label.
    pub fn labels<'t>(&self, tables: &'t [Table]) -> (&'t str, &'t str) {
        let Some(t) = tables.get(self.table) else {
            return ("", "");
        };
        let row = match self.line {
            Line::Row(r) => t.rows.get(r).map_or("", |r| r.label.as_str()),
            Line::Total => t.total.as_ref().map_or("", |r| r.label.as_str()),
        };
        let col = t.columns.get(self.column).map_or("", |c| c.label.as_str());
        (row, col)
    }
}

/// Where an equation comes from.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Origin {
    /// A total column (`column`) across one line of table `table`.
    Column {
        table: usize,
        line: Line,
        column: usize,
        /// Whether the column names its parts (`sums:`) or takes the default.
        declared: bool,
    },
    /// The total row down one column of table `table`.
    Row {
        table: usize,
        column: usize,
        declared: bool,
    },
    /// Table `table` says it has the same total as table `other`.
    Shared { table: usize, other: usize },
}

/// A declared total: the sum of `left` equals the sum of `right`.
#[derive(Clone, Debug, PartialEq)]
pub struct Equation {
    pub left: Vec<CellRef>,
    pub right: Vec<CellRef>,
    pub origin: Origin,
}

impl Equation {
    /// Every cell with its coefficient (+1 on the left, -1 on the right), cells that appear
    /// on both sides merged.
    pub fn terms(&self) -> Vec<(CellRef, i64)> {
        let mut out: std::collections::BTreeMap<CellRef, i64> = Default::default();
        for c in &self.left {
            *out.entry(*c).or_default() += 1;
        }
        for c in &self.right {
            *out.entry(*c).or_default() -= 1;
        }
        out.into_iter().filter(|(_, k)| *k != 0).collect()
    }
}

/// The columns a total column sums: those `sums` names or, without `sums`, the other count
/// columns that are not totals. `None` when `sums` names a column that is not another count
/// column of the table, or one twice (the validation reports it; the total is not checked).
pub fn column_parts(t: &Table, tc: usize) -> Option<Vec<usize>> {
    let col = &t.columns[tc];
    if col.sums.is_empty() {
        return Some(
            (0..t.columns.len())
                .filter(|&i| i != tc && t.columns[i].is_summable() && !t.columns[i].is_total())
                .collect(),
        );
    }
    let mut out = Vec::new();
    for id in &col.sums {
        let i = t.column(id)?;
        if i == tc || !t.columns[i].is_summable() || out.contains(&i) {
            return None;
        }
        out.push(i);
    }
    Some(out)
}

/// The rows the total row sums: those its `sums` names (by label), or every row. `None` when
/// a label is not the label of exactly one row, or is named twice.
pub fn row_parts(t: &Table) -> Option<Vec<usize>> {
    let Some(total) = t.total.as_ref().filter(|t| !t.sums.is_empty()) else {
        return Some((0..t.rows.len()).collect());
    };
    let mut out = Vec::new();
    for label in &total.sums {
        let mut matching = (0..t.rows.len()).filter(|&r| t.rows[r].label.trim() == label.trim());
        let (Some(r), None) = (matching.next(), matching.next()) else {
            return None;
        };
        if out.contains(&r) {
            return None;
        }
        out.push(r);
    }
    Some(out)
}

/// A table's total, as the cells that add up to it: its total row's value in its first
/// total column; without a total column, its total row's count columns (not totals or
/// shares); without a total row, the same columns in every row. Empty when the table has no
/// count column.
pub fn grand_total(tables: &[Table], table: usize) -> Vec<CellRef> {
    let Some(t) = tables.get(table) else {
        return Vec::new();
    };
    let cols: Vec<usize> = match (0..t.columns.len())
        .find(|&i| t.columns[i].is_total() && t.columns[i].is_summable())
    {
        Some(tc) => vec![tc],
        None => (0..t.columns.len())
            .filter(|&i| t.columns[i].is_summable() && !t.columns[i].is_total())
            .collect(),
    };
    let lines: Vec<Line> = if t.total.is_some() {
        vec![Line::Total]
    } else {
        (0..t.rows.len()).map(Line::Row).collect()
    };
    lines
        .iter()
        .flat_map(|&line| {
            cols.iter().map(move |&column| CellRef {
                table,
                line,
                column,
            })
        })
        .collect()
}

/// The table named by `same_total_as`, when it names another table.
pub fn shared_with(tables: &[Table], table: usize) -> Option<usize> {
    let id = tables.get(table)?.same_total_as.as_deref()?;
    tables
        .iter()
        .position(|o| o.id == id)
        .filter(|&o| o != table)
}

/// Every declared total of the tables, in table order. References that do not resolve are
/// left out (the validation reports them).
pub fn equations(tables: &[Table]) -> Vec<Equation> {
    let mut out = Vec::new();
    for (ti, t) in tables.iter().enumerate() {
        let lines: Vec<Line> = (0..t.rows.len())
            .map(Line::Row)
            .chain(t.total.iter().map(|_| Line::Total))
            .collect();
        let at = |line, column| CellRef {
            table: ti,
            line,
            column,
        };
        for tc in 0..t.columns.len() {
            if !t.columns[tc].is_total() || !t.columns[tc].is_summable() {
                continue;
            }
            let Some(parts) = column_parts(t, tc) else {
                continue;
            };
            for &line in &lines {
                out.push(Equation {
                    left: vec![at(line, tc)],
                    right: parts.iter().map(|&c| at(line, c)).collect(),
                    origin: Origin::Column {
                        table: ti,
                        line,
                        column: tc,
                        declared: !t.columns[tc].sums.is_empty(),
                    },
                });
            }
        }
        if let (Some(total), Some(rows)) = (&t.total, row_parts(t)) {
            for c in (0..t.columns.len()).filter(|&c| t.columns[c].is_summable()) {
                out.push(Equation {
                    left: vec![at(Line::Total, c)],
                    right: rows.iter().map(|&r| at(Line::Row(r), c)).collect(),
                    origin: Origin::Row {
                        table: ti,
                        column: c,
                        declared: !total.sums.is_empty(),
                    },
                });
            }
        }
        if let Some(other) = shared_with(tables, ti) {
            let (left, right) = (grand_total(tables, ti), grand_total(tables, other));
            if !left.is_empty() && !right.is_empty() {
                out.push(Equation {
                    left,
                    right,
                    origin: Origin::Shared { table: ti, other },
                });
            }
        }
    }
    out
}

/// A cell's value for checking a total: a number, `z` (not applicable) as nothing to add,
/// `None` for a withheld (`c`) or unavailable (`x`) value.
fn known(tables: &[Table], c: &CellRef) -> Option<f64> {
    match c.cell(tables)? {
        Cell::Value(v) if v.is_finite() => Some(v),
        Cell::Flag(Flag::NotApplicable) => Some(0.0),
        _ => None,
    }
}

/// The most decimal places among the cells' columns.
fn decimals(tables: &[Table], cells: &[CellRef]) -> u8 {
    cells
        .iter()
        .filter_map(|c| tables.get(c.table)?.columns.get(c.column)?.decimals)
        .max()
        .unwrap_or(0)
}

/// Errors for declared totals that do not add up. A total is checked when every one of its
/// cells is a number (`z` counts as nothing; a total written `z` is not checked); the sum may
/// differ from the total by less than half a unit in the last decimal place shown (so counts
/// must add up exactly), or, in a table whose source rounds its figures to the nearest N, by
/// at most N/2 for each figure in the equation.
pub fn check_totals(tables: &[Table], equations: &[Equation]) -> Vec<Issue> {
    let mut issues = Vec::new();
    for eq in equations {
        if let [total] = eq.left.as_slice()
            && matches!(total.cell(tables), Some(Cell::Flag(Flag::NotApplicable)))
        {
            continue;
        }
        let values = |cells: &[CellRef]| -> Option<Vec<f64>> {
            cells.iter().map(|c| known(tables, c)).collect()
        };
        let (Some(left), Some(right)) = (values(&eq.left), values(&eq.right)) else {
            continue;
        };
        let places = decimals(tables, &[eq.left.as_slice(), eq.right.as_slice()].concat());
        let (l, r): (f64, f64) = (left.iter().sum(), right.iter().sum());
        if ((l - r).abs() * 10f64.powi(i32::from(places))) <= 0.5 + 1e-6 {
            continue;
        }
        // Figures the publisher rounded (to the nearest 5, say) are each off by up to half
        // the step, so a total may differ from the sum of its parts by that much per figure.
        let rounded = eq
            .left
            .iter()
            .chain(&eq.right)
            .filter_map(|c| tables[c.table].source.as_ref()?.rounded_to)
            .max();
        if let Some(step) = rounded {
            let figures = (eq.left.len() + eq.right.len()) as f64;
            if (l - r).abs() <= figures * f64::from(step) / 2.0 + 1e-6 {
                continue;
            }
        }
        issues.push(wrong_total(tables, eq, l, &right, r, places));
    }
    issues
}

fn wrong_total(
    tables: &[Table],
    eq: &Equation,
    total: f64,
    parts: &[f64],
    sum: f64,
    places: u8,
) -> Issue {
    let n = |v: f64| plain(v, places);
    let figures = parts.iter().map(|&v| n(v)).collect::<Vec<_>>().join(" + ");
    let sum_text = if parts.len() > 1 {
        format!("{figures} = {}", n(sum))
    } else {
        figures
    };
    match &eq.origin {
        Origin::Column {
            table,
            line,
            column,
            declared,
        } => {
            let t = &tables[*table];
            let names: Vec<&str> = eq
                .right
                .iter()
                .map(|c| t.columns[c.column].id.as_str())
                .collect();
            let cell = CellRef {
                table: *table,
                line: *line,
                column: *column,
            };
            let (row, _) = cell.labels(tables);
            let mut issue = Issue::error(
                Place::new(&t.file, cell.path()),
                format!(
                    "the total {} is not the sum of {} = {sum_text} (the column \"{}\", row \"{row}\")",
                    n(total),
                    if names.is_empty() { "no columns".to_string() } else { names.join(" + ") },
                    t.columns[*column].label
                ),
            )
            .expected(format!("{}, the sum of the parts", n(sum)));
            issue = if *declared {
                issue.hint(format!(
                    "check the figures against the document, and that `sums` on the column `{}` names every column the total adds up",
                    t.columns[*column].id
                ))
            } else {
                issue.hint(format!(
                    "check the figures against the document; `total: true` alone means the sum of every other count column: if the column `{}` adds up only some of them, name them, such as `sums: [{}]`",
                    t.columns[*column].id,
                    names.iter().take(2).copied().collect::<Vec<_>>().join(", ")
                ))
            };
            issue
        }
        Origin::Row {
            table,
            column,
            declared,
        } => {
            let t = &tables[*table];
            let names: Vec<String> = eq
                .right
                .iter()
                .map(|c| format!("\"{}\"", c.labels(tables).0))
                .collect();
            let cell = CellRef {
                table: *table,
                line: Line::Total,
                column: *column,
            };
            let issue = Issue::error(
                Place::new(&t.file, cell.path()),
                format!(
                    "the total {} is not the sum of the rows {} = {sum_text} (the total row, column \"{}\")",
                    n(total),
                    if names.is_empty() { "(none)".to_string() } else { names.join(" + ") },
                    t.columns[*column].label
                ),
            )
            .expected(format!("{}, the sum of the rows", n(sum)));
            if *declared {
                issue.hint("check the figures against the document, and that `sums` on the total row names every row the total adds up")
            } else {
                issue.hint("check the figures against the document; the total row is the sum of every row unless it says which: if it adds up only some rows, name them by label, such as `sums: [Boys, Girls]` on the total row")
            }
        }
        Origin::Shared { table, other } => {
            let (t, o) = (&tables[*table], &tables[*other]);
            Issue::error(
                Place::new(&t.file, "same_total_as"),
                format!(
                    "this table's total {} is not the total of the table `{}` ({})",
                    n(total),
                    o.id,
                    n(sum)
                ),
            )
            .expected("the same total: `same_total_as` says both tables count the same children")
            .hint("check the two tables' figures, or leave out `same_total_as` if they count different things; a table's total is its total row's value in its first total column (or the sum of its count columns), taken over every row when it has no total row")
            .related(Place::new(&o.file, "id"))
        }
    }
}

//! The small-number rule: counts of children that could identify a child are withheld.
//!
//! [`Suppression`] is the rule (by default counts from 1 to 4 are shown as `c`); [`publish`]
//! applies it to a table and returns only the cells that may be published ([`Shown`]), so
//! nothing downstream can leak a withheld value; [`recoverable`] finds withheld cells that a
//! reader could work out from a total.

use serde::{Deserialize, Serialize};

use super::{Cell, Row, Table};
use crate::content::Flag;
use crate::validate::{Issue, Place};

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
                    .map(|p| match (p.flag, p.number()) {
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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::{Point, Unit};
    use crate::market::{Column, Section, TableChart, Trend};
    use crate::period::Period;

    fn col(id: &str) -> Column {
        Column {
            id: id.into(),
            label: id.to_uppercase(),
            unit: Unit::Count,
            decimals: None,
            children: None,
            of: None,
            total: false,
            sums: vec![],
        }
    }

    fn row(label: &str, values: &[Cell]) -> Row {
        Row {
            label: label.into(),
            values: values.to_vec(),
            note: None,
            sums: vec![],
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
            same_total_as: None,
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
                Point::new(Period::parse("2019").unwrap(), 2.0),
                Point::new(Period::parse("2020").unwrap(), 9.0),
            ],
        });
        assert_eq!(
            publish(&t, &rule).trend,
            vec![Shown::Withheld, Shown::Value(9.0)]
        );
        assert_eq!(publish_count(Some(3.0), &rule), Some(Shown::Withheld));
        assert_eq!(publish_count(Some(0.0), &rule), Some(Shown::Value(0.0)));
    }
}

//! The small-number rule: counts of children that could identify a child are withheld.
//!
//! [`Suppression`] is the rule (by default counts from 1 to 4 are shown as `c`); [`publish`]
//! applies it to a table and returns only the cells that may be published ([`Shown`]), so
//! nothing downstream can leak a withheld value (primary suppression). [`check_tables`] checks the
//! tables' declared totals ([`totals`]: a total that does not add up is an error) and finds
//! withheld cells a reader could work out from them, with the smallest set of cells to
//! withhold as well ([`secondary`], by exact elimination in [`solve`]).

use serde::{Deserialize, Serialize};

use super::{Cell, Row, Table};
use crate::content::Flag;
use crate::format::plain;
use crate::validate::{Issue, Place};

pub mod secondary;
mod solve;
pub mod totals;

pub use secondary::{Finding, secondary};
pub use totals::{CellRef, Equation, Line, Origin, check_totals, equations};

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

/// Check the tables together: every declared total adds up (errors), and no withheld cell
/// can be worked out from the published figures and the totals (warnings, each naming the
/// smallest set of cells to withhold as well).
pub fn check_tables(tables: &[Table], rule: &Suppression) -> Vec<Issue> {
    let eqs = equations(tables);
    let mut issues = check_totals(tables, &eqs);
    let published: Vec<Published> = tables.iter().map(|t| publish(t, rule)).collect();
    for f in secondary(&published, &eqs) {
        issues.push(recovery_issue(tables, &eqs, &f));
    }
    issues
}

/// A cell for a hint: its path (and file, when it is in another table), labels and value.
fn cell_text(tables: &[Table], c: &CellRef, home: usize) -> String {
    let (row, col) = c.labels(tables);
    let value = match c.cell(tables) {
        Some(Cell::Value(v)) => {
            let places = tables[c.table].columns[c.column].decimals.unwrap_or(0);
            format!(": {}", plain(v, places))
        }
        _ => String::new(),
    };
    let file = if c.table == home {
        String::new()
    } else {
        format!(" in {}", tables[c.table].file)
    };
    format!("`{}`{file} (\"{row}\", \"{col}\"{value})", c.path())
}

fn recovery_issue(tables: &[Table], eqs: &[Equation], f: &Finding) -> Issue {
    let t = &tables[f.cell.table];
    let (row, col) = f.cell.labels(tables);
    let mut from: Vec<String> = f
        .from
        .iter()
        .filter_map(|&e| eqs.get(e))
        .map(|e| secondary::describe(tables, e))
        .collect();
    from.dedup();
    let how = match from.as_slice() {
        [] => "from the totals".to_string(),
        [one] => format!("from {one}"),
        [first @ .., last] => format!("by combining {} and {last}", first.join(", ")),
    };
    let hint = if f.extra.is_empty() {
        "no other published figure protects it: withhold a total it is worked out from as well, or do not publish that total".to_string()
    } else {
        let list: Vec<String> = f
            .extra
            .iter()
            .map(|c| cell_text(tables, c, f.cell.table))
            .collect();
        let n = f.extra.len();
        format!(
            "withhold {} as well (secondary suppression): write `c` in place of {}; {} no withheld figure here can be worked out",
            if n == 1 {
                "one more figure".to_string()
            } else {
                format!("{n} more figures")
            },
            list.join(", "),
            if f.smallest {
                "that is the smallest set (then the smallest values) with which"
            } else {
                "a small set (the search for the smallest stopped early) with which"
            }
        )
    };
    Issue::warning(
        Place::new(&t.file, f.cell.path()),
        format!("the withheld count for \"{row}\" in the column \"{col}\" can be worked out {how}"),
    )
    .expected("no withheld count that can be worked out from the published figures and totals")
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
            kind: crate::market::ColumnKind::Number,
            period: None,
            sums: vec![],
        }
    }

    fn row(label: &str, values: &[Cell]) -> Row {
        Row {
            label: label.into(),
            values: values.to_vec(),
            note: None,
            period: None,
            text: Vec::new(),
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
            as_at: Some(Period::parse("2021").unwrap()),
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
            one_value_form: false,
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

    fn warnings(t: &Table) -> Vec<Issue> {
        check_tables(std::slice::from_ref(t), &Suppression::default())
    }

    #[test]
    fn a_single_withheld_cell_under_a_total_is_recoverable() {
        let t = table();
        let issues = warnings(&t);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].severity, crate::validate::Severity::Warning);
        assert_eq!(issues[0].place.path, "rows[2].values[0]");
        assert!(
            issues[0].message.contains("total row"),
            "{}",
            issues[0].message
        );
        let hint = issues[0].hint.as_deref().unwrap();
        assert!(
            hint.contains("`rows[1].values[0]` (\"Children's homes\", \"CHILDREN\": 7)"),
            "{hint}"
        );
        // Secondary suppression: withhold the next smallest too, and nothing is recoverable.
        let mut t2 = t.clone();
        t2.rows[1].values[0] = Cell::Flag(Flag::Suppressed);
        assert!(warnings(&t2).is_empty());
        // Without a total there is nothing to subtract from.
        let mut t3 = t.clone();
        t3.total = None;
        assert!(warnings(&t3).is_empty());
    }

    #[test]
    fn a_total_column_makes_a_row_recoverable() {
        let mut all = col("all");
        all.total = true;
        let mut t = table();
        t.columns = vec![col("boys"), col("girls"), all];
        t.rows = vec![
            row("Under 10", &[v(12.0), v(2.0), v(14.0)]),
            row("10 and over", &[v(20.0), v(30.0), v(50.0)]),
        ];
        t.total = None;
        let issues = warnings(&t);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].place.path, "rows[0].values[1]");
        assert!(issues[0].message.contains("\"ALL\""));
        // A withheld row total protects the row.
        t.rows[0].values[2] = Cell::Flag(Flag::Suppressed);
        assert!(warnings(&t).is_empty());
    }

    #[test]
    fn a_wrong_total_column_is_an_error_with_the_figures() {
        let mut all = col("all");
        all.sums = vec!["a".into(), "b".into(), "c".into()];
        let mut t = table();
        t.children = false;
        t.columns = vec![col("a"), col("b"), col("c"), col("d"), all];
        t.rows = vec![row(
            "First",
            &[v(12.0), v(30.0), v(7.0), v(100.0), v(999.0)],
        )];
        t.total = None;
        let issues = warnings(&t);
        assert_eq!(issues.len(), 1, "{issues:?}");
        let e = &issues[0];
        assert_eq!(e.severity, crate::validate::Severity::Error);
        assert_eq!(e.place.path, "rows[0].values[4]");
        assert!(
            e.message
                .starts_with("the total 999 is not the sum of a + b + c = 12 + 30 + 7 = 49"),
            "{}",
            e.message
        );
        // The right total passes; `total: true` alone sums every other count column.
        t.rows[0].values[4] = v(49.0);
        assert!(warnings(&t).is_empty());
        t.columns[4].sums.clear();
        t.columns[4].total = true;
        let issues = warnings(&t);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert!(
            issues[0]
                .message
                .contains("a + b + c + d = 12 + 30 + 7 + 100 = 149")
        );
        assert!(issues[0].hint.as_deref().unwrap().contains("sums: [a, b]"));
    }

    #[test]
    fn a_wrong_total_row_is_an_error_and_decimals_allow_rounding() {
        let mut t = table();
        t.children = false;
        t.total = Some(row("All", &[v(51.0), v(100.0)]));
        let issues = warnings(&t);
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].place.path, "total.values[0]");
        assert!(issues[0].message.contains(
            "the total 51 is not the sum of the rows \"Foster care\" + \"Children's homes\" + \"Parent and child\" = 40 + 7 + 3 = 50"
        ));
        // The share column (a percent) is not summed. A count with one decimal place may be
        // off by less than half of its last place.
        t.columns[0].decimals = Some(1);
        t.total = Some(row("All", &[v(50.04), v(100.0)]));
        assert!(warnings(&t).is_empty());
        t.total = Some(row("All", &[v(50.06), v(100.0)]));
        assert_eq!(warnings(&t).len(), 1);
        // A total of some rows.
        let mut total = row("All", &[v(47.0), v(100.0)]);
        total.sums = vec!["Foster care".into(), "Children's homes".into()];
        t.columns[0].decimals = None;
        t.total = Some(total);
        assert!(warnings(&t).is_empty());
    }

    /// Five rows, each with one withheld count beside its published total: each row needs a
    /// second withheld figure, so no set of four will do and the greedy search names five.
    #[test]
    fn past_four_figures_the_greedy_search_names_a_set_that_works() {
        let mut all = col("all");
        all.total = true;
        let mut t = table();
        t.columns = vec![col("a"), col("b"), all];
        t.rows = (0..5)
            .map(|i| {
                let b = 10.0 + f64::from(i);
                row(&format!("R{i}"), &[v(2.0), v(b), v(2.0 + b)])
            })
            .collect();
        t.total = Some(row("All", &[v(10.0), v(60.0), v(70.0)]));
        let tables = std::slice::from_ref(&t);
        let rule = Suppression::default();
        let eqs = equations(tables);
        let published = vec![publish(&t, &rule)];
        let found = secondary(&published, &eqs);
        assert_eq!(found.len(), 5, "{found:?}");
        let extra = found[0].extra.clone();
        assert_eq!(extra.len(), 5, "{extra:?}");
        assert!(!found[0].smallest);
        assert!(
            warnings(&t)[0]
                .hint
                .as_deref()
                .unwrap()
                .contains("stopped early")
        );
        // Withholding the set leaves nothing to work out.
        let mut t2 = t.clone();
        for c in &extra {
            let Line::Row(r) = c.line else {
                panic!("{c:?}")
            };
            t2.rows[r].values[c.column] = Cell::Flag(Flag::Suppressed);
        }
        assert!(warnings(&t2).is_empty(), "{:?}", warnings(&t2));
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

//! Checks of a table's form, shared by breakdowns and the market's demand and supply tables:
//! text columns and the words in their cells, rows and columns that are periods, the dates
//! the figures are for, and a line chart's periods.

use super::{Issue, Place};
use crate::content::Unit;
use crate::market::{Cell, ColumnKind, Table, TableChart};

/// What a number column's cell may hold, in words.
const NUMBER_CELL: &str = "a number, or c (withheld), x (not available) or z (not applicable)";

/// The form of a table: every problem with its text columns, period rows and columns, dates
/// and line chart.
pub fn check_table_form(t: &Table, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    check_text_columns(t, issues);
    let lines = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| (format!("rows[{r}]"), row))
        .chain(t.total.iter().map(|row| ("total".to_string(), row)));
    for (path, row) in lines {
        for (k, cell) in row.values.iter().enumerate() {
            let Some(col) = t.columns.get(k) else {
                continue;
            };
            let place = here(format!("{path}.values[{k}]"));
            match (col.kind, row.text_at(k), cell) {
                (ColumnKind::Number, Some(words), _) => issues.push(
                    Issue::error(
                        place,
                        format!(
                            "`{words}` is not a number: the column \"{}\" holds {NUMBER_CELL}",
                            col.label
                        ),
                    )
                    .expected(NUMBER_CELL)
                    .hint(
                        "write the figure alone, such as `30` (a figure that is not known exactly can be withheld with `x`); for a column of words give the column `kind: text`",
                    ),
                ),
                (ColumnKind::Text, None, Cell::Value(v)) => issues.push(
                    Issue::error(
                        place,
                        format!(
                            "{v} is a number, but the column \"{}\" holds text (`kind: text`)",
                            col.label
                        ),
                    )
                    .expected("words, in quotes when they could be read as a number")
                    .hint(format!("write it in quotes, \"{v}\", to show it as written")),
                ),
                _ => {}
            }
        }
    }
    // Period rows: all or none, so the table reads as one kind of thing.
    let with_period = t.rows.iter().filter(|r| r.period.is_some()).count();
    if with_period > 0
        && with_period < t.rows.len()
        && let Some(r) = t.rows.iter().position(|r| r.period.is_none())
    {
        issues.push(
            Issue::error(
                here(format!("rows[{r}]")),
                format!(
                    "this row has a label but {with_period} of the table's {} rows are periods",
                    t.rows.len()
                ),
            )
            .expected("a `period:` on every row, or on none")
            .hint("a row that is a period is written `{ period: Apr 2013, values: [...] }`"),
        );
    }
    if t.as_at.is_none() && t.period_span().is_none() {
        issues.push(
            Issue::error(
                here("as_at".into()),
                "the table does not say what date its figures are for",
            )
            .expected(
                "`as_at:` with a period, or a `period:` on every row, or on every number column",
            )
            .hint("a reader needs the date of the figures, such as `as_at: 31 March 2024`"),
        );
    }
    if t.chart == TableChart::Line {
        check_line_chart(t, issues);
    }
}

/// Text columns cannot be totals, shares, counts of children or charted.
fn check_text_columns(t: &Table, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    for (i, c) in t.columns.iter().enumerate() {
        if c.kind != ColumnKind::Text {
            continue;
        }
        let mut wrong = |field: &str, what: &str| {
            issues.push(
                Issue::error(
                    here(format!("columns[{i}].{field}")),
                    format!("a text column cannot {what}"),
                )
                .expected("a text column with an `id` and a `label` (and `kind: text`)")
                .hint("text is shown as written: it is never summed, charted or withheld"),
            );
        };
        if c.total {
            wrong("total", "be a total");
        }
        if c.of.is_some() {
            wrong("of", "be a share of another column");
        }
        if c.children == Some(true) {
            wrong("children", "count children");
        }
        if c.unit != Unit::Count {
            wrong("unit", "have a unit");
        }
        if c.decimals.is_some() {
            wrong("decimals", "have decimal places");
        }
    }
    for (j, id) in t.chart_columns.iter().enumerate() {
        if t.column(id).is_some_and(|i| t.is_text(i)) {
            issues.push(
                Issue::error(
                    here(format!("chart_columns[{j}]")),
                    format!("the column `{id}` holds text, which cannot be charted"),
                )
                .expected("the ids of number columns"),
            );
        }
    }
}

/// A line chart runs over periods: the rows, or the charted columns.
fn check_line_chart(t: &Table, issues: &mut Vec<Issue>) {
    if t.rows_are_periods() {
        return;
    }
    let cols = t.chart_column_indices();
    if !cols.is_empty() && cols.iter().all(|&i| t.columns[i].period.is_some()) {
        return;
    }
    issues.push(
        Issue::error(
            Place::new(&t.file, "chart"),
            "a line chart needs rows or columns that are periods",
        )
        .expected("`period:` on every row (or on every charted column), or `chart: bar`")
        .hint("write each row as `{ period: 2021, values: [...] }` to draw the figures over time"),
    );
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn table(yaml: &str) -> Table {
        let mut t: Table = serde_yaml::from_str(yaml).unwrap();
        t.file = "breakdowns/t.yaml".into();
        t
    }

    fn problems(t: &Table) -> Vec<(String, String)> {
        let mut issues = Vec::new();
        check_table_form(t, &mut issues);
        issues
            .into_iter()
            .map(|i| (i.place.path, i.message))
            .collect()
    }

    #[test]
    fn period_rows_text_columns_and_a_line_chart_are_one_valid_table() {
        let t = table(
            "id: t\ntitle: T\ndimension: Month\nchart: line\ncolumns:\n  - { id: n, label: Children }\n  - { id: why, label: Why, kind: text }\nrows:\n  - { period: Apr 2013, values: [3, Moved] }\n  - { period: May 2013, values: [4, x] }\n",
        );
        assert_eq!(problems(&t), []);
        assert!(t.rows_are_periods());
        assert_eq!(t.rows[0].label, "April 2013");
        assert_eq!(t.rows[0].text_at(1), Some("Moved"));
        assert_eq!(t.rows[1].text_at(1), None);
        assert_eq!(t.chart_column_indices(), vec![0]);
        assert!(!t.counts_children(1));
    }

    #[test]
    fn text_in_a_number_column_and_a_number_in_a_text_column_are_errors() {
        let t = table(
            "id: t\ntitle: T\nas_at: 2021\ndimension: Home\ncolumns:\n  - { id: n, label: Places }\n  - { id: who, label: Who for, kind: text }\nrows:\n  - { label: A, values: [about 30, 12] }\n",
        );
        let p = problems(&t);
        assert_eq!(p.len(), 2, "{p:?}");
        assert_eq!(p[0].0, "rows[0].values[0]");
        assert!(p[0].1.contains("about 30"));
        assert_eq!(p[1].0, "rows[0].values[1]");
    }

    #[test]
    fn a_table_needs_dates_and_a_line_chart_needs_periods() {
        let t = table(
            "id: t\ntitle: T\ndimension: Age\nchart: line\ncolumns: [{ id: n, label: N }]\nrows:\n  - { label: Under 5, values: [3] }\n",
        );
        let p = problems(&t);
        assert_eq!(
            p.iter().map(|x| x.0.as_str()).collect::<Vec<_>>(),
            ["as_at", "chart"]
        );
        // Columns that are periods give the dates and carry a line chart.
        let t = table(
            "id: t\ntitle: T\ndimension: Ethnicity\nchart: line\ncolumns:\n  - { id: a, label: Children, period: 2019 }\n  - { id: b, label: Children, period: 2020 }\nrows:\n  - { label: White, values: [30, 31] }\n",
        );
        assert_eq!(problems(&t), []);
        assert_eq!(t.period_span().unwrap().1.text(), "2020");
    }

    #[test]
    fn a_row_without_label_or_period_is_refused_when_read() {
        let err = serde_yaml::from_str::<Table>(
            "id: t\ntitle: T\ndimension: D\ncolumns: [{ id: n, label: N }]\nrows:\n  - { values: [3] }\n",
        )
        .unwrap_err();
        assert!(err.to_string().contains("a `label` or a `period`"), "{err}");
    }
}

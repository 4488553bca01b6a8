//! "Where children live": region.yaml's `where_children_live:`, a table of the children each
//! member council looks after (rows: the placing council) by the council area they live in
//! (columns: each member, then the other areas the content names), counted at one date.
//!
//! The loader reads the CSV file's rows (`placing`, `area`, `count`) as [`RawRow`]s;
//! [`read_matrix`] types them into a [`Matrix`] (errors at each row: an unknown member, a cell
//! given twice, a count that is not a whole number or `c`, `x`, `z`); [`publish_matrix`]
//! applies the small-number rule and gives row and column totals only where every cell of
//! the line is exact; [`own_area_share`] is the summary's one figure, from exact rows only.
//!
//! Disclosure across the region's tables: [`joint_disclosure`] puts every regional figure
//! published for the same count in one linear system (the members' figures for a measure, the
//! region's own figures for it, and the matrix with its totals, whose rows are the members'
//! figures at the matrix's date when `measure:` says so) and runs the small-number module's
//! elimination over it ([`crate::market::disclosure::secondary`]), so a withheld figure that
//! two tables give away together is found as well as one a single total gives away.

use serde::{Deserialize, Serialize};

use crate::content::region::REGION_FILE;
use crate::content::{Flag, Metric, Point};
use crate::market::Cell;
use crate::market::disclosure::{
    CellRef, Equation, Line, Origin, Published, Shown, Suppression, publish_value, secondary,
};
use crate::period::Period;
use crate::validate::{Issue, Place, closest};

/// `where_children_live:` in region.yaml.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct WhereChildrenLive {
    /// The CSV file, relative to region.yaml: a row per cell, with the columns `placing` (the
    /// placing member's id or ONS code), `area` (the area the children live in: a member's id
    /// or code, or the name of another area, such as `Elsewhere in England`) and `count` (a
    /// whole number, or `c`, `x` or `z`). A cell the file leaves out is shown as absent.
    pub csv: String,
    /// The date the children are counted at, such as `2024-03-31`.
    pub date: Period,
    /// Where the counts come from, in words.
    #[serde(default)]
    pub source: Option<String>,
    /// A count measure (the region's id for it) whose figure at `date` is, for each member,
    /// the total of its row: every child the member looks after, wherever they live. The row
    /// totals are then checked against it, and the two are checked together for disclosure.
    #[serde(default)]
    pub measure: Option<String>,
    /// A note for readers (what the counts leave out, how areas are grouped).
    #[serde(default)]
    pub note: Option<String>,
}

/// The field path of the rows read from the CSV file (where row problems are placed).
pub const ROWS: &str = "where_children_live.rows";
/// The field path of the form itself in region.yaml.
pub const FIELD: &str = "where_children_live";

/// One data row of the CSV file, as text.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawRow {
    pub placing: String,
    pub area: String,
    pub count: String,
}

/// A member as the matrix names it: its id and ONS code.
#[derive(Clone, Debug)]
pub struct MatrixMember {
    pub id: String,
    pub code: Option<String>,
}

/// The matrix as the content gives it: `cells[row][column]`, rows the members in region.yaml's
/// order, columns the members then `others` in the order the file first names them. Each cell
/// keeps the CSV row (0-based data row) it came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Matrix {
    pub members: usize,
    pub others: Vec<String>,
    pub cells: Vec<Vec<Option<(Cell, usize)>>>,
}

impl Matrix {
    pub fn columns(&self) -> usize {
        self.members + self.others.len()
    }
}

fn row_place(i: usize, field: &str) -> Place {
    Place::new(REGION_FILE, format!("{ROWS}[{i}].{field}"))
}

/// The member a cell of the file names (by id or code), if any.
fn member_index(members: &[MatrixMember], text: &str) -> Option<usize> {
    let t = text.trim();
    members
        .iter()
        .position(|m| m.id == t || m.code.as_deref() == Some(t))
}

/// Written like a member id (lower-case letters, digits and hyphens) or an ONS code.
fn is_id_like(s: &str) -> bool {
    crate::validate::is_id(s) || crate::content::region::is_area_code(s)
}

/// A count: a whole number (`1,234` read), or `c`, `x` or `z` (also `[c]`, upper case).
pub fn read_count(text: &str) -> Result<Cell, String> {
    let t = text.trim();
    let bare = t
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .unwrap_or(t);
    match bare.to_ascii_lowercase().as_str() {
        "c" => return Ok(Cell::Flag(Flag::Suppressed)),
        "x" => return Ok(Cell::Flag(Flag::NotAvailable)),
        "z" => return Ok(Cell::Flag(Flag::NotApplicable)),
        "" => return Err("the count is empty".into()),
        _ => {}
    }
    match crate::content::figure::parse_grouped(t) {
        Some((v, _)) if v >= 0.0 && v.fract() == 0.0 => Ok(Cell::Value(v)),
        Some(_) => Err(format!("`{t}` is not a count of children")),
        None => Err(format!("`{t}` is not a number")),
    }
}

/// Type the CSV rows into a matrix: every problem at its row and column.
pub fn read_matrix(rows: &[RawRow], members: &[MatrixMember]) -> (Matrix, Vec<Issue>) {
    let mut issues = Vec::new();
    let mut others: Vec<String> = Vec::new();
    let mut placed: Vec<(usize, usize, Cell, usize)> = Vec::new();
    let ids: Vec<&str> = members.iter().map(|m| m.id.as_str()).collect();
    for (i, row) in rows.iter().enumerate() {
        let placing = member_index(members, &row.placing);
        if placing.is_none() {
            let mut issue = Issue::error(
                row_place(i, "placing"),
                format!("`{}` is not a member of the region", row.placing.trim()),
            )
            .expected(format!(
                "the placing council's member id or ONS code: {}",
                ids.join(", ")
            ));
            issue = match closest(row.placing.trim(), ids.iter().copied()) {
                Some(near) => issue.hint(format!("did you mean `{near}`?")),
                None => issue.hint(
                    "only the member councils place children in this table; name other areas in the `area` column",
                ),
            };
            issues.push(issue);
        }
        let area = row.area.trim();
        let column = if area.is_empty() {
            issues.push(
                Issue::error(row_place(i, "area"), "the area is empty")
                    .expected("a member's id or ONS code, or the name of another area")
                    .hint("such as `eastmoor` or `Elsewhere in England`"),
            );
            None
        } else if let Some(m) = member_index(members, area) {
            Some(m)
        } else if is_id_like(area) {
            // Ids are lower case; other areas are written as names (`Elsewhere in England`).
            let mut issue = Issue::error(
                row_place(i, "area"),
                format!("`{area}` is not a member of the region"),
            )
            .expected("a member's id or ONS code, or the name of another area, such as `Elsewhere in England`");
            issue = match closest(area, ids.iter().copied()) {
                Some(near) => issue.hint(format!("did you mean `{near}`?")),
                None => issue
                    .hint("write another area as a name with capitals or spaces, such as `Wales`"),
            };
            issues.push(issue);
            None
        } else {
            let at = match others.iter().position(|o| o == area) {
                Some(p) => p,
                None => {
                    others.push(area.to_string());
                    others.len() - 1
                }
            };
            Some(members.len() + at)
        };
        let count = match read_count(&row.count) {
            Ok(c) => Some(c),
            Err(why) => {
                issues.push(
                    Issue::error(row_place(i, "count"), why)
                        .expected("a whole number of children, or c (withheld), x (not available) or z (not applicable)")
                        .hint("write the count without words or decimals, such as 42; put c for a withheld count"),
                );
                None
            }
        };
        if let (Some(r), Some(c), Some(v)) = (placing, column, count) {
            placed.push((r, c, v, i));
        }
    }
    let mut cells = vec![vec![None; members.len() + others.len()]; members.len()];
    for (r, c, v, i) in placed {
        match cells[r][c] {
            Some((_, first)) => issues.push(
                Issue::error(
                    row_place(i, "area"),
                    format!(
                        "the count of `{}`'s children living in `{}` is given twice",
                        members[r].id,
                        column_name(members, &others, c)
                    ),
                )
                .expected("one row for each placing council and area")
                .hint("remove one of the two rows, or add their counts up into one")
                .related(row_place(first, "area")),
            ),
            None => cells[r][c] = Some((v, i)),
        }
    }
    (
        Matrix {
            members: members.len(),
            others,
            cells,
        },
        issues,
    )
}

fn column_name<'a>(members: &'a [MatrixMember], others: &'a [String], c: usize) -> &'a str {
    if c < members.len() {
        &members[c].id
    } else {
        &others[c - members.len()]
    }
}

/// The matrix as it may be published: each cell after the small-number rule (`None`: the
/// content gives no count), and totals only for lines whose every cell is an exact figure
/// (`z` read as none).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PublishedMatrix {
    pub cells: Vec<Vec<Option<Shown>>>,
    pub row_totals: Vec<Option<Shown>>,
    pub column_totals: Vec<Option<Shown>>,
    pub total: Option<Shown>,
}

fn exact_sum<'a>(
    cells: impl Iterator<Item = &'a Option<Shown>>,
    rule: &Suppression,
) -> Option<Shown> {
    let mut sum = 0.0;
    for c in cells {
        match c {
            Some(Shown::Value(v)) => sum += v,
            Some(Shown::Flag(Flag::NotApplicable)) => {}
            _ => return None,
        }
    }
    Some(publish_value(Cell::Value(sum), true, rule))
}

/// Apply the small-number rule to the matrix and add the totals that are exact.
pub fn publish_matrix(m: &Matrix, rule: &Suppression) -> PublishedMatrix {
    let cells: Vec<Vec<Option<Shown>>> = m
        .cells
        .iter()
        .map(|row| {
            row.iter()
                .map(|c| c.map(|(cell, _)| publish_value(cell, true, rule)))
                .collect()
        })
        .collect();
    let row_totals = cells.iter().map(|r| exact_sum(r.iter(), rule)).collect();
    let column_totals = (0..m.columns())
        .map(|c| exact_sum(cells.iter().map(|r| &r[c]), rule))
        .collect();
    let total = exact_sum(cells.iter().flatten(), rule);
    PublishedMatrix {
        cells,
        row_totals,
        column_totals,
        total,
    }
}

/// The share of children living in their own council's area, from the rows whose every cell
/// is exact: `inside` of `of`, with the rows used and the rows left out.
#[derive(Clone, Debug, PartialEq)]
pub struct Share {
    pub inside: f64,
    pub of: f64,
    pub used: Vec<usize>,
    pub left_out: Vec<usize>,
}

/// [`Share`] of a published matrix (`None` when no row is exact or the exact rows count no
/// child).
pub fn own_area_share(p: &PublishedMatrix) -> Option<Share> {
    let (mut inside, mut of) = (0.0, 0.0);
    let (mut used, mut left_out) = (Vec::new(), Vec::new());
    for (r, total) in p.row_totals.iter().enumerate() {
        match (total, p.cells[r].get(r)) {
            (Some(Shown::Value(t)), Some(Some(own))) => {
                inside += own.value().unwrap_or(0.0);
                of += t;
                used.push(r);
            }
            _ => left_out.push(r),
        }
    }
    (of > 0.0).then_some(Share {
        inside,
        of,
        used,
        left_out,
    })
}

/// A member's figure for the measure at `period`, if its series has one.
fn point_at<'a>(m: &'a Metric, period: &Period) -> Option<&'a Point> {
    m.series
        .iter()
        .find(|x| x.period.sort_key() == period.sort_key())
}

/// With `measure:`, each member's row must add up to its figure at the date (when both are
/// exact): an error at the row's first cell otherwise.
pub fn check_rows_against_measure(
    spec: &WhereChildrenLive,
    matrix: &Matrix,
    members: &[(&str, Option<&Metric>)],
) -> Vec<Issue> {
    let mut issues = Vec::new();
    let Some(measure) = &spec.measure else {
        return issues;
    };
    for (r, (id, metric)) in members.iter().enumerate() {
        let Some(row) = matrix.cells.get(r) else {
            continue;
        };
        let mut sum = 0.0;
        let mut exact = true;
        let mut first = None;
        for c in row {
            match c {
                Some((Cell::Value(v), i)) => {
                    sum += v;
                    first = first.or(Some(*i));
                }
                Some((Cell::Flag(Flag::NotApplicable), i)) => first = first.or(Some(*i)),
                _ => exact = false,
            }
        }
        let figure = metric
            .and_then(|m| point_at(m, &spec.date))
            .filter(|p| p.flag.is_none())
            .and_then(Point::number);
        if let (true, Some(first), Some(f)) = (exact, first, figure)
            && (f - sum).abs() > 1e-9
        {
            issues.push(
                Issue::error(
                    row_place(first, "count"),
                    format!(
                        "`{id}`'s counts add up to {} but its `{measure}` figure for {} is {}",
                        crate::format::plain(sum, 0),
                        spec.date.label(),
                        crate::format::plain(f, 0)
                    ),
                )
                .expected(format!(
                    "counts that add up to the member's `{measure}` figure at the same date"
                ))
                .hint("`measure:` says each row counts every child the member looks after; correct the counts, or leave `measure:` out if the table counts only some of them"),
            );
        }
    }
    issues
}

/// A matrix column's area in words: a member's id, or another area's name in quotes.
fn area_name(col: usize, ids: &[&str], others: &[String]) -> String {
    if col < ids.len() {
        format!("`{}`", ids[col])
    } else {
        others
            .get(col - ids.len())
            .map_or_else(String::new, |o| format!("\"{o}\""))
    }
}

/// What a cell of the joint system is, in words (for messages).
fn describe_cell(c: &CellRef, ids: &[&str], others: &[String], periods: &[Period]) -> String {
    let name = |col: usize| area_name(col, ids, others);
    let period = |col: usize| periods.get(col).map_or_else(String::new, Period::label);
    match (c.table, c.line) {
        (0, Line::Row(r)) => format!(
            "`{}`'s figure for {}",
            ids.get(r).unwrap_or(&""),
            period(c.column)
        ),
        (0, Line::Total) => format!("the region's own figure for {}", period(c.column)),
        (_, Line::Row(r)) if c.column == ids.len() + others.len() => {
            format!(
                "the total of `{}`'s row in the where-children-live table",
                ids.get(r).unwrap_or(&"")
            )
        }
        (_, Line::Row(r)) => format!(
            "the count of `{}`'s children living in {}",
            ids.get(r).unwrap_or(&""),
            name(c.column)
        ),
        (_, Line::Total) if c.column == ids.len() + others.len() => {
            "the where-children-live table's grand total".into()
        }
        (_, Line::Total) => format!(
            "the where-children-live table's total for children living in {}",
            name(c.column)
        ),
    }
}

/// Every regional figure for one count checked together for disclosure.
///
/// Table 0 is the members' figures for the measure (a row per member, a column per period of
/// the region's own series, and the matrix's date when `measure:` names this measure), with
/// the region's own figures as its total row. Table 1 is the matrix (a row per member, a
/// column per area and one for the row totals; the column totals as its total row). The
/// equations: the region's own figure is the members' figures added up; each matrix row and
/// column adds up to its total; and with `measure:`, a member's row total is its figure at
/// the date. Each withheld figure the system determines is a warning placed where it can be
/// withheld again (a matrix cell at its CSV row, a figure of the region's own series, or
/// `where_children_live`), naming what gives it away and the published figures to withhold
/// as well.
pub fn joint_disclosure(
    own: Option<&Metric>,
    members: &[(&str, Option<&Metric>)],
    matrix: Option<(&WhereChildrenLive, &Matrix, &PublishedMatrix)>,
) -> Vec<Issue> {
    let shown = |p: Option<&Point>| match p {
        Some(x) if x.flag == Some(Flag::Suppressed) => Shown::Withheld,
        Some(x) if x.flag.is_none() => x
            .number()
            .map_or(Shown::Flag(Flag::NotAvailable), Shown::Value),
        _ => Shown::Flag(Flag::NotAvailable),
    };
    let ids: Vec<&str> = members.iter().map(|(id, _)| *id).collect();
    // The periods of table 0: the region's own, and the matrix's date when it counts the
    // same children.
    let mut periods: Vec<Period> = own
        .map(|o| o.series.iter().map(|p| p.period.clone()).collect())
        .unwrap_or_default();
    let linked = matrix.filter(|(spec, _, _)| spec.measure.is_some());
    let date_column = linked.map(|(spec, _, _)| {
        match periods
            .iter()
            .position(|p| p.sort_key() == spec.date.sort_key())
        {
            Some(k) => k,
            None => {
                periods.push(spec.date.clone());
                periods.len() - 1
            }
        }
    });
    let mut published = vec![Published {
        rows: members
            .iter()
            .map(|(_, m)| {
                periods
                    .iter()
                    .map(|p| shown(m.and_then(|m| point_at(m, p))))
                    .collect()
            })
            .collect(),
        total: Some(
            periods
                .iter()
                .map(|p| shown(own.and_then(|o| point_at(o, p))))
                .collect(),
        ),
        trend: Vec::new(),
    }];
    let cell = |table, line, column| CellRef {
        table,
        line,
        column,
    };
    let origin = |table, column| Origin::Row {
        table,
        column,
        declared: true,
    };
    let mut equations = Vec::new();
    let mut said: Vec<String> = Vec::new();
    if let Some(o) = own {
        for (k, p) in periods.iter().enumerate() {
            if point_at(o, p).is_none() {
                continue;
            }
            equations.push(Equation {
                left: vec![cell(0, Line::Total, k)],
                right: (0..members.len())
                    .map(|r| cell(0, Line::Row(r), k))
                    .collect(),
                origin: origin(0, k),
            });
            said.push(format!(
                "the region's own figure for {} (the members' figures added up)",
                p.label()
            ));
        }
    }
    let mut others: Vec<String> = Vec::new();
    if let Some((_, m, p)) = matrix {
        others = m.others.clone();
        let n = m.columns();
        let unknown = Shown::Flag(Flag::NotAvailable);
        published.push(Published {
            rows: (0..m.members)
                .map(|r| {
                    let mut line: Vec<Shown> =
                        p.cells[r].iter().map(|c| c.unwrap_or(unknown)).collect();
                    line.push(p.row_totals[r].unwrap_or(unknown));
                    line
                })
                .collect(),
            total: Some({
                let mut line: Vec<Shown> = p
                    .column_totals
                    .iter()
                    .map(|c| c.unwrap_or(unknown))
                    .collect();
                line.push(p.total.unwrap_or(unknown));
                line
            }),
            trend: Vec::new(),
        });
        for r in 0..m.members {
            equations.push(Equation {
                left: vec![cell(1, Line::Row(r), n)],
                right: (0..n).map(|c| cell(1, Line::Row(r), c)).collect(),
                origin: origin(1, n),
            });
            said.push(format!(
                "the row of `{}` in the where-children-live table",
                ids.get(r).unwrap_or(&"")
            ));
        }
        for c in 0..=n {
            equations.push(Equation {
                left: vec![cell(1, Line::Total, c)],
                right: (0..m.members).map(|r| cell(1, Line::Row(r), c)).collect(),
                origin: origin(1, c),
            });
            said.push(if c == n {
                "the where-children-live table's row totals added up".into()
            } else {
                format!(
                    "the column for {} in the where-children-live table",
                    area_name(c, &ids, &others)
                )
            });
        }
        if let (Some(k), Some((spec, _, _))) = (date_column, linked) {
            for r in 0..m.members {
                equations.push(Equation {
                    left: vec![cell(0, Line::Row(r), k)],
                    right: vec![cell(1, Line::Row(r), n)],
                    origin: origin(0, k),
                });
                said.push(format!(
                    "the total of `{}`'s row in the where-children-live table, which is its `{}` figure for {}",
                    ids.get(r).unwrap_or(&""),
                    spec.measure.as_deref().unwrap_or(""),
                    spec.date.label()
                ));
            }
        }
    }
    let mut issues = Vec::new();
    for f in secondary(&published, &equations) {
        let what = describe_cell(&f.cell, &ids, &others, &periods);
        let mut from: Vec<&str> = f
            .from
            .iter()
            .filter_map(|&e| said.get(e).map(String::as_str))
            .collect();
        from.dedup();
        let via_matrix = f.from.iter().any(|&e| {
            let eq: &Equation = &equations[e];
            eq.left.iter().chain(&eq.right).any(|c| c.table == 1)
        });
        let place = match (f.cell.table, f.cell.line) {
            (1, Line::Row(r)) if f.cell.column < others.len() + ids.len() => matrix
                .and_then(|(_, m, _)| m.cells[r][f.cell.column])
                .map_or_else(
                    || Place::new(REGION_FILE, FIELD),
                    |(_, i)| row_place(i, "count"),
                ),
            (0, _) if !via_matrix => match (own, periods.get(f.cell.column)) {
                (Some(o), Some(p)) => match o
                    .series
                    .iter()
                    .position(|x| x.period.sort_key() == p.sort_key())
                {
                    Some(k) => Place::new(&o.file, format!("series[{k}]")),
                    None => Place::new(REGION_FILE, FIELD),
                },
                _ => Place::new(REGION_FILE, FIELD),
            },
            _ => Place::new(REGION_FILE, FIELD),
        };
        let extra: Vec<String> = f
            .extra
            .iter()
            .map(|c| describe_cell(c, &ids, &others, &periods))
            .collect();
        let hint = if extra.is_empty() {
            "no published figure protects it: withhold it in a way the totals cannot undo, or publish it".to_string()
        } else {
            format!(
                "withhold as well (secondary suppression, written `c`): {}",
                extra.join("; ")
            )
        };
        issues.push(
            Issue::warning(
                place,
                format!(
                    "{what} is withheld but can be worked out from {}",
                    from.join(", with ")
                ),
            )
            .expected("no withheld figure that the region's published figures give away")
            .hint(hint),
        );
    }
    issues
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::Figure;

    fn members() -> Vec<MatrixMember> {
        ["a", "b"]
            .iter()
            .enumerate()
            .map(|(i, id)| MatrixMember {
                id: (*id).into(),
                code: Some(format!("E0600000{i}")),
            })
            .collect()
    }

    fn rows(text: &[(&str, &str, &str)]) -> Vec<RawRow> {
        text.iter()
            .map(|(p, a, c)| RawRow {
                placing: (*p).into(),
                area: (*a).into(),
                count: (*c).into(),
            })
            .collect()
    }

    fn spec(measure: Option<&str>) -> WhereChildrenLive {
        WhereChildrenLive {
            csv: "data/w.csv".into(),
            date: "2024-03-31".parse().unwrap(),
            source: None,
            measure: measure.map(String::from),
            note: None,
        }
    }

    fn pt(period: &str, v: Option<f64>, withheld: bool) -> Point {
        Point {
            period: period.parse().unwrap(),
            value: v.map(Figure::exact),
            flag: withheld.then_some(Flag::Suppressed),
            note: None,
            change: None,
        }
    }

    fn measure(file: &str, points: Vec<Point>) -> Metric {
        let mut m: Metric = serde_yaml::from_str(
            "{ id: cic, title: Children in care, unit: count, polarity: neutral, definition: d, source: { publisher: p } }",
        )
        .unwrap();
        m.file = file.into();
        m.series = points;
        m
    }

    fn matrix(text: &[(&str, &str, &str)]) -> (Matrix, PublishedMatrix) {
        let (m, issues) = read_matrix(&rows(text), &members());
        assert!(issues.is_empty(), "{issues:?}");
        let p = publish_matrix(&m, &Suppression::default());
        (m, p)
    }

    #[test]
    fn rows_are_typed_members_by_id_or_code_other_areas_by_name() {
        let (m, p) = matrix(&[
            ("a", "a", "40"),
            ("E06000000", "b", "c"),
            ("a", "Elsewhere in England", "1,200"),
            ("b", "b", "30"),
            ("b", "E06000000", "3"),
        ]);
        assert_eq!(m.others, vec!["Elsewhere in England".to_string()]);
        assert_eq!(m.cells[0][0].unwrap().0, Cell::Value(40.0));
        assert_eq!(m.cells[0][1].unwrap().0, Cell::Flag(Flag::Suppressed));
        assert_eq!(m.cells[0][2].unwrap().0, Cell::Value(1200.0));
        // The small-number rule withholds 3; b's third cell is absent, not 0.
        assert_eq!(p.cells[1][0], Some(Shown::Withheld));
        assert_eq!(p.cells[1][2], None);
        // Totals only where every cell is exact: none for either row, column `b` has a c.
        assert_eq!(p.row_totals, vec![None, None]);
        assert_eq!(p.column_totals, vec![None, None, None]);
        assert_eq!(p.total, None);
    }

    #[test]
    fn unknown_members_duplicate_cells_and_bad_counts_are_errors_at_their_row() {
        let (_, issues) = read_matrix(
            &rows(&[
                ("a", "a", "4O"),
                ("c", "a", "5"),
                ("a", "bb", "5"),
                ("a", "b", "1.5"),
                ("b", "b", "7"),
                ("b", "b", "8"),
                ("b", "Wales", ""),
            ]),
            &members(),
        );
        let text: Vec<String> = issues
            .iter()
            .map(|i| format!("{} {}", i.place.path, i.message))
            .collect();
        assert_eq!(issues.len(), 6, "{text:?}");
        assert!(text[0].starts_with("where_children_live.rows[0].count `4O` is not a number"));
        assert!(text[1].starts_with("where_children_live.rows[1].placing `c` is not a member"));
        assert!(text[2].starts_with("where_children_live.rows[2].area `bb` is not a member"));
        assert_eq!(issues[2].hint.as_deref(), Some("did you mean `b`?"));
        assert!(text[3].contains("rows[3].count `1.5` is not a count of children"));
        assert!(text[4].contains("rows[6].count the count is empty"));
        assert!(text[5].starts_with("where_children_live.rows[5].area the count of `b`'s children living in `b` is given twice"));
        assert_eq!(
            issues[5].related.as_ref().unwrap().path,
            "where_children_live.rows[4].area"
        );
    }

    #[test]
    fn the_share_inside_the_own_area_comes_from_exact_rows_only() {
        let (_, p) = matrix(&[
            ("a", "a", "60"),
            ("a", "b", "10"),
            ("a", "Wales", "30"),
            ("b", "b", "20"),
            ("b", "a", "c"),
        ]);
        let s = own_area_share(&p).unwrap();
        assert_eq!((s.inside, s.of), (60.0, 100.0));
        assert_eq!((s.used, s.left_out), (vec![0], vec![1]));
        // Row totals only for the exact row.
        assert_eq!(p.row_totals, vec![Some(Shown::Value(100.0)), None]);
    }

    #[test]
    fn a_row_that_does_not_add_up_to_the_members_figure_is_an_error() {
        let (m, _) = matrix(&[("a", "a", "60"), ("a", "b", "10"), ("b", "b", "c")]);
        let fa = measure("a", vec![pt("2024-03-31", Some(71.0), false)]);
        let fb = measure("b", vec![pt("2024-03-31", Some(20.0), false)]);
        let issues = check_rows_against_measure(
            &spec(Some("cic")),
            &m,
            &[("a", Some(&fa)), ("b", Some(&fb))],
        );
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].place.path, "where_children_live.rows[0].count");
        assert!(
            issues[0]
                .message
                .contains("add up to 70 but its `cic` figure for 31 March 2024 is 71"),
            "{}",
            issues[0].message
        );
        // Without `measure:` the rows are not read as the members' totals.
        assert!(
            check_rows_against_measure(&spec(None), &m, &[("a", Some(&fa)), ("b", Some(&fb))])
                .is_empty()
        );
    }

    /// Known answer: a's row is c + 5 + 3 and a's own figure is 12, so the withheld count of
    /// a's children living in a is 4, from the row and the figure together (neither alone).
    #[test]
    fn a_withheld_cell_is_given_away_by_the_members_figure_as_its_row_total() {
        let (m, p) = matrix(&[
            ("a", "a", "c"),
            ("a", "b", "5"),
            ("a", "Wales", "6"),
            ("b", "b", "20"),
            ("b", "a", "c"),
            ("b", "Wales", "c"),
        ]);
        let fa = measure("a", vec![pt("2024-03-31", Some(15.0), false)]);
        let fb = measure("b", vec![pt("2024-03-31", Some(31.0), false)]);
        let figures = [("a", Some(&fa)), ("b", Some(&fb))];
        let s = spec(Some("cic"));
        let issues = joint_disclosure(None, &figures, Some((&s, &m, &p)));
        assert_eq!(issues.len(), 1, "{issues:?}");
        let i = &issues[0];
        assert_eq!(i.place.path, "where_children_live.rows[0].count");
        assert!(
            i.message.starts_with(
                "the count of `a`'s children living in `a` is withheld but can be worked out from"
            ),
            "{}",
            i.message
        );
        assert!(i.message.contains("the row of `a`"), "{}", i.message);
        assert!(i.message.contains("the total of `a`'s row in the where-children-live table, which is its `cic` figure for 31 March 2024"), "{}", i.message);
        // The smallest fix is one more cell of a's row, but not the 5 living in b: column b
        // (5 + 20) is exact, so its published total would give the 5 back. The 6 in Wales is
        // safe, as b's Wales count is withheld.
        assert_eq!(
            i.hint.as_deref(),
            Some(
                "withhold as well (secondary suppression, written `c`): the count of `a`'s children living in \"Wales\""
            )
        );
        // The same table without `measure:`: its rows are not the members' figures, nothing
        // is given away (b's row keeps two withheld cells either way).
        let s = spec(None);
        assert!(joint_disclosure(None, &figures, Some((&s, &m, &p))).is_empty());
        // A figure for another date links nothing.
        let fa = measure("a", vec![pt("2023-03-31", Some(15.0), false)]);
        let s = spec(Some("cic"));
        assert!(
            joint_disclosure(
                None,
                &[("a", Some(&fa)), ("b", Some(&fb))],
                Some((&s, &m, &p))
            )
            .is_empty()
        );
    }

    /// Known answer: b withholds its own figure (c), but b's row in the matrix is exact
    /// (5 + 15), so its published row total gives the 20 away.
    #[test]
    fn a_members_withheld_figure_is_given_away_by_its_exact_row() {
        let (m, p) = matrix(&[
            ("a", "a", "c"),
            ("a", "b", "c"),
            ("b", "a", "5"),
            ("b", "b", "15"),
        ]);
        let fa = measure("a", vec![pt("2024-03-31", Some(9.0), false)]);
        let fb = measure("b", vec![pt("2024-03-31", None, true)]);
        let s = spec(Some("cic"));
        let issues = joint_disclosure(
            None,
            &[("a", Some(&fa)), ("b", Some(&fb))],
            Some((&s, &m, &p)),
        );
        assert_eq!(issues.len(), 1, "{issues:?}");
        assert_eq!(issues[0].place.path, "where_children_live");
        assert!(
            issues[0].message.starts_with(
                "`b`'s figure for 31 March 2024 is withheld but can be worked out from"
            )
        );
        assert!(
            issues[0].message.contains("the total of `b`'s row"),
            "{}",
            issues[0].message
        );
    }

    /// Known answer across two regional tables: the region's own figure is 30 = a + b with
    /// both withheld (safe alone), but b's exact row gives b = 20, so a = 10 as well.
    #[test]
    fn two_tables_together_give_away_what_neither_does_alone() {
        let own = measure(
            "metrics/cic.yaml",
            vec![pt("2024-03-31", Some(30.0), false)],
        );
        let fa = measure("a", vec![pt("2024-03-31", None, true)]);
        let fb = measure("b", vec![pt("2024-03-31", None, true)]);
        let figures = [("a", Some(&fa)), ("b", Some(&fb))];
        // The region's figure alone: two unknowns, one total.
        assert!(joint_disclosure(Some(&own), &figures, None).is_empty());
        let (m, p) = matrix(&[
            ("a", "a", "c"),
            ("a", "b", "c"),
            ("b", "a", "5"),
            ("b", "b", "15"),
        ]);
        let s = spec(Some("cic"));
        let issues = joint_disclosure(Some(&own), &figures, Some((&s, &m, &p)));
        let text: Vec<&str> = issues.iter().map(|i| i.message.as_str()).collect();
        assert_eq!(issues.len(), 2, "{text:?}");
        assert!(
            text[0].starts_with("`a`'s figure for 31 March 2024 is withheld"),
            "{text:?}"
        );
        assert!(
            text[0].contains("the region's own figure for 31 March 2024"),
            "{text:?}"
        );
        assert!(text[0].contains("the total of `b`'s row"), "{text:?}");
        assert!(
            text[1].starts_with("`b`'s figure for 31 March 2024 is withheld"),
            "{text:?}"
        );
        // Placed where the region can act: the matrix is what gives them away.
        assert!(issues.iter().all(|i| i.place.path == FIELD));
    }

    /// The joint system keeps the single-table answer: 10 = 4 + c + 3 gives c = 3 from the
    /// region's own figure alone, placed at that figure.
    #[test]
    fn without_a_matrix_it_is_the_single_table_check() {
        let own = measure("metrics/cic.yaml", vec![pt("2023/24", Some(10.0), false)]);
        let a = measure("a", vec![pt("2023/24", Some(4.0), false)]);
        let b = measure("b", vec![pt("2023/24", None, true)]);
        let d = measure("d", vec![pt("2023/24", Some(3.0), false)]);
        let issues = joint_disclosure(
            Some(&own),
            &[("a", Some(&a)), ("b", Some(&b)), ("d", Some(&d))],
            None,
        );
        assert_eq!(issues.len(), 1);
        assert_eq!(
            (issues[0].place.file.as_str(), issues[0].place.path.as_str()),
            ("metrics/cic.yaml", "series[0]")
        );
        assert!(
            issues[0]
                .message
                .starts_with("`b`'s figure for 2023/24 is withheld")
        );
    }
}

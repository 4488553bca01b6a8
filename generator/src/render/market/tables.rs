//! Every table of the site (a breakdown on the facts page, a market demand or supply table):
//! each published once under the small-number rule ([`PublishedTable`]), then shown as a page
//! section with its chart, summary and trend, as a JSON record, and as CSV files, all from the
//! same published cells. A text column's words and a period row's or column's dates go
//! everywhere the figures go.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::datatype::CompositeValue;
use charming::element::{AxisLabel, AxisType, ItemStyle, LineStyle, Symbol};
use charming::series::{Bar, Line, Pie};
use hearth_model::market::{
    self as mk, ColumnKind, Published, Row, Section, Shown, Suppression, Table, TableChart,
};
use hearth_model::{Flag, MetricSource, Period, Place, Preposition, Unit, format};
use serde::Serialize;

use super::cells::{CellData, CellView, csv_cell, decimals_for};
use crate::render::charts::{self, PALETTE};
use crate::render::csv::Csv;
use crate::render::site::Site;
use crate::render::view::{ChartView, FlagView, Html, PeriodView, SourceView};

/// A table and its cells as they may be published.
#[derive(Debug)]
pub struct PublishedTable<'m> {
    pub table: &'m Table,
    pub cells: Published,
}

/// The id of a table's section on its page: `breakdown-<id>` on the facts page (the address
/// `breakdown:ID` links to), `table-<id>` on a market page.
pub fn anchor(t: &Table) -> String {
    match t.section {
        Section::Facts => format!("breakdown-{}", t.id),
        _ => format!("table-{}", t.id),
    }
}

/// Where a table's page section is, from the site's root.
pub fn url(t: &Table) -> String {
    match t.section {
        Section::Facts => format!("facts/#{}", anchor(t)),
        s => format!("market/{}/#{}", s.key(), anchor(t)),
    }
}

/// The folder of a table's data files: `data/breakdowns/` or `data/market/`.
pub fn data_folder(t: &Table) -> &'static str {
    match t.section {
        Section::Facts => "data/breakdowns",
        _ => "data/market",
    }
}

/// The id of a table's chart data (`chart-<id>` for a breakdown, as before).
fn chart_id(t: &Table) -> String {
    match t.section {
        Section::Facts => format!("chart-{}", t.id),
        _ => format!("chart-market-{}", t.id),
    }
}

/// The dates a table's figures are for, for a sentence: `as at 31 March 2021`, or from its
/// period rows or columns, `from April 2013 to March 2014`.
pub fn dates_phrase(t: &Table) -> Option<String> {
    if let Some(a) = &t.as_at {
        return a.phrase(Preposition::AsAt);
    }
    let (first, last) = t.period_span()?;
    if first.sort_key() == last.sort_key() {
        first.phrase(Preposition::AsAt)
    } else {
        first.from_to(last)
    }
}

/// A column's name in a chart's legend and in sentences: its label, with its period if it
/// has one (`Share of children in care, 2019`).
fn column_name(c: &mk::Column) -> String {
    match &c.period {
        Some(p) => format!("{}, {}", c.label, p.label()),
        None => c.label.clone(),
    }
}

/// A cell on a page: the published figure, or a text column's words.
fn cell_view(row: &Row, k: usize, s: Shown, col: &mk::Column, rule: &Suppression) -> CellView {
    match row.text_at(k) {
        Some(words) if col.kind == ColumnKind::Text => CellView {
            text: words.to_string(),
            withheld: false,
            flag: None,
        },
        _ => CellView::of(s, col.unit, col.decimals, rule),
    }
}

/// A cell in JSON: the published figure, or `{"value": null, "text": "..."}`.
fn cell_data(row: &Row, k: usize, s: Shown, col: &mk::Column, rule: &Suppression) -> CellData {
    match row.text_at(k) {
        Some(words) if col.kind == ColumnKind::Text => CellData {
            value: None,
            flag: None,
            text: Some(words.to_string()),
        },
        _ => CellData::of(s, rule),
    }
}

/// A cell in CSV: the published figure, or the words.
fn cell_csv(row: &Row, k: usize, s: Shown, col: &mk::Column, rule: &Suppression) -> String {
    match row.text_at(k) {
        Some(words) if col.kind == ColumnKind::Text => words.to_string(),
        _ => csv_cell(s, col.decimals, rule),
    }
}

impl<'m> PublishedTable<'m> {
    pub fn new(table: &'m Table, rule: &Suppression) -> PublishedTable<'m> {
        PublishedTable {
            table,
            cells: mk::publish(table, rule),
        }
    }

    /// Every published figure: rows, total, trend (not a text column's words).
    fn all(&self) -> impl Iterator<Item = Shown> + '_ {
        let (t, p) = (self.table, &self.cells);
        t.rows
            .iter()
            .zip(&p.rows)
            .chain(t.total.iter().zip(p.total.iter()))
            .flat_map(move |(row, cells)| {
                cells
                    .iter()
                    .enumerate()
                    .filter(move |(k, _)| !(t.is_text(*k) && row.text_at(*k).is_some()))
                    .map(|(_, s)| *s)
            })
            .chain(p.trend.iter().copied())
    }

    /// The table's section on a page at depth `root`.
    pub fn view(&self, site: &Site<'_>, root: &str) -> TableView {
        self.view_of(site, root, true)
    }

    /// The same view without what a region's joint table does not show (its charts, their
    /// summary, its trend and its summary, left empty), which a region with many members would
    /// otherwise draw again for every council.
    pub fn figures_view(&self, site: &Site<'_>, root: &str) -> TableView {
        self.view_of(site, root, false)
    }

    fn view_of(&self, site: &Site<'_>, root: &str, whole: bool) -> TableView {
        let (t, p) = (self.table, &self.cells);
        let rule = &site.c.site.suppression;
        let at = |f: &str| Place::new(&t.file, f);
        let line = |row: &Row, cells: &[Shown]| RowView {
            label: row.label.clone(),
            note: row.note.clone(),
            period: PeriodView::opt(&row.period),
            cells: cells
                .iter()
                .zip(&t.columns)
                .enumerate()
                .map(|(k, (s, c))| cell_view(row, k, *s, c, rule))
                .collect(),
        };
        let mut flags: Vec<Flag> = self
            .all()
            .filter_map(|s| match s {
                Shown::Flag(f) => Some(f),
                _ => None,
            })
            .collect();
        flags.sort_by_key(|f| f.symbol());
        flags.dedup();
        let across = !matches!(t.chart, TableChart::Pie | TableChart::Line) && horizontal(t);
        TableView {
            id: t.id.clone(),
            anchor: anchor(t),
            title: t.title.clone(),
            as_at: PeriodView::opt(&t.as_at),
            dates: dates_phrase(t),
            summary: whole
                .then(|| site.md_opt(&t.summary, at("summary"), root, false))
                .flatten(),
            dimension: t.dimension.clone(),
            columns: t
                .columns
                .iter()
                .map(|c| ColumnView {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    unit: c.unit.label(),
                    text: c.kind == ColumnKind::Text,
                    period: c.period.as_ref().map(|p| p.label()),
                })
                .collect(),
            column_groups: column_groups(t),
            rows: t
                .rows
                .iter()
                .zip(&p.rows)
                .map(|(r, cells)| line(r, cells))
                .collect(),
            total: t
                .total
                .as_ref()
                .zip(p.total.as_ref())
                .map(|(r, cells)| line(r, cells)),
            withheld: self.all().any(Shown::is_withheld),
            flags: flags.into_iter().map(FlagView::of).collect(),
            chart: whole
                .then(|| table_chart(t, p))
                .flatten()
                .map(|ch| charts::chart_view(chart_id(t), &ch, across, across && t.rows.len() > 5)),
            chart_summary: if whole {
                table_summary(t, p, rule)
            } else {
                String::new()
            },
            trend: whole.then(|| self.trend_view(rule)).flatten(),
            metric: t
                .metric
                .as_ref()
                .and_then(|id| site.c.metric(id))
                .map(|mt| MeasureRef {
                    title: mt.title.clone(),
                    href: format!("measures/{}/", mt.id),
                    definition: site.md(
                        &mt.definition,
                        Place::new(&mt.file, "definition"),
                        root,
                        false,
                    ),
                }),
            source: t.source.as_ref().map(SourceView::of),
            note: site.md_opt(&t.note, at("note"), root, false),
            csv: format!("{}/{}.csv", data_folder(t), t.id),
            json: (t.section == Section::Facts)
                .then(|| format!("{}/{}.json", data_folder(t), t.id)),
        }
    }

    fn trend_view(&self, rule: &Suppression) -> Option<TrendView> {
        let (t, p) = (self.table, &self.cells);
        let tr = t.trend.as_ref()?;
        Some(TrendView {
            title: tr
                .title
                .clone()
                .unwrap_or_else(|| format!("{} over time", tr.label)),
            label: tr.label.clone(),
            rows: tr
                .series
                .iter()
                .zip(&p.trend)
                .map(|(pt, s)| TrendRow {
                    period: pt.period.label(),
                    cell: CellView::of(*s, tr.unit, tr.decimals, rule),
                })
                .collect(),
            chart: trend_chart(t, p)
                .map(|ch| charts::chart_view(format!("{}-trend", chart_id(t)), &ch, false, false)),
            summary: trend_summary(t, p, rule),
            csv: format!("{}/{}-trend.csv", data_folder(t), t.id),
        })
    }

    /// The table in `/data/market.json`.
    pub fn record(&self, rule: &Suppression) -> TableRecord<'m> {
        let (t, p) = (self.table, &self.cells);
        let line = |row: &Row, cells: &[Shown]| -> Vec<CellData> {
            cells
                .iter()
                .zip(&t.columns)
                .enumerate()
                .map(|(k, (s, c))| cell_data(row, k, *s, c, rule))
                .collect()
        };
        let record = |r: &'m Row, cells: &[Shown]| RowRecord {
            label: &r.label,
            period: r.period.as_ref().map(|p| p.text()),
            start: r.period.as_ref().and_then(|p| p.start()).map(|d| d.iso()),
            end: r.period.as_ref().and_then(|p| p.end()).map(|d| d.iso()),
            cells: line(r, cells),
            note: r.note.as_deref(),
        };
        let span = t.period_span();
        TableRecord {
            id: &t.id,
            section: t.section.key(),
            title: &t.title,
            as_at: t.as_at.as_ref().map(|a| a.text()),
            start: match (&t.as_at, span) {
                (Some(a), _) => a.start(),
                (None, Some((first, _))) => first.start(),
                _ => None,
            }
            .map(|d| d.iso()),
            end: match (&t.as_at, span) {
                (Some(a), _) => a.end(),
                (None, Some((_, last))) => last.end(),
                _ => None,
            }
            .map(|d| d.iso()),
            dimension: &t.dimension,
            columns: t
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| ColumnRecord {
                    id: &c.id,
                    label: &c.label,
                    kind: c.kind,
                    unit: (c.kind == ColumnKind::Number).then_some(c.unit),
                    children: t.counts_children(i),
                    of: c.of.as_deref(),
                    total: c.is_total(),
                    period: c.period.as_ref().map(|p| p.text()),
                    start: c.period.as_ref().and_then(|p| p.start()).map(|d| d.iso()),
                    end: c.period.as_ref().and_then(|p| p.end()).map(|d| d.iso()),
                })
                .collect(),
            rows: t
                .rows
                .iter()
                .zip(&p.rows)
                .map(|(r, cells)| record(r, cells))
                .collect(),
            total: t
                .total
                .as_ref()
                .zip(p.total.as_ref())
                .map(|(r, cells)| record(r, cells)),
            trend: t.trend.as_ref().map(|tr| TrendRecord {
                label: &tr.label,
                unit: tr.unit,
                children: t.trend_counts_children(),
                series: tr
                    .series
                    .iter()
                    .zip(&p.trend)
                    .map(|(pt, s)| TrendPoint {
                        period: pt.period.text(),
                        cell: CellData::of(*s, rule),
                    })
                    .collect(),
                csv: format!("{}/{}-trend.csv", data_folder(t), t.id),
            }),
            metric: t.metric.as_deref(),
            source: t.source.as_ref(),
            note: t.note.as_deref(),
            url: url(t),
            csv: format!("{}/{}.csv", data_folder(t), t.id),
        }
    }
}

impl TableRecord<'_> {
    /// The record with its page's and data files' addresses from a site at `base` (a region
    /// member's `councils/<id>/`), for the region's joint tables.
    pub fn rebase(mut self, base: &str) -> Self {
        self.url = format!("{base}{}", self.url);
        self.csv = format!("{base}{}", self.csv);
        if let Some(tr) = &mut self.trend {
            tr.csv = format!("{base}{}", tr.csv);
        }
        self
    }
}

/// A table's section on a demand or supply page.
#[derive(Debug, Serialize)]
pub struct TableView {
    pub id: String,
    /// The section's id on its page (`breakdown-<id>`, `table-<id>`).
    pub anchor: String,
    pub title: String,
    pub as_at: Option<PeriodView>,
    /// The dates of the figures for a sentence (`as at 31 March 2021`, `from April 2013 to
    /// March 2014`).
    pub dates: Option<String>,
    pub summary: Option<Html>,
    pub dimension: String,
    pub columns: Vec<ColumnView>,
    /// The headings over the columns when some are periods: one per run of columns of the
    /// same period (empty when no column is a period).
    pub column_groups: Vec<ColumnGroup>,
    pub rows: Vec<RowView>,
    pub total: Option<RowView>,
    /// Whether any figure is withheld (the page then explains the symbol).
    pub withheld: bool,
    pub flags: Vec<FlagView>,
    pub chart: Option<ChartView>,
    pub chart_summary: String,
    pub trend: Option<TrendView>,
    pub metric: Option<MeasureRef>,
    pub source: Option<SourceView>,
    pub note: Option<Html>,
    pub csv: String,
    /// The table's JSON file, for a breakdown (a market table is in `market.json`).
    pub json: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub id: String,
    pub label: String,
    pub unit: &'static str,
    /// A text column (its cells are words, not right-aligned figures).
    pub text: bool,
    /// The column's period, in words.
    pub period: Option<String>,
}

/// A heading over a run of columns: a period, or nothing (`label: none`) over the row
/// labels and columns that are not periods.
#[derive(Debug, Serialize)]
pub struct ColumnGroup {
    pub label: Option<String>,
    pub span: usize,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub label: String,
    pub note: Option<String>,
    /// The row's period, when it is one.
    pub period: Option<PeriodView>,
    pub cells: Vec<CellView>,
}

#[derive(Debug, Serialize)]
pub struct TrendView {
    pub title: String,
    pub label: String,
    pub rows: Vec<TrendRow>,
    pub chart: Option<ChartView>,
    pub summary: String,
    pub csv: String,
}

#[derive(Debug, Serialize)]
pub struct TrendRow {
    pub period: String,
    pub cell: CellView,
}

/// The strategy's measure a table shows, with its definition.
#[derive(Debug, Serialize)]
pub struct MeasureRef {
    pub title: String,
    pub href: String,
    pub definition: Html,
}

/// A table in `/data/market.json`.
#[derive(Debug, Serialize)]
pub struct TableRecord<'m> {
    id: &'m str,
    section: &'static str,
    title: &'m str,
    as_at: Option<&'m str>,
    start: Option<String>,
    end: Option<String>,
    dimension: &'m str,
    columns: Vec<ColumnRecord<'m>>,
    rows: Vec<RowRecord<'m>>,
    total: Option<RowRecord<'m>>,
    trend: Option<TrendRecord<'m>>,
    metric: Option<&'m str>,
    source: Option<&'m MetricSource>,
    note: Option<&'m str>,
    url: String,
    csv: String,
}

#[derive(Debug, Serialize)]
struct ColumnRecord<'m> {
    id: &'m str,
    label: &'m str,
    kind: ColumnKind,
    /// `null` for a text column.
    unit: Option<Unit>,
    children: bool,
    of: Option<&'m str>,
    total: bool,
    /// The column's period as written, and its first and last days.
    period: Option<&'m str>,
    start: Option<String>,
    end: Option<String>,
}

#[derive(Debug, Serialize)]
struct RowRecord<'m> {
    /// The row's label (a period row's: the period in words).
    label: &'m str,
    /// The row's period as written, and its first and last days.
    period: Option<&'m str>,
    start: Option<String>,
    end: Option<String>,
    cells: Vec<CellData>,
    note: Option<&'m str>,
}

#[derive(Debug, Serialize)]
struct TrendRecord<'m> {
    label: &'m str,
    unit: Unit,
    children: bool,
    series: Vec<TrendPoint<'m>>,
    csv: String,
}

#[derive(Debug, Serialize)]
struct TrendPoint<'m> {
    period: &'m str,
    #[serde(flatten)]
    cell: CellData,
}

fn chart_value(s: Shown) -> CompositeValue {
    s.value().into()
}

/// The frame of a table's bar or pie chart: ARIA with decal patterns.
fn base_chart() -> Chart {
    charts::base().aria(charts::aria_with_decals())
}

/// The chart of a table, from its published cells (withheld cells are gaps).
fn table_chart(t: &Table, p: &Published) -> Option<Chart> {
    let cols = t.chart_column_indices();
    if cols.is_empty() || t.chart == TableChart::None {
        return None;
    }
    let labels: Vec<String> = t.rows.iter().map(|r| r.label.clone()).collect();
    if t.chart == TableChart::Line {
        return Some(line_chart(t, p, &cols, labels));
    }
    if t.chart == TableChart::Pie {
        let c = cols[0];
        let data: Vec<(f64, String)> = t
            .rows
            .iter()
            .zip(&p.rows)
            .filter_map(|(r, cells)| cells[c].value().map(|v| (v, r.label.clone())))
            .collect();
        let colours: Vec<charming::element::Color> = PALETTE.iter().map(|c| (*c).into()).collect();
        return Some(
            base_chart()
                .legend(Legend::new().bottom(0))
                .color(colours)
                .series(
                    Pie::new()
                        .name(column_name(&t.columns[c]).as_str())
                        .radius(vec!["35%", "65%"])
                        .item_style(charts::separated(None))
                        .data(data),
                ),
        );
    }
    let mut chart = if horizontal(t) {
        base_chart()
            .x_axis(Axis::new().type_(AxisType::Value))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .inverse(true)
                    .data(labels)
                    .axis_label(AxisLabel::new().interval(0)),
            )
    } else {
        base_chart()
            .x_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .data(labels)
                    .axis_label(AxisLabel::new().interval(0)),
            )
            .y_axis(Axis::new().type_(AxisType::Value))
    };
    if cols.len() > 1 {
        chart = chart.legend(
            Legend::new()
                .type_(charming::component::LegendType::Scroll)
                .bottom(0),
        );
    }
    for (k, &c) in cols.iter().enumerate() {
        let data: Vec<CompositeValue> = p.rows.iter().map(|cells| chart_value(cells[c])).collect();
        let colour = PALETTE[k % PALETTE.len()];
        let mut bar = Bar::new()
            .name(column_name(&t.columns[c]).as_str())
            .data(data)
            .item_style(ItemStyle::new().color(colour));
        if t.chart == TableChart::Stacked {
            bar = bar.stack("all").item_style(charts::separated(Some(colour)));
        }
        chart = chart.series(bar);
    }
    Some(chart)
}

/// A line chart over time: one line per charted column over rows that are periods, or one
/// line per row over charted columns that are periods. Each line has its own marker shape
/// and line style, as a measure's lines do.
fn line_chart(t: &Table, p: &Published, cols: &[usize], row_labels: Vec<String>) -> Chart {
    let over_rows = t.rows_are_periods();
    let (x, lines): (Vec<String>, Vec<(String, Vec<CompositeValue>)>) = if over_rows {
        let lines = cols
            .iter()
            .map(|&c| {
                let data = p.rows.iter().map(|cells| chart_value(cells[c])).collect();
                (column_name(&t.columns[c]), data)
            })
            .collect();
        (row_labels, lines)
    } else {
        let x = cols
            .iter()
            .map(|&c| {
                t.columns[c]
                    .period
                    .as_ref()
                    .map_or_else(|| t.columns[c].label.clone(), |p| p.label())
            })
            .collect();
        let lines = t
            .rows
            .iter()
            .zip(&p.rows)
            .map(|(r, cells)| {
                let data = cols.iter().map(|&c| chart_value(cells[c])).collect();
                (r.label.clone(), data)
            })
            .collect();
        (x, lines)
    };
    let mut chart = charts::base()
        .x_axis(Axis::new().type_(AxisType::Category).data(x))
        .y_axis(Axis::new().type_(AxisType::Value));
    if lines.len() > 1 {
        chart = chart.legend(
            Legend::new()
                .type_(charming::component::LegendType::Scroll)
                .bottom(0),
        );
    }
    for (k, (name, data)) in lines.into_iter().enumerate() {
        let colour = PALETTE[k % PALETTE.len()];
        chart = chart.series(
            Line::new()
                .name(name.as_str())
                .data(data)
                .symbol(charts::symbol_for(k))
                .symbol_size(8)
                .line_style(
                    LineStyle::new()
                        .width(3)
                        .color(colour)
                        .type_(charts::line_type_for(k)),
                )
                .item_style(ItemStyle::new().color(colour)),
        );
    }
    chart
}

/// The headings over the columns when some are periods: the row-label column and each run of
/// columns of the same period (or of none) under one heading.
fn column_groups(t: &Table) -> Vec<ColumnGroup> {
    if t.columns.iter().all(|c| c.period.is_none()) {
        return Vec::new();
    }
    let mut groups = vec![ColumnGroup {
        label: None,
        span: 1,
    }];
    let mut last: Option<Option<(i64, i64)>> = None;
    for c in &t.columns {
        let key = c.period.as_ref().map(|p| p.sort_key());
        match groups.last_mut() {
            Some(g) if last == Some(key) => g.span += 1,
            _ => groups.push(ColumnGroup {
                label: c.period.as_ref().map(|p| p.label()),
                span: 1,
            }),
        }
        last = Some(key);
    }
    groups
}

/// Whether a table's bars run across (long or many row labels), so labels stay readable.
fn horizontal(t: &Table) -> bool {
    charts::bars_across(t.rows.iter().map(|r| r.label.as_str()))
}

/// One sentence on what a table's chart shows, from published figures only.
fn table_summary(t: &Table, p: &Published, rule: &Suppression) -> String {
    let cols = t.chart_column_indices();
    let mut out = format!(
        "{}{}: {} row{}.",
        t.title,
        dates_phrase(t).map(|d| format!(" {d}")).unwrap_or_default(),
        t.rows.len(),
        if t.rows.len() == 1 { "" } else { "s" }
    );
    if t.chart == TableChart::Line && t.rows_are_periods() {
        out.push_str(&line_summary(t, p, &cols));
    } else if t.chart == TableChart::Line {
        out.push_str(&line_by_row_summary(t, p, &cols));
    } else if let Some(&c) = cols.first() {
        let col = &t.columns[c];
        let top = t
            .rows
            .iter()
            .zip(&p.rows)
            .filter_map(|(r, cells)| cells[c].value().map(|v| (r.label.as_str(), v)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((label, v)) = top {
            out.push_str(&format!(
                " The highest figure for “{}” is {} ({}).",
                column_name(col),
                label,
                format::value(v, col.unit, col.decimals.unwrap_or_else(|| decimals_for(v)))
            ));
        }
    }
    let withheld = p
        .rows
        .iter()
        .chain(p.total.iter())
        .flatten()
        .filter(|s| s.is_withheld())
        .count();
    if withheld > 0 {
        out.push_str(&format!(
            " {withheld} figure{} {} withheld ({}) to protect children's privacy.",
            if withheld == 1 { "" } else { "s" },
            if withheld == 1 { "is" } else { "are" },
            rule.symbol
        ));
    }
    out
}

/// What a line chart over period rows shows: each charted column's first and last published
/// figure.
fn line_summary(t: &Table, p: &Published, cols: &[usize]) -> String {
    let mut out = String::from(" Line chart over time.");
    for &c in cols {
        let col = &t.columns[c];
        let known: Vec<(&Period, f64)> = t
            .rows
            .iter()
            .zip(&p.rows)
            .filter_map(|(r, cells)| Some((r.period.as_ref()?, cells[c].value()?)))
            .collect();
        let text =
            |v: f64| format::value(v, col.unit, col.decimals.unwrap_or_else(|| decimals_for(v)));
        match (known.first(), known.last()) {
            (Some(a), Some(b)) if known.len() > 1 => out.push_str(&format!(
                " {}: {}{}, {}{}.",
                column_name(col),
                text(a.1),
                a.0.spaced_phrase(Preposition::At),
                text(b.1),
                b.0.spaced_phrase(Preposition::At)
            )),
            (Some(a), _) => out.push_str(&format!(
                " {}: {}{}.",
                column_name(col),
                text(a.1),
                a.0.spaced_phrase(Preposition::At)
            )),
            _ => {}
        }
    }
    out
}

/// What a line chart over period columns shows: one line per row, its first and last
/// published figure.
fn line_by_row_summary(t: &Table, p: &Published, cols: &[usize]) -> String {
    let mut out = String::from(" Line chart over time, one line per row.");
    for (r, cells) in t.rows.iter().zip(&p.rows) {
        let known: Vec<(&Period, f64, &mk::Column)> = cols
            .iter()
            .filter_map(|&c| {
                let col = &t.columns[c];
                Some((col.period.as_ref()?, cells[c].value()?, col))
            })
            .collect();
        let text = |v: f64, col: &mk::Column| {
            format::value(v, col.unit, col.decimals.unwrap_or_else(|| decimals_for(v)))
        };
        match (known.first(), known.last()) {
            (Some(a), Some(b)) if known.len() > 1 => out.push_str(&format!(
                " {}: {}{}, {}{}.",
                r.label,
                text(a.1, a.2),
                a.0.spaced_phrase(Preposition::At),
                text(b.1, b.2),
                b.0.spaced_phrase(Preposition::At)
            )),
            (Some(a), _) => out.push_str(&format!(
                " {}: {}{}.",
                r.label,
                text(a.1, a.2),
                a.0.spaced_phrase(Preposition::At)
            )),
            _ => {}
        }
    }
    out
}

fn trend_chart(t: &Table, p: &Published) -> Option<Chart> {
    let tr = t.trend.as_ref()?;
    let labels: Vec<String> = tr.series.iter().map(|pt| pt.period.label()).collect();
    let data: Vec<CompositeValue> = p.trend.iter().map(|s| chart_value(*s)).collect();
    Some(
        charts::base()
            .x_axis(Axis::new().type_(AxisType::Category).data(labels))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(
                Line::new()
                    .name(tr.label.as_str())
                    .data(data)
                    .symbol(Symbol::Circle)
                    .symbol_size(8)
                    .line_style(LineStyle::new().width(3).color(PALETTE[0]))
                    .item_style(ItemStyle::new().color(PALETTE[0])),
            ),
    )
}

fn trend_summary(t: &Table, p: &Published, rule: &Suppression) -> String {
    let Some(tr) = &t.trend else {
        return String::new();
    };
    let known: Vec<(&Period, f64)> = tr
        .series
        .iter()
        .zip(&p.trend)
        .filter_map(|(pt, s)| s.value().map(|v| (&pt.period, v)))
        .collect();
    let text = |v: f64| format::value(v, tr.unit, tr.decimals.unwrap_or_else(|| decimals_for(v)));
    // ` at 31 March 2021`, ` in 2020/21`: each figure's period after the right word.
    let at = |p: &Period| p.spaced_phrase(Preposition::At);
    let mut out = match (known.first(), known.last()) {
        (Some(a), Some(b)) if known.len() > 1 => format!(
            "Line chart of {}{}: {}{}, {}{}.",
            tr.label.to_lowercase(),
            a.0.from_to(b.0)
                .map(|phrase| format!(" {phrase}"))
                .unwrap_or_default(),
            text(a.1),
            at(a.0),
            text(b.1),
            at(b.0)
        ),
        (Some(a), _) => format!("{}: {}{}.", tr.label, text(a.1), at(a.0)),
        _ => format!("{}: no figures published.", tr.label),
    };
    let withheld = p.trend.iter().filter(|s| s.is_withheld()).count();
    if withheld > 0 {
        out.push_str(&format!(
            " {withheld} figure{} withheld ({}).",
            if withheld == 1 { " is" } else { "s are" },
            rule.symbol
        ));
    }
    out
}

/// A table as CSV: the row labels (and, for period rows, each period's first and last day),
/// then one column per table column, headed by its id: figures as published, a text column's
/// words. A breakdown in the one-value form keeps that form's columns: the dimension, `value`
/// and `flag`.
pub fn csv_of_table(t: &Table, p: &Published, rule: &Suppression) -> String {
    if t.one_value_form {
        return csv_of_one_value(t, p, rule);
    }
    let periods = t.rows_are_periods();
    let mut head = vec![t.dimension.as_str()];
    if periods {
        head.extend(["start", "end"]);
    }
    head.extend(t.columns.iter().map(|c| c.id.as_str()));
    let mut csv = Csv::new(head);
    let lines = t
        .rows
        .iter()
        .zip(&p.rows)
        .chain(t.total.iter().zip(p.total.iter()));
    for (row, cells) in lines {
        let mut line = vec![row.label.clone()];
        if periods {
            line.extend(period_days(row));
        }
        line.extend(cells_csv(t, row, cells, rule));
        csv.row(line);
    }
    csv.finish()
}

/// A row's period's first and last day (empty when the row is not a period).
fn period_days(row: &Row) -> [String; 2] {
    let day = |d: Option<hearth_model::Date>| d.map(|d| d.iso()).unwrap_or_default();
    let period = row.period.as_ref();
    [
        day(period.and_then(|p| p.start())),
        day(period.and_then(|p| p.end())),
    ]
}

/// A row's cells as its table's CSV gives them, one per column.
fn cells_csv<'a>(
    t: &'a Table,
    row: &'a Row,
    cells: &'a [Shown],
    rule: &'a Suppression,
) -> impl Iterator<Item = String> + 'a {
    cells
        .iter()
        .zip(&t.columns)
        .enumerate()
        .map(move |(k, (s, c))| cell_csv(row, k, *s, c, rule))
}

/// A table's rows and total row for a CSV that puts several tables' rows together (a
/// region's joint table): `row` or `total`, the row's label, its period's first and last day
/// (empty when it is not a period), then its cells as [`csv_of_table`] gives them.
pub fn csv_lines(t: &Table, p: &Published, rule: &Suppression) -> Vec<Vec<String>> {
    let rows = t.rows.iter().zip(&p.rows).map(|r| ("row", r));
    let total = t.total.iter().zip(p.total.iter()).map(|r| ("total", r));
    rows.chain(total)
        .map(|(kind, (row, cells))| {
            let mut line = vec![kind.to_string(), row.label.clone()];
            line.extend(period_days(row));
            line.extend(cells_csv(t, row, cells, rule));
            line
        })
        .collect()
}

/// The one-value form's CSV, as it has always been: the dimension, the value and the flag.
fn csv_of_one_value(t: &Table, p: &Published, rule: &Suppression) -> String {
    let d = t.columns.first().and_then(|c| c.decimals);
    let mut csv = Csv::new([t.dimension.as_str(), "value", "flag"]);
    for (row, cells) in t.rows.iter().zip(&p.rows) {
        let (value, flag) = match cells.first() {
            Some(Shown::Value(v)) => (csv_cell(Shown::Value(*v), d, rule), String::new()),
            Some(s) => (
                String::new(),
                s.symbol(rule).unwrap_or_default().to_string(),
            ),
            None => (String::new(), String::new()),
        };
        csv.row([row.label.clone(), value, flag]);
    }
    csv.finish()
}

pub fn csv_of_trend(t: &Table, p: &Published, rule: &Suppression) -> Option<String> {
    let tr = t.trend.as_ref()?;
    let mut csv = Csv::new(["period", "start", "end", "value"]);
    for (pt, s) in tr.series.iter().zip(&p.trend) {
        csv.row([
            pt.period.text().to_string(),
            pt.period.start().map(|d| d.iso()).unwrap_or_default(),
            pt.period.end().map(|d| d.iso()).unwrap_or_default(),
            csv_cell(*s, tr.decimals, rule),
        ]);
    }
    Some(csv.finish())
}

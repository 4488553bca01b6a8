//! The market statement's tables (demand and supply): each published once under the
//! small-number rule ([`PublishedTable`]), then shown as a page section with its chart,
//! summary and trend, as a JSON record, and as CSV files, all from the same published cells.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::datatype::CompositeValue;
use charming::element::{AxisLabel, AxisType, ItemStyle, LineStyle, Symbol};
use charming::series::{Bar, Line, Pie};
use hearth_model::market::{self as mk, Published, Shown, Suppression, Table, TableChart};
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

impl<'m> PublishedTable<'m> {
    pub fn new(table: &'m Table, rule: &Suppression) -> PublishedTable<'m> {
        PublishedTable {
            table,
            cells: mk::publish(table, rule),
        }
    }

    /// Every published cell: rows, total, trend.
    fn all(&self) -> impl Iterator<Item = Shown> + '_ {
        let p = &self.cells;
        p.rows
            .iter()
            .chain(p.total.iter())
            .flatten()
            .chain(p.trend.iter())
            .copied()
    }

    /// The table's section on a page at depth `root`.
    pub fn view(&self, site: &Site<'_>, root: &str) -> TableView {
        let (t, p) = (self.table, &self.cells);
        let rule = &site.c.site.suppression;
        let at = |f: &str| Place::new(&t.file, f);
        let line = |label: &str, note: &Option<String>, cells: &[Shown]| RowView {
            label: label.to_string(),
            note: note.clone(),
            cells: cells
                .iter()
                .zip(&t.columns)
                .map(|(s, c)| CellView::of(*s, c.unit, c.decimals, rule))
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
        let across = t.chart != TableChart::Pie && horizontal(t);
        TableView {
            id: t.id.clone(),
            title: t.title.clone(),
            as_at: PeriodView::of(&t.as_at),
            summary: site.md_opt(&t.summary, at("summary"), root, false),
            dimension: t.dimension.clone(),
            columns: t
                .columns
                .iter()
                .map(|c| ColumnView {
                    id: c.id.clone(),
                    label: c.label.clone(),
                    unit: c.unit.label(),
                })
                .collect(),
            rows: t
                .rows
                .iter()
                .zip(&p.rows)
                .map(|(r, cells)| line(&r.label, &r.note, cells))
                .collect(),
            total: t
                .total
                .as_ref()
                .zip(p.total.as_ref())
                .map(|(r, cells)| line(&r.label, &r.note, cells)),
            withheld: self.all().any(Shown::is_withheld),
            flags: flags.into_iter().map(FlagView::of).collect(),
            chart: table_chart(t, p).map(|ch| ChartView {
                id: format!("chart-market-{}", t.id),
                json: charts::bar_script_json(&ch, across),
                tall: across && t.rows.len() > 5,
            }),
            chart_summary: table_summary(t, p, rule),
            trend: self.trend_view(rule),
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
            csv: format!("data/market/{}.csv", t.id),
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
            chart: trend_chart(t, p).map(|ch| ChartView {
                id: format!("chart-market-{}-trend", t.id),
                json: charts::to_script_json(&ch),
                tall: false,
            }),
            summary: trend_summary(t, p, rule),
            csv: format!("data/market/{}-trend.csv", t.id),
        })
    }

    /// The table in `/data/market.json`.
    pub fn record(&self, rule: &Suppression) -> TableRecord<'m> {
        let (t, p) = (self.table, &self.cells);
        let line = |cells: &[Shown]| cells.iter().map(|s| CellData::of(*s, rule)).collect();
        TableRecord {
            id: &t.id,
            section: t.section.key(),
            title: &t.title,
            as_at: t.as_at.text(),
            start: t.as_at.start().map(|d| d.iso()),
            end: t.as_at.end().map(|d| d.iso()),
            dimension: &t.dimension,
            columns: t
                .columns
                .iter()
                .enumerate()
                .map(|(i, c)| ColumnRecord {
                    id: &c.id,
                    label: &c.label,
                    unit: c.unit,
                    children: t.counts_children(i),
                    of: c.of.as_deref(),
                    total: c.is_total(),
                })
                .collect(),
            rows: t
                .rows
                .iter()
                .zip(&p.rows)
                .map(|(r, cells)| RowRecord {
                    label: &r.label,
                    cells: line(cells),
                    note: r.note.as_deref(),
                })
                .collect(),
            total: t
                .total
                .as_ref()
                .zip(p.total.as_ref())
                .map(|(r, cells)| RowRecord {
                    label: &r.label,
                    cells: line(cells),
                    note: r.note.as_deref(),
                }),
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
                csv: format!("data/market/{}-trend.csv", t.id),
            }),
            metric: t.metric.as_deref(),
            source: t.source.as_ref(),
            note: t.note.as_deref(),
            url: format!("market/{}/#table-{}", t.section.key(), t.id),
            csv: format!("data/market/{}.csv", t.id),
        }
    }
}

/// A table's section on a demand or supply page.
#[derive(Debug, Serialize)]
pub struct TableView {
    pub id: String,
    pub title: String,
    pub as_at: PeriodView,
    pub summary: Option<Html>,
    pub dimension: String,
    pub columns: Vec<ColumnView>,
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
}

#[derive(Debug, Serialize)]
pub struct ColumnView {
    pub id: String,
    pub label: String,
    pub unit: &'static str,
}

#[derive(Debug, Serialize)]
pub struct RowView {
    pub label: String,
    pub note: Option<String>,
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
    as_at: &'m str,
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
    unit: Unit,
    children: bool,
    of: Option<&'m str>,
    total: bool,
}

#[derive(Debug, Serialize)]
struct RowRecord<'m> {
    label: &'m str,
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
                        .name(t.columns[c].label.as_str())
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
            .name(t.columns[c].label.as_str())
            .data(data)
            .item_style(ItemStyle::new().color(colour));
        if t.chart == TableChart::Stacked {
            bar = bar.stack("all").item_style(charts::separated(Some(colour)));
        }
        chart = chart.series(bar);
    }
    Some(chart)
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
        t.as_at.spaced_phrase(Preposition::AsAt),
        t.rows.len(),
        if t.rows.len() == 1 { "" } else { "s" }
    );
    if let Some(&c) = cols.first() {
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
                col.label,
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

pub fn csv_of_table(t: &Table, p: &Published, rule: &Suppression) -> String {
    let mut head = vec![t.dimension.as_str()];
    head.extend(t.columns.iter().map(|c| c.id.as_str()));
    let mut csv = Csv::new(head);
    let lines = t
        .rows
        .iter()
        .zip(&p.rows)
        .chain(t.total.iter().zip(p.total.iter()));
    for (row, cells) in lines {
        let mut line = vec![row.label.clone()];
        line.extend(
            cells
                .iter()
                .zip(&t.columns)
                .map(|(s, c)| csv_cell(*s, c.decimals, rule)),
        );
        csv.row(line);
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

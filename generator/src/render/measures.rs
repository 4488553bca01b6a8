//! Measures: `/measures/` (every measure's latest value, trend and target), one page per
//! measure (chart, data table, text summary, definition, source, links), and their open data
//! (`/data/metrics.json`, `/data/metrics/<id>.csv`).
//!
//! A measure's table ([`Table`]: one row per period, with its own value, target and each
//! comparator's point) is worked out once; the page's table, the chart's description and the
//! CSV file are all read from it.

use hearth_model::analysis::{self, Judgement};
use hearth_model::{Flag, Metric, MetricSource, Period, Place, Point, Preposition, Target, format};
use serde::Serialize;

use super::charts;
use super::csv::Csv;
use super::site::Site;
use super::view::{ChartView, FlagView, Html, Link, RagView, SourceView};

/// A measure in a list (the home page, `/measures/`, a priority's page).
#[derive(Debug, Serialize)]
pub struct MetricCard {
    pub id: String,
    pub href: String,
    pub title: String,
    pub short_title: String,
    pub unit: &'static str,
    pub polarity: &'static str,
    pub latest: Option<Figure>,
    pub trend: Option<TrendView>,
    pub target: Option<Figure>,
    pub meets_target: Option<bool>,
    pub summary: String,
}

/// A value and the period it is for, written for readers.
#[derive(Debug, Serialize)]
pub struct Figure {
    pub value: String,
    pub period: String,
    /// The period brought into a sentence: "at 31 March 2024" or "in 2024/25" for the latest
    /// figure, "by 31 March 2025" or "for 2020 to 2023" for a target; `none` for `Ongoing`.
    pub when: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct TrendView {
    pub direction: String,
    pub judgement: &'static str,
    pub label: &'static str,
}

impl MetricCard {
    pub fn new(m: &Metric) -> MetricCard {
        let (latest, _) = analysis::latest_two(m);
        let d = m.decimals();
        MetricCard {
            id: m.id.clone(),
            href: format!("measures/{}/", m.id),
            title: m.title.clone(),
            short_title: m.short_title.clone().unwrap_or_else(|| m.title.clone()),
            unit: m.unit.label(),
            polarity: m.polarity.label(),
            latest: latest.map(|p| Figure {
                value: format::value(p.value.unwrap_or_default(), m.unit, d),
                period: p.period.label(),
                when: p.period.phrase(Preposition::At),
            }),
            trend: analysis::trend(m).map(|t| TrendView {
                direction: format!("{:?}", t.direction).to_lowercase(),
                judgement: match t.judgement {
                    Judgement::Better => "better",
                    Judgement::Worse => "worse",
                    Judgement::NoChange => "same",
                    Judgement::Neutral => "neutral",
                },
                label: t.judgement.label(),
            }),
            target: analysis::current_target(m).map(|t| Figure {
                value: format::value(t.value, m.unit, d),
                period: t.period.label(),
                when: t.period.phrase(Preposition::By),
            }),
            meets_target: analysis::meets_target(m),
            summary: analysis::summary(m),
        }
    }
}

/// A measure's figures by period: what the page's table, the CSV and the JSON show.
#[derive(Debug)]
pub struct Table<'m> {
    pub metric: &'m Metric,
    pub rows: Vec<Row<'m>>,
}

/// One period of a measure's table.
#[derive(Debug)]
pub struct Row<'m> {
    pub period: Period,
    pub own: Option<&'m Point>,
    pub target: Option<&'m Target>,
    /// Each comparator's point for the period, in the measure's comparator order.
    pub comparators: Vec<Option<&'m Point>>,
}

impl<'m> Table<'m> {
    pub fn of(m: &'m Metric) -> Table<'m> {
        let at =
            |pts: &'m [Point], p: &Period| pts.iter().find(|x| x.period.sort_key() == p.sort_key());
        let rows = charts::metric_periods(m)
            .into_iter()
            .map(|p| Row {
                own: at(&m.series, &p),
                target: m
                    .targets
                    .iter()
                    .find(|t| t.period.sort_key() == p.sort_key()),
                comparators: m.comparators.iter().map(|c| at(&c.series, &p)).collect(),
                period: p,
            })
            .collect();
        Table { metric: m, rows }
    }

    /// The measure's CSV: period, start, end, value, flag, target, then one column per
    /// comparator (its value, or its flag's symbol).
    pub fn csv(&self) -> String {
        let m = self.metric;
        let d = m.decimals();
        let mut head: Vec<String> = ["period", "start", "end", "value", "flag", "target"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        head.extend(m.comparators.iter().map(|c| c.id.clone()));
        let mut csv = Csv::new(head);
        let plain = |x: Option<&Point>| -> String {
            x.map(|x| match (x.value, x.flag) {
                (_, Some(f)) => f.symbol().to_string(),
                (Some(v), None) => format::plain(v, d),
                _ => String::new(),
            })
            .unwrap_or_default()
        };
        for r in &self.rows {
            let p = &r.period;
            let mut row = vec![
                p.text().to_string(),
                p.start().map(|x| x.iso()).unwrap_or_default(),
                p.end().map(|x| x.iso()).unwrap_or_default(),
                r.own
                    .and_then(|x| if x.flag.is_some() { None } else { x.value })
                    .map(|v| format::plain(v, d))
                    .unwrap_or_default(),
                r.own
                    .and_then(|x| x.flag)
                    .map(|f| f.symbol().to_string())
                    .unwrap_or_default(),
                r.target
                    .map(|t| format::plain(t.value, d))
                    .unwrap_or_default(),
            ];
            row.extend(r.comparators.iter().map(|x| plain(*x)));
            csv.row(row);
        }
        csv.finish()
    }
}

/// A cell of a measure's table on its page.
#[derive(Debug, Serialize)]
struct Cell {
    text: String,
    flag: Option<FlagView>,
    note: Option<String>,
}

impl Cell {
    fn of(point: Option<&Point>, m: &Metric) -> Cell {
        let note = point.and_then(|x| x.note.clone());
        match point.map(|x| (x.value, x.flag)) {
            Some((_, Some(f))) => Cell {
                text: f.symbol().into(),
                flag: Some(FlagView::of(f)),
                note,
            },
            Some((Some(v), None)) => Cell {
                text: format::value(v, m.unit, m.decimals()),
                flag: None,
                note,
            },
            _ => Cell {
                text: String::new(),
                flag: None,
                note: None,
            },
        }
    }
}

#[derive(Serialize)]
struct RowView {
    period: String,
    value: Cell,
    target: Option<String>,
    comparators: Vec<Cell>,
}

/// A measure's chart and what it shows, in words.
#[derive(Debug, Serialize)]
pub struct MeasureChart {
    #[serde(flatten)]
    pub chart: ChartView,
    pub description: String,
}

#[derive(Serialize)]
struct LinkedAction {
    id: String,
    title: String,
    href: String,
    rag: RagView,
}

#[derive(Serialize)]
struct MeasurePage<'v> {
    title: &'v str,
    metric: MetricCard,
    definition: Html,
    why: Option<Html>,
    source: SourceView,
    authority: &'v str,
    comparators: Vec<String>,
    has_targets: bool,
    rows: Vec<RowView>,
    flags: Vec<FlagView>,
    figure: MeasureChart,
    csv: String,
    priorities: Vec<Link>,
    actions: Vec<LinkedAction>,
}

/// `/measures/`, every `/measures/<id>/`, and their data.
pub fn render(site: &mut Site<'_>) {
    let c = site.c;
    let cards: Vec<MetricCard> = c.metrics.iter().map(MetricCard::new).collect();
    #[derive(Serialize)]
    struct Index {
        title: &'static str,
        metrics: Vec<MetricCard>,
    }
    let index = Index {
        title: "Measures",
        metrics: cards,
    };
    site.page("measures/index.html", "measures.html", "measures", &index);
    for m in &c.metrics {
        let table = Table::of(m);
        let page = measure_page(site, &table);
        site.page(
            &format!("measures/{}/index.html", m.id),
            "measure.html",
            "measures",
            &page,
        );
    }
}

fn measure_page<'v>(site: &Site<'v>, table: &Table<'v>) -> MeasurePage<'v> {
    let root = "../../";
    let c = site.c;
    let m = table.metric;
    let at = |f: &str| Place::new(&m.file, f);
    let d = m.decimals();
    let rows = table
        .rows
        .iter()
        .map(|r| RowView {
            period: r.period.label(),
            value: Cell::of(r.own, m),
            target: r.target.map(|t| format::number(t.value, d)),
            comparators: r.comparators.iter().map(|x| Cell::of(*x, m)).collect(),
        })
        .collect();
    let chart = charts::to_script_json(&charts::metric_chart(m, &c.site.authority));
    let mut flags: Vec<Flag> = m
        .series
        .iter()
        .chain(m.comparators.iter().flat_map(|x| x.series.iter()))
        .filter_map(|p| p.flag)
        .collect();
    flags.sort_by_key(|f| f.symbol());
    flags.dedup();
    MeasurePage {
        title: &m.title,
        metric: MetricCard::new(m),
        definition: site.md(&m.definition, at("definition"), root, false),
        why: site.md_opt(&m.why, at("why"), root, false),
        source: SourceView::of(&m.source),
        authority: &c.site.authority,
        comparators: m.comparators.iter().map(|x| x.label.clone()).collect(),
        has_targets: !m.targets.is_empty(),
        rows,
        flags: flags.into_iter().map(FlagView::of).collect(),
        figure: MeasureChart {
            chart: ChartView {
                id: format!("chart-{}", m.id),
                json: chart,
                tall: false,
            },
            description: chart_description(m, &c.site.authority),
        },
        csv: format!("data/metrics/{}.csv", m.id),
        priorities: c
            .strategy
            .priorities
            .iter()
            .filter(|p| p.metrics.contains(&m.id))
            .map(|p| Link::new(&p.id, &p.title, format!("priorities/{}/", p.id)))
            .collect(),
        actions: c
            .actions()
            .filter(|(_, a)| a.metrics.contains(&m.id))
            .map(|(_, a)| LinkedAction {
                id: a.id.clone(),
                title: a.title.clone(),
                href: format!("plan/{}/", a.id),
                rag: RagView::of(a.rag),
            })
            .collect(),
    }
}

/// What a metric's chart shows, in words (the figures themselves are in the table).
fn chart_description(m: &Metric, authority: &str) -> String {
    let periods = charts::metric_periods(m);
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a != b => a
            .from_to(b)
            .map(|phrase| format!(" {phrase}"))
            .unwrap_or_default(),
        (Some(a), _) => a.spaced_phrase(Preposition::For),
        _ => String::new(),
    };
    let mut lines = vec![authority.to_string()];
    if !m.targets.is_empty() {
        lines.push("the target".into());
    }
    lines.extend(m.comparators.iter().map(|c| c.label.clone()));
    let list = match lines.len() {
        1 => lines[0].clone(),
        n => format!("{} and {}", lines[..n - 1].join(", "), lines[n - 1]),
    };
    format!("Line chart{span} showing {list}. The table below gives every figure.")
}

/// A measure in `/data/metrics.json`.
#[derive(Serialize)]
struct MetricRecord<'m> {
    id: &'m str,
    title: &'m str,
    unit: hearth_model::Unit,
    polarity: hearth_model::Polarity,
    decimals: u8,
    definition: &'m str,
    source: &'m MetricSource,
    series: Vec<PointRecord<'m>>,
    targets: Vec<TargetRecord<'m>>,
    comparators: Vec<ComparatorRecord<'m>>,
    url: String,
    csv: String,
}

#[derive(Serialize)]
struct PointRecord<'m> {
    period: &'m str,
    start: Option<String>,
    end: Option<String>,
    /// Left out (null) when the point is flagged.
    value: Option<f64>,
    flag: Option<&'static str>,
    note: Option<&'m str>,
}

#[derive(Serialize)]
struct TargetRecord<'m> {
    period: &'m str,
    value: f64,
    note: Option<&'m str>,
}

#[derive(Serialize)]
struct ComparatorRecord<'m> {
    id: &'m str,
    label: &'m str,
    kind: hearth_model::ComparatorKind,
    series: Vec<PointRecord<'m>>,
}

fn points(pts: &[Point]) -> Vec<PointRecord<'_>> {
    pts.iter()
        .map(|p| PointRecord {
            period: p.period.text(),
            start: p.period.start().map(|x| x.iso()),
            end: p.period.end().map(|x| x.iso()),
            value: if p.flag.is_some() { None } else { p.value },
            flag: p.flag.map(Flag::symbol),
            note: p.note.as_deref(),
        })
        .collect()
}

impl<'m> MetricRecord<'m> {
    fn of(m: &'m Metric) -> MetricRecord<'m> {
        MetricRecord {
            id: &m.id,
            title: &m.title,
            unit: m.unit,
            polarity: m.polarity,
            decimals: m.decimals(),
            definition: &m.definition,
            source: &m.source,
            series: points(&m.series),
            targets: m
                .targets
                .iter()
                .map(|t| TargetRecord {
                    period: t.period.text(),
                    value: t.value,
                    note: t.note.as_deref(),
                })
                .collect(),
            comparators: m
                .comparators
                .iter()
                .map(|c| ComparatorRecord {
                    id: &c.id,
                    label: &c.label,
                    kind: c.kind,
                    series: points(&c.series),
                })
                .collect(),
            url: format!("measures/{}/", m.id),
            csv: format!("data/metrics/{}.csv", m.id),
        }
    }
}

/// `/data/metrics/<id>.csv` for every measure and `/data/metrics.json`.
pub fn open_data(site: &mut Site<'_>) {
    let c = site.c;
    for m in &c.metrics {
        site.text(&format!("data/metrics/{}.csv", m.id), Table::of(m).csv());
    }
    let records: Vec<MetricRecord<'_>> = c.metrics.iter().map(MetricRecord::of).collect();
    site.json("data/metrics.json", &records);
}

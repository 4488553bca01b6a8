//! Measures: `/measures/` (every measure's latest value, trend and target), one page per
//! measure (chart, data table, text summary, definition, source, links), and their open data
//! (`/data/metrics.json`, `/data/metrics/<id>.csv`).
//!
//! A measure's table ([`Table`]: one row per period, with its own value, target and each
//! comparator's point) is worked out once; the page's table, the chart's description and the
//! CSV file are all read from it.

use hearth_model::analysis::{self, Judgement};
use hearth_model::{
    Amount, Comparator, Figure, Flag, Metric, MetricSource, Period, Place, Point, Preposition,
    Target, format,
};
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
    pub latest: Option<FigureView>,
    pub trend: Option<TrendView>,
    pub target: Option<TargetView>,
    pub meets_target: Option<bool>,
    pub summary: String,
}

/// A value and the period it is for, written for readers.
#[derive(Debug, Serialize)]
pub struct FigureView {
    pub value: String,
    pub period: String,
    /// The period brought into a sentence: "at 31 March 2024" or "in 2024/25" for the latest
    /// figure, "by 31 March 2025" or "for 2020 to 2023" for a target; `none` for `Ongoing`.
    pub when: Option<String>,
}

/// A target, written for readers.
#[derive(Debug, Serialize)]
pub struct TargetView {
    /// The target in words, with its date when it has one: `60–80% by 2023`, `to increase
    /// it`, `a fall of 15–20 each year` (never "by" without a date).
    pub text: String,
    /// The target's own figure, when it has one (`60–80%`).
    pub value: Option<String>,
    /// Its period, when it has one.
    pub period: Option<String>,
    pub note: Option<String>,
}

impl TargetView {
    pub fn of(m: &Metric, t: &Target) -> TargetView {
        TargetView {
            text: analysis::target_words(m, t),
            value: t.value.as_ref().map(|f| analysis::figure(m, f)),
            period: t.period.as_ref().map(Period::label),
            note: t.note.clone(),
        }
    }
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
        MetricCard {
            id: m.id.clone(),
            href: format!("measures/{}/", m.id),
            title: m.title.clone(),
            short_title: m.short_title.clone().unwrap_or_else(|| m.title.clone()),
            unit: m.unit.label(),
            polarity: m.polarity.label(),
            latest: latest.and_then(|p| {
                Some(FigureView {
                    value: analysis::figure(m, p.value.as_ref()?),
                    period: p.period.label(),
                    when: p.period.phrase(Preposition::At),
                })
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
            target: analysis::current_target(m).map(|t| TargetView::of(m, t)),
            meets_target: analysis::meets_target(m),
            summary: analysis::summary(m),
        }
    }
}

/// What one cell of a measure's table holds: a figure (or a flag saying why there is none),
/// its note, and a change the document states.
#[derive(Clone, Copy, Debug, Default)]
pub struct Entry<'m> {
    pub value: Option<&'m Figure>,
    pub flag: Option<Flag>,
    pub note: Option<&'m str>,
    pub change: Option<&'m str>,
}

impl<'m> Entry<'m> {
    fn of(p: Option<&'m Point>) -> Entry<'m> {
        p.map(|p| Entry {
            value: if p.flag.is_some() {
                None
            } else {
                p.value.as_ref()
            },
            flag: p.flag,
            note: p.note.as_deref(),
            change: p.change.as_deref(),
        })
        .unwrap_or_default()
    }

    /// A comparator's figure with no date.
    fn undated(c: &'m Comparator) -> Entry<'m> {
        Entry {
            value: c.value.as_ref(),
            note: c.note.as_deref(),
            ..Entry::default()
        }
    }

    /// The cell in a CSV file: the figure as plain text, or the flag's symbol.
    fn plain(&self, m: &Metric) -> String {
        match (self.flag, self.value) {
            (Some(f), _) => f.symbol().to_string(),
            (None, Some(v)) => format::plain_figure(v, m.decimals),
            _ => String::new(),
        }
    }
}

/// A measure's figures by period: what the page's table, the CSV and the JSON show.
#[derive(Debug)]
pub struct Table<'m> {
    pub metric: &'m Metric,
    pub rows: Vec<Row<'m>>,
    /// The comparison with the statistical neighbours, when the measure has one (its average
    /// is also the last of `comparators`).
    pub neighbours: Option<NeighboursView>,
}

/// A measure's comparison with the council's statistical neighbours (see
/// `hearth_model::neighbours`): the page's section, the measure's entry in metrics.json and
/// the rank and count columns of its CSV are all this view.
#[derive(Debug, Serialize)]
pub struct NeighboursView {
    /// What the comparison says for the latest period that has one.
    pub sentence: Option<String>,
    /// How the average is worked out, in words.
    pub method: &'static str,
    /// Which way ranks run ("1 is the highest figure").
    pub rank_rule: &'static str,
    /// Where the list of neighbours comes from (site.yaml).
    pub source: Option<String>,
    /// One entry for each period of the measure's own series.
    pub periods: Vec<NeighbourPeriodView>,
    /// Every area's figure for the latest period compared, in rank order.
    pub latest: Option<NeighbourLatestView>,
}

/// The comparison for one period.
#[derive(Debug, Serialize)]
pub struct NeighbourPeriodView {
    pub period: String,
    /// The neighbours' average as the page shows it, or `none` when there is none.
    pub average: Option<String>,
    /// The neighbours' average as a number, rounded as shown.
    pub average_value: Option<f64>,
    /// Why there is no average, when there is none.
    pub no_average: Option<String>,
    /// Whom the average counts ("9 of 10 neighbours; 1 withheld").
    pub counted: String,
    pub listed: usize,
    pub with_figure: usize,
    pub withheld: usize,
    pub no_figure: usize,
    /// The council's rank, `none` when its own figure is not a number.
    pub rank: Option<usize>,
    /// How many areas are ranked: the council and the neighbours with a figure.
    pub ranked: usize,
    /// Whether the rank is shared with another area.
    pub joint: bool,
    /// The rank in words ("4th highest of 11").
    pub rank_words: Option<String>,
}

/// Every area's figure for the latest period compared.
#[derive(Debug, Serialize)]
pub struct NeighbourLatestView {
    pub period: String,
    pub areas: Vec<NeighbourAreaView>,
}

#[derive(Debug, Serialize)]
pub struct NeighbourAreaView {
    pub code: String,
    pub name: String,
    /// Whether this is the council itself.
    pub ours: bool,
    /// The figure as shown, the flag's symbol, or empty when the file has no row.
    pub value: String,
    pub flag: Option<FlagView>,
    pub rank: Option<usize>,
}

/// How the neighbours' average is worked out, as the page and metrics.json state it.
const NEIGHBOURS_METHOD: &str = "The average is the simple (unweighted) mean of the statistical neighbours that have a figure for the period, rounded to the places the figures are given with. Withheld or flagged values and neighbours with no figure are left out and counted. When fewer than half of the neighbours have a figure there is no average. The rank is among the council and the neighbours with a figure; equal figures share a rank (joint). There is no rank when the council's own figure is withheld.";

impl NeighboursView {
    pub fn of(m: &Metric, site: &hearth_model::Site) -> Option<NeighboursView> {
        use hearth_model::neighbours;
        let figures = m.neighbour_figures.as_ref()?;
        let comparisons = neighbours::compare(m);
        let periods = comparisons
            .iter()
            .map(|c| NeighbourPeriodView {
                period: c.period.text().to_string(),
                average: c.average.as_ref().map(|f| analysis::figure(m, f)),
                average_value: c.average.as_ref().and_then(Figure::number),
                no_average: c.no_average(),
                counted: c.counted(),
                listed: c.listed,
                with_figure: c.with_figure,
                withheld: c.withheld,
                no_figure: c.no_row,
                rank: c.rank,
                ranked: c.ranked,
                joint: c.tied,
                rank_words: c.rank_words(m),
            })
            .collect();
        let latest = comparisons
            .iter()
            .filter(|c| c.rank.is_some() || c.average.is_some())
            .max_by(|a, b| a.period.sort_key().cmp(&b.period.sort_key()))
            .map(|c| {
                let own = site.ons_code.clone().unwrap_or_default();
                let mut areas: Vec<(Option<f64>, NeighbourAreaView)> =
                    std::iter::once((site.authority.as_str(), own.as_str(), &m.series[..], true))
                        .chain(
                            figures
                                .areas
                                .iter()
                                .map(|a| (a.name.as_str(), a.code.as_str(), &a.series[..], false)),
                        )
                        .map(|(name, code, series, ours)| {
                            let point = series
                                .iter()
                                .find(|p| p.period.sort_key() == c.period.sort_key());
                            let number = point.filter(|p| p.flag.is_none()).and_then(Point::number);
                            let flag = point.and_then(|p| p.flag);
                            let value = match (flag, point.and_then(|p| p.value.as_ref())) {
                                (Some(f), _) => f.symbol().to_string(),
                                (None, Some(v)) => analysis::figure(m, v),
                                _ => String::new(),
                            };
                            (
                                number,
                                NeighbourAreaView {
                                    code: code.to_string(),
                                    name: name.to_string(),
                                    ours,
                                    value,
                                    flag: flag.map(FlagView::of),
                                    rank: None,
                                },
                            )
                        })
                        .collect();
                let numbers: Vec<f64> = areas.iter().filter_map(|(n, _)| *n).collect();
                let lower_first = m.polarity == hearth_model::Polarity::LowerIsBetter;
                for (n, a) in &mut areas {
                    a.rank = n.map(|v| {
                        1 + numbers
                            .iter()
                            .filter(|x| if lower_first { **x < v } else { **x > v })
                            .count()
                    });
                }
                // In rank order (then as listed); areas with no figure last, as listed.
                areas.sort_by_key(|(_, a)| a.rank.unwrap_or(usize::MAX));
                NeighbourLatestView {
                    period: c.period.label(),
                    areas: areas.into_iter().map(|(_, a)| a).collect(),
                }
            });
        Some(NeighboursView {
            sentence: neighbours::sentence(m, &site.authority),
            method: NEIGHBOURS_METHOD,
            rank_rule: neighbours::rank_rule(m),
            source: figures.source.clone(),
            periods,
            latest,
        })
    }
}

/// One period of a measure's table, or (last, with no period) what has no date: a row for
/// each target with no date, and comparators' figures with no date.
#[derive(Debug)]
pub struct Row<'m> {
    pub period: Option<Period>,
    pub own: Entry<'m>,
    pub targets: Vec<&'m Target>,
    /// Each comparator's entry for the period, in the measure's comparator order.
    pub comparators: Vec<Entry<'m>>,
}

impl<'m> Table<'m> {
    pub fn of(m: &'m Metric, site: &hearth_model::Site) -> Table<'m> {
        let at =
            |pts: &'m [Point], p: &Period| pts.iter().find(|x| x.period.sort_key() == p.sort_key());
        let mut rows: Vec<Row<'m>> = charts::metric_periods(m)
            .into_iter()
            .map(|p| Row {
                own: Entry::of(at(&m.series, &p)),
                targets: m
                    .targets
                    .iter()
                    .filter(|t| {
                        t.period
                            .as_ref()
                            .is_some_and(|x| x.sort_key() == p.sort_key())
                    })
                    .collect(),
                comparators: m
                    .comparators
                    .iter()
                    .map(|c| Entry::of(at(&c.series, &p)))
                    .collect(),
                period: Some(p),
            })
            .collect();
        // What has no date: a row for each target with no date, the first also holding the
        // comparators' figures with no date (or a row of its own for them).
        let mut undated: Vec<Vec<&Target>> = m
            .targets
            .iter()
            .filter(|t| t.period.is_none())
            .map(|t| vec![t])
            .collect();
        if undated.is_empty() && m.comparators.iter().any(|c| c.value.is_some()) {
            undated.push(Vec::new());
        }
        for (i, targets) in undated.into_iter().enumerate() {
            rows.push(Row {
                period: None,
                own: Entry::default(),
                targets,
                comparators: m
                    .comparators
                    .iter()
                    .map(|c| {
                        if i == 0 {
                            Entry::undated(c)
                        } else {
                            Entry::default()
                        }
                    })
                    .collect(),
            });
        }
        Table {
            metric: m,
            rows,
            neighbours: NeighboursView::of(m, site),
        }
    }

    /// The measure's CSV: period, start, end, value, flag, (change), target, (target_note),
    /// then one column per comparator (its figure, or its flag's symbol). A figure is written
    /// as the document writes it (`77.3`, `around 36`, `9-10`); the rows for what has no date
    /// (one for each target with no date) come last, with an empty period. `change` and `target_note` are there when the
    /// measure has any. A measure compared with its statistical neighbours ends with
    /// `neighbours_listed`, `neighbours_with_figure`, `neighbours_withheld`,
    /// `neighbours_no_figure`, `rank`, `ranked` and `rank_joint` (empty where there is no rank).
    pub fn csv(&self) -> String {
        let m = self.metric;
        let changes = m.series.iter().any(|p| p.change.is_some());
        let target_notes = m.targets.iter().any(|t| t.note.is_some());
        let mut head: Vec<String> = vec![
            "period".into(),
            "start".into(),
            "end".into(),
            "value".into(),
            "flag".into(),
        ];
        if changes {
            head.push("change".into());
        }
        head.push("target".into());
        if target_notes {
            head.push("target_note".into());
        }
        head.extend(m.comparators.iter().map(|c| c.id.clone()));
        if self.neighbours.is_some() {
            head.extend(
                [
                    "neighbours_listed",
                    "neighbours_with_figure",
                    "neighbours_withheld",
                    "neighbours_no_figure",
                    "rank",
                    "ranked",
                    "rank_joint",
                ]
                .map(String::from),
            );
        }
        let mut csv = Csv::new(head);
        for r in &self.rows {
            let p = r.period.as_ref();
            let mut row = vec![
                p.map(|p| p.text().to_string()).unwrap_or_default(),
                p.and_then(Period::start)
                    .map(|x| x.iso())
                    .unwrap_or_default(),
                p.and_then(Period::end).map(|x| x.iso()).unwrap_or_default(),
                r.own
                    .value
                    .map(|v| format::plain_figure(v, m.decimals))
                    .unwrap_or_default(),
                r.own
                    .flag
                    .map(|f| f.symbol().to_string())
                    .unwrap_or_default(),
            ];
            if changes {
                row.push(r.own.change.unwrap_or_default().to_string());
            }
            row.push(
                r.targets
                    .iter()
                    .map(|t| target_plain(m, t))
                    .collect::<Vec<_>>()
                    .join("; "),
            );
            if target_notes {
                row.push(
                    r.targets
                        .iter()
                        .filter_map(|t| t.note.as_deref())
                        .collect::<Vec<_>>()
                        .join("; "),
                );
            }
            row.extend(r.comparators.iter().map(|x| x.plain(m)));
            if let Some(n) = &self.neighbours {
                let at = p.and_then(|p| n.periods.iter().find(|x| x.period == p.text()));
                match at {
                    Some(x) => row.extend([
                        x.listed.to_string(),
                        x.with_figure.to_string(),
                        x.withheld.to_string(),
                        x.no_figure.to_string(),
                        x.rank.map(|r| r.to_string()).unwrap_or_default(),
                        x.rank.map(|_| x.ranked.to_string()).unwrap_or_default(),
                        x.rank.map(|_| x.joint.to_string()).unwrap_or_default(),
                    ]),
                    None => row.extend(std::iter::repeat_n(String::new(), 7)),
                }
            }
            csv.row(row);
        }
        csv.finish()
    }
}

/// A target in a CSV cell: a figure alone as plain text (`60`, `60-80`, `more than 50`),
/// any other target in words without its date (the row gives it).
fn target_plain(m: &Metric, t: &Target) -> String {
    let figure_only = t.stretch.is_none()
        && t.direction.is_none()
        && t.by.is_none()
        && t.each.is_none()
        && t.text.is_none();
    match (&t.value, figure_only) {
        (Some(v), true) => format::plain_figure(v, m.decimals),
        _ => analysis::target_words_without_date(m, t),
    }
}

/// A cell of a measure's table on its page.
#[derive(Debug, Serialize)]
struct Cell {
    text: String,
    flag: Option<FlagView>,
    note: Option<String>,
    /// A change the document states, as written.
    change: Option<String>,
}

impl Cell {
    fn of(e: &Entry<'_>, m: &Metric) -> Cell {
        let (note, change) = (e.note.map(str::to_string), e.change.map(str::to_string));
        match (e.flag, e.value) {
            (Some(f), _) => Cell {
                text: f.symbol().into(),
                flag: Some(FlagView::of(f)),
                note,
                change,
            },
            (None, Some(v)) => Cell {
                text: analysis::figure(m, v),
                flag: None,
                note,
                change,
            },
            _ => Cell {
                text: String::new(),
                flag: None,
                note: None,
                change,
            },
        }
    }

    /// The targets of a row, in words without their date, with their notes.
    fn targets(targets: &[&Target], m: &Metric) -> Option<Cell> {
        if targets.is_empty() {
            return None;
        }
        let join = |parts: Vec<String>| Some(parts.join("; ")).filter(|s| !s.is_empty());
        Some(Cell {
            text: targets
                .iter()
                .map(|t| analysis::target_words_without_date(m, t))
                .collect::<Vec<_>>()
                .join("; "),
            flag: None,
            note: join(targets.iter().filter_map(|t| t.note.clone()).collect()),
            change: None,
        })
    }
}

#[derive(Serialize)]
struct RowView {
    /// The period, or "No date given" for the row of what has no date.
    period: String,
    value: Cell,
    target: Option<Cell>,
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
    /// Every target in words, with its note, in the order written.
    targets: Vec<TargetView>,
    rows: Vec<RowView>,
    flags: Vec<FlagView>,
    /// The chart, when there is something to draw (see [`charts::metric_chart`]).
    figure: Option<MeasureChart>,
    csv: String,
    priorities: Vec<Link>,
    actions: Vec<LinkedAction>,
    /// The comparison with the statistical neighbours, when there is one.
    neighbours: Option<&'v NeighboursView>,
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
        let table = Table::of(m, &c.site);
        let page = measure_page(site, &table);
        site.page(
            &format!("measures/{}/index.html", m.id),
            "measure.html",
            "measures",
            &page,
        );
    }
}

fn measure_page<'v, 't>(site: &Site<'v>, table: &'t Table<'v>) -> MeasurePage<'t>
where
    'v: 't,
{
    let root = "../../";
    let c = site.c;
    let m = table.metric;
    let at = |f: &str| Place::new(&m.file, f);
    let rows = table
        .rows
        .iter()
        .map(|r| RowView {
            period: r
                .period
                .as_ref()
                .map_or_else(|| "No date given".to_string(), Period::label),
            value: Cell::of(&r.own, m),
            target: Cell::targets(&r.targets, m),
            comparators: r.comparators.iter().map(|x| Cell::of(x, m)).collect(),
        })
        .collect();
    let chart = charts::metric_chart(m, &c.site.authority);
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
        targets: m.targets.iter().map(|t| TargetView::of(m, t)).collect(),
        rows,
        flags: flags.into_iter().map(FlagView::of).collect(),
        figure: chart.map(|chart| MeasureChart {
            chart: charts::chart_view(format!("chart-{}", m.id), &chart, false, false),
            description: chart_description(m, &c.site.authority),
        }),
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
        neighbours: table.neighbours.as_ref(),
    }
}

/// What a metric's chart shows, in words (the figures themselves are in the table), and
/// what it leaves out: figures and targets that are not exact numbers for a date.
fn chart_description(m: &Metric, authority: &str) -> String {
    let drawn = charts::drawn(m);
    let periods = charts::chart_periods(m);
    let span = match (periods.first(), periods.last()) {
        (Some(a), Some(b)) if a != b => a
            .from_to(b)
            .map(|phrase| format!(" {phrase}"))
            .unwrap_or_default(),
        (Some(a), _) => a.spaced_phrase(Preposition::For),
        _ => String::new(),
    };
    let mut lines = Vec::new();
    if m.series.iter().any(|p| p.number().is_some()) {
        lines.push(authority.to_string());
    }
    if drawn.target {
        lines.push("the target".into());
    }
    if drawn.range {
        lines.push("the target range or limit".into());
    }
    if drawn.stretch {
        lines.push("the stretch target".into());
    }
    lines.extend(
        m.comparators
            .iter()
            .filter(|c| c.series.iter().any(|p| p.number().is_some()))
            .map(|c| c.label.clone()),
    );
    let mut out = match lines.as_slice() {
        [] => format!("Line chart{span}."),
        [one] => format!("Line chart{span} showing {one}."),
        [first @ .., last] => format!("Line chart{span} showing {} and {last}.", first.join(", ")),
    };
    let not_drawn: Vec<String> = m
        .series
        .iter()
        .filter(|p| p.value.is_some() && p.number().is_none())
        .map(|p| p.period.label())
        .collect();
    if !not_drawn.is_empty() {
        out.push_str(&format!(
            " Figures the document gives approximately, as a limit or as a range are not drawn ({}).",
            not_drawn.join(", ")
        ));
    }
    let comparisons_left_out = m.comparators.iter().any(|c| {
        c.value.is_some()
            || c.series
                .iter()
                .any(|p| p.value.is_some() && p.number().is_none())
    });
    if comparisons_left_out {
        out.push_str(
            " Comparison figures given approximately, as a limit, as a range or with no date are not drawn.",
        );
    }
    if drawn.left_out_targets > 0 {
        out.push_str(
            " Targets with no date, approximate targets and targets given as a direction, a change or in words are not drawn; the list of targets gives them all.",
        );
    }
    out.push_str(" The table below gives every figure.");
    out
}

/// A figure in `/data/metrics.json`: `value` is the number only when the figure is an exact
/// one; an approximate figure gives `about`, a limit `lower` or `upper`, a range both.
#[derive(Serialize, Default)]
struct FigureRecord {
    value: Option<f64>,
    /// exact, approximate, below, at-most, above, at-least or range.
    kind: Option<&'static str>,
    about: Option<f64>,
    lower: Option<f64>,
    upper: Option<f64>,
    /// The figure as readers see it (`around 36%`, `9–10%`).
    shown: Option<String>,
}

impl FigureRecord {
    fn of(m: &Metric, f: Option<&Figure>) -> FigureRecord {
        let Some(f) = f else {
            return FigureRecord::default();
        };
        let mut r = FigureRecord {
            shown: Some(analysis::figure(m, f)),
            ..FigureRecord::default()
        };
        match f.amount {
            Amount::Exact(n) => (r.kind, r.value) = (Some("exact"), Some(n.value)),
            Amount::About(n) => (r.kind, r.about) = (Some("approximate"), Some(n.value)),
            Amount::Under { num, inclusive } => {
                r.kind = Some(if inclusive { "at-most" } else { "below" });
                r.upper = Some(num.value);
            }
            Amount::Over { num, inclusive } => {
                r.kind = Some(if inclusive { "at-least" } else { "above" });
                r.lower = Some(num.value);
            }
            Amount::Range(a, b) => {
                r.kind = Some("range");
                (r.lower, r.upper) = (Some(a.value), Some(b.value));
            }
        }
        r
    }
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
    /// The comparison with the statistical neighbours (null when there is none); its average
    /// is also the comparator `statistical-neighbours-average`.
    neighbours: Option<NeighboursView>,
    url: String,
    csv: String,
}

#[derive(Serialize)]
struct PointRecord<'m> {
    period: &'m str,
    start: Option<String>,
    end: Option<String>,
    /// The figure (`value` null when it is flagged, or not an exact number).
    #[serde(flatten)]
    figure: FigureRecord,
    flag: Option<&'static str>,
    note: Option<&'m str>,
    /// A change the document states, as written.
    change: Option<&'m str>,
}

/// A target in `/data/metrics.json`: its period (null when it has none), its figure (as for
/// a point), and the other parts of the target as written.
#[derive(Serialize)]
struct TargetRecord<'m> {
    period: Option<&'m str>,
    start: Option<String>,
    end: Option<String>,
    #[serde(flatten)]
    figure: FigureRecord,
    /// The target in words, as the site shows it (`60–80% by 2023`).
    words: String,
    stretch: Option<FigureRecord>,
    direction: Option<&'static str>,
    by: Option<FigureRecord>,
    /// Whether `by` is a share of the figure (`by: 10%`) rather than an amount.
    by_relative: bool,
    from: Option<&'m str>,
    each: Option<&'static str>,
    text: Option<&'m str>,
    note: Option<&'m str>,
}

#[derive(Serialize)]
struct ComparatorRecord<'m> {
    id: &'m str,
    label: &'m str,
    kind: hearth_model::ComparatorKind,
    series: Vec<PointRecord<'m>>,
    /// A figure given with no date (null when there is none).
    undated: Option<FigureRecord>,
    note: Option<&'m str>,
}

fn points<'m>(m: &Metric, pts: &'m [Point]) -> Vec<PointRecord<'m>> {
    pts.iter()
        .map(|p| PointRecord {
            period: p.period.text(),
            start: p.period.start().map(|x| x.iso()),
            end: p.period.end().map(|x| x.iso()),
            figure: FigureRecord::of(
                m,
                if p.flag.is_some() {
                    None
                } else {
                    p.value.as_ref()
                },
            ),
            flag: p.flag.map(Flag::symbol),
            note: p.note.as_deref(),
            change: p.change.as_deref(),
        })
        .collect()
}

impl<'m> MetricRecord<'m> {
    fn of(m: &'m Metric, site: &hearth_model::Site) -> MetricRecord<'m> {
        MetricRecord {
            id: &m.id,
            title: &m.title,
            unit: m.unit,
            polarity: m.polarity,
            decimals: m.decimals(),
            definition: &m.definition,
            source: &m.source,
            series: points(m, &m.series),
            targets: m
                .targets
                .iter()
                .map(|t| TargetRecord {
                    period: t.period.as_ref().map(Period::text),
                    start: t.period.as_ref().and_then(Period::start).map(|x| x.iso()),
                    end: t.period.as_ref().and_then(Period::end).map(|x| x.iso()),
                    figure: FigureRecord::of(m, t.value.as_ref()),
                    words: analysis::target_words(m, t),
                    stretch: t.stretch.as_ref().map(|f| FigureRecord::of(m, Some(f))),
                    direction: t.direction.map(|d| d.key()),
                    by: t.by.as_ref().map(|f| FigureRecord {
                        shown: Some(analysis::change_amount(m, f)),
                        ..FigureRecord::of(m, Some(f))
                    }),
                    by_relative: t.by.as_ref().is_some_and(|f| f.percent),
                    from: t.from.as_ref().map(Period::text),
                    each: t.each.map(|e| e.key()),
                    text: t.text.as_deref(),
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
                    series: points(m, &c.series),
                    undated: c.value.as_ref().map(|f| FigureRecord::of(m, Some(f))),
                    note: c.note.as_deref(),
                })
                .collect(),
            neighbours: NeighboursView::of(m, site),
            url: format!("measures/{}/", m.id),
            csv: format!("data/metrics/{}.csv", m.id),
        }
    }
}

/// `/data/metrics/<id>.csv` for every measure and `/data/metrics.json`.
pub fn open_data(site: &mut Site<'_>) {
    let c = site.c;
    for m in &c.metrics {
        site.text(
            &format!("data/metrics/{}.csv", m.id),
            Table::of(m, &c.site).csv(),
        );
    }
    let records: Vec<MetricRecord<'_>> = c
        .metrics
        .iter()
        .map(|m| MetricRecord::of(m, &c.site))
        .collect();
    site.json("data/metrics.json", &records);
}

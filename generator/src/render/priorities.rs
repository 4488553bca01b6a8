//! `/priorities/` and one page per priority: what we will do, its table (outcomes,
//! targets, performance measures, progress, timescale), its actions with their ratings, and
//! its measures; and the priorities' open data (`/data/priorities.json`, `priorities.csv`).
//!
//! A priority's table and a workstream's (on the plan page) are the same view,
//! [`TableView`], and the same record in open data, [`TableRecord`].

use hearth_model::validate::STRATEGY_FILE;
use hearth_model::{PerformanceMeasure, Period, Place, Priority, Progress, Rag, Workstream};
use serde::Serialize;

use super::commitments::{self, CommitmentView};
use super::csv::Csv;
use super::measures::MetricCard;
use super::plan::ActionView;
use super::previous::{self, PastView};
use super::site::Site;
use super::view::{Html, Link, PeriodView, RagCounts, any_not_rated};

/// The cells of a priority's or a workstream's table, as the content writes them.
#[derive(Clone, Copy, Debug)]
pub struct TableFields<'c> {
    pub outcomes: &'c [String],
    pub targets: &'c [String],
    pub performance_measures: &'c [PerformanceMeasure],
    pub progress: &'c [Progress],
    pub timescale: &'c Option<Period>,
    pub timescale_note: &'c Option<String>,
}

impl<'c> TableFields<'c> {
    pub fn of_priority(p: &'c Priority) -> TableFields<'c> {
        TableFields {
            outcomes: &p.outcomes,
            targets: &p.targets,
            performance_measures: &p.performance_measures,
            progress: &p.progress,
            timescale: &p.timescale,
            timescale_note: &p.timescale_note,
        }
    }

    pub fn of_workstream(w: &'c Workstream) -> TableFields<'c> {
        TableFields {
            outcomes: &w.outcomes,
            targets: &w.targets,
            performance_measures: &w.performance_measures,
            progress: &w.progress,
            timescale: &w.timescale,
            timescale_note: &w.timescale_note,
        }
    }

    /// Whether the content gives none of the cells.
    pub fn is_empty(&self) -> bool {
        self.outcomes.is_empty()
            && self.targets.is_empty()
            && self.performance_measures.is_empty()
            && self.progress.is_empty()
            && self.timescale.is_none()
            && self.timescale_note.is_none()
    }

    /// The table in open data.
    pub fn record(&self) -> TableRecord<'c> {
        TableRecord {
            outcomes: self.outcomes,
            targets: self.targets,
            performance_measures: self
                .performance_measures
                .iter()
                .map(|m| MeasureRecord {
                    text: &m.text,
                    metric: m.metric.as_deref(),
                })
                .collect(),
            progress: self
                .progress
                .iter()
                .map(|p| ProgressRecord {
                    date: p.date.as_ref().map(Period::text),
                    text: &p.text,
                })
                .collect(),
            timescale: self.timescale.as_ref().map(Period::text),
            timescale_note: self.timescale_note.as_deref(),
            start: self
                .timescale
                .as_ref()
                .and_then(Period::start)
                .map(|d| d.iso()),
            end: self
                .timescale
                .as_ref()
                .and_then(Period::end)
                .map(|d| d.iso()),
        }
    }
}

/// A priority's or a workstream's table as pages show it. Each list is empty, and the
/// timescale `None`, when the content leaves it out.
#[derive(Debug, Serialize)]
pub struct TableView {
    /// What will be different.
    pub outcomes: Vec<Html>,
    /// The targets, as written.
    pub targets: Vec<Html>,
    /// The performance measures, each linked to its measure when it names one.
    pub measures: Vec<MeasureView>,
    /// Progress so far, in the order written.
    pub progress: Vec<ProgressView>,
    pub timescale: Option<TimescaleView>,
}

/// A performance measure: its words, and the measure that tracks it (with its latest
/// figure) when it names one.
#[derive(Debug, Serialize)]
pub struct MeasureView {
    pub text: Html,
    pub metric: Option<MetricCard>,
}

/// A progress note and its date, if it has one.
#[derive(Debug, Serialize)]
pub struct ProgressView {
    pub date: Option<PeriodView>,
    pub text: Html,
}

/// A timescale: a period, a note, or both.
#[derive(Debug, Serialize)]
pub struct TimescaleView {
    pub period: Option<PeriodView>,
    pub note: Option<String>,
}

impl TableView {
    /// The table of `fields` for a page at depth `root`; `at` places a field of the priority
    /// or workstream. `None` when the content gives no cell at all.
    pub fn new(
        site: &Site<'_>,
        fields: TableFields<'_>,
        at: impl Fn(String) -> Place,
        root: &str,
    ) -> Option<TableView> {
        if fields.is_empty() {
            return None;
        }
        let texts = |list: &[String], field: &str| -> Vec<Html> {
            list.iter()
                .enumerate()
                .map(|(j, t)| site.md(t, at(format!("{field}[{j}]")), root, true))
                .collect()
        };
        let timescale =
            (fields.timescale.is_some() || fields.timescale_note.is_some()).then(|| {
                TimescaleView {
                    period: PeriodView::opt(fields.timescale),
                    note: fields.timescale_note.clone(),
                }
            });
        Some(TableView {
            outcomes: texts(fields.outcomes, "outcomes"),
            targets: texts(fields.targets, "targets"),
            measures: fields
                .performance_measures
                .iter()
                .enumerate()
                .map(|(j, m)| MeasureView {
                    text: site.md(
                        &m.text,
                        at(format!("performance_measures[{j}].text")),
                        root,
                        true,
                    ),
                    metric: m
                        .metric
                        .as_deref()
                        .and_then(|id| site.c.metric(id))
                        .map(MetricCard::new),
                })
                .collect(),
            progress: fields
                .progress
                .iter()
                .enumerate()
                .map(|(j, p)| ProgressView {
                    date: PeriodView::opt(&p.date),
                    text: site.md(&p.text, at(format!("progress[{j}].text")), root, true),
                })
                .collect(),
            timescale,
        })
    }
}

/// A priority's or a workstream's table in open data (Markdown as written).
#[derive(Debug, Serialize)]
pub struct TableRecord<'c> {
    pub outcomes: &'c [String],
    pub targets: &'c [String],
    pub performance_measures: Vec<MeasureRecord<'c>>,
    pub progress: Vec<ProgressRecord<'c>>,
    /// The period as written.
    pub timescale: Option<&'c str>,
    pub timescale_note: Option<&'c str>,
    /// The first and last days of the timescale.
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct MeasureRecord<'c> {
    pub text: &'c str,
    pub metric: Option<&'c str>,
}

#[derive(Debug, Serialize)]
pub struct ProgressRecord<'c> {
    pub date: Option<&'c str>,
    pub text: &'c str,
}

/// The columns a table adds to a CSV file.
pub const TABLE_COLUMNS: [&str; 8] = [
    "outcomes",
    "targets",
    "performance_measures",
    "progress",
    "timescale",
    "timescale_note",
    "start",
    "end",
];

impl TableRecord<'_> {
    /// The table's cells in a CSV row: lists joined with "; ", a performance measure's
    /// measure after it in brackets (`text [metric: id]`), a progress note's date before it
    /// (`date: text`).
    pub fn csv_cells(&self) -> [String; 8] {
        let text = |v: Option<&str>| v.unwrap_or_default().to_string();
        [
            self.outcomes.join("; "),
            self.targets.join("; "),
            self.performance_measures
                .iter()
                .map(|m| match m.metric {
                    Some(id) => format!("{} [metric: {id}]", m.text),
                    None => m.text.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            self.progress
                .iter()
                .map(|p| match p.date {
                    Some(d) => format!("{d}: {}", p.text),
                    None => p.text.to_string(),
                })
                .collect::<Vec<_>>()
                .join("; "),
            text(self.timescale),
            text(self.timescale_note),
            text(self.start.as_deref()),
            text(self.end.as_deref()),
        ]
    }
}

/// A priority in `/data/priorities.json` (and, flattened, `/data/priorities.csv`).
#[derive(Debug, Serialize)]
struct PriorityRecord<'c> {
    id: &'c str,
    title: &'c str,
    /// As written (Markdown).
    summary: &'c str,
    aims: &'c [String],
    commitments: &'c [String],
    metrics: &'c [String],
    actions: Vec<&'c str>,
    #[serde(flatten)]
    table: TableRecord<'c>,
    url: String,
}

/// The columns of `/data/priorities.csv`.
const CSV_HEAD: [&str; 7] = [
    "id",
    "title",
    "aims",
    "commitments",
    "metrics",
    "actions",
    "url",
];

#[derive(Serialize)]
struct PriorityRef<'v> {
    id: &'v str,
    title: &'v str,
}

#[derive(Serialize)]
struct PriorityPage<'v, 'a> {
    title: &'v str,
    priority: PriorityRef<'v>,
    summary: Html,
    commitments: Vec<Html>,
    /// The strategy's commitments that name this priority.
    strategy_commitments: Vec<CommitmentView>,
    /// The previous strategy's title and the commitments it carried into this priority.
    carried: Option<CarriedView>,
    table: Option<TableView>,
    aims: Vec<Link>,
    actions: Vec<&'v ActionView<'a>>,
    metrics: Vec<MetricCard>,
    rag: RagCounts,
}

/// What the previous strategy carried forward into a priority.
#[derive(Serialize)]
struct CarriedView {
    /// The previous strategy's title.
    from: String,
    items: Vec<PastView>,
}

#[derive(Serialize)]
struct PriorityItem {
    id: String,
    title: String,
    href: String,
    summary: Html,
    aims: Vec<String>,
    rag: RagCounts,
    metrics: usize,
}

#[derive(Serialize)]
struct PrioritiesPage {
    title: &'static str,
    priorities: Vec<PriorityItem>,
}

/// The ratings of a priority's actions (`None`: not rated).
fn ratings(site: &Site<'_>, pr: &Priority) -> Vec<Option<Rag>> {
    site.c
        .actions()
        .filter(|(_, a)| a.priorities.contains(&pr.id))
        .map(|(_, a)| a.rag)
        .collect()
}

/// `/priorities/` and `/priorities/<id>/`; `actions` are the plan's actions viewed from a
/// page two folders down.
pub fn render(site: &mut Site<'_>, actions: &[ActionView<'_>]) {
    let c = site.c;
    let not_rated = any_not_rated(c);
    let mut list = Vec::new();
    for (i, pr) in c.strategy.priorities.iter().enumerate() {
        let root = "../../";
        let at = |f: String| Place::new(STRATEGY_FILE, format!("priorities[{i}].{f}"));
        let rags = ratings(site, pr);
        let page = PriorityPage {
            title: &pr.title,
            priority: PriorityRef {
                id: &pr.id,
                title: &pr.title,
            },
            actions: actions
                .iter()
                .filter(|a| a.source.priorities.contains(&pr.id))
                .collect(),
            commitments: pr
                .commitments
                .iter()
                .enumerate()
                .map(|(j, t)| site.md(t, at(format!("commitments[{j}]")), root, true))
                .collect(),
            strategy_commitments: commitments::views(site, root)
                .into_iter()
                .filter(|cm| cm.priorities.iter().any(|l| l.id == pr.id))
                .collect(),
            carried: previous::carried_into(site, &pr.id)
                .map(|(from, items)| CarriedView { from, items }),
            summary: site.md(&pr.summary, at("summary".into()), root, false),
            table: TableView::new(site, TableFields::of_priority(pr), at, root),
            aims: pr
                .aims
                .iter()
                .filter_map(|id| c.aim(id))
                .map(|a| Link::new(&a.id, &a.title, format!("strategy/#aim-{}", a.id)))
                .collect(),
            metrics: pr
                .metrics
                .iter()
                .filter_map(|id| c.metric(id))
                .map(MetricCard::new)
                .collect(),
            rag: RagCounts::of(rags.iter(), not_rated),
        };
        site.page(
            &format!("priorities/{}/index.html", pr.id),
            "priority.html",
            "priorities",
            &page,
        );
        list.push(PriorityItem {
            id: pr.id.clone(),
            title: pr.title.clone(),
            href: format!("priorities/{}/", pr.id),
            summary: site.md(&pr.summary, at("summary".into()), "../", false),
            aims: pr
                .aims
                .iter()
                .filter_map(|id| c.aim(id))
                .map(|a| a.title.clone())
                .collect(),
            rag: RagCounts::of(rags.iter(), not_rated),
            metrics: pr.metrics.len(),
        });
    }
    let page = PrioritiesPage {
        title: "Priorities",
        priorities: list,
    };
    site.page(
        "priorities/index.html",
        "priorities.html",
        "priorities",
        &page,
    );
    open_data(site, actions);
}

/// `/data/priorities.json` and `/data/priorities.csv`, from the same records.
fn open_data(site: &mut Site<'_>, actions: &[ActionView<'_>]) {
    let c = site.c;
    let records: Vec<PriorityRecord<'_>> = c
        .strategy
        .priorities
        .iter()
        .map(|pr| PriorityRecord {
            id: &pr.id,
            title: &pr.title,
            summary: &pr.summary,
            aims: &pr.aims,
            commitments: &pr.commitments,
            metrics: &pr.metrics,
            actions: actions
                .iter()
                .filter(|a| a.source.priorities.contains(&pr.id))
                .map(|a| a.id.as_str())
                .collect(),
            table: TableFields::of_priority(pr).record(),
            url: format!("priorities/{}/", pr.id),
        })
        .collect();
    let mut csv = Csv::new(CSV_HEAD.iter().chain(TABLE_COLUMNS.iter()));
    for r in &records {
        let head = [
            r.id.to_string(),
            r.title.to_string(),
            r.aims.join("; "),
            r.commitments.join("; "),
            r.metrics.join("; "),
            r.actions.join("; "),
            r.url.clone(),
        ];
        csv.row(head.into_iter().chain(r.table.csv_cells()));
    }
    site.json("data/priorities.json", &records);
    site.text("data/priorities.csv", csv.finish());
}

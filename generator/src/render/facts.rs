//! Key facts (on the home page and `/facts/`, with footnoted sources) and breakdowns (a
//! chart, a table and a summary each, and `/data/breakdowns/<id>.csv`).

use hearth_model::validate::FACTS_FILE;
use hearth_model::{Breakdown, BreakdownRow, Period, Place, Preposition, Unit, format};
use serde::Serialize;

use super::charts;
use super::csv::Csv;
use super::markdown::is_safe_url;
use super::site::Site;
use super::view::{ChartView, FlagView, Html, PeriodView, SourceView};

/// Key facts with their footnotes.
#[derive(Debug, Serialize)]
pub struct FactsView {
    pub as_at: Option<PeriodView>,
    pub items: Vec<FactView>,
    /// The sources the facts cite, numbered in the order they are first cited.
    pub sources: Vec<SourceNote>,
}

#[derive(Debug, Serialize)]
pub struct FactView {
    pub id: String,
    pub value: String,
    pub label: String,
    pub detail: Option<Html>,
    pub date: Option<PeriodView>,
    /// The fact's own date when it is not the facts' `as_at` (or there is none): what a page
    /// that says "as at X unless stated" states.
    pub own_date: Option<PeriodView>,
    /// The number of the footnote giving its source.
    pub footnote: Option<usize>,
    pub metric_href: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct SourceNote {
    pub n: usize,
    pub id: String,
    pub title: String,
    pub publisher: Option<String>,
    pub date: Option<PeriodView>,
    pub url: Option<String>,
}

/// Whether `p` is the same stretch of time as `as_at` (`April 2021` and `2021-04`).
fn same_span(p: &Period, as_at: Option<&Period>) -> bool {
    as_at.is_some_and(|a| (a.start(), a.end()) == (p.start(), p.end()))
}

/// Decimals for a fact that does not say: none for a whole number, else one.
pub fn default_decimals(v: f64) -> u8 {
    if (v - v.round()).abs() < 1e-9 { 0 } else { 1 }
}

impl FactsView {
    /// The first `limit` facts, for a page at depth `root`.
    pub fn new(site: &Site<'_>, root: &str, limit: usize) -> FactsView {
        let f = &site.c.facts;
        let mut footnotes: Vec<&str> = Vec::new();
        let items = f
            .facts
            .iter()
            .take(limit)
            .enumerate()
            .map(|(i, fact)| {
                let footnote = fact.source.as_deref().map(|sid| {
                    match footnotes.iter().position(|x| *x == sid) {
                        Some(n) => n + 1,
                        None => {
                            footnotes.push(sid);
                            footnotes.len()
                        }
                    }
                });
                let decimals = fact
                    .decimals
                    .unwrap_or_else(|| default_decimals(fact.value));
                FactView {
                    id: fact.id.clone(),
                    value: format::value(fact.value, fact.unit, decimals),
                    label: fact.label.clone(),
                    detail: site.md_opt(
                        &fact.detail,
                        Place::new(FACTS_FILE, format!("facts[{i}].detail")),
                        root,
                        true,
                    ),
                    date: PeriodView::opt(&fact.date),
                    own_date: fact
                        .date
                        .as_ref()
                        .filter(|d| !same_span(d, f.as_at.as_ref()))
                        .map(PeriodView::of),
                    footnote,
                    metric_href: fact.metric.as_ref().map(|m| format!("measures/{m}/")),
                }
            })
            .collect();
        let sources = footnotes
            .iter()
            .enumerate()
            .filter_map(|(n, sid)| {
                f.sources.iter().find(|s| s.id == *sid).map(|s| SourceNote {
                    n: n + 1,
                    id: s.id.clone(),
                    title: s.title.clone(),
                    publisher: s.publisher.clone(),
                    date: PeriodView::opt(&s.date),
                    url: s.url.clone().filter(|u| is_safe_url(u)),
                })
            })
            .collect();
        FactsView {
            as_at: PeriodView::opt(&f.as_at),
            items,
            sources,
        }
    }
}

#[derive(Serialize)]
struct BreakdownView {
    id: String,
    title: String,
    as_at: PeriodView,
    dimension: String,
    value_label: String,
    rows: Vec<RowView>,
    note: Option<Html>,
    source: Option<SourceView>,
    chart: Option<ChartView>,
    summary: String,
    csv: String,
}

#[derive(Serialize)]
struct RowView {
    label: String,
    text: String,
    flag: Option<FlagView>,
}

#[derive(Serialize)]
struct FactsPage {
    title: &'static str,
    facts: FactsView,
    breakdowns: Vec<BreakdownView>,
}

/// A breakdown row's value as text: the figure, the flag's symbol, or nothing.
fn row_text(r: &BreakdownRow, b: &Breakdown) -> (String, Option<FlagView>) {
    match (r.value, r.flag) {
        (_, Some(f)) => (f.symbol().to_string(), Some(FlagView::of(f))),
        (Some(v), None) => (format::value(v, b.unit, b.decimals.unwrap_or(0)), None),
        _ => (String::new(), None),
    }
}

fn breakdown_view(site: &Site<'_>, b: &Breakdown, root: &str) -> BreakdownView {
    BreakdownView {
        id: b.id.clone(),
        title: b.title.clone(),
        as_at: PeriodView::of(&b.as_at),
        dimension: b.dimension.clone(),
        value_label: b
            .value_label
            .clone()
            .unwrap_or_else(|| capitalise(b.unit.label())),
        rows: b
            .rows
            .iter()
            .map(|r| {
                let (text, flag) = row_text(r, b);
                RowView {
                    label: r.label.clone(),
                    text,
                    flag,
                }
            })
            .collect(),
        note: site.md_opt(&b.note, Place::new(&b.file, "note"), root, false),
        source: b.source.as_ref().map(SourceView::of),
        chart: charts::breakdown_script(b).map(|(json, tall)| ChartView {
            id: format!("chart-{}", b.id),
            json,
            tall,
        }),
        summary: breakdown_summary(b),
        csv: format!("data/breakdowns/{}.csv", b.id),
    }
}

/// `/facts/`, when the content has facts or breakdowns.
pub fn render(site: &mut Site<'_>) {
    let c = site.c;
    if c.facts.facts.is_empty() && c.breakdowns.is_empty() {
        return;
    }
    let root = "../";
    let page = FactsPage {
        title: "Facts and figures",
        facts: FactsView::new(site, root, usize::MAX),
        breakdowns: c
            .breakdowns
            .iter()
            .map(|b| breakdown_view(site, b, root))
            .collect(),
    };
    site.page("facts/index.html", "facts.html", "facts", &page);
}

/// `/data/breakdowns/<id>.csv`: the dimension, the value and the flag of every row.
pub fn open_data(site: &mut Site<'_>) {
    let c = site.c;
    for b in &c.breakdowns {
        let d = b.decimals.unwrap_or(0);
        let mut csv = Csv::new([b.dimension.as_str(), "value", "flag"]);
        for r in &b.rows {
            csv.row([
                r.label.clone(),
                if r.flag.is_some() {
                    String::new()
                } else {
                    r.value.map(|v| format::plain(v, d)).unwrap_or_default()
                },
                r.flag.map(|f| f.symbol().to_string()).unwrap_or_default(),
            ]);
        }
        site.text(&format!("data/breakdowns/{}.csv", b.id), csv.finish());
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}

/// One sentence describing a breakdown: its largest category.
fn breakdown_summary(b: &Breakdown) -> String {
    let d = b.decimals.unwrap_or(0);
    let valued: Vec<(&str, f64)> = b
        .rows
        .iter()
        .filter(|r| r.flag.is_none())
        .filter_map(|r| r.value.map(|v| (r.label.as_str(), v)))
        .collect();
    let Some((top, v)) = valued.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1)) else {
        return format!("{}: no values published.", b.title);
    };
    let what = if b.unit == Unit::Percent {
        "the largest share"
    } else {
        "the largest group"
    };
    format!(
        "{}{}: {} categories; {what} is {top} ({}).",
        b.title,
        b.as_at.spaced_phrase(Preposition::AsAt),
        b.rows.len(),
        format::value(v, b.unit, d)
    )
}

//! Key facts (on the home page and `/facts/`, with footnoted sources) and breakdowns: tables
//! rendered by the same code as the market's (`market/tables.rs`: a chart, a summary, the
//! table, `/data/breakdowns/<id>.csv` and `.json`).

use hearth_model::validate::FACTS_FILE;
use hearth_model::{Period, Place, format};
use serde::Serialize;

use super::markdown::is_safe_url;
use super::market::tables::{PublishedTable, TableView, csv_of_table, csv_of_trend};
use super::site::Site;
use super::view::{Html, PeriodView};

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
struct FactsPage {
    title: &'static str,
    facts: FactsView,
    /// The breakdowns, each a table section like the market's.
    breakdowns: Vec<TableView>,
    /// The small-number rule, for a breakdown that counts children.
    suppression: RuleView,
}

#[derive(Serialize)]
struct RuleView {
    symbol: String,
    note: String,
}

/// `/facts/`, when the content has facts or breakdowns.
pub fn render(site: &mut Site<'_>) {
    let c = site.c;
    if c.facts.facts.is_empty() && c.breakdowns.is_empty() {
        return;
    }
    let root = "../";
    let rule = &c.site.suppression;
    let page = FactsPage {
        title: "Facts and figures",
        facts: FactsView::new(site, root, usize::MAX),
        breakdowns: c
            .breakdowns
            .iter()
            .map(|b| PublishedTable::new(b, rule).view(site, root))
            .collect(),
        suppression: RuleView {
            symbol: rule.symbol.clone(),
            note: rule.note_text(),
        },
    };
    site.page("facts/index.html", "facts.html", "facts", &page);
}

/// `/data/breakdowns/<id>.csv` (the columns a reader sees; a breakdown in the one-value form
/// keeps its dimension, `value` and `flag`), `<id>-trend.csv` for a trend, and
/// `/data/breakdowns/<id>.json` (the table's record, as in `market.json`).
pub fn open_data(site: &mut Site<'_>) {
    let c = site.c;
    let rule = &c.site.suppression;
    for b in &c.breakdowns {
        let p = PublishedTable::new(b, rule);
        site.text(
            &format!("data/breakdowns/{}.csv", b.id),
            csv_of_table(b, &p.cells, rule),
        );
        if let Some(text) = csv_of_trend(b, &p.cells, rule) {
            site.text(&format!("data/breakdowns/{}-trend.csv", b.id), text);
        }
        site.json(&format!("data/breakdowns/{}.json", b.id), &p.record(rule));
    }
}

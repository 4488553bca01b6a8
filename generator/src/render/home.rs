//! The home page: the summary, key facts, aims, the plan's progress by rating and by
//! priority, headline measures, and the edition's notes.

use hearth_model::validate::{SITE_FILE, STRATEGY_FILE};
use hearth_model::{Place, Rag};
use serde::Serialize;

use super::facts::FactsView;
use super::measures::MetricCard;
use super::previous::{self, PreviousLink};
use super::site::{CouncilLink, Site};
use super::strategy::{AimView, ThemeView, aims, themes};
use super::view::{Html, PeriodView, RagCounts, any_not_rated};

#[derive(Serialize)]
struct PriorityProgress {
    id: String,
    title: String,
    href: String,
    rag: RagCounts,
}

#[derive(Serialize)]
struct NoteView {
    date: PeriodView,
    text: Html,
}

#[derive(Serialize)]
struct HomePage<'v> {
    title: &'v str,
    summary: Html,
    aims: Vec<AimView>,
    facts: FactsView,
    facts_total: usize,
    rag: RagCounts,
    priorities: Vec<PriorityProgress>,
    /// The actions that name no priority, counted in a row of their own ("No priority"), so
    /// the rows account for every action; `None` when every action names one.
    unprioritised: Option<RagCounts>,
    /// Whether an action names several priorities (it is then counted in each row, and the
    /// rows add up to more than the total).
    shared: bool,
    /// The link to `/previous/`, when the content looks back on a previous strategy.
    previous: Option<PreviousLink>,
    metrics: Vec<MetricCard>,
    metrics_total: usize,
    themes: Vec<ThemeView>,
    notes: Vec<NoteView>,
    /// For a region's own site: the member councils (empty otherwise).
    councils: Vec<CouncilLink>,
}

/// How many key facts and measures the home page shows.
const FACTS: usize = 8;
const MEASURES: usize = 6;

pub fn render(site: &mut Site<'_>) {
    let root = "";
    let c = site.c;
    let s = &c.strategy;
    let summary = site.md(
        &s.summary,
        Place::new(STRATEGY_FILE, "summary"),
        root,
        false,
    );
    let aims = aims(site, root);
    let facts = FactsView::new(site, root, FACTS);
    let not_rated = any_not_rated(c);
    let priorities = s
        .priorities
        .iter()
        .map(|p| {
            let rags: Vec<Option<Rag>> = c
                .actions()
                .filter(|(_, a)| a.priorities.contains(&p.id))
                .map(|(_, a)| a.rag)
                .collect();
            PriorityProgress {
                id: p.id.clone(),
                title: p.title.clone(),
                href: format!("priorities/{}/", p.id),
                rag: RagCounts::of(rags.iter(), not_rated),
            }
        })
        .collect();
    let unrated: Vec<Option<Rag>> = c
        .actions()
        .filter(|(_, a)| a.priorities.is_empty())
        .map(|(_, a)| a.rag)
        .collect();
    let unprioritised = (!unrated.is_empty()).then(|| RagCounts::of(unrated.iter(), not_rated));
    let shared = c.actions().any(|(_, a)| a.priorities.len() > 1);
    let metrics = c
        .metrics
        .iter()
        .take(MEASURES)
        .map(MetricCard::new)
        .collect();
    let themes = themes(site, &s.themes, "themes", root, false);
    let notes = c
        .site
        .edition
        .notes
        .iter()
        .map(|n| NoteView {
            date: PeriodView::of(&n.date),
            text: site.md(&n.text, Place::new(SITE_FILE, "edition.notes"), root, true),
        })
        .collect();
    let page = HomePage {
        title: &c.site.title,
        summary,
        aims,
        facts,
        facts_total: c.facts.facts.len(),
        rag: RagCounts::of(c.actions().map(|(_, a)| &a.rag), not_rated),
        priorities,
        unprioritised,
        shared,
        previous: previous::link(site),
        metrics,
        metrics_total: c.metrics.len(),
        themes,
        notes,
        councils: site.setting.councils.clone(),
    };
    site.page("index.html", "home.html", "home", &page);
}

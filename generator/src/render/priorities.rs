//! `/priorities/` and one page per priority: what we will do, its actions with their
//! ratings, and its measures.

use hearth_model::validate::STRATEGY_FILE;
use hearth_model::{Place, Priority, Rag};
use serde::Serialize;

use super::measures::MetricCard;
use super::plan::ActionView;
use super::site::Site;
use super::view::{Html, Link, RagCounts, any_not_rated};

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
    aims: Vec<Link>,
    actions: Vec<&'v ActionView<'a>>,
    metrics: Vec<MetricCard>,
    rag: RagCounts,
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
            summary: site.md(&pr.summary, at("summary".into()), root, false),
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
}

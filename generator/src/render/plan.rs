//! The delivery plan: `/plan/` (every action by workstream, with the filter), one page per
//! action (`/plan/<id>/`), and the plan's open data (`/data/actions.json`, `actions.csv`).
//!
//! Every view of an action comes from one [`ActionView`]: its page, the plan and priority
//! pages, the JSON and CSV rows ([`ActionRecord`]) and the filter index ([`ActionView::entry`]).
//! So an action's owner, status and timescale are worked out once and agree everywhere.

use hearth_model::validate::slugify;
use hearth_model::{Action, Place, Rag, Workstream};
use serde::Serialize;

use super::csv::Csv;
use super::filter::{self, Entry, FilterView};
use super::markdown::content_url;
use super::site::Site;
use super::view::{Html, Link, PeriodView, RagCounts, RagView};

/// An action as every page, data file and filter shows it.
#[derive(Debug, Serialize)]
pub struct ActionView<'a> {
    pub id: String,
    pub href: String,
    pub title: String,
    pub quality_measure: Option<Html>,
    pub indicators: Vec<String>,
    pub status: Option<String>,
    pub rag: RagView,
    pub timescale: PeriodView,
    pub timescale_note: Option<String>,
    /// The action's owner, or else its workstream's lead.
    pub owner: Option<String>,
    pub workstream: Link,
    pub priorities: Vec<Link>,
    pub aims: Vec<Link>,
    pub metrics: Vec<Link>,
    pub updates: Vec<UpdateView>,
    #[serde(skip)]
    pub source: &'a Action,
}

#[derive(Debug, Serialize)]
pub struct UpdateView {
    pub date: PeriodView,
    pub rag: Option<RagView>,
    pub note: Html,
}

impl<'a> ActionView<'a> {
    /// The view of action `i` of workstream `w`, for a page at depth `root` (its Markdown
    /// links are relative to the page).
    pub fn new(site: &Site<'a>, w: &'a Workstream, i: usize, root: &str) -> ActionView<'a> {
        let a = &w.actions[i];
        let c = site.c;
        let at = |f: &str| Place::new(&w.file, format!("actions[{i}].{f}"));
        let links = |ids: &[String], kind: &str| -> Vec<Link> {
            ids.iter()
                .map(|id| {
                    let title = match kind {
                        "priority" => c.priority(id).map(|p| p.title.as_str()),
                        "aim" => c.aim(id).map(|p| p.title.as_str()),
                        _ => c.metric(id).map(|m| m.title.as_str()),
                    };
                    let href = content_url(kind, id).unwrap_or_default();
                    Link::new(id, title.unwrap_or(id), href)
                })
                .collect()
        };
        let updates = a
            .updates
            .iter()
            .enumerate()
            .map(|(j, u)| UpdateView {
                date: PeriodView::of(&u.date),
                rag: u.rag.map(RagView::of),
                note: site.md(&u.note, at(&format!("updates[{j}].note")), root, false),
            })
            .collect();
        ActionView {
            id: a.id.clone(),
            href: format!("plan/{}/", a.id),
            title: a.title.clone(),
            quality_measure: site.md_opt(&a.quality_measure, at("quality_measure"), root, true),
            indicators: a.indicators.clone(),
            status: a.status.clone(),
            rag: RagView::of(a.rag),
            timescale: PeriodView::of(&a.timescale),
            timescale_note: a.timescale_note.clone(),
            owner: a.owner.clone().or_else(|| w.lead.clone()),
            workstream: Link::new(&w.id, &w.title, format!("plan/#workstream-{}", w.id)),
            priorities: links(&a.priorities, "priority"),
            aims: links(&a.aims, "aim"),
            metrics: links(&a.metrics, "metric"),
            updates,
            source: a,
        }
    }

    /// The action in the plan's filter index: workstream, rating, owner and priorities;
    /// due at the end of its timescale; found by its title, what good looks like, status,
    /// indicators and id.
    pub fn entry(&self) -> Entry {
        let a = self.source;
        let mut text: Vec<String> = vec![a.title.clone()];
        text.extend(a.quality_measure.clone());
        text.extend(self.status.clone());
        text.extend(self.indicators.iter().cloned());
        text.push(self.id.clone());
        Entry {
            id: self.id.clone(),
            keys: vec![
                vec![self.workstream.id.clone()],
                vec![self.rag.key.to_string()],
                self.owner.iter().map(|o| slugify(o)).collect(),
                self.priorities.iter().map(|p| p.id.clone()).collect(),
            ],
            due: a.timescale.end().map(|d| d.to_days()),
            text,
        }
    }

    /// The action's row in the plan's open data.
    pub fn record(&self) -> ActionRecord<'_> {
        let a = self.source;
        ActionRecord {
            id: &self.id,
            title: &self.title,
            workstream: &self.workstream.id,
            workstream_title: &self.workstream.title,
            rag: self.rag.key,
            status: self.status.as_deref(),
            owner: self.owner.as_deref(),
            timescale: &self.timescale.label,
            timescale_note: self.timescale_note.as_deref(),
            start: self.timescale.start.as_deref(),
            end: self.timescale.end.as_deref(),
            quality_measure: a.quality_measure.as_deref(),
            indicators: &self.indicators,
            priorities: self.priorities.iter().map(|l| l.id.as_str()).collect(),
            aims: self.aims.iter().map(|l| l.id.as_str()).collect(),
            metrics: self.metrics.iter().map(|l| l.id.as_str()).collect(),
            updates: a
                .updates
                .iter()
                .map(|u| UpdateRecord {
                    date: u.date.text(),
                    rag: u.rag.map(Rag::key),
                    note: &u.note,
                })
                .collect(),
            url: &self.href,
        }
    }
}

/// An action in `/data/actions.json` (and, flattened, `/data/actions.csv`).
#[derive(Debug, Serialize)]
pub struct ActionRecord<'v> {
    pub id: &'v str,
    pub title: &'v str,
    pub workstream: &'v str,
    pub workstream_title: &'v str,
    pub rag: &'static str,
    pub status: Option<&'v str>,
    pub owner: Option<&'v str>,
    pub timescale: &'v str,
    pub timescale_note: Option<&'v str>,
    pub start: Option<&'v str>,
    pub end: Option<&'v str>,
    /// As written (Markdown).
    pub quality_measure: Option<&'v str>,
    pub indicators: &'v [String],
    pub priorities: Vec<&'v str>,
    pub aims: Vec<&'v str>,
    pub metrics: Vec<&'v str>,
    pub updates: Vec<UpdateRecord<'v>>,
    pub url: &'v str,
}

#[derive(Debug, Serialize)]
pub struct UpdateRecord<'v> {
    pub date: &'v str,
    pub rag: Option<&'static str>,
    pub note: &'v str,
}

/// The columns of `/data/actions.csv`.
const CSV_COLUMNS: [&str; 15] = [
    "id",
    "title",
    "workstream",
    "workstream_title",
    "rag",
    "status",
    "owner",
    "timescale",
    "start",
    "end",
    "quality_measure",
    "indicators",
    "priorities",
    "aims",
    "url",
];

impl ActionRecord<'_> {
    /// The row of `/data/actions.csv` (lists joined with "; ").
    fn csv_row(&self) -> [String; 15] {
        let text = |v: Option<&str>| v.unwrap_or_default().to_string();
        [
            self.id.into(),
            self.title.into(),
            self.workstream.into(),
            self.workstream_title.into(),
            self.rag.into(),
            text(self.status),
            text(self.owner),
            self.timescale.into(),
            text(self.start),
            text(self.end),
            text(self.quality_measure),
            self.indicators.join("; "),
            self.priorities.join("; "),
            self.aims.join("; "),
            self.url.into(),
        ]
    }
}

/// Every action of the content, in plan order, for pages at depth `root`.
pub fn actions<'a>(site: &Site<'a>, root: &str) -> Vec<ActionView<'a>> {
    let c = site.c;
    c.workstreams
        .iter()
        .flat_map(|w| (0..w.actions.len()).map(move |i| (w, i)))
        .map(|(w, i)| ActionView::new(site, w, i, root))
        .collect()
}

/// The plan's filter index, from the actions' views.
pub fn index(site: &Site<'_>, actions: &[ActionView<'_>]) -> hearth_model::filter::Index {
    let c = site.c;
    let workstreams = c
        .workstreams
        .iter()
        .map(|w| filter::value(&w.id, &w.title))
        .collect();
    let rags = Rag::ALL
        .iter()
        .map(|r| filter::value(r.key(), r.label()))
        .collect();
    let mut owners: Vec<hearth_model::filter::FacetValue> = Vec::new();
    for o in actions.iter().filter_map(|a| a.owner.as_deref()) {
        let key = slugify(o);
        if !key.is_empty() && !owners.iter().any(|v| v.key == key) {
            owners.push(filter::value(&key, o.trim()));
        }
    }
    owners.sort_by_key(|v| v.label.to_lowercase());
    let priorities = c
        .strategy
        .priorities
        .iter()
        .map(|p| filter::value(&p.id, &p.title))
        .collect();
    filter::index(
        vec![
            filter::facet("workstream", "Workstream", workstreams),
            filter::facet("rag", "Status", rags),
            filter::facet("owner", "Owner", owners),
            filter::facet("priority", "Priority", priorities),
        ],
        actions.iter().map(ActionView::entry),
    )
}

/// A workstream on the plan page.
#[derive(Serialize)]
struct WorkstreamView<'v, 'a> {
    id: &'v str,
    title: &'v str,
    lead: Option<&'v str>,
    summary: Option<Html>,
    actions: Vec<&'v ActionView<'a>>,
    rag: RagCounts,
}

#[derive(Serialize)]
struct PlanPage<'v, 'a> {
    title: &'static str,
    workstreams: Vec<WorkstreamView<'v, 'a>>,
    rag: RagCounts,
    total: usize,
    filters: FilterView,
}

#[derive(Serialize)]
struct ActionPage<'v, 'a> {
    title: &'v str,
    action: &'v ActionView<'a>,
    prev: Option<Link>,
    next: Option<Link>,
    position: usize,
    total: usize,
}

/// `/plan/`, every `/plan/<id>/` and the plan's open data; `actions` are the plan's actions
/// as pages two folders down see them.
pub fn render(site: &mut Site<'_>, actions: &[ActionView<'_>]) {
    plan_page(site);
    let link = |a: &ActionView<'_>| Link::new(&a.id, &a.title, a.href.clone());
    for (n, action) in actions.iter().enumerate() {
        let page = ActionPage {
            title: &action.title,
            action,
            prev: n.checked_sub(1).and_then(|k| actions.get(k)).map(link),
            next: actions.get(n + 1).map(link),
            position: n + 1,
            total: actions.len(),
        };
        site.page(
            &format!("plan/{}/index.html", action.id),
            "action.html",
            "plan",
            &page,
        );
    }
    open_data(site, actions);
}

fn plan_page(site: &mut Site<'_>) {
    let root = "../";
    let actions = actions(site, root);
    let mut rest = actions.iter();
    let workstreams = site
        .c
        .workstreams
        .iter()
        .map(|w| WorkstreamView {
            id: &w.id,
            title: &w.title,
            lead: w.lead.as_deref(),
            summary: site.md_opt(&w.summary, Place::new(&w.file, "summary"), root, false),
            actions: rest.by_ref().take(w.actions.len()).collect(),
            rag: RagCounts::of(w.actions.iter().map(|a| &a.rag)),
        })
        .collect();
    let index = index(site, &actions);
    let page = PlanPage {
        title: "Delivery plan",
        workstreams,
        rag: RagCounts::of(actions.iter().map(|a| &a.source.rag)),
        total: actions.len(),
        filters: FilterView::new(&index, "f"),
    };
    site.page("plan/index.html", "plan.html", "plan", &page);
}

/// `/data/actions.json` and `/data/actions.csv`, from the same records.
fn open_data(site: &mut Site<'_>, actions: &[ActionView<'_>]) {
    let records: Vec<ActionRecord<'_>> = actions.iter().map(ActionView::record).collect();
    let mut csv = Csv::new(CSV_COLUMNS);
    for r in &records {
        csv.row(r.csv_row());
    }
    site.json("data/actions.json", &records);
    site.text("data/actions.csv", csv.finish());
}

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
use super::priorities::{TABLE_COLUMNS, TableFields, TableRecord, TableView};
use super::site::Site;
use super::view::{Html, Link, PeriodView, RagCounts, RagView, any_not_rated};

/// An action's owners as written, trimmed, or else its workstream's leads.
fn owners(a: &Action, w: &Workstream) -> Vec<String> {
    let roles = if a.owner.is_empty() {
        &w.lead
    } else {
        &a.owner
    };
    roles.names().map(str::to_string).collect()
}

/// An action as every page, data file and filter shows it.
#[derive(Debug, Serialize)]
pub struct ActionView<'a> {
    pub id: String,
    pub href: String,
    pub title: String,
    pub quality_measure: Option<Html>,
    pub indicators: Vec<String>,
    pub status: Option<String>,
    /// The action's rating, or "Not rated" (key `not-rated`) when the plan gives none.
    pub rag: RagView,
    pub timescale: PeriodView,
    pub timescale_note: Option<String>,
    /// The action's owners, or else its workstream's leads (none when neither is given).
    pub owners: Vec<String>,
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
            owners: owners(a, w),
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
                self.owners.iter().map(|o| slugify(o)).collect(),
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
            // No rating is published as no rating (null; an empty CSV cell), not as a word.
            rag: a.rag.map(|_| self.rag.key),
            status: self.status.as_deref(),
            owner: (!self.owners.is_empty()).then(|| self.owners.join("; ")),
            owners: &self.owners,
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
    /// The rating's key; `None` (null, an empty CSV cell) when the action is not rated.
    pub rag: Option<&'static str>,
    pub status: Option<&'v str>,
    /// The owners joined with "; " (one owner: that owner), as before owners could be several.
    pub owner: Option<String>,
    pub owners: &'v [String],
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
            text(self.rag),
            text(self.status),
            text(self.owner.as_deref()),
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
    let mut rags: Vec<hearth_model::filter::FacetValue> = Rag::ALL
        .iter()
        .map(|r| filter::value(r.key(), r.label()))
        .collect();
    // "Not rated" is offered only when some action is not rated.
    if actions.iter().any(|a| a.source.rag.is_none()) {
        let r = RagView::not_rated();
        rags.push(filter::value(r.key, r.label));
    }
    let mut owners: Vec<hearth_model::filter::FacetValue> = Vec::new();
    for o in actions.iter().flat_map(|a| &a.owners) {
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
    /// Its leads, trimmed (none when it names none).
    leads: Vec<&'v str>,
    summary: Option<Html>,
    table: Option<TableView>,
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
    let not_rated = any_not_rated(site.c);
    let mut rest = actions.iter();
    let workstreams = site
        .c
        .workstreams
        .iter()
        .map(|w| WorkstreamView {
            id: &w.id,
            title: &w.title,
            leads: w.lead.names().collect(),
            summary: site.md_opt(&w.summary, Place::new(&w.file, "summary"), root, false),
            table: TableView::new(
                site,
                TableFields::of_workstream(w),
                |f| Place::new(&w.file, f),
                root,
            ),
            actions: rest.by_ref().take(w.actions.len()).collect(),
            rag: RagCounts::of(w.actions.iter().map(|a| &a.rag), not_rated),
        })
        .collect();
    let index = index(site, &actions);
    let page = PlanPage {
        title: "Delivery plan",
        workstreams,
        rag: RagCounts::of(actions.iter().map(|a| &a.source.rag), not_rated),
        total: actions.len(),
        filters: FilterView::new(&index, "f"),
    };
    site.page("plan/index.html", "plan.html", "plan", &page);
}

/// `/data/actions.json` and `/data/actions.csv`, from the same records; and the
/// workstreams' (`/data/workstreams.json`, `workstreams.csv`).
fn open_data(site: &mut Site<'_>, actions: &[ActionView<'_>]) {
    let records: Vec<ActionRecord<'_>> = actions.iter().map(ActionView::record).collect();
    let mut csv = Csv::new(CSV_COLUMNS);
    for r in &records {
        csv.row(r.csv_row());
    }
    site.json("data/actions.json", &records);
    site.text("data/actions.csv", csv.finish());
    workstreams_data(site);
}

/// A workstream in `/data/workstreams.json` (and, flattened, `/data/workstreams.csv`).
#[derive(Debug, Serialize)]
struct WorkstreamRecord<'c> {
    id: &'c str,
    title: &'c str,
    leads: Vec<&'c str>,
    /// As written (Markdown).
    summary: Option<&'c str>,
    actions: Vec<&'c str>,
    #[serde(flatten)]
    table: TableRecord<'c>,
    url: String,
}

/// `/data/workstreams.json` and `/data/workstreams.csv`: each workstream, its leads, its
/// actions' ids and its table.
fn workstreams_data(site: &mut Site<'_>) {
    let c = site.c;
    let records: Vec<WorkstreamRecord<'_>> = c
        .workstreams
        .iter()
        .map(|w| WorkstreamRecord {
            id: &w.id,
            title: &w.title,
            leads: w.lead.names().collect(),
            summary: w.summary.as_deref(),
            actions: w.actions.iter().map(|a| a.id.as_str()).collect(),
            table: TableFields::of_workstream(w).record(),
            url: format!("plan/#workstream-{}", w.id),
        })
        .collect();
    let head = ["id", "title", "leads", "actions", "url"];
    let mut csv = Csv::new(head.iter().chain(TABLE_COLUMNS.iter()));
    for r in &records {
        let cells = [
            r.id.to_string(),
            r.title.to_string(),
            r.leads.join("; "),
            r.actions.join("; "),
            r.url.clone(),
        ];
        csv.row(cells.into_iter().chain(r.table.csv_cells()));
    }
    site.json("data/workstreams.json", &records);
    site.text("data/workstreams.csv", csv.finish());
}

//! `/previous/`, "Looking back": the strategy that came before this one (`strategy.yaml`
//! `previous:`) and what became of its commitments, with its open data
//! (`/data/previous.json`, `/data/previous.csv`) made from the same view, [`PastView`]. The
//! commitments carried forward are also shown on the pages of the priorities that carry them
//! ([`carried_into`]).
//!
//! Nothing here is an action of the current plan: the plan's counts, filters and ratings
//! never see it.

use hearth_model::validate::STRATEGY_FILE;
use hearth_model::{Outcome, Place, PreviousStrategy};
use serde::Serialize;

use super::csv::Csv;
use super::site::Site;
use super::view::{Html, Link, PeriodView};

/// One commitment of the previous strategy and what became of it, for a page at a given
/// depth.
#[derive(Debug, Serialize)]
pub struct PastView {
    /// Its place in the list, from 1 (`/previous/#past-N`).
    pub number: usize,
    pub title: String,
    /// The outcome's key (`partly-delivered`) and its words (`Partly delivered`).
    pub outcome: &'static str,
    pub outcome_label: &'static str,
    pub carried_forward_into: Vec<Link>,
    pub evidence: Option<Html>,
    #[serde(skip)]
    evidence_source: Option<String>,
    pub due: Option<PeriodView>,
    pub date: Option<PeriodView>,
}

impl PastView {
    fn record(&self) -> PastRecord<'_> {
        PastRecord {
            number: self.number,
            title: &self.title,
            outcome: self.outcome,
            carried_forward_into: self
                .carried_forward_into
                .iter()
                .map(|l| l.id.as_str())
                .collect(),
            evidence: self.evidence_source.as_deref(),
            due: self.due.as_ref().map(|d| d.label.as_str()),
            date: self.date.as_ref().map(|d| d.label.as_str()),
        }
    }
}

/// A commitment of the previous strategy in open data; absent values are `null` (an empty
/// CSV cell).
#[derive(Debug, Serialize)]
struct PastRecord<'v> {
    number: usize,
    title: &'v str,
    outcome: &'static str,
    carried_forward_into: Vec<&'v str>,
    evidence: Option<&'v str>,
    due: Option<&'v str>,
    date: Option<&'v str>,
}

/// `/data/previous.json`: the previous strategy and its commitments.
#[derive(Debug, Serialize)]
struct PreviousRecord<'v> {
    title: &'v str,
    /// Periods are given as their labels, as every period in the open data is.
    period: Option<String>,
    url: Option<&'v str>,
    edition: Option<&'v str>,
    reviewed: Option<String>,
    summary: Option<&'v str>,
    commitments: Vec<PastRecord<'v>>,
}

const CSV_HEAD: [&str; 7] = [
    "number",
    "title",
    "outcome",
    "carried_forward_into",
    "evidence",
    "due",
    "date",
];

/// How many of the previous strategy's commitments had one outcome.
#[derive(Debug, Serialize)]
struct OutcomeCount {
    key: &'static str,
    label: &'static str,
    count: usize,
}

#[derive(Serialize)]
struct PreviousPage {
    title: String,
    name: String,
    period: Option<PeriodView>,
    url: Option<String>,
    /// The frozen edition of this site that published it: its version and address.
    edition: Option<Link>,
    reviewed: Option<PeriodView>,
    summary: Option<Html>,
    commitments: Vec<PastView>,
    outcomes: Vec<OutcomeCount>,
}

/// The previous strategy's commitments, for a page at depth `root`.
fn views(site: &Site<'_>, prev: &PreviousStrategy, root: &str) -> Vec<PastView> {
    let c = site.c;
    prev.commitments
        .iter()
        .enumerate()
        .map(|(i, pc)| PastView {
            number: i + 1,
            title: pc.title.clone(),
            outcome: pc.outcome.key(),
            outcome_label: pc.outcome.label(),
            carried_forward_into: pc
                .carried_forward_into
                .iter()
                .filter_map(|id| c.priority(id))
                .map(|p| Link::new(&p.id, &p.title, format!("priorities/{}/", p.id)))
                .collect(),
            evidence: site.md_opt(
                &pc.evidence,
                Place::new(STRATEGY_FILE, format!("previous.commitments[{i}].evidence")),
                root,
                false,
            ),
            evidence_source: pc.evidence.clone(),
            due: PeriodView::opt(&pc.due),
            date: PeriodView::opt(&pc.date),
        })
        .collect()
}

/// The previous strategy's title and the commitments it carried into priority `id`, for
/// that priority's page (two folders down); `None` when there are none.
pub fn carried_into(site: &Site<'_>, id: &str) -> Option<(String, Vec<PastView>)> {
    let prev = site.c.strategy.previous.as_ref()?;
    let carried: Vec<PastView> = views(site, prev, "../../")
        .into_iter()
        .filter(|v| v.carried_forward_into.iter().any(|l| l.id == id))
        .collect();
    (!carried.is_empty()).then(|| (prev.title.clone(), carried))
}

/// The link to `/previous/` the home and strategy pages give: the previous strategy's title
/// and how many of its commitments the content looks back on.
#[derive(Debug, Serialize)]
pub struct PreviousLink {
    pub title: String,
    pub href: &'static str,
    pub commitments: usize,
}

pub fn link(site: &Site<'_>) -> Option<PreviousLink> {
    site.c.strategy.previous.as_ref().map(|prev| PreviousLink {
        title: prev.title.clone(),
        href: "previous/",
        commitments: prev.commitments.len(),
    })
}

/// `/previous/` and its open data, when the content has a previous strategy.
pub fn render(site: &mut Site<'_>) {
    let Some(prev) = &site.c.strategy.previous else {
        return;
    };
    let root = "../";
    let at = |field: &str| Place::new(STRATEGY_FILE, format!("previous.{field}"));
    let commitments = views(site, prev, root);
    let outcomes = Outcome::ALL
        .iter()
        .map(|o| OutcomeCount {
            key: o.key(),
            label: o.label(),
            count: commitments.iter().filter(|v| v.outcome == o.key()).count(),
        })
        .filter(|o| o.count > 0)
        .collect();
    let edition = prev.edition.as_ref().and_then(|v| edition_link(site, v));
    let page = PreviousPage {
        title: format!("Looking back: {}", prev.title),
        name: prev.title.clone(),
        period: PeriodView::opt(&prev.period),
        url: site.safe_url(&prev.url, at("url")),
        edition,
        reviewed: PeriodView::opt(&prev.reviewed),
        summary: site.md_opt(&prev.summary, at("summary"), root, false),
        commitments,
        outcomes,
    };
    site.page("previous/index.html", "previous.html", "strategy", &page);

    let records = page
        .commitments
        .iter()
        .map(PastView::record)
        .collect::<Vec<_>>();
    let mut csv = Csv::new(CSV_HEAD);
    for r in &records {
        csv.row([
            r.number.to_string(),
            r.title.to_string(),
            r.outcome.to_string(),
            r.carried_forward_into.join("; "),
            r.evidence.unwrap_or_default().to_string(),
            r.due.unwrap_or_default().to_string(),
            r.date.unwrap_or_default().to_string(),
        ]);
    }
    let data = PreviousRecord {
        title: &prev.title,
        period: prev.period.as_ref().map(|p| p.label()),
        url: prev.url.as_deref(),
        edition: prev.edition.as_deref(),
        reviewed: prev.reviewed.as_ref().map(|p| p.label()),
        summary: prev.summary.as_deref(),
        commitments: records,
    };
    site.json("data/previous.json", &data);
    site.text("data/previous.csv", csv.finish());
}

/// The address of frozen edition `version`, from `/previous/`; an error at
/// `previous.edition` when this site has no such edition. An earlier edition, itself under
/// `/editions/<version>/`, links to its sibling folder.
fn edition_link(site: &Site<'_>, version: &str) -> Option<Link> {
    if site.history.archived.is_some() {
        return Some(Link::new(version, version, format!("../{version}/")));
    }
    if site.history.editions.iter().any(|e| e.version == version) {
        return Some(Link::new(version, version, format!("editions/{version}/")));
    }
    let known: Vec<&str> = site
        .history
        .editions
        .iter()
        .map(|e| e.version.as_str())
        .collect();
    let mut issue = hearth_model::Issue::error(
        Place::new(STRATEGY_FILE, "previous.edition"),
        format!("there is no frozen edition \"{version}\" of this site"),
    )
    .expected(if known.is_empty() {
        "the version of a folder in `editions/` (this site has none)".to_string()
    } else {
        format!("one of: {}", known.join(", "))
    });
    issue = issue.hint(
        "freeze the previous strategy's site with `hearth edition freeze`, or give its address in `url:` instead",
    );
    site.issue(&issue);
    None
}

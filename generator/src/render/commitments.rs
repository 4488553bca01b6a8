//! The strategy's commitments (`strategy.yaml` `commitments`): one view, [`CommitmentView`],
//! for `/strategy/`, the pages of the priorities each belongs to and the open data
//! (`/data/commitments.json`, `/data/commitments.csv`), and the honest counts of what the
//! content says about them ("1 of 3 commitments has a date").
//!
//! A commitment written as plain text has no date, owner or status: it is shown without
//! them, never with a default.

use hearth_model::Place;
use hearth_model::validate::STRATEGY_FILE;
use serde::Serialize;

use super::csv::Csv;
use super::site::Site;
use super::view::{Html, Link, PeriodView};

/// One commitment, for a page at a given depth.
#[derive(Debug, Serialize)]
pub struct CommitmentView {
    /// Its place in the strategy's list, from 1 (`#commitment-N` on `/strategy/`).
    pub number: usize,
    pub text: Html,
    /// The text as the content writes it (Markdown), for open data.
    #[serde(skip)]
    pub source: String,
    pub due: Option<PeriodView>,
    pub owner: Option<String>,
    pub status: Option<String>,
    pub priorities: Vec<Link>,
    pub metrics: Vec<Link>,
}

impl CommitmentView {
    /// Its row in `/data/commitments.json` (and, flattened, `commitments.csv`).
    pub fn record(&self) -> CommitmentRecord<'_> {
        CommitmentRecord {
            number: self.number,
            text: &self.source,
            due: self.due.as_ref().map(|d| d.label.as_str()),
            due_start: self.due.as_ref().and_then(|d| d.start.as_deref()),
            due_end: self.due.as_ref().and_then(|d| d.end.as_deref()),
            owner: self.owner.as_deref(),
            status: self.status.as_deref(),
            priorities: self.priorities.iter().map(|l| l.id.as_str()).collect(),
            metrics: self.metrics.iter().map(|l| l.id.as_str()).collect(),
        }
    }
}

/// A commitment in open data: absent values are `null` (an empty CSV cell).
#[derive(Debug, Serialize)]
pub struct CommitmentRecord<'v> {
    pub number: usize,
    pub text: &'v str,
    pub due: Option<&'v str>,
    pub due_start: Option<&'v str>,
    pub due_end: Option<&'v str>,
    pub owner: Option<&'v str>,
    pub status: Option<&'v str>,
    pub priorities: Vec<&'v str>,
    pub metrics: Vec<&'v str>,
}

const CSV_HEAD: [&str; 9] = [
    "number",
    "text",
    "due",
    "due_start",
    "due_end",
    "owner",
    "status",
    "priorities",
    "metrics",
];

/// Every commitment of the strategy, for a page at depth `root`.
pub fn views(site: &Site<'_>, root: &str) -> Vec<CommitmentView> {
    let c = site.c;
    c.strategy
        .commitments
        .iter()
        .enumerate()
        .map(|(i, cm)| CommitmentView {
            number: i + 1,
            text: site.md(
                &cm.text,
                Place::new(STRATEGY_FILE, commitment_text_path(i, cm)),
                root,
                true,
            ),
            source: cm.text.clone(),
            due: PeriodView::opt(&cm.due),
            owner: cm.owner.clone(),
            status: cm.status.clone(),
            priorities: cm
                .priorities
                .iter()
                .filter_map(|id| c.priority(id))
                .map(|p| Link::new(&p.id, &p.title, format!("priorities/{}/", p.id)))
                .collect(),
            metrics: cm
                .metrics
                .iter()
                .filter_map(|id| c.metric(id))
                .map(|m| Link::new(&m.id, &m.title, format!("measures/{}/", m.id)))
                .collect(),
        })
        .collect()
}

/// Where a commitment's text is: the item itself when written as text, else its `text`.
fn commitment_text_path(i: usize, cm: &hearth_model::Commitment) -> String {
    let plain = cm.due.is_none()
        && cm.owner.is_none()
        && cm.status.is_none()
        && cm.priorities.is_empty()
        && cm.metrics.is_empty();
    if plain {
        format!("commitments[{i}]")
    } else {
        format!("commitments[{i}].text")
    }
}

/// What the content says about the commitments, counted: one sentence each for dates,
/// owners, statuses and priorities, such as "1 of 3 commitments has a date". Empty when no
/// commitment says more than its text (then there is nothing to count).
pub fn counts(views: &[CommitmentView]) -> Vec<String> {
    let structured = views.iter().any(|v| {
        v.due.is_some()
            || v.owner.is_some()
            || v.status.is_some()
            || !v.priorities.is_empty()
            || !v.metrics.is_empty()
    });
    if !structured {
        return Vec::new();
    }
    let total = views.len();
    let count = |f: &dyn Fn(&CommitmentView) -> bool| views.iter().filter(|v| f(v)).count();
    vec![
        of(
            count(&|v| v.due.is_some()),
            total,
            "has a date",
            "have a date",
        ),
        of(
            count(&|v| v.owner.is_some()),
            total,
            "names an owner",
            "name an owner",
        ),
        of(
            count(&|v| v.status.is_some()),
            total,
            "gives a status",
            "give a status",
        ),
        of(
            count(&|v| !v.priorities.is_empty()),
            total,
            "is linked to a priority",
            "are linked to a priority",
        ),
    ]
}

/// "None of the 3 commitments has a date", "1 of 3 commitments has a date", "All 3
/// commitments have a date" ("The commitment has a date" when there is one).
fn of(n: usize, total: usize, one: &str, many: &str) -> String {
    match (n, total) {
        (1, 1) => format!("The commitment {one}."),
        (0, 1) => format!("The commitment {}.", negative(one)),
        (0, _) => format!("None of the {total} commitments {one}."),
        (n, t) if n == t => format!("All {t} commitments {many}."),
        (1, t) => format!("1 of {t} commitments {one}."),
        (n, t) => format!("{n} of {t} commitments {many}."),
    }
}

/// "has a date" -> "has no date", for the one commitment that does not.
fn negative(one: &str) -> String {
    match one {
        "has a date" => "has no date".into(),
        "names an owner" => "names no owner".into(),
        "gives a status" => "gives no status".into(),
        "is linked to a priority" => "is linked to no priority".into(),
        other => format!("does not say it {other}"),
    }
}

/// `/data/commitments.json` and `/data/commitments.csv`, from the same records; written only
/// when the strategy has commitments.
pub fn open_data(site: &mut Site<'_>) {
    let views = views(site, "../");
    if views.is_empty() {
        return;
    }
    let records: Vec<CommitmentRecord<'_>> = views.iter().map(CommitmentView::record).collect();
    let mut csv = Csv::new(CSV_HEAD);
    for r in &records {
        csv.row([
            r.number.to_string(),
            r.text.to_string(),
            r.due.unwrap_or_default().to_string(),
            r.due_start.unwrap_or_default().to_string(),
            r.due_end.unwrap_or_default().to_string(),
            r.owner.unwrap_or_default().to_string(),
            r.status.unwrap_or_default().to_string(),
            r.priorities.join("; "),
            r.metrics.join("; "),
        ]);
    }
    site.json("data/commitments.json", &records);
    site.text("data/commitments.csv", csv.finish());
}

#[cfg(test)]
mod tests {
    use super::of;

    #[test]
    fn counts_say_how_many_of_how_many() {
        assert_eq!(
            of(0, 3, "has a date", "have a date"),
            "None of the 3 commitments has a date."
        );
        assert_eq!(
            of(1, 3, "has a date", "have a date"),
            "1 of 3 commitments has a date."
        );
        assert_eq!(
            of(2, 3, "has a date", "have a date"),
            "2 of 3 commitments have a date."
        );
        assert_eq!(
            of(3, 3, "has a date", "have a date"),
            "All 3 commitments have a date."
        );
        assert_eq!(
            of(0, 1, "has a date", "have a date"),
            "The commitment has no date."
        );
    }
}

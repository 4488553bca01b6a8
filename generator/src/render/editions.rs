//! The pages about editions: `/changes/` (what changed since the latest frozen edition, and
//! the dated updates) and `/editions/` (the earlier editions, each published whole under
//! `/editions/<version>/`).

use hearth_model::changes::{ActionRef, Changes, Direction, TargetChange, ValueChange};
use hearth_model::{Period, Preposition};
use serde::Serialize;

use super::site::Site;
use super::view::RagView;

/// An action that changed: where it is, and what it changed from and to.
#[derive(Serialize)]
struct ActionChange<T: Serialize> {
    id: String,
    title: String,
    href: String,
    from: Option<T>,
    to: Option<T>,
    /// For a rating: better, worse or other.
    direction: Option<&'static str>,
    /// For a timescale: whether it moved later.
    later: Option<bool>,
}

impl<T: Serialize> ActionChange<T> {
    fn of(a: &ActionRef, href: String) -> ActionChange<T> {
        ActionChange {
            id: a.id.clone(),
            title: a.title.clone(),
            href,
            from: None,
            to: None,
            direction: None,
            later: None,
        }
    }

    fn at(a: &ActionRef) -> ActionChange<T> {
        ActionChange::of(a, format!("plan/{}/", a.id))
    }
}

/// A measure's figure or target that changed.
#[derive(Serialize)]
struct ValueView {
    id: String,
    title: String,
    href: String,
    /// The period, or for a target with no date, "no date".
    period: String,
    /// The period after "for" in a sentence: "for 2024/25", "at 31 March 2024"; `none` for
    /// `Ongoing`.
    period_for: Option<String>,
    from: Option<String>,
    to: Option<String>,
    /// A target's note.
    note: Option<String>,
}

#[derive(Serialize)]
struct ChangesView {
    version: String,
    href: String,
    published: Option<String>,
    count: usize,
    rag_up: usize,
    rag_down: usize,
    added: Vec<ActionChange<()>>,
    removed: Vec<ActionChange<()>>,
    rag: Vec<ActionChange<RagView>>,
    status: Vec<ActionChange<String>>,
    timescales: Vec<ActionChange<String>>,
    values_added: Vec<ValueView>,
    values_revised: Vec<ValueView>,
    targets: Vec<ValueView>,
}

#[derive(Serialize)]
struct UpdateView {
    date: String,
    text: String,
    /// The edition the note belongs to; `None` for the current edition when it has no
    /// version.
    version: Option<String>,
}

#[derive(Serialize)]
struct ChangesPage {
    title: &'static str,
    /// Earlier editions' forecasts that now have an outturn.
    outturns: Vec<super::outturns::OutturnView>,
    changes: Option<ChangesView>,
    updates: Vec<UpdateView>,
}

#[derive(Serialize)]
struct NoteView {
    date: String,
    text: String,
}

#[derive(Serialize)]
struct EditionView {
    version: String,
    href: String,
    published: String,
    status: String,
    notes: Vec<NoteView>,
}

#[derive(Serialize)]
struct EditionsPage {
    title: &'static str,
    editions: Vec<EditionView>,
}

/// `/changes/` and `/editions/`. Nothing for an earlier edition, or without editions.
pub fn render(site: &mut Site<'_>) {
    let history = site.history;
    if history.archived.is_some() || history.editions.is_empty() {
        return;
    }
    let outturns = super::outturns::outturns(site);
    super::outturns::open_data(site, &outturns);
    let page = ChangesPage {
        title: "What changed",
        outturns,
        changes: history
            .changes
            .as_ref()
            .map(|(version, c)| changes_view(site, version, c)),
        updates: updates(site),
    };
    site.page("changes/index.html", "changes.html", "changes", &page);
    let editions = history
        .editions
        .iter()
        .rev()
        .map(|e| EditionView {
            version: e.version.clone(),
            href: format!("editions/{}/", e.version),
            published: e.published.label(),
            status: e.status.clone(),
            notes: e
                .notes
                .iter()
                .map(|n| NoteView {
                    date: n.date.label(),
                    text: n.text.clone(),
                })
                .collect(),
        })
        .collect();
    let page = EditionsPage {
        title: "Earlier editions",
        editions,
    };
    site.page("editions/index.html", "editions.html", "changes", &page);
}

fn changes_view(site: &Site<'_>, version: &str, c: &Changes) -> ChangesView {
    let value = |v: &ValueChange| {
        let metric = site.c.metric(&v.metric);
        // Each figure as readers see it: with the places it is written with, and its unit.
        let show = |x: &Option<hearth_model::Figure>| {
            x.as_ref().map(|f| match metric {
                Some(m) => hearth_model::analysis::figure(m, f),
                None => f.written(),
            })
        };
        ValueView {
            id: v.metric.clone(),
            title: v.title.clone(),
            href: format!("measures/{}/", v.metric),
            period: v.period.label(),
            period_for: v.period.phrase(Preposition::For),
            from: show(&v.from),
            to: show(&v.to),
            note: None,
        }
    };
    let target = |t: &TargetChange| ValueView {
        id: t.metric.clone(),
        title: t.title.clone(),
        href: format!("measures/{}/", t.metric),
        period: t
            .period
            .as_ref()
            .map_or_else(|| "no date".to_string(), Period::label),
        period_for: t.period.as_ref().and_then(|p| p.phrase(Preposition::For)),
        from: t.from.clone(),
        to: t.to.clone(),
        note: t.note.clone(),
    };
    let latest = site.history.editions.iter().find(|e| e.version == version);
    ChangesView {
        version: version.to_string(),
        href: format!("editions/{version}/"),
        published: latest.map(|e| e.published.label()),
        count: c.count(),
        rag_up: c.rag_up(),
        rag_down: c.rag_down(),
        added: c.actions_added.iter().map(ActionChange::at).collect(),
        removed: c
            .actions_removed
            .iter()
            .map(|a| ActionChange::of(a, format!("editions/{version}/plan/{}/", a.id)))
            .collect(),
        rag: c
            .rag
            .iter()
            .map(|r| ActionChange {
                from: Some(RagView::of(r.from)),
                to: Some(RagView::of(r.to)),
                direction: Some(match r.direction {
                    Direction::Better => "better",
                    Direction::Worse => "worse",
                    Direction::Other => "other",
                }),
                ..ActionChange::at(&r.action)
            })
            .collect(),
        status: c
            .status
            .iter()
            .map(|s| ActionChange {
                from: s.from.clone(),
                to: s.to.clone(),
                ..ActionChange::at(&s.action)
            })
            .collect(),
        timescales: c
            .timescales
            .iter()
            .map(|t| ActionChange {
                from: Some(t.from.label()),
                to: Some(t.to.label()),
                later: Some(t.later),
                ..ActionChange::at(&t.action)
            })
            .collect(),
        values_added: c.values_added.iter().map(value).collect(),
        values_revised: c.values_revised.iter().map(value).collect(),
        targets: c.targets.iter().map(target).collect(),
    }
}

/// The dated updates: the current edition's notes and every earlier edition's, newest
/// first, each once.
fn updates(site: &Site<'_>) -> Vec<UpdateView> {
    let edition = &site.c.site.edition;
    let mut all: Vec<(Period, String, Option<String>)> = edition
        .notes
        .iter()
        .map(|n| (n.date.clone(), n.text.clone(), edition.version.clone()))
        .collect();
    for e in &site.history.editions {
        all.extend(
            e.notes
                .iter()
                .map(|n| (n.date.clone(), n.text.clone(), Some(e.version.clone()))),
        );
    }
    all.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
    all.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
    all.into_iter()
        .map(|(date, text, version)| UpdateView {
            date: date.label(),
            text,
            version,
        })
        .collect()
}

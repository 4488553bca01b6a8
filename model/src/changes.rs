//! What changed between two versions of the content (an earlier edition and now): actions
//! added and removed, RAG ratings up and down, status notes rewritten, timescales moved,
//! measure values added or revised, and targets changed. Used by the `/changes/` page and
//! `hearth diff`.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::content::{Action, Amount, Content, Figure, Metric, Rag, Target};
use crate::period::Period;

/// An action as it is named in a change list.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ActionRef {
    pub id: String,
    pub title: String,
}

/// Whether a new rating is better, worse or neither (starting or stopping work, or a rating
/// given to an action that had none or taken from one that had one).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Direction {
    Better,
    Worse,
    Other,
}

/// An action's rating that changed; `None` is no rating (a rating added or removed).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RagChange {
    pub action: ActionRef,
    pub from: Option<Rag>,
    pub to: Option<Rag>,
    pub direction: Direction,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TextChange {
    pub action: ActionRef,
    pub from: Option<String>,
    pub to: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimescaleMove {
    pub action: ActionRef,
    pub from: Period,
    pub to: Period,
    /// The due date moved later (slipped) rather than earlier.
    pub later: bool,
}

/// A measure's value for a period: new, or revised from an earlier figure (a figure that
/// changes its form, from `around 42%` to `42%`, is revised too).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueChange {
    pub metric: String,
    pub title: String,
    pub period: Period,
    pub from: Option<Figure>,
    pub to: Option<Figure>,
}

/// A measure's target that is new, changed or dropped: for a period, or one with no date.
/// `from` and `to` are the targets in words ([`crate::analysis::target_words`]).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TargetChange {
    pub metric: String,
    pub title: String,
    /// The target's period; `None` for a target with no date.
    pub period: Option<Period>,
    pub from: Option<String>,
    pub to: Option<String>,
    /// The note of the target now (or, for a dropped target, of the one dropped).
    pub note: Option<String>,
}

/// Everything that changed, in content order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    pub actions_added: Vec<ActionRef>,
    pub actions_removed: Vec<ActionRef>,
    pub rag: Vec<RagChange>,
    pub status: Vec<TextChange>,
    pub timescales: Vec<TimescaleMove>,
    pub values_added: Vec<ValueChange>,
    pub values_revised: Vec<ValueChange>,
    pub targets: Vec<TargetChange>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self.count() == 0
    }

    /// How many changes there are in all.
    pub fn count(&self) -> usize {
        self.actions_added.len()
            + self.actions_removed.len()
            + self.rag.len()
            + self.status.len()
            + self.timescales.len()
            + self.values_added.len()
            + self.values_revised.len()
            + self.targets.len()
    }

    /// RAG changes for the better.
    pub fn rag_up(&self) -> usize {
        self.rag
            .iter()
            .filter(|r| r.direction == Direction::Better)
            .count()
    }

    /// RAG changes for the worse.
    pub fn rag_down(&self) -> usize {
        self.rag
            .iter()
            .filter(|r| r.direction == Direction::Worse)
            .count()
    }
}

/// How good a rating is, for up/down; `None` for "not started" and for no rating, which
/// are neither.
fn rank(r: Option<Rag>) -> Option<u8> {
    match r? {
        Rag::Red => Some(0),
        Rag::Amber => Some(1),
        Rag::Green => Some(2),
        Rag::Complete => Some(3),
        Rag::NotStarted => None,
    }
}

fn direction(from: Option<Rag>, to: Option<Rag>) -> Direction {
    match (rank(from), rank(to)) {
        (Some(a), Some(b)) if b > a => Direction::Better,
        (Some(a), Some(b)) if b < a => Direction::Worse,
        _ => Direction::Other,
    }
}

fn action_ref(a: &Action) -> ActionRef {
    ActionRef {
        id: a.id.clone(),
        title: a.title.clone(),
    }
}

fn tidy(text: &Option<String>) -> Option<String> {
    text.as_ref()
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
}

/// Values by period (periods compared by the dates they cover).
fn values(m: &Metric) -> BTreeMap<(i64, i64), (&Period, Option<&Figure>)> {
    m.series
        .iter()
        .map(|p| (p.period.sort_key(), (&p.period, p.value.as_ref())))
        .collect()
}

fn same_number(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// Whether two figures say the same (the places and words they are written with aside).
fn same_figure(a: Option<&Figure>, b: Option<&Figure>) -> bool {
    let (Some(a), Some(b)) = (a, b) else {
        return a.is_none() && b.is_none();
    };
    let same_shape = match (a.amount, b.amount) {
        (Amount::Exact(_), Amount::Exact(_))
        | (Amount::About(_), Amount::About(_))
        | (Amount::Range(..), Amount::Range(..)) => true,
        (Amount::Under { inclusive: x, .. }, Amount::Under { inclusive: y, .. })
        | (Amount::Over { inclusive: x, .. }, Amount::Over { inclusive: y, .. }) => x == y,
        _ => false,
    };
    let (na, nb) = (a.nums(), b.nums());
    same_shape
        && a.percent == b.percent
        && na.len() == nb.len()
        && na
            .iter()
            .zip(&nb)
            .all(|(x, y)| same_number(x.value, y.value))
}

/// Whether two targets say the same (their notes aside).
fn same_target(a: &Target, b: &Target) -> bool {
    let key = |p: &Option<Period>| p.as_ref().map(Period::sort_key);
    key(&a.period) == key(&b.period)
        && key(&a.from) == key(&b.from)
        && a.direction == b.direction
        && a.each == b.each
        && tidy(&a.text) == tidy(&b.text)
        && same_figure(a.value.as_ref(), b.value.as_ref())
        && same_figure(a.stretch.as_ref(), b.stretch.as_ref())
        && same_figure(a.by.as_ref(), b.by.as_ref())
}

/// What changed from `old` to `new`.
pub fn changes(old: &Content, new: &Content) -> Changes {
    let mut out = Changes::default();
    action_changes(old, new, &mut out);
    for m in &new.metrics {
        let old_m = old.metric(&m.id);
        value_changes(m, old_m, &mut out);
        target_changes(m, old_m, &mut out);
    }
    out
}

/// Actions added and removed, and the ratings, status notes and timescales of the others.
fn action_changes(old: &Content, new: &Content, out: &mut Changes) {
    let before: BTreeMap<&str, &Action> = old.actions().map(|(_, a)| (a.id.as_str(), a)).collect();
    let after: BTreeMap<&str, &Action> = new.actions().map(|(_, a)| (a.id.as_str(), a)).collect();
    for (_, a) in new.actions() {
        let Some(was) = before.get(a.id.as_str()) else {
            out.actions_added.push(action_ref(a));
            continue;
        };
        if was.rag != a.rag {
            out.rag.push(RagChange {
                action: action_ref(a),
                from: was.rag,
                to: a.rag,
                direction: direction(was.rag, a.rag),
            });
        }
        if tidy(&was.status) != tidy(&a.status) {
            out.status.push(TextChange {
                action: action_ref(a),
                from: was.status.clone(),
                to: a.status.clone(),
            });
        }
        if was.timescale.sort_key() != a.timescale.sort_key() {
            let due = |p: &Period| p.end().map_or(i64::MAX, |d| d.to_days());
            out.timescales.push(TimescaleMove {
                action: action_ref(a),
                from: was.timescale.clone(),
                to: a.timescale.clone(),
                later: due(&a.timescale) > due(&was.timescale),
            });
        }
    }
    for (_, a) in old.actions() {
        if !after.contains_key(a.id.as_str()) {
            out.actions_removed.push(action_ref(a));
        }
    }
}

/// A measure's values that are new (or newly published where there was a flag) or revised.
fn value_changes(m: &Metric, old_m: Option<&Metric>, out: &mut Changes) {
    let was = old_m.map(values).unwrap_or_default();
    for (key, (period, value)) in values(m) {
        let change = |from: Option<&Figure>| ValueChange {
            metric: m.id.clone(),
            title: m.title.clone(),
            period: period.clone(),
            from: from.cloned(),
            to: value.cloned(),
        };
        match was.get(&key) {
            None if value.is_some() => out.values_added.push(change(None)),
            Some((_, old_value)) if !same_figure(*old_value, value) => {
                // A value now published where there was only a flag is new, not revised.
                if old_value.is_none() {
                    out.values_added.push(change(None));
                } else {
                    out.values_revised.push(change(*old_value));
                }
            }
            _ => {}
        }
    }
}

/// Where a target is among a measure's targets: its period's span (none for a target with no
/// date), then its place among those with no date.
type TargetKey = (Option<(i64, i64)>, usize);

/// A measure's targets by when they are for: a dated target by its period, targets with no
/// date in the order written.
fn targets_by_key(m: &Metric) -> BTreeMap<TargetKey, &Target> {
    let mut undated = 0;
    m.targets
        .iter()
        .map(|t| match &t.period {
            Some(p) => ((Some(p.sort_key()), 0), t),
            None => {
                undated += 1;
                ((None, undated - 1), t)
            }
        })
        .collect()
}

/// A measure's targets that are new, changed or dropped. A target for the same period (or
/// the same place among those with no date) that says something else has changed; a target
/// dropped and one added in the same measure are read, in order, as one target that changed
/// (a target given a new date, or a new form).
fn target_changes(m: &Metric, old_m: Option<&Metric>, out: &mut Changes) {
    let words = |metric: &Metric, t: &Target| crate::analysis::target_words(metric, t);
    let old_targets = old_m.map(targets_by_key).unwrap_or_default();
    let new_targets = targets_by_key(m);
    let change = |from: Option<String>, t: &Target, to: Option<String>| TargetChange {
        metric: m.id.clone(),
        title: m.title.clone(),
        period: t.period.clone(),
        from,
        to,
        note: t.note.clone(),
    };
    let mut added = Vec::new();
    for (key, t) in &new_targets {
        match (old_targets.get(key), old_m) {
            (Some(w), _) if same_target(w, t) => {}
            (Some(w), Some(o)) => out
                .targets
                .push(change(Some(words(o, w)), t, Some(words(m, t)))),
            _ => added.push(*t),
        }
    }
    let (Some(o), gone) = (
        old_m,
        old_targets
            .iter()
            .filter(|(key, _)| !new_targets.contains_key(key))
            .map(|(_, t)| *t)
            .collect::<Vec<&Target>>(),
    ) else {
        for t in added {
            out.targets.push(change(None, t, Some(words(m, t))));
        }
        return;
    };
    let mut gone = gone.into_iter();
    for t in added {
        let from = gone.next().map(|w| words(o, w));
        out.targets.push(change(from, t, Some(words(m, t))));
    }
    for w in gone {
        out.targets.push(change(Some(words(o, w)), w, None));
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::{Point, Workstream};

    fn action(id: &str, rag: Rag, status: &str, timescale: &str) -> Action {
        serde_yaml::from_str(&format!(
            "{{ id: {id}, title: Action {id}, rag: {}, status: \"{status}\", timescale: \"{timescale}\" }}",
            rag.key()
        ))
        .unwrap()
    }

    /// An action the plan gives no rating.
    fn unrated(id: &str, timescale: &str) -> Action {
        serde_yaml::from_str(&format!(
            "{{ id: {id}, title: Action {id}, timescale: \"{timescale}\" }}"
        ))
        .unwrap()
    }

    fn content(
        actions: Vec<Action>,
        series: &[(&str, Option<f64>)],
        targets: &[(&str, f64)],
    ) -> Content {
        let mut c = Content::default();
        let mut w: Workstream = serde_yaml::from_str("{ id: w, title: W, actions: [] }").unwrap();
        w.actions = actions;
        c.workstreams.push(w);
        let mut m: Metric = serde_yaml::from_str(
            "{ id: carers, title: Carers, unit: count, polarity: higher-is-better, definition: d, source: { publisher: p }, series: [] }",
        )
        .unwrap();
        m.series = series
            .iter()
            .map(|(p, v)| Point {
                period: Period::parse(p).unwrap(),
                value: v.map(Figure::exact),
                flag: v.is_none().then_some(crate::content::Flag::Suppressed),
                note: None,
                change: None,
            })
            .collect();
        m.targets = targets
            .iter()
            .map(|(p, v)| Target::of(Period::parse(p).unwrap(), *v))
            .collect();
        c.metrics.push(m);
        c
    }

    #[test]
    fn finds_each_kind_of_change() {
        let old = content(
            vec![
                action("a1", Rag::Amber, "Under way.", "2021"),
                action("a2", Rag::Green, "On track.", "2022/23"),
                action("a3", Rag::NotStarted, "", "2023"),
                action("gone", Rag::Red, "Late.", "2021"),
            ],
            &[
                ("2019/20", Some(100.0)),
                ("2020/21", Some(110.0)),
                ("2021/22", None),
            ],
            &[("2023/24", 150.0), ("2024/25", 160.0)],
        );
        let new = content(
            vec![
                action("a1", Rag::Green, "Under   way.", "2021"),
                action("a2", Rag::Red, "Slipped.", "2023/24"),
                action("a3", Rag::Amber, "", "2023"),
                action("new", Rag::NotStarted, "", "2024"),
            ],
            &[
                ("2019/20", Some(100.0)),
                ("2020/21", Some(112.0)),
                ("2021/22", Some(120.0)),
                ("2022/23", Some(125.0)),
            ],
            &[("2023/24", 155.0)],
        );
        let c = changes(&old, &new);
        assert_eq!(
            c.actions_added
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["new"]
        );
        assert_eq!(
            c.actions_removed
                .iter()
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>(),
            ["gone"]
        );
        assert_eq!(c.rag.len(), 3);
        assert_eq!((c.rag_up(), c.rag_down()), (1, 1), "{:?}", c.rag);
        assert_eq!(
            c.rag[2].direction,
            Direction::Other,
            "starting work is neither"
        );
        // Whitespace-only edits are not changes.
        assert_eq!(
            c.status
                .iter()
                .map(|s| s.action.id.as_str())
                .collect::<Vec<_>>(),
            ["a2"]
        );
        assert_eq!(c.timescales.len(), 1);
        assert!(c.timescales[0].later);
        let periods = |v: &[ValueChange]| {
            v.iter()
                .map(|x| x.period.text().to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(periods(&c.values_added), ["2021/22", "2022/23"]);
        assert_eq!(periods(&c.values_revised), ["2020/21"]);
        assert_eq!(c.values_revised[0].from, Some(Figure::exact(110.0)));
        let target_periods: Vec<String> = c
            .targets
            .iter()
            .map(|t| t.period.as_ref().map_or("", Period::text).to_string())
            .collect();
        assert_eq!(target_periods, ["2023/24", "2024/25"]);
        assert_eq!(c.targets[0].from.as_deref(), Some("150 by 2023/24"));
        assert_eq!(c.targets[0].to.as_deref(), Some("155 by 2023/24"));
        assert_eq!(c.targets[1].to, None, "a dropped target");
        assert_eq!(c.count(), 1 + 1 + 3 + 1 + 1 + 2 + 1 + 2);
    }

    #[test]
    fn a_rating_added_or_removed_is_a_change_neither_better_nor_worse() {
        let old = content(
            vec![
                unrated("given", "2021"),
                action("taken", Rag::Amber, "", "2021"),
                unrated("still", "2021"),
                action("worse", Rag::Green, "", "2021"),
            ],
            &[],
            &[],
        );
        let new = content(
            vec![
                action("given", Rag::Red, "", "2021"),
                unrated("taken", "2021"),
                unrated("still", "2021"),
                action("worse", Rag::Amber, "", "2021"),
            ],
            &[],
            &[],
        );
        let c = changes(&old, &new);
        let seen: Vec<(&str, Option<Rag>, Option<Rag>, Direction)> = c
            .rag
            .iter()
            .map(|r| (r.action.id.as_str(), r.from, r.to, r.direction))
            .collect();
        assert_eq!(
            seen,
            [
                ("given", None, Some(Rag::Red), Direction::Other),
                ("taken", Some(Rag::Amber), None, Direction::Other),
                (
                    "worse",
                    Some(Rag::Green),
                    Some(Rag::Amber),
                    Direction::Worse
                ),
            ]
        );
        assert_eq!((c.rag_up(), c.rag_down()), (0, 1));
        assert_eq!(c.count(), 3);
    }

    #[test]
    fn figures_and_targets_in_every_form_are_compared_by_what_they_say() {
        let with = |series: &str, targets: &str| {
            let mut c = Content::default();
            c.metrics.push(
                serde_yaml::from_str(&format!(
                    "{{ id: share, title: Share, unit: percent, polarity: higher-is-better, definition: d, source: {{ publisher: p }}, series: {series}, targets: {targets} }}"
                ))
                .unwrap(),
            );
            c
        };
        let old = with(
            "[{ period: 2020/21, value: around 42% }, { period: 2021/22, value: 85 }]",
            "[{ period: 2023, value: 60-80 }, { value: 60 }, { text: Do well }]",
        );
        let new = with(
            "[{ period: 2020/21, value: 42 }, { period: 2021/22, value: 85.0 }]",
            "[{ period: 2023, value: 60-80, note: Range }, { value: 65 }, { direction: increase }]",
        );
        let c = changes(&old, &new);
        // `around 42%` to `42` is a revision; `85` to `85.0` says the same.
        assert_eq!(c.values_revised.len(), 1, "{:?}", c.values_revised);
        assert_eq!(
            c.values_revised[0].from.as_ref().map(Figure::written),
            Some("around 42%".to_string())
        );
        // The range is the same (its note aside); the undated targets changed, in order.
        let targets: Vec<(Option<&str>, Option<&str>)> = c
            .targets
            .iter()
            .map(|t| (t.from.as_deref(), t.to.as_deref()))
            .collect();
        assert_eq!(
            targets,
            [
                (Some("60%"), Some("65%")),
                (Some("Do well"), Some("to increase it"))
            ]
        );
        assert!(c.targets.iter().all(|t| t.period.is_none()));
    }

    #[test]
    fn a_target_given_a_new_date_is_one_change() {
        let with = |targets: &[(&str, f64)]| content(vec![], &[("2020/21", Some(1.0))], targets);
        let c = changes(
            &with(&[("2022/23", 70.0), ("2024/25", 80.0)]),
            &with(&[("2023", 75.0)]),
        );
        let seen: Vec<(Option<String>, Option<&str>, Option<&str>)> = c
            .targets
            .iter()
            .map(|t| {
                (
                    t.period.as_ref().map(Period::label),
                    t.from.as_deref(),
                    t.to.as_deref(),
                )
            })
            .collect();
        assert_eq!(
            seen,
            [
                (
                    Some("2023".into()),
                    Some("70 by 2022/23"),
                    Some("75 by 2023")
                ),
                (Some("2024/25".into()), Some("80 by 2024/25"), None),
            ]
        );
    }

    #[test]
    fn identical_content_has_no_changes() {
        let a = content(
            vec![action("a1", Rag::Amber, "x", "2021")],
            &[("2020", Some(1.0))],
            &[],
        );
        assert!(changes(&a, &a.clone()).is_empty());
    }
}

//! Reading a metric: its latest value, the change since the previous value, whether that
//! change is good news, the target that applies, and a one-sentence summary for readers.

use crate::content::{
    Amount, Figure, Interval, Metric, Point, Polarity, Rag, Target, TargetDirection, Unit,
};
use crate::format;
use crate::period::{Period, Preposition};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Direction {
    Up,
    Down,
    Same,
}

/// Whether a change is an improvement, given the metric's polarity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Judgement {
    Better,
    Worse,
    NoChange,
    /// Neither direction is better.
    Neutral,
}

impl Judgement {
    pub fn label(self) -> &'static str {
        match self {
            Judgement::Better => "improving",
            Judgement::Worse => "getting worse",
            Judgement::NoChange => "no change",
            Judgement::Neutral => "changed",
        }
    }
}

#[derive(Clone, Debug)]
pub struct Trend {
    pub direction: Direction,
    pub judgement: Judgement,
    pub previous: Point,
}

/// The latest point with a figure (of any form) and the one before it.
pub fn latest_two(m: &Metric) -> (Option<&Point>, Option<&Point>) {
    let mut valued: Vec<&Point> = m.series.iter().filter(|p| p.value.is_some()).collect();
    valued.sort_by(|a, b| a.period.cmp(&b.period));
    let latest = valued.pop();
    (latest, valued.pop())
}

/// The change between the latest two figures, when both are exact numbers (an approximate
/// figure, a limit or a range gives no trend). A change smaller than the places both
/// figures are shown with is no change.
pub fn trend(m: &Metric) -> Option<Trend> {
    let (Some(latest), Some(prev)) = latest_two(m) else {
        return None;
    };
    let a = prev.value.as_ref()?.exact_num()?;
    let b = latest.value.as_ref()?.exact_num()?;
    let places = m.places(a.decimals).min(m.places(b.decimals));
    let step = 10f64.powi(-i32::from(places));
    let (a, b) = (a.value, b.value);
    let direction = if (b - a).abs() < step / 2.0 {
        Direction::Same
    } else if b > a {
        Direction::Up
    } else {
        Direction::Down
    };
    let judgement = match (direction, m.polarity) {
        (Direction::Same, _) => Judgement::NoChange,
        (_, Polarity::Neutral) => Judgement::Neutral,
        (Direction::Up, Polarity::HigherIsBetter) | (Direction::Down, Polarity::LowerIsBetter) => {
            Judgement::Better
        }
        _ => Judgement::Worse,
    };
    Some(Trend {
        direction,
        judgement,
        previous: prev.clone(),
    })
}

/// Whether a target's date is before `period`'s end (a recurring target never is).
fn is_past(t: &Target, period: &Period) -> bool {
    t.each.is_none()
        && t.period
            .as_ref()
            .is_some_and(|p| p.sort_key().1 < period.sort_key().1)
}

/// The target that applies now: the first dated target at or after the latest figure's
/// period; else the first target with no date (a current target); else the last dated one.
pub fn current_target(m: &Metric) -> Option<&Target> {
    let mut dated: Vec<&Target> = m.targets.iter().filter(|t| t.period.is_some()).collect();
    dated.sort_by(|a, b| a.period.cmp(&b.period));
    let undated = m.targets.iter().find(|t| t.period.is_none());
    let upcoming = latest_two(m)
        .0
        .and_then(|l| dated.iter().find(|t| !is_past(t, &l.period)).copied());
    upcoming.or(undated).or(dated.last().copied())
}

/// Whether the latest figure meets the current target; `None` when the target or the figure
/// cannot say (an approximate one, a direction alone, words, a neutral measure).
pub fn meets_target(m: &Metric) -> Option<bool> {
    judge(m, current_target(m)?, latest_two(m).0?)
}

/// The figures a target's figure accepts, given which way is better: `None` when it does not
/// say (an approximate target, or a number on a measure where neither way is better).
fn accepted(f: &Figure, better: Option<bool>) -> Option<Interval> {
    let upwards = |lo: f64| Interval {
        lo,
        lo_open: false,
        ..Interval::ALL
    };
    let downwards = |hi: f64| Interval {
        hi,
        hi_open: false,
        ..Interval::ALL
    };
    match f.amount {
        Amount::About(_) => None,
        Amount::Under { .. } | Amount::Over { .. } => f.interval(),
        Amount::Exact(n) => match better? {
            true => Some(upwards(n.value)),
            false => Some(downwards(n.value)),
        },
        Amount::Range(a, b) => Some(match better {
            Some(true) => upwards(a.value),
            Some(false) => downwards(b.value),
            None => Interval::closed(a.value, b.value),
        }),
    }
}

/// Whether higher is better for this target: its direction, else the measure's polarity.
fn higher_is_better(m: &Metric, t: &Target) -> Option<bool> {
    match (t.direction, m.polarity) {
        (Some(TargetDirection::Increase), _) => Some(true),
        (Some(TargetDirection::Reduce), _) => Some(false),
        (_, Polarity::HigherIsBetter) => Some(true),
        (_, Polarity::LowerIsBetter) => Some(false),
        (_, Polarity::Neutral) => None,
    }
}

/// The point with a figure for `period`, or else one taken on the day it ends (a count at 31
/// March 2021, for March 2021).
fn point_at<'m>(m: &'m Metric, period: &Period) -> Option<&'m Point> {
    let valued = || m.series.iter().filter(|p| p.value.is_some());
    valued()
        .find(|p| p.period.sort_key() == period.sort_key())
        .or_else(|| valued().find(|p| p.period.end().is_some() && p.period.end() == period.end()))
}

/// Whether the figure at `at` meets target `t`: a figure within what the target accepts
/// meets it, one wholly outside does not, and anything else (an approximate figure or
/// target, a direction alone, a recurring change) says nothing.
pub fn judge(m: &Metric, t: &Target, at: &Point) -> Option<bool> {
    let figure = at.value.as_ref()?;
    if let Some(v) = &t.value {
        let wanted = accepted(v, higher_is_better(m, t))?;
        let have = figure.interval()?;
        return if have.within(&wanted) {
            Some(true)
        } else if have.apart(&wanted) {
            Some(false)
        } else {
            None
        };
    }
    // A change counted from a period: the figures then and now must both be exact.
    let (by, from) = (t.by.as_ref()?, t.from.as_ref()?);
    // Nothing to judge before the period the change is counted from has passed.
    if t.each.is_some() || at.period.sort_key().1 <= from.sort_key().1 {
        return None;
    }
    // The figure for the `from` period, or else one taken on the day it ends (a count at
    // 31 March 2021 for `from: March 2021`).
    let base = point_at(m, from)?.number()?;
    let now = figure.number()?;
    let needed = |n: f64| {
        if by.percent {
            base.abs() * n / 100.0
        } else {
            n
        }
    };
    let (least, strict) = match by.amount {
        Amount::Exact(n) => (needed(n.value), false),
        Amount::Range(a, _) => (needed(a.value), false),
        Amount::Over { num, inclusive } => (needed(num.value), !inclusive),
        _ => return None,
    };
    let moved = match t.direction? {
        TargetDirection::Increase => now - base,
        TargetDirection::Reduce => base - now,
        TargetDirection::Maintain => return None,
    };
    Some(if strict {
        moved > least
    } else {
        moved >= least - 1e-9
    })
}

/// A figure of measure `m`, as readers see it.
pub fn figure(m: &Metric, f: &Figure) -> String {
    format::figure(f, m.unit, m.decimals)
}

/// How much a change target changes by: `10`, `15–20`, `10%` (of the figure), or on a
/// percent measure `5 percentage points`.
pub fn change_amount(m: &Metric, by: &Figure) -> String {
    if by.percent {
        format::figure(by, Unit::Percent, m.decimals)
    } else if m.unit == Unit::Percent {
        let n = format::figure(by, Unit::Count, m.decimals);
        let one = by.number().is_some_and(|v| (v - 1.0).abs() < f64::EPSILON);
        format!("{n} percentage point{}", if one { "" } else { "s" })
    } else {
        figure(m, by)
    }
}

/// A target in words, for lists, tables and sentences: `60–80% by 2023`, `more than 50 by
/// March 2022`, `to increase it`, `a fall of 15–20 each year`, `a rise of 10 from March 2021
/// to March 2022`, `20 by 2023 (stretch target 30)`, or the plan's words. Never says "by"
/// without a date.
pub fn target_words(m: &Metric, t: &Target) -> String {
    target_phrase(m, t, true)
}

/// [`target_words`] without the target's date, for a table whose row gives the period:
/// `60–80%`, `a rise of 10 from March 2021`.
pub fn target_words_without_date(m: &Metric, t: &Target) -> String {
    target_phrase(m, t, false)
}

/// [`target_words`], with or without the target's date.
fn target_phrase(m: &Metric, t: &Target, dated: bool) -> String {
    let mut out = match (&t.value, &t.by, t.direction) {
        (Some(v), _, None) => figure(m, v),
        (Some(v), _, Some(TargetDirection::Increase)) => format!("to increase to {}", figure(m, v)),
        (Some(v), _, Some(TargetDirection::Reduce)) => format!("to reduce to {}", figure(m, v)),
        (Some(v), _, Some(TargetDirection::Maintain)) => format!("to maintain {}", figure(m, v)),
        (None, Some(by), Some(TargetDirection::Reduce)) => {
            format!("a fall of {}", change_amount(m, by))
        }
        (None, Some(by), _) => format!("a rise of {}", change_amount(m, by)),
        (None, None, Some(d)) => format!("to {} it", d.key()),
        (None, None, None) => match &t.stretch {
            Some(s) => format!("a stretch target of {}", figure(m, s)),
            None => t.text.clone().unwrap_or_default(),
        },
    };
    let words_only =
        t.value.is_none() && t.by.is_none() && t.direction.is_none() && t.stretch.is_none();
    if words_only {
        return out;
    }
    if let Some(e) = t.each {
        out.push_str(&format!(" each {}", e.key()));
    }
    match (&t.from, &t.period) {
        (Some(f), Some(p)) if dated => match f.from_to(p) {
            Some(span) => out.push_str(&format!(" {span}")),
            None => out.push_str(&p.spaced_phrase(Preposition::By)),
        },
        (Some(f), _) => out.push_str(&format!(" from {}", f.label())),
        (None, Some(p)) if dated && t.each.is_some() => {
            out.push_str(&format!(" until {}", p.label()))
        }
        (None, Some(p)) if dated => out.push_str(&p.spaced_phrase(Preposition::By)),
        _ => {}
    }
    if let (Some(s), true) = (
        &t.stretch,
        t.value.is_some() || t.by.is_some() || t.direction.is_some(),
    ) {
        out.push_str(&format!(", with a stretch target of {}", figure(m, s)));
    }
    if let Some(words) = &t.text {
        out.push_str(&format!(": {words}"));
    }
    out
}

/// `text` with a full stop at its end, unless it has one.
fn full_stop(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

/// One plain-English sentence (or a few) describing the metric's latest position.
pub fn summary(m: &Metric) -> String {
    let name = m.short_title.as_deref().unwrap_or(&m.title);
    let show = |p: &Point| p.value.as_ref().map(|f| figure(m, f)).unwrap_or_default();
    let mut out = String::new();
    let (latest, _) = latest_two(m);
    match latest {
        Some(l) => {
            out.push_str(&format!(
                "{name}: {}{}",
                show(l),
                l.period.spaced_phrase(Preposition::At)
            ));
            if let Some(c) = &l.change {
                out.push_str(&format!(" ({c})"));
            }
            if let Some(t) = trend(m) {
                let verb = match t.direction {
                    Direction::Up => "up from",
                    Direction::Down => "down from",
                    Direction::Same => "the same as",
                };
                out.push_str(&format!(
                    ", {verb} {}{}",
                    show(&t.previous),
                    t.previous.period.spaced_phrase(Preposition::At)
                ));
                match t.judgement {
                    Judgement::Better => out.push_str(" (an improvement)"),
                    Judgement::Worse => out.push_str(" (a worsening)"),
                    _ => {}
                }
            }
            out.push('.');
        }
        None => out.push_str(&format!("{name}: no published value yet.")),
    }
    if let Some(t) = current_target(m) {
        out.push_str(&target_sentence(m, t, latest));
    }
    with_comparators(m, out)
}

/// The summary's sentence about the target that applies.
fn target_sentence(m: &Metric, t: &Target, latest: Option<&Point>) -> String {
    let words_only =
        t.value.is_none() && t.by.is_none() && t.direction.is_none() && t.stretch.is_none();
    if words_only {
        return format!(
            " Target: {}",
            full_stop(t.text.as_deref().unwrap_or_default())
        );
    }
    let past = latest.is_some_and(|l| is_past(t, &l.period));
    if let (true, Some(period)) = (past, &t.period) {
        let mut out = format!(
            " The target{} was {}",
            period.spaced_phrase(Preposition::For),
            target_phrase(m, t, false)
        );
        match point_at(m, period) {
            Some(p) => {
                let v = p.value.as_ref().map(|f| figure(m, f)).unwrap_or_default();
                match judge(m, t, p) {
                    Some(true) => {
                        out.push_str(&format!("; the figure then was {v}, which met it."))
                    }
                    Some(false) => out.push_str(&format!(
                        "; the figure then was {v}, which did not meet it."
                    )),
                    None => out.push_str(&format!("; the figure then was {v}.")),
                }
            }
            None => out.push('.'),
        }
        return out;
    }
    let mut out = format!(" The target is {}", target_phrase(m, t, true));
    match latest.and_then(|l| judge(m, t, l)) {
        Some(true) => out.push_str(", which the latest figure already meets."),
        Some(false) => out.push_str(", which the latest figure does not yet meet."),
        None => out.push('.'),
    }
    out
}

fn with_comparators(m: &Metric, mut out: String) -> String {
    for c in &m.comparators {
        let latest = c
            .series
            .iter()
            .filter(|p| p.value.is_some())
            .max_by(|a, b| a.period.cmp(&b.period));
        match (latest, &c.value) {
            (Some(p), _) => out.push_str(&format!(
                " {}: {}{}.",
                c.label,
                p.value.as_ref().map(|f| figure(m, f)).unwrap_or_default(),
                p.period.spaced_phrase(Preposition::At)
            )),
            (None, Some(v)) => {
                out.push_str(&format!(" {}: {} (no date given).", c.label, figure(m, v)))
            }
            (None, None) => {}
        }
    }
    out
}

/// How many actions have each rating, and how many have none.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RagTally {
    /// Each rating's count, in the order of [`Rag::ALL`].
    pub rated: [(Rag, usize); 5],
    /// Actions the plan gives no rating: counted on their own, never as not started.
    pub not_rated: usize,
}

impl RagTally {
    /// Every action counted.
    pub fn total(&self) -> usize {
        self.rated.iter().map(|(_, n)| n).sum::<usize>() + self.not_rated
    }
}

/// Counts of actions by RAG rating (`None`: not rated).
pub fn rag_counts<'a>(rags: impl IntoIterator<Item = &'a Option<Rag>>) -> RagTally {
    let mut tally = RagTally {
        rated: Rag::ALL.map(|r| (r, 0)),
        not_rated: 0,
    };
    for r in rags {
        match r {
            Some(r) => {
                if let Some(slot) = tally.rated.iter_mut().find(|(k, _)| k == r) {
                    slot.1 += 1;
                }
            }
            None => tally.not_rated += 1,
        }
    }
    tally
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unrated_actions_are_counted_on_their_own() {
        let rags = [
            Some(Rag::Green),
            None,
            Some(Rag::NotStarted),
            None,
            Some(Rag::Green),
        ];
        let t = rag_counts(&rags);
        assert_eq!(t.not_rated, 2);
        assert_eq!(
            t.rated,
            [
                (Rag::Red, 0),
                (Rag::Amber, 0),
                (Rag::Green, 2),
                (Rag::Complete, 0),
                (Rag::NotStarted, 1),
            ],
            "an action with no rating is never counted as not started"
        );
        assert_eq!(t.total(), 5);
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod target_tests {
    use super::*;

    /// A measure from YAML fields (its series and targets in flow style).
    fn metric(unit: &str, polarity: &str, extra: &str) -> Metric {
        serde_yaml::from_str(&format!(
            "{{ id: m, title: Measure, unit: {unit}, polarity: {polarity}, definition: d, source: {{ publisher: p }}, {extra} }}"
        ))
        .unwrap_or_else(|e| panic!("{extra}: {e}"))
    }

    #[test]
    fn every_target_form_in_words_never_by_without_a_date() {
        let m = metric(
            "count",
            "higher-is-better",
            "series: [{ period: 2020/21, value: 32 }], targets: [
                { period: 2024/25, value: 60 },
                { value: 60 },
                { period: 2023, value: 60-80 },
                { period: March 2022, value: more than 50 },
                { period: 2023, value: 20, stretch: 30 },
                { stretch: 30 },
                { direction: increase },
                { direction: reduce, by: 15-20, each: year },
                { direction: increase, by: 10, from: March 2021, period: March 2022 },
                { direction: increase, by: 10% },
                { value: 20, each: year },
                { value: 20, each: year, period: 2025/26 },
                { text: Stay above the England average },
                { direction: maintain, value: at least 78 },
            ]",
        );
        let words: Vec<String> = m.targets.iter().map(|t| target_words(&m, t)).collect();
        assert_eq!(
            words,
            [
                "60 by 2024/25",
                "60",
                "60–80 by 2023",
                "more than 50 by March 2022",
                "20 by 2023, with a stretch target of 30",
                "a stretch target of 30",
                "to increase it",
                "a fall of 15–20 each year",
                "a rise of 10 from March 2021 to March 2022",
                "a rise of 10%",
                "20 each year",
                "20 each year until 2025/26",
                "Stay above the England average",
                "to maintain at least 78",
            ]
        );
        for (t, w) in m.targets.iter().zip(&words) {
            assert_eq!(
                w.contains(" by "),
                t.period.is_some() && t.each.is_none() && t.from.is_none(),
                "{w}"
            );
        }
        let pc = metric(
            "percent",
            "lower-is-better",
            "series: [], targets: [{ direction: reduce, by: 5 }, { direction: reduce, by: 1 }]",
        );
        assert_eq!(
            target_words(&pc, &pc.targets[0]),
            "a fall of 5 percentage points"
        );
        assert_eq!(
            target_words(&pc, &pc.targets[1]),
            "a fall of 1 percentage point"
        );
    }

    #[test]
    fn met_only_when_the_target_and_the_figure_can_say() {
        let m = metric(
            "percent",
            "higher-is-better",
            "series: [{ period: 2020/21, value: 42 }, { period: 2021/22, value: around 70% }, { period: 2022/23, value: 9-10% }]",
        );
        let target = |yaml: &str| -> Target { serde_yaml::from_str(yaml).unwrap() };
        let at = |i: usize| &m.series[i];
        let judged = |t: &str, i: usize| judge(&m, &target(t), at(i));
        assert_eq!(judged("{ value: 60-80 }", 0), Some(false));
        assert_eq!(judged("{ value: 40 }", 0), Some(true));
        assert_eq!(judged("{ value: more than 42 }", 0), Some(false));
        assert_eq!(judged("{ value: at least 42 }", 0), Some(true));
        assert_eq!(
            judged("{ value: around 40 }", 0),
            None,
            "an approximate target"
        );
        assert_eq!(judged("{ value: 60 }", 1), None, "an approximate figure");
        assert_eq!(
            judged("{ value: less than 10 }", 2),
            None,
            "a range across the limit"
        );
        assert_eq!(judged("{ value: at most 10 }", 2), Some(true));
        assert_eq!(judged("{ value: 60 }", 2), Some(false));
        assert_eq!(judged("{ direction: increase }", 0), None);
        assert_eq!(judged("{ text: Do well }", 0), None);
        assert_eq!(
            judged("{ direction: increase, by: 10, each: year }", 0),
            None
        );
        let neutral = metric(
            "count",
            "neutral",
            "series: [{ period: 2020/21, value: 42 }]",
        );
        assert_eq!(
            judge(&neutral, &target("{ value: 40 }"), &neutral.series[0]),
            None
        );
        assert_eq!(
            judge(&neutral, &target("{ value: 40-45 }"), &neutral.series[0]),
            Some(true)
        );
    }

    #[test]
    fn a_change_from_a_period_is_judged_from_the_figures_then_and_now() {
        let m = metric(
            "count",
            "higher-is-better",
            "series: [{ period: 2020/21, value: 32 }, { period: 2021/22, value: 40 }, { period: 2022/23, value: 45 }],
             targets: [{ direction: increase, by: 10, from: March 2021, period: March 2022 }]",
        );
        let t = &m.targets[0];
        assert_eq!(judge(&m, t, &m.series[1]), Some(false), "32 to 40 is 8");
        assert_eq!(judge(&m, t, &m.series[2]), Some(true), "32 to 45 is 13");
        let s = summary(&m);
        assert!(
            s.contains("The target for March 2022 was a rise of 10 from March 2021; the figure then was 40, which did not meet it."),
            "{s}"
        );
    }

    #[test]
    fn summaries_say_what_the_content_says() {
        let m = metric(
            "percent",
            "higher-is-better",
            "decimals: 1, series: [{ period: 2019/20, value: 77.3 }, { period: 2020/21, value: 85 }], targets: [{ value: 90, note: n }]",
        );
        let s = summary(&m);
        assert_eq!(
            s,
            "Measure: 85% in 2020/21, up from 77.3% in 2019/20 (an improvement). The target is 90%, which the latest figure does not yet meet."
        );
        assert!(!s.contains("85.0"));
        let m = metric(
            "percent",
            "higher-is-better",
            "series: [{ period: 2019/20, value: 30 }, { period: 2020/21, value: around 36%, change: a rise of 6 points }], targets: [{ period: 2023, value: 60-80 }, { text: Stay above the England average }]",
        );
        let s = summary(&m);
        assert_eq!(
            s,
            "Measure: around 36% in 2020/21 (a rise of 6 points). The target is 60–80% by 2023."
        );
        assert!(trend(&m).is_none(), "no trend from an approximate figure");
        let words = metric(
            "count",
            "neutral",
            "series: [], targets: [{ text: Stay above the England average }]",
        );
        assert_eq!(
            summary(&words),
            "Measure: no published value yet. Target: Stay above the England average."
        );
    }

    #[test]
    fn the_target_that_applies() {
        let m = metric(
            "count",
            "higher-is-better",
            "series: [{ period: 2022/23, value: 10 }], targets: [{ period: 2021/22, value: 5 }, { value: 12 }, { period: 2024/25, value: 20 }]",
        );
        assert_eq!(
            current_target(&m)
                .and_then(|t| t.period.clone())
                .map(|p| p.label()),
            Some("2024/25".into())
        );
        let m = metric(
            "count",
            "higher-is-better",
            "series: [{ period: 2022/23, value: 10 }], targets: [{ period: 2021/22, value: 5 }, { value: 12 }]",
        );
        assert_eq!(
            current_target(&m).map(|t| t.period.is_none()),
            Some(true),
            "an undated target applies now"
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod wording_tests {
    use super::*;

    fn metric(series: &str, targets: &str, comparators: &str) -> Metric {
        serde_yaml::from_str(&format!(
            "id: care\ntitle: Children in care\nunit: count\npolarity: lower-is-better\n\
             definition: d\nsource: {{ publisher: p }}\nseries: [{series}]\n\
             targets: [{targets}]\ncomparators: [{comparators}]\n"
        ))
        .unwrap()
    }

    /// A figure at a day reads "at 31 March 2021", never "in 31 March 2021"; the target's
    /// deadline "by"; a comparator's figure like the measure's.
    #[test]
    fn summary_puts_each_kind_of_period_after_the_right_word() {
        let m = metric(
            "{ period: 2020-03-31, value: 683 }, { period: 2021-03-31, value: 690 }",
            "{ period: 2023-03-31, value: 600 }",
            "{ id: england, label: England, kind: england, series: [{ period: 2021-03-31, value: 70 }] }",
        );
        assert_eq!(
            summary(&m),
            "Children in care: 690 at 31 March 2021, up from 683 at 31 March 2020 (a \
             worsening). The target is 600 by 31 March 2023, which the latest figure does not \
             yet meet. England: 70 at 31 March 2021."
        );
        let m = metric(
            "{ period: 2019/20, value: 50 }, { period: 2020 to 2022, value: 48 }",
            "{ period: 2019/20, value: 45 }",
            "",
        );
        assert_eq!(
            summary(&m),
            "Children in care: 48 for 2020 to 2022, down from 50 in 2019/20 (an improvement). \
             The target for 2019/20 was 45; the figure then was 50, which did not meet it."
        );
        let m = metric(
            "{ period: Aug-12, value: 50 }",
            "{ period: By end of March 2025, value: 45 }",
            "",
        );
        assert_eq!(
            summary(&m),
            "Children in care: 50 in August 2012. The target is 45 by the end of March 2025, \
             which the latest figure does not yet meet."
        );
        // Ongoing has no phrase: the sentence leaves the time out.
        let m = metric(
            "{ period: 2024, value: 50 }",
            "{ period: Ongoing, value: 45 }",
            "",
        );
        assert_eq!(
            summary(&m),
            "Children in care: 50 in 2024. The target is 45, which the latest figure does not \
             yet meet."
        );
    }
}

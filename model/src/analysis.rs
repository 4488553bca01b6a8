//! Reading a metric: its latest value, the change since the previous value, whether that
//! change is good news, the target that applies, and a one-sentence summary for readers.

use crate::content::{Metric, Point, Polarity, Rag, Target};
use crate::format;
use crate::period::Preposition;

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

/// The latest valued point and the one before it.
pub fn latest_two(m: &Metric) -> (Option<&Point>, Option<&Point>) {
    let mut valued: Vec<&Point> = m.series.iter().filter(|p| p.value.is_some()).collect();
    valued.sort_by(|a, b| a.period.cmp(&b.period));
    let latest = valued.pop();
    (latest, valued.pop())
}

pub fn trend(m: &Metric) -> Option<Trend> {
    let (Some(latest), Some(prev)) = latest_two(m) else {
        return None;
    };
    let (a, b) = (prev.value?, latest.value?);
    let step = 10f64.powi(-i32::from(m.decimals()));
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

/// The target that applies now: the first target at or after the latest value's period,
/// otherwise the last target.
pub fn current_target(m: &Metric) -> Option<&Target> {
    let mut targets: Vec<&Target> = m.targets.iter().collect();
    targets.sort_by(|a, b| a.period.cmp(&b.period));
    let latest = latest_two(m).0;
    match latest {
        Some(l) => targets
            .iter()
            .find(|t| t.period.sort_key().1 >= l.period.sort_key().1)
            .or(targets.last())
            .copied(),
        None => targets.last().copied(),
    }
}

/// Whether the latest value meets the current target (given polarity).
pub fn meets_target(m: &Metric) -> Option<bool> {
    let value = latest_two(m).0?.value;
    meets(m.polarity, value, current_target(m)?.value)
}

fn meets(polarity: Polarity, value: Option<f64>, target: f64) -> Option<bool> {
    let value = value?;
    match polarity {
        Polarity::HigherIsBetter => Some(value >= target),
        Polarity::LowerIsBetter => Some(value <= target),
        Polarity::Neutral => None,
    }
}

/// One plain-English sentence (or a few) describing the metric's latest position.
pub fn summary(m: &Metric) -> String {
    let d = m.decimals();
    let fmt = |v: f64| format::value(v, m.unit, d);
    let name = m.short_title.as_deref().unwrap_or(&m.title);
    let mut out = String::new();
    let (latest, _) = latest_two(m);
    match latest {
        Some(l) => {
            let v = l.value.unwrap_or_default();
            out.push_str(&format!(
                "{name}: {}{}",
                fmt(v),
                l.period.spaced_phrase(Preposition::At)
            ));
            if let Some(t) = trend(m) {
                let pv = t.previous.value.unwrap_or_default();
                let verb = match t.direction {
                    Direction::Up => "up from",
                    Direction::Down => "down from",
                    Direction::Same => "the same as",
                };
                out.push_str(&format!(
                    ", {verb} {}{}",
                    fmt(pv),
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
        let past = latest.is_some_and(|l| t.period.sort_key().1 < l.period.sort_key().1);
        if past {
            out.push_str(&format!(
                " The target{} was {}",
                t.period.spaced_phrase(Preposition::For),
                fmt(t.value)
            ));
            let then = m
                .series
                .iter()
                .find(|p| p.period.sort_key() == t.period.sort_key())
                .and_then(|p| p.value);
            match (then, meets(m.polarity, then, t.value)) {
                (Some(v), Some(true)) => {
                    out.push_str(&format!("; the figure then was {}, which met it.", fmt(v)))
                }
                (Some(v), Some(false)) => out.push_str(&format!(
                    "; the figure then was {}, which did not meet it.",
                    fmt(v)
                )),
                (Some(v), None) => out.push_str(&format!("; the figure then was {}.", fmt(v))),
                (None, _) => out.push('.'),
            }
        } else {
            out.push_str(&format!(
                " The target is {}{}",
                fmt(t.value),
                t.period.spaced_phrase(Preposition::By)
            ));
            match meets_target(m) {
                Some(true) => out.push_str(", which the latest figure already meets."),
                Some(false) => out.push_str(", which the latest figure does not yet meet."),
                None => out.push('.'),
            }
        }
    }
    with_comparators(m, out)
}

fn with_comparators(m: &Metric, mut out: String) -> String {
    let fmt = |v: f64| format::value(v, m.unit, m.decimals());
    for c in &m.comparators {
        let latest = c
            .series
            .iter()
            .filter(|p| p.value.is_some())
            .max_by(|a, b| a.period.cmp(&b.period));
        if let Some(p) = latest {
            out.push_str(&format!(
                " {}: {}{}.",
                c.label,
                fmt(p.value.unwrap_or_default()),
                p.period.spaced_phrase(Preposition::At)
            ));
        }
    }
    out
}

/// Counts of actions by RAG rating, in the order of [`Rag::ALL`].
pub fn rag_counts<'a>(rags: impl IntoIterator<Item = &'a Rag>) -> [(Rag, usize); 5] {
    let mut counts = Rag::ALL.map(|r| (r, 0));
    for r in rags {
        if let Some(slot) = counts.iter_mut().find(|(k, _)| k == r) {
            slot.1 += 1;
        }
    }
    counts
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
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

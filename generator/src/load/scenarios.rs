//! What-if scenarios at build time: resolve `metric(...)` references against the content's
//! measures, compile each scenario with the model's engine, evaluate it at its published
//! assumptions, and report every problem at the exact place in the formula.
//!
//! The same compiled model runs in the browser (the page carries it, see
//! `crate::render::scenarios`) and on the command line (`hearth scenario`), so all three give
//! the same numbers.

use std::collections::BTreeMap;

use hearth_model::analysis::latest_two;
use hearth_model::scenario::{Compiled, MetricRef, Results, Scenario, ScenarioError};
use hearth_model::validate::closest;
use hearth_model::{Content, Issue, Period, Place, Severity};

use super::Folder;
use crate::diag::Diagnostic;

/// A scenario ready to publish.
#[derive(Debug, Clone)]
pub struct Built {
    /// Position in `content.scenarios`.
    pub index: usize,
    pub compiled: Compiled,
    /// The values of its `metric(...)` references, by [`MetricRef::key`].
    pub metrics: BTreeMap<String, f64>,
    /// Results at the published assumptions (the inputs' defaults).
    pub defaults: Results,
}

/// Compile every scenario; scenarios with errors are left out and reported.
pub fn compile_all(loaded: &Folder) -> (Vec<Built>, Vec<Diagnostic>) {
    let mut built = Vec::new();
    let mut diags = Vec::new();
    for (index, sc) in loaded.content.scenarios.iter().enumerate() {
        let mut metrics = BTreeMap::new();
        let mut reported = Vec::new();
        for r in sc.metric_refs() {
            match resolve(&loaded.content, &r) {
                Ok(v) => {
                    metrics.insert(r.key(), v);
                }
                Err((message, hint)) => {
                    reported.push((r.path.clone(), r.offset));
                    let e = ScenarioError {
                        path: r.path.clone(),
                        offset: Some(r.offset),
                        len: r.len,
                        message,
                        expected: Some(
                            "a metric id from content/metrics/, with a period it has a value for"
                                .into(),
                        ),
                        hint: Some(hint),
                    };
                    diags.push(diagnose(loaded, sc, &e));
                }
            }
        }
        match sc.compile(&metrics) {
            Ok(compiled) => {
                let defaults = compiled.evaluate(&compiled.defaults());
                if let Some((path, year)) = defaults.first_non_finite() {
                    let when = year.map(|y| format!(" in {y}")).unwrap_or_default();
                    let e = ScenarioError {
                        path: format!("{path}.{}", formula_field(sc, &path)),
                        offset: None,
                        len: 0,
                        message: format!("at the published assumptions this works out to no number{when} (a division by zero, or a number too large)"),
                        expected: Some("a formula that gives a finite number at the inputs' defaults".into()),
                        hint: Some("check the divisors in this formula and the defaults of the inputs it uses".into()),
                    };
                    diags.push(diagnose(loaded, sc, &e));
                } else {
                    built.push(Built {
                        index,
                        compiled,
                        metrics,
                        defaults,
                    });
                }
            }
            Err(errors) => {
                for e in errors {
                    if e.offset
                        .is_some_and(|o| reported.contains(&(e.path.clone(), o)))
                    {
                        continue;
                    }
                    diags.push(diagnose(loaded, sc, &e));
                }
            }
        }
    }
    (built, diags)
}

/// The formula field of a series or output path (`series[1]` -> `value`, `next` ...).
fn formula_field(sc: &Scenario, path: &str) -> &'static str {
    let index = |prefix: &str| {
        path.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(']'))
            .and_then(|n| n.parse::<usize>().ok())
    };
    if let Some(i) = index("series[") {
        match sc.series.get(i) {
            Some(s) if s.value.is_some() => "value",
            _ => "next",
        }
    } else {
        "value"
    }
}

/// The text of the formula at a field path such as `series[2].next`.
fn formula_text<'a>(sc: &'a Scenario, path: &str) -> Option<&'a str> {
    let (head, field) = path.split_once("].")?;
    let (list, n) = head.split_once('[')?;
    let n: usize = n.parse().ok()?;
    let f = match (list, field) {
        ("series", "start") => sc.series.get(n)?.start.as_ref()?,
        ("series", "next") => sc.series.get(n)?.next.as_ref()?,
        ("series", "value") => sc.series.get(n)?.value.as_ref()?,
        ("outputs", "value") => &sc.outputs.get(n)?.value,
        _ => return None,
    };
    Some(f.as_str())
}

/// A located diagnostic for a scenario problem, pointing inside the formula when it can.
pub fn diagnose(loaded: &Folder, sc: &Scenario, e: &ScenarioError) -> Diagnostic {
    let issue = Issue {
        severity: Severity::Error,
        place: Place::new(&sc.file, &e.path),
        message: e.message.clone(),
        expected: e.expected.clone(),
        hint: e.hint.clone(),
        related: None,
    };
    match (e.offset, formula_text(sc, &e.path)) {
        (Some(chars), Some(text)) => {
            let byte = text
                .char_indices()
                .nth(chars)
                .map_or(text.len(), |(b, _)| b);
            loaded.sources.diagnose_in(&issue, text, byte)
        }
        _ => loaded.sources.diagnose(&issue),
    }
}

/// The value a `metric(...)` call stands for: the latest value, or the value at a period.
fn resolve(c: &Content, r: &MetricRef) -> Result<f64, (String, String)> {
    let Some(m) = c.metric(&r.id) else {
        let ids = c.metrics.iter().map(|m| m.id.as_str());
        let hint = match closest(&r.id, ids) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!(
                "the measures are: {}",
                c.metrics
                    .iter()
                    .map(|m| m.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        };
        return Err((format!("there is no measure `{}`", r.id), hint));
    };
    let available = || {
        m.series
            .iter()
            .filter(|p| p.number().is_some())
            .map(|p| p.period.text().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    // An approximate figure, a limit or a range is not a number: a formula never reads one
    // as if it were.
    let exact = |p: &hearth_model::Point| {
        p.number().ok_or_else(|| {
            (
                format!(
                    "the figure of `{}` for {} is “{}”, not an exact number",
                    r.id,
                    p.period.label(),
                    p.value.as_ref().map(|f| f.written()).unwrap_or_default()
                ),
                match available() {
                    list if list.is_empty() => "write the number the scenario assumes into the formula, or make it an input".to_string(),
                    list => format!(
                        "name a period with an exact figure, such as metric('{}', '{}') (exact figures: {list}), or write the number the scenario assumes into the formula",
                        r.id,
                        list.rsplit(", ").next().unwrap_or_default()
                    ),
                },
            )
        })
    };
    match &r.period {
        None => match latest_two(m).0 {
            Some(p) => exact(p),
            None => Err((
                format!("the measure `{}` has no published value yet", r.id),
                "add a value to its series, or write the number into the formula".into(),
            )),
        },
        Some(text) => {
            let wanted = Period::parse(text).ok();
            let found = m.series.iter().filter(|p| p.value.is_some()).find(|p| {
                p.period.text() == text
                    || p.period.label() == *text
                    || wanted.as_ref().is_some_and(|w| *w == p.period)
            });
            match found {
                Some(p) => exact(p),
                None => Err((
                    format!("the measure `{}` has no value for “{text}”", r.id),
                    format!("it has values for: {}", available()),
                )),
            }
        }
    }
}

//! What-if scenarios at build time: resolve `metric(...)` references against the content's
//! measures, compile each scenario with the model's engine, evaluate it at its published
//! assumptions, and report every problem at the exact place in the formula.
//!
//! The same compiled model runs in the browser (the wasm module reads [`browser_model`]'s JSON)
//! and on the command line (`hearth scenario`), so all three give the same numbers.

use std::collections::BTreeMap;

use hearth_model::analysis::latest_two;
use hearth_model::scenario::{Compiled, MetricRef, Results, Scenario, ScenarioError, settle_input};
use hearth_model::validate::closest;
use hearth_model::{Content, Issue, Period, Place, Severity};
use serde_json::{Value, json};

use crate::diag::Diagnostic;
use crate::load::Loaded;

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
pub fn compile_all(loaded: &Loaded) -> (Vec<Built>, Vec<Diagnostic>) {
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
pub fn diagnose(loaded: &Loaded, sc: &Scenario, e: &ScenarioError) -> Diagnostic {
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
            loaded.diagnose_in(&issue, text, byte)
        }
        _ => loaded.diagnose(&issue),
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
            .filter(|p| p.value.is_some())
            .map(|p| p.period.text().to_string())
            .collect::<Vec<_>>()
            .join(", ")
    };
    match &r.period {
        None => latest_two(m).0.and_then(|p| p.value).ok_or_else(|| {
            (
                format!("the measure `{}` has no published value yet", r.id),
                "add a value to its series, or write the number into the formula".into(),
            )
        }),
        Some(text) => {
            let wanted = Period::parse(text).ok();
            m.series
                .iter()
                .filter(|p| p.value.is_some())
                .find(|p| {
                    p.period.text() == text
                        || p.period.label() == *text
                        || wanted.as_ref().is_some_and(|w| *w == p.period)
                })
                .and_then(|p| p.value)
                .ok_or_else(|| {
                    (
                        format!("the measure `{}` has no value for “{text}”", r.id),
                        format!("it has values for: {}", available()),
                    )
                })
        }
    }
}

/// What the browser module needs: the compiled program (see `Compiled::encode`), the inputs'
/// ids and bounds, and how figures are written (`Presentation`). The page's JavaScript turns
/// this into the arrays `ScenarioModel` takes.
pub fn browser_model(sc: &Scenario, b: &Built) -> Value {
    let look = sc.presentation();
    json!({
        "program": b.compiled.encode(),
        "inputs": sc.inputs.iter().map(|i| json!({"id": i.id, "min": i.min, "max": i.max, "step": i.step})).collect::<Vec<_>>(),
        "series": sc.series.iter().zip(&look.series).map(|(s, l)| json!({"id": s.id, "label": l.label, "unit": l.unit, "decimals": l.decimals})).collect::<Vec<_>>(),
        "outputs": sc.outputs.iter().zip(&look.outputs).map(|(o, l)| json!({"id": o.id, "unit": l.unit, "decimals": l.decimals})).collect::<Vec<_>>(),
        "charts": look.charts,
    })
}

/// Results as JSON keyed by id: `{inputs: {id: v}, years, series: {id: [..]}, outputs: {id: v}}`.
pub fn results_json(sc: &Scenario, inputs: &[f64], r: &Results) -> Value {
    let inputs: serde_json::Map<String, Value> = sc
        .inputs
        .iter()
        .zip(inputs)
        .map(|(i, v)| (i.id.clone(), json!(v)))
        .collect();
    let series: serde_json::Map<String, Value> = sc
        .series
        .iter()
        .zip(&r.series)
        .map(|(s, v)| (s.id.clone(), json!(v)))
        .collect();
    let outputs: serde_json::Map<String, Value> = sc
        .outputs
        .iter()
        .zip(&r.outputs)
        .map(|(o, v)| (o.id.clone(), json!(v)))
        .collect();
    json!({ "id": sc.id, "inputs": inputs, "years": r.years, "series": series, "outputs": outputs })
}

/// Read `--set id=value` assignments into input values (starting from the defaults). Each
/// value is settled by the page's rule (`settle_input`: within the input's range, on its
/// step), with a note on stderr when that changes it; a value that is not a finite number is
/// an error.
pub fn inputs_from(sc: &Scenario, b: &Built, sets: &[String]) -> Result<Vec<f64>, String> {
    let mut values = b.compiled.defaults();
    for set in sets {
        let (id, v) = set
            .split_once('=')
            .ok_or_else(|| format!("--set {set}: write it as input=value"))?;
        let id = id.trim();
        let Some(i) = b.compiled.input_index(id) else {
            let ids = sc.inputs.iter().map(|i| i.id.as_str());
            let hint = closest(id, ids)
                .map(|n| format!("; did you mean `{n}`?"))
                .unwrap_or_else(|| {
                    format!(
                        "; the inputs are: {}",
                        sc.inputs
                            .iter()
                            .map(|i| i.id.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                });
            return Err(format!(
                "--set {set}: no input `{id}` in this scenario{hint}"
            ));
        };
        let v = v.trim();
        let given: f64 = v
            .parse()
            .map_err(|_| format!("--set {set}: `{v}` is not a number"))?;
        // Settled as the page settles a typed value, so both run the same numbers.
        let input = &sc.inputs[i];
        let (min, max, step) = (input.min, input.max, input.step);
        let settled = settle_input(min, max, step, given)
            .ok_or_else(|| format!("--set {set}: `{v}` is not a finite number"))?;
        let used = settled.value;
        match (settled.clamped, settled.snapped) {
            (true, false) => {
                eprintln!("note: --set {set}: the page allows {min} to {max}, so {used} is used")
            }
            (true, true) => eprintln!(
                "note: --set {set}: the page allows {min} to {max} in steps of {step}, so {used} is used"
            ),
            (false, true) => eprintln!(
                "note: --set {set}: rounded to the slider's step of {step}: {used} is used"
            ),
            (false, false) => {}
        }
        values[i] = used;
    }
    Ok(values)
}

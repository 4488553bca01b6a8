//! `hearth scenario`: run a what-if scenario with other assumptions, using the same engine
//! and numbers as the published page and the browser.

use std::path::Path;

use hearth_model::scenario::{Scenario, settle_input};
use hearth_model::validate::closest;

use crate::Report;
use crate::load::{self, scenarios::Built};

/// A scenario run from the command line: the scenario, the input values used and the results.
#[derive(Debug)]
pub struct ScenarioRun {
    pub scenario: Scenario,
    pub inputs: Vec<f64>,
    /// What the page's rule changed in the values given (clamped to the range, rounded to the
    /// step), one sentence each.
    pub notes: Vec<String>,
    pub results: hearth_model::scenario::Results,
}

/// Why a scenario could not be run.
#[derive(Debug)]
pub enum ScenarioRunError {
    /// The content has errors (they are in the report).
    Content(Report),
    /// No scenario with that id, or a bad `--set`.
    Usage(String),
}

/// Load the content and run scenario `id` with `sets` (`input=value`) over its published
/// assumptions: the same engine and numbers as the published page and the browser.
pub fn run_scenario(
    content: &Path,
    id: &str,
    sets: &[String],
) -> Result<ScenarioRun, ScenarioRunError> {
    let loaded = load::load(content);
    if loaded.has_errors() {
        let report = Report {
            diagnostics: loaded.diagnostics.clone(),
            ..Report::default()
        };
        return Err(ScenarioRunError::Content(report));
    }
    let found = loaded
        .scenarios
        .iter()
        .find(|b| loaded.content.scenarios[b.index].id == id);
    let Some(built) = found else {
        let ids: Vec<&str> = loaded
            .content
            .scenarios
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let list = if ids.is_empty() {
            "there are no scenarios in this content (add content/scenarios/<id>.yaml)".to_string()
        } else {
            format!("the scenarios are: {}", ids.join(", "))
        };
        return Err(ScenarioRunError::Usage(format!(
            "no scenario `{id}`; {list}"
        )));
    };
    let sc = &loaded.content.scenarios[built.index];
    let (inputs, notes) = inputs_from(sc, built, sets).map_err(ScenarioRunError::Usage)?;
    let results = built.compiled.evaluate(&inputs);
    Ok(ScenarioRun {
        scenario: sc.clone(),
        inputs,
        notes,
        results,
    })
}

/// Read `--set id=value` assignments into input values (starting from the defaults), with a
/// note for each value the rule changed. Each value is settled by the page's rule
/// (`settle_input`: within the input's range, on its step); a value that is not a finite
/// number is an error.
pub fn inputs_from(
    sc: &Scenario,
    b: &Built,
    sets: &[String],
) -> Result<(Vec<f64>, Vec<String>), String> {
    let mut values = b.compiled.defaults();
    let mut notes = Vec::new();
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
        notes.extend(match (settled.clamped, settled.snapped) {
            (true, false) => Some(format!(
                "--set {set}: the page allows {min} to {max}, so {used} is used"
            )),
            (true, true) => Some(format!(
                "--set {set}: the page allows {min} to {max} in steps of {step}, so {used} is used"
            )),
            (false, true) => Some(format!(
                "--set {set}: rounded to the slider's step of {step}: {used} is used"
            )),
            (false, false) => None,
        });
        values[i] = used;
    }
    Ok((values, notes))
}

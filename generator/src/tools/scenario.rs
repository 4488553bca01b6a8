//! `hearth scenario`: run a what-if scenario with other assumptions, using the same engine
//! and numbers as the published page and the browser.

use std::path::Path;

use hearth_model::scenario::Scenario;
use hearth_model::validate::closest;

use crate::Report;
use crate::load::{self, scenarios::Built};

/// A scenario run from the command line: the scenario, the input values used and the results.
#[derive(Debug)]
pub struct ScenarioRun {
    pub scenario: Scenario,
    pub inputs: Vec<f64>,
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
    let inputs = inputs_from(sc, built, sets).map_err(ScenarioRunError::Usage)?;
    let results = built.compiled.evaluate(&inputs);
    Ok(ScenarioRun {
        scenario: sc.clone(),
        inputs,
        results,
    })
}

/// Read `--set id=value` assignments into input values (starting from the defaults).
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
        let v: f64 = v
            .trim()
            .parse()
            .map_err(|_| format!("--set {set}: `{}` is not a number", v.trim()))?;
        let input = &sc.inputs[i];
        if !v.is_finite() || v < input.min || v > input.max {
            return Err(format!(
                "--set {set}: {} must be between {} and {}",
                input.id, input.min, input.max
            ));
        }
        values[i] = v;
    }
    Ok(values)
}

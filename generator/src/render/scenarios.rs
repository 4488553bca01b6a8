//! What-if scenarios' data: the compiled model the browser runs and the results as JSON.

use hearth_model::scenario::{Results, Scenario};
use serde_json::{Value, json};

use crate::load::scenarios::Built;

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

//! Scenarios for the tests: the foster example and a builder of small scenarios.

use std::collections::BTreeMap;

use super::*;

pub(crate) const FOSTER: &str = r#"
id: foster-sufficiency
title: Will we have enough in-house foster homes?
method: Households next year = households x (1 - leaving rate) + approvals.
horizon: { from: 2025, to: 2030 }
inputs:
  - { id: approvals, label: New fostering households approved each year, min: 0, max: 80, step: 1, default: 25, unit: households }
  - { id: leaving_pct, label: Households leaving each year, min: 0, max: 25, step: 0.5, default: 12, unit: "%" }
  - { id: growth_pct, label: Growth in children in care each year, min: -5, max: 10, step: 0.5, default: 2, unit: "%" }
series:
  - { id: households, label: Fostering households, start: 270, next: "households * (1 - leaving_pct/100) + approvals" }
  - { id: children_in_care, label: Children in care, start: "metric('children-in-care')", next: "children_in_care * (1 + growth_pct/100)" }
  - { id: shortfall, label: Shortfall, value: "max(0, children_in_care * 0.78 - households * 1.3)" }
outputs:
  - { id: shortfall_end, label: Foster places to buy externally in the final year, value: "shortfall[last]" }
charts:
  - { title: Demand and in-house supply, series: [children_in_care, households] }
"#;

/// A series for [`make`]: id, start, next, value.
pub(crate) type SeriesSpec = (
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
);

pub(crate) fn foster() -> Scenario {
    serde_yaml::from_str(FOSTER).unwrap()
}

pub(crate) fn metrics() -> BTreeMap<String, f64> {
    BTreeMap::from([
        ("children-in-care".to_string(), 500.0),
        ("children-in-care@2021".to_string(), 450.0),
    ])
}

pub(crate) fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9 * b.abs().max(1.0)
}

/// A minimal scenario: inputs `a` (default 2) and `b` (default 3), then the given
/// series (`id`, start, next, value) and outputs (`id`, value), horizon 2025 to 2028.
pub(crate) fn make(series: &[SeriesSpec], outputs: &[(&str, &str)]) -> Scenario {
    let input = |id: &str, default: f64| Input {
        id: id.to_string(),
        label: id.to_string(),
        unit: None,
        min: -100.0,
        max: 100.0,
        step: 1.0,
        default,
        source: None,
        help: None,
    };
    Scenario {
        id: "test".to_string(),
        title: "Test".to_string(),
        summary: None,
        method: "Method.".to_string(),
        horizon: Horizon {
            from: 2025,
            to: 2028,
        },
        inputs: vec![input("a", 2.0), input("b", 3.0)],
        series: series
            .iter()
            .map(|(id, start, next, value)| SeriesDef {
                id: id.to_string(),
                label: id.to_string(),
                unit: None,
                start: start.map(FormulaText::from),
                next: next.map(FormulaText::from),
                value: value.map(FormulaText::from),
                decimals: None,
                measure: None,
                years: None,
            })
            .collect(),
        outputs: outputs
            .iter()
            .map(|(id, value)| OutputDef {
                id: id.to_string(),
                label: id.to_string(),
                value: FormulaText::from(*value),
                unit: None,
                decimals: None,
                note: None,
            })
            .collect(),
        charts: Vec::new(),
        metrics: Vec::new(),
        priorities: Vec::new(),
        file: String::new(),
    }
}

pub(crate) fn value(id: &'static str, f: &'static str) -> SeriesSpec {
    (id, None, None, Some(f))
}

pub(crate) fn stock(id: &'static str, start: &'static str, next: &'static str) -> SeriesSpec {
    (id, Some(start), Some(next), None)
}

pub(crate) fn errors(s: &Scenario) -> Vec<ScenarioError> {
    s.compile(&metrics()).unwrap_err()
}

pub(crate) fn one_error(s: &Scenario) -> ScenarioError {
    let es = errors(s);
    assert_eq!(es.len(), 1, "{es:#?}");
    es.into_iter().next().unwrap()
}

/// The foster example with a branch (`if`, so jumps), `clamp`, `[prev]`, `round` and a
/// unit, to exercise every part of the encoded program.
pub(crate) fn foster_for_program() -> Scenario {
    let yaml = FOSTER
        .replace(
            r#"value: "max(0, children_in_care * 0.78 - households * 1.3)""#,
            r#"value: "if(year > 2027, max(0, children_in_care * 0.78 - households * 1.3), clamp(households[prev] - 260, 0, 10))""#,
        )
        .replace(
            r#"label: Foster places to buy externally in the final year, value: "shortfall[last]""#,
            r#"label: Foster places to buy, value: "round(shortfall[last])", unit: places"#,
        );
    assert!(yaml.contains("if(year") && yaml.contains("unit: places"));
    serde_yaml::from_str(&yaml).unwrap()
}

//! Browser facade over `hearth-model`: thin wrappers that take and return plain values, so
//! the page's JavaScript and the generator share one implementation of each rule.
//!
//! - [`Filter`]: faceted filtering of the delivery plan (and market asks) from a URL query.
//! - [`ScenarioModel`]: a what-if scenario, compiled once and re-evaluated as sliders move.
//! - [`parse_period`] and [`format_number`]: the generator's period parser and number format.

use std::collections::BTreeMap;

use hearth_model::filter::{Index, Outcome, Query};
use hearth_model::scenario::{Compiled, Results, Scenario};
use wasm_bindgen::prelude::wasm_bindgen;

/// Parse a period as councils write it; returns `[start, end]` ISO dates (empty for an open
/// end), or throws the parser's message listing the accepted forms.
#[wasm_bindgen(js_name = parsePeriod)]
pub fn parse_period(text: &str) -> Result<Vec<String>, String> {
    let p = hearth_model::Period::parse(text).map_err(|e| e.to_string())?;
    Ok(vec![
        p.start().map(|d| d.iso()).unwrap_or_default(),
        p.end().map(|d| d.iso()).unwrap_or_default(),
    ])
}

/// Format a number with thousands separators and fixed decimals, as the generator does.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: f64, decimals: u8) -> String {
    hearth_model::format::number(value, decimals)
}

/// A filter over a published index (the JSON the generator writes into the page).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Filter {
    index: Index,
    query: Query,
    outcome: Outcome,
}

#[wasm_bindgen]
impl Filter {
    /// Read the index; throws a message if it is not an index.
    #[wasm_bindgen(constructor)]
    pub fn new(index_json: &str) -> Result<Filter, String> {
        let index: Index = serde_json::from_str(index_json).map_err(|e| e.to_string())?;
        let query = index.query_string("");
        let outcome = index.apply(&query);
        Ok(Filter {
            index,
            query,
            outcome,
        })
    }

    /// Apply a URL query string (`rag=red&q=carers`); returns how many items match.
    pub fn apply(&mut self, query: &str) -> usize {
        self.query = self.index.query_string(query);
        self.index.apply_into(&self.query, &mut self.outcome);
        self.outcome.count
    }

    /// Per item, 1 if it matches the last query, else 0.
    pub fn visible(&self) -> Vec<u8> {
        self.outcome.visible.iter().map(|v| u8::from(*v)).collect()
    }

    /// The facet counts of the last query, facet after facet, value after value.
    pub fn counts(&self) -> Vec<u32> {
        self.outcome.counts.concat()
    }

    /// The last query in canonical form, for the URL (no leading `?`).
    #[wasm_bindgen(js_name = queryString)]
    pub fn query_string(&self) -> String {
        self.index.to_query_string(&self.query)
    }

    /// The problem with a query field of the last query (`from`, `to` ...), if any.
    pub fn problem(&self, name: &str) -> Option<String> {
        self.query
            .problems
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.message.clone())
    }
}

/// What the generator publishes for the browser: the scenario and its metric values.
#[derive(serde::Deserialize)]
struct Published {
    scenario: Scenario,
    metrics: BTreeMap<String, f64>,
}

/// A compiled what-if scenario and its latest results.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ScenarioModel {
    scenario: Scenario,
    compiled: Compiled,
    results: Results,
}

#[wasm_bindgen]
impl ScenarioModel {
    /// Compile the published model (`{"scenario": ..., "metrics": {...}}`) and evaluate it
    /// at the published assumptions; throws the compiler's messages if it does not compile.
    #[wasm_bindgen(constructor)]
    pub fn new(json: &str) -> Result<ScenarioModel, String> {
        let p: Published = serde_json::from_str(json).map_err(|e| e.to_string())?;
        let compiled = p.scenario.compile(&p.metrics).map_err(|errors| {
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("; ")
        })?;
        let results = compiled.evaluate(&compiled.defaults());
        Ok(ScenarioModel {
            scenario: p.scenario,
            compiled,
            results,
        })
    }

    /// The inputs' ids, in order.
    #[wasm_bindgen(js_name = inputIds)]
    pub fn input_ids(&self) -> Vec<String> {
        self.scenario.inputs.iter().map(|i| i.id.clone()).collect()
    }

    /// The published assumptions, in input order.
    pub fn defaults(&self) -> Vec<f64> {
        self.compiled.defaults()
    }

    /// A typed value made valid for input `i`: within its range, on its step from the
    /// minimum; NaN gives the default.
    pub fn tidy(&self, i: usize, value: f64) -> f64 {
        let Some(input) = self.scenario.inputs.get(i) else {
            return value;
        };
        if !value.is_finite() {
            return input.default;
        }
        let v = value.clamp(input.min, input.max);
        if input.step > 0.0 {
            let steps = ((v - input.min) / input.step).round();
            let snapped = input.min + steps * input.step;
            // Keep the step's decimals (0.1 steps give 0.3, not 0.30000000000000004).
            let scale = 1e9;
            ((snapped * scale).round() / scale).clamp(input.min, input.max)
        } else {
            v
        }
    }

    /// Recompute every series and output for these input values.
    pub fn evaluate(&mut self, inputs: &[f64]) {
        self.compiled.evaluate_into(inputs, &mut self.results);
    }

    pub fn years(&self) -> Vec<i32> {
        self.results.years.clone()
    }

    /// Values of series `i` (declaration order) from the last evaluation.
    pub fn series(&self, i: usize) -> Vec<f64> {
        self.results.series.get(i).cloned().unwrap_or_default()
    }

    /// Index of a series by id, or -1.
    #[wasm_bindgen(js_name = seriesIndex)]
    pub fn series_index(&self, id: &str) -> i32 {
        self.compiled
            .series_index(id)
            .and_then(|i| i32::try_from(i).ok())
            .unwrap_or(-1)
    }

    /// Output values from the last evaluation, in declaration order.
    pub fn outputs(&self) -> Vec<f64> {
        self.results.outputs.clone()
    }

    /// Output `i` as readers see it (decimals and unit).
    #[wasm_bindgen(js_name = outputText)]
    pub fn output_text(&self, i: usize) -> String {
        let v = self.results.outputs.get(i).copied().unwrap_or(f64::NAN);
        self.scenario.output_text(i, v)
    }

    /// Every value of series `i` as shown in the table.
    #[wasm_bindgen(js_name = seriesTexts)]
    pub fn series_texts(&self, i: usize) -> Vec<String> {
        self.results
            .series
            .get(i)
            .map(|values| {
                values
                    .iter()
                    .map(|v| self.scenario.series_text(i, *v))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The text summary of chart `i`.
    #[wasm_bindgen(js_name = chartSummary)]
    pub fn chart_summary(&self, i: usize) -> String {
        self.scenario.chart_summary(i, &self.results)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn wraps_the_model() {
        assert_eq!(
            parse_period("2024/25"),
            Ok(vec!["2024-04-01".to_string(), "2025-03-31".to_string()])
        );
        assert!(parse_period("nonsense").is_err());
        assert_eq!(format_number(1234.5, 1), "1,234.5");
    }

    #[test]
    fn runs_a_published_scenario() {
        let json = r#"{"scenario": {"id": "s", "title": "S", "method": "m", "horizon": {"from": 2024, "to": 2026},
            "inputs": [{"id": "growth", "label": "Growth", "min": 0, "max": 10, "step": 0.5, "default": 10, "unit": "%"}],
            "series": [{"id": "kids", "label": "Children", "start": "metric('cic')", "next": "kids * (1 + growth/100)"}],
            "outputs": [{"id": "end", "label": "End", "value": "kids[last]", "decimals": 1}],
            "charts": [{"title": "C", "series": ["kids"]}]}, "metrics": {"cic": 100}}"#;
        let mut m = ScenarioModel::new(json).unwrap();
        assert_eq!(m.years(), vec![2024, 2025, 2026]);
        assert!((m.outputs()[0] - 121.0).abs() < 1e-9);
        assert_eq!(m.output_text(0), "121.0");
        m.evaluate(&[0.0]);
        assert_eq!(m.series(0), vec![100.0, 100.0, 100.0]);
        assert_eq!(m.series_texts(0), vec!["100", "100", "100"]);
        assert_eq!(
            m.chart_summary(0),
            "Children: 100 in 2024, 100 in 2026 (no change)."
        );
        assert_eq!(m.tidy(0, 3.3), 3.5);
        assert_eq!(m.tidy(0, 99.0), 10.0);
        assert_eq!(m.tidy(0, f64::NAN), 10.0);
        assert_eq!(m.series_index("kids"), 0);
        assert_eq!(m.series_index("nope"), -1);
        assert!(ScenarioModel::new(&json.replace("kids[last]", "kid[last]")).is_err());
    }

    #[test]
    fn filters_a_published_index() {
        let json = r#"{"facets":[{"name":"rag","label":"Status","values":[{"key":"red","label":"Red"},{"key":"green","label":"Green"}]}],
            "items":[{"id":"a","f":[[0]],"d":18000,"t":"foster carers"},{"id":"b","f":[[1]],"t":"homes"}]}"#;
        let mut f = Filter::new(json).unwrap();
        assert_eq!(f.apply("rag=green"), 1);
        assert_eq!(f.visible(), vec![0, 1]);
        assert_eq!(f.counts(), vec![1, 1]);
        assert_eq!(f.query_string(), "rag=green");
        assert_eq!(
            f.apply("from=nonsense"),
            2,
            "an unreadable period is ignored"
        );
        assert!(f.problem("from").is_some());
        assert!(Filter::new("{").is_err());
    }
}

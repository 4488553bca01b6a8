//! The filter and scenario module (`hearth_wasm.js`): what the plan, the market asks and the
//! what-if scenario pages use.

use hearth_model::filter::{Facet, FacetValue, Index, Item, Outcome, Query};
use hearth_model::scenario::{
    Compiled, OutputLook, Presentation, Results, SeriesLook, settle_input,
};
use wasm_bindgen::prelude::wasm_bindgen;

/// A filter over a published index. The page's JavaScript reads the index JSON the generator
/// wrote and hands it over as plain arrays (no JSON parser in the module keeps it small).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Filter {
    index: Index,
    query: Query,
    outcome: Outcome,
}

#[wasm_bindgen]
impl Filter {
    /// Facets: `names`, `labels` and `sizes` (how many values each has), then every facet's
    /// values' `keys` and `value_labels` in order. Items: `ids`, `texts`, `due` (day numbers,
    /// NaN for none) and `values`: per item, per facet, a count followed by that many value
    /// indices. Throws if the arrays do not fit together.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        names: Vec<String>,
        labels: Vec<String>,
        sizes: &[u32],
        keys: Vec<String>,
        value_labels: Vec<String>,
        ids: Vec<String>,
        texts: Vec<String>,
        due: &[f64],
        values: &[u32],
    ) -> Result<Filter, String> {
        let bad = || "the filter index does not fit together".to_string();
        if names.len() != labels.len()
            || names.len() != sizes.len()
            || keys.len() != value_labels.len()
        {
            return Err(bad());
        }
        let mut keys = keys.into_iter().zip(value_labels);
        let mut facets = Vec::with_capacity(names.len());
        for ((name, label), &size) in names.into_iter().zip(labels).zip(sizes) {
            let values = (0..size)
                .map(|_| keys.next().map(|(key, label)| FacetValue { key, label }))
                .collect::<Option<Vec<_>>>()
                .ok_or_else(bad)?;
            facets.push(Facet {
                name,
                label,
                values,
            });
        }
        if ids.len() != texts.len() || ids.len() != due.len() {
            return Err(bad());
        }
        let mut words = values.iter().copied();
        let mut items = Vec::with_capacity(ids.len());
        for ((id, text), &d) in ids.into_iter().zip(texts).zip(due) {
            let mut item_facets = Vec::with_capacity(facets.len());
            for facet in &facets {
                let n = words.next().ok_or_else(bad)?;
                let vals: Vec<u32> = (0..n)
                    .map(|_| words.next())
                    .collect::<Option<_>>()
                    .ok_or_else(bad)?;
                if vals.iter().any(|v| *v as usize >= facet.values.len()) {
                    return Err(bad());
                }
                item_facets.push(vals);
            }
            items.push(Item {
                id,
                facets: item_facets,
                due: d.is_finite().then_some(d as i64),
                text,
            });
        }
        let index = Index { facets, items };
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

/// A what-if scenario compiled by the generator, re-evaluated as sliders move, with the
/// same number formats as the published page.
#[wasm_bindgen]
#[derive(Debug)]
pub struct ScenarioModel {
    compiled: Compiled,
    look: Presentation,
    /// Per input: min, max, step.
    bounds: Vec<[f64; 3]>,
    results: Results,
    /// The charts that can be drawn again, by index ([`ScenarioModel::set_chart_look`]).
    looks: Vec<(usize, hearth_model::draw::Look)>,
}

#[wasm_bindgen]
impl ScenarioModel {
    /// `program`: the compiled scenario (`Compiled::encode`); `bounds`: min, max and step of
    /// each input; series `labels`, `units` (empty for none) and `decimals`; outputs'
    /// `output_units` and `output_decimals`; `charts`: per chart, a count followed by that many
    /// series indices. Throws if the program cannot be run.
    #[wasm_bindgen(constructor)]
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        program: &[f64],
        bounds: &[f64],
        labels: Vec<String>,
        units: Vec<String>,
        decimals: &[u8],
        output_units: Vec<String>,
        output_decimals: &[u8],
        charts: &[u32],
    ) -> Result<ScenarioModel, String> {
        let bad = |what: &str| format!("the published scenario {what}");
        let compiled = Compiled::decode(program).ok_or_else(|| bad("cannot be run"))?;
        let unit = |u: String| (!u.is_empty()).then_some(u);
        if labels.len() != units.len() || labels.len() != decimals.len() {
            return Err(bad("has mismatched series"));
        }
        let series = labels
            .into_iter()
            .zip(units)
            .zip(decimals)
            .map(|((label, u), &decimals)| SeriesLook {
                label,
                unit: unit(u),
                decimals,
            })
            .collect();
        if output_units.len() != output_decimals.len() {
            return Err(bad("has mismatched outputs"));
        }
        let outputs = output_units
            .into_iter()
            .zip(output_decimals)
            .map(|(u, &decimals)| OutputLook {
                unit: unit(u),
                decimals,
            })
            .collect();
        let mut words = charts.iter().map(|c| *c as usize);
        let mut chart_series = Vec::new();
        while let Some(n) = words.next() {
            let list: Vec<usize> = (0..n)
                .map(|_| words.next())
                .collect::<Option<_>>()
                .ok_or_else(|| bad("has a broken chart list"))?;
            chart_series.push(list);
        }
        let defaults = compiled.defaults();
        if bounds.len() != 3 * defaults.len() {
            return Err(bad("has mismatched inputs"));
        }
        let bounds = bounds.chunks(3).map(|b| [b[0], b[1], b[2]]).collect();
        let results = compiled.evaluate(&defaults);
        Ok(ScenarioModel {
            compiled,
            look: Presentation {
                series,
                outputs,
                charts: chart_series,
            },
            bounds,
            results,
            looks: Vec::new(),
        })
    }

    /// The published assumptions, in input order.
    pub fn defaults(&self) -> Vec<f64> {
        self.compiled.defaults()
    }

    /// A typed value made valid for input `i`: within its range, on its step from the
    /// minimum; NaN gives the default.
    pub fn tidy(&self, i: usize, value: f64) -> f64 {
        // The model's rule, the one `hearth scenario --set` uses too.
        match (self.bounds.get(i), self.compiled.defaults().get(i)) {
            (Some(&[min, max, step]), Some(&default)) => {
                settle_input(min, max, step, value).map_or(default, |s| s.value)
            }
            _ => value,
        }
    }

    /// Recompute every series and output for these input values.
    pub fn evaluate(&mut self, inputs: &[f64]) {
        self.compiled.evaluate_into(inputs, &mut self.results);
    }

    /// Values of series `i` (declaration order) from the last evaluation.
    pub fn series(&self, i: usize) -> Vec<f64> {
        self.results.series.get(i).cloned().unwrap_or_default()
    }

    /// Output values from the last evaluation, in declaration order.
    pub fn outputs(&self) -> Vec<f64> {
        self.results.outputs.clone()
    }

    /// Output `i` as readers see it (decimals and unit).
    #[wasm_bindgen(js_name = outputText)]
    pub fn output_text(&self, i: usize) -> String {
        let v = self.results.outputs.get(i).copied().unwrap_or(f64::NAN);
        self.look.output_text(i, v)
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
                    .map(|v| self.look.series_text(i, *v))
                    .collect()
            })
            .unwrap_or_default()
    }

    /// Give chart `i` its look (the page's `{"nums", "texts"}` for it, as the generator
    /// encoded it), so that [`ScenarioModel::chart_svg`] can draw it. False if they are not a
    /// look, or not one of this chart's series.
    #[wasm_bindgen(js_name = setChartLook)]
    pub fn set_chart_look(&mut self, i: usize, nums: &[f64], texts: Vec<String>) -> bool {
        let Some(series) = self.look.charts.get(i) else {
            return false;
        };
        let Some(look) = hearth_model::draw::Look::decode(nums, &texts) else {
            return false;
        };
        if !matches!(&look.chart, hearth_model::draw::Chart::Axes { series: s, .. } if s.len() == series.len())
        {
            return false;
        }
        self.looks.retain(|(k, _)| *k != i);
        self.looks.push((i, look));
        true
    }

    /// Chart `i` at the last evaluation's figures, as the SVG image the generator draws at
    /// build time (`width` by `height` units, `class` on the element); empty without a look.
    #[wasm_bindgen(js_name = chartSvg)]
    pub fn chart_svg(&mut self, i: usize, width: f32, height: f32, class: &str) -> String {
        let look = self.looks.iter_mut().find(|(k, _)| *k == i).map(|(_, l)| l);
        let (Some(look), Some(series)) = (look, self.look.charts.get(i)) else {
            return String::new();
        };
        let values: Vec<&[f64]> = series
            .iter()
            .map(|&s| self.results.series.get(s).map_or(&[][..], Vec::as_slice))
            .collect();
        look.set_figures(&values);
        hearth_model::draw::svg::axes_image(&look.chart, width, height, class, &look.advances)
    }

    /// The text summary of chart `i`.
    #[wasm_bindgen(js_name = chartSummary)]
    pub fn chart_summary(&self, i: usize) -> String {
        self.look.chart_summary(i, &self.results)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn runs_a_published_scenario() {
        use hearth_model::scenario::{Scenario, metric_key};
        let yaml = r#"{"id": "s", "title": "S", "method": "m", "horizon": {"from": 2024, "to": 2026},
            "inputs": [{"id": "growth", "label": "Growth", "min": 0, "max": 10, "step": 0.5, "default": 10, "unit": "%"}],
            "series": [{"id": "kids", "label": "Children", "start": "metric('cic')", "next": "kids * (1 + growth/100)"}],
            "outputs": [{"id": "end", "label": "End", "value": "kids[last]", "decimals": 1}],
            "charts": [{"title": "C", "series": ["kids"]}]}"#;
        let sc: Scenario = serde_json::from_str(yaml).unwrap();
        let compiled = sc
            .compile(&[(metric_key("cic", None), 100.0)].into_iter().collect())
            .unwrap();
        let new = |program: &[f64]| {
            ScenarioModel::new(
                program,
                &[0.0, 10.0, 0.5],
                vec!["Children".into()],
                vec![String::new()],
                &[0],
                vec![String::new()],
                &[1],
                &[1, 0],
            )
        };
        let mut m = new(&compiled.encode()).unwrap();
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
        assert_eq!(m.tidy(0, -2.0), 0.0);
        assert_eq!(m.tidy(0, 2.25), 2.5);
        assert_eq!(m.tidy(5, 2.25), 2.25, "no such input");
        assert!(new(&[1.0, 2.0]).is_err());
    }

    #[test]
    fn filters_a_published_index() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let new = |values: &[u32]| {
            Filter::new(
                s(&["rag"]),
                s(&["Status"]),
                &[2],
                s(&["red", "green"]),
                s(&["Red", "Green"]),
                s(&["a", "b"]),
                s(&["foster carers", "homes"]),
                &[18000.0, f64::NAN],
                values,
            )
        };
        let mut f = new(&[1, 0, 1, 1]).unwrap();
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
        assert!(new(&[1, 0, 1]).is_err(), "truncated");
        assert!(new(&[1, 0, 1, 5]).is_err(), "no value 5");
    }
}

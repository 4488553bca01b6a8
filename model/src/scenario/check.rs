//! The checks of a scenario's fields that are not formulas: its id, horizon and inputs, the
//! shape of each series and what the charts name.

use std::collections::BTreeMap;

use super::compile::Def;
use super::scope::backticked;
use super::{Horizon, Input, MAX_YEARS, Scenario, ScenarioError, SeriesDef};

/// Is `s` a scenario id: `[a-z0-9]+(-[a-z0-9]+)*`?
pub fn is_scenario_id(s: &str) -> bool {
    !s.is_empty()
        && s.split('-').all(|part| {
            !part.is_empty()
                && part
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}

impl Scenario {
    /// The id, the horizon and the inputs.
    pub(super) fn check_fields(&self, errors: &mut Vec<ScenarioError>) {
        if !is_scenario_id(&self.id) {
            let mut e = ScenarioError::field("id", format!("`{}` is not a valid scenario id", self.id))
                .expected("lower-case letters and digits in words joined by single hyphens, e.g. `foster-sufficiency`");
            let s = crate::validate::slugify(&self.id);
            if is_scenario_id(&s) {
                e = e.hint(format!("try `{s}`"));
            }
            errors.push(e);
        }
        check_horizon(self.horizon, errors);
        if self.inputs.is_empty() {
            errors.push(
                ScenarioError::field("inputs", "a scenario needs at least one input")
                    .hint("inputs are the sliders readers move"),
            );
        }
        if self.series.is_empty() {
            errors.push(ScenarioError::field(
                "series",
                "a scenario needs at least one series",
            ));
        }
        for (i, input) in self.inputs.iter().enumerate() {
            check_input(i, input, errors);
        }
    }

    /// A series has `value`, or both `start` and `next`.
    pub(super) fn check_series_shape(
        &self,
        i: usize,
        s: &SeriesDef,
        errors: &mut Vec<ScenarioError>,
    ) {
        const HINT: &str = "a series is either worked out afresh each year (`value`) or carried forward from a first value (`start` and `next`)";
        match (&s.value, &s.start, &s.next) {
            (Some(_), start, next) => {
                for (field, f) in [("start", start), ("next", next)] {
                    if f.is_some() {
                        errors.push(
                            ScenarioError::field(
                                format!("series[{i}].{field}"),
                                format!("`{field}` cannot be used together with `value`"),
                            )
                            .hint(HINT),
                        );
                    }
                }
            }
            (None, Some(_), Some(_)) => {}
            (None, Some(_), None) => errors.push(
                ScenarioError::field(
                    format!("series[{i}]"),
                    format!("`{}` has `start` but no `next`", s.id),
                )
                .expected("`next`: the formula for every year after the first")
                .hint(HINT),
            ),
            (None, None, Some(_)) => errors.push(
                ScenarioError::field(
                    format!("series[{i}]"),
                    format!("`{}` has `next` but no `start`", s.id),
                )
                .expected("`start`: the value in the first year")
                .hint(HINT),
            ),
            (None, None, None) => errors.push(
                ScenarioError::field(format!("series[{i}]"), format!("`{}` has no formula", s.id))
                    .expected("either `value`, or both `start` and `next`")
                    .hint(HINT),
            ),
        }
    }

    /// Every chart shows at least one series, and names only series.
    pub(super) fn check_charts(
        &self,
        names: &BTreeMap<&str, Def>,
        errors: &mut Vec<ScenarioError>,
    ) {
        let series_ids: Vec<&str> = self.series.iter().map(|s| s.id.as_str()).collect();
        for (c, chart) in self.charts.iter().enumerate() {
            if chart.series.is_empty() {
                errors.push(ScenarioError::field(
                    format!("charts[{c}].series"),
                    "a chart needs at least one series",
                ));
            }
            for (k, id) in chart.series.iter().enumerate() {
                let path = format!("charts[{c}].series[{k}]");
                match names.get(id.as_str()) {
                    Some(Def::Series(_)) => {}
                    Some(Def::Input(_)) => errors.push(
                        ScenarioError::field(
                            path,
                            format!("`{id}` is an input; charts show series"),
                        )
                        .expected(format!("one of the series: {}", backticked(&series_ids))),
                    ),
                    Some(Def::Output(_)) => errors.push(
                        ScenarioError::field(
                            path,
                            format!("`{id}` is an output; charts show series"),
                        )
                        .expected(format!("one of the series: {}", backticked(&series_ids))),
                    ),
                    None => {
                        let mut e = ScenarioError::field(path, format!("unknown series `{id}`"))
                            .expected(format!("one of the series: {}", backticked(&series_ids)));
                        if let Some(near) = crate::validate::closest(id, series_ids.iter().copied())
                        {
                            e = e.hint(format!("did you mean `{near}`?"));
                        }
                        errors.push(e);
                    }
                }
            }
        }
    }
}

/// The horizon runs forwards, and for at most [`MAX_YEARS`] years.
fn check_horizon(h: Horizon, errors: &mut Vec<ScenarioError>) {
    let Horizon { from, to } = h;
    if from > to {
        errors.push(
            ScenarioError::field(
                "horizon.to",
                format!("the horizon ends ({to}) before it starts ({from})"),
            )
            .expected(format!("a year from {from}")),
        );
    } else if i64::from(to) - i64::from(from) >= MAX_YEARS {
        errors.push(
            ScenarioError::field(
                "horizon.to",
                format!(
                    "the horizon is {} years long; the limit is {MAX_YEARS}",
                    i64::from(to) - i64::from(from) + 1
                ),
            )
            .expected(format!("a year up to {}", i64::from(from) + MAX_YEARS - 1)),
        );
    }
}

/// Input `i`: finite numbers, `min` below `max`, a positive `step` and the default in range.
fn check_input(i: usize, input: &Input, errors: &mut Vec<ScenarioError>) {
    let p = |field: &str| format!("inputs[{i}].{field}");
    let mut all_finite = true;
    for (field, v) in [
        ("min", input.min),
        ("max", input.max),
        ("step", input.step),
        ("default", input.default),
    ] {
        if !v.is_finite() {
            all_finite = false;
            errors.push(
                ScenarioError::field(p(field), format!("`{field}` must be a number, not {v}"))
                    .expected("a finite number"),
            );
        }
    }
    if !all_finite {
        return;
    }
    if input.min >= input.max {
        errors.push(
            ScenarioError::field(
                p("max"),
                format!(
                    "`max` ({}) must be greater than `min` ({})",
                    input.max, input.min
                ),
            )
            .expected(format!("a number above {}", input.min)),
        );
    }
    if input.step <= 0.0 {
        errors.push(
            ScenarioError::field(
                p("step"),
                format!("`step` must be above 0, not {}", input.step),
            )
            .expected("a positive number, e.g. `1` or `0.5`"),
        );
    }
    if input.min < input.max && !(input.min..=input.max).contains(&input.default) {
        errors.push(
            ScenarioError::field(
                p("default"),
                format!(
                    "`default` ({}) is outside the range {} to {}",
                    input.default, input.min, input.max
                ),
            )
            .expected(format!("a number from {} to {}", input.min, input.max)),
        );
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;
    use crate::scenario::*;

    #[test]
    fn field_validation() {
        let mut s = make(&[value("x", "a")], &[]);
        s.id = "Foster Sufficiency".to_string();
        s.horizon = Horizon {
            from: 2030,
            to: 2025,
        };
        s.inputs[0].min = 5.0;
        s.inputs[0].max = 5.0;
        s.inputs[1].step = 0.0;
        s.inputs[1].default = 101.0;
        let es = errors(&s);
        let paths: Vec<&str> = es.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "id",
                "horizon.to",
                "inputs[0].max",
                "inputs[1].step",
                "inputs[1].default"
            ]
        );
        assert_eq!(es[0].hint.as_deref(), Some("try `foster-sufficiency`"));
        assert_eq!(
            es[1].message,
            "the horizon ends (2025) before it starts (2030)"
        );

        let mut s = make(&[value("x", "a")], &[]);
        s.horizon = Horizon {
            from: 2000,
            to: 2100,
        };
        assert_eq!(
            one_error(&s).message,
            "the horizon is 101 years long; the limit is 100"
        );
        s.horizon = Horizon {
            from: i32::MIN,
            to: i32::MAX,
        };
        assert_eq!(one_error(&s).path, "horizon.to");
        s.horizon = Horizon {
            from: 2000,
            to: 2099,
        };
        assert!(s.compile(&metrics()).is_ok());
        s.inputs[0].default = f64::NAN;
        assert_eq!(one_error(&s).path, "inputs[0].default");

        for id in ["a", "b1", "foster-sufficiency", "2025-plan"] {
            assert!(is_scenario_id(id), "{id}");
        }
        for id in ["", "-a", "a-", "a--b", "A", "a_b", "a b"] {
            assert!(!is_scenario_id(id), "{id}");
        }
    }

    #[test]
    fn series_shapes() {
        let s = make(
            &[
                ("v", Some("1"), Some("2"), Some("3")),
                ("s", Some("1"), None, None),
                ("n", None, Some("1"), None),
                ("e", None, None, None),
            ],
            &[],
        );
        let got: Vec<(String, String)> = errors(&s)
            .into_iter()
            .map(|e| (e.path, e.message))
            .collect();
        assert_eq!(
            got,
            vec![
                (
                    "series[0].start".into(),
                    "`start` cannot be used together with `value`".into()
                ),
                (
                    "series[0].next".into(),
                    "`next` cannot be used together with `value`".into()
                ),
                ("series[1]".into(), "`s` has `start` but no `next`".into()),
                ("series[2]".into(), "`n` has `next` but no `start`".into()),
                ("series[3]".into(), "`e` has no formula".into()),
            ]
        );
    }

    #[test]
    fn chart_references() {
        let mut s = foster();
        s.charts.push(ChartDef {
            title: "T".to_string(),
            series: vec![
                "household".to_string(),
                "approvals".to_string(),
                "shortfall_end".to_string(),
            ],
            kind: ChartKind::Bar,
            y_label: None,
        });
        s.charts.push(ChartDef {
            title: "Empty".to_string(),
            series: Vec::new(),
            kind: ChartKind::Line,
            y_label: None,
        });
        let es = errors(&s);
        let paths: Vec<&str> = es.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            vec![
                "charts[1].series[0]",
                "charts[1].series[1]",
                "charts[1].series[2]",
                "charts[2].series"
            ]
        );
        assert_eq!(es[0].hint.as_deref(), Some("did you mean `households`?"));
        assert!(es[1].message.contains("input"));
        assert!(es[2].message.contains("output"));
    }
}

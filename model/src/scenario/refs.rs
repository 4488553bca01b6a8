//! `metric(...)` calls: what a scenario's formulas ask of the content's measures. The caller
//! resolves each [`MetricRef`] and hands the values to [`Scenario::compile`] by [`metric_key`].

use serde::Serialize;

use super::{FormulaText, Scenario};
use crate::formula::{self, Expr, ExprKind, FormulaError};

/// A `metric("id")` or `metric("id", "period")` call; `offset`/`len` cover the whole call.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct MetricRef {
    pub id: String,
    pub period: Option<String>,
    pub path: String,
    pub offset: usize,
    pub len: usize,
}

impl MetricRef {
    pub fn key(&self) -> String {
        metric_key(&self.id, self.period.as_deref())
    }
}

/// The key of a metric value in the map given to [`Scenario::compile`]: `children-in-care`
/// for the latest value, `children-in-care@2021` for the value at a period.
pub fn metric_key(id: &str, period: Option<&str>) -> String {
    match period {
        Some(p) => format!("{id}@{p}"),
        None => id.to_string(),
    }
}

/// The id and period of a `metric(...)` call with the right number of arguments.
pub(super) fn metric_args(args: &[Expr]) -> Result<(String, Option<String>), FormulaError> {
    let text = |e: &Expr, what: &str| match &e.kind {
        ExprKind::Text(s) => Ok(s.clone()),
        _ => Err(
            FormulaError::at(e, format!("expected the {what} in quotes"))
                .expected("text in quotes, e.g. `metric(\"children-in-care\", \"2021\")`"),
        ),
    };
    let id = text(&args[0], "metric id")?;
    let period = match args.get(1) {
        Some(p) => Some(text(p, "period")?),
        None => None,
    };
    Ok((id, period))
}

impl Scenario {
    /// Every formula with its field path, in file order.
    fn formulas(&self) -> Vec<(String, &FormulaText)> {
        let mut out = Vec::new();
        for (i, s) in self.series.iter().enumerate() {
            for (field, f) in [("start", &s.start), ("next", &s.next), ("value", &s.value)] {
                if let Some(f) = f {
                    out.push((format!("series[{i}].{field}"), f));
                }
            }
        }
        for (i, o) in self.outputs.iter().enumerate() {
            out.push((format!("outputs[{i}].value"), &o.value));
        }
        out
    }

    /// Every well-formed `metric("...")` call in the scenario's formulas, so the caller can
    /// resolve them. Formulas with syntax errors are skipped (`compile` reports them).
    pub fn metric_refs(&self) -> Vec<MetricRef> {
        let mut out = Vec::new();
        for (path, text) in self.formulas() {
            let Ok(expr) = formula::parse(text.as_str()) else {
                continue;
            };
            expr.walk(&mut |e| {
                if let ExprKind::Call { name, args, .. } = &e.kind
                    && name == "metric"
                    && (1..=2).contains(&args.len())
                    && let Ok((id, period)) = metric_args(args)
                {
                    out.push(MetricRef {
                        id,
                        period,
                        path: path.clone(),
                        offset: e.offset,
                        len: e.len,
                    });
                }
            });
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;
    use crate::scenario::*;
    use std::collections::BTreeMap;

    #[test]
    fn metric_references() {
        let mut s = foster();
        s.outputs.push(OutputDef {
            id: "change".to_string(),
            label: "Change".to_string(),
            value: "children_in_care[first] - metric(\"children-in-care\", '2021') + metric('x'"
                .into(),
            unit: None,
            decimals: None,
            note: None,
        });
        s.outputs.push(OutputDef {
            id: "change2".to_string(),
            label: "Change".to_string(),
            value: "children_in_care[first] - metric(\"children-in-care\", '2021') + metric(x)"
                .into(),
            unit: None,
            decimals: None,
            note: None,
        });
        let refs = s.metric_refs();
        assert_eq!(
            refs,
            vec![
                MetricRef {
                    id: "children-in-care".to_string(),
                    period: None,
                    path: "series[1].start".to_string(),
                    offset: 0,
                    len: 26,
                },
                MetricRef {
                    id: "children-in-care".to_string(),
                    period: Some("2021".to_string()),
                    path: "outputs[2].value".to_string(),
                    offset: 26,
                    len: 34,
                },
            ]
        );
        assert_eq!(refs[1].key(), "children-in-care@2021");
        assert_eq!(metric_key("a", None), "a");

        let es = errors(&s);
        assert_eq!(es.len(), 2, "{es:#?}");
        assert_eq!(es[0].path, "outputs[1].value");
        assert_eq!(es[0].offset, Some(73));
        assert_eq!(es[1].path, "outputs[2].value");
        assert_eq!((es[1].offset, es[1].len), (Some(70), 1));

        // A metric the caller could not resolve is an error at the call.
        let e = foster().compile(&BTreeMap::new()).unwrap_err();
        assert_eq!(e.len(), 1);
        assert_eq!(
            (e[0].path.as_str(), e[0].offset, e[0].len),
            ("series[1].start", Some(0), 26)
        );
        assert_eq!(e[0].message, "no value found for metric `children-in-care`");
    }
}

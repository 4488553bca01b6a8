//! Name resolution in a scenario's formulas: what a name, `x[prev]`, `x[last]`, `year`,
//! `metric(...)`, `total(x)` and `mean(x)` mean in each kind of formula (the table in
//! [`super`]), and the same-year references that decide the evaluation order.

use std::collections::BTreeMap;

use super::compile::{Def, Dep, Role};
use super::refs::metric_args;
use super::{Horizon, metric_key};
use crate::formula::{self, Expr, ExprKind, FormulaError, Index, Op, Scope};

/// What names mean in one formula: the scenario's names, the kind of formula, and the
/// same-year references found so far.
#[derive(Debug)]
pub(super) struct FormulaScope<'a> {
    pub(super) names: &'a BTreeMap<&'a str, Def>,
    pub(super) inputs: &'a [&'a str],
    pub(super) series: &'a [&'a str],
    /// Valid horizon, if it is.
    pub(super) horizon: Option<Horizon>,
    pub(super) metrics: &'a BTreeMap<String, f64>,
    pub(super) role: Role,
    pub(super) deps: Vec<Dep>,
}

/// Names in backticks, joined with commas and "and" (`none` for no names).
pub(super) fn backticked(names: &[&str]) -> String {
    let v: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match v.as_slice() {
        [] => "none".to_string(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

impl FormulaScope<'_> {
    fn unknown(&self, expr: &Expr, name: &str) -> FormulaError {
        let mut err = FormulaError::new(
            expr.offset,
            name_len(expr, name),
            format!("unknown name `{name}`"),
        );
        let builtins: &[&str] = if self.role == Role::Output {
            &[]
        } else {
            &["year", "step"]
        };
        let candidates = self
            .inputs
            .iter()
            .chain(self.series.iter())
            .chain(builtins.iter())
            .copied();
        err = if let Some(f) = formula::function(name) {
            err.hint(format!("`{name}` is a function: write {}", f.usage))
        } else if let Some(near) = crate::validate::closest(name, candidates) {
            err.hint(format!("did you mean `{near}`?"))
        } else {
            err.hint(format!(
                "the inputs are {}; the series are {}",
                backticked(self.inputs),
                backticked(self.series)
            ))
        };
        err
    }

    fn dep(&mut self, expr: &Expr, to: usize, prev: bool) {
        self.deps.push(Dep {
            to,
            offset: expr.offset,
            len: expr.len,
            prev,
        });
    }

    fn year_step(&self, expr: &Expr, name: &str, index: Option<Index>) -> Result<Op, FormulaError> {
        if index.is_some() {
            return Err(
                FormulaError::at(expr, format!("`{name}` cannot be indexed"))
                    .hint("only series take `[...]`; for last year write `year - 1`"),
            );
        }
        if self.role == Role::Output {
            return Err(FormulaError::at(
                expr,
                format!("`{name}` has no single value in an output"),
            )
            .hint("outputs are worked out once over the whole horizon; name a year, e.g. `households[last]`"));
        }
        Ok(if name == "year" { Op::Year } else { Op::Step })
    }

    fn series_ref(
        &mut self,
        expr: &Expr,
        name: &str,
        s: usize,
        index: Option<Index>,
    ) -> Result<Op, FormulaError> {
        let slot = s as u32;
        if self.role == Role::Output {
            let Some(h) = self.horizon else {
                return Ok(Op::At(slot, 0));
            };
            return match index {
                None => Err(FormulaError::at(
                    expr,
                    format!("`{name}` has a value for every year; an output needs one"),
                )
                .hint(format!("say which year, e.g. `{name}[last]`"))),
                Some(Index::Prev) => Err(FormulaError::at(expr, "`[prev]` has no meaning in an output")
                    .hint(format!(
                        "outputs are worked out after the last year; write `{name}[last]`, `{name}[first]` or a year such as `{name}[{}]`",
                        h.from
                    ))),
                Some(Index::First) => Ok(Op::At(slot, 0)),
                Some(Index::Last) => Ok(Op::At(slot, (h.to - h.from) as u32)),
                Some(Index::Year(y)) => {
                    if (h.from..=h.to).contains(&y) {
                        Ok(Op::At(slot, (y - h.from) as u32))
                    } else {
                        Err(FormulaError::at(
                            expr,
                            format!("{y} is outside the horizon ({} to {})", h.from, h.to),
                        )
                        .expected(format!("a year from {} to {}", h.from, h.to)))
                    }
                }
            };
        }
        match index {
            None => {
                if self.role == Role::Next(s) {
                    self.dep(expr, s, true);
                    Ok(Op::Prev(slot))
                } else {
                    self.dep(expr, s, false);
                    Ok(Op::Cur(slot))
                }
            }
            Some(Index::Prev) => {
                self.dep(expr, s, true);
                Ok(Op::Prev(slot))
            }
            Some(i) => Err(FormulaError::at(
                expr,
                format!("`[{i}]` cannot be used in a series formula"),
            )
            .expected(format!(
                "`{name}` (this year) or `{name}[prev]` (last year)"
            ))
            .hint("`[first]`, `[last]` and years can be used in outputs")),
        }
    }
}

/// The length of the name in a (possibly indexed) name expression.
fn name_len(expr: &Expr, name: &str) -> usize {
    match expr.kind {
        ExprKind::Index { .. } => name.chars().count(),
        _ => expr.len,
    }
}

impl Scope for FormulaScope<'_> {
    fn name(&mut self, expr: &Expr, name: &str, index: Option<Index>) -> Result<Op, FormulaError> {
        if matches!(name, "year" | "step") {
            return self.year_step(expr, name, index);
        }
        match self.names.get(name).copied() {
            None => Err(self.unknown(expr, name)),
            Some(Def::Input(i)) => match index {
                None => Ok(Op::Input(i as u32)),
                Some(ix) => Err(FormulaError::at(
                    expr,
                    format!("`{name}` is an input, which has the same value every year, so it cannot take `[{ix}]`"),
                )
                .hint(format!("write `{name}`"))),
            },
            Some(Def::Output(_)) => Err(FormulaError::new(
                expr.offset,
                name_len(expr, name),
                if self.role == Role::Output {
                    format!("`{name}` is an output; outputs cannot use other outputs")
                } else {
                    format!("`{name}` is an output; series cannot use outputs")
                },
            )
            .hint("repeat its formula here, or make it a series")),
            Some(Def::Series(s)) => self.series_ref(expr, name, s, index),
        }
    }

    fn special(&mut self, call: &Expr, name: &str, args: &[Expr]) -> Result<Op, FormulaError> {
        if name == "metric" {
            let (id, period) = metric_args(args)?;
            let key = metric_key(&id, period.as_deref());
            return match self.metrics.get(&key) {
                Some(&v) => Ok(Op::Const(v)),
                None => {
                    let what = match &period {
                        Some(p) => format!("no value found for metric `{id}` in period `{p}`"),
                        None => format!("no value found for metric `{id}`"),
                    };
                    Err(FormulaError::at(call, what).hint(
                        "check the metric id against content/metrics/ and that it has a published value for that period",
                    ))
                }
            };
        }
        if self.role != Role::Output {
            return Err(FormulaError::new(
                call.offset,
                name.len(),
                format!("`{name}` can only be used in outputs"),
            )
            .hint("for a running total in a series, use `start` and `next`, e.g. `next: \"so_far + x\"`"));
        }
        let arg = &args[0];
        let series = match &arg.kind {
            ExprKind::Name(n) => match self.names.get(n.as_str()).copied() {
                Some(Def::Series(s)) => Some(s),
                None if !matches!(n.as_str(), "year" | "step") => return Err(self.unknown(arg, n)),
                _ => None,
            },
            _ => None,
        };
        match series {
            Some(s) => Ok(if name == "total" {
                Op::Total(s as u32)
            } else {
                Op::Mean(s as u32)
            }),
            None => Err(
                FormulaError::at(arg, format!("`{name}` needs the name of a series"))
                    .expected(format!("a series name, e.g. `{name}(households)`")),
            ),
        }
    }

    fn is_defined(&self, name: &str) -> bool {
        self.names.contains_key(name)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;

    #[test]
    fn self_reference_in_next_means_previous() {
        let s = make(
            &[
                stock("x", "10", "x * 2 + x[prev] - step + year - year"),
                value("d", "x - x[prev]"),
            ],
            &[],
        );
        let r = s.compile(&metrics()).unwrap().evaluate(&[]);
        // x: 10, 10*3 - 1 = 29, 29*3 - 2 = 85, 85*3 - 3 = 252
        assert_eq!(r.series[0], vec![10.0, 29.0, 85.0, 252.0]);
        // [prev] in the first year is the first year's value.
        assert_eq!(r.series[1], vec![0.0, 19.0, 56.0, 167.0]);
    }

    #[test]
    fn unknown_names_and_functions() {
        let e = one_error(&make(&[value("x", "a + zzz_top")], &[]));
        assert_eq!(
            (e.path.as_str(), e.offset, e.len),
            ("series[0].value", Some(4), 7)
        );
        assert_eq!(e.message, "unknown name `zzz_top`");
        assert_eq!(
            e.hint.as_deref(),
            Some("the inputs are `a` and `b`; the series are `x`")
        );
        let s = foster();
        let mut bad = s.clone();
        bad.series[0].next = Some("households * (1 - leaving_pc/100) + aprovals".into());
        let es = errors(&bad);
        assert_eq!(es.len(), 2);
        assert_eq!((es[0].offset, es[0].len), (Some(18), 10));
        assert_eq!(es[0].hint.as_deref(), Some("did you mean `leaving_pct`?"));
        assert_eq!((es[1].offset, es[1].len), (Some(36), 8));
        assert_eq!(es[1].hint.as_deref(), Some("did you mean `approvals`?"));

        let e = one_error(&make(&[value("x", "mean + 1")], &[]));
        assert!(e.hint.unwrap().contains("function"));
        let e = one_error(&make(&[value("x", "maxx(a, 1)")], &[]));
        assert_eq!(e.message, "unknown function `maxx`");
        assert_eq!((e.offset, e.len), (Some(0), 4));
    }

    #[test]
    fn index_rules() {
        let e = one_error(&make(&[value("x", "a"), value("y", "x[last] + 1")], &[]));
        assert_eq!(
            (e.path.as_str(), e.offset, e.len),
            ("series[1].value", Some(0), 7)
        );
        assert!(e.hint.unwrap().contains("outputs"));
        let e = one_error(&make(&[value("x", "a[prev]")], &[]));
        assert!(e.message.contains("is an input"));
        let e = one_error(&make(&[value("x", "year[prev]")], &[]));
        assert!(e.message.contains("cannot be indexed"));

        let e = one_error(&make(&[value("x", "a")], &[("o", "x * 2")]));
        assert_eq!(
            (e.path.as_str(), e.offset, e.len),
            ("outputs[0].value", Some(0), 1)
        );
        assert_eq!(e.hint.as_deref(), Some("say which year, e.g. `x[last]`"));
        let e = one_error(&make(&[value("x", "a")], &[("o", "x[2029]")]));
        assert_eq!(e.message, "2029 is outside the horizon (2025 to 2028)");
        assert_eq!((e.offset, e.len), (Some(0), 7));
        let e = one_error(&make(&[value("x", "a")], &[("o", "x[prev]")]));
        assert!(e.message.contains("`[prev]`"));
        let e = one_error(&make(&[value("x", "a")], &[("o", "year")]));
        assert!(e.message.contains("no single value"));
        let e = one_error(&make(
            &[value("x", "a")],
            &[("o", "x[last]"), ("p", "o + 1")],
        ));
        assert_eq!(e.path, "outputs[1].value");
        assert!(e.message.contains("outputs cannot use other outputs"));
        let e = one_error(&make(&[value("x", "total(x)")], &[]));
        assert_eq!((e.offset, e.len), (Some(0), 5));
        assert!(e.message.contains("only be used in outputs"));
        let e = one_error(&make(&[value("x", "a")], &[("o", "total(a)")]));
        assert_eq!((e.offset, e.len), (Some(6), 1));
        let e = one_error(&make(&[value("x", "a")], &[("o", "mean(x[last])")]));
        assert!(e.message.contains("needs the name of a series"));
    }
}

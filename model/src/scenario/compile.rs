//! Compiling a scenario: names, each formula to instructions (see [`crate::formula`]), the
//! evaluation order of the series and the checks of everything else
//! ([`super::check`]), every error found reported, not just the first.

use std::collections::BTreeMap;

use super::evaluate::{Code, Compiled};
use super::order::order;
use super::scope::FormulaScope;
use super::{FormulaText, Horizon, MAX_YEARS, Scenario, ScenarioError};
use crate::formula::{self, Op};

/// What an id names: an input, a series or an output, by position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Def {
    Input(usize),
    Series(usize),
    Output(usize),
}

impl Def {
    pub(super) fn path(self) -> String {
        match self {
            Def::Input(i) => format!("inputs[{i}]"),
            Def::Series(i) => format!("series[{i}]"),
            Def::Output(i) => format!("outputs[{i}]"),
        }
    }
}

/// The kind of formula being compiled (series `i`'s `start`, `next` or `value`, or an
/// output), which decides what names mean in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Role {
    Start(usize),
    Next(usize),
    Value(usize),
    Output,
}

/// A same-year reference from one series formula to a series.
#[derive(Clone, Debug)]
pub(super) struct Dep {
    pub(super) to: usize,
    pub(super) offset: usize,
    pub(super) len: usize,
    /// Written `x[prev]` (or the series itself in its `next`).
    pub(super) prev: bool,
}

/// An edge of an evaluation-order graph: where it is written, for cycle reports.
#[derive(Clone, Debug)]
pub(super) struct Edge {
    pub(super) to: usize,
    pub(super) path: String,
    pub(super) offset: usize,
    pub(super) len: usize,
    pub(super) prev: bool,
}

/// The edges of one formula's references; `only_same_year` leaves out `[prev]` ones.
fn edges(path: &str, deps: Vec<Dep>, only_same_year: bool) -> Vec<Edge> {
    deps.into_iter()
        .filter(|d| !(only_same_year && d.prev))
        .map(|d| Edge {
            to: d.to,
            path: path.to_string(),
            offset: d.offset,
            len: d.len,
            prev: d.prev,
        })
        .collect()
}

/// The suggested formula name for an id that is not one: `Leaving %` -> `leaving`.
fn suggest_name(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('_') && !out.is_empty() {
            out.push('_');
        }
    }
    let out = out.trim_end_matches('_').to_string();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{out}")
    } else {
        out
    }
}

/// A scenario's formulas being compiled into one instruction list.
struct Compiler<'a> {
    names: &'a BTreeMap<&'a str, Def>,
    inputs: &'a [&'a str],
    series: &'a [&'a str],
    /// Valid horizon, if it is.
    horizon: Option<Horizon>,
    metrics: &'a BTreeMap<String, f64>,
    ops: Vec<Op>,
}

impl Compiler<'_> {
    /// Compile one formula onto the end of the instruction list: its code (`None` when it has
    /// errors, which are reported) and the series it refers to.
    fn formula(
        &mut self,
        path: &str,
        text: &FormulaText,
        role: Role,
        errors: &mut Vec<ScenarioError>,
    ) -> (Option<Code>, Vec<Dep>) {
        let expr = match formula::parse(text.as_str()) {
            Ok(e) => e,
            Err(e) => {
                errors.push(ScenarioError::formula(path, e));
                return (None, Vec::new());
            }
        };
        let mut scope = FormulaScope {
            names: self.names,
            inputs: self.inputs,
            series: self.series,
            horizon: self.horizon,
            metrics: self.metrics,
            role,
            deps: Vec::new(),
        };
        match formula::lower(&expr, &mut scope) {
            Ok(code) => {
                let start = self.ops.len() as u32;
                self.ops.extend(code);
                (
                    Some(Code {
                        start,
                        end: self.ops.len() as u32,
                    }),
                    scope.deps,
                )
            }
            Err(es) => {
                errors.extend(es.into_iter().map(|e| ScenarioError::formula(path, e)));
                (None, scope.deps)
            }
        }
    }
}

/// Per series, the code and the evaluation-order edges for the first year and for later
/// years.
struct SeriesCode {
    first: Vec<Option<Code>>,
    rest: Vec<Option<Code>>,
    first_edges: Vec<Vec<Edge>>,
    rest_edges: Vec<Vec<Edge>>,
}

impl Scenario {
    /// Check, resolve and compile. `metrics` maps [`super::metric_key`]s to values; a missing
    /// key is an error at that call. Every error found is reported, not just the first.
    pub fn compile(&self, metrics: &BTreeMap<String, f64>) -> Result<Compiled, Vec<ScenarioError>> {
        let mut errors = Vec::new();
        self.check_fields(&mut errors);
        let names = self.names(&mut errors);
        let horizon_ok = self.horizon.from <= self.horizon.to
            && i64::from(self.horizon.to) - i64::from(self.horizon.from) < MAX_YEARS;
        let input_ids: Vec<&str> = self.inputs.iter().map(|i| i.id.as_str()).collect();
        let series_ids: Vec<&str> = self.series.iter().map(|s| s.id.as_str()).collect();
        let mut compiler = Compiler {
            names: &names,
            inputs: &input_ids,
            series: &series_ids,
            horizon: horizon_ok.then_some(self.horizon),
            metrics,
            ops: Vec::new(),
        };
        let code = self.compile_series(&mut compiler, &mut errors);
        let mut outputs = Vec::new();
        for (i, o) in self.outputs.iter().enumerate() {
            let path = format!("outputs[{i}].value");
            outputs.push(
                compiler
                    .formula(&path, &o.value, Role::Output, &mut errors)
                    .0,
            );
        }
        self.check_charts(&names, &mut errors);

        // Evaluation order; cycles.
        let mut reported: Vec<(String, usize)> = Vec::new();
        let rest_order = order(
            &code.rest_edges,
            &series_ids,
            None,
            &mut reported,
            &mut errors,
        );
        let first_order = order(
            &code.first_edges,
            &series_ids,
            Some(self.horizon.from),
            &mut reported,
            &mut errors,
        );

        if !errors.is_empty() {
            return Err(errors);
        }
        let plan = |order: Vec<usize>, codes: &[Option<Code>]| -> Vec<(u32, Code)> {
            order
                .into_iter()
                .filter_map(|s| codes.get(s).copied().flatten().map(|c| (s as u32, c)))
                .collect()
        };
        Ok(Compiled {
            years: (self.horizon.from..=self.horizon.to).collect(),
            input_ids: input_ids.iter().map(|s| s.to_string()).collect(),
            series_ids: series_ids.iter().map(|s| s.to_string()).collect(),
            output_ids: self.outputs.iter().map(|o| o.id.clone()).collect(),
            defaults: self.inputs.iter().map(|i| i.default).collect(),
            first: plan(first_order, &code.first),
            rest: plan(rest_order, &code.rest),
            outputs: outputs.into_iter().flatten().collect(),
            ops: compiler.ops,
        })
    }

    /// Every input, series and output by id, reporting ids that are not names, reserved
    /// words or used twice (the first definition wins).
    fn names(&self, errors: &mut Vec<ScenarioError>) -> BTreeMap<&str, Def> {
        let mut names: BTreeMap<&str, Def> = BTreeMap::new();
        let defs = self
            .inputs
            .iter()
            .enumerate()
            .map(|(i, d)| (Def::Input(i), d.id.as_str()))
            .chain(
                self.series
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (Def::Series(i), d.id.as_str())),
            )
            .chain(
                self.outputs
                    .iter()
                    .enumerate()
                    .map(|(i, d)| (Def::Output(i), d.id.as_str())),
            );
        for (def, id) in defs {
            let path = format!("{}.id", def.path());
            if !formula::is_name(id) {
                let mut e = ScenarioError::field(&path, format!("`{id}` is not a valid name"))
                    .expected("lower-case letters, digits and `_`, starting with a letter or `_`, e.g. `leaving_pct`");
                let s = suggest_name(id);
                if formula::is_name(&s) && !formula::is_reserved(&s) {
                    e = e.hint(format!("try `{s}`"));
                }
                errors.push(e);
            } else if formula::is_reserved(id) {
                errors.push(
                    ScenarioError::field(&path, format!("`{id}` is a reserved word")).hint(
                        "`year`, `step`, `prev`, `first`, `last` and function names cannot be ids",
                    ),
                );
            }
            match names.get(id) {
                Some(first) => errors.push(
                    ScenarioError::field(
                        &path,
                        format!("the id `{id}` is already used by {}", first.path()),
                    )
                    .hint("ids must be unique across inputs, series and outputs"),
                ),
                None => {
                    names.insert(id, def);
                }
            }
        }
        names
    }

    /// Each series' formulas: the code and edges for the first year (`value` or `start`) and
    /// for later years (`value` or `next`).
    fn compile_series(
        &self,
        compiler: &mut Compiler,
        errors: &mut Vec<ScenarioError>,
    ) -> SeriesCode {
        let n = self.series.len();
        let mut out = SeriesCode {
            first: vec![None; n],
            rest: vec![None; n],
            first_edges: vec![Vec::new(); n],
            rest_edges: vec![Vec::new(); n],
        };
        for (i, s) in self.series.iter().enumerate() {
            self.check_series_shape(i, s, errors);
            if let Some(text) = &s.value {
                let path = format!("series[{i}].value");
                let (code, deps) = compiler.formula(&path, text, Role::Value(i), errors);
                out.first[i] = code;
                out.rest[i] = code;
                out.first_edges[i] = edges(&path, deps.clone(), false);
                out.rest_edges[i] = edges(&path, deps, true);
            }
            if let Some(text) = &s.start {
                let path = format!("series[{i}].start");
                let (code, deps) = compiler.formula(&path, text, Role::Start(i), errors);
                if s.value.is_none() {
                    out.first[i] = code;
                    out.first_edges[i] = edges(&path, deps, false);
                }
            }
            if let Some(text) = &s.next {
                let path = format!("series[{i}].next");
                let (code, deps) = compiler.formula(&path, text, Role::Next(i), errors);
                if s.value.is_none() {
                    out.rest[i] = code;
                    out.rest_edges[i] = edges(&path, deps, true);
                }
            }
        }
        out
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;

    #[test]
    fn id_rules() {
        let mut s = make(
            &[
                value("x", "a"),
                value("Bad-Id", "1"),
                value("year", "1"),
                value("a", "1"),
            ],
            &[("x", "x[last]")],
        );
        s.inputs.clear();
        let es = errors(&s);
        let got: Vec<(&str, &str)> = es
            .iter()
            .map(|e| (e.path.as_str(), e.message.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("inputs", "a scenario needs at least one input"),
                ("series[1].id", "`Bad-Id` is not a valid name"),
                ("series[2].id", "`year` is a reserved word"),
                ("outputs[0].id", "the id `x` is already used by series[0]"),
            ]
        );
        assert_eq!(es[1].hint.as_deref(), Some("try `bad_id`"));

        let mut s = make(&[value("b", "a")], &[]);
        s.series.clear();
        s.inputs[1].id = "a".to_string();
        let es = errors(&s);
        let paths: Vec<&str> = es.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(paths, vec!["series", "inputs[1].id"]);
        assert!(es[1].message.contains("inputs[0]"));
    }

    #[test]
    fn formula_errors_carry_paths_and_offsets() {
        let s = make(
            &[
                value("x", ""),
                stock("y", "1 +", "y / (2 - 2)"),
                value("z", "x".repeat(2001).leak()),
            ],
            &[("o", "round(x[last], 1, 2)")],
        );
        let got: Vec<(String, Option<usize>, usize)> = errors(&s)
            .into_iter()
            .map(|e| (e.path, e.offset, e.len))
            .collect();
        assert_eq!(
            got,
            vec![
                ("series[0].value".into(), Some(0), 0),
                ("series[1].start".into(), Some(3), 0),
                ("series[1].next".into(), Some(5), 5),
                ("series[2].value".into(), Some(0), 2001),
                ("outputs[0].value".into(), Some(0), 20),
            ]
        );
    }
}

//! What-if scenarios: the content of `content/scenarios/<id>.yaml`, its checks, and the
//! compiled model the browser re-runs as readers move the sliders.
//!
//! A scenario has **inputs** (sliders), **series** (one value per year of the horizon) and
//! **outputs** (single numbers worked out from whole series). A series is either *derived*
//! (`value`, worked out afresh each year) or a *stock* (`start` for the first year, then `next`
//! for every later year). Formulas are described in [`crate::formula`].
//!
//! Name resolution, per kind of formula:
//!
//! | formula | bare series `x` | `x[prev]` | `x[first]`, `x[last]`, `x[2027]` | `total(x)`, `mean(x)` | `year`, `step` |
//! |---|---|---|---|---|---|
//! | `start` | `x` in the first year | same as `x` | error | error | yes |
//! | `next` | `x` this year; **itself** means its previous value | `x` last year | error | error | yes |
//! | `value` | `x` this year | `x` last year (first year: this year) | error | error | yes |
//! | output | error ("say which year") | error | yes | yes | error |
//!
//! Each year's series are evaluated in an order worked out at compile time from the
//! same-year references. `[prev]` adds no ordering constraint from the second year on; in the
//! first year `x[prev]` *is* the first year's value of `x`, so there it does (for a `value`
//! series), and a cycle through it is reported as a cycle "in the first year".

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::formula::{self, Env, Expr, ExprKind, FormulaError, Index, Op, Scope};

// ---------------------------------------------------------------- content types

/// One scenario file.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Kebab-case id used in URLs, e.g. `foster-sufficiency`.
    pub id: String,
    /// The question the forecast answers, such as Will we have enough of our own foster homes?
    pub title: String,
    /// Markdown, one paragraph.
    #[serde(default)]
    pub summary: Option<String>,
    /// Markdown shown to readers: how the forecast works.
    pub method: String,
    /// The years forecast, one step a year, both included (at most 100 years).
    pub horizon: Horizon,
    /// The sliders (at least one).
    pub inputs: Vec<Input>,
    /// The yearly series (at least one).
    pub series: Vec<SeriesDef>,
    /// Headline figures worked out from whole series.
    #[serde(default)]
    pub outputs: Vec<OutputDef>,
    /// Charts of the series, each with a data table and a text summary.
    #[serde(default)]
    pub charts: Vec<ChartDef>,
    /// Related metric ids (links), validated elsewhere.
    #[serde(default)]
    pub metrics: Vec<String>,
    /// Related priority ids, validated elsewhere.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Set by the loader.
    #[serde(skip)]
    pub file: String,
}

/// Inclusive years, one step per year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Horizon {
    /// The first year, such as 2024.
    pub from: i32,
    /// The last year, such as 2030.
    pub to: i32,
}

/// A slider.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Input {
    /// A name for formulas: lower-case letters, digits and _ (no hyphens).
    pub id: String,
    /// What the slider sets, in words.
    pub label: String,
    /// Shown with the value; "%" and "£ a week" style units are understood.
    #[serde(default)]
    pub unit: Option<String>,
    /// The slider's lowest value.
    pub min: f64,
    /// The slider's highest value.
    pub max: f64,
    /// How far one step of the slider moves.
    pub step: f64,
    /// The published assumption (between min and max).
    pub default: f64,
    /// Where the figure comes from (Markdown).
    #[serde(default)]
    pub source: Option<String>,
    /// A hint shown under the label (Markdown).
    #[serde(default)]
    pub help: Option<String>,
}

/// A series: either `value`, or both `start` and `next`.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct SeriesDef {
    /// A name for formulas: lower-case letters, digits and _ (no hyphens).
    pub id: String,
    /// What the series is, in words.
    pub label: String,
    /// Shown in the table heading, such as children.
    #[serde(default)]
    pub unit: Option<String>,
    /// The first year's value (a formula, with next).
    #[serde(default)]
    pub start: Option<FormulaText>,
    /// Every later year's value (a formula); the series' own name means its value last year.
    #[serde(default)]
    pub next: Option<FormulaText>,
    /// The value, worked out afresh every year (a formula, instead of start and next).
    #[serde(default)]
    pub value: Option<FormulaText>,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
}

/// A single number worked out from whole series.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct OutputDef {
    /// A name: lower-case letters, digits and _.
    pub id: String,
    /// What the figure is, in words.
    pub label: String,
    /// A formula; it may use x[first], x[last], x[2027], total(x) and mean(x).
    pub value: FormulaText,
    /// Shown with the figure, such as children.
    #[serde(default)]
    pub unit: Option<String>,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// A note shown with the figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// A chart of some of the series.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChartDef {
    /// The chart's title.
    pub title: String,
    /// Series ids.
    pub series: Vec<String>,
    /// line or bar (default line).
    #[serde(default)]
    pub kind: ChartKind,
    /// The label of the vertical axis.
    #[serde(default)]
    pub y_label: Option<String>,
}

/// How a scenario chart is drawn (not the same as [`crate::ChartKind`] of breakdowns).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    /// Lines.
    #[default]
    Line,
    /// Bars.
    Bar,
}

/// The text of a formula. In YAML it may be written as a string or a bare number
/// (`start: 270`); it always serialises as a string.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FormulaText(pub String);

impl FormulaText {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<&str> for FormulaText {
    fn from(s: &str) -> Self {
        FormulaText(s.to_string())
    }
}

impl fmt::Display for FormulaText {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Serialize for FormulaText {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// The JSON Schema of a formula (`hearth schema`): text, or a bare number.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for FormulaText {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Formula".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::scenario::FormulaText".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A formula, in quotes: numbers, + - * / ^, brackets, inputs and series by id (households[prev] is last year's value), metric('id') for the latest value of a measure, and the functions min, max, round, floor, ceil, abs, clamp and if. A plain number may be written without quotes.",
            "anyOf": [
                { "type": "string", "minLength": 1 },
                { "type": "number" }
            ],
            "examples": ["metric('fostering-households')", "households * (1 - leaving_pct / 100) + approvals", "shortfall[last]", 270]
        })
    }
}

impl<'de> Deserialize<'de> for FormulaText {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = FormulaText;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a formula (text or a number)")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<FormulaText, E> {
                Ok(FormulaText(v))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<FormulaText, E> {
                Ok(FormulaText(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

// ---------------------------------------------------------------- errors and metric references

/// A problem in a scenario: the field path (`series[2].next`), and for a formula the
/// character offset and length inside its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    pub path: String,
    /// Characters from the start of the formula, counting from 0; `None` for non-formula fields.
    pub offset: Option<usize>,
    pub len: usize,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl ScenarioError {
    fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            path: path.into(),
            offset: None,
            len: 0,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    fn formula(path: &str, e: FormulaError) -> Self {
        ScenarioError {
            path: path.to_string(),
            offset: Some(e.offset),
            len: e.len,
            message: e.message,
            expected: e.expected,
            hint: e.hint,
        }
    }

    fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(o) => write!(f, "{} (character {}): {}", self.path, o + 1, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ScenarioError {}

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

/// The version written first in [`Compiled::encode`]'s output.
const PROGRAM_VERSION: f64 = 1.0;

/// The longest horizon, in years.
pub const MAX_YEARS: i64 = 100;

// ---------------------------------------------------------------- compiled form

/// The range of one formula's code in [`Compiled`]'s instruction list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Code {
    start: u32,
    end: u32,
}

/// A checked scenario, ready to evaluate many times.
#[derive(Clone, Debug)]
pub struct Compiled {
    years: Vec<i32>,
    input_ids: Vec<String>,
    series_ids: Vec<String>,
    output_ids: Vec<String>,
    defaults: Vec<f64>,
    ops: Vec<Op>,
    /// (series, code) in evaluation order for the first year ...
    first: Vec<(u32, Code)>,
    /// ... and for every later year.
    rest: Vec<(u32, Code)>,
    outputs: Vec<Code>,
}

/// The result of one evaluation.
#[derive(Clone, Debug, Default, Serialize, PartialEq)]
pub struct Results {
    pub years: Vec<i32>,
    /// Per [`SeriesDef`], per year.
    pub series: Vec<Vec<f64>>,
    /// Per [`OutputDef`].
    pub outputs: Vec<f64>,
}

impl Results {
    /// The first value that is NaN or infinite: its field path (`series[1]`, `outputs[0]`)
    /// and, for a series, the year.
    pub fn first_non_finite(&self) -> Option<(String, Option<i32>)> {
        for (s, values) in self.series.iter().enumerate() {
            if let Some(t) = values.iter().position(|v| !v.is_finite()) {
                return Some((format!("series[{s}]"), self.years.get(t).copied()));
            }
        }
        self.outputs
            .iter()
            .position(|v| !v.is_finite())
            .map(|o| (format!("outputs[{o}]"), None))
    }
}

impl Compiled {
    pub fn years(&self) -> &[i32] {
        &self.years
    }

    pub fn input_index(&self, id: &str) -> Option<usize> {
        self.input_ids.iter().position(|i| i == id)
    }

    pub fn series_index(&self, id: &str) -> Option<usize> {
        self.series_ids.iter().position(|i| i == id)
    }

    pub fn output_index(&self, id: &str) -> Option<usize> {
        self.output_ids.iter().position(|i| i == id)
    }

    /// The inputs' default values, in declaration order.
    pub fn defaults(&self) -> Vec<f64> {
        self.defaults.clone()
    }

    /// Evaluate with one value per input, in declaration order. Values are not clamped; a
    /// missing value (a short slice) takes the input's default, extra values are ignored.
    pub fn evaluate(&self, inputs: &[f64]) -> Results {
        let mut out = Results::default();
        self.evaluate_into(inputs, &mut out);
        out
    }

    /// Like [`Compiled::evaluate`], reusing `out`'s buffers: once `out` has the right shape
    /// (after the first call) nothing is allocated.
    pub fn evaluate_into(&self, inputs: &[f64], out: &mut Results) {
        if out.years != self.years {
            out.years.clear();
            out.years.extend_from_slice(&self.years);
        }
        let n = self.years.len();
        out.series.resize_with(self.series_ids.len(), Vec::new);
        for s in &mut out.series {
            s.resize(n, 0.0);
        }
        out.outputs.resize(self.outputs.len(), 0.0);
        for (t, &year) in self.years.iter().enumerate() {
            let plan = if t == 0 { &self.first } else { &self.rest };
            for &(s, code) in plan {
                let env = Env {
                    inputs,
                    defaults: &self.defaults,
                    series: &out.series,
                    t,
                    year: f64::from(year),
                };
                let v = formula::run(self.code(code), &env);
                if let Some(slot) = out.series.get_mut(s as usize).and_then(|v| v.get_mut(t)) {
                    *slot = v;
                }
            }
        }
        for (o, &code) in self.outputs.iter().enumerate() {
            let env = Env {
                inputs,
                defaults: &self.defaults,
                series: &out.series,
                t: n.saturating_sub(1),
                year: self.years.last().map_or(f64::NAN, |&y| f64::from(y)),
            };
            out.outputs[o] = formula::run(self.code(code), &env);
        }
    }

    /// The compiled scenario as a flat list of numbers, for the browser module: the years, the
    /// inputs' defaults, the number of series, the instructions and the evaluation plans. Ids
    /// are left out (the page knows them). [`Compiled::decode`] reads it back.
    pub fn encode(&self) -> Vec<f64> {
        let mut out = vec![PROGRAM_VERSION];
        let len = |n: usize| n as f64;
        out.push(len(self.years.len()));
        out.extend(self.years.iter().map(|y| f64::from(*y)));
        out.push(len(self.defaults.len()));
        out.extend(&self.defaults);
        out.push(len(self.series_ids.len()));
        out.push(len(self.ops.len()));
        for op in &self.ops {
            out.extend(op.encode());
        }
        for plan in [&self.first, &self.rest] {
            out.push(len(plan.len()));
            for (s, c) in plan {
                out.extend([f64::from(*s), f64::from(c.start), f64::from(c.end)]);
            }
        }
        out.push(len(self.outputs.len()));
        for c in &self.outputs {
            out.extend([f64::from(c.start), f64::from(c.end)]);
        }
        out
    }

    /// Read back what [`Compiled::encode`] wrote. `None` when the numbers are not a program
    /// this version can run safely (wrong version, truncated, out-of-range references or
    /// instructions that would misuse the evaluator's stack).
    pub fn decode(program: &[f64]) -> Option<Compiled> {
        let mut words = program.iter().copied();
        let mut next = || words.next();
        let count = |next: &mut dyn FnMut() -> Option<f64>| -> Option<usize> {
            let v = next()?;
            ((0.0..=1_000_000.0).contains(&v) && v.fract() == 0.0).then_some(v as usize)
        };
        if next()? != PROGRAM_VERSION {
            return None;
        }
        let n_years = count(&mut next)?;
        let mut years = Vec::with_capacity(n_years);
        for _ in 0..n_years {
            let y = next()?;
            if y.fract() != 0.0 || y.abs() > 1e6 {
                return None;
            }
            years.push(y as i32);
        }
        let n_inputs = count(&mut next)?;
        let defaults: Vec<f64> = (0..n_inputs).map(|_| next()).collect::<Option<_>>()?;
        let n_series = count(&mut next)?;
        let n_ops = count(&mut next)?;
        let mut ops = Vec::with_capacity(n_ops);
        for _ in 0..n_ops {
            ops.push(Op::decode([next()?, next()?, next()?])?);
        }
        let code = |next: &mut dyn FnMut() -> Option<f64>| -> Option<Code> {
            let (start, end) = (next()?, next()?);
            let ok = |x: f64| x >= 0.0 && x <= ops.len() as f64 && x.fract() == 0.0;
            if !ok(start) || !ok(end) || start > end {
                return None;
            }
            let c = Code {
                start: start as u32,
                end: end as u32,
            };
            formula::runnable(&ops[c.start as usize..c.end as usize]).then_some(c)
        };
        let mut plans = Vec::new();
        for _ in 0..2 {
            let n = count(&mut next)?;
            let mut plan = Vec::with_capacity(n);
            for _ in 0..n {
                let s = next()?;
                if s < 0.0 || s >= n_series as f64 || s.fract() != 0.0 {
                    return None;
                }
                plan.push((s as u32, code(&mut next)?));
            }
            plans.push(plan);
        }
        let n_outputs = count(&mut next)?;
        let outputs: Vec<Code> = (0..n_outputs)
            .map(|_| code(&mut next))
            .collect::<Option<_>>()?;
        if next().is_some() {
            return None;
        }
        let rest = plans.pop()?;
        let first = plans.pop()?;
        Some(Compiled {
            years,
            input_ids: vec![String::new(); n_inputs],
            series_ids: vec![String::new(); n_series],
            output_ids: vec![String::new(); n_outputs],
            defaults,
            ops,
            first,
            rest,
            outputs,
        })
    }

    fn code(&self, c: Code) -> &[Op] {
        self.ops
            .get(c.start as usize..c.end as usize)
            .unwrap_or_default()
    }
}

// ---------------------------------------------------------------- compiling

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Def {
    Input(usize),
    Series(usize),
    Output(usize),
}

impl Def {
    fn path(self) -> String {
        match self {
            Def::Input(i) => format!("inputs[{i}]"),
            Def::Series(i) => format!("series[{i}]"),
            Def::Output(i) => format!("outputs[{i}]"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Start(usize),
    Next(usize),
    Value(usize),
    Output,
}

/// A same-year reference from one series formula to a series.
#[derive(Clone, Debug)]
struct Dep {
    to: usize,
    offset: usize,
    len: usize,
    /// Written `x[prev]` (or the series itself in its `next`).
    prev: bool,
}

/// An edge of an evaluation-order graph: where it is written, for cycle reports.
#[derive(Clone, Debug)]
struct Edge {
    to: usize,
    path: String,
    offset: usize,
    len: usize,
    prev: bool,
}

#[derive(Debug)]
struct FormulaScope<'a> {
    names: &'a BTreeMap<&'a str, Def>,
    inputs: &'a [&'a str],
    series: &'a [&'a str],
    /// Valid horizon, if it is.
    horizon: Option<Horizon>,
    metrics: &'a BTreeMap<String, f64>,
    role: Role,
    deps: Vec<Dep>,
}

fn backticked(names: &[&str]) -> String {
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

/// The id and period of a `metric(...)` call with the right number of arguments.
fn metric_args(args: &[Expr]) -> Result<(String, Option<String>), FormulaError> {
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

    /// Check, resolve and compile. `metrics` maps [`metric_key`]s to values; a missing key is
    /// an error at that call. Every error found is reported, not just the first.
    pub fn compile(&self, metrics: &BTreeMap<String, f64>) -> Result<Compiled, Vec<ScenarioError>> {
        let mut errors = Vec::new();
        self.check_fields(&mut errors);

        // Names: the first definition wins.
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

        let horizon_ok = self.horizon.from <= self.horizon.to
            && i64::from(self.horizon.to) - i64::from(self.horizon.from) < MAX_YEARS;
        let horizon = horizon_ok.then_some(self.horizon);
        let input_ids: Vec<&str> = self.inputs.iter().map(|i| i.id.as_str()).collect();
        let series_ids: Vec<&str> = self.series.iter().map(|s| s.id.as_str()).collect();

        let mut ops: Vec<Op> = Vec::new();
        let mut compile_one =
            |path: &str, text: &FormulaText, role: Role, errors: &mut Vec<ScenarioError>| {
                let expr = match formula::parse(text.as_str()) {
                    Ok(e) => e,
                    Err(e) => {
                        errors.push(ScenarioError::formula(path, e));
                        return (None, Vec::new());
                    }
                };
                let mut scope = FormulaScope {
                    names: &names,
                    inputs: &input_ids,
                    series: &series_ids,
                    horizon,
                    metrics,
                    role,
                    deps: Vec::new(),
                };
                match formula::lower(&expr, &mut scope) {
                    Ok(code) => {
                        let start = ops.len() as u32;
                        ops.extend(code);
                        (
                            Some(Code {
                                start,
                                end: ops.len() as u32,
                            }),
                            scope.deps,
                        )
                    }
                    Err(es) => {
                        errors.extend(es.into_iter().map(|e| ScenarioError::formula(path, e)));
                        (None, scope.deps)
                    }
                }
            };

        // Series: the code and edges for the first year and for later years.
        let n = self.series.len();
        let mut first: Vec<Option<Code>> = vec![None; n];
        let mut rest: Vec<Option<Code>> = vec![None; n];
        let mut first_edges: Vec<Vec<Edge>> = vec![Vec::new(); n];
        let mut rest_edges: Vec<Vec<Edge>> = vec![Vec::new(); n];
        let edges = |path: &str, deps: Vec<Dep>, only_same_year: bool| -> Vec<Edge> {
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
        };
        for (i, s) in self.series.iter().enumerate() {
            self.check_series_shape(i, s, &mut errors);
            if let Some(text) = &s.value {
                let path = format!("series[{i}].value");
                let (code, deps) = compile_one(&path, text, Role::Value(i), &mut errors);
                first[i] = code;
                rest[i] = code;
                first_edges[i] = edges(&path, deps.clone(), false);
                rest_edges[i] = edges(&path, deps, true);
            }
            if let Some(text) = &s.start {
                let path = format!("series[{i}].start");
                let (code, deps) = compile_one(&path, text, Role::Start(i), &mut errors);
                if s.value.is_none() {
                    first[i] = code;
                    first_edges[i] = edges(&path, deps, false);
                }
            }
            if let Some(text) = &s.next {
                let path = format!("series[{i}].next");
                let (code, deps) = compile_one(&path, text, Role::Next(i), &mut errors);
                if s.value.is_none() {
                    rest[i] = code;
                    rest_edges[i] = edges(&path, deps, true);
                }
            }
        }
        let mut outputs = Vec::new();
        for (i, o) in self.outputs.iter().enumerate() {
            let path = format!("outputs[{i}].value");
            outputs.push(compile_one(&path, &o.value, Role::Output, &mut errors).0);
        }
        self.check_charts(&names, &mut errors);

        // Evaluation order; cycles.
        let mut reported: Vec<(String, usize)> = Vec::new();
        let rest_order = order(&rest_edges, &series_ids, None, &mut reported, &mut errors);
        let first_order = order(
            &first_edges,
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
            first: plan(first_order, &first),
            rest: plan(rest_order, &rest),
            outputs: outputs.into_iter().flatten().collect(),
            ops,
        })
    }

    fn check_fields(&self, errors: &mut Vec<ScenarioError>) {
        if !is_scenario_id(&self.id) {
            let mut e = ScenarioError::field("id", format!("`{}` is not a valid scenario id", self.id))
                .expected("lower-case letters and digits in words joined by single hyphens, e.g. `foster-sufficiency`");
            let s = crate::validate::slugify(&self.id);
            if is_scenario_id(&s) {
                e = e.hint(format!("try `{s}`"));
            }
            errors.push(e);
        }
        let Horizon { from, to } = self.horizon;
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
                        ScenarioError::field(
                            p(field),
                            format!("`{field}` must be a number, not {v}"),
                        )
                        .expected("a finite number"),
                    );
                }
            }
            if !all_finite {
                continue;
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
    }

    fn check_series_shape(&self, i: usize, s: &SeriesDef, errors: &mut Vec<ScenarioError>) {
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

    fn check_charts(&self, names: &BTreeMap<&str, Def>, errors: &mut Vec<ScenarioError>) {
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

/// An evaluation order (each series after everything it refers to), reporting every cycle at
/// the reference that closes it. `first_year` is set for the first-year graph, whose cycles
/// are described as such; cycles already reported (same place) are not repeated.
fn order(
    edges: &[Vec<Edge>],
    ids: &[&str],
    first_year: Option<i32>,
    reported: &mut Vec<(String, usize)>,
    errors: &mut Vec<ScenarioError>,
) -> Vec<usize> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let n = edges.len();
    let mut state = vec![NEW; n];
    let mut out = Vec::with_capacity(n);
    // (node, next edge to follow, reached through a `[prev]` edge)
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        stack.push((root, 0, false));
        while let Some(top) = stack.last_mut() {
            let (u, next) = (top.0, top.1);
            let Some(e) = edges[u].get(next) else {
                state[u] = DONE;
                out.push(u);
                stack.pop();
                continue;
            };
            top.1 += 1;
            match state.get(e.to).copied() {
                Some(NEW) => {
                    state[e.to] = OPEN;
                    stack.push((e.to, 0, e.prev));
                }
                Some(OPEN) => {
                    let key = (e.path.clone(), e.offset);
                    if reported.contains(&key) {
                        continue;
                    }
                    reported.push(key);
                    let at = stack.iter().position(|f| f.0 == e.to).unwrap_or(0);
                    let through_prev = e.prev || stack[at + 1..].iter().any(|f| f.2);
                    let mut chain: Vec<&str> = stack[at..].iter().map(|f| ids[f.0]).collect();
                    chain.push(ids[e.to]);
                    let chain = chain.join(" -> ");
                    let me = ids[e.to];
                    let message = match first_year {
                        None => format!("circular reference: `{chain}`"),
                        Some(y) => format!("circular reference in the first year ({y}): `{chain}`"),
                    };
                    let hint = if through_prev {
                        "in the first year `x[prev]` means the first year's own value, so it cannot break this cycle there; give one of these series a `start` and `next` instead of `value`".to_string()
                    } else if first_year.is_some() && u == e.to {
                        format!("the `start` of `{me}` cannot use `{me}` itself")
                    } else if first_year.is_some() {
                        "a `start` may use other series' first-year values, but not in a circle"
                            .to_string()
                    } else if u == e.to {
                        format!(
                            "for last year's value write `{me}[prev]`; to carry `{me}` forward, give it `start` and `next` instead of `value`"
                        )
                    } else {
                        "a series cannot depend on itself, directly or through others; use `[prev]` for last year's value to break the cycle".to_string()
                    };
                    errors.push(ScenarioError {
                        path: e.path.clone(),
                        offset: Some(e.offset),
                        len: e.len,
                        message,
                        expected: None,
                        hint: Some(hint),
                    });
                }
                _ => {}
            }
        }
    }
    out
}

// ---------------------------------------------------------------- text for readers

/// How a scenario's figures are written for readers: series labels, units and decimals,
/// outputs' units and decimals, and which series each chart shows. The generator writes
/// pages with it and the browser module rewrites them with it, so both read the same.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Presentation {
    pub series: Vec<SeriesLook>,
    pub outputs: Vec<OutputLook>,
    /// Per chart, the indices of its series.
    pub charts: Vec<Vec<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeriesLook {
    pub label: String,
    pub unit: Option<String>,
    pub decimals: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OutputLook {
    pub unit: Option<String>,
    pub decimals: u8,
}

impl Presentation {
    /// A series value as shown in the table (the series' decimals, no unit).
    pub fn series_text(&self, series: usize, value: f64) -> String {
        let decimals = self.series.get(series).map_or(0, |s| s.decimals);
        crate::format::number(value, decimals)
    }

    /// A headline output as shown to readers (its decimals and unit).
    pub fn output_text(&self, output: usize, value: f64) -> String {
        let o = self.outputs.get(output);
        crate::format::quantity(
            value,
            o.map_or(0, |o| o.decimals),
            o.and_then(|o| o.unit.as_deref()),
        )
    }

    /// One sentence per series of a chart on how it moves over the horizon: the chart's
    /// text summary.
    pub fn chart_summary(&self, chart: usize, r: &Results) -> String {
        let Some(series) = self.charts.get(chart) else {
            return String::new();
        };
        let mut out = Vec::new();
        for &s in series {
            let Some(look) = self.series.get(s) else {
                continue;
            };
            let values = r.series.get(s).map_or(&[][..], Vec::as_slice);
            if let (Some(y0), Some(y1), Some(v0), Some(v1)) = (
                r.years.first(),
                r.years.last(),
                values.first(),
                values.last(),
            ) {
                out.push(crate::format::series_change(
                    &look.label,
                    look.unit.as_deref(),
                    look.decimals,
                    (*y0, *v0),
                    (*y1, *v1),
                ));
            }
        }
        out.join(" ")
    }
}

impl Scenario {
    /// How this scenario's figures are written (see [`Presentation`]).
    pub fn presentation(&self) -> Presentation {
        Presentation {
            series: self
                .series
                .iter()
                .map(|s| SeriesLook {
                    label: s.label.clone(),
                    unit: s.unit.clone(),
                    decimals: s.decimals.unwrap_or(0),
                })
                .collect(),
            outputs: self
                .outputs
                .iter()
                .map(|o| OutputLook {
                    unit: o.unit.clone(),
                    decimals: o.decimals.unwrap_or(0),
                })
                .collect(),
            charts: self
                .charts
                .iter()
                .map(|c| {
                    c.series
                        .iter()
                        .filter_map(|id| self.series.iter().position(|s| &s.id == id))
                        .collect()
                })
                .collect(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    const FOSTER: &str = r#"
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
    type SeriesSpec = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );

    fn foster() -> Scenario {
        serde_yaml::from_str(FOSTER).unwrap()
    }

    fn metrics() -> BTreeMap<String, f64> {
        BTreeMap::from([
            ("children-in-care".to_string(), 500.0),
            ("children-in-care@2021".to_string(), 450.0),
        ])
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9 * b.abs().max(1.0)
    }

    /// A minimal scenario: inputs `a` (default 2) and `b` (default 3), then the given
    /// series (`id`, start, next, value) and outputs (`id`, value), horizon 2025 to 2028.
    fn make(series: &[SeriesSpec], outputs: &[(&str, &str)]) -> Scenario {
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

    fn value(id: &'static str, f: &'static str) -> SeriesSpec {
        (id, None, None, Some(f))
    }

    fn stock(id: &'static str, start: &'static str, next: &'static str) -> SeriesSpec {
        (id, Some(start), Some(next), None)
    }

    fn errors(s: &Scenario) -> Vec<ScenarioError> {
        s.compile(&metrics()).unwrap_err()
    }

    fn one_error(s: &Scenario) -> ScenarioError {
        let es = errors(s);
        assert_eq!(es.len(), 1, "{es:#?}");
        es.into_iter().next().unwrap()
    }

    #[test]
    fn foster_example_at_defaults() {
        let s = foster();
        assert_eq!(s.series[0].start.as_ref().unwrap().as_str(), "270");
        assert_eq!(s.charts[0].kind, ChartKind::Line);
        let c = s.compile(&metrics()).unwrap();
        assert_eq!(c.years(), &[2025, 2026, 2027, 2028, 2029, 2030]);
        assert_eq!(c.defaults(), vec![25.0, 12.0, 2.0]);
        assert_eq!(c.input_index("leaving_pct"), Some(1));
        assert_eq!(c.input_index("nope"), None);
        assert_eq!(c.series_index("shortfall"), Some(2));
        assert_eq!(c.output_index("shortfall_end"), Some(0));

        let r = c.evaluate(&c.defaults());
        // households: 270, then x 0.88 + 25 each year.
        let households = [270.0, 262.6, 256.088, 250.35744, 245.3145472, 240.876801536];
        // children in care: 500 (the metric), then x 1.02 each year.
        let children = [500.0, 510.0, 520.2, 530.604, 541.21608, 552.0404016];
        // shortfall: max(0, children x 0.78 - households x 1.3); 2025: 390 - 351 = 39.
        let shortfall = [
            39.0,
            56.42,
            72.8416,
            88.406448,
            103.23963104,
            117.4516712512,
        ];
        for t in 0..6 {
            assert!(
                close(r.series[0][t], households[t]),
                "households {t}: {}",
                r.series[0][t]
            );
            assert!(
                close(r.series[1][t], children[t]),
                "children {t}: {}",
                r.series[1][t]
            );
            assert!(
                close(r.series[2][t], shortfall[t]),
                "shortfall {t}: {}",
                r.series[2][t]
            );
        }
        assert!(close(r.outputs[0], 117.4516712512));
        assert_eq!(r.first_non_finite(), None);

        // More approvals: no shortfall in 2030 once enough households are approved.
        let mut inputs = c.defaults();
        inputs[c.input_index("approvals").unwrap()] = 80.0;
        let r = c.evaluate(&inputs);
        assert_eq!(r.outputs[0], 0.0);
    }

    #[test]
    fn formula_text_from_numbers_and_serialisation() {
        let s: SeriesDef =
            serde_yaml::from_str("{ id: x, label: X, start: 0.78, next: -5 }").unwrap();
        assert_eq!(s.start.unwrap().as_str(), "0.78");
        assert_eq!(s.next.unwrap().as_str(), "-5");
        let yaml = serde_yaml::to_string(&FormulaText::from("270")).unwrap();
        assert_eq!(yaml.trim(), "'270'");
        assert!(serde_yaml::from_str::<SeriesDef>("{ id: x, label: X, value: [1] }").is_err());
        assert!(serde_yaml::from_str::<SeriesDef>("{ id: x, label: X, valeu: 1 }").is_err());
        let c: ChartDef = serde_yaml::from_str("{ title: T, series: [x], kind: bar }").unwrap();
        assert_eq!(c.kind, ChartKind::Bar);
    }

    #[test]
    fn order_follows_references_not_declaration() {
        let s = make(
            &[
                value("sum_up", "double + 1"),
                value("double", "base * 2"),
                stock("base", "a", "base + b"),
            ],
            &[
                ("sum", "total(sum_up)"),
                ("avg", "mean(base)"),
                ("mid", "base[2026] + base[first]"),
            ],
        );
        let c = s.compile(&metrics()).unwrap();
        let r = c.evaluate(&[2.0, 3.0]);
        assert_eq!(r.series[2], vec![2.0, 5.0, 8.0, 11.0]);
        assert_eq!(r.series[1], vec![4.0, 10.0, 16.0, 22.0]);
        assert_eq!(r.series[0], vec![5.0, 11.0, 17.0, 23.0]);
        assert_eq!(r.outputs, vec![56.0, 6.5, 7.0]);
    }

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
    fn prev_breaks_cycles() {
        // p uses q last year; q uses p this year: no cycle.
        let s = make(&[stock("p", "1", "q[prev] + 1"), value("q", "p * 2")], &[]);
        let r = s.compile(&metrics()).unwrap().evaluate(&[]);
        assert_eq!(r.series[0], vec![1.0, 3.0, 7.0, 15.0]);
        assert_eq!(r.series[1], vec![2.0, 6.0, 14.0, 30.0]);
        // Two stocks feeding each other through this year's values in `next` and `start`
        // in a consistent order.
        let s = make(&[stock("p", "q + 1", "q[prev]"), stock("q", "5", "p")], &[]);
        let r = s.compile(&metrics()).unwrap().evaluate(&[]);
        assert_eq!(r.series[0], vec![6.0, 5.0, 5.0, 5.0]);
        assert_eq!(r.series[1], vec![5.0, 5.0, 5.0, 5.0]);
    }

    #[test]
    fn direct_self_reference_is_a_cycle() {
        let e = one_error(&make(&[value("shortfall", "1 + shortfall * 2")], &[]));
        assert_eq!(e.path, "series[0].value");
        assert_eq!((e.offset, e.len), (Some(4), 9));
        assert_eq!(e.message, "circular reference: `shortfall -> shortfall`");
        assert!(e.hint.unwrap().contains("shortfall[prev]"));

        let e = one_error(&make(&[stock("x", "x + 1", "x")], &[]));
        assert_eq!(e.path, "series[0].start");
        assert_eq!(e.offset, Some(0));
        assert!(
            e.message
                .starts_with("circular reference in the first year (2025)")
        );
    }

    #[test]
    fn two_and_three_series_cycles() {
        let e = one_error(&make(&[value("p", "q + 1"), value("q", "2 * p")], &[]));
        assert_eq!(e.path, "series[1].value");
        assert_eq!((e.offset, e.len), (Some(4), 1));
        assert_eq!(e.message, "circular reference: `p -> q -> p`");

        let e = one_error(&make(
            &[
                value("p", "r"),
                stock("q", "0", "p + 1"),
                value("r", "q * 2"),
                value("s", "p"),
            ],
            &[],
        ));
        // Walked from `p` (declared first), the cycle closes at `q`'s reference to `p`.
        assert_eq!(e.path, "series[1].next");
        assert_eq!((e.offset, e.len), (Some(0), 1));
        assert_eq!(e.message, "circular reference: `p -> r -> q -> p`");

        // Two separate cycles are both reported.
        let es = errors(&make(
            &[
                value("p", "q"),
                value("q", "p"),
                value("r", "s"),
                value("s", "r"),
            ],
            &[],
        ));
        assert_eq!(es.len(), 2);
    }

    #[test]
    fn cycles_in_the_first_year_only() {
        // `[prev]` of a `value` series in the first year is its own first-year value.
        let e = one_error(&make(&[value("x", "x[prev] * 1.1")], &[]));
        assert_eq!(e.path, "series[0].value");
        assert_eq!((e.offset, e.len), (Some(0), 7));
        assert_eq!(
            e.message,
            "circular reference in the first year (2025): `x -> x`"
        );
        assert!(e.hint.unwrap().contains("`start` and `next`"));

        let e = one_error(&make(
            &[stock("p", "q", "p + 1"), stock("q", "p * 2", "q")],
            &[],
        ));
        assert_eq!(e.path, "series[1].start");
        assert_eq!(
            e.message,
            "circular reference in the first year (2025): `p -> q -> p`"
        );
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

    #[test]
    fn runtime_problems_and_buffers() {
        let s = make(
            &[stock("x", "1", "x / (a - 2)"), value("y", "x")],
            &[("o", "x[2026]")],
        );
        let c = s.compile(&metrics()).unwrap();
        let r = c.evaluate(&c.defaults());
        assert_eq!(r.series[0][1], f64::INFINITY);
        assert_eq!(
            r.first_non_finite(),
            Some(("series[0]".to_string(), Some(2026)))
        );
        let r = c.evaluate(&[3.0]);
        assert_eq!(r.first_non_finite(), None);
        assert_eq!(r.outputs, vec![1.0]);

        // A short input slice falls back to defaults; buffers are reused.
        let mut out = Results::default();
        c.evaluate_into(&[4.0, 3.0], &mut out);
        let pointers = (
            out.years.as_ptr(),
            out.series.as_ptr(),
            out.series[0].as_ptr(),
            out.outputs.as_ptr(),
        );
        for k in 0..100 {
            c.evaluate_into(&[4.0 + f64::from(k)], &mut out);
        }
        assert_eq!(
            pointers,
            (
                out.years.as_ptr(),
                out.series.as_ptr(),
                out.series[0].as_ptr(),
                out.outputs.as_ptr()
            )
        );
        assert_eq!(out, c.evaluate(&[103.0, 3.0]));
        let r = c.evaluate(&[f64::NAN]);
        assert_eq!(
            r.first_non_finite(),
            Some(("series[0]".to_string(), Some(2026)))
        );
        let s = make(&[value("x", "a")], &[("o", "x[last] / a")]);
        let r = s.compile(&metrics()).unwrap().evaluate(&[0.0]);
        assert_eq!(r.first_non_finite(), Some(("outputs[0]".to_string(), None)));
    }

    #[test]
    fn random_scenarios_match_a_direct_simulation() {
        // Chains of stocks and derived series in shuffled declaration order, checked against
        // a straightforward simulation.
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..200 {
            let k1 = (next() % 5) as f64;
            let k2 = (next() % 7) as f64;
            // s0: stock, s1 = s0 * k1 + s2[prev], s2: stock fed by s1
            let defs = [
                stock("s0", "a", "s0 + b"),
                (
                    "s1",
                    None,
                    None,
                    Some(&*format!("s0 * {k1} + s2[prev]").leak()),
                ),
                stock("s2", &*format!("{k2}").leak(), "s2 * 0.5 + s1"),
            ];
            let mut order = [0usize, 1, 2];
            for i in (1..3).rev() {
                order.swap(i, (next() % (i as u64 + 1)) as usize);
            }
            let shuffled: Vec<_> = order.iter().map(|&i| defs[i]).collect();
            let s = make(&shuffled, &[]);
            let c = s.compile(&metrics()).unwrap();
            let r = c.evaluate(&[2.0, 3.0]);
            let (mut s0, mut s2) = (2.0, k2);
            let mut s1 = s0 * k1 + s2;
            for t in 0..4 {
                if t > 0 {
                    s0 += 3.0;
                    let s1_now = s0 * k1 + s2;
                    s2 = s2 * 0.5 + s1_now;
                    s1 = s1_now;
                }
                let at =
                    |id: &str| r.series[order.iter().position(|&i| defs[i].0 == id).unwrap()][t];
                assert_eq!(at("s0"), s0);
                assert_eq!(at("s1"), s1);
                assert_eq!(at("s2"), s2);
            }
        }
    }

    #[test]
    fn programs_round_trip_and_reject_garbage() {
        let sc = foster_for_program();
        let metrics = BTreeMap::from([(metric_key("children-in-care", None), 500.0)]);
        let compiled = sc.compile(&metrics).unwrap();
        let program = compiled.encode();
        let back = Compiled::decode(&program).unwrap();
        for inputs in [
            vec![25.0, 12.0, 2.0],
            vec![0.0, 0.0, -5.0],
            vec![80.0, 25.0, 10.0],
        ] {
            assert_eq!(back.evaluate(&inputs), compiled.evaluate(&inputs));
        }
        assert_eq!(back.defaults(), compiled.defaults());
        // Truncated, extended, wrong version.
        assert!(Compiled::decode(&program[..program.len() - 1]).is_none());
        let mut longer = program.clone();
        longer.push(0.0);
        assert!(Compiled::decode(&longer).is_none());
        let mut v2 = program.clone();
        v2[0] = 2.0;
        assert!(Compiled::decode(&v2).is_none());
        // Random corruption never panics, and whatever decodes still evaluates.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut p = program.clone();
            let at = (seed % p.len() as u64) as usize;
            p[at] = match seed % 5 {
                0 => f64::NAN,
                1 => -1.0,
                2 => (seed % 300) as f64,
                3 => 1e300,
                _ => p[at] + 1.0,
            };
            if let Some(c) = Compiled::decode(&p) {
                let _ = c.evaluate(&[1.0, 2.0, 3.0]);
            }
        }
    }

    #[test]
    fn presentation_writes_figures_for_readers() {
        let sc = foster_for_program();
        let look = sc.presentation();
        assert_eq!(look.charts, vec![vec![1, 0]]);
        let r = Results {
            years: vec![2025, 2026],
            series: vec![vec![270.0, 262.6], vec![500.0, 510.0], vec![0.0, 0.0]],
            outputs: vec![117.45],
        };
        assert_eq!(look.output_text(0, 117.45), "117 places");
        assert_eq!(look.series_text(0, 1262.6), "1,263");
        assert_eq!(
            look.chart_summary(0, &r),
            "Children in care: 500 in 2025, 510 in 2026 (up 10). Fostering households: 270 in 2025, 263 in 2026 (down 7)."
        );
    }

    /// The foster example with a branch (`if`, so jumps), `clamp`, `[prev]`, `round` and a
    /// unit, to exercise every part of the encoded program.
    fn foster_for_program() -> Scenario {
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
}

//! A compiled scenario ([`Compiled`], made by [`Scenario::compile`]) and its evaluation:
//! every series year by year in the compiled order, then the outputs.

use serde::Serialize;

#[cfg(doc)]
use super::{OutputDef, Scenario, SeriesDef};
use crate::formula::{self, Env, Op};

/// The range of one formula's code in [`Compiled`]'s instruction list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Code {
    pub(super) start: u32,
    pub(super) end: u32,
}

/// A checked scenario, ready to evaluate many times.
#[derive(Clone, Debug)]
pub struct Compiled {
    pub(super) years: Vec<i32>,
    pub(super) input_ids: Vec<String>,
    pub(super) series_ids: Vec<String>,
    pub(super) output_ids: Vec<String>,
    pub(super) defaults: Vec<f64>,
    pub(super) ops: Vec<Op>,
    /// (series, code) in evaluation order for the first year ...
    pub(super) first: Vec<(u32, Code)>,
    /// ... and for every later year.
    pub(super) rest: Vec<(u32, Code)>,
    pub(super) outputs: Vec<Code>,
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

    /// The instructions of one formula.
    fn code(&self, c: Code) -> &[Op] {
        self.ops
            .get(c.start as usize..c.end as usize)
            .unwrap_or_default()
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;
    use crate::scenario::*;

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
}

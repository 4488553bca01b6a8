//! The compiled scenario as a flat list of numbers, for the browser module: what
//! [`Compiled::encode`] writes and [`Compiled::decode`] checks and reads back.

use super::evaluate::{Code, Compiled};
use crate::formula::{self, Op};

/// The version written first in [`Compiled::encode`]'s output.
const PROGRAM_VERSION: f64 = 1.0;

impl Compiled {
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
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use std::collections::BTreeMap;

    use crate::scenario::fixtures::*;
    use crate::scenario::*;

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
}

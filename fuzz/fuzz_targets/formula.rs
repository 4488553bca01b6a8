//! The formula parser and evaluator (`hearth_model::formula`, `hearth_model::scenario`).
//!
//! The input is up to four formulas, one per line, placed in a small scenario: a series with
//! `start` and `next`, a series with `value`, and an output. Any text either parses or gives
//! an error with an offset inside the text, never a panic; a parsed formula prints to text
//! that parses to the same formula; a scenario that compiles evaluates at its defaults and at
//! the inputs' limits without panicking, and the encoded program (what the browser runs)
//! decodes to one that gives the same numbers, bit for bit.
#![no_main]

use std::collections::BTreeMap;

use hearth_model::formula;
use hearth_model::scenario::{
    Compiled, FormulaText, Horizon, Input, OutputDef, Results, Scenario, SeriesDef, metric_key,
};
use libfuzzer_sys::fuzz_target;

fn input(id: &str, min: f64, max: f64, step: f64, default: f64) -> Input {
    Input {
        id: id.into(),
        label: id.into(),
        unit: None,
        min,
        max,
        step,
        default,
        source: None,
        help: None,
    }
}

fn series(id: &str, start: Option<&str>, next: Option<&str>, value: Option<&str>) -> SeriesDef {
    let text = |s: Option<&str>| s.map(|s| FormulaText(s.to_owned()));
    SeriesDef {
        id: id.into(),
        label: id.into(),
        unit: None,
        start: text(start),
        next: text(next),
        value: text(value),
        decimals: None,
        measure: None,
        years: None,
    }
}

fn same(a: &Results, b: &Results) -> bool {
    let eq = |x: &f64, y: &f64| x.to_bits() == y.to_bits() || (x.is_nan() && y.is_nan());
    a.years == b.years
        && a.outputs.len() == b.outputs.len()
        && a.outputs.iter().zip(&b.outputs).all(|(x, y)| eq(x, y))
        && a.series.len() == b.series.len()
        && a.series
            .iter()
            .zip(&b.series)
            .all(|(s, t)| s.len() == t.len() && s.iter().zip(t).all(|(x, y)| eq(x, y)))
}

fn check(compiled: &Compiled, inputs: &[f64]) {
    let results = compiled.evaluate(inputs);
    let _ = results.first_non_finite();
    let decoded = Compiled::decode(&compiled.encode()).expect("an encoded program decodes");
    assert!(same(&results, &decoded.evaluate(inputs)), "decoded program differs");
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let mut lines = text.split('\n');
    let mut next = |default: &'static str| lines.next().unwrap_or(default).to_owned();
    let (start, step, value, output) = (next("a"), next("s1 + b"), next("s1[last]"), next("s2"));

    for f in [&start, &step, &value, &output] {
        match formula::parse(f) {
            Ok(e) => {
                let printed = e.to_string();
                match formula::parse(&printed) {
                    Ok(again) => {
                        assert_eq!(again.to_string(), printed, "`{f}` does not print stably");
                    }
                    // The printed form brackets every operation, so it may pass the limits
                    // (2,000 characters, 64 levels of nesting) that the original kept to;
                    // those are the only errors it may give.
                    Err(err)
                        if err.message.contains("nested more than")
                            || err.message.contains("characters long") => {}
                    Err(err) => panic!("`{f}` printed as `{printed}`: {err}"),
                }
            }
            Err(err) => {
                let chars = f.chars().count();
                assert!(
                    err.offset + err.len <= chars,
                    "`{f}`: error at {}+{} is outside the text",
                    err.offset,
                    err.len
                );
                let _ = err.to_string();
            }
        }
    }

    let scenario = Scenario {
        id: "fuzz".into(),
        title: "Fuzz".into(),
        summary: None,
        method: "Fuzzing.".into(),
        horizon: Horizon {
            from: 2024,
            to: 2030,
        },
        inputs: vec![
            input("a", 0.0, 100.0, 1.0, 10.0),
            input("b", -5.0, 5.0, 0.5, 1.0),
        ],
        series: vec![
            series("s1", Some(&start), Some(&step), None),
            series("s2", None, None, Some(&value)),
        ],
        outputs: vec![OutputDef {
            id: "o".into(),
            label: "o".into(),
            value: FormulaText(output),
            unit: None,
            decimals: None,
            note: None,
        }],
        charts: Vec::new(),
        metrics: Vec::new(),
        priorities: Vec::new(),
        file: String::new(),
    };
    let metrics: BTreeMap<String, f64> = [
        (metric_key("children-in-care", None), 420.0),
        (metric_key("children-in-care", Some("2023")), 400.0),
        (metric_key("households", None), 1e300),
    ]
    .into_iter()
    .collect();
    match scenario.compile(&metrics) {
        Ok(compiled) => {
            check(&compiled, &compiled.defaults());
            check(&compiled, &[0.0, -5.0]);
            check(&compiled, &[100.0, 5.0]);
            check(&compiled, &[f64::MAX, f64::MIN_POSITIVE]);
        }
        Err(errors) => {
            for e in errors {
                let _ = e.to_string();
            }
        }
    }
});

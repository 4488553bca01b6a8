//! What-if scenarios end to end: the published data, the `hearth scenario` command and the
//! example content's figures worked out by hand.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::Command;

use serde_json::Value;
use support::{TempDir, example_content};

fn hearth() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
}

fn run_json(args: &[&str]) -> Value {
    let out = hearth()
        .args(["scenario"])
        .args(args)
        .arg(example_content())
        .arg("--json")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "hearth scenario {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(1.0)
}

#[test]
fn published_data_equals_the_command_at_published_assumptions() {
    let tmp = TempDir::new("scenario-data");
    let report = hearth::build(&example_content(), tmp.path());
    assert!(report.written, "{:#?}", report.diagnostics);
    for id in ["foster-sufficiency", "placement-costs"] {
        let published: Value = serde_json::from_slice(
            &std::fs::read(tmp.path().join(format!("data/scenarios/{id}.json"))).unwrap(),
        )
        .unwrap();
        let cli = run_json(&[id]);
        for key in ["inputs", "years", "series", "outputs"] {
            assert_eq!(published[key], cli[key], "{id}: {key} differs");
        }
        // The page shows every headline figure with its raw value.
        let page =
            std::fs::read_to_string(tmp.path().join(format!("scenarios/{id}/index.html"))).unwrap();
        for (output, value) in cli["outputs"].as_object().unwrap() {
            let v = value.as_f64().unwrap();
            let needle = format!("data-output=\"{output}\" data-value=\"{v}\"");
            assert!(page.contains(&needle), "{id}: no `{needle}` in the page");
        }
        let csv =
            std::fs::read_to_string(tmp.path().join(format!("data/scenarios/{id}.csv"))).unwrap();
        assert_eq!(
            csv.lines().count(),
            1 + cli["years"].as_array().unwrap().len(),
            "{id}: one CSV row per year"
        );
    }
}

/// The foster forecast worked out independently: households carry forward with leavers and
/// approvals; children in care grow; the agency gap is what our places do not cover.
#[test]
fn foster_forecast_matches_a_hand_calculation() {
    let r = run_json(&[
        "foster-sufficiency",
        "--set",
        "approvals=40",
        "--set=leaving_pct=8",
        "--set",
        "utilisation_pct=70",
    ]);
    let years: Vec<i64> = r["years"]
        .as_array()
        .unwrap()
        .iter()
        .map(|y| y.as_i64().unwrap())
        .collect();
    assert_eq!(years, (2024..=2030).collect::<Vec<_>>());
    // Starting points are the example's latest published figures.
    let (mut households, mut children): (f64, f64) = (272.0, 599.0);
    for (t, _) in years.iter().enumerate() {
        if t > 0 {
            households = households * (1.0 - 8.0 / 100.0) + 40.0;
            children *= 1.0 + 2.0 / 100.0;
        }
        let need = children * 78.0 / 100.0;
        let places = households * 1.5 * 70.0 / 100.0;
        let agency = (need - places).max(0.0);
        let at = |s: &str| r["series"][s][t].as_f64().unwrap();
        assert!(close(at("households"), households), "households {t}");
        assert!(close(at("children_in_care"), children), "children {t}");
        assert!(close(at("agency_places"), agency), "agency {t}");
    }
    assert!(close(
        r["outputs"]["households_end"].as_f64().unwrap(),
        households
    ));
    assert!(close(
        r["outputs"]["extra_households"].as_f64().unwrap(),
        households - 272.0
    ));
}

#[test]
fn cost_forecast_totals_its_yearly_savings() {
    let r = run_json(&["placement-costs", "--set", "shift_pts=2"]);
    let saving: f64 = r["series"]["saving"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .sum();
    assert!(close(
        r["outputs"]["saving_total"].as_f64().unwrap(),
        saving
    ));
    // Moving 2 points a year: 12 points by the sixth year, capped at the 19% in agency care.
    let moved: Vec<f64> = r["series"]["moved_pts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert_eq!(moved, vec![0.0, 2.0, 4.0, 6.0, 8.0, 10.0, 12.0]);
    let fewer = run_json(&["placement-costs", "--set", "shift_pts=0"]);
    assert!(close(
        fewer["outputs"]["saving_total"].as_f64().unwrap(),
        0.0
    ));
}

#[test]
fn bad_requests_are_usage_errors_with_hints() {
    for (args, wanted) in [
        (
            vec!["foster-sufficiency", "--set", "aprovals=3"],
            "did you mean `approvals`?",
        ),
        (
            vec!["foster-sufficiency", "--set", "approvals=NaN"],
            "`NaN` is not a finite number",
        ),
        (
            vec!["foster-sufficiency", "--set", "approvals=-inf"],
            "`-inf` is not a finite number",
        ),
        (
            vec!["foster-sufficiency", "--set", "approvals=lots"],
            "`lots` is not a number",
        ),
        (
            vec!["foster-sufficiency", "--set", "approvals"],
            "write it as input=value",
        ),
        (
            vec!["no-such-scenario"],
            "the scenarios are: foster-sufficiency",
        ),
    ] {
        let out = hearth()
            .arg("scenario")
            .args(&args)
            .arg(example_content())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(wanted), "{args:?}: {err}");
    }
}

/// `hearth scenario --set` and the page (the browser module's `tidy`) settle a value by the
/// same rule: within the input's range, on its slider's step. A value that was changed is
/// noted on stderr, and the results are those of the value used.
#[test]
fn set_values_are_settled_as_the_page_settles_them() {
    let run = |sets: &[&str]| {
        let mut cmd = hearth();
        cmd.args(["scenario", "foster-sufficiency"])
            .arg(example_content());
        for set in sets {
            cmd.args(["--set", set]);
        }
        let out = cmd.arg("--json").output().unwrap();
        assert!(out.status.success(), "{sets:?}: {out:?}");
        let json: Value = serde_json::from_slice(&out.stdout).unwrap();
        (json, String::from_utf8_lossy(&out.stderr).into_owned())
    };
    // Out of range: the nearer end (approvals: 0 to 80 in steps of 1; growth_pct: -5 to 10).
    let (r, err) = run(&["approvals=500", "growth_pct=-7"]);
    assert_eq!(r["inputs"]["approvals"], 80.0);
    assert_eq!(r["inputs"]["growth_pct"], -5.0);
    assert!(
        err.contains("note: --set approvals=500: the page allows 0 to 80, so 80 is used"),
        "{err}"
    );
    assert!(
        err.contains("note: --set growth_pct=-7: the page allows -5 to 10, so -5 is used"),
        "{err}"
    );
    let (exact, err) = run(&["approvals=80", "growth_pct=-5"]);
    assert_eq!(
        exact["outputs"], r["outputs"],
        "the results are those of the values used"
    );
    assert!(!err.contains("note:"), "{err}");
    // Between steps: the nearest step from the minimum (growth_pct: steps of 0.5 from -5;
    // places_per_household: steps of 0.1 from 1).
    let (r, err) = run(&["growth_pct=2.3", "places_per_household=1.26"]);
    assert_eq!(r["inputs"]["growth_pct"], 2.5);
    assert_eq!(r["inputs"]["places_per_household"], 1.3);
    assert!(
        err.contains(
            "note: --set growth_pct=2.3: rounded to the slider's step of 0.5: 2.5 is used"
        ),
        "{err}"
    );
    assert!(
        err.contains(
            "note: --set places_per_household=1.26: rounded to the slider's step of 0.1: 1.3 is used"
        ),
        "{err}"
    );
    let (exact, _) = run(&["growth_pct=2.5", "places_per_household=1.3"]);
    assert_eq!(exact["series"], r["series"]);
    // On a step and in range: used as given, no note.
    let (r, err) = run(&["leaving_pct=7.5"]);
    assert_eq!(r["inputs"]["leaving_pct"], 7.5);
    assert!(!err.contains("note:"), "{err}");
}

#[test]
fn text_output_lists_assumptions_results_and_years() {
    let out = hearth()
        .args(["scenario", "foster-sufficiency"])
        .arg(example_content())
        .args(["--set", "approvals=30"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("approvals = 30 households  (published: 25)"),
        "{text}"
    );
    assert!(text.contains("leaving_pct = 10%"), "{text}");
    assert!(
        text.contains("Foster homes to find from agencies in 2030:"),
        "{text}"
    );
    assert!(
        text.lines().any(|l| l.trim_start().starts_with("2030 ")),
        "{text}"
    );
}

/// The JSON of the first `<script type="application/json" ATTRS>` in `html` after `from`.
fn script_after(html: &str, from: usize, attrs: &str) -> Option<(usize, Value)> {
    let open = format!("<script type=\"application/json\" {attrs}>");
    let start = from + html[from..].find(&open)? + open.len();
    let end = start + html[start..].find("</script>")?;
    Some((end, serde_json::from_str(&html[start..end]).unwrap()))
}

#[test]
fn the_browser_module_draws_each_what_if_chart_as_the_build_did() {
    use hearth_model::draw::{Look, svg};
    let tmp = TempDir::new("scenario-looks");
    let report = hearth::build(&example_content(), tmp.path());
    assert!(report.written, "{:#?}", report.diagnostics);
    let mut drawn = 0;
    for id in ["foster-sufficiency", "placement-costs"] {
        let page =
            std::fs::read_to_string(tmp.path().join(format!("scenarios/{id}/index.html"))).unwrap();
        for (n, figure) in page
            .split("<figure class=\"chart\" data-scenario-chart=")
            .skip(1)
            .enumerate()
        {
            let (at, option) = script_after(figure, 0, &format!("id=\"chart-{id}-{n}\"")).unwrap();
            let (_, look) = script_after(figure, at, "data-chart-look").expect("a look");
            let nums: Vec<f64> = look["nums"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect();
            let texts: Vec<String> = look["texts"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap().to_string())
                .collect();
            let mut look = Look::decode(&nums, &texts).expect("a look the module reads");
            // The figures at the published assumptions, as the option has them.
            let values: Vec<Vec<f64>> = option["series"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    s["data"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|v| v.as_f64().unwrap_or(f64::NAN))
                        .collect()
                })
                .collect();
            let values: Vec<&[f64]> = values.iter().map(Vec::as_slice).collect();
            look.set_figures(&values);
            let chart = look.chart.clone();
            for (w, class) in [
                (360.0, "chart-static__svg chart-static__svg--narrow"),
                (720.0, "chart-static__svg chart-static__svg--wide"),
            ] {
                let svg = svg::image(&chart, w, 352.0, class, &look.advances);
                assert!(
                    figure.contains(&svg),
                    "{id} chart {n}, {w} wide: the module would draw\n{svg}"
                );
            }
            // Other figures draw another chart.
            let moved: Vec<Vec<f64>> = values
                .iter()
                .map(|v| v.iter().map(|x| x * 1.5 + 7.0).collect())
                .collect();
            let moved: Vec<&[f64]> = moved.iter().map(Vec::as_slice).collect();
            look.set_figures(&moved);
            let svg = svg::image(
                &look.chart,
                720.0,
                352.0,
                "chart-static__svg chart-static__svg--wide",
                &look.advances,
            );
            assert!(!figure.contains(&svg), "{id} chart {n}");
            drawn += 1;
        }
    }
    assert_eq!(drawn, 4, "every what-if chart of the example has a look");
}

//! Series read from a DfE open data standard CSV file (`series: { dfe: ... }`), built from
//! `tests/fixtures/valid/dfe-import/`: the council's own series chosen by its ONS code,
//! England by geographic level, the region by its code, filters applied, financial-year
//! periods read as 2023/24, and shorthand symbols kept as flags, never numbers.
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use serde_json::Value;

fn metrics() -> Vec<Value> {
    metrics_of("dfe-import")
}

fn metrics_of(fixture: &str) -> Vec<Value> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/valid")
        .join(fixture);
    let (site, report) = hearth::render(&dir);
    let site = site.unwrap_or_else(|| panic!("does not build: {:#?}", report.diagnostics));
    let json = site.files.get("data/metrics.json").unwrap();
    serde_json::from_slice(json).unwrap()
}

/// period, shown value (or flag) of each point.
fn points(series: &Value) -> Vec<(String, String)> {
    series
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let shown = match (&p["value"], &p["flag"]) {
                (Value::Number(n), _) => n.to_string(),
                (_, Value::String(f)) => format!("flag {f}"),
                _ => "?".into(),
            };
            (p["period"].as_str().unwrap().to_string(), shown)
        })
        .collect()
}

fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
    p.iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect()
}

#[test]
fn levels_codes_filters_and_flags() {
    let all = metrics();
    let find = |id: &str| all.iter().find(|m| m["id"] == id).unwrap().clone();
    let count = find("children-in-care");
    assert_eq!(
        points(&count["series"]),
        pairs(&[
            ("2021/22", "410.0"),
            ("2022/23", "flag c"),
            ("2023/24", "395.0")
        ])
    );
    let comparator = |m: &Value, id: &str| {
        m["comparators"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == id)
            .unwrap()["series"]
            .clone()
    };
    assert_eq!(
        points(&comparator(&count, "england")),
        pairs(&[
            ("2021/22", "82170.0"),
            ("2022/23", "83840.0"),
            ("2023/24", "83630.0")
        ])
    );
    assert_eq!(
        points(&comparator(&count, "east-midlands")),
        pairs(&[
            ("2021/22", "5478.0"),
            ("2022/23", "5589.0"),
            ("2023/24", "5575.0")
        ])
    );
    let rate = find("children-in-care-rate");
    assert_eq!(
        points(&rate["series"]),
        pairs(&[
            ("2021/22", "65.0"),
            ("2022/23", "flag c"),
            ("2023/24", "flag low")
        ])
    );
    assert_eq!(
        points(&comparator(&rate, "england-boys")),
        pairs(&[
            ("2021/22", "74.0"),
            ("2022/23", "75.0"),
            ("2023/24", "74.0")
        ])
    );
}

/// `tests/fixtures/valid/dfe-periods/`: a children looked after file's Reporting year 2024
/// (the year ending 31 March 2024) is 2023/24, with the span of that financial year; calendar
/// quarters are 2024-Q1 ... 2024-Q4.
#[test]
fn reporting_years_and_quarters() {
    let all = metrics_of("dfe-periods");
    let find = |id: &str| all.iter().find(|m| m["id"] == id).unwrap().clone();
    let cla = find("children-in-care");
    assert_eq!(
        points(&cla["series"]),
        pairs(&[
            ("2021/22", "410.0"),
            ("2022/23", "flag c"),
            ("2023/24", "395.0")
        ])
    );
    let last = cla["series"].as_array().unwrap().last().unwrap().clone();
    assert_eq!(last["start"], "2023-04-01", "{last}");
    assert_eq!(last["end"], "2024-03-31", "{last}");
    assert_eq!(
        points(&cla["comparators"][0]["series"]),
        pairs(&[
            ("2021/22", "82170.0"),
            ("2022/23", "83840.0"),
            ("2023/24", "83630.0")
        ])
    );
    let referrals = find("referrals");
    assert_eq!(
        points(&referrals["series"]),
        pairs(&[
            ("2024-Q1", "120.0"),
            ("2024-Q2", "131.0"),
            ("2024-Q3", "flag x"),
            ("2024-Q4", "117.0")
        ])
    );
}

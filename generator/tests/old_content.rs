//! Content that builds today builds tomorrow, with the same meaning: a copy of the example
//! content as it was in December 2026 (`tests/fixtures/valid/example-2026-12/`, editions
//! included) must build without errors, and its ratings, timescales, owners, targets and
//! figures must still read as they did (`example-2026-12.expect.json`, written from that
//! day's open data).
#![allow(clippy::unwrap_used)]

use std::path::PathBuf;

use serde_json::Value;

fn fixtures() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid")
}

#[test]
fn the_december_2026_example_still_builds_with_the_same_meaning() {
    let content = fixtures().join("example-2026-12");
    let (site, report) = hearth::render(&content);
    assert!(
        site.is_some(),
        "{:#?}",
        report
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect::<Vec<_>>()
    );
    let site = site.unwrap();
    let expect: Value = serde_json::from_str(
        &std::fs::read_to_string(fixtures().join("example-2026-12.expect.json")).unwrap(),
    )
    .unwrap();
    let data = |path: &str| -> Value { serde_json::from_slice(&site.files[path]).unwrap() };
    let actions = data("data/actions.json");
    let actions = actions.as_array().unwrap();
    assert_eq!(actions.len(), expect["ratings"].as_object().unwrap().len());
    for a in actions {
        let id = a["id"].as_str().unwrap();
        for (field, table) in [
            ("rag", "ratings"),
            ("timescale", "timescales"),
            ("owner", "owners"),
        ] {
            assert_eq!(a[field], expect[table][id], "{id}: {field}");
        }
    }
    let metrics = data("data/metrics.json");
    let metrics = metrics.as_array().unwrap();
    assert_eq!(metrics.len(), expect["targets"].as_object().unwrap().len());
    for m in metrics {
        let id = m["id"].as_str().unwrap();
        let targets: Vec<Value> = m["targets"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| serde_json::json!([t["period"], t["value"]]))
            .collect();
        assert_eq!(
            Value::Array(targets),
            expect["targets"][id],
            "{id}: targets"
        );
        let series: Vec<Value> = m["series"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| serde_json::json!([p["period"], p["value"], p["flag"]]))
            .collect();
        assert_eq!(Value::Array(series), expect["series"][id], "{id}: figures");
    }
}

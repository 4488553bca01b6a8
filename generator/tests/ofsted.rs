//! Market tables read from Ofsted's provider-level list of children's social care providers
//! (`rows: { ofsted: ... }`), built from `tests/fixtures/valid/ofsted-providers/` (the real
//! column layout, invented providers): providers counted and places summed by provider type,
//! sector and judgement, a filter on provider type, a total row, blank cells kept blank (a
//! blank judgement is not "Not yet inspected"; a blank places cell makes the sum not
//! available), and problems reported at the provider list's row and column.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;
use support::example_content;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/ofsted-providers")
}

/// The market tables of the site built from `dir`, by id.
fn tables(dir: &Path) -> Vec<Value> {
    let (site, report) = hearth::render(dir);
    let site = site.unwrap_or_else(|| panic!("does not build: {:#?}", report.diagnostics));
    let json: Value = serde_json::from_slice(site.files.get("data/market.json").unwrap()).unwrap();
    json["tables"].as_array().unwrap().clone()
}

fn table(all: &[Value], id: &str) -> Value {
    all.iter().find(|t| t["id"] == id).unwrap().clone()
}

/// Each row's label and cells as shown (a number, or the flag).
fn rows(t: &Value) -> Vec<(String, Vec<String>)> {
    let mut out: Vec<Value> = t["rows"].as_array().unwrap().clone();
    if !t["total"].is_null() {
        out.push(t["total"].clone());
    }
    out.iter()
        .map(|r| {
            let cells = r["cells"]
                .as_array()
                .unwrap()
                .iter()
                .map(|c| match (&c["value"], &c["flag"]) {
                    (Value::Number(n), _) => n.as_f64().unwrap().to_string(),
                    (_, Value::String(f)) => f.clone(),
                    _ => "?".into(),
                })
                .collect();
            (r["label"].as_str().unwrap().to_string(), cells)
        })
        .collect()
}

fn expect(rows: &[(&str, &[&str])]) -> Vec<(String, Vec<String>)> {
    rows.iter()
        .map(|(l, c)| (l.to_string(), c.iter().map(|s| s.to_string()).collect()))
        .collect()
}

#[test]
fn providers_counted_and_places_summed_by_provider_type() {
    let all = tables(&fixture());
    // Testshire only (Northvale's two homes are left out); the agency's blank places cell
    // makes its places, and the total's, not available; "1,012" is read with its comma.
    assert_eq!(
        rows(&table(&all, "homes-by-provider-type")),
        expect(&[
            ("Children's home", &["6", "x"]),
            ("Independent fostering agency", &["1", "x"]),
            ("Residential special school", &["1", "28"]),
            ("Secure children's home", &["1", "1012"]),
            ("All registered providers", &["9", "x"]),
        ])
    );
}

#[test]
fn judgements_in_order_and_blanks_not_taken_for_not_yet_inspected() {
    let all = tables(&fixture());
    // Children's homes only; the local authority is matched ignoring case. One home has a
    // blank judgement and a blank places cell: it is counted as not given, never as "Not yet
    // inspected", which only the home the file says so of is.
    assert_eq!(
        rows(&table(&all, "homes-by-judgement")),
        expect(&[
            ("Outstanding", &["1", "3"]),
            ("Good", &["2", "10"]),
            ("Requires improvement to be good", &["1", "2"]),
            ("Not yet inspected", &["1", "1"]),
            ("Not given in Ofsted's list", &["1", "x"]),
            ("All registered children's homes", &["6", "x"]),
        ])
    );
    // The rows of each grouping add up to every provider in the area.
    let by_sector = rows(&table(&all, "providers-by-sector"));
    assert_eq!(
        by_sector,
        expect(&[
            ("Local authority", &["2"]),
            ("Private", &["5"]),
            ("Voluntary", &["2"]),
        ])
    );
    let sum: f64 = by_sector
        .iter()
        .map(|(_, c)| c[0].parse::<f64>().unwrap())
        .sum();
    assert_eq!(sum, 9.0);
}

#[test]
fn the_example_publishes_registered_homes_from_a_provider_list() {
    let all = tables(&example_content());
    let t = table(&all, "registered-homes");
    assert_eq!(t["section"], "supply");
    assert_eq!(
        rows(&t),
        expect(&[
            ("Children's home", &["21", "83"]),
            ("Residential special school", &["1", "24"]),
            ("All registered homes", &["22", "107"]),
        ])
    );
}

/// A copy of the fixture with `edit` applied to one of its files; the errors `hearth check`
/// reports for it.
fn errors_after(tag: &str, rel: &str, edit: impl FnOnce(String) -> String) -> Vec<String> {
    support::errors_after(&fixture(), tag, rel, edit)
}

#[test]
fn a_misnamed_column_is_named_with_the_nearest() {
    let errors = errors_after(
        "ofsted-column",
        "market/supply/data/ofsted-providers.csv",
        |t| t.replacen("Provider type", "Provider typ", 1),
    );
    assert_eq!(errors.len(), 3, "{errors:#?}");
    assert!(
        errors[0].contains("has no column `Provider type`")
            && errors[0].contains("did you mean `Provider typ`?"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_bad_places_cell_is_reported_at_its_row_and_column() {
    let errors = errors_after(
        "ofsted-cell",
        "market/supply/data/ofsted-providers.csv",
        |t| {
            t.replacen(",Secure children's home,Local authority,Active,04/04/2008,Testshire,East Midlands,\"1,012\"", ",Secure children's home,Local authority,Active,04/04/2008,Testshire,East Midlands,12 places", 1)
        },
    );
    // Only the table of every provider type reads that row's places: the other two skip it
    // (children's homes only; no places).
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("\"12 places\" in `Number of registered places` is not a number")
            && errors[0].contains("ofsted-providers.csv:8:8"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_total_row_twice_and_a_count_of_values_that_does_not_fit_are_refused() {
    let errors = errors_after(
        "ofsted-values",
        "market/supply/homes-by-provider-type.yaml",
        |t| {
            t.replace("values: [providers, places]", "values: [providers]")
                .replace(
                    "source:",
                    "total: { label: All, values: [9, 1047] }\nsource:",
                )
        },
    );
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors
            .iter()
            .any(|e| e.contains("`values` names 1 value but the table has 2 columns"))
    );
    assert!(
        errors
            .iter()
            .any(|e| e.contains("writes its own `total:` row as well"))
    );
}

//! Series read from a StatsWales CSV download (`series: { statswales: ... }`), built from
//! `tests/fixtures/valid/statswales-import/` (a StatsWales column layout, invented figures
//! rounded to the nearest 5): an area by its code and by its name, filters, `2021-22` read as
//! 2021/22, bracket shorthand kept as flags (never numbers), `[r]` as a note, a blank figure
//! left out; the publisher's rounding said to readers and allowed for in a table's total.
#![allow(clippy::unwrap_used)]

use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/statswales-import")
}

fn site(dir: &Path) -> hearth::render::Rendered {
    let (site, report) = hearth::render(dir);
    site.unwrap_or_else(|| panic!("does not build: {:#?}", report.diagnostics))
}

/// period, shown value (or flag), note of each point.
fn points(series: &Value) -> Vec<String> {
    series
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let shown = match (&p["value"], &p["flag"]) {
                (Value::Number(n), _) => n.as_f64().unwrap().to_string(),
                (_, Value::String(f)) => format!("[{f}]"),
                _ => "?".into(),
            };
            match p["note"].as_str() {
                Some(n) => format!("{} {shown} ({n})", p["period"].as_str().unwrap()),
                None => format!("{} {shown}", p["period"].as_str().unwrap()),
            }
        })
        .collect()
}

#[test]
fn areas_filters_periods_and_shorthand() {
    let site = site(&fixture());
    let all: Vec<Value> =
        serde_json::from_slice(site.files.get("data/metrics.json").unwrap()).unwrap();
    let find = |id: &str| all.iter().find(|m| m["id"] == id).unwrap().clone();
    let cardiff = find("cla-cardiff");
    // 2024-25 has a blank figure and no shorthand: no point, not a 0.
    assert_eq!(
        points(&cardiff["series"]),
        ["2021/22 1020", "2022/23 1045", "2023/24 1060 (Revised)"]
    );
    assert_eq!(
        points(&cardiff["comparators"][0]["series"]),
        ["2021/22 7080", "2022/23 7210", "2023/24 7195 (Provisional)"]
    );
    assert_eq!(cardiff["source"]["rounded_to"], 5);
    // [c] in the notes with a blank figure, [c] in the figure's cell, [low]: flags only.
    assert_eq!(
        points(&find("cla-secure")["series"]),
        ["2021/22 [c]", "2022/23 [c]", "2023/24 [low]"]
    );
    // A measure whose source says nothing of rounding keeps its JSON as it was.
    assert!(find("carers")["source"].get("rounded_to").is_none());
}

#[test]
fn readers_are_told_the_figures_are_rounded() {
    let site = site(&fixture());
    let page =
        std::str::from_utf8(site.files.get("measures/cla-cardiff/index.html").unwrap()).unwrap();
    assert!(page.contains("The publisher rounds these figures to the nearest 5."));
    let facts = std::str::from_utf8(site.files.get("facts/index.html").unwrap()).unwrap();
    assert!(facts.contains("The publisher rounds these figures to the nearest 5."));
    let other = std::str::from_utf8(site.files.get("measures/carers/index.html").unwrap()).unwrap();
    assert!(!other.contains("rounds these figures"));
}

/// The errors `hearth check` reports for a copy of the fixture with `edit` applied to `rel`.
fn errors_after(tag: &str, rel: &str, edit: impl FnOnce(String) -> String) -> Vec<String> {
    support::errors_after(&fixture(), tag, rel, edit)
}

#[test]
fn a_rounded_total_is_checked_allowing_for_rounding_only() {
    // Without `rounded_to` the total 1060 of 730 + 325 = 1055 is an error.
    let errors = errors_after("sw-exact", "breakdowns/placements-2023.yaml", |t| {
        t.replace(", rounded_to: 5", "")
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("the total 1060 is not the sum of the rows"));
    // With it, a difference beyond what rounding can explain (3 figures, 2.5 each) still is.
    let errors = errors_after("sw-far", "breakdowns/placements-2023.yaml", |t| {
        t.replace("values: [1060]", "values: [1065]")
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(errors[0].contains("the total 1065 is not the sum of the rows"));
}

#[test]
fn an_unknown_area_and_filter_value_are_named_with_the_nearest() {
    let errors = errors_after("sw-area", "metrics/cla-secure.yaml", |t| {
        t.replace("area: Cardiff", "area: Cardif")
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("has no rows for the area `Cardif`")
            && errors[0].contains("did you mean `Cardiff`?"),
        "{}",
        errors[0]
    );
    let errors = errors_after("sw-filter", "metrics/cla-secure.yaml", |t| {
        t.replace(
            "Placement type: Secure units",
            "Placement type: Secure unit",
        )
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("no row has `Secure unit` in the column `Placement type`")
            && errors[0].contains("did you mean `Secure units`?"),
        "{}",
        errors[0]
    );
}

#[test]
fn unknown_shorthand_is_reported_at_its_row_and_column() {
    let errors = errors_after("sw-shorthand", "metrics/data/cla-wales.csv", |t| {
        t.replacen("Secure units,[low],", "Secure units,[q],", 1)
    });
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0].contains("\"[q]\" in `Data values` is neither a number nor shorthand")
            && errors[0].contains("cla-wales.csv:10:5"),
        "{}",
        errors[0]
    );
}

//! Forecasts that can be checked: an earlier edition's published forecast for a scenario
//! series tied to a measure (`measure:`), beside the current measure's figure for the same
//! calendar year, on the scenario's page, on `/changes/` and in `/data/outturns.*`. Years the
//! earlier edition already had a figure for, years with no figure now, and approximate
//! figures are left out.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;
use support::{TempDir, copy_dir};

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/outturns")
}

fn rendered(content: &Path) -> BTreeMap<String, String> {
    let (site, report) = hearth::render(content);
    let site = site.unwrap_or_else(|| panic!("does not build: {:#?}", report.diagnostics));
    site.files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".json") || p.ends_with(".csv"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The text of the element marked `data-outturns`, tags removed and spaces collapsed.
fn section(html: &str) -> String {
    let start = html.find("data-outturns").unwrap();
    let end = start + html[start..].find("</section>").unwrap();
    let mut text = String::new();
    let mut tag = false;
    for ch in html[start..end].chars() {
        match ch {
            '<' => tag = true,
            '>' => {
                tag = false;
                text.push(' ');
            }
            c if !tag => text.push(c),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn forecast_beside_outturn_on_pages_and_in_data() {
    let files = rendered(&fixture());
    let csv = &files["data/outturns.csv"];
    assert_eq!(
        csv.lines().collect::<Vec<_>>(),
        [
            "edition,scenario,series,metric,year,forecast,outturn,difference,percent_difference",
            // 2023 was a figure edition 1.0 already had; 2026 is "about 130" now; 2027 has none.
            "1.0,carers-forecast,households,carers,2024,128,126,-2,-1.56",
            "1.0,carers-forecast,households,carers,2025,135.2,131,-4.2,-3.11",
        ]
    );
    let json: Value = serde_json::from_str(&files["data/outturns.json"]).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1]["forecast"], 135.2);
    assert_eq!(rows[1]["outturn"], 131.0);
    assert_eq!(rows[1]["difference"], -4.2);
    assert_eq!(rows[1]["percent"], -3.11);

    for page in ["scenarios/carers-forecast/index.html", "changes/index.html"] {
        let text = section(&files[page]);
        assert!(
            text.contains(
                "Fostering households, 2024: edition 1.0 forecast 128 households; the figure \
                 now published in Fostering households is 126 households."
            ),
            "{page}: {text}"
        );
        assert!(
            text.contains("135 households 131 households -4 households -3.1%"),
            "{page}: {text}"
        );
        assert!(!text.contains("2023"), "{page}: {text}");
        assert!(!text.contains("2026"), "{page}: {text}");
        // Figures only: no word on how good the forecast was.
        for word in ["accura", "accurate", "correct", "good", "wrong"] {
            assert!(!text.to_lowercase().contains(word), "{page}: {word}");
        }
    }
    // The earlier edition's own pages show no comparison.
    assert!(!files["editions/1.0/scenarios/carers-forecast/index.html"].contains("data-outturns"));
    assert!(files["data/index.html"].contains("outturns.csv"));
}

#[test]
fn nothing_without_a_tie_or_an_outturn() {
    // Without `measure:` in the earlier edition, nothing is compared.
    let tmp = TempDir::new("outturns-untied");
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    let file = content.join("editions/1.0/scenarios/carers-forecast.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(&file, text.replace("    measure: carers\n", "")).unwrap();
    let files = rendered(&content);
    assert!(!files.contains_key("data/outturns.csv"));
    assert!(!files["changes/index.html"].contains("data-outturns"));
    assert!(!files["scenarios/carers-forecast/index.html"].contains("data-outturns"));

    // With the tie but no figure for any forecast year, nothing either.
    let tmp = TempDir::new("outturns-no-figures");
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    let file = content.join("metrics/carers.yaml");
    let text = fs::read_to_string(&file).unwrap();
    let text = text
        .replace("  - { period: 2024, value: 126 }\n", "")
        .replace(
            "  - { period: 2025, value: 131 }\n",
            "  - { period: 2024/25, value: 131 }\n",
        );
    fs::write(&file, text).unwrap();
    let scenario = content.join("scenarios/carers-forecast.yaml");
    let text = fs::read_to_string(&scenario).unwrap();
    fs::write(&scenario, text.replace("'2025'", "'2024/25'")).unwrap();
    let files = rendered(&content);
    assert!(!files.contains_key("data/outturns.json"));
    assert!(!files["changes/index.html"].contains("data-outturns"));
}

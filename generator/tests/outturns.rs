//! Forecasts that can be checked: an earlier edition's published forecast for a scenario
//! series tied to a measure (`measure:`), beside the current measure's figure for the period
//! the year stands for (`years:`: the calendar year `2024`, the year to 31 March `2023/24`,
//! the day `31 March 2024`), on the scenario's page, on `/changes/` and in
//! `/data/outturns.*`, with the period as the measure writes it. Years the earlier edition
//! already had a figure for, years with no figure now, and approximate figures are left out;
//! a withheld figure is shown as withheld. With no `years:`, a forecast year is a calendar
//! year only, and a measure with no period that could match gets a warning.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::Severity;
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
            "edition,scenario,series,metric,year,years,period,forecast,outturn,outturn_flag,\
             difference,percent_difference",
            // 2023 was a figure edition 1.0 already had; 2026 is "about 130" now; 2027 has none.
            "1.0,carers-forecast,households,carers,2024,calendar,2024,128,126,,-2,-1.56",
            "1.0,carers-forecast,households,carers,2025,calendar,2025,135.2,131,,-4.2,-3.11",
            // At 31 March, whichever way the day is written.
            "1.0,carers-forecast,in_foster,in-foster-care,2024,at-31-march,31 March 2024,204,205,,1,0.49",
            "1.0,carers-forecast,in_foster,in-foster-care,2025,at-31-march,2025-03-31,208,212,,4,1.92",
            "1.0,carers-forecast,in_foster,in-foster-care,2026,at-31-march,31 March 2026,212,215,,3,1.42",
            // The year to 31 March; 2025/26 is withheld (`flag: c`): no number.
            "1.0,carers-forecast,looked_after,looked-after,2024,year-to-31-march,2023/24,296,297,,1,0.34",
            "1.0,carers-forecast,looked_after,looked-after,2025,year-to-31-march,2024/25,302,301,,-1,-0.33",
            "1.0,carers-forecast,looked_after,looked-after,2026,year-to-31-march,2025/26,308,,c,,",
        ]
    );
    let json: Value = serde_json::from_str(&files["data/outturns.json"]).unwrap();
    let rows = json.as_array().unwrap();
    assert_eq!(rows.len(), 8);
    assert_eq!(rows[1]["forecast"], 135.2);
    assert_eq!(rows[1]["outturn"], 131.0);
    assert_eq!(rows[1]["difference"], -4.2);
    assert_eq!(rows[1]["percent"], -3.11);
    assert_eq!(rows[1]["period"], "2025");
    assert_eq!(rows[6]["years"], "year-to-31-march");
    assert_eq!(rows[6]["period"], "2024/25");
    assert_eq!(rows[7]["period"], "2025/26");
    assert_eq!(rows[7]["outturn"], Value::Null);
    assert_eq!(rows[7]["difference"], Value::Null);
    assert_eq!(rows[7]["percent"], Value::Null);
    assert_eq!(rows[7]["flag"], "c");
    assert_eq!(rows[3]["years"], "at-31-march");
    assert_eq!(rows[3]["period"], "2025-03-31");

    for page in ["scenarios/carers-forecast/index.html", "changes/index.html"] {
        let text = section(&files[page]);
        for sentence in [
            "Fostering households in 2024: edition 1.0 forecast 128 households; the figure \
             now published for 2024 in Fostering households is 126 households.",
            "Children looked after for the year to 31 March 2025: edition 1.0 forecast 302 \
             children; the figure now published for 2024&#x2f;25 in Children looked after \
             during the year is 301 children.",
            "Children in foster care at 31 March 2025: edition 1.0 forecast 208 children; the \
             figure now published for 2025-03-31 in Children in foster care at 31 March is \
             212 children.",
            "Children looked after for the year to 31 March 2026: edition 1.0 forecast 308 \
             children; Children looked after during the year has no figure for 2025&#x2f;26: \
             withheld to protect confidentiality (c).",
        ] {
            assert!(text.contains(sentence), "{page}: {sentence}\n{text}");
        }
        // The table: the year in words, the period as written, the flag for a withheld figure.
        for row in [
            "Children looked after year to 31 March 2024 2023&#x2f;24 1.0 296 children 297 \
             children +1 children +0.3%",
            "Children in foster care 31 March 2025 2025-03-31 1.0 208 children 212 children \
             +4 children +1.9%",
            "Children looked after year to 31 March 2026 2025&#x2f;26 1.0 308 children c : \
             withheld to protect confidentiality Download",
        ] {
            assert!(text.contains(row), "{page}: {row}\n{text}");
        }
        // Page, JSON and CSV agree: each open data row is on the page with its figures.
        for r in rows {
            let forecast = r["forecast_text"].as_str().unwrap();
            let outturn = r["outturn_text"].as_str().unwrap();
            let period = r["period"].as_str().unwrap().replace('/', "&#x2f;");
            let cells = format!("{period} 1.0 {forecast} ");
            assert!(text.contains(&cells), "{page}: {cells}");
            assert!(text.contains(outturn), "{page}: {outturn}");
        }
        assert!(
            text.contains("135 households 131 households -4 households -3.1%"),
            "{page}: {text}"
        );
        assert!(!text.contains("2023 "), "{page}: {text}");
        assert!(
            !text.contains("Fostering households 2026"),
            "{page}: {text}"
        );
        assert!(
            !text.contains("Fostering households in 2026"),
            "{page}: {text}"
        );
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
    let untied: String = text
        .lines()
        .filter(|l| !l.starts_with("    measure: "))
        .map(|l| format!("{l}\n"))
        .collect();
    fs::write(&file, untied).unwrap();
    let files = rendered(&content);
    assert!(!files.contains_key("data/outturns.csv"));
    assert!(!files["changes/index.html"].contains("data-outturns"));
    assert!(!files["scenarios/carers-forecast/index.html"].contains("data-outturns"));

    // With the tie but no figure for any forecast year, nothing for that series.
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
    assert!(!files["data/outturns.csv"].contains(",households,"));
    assert!(!files["changes/index.html"].contains("Fostering households in"));
}

#[test]
fn no_declaration_means_calendar_years_and_a_warning() {
    // Without `years:`, the financial-year measure is never compared, and `hearth check`
    // warns at the series' `measure:` with the field to add. The site still builds.
    let tmp = TempDir::new("outturns-undeclared");
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    for file in [
        "scenarios/carers-forecast.yaml",
        "editions/1.0/scenarios/carers-forecast.yaml",
    ] {
        let file = content.join(file);
        let text = fs::read_to_string(&file).unwrap();
        fs::write(&file, text.replace("    years: year-to-31-march\n", "")).unwrap();
    }
    let (site, report) = hearth::render(&content);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let warnings: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.contains("outturn"))
        .collect();
    // One in the current scenario, one in the frozen edition's (where the forecast compared
    // was published, so where `years:` is read from).
    assert_eq!(warnings.len(), 2, "{warnings:#?}");
    for (w, file) in warnings.iter().zip([
        "/content/scenarios/carers-forecast.yaml",
        "/content/editions/1.0/scenarios/carers-forecast.yaml",
    ]) {
        assert!(w.location.file.replace('\\', "/").ends_with(file), "{w}");
        assert_eq!(w.location.field, "series[2].measure");
        assert_eq!(w.location.pos.map(|p| (p.line, p.column)), Some((19, 14)));
        assert!(
            w.message
                .starts_with("measure `looked-after` has no figure"),
            "{w}"
        );
        assert_eq!(
            w.hint.as_deref(),
            Some("add `years: year-to-31-march` to this series")
        );
    }

    let site = site.unwrap();
    let csv = String::from_utf8(site.files["data/outturns.csv"].clone()).unwrap();
    assert!(!csv.contains("looked_after"), "{csv}");
    assert!(csv.contains("in_foster"), "{csv}");

    // Declared, but not as the measure's periods are written: the same warning, naming the
    // declaration that fits.
    let file = content.join("scenarios/carers-forecast.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("years: at-31-march", "years: year-to-31-march"),
    )
    .unwrap();
    let (_, report) = hearth::render(&content);
    let hints: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("outturn"))
        .map(|d| (d.location.field.as_str(), d.hint.as_deref().unwrap_or("")))
        .collect();
    assert_eq!(
        hints,
        [
            (
                "series[2].measure",
                "add `years: year-to-31-march` to this series"
            ),
            (
                "series[3].measure",
                "add `years: at-31-march` to this series"
            ),
            // The edition's, still with no `years:`.
            (
                "series[2].measure",
                "add `years: year-to-31-march` to this series"
            ),
        ]
    );
}

#[test]
fn an_unknown_declaration_is_an_error_at_its_line() {
    let tmp = TempDir::new("outturns-bad-years");
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    let file = content.join("scenarios/carers-forecast.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("years: at-31-march", "years: financial"),
    )
    .unwrap();
    let (site, report) = hearth::render(&content);
    assert!(site.is_none());
    let e = report
        .diagnostics
        .iter()
        .find(|d| d.severity == Severity::Error)
        .unwrap();
    assert!(e.to_string().contains("at-31-march"), "{e}");
    assert!(e.location.file.ends_with("carers-forecast.yaml"), "{e}");
    assert_eq!(e.location.pos.map(|p| p.line), Some(27), "{e}");
}

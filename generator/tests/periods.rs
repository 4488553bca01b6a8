//! Periods as council documents write them (`tests/fixtures/valid/document-periods`): every
//! form builds; each form that can be read more than one way is a warning (never an error) at
//! its file, line, column and field, in YAML and in CSV alike, and not again for a frozen
//! edition; the pages and open data give each period the span the docs say; and no page puts
//! a period after the wrong word ("in 31 March 2024", "as at 2020 to 2023").

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use hearth::diag::Diagnostic;
use hearth_model::Severity;
use serde_json::Value;

mod support;
use support::{TempDir, copy_dir, example_content};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/document-periods")
}

/// The warnings that say how a period was read.
fn readings(diagnostics: &[Diagnostic]) -> Vec<&Diagnostic> {
    diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.message.starts_with("read `"))
        .collect()
}

fn show(diagnostics: &[&Diagnostic]) -> String {
    diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn ambiguous_periods_are_warnings_at_their_fields() {
    let report = hearth::check(&fixture());
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let found = readings(&report.diagnostics);
    // (file, line, column, field, message)
    let expected = [
        (
            "site.yaml",
            4,
            9,
            "covers",
            "read `2020/24` as the financial years 2020/21 to 2023/24 (April 2020 to March 2024)",
        ),
        (
            "plan/fostering.yaml",
            9,
            16,
            "actions[0].timescale",
            "read `2024-2025` as the financial year April 2024 to March 2025",
        ),
        (
            "plan/fostering.yaml",
            16,
            17,
            "actions[1].updates[0].date",
            "read `09.12.24` as 9 December 2024 (day, month, year)",
        ),
        (
            "plan/fostering.yaml",
            24,
            16,
            "actions[3].timescale",
            "read `late 2025` as September to December 2025 (the last third of the year)",
        ),
        (
            "plan/fostering.yaml",
            36,
            16,
            "actions[6].timescale",
            "read `2025/30` as the financial years 2025/26 to 2029/30",
        ),
        (
            "metrics/carers.yaml",
            10,
            15,
            "series[1].period",
            "read `31.12.14` as 31 December 2014",
        ),
        (
            "metrics/carers.yaml",
            14,
            15,
            "targets[0].period",
            "read `2012-14` as the years 2012 to 2014",
        ),
        // Read from the measure's CSV file: placed on its row.
        (
            "metrics/data/placements.csv",
            2,
            1,
            "series[0].period",
            "read `Aug-12` as August 2012",
        ),
        (
            "metrics/data/placements.csv",
            3,
            1,
            "series[1].period",
            "read `2011-12` as the financial year April 2011 to March 2012",
        ),
    ];
    for (file, line, column, field, message) in expected {
        assert!(
            found.iter().any(|d| {
                d.location.file.replace('\\', "/").ends_with(file)
                    && d.location.pos.map(|p| (p.line, p.column)) == Some((line, column))
                    && d.location.field == field
                    && d.message.starts_with(message)
                    && d.hint.as_deref().is_some_and(|h| h.starts_with("write "))
            }),
            "no warning {file}:{line}:{column} {field}: {message}\n{}",
            show(&found)
        );
    }
    // Clear forms (`2010-2015`, `By end of April 2025`, `Ongoing.`, `2024/5`, `12.12.2024`,
    // `End of January 2014`, `summer of 2025`, `2024/25`, ...) say nothing.
    assert_eq!(found.len(), expected.len(), "{}", show(&found));
}

#[test]
fn a_frozen_edition_does_not_repeat_the_warnings() {
    let tmp = TempDir::new("periods-edition");
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    copy_dir(&fixture(), &content.join("editions/0.9"));
    let site = fs::read_to_string(content.join("site.yaml")).unwrap();
    fs::write(
        content.join("editions/0.9/site.yaml"),
        site.replace("version: \"1.0\"", "version: \"0.9\"")
            .replace("published: 12.12.2024", "published: 2024-06-01"),
    )
    .unwrap();
    let report = hearth::check(&content);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let found = readings(&report.diagnostics);
    assert_eq!(found.len(), 9, "{}", show(&found));
    assert!(
        found
            .iter()
            .all(|d| !d.location.file.replace('\\', "/").contains("editions/")),
        "{}",
        show(&found)
    );
}

/// Every action's label, start and end in `data/actions.json`.
#[test]
fn open_data_and_pages_give_each_form_its_span() {
    let (site, report) = hearth::render(&fixture());
    let site = site.unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
    let actions: Value = serde_json::from_slice(&site.files["data/actions.json"]).unwrap();
    let got: Vec<(String, String, Value, Value)> = actions
        .as_array()
        .unwrap()
        .iter()
        .map(|a| {
            (
                a["id"].as_str().unwrap().to_owned(),
                a["timescale"].as_str().unwrap().to_owned(),
                a["start"].clone(),
                a["end"].clone(),
            )
        })
        .collect();
    let day = |d: &str| Value::String(d.to_owned());
    let want = [
        ("fc-01", "2024/25", day("2024-04-01"), day("2025-03-31")),
        (
            "fc-02",
            "By end of April 2025",
            day("2025-04-30"),
            day("2025-04-30"),
        ),
        ("fc-03", "Ongoing", Value::Null, Value::Null),
        ("fc-04", "Late 2025", day("2025-09-01"), day("2025-12-31")),
        ("fc-05", "2024/25", day("2024-04-01"), day("2025-03-31")),
        ("fc-06", "Summer 2025", day("2025-06-01"), day("2025-08-31")),
        (
            "fc-07",
            "2025/26 to 2029/30",
            day("2025-04-01"),
            day("2030-03-31"),
        ),
        (
            "fc-08",
            "12 December 2024",
            day("2024-12-12"),
            day("2024-12-12"),
        ),
        (
            "fc-09",
            "End of January 2014",
            day("2014-01-31"),
            day("2014-01-31"),
        ),
    ];
    let want: Vec<(String, String, Value, Value)> = want
        .into_iter()
        .map(|(id, label, start, end)| (id.to_owned(), label.to_owned(), start, end))
        .collect();
    assert_eq!(got, want);

    let metrics: Value = serde_json::from_slice(&site.files["data/metrics.json"]).unwrap();
    let placements = metrics
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == "placements")
        .unwrap();
    let spans: Vec<(&str, &str, &str)> = placements["series"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["period"].as_str().unwrap(),
                p["start"].as_str().unwrap(),
                p["end"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        spans,
        [
            ("Aug-12", "2012-08-01", "2012-08-31"),
            ("2011-12", "2011-04-01", "2012-03-31"),
            ("2014-2016", "2014-01-01", "2016-12-31"),
            ("2024/25", "2024-04-01", "2025-03-31"),
        ]
    );

    // A day is "at", a target's deadline "by", a figure for a range "for".
    let page = |path: &str| String::from_utf8(site.files[path].clone()).unwrap();
    let carers = page("measures/carers/index.html");
    assert!(
        carers.contains(
            "Fostering households: 120 at 31 March 2024, up from 115 at the end of January \
             2016 (an improvement). The target is 130 by the end of 2025"
        ),
        "{carers}"
    );
    // The end of a stretch names its day under the label; a day alone is not repeated.
    let fc09 = page("plan/fc-09/index.html");
    assert!(fc09.contains("End of January 2014"), "{fc09}");
    assert!(
        fc09.contains(r#"<time datetime="2014-01-31">31 January 2014</time>"#),
        "{fc09}"
    );
    let fc08 = page("plan/fc-08/index.html");
    assert!(!fc08.contains("From <time"), "{fc08}");
}

/// Words that never go before a period's label: `in` or `for` before a day, anything but
/// `from` or `for` before a range, anything before `Ongoing`.
fn misplaced_words(html: &str) -> Vec<String> {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let mut found = Vec::new();
    let words: Vec<&str> = html.split_whitespace().collect();
    for w in words.windows(4) {
        let [before, day, month, year] = w else {
            continue;
        };
        let is_day = !day.is_empty() && day.len() <= 2 && day.bytes().all(|b| b.is_ascii_digit());
        let is_year = year.len() >= 4 && year.bytes().take(4).all(|b| b.is_ascii_digit());
        if matches!(*before, "in" | "for") && is_day && MONTHS.contains(month) && is_year {
            found.push(w.join(" "));
        }
    }
    for w in words.windows(2) {
        let [before, after] = w else { continue };
        let ongoing = after.to_lowercase().starts_with("ongoing");
        if ongoing && matches!(*before, "in" | "by" | "for" | "at" | "on") {
            found.push(w.join(" "));
        }
    }
    for w in words.windows(4) {
        let [before, first, to, _] = w else { continue };
        let is_year = first.len() == 4 && first.bytes().all(|b| b.is_ascii_digit());
        if matches!(*before, "in" | "by" | "at") && is_year && *to == "to" {
            found.push(w.join(" "));
        }
    }
    found
}

#[test]
fn no_page_puts_a_period_after_the_wrong_word() {
    assert_eq!(
        misplaced_words("690 in 31 March 2021, the target for 31 March 2024"),
        ["in 31 March 2021,", "for 31 March 2024"]
    );
    assert_eq!(
        misplaced_words("Target 45 by Ongoing and 48 in 2020 to 2023"),
        ["by Ongoing", "in 2020 to 2023"]
    );
    assert!(misplaced_words("690 at 31 March 2021, for 2020 to 2023, in 2024").is_empty());
    for content in [example_content(), fixture()] {
        let (site, report) = hearth::render(&content);
        let site = site.unwrap_or_else(|| panic!("{:#?}", report.diagnostics));
        for (path, bytes) in &site.files {
            if !path.ends_with(".html") {
                continue;
            }
            let html = String::from_utf8_lossy(bytes);
            let wrong = misplaced_words(&html);
            assert!(wrong.is_empty(), "{}: {path}: {wrong:?}", content.display());
        }
    }
}

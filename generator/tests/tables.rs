//! One table type for both sides: breakdowns (facts page) and market tables in every form
//! (several value columns, text columns, rows and columns that are periods, a line chart,
//! no `as_at` where the periods give the dates, quality of supply), read from the pages and
//! open data built from `tests/fixtures/valid/tables/`; and the one-value form of a breakdown
//! still published as before.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;

use serde_json::Value;

mod support;
use support::valid_fixture as fixture;

/// The site's text files, built without errors or warnings about tables.
fn site(name: &str) -> BTreeMap<String, String> {
    let (site, report) = hearth::render(&fixture(name));
    let site = site.unwrap_or_else(|| panic!("{name} does not build: {:#?}", report.diagnostics));
    let about_tables: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.location.file.contains("breakdowns") || d.location.file.contains("market/"))
        .collect();
    assert!(about_tables.is_empty(), "{about_tables:#?}");
    site.files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".json") || p.ends_with(".csv"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The page's section with id `id`.
fn section<'t>(page: &'t str, id: &str) -> &'t str {
    let start = format!("<section class=\"mps-table\" id=\"{id}\"");
    let from = page
        .find(&start)
        .unwrap_or_else(|| panic!("no section {id} in the page"));
    let rest = &page[from..];
    &rest[..rest.find("</section>").unwrap()]
}

#[test]
fn period_rows_give_the_dates_the_chart_and_the_data() {
    let files = site("tables");
    let page = &files["facts/index.html"];
    let s = section(page, "breakdown-legal-status-by-month");
    // No as_at: the months give the dates, on the page and in the caption.
    assert!(s.contains("Figures from April 2013 to July 2013"), "{s}");
    assert!(s.contains("month by month, from April 2013 to July 2013</caption>"));
    // Each row is a period, shown in its proper wording with its date.
    assert!(s.contains("<th scope=\"row\"><time datetime=\"2013-04-01\">April 2013</time></th>"));
    // Counts of children from 1 to 4 are withheld in a breakdown too.
    assert!(s.contains("<span class=\"withheld\">c</span>"));
    // A line chart (its data beside the table), summarised in words from first to last.
    assert!(s.contains("\"type\":\"line\""), "{s}");
    assert!(s.contains("Care orders: 412 in April 2013, 426 in July 2013."));
    let csv = &files["data/breakdowns/legal-status-by-month.csv"];
    assert_eq!(
        csv.split('\n').take(2).collect::<Vec<_>>(),
        [
            "Month,start,end,care-orders,section-20,remand\r",
            "April 2013,2013-04-01,2013-04-30,412,118,c\r"
        ]
    );
    let json: Value =
        serde_json::from_str(&files["data/breakdowns/legal-status-by-month.json"]).unwrap();
    assert_eq!(json["as_at"], Value::Null);
    assert_eq!(
        (&json["start"], &json["end"]),
        (&"2013-04-01".into(), &"2013-07-31".into())
    );
    let row = &json["rows"][0];
    assert_eq!(row["label"], "April 2013");
    assert_eq!(row["period"], "Apr 2013");
    assert_eq!(
        row["cells"][2],
        serde_json::json!({"value": null, "flag": "c"})
    );
    assert_eq!(json["url"], "facts/#breakdown-legal-status-by-month");
}

#[test]
fn period_columns_are_grouped_under_their_period() {
    let files = site("tables");
    let s = section(&files["facts/index.html"], "breakdown-ethnicity-over-years");
    assert!(s.contains("<th scope=\"colgroup\" colspan=\"2\" class=\"colgroup\">2019</th>"));
    assert_eq!(s.matches("scope=\"colgroup\"").count(), 3);
    // Each column's heading says its period to a screen reader.
    assert!(s.contains("Number<span class=\"visually-hidden\">, 2020</span>"));
    // One line per row over the years.
    assert!(s.contains("White: 310 in 2019, 296 in 2021."), "{s}");
    assert!(s.contains("61%"));
    let json: Value =
        serde_json::from_str(&files["data/breakdowns/ethnicity-over-years.json"]).unwrap();
    let col = &json["columns"][1];
    assert_eq!(
        (&col["period"], &col["start"], &col["unit"]),
        (&"2019".into(), &"2019-01-01".into(), &"percent".into())
    );
}

#[test]
fn text_columns_are_shown_escaped_and_never_counted() {
    let files = site("tables");
    let s = section(&files["facts/index.html"], "breakdown-our-homes");
    // Escaped, as written, not right-aligned like a figure.
    assert!(
        s.contains(
            "<td class=\"text\">Long-term care, &lt;b&gt;therapeutic&lt;&#x2f;b&gt; support</td>"
        ),
        "{s}"
    );
    assert!(!s.contains("<b>therapeutic"));
    // A text cell is no flag: no "z: not applicable" note; `x` in a text column still is one.
    assert!(!s.contains("not applicable"), "{s}");
    assert!(s.contains("<strong>x</strong>: not available"));
    let csv = &files["data/breakdowns/our-homes.csv"];
    assert!(csv.starts_with("Home,beds,offers,for\r\n"));
    assert!(csv.contains("Elm Lodge,2,Short breaks,Disabled children aged 8 to 17\r\n"));
    let json: Value = serde_json::from_str(&files["data/breakdowns/our-homes.json"]).unwrap();
    assert_eq!(json["columns"][1]["kind"], "text");
    assert_eq!(json["columns"][1]["unit"], Value::Null);
    assert_eq!(
        json["rows"][1]["cells"][1],
        serde_json::json!({"value": null, "text": "Short breaks"})
    );
    // A market table's text column, between withheld counts, in market.json.
    let market: Value = serde_json::from_str(&files["data/market.json"]).unwrap();
    let t = market["tables"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["id"] == "referrals-by-quarter")
        .unwrap();
    assert_eq!(t["rows"][2]["cells"][1]["flag"], "c");
    assert_eq!(t["rows"][2]["cells"][2]["text"], "Risk of exploitation");
    assert_eq!(t["rows"][2]["start"], "2023-10-01");
}

#[test]
fn quality_of_supply_is_an_ordinary_supply_table() {
    let files = site("tables");
    let s = section(&files["market/supply/index.html"], "table-quality");
    for judgement in [
        "Outstanding",
        "Good",
        "Requires improvement to be good",
        "Inadequate",
        "Not yet inspected",
    ] {
        assert!(
            s.contains(&format!("<th scope=\"row\">{judgement}</th>")),
            "{judgement}"
        );
    }
    let csv = &files["data/market/quality.csv"];
    assert!(csv.starts_with("Latest Ofsted judgement,homes,places\r\n"));
    assert!(csv.contains("All registered homes,49,183\r\n"));
}

#[test]
fn the_one_value_form_reads_and_publishes_as_before() {
    let files = site("tables");
    let s = section(&files["facts/index.html"], "breakdown-ages");
    assert!(s.contains("Figures as at March 2024"));
    assert!(s.contains("<th scope=\"col\" class=\"num\">Share of children in care</th>"));
    // Its CSV keeps the one-value form's columns.
    assert_eq!(
        files["data/breakdowns/ages.csv"],
        "Age,value,flag\r\nUnder 10,40,\r\n10 and over,60,\r\nNot recorded,,x\r\n"
    );
    // The December 2026 example's breakdowns: the same CSV as that day's build.
    let old = site("example-2026-12");
    assert_eq!(
        old["data/breakdowns/age-profile.csv"],
        "Age,value,flag\r\n0 to 3,20,\r\n4 to 9,26,\r\n10 to 15,37,\r\n16 and over,17,\r\n"
    );
}

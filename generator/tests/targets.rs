//! Targets and figures as documents write them, everywhere they show: every form in
//! `tests/fixtures/valid/targets-and-figures` (and the CSV figures of `valid/csv-import`) on
//! the measure's page, its table, its chart, `/data/metrics.json`, its CSV, the measure cards
//! and the list of measures; and nothing the content does not say (no "by" without a date, no
//! places a figure was not written with, no approximate figure drawn or read as a number).
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

mod support;
use support::{between, valid_fixture as fixture};

/// The rendered text files of a content folder, by path.
fn rendered(name: &str) -> BTreeMap<String, String> {
    let (site, report) = hearth::render(&fixture(name));
    let site = site.unwrap_or_else(|| panic!("{name} does not build: {:#?}", report.diagnostics));
    site.files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".json") || p.ends_with(".csv"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// The words of some HTML: scripts and tags dropped, entities undone, spaces squeezed.
fn words(html: &str) -> String {
    let mut html = html.to_string();
    while let Some(at) = html.find("<script") {
        let end = html[at..]
            .find("</script>")
            .map_or(html.len(), |e| at + e + 9);
        html.replace_range(at..end, " ");
    }
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => {
                in_tag = true;
                out.push(' ');
            }
            '>' => in_tag = false,
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&");
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows of the measure's table, each as its cells' words.
fn table_rows(page: &str) -> Vec<Vec<String>> {
    let table = between(page, "<table class=\"table\">", "</table>");
    table
        .split("<tr>")
        .skip(1)
        .map(|row| {
            let mut cells = Vec::new();
            let mut rest = row;
            while let Some(at) = rest.find(['<']) {
                let tag = &rest[at..];
                if tag.starts_with("<th") || tag.starts_with("<td") {
                    let close = if tag.starts_with("<th") {
                        "</th>"
                    } else {
                        "</td>"
                    };
                    let open_end = tag.find('>').unwrap() + 1;
                    let end = tag.find(close).unwrap();
                    cells.push(words(&tag[open_end..end]));
                    rest = &tag[end + close.len()..];
                } else {
                    rest = &tag[1..];
                }
            }
            cells
        })
        .collect()
}

/// The chart option of a measure's page, if it has a chart.
fn chart(page: &str) -> Option<Value> {
    let open = "<script type=\"application/json\" id=\"chart-";
    let at = page.find(open)?;
    let rest = &page[at..];
    let start = rest.find('>')? + 1;
    let end = rest.find("</script>")?;
    Some(serde_json::from_str(&rest[start..end]).unwrap())
}

fn series_named<'a>(option: &'a Value, name: &str) -> Option<&'a Value> {
    option["series"]
        .as_array()?
        .iter()
        .find(|s| s["name"] == name)
}

fn metric<'a>(json: &'a Value, id: &str) -> &'a Value {
    json.as_array()
        .unwrap()
        .iter()
        .find(|m| m["id"] == id)
        .unwrap_or_else(|| panic!("no measure {id} in metrics.json"))
}

#[test]
fn each_figure_is_shown_as_the_document_writes_it() {
    let site = rendered("targets-and-figures");
    let page = &site["measures/foster-share/index.html"];
    let rows = table_rows(page);
    let cell = |period: &str| -> String {
        rows.iter()
            .find(|r| r.first().map(String::as_str) == Some(period))
            .unwrap_or_else(|| panic!("no row {period}: {rows:?}"))[1]
            .clone()
    };
    // Places as written (the measure allows 1): 77.3 beside 85, never 85.0.
    assert_eq!(cell("2018/19"), "77.3%");
    assert_eq!(cell("2019/20"), "85%");
    assert_eq!(cell("2020/21"), "around 36%");
    assert_eq!(cell("2021/22"), "less than half");
    assert_eq!(cell("2022/23"), "9–10% (a drop of 2.2%)");
    assert_eq!(cell("2023/24"), "(a drop of 2.2%)", "a stated change alone");
    assert!(
        !words(page).contains("85.0"),
        "no places a figure was not written with"
    );
    // Comparators with their own dates, or none.
    let england = rows
        .iter()
        .find(|r| r.iter().any(|c| c.contains("closer to 66%")))
        .unwrap();
    assert_eq!(england[0], "No date given");
    assert!(words(page).contains("England: closer to 66% (no date given)."));
    // Ranges as values: an age band in years, a frequency in weeks.
    let ages = table_rows(&site["measures/ages/index.html"]);
    assert_eq!(ages[1][1], "16–21 years");
    let visits = table_rows(&site["measures/visits/index.html"]);
    assert_eq!(visits[1][1], "4–6 weeks (4-6 weekly)");

    let csv = &site["data/metrics/foster-share.csv"];
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "period,start,end,value,flag,change,target,target_note,england,region"
    );
    assert!(
        lines.contains(&"2019/20,2019-04-01,2020-03-31,85,,,,,,"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2018/19,2018-04-01,2019-03-31,77.3,,,,,,"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2020/21,2020-04-01,2021-03-31,around 36,,,,,,close to 70"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2021/22,2021-04-01,2022-03-31,less than half,,,,,,"),
        "{csv}"
    );
    assert!(
        lines.contains(&"2022/23,2022-04-01,2023-03-31,9-10,,a drop of 2.2%,,,,"),
        "{csv}"
    );
    assert!(
        lines.contains(&",,,,,,60,Current target,closer to 66,"),
        "{csv}"
    );

    let json: Value = serde_json::from_str(&site["data/metrics.json"]).unwrap();
    let series = &metric(&json, "foster-share")["series"];
    assert_eq!(series[0]["value"], 77.3);
    assert_eq!(series[0]["kind"], "exact");
    assert_eq!(series[1]["shown"], "85%");
    // An approximate figure, a limit and a range have no `value`: they are not numbers.
    assert_eq!(series[2]["value"], Value::Null);
    assert_eq!(
        (&series[2]["kind"], &series[2]["about"]),
        (&"approximate".into(), &36.0.into())
    );
    assert_eq!(
        (&series[3]["kind"], &series[3]["upper"]),
        (&"below".into(), &50.0.into())
    );
    assert_eq!(series[3]["shown"], "less than half");
    assert_eq!(
        (&series[4]["kind"], &series[4]["lower"], &series[4]["upper"]),
        (&"range".into(), &9.0.into(), &10.0.into())
    );
    assert_eq!(series[4]["change"], "a drop of 2.2%");
    let england = &metric(&json, "foster-share")["comparators"][0];
    assert_eq!(england["undated"]["shown"], "closer to 66%");
    assert_eq!(england["note"], "National figure with no date");
}

#[test]
fn each_target_form_is_shown_with_its_note_and_no_invented_date() {
    let site = rendered("targets-and-figures");
    let page = &site["measures/carers/index.html"];
    let listed = words(between(page, "<ul class=\"targets\">", "</ul>"));
    for t in [
        "a rise of 10 from March 2021 to March 2022 (Ten more than in March 2021)",
        "20 by 2022/23, with a stretch target of 30 (Mainstream carers recruited)",
        "a stretch target of 40 by 2024",
        "a rise of 10 each year (Ten more households a year)",
        "more than 150 by 2025/26",
    ] {
        assert!(listed.contains(t), "{t:?} not in {listed:?}");
    }
    let moves = &site["measures/placement-moves/index.html"];
    let listed = words(between(moves, "<ul class=\"targets\">", "</ul>"));
    for t in [
        "less than 10% by 2021/22",
        "95% each year: Every child's move reviewed within a week (Recurring)",
        "a fall of 15–20 percentage points each year",
        "a fall of 10% (A tenth fewer)",
        "a fall of 2 percentage points",
    ] {
        assert!(listed.contains(t), "{t:?} not in {listed:?}");
    }
    let share = &site["measures/foster-share/index.html"];
    let rows = table_rows(share);
    let undated: Vec<&Vec<String>> = rows.iter().filter(|r| r[0] == "No date given").collect();
    let targets: Vec<&str> = undated.iter().map(|r| r[2].as_str()).collect();
    assert_eq!(
        targets,
        [
            "60% (Current target)",
            "to maintain at least 78%",
            "Stay above the England average"
        ],
        "one row for each target with no date"
    );
    let range = rows.iter().find(|r| r[0] == "2023").unwrap();
    assert_eq!(range[2], "60–80% (Between 60% and 80% by the end of 2023)");
    // The summary says whether a target is met only when the figure and the target can say.
    let glance = words(between(share, "<div class=\"glance\">", "</div>"));
    assert!(
        glance.contains("9–10% in 2022/23 (a drop of 2.2%). The target is 60–80% by 2023, which the latest figure does not yet meet."),
        "{glance}"
    );
    // A measure with a target and no figures yet.
    let homes = &site["measures/homes/index.html"];
    let glance = words(between(homes, "<div class=\"glance\">", "</div>"));
    assert_eq!(
        glance,
        "Places in our own children's homes: no published value yet. The target is 49 by 2025/26."
    );

    // Cards and the list of measures: the target in words and its note; no "by" without a date.
    let priority = words(&site["priorities/foster-care/index.html"]);
    assert!(
        priority.contains("Target: 49 by 2025/26 (Once the third new home opens)"),
        "{priority}"
    );
    assert!(
        priority.contains("Target: 60–80% by 2023 (Between 60% and 80% by the end of 2023)"),
        "{priority}"
    );
    let list = &site["measures/index.html"];
    let row = |id: &str| {
        let at = list.find(&format!("measures&#x2f;{id}&#x2f;")).unwrap();
        words(&list[at..at + list[at..].find("</tr>").unwrap()])
    };
    assert!(
        row("ages").ends_with("16–25 years (Up to 25 for care leavers)"),
        "{}",
        row("ages")
    );
    assert!(!row("ages").contains(" by "), "{}", row("ages"));
    assert!(
        row("placement-moves").ends_with("less than 10% by 2021/22"),
        "{}",
        row("placement-moves")
    );

    let csv = &site["data/metrics/carers.csv"];
    for line in [
        "period,start,end,value,flag,target,target_note",
        "March 2022,2022-03-01,2022-03-31,,,a rise of 10 from March 2021,Ten more than in March 2021",
        "2022/23,2022-04-01,2023-03-31,more than 270,,\"20, with a stretch target of 30\",Mainstream carers recruited",
        "2024,2024-01-01,2024-12-31,,,a stretch target of 40,",
        ",,,,,a rise of 10 each year,Ten more households a year",
    ] {
        assert!(csv.lines().any(|l| l == line), "{line:?} not in\n{csv}");
    }
    let csv = &site["data/metrics/placement-moves.csv"];
    assert!(
        csv.lines()
            .any(|l| l == "2021/22,2021-04-01,2022-03-31,,,less than 10,,"),
        "{csv}"
    );

    let json: Value = serde_json::from_str(&site["data/metrics.json"]).unwrap();
    let targets = &metric(&json, "carers")["targets"];
    let change = &targets[0];
    assert_eq!(change["period"], "March 2022");
    assert_eq!(
        (&change["direction"], &change["from"]),
        (&"increase".into(), &"March 2021".into())
    );
    assert_eq!(change["by"]["value"], 10.0);
    assert_eq!(change["value"], Value::Null);
    assert_eq!(change["note"], "Ten more than in March 2021");
    assert_eq!(targets[1]["stretch"]["value"], 30.0);
    assert_eq!(targets[1]["value"], 20.0);
    let recurring = &targets[3];
    assert_eq!(
        (&recurring["period"], &recurring["each"]),
        (&Value::Null, &"year".into())
    );
    assert_eq!(recurring["words"], "a rise of 10 each year");
    let moves = &metric(&json, "placement-moves")["targets"];
    assert_eq!(
        (&moves[0]["kind"], &moves[0]["upper"]),
        (&"below".into(), &10.0.into())
    );
    assert_eq!(moves[3]["by_relative"], true);
    assert_eq!(moves[4]["by"]["shown"], "2 percentage points");
    let share = &metric(&json, "foster-share")["targets"];
    assert_eq!(
        (&share[0]["lower"], &share[0]["upper"]),
        (&60.0.into(), &80.0.into())
    );
    assert_eq!(
        (&share[1]["period"], &share[1]["value"]),
        (&Value::Null, &60.0.into())
    );
    assert_eq!(share[3]["text"], "Stay above the England average");
    assert_eq!(share[3]["words"], "Stay above the England average");

    // Nowhere does a target with no date read "by ...".
    for (path, text) in &site {
        if path.ends_with(".html") {
            let w = words(text);
            for undated in [
                "60% by",
                "16–25 years by",
                "a rise of 10 each year by",
                "Stay above the England average by",
            ] {
                assert!(!w.contains(undated), "{path}: {undated:?}");
            }
        }
    }
}

#[test]
fn charts_draw_exact_figures_and_dated_targets_only() {
    let site = rendered("targets-and-figures");
    let share = chart(&site["measures/foster-share/index.html"]).unwrap();
    let ours = &series_named(&share, "Testshire County Council").unwrap()["data"];
    // Only the periods something is drawn at: 2017/18 (the region's), 2018/19 77.3, 2019/20
    // 85 and 2023 (the target range); the approximate figure, the limit and the range are not.
    assert_eq!(ours, &serde_json::json!([null, 77.3, 85.0, null]));
    assert_eq!(
        share["xAxis"]["data"],
        serde_json::json!(["2017/18", "2018/19", "2019/20", "2023"])
    );
    // A range target is drawn as its two ends; no middle is made up.
    assert!(series_named(&share, "Target").is_none());
    let low = &series_named(&share, "Target, low end").unwrap()["data"];
    let high = &series_named(&share, "Target, high end").unwrap()["data"];
    assert_eq!(
        low.as_array()
            .unwrap()
            .iter()
            .filter(|v| !v.is_null())
            .collect::<Vec<_>>(),
        [&Value::from(60.0)]
    );
    assert_eq!(
        high.as_array()
            .unwrap()
            .iter()
            .filter(|v| !v.is_null())
            .collect::<Vec<_>>(),
        [&Value::from(80.0)]
    );
    // The region's approximate figure is not drawn; England, with no date, has no line.
    let region = &series_named(&share, "Region").unwrap()["data"];
    assert_eq!(
        region
            .as_array()
            .unwrap()
            .iter()
            .filter(|v| !v.is_null())
            .count(),
        1
    );
    assert!(series_named(&share, "England").is_none());
    let summary = words(between(
        &site["measures/foster-share/index.html"],
        "<p class=\"chart__summary\">",
        "</p>",
    ));
    assert!(
        summary.contains("are not drawn (2020/21, 2021/22, 2022/23)"),
        "{summary}"
    );
    assert!(summary.contains("Targets with no date"), "{summary}");

    let carers = chart(&site["measures/carers/index.html"]).unwrap();
    assert!(series_named(&carers, "Stretch target").is_some());
    assert!(series_named(&carers, "Target").is_some());
    // A measure with only a target, or only ranges and undated targets, has no chart, but
    // its table and summary.
    for id in ["homes", "ages"] {
        let page = &site[&format!("measures/{id}/index.html")];
        assert!(chart(page).is_none(), "{id} has a chart");
        assert!(
            page.contains("<table class=\"table\">"),
            "{id} has no table"
        );
        assert!(page.contains("glance__summary"), "{id} has no summary");
    }
}

#[test]
fn figures_from_a_csv_keep_their_places_and_words() {
    let site = rendered("csv-import");
    let rows = table_rows(&site["measures/share/index.html"]);
    let cells: Vec<&str> = rows.iter().skip(1).map(|r| r[1].as_str()).collect();
    assert_eq!(
        cells,
        [
            "77.3%",
            "85%",
            "85.0% (Written with a place)",
            "around 36%",
            "less than half (a drop of 2.2%)",
            "9–10% (As \"9-10%\" in the report)"
        ]
    );
    let csv = &site["data/metrics/share.csv"];
    assert!(
        csv.lines()
            .any(|l| l == "2021/22,2021-04-01,2022-03-31,85.0,,,"),
        "{csv}"
    );
    assert!(
        csv.lines()
            .any(|l| l == "2023/24,2023-04-01,2024-03-31,less than half,,a drop of 2.2%,"),
        "{csv}"
    );
    let json: Value = serde_json::from_str(&site["data/metrics.json"]).unwrap();
    let series = &metric(&json, "share")["series"];
    assert_eq!(series[3]["value"], Value::Null);
    assert_eq!(series[3]["shown"], "around 36%");
}

/// The errors of an invalid fixture, as (field, message).
fn errors_of(case: &str) -> Vec<(String, String)> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/invalid")
        .join(case);
    hearth::load::load(&root)
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| (d.location.field.clone(), d.message.clone()))
        .collect()
}

#[test]
fn a_second_error_in_one_list_item_is_reported_and_nothing_that_only_follows_from_the_first() {
    // An intention target with a bad `by` and no `target`: both, and no "missing `by`" (the
    // field set aside to read the item again).
    let errors = errors_of("market-intention-two-errors");
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        [
            "intentions[0].targets[0].by",
            "intentions[0].targets[0].target"
        ],
        "{errors:?}"
    );
    // A measure target with a bad period and a bad value: both.
    let errors = errors_of("target-two-errors-in-one-item");
    let fields: Vec<&str> = errors.iter().map(|(f, _)| f.as_str()).collect();
    assert_eq!(
        fields,
        ["targets[0].period", "targets[0].value"],
        "{errors:?}"
    );
}

#[test]
fn hearth_diff_gives_each_changed_target_in_words_with_its_note() {
    let c = hearth_model::changes::Changes {
        targets: vec![hearth_model::changes::TargetChange {
            metric: "visits".into(),
            title: "Visits".into(),
            period: None,
            from: Some("60%".into()),
            to: Some("60–80% by 2023".into()),
            note: Some("Better matching".into()),
        }],
        ..Default::default()
    };
    let text = hearth::tools::editions::describe("1.0", &c);
    assert!(
        text.contains("  visits  no date: 60% -> 60–80% by 2023 (Better matching)"),
        "{text}"
    );
}

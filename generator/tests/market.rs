//! The market position statement: the small-number rule applied everywhere a count of
//! children is published (page cells, chart data, CSV and JSON), the `hearth check` warning
//! for a withheld count that a total gives away, and the example's provider pages.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

mod support;
use support::{TempDir, copy_dir, example_content, snapshot};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/market-small-counts")
}

/// Build `content` into a fresh folder; returns the folder and its files.
fn build(content: &Path, tag: &str) -> (TempDir, BTreeMap<String, Vec<u8>>) {
    let tmp = TempDir::new(tag);
    let out = tmp.path().join("public");
    let report = hearth::build(content, &out);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(report.errors(), 0, "errors:\n{}", shown.join("\n"));
    assert!(report.written);
    let files = snapshot(&out);
    (tmp, files)
}

fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written")),
    )
    .unwrap()
}

/// A page with the slashes minijinja escapes in attributes (`&#x2f;`) put back.
fn page(files: &BTreeMap<String, Vec<u8>>, path: &str) -> String {
    text(files, path).replace("&#x2f;", "/")
}

/// The text of an element's content with tags removed and whitespace collapsed.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The cells (`<td>` contents, tags stripped) of the table row whose header is `label`, in
/// the table with `data-table-id="table"`.
fn row_cells(html: &str, table: &str, label: &str) -> Vec<String> {
    let start = html
        .find(&format!("data-table-id=\"{table}\""))
        .unwrap_or_else(|| panic!("no table {table}"));
    let end = start + html[start..].find("</table>").unwrap();
    let body = &html[start..end];
    let head = format!("<th scope=\"row\">{label}");
    let at = body
        .find(&head)
        .unwrap_or_else(|| panic!("no row {label} in {table}"));
    let row_end = at + body[at..].find("</tr>").unwrap();
    body[at..row_end]
        .split("<td")
        .skip(1)
        .map(|cell| {
            let inner = &cell[cell.find('>').unwrap() + 1..];
            strip_tags(&inner[..inner.find("</td>").unwrap_or(inner.len())])
        })
        .collect()
}

/// The JSON in `<script type="application/json" id="id">`.
fn script_json(html: &str, id: &str) -> Value {
    let open = format!("<script type=\"application/json\" id=\"{id}\">");
    let start = html
        .find(&open)
        .unwrap_or_else(|| panic!("no script #{id}"))
        + open.len();
    let end = start + html[start..].find("</script>").unwrap();
    serde_json::from_str(&html[start..end]).unwrap()
}

fn series_data(chart: &Value, i: usize) -> Vec<Value> {
    chart["series"][i]["data"].as_array().unwrap().clone()
}

/// The `c` cell as published: the symbol and nothing else readable.
fn assert_withheld_cell(cell: &str, what: &str) {
    assert_eq!(cell, "c (withheld)", "{what}: {cell:?}");
    assert!(
        !cell.chars().any(|c| c.is_ascii_digit()),
        "{what}: {cell:?}"
    );
}

#[test]
fn small_counts_are_withheld_on_the_page() {
    let (_tmp, files) = build(&fixture(), "mps-page");
    let html = text(&files, "market/demand/index.html");
    let homes = row_cells(html, "small-counts", "Children&#x27;s homes");
    assert_eq!(homes.len(), 2);
    assert_withheld_cell(&homes[0], "count for children's homes");
    assert_withheld_cell(
        &homes[1],
        "share for children's homes (a share of a withheld count)",
    );
    let pc = row_cells(html, "small-counts", "Parent and child");
    assert_withheld_cell(&pc[0], "count for parent and child");
    assert_eq!(
        row_cells(html, "small-counts", "Foster care"),
        ["37", "69.8%"]
    );
    // The trend table.
    assert_withheld_cell(
        &row_cells(html, "small-counts-trend", "31 March 2022")[0],
        "trend 2022",
    );
    assert_eq!(
        row_cells(html, "small-counts-trend", "31 March 2023"),
        ["6"]
    );
    assert_withheld_cell(
        &row_cells(html, "small-counts-trend", "31 March 2024")[0],
        "trend 2024",
    );
    // The explanation is next to the table, and the text summary counts what is withheld
    // without giving the values.
    assert!(html.contains("Counts of children from 1 to 4 are not published"));
    assert!(html.contains("4 figures are withheld (c)"), "summary");
}

#[test]
fn small_counts_are_null_in_chart_data() {
    let (_tmp, files) = build(&fixture(), "mps-chart");
    let html = text(&files, "market/demand/index.html");
    let chart = script_json(html, "chart-market-small-counts");
    let data = series_data(&chart, 0);
    assert_eq!(
        data,
        vec![json!(37.0), Value::Null, Value::Null, json!(11.0)]
    );
    assert_eq!(
        chart["series"].as_array().unwrap().len(),
        1,
        "shares are not charted"
    );
    let trend = script_json(html, "chart-market-small-counts-trend");
    assert_eq!(
        series_data(&trend, 0),
        vec![Value::Null, json!(6.0), Value::Null]
    );
}

#[test]
fn small_counts_are_c_in_csv() {
    let (_tmp, files) = build(&fixture(), "mps-csv");
    let csv = text(&files, "data/market/small-counts.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], "Type of placement,children,share");
    assert_eq!(lines[1], "Foster care,37,69.8");
    assert_eq!(lines[2], "Children's homes,c,c");
    assert_eq!(lines[3], "Parent and child,c,c");
    assert_eq!(lines[5], "All children,53,100.0");
    let trend = text(&files, "data/market/small-counts-trend.csv");
    assert!(
        trend.contains("2022-03-31,2022-03-31,2022-03-31,c\r\n"),
        "{trend}"
    );
    assert!(
        trend.contains("2024-03-31,2024-03-31,2024-03-31,c\r\n"),
        "{trend}"
    );
    let asks = text(&files, "data/market/asks.csv");
    let row = asks.lines().nth(1).unwrap();
    assert!(
        row.contains(",county,c,9,March 2025,"),
        "volume now is withheld, the forecast of 9 is not: {row}"
    );
}

#[test]
fn small_counts_are_null_with_a_flag_in_json() {
    let (_tmp, files) = build(&fixture(), "mps-json");
    let data: Value = serde_json::from_str(text(&files, "data/market.json")).unwrap();
    let table = &data["tables"][0];
    assert_eq!(table["id"], "small-counts");
    let withheld = json!({"value": null, "flag": "c"});
    for r in [1, 2] {
        for c in [0, 1] {
            assert_eq!(table["rows"][r]["cells"][c], withheld, "row {r} cell {c}");
        }
    }
    assert_eq!(table["rows"][0]["cells"][0], json!({"value": 37.0}));
    assert_eq!(table["columns"][0]["children"], true);
    let series = table["trend"]["series"].as_array().unwrap();
    assert_eq!(series[0]["flag"], "c");
    assert_eq!(series[0]["value"], Value::Null);
    assert_eq!(series[1]["value"], json!(6.0));
    assert_eq!(data["asks"][0]["volume_now"], withheld);
    assert_eq!(data["asks"][0]["volume_forecast"], json!({"value": 9.0}));
    assert_eq!(data["suppression"]["symbol"], "c");
    // No raw withheld value survives anywhere in the data set.
    let all = text(&files, "data/market.json");
    assert!(
        !all.contains("5.7") && !all.contains("3.8"),
        "withheld shares leaked"
    );
}

#[test]
fn withheld_values_appear_in_no_output_file() {
    let (_tmp, files) = build(&fixture(), "mps-nowhere");
    // The withheld shares 5.7 and 3.8 are distinctive: no page, chart, CSV or JSON has them.
    for (path, bytes) in &files {
        if path.starts_with("static/") {
            continue;
        }
        let text = String::from_utf8_lossy(bytes);
        for raw in ["5.7", "3.8"] {
            assert!(
                !text.contains(raw),
                "{path} contains the withheld value {raw}"
            );
        }
    }
    // The withheld volume of the ask is shown as c on the asks page and the provider home.
    let asks = text(&files, "market/asks/index.html");
    let at = asks
        .find("data-ask-id=\"parent-and-child-fostering\"")
        .unwrap();
    let item = &asks[at..at + asks[at..].find("</li>").unwrap()];
    let now = item.find("Children who need this now").unwrap();
    let dd = &item[now..];
    let value = strip_tags(&dd[dd.find("<dd").unwrap()..dd.find("</dd>").unwrap()]);
    assert_eq!(value.trim_start_matches(|c| c != 'c'), "c (withheld)");
    let home = text(&files, "market/index.html");
    assert!(home.contains("<span class=\"withheld\">c</span>"));
}

/// Add a table in which one small count can be worked out from the total.
fn with_recoverable_table(dir: &Path, second_withheld: bool) {
    let south = if second_withheld { "c" } else { "12" };
    fs::write(
        dir.join("market/demand/by-area.yaml"),
        format!(
            "id: by-area\ntitle: Children by area\nas_at: 2024-03-31\ndimension: Area\nchildren: true\ncolumns:\n  - {{ id: children, label: Children }}\nrows:\n  - {{ label: North, values: [21] }}\n  - {{ label: East, values: [2] }}\n  - {{ label: South, values: [{south}] }}\ntotal: {{ label: All areas, values: [35] }}\n"
        ),
    )
    .unwrap();
}

#[test]
fn check_warns_when_a_total_gives_a_withheld_count_away() {
    let tmp = TempDir::new("mps-recover");
    let dir = tmp.path().join("content");
    copy_dir(&fixture(), &dir);
    with_recoverable_table(&dir, false);
    let report = hearth::check(&dir);
    assert_eq!(report.errors(), 0);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.location.file.ends_with("by-area.yaml"))
        .unwrap_or_else(|| {
            panic!(
                "no warning for by-area.yaml:\n{}",
                report
                    .diagnostics
                    .iter()
                    .map(|d| d.to_string())
                    .collect::<Vec<_>>()
                    .join("\n")
            )
        });
    assert!(!d.is_error());
    assert_eq!(d.location.field, "rows[1].values[0]");
    assert_eq!(d.location.pos.map(|p| p.line), Some(10));
    assert!(d.message.contains("\"East\""), "{}", d.message);
    assert!(d.message.contains("total row"), "{}", d.message);
    let hint = d.hint.as_deref().unwrap();
    assert!(hint.contains("secondary suppression"), "{hint}");
    assert!(
        hint.contains("rows[2].values[0]"),
        "suggests the smallest other cell: {hint}"
    );
    // Withholding a second cell in the column settles it.
    with_recoverable_table(&dir, true);
    let report = hearth::check(&dir);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.location.file.ends_with("by-area.yaml")),
        "still warned after secondary suppression"
    );
    // The example content has no recoverable withheld counts. (It has staleness warnings:
    // it is a 2020 strategy, checked today.)
    let report = hearth::check(&example_content());
    let market: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.location.file.replace('\\', "/").contains("/market/"))
        .collect();
    assert!(market.is_empty(), "{market:?}");
}

/// The months-by-legal-status table of issue 14: TOTAL leaves "Section 20 admissions" out and
/// "Detained" is 0 every month. The withheld admissions are not blamed; the remand counts that
/// TOTAL gives away (538 - 536, 531 - 528) are, at their cells, and the hint names a placement
/// order count, never a zero.
#[test]
fn check_blames_what_totals_give_away_and_nothing_else() {
    let tmp = TempDir::new("mps-legal-status");
    let dir = tmp.path().join("content");
    copy_dir(&fixture(), &dir);
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/disclosure/03-months-by-legal-status.yaml");
    let doc: Value = serde_yaml::from_str(&fs::read_to_string(corpus).unwrap()).unwrap();
    let mut table = doc["tables"][0].clone();
    table["title"] = json!("Children in care by legal status");
    table["as_at"] = json!("2024");
    table["dimension"] = json!("Month");
    fs::write(
        dir.join("market/demand/legal-status.yaml"),
        serde_yaml::to_string(&table).unwrap(),
    )
    .unwrap();
    let report = hearth::check(&dir);
    assert_eq!(report.errors(), 0);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.location.file.ends_with("legal-status.yaml"))
        .collect();
    let fields: Vec<&str> = found.iter().map(|d| d.location.field.as_str()).collect();
    assert_eq!(
        fields,
        ["rows[0].values[5]", "rows[1].values[5]"],
        "{found:#?}"
    );
    let d = found[0];
    assert!(d.location.pos.is_some());
    assert!(
        d.message.contains("\"April\" in the column \"Remand\"")
            && d.message
                .contains("from the column \"TOTAL\" in the row \"April\""),
        "{}",
        d.message
    );
    let hint = d.hint.as_deref().unwrap();
    assert!(
        hint.contains("`rows[0].values[2]` (\"April\", \"Placement order\": 40)"),
        "{hint}"
    );
    assert!(!hint.contains("Detained"), "{hint}");
}

#[test]
fn the_rule_comes_from_site_yaml() {
    let tmp = TempDir::new("mps-rule");
    let dir = tmp.path().join("content");
    copy_dir(&fixture(), &dir);
    let mut site = fs::read_to_string(dir.join("site.yaml")).unwrap();
    site.push_str("suppression:\n  max: 9\n  symbol: \"[c]\"\n  note: Small numbers are hidden.\n");
    fs::write(dir.join("site.yaml"), site).unwrap();
    let (_out, files) = build(&dir, "mps-rule-out");
    let csv = text(&files, "data/market/asks.csv");
    assert!(
        csv.lines().nth(1).unwrap().contains(",county,[c],[c],"),
        "{csv}"
    );
    let html = text(&files, "market/demand/index.html");
    assert!(html.contains("Small numbers are hidden."));
    assert_eq!(
        row_cells(html, "small-counts-trend", "31 March 2023"),
        ["[c] (withheld)"]
    );
    // A symbol that looks like a number is refused.
    let site = fs::read_to_string(dir.join("site.yaml"))
        .unwrap()
        .replace("symbol: \"[c]\"", "symbol: \"0\"");
    fs::write(dir.join("site.yaml"), site).unwrap();
    let report = hearth::check(&dir);
    let d = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
    assert_eq!(d.location.field, "suppression.symbol");
}

#[test]
fn the_example_publishes_the_statement() {
    let (_tmp, files) = build(&example_content(), "mps-example");
    for p in [
        "market/index.html",
        "market/demand/index.html",
        "market/supply/index.html",
        "market/asks/index.html",
        "market/intentions/index.html",
        "market/forecasts/index.html",
        "market/procurement/index.html",
        "market/glossary/index.html",
    ] {
        let html = page(&files, p);
        assert!(
            html.contains("aria-label=\"Market position statement\""),
            "{p}: no market navigation"
        );
        assert!(html.contains("aria-current=\"page\""), "{p}");
    }
    // Linked both ways with the strategy.
    assert!(&page(&files, "index.html").contains("href=\"market/\""));
    assert!(
        &page(&files, "market/index.html")
            .contains("<a href=\"../\">Placement Sufficiency Strategy")
    );
    // Figures from the county statement.
    let supply = &page(&files, "market/supply/index.html");
    assert_eq!(
        row_cells(
            supply,
            "purchasing-system-providers",
            "All approved providers"
        ),
        ["114", "39", "34%"]
    );
    assert_eq!(
        row_cells(
            supply,
            "purchasing-system-providers",
            "Independent fostering agencies"
        )[0],
        "34"
    );
    let demand = &page(&files, "market/demand/index.html");
    assert_eq!(
        row_cells(demand, "children-by-placement-type", "All children in care")[0],
        "690"
    );
    assert_eq!(
        row_cells(demand, "placements-requested-and-made", "All placements"),
        ["250", "160", "90", "64.0%"]
    );
    assert_eq!(
        row_cells(demand, "residential-starts", "A foster home"),
        ["28", "70%"]
    );
    // The example withholds its own small counts too.
    assert_withheld_cell(
        &row_cells(
            demand,
            "children-by-placement-type",
            "Parent and child placements",
        )[0],
        "example parent and child",
    );
    // Asks: every ask is an item of the filter, with the four facets.
    let asks = &page(&files, "market/asks/index.html");
    let index = script_json(asks, "asks-index");
    let names: Vec<&str> = index["facets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["type", "age", "need", "locality"]);
    let data: Value = serde_json::from_str(text(&files, "data/market.json")).unwrap();
    let ask_ids: Vec<&str> = data["asks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(ask_ids.len() >= 10);
    for id in &ask_ids {
        assert!(asks.contains(&format!("data-ask-id=\"{id}\"")), "{id}");
    }
    // The filter index and the open data describe each ask alike (both come from its view),
    // and the index answers queries by need, age and words.
    let ix: hearth_model::filter::Index = serde_json::from_value(index.clone()).unwrap();
    for (item, ask) in ix.items.iter().zip(data["asks"].as_array().unwrap()) {
        assert_eq!(item.id, ask["id"].as_str().unwrap());
        let keys = |f: usize| -> Vec<&str> {
            item.facets[f]
                .iter()
                .map(|&v| ix.facets[f].values[v as usize].key.as_str())
                .collect()
        };
        let ids = |list: &Value| -> Vec<String> {
            let mut v: Vec<String> = match list.as_array() {
                Some(a) => a
                    .iter()
                    .map(|x| x["id"].as_str().unwrap().to_string())
                    .collect(),
                // A field the ask leaves out (`null`) has no facet value.
                None if list.is_null() => Vec::new(),
                None => vec![list["id"].as_str().unwrap().to_string()],
            };
            v.sort();
            v
        };
        let sorted = |mut v: Vec<&str>| {
            v.sort();
            v.into_iter().map(str::to_string).collect::<Vec<_>>()
        };
        assert_eq!(sorted(keys(0)), ids(&ask["types"]), "{}: types", item.id);
        assert_eq!(sorted(keys(1)), ids(&ask["ages"]), "{}: ages", item.id);
        assert_eq!(sorted(keys(2)), ids(&ask["needs"]), "{}: needs", item.id);
        assert_eq!(
            sorted(keys(3)),
            ids(&ask["locality"]),
            "{}: locality",
            item.id
        );
        assert_eq!(
            item.due.is_some(),
            ask["by_end"].is_string(),
            "{}: due",
            item.id
        );
    }
    let hits = |q: &str| -> Vec<String> {
        let o = ix.apply(&ix.query_string(q));
        ix.items
            .iter()
            .zip(&o.visible)
            .filter(|(_, v)| **v)
            .map(|(i, _)| i.id.clone())
            .collect()
    };
    let with_need = |need: &str| -> Vec<String> {
        data["asks"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|a| {
                a["needs"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|n| n["id"] == need)
            })
            .map(|a| a["id"].as_str().unwrap().to_string())
            .collect()
    };
    let need = ix.facets[2].values[0].key.clone();
    assert!(!with_need(&need).is_empty());
    assert_eq!(hits(&format!("need={need}")), with_need(&need));
    let first = &data["asks"][0];
    let word = first["title"]
        .as_str()
        .unwrap()
        .split(' ')
        .max_by_key(|w| w.len())
        .unwrap();
    assert!(
        hits(&format!("q={}", word.to_lowercase()))
            .contains(&first["id"].as_str().unwrap().to_string())
    );
    for control in [
        "name=\"type\"",
        "name=\"age\"",
        "name=\"need\"",
        "name=\"locality\"",
        "name=\"q\"",
    ] {
        assert!(asks.contains(control), "{control}");
    }
    assert!(asks.contains("data-result-count"));
    // Every table has its CSV, and the JSON lists them all.
    for t in data["tables"].as_array().unwrap() {
        let csv = t["csv"].as_str().unwrap();
        assert!(files.contains_key(csv), "{csv}");
    }
    assert!(data["tables"].as_array().unwrap().len() >= 10);
    for csv in ["asks", "intentions", "routes", "timeline", "glossary"] {
        assert!(
            files.contains_key(&format!("data/market/{csv}.csv")),
            "{csv}.csv"
        );
    }
    // Glossary anchors, and content links to them.
    let glossary = &page(&files, "market/glossary/index.html");
    for term in [
        "ifa",
        "dps",
        "eet",
        "uasc",
        "staying-put",
        "supported-lodgings",
    ] {
        assert!(
            glossary.contains(&format!("id=\"term-{term}\"")),
            "term {term}"
        );
    }
    assert!(&page(&files, "market/index.html").contains("href=\"../market/glossary/#term-ifa\""));
    // Procurement: routes with lots and dates, a timeline and contacts.
    let proc = &page(&files, "market/procurement/index.html");
    assert!(proc.contains("id=\"route-homes-gateway\""));
    assert!(proc.contains("Lot 1: Independent fostering agencies"));
    assert!(proc.contains("February 2020"));
    assert!(proc.contains("class=\"timeline\""));
    assert!(proc.contains("id=\"contacts\""));
    // Forecasts link the scenarios and show their method.
    let forecasts = &page(&files, "market/forecasts/index.html");
    assert!(forecasts.contains("href=\"../../scenarios/foster-sufficiency/\""));
    assert!(forecasts.contains("<h3>Method</h3>"));
    // Intentions: numeric targets and dates.
    let intentions = &page(&files, "market/intentions/index.html");
    assert!(intentions.contains("60% to 80%"));
    // The sitemap lists the provider pages.
    assert!(text(&files, "sitemap.xml").contains("market/asks/"));
}

//! Statistical neighbours (`ons_code` and `statistical_neighbours` in site.yaml), built from
//! `tests/fixtures/valid/neighbours/`: a measure read from a DfE file gets its neighbours'
//! average (a withheld neighbour left out and counted; no average with fewer than half) and
//! the council's rank (ties shared, lower-is-better ranked from the lowest, none when the
//! council's figure is withheld); `neighbours: false` opts out; and the page, the CSV and
//! metrics.json say the same.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde_json::Value;

struct Built {
    files: BTreeMap<String, Vec<u8>>,
    metrics: Vec<Value>,
}

fn build() -> Built {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/neighbours");
    let (site, report) = hearth::render(&dir);
    let site = site.unwrap_or_else(|| panic!("does not build: {:#?}", report.diagnostics));
    let metrics = serde_json::from_slice(&site.files["data/metrics.json"]).unwrap();
    Built {
        files: site.files.into_iter().collect(),
        metrics,
    }
}

impl Built {
    fn metric(&self, id: &str) -> &Value {
        self.metrics.iter().find(|m| m["id"] == id).unwrap()
    }
    fn text(&self, path: &str) -> String {
        String::from_utf8(self.files[path].clone()).unwrap()
    }
}

/// The CSV as rows of column name -> cell (no quoted cells in these files).
fn csv(text: &str) -> Vec<BTreeMap<String, String>> {
    let mut lines = text.lines();
    let head: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            head.iter()
                .zip(l.split(','))
                .map(|(h, c)| (h.to_string(), c.to_string()))
                .collect()
        })
        .collect()
}

/// period, average (or "none"), counted, rank words (or "none") of each period.
fn periods(m: &Value) -> Vec<(String, String, String, String)> {
    m["neighbours"]["periods"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let s = |v: &Value| v.as_str().unwrap_or("none").to_string();
            (
                s(&p["period"]),
                s(&p["average"]),
                s(&p["counted"]),
                s(&p["rank_words"]),
            )
        })
        .collect()
}

/// The page's text with the escapes its templates write undone.
fn unescape(html: &str) -> String {
    html.replace("&#x27;", "'")
        .replace("&#x2f;", "/")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

fn row(a: &str, b: &str, c: &str, d: &str) -> (String, String, String, String) {
    (a.into(), b.into(), c.into(), d.into())
}

#[test]
fn average_count_and_rank_for_each_period() {
    let b = build();
    let rate = b.metric("rate");
    assert_eq!(
        periods(rate),
        [
            row(
                "2021/22",
                "65 per 10,000",
                "4 of 4 neighbours",
                "3rd highest of 5"
            ),
            // (70 + 74 + 76) / 3 = 73.3, shown with the places the figures have; 70 ties.
            row(
                "2022/23",
                "73 per 10,000",
                "3 of 4 neighbours; 1 withheld",
                "joint 3rd highest of 4"
            ),
            // One number of four: no average, but the council is still ranked.
            row(
                "2023/24",
                "none",
                "1 of 4 neighbours; 2 withheld; 1 with no figure in the file",
                "2nd highest of 2"
            ),
        ]
    );
    let p = &rate["neighbours"]["periods"][2];
    assert!(
        p["no_average"]
            .as_str()
            .unwrap()
            .contains("fewer than half")
    );
    // The average is a comparator too: chart, table, metrics.json's comparators.
    let avg = rate["comparators"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "statistical-neighbours-average")
        .unwrap();
    assert_eq!(avg["kind"], "statistical-neighbours");
    let series = avg["series"].as_array().unwrap();
    assert_eq!(series[0]["value"], 65.0);
    assert_eq!(series[1]["value"], 73.0);
    assert_eq!(series[2]["value"], Value::Null);
    assert_eq!(series[2]["flag"], "x");
    // The latest period's table: ranked areas first, then the rest as site.yaml lists them.
    let areas: Vec<(String, Value)> = rate["neighbours"]["latest"]["areas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["name"].as_str().unwrap().to_string(), a["rank"].clone()))
        .collect();
    assert_eq!(
        areas,
        [
            ("Lastwick".to_string(), Value::from(1)),
            ("Testshire County Council".to_string(), Value::from(2)),
            ("Otherby".to_string(), Value::Null),
            ("Nextford".to_string(), Value::Null),
            ("Sameham".to_string(), Value::Null),
        ]
    );
    // A code in the file but not listed in site.yaml is never read.
    assert!(!b.text("measures/rate/index.html").contains("Farshire"));
}

#[test]
fn lower_is_better_ranks_from_the_lowest_and_a_withheld_figure_is_not_ranked() {
    let b = build();
    let number = b.metric("number");
    assert_eq!(
        periods(number),
        [
            // (300 + 500 + 610 + 200) / 4 = 402.5, shown as 403.
            row("2021/22", "403", "4 of 4 neighbours", "3rd best of 5"),
            row(
                "2022/23",
                "377",
                "3 of 4 neighbours; 1 withheld",
                "3rd best of 4"
            ),
            row(
                "2023/24",
                "355",
                "3 of 4 neighbours; 1 with no figure in the file",
                "none"
            ),
        ]
    );
    assert_eq!(
        number["neighbours"]["rank_rule"],
        "1 is the best (lowest) figure"
    );
    let page = unescape(&b.text("measures/number/index.html"));
    assert!(page.contains("own figure is not available, so it is not ranked"));
}

#[test]
fn opting_out_and_measures_that_are_not_the_councils_own_have_no_comparison() {
    let b = build();
    let opted = b.metric("opted-out");
    assert_eq!(opted["neighbours"], Value::Null);
    let ids: Vec<&str> = opted["comparators"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["similar"]);
    assert!(!b.text("data/metrics/opted-out.csv").contains("rank"));
    assert!(
        !b.text("measures/opted-out/index.html")
            .contains("Compared with statistical neighbours")
    );
    assert_eq!(b.metric("england")["neighbours"], Value::Null);
    assert_eq!(b.metric("carers")["neighbours"], Value::Null);
}

#[test]
fn page_csv_and_json_agree() {
    let b = build();
    for id in ["rate", "number"] {
        let m = b.metric(id);
        let page = unescape(&b.text(&format!("measures/{id}/index.html")));
        let rows = csv(&b.text(&format!("data/metrics/{id}.csv")));
        let sentence = m["neighbours"]["sentence"].as_str().unwrap();
        assert!(page.contains(sentence), "{id}: the page lacks {sentence}");
        for p in m["neighbours"]["periods"].as_array().unwrap() {
            let period = p["period"].as_str().unwrap();
            let r = rows.iter().find(|r| r["period"] == period).unwrap();
            let num = |v: &Value| v.as_u64().map(|n| n.to_string()).unwrap_or_default();
            assert_eq!(r["rank"], num(&p["rank"]), "{id} {period}");
            assert_eq!(r["neighbours_with_figure"], num(&p["with_figure"]));
            assert_eq!(r["neighbours_withheld"], num(&p["withheld"]));
            assert_eq!(r["neighbours_no_figure"], num(&p["no_figure"]));
            assert_eq!(r["neighbours_listed"], num(&p["listed"]));
            let average = r["statistical-neighbours-average"].clone();
            match p["average_value"].as_f64() {
                Some(v) => {
                    assert_eq!(average.parse::<f64>().unwrap(), v, "{id} {period}");
                    // The page's table shows the average with whom it counts.
                    let shown = format!(
                        "{} <span class=\"meta\">({})</span>",
                        p["average"].as_str().unwrap(),
                        p["counted"].as_str().unwrap()
                    );
                    assert!(page.contains(&shown), "{id} {period}: {shown}");
                }
                None => assert_eq!(average, "x", "{id} {period}"),
            }
        }
    }
}

//! A market statement a provider can act on (`tests/fixtures/valid/market-statement`):
//! provider counts on routes and lots, asks that leave out what the document does not say,
//! several types, budgets, contact and register links, forecasts text with no scenario, and
//! page wording that promises only what the content holds. Each is read back from the built
//! pages and open data.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use hearth_model::Severity;
use serde_json::Value;

mod support;
use support::{TempDir, between, copy_dir, example_content, snapshot, valid_fixture as fixture};

type Files = BTreeMap<String, Vec<u8>>;

fn build(content: &Path, tag: &str) -> (TempDir, Files) {
    let tmp = TempDir::new(tag);
    let out = tmp.path().join("public");
    let report = hearth::build(content, &out);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(report.errors(), 0, "errors:\n{}", shown.join("\n"));
    let files = snapshot(&out);
    (tmp, files)
}

/// A page or data file, with the slashes minijinja escapes in attributes put back.
fn text(files: &Files, path: &str) -> String {
    std::str::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written")),
    )
    .unwrap()
    .replace("&#x2f;", "/")
    .replace("&#x27;", "'")
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rows (header, cells) of the table with `data-table-id="id"`, tags stripped.
fn table_rows(html: &str, id: &str) -> Vec<(String, String)> {
    let body = between(html, &format!("data-table-id=\"{id}\""), "</table>");
    body.split("<tr>")
        .skip(1)
        .filter(|r| r.contains("<td"))
        .map(|r| {
            let (head, cells) = r.split_once("<td").unwrap();
            (strip_tags(head), strip_tags(&format!("<td{cells}")))
        })
        .collect()
}

fn ask_html<'a>(html: &'a str, id: &str) -> &'a str {
    between(html, &format!("id=\"ask-{id}\""), "</article>")
}

/// A CSV file with its line ends (CRLF, as RFC 4180 has them) written as `\n`.
fn csv_text(files: &Files, path: &str) -> String {
    text(files, path).replace("\r\n", "\n")
}

fn json(files: &Files) -> Value {
    serde_json::from_str(&text(files, "data/market.json")).unwrap()
}

#[test]
fn routes_and_lots_show_their_providers() {
    let (_tmp, files) = build(&fixture("market-statement"), "mps-providers");
    let html = text(&files, "market/procurement/index.html");
    let rows = table_rows(&html, "route-gateway-providers");
    let want: Vec<(&str, &str)> = vec![
        ("Approved", "114"),
        ("With children placed", "39"),
        ("Independent fostering agencies", "34"),
        ("Residential providers", "37"),
        ("16+ supported accommodation", "43"),
        ("Voluntary or not-for-profit", "12"),
        ("Private", "90"),
    ];
    let got: Vec<(&str, &str)> = rows.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
    // Ownership the content does not give is not shown, not even as 0.
    assert!(!html.contains("Council (local authority)"));
    // The text summary says the same, with its date.
    assert!(html.contains(
        "As at April 2021, 114 approved providers, 39 of them with children placed. By type: \
         Independent fostering agencies 34; Residential providers 37; 16+ supported \
         accommodation 43. By who owns them: Voluntary or not-for-profit 12; Private 90."
    ));
    assert!(html.contains("Twelve providers did not say who owns them."));
    assert_eq!(
        table_rows(&html, "route-gateway-ifa-providers"),
        [
            ("Approved".to_string(), "34".to_string()),
            ("With children placed".to_string(), "13".to_string()),
        ]
    );
    // The lot without counts has no table; the route without counts neither.
    assert!(!html.contains("route-gateway-residential-providers"));
    assert!(!html.contains("route-spot-providers"));

    let data = json(&files);
    let gateway = &data["routes"][0];
    assert_eq!(gateway["providers"]["approved"], 114);
    assert_eq!(gateway["providers"]["with_placements"], 39);
    assert_eq!(gateway["providers"]["as_at_end"], "2021-04-30");
    assert_eq!(gateway["providers"]["by_type"][2]["count"], 43);
    assert_eq!(
        gateway["providers"]["by_ownership"],
        serde_json::json!({ "voluntary": 12, "private": 90 })
    );
    assert_eq!(gateway["lots"][0]["providers"]["approved"], 34);
    assert!(gateway["lots"][1]["providers"].is_null());
    assert!(data["routes"][1]["providers"].is_null());
    let csv = csv_text(&files, "data/market/providers.csv");
    assert!(csv.starts_with("route,lot,as_at,as_at_end,measure,label,count\n"));
    assert!(csv.contains("gateway,,April 2021,2021-04-30,type,16+ supported accommodation,43\n"));
    assert!(csv.contains("gateway,ifa,April 2021,2021-04-30,with_placements,"));
    assert!(!csv.contains("council"));
    assert!(html.contains("href=\"../../data/market/providers.csv\""));
}

#[test]
fn asks_leave_out_what_the_content_does_not_say() {
    let (_tmp, files) = build(&fixture("market-statement"), "mps-asks");
    let html = text(&files, "market/asks/index.html");
    // An ask with only a type: no age, place, date, volume or route line, and no invented
    // value ("Any", "not specified") for any of them.
    let bare = ask_html(&html, "innovative-solutions");
    for absent in [
        "<dt>Age",
        "<dt>Needs",
        "<dt>Where",
        "<dt>Needed by",
        "<dt>Route",
        "<dt>Budget",
        "<dt>Children",
        "Any",
        "not specified",
        "Not stated",
        "Talk to us",
    ] {
        assert!(!bare.contains(absent), "{absent:?} in {bare}");
    }
    assert!(bare.contains("<dt>Placement type</dt><dd>Support services</dd>"));
    // Several types: listed once, under its first type, with every type named.
    let several = ask_html(&html, "teenagers");
    assert!(several.contains("<dt>Placement types</dt><dd>Foster care; Children's homes</dd>"));
    assert_eq!(html.matches("data-ask-id=\"teenagers\"").count(), 1);
    // Budgets as written: words, or a figure with its unit and note.
    assert!(several.contains("within the framework rates"));
    assert!(
        ask_html(&html, "challenging-behaviour-carers")
            .contains("up to £1,200 a week <span class=\"meta\">(including therapeutic support)")
    );

    // The filter: no facet value for a missing field, both types for the ask of two.
    let index = between(&html, "id=\"asks-index\">", "</script>");
    let index: hearth_model::filter::Index =
        serde_json::from_str(index.trim_start_matches("id=\"asks-index\">")).unwrap();
    let labels: Vec<Vec<&str>> = index
        .facets
        .iter()
        .map(|f| f.values.iter().map(|v| v.label.as_str()).collect())
        .collect();
    assert_eq!(
        labels,
        [
            vec!["Foster care", "Children's homes", "Support services"],
            vec!["14 to 17"],
            vec!["Parent and child", "Challenging behaviour"],
            vec!["Anywhere in the county"],
        ]
    );
    let item = |id: &str| index.items.iter().find(|i| i.id == id).unwrap();
    let bare = item("innovative-solutions");
    assert!(
        bare.facets[1..].iter().all(Vec::is_empty),
        "{:?}",
        bare.facets
    );
    assert_eq!(bare.due, None);
    assert_eq!(item("teenagers").facets[0], [0, 1]);
    let hits = |q: &str| -> Vec<String> {
        let o = index.apply(&index.query_string(q));
        index
            .items
            .iter()
            .zip(&o.visible)
            .filter(|(_, v)| **v)
            .map(|(i, _)| i.id.clone())
            .collect()
    };
    assert_eq!(hits("type=childrens-home"), ["teenagers"]);
    // An ask with no age is not found by an age, nor an ask with no place by a place.
    assert_eq!(hits("age=14-17"), ["teenagers"]);
    assert_eq!(hits("locality=county"), ["parent-and-child-fostering"]);

    // The open data says the same: null or empty, never a made-up value.
    let data = json(&files);
    let rec = data["asks"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == "innovative-solutions")
        .unwrap();
    assert!(rec["locality"].is_null() && rec["by"].is_null() && rec["budget"].is_null());
    assert_eq!(rec["ages"], serde_json::json!([]));
    assert_eq!(
        data["asks"][0]["types"],
        serde_json::json!([
            { "id": "foster-care", "label": "Foster care" },
            { "id": "childrens-home", "label": "Children's homes" }
        ])
    );
    assert_eq!(data["asks"][0]["budget"], "within the framework rates");
    assert_eq!(data["asks"][1]["budget"]["unit"], "gbp-per-week");
    let csv = csv_text(&files, "data/market/asks.csv");
    assert!(csv.contains(
        "innovative-solutions,Innovative solutions working alongside our own services,support,,,,,,,,,,,,,,,,"
    ));
    assert!(csv.contains(",foster-care; childrens-home,14-17,"));
}

#[test]
fn asks_and_routes_link_to_a_contact_and_to_register() {
    let (_tmp, files) = build(&fixture("market-statement"), "mps-act");
    let asks = text(&files, "market/asks/index.html");
    let teen = ask_html(&asks, "teenagers");
    assert!(teen.contains(
        "<a class=\"button\" href=\"https://example.org/gateway/register\">Register interest<span class=\"visually-hidden\">: Residential and fostering placements for teenagers aged 14 to 17</span></a>"
    ));
    assert!(teen.contains(
        "Talk to <a href=\"../../market/procurement/#contact-commissioning\">Commissioning Team</a>: <a href=\"mailto:commissioning@example.org\">commissioning@example.org</a> or 0100 000 0001"
    ));
    let pc = ask_html(&asks, "parent-and-child-fostering");
    assert!(pc.contains("href=\"../../market/procurement/#contact-placements\""));
    assert!(!pc.contains("Register interest"));
    assert!(!ask_html(&asks, "innovative-solutions").contains("class=\"act\""));
    let proc = text(&files, "market/procurement/index.html");
    assert!(proc.contains("id=\"contact-commissioning\""));
    assert!(proc.contains("id=\"contact-placements\""));
    let spot = between(&proc, "id=\"route-spot\"", "</section>");
    assert!(spot.contains(
        "<a class=\"button\" href=\"mailto:placements@example.org\">Register interest<span class=\"visually-hidden\">: Spot purchasing</span></a>"
    ));
    let gateway = between(&proc, "id=\"route-gateway\"", "</section>");
    assert!(gateway.contains("#contact-commissioning"));
    let data = json(&files);
    assert_eq!(
        data["routes"][1]["register"],
        "mailto:placements@example.org"
    );
    assert_eq!(data["asks"][0]["contact"], "commissioning");
    assert_eq!(data["contacts"][0]["id"], "commissioning");
    assert!(
        csv_text(&files, "data/market/routes.csv")
            .contains(",commissioning,https://example.org/gateway/register\n")
    );
}

#[test]
fn forecasts_text_is_published_without_a_scenario() {
    let (_tmp, files) = build(&fixture("market-statement"), "mps-forecasts");
    let page = text(&files, "market/forecasts/index.html");
    assert!(page.contains("rise by about a tenth over three years"));
    // No forecast, so no promise of models to try.
    assert!(!page.contains("what-if model"));
    assert!(text(&files, "market/index.html").contains("href=\"../market/forecasts/\""));
    assert_eq!(
        json(&files)["forecasts"]["summary"],
        "We expect the number of teenagers in care to rise by about a tenth over three years."
    );
}

#[test]
fn wording_promises_only_what_the_content_holds() {
    // Nothing withheld: no note about withheld figures on the asks page or the home page.
    let (_tmp, files) = build(&fixture("market-statement"), "mps-wording");
    let asks = text(&files, "market/asks/index.html");
    let home = text(&files, "market/index.html");
    assert!(!asks.contains("withheld-note"));
    assert!(!home.contains("withheld-note"));
    // The leads name what the content has: this fixture has budgets and contacts but no
    // timeline, no "how to join" text and no route's dates beyond one opening.
    assert!(asks.contains(
        "<p class=\"lead\">The homes and services we want providers to offer: for which children, where, how many, by when, what we expect to pay, how we will buy them and who to contact.</p>"
    ));
    let proc = text(&files, "market/procurement/index.html");
    assert!(!proc.contains("what is coming up"));
    // A planned route with no dates anywhere does not send the reader to see them.
    let planned = between(&proc, "id=\"route-framework\"", "</section>");
    assert!(
        planned.contains("<span class=\"meta\">not open yet</span>"),
        "{planned}"
    );
    assert!(!home.contains("how to join, dates and contacts"));

    // A withheld volume: the note is there (market-small-counts withholds a count of 4).
    let (_tmp2, small) = build(&fixture("market-small-counts"), "mps-wording-small");
    assert!(text(&small, "market/asks/index.html").contains("withheld-note"));
    assert!(text(&small, "market/index.html").contains("withheld-note"));
    // Its routes have no "how to join", no register link, no provider counts and no
    // budget: nothing promises them.
    let proc = text(&small, "market/procurement/index.html");
    let lead = between(&proc, "<p class=\"lead\">", "</p>");
    assert!(!lead.contains("how to join"), "{lead}");
    assert!(!lead.contains("providers on our routes"), "{lead}");
    let small_asks = text(&small, "market/asks/index.html");
    let lead = between(&small_asks, "<p class=\"lead\">", "</p>");
    assert!(!lead.contains("pay") && !lead.contains("contact"), "{lead}");

    // The example: no page promises what they cost, and the supply page no longer claims
    // to cover quality and cost.
    let (_tmp3, example) = build(&example_content(), "mps-wording-example");
    for (path, bytes) in &example {
        if path.starts_with("market/") && path.ends_with(".html") {
            let page = std::str::from_utf8(bytes).unwrap();
            assert!(!page.contains("what they cost"), "{path}");
            assert!(!page.contains("quality and cost"), "{path}");
        }
    }
}

#[test]
fn the_example_shows_its_providers_and_contacts() {
    let (_tmp, files) = build(&example_content(), "mps-example-providers");
    let proc = text(&files, "market/procurement/index.html");
    assert_eq!(
        table_rows(&proc, "route-homes-gateway-providers"),
        [
            (
                "Independent fostering agencies".to_string(),
                "34".to_string()
            ),
            ("Children's home providers".to_string(), "37".to_string()),
        ]
    );
    assert_eq!(
        table_rows(&proc, "route-sixteen-plus-dps-providers"),
        [("Approved".to_string(), "43".to_string())]
    );
    // No ownership in the seed, so none in the example.
    assert!(!proc.contains("By who owns them"));
    let asks = text(&files, "market/asks/index.html");
    let wrap = ask_html(&asks, "wraparound-support");
    assert!(!wrap.contains("<dt>Age") && !wrap.contains("<dt>Where"));
    assert!(wrap.contains("#contact-commissioning"));
}

/// Counts by type that add up to more than the number approved: a warning (a provider may
/// be counted under two types), at the field, with the figures.
#[test]
fn counts_by_type_over_approved_are_a_warning() {
    let tmp = TempDir::new("mps-by-type");
    let content = tmp.path().join("content");
    copy_dir(&fixture("market-statement"), &content);
    let file = content.join("market/market.yaml");
    let yaml = fs::read_to_string(&file)
        .unwrap()
        .replace("approved: 114", "approved: 110");
    fs::write(&file, yaml).unwrap();
    let report = hearth::check(&content);
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.location.field == "procurement.routes[0].providers.by_type")
        .collect();
    assert_eq!(found.len(), 1, "{:?}", report.diagnostics);
    let d = found[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(
        d.message,
        "the counts by type add up to 114, more than the 110 approved"
    );
    assert!(d.location.pos.is_some());
    assert_eq!(report.errors(), 0);
}

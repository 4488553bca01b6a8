//! Regional sites: `hearth build REGION` (a content folder holding region.yaml) publishes the
//! region's own site, every member's whole site under `/councils/<id>/`, `/councils/`, and the
//! comparisons under `/compare/` with their regional figures and open data.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;
use support::{TempDir, copy_dir, snapshot};

/// The ids of the items a filter index shows for `query` (`member=alpha`), in order.
fn shown<'i>(index: &'i hearth_model::filter::Index, query: &str) -> Vec<&'i str> {
    let outcome = index.apply(&index.query_string(query));
    index
        .items
        .iter()
        .zip(&outcome.visible)
        .filter(|(_, v)| **v)
        .map(|(i, _)| i.id.as_str())
        .collect()
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn fixture() -> PathBuf {
    repo().join("tests/fixtures/valid/region")
}

fn build(content: &Path, tag: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(tag);
    let out = tmp.path().join("site");
    let report = hearth::build(content, &out);
    let errors = support::error_texts(&report.diagnostics);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert!(report.written);
    (tmp, out)
}

/// A file's text, with the escaped slashes of attribute values (`&#x2f;`) written as `/`.
fn read(out: &Path, rel: &str) -> String {
    fs::read_to_string(out.join(rel))
        .unwrap_or_else(|e| panic!("{rel}: {e}"))
        .replace("&#x2f;", "/")
}

fn json(out: &Path, rel: &str) -> Value {
    serde_json::from_str(&read(out, rel)).unwrap()
}

#[test]
fn the_example_region_builds_with_every_member_under_councils() {
    let (_tmp, out) = build(&repo().join("examples/region"), "region-example");
    // The region's own site at the root, each member's whole site under /councils/<id>/.
    for rel in [
        "index.html",
        "plan/index.html",
        "councils/index.html",
        "compare/index.html",
        "compare/children-in-care/index.html",
        "councils/northbrook/index.html",
        "councils/northbrook/market/index.html",
        "councils/northbrook/editions/1.0/index.html",
        "councils/eastmoor/measures/children-in-care/index.html",
        "councils/westdale/plan/index.html",
    ] {
        assert!(out.join(rel).is_file(), "{rel} is missing");
    }
    // The theme's static files once, at the root; a member's own brand files in its folder.
    assert!(out.join("static/css/hearth.css").is_file());
    assert!(!out.join("councils/eastmoor/static/css/hearth.css").exists());
    assert!(
        out.join("councils/northbrook/static/css/brand.css")
            .is_file()
    );
    let page = read(&out, "councils/northbrook/measures/index.html");
    assert!(page.contains("href=\"../../../static/css/hearth.css\""));
    assert!(page.contains("href=\"../static/css/brand.css\""));
    // Navigation: the region to its councils and comparisons, each member back to the region.
    let home = read(&out, "index.html");
    assert!(
        home.contains("href=\"councils/\""),
        "no link to the councils"
    );
    assert!(
        home.contains("href=\"compare/\""),
        "no link to the comparisons"
    );
    let member = read(&out, "councils/eastmoor/index.html");
    assert!(member.contains("href=\"../../\">Region: Northvale"));
    // A member's earlier edition links back to the region too (four folders up).
    let old = read(&out, "councils/northbrook/editions/1.0/index.html");
    assert!(
        old.contains("href=\"../../../../\">Region: Northvale"),
        "no link back to the region from an earlier edition"
    );
    // The region's own earlier editions (it has none) and its home: the members listed.
    assert!(home.contains("<h2 id=\"councils-heading\">The member councils</h2>"));
    assert!(home.contains("<a href=\"councils/eastmoor/\">Eastmoor Borough Council</a>: "));
    assert!(home.contains("<a href=\"councils/northbrook/\">Northbrook City Council</a>: "));
    let councils = read(&out, "councils/index.html");
    for (id, name, code) in [
        ("northbrook", "Northbrook City Council", "E06000900"),
        ("eastmoor", "Eastmoor Borough Council", "E07000902"),
        ("westdale", "Westdale District Council", "E07000903"),
    ] {
        assert!(councils.contains(&format!("href=\"../councils/{id}/\">{name}</a>")));
        assert!(councils.contains(code));
    }
    // The sitemap lists the members' pages under the region's address.
    let sitemap = read(&out, "sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/region/councils/eastmoor/plan/</loc>"));
    assert!(sitemap.contains("<loc>https://example.org/region/compare/children-in-care/</loc>"));
    assert!(!sitemap.contains("/editions/"));
    // Comparisons are listed on /data/ with their CSV and JSON, titled by their measure.
    let data = read(&out, "data/index.html");
    assert!(data.contains("compare/children-in-care.csv"));
    assert!(data.contains("compare/children-in-care.json"));
    assert!(data.contains("Compared across the member councils: Number of children in care"));
    let meta = json(&out, "data/compare/children-in-care.csv-metadata.json");
    assert_eq!(
        meta["dc:title"],
        "Compared across the member councils: Number of children in care"
    );
    // The sum: 599 + 231 + 139 at 31 March 2024.
    let cic = json(&out, "data/compare/children-in-care.json");
    assert_eq!(cic["regional"]["value"], 969.0);
    assert_eq!(cic["regional"]["period"], "31 March 2024");
    // The rate: Northbrook's latest is for 2023/24, the others' for 31 March 2024.
    let rate = json(&out, "data/compare/children-in-care-rate.json");
    assert!(rate["regional"]["value"].is_null());
    assert!(
        rate["regional"]["why"]
            .as_str()
            .unwrap()
            .contains("different periods")
    );
    // Westdale's own id for the placement-moves measure is mapped.
    let moves = json(&out, "data/compare/placement-moves.json");
    let measures: Vec<&str> = moves["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["measure"].as_str().unwrap())
        .collect();
    assert_eq!(
        measures,
        ["placement-moves", "placement-moves", "moves-three-plus"]
    );
}

#[test]
fn each_member_still_builds_on_its_own() {
    for m in ["eastmoor", "westdale"] {
        let report = hearth::check(&repo().join("examples/region/members").join(m));
        assert_eq!(report.errors(), 0, "{m}");
    }
    let report = hearth::check(&fixture().join("members/alpha"));
    assert_eq!(report.errors(), 0);
}

#[test]
fn regional_figures_follow_the_combine_rules() {
    let (_tmp, out) = build(&fixture(), "region-rules");
    // Sum of counts for one period: 120 + 120.
    let carers = json(&out, "data/compare/carers.json");
    assert_eq!(carers["combine"], "sum");
    assert_eq!(carers["regional"]["value"], 240.0);
    // A rate from summed numerators and denominators: (10 + 90) / (100 + 300) = 25%, never
    // the average of 10% and 30% (20%).
    let rate = json(&out, "data/compare/in-care-share.json");
    assert_eq!(rate["regional"]["value"], 25.0);
    assert_eq!(rate["regional"]["shown"], "25.0%");
    let page = read(&out, "compare/in-care-share/index.html");
    assert!(page.contains("25.0%"));
    assert!(page.contains("rates are never averaged"));
    // Periods differ: no sum, and the page says why.
    let leavers = json(&out, "data/compare/leavers.json");
    assert!(leavers["regional"]["value"].is_null());
    let why = leavers["regional"]["why"].as_str().unwrap();
    assert!(
        why.contains("different periods (2023/24 and 2022/23)"),
        "{why}"
    );
    assert!(read(&out, "compare/leavers/index.html").contains("different periods"));
    // Not combinable (the default): no figure, said so; beta's flag kept.
    let moves = json(&out, "data/compare/moves.json");
    assert_eq!(moves["combine"], "none");
    assert!(moves["regional"]["value"].is_null());
    let page = read(&out, "compare/moves/index.html");
    assert!(page.contains("does not combine this measure"));
    assert!(page.contains("<abbr title=\"withheld to protect confidentiality\">c</abbr>"));
    // The CSV is keyed by member code and id; a member without a code has an empty code.
    let csv = read(&out, "data/compare/moves.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "member_code,member_id,authority,measure_id,period,value,flag"
    );
    assert!(csv.contains("E06000001,alpha,Alpha Borough Council,moves,2023/24,11,"));
    assert!(csv.contains(",beta,Beta District Council,stability,2023/24,,c"));
    // Measures only one member has are not compared.
    assert!(!out.join("compare/looked-after-only").exists());
}

#[test]
fn a_region_with_errors_writes_nothing_and_names_the_members_file() {
    let case = repo().join("tests/fixtures/invalid/region-member-error");
    let tmp = TempDir::new("region-bad");
    let out = tmp.path().join("site");
    let report = hearth::build(&case, &out);
    assert!(!report.written);
    assert!(!out.exists());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap()
        .to_string();
    assert!(d.contains("members/a/site.yaml:1:1"), "{d}");
    assert!(d.contains("member `a`: unknown field `authorty`"), "{d}");
}

#[test]
fn a_region_builds_the_same_twice() {
    let (_a, one) = build(&fixture(), "region-det-1");
    let (_b, two) = build(&fixture(), "region-det-2");
    let (one, two) = (snapshot(&one), snapshot(&two));
    assert_eq!(
        one.keys().collect::<Vec<_>>(),
        two.keys().collect::<Vec<_>>()
    );
    // The joint market statement and its data are among what is compared.
    for rel in [
        "market/asks/index.html",
        "market/councils/index.html",
        "data/market/asks.csv",
        "data/market/asks.json",
        "data/market/routes.csv",
        "data/market/councils.json",
    ] {
        assert!(one.contains_key(rel), "{rel}");
    }
    // So are the joint tables (the example region has them).
    let (_c, three) = build(&repo().join("examples/region"), "region-det-3");
    let (_d, four) = build(&repo().join("examples/region"), "region-det-4");
    let (three, four) = (snapshot(&three), snapshot(&four));
    for rel in [
        "market/tables/index.html",
        "market/tables/children-by-placement-type/index.html",
        "data/market/tables/children-by-placement-type.csv",
        "data/market/tables/children-by-placement-type.json",
    ] {
        assert!(three.contains_key(rel), "{rel}");
        assert!(three.get(rel) == four.get(rel), "{rel} differs");
    }
    assert!(one == two, "the two builds differ");
}

#[test]
fn member_text_is_escaped_on_the_regions_pages() {
    let tmp = TempDir::new("region-inject");
    let content = tmp.path().join("region");
    support::copy_dir(&fixture(), &content);
    let payload = "Alpha <script>alert(1)</script> \"Council\"";
    for file in [
        "members/alpha/site.yaml",
        "members/alpha/metrics/carers.yaml",
    ] {
        let path = content.join(file);
        let text = fs::read_to_string(&path).unwrap();
        let text = text
            .replace(
                "authority: Alpha Borough Council",
                &format!("authority: '{payload}'"),
            )
            .replace(
                "title: Fostering households",
                &format!("title: '{payload}'"),
            );
        fs::write(&path, text).unwrap();
    }
    let (_out_tmp, out) = build(&content, "region-inject-out");
    let mut pages = 0;
    for (rel, bytes) in snapshot(&out) {
        if !rel.ends_with(".html") || rel.starts_with("councils/alpha/") {
            continue;
        }
        pages += 1;
        let text = String::from_utf8(bytes).unwrap();
        assert!(
            !text.contains("<script>alert"),
            "{rel} carries the payload as markup"
        );
    }
    assert!(pages > 10);
    let councils = read(&out, "councils/index.html");
    assert!(councils.contains("Alpha &lt;script&gt;alert(1)&lt;/script&gt;"));
    let carers = read(&out, "compare/carers/index.html");
    assert!(carers.contains("<h1>Alpha &lt;script&gt;"));
    // The joint asks page names the member, escaped, in its list, its heading, each ask's
    // attribution and the filter (whose index is JSON escaped for a script element).
    let asks = read(&out, "market/asks/index.html");
    assert!(asks.contains("<h2 id=\"member-alpha-h\">Alpha &lt;script&gt;alert(1)&lt;/script&gt; &quot;Council&quot;</h2>"), "{asks}");
    assert!(asks.contains("Alpha \\u003cscript\\u003ealert(1)\\u003c/script\\u003e"));
    let csv = read(&out, "data/market/asks.csv");
    assert!(
        csv.contains("\"Alpha <script>alert(1)</script> \"\"Council\"\"\""),
        "{csv}"
    );
}

#[test]
fn a_members_code_defaults_to_its_ons_code() {
    let tmp = TempDir::new("region-code");
    let content = tmp.path().join("region");
    support::copy_dir(&fixture(), &content);
    let site = content.join("members/beta/site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{text}ons_code: E07000002\n")).unwrap();
    let (_out_tmp, out) = build(&content, "region-code-out");
    let csv = read(&out, "data/compare/moves.csv");
    assert!(
        csv.contains("E07000002,beta,Beta District Council,stability,2023/24,,c"),
        "{csv}"
    );
    assert!(read(&out, "councils/index.html").contains("E07000002"));
    // Given in both and different: an error at region.yaml's `code:`.
    let spec = content.join("region.yaml");
    let text = fs::read_to_string(&spec).unwrap();
    fs::write(
        &spec,
        text.replace(
            "{ id: beta, path: members/beta }",
            "{ id: beta, path: members/beta, code: E07000003 }",
        ),
    )
    .unwrap();
    let report = hearth::check(&content);
    let errors = support::error_texts(&report.diagnostics);
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("region.yaml:3:"), "{}", errors[0]);
    assert!(
        errors[0].contains("`E07000003` here but `ons_code: E07000002`"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_members_withheld_figure_is_not_given_away_by_the_regions_own_figure() {
    let tmp = TempDir::new("region-disclosure");
    let content = tmp.path().join("region");
    support::copy_dir(&fixture(), &content);
    // Beta withholds its fostering households for 2023/24; the region's own figure (which
    // region.yaml sums) is 200, so beta's is 200 - 120 = 80 to any reader.
    let beta = content.join("members/beta/metrics/carers.yaml");
    let text = fs::read_to_string(&beta).unwrap();
    fs::write(
        &beta,
        text.replace(
            "{ period: 2023/24, value: 120 }",
            "{ period: 2023/24, flag: c }",
        ),
    )
    .unwrap();
    let own = content.join("metrics/carers.yaml");
    let text = fs::read_to_string(&own).unwrap();
    fs::write(&own, text.replace("value: 120", "value: 200")).unwrap();
    let report = hearth::check(&content);
    let found = support::texts_containing(&report.diagnostics, "can be worked out");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert!(d.starts_with("warning"), "{d}");
    assert!(d.contains("metrics/carers.yaml:9:"), "{d}");
    assert!(
        d.contains("member `beta`'s withheld figure for 2023/24 can be worked out"),
        "{d}"
    );
    assert!(
        d.contains("write `flag: c` in place of its value for 2023/24"),
        "{d}"
    );
    // The comparison's own sum is absent while a member's figure is withheld.
    let (_out_tmp, out) = build(&content, "region-disclosure-out");
    let carers = json(&out, "data/compare/carers.json");
    assert!(carers["regional"]["value"].is_null());
    let why = carers["regional"]["why"].as_str().unwrap();
    assert!(why.contains("withheld"), "{why}");
    // Withheld in the region's own figure as well: nothing to report.
    fs::write(
        &own,
        fs::read_to_string(&own).unwrap().replace(
            "{ period: 2023/24, value: 200 }",
            "{ period: 2023/24, flag: c }",
        ),
    )
    .unwrap();
    let report = hearth::check(&content);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("can be worked out"))
    );
}

#[test]
fn where_children_live_shows_only_what_the_content_gives() {
    let (_tmp, out) = build(
        &repo().join("tests/fixtures/valid/region-where"),
        "region-where",
    );
    let page = read(&out, "where-children-live/index.html");
    // Linked from the councils page and the comparisons' index.
    for from in ["councils/index.html", "compare/index.html"] {
        assert!(
            read(&out, from).contains("href=\"../where-children-live/\""),
            "{from}"
        );
    }
    assert!(page.contains("<caption id=\"where-cap\">Children looked after by each member council, by the area they live in,"));
    let alpha = support::between(
        &page,
        "<th scope=\"row\">Alpha Borough Council</th>",
        "</tr>",
    );
    // 6 in its own area (bold), `c` as written, 3 withheld by the small-number rule, `z`.
    assert!(alpha.contains("<strong>6</strong>"), "{alpha}");
    assert_eq!(alpha.matches(">c</abbr>").count(), 2, "{alpha}");
    assert!(!alpha.contains(">3<"), "{alpha}");
    assert!(alpha.contains(">z</abbr>"), "{alpha}");
    // No total for alpha's row (withheld counts); beta's row is exact: 70 + 12 + 8 + 0.
    assert!(alpha.contains("no exact total"), "{alpha}");
    let beta = support::between(
        &page,
        "<th scope=\"row\">Beta District Council</th>",
        "</tr>",
    );
    assert!(beta.contains("<td class=\"num\">90</td>"), "{beta}");
    // Column totals only where every count is exact: alpha's column (6 + 12).
    let foot = support::between(&page, "<tfoot>", "</tfoot>");
    assert!(foot.contains("<td class=\"num\">18</td>"), "{foot}");
    // Wales: `z` (none) and 0 make 0; the other columns and the grand total have none.
    assert!(foot.contains("<td class=\"num\">0</td>"), "{foot}");
    assert_eq!(foot.matches("no exact total").count(), 3, "{foot}");
    // The share from exact rows only, saying what is left out.
    assert!(
        page.contains("70 of the 90 children looked after by Beta District Council (78%) lived in their own council"),
        "{page}"
    );
    assert!(page.contains("Alpha Borough Council is left out of this figure"));
    // Open data keyed by member code and id; withheld counts have no number.
    let csv = read(&out, "data/where-children-live.csv");
    let mut lines = csv.lines();
    assert_eq!(
        lines.next(),
        Some("date,placing_code,placing_id,placing_authority,area_code,area_id,area,count,flag")
    );
    assert!(
        csv.contains("2023/24,E06000001,alpha,Alpha Borough Council,,,Elsewhere,,c\r\n"),
        "{csv}"
    );
    assert!(
        csv.contains(",beta,Beta District Council,E06000001,alpha,Alpha Borough Council,12,\r\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 1 + 8);
    let data = json(&out, "data/where-children-live.json");
    assert_eq!(data["share"]["inside"], 70.0);
    assert_eq!(data["share"]["of"], 90.0);
    assert_eq!(data["period"], "2023/24");
    assert!(data["rows"][0]["total"].is_null());
    assert_eq!(data["rows"][1]["total"]["value"], 90.0);
    assert!(
        !serde_json::to_string(&data)
            .unwrap()
            .contains("\"value\":3.0")
    );
}

#[test]
fn the_example_regions_where_children_live_adds_up_and_gives_nothing_away() {
    let report = hearth::check(&repo().join("examples/region"));
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .filter(|d| d.contains("where_children_live") || d.contains("worked out"))
        .collect();
    assert!(found.is_empty(), "{found:?}");
    let (_tmp, out) = build(&repo().join("examples/region"), "region-where-example");
    let page = read(&out, "where-children-live/index.html");
    // Eastmoor gives no count for Wales: shown as absent, not 0.
    let eastmoor = support::between(
        &page,
        "<th scope=\"row\">Eastmoor Borough Council</th>",
        "</tr>",
    );
    assert!(eastmoor.contains("no count given"), "{eastmoor}");
    assert!(page.contains("452 of the 599 children looked after by Northbrook City Council (75%)"));
}

/// Known answer: alpha's row is 6 + c + 0 + z and alpha's `looked-after` figure for 2023/24
/// is 10, so the withheld count of alpha's children living in beta is 4, from the row and
/// the member's figure together.
#[test]
fn a_withheld_count_given_away_by_a_members_figure_is_a_warning_at_its_csv_row() {
    let tmp = TempDir::new("region-where-disclosure");
    let content = tmp.path().join("region");
    support::copy_dir(&repo().join("tests/fixtures/valid/region-where"), &content);
    let csv = content.join("data/where.csv");
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(
        &csv,
        text.replace("E06000001,Elsewhere,3", "E06000001,Elsewhere,0"),
    )
    .unwrap();
    let report = hearth::check(&content);
    let found = support::texts_containing(&report.diagnostics, "worked out");
    assert_eq!(found.len(), 1, "{found:?}");
    let d = &found[0];
    assert!(d.starts_with("warning"), "{d}");
    assert!(d.contains("data/where.csv:3:3"), "{d}");
    assert!(
        d.contains("the count of `alpha`'s children living in `beta` is withheld but can be worked out from the row of `alpha` in the where-children-live table, with the total of `alpha`'s row in the where-children-live table, which is its `looked-after` figure for 2023/24"),
        "{d}"
    );
    assert!(d.contains("withhold as well (secondary suppression"), "{d}");
    // Without `measure:` the rows are not the members' figures: nothing is given away.
    let yaml = content.join("region.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(&yaml, text.replace("  measure: looked-after\n", "")).unwrap();
    let report = hearth::check(&content);
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.to_string().contains("worked out"))
    );
}

/// The filter index a page carries (the JSON in its `<script id="asks-index">`).
fn asks_index(page: &str) -> hearth_model::filter::Index {
    let start = "<script type=\"application/json\" id=\"asks-index\">";
    let json = &support::between(page, start, "</script>")[start.len()..];
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_joint_asks_say_which_member_each_comes_from() {
    let (_tmp, out) = build(&fixture(), "region-asks");
    let page = read(&out, "market/asks/index.html");
    // The region's own ask keeps its id as its anchor; a member's carries the member's id,
    // so the same ask id in two statements makes two asks.
    assert!(page.contains("id=\"ask-regional-fostering\""), "{page}");
    assert!(page.contains("id=\"ask-alpha--regional-fostering\""));
    assert!(page.contains("id=\"ask-alpha--homes\""));
    let alpha = support::between(&page, "id=\"ask-alpha--homes\"", "</li>");
    assert!(
        alpha.contains(
            "<dt>From</dt><dd><a href=\"../../councils/alpha/market/asks/#ask-homes\">Alpha Borough Council</a>"
        ),
        "{alpha}"
    );
    let own = support::between(&page, "id=\"ask-regional-fostering\"", "</li>");
    assert!(
        own.contains("<dt>From</dt><dd>Testvale Region</dd>"),
        "{own}"
    );
    // Grouped by council, with a contents list: every ask reachable without JavaScript.
    assert!(page.contains("<section class=\"ask-group\" id=\"member-alpha\""));
    assert!(page.contains("<section class=\"ask-group\" id=\"the-region\""));
    assert!(page.contains("<a href=\"#member-alpha\">Alpha Borough Council</a>: 2 asks."));
    // Beta has no market statement: said so, and no section that looks like "no asks".
    assert!(
        page.contains(
            "<li>Beta District Council: no market position statement is part of this site.</li>"
        ),
        "{page}"
    );
    assert!(!page.contains("id=\"member-beta\""));
    // Alpha's volume of 2 is withheld under Alpha's rule, and the page explains the symbol.
    assert!(alpha.contains("7"));
    let withheld = support::between(&page, "id=\"ask-alpha--regional-fostering\"", "</li>");
    assert!(
        withheld.contains("<span class=\"withheld\">c</span>"),
        "{withheld}"
    );
    assert!(page.contains("<p class=\"withheld-note\"><strong>c</strong>"));
    // The filter: council first, then the merged categories; filtering by a member keeps
    // only its asks.
    let index = asks_index(&page);
    let names: Vec<&str> = index.facets.iter().map(|f| f.name.as_str()).collect();
    assert_eq!(names, ["member", "type", "age", "need", "locality"]);
    let keys: Vec<&str> = index.facets[0]
        .values
        .iter()
        .map(|v| v.key.as_str())
        .collect();
    assert_eq!(keys, ["the-region", "alpha"]);
    let types: Vec<&str> = index.facets[1]
        .values
        .iter()
        .map(|v| v.key.as_str())
        .collect();
    assert_eq!(types, ["foster-care", "childrens-home"]);
    assert_eq!(
        shown(&index, "member=alpha"),
        ["alpha--regional-fostering", "alpha--homes"]
    );
    let outcome = index.apply(&index.query_string("member=alpha&type=foster-care"));
    assert_eq!(outcome.count, 1);
    // Every item of the index is on the page.
    for item in &index.items {
        assert!(
            page.contains(&format!("data-ask-id=\"{}\"", item.id)),
            "{}",
            item.id
        );
    }
    // The region's navigation links to it.
    assert!(read(&out, "index.html").contains("href=\"market/asks/\">Asks of providers</a>"));
}

#[test]
fn the_joint_asks_data_is_keyed_by_member() {
    let (_tmp, out) = build(&fixture(), "region-asks-data");
    let csv = read(&out, "data/market/asks.csv");
    let mut lines = csv.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("member_code,member_id,member,id,title,types,"),
        "{csv}"
    );
    let rows: Vec<&str> = lines.collect();
    assert_eq!(rows.len(), 3, "{csv}");
    assert!(rows[0].starts_with(",,Testvale Region,regional-fostering,"));
    assert!(rows[0].ends_with(",market/asks/#ask-regional-fostering"));
    assert!(rows[1].starts_with("E06000001,alpha,Alpha Borough Council,regional-fostering,"));
    // The withheld volume is the symbol in the CSV too, never the count.
    assert!(rows[1].contains(",c,"), "{}", rows[1]);
    assert!(rows[1].ends_with(",councils/alpha/market/asks/#ask-regional-fostering"));
    let json = json(&out, "data/market/asks.json");
    let asks = json["asks"].as_array().unwrap();
    assert_eq!(asks.len(), 3);
    assert_eq!(asks[0]["member_id"], Value::Null);
    assert_eq!(asks[1]["member_id"], "alpha");
    assert_eq!(asks[1]["member_code"], "E06000001");
    assert_eq!(asks[1]["member"], "Alpha Borough Council");
    assert_eq!(asks[1]["volume_now"]["value"], Value::Null);
    assert_eq!(asks[2]["url"], "councils/alpha/market/asks/#ask-homes");
    let members = json["members"].as_array().unwrap();
    assert_eq!(members.len(), 3);
    assert_eq!(members[2]["member_id"], "beta");
    assert_eq!(members[2]["market_statement"], false);
    assert_eq!(members[2]["asks"], 0);
    // Listed on /data/ with its CSVW metadata.
    assert!(out.join("data/market/asks.csv-metadata.json").is_file());
    let data = read(&out, "data/index.html");
    assert!(
        data.contains("Asks of providers across the region"),
        "{data}"
    );
}

#[test]
fn where_children_live_escapes_area_names_and_builds_the_same_twice() {
    let tmp = TempDir::new("region-where-escape");
    let content = tmp.path().join("region");
    support::copy_dir(&repo().join("tests/fixtures/valid/region-where"), &content);
    let csv = content.join("data/where.csv");
    let text = fs::read_to_string(&csv).unwrap();
    fs::write(
        &csv,
        text.replace(
            ",Elsewhere,",
            ",\"=HYPERLINK(\"\"x\"\") <b>Elsewhere</b>\",",
        ),
    )
    .unwrap();
    let (_a, first) = build(&content, "region-where-escape-a");
    let page = read(&first, "where-children-live/index.html");
    assert!(page.contains("&lt;b&gt;Elsewhere&lt;/b&gt;"), "{page}");
    assert!(!page.contains("<b>Elsewhere"));
    // The spreadsheet-formula guard of every CSV the site writes.
    let data = read(&first, "data/where-children-live.csv");
    assert!(!data.contains(",=HYPERLINK"), "{data}");
    let (_b, second) = build(&content, "region-where-escape-b");
    assert!(snapshot(&first) == snapshot(&second));
}

#[test]
fn the_example_regions_members_each_have_asks() {
    let (_tmp, out) = build(&repo().join("examples/region"), "region-example-asks");
    let page = read(&out, "market/asks/index.html");
    for member in ["northbrook", "eastmoor", "westdale"] {
        assert!(
            page.contains(&format!("id=\"member-{member}\"")),
            "{member}"
        );
    }
    let index = asks_index(&page);
    for (member, n) in [("eastmoor", 3), ("westdale", 3)] {
        let outcome = index.apply(&index.query_string(&format!("member={member}")));
        assert_eq!(outcome.count, n, "{member}");
    }
}

#[test]
fn the_joint_statement_lists_each_councils_routes_contacts_and_tables() {
    let (_tmp, out) = build(&repo().join("examples/region"), "region-councils");
    let page = read(&out, "market/councils/index.html");
    let northbrook = support::between(&page, "id=\"member-northbrook\"", "</section>");
    assert!(northbrook.contains(
        "<a href=\"../../councils/northbrook/market/procurement/#route-homes-gateway\">Northbrook Homes Gateway</a>"
    ));
    assert!(northbrook.contains("Figures on demand and supply"));
    let eastmoor = support::between(&page, "id=\"member-eastmoor\"", "</section>");
    assert!(
        eastmoor.contains("Its statement names no routes to market."),
        "{eastmoor}"
    );
    assert!(eastmoor.contains("<strong>Commissioning team</strong>"));
    let csv = read(&out, "data/market/routes.csv");
    assert!(
        csv.starts_with("member_code,member_id,member,route,name,"),
        "{csv}"
    );
    assert!(csv.contains("\r\nE06000900,northbrook,Northbrook City Council,homes-gateway,"));
    let councils = json(&out, "data/market/councils.json");
    let list = councils["councils"].as_array().unwrap();
    let ids: Vec<&str> = list
        .iter()
        .map(|c| c["member_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["northbrook", "eastmoor", "westdale"]);
    assert_eq!(list[1]["member_code"], "E07000902");
    assert_eq!(list[1]["routes"].as_array().unwrap().len(), 0);
    let table = &list[0]["tables"][0];
    assert!(
        table["csv"]
            .as_str()
            .unwrap()
            .starts_with("councils/northbrook/data/market/")
    );
    // The fixture's beta has no statement: said so, on the page and in the data.
    let (_tmp2, fx) = build(&fixture(), "region-councils-fx");
    let page = read(&fx, "market/councils/index.html");
    assert!(page.contains(
        "<p>No market position statement from Beta District Council is part of this site.</p>"
    ));
    let councils = json(&fx, "data/market/councils.json");
    assert_eq!(councils["councils"][2]["market_statement"], Value::Null);
}

#[test]
fn a_region_written_as_it_is_rendered_equals_its_render_in_memory() {
    // `hearth build` writes each member's files as soon as the member is rendered; the site
    // is the one rendered whole in memory (what `hearth serve` shows), file for file.
    for content in [fixture(), repo().join("examples/region")] {
        let (_tmp, out) = build(&content, "region-streamed");
        let (rendered, report) = hearth::render(&content);
        let memory = rendered.unwrap().files;
        let mut disk = snapshot(&out);
        disk.remove(hearth::output::MARKER);
        assert_eq!(
            disk.keys().collect::<Vec<_>>(),
            memory.keys().collect::<Vec<_>>()
        );
        assert!(disk == memory, "{} differs", content.display());
        assert_eq!(report.files, memory.len());
        assert_eq!(hearth::check(&content).files, memory.len());
    }
}

#[test]
fn an_error_in_a_later_member_leaves_the_previous_output_intact() {
    let tmp = TempDir::new("region-later-error");
    let content = tmp.path().join("region");
    copy_dir(&fixture(), &content);
    let out = tmp.path().join("site");
    assert!(hearth::build(&content, &out).written);
    let before = snapshot(&out);
    // The last member's page links to a page that does not exist: found by the link check
    // once that member is rendered, after the first member's files were written.
    let about = content.join("members/beta/pages/about.md");
    let text = fs::read_to_string(&about).unwrap();
    fs::write(&about, format!("{text}\nSee [the archive](../archive/).\n")).unwrap();
    let report = hearth::build(&content, &out);
    assert!(!report.written);
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .unwrap()
        .to_string();
    assert!(d.contains("members/beta/pages/about.md:6:"), "{d}");
    assert!(d.contains("broken link `../archive/`"), "{d}");
    assert!(snapshot(&out) == before, "the previous site changed");
    // Nothing is left beside it.
    let mut left: Vec<String> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    left.sort();
    assert_eq!(left, ["region", "site"]);
}

/// A member's search documents for the region's index, made from those of its own index,
/// are the ones its published pages give when read again (and an earlier edition gives none).
#[test]
fn member_search_documents_are_those_of_its_pages() {
    use hearth::render::{region, search};
    let loaded = hearth::load::region::region(&repo().join("examples/region"));
    let (templates, errors) = region::templates(&loaded);
    let parts = region::members(&loaded, region::shared(&templates, &errors, &loaded));
    assert_eq!(parts.len(), loaded.members.len());
    for (current, editions) in &parts {
        assert!(current.docs.len() > 10, "{}", current.docs.len());
        assert_eq!(
            current.docs,
            search::part_documents(&current.rendered.files)
        );
        assert!(editions.docs.is_empty());
        assert_eq!(
            editions.docs,
            search::part_documents(&editions.rendered.files)
        );
    }
}

/// The region fixture with one market table, `known`, in the region's own statement and in
/// Alpha's, of known answers: Alpha's rule withholds counts from 40000 to 49999 (as `w`), so
/// its 48613 is withheld, and the region's 3 is withheld under the default rule (as `c`).
fn known_answers(alpha_name: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new("region-known");
    let content = tmp.path().join("region");
    support::copy_dir(&fixture(), &content);
    let table = |rows: &str| {
        format!(
            "id: known\ntitle: Children by home\nas_at: 2024-03-31\ndimension: Home\nchildren: true\ncolumns:\n  - {{ id: children, label: Children }}\nrows:\n{rows}"
        )
    };
    for dir in ["market/demand", "members/alpha/market/demand"] {
        fs::create_dir_all(content.join(dir)).unwrap();
    }
    fs::write(
        content.join("market/demand/known.yaml"),
        table("  - { label: Regional homes, values: [120] }\n  - { label: Rare homes, values: [3] }\n"),
    )
    .unwrap();
    fs::write(
        content.join("members/alpha/market/demand/known.yaml"),
        table(
            "  - { label: Big homes, values: [48613] }\n  - { label: Other homes, values: [61] }\n",
        ),
    )
    .unwrap();
    let site = content.join("members/alpha/site.yaml");
    let text = fs::read_to_string(&site).unwrap().replace(
        "authority: Alpha Borough Council",
        &format!("authority: '{alpha_name}'\nsuppression: {{ min: 40000, max: 49999, symbol: w }}"),
    );
    fs::write(&site, text).unwrap();
    (tmp, content)
}

#[test]
fn a_members_withheld_cell_stays_withheld_in_the_joint_table() {
    let (_tmp, content) = known_answers("Alpha Borough Council");
    let (_out_tmp, out) = build(&content, "region-known-out");
    // The withheld count is nowhere in the site: not on any page, in any data file, nor the
    // sum of any figures with it (48613 + 61, + 120, + 3).
    for (rel, bytes) in snapshot(&out) {
        let text = String::from_utf8_lossy(&bytes);
        for n in ["48613", "48674", "48733", "48616", "48797", "48736"] {
            assert!(!text.contains(n), "{rel} gives {n}");
        }
    }
    let page = read(&out, "market/tables/known/index.html");
    let alpha = support::between(&page, "<tbody id=\"member-alpha\"", "</tbody>");
    assert!(
        alpha.contains(
            "<th scope=\"rowgroup\" colspan=\"2\"><a href=\"../../../councils/alpha/market/demand/#table-known\">Alpha Borough Council</a></th>"
        ),
        "{alpha}"
    );
    assert!(
        alpha.contains(
            "<th scope=\"row\">Big homes</th><td class=\"num\"><span class=\"withheld\">w</span>"
        ),
        "{alpha}"
    );
    assert!(alpha.contains("<td class=\"num\">61</td>"));
    // The region's own table is one more source, shown as the region, under its own rule.
    let own = support::between(&page, "<tbody id=\"the-region\"", "</tbody>");
    assert!(own.contains("Testvale Region</a> (the region)"), "{own}");
    assert!(own.contains("<td class=\"num\">120</td>"));
    assert!(own.contains(
        "<th scope=\"row\">Rare homes</th><td class=\"num\"><span class=\"withheld\">c</span>"
    ));
    // Each symbol is explained with the councils whose rule it is, naming their row groups
    // (the council filter hides a note with them); no total of any kind.
    assert!(
        page.contains(
            "<p class=\"withheld-note\" data-filter-follows=\"member-alpha\"><strong>w</strong>: "
        ),
        "{page}"
    );
    assert!(
        page.contains(
            "<p class=\"withheld-note\" data-filter-follows=\"the-region\"><strong>c</strong>: "
        ),
        "{page}"
    );
    assert!(page.contains("(Alpha Borough Council)</span></p>"));
    assert!(page.contains("(Testvale Region)</span></p>"));
    assert!(!page.contains("class=\"total\""));
    assert!(!page.contains("181"));
    // The data: keyed by member code and id first, each cell as its council publishes it.
    let csv = read(&out, "data/market/tables/known.csv");
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "member_code,member_id,member,row,Home,start,end,children",
            ",,Testvale Region,row,Regional homes,,,120",
            ",,Testvale Region,row,Rare homes,,,c",
            "E06000001,alpha,Alpha Borough Council,row,Big homes,,,w",
            "E06000001,alpha,Alpha Borough Council,row,Other homes,,,61",
        ]
    );
    let json = json(&out, "data/market/tables/known.json");
    let members = json["members"].as_array().unwrap();
    assert_eq!(members.len(), 2);
    assert_eq!(members[0]["member_id"], Value::Null);
    assert_eq!(members[1]["member_id"], "alpha");
    assert_eq!(members[1]["member_code"], "E06000001");
    assert_eq!(
        members[1]["url"],
        "councils/alpha/market/demand/#table-known"
    );
    assert_eq!(members[1]["rows"][0]["cells"][0]["value"], Value::Null);
    assert_eq!(members[1]["rows"][0]["cells"][0]["flag"], "w");
    assert_eq!(members[1]["rows"][1]["cells"][0]["value"], 61.0);
    // Listed on /data/ with its CSVW metadata.
    assert!(
        out.join("data/market/tables/known.csv-metadata.json")
            .is_file()
    );
    assert!(read(&out, "data/index.html").contains("Children by home across the region"));
    // The index lists it as shared, and the other pages of the joint statement link to it.
    let index = read(&out, "market/tables/index.html");
    assert!(index.contains("<a href=\"../../market/tables/known/\">Children by home</a>: Testvale Region (the region), Alpha Borough Council."), "{index}");
    for rel in ["market/councils/index.html", "market/asks/index.html"] {
        assert!(
            read(&out, rel).contains("href=\"../../market/tables/\""),
            "{rel}"
        );
    }
    // The council filter: one value per council, each row under its council.
    let start = "<script type=\"application/json\" id=\"table-known-index\">";
    let filter: hearth_model::filter::Index =
        serde_json::from_str(&support::between(&page, start, "</script>")[start.len()..]).unwrap();
    assert_eq!(shown(&filter, "member=alpha"), ["1-0", "1-1"]);
    for item in &filter.items {
        assert!(page.contains(&format!("data-table-row=\"{}\"", item.id)));
    }
}

#[test]
fn the_joint_table_escapes_member_names() {
    let payload = "Alpha <script>alert(1)</script> \"Council\"";
    let (_tmp, content) = known_answers(payload);
    let (_out_tmp, out) = build(&content, "region-known-inject");
    let page = read(&out, "market/tables/known/index.html");
    assert!(!page.contains("<script>alert"));
    assert!(
        page.contains(">Alpha &lt;script&gt;alert(1)&lt;/script&gt; &quot;Council&quot;</a>"),
        "{page}"
    );
    let index = read(&out, "market/tables/index.html");
    assert!(!index.contains("<script>alert"));
    let csv = read(&out, "data/market/tables/known.csv");
    assert!(
        csv.contains(",alpha,\"Alpha <script>alert(1)</script> \"\"Council\"\"\",row,"),
        "{csv}"
    );
}

#[test]
fn the_example_regions_joint_tables_show_each_case() {
    let (_tmp, out) = build(&repo().join("examples/region"), "region-tables");
    let index = read(&out, "market/tables/index.html");
    // Shared by all three councils, with the same columns.
    assert!(index.contains("<a href=\"../../market/tables/children-by-placement-type/\">Children in care by type of placement</a>: Northbrook City Council, Eastmoor Borough Council, Westdale District Council."), "{index}");
    assert!(index.contains("<a href=\"../../market/tables/children-by-need/\">"));
    // The same id with other columns: listed per council, not put together.
    let differ = support::between(&index, "id=\"differ\"", "</section>");
    assert!(differ.contains("<a href=\"../../councils/northbrook/market/supply/#table-in-house-capacity\">Northbrook City Council: Our own homes and how full they are</a>"), "{differ}");
    assert!(differ.contains("<a href=\"../../councils/westdale/market/supply/#table-in-house-capacity\">Westdale District Council: Our own foster carers and homes</a>"));
    assert!(!out.join("market/tables/in-house-capacity").exists());
    // One council's tables: listed, linked, attributed.
    let single = support::between(&index, "id=\"single\"", "</section>");
    assert!(
        single.contains("<a href=\"../../councils/northbrook/market/supply/#table-weekly-costs\">"),
        "{single}"
    );
    // The joint page: the councils' dates differ, so each row group gives its own.
    let page = read(&out, "market/tables/children-by-placement-type/index.html");
    assert!(page.contains("<caption id=\"joint-cap\">Children in care by type of placement: each council’s figures</caption>"));
    let east = support::between(&page, "<tbody id=\"member-eastmoor\"", "</tbody>");
    assert!(
        east.contains(
            "Eastmoor Borough Council</a> <span class=\"meta\">(as at 31 March 2024)</span>"
        ),
        "{east}"
    );
    assert!(east.contains("<th scope=\"row\">Parent and child placements</th><td class=\"num\"><span class=\"withheld\">c</span>"));
    assert!(east.contains("<tr class=\"total\""));
    assert!(page.contains("Source: Westdale District Council, Children looked after records."));
    let csv = read(&out, "data/market/tables/children-by-need.csv");
    assert!(
        csv.starts_with("member_code,member_id,member,row,Need,start,end,children\r\n"),
        "{csv}"
    );
    assert!(csv.contains("\r\nE07000902,eastmoor,Eastmoor Borough Council,row,Unaccompanied asylum-seeking children,,,c\r\n"));
}

#[test]
fn a_council_whose_columns_differ_is_left_out_of_the_joint_table_and_listed() {
    // The example region, with Eastmoor's needs table under another column heading: the
    // other two councils' tables are still one table, and Eastmoor's is listed beside it.
    let tmp = TempDir::new("region-differ");
    let root = tmp.path().join("repo");
    copy_dir(
        &repo().join("examples/region"),
        &root.join("examples/region"),
    );
    copy_dir(&repo().join("content"), &root.join("content"));
    let file = root.join("examples/region/members/eastmoor/market/demand/children-by-need.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace(
            "{ id: children, label: Children }",
            "{ id: children, label: Children in the group }",
        ),
    )
    .unwrap();
    let (_out_tmp, out) = build(&root.join("examples/region"), "region-differ-out");
    let page = read(&out, "market/tables/children-by-need/index.html");
    assert!(page.contains("<tbody id=\"member-northbrook\""));
    assert!(page.contains("<tbody id=\"member-westdale\""));
    assert!(!page.contains("member-eastmoor"), "{page}");
    let index = read(&out, "market/tables/index.html");
    let differ = support::between(&index, "id=\"differ\"", "</section>");
    assert!(
        differ.contains("<a href=\"../../market/tables/children-by-need/\">Children with particular needs, together</a>"),
        "{differ}"
    );
    assert!(differ.contains(
        "<a href=\"../../councils/eastmoor/market/demand/#table-children-by-need\">Eastmoor Borough Council: Children with particular needs</a>"
    ));
    let csv = read(&out, "data/market/tables/children-by-need.csv");
    assert!(!csv.contains("eastmoor"), "{csv}");
}

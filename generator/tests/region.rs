//! Regional sites: `hearth build REGION` (a content folder holding region.yaml) publishes the
//! region's own site, every member's whole site under `/councils/<id>/`, `/councils/`, and the
//! comparisons under `/compare/` with their regional figures and open data.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;
use support::{TempDir, copy_dir, snapshot};

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
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
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
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect();
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
    let found: Vec<String> = report
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .filter(|d| d.contains("can be worked out"))
        .collect();
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

//! The editor's workflow: series and breakdown rows kept in CSV files, staleness warnings
//! (as at `HEARTH_TODAY`), branding (logo, colours, footer links) and `hearth theme eject`.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use hearth::diag::Diagnostic;
use hearth_model::{Date, Flag};

mod support;
use support::{TempDir, copy_dir, snapshot};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn copy_of(fixture: &str, tag: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(tag);
    let content = tmp.path().join("content");
    copy_dir(&fixtures().join(fixture), &content);
    (tmp, content)
}

fn date(s: &str) -> Date {
    s.parse().unwrap()
}

fn show(diags: &[Diagnostic]) -> String {
    diags.iter().map(|d| format!("{d}\n")).collect()
}

fn hearth_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
}

// ------------------------------------------------------------------ CSV import

#[test]
fn csv_rows_become_series_comparators_and_breakdown_rows() {
    let loaded = hearth::load::load_on(&fixtures().join("valid/csv-import"), date("2024-01-01"));
    assert!(!loaded.has_errors(), "{}", show(&loaded.diagnostics));
    let m = loaded.content.metric("carers").unwrap();
    let values: Vec<(String, Option<f64>, Option<Flag>)> = m
        .series
        .iter()
        .map(|p| (p.period.text().to_string(), p.number(), p.flag))
        .collect();
    assert_eq!(
        values,
        [
            ("2019-03-31".to_string(), Some(1104.0), None),
            ("2020-03-31".to_string(), None, Some(Flag::Suppressed)),
            ("2021-03-31".to_string(), None, Some(Flag::NotAvailable)),
            ("2022-03-31".to_string(), Some(118.0), None),
            ("2023-03-31".to_string(), Some(120.0), None),
        ]
    );
    // Quoted cells keep their commas, doubled quotes and line breaks.
    assert_eq!(
        m.series[2].note.as_deref(),
        Some("Not collected: the return was paused, as in \"2020\"")
    );
    assert_eq!(m.series[4].note.as_deref(), Some("Counted in\nApril"));
    assert_eq!(m.series[0].note, None);
    let region: Vec<(Option<f64>, Option<Flag>)> = m.comparators[0]
        .series
        .iter()
        .map(|p| (p.number(), p.flag))
        .collect();
    assert_eq!(
        region,
        [
            (Some(101.5), None),
            (Some(1010.0), None),
            (None, Some(Flag::Suppressed))
        ]
    );
    let b = &loaded.content.breakdowns[0];
    // A breakdown in the one-value form is read as a table of one column.
    assert!(b.one_value_form);
    let rows: Vec<(&str, Option<f64>, Option<Flag>)> = b
        .rows
        .iter()
        .map(|r| match r.values[..] {
            [hearth_model::market::Cell::Value(v)] => (r.label.as_str(), Some(v), None),
            [hearth_model::market::Cell::Flag(f)] => (r.label.as_str(), None, Some(f)),
            _ => (r.label.as_str(), None, None),
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("Under 1", Some(5.0), None),
            ("1 to 4", Some(15.5), None),
            ("5 to 9", None, Some(Flag::Suppressed)),
            ("10 to 15", Some(39.5), None),
            ("16 and over", Some(40.0), None),
        ]
    );
}

/// The example keeps one measure's series and its England comparator in CSV files; the
/// published figures are the ones the YAML used to hold.
#[test]
fn example_reads_a_measure_from_csv() {
    let loaded = hearth::load::load_on(&support::example_content(), date("2024-01-01"));
    assert!(!loaded.has_errors(), "{}", show(&loaded.diagnostics));
    let m = loaded.content.metric("children-in-care").unwrap();
    assert_eq!(m.series.len(), 11);
    assert_eq!(m.series[0].number(), Some(533.0));
    assert_eq!(
        m.series[7].note.as_deref(),
        Some("Count taken in April 2021")
    );
    assert_eq!(m.comparators[0].series[10].number(), Some(83_630.0));
    assert!(
        loaded
            .sources
            .get("metrics/children-in-care.yaml")
            .is_some_and(|f| f.csv.len() == 2),
        "series and the comparator come from CSV"
    );
}

fn find<'a>(diags: &'a [Diagnostic], message: &str) -> &'a Diagnostic {
    diags
        .iter()
        .find(|d| d.message.contains(message))
        .unwrap_or_else(|| panic!("nothing says {message:?}:\n{}", show(diags)))
}

#[test]
fn a_bad_comparator_cell_is_located_in_its_csv() {
    let (_tmp, content) = copy_of("valid/csv-import", "csv-comparator");
    fs::write(
        content.join("metrics/data/carers-region.csv"),
        "Year,Average households\n2021-03-31,101.5\n\n2022-03-31,\"1,01\"\n",
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find(&report.diagnostics, "\"1,01\" is not a number");
    assert!(d.is_error());
    assert!(
        d.location.file.ends_with("metrics/data/carers-region.csv"),
        "{d}"
    );
    let pos = d.location.pos.unwrap();
    // The blank line is skipped but counted: the row is on line 4.
    assert_eq!((pos.line, pos.column), (4, 2), "{d}");
    assert_eq!(d.location.field, "comparators[0].series[1].value");
    assert!(d.hint.as_deref().unwrap().contains("decimals with a point"));
}

#[test]
fn percent_signs_only_in_percent_units() {
    let (_tmp, content) = copy_of("valid/csv-import", "csv-percent");
    fs::write(
        content.join("metrics/data/carers-region.csv"),
        "Year,Average households\n2021-03-31,12%\n",
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find(&report.diagnostics, "\"12%\" is not a number");
    assert!(d.hint.as_deref().unwrap().contains("unit: percent"), "{d}");
}

#[test]
fn csv_mapping_mistakes_point_at_the_yaml() {
    let (_tmp, content) = copy_of("valid/csv-import", "csv-mapping");
    let yaml = content.join("breakdowns/ages.yaml");
    let text = fs::read_to_string(&yaml).unwrap();
    fs::write(
        &yaml,
        text.replace(
            "label: Age band, value: Share",
            "label: Age band, vale: Share",
        ),
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find(&report.diagnostics, "unknown field `vale`");
    assert!(d.location.file.ends_with("breakdowns/ages.yaml"), "{d}");
    assert_eq!(d.location.pos.map(|p| p.line), Some(7), "{d}");
    assert_eq!(d.hint.as_deref(), Some("did you mean `value`?"));
    // A broken CSV file is reported at the quote that never closes.
    fs::write(&yaml, text).unwrap();
    fs::write(
        content.join("breakdowns/data/ages.csv"),
        "Age band,Share\nUnder 1,5%\n\"1 to 4,15%\n",
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find(&report.diagnostics, "never closed");
    assert!(d.location.file.ends_with("breakdowns/data/ages.csv"), "{d}");
    assert_eq!(d.location.pos.map(|p| (p.line, p.column)), Some((3, 1)));
}

// ------------------------------------------------------------------ staleness

fn check_on(content: &Path, today: &str) -> (String, Option<i32>) {
    let out = hearth_bin()
        .env("HEARTH_TODAY", today)
        .arg("check")
        .arg(content)
        .output()
        .unwrap();
    (
        String::from_utf8_lossy(&out.stderr).to_string(),
        out.status.code(),
    )
}

#[test]
fn staleness_warnings_follow_hearth_today() {
    let (_tmp, content) = copy_of("valid/minimal", "stale");
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        text.replace(
            "  published: 2024\n",
            "  published: 2024\n  review: March 2025\n",
        ),
    )
    .unwrap();

    // In time: nothing is stale.
    let (stderr, code) = check_on(&content, "2024-06-01");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("past"), "{stderr}");
    assert!(!stderr.contains("no figure"), "{stderr}");

    // Years later: warnings only, so the check still passes.
    let (stderr, code) = check_on(&content, "2030-01-01");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(
        stderr.contains(
            "warning: 2 actions in this workstream are past their end date and not complete: fc-01, fc-02"
        ),
        "{stderr}"
    );
    assert!(stderr.contains("plan/fostering.yaml:4:"), "{stderr}");
    assert!(
        stderr.contains(
            "warning: measure carers has no figure newer than 2023/24, more than 15 months ago"
        ),
        "{stderr}"
    );
    assert!(
        stderr
            .contains("warning: the review date (March 2025) has passed: today is 1 January 2030"),
        "{stderr}"
    );
    assert!(stderr.contains("site.yaml:7:11"), "{stderr}");

    // A HEARTH_TODAY that is not a date is reported, and the system date used.
    let (stderr, code) = check_on(&content, "01/01/2030");
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("HEARTH_TODAY"), "{stderr}");
}

#[test]
fn staleness_never_changes_the_output() {
    let (tmp, content) = copy_of("valid/minimal", "stale-output");
    let mut trees = Vec::new();
    for (today, name) in [("2024-06-01", "a"), ("2031-01-01", "b")] {
        let out = tmp.path().join(name);
        let status = hearth_bin()
            .env("HEARTH_TODAY", today)
            .arg("build")
            .arg(&content)
            .arg("--out")
            .arg(&out)
            .output()
            .unwrap();
        assert_eq!(status.status.code(), Some(0));
        trees.push(snapshot(&out));
    }
    assert!(trees[0] == trees[1], "the build changed with the date");
}

#[test]
fn a_later_edition_without_a_change_note() {
    let (_tmp, content) = copy_of("valid/minimal", "edition-notes");
    for v in ["1.0", "1.1"] {
        copy_dir(
            &fixtures().join("valid/minimal"),
            &content.join("editions").join(v),
        );
    }
    let first = content.join("editions/1.0/site.yaml");
    let text = fs::read_to_string(&first).unwrap();
    fs::write(&first, text.replace("published: 2024", "published: 2023")).unwrap();
    let loaded = hearth::load::load_on(&content, date("2024-06-01"));
    let warnings: Vec<&Diagnostic> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.message.contains("has no change note"))
        .collect();
    // 1.0 is the first edition: no note needed. 1.1 follows it, and so does the current one.
    assert_eq!(warnings.len(), 2, "{}", show(&loaded.diagnostics));
    assert!(
        warnings[0]
            .location
            .file
            .ends_with("editions/1.1/site.yaml")
    );
    assert_eq!(warnings[0].location.pos.map(|p| p.line), Some(4));
    assert!(warnings[1].location.file.ends_with("content/site.yaml"));
    // A frozen edition is not judged stale itself.
    let frozen = hearth::load::load_on(&content.join("editions/1.0"), date("2040-01-01"));
    assert!(
        !frozen
            .diagnostics
            .iter()
            .any(|d| d.message.contains("past their end date")),
        "{}",
        show(&frozen.diagnostics)
    );
}

// ------------------------------------------------------------------ branding

const BRANDING: &str = "branding:
  logo: branding/logo.svg
  colours: { brand: \"#00703C\", brand_text: \"#ffffff\", link: \"#1d70b8\", focus: \"#ffdd00\" }
  footer_links:
    - { title: Accessibility statement, url: https://example.org/accessibility }
    - { title: Sneaky, url: \"javascript:alert(1)\" }
    - { title: About, url: about/ }
";

fn branded(tag: &str) -> (TempDir, PathBuf) {
    let (tmp, content) = copy_of("valid/minimal", tag);
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(&site, format!("{text}{BRANDING}")).unwrap();
    fs::create_dir_all(content.join("branding")).unwrap();
    fs::write(
        content.join("branding/logo.svg"),
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"/>",
    )
    .unwrap();
    (tmp, content)
}

#[test]
fn branding_writes_brand_css_logo_and_footer_links() {
    let (tmp, content) = branded("brand");
    let out = tmp.path().join("public");
    let report = hearth::build(&content, &out);
    assert!(report.written, "{}", show(&report.diagnostics));
    let css = fs::read_to_string(out.join("static/css/brand.css")).unwrap();
    assert!(css.contains(":root {"), "{css}");
    for line in [
        "--brand: #00703c;",
        "--brand-ink: #ffffff;",
        "--link: #1d70b8;",
        "--focus: #ffdd00;",
        "--brand-deep: #",
    ] {
        assert!(css.contains(line), "{line} missing from {css}");
    }
    assert_eq!(
        fs::read(out.join("static/brand/logo.svg")).unwrap(),
        fs::read(content.join("branding/logo.svg")).unwrap()
    );
    let page = fs::read_to_string(out.join("plan/fc-01/index.html")).unwrap();
    // brand.css comes after hearth.css, so its properties win.
    let hearth_css = page.find("static/css/hearth.css").unwrap();
    let brand_css = page.find("static/css/brand.css").unwrap();
    assert!(brand_css > hearth_css);
    assert!(
        page.contains("<img class=\"masthead__logo\" src=\"..&#x2f;..&#x2f;static&#x2f;brand&#x2f;logo.svg\" alt=\"Testshire County Council\">"),
        "{page}"
    );
    assert!(!page.contains("style="), "no inline style");
    assert!(page.contains(
        "href=\"https:&#x2f;&#x2f;example.org&#x2f;accessibility\">Accessibility statement</a>"
    ));
    // A relative link is relative to the site root, from every page.
    assert!(
        page.contains("href=\"..&#x2f;..&#x2f;about&#x2f;\">About</a>"),
        "{page}"
    );
    assert!(
        !page.contains("javascript"),
        "the javascript: link is dropped"
    );
    assert!(!page.contains("Sneaky"));
    let d = find(&report.diagnostics, "is not a web address and is left out");
    assert!(!d.is_error());
    assert_eq!(d.location.field, "branding.footer_links[1].url");
}

#[test]
fn no_branding_no_brand_css() {
    let tmp = TempDir::new("no-brand");
    let out = tmp.path().join("public");
    let report = hearth::build(&fixtures().join("valid/minimal"), &out);
    assert!(report.written);
    assert!(!out.join("static/css/brand.css").exists());
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(!home.contains("brand.css"));
    assert!(!home.contains("masthead__logo"));
}

#[test]
fn branding_mistakes() {
    let (_tmp, content) = branded("brand-bad");
    let site = content.join("site.yaml");
    let text = fs::read_to_string(&site).unwrap();
    fs::write(
        &site,
        text.replace("branding/logo.svg", "../logo.svg")
            .replace("\"#00703C\"", "\"#7fbf9f\""),
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find(&report.diagnostics, "the contrast of the masthead text");
    assert!(d.is_error());
    assert_eq!(d.location.field, "branding.colours.brand");
    assert!(d.hint.as_deref().unwrap().contains("`brand: \"#"), "{d}");
    // The logo's own mistakes.
    fs::write(&site, text.replace("branding/logo.svg", "../logo.svg")).unwrap();
    let report = hearth::check(&content);
    let d = find(
        &report.diagnostics,
        "the logo `../logo.svg` is outside the content folder",
    );
    assert_eq!(d.location.field, "branding.logo");
    assert!(d.location.pos.is_some());
    fs::write(
        &site,
        text.replace("branding/logo.svg", "branding/logo.bmp"),
    )
    .unwrap();
    find(&hearth::check(&content).diagnostics, "is not an image file");
    fs::write(
        &site,
        text.replace("branding/logo.svg", "branding/missing.svg"),
    )
    .unwrap();
    find(
        &hearth::check(&content).diagnostics,
        "there is no logo file",
    );
}

// ------------------------------------------------------------------ theme eject

#[test]
fn theme_eject_writes_then_keeps() {
    let (tmp, content) = copy_of("valid/minimal", "eject");
    let out = hearth_bin()
        .args(["theme", "eject"])
        .arg(&content)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let theme = content.join("theme");
    for file in [
        "templates/base.html",
        "templates/home.html",
        "static/css/hearth.css",
        "static/css/print.css",
    ] {
        assert!(theme.join(file).is_file(), "{file} not written:\n{stdout}");
    }
    // Scripts, ECharts and the browser module belong with the binary.
    assert!(!theme.join("static/js").exists());
    assert!(!theme.join("static/vendor").exists());
    assert!(!theme.join("static/wasm").exists());
    let written = snapshot(&theme).len();
    assert!(
        stdout.contains(&format!("Copied {written} files")),
        "{stdout}"
    );

    // An edited file survives a second run, which writes nothing.
    fs::write(
        theme.join("templates/home.html"),
        "{% extends \"base.html\" %}{% block content %}<p>Ours</p>{% endblock %}",
    )
    .unwrap();
    fs::remove_file(theme.join("static/css/print.css")).unwrap();
    let done = hearth::tools::eject::eject(&content).unwrap();
    assert_eq!(done.written, ["static/css/print.css"]);
    assert_eq!(done.skipped.len(), written - 1);
    assert!(done.skipped.contains(&"templates/home.html".to_string()));
    let home = fs::read_to_string(theme.join("templates/home.html")).unwrap();
    assert!(home.contains("Ours"));
    let out = hearth_bin()
        .args(["theme", "eject"])
        .arg(&content)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("kept     templates/home.html (already there)"),
        "{stdout}"
    );
    assert!(stdout.contains("Copied 0 files"), "{stdout}");

    // The ejected theme, unedited, builds the same site as the built-in one.
    fs::write(
        theme.join("templates/home.html"),
        hearth::load::Theme::embedded().files["templates/home.html"].clone(),
    )
    .unwrap();
    let a = tmp.path().join("a");
    let b = tmp.path().join("b");
    assert!(hearth::build(&content, &a).written);
    fs::remove_dir_all(&theme).unwrap();
    assert!(hearth::build(&content, &b).written);
    assert!(
        snapshot(&a) == snapshot(&b),
        "an unedited ejected theme changed the site"
    );
}

#[test]
fn theme_eject_needs_a_content_folder() {
    let tmp = TempDir::new("eject-nowhere");
    let out = hearth_bin()
        .args(["theme", "eject"])
        .arg(tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("not a content folder"));
    assert!(!tmp.path().join("theme").exists());
    let out = hearth_bin().args(["theme", "inject"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
}

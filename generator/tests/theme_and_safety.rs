//! Theme overrides, URL safety in site.yaml, and the output folder guard.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::fs;
use std::path::PathBuf;

mod support;
use support::{TempDir, copy_dir, example_content as example};

#[test]
fn theme_files_override_the_default_one_by_one() {
    let tmp = TempDir::new("theme");
    let dir = tmp.path();
    let content = dir.join("content");
    copy_dir(&example(), &content);
    fs::create_dir_all(content.join("theme/templates")).unwrap();
    fs::create_dir_all(content.join("theme/static/css")).unwrap();
    let page = fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../site/templates/page.html"),
    )
    .unwrap();
    fs::write(
        content.join("theme/templates/page.html"),
        page.replace(
            "<h1>{{ title }}</h1>",
            "<h1 class=\"branded\">{{ title }}</h1>",
        ),
    )
    .unwrap();
    fs::write(
        content.join("theme/static/css/print.css"),
        "/* council print */\n",
    )
    .unwrap();
    let out = dir.join("public");
    let report = hearth::build(&content, &out);
    assert!(report.written, "{:#?}", report.diagnostics);
    let glossary = fs::read_to_string(out.join("glossary/index.html")).unwrap();
    assert!(
        glossary.contains("<h1 class=\"branded\">Glossary</h1>"),
        "page.html override not used"
    );
    // Other templates and static files still come from the default theme.
    let home = fs::read_to_string(out.join("index.html")).unwrap();
    assert!(home.contains("Progress on the delivery plan"));
    assert_eq!(
        fs::read_to_string(out.join("static/css/print.css")).unwrap(),
        "/* council print */\n"
    );
    assert!(
        fs::read_to_string(out.join("static/css/hearth.css"))
            .unwrap()
            .contains("--brand")
    );
}

#[test]
fn a_broken_template_override_is_reported_and_nothing_is_written() {
    let tmp = TempDir::new("badtheme");
    let dir = tmp.path();
    let content = dir.join("content");
    copy_dir(&example(), &content);
    fs::create_dir_all(content.join("theme/templates")).unwrap();
    fs::write(
        content.join("theme/templates/page.html"),
        "{% extends \"base.html\" %}{% block content %}{{ title }\n",
    )
    .unwrap();
    let out = dir.join("public");
    let report = hearth::build(&content, &out);
    assert!(!report.written);
    assert!(!out.exists());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(d.location.file.contains("page.html"), "{d}");
    assert!(d.message.contains("template"), "{d}");
}

#[test]
fn script_urls_in_site_yaml_never_reach_a_page() {
    let tmp = TempDir::new("urls");
    let dir = tmp.path();
    let content = dir.join("content");
    copy_dir(&example(), &content);
    let site = fs::read_to_string(content.join("site.yaml")).unwrap();
    let site: String = site
        .lines()
        .map(|l| {
            if l.starts_with("  url: https://www.nationalarchives") {
                "  url: \"javascript:alert(1)\""
            } else {
                l
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    assert!(site.contains("javascript:alert(1)"));
    fs::write(content.join("site.yaml"), site).unwrap();
    let out = dir.join("public");
    let report = hearth::build(&content, &out);
    assert!(report.written, "{:#?}", report.diagnostics);
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("javascript:alert(1)"))
    );
    for entry in ["index.html", "plan/index.html", "measures/index.html"] {
        let html = fs::read_to_string(out.join(entry)).unwrap();
        assert!(!html.to_lowercase().contains("javascript:"), "{entry}");
    }
}

#[test]
fn refuses_to_replace_a_folder_it_did_not_write() {
    let tmp = TempDir::new("guard");
    let dir = tmp.path();
    let out = dir.join("precious");
    fs::create_dir_all(&out).unwrap();
    fs::write(out.join("thesis.txt"), "do not delete").unwrap();
    let report = hearth::build(&example(), &out);
    assert!(!report.written);
    assert_eq!(
        fs::read_to_string(out.join("thesis.txt")).unwrap(),
        "do not delete"
    );
    assert!(
        report
            .diagnostics
            .iter()
            .any(|d| d.message.contains("did not write"))
    );
}

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

/// The default templates: (name, text).
fn default_templates() -> Vec<(String, String)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../site/templates");
    let mut out: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .flatten()
        .map(|e| {
            let name = e.file_name().to_string_lossy().to_string();
            (name, fs::read_to_string(e.path()).unwrap())
        })
        .collect();
    out.sort();
    out
}

#[test]
fn no_default_template_marks_anything_safe() {
    // Trusted HTML is marked on the Rust side (render::view::Html); a template never needs
    // `|safe`, and one that used it would be trusting text it cannot vouch for.
    let templates = default_templates();
    assert!(templates.len() > 20);
    for (name, text) in templates {
        let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        assert!(
            !squeezed.contains("|safe") && !squeezed.contains("safe("),
            "{name} uses the safe filter"
        );
        assert!(
            !text.contains("autoescape false"),
            "{name} turns escaping off"
        );
    }
}

/// Eject the theme into a copy of the example, change one template with `edit`, and build.
fn build_with_ejected(template: &str, edit: impl Fn(&str) -> String) -> (hearth::Report, TempDir) {
    let tmp = TempDir::new("ejected");
    let content = tmp.path().join("content");
    copy_dir(&example(), &content);
    hearth::tools::eject::eject(&content).unwrap();
    let path = content.join("theme/templates").join(template);
    let text = fs::read_to_string(&path).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed nothing");
    fs::write(&path, changed).unwrap();
    let report = hearth::build(&content, &tmp.path().join("public"));
    (report, tmp)
}

#[test]
fn a_misspelt_name_in_an_ejected_template_fails_the_build_at_its_line() {
    for (template, right, wrong) in [
        (
            "action.html",
            "{{ action.owners[0] }}",
            "{{ action.ownrs[0] }}",
        ),
        (
            "measure.html",
            "<h1>{{ metric.title }}</h1>",
            "<h1>{{ metric.titel }}</h1>",
        ),
        ("base.html", "{{ site.authority }}", "{{ site.authorty }}"),
        ("site_footer.html", "{{ site.title }}.", "{{ site.titel }}."),
        ("plan.html", "{{ total }} actions", "{{ totl }} actions"),
    ] {
        let (report, tmp) = build_with_ejected(template, |t| t.replacen(right, wrong, 1));
        assert!(!report.written, "{template}: a misspelt name built");
        assert!(!tmp.path().join("public").exists());
        let d = report
            .diagnostics
            .iter()
            .find(|d| d.is_error())
            .unwrap_or_else(|| panic!("{template}: no error"));
        let expected_file = format!("theme/templates/{template}");
        assert!(
            d.location.file.ends_with(&expected_file),
            "{template}: reported at {}",
            d.location
        );
        let text = fs::read_to_string(tmp.path().join("content").join(&expected_file)).unwrap();
        let line = text.lines().position(|l| l.contains(wrong)).unwrap() + 1;
        assert_eq!(
            d.location.pos.map(|p| p.line),
            Some(line),
            "{template}: {d}"
        );
        let name = wrong.trim_matches(|c| c == '{' || c == '}' || c == ' ');
        let name = name.split(' ').next().unwrap();
        assert!(
            d.message.contains(name.trim_start_matches("<h1>{{").trim())
                || d.message.contains("not defined"),
            "{template}: {d}"
        );
    }
}

/// The top and foot of the pages are rendered once per place in the site, not per page, so
/// their templates must not see a page's own values: one that names one fails the build at
/// its line, rather than showing one page's title on every page at that place.
#[test]
fn the_page_footer_cannot_read_a_page_of_its_own() {
    let (report, tmp) = build_with_ejected("site_footer.html", |t| {
        t.replacen(
            "Published with Hearth.",
            "Published with Hearth: {{ title }}.",
            1,
        )
    });
    assert!(!report.written, "a footer naming the page's title built");
    assert!(!tmp.path().join("public").exists());
    let d = report
        .diagnostics
        .iter()
        .find(|d| d.is_error())
        .expect("an error");
    assert!(
        d.location
            .file
            .ends_with("theme/templates/site_footer.html"),
        "reported at {}",
        d.location
    );
    assert!(d.message.contains("`title` is not defined"), "{d}");
}

/// A council's own top and foot of the page are on every page, the earlier editions' too.
#[test]
fn an_overridden_page_header_is_on_every_page() {
    let (report, tmp) = build_with_ejected("site_header.html", |t| {
        t.replacen(
            "Skip to main content</a>",
            "Skip to main content</a><p class=\"council-notice\">{{ site.short_title }}: notice</p>",
            1,
        )
    });
    assert!(report.written, "{:#?}", report.diagnostics);
    let out = tmp.path().join("public");
    let mut pages = 0;
    let mut stack = vec![out.clone()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "html") {
                let html = fs::read_to_string(&path).unwrap();
                assert_eq!(
                    html.matches("<p class=\"council-notice\">").count(),
                    1,
                    "{}",
                    path.display()
                );
                pages += 1;
            }
        }
    }
    assert!(pages > 100, "{pages} pages");
    assert!(out.join("editions/1.0/plan/index.html").exists());
}

#[test]
fn safe_in_an_ejected_template_cannot_turn_content_into_markup() {
    let tmp = TempDir::new("safefilter");
    let content = tmp.path().join("content");
    copy_dir(&example(), &content);
    // A title with markup in it, printed with |safe by a council's template.
    let plan = content.join("plan/commissioning.yaml");
    let text = fs::read_to_string(&plan).unwrap();
    let first = text
        .lines()
        .find(|l| l.trim_start().starts_with("title:"))
        .unwrap()
        .to_string();
    let second_title = text
        .lines()
        .filter(|l| l.trim_start().starts_with("title:"))
        .nth(1)
        .unwrap()
        .to_string();
    assert_ne!(first, second_title);
    let marked = second_title.replacen("title: ", "title: \"<b id=boom>Bold</b> ", 1) + "\"";
    let marked = if second_title.contains('"') || second_title.contains('\'') {
        panic!("pick a plain title: {second_title}")
    } else {
        marked
    };
    fs::write(&plan, text.replacen(&second_title, &marked, 1)).unwrap();
    hearth::tools::eject::eject(&content).unwrap();
    let action = content.join("theme/templates/action.html");
    let t = fs::read_to_string(&action).unwrap();
    fs::write(
        &action,
        t.replace(
            "<h1>{{ action.title }}</h1>",
            "<h1>{{ action.title|safe }}</h1>",
        ),
    )
    .unwrap();
    let out = tmp.path().join("public");
    let report = hearth::build(&content, &out);
    assert!(
        report.written,
        "{:#?}",
        report.diagnostics.iter().find(|d| d.is_error())
    );
    let mut seen = false;
    for entry in fs::read_dir(out.join("plan")).unwrap().flatten() {
        let page = entry.path().join("index.html");
        if let Ok(html) = fs::read_to_string(&page) {
            assert!(
                !html.contains("<b id=boom>"),
                "{} has the markup",
                page.display()
            );
            seen |= html.contains("&lt;b id=boom&gt;Bold&lt;");
        }
    }
    assert!(seen, "the escaped title is on its page");
}

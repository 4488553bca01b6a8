//! What pages show of the content, and what they leave out when it says nothing: the period
//! the strategy covers (site.yaml `covers`), a key fact's own date on the home page, the
//! delivery plan's filter form without an empty Owner filter, and Markdown of several blocks
//! never inside a `<p>`.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::Path;

mod support;
use support::{TempDir, copy_dir, example_content, valid_fixture as fixture};

fn rendered(content: &Path) -> BTreeMap<String, String> {
    let (rendered, report) = hearth::render(content);
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == hearth_model::Severity::Error)
        .map(|d| d.to_string())
        .collect();
    assert!(errors.is_empty(), "errors:\n{}", errors.join("\n"));
    rendered
        .unwrap()
        .files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect()
}

/// A copy of `from` with `edit` applied to the text of `file`.
fn edited(tag: &str, from: &Path, file: &str, edit: impl Fn(&str) -> String) -> TempDir {
    let tmp = TempDir::new(tag);
    let content = tmp.path().join("content");
    copy_dir(from, &content);
    let path = content.join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let new = edit(&text);
    assert_ne!(new, text, "the edit changed nothing");
    std::fs::write(&path, new).unwrap();
    tmp
}

/// The text of the element carrying `data-covers` on a page, if any.
fn covers(html: &str) -> Option<String> {
    let at = html.find("data-covers>")? + "data-covers>".len();
    let rest = &html[at..];
    Some(rest[..rest.find('<').unwrap()].to_string())
}

#[test]
fn the_period_the_strategy_covers_is_shown_on_the_home_and_strategy_pages() {
    let files = rendered(&example_content());
    assert_eq!(
        covers(&files["index.html"]).as_deref(),
        Some("Covers 2020 to 2023")
    );
    assert_eq!(
        covers(&files["strategy/index.html"]).as_deref(),
        Some("This strategy covers 2020 to 2023.")
    );
    // Without `covers`, nothing is said (no empty element, no "Covers").
    let files = rendered(&fixture("minimal"));
    for page in ["index.html", "strategy/index.html"] {
        assert_eq!(covers(&files[page]), None, "{page}");
        assert!(!files[page].contains("Covers"), "{page}");
    }
    // Open periods read as what they are.
    for (written, home, strategy) in [
        (
            "Summer 2019 - Ongoing",
            "Covers Summer 2019 onwards",
            "This strategy covers Summer 2019 onwards.",
        ),
        ("Ongoing", "Ongoing", "This strategy is ongoing."),
    ] {
        let tmp = edited("covers", &fixture("minimal"), "site.yaml", |t| {
            format!("{t}covers: {written}\n")
        });
        let files = rendered(&tmp.path().join("content"));
        assert_eq!(covers(&files["index.html"]).as_deref(), Some(home));
        assert_eq!(
            covers(&files["strategy/index.html"]).as_deref(),
            Some(strategy)
        );
    }
}

/// The key facts on the home page, each as the text of its `<li class="fact">`.
fn home_facts(html: &str) -> Vec<String> {
    html.split("<li class=\"fact\"")
        .skip(1)
        .map(|f| f[..f.find("</li>").unwrap()].to_string())
        .collect()
}

#[test]
fn a_key_fact_with_its_own_date_says_so_on_the_home_page() {
    let files = rendered(&example_content());
    let home = &files["index.html"];
    assert!(home.contains("Figures as at April 2021 unless stated."));
    let facts = home_facts(home);
    assert_eq!(facts.len(), 8);
    // population (2019) and under-18-population (2018) have their own dates.
    assert!(facts[0].contains("people live in the council") && facts[0].contains("For 2019"));
    assert!(facts[3].contains("under 18") && facts[3].contains("For 2018"));
    // Facts without a date of their own are as at April 2021, which the heading says.
    assert!(
        !facts[1].contains("As at") && !facts[1].contains("For 20"),
        "{}",
        facts[1]
    );
    // A date that is the same stretch of time as `as_at`, however written, is not repeated.
    let tmp = edited("fact-date", &example_content(), "facts.yaml", |t| {
        t.replacen("    date: 2019\n", "    date: 2021-04\n", 1)
    });
    let files = rendered(&tmp.path().join("content"));
    let facts = home_facts(&files["index.html"]);
    assert!(!facts[0].contains("As at"), "{}", facts[0]);
    assert!(facts[3].contains("For 2018"));
}

#[test]
fn a_filter_with_nothing_to_choose_is_left_out_of_the_form() {
    // No action of the minimal fixture has an owner, and its workstream has no lead.
    let files = rendered(&fixture("minimal"));
    let plan = &files["plan/index.html"];
    assert!(plan.contains("<legend>Status</legend>"));
    assert!(
        !plan.contains("<legend>Owner</legend>"),
        "an empty Owner filter"
    );
    assert!(!plan.contains("name=\"owner\""));
    // The example's plan has owners, so its form has the filter.
    let files = rendered(&example_content());
    assert!(files["plan/index.html"].contains("name=\"owner\""));
}

/// Every `<p>` of `html` that holds a block (a paragraph or a list), which HTML cannot.
fn blocks_in_paragraphs(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find("<p") {
        let after = &rest[at + 2..];
        if !after.starts_with('>') && !after.starts_with(' ') {
            rest = after;
            continue;
        }
        let end = after.find("</p>").unwrap_or(after.len());
        let inner = &after[after.find('>').unwrap() + 1..end];
        if [
            "<p>",
            "<p ",
            "<ul",
            "<ol",
            "<div",
            "<blockquote",
            "<h2",
            "<h3",
            "<table",
        ]
        .iter()
        .any(|b| inner.contains(b))
        {
            found.push(inner.chars().take(120).collect());
        }
        rest = after;
    }
    found
}

#[test]
fn markdown_of_several_blocks_is_never_inside_a_paragraph() {
    // The links fixture writes aim statements, phase summaries, intention details and timeline
    // details as a paragraph and a list.
    let files = rendered(&fixture("links"));
    let mut bad = Vec::new();
    for (page, html) in &files {
        for b in blocks_in_paragraphs(html) {
            bad.push(format!("{page}: {b}"));
        }
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
    assert!(files["strategy/index.html"].contains("<li>foster homes</li>"));
    assert!(files["market/procurement/index.html"].contains("<li>bring your questions</li>"));
}

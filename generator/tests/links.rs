//! Links by id to every page and part of the site (`facts:`, `fact:ID`, `strategy:aims`,
//! `market:asks`, `table:ID`, `intention:ID`, `route:ID`, ...) and root-relative addresses
//! (`/facts/`), from `tests/fixtures/valid/links/`, which uses every link scheme; and the
//! sections and pages those links may name, checked against the pages built from the example.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hearth_model::validate::{LINK_SCHEMES, PAGE_SCHEMES};

mod support;
use support::{TempDir, all_files as rendered, copy_dir, example_content};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/links")
}

fn page<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    std::str::from_utf8(&files[path]).unwrap()
}

#[test]
fn the_fixture_uses_every_link_scheme() {
    let mut text = String::new();
    for entry in walk(&fixture()) {
        text.push_str(&std::fs::read_to_string(entry).unwrap());
    }
    for scheme in LINK_SCHEMES {
        assert!(
            text.contains(&format!("]({scheme}:")),
            "tests/fixtures/valid/links uses no `{scheme}:` link"
        );
    }
    for (scheme, _) in PAGE_SCHEMES {
        assert!(
            text.contains(&format!("]({scheme}:)")),
            "tests/fixtures/valid/links never writes `{scheme}:` alone"
        );
    }
}

#[test]
fn every_kind_of_link_leads_to_its_page_or_part() {
    let files = rendered(&fixture());
    let html = page(&files, "links/index.html");
    for (text, href) in [
        ("home", "../"),
        ("the strategy", "../strategy/"),
        ("our aims", "../strategy/#aims"),
        ("the priorities", "../priorities/"),
        ("the delivery plan", "../plan/"),
        ("the measures", "../measures/"),
        ("facts and figures", "../facts/"),
        ("what if?", "../scenarios/"),
        ("accessibility", "../accessibility/"),
        ("for providers", "../market/"),
        ("demand", "../market/demand/"),
        ("supply", "../market/supply/"),
        ("what we want", "../market/asks/"),
        ("intentions", "../market/intentions/"),
        ("forecasts", "../market/forecasts/"),
        ("working with us", "../market/procurement/"),
        ("glossary", "../market/glossary/"),
        ("an aim", "../strategy/#aim-more-homes"),
        ("a priority", "../priorities/foster-care/"),
        ("a workstream", "../plan/#workstream-fostering"),
        ("an action", "../plan/fc-01/"),
        ("a measure", "../measures/carers/"),
        ("a fact", "../facts/#fact-children-in-care"),
        ("a breakdown", "../facts/#breakdown-ages"),
        ("a forecast", "../scenarios/carers/"),
        ("a page", "../about/"),
        ("a table", "../market/demand/#table-small-counts"),
        ("a supply table", "../market/supply/#table-homes"),
        ("an ask", "../market/asks/#ask-parent-and-child-fostering"),
        (
            "an intention",
            "../market/intentions/#intention-more-carers",
        ),
        ("a route", "../market/procurement/#route-fostering-dps"),
        ("a term", "../market/glossary/#term-parent-and-child"),
        // Root-relative addresses are written relative to the page.
        ("the facts page", "../facts/"),
        ("the home page", "../"),
    ] {
        let want = format!("<a href=\"{href}\">{text}</a>");
        assert!(html.contains(&want), "{want} not in links/index.html");
    }
    assert!(html.contains("<a href=\"../strategy/#aim-more-homes\">an aim</a>"));
    // Links in YAML fields are placed for the page that shows them.
    assert!(
        page(&files, "strategy/index.html")
            .contains("<a href=\"../market/intentions/#intention-more-carers\">the intention</a>")
    );
    assert!(page(&files, "index.html").contains("<a href=\"market/asks/\">the asks</a>"));
    assert!(
        page(&files, "market/procurement/index.html")
            .contains("<a href=\"../../market/intentions/#intention-more-carers\">")
    );
}

/// Each section `strategy:` may name and each page `market:` may name is an id or a page of
/// the example's site, and each section id on the strategy page can be named.
#[test]
fn strategy_sections_and_market_pages_exist_in_the_example() {
    let content = example_content();
    let files = rendered(&content);
    let folder = hearth::load::load(&content);
    let sections = hearth::render::strategy::sections(&folder.content);
    assert!(sections.len() >= 8, "{sections:?}");
    let strategy = page(&files, "strategy/index.html");
    for s in &sections {
        assert!(
            strategy.contains(&format!("<h2 id=\"{s}\">")),
            "strategy:{s} names no heading of strategy/index.html"
        );
    }
    // And the other way: every section heading with an id can be linked to.
    let main = &strategy[strategy.find("<main").unwrap()..strategy.find("</main>").unwrap()];
    let mut rest = main;
    while let Some(at) = rest.find("<h2 id=\"") {
        rest = &rest[at + 8..];
        let id = &rest[..rest.find('"').unwrap()];
        assert!(
            sections.contains(&id),
            "strategy/index.html has a section #{id} that `strategy:{id}` cannot name"
        );
    }
    let pages = hearth::render::market::pages(&folder.content);
    assert_eq!(pages.len(), 8, "the example has every market page");
    for p in pages {
        let path = format!("market/{}index.html", p.path);
        assert!(files.contains_key(&path), "market:{} has no page", p.key);
    }
}

/// A root-relative address to no page is an error at the line that writes it, with the hint
/// to link by id.
#[test]
fn a_broken_root_relative_link_is_reported_where_it_is_written() {
    let tmp = TempDir::new("links-root");
    let content = tmp.path().join("content");
    copy_dir(&fixture(), &content);
    let page = content.join("pages/links.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(&page, text.replace("](/facts/)", "](/factz/)")).unwrap();
    let (_, report) = hearth::render(&content);
    let errors: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == hearth_model::Severity::Error)
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    let d = errors[0];
    let line = text.lines().position(|l| l.contains("](/facts/)")).unwrap() + 1;
    assert!(
        d.location
            .to_string()
            .contains(&format!("pages/links.md:{line}:")),
        "{}",
        d.location
    );
    assert!(
        d.message
            .contains("no page or file of the site has that address")
    );
    assert!(
        d.hint
            .as_deref()
            .is_some_and(|h| h.contains("taken from this site's root") && h.contains("facts:")),
        "{:?}",
        d.hint
    );
}

fn walk(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out.sort();
    out
}

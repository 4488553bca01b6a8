//! Real documents as they are: a content folder whose actions often have no rating, and
//! which has no edition version, no licence, no contact team, no aims and principles and
//! themes without titles (`tests/fixtures/valid/sparse-document/`, with a frozen edition
//! from before some ratings were given or taken away). Its pages and data say "Not rated"
//! where there is no rating, counted on its own, and nothing odd where a field is absent;
//! `hearth diff` and `/changes/` list a rating given or taken away as neither better nor worse.
#![allow(clippy::unwrap_used)]

mod support;

use std::process::Command;

use serde_json::Value;
use support::{TempDir, copy_dir, text_files as rendered, valid_fixture as fixture};

/// What a reader reads of a page: the body without scripts and tags, entities undone,
/// spaces collapsed.
fn text(html: &str) -> String {
    let body = html.split("<body>").nth(1).unwrap_or(html);
    let mut out = String::new();
    let mut rest = body;
    while let Some(start) = rest.find("<script") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("</script>")
            .map_or("", |end| &rest[start + end + 9..]);
    }
    out.push_str(rest);
    let mut plain = String::new();
    let mut in_tag = false;
    for ch in out.chars() {
        match ch {
            '<' => {
                in_tag = true;
                plain.push(' ');
            }
            '>' => in_tag = false,
            c if !in_tag => plain.push(c),
            _ => {}
        }
    }
    let plain = plain
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&");
    plain.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The counts a rating summary (`rag_summary`) lists, in order: (label, count).
fn summary_counts(html: &str) -> Vec<(String, usize)> {
    let list = html
        .split("<ul class=\"rag-counts\"")
        .nth(1)
        .and_then(|s| s.split("</ul>").next())
        .unwrap();
    list.split("<li>")
        .skip(1)
        .map(|li| {
            let t = text(li);
            let (label, n) = t.rsplit_once(' ').unwrap();
            (label.to_string(), n.parse().unwrap())
        })
        .collect()
}

fn counts(list: &[(&str, usize)]) -> Vec<(String, usize)> {
    list.iter().map(|(l, n)| (l.to_string(), *n)).collect()
}

#[test]
fn pages_and_data_say_not_rated_and_nothing_odd() {
    let files = rendered(&fixture("sparse-document"));
    let page = |p: &str| files.get(p).unwrap_or_else(|| panic!("no {p}")).as_str();

    // Nothing odd on any page, the frozen edition's included.
    for (path, html) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let t = text(html);
        for odd in [
            "none",
            "None",
            "under the",
            "Content is available",
            "Edition .",
            "Edition ,",
            "Edition (",
            "edition )",
            "Our aims",
            "meet our aims",
        ] {
            let found = if odd.chars().all(char::is_alphabetic) {
                t.split(|c: char| !c.is_alphanumeric()).any(|w| w == odd)
            } else {
                t.contains(odd)
            };
            assert!(!found, "{path} says “{odd}”: {t}");
        }
        for empty in [
            "<h2></h2>",
            "<h3></h3>",
            "<p></p>",
            "<li></li>",
            "<ul class=\"plain\">\n      </ul>",
        ] {
            assert!(!html.contains(empty), "{path} has an empty {empty}");
        }
        assert!(
            !html.contains("href=\"#aims\"") && !html.contains("#aim-"),
            "{path} links to aims there are none of"
        );
    }

    // The summaries count "Not rated" on its own, last.
    let not_rated_summary = counts(&[
        ("Red", 0),
        ("Amber", 0),
        ("Green", 1),
        ("Complete", 0),
        ("Not started", 0),
        ("Not rated", 2),
    ]);
    assert_eq!(summary_counts(page("index.html")), not_rated_summary);
    assert_eq!(summary_counts(page("plan/index.html")), not_rated_summary);
    let priority = counts(&[
        ("Red", 0),
        ("Amber", 0),
        ("Green", 1),
        ("Complete", 0),
        ("Not started", 0),
        ("Not rated", 1),
    ]);
    assert_eq!(
        summary_counts(page("priorities/foster-care/index.html")),
        priority
    );
    assert_eq!(summary_counts(page("priorities/index.html")), priority);
    // A priority whose actions are all rated still counts "Not rated" (0), as the plan has
    // actions without a rating.
    assert_eq!(
        summary_counts(page("priorities/carer-support/index.html")),
        counts(&[
            ("Red", 0),
            ("Amber", 0),
            ("Green", 1),
            ("Complete", 0),
            ("Not started", 0),
            ("Not rated", 0),
        ])
    );
    let home = text(page("index.html"));
    assert!(
        home.contains(
            "Priority Red Amber Green Complete Not started Not rated Total Foster care 0 0 1 0 0 1 2 Support for carers 0 0 1 0 0 0 1"
        ),
        "the home page's table by priority: {home}"
    );

    // The action pages, the priority page and the plan page show the badge.
    for id in ["fc-01", "fc-03"] {
        let t = text(page(&format!("plan/{id}/index.html")));
        assert!(
            t.contains("Not rated : The plan gives this action no rating"),
            "{id}: {t}"
        );
    }
    assert!(text(page("plan/fc-02/index.html")).contains("Green : On track"));
    assert!(
        text(page("priorities/foster-care/index.html"))
            .contains("Recruit more foster carers Not rated")
    );
    let plan = page("plan/index.html");
    assert_eq!(plan.matches("data-rag=\"not-rated\"").count(), 2);
    assert!(plan.contains("class=\"rag rag--not-rated\""));
    // The status filter offers "Not rated", with its count (and no Owner filter: no action
    // has an owner).
    let filter = text(plan.split("Find actions").nth(1).unwrap());
    assert!(
        filter
            .contains("Status Red 0 Amber 0 Green 1 Complete 0 Not started 0 Not rated 2 Priority"),
        "{filter}"
    );

    // Open data: no rating is null in JSON and an empty cell in CSV.
    let json: Value = serde_json::from_str(page("data/actions.json")).unwrap();
    let rags: Vec<(&str, &Value)> = json
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["id"].as_str().unwrap(), &a["rag"]))
        .collect();
    assert_eq!(
        rags,
        [
            ("fc-01", &Value::Null),
            ("fc-02", &Value::from("green")),
            ("fc-03", &Value::Null)
        ]
    );
    let csv = hearth::load::csv::read(page("data/actions.csv")).unwrap();
    let rag = csv[0].cells.iter().position(|h| h == "rag").unwrap();
    let cells: Vec<&str> = csv[1..].iter().map(|r| r.cells[rag].as_str()).collect();
    assert_eq!(cells, ["", "green", ""]);

    // The edition without a version, the contact without a team, no licence.
    let footer = text(
        page("index.html")
            .split("<footer class=\"site-footer\">")
            .nth(1)
            .unwrap(),
    );
    assert!(
        footer.starts_with(
            "About this strategy Placement Sufficiency Strategy. Draft edition, published 2024. Contact Email: placements@example.org More"
        ),
        "{footer}"
    );
    assert!(home.contains("Draft edition. This is not yet the published strategy."));
    assert!(home.contains("Published 2024 A short summary."), "{home}");
    assert!(text(page("editions/index.html")).contains("The current edition was published 2024;"));
    assert!(
        text(page("editions/2023/index.html"))
            .contains("Edition 2023, published 2023. This is an earlier edition")
    );
    assert!(
        text(page("editions/2023/index.html"))
            .contains("Placement Sufficiency Strategy. Published 2023. Contact")
    );
    assert!(
        text(page("accessibility/index.html"))
            .contains("or you find a problem that is not listed here, contact Testshire County Council: email placements@example.org"),
    );

    // No aims; a principle without a title is its text alone.
    let strategy = page("strategy/index.html");
    assert!(
        strategy.contains(
            "<h2 id=\"principles\">How we will work</h2><div class=\"prose\"><p>We listen"
        )
    );
    assert!(strategy.contains("<h3>Working together</h3>"));
    assert!(
        text(page("priorities/index.html")).contains("What we will focus on, with the progress")
    );

    // /changes/: a rating given and one taken away, neither better nor worse.
    let changes = text(page("changes/index.html"));
    assert!(
        changes.contains("2 ratings changed: 0 better, 0 worse"),
        "{changes}"
    );
    assert!(changes.contains(
        "Recruit more foster carers : Amber : Some risk to delivery to Not rated : The plan gives this action no rating changed"
    ));
    assert!(changes.contains(
        "Review carer allowances : Not rated : The plan gives this action no rating to Green : On track changed"
    ));
    assert!(changes.contains("30 June 2024 (this edition): Ratings given"));
}

#[test]
fn a_plan_that_rates_every_action_never_mentions_not_rated() {
    for case in ["minimal", "missing-owners"] {
        let files = rendered(&fixture(case));
        for (path, body) in &files {
            assert!(
                !body.contains("Not rated") && !body.contains("not-rated"),
                "{case}: {path} mentions no rating"
            );
        }
    }
}

fn hearth(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn hearth_diff_lists_a_rating_given_or_taken_away_as_neither() {
    let content = fixture("sparse-document");
    let out = hearth(&["diff", "2023", content.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let diff = String::from_utf8_lossy(&out.stdout);
    assert!(
        diff.contains("RAG ratings changed (2: 0 up, 0 down):\n  fc-01  Amber -> Not rated (changed)  Recruit more foster carers\n  fc-02  Not rated -> Green (changed)  Review carer allowances\n"),
        "{diff}"
    );
}

#[test]
fn an_edition_without_a_version_is_frozen_under_the_name_given() {
    let tmp = TempDir::new("freeze-no-version");
    let content = tmp.path().join("content");
    copy_dir(&fixture("sparse-document"), &content);
    let out = hearth(&["edition", "freeze", "2024-draft", content.to_str().unwrap()]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // Kept as it was: no version is written into the copy.
    assert_eq!(
        std::fs::read_to_string(content.join("editions/2024-draft/site.yaml")).unwrap(),
        std::fs::read_to_string(content.join("site.yaml")).unwrap()
    );
    let files = rendered(&content);
    let archived = text(&files["editions/2024-draft/index.html"]);
    assert!(
        archived.contains("Edition 2024-draft, published 2024. This is an earlier edition"),
        "{archived}"
    );
    let editions = text(&files["editions/index.html"]);
    assert!(editions.contains("Edition 2024-draft"), "{editions}");
    assert!(
        text(&files["changes/index.html"])
            .contains("Nothing in the delivery plan or the measures has changed since then.")
    );
}

//! Priority and workstream tables (outcomes, targets, performance measures, progress,
//! timescale) and the strategy's own lists (commitments, in-house services, history, review
//! findings, related documents): what the pages show, what they leave out when the content
//! says nothing, and the priorities' and workstreams' open data.
#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::PathBuf;

use serde_json::Value;

mod support;
use support::{
    TempDir, between, copy_dir, text_files_with_diagnostics as rendered, valid_fixture as fixture,
};

/// The terms (`<dt>`) of a definition list's HTML, in order.
fn terms(html: &str) -> Vec<&str> {
    html.split("<dt>")
        .skip(1)
        .map(|t| t.split("</dt>").next().unwrap())
        .collect()
}

/// The details (`<dd>`) of term `term` in `html`.
fn details<'t>(html: &'t str, term: &str) -> &'t str {
    let start = format!("<dt>{term}</dt><dd>");
    &between(html, &start, "</dd></div>")[start.len()..]
}

#[test]
fn a_priority_shows_its_table_with_every_cell_in_order() {
    let (files, _) = rendered(&fixture("priority-tables"));
    let page = &files["priorities/foster-care/index.html"];
    let table = between(page, "<section class=\"scorecard\"", "</section>");
    assert!(
        table.contains("<h2 id=\"outcomes\">Outcomes, targets and progress</h2>"),
        "{table}"
    );
    assert_eq!(
        terms(table),
        [
            "Outcomes",
            "Targets",
            "Performance measures",
            "Progress",
            "Timescale"
        ]
    );
    // Lists of several items are lists; Markdown is rendered inline.
    let targets = details(table, "Targets");
    assert!(
        targets.starts_with("<ul><li>Between 60% and 80% of approved foster places in use by <strong>2027</strong> (42% now)</li>"),
        "{targets}"
    );
    // A performance measure naming a measure links to it with its latest figure; one
    // without a measure is text only.
    let measures = details(table, "Performance measures");
    assert!(
        measures.contains("<li>Enquiries that become applications</li>"),
        "{measures}"
    );
    assert!(
        measures.contains(
            "(<a href=\"..&#x2f;..&#x2f;measures&#x2f;carers&#x2f;\">Fostering households</a>: 120 in 2023&#x2f;24)"
        ),
        "{measures}"
    );
    // Dated progress notes carry their dates; an undated one does not.
    let progress = details(table, "Progress");
    assert!(
        progress.contains(
            "<li><span class=\"scorecard__when\">2024&#x2f;25:</span> Twelve new households approved.</li>"
        ),
        "{progress}"
    );
    assert!(
        progress.contains("<li>A new recruitment campaign is being planned.</li>"),
        "{progress}"
    );
    assert_eq!(
        details(table, "Timescale"),
        "2024 to 2027 (reviewed every year)"
    );
}

#[test]
fn a_cell_the_content_leaves_out_is_not_shown() {
    let (files, _) = rendered(&fixture("priority-tables"));
    // Only a target and a timescale that is not a period.
    let page = &files["priorities/older-young-people/index.html"];
    let table = between(page, "<section class=\"scorecard\"", "</section>");
    assert_eq!(terms(table), ["Targets", "Timescale"]);
    // One item is not a list.
    assert_eq!(
        details(table, "Targets"),
        "Ten more supported lodgings places"
    );
    assert_eq!(details(table, "Timescale"), "Throughout the strategy");
    // A priority with no cell at all has no table.
    let (files, _) = rendered(&fixture("minimal"));
    let page = &files["priorities/foster-care/index.html"];
    assert!(!page.contains("scorecard"), "{page}");
    assert!(!page.contains("Outcomes, targets and progress"));
}

#[test]
fn a_workstream_shows_its_leads_and_its_table() {
    let (files, _) = rendered(&fixture("priority-tables"));
    let plan = &files["plan/index.html"];
    let fostering = between(
        plan,
        "id=\"workstream-fostering\"",
        "<ol class=\"actions\">",
    );
    assert!(
        fostering.contains("<p class=\"meta\">Leads: Head of Fostering; Commissioning Manager</p>"),
        "{fostering}"
    );
    let table = between(fostering, "<section class=\"scorecard\"", "</section>");
    assert!(
        table.contains("<h3 id=\"ws-fostering-table\">Outcomes, targets and progress</h3>"),
        "{table}"
    );
    assert_eq!(
        terms(table),
        [
            "Outcomes",
            "Targets",
            "Performance measures",
            "Progress",
            "Timescale"
        ]
    );
    assert_eq!(
        details(table, "Timescale"),
        "2024&#x2f;25 to 2026&#x2f;27 (then reviewed)"
    );
    let residential = between(
        plan,
        "id=\"workstream-residential\"",
        "<ol class=\"actions\">",
    );
    assert!(
        residential.contains("<p class=\"meta\">Lead: Head of Residential Care</p>"),
        "{residential}"
    );
    let table = between(residential, "<section class=\"scorecard\"", "</section>");
    assert_eq!(terms(table), ["Timescale"]);
    assert_eq!(details(table, "Timescale"), "Throughout the strategy");
    // A workstream with no lead and no table says nothing of either.
    let (files, _) = rendered(&fixture("minimal"));
    let plan = &files["plan/index.html"];
    assert!(!plan.contains("scorecard"));
    assert!(!plan.contains("Lead:") && !plan.contains("Leads:"));
}

#[test]
fn priorities_and_workstreams_are_open_data_linked_from_their_pages() {
    let (files, _) = rendered(&fixture("priority-tables"));
    let json: Value = serde_json::from_str(&files["data/priorities.json"]).unwrap();
    let priorities = json.as_array().unwrap();
    assert_eq!(priorities.len(), 2);
    let fc = &priorities[0];
    assert_eq!(fc["id"], "foster-care");
    assert_eq!(fc["actions"], serde_json::json!(["fc-01", "fc-03"]));
    assert_eq!(fc["outcomes"].as_array().unwrap().len(), 2);
    assert_eq!(
        fc["performance_measures"],
        serde_json::json!([
            { "text": "Enquiries that become applications", "metric": null },
            { "text": "[Fostering households](metric:carers) approved", "metric": "carers" }
        ])
    );
    assert_eq!(
        fc["progress"][0],
        serde_json::json!({ "date": "2024/25", "text": "Twelve new households approved." })
    );
    assert_eq!(fc["progress"][2]["date"], Value::Null);
    assert_eq!(fc["timescale"], "2024 to 2027");
    assert_eq!(fc["timescale_note"], "reviewed every year");
    assert_eq!(fc["start"], "2024-01-01");
    assert_eq!(fc["end"], "2027-12-31");
    assert_eq!(fc["url"], "priorities/foster-care/");
    let oyp = &priorities[1];
    assert_eq!(oyp["timescale"], Value::Null);
    assert_eq!(oyp["timescale_note"], "Throughout the strategy");
    assert_eq!(oyp["outcomes"], serde_json::json!([]));

    // The CSV has the same rows, lists joined with "; ".
    let rows = hearth::load::csv::read(&files["data/priorities.csv"]).unwrap();
    let head = &rows[0].cells;
    let cell = |row: usize, name: &str| -> &str {
        &rows[row].cells[head.iter().position(|h| h == name).unwrap()]
    };
    assert_eq!(rows.len(), 3);
    assert_eq!(cell(1, "id"), "foster-care");
    assert_eq!(
        cell(1, "performance_measures"),
        "Enquiries that become applications; [Fostering households](metric:carers) approved [metric: carers]"
    );
    assert_eq!(
        cell(1, "progress"),
        "2024/25: Twelve new households approved.; April 2025: A matching team started work.; A new recruitment campaign is being planned."
    );
    assert_eq!(cell(1, "timescale"), "2024 to 2027");
    assert_eq!(cell(2, "timescale"), "");
    assert_eq!(cell(2, "timescale_note"), "Throughout the strategy");

    let json: Value = serde_json::from_str(&files["data/workstreams.json"]).unwrap();
    let fostering = &json[0];
    assert_eq!(
        fostering["leads"],
        serde_json::json!(["Head of Fostering", "Commissioning Manager"])
    );
    assert_eq!(
        fostering["actions"],
        serde_json::json!(["fc-01", "fc-02", "fc-03"])
    );
    assert_eq!(fostering["performance_measures"][0]["metric"], "carers");
    assert_eq!(fostering["timescale"], "2024/25 - 2026/27");
    assert_eq!(json[1]["timescale_note"], "Throughout the strategy");
    let rows = hearth::load::csv::read(&files["data/workstreams.csv"]).unwrap();
    assert_eq!(rows.len(), 3);
    let head = &rows[0].cells;
    let leads = head.iter().position(|h| h == "leads").unwrap();
    assert_eq!(
        rows[1].cells[leads],
        "Head of Fostering; Commissioning Manager"
    );

    // The pages link to the files.
    // (The site root, `../`, is written `..&#x2f;` in an attribute.)
    for (page, file) in [
        ("priorities/index.html", "..&#x2f;data/priorities.csv"),
        ("priorities/index.html", "..&#x2f;data/priorities.json"),
        (
            "priorities/foster-care/index.html",
            "..&#x2f;..&#x2f;data/priorities.csv",
        ),
        ("plan/index.html", "..&#x2f;data/workstreams.csv"),
        ("plan/index.html", "..&#x2f;data/workstreams.json"),
    ] {
        assert!(
            files[page].contains(&format!("href=\"{file}\"")),
            "{page} does not link to {file}"
        );
    }
}

#[test]
fn the_strategy_page_has_a_section_for_each_list_the_content_gives() {
    let (files, _) = rendered(&fixture("priority-tables"));
    let page = &files["strategy/index.html"];
    let nav = between(page, "<nav class=\"contents\"", "</nav>");
    for (id, heading) in [
        ("commitments", "What we will do"),
        ("services", "Our own services"),
        ("history", "What we have done so far"),
        ("reviews", "What reviews found"),
        ("documents", "Related documents"),
    ] {
        assert!(
            page.contains(&format!(
                "<section aria-labelledby=\"{id}\"><h2 id=\"{id}\">{heading}</h2>"
            )),
            "no {heading} section"
        );
        assert!(
            nav.contains(&format!("<a href=\"#{id}\">{heading}</a>")),
            "{heading} is not in the page's contents"
        );
    }
    let services = between(page, "<h2 id=\"services\">", "</section>");
    assert!(
        services.contains("<h3>Placement Support Team</h3><p class=\"meta\">Running since <time datetime=\"2016-01-01\">2016</time></p>"),
        "{services}"
    );
    // A service with a name only: no date, no description.
    assert!(
        services.contains("<div class=\"service\"><h3>Supported lodgings scheme</h3></div>"),
        "{services}"
    );
    let history = between(page, "<h2 id=\"history\">", "</section>");
    assert!(
        history
            .find("Fostering services stay with the council")
            .unwrap()
            < history.find("Two children&#x27;s homes opened").unwrap()
    );
    let reviews = between(page, "<h2 id=\"reviews\">", "</section>");
    assert!(
        reviews.contains("<h3>Review of placements and costs</h3><p class=\"meta\">October to December 2023 · by An independent consultancy</p>"),
        "{reviews}"
    );
    // A review without a title is headed by its date.
    assert!(
        reviews.contains("<h3>March 2025</h3><div class=\"prose\">"),
        "{reviews}"
    );
    let documents = between(page, "<h2 id=\"documents\">", "</section>");
    assert!(
        documents.contains("<li><a href=\"https:&#x2f;&#x2f;example.org&#x2f;corporate-parenting\">Corporate Parenting Strategy</a> <span class=\"meta\">(2023)</span>: How the council looks after the children in its care.</li>"),
        "{documents}"
    );
    assert!(
        documents.contains("<li>Placement sufficiency audit</li>"),
        "{documents}"
    );

    // Content without these lists: no section, no entry in the contents.
    let (files, _) = rendered(&fixture("minimal"));
    let page = &files["strategy/index.html"];
    for id in ["commitments", "services", "history", "reviews", "documents"] {
        assert!(!page.contains(&format!("id=\"{id}\"")), "{id}");
        assert!(!page.contains(&format!("href=\"#{id}\"")), "{id}");
    }
}

#[test]
fn markdown_in_the_new_fields_is_never_a_block_inside_a_paragraph() {
    let (files, _) = rendered(&fixture("priority-tables"));
    for path in [
        "strategy/index.html",
        "priorities/foster-care/index.html",
        "priorities/older-young-people/index.html",
        "plan/index.html",
    ] {
        let page = &files[path];
        for (i, _) in page.match_indices("<p") {
            let tag = &page[i..];
            if !(tag.starts_with("<p>") || tag.starts_with("<p ")) {
                continue;
            }
            let inner = &tag[2..tag.find("</p>").unwrap()];
            for block in ["<p>", "<p ", "<ul", "<ol", "<div", "<dl", "<section", "<h"] {
                assert!(
                    !inner.contains(block),
                    "{path}: {block} inside a paragraph: {inner}"
                );
            }
        }
    }
    // The service's two-paragraph description is a block of its own.
    let page = &files["strategy/index.html"];
    assert!(page.contains("<div class=\"prose\"><p>Support for foster homes at risk of ending"));
}

/// A copy of the priority-tables fixture with `edit` applied to its strategy.yaml.
fn with_strategy(tag: &str, edit: impl Fn(&str) -> String) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(tag);
    let content = tmp.path().join("content");
    copy_dir(&fixture("priority-tables"), &content);
    let path = content.join("strategy.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let changed = edit(&text);
    assert_ne!(changed, text, "the edit changed nothing");
    fs::write(&path, changed).unwrap();
    (tmp, content)
}

#[test]
fn a_related_document_whose_address_is_not_a_web_address_is_left_out_with_a_warning() {
    let (_tmp, content) = with_strategy("unsafe-document", |t| {
        t.replace(
            "url: https://example.org/corporate-parenting",
            "url: \"javascript:alert(1)\"",
        )
    });
    let (files, diagnostics) = rendered(&content);
    let page = &files["strategy/index.html"];
    assert!(!page.contains("javascript:"), "the address was published");
    assert!(
        page.contains("<li>Corporate Parenting Strategy <span class=\"meta\">(2023)</span>"),
        "the document is not listed without its address"
    );
    let warning = diagnostics
        .iter()
        .find(|d| d.location.field == "related_documents[0].url")
        .unwrap_or_else(|| panic!("no warning: {diagnostics:#?}"));
    assert!(!warning.is_error());
    assert!(
        warning.message.contains("is not a web address"),
        "{warning}"
    );
    assert!(warning.location.file.ends_with("strategy.yaml"));
    assert!(warning.location.pos.is_some(), "{warning}");
}

#[test]
fn milestones_and_dated_progress_out_of_date_order_are_warned_about() {
    let (_tmp, content) = with_strategy("date-order", |t| {
        t.replace(
            "date: 2020/21\n    title: Two",
            "date: 2016/17\n    title: Two",
        )
        .replace(
            "date: April 2025, text: A matching",
            "date: April 2024, text: A matching",
        )
    });
    let (_, diagnostics) = rendered(&content);
    let warned = |field: &str| {
        diagnostics
            .iter()
            .find(|d| d.location.field == field)
            .unwrap_or_else(|| panic!("no warning at {field}: {diagnostics:#?}"))
    };
    let history = warned("history[1].date");
    assert!(!history.is_error());
    assert!(history.message.contains("out of date order"), "{history}");
    let progress = warned("priorities[0].progress[1].date");
    assert!(!progress.is_error());
    // In order: no such warning.
    let (_, diagnostics) = rendered(&fixture("priority-tables"));
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.message.contains("out of date order")),
        "{diagnostics:#?}"
    );
}

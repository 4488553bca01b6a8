//! Looking back on a previous strategy (`strategy.yaml` `previous:`) and commitments with
//! structure: the `/previous/` page and its open data, the commitments carried forward on the
//! priorities' pages, the strategy's commitments on its page, the priorities' pages and in
//! `/data/commitments.*`, counted honestly; none of it in the plan's counts. Also the home
//! page's "No priority" row and the warning for a source no fact cites.
#![allow(clippy::unwrap_used)]

use std::fs;

use serde_json::Value;

mod support;
use support::{
    TempDir, between, copy_dir, example_content, text_files_with_diagnostics as rendered,
    valid_fixture as fixture,
};

/// The text of `html` with its tags taken out and spaces collapsed.
fn text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for ch in html.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    unescape(&out.split_whitespace().collect::<Vec<_>>().join(" "))
}

/// HTML text with the escapes the templates write taken back.
fn unescape(html: &str) -> String {
    html.replace("&#x2f;", "/")
        .replace("&#x27;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

#[test]
fn the_previous_strategy_has_its_own_page_in_the_past_tense() {
    let (files, _) = rendered(&fixture("looking-back"));
    let page = &unescape(&files["previous/index.html"]);
    assert!(page.contains("<h1>Looking back: Placement Sufficiency Strategy 2020 to 2024</h1>"));
    let t = text(page);
    assert!(t.contains("covering 2020 to 2024"), "{t}");
    assert!(t.contains("Looked back in December 2024"), "{t}");
    assert!(page.contains(r#"href="https://example.org/strategy-2020""#));
    // The frozen edition that published it, linked within the site.
    assert!(page.contains(r#"href="../editions/0.9/""#));
    // Outcomes counted: one of each.
    let table = between(
        page,
        "<caption id=\"previous-outcomes-cap\">The previous strategy's 4 commitments by outcome",
        "</table>",
    );
    for label in [
        "Delivered",
        "Partly delivered",
        "Not delivered",
        "Carried forward",
    ] {
        assert!(
            table.contains(&format!(
                r#"<th scope="row">{label}</th><td class="num">1</td>"#
            )),
            "{label} in {table}"
        );
    }
    // Each commitment with what the content says, and nothing it does not.
    let first = between(page, r#"id="past-1""#, "</li>");
    let t1 = text(first);
    assert!(t1.contains("Outcome Delivered"), "{t1}");
    assert!(t1.contains("Was due 2023"), "{t1}");
    assert!(t1.contains("When 2024"), "{t1}");
    assert!(
        first.contains("<strong>7</strong>"),
        "evidence is Markdown: {first}"
    );
    let fourth = between(page, r#"id="past-4""#, "</li>");
    let t4 = text(fourth);
    assert!(t4.contains("Outcome Not delivered"), "{t4}");
    for absent in ["Was due", "When", "Carried forward into"] {
        assert!(!t4.contains(absent), "{absent} in {t4}");
    }
    let second = text(between(page, r#"id="past-2""#, "</li>"));
    assert!(
        second.contains("Carried forward into Foster care"),
        "{second}"
    );
}

#[test]
fn previous_open_data_is_the_same_view() {
    let (files, _) = rendered(&fixture("looking-back"));
    let json: Value = serde_json::from_str(&files["data/previous.json"]).unwrap();
    assert_eq!(json["title"], "Placement Sufficiency Strategy 2020 to 2024");
    assert_eq!(json["period"], "2020 to 2024");
    assert_eq!(json["edition"], "0.9");
    let items = json["commitments"].as_array().unwrap();
    assert_eq!(items.len(), 4);
    assert_eq!(items[1]["outcome"], "partly-delivered");
    assert_eq!(items[1]["carried_forward_into"][0], "foster-care");
    assert_eq!(items[3]["outcome"], "not-delivered");
    assert!(items[3]["evidence"].is_null());
    assert!(items[3]["date"].is_null());
    let csv = &files["data/previous.csv"];
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "number,title,outcome,carried_forward_into,evidence,due,date"
    );
    assert_eq!(lines[4], "4,Run a 16+ block contract,not-delivered,,,,");
    assert_eq!(lines.len(), 5);
}

#[test]
fn carried_forward_commitments_are_on_the_new_priority_page_not_in_the_plan() {
    let (files, _) = rendered(&fixture("looking-back"));
    let homes = &unescape(&files["priorities/childrens-homes/index.html"]);
    let section = text(between(
        homes,
        r#"<section aria-labelledby="carried">"#,
        "</section>",
    ));
    assert!(
        section.contains("Carried forward from Placement Sufficiency Strategy 2020 to 2024"),
        "{section}"
    );
    assert!(
        section.contains("Open a third children's home"),
        "{section}"
    );
    assert!(!section.contains("enhanced foster carers"), "{section}");
    let foster = &files["priorities/foster-care/index.html"];
    assert!(text(foster).contains("Introduce enhanced foster carers"));
    // A priority nothing is carried into has no such section.
    let (example, _) = rendered(&fixture("minimal"));
    assert!(!example["priorities/foster-care/index.html"].contains("Carried forward"));
    // The plan's counts see only the plan's 4 actions.
    let actions: Value = serde_json::from_str(&files["data/actions.json"]).unwrap();
    assert_eq!(actions.as_array().unwrap().len(), 4);
    let home = &files["index.html"];
    assert!(text(home).contains("4 actions in the delivery plan"));
    assert!(!files["plan/index.html"].contains("Open two new children"));
}

#[test]
fn commitments_show_what_the_content_says_and_are_counted() {
    let (files, _) = rendered(&fixture("looking-back"));
    let strategy = &unescape(&files["strategy/index.html"]);
    let section = between(
        strategy,
        r#"<section aria-labelledby="commitments">"#,
        "</section>",
    );
    let t = text(section);
    assert!(t.contains("1 of 3 commitments has a date."), "{t}");
    assert!(t.contains("1 of 3 commitments names an owner."), "{t}");
    assert!(t.contains("1 of 3 commitments gives a status."), "{t}");
    assert!(
        t.contains("2 of 3 commitments are linked to a priority."),
        "{t}"
    );
    let plain = text(between(section, r#"id="commitment-1">"#, "</li>"));
    assert!(
        plain.ends_with("We will listen to children in care."),
        "{plain}"
    );
    assert!(
        !plain.contains("Due") && !plain.contains("Owner"),
        "{plain}"
    );
    let dated = text(between(section, r#"id="commitment-2""#, "</li>"));
    assert!(dated.contains("Due End of 2025"), "{dated}");
    assert!(
        dated.contains("Owner Head of Residential Services"),
        "{dated}"
    );
    assert!(dated.contains("Status On track"), "{dated}");
    let third = text(between(section, r#"id="commitment-3""#, "</li>"));
    assert!(
        third.contains("Priorities Foster care ; Children's homes"),
        "{third}"
    );
    assert!(third.contains("Tracked by Fostering households"), "{third}");
    assert!(
        !third.contains("Due") && !third.contains("Status"),
        "{third}"
    );
    // On the pages of the priorities they name, beside the priority's own commitments.
    let homes = text(&files["priorities/childrens-homes/index.html"]);
    let homes = between(&homes, "What we will do", "Carried forward from");
    assert!(homes.contains("We will open a third children"));
    assert!(homes.contains("We will review special guardianship support."));
    assert!(!homes.contains("We will listen to children in care."));
    let foster = text(&files["priorities/foster-care/index.html"]);
    assert!(foster.contains("We will recruit more foster carers."));
    assert!(foster.contains("The strategy's commitments for this priority"));
    // Open data: absent is null, never a default.
    let json: Value = serde_json::from_str(&files["data/commitments.json"]).unwrap();
    let items = json.as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items[0]["due"].is_null() && items[0]["status"].is_null());
    assert_eq!(items[1]["due"], "End of 2025");
    assert_eq!(items[1]["due_end"], "2025-12-31");
    assert_eq!(items[2]["priorities"][1], "childrens-homes");
    let csv: Vec<&str> = files["data/commitments.csv"].lines().collect();
    assert_eq!(csv[1], "1,We will listen to children in care.,,,,,,,");
}

#[test]
fn text_only_commitments_are_not_counted() {
    let (files, _) = rendered(&fixture("priority-tables"));
    let strategy = &files["strategy/index.html"];
    assert!(!strategy.contains("commitment-counts"));
    assert!(!files.contains_key("previous/index.html"));
    assert!(!strategy.contains("Looking back"));
}

#[test]
fn the_home_page_gives_actions_with_no_priority_a_row() {
    let (files, _) = rendered(&fixture("minimal"));
    let home = &files["index.html"];
    let table = between(
        home,
        "<caption id=\"home-actions-cap\">Actions by priority and status",
        "</table>",
    );
    let row = text(between(table, "<tr data-no-priority>", "</tr>"));
    // minimal has 2 actions: fc-01 (foster care) and fc-02 (no priority, amber).
    assert!(row.starts_with("No priority"), "{row}");
    assert!(row.ends_with(" 1"), "the row's total: {row}");
    // The rows add up to the total.
    let (files, _) = rendered(&fixture("looking-back"));
    let home = &unescape(&files["index.html"]);
    let t = text(home);
    assert!(t.contains("4 actions in the delivery plan"), "{t}");
    assert!(
        t.contains("so the rows add up to more than 4"),
        "fc-04 serves two priorities: {t}"
    );
    assert!(t.contains("Looking back"));
    assert!(home.contains(r#"href="previous/""#));
    // Content whose every action names a priority has no such row.
    let (files, _) = rendered(&example_content());
    assert!(!files["index.html"].contains("data-no-priority"));
}

#[test]
fn the_example_looks_back_on_its_previous_strategy() {
    let (files, diags) = rendered(&example_content());
    assert!(
        !diags
            .iter()
            .any(|d| d.location.file.ends_with("strategy.yaml") && d.message.contains("previous")),
        "{diags:#?}"
    );
    let page = text(&files["previous/index.html"]);
    assert!(page.contains("Looking back: Placement strategy 2015 to 2019"));
    assert!(page.contains("Delivered 3 Carried forward 1"), "{page}");
    let foster = text(&files["priorities/foster-care/index.html"]);
    assert!(foster.contains("Carried forward from Placement strategy 2015 to 2019"));
    let strategy = text(&files["strategy/index.html"]);
    assert!(
        strategy.contains("None of the 3 commitments has a date."),
        "{strategy}"
    );
    assert!(strategy.contains("Looking back: Placement strategy 2015 to 2019"));
}

#[test]
fn a_source_no_fact_cites_is_warned_about() {
    let tmp = TempDir::new("uncited-source");
    let content = tmp.path().join("content");
    copy_dir(&fixture("minimal"), &content);
    fs::write(
        content.join("facts.yaml"),
        "facts:\n  - id: children\n    value: 500\n    unit: count\n    label: Children in care\n    source: ons\nsources:\n  - id: ons\n    title: Population estimates\n  - id: dfe\n    title: Children looked after in England\n",
    )
    .unwrap();
    let report = hearth::check(&content);
    assert_eq!(report.errors(), 0);
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.message.contains("no fact cites"))
        .unwrap_or_else(|| panic!("no warning: {:#?}", report.diagnostics));
    assert!(warning.message.contains("\"dfe\""), "{}", warning.message);
    assert!(warning.location.file.ends_with("facts.yaml"));
    assert_eq!(
        warning.location.pos.map(|p| (p.line, p.column)),
        Some((10, 9))
    );
    assert_eq!(warning.location.field, "sources[1].id");
    assert!(warning.hint.as_deref().unwrap().contains("source: dfe"));
    // The cited one is not warned about.
    assert_eq!(
        report
            .diagnostics
            .iter()
            .filter(|d| d.message.contains("no fact cites"))
            .count(),
        1
    );
}

#[test]
fn a_previous_strategy_that_does_not_start_before_this_one_is_warned_about() {
    let tmp = TempDir::new("previous-period");
    let content = tmp.path().join("content");
    copy_dir(&fixture("looking-back"), &content);
    let strategy = fs::read_to_string(content.join("strategy.yaml")).unwrap();
    fs::write(
        content.join("strategy.yaml"),
        strategy.replace("  period: 2020 to 2024", "  period: 2026 to 2030"),
    )
    .unwrap();
    let report = hearth::check(&content);
    assert_eq!(report.errors(), 0, "{:#?}", report.diagnostics);
    let warning = report
        .diagnostics
        .iter()
        .find(|d| d.location.field == "previous.period")
        .unwrap_or_else(|| panic!("no warning: {:#?}", report.diagnostics));
    assert!(
        warning
            .message
            .contains("does not start before this strategy's (2025 to 2030)"),
        "{}",
        warning.message
    );
    assert!(warning.location.pos.is_some());
    // The fixture as it is gets no such warning.
    let report = hearth::check(&fixture("looking-back"));
    assert!(
        !report
            .diagnostics
            .iter()
            .any(|d| d.location.field == "previous.period")
    );
}

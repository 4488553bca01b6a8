//! The committee report around the strategy (`report.yaml`, issue 18): the fixture
//! `tests/fixtures/valid/committee-report` and the example are built, and `/report/`,
//! `/data/report.json`, the links to them and the warnings `hearth check` gives are read back.
//! Also the HTML comment in a page: one warning, at its first line, never published.

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use hearth_model::Severity;
use serde_json::Value;

mod support;
use support::{TempDir, between, copy_dir, example_content, snapshot, valid_fixture as fixture};

type Files = BTreeMap<String, Vec<u8>>;

fn build(content: &Path, tag: &str) -> (TempDir, Files, hearth::Report) {
    let tmp = TempDir::new(tag);
    let out = tmp.path().join("public");
    let report = hearth::build(content, &out);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(report.errors(), 0, "errors:\n{}", shown.join("\n"));
    let files = snapshot(&out);
    (tmp, files, report)
}

fn text(files: &Files, path: &str) -> String {
    std::str::from_utf8(
        files
            .get(path)
            .unwrap_or_else(|| panic!("{path} was not written")),
    )
    .unwrap()
    .replace("&#x2f;", "/")
    .replace("&#x27;", "'")
}

fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The "useful information" list as (term, definition) pairs.
fn useful(html: &str) -> Vec<(String, String)> {
    let dl = between(html, "<dl class=\"report__useful\">", "</dl>");
    dl.split("<dt>")
        .skip(1)
        .map(|item| {
            let (term, def) = item.split_once("</dt>").unwrap();
            (strip_tags(term), strip_tags(def))
        })
        .collect()
}

#[test]
fn the_report_reads_like_a_committee_paper() {
    let (_tmp, files, _) = build(&fixture("committee-report"), "report-page");
    let html = text(&files, "report/index.html");
    let cover = strip_tags(between(
        &html,
        "<header class=\"report__cover\">",
        "</header>",
    ));
    assert!(
        cover.starts_with(
            "Testshire County Council Placement sufficiency: progress on the 2020/24 strategy \
             and priorities for 2025/30 Children and Young People Scrutiny Committee Date of \
             meeting: 8 April 2025"
        ),
        "{cover}"
    );
    assert!(
        html.contains("<time datetime=\"2025-04-08\">8 April 2025</time>"),
        "{html}"
    );
    let got = useful(&html);
    let want = [
        ("Committee", "Children and Young People Scrutiny Committee"),
        ("Date of meeting", "8 April 2025"),
        ("Lead director", "Strategic Director of Children's Services"),
        ("Wards affected", "All"),
        (
            "Report authors",
            "Dana Ellis , telephone 0100 454 1657 Robin Hale , Commissioning Manager, commissioning@example.org",
        ),
        ("Report version", "Final"),
    ];
    let got: Vec<(&str, &str)> = got.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    assert_eq!(got, want);
    // No lead member is given: none is named, and no empty line is left for one.
    assert!(!html.contains("Lead member"));
    assert!(html.contains("href=\"mailto:commissioning@example.org\""));

    // Headings in order: one h1, then h2s, the implications' h3s under theirs.
    let headings: Vec<&str> = html
        .match_indices("<h")
        .filter_map(|(i, _)| {
            html[i + 2..]
                .chars()
                .next()
                .filter(char::is_ascii_digit)
                .map(|_| &html[i..i + 3])
        })
        .collect();
    let main = &headings[headings.iter().position(|h| *h == "<h1").unwrap()..];
    let main: Vec<&str> = main.iter().take(13).copied().collect();
    assert_eq!(
        main,
        [
            "<h1", "<h2", "<h2", "<h2", "<h2", "<h3", "<h3", "<h3", "<h3", "<h3", "<h2", "<h2",
            "<h2"
        ],
        "{html}"
    );
    let article = between(&html, "<article class=\"report\">", "</article>");
    let sections: Vec<String> = article
        .split("<h2 id=\"")
        .skip(1)
        .map(|s| s.split_once('"').unwrap().0.to_string())
        .collect();
    assert_eq!(
        sections,
        [
            "report-useful",
            "report-summary",
            "report-recommendations",
            "report-implications",
            "report-papers"
        ]
    );
    assert!(html.contains("Recommendations to the committee"));
    let recs = strip_tags(between(
        &html,
        "<ol class=\"report__recommendations",
        "</ol>",
    ));
    assert!(recs.contains("To note the progress made delivering the strategy for 2020/24."));

    // Each implication: its heading, text and sign-off, in the report's order.
    let imps = between(&html, "id=\"report-implications\"", "</article>");
    let order: Vec<usize> = [
        "Financial implications",
        "Legal implications",
        "Equalities implications",
        "Climate emergency implications",
        "Other implications",
    ]
    .iter()
    .map(|h| {
        imps.find(&format!(">{h}</h3>"))
            .unwrap_or_else(|| panic!("{h}"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
    let legal = strip_tags(between(
        imps,
        "<section class=\"report__implication\" id=\"implications-legal\"",
        "</section>",
    ));
    assert_eq!(
        legal,
        "Legal implications The council has a duty under section 22G of the Children Act 1989. \
         Morgan Lee , Head of Law 9 December 2024"
    );
    // An implication with no text shows no empty text; one with no date shows no date.
    let equalities = strip_tags(between(
        imps,
        "<section class=\"report__implication\" id=\"implications-equalities\"",
        "</section>",
    ));
    assert_eq!(
        equalities,
        "Equalities implications Jamie Rowe , Equalities Officer, telephone 0100 454 4175 12 December 2024"
    );
    let climate = strip_tags(between(
        imps,
        "<section class=\"report__implication\" id=\"implications-climate\"",
        "</section>",
    ));
    assert!(
        climate.ends_with("Alex Kerr , Sustainability Officer, telephone Ext 37 2284"),
        "{climate}"
    );
    let other = strip_tags(between(
        imps,
        "<section class=\"report__implication\" id=\"implications-other-0\"",
        "</section>",
    ));
    assert_eq!(other, "Other implications None");

    let papers = strip_tags(between(&html, "<ul class=\"report__papers\">", "</ul>"));
    assert!(
        papers.starts_with(
            "Young people's survey (Summer 2024) Placement Sufficiency Strategy 2020/24"
        ),
        "{papers}"
    );
    assert!(html.contains("<a href=\"https://example.org/sufficiency-2020\">Placement Sufficiency Strategy 2020/24</a>"));
    assert!(html.contains("href=\"../data/report.json\""));

    // Linked from the home page, the strategy page and the footer.
    for page in ["index.html", "strategy/index.html", "plan/index.html"] {
        assert!(
            text(&files, page).contains("report/\">Placement sufficiency: progress"),
            "{page}"
        );
    }
    assert!(text(&files, "index.html").contains(
        "a report to the Children and Young People Scrutiny Committee, meeting on 8 April 2025."
    ));
}

#[test]
fn the_report_as_open_data() {
    let (_tmp, files, _) = build(&fixture("committee-report"), "report-json");
    let data: Value = serde_json::from_str(&text(&files, "data/report.json")).unwrap();
    assert_eq!(
        data["committee"],
        "Children and Young People Scrutiny Committee"
    );
    assert_eq!(data["meeting"]["text"], "8 April 2025");
    assert_eq!(data["meeting"]["start"], "2025-04-08");
    assert_eq!(data["lead_member"], Value::Null);
    assert_eq!(data["wards"], serde_json::json!(["All"]));
    assert_eq!(data["authors"][0]["role"], Value::Null);
    assert_eq!(data["authors"][1]["email"], "commissioning@example.org");
    assert_eq!(data["recommendations"].as_array().unwrap().len(), 2);
    // Markdown as written, not as HTML.
    assert!(
        data["summary"]
            .as_str()
            .unwrap()
            .contains("[strategy](strategy:)")
    );
    let papers = data["background_papers"].as_array().unwrap();
    assert_eq!(papers.len(), 6);
    assert_eq!(papers[1]["date"]["text"], "2020/24");
    assert_eq!(papers[1]["date"]["start"], "2020-04-01");
    assert_eq!(papers[1]["date"]["end"], "2024-03-31");
    assert_eq!(papers[0]["url"], Value::Null);
    let kinds: Vec<&str> = data["implications"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        ["financial", "legal", "equalities", "climate", "other"]
    );
    assert_eq!(data["implications"][1]["date"]["text"], "09.12.24");
    assert_eq!(data["implications"][1]["date"]["start"], "2024-12-09");
    assert_eq!(data["implications"][2]["text"], Value::Null);
    assert_eq!(
        data["implications"][3]["heading"],
        "Climate emergency implications"
    );
    assert_eq!(data["implications"][3]["date"], Value::Null);
    assert_eq!(data["url"], "report/");
}

/// The periods a 2025 scrutiny report writes are accepted, and the ambiguous ones say how
/// they were read, at their line in report.yaml.
#[test]
fn the_reports_periods_are_read_with_notes() {
    let report = hearth::check(&fixture("committee-report"));
    assert_eq!(report.errors(), 0);
    let notes: Vec<(String, String)> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning && d.location.file.ends_with("report.yaml"))
        .map(|d| (d.location.field.clone(), d.message.clone()))
        .collect();
    let find = |field: &str| {
        notes
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, m)| m.as_str())
            .unwrap_or_else(|| panic!("no note at {field}: {notes:?}"))
    };
    assert!(find("background_papers[1].date").contains("the financial years 2020/21 to 2023/24"));
    assert!(find("background_papers[5].date").contains("2025/26 to 2029/30"));
    assert!(find("background_papers[2].date").contains("September to December 2023"));
    assert!(find("implications.legal.date").contains("9 December 2024"));
    // Clear forms have no note.
    for field in [
        "meeting",
        "background_papers[0].date",
        "background_papers[3].date",
        "background_papers[4].date",
        "implications.equalities.date",
        "implications.financial.date",
    ] {
        assert!(notes.iter().all(|(f, _)| f != field), "{field}: {notes:?}");
    }
    assert_eq!(notes.len(), 4, "{notes:?}");
}

/// Issue 18: a three-line HTML comment gave three warnings, was published as text, and did
/// not say that YAML comments work in front matter.
#[test]
fn an_html_comment_in_a_page_gives_one_warning_and_is_not_published() {
    let (_tmp, files, report) = build(&fixture("committee-report"), "report-comment");
    let about: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.location.file.ends_with("pages/about.md"))
        .collect();
    assert_eq!(about.len(), 1, "{about:?}");
    let d = about[0];
    assert_eq!(d.severity, Severity::Warning);
    assert_eq!(d.location.pos.map(|p| p.line), Some(7));
    assert!(d.message.contains("HTML comment"), "{}", d.message);
    assert!(d.hint.as_deref().unwrap().contains("`#`"));
    let page = text(&files, "about/index.html");
    assert!(
        !page.contains("editors") && !page.contains("&lt;!--"),
        "{page}"
    );
    assert!(page.contains("committee report"));
    // The front matter's YAML comment is not published either.
    assert!(!page.contains("never warned"));
}

/// Without report.yaml there is no /report/ page, no data file and no link; a page may then
/// have the address /report/ (content that built before still builds).
#[test]
fn without_a_report_nothing_is_said_of_one() {
    let tmp = TempDir::new("report-none");
    let content = tmp.path().join("content");
    copy_dir(&fixture("committee-report"), &content);
    fs::remove_file(content.join("report.yaml")).unwrap();
    fs::write(
        content.join("pages/about.md"),
        "---\ntitle: Report\nslug: report\n---\nA page of our own at /report/.\n",
    )
    .unwrap();
    let (_t, files, _) = build(&content, "report-none-build");
    assert!(!files.contains_key("data/report.json"));
    assert!(text(&files, "report/index.html").contains("A page of our own"));
    for page in ["index.html", "strategy/index.html"] {
        assert!(!text(&files, page).contains("Committee report"), "{page}");
    }
}

/// The example's progress report is built and linked, and its parts say only what it holds.
#[test]
fn the_example_has_a_progress_report() {
    let (_tmp, files, _) = build(&example_content(), "report-example");
    let html = text(&files, "report/index.html");
    assert!(html.contains("Children and Young People Scrutiny Commission"));
    assert!(html.contains("15 June 2021"));
    // Content links in the summary and recommendations are resolved relative to /report/.
    assert!(html.contains("href=\"../plan/\""), "{html}");
    let data: Value = serde_json::from_str(&text(&files, "data/report.json")).unwrap();
    assert_eq!(data["implications"].as_array().unwrap().len(), 5);
    assert!(text(&files, "sitemap.xml").contains("report/"));
}

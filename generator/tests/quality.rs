//! Build-time quality gates: internal links and anchors are checked before anything is
//! written, and `_headers` carries the same Content Security Policy as every page.
#![allow(clippy::unwrap_used)]

mod support;

use support::{TempDir, copy_dir, example_content};

#[test]
fn a_broken_relative_link_fails_the_build_naming_the_file_line_and_page() {
    let tmp = TempDir::new("links");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let page = content.join("pages/introduction.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!(
            "{text}\nSee [the old page](../no-such-page/) and [a heading](../plan/#no-such-id).\n"
        ),
    )
    .unwrap();
    let out = tmp.path().join("site");
    let report = hearth::build(&content, &out);
    assert!(!report.written, "a broken link must stop the build");
    let messages: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect();
    assert_eq!(messages.len(), 2, "{messages:#?}");
    // Named where they are written: the Markdown file, line and column, and the built page.
    let last_line = text.lines().count() + 2;
    assert!(
        messages[0].contains(&format!("pages/introduction.md:{last_line}:"))
            && messages[0].contains("introduction/index.html")
            && messages[0].contains("`../no-such-page/`"),
        "{messages:#?}"
    );
    assert!(
        messages[1].contains(&format!("pages/introduction.md:{last_line}:")),
        "{messages:#?}"
    );
    assert!(
        messages[1].contains("`../plan/#no-such-id`") && messages[1].contains("no element with id"),
        "{messages:#?}"
    );
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn headers_file_carries_the_pages_policy() {
    let tmp = TempDir::new("headers");
    let out = tmp.path().join("site");
    assert!(hearth::build(&example_content(), &out).written);
    let headers = std::fs::read_to_string(out.join("_headers")).unwrap();
    let home = std::fs::read_to_string(out.join("index.html")).unwrap();
    let meta = home
        .split("http-equiv=\"Content-Security-Policy\" content=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .replace("&#x27;", "'");
    assert_eq!(
        meta,
        hearth::render::CSP,
        "the meta tag and the constant agree"
    );
    assert!(
        headers.contains(&format!(
            "Content-Security-Policy: {meta}; frame-ancestors 'none'"
        )),
        "{headers}"
    );
    assert!(headers.contains("X-Content-Type-Options: nosniff"));
    assert!(headers.contains("/*.wasm\n  Content-Type: application/wasm"));
    // Every page carries the same policy.
    for entry in walk(&out) {
        if entry.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&entry).unwrap();
            assert!(
                html.replace("&#x27;", "'")
                    .contains(&format!("content=\"{meta}\"")),
                "{} lacks the policy",
                entry.display()
            );
        }
    }
}

#[test]
fn every_page_links_to_the_accessibility_statement() {
    let tmp = TempDir::new("a11y-statement");
    let out = tmp.path().join("site");
    assert!(hearth::build(&example_content(), &out).written);
    let statement = std::fs::read_to_string(out.join("accessibility/index.html")).unwrap();
    assert!(statement.contains("data-conformance=\"partial\""));
    assert!(statement.contains("Enforcement procedure"));
    assert!(
        statement.contains("PDFs that are not tagged"),
        "known issues from site.yaml"
    );
    assert!(statement.contains("within 5 working days"));
    let mut pages = 0;
    for entry in walk(&out) {
        if entry.extension().is_some_and(|e| e == "html") {
            let html = std::fs::read_to_string(&entry)
                .unwrap()
                .replace("&#x2f;", "/");
            assert!(
                html.contains("accessibility/\">Accessibility statement</a>"),
                "{} has no link to the accessibility statement",
                entry.display()
            );
            pages += 1;
        }
    }
    assert!(pages > 150, "{pages} pages");
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p);
        }
    }
    out
}

//! Editions end to end: freeze an edition, change three actions and a measure, build, and see
//! exactly those changes on /changes/ and from `hearth diff`; the edition is published under
//! /editions/<version>/ with its banner and working links to the shared static files.
#![allow(clippy::unwrap_used)]

mod support;

use std::path::Path;
use std::process::Command;

use support::{TempDir, copy_dir, example_content};

fn hearth(args: &[&str], content: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .arg(content)
        .output()
        .unwrap()
}

/// Replace `field:` of action `id` in a workstream file.
fn set_action_field(file: &Path, id: &str, field: &str, value: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    let start = text.find(&format!("  - id: {id}\n")).unwrap();
    let end = text[start + 5..]
        .find("\n  - id: ")
        .map_or(text.len(), |e| start + 5 + e);
    let block = &text[start..end];
    let key = format!("\n    {field}: ");
    let at = block.find(&key).unwrap() + key.len();
    let line_end = block[at..].find('\n').map_or(block.len(), |e| at + e);
    let new_block = format!("{}{value}{}", &block[..at], &block[line_end..]);
    std::fs::write(
        file,
        format!("{}{new_block}{}", &text[..start], &text[end..]),
    )
    .unwrap();
}

#[test]
fn freeze_change_build_and_diff() {
    let tmp = TempDir::new("editions");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    // The example may already carry editions; start from none.
    let _ = std::fs::remove_dir_all(content.join("editions"));

    let out = hearth(&["edition", "freeze", "9.9"], &content);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(content.join("editions/9.9/site.yaml").is_file());
    assert!(
        !content.join("editions/9.9/editions").exists(),
        "editions are not copied into editions"
    );
    // Editions are permanent.
    let again = hearth(&["edition", "freeze", "9.9"], &content);
    assert_eq!(again.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists"));
    let bad = hearth(&["edition", "freeze", "../x"], &content);
    assert_eq!(bad.status.code(), Some(1));

    // Three actions and a measure change.
    let plan = content.join("plan/foster-care.yaml");
    set_action_field(&plan, "fc-02", "rag", "red");
    set_action_field(&plan, "fc-03", "status", "Rewritten for the new edition.");
    set_action_field(&plan, "fc-04", "timescale", "2025/26");
    let metric = content.join("metrics/fostering-households.yaml");
    let text = std::fs::read_to_string(&metric).unwrap();
    let text = text.replacen(
        "  - { period: 2019/20, value: 272 }\n",
        "  - { period: 2019/20, value: 272 }\n  - { period: 2020/21, value: 281 }\n",
        1,
    );
    assert!(text.contains("2020/21, value: 281"));
    std::fs::write(&metric, text).unwrap();

    let diff = hearth(&["diff", "9.9"], &content);
    assert!(diff.status.success());
    let diff = String::from_utf8_lossy(&diff.stdout);
    assert!(diff.starts_with("4 changes since edition 9.9:"), "{diff}");
    assert!(diff.contains("fc-02  Complete -> Red (down)"), "{diff}");
    assert!(
        diff.contains("fc-03  now: Rewritten for the new edition."),
        "{diff}"
    );
    assert!(
        diff.contains("fc-04  Summer 2019 -> 2025/26 (later)"),
        "{diff}"
    );
    assert!(
        diff.contains("fostering-households  2020/21: none -> 281"),
        "{diff}"
    );

    let site = tmp.path().join("site");
    let report = hearth::build(&content, &site);
    assert!(report.written, "{:#?}", report.diagnostics);
    // Attribute values are HTML-escaped (`/` as `&#x2f;`); compare what a browser reads.
    let read = |p: &str| {
        std::fs::read_to_string(site.join(p))
            .unwrap()
            .replace("&#x2f;", "/")
    };
    let changes = read("changes/index.html");
    for (kind, n) in [
        ("rag", 1),
        ("status", 1),
        ("timescales", 1),
        ("values", 1),
        ("added", 0),
        ("removed", 0),
        ("targets", 0),
    ] {
        let found = changes
            .split(&format!("data-change=\"{kind}\""))
            .nth(1)
            .map_or(0, |rest| {
                rest.split("</ul>")
                    .next()
                    .unwrap_or("")
                    .matches("<li>")
                    .count()
            });
        assert_eq!(found, n, "{kind} changes listed on /changes/");
    }
    assert!(changes.contains("href=\"../plan/fc-02/\""));
    assert!(changes.contains("href=\"../measures/fostering-households/\""));
    assert!(changes.contains("<strong>4</strong> changes in all"));

    // The edition is a whole site with its banner, pointing at the shared static files.
    let old = read("editions/9.9/plan/fc-02/index.html");
    assert!(old.contains("banner--archived"));
    assert!(old.contains("href=\"../../../../static/css/hearth.css\""));
    assert!(site.join("static/css/hearth.css").is_file());
    assert!(!site.join("editions/9.9/static").exists());
    assert!(site.join("editions/index.html").is_file());
    // The current site links to both.
    let home = read("index.html");
    assert!(home.contains("href=\"changes/\"") && home.contains("href=\"editions/\""));
    // And the build is still deterministic.
    let again = tmp.path().join("site2");
    assert!(hearth::build(&content, &again).written);
    assert_eq!(support::snapshot(&site), support::snapshot(&again));
}

#[test]
fn diff_names_the_editions_there_are() {
    let tmp = TempDir::new("editions-none");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let _ = std::fs::remove_dir_all(content.join("editions"));
    let out = hearth(&["diff", "0.1"], &content);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there are no editions yet"));
}

//! Checks for the committee report (`report.yaml`, see [`crate::content::report`]): an
//! `other` implication has a heading, an implication says something, telephone numbers look
//! like telephone numbers, and no Markdown page takes the report's address.

use super::{Issue, Place};
use crate::content::{Content, Implication, REPORT_FILE, Report};

pub(super) fn validate_report(c: &Content, issues: &mut Vec<Issue>) {
    let Some(r) = &c.report else {
        return;
    };
    for page in c.pages.iter().filter(|p| p.slug == "report") {
        let path = if page.front.slug.is_some() {
            "slug"
        } else {
            ""
        };
        issues.push(
            Issue::error(
                Place::new(&page.file, path),
                "the page address /report/ is the committee report's, from report.yaml",
            )
            .expected("a slug other than report")
            .hint("set `slug:` in the front matter, or rename the file")
            .related(Place::new(REPORT_FILE, "")),
        );
    }
    check_report(r, issues);
}

fn at(path: String) -> Place {
    Place::new(REPORT_FILE, path)
}

fn check_report(r: &Report, issues: &mut Vec<Issue>) {
    for (i, a) in r.authors.iter().enumerate() {
        check_phone(
            a.phone.as_deref(),
            at(format!("authors[{i}].phone")),
            issues,
        );
    }
    for (key, _, imp) in r.implications.parts() {
        let path = format!("implications.{key}");
        if key.starts_with("other") && imp.title.is_none() {
            issues.push(
                Issue::error(
                    at(path.clone()),
                    "an implication under `other` needs a `title`",
                )
                .expected("a heading such as `title: Risk management implications`")
                .hint("financial, legal, equalities and climate implications have their own keys under `implications:`"),
            );
        }
        check_implication(imp, &path, issues);
    }
}

fn check_implication(imp: &Implication, path: &str, issues: &mut Vec<Issue>) {
    let says = |o: &Option<String>| o.as_deref().is_some_and(|t| !t.trim().is_empty());
    if !says(&imp.text) && !says(&imp.officer) {
        issues.push(
            Issue::warning(
                at(path.to_string()),
                "this implication has no text and no officer",
            )
            .expected(
                "`text:` (what the implication is, or `None`) and the `officer:` who signed it off",
            )
            .hint("leave the implication out if the report does not give it"),
        );
    }
    check_phone(imp.phone.as_deref(), at(format!("{path}.phone")), issues);
}

/// A telephone number, lightly: digits, spaces and `+()-.`, with words such as `Ext` allowed
/// (`0116 454 1657`, `Ext 37 2284`). Shown as written either way, so a warning.
fn check_phone(phone: Option<&str>, place: Place, issues: &mut Vec<Issue>) {
    let Some(p) = phone else {
        return;
    };
    let digits = p.chars().filter(char::is_ascii_digit).count();
    if digits < 3 || p.contains('@') || p.contains("://") {
        let shown: String = p.chars().take(60).collect();
        let mut issue = Issue::warning(
            place,
            format!("`{shown}` does not look like a telephone number"),
        )
        .expected("a number such as `0116 454 1657` or an extension such as `Ext 37 2284`");
        if p.contains('@') {
            issue = issue.hint("an email address goes in `email:`");
        }
        issues.push(issue);
    }
}

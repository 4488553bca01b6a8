//! How ambiguous periods were read: one warning at each period field whose text can be read
//! more than one way (`2024-25`, `2011-12`, `2012-14`, `31.12.14`, `late 2023`, ...), saying
//! what was understood and how to write it otherwise. Never an error: content that built
//! before builds the same.
//!
//! Every period of every content file is found by walking the loaded [`Content`] with
//! [`periods_in`], so no period field can be left out; the first part of each path says
//! which file it came from ([`place_in_content`]).

use super::{FACTS_FILE, Issue, Place, SITE_FILE, STRATEGY_FILE};
use crate::content::{Content, REPORT_FILE};
use crate::market::{ASKS_FILE, GLOSSARY_FILE, MARKET_FILE, Market};
use crate::period::periods_in;

/// A warning for each period in the content that has notes ([`crate::Period::notes`]), in
/// content order, at its file and field.
pub fn period_notes(c: &Content) -> Vec<Issue> {
    periods_in(c)
        .into_iter()
        .filter(|(_, period)| !period.notes().is_empty())
        .map(|(path, period)| {
            let notes = period.notes();
            let join = |part: fn(&crate::period::PeriodNote) -> &str| {
                notes.iter().map(part).collect::<Vec<_>>().join("; ")
            };
            Issue::warning(place_in_content(c, &path), join(|n| n.message.as_str()))
                .hint(join(|n| n.hint.as_str()))
        })
        .collect()
}

/// The content files' roots, as [`Content`] serialises them: each is mapped to its file by
/// [`place_in_content`] (a test checks the lists agree).
pub const CONTENT_ROOTS: [&str; 10] = [
    "site",
    "strategy",
    "facts",
    "breakdowns",
    "workstreams",
    "metrics",
    "pages",
    "scenarios",
    "market",
    "report",
];

/// The roots of [`Market`], each mapped to its file.
pub const MARKET_ROOTS: [&str; 4] = ["statement", "tables", "asks", "glossary"];

/// The file and field of a path into the whole content (`workstreams[2].actions[0].timescale`
/// is `actions[0].timescale` in the third workstream's file).
pub fn place_in_content(c: &Content, path: &str) -> Place {
    let (name, index, rest) = split_root(path);
    let file = |f: Option<&String>| f.cloned().unwrap_or_default();
    match (name, index) {
        ("site", None) => Place::new(SITE_FILE, rest),
        ("strategy", None) => Place::new(STRATEGY_FILE, rest),
        ("facts", None) => Place::new(FACTS_FILE, rest),
        ("breakdowns", Some(i)) => Place::new(file(c.breakdowns.get(i).map(|b| &b.file)), rest),
        ("workstreams", Some(i)) => Place::new(file(c.workstreams.get(i).map(|w| &w.file)), rest),
        ("metrics", Some(i)) => Place::new(file(c.metrics.get(i).map(|m| &m.file)), rest),
        ("scenarios", Some(i)) => Place::new(file(c.scenarios.get(i).map(|s| &s.file)), rest),
        // A page's YAML is its front matter.
        ("pages", Some(i)) => Place::new(
            file(c.pages.get(i).map(|p| &p.file)),
            rest.strip_prefix("front.").unwrap_or(rest),
        ),
        ("report", None) => Place::new(REPORT_FILE, rest),
        ("market", None) => match &c.market {
            Some(market) => place_in_market(market, rest),
            None => Place::new("", path),
        },
        _ => Place::new("", path),
    }
}

/// The file and field of a path into the market statement's folder.
fn place_in_market(market: &Market, path: &str) -> Place {
    match split_root(path) {
        ("statement", None, rest) => Place::new(MARKET_FILE, rest),
        ("tables", Some(i), rest) => Place::new(
            market
                .tables
                .get(i)
                .map(|t| t.file.clone())
                .unwrap_or_default(),
            rest,
        ),
        ("asks", None, rest) => Place::new(ASKS_FILE, rest),
        ("glossary", None, rest) => Place::new(GLOSSARY_FILE, rest),
        _ => Place::new("", format!("market.{path}")),
    }
}

/// `workstreams[2].actions[0].timescale` as (`workstreams`, `Some(2)`,
/// `actions[0].timescale`); `site.covers` as (`site`, `None`, `covers`).
fn split_root(path: &str) -> (&str, Option<usize>, &str) {
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    match head.split_once('[') {
        Some((name, index)) => (
            name,
            index.strip_suffix(']').and_then(|i| i.parse().ok()),
            rest,
        ),
        None => (head, None, rest),
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::{Action, Workstream};
    use crate::period::Period;

    /// Every top-level field of `Content` (and of `Market`) is mapped to its file: a new
    /// content file added to `Content` fails here until `place_in_content` knows it.
    #[test]
    fn every_content_root_is_mapped_to_a_file() {
        let content = Content {
            market: Some(Market::default()),
            ..Content::default()
        };
        let yaml = serde_yaml::to_value(&content).unwrap();
        let keys: Vec<&str> = yaml
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(keys, CONTENT_ROOTS);
        let market: Vec<&str> = yaml["market"]
            .as_mapping()
            .unwrap()
            .keys()
            .map(|k| k.as_str().unwrap())
            .collect();
        assert_eq!(market, MARKET_ROOTS);
        for root in ["site", "strategy", "facts", "report"] {
            assert_ne!(place_in_content(&content, &format!("{root}.x")).file, "");
        }
        for root in MARKET_ROOTS.iter().filter(|r| **r != "tables") {
            assert_ne!(
                place_in_content(&content, &format!("market.{root}.x")).file,
                ""
            );
        }
    }

    fn action(id: &str, timescale: &str) -> Action {
        serde_yaml::from_str(&format!(
            "{{ id: {id}, title: T, rag: green, timescale: '{timescale}' }}"
        ))
        .unwrap()
    }

    #[test]
    fn one_warning_per_ambiguous_period_at_its_file_and_field() {
        let mut content = Content::default();
        content.site.covers = Some(Period::parse("2020-2023").unwrap());
        content.site.edition.published = Period::parse("2024-25").unwrap();
        content.workstreams.push(Workstream {
            file: "plan/b.yaml".to_owned(),
            id: "b".to_owned(),
            title: "B".to_owned(),
            actions: vec![
                action("b-1", "2024/25"),
                action("b-2", "2011-12"),
                action("b-3", "2019-20 to 2021-22"),
            ],
            ..Workstream::default()
        });
        let issues = period_notes(&content);
        let places: Vec<(&str, &str)> = issues
            .iter()
            .map(|i| (i.place.file.as_str(), i.place.path.as_str()))
            .collect();
        assert_eq!(
            places,
            [
                ("site.yaml", "edition.published"),
                ("plan/b.yaml", "actions[1].timescale"),
                ("plan/b.yaml", "actions[2].timescale"),
            ]
        );
        assert!(
            issues
                .iter()
                .all(|i| i.severity == super::super::Severity::Warning)
        );
        assert_eq!(
            issues[1].message,
            "read `2011-12` as the financial year April 2011 to March 2012"
        );
        assert_eq!(
            issues[1].hint.as_deref(),
            Some(
                "write `2011/12` to say so, `December 2011` for the month, or `2011 to 2012` \
                 for the two calendar years"
            )
        );
        // A range with two ambiguous ends: one warning, both readings.
        assert_eq!(
            issues[2].message,
            "read `2019-20` as the financial year April 2019 to March 2020; read `2021-22` as \
             the financial year April 2021 to March 2022"
        );
    }
}

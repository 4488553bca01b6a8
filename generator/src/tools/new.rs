//! `hearth new DIR`: a small content folder to start from, which `hearth check` passes.
//!
//! It has one of everything (an aim and a priority, a workstream of two actions, a measure, a
//! key fact, a what-if scenario, a page and a short market position statement), with
//! placeholder text that says what to replace. The JSON Schemas go into `DIR/schema/`, and
//! every YAML file starts with a `# yaml-language-server: $schema=...` line pointing at its
//! schema, so editors that use yaml-language-server (the VS Code YAML extension, among
//! others) complete field names and flag mistakes as you type.

use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::Date;

use super::schema;

/// Why `hearth new` wrote nothing (or not everything).
#[derive(Debug)]
pub enum NewError {
    /// The folder exists and is not empty, or is a file: a usage error.
    NotEmpty(PathBuf),
    /// Reading or writing failed.
    Io(String),
}

impl std::fmt::Display for NewError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            NewError::NotEmpty(p) if p.is_file() => write!(
                f,
                "{} is a file; give the name of a new folder, such as my-content",
                p.display()
            ),
            NewError::NotEmpty(p) => write!(
                f,
                "{} already exists and is not empty; give the name of a new (or empty) folder, such as my-content",
                p.display()
            ),
            NewError::Io(e) => f.write_str(e),
        }
    }
}

impl std::error::Error for NewError {}

/// Write the starter content into `dir`, which must not exist or be an empty folder, dated
/// from today (the same today as `hearth check`: `HEARTH_TODAY` or the system date). Returns
/// the files written, relative to `dir` (with `/` separators), in the order written.
pub fn create(dir: &Path) -> Result<Vec<String>, NewError> {
    create_on(dir, crate::load::today().0)
}

/// [`create`], with the dates in the starter content (the strategy's years, figures up to last
/// year, actions due next year, the next review) worked out from `today`, so that it passes
/// `hearth check` without warnings on that day.
pub fn create_on(dir: &Path, today: Date) -> Result<Vec<String>, NewError> {
    match fs::metadata(dir) {
        Ok(m) if !m.is_dir() => return Err(NewError::NotEmpty(dir.to_path_buf())),
        Ok(_) => {
            let mut entries = fs::read_dir(dir)
                .map_err(|e| NewError::Io(format!("cannot read {}: {e}", dir.display())))?;
            if entries.next().is_some() {
                return Err(NewError::NotEmpty(dir.to_path_buf()));
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) => {
            return Err(NewError::Io(format!("cannot open {}: {e}", dir.display())));
        }
    }
    let mut written = Vec::new();
    for (rel, text) in FILES {
        let path = dir.join(rel);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| NewError::Io(format!("cannot create {}: {e}", parent.display())))?;
        }
        fs::write(&path, file_text(rel, &dated(text, today.year)))
            .map_err(|e| NewError::Io(format!("cannot write {}: {e}", path.display())))?;
        written.push((*rel).to_string());
    }
    let names = schema::write_all(&dir.join(schema::SCHEMA_DIR)).map_err(NewError::Io)?;
    written.extend(
        names
            .into_iter()
            .map(|n| format!("{}/{n}", schema::SCHEMA_DIR)),
    );
    Ok(written)
}

/// A starter file's text: YAML files get the line that tells editors their schema.
fn file_text(rel: &str, text: &str) -> String {
    match schema::modeline(rel) {
        Some(line) => format!("{line}\n{text}"),
        None => text.to_string(),
    }
}

/// Fill in the years of a starter file: `{Y}` is this year, `{Y+1}` next year, `{Y-1}` last
/// year (and so on, -3 to +5), `{YY+2}` the last two digits of the year after next (for
/// financial years such as 2026/27).
fn dated(text: &str, year: i32) -> String {
    let mut out = text.to_string();
    for offset in -3..=5 {
        let token = match offset {
            0 => "{Y}".to_string(),
            n if n > 0 => format!("{{Y+{n}}}"),
            n => format!("{{Y{n}}}"),
        };
        out = out.replace(&token, &(year + offset).to_string());
    }
    out.replace("{YY+2}", &format!("{:02}", (year + 2).rem_euclid(100)))
}

/// The starter files, relative to the content folder.
const FILES: &[(&str, &str)] = &[
    ("site.yaml", SITE),
    ("strategy.yaml", STRATEGY),
    ("facts.yaml", FACTS),
    ("plan/placements.yaml", WORKSTREAM),
    ("metrics/children-in-care.yaml", METRIC),
    ("scenarios/children-in-care.yaml", SCENARIO),
    ("pages/about.md", PAGE),
    ("market/market.yaml", MARKET),
    (
        "market/demand/children-by-placement-type.yaml",
        MARKET_TABLE,
    ),
    ("market/asks.yaml", MARKET_ASKS),
    ("market/glossary.yaml", MARKET_GLOSSARY),
];

const SITE: &str = r#"# Who publishes the strategy, and its edition. Replace every value with your own.
# Every field is described in docs/content-format.md; run `hearth check` after each change.
authority: Your Council
# Shows an "example content" banner on every page: delete this line when the content is real.
example: true
title: Placement Sufficiency Strategy {Y} to {Y+3}
short_title: Placement sufficiency
tagline: Replace this with a line about what the strategy is for
covers: {Y} to {Y+3}
# The address the site will be published at (for sitemap.xml): replace it with yours.
base_url: https://example.org/sufficiency/
language: en-GB
edition:
  version: "0.1"          # optional: the pages name no version without it
  status: draft          # draft, approved or published
  published: {Y}        # any period: 2025, 2025/26, Spring 2025, April 2025, 2025-04-01, 01/04/2025
  review: March {Y+1}     # when the strategy will next be reviewed
contact:
  team: Replace with the team readers should contact
  email: team@example.org
licence:                 # optional: leave it out if the document names no licence
  name: Open Government Licence v3.0
  url: https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/
"#;

const STRATEGY: &str = r#"# The strategy itself. Aims and priorities have ids (lower-case letters, digits and hyphens)
# that the delivery plan, measures and pages refer to.
summary: |
  Replace this with a plain-English summary of the strategy for the home page: what it is
  for, who it is for and what will be different for children.
vision: |
  Replace this with your vision, in a sentence or two.
aims:
  - id: right-homes
    title: Replace with a short title for your first aim
    statement: |
      Replace this with the aim in full. Add more aims below, each with its own id.
priorities:
  - id: more-local-homes
    title: Replace with a short title for your first priority
    summary: |
      Replace this with why this priority matters.
    aims: [right-homes]
    commitments:
      - Replace this with something you will do ("We will ...").
    metrics: [children-in-care]
    # Optional: the priority's table (outcomes, targets, performance measures, progress,
    # timescale), as many strategies write it. Delete the cells you do not use.
    outcomes:
      - Replace with what will be different for children.
    targets:
      - Replace with a target, written as your strategy writes it.
    performance_measures:
      - Replace with how you will know it is working
      - { text: Children in care, metric: children-in-care }
    progress:
      - { date: {Y}, text: Replace with what has happened so far. }
    timescale: {Y} to {Y+3}
# Optional lists, each with its own section on the strategy page: commitments,
# in_house_services, history, reviews and related_documents (see docs/content-format.md).
# A commitment is text, or { text: ..., due: PERIOD, owner: ..., status: ..., priorities: [IDS] }.
# Optional: `previous:`, the strategy before this one and what became of its commitments
# (its own page, "Looking back"). Delete the # signs to use it.
# previous:
#   title: Replace with the previous strategy's title
#   period: {Y-3} to {Y-1}
#   commitments:
#     - title: Replace with something it set out to do
#       outcome: delivered     # delivered, partly-delivered, not-delivered or carried-forward
#       evidence: Replace with what shows it.
"#;

const FACTS: &str = r#"# Key facts for the home page and the facts page, and the sources they cite.
as_at: {Y-1}
facts:
  - id: children-in-care
    value: 100
    unit: count
    label: children in care (replace with your own figure)
    source: placement-data
    metric: children-in-care
sources:
  - id: placement-data
    title: Replace with the name of the data set
    publisher: Your Council
    date: {Y-1}
"#;

const WORKSTREAM: &str = r#"# One workstream of the delivery plan, with its actions. Add a file like this one for
# each workstream. Action ids must be unique across all workstreams.
id: placements
title: Replace with the workstream's title
order: 1
lead: Replace with the role that leads this workstream   # or several: [Role one, Role two]
actions:
  - id: pl-01
    title: Replace with what needs to be done
    quality_measure: Replace with what good will look like.
    indicators:
      - Replace with how you will know it is having an impact
    status: Replace with where things are now
    rag: green             # red, amber, green, complete or not-started; leave it out if the plan gives no rating
    timescale: {Y+1}/{YY+2}     # when this step should be done (any period, such as By end of March {Y+2})
    # owner: Replace with a role, or [Role one, Role two]; without it, the workstream's lead
    priorities: [more-local-homes]
    aims: [right-homes]
    metrics: [children-in-care]
  - id: pl-02
    title: Replace with a second action
    quality_measure: Replace with what good will look like.
    status: Not started yet
    rag: not-started
    timescale: Summer {Y+1}
    timescale_note: reviewed monthly   # words that are not a date go here, not in timescale
    priorities: [more-local-homes]
    updates:
      - { date: {Y}, note: Replace with a dated progress note. Add newer notes below. }
"#;

const METRIC: &str = r#"# One measure: its values over time, and optionally targets and comparators. The file
# name does not matter; the id does (other files refer to it, as in metric('children-in-care')).
id: children-in-care
title: Children in care (replace with your measure)
unit: count             # count, percent, rate-per-10000, weeks, months, years, gbp-per-week, gbp or ratio
polarity: neutral       # higher-is-better, lower-is-better or neutral
definition: |
  Replace this with what is counted, and how.
source:
  publisher: Your Council
  dataset: Replace with the data set's name
series:
  - { period: {Y-3}, value: 90 }
  - { period: {Y-2}, value: 95 }
  - { period: {Y-1}, value: 100 }
  # Periods may be years, financial years (2024/25), quarters, months, days (31/03/2024) ...
  # (see site.yaml). Write 2024/25 rather than 2024-25, which could be two calendar years.
  # A value you cannot publish: { period: 2024, flag: c } (c suppressed, x not available)
  # Write figures as your documents do: 77.3 beside 85, around 36, less than 10, 9-10.
targets:
  - { period: {Y+3}, value: 100, note: Replace with your target }
  # Targets as your plan writes them, with no date if it gives none:
  #   { value: 90-110 }                                a range
  #   { period: {Y+3}, value: more than 100 }          a limit
  #   { direction: reduce }                            a direction only
  #   { direction: reduce, by: 5, each: year }         a change each year
  #   { text: Stay below the England average }         in words
"#;

const SCENARIO: &str = r#"# A what-if forecast: readers move the sliders (inputs) and every figure is worked out again.
# Try it in the terminal: hearth scenario children-in-care CONTENT --set growth_pct=5
id: children-in-care
title: How many children might we care for?
summary: Replace this with one paragraph about the question the forecast answers.
method: |
  Replace this with how the forecast works, in plain words. This one starts from the latest
  number of children in care and grows it by the same percentage every year.
horizon: { from: {Y}, to: {Y+5} }
inputs:
  - id: growth_pct         # lower-case letters, digits and _ (formulas use it by this name)
    label: Growth in the number of children in care each year
    unit: "%"
    min: -5
    max: 10
    step: 0.5
    default: 2
    source: Replace with where the published assumption comes from.
series:
  - id: children
    label: Children in care
    start: "metric('children-in-care')"
    next: "children * (1 + growth_pct / 100)"
    unit: children
outputs:
  - { id: children_last, label: Children in care in {Y+5}, value: "children[last]", unit: children }
charts:
  - { title: Children in care, series: [children], y_label: Children }
metrics: [children-in-care]
priorities: [more-local-homes]
"#;

const PAGE: &str = r#"---
title: About this strategy
order: 1
summary: Replace this with one line for lists and search results.
---
Replace this page with your own words. Pages are Markdown: **bold**, lists, headings and links.

Link to anything in the content by its id, such as [our measure](metric:children-in-care),
[the first action](action:pl-01) or [the first priority](priority:more-local-homes).
Add more pages as files in this folder.
"#;

const MARKET: &str = r#"# The market position statement for providers, published under /market/. Delete the
# market/ folder if you do not publish one.
title: Market position statement {Y} to {Y+3}
summary: |
  Replace this with who the statement is for (fostering agencies, children's home
  providers, supported accommodation providers) and how to use it.
published: {Y}
messages:
  - title: Replace with a headline message
    text: Replace this with what providers most need to know.
contacts:
  - name: Replace with the commissioning team's name
    about: Replace with what to contact them about
    email: commissioning@example.org
"#;

const MARKET_TABLE: &str = r#"# One demand table. Counts of children from 1 to 4 are published as "c", so that no child
# can be identified; write c, x or z yourself for a value you do not publish.
id: children-by-placement-type
title: Children in care by type of placement
as_at: {Y-1}
dimension: Type of placement
children: true
columns:
  - { id: children, label: Children }
  - { id: share, label: Share of children, unit: percent, decimals: 1, of: children }
rows:
  - { label: Foster care, values: [70, 70.0] }
  - { label: Children's homes, values: [20, 20.0] }
  - { label: Other settings, values: [10, 10.0] }
total: { label: All children in care, values: [100, 100] }
chart_columns: [children]
note: Replace these illustrative figures with your own.
"#;

const MARKET_ASKS: &str = r#"# What you want from providers. Each ask uses ids from the category lists above it.
summary: Replace this with an introduction to what you are asking providers for.
placement_types:
  - { id: foster-care, label: Foster care, glossary: ifa }
age_bands:
  - { id: 11-15, label: 11 to 15 }
needs:
  - { id: sibling-group, label: Brothers and sisters together }
localities:
  - { id: local, label: Within 20 miles of the city }
asks:
  - id: local-foster-homes
    title: Replace with what you want, such as foster homes for brothers and sisters
    type: foster-care
    ages: [11-15]
    needs: [sibling-group]
    locality: local
    volume_now: 10
    by: March {Y+2}
    priority: more-local-homes
    detail: Replace this with more detail about the ask.
"#;

const MARKET_GLOSSARY: &str = r#"# Terms and abbreviations. Link to a term from any Markdown field with [IFA](glossary:ifa).
terms:
  - id: ifa
    term: Independent fostering agency
    abbreviation: IFA
    definition: An organisation, not the council, that recruits, approves and supports foster carers.
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn years_are_filled_in() {
        assert_eq!(
            dated("{Y-3} {Y-1} {Y} {Y+1}/{YY+2} {Y+5}", 2026),
            "2023 2025 2026 2027/28 2031"
        );
        assert_eq!(dated("{Y+1}/{YY+2}", 2098), "2099/00");
        for (_, text) in FILES {
            assert!(!dated(text, 2026).contains("{Y"), "{text}");
        }
    }

    #[test]
    fn every_yaml_file_has_a_schema_line() {
        for (rel, text) in FILES {
            let full = file_text(rel, text);
            if rel.ends_with(".yaml") {
                assert!(
                    full.starts_with("# yaml-language-server: $schema="),
                    "{rel}"
                );
            } else {
                assert!(full.starts_with("---\n"), "{rel}");
            }
        }
    }
}

//! # hearth (the generator)
//!
//! Loads a content folder into the model, renders the site in memory, and writes it
//! atomically. The `hearth` binary in `main.rs` is a thin command-line layer over this.

pub mod brand;
pub mod charts;
pub mod csv;
pub mod csvimport;
pub mod diag;
pub mod editions;
pub mod links;
pub mod load;
pub mod markdown;
pub mod market;
pub mod new;
pub mod output;
pub mod scenarios;
pub mod schema;
pub mod serve;
pub mod site;
pub mod theme;
pub mod yamlpos;

use std::path::Path;
use std::time::Instant;

use diag::Diagnostic;

/// What a build or check found and did.
#[derive(Debug, Default)]
pub struct Report {
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    pub files: usize,
    pub actions: usize,
    pub metrics: usize,
    pub scenarios: usize,
    pub seconds: f64,
    /// Whether the output folder was written.
    pub written: bool,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }

    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
}

/// Load, validate and render everything in memory. Returns the rendered files (if there
/// were no errors) and the report.
pub fn render(content: &Path) -> (Option<site::Rendered>, Report) {
    let started = Instant::now();
    let loaded = load::load(content);
    let mut report = Report {
        actions: loaded.content.actions().count(),
        metrics: loaded.content.metrics.len(),
        ..Report::default()
    };
    report.scenarios = loaded.content.scenarios.len();
    report.diagnostics = loaded.diagnostics.clone();
    if loaded.has_errors() {
        report.seconds = started.elapsed().as_secs_f64();
        return (None, report);
    }
    let theme = match theme::Theme::for_content(content) {
        Ok(t) => t,
        Err(d) => {
            report.diagnostics.extend(d);
            return (None, report);
        }
    };
    let (history, editions) = editions::load_all(content, &loaded.content);
    let mut rendered = site::render_with(&loaded, &theme, &history);
    report
        .diagnostics
        .extend(rendered.diagnostics.iter().cloned());
    // Earlier editions, each a whole site under /editions/<version>/ with its banner. A
    // frozen edition is rendered with today's theme, so every page keeps working.
    for (version, edition) in &editions {
        report
            .diagnostics
            .extend(edition.diagnostics.iter().cloned());
        if edition.has_errors() {
            continue;
        }
        let archived = editions::History {
            archived: Some(editions::Archived {
                version: version.clone(),
                published: edition.content.site.edition.published.clone(),
            }),
            ..editions::History::default()
        };
        let old = site::render_with(edition, &theme, &archived);
        report.diagnostics.extend(old.diagnostics.iter().cloned());
        for (path, bytes) in old.files {
            // One copy of the theme's static files serves every edition.
            if path.starts_with("static/") || path == "sitemap.xml" {
                continue;
            }
            rendered
                .files
                .insert(format!("{}/{version}/{path}", editions::EDITIONS), bytes);
        }
    }
    // Every internal link and anchor of every page (editions included) must resolve.
    // A broken one is reported where it is written in the content, when it can be found.
    let sources = || {
        loaded
            .files
            .values()
            .chain(editions.iter().flat_map(|(_, e)| e.files.values()))
    };
    report
        .diagnostics
        .extend(links::check(&rendered.files, |link| {
            links::locate(link, sources())
        }));
    report.pages = rendered.pages;
    report.files = rendered.files.len();
    report.seconds = started.elapsed().as_secs_f64();
    if report.errors() > 0 {
        (None, report)
    } else {
        (Some(rendered), report)
    }
}

/// A scenario run from the command line: the scenario, the input values used and the results.
#[derive(Debug)]
pub struct ScenarioRun {
    pub scenario: hearth_model::scenario::Scenario,
    pub inputs: Vec<f64>,
    pub results: hearth_model::scenario::Results,
}

/// Why a scenario could not be run.
#[derive(Debug)]
pub enum ScenarioRunError {
    /// The content has errors (they are in the report).
    Content(Report),
    /// No scenario with that id, or a bad `--set`.
    Usage(String),
}

/// Load the content and run scenario `id` with `sets` (`input=value`) over its published
/// assumptions: the same engine and numbers as the published page and the browser.
pub fn run_scenario(
    content: &Path,
    id: &str,
    sets: &[String],
) -> Result<ScenarioRun, ScenarioRunError> {
    let loaded = load::load(content);
    if loaded.has_errors() {
        let report = Report {
            diagnostics: loaded.diagnostics.clone(),
            ..Report::default()
        };
        return Err(ScenarioRunError::Content(report));
    }
    let found = loaded
        .scenarios
        .iter()
        .find(|b| loaded.content.scenarios[b.index].id == id);
    let Some(built) = found else {
        let ids: Vec<&str> = loaded
            .content
            .scenarios
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        let list = if ids.is_empty() {
            "there are no scenarios in this content (add content/scenarios/<id>.yaml)".to_string()
        } else {
            format!("the scenarios are: {}", ids.join(", "))
        };
        return Err(ScenarioRunError::Usage(format!(
            "no scenario `{id}`; {list}"
        )));
    };
    let sc = &loaded.content.scenarios[built.index];
    let inputs = scenarios::inputs_from(sc, built, sets).map_err(ScenarioRunError::Usage)?;
    let results = built.compiled.evaluate(&inputs);
    Ok(ScenarioRun {
        scenario: sc.clone(),
        inputs,
        results,
    })
}

/// Check a content folder: everything a build does except writing.
pub fn check(content: &Path) -> Report {
    render(content).1
}

/// Build a content folder into `out`. On any error nothing is written.
pub fn build(content: &Path, out: &Path) -> Report {
    let started = Instant::now();
    let (rendered, mut report) = render(content);
    if let Some(r) = rendered {
        match output::write_site(out, &r.files) {
            Ok(()) => report.written = true,
            Err(e) => report
                .diagnostics
                .push(Diagnostic::file(out.display().to_string(), e)),
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    report
}

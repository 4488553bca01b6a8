//! # hearth (the generator)
//!
//! Two stages with one value between them:
//!
//! 1. [`load`] reads a content folder, its theme and its frozen editions into a
//!    [`load::Project`]: the typed content, the source text that places every problem, the
//!    compiled scenarios and the logo. Everything read from disk is read here.
//! 2. [`render`] turns a project into the site's files in memory (pages, open data, static
//!    files), checks every internal link, and never reads a file.
//!
//! [`output`] then writes the files atomically. [`serve`] is the live preview, [`tools`] the
//! editor's other commands, and the `hearth` binary (`main.rs`) the command line over all this.

pub mod diag;
pub mod draw;
pub mod load;
pub mod offline;
pub mod output;
pub mod pdf;
pub mod render;
pub mod serve;
pub mod tools;

use std::path::Path;
use std::time::Instant;

use diag::Diagnostic;
pub use tools::scenario::{ScenarioRun, ScenarioRunError, run_scenario};

/// With `HEARTH_TIMINGS` set in the environment, how long each stage of a region's build or
/// of the live preview's render took, on standard error (for benchmarks and profiling).
#[derive(Debug)]
pub struct Timings {
    on: bool,
    what: &'static str,
    last: Instant,
}

impl Timings {
    pub fn new(what: &'static str) -> Timings {
        Timings {
            on: std::env::var_os("HEARTH_TIMINGS").is_some(),
            what,
            last: Instant::now(),
        }
    }

    /// The time since the last mark, for `stage`.
    pub fn mark(&mut self, stage: &str) {
        if self.on {
            let now = Instant::now();
            let ms = (now - self.last).as_secs_f64() * 1000.0;
            eprintln!("timing {} {stage}: {ms:.1} ms", self.what);
            self.last = now;
        }
    }
}

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
pub fn render(content: &Path) -> (Option<render::Rendered>, Report) {
    if load::region::is_region(content) {
        return render_region(content);
    }
    let started = Instant::now();
    let project = load::project(content);
    let c = &project.current.content;
    let mut report = Report {
        actions: c.actions().count(),
        metrics: c.metrics.len(),
        scenarios: c.scenarios.len(),
        diagnostics: project.diagnostics().cloned().collect(),
        ..Report::default()
    };
    // An edition with errors is left out of the render (its errors fail the build below),
    // so the current site's own problems are reported too.
    if project.current.has_errors() || !project.theme_diagnostics.is_empty() {
        report.seconds = started.elapsed().as_secs_f64();
        return (None, report);
    }
    let rendered = render::render(&project);
    finish(rendered, report, started)
}

/// Load and render a region (a content folder holding `region.yaml`) in memory: its own
/// site, every member's under `/councils/<id>/`, and the comparisons. Nothing is rendered
/// when the region or any member has an error.
fn render_region(content: &Path) -> (Option<render::Rendered>, Report) {
    let started = Instant::now();
    let (region, mut report) = load_region(content);
    let Some(region) = region else {
        report.seconds = started.elapsed().as_secs_f64();
        return (None, report);
    };
    let rendered = render::region::render(&region);
    finish(rendered, report, started)
}

/// Load a region and count what it holds; the region only when neither it nor any member has
/// an error (else nothing is rendered).
pub(crate) fn load_region(content: &Path) -> (Option<load::region::Region>, Report) {
    let region = load::region::region(content);
    let (report, ok) = region_report(&region);
    (ok.then_some(region), report)
}

/// What a loaded region holds and the problems found loading it; whether it may be rendered
/// (neither it nor any member has an error).
pub(crate) fn region_report(region: &load::region::Region) -> (Report, bool) {
    let all = || std::iter::once(&region.own).chain(region.members.iter().map(|m| &m.project));
    let report = Report {
        actions: all().map(|p| p.current.content.actions().count()).sum(),
        metrics: all().map(|p| p.current.content.metrics.len()).sum(),
        scenarios: all().map(|p| p.current.content.scenarios.len()).sum(),
        diagnostics: region.diagnostics().cloned().collect(),
        ..Report::default()
    };
    let theme_problems = all().any(|p| !p.theme_diagnostics.is_empty());
    let current_errors = all().any(|p| p.current.has_errors());
    let ok =
        !(current_errors || theme_problems || region.members.len() != region.spec.members.len());
    (report, ok)
}

/// Render a region into `sink` as it goes (see [`render::region::render_to`]); whether
/// nothing is wrong. `out` names the output folder in a problem writing it.
fn render_region_to(
    region: &load::region::Region,
    sink: &mut dyn render::Sink,
    report: &mut Report,
    out: &Path,
) -> bool {
    match render::region::render_to(region, sink) {
        Ok((rendered, files)) => {
            report.diagnostics.extend(rendered.diagnostics);
            report.pages = rendered.pages;
            report.files = files;
            report.errors() == 0
        }
        Err(e) => {
            report
                .diagnostics
                .push(Diagnostic::file(out.display().to_string(), e));
            false
        }
    }
}

/// Build a region straight into `out`: each file is written into the temporary folder as soon
/// as it is made (see [`output::Staging`]), which replaces `out` only when everything
/// succeeded; on any error `out` is left as it was.
fn build_region(content: &Path, out: &Path) -> Report {
    let started = Instant::now();
    let mut timings = Timings::new("build");
    let (region, mut report) = load_region(content);
    timings.mark("load");
    if let Some(region) = region {
        match output::Staging::new(out) {
            Ok(mut staging) => {
                let ok = render_region_to(&region, &mut staging, &mut report, out);
                timings.mark("render and write");
                // Let go of the content on a thread of its own: the site is put in place
                // (and the command ends) without waiting for it.
                std::thread::spawn(move || drop(region));
                timings.mark("let go");
                if ok {
                    match staging.commit() {
                        Ok(()) => report.written = true,
                        Err(e) => report
                            .diagnostics
                            .push(Diagnostic::file(out.display().to_string(), e)),
                    }
                    timings.mark("put in place of the old site");
                }
            }
            Err(e) => {
                // The content's own problems first, as for a site on its own: the output
                // folder's only when the site would have been written.
                if render_region_to(&region, &mut render::Discard, &mut report, out) {
                    report
                        .diagnostics
                        .push(Diagnostic::file(out.display().to_string(), e));
                }
            }
        }
    }
    report.seconds = started.elapsed().as_secs_f64();
    report
}

/// Add what rendering found to `report`, and give the site back only when nothing is wrong.
fn finish(
    rendered: render::Rendered,
    mut report: Report,
    started: Instant,
) -> (Option<render::Rendered>, Report) {
    report
        .diagnostics
        .extend(rendered.diagnostics.iter().cloned());
    report.pages = rendered.pages;
    report.files = rendered.files.len();
    report.seconds = started.elapsed().as_secs_f64();
    if report.errors() > 0 {
        (None, report)
    } else {
        (Some(rendered), report)
    }
}

/// Check a content folder: everything a build does except writing (a region's files are let
/// go as they are made).
pub fn check(content: &Path) -> Report {
    if !load::region::is_region(content) {
        return render(content).1;
    }
    let started = Instant::now();
    let (region, mut report) = load_region(content);
    if let Some(region) = region {
        render_region_to(&region, &mut render::Discard, &mut report, content);
    }
    report.seconds = started.elapsed().as_secs_f64();
    report
}

/// Build a content folder into `out`. On any error nothing is written.
pub fn build(content: &Path, out: &Path) -> Report {
    build_with(content, out, false)
}

/// Build a content folder into `out` as a site that works opened from a folder (`file://`);
/// see [`offline`]. On any error nothing is written.
pub fn build_offline(content: &Path, out: &Path) -> Report {
    build_with(content, out, true)
}

fn build_with(content: &Path, out: &Path, offline: bool) -> Report {
    if !offline && load::region::is_region(content) {
        return build_region(content, out);
    }
    let started = Instant::now();
    let (rendered, mut report) = render(content);
    if let Some(mut r) = rendered {
        if offline && let Err(e) = offline::make_offline(&mut r.files) {
            let location = diag::Location {
                file: content.join("theme").join(&e.file).display().to_string(),
                pos: Some(load::yamlpos::Pos {
                    line: e.line,
                    column: 1,
                }),
                field: String::new(),
            };
            report.diagnostics.push(
                Diagnostic::error(location, e.message)
                    .with_expected(offline::EXPECTED)
                    .with_hint(offline::HINT),
            );
            report.seconds = started.elapsed().as_secs_f64();
            return report;
        }
        report.files = r.files.len();
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

//! Rendering: a loaded [`Project`] into the site's files in memory (pages, open data, charts
//! and static files). Nothing here reads the disk; `crate::output` writes the result
//! atomically.
//!
//! One module per part of the site, each with the typed views (`#[derive(Serialize)]`) its
//! pages, data files and filter indexes are made from: [`home`], [`strategy`],
//! [`priorities`], [`plan`], [`measures`], [`facts`], [`scenarios`], [`market`],
//! [`report`] (`/report/`, the committee report), [`editions`] (`/changes/`, `/editions/`),
//! [`pages`] (Markdown pages, accessibility, 404), [`opendata`] (CSVW metadata beside every
//! CSV, `/data/`), [`search`] (`/search/`, its index, `/a-z/`) and [`files`] (sitemap, headers, static files). [`site::Site`] holds the state of one
//! site being rendered; [`templates`] runs the theme's templates in strict mode; [`view`]
//! has the shared small views and the trusted-HTML types; [`links`] checks every internal
//! link once everything is rendered.

pub mod brand;
pub mod charts;
pub mod commitments;
mod common;
pub mod csv;
pub mod editions;
pub mod facts;
pub mod files;
pub mod filter;
pub mod home;
pub mod links;
pub mod markdown;
pub mod market;
pub mod measures;
pub mod opendata;
pub mod outturns;
pub mod pages;
pub mod plan;
pub mod previous;
pub mod priorities;
pub mod region;
pub mod region_market;
pub mod region_tables;
pub mod region_where;
pub mod report;
pub mod scenarios;
pub mod search;
pub mod site;
pub mod strategy;
pub mod templates;
pub mod view;

use std::collections::{BTreeMap, BTreeSet};

use crate::diag::Diagnostic;
use crate::load::editions::{Archived, EDITIONS, History};
use crate::load::{Folder, Project};
pub use files::CSP;
use site::{Setting, Site};
use templates::Templates;

/// A rendered site: relative output path -> bytes, plus what was found on the way.
#[derive(Debug, Default)]
pub struct Rendered {
    pub files: BTreeMap<String, Vec<u8>>,
    pub diagnostics: Vec<Diagnostic>,
    pub pages: usize,
    /// Whether a template failed, so some pages are missing.
    pub template_failed: bool,
    /// A region member's current pages as search sees them (paths from its own root), made
    /// once for its own index and again for the region's ([`site::Site::docs`]).
    pub docs: Vec<hearth_model::search::Document>,
    /// The words of `docs`, as the member's own index read them (made of `docs` in order).
    pub words: Option<std::sync::Arc<hearth_model::search::Index>>,
}

/// Render a project: the current site, each frozen edition under `/editions/<version>/`
/// (without its own copy of the static files), then check every internal link and anchor.
/// A broken link is reported where it is written in the content, when it can be found.
pub fn render(project: &Project) -> Rendered {
    let (templates, compile_errors) = Templates::new(&project.theme, &project.current.root);
    let mut rendered = render_project(project, &templates, &Setting::default(), &mut |_| {});
    rendered.template_failed |= !compile_errors.is_empty();
    rendered.diagnostics.extend(compile_errors);
    add_statics(&mut rendered.files, &project.theme, "");
    let sources: Vec<_> = project.sources().collect();
    check_links(&mut rendered, &sources);
    rendered
}

/// The current site (with `extra` pages written before the list of open data) and each
/// frozen edition under `/editions/<version>/`; no theme static files, no link check.
pub fn render_project(
    project: &Project,
    templates: &Templates,
    setting: &Setting,
    extra: &mut dyn FnMut(&mut Site<'_>),
) -> Rendered {
    let mut rendered = render_site(
        &project.current,
        templates,
        &project.history,
        setting,
        extra,
    );
    let old = render_editions(project, templates, setting);
    rendered.diagnostics.extend(old.diagnostics);
    rendered.template_failed |= old.template_failed;
    rendered.files.extend(old.files);
    rendered
}

/// Each frozen edition of `project`, a whole site under `/editions/<version>/` with its
/// banner (its pages are not counted among the site's pages).
pub fn render_editions(project: &Project, templates: &Templates, setting: &Setting) -> Rendered {
    let mut rendered = Rendered::default();
    // A frozen edition is rendered with today's theme, so every page keeps working.
    // A member's earlier editions link back to the region like its current pages; a region's
    // own earlier editions carry no region navigation.
    let old_setting = Setting {
        assets_up: setting.assets_up.clone(),
        region: match &setting.region {
            Some(site::RegionNav::Member { region, up }) => Some(site::RegionNav::Member {
                region: region.clone(),
                up: format!("../../{up}"),
            }),
            _ => None,
        },
        councils: Vec::new(),
    };
    for (version, edition) in &project.editions {
        if edition.has_errors() {
            continue;
        }
        let archived = History {
            archived: Some(Archived {
                version: version.clone(),
                published: edition.content.site.edition.published.clone(),
            }),
            ..History::default()
        };
        let old = render_site(edition, templates, &archived, &old_setting, &mut |_| {});
        rendered.diagnostics.extend(old.diagnostics);
        rendered.template_failed |= old.template_failed;
        for (path, bytes) in old.files {
            // One copy of the theme's static files serves every edition.
            if path.starts_with("static/") || path == "sitemap.xml" {
                continue;
            }
            rendered
                .files
                .insert(format!("{EDITIONS}/{version}/{path}"), bytes);
        }
    }
    rendered
}

/// The theme's static files, under `prefix` (`councils/<id>/` for a member with its own).
pub fn add_statics(
    files: &mut BTreeMap<String, Vec<u8>>,
    theme: &crate::load::Theme,
    prefix: &str,
) {
    for (path, bytes) in theme.statics() {
        files.insert(format!("{prefix}static/{path}"), bytes.to_vec());
    }
}

/// Where rendered files go as they are made: a map in memory, or a build's staging folder
/// (`crate::output::Staging`). A later file at the same path replaces the earlier.
pub trait Sink {
    /// Take one file; `Err` when it cannot be kept (a file that cannot be written).
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<(), String>;
}

impl Sink for BTreeMap<String, Vec<u8>> {
    fn put(&mut self, path: String, bytes: Vec<u8>) -> Result<(), String> {
        self.insert(path, bytes);
        Ok(())
    }
}

/// A sink that keeps nothing (`hearth check`: every problem found, no file kept).
#[derive(Debug, Default)]
pub struct Discard;

impl Sink for Discard {
    fn put(&mut self, _: String, _: Vec<u8>) -> Result<(), String> {
        Ok(())
    }
}

/// Check every internal link and anchor, then put the problems in order.
pub fn check_links(rendered: &mut Rendered, sources: &[&crate::load::SourceFile]) {
    // Pages a failed template did not write would show up as broken links: the template's
    // error is the one to fix.
    if !rendered.template_failed {
        let broken = links::check(&rendered.files, |link| {
            links::locate(link, sources.iter().copied())
        });
        rendered.diagnostics.extend(broken);
    }
    tidy(&mut rendered.diagnostics);
}

/// Render one site: the current edition, or (with `history.archived` set) an earlier one
/// carrying its "not current" banner. `extra` writes pages of its own (a region's) before
/// the list of open data is made.
pub fn render_site(
    folder: &Folder,
    templates: &Templates,
    history: &History,
    setting: &Setting,
    extra: &mut dyn FnMut(&mut Site<'_>),
) -> Rendered {
    let mut site = Site::new(folder, templates, history, setting);
    home::render(&mut site);
    strategy::render(&mut site);
    previous::render(&mut site);
    // The plan's actions as pages two folders down see them (priorities, action pages).
    let actions = plan::actions(&site, "../../");
    priorities::render(&mut site, &actions);
    plan::render(&mut site, &actions);
    measures::render(&mut site);
    facts::render(&mut site);
    scenarios::render(&mut site);
    market::render(&mut site);
    report::render(&mut site);
    pages::markdown_pages(&mut site);
    editions::render(&mut site);
    pages::accessibility(&mut site);
    pages::not_found(&mut site);
    extra(&mut site);
    measures::open_data(&mut site);
    facts::open_data(&mut site);
    commitments::open_data(&mut site);
    // After every data file: the CSVW metadata of each CSV, and the page listing them all.
    opendata::render(&mut site);
    // After every page: `/search/`, its index and `/a-z/`.
    search::render(&mut site);
    files::sitemap(&mut site);
    files::headers(&mut site);
    brand::files(&mut site);
    let mut rendered = site.finish();
    tidy(&mut rendered.diagnostics);
    rendered
}

/// A written file's text: borrowed when it is UTF-8, as every file Hearth writes is (faster
/// than `String::from_utf8_lossy`, which checks it a character at a time).
pub fn text_of_file(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

/// Each problem once (a Markdown field shown on several pages is rendered several times),
/// in the order of the files and lines they are at, so the order does not depend on the
/// order pages are rendered in.
pub fn tidy(diags: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    diags.retain(|d| seen.insert(format!("{}|{}", d.location, d.message)));
    diags.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            let pos = d.location.pos.map(|p| (p.line, p.column));
            (d.location.file.clone(), pos)
        };
        key(a).cmp(&key(b))
    });
}

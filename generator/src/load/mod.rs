//! Loading: everything Hearth reads from disk, turned into one [`Project`] value.
//!
//! A content folder is read file by file (YAML through [`yaml`], CSV imports through
//! [`csvimport`], Markdown pages through [`pages`], the market statement through [`market`],
//! the logo through [`brand`]), checked by `hearth_model::validate`, and its what-if scenarios
//! compiled ([`scenarios`]). The theme ([`theme`]) and the frozen editions ([`editions`]) are
//! read too, so rendering (`crate::render`) never touches the disk. Nothing here imports from
//! `crate::render`.
//!
//! Every problem becomes a [`Diagnostic`] at a file, line and column; loading never panics and
//! goes on past a problem to report as many as it can.

pub mod brand;
pub mod csv;
pub mod csvimport;
pub mod dfe;
pub mod editions;
mod market;
pub mod ofsted;
mod pages;
pub mod region;
pub mod scenarios;
pub mod source;
pub mod statfile;
pub mod statswales;
pub mod theme;
pub mod where_live;
pub mod yaml;
pub mod yamlpos;

use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::market::{Section, Table};
use hearth_model::validate::{FACTS_FILE, SITE_FILE, STRATEGY_FILE};
use hearth_model::{Breakdown, Content, Date, Facts, Issue, Metric, Site, Strategy, Workstream};
use serde::de::DeserializeOwned;

use crate::diag::{Diagnostic, Location, line_col};
pub use brand::Logo;
pub use editions::History;
pub use pages::split_front_matter;
pub use source::{MAX_FILE_BYTES, ReadError, SourceFile, Sources, read_bounded, read_text_quietly};
pub use theme::Theme;
use yamlpos::{Pos, PosIndex};

/// One content folder, read and checked: the content (possibly partial when there are
/// errors), the files it was read from, its compiled scenarios and its logo.
#[derive(Debug, Default)]
pub struct Folder {
    pub root: PathBuf,
    pub content: Content,
    /// The text and position index of every file read, to place problems found later.
    pub sources: Sources,
    pub diagnostics: Vec<Diagnostic>,
    /// The scenarios, compiled and evaluated at their published assumptions (in the order of
    /// `content.scenarios`), once the content has no errors.
    pub scenarios: Vec<scenarios::Built>,
    /// The logo named in `branding.logo`, read.
    pub logo: Option<Logo>,
    /// The statistical neighbours' figures read for each measure file (by its path), until
    /// the measure is typed.
    neighbour_figures:
        std::collections::BTreeMap<String, hearth_model::neighbours::NeighbourFigures>,
}

/// Everything a build needs, read: the current content, its frozen editions, and the theme.
#[derive(Debug, Default)]
pub struct Project {
    pub current: Folder,
    /// The frozen editions (`CONTENT/editions/<version>/`), oldest first. Loaded only when
    /// the current content has no errors.
    pub editions: Vec<(String, Folder)>,
    /// What the current site says about its editions, and what changed since the latest.
    pub history: History,
    /// The default theme with the content's overrides.
    pub theme: Theme,
    /// Problems with the theme folder.
    pub theme_diagnostics: Vec<Diagnostic>,
}

impl Project {
    /// Every problem found while loading, in order: the current content's, the theme's, then
    /// each edition's.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.current
            .diagnostics
            .iter()
            .chain(&self.theme_diagnostics)
            .chain(self.editions.iter().flat_map(|(_, e)| &e.diagnostics))
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics().any(Diagnostic::is_error)
    }

    /// Every file read, editions included (to find where a link is written).
    pub fn sources(&self) -> impl Iterator<Item = &SourceFile> {
        self.current
            .sources
            .files()
            .chain(self.editions.iter().flat_map(|(_, e)| e.sources.files()))
    }
}

/// Load a content folder with its theme and editions, judging staleness as at [`today`].
/// Never panics: every problem is in the project's diagnostics. The theme and the editions
/// are read only when the content itself has no errors.
pub fn project(root: &Path) -> Project {
    project_keeping(root, None)
}

/// [`project`], with the frozen editions already loaded (`editions`, from an earlier load of
/// the same folder whose editions did not change since) instead of reading them again: the
/// live preview keeps them. They are kept only when the content loads without errors, as
/// [`project`] reads them only then.
pub fn project_keeping(root: &Path, editions: Option<Vec<(String, Folder)>>) -> Project {
    let (today, problem) = today();
    let mut current = load_on(root, today);
    current.diagnostics.extend(problem);
    let mut project = Project {
        current,
        ..Project::default()
    };
    if project.current.has_errors() {
        return project;
    }
    match Theme::for_content(root) {
        Ok(theme) => {
            let shown = root.join(theme::THEME_DIR).display().to_string();
            project
                .current
                .diagnostics
                .extend(theme::script_warnings(&theme, &shown));
            project.theme = theme;
        }
        Err(diags) => {
            project.theme_diagnostics = diags;
            return project;
        }
    }
    let (history, editions) = match editions {
        Some(kept) => (editions::history(&kept, &project.current.content), kept),
        None => editions::load_all(root, &project.current.content),
    };
    project.history = history;
    project.editions = editions;
    project
}

/// Load a content folder (no theme, no editions). Staleness is judged as at [`today`].
pub fn load(root: &Path) -> Folder {
    let (today, problem) = today();
    let mut loaded = load_on(root, today);
    loaded.diagnostics.extend(problem);
    loaded
}

/// Today's date for staleness warnings: `HEARTH_TODAY=YYYY-MM-DD` if set, else the system
/// date (UTC). A `HEARTH_TODAY` that is not a date gives the system date and a warning.
pub fn today() -> (Date, Option<Diagnostic>) {
    let system = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    let system = Date::from_days(i64::try_from(system).unwrap_or(0));
    match std::env::var("HEARTH_TODAY") {
        Ok(text) if !text.trim().is_empty() => match text.parse::<Date>() {
            Ok(d) => (d, None),
            Err(e) => {
                let mut d = Diagnostic::file(
                    "HEARTH_TODAY",
                    format!("{e}; staleness is checked as at today, {system}"),
                )
                .with_expected("HEARTH_TODAY=YYYY-MM-DD, such as HEARTH_TODAY=2024-03-31")
                .with_hint("unset HEARTH_TODAY to use the system date");
                d.severity = hearth_model::Severity::Warning;
                (system, Some(d))
            }
        },
        _ => (system, None),
    }
}

/// Load a content folder, judging staleness as at `today`.
pub fn load_on(root: &Path, today: Date) -> Folder {
    let mut loaded = Folder {
        root: root.to_path_buf(),
        sources: Sources::new(root),
        ..Folder::default()
    };
    if !loaded.open_root() {
        return loaded;
    }
    loaded.read_content();
    if !loaded.has_errors() {
        let issues = hearth_model::validate(&loaded.content);
        loaded.report(&issues);
    }
    loaded.logo = brand::load_logo(&mut loaded);
    // Staleness warnings and how ambiguous periods were read, except for a frozen edition
    // (`CONTENT/editions/<version>/`): it is kept as it was published, so its age is no news
    // and its wording is not to be changed.
    if !loaded.has_errors() && !is_frozen_edition(root) {
        let mut issues = hearth_model::validate::period_notes(&loaded.content);
        issues.extend(hearth_model::staleness::stale(&loaded.content, today));
        issues.extend(loaded.editions_without_notes());
        loaded.report(&issues);
    }
    if !loaded.has_errors() {
        // The statistical neighbours' average, as a comparator, once the content is checked.
        for m in &mut loaded.content.metrics {
            hearth_model::neighbours::add_average(m);
        }
        let (built, diags) = scenarios::compile_all(&loaded);
        loaded.scenarios = built;
        loaded.diagnostics.extend(diags);
    }
    loaded
}

impl Folder {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Locate model issues and add them to the diagnostics.
    fn report(&mut self, issues: &[Issue]) {
        let diags: Vec<Diagnostic> = issues.iter().map(|i| self.sources.diagnose(i)).collect();
        self.diagnostics.extend(diags);
    }

    /// Whether the root is a folder; if not, say so.
    fn open_root(&mut self) -> bool {
        let shown = self.root.display().to_string();
        let problem = match fs::metadata(&self.root) {
            Err(e) => Diagnostic::file(&shown, format!("cannot open the content folder: {e}"))
                .with_expected("a folder holding site.yaml and strategy.yaml")
                .with_hint("give the path of the folder that holds site.yaml, or copy the example `content/` folder to start one"),
            Ok(m) if !m.is_dir() => Diagnostic::file(&shown, "this is a file, not a content folder")
                .with_expected("a folder holding site.yaml and strategy.yaml")
                .with_hint("give the folder that contains site.yaml"),
            Ok(_) => return true,
        };
        self.diagnostics.push(problem);
        false
    }

    /// Read every content file into `self.content`, in a fixed order.
    fn read_content(&mut self) {
        if let Some(site) = self.yaml_required::<Site>(SITE_FILE) {
            self.content.site = site;
        }
        if let Some(strategy) = self.yaml_required::<Strategy>(STRATEGY_FILE) {
            self.content.strategy = strategy;
        }
        if self.root.join(FACTS_FILE).exists()
            && let Some(facts) = self.yaml::<Facts>(FACTS_FILE)
        {
            self.content.facts = facts;
        }
        for rel in self.list("breakdowns", &["yaml", "yml"]) {
            if let Some(t) = self.breakdown(&rel) {
                self.content.breakdowns.push(t);
            }
        }
        for rel in self.list("plan", &["yaml", "yml"]) {
            if let Some(mut w) = self.yaml::<Workstream>(&rel) {
                w.file = rel;
                self.content.workstreams.push(w);
            }
        }
        // Workstreams in their stated order, then by file name.
        self.content.workstreams.sort_by(|a, b| {
            (a.order.unwrap_or(i64::MAX), &a.file).cmp(&(b.order.unwrap_or(i64::MAX), &b.file))
        });
        for rel in self.list("metrics", &["yaml", "yml"]) {
            if let Some(mut m) = self.yaml_with_csv::<Metric>(&rel, Some(csvimport::Kind::Metric)) {
                m.neighbour_figures = self.neighbour_figures.remove(&rel);
                m.file = rel;
                self.content.metrics.push(m);
            }
        }
        for rel in self.list("pages", &["md", "markdown"]) {
            if let Some(p) = self.page(&rel) {
                self.content.pages.push(p);
            }
        }
        for rel in self.list("scenarios", &["yaml", "yml"]) {
            if let Some(mut s) = self.yaml::<hearth_model::scenario::Scenario>(&rel) {
                s.file = rel;
                self.content.scenarios.push(s);
            }
        }
        self.read_market();
        if self.root.join(hearth_model::REPORT_FILE).exists()
            && let Some(report) = self.yaml::<hearth_model::Report>(hearth_model::REPORT_FILE)
        {
            self.content.report = Some(report);
        }
        self.content.pages.sort_by(|a, b| {
            (a.front.order.unwrap_or(i64::MAX), &a.slug)
                .cmp(&(b.front.order.unwrap_or(i64::MAX), &b.slug))
        });
    }

    /// Warnings for the frozen editions (`editions/<version>/site.yaml`) that follow an
    /// earlier one without a change note, and for the current edition when it follows frozen
    /// ones. An edition whose site.yaml cannot be read is left to the editions' own loading.
    fn editions_without_notes(&mut self) -> Vec<Issue> {
        let found = editions::sites(&self.root);
        let mut issues = Vec::new();
        for (i, (version, text, site)) in found.iter().enumerate() {
            let earlier = i > 0 || site.edition.supersedes.is_some();
            let rel = format!("{}/{version}/{SITE_FILE}", editions::EDITIONS);
            if let Some(issue) = hearth_model::staleness::edition_without_notes(site, &rel, earlier)
            {
                // Keep the text, so the warning can name the line.
                let index = PosIndex::build(text, 0);
                let display = source::display_path(&self.root, &rel);
                self.sources.insert_if_absent(
                    &rel,
                    SourceFile {
                        display,
                        text: text.clone(),
                        index,
                        csv: Vec::new(),
                    },
                );
                issues.push(issue);
            }
        }
        // The current edition: `stale` already warns when it names the one it supersedes.
        if !found.is_empty() && self.content.site.edition.supersedes.is_none() {
            issues.extend(hearth_model::staleness::edition_without_notes(
                &self.content.site,
                SITE_FILE,
                true,
            ));
        }
        issues
    }

    /// Relative paths of the files with one of `exts` in a sub-folder, sorted.
    fn list(&mut self, sub: &str, exts: &[&str]) -> Vec<String> {
        let dir = self.root.join(sub);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                self.diagnostics.push(Diagnostic::file(
                    source::display_path(&self.root, sub),
                    format!("cannot read this folder: {e}"),
                ));
                return Vec::new();
            }
        };
        let mut out = Vec::new();
        for entry in entries.flatten() {
            let path = entry.path();
            let name = entry.file_name().to_string_lossy().to_string();
            if name.starts_with('.') {
                continue;
            }
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if exts.contains(&ext.as_str()) && path.is_file() {
                out.push(format!("{sub}/{name}"));
            }
        }
        out.sort();
        out
    }

    /// Read a file as UTF-8 text, recording problems.
    fn read(&mut self, rel: &str) -> Option<String> {
        let path = self.root.join(rel);
        let shown = source::display_path(&self.root, rel);
        let bytes = match read_bounded(&path, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(e) => {
                self.diagnostics.push(unreadable(&shown, rel, e));
                return None;
            }
        };
        match String::from_utf8(bytes) {
            Ok(mut text) => {
                if text.starts_with('\u{feff}') {
                    text.remove(0);
                }
                Some(text)
            }
            Err(e) => {
                let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
                let good = String::from_utf8_lossy(good);
                let (line, column) = line_col(&good, good.len());
                let at = Location {
                    file: shown,
                    pos: Some(Pos { line, column }),
                    field: String::new(),
                };
                self.diagnostics.push(
                    Diagnostic::error(at, "this file is not valid UTF-8 text")
                        .with_expected("text saved as UTF-8")
                        .with_hint(
                            "save the file as UTF-8 in your editor (in Excel: \"CSV UTF-8\")",
                        ),
                );
                None
            }
        }
    }

    fn yaml_required<T: DeserializeOwned>(&mut self, rel: &str) -> Option<T> {
        if !self.root.join(rel).exists() {
            self.diagnostics.push(
                Diagnostic::file(source::display_path(&self.root, rel), "this file is missing")
                    .with_expected(format!("every content folder to have `{rel}`"))
                    .with_hint("see docs/content-format.md for what it holds, or copy it from the example `content/` folder"),
            );
            return None;
        }
        self.yaml(rel)
    }

    fn yaml<T: DeserializeOwned>(&mut self, rel: &str) -> Option<T> {
        self.yaml_with_csv(rel, None)
    }

    /// Like [`Folder::yaml`], reading the lists that a file of `csv` kind may keep in CSV
    /// files (see [`csvimport`]).
    fn yaml_with_csv<T: DeserializeOwned>(
        &mut self,
        rel: &str,
        csv: Option<csvimport::Kind>,
    ) -> Option<T> {
        self.yaml_shaped(rel, csv, |file, value| yaml::deserialize::<T>(file, value))
    }

    /// A breakdown: with `columns:` (or rows with `values:`) a table; otherwise the older
    /// one-value form, checked as it is and then turned into a table. The form is told from
    /// the keys before typing, so each form's errors are its own (not serde's vague "did not
    /// match any variant").
    fn breakdown(&mut self, rel: &str) -> Option<Table> {
        let shaped = self.yaml_shaped(rel, Some(csvimport::Kind::Breakdown), |file, value| {
            if is_table_form(&value) {
                yaml::deserialize::<Table>(file, value).map(|t| BreakdownForm::Table(Box::new(t)))
            } else {
                yaml::deserialize::<Breakdown>(file, value)
                    .map(|b| BreakdownForm::OneValue(Box::new(b)))
            }
        })?;
        let mut t = match shaped {
            BreakdownForm::Table(t) => *t,
            BreakdownForm::OneValue(b) => {
                let mut b = *b;
                b.file = rel.to_string();
                self.report(&hearth_model::validate::breakdown_form_issues(&b));
                Table::from_breakdown(b)
            }
        };
        t.file = rel.to_string();
        t.section = Section::Facts;
        Some(t)
    }

    /// Read a YAML file (and the CSV files it names, for a `csv` kind) and type it with
    /// `typed`.
    fn yaml_shaped<T>(
        &mut self,
        rel: &str,
        csv: Option<csvimport::Kind>,
        typed: impl FnOnce(&SourceFile, serde_yaml::Value) -> Result<T, Vec<Diagnostic>>,
    ) -> Option<T> {
        self.yaml_expanded(rel, csv, false, typed)
    }

    /// Like [`Folder::yaml_shaped`]; with `ofsted`, a market table whose `rows:` names an
    /// Ofsted provider list gets the rows read from it (see [`ofsted`]).
    fn yaml_expanded<T>(
        &mut self,
        rel: &str,
        csv: Option<csvimport::Kind>,
        ofsted: bool,
        typed: impl FnOnce(&SourceFile, serde_yaml::Value) -> Result<T, Vec<Diagnostic>>,
    ) -> Option<T> {
        let text = self.read(rel)?;
        let index = PosIndex::build(&text, 0);
        let mut file = SourceFile {
            display: source::display_path(&self.root, rel),
            text,
            index,
            csv: Vec::new(),
        };
        let mut value = match yaml::parse_value(&file, 0, &file.text) {
            Ok(v) => v,
            Err(diags) => {
                self.diagnostics.extend(diags);
                self.sources.insert(rel, file);
                return None;
            }
        };
        let mut csv_failed = false;
        if let Some(kind) = csv {
            let (sources, failed) = self.expand_csv(&file, rel, &mut value, kind);
            file.csv = sources;
            csv_failed = failed;
        }
        if ofsted {
            let (sources, failed) = self.expand_ofsted(&file, rel, &mut value);
            file.csv.extend(sources);
            csv_failed |= failed;
        }
        let result = typed(&file, value);
        self.sources.insert(rel, file);
        match result {
            Ok(_) if csv_failed => None,
            Ok(v) => Some(v),
            Err(diags) => {
                self.diagnostics.extend(diags);
                None
            }
        }
    }
}

/// Whether a breakdown is written as a table: it has `columns:`, or a row with `values:` or
/// `period:` (so a misspelt `columns:` is reported against the table's fields, not the
/// one-value form's).
fn is_table_form(value: &serde_yaml::Value) -> bool {
    let row_says_so = value
        .get("rows")
        .and_then(|r| r.as_sequence())
        .is_some_and(|rows| {
            rows.iter()
                .any(|r| r.get("values").is_some() || r.get("period").is_some())
        });
    value.get("columns").is_some() || row_says_so
}

/// The two forms of a breakdown file.
enum BreakdownForm {
    Table(Box<Table>),
    OneValue(Box<Breakdown>),
}

/// Why a file could not be read, in words for an editor.
fn unreadable(shown: &str, rel: &str, e: ReadError) -> Diagnostic {
    let message = match &e {
        ReadError::Io(io) => format!("cannot read this file: {io}"),
        other => other.to_string(),
    };
    let d = Diagnostic::file(shown, message);
    match e {
        ReadError::Folder => d.with_hint(format!("`{rel}` must be a file")),
        ReadError::NotRegular => d
            .with_expected("a text file")
            .with_hint(format!("replace `{rel}` with an ordinary file")),
        ReadError::TooLarge(_) => d
            .with_expected(format!("at most {MAX_FILE_BYTES} bytes"))
            .with_hint("split it into several files, or move data into CSV"),
        ReadError::Io(_) => d,
    }
}

/// Is `root` an edition frozen inside a content folder (`CONTENT/editions/<version>/`)?
fn is_frozen_edition(root: &Path) -> bool {
    let parent = root.parent();
    parent
        .and_then(Path::file_name)
        .is_some_and(|n| n == editions::EDITIONS)
        && parent
            .and_then(Path::parent)
            .is_some_and(|content| content.join(SITE_FILE).is_file())
}

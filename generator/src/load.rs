//! Reading a content folder into the model, with every problem located by file, line,
//! column and field path.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::validate::{FACTS_FILE, SITE_FILE, STRATEGY_FILE, closest};
use hearth_model::{
    Breakdown, Content, Date, Facts, Issue, Metric, Page, PageFront, Place, Site, Strategy,
    Workstream,
};
use serde::de::DeserializeOwned;
use serde_yaml::Value;

use crate::csvimport::Kind as CsvKind;
use crate::diag::{Diagnostic, Location};
use crate::markdown::line_col;
use crate::yamlpos::{Pos, PosIndex};

/// Files larger than this are refused (content files are small; this bounds memory).
pub const MAX_FILE_BYTES: u64 = 8 * 1024 * 1024;

/// Why [`read_bounded`] refused a file.
#[derive(Debug)]
pub enum ReadError {
    /// A folder where a file belongs.
    Folder,
    /// A pipe, socket or device: reading one could wait for ever.
    NotRegular,
    /// Over the limit (the size seen, or the limit plus one if it grew while being read).
    TooLarge(u64),
    Io(std::io::Error),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Folder => f.write_str("this is a folder, but a file was expected"),
            ReadError::NotRegular => {
                f.write_str("this is not a regular file (a pipe, socket or device)")
            }
            ReadError::TooLarge(n) => write!(f, "this file is too large ({n} bytes)"),
            ReadError::Io(e) => e.fmt(f),
        }
    }
}

/// Read a file that must be a regular file of at most `max` bytes. A pipe, socket or device
/// is refused rather than read, and so is a file that grows past `max` while it is read.
pub fn read_bounded(path: &Path, max: u64) -> Result<Vec<u8>, ReadError> {
    use std::io::Read;
    let meta = fs::metadata(path).map_err(ReadError::Io)?;
    if meta.is_dir() {
        return Err(ReadError::Folder);
    }
    if !meta.is_file() {
        return Err(ReadError::NotRegular);
    }
    if meta.len() > max {
        return Err(ReadError::TooLarge(meta.len()));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    fs::File::open(path)
        .and_then(|f| f.take(max + 1).read_to_end(&mut bytes))
        .map_err(ReadError::Io)?;
    if bytes.len() as u64 > max {
        return Err(ReadError::TooLarge(max + 1));
    }
    Ok(bytes)
}

/// [`read_bounded`] at [`MAX_FILE_BYTES`], as UTF-8 text (`None` for any problem): for the
/// quiet reads that only order or compare editions, whose errors the full load reports.
pub fn read_text_quietly(path: &Path) -> Option<String> {
    String::from_utf8(read_bounded(path, MAX_FILE_BYTES).ok()?).ok()
}

/// One file read from the content folder.
#[derive(Debug)]
pub struct SourceFile {
    /// Path shown to the user (the content folder as given, joined with the relative path).
    pub display: String,
    pub text: String,
    pub index: PosIndex,
    /// The lists in this file read from CSV files (`series: { csv: ... }`).
    pub csv: Vec<crate::csvimport::CsvSource>,
}

/// The result of loading: the content (possibly partial) and everything found wrong.
#[derive(Debug, Default)]
pub struct Loaded {
    pub root: PathBuf,
    pub content: Content,
    pub files: BTreeMap<String, SourceFile>,
    pub diagnostics: Vec<Diagnostic>,
    /// The scenarios, compiled and evaluated at their published assumptions (in the order of
    /// `content.scenarios`), once the content has no errors.
    pub scenarios: Vec<crate::scenarios::Built>,
    /// Files the branding adds to the site (the logo), by output path.
    pub brand_files: BTreeMap<String, Vec<u8>>,
}

impl Loaded {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The display path of a content-relative file.
    pub fn display(&self, rel: &str) -> String {
        self.files
            .get(rel)
            .map(|f| f.display.clone())
            .unwrap_or_else(|| display_path(&self.root, rel))
    }

    /// Resolve a model place to a line and column.
    pub fn locate(&self, place: &Place) -> Location {
        let file = self.files.get(&place.file);
        if let Some(at) = file.and_then(|f| crate::csvimport::locate(&f.csv, &place.path)) {
            return at;
        }
        Location {
            file: self.display(&place.file),
            pos: file.and_then(|f| f.index.locate(&place.path)),
            field: place.path.clone(),
        }
    }

    /// Turn a model issue into a located diagnostic.
    pub fn diagnose(&self, issue: &Issue) -> Diagnostic {
        let related = issue.related.as_ref().map(|p| self.locate(p));
        let d = Diagnostic::from_issue(issue, self.locate(&issue.place), related);
        match self.files.get(&issue.place.file) {
            // Not when the place is a row of a CSV file.
            Some(f) if d.location.file == f.display => d.with_source(&f.text),
            _ => d,
        }
    }
}

impl Loaded {
    /// Like [`Loaded::diagnose`], pointing inside the field's text at byte `offset` when the
    /// text can be found in the file (one-line scalars and literal `|` blocks).
    pub fn diagnose_in(&self, issue: &Issue, text: &str, offset: usize) -> Diagnostic {
        let mut d = self.diagnose(issue);
        if let (Some(pos), Some(file)) = (d.location.pos, self.files.get(&issue.place.file))
            && d.location.file == file.display
            && let Some(exact) = position_in_scalar(&file.text, pos, text, offset)
        {
            d.location.pos = Some(exact);
            d = d.with_source(&file.text);
        }
        d
    }
}

/// The position in a YAML file of byte `offset` of a scalar's text, when the scalar starts at
/// `pos` and the mapping is certain: a literal block (`|`) or a single-line plain or quoted
/// value. Otherwise `None`, and the diagnostic keeps the field's position.
fn position_in_scalar(file: &str, pos: Pos, text: &str, offset: usize) -> Option<Pos> {
    let lines: Vec<&str> = file.lines().collect();
    let first = *lines.get(pos.line.checked_sub(1)?)?;
    let start: String = first.chars().skip(pos.column.saturating_sub(1)).collect();
    let (line, column) = line_col(text, offset);
    // A literal block (`|`): the scalar's position is its indicator or its first text line.
    let header = |l: &str| {
        let indicator = l.trim_end().rsplit([' ', ':']).next().unwrap_or("");
        indicator.starts_with('|') && indicator.len() <= 3
    };
    let first_text_line = if start.starts_with('|') {
        Some(pos.line + 1)
    } else if pos.line >= 2 && lines.get(pos.line - 2).is_some_and(|l| header(l)) {
        Some(pos.line)
    } else {
        None
    };
    if let Some(first_text_line) = first_text_line {
        // Text line k is file line first_text_line + k - 1, after the block's indentation.
        let source = *lines.get(first_text_line + line - 2)?;
        let indent = source.len() - source.trim_start_matches(' ').len();
        let wanted = text.lines().nth(line - 1)?;
        (source.get(indent..)? == wanted).then_some(Pos {
            line: first_text_line + line - 1,
            column: indent + column,
        })
    } else if !text.contains('\n') {
        let quoted = start.starts_with(['"', '\'']);
        let body = if quoted {
            start.get(1..)?
        } else {
            start.as_str()
        };
        body.starts_with(text).then_some(Pos {
            line: pos.line,
            column: pos.column + usize::from(quoted) + column - 1,
        })
    } else {
        None
    }
}

fn display_path(root: &Path, rel: &str) -> String {
    root.join(rel).display().to_string()
}

/// Load a content folder. Never panics; all problems are in `diagnostics`. Staleness is
/// judged as at [`today`].
pub fn load(root: &Path) -> Loaded {
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
pub fn load_on(root: &Path, today: Date) -> Loaded {
    let mut loaded = Loaded {
        root: root.to_path_buf(),
        ..Loaded::default()
    };
    let shown = root.display().to_string();
    match fs::metadata(root) {
        Err(e) => {
            loaded.diagnostics.push(
                Diagnostic::file(&shown, format!("cannot open the content folder: {e}"))
                    .with_expected("a folder holding site.yaml and strategy.yaml")
                    .with_hint("give the path of the folder that holds site.yaml, or copy the example `content/` folder to start one"),
            );
            return loaded;
        }
        Ok(m) if !m.is_dir() => {
            loaded.diagnostics.push(
                Diagnostic::file(&shown, "this is a file, not a content folder")
                    .with_expected("a folder holding site.yaml and strategy.yaml")
                    .with_hint("give the folder that contains site.yaml"),
            );
            return loaded;
        }
        Ok(_) => {}
    }

    if let Some(site) = loaded.yaml_required::<Site>(SITE_FILE) {
        loaded.content.site = site;
    }
    if let Some(strategy) = loaded.yaml_required::<Strategy>(STRATEGY_FILE) {
        loaded.content.strategy = strategy;
    }
    if root.join(FACTS_FILE).exists()
        && let Some(facts) = loaded.yaml::<Facts>(FACTS_FILE)
    {
        loaded.content.facts = facts;
    }
    for rel in loaded.list("breakdowns", &["yaml", "yml"]) {
        if let Some(mut b) = loaded.yaml_with_csv::<Breakdown>(&rel, Some(CsvKind::Breakdown)) {
            b.file = rel;
            loaded.content.breakdowns.push(b);
        }
    }
    for rel in loaded.list("plan", &["yaml", "yml"]) {
        if let Some(mut w) = loaded.yaml::<Workstream>(&rel) {
            w.file = rel;
            loaded.content.workstreams.push(w);
        }
    }
    // Workstreams in their stated order, then by file name.
    loaded.content.workstreams.sort_by(|a, b| {
        (a.order.unwrap_or(i64::MAX), &a.file).cmp(&(b.order.unwrap_or(i64::MAX), &b.file))
    });
    for rel in loaded.list("metrics", &["yaml", "yml"]) {
        if let Some(mut m) = loaded.yaml_with_csv::<Metric>(&rel, Some(CsvKind::Metric)) {
            m.file = rel;
            loaded.content.metrics.push(m);
        }
    }
    for rel in loaded.list("pages", &["md", "markdown"]) {
        if let Some(p) = loaded.page(&rel) {
            loaded.content.pages.push(p);
        }
    }
    for rel in loaded.list("scenarios", &["yaml", "yml"]) {
        if let Some(mut s) = loaded.yaml::<hearth_model::scenario::Scenario>(&rel) {
            s.file = rel;
            loaded.content.scenarios.push(s);
        }
    }
    crate::market::load(&mut loaded);
    loaded.content.pages.sort_by(|a, b| {
        (a.front.order.unwrap_or(i64::MAX), &a.slug)
            .cmp(&(b.front.order.unwrap_or(i64::MAX), &b.slug))
    });

    if !loaded.has_errors() {
        let issues = hearth_model::validate(&loaded.content);
        let diags: Vec<Diagnostic> = issues.iter().map(|i| loaded.diagnose(i)).collect();
        loaded.diagnostics.extend(diags);
    }
    crate::brand::load_logo(&mut loaded);
    // Staleness warnings, except for a frozen edition (`CONTENT/editions/<version>/`): it is
    // kept as it was published, so its age is no news.
    if !loaded.has_errors() && !is_frozen_edition(root) {
        let mut issues = hearth_model::staleness::stale(&loaded.content, today);
        issues.extend(loaded.editions_without_notes());
        let diags: Vec<Diagnostic> = issues.iter().map(|i| loaded.diagnose(i)).collect();
        loaded.diagnostics.extend(diags);
    }
    if !loaded.has_errors() {
        let (built, diags) = crate::scenarios::compile_all(&loaded);
        loaded.scenarios = built;
        loaded.diagnostics.extend(diags);
    }
    loaded
}

/// Is `root` an edition frozen inside a content folder (`CONTENT/editions/<version>/`)?
fn is_frozen_edition(root: &Path) -> bool {
    let parent = root.parent();
    parent
        .and_then(Path::file_name)
        .is_some_and(|n| n == "editions")
        && parent
            .and_then(Path::parent)
            .is_some_and(|content| content.join(SITE_FILE).is_file())
}

impl Loaded {
    /// Warnings for the frozen editions (`editions/<version>/site.yaml`) that follow an
    /// earlier one without a change note, and for the current edition when it follows frozen
    /// ones. An edition whose site.yaml cannot be read is left to the editions' own loading.
    fn editions_without_notes(&mut self) -> Vec<Issue> {
        let Ok(entries) = fs::read_dir(self.root.join("editions")) else {
            return Vec::new();
        };
        let mut found: Vec<(String, String, Site)> = entries
            .flatten()
            .filter(|e| e.path().is_dir() && !e.file_name().to_string_lossy().starts_with('.'))
            .filter_map(|e| {
                let text = read_text_quietly(&e.path().join(SITE_FILE))?;
                let site = serde_yaml::from_str::<Site>(&text).ok()?;
                Some((e.file_name().to_string_lossy().to_string(), text, site))
            })
            .collect();
        // Oldest first: by publication date, then by folder name.
        found.sort_by(|a, b| {
            (a.2.edition.published.sort_key(), &a.0).cmp(&(b.2.edition.published.sort_key(), &b.0))
        });
        let mut issues = Vec::new();
        for (i, (version, text, site)) in found.iter().enumerate() {
            let earlier = i > 0 || site.edition.supersedes.is_some();
            let rel = format!("editions/{version}/{SITE_FILE}");
            if let Some(issue) = hearth_model::staleness::edition_without_notes(site, &rel, earlier)
            {
                // Keep the text, so the warning can name the line.
                let index = PosIndex::build(text, 0);
                let display = display_path(&self.root, &rel);
                self.files.entry(rel).or_insert(SourceFile {
                    display,
                    text: text.clone(),
                    index,
                    csv: Vec::new(),
                });
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
}

impl Loaded {
    /// Relative paths of the files with one of `exts` in a sub-folder, sorted.
    pub(crate) fn list(&mut self, sub: &str, exts: &[&str]) -> Vec<String> {
        let dir = self.root.join(sub);
        let entries = match fs::read_dir(&dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Vec::new(),
            Err(e) => {
                self.diagnostics.push(Diagnostic::file(
                    display_path(&self.root, sub),
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
    pub(crate) fn read(&mut self, rel: &str) -> Option<String> {
        let path = self.root.join(rel);
        let shown = display_path(&self.root, rel);
        let bytes = match read_bounded(&path, MAX_FILE_BYTES) {
            Ok(b) => b,
            Err(e) => {
                let message = match &e {
                    ReadError::Io(io) => format!("cannot read this file: {io}"),
                    other => other.to_string(),
                };
                let d = Diagnostic::file(&shown, message);
                self.diagnostics.push(match e {
                    ReadError::Folder => d.with_hint(format!("`{rel}` must be a file")),
                    ReadError::NotRegular => d
                        .with_expected("a text file")
                        .with_hint(format!("replace `{rel}` with an ordinary file")),
                    ReadError::TooLarge(_) => d
                        .with_expected(format!("at most {MAX_FILE_BYTES} bytes"))
                        .with_hint("split it into several files, or move data into CSV"),
                    ReadError::Io(_) => d,
                });
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
                self.diagnostics.push(Diagnostic {
                    location: Location {
                        file: shown,
                        pos: Some(crate::yamlpos::Pos { line, column }),
                        field: String::new(),
                    },
                    ..Diagnostic::error(
                        Location {
                            file: String::new(),
                            pos: None,
                            field: String::new(),
                        },
                        "this file is not valid UTF-8 text",
                    )
                    .with_expected("text saved as UTF-8")
                    .with_hint("save the file as UTF-8 in your editor (in Excel: \"CSV UTF-8\")")
                });
                None
            }
        }
    }

    pub(crate) fn yaml_required<T: DeserializeOwned>(&mut self, rel: &str) -> Option<T> {
        if !self.root.join(rel).exists() {
            self.diagnostics.push(
                Diagnostic::file(display_path(&self.root, rel), "this file is missing")
                    .with_expected(format!("every content folder to have `{rel}`"))
                    .with_hint("see docs/content-format.md for what it holds, or copy it from the example `content/` folder"),
            );
            return None;
        }
        self.yaml(rel)
    }

    pub(crate) fn yaml<T: DeserializeOwned>(&mut self, rel: &str) -> Option<T> {
        self.yaml_with_csv(rel, None)
    }

    /// Like [`Loaded::yaml`], reading the lists that a file of `csv` kind may keep in CSV
    /// files (see [`crate::csvimport`]).
    pub(crate) fn yaml_with_csv<T: DeserializeOwned>(
        &mut self,
        rel: &str,
        csv: Option<crate::csvimport::Kind>,
    ) -> Option<T> {
        let text = self.read(rel)?;
        let index = PosIndex::build(&text, 0);
        let mut file = SourceFile {
            display: display_path(&self.root, rel),
            text,
            index,
            csv: Vec::new(),
        };
        let mut value = match parse_value(&file, 0, &file.text) {
            Ok(v) => v,
            Err(diags) => {
                self.diagnostics.extend(diags);
                self.files.insert(rel.to_string(), file);
                return None;
            }
        };
        let mut csv_failed = false;
        if let Some(kind) = csv {
            let (sources, failed) = self.expand_csv(&file, rel, &mut value, kind);
            file.csv = sources;
            csv_failed = failed;
        }
        let result = deserialize::<T>(&file, value);
        self.files.insert(rel.to_string(), file);
        match result {
            Ok(_) if csv_failed => None,
            Ok(v) => Some(v),
            Err(diags) => {
                self.diagnostics.extend(diags);
                None
            }
        }
    }

    fn page(&mut self, rel: &str) -> Option<Page> {
        let text = self.read(rel)?;
        let shown = display_path(&self.root, rel);
        let Some((front_text, body, body_line)) = split_front_matter(&text) else {
            self.diagnostics.push(
                Diagnostic::error(
                    Location {
                        file: shown.clone(),
                        pos: Some(crate::yamlpos::Pos { line: 1, column: 1 }),
                        field: String::new(),
                    },
                    "the page has no front matter",
                )
                .with_expected("the file to start with a `---` line, then `title: ...`, then a closing `---` line")
                .with_hint("add front matter such as:\n       ---\n       title: Introduction\n       ---"),
            );
            self.files.insert(
                rel.to_string(),
                SourceFile {
                    display: shown,
                    index: PosIndex::default(),
                    text,
                    csv: Vec::new(),
                },
            );
            return None;
        };
        let front_text = front_text.to_string();
        let body = body.to_string();
        let index = PosIndex::build(&front_text, 1);
        let file = SourceFile {
            display: shown,
            text: text.clone(),
            index,
            csv: Vec::new(),
        };
        let result = parse_yaml::<PageFront>(&file, 1, &front_text);
        self.files.insert(rel.to_string(), file);
        let front = match result {
            Ok(f) => f,
            Err(d) => {
                self.diagnostics.extend(d);
                return None;
            }
        };
        let stem = Path::new(rel)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let slug = front.slug.clone().unwrap_or(stem);
        Some(Page {
            file: rel.to_string(),
            front,
            body,
            body_line,
            slug,
        })
    }
}

/// Split `---\nfront\n---\nbody` into (front, body, first body line).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (n, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // Line 1 is the opening `---`; the front matter has n lines; then the closing line.
            return Some((front, body, n + 3));
        }
        offset += line.len();
    }
    None
}

/// A path segment of a serde path.
#[derive(Clone, Debug, PartialEq)]
enum Seg {
    Key(String),
    Index(usize),
}

fn segments(path: &str) -> Vec<Seg> {
    let mut out = Vec::new();
    for part in path.split('.') {
        let mut rest = part;
        if let Some(i) = rest.find('[') {
            if i > 0 {
                out.push(Seg::Key(rest[..i].to_string()));
            }
            rest = &rest[i..];
            while let Some(r) = rest.strip_prefix('[') {
                let Some(end) = r.find(']') else { break };
                if let Ok(n) = r[..end].parse() {
                    out.push(Seg::Index(n));
                }
                rest = &r[end + 1..];
            }
        } else if !rest.is_empty() {
            out.push(Seg::Key(rest.to_string()));
        }
    }
    out
}

fn render_path(segs: &[Seg]) -> String {
    let mut s = String::new();
    for seg in segs {
        match seg {
            Seg::Key(k) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(k);
            }
            Seg::Index(i) => s.push_str(&format!("[{i}]")),
        }
    }
    s
}

/// Parse YAML text into `T`, reporting as many errors as can be found: after an error
/// inside a list item, that item is set aside and parsing goes on with the rest.
fn parse_yaml<T: DeserializeOwned>(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
) -> Result<T, Vec<Diagnostic>> {
    deserialize(file, parse_value(file, line_offset, text)?)
}

/// Parse YAML text into a value, refusing what cannot be content (pathological nesting and
/// aliases, syntax errors, an empty file, a tagged document).
fn parse_value(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
) -> Result<Value, Vec<Diagnostic>> {
    let located = |d: Diagnostic| d.with_source(&file.text);
    // Refuse pathological shapes before serde_yaml sees them: its scanner is quadratic in
    // nesting depth, and its alias limit does not bound how much each alias copies.
    if let Some(excess) = file.index.excess() {
        return Err(vec![located(excess_error(file, excess))]);
    }
    let value: Value = match serde_yaml::from_str(text) {
        Ok(v) => v,
        Err(e) => return Err(vec![located(syntax_error(file, line_offset, text, &e))]),
    };
    if value.is_null() {
        if line_offset > 0 {
            // Front matter of a page: the file has text, but nothing between the `---` lines.
            return Err(vec![located(
                Diagnostic::error(
                    Location {
                        file: file.display.clone(),
                        pos: Some(crate::yamlpos::Pos { line: 1, column: 1 }),
                        field: String::new(),
                    },
                    "the front matter is empty",
                )
                .with_expected("`title: ...` between the two `---` lines"),
            )]);
        }
        return Err(vec![
            Diagnostic::file(&file.display, "this file is empty")
                .with_expected("fields such as `title: ...`")
                .with_hint("see docs/content-format.md for what this file holds"),
        ]);
    }
    if let Value::Tagged(_) = value {
        return Err(vec![Diagnostic::file(
            &file.display,
            "YAML tags (`!tag`) are not used in content files",
        )]);
    }
    Ok(value)
}

/// Deserialise a value into `T`, reporting as many errors as can be found (see
/// [`parse_yaml`]). An error in a list read from a CSV file is reported at its row.
fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    mut value: Value,
) -> Result<T, Vec<Diagnostic>> {
    let located = |d: Diagnostic| match crate::csvimport::locate(&file.csv, &d.location.field) {
        Some(at) => Diagnostic { location: at, ..d },
        None => d.with_source(&file.text),
    };
    let mut errors = Vec::new();
    // Removed list items: original list path -> original indices removed.
    let mut removed: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for _ in 0..200 {
        match serde_path_to_error::deserialize::<_, T>(value.clone()) {
            Ok(v) => {
                return if errors.is_empty() {
                    Ok(v)
                } else {
                    Err(errors)
                };
            }
            Err(e) => {
                let current = segments(&e.path().to_string());
                let original = map_back(&current, &removed);
                errors.push(located(type_error(
                    file,
                    &render_path(&original),
                    &e.inner().to_string(),
                )));
                // Set aside the innermost list item containing the error, and go on.
                let Some(last_index) = current.iter().rposition(|s| matches!(s, Seg::Index(_)))
                else {
                    return Err(errors);
                };
                if !remove_at(&mut value, &current[..=last_index]) {
                    return Err(errors);
                }
                if let Seg::Index(orig) = original[last_index] {
                    removed
                        .entry(render_path(&original[..last_index]))
                        .or_default()
                        .push(orig);
                }
            }
        }
    }
    Err(errors)
}

/// Map a path in the value (after removals) back to the path in the file.
fn map_back(current: &[Seg], removed: &BTreeMap<String, Vec<usize>>) -> Vec<Seg> {
    let mut out: Vec<Seg> = Vec::with_capacity(current.len());
    for seg in current {
        match seg {
            Seg::Index(i) => {
                let key = render_path(&out);
                let mut k = *i;
                if let Some(gone) = removed.get(&key) {
                    let mut gone = gone.clone();
                    gone.sort_unstable();
                    for g in gone {
                        if g <= k {
                            k += 1;
                        }
                    }
                }
                out.push(Seg::Index(k));
            }
            other => out.push(other.clone()),
        }
    }
    out
}

fn remove_at(value: &mut Value, path: &[Seg]) -> bool {
    let Some((last, init)) = path.split_last() else {
        return false;
    };
    let mut v = value;
    for seg in init {
        v = match (seg, v) {
            (Seg::Key(k), Value::Mapping(m)) => match m.get_mut(k.as_str()) {
                Some(x) => x,
                None => return false,
            },
            (Seg::Index(i), Value::Sequence(s)) => match s.get_mut(*i) {
                Some(x) => x,
                None => return false,
            },
            _ => return false,
        };
    }
    match (last, v) {
        (Seg::Index(i), Value::Sequence(s)) if *i < s.len() => {
            s.remove(*i);
            true
        }
        _ => false,
    }
}

fn strip_location_suffix(msg: &str) -> &str {
    match msg.find(" at line ") {
        Some(i) => &msg[..i],
        None => msg,
    }
}

/// `... at line 3 column 7` -> (3, 7).
fn line_column_in(msg: &str) -> Option<(usize, usize)> {
    let rest = &msg[msg.find(" at line ")? + 9..];
    let (line, rest) = rest.split_once(" column ")?;
    let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
    Some((line.trim().parse().ok()?, column.parse().ok()?))
}

fn excess_error(file: &SourceFile, excess: crate::yamlpos::Excess) -> Diagnostic {
    use crate::yamlpos::{Excess, MAX_ALIAS_NODES, MAX_DEPTH};
    let (pos, message, hint) = match excess {
        Excess::Depth(p) => (
            p,
            format!("this is not valid content: it nests more than {MAX_DEPTH} levels deep"),
            "content nests only a few levels; look for `[` or `{` that are never closed",
        ),
        Excess::Aliases(p) => (
            p,
            format!(
                "this is not valid content: its aliases (`*name`) repeat more than {MAX_ALIAS_NODES} values"
            ),
            "write the content out in full instead of repeating it through `&anchor` and `*alias`",
        ),
    };
    Diagnostic::error(
        Location {
            file: file.display.clone(),
            pos: Some(pos),
            field: String::new(),
        },
        message,
    )
    .with_expected("ordinary nested content")
    .with_hint(hint)
}

/// Leading spaces of a line.
fn indent_of(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// The column (0-based) where the fields of a line start: after its indentation and any
/// `- ` list markers, so `  - id: a` gives 4, the column its sibling fields line up with.
fn content_indent(line: &str) -> usize {
    let mut rest = line.trim_start_matches(' ');
    while let Some(r) = rest.strip_prefix("- ") {
        rest = r.trim_start_matches(' ');
    }
    line.len() - rest.len()
}

/// The nearest line above `line` (1-based) that holds more than a comment.
fn line_above(text: &str, line: usize) -> Option<&str> {
    text.lines()
        .take(line.saturating_sub(1))
        .filter(|l| {
            let t = l.trim();
            !t.is_empty() && !t.starts_with('#')
        })
        .last()
}

fn plural_spaces(n: usize) -> String {
    if n == 1 {
        "1 space".to_string()
    } else {
        format!("{n} spaces")
    }
}

fn syntax_error(
    file: &SourceFile,
    line_offset: usize,
    text: &str,
    e: &serde_yaml::Error,
) -> Diagnostic {
    let full = e.to_string();
    // libyaml errors read "PROBLEM at line L column C, while CONTEXT at line L column C".
    let (problem_part, context) = match full.split_once(", while ") {
        Some((p, c)) => (p, Some(c)),
        None => (full.as_str(), None),
    };
    let msg = strip_location_suffix(problem_part).to_string();
    let mut pos = e.location().map(|l| crate::yamlpos::Pos {
        line: l.line() + line_offset,
        column: l.column(),
    });
    let here = |field: &str, pos, message: String| {
        Diagnostic::error(
            Location {
                file: file.display.clone(),
                pos,
                field: field.to_string(),
            },
            message,
        )
    };
    // A key given twice: point at the second, and show the first.
    if let Some(rest) = msg.split("duplicate entry with key ").nth(1) {
        let name = rest.trim().trim_matches('"');
        let dup = file
            .index
            .duplicate_keys()
            .iter()
            .find(|d| d.path == name || d.path.ends_with(&format!(".{name}")));
        if let Some(d) = dup {
            let mut diag = here(
                &d.path,
                Some(d.second),
                format!("the field `{name}` is given twice"),
            )
            .with_expected("each field once in a mapping")
            .with_hint("remove or rename one of the two; the first is shown below");
            diag.related = Some(Location {
                file: file.display.clone(),
                pos: Some(d.first),
                field: d.path.clone(),
            });
            return diag;
        }
    }
    // An unclosed quote is found at the end of the file; the quote itself is more useful.
    if let Some(ctx) = context
        && ctx.starts_with("scanning a quoted scalar")
        && let Some((line, column)) = line_column_in(ctx)
    {
        return here(
            "",
            Some(crate::yamlpos::Pos {
                line: line + line_offset,
                column,
            }),
            "this is not valid YAML: the quoted text that starts here is never closed".into(),
        )
        .with_expected("a closing quote at the end of the text")
        .with_hint("add the closing quote (\" or ') where the text ends");
    }
    if msg.contains("more than one document") {
        // Point at the `---` that starts the second document.
        let mut seen_content = false;
        for (i, l) in text.lines().enumerate() {
            let t = l.trim_end();
            if t == "---" || t.starts_with("--- ") {
                if seen_content {
                    pos = Some(crate::yamlpos::Pos {
                        line: i + 1 + line_offset,
                        column: 1,
                    });
                    break;
                }
                seen_content = true;
            } else if !t.trim().is_empty() && !t.trim().starts_with('#') {
                seen_content = true;
            }
        }
        return here(
            "",
            pos,
            "this is not valid content: the file holds more than one YAML document".into(),
        )
        .with_expected("one document per file")
        .with_hint("remove this `---` line, or move what follows it into a file of its own");
    }
    // libyaml's reader names a byte offset, not a line, for a character it refuses.
    if let Some(rest) = msg
        .split("control characters are not allowed at position ")
        .nth(1)
        && let Ok(offset) = rest.trim().parse::<usize>()
        && let Some(bad) = text.get(offset..).and_then(|t| t.chars().next())
    {
        let (line, column) = line_col(text, offset);
        return here(
            "",
            Some(crate::yamlpos::Pos {
                line: line + line_offset,
                column,
            }),
            format!(
                "this is not valid YAML: it holds a control character (U+{:04X}) that YAML does not allow",
                u32::from(bad)
            ),
        )
        .with_expected("text without control characters")
        .with_hint("delete the character: it often comes from copying text out of another program");
    }
    let mut d = here("", pos, format!("this is not valid YAML: {msg}"));
    let line_no = e.location().map_or(0, |l| l.line());
    let line_text = text.lines().nth(line_no.saturating_sub(1)).unwrap_or("");
    let above = line_above(text, line_no);
    let indent_clash = above.map(|a| (indent_of(line_text), content_indent(a)));
    if line_text.contains('\t') || msg.contains("tab") {
        d = d
            .with_expected("indentation made of spaces")
            .with_hint("YAML does not allow tabs for indentation: replace them with spaces");
    } else if msg.contains("recursion limit") || msg.contains("repetition limit") {
        d = d
            .with_expected("ordinary nested content")
            .with_hint("the file nests or repeats (through aliases) too deeply to be content");
    } else if msg.contains("mapping values are not allowed")
        && let Some((mine, theirs)) = indent_clash
        && mine > theirs
        && !above.is_some_and(|a| a.trim_end().ends_with(':'))
    {
        d = d
            .with_expected("fields of one mapping lined up in the same column")
            .with_hint(format!(
                "this line is indented by {} but the line above by {}: line it up with the field it belongs with",
                plural_spaces(mine),
                plural_spaces(theirs)
            ));
    } else if msg.contains("mapping values are not allowed") {
        d = d
            .with_expected("one `key: value` per line")
            .with_hint("a value containing `: ` must be quoted, for example \"Note: this\"");
    } else if msg.contains("did not find expected key")
        || msg.contains("did not find expected '-' indicator")
    {
        d = d.with_expected(
            "fields of one mapping, and items of one list, lined up in the same column",
        );
        d = match indent_clash {
            Some((mine, theirs)) if mine != theirs => d.with_hint(format!(
                "this line is indented by {} but the line above by {}: line it up with the field or list item it belongs with",
                plural_spaces(mine),
                plural_spaces(theirs)
            )),
            _ => d.with_hint(
                "check the indentation of this line: it must line up with the field or list item it belongs with",
            ),
        };
    } else {
        d = d.with_hint("check indentation, quotes and colons on this line and the one above");
    }
    d
}

/// Describe a typed-deserialisation error at `path` in plain words.
fn type_error(file: &SourceFile, path: &str, raw: &str) -> Diagnostic {
    let raw = strip_location_suffix(raw);
    // serde_path_to_error writes `?` for a map key it could not name.
    let path = path.trim_end_matches('?').trim_end_matches('.');
    let list = |s: &str| -> Vec<String> {
        s.split(", ")
            .map(|w| {
                w.trim_matches(|c| c == '`' || c == ' ')
                    .replace("` or `", " or ")
            })
            .flat_map(|w| w.split(" or ").map(str::to_string).collect::<Vec<_>>())
            .map(|w| w.trim_matches('`').to_string())
            .filter(|w| !w.is_empty())
            .collect()
    };
    let mut field = path.to_string();
    let mut pos = file.index.locate(path);
    let (message, expected, hint) = if let Some(rest) = raw.strip_prefix("unknown field `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        // serde_path_to_error's path already ends with the unknown key.
        field = if path == name || path.ends_with(&format!(".{name}")) {
            path.to_string()
        } else if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        pos = file.index.locate_key(&field).or(pos);
        let allowed = tail
            .strip_prefix(", expected one of ")
            .or_else(|| tail.strip_prefix(", expected "))
            .map(list)
            .unwrap_or_default();
        let hint = match closest(name, allowed.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "remove it, or check the spelling and indentation".to_string(),
        };
        (
            format!("unknown field `{name}`"),
            Some(format!("one of: {}", allowed.join(", "))),
            Some(hint),
        )
    } else if let Some(rest) = raw.strip_prefix("missing field `") {
        let name = rest.split('`').next().unwrap_or(rest);
        field = if path.is_empty() {
            name.to_string()
        } else {
            format!("{path}.{name}")
        };
        (
            format!("the required field `{name}` is missing"),
            Some(format!("`{name}:` with a value")),
            Some(format!(
                "add `{name}: ...` here (check its indentation too)"
            )),
        )
    } else if let Some(rest) = raw.strip_prefix("unknown variant `") {
        let (name, tail) = rest.split_once('`').unwrap_or((rest, ""));
        let allowed = tail
            .strip_prefix(", expected one of ")
            .or_else(|| tail.strip_prefix(", expected "))
            .map(list)
            .unwrap_or_default();
        let hint = match closest(name, allowed.iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "use one of the allowed values, in lower case".to_string(),
        };
        (
            format!("`{name}` is not an allowed value"),
            Some(format!("one of: {}", allowed.join(", "))),
            Some(hint),
        )
    } else if let Some(i) = raw.find(". Accepted forms: ") {
        (
            raw[..i].to_string(),
            Some(raw[i + 18..].to_string()),
            Some("write the period in one of these forms".to_string()),
        )
    } else if let Some(rest) = raw.strip_prefix("invalid type: ")
        && let Some((found, "field identifier")) = rest.split_once(", expected ")
    {
        // A key that is not a word, such as `1: x`.
        let key = found.split('`').nth(1).unwrap_or(found);
        let key_path = if path.is_empty() {
            key.to_string()
        } else {
            format!("{path}.{key}")
        };
        pos = file.index.locate_key(&key_path).or(pos);
        (
            format!("`{key}` is not a field name"),
            Some("a field name such as `title`".to_string()),
            Some("field names are words; check this line and its indentation".to_string()),
        )
    } else if let Some(rest) = raw.strip_prefix("invalid type: ") {
        let (found, want) = rest
            .split_once(", expected ")
            .unwrap_or((rest, "another type"));
        // serde_yaml reports a tagged value (`!date 2024`) as an enum.
        let found = if found == "enum" {
            "a YAML tag (`!...`)"
        } else {
            found
        };
        let want_words = match want {
            "f64" | "f32" | "i64" | "u8" | "u32" | "u64" | "i32" | "usize" => {
                "a number".to_string()
            }
            "a string" => "text".to_string(),
            "a sequence" => "a list (lines starting with `- `, or `[a, b]`)".to_string(),
            "a boolean" => "true or false".to_string(),
            w if w.starts_with("struct ") => {
                "a mapping of fields (`name: value` lines)".to_string()
            }
            w => w.to_string(),
        };
        let flaggable =
            path.ends_with(".value") && (path.contains("series[") || path.starts_with("rows["));
        let hint = if found.starts_with("a YAML tag") {
            "remove the `!tag`: content files do not use YAML tags".to_string()
        } else if flaggable && found.starts_with("string") {
            format!(
                "replace {found} with a number; if there is no figure, remove `value:` and write `flag: x` (c = suppressed, x = not available, z = not applicable)"
            )
        } else if want == "a string" {
            "put the value in quotes, for example \"1.0\"".to_string()
        } else if want_words.starts_with("a list") {
            "write each item on its own line starting with `- `".to_string()
        } else {
            format!("replace {found} with {want_words}")
        };
        (
            format!("wrong kind of value: found {found}"),
            Some(want_words),
            Some(hint),
        )
    } else {
        (raw.to_string(), None, None)
    };
    Diagnostic {
        expected,
        hint,
        ..Diagnostic::error(
            Location {
                file: file.display.clone(),
                pos,
                field,
            },
            message,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let (f, b, line) =
            split_front_matter("---\ntitle: A\nslug: a\n---\nHello\n").unwrap_or_default();
        assert_eq!(f, "title: A\nslug: a\n");
        assert_eq!(b, "Hello\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("no front matter").is_none());
    }

    #[test]
    fn paths_round_trip() {
        let s = segments("actions[3].updates[0].rag");
        assert_eq!(render_path(&s), "actions[3].updates[0].rag");
    }

    #[test]
    fn map_back_accounts_for_removed_items() {
        let mut removed = BTreeMap::new();
        removed.insert("actions".to_string(), vec![1, 3]);
        let cur = segments("actions[2].rag");
        assert_eq!(render_path(&map_back(&cur, &removed)), "actions[4].rag");
        let cur = segments("actions[0].rag");
        assert_eq!(render_path(&map_back(&cur, &removed)), "actions[0].rag");
    }
}

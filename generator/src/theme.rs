//! The theme: templates and static files, embedded from `site/` and overridable file by file
//! from a `theme/` folder inside the content (the same layout: `theme/templates/...`,
//! `theme/static/...`).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::diag::Diagnostic;

include!(concat!(env!("OUT_DIR"), "/site_files.rs"));

#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Path under the theme root (`templates/base.html`, `static/css/hearth.css`) -> bytes.
    pub files: BTreeMap<String, Vec<u8>>,
    /// Paths that came from the content's theme folder.
    pub overridden: Vec<String>,
}

impl Theme {
    /// The embedded default theme.
    pub fn embedded() -> Theme {
        Theme {
            files: EMBEDDED
                .iter()
                .map(|(p, b)| ((*p).to_string(), b.to_vec()))
                .collect(),
            overridden: Vec::new(),
        }
    }

    /// The default theme with the content folder's overrides applied.
    pub fn for_content(content_root: &Path) -> Result<Theme, Vec<Diagnostic>> {
        let mut theme = Theme::embedded();
        let dir = content_root.join("theme");
        if !dir.is_dir() {
            return Ok(theme);
        }
        let mut errors = Vec::new();
        let mut found = Vec::new();
        collect(&dir, &dir, &mut found, &mut errors);
        for (rel, bytes) in found {
            theme.files.insert(rel.clone(), bytes);
            theme.overridden.push(rel);
        }
        if errors.is_empty() {
            Ok(theme)
        } else {
            Err(errors)
        }
    }

    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n, b.as_slice())))
    }

    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_slice())))
    }
}

fn collect(
    dir: &Path,
    base: &Path,
    out: &mut Vec<(String, Vec<u8>)>,
    errors: &mut Vec<Diagnostic>,
) {
    let entries = match fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) => {
            errors.push(Diagnostic::file(
                dir.display().to_string(),
                format!("cannot read the theme folder: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<_> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, base, out, errors);
            continue;
        }
        let rel = match path.strip_prefix(base) {
            Ok(r) => r
                .components()
                .map(|c| c.as_os_str().to_string_lossy().to_string())
                .collect::<Vec<_>>()
                .join("/"),
            Err(_) => continue,
        };
        match crate::load::read_bounded(&path, crate::load::MAX_FILE_BYTES) {
            Ok(b) => out.push((rel, b)),
            Err(e) => errors.push(Diagnostic::file(
                path.display().to_string(),
                format!("cannot read this theme file: {e}"),
            )),
        }
    }
}

/// The theme folder inside a content folder.
pub const THEME_DIR: &str = "theme";

/// Whether `hearth theme eject` copies an embedded file: the templates, the stylesheets and
/// the icon. The scripts, the vendored ECharts and the browser module are left out: they
/// work hand in hand with the `hearth` binary, so a copy would stop them being updated with
/// it (they can still be overridden one by one, by hand).
pub fn ejectable(path: &str) -> bool {
    path.starts_with("templates/")
        || path.starts_with("static/css/")
        || path == "static/favicon.svg"
}

/// What `hearth theme eject` did: theme-relative paths written and kept.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Ejected {
    /// The theme folder written into.
    pub folder: std::path::PathBuf,
    pub written: Vec<String>,
    /// Files that already existed and were left as they were.
    pub skipped: Vec<String>,
}

/// Copy the default templates and styles into `CONTENT/theme/` for editing. Existing files
/// are never overwritten (they are listed in `skipped`), so running it again after an
/// upgrade adds only the files that are new.
pub fn eject(content: &Path) -> Result<Ejected, String> {
    if !content.join("site.yaml").is_file() {
        return Err(format!(
            "{} is not a content folder (it has no site.yaml)",
            content.display()
        ));
    }
    let folder = content.join(THEME_DIR);
    let mut done = Ejected {
        folder: folder.clone(),
        ..Ejected::default()
    };
    for (rel, bytes) in EMBEDDED {
        if !ejectable(rel) {
            continue;
        }
        let dest = rel
            .split('/')
            .fold(folder.clone(), |path, part| path.join(part));
        if dest.exists() {
            done.skipped.push((*rel).to_string());
            continue;
        }
        if let Some(parent) = dest.parent() {
            fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        // `create_new`: a file that appeared since the check above is still not replaced.
        let written = fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&dest)
            .and_then(|mut f| std::io::Write::write_all(&mut f, bytes));
        match written {
            Ok(()) => done.written.push((*rel).to_string()),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                done.skipped.push((*rel).to_string());
            }
            Err(e) => return Err(format!("cannot write {}: {e}", dest.display())),
        }
    }
    done.written.sort();
    done.skipped.sort();
    Ok(done)
}

//! The theme: templates and static files, embedded from `site/` and overridable file by file
//! from a `theme/` folder inside the content (the same layout: `theme/templates/...`,
//! `theme/static/...`).

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use crate::diag::Diagnostic;

// `EMBEDDED`: (theme path, bytes) of every file under site/ and the browser module.
include!(concat!(env!("OUT_DIR"), "/site_files.rs"));

#[derive(Debug, Default, Clone)]
pub struct Theme {
    /// Path under the theme root (`templates/base.html`, `static/css/hearth.css`) -> bytes
    /// (the embedded ones borrowed, not copied: a region loads a theme per member).
    pub files: BTreeMap<String, Cow<'static, [u8]>>,
    /// Paths that came from the content's theme folder.
    pub overridden: Vec<String>,
}

impl Theme {
    /// The embedded default theme.
    pub fn embedded() -> Theme {
        Theme {
            files: EMBEDDED
                .iter()
                .map(|(p, b)| ((*p).to_string(), Cow::Borrowed(*b)))
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
            theme.files.insert(rel.clone(), Cow::Owned(bytes));
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
            .filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n, b.as_ref())))
    }

    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_ref())))
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
        match super::read_bounded(&path, super::MAX_FILE_BYTES) {
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

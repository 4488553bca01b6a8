//! `hearth theme eject`: copy the default templates and styles into the content folder's
//! `theme/` to edit them.

use std::fs;
use std::path::Path;

use crate::load::theme::{EMBEDDED, THEME_DIR};

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

//! Helpers shared by the integration tests.
#![allow(dead_code, clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

/// A folder under the system temp dir, removed when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new(tag: &str) -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let n = COUNTER.fetch_add(1, Ordering::SeqCst);
        let path =
            std::env::temp_dir().join(format!("hearth-test-{tag}-{}-{n}", std::process::id()));
        let _ = fs::remove_dir_all(&path);
        fs::create_dir_all(&path).unwrap();
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// Copy a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap().flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            fs::copy(&path, &dest).unwrap();
        }
    }
}

/// The example content folder at the repository root.
pub fn example_content() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// Every file under `root` with its bytes, by `/`-separated relative path.
pub fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let path = entry.path();
            if entry.file_type().unwrap().is_dir() {
                walk(root, &path, out);
            } else {
                let rel: Vec<String> = path
                    .strip_prefix(root)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().to_string())
                    .collect();
                out.insert(rel.join("/"), fs::read(&path).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(root, root, &mut out);
    out
}

/// A folder under `tests/fixtures/valid/`.
pub fn valid_fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/valid")
        .join(name)
}

/// Every file the site built from `content` would hold, and the problems found; panics,
/// listing them, when the content does not build.
pub fn all_files_with_diagnostics(
    content: &Path,
) -> (BTreeMap<String, Vec<u8>>, Vec<hearth::diag::Diagnostic>) {
    let (site, report) = hearth::render(content);
    let site = site.unwrap_or_else(|| {
        panic!(
            "{} does not build: {:#?}",
            content.display(),
            report.diagnostics
        )
    });
    (site.files, report.diagnostics)
}

/// Every file the site built from `content` would hold (see `all_files_with_diagnostics`).
pub fn all_files(content: &Path) -> BTreeMap<String, Vec<u8>> {
    all_files_with_diagnostics(content).0
}

/// The site's pages and data files (HTML, JSON and CSV) as text, and the problems found.
pub fn text_files_with_diagnostics(
    content: &Path,
) -> (BTreeMap<String, String>, Vec<hearth::diag::Diagnostic>) {
    let (files, diagnostics) = all_files_with_diagnostics(content);
    let text = files
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html") || p.ends_with(".json") || p.ends_with(".csv"))
        .map(|(p, b)| (p, String::from_utf8(b).unwrap()))
        .collect();
    (text, diagnostics)
}

/// The site's pages and data files (HTML, JSON and CSV) as text.
pub fn text_files(content: &Path) -> BTreeMap<String, String> {
    text_files_with_diagnostics(content).0
}

/// The part of `text` from the first `start` up to (not including) the next `end` after it,
/// or to the end; panics when `start` is not there.
pub fn between<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let from = text
        .find(start)
        .unwrap_or_else(|| panic!("no {start:?} in the page"));
    let rest = &text[from..];
    &rest[..rest.find(end).unwrap_or(rest.len())]
}

/// The errors `hearth check` reports on a copy of `content` in which the file `rel` is
/// changed by `edit` (the copy is made under a temp dir named by `tag` and removed after).
pub fn errors_after(
    content: &Path,
    tag: &str,
    rel: &str,
    edit: impl FnOnce(String) -> String,
) -> Vec<String> {
    let tmp = TempDir::new(tag);
    let dir = tmp.path().join("content");
    copy_dir(content, &dir);
    let path = dir.join(rel);
    fs::write(&path, edit(fs::read_to_string(&path).unwrap())).unwrap();
    hearth::check(&dir)
        .diagnostics
        .iter()
        .filter(|d| d.severity == hearth_model::Severity::Error)
        .map(|d| d.to_string())
        .collect()
}

/// The errors among `diagnostics`, as printed.
pub fn error_texts(diagnostics: &[hearth::diag::Diagnostic]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(ToString::to_string)
        .collect()
}

/// The problems among `diagnostics` whose printed text contains `needle`.
pub fn texts_containing(diagnostics: &[hearth::diag::Diagnostic], needle: &str) -> Vec<String> {
    diagnostics
        .iter()
        .map(ToString::to_string)
        .filter(|d| d.contains(needle))
        .collect()
}

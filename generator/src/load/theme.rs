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

/// What a module glue (`static/wasm/NAME.js`) exports: `export class X`, `export function X`,
/// `export const X` and the names in `export { a, b as c }` (`default` included).
fn exports_of(glue: &str) -> Vec<String> {
    let mut names = Vec::new();
    for line in glue.lines() {
        let Some(decl) = line.strip_prefix("export ") else {
            continue;
        };
        if let Some(list) = decl.strip_prefix('{') {
            let list = list.split('}').next().unwrap_or("");
            for item in list.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let name = item.rsplit(" as ").next().unwrap_or(item).trim();
                names.push(name.to_string());
            }
        } else {
            let rest = ["class ", "function ", "async function ", "const ", "let "]
                .iter()
                .find_map(|k| decl.strip_prefix(k));
            if let Some(rest) = rest {
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '$')
                    .collect();
                if !name.is_empty() {
                    names.push(name);
                }
            } else if decl.starts_with("default") {
                names.push("default".into());
            }
        }
    }
    names
}

/// Warnings for the content's own scripts (`theme/static/js/*.js`) that import a name a
/// browser module does not export: a theme ejected before a module was split (search moved
/// from `hearth_wasm.js` to `hearth_search.js`) would otherwise fail only in the browser, where
/// the page falls back to working without JavaScript. `shown` is the theme folder as the
/// reader knows it (`CONTENT/theme`).
pub fn script_warnings(theme: &Theme, shown: &str) -> Vec<Diagnostic> {
    let glues: Vec<(&str, Vec<String>)> = theme
        .files
        .iter()
        .filter(|(p, _)| p.starts_with("static/wasm/") && p.ends_with(".js"))
        .map(|(p, b)| (p.as_str(), exports_of(&String::from_utf8_lossy(b))))
        .collect();
    let mut out = Vec::new();
    for path in theme.overridden.iter().filter(|p| {
        p.starts_with("static/") && p.ends_with(".js") && !p.starts_with("static/wasm/")
    }) {
        let Some(bytes) = theme.files.get(path) else {
            continue;
        };
        let text = String::from_utf8_lossy(bytes);
        for (n, line) in text.lines().enumerate() {
            let Some(import) = line.trim_start().strip_prefix("import ") else {
                continue;
            };
            let Some((names, spec)) = import.split_once(" from ") else {
                continue;
            };
            let spec = spec.trim().trim_end_matches(';').trim_matches(['\'', '"']);
            let Some(target) = crate::offline::resolve(path, spec) else {
                continue;
            };
            let Some((_, exported)) = glues.iter().find(|(g, _)| *g == target) else {
                continue;
            };
            let named = names
                .split_once('{')
                .map(|(_, rest)| rest.split('}').next().unwrap_or(""))
                .unwrap_or("");
            for name in named.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                let name = name.split(" as ").next().unwrap_or(name).trim();
                if exported.iter().any(|e| e == name) {
                    continue;
                }
                let column = line.find(name).map_or(1, |c| c + 1);
                let elsewhere = glues
                    .iter()
                    .find(|(g, e)| *g != target && e.iter().any(|x| x == name))
                    .map(|(g, _)| *g);
                let hint = match elsewhere {
                    Some(g) => format!(
                        "`{name}` is now in `{g}`: import it from `{}` (Hearth's own {path} shows how; `hearth theme eject` into an empty folder gives a copy to compare)",
                        relative_spec(path, g)
                    ),
                    // Taken out of `hearth_wasm.js` (December 2026) to make room for drawing the
                    // what-if charts; none of Hearth's own scripts used them.
                    None if name == "parsePeriod" || name == "formatNumber" => format!(
                        "`{name}` is no longer in the browser modules (December 2026): read the figures and dates the page already shows (Hearth writes them at build time, in the data-value attributes and the tables), or compare with Hearth's own {path} (`hearth theme eject` into an empty folder gives a copy)"
                    ),
                    None => format!(
                        "no browser module has `{name}`: compare with Hearth's own {path} (`hearth theme eject` into an empty folder gives a copy)"
                    ),
                };
                let mut d = Diagnostic::error(
                    crate::diag::Location {
                        file: format!("{shown}/{path}"),
                        pos: Some(super::yamlpos::Pos {
                            line: n + 1,
                            column,
                        }),
                        field: String::new(),
                    },
                    format!(
                        "this script imports `{name}` from `{spec}`, which does not export it: in the browser the script stops and the page works as without JavaScript"
                    ),
                )
                .with_expected(format!(
                    "a name `{spec}` exports: {}",
                    exported
                        .iter()
                        .filter(|e| *e != "default" && *e != "initSync")
                        .map(|e| format!("`{e}`"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .with_hint(hint)
                .with_source(&text);
                d.severity = hearth_model::Severity::Warning;
                out.push(d);
            }
        }
    }
    out
}

/// `to` (a theme path) as an import from the script at `from`: `../wasm/hearth_search.js`.
fn relative_spec(from: &str, to: &str) -> String {
    let mut dir: Vec<&str> = from.split('/').collect();
    dir.pop();
    let to: Vec<&str> = to.split('/').collect();
    let common = dir.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = dir.len() - common;
    let up = if ups == 0 {
        "./".to_string()
    } else {
        "../".repeat(ups)
    };
    format!("{up}{}", to[common..].join("/"))
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn with_script(path: &str, text: &str) -> Theme {
        let mut theme = Theme::embedded();
        theme
            .files
            .insert(path.into(), Cow::Owned(text.as_bytes().to_vec()));
        theme.overridden.push(path.into());
        theme
    }

    #[test]
    fn the_glues_exports_are_read() {
        let glue = "export class Search {\n}\nexport function formatNumber(v) {}\nexport { initSync, __wbg_init as default };\n";
        assert_eq!(
            exports_of(glue),
            ["Search", "formatNumber", "initSync", "default"]
        );
        assert_eq!(
            relative_spec("static/js/search.js", "static/wasm/hearth_search.js"),
            "../wasm/hearth_search.js"
        );
        assert_eq!(
            relative_spec("static/wasm2.js", "static/wasm/x.js"),
            "./wasm/x.js"
        );
    }

    #[test]
    fn a_script_ejected_before_the_search_module_was_split_is_warned_about() {
        // The embedded theme's own scripts import what their modules export.
        assert!(script_warnings(&Theme::embedded(), "c/theme").is_empty());
        let old = "// x\nimport init, { Search } from '../wasm/hearth_wasm.js';\n";
        let warnings = script_warnings(&with_script("static/js/search.js", old), "c/theme");
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        let w = &warnings[0];
        assert!(!w.is_error());
        assert_eq!(w.location.file, "c/theme/static/js/search.js");
        let pos = w.location.pos.unwrap();
        assert_eq!((pos.line, pos.column), (2, 16));
        assert!(
            w.message
                .contains("imports `Search` from `../wasm/hearth_wasm.js`")
        );
        assert!(w.expected.as_deref().unwrap().contains("`Filter`"));
        assert!(
            w.hint
                .as_deref()
                .unwrap()
                .contains("import it from `../wasm/hearth_search.js`"),
            "{:?}",
            w.hint
        );
        // The current import, an unknown name and a script that imports nothing of Hearth's.
        let new = "import init, { Search as S } from '../wasm/hearth_search.js';\n";
        assert!(script_warnings(&with_script("static/js/search.js", new), "t").is_empty());
        let gone = "import init, { Filter, parsePeriod } from '../wasm/hearth_wasm.js';\n";
        let w = script_warnings(&with_script("static/js/mine.js", gone), "t");
        assert_eq!(w.len(), 1, "{w:?}");
        assert!(w[0].message.contains("imports `parsePeriod`"));
        assert!(
            w[0].hint
                .as_deref()
                .unwrap()
                .contains("no longer in the browser modules")
        );
        let unknown = "import { Nope } from '../wasm/hearth_search.js';\n";
        let w = script_warnings(&with_script("static/js/mine.js", unknown), "t");
        assert!(
            w[0].hint
                .as_deref()
                .unwrap()
                .contains("no browser module has `Nope`")
        );
        let other = "import { x } from './util.js';\n";
        assert!(script_warnings(&with_script("static/js/mine.js", other), "t").is_empty());
    }
}

//! `hearth build --offline`: turn a rendered site into one that works opened from a folder
//! (`file://`), where browsers refuse module scripts and `fetch()`.
//!
//! Done on the finished file map, so theme overrides are included:
//! - links (and form actions) to folders (`plan/`, `../`) point at their `index.html`; root-absolute links
//!   (`/`) become relative to the page;
//! - every `<script type="module" src>` becomes a classic deferred script; the script itself
//!   is wrapped in a function, its `export`s dropped, and its import of a browser module
//!   (`static/wasm/hearth_wasm.js`, `static/wasm/hearth_search.js`) read from a global
//!   (`window.hearthWasm`, `window.hearthSearchWasm`) instead;
//! - each browser module's glue becomes a classic script that carries the wasm module as
//!   base64 and sets that global; it is loaded before each script that needs it, and the
//!   `.wasm` files are left out, as are the `<link rel="preload">` of the hosted pages that
//!   point at them and every `<link rel="modulepreload">`.
//!
//! Page data already sits in the pages (`<script type="application/json">`), so nothing is
//! fetched. The hosted build never goes through here.

use std::collections::{BTreeMap, BTreeSet};

/// A browser module as the theme embeds it: its wasm-bindgen glue, its binary and the global
/// its offline bundle sets.
struct Module {
    glue: &'static str,
    binary: &'static str,
    global: &'static str,
}

/// The browser modules (see `generator/build.rs`): filter and scenario, and search.
const MODULES: &[Module] = &[
    Module {
        glue: "static/wasm/hearth_wasm.js",
        binary: "static/wasm/hearth_wasm_bg.wasm",
        global: "hearthWasm",
    },
    Module {
        glue: "static/wasm/hearth_search.js",
        binary: "static/wasm/hearth_search_bg.wasm",
        global: "hearthSearchWasm",
    },
];

/// The browser module whose glue is at site path `path`.
fn module(path: &str) -> Option<&'static Module> {
    MODULES.iter().find(|m| m.glue == path)
}

/// A script that cannot be made to work offline: its site path (`static/js/charts.js`, the
/// same path under the content's `theme/`), the line (from 1) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// What an offline script may hold, for the error's "expected".
pub const EXPECTED: &str = "a script whose only imports are of the browser modules \
    (`import init, { Filter } from '../wasm/hearth_wasm.js';`, `import init, { Search } from \
    '../wasm/hearth_search.js';`) and whose exports are declarations";

/// The error's hint.
pub const HINT: &str = "hearth build --offline turns module scripts into classic ones, which \
    cannot import; put the script's helpers into the same file, or build without --offline";

/// Rewrite `files` for opening from a folder. An error names the script that cannot be made
/// to work offline (a theme script importing something other than the browser module).
pub fn make_offline(files: &mut BTreeMap<String, Vec<u8>>) -> Result<(), Problem> {
    // Scripts loaded as modules, by their path in the site.
    let mut modules = BTreeSet::new();
    for (path, bytes) in files.iter() {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes);
            for src in module_srcs(&html) {
                if let Some(target) = resolve(path, &src) {
                    modules.insert(target);
                }
            }
        }
    }
    // Each module as a classic script; remember which browser modules each needs.
    let mut needs_wasm: BTreeMap<String, BTreeSet<&'static str>> = BTreeMap::new();
    for path in &modules {
        let Some(bytes) = files.get(path) else {
            continue;
        };
        let source = String::from_utf8_lossy(bytes).into_owned();
        let (classic, wasm) = classic_script(path, &source)?;
        if !wasm.is_empty() {
            needs_wasm.insert(path.clone(), wasm);
        }
        files.insert(path.clone(), classic.into_bytes());
    }
    let used: BTreeSet<&str> = needs_wasm.values().flatten().copied().collect();
    for m in MODULES.iter().filter(|m| used.contains(m.glue)) {
        let missing = |file: &str| Problem {
            file: file.to_string(),
            line: 1,
            message: "the browser module is missing".into(),
        };
        let glue = files
            .get(m.glue)
            .map(|b| String::from_utf8_lossy(b).into_owned())
            .ok_or_else(|| missing(m.glue))?;
        let binary = files.get(m.binary).ok_or_else(|| missing(m.binary))?;
        let bundle = wasm_bundle(m, &glue, binary).map_err(|message| Problem {
            file: m.glue.to_string(),
            line: 1,
            message,
        })?;
        files.insert(m.glue.to_string(), bundle.into_bytes());
    }
    for m in MODULES {
        files.remove(m.binary);
    }
    for (path, bytes) in files.iter_mut() {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(bytes).into_owned();
            let html = rewrite_scripts(path, &html, &needs_wasm);
            *bytes = rewrite_links(path, &html).into_bytes();
        }
    }
    Ok(())
}

/// The `src` of every `<script type="module" src="...">` in a page.
fn module_srcs(html: &str) -> Vec<String> {
    const OPEN: &str = "<script type=\"module\" src=\"";
    html.match_indices(OPEN)
        .filter_map(|(at, _)| {
            let rest = &html[at + OPEN.len()..];
            rest.find('"').map(|end| unescape(&rest[..end]))
        })
        .collect()
}

/// Undo the attribute escaping a template applies to a URL (`&#x2f;` for `/`).
fn unescape(value: &str) -> String {
    value.replace("&#x2f;", "/")
}

/// The site path a relative URL in the file at `from` refers to (query and fragment dropped),
/// or `None` for an external URL or one leaving the site. Also reads a theme script's imports
/// (`load::theme::script_warnings`).
pub(crate) fn resolve(from: &str, url: &str) -> Option<String> {
    let (path, _) = split_url(url);
    if is_external(path) {
        return None;
    }
    let mut segments: Vec<&str> = if let Some(rooted) = path.strip_prefix('/') {
        return normalise(Vec::new(), rooted);
    } else {
        from.split('/').collect()
    };
    segments.pop();
    normalise(segments, path)
}

fn normalise<'a>(mut segments: Vec<&'a str>, path: &'a str) -> Option<String> {
    for seg in path.split('/') {
        match seg {
            "." => {}
            ".." => {
                segments.pop()?;
            }
            s => segments.push(s),
        }
    }
    let mut joined = segments.join("/");
    if joined.is_empty() || joined.ends_with('/') {
        joined.push_str("index.html");
    }
    Some(joined)
}

/// A URL's path and the rest (`?query` or `#fragment`); `&#` (an entity) is not a fragment.
fn split_url(url: &str) -> (&str, &str) {
    let bytes = url.as_bytes();
    let cut = (0..bytes.len())
        .find(|&i| bytes[i] == b'?' || (bytes[i] == b'#' && (i == 0 || bytes[i - 1] != b'&')))
        .unwrap_or(url.len());
    url.split_at(cut)
}

/// A URL with a scheme (`https:`, `mailto:`, `data:`) or a network path (`//host`).
fn is_external(path: &str) -> bool {
    if path.starts_with("//") {
        return true;
    }
    match path.find(':') {
        Some(colon) => {
            let scheme = &path[..colon];
            !scheme.is_empty()
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }
        None => false,
    }
}

/// The page's module scripts as classic deferred scripts, each that needs a browser module
/// preceded (once per page) by that module's offline bundle; the hosted page's preloads of
/// the browser modules left out.
fn rewrite_scripts(
    page: &str,
    html: &str,
    needs_wasm: &BTreeMap<String, BTreeSet<&'static str>>,
) -> String {
    const OPEN: &str = "<script type=\"module\" src=\"";
    let html = drop_preloads(page, html);
    let mut out = String::with_capacity(html.len());
    let mut rest = html.as_str();
    let mut wasm_loaded = BTreeSet::new();
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let after = &rest[at + OPEN.len()..];
        let Some(end) = after.find('"') else {
            out.push_str(&rest[at..]);
            return out;
        };
        let src = unescape(&after[..end]);
        let target = resolve(page, &src);
        for glue in target
            .as_ref()
            .and_then(|t| needs_wasm.get(t))
            .into_iter()
            .flatten()
        {
            if wasm_loaded.insert(*glue) {
                let wasm = relative(page, glue);
                out.push_str(&format!("<script src=\"{wasm}\" defer></script>\n"));
            }
        }
        out.push_str(&format!("<script src=\"{src}\" defer"));
        rest = &after[end + 1..];
        // An `async` module (the what-if page's, which need not wait for ECharts) runs in
        // order here: a classic async script could run before the bundle it reads.
        rest = rest.strip_prefix(" async").unwrap_or(rest);
    }
    out.push_str(rest);
    out
}

/// `html` without its `<link rel="modulepreload">` elements and the `<link rel="preload">`
/// elements that point at a browser module's files (and the line break after each): a folder
/// has no `.wasm` file, and the glue and every other module script become classic scripts.
fn drop_preloads(page: &str, html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<link rel=\"") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let Some(end) = after.find('>') else {
            break;
        };
        let tag = &after[..=end];
        // Every module script becomes a classic one, so no module preload is of use (from a
        // folder the browser refuses it, with an error in the console); a plain preload goes
        // when it points at a browser module's files.
        let drop = tag.starts_with("<link rel=\"modulepreload\"")
            || (tag.starts_with("<link rel=\"preload\"")
                && tag
                    .split_once(" href=\"")
                    .and_then(|(_, v)| v.split_once('"'))
                    .and_then(|(v, _)| resolve(page, &unescape(v)))
                    .is_some_and(|h| MODULES.iter().any(|m| h == m.glue || h == m.binary)));
        if drop {
            rest = after[end + 1..]
                .strip_prefix('\n')
                .unwrap_or(&after[end + 1..]);
        } else {
            out.push_str(tag);
            rest = &after[end + 1..];
        }
    }
    out.push_str(rest);
    out
}

/// The relative URL from the page at `from` to the site file `to`.
fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

/// Every relative `href`/`src` to a folder ends in `index.html`; root-absolute ones become
/// relative to the page.
fn rewrite_links(page: &str, html: &str) -> String {
    let mut out = String::with_capacity(html.len() + html.len() / 20);
    let mut rest = html;
    loop {
        let next = ["href=\"", "src=\"", "action=\""]
            .iter()
            .filter_map(|attr| rest.find(attr).map(|at| (at, attr.len())))
            .min();
        let Some((at, len)) = next else {
            break;
        };
        let start = at + len;
        // Only attributes: the name starts a word.
        let boundary = at == 0 || rest.as_bytes()[at - 1].is_ascii_whitespace();
        out.push_str(&rest[..start]);
        let after = &rest[start..];
        let Some(end) = after.find('"') else {
            rest = after;
            break;
        };
        let value = &after[..end];
        if boundary {
            out.push_str(&offline_url(page, value));
        } else {
            out.push_str(value);
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

/// One URL as it must read in the offline site.
fn offline_url(page: &str, value: &str) -> String {
    let url = unescape(value);
    let (path, tail) = split_url(&url);
    if is_external(path) || (path.is_empty() && !tail.is_empty()) {
        return value.to_string();
    }
    let mut path = match path.strip_prefix('/') {
        Some(rooted) => relative(page, rooted),
        None => path.to_string(),
    };
    if path.is_empty() || path.ends_with('/') {
        path.push_str("index.html");
    } else if path == "." || path == ".." || path.ends_with("/.") || path.ends_with("/..") {
        path.push_str("/index.html");
    }
    format!("{path}{tail}")
}

/// A module script as a classic one: wrapped in a function, `export` dropped, an import of
/// a browser module read from its global (`window.hearthWasm`). Also says which browser
/// modules (their glue's site path) it used.
fn classic_script(path: &str, source: &str) -> Result<(String, BTreeSet<&'static str>), Problem> {
    let mut body = String::with_capacity(source.len() + 64);
    let mut wasm = BTreeSet::new();
    for (n, line) in source.lines().enumerate() {
        let cannot = |what: &str| Problem {
            file: path.to_string(),
            line: n + 1,
            message: format!(
                "this script {what}, which cannot work in a site opened from a folder (--offline)"
            ),
        };
        let trimmed = line.trim_start();
        if let Some(import) = trimmed.strip_prefix("import ") {
            let Some((names, spec)) = import.split_once(" from ") else {
                return Err(cannot("has an import without `from`"));
            };
            let spec = spec.trim().trim_end_matches(';').trim_matches(['\'', '"']);
            let Some(m) = resolve(path, spec).as_deref().and_then(module) else {
                return Err(cannot(&format!("imports {spec}")));
            };
            body.push_str(&format!(
                "const {} = window.{};\n",
                bindings(names.trim()),
                m.global
            ));
            wasm.insert(m.glue);
        } else if trimmed.contains("import.meta") || trimmed.contains("import(") {
            return Err(cannot("uses import.meta or import()"));
        } else if let Some(declaration) = trimmed.strip_prefix("export ") {
            if declaration.starts_with('{') || declaration.starts_with("default") {
                return Err(cannot("has an export list or a default export"));
            }
            body.push_str(declaration);
            body.push('\n');
        } else {
            body.push_str(line);
            body.push('\n');
        }
    }
    Ok((
        format!(
            "// {path} for a site opened from a folder (hearth build --offline).\n(() => {{\n'use strict';\n{body}}})();\n"
        ),
        wasm,
    ))
}

/// `init, { Filter, X as Y }` as a destructuring pattern `{ default: init, Filter, X: Y }`.
fn bindings(names: &str) -> String {
    let (default, named) = match names.find('{') {
        Some(open) => (
            names[..open].trim().trim_end_matches(',').trim(),
            names[open + 1..].trim_end().trim_end_matches('}'),
        ),
        None => (names, ""),
    };
    let mut parts = Vec::new();
    if !default.is_empty() {
        parts.push(format!("default: {default}"));
    }
    for name in named.split(',').map(str::trim).filter(|n| !n.is_empty()) {
        match name.split_once(" as ") {
            Some((from, to)) => parts.push(format!("{}: {}", from.trim(), to.trim())),
            None => parts.push(name.to_string()),
        }
    }
    format!("{{ {} }}", parts.join(", "))
}

/// The wasm-bindgen glue as a classic script carrying the module's bytes in base64, setting
/// the module's global (`window.hearthWasm`: its exports, `default` instantiating from the
/// bytes).
fn wasm_bundle(module: &Module, glue: &str, binary: &[u8]) -> Result<String, String> {
    let mut body = String::with_capacity(glue.len());
    let mut exports = vec!["default: () => __wbg_init({ module_or_path: bytes })".to_string()];
    for line in glue.lines() {
        if let Some(declaration) = line.strip_prefix("export ") {
            if declaration.starts_with('{') {
                continue; // `export { initSync, __wbg_init as default };`
            }
            let name = declaration
                .trim_start_matches("async ")
                .trim_start_matches("function ")
                .trim_start_matches("class ")
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '$'))
                .next()
                .unwrap_or_default();
            if name.is_empty() {
                return Err(format!("{}: cannot read the export `{line}`", module.glue));
            }
            exports.push(name.to_string());
            body.push_str(declaration);
        } else {
            body.push_str(&line.replace("import.meta.url", "document.baseURI"));
        }
        body.push('\n');
    }
    exports.push("initSync".to_string());
    Ok(format!(
        "// The browser module {} (hearth-wasm) for a site opened from a folder (hearth build \
         --offline):\n// the wasm-bindgen glue as a classic script, the module's bytes in \
         base64, instantiated from them.\n(() => {{\n'use strict';\n{body}\nconst bytes = \
         Uint8Array.from(atob('{}'), (c) => c.charCodeAt(0));\nwindow.{} = {{ {} }};\n}})();\n",
        module.glue,
        base64(binary),
        module.global,
        exports.join(", ")
    ))
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (i, &b)| n | (u32::from(b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foob"), "Zm9vYg==");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }

    #[test]
    fn folder_links_point_at_index_html() {
        let page = "plan/index.html";
        assert_eq!(offline_url(page, "..&#x2f;"), "../index.html");
        assert_eq!(
            offline_url(page, "..&#x2f;market&#x2f;#asks"),
            "../market/index.html#asks"
        );
        assert_eq!(offline_url(page, "fc-01/?x=1"), "fc-01/index.html?x=1");
        assert_eq!(offline_url(page, "/"), "../index.html");
        assert_eq!(offline_url(page, "."), "./index.html");
        assert_eq!(offline_url(page, "#main"), "#main");
        assert_eq!(offline_url(page, "data.csv"), "data.csv");
        assert_eq!(
            offline_url(page, "https:&#x2f;&#x2f;example.org&#x2f;"),
            "https:&#x2f;&#x2f;example.org&#x2f;"
        );
        assert_eq!(offline_url(page, "mailto:a@b.org"), "mailto:a@b.org");
    }

    #[test]
    fn imports_of_the_browser_module_read_the_global() {
        let (js, wasm) = classic_script(
            "static/js/filter.js",
            "import init, { Filter } from '../wasm/hearth_wasm.js';\nexport function f() {}\n",
        )
        .unwrap();
        assert_eq!(wasm, BTreeSet::from(["static/wasm/hearth_wasm.js"]));
        assert!(js.contains("const { default: init, Filter } = window.hearthWasm;"));
        let (search, wasm) = classic_script(
            "static/js/search.js",
            "import init, { Search } from '../wasm/hearth_search.js';\n",
        )
        .unwrap();
        assert_eq!(wasm, BTreeSet::from(["static/wasm/hearth_search.js"]));
        assert!(search.contains("const { default: init, Search } = window.hearthSearchWasm;"));
        let (_, wasm) = classic_script("static/js/charts.js", "export const a = 1;\n").unwrap();
        assert!(wasm.is_empty());
        assert!(js.contains("\nfunction f() {}"));
        let err = classic_script("static/js/x.js", "// x\nimport a from './a.js';\n").unwrap_err();
        assert_eq!((err.file.as_str(), err.line), ("static/js/x.js", 2));
        assert!(err.message.contains("imports ./a.js"), "{}", err.message);
    }

    #[test]
    fn preloads_of_the_browser_modules_are_left_out() {
        let html = "<head>\n<link rel=\"stylesheet\" href=\"..&#x2f;static&#x2f;css&#x2f;site.css\">\n\
            <link rel=\"modulepreload\" href=\"..&#x2f;static&#x2f;wasm&#x2f;hearth_wasm.js\">\n\
            <link rel=\"preload\" href=\"..&#x2f;static&#x2f;wasm&#x2f;hearth_wasm_bg.wasm\" as=\"fetch\" type=\"application&#x2f;wasm\" crossorigin>\n\
            <link rel=\"preload\" href=\"..&#x2f;static&#x2f;vendor&#x2f;echarts&#x2f;echarts.min.js\" as=\"script\">\n\
            <link rel=\"modulepreload\" href=\"..&#x2f;static&#x2f;js&#x2f;charts.js\">\n\
            <link rel=\"preload\" href=\"..&#x2f;static&#x2f;fonts&#x2f;a.woff2\" as=\"font\">\n</head>";
        let out = drop_preloads("plan/index.html", html);
        // A classic script's preload stays; every module preload goes.
        assert_eq!(
            out,
            "<head>\n<link rel=\"stylesheet\" href=\"..&#x2f;static&#x2f;css&#x2f;site.css\">\n\
            <link rel=\"preload\" href=\"..&#x2f;static&#x2f;vendor&#x2f;echarts&#x2f;echarts.min.js\" as=\"script\">\n\
            <link rel=\"preload\" href=\"..&#x2f;static&#x2f;fonts&#x2f;a.woff2\" as=\"font\">\n</head>"
        );
    }

    #[test]
    fn an_async_module_runs_in_order_after_its_bundle() {
        let needs = BTreeMap::from([(
            "static/js/scenario.js".to_string(),
            BTreeSet::from(["static/wasm/hearth_wasm.js"]),
        )]);
        let html = "<script type=\"module\" src=\"..&#x2f;static/js/scenario.js\" async></script>";
        let out = rewrite_scripts("scenarios/index.html", html, &needs);
        assert!(!out.contains("async"), "{out}");
        assert!(
            out.ends_with("<script src=\"../static/js/scenario.js\" defer></script>"),
            "{out}"
        );
        assert!(
            out.starts_with("<script src=\"../static/wasm/hearth_wasm.js\" defer></script>\n"),
            "{out}"
        );
    }
}

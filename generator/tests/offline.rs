//! `hearth build --offline`: a site that works opened from a folder (`file://`). Every link
//! to a folder names its `index.html`, no script is a module, every script and asset a page
//! names is a file of the site, the build is deterministic, and theme overrides still apply.
//! (tests/browser/offline.test.mjs opens the pages in Chromium.)

#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

mod support;
use support::{TempDir, copy_dir, example_content, snapshot};

fn offline_site(content: &Path, tmp: &TempDir) -> BTreeMap<String, Vec<u8>> {
    let out = tmp.path().join("site");
    let report = hearth::build_offline(content, &out);
    assert!(report.written, "{:#?}", report.diagnostics);
    snapshot(&out)
}

/// Every `href="..."` and `src="..."` attribute value in a page, `&#x2f;` read as `/`.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for (at, _) in html.match_indices(attr) {
            let rest = &html[at + attr.len()..];
            found.push(rest[..rest.find('"').unwrap()].replace("&#x2f;", "/"));
        }
    }
    found
}

/// The site file `url` (relative to the page `page`) names, or `None` for an external URL
/// or a fragment of the page itself.
fn target(page: &str, url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap();
    let scheme = path.split_once(':').is_some_and(|(s, _)| {
        !s.is_empty()
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    });
    if path.is_empty() || scheme || path.starts_with("//") {
        return None;
    }
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "." => {}
            ".." => {
                assert!(parts.pop().is_some(), "{page}: {url} leaves the site");
            }
            s => parts.push(s),
        }
    }
    Some(parts.join("/"))
}

fn check_offline(site: &BTreeMap<String, Vec<u8>>) {
    let mut pages = 0;
    for (page, bytes) in site {
        if !page.ends_with(".html") {
            continue;
        }
        pages += 1;
        let html = std::str::from_utf8(bytes).unwrap();
        assert!(
            !html.contains("type=\"module\""),
            "{page} loads a module script"
        );
        assert!(
            html.contains("script-src 'self' 'wasm-unsafe-eval'"),
            "{page} keeps its CSP"
        );
        for url in references(html) {
            assert!(
                !url.starts_with('/') || url.starts_with("//"),
                "{page}: root-absolute link {url}"
            );
            let Some(file) = target(page, &url) else {
                continue;
            };
            assert!(
                !file.is_empty() && !file.ends_with('/'),
                "{page}: {url} links to a folder"
            );
            assert!(
                site.contains_key(&file),
                "{page}: {url} names no file ({file})"
            );
        }
    }
    assert!(pages > 10, "only {pages} pages");
    assert!(
        !site.keys().any(|p| p.ends_with(".wasm")),
        "the wasm module travels inside a script"
    );
}

#[test]
fn the_offline_example_links_to_files_and_loads_no_modules() {
    let tmp = TempDir::new("offline-example");
    let site = offline_site(&example_content(), &tmp);
    check_offline(&site);
    let plan = std::str::from_utf8(&site["plan/index.html"]).unwrap();
    let wasm = plan
        .find("src=\"../static/wasm/hearth_wasm.js\" defer")
        .unwrap();
    let filter = plan.find("src=\"../static/js/filter.js\" defer").unwrap();
    assert!(wasm < filter, "the browser module loads before the filter");
    let bundle = std::str::from_utf8(&site["static/wasm/hearth_wasm.js"]).unwrap();
    assert!(bundle.contains("window.hearthWasm = {") && !bundle.contains("import.meta"));
    // Search has its own browser module, loaded only by the search page.
    let search = std::str::from_utf8(&site["search/index.html"]).unwrap();
    let module = search
        .find("src=\"../static/wasm/hearth_search.js\" defer")
        .unwrap();
    assert!(module < search.find("src=\"../static/js/search.js\" defer").unwrap());
    assert!(!search.contains("hearth_wasm.js") && !plan.contains("hearth_search.js"));
    let bundle = std::str::from_utf8(&site["static/wasm/hearth_search.js"]).unwrap();
    assert!(bundle.contains("window.hearthSearchWasm = {") && !bundle.contains("import.meta"));
    // The hosted pages' preloads of the modules are left out: a folder has no .wasm file.
    for page in [plan, search] {
        assert!(!page.contains("preload"), "{page}");
    }
    for script in [
        "static/js/filter.js",
        "static/js/scenario.js",
        "static/js/charts.js",
    ] {
        let js = std::str::from_utf8(&site[script]).unwrap();
        assert!(
            js.contains("(() => {\n'use strict';"),
            "{script} is wrapped"
        );
        assert!(
            !js.lines()
                .any(|l| l.starts_with("import ") || l.starts_with("export ")),
            "{script} is a module still"
        );
    }
}

#[test]
fn the_offline_region_links_to_files_and_loads_no_modules() {
    let tmp = TempDir::new("offline-region");
    let region = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../examples/region");
    check_offline(&offline_site(&region, &tmp));
}

#[test]
fn the_offline_build_is_deterministic_and_the_hosted_one_unchanged() {
    let tmp = TempDir::new("offline-twice");
    let first = offline_site(&example_content(), &tmp);
    let again = TempDir::new("offline-twice-again");
    assert!(first == offline_site(&example_content(), &again));
    let hosted = tmp.path().join("hosted");
    assert!(hearth::build(&example_content(), &hosted).written);
    let hosted = snapshot(&hosted);
    // The check above fails on the hosted site (folder links, module scripts, the .wasm file).
    let hosted_passes = std::panic::catch_unwind(|| check_offline(&hosted)).is_ok();
    assert!(
        !hosted_passes,
        "check_offline cannot tell a hosted site from an offline one"
    );
    assert!(hosted.contains_key("static/wasm/hearth_wasm_bg.wasm"));
    assert!(hosted.contains_key("static/wasm/hearth_search_bg.wasm"));
    let plan = std::str::from_utf8(&hosted["plan/index.html"]).unwrap();
    assert!(plan.contains("<script type=\"module\""));
    // The hosted page starts the module's download with its own (see base.html's head block).
    assert!(plan.contains(
        "<link rel=\"preload\" href=\"..&#x2f;static/wasm/hearth_wasm_bg.wasm\" as=\"fetch\" type=\"application/wasm\" crossorigin>"
    ));
    assert!(
        plan.contains("<link rel=\"modulepreload\" href=\"..&#x2f;static/wasm/hearth_wasm.js\">")
    );
    assert!(plan.contains("href=\"..&#x2f;\""));
}

#[test]
fn theme_scripts_are_used_offline_and_a_foreign_import_is_refused() {
    let tmp = TempDir::new("offline-theme");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let js = content.join("theme/static/js");
    std::fs::create_dir_all(&js).unwrap();
    std::fs::write(
        js.join("charts.js"),
        "// council charts\nexport const drawn = 1;\n",
    )
    .unwrap();
    let site = offline_site(&content, &tmp);
    let charts = std::str::from_utf8(&site["static/js/charts.js"]).unwrap();
    assert!(
        charts.contains("// council charts\nconst drawn = 1;\n"),
        "{charts}"
    );

    std::fs::write(
        js.join("charts.js"),
        "// council charts\nimport { x } from './helpers.js';\n",
    )
    .unwrap();
    let out = tmp.path().join("refused");
    let report = hearth::build_offline(&content, &out);
    assert!(!report.written && !out.exists());
    let message = report
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(
        message.contains("theme/static/js/charts.js:2:1")
            && message.contains("imports ./helpers.js"),
        "{message}"
    );
    // The hosted build takes the same theme as it is.
    assert!(hearth::build(&content, &tmp.path().join("hosted")).written);
}

#[test]
fn offline_is_an_option_of_build_only() {
    let tmp = TempDir::new("offline-cli");
    let hearth = env!("CARGO_BIN_EXE_hearth");
    let check = Command::new(hearth)
        .args(["check", "--offline"])
        .arg(example_content())
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&check.stderr).contains("--offline belongs to the build command")
    );
    let out = tmp.path().join("site");
    let build = Command::new(hearth)
        .arg("build")
        .arg(example_content())
        .arg("--offline")
        .arg("--out")
        .arg(&out)
        .output()
        .unwrap();
    assert!(
        build.status.success(),
        "{}",
        String::from_utf8_lossy(&build.stderr)
    );
    assert!(
        out.join("index.html").exists() && !out.join("static/wasm/hearth_wasm_bg.wasm").exists()
    );
}

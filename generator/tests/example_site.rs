//! Builds the example content (`content/` at the top of the workspace) and checks the site
//! as a reader and a data user would meet it: a page for every action and measure, working
//! links and anchors, well-formed open data, and the same bytes on every build.

#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use serde_json::Value;

mod support;
use support::{TempDir, snapshot};

fn example_content() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

/// Build the example content into a fresh folder; returns the folder and its files.
fn build_example(tag: &str) -> (TempDir, BTreeMap<String, Vec<u8>>) {
    let tmp = TempDir::new(tag);
    let out = tmp.path().join("public");
    let report = hearth::build(&example_content(), &out);
    let shown: Vec<String> = report.diagnostics.iter().map(|d| d.to_string()).collect();
    assert_eq!(
        report.errors(),
        0,
        "the example content has errors:\n{}",
        shown.join("\n")
    );
    assert!(report.written, "nothing was written");
    let files = snapshot(&out);
    (tmp, files)
}

fn text<'a>(files: &'a BTreeMap<String, Vec<u8>>, path: &str) -> &'a str {
    let bytes = files
        .get(path)
        .unwrap_or_else(|| panic!("{path} was not written"));
    std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
}

/// HTML-escape as minijinja's auto-escaping does.
fn html_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '/' => out.push_str("&#x2f;"),
            c => out.push(c),
        }
    }
    out
}

/// Decode the character references that can appear in an attribute value.
fn html_unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest.find(';').filter(|&e| e <= 10) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ => {
                if let Some(hex) = entity
                    .strip_prefix("#x")
                    .or_else(|| entity.strip_prefix("#X"))
                {
                    u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
                } else if let Some(dec) = entity.strip_prefix('#') {
                    dec.parse().ok().and_then(char::from_u32)
                } else {
                    None
                }
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of every `attr="..."` (or `attr='...'`) in `html`, decoded.
fn attribute_values(html: &str, attr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let bytes = html.as_bytes();
    let needle = format!("{attr}=");
    let mut from = 0;
    while let Some(i) = html[from..].find(&needle) {
        let at = from + i;
        from = at + needle.len();
        // Only whole attribute names: `href=` but not `data-href=`.
        if at > 0 && !bytes[at - 1].is_ascii_whitespace() {
            continue;
        }
        let Some(&quote) = bytes.get(from) else {
            break;
        };
        if quote != b'"' && quote != b'\'' {
            continue;
        }
        let start = from + 1;
        let Some(len) = html[start..].find(quote as char) else {
            break;
        };
        out.push(html_unescape(&html[start..start + len]));
        from = start + len + 1;
    }
    out
}

/// Resolve `href` (already without its fragment and query) against the folder of `page`,
/// giving a path relative to the site root; `None` if it climbs out of the site.
fn resolve(page: &str, href: &str) -> Option<String> {
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop(); // the page's own file name
    if href.is_empty() {
        return Some(page.to_string());
    }
    let (mut parts, href) = match href.strip_prefix('/') {
        Some(h) => (Vec::new(), h),
        None => (parts, href),
    };
    let segments: Vec<&str> = href.split('/').collect();
    let last = segments.len() - 1;
    for (i, seg) in segments.iter().enumerate() {
        match *seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
        if i == last && (seg.is_empty() || *seg == "." || *seg == "..") {
            parts.push("index.html");
        }
    }
    Some(parts.join("/"))
}

fn is_external(href: &str) -> bool {
    let lower = href.trim().to_ascii_lowercase();
    ["http:", "https:", "mailto:", "tel:"]
        .iter()
        .any(|s| lower.starts_with(s))
}

fn has_id(html: &str, id: &str) -> bool {
    html.contains(&format!("id=\"{id}\"")) || html.contains(&format!("id='{id}'"))
}

#[test]
fn every_action_and_measure_has_its_pages_and_data() {
    let (_tmp, files) = build_example("pages");
    let loaded = hearth::load::load(&example_content());
    assert!(!loaded.has_errors());
    let c = &loaded.content;
    assert!(c.actions().count() > 0 && !c.metrics.is_empty());

    let plan = text(&files, "plan/index.html");
    let mut missing = Vec::new();
    for (_, a) in c.actions() {
        for path in [format!("plan/{}/index.html", a.id)] {
            if !files.contains_key(&path) {
                missing.push(path);
            }
        }
        let title = html_escape(&a.title);
        if !plan.contains(&title) {
            missing.push(format!("plan/index.html: the title of {} ({title})", a.id));
        }
        let marker = format!("data-action-id=\"{}\"", a.id);
        if !plan.contains(&marker) {
            missing.push(format!("plan/index.html: {marker}"));
        }
    }
    for m in &c.metrics {
        for path in [
            format!("measures/{}/index.html", m.id),
            format!("data/metrics/{}.csv", m.id),
        ] {
            if !files.contains_key(&path) {
                missing.push(path);
            }
        }
    }
    assert!(
        missing.is_empty(),
        "missing from the site:\n{}",
        missing.join("\n")
    );
}

/// Every internal `href`/`src` in the HTML files that does not lead to a file, or to an
/// `id` in it for a `#fragment`; and how many internal links were followed.
fn broken_links(files: &BTreeMap<String, Vec<u8>>) -> (BTreeSet<String>, usize) {
    let mut broken = BTreeSet::new();
    let mut checked = 0;
    for (page, bytes) in files {
        if !page.ends_with(".html") {
            continue;
        }
        let html = std::str::from_utf8(bytes).unwrap();
        let mut links = attribute_values(html, "href");
        links.extend(attribute_values(html, "src"));
        for link in links {
            if is_external(&link) {
                continue;
            }
            checked += 1;
            let (before_fragment, fragment) = match link.split_once('#') {
                Some((p, f)) => (p, Some(f)),
                None => (link.as_str(), None),
            };
            let path = before_fragment.split('?').next().unwrap_or("");
            let Some(target) = resolve(page, path) else {
                broken.insert(format!("{page}: {link} leaves the site"));
                continue;
            };
            let Some(target_bytes) = files.get(&target) else {
                broken.insert(format!("{page}: {link} -> {target} does not exist"));
                continue;
            };
            if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                let target_html = String::from_utf8_lossy(target_bytes);
                if !has_id(&target_html, f) {
                    broken.insert(format!("{page}: {link} -> no id=\"{f}\" in {target}"));
                }
            }
        }
    }
    (broken, checked)
}

#[test]
fn every_internal_link_and_anchor_resolves() {
    let (_tmp, files) = build_example("links");
    let (broken, checked) = broken_links(&files);
    assert!(checked > 100, "only {checked} internal links found");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn full_features_fixture_links_resolve() {
    // The fixture uses every link scheme in Markdown, in pages and in YAML fields.
    let content =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/full-features");
    let tmp = TempDir::new("full-features");
    let out = tmp.path().join("public");
    let report = hearth::build(&content, &out);
    assert_eq!(report.errors(), 0);
    let files = snapshot(&out);
    let (broken, checked) = broken_links(&files);
    assert!(checked > 50, "only {checked} internal links found");
    assert!(
        broken.is_empty(),
        "{} broken links:\n{}",
        broken.len(),
        broken.into_iter().collect::<Vec<_>>().join("\n")
    );
    // Each content link in the introduction page became a working link.
    let intro = String::from_utf8_lossy(&files["introduction/index.html"]).to_string();
    let links = attribute_values(&intro, "href");
    for want in [
        "../strategy/#aim-range-of-homes",
        "../priorities/foster-care/",
        "../plan/fc-01/",
        "../measures/fostering-households/",
        "../plan/#workstream-fostering",
        "../glossary/",
        "../facts/#breakdown-placement-types",
        "https://www.gov.uk/",
        "mailto:placements@example.org",
        "tel:01000000000",
    ] {
        assert!(
            links.iter().any(|l| l == want),
            "no link to {want} in {links:?}"
        );
    }
    assert!(!intro.contains("href=\"#\""), "a content link was dropped");
}

fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if !(digits(0..4) && digits(5..7) && digits(8..10)) {
        return false;
    }
    let month: u32 = s[5..7].parse().unwrap();
    let day: u32 = s[8..10].parse().unwrap();
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[test]
fn actions_json_is_well_formed() {
    let (_tmp, files) = build_example("json");
    let loaded = hearth::load::load(&example_content());
    let json: Value = serde_json::from_str(text(&files, "data/actions.json")).unwrap();
    let items = json.as_array().expect("data/actions.json is an array");
    let mut problems = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(obj) = item.as_object() else {
            problems.push(format!("[{i}] is not an object"));
            continue;
        };
        for key in ["id", "title", "workstream", "timescale"] {
            if !obj.get(key).is_some_and(Value::is_string) {
                problems.push(format!(
                    "[{i}].{key} is missing or not text: {:?}",
                    obj.get(key)
                ));
            }
        }
        // No rating is null (the action is not rated), never a made-up word.
        match obj.get("rag") {
            Some(Value::Null) => {}
            Some(Value::String(r))
                if ["red", "amber", "green", "complete", "not-started"].contains(&r.as_str()) => {}
            other => problems.push(format!("[{i}].rag is not a rating or null: {other:?}")),
        }
        for key in ["status", "owner"] {
            if !obj.get(key).is_some_and(|v| v.is_string() || v.is_null()) {
                problems.push(format!("[{i}].{key} is missing or not text/null"));
            }
        }
        for key in ["start", "end"] {
            match obj.get(key) {
                Some(Value::Null) => {}
                Some(Value::String(s)) if is_iso_date(s) => {}
                other => problems.push(format!("[{i}].{key} is not YYYY-MM-DD or null: {other:?}")),
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    let in_json: Vec<&str> = items.iter().filter_map(|v| v["id"].as_str()).collect();
    let in_content: Vec<&str> = loaded
        .content
        .actions()
        .map(|(_, a)| a.id.as_str())
        .collect();
    assert_eq!(in_json.len(), in_content.len());
    assert_eq!(
        in_json.iter().collect::<BTreeSet<_>>(),
        in_content.iter().collect::<BTreeSet<_>>()
    );
    let workstreams: BTreeSet<&str> = loaded
        .content
        .workstreams
        .iter()
        .map(|w| w.id.as_str())
        .collect();
    for item in items {
        let w = item["workstream"].as_str().unwrap();
        assert!(workstreams.contains(w), "unknown workstream {w}");
    }
}

#[test]
fn builds_are_byte_identical() {
    let (_a, first) = build_example("twice-a");
    let (_b, second) = build_example("twice-b");
    assert_eq!(
        first.keys().collect::<Vec<_>>(),
        second.keys().collect::<Vec<_>>(),
        "the two builds wrote different files"
    );
    let differ: Vec<&String> = first
        .iter()
        .filter(|(path, bytes)| second.get(*path) != Some(*bytes))
        .map(|(path, _)| path)
        .collect();
    assert!(differ.is_empty(), "files differ between builds: {differ:?}");
}

#[test]
fn link_helpers() {
    assert_eq!(
        resolve("plan/a/index.html", "../../").unwrap(),
        "index.html"
    );
    assert_eq!(
        resolve("plan/a/index.html", "../b/").unwrap(),
        "plan/b/index.html"
    );
    assert_eq!(resolve("index.html", "data/x.csv").unwrap(), "data/x.csv");
    assert_eq!(resolve("index.html", "").unwrap(), "index.html");
    assert_eq!(resolve("plan/index.html", "..").unwrap(), "index.html");
    assert!(resolve("index.html", "../x").is_none());
    assert_eq!(html_unescape("..&#x2f;a&amp;b&#39;"), "../a&b'");
    assert_eq!(
        html_escape("Carers' \"plan\" & <more>/less"),
        "Carers&#x27; &quot;plan&quot; &amp; &lt;more&gt;&#x2f;less"
    );
    assert_eq!(
        attribute_values("<a href=\"x\" data-href=\"no\"><img src='y'>", "href"),
        ["x"]
    );
    assert!(is_iso_date("2024-03-31") && !is_iso_date("2024-13-01") && !is_iso_date("31/03/2024"));
}

//! The injection corpus: the example content with hostile text in every kind of text field
//! (generator/examples/injection_site.rs) builds, and nothing in it can run. Every page is
//! read the way a browser tokenises HTML: the only scripts are the theme's module and vendor
//! scripts and JSON blocks (which must parse as JSON, so nothing closed them early), no tag
//! has an event-handler, `style` or `srcdoc` attribute, no address runs code (after entity
//! decoding and the whitespace a browser ignores), and template syntax was never evaluated.
//! Every published CSV cell that a spreadsheet would run as a formula is neutralised.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::fs;

mod support;
use support::{TempDir, copy_dir, example_content, snapshot};

#[allow(dead_code)]
#[path = "../examples/injection_site.rs"]
mod injection_site;

/// A start tag: lower-cased name and attributes (names lower-cased, values entity-decoded).
#[derive(Debug)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

impl Tag {
    fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

/// Decode character references as a browser does in attribute values (the named ones
/// that matter for addresses, and every numeric one, with or without the `;`).
fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at + 1..];
        if let Some(num) = tail.strip_prefix('#') {
            let (hex, digits) = match num.strip_prefix(['x', 'X']) {
                Some(h) => (true, h),
                None => (false, num),
            };
            let len = digits
                .chars()
                .take_while(|c| {
                    if hex {
                        c.is_ascii_hexdigit()
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .count();
            if len > 0 {
                let value = u32::from_str_radix(&digits[..len], if hex { 16 } else { 10 })
                    .ok()
                    .and_then(char::from_u32)
                    .unwrap_or('\u{fffd}');
                out.push(value);
                let after = &digits[len..];
                rest = after.strip_prefix(';').unwrap_or(after);
                continue;
            }
        }
        let named = [
            ("amp;", '&'),
            ("lt;", '<'),
            ("gt;", '>'),
            ("quot;", '"'),
            ("apos;", '\''),
            ("colon;", ':'),
            ("Tab;", '\t'),
            ("NewLine;", '\n'),
            ("sol;", '/'),
            ("lpar;", '('),
            ("rpar;", ')'),
        ];
        if let Some((name, c)) = named.iter().find(|(n, _)| tail.starts_with(n)) {
            out.push(*c);
            rest = &tail[name.len()..];
        } else {
            out.push('&');
            rest = tail;
        }
    }
    out.push_str(rest);
    out
}

/// The scheme a browser would use for this (decoded) address: tabs and newlines removed
/// anywhere, C0 controls and spaces trimmed, lower-cased; `None` for a relative address.
fn browser_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let colon = cleaned.find(':')?;
    let head = &cleaned[..colon];
    let mut chars = head.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c)))
        .then(|| head.to_ascii_lowercase())
}

/// Tokenise `html` like a browser (comments, raw-text elements, quoted and unquoted
/// attribute values) and return its start tags, each with the raw text it contains when it
/// is a `script`, `style`, `title` or `textarea`.
fn start_tags(html: &str) -> Vec<(Tag, Option<String>)> {
    let bytes = html.as_bytes();
    let lower = html.to_ascii_lowercase();
    let mut tags = Vec::new();
    let mut i = 0;
    while let Some(off) = html[i..].find('<') {
        i += off;
        let rest = &html[i..];
        if let Some(comment) = rest.strip_prefix("<!--") {
            i += comment.find("-->").map_or(rest.len(), |e| e + 7);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            i += rest.find('>').map_or(rest.len(), |e| e + 1);
            continue;
        }
        if !rest[1..].starts_with(|c: char| c.is_ascii_alphabetic()) {
            i += 1;
            continue;
        }
        // Tag name.
        let mut j = i + 1;
        while j < bytes.len() && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>') {
            j += 1;
        }
        let name = lower[i + 1..j].to_string();
        let mut attrs = Vec::new();
        // Attributes.
        loop {
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'/') {
                j += 1;
            }
            if j >= bytes.len() || bytes[j] == b'>' {
                j += 1;
                break;
            }
            let start = j;
            j += 1;
            while j < bytes.len()
                && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'>' | b'=')
            {
                j += 1;
            }
            let attr = lower[start..j].to_string();
            while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
                j += 1;
            }
            let mut value = String::new();
            if j < bytes.len() && bytes[j] == b'=' {
                j += 1;
                while j < bytes.len() && matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r') {
                    j += 1;
                }
                if j < bytes.len() && matches!(bytes[j], b'"' | b'\'') {
                    let q = bytes[j] as char;
                    let end = html[j + 1..].find(q).map_or(html.len(), |e| j + 1 + e);
                    value = decode_entities(&html[j + 1..end]);
                    j = (end + 1).min(html.len());
                } else {
                    let start = j;
                    while j < bytes.len()
                        && !matches!(bytes[j], b' ' | b'\t' | b'\n' | b'\r' | b'>')
                    {
                        j += 1;
                    }
                    value = decode_entities(&html[start..j]);
                }
            }
            attrs.push((attr, value));
        }
        i = j.min(html.len());
        let mut raw = None;
        if matches!(name.as_str(), "script" | "style" | "title" | "textarea") {
            let close = format!("</{name}");
            let end = lower[i..].find(&close).map_or(html.len(), |e| i + e);
            raw = Some(html[i..end].to_string());
            i = end;
        }
        tags.push((Tag { name, attrs }, raw));
    }
    tags
}

/// Attributes that hold an address.
const URL_ATTRS: &[&str] = &[
    "href",
    "src",
    "action",
    "formaction",
    "xlink:href",
    "data",
    "poster",
    "background",
    "cite",
    "ping",
];

/// Everything wrong with one page.
fn page_problems(path: &str, html: &str, scripts: &mut BTreeMap<String, usize>) -> Vec<String> {
    let mut problems = Vec::new();
    let mut bad = |what: String| problems.push(format!("{path}: {what}"));
    for (tag, raw) in start_tags(html) {
        for (name, value) in &tag.attrs {
            if name.starts_with("on")
                && name.len() > 2
                && name[2..].chars().all(|c| c.is_ascii_lowercase())
            {
                bad(format!("<{} {name}=...> event handler", tag.name));
            }
            if matches!(name.as_str(), "style" | "srcdoc") {
                bad(format!("<{} {name}={value:?}>", tag.name));
            }
            if URL_ATTRS.contains(&name.as_str())
                && let Some(s) = browser_scheme(value)
                && matches!(s.as_str(), "javascript" | "data" | "vbscript")
            {
                bad(format!("<{} {name}={value:?}> runs code", tag.name));
            }
        }
        match tag.name.as_str() {
            "iframe" | "frame" | "object" | "embed" | "base" | "style" | "math" => {
                bad(format!("unexpected <{}> element", tag.name));
            }
            "meta"
                if tag
                    .attr("http-equiv")
                    .is_some_and(|h| !h.eq_ignore_ascii_case("content-security-policy")) =>
            {
                bad(format!("<meta http-equiv={:?}>", tag.attr("http-equiv")));
            }
            "script" => {
                let body = raw.unwrap_or_default();
                let kind = match (tag.attr("type"), tag.attr("src")) {
                    (Some("application/json"), None) => {
                        if body.contains("</script") || body.contains("<!--") {
                            bad("a JSON block holds `</script` or `<!--`".into());
                        }
                        if body.contains(['<', '\u{2028}', '\u{2029}']) {
                            bad("a JSON block holds an unescaped `<`, U+2028 or U+2029".into());
                        }
                        if let Err(e) = serde_json::from_str::<serde_json::Value>(&body) {
                            bad(format!(
                                "a JSON block ({:?}) is not JSON: {e}",
                                tag.attr("id")
                            ));
                        }
                        "application/json".to_string()
                    }
                    (Some("module"), Some(src))
                        if src.ends_with(".js") && src.contains("static/js/") =>
                    {
                        format!("module {}", src.rsplit('/').next().unwrap_or(src))
                    }
                    (None, Some(src)) if src.ends_with("static/vendor/echarts/echarts.min.js") => {
                        "vendor echarts.min.js".to_string()
                    }
                    (t, s) => {
                        bad(format!("unexpected <script type={t:?} src={s:?}>"));
                        "unexpected".to_string()
                    }
                };
                if kind != "application/json" && !body.trim().is_empty() {
                    bad(format!("inline script text in <script {kind}>"));
                }
                *scripts.entry(kind).or_default() += 1;
            }
            _ => {}
        }
    }
    problems
}

/// Read RFC 4180 CSV text into rows of cells.
fn csv_rows(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                cell.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') if cell.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') => {}
            (false, '\n') => {
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[test]
fn no_payload_in_any_text_field_can_run() {
    let tmp = TempDir::new("injection");
    let content = tmp.path().join("content");
    let corpus = injection_site::write(&example_content(), &content).unwrap();
    let (fields, placed) = corpus.totals();
    assert!(
        injection_site::TEXT_PAYLOADS.len() >= 25,
        "the corpus needs at least 25 text payloads"
    );
    assert!(
        corpus.fields.len() >= 100,
        "payloads reached only {} kinds of field",
        corpus.fields.len()
    );
    let out = tmp.path().join("site");
    let report = hearth::build(&content, &out);
    let errors = support::error_texts(&report.diagnostics);
    assert!(
        report.written && errors.is_empty(),
        "the payload site did not build:\n{}",
        errors.join("\n")
    );

    let files = snapshot(&out);
    let mut problems = Vec::new();
    let mut scripts = BTreeMap::new();
    let (mut pages, mut pages_with_payload, mut csv_files, mut guarded) = (0, 0, 0, 0);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        if ["html", "json", "csv", "xml", "txt"]
            .iter()
            .any(|e| path.ends_with(&format!(".{e}")))
        {
            for evaluated in ["TPLEVAL", "TPLA", "TPLB"] {
                if text.contains(evaluated) {
                    problems.push(format!(
                        "{path}: template syntax was evaluated ({evaluated})"
                    ));
                }
            }
        }
        if path.ends_with(".html") {
            // The archived edition (editions/1.0/) keeps its own, unseeded content.
            if !path.starts_with("editions/") {
                pages += 1;
                if text.contains("window.__pwned=1") {
                    pages_with_payload += 1;
                }
            }
            problems.extend(page_problems(path, &text, &mut scripts));
        } else if path.ends_with(".json") {
            if let Err(e) = serde_json::from_str::<serde_json::Value>(&text) {
                problems.push(format!("{path}: not JSON: {e}"));
            }
        } else if path.ends_with(".csv") {
            csv_files += 1;
            for (r, row) in csv_rows(&text).iter().enumerate() {
                for (c, cell) in row.iter().enumerate() {
                    if cell.starts_with("'=") || cell.starts_with("'+") || cell.starts_with("'@") {
                        guarded += 1;
                    }
                    if cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
                        && cell.parse::<f64>().is_err()
                    {
                        problems.push(format!(
                            "{path} row {} column {}: formula cell {cell:?}",
                            r + 1,
                            c + 1
                        ));
                    }
                }
            }
        }
    }
    println!("injection corpus: {}", corpus.summary());
    for (kind, (n, p)) in &corpus.fields {
        println!("  {kind}: {n} fields, {p} payloads");
    }
    println!(
        "checked {pages} seeded pages ({pages_with_payload} show payload text) and the archived edition, {csv_files} CSV files ({guarded} guarded formula cells), {} files in all; scripts: {scripts:?}; {placed} placements in {fields} fields",
        files.len()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The payloads really reached the pages and the CSVs (a corpus that never landed
    // would pass everything above).
    assert!(pages >= 90, "only {pages} pages");
    assert_eq!(
        pages_with_payload, pages,
        "payload text is on only {pages_with_payload} of {pages} pages"
    );
    assert!(guarded > 0, "no formula reached a published CSV");
    assert!(scripts.get("application/json").is_some_and(|n| *n > 10));
}

#[test]
fn a_payload_inside_a_formula_string_is_rejected_cleanly() {
    let tmp = TempDir::new("injection-formula");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let file = content.join("scenarios/foster-sufficiency.yaml");
    let yaml = fs::read_to_string(&file).unwrap();
    let payload = "metric('</script><script>window.__pwned=1</script>')";
    assert!(yaml.contains("start: \"metric('children-in-care')\""));
    fs::write(
        &file,
        yaml.replace(
            "start: \"metric('children-in-care')\"",
            &format!("start: \"{payload}\""),
        ),
    )
    .unwrap();
    let out = tmp.path().join("site");
    let report = hearth::build(&content, &out);
    assert!(!report.written, "a formula naming no measure was published");
    assert!(!out.exists());
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(!errors.is_empty());
    let located = errors
        .iter()
        .find(|d| d.location.file.contains("foster-sufficiency.yaml"))
        .unwrap_or_else(|| panic!("no error in the scenario file: {errors:#?}"));
    let text = located.to_string();
    assert!(text.contains("series[0].start"), "{text}");
    println!("rejected as expected:\n{text}");
}

#[test]
fn the_page_checker_finds_what_it_looks_for() {
    let cases = [
        "<p><script>window.__pwned=1</script></p>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<a href=\"java&#x09;script:alert(1)\">x</a>",
        "<a href=' JaVaScRiPt&colon;alert(1)'>x</a>",
        "<a href=\"&#106;avascript:alert(1)\">x</a>",
        "<iframe srcdoc=\"x\"></iframe>",
        "<img src=\"data:image/svg+xml,x\">",
        "<form action=\"vbscript:x\"></form>",
        "<p style=\"width:expression(alert(1))\">x</p>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<script type=\"application/json\">{\"a\":\"</script><script>alert(1)</script>",
        "<script type=\"application/json\">{\"a\":\"<!--\"}</script>",
        "<script type=\"module\" src=\"../static/js/charts.js\">alert(1)</script>",
    ];
    for html in cases {
        let problems = page_problems("case.html", html, &mut BTreeMap::new());
        assert!(!problems.is_empty(), "not caught: {html}");
    }
    let fine = "<!-- <script>x</script> --><p title=\"a onclick=&quot;x&quot;\">&lt;img src=x onerror=alert(1)&gt; \" onload=\"x\"</p><a href=\"https:&#x2f;&#x2f;example.org&#x2f;&quot;&gt;\">x</a><script type=\"application/json\" id=\"j\">{\"a\":\"\\u003c/script\\u003e\"}</script><script type=\"module\" src=\"../static/js/charts.js\"></script>";
    let problems = page_problems("fine.html", fine, &mut BTreeMap::new());
    assert!(problems.is_empty(), "{problems:#?}");
    assert_eq!(
        csv_rows("a,\"b,\"\"c\"\"\nd\"\r\n'=1,2\n"),
        vec![vec!["a", "b,\"c\"\nd"], vec!["'=1", "2"]]
    );
}

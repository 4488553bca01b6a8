//! Write a content folder seeded with an injection corpus: `cargo run -p hearth --example
//! injection_site -- SRC DEST` copies the content folder SRC (the example content) to DEST
//! and puts hostile text into every kind of text field: titles, Markdown (YAML fields and
//! page bodies), labels, units, scenario text, CSV cells, site.yaml and link addresses.
//! Each payload that ran would leave a mark the browser test looks for: `window.__pwned`,
//! a dialog, a request for `/__pwned` or the title `PWNED`; template syntax that was
//! evaluated would leave `TPLEVAL` or `TPLA` in the page. Used by generator/tests/injection.rs
//! and scripts/test.sh (which builds DEST and runs tests/browser/injection.test.mjs on it).

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use serde_yaml::Value;

/// Hostile text, each with a name for messages. None of them holds a line break (apart from
/// U+2028/U+2029), so they fit one-line fields too. Each Markdown link target is refused by
/// the URL allow-list rather than turned into a relative link (which the link checker would
/// reject as a missing page).
pub const TEXT_PAYLOADS: &[(&str, &str)] = &[
    ("script tag", "<script>window.__pwned=1</script>"),
    ("script mixed case", "<ScRiPt >window.__pwned=1</sCrIpT >"),
    ("img onerror", "<img src=x onerror=\"window.__pwned=1\">"),
    ("svg onload", "<svg/onload=window.__pwned=1>"),
    ("body onload + alert", "<body onload=alert(1)>"),
    ("\"> break-out", "\"><script>window.__pwned=1</script>"),
    (
        "\" attribute break-out",
        "\" autofocus onfocus=\"window.__pwned=1\" onmouseover=\"window.__pwned=1\" x=\"",
    ),
    (
        "' attribute break-out",
        "' autofocus onfocus='window.__pwned=1' x='",
    ),
    ("'> break-out + img", "'><img src=x onerror=alert(1)>"),
    (
        "</script> break-out",
        "</script><script>window.__pwned=1</script>",
    ),
    (
        "raw-text element break-out",
        "</title></textarea></style><script>window.__pwned=1</script>",
    ),
    (
        "iframe srcdoc",
        "<iframe srcdoc=\"&lt;script&gt;parent.__pwned=1&lt;/script&gt;\"></iframe>",
    ),
    (
        "html javascript: link",
        // Single quotes: with double quotes, the text (escaped Markdown raw HTML keeps its
        // `"`) trips the build's link checker, which scans for ` href="` anywhere.
        "<a href='java&#x09;script:window.__pwned=1'>tab</a>",
    ),
    (
        "object data: url",
        "<object data=\"data:text/html,<script>parent.__pwned=1</script>\"></object>",
    ),
    (
        "svg xlink javascript:",
        "<svg><a xlink:href=\"javascript:alert(1)\"><text y=\"9\">x</text></a></svg>",
    ),
    (
        "meta refresh",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:window.__pwned=1\">",
    ),
    (
        "css expression()",
        "<p style=\"width:expression(window.__pwned=1)\">x</p>",
    ),
    (
        "css url(javascript:)",
        "<div style=\"background:url(javascript:window.__pwned=1)\">x</div>",
    ),
    (
        "md link javascript:",
        "[click](javascript:window.__pwned=1)",
    ),
    (
        "md link mixed case, space",
        "[click]( JaVaScRiPt:window.__pwned=1)",
    ),
    (
        "md link entity tab",
        "[click](java&#x09;script:window.__pwned=1)",
    ),
    (
        "md link entity colon",
        "[click](javascript&colon;window.__pwned=1)",
    ),
    (
        "md link data:",
        "[click](data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+)",
    ),
    ("md link vbscript:", "[click](vbscript:msgbox(1))"),
    (
        "md image javascript:",
        "![pic](javascript:window.__pwned=1)",
    ),
    (
        "md image data: svg",
        "![pic](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KDEpIi8+)",
    ),
    ("autolink javascript:", "<javascript:window.__pwned=1>"),
    (
        "html comment",
        "<!-- --><script>window.__pwned=1</script><!-- -->",
    ),
    (
        "U+2028/U+2029",
        "\u{2028}\u{2029}</script><script>window.__pwned=1</script>",
    ),
    ("template expression", "{{ \"TPL\" ~ \"EVAL\" }}"),
    (
        "template statement",
        "{% for x in \"AB\" %}TPL{{ x }}{% endfor %}{# c #}",
    ),
    (
        "mXSS math/style",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
    ),
    (
        "form action",
        "<form action=\"javascript:window.__pwned=1\"><button>go</button></form>",
    ),
    (
        "pre-escaped entities",
        "&lt;script&gt;window.__pwned=1&lt;/script&gt; &#60;img src=x onerror=alert(1)&#62;",
    ),
    ("fetch marker", "<img src=x onerror=\"fetch('/__pwned')\">"),
    (
        "title marker",
        "<img src=x onerror=\"document.title='PWNED'\">",
    ),
];

/// Spreadsheet formulas put at the start of text fields and CSV cells, so every CSV the
/// site publishes has cells that would run as formulas if the guard missed them.
pub const FORMULA_PAYLOADS: &[(&str, &str)] = &[
    ("csv =", "=HYPERLINK(\"https://evil.example/\",\"x\")"),
    ("csv +", "+SUM(1,2)"),
    ("csv -", "-2+3+cmd|' /C calc'!A0"),
    ("csv @", "@SUM(1+1)"),
    ("csv tab", "\t=1+1"),
];

/// Addresses for link fields (site.yaml, sources, contacts). The first ones must be left
/// out; the last ones are ordinary web addresses carrying attribute break-outs.
pub const URL_PAYLOADS: &[(&str, &str)] = &[
    ("javascript:", "javascript:window.__pwned=1"),
    ("mixed case, leading space", " JaVaScRiPt:window.__pwned=1"),
    ("tab inside scheme", "java\tscript:window.__pwned=1"),
    ("newline inside scheme", "java\nscript:window.__pwned=1"),
    (
        "control character first",
        "\u{1}javascript:window.__pwned=1",
    ),
    (
        "data: html",
        "data:text/html;base64,PHNjcmlwdD5wYXJlbnQuX19wd25lZD0xPC9zY3JpcHQ+",
    ),
    ("vbscript:", "vbscript:msgbox(1)"),
    ("protocol-relative", "//evil.example/x"),
    (
        "https with \"> break-out",
        "https://example.org/\"><script>window.__pwned=1</script>",
    ),
    (
        "https with ' break-out",
        "https://example.org/' onmouseover='window.__pwned=1' x='",
    ),
];

/// How a field is filled.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// One-line text: a formula first, then the original, then every payload.
    Text,
    /// Markdown: the original, then every payload as its own paragraph.
    Markdown,
    /// An address: replaced by the next URL payload (created if the field is absent).
    Url,
}
use Kind::{Markdown, Text, Url};

/// Files (relative to the content folder; `*` = every `.yaml` in the folder), field paths
/// (`a.b`, `a[].b` = every item, `a[]` = every string in the list) and how to fill them.
const TARGETS: &[(&str, &str, Kind)] = &[
    // site.yaml
    ("site.yaml", "authority", Text),
    ("site.yaml", "title", Text),
    ("site.yaml", "short_title", Text),
    ("site.yaml", "tagline", Text),
    ("site.yaml", "contact.team", Text),
    ("site.yaml", "contact.email", Text),
    ("site.yaml", "contact.phone", Text),
    ("site.yaml", "contact.address", Text),
    ("site.yaml", "contact.url", Url),
    ("site.yaml", "licence.name", Text),
    ("site.yaml", "licence.url", Url),
    ("site.yaml", "branding.footer_links[].title", Text),
    ("site.yaml", "branding.footer_links[].url", Url),
    ("site.yaml", "edition.notes[].text", Markdown),
    ("site.yaml", "accessibility.method", Markdown),
    ("site.yaml", "accessibility.known_issues[]", Markdown),
    ("site.yaml", "accessibility.response_time", Text),
    // strategy.yaml
    ("strategy.yaml", "summary", Markdown),
    ("strategy.yaml", "vision", Markdown),
    ("strategy.yaml", "legal_basis.summary", Markdown),
    ("strategy.yaml", "legal_basis.legislation[]", Text),
    ("strategy.yaml", "themes[].title", Text),
    ("strategy.yaml", "themes[].text", Markdown),
    ("strategy.yaml", "principles[].title", Text),
    ("strategy.yaml", "principles[].text", Markdown),
    ("strategy.yaml", "aims[].title", Text),
    ("strategy.yaml", "aims[].statement", Markdown),
    ("strategy.yaml", "priorities[].title", Text),
    ("strategy.yaml", "priorities[].summary", Markdown),
    ("strategy.yaml", "priorities[].commitments[]", Markdown),
    ("strategy.yaml", "outcomes[]", Markdown),
    ("strategy.yaml", "governance.bodies[].name", Text),
    ("strategy.yaml", "governance.bodies[].role", Markdown),
    ("strategy.yaml", "governance.summary", Markdown),
    ("strategy.yaml", "monitoring", Markdown),
    ("strategy.yaml", "phases[].title", Text),
    ("strategy.yaml", "priorities[].outcomes[]", Markdown),
    ("strategy.yaml", "priorities[].targets[]", Markdown),
    (
        "strategy.yaml",
        "priorities[].performance_measures[]",
        Markdown,
    ),
    (
        "strategy.yaml",
        "priorities[].performance_measures[].text",
        Markdown,
    ),
    ("strategy.yaml", "priorities[].progress[].text", Markdown),
    ("strategy.yaml", "priorities[].timescale_note", Text),
    ("strategy.yaml", "commitments[]", Markdown),
    ("strategy.yaml", "commitments[].text", Markdown),
    ("strategy.yaml", "commitments[].owner", Text),
    ("strategy.yaml", "commitments[].status", Text),
    ("strategy.yaml", "previous.title", Text),
    ("strategy.yaml", "previous.url", Url),
    ("strategy.yaml", "previous.summary", Markdown),
    ("strategy.yaml", "previous.commitments[].title", Text),
    ("strategy.yaml", "previous.commitments[].evidence", Markdown),
    ("strategy.yaml", "in_house_services[].name", Text),
    ("strategy.yaml", "in_house_services[].offers", Markdown),
    ("strategy.yaml", "history[].title", Text),
    ("strategy.yaml", "history[].summary", Markdown),
    ("strategy.yaml", "reviews[].title", Text),
    ("strategy.yaml", "reviews[].by", Text),
    ("strategy.yaml", "reviews[].findings", Markdown),
    ("strategy.yaml", "related_documents[].title", Text),
    ("strategy.yaml", "related_documents[].url", Url),
    ("strategy.yaml", "related_documents[].summary", Markdown),
    ("strategy.yaml", "phases[].summary", Markdown),
    // facts.yaml
    ("facts.yaml", "facts[].label", Text),
    ("facts.yaml", "facts[].detail", Markdown),
    ("facts.yaml", "sources[].title", Text),
    ("facts.yaml", "sources[].publisher", Text),
    ("facts.yaml", "sources[].url", Url),
    // the delivery plan
    ("plan/*", "title", Text),
    ("plan/*", "lead", Text),
    ("plan/*", "summary", Markdown),
    ("plan/*", "actions[].title", Text),
    ("plan/*", "actions[].quality_measure", Markdown),
    ("plan/*", "actions[].indicators[]", Text),
    ("plan/*", "actions[].status", Text),
    ("plan/*", "actions[].owner", Text),
    ("plan/*", "actions[].owner[]", Text),
    ("plan/*", "actions[].updates[].note", Markdown),
    // measures
    ("metrics/*", "title", Text),
    ("metrics/*", "short_title", Text),
    ("metrics/*", "definition", Markdown),
    ("metrics/*", "why", Markdown),
    ("metrics/*", "source.publisher", Text),
    ("metrics/*", "source.dataset", Text),
    ("metrics/*", "source.url", Url),
    ("metrics/*", "targets[].note", Text),
    ("metrics/*", "comparators[].label", Text),
    // breakdowns
    ("breakdowns/*", "title", Text),
    ("breakdowns/*", "dimension", Text),
    ("breakdowns/*", "value_label", Text),
    ("breakdowns/*", "rows[].label", Text),
    ("breakdowns/*", "note", Markdown),
    ("breakdowns/*", "source.publisher", Text),
    ("breakdowns/*", "source.url", Url),
    // scenarios (text around the formulas; formulas stay as they are)
    ("scenarios/*", "title", Text),
    ("scenarios/*", "summary", Markdown),
    ("scenarios/*", "method", Markdown),
    ("scenarios/*", "inputs[].label", Text),
    ("scenarios/*", "inputs[].unit", Text),
    ("scenarios/*", "inputs[].source", Markdown),
    ("scenarios/*", "inputs[].help", Markdown),
    ("scenarios/*", "series[].label", Text),
    ("scenarios/*", "series[].unit", Text),
    ("scenarios/*", "outputs[].label", Text),
    ("scenarios/*", "outputs[].unit", Text),
    ("scenarios/*", "outputs[].note", Markdown),
    ("scenarios/*", "charts[].title", Text),
    ("scenarios/*", "charts[].y_label", Text),
    // the market position statement
    ("market/market.yaml", "title", Text),
    ("market/market.yaml", "summary", Markdown),
    ("market/market.yaml", "context.duty", Markdown),
    ("market/market.yaml", "context.vision", Markdown),
    ("market/market.yaml", "context.children", Markdown),
    ("market/market.yaml", "messages[].title", Text),
    ("market/market.yaml", "messages[].text", Markdown),
    ("market/market.yaml", "intentions[].title", Text),
    ("market/market.yaml", "intentions[].detail", Markdown),
    ("market/market.yaml", "procurement.routes[].name", Text),
    ("market/market.yaml", "procurement.routes[].join", Markdown),
    ("market/market.yaml", "procurement.summary", Markdown),
    (
        "market/market.yaml",
        "procurement.routes[].summary",
        Markdown,
    ),
    (
        "market/market.yaml",
        "procurement.routes[].lots[].summary",
        Markdown,
    ),
    (
        "market/market.yaml",
        "procurement.timeline[].detail",
        Markdown,
    ),
    ("market/market.yaml", "forecasts.summary", Markdown),
    ("market/market.yaml", "procurement.routes[].url", Url),
    (
        "market/market.yaml",
        "procurement.routes[].lots[].title",
        Text,
    ),
    ("market/market.yaml", "procurement.timeline[].title", Text),
    ("market/market.yaml", "contacts[].name", Text),
    ("market/market.yaml", "contacts[].about", Text),
    ("market/market.yaml", "contacts[].url", Url),
    ("market/asks.yaml", "summary", Markdown),
    ("market/asks.yaml", "placement_types[].label", Text),
    ("market/asks.yaml", "age_bands[].label", Text),
    ("market/asks.yaml", "needs[].label", Text),
    ("market/asks.yaml", "localities[].label", Text),
    ("market/asks.yaml", "asks[].title", Text),
    ("market/asks.yaml", "asks[].detail", Markdown),
    ("market/glossary.yaml", "terms[].term", Text),
    ("market/glossary.yaml", "terms[].definition", Markdown),
    ("market/demand/*", "title", Text),
    ("market/demand/*", "summary", Markdown),
    ("market/demand/*", "dimension", Text),
    ("market/demand/*", "columns[].label", Text),
    ("market/demand/*", "rows[].label", Text),
    ("market/demand/*", "note", Markdown),
    ("market/supply/*", "title", Text),
    ("market/supply/*", "summary", Markdown),
    ("market/supply/*", "columns[].label", Text),
    ("market/supply/*", "rows[].label", Text),
    ("market/supply/*", "note", Markdown),
];

/// The CSV file whose `Note` column gets a payload in every row.
const CSV_FILE: &str = "metrics/data/children-in-care.csv";

/// What was written: payloads placed, by kind of field.
#[derive(Debug, Default)]
pub struct Corpus {
    /// Field kind (file pattern and path) -> (fields filled, payloads placed).
    pub fields: BTreeMap<String, (usize, usize)>,
}

impl Corpus {
    fn add(&mut self, kind: &str, payloads: usize) {
        let e = self.fields.entry(kind.to_string()).or_default();
        e.0 += 1;
        e.1 += payloads;
    }

    /// Payloads in the corpus (text, formula and address payloads).
    pub fn payloads() -> usize {
        TEXT_PAYLOADS.len() + FORMULA_PAYLOADS.len() + URL_PAYLOADS.len()
    }

    /// Fields filled and payloads placed in all.
    pub fn totals(&self) -> (usize, usize) {
        self.fields
            .values()
            .fold((0, 0), |(f, p), (df, dp)| (f + df, p + dp))
    }

    pub fn summary(&self) -> String {
        let (fields, placed) = self.totals();
        format!(
            "{} payloads ({} text, {} formula, {} address) placed {placed} times in {fields} fields of {} kinds",
            Self::payloads(),
            TEXT_PAYLOADS.len(),
            FORMULA_PAYLOADS.len(),
            URL_PAYLOADS.len(),
            self.fields.len()
        )
    }
}

/// State while filling fields: counters that pick the next formula and address.
struct Filler<'a> {
    corpus: &'a mut Corpus,
    next_formula: usize,
    next_url: usize,
}

impl Filler<'_> {
    fn fill(&mut self, v: &mut Value, kind: Kind, label: &str) {
        let original = v.as_str().unwrap_or("").trim_end().to_string();
        let new = match kind {
            Text => {
                let formula = FORMULA_PAYLOADS[self.next_formula % FORMULA_PAYLOADS.len()].1;
                self.next_formula += 1;
                let all: Vec<&str> = TEXT_PAYLOADS.iter().map(|p| p.1).collect();
                self.corpus.add(label, TEXT_PAYLOADS.len() + 1);
                format!("{formula} {original} {}", all.join(" "))
            }
            Markdown => {
                let all: Vec<&str> = TEXT_PAYLOADS.iter().map(|p| p.1).collect();
                self.corpus.add(label, TEXT_PAYLOADS.len());
                format!("{original}\n\n{}\n", all.join("\n\n"))
            }
            Url => {
                let url = URL_PAYLOADS[self.next_url % URL_PAYLOADS.len()].1;
                self.next_url += 1;
                self.corpus.add(label, 1);
                url.to_string()
            }
        };
        *v = Value::String(new);
    }
}

/// Apply `f` to the value at `path` (see [`TARGETS`]) in `v`; a missing last field is
/// created when `create` is set.
fn visit(v: &mut Value, path: &[&str], create: bool, f: &mut dyn FnMut(&mut Value)) {
    let Some((seg, rest)) = path.split_first() else {
        return;
    };
    let (key, each) = match seg.strip_suffix("[]") {
        Some(k) => (k, true),
        None => (*seg, false),
    };
    let Some(map) = v.as_mapping_mut() else {
        return;
    };
    let key = Value::String(key.to_string());
    if !map.contains_key(&key) {
        if create && rest.is_empty() && !each {
            map.insert(key.clone(), Value::String(String::new()));
        } else {
            return;
        }
    }
    let Some(child) = map.get_mut(&key) else {
        return;
    };
    if each {
        let Some(items) = child.as_sequence_mut() else {
            return;
        };
        for item in items {
            if rest.is_empty() {
                if item.is_string() {
                    f(item);
                }
            } else {
                visit(item, rest, create, f);
            }
        }
    } else if rest.is_empty() {
        if child.is_string() || (create && child.as_str().is_none() && child.is_null()) {
            f(child);
        }
    } else {
        visit(child, rest, create, f);
    }
}

/// Copy `from` to `to`, folders included.
fn copy_dir(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        let dest = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_dir(&entry.path(), &dest)?;
        } else {
            fs::copy(entry.path(), &dest)?;
        }
    }
    Ok(())
}

/// The `.yaml` files a target pattern names, sorted.
fn files_of(root: &Path, pattern: &str) -> Vec<std::path::PathBuf> {
    match pattern.strip_suffix("/*") {
        Some(dir) => {
            let mut files: Vec<_> = fs::read_dir(root.join(dir))
                .map(|rd| {
                    rd.flatten()
                        .map(|e| e.path())
                        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
                        .collect()
                })
                .unwrap_or_default();
            files.sort();
            files
        }
        None => vec![root.join(pattern)],
    }
}

fn csv_cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// Copy the content folder `src` to `dest` (which must not exist or be empty) and seed it
/// with the corpus. Returns what was placed where.
pub fn write(src: &Path, dest: &Path) -> std::io::Result<Corpus> {
    copy_dir(src, dest)?;
    let mut corpus = Corpus::default();
    let mut filler = Filler {
        corpus: &mut corpus,
        next_formula: 0,
        next_url: 0,
    };
    let invalid = |e: serde_yaml::Error| std::io::Error::new(std::io::ErrorKind::InvalidData, e);

    // YAML files: every target, file by file.
    let mut docs: BTreeMap<std::path::PathBuf, Value> = BTreeMap::new();
    for (pattern, path, kind) in TARGETS {
        let segs: Vec<&str> = path.split('.').collect();
        for file in files_of(dest, pattern) {
            if !docs.contains_key(&file) {
                let text = fs::read_to_string(&file)?;
                docs.insert(file.clone(), serde_yaml::from_str(&text).map_err(invalid)?);
            }
            let Some(doc) = docs.get_mut(&file) else {
                continue;
            };
            let label = format!("{pattern}: {path}");
            visit(doc, &segs, *kind == Url, &mut |v| {
                filler.fill(v, *kind, &label)
            });
        }
    }
    for (file, doc) in &docs {
        fs::write(file, serde_yaml::to_string(doc).map_err(invalid)?)?;
    }

    // Pages: front matter title and summary, and the Markdown body.
    let pages = dest.join("pages");
    let mut names: Vec<_> = fs::read_dir(&pages)?.flatten().map(|e| e.path()).collect();
    names.sort();
    for file in names
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
    {
        let text = fs::read_to_string(file)?;
        let Some((front, body)) = text
            .strip_prefix("---\n")
            .and_then(|rest| rest.split_once("\n---\n"))
        else {
            continue;
        };
        let mut front: Value = serde_yaml::from_str(front).map_err(invalid)?;
        for (path, kind) in [("title", Text), ("summary", Text)] {
            let label = format!("pages/*.md: {path}");
            visit(&mut front, &[path], false, &mut |v| {
                filler.fill(v, kind, &label)
            });
        }
        let mut body = Value::String(body.to_string());
        filler.fill(&mut body, Markdown, "pages/*.md: body");
        let front = serde_yaml::to_string(&front).map_err(invalid)?;
        fs::write(
            file,
            format!("---\n{front}---\n{}", body.as_str().unwrap_or("")),
        )?;
    }

    // A CSV series: a payload in the Note column of every row (formulas first).
    let csv_path = dest.join(CSV_FILE);
    let csv = fs::read_to_string(&csv_path)?;
    let mut lines = csv.lines();
    let mut out = format!("{}\n", lines.next().unwrap_or(""));
    let all: Vec<&str> = TEXT_PAYLOADS.iter().map(|p| p.1).collect();
    let all = all.join(" ");
    for (i, line) in lines.filter(|l| !l.trim().is_empty()).enumerate() {
        // Date and value stay as they are (neither holds a comma in this file).
        let mut parts = line.splitn(3, ',');
        let (date, value) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
        let formula = FORMULA_PAYLOADS[i % FORMULA_PAYLOADS.len()].1;
        let note = format!("{formula} {all}");
        out.push_str(&format!("{date},{value},{}\n", csv_cell(&note)));
        filler
            .corpus
            .add(&format!("{CSV_FILE}: Note"), TEXT_PAYLOADS.len() + 1);
    }
    fs::write(&csv_path, out)?;
    Ok(corpus)
}

#[allow(dead_code)]
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [src, dest] = args.as_slice() else {
        eprintln!("usage: injection_site SRC DEST");
        std::process::exit(2);
    };
    match write(Path::new(src), Path::new(dest)) {
        Ok(corpus) => println!("{}; content written to {dest}", corpus.summary()),
        Err(e) => {
            eprintln!("injection_site: {e}");
            std::process::exit(1);
        }
    }
}

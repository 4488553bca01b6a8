//! The site's own pages, read back as blocks for the board pack.
//!
//! Hearth writes every page from its templates, so the HTML here is the small, well-formed
//! subset those templates and the Markdown renderer produce. [`parse`] reads it into a tree
//! (tolerant of anything else: an unknown entity is kept as written, a stray end tag is
//! ignored) and [`blocks`] turns the page's `<main>` into [`Block`]s: headings, paragraphs,
//! lists, tables (header cells and their scope kept), and charts (the ECharts option the
//! page carries, its caption and its text summary). What only works on screen is left out:
//! navigation, forms, buttons, scripts, anything `hidden` or `aria-hidden`, and the links
//! to download data.
//!
//! The delivery plan's actions (list items carrying `data-action-id`) become one table per
//! list: the action, its status in words and each fact the page gives, so a committee reads
//! the plan as a table.

use std::collections::BTreeMap;

/// A node of a page.
#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
}

impl Element {
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    fn has_class(&self, class: &str) -> bool {
        self.attr("class")
            .is_some_and(|c| c.split_whitespace().any(|c| c == class))
    }

    fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// The first element (depth first) for which `pred` holds, this one included.
    pub fn find(&self, pred: &dyn Fn(&Element) -> bool) -> Option<&Element> {
        if pred(self) {
            return Some(self);
        }
        self.elements().find_map(|e| e.find(pred))
    }
}

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Read a page into a tree under a nameless root element.
pub fn parse(html: &str) -> Element {
    let mut stack: Vec<Element> = vec![Element::default()];
    let mut rest = html;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |i| &after[i + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") {
            rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
            continue;
        }
        if let Some(after) = rest.strip_prefix("</") {
            let end = after.find('>').unwrap_or(after.len());
            let name = after[..end].trim().to_ascii_lowercase();
            rest = after.get(end + 1..).unwrap_or("");
            if let Some(depth) = stack.iter().rposition(|e| e.name == name)
                && depth > 0
            {
                while stack.len() > depth {
                    close(&mut stack);
                }
            }
            continue;
        }
        if rest.starts_with('<')
            && rest.as_bytes().get(1).is_some_and(u8::is_ascii_alphabetic)
            && let Some((element, self_closing, after)) = start_tag(&rest[1..])
        {
            rest = after;
            let name = element.name.clone();
            if name == "script" || name == "style" {
                // Raw text up to the end tag.
                let close_tag = format!("</{name}");
                let end = find_ci(rest, &close_tag).unwrap_or(rest.len());
                let mut e = element;
                e.children.push(Node::Text(rest[..end].to_string()));
                rest = &rest[end..];
                rest = rest.find('>').map_or("", |i| &rest[i + 1..]);
                push(&mut stack, Node::Element(e));
                continue;
            }
            if self_closing || VOID.contains(&name.as_str()) {
                push(&mut stack, Node::Element(element));
            } else {
                stack.push(element);
            }
            continue;
        }
        // Text up to the next tag (a lone `<` is text).
        let first = rest.chars().next().map_or(1, char::len_utf8);
        let end = rest[first..].find('<').map_or(rest.len(), |i| i + first);
        push(&mut stack, Node::Text(decode(&rest[..end])));
        rest = &rest[end..];
    }
    while stack.len() > 1 {
        close(&mut stack);
    }
    stack.pop().unwrap_or_default()
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let lower = hay.to_ascii_lowercase();
    lower.find(needle)
}

fn push(stack: &mut [Element], node: Node) {
    if let Some(top) = stack.last_mut() {
        top.children.push(node);
    }
}

fn close(stack: &mut Vec<Element>) {
    if let Some(e) = stack.pop() {
        push(stack, Node::Element(e));
    }
}

/// A start tag (after its `<`): the element, whether it ends `/>`, and the text after it.
fn start_tag(s: &str) -> Option<(Element, bool, &str)> {
    let name_end = s
        .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
        .unwrap_or(s.len());
    let mut e = Element {
        name: s[..name_end].to_ascii_lowercase(),
        ..Element::default()
    };
    let mut rest = &s[name_end..];
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("/>") {
            return Some((e, true, after));
        }
        if let Some(after) = rest.strip_prefix('>') {
            return Some((e, false, after));
        }
        if rest.is_empty() {
            return None;
        }
        if let Some(after) = rest.strip_prefix('/') {
            rest = after;
            continue;
        }
        let key_end = rest
            .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let key = rest[..key_end].to_ascii_lowercase();
        rest = rest[key_end..].trim_start();
        let value = if let Some(after) = rest.strip_prefix('=') {
            let after = after.trim_start();
            if let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') {
                let body = &after[1..];
                let end = body.find(q).unwrap_or(body.len());
                rest = body.get(end + 1..).unwrap_or("");
                decode(&body[..end])
            } else {
                let end = after
                    .find(|c: char| c.is_whitespace() || c == '>')
                    .unwrap_or(after.len());
                rest = &after[end..];
                decode(&after[..end])
            }
        } else {
            String::new()
        };
        if key.is_empty() {
            // Nothing readable: skip one character so the loop always moves on.
            let mut chars = rest.chars();
            chars.next();
            rest = chars.as_str();
        } else {
            e.attrs.push((key, value));
        }
    }
}

/// Character references as the templates and the Markdown renderer write them.
pub fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').filter(|e| *e <= 10);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, e))
        });
        match decoded {
            Some((c, e)) => {
                out.push(c);
                rest = &rest[e + 1..];
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

/// A piece of running text, bold or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Run {
    pub text: String,
    pub bold: bool,
}

/// A table cell.
#[derive(Debug, Clone, PartialEq)]
pub struct Cell {
    pub text: String,
    /// A header cell (`th`), and whether it heads a row (else a column).
    pub header: bool,
    pub row_header: bool,
    /// A number (right-aligned).
    pub num: bool,
}

#[derive(Debug, Clone, PartialEq, Default)]
pub struct Table {
    pub caption: String,
    pub head: Vec<Vec<Cell>>,
    pub body: Vec<Vec<Cell>>,
}

/// What the board pack is made of.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// The next part starts on a new page.
    Break,
    Heading {
        level: u8,
        text: String,
    },
    Para {
        runs: Vec<Run>,
        small: bool,
    },
    List {
        items: Vec<Vec<Run>>,
    },
    Table(Table),
    Chart {
        caption: String,
        summary: String,
        option: serde_json::Value,
    },
}

/// The blocks of a page's `<main>`, its headings moved down `shift` levels (a page put under
/// a part of the pack). The page's own breadcrumbs and skip links are left out.
pub fn blocks(page: &Element, shift: u8) -> Vec<Block> {
    let main = page.find(&|e| e.name == "main").unwrap_or(page);
    let mut scripts = BTreeMap::new();
    collect_scripts(main, &mut scripts);
    let mut b = Builder {
        out: Vec::new(),
        runs: Vec::new(),
        shift,
        scripts,
        last_heading: String::new(),
    };
    b.block(main);
    b.flush();
    b.out
}

fn collect_scripts(e: &Element, out: &mut BTreeMap<String, String>) {
    if e.name == "script" && e.attr("type") == Some("application/json") {
        if let Some(id) = e.attr("id") {
            out.insert(id.to_string(), text_of(e));
        }
        return;
    }
    for c in e.elements() {
        collect_scripts(c, out);
    }
}

struct Builder {
    out: Vec<Block>,
    runs: Vec<Run>,
    shift: u8,
    scripts: BTreeMap<String, String>,
    last_heading: String,
}

/// A paragraph that is nothing but a link to another page of the site.
fn only_internal_link(p: &Element) -> bool {
    let text_outside = p
        .children
        .iter()
        .any(|n| matches!(n, Node::Text(t) if !t.trim().is_empty()));
    let links: Vec<&Element> = p.elements().collect();
    !text_outside
        && links.len() == 1
        && links[0].name == "a"
        && links[0].attr("href").is_some_and(|h| {
            !h.contains("://") && !h.starts_with("mailto:") && !h.starts_with("tel:")
        })
}

/// A list item holding more than a line of text.
fn rich(li: &Element) -> bool {
    li.elements().any(|c| {
        matches!(
            c.name.as_str(),
            "h2" | "h3" | "h4" | "h5" | "h6" | "dl" | "table" | "figure"
        ) || (matches!(c.name.as_str(), "article" | "section" | "div") && rich(c))
    })
}

/// Elements that only work on screen.
fn skipped(e: &Element) -> bool {
    matches!(
        e.name.as_str(),
        "script"
            | "style"
            | "nav"
            | "form"
            | "button"
            | "input"
            | "select"
            | "textarea"
            | "template"
            | "svg"
            | "noscript"
            | "canvas"
            | "iframe"
            | "img"
    ) || e.attr("hidden").is_some()
        || e.attr("aria-hidden") == Some("true")
        // A live count of what a filter shows, for the screen.
        || e.attr("aria-live").is_some()
        || e.attr("role") == Some("status")
        || e.has_class("skip-link")
        || e.has_class("downloads")
        || e.has_class("visually-hidden")
            && !e
                .attr("class")
                .is_some_and(|c| c.contains("visually-hidden--keep"))
}

impl Builder {
    fn flush(&mut self) {
        let runs = tidy_runs(std::mem::take(&mut self.runs));
        if !runs.is_empty() {
            self.out.push(Block::Para { runs, small: false });
        }
    }

    fn block(&mut self, e: &Element) {
        for child in &e.children {
            match child {
                Node::Text(t) => self.runs.push(Run {
                    text: t.clone(),
                    bold: false,
                }),
                Node::Element(c) => self.element(c),
            }
        }
    }

    fn element(&mut self, e: &Element) {
        if skipped(e) {
            return;
        }
        let name = e.name.as_str();
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.flush();
                let level = name.as_bytes()[1] - b'0';
                let text = squash(&visible_text(e));
                if !text.is_empty() {
                    self.last_heading = text.clone();
                    self.out.push(Block::Heading {
                        level: (level + self.shift).min(6),
                        text,
                    });
                }
            }
            "p" if only_internal_link(e) => {
                // "Change the assumptions", "All earlier editions": a way on to another page
                // of the site, which the pack holds or which only works on screen.
                self.flush();
            }
            "p" | "dt" | "dd" | "blockquote" | "figcaption" | "caption" | "address" => {
                self.flush();
                let mut runs = Vec::new();
                inline(e, false, &mut runs);
                let runs = tidy_runs(runs);
                if !runs.is_empty() {
                    let small = e.has_class("meta") || name == "figcaption";
                    let runs = if name == "dt" {
                        runs.into_iter().map(|r| Run { bold: true, ..r }).collect()
                    } else {
                        runs
                    };
                    self.out.push(Block::Para { runs, small });
                }
            }
            "ul" | "ol" => {
                self.flush();
                if e.elements().any(|li| li.attr("data-action-id").is_some()) {
                    self.actions(e);
                } else if e.elements().any(rich) {
                    // Items with headings, facts or tables of their own (a market ask, a
                    // route) are read as blocks, item by item.
                    for li in e.elements() {
                        self.element(li);
                    }
                } else {
                    let items: Vec<Vec<Run>> = e
                        .elements()
                        .filter(|li| !skipped(li))
                        .map(|li| {
                            let mut runs = Vec::new();
                            inline(li, false, &mut runs);
                            tidy_runs(runs)
                        })
                        .filter(|r| !r.is_empty())
                        .collect();
                    if !items.is_empty() {
                        self.out.push(Block::List { items });
                    }
                }
            }
            "dl" => {
                // Each term and its descriptions as one line: "Term: description".
                self.flush();
                let mut pairs: Vec<(Vec<Run>, Vec<Run>)> = Vec::new();
                terms(e, &mut pairs);
                for (term, desc) in pairs {
                    let mut runs = term;
                    if !desc.is_empty() {
                        runs.push(Run {
                            text: ": ".into(),
                            bold: true,
                        });
                        runs.extend(desc);
                    }
                    let runs = tidy_runs(runs);
                    if !runs.is_empty() {
                        self.out.push(Block::Para { runs, small: false });
                    }
                }
            }
            "table" => {
                self.flush();
                let t = table(e);
                if !t.body.is_empty() || !t.head.is_empty() {
                    self.out.push(Block::Table(t));
                }
            }
            "figure" if e.has_class("chart") => {
                self.flush();
                self.chart(e);
            }
            "br" => self.runs.push(Run {
                text: "\n".into(),
                bold: false,
            }),
            "a" | "span" | "strong" | "b" | "em" | "i" | "abbr" | "code" | "small" | "time"
            | "mark" | "sup" | "sub" | "data" => inline(e, false, &mut self.runs),
            _ => {
                // A block container: its own text runs are a paragraph of their own.
                self.flush();
                self.block(e);
                self.flush();
            }
        }
    }

    fn chart(&mut self, figure: &Element) {
        let caption = figure
            .find(&|e| e.name == "figcaption")
            .map(|e| squash(&visible_text(e)))
            .unwrap_or_default();
        let summary = figure
            .find(&|e| e.has_class("chart__summary"))
            .map(|e| squash(&visible_text(e)))
            .unwrap_or_default();
        let option = figure
            .find(&|e| e.attr("data-chart-src").is_some())
            .and_then(|e| e.attr("data-chart-src"))
            .and_then(|id| self.scripts.get(id))
            .and_then(|json| serde_json::from_str(json).ok());
        match option {
            Some(option) => self.out.push(Block::Chart {
                caption,
                summary,
                option,
            }),
            None => {
                // No chart to draw: the caption and summary still say what it shows.
                for text in [caption, summary] {
                    if !text.is_empty() {
                        self.out.push(Block::Para {
                            runs: vec![Run { text, bold: false }],
                            small: false,
                        });
                    }
                }
            }
        }
        // Anything else in the figure (a table, notes) is read as usual.
        for c in figure.elements() {
            if c.name != "figcaption" && !c.has_class("chart__summary") {
                self.element(c);
            }
        }
    }

    /// The plan's actions as one table: the action, its status in words, then each fact.
    fn actions(&mut self, list: &Element) {
        let mut columns: Vec<String> = Vec::new();
        let mut rows: Vec<(String, String, BTreeMap<String, String>)> = Vec::new();
        for li in list.elements().filter(|li| !skipped(li)) {
            let title = li
                .find(&|e| matches!(e.name.as_str(), "h2" | "h3" | "h4" | "h5"))
                .map(|e| squash(&visible_text(e)))
                .unwrap_or_default();
            let status = li
                .find(&|e| e.has_class("rag"))
                .map(|e| squash(&all_text(e)))
                .unwrap_or_default();
            let mut facts = BTreeMap::new();
            if let Some(dl) = li.find(&|e| e.name == "dl") {
                let mut label = String::new();
                facts_of(dl, &mut label, &mut facts, &mut columns);
            }
            rows.push((title, status, facts));
        }
        let cell = |text: String, header: bool| Cell {
            text,
            header,
            row_header: false,
            num: false,
        };
        let mut head = vec![cell("Action".into(), true), cell("Status".into(), true)];
        head.extend(columns.iter().map(|c| cell(c.clone(), true)));
        let body = rows
            .into_iter()
            .map(|(title, status, facts)| {
                let mut row = vec![
                    Cell {
                        text: title,
                        header: true,
                        row_header: true,
                        num: false,
                    },
                    cell(status, false),
                ];
                row.extend(
                    columns
                        .iter()
                        .map(|c| cell(facts.get(c).cloned().unwrap_or_default(), false)),
                );
                row
            })
            .collect();
        let caption = if self.last_heading.is_empty() {
            "Actions".to_string()
        } else {
            format!("{}: actions", self.last_heading)
        };
        self.out.push(Block::Table(Table {
            caption,
            head: vec![head],
            body,
        }));
    }
}

/// The terms of a description list (wrappers such as `div` looked through), each with its
/// descriptions joined by "; ".
fn terms(e: &Element, out: &mut Vec<(Vec<Run>, Vec<Run>)>) {
    for c in e.elements().filter(|c| !skipped(c)) {
        match c.name.as_str() {
            "dt" => {
                let mut runs = Vec::new();
                inline(c, true, &mut runs);
                out.push((tidy_runs(runs), Vec::new()));
            }
            "dd" => {
                let mut runs = Vec::new();
                inline(c, false, &mut runs);
                let runs = tidy_runs(runs);
                match out.last_mut() {
                    Some((_, desc)) => {
                        if !desc.is_empty() {
                            desc.push(Run {
                                text: "; ".into(),
                                bold: false,
                            });
                        }
                        desc.extend(runs);
                    }
                    None => out.push((Vec::new(), runs)),
                }
            }
            _ => terms(c, out),
        }
    }
}

fn facts_of(
    e: &Element,
    label: &mut String,
    facts: &mut BTreeMap<String, String>,
    columns: &mut Vec<String>,
) {
    for c in e.elements().filter(|c| !skipped(c)) {
        match c.name.as_str() {
            "dt" => {
                *label = squash(&visible_text(c));
                if !columns.contains(label) {
                    columns.push(label.clone());
                }
            }
            "dd" => {
                let text = list_text(c);
                let entry = facts.entry(label.clone()).or_default();
                if !entry.is_empty() {
                    entry.push_str("; ");
                }
                entry.push_str(&text);
            }
            _ => facts_of(c, label, facts, columns),
        }
    }
}

/// Text of an element with the items of any list in it joined by "; ".
fn list_text(e: &Element) -> String {
    let items: Vec<String> = e
        .elements()
        .filter(|c| c.name == "ul" || c.name == "ol")
        .flat_map(|l| l.elements().map(|li| squash(&visible_text(li))))
        .collect();
    if items.is_empty() {
        squash(&visible_text(e))
    } else {
        items.join("; ")
    }
}

fn table(t: &Element) -> Table {
    let mut out = Table {
        caption: t
            .elements()
            .find(|e| e.name == "caption")
            .map(|e| squash(&visible_text(e)))
            .unwrap_or_default(),
        ..Table::default()
    };
    fn rows(e: &Element, in_head: bool, out: &mut Table) {
        for c in e.elements() {
            match c.name.as_str() {
                "thead" => rows(c, true, out),
                "tbody" | "tfoot" => rows(c, false, out),
                "tr" => {
                    let cells: Vec<Cell> = c
                        .elements()
                        .filter(|c| c.name == "th" || c.name == "td")
                        .map(|cell| Cell {
                            text: squash(&visible_text(cell)),
                            header: cell.name == "th",
                            row_header: cell.name == "th"
                                && (cell.attr("scope") == Some("row") || !in_head),
                            num: cell.has_class("num"),
                        })
                        .collect();
                    if in_head {
                        out.head.push(cells);
                    } else {
                        out.body.push(cells);
                    }
                }
                _ => {}
            }
        }
    }
    rows(t, false, &mut out);
    out
}

/// Inline content as runs (block children read as text, separated by spaces).
fn inline(e: &Element, bold: bool, runs: &mut Vec<Run>) {
    for child in &e.children {
        match child {
            Node::Text(t) => runs.push(Run {
                text: t.clone(),
                bold,
            }),
            Node::Element(c) if skipped(c) => {}
            Node::Element(c) => match c.name.as_str() {
                "br" => runs.push(Run {
                    text: "\n".into(),
                    bold,
                }),
                "strong" | "b" | "th" => inline(c, true, runs),
                // A link out of the site keeps its address, for readers on paper.
                "a" => {
                    inline(c, bold, runs);
                    if let Some(href) = c
                        .attr("href")
                        .filter(|h| h.starts_with("https://") || h.starts_with("http://"))
                        && squash(&visible_text(c)) != href
                    {
                        runs.push(Run {
                            text: format!(" ({href})"),
                            bold: false,
                        });
                    }
                }
                // A term and its description read as "term: description;".
                "dt" => {
                    inline(c, true, runs);
                    runs.push(Run {
                        text: ": ".into(),
                        bold,
                    });
                }
                "dd" => {
                    inline(c, bold, runs);
                    runs.push(Run {
                        text: "; ".into(),
                        bold,
                    });
                }
                "p" | "div" | "li" | "ul" | "ol" | "section" => {
                    runs.push(Run {
                        text: " ".into(),
                        bold,
                    });
                    inline(c, bold, runs);
                    runs.push(Run {
                        text: " ".into(),
                        bold,
                    });
                }
                _ => inline(c, bold, runs),
            },
        }
    }
}

/// Runs with whitespace collapsed (line breaks kept), neighbours of the same weight joined,
/// and nothing at either end.
fn tidy_runs(runs: Vec<Run>) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    let mut space = true;
    for r in runs {
        let mut text = String::new();
        for c in r.text.chars() {
            if c == '\n' && r.text == "\n" {
                text.push('\n');
                space = true;
            } else if c.is_whitespace() && c != '\u{a0}' {
                if !space {
                    text.push(' ');
                    space = true;
                }
            } else {
                text.push(c);
                space = false;
            }
        }
        if text.is_empty() {
            continue;
        }
        match out.last_mut() {
            Some(last) if last.bold == r.bold => last.text.push_str(&text),
            _ => out.push(Run { text, bold: r.bold }),
        }
    }
    if let Some(first) = out.first_mut() {
        first.text = first.text.trim_start().to_string();
    }
    if let Some(last) = out.last_mut() {
        last.text = last.text.trim_end().to_string();
    }
    out.retain(|r| !r.text.is_empty());
    out
}

/// Text shown on the page (skipped elements left out).
fn visible_text(e: &Element) -> String {
    let mut runs = Vec::new();
    inline(e, false, &mut runs);
    runs.into_iter().map(|r| r.text).collect()
}

/// All text, screen-reader-only text included (a status's words).
fn all_text(e: &Element) -> String {
    let mut s = String::new();
    for c in &e.children {
        match c {
            Node::Text(t) => s.push_str(t),
            Node::Element(c) if c.attr("aria-hidden") == Some("true") => {}
            Node::Element(c) => s.push_str(&all_text(c)),
        }
    }
    s
}

fn text_of(e: &Element) -> String {
    let mut s = String::new();
    for c in &e.children {
        match c {
            Node::Text(t) => s.push_str(t),
            Node::Element(c) => s.push_str(&text_of(c)),
        }
    }
    s
}

/// Whitespace collapsed to single spaces, trimmed.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_attributes() {
        let page = parse(
            "<main><h1 class=\"x\">Tom &amp; Jerry&#x27;s &#47; &bogus; home</h1><p>a<br>b</p></main>",
        );
        let b = blocks(&page, 0);
        assert_eq!(
            b[0],
            Block::Heading {
                level: 1,
                text: "Tom & Jerry's / &bogus; home".into()
            }
        );
        let Block::Para { runs, .. } = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(runs[0].text, "a\nb");
    }

    #[test]
    fn screen_only_parts_left_out() {
        let page = parse(
            "<body><nav>Menu</nav><main><nav class=\"breadcrumbs\"><a>Home</a></nav>\
             <form><label>Find</label><input name=q></form><p hidden>No match</p>\
             <p>Kept</p><p class=\"downloads\">Download: <a>CSV</a></p></main></body>",
        );
        let b = blocks(&page, 1);
        assert_eq!(
            b,
            vec![Block::Para {
                runs: vec![Run {
                    text: "Kept".into(),
                    bold: false
                }],
                small: false
            }]
        );
    }

    #[test]
    fn tables_keep_headers_and_scope() {
        let page = parse(
            "<main><table><caption>Cap</caption><thead><tr><th scope=\"col\">Period</th>\
             <th scope=\"col\" class=\"num\">N</th></tr></thead><tbody><tr><th scope=\"row\">2024</th>\
             <td class=\"num\">5 <span class=\"meta\">(est)</span></td></tr></tbody></table></main>",
        );
        let Block::Table(t) = &blocks(&page, 0)[0] else {
            panic!()
        };
        assert_eq!(t.caption, "Cap");
        assert!(t.head[0][0].header && !t.head[0][0].row_header);
        assert!(t.body[0][0].row_header);
        assert_eq!(t.body[0][1].text, "5 (est)");
        assert!(t.body[0][1].num);
    }

    #[test]
    fn actions_become_a_table_with_status_in_words() {
        let page = parse(
            "<main><h2>Homes</h2><ol><li class=\"action\" data-action-id=\"a-1\"><article><header>\
             <h3><a href=\"x\">Open a home</a></h3><span class=\"rag rag--red\"><span aria-hidden=\"true\">\
             </span>Red<span class=\"visually-hidden\">: off track</span></span></header><dl>\
             <div><dt>Owner</dt><dd>Head of service</dd></div><div><dt>Timescale</dt><dd>2025</dd></div>\
             </dl></article></li><li data-action-id=\"a-2\"><h3>Close a gap</h3><span class=\"rag\">Not rated</span>\
             <dl><dt>Timescale</dt><dd><ul><li>One</li><li>Two</li></ul></dd></dl></li></ol></main>",
        );
        let b = blocks(&page, 0);
        let Block::Table(t) = &b[1] else {
            panic!("{b:?}")
        };
        assert_eq!(t.caption, "Homes: actions");
        let head: Vec<_> = t.head[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(head, ["Action", "Status", "Owner", "Timescale"]);
        let row: Vec<_> = t.body[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            row,
            ["Open a home", "Red: off track", "Head of service", "2025"]
        );
        let row: Vec<_> = t.body[1].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row, ["Close a gap", "Not rated", "", "One; Two"]);
    }

    #[test]
    fn charts_carry_their_option_and_summary() {
        let page = parse(
            "<main><figure class=\"chart\"><figcaption>Rate</figcaption>\
             <p class=\"chart__summary\">Line chart.</p><div class=\"chart-canvas\" \
             data-chart-src=\"c1\" aria-hidden=\"true\"></div><script type=\"application/json\" \
             id=\"c1\">{\"series\":[{\"data\":[1,2]}]}</script></figure></main>",
        );
        let b = blocks(&page, 0);
        let Block::Chart {
            caption,
            summary,
            option,
        } = &b[0]
        else {
            panic!("{b:?}")
        };
        assert_eq!(
            (caption.as_str(), summary.as_str()),
            ("Rate", "Line chart.")
        );
        assert_eq!(option["series"][0]["data"][1], 2);
    }

    #[test]
    fn items_with_their_own_headings_are_read_as_blocks() {
        let page = parse(
            "<main><ul><li><article><h3>Foster homes</h3><dl><dt>Age</dt><dd>14 to 17</dd>\
             <dt>Needs</dt><dd>Complex</dd></dl></article></li></ul>\
             <table><tr><td>Plain <dl><dt>Kind</dt><dd>Lot</dd></dl></td></tr></table></main>",
        );
        let b = blocks(&page, 0);
        assert!(matches!(&b[0], Block::Heading { level: 3, text } if text == "Foster homes"));
        let line = |b: &Block| match b {
            Block::Para { runs, .. } => runs.iter().map(|r| r.text.as_str()).collect::<String>(),
            _ => String::new(),
        };
        assert_eq!(line(&b[1]), "Age: 14 to 17");
        assert!(matches!(&b[1], Block::Para { runs, .. } if runs[0].bold && !runs[1].bold));
        assert_eq!(line(&b[2]), "Needs: Complex");
        // Terms inside a cell read as a line: "term: description;".
        let Some(Block::Table(t)) = b.last() else {
            panic!("{b:?}")
        };
        assert_eq!(t.body[0][0].text, "Plain Kind: Lot;");
    }

    #[test]
    fn links_on_paper() {
        let page = parse(
            "<main><p><a href=\"../scenarios/x/\">Change the assumptions</a></p>\
             <p>See <a href=\"https://example.org/portal\">the portal</a>.</p></main>",
        );
        let b = blocks(&page, 0);
        assert_eq!(b.len(), 1, "{b:?}");
        let Block::Para { runs, .. } = &b[0] else {
            panic!()
        };
        let text: String = runs.iter().map(|r| r.text.as_str()).collect();
        assert_eq!(text, "See the portal (https://example.org/portal).");
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in [
            "<",
            "<a",
            "<a href=",
            "</",
            "<p>&",
            "&#xffffffff;",
            "<main><p>x</b></main>",
            "<<>>",
            "–<p>é</p>",
            "<é>",
        ] {
            let _ = blocks(&parse(s), 0);
        }
    }
}

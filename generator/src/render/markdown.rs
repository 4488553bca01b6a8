//! Markdown to safe HTML.
//!
//! Raw HTML in Markdown is never passed through: it is shown as text. Link and image
//! addresses are limited to web, mail, telephone and relative addresses; anything else
//! (`javascript:`, `data:`, ...) is dropped and reported. Links may also point at content by
//! id (`metric:children-in-care`), which is checked and turned into a relative URL.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use hearth_model::Page;
use hearth_model::validate::{Ids, LINK_SCHEMES, PAGE_SCHEMES, closest, scheme_noun};
use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

use crate::diag::{Diagnostic, Location, line_col};
use crate::load::Folder;
use crate::load::yamlpos::Pos;

/// A problem found in Markdown, at a byte offset of the Markdown text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MdProblem {
    pub offset: usize,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// Unsafe content neutralised (a warning); otherwise a broken link (an error).
    pub unsafe_content: bool,
}

/// The site URL of content by link scheme and id, relative to the site root. An empty id
/// is the scheme alone (`facts:`, `plan:`): the page it names. A market table's URL depends
/// on its page: see [`Markdown`], which places `table:ID` with the content's ids.
pub fn content_url(scheme: &str, id: &str) -> Option<String> {
    Some(match (scheme, id) {
        ("home", "") => String::new(),
        ("strategy", "") => "strategy/".into(),
        ("strategy", section) => format!("strategy/#{section}"),
        ("aim", id) => format!("strategy/#aim-{id}"),
        ("priorities", "") => "priorities/".into(),
        ("priority", id) => format!("priorities/{id}/"),
        ("plan", "") => "plan/".into(),
        ("plan", id) => format!("plan/#workstream-{id}"),
        ("action", id) => format!("plan/{id}/"),
        ("measures", "") => "measures/".into(),
        ("metric", id) => format!("measures/{id}/"),
        ("facts", "") => "facts/".into(),
        ("fact", id) => format!("facts/#fact-{id}"),
        ("breakdown", id) => format!("facts/#breakdown-{id}"),
        ("scenarios", "") => "scenarios/".into(),
        ("scenario", id) => format!("scenarios/{id}/"),
        ("page", id) => format!("{id}/"),
        ("accessibility", "") => "accessibility/".into(),
        ("market", "") => "market/".into(),
        ("market", page) => format!("market/{page}/"),
        ("ask", id) => format!("market/asks/#ask-{id}"),
        ("intention", id) => format!("market/intentions/#intention-{id}"),
        ("route", id) => format!("market/procurement/#route-{id}"),
        ("glossary", id) => format!("market/glossary/#term-{id}"),
        _ => return None,
    })
}

/// [`content_url`] with the content's ids, which say which page a market table is on.
fn url_in(ids: &Ids, scheme: &str, id: &str) -> Option<String> {
    if scheme == "table" {
        let page = if ids.supply_tables.contains(id) {
            "supply"
        } else {
            "demand"
        };
        return Some(format!("market/{page}/#table-{id}"));
    }
    content_url(scheme, id)
}

/// The page scheme that lists what an id scheme names, for a link written without its id
/// (`metric:` -> `measures:`).
fn list_scheme(scheme: &str) -> Option<&'static str> {
    Some(match scheme {
        "aim" => "strategy:aims",
        "priority" => "priorities:",
        "action" => "plan:",
        "metric" => "measures:",
        "fact" | "breakdown" => "facts:",
        "scenario" => "scenarios:",
        "ask" => "market:asks",
        "intention" => "market:intentions",
        "route" => "market:procurement",
        "glossary" => "market:glossary",
        _ => return None,
    })
}

/// The id scheme for one of what a page scheme lists (`facts:x` -> `fact:x`).
fn item_scheme(scheme: &str) -> Option<&'static str> {
    Some(match scheme {
        "priorities" => "priority",
        "measures" => "metric",
        "facts" => "fact",
        "scenarios" => "scenario",
        _ => return None,
    })
}

/// The scheme of a URL as a browser would see it (ignoring whitespace and control
/// characters, which browsers strip), lower-cased; `None` for relative URLs.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let colon = cleaned.find(':')?;
    let head = &cleaned[..colon];
    if head.is_empty()
        || head.contains(['/', '?', '#'])
        || !head
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    Some(head.to_ascii_lowercase())
}

/// The email address in `s` (trimmed), if it is one a `mailto:` link can carry: one `@` with
/// something either side, and no spaces, quotes, brackets or other characters an address
/// does not have outside quotes.
pub fn mail_address(s: &str) -> Option<&str> {
    let a = s.trim();
    let (local, domain) = a.split_once('@')?;
    let plain = |p: &str| {
        !p.is_empty()
            && !p.starts_with('.')
            && !p.ends_with('.')
            && p.chars()
                .all(|c| !c.is_whitespace() && !c.is_control() && !"@<>()[]\\,;:\"'`".contains(c))
    };
    (plain(local) && plain(domain)).then_some(a)
}

/// Is this URL safe to put in an `href` written by content editors?
pub fn is_safe_url(url: &str) -> bool {
    match url_scheme(url) {
        None => !url.trim_start().starts_with("//") || url.trim_start().starts_with("///"),
        Some(s) => matches!(s.as_str(), "http" | "https" | "mailto" | "tel"),
    }
}

/// Renders Markdown for one page, given the page's path back to the site root.
#[derive(Debug)]
pub struct Markdown<'a> {
    pub ids: &'a Ids,
    /// Relative prefix from the current page to the site root, such as `../../`.
    pub root: &'a str,
}

impl Markdown<'_> {
    /// Render a block of Markdown. Headings are shifted down one level when the text uses
    /// `#`, so the page keeps a single `<h1>`.
    pub fn block(&self, text: &str) -> (String, Vec<MdProblem>) {
        self.render(text, true)
    }

    /// Render a short text: a single paragraph loses its `<p>` wrapper.
    pub fn inline(&self, text: &str) -> (String, Vec<MdProblem>) {
        let (html, problems) = self.render(text, false);
        let trimmed = html.trim_end();
        if let Some(inner) = trimmed
            .strip_prefix("<p>")
            .and_then(|s| s.strip_suffix("</p>"))
            && !inner.contains("<p>")
        {
            return (inner.to_string(), problems);
        }
        (html, problems)
    }

    fn render(&self, text: &str, shift_headings: bool) -> (String, Vec<MdProblem>) {
        let mut options = Options::empty();
        options.insert(Options::ENABLE_TABLES);
        options.insert(Options::ENABLE_STRIKETHROUGH);
        options.insert(Options::ENABLE_SMART_PUNCTUATION);
        let has_h1 = shift_headings
            && Parser::new_ext(text, options).any(|e| {
                matches!(
                    e,
                    Event::Start(Tag::Heading {
                        level: HeadingLevel::H1,
                        ..
                    })
                )
            });
        let mut problems = Vec::new();
        let mut events = Vec::new();
        // The raw HTML of the block being read (an HTML block comes one line an event), with
        // where each piece starts in the buffer and in the text.
        let mut raw_block: Option<RawHtml> = None;
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            let event = match event {
                Event::Start(Tag::HtmlBlock) => {
                    raw_block = Some(RawHtml::default());
                    continue;
                }
                Event::Html(raw) if raw_block.is_some() => {
                    if let Some(block) = raw_block.as_mut() {
                        block.push(&raw, range.start);
                    }
                    continue;
                }
                Event::End(TagEnd::HtmlBlock) => {
                    if let Some(block) = raw_block.take() {
                        let shown = block.shown(&mut problems);
                        if !shown.is_empty() {
                            events.push(Event::Start(Tag::HtmlBlock));
                            events.push(Event::Text(shown.into()));
                            events.push(Event::End(TagEnd::HtmlBlock));
                        }
                    }
                    continue;
                }
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    let mut inline = RawHtml::default();
                    inline.push(&raw, range.start);
                    let shown = inline.shown(&mut problems);
                    if shown.is_empty() {
                        continue;
                    }
                    Event::Text(shown.into())
                }
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) if has_h1 => Event::Start(Tag::Heading {
                    level: demote(level),
                    id,
                    classes,
                    attrs,
                }),
                Event::End(TagEnd::Heading(level)) if has_h1 => {
                    Event::End(TagEnd::Heading(demote(level)))
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.resolve(&dest_url, range.start, &mut problems);
                    Event::Start(Tag::Link {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let dest = self.resolve(&dest_url, range.start, &mut problems);
                    Event::Start(Tag::Image {
                        link_type,
                        dest_url: dest,
                        title,
                        id,
                    })
                }
                other => other,
            };
            events.push(event);
        }
        let mut html = String::with_capacity(text.len() * 3 / 2);
        pulldown_cmark::html::push_html(&mut html, events.into_iter());
        (html, problems)
    }

    fn resolve<'e>(
        &self,
        dest: &CowStr<'e>,
        offset: usize,
        problems: &mut Vec<MdProblem>,
    ) -> CowStr<'e> {
        let scheme = url_scheme(dest);
        if let Some(s) = scheme.as_deref()
            && LINK_SCHEMES.contains(&s)
        {
            let id = dest.split_once(':').map(|x| x.1).unwrap_or("").trim();
            if self.ids.knows(s, id) == Some(true)
                && let Some(url) = url_in(self.ids, s, id)
            {
                let href = format!("{}{}", self.root, url);
                return CowStr::from(if href.is_empty() { "./".into() } else { href });
            }
            problems.push(self.unknown(dest, s, id, offset));
            return CowStr::from("#");
        }
        // A root-relative address (`/facts/`) means this site's root: it is written relative
        // to the page, so the site works from a sub-path and from a folder. (The link check
        // reports it if no page has that address.)
        if dest.starts_with('/') && !dest.starts_with("//") {
            let rest = &dest[1..];
            let href = format!("{}{rest}", self.root);
            return CowStr::from(if href.is_empty() || href.starts_with(['?', '#']) {
                format!("./{href}")
            } else {
                href
            });
        }
        if let Some(s) = scheme.as_deref()
            && !is_safe_url(dest)
            && let Some(near) = closest(s, LINK_SCHEMES.iter().copied())
        {
            problems.push(MdProblem {
                offset,
                message: format!(
                    "the link `{dest}` uses `{s}:`, which is not a kind of content link"
                ),
                expected: Some(format!(
                    "one of: {}",
                    LINK_SCHEMES
                        .iter()
                        .map(|k| format!("{k}:ID"))
                        .collect::<Vec<_>>()
                        .join(", ")
                )),
                hint: Some(format!("did you mean `{near}:`?")),
                unsafe_content: false,
            });
            return CowStr::from("#");
        }
        if !is_safe_url(dest) {
            problems.push(MdProblem {
                offset,
                message: format!("the link address `{}` is not allowed and was removed", dest.chars().take(60).collect::<String>()),
                expected: Some("an https:, http:, mailto: or tel: address, a relative address, or a content link such as metric:ID".into()),
                hint: Some("links that run code (javascript:, data:, ...) are never published".into()),
                unsafe_content: true,
            });
            return CowStr::from("#");
        }
        dest.clone()
    }

    /// The problem with a content link `dest` (`s:id`) that names nothing published.
    fn unknown(&self, dest: &str, s: &str, id: &str, offset: usize) -> MdProblem {
        let page = PAGE_SCHEMES.iter().find(|(k, _)| *k == s).map(|(_, w)| *w);
        let known = self.ids.for_scheme(s);
        let mut p = MdProblem {
            offset,
            message: format!("the link `{dest}` points at no {s} with the id \"{id}\""),
            expected: Some(format!(
                "the id of {} defined in the content, after `{s}:`",
                scheme_noun(s)
            )),
            hint: None,
            unsafe_content: false,
        };
        let listed = |k: &BTreeSet<String>| {
            let mut some = String::new();
            for (i, x) in k.iter().take(6).enumerate() {
                let _ = write!(some, "{}{s}:{x}", if i > 0 { ", " } else { "" });
            }
            (!some.is_empty()).then(|| format!("known: {some}"))
        };
        let takes_id = !matches!(
            s,
            "home" | "priorities" | "measures" | "facts" | "scenarios" | "accessibility"
        );
        let part = match s {
            "strategy" => Some("section of the strategy page"),
            "market" => Some("page of the market position statement"),
            _ => None,
        };
        match (page, id.is_empty()) {
            // `facts:` on a site without that page.
            (Some(what), true) => {
                p.message =
                    format!("the link `{dest}` points at {what}, which this site does not have");
                p.expected = Some("a link to a page the content has".into());
                p.hint = Some(format!(
                    "{what} is published only when the content has something to put on it"
                ));
            }
            // `metric:` without its id.
            (None, true) => {
                p.message = format!("the link `{dest}` names no {s}: its id is missing");
                p.hint = Some(match list_scheme(s) {
                    Some(list) => format!(
                        "write the id after the colon, such as `{s}:ID`; to link to the list, write `{list}`"
                    ),
                    None => format!("write the id after the colon, such as `{s}:ID`"),
                });
            }
            // `facts:children-in-care`: a page that takes no id.
            (Some(what), false) if !takes_id => {
                p.message = format!("the link `{dest}`: `{s}:` names {what} and takes no id");
                p.expected = Some(format!("`{s}:` alone"));
                p.hint = Some(
                    match item_scheme(s).filter(|one| self.ids.knows(one, id) == Some(true)) {
                        Some(one) => format!("did you mean `{one}:{id}`?"),
                        None => format!("write `{s}:` alone to link to {what}"),
                    },
                );
            }
            // `strategy:governanse`, `market:ask`, `plan:fosterin`, `metric:x`.
            (_, false) => {
                if s == "market" && !self.ids.bare.contains("market") {
                    p.message = format!(
                        "the link `{dest}` points at a page of the market position statement, which this site does not have"
                    );
                    p.expected = Some("a link to a page the content has".into());
                    p.hint = Some(
                        "the statement is published from the content's `market/` folder".into(),
                    );
                    return p;
                }
                if let Some(part) = part {
                    p.message = format!("the link `{dest}` points at no {part} called \"{id}\"");
                    p.expected = Some(format!(
                        "`{s}:` alone, or `{s}:` and one of its parts that the content has"
                    ));
                }
                if let Some(k) = known {
                    p.hint = closest(id, k.iter().map(String::as_str))
                        .map(|near| format!("did you mean `{s}:{near}`?"))
                        .or_else(|| listed(k));
                }
            }
        }
        p
    }
}

/// Raw HTML from Markdown, which is never published as HTML: comments (`<!-- ... -->`) are
/// left out, with one warning each at their first line; anything else is shown as text, with
/// one warning at its first line.
#[derive(Debug, Default)]
struct RawHtml {
    text: String,
    /// (offset in `text`, offset in the Markdown) where each piece starts: the pieces of a
    /// block need not be next to each other in the Markdown (in a list item or a quote).
    starts: Vec<(usize, usize)>,
}

impl RawHtml {
    fn push(&mut self, raw: &str, offset: usize) {
        self.starts.push((self.text.len(), offset));
        self.text.push_str(raw);
    }

    /// The offset in the Markdown of `at` in `text`.
    fn offset(&self, at: usize) -> usize {
        self.starts
            .iter()
            .rev()
            .find(|(start, _)| *start <= at)
            .map_or(0, |(start, offset)| offset + (at - start))
    }

    /// The text to show in place of the HTML (comments taken out), reporting each comment
    /// and any other HTML.
    fn shown(&self, problems: &mut Vec<MdProblem>) -> String {
        let mut shown = String::new();
        let mut rest = 0;
        let mut other_html = None;
        while let Some(open) = self.text[rest..].find("<!--").map(|i| rest + i) {
            // `<!-->` and `<!--->` are (empty) comments too.
            let Some(close) = self.text[open + 2..].find("-->").map(|i| open + 2 + i + 3) else {
                break;
            };
            let before = &self.text[rest..open];
            if !before.trim().is_empty() {
                other_html.get_or_insert(rest + (before.len() - before.trim_start().len()));
            }
            shown.push_str(before);
            problems.push(MdProblem {
                offset: self.offset(open),
                message: "an HTML comment in Markdown is left out of the page".into(),
                expected: None,
                hint: Some(
                    "nothing in a comment is published; for a note to editors, use a YAML comment: \
                     a line starting with `#` (in a page, in its front matter between the `---` \
                     lines)"
                        .into(),
                ),
                unsafe_content: true,
            });
            rest = close;
        }
        let after = &self.text[rest..];
        if !after.trim().is_empty() {
            other_html.get_or_insert(rest + (after.len() - after.trim_start().len()));
        }
        shown.push_str(after);
        if let Some(at) = other_html {
            problems.push(MdProblem {
                offset: self.offset(at),
                message: "raw HTML in Markdown is shown as text, not used as HTML".into(),
                expected: Some("Markdown only".into()),
                hint: Some("use Markdown for formatting; HTML is not allowed in content".into()),
                unsafe_content: true,
            });
        }
        if shown.trim().is_empty() {
            String::new()
        } else {
            shown
        }
    }
}

fn demote(level: HeadingLevel) -> HeadingLevel {
    match level {
        HeadingLevel::H1 => HeadingLevel::H2,
        HeadingLevel::H2 => HeadingLevel::H3,
        HeadingLevel::H3 => HeadingLevel::H4,
        HeadingLevel::H4 => HeadingLevel::H5,
        HeadingLevel::H5 | HeadingLevel::H6 => HeadingLevel::H6,
    }
}

/// A problem in the body of a Markdown page, placed at its line in the page's file.
pub fn page_problem(folder: &Folder, page: &Page, p: MdProblem) -> Diagnostic {
    let (line, column) = line_col(&page.body, p.offset);
    let mut d = Diagnostic::error(
        Location {
            file: folder.sources.display(&page.file),
            pos: Some(Pos {
                line: line + page.body_line - 1,
                column,
            }),
            field: String::new(),
        },
        p.message,
    );
    if p.unsafe_content {
        d.severity = hearth_model::Severity::Warning;
    }
    d.expected = p.expected;
    d.hint = p.hint;
    if let Some(f) = folder.sources.get(&page.file) {
        d = d.with_source(&f.text);
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids() -> Ids {
        let mut ids = Ids::default();
        ids.metrics.insert("children-in-care".into());
        ids
    }

    #[test]
    fn raw_html_is_text() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "../",
        };
        let (html, problems) =
            md.block("Hello <script>alert(1)</script> <img src=x onerror=alert(1)>");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("<img"), "{html}");
        assert!(html.contains("&lt;script&gt;"));
        assert!(problems.iter().all(|p| p.unsafe_content));
        assert!(!problems.is_empty());
    }

    /// Issue 18: a three-line comment gave three warnings and was published as text.
    #[test]
    fn an_html_comment_is_left_out_with_one_warning() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "../",
        };
        let text =
            "Intro.\n\n<!-- Note to editors:\ncheck these figures\nwith finance -->\n\nAfter.\n";
        let (html, problems) = md.block(text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(Some(problems[0].offset), text.find("<!--"));
        assert!(problems[0].message.contains("comment"));
        assert!(
            problems[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("`#`"))
        );
        assert!(!html.contains("editors"), "{html}");
        assert!(!html.contains("&lt;!--"), "{html}");
        assert!(
            html.contains("<p>Intro.</p>") && html.contains("<p>After.</p>"),
            "{html}"
        );
        // Inline, over two lines, and empty comments.
        let (html, problems) = md.block("One <!-- a\nb --> two <!--> three <!---> four");
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(
            !html.contains("&lt;!--") && !html.contains(" a\nb"),
            "{html}"
        );
        assert!(html.contains("four"), "{html}");
        // In a list item, the comment is placed at its own line.
        let text = "- item\n\n  <!-- first\n  second -->\n";
        let (html, problems) = md.block(text);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(Some(problems[0].offset), text.find("<!--"));
        assert!(!html.contains("first"), "{html}");
    }

    /// What follows a comment on its last line is still raw HTML: shown as text, never as HTML.
    #[test]
    fn html_after_a_comment_is_still_text() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "",
        };
        for text in [
            "<!-- x --><script>alert(1)</script>\n",
            "<!-- a\nb --> <img src=x onerror=alert(1)>\n",
            "<div>\n<!-- c -->\n<script>alert(1)</script>\n</div>\n",
            "text <!-- x --><b onclick=alert(1)>bold</b>",
            "<!-- never closed\n<script>alert(1)</script>\n",
        ] {
            let (html, problems) = md.block(text);
            assert!(
                !html.contains("<script") && !html.contains("<img") && !html.contains("<b "),
                "{text}: {html}"
            );
            assert!(
                problems.iter().any(|p| p.message.contains("shown as text")),
                "{text}: {problems:?}"
            );
        }
    }

    #[test]
    fn dangerous_urls_are_dropped() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "",
        };
        for url in [
            "javascript:alert(1)",
            "JaVa\tScRiPt:alert(1)",
            "data:text/html,x",
            "vbscript:x",
            "//evil.example/x",
        ] {
            let (html, problems) = md.inline(&format!("[x](<{url}>)"));
            assert!(html.contains("href=\"#\""), "{url}: {html}");
            assert_eq!(problems.len(), 1, "{url}");
        }
        let (html, problems) =
            md.inline("[ok](https://example.org) [mail](mailto:a@b.c) [rel](../x/)");
        assert!(problems.is_empty());
        assert!(html.contains("https://example.org"));
    }

    #[test]
    fn content_links_resolve_or_report() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "../../",
        };
        let (html, problems) =
            md.inline("[a](metric:children-in-care) and\n[b](metric:children-in-car)");
        assert!(
            html.contains("href=\"../../measures/children-in-care/\""),
            "{html}"
        );
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].unsafe_content);
        assert_eq!(
            problems[0].hint.as_deref(),
            Some("did you mean `metric:children-in-care`?")
        );
        let text = "[a](metric:children-in-care) and\n[b](metric:children-in-car)";
        assert_eq!(line_col(text, problems[0].offset), (2, 1));
    }

    #[test]
    fn mistyped_schemes_are_errors_with_a_suggestion() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "",
        };
        let (html, problems) = md.inline("[x](metrics:children-in-care)");
        assert!(html.contains("href=\"#\""));
        assert_eq!(problems.len(), 1);
        assert!(!problems[0].unsafe_content);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean `metric:`?"));
        // A dangerous scheme stays a warning about unsafe content.
        let (_, problems) = md.inline("[x](javascript:alert(1))");
        assert!(problems[0].unsafe_content);
    }

    fn more_ids() -> Ids {
        let mut ids = ids();
        ids.facts.insert("children-in-care".into());
        ids.tables.insert("by-age".into());
        ids.tables.insert("homes".into());
        ids.supply_tables.insert("homes".into());
        ids.intentions.insert("use-capacity".into());
        ids.routes.insert("gateway".into());
        ids.workstreams.insert("fostering".into());
        for page in ["home", "strategy", "plan", "facts", "market"] {
            ids.bare.insert(page.into());
        }
        ids.strategy.insert("aims".into());
        ids.strategy.insert("governance".into());
        ids.market.insert("asks".into());
        ids
    }

    #[test]
    fn pages_sections_and_market_parts_have_links() {
        let ids = more_ids();
        let md = Markdown {
            ids: &ids,
            root: "../../",
        };
        let text = "[a](facts:) [b](fact:children-in-care) [c](strategy:) [d](strategy:aims) \
            [e](plan:) [f](plan:fostering) [g](market:) [h](market:asks) [i](table:by-age) \
            [j](table:homes) [k](intention:use-capacity) [l](route:gateway) [m](home:)";
        let (html, problems) = md.inline(text);
        assert!(problems.is_empty(), "{problems:?}");
        for want in [
            "../../facts/",
            "../../facts/#fact-children-in-care",
            "../../strategy/",
            "../../strategy/#aims",
            "../../plan/",
            "../../plan/#workstream-fostering",
            "../../market/",
            "../../market/asks/",
            "../../market/demand/#table-by-age",
            "../../market/supply/#table-homes",
            "../../market/intentions/#intention-use-capacity",
            "../../market/procurement/#route-gateway",
            "\"../../\"",
        ] {
            let want = if want.starts_with('"') {
                format!("href={want}")
            } else {
                format!("href=\"{want}\"")
            };
            assert!(html.contains(&want), "{want} in {html}");
        }
        // On the home page, `home:` is the page itself.
        let home = Markdown {
            ids: &ids,
            root: "",
        };
        assert!(home.inline("[x](home:)").0.contains("href=\"./\""));
    }

    #[test]
    fn page_and_section_links_that_name_nothing_are_errors() {
        let ids = more_ids();
        let md = Markdown {
            ids: &ids,
            root: "../",
        };
        let one = |text: &str| {
            let (html, mut problems) = md.inline(text);
            assert!(html.contains("href=\"#\""), "{text}: {html}");
            assert_eq!(problems.len(), 1, "{text}: {problems:?}");
            let p = problems.remove(0);
            assert!(!p.unsafe_content);
            (p.message, p.hint.unwrap_or_default())
        };
        // A section that is not there: "did you mean".
        let (message, hint) = one("[x](strategy:governanse)");
        assert!(message.contains("no section of the strategy page called \"governanse\""));
        assert_eq!(hint, "did you mean `strategy:governance`?");
        let (message, hint) = one("[x](market:ask)");
        assert!(message.contains("no page of the market position statement"));
        assert_eq!(hint, "did you mean `market:asks`?");
        // A page the site does not have.
        let (message, _) = one("[x](scenarios:)");
        assert!(message.contains("the list of what-if forecasts, which this site does not have"));
        // A page scheme given an id, and the id scheme that takes it.
        let (message, hint) = one("[x](facts:children-in-care)");
        assert!(message.contains("takes no id"), "{message}");
        assert_eq!(hint, "did you mean `fact:children-in-care`?");
        // An id scheme without its id points at the list.
        let (message, hint) = one("[x](metric:)");
        assert!(message.contains("its id is missing"), "{message}");
        assert!(hint.contains("`measures:`"), "{hint}");
        // New id schemes report unknown ids with a suggestion.
        let (message, hint) = one("[x](table:by-ag)");
        assert!(message.contains("no table with the id \"by-ag\""));
        assert_eq!(hint, "did you mean `table:by-age`?");
        let (_, hint) = one("[x](route:gatewy)");
        assert_eq!(hint, "did you mean `route:gateway`?");
        let (_, hint) = one("[x](intention:use-capacty)");
        assert_eq!(hint, "did you mean `intention:use-capacity`?");
        let (_, hint) = one("[x](fact:children-in-car)");
        assert_eq!(hint, "did you mean `fact:children-in-care`?");
    }

    #[test]
    fn root_relative_links_become_relative_to_the_page() {
        let ids = ids();
        for (root, link, want) in [
            ("../../", "/facts/", "../../facts/"),
            (
                "../",
                "/market/asks/?type=foster-care#ask-x",
                "../market/asks/?type=foster-care#ask-x",
            ),
            ("", "/facts/", "facts/"),
            ("", "/", "./"),
            ("", "/#aims", "./#aims"),
            ("../", "/", "../"),
        ] {
            let md = Markdown { ids: &ids, root };
            let (html, problems) = md.inline(&format!("[x]({link})"));
            assert!(problems.is_empty(), "{link}: {problems:?}");
            assert!(
                html.contains(&format!("href=\"{want}\"")),
                "{root} {link}: {html}"
            );
        }
        // A protocol-relative address is still refused.
        let md = Markdown {
            ids: &ids,
            root: "../",
        };
        let (html, problems) = md.inline("[x](//evil.example/)");
        assert!(html.contains("href=\"#\"") && problems[0].unsafe_content);
    }

    #[test]
    fn only_email_addresses_get_mailto_links() {
        assert_eq!(
            mail_address(" placements@example.org "),
            Some("placements@example.org")
        );
        assert_eq!(
            mail_address("a.b+c@council.gov.uk"),
            Some("a.b+c@council.gov.uk")
        );
        for not in [
            "placements @example.org",
            "mailto:a@b.org",
            "placements",
            "@example.org",
            "a@",
            "a@b@c",
            "<a@b.org>",
            "a@b.org <script>",
            "\"a\"@b.org",
        ] {
            assert_eq!(mail_address(not), None, "{not}");
        }
    }

    #[test]
    fn headings_shift_when_h1_used() {
        let ids = ids();
        let md = Markdown {
            ids: &ids,
            root: "",
        };
        let (html, _) = md.block("# A\n\n## B\n");
        assert!(
            html.contains("<h2>A</h2>") && html.contains("<h3>B</h3>"),
            "{html}"
        );
        let (html, _) = md.block("## B\n");
        assert!(html.contains("<h2>B</h2>"));
    }
}

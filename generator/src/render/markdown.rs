//! Markdown to safe HTML.
//!
//! Raw HTML in Markdown is never passed through: it is shown as text. Link and image
//! addresses are limited to web, mail, telephone and relative addresses; anything else
//! (`javascript:`, `data:`, ...) is dropped and reported. Links may also point at content by
//! id (`metric:children-in-care`), which is checked and turned into a relative URL.

use std::fmt::Write as _;

use hearth_model::Page;
use hearth_model::validate::{Ids, LINK_SCHEMES, article, closest};
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

/// The site URL of content by link scheme and id, relative to the site root.
pub fn content_url(scheme: &str, id: &str) -> Option<String> {
    Some(match scheme {
        "metric" => format!("measures/{id}/"),
        "action" => format!("plan/{id}/"),
        "priority" => format!("priorities/{id}/"),
        "aim" => format!("strategy/#aim-{id}"),
        "plan" => format!("plan/#workstream-{id}"),
        "page" => format!("{id}/"),
        "breakdown" => format!("facts/#breakdown-{id}"),
        "scenario" => format!("scenarios/{id}/"),
        "glossary" => format!("market/glossary/#term-{id}"),
        "ask" => format!("market/asks/#ask-{id}"),
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
        for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
            let event = match event {
                Event::Html(raw) | Event::InlineHtml(raw) => {
                    problems.push(MdProblem {
                        offset: range.start,
                        message: "raw HTML in Markdown is shown as text, not used as HTML".into(),
                        expected: Some("Markdown only".into()),
                        hint: Some(
                            "use Markdown for formatting; HTML is not allowed in content".into(),
                        ),
                        unsafe_content: true,
                    });
                    Event::Text(raw)
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
            let known = self.ids.for_scheme(s);
            if known.is_some_and(|k| k.contains(id))
                && let Some(url) = content_url(s, id)
            {
                return CowStr::from(format!("{}{}", self.root, url));
            }
            let mut p = MdProblem {
                offset,
                message: format!("the link `{dest}` points at no {s} with the id \"{id}\""),
                expected: Some(format!(
                    "the id of {} {s} defined in the content",
                    article(s)
                )),
                hint: None,
                unsafe_content: false,
            };
            if let Some(k) = known {
                p.hint = closest(id, k.iter().map(String::as_str))
                    .map(|near| format!("did you mean `{s}:{near}`?"))
                    .or_else(|| {
                        let mut some = String::new();
                        for (i, x) in k.iter().take(6).enumerate() {
                            let _ = write!(some, "{}{s}:{x}", if i > 0 { ", " } else { "" });
                        }
                        (!some.is_empty()).then(|| format!("known: {some}"))
                    });
            }
            problems.push(p);
            return CowStr::from("#");
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

//! Checks every internal link and anchor of the built site before anything is written: each
//! relative `href`/`src` in every page must name a file of the site (a folder means its
//! `index.html`), and each `#fragment` an `id` in the target page. A broken one is an error
//! naming the link and where it was written: the content file, line and column when the
//! link's address appears in one (Markdown, or a YAML text field), else the built page (a link
//! made by a theme template). So a mistyped relative link never reaches readers.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use crate::diag::{Diagnostic, Location};
use crate::load::SourceFile;
use crate::load::yamlpos::Pos;

/// What the link check needs from one page: its links (`href` and `src` values, in document
/// order) and its `id`s, entity-decoded. Only real tags count: text that shows HTML (escaped
/// `&lt;a href="..."`) is not a link.
#[derive(Debug, Default)]
struct Scan {
    links: Vec<String>,
    /// Shared with the [`Checker`], which keeps them for every page of a region.
    ids: Arc<BTreeSet<String>>,
}

/// One pass over a page's tags. The searches are the `memchr` crate's (vector instructions):
/// a region's build makes hundreds of thousands of them, and `str::find`'s were 5% of its
/// instructions.
fn scan(html: &str) -> Scan {
    let mut out = Scan::default();
    let mut ids = BTreeSet::new();
    let mut rest = html;
    while let Some(open) = find(rest, b'<') {
        let tag_and_more = &rest[open..];
        // Attribute values never hold a raw `>` (templates escape it), so a tag ends at `>`.
        let end = find(tag_and_more, b'>').unwrap_or(tag_and_more.len());
        let tag = &tag_and_more[..end];
        let mut from = 0;
        while let Some(space) = find(&tag[from..], b' ') {
            let at = from + space + 1;
            let after = &tag[at..];
            let (is_link, skip) = if after.starts_with("href=\"") {
                (true, 6)
            } else if after.starts_with("src=\"") {
                (true, 5)
            } else if after.starts_with("id=\"") {
                (false, 4)
            } else {
                // Another attribute: its quoted value (an SVG path's, a class list) is passed
                // over whole rather than space by space. A value holds no raw `"`, so none of
                // the three attributes above can start inside one.
                from = quoted_value_end(tag, at);
                continue;
            };
            let start = at + skip;
            let stop = find(&tag[start..], b'"').map_or(tag.len(), |e| start + e);
            let value = decode(&tag[start..stop]);
            if is_link {
                out.links.push(value);
            } else {
                ids.insert(value);
            }
            from = stop;
        }
        if end == 0 {
            break;
        }
        rest = &tag_and_more[end..];
    }
    out.ids = Arc::new(ids);
    out
}

/// Where `byte` (ASCII) first is in `s`.
fn find(s: &str, byte: u8) -> Option<usize> {
    memchr::memchr(byte, s.as_bytes())
}

/// Where the scan of `tag` goes on after the attribute starting at `at`: past its closing
/// quote when it is `name="value"`, else at `at`.
fn quoted_value_end(tag: &str, at: usize) -> usize {
    let bytes = tag.as_bytes();
    let name = bytes[at..]
        .iter()
        .take_while(|b| !matches!(b, b' ' | b'=' | b'"' | b'>'))
        .count();
    let open = at + name;
    if bytes.get(open) == Some(&b'=')
        && bytes.get(open + 1) == Some(&b'"')
        && let Some(close) = find(&tag[open + 2..], b'"')
    {
        return open + 2 + close + 1;
    }
    at
}

/// What the link check needs from a site's HTML pages: each page's links and ids, by path.
#[derive(Debug, Default)]
pub struct Scans(BTreeMap<String, Scan>);

impl Scans {
    /// Add the pages of `other`.
    pub fn extend(&mut self, other: Scans) {
        self.0.extend(other.0);
    }

    /// [`scan`] every HTML page of `files`, on as many threads as there are cores (the pages
    /// are independent; the result is in page order, so the report does not depend on
    /// timing), or on this thread alone when `parallel` is false.
    pub fn of(files: &BTreeMap<String, Vec<u8>>, parallel: bool) -> Scans {
        let pages: Vec<(&str, &str)> = files
            .iter()
            .filter(|(path, _)| path.ends_with(".html"))
            .filter_map(|(path, bytes)| Some((path.as_str(), std::str::from_utf8(bytes).ok()?)))
            .collect();
        let one = |(path, html): &(&str, &str)| (path.to_string(), scan(html));
        if !parallel {
            return Scans(pages.iter().map(one).collect());
        }
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
        let chunk = pages.len().div_ceil(threads).max(64);
        Scans(std::thread::scope(|s| {
            let workers: Vec<_> = pages
                .chunks(chunk)
                .map(|part| s.spawn(move || part.iter().map(one).collect::<Vec<_>>()))
                .collect();
            workers
                .into_iter()
                .flat_map(|w| w.join().unwrap_or_default())
                .collect()
        }))
    }
}

/// Decode the entities minijinja writes in attributes (`&#x2f;`, `&amp;`, `&quot;`, ...).
fn decode(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        let Some(semi) = tail.find(';').filter(|n| *n <= 10) else {
            out.push('&');
            rest = &tail[1..];
            continue;
        };
        let entity = &tail[1..semi];
        let ch = match entity {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &tail[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Resolve `link` from the page at `page` (`plan/x/index.html`) to a site path and a
/// fragment. A relative link is taken from the page's folder; a root-relative one (`/facts/`)
/// from the site's root, which is what it means when the site is served from a domain's
/// root (Markdown writes such links relative to the page, so they work from a sub-path
/// too). `None` when it climbs out of the site.
fn resolve(page: &str, link: &str) -> Option<(String, Option<String>)> {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (link, None),
    };
    let path = path.split('?').next().unwrap_or("");
    if path.is_empty() {
        return Some((page.to_string(), fragment));
    }
    // The path so far, `parts` segments joined with `/`: the page's folder, or the root.
    let mut joined = String::with_capacity(page.len() + path.len() + 11);
    let mut parts = 0usize;
    if !path.starts_with('/')
        && let Some(slash) = page.rfind('/')
    {
        joined.push_str(&page[..slash]);
        parts = memchr::memchr_iter(b'/', joined.as_bytes()).count() + 1;
    }
    // The segments, split with memchr (this runs for every link of every page).
    let mut start = 0;
    let ends = memchr::memchr_iter(b'/', path.as_bytes()).chain([path.len()]);
    for end in ends {
        let seg = &path[start..end];
        start = end + 1;
        match seg {
            "" | "." => {}
            ".." => {
                parts = parts.checked_sub(1)?;
                let cut = memchr::memrchr(b'/', joined.as_bytes()).unwrap_or(0);
                joined.truncate(cut);
            }
            s => {
                if parts > 0 {
                    joined.push('/');
                }
                joined.push_str(s);
                parts += 1;
            }
        }
    }
    if path.ends_with('/') || joined.is_empty() {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some((joined, fragment))
}

/// Where `link` is written in the content: the first of `sources` whose text holds it as a
/// whole address (after `(`, a quote, `=`, `<` or a space; before `)`, a quote, `>`, `#`-free
/// end or a space), with its line and column.
pub fn locate<'a>(
    link: &str,
    sources: impl IntoIterator<Item = &'a SourceFile>,
) -> Option<(Location, &'a str)> {
    if link.is_empty() {
        return None;
    }
    let opens = |c: Option<char>| {
        matches!(c, Some('(' | '"' | '\'' | '=' | '<') | None) || c.is_some_and(char::is_whitespace)
    };
    let closes = |c: Option<char>| {
        matches!(c, Some(')' | '"' | '\'' | '>') | None) || c.is_some_and(char::is_whitespace)
    };
    for source in sources {
        let text = source.text.as_str();
        for (at, _) in text.match_indices(link) {
            if opens(text[..at].chars().next_back())
                && closes(text[at + link.len()..].chars().next())
            {
                let (line, column) = crate::diag::line_col(text, at);
                let location = Location {
                    file: source.display.clone(),
                    pos: Some(Pos { line, column }),
                    field: String::new(),
                };
                return Some((location, text));
            }
        }
    }
    None
}

/// The root-relative form of a relative `link` on `page` (`../facts/#x` on
/// `about/index.html` is `/facts/#x`): how the content may have written it (Markdown turns
/// `/facts/` into a link relative to the page). `None` for a link that is root-relative
/// already or climbs out of the site.
fn root_form(page: &str, link: &str) -> Option<String> {
    if link.starts_with('/') {
        return None;
    }
    let split = link.find(['?', '#']).unwrap_or(link.len());
    let (path, rest) = link.split_at(split);
    let mut parts: Vec<&str> = page.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    let mut out = format!("/{}", parts.join("/"));
    if path.ends_with('/') && !out.ends_with('/') {
        out.push('/');
    }
    out.push_str(rest);
    Some(out)
}

/// Every broken internal link and anchor in the site's pages. `find` says where a link's
/// address is written in the content, if anywhere (see [`locate`]): as it is in the page, or
/// in its root-relative form.
pub fn check<'a>(
    files: &BTreeMap<String, Vec<u8>>,
    find: impl Fn(&str) -> Option<(Location, &'a str)>,
) -> Vec<Diagnostic> {
    let scans = Scans::of(files, true);
    let mut checker = Checker::default();
    checker.know(files.keys(), &scans);
    checker.check(&scans, &find);
    checker.finish(find)
}

/// The link check of a site made in parts (a region: its own site, then one member after
/// another, each written out and let go before the next): the paths of every file and the
/// ids of every page seen so far, the problems found, and the links to addresses not seen
/// yet, settled by [`Checker::finish`]. The problems come out as [`check`] would give them
/// for the whole site at once: in page order, each page's in link order.
#[derive(Debug, Default)]
pub struct Checker {
    /// Every file seen, with the ids of each HTML page.
    known: FxHashMap<String, Arc<BTreeSet<String>>>,
    /// Links to an address not seen yet when their page was checked.
    pending: Vec<Pending>,
    /// (page, the link's place among the page's links, the problem).
    problems: Vec<(String, usize, Diagnostic)>,
}

#[derive(Debug)]
struct Pending {
    page: String,
    order: usize,
    link: String,
    target: String,
    fragment: Option<String>,
}

/// Where a link is written (a content file's line, else the built page) and how.
#[derive(Debug)]
struct Written {
    link: String,
    rooted: bool,
    at: Option<(Location, Option<String>)>,
}

impl Written {
    fn find<'a>(
        page: &str,
        link: &str,
        find: &impl Fn(&str) -> Option<(Location, &'a str)>,
    ) -> Written {
        let place = |(location, text): (Location, &str)| {
            let line = location
                .pos
                .and_then(|p| text.lines().nth(p.line.saturating_sub(1)))
                .map(str::to_string);
            Some((location, line))
        };
        match find(link) {
            Some(at) => Written {
                link: link.to_string(),
                rooted: link.starts_with('/'),
                at: place(at),
            },
            None => match root_form(page, link).and_then(|r| Some((find(&r)?, r))) {
                // Written as `/figures/`: say so.
                Some((at, written)) => Written {
                    link: written,
                    rooted: true,
                    at: place(at),
                },
                None => Written {
                    link: link.to_string(),
                    rooted: link.starts_with('/'),
                    at: None,
                },
            },
        }
    }
}

impl Checker {
    /// Remember `paths` as files of the site, and the ids of the pages in `scans`.
    pub fn know<'p>(&mut self, paths: impl Iterator<Item = &'p String>, scans: &Scans) {
        for path in paths {
            let ids = scans.0.get(path).map(|s| s.ids.clone()).unwrap_or_default();
            self.known.insert(path.clone(), ids);
        }
    }

    /// How many files are known.
    pub fn files(&self) -> usize {
        self.known.len()
    }

    /// The file a target names: itself, or the folder's page.
    fn key(&self, target: &str) -> Option<String> {
        if self.known.contains_key(target) {
            return Some(target.to_string());
        }
        let folder = format!("{target}/index.html");
        self.known.contains_key(&folder).then_some(folder)
    }

    /// Check the links of the pages in `scans` against the files known so far; a link to an
    /// address not known yet waits for [`Checker::finish`].
    pub fn check<'a>(&mut self, scans: &Scans, find: impl Fn(&str) -> Option<(Location, &'a str)>) {
        for (page, found) in &scans.0 {
            let mut seen: rustc_hash::FxHashSet<&str> = Default::default();
            for (order, link) in found.links.iter().enumerate() {
                let trimmed = link.trim();
                let has_scheme = trimmed
                    .split(['/', '?', '#'])
                    .next()
                    .is_some_and(|head| head.contains(':'));
                if trimmed.is_empty()
                    || has_scheme
                    || trimmed.starts_with("//")
                    || !seen.insert(link.as_str())
                {
                    continue;
                }
                let problem = |why: &str| {
                    let written = Written::find(page, link, &find);
                    (page.clone(), order, broken(page, &written, why))
                };
                let Some((target, fragment)) = resolve(page, trimmed) else {
                    self.problems.push(problem("it leads outside the site"));
                    continue;
                };
                let Some(key) = self.key(&target) else {
                    self.pending.push(Pending {
                        page: page.clone(),
                        order,
                        link: link.clone(),
                        target,
                        fragment,
                    });
                    continue;
                };
                if let Some(why) = self.missing_id(&key, fragment.as_deref()) {
                    self.problems.push(problem(&why));
                }
            }
        }
    }

    /// Why a link to `fragment` in the file `key` is broken, if it is.
    fn missing_id(&self, key: &str, fragment: Option<&str>) -> Option<String> {
        let fragment = fragment.filter(|f| !f.is_empty())?;
        // A target that is not an HTML page (a CSV file, say) has no ids.
        let has_id = self
            .known
            .get(key)
            .is_some_and(|ids| ids.contains(fragment));
        (!has_id).then(|| format!("{key} has no element with id \"{fragment}\""))
    }

    /// Every problem found, the links still waiting settled against every file now known
    /// (`find` as for [`Checker::check`]).
    pub fn finish<'a>(
        mut self,
        find: impl Fn(&str) -> Option<(Location, &'a str)>,
    ) -> Vec<Diagnostic> {
        for p in std::mem::take(&mut self.pending) {
            let why = match self.key(&p.target) {
                None => Some("no page or file of the site has that address".to_string()),
                Some(key) => self.missing_id(&key, p.fragment.as_deref()),
            };
            if let Some(why) = why {
                let written = Written::find(&p.page, &p.link, &find);
                let d = broken(&p.page, &written, &why);
                self.problems.push((p.page, p.order, d));
            }
        }
        self.problems
            .sort_by(|a, b| (a.0.as_str(), a.1).cmp(&(b.0.as_str(), b.1)));
        self.problems.into_iter().map(|(_, _, d)| d).collect()
    }
}

/// A broken link's diagnostic, placed where the link is written.
fn broken(page: &str, written: &Written, why: &str) -> Diagnostic {
    let link = &written.link;
    let d = match &written.at {
        Some((location, line)) => {
            let mut d = Diagnostic::error(
                location.clone(),
                format!("broken link `{link}` (on the built page {page}): {why}"),
            );
            d.source_line = line.clone();
            d
        }
        None => Diagnostic::file(
            format!("{page} (built page)"),
            format!("broken link `{link}`: {why}"),
        ),
    };
    let hint = if written.rooted {
        "an address starting with / is taken from this site's root; link to content by id instead (facts:, metric:ID, market:asks, page:SLUG, ...), which works wherever the site is served; for a page elsewhere on your website, write its full https:// address"
    } else {
        "in Markdown, link to content by id (metric:ID, action:ID, facts:, page:SLUG, ...) rather than by address; in a theme template, check the path"
    };
    d.with_expected("a link to a page, file or heading of this site")
        .with_hint(hint)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// [`resolve`] as it was first written, with a list of segments.
    fn resolve_by_parts(page: &str, link: &str) -> Option<(String, Option<String>)> {
        let (path, fragment) = match link.split_once('#') {
            Some((p, f)) => (p, Some(f.to_string())),
            None => (link, None),
        };
        let path = path.split('?').next().unwrap_or("");
        let mut parts: Vec<&str> = page.split('/').collect();
        parts.pop(); // the page's own file name
        if path.is_empty() {
            return Some((page.to_string(), fragment));
        }
        if path.starts_with('/') {
            parts.clear();
        }
        for seg in path.split('/') {
            match seg {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                s => parts.push(s),
            }
        }
        let mut joined = parts.join("/");
        if path.ends_with('/') || joined.is_empty() {
            if !joined.is_empty() {
                joined.push('/');
            }
            joined.push_str("index.html");
        }
        Some((joined, fragment))
    }

    #[test]
    fn resolves_as_with_a_list_of_segments() {
        let pages = [
            "index.html",
            "plan/index.html",
            "plan/a1/index.html",
            "councils/x/editions/1.0/plan/a1/index.html",
            "a//b/index.html",
            "404.html",
        ];
        let links = [
            "",
            "#top",
            "?q=1",
            "/",
            "/facts/",
            "/facts/#x",
            "facts/",
            "./",
            ".",
            "..",
            "../",
            "../../",
            "../../../..",
            "../../../../../../x/",
            "a/b/../c/",
            "a//b",
            "./x.csv",
            "../static/css/hearth.css",
            "/static/../x",
            "..//",
            "x/./y/",
            "/..",
            "#",
            "a?b#c",
        ];
        for page in pages {
            for link in links {
                assert_eq!(
                    resolve(page, link),
                    resolve_by_parts(page, link),
                    "{page} {link}"
                );
            }
        }
    }

    fn site(pages: &[(&str, &str)]) -> BTreeMap<String, Vec<u8>> {
        pages
            .iter()
            .map(|(p, h)| (p.to_string(), h.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn relative_links_and_anchors_are_checked() {
        let files = site(&[
            (
                "index.html",
                r##"<a href="plan/">x</a> <a href="plan/#ws-a">x</a> <img src="static/a.svg"> <a href="https://x.org/">x</a> <a href="mailto:a@b">x</a> <a href="#top">x</a><h1 id="top">t</h1>"##,
            ),
            (
                "plan/index.html",
                r##"<h2 id="ws-a">a</h2><a href="..&#x2f;">home</a> <a href="../missing/">bad</a> <a href="#nope">bad</a> <a href="../../../etc/">out</a>"##,
            ),
            ("static/a.svg", "<svg/>"),
        ]);
        let problems: Vec<String> = check(&files, |_| None)
            .iter()
            .map(|d| d.message.clone())
            .collect();
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems[0].contains("`../missing/`"));
        assert!(problems[1].contains("`#nope`") && problems[1].contains("no element with id"));
        assert!(problems[2].contains("outside the site"));
    }

    #[test]
    fn links_and_ids_after_long_attribute_values_are_found() {
        let scan = scan(concat!(
            r#"<svg class="a b id c" viewBox="0 0 10 10"><path d="M 0 0 L 1 1 L 2 2" id="p"/>"#,
            r#"<a data-x="" aria-label="see href and src" href="x/&amp;y" hidden id="a b">t</a>"#,
            r#"<img alt=" src=" src="i.png"><input disabled name=q id=q2 src="s.js"></svg>"#,
        ));
        assert_eq!(scan.links, ["x/&y", "i.png", "s.js"]);
        assert_eq!(
            scan.ids.iter().cloned().collect::<Vec<_>>(),
            ["a b".to_string(), "p".to_string()]
        );
    }

    #[test]
    fn html_shown_as_text_is_not_a_link() {
        let files = site(&[(
            "index.html",
            r##"<p>&lt;a href="../nowhere/"&gt;not a link&lt;/a&gt;</p><a href="#x" id="x">ok</a>"##,
        )]);
        assert!(check(&files, |_| None).is_empty());
    }

    #[test]
    fn a_link_is_found_where_it_is_written() {
        let page = SourceFile {
            display: "content/pages/about.md".into(),
            text: "---\ntitle: About\n---\nSee [all](../plan/x/) and\n[that](../plan/) too.\n"
                .into(),
            index: crate::load::yamlpos::PosIndex::default(),
            csv: Vec::new(),
        };
        let (at, _) = locate("../plan/", [&page]).unwrap();
        assert_eq!(at.to_string(), "content/pages/about.md:5:8");
        assert!(locate("../pl", [&page]).is_none(), "only whole addresses");
        let files = site(&[("about/index.html", r#"<a href="../plan/">x</a>"#)]);
        let problems = check(&files, |link| locate(link, [&page]));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].location.to_string(),
            "content/pages/about.md:5:8"
        );
        assert!(
            problems[0]
                .message
                .contains("on the built page about/index.html")
        );
        assert_eq!(
            problems[0].source_line.as_deref(),
            Some("[that](../plan/) too.")
        );
    }

    #[test]
    fn root_relative_links_are_taken_from_the_site_root() {
        let files = site(&[
            ("index.html", r#"<h2 id="aims">a</h2>"#),
            ("facts/index.html", r#"<p id="fact-x">x</p>"#),
            (
                "plan/x/index.html",
                r##"<a href="/facts/">ok</a> <a href="/facts/#fact-x">ok</a> <a href="/">ok</a> <a href="/#aims">ok</a> <a href="/plan/x/">ok</a> <a href="/factz/">bad</a> <a href="/facts/#nope">bad</a>"##,
            ),
        ]);
        let problems = check(&files, |_| None);
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages.len(), 2, "{messages:?}");
        assert!(messages[0].contains("`/factz/`"), "{messages:?}");
        assert!(messages[1].contains("facts/index.html has no element with id \"nope\""));
        let hint = problems[0].hint.as_deref().unwrap_or("");
        assert!(hint.contains("taken from this site's root") && hint.contains("facts:"));
    }

    #[test]
    fn a_root_relative_link_rewritten_for_the_page_is_found_as_written() {
        // Markdown writes `/factz/` on about/ as `../factz/`: the error still lands on the
        // line that says `/factz/`, with the hint about root-relative addresses.
        let page = SourceFile {
            display: "content/pages/about.md".into(),
            text: "---\ntitle: About\n---\nOur [figures](/factz/#x).\n".into(),
            index: crate::load::yamlpos::PosIndex::default(),
            csv: Vec::new(),
        };
        let files = site(&[("about/index.html", r#"<a href="../factz/#x">x</a>"#)]);
        let problems = check(&files, |link| locate(link, [&page]));
        assert_eq!(problems.len(), 1);
        assert_eq!(
            problems[0].location.to_string(),
            "content/pages/about.md:4:15"
        );
        assert!(
            problems[0]
                .hint
                .as_deref()
                .is_some_and(|h| h.contains("taken from this site's root"))
        );
        assert_eq!(
            root_form("a/b/index.html", "../../x/?q#f").as_deref(),
            Some("/x/?q#f")
        );
        assert_eq!(root_form("index.html", "./"), Some("/".into()));
        assert_eq!(root_form("index.html", "../x/"), None);
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(decode("..&#x2f;plan&#x2F;?a=1&amp;b=2"), "../plan/?a=1&b=2");
        assert_eq!(decode("a&bogus;b & c"), "a&bogus;b & c");
    }
}

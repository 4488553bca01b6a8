//! Site search (issue 17): `/search/` (results as you type, from the browser module), its index
//! `search/index.js`, and `/a-z/`, every page of the site by title (what search offers without
//! JavaScript).
//!
//! The documents are gathered from the pages already rendered, so everything a page shows is
//! searchable and nothing else is: each page's title (its `<h1>`), section (the navigation
//! item it sits under) and the words of its `<main>` (breadcrumbs, forms, scripts and tables
//! left out). The index itself (format, words, query) is `hearth_model::search`.
//!
//! The index is a classic script setting `self.hearthSearch`, so the search page loads it with
//! a `<script>` element and it works from a folder (`hearth build --offline`) as well as from
//! a server; it is loaded only on the search page.

use std::collections::BTreeMap;

use hearth_model::search::{Document, Index, IndexBuilder, fold};
use serde::Serialize;

use super::site::{RegionNav, Site};

/// The index, relative to the site's root.
pub const INDEX: &str = "search/index.js";
/// Pages that are not documents: the search pages themselves and the "not found" page.
const SKIP: &[&str] = &["404.html", "search/index.html", "a-z/index.html"];

/// How much of each page's text the index keeps for snippets (bytes, cut at a word): every
/// word of the page is indexed, but only the start of its text is written, which keeps the
/// example's index under 40 KB gzipped. A match further on shows the start of the page.
pub const SNIPPET_TEXT: usize = 800;

/// Section of a page under no navigation item.
const OTHER: &str = "About this site";

#[derive(Serialize)]
struct SearchPage {
    title: &'static str,
}

#[derive(Serialize)]
struct AzEntry {
    title: String,
    href: String,
    section: String,
}

#[derive(Serialize)]
struct AzLetter {
    letter: String,
    id: String,
    pages: Vec<AzEntry>,
}

#[derive(Serialize)]
struct AzPage {
    title: &'static str,
    count: usize,
    letters: Vec<AzLetter>,
}

/// `/search/`, `/a-z/` and the index of the pages rendered so far.
pub fn render(site: &mut Site<'_>) {
    let docs = documents(&site.out, |_| true);
    // A region member's current pages go into the region's index too (see
    // [`member_documents`]): kept, so they are not read from the pages again, with the
    // words its own index read from them.
    let member = matches!(site.setting.region, Some(RegionNav::Member { .. }))
        && site.history.archived.is_none();
    if member {
        site.docs = docs.clone();
    }
    site.page(
        "search/index.html",
        "search.html",
        "",
        &SearchPage { title: "Search" },
    );
    let az = az(&docs);
    site.page("a-z/index.html", "a_z.html", "", &az);
    let index = build(docs);
    site.out.insert(INDEX.to_string(), script(&index));
    if member {
        site.words = Some(std::sync::Arc::new(index));
    }
}

/// The index of `docs`, each document's text then cut to [`SNIPPET_TEXT`].
fn build(docs: Vec<Document>) -> Index {
    let mut index = Index::build(docs);
    shorten_texts(&mut index);
    index
}

/// Each document's text cut to [`SNIPPET_TEXT`].
fn shorten_texts(index: &mut Index) {
    for d in &mut index.docs {
        d.text = shorten(&d.text, SNIPPET_TEXT);
    }
}

/// `text` cut at the last space before `max` bytes, with `…`, if longer.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let end = text[..end].rfind(' ').unwrap_or(end);
    format!("{}…", &text[..end])
}

/// The search documents of one part of a region's site ([`super::region::Part`]): its
/// current pages (not earlier editions, which keep their own index), a member's labelled
/// with the member's name (the authority ends each page's `<title>`). Kept with the part, so
/// the region's index can be made again without its files ([`region_script`]).
pub fn part_documents(files: &BTreeMap<String, Vec<u8>>) -> Vec<Document> {
    let docs = documents(files, |path| {
        !path.starts_with("editions/") && !path.contains("/editions/")
    });
    label(docs, files)
}

/// [`part_documents`] of a member's current part from the documents its own index was made
/// of (`site`: [`super::Rendered::docs`], paths from the member's root) and the files of the
/// part (`files`, under `prefix`): the same documents, in the same order, without reading
/// the pages again. Only the member's own static files (`statics`, when it has its own
/// theme) are read, as they were not pages of its site. With them, each document's place
/// in `site` (for [`IndexBuilder::append`]), unless static files added documents.
pub fn member_documents(
    site: Vec<Document>,
    prefix: &str,
    files: &BTreeMap<String, Vec<u8>>,
    statics: bool,
) -> (Vec<Document>, Option<Vec<u32>>) {
    let keep = |path: &str| !path.starts_with("editions/") && !path.contains("/editions/");
    let own = format!("{prefix}static/");
    let mut places = Vec::new();
    let mut docs: Vec<Document> = site
        .into_iter()
        .zip(0u32..)
        .filter_map(|(mut d, place)| {
            d.url = format!("{prefix}{}", d.url);
            // `url` is the path less `index.html`, so it has `/editions/` where the path
            // does; a page the member's own static files replace is read from them below.
            let kept = keep(&d.url) && !(statics && d.url.starts_with(&own));
            kept.then(|| {
                places.push(place);
                d
            })
        })
        .collect();
    let mut places = Some(places);
    if statics {
        let more = documents(files, |path| path.starts_with(&own) && keep(path));
        if !more.is_empty() {
            docs.extend(more);
            docs.sort_by_cached_key(|d| format!("{}index.html", d.url));
            places = None;
        }
    }
    (label(docs, files), places)
}

/// A member's documents labelled with the member's name: its section prefixed with the
/// authority that ends each page's `<title>`.
fn label(mut docs: Vec<Document>, files: &BTreeMap<String, Vec<u8>>) -> Vec<Document> {
    for d in &mut docs {
        if !d.url.starts_with("councils/") || d.url.matches('/').count() < 2 {
            continue;
        }
        let page = files
            .get(&format!("{}index.html", d.url))
            .map(|b| super::text_of_file(b));
        let authority = page
            .as_deref()
            .and_then(|h| element(h, "title"))
            .and_then(|t| t.rsplit(" – ").next().map(text_of));
        if let Some(a) = authority {
            d.section = format!("{a}: {}", d.section);
        }
    }
    docs
}

/// A region's index ([`INDEX`]) over every part's documents (`docs`, read as the parts
/// came): its own pages and its members' current pages, in the order of their files' paths.
pub fn region_script(docs: IndexBuilder) -> Vec<u8> {
    let mut t = crate::Timings::new("region search");
    let mut index = docs.finish(|d| format!("{}index.html", d.url));
    t.mark("finish");
    shorten_texts(&mut index);
    t.mark("shorten");
    let script = script(&index);
    t.mark("written");
    script
}

/// The written index: a classic script (see the module's documentation), written straight
/// from the index: a region's index holds millions of postings, and a `serde_json::Value` of
/// them first took a copy of every one.
pub fn script(index: &Index) -> Vec<u8> {
    #[derive(serde::Serialize)]
    // In the order a `Value`'s keys were written (sorted), so the file is as it was.
    struct Written<'a> {
        counts: Vec<u32>,
        docs: Vec<[&'a str; 4]>,
        postings: Vec<u32>,
        terms: String,
    }
    let written = Written {
        counts: index.counts(),
        postings: index.encoded_postings(),
        terms: index.terms_text(),
        docs: index
            .docs
            .iter()
            .map(|d| {
                [
                    d.url.as_str(),
                    d.title.as_str(),
                    d.section.as_str(),
                    d.text.as_str(),
                ]
            })
            .collect(),
    };
    let mut out = b"self.hearthSearch=".to_vec();
    if serde_json::to_writer(&mut out, &written).is_err() {
        out.extend_from_slice(b"null");
    }
    out.extend_from_slice(b";\n");
    out
}

/// The documents of every page in `files` that `keep` accepts (by path), in path order.
pub fn documents(files: &BTreeMap<String, Vec<u8>>, keep: impl Fn(&str) -> bool) -> Vec<Document> {
    let mut docs = Vec::new();
    for (path, bytes) in files {
        if !path.ends_with(".html") || SKIP.iter().any(|s| path.ends_with(s)) || !keep(path) {
            continue;
        }
        // A region's members' own search pages.
        if path.ends_with("/search/index.html") || path.ends_with("/a-z/index.html") {
            continue;
        }
        let html = super::text_of_file(bytes);
        if let Some(doc) = document(path, &html) {
            docs.push(doc);
        }
    }
    docs
}

/// One page as a document: `None` for a page without a `<main>`.
fn document(path: &str, html: &str) -> Option<Document> {
    let main_at = find_str(html, "<main")?;
    let main_end = find_str(&html[main_at..], "</main>")? + main_at;
    let main = &html[main_at..main_end];
    let title = element(main, "h1")
        .or_else(|| element(html, "title"))
        .map(|t| text_of(&t))
        .unwrap_or_default();
    let section = html
        .find("aria-current=\"page\">")
        .filter(|&at| at < main_at)
        .and_then(|at| {
            let rest = &html[at + "aria-current=\"page\">".len()..];
            rest.find("</a>").map(|end| text_of(&rest[..end]))
        })
        .unwrap_or_else(|| OTHER.to_string());
    let url = path.strip_suffix("index.html").unwrap_or(path).to_string();
    Some(Document {
        url,
        title,
        section,
        text: text_without(
            main,
            &["nav", "script", "h1", "form", "table", "svg", "noscript"],
        ),
    })
}

/// Where `needle` first is in `haystack`: the `memchr` crate's search (vector instructions),
/// as this runs over every page of a site.
fn find_str(haystack: &str, needle: &str) -> Option<usize> {
    memchr::memmem::find(haystack.as_bytes(), needle.as_bytes())
}

/// The inner HTML of the first `<tag ...>` in `html`.
fn element(html: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}");
    let close = format!("</{tag}>");
    let mut from = 0;
    while let Some(at) = html[from..].find(&open).map(|a| a + from) {
        let after = &html[at + open.len()..];
        if after.starts_with('>') || after.starts_with(' ') {
            let start = at + open.len() + after.find('>')? + 1;
            let end = html[start..].find(&close)? + start;
            return Some(html[start..end].to_string());
        }
        from = at + open.len();
    }
    None
}

/// Whether `name` is an inline element, whose tags do not separate words (a `match`:
/// this runs for every tag of every page).
fn is_inline(name: &str) -> bool {
    matches!(
        name,
        "a" | "abbr"
            | "b"
            | "code"
            | "em"
            | "i"
            | "mark"
            | "small"
            | "span"
            | "strong"
            | "sub"
            | "sup"
            | "time"
    )
}

/// The text of an HTML fragment: tags dropped (block tags as spaces), entities decoded,
/// whitespace collapsed.
fn text_of(html: &str) -> String {
    text_without(html, &[])
}

/// [`text_of`] `html` without the elements named in `stripped` (their content included;
/// nested elements of the same name are counted). One pass over the tags: this runs on every
/// page of a site.
fn text_without(html: &str, stripped: &[&str]) -> String {
    let mut raw = String::with_capacity(html.len());
    // The element being left out and how deeply it nests in itself.
    let mut skipping: Option<(&str, usize)> = None;
    let mut from = 0;
    while let Some(at) = next_tag(html, from, skipping.map(|(name, _)| name)) {
        if skipping.is_none() {
            raw.push_str(&html[from..at]);
        }
        let Some(end) = memchr::memchr(b'>', &html.as_bytes()[at..]).map(|e| e + at) else {
            // A tag that never closes: nothing after it is text.
            from = html.len();
            break;
        };
        let inner = &html[at + 1..end];
        let closing = inner.starts_with('/');
        let tag = inner.trim_start_matches('/');
        let name = &tag[..tag.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        match &mut skipping {
            Some((open, depth)) => {
                if name == *open {
                    if !closing {
                        *depth += 1;
                    } else if *depth == 0 {
                        skipping = None;
                    } else {
                        *depth -= 1;
                    }
                }
            }
            None => {
                if !closing && stripped.contains(&name) {
                    skipping = Some((name, 0));
                    raw.push(' ');
                } else if !is_inline(name) {
                    raw.push(' ');
                }
            }
        }
        from = end + 1;
    }
    if skipping.is_none() {
        raw.push_str(&html[from..]);
    }
    // Character references as the templates and the Markdown renderer write them.
    let decoded = crate::pdf::html::decode(&raw);
    collapse_whitespace(&decoded)
}

/// `text`'s words (as `split_whitespace` finds them) joined by single spaces; ASCII read a
/// byte at a time (most text is; this runs on every page of a site), anything else decoded.
fn collapse_whitespace(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len());
    // Where the current word started, if in one.
    let mut word: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b if b.is_ascii() => (matches!(b, b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b' '), 1),
            _ => match text[i..].chars().next() {
                Some(c) => (c.is_whitespace(), c.len_utf8()),
                None => break,
            },
        };
        match (space, word) {
            (true, Some(start)) => {
                if !out.is_empty() {
                    out.push(' ');
                }
                out.push_str(&text[start..i]);
                word = None;
            }
            (false, None) => word = Some(i),
            _ => {}
        }
        i += len;
    }
    if let Some(start) = word {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&text[start..]);
    }
    out
}

/// Where the next tag that matters starts in `html` from `from`: any tag, or while an element
/// `skipping` is left out only its own opening and closing tags (a chart's SVG or a table
/// has many tags inside, none of which changes anything while it is skipped).
fn next_tag(html: &str, from: usize, skipping: Option<&str>) -> Option<usize> {
    let rest = &html[from..];
    let Some(name) = skipping else {
        return memchr::memchr(b'<', rest.as_bytes()).map(|a| a + from);
    };
    // `<name` or `</name`, then a character that ends the name (as the caller reads it).
    let mut at = 0;
    loop {
        let found = find_str(&rest[at..], name)? + at;
        let before = &rest[..found];
        let tag = if before.ends_with("</") {
            Some(found - 2)
        } else if before.ends_with('<') {
            Some(found - 1)
        } else {
            None
        };
        let ends = rest[found + name.len()..]
            .bytes()
            .next()
            .is_none_or(|b| !b.is_ascii_alphanumeric());
        match tag {
            Some(t) if ends => return Some(from + t),
            _ => at = found + name.len(),
        }
    }
}

/// Every page by title, grouped by the first letter (folded: `É` under E; digits and other
/// characters under `0–9` and `#`).
fn az(docs: &[Document]) -> AzPage {
    let mut groups: BTreeMap<String, Vec<(String, AzEntry)>> = BTreeMap::new();
    for d in docs {
        let key = fold(&d.title);
        let first = key.chars().find(|c| !c.is_whitespace()).unwrap_or('#');
        let letter = if first.is_ascii_lowercase() {
            first.to_ascii_uppercase().to_string()
        } else if first.is_ascii_digit() {
            "0–9".to_string()
        } else {
            "#".to_string()
        };
        groups.entry(letter).or_default().push((
            format!("{key}\u{0}{}", d.url),
            AzEntry {
                title: d.title.clone(),
                href: format!("../{}", d.url),
                section: d.section.clone(),
            },
        ));
    }
    let count = docs.len();
    let mut letters: Vec<AzLetter> = groups
        .into_iter()
        .map(|(letter, mut pages)| {
            pages.sort_by(|a, b| a.0.cmp(&b.0));
            let id = match letter.as_str() {
                "0–9" => "digits".to_string(),
                "#" => "other".to_string(),
                l => l.to_ascii_lowercase(),
            };
            AzLetter {
                letter,
                id,
                pages: pages.into_iter().map(|p| p.1).collect(),
            }
        })
        .collect();
    // Digits and others after Z.
    letters.sort_by_key(|l| {
        (
            !l.letter.chars().all(|c| c.is_ascii_uppercase()),
            l.id.clone(),
        )
    });
    AzPage {
        title: "A to Z of pages",
        count,
        letters,
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn whitespace_collapses_as_split_whitespace_does() {
        let texts = [
            "",
            " ",
            "a",
            "  a  b\t\tc\n\r\x0b\x0cd  ",
            "caf\u{e9}\u{a0}au\u{a0}\u{a0}lait",
            "x\u{2003}y\u{3000}z\u{85}w\u{2028}v\u{200b}u",
            "\u{feff}BOM \u{1680}ogham \u{202f}narrow",
            "emoji \u{1f600}\u{1f600} and \u{4e2d}\u{6587}",
        ];
        for text in texts {
            let expected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse_whitespace(text), expected, "{text:?}");
        }
    }

    #[test]
    fn a_page_becomes_a_document() {
        let html = r#"<html><head><title>X – Site</title></head><body>
<nav class="site-nav"><a href="../">Home</a><a href="../plan/" aria-current="page">Delivery plan</a></nav>
<main id="main"><nav aria-label="Breadcrumbs"><a href="../">Home</a></nav>
<h1>Foster <em>carers</em> &amp; homes</h1><p>Recruit <strong>more</strong>
carers&#x2f;homes &lt;now&gt;.</p><table><tr><td>99</td></tr></table>
<script type="application/json">{"a":1}</script><p>Caf&#233; B</p></main></body></html>"#;
        let d = document("plan/a1/index.html", html).unwrap();
        assert_eq!(d.url, "plan/a1/");
        assert_eq!(d.title, "Foster carers & homes");
        assert_eq!(d.section, "Delivery plan");
        assert_eq!(d.text, "Recruit more carers/homes <now>. Café B");
        assert!(document("x.html", "<p>no main</p>").is_none());
    }

    #[test]
    fn long_texts_are_cut_at_a_word() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three", 9), "one two…");
        assert_eq!(shorten("éééé", 3), "é…");
    }

    #[test]
    fn nested_elements_are_stripped_whole() {
        assert_eq!(
            text_without("a<nav>b<nav>c</nav>d</nav>e<navx>f</navx>", &["nav"]),
            "a e f"
        );
        assert_eq!(
            text_without("<p>x<svg><g><svg>y</svg></g></svg>z<b>w</b></p>", &["svg"]),
            "x zw"
        );
        assert_eq!(text_without("a<table>b", &["table"]), "a");
        // Inside a skipped element only its own tags count: the name as text, in another
        // tag's name or in an attribute does not open or close it.
        assert_eq!(
            text_without(
                "a<svg class=\"svg\"><text>svg svg&gt;</text><svgx/><tsvg></tsvg></svg>b<svg>c</svg >d",
                &["svg"]
            ),
            "a b d"
        );
        assert_eq!(
            text_without("a<table><tr><td>x</td></tr></table>", &["table"]),
            "a"
        );
    }

    #[test]
    fn the_a_to_z_groups_by_folded_first_letter() {
        let d = |url: &str, title: &str| Document {
            url: url.into(),
            title: title.into(),
            section: "S".into(),
            text: String::new(),
        };
        let az = az(&[
            d("b/", "École"),
            d("a/", "apple"),
            d("c/", "2024 review"),
            d("d/", "Éa"),
            d("e/", "“Quoted”"),
        ]);
        let letters: Vec<&str> = az.letters.iter().map(|l| l.letter.as_str()).collect();
        assert_eq!(letters, ["A", "E", "0–9", "#"]);
        let e: Vec<&str> = az.letters[1]
            .pages
            .iter()
            .map(|p| p.title.as_str())
            .collect();
        assert_eq!(e, ["Éa", "École"]);
        assert_eq!(az.letters[0].pages[0].href, "../a/");
        assert_eq!(az.count, 5);
    }

    #[test]
    fn the_index_script_is_json_in_a_statement() {
        let index = Index::build(vec![Document {
            url: "a/".into(),
            title: "</script> \"x\"".into(),
            section: "S".into(),
            text: "t".into(),
        }]);
        let s = String::from_utf8(script(&index)).unwrap();
        assert!(s.starts_with("self.hearthSearch={"));
        assert!(s.ends_with("};\n"));
        let json: serde_json::Value =
            serde_json::from_str(&s["self.hearthSearch=".len()..s.len() - 2]).unwrap();
        assert_eq!(json["docs"][0][1], "</script> \"x\"");
        assert_eq!(json["terms"], "script");
    }
}

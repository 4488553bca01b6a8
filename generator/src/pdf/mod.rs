//! `hearth pdf`: the board pack, an accessible PDF of an edition for committee papers.
//!
//! The pack is made from the site's own pages, rendered in memory exactly as `hearth build`
//! renders them, so it says what the site says and nothing more: [`html`] reads each page's
//! `<main>` back as blocks, [`layout`] puts them on A4 pages with a logical structure, and
//! [`write`] draws them with krilla (a PDF library in the binary) as a tagged PDF/UA-1 file:
//! headings, paragraphs, lists, tables with their header cells and scope, and charts as
//! figures whose alternative text is the page's own text summary. krilla's PDF/UA-1 checks
//! run on every pack; a pack that fails them is not written.
//!
//! The pack: a title page (the council, the title, the edition and when it was published),
//! the contents with page numbers, then the committee report (when the content has one),
//! the strategy and its priorities, the delivery plan (each list of actions as a table with
//! the status in words), every measure with its chart and table, the market position
//! statement, and the "what changed" list.

pub mod charts;
pub mod fonts;
pub mod html;
pub mod layout;
mod write;

use std::collections::BTreeMap;

use fonts::Fonts;
use html::Block;
use layout::{Kind, Layout, Struct};

/// The parts of the pack, in order: a part's title (when the part gathers several pages)
/// and its pages (paths under the site's root).
fn parts(files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Vec<(Option<String>, Vec<String>)> {
    let has = |p: &str| files.contains_key(&format!("{prefix}{p}"));
    let mut parts = Vec::new();
    for single in ["report/index.html"] {
        if has(single) {
            parts.push((None, vec![single.to_string()]));
        }
    }
    let strategy: Vec<String> = ["strategy/index.html", "priorities/index.html"]
        .into_iter()
        .filter(|p| has(p))
        .map(str::to_string)
        .collect();
    if !strategy.is_empty() {
        parts.push((None, strategy));
    }
    if has("plan/index.html") {
        parts.push((None, vec!["plan/index.html".to_string()]));
    }
    // Measures in the order the content gives them (metrics.json), each under "Measures".
    let measures: Vec<String> = files
        .get(&format!("{prefix}data/metrics.json"))
        .and_then(|b| serde_json::from_slice::<serde_json::Value>(b).ok())
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default()
        .iter()
        .filter_map(|m| m.get("url").and_then(|u| u.as_str()).map(str::to_string))
        .map(|u| format!("{}index.html", u.trim_start_matches('/')))
        .filter(|p| has(p))
        .collect();
    if !measures.is_empty() {
        parts.push((Some("Measures".to_string()), measures));
    }
    let market: Vec<String> = [
        "market/index.html",
        "market/demand/index.html",
        "market/supply/index.html",
        "market/forecasts/index.html",
        "market/intentions/index.html",
        "market/asks/index.html",
        "market/procurement/index.html",
        "market/glossary/index.html",
    ]
    .into_iter()
    .filter(|p| has(p))
    .map(str::to_string)
    .collect();
    if !market.is_empty() {
        parts.push((None, market));
    }
    if has("changes/index.html") {
        parts.push((None, vec!["changes/index.html".to_string()]));
    }
    parts
}

/// What the title page says, from the edition's site.yaml.
#[derive(Debug, Clone)]
pub struct Cover {
    pub authority: String,
    pub title: String,
    pub edition: Option<String>,
    pub published: String,
    /// Where the edition stands, as site.yaml says ("Draft", "Approved"), when it is not
    /// published; the site's pages word it the same way.
    pub unpublished: Option<&'static str>,
    pub language: String,
}

/// A finished pack.
#[derive(Debug)]
pub struct Pack {
    pub bytes: Vec<u8>,
    pub pages: usize,
    /// Characters the pack's font cannot show, each replaced by `?`.
    pub missing: usize,
}

/// The blocks of the pack's body: each part's pages, a gathered part under its own heading
/// with its pages' headings one level down.
pub fn body(files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for (title, pages) in parts(files, prefix) {
        let shift = u8::from(title.is_some());
        out.push(Block::Break);
        if let Some(t) = title {
            out.push(Block::Heading { level: 1, text: t });
        }
        for (i, page) in pages.iter().enumerate() {
            let Some(bytes) = files.get(&format!("{prefix}{page}")) else {
                continue;
            };
            let tree = html::parse(&String::from_utf8_lossy(bytes));
            let mut blocks = html::blocks(&tree, shift);
            // The pages of one part after the first follow on (a level-1 heading would
            // start a new page for each).
            if shift == 0
                && i > 0
                && let Some(Block::Heading { level, .. }) = blocks.first_mut()
                && *level == 1
            {
                *level = 2;
                for b in blocks.iter_mut().skip(1) {
                    if let Block::Heading { level, .. } = b {
                        *level = (*level + 1).min(6);
                    }
                }
            }
            out.extend(blocks);
        }
    }
    out
}

/// Make the pack from a rendered site's files; `prefix` is `editions/<version>/` for an
/// earlier edition, else empty.
pub fn make(
    files: &BTreeMap<String, Vec<u8>>,
    prefix: &str,
    cover: &Cover,
) -> Result<Pack, String> {
    let fonts = Fonts::load();
    let blocks = body(files, prefix);
    if blocks.is_empty() {
        return Err("the site has no pages for a board pack".into());
    }
    // The body first, to know where each heading falls.
    let mut body = Layout::new(&fonts, 0);
    for b in &blocks {
        body.block(b);
    }
    let entries: Vec<_> = body
        .marks
        .iter()
        .filter(|m| m.level <= 2)
        .cloned()
        .collect();
    // The title page and the contents; laid out once to count the contents' pages, then
    // again with the real page numbers.
    let front = |offset: usize, first: usize| -> Layout<'_> {
        let mut l = Layout::new(&fonts, first);
        title_page(&mut l, cover);
        l.new_page();
        l.heading(2, "Contents");
        let mut toc = Struct::new(Kind::TOC);
        for m in &entries {
            l.contents_line(m.level, &m.text, m.page + offset + 1, &mut toc);
        }
        l.push_struct(toc);
        l
    };
    let counted = front(0, body.content_count()).pages.len();
    let front = front(counted, body.content_count());
    let missing = body.missing + front.missing;
    let bytes = write::write(&fonts, cover, &front, &body)?;
    Ok(Pack {
        pages: front.pages.len() + body.pages.len(),
        bytes,
        missing,
    })
}

fn title_page(l: &mut Layout<'_>, cover: &Cover) {
    l.skip(150.0);
    let mut p = Struct::new(Kind::P);
    l.text_at(&cover.authority, 14.0, false, layout::GREY, &mut p);
    l.push_struct(p);
    l.skip(8.0);
    let mut h = Struct::new(Kind::Heading(1, cover.title.clone()));
    l.text_at(&cover.title, 26.0, true, layout::INK, &mut h);
    l.push_struct(h);
    l.skip(16.0);
    let mut lines = vec!["Board pack".to_string()];
    if let Some(e) = &cover.edition {
        lines.push(format!("Edition {e}"));
    }
    lines.push(match cover.unpublished {
        Some(status) => format!("{status} edition, published {}", cover.published),
        None => format!("Published {}", cover.published),
    });
    for line in lines {
        let mut p = Struct::new(Kind::P);
        l.text_at(&line, 12.0, false, layout::INK, &mut p);
        l.push_struct(p);
        l.skip(2.0);
    }
}

/// What `hearth pdf` did.
#[derive(Debug, Default)]
pub struct PdfReport {
    pub diagnostics: Vec<crate::diag::Diagnostic>,
    pub pages: usize,
    pub bytes: usize,
    pub missing: usize,
    /// Whether the file was written.
    pub written: bool,
}

/// The title page of the pack of the current edition (or of the frozen `edition`) and
/// where that edition's pages are in the rendered site.
pub fn cover_of(
    content: &std::path::Path,
    edition: Option<&str>,
) -> Result<(Cover, String), String> {
    let project = if crate::load::region::is_region(content) {
        crate::load::region::region(content).own
    } else {
        crate::load::project(content)
    };
    let (folder, prefix) = match edition {
        None => (&project.current, String::new()),
        Some(v) => match project.editions.iter().find(|(version, _)| version == v) {
            Some((version, folder)) => (
                folder,
                format!("{}/{version}/", crate::load::editions::EDITIONS),
            ),
            None => {
                let known: Vec<&str> = project.editions.iter().map(|(v, _)| v.as_str()).collect();
                return Err(if known.is_empty() {
                    format!("there is no edition {v}: the content has no frozen editions")
                } else {
                    format!(
                        "there is no edition {v}: the frozen editions are {}",
                        known.join(", ")
                    )
                });
            }
        },
    };
    let site = &folder.content.site;
    Ok((
        Cover {
            authority: site.authority.clone(),
            title: site.title.clone(),
            edition: site.edition.version.clone(),
            published: site.edition.published.text().to_string(),
            unpublished: (site.edition.status != hearth_model::EditionStatus::Published)
                .then(|| site.edition.status.label()),
            language: site.language.clone().unwrap_or_else(|| "en-GB".to_string()),
        },
        prefix,
    ))
}

/// `hearth pdf`: render the content in memory and write the pack of the current edition (or
/// of `edition`) to `out`. Nothing is written when the content has errors or the pack fails
/// its checks; the file is written whole or not at all.
pub fn board_pack(
    content: &std::path::Path,
    edition: Option<&str>,
    out: &std::path::Path,
) -> PdfReport {
    let (rendered, report) = crate::render(content);
    let mut r = PdfReport {
        diagnostics: report.diagnostics,
        ..PdfReport::default()
    };
    let Some(rendered) = rendered else {
        return r;
    };
    let failed = |r: &mut PdfReport, message: String| {
        r.diagnostics.push(crate::diag::Diagnostic::file(
            out.display().to_string(),
            message,
        ));
    };
    let (cover, prefix) = match cover_of(content, edition) {
        Ok(c) => c,
        Err(e) => {
            failed(&mut r, e);
            return r;
        }
    };
    match make(&rendered.files, &prefix, &cover) {
        Ok(pack) => {
            r.pages = pack.pages;
            r.bytes = pack.bytes.len();
            r.missing = pack.missing;
            let tmp = out.with_extension("pdf.part");
            let written =
                std::fs::write(&tmp, &pack.bytes).and_then(|()| std::fs::rename(&tmp, out));
            match written {
                Ok(()) => r.written = true,
                Err(e) => {
                    let _ = std::fs::remove_file(&tmp);
                    failed(&mut r, e.to_string());
                }
            }
        }
        Err(e) => failed(&mut r, e),
    }
    r
}

//! [`Site`]: the state of rendering one site (the current edition, or a frozen one under
//! `/editions/<version>/`): the files written so far, the problems found, and the helpers
//! every part uses to render Markdown, check addresses and write pages and data files.

use std::cell::RefCell;
use std::collections::BTreeMap;

use hearth_model::validate::Ids;
use hearth_model::{Content, Issue, Place, Severity};
use serde::Serialize;

use super::common::Common;
use super::markdown::{self, Markdown};
use super::templates::Templates;
use super::view::Html;
use crate::diag::Diagnostic;
use crate::load::{Folder, History};

/// Rendering one site.
#[derive(Debug)]
pub struct Site<'a> {
    pub folder: &'a Folder,
    pub c: &'a Content,
    /// Earlier editions and what changed since the latest (see `crate::load::editions`).
    pub history: &'a History,
    templates: &'a Templates,
    ids: Ids,
    /// Output path -> bytes.
    pub out: BTreeMap<String, Vec<u8>>,
    diags: RefCell<Vec<Diagnostic>>,
    pub pages: usize,
    /// Whether a template failed (some pages are then missing).
    pub template_failed: bool,
    /// What every page shows: the site's name, navigation, footer; made into a template
    /// value once, and shared by every page's context.
    common: Option<minijinja::Value>,
    /// Where the site sits: alone, as a region, or as a member of one.
    pub setting: &'a Setting,
    /// Titles and descriptions of data files the content itself does not name (a region's
    /// comparisons), by path without extension (`data/compare/x`).
    pub data_titles: BTreeMap<String, (String, String)>,
    /// A region member's pages as search sees them, kept by [`super::search::render`] so the
    /// region's index does not read them again ([`super::region`]); empty for a site alone.
    pub docs: Vec<hearth_model::search::Document>,
    /// The words of `docs`, as the site's own index read them.
    pub words: Option<std::sync::Arc<hearth_model::search::Index>>,
    /// The top and foot of the pages (`site_header.html`, `site_footer.html`) by where a page
    /// is ([`Chrome::key`]), each rendered once; `None` when either template failed.
    chrome: rustc_hash::FxHashMap<String, Option<(minijinja::Value, minijinja::Value)>>,
}

/// Where a site sits in what is published: alone (the default), as a region's own site, or
/// as a member council's site under the region's `councils/<id>/`.
#[derive(Debug, Default)]
pub struct Setting {
    /// The path from the site's root up to the shared static files of the theme (`../../`
    /// for a member sharing the region's), empty for a site with its own.
    pub assets_up: String,
    /// The region's pages this site links to in its navigation.
    pub region: Option<RegionNav>,
    /// For a region's own site: its member councils, listed on its home page.
    pub councils: Vec<CouncilLink>,
}

/// A member council as a region's home page lists it: its name, address and headline counts.
#[derive(Clone, Debug, Serialize)]
pub struct CouncilLink {
    pub authority: String,
    /// From the region's root: `councils/<id>/`.
    pub href: String,
    /// The actions in its delivery plan.
    pub actions: usize,
    /// The measures it publishes.
    pub measures: usize,
}

/// The navigation between a region and its members.
#[derive(Debug)]
pub enum RegionNav {
    /// The region's own site: links to its councils, its comparisons and the councils'
    /// joint market asks.
    Root { compare: bool, asks: bool },
    /// A member's site: a link back to the region, named by its short title; `up` is the
    /// path from the site's root to the region's (`../../` for a member's current site,
    /// `../../../../` for its earlier editions under `editions/<version>/`).
    Member { region: String, up: String },
}

/// Relative prefix from a page at `path` (e.g. `plan/x/index.html`) back to the site root.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

/// Where a page is: what its template sees besides its own view and what every page has.
#[derive(Serialize)]
struct PagePlace<'x> {
    /// The path back to the static files (shared with the earlier editions).
    assets: String,
    /// The path back to this site's own files (its logo and brand colours): its root, or an
    /// earlier edition's current site.
    own: String,
    /// The path back to the site root.
    root: String,
    /// The navigation key of the page's section.
    section: &'x str,
    /// The page's address under the root (`plan/`).
    path: &'x str,
    /// The page's description for search engines (none yet: every page leaves it out).
    description: Option<String>,
    /// The top and foot of the page, as [`Chrome`] renders them.
    site_header: minijinja::Value,
    site_footer: minijinja::Value,
}

/// What the top and foot of a page (`site_header.html`, `site_footer.html`) see besides what
/// every page has: where the page is. They are the same on every page at the same place, so
/// each is rendered once per place (a member's site has a few dozen) rather than once per
/// page: on a region of 153 councils the two had been about a tenth of the build's CPU time.
/// Their templates see nothing of a page's own (strict mode makes a name from one an error),
/// so a page cannot differ from what was rendered for its place.
#[derive(Serialize)]
struct Chrome<'x> {
    assets: &'x str,
    own: &'x str,
    root: &'x str,
    section: &'x str,
}

impl Chrome<'_> {
    /// The place as one string (its parts cannot hold a NUL).
    fn key(&self) -> String {
        [self.assets, self.own, self.root, self.section].join("\0")
    }
}

impl<'a> Site<'a> {
    pub fn new(
        folder: &'a Folder,
        templates: &'a Templates,
        history: &'a History,
        setting: &'a Setting,
    ) -> Site<'a> {
        let mut site = Site {
            folder,
            c: &folder.content,
            history,
            templates,
            ids: Ids::of(&folder.content),
            out: BTreeMap::new(),
            diags: RefCell::new(Vec::new()),
            pages: 0,
            template_failed: false,
            common: None,
            setting,
            data_titles: BTreeMap::new(),
            docs: Vec::new(),
            words: None,
            chrome: Default::default(),
        };
        let mut common = Common::new(&site);
        // What links may name besides the content's ids: the pages the navigation lists (and
        // the accessibility statement), the strategy page's sections, the market's pages.
        site.ids.bare = common.nav.iter().map(|n| n.key.clone()).collect();
        site.ids.bare.insert("accessibility".into());
        site.ids.strategy = super::strategy::sections(site.c)
            .into_iter()
            .map(String::from)
            .collect();
        site.ids.market = super::market::pages(site.c)
            .into_iter()
            .filter(|p| p.key != "home")
            .map(|p| p.key.to_string())
            .collect();
        // Added after `bare`: content links name the site's own pages only.
        super::region::nav(&mut common.nav, setting);
        site.common = Some(minijinja::Value::from(minijinja::value::Serde(&common)));
        site
    }

    /// The compiled templates (a region renders its members' asks with them).
    pub fn templates(&self) -> &'a Templates {
        self.templates
    }

    /// The files written and the problems found.
    pub fn finish(self) -> super::Rendered {
        super::Rendered {
            files: self.out,
            diagnostics: self.diags.into_inner(),
            pages: self.pages,
            template_failed: self.template_failed,
            docs: self.docs,
            words: self.words,
        }
    }

    pub fn diag(&self, d: Diagnostic) {
        self.diags.borrow_mut().push(d);
    }

    /// Report a model issue at its place in the content.
    pub fn issue(&self, issue: &Issue) {
        self.diag(self.folder.sources.diagnose(issue));
    }

    /// Render `template` with the common context and `view` to `path`.
    pub fn page<T: Serialize>(&mut self, path: &str, template: &str, section: &str, view: &T) {
        let Some(common) = &self.common else {
            return;
        };
        let root = root_prefix(path);
        // Static files are shared by the current site and its earlier editions, which live
        // two folders down (`editions/<version>/`).
        let own = if self.history.archived.is_some() {
            format!("{root}../../")
        } else {
            root.clone()
        };
        let assets = format!("{own}{}", self.setting.assets_up);
        let common = common.clone();
        let chrome = Chrome {
            assets: &assets,
            own: &own,
            root: &root,
            section,
        };
        let Some((site_header, site_footer)) = self.chrome(&chrome, &common) else {
            return;
        };
        let place = PagePlace {
            assets,
            own,
            root,
            section,
            path: path.trim_end_matches("index.html"),
            description: None,
            site_header,
            site_footer,
        };
        // One map as the template sees it, looked up in turn (nothing is copied): where the
        // page is, then its own view, then what every page has. A name in more than one takes
        // the first one's value.
        let context = minijinja::value::merge_maps([
            minijinja::Value::from(minijinja::value::Serde(&place)),
            minijinja::Value::from(minijinja::value::Serde(view)),
            common,
        ]);
        match self.templates.render_value(template, context) {
            Ok(html) => {
                self.out.insert(path.to_string(), html);
                self.pages += 1;
            }
            Err(d) => {
                self.template_failed = true;
                self.diag(*d);
            }
        }
    }

    /// The top and foot of a page at `place`, rendered the first time a page is there; `None`
    /// (reported once) when a template failed.
    fn chrome(
        &mut self,
        place: &Chrome<'_>,
        common: &minijinja::Value,
    ) -> Option<(minijinja::Value, minijinja::Value)> {
        let key = place.key();
        if let Some(made) = self.chrome.get(&key) {
            return made.clone();
        }
        let context = minijinja::value::merge_maps([
            minijinja::Value::from(minijinja::value::Serde(place)),
            common.clone(),
        ]);
        let mut part = |name: &str| match self.templates.render_value(name, context.clone()) {
            Ok(bytes) => Some(minijinja::Value::from_safe_string(
                String::from_utf8(bytes)
                    .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
            )),
            Err(d) => {
                self.template_failed = true;
                self.diags.borrow_mut().push(*d);
                None
            }
        };
        let made = part("site_header.html").zip(part("site_footer.html"));
        self.chrome.insert(key, made.clone());
        made
    }

    /// Write a JSON data file. Keys are written in alphabetical order, so files compare
    /// cleanly from one edition to the next.
    pub fn json(&mut self, path: &str, data: &impl Serialize) {
        let value = serde_json::to_value(data).unwrap_or(serde_json::Value::Null);
        let mut text = serde_json::to_string_pretty(&value).unwrap_or_else(|_| "null".into());
        text.push('\n');
        self.out.insert(path.to_string(), text.into_bytes());
    }

    /// Write a text file (CSV, XML, headers).
    pub fn text(&mut self, path: &str, text: String) {
        self.out.insert(path.to_string(), text.into_bytes());
    }

    /// Render Markdown from a YAML field at `place`, for a page at depth `root`: a block of
    /// paragraphs, or `inline` text for a list item or table cell.
    pub fn md(&self, text: &str, place: Place, root: &str, inline: bool) -> Html {
        let md = Markdown {
            ids: &self.ids,
            root,
        };
        let (html, problems) = if inline {
            md.inline(text)
        } else {
            md.block(text)
        };
        for p in problems {
            let issue = Issue {
                severity: if p.unsafe_content {
                    Severity::Warning
                } else {
                    Severity::Error
                },
                place: place.clone(),
                message: p.message,
                expected: p.expected,
                hint: p.hint,
                related: None,
            };
            self.diag(self.folder.sources.diagnose_in(&issue, text, p.offset));
        }
        Html::new(html)
    }

    /// [`Site::md`] for a field the content may leave out.
    pub fn md_opt(
        &self,
        text: &Option<String>,
        place: Place,
        root: &str,
        inline: bool,
    ) -> Option<Html> {
        text.as_ref().map(|t| self.md(t, place, root, inline))
    }

    /// A Markdown page body, with problems placed at their line in the page's file.
    pub fn md_page(&self, page: &hearth_model::Page, root: &str) -> Html {
        let md = Markdown {
            ids: &self.ids,
            root,
        };
        let (html, problems) = md.block(&page.body);
        for p in problems {
            self.diag(markdown::page_problem(self.folder, page, p));
        }
        Html::new(html)
    }

    /// Warn about an email address at `place` that is not one: pages show it as text, without
    /// a `mailto:` link (the templates' `mailto` filter).
    pub fn email(&self, email: &Option<String>, place: Place) {
        let Some(e) = email else {
            return;
        };
        if markdown::mail_address(e).is_none() {
            let issue = Issue::warning(
                place,
                format!(
                    "`{}` is not an email address, so it is shown without a link",
                    e.chars().take(60).collect::<String>()
                ),
            )
            .expected("an email address such as placements@example.org")
            .hint("write the address alone, without `mailto:`, spaces or other words");
            self.issue(&issue);
        }
    }

    /// A URL from the content at `place`, kept only if it is a web, mail or relative
    /// address; anything else is left out with a warning.
    pub fn safe_url(&self, url: &Option<String>, place: Place) -> Option<String> {
        let u = url.as_ref()?;
        if markdown::is_safe_url(u) {
            return Some(u.clone());
        }
        let issue = Issue::warning(
            place,
            format!(
                "the address `{}` is not a web address and is left out",
                u.chars().take(60).collect::<String>()
            ),
        )
        .expected("an https:// or http:// address")
        .hint("addresses that run code (javascript:, data:, ...) are never published");
        self.issue(&issue);
        None
    }
}

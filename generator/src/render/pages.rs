//! The pages that are not about the plan's data: the Markdown pages in `pages/`, the
//! accessibility statement (`/accessibility/`) and the "page not found" page.

use hearth_model::Place;
use hearth_model::validate::SITE_FILE;
use serde::Serialize;

use super::site::Site;
use super::view::{Html, PeriodView};

#[derive(Serialize)]
struct MarkdownPage<'v> {
    title: &'v str,
    summary: Option<&'v str>,
    body: Html,
    slug: &'v str,
}

/// Each Markdown page at `/<slug>/`.
pub fn markdown_pages(site: &mut Site<'_>) {
    let c = site.c;
    for page in &c.pages {
        let view = MarkdownPage {
            title: &page.front.title,
            summary: page.front.summary.as_deref(),
            body: site.md_page(page, "../"),
            slug: &page.slug,
        };
        site.page(
            &format!("{}/index.html", page.slug),
            "page.html",
            &page.slug,
            &view,
        );
    }
}

#[derive(Serialize)]
struct Titled {
    title: &'static str,
}

/// `404.html`, for hosts that serve it for a missing address.
pub fn not_found(site: &mut Site<'_>) {
    site.page(
        "404.html",
        "404.html",
        "",
        &Titled {
            title: "Page not found",
        },
    );
}

#[derive(Serialize)]
struct ContactView<'v> {
    /// `None` when the contact names no team: the statement then names the authority.
    team: Option<&'v str>,
    email: Option<&'v str>,
    phone: Option<&'v str>,
}

#[derive(Serialize)]
struct AccessibilityPage<'v> {
    title: &'static str,
    /// Whether site.yaml has an `accessibility:` section (else the statement says the
    /// council has not recorded its own testing).
    declared: bool,
    status: &'static str,
    status_key: String,
    tested: Option<PeriodView>,
    prepared: Option<PeriodView>,
    method: Option<Html>,
    known_issues: Vec<Html>,
    contact: ContactView<'v>,
    response_time: Option<&'v str>,
}

/// `/accessibility/`: the accessibility statement, from `accessibility:` in site.yaml.
pub fn accessibility(site: &mut Site<'_>) {
    let c = site.c;
    let s = &c.site;
    let a = s.accessibility.clone().unwrap_or_default();
    let place = |f: &str| Place::new(SITE_FILE, format!("accessibility.{f}"));
    let known_issues = a
        .known_issues
        .iter()
        .enumerate()
        .map(|(i, t)| site.md(t, place(&format!("known_issues[{i}]")), "../", true))
        .collect();
    if let Some(own) = &a.contact {
        site.email(&own.email, place("contact.email"));
    }
    let contact = a.contact.as_ref().unwrap_or(&s.contact);
    let view = AccessibilityPage {
        title: "Accessibility statement",
        declared: s.accessibility.is_some(),
        status: a.status.sentence(),
        status_key: format!("{:?}", a.status).to_lowercase(),
        tested: PeriodView::opt(&a.tested),
        prepared: PeriodView::opt(&a.prepared),
        method: site.md_opt(&a.method, place("method"), "../", false),
        known_issues,
        contact: ContactView {
            team: contact.team.as_deref(),
            email: contact.email.as_deref(),
            phone: contact.phone.as_deref(),
        },
        response_time: a.response_time.as_deref(),
    };
    site.page(
        "accessibility/index.html",
        "accessibility.html",
        "accessibility",
        &view,
    );
}

//! What every page shows: the site's name and edition, the navigation, the footer's contact,
//! licence and links, and the banners (example content, an earlier edition, a draft).

use hearth_model::validate::SITE_FILE;
use hearth_model::{Place, Site as SiteContent};
use serde::Serialize;

use super::brand;
use super::site::Site;
use super::view::PeriodView;

/// The part of every page's context that is the same on every page.
#[derive(Debug, Serialize)]
pub struct Common {
    pub site: SiteView,
    pub nav: Vec<NavItem>,
    /// The Markdown pages that ask to be in the footer.
    pub pages: Vec<NavItem>,
    /// The market position statement, when there is one.
    pub market: Option<MarketLink>,
    /// The committee report (`/report/`), when there is one.
    pub report: Option<ReportLink>,
    /// Set on the pages of an earlier edition.
    pub archived: Option<ArchivedView>,
    pub history: HistoryFlags,
    /// Whether the strategy states aims: without them, pages that would mention "our aims"
    /// say nothing of aims.
    pub has_aims: bool,
}

#[derive(Debug, Serialize)]
pub struct NavItem {
    pub key: String,
    pub title: String,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct MarketLink {
    pub title: String,
    pub href: &'static str,
}

/// The committee report, as the home and strategy pages link to it.
#[derive(Debug, Serialize)]
pub struct ReportLink {
    pub title: String,
    pub href: &'static str,
    pub committee: Option<String>,
    pub meeting: Option<PeriodView>,
}

#[derive(Debug, Serialize)]
pub struct ArchivedView {
    pub version: String,
    pub published: String,
}

#[derive(Debug, Serialize)]
pub struct HistoryFlags {
    /// Whether there are earlier editions (`/editions/`).
    pub editions: bool,
    /// Whether there is a `/changes/` page.
    pub changes: bool,
}

#[derive(Debug, Serialize)]
pub struct SiteView {
    pub authority: String,
    pub title: String,
    pub short_title: String,
    pub tagline: Option<String>,
    pub example: bool,
    pub language: String,
    pub covers: Option<PeriodView>,
    pub edition: EditionView,
    pub contact: ContactView,
    /// The licence; `None` when site.yaml names none (the footer then says nothing of one).
    pub licence: Option<LicenceView>,
    pub branding: brand::BrandingView,
}

#[derive(Debug, Serialize)]
pub struct EditionView {
    /// `None` when site.yaml gives no version: pages then name none.
    pub version: Option<String>,
    pub status: &'static str,
    pub status_key: String,
    pub published: PeriodView,
    pub review: Option<PeriodView>,
    pub supersedes: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct ContactView {
    pub team: Option<String>,
    pub email: Option<String>,
    pub phone: Option<String>,
    pub address: Option<String>,
    pub url: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct LicenceView {
    pub name: String,
    pub url: Option<String>,
}

impl Common {
    pub fn new(site: &Site<'_>) -> Common {
        let c = site.c;
        Common {
            site: site_view(site, &c.site),
            nav: nav(c),
            pages: c
                .pages
                .iter()
                .filter(|p| p.front.nav)
                .map(|p| NavItem {
                    key: p.slug.clone(),
                    title: p.front.title.clone(),
                    href: format!("{}/", p.slug),
                })
                .collect(),
            market: c.market.as_ref().map(|m| MarketLink {
                title: m.statement.title.clone(),
                href: "market/",
            }),
            report: c.report.as_ref().map(|r| ReportLink {
                title: r
                    .title
                    .clone()
                    .unwrap_or_else(|| super::report::DEFAULT_TITLE.into()),
                href: super::report::HREF,
                committee: r.committee.clone(),
                meeting: PeriodView::opt(&r.meeting),
            }),
            archived: site.history.archived.as_ref().map(|a| ArchivedView {
                version: a.version.clone(),
                published: a.published.label(),
            }),
            history: HistoryFlags {
                editions: !site.history.editions.is_empty(),
                changes: site.history.changes.is_some(),
            },
            has_aims: !c.strategy.aims.is_empty(),
        }
    }
}

/// The main navigation: the fixed sections, then the optional ones the content has.
fn nav(c: &hearth_model::Content) -> Vec<NavItem> {
    let item = |key: &str, title: &str, href: &str| NavItem {
        key: key.into(),
        title: title.into(),
        href: href.into(),
    };
    let mut nav = vec![
        item("home", "Home", ""),
        item("strategy", "The strategy", "strategy/"),
        item("priorities", "Priorities", "priorities/"),
        item("plan", "Delivery plan", "plan/"),
        item("measures", "Measures", "measures/"),
    ];
    if !c.facts.facts.is_empty() || !c.breakdowns.is_empty() {
        nav.push(item("facts", "Facts and figures", "facts/"));
    }
    if !c.scenarios.is_empty() {
        nav.push(item("scenarios", "What if?", "scenarios/"));
    }
    if c.market.is_some() {
        nav.push(item("market", "For providers", "market/"));
    }
    nav
}

fn site_view(site: &Site<'_>, s: &SiteContent) -> SiteView {
    let at = |field: &str| Place::new(SITE_FILE, field);
    site.email(&s.contact.email, at("contact.email"));
    SiteView {
        authority: s.authority.clone(),
        title: s.title.clone(),
        short_title: s.short_title.clone().unwrap_or_else(|| s.title.clone()),
        tagline: s.tagline.clone(),
        example: s.example,
        language: s.language.clone().unwrap_or_else(|| "en-GB".into()),
        covers: PeriodView::opt(&s.covers),
        edition: EditionView {
            version: s.edition.version.clone(),
            status: s.edition.status.label(),
            status_key: format!("{:?}", s.edition.status).to_lowercase(),
            published: PeriodView::of(&s.edition.published),
            review: PeriodView::opt(&s.edition.review),
            supersedes: s.edition.supersedes.clone(),
        },
        contact: ContactView {
            team: s.contact.team.clone(),
            email: s.contact.email.clone(),
            phone: s.contact.phone.clone(),
            address: s.contact.address.clone(),
            url: site.safe_url(&s.contact.url, at("contact.url")),
        },
        licence: s.licence.as_ref().map(|l| LicenceView {
            name: l.name.clone(),
            url: site.safe_url(&l.url, at("licence.url")),
        }),
        branding: brand::BrandingView::new(site),
    }
}

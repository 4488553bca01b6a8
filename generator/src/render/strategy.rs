//! `/strategy/`: the vision, the law, the themes and principles, the aims with their
//! priorities, the strategy's commitments, the outcomes, the council's own services,
//! governance, monitoring, the history so far, the timeline, what reviews found and the
//! related documents.

use hearth_model::validate::STRATEGY_FILE;
use hearth_model::{Content, Place, Theme};
use serde::Serialize;

use super::commitments::{self, CommitmentView};
use super::previous::{self, PreviousLink};
use super::site::Site;
use super::view::{Html, Link, PeriodView};

/// A titled paragraph (a theme or a principle); `title` is `None` when the content gives
/// none (the statement is then shown without a heading).
#[derive(Debug, Serialize)]
pub struct ThemeView {
    pub title: Option<String>,
    pub text: Html,
}

/// An aim: its number, statement and the priorities that serve it.
#[derive(Debug, Serialize)]
pub struct AimView {
    pub id: String,
    pub title: String,
    pub number: usize,
    pub statement: Html,
    pub priorities: Vec<Link>,
}

/// The strategy's aims, for a page at depth `root`.
pub fn aims(site: &Site<'_>, root: &str) -> Vec<AimView> {
    let s = &site.c.strategy;
    s.aims
        .iter()
        .enumerate()
        .map(|(i, a)| AimView {
            id: a.id.clone(),
            title: a.title.clone(),
            number: i + 1,
            statement: site.md(
                &a.statement,
                Place::new(STRATEGY_FILE, format!("aims[{i}].statement")),
                root,
                false,
            ),
            priorities: s
                .priorities
                .iter()
                .filter(|pr| pr.aims.contains(&a.id))
                .map(|pr| Link::new(&pr.id, &pr.title, format!("priorities/{}/", pr.id)))
                .collect(),
        })
        .collect()
}

#[derive(Serialize)]
struct GovernanceView {
    summary: Html,
    bodies: Vec<BodyView>,
}

#[derive(Serialize)]
struct BodyView {
    name: String,
    meets: Option<String>,
    chair: Option<String>,
    role: Html,
}

#[derive(Serialize)]
struct PhaseView {
    title: String,
    period: PeriodView,
    summary: Option<Html>,
}

#[derive(Serialize)]
struct LegalView {
    summary: Html,
    legislation: Vec<String>,
}

#[derive(Serialize)]
struct PageLink {
    title: String,
    href: String,
    summary: Option<String>,
}

#[derive(Serialize)]
struct ServiceView {
    name: String,
    since: Option<PeriodView>,
    offers: Option<Html>,
}

#[derive(Serialize)]
struct MilestoneView {
    date: PeriodView,
    title: String,
    summary: Option<Html>,
}

#[derive(Serialize)]
struct ReviewView {
    date: PeriodView,
    title: Option<String>,
    by: Option<String>,
    findings: Html,
}

#[derive(Serialize)]
struct DocumentView {
    title: String,
    date: Option<PeriodView>,
    /// Left out when it is not a web, mail or relative address.
    url: Option<String>,
    summary: Option<Html>,
}

/// The lists the strategy may carry beyond its aims and priorities; each empty when the
/// content leaves it out.
#[derive(Serialize)]
struct StrategyLists {
    commitments: Vec<CommitmentView>,
    /// What the content says about the commitments, counted ("1 of 3 commitments has a
    /// date"); empty when every commitment is text only.
    commitment_counts: Vec<String>,
    /// The link to `/previous/`, when the content looks back on a previous strategy.
    previous: Option<PreviousLink>,
    services: Vec<ServiceView>,
    /// The strategy's history (`history` in the content; every page's context already has a
    /// `history`, of editions).
    milestones: Vec<MilestoneView>,
    reviews: Vec<ReviewView>,
    documents: Vec<DocumentView>,
}

/// The strategy's commitments, in-house services, history, reviews and related documents,
/// for a page at depth `root`.
fn lists(site: &Site<'_>, root: &str) -> StrategyLists {
    let s = &site.c.strategy;
    let p = |path: String| Place::new(STRATEGY_FILE, path);
    let commitments = commitments::views(site, root);
    StrategyLists {
        commitment_counts: commitments::counts(&commitments),
        commitments,
        previous: previous::link(site),
        services: s
            .in_house_services
            .iter()
            .enumerate()
            .map(|(i, sv)| ServiceView {
                name: sv.name.clone(),
                since: PeriodView::opt(&sv.since),
                offers: site.md_opt(
                    &sv.offers,
                    p(format!("in_house_services[{i}].offers")),
                    root,
                    false,
                ),
            })
            .collect(),
        milestones: s
            .history
            .iter()
            .enumerate()
            .map(|(i, m)| MilestoneView {
                date: PeriodView::of(&m.date),
                title: m.title.clone(),
                summary: site.md_opt(&m.summary, p(format!("history[{i}].summary")), root, false),
            })
            .collect(),
        reviews: s
            .reviews
            .iter()
            .enumerate()
            .map(|(i, r)| ReviewView {
                date: PeriodView::of(&r.date),
                title: r.title.clone(),
                by: r.by.clone(),
                findings: site.md(
                    &r.findings,
                    p(format!("reviews[{i}].findings")),
                    root,
                    false,
                ),
            })
            .collect(),
        documents: s
            .related_documents
            .iter()
            .enumerate()
            .map(|(i, d)| DocumentView {
                title: d.title.clone(),
                date: PeriodView::opt(&d.date),
                url: site.safe_url(&d.url, p(format!("related_documents[{i}].url"))),
                summary: site.md_opt(
                    &d.summary,
                    p(format!("related_documents[{i}].summary")),
                    root,
                    true,
                ),
            })
            .collect(),
    }
}

#[derive(Serialize)]
struct StrategyPage {
    title: &'static str,
    vision: Option<Html>,
    summary: Html,
    legal: Option<LegalView>,
    themes: Vec<ThemeView>,
    principles: Vec<ThemeView>,
    aims: Vec<AimView>,
    outcomes: Vec<String>,
    governance: Option<GovernanceView>,
    monitoring: Option<Html>,
    phases: Vec<PhaseView>,
    all_pages: Vec<PageLink>,
    #[serde(flatten)]
    lists: StrategyLists,
}

/// Titled paragraphs from `field` of strategy.yaml, for a page at depth `root`.
pub fn themes(
    site: &Site<'_>,
    list: &[Theme],
    field: &str,
    root: &str,
    inline: bool,
) -> Vec<ThemeView> {
    list.iter()
        .enumerate()
        .map(|(i, t)| ThemeView {
            title: t.title.clone(),
            text: site.md(
                &t.text,
                Place::new(STRATEGY_FILE, format!("{field}[{i}].text")),
                root,
                inline,
            ),
        })
        .collect()
}

/// The sections of `/strategy/` that have an id (`strategy:aims` links to `#aims`), in page
/// order: those the content gives something to say.
pub fn sections(c: &Content) -> Vec<&'static str> {
    let s = &c.strategy;
    [
        ("vision", s.vision.is_some()),
        ("legal", s.legal_basis.is_some()),
        ("aims", !s.aims.is_empty()),
        ("commitments", !s.commitments.is_empty()),
        ("themes", !s.themes.is_empty()),
        ("principles", !s.principles.is_empty()),
        ("outcomes", !s.outcomes.is_empty()),
        ("services", !s.in_house_services.is_empty()),
        ("governance", s.governance.is_some()),
        ("monitoring", s.monitoring.is_some()),
        ("history", !s.history.is_empty()),
        ("phases", !s.phases.is_empty()),
        ("reviews", !s.reviews.is_empty()),
        ("previous", s.previous.is_some()),
        ("documents", !s.related_documents.is_empty()),
        ("more", !c.pages.is_empty()),
    ]
    .into_iter()
    .filter_map(|(id, shown)| shown.then_some(id))
    .collect()
}

pub fn render(site: &mut Site<'_>) {
    let root = "../";
    let s = &site.c.strategy;
    let p = |path: String| Place::new(STRATEGY_FILE, path);
    let aims = aims(site, root);
    let governance = s.governance.as_ref().map(|g| GovernanceView {
        summary: site.md(&g.summary, p("governance.summary".into()), root, false),
        bodies: g
            .bodies
            .iter()
            .enumerate()
            .map(|(i, b)| BodyView {
                name: b.name.clone(),
                meets: b.meets.clone(),
                chair: b.chair.clone(),
                role: site.md(
                    &b.role,
                    p(format!("governance.bodies[{i}].role")),
                    root,
                    true,
                ),
            })
            .collect(),
    });
    let phases = s
        .phases
        .iter()
        .enumerate()
        .map(|(i, ph)| PhaseView {
            title: ph.title.clone(),
            period: PeriodView::of(&ph.period),
            summary: site.md_opt(&ph.summary, p(format!("phases[{i}].summary")), root, false),
        })
        .collect();
    let legal = s.legal_basis.as_ref().map(|l| LegalView {
        summary: site.md(&l.summary, p("legal_basis.summary".into()), root, false),
        legislation: l.legislation.clone(),
    });
    let all_pages = site
        .c
        .pages
        .iter()
        .map(|pg| PageLink {
            title: pg.front.title.clone(),
            href: format!("{}/", pg.slug),
            summary: pg.front.summary.clone(),
        })
        .collect();
    let page = StrategyPage {
        title: "About the strategy",
        vision: site.md_opt(&s.vision, p("vision".into()), root, false),
        summary: site.md(&s.summary, p("summary".into()), root, false),
        legal,
        themes: themes(site, &s.themes, "themes", root, false),
        principles: themes(site, &s.principles, "principles", root, false),
        aims,
        outcomes: s.outcomes.clone(),
        governance,
        monitoring: site.md_opt(&s.monitoring, p("monitoring".into()), root, false),
        phases,
        all_pages,
        lists: lists(site, root),
    };
    site.page("strategy/index.html", "strategy.html", "strategy", &page);
}

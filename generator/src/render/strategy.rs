//! `/strategy/`: the vision, the law, the themes and principles, the aims with their
//! priorities, the outcomes, governance, monitoring and the timeline.

use hearth_model::validate::STRATEGY_FILE;
use hearth_model::{Content, Place, Theme};
use serde::Serialize;

use super::site::Site;
use super::view::{Html, Link, PeriodView};

/// A titled paragraph (a theme or a principle).
#[derive(Debug, Serialize)]
pub struct ThemeView {
    pub title: String,
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
        ("aims", true),
        ("themes", !s.themes.is_empty()),
        ("principles", !s.principles.is_empty()),
        ("outcomes", !s.outcomes.is_empty()),
        ("governance", s.governance.is_some()),
        ("monitoring", s.monitoring.is_some()),
        ("phases", !s.phases.is_empty()),
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
    };
    site.page("strategy/index.html", "strategy.html", "strategy", &page);
}

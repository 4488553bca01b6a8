//! The market position statement (MPS) for providers: the pages under `/market/` and its
//! open data (`/data/market.json`, `/data/market/*.csv`).
//!
//! Every figure that counts children goes through `hearth_model::market::publish` (tables
//! and trends) or `publish_count` (ask volumes) before anything is written, and pages,
//! charts, CSV and JSON are all built from the published cells only, so a withheld value
//! cannot reach any output.

pub mod asks;
pub mod cells;
pub(crate) mod data;
mod home;
pub mod statement;
pub mod tables;

use hearth_model::Place;
use hearth_model::market::{ASKS_FILE, MARKET_FILE, Market, Section};
use serde::Serialize;

use self::asks::AskView;
use self::tables::{PublishedTable, TableView};
use super::filter::FilterView;
use super::site::Site;
use super::view::{Html, PeriodView};

/// A sub-page of the statement: its navigation key, title and path under `market/`.
#[derive(Debug, Clone, Copy)]
pub struct SubPage {
    pub key: &'static str,
    pub title: &'static str,
    pub path: &'static str,
}

/// The sub-pages the statement has, in navigation order.
fn sub_pages(m: &Market, has_forecasts: bool) -> Vec<SubPage> {
    let page = |key, title, path| SubPage { key, title, path };
    let mut out = vec![page("home", "Overview", "")];
    if m.tables_in(Section::Demand).next().is_some() {
        out.push(page("demand", "Demand", "demand/"));
    }
    if m.tables_in(Section::Supply).next().is_some() {
        out.push(page("supply", "Supply", "supply/"));
    }
    if !m.asks.asks.is_empty() {
        out.push(page("asks", "What we want", "asks/"));
    }
    if !m.statement.intentions.is_empty() {
        out.push(page("intentions", "Intentions", "intentions/"));
    }
    if has_forecasts {
        out.push(page("forecasts", "Forecasts", "forecasts/"));
    }
    if m.statement.procurement.is_some() || !m.statement.contacts.is_empty() {
        out.push(page("procurement", "Working with us", "procurement/"));
    }
    if !m.glossary.terms.is_empty() {
        out.push(page("glossary", "Glossary", "glossary/"));
    }
    out
}

/// Whether the statement has a forecasts page: a scenario to show, or text about the
/// forecasts (published even with no scenario, never dropped).
fn has_forecasts(c: &hearth_model::Content, m: &Market) -> bool {
    !forecast_ids(c).is_empty() || forecasts_text(m).is_some()
}

/// The statement's text about its forecasts, if it has any.
fn forecasts_text(m: &Market) -> Option<&String> {
    m.statement
        .forecasts
        .as_ref()
        .and_then(|f| f.summary.as_ref())
        .filter(|s| !s.trim().is_empty())
}

/// The scenarios the statement's forecasts page shows: those named that exist.
fn forecast_ids(c: &hearth_model::Content) -> Vec<&str> {
    c.market
        .iter()
        .flat_map(|m| m.statement.forecasts.iter())
        .flat_map(|f| f.scenarios.iter().map(String::as_str))
        .filter(|id| c.scenario(id).is_some())
        .collect()
}

/// The pages of the statement the content has (none without a `market/` folder), in
/// navigation order; `market:KEY` links to one.
pub fn pages(c: &hearth_model::Content) -> Vec<SubPage> {
    c.market
        .as_ref()
        .map(|m| sub_pages(m, has_forecasts(c, m)))
        .unwrap_or_default()
}

/// What every page of the statement has: its title, the statement's name and dates, its
/// navigation and the small-number rule.
#[derive(Serialize)]
struct Base<'v> {
    title: String,
    mps: MpsView<'v>,
    market_nav: Vec<NavItem>,
    market_page: &'static str,
    suppression: SuppressionView<'v>,
}

#[derive(Serialize, Clone)]
struct MpsView<'v> {
    title: &'v str,
    published: PeriodView,
    review: Option<PeriodView>,
}

#[derive(Serialize)]
struct NavItem {
    key: &'static str,
    title: &'static str,
    href: String,
    current: bool,
}

#[derive(Serialize, Clone)]
struct SuppressionView<'v> {
    symbol: &'v str,
    note: String,
    min: u32,
    max: u32,
}

#[derive(Serialize)]
struct MarketPage<'v, T: Serialize> {
    #[serde(flatten)]
    base: Base<'v>,
    #[serde(flatten)]
    page: T,
}

/// Rendering the statement: the market, its sub-pages, and what every page shares.
struct Statement<'v> {
    market: &'v Market,
    pages: Vec<SubPage>,
    mps: MpsView<'v>,
    suppression: SuppressionView<'v>,
}

impl<'v> Statement<'v> {
    fn has(&self, key: &str) -> bool {
        self.pages.iter().any(|p| p.key == key)
    }

    /// Render sub-page `key` with `page`, under the statement's navigation.
    fn page<T: Serialize>(&self, site: &mut Site<'_>, key: &'static str, title: &str, page: T) {
        let base = Base {
            title: title.to_string(),
            mps: self.mps.clone(),
            market_nav: self
                .pages
                .iter()
                .map(|p| NavItem {
                    key: p.key,
                    title: p.title,
                    href: format!("market/{}", p.path),
                    current: p.key == key,
                })
                .collect(),
            market_page: key,
            suppression: self.suppression.clone(),
        };
        let (path, template) = match key {
            "home" => ("market/index.html".to_string(), "market.html".to_string()),
            "demand" | "supply" => (
                format!("market/{key}/index.html"),
                "market_tables.html".to_string(),
            ),
            _ => (
                format!("market/{key}/index.html"),
                format!("market_{key}.html"),
            ),
        };
        site.page(&path, &template, "market", &MarketPage { base, page });
    }
}

#[derive(Serialize)]
struct TablesPage {
    lead: &'static str,
    tables: Vec<TableView>,
}

#[derive(Serialize)]
struct AsksPage<'v, 'm> {
    /// What the asks say, in a sentence made from what they hold.
    lead: String,
    intro: Option<Html>,
    /// Whether a figure on the page is withheld (the page then explains the symbol).
    withheld: bool,
    groups: Vec<AskGroup<'v, 'm>>,
    asks: &'v [AskView<'m>],
    total: usize,
    filters: FilterView,
}

#[derive(Serialize)]
struct AskGroup<'v, 'm> {
    id: &'v str,
    label: &'v str,
    asks: Vec<&'v AskView<'m>>,
}

/// The demand and supply pages' headings and leads.
const SECTIONS: [(Section, &str, &str, &str); 2] = [
    (
        Section::Demand,
        "demand",
        "Demand: the children we need homes for",
        "The children we look after and need homes for, in figures.",
    ),
    (
        Section::Supply,
        "supply",
        "Supply: the homes we have and buy",
        "The homes we have and the homes we buy from providers, in figures.",
    ),
];

/// Every market page, and the market's open data.
pub fn render(site: &mut Site<'_>) {
    let c = site.c;
    let Some(m) = &c.market else {
        return;
    };
    let rule = &c.site.suppression;
    let st = &m.statement;
    let forecast_ids = forecast_ids(c);
    let statement = Statement {
        market: m,
        pages: sub_pages(m, has_forecasts(c, m)),
        mps: MpsView {
            title: &st.title,
            published: PeriodView::of(&st.published),
            review: PeriodView::opt(&st.review),
        },
        suppression: SuppressionView {
            symbol: &rule.symbol,
            note: rule.note_text(),
            min: rule.min,
            max: rule.max,
        },
    };
    let tables: Vec<PublishedTable<'_>> = m
        .tables
        .iter()
        .map(|t| PublishedTable::new(t, rule))
        .collect();
    tables_pages(site, &statement, &tables);
    let root = "../../";
    let asks: Vec<AskView<'_>> = (0..m.asks.asks.len())
        .map(|i| AskView::new(site, m, i, root))
        .collect();
    asks_page(site, &statement, &asks);
    intentions_page(site, &statement);
    forecasts_page(site, &statement, &forecast_ids);
    procurement_page(site, &statement);
    glossary_page(site, &statement);
    let view = home::view(site, m, &statement.pages, &asks, &tables);
    statement.page(site, "home", &st.title, view);
    data::write(site, m, &tables, &asks);
}

fn tables_pages(site: &mut Site<'_>, statement: &Statement<'_>, tables: &[PublishedTable<'_>]) {
    for (section, key, title, lead) in SECTIONS {
        if !statement.has(key) {
            continue;
        }
        let page = TablesPage {
            lead,
            tables: tables
                .iter()
                .filter(|t| t.table.section == section)
                .map(|t| t.view(site, "../../"))
                .collect(),
        };
        statement.page(site, key, title, page);
    }
}

fn asks_page(site: &mut Site<'_>, statement: &Statement<'_>, asks: &[AskView<'_>]) {
    let m = statement.market;
    if asks.is_empty() {
        return;
    }
    let groups = m
        .asks
        .placement_types
        .iter()
        .map(|ty| AskGroup {
            id: &ty.id,
            label: &ty.label,
            asks: asks
                .iter()
                .filter(|a| a.source.types.first() == Some(ty.id.as_str()))
                .collect(),
        })
        .filter(|g| !g.asks.is_empty())
        .collect();
    let index = asks::index(&m.asks, asks);
    let page = AsksPage {
        lead: asks_lead(asks),
        withheld: asks_withheld(asks),
        intro: site.md_opt(
            &m.asks.summary,
            Place::new(ASKS_FILE, "summary"),
            "../../",
            false,
        ),
        groups,
        asks,
        total: asks.len(),
        filters: FilterView::new(&index, "asks"),
    };
    statement.page(site, "asks", "What we want from providers", page);
}

/// Whether any ask's volume is withheld.
fn asks_withheld(asks: &[AskView<'_>]) -> bool {
    asks.iter().any(|a| {
        [&a.volume_now, &a.volume_forecast]
            .into_iter()
            .flatten()
            .any(|v| v.shown.is_withheld())
    })
}

/// The asks page's lead: what the asks say, naming only what some ask holds.
fn asks_lead(asks: &[AskView<'_>]) -> String {
    let any = |f: &dyn Fn(&AskView<'_>) -> bool| asks.iter().any(f);
    let mut parts: Vec<&str> = Vec::new();
    if any(&|a| !a.ages.is_empty() || !a.needs.is_empty()) {
        parts.push("for which children");
    }
    if any(&|a| a.locality.is_some()) {
        parts.push("where");
    }
    if any(&|a| a.volume_now.is_some() || a.volume_forecast.is_some()) {
        parts.push("how many");
    }
    if any(&|a| a.by.is_some()) {
        parts.push("by when");
    }
    if any(&|a| a.budget.is_some()) {
        parts.push("what we expect to pay");
    }
    if any(&|a| a.route.is_some()) {
        parts.push("how we will buy them");
    }
    if any(&|a| a.contact.is_some() || a.register.is_some()) {
        parts.push("who to contact");
    }
    let mut lead = String::from("The homes and services we want providers to offer");
    match parts.as_slice() {
        [] => {}
        [one] => lead.push_str(&format!(": {one}")),
        [rest @ .., last] => lead.push_str(&format!(": {} and {last}", rest.join(", "))),
    }
    lead.push('.');
    lead
}

#[derive(Serialize)]
struct IntentionsPage<'m> {
    lead: String,
    /// Whether any intention has a target (`intentions.csv` then has rows).
    has_targets: bool,
    intentions: Vec<statement::IntentionView<'m>>,
}

fn intentions_page(site: &mut Site<'_>, statement: &Statement<'_>) {
    let st = &statement.market.statement;
    if st.intentions.is_empty() {
        return;
    }
    let intentions = st
        .intentions
        .iter()
        .enumerate()
        .map(|(i, it)| statement::IntentionView::new(site, i, it, "../../"))
        .collect();
    let mut lead = String::from("What we will do over the life of this statement");
    if st.intentions.iter().any(|it| !it.targets.is_empty()) {
        lead.push_str(", with the targets we will be held to and when");
    }
    lead.push('.');
    if st.intentions.iter().all(|it| it.priority.is_some()) {
        lead.push_str(" Each intention serves a priority of our strategy.");
    }
    statement.page(
        site,
        "intentions",
        "Our commissioning intentions",
        IntentionsPage {
            lead,
            has_targets: st.intentions.iter().any(|it| !it.targets.is_empty()),
            intentions,
        },
    );
}

#[derive(Serialize)]
struct ForecastsPage {
    intro: Option<Html>,
    forecasts: Vec<statement::ForecastView>,
}

fn forecasts_page(site: &mut Site<'_>, statement: &Statement<'_>, ids: &[&str]) {
    let root = "../../";
    if !statement.has("forecasts") {
        return;
    }
    let forecasts: Vec<_> = ids
        .iter()
        .filter_map(|id| statement::forecast(site, id, root))
        .collect();
    let st = &statement.market.statement;
    let page = ForecastsPage {
        intro: site.md_opt(
            &st.forecasts.as_ref().and_then(|f| f.summary.clone()),
            Place::new(MARKET_FILE, "forecasts.summary"),
            root,
            false,
        ),
        forecasts,
    };
    statement.page(site, "forecasts", "Forecasts of demand", page);
}

#[derive(Serialize)]
struct ProcurementPage<'m> {
    /// What the page holds, in a sentence made from the content.
    lead: String,
    /// The page's open data: routes and lots, providers, the timeline (those written).
    downloads: Vec<PageDownload>,
    procurement: Option<statement::ProcurementView<'m>>,
    contacts: Vec<statement::ContactView<'m>>,
}

fn procurement_page(site: &mut Site<'_>, statement: &Statement<'_>) {
    if !statement.has("procurement") {
        return;
    }
    let m = statement.market;
    let page = ProcurementPage {
        lead: format!("{}.", capitalise(&procurement_parts(m).join_words())),
        downloads: procurement_downloads(m),
        procurement: statement::procurement(site, m, "../../"),
        contacts: statement::contacts(site, &m.statement),
    };
    statement.page(site, "procurement", "Working with us", page);
}

/// What the "Working with us" page holds, each part only when the content has it.
fn procurement_parts(m: &Market) -> Words {
    let st = &m.statement;
    let routes: &[hearth_model::market::Route] =
        st.procurement.as_ref().map_or(&[], |p| p.routes.as_slice());
    let mut parts = Vec::new();
    if !routes.is_empty() {
        parts.push("how we buy placements");
    }
    if routes
        .iter()
        .any(|r| r.join.is_some() || r.register.is_some())
    {
        parts.push("how to join");
    }
    if has_provider_counts(m) {
        parts.push("the providers on our routes");
    }
    if st
        .procurement
        .as_ref()
        .is_some_and(|p| !p.timeline.is_empty())
    {
        parts.push("what is coming up");
    } else if routes
        .iter()
        .any(|r| r.opens.is_some() || r.closes.is_some())
    {
        parts.push("dates");
    }
    if !st.contacts.is_empty() {
        parts.push("who to talk to");
    }
    if parts.is_empty() {
        parts.push("how we work with providers");
    }
    Words(parts)
}

/// A data file a page links to.
#[derive(Debug, Serialize)]
struct PageDownload {
    title: &'static str,
    href: &'static str,
}

/// The "Working with us" page's data files: each one only when it is written and has rows.
fn procurement_downloads(m: &Market) -> Vec<PageDownload> {
    let Some(pr) = &m.statement.procurement else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if !pr.routes.is_empty() {
        out.push(PageDownload {
            title: "routes and lots (CSV)",
            href: "data/market/routes.csv",
        });
    }
    if has_provider_counts(m) {
        out.push(PageDownload {
            title: "providers on each route and lot (CSV)",
            href: "data/market/providers.csv",
        });
    }
    if !pr.timeline.is_empty() {
        out.push(PageDownload {
            title: "the timeline (CSV)",
            href: "data/market/timeline.csv",
        });
    }
    out
}

/// Whether a route or a lot counts its providers (`/data/market/providers.csv` is written).
fn has_provider_counts(m: &Market) -> bool {
    m.statement
        .procurement
        .as_ref()
        .is_some_and(|p| p.routes.iter().any(data::route_has_providers))
}

/// A list of phrases, joined as a sentence joins them ("a, b and c").
#[derive(Debug)]
pub(crate) struct Words(pub Vec<&'static str>);

impl Words {
    pub(crate) fn join_words(&self) -> String {
        match self.0.as_slice() {
            [] => String::new(),
            [one] => (*one).to_string(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        }
    }
}

/// `text` with its first letter in upper case.
pub(crate) fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[derive(Serialize)]
struct GlossaryPage<'m> {
    terms: Vec<statement::TermView<'m>>,
}

fn glossary_page(site: &mut Site<'_>, statement: &Statement<'_>) {
    let m = statement.market;
    if m.glossary.terms.is_empty() {
        return;
    }
    let terms = statement::glossary(site, m, "../../");
    statement.page(site, "glossary", "Glossary", GlossaryPage { terms });
}

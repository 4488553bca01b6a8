//! The market position statement (MPS) for providers: the pages under `/market/` and its
//! open data (`/data/market.json`, `/data/market/*.csv`).
//!
//! Every figure that counts children goes through `hearth_model::market::publish` (tables
//! and trends) or `publish_count` (ask volumes) before anything is written, and pages,
//! charts, CSV and JSON are all built from the published cells only, so a withheld value
//! cannot reach any output.

pub mod asks;
pub mod cells;
mod data;
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
        .map(|m| sub_pages(m, !forecast_ids(c).is_empty()))
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
    intro: Option<Html>,
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
        "How many children we look after, their ages and needs, where they come from, and how often we could place them in the kind of home that was asked for.",
    ),
    (
        Section::Supply,
        "supply",
        "Supply: the homes we have and buy",
        "Our own capacity and how full it is, what we buy from providers, who is on our purchasing systems, where children live, the quality of the homes we use and what they cost.",
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
        pages: sub_pages(m, !forecast_ids.is_empty()),
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
    let view = home::view(site, m, &statement.pages, &asks);
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
                .filter(|a| a.source.placement_type == ty.id)
                .collect(),
        })
        .filter(|g| !g.asks.is_empty())
        .collect();
    let index = asks::index(&m.asks, asks);
    let page = AsksPage {
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

#[derive(Serialize)]
struct IntentionsPage<'m> {
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
    statement.page(
        site,
        "intentions",
        "Our commissioning intentions",
        IntentionsPage { intentions },
    );
}

#[derive(Serialize)]
struct ForecastsPage {
    intro: Option<Html>,
    forecasts: Vec<statement::ForecastView>,
}

fn forecasts_page(site: &mut Site<'_>, statement: &Statement<'_>, ids: &[&str]) {
    let root = "../../";
    let forecasts: Vec<_> = ids
        .iter()
        .filter_map(|id| statement::forecast(site, id, root))
        .collect();
    if forecasts.is_empty() {
        return;
    }
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
    procurement: Option<statement::ProcurementView<'m>>,
    contacts: Vec<statement::ContactView<'m>>,
}

fn procurement_page(site: &mut Site<'_>, statement: &Statement<'_>) {
    if !statement.has("procurement") {
        return;
    }
    let m = statement.market;
    let page = ProcurementPage {
        procurement: statement::procurement(site, m, "../../"),
        contacts: statement::contacts(site, &m.statement),
    };
    statement.page(site, "procurement", "Working with us", page);
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

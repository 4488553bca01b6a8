//! A region's joint market position statement, in the region's own site:
//!
//! - `/market/asks/`: every member council's market asks and the region's own, each saying
//!   who it comes from (linked to the ask on the member's own page), filtered by council,
//!   placement type, age, need and locality with the same filter as a council's asks page,
//!   and grouped by council so the page is complete without JavaScript;
//! - `/market/councils/`: each council's routes to market, contacts and market tables,
//!   linked to them on its own pages;
//! - `/market/tables/`, the councils' market tables together: [`super::region_tables`].
//!
//! A member with no market position statement is listed as having none. The open data,
//! `/data/market/asks.csv` and `.json`, `/data/market/routes.csv` and
//! `/data/market/councils.json`, carries each item's member code and member id.
//!
//! Each ask is the council page's [`AskView`], attributed ([`AskView::attributed`]), and each
//! route the council page's [`RouteView`]: one view of a thing for the council's page, the
//! joint pages and the data files.

use std::collections::BTreeSet;

// The filter and section key of the region's own asks (a member's is its id; region.yaml's
// check keeps members from having it).
use hearth_model::content::region::REGION_KEY;
use hearth_model::market::{Asks, Category, Suppression};
use serde::Serialize;

use super::csv::Csv;
use super::filter::{self, FilterView};
use super::market::asks::{self, AskRecord, AskView, Attributed, MemberRef};
use super::market::data::{ROUTES_COLUMNS, route_rows};
use super::market::statement::{self, ContactView, RouteView};
use super::market::tables;
use super::region::COUNCILS;
use super::site::{Setting, Site};
use super::view::Link;
use crate::load::region::Region;

/// The joint asks page, under the region's root.
pub const PAGE: &str = "market/asks/index.html";
/// The councils' routes, contacts and tables, under the region's root.
pub const COUNCILS_PAGE: &str = "market/councils/index.html";
/// Its key in the region's navigation.
pub const NAV_KEY: &str = "asks";

/// Whether the region's site has the joint asks page: the region or a member has a market
/// position statement.
pub fn has_page(region: &Region) -> bool {
    region.own.current.content.market.is_some()
        || region
            .members
            .iter()
            .any(|m| m.project.current.content.market.is_some())
}

/// The region, or one member, as the joint page lists it.
struct Source<'m> {
    member: MemberRef,
    /// Its filter key (the member's id) and its section's id on the page.
    key: String,
    section: String,
    /// Its market statement's title, if it has a statement.
    statement: Option<&'m str>,
    /// Its statement's pages, from the region's root (none without a statement).
    pages: Vec<Link>,
    rule: &'m Suppression,
    categories: Option<&'m Asks>,
    asks: Vec<AskView<'m>>,
    /// The path from the region's root to its site (`councils/<id>/`, or empty).
    base: String,
    routes: Vec<RouteView<'m>>,
    contacts: Vec<ContactView<'m>>,
    tables: Vec<TableLink>,
}

/// A market table of a council's statement, where it is on the council's own pages.
#[derive(Debug, Clone, Serialize)]
struct TableLink {
    id: String,
    title: String,
    /// Demand or supply.
    section: &'static str,
    /// Its section of the council's page and its CSV, from the region's root.
    href: String,
    csv: String,
}

#[derive(Serialize)]
struct SourceView {
    section: String,
    name: String,
    /// Whether it is the region's own statement.
    region: bool,
    /// Its statement's title; `none` when it publishes no market position statement.
    statement: Option<String>,
    pages: Vec<Link>,
    asks: usize,
}

#[derive(Serialize)]
struct GroupView<'v, 'm> {
    section: String,
    name: String,
    /// Its own asks page, from the region's root (none for the region's own asks).
    href: Option<String>,
    asks: Vec<&'v AskView<'m>>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct WithheldNote {
    symbol: String,
    note: String,
}

#[derive(Serialize)]
struct JointAsksPage<'v, 'm> {
    title: &'static str,
    lead: String,
    sources: Vec<SourceView>,
    groups: Vec<GroupView<'v, 'm>>,
    total: usize,
    filters: FilterView,
    /// The small-number rules of the councils whose asks have a withheld figure.
    withheld: Vec<WithheldNote>,
    /// Whether the region's site has `/market/tables/`.
    joint_tables: bool,
}

/// `/market/asks/` and `/data/market/asks.csv` and `.json` of a region's own site (in place
/// of the region's own asks page and files, whose asks it includes).
pub fn render(site: &mut Site<'_>, region: &Region) {
    if !has_page(region) {
        return;
    }
    let sources = sources(site, region);
    let tables = super::region_tables::render(site, region);
    let all: Vec<&AskView<'_>> = sources.iter().flat_map(|s| s.asks.iter()).collect();
    let index = index(&sources);
    let withheld: BTreeSet<WithheldNote> = sources
        .iter()
        .filter(|s| s.asks.iter().any(is_withheld))
        .map(|s| WithheldNote {
            symbol: s.rule.symbol.clone(),
            note: s.rule.note_text(),
        })
        .collect();
    let with_asks = sources.iter().filter(|s| !s.asks.is_empty()).count();
    let page = JointAsksPage {
        title: "What the councils want from providers",
        lead: lead(all.len(), with_asks),
        sources: sources
            .iter()
            .map(|s| SourceView {
                section: s.section.clone(),
                name: s.member.name.clone(),
                region: s.member.id.is_none(),
                statement: s.statement.map(str::to_string),
                pages: s.pages.clone(),
                asks: s.asks.len(),
            })
            .collect(),
        groups: sources
            .iter()
            .filter(|s| !s.asks.is_empty())
            .map(|s| GroupView {
                section: s.section.clone(),
                name: s.member.name.clone(),
                href: s
                    .member
                    .id
                    .as_ref()
                    .map(|id| format!("{COUNCILS}/{id}/market/asks/")),
                asks: s.asks.iter().collect(),
            })
            .collect(),
        total: all.len(),
        filters: FilterView::new(&index, "asks"),
        withheld: withheld.into_iter().collect(),
        joint_tables: tables,
    };
    if site.out.contains_key(PAGE) {
        // The region's own asks page, replaced by this one (which has its asks).
        site.pages -= 1;
    }
    site.page(PAGE, "region_market_asks.html", NAV_KEY, &page);
    councils_page(site, &sources, tables);
    open_data(site, &sources);
}

#[derive(Serialize)]
struct CouncilView<'v, 'm> {
    section: String,
    name: String,
    region: bool,
    statement: Option<String>,
    /// Its statement's overview, from the region's root.
    href: String,
    base: String,
    routes: &'v [RouteView<'m>],
    contacts: &'v [ContactView<'m>],
    tables: &'v [TableLink],
}

#[derive(Serialize)]
struct CouncilsPage<'v, 'm> {
    title: &'static str,
    /// Whether the region's site has `/market/tables/` (the councils' tables together).
    joint_tables: bool,
    councils: Vec<CouncilView<'v, 'm>>,
}

/// `/market/councils/`: each council's routes to market, contacts and market tables.
fn councils_page(site: &mut Site<'_>, sources: &[Source<'_>], joint_tables: bool) {
    let page = CouncilsPage {
        title: "Working with the councils",
        joint_tables,
        councils: sources
            .iter()
            .map(|s| CouncilView {
                section: s.section.clone(),
                name: s.member.name.clone(),
                region: s.member.id.is_none(),
                statement: s.statement.map(str::to_string),
                href: format!("{}market/", s.base),
                base: s.base.clone(),
                routes: &s.routes,
                contacts: &s.contacts,
                tables: &s.tables,
            })
            .collect(),
    };
    site.page(COUNCILS_PAGE, "region_market_councils.html", NAV_KEY, &page);
}

/// The region's own statement first, then each member in region.yaml's order.
fn sources<'m>(site: &Site<'m>, region: &'m Region) -> Vec<Source<'m>> {
    let mut out = Vec::new();
    let c = site.c;
    let own = MemberRef::region(&c.site.authority);
    if let Some(m) = &c.market {
        let asks = (0..m.asks.asks.len())
            .map(|i| AskView::new(site, m, i, "../../").attributed(own.clone(), ""))
            .collect();
        out.push(Source {
            member: own,
            key: REGION_KEY.into(),
            section: REGION_KEY.into(),
            statement: Some(&m.statement.title),
            pages: statement_pages(c, ""),
            rule: &c.site.suppression,
            categories: Some(&m.asks),
            asks,
            base: String::new(),
            routes: routes(site, m, "../../"),
            contacts: statement::contacts(site, &m.statement),
            tables: table_links(m, ""),
        });
    }
    // A member's Markdown is rendered with its own ids and links; problems in it are
    // reported once, by the member's own site.
    let setting = Setting::default();
    for mp in &region.members {
        let id = &mp.member.id;
        let mc = &mp.project.current.content;
        let base = format!("{COUNCILS}/{id}/");
        let member = |href: Option<String>| {
            MemberRef::member(id, mp.member.code.as_deref(), &mc.site.authority, href)
        };
        let mut source = Source {
            member: member(None),
            key: id.clone(),
            section: format!("member-{id}"),
            statement: None,
            pages: Vec::new(),
            rule: &mc.site.suppression,
            categories: None,
            asks: Vec::new(),
            base: base.clone(),
            routes: Vec::new(),
            contacts: Vec::new(),
            tables: Vec::new(),
        };
        if let Some(m) = &mc.market {
            let msite = Site::new(
                &mp.project.current,
                site.templates(),
                &mp.project.history,
                &setting,
            );
            let root = format!("../../{base}");
            source.statement = Some(&m.statement.title);
            source.pages = statement_pages(mc, &base);
            source.categories = Some(&m.asks);
            source.asks = (0..m.asks.asks.len())
                .map(|i| {
                    let href = format!("{base}market/asks/#ask-{}", m.asks.asks[i].id);
                    AskView::new(&msite, m, i, &root).attributed(member(Some(href)), &base)
                })
                .collect();
            source.routes = routes(&msite, m, &root);
            source.contacts = statement::contacts(&msite, &m.statement);
            source.tables = table_links(m, &base);
        }
        out.push(source);
    }
    out
}

/// A statement's routes to market, as its "Working with us" page shows them.
fn routes<'m>(
    site: &Site<'_>,
    m: &'m hearth_model::market::Market,
    root: &str,
) -> Vec<RouteView<'m>> {
    statement::procurement(site, m, root)
        .map(|p| p.routes)
        .unwrap_or_default()
}

/// A statement's demand and supply tables, where they are on its site at `base`.
fn table_links(m: &hearth_model::market::Market, base: &str) -> Vec<TableLink> {
    m.tables
        .iter()
        .filter(|t| t.section != hearth_model::market::Section::Facts)
        .map(|t| TableLink {
            id: t.id.clone(),
            title: t.title.clone(),
            section: match t.section {
                hearth_model::market::Section::Supply => "Supply",
                _ => "Demand",
            },
            href: format!("{base}{}", tables::url(t)),
            csv: format!("{base}{}/{}.csv", tables::data_folder(t), t.id),
        })
        .collect()
}

/// A statement's pages (its overview, demand and supply tables, routes and contacts), from
/// the region's root; none without a statement.
fn statement_pages(c: &hearth_model::Content, base: &str) -> Vec<Link> {
    super::market::pages(c)
        .into_iter()
        .filter(|p| ["home", "demand", "supply", "procurement"].contains(&p.key))
        .map(|p| {
            let title = if p.key == "home" {
                "Market position statement"
            } else {
                p.title
            };
            Link::new(p.key, title, format!("{base}market/{}", p.path))
        })
        .collect()
}

fn is_withheld(a: &AskView<'_>) -> bool {
    [&a.volume_now, &a.volume_forecast]
        .into_iter()
        .flatten()
        .any(|v| v.shown.is_withheld())
}

/// The page's lead, from what it holds.
fn lead(asks: usize, councils: usize) -> String {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    format!(
        "The homes and services the region's councils want providers to offer, as each council's market position statement gives them: {} from {}. Each ask says which council it comes from and links to it on that council's own pages.",
        plural(asks, "ask", "asks"),
        plural(councils, "statement", "statements")
    )
}

/// The joint filter: the council first, then placement type, age band, need and locality,
/// each the union of the statements' lists (a category two statements share by id is one
/// value, with the label of the first).
fn index(sources: &[Source<'_>]) -> hearth_model::filter::Index {
    let merged = |list: &dyn Fn(&Asks) -> &[Category]| {
        let mut seen = BTreeSet::new();
        let mut values = Vec::new();
        for cats in sources.iter().filter_map(|s| s.categories) {
            for c in list(cats) {
                if seen.insert(c.id.clone()) {
                    values.push(filter::value(&c.id, &c.label));
                }
            }
        }
        values
    };
    let members = sources
        .iter()
        .filter(|s| !s.asks.is_empty())
        .map(|s| filter::value(&s.key, &s.member.name))
        .collect();
    let facets = vec![
        filter::facet("member", "Council", members),
        filter::facet("type", "Placement type", merged(&|a| &a.placement_types)),
        filter::facet("age", "Age band", merged(&|a| &a.age_bands)),
        filter::facet("need", "Need", merged(&|a| &a.needs)),
        filter::facet("locality", "Locality", merged(&|a| &a.localities)),
    ];
    let entries = sources.iter().flat_map(|s| {
        s.asks.iter().map(|a| {
            let mut e = a.entry();
            e.keys.insert(0, vec![s.key.clone()]);
            e.text.push(s.member.name.clone());
            e
        })
    });
    filter::index(facets, entries)
}

#[derive(Serialize)]
struct MemberRecord<'v> {
    /// The member's id in region.yaml; null for the region itself.
    member_id: Option<&'v str>,
    member_code: Option<&'v str>,
    authority: &'v str,
    /// Whether it publishes a market position statement (false: it has none, which is not
    /// the same as a statement with no asks).
    market_statement: bool,
    asks: usize,
}

#[derive(Serialize)]
struct RouteLinkRecord<'v> {
    id: &'v str,
    name: &'v str,
    kind: &'static str,
    status: &'static str,
    url: String,
}

#[derive(Serialize)]
struct ContactRecord<'v> {
    name: &'v str,
    about: Option<&'v str>,
    email: Option<&'v str>,
    phone: Option<&'v str>,
    url: Option<&'v str>,
}

#[derive(Serialize)]
struct CouncilRecord<'v> {
    member_id: Option<&'v str>,
    member_code: Option<&'v str>,
    authority: &'v str,
    /// Its statement's title; null when it publishes none.
    market_statement: Option<&'v str>,
    url: Option<String>,
    routes: Vec<RouteLinkRecord<'v>>,
    contacts: Vec<ContactRecord<'v>>,
    tables: &'v [TableLink],
}

#[derive(Serialize)]
struct CouncilsRecord<'v> {
    region: &'v str,
    councils: Vec<CouncilRecord<'v>>,
}

#[derive(Serialize)]
struct JointRecord<'v> {
    region: &'v str,
    members: Vec<MemberRecord<'v>>,
    asks: Vec<Attributed<'v, AskRecord<'v>>>,
}

/// `/data/market/asks.csv` and `/data/market/asks.json`.
fn open_data(site: &mut Site<'_>, sources: &[Source<'_>]) {
    let csv = asks::joint_csv(
        sources
            .iter()
            .flat_map(|s| s.asks.iter().map(move |a| (a, s.rule))),
    );
    site.text("data/market/asks.csv", csv);
    let record = JointRecord {
        region: &site.c.site.authority,
        members: sources
            .iter()
            .map(|s| MemberRecord {
                member_id: s.member.id.as_deref(),
                member_code: s.member.code.as_deref(),
                authority: &s.member.name,
                market_statement: s.statement.is_some(),
                asks: s.asks.len(),
            })
            .collect(),
        asks: sources
            .iter()
            .flat_map(|s| {
                s.asks
                    .iter()
                    .map(move |a| Attributed::new(&s.member, a.record(s.rule)))
            })
            .collect(),
    };
    let json = serde_json::to_value(&record).unwrap_or(serde_json::Value::Null);
    site.json("data/market/asks.json", &json);
    let mut csv = Csv::new(
        ["member_code", "member_id", "member"]
            .into_iter()
            .chain(ROUTES_COLUMNS),
    );
    for s in sources {
        for row in route_rows(&s.routes) {
            let mut line = vec![
                s.member.code.clone().unwrap_or_default(),
                s.member.id.clone().unwrap_or_default(),
                s.member.name.clone(),
            ];
            line.extend(row);
            csv.row(line);
        }
    }
    site.text("data/market/routes.csv", csv.finish());
    let councils: Vec<CouncilRecord<'_>> = sources
        .iter()
        .map(|s| CouncilRecord {
            member_id: s.member.id.as_deref(),
            member_code: s.member.code.as_deref(),
            authority: &s.member.name,
            market_statement: s.statement,
            url: s.statement.map(|_| format!("{}market/", s.base)),
            routes: s
                .routes
                .iter()
                .map(|r| RouteLinkRecord {
                    id: r.id,
                    name: r.name,
                    kind: r.kind.key,
                    status: r.status.key,
                    url: format!("{}market/procurement/#route-{}", s.base, r.id),
                })
                .collect(),
            contacts: s
                .contacts
                .iter()
                .map(|c| ContactRecord {
                    name: c.name,
                    about: c.about,
                    email: c.email,
                    phone: c.phone,
                    url: c.url.as_deref(),
                })
                .collect(),
            tables: &s.tables,
        })
        .collect();
    let region = site.c.site.authority.clone();
    site.json(
        "data/market/councils.json",
        &CouncilsRecord {
            region: &region,
            councils,
        },
    );
    site.data_titles.insert(
        "data/market/routes".into(),
        (
            "Routes to market across the region".into(),
            "Every route to market (one row per lot) in the member councils' market position statements and the region's own, keyed by member code and member id (empty for the region's own routes).".into(),
        ),
    );
    site.data_titles.insert(
        "data/market/councils".into(),
        (
            "The councils' market statements".into(),
            "For the region and each member council: whether it publishes a market position statement, its routes to market, contacts and market tables (with the addresses of their pages and CSV files), keyed by member code and member id.".into(),
        ),
    );
    site.data_titles.insert(
        "data/market/asks".into(),
        (
            "Asks of providers across the region".into(),
            "Every ask in the member councils' market position statements and the region's own, one row each, keyed by member code and member id (empty for the region's own asks); the JSON adds each member and whether it publishes a statement.".into(),
        ),
    );
}

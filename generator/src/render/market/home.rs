//! The statement's front page (`/market/`): the summary, key messages, the sections, the
//! duty and vision, the children, the asks at a glance, contacts and downloads.

use hearth_model::market::{MARKET_FILE, Market, Section};
use hearth_model::validate::{FACTS_FILE, STRATEGY_FILE};
use hearth_model::{Place, format};
use serde::Serialize;

use super::asks::AskView;
use super::cells::decimals_for;
use super::statement::{ContactView, contacts};
use super::tables::PublishedTable;
use super::{SubPage, Words, capitalise};
use crate::render::site::Site;
use crate::render::view::{Html, PeriodView};

#[derive(Serialize)]
pub struct HomeView<'v, 'm> {
    summary: Html,
    duty: Option<Html>,
    vision: Option<Html>,
    children: Option<Html>,
    facts: Vec<FactView>,
    messages: Vec<MessageView>,
    sections: Vec<SectionView>,
    asks: &'v [AskView<'m>],
    /// Whether a volume in the asks table is withheld (the page then explains the symbol).
    asks_withheld: bool,
    /// What the asks can be found by, in words ("placement type, age and need").
    asks_facets: String,
    contacts: Vec<ContactView<'m>>,
    downloads: Vec<Download>,
}

#[derive(Serialize)]
struct FactView {
    id: String,
    value: String,
    label: String,
    detail: Option<Html>,
    date: Option<PeriodView>,
}

#[derive(Serialize)]
struct MessageView {
    title: String,
    text: Html,
}

#[derive(Serialize)]
struct SectionView {
    key: &'static str,
    title: &'static str,
    href: String,
    text: String,
}

#[derive(Serialize)]
struct Download {
    title: String,
    href: String,
}

/// What each section of the statement holds, for the front page: only what the content has.
fn blurb(key: &str, m: &Market, asks: &[AskView<'_>], tables: &[PublishedTable<'_>]) -> String {
    let st = &m.statement;
    let titles = |section| {
        let list: Vec<&str> = tables
            .iter()
            .filter(|t| t.table.section == section)
            .map(|t| t.table.title.as_str())
            .collect();
        format!("{}.", list.join("; "))
    };
    match key {
        "demand" => titles(Section::Demand),
        "supply" => titles(Section::Supply),
        "asks" => {
            let mut t = String::from("The homes and services we want providers to offer");
            if asks.iter().any(|a| a.by.is_some()) {
                t.push_str(", and when");
            }
            t.push('.');
            t
        }
        "intentions" => {
            if st.intentions.iter().any(|it| !it.targets.is_empty()) {
                "What we will do, with targets and dates.".into()
            } else {
                "What we will do.".into()
            }
        }
        "forecasts" => {
            let scenarios = st
                .forecasts
                .as_ref()
                .is_some_and(|f| !f.scenarios.is_empty());
            if scenarios {
                "How we expect demand to change, and how we worked it out.".into()
            } else {
                "How we expect demand to change.".into()
            }
        }
        "procurement" => format!("{}.", capitalise(&super::procurement_parts(m).join_words())),
        "glossary" => "The terms and abbreviations used in this statement.".into(),
        _ => String::new(),
    }
}

/// The facets the asks can be found by, in words: only those some ask has a value of.
fn facets_in_words(asks: &[AskView<'_>]) -> String {
    let mut parts = vec!["placement type"];
    if asks.iter().any(|a| !a.ages.is_empty()) {
        parts.push("age");
    }
    if asks.iter().any(|a| !a.needs.is_empty()) {
        parts.push("need");
    }
    if asks.iter().any(|a| a.locality.is_some()) {
        parts.push("locality");
    }
    Words(parts).join_words()
}

pub fn view<'v, 'm>(
    site: &Site<'_>,
    m: &'m Market,
    pages: &[SubPage],
    asks: &'v [AskView<'m>],
    tables: &[PublishedTable<'_>],
) -> HomeView<'v, 'm> {
    let root = "../";
    let c = site.c;
    let st = &m.statement;
    let at = |p: &str| Place::new(MARKET_FILE, p);
    let ctx = st.context.clone().unwrap_or_default();
    let vision = match &ctx.vision {
        Some(v) => Some(site.md(v, at("context.vision"), root, false)),
        None => site.md_opt(
            &c.strategy.vision,
            Place::new(STRATEGY_FILE, "vision"),
            root,
            false,
        ),
    };
    let facts = ctx
        .facts
        .iter()
        .filter_map(|id| c.facts.facts.iter().position(|f| &f.id == id))
        .map(|i| {
            let f = &c.facts.facts[i];
            FactView {
                id: f.id.clone(),
                value: format::value(
                    f.value,
                    f.unit,
                    f.decimals.unwrap_or_else(|| decimals_for(f.value)),
                ),
                label: f.label.clone(),
                detail: site.md_opt(
                    &f.detail,
                    Place::new(FACTS_FILE, format!("facts[{i}].detail")),
                    root,
                    true,
                ),
                date: PeriodView::opt(&f.date),
            }
        })
        .collect();
    let messages = st
        .messages
        .iter()
        .enumerate()
        .map(|(i, msg)| MessageView {
            title: msg.title.clone(),
            text: site.md(&msg.text, at(&format!("messages[{i}].text")), root, false),
        })
        .collect();
    let sections = pages
        .iter()
        .filter(|p| p.key != "home")
        .map(|p| SectionView {
            key: p.key,
            title: p.title,
            href: format!("market/{}", p.path),
            text: blurb(p.key, m, asks, tables),
        })
        .collect();
    let mut downloads = vec![Download {
        title: "The whole statement's data (JSON)".into(),
        href: "data/market.json".into(),
    }];
    downloads.extend(m.tables.iter().map(|t| Download {
        title: format!("{} (CSV)", t.title),
        href: format!("data/market/{}.csv", t.id),
    }));
    if super::has_provider_counts(m) {
        downloads.push(Download {
            title: "Providers on each route and lot (CSV)".into(),
            href: "data/market/providers.csv".into(),
        });
    }
    if !m.asks.asks.is_empty() {
        downloads.push(Download {
            title: "What we want from providers (CSV)".into(),
            href: "data/market/asks.csv".into(),
        });
    }
    HomeView {
        summary: site.md(&st.summary, at("summary"), root, false),
        duty: site.md_opt(&ctx.duty, at("context.duty"), root, false),
        vision,
        children: site.md_opt(&ctx.children, at("context.children"), root, false),
        facts,
        messages,
        sections,
        asks,
        asks_withheld: super::asks_withheld(asks),
        asks_facets: facets_in_words(asks),
        contacts: contacts(site, st),
        downloads,
    }
}

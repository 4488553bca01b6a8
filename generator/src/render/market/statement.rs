//! The statement's other parts: commissioning intentions with their targets, the forecasts,
//! the purchasing routes and timeline, the contacts and the glossary. Each has one view here,
//! shown on its page and written to the open data by `super::data`.

use hearth_model::market::{
    GLOSSARY_FILE, Intention, IntentionTarget, MARKET_FILE, Market, MarketContact, Milestone,
    Providers, Route, RouteStatus, Statement,
};
use hearth_model::{Place, format};
use serde::Serialize;

use super::cells::decimals_for;
use crate::render::markdown;
use crate::render::site::Site;
use crate::render::view::{Html, Link, PeriodView};

/// A contact named by a route or an ask (`contact: ID`), with how to reach them.
#[derive(Debug, Clone, Serialize)]
pub struct ContactRef {
    pub id: String,
    pub name: String,
    pub email: Option<String>,
    pub phone: Option<String>,
    /// Where the contact is listed on the "Working with us" page.
    pub href: String,
}

/// The contact with id `id`, if the statement has one.
pub fn contact_ref(m: &Market, id: &str) -> Option<ContactRef> {
    m.statement
        .contacts
        .iter()
        .find(|c| c.id.as_deref() == Some(id))
        .map(|c| ContactRef {
            id: id.to_string(),
            name: c.name.clone(),
            email: c.email.clone(),
            phone: c.phone.clone(),
            href: format!("market/procurement/#contact-{id}"),
        })
}

/// A `register:` address to link to: checked at validation (an error otherwise), and kept
/// here only if it is a web or mail address.
pub fn register_link(url: &Option<String>) -> Option<String> {
    url.as_ref()
        .map(|u| u.trim().to_string())
        .filter(|u| markdown::is_safe_url(u) && !u.to_ascii_lowercase().starts_with("tel:"))
}

/// The providers on a route or a lot, as the content counts them.
#[derive(Debug, Serialize)]
pub struct ProvidersView {
    /// The date of the counts, as a label ("at April 2021").
    pub as_at: Option<PeriodView>,
    pub approved: Option<String>,
    pub with_placements: Option<String>,
    pub by_type: Vec<CountView>,
    pub by_ownership: Vec<CountView>,
    pub note: Option<Html>,
    /// The counts in a sentence.
    pub summary: String,
}

#[derive(Debug, Serialize)]
pub struct CountView {
    pub key: String,
    pub label: String,
    pub count: String,
}

/// A whole count of providers for readers (1,234).
fn count_text(v: f64) -> String {
    format::number(v, 0)
}

/// The view of `p`, whose Markdown note is at `place`.
pub fn providers_view(
    site: &Site<'_>,
    p: &Providers,
    place: Place,
    root: &str,
) -> Option<ProvidersView> {
    if !p.has_counts() {
        return None;
    }
    let by_type: Vec<CountView> = p
        .by_type
        .iter()
        .map(|t| CountView {
            key: t.label.clone(),
            label: t.label.clone(),
            count: count_text(t.count),
        })
        .collect();
    let by_ownership: Vec<CountView> = p
        .by_ownership
        .as_ref()
        .map(|o| o.parts())
        .unwrap_or_default()
        .into_iter()
        .map(|(k, l, v)| CountView {
            key: k.to_string(),
            label: l.to_string(),
            count: count_text(v),
        })
        .collect();
    let as_at = PeriodView::opt(&p.as_at);
    let plural = |v: f64| if v == 1.0 { "" } else { "s" };
    let mut sentences = Vec::new();
    match (p.approved, p.with_placements) {
        (Some(a), Some(w)) => sentences.push(format!(
            "{} approved provider{}, {} of them with children placed",
            count_text(a),
            plural(a),
            count_text(w)
        )),
        (Some(a), None) => {
            sentences.push(format!("{} approved provider{}", count_text(a), plural(a)))
        }
        (None, Some(w)) => sentences.push(format!(
            "{} provider{} with children placed",
            count_text(w),
            plural(w)
        )),
        (None, None) => {}
    }
    let list = |v: &[CountView]| {
        v.iter()
            .map(|c| format!("{} {}", c.label, c.count))
            .collect::<Vec<_>>()
            .join("; ")
    };
    if !by_type.is_empty() {
        sentences.push(format!("By type: {}", list(&by_type)));
    }
    if !by_ownership.is_empty() {
        sentences.push(format!("By who owns them: {}", list(&by_ownership)));
    }
    let mut summary = sentences.join(". ");
    summary.push('.');
    if let Some(at) = as_at.as_ref().and_then(|a| a.as_at.clone()) {
        // The sentences start with a figure or with "By" (these words, not the content's).
        let rest = summary
            .strip_prefix('B')
            .map_or(summary.clone(), |r| format!("b{r}"));
        summary = format!("{}, {rest}", super::capitalise(&at));
    }
    Some(ProvidersView {
        as_at,
        approved: p.approved.map(count_text),
        with_placements: p.with_placements.map(count_text),
        by_type,
        by_ownership,
        note: site.md_opt(&p.note, place, root, true),
        summary,
    })
}

/// A commissioning intention and its targets.
#[derive(Debug, Serialize)]
pub struct IntentionView<'m> {
    pub id: &'m str,
    pub title: &'m str,
    pub priority: Option<Link>,
    pub detail: Option<Html>,
    pub detail_text: Option<&'m str>,
    pub targets: Vec<TargetView<'m>>,
    #[serde(skip)]
    pub source: &'m Intention,
}

#[derive(Debug, Serialize)]
pub struct TargetView<'m> {
    pub label: &'m str,
    pub unit: hearth_model::Unit,
    pub unit_label: &'static str,
    pub now: Option<f64>,
    pub now_text: Option<String>,
    pub target: f64,
    pub upper: Option<f64>,
    /// The target, or the range, in words.
    pub target_text: String,
    pub by: PeriodView,
    pub note: Option<&'m str>,
    pub metric: Option<Link>,
}

impl<'m> IntentionView<'m> {
    pub fn new(site: &Site<'_>, i: usize, it: &'m Intention, root: &str) -> IntentionView<'m> {
        let c = site.c;
        IntentionView {
            id: &it.id,
            title: &it.title,
            priority: it
                .priority
                .as_ref()
                .and_then(|p| c.priority(p))
                .map(|p| Link::new(&p.id, &p.title, format!("priorities/{}/", p.id))),
            detail: site.md_opt(
                &it.detail,
                Place::new(MARKET_FILE, format!("intentions[{i}].detail")),
                root,
                false,
            ),
            detail_text: it.detail.as_deref(),
            targets: it.targets.iter().map(|t| target_view(site, t)).collect(),
            source: it,
        }
    }
}

fn target_view<'m>(site: &Site<'_>, t: &'m IntentionTarget) -> TargetView<'m> {
    let text = |v: f64| format::value(v, t.unit, decimals_for(v));
    TargetView {
        label: &t.label,
        unit: t.unit,
        unit_label: t.unit.label(),
        now: t.now,
        now_text: t.now.map(text),
        target: t.target,
        upper: t.upper,
        target_text: match t.upper {
            Some(u) => format!("{} to {}", text(t.target), text(u)),
            None => text(t.target),
        },
        by: PeriodView::of(&t.by),
        note: t.note.as_deref(),
        metric: t
            .metric
            .as_ref()
            .and_then(|id| site.c.metric(id))
            .map(|mt| Link::new(&mt.id, &mt.title, format!("measures/{}/", mt.id))),
    }
}

/// A forecast: a scenario's headline figures at the published assumptions, and its method.
#[derive(Debug, Serialize)]
pub struct ForecastView {
    pub id: String,
    pub title: String,
    pub href: String,
    pub summary: Option<Html>,
    pub method: Html,
    pub horizon: Horizon,
    pub outputs: Vec<FigureView>,
    pub data: String,
}

#[derive(Debug, Serialize)]
pub struct Horizon {
    pub from: i32,
    pub to: i32,
}

#[derive(Debug, Serialize)]
pub struct FigureView {
    pub label: String,
    pub text: String,
}

/// The forecast of scenario `id`, if there is one.
pub fn forecast(site: &Site<'_>, id: &str, root: &str) -> Option<ForecastView> {
    let c = site.c;
    let sc = c.scenario(id)?;
    let built = site
        .folder
        .scenarios
        .iter()
        .find(|b| c.scenarios.get(b.index).is_some_and(|s| s.id == id));
    let look = sc.presentation();
    let outputs = built
        .map(|b| {
            sc.outputs
                .iter()
                .zip(&b.defaults.outputs)
                .enumerate()
                .map(|(i, (o, v))| FigureView {
                    label: o.label.clone(),
                    text: look.output_text(i, *v),
                })
                .collect()
        })
        .unwrap_or_default();
    Some(ForecastView {
        id: sc.id.clone(),
        title: sc.title.clone(),
        href: format!("scenarios/{}/", sc.id),
        summary: site.md_opt(&sc.summary, Place::new(&sc.file, "summary"), root, false),
        method: site.md(&sc.method, Place::new(&sc.file, "method"), root, false),
        horizon: Horizon {
            from: sc.horizon.from,
            to: sc.horizon.to,
        },
        outputs,
        data: format!("data/scenarios/{}.json", sc.id),
    })
}

/// How to sell to the council: the routes, their lots and the timeline.
#[derive(Debug, Serialize)]
pub struct ProcurementView<'m> {
    pub summary: Option<Html>,
    pub routes: Vec<RouteView<'m>>,
    pub timeline: Vec<MilestoneView<'m>>,
}

#[derive(Debug, Serialize)]
pub struct KindView {
    pub key: &'static str,
    pub label: &'static str,
}

#[derive(Debug, Serialize)]
pub struct StatusView {
    pub key: &'static str,
    pub label: &'static str,
    pub meaning: &'static str,
}

#[derive(Debug, Serialize)]
pub struct AskLink {
    pub id: String,
    pub title: String,
}

#[derive(Debug, Serialize)]
pub struct LotView {
    pub id: String,
    pub title: String,
    pub asks: Vec<AskLink>,
    pub summary: Option<Html>,
    pub providers: Option<ProvidersView>,
}

#[derive(Debug, Serialize)]
pub struct RouteView<'m> {
    pub id: &'m str,
    pub name: &'m str,
    pub kind: KindView,
    pub status: StatusView,
    pub summary: Option<Html>,
    pub summary_text: Option<&'m str>,
    pub opens: Option<PeriodView>,
    pub closes: Option<PeriodView>,
    pub join: Option<Html>,
    pub join_text: Option<&'m str>,
    /// The route's address, when it is a web address.
    pub url: Option<String>,
    pub lots: Vec<LotView>,
    pub asks: Vec<AskLink>,
    pub providers: Option<ProvidersView>,
    /// Whether any lot has provider counts.
    pub lot_providers: bool,
    pub contact: Option<ContactRef>,
    pub register: Option<String>,
    #[serde(skip)]
    pub source: &'m Route,
}

#[derive(Debug, Serialize)]
pub struct RouteLink {
    pub id: String,
    pub name: String,
    pub href: String,
}

#[derive(Debug, Serialize)]
pub struct MilestoneView<'m> {
    pub period: PeriodView,
    pub title: &'m str,
    pub detail: Option<Html>,
    pub detail_text: Option<&'m str>,
    pub route: Option<RouteLink>,
    #[serde(skip)]
    pub source: &'m Milestone,
}

/// The procurement section, if the statement has one.
pub fn procurement<'m>(site: &Site<'_>, m: &'m Market, root: &str) -> Option<ProcurementView<'m>> {
    let pr = m.statement.procurement.as_ref()?;
    let at = |p: String| Place::new(MARKET_FILE, p);
    let routes = pr
        .routes
        .iter()
        .enumerate()
        .map(|(i, r)| route_view(site, m, i, r, root))
        .collect();
    let mut order: Vec<usize> = (0..pr.timeline.len()).collect();
    order.sort_by(|&a, &b| {
        pr.timeline[a]
            .period
            .cmp(&pr.timeline[b].period)
            .then(a.cmp(&b))
    });
    let timeline = order
        .into_iter()
        .map(|i| {
            let ms = &pr.timeline[i];
            MilestoneView {
                period: PeriodView::of(&ms.period),
                title: &ms.title,
                detail: site.md_opt(
                    &ms.detail,
                    at(format!("procurement.timeline[{i}].detail")),
                    root,
                    false,
                ),
                detail_text: ms.detail.as_deref(),
                route: ms
                    .route
                    .as_ref()
                    .and_then(|r| m.route(r))
                    .map(|r| RouteLink {
                        id: r.id.clone(),
                        name: r.name.clone(),
                        href: format!("market/procurement/#route-{}", r.id),
                    }),
                source: ms,
            }
        })
        .collect();
    Some(ProcurementView {
        summary: site.md_opt(&pr.summary, at("procurement.summary".into()), root, false),
        routes,
        timeline,
    })
}

fn route_view<'m>(
    site: &Site<'_>,
    m: &'m Market,
    i: usize,
    r: &'m Route,
    root: &str,
) -> RouteView<'m> {
    let at = |f: &str| Place::new(MARKET_FILE, format!("procurement.routes[{i}].{f}"));
    let asks_where = |lot: Option<&str>| -> Vec<AskLink> {
        m.asks
            .asks
            .iter()
            .filter(|a| a.route.as_deref() == Some(r.id.as_str()))
            .filter(|a| lot.is_none() || a.lot.as_deref() == lot)
            .map(|a| AskLink {
                id: a.id.clone(),
                title: a.title.clone(),
            })
            .collect()
    };
    let lots: Vec<LotView> = r
        .lots
        .iter()
        .enumerate()
        .map(|(j, l)| LotView {
            id: l.id.clone(),
            title: l.title.clone(),
            asks: asks_where(Some(&l.id)),
            summary: site.md_opt(&l.summary, at(&format!("lots[{j}].summary")), root, true),
            providers: l.providers.as_ref().and_then(|p| {
                providers_view(site, p, at(&format!("lots[{j}].providers.note")), root)
            }),
        })
        .collect();
    let lot_providers = lots.iter().any(|l| l.providers.is_some());
    RouteView {
        id: &r.id,
        name: &r.name,
        kind: KindView {
            key: r.kind.key(),
            label: r.kind.label(),
        },
        status: StatusView {
            key: r.status.key(),
            label: r.status.label(),
            meaning: if r.status == RouteStatus::Planned && !has_dates(m, r) {
                // "see the dates" only when there are dates to see.
                "not open yet"
            } else {
                r.status.meaning()
            },
        },
        summary: site.md_opt(&r.summary, at("summary"), root, false),
        summary_text: r.summary.as_deref(),
        opens: PeriodView::opt(&r.opens),
        closes: PeriodView::opt(&r.closes),
        join: site.md_opt(&r.join, at("join"), root, false),
        join_text: r.join.as_deref(),
        url: site.safe_url(&r.url, at("url")),
        lots,
        asks: asks_where(None),
        providers: r
            .providers
            .as_ref()
            .and_then(|p| providers_view(site, p, at("providers.note"), root)),
        lot_providers,
        contact: r.contact.as_ref().and_then(|id| contact_ref(m, id)),
        register: register_link(&r.register),
        source: r,
    }
}

/// Whether the page gives dates for route `r`: its own, or a timeline entry about it.
fn has_dates(m: &Market, r: &Route) -> bool {
    r.opens.is_some()
        || r.closes.is_some()
        || m.statement.procurement.as_ref().is_some_and(|p| {
            p.timeline
                .iter()
                .any(|ms| ms.route.as_deref() == Some(r.id.as_str()))
        })
}

/// A person or team providers can talk to.
#[derive(Debug, Serialize)]
pub struct ContactView<'m> {
    pub id: Option<&'m str>,
    pub name: &'m str,
    pub about: Option<&'m str>,
    pub email: Option<&'m str>,
    pub phone: Option<&'m str>,
    pub url: Option<String>,
}

pub fn contacts<'m>(site: &Site<'_>, st: &'m Statement) -> Vec<ContactView<'m>> {
    st.contacts
        .iter()
        .enumerate()
        .inspect(|(i, c)| {
            site.email(
                &c.email,
                Place::new(MARKET_FILE, format!("contacts[{i}].email")),
            );
        })
        .map(|(i, c): (usize, &'m MarketContact)| ContactView {
            id: c.id.as_deref(),
            name: &c.name,
            about: c.about.as_deref(),
            email: c.email.as_deref(),
            phone: c.phone.as_deref(),
            url: site.safe_url(
                &c.url,
                Place::new(MARKET_FILE, format!("contacts[{i}].url")),
            ),
        })
        .collect()
}

/// A glossary entry, in alphabetical order of terms.
#[derive(Debug, Serialize)]
pub struct TermView<'m> {
    pub id: &'m str,
    pub term: &'m str,
    pub abbreviation: Option<&'m str>,
    pub definition: Html,
    pub definition_text: &'m str,
    pub see: Vec<TermLink>,
}

#[derive(Debug, Serialize)]
pub struct TermLink {
    pub id: String,
    pub term: String,
}

pub fn glossary<'m>(site: &Site<'_>, m: &'m Market, root: &str) -> Vec<TermView<'m>> {
    let mut order: Vec<usize> = (0..m.glossary.terms.len()).collect();
    order.sort_by_key(|&i| m.glossary.terms[i].term.to_lowercase());
    order
        .into_iter()
        .map(|i| {
            let t = &m.glossary.terms[i];
            TermView {
                id: &t.id,
                term: &t.term,
                abbreviation: t.abbreviation.as_deref(),
                definition: site.md(
                    &t.definition,
                    Place::new(GLOSSARY_FILE, format!("terms[{i}].definition")),
                    root,
                    true,
                ),
                definition_text: &t.definition,
                see: t
                    .see
                    .iter()
                    .filter_map(|s| m.term(s))
                    .map(|s| TermLink {
                        id: s.id.clone(),
                        term: s.term.clone(),
                    })
                    .collect(),
            }
        })
        .collect()
}

//! The statement's open data: `/data/market.json` (the whole statement) and one CSV file per
//! table, trend, and list (asks, intentions' targets, routes and lots, timeline, glossary),
//! all from the views the pages show and the published cells only.

use std::collections::BTreeMap;

use hearth_model::format;
use hearth_model::market::{
    Category, Context, Forecasts, Market, Message, Providers, Route, Statement, Suppression,
};
use serde::Serialize;

use super::asks::{self, AskRecord, AskView};
use super::cells::decimals_for;
use super::statement::{self, ContactView, IntentionView, RouteView, TermView};
use super::tables::{PublishedTable, TableRecord, csv_of_table, csv_of_trend};
use crate::render::csv::Csv;
use crate::render::site::Site;

#[derive(Serialize)]
struct MarketData<'v> {
    title: &'v str,
    authority: &'v str,
    published: &'v str,
    review: Option<&'v str>,
    suppression: SuppressionRecord<'v>,
    context: ContextRecord<'v>,
    messages: &'v [Message],
    tables: Vec<TableRecord<'v>>,
    categories: Categories<'v>,
    asks: Vec<AskRecord<'v>>,
    intentions: Vec<IntentionRecord<'v>>,
    forecasts: &'v Option<Forecasts>,
    routes: Vec<RouteRecord<'v>>,
    timeline: Vec<MilestoneRecord<'v>>,
    contacts: &'v [ContactView<'v>],
    glossary: Vec<TermRecord<'v>>,
    url: &'static str,
}

#[derive(Serialize)]
struct SuppressionRecord<'v> {
    min: u32,
    max: u32,
    symbol: &'v str,
    note: String,
}

#[derive(Serialize)]
struct ContextRecord<'v> {
    duty: Option<&'v str>,
    vision: Option<&'v str>,
    children: Option<&'v str>,
    facts: &'v [String],
}

#[derive(Serialize)]
struct Categories<'v> {
    placement_types: &'v [Category],
    age_bands: &'v [Category],
    needs: &'v [Category],
    localities: &'v [Category],
}

#[derive(Serialize)]
struct IntentionRecord<'v> {
    id: &'v str,
    title: &'v str,
    priority: Option<&'v str>,
    detail: Option<&'v str>,
    targets: Vec<IntentionTargetRecord<'v>>,
    url: String,
}

#[derive(Serialize)]
struct IntentionTargetRecord<'v> {
    label: &'v str,
    unit: hearth_model::Unit,
    now: Option<f64>,
    target: f64,
    upper: Option<f64>,
    by: &'v str,
    by_end: Option<String>,
    metric: Option<&'v str>,
    note: Option<&'v str>,
}

#[derive(Serialize)]
struct RouteRecord<'v> {
    id: &'v str,
    name: &'v str,
    kind: &'static str,
    status: &'static str,
    summary: Option<&'v str>,
    opens: Option<&'v str>,
    closes: Option<&'v str>,
    join: Option<&'v str>,
    url: Option<&'v str>,
    lots: Vec<LotRecord<'v>>,
    /// The providers on the route, as the content counts them (counts of organisations,
    /// never withheld).
    providers: Option<ProvidersRecord<'v>>,
    /// The id of the contact to talk to about it.
    contact: Option<&'v str>,
    /// Where to register interest or apply.
    register: Option<&'v str>,
}

#[derive(Serialize)]
struct LotRecord<'v> {
    id: &'v str,
    title: &'v str,
    summary: Option<&'v str>,
    providers: Option<ProvidersRecord<'v>>,
}

/// The providers on a route or lot in `/data/market.json`: whole counts, and only those the
/// content gives.
#[derive(Serialize)]
struct ProvidersRecord<'v> {
    as_at: Option<&'v str>,
    as_at_end: Option<String>,
    approved: Option<i64>,
    with_placements: Option<i64>,
    by_type: Vec<TypeCountRecord<'v>>,
    /// Only the kinds of owner the content counts; `null` when it gives none.
    by_ownership: Option<BTreeMap<&'static str, i64>>,
    note: Option<&'v str>,
}

#[derive(Serialize)]
struct TypeCountRecord<'v> {
    label: &'v str,
    count: i64,
}

/// A count of providers (whole and not negative: checked when the content is read).
fn whole(v: f64) -> i64 {
    v.round() as i64
}

fn providers_record(p: &Providers) -> Option<ProvidersRecord<'_>> {
    if !p.has_counts() {
        return None;
    }
    Some(ProvidersRecord {
        as_at: p.as_at.as_ref().map(|a| a.text()),
        as_at_end: p.as_at.as_ref().and_then(|a| a.end()).map(|d| d.iso()),
        approved: p.approved.map(whole),
        with_placements: p.with_placements.map(whole),
        by_type: p
            .by_type
            .iter()
            .map(|t| TypeCountRecord {
                label: &t.label,
                count: whole(t.count),
            })
            .collect(),
        by_ownership: p
            .by_ownership
            .as_ref()
            .map(|o| o.parts())
            .filter(|parts| !parts.is_empty())
            .map(|parts| parts.into_iter().map(|(k, _, v)| (k, whole(v))).collect()),
        note: p.note.as_deref(),
    })
}

#[derive(Serialize)]
struct MilestoneRecord<'v> {
    period: &'v str,
    start: Option<String>,
    end: Option<String>,
    title: &'v str,
    route: Option<&'v str>,
    detail: Option<&'v str>,
}

#[derive(Serialize)]
struct TermRecord<'v> {
    id: &'v str,
    term: &'v str,
    abbreviation: Option<&'v str>,
    definition: &'v str,
    url: String,
}

/// Write `/data/market.json` and `/data/market/*.csv`.
pub fn write(site: &mut Site<'_>, m: &Market, tables: &[PublishedTable<'_>], asks: &[AskView<'_>]) {
    let c = site.c;
    let rule = &c.site.suppression;
    let st = &m.statement;
    for t in tables {
        let id = &t.table.id;
        site.text(
            &format!("data/market/{id}.csv"),
            csv_of_table(t.table, &t.cells, rule),
        );
        if let Some(text) = csv_of_trend(t.table, &t.cells, rule) {
            site.text(&format!("data/market/{id}-trend.csv"), text);
        }
    }
    if !asks.is_empty() {
        site.text("data/market/asks.csv", asks::csv(asks, rule));
    }
    // The views of the statement's other parts, as the pages show them (root: the data
    // files hold no HTML, so the depth does not matter).
    let root = "../../";
    let intentions: Vec<IntentionView<'_>> = st
        .intentions
        .iter()
        .enumerate()
        .map(|(i, it)| IntentionView::new(site, i, it, root))
        .collect();
    if !intentions.is_empty() {
        site.text("data/market/intentions.csv", intentions_csv(&intentions));
    }
    let procurement = statement::procurement(site, m, root);
    if let Some(pr) = &procurement {
        site.text("data/market/routes.csv", routes_csv(&pr.routes));
        if pr.routes.iter().any(|r| route_has_providers(r.source)) {
            site.text("data/market/providers.csv", providers_csv(&pr.routes));
        }
        site.text("data/market/timeline.csv", timeline_csv(pr));
    }
    let glossary = statement::glossary(site, m, root);
    if !glossary.is_empty() {
        site.text("data/market/glossary.csv", glossary_csv(&glossary));
    }
    let views = Views {
        tables,
        asks,
        intentions: &intentions,
        procurement: &procurement,
        glossary: &glossary,
        contacts: &statement::contacts(site, st),
    };
    let data = market_data(site, m, rule, &views);
    site.json("data/market.json", &data);
}

/// The views of the statement's parts that the JSON is made from.
struct Views<'x, 'v> {
    tables: &'x [PublishedTable<'v>],
    asks: &'x [AskView<'v>],
    intentions: &'x [IntentionView<'v>],
    procurement: &'x Option<statement::ProcurementView<'v>>,
    glossary: &'x [TermView<'v>],
    contacts: &'x [ContactView<'v>],
}

fn market_data<'x, 'v: 'x>(
    site: &Site<'v>,
    m: &'v Market,
    rule: &'v Suppression,
    views: &'x Views<'x, 'v>,
) -> MarketData<'x> {
    let Views {
        tables,
        asks,
        intentions,
        procurement,
        glossary,
        contacts,
    } = *views;
    let st: &'v Statement = &m.statement;
    let ctx: Option<&'v Context> = st.context.as_ref();
    MarketData {
        title: &st.title,
        authority: &site.c.site.authority,
        published: st.published.text(),
        review: st.review.as_ref().map(|p| p.text()),
        suppression: SuppressionRecord {
            min: rule.min,
            max: rule.max,
            symbol: &rule.symbol,
            note: rule.note_text(),
        },
        context: ContextRecord {
            duty: ctx.and_then(|x| x.duty.as_deref()),
            vision: ctx.and_then(|x| x.vision.as_deref()),
            children: ctx.and_then(|x| x.children.as_deref()),
            facts: ctx.map_or(&[], |x| x.facts.as_slice()),
        },
        messages: &st.messages,
        tables: tables.iter().map(|t| t.record(rule)).collect(),
        categories: Categories {
            placement_types: &m.asks.placement_types,
            age_bands: &m.asks.age_bands,
            needs: &m.asks.needs,
            localities: &m.asks.localities,
        },
        asks: asks.iter().map(|a| a.record(rule)).collect(),
        intentions: intentions.iter().map(intention_record).collect(),
        forecasts: &st.forecasts,
        routes: procurement
            .iter()
            .flat_map(|p| p.routes.iter().map(route_record))
            .collect(),
        timeline: procurement
            .iter()
            .flat_map(|p| p.timeline.iter())
            .map(|ms| {
                let m = ms.source;
                MilestoneRecord {
                    period: m.period.text(),
                    start: m.period.start().map(|d| d.iso()),
                    end: m.period.end().map(|d| d.iso()),
                    title: &m.title,
                    route: m.route.as_deref(),
                    detail: m.detail.as_deref(),
                }
            })
            .collect(),
        contacts,
        glossary: glossary
            .iter()
            .map(|t| TermRecord {
                id: t.id,
                term: t.term,
                abbreviation: t.abbreviation,
                definition: t.definition_text,
                url: format!("market/glossary/#term-{}", t.id),
            })
            .collect(),
        url: "market/",
    }
}

fn intention_record<'x, 'v: 'x>(it: &'x IntentionView<'v>) -> IntentionRecord<'x> {
    let s = it.source;
    IntentionRecord {
        id: &s.id,
        title: &s.title,
        priority: s.priority.as_deref(),
        detail: s.detail.as_deref(),
        targets: s
            .targets
            .iter()
            .map(|t| IntentionTargetRecord {
                label: &t.label,
                unit: t.unit,
                now: t.now,
                target: t.target,
                upper: t.upper,
                by: t.by.text(),
                by_end: t.by.end().map(|d| d.iso()),
                metric: t.metric.as_deref(),
                note: t.note.as_deref(),
            })
            .collect(),
        url: format!("market/intentions/#intention-{}", s.id),
    }
}

fn route_record<'x, 'v: 'x>(r: &'x RouteView<'v>) -> RouteRecord<'x> {
    let s = r.source;
    RouteRecord {
        id: &s.id,
        name: &s.name,
        kind: s.kind.key(),
        status: s.status.key(),
        summary: s.summary.as_deref(),
        opens: s.opens.as_ref().map(|p| p.text()),
        closes: s.closes.as_ref().map(|p| p.text()),
        join: s.join.as_deref(),
        url: r.url.as_deref(),
        lots: s
            .lots
            .iter()
            .map(|l| LotRecord {
                id: &l.id,
                title: &l.title,
                summary: l.summary.as_deref(),
                providers: l.providers.as_ref().and_then(providers_record),
            })
            .collect(),
        providers: s.providers.as_ref().and_then(providers_record),
        contact: s.contact.as_deref(),
        register: r.register.as_deref(),
    }
}

/// Whether a route or one of its lots counts its providers.
pub(super) fn route_has_providers(r: &Route) -> bool {
    r.providers.as_ref().is_some_and(Providers::has_counts)
        || r.lots
            .iter()
            .any(|l| l.providers.as_ref().is_some_and(Providers::has_counts))
}

/// `/data/market/providers.csv`: one row per count of providers a route or lot gives
/// (approved, with children placed, each type, each kind of owner), as the page shows them.
fn providers_csv(routes: &[RouteView<'_>]) -> String {
    let mut csv = Csv::new([
        "route",
        "lot",
        "as_at",
        "as_at_end",
        "measure",
        "label",
        "count",
    ]);
    for r in routes {
        let s = r.source;
        let lots = s
            .lots
            .iter()
            .filter_map(|l| l.providers.as_ref().map(|p| (l.id.as_str(), p)));
        for (lot, p) in s.providers.iter().map(|p| ("", p)).chain(lots) {
            let as_at = p
                .as_at
                .as_ref()
                .map(|a| a.text().to_string())
                .unwrap_or_default();
            let as_at_end = p
                .as_at
                .as_ref()
                .and_then(|a| a.end())
                .map(|d| d.iso())
                .unwrap_or_default();
            let mut rows: Vec<(&str, String, f64)> = Vec::new();
            rows.extend(
                p.approved
                    .map(|v| ("approved", "Approved providers".to_string(), v)),
            );
            rows.extend(p.with_placements.map(|v| {
                (
                    "with_placements",
                    "Providers with children placed".to_string(),
                    v,
                )
            }));
            rows.extend(p.by_type.iter().map(|t| ("type", t.label.clone(), t.count)));
            rows.extend(
                p.by_ownership
                    .as_ref()
                    .map(|o| o.parts())
                    .unwrap_or_default()
                    .into_iter()
                    .map(|(k, _, v)| ("ownership", k.to_string(), v)),
            );
            for (measure, label, v) in rows {
                csv.row([
                    s.id.clone(),
                    lot.to_string(),
                    as_at.clone(),
                    as_at_end.clone(),
                    measure.to_string(),
                    label,
                    format::plain(v, 0),
                ]);
            }
        }
    }
    csv.finish()
}

/// `/data/market/intentions.csv`: one row per target.
fn intentions_csv(intentions: &[IntentionView<'_>]) -> String {
    let mut csv = Csv::new([
        "intention",
        "title",
        "priority",
        "target",
        "unit",
        "now",
        "value",
        "upper",
        "by",
        "by_end",
        "metric",
        "note",
    ]);
    let num = |v: Option<f64>| {
        v.map(|v| format::plain(v, decimals_for(v)))
            .unwrap_or_default()
    };
    for it in intentions {
        let s = it.source;
        for t in &s.targets {
            let unit = serde_json::to_value(t.unit)
                .ok()
                .and_then(|v| v.as_str().map(str::to_string))
                .unwrap_or_default();
            csv.row([
                s.id.clone(),
                s.title.clone(),
                s.priority.clone().unwrap_or_default(),
                t.label.clone(),
                unit,
                num(t.now),
                num(Some(t.target)),
                num(t.upper),
                t.by.text().to_string(),
                t.by.end().map(|d| d.iso()).unwrap_or_default(),
                t.metric.clone().unwrap_or_default(),
                t.note.clone().unwrap_or_default(),
            ]);
        }
    }
    csv.finish()
}

/// The columns of `/data/market/routes.csv`.
pub(crate) const ROUTES_COLUMNS: [&str; 11] = [
    "route",
    "name",
    "kind",
    "status",
    "opens",
    "closes",
    "lot",
    "lot_title",
    "url",
    "contact",
    "register",
];

/// `/data/market/routes.csv`: one row per lot (one for a route without lots).
fn routes_csv(routes: &[RouteView<'_>]) -> String {
    let mut csv = Csv::new(ROUTES_COLUMNS);
    for row in route_rows(routes) {
        csv.row(row);
    }
    csv.finish()
}

/// The rows of `/data/market/routes.csv`, in [`ROUTES_COLUMNS`].
pub(crate) fn route_rows(routes: &[RouteView<'_>]) -> Vec<[String; 11]> {
    let mut out = Vec::new();
    for r in routes {
        let s = r.source;
        let row = |lot: &str, title: &str| -> [String; 11] {
            let text = |p: &Option<hearth_model::Period>| {
                p.as_ref().map(|p| p.text().to_string()).unwrap_or_default()
            };
            [
                s.id.clone(),
                s.name.clone(),
                s.kind.key().into(),
                s.status.key().into(),
                text(&s.opens),
                text(&s.closes),
                lot.into(),
                title.into(),
                r.url.clone().unwrap_or_default(),
                s.contact.clone().unwrap_or_default(),
                r.register.clone().unwrap_or_default(),
            ]
        };
        if s.lots.is_empty() {
            out.push(row("", ""));
        }
        for l in &s.lots {
            out.push(row(&l.id, &l.title));
        }
    }
    out
}

/// `/data/market/timeline.csv`, in date order.
fn timeline_csv(pr: &statement::ProcurementView<'_>) -> String {
    let mut csv = Csv::new(["period", "start", "end", "title", "route", "detail"]);
    for ms in &pr.timeline {
        let m = ms.source;
        csv.row([
            m.period.text().to_string(),
            m.period.start().map(|d| d.iso()).unwrap_or_default(),
            m.period.end().map(|d| d.iso()).unwrap_or_default(),
            m.title.clone(),
            m.route.clone().unwrap_or_default(),
            m.detail.clone().unwrap_or_default(),
        ]);
    }
    csv.finish()
}

/// `/data/market/glossary.csv`, in alphabetical order.
fn glossary_csv(terms: &[TermView<'_>]) -> String {
    let mut csv = Csv::new(["id", "term", "abbreviation", "definition"]);
    for t in terms {
        csv.row([
            t.id,
            t.term,
            t.abbreviation.unwrap_or_default(),
            t.definition_text,
        ]);
    }
    csv.finish()
}

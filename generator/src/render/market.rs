//! The market position statement (MPS) for providers: loading `content/market/`, the pages
//! under `/market/`, and its open data (`/data/market.json`, `/data/market/*.csv`).
//!
//! Every figure that counts children goes through [`hearth_model::market::publish`] (tables
//! and trends) or [`hearth_model::market::publish_count`] (ask volumes) before anything is
//! written, and pages, charts, CSV and JSON are all built from the published cells only, so
//! a withheld value cannot reach any output.

use charming::Chart;
use charming::component::{Axis, Legend};
use charming::datatype::CompositeValue;
use charming::element::{AxisLabel, AxisType, ItemStyle, LineStyle, Symbol};
use charming::series::{Bar, Line, Pie};
use hearth_model::market::{
    self as mk, ASKS_FILE, GLOSSARY_FILE, MARKET_FILE, Market, Published, Section, Shown,
    Statement, Suppression, Table, TableChart,
};
use hearth_model::{Flag, Period, Place, Unit, format};
use serde_json::{Value, json};

use super::charts::{self, PALETTE};
use super::csv::Csv;
use super::{Builder, filter_json, opt_period, period_json};

/// A number's default decimals: none for whole numbers, else one.
fn decimals_for(v: f64) -> u8 {
    if v.fract() == 0.0 { 0 } else { 1 }
}

/// A published cell for a template: its text, and whether (and why) it is withheld.
fn cell_json(s: Shown, unit: Unit, decimals: Option<u8>, rule: &Suppression) -> Value {
    match s {
        Shown::Value(v) => json!({
            "text": format::value(v, unit, decimals.unwrap_or_else(|| decimals_for(v))),
            "withheld": false,
        }),
        Shown::Withheld => json!({"text": rule.symbol, "withheld": true}),
        Shown::Flag(f) => json!({"text": f.symbol(), "withheld": false, "flag": f.meaning()}),
    }
}

/// A published cell for CSV: a plain number, or its symbol in the cell.
fn cell_csv(s: Shown, decimals: Option<u8>, rule: &Suppression) -> String {
    match s {
        Shown::Value(v) => format::plain(v, decimals.unwrap_or_else(|| decimals_for(v))),
        Shown::Withheld => rule.symbol.clone(),
        Shown::Flag(f) => f.symbol().to_string(),
    }
}

/// A published cell for JSON: `{"value": 12}` or `{"value": null, "flag": "c"}`.
fn cell_data(s: Shown, rule: &Suppression) -> Value {
    match s {
        Shown::Value(v) => json!({"value": v}),
        Shown::Withheld => json!({"value": null, "flag": rule.symbol}),
        Shown::Flag(f) => json!({"value": null, "flag": f.symbol()}),
    }
}

fn chart_value(s: Shown) -> CompositeValue {
    s.value().into()
}

/// The frame of a table's bar or pie chart: ARIA with decal patterns.
fn base_chart() -> Chart {
    charts::base().aria(charts::aria_with_decals())
}

/// The chart of a table, from its published cells (withheld cells are gaps).
fn table_chart(t: &Table, p: &Published) -> Option<Chart> {
    let cols = t.chart_column_indices();
    if cols.is_empty() || t.chart == TableChart::None {
        return None;
    }
    let labels: Vec<String> = t.rows.iter().map(|r| r.label.clone()).collect();
    if t.chart == TableChart::Pie {
        let c = cols[0];
        let data: Vec<(f64, String)> = t
            .rows
            .iter()
            .zip(&p.rows)
            .filter_map(|(r, cells)| cells[c].value().map(|v| (v, r.label.clone())))
            .collect();
        let colours: Vec<charming::element::Color> = PALETTE.iter().map(|c| (*c).into()).collect();
        return Some(
            base_chart()
                .legend(Legend::new().bottom(0))
                .color(colours)
                .series(
                    Pie::new()
                        .name(t.columns[c].label.as_str())
                        .radius(vec!["35%", "65%"])
                        .item_style(charts::separated(None))
                        .data(data),
                ),
        );
    }
    let mut chart = if horizontal(t) {
        base_chart()
            .x_axis(Axis::new().type_(AxisType::Value))
            .y_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .inverse(true)
                    .data(labels)
                    .axis_label(AxisLabel::new().interval(0)),
            )
    } else {
        base_chart()
            .x_axis(
                Axis::new()
                    .type_(AxisType::Category)
                    .data(labels)
                    .axis_label(AxisLabel::new().interval(0)),
            )
            .y_axis(Axis::new().type_(AxisType::Value))
    };
    if cols.len() > 1 {
        chart = chart.legend(
            Legend::new()
                .type_(charming::component::LegendType::Scroll)
                .bottom(0),
        );
    }
    for (k, &c) in cols.iter().enumerate() {
        let data: Vec<CompositeValue> = p.rows.iter().map(|cells| chart_value(cells[c])).collect();
        let colour = PALETTE[k % PALETTE.len()];
        let mut bar = Bar::new()
            .name(t.columns[c].label.as_str())
            .data(data)
            .item_style(ItemStyle::new().color(colour));
        if t.chart == TableChart::Stacked {
            bar = bar.stack("all").item_style(charts::separated(Some(colour)));
        }
        chart = chart.series(bar);
    }
    Some(chart)
}

/// Whether a table's bars run across (long or many row labels), so labels stay readable.
fn horizontal(t: &Table) -> bool {
    charts::bars_across(t.rows.iter().map(|r| r.label.as_str()))
}

/// One sentence on what a table's chart shows, from published figures only.
fn table_summary(t: &Table, p: &Published, rule: &Suppression) -> String {
    let cols = t.chart_column_indices();
    let mut out = format!(
        "{} as at {}: {} row{}.",
        t.title,
        t.as_at.label(),
        t.rows.len(),
        if t.rows.len() == 1 { "" } else { "s" }
    );
    if let Some(&c) = cols.first() {
        let col = &t.columns[c];
        let top = t
            .rows
            .iter()
            .zip(&p.rows)
            .filter_map(|(r, cells)| cells[c].value().map(|v| (r.label.as_str(), v)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        if let Some((label, v)) = top {
            out.push_str(&format!(
                " The highest figure for “{}” is {} ({}).",
                col.label,
                label,
                format::value(v, col.unit, col.decimals.unwrap_or_else(|| decimals_for(v)))
            ));
        }
    }
    let withheld = p
        .rows
        .iter()
        .chain(p.total.iter())
        .flatten()
        .filter(|s| s.is_withheld())
        .count();
    if withheld > 0 {
        out.push_str(&format!(
            " {withheld} figure{} {} withheld ({}) to protect children's privacy.",
            if withheld == 1 { "" } else { "s" },
            if withheld == 1 { "is" } else { "are" },
            rule.symbol
        ));
    }
    out
}

fn trend_chart(t: &Table, p: &Published) -> Option<Chart> {
    let tr = t.trend.as_ref()?;
    let labels: Vec<String> = tr.series.iter().map(|pt| pt.period.label()).collect();
    let data: Vec<CompositeValue> = p.trend.iter().map(|s| chart_value(*s)).collect();
    Some(
        charts::base()
            .x_axis(Axis::new().type_(AxisType::Category).data(labels))
            .y_axis(Axis::new().type_(AxisType::Value))
            .series(
                Line::new()
                    .name(tr.label.as_str())
                    .data(data)
                    .symbol(Symbol::Circle)
                    .symbol_size(8)
                    .line_style(LineStyle::new().width(3).color(PALETTE[0]))
                    .item_style(ItemStyle::new().color(PALETTE[0])),
            ),
    )
}

fn trend_summary(t: &Table, p: &Published, rule: &Suppression) -> String {
    let Some(tr) = &t.trend else {
        return String::new();
    };
    let known: Vec<(&Period, f64)> = tr
        .series
        .iter()
        .zip(&p.trend)
        .filter_map(|(pt, s)| s.value().map(|v| (&pt.period, v)))
        .collect();
    let text = |v: f64| format::value(v, tr.unit, tr.decimals.unwrap_or_else(|| decimals_for(v)));
    let mut out = match (known.first(), known.last()) {
        (Some(a), Some(b)) if known.len() > 1 => format!(
            "Line chart of {} from {} to {}: {} in {}, {} in {}.",
            tr.label.to_lowercase(),
            a.0.label(),
            b.0.label(),
            text(a.1),
            a.0.label(),
            text(b.1),
            b.0.label()
        ),
        (Some(a), _) => format!("{}: {} in {}.", tr.label, text(a.1), a.0.label()),
        _ => format!("{}: no figures published.", tr.label),
    };
    let withheld = p.trend.iter().filter(|s| s.is_withheld()).count();
    if withheld > 0 {
        out.push_str(&format!(
            " {withheld} figure{} withheld ({}).",
            if withheld == 1 { " is" } else { "s are" },
            rule.symbol
        ));
    }
    out
}

fn csv_of_table(t: &Table, p: &Published, rule: &Suppression) -> String {
    let mut head = vec![t.dimension.as_str()];
    head.extend(t.columns.iter().map(|c| c.id.as_str()));
    let mut csv = Csv::new(&head);
    let lines = t
        .rows
        .iter()
        .zip(&p.rows)
        .chain(t.total.iter().zip(p.total.iter()));
    for (row, cells) in lines {
        let mut line = vec![row.label.clone()];
        line.extend(
            cells
                .iter()
                .zip(&t.columns)
                .map(|(s, c)| cell_csv(*s, c.decimals, rule)),
        );
        csv.row(&line);
    }
    csv.finish()
}

fn csv_of_trend(t: &Table, p: &Published, rule: &Suppression) -> Option<String> {
    let tr = t.trend.as_ref()?;
    let mut csv = Csv::new(["period", "start", "end", "value"]);
    for (pt, s) in tr.series.iter().zip(&p.trend) {
        csv.row(&[
            pt.period.text().to_string(),
            pt.period.start().map(|d| d.iso()).unwrap_or_default(),
            pt.period.end().map(|d| d.iso()).unwrap_or_default(),
            cell_csv(*s, tr.decimals, rule),
        ]);
    }
    Some(csv.finish())
}

/// The sub-pages of the statement, in navigation order: (key, title, path under market/).
fn sub_pages(m: &Market, has_forecasts: bool) -> Vec<(&'static str, &'static str, &'static str)> {
    let mut out = vec![("home", "Overview", "")];
    if m.tables_in(Section::Demand).next().is_some() {
        out.push(("demand", "Demand", "demand/"));
    }
    if m.tables_in(Section::Supply).next().is_some() {
        out.push(("supply", "Supply", "supply/"));
    }
    if !m.asks.asks.is_empty() {
        out.push(("asks", "What we want", "asks/"));
    }
    if !m.statement.intentions.is_empty() {
        out.push(("intentions", "Intentions", "intentions/"));
    }
    if has_forecasts {
        out.push(("forecasts", "Forecasts", "forecasts/"));
    }
    if m.statement.procurement.is_some() || !m.statement.contacts.is_empty() {
        out.push(("procurement", "Working with us", "procurement/"));
    }
    if !m.glossary.terms.is_empty() {
        out.push(("glossary", "Glossary", "glossary/"));
    }
    out
}

impl Builder<'_> {
    /// A URL from market content, kept only if it is a web, mail or relative address.
    fn market_url(&self, url: &Option<String>, place: Place) -> Value {
        self.safe_url_at(url, place)
    }

    /// Every market page, and the market's open data.
    pub(crate) fn market(&mut self) {
        let c: &hearth_model::Content = self.c;
        let Some(m) = &c.market else {
            return;
        };
        let rule = &c.site.suppression;
        let st = &m.statement;
        let published: Vec<Published> = m.tables.iter().map(|t| mk::publish(t, rule)).collect();
        let forecast_ids: Vec<&str> = st
            .forecasts
            .iter()
            .flat_map(|f| f.scenarios.iter().map(String::as_str))
            .filter(|id| c.scenario(id).is_some())
            .collect();
        let pages = sub_pages(m, !forecast_ids.is_empty());
        let nav_for = |current: &str| -> Value {
            Value::Array(
                pages
                    .iter()
                    .map(|(key, title, path)| {
                        json!({"key": key, "title": title, "href": format!("market/{path}"), "current": *key == current})
                    })
                    .collect(),
            )
        };
        let suppression = json!({"symbol": rule.symbol, "note": rule.note_text(), "min": rule.min, "max": rule.max});
        let base = |key: &str, title: &str| -> serde_json::Map<String, Value> {
            let mut ctx = serde_json::Map::new();
            ctx.insert("title".into(), json!(title));
            ctx.insert(
                "mps".into(),
                json!({
                    "title": st.title, "published": period_json(&st.published),
                    "review": opt_period(&st.review),
                }),
            );
            ctx.insert("market_nav".into(), nav_for(key));
            ctx.insert("market_page".into(), json!(key));
            ctx.insert("suppression".into(), suppression.clone());
            ctx
        };

        // Tables, by section.
        let mut by_section: Vec<(Section, Vec<Value>)> = Vec::new();
        for section in [Section::Demand, Section::Supply] {
            let list = m
                .tables
                .iter()
                .zip(&published)
                .filter(|(t, _)| t.section == section)
                .map(|(t, p)| self.table_json(t, p, "../../"))
                .collect();
            by_section.push((section, list));
        }
        for (section, key, title, lead) in [
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
        ] {
            if !pages.iter().any(|(k, ..)| *k == key) {
                continue;
            }
            let mut ctx = base(key, title);
            ctx.insert("lead".into(), json!(lead));
            let list = by_section
                .iter()
                .find(|(s, _)| *s == section)
                .map(|(_, l)| l.clone())
                .unwrap_or_default();
            ctx.insert("tables".into(), json!(list));
            self.page(
                &format!("market/{key}/index.html"),
                "market_tables.html",
                "market",
                Value::Object(ctx),
            );
        }

        // Asks.
        let asks_json: Vec<Value> = m
            .asks
            .asks
            .iter()
            .enumerate()
            .map(|(i, a)| self.ask_json(m, i, a, rule, "../../"))
            .collect();
        if !asks_json.is_empty() {
            let groups: Vec<Value> = m
                .asks
                .placement_types
                .iter()
                .map(|ty| {
                    let items: Vec<Value> = m
                        .asks
                        .asks
                        .iter()
                        .zip(&asks_json)
                        .filter(|(a, _)| a.placement_type == ty.id)
                        .map(|(_, j)| j.clone())
                        .collect();
                    json!({"id": ty.id, "label": ty.label, "asks": items})
                })
                .filter(|g| g["asks"].as_array().is_some_and(|a| !a.is_empty()))
                .collect();
            let index = mk::asks_index(&m.asks);
            let mut ctx = base("asks", "What we want from providers");
            ctx.insert(
                "intro".into(),
                self.md_opt(
                    &m.asks.summary,
                    Place::new(ASKS_FILE, "summary"),
                    "../../",
                    false,
                ),
            );
            ctx.insert("groups".into(), json!(groups));
            ctx.insert("asks".into(), json!(asks_json));
            ctx.insert("total".into(), json!(asks_json.len()));
            ctx.insert("filters".into(), filter_json(&index, "asks"));
            self.page(
                "market/asks/index.html",
                "market_asks.html",
                "market",
                Value::Object(ctx),
            );
        }

        // Intentions.
        let intentions: Vec<Value> = st
            .intentions
            .iter()
            .enumerate()
            .map(|(i, it)| self.intention_json(i, it, "../../"))
            .collect();
        if !intentions.is_empty() {
            let mut ctx = base("intentions", "Our commissioning intentions");
            ctx.insert("intentions".into(), json!(intentions));
            self.page(
                "market/intentions/index.html",
                "market_intentions.html",
                "market",
                Value::Object(ctx),
            );
        }

        // Forecasts.
        let forecasts: Vec<Value> = forecast_ids
            .iter()
            .filter_map(|id| self.forecast_json(id, "../../"))
            .collect();
        if !forecasts.is_empty() {
            let mut ctx = base("forecasts", "Forecasts of demand");
            ctx.insert(
                "intro".into(),
                self.md_opt(
                    &st.forecasts.as_ref().and_then(|f| f.summary.clone()),
                    Place::new(MARKET_FILE, "forecasts.summary"),
                    "../../",
                    false,
                ),
            );
            ctx.insert("forecasts".into(), json!(forecasts));
            self.page(
                "market/forecasts/index.html",
                "market_forecasts.html",
                "market",
                Value::Object(ctx),
            );
        }

        // Procurement, timeline and contacts.
        let procurement = self.procurement_json(m, "../../");
        let contacts = self.contacts_json(st);
        if pages.iter().any(|(k, ..)| *k == "procurement") {
            let mut ctx = base("procurement", "Working with us");
            ctx.insert("procurement".into(), procurement.clone());
            ctx.insert("contacts".into(), json!(contacts));
            self.page(
                "market/procurement/index.html",
                "market_procurement.html",
                "market",
                Value::Object(ctx),
            );
        }

        // Glossary.
        let glossary = self.glossary_json(m, "../../");
        if !m.glossary.terms.is_empty() {
            let mut ctx = base("glossary", "Glossary");
            ctx.insert("terms".into(), json!(glossary));
            self.page(
                "market/glossary/index.html",
                "market_glossary.html",
                "market",
                Value::Object(ctx),
            );
        }

        // The provider home page.
        let home = self.market_home_json(m, &pages, &asks_json, &contacts);
        let mut ctx = base("home", &st.title);
        if let Value::Object(extra) = home {
            ctx.extend(extra);
        }
        self.page(
            "market/index.html",
            "market.html",
            "market",
            Value::Object(ctx),
        );

        self.market_data(m, &published, &asks_json, &procurement, &glossary);
    }

    fn table_json(&self, t: &Table, p: &Published, root: &str) -> Value {
        let rule = &self.c.site.suppression;
        let at = |f: &str| Place::new(&t.file, f);
        let line = |cells: &[Shown]| -> Vec<Value> {
            cells
                .iter()
                .zip(&t.columns)
                .map(|(s, c)| cell_json(*s, c.unit, c.decimals, rule))
                .collect()
        };
        let rows: Vec<Value> = t
            .rows
            .iter()
            .zip(&p.rows)
            .map(|(r, cells)| json!({"label": r.label, "note": r.note, "cells": line(cells)}))
            .collect();
        let total = t
            .total
            .as_ref()
            .zip(p.total.as_ref())
            .map(|(r, cells)| json!({"label": r.label, "note": r.note, "cells": line(cells)}));
        let all: Vec<Shown> = p
            .rows
            .iter()
            .chain(p.total.iter())
            .flatten()
            .chain(p.trend.iter())
            .copied()
            .collect();
        let mut flags: Vec<Flag> = all
            .iter()
            .filter_map(|s| match s {
                Shown::Flag(f) => Some(*f),
                _ => None,
            })
            .collect();
        flags.sort_by_key(|f| f.symbol());
        flags.dedup();
        let chart = table_chart(t, p).map(|ch| {
            json!({
                "id": format!("chart-market-{}", t.id),
                "json": charts::bar_script_json(&ch, t.chart != TableChart::Pie && horizontal(t)),
                "tall": t.chart != TableChart::Pie && horizontal(t) && t.rows.len() > 5,
            })
        });
        let trend = t.trend.as_ref().map(|tr| {
            let rows: Vec<Value> = tr
                .series
                .iter()
                .zip(&p.trend)
                .map(|(pt, s)| json!({"period": pt.period.label(), "cell": cell_json(*s, tr.unit, tr.decimals, rule)}))
                .collect();
            json!({
                "title": tr.title.clone().unwrap_or_else(|| format!("{} over time", tr.label)),
                "label": tr.label,
                "rows": rows,
                "chart": trend_chart(t, p).map(|ch| json!({"id": format!("chart-market-{}-trend", t.id), "json": charts::to_script_json(&ch)})),
                "summary": trend_summary(t, p, rule),
                "csv": format!("data/market/{}-trend.csv", t.id),
            })
        });
        let metric = t.metric.as_ref().and_then(|id| self.c.metric(id)).map(|mt| {
            json!({
                "title": mt.title, "href": format!("measures/{}/", mt.id),
                "definition": self.md(&mt.definition, Place::new(&mt.file, "definition"), root, false),
            })
        });
        json!({
            "id": t.id, "title": t.title, "as_at": period_json(&t.as_at),
            "summary": self.md_opt(&t.summary, at("summary"), root, false),
            "dimension": t.dimension,
            "columns": t.columns.iter().map(|c| json!({"id": c.id, "label": c.label, "unit": c.unit.label()})).collect::<Vec<_>>(),
            "rows": rows, "total": total,
            "withheld": all.iter().any(|s| s.is_withheld()),
            "flags": flags.iter().map(|f| json!({"symbol": f.symbol(), "meaning": f.meaning()})).collect::<Vec<_>>(),
            "chart": chart,
            "chart_summary": table_summary(t, p, rule),
            "trend": trend,
            "metric": metric,
            "source": t.source.as_ref().map(|s| json!({"publisher": s.publisher, "dataset": s.dataset,
                "url": s.url.as_ref().filter(|u| super::markdown::is_safe_url(u)), "retrieved": opt_period(&s.retrieved)})),
            "note": self.md_opt(&t.note, at("note"), root, false),
            "csv": format!("data/market/{}.csv", t.id),
        })
    }

    fn ask_json(&self, m: &Market, i: usize, a: &mk::Ask, rule: &Suppression, root: &str) -> Value {
        let cats = &m.asks;
        let cat = |list: &[mk::Category], id: &str| -> Value {
            let c = list.iter().find(|c| c.id == id);
            json!({
                "id": id,
                "label": c.map_or(id, |c| c.label.as_str()),
                "glossary": c.and_then(|c| c.glossary.as_ref()).map(|g| format!("market/glossary/#term-{g}")),
            })
        };
        let volume = |v: Option<f64>| -> Value {
            mk::publish_count(v, rule).map_or(Value::Null, |s| {
                let mut j = cell_json(s, Unit::Count, Some(0), rule);
                if let Value::Object(map) = &mut j {
                    map.insert("data".into(), cell_data(s, rule));
                    map.insert("csv".into(), json!(cell_csv(s, Some(0), rule)));
                }
                j
            })
        };
        let route = a.route.as_ref().and_then(|r| m.route(r)).map(|r| {
            let lot = a
                .lot
                .as_ref()
                .and_then(|l| r.lots.iter().find(|x| &x.id == l));
            json!({"id": r.id, "name": r.name, "href": format!("market/procurement/#route-{}", r.id),
                "lot": lot.map(|l| json!({"id": l.id, "title": l.title}))})
        });
        json!({
            "id": a.id, "title": a.title,
            "type": cat(&cats.placement_types, &a.placement_type),
            "ages": a.ages.iter().map(|x| cat(&cats.age_bands, x)).collect::<Vec<_>>(),
            "needs": a.needs.iter().map(|x| cat(&cats.needs, x)).collect::<Vec<_>>(),
            "locality": cat(&cats.localities, &a.locality),
            "volume_now": volume(a.volume_now),
            "volume_forecast": volume(a.volume_forecast),
            "by": period_json(&a.by),
            "route": route,
            "priority": a.priority.as_ref().and_then(|p| self.c.priority(p)).map(|p| json!({"id": p.id, "title": p.title, "href": format!("priorities/{}/", p.id)})),
            "scenario": a.scenario.as_ref().and_then(|s| self.c.scenario(s)).map(|s| json!({"id": s.id, "title": s.title, "href": format!("scenarios/{}/", s.id)})),
            "metrics": a.metrics.iter().filter_map(|id| self.c.metric(id)).map(|mt| json!({"id": mt.id, "title": mt.title, "href": format!("measures/{}/", mt.id)})).collect::<Vec<_>>(),
            "detail": self.md_opt(&a.detail, Place::new(ASKS_FILE, format!("asks[{i}].detail")), root, false),
            "detail_text": a.detail,
        })
    }

    fn intention_json(&self, i: usize, it: &mk::Intention, root: &str) -> Value {
        let targets: Vec<Value> = it
            .targets
            .iter()
            .map(|t| {
                let d = |v: f64| decimals_for(v);
                let target = match t.upper {
                    Some(u) => format!(
                        "{} to {}",
                        format::value(t.target, t.unit, d(t.target)),
                        format::value(u, t.unit, d(u))
                    ),
                    None => format::value(t.target, t.unit, d(t.target)),
                };
                json!({
                    "label": t.label, "unit": t.unit, "unit_label": t.unit.label(),
                    "now": t.now, "now_text": t.now.map(|v| format::value(v, t.unit, d(v))),
                    "target": t.target, "upper": t.upper, "target_text": target,
                    "by": period_json(&t.by), "note": t.note,
                    "metric": t.metric.as_ref().and_then(|id| self.c.metric(id)).map(|mt| json!({"id": mt.id, "title": mt.title, "href": format!("measures/{}/", mt.id)})),
                })
            })
            .collect();
        json!({
            "id": it.id, "title": it.title,
            "priority": it.priority.as_ref().and_then(|p| self.c.priority(p)).map(|p| json!({"id": p.id, "title": p.title, "href": format!("priorities/{}/", p.id)})),
            "detail": self.md_opt(&it.detail, Place::new(MARKET_FILE, format!("intentions[{i}].detail")), root, false),
            "detail_text": it.detail,
            "targets": targets,
        })
    }

    fn forecast_json(&self, id: &str, root: &str) -> Option<Value> {
        let sc = self.c.scenario(id)?;
        let built = self
            .loaded
            .scenarios
            .iter()
            .find(|b| self.c.scenarios.get(b.index).is_some_and(|s| s.id == id));
        let look = sc.presentation();
        let outputs: Vec<Value> = built
            .map(|b| {
                sc.outputs
                    .iter()
                    .zip(&b.defaults.outputs)
                    .enumerate()
                    .map(|(i, (o, v))| json!({"label": o.label, "text": look.output_text(i, *v)}))
                    .collect()
            })
            .unwrap_or_default();
        Some(json!({
            "id": sc.id, "title": sc.title, "href": format!("scenarios/{}/", sc.id),
            "summary": self.md_opt(&sc.summary, Place::new(&sc.file, "summary"), root, false),
            "method": self.md(&sc.method, Place::new(&sc.file, "method"), root, false),
            "horizon": {"from": sc.horizon.from, "to": sc.horizon.to},
            "outputs": outputs,
            "data": format!("data/scenarios/{}.json", sc.id),
        }))
    }

    fn procurement_json(&self, m: &Market, root: &str) -> Value {
        let Some(pr) = &m.statement.procurement else {
            return Value::Null;
        };
        let at = |p: String| Place::new(MARKET_FILE, p);
        let routes: Vec<Value> = pr
            .routes
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let lots: Vec<Value> = r
                    .lots
                    .iter()
                    .enumerate()
                    .map(|(j, l)| {
                        let asks: Vec<Value> = m
                            .asks
                            .asks
                            .iter()
                            .filter(|a| a.route.as_deref() == Some(r.id.as_str()) && a.lot.as_deref() == Some(l.id.as_str()))
                            .map(|a| json!({"id": a.id, "title": a.title}))
                            .collect();
                        json!({"id": l.id, "title": l.title, "asks": asks,
                            "summary": self.md_opt(&l.summary, at(format!("procurement.routes[{i}].lots[{j}].summary")), root, true)})
                    })
                    .collect();
                let asks: Vec<Value> = m
                    .asks
                    .asks
                    .iter()
                    .filter(|a| a.route.as_deref() == Some(r.id.as_str()))
                    .map(|a| json!({"id": a.id, "title": a.title}))
                    .collect();
                json!({
                    "id": r.id, "name": r.name,
                    "kind": {"key": r.kind.key(), "label": r.kind.label()},
                    "status": {"key": r.status.key(), "label": r.status.label(), "meaning": r.status.meaning()},
                    "summary": self.md_opt(&r.summary, at(format!("procurement.routes[{i}].summary")), root, false),
                    "summary_text": r.summary,
                    "opens": opt_period(&r.opens), "closes": opt_period(&r.closes),
                    "join": self.md_opt(&r.join, at(format!("procurement.routes[{i}].join")), root, false),
                    "join_text": r.join,
                    "url": self.market_url(&r.url, at(format!("procurement.routes[{i}].url"))),
                    "lots": lots, "asks": asks,
                })
            })
            .collect();
        let mut order: Vec<usize> = (0..pr.timeline.len()).collect();
        order.sort_by(|&a, &b| {
            pr.timeline[a]
                .period
                .cmp(&pr.timeline[b].period)
                .then(a.cmp(&b))
        });
        let timeline: Vec<Value> = order
            .into_iter()
            .map(|i| {
                let ms = &pr.timeline[i];
                json!({
                    "period": period_json(&ms.period), "title": ms.title,
                    "detail": self.md_opt(&ms.detail, at(format!("procurement.timeline[{i}].detail")), root, true),
                    "detail_text": ms.detail,
                    "route": ms.route.as_ref().and_then(|r| m.route(r)).map(|r| json!({"id": r.id, "name": r.name, "href": format!("market/procurement/#route-{}", r.id)})),
                })
            })
            .collect();
        json!({
            "summary": self.md_opt(&pr.summary, at("procurement.summary".into()), root, false),
            "routes": routes,
            "timeline": timeline,
        })
    }

    fn contacts_json(&self, st: &Statement) -> Vec<Value> {
        st.contacts
            .iter()
            .enumerate()
            .map(|(i, c)| {
                json!({
                    "name": c.name, "about": c.about, "email": c.email, "phone": c.phone,
                    "url": self.market_url(&c.url, Place::new(MARKET_FILE, format!("contacts[{i}].url"))),
                })
            })
            .collect()
    }

    fn glossary_json(&self, m: &Market, root: &str) -> Vec<Value> {
        let mut order: Vec<usize> = (0..m.glossary.terms.len()).collect();
        order.sort_by_key(|&i| m.glossary.terms[i].term.to_lowercase());
        order
            .into_iter()
            .map(|i| {
                let t = &m.glossary.terms[i];
                json!({
                    "id": t.id, "term": t.term, "abbreviation": t.abbreviation,
                    "definition": self.md(&t.definition, Place::new(GLOSSARY_FILE, format!("terms[{i}].definition")), root, true),
                    "definition_text": t.definition,
                    "see": t.see.iter().filter_map(|s| m.term(s)).map(|s| json!({"id": s.id, "term": s.term})).collect::<Vec<_>>(),
                })
            })
            .collect()
    }

    fn market_home_json(
        &self,
        m: &Market,
        pages: &[(&str, &str, &str)],
        asks: &[Value],
        contacts: &[Value],
    ) -> Value {
        let root = "../";
        let st = &m.statement;
        let at = |p: &str| Place::new(MARKET_FILE, p);
        let ctx = st.context.clone().unwrap_or_default();
        let vision = match &ctx.vision {
            Some(v) => Value::String(self.md(v, at("context.vision"), root, false)),
            None => self.md_opt(
                &self.c.strategy.vision,
                Place::new(hearth_model::validate::STRATEGY_FILE, "vision"),
                root,
                false,
            ),
        };
        let facts: Vec<Value> = ctx
            .facts
            .iter()
            .filter_map(|id| self.c.facts.facts.iter().position(|f| &f.id == id))
            .map(|i| {
                let f = &self.c.facts.facts[i];
                json!({
                    "id": f.id,
                    "value": format::value(f.value, f.unit, f.decimals.unwrap_or_else(|| decimals_for(f.value))),
                    "label": f.label,
                    "detail": self.md_opt(&f.detail, Place::new(hearth_model::validate::FACTS_FILE, format!("facts[{i}].detail")), root, true),
                    "date": opt_period(&f.date),
                })
            })
            .collect();
        let messages: Vec<Value> = st
            .messages
            .iter()
            .enumerate()
            .map(|(i, msg)| {
                json!({"title": msg.title, "text": self.md(&msg.text, at(&format!("messages[{i}].text")), root, true)})
            })
            .collect();
        let blurb = |key: &str| -> &'static str {
            match key {
                "demand" => {
                    "The children we look after: numbers, ages, needs and where they come from."
                }
                "supply" => {
                    "Our own homes and how full they are, the homes we buy, quality and cost."
                }
                "asks" => "The homes and services we want providers to offer, and when.",
                "intentions" => "What we will do, with targets and dates.",
                "forecasts" => "How we expect demand to change, and how we worked it out.",
                "procurement" => {
                    "Our frameworks and purchasing systems, how to join, dates and contacts."
                }
                "glossary" => "The terms and abbreviations used in this statement.",
                _ => "",
            }
        };
        let sections: Vec<Value> = pages
            .iter()
            .filter(|(k, ..)| *k != "home")
            .map(|(k, t, p)| json!({"key": k, "title": t, "href": format!("market/{p}"), "text": blurb(k)}))
            .collect();
        let mut downloads =
            vec![json!({"title": "The whole statement's data (JSON)", "href": "data/market.json"})];
        downloads.extend(m.tables.iter().map(|t| json!({"title": format!("{} (CSV)", t.title), "href": format!("data/market/{}.csv", t.id)})));
        if !m.asks.asks.is_empty() {
            downloads.push(json!({"title": "What we want from providers (CSV)", "href": "data/market/asks.csv"}));
        }
        json!({
            "summary": self.md(&st.summary, at("summary"), root, false),
            "duty": self.md_opt(&ctx.duty, at("context.duty"), root, false),
            "vision": vision,
            "children": self.md_opt(&ctx.children, at("context.children"), root, false),
            "facts": facts,
            "messages": messages,
            "sections": sections,
            "asks": asks,
            "contacts": contacts,
            "downloads": downloads,
        })
    }

    /// `/data/market.json` and `/data/market/*.csv`, from published cells only.
    fn market_data(
        &mut self,
        m: &Market,
        published: &[Published],
        asks: &[Value],
        procurement: &Value,
        glossary: &[Value],
    ) {
        let rule = self.c.site.suppression.clone();
        let st = &m.statement;
        let mut tables = Vec::new();
        for (t, p) in m.tables.iter().zip(published) {
            let line = |cells: &[Shown]| -> Vec<Value> {
                cells.iter().map(|s| cell_data(*s, &rule)).collect()
            };
            tables.push(json!({
                "id": t.id, "section": t.section.key(), "title": t.title,
                "as_at": t.as_at.text(), "start": t.as_at.start().map(|d| d.iso()), "end": t.as_at.end().map(|d| d.iso()),
                "dimension": t.dimension,
                "columns": t.columns.iter().enumerate().map(|(i, c)| json!({
                    "id": c.id, "label": c.label, "unit": c.unit, "children": t.counts_children(i),
                    "of": c.of, "total": c.total,
                })).collect::<Vec<_>>(),
                "rows": t.rows.iter().zip(&p.rows).map(|(r, cells)| json!({"label": r.label, "cells": line(cells), "note": r.note})).collect::<Vec<_>>(),
                "total": t.total.as_ref().zip(p.total.as_ref()).map(|(r, cells)| json!({"label": r.label, "cells": line(cells), "note": r.note})),
                "trend": t.trend.as_ref().map(|tr| json!({
                    "label": tr.label, "unit": tr.unit, "children": t.trend_counts_children(),
                    "series": tr.series.iter().zip(&p.trend).map(|(pt, s)| {
                        let mut v = cell_data(*s, &rule);
                        if let Value::Object(map) = &mut v {
                            map.insert("period".into(), json!(pt.period.text()));
                        }
                        v
                    }).collect::<Vec<_>>(),
                    "csv": format!("data/market/{}-trend.csv", t.id),
                })),
                "metric": t.metric,
                "source": t.source,
                "note": t.note,
                "url": format!("market/{}/#table-{}", t.section.key(), t.id),
                "csv": format!("data/market/{}.csv", t.id),
            }));
            self.out.insert(
                format!("data/market/{}.csv", t.id),
                csv_of_table(t, p, &rule).into_bytes(),
            );
            if let Some(text) = csv_of_trend(t, p, &rule) {
                self.out
                    .insert(format!("data/market/{}-trend.csv", t.id), text.into_bytes());
            }
        }

        // Asks.
        let cats = &m.asks;
        let label = |list: &[mk::Category], id: &str| -> String {
            list.iter()
                .find(|c| c.id == id)
                .map_or_else(|| id.to_string(), |c| c.label.clone())
        };
        let mut asks_data = Vec::new();
        let mut csv = Csv::new([
            "id",
            "title",
            "type",
            "ages",
            "needs",
            "locality",
            "volume_now",
            "volume_forecast",
            "by",
            "by_start",
            "by_end",
            "route",
            "lot",
            "priority",
            "scenario",
            "url",
        ]);
        for (a, j) in cats.asks.iter().zip(asks) {
            let vol = |key: &str| -> Value { j[key].get("data").cloned().unwrap_or(Value::Null) };
            let vol_csv = |key: &str| -> String {
                j[key]
                    .get("csv")
                    .and_then(Value::as_str)
                    .unwrap_or_default()
                    .to_string()
            };
            asks_data.push(json!({
                "id": a.id, "title": a.title,
                "type": {"id": a.placement_type, "label": label(&cats.placement_types, &a.placement_type)},
                "ages": a.ages.iter().map(|x| json!({"id": x, "label": label(&cats.age_bands, x)})).collect::<Vec<_>>(),
                "needs": a.needs.iter().map(|x| json!({"id": x, "label": label(&cats.needs, x)})).collect::<Vec<_>>(),
                "locality": {"id": a.locality, "label": label(&cats.localities, &a.locality)},
                "volume_now": vol("volume_now"),
                "volume_forecast": vol("volume_forecast"),
                "by": a.by.text(), "by_start": a.by.start().map(|d| d.iso()), "by_end": a.by.end().map(|d| d.iso()),
                "route": a.route, "lot": a.lot, "priority": a.priority, "scenario": a.scenario, "metrics": a.metrics,
                "detail": a.detail,
                "url": format!("market/asks/#ask-{}", a.id),
            }));
            csv.row(&[
                a.id.clone(),
                a.title.clone(),
                a.placement_type.clone(),
                a.ages.join("; "),
                a.needs.join("; "),
                a.locality.clone(),
                vol_csv("volume_now"),
                vol_csv("volume_forecast"),
                a.by.text().to_string(),
                a.by.start().map(|d| d.iso()).unwrap_or_default(),
                a.by.end().map(|d| d.iso()).unwrap_or_default(),
                a.route.clone().unwrap_or_default(),
                a.lot.clone().unwrap_or_default(),
                a.priority.clone().unwrap_or_default(),
                a.scenario.clone().unwrap_or_default(),
                format!("market/asks/#ask-{}", a.id),
            ]);
        }
        if !cats.asks.is_empty() {
            self.out
                .insert("data/market/asks.csv".into(), csv.finish().into_bytes());
        }

        // Intentions and their targets.
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
        let mut intentions_data = Vec::new();
        for it in &st.intentions {
            intentions_data.push(json!({
                "id": it.id, "title": it.title, "priority": it.priority, "detail": it.detail,
                "targets": it.targets.iter().map(|t| json!({
                    "label": t.label, "unit": t.unit, "now": t.now, "target": t.target, "upper": t.upper,
                    "by": t.by.text(), "by_end": t.by.end().map(|d| d.iso()), "metric": t.metric, "note": t.note,
                })).collect::<Vec<_>>(),
                "url": format!("market/intentions/#intention-{}", it.id),
            }));
            for t in &it.targets {
                let num = |v: Option<f64>| {
                    v.map(|v| format::plain(v, decimals_for(v)))
                        .unwrap_or_default()
                };
                csv.row(&[
                    it.id.clone(),
                    it.title.clone(),
                    it.priority.clone().unwrap_or_default(),
                    t.label.clone(),
                    serde_json::to_value(t.unit)
                        .ok()
                        .and_then(|v| v.as_str().map(str::to_string))
                        .unwrap_or_default(),
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
        if !st.intentions.is_empty() {
            self.out.insert(
                "data/market/intentions.csv".into(),
                csv.finish().into_bytes(),
            );
        }

        // Routes, lots and the timeline.
        let mut routes_data = Vec::new();
        let mut timeline_data = Vec::new();
        if let Some(pr) = &st.procurement {
            let mut csv = Csv::new([
                "route",
                "name",
                "kind",
                "status",
                "opens",
                "closes",
                "lot",
                "lot_title",
                "url",
            ]);
            for (r, j) in pr.routes.iter().zip(
                procurement["routes"]
                    .as_array()
                    .map(Vec::as_slice)
                    .unwrap_or_default(),
            ) {
                let url = j["url"].as_str().unwrap_or_default().to_string();
                routes_data.push(json!({
                    "id": r.id, "name": r.name, "kind": r.kind.key(), "status": r.status.key(),
                    "summary": r.summary, "opens": r.opens.as_ref().map(Period::text), "closes": r.closes.as_ref().map(Period::text),
                    "join": r.join, "url": j["url"],
                    "lots": r.lots.iter().map(|l| json!({"id": l.id, "title": l.title, "summary": l.summary})).collect::<Vec<_>>(),
                }));
                let base = |lot: &str, title: &str| -> Vec<String> {
                    vec![
                        r.id.clone(),
                        r.name.clone(),
                        r.kind.key().into(),
                        r.status.key().into(),
                        r.opens
                            .as_ref()
                            .map(|p| p.text().to_string())
                            .unwrap_or_default(),
                        r.closes
                            .as_ref()
                            .map(|p| p.text().to_string())
                            .unwrap_or_default(),
                        lot.into(),
                        title.into(),
                        url.clone(),
                    ]
                };
                if r.lots.is_empty() {
                    csv.row(base("", ""));
                }
                for l in &r.lots {
                    csv.row(base(&l.id, &l.title));
                }
            }
            self.out
                .insert("data/market/routes.csv".into(), csv.finish().into_bytes());
            let mut csv = Csv::new(["period", "start", "end", "title", "route", "detail"]);
            let mut order: Vec<&mk::Milestone> = pr.timeline.iter().collect();
            order.sort_by(|a, b| a.period.cmp(&b.period));
            for ms in order {
                timeline_data.push(json!({
                    "period": ms.period.text(), "start": ms.period.start().map(|d| d.iso()), "end": ms.period.end().map(|d| d.iso()),
                    "title": ms.title, "route": ms.route, "detail": ms.detail,
                }));
                csv.row(&[
                    ms.period.text().to_string(),
                    ms.period.start().map(|d| d.iso()).unwrap_or_default(),
                    ms.period.end().map(|d| d.iso()).unwrap_or_default(),
                    ms.title.clone(),
                    ms.route.clone().unwrap_or_default(),
                    ms.detail.clone().unwrap_or_default(),
                ]);
            }
            self.out
                .insert("data/market/timeline.csv".into(), csv.finish().into_bytes());
        }

        // Glossary.
        let mut csv = Csv::new(["id", "term", "abbreviation", "definition"]);
        let glossary_data: Vec<Value> = glossary
            .iter()
            .map(|g| {
                csv.row(&[
                    g["id"].as_str().unwrap_or_default().to_string(),
                    g["term"].as_str().unwrap_or_default().to_string(),
                    g["abbreviation"].as_str().unwrap_or_default().to_string(),
                    g["definition_text"].as_str().unwrap_or_default().to_string(),
                ]);
                json!({"id": g["id"], "term": g["term"], "abbreviation": g["abbreviation"], "definition": g["definition_text"],
                    "url": format!("market/glossary/#term-{}", g["id"].as_str().unwrap_or_default())})
            })
            .collect();
        if !glossary.is_empty() {
            self.out
                .insert("data/market/glossary.csv".into(), csv.finish().into_bytes());
        }

        let ctx = st.context.clone().unwrap_or_default();
        let data = json!({
            "title": st.title,
            "authority": self.c.site.authority,
            "published": st.published.text(),
            "review": st.review.as_ref().map(Period::text),
            "suppression": {
                "min": rule.min, "max": rule.max, "symbol": rule.symbol, "note": rule.note_text(),
            },
            "context": {"duty": ctx.duty, "vision": ctx.vision, "children": ctx.children, "facts": ctx.facts},
            "messages": st.messages,
            "tables": tables,
            "categories": {
                "placement_types": cats.placement_types, "age_bands": cats.age_bands,
                "needs": cats.needs, "localities": cats.localities,
            },
            "asks": asks_data,
            "intentions": intentions_data,
            "forecasts": st.forecasts,
            "routes": routes_data,
            "timeline": timeline_data,
            "contacts": st.contacts.iter().zip(self.contacts_json(st)).map(|(c, j)| json!({
                "name": c.name, "about": c.about, "email": c.email, "phone": c.phone, "url": j["url"],
            })).collect::<Vec<_>>(),
            "glossary": glossary_data,
            "url": "market/",
        });
        self.json("data/market.json", &data);
    }
}

//! Checks for the market position statement (`market/`, see [`crate::market`]): ids,
//! references to the strategy, table shapes, counts of children, and withheld counts that a
//! total would give away. The small-number rule in `site.yaml` is checked here too.

use std::collections::BTreeMap;

use super::checks::{Registries, check_series};
use super::ids::Registry;
use super::{Issue, Place, SITE_FILE};
use crate::content::{Content, Unit};
use crate::market::{
    ASKS_FILE, Ask, Asks, Budget, Category, Cell, Column, GLOSSARY_FILE, Glossary, Intention,
    IntentionTarget, MARKET_FILE, MarketContact, Procurement, Providers, Statement, Suppression,
    Table,
};

pub(super) fn validate_market<'a>(c: &'a Content, ids: &Registries<'a>, issues: &mut Vec<Issue>) {
    let rule = &c.site.suppression;
    check_rule(rule, issues);
    let Some(m) = &c.market else {
        return;
    };
    let routes = check_statement(&m.statement, ids, issues);
    let terms = check_glossary(&m.glossary, issues);
    let mut tables = Registry::homed("market table", Place::new("market/demand", ""));
    for t in &m.tables {
        tables.define(&t.id, Place::new(&t.file, "id"), issues);
        check_table(t, ids, issues);
    }
    for (i, t) in m.tables.iter().enumerate() {
        check_same_total(&m.tables, i, &tables, issues);
        check_total_row(t, issues);
    }
    // Every declared total adds up, and no withheld count can be worked out from them.
    issues.extend(crate::market::check_tables(&m.tables, rule));
    check_asks(&m.asks, ids, &routes, &terms, issues);
}

/// The small-number rule (`suppression:` in site.yaml): a symbol that is not a number, and a
/// range that withholds something.
fn check_rule(rule: &Suppression, issues: &mut Vec<Issue>) {
    let symbol = rule.symbol.trim();
    if symbol.is_empty() || symbol.chars().count() > 4 || symbol.parse::<f64>().is_ok() {
        issues.push(
            Issue::error(
                Place::new(SITE_FILE, "suppression.symbol"),
                format!("`{}` cannot stand for a withheld figure", rule.symbol),
            )
            .expected("a short mark that is not a number, such as `c`")
            .hint("`c` is the Government Statistical Service symbol for confidential data"),
        );
    }
    if rule.min > rule.max {
        issues.push(
            Issue::warning(
                Place::new(SITE_FILE, "suppression"),
                "the small-number rule withholds nothing (`min` is above `max`)",
            )
            .expected("`min` no larger than `max`, such as min: 1 and max: 4")
            .hint("counts of children from 1 to 4 are usually withheld so that no child can be identified"),
        );
    }
}

/// A place in `market/market.yaml`.
fn at(path: String) -> Place {
    Place::new(MARKET_FILE, path)
}

/// The routes to market, and each route's lots: what asks and the timeline refer to.
struct Routes<'a> {
    routes: Registry<'a>,
    lots: BTreeMap<&'a str, Registry<'a>>,
    /// The contacts with an id, which routes and asks name with `contact:`.
    contacts: Registry<'a>,
}

/// `market.yaml`: the facts, priorities, measures and scenarios it names, its intentions'
/// targets and its routes to market.
fn check_statement<'a>(
    st: &'a Statement,
    ids: &Registries<'a>,
    issues: &mut Vec<Issue>,
) -> Routes<'a> {
    if let Some(ctx) = &st.context {
        for (i, f) in ctx.facts.iter().enumerate() {
            ids.facts
                .check(f, at(format!("context.facts[{i}]")), issues);
        }
    }
    check_intentions(&st.intentions, ids, issues);
    if let Some(fc) = &st.forecasts {
        for (i, s) in fc.scenarios.iter().enumerate() {
            ids.scenarios
                .check(s, at(format!("forecasts.scenarios[{i}]")), issues);
        }
    }
    let contacts = check_contacts(&st.contacts, issues);
    check_procurement(st.procurement.as_ref(), contacts, issues)
}

/// The contacts' ids, which routes and asks name.
fn check_contacts<'a>(list: &'a [MarketContact], issues: &mut Vec<Issue>) -> Registry<'a> {
    let mut reg = Registry::homed("contact", at("contacts".into()));
    for (i, c) in list.iter().enumerate() {
        if let Some(id) = &c.id {
            reg.define(id, at(format!("contacts[{i}].id")), issues);
        }
    }
    reg
}

/// A `register:` link: a web or mail address a provider can follow.
fn check_register(url: &str, place: Place, issues: &mut Vec<Issue>) {
    let u = url.trim();
    let lower = u.to_ascii_lowercase();
    let shown: String = u.chars().take(60).collect();
    let scheme_ok = ["https://", "http://", "mailto:"]
        .iter()
        .any(|s| lower.starts_with(s));
    if !scheme_ok {
        let hint = if u.contains('@') && !u.contains(':') {
            format!("for an email address write `mailto:{u}`")
        } else if lower.starts_with("www.") {
            format!("write the whole address: `https://{u}`")
        } else {
            "other kinds of address (javascript:, data:, ftp:, ...) are never published".into()
        };
        issues.push(
            Issue::error(
                place,
                format!("`{shown}` is not a web or email address a provider can follow"),
            )
            .expected("an address starting https://, http:// or mailto:")
            .hint(hint),
        );
        return;
    }
    let rest = u.split_once(':').map_or("", |(_, r)| r);
    let bad = if lower.starts_with("mailto:") {
        let addr = rest.split('?').next().unwrap_or("");
        !addr.contains('@') || addr.starts_with('@') || addr.ends_with('@')
    } else {
        rest.trim_start_matches('/').is_empty()
    };
    if bad || u.chars().any(char::is_whitespace) {
        issues.push(
            Issue::error(place, format!("`{shown}` is not a complete address")).expected(
                if lower.starts_with("mailto:") {
                    "an email address after mailto:, such as mailto:placements@example.org"
                } else {
                    "a web address with no spaces, such as https://example.org/register"
                },
            ),
        );
    }
}

/// A count of providers: a whole number, not negative.
fn check_provider_count(v: f64, place: Place, issues: &mut Vec<Issue>) {
    if !v.is_finite() {
        issues.push(Issue::error(place, "the value is not a finite number"));
    } else if v < 0.0 || v.fract() != 0.0 {
        issues.push(
            Issue::error(place, format!("{v} is not a number of providers"))
                .expected("a whole number, 0 or more"),
        );
    }
}

/// The providers on a route or a lot (`path` is the field path of `providers`): whole
/// numbers, none larger than the number approved; counts by ownership no more than approved
/// (a provider has one owner); counts by type more than approved only with a warning (a
/// provider may be counted under two types).
fn check_providers(p: &Providers, path: &str, issues: &mut Vec<Issue>) {
    let here = |f: &str| at(format!("{path}.{f}"));
    let mut counts: Vec<(String, f64)> = Vec::new();
    counts.extend(p.approved.map(|v| ("approved".to_string(), v)));
    counts.extend(
        p.with_placements
            .map(|v| ("with_placements".to_string(), v)),
    );
    for (j, t) in p.by_type.iter().enumerate() {
        counts.push((format!("by_type[{j}].count"), t.count));
    }
    let ownership = p
        .by_ownership
        .as_ref()
        .map(|o| o.parts())
        .unwrap_or_default();
    for (key, _, v) in &ownership {
        counts.push((format!("by_ownership.{key}"), *v));
    }
    for (field, v) in &counts {
        check_provider_count(*v, here(field), issues);
    }
    if counts.iter().any(|(_, v)| !v.is_finite() || *v < 0.0) {
        return;
    }
    let Some(approved) = p.approved else {
        return;
    };
    let n = |v: f64| crate::format::plain(v, 0);
    for (field, v) in &counts {
        if field != "approved" && !field.starts_with("by_ownership") && *v > approved {
            issues.push(
                Issue::error(
                    here(field),
                    format!("{} providers is more than the {} approved", n(*v), n(approved)),
                )
                .expected(format!("a number no larger than `approved` ({})", n(approved)))
                .hint("`approved` counts every provider on the route or lot; the other counts are parts of it"),
            );
        }
    }
    let owned: f64 = ownership.iter().map(|(_, _, v)| v).sum();
    if owned > approved {
        issues.push(
            Issue::error(
                here("by_ownership"),
                format!(
                    "the counts by ownership add up to {}, more than the {} approved",
                    n(owned),
                    n(approved)
                ),
            )
            .expected(format!("counts that add up to {} or less", n(approved)))
            .hint("each provider has one owner; leave out a count the document does not give"),
        );
    }
    let typed: f64 = p.by_type.iter().map(|t| t.count).sum();
    if p.by_type.len() > 1 && typed > approved {
        issues.push(
            Issue::warning(
                here("by_type"),
                format!(
                    "the counts by type add up to {}, more than the {} approved",
                    n(typed),
                    n(approved)
                ),
            )
            .expected(format!("counts that add up to {} or less", n(approved)))
            .hint("if a provider is counted under more than one type, say so in `note`; otherwise check the figures"),
        );
    }
}

/// Commissioning intentions: ids, the priority each delivers and their targets.
fn check_intentions<'a>(list: &'a [Intention], ids: &Registries<'a>, issues: &mut Vec<Issue>) {
    let mut intentions = Registry::homed("intention", at("intentions".into()));
    for (i, it) in list.iter().enumerate() {
        intentions.define(&it.id, at(format!("intentions[{i}].id")), issues);
        if let Some(p) = &it.priority {
            ids.priorities
                .check(p, at(format!("intentions[{i}].priority")), issues);
        }
        for (j, t) in it.targets.iter().enumerate() {
            let here = |f: &str| at(format!("intentions[{i}].targets[{j}].{f}"));
            check_intention_target(t, here, ids, issues);
        }
    }
}

/// A numeric target: its measure resolves, its numbers are finite and a range runs upwards.
fn check_intention_target(
    t: &IntentionTarget,
    here: impl Fn(&str) -> Place,
    ids: &Registries,
    issues: &mut Vec<Issue>,
) {
    if let Some(mid) = &t.metric {
        ids.metrics.check(mid, here("metric"), issues);
    }
    for (field, v) in [
        ("target", Some(t.target)),
        ("now", t.now),
        ("upper", t.upper),
    ] {
        if v.is_some_and(|v| !v.is_finite()) {
            issues.push(Issue::error(
                here(field),
                "the value is not a finite number",
            ));
        }
    }
    if let Some(u) = t.upper
        && u < t.target
    {
        issues.push(
            Issue::error(
                here("upper"),
                "the upper end of the target range is below its lower end",
            )
            .expected(format!(
                "a number of at least {}",
                crate::format::plain(t.target, 2)
            ))
            .hint("`target` is the lower end of a range and `upper` the higher end"),
        );
    }
}

/// Routes to market and their lots: ids, dates in order, providers, contacts and
/// register links, and the timeline's references.
fn check_procurement<'a>(
    pr: Option<&'a Procurement>,
    contacts: Registry<'a>,
    issues: &mut Vec<Issue>,
) -> Routes<'a> {
    let mut routes = Registry::homed("route to market", at("procurement.routes".into()));
    let mut lots: BTreeMap<&str, Registry> = BTreeMap::new();
    let Some(pr) = pr else {
        return Routes {
            routes,
            lots,
            contacts,
        };
    };
    for (i, r) in pr.routes.iter().enumerate() {
        routes.define(&r.id, at(format!("procurement.routes[{i}].id")), issues);
        let mut reg = Registry::homed("lot", at(format!("procurement.routes[{i}].lots")));
        for (j, l) in r.lots.iter().enumerate() {
            reg.define(
                &l.id,
                at(format!("procurement.routes[{i}].lots[{j}].id")),
                issues,
            );
            if let Some(p) = &l.providers {
                check_providers(
                    p,
                    &format!("procurement.routes[{i}].lots[{j}].providers"),
                    issues,
                );
            }
        }
        if let Some(p) = &r.providers {
            check_providers(p, &format!("procurement.routes[{i}].providers"), issues);
        }
        if let Some(c) = &r.contact {
            contacts.check(c, at(format!("procurement.routes[{i}].contact")), issues);
        }
        if let Some(u) = &r.register {
            check_register(u, at(format!("procurement.routes[{i}].register")), issues);
        }
        lots.entry(r.id.as_str()).or_insert(reg);
        if let (Some(o), Some(cl)) = (&r.opens, &r.closes)
            && o.start().zip(cl.end()).is_some_and(|(a, b)| b < a)
        {
            issues.push(
                Issue::error(
                    at(format!("procurement.routes[{i}].closes")),
                    "the route closes before it opens",
                )
                .expected(format!("a period after {}", o.label())),
            );
        }
    }
    for (i, ms) in pr.timeline.iter().enumerate() {
        if let Some(r) = &ms.route {
            routes.check(r, at(format!("procurement.timeline[{i}].route")), issues);
        }
    }
    Routes {
        routes,
        lots,
        contacts,
    }
}

/// Glossary terms: ids, and the terms each one sees.
fn check_glossary<'a>(g: &'a Glossary, issues: &mut Vec<Issue>) -> Registry<'a> {
    let mut terms = Registry::homed("glossary term", Place::new(GLOSSARY_FILE, "terms"));
    for (i, t) in g.terms.iter().enumerate() {
        terms.define(
            &t.id,
            Place::new(GLOSSARY_FILE, format!("terms[{i}].id")),
            issues,
        );
    }
    for (i, t) in g.terms.iter().enumerate() {
        for (j, s) in t.see.iter().enumerate() {
            terms.check(
                s,
                Place::new(GLOSSARY_FILE, format!("terms[{i}].see[{j}]")),
                issues,
            );
        }
    }
    terms
}

/// A count of children: a whole number, not negative.
fn check_count(v: f64, place: Place, issues: &mut Vec<Issue>) {
    if !v.is_finite() {
        issues.push(Issue::error(place, "the value is not a finite number"));
    } else if v < 0.0 || v.fract() != 0.0 {
        issues.push(
            Issue::error(place, format!("{v} is not a count of children"))
                .expected("a whole number, 0 or more"),
        );
    }
}

/// A demand or supply table (its id is defined by the caller): its measure, columns, rows and
/// trend. Its totals, and withheld counts a reader could work out from them, are checked
/// with the other tables' (`crate::market::check_tables`).
pub(super) fn check_table(t: &Table, ids: &Registries, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    if let Some(mid) = &t.metric {
        ids.metrics.check(mid, here("metric".into()), issues);
    }
    check_columns(t, issues);
    if t.rows.is_empty() {
        issues.push(
            Issue::error(here("rows".into()), "the table has no rows")
                .expected("at least one `{ label: ..., values: [...] }`"),
        );
    }
    check_rows(t, issues);
    super::tables::check_table_form(t, issues);
    if let Some(tr) = &t.trend {
        check_series(&tr.series, &t.file, "trend.series", true, issues);
        super::checks::check_exact_series(&tr.series, &t.file, "trend.series", issues);
        if t.trend_counts_children() {
            for (i, p) in tr.series.iter().enumerate() {
                if let Some(v) = p.number() {
                    check_count(v, here(format!("trend.series[{i}].value")), issues);
                }
            }
        }
    }
}

/// A table's columns: ids, which may count children or be totals, what `of:` and
/// `chart_columns` name.
fn check_columns(t: &Table, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    if t.columns.is_empty() {
        issues.push(
            Issue::error(here("columns".into()), "the table has no columns")
                .expected("at least one `{ id: ..., label: ... }`"),
        );
    }
    let mut cols = Registry::homed("column", here("columns".into()));
    for (i, col) in t.columns.iter().enumerate() {
        cols.define(&col.id, here(format!("columns[{i}].id")), issues);
        if col.children == Some(true) && col.unit != Unit::Count {
            issues.push(
                Issue::error(here(format!("columns[{i}].children")), "only a count can count children")
                    .expected("`unit: count` with `children: true`")
                    .hint("for a share of a count of children, write `of: <the count column's id>` so it is withheld with it"),
            );
        }
        if col.is_total() && !col.is_summable() {
            let field = if col.total { "total" } else { "sums" };
            issues.push(
                Issue::error(
                    here(format!("columns[{i}].{field}")),
                    "only a count column can be a total",
                )
                .expected(format!("`unit: count` (and no `of:`) with `{field}:`")),
            );
        }
    }
    for (i, col) in t.columns.iter().enumerate() {
        check_sums(t, i, col, &cols, issues);
    }
    for (i, col) in t.columns.iter().enumerate() {
        if let Some(of) = &col.of {
            cols.check(of, here(format!("columns[{i}].of")), issues);
            if of == &col.id {
                issues.push(Issue::error(
                    here(format!("columns[{i}].of")),
                    "a column cannot be a share of itself",
                ));
            }
        }
    }
    for (i, id) in t.chart_columns.iter().enumerate() {
        cols.check(id, here(format!("chart_columns[{i}]")), issues);
    }
}

/// A total column's `sums`: count columns of the table, each named once, not the column itself.
fn check_sums(t: &Table, i: usize, col: &Column, cols: &Registry, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    let mut named = std::collections::BTreeSet::new();
    for (j, id) in col.sums.iter().enumerate() {
        let place = here(format!("columns[{i}].sums[{j}]"));
        let Some(k) = t.column(id) else {
            cols.check(id, place, issues);
            continue;
        };
        if k == i {
            issues.push(
                Issue::error(
                    place,
                    format!("the column `{id}` cannot be a sum of itself"),
                )
                .expected("the ids of the other columns it adds up"),
            );
        } else if !t.columns[k].is_summable() {
            issues.push(
                Issue::error(
                    place,
                    format!("the column `{id}` is not a count, so it cannot be summed"),
                )
                .expected("the ids of count columns (`unit: count`, not a share with `of:`)"),
            );
        } else if !named.insert(k) {
            issues.push(
                Issue::error(place, format!("the column `{id}` is named twice"))
                    .expected("each column the total adds up, once"),
            );
        }
    }
}

/// The total row's `sums` (row labels, each once), and no `sums` on any other row.
fn check_total_row(t: &Table, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    for (r, row) in t.rows.iter().enumerate() {
        if !row.sums.is_empty() {
            issues.push(
                Issue::error(
                    here(format!("rows[{r}].sums")),
                    "only the total row can say which rows it sums",
                )
                .expected("`sums:` on `total:`")
                .hint("move the row into `total:`, or leave `sums` out"),
            );
        }
    }
    let Some(total) = &t.total else {
        return;
    };
    let labels: Vec<&str> = t.rows.iter().map(|r| r.label.trim()).collect();
    let mut named = std::collections::BTreeSet::new();
    for (j, label) in total.sums.iter().enumerate() {
        let place = here(format!("total.sums[{j}]"));
        let label = label.trim();
        let matching = labels.iter().filter(|l| **l == label).count();
        if matching == 0 {
            let mut issue = Issue::error(place, format!("there is no row labelled \"{label}\""))
                .expected("the label of a row of this table, as written");
            issue = match super::ids::closest(label, labels.iter().copied()) {
                Some(near) => issue.hint(format!("did you mean \"{near}\"?")),
                None => issue.hint(format!("the rows are: {}", labels.join(", "))),
            };
            issues.push(issue);
        } else if matching > 1 {
            issues.push(
                Issue::error(place, format!("{matching} rows are labelled \"{label}\""))
                    .expected("a label only one row has")
                    .hint("give the rows different labels"),
            );
        } else if !named.insert(label) {
            issues.push(
                Issue::error(place, format!("the row \"{label}\" is named twice"))
                    .expected("each row the total adds up, once"),
            );
        }
    }
}

/// `same_total_as`: another table, and both have a total.
fn check_same_total(tables: &[Table], i: usize, registry: &Registry, issues: &mut Vec<Issue>) {
    let t = &tables[i];
    let Some(id) = &t.same_total_as else {
        return;
    };
    let place = Place::new(&t.file, "same_total_as");
    let Some(o) = tables.iter().position(|o| &o.id == id) else {
        registry.check(id, place, issues);
        return;
    };
    if o == i {
        issues.push(
            Issue::error(place, "a table cannot share its total with itself")
                .expected("the id of another table that counts the same children"),
        );
        return;
    }
    for (k, which) in [(i, "this table"), (o, "that table")] {
        if crate::market::totals::grand_total(tables, k).is_empty() {
            issues.push(
                Issue::error(
                    place.clone(),
                    format!("{which} has no count column, so no total to share"),
                )
                .expected("two tables with count columns (`unit: count`)"),
            );
        }
    }
}

/// The rows and the total row: one value per column, counts of children whole numbers.
fn check_rows(t: &Table, issues: &mut Vec<Issue>) {
    let here = |path: String| Place::new(&t.file, path);
    let lines = t
        .rows
        .iter()
        .enumerate()
        .map(|(r, row)| (format!("rows[{r}]"), row))
        .chain(t.total.iter().map(|row| ("total".to_string(), row)));
    for (path, row) in lines {
        if row.values.len() != t.columns.len() {
            issues.push(
                Issue::error(
                    here(format!("{path}.values")),
                    format!(
                        "this row has {} value{} but the table has {} column{}",
                        row.values.len(),
                        if row.values.len() == 1 { "" } else { "s" },
                        t.columns.len(),
                        if t.columns.len() == 1 { "" } else { "s" },
                    ),
                )
                .expected(format!(
                    "one value per column, in order: {}",
                    t.columns
                        .iter()
                        .map(|c| c.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
                .hint("write `x` for a value that is not available"),
            );
        }
        for (k, cell) in row.values.iter().enumerate() {
            if let Cell::Value(v) = cell {
                let place = here(format!("{path}.values[{k}]"));
                if t.counts_children(k) {
                    check_count(*v, place, issues);
                } else if !v.is_finite() {
                    issues.push(Issue::error(place, "the value is not a finite number"));
                }
            }
        }
    }
}

/// A place in `market/asks.yaml`.
fn ask_place(path: String) -> Place {
    Place::new(ASKS_FILE, path)
}

/// The four lists of categories asks are described by.
struct Categories<'a> {
    types: Registry<'a>,
    ages: Registry<'a>,
    needs: Registry<'a>,
    localities: Registry<'a>,
}

/// One list of categories (`field` in asks.yaml): ids, and the glossary terms they name.
fn categories<'a>(
    kind: &'static str,
    field: &str,
    list: &'a [Category],
    terms: &Registry,
    issues: &mut Vec<Issue>,
) -> Registry<'a> {
    let mut reg = Registry::homed(kind, ask_place(field.to_string()));
    for (i, cat) in list.iter().enumerate() {
        reg.define(&cat.id, ask_place(format!("{field}[{i}].id")), issues);
        if let Some(g) = &cat.glossary {
            terms.check(g, ask_place(format!("{field}[{i}].glossary")), issues);
        }
    }
    reg
}

/// `asks.yaml`: the categories, then every ask.
fn check_asks<'a>(
    a: &'a Asks,
    ids: &Registries<'a>,
    routes: &Routes<'a>,
    terms: &Registry<'a>,
    issues: &mut Vec<Issue>,
) {
    let types = categories(
        "placement type",
        "placement_types",
        &a.placement_types,
        terms,
        issues,
    );
    let ages = categories("age band", "age_bands", &a.age_bands, terms, issues);
    let needs = categories("need", "needs", &a.needs, terms, issues);
    let localities = categories("locality", "localities", &a.localities, terms, issues);
    let cats = Categories {
        types,
        ages,
        needs,
        localities,
    };
    let mut asks = Registry::new("ask");
    for (i, ask) in a.asks.iter().enumerate() {
        asks.define(&ask.id, ask_place(format!("asks[{i}].id")), issues);
        check_ask(i, ask, &cats, ids, routes, issues);
    }
}

/// One ask (its id is defined by the caller): its categories, volumes, route and lot, and the
/// priority, scenario and measures it names.
fn check_ask(
    i: usize,
    ask: &Ask,
    cats: &Categories,
    ids: &Registries,
    routes: &Routes,
    issues: &mut Vec<Issue>,
) {
    let here = |f: &str| ask_place(format!("asks[{i}].{f}"));
    if ask.types.0.is_empty() {
        issues.push(
            Issue::error(here("type"), "the ask names no placement type")
                .expected("the id of one of `placement_types`, or a list of them, such as `type: foster-care`"),
        );
    }
    match ask.types.0.as_slice() {
        [one] => cats.types.check(one, here("type"), issues),
        many => {
            for (j, x) in many.iter().enumerate() {
                cats.types.check(x, here(&format!("type[{j}]")), issues);
            }
        }
    }
    for (j, x) in ask.ages.iter().enumerate() {
        cats.ages.check(x, here(&format!("ages[{j}]")), issues);
    }
    for (j, x) in ask.needs.iter().enumerate() {
        cats.needs.check(x, here(&format!("needs[{j}]")), issues);
    }
    if let Some(l) = &ask.locality {
        cats.localities.check(l, here("locality"), issues);
    }
    if let Some(Budget::Amount(b)) = &ask.budget
        && !matches!(b.unit, Unit::GbpPerWeek | Unit::Gbp)
    {
        issues.push(
            Issue::error(
                here("budget.unit"),
                format!("`{}` is not a unit of money", b.unit.key()),
            )
            .expected("`gbp-per-week` or `gbp`")
            .hint("for a budget in other terms, write it in words: `budget: within the framework rates`"),
        );
    }
    if let Some(c) = &ask.contact {
        routes.contacts.check(c, here("contact"), issues);
    }
    if let Some(u) = &ask.register {
        check_register(u, here("register"), issues);
    }
    for (field, v) in [
        ("volume_now", ask.volume_now),
        ("volume_forecast", ask.volume_forecast),
    ] {
        if let Some(v) = v {
            check_count(v, here(field), issues);
        }
    }
    match (&ask.route, &ask.lot) {
        (Some(r), lot) => {
            routes.routes.check(r, here("route"), issues);
            if let (Some(l), Some(reg)) = (lot, routes.lots.get(r.as_str())) {
                reg.check(l, here("lot"), issues);
            }
        }
        (None, Some(_)) => issues.push(
            Issue::error(here("lot"), "a lot is named without its route to market")
                .expected("`route:` with the id of the framework or DPS the lot belongs to"),
        ),
        (None, None) => {}
    }
    if let Some(p) = &ask.priority {
        ids.priorities.check(p, here("priority"), issues);
    }
    if let Some(s) = &ask.scenario {
        ids.scenarios.check(s, here("scenario"), issues);
    }
    for (j, mid) in ask.metrics.iter().enumerate() {
        ids.metrics
            .check(mid, here(&format!("metrics[{j}]")), issues);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Severity;

    fn register(url: &str) -> Vec<Issue> {
        let mut issues = Vec::new();
        check_register(url, at("register".into()), &mut issues);
        issues
    }

    #[test]
    fn register_links_are_web_or_mail_addresses() {
        for ok in [
            "https://example.org/register",
            "http://example.org",
            "HTTPS://EXAMPLE.ORG/A",
            "mailto:placements@example.org",
            "mailto:placements@example.org?subject=Foster%20care",
        ] {
            assert!(register(ok).is_empty(), "{ok}: {:?}", register(ok));
        }
        let hint = |url: &str| {
            let issues = register(url);
            assert_eq!(issues.len(), 1, "{url}");
            issues[0].hint.clone().unwrap_or_default()
        };
        assert_eq!(
            hint("placements@example.org"),
            "for an email address write `mailto:placements@example.org`"
        );
        assert_eq!(
            hint("www.example.org"),
            "write the whole address: `https://www.example.org`"
        );
        assert!(hint("javascript:alert(1)").contains("never published"));
        assert!(hint("ftp://example.org").contains("never published"));
        for incomplete in ["https://", "mailto:", "mailto:@example.org", "https://a b"] {
            let issues = register(incomplete);
            assert_eq!(issues.len(), 1, "{incomplete}");
            assert!(
                issues[0].message.contains("not a complete address"),
                "{incomplete}"
            );
        }
    }

    fn providers(p: Providers) -> Vec<(String, Severity, String)> {
        let mut issues = Vec::new();
        check_providers(&p, "providers", &mut issues);
        issues
            .into_iter()
            .map(|i| (i.place.path.clone(), i.severity, i.message.clone()))
            .collect()
    }

    #[test]
    fn provider_counts_are_whole_and_within_the_approved() {
        use crate::market::{Ownership, ProviderCount};
        let typed = |counts: &[f64]| {
            counts
                .iter()
                .map(|&count| ProviderCount {
                    label: "Type".into(),
                    count,
                })
                .collect()
        };
        // Any part may be left out; with no `approved` nothing is compared.
        assert!(providers(Providers::default()).is_empty());
        assert!(
            providers(Providers {
                with_placements: Some(500.0),
                by_type: typed(&[300.0, 300.0]),
                ..Providers::default()
            })
            .is_empty()
        );
        // The county's figures: 114 approved, 39 with placements, 34 + 37 + 43 by type.
        assert!(
            providers(Providers {
                approved: Some(114.0),
                with_placements: Some(39.0),
                by_type: typed(&[34.0, 37.0, 43.0]),
                ..Providers::default()
            })
            .is_empty()
        );
        let found = providers(Providers {
            approved: Some(10.0),
            with_placements: Some(2.5),
            by_type: typed(&[11.0]),
            by_ownership: Some(Ownership {
                council: Some(-1.0),
                ..Ownership::default()
            }),
            ..Providers::default()
        });
        assert_eq!(
            found,
            [
                (
                    "providers.with_placements".to_string(),
                    Severity::Error,
                    "2.5 is not a number of providers".to_string()
                ),
                (
                    "providers.by_ownership.council".to_string(),
                    Severity::Error,
                    "-1 is not a number of providers".to_string()
                ),
            ]
        );
        let found = providers(Providers {
            approved: Some(10.0),
            by_type: typed(&[11.0, 6.0]),
            by_ownership: Some(Ownership {
                voluntary: Some(4.0),
                private: Some(7.0),
                council: None,
            }),
            ..Providers::default()
        });
        assert_eq!(
            found,
            [
                (
                    "providers.by_type[0].count".to_string(),
                    Severity::Error,
                    "11 providers is more than the 10 approved".to_string()
                ),
                (
                    "providers.by_ownership".to_string(),
                    Severity::Error,
                    "the counts by ownership add up to 11, more than the 10 approved".to_string()
                ),
                (
                    "providers.by_type".to_string(),
                    Severity::Warning,
                    "the counts by type add up to 17, more than the 10 approved".to_string()
                ),
            ]
        );
    }
}

//! Checks for the market position statement (`market/`, see [`crate::market`]): ids,
//! references to the strategy, table shapes, counts of children, and withheld counts that a
//! total would give away. The small-number rule in `site.yaml` is checked here too.

use std::collections::BTreeMap;

use super::checks::{Registries, check_series};
use super::ids::Registry;
use super::{Issue, Place, SITE_FILE};
use crate::content::{Content, Unit};
use crate::market::{
    ASKS_FILE, Ask, Asks, Category, Cell, Column, GLOSSARY_FILE, Glossary, Intention,
    IntentionTarget, MARKET_FILE, Procurement, Statement, Suppression, Table,
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
    check_procurement(st.procurement.as_ref(), issues)
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

/// Routes to market and their lots: ids, dates in order, and the timeline's references.
fn check_procurement<'a>(pr: Option<&'a Procurement>, issues: &mut Vec<Issue>) -> Routes<'a> {
    let mut routes = Registry::homed("route to market", at("procurement.routes".into()));
    let mut lots: BTreeMap<&str, Registry> = BTreeMap::new();
    let Some(pr) = pr else {
        return Routes { routes, lots };
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
    Routes { routes, lots }
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
fn check_table(t: &Table, ids: &Registries, issues: &mut Vec<Issue>) {
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
    cats.types.check(&ask.placement_type, here("type"), issues);
    if ask.ages.is_empty() {
        issues.push(
            Issue::error(here("ages"), "the ask names no age band")
                .expected("at least one id from `age_bands`, such as `ages: [14-17]`"),
        );
    }
    for (j, x) in ask.ages.iter().enumerate() {
        cats.ages.check(x, here(&format!("ages[{j}]")), issues);
    }
    for (j, x) in ask.needs.iter().enumerate() {
        cats.needs.check(x, here(&format!("needs[{j}]")), issues);
    }
    cats.localities
        .check(&ask.locality, here("locality"), issues);
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

//! The core checks: ids defined once and well formed, references that resolve, actions,
//! facts, series, targets, comparators and breakdown rows. [`validate`] runs them in file
//! order, then the market checks (`market.rs`) and the colour checks.

use std::collections::BTreeMap;

use super::ids::Registry;
use super::{FACTS_FILE, Issue, Place, STRATEGY_FILE, Severity};
use crate::content::{
    Breakdown, Content, Facts, Figure, Metric, Page, PerformanceMeasure, Point, Progress, Strategy,
    Unit, Workstream,
};
use crate::period::Period;
use crate::scenario::Scenario;

/// URL segments the generator uses itself, so pages cannot take them.
pub const RESERVED_SLUGS: &[&str] = &[
    "accessibility",
    "plan",
    "measures",
    "priorities",
    "aims",
    "data",
    "static",
    "market",
    "scenarios",
    "editions",
    "changes",
    "facts",
    "previous",
    "index",
    "sitemap",
    "404",
];

/// Check everything that spans fields or files. Returns errors and warnings.
pub fn validate(c: &Content) -> Vec<Issue> {
    let mut issues = Vec::new();
    let ids = Registries::define(c, &mut issues);
    check_strategy(&c.strategy, &ids, &mut issues);
    check_previous(c, &ids, &mut issues);
    for w in &c.workstreams {
        check_workstream(w, &ids, &mut issues);
    }
    check_facts(&c.facts, &ids, &mut issues);
    for m in &c.metrics {
        check_metric(m, &mut issues);
        issues.extend(crate::neighbours::check_metric(m));
    }
    issues.extend(crate::neighbours::check_site(&c.site));
    for b in &c.breakdowns {
        // The one-value form was checked as it was read (`breakdown_form_issues`).
        if !b.one_value_form {
            super::market::check_table(b, &ids, &mut issues);
        }
    }
    // Breakdowns' declared totals, and withheld counts a reader could work out from them.
    let tables: Vec<_> = c
        .breakdowns
        .iter()
        .filter(|b| !b.one_value_form)
        .cloned()
        .collect();
    issues.extend(crate::market::check_tables(&tables, &c.site.suppression));
    super::market::validate_market(c, &ids, &mut issues);
    super::report::validate_report(c, &mut issues);
    issues.extend(crate::colour::check(&c.site));
    issues.extend(crate::scenario::outturn::check(c));
    issues
}

/// The ids that other content refers to, by kind.
pub(super) struct Registries<'a> {
    pub(super) aims: Registry<'a>,
    pub(super) priorities: Registry<'a>,
    pub(super) metrics: Registry<'a>,
    pub(super) sources: Registry<'a>,
    pub(super) facts: Registry<'a>,
    pub(super) scenarios: Registry<'a>,
}

impl<'a> Registries<'a> {
    /// Define every id in the content, in file order, reporting malformed and duplicate ids.
    /// A scenario's references to measures and priorities are checked as it is defined.
    fn define(c: &'a Content, issues: &mut Vec<Issue>) -> Self {
        let s = &c.strategy;
        let mut aims = Registry::homed("aim", Place::new(STRATEGY_FILE, "aims"));
        for (i, a) in s.aims.iter().enumerate() {
            aims.define(
                &a.id,
                Place::new(STRATEGY_FILE, format!("aims[{i}].id")),
                issues,
            );
        }
        let mut priorities = Registry::homed("priority", Place::new(STRATEGY_FILE, "priorities"));
        for (i, p) in s.priorities.iter().enumerate() {
            priorities.define(
                &p.id,
                Place::new(STRATEGY_FILE, format!("priorities[{i}].id")),
                issues,
            );
        }
        let mut metrics = Registry::homed("metric", Place::new("metrics", ""));
        for m in &c.metrics {
            metrics.define(&m.id, Place::new(&m.file, "id"), issues);
        }
        define_plan(&c.workstreams, issues);
        let mut breakdowns = Registry::new("breakdown");
        for b in &c.breakdowns {
            breakdowns.define(&b.id, Place::new(&b.file, "id"), issues);
        }
        let (sources, facts) = define_facts(&c.facts, issues);
        let mut ids = Registries {
            aims,
            priorities,
            metrics,
            sources,
            facts,
            scenarios: Registry::new("scenario"),
        };
        ids.define_scenarios(&c.scenarios, issues);
        define_pages(&c.pages, issues);
        ids
    }

    /// Define the scenarios' ids and check what each refers to.
    fn define_scenarios(&mut self, scenarios: &'a [Scenario], issues: &mut Vec<Issue>) {
        for sc in scenarios {
            self.scenarios
                .define(&sc.id, Place::new(&sc.file, "id"), issues);
            for (j, m) in sc.metrics.iter().enumerate() {
                self.metrics
                    .check(m, Place::new(&sc.file, format!("metrics[{j}]")), issues);
            }
            for (j, p) in sc.priorities.iter().enumerate() {
                self.priorities
                    .check(p, Place::new(&sc.file, format!("priorities[{j}]")), issues);
            }
            for (j, s) in sc.series.iter().enumerate() {
                if let Some(m) = &s.measure {
                    self.metrics.check(
                        m,
                        Place::new(&sc.file, format!("series[{j}].measure")),
                        issues,
                    );
                }
            }
        }
    }
}

/// Workstream and action ids: unique across the whole plan.
fn define_plan(workstreams: &[Workstream], issues: &mut Vec<Issue>) {
    let mut ids = Registry::new("workstream");
    let mut actions = Registry::new("action");
    for w in workstreams {
        ids.define(&w.id, Place::new(&w.file, "id"), issues);
        for (i, a) in w.actions.iter().enumerate() {
            actions.define(
                &a.id,
                Place::new(&w.file, format!("actions[{i}].id")),
                issues,
            );
        }
    }
}

/// The sources and the facts of `facts.yaml`.
fn define_facts<'a>(f: &'a Facts, issues: &mut Vec<Issue>) -> (Registry<'a>, Registry<'a>) {
    let mut sources = Registry::homed("source", Place::new(FACTS_FILE, "sources"));
    for (i, src) in f.sources.iter().enumerate() {
        sources.define(
            &src.id,
            Place::new(FACTS_FILE, format!("sources[{i}].id")),
            issues,
        );
    }
    let mut facts = Registry::new("fact");
    for (i, fact) in f.facts.iter().enumerate() {
        facts.define(
            &fact.id,
            Place::new(FACTS_FILE, format!("facts[{i}].id")),
            issues,
        );
    }
    (sources, facts)
}

/// Page addresses: unique, and not one Hearth uses itself.
fn define_pages(pages: &[Page], issues: &mut Vec<Issue>) {
    let mut slugs = Registry::new("page");
    for p in pages {
        let path = if p.front.slug.is_some() { "slug" } else { "" };
        slugs.define(&p.slug, Place::new(&p.file, path), issues);
        if RESERVED_SLUGS.contains(&p.slug.as_str()) {
            issues.push(
                Issue::error(
                    Place::new(&p.file, path),
                    format!("the page address /{}/ is used by Hearth itself", p.slug),
                )
                .expected(format!("a slug other than: {}", RESERVED_SLUGS.join(", ")))
                .hint("set `slug:` in the front matter, or rename the file"),
            );
        }
    }
}

/// The priorities' aims and measures.
fn check_strategy(s: &Strategy, ids: &Registries, issues: &mut Vec<Issue>) {
    for (i, p) in s.priorities.iter().enumerate() {
        for (j, aim) in p.aims.iter().enumerate() {
            ids.aims.check(
                aim,
                Place::new(STRATEGY_FILE, format!("priorities[{i}].aims[{j}]")),
                issues,
            );
        }
        for (j, m) in p.metrics.iter().enumerate() {
            ids.metrics.check(
                m,
                Place::new(STRATEGY_FILE, format!("priorities[{i}].metrics[{j}]")),
                issues,
            );
        }
        let at = |field: String| Place::new(STRATEGY_FILE, format!("priorities[{i}].{field}"));
        check_table(&p.performance_measures, &p.progress, at, ids, issues);
    }
    for (i, cm) in s.commitments.iter().enumerate() {
        let at = |field: String| Place::new(STRATEGY_FILE, format!("commitments[{i}].{field}"));
        for (j, p) in cm.priorities.iter().enumerate() {
            ids.priorities
                .check(p, at(format!("priorities[{j}]")), issues);
        }
        for (j, m) in cm.metrics.iter().enumerate() {
            ids.metrics.check(m, at(format!("metrics[{j}]")), issues);
        }
        if cm.text.trim().is_empty() {
            issues.push(
                Issue::error(at("text".into()), "the commitment has no text")
                    .expected("what the strategy commits to, such as \"We will open a third children's home\"")
                    .hint("write the commitment, or remove the item"),
            );
        }
    }
    in_date_order(
        s.history.iter().map(|m| &m.date),
        |j| Place::new(STRATEGY_FILE, format!("history[{j}].date")),
        "the history's milestones",
        issues,
    );
}

/// The previous strategy: the priorities its commitments are carried into exist, titles are
/// not empty, and its period ends before the one this strategy covers begins.
fn check_previous(c: &Content, ids: &Registries, issues: &mut Vec<Issue>) {
    let Some(prev) = &c.strategy.previous else {
        return;
    };
    let at = |field: String| Place::new(STRATEGY_FILE, format!("previous.{field}"));
    if prev.title.trim().is_empty() {
        issues.push(
            Issue::error(
                at("title".into()),
                "the previous strategy has an empty title",
            )
            .expected("its title, such as Placement Sufficiency Strategy 2015 to 2019"),
        );
    }
    if let (Some(before), Some(now)) = (&prev.period, &c.site.covers)
        && let (Some(start), Some(now_start)) = (before.start(), now.start())
        && start >= now_start
    {
        issues.push(
            Issue::warning(
                at("period".into()),
                format!(
                    "the previous strategy's period ({}) does not start before this strategy's ({})",
                    before.label(),
                    now.label()
                ),
            )
            .expected("the period of the strategy that came before this one")
            .hint("check `previous.period` here and `covers` in site.yaml"),
        );
    }
    for (i, pc) in prev.commitments.iter().enumerate() {
        let at = |field: String| at(format!("commitments[{i}].{field}"));
        if pc.title.trim().is_empty() {
            issues.push(
                Issue::error(at("title".into()), "the commitment has an empty title")
                    .expected("what the previous strategy committed to, in a short title"),
            );
        }
        for (j, p) in pc.carried_forward_into.iter().enumerate() {
            ids.priorities
                .check(p, at(format!("carried_forward_into[{j}]")), issues);
        }
    }
}

/// The cells of a priority's or a workstream's table: each performance measure names a
/// measure that exists, and dated progress notes come oldest first. `at` places a field of
/// the priority or workstream.
fn check_table(
    measures: &[PerformanceMeasure],
    progress: &[Progress],
    at: impl Fn(String) -> Place,
    ids: &Registries,
    issues: &mut Vec<Issue>,
) {
    for (j, m) in measures.iter().enumerate() {
        if let Some(metric) = &m.metric {
            ids.metrics.check(
                metric,
                at(format!("performance_measures[{j}].metric")),
                issues,
            );
        }
    }
    let dated = progress
        .iter()
        .enumerate()
        .filter_map(|(j, p)| Some((j, p.date.as_ref()?)));
    let places: Vec<usize> = dated.clone().map(|(j, _)| j).collect();
    in_date_order(
        dated.map(|(_, d)| d),
        |k| at(format!("progress[{}].date", places[k])),
        "dated progress notes",
        issues,
    );
}

/// A warning at each date written before an earlier one: `what` are listed oldest first.
fn in_date_order<'p>(
    dates: impl Iterator<Item = &'p Period>,
    place: impl Fn(usize) -> Place,
    what: &str,
    issues: &mut Vec<Issue>,
) {
    let mut last: Option<&Period> = None;
    for (j, d) in dates.enumerate() {
        if let Some(prev) = last
            && d < prev
        {
            issues.push(
                Issue::warning(place(j), format!("{what} are out of date order"))
                    .expected(format!("{what} listed oldest first"))
                    .hint("move this one above the earlier one"),
            );
        }
        last = Some(d);
    }
}

/// A workstream's actions: what they refer to, their titles and the order of their updates.
fn check_workstream(w: &Workstream, ids: &Registries, issues: &mut Vec<Issue>) {
    if w.actions.is_empty() {
        issues.push(
            Issue::warning(
                Place::new(&w.file, "actions"),
                "this workstream has no actions",
            )
            .hint("add at least one action, or remove the file"),
        );
    }
    check_table(
        &w.performance_measures,
        &w.progress,
        |field| Place::new(&w.file, field),
        ids,
        issues,
    );
    for (i, a) in w.actions.iter().enumerate() {
        let at = |field: String| Place::new(&w.file, format!("actions[{i}].{field}"));
        for (j, p) in a.priorities.iter().enumerate() {
            ids.priorities
                .check(p, at(format!("priorities[{j}]")), issues);
        }
        for (j, aim) in a.aims.iter().enumerate() {
            ids.aims.check(aim, at(format!("aims[{j}]")), issues);
        }
        for (j, m) in a.metrics.iter().enumerate() {
            ids.metrics.check(m, at(format!("metrics[{j}]")), issues);
        }
        if a.title.trim().is_empty() {
            issues.push(
                Issue::error(at("title".into()), "the action has an empty title")
                    .expected("a short statement of what needs to be done"),
            );
        }
        let mut last = None;
        for (j, u) in a.updates.iter().enumerate() {
            if let Some(prev) = last
                && u.date < prev
            {
                issues.push(
                    Issue::warning(
                        at(format!("updates[{j}].date")),
                        "updates are out of date order",
                    )
                    .expected("updates listed oldest first")
                    .hint("move this update above the earlier one"),
                );
            }
            last = Some(u.date.clone());
        }
    }
}

/// Key facts: their sources and measures resolve, and their values are numbers; a source no
/// fact cites is not shown anywhere, so it is reported.
fn check_facts(f: &Facts, ids: &Registries, issues: &mut Vec<Issue>) {
    for (i, src) in f.sources.iter().enumerate() {
        if !f
            .facts
            .iter()
            .any(|fact| fact.source.as_ref() == Some(&src.id))
        {
            issues.push(
                Issue::warning(
                    Place::new(FACTS_FILE, format!("sources[{i}].id")),
                    format!(
                        "no fact cites the source \"{}\", so it is not shown anywhere",
                        src.id
                    ),
                )
                .expected("each source cited by at least one fact (`source: ID`)")
                .hint(format!(
                    "add `source: {}` to the facts that come from it, or remove the source",
                    src.id
                )),
            );
        }
    }
    for (i, fact) in f.facts.iter().enumerate() {
        if let Some(src) = &fact.source {
            ids.sources.check(
                src,
                Place::new(FACTS_FILE, format!("facts[{i}].source")),
                issues,
            );
        }
        if let Some(m) = &fact.metric {
            ids.metrics.check(
                m,
                Place::new(FACTS_FILE, format!("facts[{i}].metric")),
                issues,
            );
        }
        if !fact.value.is_finite() {
            issues.push(Issue::error(
                Place::new(FACTS_FILE, format!("facts[{i}].value")),
                "the value is not a finite number",
            ));
        }
    }
}

/// A measure's series, targets (one per period) and comparators.
fn check_metric(m: &Metric, issues: &mut Vec<Issue>) {
    // A measure may wait for its first figures while it has a target.
    if !m.series.is_empty() || m.targets.is_empty() {
        check_series(&m.series, &m.file, "series", true, issues);
    }
    for (i, p) in m.series.iter().enumerate() {
        check_figure_unit(m, p.value.as_ref(), &format!("series[{i}].value"), issues);
    }
    check_calendar_years(m, issues);
    let mut seen = BTreeMap::new();
    for (i, t) in m.targets.iter().enumerate() {
        for (field, f) in t.figures() {
            // `by: 10%` is a relative change, on any measure.
            if field != "by" {
                check_figure_unit(m, Some(f), &format!("targets[{i}].{field}"), issues);
            }
        }
        if let (Some(from), Some(to)) = (&t.from, &t.period)
            && from.sort_key().1 >= to.sort_key().1
        {
            issues.push(
                Issue::error(
                    Place::new(&m.file, format!("targets[{i}].from")),
                    format!(
                        "the change is counted from {}, which is not before the target's period {}",
                        from.label(),
                        to.label()
                    ),
                )
                .expected("a `from:` period before the target's `period:`")
                .hint("check the two periods: `from:` is where the change starts, `period:` when it should be reached"),
            );
        }
        let Some(period) = &t.period else { continue };
        let place = Place::new(&m.file, format!("targets[{i}].period"));
        if let Some(first) = seen.insert(period.text().to_string(), place.clone()) {
            issues.push(
                Issue::error(place, format!("two targets for {}", period.text()))
                    .expected("one target per period")
                    .hint("put a stretch target in the same entry (`stretch:`), and other words in `text:` or `note:`")
                    .related(first),
            );
        }
    }
    let mut comparators = Registry::new("comparator");
    for (i, cmp) in m.comparators.iter().enumerate() {
        comparators.define(
            &cmp.id,
            Place::new(&m.file, format!("comparators[{i}].id")),
            issues,
        );
        // A comparator the document gives with no date needs no series.
        if !(cmp.series.is_empty() && cmp.value.is_some()) {
            check_series(
                &cmp.series,
                &m.file,
                &format!("comparators[{i}].series"),
                false,
                issues,
            );
        }
        for (j, p) in cmp.series.iter().enumerate() {
            check_figure_unit(
                m,
                p.value.as_ref(),
                &format!("comparators[{i}].series[{j}].value"),
                issues,
            );
        }
        check_figure_unit(
            m,
            cmp.value.as_ref(),
            &format!("comparators[{i}].value"),
            issues,
        );
    }
}

/// A `%` sign, or a share in words (`half`), only in a `unit: percent` measure.
fn check_figure_unit(m: &Metric, f: Option<&Figure>, path: &str, issues: &mut Vec<Issue>) {
    let Some(f) = f else { return };
    if m.unit == Unit::Percent || !(f.percent || f.fraction.is_some()) {
        return;
    }
    let what = if f.percent {
        "a % sign".to_string()
    } else {
        format!("“{}”", f.fraction.as_deref().unwrap_or_default())
    };
    issues.push(
        Issue::error(
            Place::new(&m.file, path),
            format!(
                "{what} in a measure whose unit is {}, not percent",
                m.unit.key()
            ),
        )
        .expected(format!(
            "a figure without a % sign or a share in words, as a `unit: {}` measure has",
            m.unit.key()
        ))
        .hint("write the number alone, or make the measure `unit: percent` if its figures are percentages"),
    );
}

/// A measure in years whose figures all look like calendar years (2007, 2019) most likely
/// counts something else: "2,007 years" would be published.
fn check_calendar_years(m: &Metric, issues: &mut Vec<Issue>) {
    if m.unit != Unit::Years {
        return;
    }
    let numbers: Vec<f64> = m.series.iter().filter_map(Point::number).collect();
    let like_years = !numbers.is_empty()
        && numbers
            .iter()
            .all(|v| v.fract() == 0.0 && (1900.0..=2100.0).contains(v));
    if like_years {
        issues.push(
            Issue::warning(
                Place::new(&m.file, "unit"),
                "the figures look like calendar years, but `unit: years` publishes them as lengths of time (2,007 years)",
            )
            .expected("`unit: years` only for lengths of time, such as an average age")
            .hint("a year says when: put it in each point's `period:` and give the unit of the figures, such as `count`"),
        );
    }
}

/// A market table's trend: every figure an exact number, which the small-number rule needs.
pub(super) fn check_exact_series(
    series: &[Point],
    file: &str,
    path: &str,
    issues: &mut Vec<Issue>,
) {
    for (i, p) in series.iter().enumerate() {
        if let Some(f) = &p.value
            && f.number().is_none()
        {
            issues.push(
                Issue::error(
                    Place::new(file, format!("{path}[{i}].value")),
                    format!("“{}” is not an exact number", f.written()),
                )
                .expected("an exact count, such as 36")
                .hint("a table's trend is published under the small-number rule, which needs exact counts; write the number, or `flag: x`"),
            );
        }
    }
}

/// A breakdown in the one-value form has rows, each with a value or a flag. The loader runs
/// this before it turns the breakdown into a table.
pub fn breakdown_form_issues(b: &Breakdown) -> Vec<Issue> {
    let mut issues = Vec::new();
    check_breakdown(b, &mut issues);
    issues
}

fn check_breakdown(b: &Breakdown, issues: &mut Vec<Issue>) {
    if b.rows.is_empty() {
        issues.push(
            Issue::error(Place::new(&b.file, "rows"), "the breakdown has no rows")
                .expected("at least one row with a label and a value"),
        );
    }
    for (i, r) in b.rows.iter().enumerate() {
        check_value_or_flag(
            r.value,
            r.flag.is_some(),
            Place::new(&b.file, format!("rows[{i}]")),
            issues,
        );
    }
}

/// A series has values (or, when not `required`, a warning says it has none), each point a
/// value or a flag, and no period twice.
pub(super) fn check_series(
    series: &[Point],
    file: &str,
    path: &str,
    required: bool,
    issues: &mut Vec<Issue>,
) {
    if series.is_empty() {
        let issue = Issue::error(Place::new(file, path), "the series has no values")
            .expected("at least one `{ period: ..., value: ... }`");
        issues.push(if required {
            issue
        } else {
            Issue {
                severity: Severity::Warning,
                ..issue
            }
        });
    }
    let mut seen: BTreeMap<(i64, i64), Place> = BTreeMap::new();
    for (i, p) in series.iter().enumerate() {
        let place = Place::new(file, format!("{path}[{i}]"));
        // A change the document states may stand without a figure; a figure is finite
        // once read (see `Figure`).
        let stated_change_only = p.value.is_none() && p.flag.is_none() && p.change.is_some();
        if !stated_change_only {
            check_value_or_flag(
                p.value.as_ref().map(|_| 0.0),
                p.flag.is_some(),
                place.clone(),
                issues,
            );
        }
        let period_place = Place::new(file, format!("{path}[{i}].period"));
        if let Some(first) = seen.insert(p.period.sort_key(), period_place.clone()) {
            issues.push(
                Issue::error(
                    period_place,
                    format!(
                        "the period {} appears twice in this series",
                        p.period.text()
                    ),
                )
                .expected("each period once")
                .hint("remove or correct one of the two points")
                .related(first),
            );
        }
    }
}

/// A point has a finite value or a flag, not both and not neither.
fn check_value_or_flag(value: Option<f64>, flagged: bool, place: Place, issues: &mut Vec<Issue>) {
    match (value, flagged) {
        (None, false) => issues.push(
            Issue::error(place, "a value is missing")
                .expected("`value:` with a number, or `flag:` (c = suppressed, x = not available, z = not applicable)"),
        ),
        (Some(_), true) => issues.push(
            Issue::error(place, "a point has both a value and a flag")
                .expected("either `value:` or `flag:`, not both")
                .hint("a flagged value is withheld from readers, so remove the value"),
        ),
        (Some(v), false) if !v.is_finite() => issues.push(Issue::error(place, "the value is not a finite number")),
        _ => {}
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod figure_tests {
    use super::*;

    fn issues(fields: &str) -> Vec<Issue> {
        let mut m: Metric = serde_yaml::from_str(&format!(
            "{{ id: m, title: M, polarity: neutral, definition: d, source: {{ publisher: p }}, {fields} }}"
        ))
        .unwrap();
        m.file = "metrics/m.yaml".into();
        let mut out = Vec::new();
        check_metric(&m, &mut out);
        out
    }

    #[test]
    fn calendar_years_in_years_are_questioned() {
        let found = issues(
            "unit: years, series: [{ period: 2019/20, value: 2007 }, { period: 2020/21, value: 2019 }]",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].severity, Severity::Warning);
        assert!(found[0].message.contains("look like calendar years"));
        assert!(issues("unit: years, series: [{ period: 2019/20, value: 16.5 }]").is_empty());
        assert!(issues("unit: count, series: [{ period: 2019/20, value: 2007 }]").is_empty());
    }

    #[test]
    fn a_measure_may_wait_for_figures_only_while_it_has_a_target() {
        assert!(issues("unit: count, targets: [{ value: 10 }]").is_empty());
        let found = issues("unit: count");
        assert!(
            found
                .iter()
                .any(|i| i.message == "the series has no values"),
            "{found:?}"
        );
        // A comparator with only a figure with no date needs no series.
        assert!(
            issues("unit: count, series: [{ period: 2020, value: 1 }], comparators: [{ id: e, label: E, kind: england, value: around 5 }]")
                .is_empty()
        );
    }
}

//! Checks that span fields and files: ids, cross-references, series. Each problem is an
//! [`Issue`] naming the file and the field path; the generator adds line and column.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::content::{Content, Point};

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in the content: a file (relative to the content folder) and a field path in it,
/// written as `actions[3].priorities[0]`. An empty path means the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub file: String,
    pub path: String,
}

impl Place {
    pub fn new(file: impl Into<String>, path: impl Into<String>) -> Self {
        Place {
            file: file.into(),
            path: path.into(),
        }
    }
}

/// One problem found in the content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    pub place: Place,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// The other end of a broken cross-reference, or the first of a duplicate.
    pub related: Option<Place>,
}

impl Issue {
    pub fn error(place: Place, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Error,
            place,
            message: message.into(),
            expected: None,
            hint: None,
            related: None,
        }
    }

    pub fn warning(place: Place, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(place, message)
        }
    }

    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    pub fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }

    pub fn related(mut self, place: Place) -> Self {
        self.related = Some(place);
        self
    }
}

pub const SITE_FILE: &str = "site.yaml";
pub const STRATEGY_FILE: &str = "strategy.yaml";
pub const FACTS_FILE: &str = "facts.yaml";

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
    "index",
    "sitemap",
    "404",
];

/// Is `s` a valid id: lower-case ASCII letters, digits and single hyphens, 1 to 64 long.
pub fn is_id(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 64
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !s.starts_with('-')
        && !s.ends_with('-')
        && !s.contains("--")
}

/// Suggest an id for text that is not one: `Foster Care` -> `foster-care`.
pub fn slugify(s: &str) -> String {
    let mut out = String::new();
    for ch in s.trim().chars() {
        if ch.is_ascii_alphanumeric() {
            out.push(ch.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    while out.ends_with('-') {
        out.pop();
    }
    out
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = edit_distance(word, c);
        if best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, c));
        }
    }
    let limit = (word.chars().count() / 3).max(2);
    best.filter(|(d, _)| *d <= limit).map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            cur[j + 1] = (prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// "a" or "an" before a kind of thing (`an aim`, `a metric`).
pub fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    }
}

/// Where each id of one kind is defined.
struct Registry<'a> {
    kind: &'static str,
    defined: BTreeMap<&'a str, Place>,
    /// Where ids of this kind are defined, named by a broken reference with no near match.
    home: Option<Place>,
}

impl<'a> Registry<'a> {
    fn homed(kind: &'static str, home: Place) -> Self {
        Registry {
            home: Some(home),
            ..Registry::new(kind)
        }
    }

    fn new(kind: &'static str) -> Self {
        Registry {
            kind,
            home: None,
            defined: BTreeMap::new(),
        }
    }

    /// Record a definition, reporting a malformed or duplicate id.
    fn define(&mut self, id: &'a str, place: Place, issues: &mut Vec<Issue>) {
        if !is_id(id) {
            let mut issue = Issue::error(
                place.clone(),
                format!("{} id \"{id}\" is not a valid id", self.kind),
            )
            .expected("lower-case letters, digits and single hyphens, such as `foster-care`");
            let suggestion = slugify(id);
            if is_id(&suggestion) {
                issue = issue.hint(format!("write it as `{suggestion}`"));
            }
            issues.push(issue);
        }
        if let Some(first) = self.defined.get(id) {
            issues.push(
                Issue::error(place, format!("{} id \"{id}\" is used twice", self.kind))
                    .expected(format!("each {} to have its own id", self.kind))
                    .hint("rename one of them; the other definition is shown below")
                    .related(first.clone()),
            );
        } else {
            self.defined.insert(id, place);
        }
    }

    /// Check a reference to an id of this kind.
    fn check(&self, id: &str, place: Place, issues: &mut Vec<Issue>) {
        if self.defined.contains_key(id) {
            return;
        }
        let mut issue = Issue::error(
            place,
            format!("there is no {} with the id \"{id}\"", self.kind),
        )
        .expected(format!(
            "the id of {} {} defined in the content",
            article(self.kind),
            self.kind
        ));
        issue = match closest(id, self.defined.keys().copied()) {
            Some(near) => issue
                .hint(format!("did you mean `{near}`?"))
                .related(self.defined[near].clone()),
            None => {
                let hint = if self.defined.is_empty() {
                    format!("no {} is defined yet", self.kind)
                } else {
                    let some: Vec<&str> = self.defined.keys().copied().take(8).collect();
                    format!("known ids include: {}", some.join(", "))
                };
                match &self.home {
                    Some(home) => issue.hint(hint).related(home.clone()),
                    None => issue.hint(hint),
                }
            }
        };
        issues.push(issue);
    }
}

/// The ids defined in a content folder, by kind, for resolving links in Markdown.
#[derive(Clone, Debug, Default)]
pub struct Ids {
    pub aims: BTreeSet<String>,
    pub priorities: BTreeSet<String>,
    pub actions: BTreeSet<String>,
    pub workstreams: BTreeSet<String>,
    pub metrics: BTreeSet<String>,
    pub pages: BTreeSet<String>,
    pub breakdowns: BTreeSet<String>,
    pub scenarios: BTreeSet<String>,
    pub glossary: BTreeSet<String>,
    pub asks: BTreeSet<String>,
}

impl Ids {
    pub fn of(c: &Content) -> Ids {
        Ids {
            aims: c.strategy.aims.iter().map(|a| a.id.clone()).collect(),
            priorities: c.strategy.priorities.iter().map(|p| p.id.clone()).collect(),
            actions: c.actions().map(|(_, a)| a.id.clone()).collect(),
            workstreams: c.workstreams.iter().map(|w| w.id.clone()).collect(),
            metrics: c.metrics.iter().map(|m| m.id.clone()).collect(),
            pages: c.pages.iter().map(|p| p.slug.clone()).collect(),
            breakdowns: c.breakdowns.iter().map(|b| b.id.clone()).collect(),
            scenarios: c.scenarios.iter().map(|s| s.id.clone()).collect(),
            glossary: c
                .market
                .iter()
                .flat_map(|m| m.glossary.terms.iter().map(|t| t.id.clone()))
                .collect(),
            asks: c
                .market
                .iter()
                .flat_map(|m| m.asks.asks.iter().map(|a| a.id.clone()))
                .collect(),
        }
    }

    /// The set of ids for a link scheme (`metric`, `action`, ...), if the scheme is known.
    pub fn for_scheme(&self, scheme: &str) -> Option<&BTreeSet<String>> {
        Some(match scheme {
            "aim" => &self.aims,
            "priority" => &self.priorities,
            "action" => &self.actions,
            "plan" => &self.workstreams,
            "metric" => &self.metrics,
            "page" => &self.pages,
            "breakdown" => &self.breakdowns,
            "scenario" => &self.scenarios,
            "glossary" => &self.glossary,
            "ask" => &self.asks,
            _ => return None,
        })
    }
}

/// The link schemes Markdown may use to point at content by id.
pub const LINK_SCHEMES: &[&str] = &[
    "aim",
    "priority",
    "action",
    "plan",
    "metric",
    "page",
    "breakdown",
    "scenario",
    "glossary",
    "ask",
];

/// Check everything that spans fields or files. Returns errors and warnings.
pub fn validate(c: &Content) -> Vec<Issue> {
    let mut issues = Vec::new();
    let s = &c.strategy;

    let mut aims = Registry::homed("aim", Place::new(STRATEGY_FILE, "aims"));
    for (i, a) in s.aims.iter().enumerate() {
        aims.define(
            &a.id,
            Place::new(STRATEGY_FILE, format!("aims[{i}].id")),
            &mut issues,
        );
    }
    let mut priorities = Registry::homed("priority", Place::new(STRATEGY_FILE, "priorities"));
    for (i, p) in s.priorities.iter().enumerate() {
        priorities.define(
            &p.id,
            Place::new(STRATEGY_FILE, format!("priorities[{i}].id")),
            &mut issues,
        );
    }
    let mut metrics = Registry::homed("metric", Place::new("metrics", ""));
    for m in &c.metrics {
        metrics.define(&m.id, Place::new(&m.file, "id"), &mut issues);
    }
    let mut workstreams = Registry::new("workstream");
    let mut actions = Registry::new("action");
    for w in &c.workstreams {
        workstreams.define(&w.id, Place::new(&w.file, "id"), &mut issues);
        for (i, a) in w.actions.iter().enumerate() {
            actions.define(
                &a.id,
                Place::new(&w.file, format!("actions[{i}].id")),
                &mut issues,
            );
        }
    }
    let mut breakdowns = Registry::new("breakdown");
    for b in &c.breakdowns {
        breakdowns.define(&b.id, Place::new(&b.file, "id"), &mut issues);
    }
    let mut sources = Registry::homed("source", Place::new(FACTS_FILE, "sources"));
    for (i, src) in c.facts.sources.iter().enumerate() {
        sources.define(
            &src.id,
            Place::new(FACTS_FILE, format!("sources[{i}].id")),
            &mut issues,
        );
    }
    let mut facts = Registry::new("fact");
    for (i, f) in c.facts.facts.iter().enumerate() {
        facts.define(
            &f.id,
            Place::new(FACTS_FILE, format!("facts[{i}].id")),
            &mut issues,
        );
    }
    let mut scenarios = Registry::new("scenario");
    for sc in &c.scenarios {
        scenarios.define(&sc.id, Place::new(&sc.file, "id"), &mut issues);
        for (j, m) in sc.metrics.iter().enumerate() {
            metrics.check(
                m,
                Place::new(&sc.file, format!("metrics[{j}]")),
                &mut issues,
            );
        }
        for (j, p) in sc.priorities.iter().enumerate() {
            priorities.check(
                p,
                Place::new(&sc.file, format!("priorities[{j}]")),
                &mut issues,
            );
        }
    }
    let mut pages = Registry::new("page");
    for p in &c.pages {
        let path = if p.front.slug.is_some() { "slug" } else { "" };
        pages.define(&p.slug, Place::new(&p.file, path), &mut issues);
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

    // Cross-references.
    for (i, p) in s.priorities.iter().enumerate() {
        for (j, aim) in p.aims.iter().enumerate() {
            aims.check(
                aim,
                Place::new(STRATEGY_FILE, format!("priorities[{i}].aims[{j}]")),
                &mut issues,
            );
        }
        for (j, m) in p.metrics.iter().enumerate() {
            metrics.check(
                m,
                Place::new(STRATEGY_FILE, format!("priorities[{i}].metrics[{j}]")),
                &mut issues,
            );
        }
    }
    for w in &c.workstreams {
        if w.actions.is_empty() {
            issues.push(
                Issue::warning(
                    Place::new(&w.file, "actions"),
                    "this workstream has no actions",
                )
                .hint("add at least one action, or remove the file"),
            );
        }
        for (i, a) in w.actions.iter().enumerate() {
            let at = |field: String| Place::new(&w.file, format!("actions[{i}].{field}"));
            for (j, p) in a.priorities.iter().enumerate() {
                priorities.check(p, at(format!("priorities[{j}]")), &mut issues);
            }
            for (j, aim) in a.aims.iter().enumerate() {
                aims.check(aim, at(format!("aims[{j}]")), &mut issues);
            }
            for (j, m) in a.metrics.iter().enumerate() {
                metrics.check(m, at(format!("metrics[{j}]")), &mut issues);
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
    for (i, f) in c.facts.facts.iter().enumerate() {
        if let Some(src) = &f.source {
            sources.check(
                src,
                Place::new(FACTS_FILE, format!("facts[{i}].source")),
                &mut issues,
            );
        }
        if let Some(m) = &f.metric {
            metrics.check(
                m,
                Place::new(FACTS_FILE, format!("facts[{i}].metric")),
                &mut issues,
            );
        }
        if !f.value.is_finite() {
            issues.push(Issue::error(
                Place::new(FACTS_FILE, format!("facts[{i}].value")),
                "the value is not a finite number",
            ));
        }
    }
    for m in &c.metrics {
        check_series(&m.series, &m.file, "series", true, &mut issues);
        let mut seen = BTreeMap::new();
        for (i, t) in m.targets.iter().enumerate() {
            if !t.value.is_finite() {
                issues.push(
                    Issue::error(
                        Place::new(&m.file, format!("targets[{i}].value")),
                        "the value is not a finite number",
                    )
                    .expected("a number such as 45 or 12.5"),
                );
            }
            let place = Place::new(&m.file, format!("targets[{i}].period"));
            if let Some(first) = seen.insert(t.period.text().to_string(), place.clone()) {
                issues.push(
                    Issue::error(place, format!("two targets for {}", t.period.text()))
                        .expected("one target per period")
                        .related(first),
                );
            }
        }
        let mut comparators = Registry::new("comparator");
        for (i, cmp) in m.comparators.iter().enumerate() {
            comparators.define(
                &cmp.id,
                Place::new(&m.file, format!("comparators[{i}].id")),
                &mut issues,
            );
            check_series(
                &cmp.series,
                &m.file,
                &format!("comparators[{i}].series"),
                false,
                &mut issues,
            );
        }
    }
    for b in &c.breakdowns {
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
                &mut issues,
            );
        }
    }
    validate_market(c, &priorities, &metrics, &scenarios, &facts, &mut issues);
    issues.extend(crate::colour::check(&c.site));
    issues
}

fn check_series(series: &[Point], file: &str, path: &str, required: bool, issues: &mut Vec<Issue>) {
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
        check_value_or_flag(p.value, p.flag.is_some(), place.clone(), issues);
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

// ---------------------------------------------------------------- market position statement
//
// Checks for `market/` (see `crate::market`): ids, references to the strategy, table shapes,
// counts of children, and withheld counts that a total would give away.

fn validate_market<'a>(
    c: &'a Content,
    priorities: &Registry<'a>,
    metrics: &Registry<'a>,
    scenarios: &Registry<'a>,
    facts: &Registry<'a>,
    issues: &mut Vec<Issue>,
) {
    use crate::market::{ASKS_FILE, Cell, GLOSSARY_FILE, MARKET_FILE};

    let rule = &c.site.suppression;
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
    let Some(m) = &c.market else {
        return;
    };
    let st = &m.statement;
    let at = |path: String| Place::new(MARKET_FILE, path);

    // market.yaml
    if let Some(ctx) = &st.context {
        for (i, f) in ctx.facts.iter().enumerate() {
            facts.check(f, at(format!("context.facts[{i}]")), issues);
        }
    }
    let mut intentions = Registry::homed("intention", at("intentions".into()));
    for (i, it) in st.intentions.iter().enumerate() {
        intentions.define(&it.id, at(format!("intentions[{i}].id")), issues);
        if let Some(p) = &it.priority {
            priorities.check(p, at(format!("intentions[{i}].priority")), issues);
        }
        for (j, t) in it.targets.iter().enumerate() {
            let here = |f: &str| at(format!("intentions[{i}].targets[{j}].{f}"));
            if let Some(mid) = &t.metric {
                metrics.check(mid, here("metric"), issues);
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
    }
    if let Some(fc) = &st.forecasts {
        for (i, s) in fc.scenarios.iter().enumerate() {
            scenarios.check(s, at(format!("forecasts.scenarios[{i}]")), issues);
        }
    }
    let mut routes = Registry::homed("route to market", at("procurement.routes".into()));
    let mut lots: BTreeMap<&str, Registry> = BTreeMap::new();
    if let Some(pr) = &st.procurement {
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
    }

    // Glossary.
    let mut terms = Registry::homed("glossary term", Place::new(GLOSSARY_FILE, "terms"));
    for (i, t) in m.glossary.terms.iter().enumerate() {
        terms.define(
            &t.id,
            Place::new(GLOSSARY_FILE, format!("terms[{i}].id")),
            issues,
        );
    }
    for (i, t) in m.glossary.terms.iter().enumerate() {
        for (j, s) in t.see.iter().enumerate() {
            terms.check(
                s,
                Place::new(GLOSSARY_FILE, format!("terms[{i}].see[{j}]")),
                issues,
            );
        }
    }

    // Counts of children: whole numbers, not negative.
    let whole = |v: f64, place: Place, issues: &mut Vec<Issue>| {
        if !v.is_finite() {
            issues.push(Issue::error(place, "the value is not a finite number"));
        } else if v < 0.0 || v.fract() != 0.0 {
            issues.push(
                Issue::error(place, format!("{v} is not a count of children"))
                    .expected("a whole number, 0 or more"),
            );
        }
    };

    // Tables.
    let mut tables = Registry::homed("market table", Place::new("market/demand", ""));
    for t in &m.tables {
        let here = |path: String| Place::new(&t.file, path);
        tables.define(&t.id, here("id".into()), issues);
        if let Some(mid) = &t.metric {
            metrics.check(mid, here("metric".into()), issues);
        }
        if t.columns.is_empty() {
            issues.push(
                Issue::error(here("columns".into()), "the table has no columns")
                    .expected("at least one `{ id: ..., label: ... }`"),
            );
        }
        let mut cols = Registry::homed("column", here("columns".into()));
        for (i, col) in t.columns.iter().enumerate() {
            cols.define(&col.id, here(format!("columns[{i}].id")), issues);
            if col.children == Some(true) && col.unit != crate::content::Unit::Count {
                issues.push(
                    Issue::error(here(format!("columns[{i}].children")), "only a count can count children")
                        .expected("`unit: count` with `children: true`")
                        .hint("for a share of a count of children, write `of: <the count column's id>` so it is withheld with it"),
                );
            }
            if col.total && col.unit != crate::content::Unit::Count {
                issues.push(
                    Issue::error(
                        here(format!("columns[{i}].total")),
                        "only a count column can be a total",
                    )
                    .expected("`unit: count` with `total: true`"),
                );
            }
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
        if t.rows.is_empty() {
            issues.push(
                Issue::error(here("rows".into()), "the table has no rows")
                    .expected("at least one `{ label: ..., values: [...] }`"),
            );
        }
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
                        whole(*v, place, issues);
                    } else if !v.is_finite() {
                        issues.push(Issue::error(place, "the value is not a finite number"));
                    }
                }
            }
        }
        if let Some(tr) = &t.trend {
            check_series(&tr.series, &t.file, "trend.series", true, issues);
            if t.trend_counts_children() {
                for (i, p) in tr.series.iter().enumerate() {
                    if let Some(v) = p.value {
                        whole(v, here(format!("trend.series[{i}].value")), issues);
                    }
                }
            }
        }
        let published = crate::market::publish(t, rule);
        issues.extend(crate::market::recoverable(t, &published));
    }

    // Asks and their categories.
    let a = &m.asks;
    let ask_place = |path: String| Place::new(ASKS_FILE, path);
    let category = |kind: &'static str,
                    field: &str,
                    list: &'a [crate::market::Category],
                    issues: &mut Vec<Issue>| {
        let mut reg = Registry::homed(kind, ask_place(field.to_string()));
        for (i, cat) in list.iter().enumerate() {
            reg.define(&cat.id, ask_place(format!("{field}[{i}].id")), issues);
            if let Some(g) = &cat.glossary {
                terms.check(g, ask_place(format!("{field}[{i}].glossary")), issues);
            }
        }
        reg
    };
    let types = category(
        "placement type",
        "placement_types",
        &a.placement_types,
        issues,
    );
    let ages = category("age band", "age_bands", &a.age_bands, issues);
    let needs = category("need", "needs", &a.needs, issues);
    let localities = category("locality", "localities", &a.localities, issues);
    let mut asks = Registry::new("ask");
    for (i, ask) in a.asks.iter().enumerate() {
        let here = |f: &str| ask_place(format!("asks[{i}].{f}"));
        asks.define(&ask.id, here("id"), issues);
        types.check(&ask.placement_type, here("type"), issues);
        if ask.ages.is_empty() {
            issues.push(
                Issue::error(here("ages"), "the ask names no age band")
                    .expected("at least one id from `age_bands`, such as `ages: [14-17]`"),
            );
        }
        for (j, x) in ask.ages.iter().enumerate() {
            ages.check(x, here(&format!("ages[{j}]")), issues);
        }
        for (j, x) in ask.needs.iter().enumerate() {
            needs.check(x, here(&format!("needs[{j}]")), issues);
        }
        localities.check(&ask.locality, here("locality"), issues);
        for (field, v) in [
            ("volume_now", ask.volume_now),
            ("volume_forecast", ask.volume_forecast),
        ] {
            if let Some(v) = v {
                whole(v, here(field), issues);
            }
        }
        match (&ask.route, &ask.lot) {
            (Some(r), lot) => {
                routes.check(r, here("route"), issues);
                if let (Some(l), Some(reg)) = (lot, lots.get(r.as_str())) {
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
            priorities.check(p, here("priority"), issues);
        }
        if let Some(s) = &ask.scenario {
            scenarios.check(s, here("scenario"), issues);
        }
        for (j, mid) in ask.metrics.iter().enumerate() {
            metrics.check(mid, here(&format!("metrics[{j}]")), issues);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert!(is_id("foster-care"));
        assert!(is_id("fc-07"));
        assert!(!is_id("Foster"));
        assert!(!is_id("-a"));
        assert!(!is_id("a--b"));
        assert!(!is_id(""));
        assert_eq!(slugify("Foster Care (in-house)"), "foster-care-in-house");
    }

    #[test]
    fn closest_suggests_typos() {
        let c = ["foster-care", "residential", "commissioning"];
        assert_eq!(closest("foster-car", c), Some("foster-care"));
        assert_eq!(closest("zzzzzz", c), None);
    }
}

//! Ids: what a valid id is, how to suggest one, "did you mean" for a mistyped one, and the
//! registries the checks use to find duplicate and dangling ids.

use std::collections::{BTreeMap, BTreeSet};

use super::{Issue, Place};
use crate::content::Content;
use crate::market::Section;

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
pub(super) struct Registry<'a> {
    kind: &'static str,
    defined: BTreeMap<&'a str, Place>,
    /// Where ids of this kind are defined, named by a broken reference with no near match.
    home: Option<Place>,
}

impl<'a> Registry<'a> {
    pub(super) fn homed(kind: &'static str, home: Place) -> Self {
        Registry {
            home: Some(home),
            ..Registry::new(kind)
        }
    }

    pub(super) fn new(kind: &'static str) -> Self {
        Registry {
            kind,
            home: None,
            defined: BTreeMap::new(),
        }
    }

    /// Record a definition, reporting a malformed or duplicate id.
    pub(super) fn define(&mut self, id: &'a str, place: Place, issues: &mut Vec<Issue>) {
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
    pub(super) fn check(&self, id: &str, place: Place, issues: &mut Vec<Issue>) {
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
///
/// `Ids::of` fills the ids the content defines. What a link may name without an id (a list
/// or overview page, `facts:`) and the sections of the strategy page and the pages of the
/// market position statement depend on the pages the generator builds, so the generator
/// fills `pages`, `strategy` and `market`.
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
    /// Key facts (facts.yaml).
    pub facts: BTreeSet<String>,
    /// Market demand and supply tables.
    pub tables: BTreeSet<String>,
    /// The market supply tables (the others are demand tables).
    pub supply_tables: BTreeSet<String>,
    /// Commissioning intentions (market.yaml).
    pub intentions: BTreeSet<String>,
    /// Routes to market (market.yaml `procurement.routes`).
    pub routes: BTreeSet<String>,
    /// The link schemes whose bare form (`facts:`, `priorities:`) names a page that is built.
    pub bare: BTreeSet<String>,
    /// The sections of the strategy page a link may name (`strategy:aims`).
    pub strategy: BTreeSet<String>,
    /// The pages of the market position statement a link may name (`market:asks`).
    pub market: BTreeSet<String>,
}

impl Ids {
    pub fn of(c: &Content) -> Ids {
        let market = c.market.as_ref();
        let statement = market.map(|m| &m.statement);
        Ids {
            aims: c.strategy.aims.iter().map(|a| a.id.clone()).collect(),
            priorities: c.strategy.priorities.iter().map(|p| p.id.clone()).collect(),
            actions: c.actions().map(|(_, a)| a.id.clone()).collect(),
            workstreams: c.workstreams.iter().map(|w| w.id.clone()).collect(),
            metrics: c.metrics.iter().map(|m| m.id.clone()).collect(),
            pages: c.pages.iter().map(|p| p.slug.clone()).collect(),
            breakdowns: c.breakdowns.iter().map(|b| b.id.clone()).collect(),
            scenarios: c.scenarios.iter().map(|s| s.id.clone()).collect(),
            glossary: market
                .iter()
                .flat_map(|m| m.glossary.terms.iter().map(|t| t.id.clone()))
                .collect(),
            asks: market
                .iter()
                .flat_map(|m| m.asks.asks.iter().map(|a| a.id.clone()))
                .collect(),
            facts: c.facts.facts.iter().map(|f| f.id.clone()).collect(),
            tables: market
                .iter()
                .flat_map(|m| m.tables.iter().map(|t| t.id.clone()))
                .collect(),
            supply_tables: market
                .iter()
                .flat_map(|m| m.tables_in(Section::Supply).map(|t| t.id.clone()))
                .collect(),
            intentions: statement
                .iter()
                .flat_map(|s| s.intentions.iter().map(|i| i.id.clone()))
                .collect(),
            routes: statement
                .iter()
                .flat_map(|s| s.procurement.iter())
                .flat_map(|p| p.routes.iter().map(|r| r.id.clone()))
                .collect(),
            bare: BTreeSet::new(),
            strategy: BTreeSet::new(),
            market: BTreeSet::new(),
        }
    }

    /// The ids a link scheme (`metric`, `action`, ...) accepts after its colon, if the scheme
    /// is known. Page schemes (`facts`, `priorities`, ...) accept none: see [`Ids::knows`].
    pub fn for_scheme(&self, scheme: &str) -> Option<&BTreeSet<String>> {
        static NONE: BTreeSet<String> = BTreeSet::new();
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
            "fact" => &self.facts,
            "table" => &self.tables,
            "intention" => &self.intentions,
            "route" => &self.routes,
            "strategy" => &self.strategy,
            "market" => &self.market,
            "home" | "priorities" | "measures" | "facts" | "scenarios" | "accessibility" => &NONE,
            _ => return None,
        })
    }

    /// Whether `scheme:id` names something that is published: an id of that kind, or, with
    /// no id, the page the scheme alone names (`facts:`, `plan:`). `None` for an unknown
    /// scheme.
    pub fn knows(&self, scheme: &str, id: &str) -> Option<bool> {
        let ids = self.for_scheme(scheme)?;
        Some(if id.is_empty() {
            self.bare.contains(scheme)
        } else {
            ids.contains(id)
        })
    }
}

/// The link schemes Markdown may use to point at content by id (`metric:ID`) or at a page
/// (`facts:`).
pub const LINK_SCHEMES: &[&str] = &[
    "home",
    "strategy",
    "aim",
    "priorities",
    "priority",
    "plan",
    "action",
    "measures",
    "metric",
    "facts",
    "fact",
    "breakdown",
    "scenarios",
    "scenario",
    "page",
    "accessibility",
    "market",
    "table",
    "ask",
    "intention",
    "route",
    "glossary",
];

/// The link schemes that name a page by themselves (`facts:`), with what that page is.
/// `plan:`, `strategy:` and `market:` also take an id or a section (`plan:foster-care`,
/// `strategy:aims`, `market:asks`); the others take none.
pub const PAGE_SCHEMES: &[(&str, &str)] = &[
    ("home", "the home page"),
    ("strategy", "the strategy page"),
    ("priorities", "the list of priorities"),
    ("plan", "the delivery plan"),
    ("measures", "the list of measures"),
    ("facts", "the facts and figures page"),
    ("scenarios", "the list of what-if forecasts"),
    ("accessibility", "the accessibility statement"),
    ("market", "the market position statement's overview"),
];

/// What one id of a link scheme is, for messages (`a fact`, `a section of the strategy
/// page`).
pub fn scheme_noun(scheme: &str) -> String {
    let noun = match scheme {
        "plan" => "workstream",
        "metric" => "measure",
        "fact" => "key fact",
        "table" => "market table",
        "intention" => "commissioning intention",
        "route" => "route to market",
        "glossary" => "glossary term",
        "strategy" => "section of the strategy page",
        "market" => "page of the market position statement",
        "scenario" => "what-if forecast",
        s => s,
    };
    format!("{} {noun}", article(noun))
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

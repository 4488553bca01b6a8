//! The market asks (`/market/asks/`): what the council wants providers to offer. Each ask
//! is one [`AskView`], from which its page entry, its JSON record, its CSV row and its
//! filter entry are all made. Volumes of children go through the small-number rule first.

use hearth_model::market::{
    self as mk, ASKS_FILE, Asks, Budget, Category, Market, Shown, Suppression,
};
use hearth_model::{Place, Unit, format};
use serde::Serialize;

use super::cells::{CellData, CellView, csv_cell};
use super::statement::{ContactRef, contact_ref, register_link};
use crate::render::csv::Csv;
use crate::render::filter::{self, Entry};
use crate::render::site::Site;
use crate::render::view::{Html, Link, PeriodView};

/// A category an ask is in (a placement type, an age band, a need, a locality).
#[derive(Debug, Clone, Serialize)]
pub struct CategoryRef {
    pub id: String,
    pub label: String,
    /// The glossary entry explaining it.
    pub glossary: Option<String>,
}

impl CategoryRef {
    fn of(list: &[Category], id: &str) -> CategoryRef {
        let c = list.iter().find(|c| c.id == id);
        CategoryRef {
            id: id.to_string(),
            label: c.map_or(id, |c| c.label.as_str()).to_string(),
            glossary: c
                .and_then(|c| c.glossary.as_ref())
                .map(|g| format!("market/glossary/#term-{g}")),
        }
    }
}

/// A published count of children.
#[derive(Debug, Clone, Serialize)]
pub struct Volume {
    #[serde(flatten)]
    pub cell: CellView,
    #[serde(skip)]
    pub shown: Shown,
}

#[derive(Debug, Clone, Serialize)]
pub struct LotRef {
    pub id: String,
    pub title: String,
}

/// The purchasing route (and lot) an ask is bought through.
#[derive(Debug, Clone, Serialize)]
pub struct RouteRef {
    pub id: String,
    pub name: String,
    pub href: String,
    pub lot: Option<LotRef>,
}

/// What the council expects to pay, as the content gives it.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    /// The budget for readers: the words as written, or the figure with its unit.
    pub text: String,
    pub note: Option<String>,
}

impl BudgetView {
    fn of(b: &Budget) -> BudgetView {
        match b {
            Budget::Text(t) => BudgetView {
                text: t.clone(),
                note: None,
            },
            Budget::Amount(a) => BudgetView {
                text: format::figure(&a.amount, a.unit, None),
                note: a.note.clone(),
            },
        }
    }
}

/// Which member council of a region an ask comes from (or the region itself), on the
/// region's joint asks page and in its open data.
#[derive(Debug, Clone, Serialize)]
pub struct MemberRef {
    /// The member's id in region.yaml; `None` for the region's own ask.
    pub id: Option<String>,
    /// The member's ONS area code, when region.yaml or its site.yaml gives one.
    pub code: Option<String>,
    /// The council's name (`site.authority`), or the region's.
    pub name: String,
    /// The ask on the member's own asks page, from the region's root (none for the region's
    /// own ask: it is on the joint page).
    pub href: Option<String>,
}

impl MemberRef {
    /// The region itself (its own asks and tables), by its name.
    pub fn region(name: &str) -> MemberRef {
        MemberRef {
            id: None,
            code: None,
            name: name.to_string(),
            href: None,
        }
    }

    /// A member council: its id in region.yaml, its code, its name and where the item is on
    /// its own pages.
    pub fn member(id: &str, code: Option<&str>, name: &str, href: Option<String>) -> MemberRef {
        MemberRef {
            id: Some(id.to_string()),
            code: code.map(str::to_string),
            name: name.to_string(),
            href,
        }
    }
}

/// A member's record in a region's open data (an ask, a table), with the member's keys first.
#[derive(Debug, Serialize)]
pub struct Attributed<'v, T> {
    pub member_code: Option<&'v str>,
    pub member_id: Option<&'v str>,
    pub member: &'v str,
    #[serde(flatten)]
    pub record: T,
}

impl<'v, T> Attributed<'v, T> {
    pub fn new(member: &'v MemberRef, record: T) -> Attributed<'v, T> {
        Attributed {
            member_code: member.code.as_deref(),
            member_id: member.id.as_deref(),
            member: &member.name,
            record,
        }
    }
}

/// An ask as every view shows it. A field the content leaves out is `None` or empty, and
/// no view fills it in.
#[derive(Debug, Serialize)]
pub struct AskView<'m> {
    pub id: String,
    /// Its anchor (`ask-<anchor>`) and filter id on the page: its id, or on a region's joint
    /// page `<member>--<id>` (ids never hold `--`, so no two clash).
    pub anchor: String,
    /// The path from the page's site root to the site the ask comes from (`councils/<id>/`
    /// for a member's ask on a region's joint page, else empty): its links start there.
    pub base: String,
    /// On a region's joint page, who the ask comes from; `None` on a council's own page.
    pub member: Option<MemberRef>,
    pub title: String,
    /// Its placement types, one or several.
    pub types: Vec<CategoryRef>,
    pub ages: Vec<CategoryRef>,
    pub needs: Vec<CategoryRef>,
    pub locality: Option<CategoryRef>,
    pub volume_now: Option<Volume>,
    pub volume_forecast: Option<Volume>,
    pub by: Option<PeriodView>,
    pub budget: Option<BudgetView>,
    pub route: Option<RouteRef>,
    /// Who to talk to about it.
    pub contact: Option<ContactRef>,
    /// Where to register interest (a checked web or mail address).
    pub register: Option<String>,
    pub priority: Option<Link>,
    pub scenario: Option<Link>,
    pub metrics: Vec<Link>,
    pub detail: Option<Html>,
    /// The detail as written (Markdown).
    pub detail_text: Option<String>,
    #[serde(skip)]
    pub source: &'m mk::Ask,
}

impl<'m> AskView<'m> {
    /// Ask `i` of the statement, for a page at depth `root`.
    pub fn new(site: &Site<'_>, m: &'m Market, i: usize, root: &str) -> AskView<'m> {
        let a = &m.asks.asks[i];
        let cats = &m.asks;
        let c = site.c;
        let rule = &c.site.suppression;
        let volume = |v: Option<f64>| {
            mk::publish_count(v, rule).map(|s| Volume {
                cell: CellView::of(s, Unit::Count, Some(0), rule),
                shown: s,
            })
        };
        let route = a.route.as_ref().and_then(|r| m.route(r)).map(|r| RouteRef {
            id: r.id.clone(),
            name: r.name.clone(),
            href: format!("market/procurement/#route-{}", r.id),
            lot: a
                .lot
                .as_ref()
                .and_then(|l| r.lots.iter().find(|x| &x.id == l))
                .map(|l| LotRef {
                    id: l.id.clone(),
                    title: l.title.clone(),
                }),
        });
        AskView {
            id: a.id.clone(),
            anchor: a.id.clone(),
            base: String::new(),
            member: None,
            title: a.title.clone(),
            types: a
                .types
                .iter()
                .map(|x| CategoryRef::of(&cats.placement_types, x))
                .collect(),
            ages: a
                .ages
                .iter()
                .map(|x| CategoryRef::of(&cats.age_bands, x))
                .collect(),
            needs: a
                .needs
                .iter()
                .map(|x| CategoryRef::of(&cats.needs, x))
                .collect(),
            locality: a
                .locality
                .as_ref()
                .map(|x| CategoryRef::of(&cats.localities, x)),
            volume_now: volume(a.volume_now),
            volume_forecast: volume(a.volume_forecast),
            by: PeriodView::opt(&a.by),
            budget: a.budget.as_ref().map(BudgetView::of),
            route,
            contact: a.contact.as_ref().and_then(|id| contact_ref(m, id)),
            register: register_link(&a.register),
            priority: a
                .priority
                .as_ref()
                .and_then(|p| c.priority(p))
                .map(|p| Link::new(&p.id, &p.title, format!("priorities/{}/", p.id))),
            scenario: a
                .scenario
                .as_ref()
                .and_then(|s| c.scenario(s))
                .map(|s| Link::new(&s.id, &s.title, format!("scenarios/{}/", s.id))),
            metrics: a
                .metrics
                .iter()
                .filter_map(|id| c.metric(id))
                .map(|mt| Link::new(&mt.id, &mt.title, format!("measures/{}/", mt.id)))
                .collect(),
            detail: site.md_opt(
                &a.detail,
                Place::new(ASKS_FILE, format!("asks[{i}].detail")),
                root,
                false,
            ),
            detail_text: a.detail.clone(),
            source: a,
        }
    }

    /// The ask as a region's joint page shows it: from `member`, whose site is at `base`
    /// (`councils/<id>/`, or empty for the region's own ask).
    pub fn attributed(mut self, member: MemberRef, base: &str) -> AskView<'m> {
        if let Some(id) = &member.id {
            self.anchor = format!("{id}--{}", self.id);
        }
        self.base = base.to_string();
        self.member = Some(member);
        self
    }

    /// The ask in the asks filter: placement type, ages, needs and locality; due by its
    /// date; found by its title, detail, categories and id.
    pub fn entry(&self) -> Entry {
        let mut text = vec![self.title.clone()];
        text.extend(self.detail_text.clone());
        text.extend(self.types.iter().map(|x| x.label.clone()));
        text.extend(self.ages.iter().map(|x| x.label.clone()));
        text.extend(self.needs.iter().map(|x| x.label.clone()));
        text.extend(self.locality.iter().map(|x| x.label.clone()));
        text.push(self.id.clone());
        let ids = |list: &[CategoryRef]| list.iter().map(|x| x.id.clone()).collect();
        Entry {
            id: self.anchor.clone(),
            keys: vec![
                ids(&self.types),
                ids(&self.ages),
                ids(&self.needs),
                self.locality.iter().map(|x| x.id.clone()).collect(),
            ],
            due: self
                .source
                .by
                .as_ref()
                .and_then(|b| b.end())
                .map(|d| d.to_days()),
            text,
        }
    }

    /// The ask in `/data/market.json`.
    pub fn record(&self, rule: &Suppression) -> AskRecord<'_> {
        let a = self.source;
        let cat = |c: &'_ CategoryRef| IdLabel {
            id: c.id.clone(),
            label: c.label.clone(),
        };
        let volume = |v: &Option<Volume>| v.as_ref().map(|v| CellData::of(v.shown, rule));
        AskRecord {
            id: &self.id,
            title: &self.title,
            types: self.types.iter().map(cat).collect(),
            ages: self.ages.iter().map(cat).collect(),
            needs: self.needs.iter().map(cat).collect(),
            locality: self.locality.as_ref().map(cat),
            volume_now: volume(&self.volume_now),
            volume_forecast: volume(&self.volume_forecast),
            by: a.by.as_ref().map(|b| b.text()),
            by_start: self.by.as_ref().and_then(|b| b.start.as_deref()),
            by_end: self.by.as_ref().and_then(|b| b.end.as_deref()),
            budget: a.budget.as_ref(),
            budget_text: self.budget.as_ref().map(|b| b.text.as_str()),
            route: a.route.as_deref(),
            lot: a.lot.as_deref(),
            contact: a.contact.as_deref(),
            register: self.register.as_deref(),
            priority: a.priority.as_deref(),
            scenario: a.scenario.as_deref(),
            metrics: &a.metrics,
            detail: a.detail.as_deref(),
            url: format!("{}market/asks/#ask-{}", self.base, a.id),
        }
    }
}

#[derive(Debug, Serialize)]
pub struct IdLabel {
    id: String,
    label: String,
}

/// An ask in `/data/market.json` (and, flattened, `/data/market/asks.csv`).
#[derive(Debug, Serialize)]
pub struct AskRecord<'v> {
    id: &'v str,
    title: &'v str,
    types: Vec<IdLabel>,
    ages: Vec<IdLabel>,
    needs: Vec<IdLabel>,
    locality: Option<IdLabel>,
    volume_now: Option<CellData>,
    volume_forecast: Option<CellData>,
    by: Option<&'v str>,
    by_start: Option<&'v str>,
    by_end: Option<&'v str>,
    /// The budget as written: text, or `{ amount, unit, note }`.
    budget: Option<&'v Budget>,
    /// The budget as the page shows it.
    budget_text: Option<&'v str>,
    route: Option<&'v str>,
    lot: Option<&'v str>,
    contact: Option<&'v str>,
    register: Option<&'v str>,
    priority: Option<&'v str>,
    scenario: Option<&'v str>,
    metrics: &'v [String],
    detail: Option<&'v str>,
    url: String,
}

/// The asks' filter index: placement type, age band, need and locality.
pub fn index(cats: &Asks, asks: &[AskView<'_>]) -> hearth_model::filter::Index {
    let values = |list: &[Category]| {
        list.iter()
            .map(|c| filter::value(&c.id, &c.label))
            .collect()
    };
    filter::index(
        vec![
            filter::facet("type", "Placement type", values(&cats.placement_types)),
            filter::facet("age", "Age band", values(&cats.age_bands)),
            filter::facet("need", "Need", values(&cats.needs)),
            filter::facet("locality", "Locality", values(&cats.localities)),
        ],
        asks.iter().map(AskView::entry),
    )
}

/// The columns of `/data/market/asks.csv`.
const CSV_COLUMNS: [&str; 19] = [
    "id",
    "title",
    "types",
    "ages",
    "needs",
    "locality",
    "volume_now",
    "volume_forecast",
    "by",
    "by_start",
    "by_end",
    "budget",
    "route",
    "lot",
    "contact",
    "register",
    "priority",
    "scenario",
    "url",
];

/// `/data/market/asks.csv`, from the same asks as the page and the JSON.
pub fn csv(asks: &[AskView<'_>], rule: &Suppression) -> String {
    let mut csv = Csv::new(CSV_COLUMNS);
    for v in asks {
        csv.row(csv_row(v, rule));
    }
    csv.finish()
}

/// A region's `/data/market/asks.csv`: each ask's member code and member id (empty for the
/// region's own asks), then the columns of a council's file; `asks` with the small-number
/// rule of the site each comes from.
pub fn joint_csv<'v, 'm: 'v>(
    asks: impl IntoIterator<Item = (&'v AskView<'m>, &'v Suppression)>,
) -> String {
    let mut csv = Csv::new(
        ["member_code", "member_id", "member"]
            .into_iter()
            .chain(CSV_COLUMNS),
    );
    for (v, rule) in asks {
        let member = v.member.as_ref();
        let mut row = vec![
            member.and_then(|m| m.code.clone()).unwrap_or_default(),
            member.and_then(|m| m.id.clone()).unwrap_or_default(),
            member.map(|m| m.name.clone()).unwrap_or_default(),
        ];
        row.extend(csv_row(v, rule));
        csv.row(row);
    }
    csv.finish()
}

/// An ask's cells in the columns [`CSV_COLUMNS`].
fn csv_row(v: &AskView<'_>, rule: &Suppression) -> Vec<String> {
    let a = v.source;
    let volume = |x: &Option<Volume>| {
        x.as_ref()
            .map(|x| csv_cell(x.shown, Some(0), rule))
            .unwrap_or_default()
    };
    let text = |x: &Option<String>| x.clone().unwrap_or_default();
    vec![
        a.id.clone(),
        a.title.clone(),
        a.types.0.join("; "),
        a.ages.join("; "),
        a.needs.join("; "),
        text(&a.locality),
        volume(&v.volume_now),
        volume(&v.volume_forecast),
        a.by.as_ref()
            .map(|b| b.text().to_string())
            .unwrap_or_default(),
        v.by.as_ref()
            .and_then(|b| b.start.clone())
            .unwrap_or_default(),
        v.by.as_ref()
            .and_then(|b| b.end.clone())
            .unwrap_or_default(),
        v.budget
            .as_ref()
            .map(|b| b.text.clone())
            .unwrap_or_default(),
        text(&a.route),
        text(&a.lot),
        text(&a.contact),
        v.register.clone().unwrap_or_default(),
        text(&a.priority),
        text(&a.scenario),
        format!("{}market/asks/#ask-{}", v.base, a.id),
    ]
}

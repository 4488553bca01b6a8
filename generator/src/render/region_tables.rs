//! The market tables of a region's joint market position statement, in the region's own site:
//!
//! - `/market/tables/`: every demand and supply table the councils publish (the region's own
//!   statement and each member's), by id: the tables two or more of them publish with the
//!   same columns, linked to their joint page; the tables whose columns differ (from the
//!   joint table's, or with no two alike), each linked on its council's own pages; and the
//!   tables only one council publishes;
//! - `/market/tables/<id>/`: one joint table, a group of rows per council (a `rowgroup`
//!   heading naming the council, linked to the table on its own pages), each council's rows
//!   and total row exactly as its own page shows them: its cells under its own small-number
//!   rule, its flags, dates and source;
//! - `/data/market/tables/<id>.csv` and `.json`: the same rows keyed by member code and id.
//!
//! Nothing is computed across councils: no regional total (a sum over members could let a
//! reader work out a member's withheld figure, and would be a figure no council gave). Each
//! council's table is the council page's own [`TableView`] (without its charts:
//! [`PublishedTable::figures_view`]) and [`TableRecord`], with who it comes from beside it.

use std::collections::BTreeMap;

use hearth_model::market::{Market, Section, Suppression, Table};
use serde::Serialize;

use super::csv::Csv;
use super::filter::{self, FilterView};
use super::market::asks::{Attributed, MemberRef};
use super::market::tables::{self, PublishedTable, TableRecord, TableView, csv_lines};
use super::region::COUNCILS;
use super::region_market::NAV_KEY;
use super::site::{Setting, Site};
use super::view::{FlagView, Html, SourceView};
use crate::load::region::Region;

/// The index of the joint tables, under the region's root.
pub const INDEX: &str = "market/tables/index.html";
/// The filter and section key of the region's own statement (a member's are its id and
/// `member-<id>`).
const REGION_KEY: &str = "the-region";

/// One council's (or the region's own) market table.
struct Part<'m> {
    member: MemberRef,
    /// Its filter key (the member's id, `the-region` for the region's own table).
    key: String,
    /// Its row group's id on a joint page.
    section: String,
    /// The path from the region's root to its site (`councils/<id>/`, or empty).
    base: String,
    rule: &'m Suppression,
    table: PublishedTable<'m>,
    view: TableView,
}

impl Part<'_> {
    /// Its table on its own pages, from the region's root.
    fn href(&self) -> String {
        format!("{}{}", self.base, tables::url(self.table.table))
    }

    /// What must match for two councils' tables to be one joint table: the row-label
    /// heading and, column by column, the id, kind, unit, heading and period.
    fn columns(&self) -> Vec<String> {
        let t = self.table.table;
        std::iter::once(t.dimension.clone())
            .chain(t.columns.iter().map(|c| {
                format!(
                    "{}\u{1f}{:?}\u{1f}{:?}\u{1f}{}\u{1f}{}",
                    c.id,
                    c.kind,
                    c.unit,
                    c.label,
                    c.period.as_ref().map(|p| p.text()).unwrap_or_default()
                )
            }))
            .collect()
    }
}

/// Every market table of the region's own statement and its members', in order (the region
/// first, then the members in region.yaml's order), as each one's own page publishes it.
fn parts<'m>(site: &Site<'m>, region: &'m Region) -> Vec<Part<'m>> {
    let mut out = Vec::new();
    let depth = "../../../";
    let c = site.c;
    let own = MemberRef::region(&c.site.authority);
    if let Some(m) = &c.market {
        for t in market_tables(m) {
            let table = PublishedTable::new(t, &c.site.suppression);
            let view = table.figures_view(site, depth);
            out.push(Part {
                member: own.clone(),
                key: REGION_KEY.into(),
                section: REGION_KEY.into(),
                base: String::new(),
                rule: &c.site.suppression,
                table,
                view,
            });
        }
    }
    // A member's Markdown is rendered with its own ids and links; problems in it are
    // reported once, by the member's own site.
    let setting = Setting::default();
    for mp in &region.members {
        let id = &mp.member.id;
        let mc = &mp.project.current.content;
        let Some(m) = &mc.market else { continue };
        let base = format!("{COUNCILS}/{id}/");
        let msite = Site::new(
            &mp.project.current,
            site.templates(),
            &mp.project.history,
            &setting,
        );
        let root = format!("{depth}{base}");
        for t in market_tables(m) {
            let table = PublishedTable::new(t, &mc.site.suppression);
            let view = table.figures_view(&msite, &root);
            out.push(Part {
                member: MemberRef::member(id, mp.member.code.as_deref(), &mc.site.authority, None),
                key: id.clone(),
                section: format!("member-{id}"),
                base: base.clone(),
                rule: &mc.site.suppression,
                table,
                view,
            });
        }
    }
    out
}

/// A statement's demand and supply tables.
fn market_tables(m: &Market) -> impl Iterator<Item = &Table> {
    m.tables.iter().filter(|t| t.section != Section::Facts)
}

/// The tables of one id: the joint table's, and those whose columns differ from them.
struct Group<'p, 'm> {
    id: String,
    /// With `joint`, the parts of the joint table; else every part of the id.
    parts: Vec<&'p Part<'m>>,
    /// With `joint`, the parts whose columns differ from the joint table's.
    others: Vec<&'p Part<'m>>,
    /// Two or more sources publish the id with the same columns.
    joint: bool,
}

/// The parts by table id, in the order the ids first appear. Of an id's parts, those with the
/// columns most of them share (on a tie, the columns of the first) make its joint table, when
/// they are two or more.
fn groups<'p, 'm>(parts: &'p [Part<'m>]) -> Vec<Group<'p, 'm>> {
    let mut order: BTreeMap<&str, usize> = BTreeMap::new();
    let mut out: Vec<Group<'p, 'm>> = Vec::new();
    for p in parts {
        let id = p.table.table.id.as_str();
        match order.get(id) {
            Some(&i) => out[i].parts.push(p),
            None => {
                order.insert(id, out.len());
                out.push(Group {
                    id: id.to_string(),
                    parts: vec![p],
                    others: Vec::new(),
                    joint: false,
                });
            }
        }
    }
    for g in &mut out {
        let columns: Vec<Vec<String>> = g.parts.iter().map(|p| p.columns()).collect();
        let count = |c: &Vec<String>| columns.iter().filter(|d| *d == c).count();
        // The first of the most shared (`max_by_key` keeps the last of equals).
        let Some(best) = columns.iter().rev().max_by_key(|c| count(c)) else {
            continue;
        };
        if count(best) < 2 {
            continue;
        }
        let best = best.clone();
        let (joint, others): (Vec<_>, Vec<_>) = std::mem::take(&mut g.parts)
            .into_iter()
            .zip(columns)
            .partition(|(_, c)| *c == best);
        g.parts = joint.into_iter().map(|(p, _)| p).collect();
        g.others = others.into_iter().map(|(p, _)| p).collect();
        g.joint = true;
    }
    out
}

/// A council's table, linked on its own pages (on the index).
#[derive(Serialize)]
struct TableLinkView {
    council: String,
    region: bool,
    title: String,
    href: String,
    csv: String,
}

#[derive(Serialize)]
struct GroupView {
    id: String,
    title: String,
    /// Its joint page, from the region's root (none when no two councils publish it with the
    /// same columns).
    href: Option<String>,
    tables: Vec<TableLinkView>,
}

#[derive(Serialize)]
struct IndexPage {
    title: &'static str,
    joint: Vec<GroupView>,
    differ: Vec<GroupView>,
    single: Vec<GroupView>,
}

/// One council's rows in a joint table: the council page's own view of its table, with who
/// it comes from.
#[derive(Serialize)]
struct PartView<'v> {
    section: String,
    name: String,
    region: bool,
    /// Its table on its own pages, from the region's root.
    href: String,
    /// Its table's title, when it is not the joint table's.
    title: Option<String>,
    /// Its dates, when the councils' dates differ.
    dates: Option<String>,
    table: &'v TableView,
    /// Its source and notes, at the foot of the joint table.
    source: Option<&'v SourceView>,
    note: Option<&'v Html>,
}

#[derive(Serialize, PartialEq, Eq, PartialOrd, Ord)]
struct WithheldNote {
    symbol: String,
    note: String,
    councils: Vec<String>,
    /// The row groups (`tbody` ids) of the councils it is about: the council filter hides the
    /// note while it hides all of them.
    sections: Vec<String>,
}

#[derive(Serialize)]
struct JointPage<'v> {
    title: String,
    id: String,
    lead: String,
    dimension: String,
    columns: &'v [tables::ColumnView],
    column_groups: &'v [tables::ColumnGroup],
    /// The councils' dates, when they are all the same.
    dates: Option<String>,
    parts: Vec<PartView<'v>>,
    withheld: Vec<WithheldNote>,
    flags: Vec<FlagView>,
    filters: FilterView,
    rows: usize,
    csv: String,
    json: String,
}

/// `/market/tables/`, a page per joint table and its data. Returns whether the region's site
/// has the index (some council publishes a demand or supply table).
pub fn render(site: &mut Site<'_>, region: &Region) -> bool {
    let parts = parts(site, region);
    if parts.is_empty() {
        return false;
    }
    let groups = groups(&parts);
    let link = |p: &Part<'_>| TableLinkView {
        council: p.member.name.clone(),
        region: p.member.id.is_none(),
        title: p.table.table.title.clone(),
        href: p.href(),
        csv: format!(
            "{}{}/{}.csv",
            p.base,
            tables::data_folder(p.table.table),
            p.table.table.id
        ),
    };
    let href = |g: &Group<'_, '_>| g.joint.then(|| format!("market/tables/{}/", g.id));
    let view = |g: &Group<'_, '_>| GroupView {
        id: g.id.clone(),
        title: g.parts[0].table.table.title.clone(),
        href: href(g),
        tables: g.parts.iter().map(|p| link(p)).collect(),
    };
    // An id's tables whose columns differ: all of them, or those left out of its joint table.
    let differ = |g: &Group<'_, '_>| GroupView {
        id: g.id.clone(),
        title: g.parts[0].table.table.title.clone(),
        href: href(g),
        tables: if g.joint { &g.others } else { &g.parts }
            .iter()
            .map(|p| link(p))
            .collect(),
    };
    let page = IndexPage {
        title: "The councils’ figures on demand and supply",
        joint: groups.iter().filter(|g| g.joint).map(view).collect(),
        differ: groups
            .iter()
            .filter(|g| (!g.joint && g.parts.len() > 1) || !g.others.is_empty())
            .map(differ)
            .collect(),
        single: groups
            .iter()
            .filter(|g| g.parts.len() == 1)
            .map(view)
            .collect(),
    };
    site.page(INDEX, "region_market_tables.html", NAV_KEY, &page);
    for g in groups.iter().filter(|g| g.joint) {
        joint_page(site, g);
        open_data(site, g);
    }
    true
}

/// `/market/tables/<id>/`.
fn joint_page(site: &mut Site<'_>, g: &Group<'_, '_>) {
    let first = &g.parts[0].view;
    let dates: Vec<Option<&String>> = g.parts.iter().map(|p| p.view.dates.as_ref()).collect();
    let same_dates = dates.iter().all(|d| *d == dates[0]);
    let mut withheld: BTreeMap<(String, String), (Vec<String>, Vec<String>)> = BTreeMap::new();
    for p in g.parts.iter().filter(|p| p.view.withheld) {
        let (names, sections) = withheld
            .entry((p.rule.symbol.clone(), p.rule.note_text()))
            .or_default();
        if !names.contains(&p.member.name) {
            names.push(p.member.name.clone());
        }
        sections.push(p.section.clone());
    }
    let mut flags: BTreeMap<&str, FlagView> = BTreeMap::new();
    for f in g.parts.iter().flat_map(|p| &p.view.flags) {
        flags.entry(f.symbol).or_insert_with(|| f.clone());
    }
    let councils: Vec<&str> = g.parts.iter().map(|p| p.member.name.as_str()).collect();
    let rows = g
        .parts
        .iter()
        .map(|p| p.view.rows.len() + usize::from(p.view.total.is_some()))
        .sum();
    let page = JointPage {
        title: first.title.clone(),
        id: g.id.clone(),
        lead: lead(&councils),
        dimension: first.dimension.clone(),
        columns: &first.columns,
        column_groups: &first.column_groups,
        dates: if same_dates {
            first.dates.clone()
        } else {
            None
        },
        parts: g
            .parts
            .iter()
            .map(|p| PartView {
                section: p.section.clone(),
                name: p.member.name.clone(),
                region: p.member.id.is_none(),
                href: p.href(),
                title: (p.view.title != first.title).then(|| p.view.title.clone()),
                dates: if same_dates {
                    None
                } else {
                    p.view.dates.clone()
                },
                table: &p.view,
                source: p.view.source.as_ref(),
                note: p.view.note.as_ref(),
            })
            .collect(),
        withheld: withheld
            .into_iter()
            .map(|((symbol, note), (councils, sections))| WithheldNote {
                symbol,
                note,
                councils,
                sections,
            })
            .collect(),
        flags: flags.into_values().collect(),
        filters: FilterView::new(&index(g), &format!("table-{}", g.id)),
        rows,
        csv: format!("data/market/tables/{}.csv", g.id),
        json: format!("data/market/tables/{}.json", g.id),
    };
    site.page(
        &format!("market/tables/{}/index.html", g.id),
        "region_market_table.html",
        NAV_KEY,
        &page,
    );
}

/// The joint table's filter: by council, over its rows (each council's total row with them).
fn index(g: &Group<'_, '_>) -> hearth_model::filter::Index {
    let mut seen = Vec::new();
    let members = g
        .parts
        .iter()
        .filter(|p| {
            let new = !seen.contains(&p.key);
            seen.push(p.key.clone());
            new
        })
        .map(|p| filter::value(&p.key, &p.member.name))
        .collect();
    let entries = g.parts.iter().enumerate().flat_map(|(i, p)| {
        p.view
            .rows
            .iter()
            .chain(p.view.total.iter())
            .enumerate()
            .map(move |(k, r)| filter::Entry {
                id: row_id(i, k),
                keys: vec![vec![p.key.clone()]],
                due: None,
                text: vec![r.label.clone(), p.member.name.clone()],
            })
    });
    filter::index(vec![filter::facet("member", "Council", members)], entries)
}

/// A row's id on a joint page: its council's position and its own.
fn row_id(part: usize, row: usize) -> String {
    format!("{part}-{row}")
}

/// The joint page's lead, from what it holds.
fn lead(councils: &[&str]) -> String {
    let names = match councils {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    };
    format!(
        "This table as {names} each publish it, one council after another: each council’s rows are its own figures, as its own pages show them, and link to its table there. The figures are not added up across the councils."
    )
}

#[derive(Serialize)]
struct JointRecord<'v> {
    region: &'v str,
    id: &'v str,
    title: &'v str,
    /// The councils' tables, in the joint page's order.
    members: Vec<Attributed<'v, TableRecord<'v>>>,
}

/// `/data/market/tables/<id>.csv` and `.json`.
fn open_data(site: &mut Site<'_>, g: &Group<'_, '_>) {
    let first = g.parts[0].table.table;
    let mut csv = Csv::new(
        [
            "member_code",
            "member_id",
            "member",
            "row",
            &first.dimension,
            "start",
            "end",
        ]
        .into_iter()
        .chain(first.columns.iter().map(|c| c.id.as_str())),
    );
    for p in &g.parts {
        for line in csv_lines(p.table.table, &p.table.cells, p.rule) {
            let mut row = vec![
                p.member.code.clone().unwrap_or_default(),
                p.member.id.clone().unwrap_or_default(),
                p.member.name.clone(),
            ];
            row.extend(line);
            csv.row(row);
        }
    }
    let stem = format!("data/market/tables/{}", g.id);
    site.text(&format!("{stem}.csv"), csv.finish());
    let region = site.c.site.authority.clone();
    let record = JointRecord {
        region: &region,
        id: &g.id,
        title: &first.title,
        members: g
            .parts
            .iter()
            .map(|p| Attributed::new(&p.member, p.table.record(p.rule).rebase(&p.base)))
            .collect(),
    };
    site.json(&format!("{stem}.json"), &record);
    site.data_titles.insert(
        stem,
        (
            format!("{} across the region", first.title),
            "Each council's rows of this market table as its own pages publish them (its withheld figures withheld under its own rule), keyed by member code and member id (empty for the region's own table); `row` says whether a line is one of its rows or its total row. There is no regional total.".into(),
        ),
    );
}

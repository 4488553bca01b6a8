//! A regional site (`region.yaml`): the region's own site at the root, every member's whole
//! site under `/councils/<id>/` (sharing the region's copy of the theme's static files when
//! the member's theme has the same ones), `/councils/` listing the members, and for every
//! measure members share `/compare/<id>/` with each member's latest figure, a trend chart, the
//! targets and the regional figure made as region.yaml declares, with its open data
//! (`/data/compare/<id>.csv` and `.json`, keyed by member code and id).

use charming::component::{Axis, Legend};
use charming::datatype::CompositeValue;
use charming::element::{AxisType, ItemStyle, LineStyle};
use charming::series::Line;
use hearth_model::region::{Combine, MemberFigures, Regional, regional};
use hearth_model::{Metric, Period, Point, analysis, format};
use serde::Serialize;

use super::Rendered;
use super::charts::{self, PALETTE};
use super::common::NavItem;
use super::csv::Csv;
use super::measures::MeasureChart;
use super::site::{CouncilLink, RegionNav, Setting, Site};
use super::templates::Templates;
use super::view::{ChartView, FlagView};
use crate::load::region::{MemberProject, Region, measure};

/// Where the members' sites are.
pub const COUNCILS: &str = "councils";
/// Where the comparisons are.
pub const COMPARE: &str = "compare";

/// The navigation a region adds: from the region to its councils and comparisons, from a
/// member back to the region.
pub fn nav(nav: &mut Vec<NavItem>, setting: &Setting) {
    let item = |key: &str, title: &str, href: &str| NavItem {
        key: key.into(),
        title: title.into(),
        href: href.into(),
    };
    match &setting.region {
        None => {}
        Some(RegionNav::Root { compare }) => {
            nav.push(item(COUNCILS, "Councils", "councils/"));
            if *compare {
                nav.push(item(COMPARE, "Compare", "compare/"));
            }
        }
        Some(RegionNav::Member { region, up }) => {
            nav.push(item("region", &format!("Region: {region}"), up));
        }
    }
}

/// Render a region: its own site with the region's pages, each member under
/// `/councils/<id>/`, the theme's static files once (or per member whose theme differs),
/// then every link of the whole site checked.
pub fn render(region: &Region) -> Rendered {
    let own = &region.own;
    let (templates, compile_errors) = Templates::new(&own.theme, &own.current.root);
    let comparisons = comparisons(region);
    let setting = Setting {
        assets_up: String::new(),
        region: Some(RegionNav::Root {
            compare: !comparisons.is_empty(),
        }),
        councils: region
            .members
            .iter()
            .map(|mp| {
                let c = &mp.project.current.content;
                CouncilLink {
                    authority: c.site.authority.clone(),
                    href: format!("{COUNCILS}/{}/", mp.member.id),
                    actions: c.actions().count(),
                    measures: c.metrics.len(),
                }
            })
            .collect(),
    };
    let mut rendered = super::render_project(own, &templates, &setting, &mut |site| {
        pages(site, region, &comparisons);
    });
    rendered.template_failed |= !compile_errors.is_empty();
    rendered.diagnostics.extend(compile_errors);
    let region_name = own.current.content.site.authority.clone();
    for (mp, (r, shared)) in region.members.iter().zip(members(region, &region_name)) {
        let p = &mp.project;
        let id = &mp.member.id;
        rendered.diagnostics.extend(r.diagnostics);
        rendered.template_failed |= r.template_failed;
        rendered.pages += r.pages;
        let prefix = format!("{COUNCILS}/{id}/");
        for (path, bytes) in r.files {
            // The region's sitemap and headers serve the whole site.
            if path == "sitemap.xml" || path == "_headers" {
                continue;
            }
            rendered.files.insert(format!("{prefix}{path}"), bytes);
        }
        if !shared {
            super::add_statics(&mut rendered, &p.theme, &prefix);
        }
    }
    // The region's sitemap lists the members' current pages too (not earlier editions, as
    // for a site on its own).
    let base = own
        .current
        .content
        .site
        .base_url
        .clone()
        .unwrap_or_default();
    let base = if base.is_empty() || base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    };
    let current = rendered
        .files
        .keys()
        .filter(|k| !k.starts_with("editions/") && !k.contains("/editions/"));
    let xml = super::files::sitemap_xml(&base, current);
    rendered
        .files
        .insert("sitemap.xml".into(), xml.into_bytes());
    // The region's search covers its members' current pages too.
    super::search::region_index(&mut rendered.files);
    super::add_statics(&mut rendered, &own.theme, "");
    let sources: Vec<_> = own
        .sources()
        .chain(region.members.iter().flat_map(|m| m.project.sources()))
        .collect();
    super::check_links(&mut rendered, &sources);
    rendered
}

/// A measure compared across members.
#[derive(Debug)]
pub struct Comparison<'a> {
    pub id: String,
    pub combine: Combine,
    /// The members that have it, with their measure.
    pub members: Vec<(&'a MemberProject, &'a Metric)>,
    pub regional: Regional,
}

/// Every measure at least two members have (same id, or mapped in region.yaml), and every
/// measure region.yaml names, in id order.
pub fn comparisons(region: &Region) -> Vec<Comparison<'_>> {
    let spec = &region.spec;
    let mut ids = std::collections::BTreeSet::new();
    for mp in &region.members {
        for m in &mp.project.current.content.metrics {
            // A member's own id, or the region's id it is mapped to.
            let mapped = spec
                .measures
                .iter()
                .find(|(_, rm)| rm.members.get(&mp.member.id) == Some(&m.id))
                .map(|(id, _)| id.clone());
            ids.insert(mapped.unwrap_or_else(|| m.id.clone()));
        }
    }
    let mut out = Vec::new();
    for id in ids {
        let members: Vec<_> = region
            .members
            .iter()
            .filter_map(|mp| measure(spec, mp, &id).map(|m| (mp, m)))
            .collect();
        if members.len() < 2 && !spec.measures.contains_key(&id) {
            continue;
        }
        let rule = spec.measures.get(&id);
        let combine = rule.map(|r| r.combine).unwrap_or_default();
        let figures: Vec<MemberFigures<'_>> = members
            .iter()
            .map(|(mp, m)| MemberFigures {
                member: &mp.project.current.content.site.authority,
                latest: latest_point(m),
                numerator: rule.and_then(|r| series(region, r.numerator.as_ref(), mp)),
                denominator: rule.and_then(|r| series(region, r.denominator.as_ref(), mp)),
            })
            .collect();
        let all = members.len() == region.members.len();
        let regional = match members.first() {
            Some((_, m)) => regional(combine, m.unit, &figures, all),
            None => Regional::Absent("No member publishes this measure.".into()),
        };
        out.push(Comparison {
            id,
            combine,
            members,
            regional,
        });
    }
    out
}

/// A member's points of the region's measure `which`.
fn series<'a>(
    region: &Region,
    which: Option<&String>,
    mp: &'a MemberProject,
) -> Option<&'a [Point]> {
    which
        .and_then(|w| measure(&region.spec, mp, w))
        .map(|m| m.series.as_slice())
}

#[derive(Serialize)]
struct MemberView {
    id: String,
    code: Option<String>,
    authority: String,
    title: String,
    href: String,
    covers: Option<String>,
    published: String,
    measures: usize,
}

#[derive(Serialize)]
struct CouncilsPage {
    title: &'static str,
    members: Vec<MemberView>,
    compared: usize,
}

#[derive(Serialize)]
struct LatestView {
    id: String,
    code: Option<String>,
    authority: String,
    href: String,
    value: Option<String>,
    period: Option<String>,
    flag: Option<FlagView>,
    note: Option<String>,
    target: Option<String>,
}

#[derive(Serialize)]
struct RegionalView {
    value: Option<String>,
    period: Option<String>,
    why: Option<String>,
    rule: &'static str,
}

#[derive(Serialize)]
struct TrendRow {
    period: String,
    cells: Vec<String>,
}

#[derive(Serialize)]
struct ComparePage {
    title: String,
    id: String,
    unit: &'static str,
    polarity: &'static str,
    members: Vec<LatestView>,
    regional: RegionalView,
    figure: Option<MeasureChart>,
    authorities: Vec<String>,
    trend: Vec<TrendRow>,
    flags: Vec<FlagView>,
    csv: String,
    json: String,
    missing: Vec<String>,
}

#[derive(Serialize)]
struct CompareIndexRow {
    id: String,
    title: String,
    href: String,
    members: usize,
    regional: RegionalView,
}

#[derive(Serialize)]
struct CompareIndex {
    title: &'static str,
    rows: Vec<CompareIndexRow>,
}

fn rule_words(c: Combine) -> &'static str {
    match c {
        Combine::None => "The region does not combine this measure into a regional figure.",
        Combine::Sum => "The members' counts added up, for one period.",
        Combine::Rate => {
            "A rate from the members' numerators and denominators added up, for one period (rates are never averaged)."
        }
    }
}

fn regional_view(c: &Comparison<'_>, m: &Metric) -> RegionalView {
    match &c.regional {
        Regional::Figure { value, period } => {
            let places = c
                .members
                .iter()
                .filter_map(|(_, m)| analysis::latest_two(m).0)
                .filter_map(|p| p.value.as_ref()?.exact_num())
                .map(|n| n.decimals)
                .max()
                .unwrap_or(0)
                .max(if c.combine == Combine::Rate { 1 } else { 0 });
            RegionalView {
                value: Some(format::value(*value, m.unit, places)),
                period: Some(period.label()),
                why: None,
                rule: rule_words(c.combine),
            }
        }
        Regional::Absent(why) => RegionalView {
            value: None,
            period: None,
            // Not combined at all: the rule says so, once.
            why: (c.combine != Combine::None).then(|| why.clone()),
            rule: rule_words(c.combine),
        },
    }
}

fn member_href(mp: &MemberProject, m: &Metric) -> String {
    format!("{COUNCILS}/{}/measures/{}/", mp.member.id, m.id)
}

/// A member's latest point with a figure or a flag: a withheld latest figure is the latest
/// (so the regional figure is absent and says why), never skipped for an earlier one.
fn latest_point(m: &Metric) -> Option<&Point> {
    m.series
        .iter()
        .filter(|p| p.value.is_some() || p.flag.is_some())
        .max_by(|a, b| a.period.cmp(&b.period))
}

fn latest_view(mp: &MemberProject, m: &Metric) -> LatestView {
    let latest = latest_point(m);
    LatestView {
        id: mp.member.id.clone(),
        code: mp.member.code.clone(),
        authority: mp.project.current.content.site.authority.clone(),
        href: member_href(mp, m),
        value: latest
            .and_then(|p| p.value.as_ref())
            .map(|f| analysis::figure(m, f)),
        period: latest.map(|p| p.period.label()),
        flag: latest.and_then(|p| p.flag).map(FlagView::of),
        note: latest.and_then(|p| p.note.clone()),
        target: analysis::current_target(m).map(|t| analysis::target_words(m, t)),
    }
}

/// The periods any member has a figure for, in time order.
fn periods(c: &Comparison<'_>) -> Vec<Period> {
    let mut all: Vec<Period> = c
        .members
        .iter()
        .flat_map(|(_, m)| m.series.iter().map(|p| p.period.clone()))
        .collect();
    all.sort();
    all.dedup_by(|a, b| a.sort_key() == b.sort_key());
    all
}

fn at<'m>(m: &'m Metric, p: &Period) -> Option<&'m Point> {
    m.series
        .iter()
        .find(|x| x.period.sort_key() == p.sort_key())
}

fn cell_text(m: &Metric, p: Option<&Point>) -> String {
    match p {
        Some(x) => match (&x.value, x.flag) {
            (Some(v), _) => analysis::figure(m, v),
            (None, Some(f)) => f.symbol().to_string(),
            (None, None) => "–".into(),
        },
        None => "–".into(),
    }
}

fn chart(c: &Comparison<'_>, periods: &[Period]) -> Option<charming::Chart> {
    let labels: Vec<String> = periods.iter().map(Period::label).collect();
    let mut chart = charts::base()
        .legend(Legend::new().bottom(0))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value));
    let mut anything = false;
    for (i, (mp, m)) in c.members.iter().enumerate() {
        let colour = PALETTE[i % PALETTE.len()];
        let data: Vec<Option<f64>> = periods
            .iter()
            .map(|p| at(m, p).and_then(Point::number))
            .collect();
        anything |= data.iter().any(Option::is_some);
        chart = chart.series(
            Line::new()
                .name(mp.project.current.content.site.authority.as_str())
                .data(data.into_iter().map(CompositeValue::from).collect())
                .connect_nulls(true)
                .symbol(charts::symbol_for(i))
                .symbol_size(8)
                .line_style(
                    LineStyle::new()
                        .width(2)
                        .type_(charts::line_type_for(i))
                        .color(colour),
                )
                .item_style(ItemStyle::new().color(colour)),
        );
    }
    anything.then_some(chart)
}

fn summary(c: &Comparison<'_>, title: &str, periods: &[Period]) -> String {
    let mut out = format!(
        "{title}: one line for each of {} member councils",
        c.members.len()
    );
    if let (Some(a), Some(b)) = (periods.first(), periods.last()) {
        if a.sort_key() == b.sort_key() {
            out.push_str(&format!(", for {}", a.label()));
        } else {
            out.push_str(&format!(", {} to {}", a.label(), b.label()));
        }
    }
    out.push('.');
    for (mp, m) in &c.members {
        let name = &mp.project.current.content.site.authority;
        match analysis::latest_two(m).0 {
            Some(p) => out.push_str(&format!(
                " {name}: {} in {}.",
                cell_text(m, Some(p)),
                p.period.label()
            )),
            None => out.push_str(&format!(" {name}: no figure yet.")),
        }
    }
    out.push_str(" Only exact figures are drawn; the table below gives every figure.");
    out
}

/// `/councils/`, `/compare/`, each `/compare/<id>/` and its data, in the region's own site.
fn pages(site: &mut Site<'_>, region: &Region, comparisons: &[Comparison<'_>]) {
    let members = region
        .members
        .iter()
        .map(|mp| {
            let s = &mp.project.current.content.site;
            MemberView {
                id: mp.member.id.clone(),
                code: mp.member.code.clone(),
                authority: s.authority.clone(),
                title: s.title.clone(),
                href: format!("{COUNCILS}/{}/", mp.member.id),
                covers: s.covers.as_ref().map(Period::label),
                published: s.edition.published.label(),
                measures: comparisons
                    .iter()
                    .filter(|c| c.members.iter().any(|(x, _)| x.member.id == mp.member.id))
                    .count(),
            }
        })
        .collect();
    site.page(
        &format!("{COUNCILS}/index.html"),
        "region_councils.html",
        COUNCILS,
        &CouncilsPage {
            title: "Member councils",
            members,
            compared: comparisons.len(),
        },
    );
    if comparisons.is_empty() {
        return;
    }
    let mut rows = Vec::new();
    for c in comparisons {
        let Some((_, first)) = c.members.first() else {
            continue;
        };
        let periods = periods(c);
        let title = first.title.clone();
        let regional = regional_view(c, first);
        let mut flags: Vec<_> = c
            .members
            .iter()
            .flat_map(|(_, m)| m.series.iter().filter_map(|p| p.flag))
            .collect();
        flags.sort_by_key(|f| f.symbol());
        flags.dedup();
        let page = ComparePage {
            title: title.clone(),
            id: c.id.clone(),
            unit: first.unit.label(),
            polarity: first.polarity.label(),
            members: c.members.iter().map(|(mp, m)| latest_view(mp, m)).collect(),
            regional: RegionalView {
                value: regional.value.clone(),
                period: regional.period.clone(),
                why: regional.why.clone(),
                rule: regional.rule,
            },
            figure: chart(c, &periods).map(|ch| MeasureChart {
                chart: ChartView {
                    id: format!("chart-compare-{}", c.id),
                    json: charts::to_script_json(&ch),
                    tall: false,
                },
                description: summary(c, &title, &periods),
            }),
            authorities: c
                .members
                .iter()
                .map(|(mp, _)| mp.project.current.content.site.authority.clone())
                .collect(),
            trend: periods
                .iter()
                .map(|p| TrendRow {
                    period: p.label(),
                    cells: c
                        .members
                        .iter()
                        .map(|(_, m)| cell_text(m, at(m, p)))
                        .collect(),
                })
                .collect(),
            flags: flags.into_iter().map(FlagView::of).collect(),
            csv: format!("data/{COMPARE}/{}.csv", c.id),
            json: format!("data/{COMPARE}/{}.json", c.id),
            missing: region
                .members
                .iter()
                .filter(|mp| !c.members.iter().any(|(x, _)| x.member.id == mp.member.id))
                .map(|mp| mp.project.current.content.site.authority.clone())
                .collect(),
        };
        site.page(
            &format!("{COMPARE}/{}/index.html", c.id),
            "region_compare.html",
            COMPARE,
            &page,
        );
        open_data(site, c, &periods, &regional);
        rows.push(CompareIndexRow {
            id: c.id.clone(),
            title,
            href: format!("{COMPARE}/{}/", c.id),
            members: c.members.len(),
            regional,
        });
    }
    site.page(
        &format!("{COMPARE}/index.html"),
        "region_compare_index.html",
        COMPARE,
        &CompareIndex {
            title: "Compare the member councils",
            rows,
        },
    );
}

#[derive(Serialize)]
struct PointRecord {
    period: String,
    /// The exact number, or null (flagged, or not an exact number: see `shown`).
    value: Option<f64>,
    shown: Option<String>,
    flag: Option<&'static str>,
}

#[derive(Serialize)]
struct MemberRecord {
    code: Option<String>,
    member: String,
    authority: String,
    measure: String,
    target: Option<String>,
    series: Vec<PointRecord>,
}

#[derive(Serialize)]
struct RegionalRecord {
    value: Option<f64>,
    shown: Option<String>,
    period: Option<String>,
    why: Option<String>,
}

#[derive(Serialize)]
struct CompareRecord {
    id: String,
    title: String,
    unit: &'static str,
    combine: Combine,
    regional: RegionalRecord,
    members: Vec<MemberRecord>,
}

/// `/data/compare/<id>.csv` (one row per member and period, keyed by member code and id) and
/// `.json` (the same, with the regional figure and how it was made).
fn open_data(site: &mut Site<'_>, c: &Comparison<'_>, periods: &[Period], r: &RegionalView) {
    let mut csv = Csv::new([
        "member_code",
        "member_id",
        "authority",
        "measure_id",
        "period",
        "value",
        "flag",
    ]);
    for (mp, m) in &c.members {
        for p in periods {
            let Some(x) = at(m, p) else { continue };
            csv.row([
                mp.member.code.clone().unwrap_or_default(),
                mp.member.id.clone(),
                mp.project.current.content.site.authority.clone(),
                m.id.clone(),
                p.label(),
                x.value
                    .as_ref()
                    .map(|v| format::plain_figure(v, m.decimals))
                    .unwrap_or_default(),
                x.flag.map(|f| f.symbol().to_string()).unwrap_or_default(),
            ]);
        }
    }
    site.text(&format!("data/{COMPARE}/{}.csv", c.id), csv.finish());
    let title = c
        .members
        .first()
        .map(|(_, m)| m.title.clone())
        .unwrap_or_default();
    site.data_titles.insert(
        format!("data/{COMPARE}/{}", c.id),
        (
            format!("Compared across the member councils: {title}"),
            "Each member council's figures for the measure by period, keyed by member code and id; the JSON adds the regional figure and how it is made.".into(),
        ),
    );
    let unit = c.members.first().map_or("", |(_, m)| m.unit.key());
    let record = CompareRecord {
        id: c.id.clone(),
        title,
        unit,
        combine: c.combine,
        regional: RegionalRecord {
            value: match &c.regional {
                Regional::Figure { value, .. } => Some(*value),
                Regional::Absent(_) => None,
            },
            shown: r.value.clone(),
            period: r.period.clone(),
            why: r.why.clone(),
        },
        members: c
            .members
            .iter()
            .map(|(mp, m)| MemberRecord {
                code: mp.member.code.clone(),
                member: mp.member.id.clone(),
                authority: mp.project.current.content.site.authority.clone(),
                measure: m.id.clone(),
                target: analysis::current_target(m).map(|t| analysis::target_words(m, t)),
                series: m
                    .series
                    .iter()
                    .map(|p| PointRecord {
                        period: p.period.label(),
                        value: p.number(),
                        shown: p.value.as_ref().map(|v| analysis::figure(m, v)),
                        flag: p.flag.map(|f| f.symbol()),
                    })
                    .collect(),
            })
            .collect(),
    };
    site.json(&format!("data/{COMPARE}/{}.json", c.id), &record);
}

/// Every member's site, rendered on as many threads as the machine has cores (each thread a
/// run of members, so the results come back in the members' order and the output does not
/// depend on the threads), each with whether it shares the region's static files.
fn members(region: &Region, region_name: &str) -> Vec<(Rendered, bool)> {
    let own = &region.own;
    let one = |mp: &MemberProject| {
        let p = &mp.project;
        let id = &mp.member.id;
        let (t, errors) = Templates::new(&p.theme, &p.current.root);
        let shared = p.theme.statics().eq(own.theme.statics());
        let setting = Setting {
            assets_up: if shared {
                "../../".into()
            } else {
                String::new()
            },
            region: Some(RegionNav::Member {
                region: region_name.to_string(),
                up: "../../".into(),
            }),
            councils: Vec::new(),
        };
        let mut r = super::render_project(p, &t, &setting, &mut |_| {});
        r.template_failed |= !errors.is_empty();
        r.diagnostics.extend(errors);
        for d in &mut r.diagnostics {
            d.message = format!("member `{id}`: {}", d.message);
        }
        (r, shared)
    };
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = region.members.len().div_ceil(threads).max(1);
    std::thread::scope(|scope| {
        let handles: Vec<_> = region
            .members
            .chunks(chunk)
            .map(|run| scope.spawn(move || run.iter().map(one).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

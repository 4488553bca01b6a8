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

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};

use super::charts::{self, PALETTE};
use super::common::NavItem;
use super::csv::Csv;
use super::links;
use super::measures::MeasureChart;
use super::site::{CouncilLink, RegionNav, Setting, Site};
use super::templates::Templates;
use super::view::FlagView;
use super::{Rendered, Sink};
use crate::diag::Diagnostic;
use crate::load::SourceFile;
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
        Some(RegionNav::Root { compare, asks }) => {
            nav.push(item(COUNCILS, "Councils", "councils/"));
            if *compare {
                nav.push(item(COMPARE, "Compare", "compare/"));
            }
            if *asks {
                nav.push(item(
                    super::region_market::NAV_KEY,
                    "Asks of providers",
                    "market/asks/",
                ));
            }
        }
        Some(RegionNav::Member { region, up }) => {
            nav.push(item("region", &format!("Region: {region}"), up));
        }
    }
}

/// Render a region in memory (the live preview, `hearth check`, tests): see [`render_to`].
pub fn render(region: &Region) -> Rendered {
    let mut files = BTreeMap::new();
    // A map in memory takes every file: `render_to` cannot fail here.
    let mut rendered = render_to(region, &mut files)
        .map(|(r, _)| r)
        .unwrap_or_default();
    rendered.files = files;
    rendered
}

/// Render a region, handing each file to `sink` once it is final, so the whole site is never
/// held in memory: the region's own site and the theme's static files ([`own_part`]), then
/// every member's whole site under `/councils/<id>/` ([`member`], rendered on every core and
/// handed over in the members' order, then let go), then the sitemap of it all
/// ([`Assembly`], which checks every link as the parts come). Returns what was found (its
/// `files` empty) and how many files were made; `Err` is the sink's own failure (a file that
/// could not be written), after which nothing more is rendered.
pub fn render_to(region: &Region, sink: &mut dyn Sink) -> Result<(Rendered, usize), String> {
    let mut timings = crate::Timings::new("build");
    let (templates, errors) = templates(region);
    let shared = shared(&templates, &errors, region);
    let (own, assembly) = std::thread::scope(|scope| {
        // The region's own site is rendered on a thread of its own beside the members. Each
        // member's part is checked and written as it comes; what must follow the own part
        // (its pages come first in the search index) is held until the own part is in.
        let mut own_job = Some(scope.spawn(|| own_part(region, &templates, &errors)));
        let mut own = None;
        let mut assembly = Assembly::pending(region);
        let mut failed = None;
        each_member(region, shared, member, |part| {
            let step =
                take_own(&mut own_job, &mut own, &mut assembly, sink, false).and_then(|()| {
                    assembly.add(&part);
                    part.rendered
                        .files
                        .into_iter()
                        .try_for_each(|(path, bytes)| sink.put(path, bytes))
                });
            step.map_err(|e| failed = Some(e)).is_ok()
        });
        if let Some(e) = failed {
            return Err(e);
        }
        take_own(&mut own_job, &mut own, &mut assembly, sink, true)?;
        Ok((own.unwrap_or_default(), assembly))
    })?;
    timings.mark("region's own site and members rendered, checked and written");
    let (rendered, count, last) = assembly.finish(&own);
    timings.mark("links, sitemap and search index");
    for (path, bytes) in last {
        sink.put(path, bytes)?;
    }
    Ok((rendered, count))
}

/// The region's own part, once `job` has rendered it ([`own_part`]): put into `assembly`, its
/// files handed to `sink` and the part kept in `own` (its files taken). Without `wait`, only
/// if the job is done already.
fn take_own<'s>(
    job: &mut Option<std::thread::ScopedJoinHandle<'s, Part>>,
    own: &mut Option<Part>,
    assembly: &mut Assembly<'_>,
    sink: &mut dyn Sink,
    wait: bool,
) -> Result<(), String> {
    if !job.as_ref().is_some_and(|j| wait || j.is_finished()) {
        return Ok(());
    }
    let Some(j) = job.take() else {
        return Ok(());
    };
    let mut part = j.join().unwrap_or_else(|e| std::panic::resume_unwind(e));
    assembly.own(&part);
    let files = std::mem::take(&mut part.rendered.files);
    *own = Some(part);
    files
        .into_iter()
        .try_for_each(|(path, bytes)| sink.put(path, bytes))
}

/// A part of a region's site, ready to publish: the region's own site with the theme's
/// static files ([`own_part`]), or one member's whole site under `councils/<id>/`
/// ([`member`]); with the scan of its pages for the link check.
#[derive(Debug, Default)]
pub struct Part {
    /// Its files (paths from the region's root), the problems found, its pages.
    pub rendered: Rendered,
    pub scans: links::Scans,
    /// Its current pages as the region's search sees them.
    pub docs: Vec<hearth_model::search::Document>,
    /// The words of `docs` as read for the member's own index: that index, and each
    /// document's place among its documents ([`IndexBuilder::append`]). `None`: read them.
    ///
    /// [`IndexBuilder::append`]: hearth_model::search::IndexBuilder::append
    pub words: Option<(Arc<hearth_model::search::Index>, Vec<u32>)>,
}

impl Part {
    /// Add `other`'s files, page scans and problems to this part's.
    pub fn join(&mut self, other: Part) {
        self.rendered.files.extend(other.rendered.files);
        self.rendered.diagnostics.extend(other.rendered.diagnostics);
        self.rendered.template_failed |= other.rendered.template_failed;
        self.rendered.pages += other.rendered.pages;
        self.scans.extend(other.scans);
        if !other.docs.is_empty() {
            // The words cover this part's documents alone: read them all again.
            self.words = None;
            self.docs.extend(other.docs);
        }
    }
}

/// The region's templates, compiled from its theme, and the problems found compiling them.
pub fn templates(region: &Region) -> (Templates, Vec<Diagnostic>) {
    Templates::new(&region.own.theme, &region.own.current.root)
}

/// The region's templates when its members may use them: when they compiled and come from
/// the default theme (a member whose theme has templates of its own compiles its own).
pub fn shared<'t>(
    templates: &'t Templates,
    errors: &[Diagnostic],
    region: &Region,
) -> Option<&'t Templates> {
    (errors.is_empty() && !own_templates(&region.own.theme)).then_some(templates)
}

/// Whether a theme has templates of its own (from the content's theme folder).
fn own_templates(theme: &crate::load::Theme) -> bool {
    theme.overridden.iter().any(|p| p.starts_with("templates/"))
}

/// The region's own part: its own site ([`own_site`]) with the theme's static files at the
/// root and the problems of its templates (`errors`).
pub fn own_part(region: &Region, templates: &Templates, errors: &[Diagnostic]) -> Part {
    let mut timings = crate::Timings::new("region's own part");
    let mut rendered = own_site(region, templates);
    timings.mark("rendered");
    rendered.template_failed |= !errors.is_empty();
    rendered.diagnostics.extend(errors.iter().cloned());
    super::add_statics(&mut rendered.files, &region.own.theme, "");
    let scans = links::Scans::of(&rendered.files, true);
    timings.mark("links scanned");
    // The region's index covers every part: it is written last ([`Assembly::finish`]).
    rendered.files.remove(super::search::INDEX);
    let docs = super::search::part_documents(&rendered.files);
    timings.mark("search documents");
    Part {
        rendered,
        scans,
        docs,
        words: None,
    }
}

/// Whether a path is a current page, listed in the sitemap (earlier editions are not, as for
/// a site on its own).
fn current(path: &&String) -> bool {
    path.ends_with("index.html") && !path.starts_with("editions/") && !path.contains("/editions/")
}

/// A region's site put together from its parts, in order: the region's own part, then each
/// member's ([`Assembly::add`]), then [`Assembly::finish`]. Members may come before the own
/// part ([`Assembly::pending`], then [`Assembly::own`]): their links are checked and what
/// depends on the order (pages in the sitemap and search, problems) is held until it comes.
/// It keeps the paths and page ids the link check needs, never the files themselves.
#[derive(Debug)]
pub struct Assembly<'r> {
    /// Every file read, to find where a broken link is written.
    sources: Vec<&'r SourceFile>,
    checker: links::Checker,
    /// The current pages, for the sitemap.
    listed: Vec<String>,
    /// Every part's pages as search sees them, their words read as the parts come (while
    /// the workers render the next members), for the region's index.
    docs: hearth_model::search::IndexBuilder,
    /// The problems found and the pages made so far.
    rendered: Rendered,
    base: String,
    /// While the own part has not come: the members' parts so far, in order.
    held: Option<Vec<InOrder>>,
}

/// What [`Assembly`] keeps of a part in the parts' order.
#[derive(Debug)]
struct InOrder {
    diagnostics: Vec<Diagnostic>,
    template_failed: bool,
    pages: usize,
    listed: Vec<String>,
    docs: Vec<hearth_model::search::Document>,
    words: Option<(Arc<hearth_model::search::Index>, Vec<u32>)>,
}

impl<'r> Assembly<'r> {
    /// Start with the region's own part.
    pub fn new(region: &'r Region, own: &Part) -> Assembly<'r> {
        let mut assembly = Assembly::pending(region);
        assembly.own(own);
        assembly
    }

    /// Start before the region's own part has come: give it with [`Assembly::own`].
    pub fn pending(region: &'r Region) -> Assembly<'r> {
        let base = region
            .own
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
        Assembly {
            sources: region
                .own
                .sources()
                .chain(region.members.iter().flat_map(|m| m.project.sources()))
                .collect(),
            checker: links::Checker::default(),
            listed: Vec::new(),
            docs: Default::default(),
            rendered: Rendered::default(),
            base,
            held: Some(Vec::new()),
        }
    }

    /// The region's own part (its links are checked by [`Assembly::finish`]), put before
    /// the members' parts that came before it.
    pub fn own(&mut self, own: &Part) {
        let first = self.know(own);
        self.put(first);
        for held in self.held.take().unwrap_or_default() {
            self.put(held);
        }
    }

    /// Remember a part's files, and take what goes in order.
    fn know(&mut self, part: &Part) -> InOrder {
        let r = &part.rendered;
        self.checker.know(r.files.keys(), &part.scans);
        InOrder {
            diagnostics: r.diagnostics.clone(),
            template_failed: r.template_failed,
            pages: r.pages,
            listed: r.files.keys().filter(current).cloned().collect(),
            docs: part.docs.clone(),
            words: part.words.clone(),
        }
    }

    fn put(&mut self, part: InOrder) {
        self.rendered.diagnostics.extend(part.diagnostics);
        self.rendered.template_failed |= part.template_failed;
        self.rendered.pages += part.pages;
        self.listed.extend(part.listed);
        match part.words {
            Some((read, places)) if places.len() == part.docs.len() => {
                self.docs.append(part.docs, &read, &places);
            }
            _ => {
                for doc in part.docs {
                    self.docs.add(doc);
                }
            }
        }
    }

    /// The next member's part (in the members' order): its files known, its links checked
    /// (a link to a file not known yet waits for [`Assembly::finish`]).
    pub fn add(&mut self, part: &Part) {
        let in_order = self.know(part);
        match self.held.as_mut() {
            Some(held) => held.push(in_order),
            None => self.put(in_order),
        }
        let sources = &self.sources;
        self.checker.check(&part.scans, |link| {
            links::locate(link, sources.iter().copied())
        });
    }

    /// Once every member is added: the problems found (the links of the region's own pages,
    /// `own`, checked now that every file is known), how many files the site has, and the
    /// files made from every part: the sitemap (which lists the members' current pages too)
    /// and the search index (which covers them too).
    pub fn finish(mut self, own: &Part) -> (Rendered, usize, Vec<(String, Vec<u8>)>) {
        let mut timings = crate::Timings::new("finish");
        // Members held for an own part that never came: in order all the same.
        for held in self.held.take().unwrap_or_default() {
            self.put(held);
        }
        let sources = &self.sources;
        self.checker.check(&own.scans, |link| {
            links::locate(link, sources.iter().copied())
        });
        timings.mark("the region's own links");
        let xml = super::files::sitemap_xml(&self.base, self.listed.iter());
        timings.mark("sitemap");
        let index = super::search::region_script(std::mem::take(&mut self.docs));
        timings.mark("search index");
        // The own part's index was left out of it and is written here.
        let count = self.checker.files() + 1;
        let mut rendered = self.rendered;
        // Pages a failed template did not write would show up as broken links: the
        // template's error is the one to fix.
        if !rendered.template_failed {
            let sources = &self.sources;
            let find = |link: &str| links::locate(link, sources.iter().copied());
            rendered.diagnostics.extend(self.checker.finish(find));
        }
        timings.mark("links between the parts");
        super::tidy(&mut rendered.diagnostics);
        let last = vec![
            ("sitemap.xml".into(), xml.into_bytes()),
            (super::search::INDEX.to_string(), index),
        ];
        (rendered, count, last)
    }
}

/// The region's own site: its content rendered as a council's is, with the region's pages
/// ([`pages`]: `/councils/`, `/compare/`, ...) added before its open data. No static files,
/// no link check.
pub fn own_site(region: &Region, templates: &Templates) -> Rendered {
    let own = &region.own;
    let comparisons = comparisons(region);
    let setting = Setting {
        assets_up: String::new(),
        region: Some(RegionNav::Root {
            compare: !comparisons.is_empty(),
            asks: super::region_market::has_page(region),
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
    super::render_project(own, templates, &setting, &mut |site| {
        pages(site, region, &comparisons);
    })
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
    /// The where-children-live page's address, when there is one.
    where_live: Option<String>,
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
    where_live: Option<String>,
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
    let where_live = super::region_where::render(site, region)
        .then(|| format!("{}/", super::region_where::WHERE));
    super::region_market::render(site, region);
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
            where_live: where_live.clone(),
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
                chart: charts::chart_view(format!("chart-compare-{}", c.id), &ch, false, false),
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
            where_live,
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

/// One member's whole site, as it is published under `councils/<id>/`: its pages and data
/// (its own sitemap and headers left out: the region's serve the whole site), its earlier
/// editions, and the theme's static files when its theme's differ from the region's; with
/// the scan of its pages for the link check. `templates` are the region's, for a member
/// whose theme has no templates of its own.
pub fn member(region: &Region, mp: &MemberProject, templates: Option<&Templates>) -> Part {
    let (mut part, editions) = member_parts(region, mp, templates, true);
    if let Some(editions) = editions {
        part.join(editions);
    }
    part
}

/// [`member`] in two parts: its current site (with its static files and the problems of its
/// own templates), and, when `editions`, its frozen editions (the live preview keeps them
/// while only the current content changes).
pub fn member_parts(
    region: &Region,
    mp: &MemberProject,
    templates: Option<&Templates>,
    editions: bool,
) -> (Part, Option<Part>) {
    let own = &region.own;
    let p = &mp.project;
    let id = &mp.member.id;
    let compiled;
    let (t, errors) = match templates.filter(|_| !own_templates(&p.theme)) {
        Some(t) => (t, Vec::new()),
        None => {
            compiled = Templates::new(&p.theme, &p.current.root);
            (&compiled.0, compiled.1.clone())
        }
    };
    let shared = p.theme.statics().eq(own.theme.statics());
    let setting = Setting {
        assets_up: if shared {
            "../../".into()
        } else {
            String::new()
        },
        region: Some(RegionNav::Member {
            region: own.current.content.site.authority.clone(),
            up: "../../".into(),
        }),
        councils: Vec::new(),
    };
    let mut current = super::render_site(&p.current, t, &p.history, &setting, &mut |_| {});
    current.template_failed |= !errors.is_empty();
    current.diagnostics.extend(errors);
    let old = editions.then(|| super::render_editions(p, t, &setting));
    let prefix = format!("{COUNCILS}/{id}/");
    let statics = (!shared).then_some(&p.theme);
    (
        publish(current, id, &prefix, statics),
        old.map(|o| publish(o, id, &prefix, None)),
    )
}

/// A member's rendered files moved under `prefix` (its sitemap and headers left out), the
/// theme's static files added when it has its own (`statics`), its problems naming it.
fn publish(mut r: Rendered, id: &str, prefix: &str, statics: Option<&crate::load::Theme>) -> Part {
    for d in &mut r.diagnostics {
        d.message = format!("member `{id}`: {}", d.message);
    }
    let mut files = BTreeMap::new();
    for (path, bytes) in std::mem::take(&mut r.files) {
        // The region's sitemap and headers serve the whole site.
        if path == "sitemap.xml" || path == "_headers" {
            continue;
        }
        files.insert(format!("{prefix}{path}"), bytes);
    }
    if let Some(theme) = statics {
        super::add_statics(&mut files, theme, prefix);
    }
    let scans = links::Scans::of(&files, false);
    let (docs, places) = super::search::member_documents(
        std::mem::take(&mut r.docs),
        prefix,
        &files,
        statics.is_some(),
    );
    let words = r.words.take().zip(places);
    r.files = files;
    Part {
        rendered: r,
        scans,
        docs,
        words,
    }
}

/// Every member's two parts ([`member_parts`]: its current site, its frozen editions), in the
/// members' order, rendered on every core.
pub fn members(region: &Region, templates: Option<&Templates>) -> Vec<(Part, Part)> {
    let mut parts = Vec::new();
    each_member(
        region,
        templates,
        |region, mp, templates| {
            let (current, editions) = member_parts(region, mp, templates, true);
            (current, editions.unwrap_or_default())
        },
        |p| {
            parts.push(p);
            true
        },
    );
    parts
}

/// Render every member (with `render`: [`member`], say) on as many threads as the machine
/// has cores, each taking the next member not yet started, and hand them to `take` in the
/// members' order (so the output does not depend on the threads), each let go once taken.
/// `take` returning false stops the rendering of members not yet started.
fn each_member<T: Send>(
    region: &Region,
    templates: Option<&Templates>,
    render: impl Fn(&Region, &MemberProject, Option<&Templates>) -> T + Sync,
    mut take: impl FnMut(T) -> bool,
) {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = AtomicUsize::new(0);
    let stop = AtomicBool::new(false);
    // Bounded: a thread that runs ahead waits, so few members are held at once.
    let (tx, rx) = mpsc::sync_channel(threads);
    std::thread::scope(|scope| {
        for _ in 0..threads.min(region.members.len()) {
            let tx = tx.clone();
            let (next, stop, render) = (&next, &stop, &render);
            scope.spawn(move || {
                while !stop.load(Ordering::Relaxed) {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(mp) = region.members.get(i) else {
                        break;
                    };
                    let part = render(region, mp, templates);
                    if tx.send((i, part)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, part) in rx {
            waiting.insert(i, part);
            while let Some(part) = waiting.remove(&due) {
                due += 1;
                if !stop.load(Ordering::Relaxed) && !take(part) {
                    stop.store(true, Ordering::Relaxed);
                }
            }
        }
    });
}

//! `/report/` and `/data/report.json`: the committee report around the strategy, from
//! `report.yaml`. The page reads like a committee paper (who it goes to and when, the useful
//! information, the summary, the recommendations, the implications as signed off, the
//! background papers) and prints as one. Only what the content gives is shown: a part left
//! out of report.yaml is left out of the page and is `null` (or an empty list) in the data.

use hearth_model::{Author, Implication, Paper, Period, Place, REPORT_FILE, Report};
use serde::Serialize;

use super::site::Site;
use super::view::{Html, PeriodView};

/// What the page is called when report.yaml gives no title.
pub const DEFAULT_TITLE: &str = "Committee report";

/// The report's page and data address.
pub const HREF: &str = "report/";

fn at(path: impl Into<String>) -> Place {
    Place::new(REPORT_FILE, path)
}

/// The committee report as the page shows it.
#[derive(Debug, Serialize)]
pub struct ReportView<'v> {
    title: &'v str,
    committee: Option<&'v str>,
    meeting: Option<PeriodView>,
    lead_director: Option<&'v str>,
    lead_member: Option<&'v str>,
    wards: &'v [String],
    authors: Vec<PersonView<'v>>,
    version: Option<&'v str>,
    summary: Option<Html>,
    recommendations: Vec<Html>,
    background_papers: Vec<PaperView<'v>>,
    implications: Vec<ImplicationView<'v>>,
    /// Whether there is anything for the "useful information" list.
    useful: bool,
    #[serde(skip)]
    source: &'v Report,
}

#[derive(Debug, Serialize)]
struct PersonView<'v> {
    name: Option<&'v str>,
    role: Option<&'v str>,
    email: Option<&'v str>,
    phone: Option<&'v str>,
}

#[derive(Debug, Serialize)]
struct PaperView<'v> {
    title: &'v str,
    date: Option<PeriodView>,
    url: Option<String>,
}

#[derive(Debug, Serialize)]
struct ImplicationView<'v> {
    key: String,
    heading: String,
    text: Option<Html>,
    officer: PersonView<'v>,
    /// Whether the officer's name, role or contact is given.
    signed: bool,
    date: Option<PeriodView>,
}

impl<'v> ReportView<'v> {
    pub fn new(site: &Site<'_>, r: &'v Report, root: &str) -> ReportView<'v> {
        let authors = r
            .authors
            .iter()
            .enumerate()
            .map(|(i, a)| {
                site.email(&a.email, at(format!("authors[{i}].email")));
                author(a)
            })
            .collect();
        let background_papers = r
            .background_papers
            .iter()
            .enumerate()
            .map(|(i, p)| paper(site, p, i))
            .collect();
        let implications = r
            .implications
            .parts()
            .into_iter()
            .map(|(key, heading, imp)| implication(site, key, heading, imp, root))
            .collect();
        let useful = r.committee.is_some()
            || r.meeting.is_some()
            || r.lead_director.is_some()
            || r.lead_member.is_some()
            || !r.wards.is_empty()
            || !r.authors.is_empty()
            || r.version.is_some();
        ReportView {
            title: r.title.as_deref().unwrap_or(DEFAULT_TITLE),
            committee: r.committee.as_deref(),
            meeting: PeriodView::opt(&r.meeting),
            lead_director: r.lead_director.as_deref(),
            lead_member: r.lead_member.as_deref(),
            wards: &r.wards,
            authors,
            version: r.version.as_deref(),
            summary: site.md_opt(&r.summary, at("summary"), root, false),
            recommendations: r
                .recommendations
                .iter()
                .enumerate()
                .map(|(i, t)| site.md(t, at(format!("recommendations[{i}]")), root, true))
                .collect(),
            background_papers,
            implications,
            useful,
            source: r,
        }
    }

    /// The report in `/data/report.json`: every field as written in report.yaml (Markdown as
    /// Markdown), periods with the days they mean; absent parts `null` or `[]`.
    pub fn record(&self) -> ReportRecord<'v> {
        let r = self.source;
        ReportRecord {
            title: r.title.as_deref(),
            committee: r.committee.as_deref(),
            meeting: r.meeting.as_ref().map(PeriodRecord::of),
            lead_director: r.lead_director.as_deref(),
            lead_member: r.lead_member.as_deref(),
            wards: &r.wards,
            authors: r.authors.iter().map(author).collect(),
            version: r.version.as_deref(),
            summary: r.summary.as_deref(),
            recommendations: &r.recommendations,
            background_papers: r
                .background_papers
                .iter()
                .zip(&self.background_papers)
                .map(|(p, v)| PaperRecord {
                    title: &p.title,
                    date: p.date.as_ref().map(PeriodRecord::of),
                    url: v.url.clone(),
                })
                .collect(),
            implications: r
                .implications
                .parts()
                .into_iter()
                .map(|(key, heading, i)| ImplicationRecord {
                    kind: key.split('[').next().unwrap_or_default().to_string(),
                    heading,
                    text: i.text.as_deref(),
                    officer: i.officer.as_deref(),
                    role: i.role.as_deref(),
                    email: i.email.as_deref(),
                    phone: i.phone.as_deref(),
                    date: i.date.as_ref().map(PeriodRecord::of),
                })
                .collect(),
            url: HREF,
        }
    }
}

fn author(a: &Author) -> PersonView<'_> {
    PersonView {
        name: Some(&a.name),
        role: a.role.as_deref(),
        email: a.email.as_deref(),
        phone: a.phone.as_deref(),
    }
}

fn paper<'v>(site: &Site<'_>, p: &'v Paper, i: usize) -> PaperView<'v> {
    PaperView {
        title: &p.title,
        date: PeriodView::opt(&p.date),
        url: site.safe_url(&p.url, at(format!("background_papers[{i}].url"))),
    }
}

fn implication<'v>(
    site: &Site<'_>,
    key: String,
    heading: String,
    i: &'v Implication,
    root: &str,
) -> ImplicationView<'v> {
    let path = format!("implications.{key}");
    site.email(&i.email, at(format!("{path}.email")));
    let officer = PersonView {
        name: i.officer.as_deref(),
        role: i.role.as_deref(),
        email: i.email.as_deref(),
        phone: i.phone.as_deref(),
    };
    ImplicationView {
        key: key
            .replace(['[', ']'], "-")
            .trim_end_matches('-')
            .to_string(),
        heading,
        text: site.md_opt(&i.text, at(format!("{path}.text")), root, false),
        signed: officer.name.is_some()
            || officer.role.is_some()
            || officer.email.is_some()
            || officer.phone.is_some(),
        officer,
        date: PeriodView::opt(&i.date),
    }
}

/// The report in `/data/report.json`.
#[derive(Debug, Serialize)]
pub struct ReportRecord<'v> {
    pub title: Option<&'v str>,
    pub committee: Option<&'v str>,
    pub meeting: Option<PeriodRecord<'v>>,
    pub lead_director: Option<&'v str>,
    pub lead_member: Option<&'v str>,
    pub wards: &'v [String],
    authors: Vec<PersonView<'v>>,
    pub version: Option<&'v str>,
    pub summary: Option<&'v str>,
    pub recommendations: &'v [String],
    background_papers: Vec<PaperRecord<'v>>,
    implications: Vec<ImplicationRecord<'v>>,
    /// The report's page, relative to the site root.
    pub url: &'static str,
}

/// A period in open data: as written, and the first and last day it means.
#[derive(Debug, Serialize)]
pub struct PeriodRecord<'v> {
    pub text: &'v str,
    pub start: Option<String>,
    pub end: Option<String>,
}

impl<'v> PeriodRecord<'v> {
    fn of(p: &'v Period) -> PeriodRecord<'v> {
        PeriodRecord {
            text: p.text(),
            start: p.start().map(|d| d.iso()),
            end: p.end().map(|d| d.iso()),
        }
    }
}

#[derive(Debug, Serialize)]
struct PaperRecord<'v> {
    title: &'v str,
    date: Option<PeriodRecord<'v>>,
    /// The address, when it is one a page can link to (else left out of the page and `null`).
    url: Option<String>,
}

#[derive(Debug, Serialize)]
struct ImplicationRecord<'v> {
    /// `financial`, `legal`, `equalities`, `climate` or `other`.
    kind: String,
    heading: String,
    text: Option<&'v str>,
    officer: Option<&'v str>,
    role: Option<&'v str>,
    email: Option<&'v str>,
    phone: Option<&'v str>,
    date: Option<PeriodRecord<'v>>,
}

/// `/report/index.html` and `/data/report.json`, when the content has a report.yaml.
pub fn render(site: &mut Site<'_>) {
    let c = site.c;
    let Some(r) = &c.report else {
        return;
    };
    let view = ReportView::new(site, r, "../");
    let record = view.record();
    site.page("report/index.html", "report.html", "report", &view);
    site.json("data/report.json", &record);
}

//! The content model: what a council writes in its YAML and Markdown files.
//!
//! Every type rejects unknown fields, so a misspelt field is an error rather than silently
//! ignored. Text fields documented as Markdown are rendered (and sanitised) by the generator.

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// Everything in one content folder, after loading.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Content {
    pub site: Site,
    pub strategy: Strategy,
    pub facts: Facts,
    pub breakdowns: Vec<Breakdown>,
    pub workstreams: Vec<Workstream>,
    pub metrics: Vec<Metric>,
    pub pages: Vec<Page>,
    pub scenarios: Vec<crate::scenario::Scenario>,
    /// The market position statement (`market/`), if the content has one.
    pub market: Option<crate::market::Market>,
}

impl Content {
    /// All actions, in workstream order, each with its workstream.
    pub fn actions(&self) -> impl Iterator<Item = (&Workstream, &Action)> {
        self.workstreams
            .iter()
            .flat_map(|w| w.actions.iter().map(move |a| (w, a)))
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.strategy.priorities.iter().find(|p| p.id == id)
    }

    pub fn aim(&self, id: &str) -> Option<&Aim> {
        self.strategy.aims.iter().find(|a| a.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&crate::scenario::Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn workstream(&self, id: &str) -> Option<&Workstream> {
        self.workstreams.iter().find(|w| w.id == id)
    }
}

// ---------------------------------------------------------------- site.yaml

/// `site.yaml`: who publishes the strategy, its title and edition, the contact and the licence.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Site {
    /// The council publishing the strategy.
    pub authority: String,
    /// Marks the whole site as example content (a banner on every page).
    #[serde(default)]
    pub example: bool,
    /// The document's title.
    pub title: String,
    /// A shorter title, for the page header.
    #[serde(default)]
    pub short_title: Option<String>,
    /// A one-line tagline shown under the title.
    #[serde(default)]
    pub tagline: Option<String>,
    /// The period the strategy covers.
    #[serde(default)]
    pub covers: Option<Period>,
    /// Absolute address the site is published at (used in sitemap.xml).
    #[serde(default)]
    pub base_url: Option<String>,
    /// The language of the pages, as a language tag (default en-GB).
    #[serde(default)]
    pub language: Option<String>,
    /// This edition of the document: version, status, when it was published and when it will be
    /// reviewed.
    pub edition: Edition,
    /// Who readers can contact about the strategy.
    pub contact: Contact,
    /// The licence the content is published under.
    pub licence: Licence,
    /// The small-number rule for counts of children (default: 1 to 4 shown as `c`).
    #[serde(default)]
    pub suppression: crate::market::Suppression,
    /// The council's logo, colours and footer links (optional).
    #[serde(default)]
    pub branding: Branding,
    /// The accessibility statement published at /accessibility/ (optional; without it the
    /// statement says what Hearth itself was tested for and that the council has not yet
    /// recorded its own testing).
    #[serde(default)]
    pub accessibility: Option<Accessibility>,
}

/// `accessibility:` in site.yaml: the council's accessibility statement, as the Public Sector
/// Bodies Accessibility Regulations 2018 ask for.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Accessibility {
    /// How far the site meets WCAG 2.2 AA: `full`, `partial` or `not-compliant`.
    pub status: Conformance,
    /// When the site was last tested.
    #[serde(default)]
    pub tested: Option<Period>,
    /// How it was tested, and by whom (Markdown).
    #[serde(default)]
    pub method: Option<String>,
    /// Content that is not accessible, and why (Markdown, one item each).
    #[serde(default)]
    pub known_issues: Vec<String>,
    /// Where to ask for another format or report a problem (the site contact when absent).
    #[serde(default)]
    pub contact: Option<Contact>,
    /// How quickly the council replies to such requests, e.g. "within 5 working days".
    #[serde(default)]
    pub response_time: Option<String>,
    /// When the statement was prepared or last reviewed.
    #[serde(default)]
    pub prepared: Option<Period>,
}

/// Conformance with WCAG 2.2 AA, in the regulations' three words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Conformance {
    Full,
    #[default]
    Partial,
    NotCompliant,
}

impl Conformance {
    /// The sentence the regulations expect.
    pub fn sentence(self) -> &'static str {
        match self {
            Conformance::Full => {
                "This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard."
            }
            Conformance::Partial => {
                "This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard, because of the issues listed below."
            }
            Conformance::NotCompliant => {
                "This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. The issues are listed below."
            }
        }
    }
}

/// `branding:` in site.yaml: how the site looks like the council's own.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Branding {
    /// An image file in the content folder, shown in the masthead (alt text: the authority).
    #[serde(default)]
    pub logo: Option<String>,
    #[serde(default)]
    pub colours: BrandColours,
    /// Extra links in the footer (accessibility statement, privacy notice, ...).
    #[serde(default)]
    pub footer_links: Vec<FooterLink>,
}

/// Hex colours (`"#0b3d63"`); each one not given keeps the default theme's.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BrandColours {
    /// The masthead background.
    #[serde(default)]
    pub brand: Option<String>,
    /// The masthead text, on `brand`.
    #[serde(default)]
    pub brand_text: Option<String>,
    /// Links, on the white page.
    #[serde(default)]
    pub link: Option<String>,
    /// The focus highlight, under dark text.
    #[serde(default)]
    pub focus: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct FooterLink {
    pub title: String,
    pub url: String,
}

/// An edition of the document.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Edition {
    /// The edition's version, such as "1.2" (in quotes, so that it stays text).
    pub version: String,
    /// Where the edition stands: draft, approved or published.
    pub status: EditionStatus,
    /// When this edition was published (a period).
    pub published: Period,
    /// When it will next be reviewed (a period).
    #[serde(default)]
    pub review: Option<Period>,
    /// The version this edition replaces.
    #[serde(default)]
    pub supersedes: Option<String>,
    /// Change notes for this edition, each with a date.
    #[serde(default)]
    pub notes: Vec<ChangeNote>,
}

/// Where an edition stands: draft, approved or published.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EditionStatus {
    #[default]
    Draft,
    Approved,
    Published,
}

impl EditionStatus {
    pub fn label(self) -> &'static str {
        match self {
            EditionStatus::Draft => "Draft",
            EditionStatus::Approved => "Approved",
            EditionStatus::Published => "Published",
        }
    }
}

/// A dated note of what changed in an edition.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ChangeNote {
    /// When the change was made (a period).
    pub date: Period,
    /// What changed.
    pub text: String,
}

/// Who readers can contact.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// The team or role to contact.
    pub team: String,
    /// An email address.
    #[serde(default)]
    pub email: Option<String>,
    /// A telephone number.
    #[serde(default)]
    pub phone: Option<String>,
    /// A postal address.
    #[serde(default)]
    pub address: Option<String>,
    /// A web page with contact details.
    #[serde(default)]
    pub url: Option<String>,
}

/// The licence the content is published under.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Licence {
    /// The licence's name, such as Open Government Licence v3.0.
    pub name: String,
    /// Where the licence text is.
    #[serde(default)]
    pub url: Option<String>,
}

// ---------------------------------------------------------------- strategy.yaml

/// `strategy.yaml`: the strategy itself.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Plain-English summary for the home page (Markdown).
    pub summary: String,
    /// The vision, in a sentence or two (Markdown).
    #[serde(default)]
    pub vision: Option<String>,
    /// The law behind the strategy: a summary and the legislation.
    #[serde(default)]
    pub legal_basis: Option<LegalBasis>,
    /// Short headline statements, such as "the right home, in the right place, at the right time".
    #[serde(default)]
    pub themes: Vec<Theme>,
    /// How we will work: each a title and a text.
    #[serde(default)]
    pub principles: Vec<Theme>,
    /// The aims (at least one). Priorities and actions refer to them by id.
    pub aims: Vec<Aim>,
    /// The priorities (at least one): each serves aims, makes commitments and is tracked by
    /// measures.
    pub priorities: Vec<Priority>,
    /// What will be different, as bullet points.
    #[serde(default)]
    pub outcomes: Vec<String>,
    /// Who oversees the strategy: a summary and the boards and groups.
    #[serde(default)]
    pub governance: Option<Governance>,
    /// How progress is monitored and reviewed (Markdown).
    #[serde(default)]
    pub monitoring: Option<String>,
    /// The timeline of the strategy, phase by phase.
    #[serde(default)]
    pub phases: Vec<Phase>,
}

/// The law behind the strategy.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct LegalBasis {
    /// The legal duty in brief (Markdown).
    pub summary: String,
    /// The Acts and regulations, one an item.
    #[serde(default)]
    pub legislation: Vec<String>,
}

/// A short headline statement with a title (themes and principles).
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Theme {
    /// A short title.
    pub title: String,
    /// The statement (Markdown).
    pub text: String,
}

/// One of the strategy's aims.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Aim {
    /// Lower-case letters, digits and hyphens. Link to it with aim:ID.
    pub id: String,
    /// A short title.
    pub title: String,
    /// The aim in full (Markdown).
    pub statement: String,
}

/// One of the strategy's priorities.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Priority {
    /// Lower-case letters, digits and hyphens. Link to it with priority:ID.
    pub id: String,
    /// A short title.
    pub title: String,
    /// Why this priority matters (Markdown).
    pub summary: String,
    /// Ids of the aims it serves.
    #[serde(default)]
    pub aims: Vec<String>,
    /// "What we will do".
    #[serde(default)]
    pub commitments: Vec<String>,
    /// Ids of the measures that track it.
    #[serde(default)]
    pub metrics: Vec<String>,
}

/// Who oversees the strategy.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Governance {
    /// How the strategy is governed (Markdown).
    pub summary: String,
    /// The boards and groups involved.
    #[serde(default)]
    pub bodies: Vec<GovernanceBody>,
}

/// A board or group.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct GovernanceBody {
    /// Its name, such as Placement Sufficiency Board.
    pub name: String,
    /// What it does (Markdown).
    pub role: String,
    /// How often it meets, such as Monthly.
    #[serde(default)]
    pub meets: Option<String>,
    /// Who chairs it.
    #[serde(default)]
    pub chair: Option<String>,
}

/// A phase of the strategy's timeline.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// A short title.
    pub title: String,
    /// When (a period, such as Sept 2018 - Dec 2018).
    pub period: Period,
    /// What happens in this phase (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
}

// ---------------------------------------------------------------- facts.yaml

/// `facts.yaml`: key facts and the sources they cite.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Facts {
    /// The date the facts describe, unless a fact has its own date (a period).
    #[serde(default)]
    pub as_at: Option<Period>,
    /// The key facts, in the order shown.
    #[serde(default)]
    pub facts: Vec<Fact>,
    /// The sources the facts cite; the facts page numbers them as footnotes.
    #[serde(default)]
    pub sources: Vec<Source>,
}

/// A key fact: a number, its unit and what it counts.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Fact {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// The number.
    pub value: f64,
    /// What the number is.
    pub unit: Unit,
    /// What the number counts, shown under it.
    pub label: String,
    /// One more line, such as a rate.
    #[serde(default)]
    pub detail: Option<String>,
    /// When the figure is from, if not the file's as_at (a period).
    #[serde(default)]
    pub date: Option<Period>,
    /// Decimal places shown (default: 0 for whole numbers, else 1).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// The id of a source in this file.
    #[serde(default)]
    pub source: Option<String>,
    /// The id of a measure the fact links to.
    #[serde(default)]
    pub metric: Option<String>,
}

/// A source that facts cite.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Lower-case letters, digits and hyphens; facts cite it by this id.
    pub id: String,
    /// The title of the publication or data set.
    pub title: String,
    /// Who published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// When it was published (a period).
    #[serde(default)]
    pub date: Option<Period>,
    /// Where to find it.
    #[serde(default)]
    pub url: Option<String>,
}

// ---------------------------------------------------------------- breakdowns/*.yaml

/// `breakdowns/*.yaml`: a small table of labels and values, drawn as a chart.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Breakdown {
    /// The file it was read from, relative to the content folder.
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Lower-case letters, digits and hyphens. Link to it with breakdown:ID.
    pub id: String,
    /// The table's title.
    pub title: String,
    /// The date the figures describe (a period).
    pub as_at: Period,
    /// What the values are.
    pub unit: Unit,
    /// The heading of the label column, such as Age band.
    pub dimension: String,
    /// The heading of the value column.
    #[serde(default)]
    pub value_label: Option<String>,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// One row a category: a label and a value (or a flag).
    pub rows: Vec<BreakdownRow>,
    /// Where the figures come from.
    #[serde(default)]
    pub source: Option<MetricSource>,
    /// Notes shown under the table (Markdown).
    #[serde(default)]
    pub note: Option<String>,
    /// How the table is drawn: bar, pie or none (default bar).
    #[serde(default)]
    pub chart: ChartKind,
}

/// A row of a breakdown.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct BreakdownRow {
    /// The category.
    pub label: String,
    /// The value; leave it out and give a flag when it is withheld.
    #[serde(default)]
    pub value: Option<f64>,
    /// Why there is no value: c suppressed, x not available, z not applicable.
    #[serde(default)]
    pub flag: Option<Flag>,
}

/// How a breakdown is drawn: bar, pie or none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChartKind {
    #[default]
    Bar,
    Pie,
    None,
}

// ---------------------------------------------------------------- plan/*.yaml

/// `plan/*.yaml`: one workstream of the delivery plan, with its actions.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Workstream {
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Lower-case letters, digits and hyphens. Link to it with plan:ID.
    pub id: String,
    /// The workstream's title.
    pub title: String,
    /// Position among the workstreams (then by file name).
    #[serde(default)]
    pub order: Option<i64>,
    /// The role that leads it; actions without an owner have this one.
    #[serde(default)]
    pub lead: Option<String>,
    /// What the workstream is about (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// The workstream's actions.
    pub actions: Vec<Action>,
}

/// An action of the delivery plan.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// Unique across all workstreams, such as fc-07. Link to it with action:ID.
    pub id: String,
    /// What needs to be done.
    pub title: String,
    /// What good will look like (Markdown).
    #[serde(default)]
    pub quality_measure: Option<String>,
    /// How we will know it is having an impact.
    #[serde(default)]
    pub indicators: Vec<String>,
    /// Where we are now.
    #[serde(default)]
    pub status: Option<String>,
    /// The rating: red, amber, green, complete or not-started.
    pub rag: Rag,
    /// When this step should be done (a period).
    pub timescale: Period,
    /// Words shown after the timescale, such as reviewed monthly.
    #[serde(default)]
    pub timescale_note: Option<String>,
    /// The role that owns it (default: the workstream's lead).
    #[serde(default)]
    pub owner: Option<String>,
    /// Ids of the priorities it serves.
    #[serde(default)]
    pub priorities: Vec<String>,
    /// Ids of the aims it serves.
    #[serde(default)]
    pub aims: Vec<String>,
    /// Ids of the measures it should move.
    #[serde(default)]
    pub metrics: Vec<String>,
    /// Dated progress notes, newest last.
    #[serde(default)]
    pub updates: Vec<ActionUpdate>,
}

/// A dated progress note.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct ActionUpdate {
    /// When (a period).
    pub date: Period,
    /// The rating at that date.
    #[serde(default)]
    pub rag: Option<Rag>,
    /// The progress note (Markdown).
    pub note: String,
}

/// Red, amber, green rating of an action, plus complete and not started.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Rag {
    /// Off track: needs action to recover.
    Red,
    /// Some risk to delivery.
    Amber,
    /// On track.
    Green,
    /// Done.
    Complete,
    /// Not yet started.
    NotStarted,
}

impl Rag {
    pub const ALL: [Rag; 5] = [
        Rag::Red,
        Rag::Amber,
        Rag::Green,
        Rag::Complete,
        Rag::NotStarted,
    ];

    /// The value written in YAML and used in URLs.
    pub fn key(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Green => "green",
            Rag::Complete => "complete",
            Rag::NotStarted => "not-started",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rag::Red => "Red",
            Rag::Amber => "Amber",
            Rag::Green => "Green",
            Rag::Complete => "Complete",
            Rag::NotStarted => "Not started",
        }
    }

    /// What the rating means, in words (so colour is never the only signal).
    pub fn meaning(self) -> &'static str {
        match self {
            Rag::Red => "Off track: needs action to recover",
            Rag::Amber => "Some risk to delivery",
            Rag::Green => "On track",
            Rag::Complete => "Done",
            Rag::NotStarted => "Not yet started",
        }
    }
}

// ---------------------------------------------------------------- metrics/*.yaml

/// `metrics/*.yaml`: one measure, with its values over time.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Metric {
    #[serde(skip_deserializing, default)]
    pub file: String,
    /// Lower-case letters, digits and hyphens. Link to it with metric:ID; formulas use
    /// metric('ID').
    pub id: String,
    /// The measure's title.
    pub title: String,
    /// A shorter title, for lists and charts.
    #[serde(default)]
    pub short_title: Option<String>,
    /// What the values are.
    pub unit: Unit,
    /// Whether a higher value is good news: higher-is-better, lower-is-better or neutral.
    pub polarity: Polarity,
    /// Decimal places shown (default 0).
    #[serde(default)]
    pub decimals: Option<u8>,
    /// What is counted, and how (Markdown).
    pub definition: String,
    /// Why it matters (Markdown).
    #[serde(default)]
    pub why: Option<String>,
    /// Where the figures come from.
    pub source: MetricSource,
    /// The values by period (at least one; periods must not repeat).
    pub series: Vec<Point>,
    /// Targets, each for a period.
    #[serde(default)]
    pub targets: Vec<Target>,
    /// Others to compare with: England, the region, statistical neighbours.
    #[serde(default)]
    pub comparators: Vec<Comparator>,
}

impl Metric {
    /// The latest point that has a value.
    pub fn latest(&self) -> Option<&Point> {
        self.series
            .iter()
            .filter(|p| p.value.is_some())
            .max_by(|a, b| a.period.cmp(&b.period))
    }

    pub fn decimals(&self) -> u8 {
        self.decimals.unwrap_or(0)
    }
}

/// Where figures come from.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct MetricSource {
    /// Who publishes the figures.
    pub publisher: String,
    /// The name of the data set.
    #[serde(default)]
    pub dataset: Option<String>,
    /// Where to find it.
    #[serde(default)]
    pub url: Option<String>,
    /// When the figures were retrieved (a period).
    #[serde(default)]
    pub retrieved: Option<Period>,
    /// The licence the figures are published under.
    #[serde(default)]
    pub licence: Option<String>,
}

/// One value in a series. A value may be withheld, with a flag saying why.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// The period the value is for.
    pub period: Period,
    /// The value; leave it out and give a flag when it is withheld.
    #[serde(default)]
    pub value: Option<f64>,
    /// Why there is no value: c suppressed, x not available, z not applicable.
    #[serde(default)]
    pub flag: Option<Flag>,
    /// A note on this value, such as Revised figure.
    #[serde(default)]
    pub note: Option<String>,
}

/// A target for a period.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// When the target should be met (a period).
    pub period: Period,
    /// The target value.
    pub value: f64,
    /// A note, such as Strategy target.
    #[serde(default)]
    pub note: Option<String>,
}

/// Another place's values for the same measure.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Comparator {
    /// Lower-case letters, digits and hyphens.
    pub id: String,
    /// Shown in the legend and table, such as England.
    pub label: String,
    /// england, region, statistical-neighbours or other.
    pub kind: ComparatorKind,
    /// Its values by period.
    pub series: Vec<Point>,
}

/// What a comparator is: england, region, statistical-neighbours or other.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ComparatorKind {
    England,
    Region,
    StatisticalNeighbours,
    Other,
}

/// Why a value is not shown (the Government Statistical Service symbols).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub enum Flag {
    /// Suppressed to protect confidentiality.
    #[serde(rename = "c")]
    Suppressed,
    /// Not available.
    #[serde(rename = "x")]
    NotAvailable,
    /// Not applicable.
    #[serde(rename = "z")]
    NotApplicable,
}

impl Flag {
    pub fn symbol(self) -> &'static str {
        match self {
            Flag::Suppressed => "c",
            Flag::NotAvailable => "x",
            Flag::NotApplicable => "z",
        }
    }

    pub fn meaning(self) -> &'static str {
        match self {
            Flag::Suppressed => "withheld to protect confidentiality",
            Flag::NotAvailable => "not available",
            Flag::NotApplicable => "not applicable",
        }
    }
}

/// The unit of a number: count, percent, rate-per-10000, weeks, months, years, gbp-per-week, gbp or
/// ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    Count,
    Percent,
    #[serde(rename = "rate-per-10000")]
    RatePer10000,
    Weeks,
    Months,
    Years,
    GbpPerWeek,
    Gbp,
    Ratio,
}

impl Unit {
    /// Words for axis labels and table headings.
    pub fn label(self) -> &'static str {
        match self {
            Unit::Count => "number",
            Unit::Percent => "per cent",
            Unit::RatePer10000 => "rate per 10,000 children",
            Unit::Weeks => "weeks",
            Unit::Months => "months",
            Unit::Years => "years",
            Unit::GbpPerWeek => "pounds a week",
            Unit::Gbp => "pounds",
            Unit::Ratio => "ratio",
        }
    }
}

/// Whether a higher value is good news: higher-is-better, lower-is-better or neutral.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Polarity {
    LowerIsBetter,
    HigherIsBetter,
    Neutral,
}

impl Polarity {
    pub fn label(self) -> &'static str {
        match self {
            Polarity::LowerIsBetter => "Lower is better",
            Polarity::HigherIsBetter => "Higher is better",
            Polarity::Neutral => "Neither higher nor lower is better",
        }
    }
}

// ---------------------------------------------------------------- pages/*.md

#[derive(Clone, Debug, Serialize)]
pub struct Page {
    pub file: String,
    pub front: PageFront,
    /// The Markdown body.
    pub body: String,
    /// Line in the file on which the body starts (1-based), for error positions.
    pub body_line: usize,
    /// The URL segment: `front.slug` or the file stem.
    pub slug: String,
}

/// The front matter of a page in `pages/*.md`, between the two `---` lines.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PageFront {
    /// The page's title.
    pub title: String,
    /// The page's address: /SLUG/ (default: the file name). Link to it with page:SLUG.
    #[serde(default)]
    pub slug: Option<String>,
    /// Position in the navigation.
    #[serde(default)]
    pub order: Option<i64>,
    /// One line for lists and search results.
    #[serde(default)]
    pub summary: Option<String>,
    /// List the page in the main navigation (default true).
    #[serde(default = "yes")]
    pub nav: bool,
}

fn yes() -> bool {
    true
}

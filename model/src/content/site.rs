//! `site.yaml`: who publishes the strategy, its edition, contact, licence, branding and
//! accessibility statement.

use serde::{Deserialize, Serialize};

use crate::period::Period;

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
    /// Who readers can contact about the strategy (optional: without it the pages name no
    /// contact).
    #[serde(default)]
    pub contact: Contact,
    /// The licence the content is published under (optional: without it the pages say
    /// nothing about a licence).
    #[serde(default)]
    pub licence: Option<Licence>,
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
    /// The council's ONS code (E06000016): the area a DfE series at `level: local-authority`
    /// with no `code:` reads, and the council compared with its statistical neighbours.
    #[serde(default)]
    pub ons_code: Option<String>,
    /// The ONS codes of the council's statistical neighbours (for example from the DfE
    /// children's services statistical neighbour benchmarking tool). Each measure read from a
    /// DfE file is compared with them (its neighbours' average and the council's rank); needs
    /// `ons_code`.
    #[serde(default)]
    pub statistical_neighbours: Vec<String>,
    /// Where the list of statistical neighbours comes from, shown with every comparison.
    #[serde(default)]
    pub statistical_neighbours_source: Option<String>,
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
    /// The edition's version, such as "1.2" (in quotes, so that it stays text). Optional:
    /// without it the pages name no version.
    #[serde(default)]
    pub version: Option<String>,
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
    /// The team or role to contact (optional).
    #[serde(default)]
    pub team: Option<String>,
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

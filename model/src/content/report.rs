//! `report.yaml`: the committee report around the strategy (optional). Councils take the
//! strategy, or a progress report on it, to a scrutiny commission or cabinet; the report
//! names the committee and meeting, who leads and wrote it, what the committee is asked to
//! do, the papers behind it and the implications signed off by officers. Every part is
//! optional, and a part left out is left out of the page.

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// The file that holds the committee report.
pub const REPORT_FILE: &str = "report.yaml";

/// `report.yaml`: the committee report that takes the strategy (or a progress report on it)
/// to a committee.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Report {
    /// The report's title, such as "Placement sufficiency: progress report" (without it the
    /// page is called "Committee report").
    #[serde(default)]
    pub title: Option<String>,
    /// The committee the report goes to, such as "Children and Young People Scrutiny
    /// Commission".
    #[serde(default)]
    pub committee: Option<String>,
    /// The date of the meeting (a period: `2025-04-08`, `8 April 2025`).
    #[serde(default)]
    pub meeting: Option<Period>,
    /// The lead director, as the report names them.
    #[serde(default)]
    pub lead_director: Option<String>,
    /// The lead (cabinet) member, as the report names them.
    #[serde(default)]
    pub lead_member: Option<String>,
    /// The wards affected, such as `All` (one item each).
    #[serde(default)]
    pub wards: Vec<String>,
    /// Who wrote the report, and how to contact them.
    #[serde(default)]
    pub authors: Vec<Author>,
    /// The report's version, such as "Final" or "1.2" (in quotes, so that it stays text).
    #[serde(default)]
    pub version: Option<String>,
    /// What the report is about (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// What the committee is asked to do, one recommendation each (Markdown).
    #[serde(default)]
    pub recommendations: Vec<String>,
    /// The background papers the report relies on.
    #[serde(default)]
    pub background_papers: Vec<Paper>,
    /// The implications signed off by officers: financial, legal, equalities, climate and
    /// others by name.
    #[serde(default)]
    pub implications: Implications,
}

/// One author of the report.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Author {
    /// Their name.
    pub name: String,
    /// Their role or job title.
    #[serde(default)]
    pub role: Option<String>,
    /// An email address.
    #[serde(default)]
    pub email: Option<String>,
    /// A telephone number or extension, as the council writes it (`0116 454 1657`, `Ext 37
    /// 2284`).
    #[serde(default)]
    pub phone: Option<String>,
}

/// A background paper.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Paper {
    /// Its title.
    pub title: String,
    /// When it was published or dated (a period).
    #[serde(default)]
    pub date: Option<Period>,
    /// Where to read it: a web address.
    #[serde(default)]
    pub url: Option<String>,
}

/// `implications:` in report.yaml: each kind the report covers, in the order committee
/// reports give them.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Implications {
    #[serde(default)]
    pub financial: Option<Implication>,
    #[serde(default)]
    pub legal: Option<Implication>,
    #[serde(default)]
    pub equalities: Option<Implication>,
    /// Climate emergency implications.
    #[serde(default)]
    pub climate: Option<Implication>,
    /// Other implications, each with its own `title` (such as "Risk management").
    #[serde(default)]
    pub other: Vec<Implication>,
}

impl Implications {
    /// The implications given, each with its key (`financial`, ..., `other[0]`) and its
    /// heading: the implication's own `title`, else the kind's.
    pub fn parts(&self) -> Vec<(String, String, &Implication)> {
        let named = [
            ("financial", "Financial implications", &self.financial),
            ("legal", "Legal implications", &self.legal),
            ("equalities", "Equalities implications", &self.equalities),
            ("climate", "Climate emergency implications", &self.climate),
        ];
        let mut out: Vec<(String, String, &Implication)> = named
            .into_iter()
            .filter_map(|(key, heading, i)| {
                i.as_ref().map(|i| {
                    let heading = i.title.clone().unwrap_or_else(|| heading.to_string());
                    (key.to_string(), heading, i)
                })
            })
            .collect();
        for (n, i) in self.other.iter().enumerate() {
            let heading = i
                .title
                .clone()
                .unwrap_or_else(|| "Other implications".to_string());
            out.push((format!("other[{n}]"), heading, i));
        }
        out
    }

    pub fn is_empty(&self) -> bool {
        self.parts().is_empty()
    }
}

/// One kind of implication, as the officer who signed it off wrote it.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Implication {
    /// Its heading: required for `other` implications; for the others it replaces the usual
    /// one ("Financial implications").
    #[serde(default)]
    pub title: Option<String>,
    /// What the officer wrote (Markdown).
    #[serde(default)]
    pub text: Option<String>,
    /// The officer who signed it off.
    #[serde(default)]
    pub officer: Option<String>,
    /// Their role, such as "Head of Finance".
    #[serde(default)]
    pub role: Option<String>,
    /// An email address.
    #[serde(default)]
    pub email: Option<String>,
    /// A telephone number or extension, as the council writes it.
    #[serde(default)]
    pub phone: Option<String>,
    /// When it was signed off (a period: `11 December 2024`, `09.12.24`).
    #[serde(default)]
    pub date: Option<Period>,
}

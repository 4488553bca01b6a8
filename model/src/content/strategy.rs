//! `strategy.yaml`: the strategy itself: summary, vision, aims, priorities, governance and
//! phases.

use serde::{Deserialize, Serialize};

use crate::period::Period;

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
    /// The aims. Priorities and actions refer to them by id. Optional: a strategy that
    /// states no aims leaves them out, and its pages say nothing about aims.
    #[serde(default)]
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
    /// A short title (optional: without one, the statement stands alone).
    #[serde(default)]
    pub title: Option<String>,
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

//! `plan/*.yaml`: the delivery plan, one workstream a file, with its actions and their RAG
//! ratings.

use serde::{Deserialize, Serialize};

use crate::period::Period;

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
    /// The rating: red, amber, green, complete or not-started. Leave it out when the plan
    /// gives the action no rating: it is then shown as "Not rated" (never as not started)
    /// and published with an empty rating.
    #[serde(default)]
    pub rag: Option<Rag>,
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
    /// An action with no rating, in the plan's filter (`?rag=not-rated`) and CSS classes.
    /// The open data leave its rating empty instead.
    pub const NOT_RATED_KEY: &'static str = "not-rated";
    /// An action with no rating, as pages, summaries and `hearth diff` name it.
    pub const NOT_RATED_LABEL: &'static str = "Not rated";
    /// What having no rating means, in words.
    pub const NOT_RATED_MEANING: &'static str = "The plan gives this action no rating";

    /// The label of a rating, or [`Rag::NOT_RATED_LABEL`] for none.
    pub fn label_of(r: Option<Rag>) -> &'static str {
        r.map_or(Rag::NOT_RATED_LABEL, Rag::label)
    }

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

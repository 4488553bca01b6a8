//! `strategy.yaml` `previous:`: the strategy that came before this one, looked back on: its
//! title, period and where to read it (an address, or a frozen edition of this site), and
//! what became of its commitments, each with an outcome, evidence and dates where known.
//!
//! A looked-back commitment is never an action of the current plan: it has its own page and
//! open data and is left out of the plan's counts, filters and ratings.

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// The strategy that came before this one.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PreviousStrategy {
    /// Its title, such as Placement Sufficiency Strategy 2015 to 2019.
    pub title: String,
    /// The period it covered.
    #[serde(default)]
    pub period: Option<Period>,
    /// Where to read it: a web address.
    #[serde(default)]
    pub url: Option<String>,
    /// The version of a frozen edition of this site that published it (a folder in
    /// `editions/`).
    #[serde(default)]
    pub edition: Option<String>,
    /// When it was looked back on (a period), such as the date of the review or report.
    #[serde(default)]
    pub reviewed: Option<Period>,
    /// What it achieved overall, in the past tense (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    /// What it committed to and what became of each.
    #[serde(default)]
    pub commitments: Vec<PastCommitment>,
}

/// One commitment (or action) of the previous strategy and what became of it.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct PastCommitment {
    /// What it committed to, in a short title.
    pub title: String,
    /// What became of it: delivered, partly-delivered, not-delivered or carried-forward.
    pub outcome: Outcome,
    /// Ids of this strategy's priorities that carry it on; it is shown on their pages.
    #[serde(default)]
    pub carried_forward_into: Vec<String>,
    /// What shows the outcome (Markdown).
    #[serde(default)]
    pub evidence: Option<String>,
    /// When it was due, if the previous strategy said (a period).
    #[serde(default)]
    pub due: Option<Period>,
    /// When it was done, or when the outcome was reported (a period).
    #[serde(default)]
    pub date: Option<Period>,
}

/// What became of a previous strategy's commitment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    /// It was done.
    Delivered,
    /// Some of it was done.
    PartlyDelivered,
    /// It was not done.
    NotDelivered,
    /// It continues under this strategy.
    CarriedForward,
}

impl Outcome {
    pub const ALL: [Outcome; 4] = [
        Outcome::Delivered,
        Outcome::PartlyDelivered,
        Outcome::NotDelivered,
        Outcome::CarriedForward,
    ];

    /// The value written in YAML and in open data.
    pub fn key(self) -> &'static str {
        match self {
            Outcome::Delivered => "delivered",
            Outcome::PartlyDelivered => "partly-delivered",
            Outcome::NotDelivered => "not-delivered",
            Outcome::CarriedForward => "carried-forward",
        }
    }

    /// The outcome in words, in the past tense.
    pub fn label(self) -> &'static str {
        match self {
            Outcome::Delivered => "Delivered",
            Outcome::PartlyDelivered => "Partly delivered",
            Outcome::NotDelivered => "Not delivered",
            Outcome::CarriedForward => "Carried forward",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_what_yaml_writes() {
        for o in Outcome::ALL {
            let read: Result<Outcome, _> = serde_yaml::from_str(o.key());
            assert_eq!(read.ok(), Some(o));
        }
    }
}

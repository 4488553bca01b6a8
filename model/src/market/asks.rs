//! `market/asks.yaml`: what the council wants from providers, and the categories the asks
//! are described and filtered by.

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// `market/asks.yaml`: what the council wants from providers, and the categories used to
/// describe (and filter) the asks.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Asks {
    /// Introduction on the asks page (Markdown).
    #[serde(default)]
    pub summary: Option<String>,
    #[serde(default)]
    pub placement_types: Vec<Category>,
    #[serde(default)]
    pub age_bands: Vec<Category>,
    #[serde(default)]
    pub needs: Vec<Category>,
    #[serde(default)]
    pub localities: Vec<Category>,
    #[serde(default)]
    pub asks: Vec<Ask>,
}

/// A value of one of the ask categories: an id and the label readers see.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Category {
    /// Lower-case letters, digits and hyphens; asks refer to it by id.
    pub id: String,
    /// What readers see.
    pub label: String,
    /// A glossary term that explains it (id).
    #[serde(default)]
    pub glossary: Option<String>,
}

/// One market ask.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Ask {
    /// Lower-case letters, digits and hyphens. Link to it with ask:ID.
    pub id: String,
    /// What the council wants, in a line.
    pub title: String,
    /// The placement type (id of one of `placement_types`).
    #[serde(rename = "type")]
    pub placement_type: String,
    /// Age bands (ids of `age_bands`).
    pub ages: Vec<String>,
    /// Needs (ids of `needs`).
    #[serde(default)]
    pub needs: Vec<String>,
    /// Where the homes are wanted (id of one of `localities`).
    pub locality: String,
    /// How many children need this now (a count of children: small numbers are withheld).
    #[serde(default)]
    pub volume_now: Option<f64>,
    /// How many children we expect to need it by `by` (also withheld when small).
    #[serde(default)]
    pub volume_forecast: Option<f64>,
    /// By when (period).
    pub by: Period,
    /// The route to market (id of a route in market.yaml).
    #[serde(default)]
    pub route: Option<String>,
    /// The lot of that route (id).
    #[serde(default)]
    pub lot: Option<String>,
    /// The strategy priority it serves (id).
    #[serde(default)]
    pub priority: Option<String>,
    /// The what-if scenario that forecasts it (id).
    #[serde(default)]
    pub scenario: Option<String>,
    /// Measures that track it (ids).
    #[serde(default)]
    pub metrics: Vec<String>,
    /// What we want, in more detail (Markdown).
    #[serde(default)]
    pub detail: Option<String>,
}

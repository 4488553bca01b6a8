//! `market/glossary.yaml`: terms and abbreviations, linked from the market pages.

use serde::{Deserialize, Serialize};

/// `market/glossary.yaml`: terms and abbreviations.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    /// The terms.
    #[serde(default)]
    pub terms: Vec<Term>,
}

/// A glossary term.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Term {
    /// Used in links: `glossary:ifa` and `#term-ifa`.
    pub id: String,
    /// The term in full.
    pub term: String,
    /// Its abbreviation, such as IFA.
    #[serde(default)]
    pub abbreviation: Option<String>,
    /// Markdown.
    pub definition: String,
    /// Related terms (ids).
    #[serde(default)]
    pub see: Vec<String>,
}

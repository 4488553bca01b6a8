//! `pages/*.md`: Markdown pages with YAML front matter.

use serde::{Deserialize, Serialize};

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

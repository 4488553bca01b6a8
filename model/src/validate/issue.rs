//! What a check reports: an [`Issue`] (error or warning) at a [`Place`] in the content.

use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A place in the content: a file (relative to the content folder) and a field path in it,
/// written as `actions[3].priorities[0]`. An empty path means the file as a whole.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Place {
    pub file: String,
    pub path: String,
}

impl Place {
    pub fn new(file: impl Into<String>, path: impl Into<String>) -> Self {
        Place {
            file: file.into(),
            path: path.into(),
        }
    }
}

/// One problem found in the content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Issue {
    pub severity: Severity,
    pub place: Place,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    /// The other end of a broken cross-reference, or the first of a duplicate.
    pub related: Option<Place>,
}

impl Issue {
    pub fn error(place: Place, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Error,
            place,
            message: message.into(),
            expected: None,
            hint: None,
            related: None,
        }
    }

    pub fn warning(place: Place, message: impl Into<String>) -> Self {
        Issue {
            severity: Severity::Warning,
            ..Issue::error(place, message)
        }
    }

    pub fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    pub fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }

    pub fn related(mut self, place: Place) -> Self {
        self.related = Some(place);
        self
    }
}

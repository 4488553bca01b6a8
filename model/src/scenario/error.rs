//! What is wrong with a scenario: a [`ScenarioError`] at a field path, and inside a formula
//! at a character offset.

use std::fmt;

use serde::Serialize;

use crate::formula::FormulaError;

/// A problem in a scenario: the field path (`series[2].next`), and for a formula the
/// character offset and length inside its text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ScenarioError {
    pub path: String,
    /// Characters from the start of the formula, counting from 0; `None` for non-formula fields.
    pub offset: Option<usize>,
    pub len: usize,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl ScenarioError {
    pub(super) fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        ScenarioError {
            path: path.into(),
            offset: None,
            len: 0,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub(super) fn formula(path: &str, e: FormulaError) -> Self {
        ScenarioError {
            path: path.to_string(),
            offset: Some(e.offset),
            len: e.len,
            message: e.message,
            expected: e.expected,
            hint: e.hint,
        }
    }

    pub(super) fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    pub(super) fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.offset {
            Some(o) => write!(f, "{} (character {}): {}", self.path, o + 1, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ScenarioError {}

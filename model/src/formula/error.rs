//! What is wrong with a formula: a [`FormulaError`] at a character offset, with what was
//! expected and a hint.

use std::fmt;

use super::Expr;

/// A problem in one formula, at `offset` (characters) for `len` characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl FormulaError {
    pub(crate) fn new(offset: usize, len: usize, message: impl Into<String>) -> Self {
        FormulaError {
            offset,
            len,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub(crate) fn at(expr: &Expr, message: impl Into<String>) -> Self {
        FormulaError::new(expr.offset, expr.len, message)
    }

    pub(crate) fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    pub(crate) fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.offset + 1, self.message)
    }
}

impl std::error::Error for FormulaError {}

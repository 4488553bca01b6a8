//! Diagnostics: problems found in content, with file, line, column, field, what was expected
//! and a hint, printed the way an editor can act on.

use std::fmt;

use hearth_model::{Issue, Severity};

use crate::load::yamlpos::Pos;

/// A place resolved to a line and column.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    /// Path as shown to the user (the content folder joined with the file).
    pub file: String,
    pub pos: Option<Pos>,
    /// The field path inside the file (may be empty).
    pub field: String,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.pos {
            Some(p) => write!(f, "{}:{}:{}", self.file, p.line, p.column)?,
            None => write!(f, "{}", self.file)?,
        }
        if !self.field.is_empty() {
            write!(f, " ({})", self.field)?;
        }
        Ok(())
    }
}

#[derive(Clone, Debug)]
pub struct Diagnostic {
    pub severity: Severity,
    pub location: Location,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
    pub related: Option<Location>,
    /// The source line the position points into, for display.
    pub source_line: Option<String>,
}

impl Diagnostic {
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            location,
            message: message.into(),
            expected: None,
            hint: None,
            related: None,
            source_line: None,
        }
    }

    /// A problem with the content folder or a whole file (no line).
    pub fn file(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic::error(
            Location {
                file: file.into(),
                pos: None,
                field: String::new(),
            },
            message,
        )
    }

    pub fn with_expected(mut self, e: impl Into<String>) -> Self {
        self.expected = Some(e.into());
        self
    }

    pub fn with_hint(mut self, h: impl Into<String>) -> Self {
        self.hint = Some(h.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Build from a model issue once its places are resolved.
    pub fn from_issue(issue: &Issue, location: Location, related: Option<Location>) -> Self {
        Diagnostic {
            severity: issue.severity,
            location,
            message: issue.message.clone(),
            expected: issue.expected.clone(),
            hint: issue.hint.clone(),
            related,
            source_line: None,
        }
    }

    /// Attach the text of the line the diagnostic points at.
    pub fn with_source(mut self, text: &str) -> Self {
        if let Some(p) = self.location.pos {
            self.source_line = text
                .lines()
                .nth(p.line.saturating_sub(1))
                .map(|l| l.to_string());
        }
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        writeln!(f, "{label}: {}", self.message)?;
        match self.location.pos {
            Some(p) => writeln!(f, "  --> {}:{}:{}", self.location.file, p.line, p.column)?,
            None => writeln!(f, "  --> {}", self.location.file)?,
        }
        if let (Some(line), Some(p)) = (&self.source_line, self.location.pos) {
            let number = p.line.to_string();
            let pad = " ".repeat(number.len());
            let shown: String = line.replace('\t', "→");
            writeln!(f, "{pad} |")?;
            writeln!(f, "{number} | {shown}")?;
            let caret_at = line.chars().take(p.column.saturating_sub(1)).count();
            writeln!(f, "{pad} | {}^", " ".repeat(caret_at))?;
        }
        if !self.location.field.is_empty() {
            writeln!(f, "   = field: {}", self.location.field)?;
        }
        if let Some(e) = &self.expected {
            writeln!(f, "   = expected: {e}")?;
        }
        if let Some(h) = &self.hint {
            writeln!(f, "   = hint: {h}")?;
        }
        if let Some(r) = &self.related {
            writeln!(f, "   = see: {r}")?;
        }
        Ok(())
    }
}

/// 1-based line and column of a byte offset in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

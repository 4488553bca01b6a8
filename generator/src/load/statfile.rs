//! Opening a statistics CSV file to stream it: shared by the DfE, Ofsted and StatsWales
//! readers, so each reports an unreadable file, bad CSV and a problem in a cell the same way.

use std::fs::File;

use hearth_model::validate::closest;

use super::dfe::field_error;
use super::yamlpos::Pos;
use super::{Folder, SourceFile};
use crate::diag::{Diagnostic, Location};

/// A statistics file opened for reading record by record, with its header names (a
/// byte-order mark and surrounding spaces taken off each).
#[derive(Debug)]
pub struct StatFile {
    pub reader: csv::Reader<File>,
    pub header: Vec<String>,
}

/// An error at a row (`line`, 1-based) and column of the file shown as `display`, about the
/// YAML field `field` that asked for it.
pub fn at_cell(
    display: &str,
    line: u64,
    column: usize,
    field: String,
    message: String,
) -> Diagnostic {
    Diagnostic::error(
        Location {
            file: display.to_string(),
            pos: Some(Pos {
                line: line as usize,
                column,
            }),
            field,
        },
        message,
    )
}

impl Folder {
    /// Open `rel` (a path inside the content folder) and read its header; None once the
    /// problem (a file that cannot be read, or a header that is not CSV) is reported, the
    /// latter at `field`.
    pub(super) fn open_stat_file(&mut self, rel: &str, field: &str) -> Option<StatFile> {
        let display = self.sources.display(rel);
        let full = self.root.join(rel);
        let mut reader = match csv::ReaderBuilder::new().flexible(true).from_path(&full) {
            Ok(r) => r,
            Err(e) => {
                self.diagnostics.push(
                    Diagnostic::file(&display, format!("the file cannot be read: {e}"))
                        .with_hint("check that it exists and can be read"),
                );
                return None;
            }
        };
        let header = match reader.headers() {
            Ok(h) => h
                .iter()
                .map(|c| c.trim_start_matches('\u{feff}').trim().to_string())
                .collect(),
            Err(e) => {
                self.diagnostics.push(at_cell(
                    &display,
                    1,
                    1,
                    field.to_string(),
                    format!("this is not valid CSV: {e}"),
                ));
                return None;
            }
        };
        Some(StatFile { reader, header })
    }
}

/// Read the next record that is not blank into `record`: Ok(false) at the end of the file, or
/// an error at the row that is not valid CSV (about the YAML field `field`).
pub fn next_row(
    reader: &mut csv::Reader<File>,
    record: &mut csv::StringRecord,
    display: &str,
    field: &str,
) -> Result<bool, Box<Diagnostic>> {
    loop {
        match reader.read_record(record) {
            Ok(true) if record.iter().all(|c| c.trim().is_empty()) => {}
            Ok(more) => return Ok(more),
            Err(e) => {
                let line = e.position().map_or(1, |p| p.line());
                return Err(Box::new(at_cell(
                    display,
                    line,
                    1,
                    field.to_string(),
                    format!("this is not valid CSV: {e}"),
                )));
            }
        }
    }
}

/// An unknown key `key` in the mapping at `prefix` of `file`, whose keys are `fields`: at the
/// key itself, with the keys there are and the nearest as a hint.
pub fn unknown_field(file: &SourceFile, prefix: &str, key: &str, fields: &[&str]) -> Diagnostic {
    let hint = match closest(key, fields.iter().copied()) {
        Some(n) => format!("did you mean `{n}`?"),
        None => "remove it, or check the spelling".into(),
    };
    let path = format!("{prefix}.{key}");
    let mut d = field_error(file, &path, format!("unknown field `{key}`"))
        .with_expected(format!("one of: {}", fields.join(", ")))
        .with_hint(hint);
    d.location.pos = file.index.locate_key(&path).or(d.location.pos);
    d.with_source(&file.text)
}

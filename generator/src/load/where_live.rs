//! region.yaml's `where_children_live:`: its CSV file read into rows of text (each keeping
//! its line, so the model's problems with a row land on the CSV row and column), typed and
//! checked by `hearth_model::where_live`.

use hearth_model::where_live::{ROWS, RawRow, WhereChildrenLive};
use hearth_model::{Issue, Place, region::REGION_FILE};

use super::Folder;
use super::csvimport::{CsvSource, inside};
use super::yamlpos::Pos;
use crate::diag::{Diagnostic, Location};

/// The CSV file's columns, in the order rows are read.
pub const COLUMNS: [&str; 3] = ["placing", "area", "count"];

fn at(field: &str) -> Place {
    Place::new(REGION_FILE, format!("where_children_live.{field}"))
}

/// Read the CSV file `spec.csv` names (relative to region.yaml) into rows. Problems are
/// added to the folder's diagnostics; `None` when the file cannot be read.
pub fn rows(folder: &mut Folder, spec: &WhereChildrenLive) -> Option<Vec<RawRow>> {
    let rel = match inside("", &spec.csv) {
        Ok(r) => r,
        Err(why) => {
            folder.report(&[
                Issue::error(at("csv"), format!("the CSV file `{}` {why}", spec.csv))
                    .expected("a path inside the region's folder, relative to region.yaml")
                    .hint("such as `data/where-children-live.csv`"),
            ]);
            return None;
        }
    };
    if !folder.root.join(&rel).is_file() {
        let shown = folder.sources.display(&rel);
        folder.report(&[Issue::error(
            at("csv"),
            format!("there is no CSV file `{}` (looked for {shown})", spec.csv),
        )
        .expected("the path of a CSV file, relative to region.yaml")
        .hint("put the file in the region's folder, such as `data/where-children-live.csv`")]);
        return None;
    }
    let text = folder.read(&rel)?;
    let display = folder.sources.display(&rel);
    let cell_at = |line: usize, column: usize, message: String| {
        Diagnostic::error(
            Location {
                file: display.clone(),
                pos: Some(Pos { line, column }),
                field: ROWS.to_string(),
            },
            message,
        )
    };
    let records = match super::csv::read(&text) {
        Ok(r) => r,
        Err(e) => {
            folder.diagnostics.push(
                cell_at(
                    e.line,
                    e.column,
                    format!("this is not valid CSV: {}", e.message),
                )
                .with_expected("cells separated by commas, a cell holding commas in double quotes")
                .with_hint(e.hint),
            );
            return None;
        }
    };
    let mut records = records
        .into_iter()
        .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
    let Some(header) = records.next() else {
        folder.diagnostics.push(
            cell_at(1, 1, "the CSV file is empty".into())
                .with_expected(
                    "a first row naming the columns placing, area and count, then a row per count",
                )
                .with_hint("such as `placing,area,count` then `northbrook,eastmoor,12`"),
        );
        return None;
    };
    let names: Vec<String> = header
        .cells
        .iter()
        .map(|c| c.trim().to_ascii_lowercase())
        .collect();
    let mut columns = Vec::new();
    for field in COLUMNS {
        match names.iter().position(|n| n == field) {
            Some(c) => columns.push((field.to_string(), c + 1)),
            None => {
                folder.diagnostics.push(
                    cell_at(
                        header.line,
                        1,
                        format!("the CSV file has no `{field}` column"),
                    )
                    .with_expected("a first row naming the columns placing, area and count")
                    .with_hint(format!(
                        "the first row has: {}; name the columns placing, area and count",
                        header.cells.join(", ")
                    )),
                );
                return None;
            }
        }
    }
    let cell = |cells: &[String], c: usize| cells.get(c - 1).cloned().unwrap_or_default();
    let mut out = Vec::new();
    let mut lines = Vec::new();
    for r in records {
        out.push(RawRow {
            placing: cell(&r.cells, columns[0].1),
            area: cell(&r.cells, columns[1].1),
            count: cell(&r.cells, columns[2].1),
        });
        lines.push(r.line);
    }
    if let Some(file) = folder.sources.get_mut(REGION_FILE) {
        file.csv.push(CsvSource {
            prefix: ROWS.to_string(),
            display,
            lines,
            columns,
        });
    }
    Some(out)
}

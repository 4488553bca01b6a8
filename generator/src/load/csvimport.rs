//! Series and breakdown rows kept in CSV files beside the YAML:
//!
//! ```yaml
//! series: { csv: data/children-in-care.csv, period: Year, value: Rate, flag: Flag, note: Note }
//! ```
//!
//! The loader reads each YAML file into a `serde_yaml::Value`; before it is deserialised into
//! the model, every such mapping is replaced by the list of row mappings read from the CSV
//! (`{ period: ..., value: ... }`), so the model never knows the difference. Each list item
//! remembers its CSV line, so every later problem with it (a bad period, a repeated period, a
//! value and a flag both given) is reported at the CSV file, row and column.
//!
//! Numbers: `1234`, `-3.5`, `1,234` and `1,234.5` (commas between groups of three digits) are
//! read; `12.5%` is read as 12.5 in a `unit: percent` measure or breakdown and refused
//! elsewhere; a currency sign, spaces inside a number or a decimal comma are refused with a
//! hint. A value cell holding `c`, `x` or `z` (or `[c]`, ...) withholds the value with that
//! flag, as published statistics do. Blank rows are skipped.
//!
//! A measure's series also reads figures as documents write them (`around 36%`, `less than
//! half`, `9-10%`), passed to the model as text so each keeps the places it is written with,
//! and a `change` column (a change the document states) when the mapping names one.

use std::fs;
use std::path::{Component, Path};

use super::yaml::{Mapping, Value};
use hearth_model::validate::closest;

use super::csv::{ReadError, Record};
use super::yamlpos::Pos;
use super::{Folder, SourceFile};
use crate::diag::{Diagnostic, Location};

/// At most this many row problems are reported for one CSV file.
const MAX_ROW_ERRORS: usize = 20;

/// Which file is being read, so which lists may come from CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `series`, and `comparators[N].series`: rows of period, value, flag, note, change.
    Metric,
    /// `rows`: rows of label, value, flag.
    Breakdown,
}

impl Kind {
    /// The fields a row has, the first two required (the row's name, and its value).
    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Metric => &["period", "value", "flag", "note", "change"],
            Kind::Breakdown => &["label", "value", "flag"],
        }
    }
}

/// A list read from a CSV file: where its items came from.
#[derive(Clone, Debug, Default)]
pub struct CsvSource {
    /// The list's path in the YAML file: `series`, `comparators[0].series`, `rows`.
    pub prefix: String,
    /// The CSV file as shown to the user.
    pub display: String,
    /// The line each item (data row) starts on.
    pub lines: Vec<usize>,
    /// Row field -> 1-based column in the CSV.
    pub columns: Vec<(String, usize)>,
}

impl CsvSource {
    /// The CSV location of a field path inside this list (`series[3].value`), if it is one.
    fn locate(&self, path: &str) -> Option<Location> {
        let rest = path.strip_prefix(&self.prefix)?.strip_prefix('[')?;
        let (index, rest) = rest.split_once(']')?;
        let line = *self.lines.get(index.parse::<usize>().ok()?)?;
        let field = rest.trim_start_matches('.');
        let field = field.split(['.', '[']).next().unwrap_or("");
        let column = self
            .columns
            .iter()
            .find(|(f, _)| f == field)
            .or_else(|| self.columns.first())
            .map_or(1, |(_, c)| *c);
        Some(Location {
            file: self.display.clone(),
            pos: Some(Pos { line, column }),
            field: path.to_string(),
        })
    }
}

/// The CSV location of a field path in a YAML file whose lists came from CSV files.
pub fn locate(sources: &[CsvSource], path: &str) -> Option<Location> {
    sources.iter().find_map(|s| s.locate(path))
}

/// What one YAML mapping asks for.
struct Request {
    /// YAML path of the mapping (`series`).
    prefix: String,
    /// Relative path of the CSV in the content folder.
    csv_rel: String,
    /// Field -> column name, for the fields named in the mapping.
    named: Vec<(String, String)>,
}

impl Folder {
    /// Replace every `{ csv: ... }` list in `value` (a file of `kind`) by the rows read from its
    /// CSV file. Problems are added to the diagnostics; a list that cannot be read becomes
    /// empty. Returns where each list came from, and whether anything was wrong.
    pub(crate) fn expand_csv(
        &mut self,
        file: &SourceFile,
        rel: &str,
        value: &mut Value,
        kind: Kind,
    ) -> (Vec<CsvSource>, bool) {
        let percent = value.get("unit").and_then(Value::as_str) == Some("percent");
        // `neighbours: false` leaves out the statistical neighbours' comparison.
        let neighbours = value.get("neighbours").and_then(Value::as_bool) != Some(false);
        let mut spots = Vec::new();
        match kind {
            Kind::Metric => {
                spots.push("series".to_string());
                if let Some(Value::Sequence(cs)) = value.get("comparators") {
                    spots.extend((0..cs.len()).map(|i| format!("comparators[{i}].series")));
                }
            }
            Kind::Breakdown => spots.push("rows".to_string()),
        }
        let mut sources = Vec::new();
        let mut failed = false;
        for spot in spots {
            let Some(slot) = slot_mut(value, &spot) else {
                continue;
            };
            let Value::Mapping(map) = slot else {
                continue;
            };
            let rows = if kind == Kind::Metric && super::dfe::is_dfe(map) {
                let map = map.clone();
                let rows = self.dfe_rows(file, rel, &spot, &map);
                if rows.is_some()
                    && spot == "series"
                    && neighbours
                    && let Some(figures) = self.dfe_neighbours(file, rel, &map)
                {
                    self.neighbour_figures.insert(rel.to_string(), figures);
                }
                rows
            } else if kind == Kind::Metric && super::statswales::is_statswales(map) {
                let map = map.clone();
                self.statswales_rows(file, rel, &spot, &map)
            } else {
                match self.request(file, rel, &spot, map, kind) {
                    Some(req) => self.rows(file, &req, kind, percent),
                    None => None,
                }
            };
            match rows {
                Some((items, source)) => {
                    *slot = Value::Sequence(items);
                    sources.push(source);
                }
                None => {
                    *slot = Value::Sequence(Vec::new());
                    failed = true;
                }
            }
        }
        (sources, failed)
    }

    /// Check the mapping's keys and the CSV path.
    fn request(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        map: &Mapping,
        kind: Kind,
    ) -> Option<Request> {
        let (csv, named, ok) = self.request_fields(file, prefix, map, kind);
        let Some(csv) = csv else {
            if ok {
                self.no_csv(file, prefix, kind);
            }
            return None;
        };
        let csv_rel = self.csv_file(file, rel, prefix, &csv, "csv")?;
        if !ok {
            return None;
        }
        Some(Request {
            prefix: prefix.to_string(),
            csv_rel,
            named,
        })
    }

    /// Read the fields of the mapping at `prefix`: the CSV path given by `csv:`, if any, and
    /// field -> column name for the others. Keys that are not words, unknown fields and
    /// values that are not text are reported; the flag is false if there was one.
    fn request_fields(
        &mut self,
        file: &SourceFile,
        prefix: &str,
        map: &Mapping,
        kind: Kind,
    ) -> (Option<String>, Vec<(String, String)>, bool) {
        let mut allowed = vec!["csv"];
        allowed.extend(kind.fields());
        let mut csv = None;
        let mut named = Vec::new();
        let mut ok = true;
        for (k, v) in map {
            match self.request_field(file, prefix, &allowed, k, v) {
                Some((key, text)) if key == "csv" => csv = Some(text),
                Some((key, text)) => named.push((key, text)),
                None => ok = false,
            }
        }
        (csv, named, ok)
    }

    /// One field of the mapping at `prefix`: its name (one of `allowed`) and its value as
    /// text, or None once what is wrong with it is reported.
    fn request_field(
        &mut self,
        file: &SourceFile,
        prefix: &str,
        allowed: &[&str],
        k: &Value,
        v: &Value,
    ) -> Option<(String, String)> {
        let Some(key) = k.as_str() else {
            let d = field_error(file, prefix, "a field name here is not a word".into())
                .with_expected(format!("one of: {}", allowed.join(", ")));
            self.diagnostics.push(d.with_source(&file.text));
            return None;
        };
        let path = format!("{prefix}.{key}");
        if !allowed.contains(&key) {
            let hint = match closest(key, allowed.iter().copied()) {
                Some(near) => format!("did you mean `{near}`?"),
                None => "remove it, or check the spelling".into(),
            };
            let mut d = field_error(file, &path, format!("unknown field `{key}`"))
                .with_expected(format!("one of: {}", allowed.join(", ")))
                .with_hint(hint);
            d.location.pos = file.index.locate_key(&path).or(d.location.pos);
            self.diagnostics.push(d.with_source(&file.text));
            return None;
        }
        let text = match v {
            Value::String(s) => s.clone(),
            Value::Number(n) => n.to_string(),
            _ => {
                let what = if key == "csv" {
                    "the path of a CSV file, such as data/children-in-care.csv"
                } else {
                    "the name of a column in the CSV file's first row"
                };
                self.diagnostics.push(
                    field_error(file, &path, format!("`{key}` must be text"))
                        .with_expected(what)
                        .with_source(&file.text),
                );
                return None;
            }
        };
        Some((key.to_string(), text))
    }

    /// Report a mapping at `prefix` that has no `csv:`.
    fn no_csv(&mut self, file: &SourceFile, prefix: &str, kind: Kind) {
        let example = match kind {
            Kind::Metric => "series: { csv: data/children-in-care.csv, period: Year, value: Rate }",
            Kind::Breakdown => "rows: { csv: data/age-profile.csv, label: Age, value: Children }",
        };
        self.diagnostics.push(
            field_error(file, prefix, format!("`{prefix}` is a mapping without `csv:`"))
                .with_expected(format!(
                    "a list of rows, or `csv:` naming a CSV file, for example `{example}`"
                ))
                .with_hint("write the rows as a list (lines starting with `- `), or add `csv: path/to/file.csv`")
                .with_source(&file.text),
        );
    }

    /// The path in the content folder of the CSV file `csv` named at `prefix` in the file
    /// `rel`, if it is a file inside the content folder; otherwise None, once why not is
    /// reported.
    pub(super) fn csv_file(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        csv: &str,
        key: &str,
    ) -> Option<String> {
        let csv_path = format!("{prefix}.{key}");
        let located =
            |message: String| field_error(file, &csv_path, message).with_source(&file.text);
        let folder = Path::new(rel)
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let csv_rel = match inside(&folder, csv) {
            Ok(r) => r,
            Err(why) => {
                self.diagnostics.push(
                    located(format!("the CSV file `{csv}` {why}"))
                        .with_expected("a path inside the content folder, relative to this file's folder")
                        .with_hint(format!(
                            "put the CSV file in the content folder, for example in `{}`, and write `{key}: data/{}`",
                            join(&folder, "data"),
                            Path::new(csv)
                                .file_name()
                                .map_or("file.csv".into(), |n| n.to_string_lossy().to_string())
                        )),
                );
                return None;
            }
        };
        let full = self.root.join(&csv_rel);
        if !full.is_file() {
            let hint = missing_csv_hint(&self.root, &csv_rel, &folder);
            self.diagnostics.push(
                located(format!(
                    "there is no CSV file `{csv}` (looked for {})",
                    self.sources.display(&csv_rel)
                ))
                .with_expected("the path of a CSV file, relative to this file's folder")
                .with_hint(hint),
            );
            return None;
        }
        // A link inside the folder may still point outside it.
        if let (Ok(root), Ok(target)) = (self.root.canonicalize(), full.canonicalize())
            && !target.starts_with(&root)
        {
            self.diagnostics.push(
                located(format!(
                    "the CSV file `{csv}` is a link to a file outside the content folder"
                ))
                .with_expected("a file inside the content folder")
                .with_hint("copy the file into the content folder instead of linking to it"),
            );
            return None;
        }
        Some(csv_rel)
    }

    /// Read the CSV and turn its rows into list items.
    fn rows(
        &mut self,
        file: &SourceFile,
        req: &Request,
        kind: Kind,
        percent: bool,
    ) -> Option<(Vec<Value>, CsvSource)> {
        let text = self.read(&req.csv_rel)?;
        let display = self.sources.display(&req.csv_rel);
        let records = match super::csv::read(&text) {
            Ok(r) => r,
            Err(e) => {
                self.diagnostics.push(invalid_csv(&display, &req.prefix, e));
                return None;
            }
        };
        let mut records = records
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
        let Some(header) = records.next() else {
            self.diagnostics
                .push(empty_csv(file, &req.prefix, &display));
            return None;
        };
        let names: Vec<String> = header.cells.iter().map(|c| c.trim().to_string()).collect();
        let columns = self.match_columns(file, req, kind, &names, &display)?;
        let mut reader = RowReader {
            display: &display,
            prefix: &req.prefix,
            kind,
            percent,
            names: &names,
            columns: &columns,
            diags: Vec::new(),
            errors: 0,
        };
        let mut items = Vec::new();
        let mut lines = Vec::new();
        for record in records {
            items.push(Value::Mapping(reader.read_row(&record, items.len())));
            lines.push(record.line);
        }
        let diags = reader.finish();
        let failed = !diags.is_empty();
        self.diagnostics.extend(diags);
        if failed {
            return None;
        }
        Some((
            items,
            CsvSource {
                prefix: req.prefix.clone(),
                display,
                lines,
                columns: columns.into_iter().map(|(f, c)| (f, c + 1)).collect(),
            },
        ))
    }

    /// Find the column of each row field in the first row's `names`: the column named in the
    /// mapping, else the one named like the field. Returns field -> 0-based column, or None
    /// once the columns that could not be found are reported.
    fn match_columns(
        &mut self,
        file: &SourceFile,
        req: &Request,
        kind: Kind,
        names: &[String],
        display: &str,
    ) -> Option<Vec<(String, usize)>> {
        let mut columns: Vec<(String, usize)> = Vec::new();
        let mut ok = true;
        for (n, field) in kind.fields().iter().enumerate() {
            let required = n < 2;
            let given = req.named.iter().find(|(f, _)| f == field).map(|(_, c)| c);
            // A stated change is read only from a column the mapping names: a sheet's own
            // "Change" column (worked out, say) was never read before, and is not now.
            if given.is_none() && *field == "change" {
                continue;
            }
            let wanted = given.map_or(*field, String::as_str);
            match find_column(names, wanted) {
                Some(c) => columns.push(((*field).to_string(), c)),
                None if given.is_none() && !required => {}
                None => {
                    ok = false;
                    self.diagnostics.push(missing_column(
                        file,
                        &req.prefix,
                        display,
                        names,
                        field,
                        given,
                    ));
                }
            }
        }
        ok.then_some(columns)
    }
}

/// An error in the YAML `file` about the field at `path`.
fn field_error(file: &SourceFile, path: &str, message: String) -> Diagnostic {
    Diagnostic::error(
        Location {
            file: file.display.clone(),
            pos: file.index.locate(path),
            field: path.to_string(),
        },
        message,
    )
}

/// An error in the CSV file `display` at a line and a 1-based column, about the YAML field
/// `field` the cell becomes.
fn cell_error(
    display: &str,
    line: usize,
    column: usize,
    field: String,
    message: String,
) -> Diagnostic {
    Diagnostic::error(
        Location {
            file: display.to_string(),
            pos: Some(Pos { line, column }),
            field,
        },
        message,
    )
}

/// A CSV file `display`, read for the list at `prefix`, that is not valid CSV.
fn invalid_csv(display: &str, prefix: &str, e: ReadError) -> Diagnostic {
    cell_error(
        display,
        e.line,
        e.column,
        prefix.to_string(),
        format!("this is not valid CSV: {}", e.message),
    )
    .with_expected(
        "cells separated by commas, a cell holding commas or line breaks in double quotes",
    )
    .with_hint(e.hint)
}

/// The hint for a CSV file `csv_rel` that does not exist: a CSV file with a similar name in
/// its folder, or what is there. `folder` is the folder of the YAML file that names it.
fn missing_csv_hint(root: &Path, csv_rel: &str, folder: &str) -> String {
    let near = csv_files_near(root, csv_rel);
    let wanted = Path::new(csv_rel)
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    match closest(&wanted, near.iter().map(String::as_str)) {
        Some(n) => format!("did you mean `{n}`?"),
        None if near.is_empty() => format!(
            "the path is relative to the folder of this file (`{}`); create the CSV file there or correct the path",
            if folder.is_empty() { "." } else { folder }
        ),
        None => format!("the CSV files in that folder are: {}", near.join(", ")),
    }
}

/// A CSV file `display`, named at `prefix` in the YAML `file`, with no rows.
fn empty_csv(file: &SourceFile, prefix: &str, display: &str) -> Diagnostic {
    field_error(
        file,
        &format!("{prefix}.csv"),
        format!("the CSV file {display} is empty"),
    )
    .with_expected("a first row of column names, then one row per value")
    .with_source(&file.text)
}

/// The error for a row `field` whose column is not among `names`, the first row of the CSV
/// file `display`: the column named in the mapping at `prefix` (`given`), or the one named
/// like the field.
fn missing_column(
    file: &SourceFile,
    prefix: &str,
    display: &str,
    names: &[String],
    field: &str,
    given: Option<&String>,
) -> Diagnostic {
    let wanted = given.map_or(field, String::as_str);
    let path = if given.is_some() {
        format!("{prefix}.{field}")
    } else {
        prefix.to_string()
    };
    let message = if given.is_some() {
        format!("there is no column `{wanted}` in {display}")
    } else {
        format!(
            "`{field}:` is missing: name the column of {display} that holds the {}",
            match field {
                "period" => "periods",
                "label" => "row labels",
                _ => "values",
            }
        )
    };
    let semicolons = names.len() == 1 && names[0].contains(';');
    let hint = if semicolons {
        "the first row seems to use `;` between columns: save the file as \"CSV (comma delimited)\" or \"CSV UTF-8\"".to_string()
    } else if let Some(near) = closest(&wanted.to_lowercase(), names.iter().map(|n| n.as_str()))
        .or_else(|| closest(wanted, names.iter().map(String::as_str)))
    {
        format!("did you mean `{near}`?")
    } else if given.is_some() {
        "column names are matched with the CSV file's first row (ignoring case)".to_string()
    } else {
        format!("add `{field}: COLUMN` to the mapping, naming one of the columns")
    };
    field_error(file, &path, message)
        .with_expected(format!(
            "one of the columns: {}",
            names
                .iter()
                .map(|n| format!("`{n}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .with_hint(hint)
        .with_source(&file.text)
}

/// The cell in column `c` (0-based) of a record, trimmed; empty past the record's end.
fn cell(record: &Record, c: usize) -> &str {
    record.cells.get(c).map_or("", |s| s.trim())
}

/// Turns the data rows of one CSV file into list items, keeping the problems found.
struct RowReader<'a> {
    /// The CSV file as shown to the user.
    display: &'a str,
    /// The list's path in the YAML file (`series`).
    prefix: &'a str,
    kind: Kind,
    /// Whether a `%` after a number is read (a `unit: percent` file).
    percent: bool,
    /// The column names in the first row.
    names: &'a [String],
    /// Field -> 0-based column.
    columns: &'a [(String, usize)],
    /// The first [`MAX_ROW_ERRORS`] problems found.
    diags: Vec<Diagnostic>,
    /// How many problems were found.
    errors: usize,
}

impl RowReader<'_> {
    /// Count a problem, keeping it if it is among the first [`MAX_ROW_ERRORS`].
    fn report(&mut self, d: Diagnostic) {
        self.errors += 1;
        if self.errors <= MAX_ROW_ERRORS {
            self.diags.push(d);
        }
    }

    /// The 0-based column of a row field, if the file has one.
    fn column(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, c)| *c)
    }

    /// The YAML path of a field of list item `index` (`series[3].value`).
    fn path(&self, index: usize, field: &str) -> String {
        format!("{}[{index}].{field}", self.prefix)
    }

    /// Read one data row, list item `index`, into a row mapping.
    fn read_row(&mut self, record: &Record, index: usize) -> Mapping {
        self.check_width(record, index);
        let mut item = Mapping::new();
        self.read_name(record, index, &mut item);
        let flag = self.read_flag(record, index);
        if let Some(f) = self.read_value(record, index, flag, &mut item) {
            item.insert("flag".into(), Value::String(f.into()));
        }
        for field in ["note", "change"] {
            if let Some(c) = self.column(field) {
                let text = cell(record, c);
                if !text.is_empty() {
                    item.insert(field.into(), Value::String(text.to_string()));
                }
            }
        }
        item
    }

    /// Report the first cell past the named columns that holds something.
    fn check_width(&mut self, record: &Record, index: usize) {
        let names = self.names.len();
        let Some(extra) = (names..record.cells.len()).find(|c| !cell(record, *c).is_empty()) else {
            return;
        };
        self.report(
            cell_error(
                self.display,
                record.line,
                extra + 1,
                format!("{}[{index}]", self.prefix),
                format!(
                    "this row has a value in column {} but the first row names only {} column{}",
                    extra + 1,
                    names,
                    if names == 1 { "" } else { "s" }
                ),
            )
            .with_expected("as many cells in each row as column names in the first row")
            .with_hint("add a name for the column to the first row, or remove the stray value (check for a comma inside a number or text without quotes)"),
        );
    }

    /// Read the row's name (its period, or its label) into `item`; an empty one is reported.
    fn read_name(&mut self, record: &Record, index: usize, item: &mut Mapping) {
        let name_field = self.kind.fields()[0];
        let Some(c) = self.column(name_field) else {
            return;
        };
        let text = cell(record, c);
        if text.is_empty() {
            self.report(
                cell_error(
                    self.display,
                    record.line,
                    c + 1,
                    self.path(index, name_field),
                    format!("the {name_field} is empty"),
                )
                .with_expected(if self.kind == Kind::Metric {
                    "a period, such as 2023/24 or 2024-03-31"
                } else {
                    "the row's label"
                })
                .with_hint("fill in the cell, or delete the row"),
            );
        }
        item.insert(name_field.into(), Value::String(text.to_string()));
    }

    /// The flag in the row's flag cell, if it has one; anything but c, x or z is reported.
    fn read_flag(&mut self, record: &Record, index: usize) -> Option<&'static str> {
        let c = self.column("flag")?;
        let text = cell(record, c);
        if text.is_empty() {
            return None;
        }
        let flag = symbol(text);
        if flag.is_none() {
            self.report(
                cell_error(
                    self.display,
                    record.line,
                    c + 1,
                    self.path(index, "flag"),
                    format!("\"{text}\" is not a flag"),
                )
                .with_expected(
                    "c (suppressed), x (not available) or z (not applicable), or an empty cell",
                )
                .with_hint("leave the cell empty when the value is published"),
            );
        }
        flag
    }

    /// Read the row's value cell into `item`. Returns the row's flag: `flag` from the flag
    /// cell, or the one the value cell holds instead of a number (which must agree with it).
    fn read_value(
        &mut self,
        record: &Record,
        index: usize,
        flag: Option<&'static str>,
        item: &mut Mapping,
    ) -> Option<&'static str> {
        let Some(c) = self.column("value") else {
            return flag;
        };
        let text = cell(record, c);
        if let Some(s) = symbol(text) {
            if flag.is_some_and(|f| f != s) {
                self.report(
                    cell_error(
                        self.display,
                        record.line,
                        c + 1,
                        self.path(index, "value"),
                        format!(
                            "the value cell says \"{text}\" but the flag cell says \"{}\"",
                            flag.unwrap_or("")
                        ),
                    )
                    .with_expected("one flag for the row")
                    .with_hint("make the two agree, or leave the value cell empty"),
                );
            }
            return Some(s);
        }
        if text.is_empty() {
            return flag;
        }
        // A series' figure may be written as documents write it (around 36%, 9-10%): the cell
        // goes to the model as text, which keeps the places it is written with.
        let figure = match self.kind {
            Kind::Metric => hearth_model::Figure::parse(text).ok(),
            Kind::Breakdown => None,
        };
        match (figure, number(text, self.percent)) {
            (Some(f), _) if !f.percent || self.percent => {
                item.insert("value".into(), Value::String(text.trim().to_string()));
            }
            (_, Ok(v)) => {
                item.insert("value".into(), Value::Number(v.into()));
            }
            (figure, Err(hint)) => {
                // A series cell that is no figure gets the figure reader's hint, in the
                // words of a spreadsheet.
                let hint = match (self.kind, figure) {
                    (Kind::Metric, None) => hearth_model::Figure::parse(text)
                        .err()
                        .map_or(hint, |e| {
                            e.hint.replace(
                                hearth_model::content::figure::NO_FIGURE,
                                "leave the cell empty and put c, x or z in the flag column (or in this cell)",
                            )
                        }),
                    _ => hint,
                };
                let expected = match self.kind {
                    Kind::Metric => {
                        "a number such as 1234, 1,234 or 12.5, or a figure as documents write it (around 36%, less than 10, 9-10%); or c, x or z for a value not published"
                    }
                    Kind::Breakdown => {
                        "a number such as 1234, 1,234 or 12.5; or c, x or z for a value not published"
                    }
                };
                self.report(
                    cell_error(
                        self.display,
                        record.line,
                        c + 1,
                        self.path(index, "value"),
                        format!("\"{text}\" is not a number"),
                    )
                    .with_expected(expected)
                    .with_hint(hint),
                );
            }
        }
        flag
    }

    /// The problems found, with a last line counting those not shown.
    fn finish(mut self) -> Vec<Diagnostic> {
        if self.errors > MAX_ROW_ERRORS {
            self.diags.push(
                Diagnostic::file(
                    self.display,
                    format!(
                        "{} more problems in this file are not shown",
                        self.errors - MAX_ROW_ERRORS
                    ),
                )
                .with_hint("fix the ones above and check again"),
            );
        }
        self.diags
    }
}

/// The value at a simple path (`series`, `comparators[2].series`).
fn slot_mut<'v>(value: &'v mut Value, path: &str) -> Option<&'v mut Value> {
    let mut v = value;
    for part in path.split('.') {
        let (key, index) = match part.split_once('[') {
            Some((k, i)) => (k, i.trim_end_matches(']').parse::<usize>().ok()),
            None => (part, None),
        };
        v = v.as_mapping_mut()?.get_mut(key)?;
        if let Some(i) = index {
            v = v.as_sequence_mut()?.get_mut(i)?;
        }
    }
    Some(v)
}

/// The column named `wanted`: the same text, else the same ignoring case and spaces.
fn find_column(names: &[String], wanted: &str) -> Option<usize> {
    let wanted = wanted.trim();
    names.iter().position(|n| n == wanted).or_else(|| {
        let norm = |s: &str| {
            s.split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase()
        };
        names.iter().position(|n| norm(n) == norm(wanted))
    })
}

/// `c`, `x` or `z` (also `C` and `[c]`): the flag it means.
fn symbol(text: &str) -> Option<&'static str> {
    let t = text.trim();
    let t = t
        .strip_prefix('[')
        .and_then(|t| t.strip_suffix(']'))
        .unwrap_or(t);
    match t.to_ascii_lowercase().as_str() {
        "c" => Some("c"),
        "x" => Some("x"),
        "z" => Some("z"),
        _ => None,
    }
}

/// Read a number from a cell, or say how to write it. See the module docs for what is read.
pub fn number(text: &str, percent: bool) -> Result<f64, String> {
    let t = text.trim();
    let (t, had_percent) = match t.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (t, false),
    };
    if had_percent && !percent {
        return Err(format!(
            "a % sign is only read in a measure or breakdown with `unit: percent`; write the number alone ({})",
            t
        ));
    }
    if t.starts_with(['£', '$', '€']) || t.starts_with("-£") {
        return Err(format!(
            "write amounts without the currency sign ({}): the `unit:` says they are money",
            t.replace(['£', '$', '€'], "")
        ));
    }
    if let Some((v, _)) = hearth_model::content::figure::parse_grouped(t) {
        return Ok(v);
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let fraction = body.split_once('.').map(|(_, f)| f);
    Err(if body.contains(' ') || body.contains('\u{a0}') {
        "remove the spaces inside the number".to_string()
    } else if body.contains(',') && fraction.is_none() {
        "write decimals with a point (12.5); commas may only separate thousands (1,234)".to_string()
    } else {
        "write a number such as 40; if there is no figure, leave the cell empty and put c, x or z in the flag column (or in this cell)".to_string()
    })
}

/// `folder` joined with a relative `path`, normalised, if it stays inside the content folder.
pub(crate) fn inside(folder: &str, path: &str) -> Result<String, &'static str> {
    let p = Path::new(path);
    if path.starts_with('/') || path.starts_with('\\') || p.has_root() || p.is_absolute() {
        return Err("must be a relative path, not an absolute one");
    }
    let mut parts: Vec<String> = folder
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_string)
        .collect();
    for c in Path::new(&path.replace('\\', "/")).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().to_string()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err("is outside the content folder");
                }
            }
            Component::RootDir | Component::Prefix(_) => {
                return Err("must be a relative path, not an absolute one");
            }
        }
    }
    if parts.is_empty() {
        return Err("is not a file");
    }
    Ok(parts.join("/"))
}

fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        format!("{name}/")
    } else {
        format!("{folder}/{name}/")
    }
}

/// The names of the CSV files in the folder `rel` would be in.
fn csv_files_near(root: &Path, rel: &str) -> Vec<String> {
    let dir = root.join(rel);
    let Some(dir) = dir.parent() else {
        return Vec::new();
    };
    let mut out: Vec<String> = fs::read_dir(dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.file_name().to_string_lossy().to_string())
                .filter(|n| n.to_lowercase().ends_with(".csv"))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers() {
        for (text, want) in [
            ("40", 40.0),
            (" -3.5 ", -3.5),
            ("1,234", 1234.0),
            ("12,345.67", 12345.67),
            ("+7", 7.0),
            (".5", 0.5),
            ("1234567", 1_234_567.0),
        ] {
            assert_eq!(number(text, false), Ok(want), "{text}");
        }
        assert_eq!(number("12.5%", true), Ok(12.5));
        for (text, hint) in [
            ("forty", "write a number"),
            ("12.5%", "unit: percent"),
            ("£4,500", "currency sign (4,500)"),
            ("1,23", "decimals with a point"),
            ("12,5", "decimals with a point"),
            ("1 234", "spaces"),
            ("1,2345", "decimals with a point"),
            ("1.2.3", "write a number"),
            ("inf", "write a number"),
            ("1e5", "write a number"),
            ("-", "write a number"),
        ] {
            let got = number(text, false);
            assert!(
                got.as_ref().is_err_and(|h| h.contains(hint)),
                "{text}: {got:?}"
            );
        }
    }

    #[test]
    fn symbols() {
        assert_eq!(symbol("c"), Some("c"));
        assert_eq!(symbol(" [X] "), Some("x"));
        assert_eq!(symbol("z"), Some("z"));
        assert_eq!(symbol("low"), None);
    }

    #[test]
    fn paths_stay_inside() {
        assert_eq!(
            inside("metrics", "data/x.csv"),
            Ok("metrics/data/x.csv".into())
        );
        assert_eq!(
            inside("metrics", "./data/../x.csv"),
            Ok("metrics/x.csv".into())
        );
        assert_eq!(
            inside("metrics", "../shared/x.csv"),
            Ok("shared/x.csv".into())
        );
        assert!(inside("metrics", "../../x.csv").is_err());
        assert!(inside("metrics", "/etc/passwd").is_err());
        assert!(inside("", "..").is_err());
    }

    #[test]
    fn columns_match_ignoring_case() {
        let names: Vec<String> = ["Year", "Rate per 10,000", "flag"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        assert_eq!(find_column(&names, "Year"), Some(0));
        assert_eq!(find_column(&names, "rate  per 10,000"), Some(1));
        assert_eq!(find_column(&names, "Flag"), Some(2));
        assert_eq!(find_column(&names, "Value"), None);
    }

    #[test]
    fn csv_locations() {
        let s = CsvSource {
            prefix: "comparators[1].series".into(),
            display: "c/x.csv".into(),
            lines: vec![2, 3, 5],
            columns: vec![("period".into(), 1), ("value".into(), 3)],
        };
        let l = locate(std::slice::from_ref(&s), "comparators[1].series[2].value");
        assert_eq!(
            l.as_ref().and_then(|l| l.pos),
            Some(Pos { line: 5, column: 3 })
        );
        let l = locate(std::slice::from_ref(&s), "comparators[1].series[0]");
        assert_eq!(l.and_then(|l| l.pos), Some(Pos { line: 2, column: 1 }));
        assert!(locate(std::slice::from_ref(&s), "comparators[1].series").is_none());
        assert!(locate(&[s], "comparators[10].series[0]").is_none());
    }
}

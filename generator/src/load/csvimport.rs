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

use std::fs;
use std::path::{Component, Path};

use super::yaml::{Mapping, Value};
use hearth_model::validate::closest;

use super::yamlpos::Pos;
use super::{Folder, SourceFile};
use crate::diag::{Diagnostic, Location};

/// At most this many row problems are reported for one CSV file.
const MAX_ROW_ERRORS: usize = 20;

/// Which file is being read, so which lists may come from CSV.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// `series`, and `comparators[N].series`: rows of period, value, flag, note.
    Metric,
    /// `rows`: rows of label, value, flag.
    Breakdown,
}

impl Kind {
    /// The fields a row has, the first two required (the row's name, and its value).
    fn fields(self) -> &'static [&'static str] {
        match self {
            Kind::Metric => &["period", "value", "flag", "note"],
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
            let rows = match self.request(file, rel, &spot, map, kind) {
                Some(req) => self.rows(file, &req, kind, percent),
                None => None,
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
        let at = |path: &str, message: String| {
            Diagnostic::error(
                Location {
                    file: file.display.clone(),
                    pos: file.index.locate(path),
                    field: path.to_string(),
                },
                message,
            )
        };
        let mut allowed = vec!["csv"];
        allowed.extend(kind.fields());
        let mut csv = None;
        let mut named = Vec::new();
        let mut ok = true;
        for (k, v) in map {
            let Some(key) = k.as_str() else {
                let d = at(prefix, "a field name here is not a word".into())
                    .with_expected(format!("one of: {}", allowed.join(", ")));
                self.diagnostics.push(d.with_source(&file.text));
                ok = false;
                continue;
            };
            let path = format!("{prefix}.{key}");
            if !allowed.contains(&key) {
                let hint = match closest(key, allowed.iter().copied()) {
                    Some(near) => format!("did you mean `{near}`?"),
                    None => "remove it, or check the spelling".into(),
                };
                let mut d = at(&path, format!("unknown field `{key}`"))
                    .with_expected(format!("one of: {}", allowed.join(", ")))
                    .with_hint(hint);
                d.location.pos = file.index.locate_key(&path).or(d.location.pos);
                self.diagnostics.push(d.with_source(&file.text));
                ok = false;
                continue;
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
                        at(&path, format!("`{key}` must be text"))
                            .with_expected(what)
                            .with_source(&file.text),
                    );
                    ok = false;
                    continue;
                }
            };
            if key == "csv" {
                csv = Some(text);
            } else {
                named.push((key.to_string(), text));
            }
        }
        let Some(csv) = csv else {
            if ok {
                let example = match kind {
                    Kind::Metric => {
                        "series: { csv: data/children-in-care.csv, period: Year, value: Rate }"
                    }
                    Kind::Breakdown => {
                        "rows: { csv: data/age-profile.csv, label: Age, value: Children }"
                    }
                };
                self.diagnostics.push(
                    at(prefix, format!("`{prefix}` is a mapping without `csv:`"))
                        .with_expected(format!(
                            "a list of rows, or `csv:` naming a CSV file, for example `{example}`"
                        ))
                        .with_hint("write the rows as a list (lines starting with `- `), or add `csv: path/to/file.csv`")
                        .with_source(&file.text),
                );
            }
            return None;
        };
        let csv_path = format!("{prefix}.csv");
        let located = |message: String| {
            Diagnostic::error(
                Location {
                    file: file.display.clone(),
                    pos: file.index.locate(&csv_path),
                    field: csv_path.clone(),
                },
                message,
            )
            .with_source(&file.text)
        };
        let folder = Path::new(rel)
            .parent()
            .map(|p| p.to_string_lossy().replace('\\', "/"))
            .unwrap_or_default();
        let csv_rel = match inside(&folder, &csv) {
            Ok(r) => r,
            Err(why) => {
                self.diagnostics.push(
                    located(format!("the CSV file `{csv}` {why}"))
                        .with_expected("a path inside the content folder, relative to this file's folder")
                        .with_hint(format!(
                            "put the CSV file in the content folder, for example in `{}`, and write `csv: data/{}`",
                            join(&folder, "data"),
                            Path::new(&csv)
                                .file_name()
                                .map_or("file.csv".into(), |n| n.to_string_lossy().to_string())
                        )),
                );
                return None;
            }
        };
        let full = self.root.join(&csv_rel);
        if !full.is_file() {
            let near = csv_files_near(&self.root, &csv_rel);
            let wanted = Path::new(&csv_rel)
                .file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default();
            let hint = match closest(&wanted, near.iter().map(String::as_str)) {
                Some(n) => format!("did you mean `{n}`?"),
                None if near.is_empty() => format!(
                    "the path is relative to the folder of this file (`{}`); create the CSV file there or correct the path",
                    if folder.is_empty() { "." } else { &folder }
                ),
                None => format!("the CSV files in that folder are: {}", near.join(", ")),
            };
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
        if !ok {
            return None;
        }
        Some(Request {
            prefix: prefix.to_string(),
            csv_rel,
            named,
        })
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
        let cell_error = |line: usize, column: usize, field: String, message: String| {
            Diagnostic::error(
                Location {
                    file: display.clone(),
                    pos: Some(Pos { line, column }),
                    field,
                },
                message,
            )
        };
        let records = match super::csv::read(&text) {
            Ok(r) => r,
            Err(e) => {
                self.diagnostics.push(
                    cell_error(e.line, e.column, req.prefix.clone(), format!("this is not valid CSV: {}", e.message))
                        .with_expected("cells separated by commas, a cell holding commas or line breaks in double quotes")
                        .with_hint(e.hint),
                );
                return None;
            }
        };
        let mut records = records
            .into_iter()
            .filter(|r| r.cells.iter().any(|c| !c.trim().is_empty()));
        let Some(header) = records.next() else {
            self.diagnostics.push(
                Diagnostic::error(
                    Location {
                        file: file.display.clone(),
                        pos: file.index.locate(&format!("{}.csv", req.prefix)),
                        field: format!("{}.csv", req.prefix),
                    },
                    format!("the CSV file {display} is empty"),
                )
                .with_expected("a first row of column names, then one row per value")
                .with_source(&file.text),
            );
            return None;
        };
        let names: Vec<String> = header.cells.iter().map(|c| c.trim().to_string()).collect();
        // Field -> 0-based column.
        let mut columns: Vec<(String, usize)> = Vec::new();
        let mut ok = true;
        for (n, field) in kind.fields().iter().enumerate() {
            let required = n < 2;
            let given = req.named.iter().find(|(f, _)| f == field).map(|(_, c)| c);
            let wanted = given.map_or(*field, String::as_str);
            match find_column(&names, wanted) {
                Some(c) => columns.push(((*field).to_string(), c)),
                None if given.is_none() && !required => {}
                None => {
                    ok = false;
                    let path = if given.is_some() {
                        format!("{}.{field}", req.prefix)
                    } else {
                        req.prefix.clone()
                    };
                    let message = if given.is_some() {
                        format!("there is no column `{wanted}` in {display}")
                    } else {
                        format!(
                            "`{field}:` is missing: name the column of {display} that holds the {}",
                            match *field {
                                "period" => "periods",
                                "label" => "row labels",
                                _ => "values",
                            }
                        )
                    };
                    let semicolons = names.len() == 1 && names[0].contains(';');
                    let hint = if semicolons {
                        "the first row seems to use `;` between columns: save the file as \"CSV (comma delimited)\" or \"CSV UTF-8\"".to_string()
                    } else if let Some(near) =
                        closest(&wanted.to_lowercase(), names.iter().map(|n| n.as_str()))
                            .or_else(|| closest(wanted, names.iter().map(String::as_str)))
                    {
                        format!("did you mean `{near}`?")
                    } else if given.is_some() {
                        "column names are matched with the CSV file's first row (ignoring case)"
                            .to_string()
                    } else {
                        format!("add `{field}: COLUMN` to the mapping, naming one of the columns")
                    };
                    self.diagnostics.push(
                        Diagnostic::error(
                            Location {
                                file: file.display.clone(),
                                pos: file.index.locate(&path),
                                field: path,
                            },
                            message,
                        )
                        .with_expected(format!(
                            "one of the columns: {}",
                            names
                                .iter()
                                .map(|n| format!("`{n}`"))
                                .collect::<Vec<_>>()
                                .join(", ")
                        ))
                        .with_hint(hint)
                        .with_source(&file.text),
                    );
                }
            }
        }
        if !ok {
            return None;
        }
        let mut items = Vec::new();
        let mut lines = Vec::new();
        let mut errors = 0usize;
        let mut report = |d: Diagnostic, diags: &mut Vec<Diagnostic>| {
            errors += 1;
            if errors <= MAX_ROW_ERRORS {
                diags.push(d);
            }
        };
        let mut diags = Vec::new();
        for record in records {
            let index = items.len();
            let cell = |c: usize| record.cells.get(c).map_or("", |s| s.trim());
            let path = |field: &str| format!("{}[{index}].{field}", req.prefix);
            let col = |field: &str| columns.iter().find(|(f, _)| f == field).map(|(_, c)| *c);
            if let Some(extra) = (names.len()..record.cells.len()).find(|c| !cell(*c).is_empty()) {
                report(
                    cell_error(
                        record.line,
                        extra + 1,
                        format!("{}[{index}]", req.prefix),
                        format!(
                            "this row has a value in column {} but the first row names only {} column{}",
                            extra + 1,
                            names.len(),
                            if names.len() == 1 { "" } else { "s" }
                        ),
                    )
                    .with_expected("as many cells in each row as column names in the first row")
                    .with_hint("add a name for the column to the first row, or remove the stray value (check for a comma inside a number or text without quotes)"),
                    &mut diags,
                );
            }
            let mut item = Mapping::new();
            let name_field = kind.fields()[0];
            if let Some(c) = col(name_field) {
                let text = cell(c);
                if text.is_empty() {
                    report(
                        cell_error(
                            record.line,
                            c + 1,
                            path(name_field),
                            format!("the {name_field} is empty"),
                        )
                        .with_expected(if kind == Kind::Metric {
                            "a period, such as 2023/24 or 2024-03-31"
                        } else {
                            "the row's label"
                        })
                        .with_hint("fill in the cell, or delete the row"),
                        &mut diags,
                    );
                }
                item.insert(name_field.into(), Value::String(text.to_string()));
            }
            let mut flag: Option<&str> = None;
            if let Some(c) = col("flag") {
                let text = cell(c);
                if !text.is_empty() {
                    match symbol(text) {
                        Some(s) => flag = Some(s),
                        None => report(
                            cell_error(record.line, c + 1, path("flag"), format!("\"{text}\" is not a flag"))
                                .with_expected("c (suppressed), x (not available) or z (not applicable), or an empty cell")
                                .with_hint("leave the cell empty when the value is published"),
                            &mut diags,
                        ),
                    }
                }
            }
            if let Some(c) = col("value") {
                let text = cell(c);
                if let Some(s) = symbol(text) {
                    if flag.is_some_and(|f| f != s) {
                        report(
                            cell_error(
                                record.line,
                                c + 1,
                                path("value"),
                                format!(
                                    "the value cell says \"{text}\" but the flag cell says \"{}\"",
                                    flag.unwrap_or("")
                                ),
                            )
                            .with_expected("one flag for the row")
                            .with_hint("make the two agree, or leave the value cell empty"),
                            &mut diags,
                        );
                    }
                    flag = Some(s);
                } else if !text.is_empty() {
                    match number(text, percent) {
                        Ok(v) => {
                            item.insert("value".into(), Value::Number(v.into()));
                        }
                        Err(hint) => report(
                            cell_error(record.line, c + 1, path("value"), format!("\"{text}\" is not a number"))
                                .with_expected("a number such as 1234, 1,234 or 12.5; or c, x or z for a value not published")
                                .with_hint(hint),
                            &mut diags,
                        ),
                    }
                }
            }
            if let Some(f) = flag {
                item.insert("flag".into(), Value::String(f.into()));
            }
            if let Some(c) = col("note") {
                let text = cell(c);
                if !text.is_empty() {
                    item.insert("note".into(), Value::String(text.to_string()));
                }
            }
            items.push(Value::Mapping(item));
            lines.push(record.line);
        }
        if errors > MAX_ROW_ERRORS {
            diags.push(
                Diagnostic::file(
                    display.clone(),
                    format!(
                        "{} more problems in this file are not shown",
                        errors - MAX_ROW_ERRORS
                    ),
                )
                .with_hint("fix the ones above and check again"),
            );
        }
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
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let grouped = |s: &str| {
        let mut groups = s.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g))
    };
    let whole_ok = digits(whole)
        || (whole.contains(',') && grouped(whole))
        || (whole.is_empty() && fraction.is_some());
    let fraction_ok = fraction.is_none_or(digits);
    if whole_ok && fraction_ok {
        let plain: String = t.chars().filter(|c| *c != ',').collect();
        if let Ok(v) = plain.parse::<f64>()
            && v.is_finite()
        {
            return Ok(v);
        }
    }
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

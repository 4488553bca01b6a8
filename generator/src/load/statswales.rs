//! Series read from a StatsWales CSV download (Welsh Government statistics, such as children
//! looked after by local authority and placement type):
//!
//! ```yaml
//! series: { statswales: data/cla-wales.csv, area: W06000015,
//!           filters: { Placement type: All placements } }
//! ```
//!
//! The file has one row per area, period and value of each dimension: an area column
//! (`Area`, or `Local authority`), its code (`Area code`, W06000015), a `Year` (2023-24),
//! dimension columns (`Placement type`) and the figure (`Data values`, or `Value`), perhaps
//! with a `Notes` column. It is streamed record by record with the `csv` crate, only the
//! rows for the area and the filter values asked for kept, each becoming a list item
//! `{ period, value }` or `{ period, flag }`, so the model never knows the difference and a
//! later problem with an item is reported at its row.
//!
//! Shorthand is written in square brackets, in the figure's cell or the notes cell, and kept
//! as flags, never as numbers: `[c]` confidential, `[x]` not available, `[z]` not applicable,
//! `[low]` rounds to 0, `[u]` low reliability, `[k]` less than 0.5 (and `..`, older files'
//! not available, as `x`). `[p]` provisional, `[r]` revised and `[e]` estimated beside a
//! figure become the point's note. A row whose figure is blank with no shorthand is left out:
//! its period has no point.
//!
//! Periods: `2023-24` is read as 2023/24; anything else is kept as written.

use std::collections::BTreeSet;

use hearth_model::validate::closest;

use super::csvimport::CsvSource;
use super::dfe::{field_error, list};
use super::statfile::{StatFile, at_cell, next_row, unknown_field};
use super::yaml::{Mapping, Value};
use super::{Folder, SourceFile};
use crate::diag::Diagnostic;

/// The fields of a `statswales:` mapping.
const FIELDS: &[&str] = &["statswales", "area", "filters", "value", "period"];

/// The names the columns may have (matched ignoring case), by role.
const AREA: &[&str] = &["Area", "Local authority", "Area name"];
const AREA_CODE: &[&str] = &["Area code", "Local authority code", "AreaCode"];
const PERIOD: &[&str] = &["Year", "Period"];
const VALUE: &[&str] = &["Data values", "Data value", "Value", "Values"];
const NOTES: &[&str] = &["Notes", "Note", "Data description", "Shorthand"];

/// The most values remembered for a hint.
const MAX_SEEN: usize = 40;

/// At most this many row problems are reported for one file.
const MAX_ROW_ERRORS: usize = 20;

/// What one `statswales:` mapping asks for.
struct Request {
    prefix: String,
    rel: String,
    area: String,
    filters: Vec<(String, String)>,
    value: Option<String>,
    period: Option<String>,
}

/// Whether a series mapping reads a StatsWales file.
pub fn is_statswales(map: &Mapping) -> bool {
    map.contains_key("statswales")
}

/// The period a `Year` cell names, as Hearth writes periods: 2023-24 is 2023/24.
pub fn period(text: &str) -> String {
    let t = text.trim();
    let b = t.as_bytes();
    if b.len() == 7
        && b[4] == b'-'
        && t[..4]
            .bytes()
            .chain(t[5..].bytes())
            .all(|c| c.is_ascii_digit())
    {
        return format!("{}/{}", &t[..4], &t[5..]);
    }
    t.to_string()
}

/// What a cell says: a number, a flag, notes, or a token it does not understand.
#[derive(Debug, Default, PartialEq)]
pub struct Reading {
    pub number: Option<String>,
    pub flag: Option<&'static str>,
    pub notes: Vec<&'static str>,
    pub unknown: Option<String>,
}

/// Read the shorthand and the number in a cell (`[c]`, `125`, `1,205 [r]`, `..`).
pub fn read(text: &str, into: &mut Reading) {
    for token in text.split_whitespace() {
        if token == ".." {
            into.flag = Some("x");
            continue;
        }
        if let Some(inner) = token.strip_prefix('[').and_then(|t| t.strip_suffix(']')) {
            match inner.to_ascii_lowercase().as_str() {
                "p" => into.notes.push("provisional"),
                "r" => into.notes.push("revised"),
                "e" => into.notes.push("estimated"),
                other => match super::dfe::shorthand(other) {
                    Some(f) if other != ":" => into.flag = Some(f),
                    _ => into.unknown = Some(token.to_string()),
                },
            }
            continue;
        }
        match hearth_model::content::figure::parse_grouped(token) {
            Some(_) if into.number.is_none() => into.number = Some(token.replace(',', "")),
            _ => into.unknown = Some(token.to_string()),
        }
    }
}

/// The column of `header` with one of `names`, ignoring case.
fn find(header: &[String], names: &[&str]) -> Option<usize> {
    names
        .iter()
        .find_map(|n| header.iter().position(|h| h.eq_ignore_ascii_case(n)))
}

impl Folder {
    /// The rows of the `statswales:` mapping `map` at `prefix` in `file` (`rel`), or None
    /// once what is wrong is reported.
    pub(crate) fn statswales_rows(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        map: &Mapping,
    ) -> Option<(Vec<Value>, CsvSource)> {
        let req = self.statswales_request(file, rel, prefix, map)?;
        let display = self.sources.display(&req.rel);
        let located = |line: u64, column: usize, field: String, message: String| {
            at_cell(&display, line, column, field, message)
        };
        let StatFile { mut reader, header } = self.open_stat_file(&req.rel, &req.prefix)?;
        let names = |given: &Option<String>, default: &'static [&'static str]| -> Vec<String> {
            match given {
                Some(g) => vec![g.clone()],
                None => default.iter().map(|s| s.to_string()).collect(),
            }
        };
        let mut columns = Vec::new();
        let mut ok = true;
        for (key, given, default) in [
            ("period", &req.period, PERIOD),
            ("value", &req.value, VALUE),
        ] {
            let wanted = names(given, default);
            let wanted: Vec<&str> = wanted.iter().map(String::as_str).collect();
            match find(&header, &wanted) {
                Some(c) => columns.push(c),
                None => {
                    ok = false;
                    self.diagnostics.push(missing(
                        file,
                        &req.prefix,
                        key,
                        given.is_some(),
                        &display,
                        &header,
                        &wanted,
                    ));
                }
            }
        }
        let (area_col, code_col) = (find(&header, AREA), find(&header, AREA_CODE));
        if area_col.is_none() && code_col.is_none() {
            ok = false;
            self.diagnostics.push(missing(
                file,
                &req.prefix,
                "area",
                false,
                &display,
                &header,
                &[AREA, AREA_CODE].concat(),
            ));
        }
        let mut filter_cols = Vec::new();
        for (name, want) in &req.filters {
            match find(&header, &[name.as_str()]) {
                Some(c) => filter_cols.push((name.clone(), c, want.clone())),
                None => {
                    ok = false;
                    let hint = match closest(name, header.iter().map(String::as_str)) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "name one of the file's columns".into(),
                    };
                    self.diagnostics.push(
                        field_error(
                            file,
                            &format!("{}.filters.{name}", req.prefix),
                            format!("there is no column `{name}` in {display}"),
                        )
                        .with_expected(format!(
                            "one of the columns: {}",
                            list(header.iter().map(String::as_str))
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
        let (pc, vc) = (columns[0], columns[1]);
        let notes_col = find(&header, NOTES);
        let mut seen: Vec<BTreeSet<String>> = vec![BTreeSet::new(); filter_cols.len()];
        let mut areas = BTreeSet::new();
        let mut in_area = false;
        let mut items = Vec::new();
        let mut lines = Vec::new();
        let mut periods = BTreeSet::new();
        let mut errors = 0usize;
        let mut record = csv::StringRecord::new();
        loop {
            match next_row(&mut reader, &mut record, &display, &req.prefix) {
                Ok(true) => {}
                Ok(false) => break,
                Err(d) => {
                    self.diagnostics.push(*d);
                    return None;
                }
            }
            let line = record.position().map_or(0, |p| p.line());
            let get = |c: usize| record.get(c).map_or("", str::trim);
            let here = [area_col, code_col]
                .iter()
                .flatten()
                .any(|c| get(*c).eq_ignore_ascii_case(&req.area));
            if !here {
                if areas.len() < MAX_SEEN {
                    for c in [code_col, area_col].iter().flatten() {
                        areas.insert(get(*c).to_string());
                    }
                }
                continue;
            }
            in_area = true;
            let mut matched = true;
            for (i, (_, c, want)) in filter_cols.iter().enumerate() {
                let v = get(*c);
                if seen[i].len() < MAX_SEEN {
                    seen[i].insert(v.to_string());
                }
                if !v.eq_ignore_ascii_case(want) {
                    matched = false;
                }
            }
            if !matched {
                continue;
            }
            let mut reading = Reading::default();
            read(get(vc), &mut reading);
            if let Some(n) = notes_col {
                // Only the shorthand of a notes cell counts: its words are for people.
                let mut noted = Reading::default();
                read(get(n), &mut noted);
                reading.flag = reading.flag.or(noted.flag);
                reading.notes.extend(noted.notes);
            }
            if reading.unknown.is_some() {
                let bad = get(vc);
                errors += 1;
                if errors <= MAX_ROW_ERRORS {
                    self.diagnostics.push(
                        located(
                            line,
                            vc + 1,
                            format!("{}[{}].value", req.prefix, items.len()),
                            format!("\"{bad}\" in `{}` is neither a number nor shorthand", header[vc]),
                        )
                        .with_expected("a number, or shorthand in square brackets: [c], [x], [z], [low], [u], [k], with [p], [r] or [e] beside a number")
                        .with_hint("correct the cell as StatsWales published it"),
                    );
                }
                continue;
            }
            if reading.number.is_none() && reading.flag.is_none() {
                // Blank, with no shorthand saying why: the period has no point.
                continue;
            }
            let period = period(get(pc));
            if !periods.insert(period.clone()) {
                errors += 1;
                if errors <= MAX_ROW_ERRORS {
                    self.diagnostics.push(
                        located(line, pc + 1, req.prefix.clone(), format!("more than one row matches for {period}"))
                            .with_expected("one row per period for the area and filters chosen")
                            .with_hint("add a filter under `filters:` for each column that varies, such as `Placement type`"),
                    );
                }
                continue;
            }
            let mut item = Mapping::new();
            item.insert("period".into(), Value::String(period));
            match (reading.number, reading.flag) {
                (Some(n), None) => item.insert("value".into(), Value::String(n)),
                (_, Some(f)) => item.insert("flag".into(), Value::String(f.into())),
                (None, None) => None,
            };
            if !reading.notes.is_empty() {
                let mut note = reading.notes.join(", ");
                if let Some(first) = note.get(..1) {
                    note = first.to_uppercase() + &note[1..];
                }
                item.insert("note".into(), Value::String(note));
            }
            items.push(Value::Mapping(item));
            lines.push(line as usize);
        }
        if errors > 0 {
            return None;
        }
        if items.is_empty() {
            let d = if !in_area {
                let hint = match closest(&req.area, areas.iter().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => {
                        "give the area's code (W06000015) or its name as the file writes it".into()
                    }
                };
                field_error(
                    file,
                    &format!("{}.area", req.prefix),
                    format!("{display} has no rows for the area `{}`", req.area),
                )
                .with_expected(format!(
                    "one of: {}",
                    list(areas.iter().map(String::as_str))
                ))
                .with_hint(hint)
            } else if let Some((i, (name, _, want))) = filter_cols
                .iter()
                .enumerate()
                .find(|(i, (_, _, want))| !seen[*i].iter().any(|s| s.eq_ignore_ascii_case(want)))
            {
                let hint = match closest(want, seen[i].iter().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "use one of the values listed".into(),
                };
                field_error(
                    file,
                    &format!("{}.filters.{name}", req.prefix),
                    format!("no row has `{want}` in the column `{name}`"),
                )
                .with_expected(format!(
                    "one of: {}",
                    list(seen[i].iter().map(String::as_str))
                ))
                .with_hint(hint)
            } else {
                field_error(
                    file,
                    &req.prefix,
                    format!(
                        "no row of {display} for this area and filters has a figure or shorthand"
                    ),
                )
                .with_hint("check the filters; a blank figure with no shorthand is left out")
            };
            self.diagnostics.push(d.with_source(&file.text));
            return None;
        }
        Some((
            items,
            CsvSource {
                prefix: req.prefix.clone(),
                display,
                lines,
                columns: vec![
                    ("period".into(), pc + 1),
                    ("value".into(), vc + 1),
                    ("flag".into(), vc + 1),
                    ("note".into(), notes_col.unwrap_or(vc) + 1),
                ],
            },
        ))
    }

    /// Check the fields of a `statswales:` mapping.
    fn statswales_request(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        map: &Mapping,
    ) -> Option<Request> {
        let mut ok = true;
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let (mut path, mut area, mut value, mut period) = (None, None, None, None);
        let mut filters = Vec::new();
        for (k, v) in map {
            let key = k.as_str().unwrap_or("");
            if key == "filters" {
                match v {
                    Value::Mapping(m) => {
                        for (fk, fv) in m {
                            let name = fk.as_str().unwrap_or("").to_string();
                            match text(fv) {
                                Some(t) => filters.push((name, t)),
                                None => ok = false,
                            }
                        }
                    }
                    _ => ok = false,
                }
                if !ok {
                    self.diagnostics.push(
                        field_error(
                            file,
                            &format!("{prefix}.filters"),
                            "`filters` must be a mapping of column to value".into(),
                        )
                        .with_expected("for example `filters: { Placement type: All placements }`")
                        .with_source(&file.text),
                    );
                }
                continue;
            }
            if !FIELDS.contains(&key) {
                ok = false;
                self.diagnostics
                    .push(unknown_field(file, prefix, key, FIELDS));
                continue;
            }
            let Some(t) = text(v).filter(|t| !t.is_empty()) else {
                ok = false;
                self.diagnostics.push(
                    field_error(
                        file,
                        &format!("{prefix}.{key}"),
                        format!("`{key}` must be text"),
                    )
                    .with_source(&file.text),
                );
                continue;
            };
            match key {
                "statswales" => path = Some(t),
                "area" => area = Some(t),
                "value" => value = Some(t),
                _ => period = Some(t),
            }
        }
        let path = path?;
        let Some(area) = area else {
            self.diagnostics.push(
                field_error(file, prefix, "`area:` is missing: name the local authority".into())
                    .with_expected("`area: W06000015` (its code) or `area: Cardiff` (its name as the file writes it)")
                    .with_source(&file.text),
            );
            return None;
        };
        let rel = self.csv_file(file, rel, prefix, &path, "statswales")?;
        ok.then(|| Request {
            prefix: prefix.to_string(),
            rel,
            area,
            filters,
            value,
            period,
        })
    }
}

/// The error for a column the file does not have: one named in the mapping (`given`), or
/// one found by its usual names.
fn missing(
    file: &SourceFile,
    prefix: &str,
    key: &str,
    given: bool,
    display: &str,
    header: &[String],
    wanted: &[&str],
) -> Diagnostic {
    let near = closest(&wanted[0].to_lowercase(), header.iter().map(String::as_str))
        .or_else(|| closest(wanted[0], header.iter().map(String::as_str)));
    let hint = match near {
        Some(n) if given => format!("did you mean `{n}`?"),
        Some(n) => format!("did you mean `{n}`? Name it with `{key}: {n}`"),
        None => format!("name the column with `{key}: COLUMN`"),
    };
    let path = if given {
        format!("{prefix}.{key}")
    } else {
        format!("{prefix}.statswales")
    };
    field_error(
        file,
        &path,
        format!(
            "{display} has no column `{}` (the {key})",
            wanted.join("` or `")
        ),
    )
    .with_expected(format!(
        "one of the columns: {}",
        list(header.iter().map(String::as_str))
    ))
    .with_hint(hint)
    .with_source(&file.text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading(text: &str) -> Reading {
        let mut r = Reading::default();
        read(text, &mut r);
        r
    }

    #[test]
    fn periods_and_shorthand() {
        assert_eq!(period("2023-24"), "2023/24");
        assert_eq!(period("2024"), "2024");
        assert_eq!(reading("[c]").flag, Some("c"));
        assert_eq!(reading("[low]").flag, Some("low"));
        assert_eq!(reading("..").flag, Some("x"));
        assert_eq!(reading("[c]").number, None);
        let r = reading("1,205 [r]");
        assert_eq!(r.number.as_deref(), Some("1205"));
        assert_eq!(r.notes, vec!["revised"]);
        assert_eq!(reading("[q]").unknown.as_deref(), Some("[q]"));
        assert_eq!(reading("12 5").unknown.as_deref(), Some("5"));
        assert_eq!(reading(""), Reading::default());
    }
}

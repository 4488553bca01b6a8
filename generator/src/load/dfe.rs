//! Series read from a DfE "open data standard" CSV file (the form Explore Education
//! Statistics publishes):
//!
//! ```yaml
//! series: { dfe: data/cla.csv, indicator: rate_per_10000, level: local-authority,
//!           code: E06000016, filters: { characteristic: Total } }
//! ```
//!
//! The file is streamed record by record with the `csv` crate: only the rows that match the
//! level, the area code and the filters are kept, never the whole file. Each kept row becomes
//! a list item `{ period, value }` (or `{ period, flag }` for a shorthand symbol), so the model
//! never knows the difference, and every later problem with an item is reported at its row.
//!
//! Periods: see [`period`]: Financial year 202324 becomes 2023/24, Calendar year 2023 stays
//! 2023, Reporting year 2024 (the year ending 31 March 2024) becomes 2023/24. Shorthand symbols are kept as flags, never as numbers: `c`, `x`,
//! `z`, `u`, `low`, `k`, and `:` (read as `x`, not available).

use std::collections::BTreeSet;

use hearth_model::neighbours::{NeighbourArea, NeighbourFigures, is_ons_code};
use hearth_model::validate::{Issue, Place, SITE_FILE, closest};
use hearth_model::{Figure, Flag, Period, Point};

use super::csvimport::CsvSource;
use super::statfile::{StatFile, at_cell, next_row, unknown_field};
use super::yaml::{Mapping, Value};
use super::yamlpos::Pos;
use super::{Folder, SourceFile};
use crate::diag::{Diagnostic, Location};

/// The columns every open data standard file has before its filters and indicators.
pub const STANDARD_COLUMNS: &[&str] = &[
    "time_period",
    "time_identifier",
    "geographic_level",
    "country_code",
    "country_name",
    "region_code",
    "region_name",
    "old_la_code",
    "new_la_code",
    "la_name",
    "new_la_code_2",
    "lad_code",
    "lad_name",
    "pcon_code",
    "pcon_name",
    "opportunity_area_code",
    "opportunity_area_name",
    "ward_code",
    "ward_name",
    "trust_id",
    "trust_name",
    "sponsor_id",
    "sponsor_name",
    "school_laestab",
    "school_name",
    "school_urn",
    "school_postcode",
    "provider_ukprn",
    "provider_name",
    "english_devolved_area_code",
    "english_devolved_area_name",
    "local_enterprise_partnership_code",
    "local_enterprise_partnership_name",
    "rsc_region_lead_name",
    "institution_id",
    "institution_name",
    "planning_area_code",
    "planning_area_name",
];

/// The fields of a `dfe:` mapping.
const FIELDS: &[&str] = &["dfe", "indicator", "level", "code", "filters"];

/// The geographic levels a mapping may ask for, as written in YAML and in the file.
const LEVELS: &[(&str, &str)] = &[
    ("national", "National"),
    ("regional", "Regional"),
    ("local-authority", "Local authority"),
];

/// The most values listed in a hint.
const MAX_LISTED: usize = 40;

/// What one `dfe:` mapping asks for.
struct Request {
    prefix: String,
    rel: String,
    indicator: String,
    /// The level as written in the file (National, ...).
    level: &'static str,
    code: Option<String>,
    filters: Vec<(String, String)>,
}

/// Whether a series mapping reads a DfE file.
pub fn is_dfe(map: &Mapping) -> bool {
    map.contains_key("dfe")
}

/// Why a row's `time_period` and `time_identifier` cannot be read as a Hearth period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PeriodProblem {
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub hint: String,
    /// Whether the fault is in `time_period` (else in `time_identifier`).
    pub in_time_period: bool,
}

/// The `time_identifier`s Hearth reads, as a sentence for hints.
pub const IDENTIFIERS: &str = "Calendar year, Financial year, Academic year, Reporting year, Calendar year Q1 to Q4, January to December";

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The period a row's `time_period` and `time_identifier` name, as Hearth writes periods
/// (see docs/content-format.md, "DfE periods"):
///
/// | time_identifier | time_period | Hearth period |
/// | --- | --- | --- |
/// | Calendar year | 2024 | `2024` |
/// | Financial year | 202324 | `2023/24` (1 April 2023 to 31 March 2024) |
/// | Academic year | 202324 | `2023/24` (sorted and compared as the financial year of that name) |
/// | Reporting year | 2024 | `2023/24`: the year ending 31 March 2024 (children's social care) |
/// | Reporting year | 202324 | `2023/24` |
/// | Calendar year Q1 ... Q4 | 2024 | `2024-Q1` ... `2024-Q4` |
/// | January ... December | 2024 | `January 2024` ... |
///
/// Anything else (terms, weeks, financial-year quarters, tax years, a month of a two-year
/// period) is a [`PeriodProblem`] with a hint, never a guess.
pub fn period(time_period: &str, identifier: &str) -> Result<String, PeriodProblem> {
    let t = time_period.trim();
    let id = identifier.trim();
    let lower = id.to_ascii_lowercase();
    let digits = t.bytes().all(|b| b.is_ascii_digit());
    let year = (t.len() == 4 && digits).then(|| t.to_string());
    let pair = (t.len() == 6 && digits)
        .then(|| {
            let first: u32 = t[..4].parse().ok()?;
            let second: u32 = t[4..].parse().ok()?;
            ((first + 1) % 100 == second).then(|| format!("{}/{}", &t[..4], &t[4..]))
        })
        .flatten();
    let bad_period = |wanted: &str| PeriodProblem {
        message: format!("time_period \"{t}\" is not {wanted} (time_identifier \"{id}\")"),
        hint: format!(
            "{id} rows give their time_period as {wanted}; correct the cell or the time_identifier"
        ),
        in_time_period: true,
    };
    let one_year = "a year such as 2024";
    let two_years = "two following years such as 202324";
    match lower.as_str() {
        "calendar year" => year.ok_or_else(|| bad_period(one_year)),
        "financial year" | "academic year" => pair.ok_or_else(|| bad_period(two_years)),
        "reporting year" => match (year, pair) {
            (Some(y), _) => {
                let end: u32 = y.parse().unwrap_or(0);
                Ok(format!("{}/{:02}", end.saturating_sub(1), end % 100))
            }
            (_, Some(p)) => Ok(p),
            _ => Err(bad_period(
                "a year such as 2024 or two years such as 202324",
            )),
        },
        _ => {
            if let Some(q) = lower.strip_prefix("calendar year q")
                && matches!(q, "1" | "2" | "3" | "4")
            {
                return year
                    .map(|y| format!("{y}-Q{q}"))
                    .ok_or_else(|| bad_period(one_year));
            }
            if let Some(month) = MONTHS.iter().find(|m| m.eq_ignore_ascii_case(id)) {
                return match year {
                    Some(y) => Ok(format!("{month} {y}")),
                    None => Err(PeriodProblem {
                        message: format!(
                            "time_period \"{t}\" with {month} does not say which calendar year the month is in"
                        ),
                        hint: "Hearth reads months only with a calendar year (2024); ask the publisher for the file by calendar year, or copy the figures into a `series:` list with their months".into(),
                        in_time_period: true,
                    }),
                };
            }
            Err(PeriodProblem {
                message: format!("Hearth does not read the time_identifier \"{id}\""),
                hint: format!(
                    "Hearth reads {IDENTIFIERS}; for other periods (terms, weeks, financial-year quarters, tax years) copy the figures into a `series:` list with periods Hearth reads"
                ),
                in_time_period: false,
            })
        }
    }
}

/// The flag a shorthand symbol stands for, if it is one.
pub fn shorthand(text: &str) -> Option<&'static str> {
    match text.trim() {
        "c" => Some("c"),
        "x" | ":" => Some("x"),
        "z" => Some("z"),
        "u" => Some("u"),
        "low" => Some("low"),
        "k" => Some("k"),
        _ => None,
    }
}

/// The flag of a shorthand symbol (as [`shorthand`] gives it).
fn flag_of(symbol: &str) -> Option<Flag> {
    Some(match symbol {
        "c" => Flag::Suppressed,
        "x" => Flag::NotAvailable,
        "z" => Flag::NotApplicable,
        "u" => Flag::LowReliability,
        "low" => Flag::RoundsToZero,
        "k" => Flag::LessThanHalf,
        _ => return None,
    })
}

/// A number cell: digits, with a sign and a decimal point.
pub fn is_number(text: &str) -> bool {
    text.trim().parse::<f64>().is_ok_and(f64::is_finite)
        && !text.trim().contains(['e', 'E', 'i', 'n', 'N'])
}

impl Folder {
    /// The rows of the `dfe:` mapping `map` at `prefix` in `file` (`rel`), or None once what
    /// is wrong is reported.
    pub(crate) fn dfe_rows(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        map: &Mapping,
    ) -> Option<(Vec<Value>, CsvSource)> {
        let req = self.dfe_request(file, rel, prefix, map)?;
        let display = self.sources.display(&req.rel);
        let located = |line: u64, column: usize, message: String| {
            at_cell(&display, line, column, req.prefix.clone(), message)
        };
        let StatFile { mut reader, header } = self.open_stat_file(&req.rel, &req.prefix)?;
        let col = |name: &str| header.iter().position(|h| h == name);
        let mut missing = Vec::new();
        for needed in ["time_period", "time_identifier", "geographic_level"] {
            if col(needed).is_none() {
                missing.push(needed);
            }
        }
        if !missing.is_empty() {
            self.diagnostics.push(
                located(1, 1, format!(
                    "{display} is not an open data standard file: it has no {} column",
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                ))
                .with_expected("a first row starting time_period, time_identifier, geographic_level, ...")
                .with_hint("download the file as published by Explore Education Statistics, or read it with `csv:` instead of `dfe:`"),
            );
            return None;
        }
        let (tp, ti, gl) = (
            col("time_period").unwrap_or(0),
            col("time_identifier").unwrap_or(0),
            col("geographic_level").unwrap_or(0),
        );
        let others: Vec<&String> = header
            .iter()
            .filter(|h| !STANDARD_COLUMNS.contains(&h.as_str()))
            .collect();
        let Some(ic) = col(&req.indicator) else {
            let hint = match closest(&req.indicator, others.iter().map(|s| s.as_str())) {
                Some(n) => format!("did you mean `{n}`?"),
                None => "name one of the file's indicator columns".into(),
            };
            self.diagnostics.push(
                field_error(
                    file,
                    &format!("{prefix}.indicator"),
                    format!("there is no indicator `{}` in {display}", req.indicator),
                )
                .with_expected(format!(
                    "one of the columns: {}",
                    list(others.iter().map(|s| s.as_str()))
                ))
                .with_hint(hint)
                .with_source(&file.text),
            );
            return None;
        };
        let mut filter_cols = Vec::new();
        for (name, value) in &req.filters {
            match col(name) {
                Some(c) => filter_cols.push((name.clone(), c, value.clone())),
                None => {
                    let hint = match closest(name, others.iter().map(|s| s.as_str())) {
                        Some(n) => format!("did you mean `{n}`?"),
                        None => "name one of the file's filter columns".into(),
                    };
                    self.diagnostics.push(
                        field_error(
                            file,
                            &format!("{prefix}.filters.{name}"),
                            format!("there is no filter column `{name}` in {display}"),
                        )
                        .with_expected(format!(
                            "one of the columns: {}",
                            list(others.iter().map(|s| s.as_str()))
                        ))
                        .with_hint(hint)
                        .with_source(&file.text),
                    );
                    return None;
                }
            }
        }
        let code_cols: Vec<usize> = match req.level {
            "Regional" => col("region_code").into_iter().collect(),
            "Local authority" => ["new_la_code", "old_la_code"]
                .iter()
                .filter_map(|c| col(c))
                .collect(),
            _ => Vec::new(),
        };
        // Values seen in each filter column among rows at the level and area, for hints.
        let mut seen: Vec<BTreeSet<String>> = vec![BTreeSet::new(); filter_cols.len()];
        let mut areas = BTreeSet::new();
        let mut at_level = false;
        let mut items = Vec::new();
        let mut lines = Vec::new();
        let mut periods = BTreeSet::new();
        let mut record = csv::StringRecord::new();
        let mut errors = 0usize;
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
            if get(gl) != req.level {
                continue;
            }
            at_level = true;
            if let Some(code) = &req.code {
                if !code_cols.iter().any(|c| get(*c) == code) {
                    if areas.len() < MAX_LISTED
                        && let Some(c) = code_cols.first()
                    {
                        areas.insert(get(*c).to_string());
                    }
                    continue;
                }
                areas.insert(code.clone());
            }
            let mut matched = true;
            for (i, (_, c, want)) in filter_cols.iter().enumerate() {
                let v = get(*c);
                if seen[i].len() < MAX_LISTED {
                    seen[i].insert(v.to_string());
                }
                if v != want {
                    matched = false;
                }
            }
            if !matched {
                continue;
            }
            let period = match period(get(tp), get(ti)) {
                Ok(p) => p,
                Err(problem) => {
                    errors += 1;
                    if errors <= 20 {
                        let column = if problem.in_time_period { tp } else { ti };
                        self.diagnostics.push(
                            located(line, column + 1, problem.message)
                                .with_expected(format!(
                                    "a time_identifier Hearth reads: {IDENTIFIERS}"
                                ))
                                .with_hint(problem.hint),
                        );
                    }
                    continue;
                }
            };
            if !periods.insert(period.clone()) {
                errors += 1;
                if errors <= 20 {
                    self.diagnostics.push(
                        located(line, tp + 1, format!(
                            "more than one row matches for {period}"
                        ))
                        .with_expected("one row per period for the level, area and filters chosen")
                        .with_hint("add a filter under `filters:` for each filter column that varies (`hearth import FILE` lists them)"),
                    );
                }
                continue;
            }
            let text = get(ic);
            let mut item = Mapping::new();
            item.insert("period".into(), Value::String(period));
            if let Some(f) = shorthand(text) {
                item.insert("flag".into(), Value::String(f.into()));
            } else if is_number(text) {
                item.insert("value".into(), Value::String(text.to_string()));
            } else {
                errors += 1;
                if errors <= 20 {
                    let mut d = located(line, ic + 1, format!(
                            "\"{text}\" in `{}` is neither a number nor a shorthand symbol",
                            req.indicator
                        ))
                        .with_expected("a number, or c, x, z, u, low, k or :")
                        .with_hint("correct the cell; the open data standard writes withheld values as symbols");
                    d.location.field = format!("{}[{}].value", req.prefix, items.len());
                    self.diagnostics.push(d);
                }
                continue;
            }
            items.push(Value::Mapping(item));
            lines.push(line as usize);
        }
        if errors > 0 {
            return None;
        }
        if items.is_empty() {
            let d = if !at_level {
                field_error(
                    file,
                    &format!("{prefix}.level"),
                    format!("{display} has no rows at geographic_level {}", req.level),
                )
                .with_hint(
                    "choose another `level:`; `hearth import FILE` lists the levels the file holds",
                )
            } else if req.code.as_ref().is_some_and(|c| !areas.contains(c)) {
                field_error(
                    file,
                    &format!("{prefix}.code"),
                    format!(
                        "{display} has no {} rows for `{}`",
                        req.level,
                        req.code.clone().unwrap_or_default()
                    ),
                )
                .with_expected(format!(
                    "one of the codes: {}",
                    list(areas.iter().map(String::as_str))
                ))
                .with_hint("check the ONS code (E06000016, E12000004, ...)")
            } else if let Some((i, (name, _, want))) = filter_cols
                .iter()
                .enumerate()
                .find(|(i, (_, _, want))| !seen[*i].contains(want))
            {
                let hint = match closest(want, seen[i].iter().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "use one of the values listed".into(),
                };
                field_error(
                    file,
                    &format!("{prefix}.filters.{name}"),
                    format!("no row has `{want}` in the filter column `{name}`"),
                )
                .with_expected(format!(
                    "one of: {}",
                    list(seen[i].iter().map(String::as_str))
                ))
                .with_hint(hint)
            } else {
                field_error(
                    file,
                    prefix,
                    format!("no row of {display} matches this mapping"),
                )
                .with_hint("`hearth import FILE` lists what the file holds")
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
                    ("period".into(), tp + 1),
                    ("value".into(), ic + 1),
                    ("flag".into(), ic + 1),
                ],
            },
        ))
    }

    /// Check the fields of a `dfe:` mapping.
    fn dfe_request(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        map: &Mapping,
    ) -> Option<Request> {
        let mut ok = true;
        let text = |this: &mut Folder, key: &str, v: &Value| -> Option<String> {
            match v {
                Value::String(s) => Some(s.clone()),
                Value::Number(n) => Some(n.to_string()),
                _ => {
                    this.diagnostics.push(
                        field_error(
                            file,
                            &format!("{prefix}.{key}"),
                            format!("`{key}` must be text"),
                        )
                        .with_source(&file.text),
                    );
                    None
                }
            }
        };
        let (mut dfe, mut indicator, mut level, mut code) = (None, None, None, None);
        let mut filters = Vec::new();
        for (k, v) in map {
            let key = k.as_str().unwrap_or("");
            match key {
                "dfe" => dfe = text(self, key, v),
                "indicator" => indicator = text(self, key, v),
                "level" => level = text(self, key, v),
                "code" => code = text(self, key, v),
                "filters" => match v {
                    Value::Mapping(m) => {
                        for (fk, fv) in m {
                            let name = fk.as_str().unwrap_or("").to_string();
                            match text(self, &format!("filters.{name}"), fv) {
                                Some(t) => filters.push((name, t)),
                                None => ok = false,
                            }
                        }
                    }
                    _ => {
                        ok = false;
                        self.diagnostics.push(
                            field_error(
                                file,
                                &format!("{prefix}.filters"),
                                "`filters` must be a mapping of column to value".into(),
                            )
                            .with_expected("for example `filters: { characteristic: Total }`")
                            .with_source(&file.text),
                        );
                    }
                },
                _ => {
                    ok = false;
                    self.diagnostics
                        .push(unknown_field(file, prefix, key, FIELDS));
                }
            }
        }
        let dfe = dfe?;
        let Some(indicator) = indicator else {
            self.diagnostics.push(
                field_error(
                    file,
                    prefix,
                    "`indicator:` is missing: name the file's column that holds the figures".into(),
                )
                .with_expected("`indicator: COLUMN`; `hearth import FILE` lists the indicators")
                .with_source(&file.text),
            );
            return None;
        };
        let level_text = level.unwrap_or_else(|| {
            if code.is_some() {
                "local-authority"
            } else {
                "national"
            }
            .to_string()
        });
        let Some((_, level)) = LEVELS.iter().find(|(k, _)| *k == level_text) else {
            self.diagnostics.push(
                field_error(
                    file,
                    &format!("{prefix}.level"),
                    format!("unknown level `{level_text}`"),
                )
                .with_expected("national, regional or local-authority")
                .with_source(&file.text),
            );
            return None;
        };
        // At local-authority level with no `code:`, the council's own `ons_code`.
        let code = match code {
            None if *level == "Local authority" => self.content.site.ons_code.clone(),
            code => code,
        };
        if *level != "National" && code.is_none() {
            let hint = if *level == "Local authority" {
                "give `code:`, or the council's `ons_code:` in site.yaml (then `code:` may be left out)"
            } else {
                "give the region's `code:`"
            };
            self.diagnostics.push(
                field_error(file, prefix, format!("`level: {level_text}` needs `code:`"))
                    .with_expected("the area's ONS code, such as E12000004 (a region) or E06000016 (a council)")
                    .with_hint(hint)
                    .with_source(&file.text),
            );
            return None;
        }
        let rel = self.csv_file(file, rel, prefix, &dfe, "dfe")?;
        ok.then_some(Request {
            prefix: prefix.to_string(),
            rel,
            indicator,
            level,
            code: if *level == "National" { None } else { code },
            filters,
        })
    }
}

impl Folder {
    /// The statistical neighbours' figures for the measure whose own series is the `dfe:`
    /// mapping `map` (in `file`, at `rel`): the rows of the same file, indicator and filters
    /// for each code site.yaml lists under `statistical_neighbours`. `None` when site.yaml
    /// lists none, or the series is not the council's own (local-authority level, the site's
    /// `ons_code`), or once what is wrong is reported: a neighbour with no such row in the
    /// file is an error at its line in site.yaml.
    pub(crate) fn dfe_neighbours(
        &mut self,
        file: &SourceFile,
        rel: &str,
        map: &Mapping,
    ) -> Option<NeighbourFigures> {
        let site = &self.content.site;
        let own = site.ons_code.clone()?;
        let codes = site.statistical_neighbours.clone();
        // A list with a code of the wrong form, a repeat or the council's own code is reported
        // by the checks of site.yaml; nothing is read for it.
        let distinct: BTreeSet<&String> = codes.iter().collect();
        if codes.is_empty()
            || !codes.iter().all(|c| is_ons_code(c))
            || distinct.len() < codes.len()
            || distinct.contains(&own)
        {
            return None;
        }
        let source = site.statistical_neighbours_source.clone();
        let req = self.dfe_request(file, rel, "series", map)?;
        if req.level != "Local authority" || req.code.as_deref() != Some(own.as_str()) {
            return None;
        }
        let display = self.sources.display(&req.rel);
        let mut reader = csv::ReaderBuilder::new()
            .flexible(true)
            .from_path(self.root.join(&req.rel))
            .ok()?;
        let header: Vec<String> = reader
            .headers()
            .ok()?
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}').to_string())
            .collect();
        let col = |name: &str| header.iter().position(|h| h == name);
        let (tp, ti, gl, ic) = (
            col("time_period")?,
            col("time_identifier")?,
            col("geographic_level")?,
            col(&req.indicator)?,
        );
        let name_col = col("la_name");
        let code_cols: Vec<usize> = ["new_la_code", "old_la_code"]
            .iter()
            .filter_map(|c| col(c))
            .collect();
        let filter_cols: Vec<(usize, &str)> = req
            .filters
            .iter()
            .map(|(name, want)| Some((col(name)?, want.as_str())))
            .collect::<Option<_>>()?;
        let mut areas: Vec<NeighbourArea> = codes
            .iter()
            .map(|code| NeighbourArea {
                code: code.clone(),
                name: String::new(),
                series: Vec::new(),
            })
            .collect();
        let mut record = csv::StringRecord::new();
        let mut bad = false;
        while reader.read_record(&mut record).ok()? {
            let get = |c: usize| record.get(c).map_or("", str::trim);
            if get(gl) != "Local authority" {
                continue;
            }
            let Some(area) = areas
                .iter_mut()
                .find(|a| code_cols.iter().any(|c| get(*c) == a.code))
            else {
                continue;
            };
            if filter_cols.iter().any(|(c, want)| get(*c) != *want) {
                continue;
            }
            let line = record.position().map_or(0, |p| p.line());
            // A row whose period cannot be read is left out here: the council's own series,
            // read from the same file, reports it where it matters.
            let Ok(text) = period(get(tp), get(ti)) else {
                continue;
            };
            let Ok(period) = Period::parse(&text) else {
                continue;
            };
            if area
                .series
                .iter()
                .any(|p| p.period.sort_key() == period.sort_key())
            {
                continue;
            }
            if area.name.is_empty() {
                area.name = name_col.map(|c| get(c).to_string()).unwrap_or_default();
            }
            let text = get(ic);
            let (value, flag) = match shorthand(text) {
                Some(f) => (None, flag_of(f)),
                None => match Figure::parse(text) {
                    Ok(f) if is_number(text) => (Some(f), None),
                    _ => {
                        bad = true;
                        self.diagnostics.push(
                            Diagnostic::error(
                                Location {
                                    file: display.clone(),
                                    pos: Some(Pos {
                                        line: line as usize,
                                        column: ic + 1,
                                    }),
                                    field: String::new(),
                                },
                                format!(
                                    "\"{text}\" in `{}` is neither a number nor a shorthand symbol",
                                    req.indicator
                                ),
                            )
                            .with_expected("a number, or c, x, z, u, low, k or :")
                            .with_hint("correct the cell; this is a statistical neighbour's row (site.yaml lists its code)"),
                        );
                        continue;
                    }
                },
            };
            area.series.push(Point {
                period,
                value,
                flag,
                note: None,
                change: None,
            });
        }
        let filters = req
            .filters
            .iter()
            .map(|(k, v)| format!("{k}: {v}"))
            .collect::<Vec<_>>()
            .join(", ");
        let missing: Vec<Issue> = areas
            .iter()
            .enumerate()
            .filter(|(_, a)| a.series.is_empty())
            .map(|(i, a)| {
                let with = if filters.is_empty() {
                    String::new()
                } else {
                    format!(" with {filters}")
                };
                Issue::error(
                    Place::new(SITE_FILE, format!("statistical_neighbours[{i}]")),
                    format!(
                        "the neighbour `{}` has no local-authority row in {display}{with} (read for {})",
                        a.code, file.display
                    ),
                )
                .expected(format!("a row of {display} whose `new_la_code` is `{}`", a.code))
                .hint(format!(
                    "check the code (the file's `new_la_code` column lists them), or write `neighbours: false` in {} to leave this measure without the comparison",
                    file.display
                ))
            })
            .collect();
        if !missing.is_empty() {
            self.report(&missing);
            return None;
        }
        if bad {
            return None;
        }
        Some(NeighbourFigures { areas, source })
    }
}

/// At most [`MAX_LISTED`] names, in backquotes.
pub(super) fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.take(MAX_LISTED).map(|n| format!("`{n}`")).collect();
    names.join(", ")
}

/// An error in the YAML `file` about the field at `path`.
pub(super) fn field_error(file: &SourceFile, path: &str, message: String) -> Diagnostic {
    Diagnostic::error(
        Location {
            file: file.display.clone(),
            pos: file.index.locate(path),
            field: path.to_string(),
        },
        message,
    )
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn periods_and_symbols() {
        let ok = |t: &str, id: &str| period(t, id).unwrap();
        assert_eq!(ok("202324", "Financial year"), "2023/24");
        assert_eq!(ok("202324", "Academic year"), "2023/24");
        assert_eq!(ok("2023", "Calendar year"), "2023");
        assert_eq!(ok("2024", "Reporting year"), "2023/24");
        assert_eq!(ok("2000", "Reporting year"), "1999/00");
        assert_eq!(ok("202324", "Reporting year"), "2023/24");
        assert_eq!(ok("2024", "Calendar year Q3"), "2024-Q3");
        assert_eq!(ok("2024", "march"), "March 2024");
        let bad = period("202324", "Calendar year").unwrap_err();
        assert!(
            bad.in_time_period && bad.message.contains("202324"),
            "{bad:?}"
        );
        assert!(period("202325", "Financial year").is_err());
        assert!(period("2024", "Financial year").is_err());
        assert!(period("202324", "March").is_err());
        let term = period("202324", "Autumn term").unwrap_err();
        assert!(
            !term.in_time_period && term.hint.contains("Reporting year"),
            "{term:?}"
        );
        assert!(period("202324", "Financial year Q1").is_err());
        assert!(period("2024", "Week 12").is_err());
        // Every period given is one the model reads, with the span it should have.
        for (t, id, start, end) in [
            ("2024", "Reporting year", "2023-04-01", "2024-03-31"),
            ("202324", "Financial year", "2023-04-01", "2024-03-31"),
            ("2024", "Calendar year", "2024-01-01", "2024-12-31"),
            ("2024", "Calendar year Q2", "2024-04-01", "2024-06-30"),
            ("2024", "February", "2024-02-01", "2024-02-29"),
        ] {
            let p = hearth_model::period::Period::parse(&ok(t, id)).unwrap();
            assert!(p.notes().is_empty(), "{t} {id}");
            assert_eq!(p.start().unwrap().iso(), start, "{t} {id}");
            assert_eq!(p.end().unwrap().iso(), end, "{t} {id}");
        }
        assert_eq!(shorthand(":"), Some("x"));
        assert_eq!(shorthand("low"), Some("low"));
        assert_eq!(shorthand("12"), None);
        assert!(is_number("-12.5"));
        assert!(!is_number("NaN"));
        assert!(!is_number("c"));
    }
}

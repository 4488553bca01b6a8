//! `hearth import FILE`: what a DfE open data standard CSV file holds, and a measure to start
//! from.
//!
//! The file is read once, record by record (never whole), counting as it goes: rows; rows at
//! each geographic level; each `time_period` and `time_identifier` with the period Hearth
//! reads it as (see [`crate::load::dfe::period`]); the areas at each level (by code); the
//! values of each filter column; and, for each indicator column, how many cells are numbers
//! and how many are each shorthand symbol. Everything is kept in sorted maps, so the report is
//! the same for the same file.
//!
//! Filters and indicators: the columns past [`STANDARD_COLUMNS`]. If Explore Education
//! Statistics' metadata file is beside the data (`cla.csv` and `cla.meta.csv`), its `col_type`
//! (Filter or Indicator) decides. Otherwise a column whose every non-blank cell is a number or
//! a shorthand symbol, with at least one cell, is an indicator, and any other is a filter.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::load::dfe::{STANDARD_COLUMNS, is_number, period, shorthand};

/// The most distinct values kept for a column; past it, values are only counted as "more".
const MAX_VALUES: usize = 1000;
/// The most areas kept for a level.
const MAX_AREAS: usize = 20_000;
/// The most values of a filter printed.
const SHOWN_VALUES: usize = 12;
/// The shorthand symbols, in the order printed.
const SYMBOLS: &[&str] = &["c", "x", "z", "u", "low", "k"];

/// What went wrong reading the file: a sentence, and a hint.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportError {
    pub message: String,
    pub hint: String,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}\n  hint: {}", self.message, self.hint)
    }
}

fn error(message: String, hint: &str) -> ImportError {
    ImportError {
        message,
        hint: hint.into(),
    }
}

/// What one file holds.
#[derive(Debug, Clone, Serialize)]
pub struct Inventory {
    /// The file as given.
    pub file: String,
    /// The metadata file read beside it, if any.
    pub meta: Option<String>,
    /// Data rows (the first row, the column names, not counted).
    pub rows: u64,
    /// Rows at each geographic level, in the order first seen.
    pub levels: Vec<Level>,
    /// Each time_period and time_identifier, sorted by the period Hearth reads.
    pub periods: Vec<PeriodRow>,
    pub filters: Vec<Filter>,
    pub indicators: Vec<Indicator>,
}

/// One geographic level.
#[derive(Debug, Clone, Serialize)]
pub struct Level {
    /// As written in the file (`Local authority`).
    pub name: String,
    /// As written in a `level:` field, if Hearth reads this level (`local-authority`).
    pub hearth: Option<&'static str>,
    pub rows: u64,
    /// The code column that names areas at this level, if there is one.
    pub code_column: Option<&'static str>,
    /// Distinct areas (codes) at this level.
    pub area_count: usize,
    /// Whether more areas were seen than were kept.
    pub areas_capped: bool,
    /// Each area's code and name, sorted by code.
    pub areas: Vec<(String, String)>,
}

/// One time_period and time_identifier.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodRow {
    pub time_period: String,
    pub time_identifier: String,
    /// The period Hearth reads it as.
    pub hearth: Option<String>,
    /// Why Hearth does not read it.
    pub not_read: Option<String>,
    pub rows: u64,
}

/// A filter column and its values.
#[derive(Debug, Clone, Serialize)]
pub struct Filter {
    pub column: String,
    /// Each value with its row count, sorted by value (at most [`MAX_VALUES`]).
    pub values: Vec<(String, u64)>,
    /// Whether the column had more distinct values than were kept.
    pub more: bool,
}

/// An indicator column and what its cells hold.
#[derive(Debug, Clone, Serialize)]
pub struct Indicator {
    pub column: String,
    pub numbers: u64,
    /// Each shorthand symbol found, with its count (`:` counted as `x`).
    pub symbols: Vec<(String, u64)>,
    pub blank: u64,
    /// Cells that are neither (a measure reading them would be refused).
    pub other: u64,
}

/// What is counted for one column past the standard ones.
#[derive(Default)]
struct Column {
    values: HashMap<String, u64>,
    more: bool,
    numbers: u64,
    symbols: BTreeMap<&'static str, u64>,
    blank: u64,
    other: u64,
}

impl Column {
    fn add(&mut self, cell: &str) {
        let cell = cell.trim();
        if cell.is_empty() {
            self.blank += 1;
        } else if let Some(s) = shorthand(cell) {
            *self.symbols.entry(s).or_default() += 1;
        } else if is_number(cell) {
            self.numbers += 1;
        } else {
            self.other += 1;
        }
        if !self.more {
            if let Some(n) = self.values.get_mut(cell) {
                *n += 1;
            } else if self.values.len() < MAX_VALUES {
                self.values.insert(cell.to_string(), 1);
            } else {
                self.more = true;
            }
        }
    }

    fn looks_like_indicator(&self) -> bool {
        self.other == 0 && (self.numbers > 0 || !self.symbols.is_empty())
    }
}

/// The level names Hearth reads, as written in YAML, and the code column of each.
fn hearth_level(name: &str) -> (Option<&'static str>, Option<&'static str>) {
    match name {
        "National" => (Some("national"), Some("country_code")),
        "Regional" => (Some("regional"), Some("region_code")),
        "Local authority" => (Some("local-authority"), Some("new_la_code")),
        _ => (None, None),
    }
}

/// The name column beside a code column.
fn name_column(code: &str) -> &'static str {
    match code {
        "country_code" => "country_name",
        "region_code" => "region_name",
        _ => "la_name",
    }
}

/// Read `path` once and say what it holds.
pub fn inspect(path: &Path) -> Result<Inventory, ImportError> {
    let shown = path.display().to_string();
    let is_csv = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !path.exists() {
        return Err(error(
            format!("{shown} does not exist"),
            "give the path of a CSV file downloaded from Explore Education Statistics",
        ));
    }
    if !is_csv {
        return Err(error(
            format!("{shown} is not a CSV file (its name does not end in .csv)"),
            "hearth import reads DfE open data standard CSV files, as Explore Education Statistics publishes them; unzip a download first",
        ));
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| {
            error(
                format!("{shown} cannot be read: {e}"),
                "check that it exists and can be read",
            )
        })?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| {
            error(
                format!("{shown}, line 1: this is not valid CSV: {e}"),
                "hearth import reads CSV files in UTF-8",
            )
        })?
        .iter()
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let col = |name: &str| header.iter().position(|h| h == name);
    let missing: Vec<&str> = ["time_period", "time_identifier", "geographic_level"]
        .into_iter()
        .filter(|c| col(c).is_none())
        .collect();
    if !missing.is_empty() {
        return Err(error(
            format!(
                "{shown} is not a DfE open data standard file: it has no {} column (its first row names: {})",
                missing
                    .iter()
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", "),
                header
                    .iter()
                    .take(12)
                    .map(|m| format!("`{m}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "download the file as published by Explore Education Statistics (its first row starts time_period, time_identifier, geographic_level); read other CSV files with `series: { csv: ... }`",
        ));
    }
    let (tp, ti, gl) = (
        col("time_period").unwrap_or(0),
        col("time_identifier").unwrap_or(0),
        col("geographic_level").unwrap_or(0),
    );
    let others: Vec<usize> = (0..header.len())
        .filter(|&i| !STANDARD_COLUMNS.contains(&header[i].as_str()))
        .collect();
    let mut columns: Vec<Column> = others.iter().map(|_| Column::default()).collect();
    let mut rows = 0u64;
    let mut level_order: Vec<String> = Vec::new();
    let mut levels: HashMap<String, (u64, BTreeMap<String, String>, bool)> = HashMap::new();
    let mut periods: HashMap<(String, String), u64> = HashMap::new();
    let mut last = (String::new(), String::new(), 0u64);
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => break,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                return Err(error(
                    format!("{shown}, line {line}: this is not valid CSV: {e}"),
                    "hearth import reads CSV files in UTF-8, one record a line (quoted cells may hold line breaks)",
                ));
            }
        }
        rows += 1;
        let get = |c: usize| record.get(c).map_or("", str::trim);
        let level = get(gl);
        let entry = match levels.get_mut(level) {
            Some(e) => e,
            None => {
                level_order.push(level.to_string());
                levels.entry(level.to_string()).or_default()
            }
        };
        entry.0 += 1;
        if let (_, Some(code_col)) = hearth_level(level)
            && let Some(c) = col(code_col)
        {
            let code = get(c);
            if !entry.1.contains_key(code) {
                if entry.1.len() < MAX_AREAS {
                    let name = col(name_column(code_col)).map_or("", get);
                    entry.1.insert(code.to_string(), name.to_string());
                } else {
                    entry.2 = true;
                }
            }
        }
        // Rows come grouped by period, so count into the last period seen until it changes
        // (no new strings for most rows).
        let (p, i) = (get(tp), get(ti));
        if last.0 != p || last.1 != i {
            if last.2 > 0 {
                *periods
                    .entry((std::mem::take(&mut last.0), std::mem::take(&mut last.1)))
                    .or_default() += last.2;
            }
            last = (p.to_string(), i.to_string(), 0);
        }
        last.2 += 1;
        for (k, &c) in others.iter().enumerate() {
            columns[k].add(get(c));
        }
    }
    if last.2 > 0 {
        *periods.entry((last.0, last.1)).or_default() += last.2;
    }
    let meta_path = meta_path(path);
    let meta = match &meta_path {
        Some(m) => Some(read_meta(m)?),
        None => None,
    };
    let mut filters = Vec::new();
    let mut indicators = Vec::new();
    for (k, &c) in others.iter().enumerate() {
        let name = header[c].clone();
        let column = std::mem::take(&mut columns[k]);
        let indicator = match &meta {
            Some(m) => match m.get(&name).map(String::as_str) {
                Some("indicator") => true,
                Some("filter") => false,
                _ => continue,
            },
            None => column.looks_like_indicator(),
        };
        if indicator {
            indicators.push(Indicator {
                column: name,
                numbers: column.numbers,
                symbols: column
                    .symbols
                    .iter()
                    .map(|(s, n)| ((*s).to_string(), *n))
                    .collect(),
                blank: column.blank,
                other: column.other,
            });
        } else {
            let values: BTreeMap<String, u64> = column.values.into_iter().collect();
            filters.push(Filter {
                column: name,
                values: values.into_iter().collect(),
                more: column.more,
            });
        }
    }
    let mut periods: Vec<PeriodRow> = periods
        .into_iter()
        .map(|((p, i), n)| {
            let read = period(&p, &i);
            PeriodRow {
                hearth: read.clone().ok(),
                not_read: read.err().map(|e| e.message),
                time_period: p,
                time_identifier: i,
                rows: n,
            }
        })
        .collect();
    periods.sort_by_cached_key(|p| {
        let key = p
            .hearth
            .as_ref()
            .and_then(|h| hearth_model::Period::parse(h).ok())
            .map_or((i64::MAX, i64::MAX), |h| h.sort_key());
        (key, p.time_period.clone(), p.time_identifier.clone())
    });
    let levels = level_order
        .into_iter()
        .map(|name| {
            let (rows, areas, capped) = levels.remove(&name).unwrap_or_default();
            let (hearth, code_column) = hearth_level(&name);
            Level {
                hearth,
                rows,
                code_column: code_column.filter(|c| col(c).is_some()),
                area_count: areas.len(),
                areas_capped: capped,
                areas: areas.into_iter().collect(),
                name,
            }
        })
        .collect();
    Ok(Inventory {
        file: shown,
        meta: meta_path.map(|m| m.display().to_string()),
        rows,
        levels,
        periods,
        filters,
        indicators,
    })
}

/// `cla.meta.csv` beside `cla.csv`, if it is there.
fn meta_path(path: &Path) -> Option<PathBuf> {
    let stem = path.file_stem()?.to_str()?;
    let meta = path.with_file_name(format!("{stem}.meta.csv"));
    meta.is_file().then_some(meta)
}

/// The `col_type` (lower case) of each column named in an EES metadata file.
fn read_meta(path: &Path) -> Result<BTreeMap<String, String>, ImportError> {
    let shown = path.display().to_string();
    let bad = |what: String| {
        error(
            format!("{shown} (the metadata file beside the data): {what}"),
            "a metadata file has the columns col_name and col_type (Filter or Indicator); correct it, or move it away to let hearth import tell filters from indicators by their values",
        )
    };
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| bad(format!("cannot be read: {e}")))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| bad(format!("not valid CSV: {e}")))?
        .iter()
        .map(|c| c.trim().trim_start_matches('\u{feff}').to_string())
        .collect();
    let (Some(name), Some(kind)) = (
        header.iter().position(|h| h == "col_name"),
        header.iter().position(|h| h == "col_type"),
    ) else {
        return Err(bad("it has no col_name or no col_type column".into()));
    };
    let mut types = BTreeMap::new();
    for record in reader.records() {
        let record = record.map_err(|e| bad(format!("not valid CSV: {e}")))?;
        let get = |c: usize| record.get(c).map_or("", str::trim);
        types.insert(get(name).to_string(), get(kind).to_ascii_lowercase());
    }
    Ok(types)
}

/// "s" unless there is one.
fn plural<T: PartialEq + From<u8>>(n: T) -> &'static str {
    if n == T::from(1) { "" } else { "s" }
}

/// `1,234,567`.
fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, d) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(d);
    }
    out
}

/// A YAML scalar for a key or value in a flow mapping: plain if safe, else double-quoted.
fn yaml(text: &str) -> String {
    let plain = !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '_' | '-' | '.' | '/'))
        && !text.starts_with([' ', '-', '.'])
        && !text.ends_with(' ')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "true" | "false" | "yes" | "no" | "null" | "on" | "off" | "y" | "n" | "~"
        );
    if plain {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
    }
}

/// The value of a filter to start from: one that looks like a total, else the first.
fn total(filter: &Filter) -> Option<(&str, bool)> {
    let values = || filter.values.iter().map(|(v, _)| v.as_str());
    values()
        .find(|v| v.eq_ignore_ascii_case("total"))
        .or_else(|| {
            values().find(|v| {
                let v = v.to_ascii_lowercase();
                v.starts_with("total") || v.starts_with("all ")
            })
        })
        .map(|v| (v, true))
        .or_else(|| values().next().map(|v| (v, false)))
}

impl Inventory {
    /// The report as text, for a person.
    pub fn text(&self, level: Option<&str>) -> String {
        let mut o = String::new();
        let _ = writeln!(
            o,
            "{}: {} row{}",
            self.file,
            thousands(self.rows),
            plural(self.rows)
        );
        if let Some(m) = &self.meta {
            let _ = writeln!(o, "Filters and indicators as named in {m}.");
        } else {
            let _ = writeln!(
                o,
                "No metadata file beside it: indicators are the columns holding only numbers and shorthand symbols."
            );
        }
        let _ = writeln!(o, "\nGeographic levels:");
        for l in &self.levels {
            let hearth = l
                .hearth
                .map_or("not read by Hearth".to_string(), |h| format!("level: {h}"));
            let areas = match l.code_column {
                Some(c) if l.areas_capped => {
                    format!(", more than {} areas by {c}", l.area_count)
                }
                Some(c) => format!(", {} area{} by {c}", l.area_count, plural(l.area_count)),
                None => String::new(),
            };
            let _ = writeln!(
                o,
                "  {}: {} row{} ({hearth}{areas})",
                l.name,
                thousands(l.rows),
                plural(l.rows)
            );
        }
        if let Some(wanted) = level {
            match self.levels.iter().find(|l| l.hearth == Some(wanted)) {
                Some(l) => {
                    let _ = writeln!(o, "\nAreas at {} (code, name):", l.name);
                    for (code, name) in &l.areas {
                        let _ = writeln!(o, "  {code}  {name}");
                    }
                    if l.areas_capped {
                        let _ = writeln!(o, "  and more (only the first {} kept)", l.area_count);
                    }
                }
                None => {
                    let _ = writeln!(o, "\nNo rows at level {wanted}.");
                }
            }
        }
        let _ = writeln!(
            o,
            "\nPeriods (time_period, time_identifier: as Hearth reads it):"
        );
        for p in &self.periods {
            let read = match (&p.hearth, &p.not_read) {
                (Some(h), _) => h.clone(),
                (None, e) => format!("not read: {}", e.as_deref().unwrap_or("")),
            };
            let _ = writeln!(
                o,
                "  {}, {}: {read} ({} row{})",
                p.time_period,
                p.time_identifier,
                thousands(p.rows),
                plural(p.rows)
            );
        }
        let _ = writeln!(o, "\nFilters (values, rows):");
        if self.filters.is_empty() {
            let _ = writeln!(o, "  none");
        }
        for f in &self.filters {
            let count = if f.more {
                format!("more than {}", f.values.len())
            } else {
                f.values.len().to_string()
            };
            let s = if f.more { "s" } else { plural(f.values.len()) };
            let _ = writeln!(o, "  {} ({count} value{s}):", f.column);
            for (v, n) in f.values.iter().take(SHOWN_VALUES) {
                let _ = writeln!(o, "    {v} ({})", thousands(*n));
            }
            let hidden = f.values.len().saturating_sub(SHOWN_VALUES);
            if f.more {
                let _ = writeln!(o, "    and more");
            } else if hidden > 0 {
                let _ = writeln!(o, "    and {hidden} more");
            }
        }
        let _ = writeln!(o, "\nIndicators (numbers; shorthand symbols; blank):");
        if self.indicators.is_empty() {
            let _ = writeln!(o, "  none");
        }
        for i in &self.indicators {
            let symbols: Vec<String> = SYMBOLS
                .iter()
                .filter_map(|s| {
                    i.symbols
                        .iter()
                        .find(|(k, _)| k == s)
                        .map(|(_, n)| format!("{s} {}", thousands(*n)))
                })
                .collect();
            let symbols = if symbols.is_empty() {
                "no symbols".to_string()
            } else {
                symbols.join(", ")
            };
            let mut line = format!(
                "  {}: {} numbers; {symbols}; {} blank",
                i.column,
                thousands(i.numbers),
                thousands(i.blank)
            );
            if i.other > 0 {
                let _ = write!(
                    line,
                    "; {} cells neither (a measure reading them is refused)",
                    thousands(i.other)
                );
            }
            let _ = writeln!(o, "{line}");
        }
        let _ = writeln!(o, "\n{}", self.snippet());
        o
    }

    /// A measure to start from, as commented YAML.
    pub fn snippet(&self) -> String {
        let mut o = String::new();
        let Some(indicator) = self.indicators.first() else {
            let _ = writeln!(
                o,
                "# No indicator column found, so no measure to start from."
            );
            return o;
        };
        let file_name = Path::new(&self.file)
            .file_name()
            .map_or_else(|| self.file.clone(), |f| f.to_string_lossy().into_owned());
        let mut filters = Vec::new();
        let mut unsure = Vec::new();
        for f in &self.filters {
            if let Some((value, is_total)) = total(f) {
                filters.push(format!("{}: {}", yaml(&f.column), yaml(value)));
                if !is_total {
                    unsure.push(f.column.as_str());
                }
            }
        }
        let filters = if filters.is_empty() {
            String::new()
        } else {
            format!(", filters: {{ {} }}", filters.join(", "))
        };
        let find = |h: &str| self.levels.iter().find(|l| l.hearth == Some(h));
        let own = find("local-authority")
            .or_else(|| find("regional"))
            .and_then(|l| Some((l, l.areas.iter().find(|(c, _)| !c.is_empty())?)));
        let unit = if indicator.column.contains("10000") || indicator.column.contains("10k") {
            "rate-per-10000"
        } else if indicator.column.contains("percent") || indicator.column.ends_with("_pc") {
            "percent"
        } else {
            "count"
        };
        let source = format!(
            "dfe: data/{}, indicator: {}",
            yaml(&file_name),
            yaml(&indicator.column)
        );
        let _ = writeln!(
            o,
            "# A measure to start from: save it as metrics/MEASURE.yaml, put {file_name} in metrics/data/,"
        );
        let _ = writeln!(
            o,
            "# write the title, definition and polarity, then run hearth check."
        );
        let others: Vec<&str> = self
            .indicators
            .iter()
            .skip(1)
            .map(|i| i.column.as_str())
            .collect();
        if !others.is_empty() {
            let _ = writeln!(o, "# Other indicators: {}.", others.join(", "));
        }
        if !unsure.is_empty() {
            let _ = writeln!(
                o,
                "# No total found for {}: the first value is used; choose the one you mean.",
                unsure.join(", ")
            );
        }
        let _ = writeln!(
            o,
            "id: {}",
            indicator.column.replace('_', "-").to_ascii_lowercase()
        );
        let _ = writeln!(o, "title: {}", yaml(&indicator.column));
        let _ = writeln!(
            o,
            "unit: {unit}  # count, percent, rate-per-10000, weeks, months, years, gbp-per-week, gbp or ratio"
        );
        let _ = writeln!(
            o,
            "polarity: neutral  # or higher-is-better, lower-is-better"
        );
        let _ = writeln!(o, "definition: Say what the figure counts, in plain words.");
        let _ = writeln!(o, "source:\n  publisher: Department for Education");
        match own {
            Some((level, (code, name))) => {
                let _ = writeln!(
                    o,
                    "# {code} is {name}, the first {} in the file: write your council's code\n# (hearth import {} --level {} lists them).",
                    level.name.to_ascii_lowercase(),
                    self.file,
                    level.hearth.unwrap_or("local-authority")
                );
                let _ = writeln!(
                    o,
                    "series: {{ {source}, level: {}, code: {}{filters} }}",
                    level.hearth.unwrap_or("local-authority"),
                    yaml(code)
                );
                if find("national").is_some() {
                    let _ = writeln!(
                        o,
                        "comparators:\n  - id: england\n    label: England\n    kind: england"
                    );
                    let _ = writeln!(o, "    series: {{ {source}, level: national{filters} }}");
                }
            }
            None => {
                let _ = writeln!(o, "series: {{ {source}, level: national{filters} }}");
            }
        }
        o
    }

    /// The report as JSON.
    pub fn json(&self) -> String {
        let mut text = serde_json::to_string_pretty(self).unwrap_or_else(|e| format!("{e}"));
        text.push('\n');
        text
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn helpers() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(1234567), "1,234,567");
        assert_eq!(thousands(123), "123");
        assert_eq!(yaml("Total"), "Total");
        assert_eq!(yaml("Looked after: 1 year"), "\"Looked after: 1 year\"");
        assert_eq!(yaml("yes"), "\"yes\"");
        assert_eq!(yaml(""), "\"\"");
    }
}

//! A market table's rows read from Ofsted's provider-level list of children's social care
//! providers (the official statistics "Children's social care in England": one row per
//! registered provider, with its URN, provider type, sector, local authority, region, number
//! of registered places and latest judgement):
//!
//! ```yaml
//! columns: [{ id: homes, label: Homes }, { id: places, label: Places }]
//! rows: { ofsted: data/providers.csv, local_authority: Northbrook, by: provider-type,
//!         values: [providers, places], provider_types: [Children's home], total: All homes }
//! ```
//!
//! The file is streamed record by record with the `csv` crate; the providers in the local
//! authority named (and of the provider types named, if any) are grouped by provider type,
//! sector or judgement, and each group becomes a row `{ label, values }`: the number of
//! providers (rows of the file) and the sum of their registered places, in the order the
//! mapping's `values` gives. So the model never knows the difference, and a problem with a row
//! is reported at the file's row and column.
//!
//! Nothing is invented: a provider whose group cell is blank is counted in a row labelled
//! [`NOT_GIVEN`] (never "Not yet inspected" unless the file says so), and a group in which any
//! provider's places cell is blank has its places published as `x` (not available), not as a
//! sum of the others.

use std::collections::{BTreeMap, BTreeSet};

use hearth_model::validate::closest;

use super::csvimport::CsvSource;
use super::statfile::{StatFile, at_cell, next_row, unknown_field};
use super::yaml::{Mapping, Value};
use super::{Folder, SourceFile};
use crate::diag::{Diagnostic, Location};

/// The fields of an `ofsted:` mapping.
const FIELDS: &[&str] = &[
    "ofsted",
    "local_authority",
    "by",
    "values",
    "provider_types",
    "total",
];

/// The label of the row counting providers whose cell for the grouping is blank.
pub const NOT_GIVEN: &str = "Not given in Ofsted's list";

/// The judgements in the order a reader expects them; others follow alphabetically.
const JUDGEMENTS: &[&str] = &[
    "Outstanding",
    "Good",
    "Requires improvement to be good",
    "Inadequate",
];

/// The most names listed in a hint.
const MAX_LISTED: usize = 40;

/// At most this many row problems are reported for one file.
const MAX_ROW_ERRORS: usize = 20;

/// A column the reader uses: its role and the names the file may give it (matched ignoring
/// case and surrounding spaces).
struct Wanted {
    role: &'static str,
    names: &'static [&'static str],
}

const PROVIDER_TYPE: Wanted = Wanted {
    role: "provider type",
    names: &["Provider type"],
};
const SECTOR: Wanted = Wanted {
    role: "sector",
    names: &["Sector"],
};
const LOCAL_AUTHORITY: Wanted = Wanted {
    role: "local authority",
    names: &["Local authority"],
};
const PLACES: Wanted = Wanted {
    role: "registered places",
    names: &["Number of registered places", "Registered places"],
};
const JUDGEMENT: Wanted = Wanted {
    role: "judgement",
    names: &[
        "Overall experiences and progress of children and young people",
        "Overall effectiveness",
    ],
};

/// How providers are grouped into rows.
#[derive(Clone, Copy, PartialEq, Eq)]
enum By {
    ProviderType,
    Sector,
    Judgement,
}

const BY: &[(&str, By)] = &[
    ("provider-type", By::ProviderType),
    ("sector", By::Sector),
    ("judgement", By::Judgement),
];

/// What each value of a row holds.
#[derive(Clone, Copy, PartialEq, Eq)]
enum What {
    /// The number of providers (rows of the file) in the group.
    Providers,
    /// The sum of their registered places.
    Places,
}

const WHAT: &[(&str, What)] = &[("providers", What::Providers), ("places", What::Places)];

/// What one `ofsted:` mapping asks for.
struct Request {
    prefix: String,
    rel: String,
    local_authority: String,
    by: By,
    values: Vec<What>,
    provider_types: Vec<String>,
    total: Option<String>,
}

/// One group of providers: how many, their places (None once a blank places cell is met) and
/// the line of its first provider.
struct Group {
    providers: u64,
    places: Option<u64>,
    line: usize,
}

/// Whether a market table's `rows:` mapping reads an Ofsted provider list.
pub fn is_ofsted(map: &Mapping) -> bool {
    map.contains_key("ofsted")
}

impl Folder {
    /// Replace a market table's `rows: { ofsted: ... }` in `value` (the YAML file `rel`) by
    /// the rows it stands for, and add a total row if the mapping asks for one. Returns where
    /// the rows came from, and whether anything was wrong.
    pub(crate) fn expand_ofsted(
        &mut self,
        file: &SourceFile,
        rel: &str,
        value: &mut Value,
    ) -> (Vec<CsvSource>, bool) {
        let Some(Value::Mapping(map)) = value.get("rows") else {
            return (Vec::new(), false);
        };
        if !is_ofsted(map) {
            return (Vec::new(), false);
        }
        let map = map.clone();
        let columns = match value.get("columns") {
            Some(Value::Sequence(c)) => Some(c.len()),
            _ => None,
        };
        let has_total = value.get("total").is_some();
        let read = self
            .ofsted_request(file, rel, "rows", &map, columns, has_total)
            .and_then(|req| self.ofsted_rows(file, &req).map(|r| (req, r)));
        let Value::Mapping(table) = value else {
            return (Vec::new(), true);
        };
        match read {
            Some((req, (items, total, source))) => {
                table.insert("rows".into(), Value::Sequence(items));
                if let (Some(label), Some(values)) = (req.total, total) {
                    let mut row = Mapping::new();
                    row.insert("label".into(), Value::String(label));
                    row.insert("values".into(), Value::Sequence(values));
                    table.insert("total".into(), Value::Mapping(row));
                }
                (vec![source], false)
            }
            None => {
                table.insert("rows".into(), Value::Sequence(Vec::new()));
                (Vec::new(), true)
            }
        }
    }

    /// Read the provider list and group it: the rows, the total row's values, and where the
    /// rows came from; or None once what is wrong is reported.
    #[allow(clippy::type_complexity)]
    fn ofsted_rows(
        &mut self,
        file: &SourceFile,
        req: &Request,
    ) -> Option<(Vec<Value>, Option<Vec<Value>>, CsvSource)> {
        let display = self.sources.display(&req.rel);
        let located = |line: u64, column: usize, field: String, message: String| {
            at_cell(&display, line, column, field, message)
        };
        let StatFile { mut reader, header } = self.open_stat_file(&req.rel, &req.prefix)?;
        let mut wanted = vec![&LOCAL_AUTHORITY, &PROVIDER_TYPE];
        match req.by {
            By::ProviderType => {}
            By::Sector => wanted.push(&SECTOR),
            By::Judgement => wanted.push(&JUDGEMENT),
        }
        if req.values.contains(&What::Places) {
            wanted.push(&PLACES);
        }
        let mut found = Vec::new();
        let mut missing = false;
        for w in &wanted {
            match find(&header, w) {
                Some(c) => found.push((w.role, c)),
                None => {
                    missing = true;
                    self.diagnostics
                        .push(missing_column(file, &req.prefix, &display, &header, w));
                }
            }
        }
        if missing {
            return None;
        }
        let column = |role: &str| found.iter().find(|(r, _)| *r == role).map(|(_, c)| *c);
        let (la_col, type_col) = (found[0].1, found[1].1);
        let group_col = found.get(2).filter(|_| req.by != By::ProviderType);
        let group_col = group_col.map_or(type_col, |(_, c)| *c);
        let places_col = column(PLACES.role);
        let mut groups: BTreeMap<String, Group> = BTreeMap::new();
        let mut authorities = BTreeSet::new();
        let mut types_seen = BTreeSet::new();
        let mut in_area = false;
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
            let authority = get(la_col);
            let kind = get(type_col);
            if types_seen.len() < MAX_LISTED {
                types_seen.insert(kind.to_string());
            }
            if !authority.eq_ignore_ascii_case(&req.local_authority) {
                if authorities.len() < 10 * MAX_LISTED {
                    authorities.insert(authority.to_string());
                }
                continue;
            }
            in_area = true;
            if !req.provider_types.is_empty()
                && !req
                    .provider_types
                    .iter()
                    .any(|t| t.eq_ignore_ascii_case(kind))
            {
                continue;
            }
            let places = match places_col {
                None => Some(0),
                Some(c) => {
                    let text = get(c);
                    if text.is_empty() {
                        None
                    } else {
                        match whole(text) {
                            Some(n) => Some(n),
                            None => {
                                errors += 1;
                                if errors <= MAX_ROW_ERRORS {
                                    self.diagnostics.push(
                                        located(
                                            line,
                                            c + 1,
                                            req.prefix.clone(),
                                            format!(
                                                "\"{text}\" in `{}` is not a number of places",
                                                header[c]
                                            ),
                                        )
                                        .with_expected("a whole number, such as 4, or a blank cell")
                                        .with_hint("correct the cell as Ofsted published it; a blank cell makes the group's places not available (x)"),
                                    );
                                }
                                continue;
                            }
                        }
                    }
                }
            };
            let label = match get(group_col) {
                "" => NOT_GIVEN.to_string(),
                l => l.to_string(),
            };
            let group = groups.entry(label).or_insert(Group {
                providers: 0,
                places: Some(0),
                line: line as usize,
            });
            group.providers += 1;
            group.places = match (group.places, places) {
                (Some(a), Some(b)) => Some(a + b),
                _ => None,
            };
        }
        if errors > 0 {
            return None;
        }
        if !in_area {
            let hint = match closest(&req.local_authority, authorities.iter().map(String::as_str)) {
                Some(n) => format!("did you mean `{n}`?"),
                None => {
                    "write the local authority as the file's `Local authority` column does".into()
                }
            };
            self.diagnostics.push(
                field_error(
                    file,
                    &format!("{}.local_authority", req.prefix),
                    format!(
                        "no provider in {display} is in the local authority `{}`",
                        req.local_authority
                    ),
                )
                .with_expected(format!(
                    "one of: {}",
                    list(authorities.iter().map(String::as_str))
                ))
                .with_hint(hint)
                .with_source(&file.text),
            );
            return None;
        }
        for (i, t) in req.provider_types.iter().enumerate() {
            if !types_seen.iter().any(|s| s.eq_ignore_ascii_case(t)) {
                let hint = match closest(t, types_seen.iter().map(String::as_str)) {
                    Some(n) => format!("did you mean `{n}`?"),
                    None => "use one of the provider types listed".into(),
                };
                self.diagnostics.push(
                    field_error(
                        file,
                        &format!("{}.provider_types[{i}]", req.prefix),
                        format!("no provider in {display} has the provider type `{t}`"),
                    )
                    .with_expected(format!(
                        "one of: {}",
                        list(types_seen.iter().map(String::as_str))
                    ))
                    .with_hint(hint)
                    .with_source(&file.text),
                );
                errors += 1;
            }
        }
        if errors > 0 {
            return None;
        }
        if groups.is_empty() {
            self.diagnostics.push(
                field_error(
                    file,
                    &format!("{}.provider_types", req.prefix),
                    format!(
                        "no provider in `{}` has any of the provider types named",
                        req.local_authority
                    ),
                )
                .with_expected("at least one provider in the local authority of a type named")
                .with_hint(
                    "name a provider type the local authority has, or leave out `provider_types:`",
                )
                .with_source(&file.text),
            );
            return None;
        }
        let mut order: Vec<(&String, &Group)> = groups.iter().collect();
        order.sort_by_key(|(label, _)| rank(req.by, label));
        let cell = |what: What, providers: u64, places: Option<u64>| match what {
            What::Providers => Value::Number(providers.into()),
            What::Places => places.map_or(Value::String("x".into()), |p| Value::Number(p.into())),
        };
        let mut items = Vec::new();
        let mut lines = Vec::new();
        let (mut all_providers, mut all_places) = (0u64, Some(0u64));
        for (label, g) in &order {
            let mut row = Mapping::new();
            row.insert("label".into(), Value::String((*label).clone()));
            row.insert(
                "values".into(),
                Value::Sequence(
                    req.values
                        .iter()
                        .map(|w| cell(*w, g.providers, g.places))
                        .collect(),
                ),
            );
            items.push(Value::Mapping(row));
            lines.push(g.line);
            all_providers += g.providers;
            all_places = all_places.zip(g.places).map(|(a, b)| a + b);
        }
        let total = req.total.as_ref().map(|_| {
            req.values
                .iter()
                .map(|w| cell(*w, all_providers, all_places))
                .collect()
        });
        Some((
            items,
            total,
            CsvSource {
                prefix: req.prefix.clone(),
                display,
                lines,
                columns: vec![
                    ("label".into(), group_col + 1),
                    ("values".into(), places_col.unwrap_or(group_col) + 1),
                ],
            },
        ))
    }

    /// Check the fields of an `ofsted:` mapping at `prefix`; `columns` is how many columns the
    /// table has and `has_total` whether it writes its own total row.
    fn ofsted_request(
        &mut self,
        file: &SourceFile,
        rel: &str,
        prefix: &str,
        map: &Mapping,
        columns: Option<usize>,
        has_total: bool,
    ) -> Option<Request> {
        let mut ok = true;
        let error = |this: &mut Folder, key: &str, message: String, expected: &str| {
            this.diagnostics.push(
                field_error(file, &format!("{prefix}.{key}"), message)
                    .with_expected(expected)
                    .with_source(&file.text),
            );
        };
        let text = |v: &Value| match v {
            Value::String(s) => Some(s.trim().to_string()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        };
        let (mut path, mut authority, mut by, mut total) = (None, None, None, None);
        let mut values = Vec::new();
        let mut values_given = false;
        let mut provider_types = Vec::new();
        for (k, v) in map {
            let key = k.as_str().unwrap_or("");
            match key {
                "ofsted" | "local_authority" | "total" => match text(v) {
                    Some(t) if !t.is_empty() => match key {
                        "ofsted" => path = Some(t),
                        "local_authority" => authority = Some(t),
                        _ => total = Some(t),
                    },
                    _ => {
                        ok = false;
                        error(
                            self,
                            key,
                            format!("`{key}` must be text"),
                            match key {
                                "ofsted" => {
                                    "the path of the provider list, such as data/ofsted-providers.csv"
                                }
                                "local_authority" => {
                                    "the local authority as the file writes it, such as Northbrook"
                                }
                                _ => "the total row's label, such as All registered homes",
                            },
                        )
                    }
                },
                "by" => match text(v)
                    .as_deref()
                    .and_then(|t| BY.iter().find(|(n, _)| *n == t))
                {
                    Some((_, b)) => by = Some(*b),
                    None => {
                        let written = text(v).unwrap_or_default();
                        let hint = match closest(&written, BY.iter().map(|(n, _)| *n)) {
                            Some(n) => format!("did you mean `{n}`?"),
                            None => "choose how the providers are grouped into rows".into(),
                        };
                        ok = false;
                        self.diagnostics.push(
                            field_error(
                                file,
                                &format!("{prefix}.by"),
                                format!("unknown grouping `{written}`"),
                            )
                            .with_expected("provider-type, sector or judgement")
                            .with_hint(hint)
                            .with_source(&file.text),
                        );
                    }
                },
                "values" | "provider_types" => {
                    let items: Option<Vec<String>> = match v {
                        Value::Sequence(s) => s.iter().map(text).collect(),
                        other => text(other).map(|t| vec![t]),
                    };
                    let Some(items) = items else {
                        ok = false;
                        error(
                            self,
                            key,
                            format!("`{key}` must be a list of words"),
                            if key == "values" {
                                "for example `values: [providers, places]`"
                            } else {
                                "for example `provider_types: [Children's home]`"
                            },
                        );
                        continue;
                    };
                    if key == "provider_types" {
                        provider_types = items;
                        continue;
                    }
                    values_given = true;
                    for (i, item) in items.iter().enumerate() {
                        match WHAT.iter().find(|(n, _)| n == item) {
                            Some((_, w)) => values.push(*w),
                            None => {
                                let hint = match closest(item, WHAT.iter().map(|(n, _)| *n)) {
                                    Some(n) => format!("did you mean `{n}`?"),
                                    None => "name what each of the table's columns holds".into(),
                                };
                                ok = false;
                                self.diagnostics.push(
                                    field_error(
                                        file,
                                        &format!("{prefix}.values[{i}]"),
                                        format!("unknown value `{item}`"),
                                    )
                                    .with_expected(
                                        "providers (how many) or places (their registered places)",
                                    )
                                    .with_hint(hint)
                                    .with_source(&file.text),
                                );
                            }
                        }
                    }
                }
                _ => {
                    ok = false;
                    self.diagnostics
                        .push(unknown_field(file, prefix, key, FIELDS));
                }
            }
        }
        for (key, given, example) in [
            (
                "local_authority",
                authority.is_some(),
                "`local_authority: Northbrook`, as the file's `Local authority` column writes it",
            ),
            (
                "by",
                by.is_some(),
                "`by: provider-type`, `by: sector` or `by: judgement`",
            ),
            (
                "values",
                values_given,
                "`values: [providers, places]`: what each of the table's columns holds",
            ),
        ] {
            let written = map.contains_key(key);
            if !given && !written {
                ok = false;
                self.diagnostics.push(
                    field_error(file, prefix, format!("`{key}:` is missing"))
                        .with_expected(example)
                        .with_source(&file.text),
                );
            }
        }
        if values_given
            && ok
            && let Some(n) = columns
            && n != values.len()
        {
            ok = false;
            self.diagnostics.push(
                field_error(
                    file,
                    &format!("{prefix}.values"),
                    format!(
                        "`values` names {} value{} but the table has {n} column{}",
                        values.len(),
                        if values.len() == 1 { "" } else { "s" },
                        if n == 1 { "" } else { "s" }
                    ),
                )
                .with_expected("one of providers or places for each column, in column order")
                .with_source(&file.text),
            );
        }
        if total.is_some() && has_total {
            ok = false;
            self.diagnostics.push(
                field_error(
                    file,
                    &format!("{prefix}.total"),
                    "the table writes its own `total:` row as well".into(),
                )
                .with_expected("one total row")
                .with_hint("remove the table's `total:`, or this `total:` of the provider list")
                .with_source(&file.text),
            );
        }
        let rel = self.csv_file(file, rel, prefix, &path?, "ofsted")?;
        ok.then(|| Request {
            prefix: prefix.to_string(),
            rel,
            local_authority: authority.unwrap_or_default(),
            by: by.unwrap_or(By::ProviderType),
            values,
            provider_types,
            total,
        })
    }
}

/// The column of `header` with one of `w`'s names, ignoring case.
fn find(header: &[String], w: &Wanted) -> Option<usize> {
    w.names
        .iter()
        .find_map(|n| header.iter().position(|h| h.eq_ignore_ascii_case(n)))
}

/// A count of places: a whole number, perhaps with thousands commas.
fn whole(text: &str) -> Option<u64> {
    match hearth_model::content::figure::parse_grouped(text) {
        Some((v, 0)) if (0.0..1e15).contains(&v) => Some(v as u64),
        _ => None,
    }
}

/// Where a row goes: judgements in the order of [`JUDGEMENTS`], then other labels
/// alphabetically, then [`NOT_GIVEN`].
fn rank(by: By, label: &str) -> (usize, String) {
    if label == NOT_GIVEN {
        return (usize::MAX, String::new());
    }
    let known = match by {
        By::Judgement => JUDGEMENTS
            .iter()
            .position(|j| j.eq_ignore_ascii_case(label)),
        _ => None,
    };
    (known.unwrap_or(JUDGEMENTS.len()), label.to_lowercase())
}

/// The error for a column the file does not have.
fn missing_column(
    file: &SourceFile,
    prefix: &str,
    display: &str,
    header: &[String],
    w: &Wanted,
) -> Diagnostic {
    let near = closest(
        &w.names[0].to_lowercase(),
        header.iter().map(String::as_str),
    );
    let hint = match near {
        Some(n) => format!("did you mean `{n}`? Rename the column to `{}`", w.names[0]),
        None => format!(
            "the column holding the {} must be called `{}`",
            w.role, w.names[0]
        ),
    };
    field_error(
        file,
        &format!("{prefix}.ofsted"),
        format!(
            "{display} has no column `{}` (the {})",
            w.names.join("` or `"),
            w.role
        ),
    )
    .with_expected(format!(
        "one of the columns: {}",
        list(header.iter().map(String::as_str))
    ))
    .with_hint(hint)
    .with_source(&file.text)
}

/// At most [`MAX_LISTED`] names, in backquotes.
fn list<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.take(MAX_LISTED).map(|n| format!("`{n}`")).collect();
    names.join(", ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn places_and_order() {
        assert_eq!(whole("1,204"), Some(1204));
        assert_eq!(whole("4"), Some(4));
        assert_eq!(whole("4.5"), None);
        assert_eq!(whole("-2"), None);
        assert_eq!(whole("four"), None);
        let mut labels = vec![
            NOT_GIVEN,
            "Inadequate",
            "Good",
            "Not yet inspected",
            "Outstanding",
        ];
        labels.sort_by_key(|l| rank(By::Judgement, l));
        assert_eq!(
            labels,
            [
                "Outstanding",
                "Good",
                "Inadequate",
                "Not yet inspected",
                NOT_GIVEN
            ]
        );
    }
}

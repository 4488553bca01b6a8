//! Open data as a whole: a CSV on the Web metadata file beside every CSV the site writes
//! (W3C "Metadata Vocabulary for Tabular Data"), and `/data/`, the page listing every data
//! file. Both are made from the files already written, not from a list kept by hand, so a new
//! CSV or JSON file gets its metadata and its line on the page without anything else changing.
//!
//! The metadata is read off the CSV's own text: the header gives each column's `titles`
//! (exactly) and `name` (a safe identifier), the cells give its `datatype`. The file's title
//! and description come from [`about`]: the content's own title for a measure, breakdown,
//! scenario or market table, a fixed sentence for the site's other files, else the file name.

use std::collections::{BTreeMap, BTreeSet};

use hearth_model::Content;
use serde::Serialize;
use serde_json::{Map, Value, json};

use super::site::Site;

/// The folder every data file is written under.
pub const DATA: &str = "data/";
/// What a CSV's metadata file adds to its name: `actions.csv` -> `actions.csv-metadata.json`
/// (the name CSVW processors look for first).
pub const METADATA: &str = "-metadata.json";

/// Write the metadata of every CSV written so far, then the `/data/` page. Runs after every
/// part of the site has written its data files.
pub fn render(site: &mut Site<'_>) {
    let csvs: Vec<String> = site
        .out
        .keys()
        .filter(|p| p.ends_with(".csv"))
        .cloned()
        .collect();
    for path in csvs {
        let Some(text) = site
            .out
            .get(&path)
            .map(|b| String::from_utf8_lossy(b).into_owned())
        else {
            continue;
        };
        let meta = metadata_about(site.c, &path, &text, site_about(site, &path));
        site.json(&format!("{path}{METADATA}"), &meta);
    }
    let view = listing(site);
    site.page("data/index.html", "data.html", "data", &view);
}

/// A data file's title and what it holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct About {
    pub title: String,
    pub description: Option<String>,
}

/// The title and description of the data file at `path` (`data/actions.csv`): from the
/// content where the file is one of its measures, breakdowns, scenarios or market tables,
/// from a fixed sentence for the site's own files, else the file's name in words.
pub fn about(c: &Content, path: &str) -> About {
    let rel = path.strip_prefix(DATA).unwrap_or(path);
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    let known = |title: &str, description: &str| About {
        title: title.to_string(),
        description: Some(description.to_string()),
    };
    let titled = |title: Option<&str>, description: String| {
        title.map(|t| About {
            title: t.to_string(),
            description: Some(description),
        })
    };
    let found = match stem.split_once('/') {
        None => match stem {
            "actions" => Some(known(
                "Delivery plan: actions",
                "Every action in the delivery plan, one a row: its workstream, priorities, owners, status, rating and timescale.",
            )),
            "workstreams" => Some(known(
                "Delivery plan: workstreams",
                "Every workstream of the delivery plan, one a row, with its table where the plan gives one.",
            )),
            "priorities" => Some(known(
                "Priorities",
                "Every priority of the strategy, one a row, with its aims, commitments, measures, actions and table where the strategy gives them.",
            )),
            "metrics" => Some(known(
                "Measures",
                "Every measure with its definition, source, figures by period, targets and comparators.",
            )),
            "commitments" => Some(known(
                "Commitments",
                "The strategy's commitments, one a row, with their due dates, owners, status, priorities and measures where the strategy gives them.",
            )),
            "previous" => Some(known(
                "Looking back: the previous strategy",
                "What the strategy before this one committed to, one a row, with its outcome and evidence where the content gives them.",
            )),
            "market" => Some(known(
                "Market position statement",
                "The whole market position statement: its tables, asks, intentions, routes and glossary.",
            )),
            _ => None,
        },
        Some(("metrics", id)) => titled(
            c.metrics
                .iter()
                .find(|m| m.id == id)
                .map(|m| m.title.as_str()),
            "The measure's figures by period, with its targets and comparators where it has them.".into(),
        ),
        Some(("breakdowns", id)) => match id.strip_suffix("-trend") {
            Some(table) => c.breakdowns.iter().find(|b| b.id == table).map(|b| About {
                title: format!("{}: over time", b.title),
                description: Some("The breakdown's subject over time.".into()),
            }),
            None => titled(
                c.breakdowns
                    .iter()
                    .find(|b| b.id == id)
                    .map(|b| b.title.as_str()),
                "The breakdown's figures, one row for each of its rows.".into(),
            ),
        },
        Some(("scenarios", id)) => titled(
            c.scenarios
                .iter()
                .find(|s| s.id == id)
                .map(|s| s.title.as_str()),
            "The scenario's published forecast: its results at the assumptions the council published.".into(),
        ),
        Some(("market", name)) => match name {
            "asks" => Some(known(
                "What we want from providers",
                "The market position statement's asks of providers, one a row.",
            )),
            "intentions" => Some(known(
                "Commissioning intentions: targets",
                "The market position statement's commissioning intentions and their targets.",
            )),
            "glossary" => Some(known(
                "Glossary",
                "The terms the market position statement uses, with their definitions.",
            )),
            "timeline" => Some(known(
                "Procurement timeline",
                "The market position statement's procurement milestones, one a row.",
            )),
            "routes" => Some(known(
                "Purchasing routes and lots",
                "The ways the council buys placements, and their lots.",
            )),
            "providers" => Some(known(
                "Providers on each route and lot",
                "The counts of providers the market position statement gives for its purchasing routes and lots, one count a row.",
            )),
            id => {
                // A table's figures over time are `<table id>-trend.csv`.
                let (id, trend) = match id.strip_suffix("-trend") {
                    Some(table) => (table, true),
                    None => (id, false),
                };
                let table = c
                    .market
                    .as_ref()
                    .and_then(|m| m.tables.iter().find(|t| t.id == id));
                table.map(|t| {
                    if trend {
                        About {
                            title: format!("{}: over time", t.title),
                            description: Some(
                                "A table of the market position statement: its figures over time."
                                    .into(),
                            ),
                        }
                    } else {
                        About {
                            title: t.title.clone(),
                            description: Some(
                                "A table of the market position statement, as published on its page."
                                    .into(),
                            ),
                        }
                    }
                })
            }
        },
        Some(_) => None,
    };
    found.unwrap_or_else(|| About {
        title: words(rel),
        description: None,
    })
}

/// A file name in words, for a data file [`about`] does not know: `market/foo-bar.csv` is
/// "Market: foo bar".
fn words(rel: &str) -> String {
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    let text = stem.replace(['-', '_'], " ").replace('/', ": ");
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The type of a column, read from its cells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Datatype {
    Integer,
    Decimal,
    Date,
    String,
}

impl Datatype {
    pub fn name(self) -> &'static str {
        match self {
            Datatype::Integer => "integer",
            Datatype::Decimal => "decimal",
            Datatype::Date => "date",
            Datatype::String => "string",
        }
    }

    /// Whether a cell is a value of this type (the lexical forms CSVW processors accept).
    pub fn accepts(self, cell: &str) -> bool {
        match self {
            Datatype::Integer => is_integer(cell),
            Datatype::Decimal => is_decimal(cell),
            Datatype::Date => is_date(cell),
            Datatype::String => true,
        }
    }
}

/// One column's description: its type, and the markers that stand for no value in a column
/// of numbers (besides the empty cell).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnType {
    pub datatype: Datatype,
    pub markers: Vec<String>,
}

/// The type of a column from its cells. Empty cells say nothing. Whole numbers are
/// `integer`, other numbers `decimal`, dates written YYYY-MM-DD `date`. A column of numbers
/// with a few short markers among them (a withheld count's `c`, the flags `x`, `z`, `low`,
/// `[c]`) keeps its number type and lists the markers, so a program reads a marker as no
/// value; any other text makes the column `string`.
pub fn column_type<'a>(cells: impl IntoIterator<Item = &'a str>) -> ColumnType {
    let cells: Vec<&str> = cells.into_iter().filter(|c| !c.is_empty()).collect();
    let string = ColumnType {
        datatype: Datatype::String,
        markers: Vec::new(),
    };
    if cells.is_empty() {
        return string;
    }
    if cells.iter().all(|c| is_date(c)) {
        return ColumnType {
            datatype: Datatype::Date,
            markers: Vec::new(),
        };
    }
    let (numbers, others): (Vec<&str>, Vec<&str>) = cells.iter().partition(|c| is_decimal(c));
    if numbers.is_empty() {
        return string;
    }
    let markers: BTreeSet<&str> = others.iter().copied().collect();
    if markers.len() > 3 || !markers.iter().all(|m| is_marker(m)) {
        return string;
    }
    ColumnType {
        datatype: if numbers.iter().all(|c| is_integer(c)) {
            Datatype::Integer
        } else {
            Datatype::Decimal
        },
        markers: markers.into_iter().map(String::from).collect(),
    }
}

/// `12`, `-3`, `+7`: xsd:integer's lexical form.
fn is_integer(s: &str) -> bool {
    let digits = s.strip_prefix(['-', '+']).unwrap_or(s);
    !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
}

/// `12`, `-3.5`, `.5`, `5.`: xsd:decimal's lexical form (no exponent, no `NaN`).
fn is_decimal(s: &str) -> bool {
    let body = s.strip_prefix(['-', '+']).unwrap_or(s);
    let (whole, fraction) = body.split_once('.').unwrap_or((body, ""));
    (!whole.is_empty() || !fraction.is_empty())
        && whole.bytes().all(|b| b.is_ascii_digit())
        && fraction.bytes().all(|b| b.is_ascii_digit())
}

/// `2024-03-31`: a real date in xsd:date's form (no time zone).
fn is_date(s: &str) -> bool {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return false;
    }
    let number = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = &s[r];
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(0..4), number(5..7), number(8..10)) else {
        return false;
    };
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// A marker in a column of numbers: one to three lower-case letters or symbols, bare or in
/// square brackets (`c`, `x`, `z`, `low`, `[c]`, `*`, `..`). No digits, no spaces, no words
/// in capitals, so text such as "Yes" or "9-10" makes a column text.
fn is_marker(s: &str) -> bool {
    let inner = s
        .strip_prefix('[')
        .and_then(|r| r.strip_suffix(']'))
        .unwrap_or(s);
    (1..=3).contains(&inner.chars().count())
        && inner
            .chars()
            .all(|c| c.is_ascii_lowercase() || "*.:-~!'".contains(c))
}

/// A column name CSVW accepts and a program can use: the header in lower case, with every
/// run of other characters as `_` (`Children in care (%)` -> `children_in_care`); a header
/// with no letters or digits, or one starting with a digit, gets `column_N`/`c_` in front
/// (a name may not start with `_`), and a name already taken gets `_2`, `_3` ...
pub fn column_names(headers: &[String]) -> Vec<String> {
    let mut taken = BTreeSet::new();
    headers
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let mut name = String::new();
            for c in h.chars() {
                if c.is_ascii_alphanumeric() {
                    name.push(c.to_ascii_lowercase());
                } else if !name.is_empty() && !name.ends_with('_') {
                    name.push('_');
                }
            }
            let name = name.trim_end_matches('_').to_string();
            let name = if name.is_empty() {
                format!("column_{}", i + 1)
            } else if name.starts_with(|c: char| c.is_ascii_digit()) {
                format!("c_{name}")
            } else {
                name
            };
            let mut unique = name.clone();
            let mut n = 2;
            while !taken.insert(unique.clone()) {
                unique = format!("{name}_{n}");
                n += 1;
            }
            unique
        })
        .collect()
}

/// The CSVW metadata of the CSV at `path` whose text is `text`.
pub fn metadata(c: &Content, path: &str, text: &str) -> Value {
    metadata_about(c, path, text, about(c, path))
}

/// The title and description of a data file: one the site was told (a region's comparisons),
/// else [`about`].
fn site_about(site: &Site<'_>, path: &str) -> About {
    let stem = path.rsplit_once('.').map_or(path, |(s, _)| s);
    match site.data_titles.get(stem) {
        Some((title, description)) => About {
            title: title.clone(),
            description: Some(description.clone()),
        },
        None => about(site.c, path),
    }
}

/// [`metadata`] with the file's title and description given.
fn metadata_about(c: &Content, path: &str, text: &str, about: About) -> Value {
    let rows = read(text);
    let headers: Vec<String> = rows.first().cloned().unwrap_or_default();
    let body = rows.get(1..).unwrap_or_default();
    let names = column_names(&headers);
    let columns: Vec<Value> = headers
        .iter()
        .zip(&names)
        .enumerate()
        .map(|(i, (title, name))| {
            let ty = column_type(body.iter().map(|r| r.get(i).map_or("", String::as_str)));
            let mut col = json!({
                "name": name,
                "titles": title,
                "datatype": ty.datatype.name(),
                "required": false,
            });
            if !ty.markers.is_empty() {
                let mut nulls = vec![String::new()];
                nulls.extend(ty.markers);
                col["null"] = json!(nulls);
            }
            col
        })
        .collect();
    let mut schema = Map::new();
    schema.insert("columns".into(), Value::Array(columns));
    // `id` is the primary key where it names every row once.
    if let Some(i) = headers.iter().position(|h| h == "id") {
        let ids: Vec<&str> = body
            .iter()
            .map(|r| r.get(i).map_or("", String::as_str))
            .collect();
        let unique: BTreeSet<&str> = ids.iter().copied().collect();
        if !ids.iter().any(|id| id.is_empty()) && unique.len() == ids.len() {
            schema.insert("primaryKey".into(), json!(names[i]));
        }
    }
    let site = &c.site;
    let mut meta = json!({
        "@context": "http://www.w3.org/ns/csvw",
        "url": path.rsplit('/').next().unwrap_or(path),
        "dc:title": about.title,
        "dc:publisher": site.authority,
        "dialect": {
            "delimiter": ",",
            "doubleQuote": true,
            "encoding": "utf-8",
            "header": true,
            "headerRowCount": 1,
            "lineTerminators": ["\r\n"],
            "quoteChar": "\"",
        },
        "tableSchema": Value::Object(schema),
    });
    if let Some(d) = about.description {
        meta["dc:description"] = json!(d);
    }
    if let Some(l) = &site.licence {
        // The licence as site.yaml gives it: its address when it has one, else its name.
        meta["dc:license"] = match &l.url {
            Some(url) => json!({ "@id": url }),
            None => json!(l.name),
        };
    }
    meta
}

/// The rows of a CSV the site wrote (RFC 4180; the header first).
fn read(text: &str) -> Vec<Vec<String>> {
    // Building a reader compiles its state machine, which took 2% of a 153-council region's
    // build when done for every data file: each thread builds one and resets it. (Not a
    // clone of one reader: csv-core 0.1.13's `Clone` drops most of the machine.)
    thread_local! {
        static READER: std::cell::RefCell<csv_core::Reader> =
            std::cell::RefCell::new(csv_core::ReaderBuilder::new().build());
    }
    READER.with_borrow_mut(|reader| {
        reader.reset();
        records(reader, text)
    })
}

/// The records of `text` read by `reader`, from its start.
fn records(reader: &mut csv_core::Reader, text: &str) -> Vec<Vec<String>> {
    use csv_core::ReadRecordResult as R;
    let mut input = text.as_bytes();
    let mut rows = Vec::new();
    // One record's unquoted fields, and where each ends in them (from the record's start).
    let mut fields = vec![0u8; 256];
    let mut ends = vec![0usize; 32];
    let (mut used, mut count) = (0, 0);
    loop {
        let (result, read, written, ended) =
            reader.read_record(input, &mut fields[used..], &mut ends[count..]);
        input = &input[read..];
        used += written;
        count += ended;
        match result {
            // All of `text` has been given; an empty input now tells the reader it has ended.
            R::InputEmpty => {}
            R::OutputFull => fields.resize(fields.len() * 2, 0),
            R::OutputEndsFull => ends.resize(ends.len() * 2, 0),
            R::Record => {
                let mut start = 0;
                let row = ends[..count]
                    .iter()
                    .map(|&end| {
                        let field = String::from_utf8_lossy(&fields[start..end]).into_owned();
                        start = end;
                        field
                    })
                    .collect();
                rows.push(row);
                (used, count) = (0, 0);
            }
            R::End => break,
        }
    }
    rows
}

/// The `/data/` page: every data file written, under its title, with its formats.
#[derive(Debug, Serialize)]
struct DataPage {
    title: &'static str,
    files: Vec<DataFile>,
}

/// One row of the `/data/` page: the files sharing a name (`actions.csv`, `actions.json`).
#[derive(Debug, Serialize)]
struct DataFile {
    title: String,
    description: Option<String>,
    /// The downloads, CSV first, then its metadata, then JSON.
    links: Vec<DataLink>,
}

#[derive(Debug, Serialize)]
struct DataLink {
    label: &'static str,
    href: String,
}

fn listing(site: &Site<'_>) -> DataPage {
    // Files under data/, by name without the extension (the metadata goes with its CSV).
    let mut by_stem: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for path in site.out.keys() {
        if !path.starts_with(DATA) || path.ends_with(METADATA) || path.ends_with(".html") {
            continue;
        }
        let stem = path.rsplit_once('.').map_or(path.as_str(), |(s, _)| s);
        by_stem.entry(stem).or_default().push(path);
    }
    let files = by_stem
        .into_values()
        .map(|paths| {
            let first = paths
                .iter()
                .find(|p| p.ends_with(".csv"))
                .unwrap_or(&paths[0]);
            let about = site_about(site, first);
            let mut links = Vec::new();
            for p in &paths {
                if p.ends_with(".csv") {
                    links.push(DataLink {
                        label: "CSV",
                        href: p.to_string(),
                    });
                    if site.out.contains_key(&format!("{p}{METADATA}")) {
                        links.push(DataLink {
                            label: "CSV metadata (CSVW)",
                            href: format!("{p}{METADATA}"),
                        });
                    }
                }
            }
            for p in &paths {
                if !p.ends_with(".csv") {
                    links.push(DataLink {
                        label: if p.ends_with(".json") { "JSON" } else { "File" },
                        href: p.to_string(),
                    });
                }
            }
            DataFile {
                title: about.title,
                description: about.description,
                links,
            }
        })
        .collect();
    DataPage {
        title: "Open data",
        files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ty(cells: &[&str]) -> (Datatype, Vec<String>) {
        let t = column_type(cells.iter().copied());
        (t.datatype, t.markers)
    }

    /// The rows as the `csv` crate reads them (the reader [`read`] replaced).
    fn csv_crate(text: &str) -> Vec<Vec<String>> {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .records()
            .filter_map(Result::ok)
            .map(|r| r.iter().map(String::from).collect())
            .collect()
    }

    #[test]
    fn data_files_are_read_as_the_csv_crate_reads_them() {
        let long = "x".repeat(700);
        let many = vec!["1"; 100].join(",");
        for text in [
            "",
            "\n",
            "id,title\na,b\n",
            "id,title\r\na,b",
            "id,\"a \"\"quoted\"\", title\"\n\"two\nlines\",é ü\n\n,\n",
            "a,b,c\n1\n1,2,3,4\n",
            &format!("h\n{long}\n\"{long}\",{long}\n"),
            &format!("{many}\n{many}\n"),
        ] {
            assert_eq!(read(text), csv_crate(text), "{text:?}");
        }
        assert_eq!(read("a,b\n1,\n")[1], vec!["1".to_string(), String::new()]);
        // The thread's reader starts afresh each time (a read that stopped mid-record).
        assert_eq!(read("a,\"open"), csv_crate("a,\"open"));
        assert_eq!(read("x,y\n"), vec![vec!["x".to_string(), "y".to_string()]]);
    }

    #[test]
    fn types_from_cells() {
        assert_eq!(ty(&["1", "", "-20"]), (Datatype::Integer, vec![]));
        assert_eq!(ty(&["1", "2.5", ".5"]), (Datatype::Decimal, vec![]));
        assert_eq!(ty(&["2024-02-29", ""]), (Datatype::Date, vec![]));
        assert_eq!(ty(&["2023-02-29"]), (Datatype::String, vec![]));
        assert_eq!(ty(&[]), (Datatype::String, vec![]));
        assert_eq!(ty(&["", ""]), (Datatype::String, vec![]));
        assert_eq!(ty(&["1e5"]), (Datatype::String, vec![]));
        assert_eq!(ty(&["NaN", "1"]), (Datatype::String, vec![]));
        assert_eq!(ty(&["around 36", "77.3"]), (Datatype::String, vec![]));
        assert_eq!(ty(&["9-10", "3"]), (Datatype::String, vec![]));
        assert_eq!(ty(&["Yes", "3"]), (Datatype::String, vec![]));
        assert_eq!(
            ty(&["12", "c", "", "x", "c"]),
            (Datatype::Integer, vec!["c".into(), "x".into()])
        );
        assert_eq!(ty(&["1.5", "[c]"]), (Datatype::Decimal, vec!["[c]".into()]));
        assert_eq!(ty(&["c", "x"]), (Datatype::String, vec![]));
        assert_eq!(ty(&["1", "a", "b", "d", "e"]), (Datatype::String, vec![]));
    }

    #[test]
    fn names_are_safe_and_unique() {
        let h = |s: &[&str]| s.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        assert_eq!(
            column_names(&h(&[
                "id",
                "Children in care (%)",
                "2023/24",
                "",
                "ID",
                "_x"
            ])),
            [
                "id",
                "children_in_care",
                "c_2023_24",
                "column_4",
                "id_2",
                "x"
            ]
        );
    }

    #[test]
    fn metadata_of_a_csv() {
        let c = Content::default();
        let m = metadata(
            &c,
            "data/market/t.csv",
            "id,Count,When\r\na,1,2024-01-01\r\nb,c,\r\n",
        );
        assert_eq!(m["url"], "t.csv");
        assert_eq!(m["dc:title"], "Market: t");
        assert!(m.get("dc:license").is_none());
        assert_eq!(m["tableSchema"]["primaryKey"], "id");
        let cols = &m["tableSchema"]["columns"];
        assert_eq!(cols[1]["titles"], "Count");
        assert_eq!(cols[1]["datatype"], "integer");
        assert_eq!(cols[1]["null"], json!(["", "c"]));
        assert_eq!(cols[2]["datatype"], "date");
        // An id that repeats is no key.
        let m = metadata(&c, "data/x.csv", "id\r\na\r\na\r\n");
        assert!(m["tableSchema"].get("primaryKey").is_none());
    }
}

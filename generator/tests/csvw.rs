//! CSV on the Web metadata: every CSV the example and every valid fixture build (their earlier
//! editions included) has `<file>.csv-metadata.json` beside it, whose `url` names the CSV,
//! whose columns' `titles` are the CSV's header exactly and in order, whose column names are
//! safe and unique, and whose datatypes accept every cell (an empty cell, or a marker the
//! column lists as `null`, is no value). The publisher and licence are site.yaml's. The
//! `/data/` page links every data file and every metadata file.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use serde_json::{Value, json};

mod support;
use support::all_files as rendered;

fn fixtures() -> Vec<PathBuf> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut all = vec![root.join("../content")];
    let mut valid: Vec<PathBuf> = std::fs::read_dir(root.join("../tests/fixtures/valid"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    valid.sort();
    all.extend(valid);
    all
}

fn rows(text: &str) -> Vec<Vec<String>> {
    hearth::load::csv::read(text)
        .unwrap()
        .into_iter()
        .map(|r| r.cells)
        .collect()
}

/// Whether `cell` is a value of `datatype` in CSVW's (XML Schema's) lexical forms, checked
/// here on its own terms rather than with the generator's code.
fn accepts(datatype: &str, cell: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let unsigned = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    match datatype {
        "string" => true,
        "integer" => digits(unsigned),
        "decimal" => match unsigned.split_once('.') {
            None => digits(unsigned),
            Some((a, b)) => {
                (digits(a) || a.is_empty())
                    && (digits(b) || b.is_empty())
                    && !(a.is_empty() && b.is_empty())
            }
        },
        "date" => {
            let parts: Vec<&str> = cell.split('-').collect();
            parts.len() == 3
                && parts.iter().all(|p| digits(p))
                && [4, 2, 2] == [parts[0].len(), parts[1].len(), parts[2].len()]
                && cell.parse::<hearth_model::Date>().is_ok()
        }
        other => panic!("unexpected datatype {other}"),
    }
}

/// The site's folder of `path` (`editions/1.0/` for an earlier edition's file, else empty).
fn site_root(path: &str) -> String {
    match path.strip_prefix("editions/") {
        Some(rest) if rest.contains("/data/") => {
            format!("editions/{}/", rest.split('/').next().unwrap())
        }
        _ => String::new(),
    }
}

#[test]
fn every_csv_has_metadata_that_describes_it() {
    let mut checked = 0;
    for content in fixtures() {
        let name = content.display().to_string();
        let files = rendered(&content);
        let project = hearth::load::project(&content);
        let site = &project.current.content.site;
        for (path, bytes) in &files {
            if !path.ends_with(".csv") {
                continue;
            }
            // Earlier editions carry their own site.yaml; the current one is checked here.
            // (and a region's members theirs, under councils/<id>/).
            let current = !path.starts_with("editions/") && !path.starts_with("councils/");
            let at = format!("{name}: {path}");
            let meta_path = format!("{path}-metadata.json");
            let meta = files
                .get(&meta_path)
                .unwrap_or_else(|| panic!("{at}: no {meta_path}"));
            let meta: Value = serde_json::from_slice(meta).unwrap();
            assert_eq!(meta["@context"], "http://www.w3.org/ns/csvw", "{at}");
            // `url` is relative to the metadata file: it names the CSV beside it.
            let url = meta["url"].as_str().unwrap();
            let folder = meta_path.rsplit_once('/').map_or("", |(f, _)| f);
            assert_eq!(format!("{folder}/{url}"), *path, "{at}: url");
            assert!(
                meta["dc:title"].as_str().is_some_and(|t| !t.is_empty()),
                "{at}"
            );
            assert_eq!(meta["dialect"]["header"], true, "{at}");
            assert_eq!(meta["dialect"]["lineTerminators"], json!(["\r\n"]), "{at}");
            if current {
                assert_eq!(meta["dc:publisher"], json!(site.authority), "{at}");
                let licence = site.licence.as_ref().map(|l| match &l.url {
                    Some(u) => json!({ "@id": u }),
                    None => json!(l.name),
                });
                assert_eq!(meta.get("dc:license"), licence.as_ref(), "{at}: licence");
            }

            let text = String::from_utf8(bytes.clone()).unwrap();
            assert!(text.ends_with("\r\n"), "{at}: CRLF");
            let rows = rows(&text);
            let header = &rows[0];
            let columns = meta["tableSchema"]["columns"].as_array().unwrap();
            let titles: Vec<&str> = columns
                .iter()
                .map(|c| c["titles"].as_str().unwrap())
                .collect();
            assert_eq!(titles, *header, "{at}: titles");
            let mut names = BTreeSet::new();
            for (i, col) in columns.iter().enumerate() {
                let col_name = col["name"].as_str().unwrap();
                assert!(
                    col_name.starts_with(|c: char| c.is_ascii_lowercase())
                        && col_name
                            .chars()
                            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_'),
                    "{at}: column name {col_name:?}"
                );
                assert!(names.insert(col_name), "{at}: {col_name} twice");
                assert_eq!(col["required"], false, "{at}");
                let datatype = col["datatype"].as_str().unwrap();
                let nulls: Vec<&str> = match col.get("null") {
                    None => vec![""],
                    Some(v) => v
                        .as_array()
                        .unwrap()
                        .iter()
                        .map(|n| n.as_str().unwrap())
                        .collect(),
                };
                assert!(
                    nulls.contains(&""),
                    "{at}: {col_name}: empty cells are no value"
                );
                for (r, row) in rows.iter().enumerate().skip(1) {
                    let cell = row[i].as_str();
                    assert!(
                        nulls.contains(&cell) || accepts(datatype, cell),
                        "{at}: row {r}, column {col_name}: {cell:?} is not {datatype}"
                    );
                }
            }
            if let Some(key) = meta["tableSchema"].get("primaryKey") {
                let i = columns.iter().position(|c| c["name"] == *key).unwrap();
                let ids: Vec<&str> = rows[1..].iter().map(|r| r[i].as_str()).collect();
                let unique: BTreeSet<&&str> = ids.iter().collect();
                assert_eq!(unique.len(), ids.len(), "{at}: primary key {key} repeats");
            }
            checked += 1;
        }
        // No metadata without its CSV; the /data/ page of each site links every data file.
        for path in files.keys() {
            if let Some(csv) = path.strip_suffix("-metadata.json") {
                assert!(files.contains_key(csv), "{name}: {path} describes no CSV");
            }
            let root = site_root(path);
            let Some(rel) = path.strip_prefix(&format!("{root}data/")) else {
                continue;
            };
            if rel == "index.html" {
                continue;
            }
            let page = files
                .get(&format!("{root}data/index.html"))
                .unwrap_or_else(|| panic!("{name}: no {root}data/index.html"));
            let page = String::from_utf8_lossy(page).replace("&#x2f;", "/");
            assert!(
                page.contains(&format!("href=\"../data/{rel}\"")),
                "{name}: {root}data/index.html does not link {path}"
            );
        }
    }
    assert!(checked > 100, "only {checked} CSV files checked");
}

#[test]
fn a_column_of_numbers_with_withheld_cells_keeps_its_type_with_the_symbol_as_null() {
    let content = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/fixtures/valid/market-small-counts");
    let files = rendered(&content);
    let mut counts = 0;
    for (path, bytes) in &files {
        let Some(csv) = path.strip_suffix("-metadata.json") else {
            continue;
        };
        let meta: Value = serde_json::from_slice(bytes).unwrap();
        for col in meta["tableSchema"]["columns"].as_array().unwrap() {
            if col
                .get("null")
                .is_some_and(|n| n.as_array().unwrap().contains(&json!("c")))
            {
                // Counts are whole numbers; a share of a withheld count is withheld with it.
                assert!(
                    col["datatype"] == "integer" || col["datatype"] == "decimal",
                    "{csv}: {col}"
                );
                counts += usize::from(col["datatype"] == "integer");
            }
        }
    }
    assert!(
        counts > 0,
        "no column of counts with `c` in market-small-counts"
    );
}

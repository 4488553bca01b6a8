//! The disclosure corpus (`tests/fixtures/disclosure/*.yaml`): tables with known answers.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use hearth_model::market::{Suppression, Table, publish, recoverable};
use serde_yaml::Value;

struct Case {
    name: String,
    tables: Vec<Table>,
    recoverable: BTreeSet<String>,
    extra: BTreeSet<String>,
}

fn corpus() -> Vec<Case> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/disclosure");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    files.iter().map(|p| read_case(p)).collect()
}

fn read_case(path: &Path) -> Case {
    let name = path.file_stem().unwrap().to_string_lossy().into_owned();
    let doc: Value = serde_yaml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let tables = doc["tables"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|t| {
            let mut t = t.clone();
            let m = t.as_mapping_mut().unwrap();
            for (k, v) in [("title", "T"), ("as_at", "2024-03-31"), ("dimension", "D")] {
                if !m.contains_key(k) {
                    m.insert(k.into(), v.into());
                }
            }
            let mut table: Table = serde_yaml::from_value(t).unwrap();
            table.file = format!("{name}/{}.yaml", table.id);
            table
        })
        .collect();
    let set = |key: &str| -> BTreeSet<String> {
        doc["expect"][key]
            .as_sequence()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    Case {
        name,
        tables,
        recoverable: set("recoverable"),
        extra: set("extra"),
    }
}

/// The old rule, one table at a time: the warnings, and the cell each hint suggests.
fn old_engine(tables: &[Table], rule: &Suppression) -> (BTreeSet<String>, BTreeSet<String>) {
    let mut found = BTreeSet::new();
    let mut extra = BTreeSet::new();
    for t in tables {
        // Old content could say only `total: true`.
        let mut t = t.clone();
        for c in &mut t.columns {
            c.total = c.is_total();
            c.sums.clear();
        }
        let t = &t;
        for issue in recoverable(t, &publish(t, rule)) {
            found.insert(format!("{} {}", t.id, issue.place.path));
            let hint = issue.hint.unwrap_or_default();
            if let Some(at) = hint.find("value at `") {
                let rest = &hint[at + 10..];
                extra.insert(format!("{} {}", t.id, &rest[..rest.find('`').unwrap()]));
            }
        }
    }
    (found, extra)
}

fn value_of(tables: &[Table], cell: &str) -> String {
    let (id, path) = cell.split_once(' ').unwrap();
    let t = tables.iter().find(|t| t.id == id).unwrap();
    let inner = |s: &str| -> usize { s[s.find('[').unwrap() + 1..s.find(']').unwrap()].parse().unwrap() };
    let (line, col) = path.split_once(".values").unwrap();
    let row = if line == "total" {
        t.total.as_ref().unwrap()
    } else {
        &t.rows[inner(line)]
    };
    format!("{:?}", row.values[inner(col)])
}

#[test]
fn old_engine_on_the_corpus() {
    let rule = Suppression::default();
    let (mut caught, mut false_alarms, mut missed, mut zeros) = (0, 0, 0, 0);
    for case in corpus() {
        let (found, extra) = old_engine(&case.tables, &rule);
        let c = found.intersection(&case.recoverable).count();
        let f = found.difference(&case.recoverable).count();
        let m = case.recoverable.difference(&found).count();
        let z = extra
            .iter()
            .filter(|e| value_of(&case.tables, e) == "Value(0.0)")
            .count();
        println!(
            "{:40} expected {} caught {c} false {f} missed {m} suggested zeros {z}; found {found:?} suggested {extra:?}",
            case.name,
            case.recoverable.len()
        );
        caught += c;
        false_alarms += f;
        missed += m;
        zeros += z;
    }
    println!("OLD TOTAL caught {caught} false alarms {false_alarms} missed {missed} zeros suggested {zeros}");
}

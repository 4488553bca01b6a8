//! `hearth schema` and `hearth new`: the generated JSON Schemas accept every file of the
//! example content and refuse bad ones (checked with an independent validator, boon), and the
//! starter content passes `hearth check`, builds, and names its schemas for editors.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use hearth::tools::schema::{self, KINDS, Kind};
use serde_json::{Value, json};
use support::{TempDir, example_content, snapshot};

fn hearth(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Every schema, compiled by boon (which also checks each against the 2020-12 meta-schema).
struct Validator {
    schemas: boon::Schemas,
    index: BTreeMap<&'static str, boon::SchemaIndex>,
}

impl Validator {
    fn new() -> Validator {
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let mut index = BTreeMap::new();
        for kind in KINDS {
            let loc = format!("file:///hearth/schema/{}", kind.file_name());
            compiler.add_resource(&loc, kind.schema()).unwrap();
            let i = compiler
                .compile(&loc, &mut schemas)
                .unwrap_or_else(|e| panic!("{}: {e:#}", kind.name));
            index.insert(kind.name, i);
        }
        Validator { schemas, index }
    }

    fn check(&self, kind: &Kind, value: &Value) -> Result<(), String> {
        self.schemas
            .validate(value, self.index[kind.name])
            .map_err(|e| format!("{e}"))
    }
}

/// A YAML file (or a page's front matter) as the JSON a schema validates, as an editor's
/// YAML language server sees it.
fn as_json(rel: &str, source: &str) -> Value {
    let yaml = if rel.ends_with(".md") {
        hearth::load::split_front_matter(source).unwrap().0
    } else {
        source
    };
    let value: serde_yaml::Value = serde_yaml::from_str(yaml).unwrap();
    serde_json::to_value(value).unwrap()
}

/// The files of a content folder that have a schema, with their kind and JSON.
fn content_files(root: &Path) -> Vec<(String, &'static Kind, Value)> {
    snapshot(root)
        .into_iter()
        .filter_map(|(rel, bytes)| {
            let kind = schema::kind_of(&rel)?;
            let value = as_json(&rel, &text(&bytes));
            Some((rel, kind, value))
        })
        .collect()
}

#[test]
fn schemas_accept_every_file_of_the_example_content() {
    let v = Validator::new();
    let mut files = content_files(&example_content());
    // The example region's own files, region.yaml among them.
    files.extend(content_files(&example_content().join("../examples/region")));
    let mut failures = Vec::new();
    for (rel, kind, value) in &files {
        if let Err(e) = v.check(kind, value) {
            failures.push(format!("{rel} against {}: {e}", kind.file_name()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Every kind of file was tried at least once.
    for kind in KINDS {
        assert!(
            files.iter().any(|(_, k, _)| k.name == kind.name),
            "no example file for {}",
            kind.name
        );
    }
    assert!(files.len() > 40, "only {} files", files.len());
}

/// A valid example file, changed by `edit`, must be refused.
fn refused(v: &Validator, rel: &str, edit: impl FnOnce(&mut Value)) -> String {
    let path = example_content().join(rel);
    let kind = schema::kind_of(rel).unwrap();
    let mut value = as_json(rel, &fs::read_to_string(path).unwrap());
    assert!(v.check(kind, &value).is_ok(), "{rel} should start valid");
    edit(&mut value);
    match v.check(kind, &value) {
        Ok(()) => panic!("{rel} was accepted after the change: {value:#}"),
        Err(e) => e,
    }
}

#[test]
fn schemas_refuse_bad_files() {
    let v = Validator::new();
    // An action rated purple.
    let e = refused(&v, "plan/foster-care.yaml", |w| {
        w["actions"][0]["rag"] = json!("purple");
    });
    assert!(e.contains("/actions/0/rag"), "{e}");
    // A misspelt (unknown) field.
    let e = refused(&v, "plan/foster-care.yaml", |w| {
        let action = w["actions"][1].as_object_mut().unwrap();
        let q = action.remove("quality_measure").unwrap_or(json!("x"));
        action.insert("quality_measures".into(), q);
    });
    assert!(e.contains("quality_measures"), "{e}");
    // A measure without its unit.
    let e = refused(&v, "metrics/fostering-households.yaml", |m| {
        m.as_object_mut().unwrap().remove("unit");
    });
    assert!(e.contains("unit"), "{e}");
    // A unit that does not exist.
    refused(&v, "metrics/fostering-households.yaml", |m| {
        m["unit"] = json!("furlongs");
    });
    // A period that is neither text nor a year.
    refused(&v, "plan/foster-care.yaml", |w| {
        w["actions"][0]["timescale"] = json!(true);
    });
    // An edition status that does not exist.
    refused(&v, "site.yaml", |s| s["edition"]["status"] = json!("final"));
    // A table cell that is neither a number nor words (c, x, z or a text column's words;
    // which columns hold words is checked when the content is read).
    refused(&v, "market/demand/children-by-placement-type.yaml", |t| {
        t["rows"][0]["values"][0] = json!(true);
    });
    // A breakdown that is neither a table nor the one-value form.
    refused(&v, "breakdowns/gender.yaml", |b| {
        b.as_object_mut().unwrap().remove("columns");
    });
    // A formula that is a list.
    refused(&v, "scenarios/foster-sufficiency.yaml", |s| {
        s["series"][0]["start"] = json!(["metric('x')"]);
    });
    // A page whose front matter has no title.
    refused(&v, "pages/introduction.md", |p| {
        p.as_object_mut().unwrap().remove("title");
    });
    // The `file` field is the loader's, not the editor's.
    refused(&v, "metrics/fostering-households.yaml", |m| {
        m["file"] = json!("metrics/x.yaml");
    });
}

#[test]
fn schemas_accept_lists_kept_in_csv_files() {
    let v = Validator::new();
    let metric = schema::kind("metric").unwrap();
    let base = as_json(
        "metrics/fostering-households.yaml",
        &fs::read_to_string(example_content().join("metrics/fostering-households.yaml")).unwrap(),
    );
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut m = base.clone();
        edit(&mut m);
        v.check(metric, &m)
    };
    with(&|m| m["series"] = json!({ "csv": "data/x.csv", "period": "Year", "value": "Rate" }))
        .unwrap();
    with(&|m| m["comparators"][0]["series"] = json!({ "csv": "data/england.csv" })).unwrap();
    assert!(with(&|m| m["series"] = json!({ "period": "Year" })).is_err());
    assert!(with(&|m| m["series"] = json!({ "csv": "x.csv", "colour": "Red" })).is_err());
    let breakdown = schema::kind("breakdown").unwrap();
    let b = json!({
        "id": "age", "title": "Age", "as_at": 2024, "unit": "count", "dimension": "Age band",
        "rows": { "csv": "data/age.csv", "label": "Age", "value": "Children", "flag": "Flag" }
    });
    v.check(breakdown, &b).unwrap();
}

/// A series read from a DfE open data standard file (`series: { dfe: ... }`) has a typed
/// schema, so editors complete `dfe`, `indicator`, `level`, `code` and `filters`, and refuse
/// a misspelt field or a level that does not exist.
#[test]
fn schemas_complete_and_check_series_read_from_dfe_files() {
    let v = Validator::new();
    let metric = schema::kind("metric").unwrap();
    let schema = metric.schema();
    let dfe = &schema["$defs"]["DfeRows"];
    let mut fields: Vec<&str> = dfe["properties"]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    fields.sort_unstable();
    assert_eq!(fields, ["code", "dfe", "filters", "indicator", "level"]);
    assert_eq!(dfe["required"], json!(["dfe", "indicator"]));
    assert_eq!(
        dfe["properties"]["level"]["enum"],
        json!(["national", "regional", "local-authority"])
    );
    for (field, property) in dfe["properties"].as_object().unwrap() {
        assert!(
            property["description"]
                .as_str()
                .is_some_and(|d| d.len() > 20),
            "{field} has no description for editors"
        );
    }
    // The measure's own series and each comparator's may be read from a DfE file.
    let series_forms = |pointer: &str| -> Vec<Value> {
        schema.pointer(pointer).unwrap()["anyOf"]
            .as_array()
            .unwrap()
            .clone()
    };
    for pointer in ["/properties/series", "/$defs/Comparator/properties/series"] {
        assert!(
            series_forms(pointer).contains(&json!({ "$ref": "#/$defs/DfeRows" })),
            "{pointer}"
        );
    }
    let base = as_json(
        "metrics/fostering-households.yaml",
        &fs::read_to_string(example_content().join("metrics/fostering-households.yaml")).unwrap(),
    );
    let with = |edit: &dyn Fn(&mut Value)| {
        let mut m = base.clone();
        edit(&mut m);
        v.check(metric, &m)
    };
    let series = json!({ "dfe": "data/cla.csv", "indicator": "number", "level": "local-authority",
                         "code": "E06000016", "filters": { "characteristic": "Total", "age": 16 } });
    with(&|m| m["series"] = series.clone()).unwrap();
    with(&|m| {
        m["comparators"][0]["series"] = json!({ "dfe": "data/cla.csv", "indicator": "rate" })
    })
    .unwrap();
    let misspelt = with(&|m| m["series"] = json!({ "dfe": "a.csv", "indicater": "number" }));
    assert!(misspelt.is_err());
    assert!(
        with(&|m| m["series"] = json!({ "dfe": "a.csv", "indicator": "n", "level": "county" }))
            .is_err()
    );
    assert!(with(&|m| m["series"] = json!({ "dfe": "a.csv" })).is_err());
    assert!(
        with(
            &|m| m["series"] = json!({ "dfe": "a.csv", "indicator": "n", "filters": { "a": [1] } })
        )
        .is_err()
    );
}

#[test]
fn schema_command_lists_prints_and_writes_the_schemas() {
    let out = hearth(&["schema"]);
    assert_eq!(out.status.code(), Some(0));
    let listing = text(&out.stdout);
    for kind in KINDS {
        assert!(listing.contains(&kind.file_name()), "{listing}");
    }

    let out = hearth(&["schema", "metric"]);
    assert_eq!(out.status.code(), Some(0));
    let printed: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(printed["$id"], "urn:hearth:schema:metric");
    assert_eq!(
        printed["$schema"],
        "https://json-schema.org/draft/2020-12/schema"
    );

    let out = hearth(&["schema", "metrics"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("no schema `metrics`"));

    let tmp = TempDir::new("schema-out");
    let dir = tmp.path().join("schemas");
    let out = hearth(&["schema", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let written = snapshot(&dir);
    assert_eq!(written.len(), KINDS.len());
    for kind in KINDS {
        let file = &written[&kind.file_name()];
        assert_eq!(text(file), kind.text(), "{}", kind.name);
        let value: Value = serde_json::from_slice(file).unwrap();
        assert_eq!(value["title"], kind.title);
        assert!(value["description"].as_str().unwrap().len() > 20);
    }
    // Written twice, the same bytes (deterministic).
    let out = hearth(&["schema", "--out", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(snapshot(&dir), written);
}

#[test]
fn schemas_carry_the_model_documentation() {
    let action = &schema::kind("workstream").unwrap().schema()["$defs"]["Action"];
    assert_eq!(action["additionalProperties"], false);
    let rag = &schema::kind("workstream").unwrap().schema()["$defs"]["Rag"];
    let allowed: Vec<&str> = rag["oneOf"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["const"].as_str().unwrap())
        .collect();
    assert_eq!(
        allowed,
        ["red", "amber", "green", "complete", "not-started"]
    );
    assert!(
        action["properties"]["title"]["description"]
            .as_str()
            .unwrap()
            .contains("What needs to be done")
    );
    let required: Vec<&str> = action["required"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    // An action may have no rating (it is then "Not rated").
    assert_eq!(required, ["id", "title", "timescale"]);
    assert!(
        action["properties"]["rag"]["description"]
            .as_str()
            .unwrap()
            .contains("Not rated")
    );
    // A document may have no version, licence, contact team, aims or theme titles.
    let site = schema::kind("site").unwrap().schema();
    let required_in = |v: &serde_json::Value| -> Vec<String> {
        v["required"]
            .as_array()
            .map(|a| a.iter().map(|v| v.as_str().unwrap().to_string()).collect())
            .unwrap_or_default()
    };
    assert_eq!(required_in(&site), ["authority", "title", "edition"]);
    assert_eq!(
        required_in(&site["$defs"]["Edition"]),
        ["status", "published"]
    );
    assert!(required_in(&site["$defs"]["Contact"]).is_empty());
    let strategy = schema::kind("strategy").unwrap().schema();
    assert_eq!(required_in(&strategy), ["summary", "priorities"]);
    assert_eq!(required_in(&strategy["$defs"]["Theme"]), ["text"]);
    let metric = schema::kind("metric").unwrap().schema();
    let period = &metric["$defs"]["Period"];
    assert!(period["description"].as_str().unwrap().contains("2024/25"));
    assert!(metric["properties"].get("file").is_none());
    // A default the model gives is the schema's default.
    let page = schema::kind("page-front-matter").unwrap().schema();
    assert_eq!(page["properties"]["nav"]["default"], true);
}

/// `hearth new` then `hearth check` with `HEARTH_TODAY` set (or the real date): no errors and
/// no warnings, since the starter content is dated from today.
fn new_then_check(dir: &Path, today: Option<&str>) {
    let run = |args: &[&str]| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_hearth"));
        cmd.args(args).env_remove("HEARTH_TODAY");
        if let Some(t) = today {
            cmd.env("HEARTH_TODAY", t);
        }
        cmd.output().unwrap()
    };
    let out = run(&["new", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = run(&["check", dir.to_str().unwrap()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{today:?}: {stderr}");
    assert!(stderr.is_empty(), "{today:?}: warnings: {stderr}");
}

#[test]
fn new_content_has_no_warnings_whatever_the_date() {
    let tmp = TempDir::new("new-dates");
    for (i, today) in ["2031-01-01", "2031-02-10", "2030-12-31", "2026-06-15"]
        .into_iter()
        .enumerate()
    {
        new_then_check(&tmp.path().join(i.to_string()), Some(today));
    }
}

#[test]
fn new_content_passes_check_and_builds() {
    let tmp = TempDir::new("new-ok");
    let dir = tmp.path().join("my-content");
    new_then_check(&dir, None);
    let files = snapshot(&dir);
    for rel in [
        "site.yaml",
        "strategy.yaml",
        "plan/placements.yaml",
        "metrics/children-in-care.yaml",
        "scenarios/children-in-care.yaml",
        "pages/about.md",
        "market/market.yaml",
        "schema/metric.json",
    ] {
        assert!(files.contains_key(rel), "{rel} missing");
    }
    // The loader reads only the folders it knows: a stray file among the schemas is ignored.
    fs::write(dir.join("schema/notes.yaml"), "not: [valid").unwrap();

    let out = hearth(&["check", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));

    let loaded = hearth::load::load(&dir);
    let c = &loaded.content;
    assert_eq!((c.strategy.aims.len(), c.strategy.priorities.len()), (1, 1));
    assert_eq!(c.workstreams.len(), 1);
    assert_eq!(c.workstreams[0].actions.len(), 2);
    assert_eq!(
        (c.metrics.len(), c.scenarios.len(), c.pages.len()),
        (1, 1, 1)
    );
    assert!(
        c.scenarios[0].series[0]
            .start
            .as_ref()
            .unwrap()
            .as_str()
            .contains("metric('")
    );
    assert!(c.market.is_some());

    let site = tmp.path().join("public");
    let out = hearth(&[
        "build",
        dir.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for page in [
        "index.html",
        "plan/index.html",
        "measures/children-in-care/index.html",
        "scenarios/children-in-care/index.html",
        "about/index.html",
        "market/index.html",
    ] {
        assert!(site.join(page).is_file(), "{page} not built");
    }
}

#[test]
fn new_refuses_a_folder_that_is_not_empty() {
    let tmp = TempDir::new("new-refuse");
    fs::write(tmp.path().join("notes.txt"), "mine").unwrap();
    let out = hearth(&["new", tmp.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("already exists and is not empty"),
        "{stderr}"
    );
    // Nothing was written.
    assert_eq!(snapshot(tmp.path()).len(), 1);

    // A file is refused too; so is a missing folder name.
    let file = tmp.path().join("notes.txt");
    let out = hearth(&["new", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is a file"));
    assert_eq!(hearth(&["new"]).status.code(), Some(2));

    // An empty folder is fine.
    let empty = tmp.path().join("empty");
    fs::create_dir(&empty).unwrap();
    let out = hearth(&["new", empty.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("hearth check"));
}

#[test]
fn new_yaml_files_name_their_schema_and_pass_it() {
    let tmp = TempDir::new("new-modeline");
    let dir = tmp.path().join("c");
    hearth::tools::new::create(&dir).unwrap();
    let v = Validator::new();
    let mut yaml_files = 0;
    for (rel, bytes) in snapshot(&dir) {
        if !rel.ends_with(".yaml") || rel.starts_with("schema/") {
            continue;
        }
        yaml_files += 1;
        let source = text(&bytes);
        let first = source.lines().next().unwrap();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{rel} starts with {first:?}"));
        // The path is relative to the file and names the schema of its kind.
        let file_dir = dir.join(&rel);
        let schema_file = file_dir.parent().unwrap().join(target);
        assert!(schema_file.is_file(), "{rel}: {target} does not exist");
        let kind = schema::kind_of(&rel).unwrap();
        assert_eq!(
            fs::read_to_string(&schema_file).unwrap(),
            kind.text(),
            "{rel}: {target}"
        );
        v.check(kind, &as_json(&rel, &source))
            .unwrap_or_else(|e| panic!("{rel}: {e}"));
    }
    assert!(yaml_files >= 10, "{yaml_files}");
}

#[test]
fn schema_lines_do_not_move_error_positions() {
    let tmp = TempDir::new("new-positions");
    let dir = tmp.path().join("c");
    hearth::tools::new::create(&dir).unwrap();
    let plan = dir.join("plan/placements.yaml");
    let source = fs::read_to_string(&plan).unwrap();
    assert!(source.starts_with("# yaml-language-server:"));
    let broken = source.replacen("rag: green", "rag: purple", 1);
    fs::write(&plan, &broken).unwrap();
    let line = broken
        .lines()
        .position(|l| l.contains("rag: purple"))
        .unwrap()
        + 1;
    let column = broken
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("purple")
        .unwrap()
        + 1;
    let report = hearth::check(&dir);
    assert_eq!(report.errors(), 1);
    let shown = report.diagnostics[0].to_string();
    assert!(
        shown.contains(&format!("placements.yaml:{line}:{column}")),
        "expected line {line}, column {column}:\n{shown}"
    );
}

#[test]
fn schemas_accept_priority_tables_several_owners_and_the_strategy_lists() {
    // Every new field of strategy.yaml and plan/*.yaml, in both of its written forms
    // (a performance measure or progress note as text and as a mapping; an owner or lead as
    // one role and as a list).
    let v = Validator::new();
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/priority-tables");
    let files = content_files(&root);
    assert!(files.iter().any(|(rel, _, _)| rel == "strategy.yaml"));
    assert!(files.iter().any(|(rel, _, _)| rel == "plan/fostering.yaml"));
    for (rel, kind, value) in &files {
        v.check(kind, value)
            .unwrap_or_else(|e| panic!("{rel} against {}: {e}", kind.file_name()));
    }
    // And still refuse what the loader refuses.
    let strategy = files
        .iter()
        .find(|(rel, _, _)| rel == "strategy.yaml")
        .unwrap();
    let mut bad = strategy.2.clone();
    bad["priorities"][0]["performance_measures"][1]["metrc"] = Value::from("carers");
    assert!(
        v.check(strategy.1, &bad).is_err(),
        "an unknown field passed"
    );
    let plan = files
        .iter()
        .find(|(rel, _, _)| rel == "plan/fostering.yaml")
        .unwrap();
    let mut bad = plan.2.clone();
    bad["actions"][0]["owner"] = serde_json::json!({ "role": "Fostering Manager" });
    assert!(
        v.check(plan.1, &bad).is_err(),
        "an owner that is a mapping passed"
    );
}

#[test]
fn schemas_accept_the_market_statement_forms() {
    // Provider counts on routes and lots, contacts with ids, register links, asks of several
    // types without ages, a place or a date, budgets in words and as a figure with its unit.
    let v = Validator::new();
    let root =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/valid/market-statement");
    let files = content_files(&root);
    for want in ["market/market.yaml", "market/asks.yaml"] {
        assert!(files.iter().any(|(rel, _, _)| rel == want), "{want}");
    }
    for (rel, kind, value) in &files {
        v.check(kind, value)
            .unwrap_or_else(|e| panic!("{rel} against {}: {e}", kind.file_name()));
    }
    let find = |name: &str| files.iter().find(|(rel, _, _)| rel == name).unwrap();
    let market = find("market/market.yaml");
    let mut bad = market.2.clone();
    bad["procurement"]["routes"][0]["providers"]["aproved"] = Value::from(3);
    assert!(
        v.check(market.1, &bad).is_err(),
        "a typo in providers passed"
    );
    let asks = find("market/asks.yaml");
    let mut bad = asks.2.clone();
    bad["asks"][1]["budget"] =
        serde_json::json!({ "amount": 10, "unit": "gbp", "currency": "GBP" });
    assert!(
        v.check(asks.1, &bad).is_err(),
        "an unknown budget field passed"
    );
}

//! The `hearth` command line itself, run as a user runs it: the help and version, the
//! exit status (0 all well, 1 content errors, 2 usage errors), the option forms (`--out DIR`,
//! `--out=DIR`, `-o DIR`, options before the command, `--` before a word that starts with a
//! dash) and one message for each way the arguments can be wrong.
//!
//! What the commands do is tested where the feature is (`check_fixtures.rs`, `scenarios.rs`,
//! `editions.rs`, `schema_new.rs`, `editor_workflow.rs`, `serve.rs`); this file is about
//! reading the command line.

#![allow(clippy::unwrap_used)]

use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

mod support;
use support::{TempDir, copy_dir, example_content};

/// The help, word for word as `hearth help` has always printed it.
const USAGE: &str = "\
hearth: publish a placement sufficiency strategy as a website

Usage:
  hearth build [CONTENT] [--out DIR] [--offline]
                                       build the site (default: content/ into public/);
                                       --offline: a site that works opened from a folder
  hearth pdf [CONTENT] [--out FILE] [--edition VERSION]
                                       write the board pack: an accessible (tagged) PDF of
                                       the current edition, or of a frozen one, for committee
                                       papers (default: board-pack.pdf)
  hearth check [CONTENT]               check the content and report every problem; writes nothing
  hearth scenario ID [CONTENT] [--set INPUT=VALUE ...] [--json]
                                       run a what-if scenario with other assumptions and
                                       print its figures (the same numbers as the website)
  hearth serve [CONTENT] [--port N] [--host ADDR]
                                       preview the site at http://127.0.0.1:1111/, rebuilding
                                       and reloading open pages whenever a file is saved
  hearth edition freeze VERSION [CONTENT]
                                       keep the current content as edition VERSION in
                                       CONTENT/editions/, published at /editions/VERSION/
  hearth diff VERSION [CONTENT]        what changed since edition VERSION (as /changes/ shows)
  hearth new DIR                       start a content folder in DIR (new or empty) that
                                       passes check, with schemas for editor completion
  hearth schema [NAME] [--out DIR]     JSON Schemas of the content files: list them, print
                                       one (NAME, such as metric) or write all into DIR
  hearth import FILE [--level LEVEL] [--json]
                                       list what a DfE open data standard CSV file holds
                                       (levels, periods, areas, filters, indicators) and
                                       print a measure to start from; --level local-authority
                                       (or national, regional) lists that level's areas
  hearth theme eject [CONTENT]         copy the default templates and styles into CONTENT/theme/
                                       to edit them; files already there are kept
  hearth help                          show this help
  hearth --version                     show the version

Exit status: 0 when all is well, 1 when the content has errors, 2 for a usage error.";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// `hearth ARGS` run in `dir`.
fn hearth_in<S: AsRef<OsStr>>(dir: &Path, args: &[S]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
        .args(args)
        .current_dir(dir)
        .env("HEARTH_TODAY", "2024-06-01")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A usage error: exit status 2, nothing on stdout, and on stderr the problem on the first
/// line (`hearth: ...`) followed by the usage.
fn assert_usage_error(out: &Output, args: &[&str], problem: &str) {
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "hearth {args:?}:\n{stderr}");
    let (first, rest) = stderr.split_once('\n').unwrap_or((&stderr, ""));
    assert_eq!(first, format!("hearth: {problem}"), "hearth {args:?}");
    assert!(
        rest == format!("\n{USAGE}\n"),
        "hearth {args:?}: the usage should follow the problem:\n{stderr}"
    );
    assert!(
        out.stdout.is_empty(),
        "hearth {args:?}: {}",
        text(&out.stdout)
    );
}

#[test]
fn help_prints_the_usage_and_exits_0() {
    let tmp = TempDir::new("cli-help");
    for args in [
        &["help"][..],
        &["--help"],
        &["-h"],
        // Anywhere on the line, and before anything wrong that follows it.
        &["build", "help"],
        &["new", "help"],
        &["help", "--bogus"],
        &["serve", "-h", "--port", "abc"],
    ] {
        let out = hearth_in(tmp.path(), args);
        assert_eq!(out.status.code(), Some(0), "hearth {args:?}");
        assert_eq!(text(&out.stdout), format!("{USAGE}\n"), "hearth {args:?}");
        assert!(
            out.stderr.is_empty(),
            "hearth {args:?}: {}",
            text(&out.stderr)
        );
    }
    // `new help` made no folder called help.
    assert!(fs::read_dir(tmp.path()).unwrap().next().is_none());
}

#[test]
fn version_prints_the_version_and_exits_0() {
    let tmp = TempDir::new("cli-version");
    for args in [&["--version"][..], &["-V"], &["check", "--version"]] {
        let out = hearth_in(tmp.path(), args);
        assert_eq!(out.status.code(), Some(0), "hearth {args:?}");
        assert_eq!(
            text(&out.stdout),
            format!("hearth {}\n", env!("CARGO_PKG_VERSION"))
        );
    }
}

#[test]
fn exit_status_is_0_when_well_1_for_content_errors_2_for_usage() {
    let tmp = TempDir::new("cli-status");
    let valid = fixtures().join("valid/minimal");
    let invalid = fixtures().join("invalid/missing-title");
    let out = hearth_in(tmp.path(), &[OsStr::new("check"), valid.as_os_str()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let out = hearth_in(tmp.path(), &[OsStr::new("check"), invalid.as_os_str()]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("the required field `title` is missing"),
        "{stderr}"
    );
    assert!(stderr.contains("1 error and"), "{stderr}");
    let out = hearth_in(tmp.path(), &["check", "--bogus"]);
    assert_eq!(out.status.code(), Some(2));
}

/// Every way of getting the arguments wrong, and its message. None of them reads or writes
/// anything: the folders named here do not exist, and the working folder stays empty.
const USAGE_ERRORS: &[(&[&str], &str)] = &[
    (
        &["build", "--edition", "1.0"],
        "--edition belongs to the pdf command",
    ),
    (&["pdf", "content", "extra"], "unexpected argument extra"),
    (
        &["pdf", "--edition"],
        "--edition needs a version, such as 1.0",
    ),
    (&[], "no command given"),
    (&["--"], "no command given"),
    (&["frob"], "unknown command frob"),
    (&["frob", "--json", "a", "b"], "unknown command frob"),
    // Unknown options, before or after the command.
    (&["--bogus"], "unknown option --bogus"),
    (&["build", "--bogus"], "unknown option --bogus"),
    (&["build", "--bogus=1"], "unknown option --bogus=1"),
    (&["check", "-x"], "unknown option -x"),
    (&["build", "--json=yes"], "--json takes no value"),
    (&["--help=yes"], "--help takes no value"),
    // Options without their value.
    (&["build", "--out"], "--out needs a folder"),
    (&["build", "-o"], "--out needs a folder"),
    (&["scenario", "s", "--set"], "--set needs input=value"),
    (
        &["serve", "--host"],
        "--host needs an address, such as 127.0.0.1",
    ),
    (
        &["serve", "--port"],
        "--port needs a port number (0 to 65535)",
    ),
    (
        &["serve", "--port", "abc"],
        "--port needs a port number (0 to 65535)",
    ),
    (
        &["serve", "--port=abc"],
        "--port needs a port number (0 to 65535)",
    ),
    (
        &["serve", "--port", "70000"],
        "--port needs a port number (0 to 65535)",
    ),
    (
        &["serve", "--port", "-1"],
        "--port needs a port number (0 to 65535)",
    ),
    // One word too many.
    (&["build", "c", "extra"], "unexpected argument extra"),
    (&["check", "c", "extra"], "unexpected argument extra"),
    (&["serve", "c", "extra"], "unexpected argument extra"),
    (
        &["scenario", "s", "c", "extra"],
        "unexpected argument extra",
    ),
    (
        &["edition", "freeze", "1", "c", "extra"],
        "unexpected argument extra",
    ),
    (&["diff", "1", "c", "extra"], "unexpected argument extra"),
    (
        &["theme", "eject", "c", "extra"],
        "unexpected argument extra",
    ),
    (&["schema", "metric", "extra"], "unexpected argument extra"),
    // A command missing its words.
    (&["scenario"], "scenario needs the id of a scenario"),
    (
        &["edition"],
        "write: hearth edition freeze VERSION [CONTENT]",
    ),
    (
        &["edition", "thaw", "1"],
        "write: hearth edition freeze VERSION [CONTENT]",
    ),
    (
        &["edition", "freeze"],
        "write: hearth edition freeze VERSION [CONTENT]",
    ),
    (&["diff"], "write: hearth diff VERSION [CONTENT]"),
    (
        &["theme"],
        "theme needs a subcommand: hearth theme eject [CONTENT]",
    ),
    (
        &["theme", "inject"],
        "theme needs a subcommand: hearth theme eject [CONTENT]",
    ),
    (
        &["new"],
        "write: hearth new DIR (the name of a new folder for your content)",
    ),
    (
        &["new", "a", "b"],
        "write: hearth new DIR (the name of a new folder for your content)",
    ),
    // An option the command does not take.
    (
        &["check", "--out", "x"],
        "check writes nothing, so it takes no --out",
    ),
    (
        &["serve", "--out", "x"],
        "serve keeps the site in memory, so it takes no --out",
    ),
    (
        &["scenario", "s", "-o", "x"],
        "scenario writes nothing, so it takes no --out",
    ),
    (
        &["diff", "1", "--out=x"],
        "diff writes nothing, so it takes no --out",
    ),
    (
        &["edition", "freeze", "1", "c", "--out", "x"],
        "edition freeze writes into CONTENT/editions/, so it takes no --out",
    ),
    (
        &["theme", "eject", "--out", "x"],
        "theme eject writes into CONTENT/theme/, so it takes no --out",
    ),
    (
        &["new", "d", "--out", "x"],
        "new writes into DIR, so it takes no --out",
    ),
    (
        &["schema", "metric", "--out", "x"],
        "give a schema NAME to print or --out DIR to write them all, not both",
    ),
    (
        &["build", "--json"],
        "--set and --json belong to the scenario command",
    ),
    (
        &["check", "--set", "a=b"],
        "--set and --json belong to the scenario command",
    ),
    (
        &["diff", "1", "--json"],
        "--set and --json belong to the scenario command",
    ),
    (
        &["theme", "eject", "--set=a=b"],
        "--set and --json belong to the scenario command",
    ),
    (
        &["build", "--port", "1"],
        "--port and --host belong to the serve command",
    ),
    (
        &["check", "--host", "h"],
        "--port and --host belong to the serve command",
    ),
    (
        &["scenario", "s", "--port", "1"],
        "--port and --host belong to the serve command",
    ),
    (
        &["edition", "freeze", "1", "--host=h"],
        "--port and --host belong to the serve command",
    ),
    (
        &["schema", "--json"],
        "schema takes no --set, --json, --port or --host",
    ),
    (
        &["new", "d", "--port", "1"],
        "new takes no --set, --json, --port or --host",
    ),
    (
        &["import"],
        "write: hearth import FILE (a DfE open data standard CSV file)",
    ),
    (&["import", "a.csv", "b.csv"], "unexpected argument b.csv"),
    (
        &["import", "a.csv", "--level", "county"],
        "--level county: write national, regional or local-authority",
    ),
    (
        &["import", "a.csv", "--level"],
        "--level needs a level: national, regional or local-authority",
    ),
    (
        &["import", "a.csv", "--out", "d"],
        "import writes nothing, so it takes no --out",
    ),
    (
        &["build", "--level", "national"],
        "--level belongs to the import command",
    ),
];

#[test]
fn each_usage_error_exits_2_with_its_message() {
    let tmp = TempDir::new("cli-usage");
    for (args, problem) in USAGE_ERRORS {
        let out = hearth_in(tmp.path(), args);
        assert_usage_error(&out, args, problem);
    }
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().flatten().collect();
    assert!(left.is_empty(), "a usage error wrote {left:?}");
}

#[test]
fn build_writes_into_the_out_folder_however_it_is_given() {
    let tmp = TempDir::new("cli-build");
    let content = fixtures().join("valid/minimal");
    let content = content.to_str().unwrap();
    for (args, out) in [
        (vec!["build", content, "--out", "a"], "a"),
        (vec!["build", content, "--out=b"], "b"),
        (vec!["build", content, "-o", "c"], "c"),
        (vec!["build", "-od", content], "d"),
        (vec!["--out", "e", "build", content], "e"),
    ] {
        let run = hearth_in(tmp.path(), &args);
        assert_eq!(
            run.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&run.stderr)
        );
        let stdout = text(&run.stdout);
        assert!(
            stdout.contains(&format!(" into {out} in ")),
            "{args:?}: {stdout}"
        );
        assert!(
            tmp.path().join(out).join("index.html").is_file(),
            "{args:?}"
        );
    }
    // Without --out the site goes into public/, from content/.
    copy_dir(
        &fixtures().join("valid/minimal"),
        &tmp.path().join("content"),
    );
    let run = hearth_in(tmp.path(), &["build"]);
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(tmp.path().join("public/index.html").is_file());
}

#[test]
fn a_word_after_double_dash_is_not_an_option() {
    let tmp = TempDir::new("cli-dashes");
    copy_dir(&fixtures().join("valid/minimal"), &tmp.path().join("-site"));
    let out = hearth_in(tmp.path(), &["check", "-site"]);
    assert_usage_error(&out, &["check", "-site"], "unknown option -s");
    let out = hearth_in(tmp.path(), &["check", "--", "-site"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with("-site is ready to publish"));
}

#[test]
fn scenario_set_reads_the_same_spaced_or_with_equals() {
    let tmp = TempDir::new("cli-scenario");
    let content = example_content();
    let content = content.to_str().unwrap();
    let json = |set: &[&str]| {
        let mut args = vec!["scenario", "foster-sufficiency", content, "--json"];
        args.extend(set);
        let out = hearth_in(tmp.path(), &args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        text(&out.stdout)
    };
    let spaced = json(&["--set", "approvals=30", "--set", "growth_pct=2"]);
    assert_eq!(json(&["--set=approvals=30", "--set=growth_pct=2"]), spaced);
    assert_ne!(json(&[]), spaced);

    // A bad --set is a usage error in either form, named as it was given.
    for (set, problem) in [
        (
            "--set=a=b",
            "--set a=b: no input `a` in this scenario; the inputs are: ",
        ),
        (
            "--set=approvals",
            "--set approvals: write it as input=value",
        ),
        ("--set=approvals=", "--set approvals=: `` is not a number"),
    ] {
        let args = ["scenario", "foster-sufficiency", content, set];
        let out = hearth_in(tmp.path(), &args);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {stderr}");
        assert!(
            stderr.starts_with(&format!("hearth: {problem}")),
            "{args:?}: {stderr}"
        );
    }
}

/// Folder names need not be UTF-8; ids and versions must be, and saying so is a usage error,
/// not a crash.
#[cfg(unix)]
#[test]
fn arguments_that_are_not_utf8() {
    use std::os::unix::ffi::OsStrExt;
    let tmp = TempDir::new("cli-utf8");
    let odd = OsStr::from_bytes(b"caf\xe9");
    let out = hearth_in(tmp.path(), &[OsStr::new("check"), odd]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("cannot open the content folder"));
    let out = hearth_in(tmp.path(), &[OsStr::new("scenario"), odd]);
    assert_usage_error(
        &out,
        &["scenario", "caf\u{fffd}"],
        "caf\u{fffd} is not valid UTF-8",
    );
}

// ------------------------------------------------------------------ hearth import

/// What `hearth import cla.csv` prints for the dfe-import fixture's file, word for word.
const IMPORT_CLA: &str = "\
cla.csv: 16 rows
No metadata file beside it: indicators are the columns holding only numbers and shorthand symbols.

Geographic levels:
  National: 6 rows (level: national, 1 area by country_code)
  Regional: 6 rows (level: regional, 2 areas by region_code)
  Local authority: 4 rows (level: local-authority, 2 areas by new_la_code)

Periods (time_period, time_identifier: as Hearth reads it):
  202122, Financial year: 2021/22 (5 rows)
  202223, Financial year: 2022/23 (5 rows)
  202324, Financial year: 2023/24 (6 rows)

Filters (values, rows):
  characteristic (2 values):
    Male (3)
    Total (13)

Indicators (numbers; shorthand symbols; blank):
  number: 14 numbers; c 1, x 1; 0 blank
  rate_per_10000: 13 numbers; c 1, u 1, low 1; 0 blank

# A measure to start from: save it as metrics/MEASURE.yaml, put cla.csv in metrics/data/,
# write the title, definition and polarity, then run hearth check.
# Other indicators: rate_per_10000.
id: number
title: number
unit: count  # count, percent, rate-per-10000, weeks, months, years, gbp-per-week, gbp or ratio
polarity: neutral  # or higher-is-better, lower-is-better
definition: Say what the figure counts, in plain words.
source:
  publisher: Department for Education
# E06000016 is Testshire, the first local authority in the file: write your council's code
# (hearth import cla.csv --level local-authority lists them).
series: { dfe: data/cla.csv, indicator: number, level: local-authority, code: E06000016, filters: { characteristic: Total } }
comparators:
  - id: england
    label: England
    kind: england
    series: { dfe: data/cla.csv, indicator: number, level: national, filters: { characteristic: Total } }

";

fn dfe_data() -> PathBuf {
    fixtures().join("valid/dfe-import/metrics/data")
}

#[test]
fn import_lists_what_a_dfe_file_holds() {
    let out = hearth_in(&dfe_data(), &["import", "cla.csv"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(text(&out.stdout), IMPORT_CLA);
    // The same file, the same report.
    let again = hearth_in(&dfe_data(), &["import", "cla.csv"]);
    assert_eq!(out.stdout, again.stdout);
    // --level lists the areas at that level, by code.
    let out = hearth_in(
        &dfe_data(),
        &["import", "--level", "local-authority", "cla.csv"],
    );
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).contains(
            "\nAreas at Local authority (code, name):\n  E06000016  Testshire\n  E06000017  Otherby\n"
        ),
        "{}",
        text(&out.stdout)
    );
    // --json says the same as data.
    let out = hearth_in(&dfe_data(), &["import", "cla.csv", "--json"]);
    assert_eq!(out.status.code(), Some(0));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json["rows"], 16);
    assert_eq!(json["periods"][0]["hearth"], "2021/22");
    assert_eq!(json["filters"][0]["column"], "characteristic");
    assert_eq!(
        json["indicators"][1]["symbols"][1],
        serde_json::json!(["low", 1])
    );
}

/// The measure `hearth import` prints passes `hearth check` as it is.
#[test]
fn import_snippet_passes_check() {
    let tmp = TempDir::new("cli-import-snippet");
    let content = tmp.path().join("content");
    copy_dir(&fixtures().join("valid/minimal"), &content);
    fs::create_dir_all(content.join("metrics/data")).unwrap();
    fs::copy(
        dfe_data().join("cla.csv"),
        content.join("metrics/data/cla.csv"),
    )
    .unwrap();
    let out = hearth_in(&dfe_data(), &["import", "cla.csv"]);
    let stdout = text(&out.stdout);
    let snippet = &stdout[stdout.find("# A measure to start from").unwrap()..];
    fs::write(content.join("metrics/number.yaml"), snippet).unwrap();
    let out = hearth_in(tmp.path(), &["check", "content"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}\n{snippet}",
        text(&out.stderr)
    );
}

/// With EES's metadata file beside the data, its col_type decides filters and indicators.
#[test]
fn import_reads_the_metadata_file_beside_the_data() {
    let tmp = TempDir::new("cli-import-meta");
    fs::copy(dfe_data().join("cla.csv"), tmp.path().join("cla.csv")).unwrap();
    fs::write(
        tmp.path().join("cla.meta.csv"),
        "col_name,col_type,label,indicator_grouping,indicator_unit,indicator_dp,filter_hint,filter_grouping_column\n\
         characteristic,Filter,Characteristic,,,,,\n\
         number,Filter,Number treated as a filter,,,,,\n\
         rate_per_10000,Indicator,Rate per 10000,,,1,,\n",
    )
    .unwrap();
    let out = hearth_in(tmp.path(), &["import", "cla.csv"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains("Filters and indicators as named in cla.meta.csv."),
        "{stdout}"
    );
    assert!(stdout.contains("  number (16 values):"), "{stdout}");
    assert!(!stdout.contains("  number: "), "{stdout}");
    assert!(stdout.contains("indicator: rate_per_10000"), "{stdout}");
    assert!(stdout.contains("unit: rate-per-10000"), "{stdout}");
}

#[test]
fn import_refuses_what_it_cannot_read() {
    let tmp = TempDir::new("cli-import-bad");
    let cases: &[(&str, &str, &str)] = &[
        (
            "carers.csv",
            "Year ending,Households\n2024,120\n",
            "hearth: carers.csv is not a DfE open data standard file: it has no `time_period`, `time_identifier`, `geographic_level` column (its first row names: `Year ending`, `Households`)",
        ),
        (
            "half.csv",
            "time_period,geographic_level,number\n2024,National,1\n",
            "hearth: half.csv is not a DfE open data standard file: it has no `time_identifier` column",
        ),
        (
            "cla.xlsx",
            "PK\u{3}\u{4}",
            "hearth: cla.xlsx is not a CSV file (its name does not end in .csv)",
        ),
        (
            "broken.csv",
            "time_period,time_identifier,geographic_level\n2024,Calendar year,\u{0}\u{0}\"x\"y\"\n",
            "",
        ),
    ];
    for (name, body, message) in cases {
        fs::write(tmp.path().join(name), body).unwrap();
        let out = hearth_in(tmp.path(), &["import", name]);
        let stderr = text(&out.stderr);
        if message.is_empty() {
            // Odd but readable CSV: read, not a panic.
            assert!(out.status.code().is_some(), "{name}: {stderr}");
            continue;
        }
        assert_eq!(out.status.code(), Some(1), "{name}: {stderr}");
        assert!(stderr.starts_with(message), "{name}: {stderr}");
        assert!(stderr.contains("\n  hint: "), "{name}: {stderr}");
        assert!(out.stdout.is_empty(), "{name}");
    }
    let out = hearth_in(tmp.path(), &["import", "missing.csv"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).starts_with("hearth: missing.csv does not exist"),
        "{}",
        text(&out.stderr)
    );
}

/// A period Hearth does not read is listed as such, with the reason.
#[test]
fn import_says_which_periods_it_does_not_read() {
    let tmp = TempDir::new("cli-import-periods");
    fs::write(
        tmp.path().join("terms.csv"),
        "time_period,time_identifier,geographic_level,country_code,country_name,pupils\n\
         202324,Autumn term,National,E92000001,England,10\n\
         2024,Reporting year,National,E92000001,England,12\n",
    )
    .unwrap();
    let out = hearth_in(tmp.path(), &["import", "terms.csv"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        stdout.contains(
            "  2024, Reporting year: 2023/24 (1 row)\n  202324, Autumn term: not read: Hearth does not read the time_identifier \"Autumn term\" (1 row)\n"
        ),
        "{stdout}"
    );
}

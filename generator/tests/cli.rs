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
  hearth build [CONTENT] [--out DIR]   build the site (default: content/ into public/)
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

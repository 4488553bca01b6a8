//! The fixture corpus: every `tests/fixtures/invalid/*` case must be rejected with the error
//! its `expect.txt` describes, every `tests/fixtures/valid/*` folder must pass, and the
//! `hearth` binary must report errors, exit codes and failed builds the way editors rely on.
//! See tests/fixtures/README.md for the `expect.txt` format.

#![allow(clippy::unwrap_used)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use hearth::diag::{Diagnostic, Location};

mod support;
use support::{TempDir, copy_dir, snapshot};

/// Any single check of a small fixture must finish well within this, bombs included.
const QUICK: Duration = Duration::from_secs(5);

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

fn minimal() -> PathBuf {
    fixtures().join("valid/minimal")
}

// ------------------------------------------------------------------ temporary folders

/// A copy of the minimal valid folder, to break one thing in.
fn minimal_copy(tag: &str) -> (TempDir, PathBuf) {
    let tmp = TempDir::new(tag);
    let content = tmp.path().join("content");
    copy_dir(&minimal(), &content);
    (tmp, content)
}

// ------------------------------------------------------------------ expect.txt

/// One diagnostic an invalid case must report.
#[derive(Debug, Default)]
struct Expect {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    messages: Vec<String>,
    field: Option<String>,
    expected: Vec<String>,
    hints: Vec<String>,
    /// Path relative to the case folder, and optionally a line.
    related: Option<(String, Option<usize>)>,
}

fn parse_expect(text: &str) -> Result<Vec<Expect>, String> {
    let mut blocks = vec![Expect::default()];
    for (n, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if line == "---" {
            blocks.push(Expect::default());
            continue;
        }
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| format!("line {}: expected `key: value`, found {line:?}", n + 1))?;
        let value = value.trim().to_string();
        let number = |v: &str| {
            v.parse::<usize>()
                .map_err(|_| format!("line {}: `{key}` needs a number, found {v:?}", n + 1))
        };
        let e = blocks.last_mut().unwrap();
        match key.trim() {
            "file" => e.file = value,
            "line" => e.line = Some(number(&value)?),
            "column" => e.column = Some(number(&value)?),
            "message" => e.messages.push(value),
            "field" => e.field = Some(value),
            "expected" => e.expected.push(value),
            "hint" => e.hints.push(value),
            "related" => {
                e.related = Some(match value.rsplit_once(':') {
                    Some((path, l)) if l.chars().all(|c| c.is_ascii_digit()) => {
                        (path.to_string(), Some(number(l)?))
                    }
                    _ => (value, None),
                });
            }
            other => return Err(format!("line {}: unknown key `{other}`", n + 1)),
        }
    }
    blocks.retain(|b| !b.file.is_empty() || !b.messages.is_empty());
    if blocks.is_empty() {
        return Err("no expectations".into());
    }
    for b in &blocks {
        if b.file.is_empty() || b.messages.is_empty() {
            return Err(format!("every block needs `file:` and `message:`: {b:?}"));
        }
    }
    Ok(blocks)
}

/// Does a shown path end with `rel` (relative to the case folder), segment by segment?
fn path_ends_with(shown: &str, rel: &str) -> bool {
    let shown = shown.replace('\\', "/");
    let rel = rel.trim_start_matches("./");
    shown == rel || shown.ends_with(&format!("/{rel}"))
}

fn location_matches(loc: &Location, file: &str, line: Option<usize>) -> bool {
    path_ends_with(&loc.file, file) && line.is_none_or(|l| loc.pos.map(|p| p.line) == Some(l))
}

fn matches(d: &Diagnostic, e: &Expect) -> bool {
    d.is_error()
        && location_matches(&d.location, &e.file, e.line)
        && e.column
            .is_none_or(|c| d.location.pos.map(|p| p.column) == Some(c))
        && e.messages.iter().all(|m| d.message.contains(m.as_str()))
        && e.field.as_ref().is_none_or(|f| &d.location.field == f)
        && e.expected.iter().all(|x| {
            d.expected
                .as_deref()
                .is_some_and(|de| de.contains(x.as_str()))
        })
        && e.hints
            .iter()
            .all(|h| d.hint.as_deref().is_some_and(|dh| dh.contains(h.as_str())))
        && e.related.as_ref().is_none_or(|(file, line)| {
            d.related
                .as_ref()
                .is_some_and(|r| location_matches(r, file, *line))
        })
}

fn show(diags: &[Diagnostic]) -> String {
    if diags.is_empty() {
        return "    (no diagnostics)\n".into();
    }
    let mut s = String::new();
    for d in diags {
        for line in d.to_string().lines() {
            s.push_str("    ");
            s.push_str(line);
            s.push('\n');
        }
        s.push('\n');
    }
    s
}

fn sorted_dirs(dir: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    out.sort();
    out
}

/// Run `check` on a case and say what is wrong, if anything.
fn check_case(case: &Path) -> Result<(), String> {
    let expect_text = fs::read_to_string(case.join("expect.txt"))
        .map_err(|e| format!("cannot read expect.txt: {e}"))?;
    let expects = parse_expect(&expect_text).map_err(|e| format!("bad expect.txt: {e}"))?;
    let started = Instant::now();
    let report = hearth::check(case);
    let took = started.elapsed();
    let mut problems = Vec::new();
    if took > QUICK {
        problems.push(format!("check took {took:?}, more than {QUICK:?}"));
    }
    if report.errors() == 0 {
        problems.push("no error was reported".into());
    }
    for e in &expects {
        if !report.diagnostics.iter().any(|d| matches(d, e)) {
            problems.push(format!("no error matches {e:#?}"));
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{}\n  diagnostics:\n{}",
            problems.join("\n"),
            show(&report.diagnostics)
        ))
    }
}

// ------------------------------------------------------------------ the corpus

#[test]
fn invalid_fixtures_report_what_expect_txt_says() {
    let cases = sorted_dirs(&fixtures().join("invalid"));
    assert!(
        cases.len() >= 24,
        "expected at least 24 invalid cases, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case in &cases {
        if let Err(why) = check_case(case) {
            failures.push(format!("{}:\n  {why}", case.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} invalid fixtures failed:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

#[test]
fn valid_fixtures_have_no_errors() {
    let cases = sorted_dirs(&fixtures().join("valid"));
    assert!(cases.len() >= 2);
    for case in cases {
        let report = hearth::check(&case);
        assert_eq!(
            report.errors(),
            0,
            "{} should be valid:\n{}",
            case.display(),
            show(&report.diagnostics)
        );
    }
}

#[test]
fn valid_fixtures_build() {
    for case in sorted_dirs(&fixtures().join("valid")) {
        let tmp = TempDir::new("valid-build");
        let out = tmp.path().join("public");
        let report = hearth::build(&case, &out);
        assert!(
            report.written && report.errors() == 0,
            "{} should build:\n{}",
            case.display(),
            show(&report.diagnostics)
        );
        assert!(out.join("index.html").is_file());
    }
}

#[test]
fn expect_txt_parser_reads_blocks() {
    let blocks = parse_expect(
        "# comment\nfile: a.yaml\nline: 3\nmessage: x\nmessage: y\nrelated: b.yaml:4\n---\nfile: c.md\nmessage: z\n",
    )
    .unwrap();
    assert_eq!(blocks.len(), 2);
    assert_eq!(blocks[0].line, Some(3));
    assert_eq!(blocks[0].messages, ["x", "y"]);
    assert_eq!(blocks[0].related, Some(("b.yaml".to_string(), Some(4))));
    assert_eq!(blocks[1].line, None);
    assert!(parse_expect("line: 3\n").is_err());
    assert!(parse_expect("file: a\nmessage: b\nwhat: c\n").is_err());
}

// ------------------------------------------------------------------ generated cases

/// A single error matching `message`, or a panic showing everything reported.
fn find_error<'a>(report: &'a hearth::Report, message: &str) -> &'a Diagnostic {
    report
        .diagnostics
        .iter()
        .find(|d| d.is_error() && d.message.contains(message))
        .unwrap_or_else(|| {
            panic!(
                "no error containing {message:?}:\n{}",
                show(&report.diagnostics)
            )
        })
}

#[test]
fn non_utf8_bytes_are_located() {
    let (_tmp, content) = minimal_copy("non-utf8");
    // Line 2, after `title: Caf` (10 characters): the Latin-1 byte for é.
    fs::write(
        content.join("site.yaml"),
        b"authority: Testshire County Council\ntitle: Caf\xe9 strategy\n",
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find_error(&report, "not valid UTF-8");
    assert!(path_ends_with(&d.location.file, "site.yaml"), "{d}");
    let pos = d.location.pos.unwrap();
    assert_eq!((pos.line, pos.column), (2, 11), "{d}");
}

#[test]
fn non_utf8_column_counts_characters_not_bytes() {
    let (_tmp, content) = minimal_copy("non-utf8-md");
    // `→` is three bytes but one column; the bad byte follows it on line 5.
    fs::write(
        content.join("pages/about.md"),
        "---\ntitle: About\n---\n\nA → "
            .bytes()
            .chain([0xff, b'\n'])
            .collect::<Vec<u8>>(),
    )
    .unwrap();
    let report = hearth::check(&content);
    let d = find_error(&report, "not valid UTF-8");
    assert!(path_ends_with(&d.location.file, "pages/about.md"), "{d}");
    let pos = d.location.pos.unwrap();
    assert_eq!((pos.line, pos.column), (5, 5), "{d}");
}

#[test]
fn content_folder_that_is_a_file() {
    let tmp = TempDir::new("is-a-file");
    let file = tmp.path().join("content.yaml");
    fs::write(&file, "authority: x\n").unwrap();
    let report = hearth::check(&file);
    let d = find_error(&report, "this is a file, not a content folder");
    assert!(d.location.pos.is_none());
}

#[test]
fn missing_content_folder() {
    let tmp = TempDir::new("missing");
    let report = hearth::check(&tmp.path().join("no-such-folder"));
    find_error(&report, "cannot open the content folder");
}

#[test]
fn nesting_bomb_fails_quickly() {
    let (_tmp, content) = minimal_copy("nesting-bomb");
    let depth = 100_000;
    let text = format!("summary: {}{}\n", "[".repeat(depth), "]".repeat(depth));
    fs::write(content.join("strategy.yaml"), text).unwrap();
    let started = Instant::now();
    let report = hearth::check(&content);
    assert!(started.elapsed() < QUICK, "took {:?}", started.elapsed());
    let d = find_error(&report, "nests more than");
    assert!(path_ends_with(&d.location.file, "strategy.yaml"), "{d}");
    assert_eq!(d.location.pos.map(|p| p.line), Some(1), "{d}");
}

#[test]
fn alias_amplification_fails_quickly() {
    // Fewer alias jumps than serde_yaml's own limit allows, but each copies 10,000 values:
    // 20 million values from a 46 KB file.
    let (_tmp, content) = minimal_copy("alias-wide");
    let text = format!(
        "a: &a [{}]\nb: [{}]\n",
        vec!["lol"; 10_000].join(","),
        vec!["*a"; 2_000].join(",")
    );
    fs::write(content.join("strategy.yaml"), text).unwrap();
    let started = Instant::now();
    let report = hearth::check(&content);
    assert!(started.elapsed() < QUICK, "took {:?}", started.elapsed());
    let d = find_error(&report, "aliases");
    assert_eq!(d.location.pos.map(|p| p.line), Some(2), "{d}");
}

#[test]
fn modest_aliases_are_still_accepted() {
    let (_tmp, content) = minimal_copy("alias-ok");
    fs::write(
        content.join("plan/fostering.yaml"),
        "id: fostering\ntitle: Fostering\nactions:\n  - id: fc-01\n    title: Recruit\n    rag: green\n    timescale: &when 2024/25\n    priorities: &p [foster-care]\n  - id: fc-02\n    title: Review\n    rag: amber\n    timescale: *when\n    priorities: *p\n",
    )
    .unwrap();
    let report = hearth::check(&content);
    assert_eq!(report.errors(), 0, "{}", show(&report.diagnostics));
}

// ------------------------------------------------------------------ the binary

fn hearth_bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_hearth"))
}

#[test]
fn binary_check_reports_file_line_column_and_exits_1() {
    let case = fixtures().join("invalid/unknown-field-typo");
    let out = hearth_bin().arg("check").arg(&case).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains("plan/fostering.yaml:6:5") || stderr.contains("plan\\fostering.yaml:6:5"),
        "stderr should name file:line:column:\n{stderr}"
    );
    assert!(
        stderr.contains("did you mean `quality_measure`?"),
        "{stderr}"
    );
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("ready to publish"),
        "an invalid folder was called ready"
    );
}

#[test]
fn binary_check_valid_exits_0() {
    let out = hearth_bin().arg("check").arg(minimal()).output().unwrap();
    assert_eq!(
        out.status.code(),
        Some(0),
        "stderr:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("ready to publish"));
}

#[test]
fn binary_failed_build_leaves_output_untouched() {
    let tmp = TempDir::new("build-untouched");
    let out_dir = tmp.path().join("public");
    let first = hearth_bin()
        .arg("build")
        .arg(minimal())
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    assert_eq!(
        first.status.code(),
        Some(0),
        "stderr:\n{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let before = snapshot(&out_dir);
    assert!(
        before.len() > 5,
        "the first build wrote only {:?}",
        before.keys()
    );

    let second = hearth_bin()
        .arg("build")
        .arg(fixtures().join("invalid/rag-purple"))
        .arg("--out")
        .arg(&out_dir)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&second.stderr);
    assert_eq!(second.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(stderr.contains("purple"), "{stderr}");
    let after = snapshot(&out_dir);
    assert_eq!(
        before.keys().collect::<Vec<_>>(),
        after.keys().collect::<Vec<_>>(),
        "the failed build changed the set of files"
    );
    for (path, bytes) in &before {
        assert!(
            after.get(path) == Some(bytes),
            "the failed build changed {path}"
        );
    }
    // Nothing left beside the output folder either.
    let beside: Vec<_> = fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(beside, ["public"], "left beside the output: {beside:?}");
}

#[test]
fn binary_check_missing_folder_exits_1() {
    let tmp = TempDir::new("bin-missing");
    let missing = tmp.path().join("no-such-content");
    let out = hearth_bin().arg("check").arg(&missing).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        stderr.contains("cannot open the content folder"),
        "{stderr}"
    );
    assert!(stderr.contains("no-such-content"), "{stderr}");
}

#[test]
fn binary_unknown_command_exits_2() {
    let out = hearth_bin().arg("frobnicate").output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr:\n{stderr}");
    assert!(stderr.contains("unknown command frobnicate"), "{stderr}");
    assert!(stderr.contains("Usage:"), "{stderr}");
}

//! The bad-input corpus, run through the `hearth` binary as an editor would meet it.
//!
//! Every case is a content folder that must not build: each `tests/fixtures/invalid/*` case,
//! and the cases made below from the minimal valid folder (empty, huge, binary and non-UTF-8
//! files, alias and nesting bombs, wrong types, impossible dates, a pipe, a dangling link, a
//! folder where a file belongs, thousands of bad files, ...). For each one `hearth build`
//! must, under a 1 GiB address-space limit and within [`LIMIT`]:
//! - exit with code 1 (not a panic's 101, not a signal) and print no panic;
//! - print an error naming the file, and `file:line` where the case has a line;
//! - leave the output of an earlier good build byte-identical, with nothing beside it.
//!
//! `cargo test -p hearth --test bad_input -- --nocapture` prints each case's time (and peak
//! memory, where `/usr/bin/time` is installed).

#![allow(clippy::unwrap_used)]

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod support;
use support::{TempDir, copy_dir, snapshot};

/// The most any one case may take (a debug build, on a busy 2-core machine).
const LIMIT: Duration = Duration::from_secs(20);

/// The address-space limit each run gets (`ulimit -v`, in KiB): 1 GiB.
const MEMORY_KIB: u64 = 1024 * 1024;

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures")
}

/// One bad content folder and what its error must name.
struct Case {
    name: String,
    content: PathBuf,
    /// The file the error names (relative to `content`), and the line, if it has one.
    file: Option<String>,
    line: Option<usize>,
    /// Text the error must contain.
    message: Option<String>,
}

/// What one run did.
struct Run {
    code: Option<i32>,
    stderr: String,
    took: Duration,
    peak_kib: Option<u64>,
}

/// `hearth build CONTENT --out OUT` under the memory limit, killed after [`LIMIT`].
fn build(content: &Path, out: &Path, logs: &Path) -> Run {
    let time = Path::new("/usr/bin/time");
    let script = if time.exists() {
        format!(
            "ulimit -v {MEMORY_KIB} && exec /usr/bin/time -f 'hearth-peak-kib %M' \"$0\" \"$@\""
        )
    } else {
        format!("ulimit -v {MEMORY_KIB} && exec \"$0\" \"$@\"")
    };
    let stdout = logs.join("stdout");
    let stderr = logs.join("stderr");
    let started = Instant::now();
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(script)
        .arg(env!("CARGO_BIN_EXE_hearth"))
        .arg("build")
        .arg(content)
        .arg("--out")
        .arg(out)
        .env("HEARTH_TODAY", "2024-06-01")
        .stdin(Stdio::null())
        .stdout(fs::File::create(&stdout).unwrap())
        .stderr(fs::File::create(&stderr).unwrap())
        .spawn()
        .unwrap();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > LIMIT {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = started.elapsed();
    let mut text = String::from_utf8_lossy(&fs::read(&stderr).unwrap()).to_string();
    let mut peak_kib = None;
    if let Some(at) = text.rfind("hearth-peak-kib ") {
        peak_kib = text[at + 16..].trim().parse().ok();
        text.truncate(at);
    }
    if status.is_none() {
        text.push_str(&format!("\n[killed after {LIMIT:?}]"));
    }
    Run {
        code: status.and_then(|s| s.code()),
        stderr: text,
        took,
        peak_kib,
    }
}

// ------------------------------------------------------------------ the fixture cases

/// `file:` and `line:` of the first block of a fixture's expect.txt.
fn first_expectation(case: &Path) -> (Option<String>, Option<usize>) {
    let text = fs::read_to_string(case.join("expect.txt")).unwrap_or_default();
    let (mut file, mut line) = (None, None);
    for raw in text.lines() {
        let raw = raw.trim();
        if raw == "---" {
            break;
        }
        match raw.split_once(':') {
            Some(("file", v)) => file = Some(v.trim().to_string()),
            Some(("line", v)) => line = v.trim().parse().ok(),
            _ => {}
        }
    }
    (file, line)
}

fn fixture_cases() -> Vec<Case> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(fixtures().join("invalid"))
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs.into_iter()
        .map(|dir| {
            let (file, line) = first_expectation(&dir);
            Case {
                name: format!("fixture {}", dir.file_name().unwrap().to_string_lossy()),
                content: dir,
                file,
                line,
                message: None,
            }
        })
        .collect()
}

// ------------------------------------------------------------------ the generated cases

/// A small deterministic stream of bytes (xorshift), for "binary garbage".
fn garbage(len: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x.to_le_bytes()[3]
        })
        .collect()
}

/// The classic "billion laughs": nine levels, each alias listed ten times.
fn billion_laughs() -> String {
    let mut s = String::from("authority: &a0 lol\n");
    for level in 1..10 {
        let refs = vec![format!("*a{}", level - 1); 10].join(", ");
        let _ = writeln!(s, "l{level}: &a{level} [{refs}]");
    }
    s.push_str("title: *a9\n");
    s
}

/// A plan file of `n` actions, the last of which has a bad RAG status.
fn big_plan(n: usize) -> (String, usize) {
    let mut s = String::from("id: big\ntitle: A big workstream\nactions:\n");
    for i in 0..n {
        let rag = if i + 1 == n { "purple" } else { "green" };
        let _ = write!(
            s,
            "  - id: big-{i:05}\n    title: Action number {i} in a long plan\n    rag: {rag}\n    timescale: 2024/25\n"
        );
    }
    // The last action's `rag:` is three lines above the end.
    let line = s.lines().count() - 1;
    (s, line)
}

fn generated_cases(root: &Path) -> Vec<Case> {
    type Setup = Box<dyn Fn(&Path)>;
    /// Name, how to break the folder, and the file, line and message the error must give.
    type Spec = (
        &'static str,
        Setup,
        Option<&'static str>,
        Option<usize>,
        Option<&'static str>,
    );
    let write = |rel: &'static str, bytes: Vec<u8>| -> Setup {
        Box::new(move |c: &Path| fs::write(c.join(rel), &bytes).unwrap())
    };
    let text = |rel: &'static str, s: String| write(rel, s.into_bytes());
    let replace = |rel: &'static str, from: &'static str, to: &'static str| -> Setup {
        Box::new(move |c: &Path| {
            let old = fs::read_to_string(c.join(rel)).unwrap();
            assert!(old.contains(from), "{rel} has no {from:?}");
            fs::write(c.join(rel), old.replacen(from, to, 1)).unwrap();
        })
    };
    let (plan, plan_line) = big_plan(20_000);
    let mut utf16 = vec![0xFF, 0xFE];
    for unit in fs::read_to_string(fixtures().join("valid/minimal/site.yaml"))
        .unwrap()
        .encode_utf16()
    {
        utf16.extend(unit.to_le_bytes());
    }
    let mut deep_block = String::new();
    for depth in 0..1_500 {
        let _ = writeln!(deep_block, "{}k:", "  ".repeat(depth));
    }
    let many_bad: Setup = Box::new(|c: &Path| {
        for i in 0..2_000 {
            fs::write(
                c.join(format!("plan/w{i:04}.yaml")),
                format!("id: w{i:04}\ntitle: W\nactions:\n  - id: w{i:04}-a\n    title: A\n    rag: purple\n    timescale: 2024/25\n"),
            )
            .unwrap();
        }
    });
    let folder_for_file: Setup = Box::new(|c: &Path| {
        fs::remove_file(c.join("site.yaml")).unwrap();
        fs::create_dir(c.join("site.yaml")).unwrap();
    });
    let dangling: Setup = Box::new(|c: &Path| {
        fs::remove_file(c.join("strategy.yaml")).unwrap();
        std::os::unix::fs::symlink(c.join("no-such-file.yaml"), c.join("strategy.yaml")).unwrap();
    });
    let looped: Setup = Box::new(|c: &Path| {
        fs::remove_file(c.join("site.yaml")).unwrap();
        std::os::unix::fs::symlink(c.join("site.yaml"), c.join("site.yaml")).unwrap();
    });
    let fifo: Setup = Box::new(|c: &Path| {
        fs::remove_file(c.join("site.yaml")).unwrap();
        let made = Command::new("mkfifo")
            .arg(c.join("site.yaml"))
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo failed");
    });

    #[rustfmt::skip]
    let specs: Vec<Spec> = vec![
        ("empty plan file", text("plan/fostering.yaml", String::new()), Some("plan/fostering.yaml"), None, Some("empty")),
        ("only whitespace and a comment", text("strategy.yaml", "  \n\n# nothing here\n".into()), Some("strategy.yaml"), None, Some("empty")),
        ("file over the size limit", text("plan/fostering.yaml", format!("id: x\n#{}\n", "x".repeat(9 * 1024 * 1024))), Some("plan/fostering.yaml"), None, Some("too large")),
        ("20,000 actions, the last one bad", text("plan/big.yaml", plan), Some("plan/big.yaml"), Some(plan_line), Some("purple")),
        ("non-UTF-8 byte", write("strategy.yaml", b"summary: A short\nsummary \xff here.\naims: []\npriorities: []\n".to_vec()), Some("strategy.yaml"), Some(2), Some("UTF-8")),
        ("saved as UTF-16", write("site.yaml", utf16), Some("site.yaml"), None, Some("UTF-8")),
        ("NUL byte", replace("site.yaml", "title: Placement", "title: Place\u{0}ment"), Some("site.yaml"), Some(2), Some("U+0000")),
        ("64 KB of binary garbage", write("site.yaml", garbage(64 * 1024)), Some("site.yaml"), None, None),
        ("100,000 open brackets", text("plan/fostering.yaml", format!("id: {}\n", "[".repeat(100_000))), Some("plan/fostering.yaml"), None, Some("nest")),
        ("1,500 levels of indentation", text("plan/fostering.yaml", deep_block), Some("plan/fostering.yaml"), None, Some("nest")),
        ("billion laughs", text("site.yaml", billion_laughs()), Some("site.yaml"), None, None),
        ("unclosed quote on a 1 MB line", text("strategy.yaml", format!("summary: \"{}\n", "a".repeat(1024 * 1024))), Some("strategy.yaml"), Some(1), None),
        ("a list where a mapping belongs", text("site.yaml", "- authority\n- title\n".into()), Some("site.yaml"), None, None),
        ("a number where a list belongs", replace("strategy.yaml", "aims:\n", "aims: 5\nunused:\n"), Some("strategy.yaml"), None, None),
        ("an order past i64", replace("plan/fostering.yaml", "title: Fostering\n", "title: Fostering\norder: 99999999999999999999999\n"), Some("plan/fostering.yaml"), Some(3), None),
        ("30 February", replace("plan/fostering.yaml", "timescale: 2024/25", "timescale: 2024-02-30"), Some("plan/fostering.yaml"), Some(7), None),
        ("a fifth quarter", replace("plan/fostering.yaml", "timescale: 2024/25", "timescale: Q5 2024"), Some("plan/fostering.yaml"), Some(7), None),
        ("a required field set to null", replace("site.yaml", "title: Placement Sufficiency Strategy", "title: ~"), Some("site.yaml"), Some(2), Some("title")),
        ("a bad escape in a quoted string", replace("site.yaml", "title: Placement Sufficiency Strategy", "title: \"Placement \\q Strategy\""), Some("site.yaml"), Some(2), None),
        ("an alias never defined", replace("site.yaml", "title: Placement Sufficiency Strategy", "title: *nowhere"), Some("site.yaml"), Some(2), None),
        ("an unclosed front matter", text("pages/about.md", "---\ntitle: About\nNo closing line.\n".into()), Some("pages/about.md"), None, None),
        ("a folder where site.yaml belongs", folder_for_file, Some("site.yaml"), None, Some("folder")),
        ("a dangling link", dangling, Some("strategy.yaml"), None, None),
        ("a link to itself", looped, Some("site.yaml"), None, None),
        ("a named pipe", fifo, Some("site.yaml"), None, Some("not a regular file")),
        ("2,000 files, each with an error", many_bad, Some("plan/w1999.yaml"), Some(6), Some("purple")),
    ];
    let mut cases = Vec::new();
    for (i, (name, setup, file, line, message)) in specs.into_iter().enumerate() {
        let content = root.join(format!("case-{i:02}"));
        copy_dir(&fixtures().join("valid/minimal"), &content);
        setup(&content);
        cases.push(Case {
            name: name.to_string(),
            content,
            file: file.map(str::to_string),
            line,
            message: message.map(str::to_string),
        });
    }
    // The content folder itself is wrong.
    let not_a_folder = root.join("content-is-a-file.yaml");
    fs::write(&not_a_folder, "title: x\n").unwrap();
    cases.push(Case {
        name: "a file given as the content folder".into(),
        content: not_a_folder,
        file: Some(String::new()),
        line: None,
        message: Some("not a content folder".into()),
    });
    cases.push(Case {
        name: "a content folder that does not exist".into(),
        content: root.join("no-such-folder"),
        file: Some(String::new()),
        line: None,
        message: Some("cannot open".into()),
    });
    cases
}

// ------------------------------------------------------------------ the run

/// What is wrong with one case's run, if anything.
fn judge(case: &Case, run: &Run) -> Vec<String> {
    let mut problems = Vec::new();
    if run.took > LIMIT || run.stderr.contains("[killed after") {
        problems.push(format!("took {:?}, over {LIMIT:?}", run.took));
    }
    if run.code != Some(1) {
        problems.push(format!("exit code {:?}, expected 1", run.code));
    }
    if run.stderr.contains("panicked") || run.stderr.contains("RUST_BACKTRACE") {
        problems.push("it panicked".into());
    }
    if !run.stderr.contains("error") {
        problems.push("no `error` line".into());
    }
    if !run.stderr.contains("Nothing was written") {
        problems.push("no `Nothing was written` line".into());
    }
    if let Some(file) = &case.file {
        let shown = if file.is_empty() {
            case.content.display().to_string()
        } else {
            case.content.join(file).display().to_string()
        };
        let wanted = match case.line {
            Some(line) => format!("{shown}:{line}:"),
            None => shown,
        };
        if !run.stderr.contains(&wanted) {
            problems.push(format!("no error at `{wanted}`"));
        }
    }
    if let Some(message) = &case.message
        && !run.stderr.contains(message.as_str())
    {
        problems.push(format!("no `{message}` in the error"));
    }
    problems
}

#[test]
fn every_bad_input_fails_cleanly_within_bounds_and_leaves_the_output_alone() {
    let tmp = TempDir::new("bad-input");
    let out = tmp.path().join("site").join("public");
    let logs = tmp.path().join("logs");
    fs::create_dir_all(&logs).unwrap();
    let good = build(&fixtures().join("valid/minimal"), &out, &logs);
    assert_eq!(
        good.code,
        Some(0),
        "the good build failed:\n{}",
        good.stderr
    );
    let before = snapshot(&out);
    assert!(
        before.len() > 5,
        "the good build wrote only {:?}",
        before.keys()
    );

    let mut cases = fixture_cases();
    cases.extend(generated_cases(tmp.path()));
    assert!(cases.len() >= 80, "only {} cases", cases.len());

    let mut failures = Vec::new();
    let mut table = String::new();
    let mut slowest = (Duration::ZERO, String::new());
    let mut greediest = (0u64, String::new());
    for case in &cases {
        let run = build(&case.content, &out, &logs);
        let mut problems = judge(case, &run);
        if snapshot(&out) != before {
            problems.push("the output folder changed".into());
        }
        let beside: Vec<_> = fs::read_dir(out.parent().unwrap())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        if beside != ["public"] {
            problems.push(format!("left beside the output: {beside:?}"));
        }
        let peak = run
            .peak_kib
            .map_or("-".into(), |k| format!("{:.1}", k as f64 / 1024.0));
        let _ = writeln!(
            table,
            "{:>7.1} ms  {:>7} MiB  exit {:?}  {}",
            run.took.as_secs_f64() * 1000.0,
            peak,
            run.code,
            case.name
        );
        if run.took > slowest.0 {
            slowest = (run.took, case.name.clone());
        }
        if run.peak_kib.unwrap_or(0) > greediest.0 {
            greediest = (run.peak_kib.unwrap_or(0), case.name.clone());
        }
        if !problems.is_empty() {
            failures.push(format!(
                "{}: {}\n--- stderr (first 1,500 characters) ---\n{}",
                case.name,
                problems.join("; "),
                run.stderr.chars().take(1500).collect::<String>()
            ));
        }
    }
    eprintln!("{table}");
    eprintln!(
        "{} bad inputs; slowest {:.0} ms ({}); most memory {:.1} MiB ({})",
        cases.len(),
        slowest.0.as_secs_f64() * 1000.0,
        slowest.1,
        greediest.0 as f64 / 1024.0,
        greediest.1
    );
    assert!(
        failures.is_empty(),
        "{} of {} bad inputs were mishandled:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

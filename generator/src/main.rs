//! The `hearth` command line.

use std::path::PathBuf;
use std::process::ExitCode;

const USAGE: &str = "\
hearth: publish a placement sufficiency strategy as a website

Usage:
  hearth build [CONTENT] [--out DIR]   build the site (default: content/ into public/)
  hearth check [CONTENT]               check the content and report every problem; writes nothing
  hearth help                          show this help
  hearth --version                     show the version

Exit status: 0 when all is well, 1 when the content has errors, 2 for a usage error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut iter = args.iter();
    while let Some(a) = iter.next() {
        match a.as_str() {
            "-h" | "--help" | "help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "-V" | "--version" => {
                println!("hearth {}", env!("CARGO_PKG_VERSION"));
                return ExitCode::SUCCESS;
            }
            "-o" | "--out" => match iter.next() {
                Some(v) => out = Some(PathBuf::from(v)),
                None => return usage("--out needs a folder"),
            },
            s if s.starts_with("--out=") => out = Some(PathBuf::from(&s[6..])),
            s if s.starts_with('-') => return usage(&format!("unknown option {s}")),
            s => positional.push(s.to_string()),
        }
    }
    let Some(command) = positional.first().cloned() else {
        return usage("no command given");
    };
    let content = PathBuf::from(positional.get(1).map_or("content", String::as_str));
    if positional.len() > 2 {
        return usage(&format!("unexpected argument {}", positional[2]));
    }
    match command.as_str() {
        "build" => {
            let out = out.unwrap_or_else(|| PathBuf::from("public"));
            let report = hearth::build(&content, &out);
            print_diagnostics(&report);
            if report.written {
                println!(
                    "Built {} pages ({} actions, {} measures; {} files) into {} in {:.2} s; {} warning{}.",
                    report.pages,
                    report.actions,
                    report.metrics,
                    report.files,
                    out.display(),
                    report.seconds,
                    report.warnings(),
                    if report.warnings() == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "Build failed: {} error{}. Nothing was written; {} is unchanged.",
                    report.errors(),
                    if report.errors() == 1 { "" } else { "s" },
                    out.display()
                );
                ExitCode::from(1)
            }
        }
        "check" => {
            if out.is_some() {
                return usage("check writes nothing, so it takes no --out");
            }
            let report = hearth::check(&content);
            print_diagnostics(&report);
            if report.errors() == 0 {
                println!(
                    "{} is ready to publish: {} pages, {} actions, {} measures; {} warning{}.",
                    content.display(),
                    report.pages,
                    report.actions,
                    report.metrics,
                    report.warnings(),
                    if report.warnings() == 1 { "" } else { "s" }
                );
                ExitCode::SUCCESS
            } else {
                eprintln!(
                    "{} error{} and {} warning{} in {}.",
                    report.errors(),
                    if report.errors() == 1 { "" } else { "s" },
                    report.warnings(),
                    if report.warnings() == 1 { "" } else { "s" },
                    content.display()
                );
                ExitCode::from(1)
            }
        }
        other => usage(&format!("unknown command {other}")),
    }
}

fn print_diagnostics(report: &hearth::Report) {
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("hearth: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

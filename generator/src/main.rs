//! The `hearth` command line.

use std::path::PathBuf;
use std::process::ExitCode;

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
  hearth help                          show this help
  hearth --version                     show the version

Exit status: 0 when all is well, 1 when the content has errors, 2 for a usage error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut positional = Vec::new();
    let mut out: Option<PathBuf> = None;
    let mut sets: Vec<String> = Vec::new();
    let mut json = false;
    let mut port: Option<u16> = None;
    let mut host: Option<String> = None;
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
            "--set" => match iter.next() {
                Some(v) => sets.push(v.clone()),
                None => return usage("--set needs input=value"),
            },
            s if s.starts_with("--set=") => sets.push(s[6..].to_string()),
            "--json" => json = true,
            "--port" => match iter.next().map(|v| v.parse::<u16>()) {
                Some(Ok(p)) => port = Some(p),
                _ => return usage("--port needs a port number (0 to 65535)"),
            },
            "--host" => match iter.next() {
                Some(h) => host = Some(h.clone()),
                None => return usage("--host needs an address, such as 127.0.0.1"),
            },
            s if s.starts_with('-') => return usage(&format!("unknown option {s}")),
            s => positional.push(s.to_string()),
        }
    }
    let Some(command) = positional.first().cloned() else {
        return usage("no command given");
    };
    if command == "scenario" {
        let Some(id) = positional.get(1) else {
            return usage("scenario needs the id of a scenario");
        };
        let content = PathBuf::from(positional.get(2).map_or("content", String::as_str));
        if let Some(extra) = positional.get(3) {
            return usage(&format!("unexpected argument {extra}"));
        }
        if out.is_some() {
            return usage("scenario writes nothing, so it takes no --out");
        }
        return scenario(&content, id, &sets, json);
    }
    if !sets.is_empty() || json {
        return usage("--set and --json belong to the scenario command");
    }
    if command != "serve" && (port.is_some() || host.is_some()) {
        return usage("--port and --host belong to the serve command");
    }
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
                    "Built {} pages ({} actions, {} measures, {} scenarios; {} files) into {} in {:.2} s; {} warning{}.",
                    report.pages,
                    report.actions,
                    report.metrics,
                    report.scenarios,
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
        "serve" => {
            if out.is_some() {
                return usage("serve keeps the site in memory, so it takes no --out");
            }
            let host = host.unwrap_or_else(|| "127.0.0.1".into());
            let opts = hearth::serve::Options {
                content: content.clone(),
                host: host.clone(),
                port: port.unwrap_or(1111),
            };
            match hearth::serve::start(&opts) {
                Ok(addr) => {
                    println!(
                        "Serving {} at http://{addr}/ (Ctrl+C to stop).",
                        content.display()
                    );
                    if host != "127.0.0.1" && host != "localhost" && host != "::1" {
                        println!(
                            "Warning: listening on {host}, so other machines can see this preview."
                        );
                    }
                    loop {
                        std::thread::park();
                    }
                }
                Err(e) => {
                    eprintln!("hearth: {e}");
                    ExitCode::from(1)
                }
            }
        }
        other => usage(&format!("unknown command {other}")),
    }
}

fn scenario(content: &std::path::Path, id: &str, sets: &[String], json: bool) -> ExitCode {
    let run = match hearth::run_scenario(content, id, sets) {
        Ok(run) => run,
        Err(hearth::ScenarioRunError::Content(report)) => {
            print_diagnostics(&report);
            eprintln!(
                "{} has {} error{}; fix them to run scenarios.",
                content.display(),
                report.errors(),
                if report.errors() == 1 { "" } else { "s" }
            );
            return ExitCode::from(1);
        }
        Err(hearth::ScenarioRunError::Usage(message)) => return usage(&message),
    };
    let sc = &run.scenario;
    if json {
        let value = hearth::scenarios::results_json(sc, &run.inputs, &run.results);
        match serde_json::to_string_pretty(&value) {
            Ok(text) => println!("{text}"),
            Err(e) => {
                eprintln!("hearth: cannot write JSON: {e}");
                return ExitCode::from(1);
            }
        }
        return ExitCode::SUCCESS;
    }
    let r = &run.results;
    let look = sc.presentation();
    println!("{} ({})", sc.title, sc.id);
    println!("\nAssumptions:");
    for (input, v) in sc.inputs.iter().zip(&run.inputs) {
        let changed = if (*v - input.default).abs() > 0.0 {
            format!("  (published: {})", input.default)
        } else {
            String::new()
        };
        let unit = match input.unit.as_deref() {
            Some("%") => "%".to_string(),
            Some(u) => format!(" {u}"),
            None => String::new(),
        };
        println!("  {} = {v}{unit}{changed}", input.id);
    }
    println!("\nResults:");
    for (o, def) in sc.outputs.iter().enumerate() {
        println!("  {}: {}", def.label, look.output_text(o, r.outputs[o]));
    }
    let widths: Vec<usize> = sc
        .series
        .iter()
        .enumerate()
        .map(|(s, def)| {
            r.series[s]
                .iter()
                .map(|v| look.series_text(s, *v).len())
                .chain(std::iter::once(def.id.len()))
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut head = String::from("\n  year");
    for (def, w) in sc.series.iter().zip(&widths) {
        head.push_str(&format!("  {:>w$}", def.id));
    }
    println!("{head}");
    for (t, year) in r.years.iter().enumerate() {
        let mut line = format!("  {year:>4}");
        for (s, w) in widths.iter().enumerate() {
            line.push_str(&format!("  {:>w$}", look.series_text(s, r.series[s][t])));
        }
        println!("{line}");
    }
    ExitCode::SUCCESS
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

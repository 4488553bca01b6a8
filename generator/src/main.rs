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
    if command == "edition" || command == "diff" {
        return editions(&command, &positional[1..]);
    }
    if command == "schema" || command == "new" {
        let other = !sets.is_empty() || json || port.is_some() || host.is_some();
        return schema_or_new(&command, &positional[1..], out, other);
    }
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
    if command == "theme" {
        return theme(&positional[1..], out.is_some());
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
        let record = hearth::render::scenarios::ResultsRecord::new(sc, &run.inputs, &run.results);
        // Through a JSON value, so keys come out in alphabetical order.
        let value = serde_json::to_value(&record).unwrap_or_default();
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

/// `hearth edition freeze VERSION [CONTENT]` and `hearth diff VERSION [CONTENT]`.
fn editions(command: &str, args: &[String]) -> ExitCode {
    let (version, rest) = match (command, args) {
        ("edition", [sub, version, rest @ ..]) if sub == "freeze" => (version, rest),
        ("edition", _) => return usage("write: hearth edition freeze VERSION [CONTENT]"),
        ("diff", [version, rest @ ..]) => (version, rest),
        _ => return usage("write: hearth diff VERSION [CONTENT]"),
    };
    let content = PathBuf::from(rest.first().map_or("content", String::as_str));
    if let Some(extra) = rest.get(1) {
        return usage(&format!("unexpected argument {extra}"));
    }
    let current = hearth::load::load(&content);
    if current.has_errors() {
        for d in &current.diagnostics {
            eprintln!("{d}");
        }
        eprintln!("{} has errors; fix them first.", content.display());
        return ExitCode::from(1);
    }
    if command == "edition" {
        return match hearth::tools::editions::freeze(&content, version) {
            Ok(dest) => {
                println!(
                    "Froze edition {version} in {}. It will be published at /editions/{version}/.",
                    dest.display()
                );
                if current.content.site.edition.notes.is_empty() {
                    println!(
                        "Tip: add a change note to site.yaml (edition.notes) saying what this edition changed."
                    );
                }
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("hearth: {e}");
                ExitCode::from(1)
            }
        };
    }
    let editions = hearth::tools::editions::list(&content);
    let Some((_, path)) = editions.iter().find(|(v, _)| v == version) else {
        let known: Vec<&str> = editions.iter().map(|(v, _)| v.as_str()).collect();
        let list = if known.is_empty() {
            "there are no editions yet (make one with: hearth edition freeze VERSION)".to_string()
        } else {
            format!("the editions are: {}", known.join(", "))
        };
        return usage(&format!("no edition {version}; {list}"));
    };
    let old = hearth::load::load(path);
    if old.has_errors() {
        for d in &old.diagnostics {
            eprintln!("{d}");
        }
        return ExitCode::from(1);
    }
    let changes = hearth_model::changes::changes(&old.content, &current.content);
    print!("{}", hearth::tools::editions::describe(version, &changes));
    ExitCode::SUCCESS
}

/// `hearth schema [NAME] [--out DIR]` and `hearth new DIR`.
fn schema_or_new(command: &str, args: &[String], out: Option<PathBuf>, other: bool) -> ExitCode {
    if other {
        return usage(&format!(
            "{command} takes no --set, --json, --port or --host"
        ));
    }
    if command == "new" {
        let [dir] = args else {
            return usage("write: hearth new DIR (the name of a new folder for your content)");
        };
        if out.is_some() {
            return usage("new writes into DIR, so it takes no --out");
        }
        let dir = PathBuf::from(dir);
        return match hearth::tools::new::create(&dir) {
            Ok(files) => {
                let shown = dir.display();
                println!("Created {shown} ({} files). Next:", files.len());
                println!("  hearth check {shown}   lists any mistake (run it after every change)");
                println!("  hearth serve {shown}   previews the site as you edit");
                println!(
                    "Every YAML file names its schema (in {shown}/schema/), so editors such as VS Code with the YAML extension complete fields and flag mistakes as you type."
                );
                ExitCode::SUCCESS
            }
            Err(e @ hearth::tools::new::NewError::NotEmpty(_)) => {
                eprintln!("hearth: {e}");
                ExitCode::from(2)
            }
            Err(e) => {
                eprintln!("hearth: {e}");
                ExitCode::from(1)
            }
        };
    }
    match (args, out) {
        ([], None) => {
            println!("JSON Schemas (draft 2020-12) for the content files:");
            print!("{}", hearth::tools::schema::listing());
            println!(
                "Print one with `hearth schema NAME`; write them all with `hearth schema --out DIR`."
            );
            ExitCode::SUCCESS
        }
        ([], Some(dir)) => match hearth::tools::schema::write_all(&dir) {
            Ok(names) => {
                println!("Wrote {} schemas into {}.", names.len(), dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("hearth: {e}");
                ExitCode::from(1)
            }
        },
        ([name], None) => match hearth::tools::schema::kind(name) {
            Some(kind) => {
                print!("{}", kind.text());
                ExitCode::SUCCESS
            }
            None => usage(&format!(
                "no schema `{name}`; the schemas are:\n{}",
                hearth::tools::schema::listing()
            )),
        },
        ([_], Some(_)) => {
            usage("give a schema NAME to print or --out DIR to write them all, not both")
        }
        _ => usage(&format!("unexpected argument {}", args[1])),
    }
}

/// `hearth theme eject [CONTENT]`.
fn theme(args: &[String], has_out: bool) -> ExitCode {
    if args.first().map(String::as_str) != Some("eject") {
        return usage("theme needs a subcommand: hearth theme eject [CONTENT]");
    }
    if let Some(extra) = args.get(2) {
        return usage(&format!("unexpected argument {extra}"));
    }
    if has_out {
        return usage("theme eject writes into CONTENT/theme/, so it takes no --out");
    }
    let content = PathBuf::from(args.get(1).map_or("content", String::as_str));
    match hearth::tools::eject::eject(&content) {
        Ok(done) => {
            for path in &done.skipped {
                println!("kept     {path} (already there)");
            }
            for path in &done.written {
                println!("written  {path}");
            }
            println!(
                "Copied {} file{} into {}; kept {} already there. Edit them there: each file overrides the built-in one.",
                done.written.len(),
                if done.written.len() == 1 { "" } else { "s" },
                done.folder.display(),
                done.skipped.len()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("hearth: {e}");
            ExitCode::from(1)
        }
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

//! The `hearth` command line.
//!
//! `parse` turns the arguments into a `Request` and touches nothing: `lex` reads the options
//! (which may come anywhere on the line) and the other words, then one small `parse_*`
//! function per command checks that command's words and options. `run` runs the command, one
//! small function each. Anything wrong with the arguments is a `Usage` error: the problem,
//! then the usage, and exit status 2.

use std::ffi::{OsStr, OsString};
use std::fmt::Display;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// jemalloc rather than the system allocator: a build allocates and frees a great many small
/// strings and values from every thread. Measured on a 30-member region (2 cores, alternating
/// runs): glibc's malloc spent about a sixth of the time in its own functions; jemalloc took
/// about a quarter off the wall time. mimalloc was slower here: it gives freed pages back to
/// the system at once, and a third of its time went on the kernel zeroing them again.
#[cfg(all(feature = "jemalloc", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

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

fn main() -> ExitCode {
    match parse(std::env::args_os().skip(1)) {
        Ok(Request::Help) => {
            println!("{USAGE}");
            ExitCode::SUCCESS
        }
        Ok(Request::Version) => {
            println!("hearth {}", env!("CARGO_PKG_VERSION"));
            ExitCode::SUCCESS
        }
        Ok(Request::Run(command)) => run(command),
        Err(Usage(problem)) => usage(&problem),
    }
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("hearth: {problem}\n\n{USAGE}");
    ExitCode::from(2)
}

// ------------------------------------------------------------------ parsing

/// What the command line asks for.
enum Request {
    Help,
    Version,
    Run(Command),
}

/// A command with everything it needs, defaults filled in.
enum Command {
    Build {
        content: PathBuf,
        out: PathBuf,
        offline: bool,
    },
    Check {
        content: PathBuf,
    },
    Pdf {
        content: PathBuf,
        out: PathBuf,
        edition: Option<String>,
    },
    Scenario {
        id: String,
        content: PathBuf,
        sets: Vec<String>,
        json: bool,
    },
    Serve {
        content: PathBuf,
        host: String,
        port: u16,
    },
    Freeze {
        version: String,
        content: PathBuf,
    },
    Diff {
        version: String,
        content: PathBuf,
    },
    New {
        dir: PathBuf,
    },
    SchemaList,
    SchemaPrint {
        name: String,
    },
    SchemaWrite {
        dir: PathBuf,
    },
    ThemeEject {
        content: PathBuf,
    },
    Import {
        file: PathBuf,
        level: Option<String>,
        json: bool,
    },
}

/// A usage error: what is wrong with the arguments.
struct Usage(String);

fn fail<T>(problem: impl Into<String>) -> Result<T, Usage> {
    Err(Usage(problem.into()))
}

/// The options, given anywhere on the line, and the other words in order.
#[derive(Default)]
struct Args {
    words: Vec<OsString>,
    out: Option<PathBuf>,
    sets: Vec<String>,
    json: bool,
    port: Option<u16>,
    host: Option<String>,
    level: Option<String>,
    offline: bool,
    edition: Option<String>,
}

/// The request made by `argv` (the arguments after the program name).
fn parse(argv: impl IntoIterator<Item = OsString>) -> Result<Request, Usage> {
    let mut args = Args::default();
    if let Some(asked) = lex(argv, &mut args)? {
        return Ok(asked);
    }
    let Some((name, words)) = args.words.split_first() else {
        return fail("no command given");
    };
    if args.offline && name != "build" {
        return fail("--offline belongs to the build command");
    }
    if args.edition.is_some() && name != "pdf" {
        return fail("--edition belongs to the pdf command");
    }
    if args.level.is_some() && name != "import" {
        return fail("--level belongs to the import command");
    }
    let command = match name.to_str().unwrap_or_default() {
        "build" => parse_build(words, &args),
        "check" => parse_check(words, &args),
        "pdf" => parse_pdf(words, &args),
        "scenario" => parse_scenario(words, &args),
        "serve" => parse_serve(words, &args),
        "edition" => parse_edition(words, &args),
        "diff" => parse_diff(words, &args),
        "new" => parse_new(words, &args),
        "schema" => parse_schema(words, &args),
        "theme" => parse_theme(words, &args),
        "import" => parse_import(words, &args),
        _ => fail(format!("unknown command {}", name.to_string_lossy())),
    };
    command.map(Request::Run)
}

/// Read the options and words of `argv` into `args`, in order. Help and the version are
/// answered as soon as they are seen (`Some`), whatever follows them.
fn lex(
    argv: impl IntoIterator<Item = OsString>,
    args: &mut Args,
) -> Result<Option<Request>, Usage> {
    use lexopt::Arg::{Long, Short, Value};
    let mut parser = lexopt::Parser::from_args(argv);
    while let Some(arg) = parser.next().map_err(|e| Usage(e.to_string()))? {
        match arg {
            Short('h') => return Ok(Some(Request::Help)),
            Long("help") => return flag(&mut parser, "--help").map(|()| Some(Request::Help)),
            Value(word) if word == "help" => return Ok(Some(Request::Help)),
            Short('V') => return Ok(Some(Request::Version)),
            Long("version") => {
                return flag(&mut parser, "--version").map(|()| Some(Request::Version));
            }
            Short('o') | Long("out") => {
                args.out = Some(value(&mut parser, "--out needs a folder")?.into());
            }
            Long("set") => {
                let set = value(&mut parser, "--set needs input=value")?;
                args.sets.push(text(&set)?);
            }
            Long("json") => {
                flag(&mut parser, "--json")?;
                args.json = true;
            }
            Long("offline") => {
                flag(&mut parser, "--offline")?;
                args.offline = true;
            }
            Long("port") => args.port = Some(port(&mut parser)?),
            Long("host") => {
                let host = value(&mut parser, "--host needs an address, such as 127.0.0.1")?;
                args.host = Some(text(&host)?);
            }
            Long("edition") => {
                let v = value(&mut parser, "--edition needs a version, such as 1.0")?;
                args.edition = Some(text(&v)?);
            }
            Long("level") => {
                let level = value(
                    &mut parser,
                    "--level needs a level: national, regional or local-authority",
                )?;
                args.level = Some(text(&level)?);
            }
            Value(word) => args.words.push(word),
            Short(c) => return fail(format!("unknown option -{c}")),
            Long(name) => {
                let name = format!("--{name}");
                return match parser.optional_value() {
                    Some(v) => fail(format!("unknown option {name}={}", v.to_string_lossy())),
                    None => fail(format!("unknown option {name}")),
                };
            }
        }
    }
    Ok(None)
}

/// The value of the option just read (`--out DIR`, `--out=DIR`, `-o DIR`, `-oDIR`), or the
/// `missing` problem.
fn value(parser: &mut lexopt::Parser, missing: &str) -> Result<OsString, Usage> {
    parser.value().map_err(|_| Usage(missing.into()))
}

/// The value of `--port`: a port number.
fn port(parser: &mut lexopt::Parser) -> Result<u16, Usage> {
    const PORT: &str = "--port needs a port number (0 to 65535)";
    match value(parser, PORT)?.to_str().map(str::parse) {
        Some(Ok(port)) => Ok(port),
        _ => fail(PORT),
    }
}

/// A long option that takes no value must not be given one (`--json=yes`).
fn flag(parser: &mut lexopt::Parser, option: &str) -> Result<(), Usage> {
    match parser.optional_value() {
        Some(_) => fail(format!("{option} takes no value")),
        None => Ok(()),
    }
}

/// A word that must be text (an id, a version, a name), not just a file name.
fn text(word: &OsStr) -> Result<String, Usage> {
    match word.to_str() {
        Some(text) => Ok(text.to_string()),
        None => fail(format!("{} is not valid UTF-8", word.to_string_lossy())),
    }
}

/// The optional CONTENT folder at `words[at]` (default `content`), and nothing after it.
fn content_at(words: &[OsString], at: usize) -> Result<PathBuf, Usage> {
    if let Some(extra) = words.get(at + 1) {
        return fail(format!("unexpected argument {}", extra.to_string_lossy()));
    }
    Ok(words
        .get(at)
        .map_or_else(|| PathBuf::from("content"), PathBuf::from))
}

impl Args {
    fn no_scenario_options(&self) -> Result<(), Usage> {
        if !self.sets.is_empty() || self.json {
            return fail("--set and --json belong to the scenario command");
        }
        Ok(())
    }

    fn no_serve_options(&self) -> Result<(), Usage> {
        if self.port.is_some() || self.host.is_some() {
            return fail("--port and --host belong to the serve command");
        }
        Ok(())
    }

    /// `--out` is not for this command; `why` says so.
    fn no_out(&self, why: &str) -> Result<(), Usage> {
        if self.out.is_some() {
            return fail(why);
        }
        Ok(())
    }

    /// No option but `--out`, for `command` (`new` and `schema`).
    fn only_out(&self, command: &str) -> Result<(), Usage> {
        if !self.sets.is_empty() || self.json || self.port.is_some() || self.host.is_some() {
            return fail(format!(
                "{command} takes no --set, --json, --port or --host"
            ));
        }
        Ok(())
    }
}

/// `hearth build [CONTENT] [--out DIR] [--offline]`.
fn parse_build(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    args.no_scenario_options()?;
    args.no_serve_options()?;
    let content = content_at(words, 0)?;
    let out = args.out.clone().unwrap_or_else(|| PathBuf::from("public"));
    Ok(Command::Build {
        content,
        out,
        offline: args.offline,
    })
}

/// `hearth check [CONTENT]`.
fn parse_check(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    args.no_scenario_options()?;
    args.no_serve_options()?;
    let content = content_at(words, 0)?;
    args.no_out("check writes nothing, so it takes no --out")?;
    Ok(Command::Check { content })
}

/// `hearth pdf [CONTENT] [--out FILE] [--edition VERSION]`.
fn parse_pdf(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    args.no_scenario_options()?;
    args.no_serve_options()?;
    if let Some(extra) = words.get(1) {
        return fail(format!("unexpected argument {}", extra.to_string_lossy()));
    }
    let content = content_at(words, 0)?;
    let out = args
        .out
        .clone()
        .unwrap_or_else(|| PathBuf::from("board-pack.pdf"));
    Ok(Command::Pdf {
        content,
        out,
        edition: args.edition.clone(),
    })
}

/// `hearth scenario ID [CONTENT] [--set INPUT=VALUE ...] [--json]`.
fn parse_scenario(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    let Some(id) = words.first() else {
        return fail("scenario needs the id of a scenario");
    };
    let content = content_at(words, 1)?;
    args.no_out("scenario writes nothing, so it takes no --out")?;
    args.no_serve_options()?;
    Ok(Command::Scenario {
        id: text(id)?,
        content,
        sets: args.sets.clone(),
        json: args.json,
    })
}

/// `hearth serve [CONTENT] [--port N] [--host ADDR]`.
fn parse_serve(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    args.no_scenario_options()?;
    let content = content_at(words, 0)?;
    args.no_out("serve keeps the site in memory, so it takes no --out")?;
    Ok(Command::Serve {
        content,
        host: args.host.clone().unwrap_or_else(|| "127.0.0.1".into()),
        port: args.port.unwrap_or(1111),
    })
}

/// `hearth edition freeze VERSION [CONTENT]`.
fn parse_edition(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    let version = match words {
        [sub, version, ..] if sub == "freeze" => version,
        _ => return fail("write: hearth edition freeze VERSION [CONTENT]"),
    };
    let content = content_at(words, 2)?;
    args.no_out("edition freeze writes into CONTENT/editions/, so it takes no --out")?;
    args.no_scenario_options()?;
    args.no_serve_options()?;
    let version = text(version)?;
    Ok(Command::Freeze { version, content })
}

/// `hearth diff VERSION [CONTENT]`.
fn parse_diff(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    let Some(version) = words.first() else {
        return fail("write: hearth diff VERSION [CONTENT]");
    };
    let content = content_at(words, 1)?;
    args.no_out("diff writes nothing, so it takes no --out")?;
    args.no_scenario_options()?;
    args.no_serve_options()?;
    let version = text(version)?;
    Ok(Command::Diff { version, content })
}

/// `hearth new DIR`.
fn parse_new(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    args.only_out("new")?;
    let [dir] = words else {
        return fail("write: hearth new DIR (the name of a new folder for your content)");
    };
    args.no_out("new writes into DIR, so it takes no --out")?;
    Ok(Command::New { dir: dir.into() })
}

/// `hearth schema [NAME] [--out DIR]`.
fn parse_schema(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    args.only_out("schema")?;
    match (words, &args.out) {
        ([], None) => Ok(Command::SchemaList),
        ([], Some(dir)) => Ok(Command::SchemaWrite { dir: dir.clone() }),
        ([name], None) => Ok(Command::SchemaPrint { name: text(name)? }),
        ([_], Some(_)) => {
            fail("give a schema NAME to print or --out DIR to write them all, not both")
        }
        ([_, extra, ..], _) => fail(format!("unexpected argument {}", extra.to_string_lossy())),
    }
}

/// `hearth theme eject [CONTENT]`.
fn parse_theme(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    if words.first().is_none_or(|sub| sub != "eject") {
        return fail("theme needs a subcommand: hearth theme eject [CONTENT]");
    }
    let content = content_at(words, 1)?;
    args.no_out("theme eject writes into CONTENT/theme/, so it takes no --out")?;
    args.no_scenario_options()?;
    args.no_serve_options()?;
    Ok(Command::ThemeEject { content })
}

/// `hearth import FILE [--level LEVEL] [--json]`.
fn parse_import(words: &[OsString], args: &Args) -> Result<Command, Usage> {
    let [file] = words else {
        return match words.get(1) {
            Some(extra) => fail(format!("unexpected argument {}", extra.to_string_lossy())),
            None => fail("write: hearth import FILE (a DfE open data standard CSV file)"),
        };
    };
    args.no_out("import writes nothing, so it takes no --out")?;
    args.no_serve_options()?;
    if !args.sets.is_empty() {
        return fail("--set belongs to the scenario command");
    }
    if let Some(level) = &args.level
        && !["national", "regional", "local-authority"].contains(&level.as_str())
    {
        return fail(format!(
            "--level {level}: write national, regional or local-authority"
        ));
    }
    Ok(Command::Import {
        file: file.into(),
        level: args.level.clone(),
        json: args.json,
    })
}

// ------------------------------------------------------------------ running

fn run(command: Command) -> ExitCode {
    match command {
        Command::Build {
            content,
            out,
            offline,
        } => build(&content, &out, offline),
        Command::Check { content } => check(&content),
        Command::Pdf {
            content,
            out,
            edition,
        } => pdf(&content, &out, edition.as_deref()),
        Command::Scenario {
            id,
            content,
            sets,
            json,
        } => scenario(&content, &id, &sets, json),
        Command::Serve {
            content,
            host,
            port,
        } => serve(content, host, port),
        Command::Freeze { version, content } => freeze(&content, &version),
        Command::Diff { version, content } => diff(&content, &version),
        Command::New { dir } => new(&dir),
        Command::SchemaList => schema_list(),
        Command::SchemaPrint { name } => schema_print(&name),
        Command::SchemaWrite { dir } => schema_write(&dir),
        Command::ThemeEject { content } => theme_eject(&content),
        Command::Import { file, level, json } => import(&file, level.as_deref(), json),
    }
}

/// "s" unless there is one.
fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

fn print_diagnostics(diagnostics: &[impl Display]) {
    for d in diagnostics {
        eprintln!("{d}");
    }
}

/// A failure that is not about the content: `hearth: ...`, exit status 1.
fn failed(problem: impl Display) -> ExitCode {
    eprintln!("hearth: {problem}");
    ExitCode::from(1)
}

fn import(file: &Path, level: Option<&str>, json: bool) -> ExitCode {
    match hearth::tools::import::inspect(file) {
        Ok(inventory) if json => {
            print!("{}", inventory.json());
            ExitCode::SUCCESS
        }
        Ok(inventory) => {
            print!("{}", inventory.text(level));
            ExitCode::SUCCESS
        }
        Err(e) => failed(e),
    }
}

fn pdf(content: &Path, out: &Path, edition: Option<&str>) -> ExitCode {
    let report = hearth::pdf::board_pack(content, edition, out);
    print_diagnostics(&report.diagnostics);
    if !report.written {
        let errors = report.diagnostics.iter().filter(|d| d.is_error()).count();
        eprintln!(
            "hearth: {errors} error{}; {} was not written",
            plural(errors),
            out.display()
        );
        return ExitCode::from(1);
    }
    if report.missing > 0 {
        eprintln!(
            "warning: {} character{} the board pack's font cannot show became ?",
            report.missing,
            plural(report.missing)
        );
    }
    println!(
        "wrote {} ({} page{}, {} bytes)",
        out.display(),
        report.pages,
        plural(report.pages),
        report.bytes
    );
    ExitCode::SUCCESS
}

fn build(content: &Path, out: &Path, offline: bool) -> ExitCode {
    let report = if offline {
        hearth::build_offline(content, out)
    } else {
        hearth::build(content, out)
    };
    print_diagnostics(&report.diagnostics);
    if !report.written {
        eprintln!(
            "Build failed: {} error{}. Nothing was written; {} is unchanged.",
            report.errors(),
            plural(report.errors()),
            out.display()
        );
        return ExitCode::from(1);
    }
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
        plural(report.warnings())
    );
    ExitCode::SUCCESS
}

fn check(content: &Path) -> ExitCode {
    let report = hearth::check(content);
    print_diagnostics(&report.diagnostics);
    if report.errors() > 0 {
        eprintln!(
            "{} error{} and {} warning{} in {}.",
            report.errors(),
            plural(report.errors()),
            report.warnings(),
            plural(report.warnings()),
            content.display()
        );
        return ExitCode::from(1);
    }
    println!(
        "{} is ready to publish: {} pages, {} actions, {} measures; {} warning{}.",
        content.display(),
        report.pages,
        report.actions,
        report.metrics,
        report.warnings(),
        plural(report.warnings())
    );
    ExitCode::SUCCESS
}

fn serve(content: PathBuf, host: String, port: u16) -> ExitCode {
    let opts = hearth::serve::Options {
        content,
        host,
        port,
    };
    let addr = match hearth::serve::start(&opts) {
        Ok(addr) => addr,
        Err(e) => return failed(e),
    };
    println!(
        "Serving {} at http://{addr}/ (Ctrl+C to stop).",
        opts.content.display()
    );
    let host = &opts.host;
    if host != "127.0.0.1" && host != "localhost" && host != "::1" {
        println!("Warning: listening on {host}, so other machines can see this preview.");
    }
    loop {
        std::thread::park();
    }
}

fn scenario(content: &Path, id: &str, sets: &[String], json: bool) -> ExitCode {
    let run = match hearth::run_scenario(content, id, sets) {
        Ok(run) => run,
        Err(hearth::ScenarioRunError::Content(report)) => {
            print_diagnostics(&report.diagnostics);
            eprintln!(
                "{} has {} error{}; fix them to run scenarios.",
                content.display(),
                report.errors(),
                plural(report.errors())
            );
            return ExitCode::from(1);
        }
        Err(hearth::ScenarioRunError::Usage(message)) => return usage(&message),
    };
    for note in &run.notes {
        eprintln!("note: {note}");
    }
    if json {
        let record =
            hearth::render::scenarios::ResultsRecord::new(&run.scenario, &run.inputs, &run.results);
        // Through a JSON value, so keys come out in alphabetical order.
        let value = serde_json::to_value(&record).unwrap_or_default();
        return match serde_json::to_string_pretty(&value) {
            Ok(text) => {
                println!("{text}");
                ExitCode::SUCCESS
            }
            Err(e) => failed(format!("cannot write JSON: {e}")),
        };
    }
    print_scenario(&run);
    ExitCode::SUCCESS
}

/// A scenario run as text: its assumptions, results and a table of its series by year.
fn print_scenario(run: &hearth::ScenarioRun) {
    let (sc, r) = (&run.scenario, &run.results);
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
}

fn freeze(content: &Path, version: &str) -> ExitCode {
    let current = hearth::load::load(content);
    if current.has_errors() {
        print_diagnostics(&current.diagnostics);
        eprintln!("{} has errors; fix them first.", content.display());
        return ExitCode::from(1);
    }
    let dest = match hearth::tools::editions::freeze(content, version) {
        Ok(dest) => dest,
        Err(e) => return failed(e),
    };
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

fn diff(content: &Path, version: &str) -> ExitCode {
    let current = hearth::load::load(content);
    if current.has_errors() {
        print_diagnostics(&current.diagnostics);
        eprintln!("{} has errors; fix them first.", content.display());
        return ExitCode::from(1);
    }
    let editions = hearth::tools::editions::list(content);
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
        print_diagnostics(&old.diagnostics);
        return ExitCode::from(1);
    }
    let changes = hearth_model::changes::changes(&old.content, &current.content);
    print!("{}", hearth::tools::editions::describe(version, &changes));
    ExitCode::SUCCESS
}

fn new(dir: &Path) -> ExitCode {
    let files = match hearth::tools::new::create(dir) {
        Ok(files) => files,
        Err(e @ hearth::tools::new::NewError::NotEmpty(_)) => {
            eprintln!("hearth: {e}");
            return ExitCode::from(2);
        }
        Err(e) => return failed(e),
    };
    let shown = dir.display();
    println!("Created {shown} ({} files). Next:", files.len());
    println!("  hearth check {shown}   lists any mistake (run it after every change)");
    println!("  hearth serve {shown}   previews the site as you edit");
    println!(
        "Every YAML file names its schema (in {shown}/schema/), so editors such as VS Code with the YAML extension complete fields and flag mistakes as you type."
    );
    ExitCode::SUCCESS
}

fn schema_list() -> ExitCode {
    println!("JSON Schemas (draft 2020-12) for the content files:");
    print!("{}", hearth::tools::schema::listing());
    println!("Print one with `hearth schema NAME`; write them all with `hearth schema --out DIR`.");
    ExitCode::SUCCESS
}

fn schema_print(name: &str) -> ExitCode {
    match hearth::tools::schema::kind(name) {
        Some(kind) => {
            print!("{}", kind.text());
            ExitCode::SUCCESS
        }
        None => usage(&format!(
            "no schema `{name}`; the schemas are:\n{}",
            hearth::tools::schema::listing()
        )),
    }
}

fn schema_write(dir: &Path) -> ExitCode {
    match hearth::tools::schema::write_all(dir) {
        Ok(names) => {
            println!("Wrote {} schemas into {}.", names.len(), dir.display());
            ExitCode::SUCCESS
        }
        Err(e) => failed(e),
    }
}

fn theme_eject(content: &Path) -> ExitCode {
    let done = match hearth::tools::eject::eject(content) {
        Ok(done) => done,
        Err(e) => return failed(e),
    };
    for path in &done.skipped {
        println!("kept     {path} (already there)");
    }
    for path in &done.written {
        println!("written  {path}");
    }
    println!(
        "Copied {} file{} into {}; kept {} already there. Edit them there: each file overrides the built-in one.",
        done.written.len(),
        plural(done.written.len()),
        done.folder.display(),
        done.skipped.len()
    );
    ExitCode::SUCCESS
}

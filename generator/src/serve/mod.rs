//! `hearth serve`: a live preview for editors.
//!
//! The site is rendered in memory (nothing is written to disk) and served over HTTP on the
//! loopback address. A watcher polls the content folder (theme included) for changed files and
//! re-renders; pages whose bytes changed are announced to open tabs over Server-Sent Events,
//! and those tabs reload. When a change breaks the content, the last good site keeps being
//! served and every tab shows an overlay with the problems (file and line); fixing the
//! mistake removes it. Only paths of the rendered site are served: anything else, `..`
//! included, is a 404.
//!
//! Served under `/__hearth/`: `live.js` and `live.css` (added to every HTML page), `events`
//! (the event stream) and `status` (the current problems as JSON).

pub mod incremental;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use incremental::Session;

const LIVE_JS: &str = include_str!("live.js");
const LIVE_CSS: &str = include_str!("live.css");
const TAG: &str = "<link rel=\"stylesheet\" href=\"/__hearth/live.css\"><script type=\"module\" src=\"/__hearth/live.js\"></script>";

/// How often the watcher looks for changed files.
pub const POLL: Duration = Duration::from_millis(25);

/// What the server holds: the last good site and the current problems.
#[derive(Debug, Default)]
struct State {
    files: BTreeMap<String, Vec<u8>>,
    /// Errors of the latest build (empty when it succeeded); warnings are not shown.
    errors: Vec<String>,
    /// Bumped on every rebuild; event streams wait for it to change.
    generation: u64,
    /// Pages (paths) whose bytes changed in the latest rebuild.
    changed: Vec<String>,
    /// When the latest rebuild finished and how long it took.
    built_in: Duration,
}

#[derive(Debug)]
struct Shared {
    state: Mutex<State>,
    bumped: Condvar,
}

/// Options of `hearth serve`.
#[derive(Debug, Clone)]
pub struct Options {
    pub content: PathBuf,
    pub host: String,
    pub port: u16,
}

/// Every file of the content folder and, for a region, of each member's folder.
fn fingerprint_all(content: &Path, out: &mut BTreeMap<PathBuf, (Option<SystemTime>, u64)>) {
    fingerprint(content, out);
    for member in crate::load::region::member_folders(content) {
        fingerprint(&member, out);
    }
}

/// Every file under `dir` with its modification time and length (hidden files skipped).
fn fingerprint(dir: &Path, out: &mut BTreeMap<PathBuf, (Option<SystemTime>, u64)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        if name.to_string_lossy().starts_with('.') {
            continue;
        }
        let path = entry.path();
        let Ok(meta) = entry.metadata() else { continue };
        if meta.is_dir() {
            fingerprint(&path, out);
        } else {
            out.insert(path, (meta.modified().ok(), meta.len()));
        }
    }
}

/// Start serving; returns the address actually bound (port 0 picks a free port) and runs the
/// watcher and the server on background threads until the process ends.
pub fn start(opts: &Options) -> Result<SocketAddr, String> {
    let listener = TcpListener::bind((opts.host.as_str(), opts.port))
        .map_err(|e| format!("cannot listen on {}:{}: {e}", opts.host, opts.port))?;
    let addr = listener
        .local_addr()
        .map_err(|e| format!("cannot read the address: {e}"))?;
    let shared = Arc::new(Shared {
        state: Mutex::new(State::default()),
        bumped: Condvar::new(),
    });
    // Fingerprint before the first build, so a file saved during or just after it (before
    // the watcher thread runs) is still seen as a change.
    let mut seen = BTreeMap::new();
    fingerprint_all(&opts.content, &mut seen);
    let mut session = Session::new(&opts.content);
    rebuild(&mut session, &shared, None);
    {
        let shared = Arc::clone(&shared);
        let content = opts.content.clone();
        std::thread::spawn(move || watch(&content, &mut session, &shared, seen));
    }
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let shared = Arc::clone(&shared);
            std::thread::spawn(move || {
                let _ = handle(stream, &shared);
            });
        }
    });
    Ok(addr)
}

/// Rebuild after the files `changed` changed (`None`: the first build) and publish the result;
/// prints what happened, with the time from the start of the render to the new site served.
fn rebuild(session: &mut Session, shared: &Shared, saved: Option<&BTreeSet<PathBuf>>) {
    let started = Instant::now();
    let first = saved.is_none();
    let outcome = session.render(saved);
    let Ok(mut state) = shared.state.lock() else {
        return;
    };
    let errors = outcome.errors;
    state.errors = errors.iter().map(ToString::to_string).collect();
    if let Some(update) = outcome.update {
        let mut files = std::mem::take(&mut state.files);
        let changed = update.apply(&mut files);
        state.files = files;
        let took = started.elapsed();
        let pages = changed.iter().filter(|p| p.ends_with(".html")).count();
        state.changed = changed;
        state.built_in = took;
        let ms = took.as_secs_f64() * 1000.0;
        if first {
            println!("Built {} files in {ms:.0} ms.", state.files.len());
        } else {
            let part = match &outcome.members {
                Some(ids) => format!(
                    " (member{} {} rendered again)",
                    if ids.len() == 1 { "" } else { "s" },
                    ids.join(", ")
                ),
                None => String::new(),
            };
            println!(
                "Rebuilt in {ms:.0} ms{part}: {pages} page{} changed.",
                if pages == 1 { "" } else { "s" }
            );
        }
    } else {
        state.changed.clear();
        state.built_in = started.elapsed();
        for e in &errors {
            eprintln!("{e}");
        }
        eprintln!(
            "{} error{}: still serving the last good version; fix and save to rebuild.",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        );
    }
    state.generation += 1;
    shared.bumped.notify_all();
}

/// Poll the content folder and rebuild when anything in it changes.
fn watch(
    content: &Path,
    session: &mut Session,
    shared: &Shared,
    mut last: BTreeMap<PathBuf, (Option<SystemTime>, u64)>,
) {
    loop {
        std::thread::sleep(POLL);
        let mut now = BTreeMap::new();
        fingerprint_all(content, &mut now);
        if now != last {
            // Let an editor finish writing (several files, or write-then-rename).
            std::thread::sleep(Duration::from_millis(10));
            now.clear();
            fingerprint_all(content, &mut now);
            let changed: BTreeSet<PathBuf> = now
                .iter()
                .filter(|(k, v)| last.get(*k) != Some(*v))
                .map(|(k, _)| k.clone())
                .chain(last.keys().filter(|k| !now.contains_key(*k)).cloned())
                .collect();
            last = now;
            rebuild(session, shared, Some(&changed));
        }
    }
}

/// The site path for a request path: `/` -> `index.html`, `/plan/` -> `plan/index.html`.
/// `None` for anything that is not a clean relative path (`..`, backslashes, NUL, bad
/// escapes).
pub fn site_path(request: &str) -> Option<String> {
    let path = request.split(['?', '#']).next().unwrap_or("");
    let decoded = percent_decode(path)?;
    if !decoded.starts_with('/') || decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut parts = Vec::new();
    for part in decoded[1..].split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            p => parts.push(p),
        }
    }
    let mut joined = parts.join("/");
    if decoded.ends_with('/') || joined.is_empty() {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str("index.html");
    }
    Some(joined)
}

fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = |b: u8| (b as char).to_digit(16);
            let (h, l) = (hex(*bytes.get(i + 1)?)?, hex(*bytes.get(i + 2)?)?);
            out.push((h * 16 + l) as u8);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "csv" => "text/csv; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "wasm" => "application/wasm",
        "xml" => "application/xml",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

fn respond(stream: &mut TcpStream, status: &str, kind: &str, body: &[u8]) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    stream.write_all(body)?;
    stream.flush()
}

/// Add the live-reload script and style to an HTML page.
fn with_live_reload(html: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(at) => format!("{}{TAG}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{TAG}").into_bytes(),
    }
}

fn status_json(state: &State) -> String {
    serde_json::json!({
        "generation": state.generation,
        "errors": state.errors,
        "changed": state.changed,
        "ms": (state.built_in.as_secs_f64() * 10_000.0).round() / 10.0,
    })
    .to_string()
}

fn handle(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut line = String::new();
    reader.by_ref().take(8192).read_line(&mut line)?;
    // Drain the headers (bounded).
    let mut header = String::new();
    for _ in 0..100 {
        header.clear();
        if reader.by_ref().take(8192).read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = line.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    if method != "GET" && method != "HEAD" {
        return respond(
            &mut stream,
            "405 Method Not Allowed",
            "text/plain; charset=utf-8",
            b"only GET and HEAD",
        );
    }
    match target.split('?').next().unwrap_or("") {
        "/__hearth/live.js" => {
            return respond(
                &mut stream,
                "200 OK",
                content_type("live.js"),
                LIVE_JS.as_bytes(),
            );
        }
        "/__hearth/live.css" => {
            return respond(
                &mut stream,
                "200 OK",
                content_type("live.css"),
                LIVE_CSS.as_bytes(),
            );
        }
        "/__hearth/status" => {
            let body = match shared.state.lock() {
                Ok(state) => status_json(&state),
                Err(_) => "{}".into(),
            };
            return respond(&mut stream, "200 OK", "application/json", body.as_bytes());
        }
        "/__hearth/events" => return events(stream, shared),
        _ => {}
    }
    let Ok(state) = shared.state.lock() else {
        return respond(&mut stream, "500 Internal Server Error", "text/plain", b"");
    };
    let found = site_path(target).and_then(|p| {
        state
            .files
            .get(&p)
            .map(|b| (p.clone(), b.clone()))
            // `/plan` without the slash: the folder's page.
            .or_else(|| {
                let dir = format!("{p}/index.html");
                state.files.get(&dir).map(|b| (dir, b.clone()))
            })
    });
    let (status, path, body) = match found {
        Some((p, b)) => ("200 OK", p, b),
        None => (
            "404 Not Found",
            "404.html".to_string(),
            state.files.get("404.html").cloned().unwrap_or_default(),
        ),
    };
    drop(state);
    let body = if path.ends_with(".html") {
        with_live_reload(&body)
    } else {
        body
    };
    if method == "HEAD" {
        return respond(&mut stream, status, content_type(&path), &[]);
    }
    respond(&mut stream, status, content_type(&path), &body)
}

/// A Server-Sent Events stream: one `build` event per rebuild, with the status JSON.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    stream.write_all(
        b"HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n",
    )?;
    let Ok(mut state) = shared.state.lock() else {
        return Ok(());
    };
    let mut seen = state.generation;
    let hello = format!("event: hello\ndata: {}\n\n", status_json(&state));
    drop(state);
    stream.write_all(hello.as_bytes())?;
    stream.flush()?;
    loop {
        let Ok(guard) = shared.state.lock() else {
            return Ok(());
        };
        let (guard, timeout) = shared
            .bumped
            .wait_timeout_while(guard, Duration::from_secs(15), |s| s.generation == seen)
            .map_err(|_| std::io::Error::other("lock poisoned"))?;
        state = guard;
        let message = if timeout.timed_out() {
            ": keep-alive\n\n".to_string()
        } else {
            seen = state.generation;
            format!("event: build\ndata: {}\n\n", status_json(&state))
        };
        drop(state);
        stream.write_all(message.as_bytes())?;
        stream.flush()?;
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn request_paths_map_to_site_files_and_never_leave_it() {
        assert_eq!(site_path("/").as_deref(), Some("index.html"));
        assert_eq!(site_path("/plan/").as_deref(), Some("plan/index.html"));
        assert_eq!(
            site_path("/plan/?rag=red").as_deref(),
            Some("plan/index.html")
        );
        assert_eq!(
            site_path("/static/css/hearth.css").as_deref(),
            Some("static/css/hearth.css")
        );
        assert_eq!(site_path("/a%20b/").as_deref(), Some("a b/index.html"));
        for bad in [
            "/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/plan/../../etc/passwd",
            "/%2E%2E%2Fsecret",
            "/a\\..\\b",
            "/%00",
            "/%zz",
            "relative",
        ] {
            assert_eq!(site_path(bad), None, "{bad}");
        }
    }

    #[test]
    fn live_reload_goes_before_the_end_of_the_body() {
        let html = with_live_reload(b"<html><body><p>x</p></body></html>");
        let text = String::from_utf8(html).unwrap();
        assert!(text.ends_with(&format!("{TAG}</body></html>")));
    }
}

//! `hearth serve` end to end: a page is served, a YAML edit appears on a later fetch, a broken
//! edit keeps the last good page and reports the error (with file and line) to open tabs, a fix
//! clears it, and nothing outside the site can be fetched.
#![allow(clippy::unwrap_used)]

mod support;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use support::{TempDir, copy_dir, example_content};

struct Server {
    child: Child,
    addr: String,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(content: &std::path::Path) -> Server {
    let mut child = Command::new(env!("CARGO_BIN_EXE_hearth"))
        .arg("serve")
        .arg(content)
        .args(["--port", "0"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let addr = loop {
        let line = lines.next().expect("serve printed its address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // Keep draining stdout so the server never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    Server { child, addr }
}

/// GET `path`: (status code, body).
fn get(addr: &str, path: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).to_string();
    let status = text
        .split_whitespace()
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

fn wait_for(what: &str, mut ok: impl FnMut() -> bool) {
    let start = Instant::now();
    while !ok() {
        assert!(
            start.elapsed() < Duration::from_secs(20),
            "timed out waiting for {what}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn edits_appear_errors_show_and_the_last_good_page_stays() {
    let tmp = TempDir::new("serve");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    let server = serve(&content);
    let addr = server.addr.clone();
    assert!(addr.starts_with("127.0.0.1:"), "binds to loopback: {addr}");

    let (status, page) = get(&addr, "/plan/fc-01/");
    assert_eq!(status, 200);
    assert!(
        page.contains("/__hearth/live.js"),
        "pages get the live-reload script"
    );
    let (status, _) = get(&addr, "/__hearth/live.js");
    assert_eq!(status, 200);

    // A YAML edit appears on a later fetch.
    let file = content.join("plan/foster-care.yaml");
    let original = std::fs::read_to_string(&file).unwrap();
    let first_title = original
        .lines()
        .find_map(|l| l.trim().strip_prefix("title: "))
        .unwrap()
        .to_string();
    let edited = original.replacen(
        "  - id: fc-01\n    title: ",
        "  - id: fc-01\n    title: Edited live in the preview and ",
        1,
    );
    assert_ne!(
        edited, original,
        "the example's first foster care action is fc-01"
    );
    std::fs::write(&file, &edited).unwrap();
    wait_for("the edit to be served", || {
        get(&addr, "/plan/fc-01/")
            .1
            .contains("Edited live in the preview")
    });
    assert!(!first_title.is_empty());

    // A broken edit: the error is reported with file and line; the last good page stays.
    std::fs::write(&file, edited.replacen("rag: ", "rag: purple #", 1)).unwrap();
    wait_for("the error to be reported", || {
        get(&addr, "/__hearth/status")
            .1
            .contains("foster-care.yaml:")
    });
    let (_, status_json) = get(&addr, "/__hearth/status");
    assert!(status_json.contains("rag"), "{status_json}");
    let (status, page) = get(&addr, "/plan/fc-01/");
    assert_eq!(status, 200);
    assert!(
        page.contains("Edited live in the preview"),
        "last good page still served"
    );

    // Fixing it clears the error.
    std::fs::write(&file, &original).unwrap();
    wait_for("the error to clear", || {
        get(&addr, "/__hearth/status").1.contains("\"errors\":[]")
    });
    assert!(
        !get(&addr, "/plan/fc-01/")
            .1
            .contains("Edited live in the preview")
    );
}

#[test]
fn nothing_outside_the_site_is_served() {
    let tmp = TempDir::new("serve-traversal");
    let content = tmp.path().join("content");
    copy_dir(&example_content(), &content);
    std::fs::write(tmp.path().join("secret.txt"), "do not serve").unwrap();
    let server = serve(&content);
    for path in [
        "/../secret.txt",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/plan/../../secret.txt",
        "/static/../../secret.txt",
        "/site.yaml",
        "/..\\secret.txt",
    ] {
        let (status, body) = get(&server.addr, path);
        assert_eq!(status, 404, "{path}");
        assert!(!body.contains("do not serve"), "{path}");
    }
    let (status, _) = get(&server.addr, "/static/css/hearth.css");
    assert_eq!(status, 200);
}

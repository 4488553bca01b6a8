//! Live-preview benchmark: `cargo bench -p hearth --bench serve`.
//!
//! Serves a copy of the example content with `hearth::serve`, then repeatedly saves a YAML
//! file and times how long until the rebuilt page is served (polling the page every
//! millisecond). Prints the median and 95th percentile; nothing is asserted.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create");
    for entry in std::fs::read_dir(from).expect("read").flatten() {
        let path = entry.path();
        let dest = to.join(entry.file_name());
        if path.is_dir() {
            copy_dir(&path, &dest);
        } else {
            std::fs::copy(&path, &dest).expect("copy");
        }
    }
}

fn get(addr: &str, path: &str) -> String {
    let mut s = TcpStream::connect(addr).expect("connect");
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    );
    let mut body = String::new();
    let _ = s.read_to_string(&mut body);
    body
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = std::env::temp_dir().join(format!("hearth-serve-bench-{}", std::process::id()));
    let content = tmp.join("content");
    let _ = std::fs::remove_dir_all(&tmp);
    copy_dir(&root.join("content"), &content);
    let addr = hearth::serve::start(&hearth::serve::Options {
        content: content.clone(),
        host: "127.0.0.1".into(),
        port: 0,
    })
    .expect("serve")
    .to_string();
    let file = content.join("plan/foster-care.yaml");
    let original = std::fs::read_to_string(&file).expect("read");
    let mut times = Vec::new();
    for i in 0..30 {
        let marker = format!("Bench edit number {i} of");
        let edited = original.replacen(
            "  - id: fc-01\n    title: ",
            &format!("  - id: fc-01\n    title: {marker} "),
            1,
        );
        // Let the watcher settle on the previous state first.
        std::thread::sleep(Duration::from_millis(120));
        let t = Instant::now();
        std::fs::write(&file, edited).expect("write");
        while !get(&addr, "/plan/fc-01/").contains(&marker) {
            assert!(t.elapsed() < Duration::from_secs(20), "edit never served");
            std::thread::sleep(Duration::from_millis(1));
        }
        times.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    times.sort_by(f64::total_cmp);
    println!(
        "save to rebuilt page served (example content, polling every {} ms): median {:.0} ms, p95 {:.0} ms, min {:.0} ms, max {:.0} ms over {} saves",
        hearth::serve::POLL.as_millis(),
        times[times.len() / 2],
        times[times.len() * 95 / 100],
        times[0],
        times[times.len() - 1],
        times.len()
    );
    let _ = std::fs::remove_dir_all(&tmp);
}

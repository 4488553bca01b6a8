//! The live preview's render of a region after a member's file is saved, timed in process:
//! `cargo run --release -p hearth --example serve_region -- REGION FILE [SAVES]`.
//!
//! Renders REGION once as `hearth serve` does, then SAVES times (default 20) rewrites FILE (a
//! member's) with one line changed and renders again with `serve::incremental::Session`,
//! applying the update to the files served. Prints, for the saves, the median and slowest wall
//! time from the save to the updated site and the process's CPU time per save (user + system,
//! from /proc/self/stat, so Linux only), which a busy machine inflates less than wall time.
//! FILE is restored at the end.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::time::Instant;

use hearth::serve::incremental::Session;

/// The process's CPU time so far, in clock ticks (user + system).
fn cpu_ticks() -> u64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name in parentheses: state is field 3, utime 14, stime 15.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let at = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    at(11) + at(12)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(region), Some(file)) = (args.first(), args.get(1)) else {
        eprintln!("usage: serve_region REGION FILE [SAVES]");
        std::process::exit(2);
    };
    let saves: usize = args.get(2).and_then(|n| n.parse().ok()).unwrap_or(20);
    let region = PathBuf::from(region);
    let file = PathBuf::from(file);
    let original = std::fs::read_to_string(&file).unwrap_or_default();
    let mut session = Session::new(&region);
    let started = Instant::now();
    let first = session.render(None);
    let mut served = BTreeMap::new();
    let Some(update) = first.update else {
        eprintln!("the region has errors: {:?}", first.errors);
        std::process::exit(1);
    };
    update.apply(&mut served);
    println!(
        "first render: {} files in {:.0} ms",
        served.len(),
        started.elapsed().as_secs_f64() * 1000.0
    );
    let mut walls = Vec::new();
    let mut ticks = 0;
    for i in 0..saves {
        let text = format!("{original}\n# saved {i}\n");
        let before = cpu_ticks();
        let t = Instant::now();
        std::fs::write(&file, text).unwrap_or_default();
        let outcome = session.render(Some(&BTreeSet::from([file.clone()])));
        if let Some(update) = outcome.update {
            update.apply(&mut served);
        }
        walls.push(t.elapsed().as_secs_f64() * 1000.0);
        ticks += cpu_ticks() - before;
        if !outcome.errors.is_empty() {
            eprintln!("errors: {:?}", outcome.errors);
        }
    }
    std::fs::write(&file, original).unwrap_or_default();
    walls.sort_by(f64::total_cmp);
    let hz = 100.0;
    println!(
        "{saves} saves: wall median {:.0} ms, slowest {:.0} ms; CPU {:.0} ms per save",
        walls.get(saves / 2).copied().unwrap_or(0.0),
        walls.last().copied().unwrap_or(0.0),
        ticks as f64 * 1000.0 / hz / saves.max(1) as f64
    );
}

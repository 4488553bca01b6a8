//! YAML loading, end to end: the fuzz input replaces one file of a small valid content folder
//! (`fuzz/base`: the full-features fixture with a scenario and a market folder added) and the
//! whole site is loaded, validated and rendered in memory with `hearth::render`. Any bytes give
//! either a site or error diagnostics, never a panic; every diagnostic formats; an error
//! names a file.
//!
//! The first byte of the input picks the file (see `FILES`), the rest is its content.
#![no_main]

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;

/// The files an input may replace (an existing file) or add (a new one).
const FILES: &[&str] = &[
    "site.yaml",
    "strategy.yaml",
    "facts.yaml",
    "plan/fostering.yaml",
    "metrics/placement-moves.yaml",
    "breakdowns/placement-types.yaml",
    "pages/introduction.md",
    "scenarios/carers.yaml",
    "market/market.yaml",
    "market/asks.yaml",
    "market/glossary.yaml",
    "market/demand/small-counts.yaml",
    "market/supply/fuzz.yaml",
    "plan/extra.yaml",
    "metrics/extra.yaml",
    "plan/fostering.csv",
];

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the fuzz content folder");
    for entry in std::fs::read_dir(from).expect("read the fixture").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).expect("copy the fixture");
        }
    }
}

/// A private copy of the fixture for this process (libFuzzer may run several).
fn folder() -> &'static PathBuf {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let fixture = Path::new(env!("CARGO_MANIFEST_DIR")).join("base");
        let dir = std::env::temp_dir().join(format!("hearth-fuzz-yaml-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        copy_dir(&fixture, &dir);
        std::fs::create_dir_all(dir.join("market/supply")).expect("create a content subfolder");
        // Unchanged, the base must build: else only error paths would be fuzzed.
        let (site, report) = hearth::render(&dir);
        assert!(
            site.is_some(),
            "fuzz/base does not build: {:?}",
            report.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>()
        );
        dir
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, body)) = data.split_first() else {
        return;
    };
    let dir = folder();
    let rel = FILES[usize::from(pick) % FILES.len()];
    let path = dir.join(rel);
    let original = std::fs::read(&path).ok();
    std::fs::write(&path, body).expect("write the fuzz input");

    let (site, report) = hearth::render(dir);
    for d in &report.diagnostics {
        let shown = d.to_string();
        if d.is_error() {
            assert!(!shown.is_empty());
        }
    }
    assert_eq!(site.is_some(), report.errors() == 0);

    match original {
        Some(bytes) => std::fs::write(&path, bytes).expect("restore the fixture file"),
        None => std::fs::remove_file(&path).expect("remove the added file"),
    }
});

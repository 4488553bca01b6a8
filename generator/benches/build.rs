//! Build-time benchmark: `cargo bench -p hearth --bench build`.
//!
//! Times a full `hearth::build` (load, validate, render, write) of the example content and
//! of generated content with 2,000 actions and 500 metrics, then each stage on its own: the
//! load (`hearth::load::project`), the position index the load builds for every YAML file
//! (the second parse, see ARCHITECTURE.md), and the render (`hearth::render::render`).
//! Prints the median and the range of several runs; nothing is asserted (speed is reported,
//! not tested).
//! Set `HEARTH_BENCH_ACTIONS` / `HEARTH_BENCH_METRICS` to try other sizes.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

#[path = "support/synthetic.rs"]
mod synthetic;
use synthetic::synthetic;

fn time(label: &str, content: &Path, out: &Path, runs: usize) {
    let mut secs = Vec::new();
    let mut pages = 0;
    for _ in 0..runs {
        let t = Instant::now();
        let report = hearth::build(content, out);
        secs.push(t.elapsed().as_secs_f64());
        assert!(
            report.written,
            "bench build failed: {:#?}",
            report.diagnostics.first()
        );
        pages = report.pages;
    }
    secs.sort_by(f64::total_cmp);
    let median = secs[secs.len() / 2];
    println!(
        "{label}: {pages} pages, median {:.3} s over {runs} runs (min {:.3}, max {:.3}); {:.2} ms per page",
        median,
        secs[0],
        secs[secs.len() - 1],
        1000.0 * median / pages.max(1) as f64
    );
}

/// The median of `runs` timings of `f`, in milliseconds.
fn median_ms(runs: usize, mut f: impl FnMut()) -> f64 {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let t = Instant::now();
            f();
            1000.0 * t.elapsed().as_secs_f64()
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    ms[ms.len() / 2]
}

/// Each stage of a build on its own.
fn stages(label: &str, content: &Path, runs: usize) {
    let load = median_ms(runs, || {
        std::hint::black_box(hearth::load::project(content));
    });
    let project = hearth::load::project(content);
    // The YAML files (a Markdown page's index covers only its front matter).
    let texts: Vec<String> = project
        .sources()
        .filter(|f| f.display.ends_with(".yaml") || f.display.ends_with(".yml"))
        .map(|f| f.text.clone())
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let index = median_ms(runs, || {
        for text in &texts {
            std::hint::black_box(hearth::load::yamlpos::PosIndex::build(text, 0));
        }
    });
    let render = median_ms(runs, || {
        std::hint::black_box(hearth::render::render(&project));
    });
    println!(
        "{label}: load {load:.1} ms (of which the position index of {} files, {} KB: {index:.1} ms, {:.0}%), render {render:.1} ms",
        texts.len(),
        bytes / 1024,
        100.0 * index / load
    );
}

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let tmp = std::env::temp_dir().join(format!("hearth-bench-{}", std::process::id()));
    let out = tmp.join("public");
    time("example content", &root.join("content"), &out, 7);
    stages("example content", &root.join("content"), 7);
    let actions = std::env::var("HEARTH_BENCH_ACTIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let metrics = std::env::var("HEARTH_BENCH_METRICS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let content = tmp.join("content");
    let t = Instant::now();
    synthetic(&content, actions, metrics);
    println!(
        "generated {actions} actions and {metrics} metrics in {:.2} s",
        t.elapsed().as_secs_f64()
    );
    let label = format!("synthetic {actions} actions / {metrics} metrics");
    time(&label, &content, &out, 5);
    stages(&label, &content, 5);
    let _ = fs::remove_dir_all(&tmp);
}

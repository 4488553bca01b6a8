//! Synthetic content for benchmarks: a content folder of any size that `hearth check` passes.
//! Shared by `benches/build.rs` and `examples/synthetic.rs` (which the browser benchmark and
//! scripts/bench-hugo.sh use; the latter also writes an equivalent Hugo site from the same
//! figures, so the values below are public).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

/// Number of strategy priorities (each gets a page).
pub const PRIORITIES: usize = 10;
/// RAG ratings, cycled through by action number.
pub const RAGS: [&str; 5] = ["red", "amber", "green", "complete", "not-started"];
/// Seasons of the action timescales, cycled through by action number.
pub const SEASONS: [&str; 4] = ["Spring", "Summer", "Autumn", "Winter"];

/// The value of metric `m` in the year starting `year`.
pub fn metric_value(m: usize, year: usize) -> f64 {
    40.0 + ((m * 7 + year) % 30) as f64 / 2.0
}

/// The value of both comparators in the year starting `year`.
pub fn comparator_value(year: usize) -> f64 {
    50.0 + (year % 5) as f64
}

/// Write `text` to `path`, creating its folder.
pub fn write(path: &Path, text: &str) {
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).expect("create bench folder");
    }
    fs::write(path, text).expect("write bench file");
}

/// Write a synthetic content folder with `actions` actions (in workstreams of 50) and
/// `metrics` metrics (each with 8 years of values, a target and two comparators).
pub fn synthetic(dir: &Path, actions: usize, metrics: usize) {
    let _ = fs::remove_dir_all(dir);
    write(
        &dir.join("site.yaml"),
        "authority: Benchmark Borough Council\nexample: true\ntitle: Synthetic strategy\nbase_url: https://example.org/\nedition: { version: \"1.0\", status: published, published: 2024 }\ncontact: { team: Bench team, email: bench@example.org }\nlicence: { name: Open Government Licence v3.0 }\n",
    );
    let priorities = PRIORITIES;
    let mut s = String::from("summary: A synthetic strategy for timing builds.\naims:\n");
    for a in 0..5 {
        let _ = writeln!(
            s,
            "  - {{ id: aim-{a}, title: Aim {a}, statement: The aim numbered {a}. }}"
        );
    }
    s.push_str("priorities:\n");
    for p in 0..priorities {
        let _ = writeln!(
            s,
            "  - id: priority-{p}\n    title: Priority {p}\n    summary: Why priority {p} matters, with a [link](metric:metric-{}).\n    aims: [aim-{}]\n    commitments: [We will do the first thing, We will do the second thing]\n    metrics: [metric-{}]",
            p % metrics.max(1),
            p % 5,
            p % metrics.max(1)
        );
    }
    write(&dir.join("strategy.yaml"), &s);
    let (rags, seasons) = (RAGS, SEASONS);
    for w in 0..actions.div_ceil(50) {
        let mut y = format!(
            "id: workstream-{w}\ntitle: Workstream {w}\nlead: Lead officer {w}\nactions:\n"
        );
        for i in 0..50.min(actions - w * 50) {
            let n = w * 50 + i;
            let _ = writeln!(
                y,
                "  - id: action-{n}\n    title: Action number {n} to improve placements\n    quality_measure: Good looks like **outcome {n}** being met.\n    indicators: [More carers approved, Fewer moves]\n    status: Work is under way on action {n}.\n    rag: {}\n    timescale: {} {}\n    owner: Owner {}\n    priorities: [priority-{}]\n    aims: [aim-{}]\n    updates:\n      - {{ date: 2024-06-30, rag: amber, note: First update on {n}. }}",
                rags[n % 5],
                seasons[n % 4],
                2020 + n % 6,
                n % 7,
                n % priorities,
                n % 5
            );
        }
        write(&dir.join(format!("plan/workstream-{w:03}.yaml")), &y);
    }
    for m in 0..metrics {
        let mut y = format!(
            "id: metric-{m}\ntitle: Measure number {m}\nunit: percent\npolarity: higher-is-better\ndecimals: 1\ndefinition: What measure {m} counts.\nsource: {{ publisher: Department for Education }}\nseries:\n"
        );
        for year in 2016..2024 {
            let _ = writeln!(
                y,
                "  - {{ period: {year}/{:02}, value: {} }}",
                (year + 1) % 100,
                metric_value(m, year)
            );
        }
        y.push_str("targets:\n  - { period: 2024/25, value: 60 }\ncomparators:\n");
        for (id, label) in [
            ("england", "England"),
            ("neighbours", "Statistical neighbours"),
        ] {
            let _ = writeln!(
                y,
                "  - id: {id}\n    label: {label}\n    kind: {}\n    series:",
                if id == "england" {
                    "england"
                } else {
                    "statistical-neighbours"
                }
            );
            for year in 2016..2024 {
                let _ = writeln!(
                    y,
                    "      - {{ period: {year}/{:02}, value: {} }}",
                    (year + 1) % 100,
                    comparator_value(year)
                );
            }
        }
        write(&dir.join(format!("metrics/metric-{m:04}.yaml")), &y);
    }
    write(
        &dir.join("pages/about.md"),
        "---\ntitle: About\n---\nA page linking [a measure](metric:metric-0) and [an action](action:action-0).\n",
    );
}

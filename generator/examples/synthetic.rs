//! Write a synthetic content folder: `cargo run --release -p hearth --example synthetic -- DIR
//! [ACTIONS] [METRICS]` (defaults 10,000 actions, 50 metrics). Used by scripts/bench-browser.sh.

#[path = "../benches/support/synthetic.rs"]
mod synthetic;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(dir) = args.first() else {
        eprintln!("usage: synthetic DIR [ACTIONS] [METRICS]");
        std::process::exit(2);
    };
    let number =
        |i: usize, default: usize| args.get(i).and_then(|v| v.parse().ok()).unwrap_or(default);
    let (actions, metrics) = (number(1, 10_000), number(2, 50));
    synthetic::synthetic(std::path::Path::new(dir), actions, metrics);
    println!("wrote {actions} actions and {metrics} metrics to {dir}");
}

//! Write a synthetic content folder: `cargo run --release -p hearth --example synthetic -- DIR
//! [ACTIONS] [METRICS] [PAGES] [--hugo HUGO_DIR]` (defaults 10,000 actions, 50 metrics, no extra
//! pages). Used by scripts/bench-browser.sh and scripts/bench-hugo.sh.
//!
//! PAGES adds that many Markdown pages (`pages/page-NNNNN.md`, kept out of the navigation) to
//! the content folder. With `--hugo HUGO_DIR`, the same site is also written as Hugo content
//! (`HUGO_DIR/content/`): one Markdown file for every page Hearth builds, with the same titles,
//! text, tables and links (content links become `relref` shortcodes, which Hugo checks as
//! Hearth checks `metric:ID`). scripts/bench-hugo.sh adds the layouts and configuration.

use std::fmt::Write as _;
use std::path::Path;

#[path = "../benches/support/synthetic.rs"]
mod synthetic;
use synthetic::{PRIORITIES, RAGS, SEASONS, comparator_value, metric_value, write};

const AIMS: usize = 5;

fn rag_label(rag: &str) -> &'static str {
    match rag {
        "red" => "Red: off track",
        "amber" => "Amber: some risk to delivery",
        "green" => "Green: on track",
        "complete" => "Complete",
        _ => "Not started",
    }
}

/// The body of narrative page `i` of `total`: headings, paragraphs, a list, a table and
/// links to the next page and a measure. `link(kind, id)` writes a content link's target.
fn narrative(
    i: usize,
    total: usize,
    metrics: usize,
    link: &dyn Fn(&str, &str) -> String,
) -> String {
    let next = format!("page-{:05}", (i + 1) % total);
    let metric = format!("metric-{}", i % metrics.max(1));
    let mut s = format!(
        "This page explains *part {i}* of how the council will secure **sufficient placements** \
         for children in care. It draws on [the latest figures]({}) and on what children, \
         carers and providers told us during the consultation.\n\n",
        link("metric", &metric)
    );
    for (h, topic) in [
        ("Why this matters", "stability"),
        ("What we heard", "local homes"),
    ] {
        let _ = write!(
            s,
            "## {h}\n\nChildren do best when they can stay close to their schools, friends and \
             families. Part {i} sets out how {topic} will improve over the life of the strategy, \
             what we will commission, and how we will know whether it is working. We will \
             review progress every quarter with partners and publish what we find.\n\n\
             Where a child needs a placement further away, we will make sure the reasons are \
             recorded, that the child's views are heard, and that plans to return are kept \
             under review by the independent reviewing officer.\n\n"
        );
    }
    s.push_str("- More foster carers approved locally\n- Fewer children moving placement\n- More sibling groups kept together\n- Shorter waits for a first placement\n\n## Figures\n\n| Year | Children looked after | Placements in area |\n|---|---:|---:|\n");
    for (k, year) in (2019..2024).enumerate() {
        let _ = writeln!(
            s,
            "| {year}/{:02} | {} | {}% |",
            (year + 1) % 100,
            300 + (i * 3 + k * 11) % 90,
            55 + (i + k * 7) % 30
        );
    }
    let _ = write!(s, "\nRead on: [the next part]({}).\n", link("page", &next));
    s
}

/// Hearth: `pages` Markdown pages outside the navigation.
fn hearth_pages(dir: &Path, pages: usize, metrics: usize) {
    let link = |kind: &str, id: &str| format!("{kind}:{id}");
    for i in 0..pages {
        write(
            &dir.join(format!("pages/page-{i:05}.md")),
            &format!(
                "---\ntitle: Narrative page {i}\nsummary: Part {i} of the strategy's narrative.\nnav: false\n---\n{}",
                narrative(i, pages, metrics, &link)
            ),
        );
    }
}

/// Hugo: the same site as Markdown, page for page (see the module comment).
fn hugo(dir: &Path, actions: usize, metrics: usize, pages: usize) {
    let content = dir.join("content");
    let _ = std::fs::remove_dir_all(&content);
    let relref = |kind: &str, id: &str| {
        let section = match kind {
            "metric" => "measures",
            "action" => "plan",
            "priority" => "priorities",
            _ => "pages",
        };
        format!("{{{{< relref \"/{section}/{id}.md\" >}}}}")
    };
    let md = |path: &str, text: String| write(&content.join(path), &text);
    md(
        "_index.md",
        "---\ntitle: Synthetic strategy\n---\nA synthetic strategy for timing builds.\n".into(),
    );
    let mut strategy = String::from(
        "---\ntitle: About the strategy\nlayout: strategy\n---\nA synthetic strategy for timing builds.\n\n## Our aims\n\n",
    );
    for a in 0..AIMS {
        let _ = writeln!(strategy, "- **Aim {a}**: The aim numbered {a}.");
    }
    md("strategy.md", strategy);
    md(
        "accessibility.md",
        "---\ntitle: Accessibility statement\n---\nThis website is run by Benchmark Borough Council. \
         We want as many people as possible to be able to use it.\n\n## How accessible this website is\n\n\
         The pages meet WCAG 2.2 AA. Charts have a table of every figure beside them.\n\n\
         ## Reporting problems\n\nEmail bench@example.org.\n"
            .into(),
    );
    md(
        "priorities/_index.md",
        "---\ntitle: Priorities\n---\nThe priorities of the strategy.\n".into(),
    );
    for p in 0..PRIORITIES {
        let metric = format!("metric-{}", p % metrics.max(1));
        md(
            &format!("priorities/priority-{p}.md"),
            format!(
                "---\ntitle: Priority {p}\nweight: {}\naim: aim-{}\nmetric: {metric}\n---\nWhy priority {p} matters, with a [link]({}).\n\n## Our commitments\n\n- We will do the first thing\n- We will do the second thing\n",
                p + 1,
                p % AIMS,
                relref("metric", &metric)
            ),
        );
    }
    md(
        "plan/_index.md",
        "---\ntitle: Delivery plan\n---\nWhat we will do, who leads it and how it is going.\n"
            .into(),
    );
    for n in 0..actions {
        let (rag, season, year) = (RAGS[n % 5], SEASONS[n % 4], 2020 + n % 6);
        let priority = format!("priority-{}", n % PRIORITIES);
        md(
            &format!("plan/action-{n}.md"),
            format!(
                "---\ntitle: Action number {n} to improve placements\nweight: {}\nworkstream: Workstream {}\nrag: {rag}\nowner: Owner {}\ntimescale: {season} {year}\npriority: {priority}\nquality: Good looks like **outcome {n}** being met.\n---\n\
                 **{}**\n\n\
                 | | |\n|---|---|\n\
                 | What good looks like | Good looks like **outcome {n}** being met. |\n\
                 | How we will know it is having an impact | More carers approved; fewer moves |\n\
                 | Where we are now | Work is under way on action {n}. |\n\
                 | Timescale | {season} {year} |\n\
                 | Owner | Owner {} |\n\
                 | Priorities | [Priority {}](../../priorities/{priority}/) |\n\
                 | Aims | Aim {} |\n\n\
                 ## Progress updates\n\n- 30 June 2024 · Amber: First update on {n}.\n",
                n + 1,
                n / 50,
                n % 7,
                rag_label(rag),
                n % 7,
                n % PRIORITIES,
                n % AIMS
            ),
        );
    }
    md(
        "measures/_index.md",
        "---\ntitle: Measures\n---\nHow we will know whether the strategy is working.\n".into(),
    );
    for m in 0..metrics {
        let values: Vec<String> = (2016..2024)
            .map(|y| format!("{:.1}", metric_value(m, y)))
            .collect();
        let (last, prev) = (metric_value(m, 2023), metric_value(m, 2022));
        let mut s = format!(
            "---\ntitle: Measure number {m}\nweight: {}\nlatest: \"{last:.1}%\"\nvalues: [{}]\n---\nMeasure number {m}: {last:.1}% in 2023/24, {} from {prev:.1}% in 2022/23. \
             The target is 60.0% by 2024/25. England: {:.1}% in 2023/24. Statistical neighbours: {:.1}% in 2023/24.\n\n\
             | Period | Benchmark Borough Council | Target | England | Statistical neighbours |\n|---|---:|---:|---:|---:|\n",
            m + 1,
            values.join(", "),
            if last >= prev { "up" } else { "down" },
            comparator_value(2023),
            comparator_value(2023)
        );
        for year in 2016..2024 {
            let c = comparator_value(year);
            let _ = writeln!(
                s,
                "| {year}/{:02} | {:.1}% | | {c:.1}% | {c:.1}% |",
                (year + 1) % 100,
                metric_value(m, year)
            );
        }
        let _ = write!(
            s,
            "| 2024/25 | | 60.0% | | |\n\n## What this measures\n\nWhat measure {m} counts.\n\n## Source\n\nDepartment for Education.\n"
        );
        md(&format!("measures/metric-{m}.md"), s);
    }
    // Hearth's pages/ folder: pages at /SLUG/, listed on the strategy page, no section page.
    md(
        "pages/_index.md",
        "---\ntitle: Pages\n_build:\n  render: never\n  list: never\n---\n".into(),
    );
    md(
        "pages/about.md",
        format!(
            "---\ntitle: About\nurl: /about/\n---\nA page linking [a measure]({}) and [an action]({}).\n",
            relref("metric", "metric-0"),
            relref("action", "action-0")
        ),
    );
    for i in 0..pages {
        md(
            &format!("pages/page-{i:05}.md"),
            format!(
                "---\ntitle: Narrative page {i}\nsummary: Part {i} of the strategy's narrative.\nurl: /page-{i:05}/\n---\n{}",
                narrative(i, pages, metrics, &relref)
            ),
        );
    }
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let hugo_dir = args.iter().position(|a| a == "--hugo").map(|i| {
        let dir = args.get(i + 1).cloned();
        args.drain(i..(i + 2).min(args.len()));
        dir
    });
    let Some(dir) = args.first() else {
        eprintln!("usage: synthetic DIR [ACTIONS] [METRICS] [PAGES] [--hugo HUGO_DIR]");
        std::process::exit(2);
    };
    let number =
        |i: usize, default: usize| args.get(i).and_then(|v| v.parse().ok()).unwrap_or(default);
    let (actions, metrics, pages) = (number(1, 10_000), number(2, 50), number(3, 0));
    let path = Path::new(dir);
    synthetic::synthetic(path, actions, metrics);
    hearth_pages(path, pages, metrics);
    println!("wrote {actions} actions, {metrics} metrics and {pages} extra pages to {dir}");
    match hugo_dir {
        Some(Some(h)) => {
            hugo(Path::new(&h), actions, metrics, pages);
            println!("wrote the same site as Hugo content to {h}/content");
        }
        Some(None) => {
            eprintln!("--hugo needs a folder");
            std::process::exit(2);
        }
        None => {}
    }
}

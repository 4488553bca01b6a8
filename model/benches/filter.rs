//! Filter benchmark: `cargo bench -p hearth-model --bench filter`.
//!
//! Times `Index::apply` over a synthetic delivery plan of 10,000 actions (set
//! `HEARTH_BENCH_ITEMS` for another size) for a few typical queries, natively. The same code
//! runs in the browser as WebAssembly; scripts/bench-browser.sh measures it there. Nothing is
//! asserted: speed is reported, not tested.

use std::hint::black_box;
use std::time::Instant;

use hearth_model::filter::{Facet, FacetValue, Index, Item, Outcome};

fn facet(name: &str, n: usize) -> Facet {
    Facet {
        name: name.into(),
        label: name.into(),
        values: (0..n)
            .map(|i| FacetValue {
                key: format!("{name}-{i}"),
                label: format!("{name} {i}"),
            })
            .collect(),
    }
}

fn index(items: usize) -> Index {
    let words = [
        "foster",
        "carers",
        "placement",
        "residential",
        "home",
        "sufficiency",
        "commissioning",
        "young",
        "people",
        "leaving",
        "care",
        "supported",
        "lodgings",
        "recruit",
        "review",
    ];
    let rag = ["red", "amber", "green", "complete", "not-started"];
    Index {
        facets: vec![
            facet("workstream", items.div_ceil(50)),
            facet("rag", 5),
            facet("owner", 24),
            facet("priority", 10),
        ],
        items: (0..items)
            .map(|n| {
                let mut text = format!("action number {n} ");
                for k in 0..40 {
                    text.push_str(words[(n * 7 + k * 3) % words.len()]);
                    text.push(' ');
                }
                text.push_str(rag[n % 5]);
                Item {
                    id: format!("action-{n}"),
                    facets: vec![
                        vec![(n / 50) as u32],
                        vec![(n % 5) as u32],
                        vec![(n % 24) as u32],
                        vec![(n % 10) as u32, ((n + 3) % 10) as u32],
                    ],
                    due: Some(18_000 + (n % 2_000) as i64),
                    text,
                }
            })
            .collect(),
    }
}

fn main() {
    let items = std::env::var("HEARTH_BENCH_ITEMS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let ix = index(items);
    let mut out = Outcome::default();
    for query in [
        "",
        "rag=rag-1",
        "rag=rag-0&rag=rag-1&priority=priority-3",
        "q=foster",
        "workstream=workstream-7&owner=owner-5&from=2020&to=2023/24",
        "q=sufficiency+home&rag=rag-2&priority=priority-1",
    ] {
        let runs = 201;
        let mut times = Vec::with_capacity(runs);
        let mut count = 0;
        for _ in 0..runs {
            let t = Instant::now();
            let q = ix.query_string(black_box(query));
            ix.apply_into(&q, &mut out);
            times.push(t.elapsed().as_secs_f64() * 1000.0);
            count = black_box(out.count);
        }
        times.sort_by(f64::total_cmp);
        println!(
            "filter {items} items {query:?}: {count} match; median {:.3} ms, p95 {:.3} ms",
            times[runs / 2],
            times[runs * 95 / 100]
        );
    }
}

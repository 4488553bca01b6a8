//! The order a year's series are worked out in: each after everything it refers to that
//! year, with every cycle reported at the reference that closes it.

use super::ScenarioError;
use super::compile::Edge;

/// An evaluation order (each series after everything it refers to), reporting every cycle at
/// the reference that closes it. `first_year` is set for the first-year graph, whose cycles
/// are described as such; cycles already reported (same place) are not repeated.
pub(super) fn order(
    edges: &[Vec<Edge>],
    ids: &[&str],
    first_year: Option<i32>,
    reported: &mut Vec<(String, usize)>,
    errors: &mut Vec<ScenarioError>,
) -> Vec<usize> {
    const NEW: u8 = 0;
    const OPEN: u8 = 1;
    const DONE: u8 = 2;
    let n = edges.len();
    let mut state = vec![NEW; n];
    let mut out = Vec::with_capacity(n);
    // (node, next edge to follow, reached through a `[prev]` edge)
    let mut stack: Vec<(usize, usize, bool)> = Vec::new();
    for root in 0..n {
        if state[root] != NEW {
            continue;
        }
        state[root] = OPEN;
        stack.push((root, 0, false));
        while let Some(top) = stack.last_mut() {
            let (u, next) = (top.0, top.1);
            let Some(e) = edges[u].get(next) else {
                state[u] = DONE;
                out.push(u);
                stack.pop();
                continue;
            };
            top.1 += 1;
            match state.get(e.to).copied() {
                Some(NEW) => {
                    state[e.to] = OPEN;
                    stack.push((e.to, 0, e.prev));
                }
                Some(OPEN) => {
                    let key = (e.path.clone(), e.offset);
                    if reported.contains(&key) {
                        continue;
                    }
                    reported.push(key);
                    let at = stack.iter().position(|f| f.0 == e.to).unwrap_or(0);
                    let through_prev = e.prev || stack[at + 1..].iter().any(|f| f.2);
                    let mut chain: Vec<&str> = stack[at..].iter().map(|f| ids[f.0]).collect();
                    chain.push(ids[e.to]);
                    let chain = chain.join(" -> ");
                    let me = ids[e.to];
                    let message = match first_year {
                        None => format!("circular reference: `{chain}`"),
                        Some(y) => format!("circular reference in the first year ({y}): `{chain}`"),
                    };
                    let hint = if through_prev {
                        "in the first year `x[prev]` means the first year's own value, so it cannot break this cycle there; give one of these series a `start` and `next` instead of `value`".to_string()
                    } else if first_year.is_some() && u == e.to {
                        format!("the `start` of `{me}` cannot use `{me}` itself")
                    } else if first_year.is_some() {
                        "a `start` may use other series' first-year values, but not in a circle"
                            .to_string()
                    } else if u == e.to {
                        format!(
                            "for last year's value write `{me}[prev]`; to carry `{me}` forward, give it `start` and `next` instead of `value`"
                        )
                    } else {
                        "a series cannot depend on itself, directly or through others; use `[prev]` for last year's value to break the cycle".to_string()
                    };
                    errors.push(ScenarioError {
                        path: e.path.clone(),
                        offset: Some(e.offset),
                        len: e.len,
                        message,
                        expected: None,
                        hint: Some(hint),
                    });
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;

    #[test]
    fn order_follows_references_not_declaration() {
        let s = make(
            &[
                value("sum_up", "double + 1"),
                value("double", "base * 2"),
                stock("base", "a", "base + b"),
            ],
            &[
                ("sum", "total(sum_up)"),
                ("avg", "mean(base)"),
                ("mid", "base[2026] + base[first]"),
            ],
        );
        let c = s.compile(&metrics()).unwrap();
        let r = c.evaluate(&[2.0, 3.0]);
        assert_eq!(r.series[2], vec![2.0, 5.0, 8.0, 11.0]);
        assert_eq!(r.series[1], vec![4.0, 10.0, 16.0, 22.0]);
        assert_eq!(r.series[0], vec![5.0, 11.0, 17.0, 23.0]);
        assert_eq!(r.outputs, vec![56.0, 6.5, 7.0]);
    }

    #[test]
    fn prev_breaks_cycles() {
        // p uses q last year; q uses p this year: no cycle.
        let s = make(&[stock("p", "1", "q[prev] + 1"), value("q", "p * 2")], &[]);
        let r = s.compile(&metrics()).unwrap().evaluate(&[]);
        assert_eq!(r.series[0], vec![1.0, 3.0, 7.0, 15.0]);
        assert_eq!(r.series[1], vec![2.0, 6.0, 14.0, 30.0]);
        // Two stocks feeding each other through this year's values in `next` and `start`
        // in a consistent order.
        let s = make(&[stock("p", "q + 1", "q[prev]"), stock("q", "5", "p")], &[]);
        let r = s.compile(&metrics()).unwrap().evaluate(&[]);
        assert_eq!(r.series[0], vec![6.0, 5.0, 5.0, 5.0]);
        assert_eq!(r.series[1], vec![5.0, 5.0, 5.0, 5.0]);
    }

    #[test]
    fn direct_self_reference_is_a_cycle() {
        let e = one_error(&make(&[value("shortfall", "1 + shortfall * 2")], &[]));
        assert_eq!(e.path, "series[0].value");
        assert_eq!((e.offset, e.len), (Some(4), 9));
        assert_eq!(e.message, "circular reference: `shortfall -> shortfall`");
        assert!(e.hint.unwrap().contains("shortfall[prev]"));

        let e = one_error(&make(&[stock("x", "x + 1", "x")], &[]));
        assert_eq!(e.path, "series[0].start");
        assert_eq!(e.offset, Some(0));
        assert!(
            e.message
                .starts_with("circular reference in the first year (2025)")
        );
    }

    #[test]
    fn two_and_three_series_cycles() {
        let e = one_error(&make(&[value("p", "q + 1"), value("q", "2 * p")], &[]));
        assert_eq!(e.path, "series[1].value");
        assert_eq!((e.offset, e.len), (Some(4), 1));
        assert_eq!(e.message, "circular reference: `p -> q -> p`");

        let e = one_error(&make(
            &[
                value("p", "r"),
                stock("q", "0", "p + 1"),
                value("r", "q * 2"),
                value("s", "p"),
            ],
            &[],
        ));
        // Walked from `p` (declared first), the cycle closes at `q`'s reference to `p`.
        assert_eq!(e.path, "series[1].next");
        assert_eq!((e.offset, e.len), (Some(0), 1));
        assert_eq!(e.message, "circular reference: `p -> r -> q -> p`");

        // Two separate cycles are both reported.
        let es = errors(&make(
            &[
                value("p", "q"),
                value("q", "p"),
                value("r", "s"),
                value("s", "r"),
            ],
            &[],
        ));
        assert_eq!(es.len(), 2);
    }

    #[test]
    fn cycles_in_the_first_year_only() {
        // `[prev]` of a `value` series in the first year is its own first-year value.
        let e = one_error(&make(&[value("x", "x[prev] * 1.1")], &[]));
        assert_eq!(e.path, "series[0].value");
        assert_eq!((e.offset, e.len), (Some(0), 7));
        assert_eq!(
            e.message,
            "circular reference in the first year (2025): `x -> x`"
        );
        assert!(e.hint.unwrap().contains("`start` and `next`"));

        let e = one_error(&make(
            &[stock("p", "q", "p + 1"), stock("q", "p * 2", "q")],
            &[],
        ));
        assert_eq!(e.path, "series[1].start");
        assert_eq!(
            e.message,
            "circular reference in the first year (2025): `p -> q -> p`"
        );
    }
}

//! Secondary suppression: withheld cells a reader could work out from the declared totals,
//! and the smallest set of published cells to withhold as well.
//!
//! The declared totals ([`Equation`]s) are a system of linear equations over the published
//! cells: published values are known, withheld cells (`c`, or counts the small-number rule
//! withholds) and unavailable ones (`x`) are unknowns, `z` (not applicable) is 0. A withheld
//! cell is *recoverable* when the system determines its value: when its unit vector is in the
//! row space of the equations restricted to the unknowns, found by exact elimination
//! ([`super::solve`]). That covers a single unknown in a total, the difference of two totals
//! (538 - 536), totals in both directions combined, and tables that share a total. A cell in
//! no declared total is never blamed. Only exact recovery is looked for, not bounds (a reader
//! who knows a withheld count is from 1 to 4 may narrow others down).
//!
//! For each group of recoverable cells (cells whose equations, linked through unknowns, share
//! a cell, so that one withheld cell may protect several), [`secondary`] names the smallest set of published cells whose withholding leaves
//! no withheld cell recoverable, the new ones included: an exact search (iterative deepening,
//! up to [`EXACT_UP_TO`] cells, trying at each step the cells in the equations that give a
//! still-recoverable cell away), preferring, among sets of the smallest size, the smallest sum
//! of values; past that size or [`BUDGET`] systems solved, a greedy search (add the cell that
//! leaves the fewest recoverable, then the smallest). A published 0 is never suggested: a
//! column or row of zeros is usually structural (no child can be in it), and a withheld zero
//! among zeros is easily guessed.

use std::collections::{BTreeMap, BTreeSet};

use super::super::Table;
use super::solve::reduce;
use super::totals::{CellRef, Equation, Line, Origin};
use super::{Published, Shown};
use crate::content::Flag;

/// The largest set the exact search tries.
pub const EXACT_UP_TO: usize = 4;
/// The most systems the exact search solves for one part of the system before it falls back to
/// the greedy search.
pub const BUDGET: usize = 4_000;
/// The largest set the greedy search builds before it gives up.
pub const GREEDY_UP_TO: usize = 64;

/// What a reader knows of a cell.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Known {
    Value(f64),
    /// Withheld: must not be recoverable.
    Withheld,
    /// Not available (`x`), or missing: unknown, but nothing to protect.
    Unknown,
}

/// A withheld cell a reader could work out.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub cell: CellRef,
    /// The equations (indices into the equations given) that together give it away.
    pub from: Vec<usize>,
    /// The published cells to withhold as well, the same for every finding of one part of the
    /// system; empty when no set of published cells protects it.
    pub extra: Vec<CellRef>,
    /// Whether `extra` is known to be the smallest set, and of those the one with the
    /// smallest values (the exact search finished).
    pub smallest: bool,
}

/// What a reader knows of each cell in the equations, from the published tables.
struct System {
    terms: Vec<Vec<(CellRef, i64)>>,
    known: BTreeMap<CellRef, Known>,
    /// The equations each cell is in.
    within: BTreeMap<CellRef, Vec<usize>>,
    solved: usize,
}

fn shown(published: &[Published], c: &CellRef) -> Known {
    let Some(p) = published.get(c.table) else {
        return Known::Unknown;
    };
    let line = match c.line {
        Line::Row(r) => p.rows.get(r),
        Line::Total => p.total.as_ref(),
    };
    match line.and_then(|l| l.get(c.column)) {
        Some(Shown::Value(v)) => Known::Value(*v),
        Some(Shown::Withheld) => Known::Withheld,
        Some(Shown::Flag(Flag::NotApplicable)) => Known::Value(0.0),
        _ => Known::Unknown,
    }
}

impl System {
    fn new(equations: &[Equation], published: &[Published]) -> Self {
        let terms: Vec<Vec<(CellRef, i64)>> = equations.iter().map(Equation::terms).collect();
        let mut known = BTreeMap::new();
        let mut within: BTreeMap<CellRef, Vec<usize>> = BTreeMap::new();
        for (i, ts) in terms.iter().enumerate() {
            for (c, _) in ts {
                known.entry(*c).or_insert_with(|| shown(published, c));
                within.entry(*c).or_default().push(i);
            }
        }
        System {
            terms,
            known,
            within,
            solved: 0,
        }
    }

    fn is_unknown(&self, c: &CellRef, extra: &BTreeSet<CellRef>) -> bool {
        extra.contains(c) || !matches!(self.known.get(c), Some(Known::Value(_)))
    }

    fn value(&self, c: &CellRef) -> f64 {
        match self.known.get(c) {
            Some(Known::Value(v)) => *v,
            _ => 0.0,
        }
    }

    /// The withheld cells (and the cells of `extra`) the equations determine, each with the
    /// equations that give it away (when `track`). Only the equations in `scope` are used
    /// when it is given (a cell's value depends only on the equations linked to it through
    /// unknowns). `None` if the numbers overflowed.
    fn recoverable(
        &mut self,
        extra: &BTreeSet<CellRef>,
        scope: Option<&BTreeSet<usize>>,
        track: bool,
    ) -> Option<BTreeMap<CellRef, Vec<usize>>> {
        self.solved += 1;
        let eqs: Vec<usize> = match scope {
            Some(s) => s.iter().copied().collect(),
            None => (0..self.terms.len()).collect(),
        };
        let unknowns: BTreeSet<CellRef> = eqs
            .iter()
            .flat_map(|&e| self.terms[e].iter().map(|(c, _)| *c))
            .filter(|c| self.is_unknown(c, extra))
            .collect();
        let unknowns: Vec<CellRef> = unknowns.into_iter().collect();
        let index: BTreeMap<CellRef, usize> =
            unknowns.iter().enumerate().map(|(i, c)| (*c, i)).collect();
        let mut rows = Vec::new();
        let mut which = Vec::new();
        for e in eqs {
            let mut row = vec![0i64; unknowns.len()];
            let mut any = false;
            for (c, k) in &self.terms[e] {
                if let Some(&j) = index.get(c) {
                    row[j] += k;
                    any = true;
                }
            }
            if any {
                rows.push(row);
                which.push(e);
            }
        }
        let reduced = reduce(&rows, unknowns.len(), track)?;
        Some(
            unknowns
                .iter()
                .enumerate()
                .filter(|(j, c)| {
                    reduced.is_determined(*j)
                        && (extra.contains(c) || self.known.get(c) == Some(&Known::Withheld))
                })
                .map(|(j, c)| {
                    (
                        *c,
                        reduced.equations_for(j).iter().map(|&r| which[r]).collect(),
                    )
                })
                .collect(),
        )
    }

    /// The equations linked to `cell` through unknowns, in order.
    fn part(&self, cell: &CellRef, extra: &BTreeSet<CellRef>) -> BTreeSet<usize> {
        let mut eqs = BTreeSet::new();
        let mut cells = vec![*cell];
        let mut seen = BTreeSet::from([*cell]);
        while let Some(c) = cells.pop() {
            for &e in self.within.get(&c).into_iter().flatten() {
                if eqs.insert(e) {
                    for (d, _) in &self.terms[e] {
                        if self.is_unknown(d, extra) && seen.insert(*d) {
                            cells.push(*d);
                        }
                    }
                }
            }
        }
        eqs
    }

    /// The published, non-zero cells in the equations linked to `cell`, smallest first.
    fn candidates(&self, cell: &CellRef, extra: &BTreeSet<CellRef>) -> Vec<CellRef> {
        let mut out: BTreeSet<CellRef> = BTreeSet::new();
        for e in self.part(cell, extra) {
            for (d, _) in &self.terms[e] {
                if !self.is_unknown(d, extra) && self.value(d) != 0.0 {
                    out.insert(*d);
                }
            }
        }
        let mut out: Vec<CellRef> = out.into_iter().collect();
        out.sort_by(|a, b| self.value(a).total_cmp(&self.value(b)).then(a.cmp(b)));
        out
    }

    /// The cells of `group` or `extra` still recoverable once `extra` is withheld too.
    fn left(
        &mut self,
        group: &BTreeSet<CellRef>,
        extra: &BTreeSet<CellRef>,
    ) -> Option<Vec<CellRef>> {
        let mut scope = BTreeSet::new();
        for c in group.iter().chain(extra) {
            if !scope.is_empty()
                && self
                    .within
                    .get(c)
                    .is_some_and(|es| es.iter().all(|e| scope.contains(e)))
            {
                continue;
            }
            scope.extend(self.part(c, extra));
        }
        Some(
            self.recoverable(extra, Some(&scope), false)?
                .into_keys()
                .filter(|c| group.contains(c) || extra.contains(c))
                .collect(),
        )
    }

    fn cost(&self, set: &BTreeSet<CellRef>) -> f64 {
        set.iter().map(|c| self.value(c)).sum()
    }

    /// The smallest set protecting `group`, if one of at most `EXACT_UP_TO` cells is found
    /// within the budget, and whether the search finished (so that it is also the one with
    /// the smallest values; a set found at all has the fewest cells, since every smaller size
    /// was searched to the end).
    fn exact(&mut self, group: &BTreeSet<CellRef>) -> Option<(BTreeSet<CellRef>, bool)> {
        let start = self.solved;
        for size in 1..=EXACT_UP_TO {
            let mut best: Option<BTreeSet<CellRef>> = None;
            let mut seen = BTreeSet::new();
            let finished = self.deepen(group, &BTreeSet::new(), size, start, &mut seen, &mut best);
            if let Some(b) = best {
                return Some((b, finished));
            }
            if !finished {
                return None;
            }
        }
        None
    }

    /// Depth-first search for sets of exactly `size` cells; `false` when the budget ran out.
    fn deepen(
        &mut self,
        group: &BTreeSet<CellRef>,
        set: &BTreeSet<CellRef>,
        size: usize,
        start: usize,
        seen: &mut BTreeSet<BTreeSet<CellRef>>,
        best: &mut Option<BTreeSet<CellRef>>,
    ) -> bool {
        if self.solved - start > BUDGET {
            return false;
        }
        let Some(left) = self.left(group, set) else {
            return false;
        };
        let Some(first) = left.first() else {
            if set.len() == size
                && best.as_ref().is_none_or(|b| {
                    self.cost(set)
                        .total_cmp(&self.cost(b))
                        .then_with(|| set.cmp(b))
                        .is_lt()
                })
            {
                *best = Some(set.clone());
            }
            return true;
        };
        if set.len() == size {
            return true;
        }
        for c in self.candidates(first, set) {
            let mut next = set.clone();
            next.insert(c);
            if seen.insert(next.clone()) && !self.deepen(group, &next, size, start, seen, best) {
                return false;
            }
        }
        true
    }

    /// Add, one at a time, the cell that leaves the fewest cells recoverable (then the
    /// smallest). `None` when no published cell helps.
    fn greedy(&mut self, group: &BTreeSet<CellRef>) -> Option<BTreeSet<CellRef>> {
        let mut set = BTreeSet::new();
        loop {
            let left = self.left(group, &set)?;
            if left.is_empty() {
                return Some(set);
            }
            let mut pool: BTreeSet<CellRef> = BTreeSet::new();
            for c in &left {
                pool.extend(self.candidates(c, &set));
            }
            let mut best: Option<(usize, f64, CellRef)> = None;
            for c in pool {
                let mut next = set.clone();
                next.insert(c);
                let n = self.left(group, &next)?.len();
                let key = (n, self.value(&c), c);
                if best.is_none_or(|b| (key.0, key.1) < (b.0, b.1)) {
                    best = Some(key);
                }
            }
            let (_, _, c) = best?;
            if set.len() >= GREEDY_UP_TO {
                return None;
            }
            set.insert(c);
        }
    }
}

/// The withheld cells of `tables` that the `equations` give away, with the cells to withhold
/// as well. `published` is each table as [`super::publish`] gives it, in the same order.
pub fn secondary(published: &[Published], equations: &[Equation]) -> Vec<Finding> {
    let mut sys = System::new(equations, published);
    let none = BTreeSet::new();
    let Some(found) = sys.recoverable(&none, None, true) else {
        return Vec::new();
    };
    // Group the recoverable cells: two are in one group when the equations that could give
    // them away share a cell, since withholding that cell may protect both.
    let cells: Vec<CellRef> = found.keys().copied().collect();
    let reach: Vec<BTreeSet<CellRef>> = cells
        .iter()
        .map(|c| {
            sys.part(c, &none)
                .into_iter()
                .flat_map(|e| sys.terms[e].iter().map(|(d, _)| *d))
                .collect()
        })
        .collect();
    let mut group_of: Vec<usize> = (0..cells.len()).collect();
    for i in 0..cells.len() {
        for j in 0..i {
            if group_of[j] != group_of[i] && !reach[i].is_disjoint(&reach[j]) {
                let (from, to) = (group_of[i], group_of[j]);
                for g in group_of.iter_mut() {
                    if *g == from {
                        *g = to;
                    }
                }
            }
        }
    }
    let mut groups: BTreeMap<usize, BTreeSet<CellRef>> = BTreeMap::new();
    for (i, c) in cells.iter().enumerate() {
        groups.entry(group_of[i]).or_default().insert(*c);
    }
    let mut out = Vec::new();
    for group in groups.values() {
        let (extra, smallest) = match sys.exact(group) {
            Some((set, finished)) => (set, finished),
            None => (sys.greedy(group).unwrap_or_default(), false),
        };
        for c in group {
            out.push(Finding {
                cell: *c,
                from: found.get(c).cloned().unwrap_or_default(),
                extra: extra.iter().copied().collect(),
                smallest,
            });
        }
    }
    out.sort_by_key(|f| f.cell);
    out
}

/// How an equation reads in a message.
pub(super) fn describe(tables: &[Table], eq: &Equation) -> String {
    match &eq.origin {
        Origin::Column {
            table,
            line,
            column,
            ..
        } => {
            let t = &tables[*table];
            let c = CellRef {
                table: *table,
                line: *line,
                column: *column,
            };
            format!(
                "the column \"{}\" in the row \"{}\"",
                t.columns[*column].label,
                c.labels(tables).0
            )
        }
        Origin::Row { table, column, .. } => {
            format!(
                "the total row in the column \"{}\"",
                tables[*table].columns[*column].label
            )
        }
        Origin::Shared { table, other } => format!(
            "the total the table `{}` shares with the table `{}`",
            tables[*table].id, tables[*other].id
        ),
    }
}

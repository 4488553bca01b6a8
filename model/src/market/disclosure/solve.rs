//! Exact Gaussian elimination over the integers, for deciding which unknowns a system of
//! linear equations determines.
//!
//! Each equation is a row of integer coefficients over the unknowns (published values have
//! been moved to the other side, which does not matter for whether an unknown is determined).
//! Rows are reduced to reduced row echelon form without fractions (each row kept divided by
//! the greatest common divisor of its entries), with every operation checked for overflow.
//! Unknown `j` is determined exactly when its unit vector is in the row space: in the reduced
//! form, column `j` has a pivot and the pivot's row has no other non-zero coefficient.

/// The reduced system.
pub(super) struct Reduced {
    /// Per unknown: the row (of the reduced form) that determines it.
    determined: Vec<Option<usize>>,
    /// Per reduced row: how many of each original equation it is made of.
    multipliers: Vec<Vec<i128>>,
}

impl Reduced {
    /// Whether unknown `j` is determined by the equations.
    pub(super) fn is_determined(&self, j: usize) -> bool {
        self.determined.get(j).is_some_and(Option::is_some)
    }

    /// The original equations that, combined, give unknown `j` (in equation order).
    pub(super) fn equations_for(&self, j: usize) -> Vec<usize> {
        let Some(Some(r)) = self.determined.get(j) else {
            return Vec::new();
        };
        self.multipliers[*r]
            .iter()
            .enumerate()
            .filter(|(_, m)| **m != 0)
            .map(|(i, _)| i)
            .collect()
    }
}

fn gcd(a: i128, b: i128) -> i128 {
    let (mut a, mut b) = (a.unsigned_abs(), b.unsigned_abs());
    while b != 0 {
        (a, b) = (b, a % b);
    }
    i128::try_from(a).unwrap_or(1)
}

/// Divide a row by the gcd of its entries and make its first non-zero entry positive.
fn normalise(row: &mut [i128]) {
    let g = row.iter().fold(0, |g, &x| gcd(g, x));
    let sign = row.iter().find(|&&x| x != 0).map_or(1, |&x| x.signum());
    if g > 1 || sign < 0 {
        for x in row.iter_mut() {
            *x = *x / g * sign;
        }
    }
}

/// Reduce `rows` (each with `n` coefficients, one per unknown), keeping track of which
/// original equations make each reduced row when `track`. `None` when a number would overflow
/// (never for tables of sensible size: coefficients start at -1, 0 or 1).
pub(super) fn reduce(rows: &[Vec<i64>], n: usize, track: bool) -> Option<Reduced> {
    let m = rows.len();
    let tracked = if track { m } else { 0 };
    // Each row carries, after its n coefficients, the multipliers of the original equations.
    let mut a: Vec<Vec<i128>> = rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let mut row: Vec<i128> = (0..n)
                .map(|j| i128::from(r.get(j).copied().unwrap_or(0)))
                .collect();
            row.extend((0..tracked).map(|k| i128::from(k == i)));
            row
        })
        .collect();
    let mut pivots: Vec<(usize, usize)> = Vec::new();
    let mut next = 0;
    for col in 0..n {
        let Some(p) = (next..m).find(|&i| a[i][col] != 0) else {
            continue;
        };
        a.swap(next, p);
        normalise(&mut a[next]);
        let pivot = a[next].clone();
        let b = pivot[col];
        for (i, row) in a.iter_mut().enumerate() {
            let f = row[col];
            if i == next || f == 0 {
                continue;
            }
            for (x, &y) in row.iter_mut().zip(&pivot) {
                *x = x.checked_mul(b)?.checked_sub(y.checked_mul(f)?)?;
            }
            normalise(row);
        }
        pivots.push((next, col));
        next += 1;
    }
    let mut determined = vec![None; n];
    for (r, col) in pivots {
        if (0..n).all(|k| k == col || a[r][k] == 0) {
            determined[col] = Some(r);
        }
    }
    let multipliers = a.into_iter().map(|row| row[n..].to_vec()).collect();
    Some(Reduced {
        determined,
        multipliers,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn determined(rows: &[Vec<i64>], n: usize) -> Vec<bool> {
        let r = reduce(rows, n, true).unwrap_or_else(|| panic!("overflow"));
        (0..n).map(|j| r.is_determined(j)).collect()
    }

    #[test]
    fn one_unknown_in_an_equation_is_determined() {
        assert_eq!(determined(&[vec![1]], 1), vec![true]);
        assert_eq!(determined(&[vec![1, 1]], 2), vec![false, false]);
        assert_eq!(determined(&[], 2), vec![false, false]);
    }

    #[test]
    fn the_difference_of_two_equations_determines() {
        // x + y + z = a, x + y = b: z = a - b.
        let r =
            reduce(&[vec![1, 1, 1], vec![1, 1, 0]], 3, true).unwrap_or_else(|| panic!("overflow"));
        assert!(!r.is_determined(0) && !r.is_determined(1) && r.is_determined(2));
        assert_eq!(r.equations_for(2), vec![0, 1]);
    }

    #[test]
    fn a_cycle_of_four_is_not_determined() {
        // a + b, c + d, a + c, b + d: rank 3, nothing determined.
        let rows = [
            vec![1, 1, 0, 0],
            vec![0, 0, 1, 1],
            vec![1, 0, 1, 0],
            vec![0, 1, 0, 1],
        ];
        assert_eq!(determined(&rows, 4), vec![false; 4]);
    }
}

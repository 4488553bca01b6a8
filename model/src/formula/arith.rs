//! Arithmetic shared by the evaluator and constant folding: operators and functions on
//! numbers, with the same results wherever they are worked out.

use super::{BinOp, Expr, ExprKind};

/// The value of `a op b`; comparisons give 1 or 0.
pub fn apply(op: BinOp, a: f64, b: f64) -> f64 {
    let truth = |t: bool| if t { 1.0 } else { 0.0 };
    match op {
        BinOp::Add => a + b,
        BinOp::Sub => a - b,
        BinOp::Mul => a * b,
        BinOp::Div => a / b,
        BinOp::Pow => a.powf(b),
        BinOp::Lt => truth(a < b),
        BinOp::Le => truth(a <= b),
        BinOp::Gt => truth(a > b),
        BinOp::Ge => truth(a >= b),
        BinOp::Eq => truth(a == b),
        BinOp::Ne => truth(a != b),
    }
}

/// `min` that lets NaN through, so a broken value is reported rather than hidden, and takes
/// -0 as below 0. (`f64::min` may return either zero, and did differ between builds: the
/// same formula gave 0 in one and -0 in another.)
pub fn min2(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a < b || (a == b && a.is_sign_negative()) {
        a
    } else {
        b
    }
}

/// `max` as [`min2`]: NaN through, 0 above -0.
pub fn max2(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a > b || (a == b && a.is_sign_positive()) {
        a
    } else {
        b
    }
}

/// Round half away from zero to `digits` decimal places (negative: to tens, hundreds, ...).
pub fn round_to(x: f64, digits: f64) -> f64 {
    let d = digits.round();
    if !d.is_finite() {
        return f64::NAN;
    }
    let d = d.clamp(-400.0, 400.0) as i32;
    if d >= 0 {
        let f = 10f64.powi(d);
        let y = x * f;
        if y.is_finite() { y.round() / f } else { x }
    } else {
        let f = 10f64.powi(-d);
        (x / f).round() * f
    }
}

pub fn clamp3(x: f64, lo: f64, hi: f64) -> f64 {
    if x < lo {
        lo
    } else if x > hi {
        hi
    } else {
        x
    }
}

/// The value of an expression made only of numbers, operators and the pure functions (no
/// names, no `metric`); `None` when it refers to anything.
pub fn const_value(e: &Expr) -> Option<f64> {
    match &e.kind {
        ExprKind::Number(n) => Some(*n),
        ExprKind::Neg(x) => const_value(x).map(|v| -v),
        ExprKind::Binary { op, lhs, rhs } => Some(apply(*op, const_value(lhs)?, const_value(rhs)?)),
        ExprKind::Call { name, args, .. } => {
            if name == "if" && args.len() == 3 {
                let c = const_value(&args[0])?;
                return const_value(if c != 0.0 { &args[1] } else { &args[2] });
            }
            let vals: Option<Vec<f64>> = args.iter().map(const_value).collect();
            let vals = vals?;
            match (name.as_str(), vals.as_slice()) {
                ("min", [a, rest @ ..]) if !rest.is_empty() => {
                    Some(rest.iter().fold(*a, |m, &v| min2(m, v)))
                }
                ("max", [a, rest @ ..]) if !rest.is_empty() => {
                    Some(rest.iter().fold(*a, |m, &v| max2(m, v)))
                }
                ("round", [x]) => Some(x.round()),
                ("round", [x, d]) => Some(round_to(*x, *d)),
                ("floor", [x]) => Some(x.floor()),
                ("ceil", [x]) => Some(x.ceil()),
                ("abs", [x]) => Some(x.abs()),
                ("clamp", [x, lo, hi]) => Some(clamp3(*x, *lo, *hi)),
                _ => None,
            }
        }
        ExprKind::Text(_) | ExprKind::Name(_) | ExprKind::Index { .. } => None,
    }
}

#[cfg(test)]
mod signed_zero_tests {
    use super::{max2, min2};

    #[test]
    fn min_and_max_order_the_zeros_the_same_way_in_every_build() {
        for (a, b) in [(0.0, -0.0), (-0.0, 0.0)] {
            assert!(min2(a, b).is_sign_negative(), "min({a}, {b})");
            assert!(max2(a, b).is_sign_positive(), "max({a}, {b})");
        }
        assert_eq!(min2(1.0, 2.0), 1.0);
        assert_eq!(max2(1.0, 2.0), 2.0);
        assert!(min2(f64::NAN, 1.0).is_nan() && max2(1.0, f64::NAN).is_nan());
    }
}

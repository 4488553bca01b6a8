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

/// `min` that lets NaN through, so a broken value is reported rather than hidden.
pub fn min2(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.min(b)
    }
}

pub fn max2(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else {
        a.max(b)
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

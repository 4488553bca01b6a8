//! Lowering: a checked syntax tree to instructions, with names resolved by the caller's
//! [`Scope`] and every problem reported.

use super::arith::const_value;
use super::code::{Op, stack_needed};
use super::functions::{FUNCTIONS, function, function_list};
use super::{BinOp, Expr, ExprKind, FormulaError, Index, STACK_LIMIT};

/// How names, indices and the context-dependent functions (`metric`, `total`, `mean`) are
/// resolved; the scenario compiler supplies one per formula.
pub(crate) trait Scope {
    /// A bare name (`index` is `None`) or `name[index]`.
    fn name(&mut self, expr: &Expr, name: &str, index: Option<Index>) -> Result<Op, FormulaError>;
    /// `metric`, `total` or `mean`, already checked for the number of arguments.
    fn special(&mut self, call: &Expr, name: &str, args: &[Expr]) -> Result<Op, FormulaError>;
    /// Is `name` an input, series or output (for the hint on `name(...)`)?
    fn is_defined(&self, name: &str) -> bool;
}

/// Compile a parsed formula to code, reporting every problem found.
pub(crate) fn lower(expr: &Expr, scope: &mut dyn Scope) -> Result<Vec<Op>, Vec<FormulaError>> {
    let mut l = Lower {
        scope,
        ops: Vec::new(),
        errors: Vec::new(),
    };
    l.expr(expr);
    if !l.errors.is_empty() {
        return Err(l.errors);
    }
    if stack_needed(&l.ops) > STACK_LIMIT {
        return Err(vec![
            FormulaError::at(expr, "the formula is too complex to work out")
                .hint("split it into several series, each worked out from the others"),
        ]);
    }
    Ok(l.ops)
}

struct Lower<'s> {
    scope: &'s mut dyn Scope,
    ops: Vec<Op>,
    errors: Vec<FormulaError>,
}

impl Lower<'_> {
    fn resolved(&mut self, r: Result<Op, FormulaError>) {
        match r {
            Ok(op) => self.ops.push(op),
            Err(e) => {
                self.errors.push(e);
                self.ops.push(Op::Const(f64::NAN));
            }
        }
    }

    fn expr(&mut self, e: &Expr) {
        match &e.kind {
            ExprKind::Number(n) => self.ops.push(Op::Const(*n)),
            ExprKind::Text(_) => self.resolved(Err(FormulaError::at(
                e,
                "text in quotes can only be used as an argument of `metric`",
            )
            .hint("e.g. `metric(\"children-in-care\")`"))),
            ExprKind::Name(n) => {
                let r = self.scope.name(e, n, None);
                self.resolved(r);
            }
            ExprKind::Index { name, index, .. } => {
                let r = self.scope.name(e, name, Some(*index));
                self.resolved(r);
            }
            ExprKind::Neg(x) => {
                self.expr(x);
                self.ops.push(Op::Neg);
            }
            ExprKind::Binary { op, lhs, rhs } => {
                self.expr(lhs);
                self.expr(rhs);
                if *op == BinOp::Div && const_value(rhs) == Some(0.0) {
                    self.errors.push(
                        FormulaError::at(rhs, "division by zero: this divisor is always 0")
                            .hint("check the formula; dividing by 0 has no value"),
                    );
                }
                self.ops.push(Op::Bin(*op));
            }
            ExprKind::Call {
                name,
                name_len,
                args,
            } => self.call(e, name, *name_len, args),
        }
    }

    fn call(&mut self, e: &Expr, name: &str, name_len: usize, args: &[Expr]) {
        let Some(f) = function(name) else {
            let mut err =
                FormulaError::new(e.offset, name_len, format!("unknown function `{name}`"));
            err = if self.scope.is_defined(name) {
                err.hint(format!(
                    "`{name}` is not a function; to multiply write `{name} * (...)`"
                ))
            } else if let Some(near) =
                crate::validate::closest(name, FUNCTIONS.iter().map(|f| f.name))
            {
                err.hint(format!("did you mean `{near}`?"))
            } else {
                err.hint(format!("the functions are {}", function_list()))
            };
            self.errors.push(err);
            for a in args {
                self.expr(a);
            }
            return;
        };
        let count_ok = args.len() >= f.min_args && f.max_args.is_none_or(|most| args.len() <= most);
        if !count_ok {
            let wanted = match f.max_args {
                None => format!("at least {}", f.min_args),
                Some(m) if m == f.min_args => m.to_string(),
                Some(m) => format!("{} or {m}", f.min_args),
            };
            let s = if wanted == "1" { "" } else { "s" };
            self.errors.push(
                FormulaError::at(
                    e,
                    format!("`{name}` takes {wanted} argument{s}, found {}", args.len()),
                )
                .expected(f.usage),
            );
            if !matches!(name, "metric" | "total" | "mean") {
                for a in args {
                    self.expr(a);
                }
            }
            return;
        }
        match name {
            "metric" | "total" | "mean" => {
                let r = self.scope.special(e, name, args);
                self.resolved(r);
            }
            "min" | "max" => {
                let op = if name == "min" { Op::Min } else { Op::Max };
                for (i, a) in args.iter().enumerate() {
                    self.expr(a);
                    if i > 0 {
                        self.ops.push(op);
                    }
                }
            }
            "if" => {
                self.expr(&args[0]);
                let jz = self.ops.len();
                self.ops.push(Op::JumpIfZero(0));
                self.expr(&args[1]);
                let jmp = self.ops.len();
                self.ops.push(Op::Jump(0));
                let else_at = self.ops.len() as u32;
                self.expr(&args[2]);
                let end = self.ops.len() as u32;
                self.ops[jz] = Op::JumpIfZero(else_at);
                self.ops[jmp] = Op::Jump(end);
            }
            _ => {
                for a in args {
                    self.expr(a);
                }
                self.ops.push(match (name, args.len()) {
                    ("round", 1) => Op::Round,
                    ("round", _) => Op::RoundTo,
                    ("floor", _) => Op::Floor,
                    ("ceil", _) => Op::Ceil,
                    ("abs", _) => Op::Abs,
                    _ => Op::Clamp,
                });
            }
        }
    }
}

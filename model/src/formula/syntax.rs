//! The syntax tree of a formula ([`Expr`]), and how it prints back to text.

use std::fmt;

/// A parsed formula. `offset` and `len` are the characters it covers in the formula text
/// (brackets around it are not included).
#[derive(Clone, Debug, PartialEq)]
pub struct Expr {
    pub kind: ExprKind,
    pub offset: usize,
    pub len: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub enum ExprKind {
    Number(f64),
    /// Text in quotes: only meaningful as an argument of `metric`.
    Text(String),
    Name(String),
    /// `name[index]`; `index_offset`/`index_len` cover the word or year inside the brackets.
    Index {
        name: String,
        index: Index,
        index_offset: usize,
        index_len: usize,
    },
    Neg(Box<Expr>),
    Binary {
        op: BinOp,
        lhs: Box<Expr>,
        rhs: Box<Expr>,
    },
    /// `name(args)`; the name starts at the call's offset and is `name_len` characters long.
    Call {
        name: String,
        name_len: usize,
        args: Vec<Expr>,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Index {
    Prev,
    First,
    Last,
    Year(i32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BinOp {
    Add,
    Sub,
    Mul,
    Div,
    Pow,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

impl BinOp {
    pub fn symbol(self) -> &'static str {
        match self {
            BinOp::Add => "+",
            BinOp::Sub => "-",
            BinOp::Mul => "*",
            BinOp::Div => "/",
            BinOp::Pow => "^",
            BinOp::Lt => "<",
            BinOp::Le => "<=",
            BinOp::Gt => ">",
            BinOp::Ge => ">=",
            BinOp::Eq => "==",
            BinOp::Ne => "!=",
        }
    }
}

impl Expr {
    pub(super) fn new(kind: ExprKind, offset: usize, end: usize) -> Self {
        Expr {
            kind,
            offset,
            len: end.saturating_sub(offset),
        }
    }

    pub(super) fn end(&self) -> usize {
        self.offset + self.len
    }

    /// Calls `f` on this expression and every expression inside it, parents first.
    pub fn walk(&self, f: &mut impl FnMut(&Expr)) {
        f(self);
        match &self.kind {
            ExprKind::Neg(x) => x.walk(f),
            ExprKind::Binary { lhs, rhs, .. } => {
                lhs.walk(f);
                rhs.walk(f);
            }
            ExprKind::Call { args, .. } => {
                for a in args {
                    a.walk(f);
                }
            }
            ExprKind::Number(_)
            | ExprKind::Text(_)
            | ExprKind::Name(_)
            | ExprKind::Index { .. } => {}
        }
    }
}

/// Fully parenthesised: `1 + 2 * -x` prints as `(1 + (2 * (-x)))`. Parsing the output gives
/// the same tree back.
impl fmt::Display for Expr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ExprKind::Number(n) => write!(f, "{n}"),
            ExprKind::Text(s) => {
                if s.contains('"') {
                    write!(f, "'{s}'")
                } else {
                    write!(f, "\"{s}\"")
                }
            }
            ExprKind::Name(n) => f.write_str(n),
            ExprKind::Index { name, index, .. } => write!(f, "{name}[{index}]"),
            ExprKind::Neg(x) => write!(f, "(-{x})"),
            ExprKind::Binary { op, lhs, rhs } => write!(f, "({lhs} {} {rhs})", op.symbol()),
            ExprKind::Call { name, args, .. } => {
                write!(f, "{name}(")?;
                for (i, a) in args.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{a}")?;
                }
                f.write_str(")")
            }
        }
    }
}

impl fmt::Display for Index {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Index::Prev => f.write_str("prev"),
            Index::First => f.write_str("first"),
            Index::Last => f.write_str("last"),
            Index::Year(y) => write!(f, "{y}"),
        }
    }
}

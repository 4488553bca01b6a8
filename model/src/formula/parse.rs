//! The parser: tokens to a syntax tree ([`Expr`]), by recursive descent with the precedence
//! of the grammar in [`super`], refusing formulas too long or nested too deep.

use super::lex::{Tok, Token, lex};
use super::{BinOp, Expr, ExprKind, FormulaError, Index, MAX_CHARS, MAX_DEPTH};

/// Parse a formula. The whole text must be one expression.
pub fn parse(text: &str) -> Result<Expr, FormulaError> {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() > MAX_CHARS {
        return Err(FormulaError::new(
            0,
            chars.len(),
            format!(
                "the formula is {} characters long; the limit is 2,000",
                chars.len()
            ),
        )
        .hint("split it into several series, each worked out from the others"));
    }
    if chars.iter().all(|c| c.is_whitespace()) {
        return Err(FormulaError::new(0, 0, "the formula is empty")
            .expected("an expression, e.g. `households * 0.9`"));
    }
    let toks = lex(&chars)?;
    let mut p = Parser {
        chars: &chars,
        end: Token {
            tok: Tok::End,
            offset: chars.len(),
            len: 0,
        },
        toks,
        pos: 0,
        depth: 0,
    };
    let expr = p.formula()?;
    let t = p.peek().clone();
    match t.tok {
        Tok::End => Ok(expr),
        Tok::RParen => Err(FormulaError::new(
            t.offset,
            t.len,
            "found `)` without a matching `(`",
        )),
        Tok::RBracket => Err(FormulaError::new(
            t.offset,
            t.len,
            "found `]` without a matching `[`",
        )),
        Tok::Comma => Err(
            FormulaError::new(t.offset, t.len, "found `,` outside a function call")
                .hint("`,` separates the arguments of a function, e.g. `max(a, b)`"),
        ),
        Tok::Num(_) | Tok::Ident(_) | Tok::LParen | Tok::Text(_) => Err(FormulaError::new(
            t.offset,
            t.len,
            format!(
                "expected an operator such as `+` or `*`, found {}",
                p.describe(&t)
            ),
        )
        .expected("an operator or the end of the formula")
        .hint("to multiply, write `*`, e.g. `2 * households`")),
        _ => Err(
            FormulaError::new(t.offset, t.len, format!("unexpected {}", p.describe(&t)))
                .expected("an operator or the end of the formula"),
        ),
    }
}

#[derive(Debug)]
struct Parser<'a> {
    chars: &'a [char],
    toks: Vec<Token>,
    end: Token,
    pos: usize,
    depth: usize,
}

impl Parser<'_> {
    fn peek(&self) -> &Token {
        self.toks.get(self.pos).unwrap_or(&self.end)
    }

    fn bump(&mut self) -> Token {
        let t = self.peek().clone();
        if t.tok != Tok::End {
            self.pos += 1;
        }
        t
    }

    fn source(&self, t: &Token) -> String {
        self.chars
            .get(t.offset..t.offset + t.len)
            .map(|s| s.iter().collect())
            .unwrap_or_default()
    }

    fn describe(&self, t: &Token) -> String {
        match &t.tok {
            Tok::Num(_) => format!("the number `{}`", self.source(t)),
            Tok::Ident(n) => format!("the name `{n}`"),
            Tok::Text(_) => format!("the text {}", self.source(t)),
            Tok::End => "the end of the formula".to_string(),
            _ => format!("`{}`", self.source(t)),
        }
    }

    fn unexpected(&self, t: &Token, expected: &str, message: String) -> FormulaError {
        FormulaError::new(t.offset, t.len, message).expected(expected)
    }

    fn formula(&mut self) -> Result<Expr, FormulaError> {
        let lhs = self.additive()?;
        let Some(op) = cmp_op(&self.peek().tok) else {
            return Ok(lhs);
        };
        self.bump();
        let rhs = self.additive()?;
        let t = self.peek();
        if cmp_op(&t.tok).is_some() {
            return Err(FormulaError::new(
                t.offset,
                t.len,
                "comparisons cannot be chained, as in `a < b < c`",
            )
            .hint("compare two values at a time; combine the results with `if(...)`, `min` or `max`, or add brackets"));
        }
        let (offset, end) = (lhs.offset, rhs.end());
        Ok(Expr::new(
            ExprKind::Binary {
                op,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
            offset,
            end,
        ))
    }

    fn additive(&mut self) -> Result<Expr, FormulaError> {
        let mut lhs = self.term()?;
        loop {
            let op = match self.peek().tok {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.term()?;
            lhs = binary(op, lhs, rhs);
        }
    }

    fn term(&mut self) -> Result<Expr, FormulaError> {
        let mut lhs = self.unary()?;
        loop {
            let op = match self.peek().tok {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return Ok(lhs),
            };
            self.bump();
            let rhs = self.unary()?;
            lhs = binary(op, lhs, rhs);
        }
    }

    fn unary(&mut self) -> Result<Expr, FormulaError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            let t = self.peek();
            return Err(FormulaError::new(
                t.offset,
                t.len,
                format!("the formula is nested more than {MAX_DEPTH} levels deep"),
            )
            .hint("split it into several series, each worked out from the others"));
        }
        let result = if self.peek().tok == Tok::Minus {
            let minus = self.bump();
            self.unary().map(|x| {
                let end = x.end();
                Expr::new(ExprKind::Neg(Box::new(x)), minus.offset, end)
            })
        } else {
            self.power()
        };
        self.depth -= 1;
        result
    }

    fn power(&mut self) -> Result<Expr, FormulaError> {
        let base = self.postfix()?;
        if self.peek().tok != Tok::Caret {
            return Ok(base);
        }
        self.bump();
        let exponent = self.unary()?;
        Ok(binary(BinOp::Pow, base, exponent))
    }

    fn postfix(&mut self) -> Result<Expr, FormulaError> {
        let e = self.primary()?;
        if self.peek().tok != Tok::LBracket {
            return Ok(e);
        }
        let open = self.bump();
        let ExprKind::Name(name) = e.kind else {
            return Err(FormulaError::new(
                open.offset,
                open.len,
                "only a series name can be followed by `[...]`",
            )
            .hint("e.g. `households[prev]`"));
        };
        const EXPECTED: &str = "`prev`, `first`, `last` or a year, e.g. `households[prev]`";
        let t = self.bump();
        let index = match &t.tok {
            Tok::Ident(w) if w == "prev" => Index::Prev,
            Tok::Ident(w) if w == "first" => Index::First,
            Tok::Ident(w) if w == "last" => Index::Last,
            Tok::Ident(w) => {
                let mut err = self.unexpected(&t, EXPECTED, format!("unknown index `{w}`"));
                if let Some(near) = crate::validate::closest(w, ["prev", "first", "last"]) {
                    err = err.hint(format!("did you mean `{near}`?"));
                }
                return Err(err);
            }
            Tok::Num(y) => {
                if y.fract() != 0.0 || *y < f64::from(i32::MIN) || *y > f64::from(i32::MAX) {
                    return Err(self.unexpected(
                        &t,
                        EXPECTED,
                        format!("`{}` is not a year", self.source(&t)),
                    ));
                }
                // In range and whole, checked above.
                Index::Year(*y as i32)
            }
            _ => {
                let message = format!("expected {EXPECTED}, found {}", self.describe(&t));
                return Err(self.unexpected(&t, EXPECTED, message));
            }
        };
        let close = self.bump();
        if close.tok != Tok::RBracket {
            let message = format!(
                "expected `]` to close the `[` at character {}, found {}",
                open.offset + 1,
                self.describe(&close)
            );
            return Err(self.unexpected(&close, "`]`", message));
        }
        Ok(Expr::new(
            ExprKind::Index {
                name,
                index,
                index_offset: t.offset,
                index_len: t.len,
            },
            e.offset,
            close.offset + close.len,
        ))
    }

    fn primary(&mut self) -> Result<Expr, FormulaError> {
        let t = self.bump();
        let end = t.offset + t.len;
        match t.tok.clone() {
            Tok::Num(v) => Ok(Expr::new(ExprKind::Number(v), t.offset, end)),
            Tok::Text(s) => Ok(Expr::new(ExprKind::Text(s), t.offset, end)),
            Tok::Ident(name) => {
                if self.peek().tok == Tok::LParen {
                    self.call(name, &t)
                } else {
                    Ok(Expr::new(ExprKind::Name(name), t.offset, end))
                }
            }
            Tok::LParen => {
                let inner = self.formula()?;
                let close = self.bump();
                if close.tok == Tok::RParen {
                    Ok(inner)
                } else {
                    let message = format!(
                        "expected `)` to close the `(` at character {}, found {}",
                        t.offset + 1,
                        self.describe(&close)
                    );
                    Err(self.unexpected(&close, "`)`", message))
                }
            }
            _ => {
                const EXPECTED: &str = "a number, a name, `-` or `(`";
                let message = format!("expected {EXPECTED}, found {}", self.describe(&t));
                let mut err = self.unexpected(&t, EXPECTED, message);
                if t.tok == Tok::Plus {
                    err = err.hint("there is no unary `+`: leave it out");
                }
                Err(err)
            }
        }
    }

    fn call(&mut self, name: String, name_tok: &Token) -> Result<Expr, FormulaError> {
        let open = self.bump();
        let mut args = Vec::new();
        if self.peek().tok == Tok::RParen {
            let close = self.bump();
            return Ok(call_expr(name, name_tok, args, &close));
        }
        loop {
            args.push(self.formula()?);
            let t = self.bump();
            match t.tok {
                Tok::Comma => {}
                Tok::RParen => return Ok(call_expr(name, name_tok, args, &t)),
                _ => {
                    let message = format!(
                        "expected `,` or `)` to close the `(` of `{name}` at character {}, found {}",
                        open.offset + 1,
                        self.describe(&t)
                    );
                    return Err(self.unexpected(&t, "`,` or `)`", message));
                }
            }
        }
    }
}

fn call_expr(name: String, name_tok: &Token, args: Vec<Expr>, close: &Token) -> Expr {
    Expr::new(
        ExprKind::Call {
            name,
            name_len: name_tok.len,
            args,
        },
        name_tok.offset,
        close.offset + close.len,
    )
}

fn binary(op: BinOp, lhs: Expr, rhs: Expr) -> Expr {
    let (offset, end) = (lhs.offset, rhs.end());
    Expr::new(
        ExprKind::Binary {
            op,
            lhs: Box::new(lhs),
            rhs: Box::new(rhs),
        },
        offset,
        end,
    )
}

fn cmp_op(t: &Tok) -> Option<BinOp> {
    Some(match t {
        Tok::Lt => BinOp::Lt,
        Tok::Le => BinOp::Le,
        Tok::Gt => BinOp::Gt,
        Tok::Ge => BinOp::Ge,
        Tok::EqEq => BinOp::Eq,
        Tok::Ne => BinOp::Ne,
        _ => return None,
    })
}

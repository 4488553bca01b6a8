//! The formula language of what-if scenarios: lexer, parser, checks shared by every formula,
//! and the small stack machine formulas are compiled to.
//!
//! Grammar (lowest precedence first):
//!
//! ```text
//! formula    := additive (cmp additive)?            cmp: < <= > >= == !=  (not chainable)
//! additive   := term (("+" | "-") term)*             left-associative
//! term       := unary (("*" | "/") unary)*           left-associative
//! unary      := "-" unary | power
//! power      := postfix ("^" unary)?                 right-associative; -2^2 = -(2^2)
//! postfix    := primary ("[" index "]")?             only after a name
//! index      := "prev" | "first" | "last" | YEAR
//! primary    := NUMBER | TEXT | NAME | NAME "(" (formula ("," formula)*)? ")" | "(" formula ")"
//! NUMBER     := digits ("." digits)? exponent? | "." digits exponent?     (1e3, 0.78, .5)
//! NAME       := [a-z_][a-z0-9_]*
//! TEXT       := '...' | "..."                        (no escapes; only as `metric` arguments)
//! ```
//!
//! Offsets are counted in characters (not bytes) from the start of the formula, starting at 0.
//! Messages that mention a position ("the `(` at character 5") count from 1, as readers do.
//!
//! A formula is refused if it is longer than [`MAX_CHARS`] characters or nested deeper than
//! [`MAX_DEPTH`] levels (brackets, calls, unary minus and `^` each add one), so parsing cannot
//! overflow the stack.

use std::fmt;

/// The longest formula accepted, in characters.
pub const MAX_CHARS: usize = 2000;
/// The deepest nesting accepted (the top level counts as 1).
pub const MAX_DEPTH: usize = 64;
/// The evaluation stack of the compiled code; compilation refuses anything needing more.
pub(crate) const STACK_LIMIT: usize = 256;

// ---------------------------------------------------------------- errors

/// A problem in one formula, at `offset` (characters) for `len` characters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FormulaError {
    pub offset: usize,
    pub len: usize,
    pub message: String,
    pub expected: Option<String>,
    pub hint: Option<String>,
}

impl FormulaError {
    pub(crate) fn new(offset: usize, len: usize, message: impl Into<String>) -> Self {
        FormulaError {
            offset,
            len,
            message: message.into(),
            expected: None,
            hint: None,
        }
    }

    pub(crate) fn at(expr: &Expr, message: impl Into<String>) -> Self {
        FormulaError::new(expr.offset, expr.len, message)
    }

    pub(crate) fn expected(mut self, text: impl Into<String>) -> Self {
        self.expected = Some(text.into());
        self
    }

    pub(crate) fn hint(mut self, text: impl Into<String>) -> Self {
        self.hint = Some(text.into());
        self
    }
}

impl fmt::Display for FormulaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at character {}: {}", self.offset + 1, self.message)
    }
}

impl std::error::Error for FormulaError {}

// ---------------------------------------------------------------- syntax tree

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
    fn new(kind: ExprKind, offset: usize, end: usize) -> Self {
        Expr {
            kind,
            offset,
            len: end.saturating_sub(offset),
        }
    }

    fn end(&self) -> usize {
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

// ---------------------------------------------------------------- functions

/// A built-in function: its name, how many arguments it takes and how to call it.
#[derive(Clone, Copy, Debug)]
pub struct Function {
    pub name: &'static str,
    pub min_args: usize,
    /// `None`: any number from `min_args`.
    pub max_args: Option<usize>,
    pub usage: &'static str,
}

pub const FUNCTIONS: &[Function] = &[
    Function {
        name: "min",
        min_args: 2,
        max_args: None,
        usage: "`min(a, b, ...)`",
    },
    Function {
        name: "max",
        min_args: 2,
        max_args: None,
        usage: "`max(a, b, ...)`",
    },
    Function {
        name: "round",
        min_args: 1,
        max_args: Some(2),
        usage: "`round(x)` or `round(x, digits)`",
    },
    Function {
        name: "floor",
        min_args: 1,
        max_args: Some(1),
        usage: "`floor(x)`",
    },
    Function {
        name: "ceil",
        min_args: 1,
        max_args: Some(1),
        usage: "`ceil(x)`",
    },
    Function {
        name: "abs",
        min_args: 1,
        max_args: Some(1),
        usage: "`abs(x)`",
    },
    Function {
        name: "clamp",
        min_args: 3,
        max_args: Some(3),
        usage: "`clamp(x, lo, hi)`",
    },
    Function {
        name: "if",
        min_args: 3,
        max_args: Some(3),
        usage: "`if(condition, then, else)`",
    },
    Function {
        name: "metric",
        min_args: 1,
        max_args: Some(2),
        usage: "`metric(\"id\")` or `metric(\"id\", \"2021\")`",
    },
    Function {
        name: "total",
        min_args: 1,
        max_args: Some(1),
        usage: "`total(series)`",
    },
    Function {
        name: "mean",
        min_args: 1,
        max_args: Some(1),
        usage: "`mean(series)`",
    },
];

pub fn function(name: &str) -> Option<&'static Function> {
    FUNCTIONS.iter().find(|f| f.name == name)
}

/// Words a scenario cannot use as an input, series or output id.
pub fn is_reserved(name: &str) -> bool {
    matches!(name, "year" | "step" | "prev" | "first" | "last") || function(name).is_some()
}

/// Is `s` a formula name: `[a-z_][a-z0-9_]*`?
pub fn is_name(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes
        .next()
        .is_some_and(|b| b.is_ascii_lowercase() || b == b'_')
        && bytes.all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

// ---------------------------------------------------------------- lexer

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Num(f64),
    Ident(String),
    Text(String),
    Plus,
    Minus,
    Star,
    Slash,
    Caret,
    LParen,
    RParen,
    Comma,
    LBracket,
    RBracket,
    Lt,
    Le,
    Gt,
    Ge,
    EqEq,
    Ne,
    End,
}

#[derive(Clone, Debug)]
struct Token {
    tok: Tok,
    offset: usize,
    len: usize,
}

fn lex(chars: &[char]) -> Result<Vec<Token>, FormulaError> {
    let n = chars.len();
    let at = |i: usize| chars.get(i).copied();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(c) = at(i) {
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        let start = i;
        let tok = match c {
            '0'..='9' | '.' => lex_number(chars, &mut i)?,
            'a'..='z' | '_' => {
                while at(i)
                    .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
                {
                    i += 1;
                }
                Tok::Ident(chars[start..i].iter().collect())
            }
            '\'' | '"' => {
                let close = chars[start + 1..].iter().position(|&d| d == c);
                match close {
                    Some(k) => {
                        i = start + 1 + k + 1;
                        Tok::Text(chars[start + 1..start + 1 + k].iter().collect())
                    }
                    None => {
                        return Err(FormulaError::new(
                            start,
                            n - start,
                            "the text in quotes is not closed",
                        )
                        .expected(format!("a closing `{c}`")));
                    }
                }
            }
            '<' | '>' | '=' | '!' => {
                let eq = at(i + 1) == Some('=');
                i += if eq { 2 } else { 1 };
                match (c, eq) {
                    ('<', false) => Tok::Lt,
                    ('<', true) => Tok::Le,
                    ('>', false) => Tok::Gt,
                    ('>', true) => Tok::Ge,
                    ('=', true) => Tok::EqEq,
                    ('!', true) => Tok::Ne,
                    ('=', false) => {
                        return Err(FormulaError::new(start, 1, "found a single `=`")
                            .expected("`==` to compare two values")
                            .hint("formulas cannot assign; to test whether two values are equal write `==`"));
                    }
                    _ => {
                        return Err(FormulaError::new(start, 1, "found `!` on its own")
                            .expected("`!=` (not equal)"));
                    }
                }
            }
            'A'..='Z' => {
                return Err(FormulaError::new(
                    start,
                    1,
                    format!("unexpected capital letter `{c}`"),
                )
                .hint(
                    "names are written in lower-case letters, digits and `_`, e.g. `leaving_pct`",
                ));
            }
            _ => {
                i += 1;
                match c {
                    '+' => Tok::Plus,
                    '-' => Tok::Minus,
                    '*' => Tok::Star,
                    '/' => Tok::Slash,
                    '^' => Tok::Caret,
                    '(' => Tok::LParen,
                    ')' => Tok::RParen,
                    ',' => Tok::Comma,
                    '[' => Tok::LBracket,
                    ']' => Tok::RBracket,
                    _ => return Err(unexpected_char(start, c)),
                }
            }
        };
        out.push(Token {
            tok,
            offset: start,
            len: i - start,
        });
    }
    out.push(Token {
        tok: Tok::End,
        offset: n,
        len: 0,
    });
    Ok(out)
}

fn unexpected_char(offset: usize, c: char) -> FormulaError {
    let err = FormulaError::new(offset, 1, format!("unexpected character `{c}`"));
    let hint = match c {
        '%' => "there is no `%` operator: divide by 100 instead, e.g. `leaving_pct / 100`",
        '×' => "use `*` to multiply",
        '÷' => "use `/` to divide",
        '−' | '–' | '—' => "use the plain hyphen-minus `-`",
        '‘' | '’' | '“' | '”' => "use straight quotes, `'` or `\"`",
        '{' | '}' => "use `(` and `)` to group",
        '&' | '|' => "there are no `and`/`or` operators: use `if(...)`, `min` or `max`",
        ';' => "a formula is a single expression; separate function arguments with `,`",
        _ => "formulas use numbers, names, `+ - * / ^`, comparisons, brackets and function calls",
    };
    err.hint(hint)
}

fn lex_number(chars: &[char], i: &mut usize) -> Result<Tok, FormulaError> {
    let digit = |k: usize| chars.get(k).is_some_and(char::is_ascii_digit);
    let start = *i;
    while digit(*i) {
        *i += 1;
    }
    let int_digits = *i - start;
    if chars.get(*i) == Some(&'.') {
        let dot = *i;
        *i += 1;
        if !digit(*i) {
            return Err(if int_digits == 0 {
                FormulaError::new(dot, 1, "unexpected `.`").hint("write decimals like `0.5`")
            } else {
                FormulaError::new(dot, 1, "expected a digit after the decimal point")
                    .expected("a digit, e.g. `1.5`")
            });
        }
        while digit(*i) {
            *i += 1;
        }
    }
    if matches!(chars.get(*i), Some('e' | 'E')) {
        let sign = matches!(chars.get(*i + 1), Some('+' | '-'));
        let first = *i + 1 + usize::from(sign);
        if digit(first) {
            *i = first;
            while digit(*i) {
                *i += 1;
            }
        }
    }
    let text: String = chars[start..*i].iter().collect();
    match text.parse::<f64>() {
        Ok(v) if v.is_finite() => Ok(Tok::Num(v)),
        Ok(_) => Err(FormulaError::new(
            start,
            *i - start,
            format!("the number `{text}` is too large"),
        )),
        Err(_) => Err(FormulaError::new(
            start,
            *i - start,
            format!("`{text}` is not a number"),
        )),
    }
}

// ---------------------------------------------------------------- parser

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

// ---------------------------------------------------------------- arithmetic

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

// ---------------------------------------------------------------- compiled code

/// One instruction of the stack machine. Slots are resolved at compile time, so evaluation
/// does no look-ups by name.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Op {
    Const(f64),
    Input(u32),
    /// A series at the current step.
    Cur(u32),
    /// A series at the previous step (the current step at step 0).
    Prev(u32),
    /// A series at a fixed step.
    At(u32, u32),
    Total(u32),
    Mean(u32),
    Year,
    Step,
    Neg,
    Bin(BinOp),
    Min,
    Max,
    Round,
    RoundTo,
    Floor,
    Ceil,
    Abs,
    Clamp,
    /// Pop; jump to the instruction (counted from the formula's start) when it is 0.
    JumpIfZero(u32),
    Jump(u32),
}

impl BinOp {
    const ALL: [BinOp; 11] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Pow,
        BinOp::Lt,
        BinOp::Le,
        BinOp::Gt,
        BinOp::Ge,
        BinOp::Eq,
        BinOp::Ne,
    ];
}

impl Op {
    /// The instruction as three numbers: a tag and two operands (see [`Op::decode`]).
    pub(crate) fn encode(self) -> [f64; 3] {
        let n = |x: u32| f64::from(x);
        match self {
            Op::Const(v) => [0.0, v, 0.0],
            Op::Input(i) => [1.0, n(i), 0.0],
            Op::Cur(s) => [2.0, n(s), 0.0],
            Op::Prev(s) => [3.0, n(s), 0.0],
            Op::At(s, k) => [4.0, n(s), n(k)],
            Op::Total(s) => [5.0, n(s), 0.0],
            Op::Mean(s) => [6.0, n(s), 0.0],
            Op::Year => [7.0, 0.0, 0.0],
            Op::Step => [8.0, 0.0, 0.0],
            Op::Neg => [9.0, 0.0, 0.0],
            Op::Bin(b) => [
                10.0,
                BinOp::ALL.iter().position(|x| *x == b).unwrap_or(0) as f64,
                0.0,
            ],
            Op::Min => [11.0, 0.0, 0.0],
            Op::Max => [12.0, 0.0, 0.0],
            Op::Round => [13.0, 0.0, 0.0],
            Op::RoundTo => [14.0, 0.0, 0.0],
            Op::Floor => [15.0, 0.0, 0.0],
            Op::Ceil => [16.0, 0.0, 0.0],
            Op::Abs => [17.0, 0.0, 0.0],
            Op::Clamp => [18.0, 0.0, 0.0],
            Op::JumpIfZero(to) => [19.0, n(to), 0.0],
            Op::Jump(to) => [20.0, n(to), 0.0],
        }
    }

    /// The instruction [`Op::encode`] wrote; `None` for anything else.
    pub(crate) fn decode(w: [f64; 3]) -> Option<Op> {
        let n = |x: f64| -> Option<u32> {
            (x >= 0.0 && x <= f64::from(u32::MAX) && x.fract() == 0.0).then_some(x as u32)
        };
        Some(match w[0] as u32 {
            _ if w[0].fract() != 0.0 => return None,
            0 => Op::Const(w[1]),
            1 => Op::Input(n(w[1])?),
            2 => Op::Cur(n(w[1])?),
            3 => Op::Prev(n(w[1])?),
            4 => Op::At(n(w[1])?, n(w[2])?),
            5 => Op::Total(n(w[1])?),
            6 => Op::Mean(n(w[1])?),
            7 => Op::Year,
            8 => Op::Step,
            9 => Op::Neg,
            10 => Op::Bin(*BinOp::ALL.get(n(w[1])? as usize)?),
            11 => Op::Min,
            12 => Op::Max,
            13 => Op::Round,
            14 => Op::RoundTo,
            15 => Op::Floor,
            16 => Op::Ceil,
            17 => Op::Abs,
            18 => Op::Clamp,
            19 => Op::JumpIfZero(n(w[1])?),
            20 => Op::Jump(n(w[1])?),
            _ => return None,
        })
    }
}

/// What compiled code reads from while running.
#[derive(Debug)]
pub(crate) struct Env<'a> {
    pub inputs: &'a [f64],
    /// Used for any input missing from `inputs`.
    pub defaults: &'a [f64],
    pub series: &'a [Vec<f64>],
    pub t: usize,
    pub year: f64,
}

impl Env<'_> {
    fn series_at(&self, s: u32, t: usize) -> f64 {
        self.series
            .get(s as usize)
            .and_then(|v| v.get(t))
            .copied()
            .unwrap_or(f64::NAN)
    }
}

/// Run one formula's code.
pub(crate) fn run(code: &[Op], env: &Env<'_>) -> f64 {
    let mut stack = [0.0f64; STACK_LIMIT];
    let mut sp = 0usize;
    let mut pc = 0usize;
    macro_rules! push {
        ($v:expr) => {{
            let v = $v;
            stack[sp] = v;
            sp += 1;
        }};
    }
    macro_rules! unary {
        ($f:expr) => {{
            let f = $f;
            stack[sp - 1] = f(stack[sp - 1]);
        }};
    }
    macro_rules! binary {
        ($f:expr) => {{
            let f = $f;
            sp -= 1;
            stack[sp - 1] = f(stack[sp - 1], stack[sp]);
        }};
    }
    while let Some(&op) = code.get(pc) {
        pc += 1;
        match op {
            Op::Const(v) => push!(v),
            Op::Input(i) => push!(
                env.inputs
                    .get(i as usize)
                    .or_else(|| env.defaults.get(i as usize))
                    .copied()
                    .unwrap_or(f64::NAN)
            ),
            Op::Cur(s) => push!(env.series_at(s, env.t)),
            Op::Prev(s) => push!(env.series_at(s, env.t.saturating_sub(1))),
            Op::At(s, k) => push!(env.series_at(s, k as usize)),
            Op::Total(s) => push!(
                env.series
                    .get(s as usize)
                    .map_or(f64::NAN, |v| v.iter().sum::<f64>())
            ),
            Op::Mean(s) => push!(
                env.series
                    .get(s as usize)
                    .map_or(f64::NAN, |v| { v.iter().sum::<f64>() / v.len() as f64 })
            ),
            Op::Year => push!(env.year),
            Op::Step => push!(env.t as f64),
            Op::Neg => unary!(std::ops::Neg::neg),
            Op::Bin(o) => {
                sp -= 1;
                stack[sp - 1] = apply(o, stack[sp - 1], stack[sp]);
            }
            Op::Min => binary!(min2),
            Op::Max => binary!(max2),
            Op::Round => unary!(f64::round),
            Op::RoundTo => binary!(round_to),
            Op::Floor => unary!(f64::floor),
            Op::Ceil => unary!(f64::ceil),
            Op::Abs => unary!(f64::abs),
            Op::Clamp => {
                sp -= 2;
                stack[sp - 1] = clamp3(stack[sp - 1], stack[sp], stack[sp + 1]);
            }
            Op::JumpIfZero(to) => {
                sp -= 1;
                if stack[sp] == 0.0 {
                    pc = to as usize;
                }
            }
            Op::Jump(to) => pc = to as usize,
        }
    }
    if sp == 0 { f64::NAN } else { stack[0] }
}

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

/// The deepest the stack gets when running `ops`.
/// Is `ops` code the evaluator can run safely: every instruction finds its operands on the
/// stack, the stack stays within [`STACK_LIMIT`], and jumps go forward inside the code?
/// (Code from the compiler always is; this guards code read back with [`Op::decode`].)
pub(crate) fn runnable(ops: &[Op]) -> bool {
    // The stack depth on arrival at each instruction (and at the end), which must be the same
    // whichever way the code gets there.
    let mut depth_at: Vec<Option<usize>> = vec![None; ops.len() + 1];
    depth_at[0] = Some(0);
    let arrive = |at: usize, depth: usize, depth_at: &mut Vec<Option<usize>>| -> bool {
        match depth_at.get(at) {
            Some(None) => {
                depth_at[at] = Some(depth);
                true
            }
            Some(Some(d)) => *d == depth,
            None => false,
        }
    };
    // Jumps only go forward, so one pass in order sees every way into an instruction first.
    for pc in 0..ops.len() {
        let Some(depth) = depth_at[pc] else {
            continue; // unreachable
        };
        let op = ops[pc];
        let (needs, gives) = match op {
            Op::Const(_)
            | Op::Input(_)
            | Op::Cur(_)
            | Op::Prev(_)
            | Op::At(..)
            | Op::Total(_)
            | Op::Mean(_)
            | Op::Year
            | Op::Step => (0, 1),
            Op::Neg | Op::Round | Op::Floor | Op::Ceil | Op::Abs => (1, 1),
            Op::Bin(_) | Op::Min | Op::Max | Op::RoundTo => (2, 1),
            Op::Clamp => (3, 1),
            Op::JumpIfZero(_) => (1, 0),
            Op::Jump(_) => (0, 0),
        };
        if depth < needs {
            return false;
        }
        let after = depth - needs + gives;
        if after >= STACK_LIMIT {
            return false;
        }
        let ok = match op {
            Op::JumpIfZero(to) => {
                to as usize > pc
                    && arrive(to as usize, after, &mut depth_at)
                    && arrive(pc + 1, after, &mut depth_at)
            }
            Op::Jump(to) => to as usize > pc && arrive(to as usize, after, &mut depth_at),
            _ => arrive(pc + 1, after, &mut depth_at),
        };
        if !ok {
            return false;
        }
    }
    true
}

fn stack_needed(ops: &[Op]) -> usize {
    let mut depth: isize = 0;
    let mut most: isize = 0;
    for op in ops {
        depth += match op {
            Op::Const(_)
            | Op::Input(_)
            | Op::Cur(_)
            | Op::Prev(_)
            | Op::At(..)
            | Op::Total(_)
            | Op::Mean(_)
            | Op::Year
            | Op::Step => 1,
            Op::Neg | Op::Round | Op::Floor | Op::Ceil | Op::Abs => 0,
            Op::Bin(_) | Op::Min | Op::Max | Op::RoundTo | Op::JumpIfZero(_) => -1,
            Op::Clamp => -2,
            // The `then` branch's value is not on the stack where the `else` branch starts.
            Op::Jump(_) => -1,
        };
        most = most.max(depth);
    }
    most.max(0) as usize
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

pub(crate) fn function_list() -> String {
    let names: Vec<String> = FUNCTIONS.iter().map(|f| format!("`{}`", f.name)).collect();
    names.join(", ")
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    /// Names `a`, `b`, `c` are inputs 0 to 2; `year` works; nothing else resolves.
    struct TestScope;

    impl Scope for TestScope {
        fn name(&mut self, e: &Expr, name: &str, index: Option<Index>) -> Result<Op, FormulaError> {
            match (name, index) {
                ("a", None) => Ok(Op::Input(0)),
                ("b", None) => Ok(Op::Input(1)),
                ("c", None) => Ok(Op::Input(2)),
                ("year", None) => Ok(Op::Year),
                _ => Err(FormulaError::at(e, format!("unknown name `{name}`"))),
            }
        }
        fn special(&mut self, call: &Expr, name: &str, _: &[Expr]) -> Result<Op, FormulaError> {
            Err(FormulaError::at(call, format!("no `{name}` here")))
        }
        fn is_defined(&self, name: &str) -> bool {
            matches!(name, "a" | "b" | "c")
        }
    }

    fn run_code(code: &[Op], inputs: &[f64]) -> f64 {
        let env = Env {
            inputs,
            defaults: &[],
            series: &[],
            t: 0,
            year: 2025.0,
        };
        run(code, &env)
    }

    fn eval(text: &str, inputs: &[f64]) -> f64 {
        let e = parse(text).unwrap();
        let code = lower(&e, &mut TestScope).unwrap();
        run_code(&code, inputs)
    }

    fn err(text: &str) -> FormulaError {
        match parse(text) {
            Ok(e) => panic!("`{text}` parsed as {e}"),
            Err(e) => e,
        }
    }

    fn lower_err(text: &str) -> Vec<FormulaError> {
        lower(&parse(text).unwrap(), &mut TestScope).unwrap_err()
    }

    #[test]
    fn precedence_and_associativity() {
        let cases = [
            ("1 + 2 * 3", "(1 + (2 * 3))"),
            ("1 * 2 + 3", "((1 * 2) + 3)"),
            ("1 - 2 - 3", "((1 - 2) - 3)"),
            ("8 / 4 / 2", "((8 / 4) / 2)"),
            ("8 / 4 * 2", "((8 / 4) * 2)"),
            ("2 ^ 3 ^ 2", "(2 ^ (3 ^ 2))"),
            ("-2 ^ 2", "(-(2 ^ 2))"),
            ("2 ^ -2", "(2 ^ (-2))"),
            ("-a ^ -b ^ c", "(-(a ^ (-(b ^ c))))"),
            ("a * b ^ c", "(a * (b ^ c))"),
            ("-a * b", "((-a) * b)"),
            ("a - -b", "(a - (-b))"),
            ("--a", "(-(-a))"),
            ("2 * -3", "(2 * (-3))"),
            ("(1 + 2) * 3", "((1 + 2) * 3)"),
            ("((a))", "a"),
            ("a < b + 1", "(a < (b + 1))"),
            ("a + 1 >= b * 2", "((a + 1) >= (b * 2))"),
            ("a == b", "(a == b)"),
            ("a != b - 1", "(a != (b - 1))"),
            ("a <= -b", "(a <= (-b))"),
            ("a > b ^ 2", "(a > (b ^ 2))"),
            ("(a < b) == (b < c)", "((a < b) == (b < c))"),
            ("max(1, 2 + 3) * 2", "(max(1, (2 + 3)) * 2)"),
            ("min(max(a, b), round(c, 2))", "min(max(a, b), round(c, 2))"),
            ("if(a > 0, a, -a)", "if((a > 0), a, (-a))"),
            ("clamp(a, 0, 1) ^ 2", "(clamp(a, 0, 1) ^ 2)"),
            ("-abs(a)^2", "(-(abs(a) ^ 2))"),
            ("households[prev] * 0.9", "(households[prev] * 0.9)"),
            (
                "x[2027] - x[first] + x[last]",
                "((x[2027] - x[first]) + x[last])",
            ),
            (
                "metric('children-in-care') / 1e3",
                "(metric(\"children-in-care\") / 1000)",
            ),
            ("metric(\"a\", '2021')", "metric(\"a\", \"2021\")"),
            ("1.5e-3 + .5 + 2E2", "((0.0015 + 0.5) + 200)"),
            ("year - 2025 + step", "((year - 2025) + step)"),
            ("f()", "f()"),
        ];
        for (text, want) in cases {
            let got = parse(text).unwrap().to_string();
            assert_eq!(got, want, "{text}");
        }
    }

    #[test]
    fn arithmetic_values() {
        assert_eq!(eval("-2^2", &[]), -4.0);
        assert_eq!(eval("2^3^2", &[]), 512.0);
        assert_eq!(eval("2^-1", &[]), 0.5);
        assert_eq!(eval("10 - 4 - 3", &[]), 3.0);
        assert_eq!(
            eval(
                "(1 < 2) + (2 < 1) + (2 <= 2) + (3 >= 4) + (1 == 1) + (1 != 1)",
                &[]
            ),
            3.0
        );
        assert_eq!(eval("a * 2 + b", &[3.0, 1.0]), 7.0);
        assert_eq!(eval("round(2.5) + round(-2.5)", &[]), 0.0);
        assert_eq!(eval("round(2.71828, 2)", &[]), 2.72);
        assert_eq!(eval("round(1260, -2)", &[]), 1300.0);
        assert_eq!(eval("floor(-1.5) + ceil(1.2) + abs(-3)", &[]), 3.0);
        assert_eq!(
            eval("clamp(12, 0, 10) + clamp(-1, 0, 10) + clamp(5, 0, 10)", &[]),
            15.0
        );
        assert_eq!(eval("min(5, 2, 8) + max(5, 2, 8, 1)", &[]), 10.0);
        assert!(eval("max(a, 1)", &[f64::NAN]).is_nan());
        assert_eq!(eval("year", &[]), 2025.0);
    }

    #[test]
    fn if_evaluates_only_the_chosen_branch() {
        // a = 0: the division is never worked out, so the result is finite.
        assert_eq!(eval("if(a == 0, 7, 1 / a)", &[0.0]), 7.0);
        assert_eq!(eval("if(a == 0, 7, 1 / a)", &[4.0]), 0.25);
        assert_eq!(eval("if(a, 1, 2) + if(a - 1, 10, 20)", &[1.0]), 21.0);
        assert_eq!(
            eval("if(if(a, 0, 1), 1, if(b, 2, 3)) * 10", &[1.0, 0.0]),
            30.0
        );
        // Runtime division by zero is not caught: it gives infinity for the caller to report.
        assert!(eval("1 / a", &[0.0]).is_infinite());
    }

    #[test]
    fn syntax_errors_with_positions() {
        let e = err("");
        assert_eq!((e.offset, e.len), (0, 0));
        assert!(e.message.contains("empty"));
        assert_eq!(err("   ").message, "the formula is empty");

        let e = err("a * (1 + 2");
        assert_eq!((e.offset, e.len), (10, 0));
        assert_eq!(
            e.message,
            "expected `)` to close the `(` at character 5, found the end of the formula"
        );
        assert_eq!(e.expected.as_deref(), Some("`)`"));

        let e = err("max(1, 2");
        assert_eq!((e.offset, e.len), (8, 0));
        assert!(
            e.message
                .starts_with("expected `,` or `)` to close the `(` of `max` at character 4")
        );

        let e = err("(1 2)");
        assert_eq!((e.offset, e.len), (3, 1));
        assert!(e.message.contains("found the number `2`"));

        let e = err("1 +");
        assert_eq!((e.offset, e.len), (3, 0));
        assert_eq!(e.expected.as_deref(), Some("a number, a name, `-` or `(`"));

        let e = err("1 + * 2");
        assert_eq!((e.offset, e.len), (4, 1));
        assert!(e.message.ends_with("found `*`"));

        let e = err("2 households");
        assert_eq!((e.offset, e.len), (2, 10));
        assert!(e.hint.unwrap().contains("`*`"));

        let e = err("a < b < c");
        assert_eq!((e.offset, e.len), (6, 1));
        assert!(e.message.contains("chained"));

        let e = err("a <= b >= c");
        assert_eq!((e.offset, e.len), (7, 2));

        let e = err("a = b");
        assert_eq!((e.offset, e.len), (2, 1));
        assert!(e.expected.unwrap().contains("`==`"));

        assert_eq!(err("a ! b").offset, 2);

        let e = err("leaving % 2");
        assert_eq!((e.offset, e.len), (8, 1));
        assert!(e.hint.unwrap().contains("100"));

        let e = err("metric('abc)");
        assert_eq!((e.offset, e.len), (7, 5));
        assert!(e.message.contains("not closed"));

        let e = err("1 + Approvals");
        assert_eq!((e.offset, e.len), (4, 1));
        assert!(e.message.contains("capital"));

        let e = err("x[next]");
        assert_eq!((e.offset, e.len), (2, 4));
        assert_eq!(e.message, "unknown index `next`");
        let e = err("x[lst]");
        assert_eq!(e.hint.as_deref(), Some("did you mean `last`?"));

        let e = err("x[prev");
        assert_eq!((e.offset, e.len), (6, 0));
        assert!(
            e.message
                .starts_with("expected `]` to close the `[` at character 2")
        );

        let e = err("x[2027.5]");
        assert_eq!((e.offset, e.len), (2, 6));

        let e = err("x[]");
        assert_eq!((e.offset, e.len), (2, 1));

        let e = err("(1 + 2)[prev]");
        assert_eq!((e.offset, e.len), (7, 1));

        let e = err("1.x");
        assert_eq!((e.offset, e.len), (1, 1));

        let e = err("1 + 1e999");
        assert_eq!((e.offset, e.len), (4, 5));
        assert!(e.message.contains("too large"));

        let e = err("a)");
        assert_eq!((e.offset, e.len), (1, 1));
        assert!(e.message.contains("without a matching `(`"));

        let e = err("max(1,)");
        assert_eq!((e.offset, e.len), (6, 1));

        let e = err("a, b");
        assert_eq!((e.offset, e.len), (1, 1));

        let e = err("+1");
        assert_eq!((e.offset, e.len), (0, 1));
        assert!(e.hint.is_some());

        // Offsets count characters, not bytes.
        let e = err("a × b");
        assert_eq!((e.offset, e.len), (2, 1));
        assert_eq!(e.hint.as_deref(), Some("use `*` to multiply"));
        let e = err("'é' é");
        assert_eq!((e.offset, e.len), (4, 1));
    }

    #[test]
    fn length_and_depth_limits() {
        let long = "1+".repeat(999) + "1";
        assert_eq!(long.chars().count(), 1999);
        assert_eq!(eval(&long, &[]), 1000.0);

        let too_long = "1+".repeat(1000) + "1";
        let e = err(&too_long);
        assert_eq!((e.offset, e.len), (0, 2001));
        assert!(e.message.contains("2,000"));

        let nested = |k: usize| "(".repeat(k) + "1" + &")".repeat(k);
        assert_eq!(eval(&nested(63), &[]), 1.0);
        let e = err(&nested(64));
        assert_eq!((e.offset, e.len), (64, 1));
        assert!(e.message.contains("64 levels"));
        // Unclosed brackets far past the limit are refused at the same place, not overflowed.
        assert_eq!(err(&"(".repeat(1999)).offset, 64);
        assert_eq!(err(&"-".repeat(1999)).offset, 64);
        assert_eq!(err(&("2^".repeat(900) + "2")).offset, 128);
        assert_eq!(err(&"max(".repeat(400)).offset, 256);
    }

    #[test]
    fn lowering_errors() {
        let es = lower_err("mx(1, 2)");
        assert_eq!((es[0].offset, es[0].len), (0, 2));
        assert_eq!(es[0].hint.as_deref(), Some("did you mean `max`?"));

        let es = lower_err("1 + frobnicate(2)");
        assert_eq!((es[0].offset, es[0].len), (4, 10));
        assert!(
            es[0]
                .hint
                .as_deref()
                .unwrap()
                .starts_with("the functions are `min`")
        );

        let es = lower_err("a(2)");
        assert!(es[0].hint.as_deref().unwrap().contains("not a function"));

        let es = lower_err("1 + clamp(a, 2)");
        assert_eq!((es[0].offset, es[0].len), (4, 11));
        assert_eq!(es[0].message, "`clamp` takes 3 arguments, found 2");
        assert_eq!(es[0].expected.as_deref(), Some("`clamp(x, lo, hi)`"));
        assert_eq!(
            lower_err("round()")[0].message,
            "`round` takes 1 or 2 arguments, found 0"
        );
        assert_eq!(
            lower_err("max(1)")[0].message,
            "`max` takes at least 2 arguments, found 1"
        );
        assert_eq!(
            lower_err("abs(1, 2)")[0].message,
            "`abs` takes 1 argument, found 2"
        );

        let es = lower_err("a / 0");
        assert_eq!((es[0].offset, es[0].len), (4, 1));
        assert!(es[0].message.contains("division by zero"));
        let es = lower_err("a / (2 - 2 * 1)");
        assert_eq!((es[0].offset, es[0].len), (5, 9));
        let es = lower_err("a / round(0.2)");
        assert_eq!((es[0].offset, es[0].len), (4, 10));
        // A divisor that refers to anything is not constant.
        assert!(lower(&parse("a / (b - b)").unwrap(), &mut TestScope).is_ok());
        assert!(lower(&parse("a / 0.5").unwrap(), &mut TestScope).is_ok());

        let es = lower_err("'abc' + 1");
        assert_eq!((es[0].offset, es[0].len), (0, 5));

        // Every error is reported, not just the first.
        let es = lower_err("zz + mx(1, 2) + 1 / 0 + abs()");
        let offsets: Vec<usize> = es.iter().map(|e| e.offset).collect();
        assert_eq!(offsets, vec![0, 5, 20, 24]);
    }

    // ------------------------------------------------------------ property tests

    /// xorshift64*: small, deterministic, good enough for test data.
    struct Rng(u64);

    impl Rng {
        fn next(&mut self) -> u64 {
            let mut x = self.0;
            x ^= x >> 12;
            x ^= x << 25;
            x ^= x >> 27;
            self.0 = x;
            x.wrapping_mul(0x2545_F491_4F6C_DD1D)
        }
        fn below(&mut self, n: usize) -> usize {
            (self.next() % n as u64) as usize
        }
        fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
            &items[self.below(items.len())]
        }
    }

    fn node(kind: ExprKind) -> Expr {
        Expr {
            kind,
            offset: 0,
            len: 0,
        }
    }

    const OPS: [BinOp; 11] = [
        BinOp::Add,
        BinOp::Sub,
        BinOp::Mul,
        BinOp::Div,
        BinOp::Pow,
        BinOp::Lt,
        BinOp::Le,
        BinOp::Gt,
        BinOp::Ge,
        BinOp::Eq,
        BinOp::Ne,
    ];

    fn number(rng: &mut Rng) -> f64 {
        match rng.below(4) {
            0 => rng.below(10) as f64,
            1 => rng.below(400) as f64 / 8.0,
            2 => (rng.below(1000) as f64) * 0.01,
            _ => rng.below(100_000) as f64 * 1e-3,
        }
    }

    /// A random tree; `full` adds the forms only the parser cares about (indices, text,
    /// unknown functions).
    fn tree(rng: &mut Rng, depth: usize, full: bool) -> Expr {
        if depth == 0 || rng.below(5) == 0 {
            return match rng.below(if full { 5 } else { 3 }) {
                0 => node(ExprKind::Number(number(rng))),
                1 | 2 => node(ExprKind::Name(rng.pick(&["a", "b", "c"]).to_string())),
                3 => node(ExprKind::Index {
                    name: rng.pick(&["x", "households"]).to_string(),
                    index: *rng.pick(&[Index::Prev, Index::First, Index::Last, Index::Year(2027)]),
                    index_offset: 0,
                    index_len: 0,
                }),
                _ => node(ExprKind::Text(
                    rng.pick(&["children-in-care", "2021", "it's"]).to_string(),
                )),
            };
        }
        let d = depth - 1;
        match rng.below(4) {
            0 => node(ExprKind::Neg(Box::new(tree(rng, d, full)))),
            1 | 2 => node(ExprKind::Binary {
                op: *rng.pick(&OPS),
                lhs: Box::new(tree(rng, d, full)),
                rhs: Box::new(tree(rng, d, full)),
            }),
            _ => {
                let (name, n) = *rng.pick(&[
                    ("min", 2),
                    ("max", 3),
                    ("min", 4),
                    ("round", 1),
                    ("round", 2),
                    ("floor", 1),
                    ("ceil", 1),
                    ("abs", 1),
                    ("clamp", 3),
                    ("if", 3),
                ]);
                let (name, n) = if full && rng.below(10) == 0 {
                    ("g", rng.below(3))
                } else {
                    (name, n)
                };
                node(ExprKind::Call {
                    name: name.to_string(),
                    name_len: 0,
                    args: (0..n).map(|_| tree(rng, d, full)).collect(),
                })
            }
        }
    }

    /// The tree with every position set to 0, to compare shapes.
    fn shape(e: &Expr) -> Expr {
        let kind = match &e.kind {
            ExprKind::Index { name, index, .. } => ExprKind::Index {
                name: name.clone(),
                index: *index,
                index_offset: 0,
                index_len: 0,
            },
            ExprKind::Neg(x) => ExprKind::Neg(Box::new(shape(x))),
            ExprKind::Binary { op, lhs, rhs } => ExprKind::Binary {
                op: *op,
                lhs: Box::new(shape(lhs)),
                rhs: Box::new(shape(rhs)),
            },
            ExprKind::Call { name, args, .. } => ExprKind::Call {
                name: name.clone(),
                name_len: 0,
                args: args.iter().map(shape).collect(),
            },
            k => k.clone(),
        };
        node(kind)
    }

    /// Evaluation straight from the tree, written independently of the stack machine.
    fn reference(e: &Expr, inputs: &[f64]) -> f64 {
        let b = |t: bool| if t { 1.0 } else { 0.0 };
        match &e.kind {
            ExprKind::Number(n) => *n,
            ExprKind::Name(n) => inputs[(n.as_bytes()[0] - b'a') as usize],
            ExprKind::Neg(x) => -reference(x, inputs),
            ExprKind::Binary { op, lhs, rhs } => {
                let (x, y) = (reference(lhs, inputs), reference(rhs, inputs));
                match op {
                    BinOp::Add => x + y,
                    BinOp::Sub => x - y,
                    BinOp::Mul => x * y,
                    BinOp::Div => x / y,
                    BinOp::Pow => x.powf(y),
                    BinOp::Lt => b(x < y),
                    BinOp::Le => b(x <= y),
                    BinOp::Gt => b(x > y),
                    BinOp::Ge => b(x >= y),
                    BinOp::Eq => b(x == y),
                    BinOp::Ne => b(x != y),
                }
            }
            ExprKind::Call { name, args, .. } => {
                if name == "if" {
                    let c = reference(&args[0], inputs);
                    return reference(if c != 0.0 { &args[1] } else { &args[2] }, inputs);
                }
                let v: Vec<f64> = args.iter().map(|a| reference(a, inputs)).collect();
                match name.as_str() {
                    "min" | "max" if v.iter().any(|x| x.is_nan()) => f64::NAN,
                    "min" => v.iter().copied().fold(f64::INFINITY, f64::min),
                    "max" => v.iter().copied().fold(f64::NEG_INFINITY, f64::max),
                    "round" if v.len() == 1 => v[0].round(),
                    "round" => round_to(v[0], v[1]),
                    "floor" => v[0].floor(),
                    "ceil" => v[0].ceil(),
                    "abs" => v[0].abs(),
                    "clamp" => {
                        if v[0] < v[1] {
                            v[1]
                        } else if v[0] > v[2] {
                            v[2]
                        } else {
                            v[0]
                        }
                    }
                    other => panic!("unexpected function {other}"),
                }
            }
            ExprKind::Text(_) | ExprKind::Index { .. } => panic!("not in evaluation trees"),
        }
    }

    #[test]
    fn print_parse_print_round_trips() {
        let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
        for _ in 0..2000 {
            let t = tree(&mut rng, 6, true);
            let printed = t.to_string();
            let parsed = parse(&printed).unwrap_or_else(|e| panic!("{printed}: {e}"));
            assert_eq!(parsed.to_string(), printed);
            assert_eq!(shape(&parsed), t, "{printed}");
        }
    }

    #[test]
    fn evaluation_matches_the_reference() {
        let mut rng = Rng(0xD1B5_4A32_D192_ED03);
        let mut compared = 0;
        for _ in 0..2000 {
            let t = tree(&mut rng, 6, false);
            let inputs = [number(&mut rng) - 5.0, number(&mut rng), 0.0];
            let code = match lower(&t, &mut TestScope) {
                Ok(code) => code,
                Err(es) => {
                    assert!(es.iter().all(|e| e.message.starts_with("division by zero")));
                    continue;
                }
            };
            let got = run_code(&code, &inputs);
            let want = reference(&t, &inputs);
            assert!(
                got.to_bits() == want.to_bits() || (got.is_nan() && want.is_nan()),
                "{t}: {got} != {want} with {inputs:?}"
            );
            // Parsing the printed form compiles to code with the same result.
            let again = lower(&parse(&t.to_string()).unwrap(), &mut TestScope).unwrap();
            assert_eq!(again, code);
            compared += 1;
        }
        assert!(compared > 1800, "only {compared} trees compared");
    }

    #[test]
    fn parse_never_panics_on_random_bytes() {
        let mut rng = Rng(0x1234_5678_9ABC_DEF1);
        let alphabet = b"0123456789.eE+-*/^()[],<>=!'\" _abcxyzAZ%\t\n\xc3\xa9\xe2\x80\x99\xff";
        for _ in 0..10_000 {
            let len = rng.below(40);
            let bytes: Vec<u8> = (0..len)
                .map(|_| {
                    if rng.below(8) == 0 {
                        rng.next() as u8
                    } else {
                        *rng.pick(alphabet)
                    }
                })
                .collect();
            let text = String::from_utf8_lossy(&bytes);
            check_robust(&text);
        }
    }

    #[test]
    fn parse_never_panics_on_token_soup() {
        let mut rng = Rng(0x0F0F_1234_4321_F0F0);
        let tokens = [
            "(",
            ")",
            "[",
            "]",
            ",",
            "+",
            "-",
            "*",
            "/",
            "^",
            "<",
            "<=",
            "==",
            "!=",
            ">",
            ">=",
            "=",
            "!",
            "a",
            "b",
            "x",
            "prev",
            "first",
            "last",
            "2027",
            "1.5",
            "1e3",
            ".5",
            "0",
            "max",
            "min",
            "if",
            "round",
            "clamp",
            "metric",
            "total",
            "'id'",
            "\"p\"",
            "'",
            " ",
            "year",
            "step",
            "1e999",
            "9999999999",
        ];
        for _ in 0..10_000 {
            let n = rng.below(30);
            let text: String = (0..n).map(|_| *rng.pick(&tokens)).collect();
            check_robust(&text);
        }
    }

    /// Parsing, printing, re-parsing, compiling and running never panic, and errors point
    /// inside the text.
    fn check_robust(text: &str) {
        let chars = text.chars().count();
        match parse(text) {
            Ok(e) => {
                let printed = e.to_string();
                let again =
                    parse(&printed).unwrap_or_else(|err| panic!("{text} -> {printed}: {err}"));
                assert_eq!(again.to_string(), printed);
                assert!(e.offset + e.len <= chars);
                if let Ok(code) = lower(&e, &mut TestScope) {
                    let _ = run_code(&code, &[1.0, 2.0, 3.0]);
                }
            }
            Err(err) => {
                assert!(err.offset + err.len <= chars, "{text:?}: {err:?}");
                assert!(!err.message.is_empty());
            }
        }
    }

    #[test]
    fn names_and_reserved_words() {
        assert!(is_name("leaving_pct") && is_name("_x1") && is_name("a"));
        assert!(!is_name("") && !is_name("1a") && !is_name("Leaving") && !is_name("a-b"));
        for w in [
            "year", "step", "prev", "first", "last", "min", "if", "metric", "total", "mean",
        ] {
            assert!(is_reserved(w), "{w}");
        }
        assert!(!is_reserved("households"));
    }
}

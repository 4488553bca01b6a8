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
//!
//! One stage a file: `lex` (text to tokens), `parse` (tokens to an [`Expr`]), `syntax` (the
//! tree, and printing it back), `functions` (what may be called), `lower` (a tree to
//! instructions, names resolved by the caller's `Scope`), `code` (the instructions, the
//! evaluator and the safety check of decoded code), `arith` (the arithmetic they share) and
//! `error` ([`FormulaError`]). Everything is re-exported here.

/// The longest formula accepted, in characters.
pub const MAX_CHARS: usize = 2000;
/// The deepest nesting accepted (the top level counts as 1).
pub const MAX_DEPTH: usize = 64;
/// The evaluation stack of the compiled code; compilation refuses anything needing more.
pub(crate) const STACK_LIMIT: usize = 256;

mod arith;
mod code;
mod error;
mod functions;
mod lex;
mod lower;
mod parse;
mod syntax;

pub use arith::*;
pub(crate) use code::{Env, Op, run, runnable};
pub use error::FormulaError;
pub use functions::{FUNCTIONS, Function, function, is_name, is_reserved};
pub(crate) use lower::{Scope, lower};
pub use parse::parse;
pub use syntax::{BinOp, Expr, ExprKind, Index};

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
                    // In IEEE 754's total order, where -0 is below 0.
                    "min" => v.iter().copied().fold(f64::INFINITY, |a, x| {
                        if x.total_cmp(&a).is_lt() { x } else { a }
                    }),
                    "max" => v.iter().copied().fold(f64::NEG_INFINITY, |a, x| {
                        if x.total_cmp(&a).is_gt() { x } else { a }
                    }),
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

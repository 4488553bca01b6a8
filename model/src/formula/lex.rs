//! The lexer: formula text to tokens, each with its character offset.

use super::FormulaError;

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Tok {
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
pub(super) struct Token {
    pub(super) tok: Tok,
    pub(super) offset: usize,
    pub(super) len: usize,
}

pub(super) fn lex(chars: &[char]) -> Result<Vec<Token>, FormulaError> {
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

//! The functions formulas may call, and the names they reserve.

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

/// The function names, in backticks, for messages.
pub(crate) fn function_list() -> String {
    let names: Vec<String> = FUNCTIONS.iter().map(|f| format!("`{}`", f.name)).collect();
    names.join(", ")
}

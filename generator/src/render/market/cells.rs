//! A published cell (a value, a withheld count, or a flag) as a page, a JSON file and a CSV
//! file show it. Every view is made from `hearth_model::market::Shown`, which keeps no trace
//! of a withheld value.

use hearth_model::market::{Shown, Suppression};
use hearth_model::{Unit, format};
use serde::Serialize;

/// A number's default decimals: none for whole numbers, else one.
pub fn decimals_for(v: f64) -> u8 {
    if v.fract() == 0.0 { 0 } else { 1 }
}

/// A published cell on a page: its text, and whether (and why) it is withheld.
#[derive(Debug, Clone, Serialize)]
pub struct CellView {
    pub text: String,
    pub withheld: bool,
    /// What a flag (`x`, `z`) means, for a flagged cell.
    pub flag: Option<&'static str>,
}

impl CellView {
    pub fn of(s: Shown, unit: Unit, decimals: Option<u8>, rule: &Suppression) -> CellView {
        match s {
            Shown::Value(v) => CellView {
                text: format::value(v, unit, decimals.unwrap_or_else(|| decimals_for(v))),
                withheld: false,
                flag: None,
            },
            Shown::Withheld => CellView {
                text: rule.symbol.clone(),
                withheld: true,
                flag: None,
            },
            Shown::Flag(f) => CellView {
                text: f.symbol().to_string(),
                withheld: false,
                flag: Some(f.meaning()),
            },
        }
    }
}

/// A published cell in JSON: `{"value": 12}` or `{"value": null, "flag": "c"}` (or a text
/// column's `{"value": null, "text": "..."}`).
#[derive(Debug, Clone, Serialize)]
pub struct CellData {
    pub value: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flag: Option<String>,
    /// A text column's words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl CellData {
    pub fn of(s: Shown, rule: &Suppression) -> CellData {
        match s {
            Shown::Value(v) => CellData {
                value: Some(v),
                flag: None,
                text: None,
            },
            Shown::Withheld => CellData {
                value: None,
                flag: Some(rule.symbol.clone()),
                text: None,
            },
            Shown::Flag(f) => CellData {
                value: None,
                flag: Some(f.symbol().to_string()),
                text: None,
            },
        }
    }
}

/// A published cell in CSV: a plain number, or its symbol in the cell.
pub fn csv_cell(s: Shown, decimals: Option<u8>, rule: &Suppression) -> String {
    match s {
        Shown::Value(v) => format::plain(v, decimals.unwrap_or_else(|| decimals_for(v))),
        Shown::Withheld => rule.symbol.clone(),
        Shown::Flag(f) => f.symbol().to_string(),
    }
}

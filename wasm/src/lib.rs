//! Browser facade over `hearth-model`: thin wrappers that take and return plain values, so
//! the page's JavaScript and the generator share one implementation of each rule.
//! (Filtering and what-if scenarios arrive here with the in-browser engine.)

use wasm_bindgen::prelude::wasm_bindgen;

/// Parse a period as councils write it; returns `[start, end]` ISO dates (empty for an open
/// end), or throws the parser's message listing the accepted forms.
#[wasm_bindgen(js_name = parsePeriod)]
pub fn parse_period(text: &str) -> Result<Vec<String>, String> {
    let p = hearth_model::Period::parse(text).map_err(|e| e.to_string())?;
    Ok(vec![
        p.start().map(|d| d.iso()).unwrap_or_default(),
        p.end().map(|d| d.iso()).unwrap_or_default(),
    ])
}

/// Format a number with thousands separators and fixed decimals, as the generator does.
#[wasm_bindgen(js_name = formatNumber)]
pub fn format_number(value: f64, decimals: u8) -> String {
    hearth_model::format::number(value, decimals)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wraps_the_model() {
        assert_eq!(
            parse_period("2024/25"),
            Ok(vec!["2024-04-01".to_string(), "2025-03-31".to_string()])
        );
        assert!(parse_period("nonsense").is_err());
        assert_eq!(format_number(1234.5, 1), "1,234.5");
    }
}

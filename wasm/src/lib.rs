//! Browser facade over `hearth-model`: thin wrappers that take and return plain values, so
//! the page's JavaScript and the generator share one implementation of each rule.
//!
//! - [`Filter`]: faceted filtering of the delivery plan (and market asks) from a URL query.
//! - [`parse_period`] and [`format_number`]: the generator's period parser and number format.

use hearth_model::filter::{Index, Outcome, Query};
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

/// A filter over a published index (the JSON the generator writes into the page).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Filter {
    index: Index,
    query: Query,
    outcome: Outcome,
}

#[wasm_bindgen]
impl Filter {
    /// Read the index; throws a message if it is not an index.
    #[wasm_bindgen(constructor)]
    pub fn new(index_json: &str) -> Result<Filter, String> {
        let index: Index = serde_json::from_str(index_json).map_err(|e| e.to_string())?;
        let query = index.query_string("");
        let outcome = index.apply(&query);
        Ok(Filter {
            index,
            query,
            outcome,
        })
    }

    /// Apply a URL query string (`rag=red&q=carers`); returns how many items match.
    pub fn apply(&mut self, query: &str) -> usize {
        self.query = self.index.query_string(query);
        self.index.apply_into(&self.query, &mut self.outcome);
        self.outcome.count
    }

    /// Per item, 1 if it matches the last query, else 0.
    pub fn visible(&self) -> Vec<u8> {
        self.outcome.visible.iter().map(|v| u8::from(*v)).collect()
    }

    /// The facet counts of the last query, facet after facet, value after value.
    pub fn counts(&self) -> Vec<u32> {
        self.outcome.counts.concat()
    }

    /// The last query in canonical form, for the URL (no leading `?`).
    #[wasm_bindgen(js_name = queryString)]
    pub fn query_string(&self) -> String {
        self.index.to_query_string(&self.query)
    }

    /// The problem with a query field of the last query (`from`, `to` ...), if any.
    pub fn problem(&self, name: &str) -> Option<String> {
        self.query
            .problems
            .iter()
            .find(|p| p.name == name)
            .map(|p| p.message.clone())
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
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

    #[test]
    fn filters_a_published_index() {
        let json = r#"{"facets":[{"name":"rag","label":"Status","values":[{"key":"red","label":"Red"},{"key":"green","label":"Green"}]}],
            "items":[{"id":"a","f":[[0]],"d":18000,"t":"foster carers"},{"id":"b","f":[[1]],"t":"homes"}]}"#;
        let mut f = Filter::new(json).unwrap();
        assert_eq!(f.apply("rag=green"), 1);
        assert_eq!(f.visible(), vec![0, 1]);
        assert_eq!(f.counts(), vec![1, 1]);
        assert_eq!(f.query_string(), "rag=green");
        assert_eq!(
            f.apply("from=nonsense"),
            2,
            "an unreadable period is ignored"
        );
        assert!(f.problem("from").is_some());
        assert!(Filter::new("{").is_err());
    }
}

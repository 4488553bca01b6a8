//! Filter indexes (the delivery plan's actions, the market's asks) and the filter form's view.
//!
//! An index is built from the same views the pages show ([`Filterable`]), so a facet value
//! a page prints is the value the filter matches. The browser module runs
//! `hearth_model::filter` over the index the page carries; the form shows the counts with
//! nothing chosen, so the page is complete without JavaScript.

use std::collections::BTreeMap;

use hearth_model::filter::{Facet, FacetValue, Index, Item};
use serde::Serialize;

use super::view::ScriptJson;

/// One thing a filter can find: its facet values (keys) in the index's facet order, the day
/// it is due and the words a free-text search matches.
#[derive(Debug)]
pub struct Entry {
    pub id: String,
    /// Per facet, the keys of this item's values.
    pub keys: Vec<Vec<String>>,
    pub due: Option<i64>,
    /// The text to search, one part per line (lower-cased here).
    pub text: Vec<String>,
}

/// Build an index: `facets` (each value's key and label, in display order) and `entries`.
/// A key that is not one of its facet's values is left out.
pub fn index(facets: Vec<Facet>, entries: impl IntoIterator<Item = Entry>) -> Index {
    let positions: Vec<BTreeMap<&str, u32>> = facets
        .iter()
        .map(|f| {
            f.values
                .iter()
                .enumerate()
                .map(|(i, v)| (v.key.as_str(), i as u32))
                .collect()
        })
        .collect();
    let items = entries
        .into_iter()
        .map(|e| {
            let facet_values = e
                .keys
                .iter()
                .zip(&positions)
                .map(|(keys, pos)| {
                    let mut found: Vec<u32> = keys
                        .iter()
                        .filter_map(|k| pos.get(k.as_str()).copied())
                        .collect();
                    found.sort_unstable();
                    found.dedup();
                    found
                })
                .collect();
            let mut text = String::new();
            for part in &e.text {
                // Folded as the browser module folds the query (case, diacritics).
                text.push_str(&hearth_model::search::fold(part));
                text.push('\n');
            }
            Item {
                id: e.id,
                facets: facet_values,
                due: e.due,
                text,
            }
        })
        .collect();
    Index { facets, items }
}

/// A facet of an index.
pub fn facet(name: &str, label: &str, values: Vec<FacetValue>) -> Facet {
    Facet {
        name: name.into(),
        label: label.into(),
        values,
    }
}

/// A facet value.
pub fn value(key: &str, label: &str) -> FacetValue {
    FacetValue {
        key: key.into(),
        label: label.into(),
    }
}

/// The filter form: every facet that has values, with its values and unfiltered counts (by
/// position and by name), the number of items, the prefix of the form's ids, and the index
/// for the browser. A facet with no values (the plan's owners when no action has one) is
/// left out of the form, not of the index: the index's facets are positional, and the
/// browser module counts every one of them.
#[derive(Debug, Serialize)]
pub struct FilterView {
    pub facets: Vec<FacetView>,
    pub facet: BTreeMap<String, FacetView>,
    pub total: usize,
    pub prefix: String,
    pub index_json: ScriptJson,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetView {
    pub name: String,
    pub label: String,
    pub values: Vec<FacetValueView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FacetValueView {
    pub key: String,
    pub label: String,
    pub count: u32,
    /// The id of the value's checkbox.
    pub control: String,
}

impl FilterView {
    pub fn new(index: &Index, prefix: &str) -> FilterView {
        let outcome = index.apply(&index.query_string(""));
        let facets: Vec<FacetView> = index
            .facets
            .iter()
            .enumerate()
            .map(|(f, facet)| FacetView {
                name: facet.name.clone(),
                label: facet.label.clone(),
                values: facet
                    .values
                    .iter()
                    .enumerate()
                    .map(|(v, value)| FacetValueView {
                        key: value.key.clone(),
                        label: value.label.clone(),
                        count: outcome
                            .counts
                            .get(f)
                            .and_then(|c| c.get(v))
                            .copied()
                            .unwrap_or(0),
                        control: format!("{prefix}-{}-{}", facet.name, value.key),
                    })
                    .collect(),
            })
            .filter(|f| !f.values.is_empty())
            .collect();
        FilterView {
            facet: facets.iter().map(|f| (f.name.clone(), f.clone())).collect(),
            facets,
            total: index.items.len(),
            prefix: prefix.to_string(),
            index_json: ScriptJson::of(index),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_facet_with_no_values_stays_in_the_index_but_not_in_the_form() {
        let index = index(
            vec![
                facet(
                    "rag",
                    "Status",
                    vec![value("red", "Red"), value("green", "Green")],
                ),
                facet("owner", "Owner", Vec::new()),
                facet("priority", "Priority", vec![value("p", "P")]),
            ],
            [Entry {
                id: "a".into(),
                keys: vec![vec!["red".into()], Vec::new(), vec!["p".into()]],
                due: None,
                text: vec!["A".into()],
            }],
        );
        let view = FilterView::new(&index, "f");
        let names: Vec<&str> = view.facets.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["rag", "priority"]);
        assert!(!view.facet.contains_key("owner"));
        // Positions in the index are unchanged: the priority is still its third facet.
        assert_eq!(index.facets.len(), 3);
        assert_eq!(index.items[0].facets, vec![vec![0], vec![], vec![0]]);
        assert_eq!(view.facet["priority"].values[0].count, 1);
    }
}

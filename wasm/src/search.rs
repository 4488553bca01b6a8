//! The search module (`hearth_search.js`): what the search page uses.

use hearth_model::search::{self, Document, Searcher};
use wasm_bindgen::prelude::wasm_bindgen;

/// Site search over a published index (see `hearth_model::search` for its format).
#[wasm_bindgen]
#[derive(Debug)]
pub struct Search {
    searcher: Searcher,
    found: Vec<u32>,
    partial: bool,
}

#[wasm_bindgen]
impl Search {
    /// `terms` (space-separated), `counts` and `postings` as written; the documents' `urls`,
    /// `titles`, `sections` and `texts`. Throws if they do not fit together.
    #[wasm_bindgen(constructor)]
    pub fn new(
        terms: &str,
        counts: &[u32],
        postings: &[u32],
        urls: Vec<String>,
        titles: Vec<String>,
        sections: Vec<String>,
        texts: Vec<String>,
    ) -> Result<Search, String> {
        let bad = || "the search index does not fit together".to_string();
        let n = urls.len();
        if titles.len() != n || sections.len() != n || texts.len() != n {
            return Err(bad());
        }
        let docs = urls
            .into_iter()
            .zip(titles)
            .zip(sections)
            .zip(texts)
            .map(|(((url, title), section), text)| Document {
                url,
                title,
                section,
                text,
            })
            .collect();
        let index = search::Index::from_parts(terms, counts, postings, docs).ok_or_else(bad)?;
        Ok(Search {
            searcher: Searcher::new(index),
            found: Vec::new(),
            partial: false,
        })
    }

    /// Run a query; returns how many documents it found.
    pub fn query(&mut self, query: &str) -> usize {
        let found = self.searcher.search(query);
        self.found = found.docs;
        self.partial = found.partial;
        self.found.len()
    }

    /// The documents the last query found, best first, at most `limit`.
    pub fn hits(&self, limit: usize) -> Vec<u32> {
        self.found.iter().take(limit).copied().collect()
    }

    /// Whether no document had every word of the last query (the hits have the most).
    pub fn partial(&self) -> bool {
        self.partial
    }

    /// A snippet of document `doc` around the last query's first match: plain text and
    /// matched words alternating, plain first.
    pub fn snippet(&self, doc: usize, width: usize) -> Vec<String> {
        self.searcher.snippet(doc, width)
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn searches_a_published_index() {
        let s = |v: &[&str]| v.iter().map(|x| x.to_string()).collect::<Vec<_>>();
        let index = search::Index::build(vec![
            Document {
                url: "a/".into(),
                title: "Foster carers".into(),
                section: "Plan".into(),
                text: "Recruit more carers.".into(),
            },
            Document {
                url: "b/".into(),
                title: "Homes".into(),
                section: "Plan".into(),
                text: "Homes near foster families.".into(),
            },
        ]);
        let new = |counts: &[u32]| {
            Search::new(
                &index.terms_text(),
                counts,
                &index.encoded_postings(),
                s(&["a/", "b/"]),
                s(&["Foster carers", "Homes"]),
                s(&["Plan", "Plan"]),
                s(&["Recruit more carers.", "Homes near foster families."]),
            )
        };
        let mut search = new(&index.counts()).unwrap();
        assert_eq!(search.query("fostr"), 2);
        assert_eq!(search.hits(1), vec![0]);
        assert!(!search.partial());
        assert_eq!(
            search.snippet(1, 100),
            vec!["Homes near ", "foster", " families."]
        );
        assert_eq!(search.query("homes zebra"), 1);
        assert!(search.partial());
        assert!(new(&[1]).is_err());
    }
}

//! Faceted filtering, shared by the delivery plan and the market asks.
//!
//! An [`Index`] is a list of items, each with values in a few facets (workstream, RAG, owner
//! ...), an optional due date and a lower-cased text to search. A [`Query`] selects values in
//! some facets (any selected value matches within a facet; every facet must match), a due-date
//! range written as periods, and free-text words (every word must appear). [`Index::apply`]
//! answers which items match and, for every facet value, how many items would match if that
//! value were the facet's only choice given the other facets ("disjunctive" counts, so the
//! numbers beside unticked boxes stay meaningful).
//!
//! The generator builds each index from the views its pages show (see
//! `generator/src/render/filter.rs`) and publishes it in the page; the browser module runs the
//! same code, and the query lives in the page's URL (`?rag=red&workstream=foster-care`).

use serde::{Deserialize, Serialize};

use crate::period::Period;

/// One facet: its query name and its possible values in display order.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Facet {
    pub name: String,
    pub label: String,
    pub values: Vec<FacetValue>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FacetValue {
    /// Written in the URL and as the form control's value.
    pub key: String,
    pub label: String,
}

/// One filterable thing (an action, a market ask).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub id: String,
    /// Per facet (in the index's facet order), the indices of this item's values.
    #[serde(rename = "f")]
    pub facets: Vec<Vec<u32>>,
    /// Day number (see [`crate::Date::to_days`]) of the date the item is due, if it has one.
    #[serde(rename = "d", default, skip_serializing_if = "Option::is_none")]
    pub due: Option<i64>,
    /// Text searched by free-text queries, folded (`crate::search::fold`: lower case, Latin
    /// diacritics removed), as the query is.
    #[serde(rename = "t")]
    pub text: String,
}

/// Items and their facets.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Index {
    pub facets: Vec<Facet>,
    pub items: Vec<Item>,
}

/// What a reader asked for.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query {
    /// Per facet, the selected value indices (empty: no constraint), sorted and unique.
    pub selected: Vec<Vec<u32>>,
    /// The due-date range as written, and its day numbers.
    pub from: Option<(String, i64)>,
    pub to: Option<(String, i64)>,
    /// Free text as written, and its lower-cased words.
    pub text: String,
    pub words: Vec<String>,
    /// Parts of the URL that could not be used (unknown facet value, unreadable period).
    pub problems: Vec<QueryProblem>,
}

/// A part of the query that was ignored, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct QueryProblem {
    /// The query name (`from`, `rag` ...).
    pub name: String,
    pub message: String,
}

/// The answer to a query.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Outcome {
    /// Per item, whether it matches.
    pub visible: Vec<bool>,
    /// How many match.
    pub count: usize,
    /// Per facet, per value: how many items would match with that value chosen in that facet
    /// (the other facets, dates and text as queried).
    pub counts: Vec<Vec<u32>>,
}

/// The names used in the URL for the date range and the free text.
pub const FROM: &str = "from";
pub const TO: &str = "to";
pub const TEXT: &str = "q";

impl Index {
    /// Position of a facet by its query name.
    pub fn facet(&self, name: &str) -> Option<usize> {
        self.facets.iter().position(|f| f.name == name)
    }

    /// Read a query from `name=value` pairs (as decoded from a URL). Unknown names are ignored;
    /// unknown values and unreadable periods are recorded as problems.
    pub fn query<'a>(&self, pairs: impl IntoIterator<Item = (&'a str, &'a str)>) -> Query {
        let mut q = Query {
            selected: vec![Vec::new(); self.facets.len()],
            ..Query::default()
        };
        for (name, value) in pairs {
            let value = value.trim();
            if value.is_empty() {
                continue;
            }
            match name {
                FROM | TO => match Period::parse(value) {
                    Ok(p) => {
                        let day = if name == FROM {
                            p.start().map(|d| d.to_days())
                        } else {
                            p.end().map(|d| d.to_days())
                        };
                        match day {
                            Some(d) if name == FROM => q.from = Some((value.to_string(), d)),
                            Some(d) => q.to = Some((value.to_string(), d)),
                            None => q.problems.push(QueryProblem {
                                name: name.to_string(),
                                message: format!("“{value}” has no date to compare with"),
                            }),
                        }
                    }
                    Err(_) => q.problems.push(QueryProblem {
                        name: name.to_string(),
                        message: format!(
                            "“{value}” is not a period Hearth can read; try a year (2022), a financial year (2022/23), a quarter (2022-Q3) or a month (March 2022)"
                        ),
                    }),
                },
                TEXT => {
                    if !q.text.is_empty() {
                        q.text.push(' ');
                    }
                    q.text.push_str(value);
                    q.words = crate::search::fold(&q.text)
                        .split_whitespace()
                        .map(str::to_string)
                        .collect();
                }
                _ => {
                    let Some(f) = self.facet(name) else { continue };
                    match self.facets[f].values.iter().position(|v| v.key == value) {
                        Some(v) => {
                            let v = v as u32;
                            if let Err(at) = q.selected[f].binary_search(&v) {
                                q.selected[f].insert(at, v);
                            }
                        }
                        None => q.problems.push(QueryProblem {
                            name: name.to_string(),
                            message: format!(
                                "there is no {} “{value}”",
                                self.facets[f].label.to_ascii_lowercase()
                            ),
                        }),
                    }
                }
            }
        }
        q
    }

    /// Read a query from a URL query string such as `?rag=red&q=foster%20carers`.
    pub fn query_string(&self, s: &str) -> Query {
        let pairs = parse_query_string(s);
        self.query(pairs.iter().map(|(n, v)| (n.as_str(), v.as_str())))
    }

    /// The canonical query string for `q` (facets in index order, then dates, then text),
    /// without the leading `?`; empty when nothing is selected.
    pub fn to_query_string(&self, q: &Query) -> String {
        let mut parts = Vec::new();
        for (f, sel) in q.selected.iter().enumerate() {
            let Some(facet) = self.facets.get(f) else {
                continue;
            };
            for &v in sel {
                if let Some(value) = facet.values.get(v as usize) {
                    parts.push(format!("{}={}", facet.name, encode(&value.key)));
                }
            }
        }
        if let Some((text, _)) = &q.from {
            parts.push(format!("{FROM}={}", encode(text)));
        }
        if let Some((text, _)) = &q.to {
            parts.push(format!("{TO}={}", encode(text)));
        }
        if !q.text.trim().is_empty() {
            parts.push(format!("{TEXT}={}", encode(q.text.trim())));
        }
        parts.join("&")
    }

    /// Which items match, and the facet counts.
    pub fn apply(&self, q: &Query) -> Outcome {
        let mut out = Outcome::default();
        self.apply_into(q, &mut out);
        out
    }

    /// As [`Index::apply`], reusing `out`'s buffers.
    pub fn apply_into(&self, q: &Query, out: &mut Outcome) {
        out.visible.clear();
        out.visible.reserve(self.items.len());
        out.count = 0;
        out.counts.resize(self.facets.len(), Vec::new());
        for (f, facet) in self.facets.iter().enumerate() {
            out.counts[f].clear();
            out.counts[f].resize(facet.values.len(), 0);
        }
        for item in &self.items {
            // Other constraints first: dates and text apply to every count.
            let in_range = match item.due {
                Some(d) => {
                    q.from.as_ref().is_none_or(|(_, from)| d >= *from)
                        && q.to.as_ref().is_none_or(|(_, to)| d <= *to)
                }
                None => q.from.is_none() && q.to.is_none(),
            };
            if !in_range || !q.words.iter().all(|w| item.text.contains(w.as_str())) {
                out.visible.push(false);
                continue;
            }
            // Which facets does the item fail? Only 0 or 1 failures affect counts.
            let mut failed: Option<usize> = None;
            let mut failures = 0;
            for (f, sel) in q.selected.iter().enumerate() {
                if sel.is_empty() {
                    continue;
                }
                let values = item.facets.get(f).map_or(&[][..], Vec::as_slice);
                if !values.iter().any(|v| sel.binary_search(v).is_ok()) {
                    failures += 1;
                    failed = Some(f);
                    if failures > 1 {
                        break;
                    }
                }
            }
            match (failures, failed) {
                (0, _) => {
                    out.visible.push(true);
                    out.count += 1;
                    for (f, values) in item.facets.iter().enumerate() {
                        for &v in values {
                            if let Some(c) =
                                out.counts.get_mut(f).and_then(|c| c.get_mut(v as usize))
                            {
                                *c += 1;
                            }
                        }
                    }
                }
                (1, Some(f)) => {
                    out.visible.push(false);
                    for &v in item.facets.get(f).map_or(&[][..], Vec::as_slice) {
                        if let Some(c) = out.counts.get_mut(f).and_then(|c| c.get_mut(v as usize)) {
                            *c += 1;
                        }
                    }
                }
                _ => out.visible.push(false),
            }
        }
    }
}

/// Split a URL query string into decoded `name=value` pairs (`+` is a space; bad escapes are
/// kept as written).
pub fn parse_query_string(s: &str) -> Vec<(String, String)> {
    s.trim_start_matches('?')
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (n, v) = p.split_once('=').unwrap_or((p, ""));
            (decode(n), decode(v))
        })
        .collect()
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                let hex = |b: u8| (b as char).to_digit(16);
                match (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                    (Some(h), Some(l)) => {
                        out.push((h * 16 + l) as u8);
                        i += 2;
                    }
                    _ => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// Percent-encode a query value (unreserved characters kept; space as `%20`).
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn value(key: &str) -> FacetValue {
        FacetValue {
            key: key.into(),
            label: key.to_uppercase(),
        }
    }

    /// Three facets: colour (red, blue), size (s, m, l), tag (multi-valued: x, y).
    fn index() -> Index {
        let facet = |name: &str, keys: &[&str]| Facet {
            name: name.into(),
            label: name.into(),
            values: keys.iter().map(|k| value(k)).collect(),
        };
        let day = |s: &str| Period::parse(s).unwrap().end().map(|d| d.to_days());
        let item = |id: &str, c: u32, s: u32, tags: &[u32], due: Option<i64>, text: &str| Item {
            id: id.into(),
            facets: vec![vec![c], vec![s], tags.to_vec()],
            due,
            text: text.to_lowercase(),
        };
        Index {
            facets: vec![
                facet("colour", &["red", "blue"]),
                facet("size", &["s", "m", "l"]),
                facet("tag", &["x", "y"]),
            ],
            items: vec![
                item("a", 0, 0, &[0], day("March 2021"), "Recruit foster carers"),
                item("b", 0, 1, &[0, 1], day("2021/22"), "Open a children's home"),
                item("c", 1, 1, &[], day("Ongoing"), "Review foster fees"),
                item("d", 1, 2, &[1], day("2023"), "Supported lodgings scheme"),
                item("e", 0, 2, &[], day("2022-Q3"), "Foster carer training"),
            ],
        }
    }

    fn ids(ix: &Index, o: &Outcome) -> Vec<String> {
        ix.items
            .iter()
            .zip(&o.visible)
            .filter(|(_, v)| **v)
            .map(|(i, _)| i.id.clone())
            .collect()
    }

    fn run(ix: &Index, qs: &str) -> (Vec<String>, Outcome) {
        let o = ix.apply(&ix.query_string(qs));
        (ids(ix, &o), o)
    }

    #[test]
    fn no_query_shows_everything_with_plain_counts() {
        let ix = index();
        let (v, o) = run(&ix, "");
        assert_eq!(v, ["a", "b", "c", "d", "e"]);
        assert_eq!(o.count, 5);
        assert_eq!(o.counts, vec![vec![3, 2], vec![1, 2, 2], vec![2, 2]]);
    }

    #[test]
    fn values_in_one_facet_are_alternatives_and_facets_combine() {
        let ix = index();
        assert_eq!(run(&ix, "size=s&size=l").0, ["a", "d", "e"]);
        assert_eq!(run(&ix, "colour=red&size=m").0, ["b"]);
        assert_eq!(run(&ix, "tag=y").0, ["b", "d"]);
        assert_eq!(run(&ix, "tag=x&tag=y&colour=blue").0, ["d"]);
    }

    #[test]
    fn counts_are_disjunctive() {
        let ix = index();
        let (_, o) = run(&ix, "colour=red");
        // Colour counts ignore the colour choice; others respect it.
        assert_eq!(o.counts[0], vec![3, 2]);
        assert_eq!(o.counts[1], vec![1, 1, 1]);
        assert_eq!(o.counts[2], vec![2, 1]);
        let (_, o) = run(&ix, "colour=red&size=l");
        assert_eq!(o.count, 1);
        assert_eq!(o.counts[0], vec![1, 1]);
        assert_eq!(o.counts[1], vec![1, 1, 1]);
    }

    #[test]
    fn dates_use_the_due_date_and_drop_undated_items() {
        let ix = index();
        assert_eq!(run(&ix, "from=2021&to=2021").0, ["a"]);
        assert_eq!(run(&ix, "from=2021/22&to=2022/23").0, ["b", "e"]);
        assert_eq!(run(&ix, "from=2022").0, ["b", "d", "e"]);
        assert_eq!(run(&ix, "to=March+2021").0, ["a"]);
        let (v, o) = run(&ix, "to=2022-Q3");
        assert_eq!(v, ["a", "b", "e"]);
        // Dates constrain the counts too.
        assert_eq!(o.counts[0], vec![3, 0]);
    }

    #[test]
    fn free_text_needs_every_word_in_any_case() {
        let ix = index();
        assert_eq!(run(&ix, "q=foster").0, ["a", "c", "e"]);
        assert_eq!(run(&ix, "q=FOSTER+carer").0, ["a", "e"]);
        assert_eq!(run(&ix, "q=children%27s").0, ["b"]);
        assert_eq!(run(&ix, "q=nothing-like-this").0, Vec::<String>::new());
    }

    #[test]
    fn problems_are_reported_and_ignored() {
        let ix = index();
        let q = ix.query_string("colour=green&from=someday&size=m");
        assert_eq!(q.problems.len(), 2);
        assert_eq!(q.problems[0].name, "colour");
        assert!(q.problems[1].message.contains("financial year"));
        assert_eq!(ids(&ix, &ix.apply(&q)), ["b", "c"]);
    }

    #[test]
    fn query_strings_round_trip_canonically() {
        let ix = index();
        let q = ix.query_string(
            "?q=foster%20carers&tag=y&colour=blue&colour=red&from=2021%2F22&colour=red",
        );
        let s = ix.to_query_string(&q);
        assert_eq!(
            s,
            "colour=red&colour=blue&tag=y&from=2021/22&q=foster%20carers"
        );
        assert_eq!(ix.query_string(&s), q);
        assert_eq!(ix.to_query_string(&ix.query_string("")), "");
    }

    #[test]
    fn decoding_is_forgiving() {
        assert_eq!(
            parse_query_string("a=%zz&b=%4&c=%41%42&d&=e"),
            vec![
                ("a".to_string(), "%zz".to_string()),
                ("b".to_string(), "%4".to_string()),
                ("c".to_string(), "AB".to_string()),
                ("d".to_string(), String::new()),
                (String::new(), "e".to_string()),
            ]
        );
        assert_eq!(decode("caf%C3%A9+au+lait"), "café au lait");
    }

    /// Random queries against a brute-force reference.
    #[test]
    fn matches_a_brute_force_reference() {
        let ix = index();
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let choices = [
            "colour=red",
            "colour=blue",
            "size=s",
            "size=m",
            "size=l",
            "tag=x",
            "tag=y",
            "from=2021",
            "to=2022",
            "q=foster",
            "q=home",
        ];
        for _ in 0..500 {
            let parts: Vec<&str> = (0..(next() % 5))
                .map(|_| choices[(next() % choices.len() as u64) as usize])
                .collect();
            let q = ix.query_string(&parts.join("&"));
            let o = ix.apply(&q);
            let matches = |item: &Item, skip: Option<usize>| {
                let dated = item.due.map_or(q.from.is_none() && q.to.is_none(), |d| {
                    q.from.as_ref().is_none_or(|f| d >= f.1)
                        && q.to.as_ref().is_none_or(|t| d <= t.1)
                });
                dated
                    && q.words.iter().all(|w| item.text.contains(w.as_str()))
                    && q.selected.iter().enumerate().all(|(f, sel)| {
                        Some(f) == skip
                            || sel.is_empty()
                            || item.facets[f].iter().any(|v| sel.contains(v))
                    })
            };
            for (i, item) in ix.items.iter().enumerate() {
                assert_eq!(o.visible[i], matches(item, None), "{parts:?} {}", item.id);
            }
            for (f, facet) in ix.facets.iter().enumerate() {
                for v in 0..facet.values.len() as u32 {
                    let expect = ix
                        .items
                        .iter()
                        .filter(|it| matches(it, Some(f)) && it.facets[f].contains(&v))
                        .count() as u32;
                    assert_eq!(
                        o.counts[f][v as usize], expect,
                        "{parts:?} facet {f} value {v}"
                    );
                }
            }
        }
    }
}

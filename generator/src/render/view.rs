//! The small typed views every part of the site shares: trusted HTML and script JSON (marked
//! safe here, on the Rust side, so templates never need `|safe`), periods, ratings, flags and
//! links.
//!
//! Views are `#[derive(Serialize)]` structs. Templates receive them through minijinja's serde
//! support; open data files receive the same structs (or records borrowed from them) through
//! serde_json. Every field is always present (an absent value is `None`), so a template in
//! strict mode can tell a misspelt name from an empty value.

use hearth_model::analysis;
use hearth_model::{Flag, MetricSource, Period, Preposition, Rag, format};
use serde::{Serialize, Serializer};

/// HTML that Hearth wrote itself (Markdown rendered with raw HTML escaped and addresses
/// checked, see [`super::markdown`]). A template prints it as it is; anything else a
/// template prints is escaped.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Html(String);

impl Html {
    pub fn new(html: String) -> Html {
        Html(html)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// JSON for a `<script type="application/json">` element, escaped so that nothing in it can
/// end the element or open a comment ([`escape_script_json`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScriptJson(String);

impl ScriptJson {
    /// Serialise `value` for a script element.
    pub fn of(value: &impl Serialize) -> ScriptJson {
        let json = serde_json::to_string(value).unwrap_or_else(|_| "null".into());
        ScriptJson::escaped(&json)
    }

    /// JSON text (already serialised), escaped for a script element.
    pub fn escaped(json: &str) -> ScriptJson {
        ScriptJson(escape_script_json(json))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Escape JSON so it cannot close its `<script>` element or open a comment.
pub fn escape_script_json(json: &str) -> String {
    json.replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
        .replace('\u{2028}', "\\u2028")
        .replace('\u{2029}', "\\u2029")
}

/// In a template, trusted text is a safe string; anywhere else, a plain string.
fn trusted<S: Serializer>(text: &str, serializer: S) -> Result<S::Ok, S::Error> {
    if minijinja::value::serializing_for_value() {
        minijinja::Value::from_safe_string(text.to_string()).serialize(serializer)
    } else {
        serializer.serialize_str(text)
    }
}

impl Serialize for Html {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        trusted(&self.0, serializer)
    }
}

impl Serialize for ScriptJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        trusted(&self.0, serializer)
    }
}

/// A period as pages show it: the text as written, the label, its first and last days, and
/// the label with the word that brings it into a sentence (`Period::phrase`), so a template
/// never writes "in" or "as at" before a label itself: `as_at` is "as at 31 March 2024" or
/// "for 2024/25", `on` "on 31 March 2024" or "in March 2024", `by` "by 31 March 2024" or
/// "for 2020 to 2023". The phrases are `none` for `Ongoing`, which a sentence leaves out.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodView {
    pub text: String,
    pub label: String,
    pub start: Option<String>,
    pub end: Option<String>,
    pub start_label: Option<String>,
    pub end_label: Option<String>,
    pub as_at: Option<String>,
    pub on: Option<String>,
    pub by: Option<String>,
}

impl PeriodView {
    pub fn of(p: &Period) -> PeriodView {
        PeriodView {
            text: p.text().to_string(),
            label: p.label(),
            start: p.start().map(|d| d.iso()),
            end: p.end().map(|d| d.iso()),
            start_label: p.start().map(format::date_long),
            end_label: p.end().map(format::date_long),
            as_at: p.phrase(Preposition::AsAt),
            on: p.phrase(Preposition::On),
            by: p.phrase(Preposition::By),
        }
    }

    pub fn opt(p: &Option<Period>) -> Option<PeriodView> {
        p.as_ref().map(PeriodView::of)
    }
}

/// A RAG rating: its key (for the CSS class and data), label and meaning in words. An
/// action with no rating has the view [`RagView::not_rated`] ("Not rated"), never "Not
/// started".
#[derive(Debug, Clone, Serialize)]
pub struct RagView {
    pub key: &'static str,
    pub label: &'static str,
    pub meaning: &'static str,
}

impl RagView {
    /// The view of a rating, or of none (`RagView::of(action.rag)`: "Not rated").
    pub fn of(r: impl Into<Option<Rag>>) -> RagView {
        match r.into() {
            Some(r) => RagView {
                key: r.key(),
                label: r.label(),
                meaning: r.meaning(),
            },
            None => RagView::not_rated(),
        }
    }

    /// An action the plan gives no rating.
    pub fn not_rated() -> RagView {
        RagView {
            key: Rag::NOT_RATED_KEY,
            label: Rag::NOT_RATED_LABEL,
            meaning: Rag::NOT_RATED_MEANING,
        }
    }
}

/// Whether some action of the content has no rating. Then every summary of the plan counts
/// "Not rated" (zero included, so that tables of several summaries have the same columns),
/// and the plan's filter offers it; otherwise none mentions it.
pub fn any_not_rated(c: &hearth_model::Content) -> bool {
    c.actions().any(|(_, a)| a.rag.is_none())
}

/// How many actions have each rating, with the bar's geometry (percent widths).
#[derive(Debug, Clone, Serialize)]
pub struct RagCounts {
    pub items: Vec<RagCount>,
    pub total: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct RagCount {
    pub key: &'static str,
    pub label: &'static str,
    pub meaning: &'static str,
    pub count: usize,
    /// Where the rating's part of the bar starts and how wide it is, in percent.
    pub x: String,
    pub width: String,
}

impl RagCounts {
    /// The counts of `rags` (`None`: not rated). "Not rated" comes last, counted on its own,
    /// when `with_not_rated` (see [`any_not_rated`]) or when one of `rags` is not rated.
    pub fn of<'x>(
        rags: impl IntoIterator<Item = &'x Option<Rag>>,
        with_not_rated: bool,
    ) -> RagCounts {
        let tally = analysis::rag_counts(rags);
        let total = tally.total();
        let mut counts: Vec<(RagView, usize)> = tally
            .rated
            .iter()
            .map(|(r, n)| (RagView::of(*r), *n))
            .collect();
        if with_not_rated || tally.not_rated > 0 {
            counts.push((RagView::not_rated(), tally.not_rated));
        }
        let mut x = 0.0;
        let items = counts
            .into_iter()
            .map(|(r, n)| {
                let width = if total == 0 {
                    0.0
                } else {
                    100.0 * n as f64 / total as f64
                };
                let item = RagCount {
                    key: r.key,
                    label: r.label,
                    meaning: r.meaning,
                    count: n,
                    x: format!("{x:.2}"),
                    width: format!("{width:.2}"),
                };
                x += width;
                item
            })
            .collect();
        RagCounts { items, total }
    }
}

/// A statistical flag (a value not published): its symbol and what it means.
#[derive(Debug, Clone, Serialize)]
pub struct FlagView {
    pub symbol: &'static str,
    pub meaning: &'static str,
}

impl FlagView {
    pub fn of(f: Flag) -> FlagView {
        FlagView {
            symbol: f.symbol(),
            meaning: f.meaning(),
        }
    }
}

/// A link to a page of the site (the address is relative to the site root).
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub id: String,
    pub title: String,
    pub href: String,
}

impl Link {
    pub fn new(id: &str, title: &str, href: String) -> Link {
        Link {
            id: id.to_string(),
            title: title.to_string(),
            href,
        }
    }
}

/// A chart drawn in the page from ECharts options: the element's id, the options, the chart
/// drawn at build time as SVG, and whether it needs extra height (bars running across for many rows).
#[derive(Debug, Serialize)]
pub struct ChartView {
    pub id: String,
    pub json: ScriptJson,
    /// The same chart drawn at build time, shown until ECharts has drawn it (and without
    /// JavaScript, and in print).
    pub svg: Option<Html>,
    pub tall: bool,
}

/// Where figures come from: the publisher, the dataset (linked when its address is a web
/// address), when they were taken and under what licence.
#[derive(Debug, Serialize)]
pub struct SourceView {
    pub publisher: String,
    pub dataset: Option<String>,
    pub url: Option<String>,
    pub retrieved: Option<PeriodView>,
    pub licence: Option<String>,
    /// The publisher rounds its figures to the nearest this many.
    pub rounded_to: Option<u32>,
}

impl SourceView {
    pub fn of(s: &MetricSource) -> SourceView {
        SourceView {
            publisher: s.publisher.clone(),
            dataset: s.dataset.clone(),
            url: s.url.clone().filter(|u| super::markdown::is_safe_url(u)),
            retrieved: PeriodView::opt(&s.retrieved),
            licence: s.licence.clone(),
            rounded_to: s.rounded_to,
        }
    }
}

//! Statistical neighbours: the councils `site.yaml` lists as most like this one
//! (`statistical_neighbours:`), compared with it on every measure read from a DfE open data
//! standard file. The generator reads the neighbours' rows from the measure's own file (same
//! indicator and filters) into [`NeighbourFigures`]; this module works out, for each period of
//! the measure's own series, the neighbours' average and the council's rank ([`compare`]),
//! the comparator that carries the average into the measure's chart, table and data
//! ([`add_average`]), and the sentence that says it ([`sentence`]).
//!
//! The rules, as the pages state them:
//!
//! - **Average**: the simple (unweighted) mean of the neighbours that have a number for the
//!   period, rounded to the most places those numbers are written with (no more than the
//!   measure's `decimals`). A withheld or flagged value (`c`, `x`, `z`, `u`, `low`, `k`) and a
//!   neighbour with no row for the period are left out and counted. With fewer than half of
//!   the neighbours having a number there is no average.
//! - **Rank**: among the council and the neighbours with a number; 1 is the highest figure,
//!   or the best when the measure's polarity says which way is better (lower-is-better: 1 is
//!   the lowest). Equal figures share a rank (1, 2, 2, 4) and are called joint. No rank when
//!   the council's own figure is withheld or missing.

use serde::Serialize;

use crate::content::{Comparator, ComparatorKind, Figure, Flag, Metric, Point, Polarity, Site};
use crate::period::{Period, Preposition};
use crate::validate::{Issue, Place, SITE_FILE};
use crate::{analysis, format};

/// The id of the comparator that carries the neighbours' average.
pub const AVERAGE_ID: &str = "statistical-neighbours-average";

/// Its label, in the chart's legend and the table's heading.
pub const AVERAGE_LABEL: &str = "Statistical neighbours' average";

/// The statistical neighbours' figures for one measure, read from its own DfE file.
#[derive(Clone, Debug, Default, Serialize)]
pub struct NeighbourFigures {
    /// Each neighbour in the order site.yaml lists them.
    pub areas: Vec<NeighbourArea>,
    /// Where the list of neighbours comes from (site.yaml's `statistical_neighbours_source`).
    pub source: Option<String>,
}

/// One neighbour: its code, its name in the file (`la_name`) and its points (a number or a
/// flag), one for each period the file has a row for.
#[derive(Clone, Debug, Serialize)]
pub struct NeighbourArea {
    pub code: String,
    pub name: String,
    pub series: Vec<Point>,
}

/// The comparison for one period of the measure's own series.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub period: Period,
    /// The neighbours' average, when at least half of them have a number.
    pub average: Option<Figure>,
    /// How many neighbours site.yaml lists.
    pub listed: usize,
    /// How many have a number for the period (the ones averaged).
    pub with_figure: usize,
    /// How many have a withheld or flagged value instead.
    pub withheld: usize,
    /// How many have no row for the period.
    pub no_row: usize,
    /// The council's rank (1 = highest, or best), when its own figure is a number.
    pub rank: Option<usize>,
    /// How many are ranked: the council and the neighbours with a number.
    pub ranked: usize,
    /// Whether another area has the council's figure exactly.
    pub tied: bool,
}

/// Whether the ranks run from the best: the measure's polarity says which way is better.
pub fn ranks_by_best(m: &Metric) -> bool {
    m.polarity != Polarity::Neutral
}

/// How ranks run, in words: "1 is the highest figure" or "1 is the best (lowest) figure".
pub fn rank_rule(m: &Metric) -> &'static str {
    match m.polarity {
        Polarity::HigherIsBetter => "1 is the best (highest) figure",
        Polarity::LowerIsBetter => "1 is the best (lowest) figure",
        Polarity::Neutral => "1 is the highest figure",
    }
}

/// Whether `a` ranks above `b` for this measure.
fn above(m: &Metric, a: f64, b: f64) -> bool {
    match m.polarity {
        Polarity::LowerIsBetter => a < b,
        _ => a > b,
    }
}

/// The number at `period` in `series`, or whether there is a flagged point or none.
enum At {
    Number(f64, u8),
    Withheld,
    NoRow,
}

fn at(series: &[Point], period: &Period) -> At {
    match series
        .iter()
        .find(|p| p.period.sort_key() == period.sort_key())
    {
        Some(p) if p.flag.is_none() => match p.value.as_ref().map(|f| (f.number(), f.amount)) {
            Some((Some(v), crate::Amount::Exact(n))) => At::Number(v, n.decimals),
            _ => At::Withheld,
        },
        Some(_) => At::Withheld,
        None => At::NoRow,
    }
}

/// The comparison for every period of the measure's own series (empty when the measure has
/// no neighbours' figures).
pub fn compare(m: &Metric) -> Vec<Comparison> {
    let Some(figures) = &m.neighbour_figures else {
        return Vec::new();
    };
    let listed = figures.areas.len();
    m.series
        .iter()
        .map(|own| {
            let mut numbers = Vec::new();
            let (mut withheld, mut no_row, mut places) = (0, 0, 0u8);
            for area in &figures.areas {
                match at(&area.series, &own.period) {
                    At::Number(v, d) => {
                        numbers.push(v);
                        places = places.max(d);
                    }
                    At::Withheld => withheld += 1,
                    At::NoRow => no_row += 1,
                }
            }
            let average = (!numbers.is_empty() && numbers.len() * 2 >= listed).then(|| {
                let mean = numbers.iter().sum::<f64>() / numbers.len() as f64;
                let places = m.places(places);
                let scale = 10f64.powi(i32::from(places));
                let mut f = Figure::exact((mean * scale).round() / scale);
                if let crate::Amount::Exact(n) = &mut f.amount {
                    n.decimals = places;
                }
                f
            });
            let ours = own.flag.is_none().then(|| own.number()).flatten();
            let rank = ours.map(|v| 1 + numbers.iter().filter(|x| above(m, **x, v)).count());
            let tied = ours.is_some_and(|v| numbers.contains(&v));
            Comparison {
                period: own.period.clone(),
                average,
                listed,
                with_figure: numbers.len(),
                withheld,
                no_row,
                rank,
                ranked: numbers.len() + 1,
                tied,
            }
        })
        .collect()
}

impl Comparison {
    /// Whom the average counts: "10 of 10 neighbours", "9 of 10 neighbours; 1 withheld".
    pub fn counted(&self) -> String {
        let mut text = format!("{} of {} neighbours", self.with_figure, self.listed);
        if self.withheld > 0 {
            text.push_str(&format!("; {} withheld", self.withheld));
        }
        if self.no_row > 0 {
            text.push_str(&format!("; {} with no figure in the file", self.no_row));
        }
        text
    }

    /// Why there is no average, when there is none.
    pub fn no_average(&self) -> Option<String> {
        self.average.is_none().then(|| {
            format!(
                "no average: fewer than half of the neighbours have a figure; {}",
                self.counted()
            )
        })
    }

    /// The rank in words: "4th highest of 11", "joint 2nd best of 9"; `None` when unranked.
    pub fn rank_words(&self, m: &Metric) -> Option<String> {
        let rank = self.rank?;
        let way = if ranks_by_best(m) { "best" } else { "highest" };
        let joint = if self.tied { "joint " } else { "" };
        Some(format!("{joint}{} {way} of {}", ordinal(rank), self.ranked))
    }
}

/// 1st, 2nd, 3rd, 4th, 11th, 21st, ...
pub fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// The comparator carrying the neighbours' average into the measure's chart, table and data:
/// one point a period (the average, with whom it counts in its note; or `x`, not available,
/// with why, when there is none). Added after the content is checked.
pub fn add_average(m: &mut Metric) {
    let comparisons = compare(m);
    if m.neighbour_figures.is_none() {
        return;
    }
    let series = comparisons
        .into_iter()
        .map(|c| {
            let note = Some(c.no_average().unwrap_or_else(|| c.counted()));
            Point {
                flag: c.average.is_none().then_some(Flag::NotAvailable),
                value: c.average,
                period: c.period,
                note,
                change: None,
            }
        })
        .collect();
    m.comparators.push(Comparator {
        id: AVERAGE_ID.into(),
        label: AVERAGE_LABEL.into(),
        kind: ComparatorKind::StatisticalNeighbours,
        series,
        value: None,
        note: None,
    });
}

/// What the comparison says for the latest period that has one, in one sentence: "In
/// 2023/24 Northbrook's figure was 71 per 10,000, the 4th highest of 11 (Northbrook and the
/// 10 neighbours with a figure); the neighbours' average was 63 (10 of 10 neighbours)."
pub fn sentence(m: &Metric, authority: &str) -> Option<String> {
    let comparisons = compare(m);
    let c = comparisons
        .iter()
        .filter(|c| c.rank.is_some() || c.average.is_some())
        .max_by(|a, b| a.period.sort_key().cmp(&b.period.sort_key()))?;
    let when = c
        .period
        .phrase(Preposition::At)
        .map(|p| {
            let mut chars = p.chars();
            chars
                .next()
                .map(|f| f.to_uppercase().collect::<String>() + chars.as_str())
                .unwrap_or_default()
        })
        .unwrap_or_default();
    let own = m
        .series
        .iter()
        .find(|p| p.period.sort_key() == c.period.sort_key())
        .and_then(|p| p.value.as_ref().filter(|_| p.flag.is_none()));
    let first = match (own, c.rank_words(m)) {
        (Some(v), Some(rank)) => format!(
            "{when} {authority}'s figure was {}, the {rank} ({authority} and the {} neighbour{} with a figure)",
            analysis::figure(m, v),
            c.with_figure,
            if c.with_figure == 1 { "" } else { "s" }
        ),
        _ => format!("{when} {authority}'s own figure is not available, so it is not ranked"),
    };
    let second = match &c.average {
        Some(avg) => format!(
            "the statistical neighbours' average was {} ({})",
            analysis::figure(m, avg),
            c.counted()
        ),
        None => format!(
            "there is no neighbours' average, as fewer than half of them have a figure ({})",
            c.counted()
        ),
    };
    Some(format!("{first}; {second}."))
}

/// The figure of an area at a period as a CSV cell or page text: the number as written (to
/// the measure's places), or the flag's symbol, or empty.
pub fn plain_at(m: &Metric, series: &[Point], period: &Period) -> (String, Option<Flag>) {
    match series
        .iter()
        .find(|p| p.period.sort_key() == period.sort_key())
    {
        Some(Point { flag: Some(f), .. }) => (f.symbol().to_string(), Some(*f)),
        Some(Point { value: Some(v), .. }) => (format::plain_figure(v, m.decimals), None),
        _ => (String::new(), None),
    }
}

/// Whether `code` has the form of an ONS area code: a letter (E, W, S or N) and 8 digits.
pub fn is_ons_code(code: &str) -> bool {
    let b = code.as_bytes();
    b.len() == 9
        && matches!(b[0], b'E' | b'W' | b'S' | b'N')
        && b[1..].iter().all(u8::is_ascii_digit)
}

/// The checks of `ons_code` and `statistical_neighbours` in site.yaml.
pub fn check_site(site: &Site) -> Vec<Issue> {
    let mut issues = Vec::new();
    let form = "an ONS code: a letter and 8 digits, such as E06000016";
    if let Some(code) = &site.ons_code
        && !is_ons_code(code)
    {
        issues.push(
            Issue::error(
                Place::new(SITE_FILE, "ons_code"),
                format!("`{code}` is not an ONS code"),
            )
            .expected(form)
            .hint(ons_hint(code)),
        );
    }
    if !site.statistical_neighbours.is_empty() && site.ons_code.is_none() {
        issues.push(
            Issue::error(
                Place::new(SITE_FILE, "statistical_neighbours"),
                "`statistical_neighbours` needs the council's own `ons_code`",
            )
            .expected("`ons_code: E06000016` (the council's ONS code) in site.yaml")
            .hint("add `ons_code:`, so the council can be ranked among its neighbours"),
        );
    }
    for (i, code) in site.statistical_neighbours.iter().enumerate() {
        let place = Place::new(SITE_FILE, format!("statistical_neighbours[{i}]"));
        if !is_ons_code(code) {
            issues.push(
                Issue::error(place, format!("`{code}` is not an ONS code"))
                    .expected(form)
                    .hint(ons_hint(code)),
            );
        } else if site.ons_code.as_deref() == Some(code.as_str()) {
            issues.push(
                Issue::error(
                    place,
                    format!("`{code}` is the council's own `ons_code`, not a neighbour"),
                )
                .hint("remove it: the council is ranked among its neighbours anyway")
                .related(Place::new(SITE_FILE, "ons_code")),
            );
        } else if let Some(first) = site.statistical_neighbours[..i]
            .iter()
            .position(|c| c == code)
        {
            issues.push(
                Issue::error(place, format!("`{code}` is listed twice"))
                    .hint("remove one: each neighbour counts once in the average")
                    .related(Place::new(
                        SITE_FILE,
                        format!("statistical_neighbours[{first}]"),
                    )),
            );
        }
    }
    issues
}

fn ons_hint(code: &str) -> String {
    let upper = code.trim().to_ascii_uppercase();
    if upper != code && is_ons_code(&upper) {
        format!("write it as `{upper}`")
    } else {
        "council codes start E06, E08, E09 or E10 in England (W06 in Wales); the DfE files give them in `new_la_code`".into()
    }
}

/// The checks of a measure's `neighbours:` once its neighbours' figures are read: `true`
/// with nothing to compare, and a hand-written statistical-neighbours comparator beside the
/// one made from the file.
pub fn check_metric(m: &Metric) -> Vec<Issue> {
    let mut issues = Vec::new();
    if m.neighbours == Some(true) && m.neighbour_figures.is_none() {
        issues.push(
            Issue::error(
                Place::new(&m.file, "neighbours"),
                "`neighbours: true`, but this measure has no statistical neighbours' figures",
            )
            .expected("`series:` read from a DfE file at local-authority level for the council's `ons_code`, and `statistical_neighbours:` in site.yaml")
            .hint("remove `neighbours: true`, or read the series with `dfe:`"),
        );
    }
    if m.neighbour_figures.is_some() {
        for (i, c) in m.comparators.iter().enumerate() {
            if c.kind == ComparatorKind::StatisticalNeighbours || c.id == AVERAGE_ID {
                issues.push(
                    Issue::error(
                        Place::new(&m.file, format!("comparators[{i}]")),
                        "two statistical-neighbour comparators: this one and the average Hearth works out from the DfE file",
                    )
                    .hint("remove this comparator, or write `neighbours: false` to keep it instead"),
                );
            }
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metric(polarity: &str, own: &str, areas: &[(&str, &str)]) -> Metric {
        let mut m: Metric = serde_yaml::from_str(&format!(
            "{{ id: m, title: M, unit: rate-per-10000, polarity: {polarity}, definition: d, source: {{ publisher: p }}, series: {own} }}"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        m.neighbour_figures = Some(NeighbourFigures {
            areas: areas
                .iter()
                .map(|(code, series)| NeighbourArea {
                    code: (*code).into(),
                    name: format!("Area {code}"),
                    series: serde_yaml::from_str(series).unwrap_or_else(|e| panic!("{e}")),
                })
                .collect(),
            source: None,
        });
        m
    }

    #[test]
    fn average_leaves_out_a_withheld_neighbour_and_counts_it() {
        let m = metric(
            "neutral",
            "[{ period: 2023/24, value: 70 }]",
            &[
                ("E06000001", "[{ period: 2023/24, value: 60 }]"),
                ("E06000002", "[{ period: 2023/24, value: 65.5 }]"),
                ("E06000003", "[{ period: 2023/24, flag: c }]"),
            ],
        );
        let c = &compare(&m)[0];
        assert_eq!(c.average.as_ref().and_then(Figure::number), Some(62.8));
        assert_eq!((c.with_figure, c.withheld, c.listed), (2, 1, 3));
        assert_eq!(c.counted(), "2 of 3 neighbours; 1 withheld");
        assert_eq!(c.rank_words(&m).as_deref(), Some("1st highest of 3"));
    }

    #[test]
    fn too_few_neighbours_give_no_average() {
        let m = metric(
            "neutral",
            "[{ period: 2023/24, value: 70 }]",
            &[
                ("E06000001", "[{ period: 2023/24, value: 60 }]"),
                ("E06000002", "[{ period: 2023/24, flag: c }]"),
                ("E06000003", "[]"),
            ],
        );
        let c = &compare(&m)[0];
        assert_eq!(c.average, None);
        assert_eq!(
            c.no_average().as_deref(),
            Some(
                "no average: fewer than half of the neighbours have a figure; 1 of 3 neighbours; 1 withheld; 1 with no figure in the file"
            )
        );
        let mut m = m;
        add_average(&mut m);
        let p = &m.comparators[0].series[0];
        assert_eq!(
            (p.flag, p.value.is_none()),
            (Some(Flag::NotAvailable), true)
        );
    }

    #[test]
    fn ties_share_a_rank_and_polarity_turns_ranks_round() {
        let areas = [
            ("E06000001", "[{ period: 2023, value: 50 }]"),
            ("E06000002", "[{ period: 2023, value: 70 }]"),
            ("E06000003", "[{ period: 2023, value: 80 }]"),
        ];
        let m = metric("neutral", "[{ period: 2023, value: 70 }]", &areas);
        let c = &compare(&m)[0];
        assert_eq!((c.rank, c.tied), (Some(2), true));
        assert_eq!(c.rank_words(&m).as_deref(), Some("joint 2nd highest of 4"));
        let m = metric("lower-is-better", "[{ period: 2023, value: 40 }]", &areas);
        assert_eq!(
            compare(&m)[0].rank_words(&m).as_deref(),
            Some("1st best of 4")
        );
        let m = metric("neutral", "[{ period: 2023, flag: c }]", &areas);
        assert_eq!(compare(&m)[0].rank, None);
        assert!(sentence(&m, "Northbrook").is_some_and(|s| s.contains("not ranked")));
    }

    #[test]
    fn codes_are_checked() {
        assert!(is_ons_code("E06000016"));
        assert!(!is_ons_code("e06000016"));
        assert!(!is_ons_code("E0600001"));
        let mut s = Site {
            ons_code: Some("E06000016".into()),
            statistical_neighbours: vec![
                "E06000015".into(),
                "E06000016".into(),
                "E06000015".into(),
                "E6000015".into(),
            ],
            ..Site::default()
        };
        let issues = check_site(&s);
        let paths: Vec<&str> = issues.iter().map(|i| i.place.path.as_str()).collect();
        assert_eq!(
            paths,
            [
                "statistical_neighbours[1]",
                "statistical_neighbours[2]",
                "statistical_neighbours[3]"
            ]
        );
        s.ons_code = None;
        assert!(
            check_site(&s)[0]
                .message
                .contains("needs the council's own")
        );
        assert_eq!(ordinal(11), "11th");
        assert_eq!(ordinal(22), "22nd");
    }
}

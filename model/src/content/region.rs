//! `region.yaml`: a regional site. A content folder holding `region.yaml` is a region: its
//! own site.yaml, strategy, plan and market statement make the region's own pages, and
//! `members:` names the member councils' content folders, each published whole under
//! `/councils/<id>/`. `measures:` says how measures the members share are compared and
//! combined into a regional figure.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::content::{Metric, Unit};
use crate::validate::{Issue, Place, closest, is_id};

/// The file that makes a content folder a region.
pub const REGION_FILE: &str = "region.yaml";

/// `region.yaml`: the member councils and how their measures are compared.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Region {
    /// The member councils, in the order the region lists them.
    pub members: Vec<Member>,
    /// Measures compared across members, by the region's id for them: how their regional
    /// figure is made, and which member measure each member's id is when it differs.
    #[serde(default)]
    pub measures: BTreeMap<String, RegionMeasure>,
    /// "Where children live": the children each member looks after by the council area they
    /// live in, counted at one date, read from a CSV file. Left out, there is no such page.
    #[serde(default)]
    pub where_children_live: Option<crate::content::where_live::WhereChildrenLive>,
}

/// One member council.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// The member's id in the region's addresses (`/councils/<id>/`): lower case letters,
    /// digits and hyphens.
    pub id: String,
    /// The member's content folder, relative to region.yaml (`../northbrook`).
    pub path: String,
    /// The member's ONS area code, such as `E06000016`, used to key open data. Left out, it is
    /// the member's site.yaml `ons_code` (given in both, the two must agree).
    #[serde(default)]
    pub code: Option<String>,
}

/// How a measure is compared across members.
#[derive(Clone, Debug, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(deny_unknown_fields)]
pub struct RegionMeasure {
    /// How the regional figure is made: `none` (the default: no regional figure), `sum`
    /// (counts added up) or `rate` (from summed numerators and denominators).
    #[serde(default)]
    pub combine: Combine,
    /// For `combine: rate`, the measure (region id) whose figures are the numerators.
    #[serde(default)]
    pub numerator: Option<String>,
    /// For `combine: rate`, the measure (region id) whose figures are the denominators.
    #[serde(default)]
    pub denominator: Option<String>,
    /// Member id -> the member's own measure id, where it differs from the region's.
    #[serde(default)]
    pub members: BTreeMap<String, String>,
}

/// How a regional figure is made from the members' figures.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Combine {
    /// Not combinable: no regional figure.
    #[default]
    None,
    /// The members' counts added up (only for one period across all members).
    Sum,
    /// A rate from the summed numerators over the summed denominators.
    Rate,
}

impl Region {
    /// The member measure id a member uses for the region's measure `id`.
    pub fn member_measure<'a>(&'a self, id: &'a str, member: &str) -> &'a str {
        self.measures
            .get(id)
            .and_then(|m| m.members.get(member))
            .map_or(id, String::as_str)
    }
}

/// How many of the unit a rate of this unit is per one (percent: 100), for `combine: rate`.
pub fn rate_scale(unit: Unit) -> Option<f64> {
    match unit {
        Unit::Percent => Some(100.0),
        Unit::RatePer10000 => Some(10_000.0),
        Unit::Ratio => Some(1.0),
        _ => None,
    }
}

/// Whether figures of this unit can be added up across councils.
pub fn summable(unit: Unit) -> bool {
    matches!(unit, Unit::Count | Unit::Gbp)
}

fn at(path: impl Into<String>) -> Place {
    Place::new(REGION_FILE, path)
}

/// The key under which the joint market pages list and filter the region's own asks (a
/// member's is its id), so no member may have it as its id.
pub const REGION_KEY: &str = "the-region";

/// The checks of region.yaml that need nothing but the file: member ids (form, unique),
/// paths and codes given, mappings naming members, `rate` with its numerator and denominator.
pub fn check_region(r: &Region) -> Vec<Issue> {
    let mut issues = Vec::new();
    if r.members.is_empty() {
        issues.push(
            Issue::error(at("members"), "a region needs at least one member")
                .expected("a list of members: `- { id: northbrook, path: ../northbrook }`")
                .hint("name each member council's content folder, relative to region.yaml"),
        );
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, m) in r.members.iter().enumerate() {
        let here = |f: &str| at(format!("members[{i}].{f}"));
        if !is_id(&m.id) {
            issues.push(
                Issue::error(here("id"), format!("`{}` is not a member id", m.id))
                    .expected("lower-case letters, digits and hyphens, such as `northbrook`")
                    .hint("the id is the member's address in the regional site: /councils/<id>/"),
            );
        }
        if m.id == REGION_KEY {
            issues.push(
                Issue::error(
                    here("id"),
                    format!("`{REGION_KEY}` cannot be a member's id"),
                )
                .expected("another id, such as the council's name: `northbrook`")
                .hint(format!(
                    "the joint market pages list and filter the region's own asks under `{REGION_KEY}`; a member with that id would be mixed up with them"
                )),
            );
        }
        if let Some(first) = seen.insert(m.id.as_str(), i) {
            issues.push(
                Issue::error(
                    here("id"),
                    format!("the member id `{}` is used twice", m.id),
                )
                .expected("a different id for each member")
                .hint("give each member council its own id")
                .related(at(format!("members[{first}].id"))),
            );
        }
        if m.path.trim().is_empty() {
            issues.push(
                Issue::error(here("path"), "the member's path is empty")
                    .expected("the member's content folder, relative to region.yaml")
                    .hint("such as `../northbrook`"),
            );
        }
        if let Some(code) = &m.code
            && !is_area_code(code)
        {
            issues.push(
                Issue::error(here("code"), format!("`{code}` is not an ONS area code"))
                    .expected("a letter and eight digits, such as E06000016")
                    .hint("leave `code:` out if the member has none"),
            );
        }
    }
    let ids: Vec<&str> = r.members.iter().map(|m| m.id.as_str()).collect();
    for (id, m) in &r.measures {
        let here = |f: &str| at(format!("measures.{id}.{f}"));
        for member in m.members.keys() {
            if !ids.contains(&member.as_str()) {
                let mut issue = Issue::error(
                    at(format!("measures.{id}.members.{member}")),
                    format!("`{member}` is not a member of the region"),
                )
                .expected(format!("one of the members' ids: {}", ids.join(", ")));
                if let Some(near) = closest(member, ids.iter().copied()) {
                    issue = issue.hint(format!("did you mean `{near}`?"));
                }
                issues.push(issue);
            }
        }
        match m.combine {
            Combine::Rate => {
                for (field, v) in [("numerator", &m.numerator), ("denominator", &m.denominator)] {
                    match v {
                        None => issues.push(
                            Issue::error(
                                at(format!("measures.{id}.combine")),
                                format!("`combine: rate` needs a `{field}:` measure"),
                            )
                            .expected(format!(
                                "`{field}:` naming the measure whose figures are the rate's {field}s"
                            ))
                            .hint("or write `combine: none` if the rate cannot be combined"),
                        ),
                        Some(v) if v == id => issues.push(
                            Issue::error(here(field), format!("the {field} is the rate itself"))
                                .expected("a count measure, such as children in care")
                                .hint("name the counts the rate is made from"),
                        ),
                        Some(_) => {}
                    }
                }
            }
            Combine::Sum | Combine::None => {
                for (field, v) in [("numerator", &m.numerator), ("denominator", &m.denominator)] {
                    if v.is_some() {
                        issues.push(
                            Issue::error(
                                here(field),
                                format!("`{field}:` is only for `combine: rate`"),
                            )
                            .expected("`combine: rate` beside it, or no numerator and denominator")
                            .hint("a rate is combined from summed numerators and denominators"),
                        );
                    }
                }
            }
        }
    }
    issues
}

/// The checks of `combine:` against the members' measures: a sum only of counts, a rate only
/// of percentages, rates and ratios, every measure named found in some member. `found` gives a
/// member's measure for a region measure id, for each member that has it.
pub fn check_combine<'a>(r: &Region, found: impl Fn(&str) -> Vec<&'a Metric>) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (id, m) in &r.measures {
        let metrics = found(id);
        let Some(first) = metrics.first() else {
            issues.push(
                Issue::error(
                    at(format!("measures.{id}")),
                    format!("no member has a measure `{id}`"),
                )
                .expected("the id of a measure in a member's metrics/ folder")
                .hint("map each member's own id under `members:` if theirs differs"),
            );
            continue;
        };
        let unit = first.unit;
        if let Some(other) = metrics.iter().find(|x| x.unit != unit) {
            issues.push(
                Issue::error(
                    at(format!("measures.{id}")),
                    format!(
                        "the members' `{id}` measures are in different units ({} and {})",
                        unit.key(),
                        other.unit.key()
                    ),
                )
                .expected("the same unit in every member")
                .hint("compare only measures that count the same thing the same way"),
            );
            continue;
        }
        match m.combine {
            Combine::Sum if !summable(unit) => issues.push(
                Issue::error(
                    at(format!("measures.{id}.combine")),
                    format!("`{id}` is in {}, which cannot be added up", unit.label()),
                )
                .expected("`combine: sum` only for counts and sums of money")
                .hint("a rate is never averaged or added: use `combine: rate` with its numerator and denominator, or `combine: none`"),
            ),
            Combine::Rate if rate_scale(unit).is_none() => issues.push(
                Issue::error(
                    at(format!("measures.{id}.combine")),
                    format!("`{id}` is in {}, not a rate", unit.label()),
                )
                .expected("`combine: rate` only for percent, rate-per-10000 or ratio measures")
                .hint("use `combine: sum` for counts"),
            ),
            _ => {}
        }
        for field in ["numerator", "denominator"] {
            let v = if field == "numerator" {
                &m.numerator
            } else {
                &m.denominator
            };
            let Some(v) = v else { continue };
            let parts = found(v);
            if parts.is_empty() {
                issues.push(
                    Issue::error(
                        at(format!("measures.{id}.{field}")),
                        format!("no member has a measure `{v}`"),
                    )
                    .expected("the id of a count measure every member has")
                    .hint(
                        "map each member's own id under `measures.<id>.members:` if theirs differs",
                    ),
                );
            } else if parts.iter().any(|p| !summable(p.unit)) {
                issues.push(
                    Issue::error(
                        at(format!("measures.{id}.{field}")),
                        format!("`{v}` is not a count, so it cannot be summed"),
                    )
                    .expected("a count measure")
                    .hint("a rate's numerator and denominator are counts"),
                );
            }
        }
    }
    issues
}

/// An ONS area code: a capital letter and eight digits (E06000016, W06000015).
pub fn is_area_code(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 9 && b[0].is_ascii_uppercase() && b[1..].iter().all(u8::is_ascii_digit)
}

/// One member's figures for a compared measure: its id, its latest point (the latest with a
/// figure of any form), and for `combine: rate` its numerator's and denominator's points.
#[derive(Clone, Debug)]
pub struct MemberFigures<'a> {
    pub member: &'a str,
    pub latest: Option<&'a crate::content::Point>,
    pub numerator: Option<&'a [crate::content::Point]>,
    pub denominator: Option<&'a [crate::content::Point]>,
}

/// The regional figure: the number and the period it is for, or why there is none.
#[derive(Clone, Debug, PartialEq)]
pub enum Regional {
    Figure {
        value: f64,
        period: crate::period::Period,
    },
    Absent(String),
}

/// The regional figure of a measure in `unit` under `combine`, from every member's figures
/// (`all_members`: whether every member of the region has the measure). A sum adds exact
/// counts for one period; a rate divides the summed numerators by the summed denominators
/// for one period. Rates are never averaged. Anything short of that gives the reason.
pub fn regional(
    combine: Combine,
    unit: Unit,
    figures: &[MemberFigures<'_>],
    all_members: bool,
) -> Regional {
    use Regional::Absent;
    if combine == Combine::None {
        return Absent("The region does not combine this measure into a regional figure.".into());
    }
    if !all_members {
        return Absent(
            "Not every member council publishes this measure, so there is no regional figure."
                .into(),
        );
    }
    let mut period: Option<&crate::period::Period> = None;
    for f in figures {
        let Some(p) = f.latest else {
            return Absent(format!(
                "{} gives no figure yet, so there is no regional figure.",
                f.member
            ));
        };
        match period {
            None => period = Some(&p.period),
            Some(q) if q.sort_key() != p.period.sort_key() => {
                return Absent(format!(
                    "The members' latest figures are for different periods ({} and {}), so they are not combined.",
                    q.label(),
                    p.period.label()
                ));
            }
            Some(_) => {}
        }
    }
    let Some(period) = period else {
        return Absent("No member gives a figure, so there is no regional figure.".into());
    };
    let exact = |pts: &[crate::content::Point], member: &str, what: &str| -> Result<f64, String> {
        let at = pts
            .iter()
            .find(|x| x.period.sort_key() == period.sort_key());
        match at {
            Some(x) if x.flag.is_some() => Err(format!(
                "{member}'s {what} for {} is withheld ({}), so there is no regional figure.",
                period.label(),
                x.flag.map_or("", |f| f.meaning())
            )),
            Some(x) => x.number().ok_or_else(|| {
                format!(
                    "{member}'s {what} for {} is not an exact number, so there is no regional figure.",
                    period.label()
                )
            }),
            None => Err(format!(
                "{member} gives no {what} for {}, so there is no regional figure.",
                period.label()
            )),
        }
    };
    match combine {
        Combine::Sum => {
            if !summable(unit) {
                return Absent("Figures in this unit cannot be added up.".into());
            }
            let mut total = 0.0;
            for f in figures {
                let pts = f.latest.map(std::slice::from_ref).unwrap_or_default();
                match exact(pts, f.member, "figure") {
                    Ok(v) => total += v,
                    Err(why) => return Absent(why),
                }
            }
            Regional::Figure {
                value: total,
                period: period.clone(),
            }
        }
        Combine::Rate => {
            let Some(scale) = rate_scale(unit) else {
                return Absent("Figures in this unit are not a rate.".into());
            };
            let (mut num, mut den) = (0.0, 0.0);
            for f in figures {
                let n = exact(f.numerator.unwrap_or_default(), f.member, "numerator");
                let d = exact(f.denominator.unwrap_or_default(), f.member, "denominator");
                match (n, d) {
                    (Ok(n), Ok(d)) => {
                        num += n;
                        den += d;
                    }
                    (Err(why), _) | (_, Err(why)) => return Absent(why),
                }
            }
            if den <= 0.0 {
                return Absent(
                    "The members' denominators add up to nothing, so there is no rate.".into(),
                );
            }
            Regional::Figure {
                value: num / den * scale,
                period: period.clone(),
            }
        }
        Combine::None => Absent(String::new()),
    }
}

/// Disclosure control across members: the region's own measure `own` (for a measure
/// region.yaml sums) is read as the regional total of the members' figures (`members`, by
/// member id), period by period, as a reader would read it. With the small-number module's
/// secondary check (`crate::market::disclosure`), every withheld figure (`flag: c`) a reader
/// could work out is reported: a member's withheld figure from the region's total minus the
/// other members' figures, or the region's withheld total from the members' figures added up.
/// Not available (`x`), approximate or missing figures are unknowns with nothing to protect.
/// Each warning is placed at the region's own figure, the one figure the region publishes and
/// can withhold.
pub fn regional_disclosure(own: &Metric, members: &[(&str, &Metric)]) -> Vec<Issue> {
    use crate::content::Flag;
    use crate::market::disclosure::{CellRef, Equation, Line, Origin, Published, Shown, secondary};
    let shown = |p: Option<&crate::content::Point>| match p {
        Some(x) if x.flag == Some(Flag::Suppressed) => Shown::Withheld,
        Some(x) if x.flag.is_none() => x
            .number()
            .map_or(Shown::Flag(Flag::NotAvailable), Shown::Value),
        _ => Shown::Flag(Flag::NotAvailable),
    };
    let find = |m: &'_ Metric, p: &crate::period::Period| {
        m.series
            .iter()
            .find(|x| x.period.sort_key() == p.sort_key())
            .cloned()
    };
    // One table: a row per member, a column per period of the region's own series, the
    // region's own figures as the total row.
    let total: Vec<Shown> = own.series.iter().map(|p| shown(Some(p))).collect();
    let rows: Vec<Vec<Shown>> = members
        .iter()
        .map(|(_, m)| {
            own.series
                .iter()
                .map(|p| shown(find(m, &p.period).as_ref()))
                .collect()
        })
        .collect();
    let published = [Published {
        rows,
        total: Some(total),
        trend: Vec::new(),
    }];
    let equations: Vec<Equation> = (0..own.series.len())
        .map(|column| Equation {
            left: vec![CellRef {
                table: 0,
                line: Line::Total,
                column,
            }],
            right: (0..members.len())
                .map(|r| CellRef {
                    table: 0,
                    line: Line::Row(r),
                    column,
                })
                .collect(),
            origin: Origin::Row {
                table: 0,
                column,
                declared: true,
            },
        })
        .collect();
    let mut issues = Vec::new();
    for f in secondary(&published, &equations) {
        let Some(point) = own.series.get(f.cell.column) else {
            continue;
        };
        let period = point.period.label();
        let place = Place::new(&own.file, format!("series[{}]", f.cell.column));
        let issue = match f.cell.line {
            Line::Row(r) => {
                let member = members.get(r).map_or("", |(id, _)| *id);
                Issue::warning(
                    place,
                    format!(
                        "member `{member}`'s withheld figure for {period} can be worked out from the region's figure minus the other members' figures"
                    ),
                )
                .expected(format!(
                    "no withheld member figure that the region's `{}` for {period} gives away",
                    own.id
                ))
                .hint(format!(
                    "withhold the region's figure as well (secondary suppression): write `flag: c` in place of its value for {period}"
                ))
            }
            Line::Total => Issue::warning(
                place,
                format!(
                    "the region's withheld figure for {period} can be worked out by adding up the members' figures"
                ),
            )
            .expected("a withheld regional figure that the members' published figures do not give away")
            .hint("publish the region's figure, or leave it out: the members' figures add up to it"),
        };
        issues.push(issue);
    }
    issues
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::content::{Figure, Point};

    fn pt(period: &str, v: Option<f64>) -> Point {
        Point {
            period: period.parse().unwrap(),
            value: v.map(Figure::exact),
            flag: None,
            note: None,
            change: None,
        }
    }

    fn measure(file: &str, points: Vec<Point>) -> Metric {
        let mut m: Metric = serde_yaml::from_str(
            "{ id: cic, title: Children in care, unit: count, polarity: lower-is-better, definition: d, source: { publisher: p } }",
        )
        .unwrap();
        m.file = file.into();
        m.series = points;
        m
    }

    fn c(period: &str) -> Point {
        let mut p = pt(period, None);
        p.flag = Some(crate::content::Flag::Suppressed);
        p
    }

    #[test]
    fn one_withheld_member_is_given_away_by_the_regions_total() {
        // 10 = 4 + c + 3: the withheld figure is 3. Two periods, only the first leaks.
        let own = measure(
            "metrics/cic.yaml",
            vec![pt("2023/24", Some(10.0)), pt("2024/25", Some(12.0))],
        );
        let a = measure(
            "a",
            vec![pt("2023/24", Some(4.0)), pt("2024/25", Some(5.0))],
        );
        let b = measure("b", vec![c("2023/24"), c("2024/25")]);
        let d = measure("d", vec![pt("2023/24", Some(3.0)), c("2024/25")]);
        let issues = regional_disclosure(&own, &[("a", &a), ("b", &b), ("d", &d)]);
        assert_eq!(issues.len(), 1, "{issues:?}");
        let i = &issues[0];
        assert_eq!(i.place.file, "metrics/cic.yaml");
        assert_eq!(i.place.path, "series[0]");
        assert!(
            i.message
                .contains("member `b`'s withheld figure for 2023/24"),
            "{}",
            i.message
        );
        assert!(i.hint.as_deref().unwrap().contains("`flag: c`"));
    }

    #[test]
    fn a_withheld_regional_figure_is_given_away_by_the_members() {
        let own = measure("metrics/cic.yaml", vec![c("2023/24")]);
        let a = measure("a", vec![pt("2023/24", Some(4.0))]);
        let b = measure("b", vec![pt("2023/24", Some(6.0))]);
        let issues = regional_disclosure(&own, &[("a", &a), ("b", &b)]);
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0]
                .message
                .contains("the region's withheld figure for 2023/24")
        );
        // A member without the figure (or with `x`) protects it: nothing to report.
        let b = measure("b", vec![]);
        assert!(regional_disclosure(&own, &[("a", &a), ("b", &b)]).is_empty());
    }

    #[test]
    fn nothing_is_given_away_without_a_regional_figure_or_with_the_total_withheld() {
        let a = measure("a", vec![pt("2023/24", Some(4.0))]);
        let b = measure("b", vec![c("2023/24")]);
        // The region's own figure for another period only.
        let own = measure("metrics/cic.yaml", vec![pt("2022/23", Some(9.0))]);
        assert!(regional_disclosure(&own, &[("a", &a), ("b", &b)]).is_empty());
        // The region withholds its figure too.
        let own = measure("metrics/cic.yaml", vec![c("2023/24")]);
        assert!(regional_disclosure(&own, &[("a", &a), ("b", &b)]).is_empty());
        // Two members withheld, one total: neither can be worked out.
        let own = measure("metrics/cic.yaml", vec![pt("2023/24", Some(9.0))]);
        let d = measure("d", vec![c("2023/24")]);
        assert!(regional_disclosure(&own, &[("a", &a), ("b", &b), ("d", &d)]).is_empty());
    }

    fn fig<'a>(member: &'a str, latest: &'a Point) -> MemberFigures<'a> {
        MemberFigures {
            member,
            latest: Some(latest),
            numerator: None,
            denominator: None,
        }
    }

    #[test]
    fn a_sum_adds_counts_for_one_period_only() {
        let (a, b) = (pt("2023/24", Some(100.0)), pt("2023/24", Some(50.0)));
        let r = regional(
            Combine::Sum,
            Unit::Count,
            &[fig("a", &a), fig("b", &b)],
            true,
        );
        assert_eq!(
            r,
            Regional::Figure {
                value: 150.0,
                period: "2023/24".parse().unwrap()
            }
        );
        let c = pt("2022/23", Some(50.0));
        let r = regional(
            Combine::Sum,
            Unit::Count,
            &[fig("a", &a), fig("c", &c)],
            true,
        );
        assert!(
            matches!(r, Regional::Absent(ref why) if why.contains("different periods")),
            "{r:?}"
        );
        let r = regional(
            Combine::Sum,
            Unit::Count,
            &[fig("a", &a), fig("b", &b)],
            false,
        );
        assert!(matches!(r, Regional::Absent(ref why) if why.contains("Not every member")));
        let mut withheld = pt("2023/24", None);
        withheld.flag = Some(crate::content::Flag::Suppressed);
        let r = regional(
            Combine::Sum,
            Unit::Count,
            &[fig("a", &a), fig("w", &withheld)],
            true,
        );
        assert!(
            matches!(r, Regional::Absent(ref why) if why.contains("withheld")),
            "{r:?}"
        );
    }

    #[test]
    fn a_rate_comes_from_summed_numerators_and_denominators_never_an_average() {
        // 10 of 100 (10%) and 90 of 300 (30%): the region is 100 of 400 = 25%, not 20%.
        let (ra, rb) = (pt("2024", Some(10.0)), pt("2024", Some(30.0)));
        let (na, nb) = ([pt("2024", Some(10.0))], [pt("2024", Some(90.0))]);
        let (da, db) = ([pt("2024", Some(100.0))], [pt("2024", Some(300.0))]);
        let figs = [
            MemberFigures {
                numerator: Some(&na),
                denominator: Some(&da),
                ..fig("a", &ra)
            },
            MemberFigures {
                numerator: Some(&nb),
                denominator: Some(&db),
                ..fig("b", &rb)
            },
        ];
        let r = regional(Combine::Rate, Unit::Percent, &figs, true);
        assert_eq!(
            r,
            Regional::Figure {
                value: 25.0,
                period: "2024".parse().unwrap()
            }
        );
        let r = regional(Combine::None, Unit::Percent, &figs, true);
        assert!(matches!(r, Regional::Absent(_)));
    }

    #[test]
    fn region_yaml_checks_ids_duplicates_and_rates() {
        let r: Region = serde_yaml_like();
        let issues = check_region(&r);
        let text: Vec<String> = issues
            .iter()
            .map(|i| format!("{} {}", i.place.path, i.message))
            .collect();
        assert!(
            text.iter()
                .any(|t| t.contains("members[1].id") && t.contains("used twice")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("members[2].id") && t.contains("not a member id")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("members[0].code")),
            "{text:?}"
        );
        assert!(
            text.iter()
                .any(|t| t.contains("members[3].id") && t.contains("cannot be a member's id")),
            "{text:?}"
        );
        assert!(
            text.iter().any(|t| t.contains("needs a `denominator:`")),
            "{text:?}"
        );
    }

    fn serde_yaml_like() -> Region {
        let m = |id: &str, code: Option<&str>| Member {
            id: id.into(),
            path: format!("../{id}"),
            code: code.map(String::from),
        };
        let mut measures = BTreeMap::new();
        measures.insert(
            "rate".to_string(),
            RegionMeasure {
                combine: Combine::Rate,
                numerator: Some("count".into()),
                ..RegionMeasure::default()
            },
        );
        Region {
            members: vec![
                m("a", Some("E0600001")),
                m("a", None),
                m("Bad Id", None),
                m(REGION_KEY, None),
            ],
            measures,
            where_children_live: None,
        }
    }
}

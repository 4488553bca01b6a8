//! Staleness: content that has fallen behind the calendar. Actions past their end date but
//! not complete, measures whose newest figure is more than [`METRIC_MAX_AGE_MONTHS`] old, a
//! review date that has passed, and a later edition without a change note.
//!
//! These are warnings only: they never stop a build or change what is published. The model
//! has no clock, so the caller passes today's date (the generator reads the system date, or
//! `HEARTH_TODAY=YYYY-MM-DD`). So that an old strategy does not drown the report, several
//! overdue actions in one workstream make one warning, and several stale measures make one
//! warning about the `metrics` folder.

use crate::content::{Action, Content, Rag, Site};
use crate::period::Date;
use crate::validate::{Issue, Place, SITE_FILE};

/// A measure whose newest period ended more than this many months ago is stale.
pub const METRIC_MAX_AGE_MONTHS: u32 = 15;

/// Every staleness warning for `c` as at `today`, in file order.
pub fn stale(c: &Content, today: Date) -> Vec<Issue> {
    let mut issues = Vec::new();
    overdue_actions(c, today, &mut issues);
    stale_metrics(c, today, &mut issues);
    if let Some(review) = &c.site.edition.review
        && review.end().is_some_and(|end| end < today)
    {
        issues.push(
            Issue::warning(
                Place::new(SITE_FILE, "edition.review"),
                format!(
                    "the review date ({}) has passed: today is {}",
                    review.label(),
                    crate::format::date_long(today)
                ),
            )
            .expected("a review date still to come")
            .hint("review the strategy, then set `edition.review` to the next review date (and publish a new edition if anything changed)"),
        );
    }
    let earlier = c.site.edition.supersedes.is_some();
    issues.extend(edition_without_notes(&c.site, SITE_FILE, earlier));
    issues
}

/// A warning when an edition that follows an earlier one (`earlier`) has no change note.
/// `file` is the site.yaml it came from (`site.yaml`, `editions/1.1/site.yaml`).
pub fn edition_without_notes(site: &Site, file: &str, earlier: bool) -> Option<Issue> {
    if !earlier || !site.edition.notes.is_empty() {
        return None;
    }
    Some(
        Issue::warning(
            Place::new(file, "edition"),
            format!(
                "{} has no change note saying what changed since the last edition",
                site.edition
                    .version
                    .as_ref()
                    .map_or("this edition".to_string(), |v| format!("edition {v}"))
            ),
        )
        .expected("`notes:` under `edition:` with at least one dated note")
        .hint("add for example `notes: [{ date: 2021-03-31, text: Measures brought up to March 2021. }]`"),
    )
}

fn overdue_actions(c: &Content, today: Date, issues: &mut Vec<Issue>) {
    for w in &c.workstreams {
        let past_end = |(_, a): &(usize, &Action)| a.timescale.end().is_some_and(|end| end < today);
        let overdue: Vec<(usize, &Action)> = w
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.rag.is_some_and(|r| r != Rag::Complete))
            .filter(past_end)
            .collect();
        issues.extend(overdue_warning(w, &overdue, today, Overdue::Rated));
        // An action with no rating may be done: the plan does not say. So it is not called
        // "not complete"; the warning says what is true, that nobody can tell.
        let unrated: Vec<(usize, &Action)> = w
            .actions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.rag.is_none())
            .filter(past_end)
            .collect();
        issues.extend(overdue_warning(w, &unrated, today, Overdue::NotRated));
    }
}

/// Which actions past their end date a warning is about.
#[derive(Clone, Copy)]
enum Overdue {
    /// Rated, but not complete.
    Rated,
    /// Not rated, so whether they are done is not recorded.
    NotRated,
}

/// One warning for the actions of workstream `w` in `list` (pointing at the timescale when
/// there is one action, at the list of actions when there are several).
fn overdue_warning(
    w: &crate::content::Workstream,
    list: &[(usize, &Action)],
    today: Date,
    kind: Overdue,
) -> Option<Issue> {
    let (one, several_end, hint) = match kind {
        Overdue::Rated => (
            "not complete",
            "not complete",
            "mark an action `rag: complete` when it is done; otherwise move its `timescale` on and add an update saying why",
        ),
        Overdue::NotRated => (
            "has no rating, so the plan does not say whether it was done",
            "have no rating, so the plan does not say whether they were done",
            "if an action is done, give it `rag: complete`; if it is still under way, give it a rating or move its `timescale` on; an action that is a standing policy can have the timescale `Ongoing`",
        ),
    };
    match list {
        [] => None,
        [(i, a)] => Some(
            Issue::warning(
                Place::new(&w.file, format!("actions[{i}].timescale")),
                format!(
                    "action {} is past its end date ({}) and {one}",
                    a.id,
                    a.timescale.label(),
                ),
            )
            .expected(format!(
                "a timescale ending after {}",
                crate::format::date_long(today)
            ))
            .hint(hint),
        ),
        several => {
            let ids: Vec<&str> = several.iter().map(|(_, a)| a.id.as_str()).collect();
            Some(
                Issue::warning(
                    Place::new(&w.file, "actions"),
                    format!(
                        "{} actions in this workstream are past their end date and {several_end}: {}",
                        ids.len(),
                        ids.join(", ")
                    ),
                )
                .expected(format!(
                    "timescales ending after {}",
                    crate::format::date_long(today)
                ))
                .hint(hint),
            )
        }
    }
}

fn stale_metrics(c: &Content, today: Date, issues: &mut Vec<Issue>) {
    let cutoff = months_before(today, METRIC_MAX_AGE_MONTHS);
    // (metric index, index of its newest point) for each stale measure.
    let mut found = Vec::new();
    for (m_i, m) in c.metrics.iter().enumerate() {
        let newest = m
            .series
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.period.end().map(|end| (end, i)))
            .max();
        if let Some((end, i)) = newest
            && end < cutoff
        {
            found.push((m_i, i));
        }
    }
    let hint = "add the newest figures to the series (or its CSV file); a figure that cannot be published can still be added with `flag: c` or `flag: x`";
    let expected = format!(
        "a figure for a period ending after {}",
        crate::format::date_long(day_before(cutoff))
    );
    match found.as_slice() {
        [] => {}
        [(m_i, i)] => {
            let m = &c.metrics[*m_i];
            issues.push(
                Issue::warning(
                    Place::new(&m.file, format!("series[{i}]")),
                    format!(
                        "measure {} has no figure newer than {}, more than {METRIC_MAX_AGE_MONTHS} months ago",
                        m.id,
                        m.series[*i].period.label()
                    ),
                )
                .expected(expected)
                .hint(hint),
            );
        }
        several => {
            let list: Vec<String> = several
                .iter()
                .map(|(m_i, i)| {
                    let m = &c.metrics[*m_i];
                    format!("{} ({})", m.id, m.series[*i].period.label())
                })
                .collect();
            issues.push(
                Issue::warning(
                    Place::new("metrics", ""),
                    format!(
                        "{} measures have no figure from the last {METRIC_MAX_AGE_MONTHS} months: {}",
                        list.len(),
                        list.join(", ")
                    ),
                )
                .expected(expected)
                .hint(hint),
            );
        }
    }
}

/// The same day `months` earlier (the last day of the month when that day does not exist).
fn months_before(d: Date, months: u32) -> Date {
    let total = i64::from(d.year) * 12 + i64::from(d.month) - 1 - i64::from(months);
    let year = i32::try_from(total.div_euclid(12)).unwrap_or(i32::MIN);
    let month = u8::try_from(total.rem_euclid(12) + 1).unwrap_or(1);
    let day = d.day.min(Date::last_day_of_month(year, month));
    Date { year, month, day }
}

/// The day before `d`.
fn day_before(d: Date) -> Date {
    Date::from_days(d.to_days() - 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::content::{Action, Metric, Point, Workstream};
    use crate::period::Period;

    fn date(s: &str) -> Date {
        s.parse().unwrap_or_else(|e| panic!("{e}"))
    }

    fn period(s: &str) -> Period {
        Period::parse(s).unwrap_or_else(|e| panic!("{e}"))
    }

    fn action(id: &str, rag: Rag, timescale: &str) -> Action {
        serde_yaml::from_str(&format!(
            "{{ id: {id}, title: T, rag: {}, timescale: \"{timescale}\" }}",
            rag.key()
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    /// An action the plan gives no rating.
    fn unrated(id: &str, timescale: &str) -> Action {
        serde_yaml::from_str(&format!(
            "{{ id: {id}, title: T, timescale: \"{timescale}\" }}"
        ))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    fn metric(id: &str, periods: &[&str]) -> Metric {
        let mut m: Metric = serde_yaml::from_str(&format!(
            "{{ id: {id}, title: T, unit: count, polarity: neutral, definition: D, source: {{ publisher: P }}, series: [] }}"
        ))
        .unwrap_or_else(|e| panic!("{e}"));
        m.file = format!("metrics/{id}.yaml");
        m.series = periods.iter().map(|p| Point::new(period(p), 1.0)).collect();
        m
    }

    fn workstream(file: &str, actions: Vec<Action>) -> Workstream {
        Workstream {
            file: file.into(),
            id: "w".into(),
            title: "W".into(),
            actions,
            ..Workstream::default()
        }
    }

    fn content() -> Content {
        let mut c = Content::default();
        c.site.edition.version = Some("1.0".into());
        c
    }

    #[test]
    fn months_before_clamps_the_day() {
        assert_eq!(months_before(date("2025-07-01"), 15), date("2024-04-01"));
        assert_eq!(months_before(date("2025-05-31"), 15), date("2024-02-29"));
        assert_eq!(months_before(date("2025-01-15"), 1), date("2024-12-15"));
    }

    #[test]
    fn one_overdue_action_is_pointed_at() {
        let mut c = content();
        c.workstreams.push(workstream(
            "plan/a.yaml",
            vec![
                action("a-1", Rag::Complete, "2020"),
                action("a-2", Rag::Amber, "Winter 2020"),
                action("a-3", Rag::Green, "2030"),
                action("a-4", Rag::Red, "Ongoing"),
                action("a-5", Rag::Red, "Summer 2019 - Ongoing"),
            ],
        ));
        let issues = stale(&c, date("2024-01-01"));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        let i = &issues[0];
        assert_eq!(i.severity, crate::validate::Severity::Warning);
        assert_eq!(i.place, Place::new("plan/a.yaml", "actions[1].timescale"));
        assert!(i.message.contains("a-2"), "{}", i.message);
        assert!(i.message.contains("Winter 2020/21"), "{}", i.message);
        assert!(i.hint.is_some());
        // The day the timescale ends is not yet past it.
        assert!(stale(&c, date("2021-02-28")).is_empty());
        assert_eq!(stale(&c, date("2021-03-01")).len(), 1);
    }

    #[test]
    fn several_overdue_actions_make_one_warning_per_workstream() {
        let mut c = content();
        c.workstreams.push(workstream(
            "plan/a.yaml",
            vec![
                action("a-1", Rag::NotStarted, "2020"),
                action("a-2", Rag::Amber, "2021"),
                action("a-3", Rag::Complete, "2021"),
            ],
        ));
        c.workstreams.push(workstream(
            "plan/b.yaml",
            vec![
                action("b-1", Rag::Red, "2020/21"),
                action("b-2", Rag::Green, "2022-Q1"),
            ],
        ));
        let issues = stale(&c, date("2023-06-01"));
        assert_eq!(issues.len(), 2, "{issues:#?}");
        assert_eq!(issues[0].place, Place::new("plan/a.yaml", "actions"));
        assert!(issues[0].message.starts_with("2 actions"));
        assert!(
            issues[0].message.ends_with("a-1, a-2"),
            "{}",
            issues[0].message
        );
        assert_eq!(issues[1].place, Place::new("plan/b.yaml", "actions"));
        assert!(issues[1].message.ends_with("b-1, b-2"));
    }

    #[test]
    fn an_unrated_action_past_its_end_is_not_called_incomplete() {
        let mut c = content();
        c.workstreams.push(workstream(
            "plan/a.yaml",
            vec![
                action("a-1", Rag::Amber, "2020"),
                unrated("a-2", "2020"),
                unrated("a-3", "Ongoing"),
                unrated("a-4", "2030"),
            ],
        ));
        let issues = stale(&c, date("2024-01-01"));
        assert_eq!(issues.len(), 2, "{issues:#?}");
        assert_eq!(
            issues[0].place,
            Place::new("plan/a.yaml", "actions[0].timescale")
        );
        assert!(issues[0].message.ends_with("and not complete"));
        let i = &issues[1];
        assert_eq!(i.place, Place::new("plan/a.yaml", "actions[1].timescale"));
        assert_eq!(
            i.message,
            "action a-2 is past its end date (2020) and has no rating, so the plan does not say whether it was done"
        );
        assert!(
            i.hint
                .as_deref()
                .is_some_and(|h| h.contains("rag: complete"))
        );
        c.workstreams[0].actions.push(unrated("a-5", "2021"));
        let issues = stale(&c, date("2024-01-01"));
        assert_eq!(issues.len(), 2, "{issues:#?}");
        assert_eq!(issues[1].place, Place::new("plan/a.yaml", "actions"));
        assert_eq!(
            issues[1].message,
            "2 actions in this workstream are past their end date and have no rating, so the plan does not say whether they were done: a-2, a-5"
        );
    }

    #[test]
    fn an_edition_without_a_version_is_named_as_this_edition() {
        let mut c = content();
        c.site.edition.version = None;
        c.site.edition.supersedes = Some("0.9".into());
        let issues = stale(&c, date("2020-01-01"));
        assert_eq!(issues.len(), 1);
        assert!(
            issues[0]
                .message
                .starts_with("this edition has no change note"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn metrics_older_than_fifteen_months() {
        let mut c = content();
        c.metrics.push(metric("fresh", &["2023/24", "2024/25"]));
        c.metrics.push(metric("old", &["2022-03-31", "2023-03-31"]));
        // 2023-03-31 is 15 months before 2024-06-30: not yet stale.
        assert!(stale(&c, date("2024-06-30")).is_empty());
        let issues = stale(&c, date("2024-07-01"));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].place, Place::new("metrics/old.yaml", "series[1]"));
        assert!(issues[0].message.contains("31 March 2023"));
        // A flagged figure still counts as a figure for that period.
        c.metrics[1].series[1].period = period("2024-03-31");
        c.metrics[1].series[1].value = None;
        c.metrics[1].series[1].flag = Some(crate::content::Flag::Suppressed);
        assert!(stale(&c, date("2024-07-01")).is_empty());
    }

    #[test]
    fn several_stale_metrics_make_one_warning() {
        let mut c = content();
        c.metrics.push(metric("a", &["2019"]));
        c.metrics.push(metric("b", &["2020/21"]));
        c.metrics.push(metric("c", &["2030"]));
        let issues = stale(&c, date("2025-01-01"));
        assert_eq!(issues.len(), 1, "{issues:#?}");
        assert_eq!(issues[0].place, Place::new("metrics", ""));
        assert!(
            issues[0].message.starts_with("2 measures")
                && issues[0].message.contains("a (2019), b (2020/21)"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn review_date_in_the_past() {
        let mut c = content();
        c.site.edition.review = Some(period("March 2021"));
        assert!(stale(&c, date("2021-03-31")).is_empty());
        let issues = stale(&c, date("2021-04-01"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].place, Place::new(SITE_FILE, "edition.review"));
        assert!(
            issues[0].message.contains("1 April 2021"),
            "{}",
            issues[0].message
        );
    }

    #[test]
    fn later_edition_without_notes() {
        let mut c = content();
        assert!(
            stale(&c, date("2020-01-01")).is_empty(),
            "a first edition needs no note"
        );
        c.site.edition.supersedes = Some("0.9".into());
        let issues = stale(&c, date("2020-01-01"));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].place, Place::new(SITE_FILE, "edition"));
        assert!(edition_without_notes(&c.site, "editions/1.0/site.yaml", false).is_none());
        let i = edition_without_notes(&c.site, "editions/1.0/site.yaml", true);
        assert_eq!(
            i.map(|i| i.place),
            Some(Place::new("editions/1.0/site.yaml", "edition"))
        );
    }
}

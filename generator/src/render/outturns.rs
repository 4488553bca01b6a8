//! Forecasts checked against outturn: each year an earlier edition forecast for a scenario
//! series tied to a measure (`measure:`), beside the current content's figure for that
//! calendar year. Shown on the scenario's page and on `/changes/`, and published as
//! `/data/outturns.json` and `.csv`.
//!
//! The forecast is the earlier edition's published result (its scenario at the published
//! assumptions) for that year; the outturn is the current measure's exact figure for the
//! period written as that year (`2026`). When either is missing, or the figure is approximate,
//! a limit or a range, nothing is shown. Only the difference and the percentage difference
//! are worked out: nothing is said about how good the forecast was.

use hearth_model::{Period, format};
use serde::Serialize;

use super::csv::Csv;
use super::scenarios::short_number;
use super::site::Site;

/// One forecast year with its outturn: one view for the pages, the JSON and the CSV.
#[derive(Clone, Debug, Serialize)]
pub struct OutturnView {
    /// The edition that published the forecast.
    pub version: String,
    pub scenario: String,
    pub series: String,
    pub label: String,
    pub metric: String,
    pub metric_title: String,
    pub year: i32,
    pub forecast: f64,
    pub outturn: f64,
    /// Outturn minus forecast.
    pub difference: f64,
    /// The difference as a percentage of the forecast (two decimals); `none` when the
    /// forecast is zero.
    pub percent: Option<f64>,
    /// As written for readers (the series' decimals and unit).
    pub forecast_text: String,
    pub outturn_text: String,
    pub difference_text: String,
    pub percent_text: Option<String>,
}

/// Every forecast year that now has an outturn, in edition, scenario, series and year order.
pub fn outturns(site: &Site<'_>) -> Vec<OutturnView> {
    let mut out = Vec::new();
    for f in &site.history.forecasts {
        let Some(m) = site.c.metric(&f.metric) else {
            continue;
        };
        let Ok(year) = Period::parse(&f.year.to_string()) else {
            continue;
        };
        let actual = m
            .series
            .iter()
            .filter(|p| p.period.start() == year.start() && p.period.end() == year.end())
            .find_map(|p| p.value.as_ref().and_then(hearth_model::Figure::number));
        let Some(outturn) = actual else {
            continue;
        };
        let unit = f.unit.as_deref();
        // Rounded so the data files do not carry floating-point noise (-4.199999999999989).
        let difference = ((outturn - f.value) * 1e6).round() / 1e6;
        let percent = (f.value != 0.0).then(|| (difference / f.value * 1e4).round() / 100.0);
        let signed = |v: f64, text: String| if v > 0.0 { format!("+{text}") } else { text };
        out.push(OutturnView {
            version: f.version.clone(),
            scenario: f.scenario.clone(),
            series: f.series.clone(),
            label: f.label.clone(),
            metric: m.id.clone(),
            metric_title: m.title.clone(),
            year: f.year,
            forecast: f.value,
            outturn,
            difference,
            percent,
            forecast_text: format::quantity(f.value, f.decimals, unit),
            outturn_text: format::quantity(outturn, f.decimals, unit),
            difference_text: signed(difference, format::quantity(difference, f.decimals, unit)),
            percent_text: percent.map(|p| signed(p, format!("{}%", format::number(p, 1)))),
        });
    }
    out.sort_by(|a, b| {
        (&a.version, &a.scenario, &a.series, a.year).cmp(&(
            &b.version,
            &b.scenario,
            &b.series,
            b.year,
        ))
    });
    out
}

/// `/data/outturns.json` and `.csv`, when any forecast has its outturn.
pub fn open_data(site: &mut Site<'_>, rows: &[OutturnView]) {
    if rows.is_empty() {
        return;
    }
    site.json("data/outturns.json", &rows);
    let mut csv = Csv::new(vec![
        "edition",
        "scenario",
        "series",
        "metric",
        "year",
        "forecast",
        "outturn",
        "difference",
        "percent_difference",
    ]);
    for r in rows {
        csv.row(vec![
            r.version.clone(),
            r.scenario.clone(),
            r.series.clone(),
            r.metric.clone(),
            r.year.to_string(),
            short_number(r.forecast),
            short_number(r.outturn),
            short_number(r.difference),
            r.percent.map_or_else(String::new, short_number),
        ]);
    }
    site.text("data/outturns.csv", csv.finish());
}

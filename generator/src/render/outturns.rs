//! Forecasts checked against outturn: each year an earlier edition forecast for a scenario
//! series tied to a measure (`measure:`), beside the current content's figure for the period
//! that year stands for. Shown on the scenario's page and on `/changes/`, and published as
//! `/data/outturns.json` and `.csv`.
//!
//! The forecast is the earlier edition's published result (its scenario at the published
//! assumptions) for that year; the outturn is the current measure's figure for the period the
//! year means, as the series' `years:` says ([`ForecastYears`]: the calendar year `2026`, the
//! year to 31 March `2025/26`, or the day `31 March 2026`; calendar years when left out). The
//! period is published as the measure writes it. A figure withheld with a flag is shown as
//! withheld, never as a number. When there is no figure for the period, or it is
//! approximate, a limit or a range, nothing is shown. Only the difference and the percentage
//! difference are worked out: nothing is said about how good the forecast was.

use hearth_model::format;
use hearth_model::scenario::ForecastYears;
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
    /// What the year means beside the measure (`calendar`, `year-to-31-march`,
    /// `at-31-march`).
    pub years: ForecastYears,
    /// The measure's period compared, as the measure writes it (`2025/26`).
    pub period: String,
    /// The year in words: `2026`, `year to 31 March 2026`, `31 March 2026`.
    pub year_text: String,
    /// The year in a sentence: `in 2026`, `for the year to 31 March 2026`,
    /// `at 31 March 2026`.
    pub year_phrase: String,
    pub forecast: f64,
    /// The measure's figure; `none` when it is withheld (see `flag`).
    pub outturn: Option<f64>,
    /// The flag the figure is withheld with (`c`, `x`, `z`, `u`, `low`, `k`).
    pub flag: Option<String>,
    /// Outturn minus forecast; `none` when the figure is withheld.
    pub difference: Option<f64>,
    /// The difference as a percentage of the forecast (two decimals); `none` when the
    /// forecast is zero or the figure is withheld.
    pub percent: Option<f64>,
    /// As written for readers (the series' decimals and unit); for a withheld figure, the
    /// flag's meaning (`withheld to protect confidentiality`).
    pub forecast_text: String,
    pub outturn_text: String,
    pub difference_text: Option<String>,
    pub percent_text: Option<String>,
}

/// Every forecast year that now has an outturn (a figure or a flag), in edition, scenario,
/// series and year order.
pub fn outturns(site: &Site<'_>) -> Vec<OutturnView> {
    let mut out = Vec::new();
    for f in &site.history.forecasts {
        let Some(m) = site.c.metric(&f.metric) else {
            continue;
        };
        let Some(point) = f.years.point(f.year, &m.series) else {
            continue;
        };
        // A figure is an outturn when exact; with no figure, a flag says it is withheld.
        let (outturn, flag) = match (&point.value, point.flag) {
            (Some(v), _) => match v.number() {
                Some(n) => (Some(n), None),
                None => continue,
            },
            (None, Some(flag)) => (None, Some(flag)),
            (None, None) => continue,
        };
        let unit = f.unit.as_deref();
        // Rounded so the data files do not carry floating-point noise (-4.199999999999989).
        let difference = outturn.map(|o| ((o - f.value) * 1e6).round() / 1e6);
        let percent = difference
            .filter(|_| f.value != 0.0)
            .map(|d| (d / f.value * 1e4).round() / 100.0);
        let signed = |v: f64, text: String| if v > 0.0 { format!("+{text}") } else { text };
        let year_text = match f.years {
            ForecastYears::Calendar => f.year.to_string(),
            ForecastYears::YearTo31March => format!("year to 31 March {}", f.year),
            ForecastYears::At31March => format!("31 March {}", f.year),
        };
        out.push(OutturnView {
            version: f.version.clone(),
            scenario: f.scenario.clone(),
            series: f.series.clone(),
            label: f.label.clone(),
            metric: m.id.clone(),
            metric_title: m.title.clone(),
            year: f.year,
            years: f.years,
            period: point.period.text().to_string(),
            year_text,
            year_phrase: f.years.phrase(f.year),
            forecast: f.value,
            outturn,
            flag: flag.map(|x| x.symbol().to_string()),
            difference,
            percent,
            forecast_text: format::quantity(f.value, f.decimals, unit),
            outturn_text: match (outturn, flag) {
                (Some(o), _) => format::quantity(o, f.decimals, unit),
                (None, Some(x)) => x.meaning().to_string(),
                (None, None) => String::new(),
            },
            difference_text: difference.map(|d| signed(d, format::quantity(d, f.decimals, unit))),
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
        "years",
        "period",
        "forecast",
        "outturn",
        "outturn_flag",
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
            r.years.as_str().to_string(),
            r.period.clone(),
            short_number(r.forecast),
            r.outturn.map_or_else(String::new, short_number),
            r.flag.clone().unwrap_or_default(),
            r.difference.map_or_else(String::new, short_number),
            r.percent.map_or_else(String::new, short_number),
        ]);
    }
    site.text("data/outturns.csv", csv.finish());
}

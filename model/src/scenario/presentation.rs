//! Text for readers: how a scenario's figures are written, shared by the generator's pages
//! and the browser module.

use serde::Serialize;

use super::{Results, Scenario};

/// How a scenario's figures are written for readers: series labels, units and decimals,
/// outputs' units and decimals, and which series each chart shows. The generator writes
/// pages with it and the browser module rewrites them with it, so both read the same.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Presentation {
    pub series: Vec<SeriesLook>,
    pub outputs: Vec<OutputLook>,
    /// Per chart, the indices of its series.
    pub charts: Vec<Vec<usize>>,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SeriesLook {
    pub label: String,
    pub unit: Option<String>,
    pub decimals: u8,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct OutputLook {
    pub unit: Option<String>,
    pub decimals: u8,
}

impl Presentation {
    /// A series value as shown in the table (the series' decimals, no unit).
    pub fn series_text(&self, series: usize, value: f64) -> String {
        let decimals = self.series.get(series).map_or(0, |s| s.decimals);
        crate::format::number(value, decimals)
    }

    /// A headline output as shown to readers (its decimals and unit).
    pub fn output_text(&self, output: usize, value: f64) -> String {
        let o = self.outputs.get(output);
        crate::format::quantity(
            value,
            o.map_or(0, |o| o.decimals),
            o.and_then(|o| o.unit.as_deref()),
        )
    }

    /// One sentence per series of a chart on how it moves over the horizon: the chart's
    /// text summary.
    pub fn chart_summary(&self, chart: usize, r: &Results) -> String {
        let Some(series) = self.charts.get(chart) else {
            return String::new();
        };
        let mut out = Vec::new();
        for &s in series {
            let Some(look) = self.series.get(s) else {
                continue;
            };
            let values = r.series.get(s).map_or(&[][..], Vec::as_slice);
            if let (Some(y0), Some(y1), Some(v0), Some(v1)) = (
                r.years.first(),
                r.years.last(),
                values.first(),
                values.last(),
            ) {
                out.push(crate::format::series_change(
                    &look.label,
                    look.unit.as_deref(),
                    look.decimals,
                    (*y0, *v0),
                    (*y1, *v1),
                ));
            }
        }
        out.join(" ")
    }
}

impl Scenario {
    /// How this scenario's figures are written (see [`Presentation`]).
    pub fn presentation(&self) -> Presentation {
        Presentation {
            series: self
                .series
                .iter()
                .map(|s| SeriesLook {
                    label: s.label.clone(),
                    unit: s.unit.clone(),
                    decimals: s.decimals.unwrap_or(0),
                })
                .collect(),
            outputs: self
                .outputs
                .iter()
                .map(|o| OutputLook {
                    unit: o.unit.clone(),
                    decimals: o.decimals.unwrap_or(0),
                })
                .collect(),
            charts: self
                .charts
                .iter()
                .map(|c| {
                    c.series
                        .iter()
                        .filter_map(|id| self.series.iter().position(|s| &s.id == id))
                        .collect()
                })
                .collect(),
        }
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use crate::scenario::fixtures::*;
    use crate::scenario::*;

    #[test]
    fn presentation_writes_figures_for_readers() {
        let sc = foster_for_program();
        let look = sc.presentation();
        assert_eq!(look.charts, vec![vec![1, 0]]);
        let r = Results {
            years: vec![2025, 2026],
            series: vec![vec![270.0, 262.6], vec![500.0, 510.0], vec![0.0, 0.0]],
            outputs: vec![117.45],
        };
        assert_eq!(look.output_text(0, 117.45), "117 places");
        assert_eq!(look.series_text(0, 1262.6), "1,263");
        assert_eq!(
            look.chart_summary(0, &r),
            "Children in care: 500 in 2025, 510 in 2026 (up 10). Fostering households: 270 in 2025, 263 in 2026 (down 7)."
        );
    }
}

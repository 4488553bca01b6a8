//! Chart options built with charming, serialised to ECharts option JSON for the page.
//!
//! Charts are drawn in the browser by the theme's local copy of ECharts. Every chart sits
//! beside a data table and a text summary that carry the same information, so the chart is
//! hidden from assistive technology; series differ by line style and symbol as well as colour.

use charming::Chart;
use charming::component::{Aria, Axis, Grid, Legend};
use charming::datatype::CompositeValue;
use charming::element::{
    AxisLabel, AxisType, ItemStyle, LineStyle, LineStyleType, Symbol, Tooltip, Trigger,
};
use charming::series::{Bar, Line, Pie};
use hearth_model::{Breakdown, ChartKind, Metric, Period, Point};

/// Colours with at least 3:1 contrast against white (WCAG 1.4.11).
pub const PALETTE: &[&str] = &[
    "#0b5394", "#b45309", "#6d28d9", "#047857", "#9d174d", "#374151",
];
const TARGET_COLOUR: &str = "#1a1a1a";

/// The periods of a metric's chart (series, targets and comparators), in time order.
pub fn metric_periods(m: &Metric) -> Vec<Period> {
    let mut all: Vec<Period> = m
        .series
        .iter()
        .map(|p| p.period.clone())
        .chain(m.targets.iter().map(|t| t.period.clone()))
        .chain(
            m.comparators
                .iter()
                .flat_map(|c| c.series.iter().map(|p| p.period.clone())),
        )
        .collect();
    all.sort();
    all.dedup_by(|a, b| a.sort_key() == b.sort_key());
    all
}

fn value_at(series: &[Point], period: &Period) -> Option<f64> {
    series
        .iter()
        .find(|p| p.period.sort_key() == period.sort_key())
        .and_then(|p| p.value)
}

fn symbol_for(i: usize) -> Symbol {
    match i % 4 {
        0 => Symbol::Circle,
        1 => Symbol::Triangle,
        2 => Symbol::Rect,
        _ => Symbol::RoundRect,
    }
}

fn line_type_for(i: usize) -> LineStyleType {
    match i % 3 {
        0 => LineStyleType::Solid,
        1 => LineStyleType::Dotted,
        _ => LineStyleType::Dashed,
    }
}

/// The common chart frame: ARIA on, axis tooltip, room for labels.
pub(crate) fn base() -> Chart {
    Chart::new()
        .aria(Aria::new().enabled(true))
        .tooltip(Tooltip::new().trigger(Trigger::Axis))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(40)
                .bottom(56)
                .contain_label(true),
        )
}

/// A line chart of a metric: the authority's series, its targets and its comparators.
pub fn metric_chart(m: &Metric, authority: &str) -> Chart {
    let periods = metric_periods(m);
    let labels: Vec<String> = periods.iter().map(Period::label).collect();
    let mut chart = base()
        .legend(Legend::new().bottom(0))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value));
    let ours: Vec<CompositeValue> = periods
        .iter()
        .map(|p| value_at(&m.series, p).into())
        .collect();
    chart = chart.series(
        Line::new()
            .name(authority)
            .data(ours)
            .symbol(Symbol::Circle)
            .symbol_size(8)
            .line_style(LineStyle::new().width(3).color(PALETTE[0]))
            .item_style(ItemStyle::new().color(PALETTE[0])),
    );
    if !m.targets.is_empty() {
        let targets: Vec<CompositeValue> = periods
            .iter()
            .map(|p| {
                m.targets
                    .iter()
                    .find(|t| t.period.sort_key() == p.sort_key())
                    .map(|t| t.value)
                    .into()
            })
            .collect();
        chart = chart.series(
            Line::new()
                .name("Target")
                .data(targets)
                .connect_nulls(true)
                .symbol(Symbol::Diamond)
                .symbol_size(12)
                .line_style(
                    LineStyle::new()
                        .width(2)
                        .type_(LineStyleType::Dashed)
                        .color(TARGET_COLOUR),
                )
                .item_style(ItemStyle::new().color(TARGET_COLOUR)),
        );
    }
    for (i, c) in m.comparators.iter().enumerate() {
        let colour = PALETTE[(i + 1) % PALETTE.len()];
        let data: Vec<CompositeValue> = periods
            .iter()
            .map(|p| value_at(&c.series, p).into())
            .collect();
        chart = chart.series(
            Line::new()
                .name(c.label.as_str())
                .data(data)
                .connect_nulls(true)
                .symbol(symbol_for(i + 1))
                .symbol_size(8)
                .line_style(
                    LineStyle::new()
                        .width(2)
                        .type_(line_type_for(i + 1))
                        .color(colour),
                )
                .item_style(ItemStyle::new().color(colour)),
        );
    }
    chart
}

/// A bar or pie chart of a breakdown, or `None` when the breakdown asks for no chart.
pub fn breakdown_chart(b: &Breakdown) -> Option<Chart> {
    let labels: Vec<String> = b.rows.iter().map(|r| r.label.clone()).collect();
    let values: Vec<CompositeValue> = b.rows.iter().map(|r| r.value.into()).collect();
    match b.chart {
        ChartKind::None => None,
        ChartKind::Bar => Some(
            base()
                .x_axis(
                    Axis::new()
                        .type_(AxisType::Category)
                        .data(labels)
                        .axis_label(AxisLabel::new().interval(0).rotate(if b.rows.len() > 5 {
                            30
                        } else {
                            0
                        })),
                )
                .y_axis(Axis::new().type_(AxisType::Value))
                .series(
                    Bar::new()
                        .name(b.value_label.clone().unwrap_or_else(|| b.title.clone()))
                        .data(values)
                        .item_style(ItemStyle::new().color(PALETTE[0])),
                ),
        ),
        ChartKind::Pie => {
            let data: Vec<(f64, String)> = b
                .rows
                .iter()
                .filter_map(|r| r.value.map(|v| (v, r.label.clone())))
                .collect();
            let colours: Vec<charming::element::Color> =
                PALETTE.iter().map(|c| (*c).into()).collect();
            Some(
                base()
                    .tooltip(Tooltip::new().trigger(Trigger::Item))
                    .legend(Legend::new().bottom(0))
                    .color(colours)
                    .aria(
                        Aria::new()
                            .enabled(true)
                            .decal(charming::component::Decal::new().show(true)),
                    )
                    .series(
                        Pie::new()
                            .name(b.title.as_str())
                            .radius(vec!["35%", "65%"])
                            .data(data),
                    ),
            )
        }
    }
}

/// Chart options as JSON text that is safe inside `<script type="application/json">`.
pub fn to_script_json(chart: &Chart) -> String {
    let mut value = serde_json::to_value(chart).unwrap_or(serde_json::Value::Null);
    tidy(&mut value);
    let json = serde_json::to_string(&value).unwrap_or_else(|_| "{}".to_string());
    escape_script_json(&json)
}

/// Drop `null` fields and empty `decals` lists, which some charming types serialise but
/// ECharts does not accept (an empty `aria.decal.decals` breaks its pie renderer).
fn tidy(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|k, x| {
                !(x.is_null() || k == "decals" && x.as_array().is_some_and(Vec::is_empty))
            });
            map.values_mut().for_each(tidy);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(tidy),
        _ => {}
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

/// A scenario chart: the chosen series over the horizon's years, as lines or bars.
pub fn scenario_chart(
    sc: &hearth_model::scenario::Scenario,
    chart: &hearth_model::scenario::ChartDef,
    results: &hearth_model::scenario::Results,
) -> Chart {
    let years: Vec<String> = results.years.iter().map(i32::to_string).collect();
    let mut y_axis = Axis::new().type_(AxisType::Value);
    if let Some(label) = &chart.y_label {
        y_axis = y_axis
            .name(label.as_str())
            .name_location(charming::element::NameLocation::End);
    }
    // No animation: the chart follows the sliders, and an animated redraw would lag them.
    let mut c = base()
        .animation(false)
        .legend(Legend::new().bottom(0))
        .x_axis(Axis::new().type_(AxisType::Category).data(years))
        .y_axis(y_axis);
    for (i, id) in chart.series.iter().enumerate() {
        let Some(s) = sc.series.iter().position(|s| &s.id == id) else {
            continue;
        };
        let colour = PALETTE[i % PALETTE.len()];
        let data: Vec<CompositeValue> = results.series[s].iter().map(|v| (*v).into()).collect();
        let label = sc.series[s].label.as_str();
        c = match chart.kind {
            hearth_model::scenario::ChartKind::Bar => c.series(
                Bar::new()
                    .name(label)
                    .data(data)
                    .item_style(ItemStyle::new().color(colour)),
            ),
            _ => c.series(
                Line::new()
                    .name(label)
                    .data(data)
                    .symbol(symbol_for(i))
                    .symbol_size(8)
                    .line_style(
                        LineStyle::new()
                            .width(3)
                            .type_(line_type_for(i))
                            .color(colour),
                    )
                    .item_style(ItemStyle::new().color(colour)),
            ),
        };
    }
    if matches!(chart.kind, hearth_model::scenario::ChartKind::Bar) {
        c = c.aria(
            Aria::new()
                .enabled(true)
                .decal(charming::component::Decal::new().show(true)),
        );
    }
    c
}

//! Chart options built with charming, serialised to ECharts option JSON for the page.
//!
//! Charts are drawn in the browser by the theme's local copy of ECharts. Every chart sits
//! beside a data table and a text summary that carry the same information, so the chart is
//! hidden from assistive technology. Colour is never the only difference (WCAG 1.4.1): bar
//! and pie charts have ARIA decal patterns on, so each series or slice carries a pattern, and
//! each line of a chart has its own marker shape (and a line style) as well as its colour.

use charming::Chart;
use charming::component::{Aria, Axis, Decal, DecalItem, Grid, Legend};
use charming::datatype::CompositeValue;
use charming::element::{AxisType, ItemStyle, LineStyle, LineStyleType, Symbol};
use charming::series::{Bar, Line};
use hearth_model::{Amount, Figure, Metric, Period, Point, Target};

use super::view::{ChartView, Html, ScriptJson};

/// What charts are drawn on: the page (`--paper` in hearth.css; ECharts draws no background).
pub const BACKGROUND: &str = "#ffffff";

/// Series colours, each with at least 3:1 contrast against [`BACKGROUND`] (WCAG 1.4.11),
/// checked by a test below.
pub const PALETTE: &[&str] = &[
    "#0b5394", "#b45309", "#6d28d9", "#047857", "#9d174d", "#374151",
];
/// The target line of a measure's chart.
pub const TARGET_COLOUR: &str = "#1a1a1a";
/// The target line's marker, which no series uses (see [`SYMBOLS`]).
pub const TARGET_SYMBOL: &str = "diamond";
/// The marker of a target range's low end (or a lower limit, `more than 50`): a floor, `⊥`.
pub const TARGET_LOW_SYMBOL: &str = "path://M4,0L6,0L6,8L10,8L10,10L0,10L0,8L4,8Z";
/// The marker of a target range's high end (or an upper limit, `less than 10%`): a ceiling, `⊤`.
pub const TARGET_HIGH_SYMBOL: &str = "path://M0,0L10,0L10,2L6,2L6,10L4,10L4,2L0,2Z";
/// The stretch target's marker.
pub const STRETCH_SYMBOL: &str = "emptyDiamond";
/// The markers only targets use.
pub const TARGET_SYMBOLS: &[&str] = &[
    TARGET_SYMBOL,
    TARGET_LOW_SYMBOL,
    TARGET_HIGH_SYMBOL,
    STRETCH_SYMBOL,
];

/// Marker shapes for the lines of a chart, in order: filled, then hollow, then two more, so
/// the first eight lines of a chart all look different without their colours.
pub const SYMBOLS: &[&str] = &[
    "circle",
    "triangle",
    "rect",
    "emptyCircle",
    "emptyTriangle",
    "emptyRect",
    "pin",
    "arrow",
];

/// The colour decal patterns are drawn in: translucent white, which shows on every palette
/// colour (they are all dark enough for 3:1 on white; ECharts' default, 20% black, is faint
/// on the darker ones).
pub const DECAL_COLOUR: &str = "rgba(255, 255, 255, 0.6)";

/// The periods of a metric's chart and table (series, dated targets and comparators), in
/// time order.
pub fn metric_periods(m: &Metric) -> Vec<Period> {
    let mut all: Vec<Period> = m
        .series
        .iter()
        .map(|p| p.period.clone())
        .chain(m.targets.iter().filter_map(|t| t.period.clone()))
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

/// The exact number at `period`: an approximate figure, a limit or a range is not drawn.
fn value_at(series: &[Point], period: &Period) -> Option<f64> {
    series
        .iter()
        .find(|p| p.period.sort_key() == period.sort_key())
        .and_then(Point::number)
}

/// What of a measure's targets its chart draws. Only a dated, one-off target with a number
/// is drawn: an exact target on the target line, a range (or a limit) as its ends, a stretch
/// target on its own line.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Drawn {
    pub target: bool,
    pub range: bool,
    pub stretch: bool,
    /// Targets with nothing drawn: no date, recurring, approximate, a direction, a change or
    /// words.
    pub left_out_targets: usize,
}

/// The target lines of a measure's chart at `period`: (target, low end, high end, stretch).
fn target_points(t: &Target) -> (Option<f64>, Option<f64>, Option<f64>, Option<f64>) {
    if t.period.is_none() || t.each.is_some() {
        return (None, None, None, None);
    }
    let stretch = t.stretch.as_ref().and_then(Figure::number);
    match t.value.as_ref().map(|v| v.amount) {
        Some(Amount::Exact(n)) => (Some(n.value), None, None, stretch),
        Some(Amount::Range(a, b)) => (None, Some(a.value), Some(b.value), stretch),
        Some(Amount::Over { num, .. }) => (None, Some(num.value), None, stretch),
        Some(Amount::Under { num, .. }) => (None, None, Some(num.value), stretch),
        _ => (None, None, None, stretch),
    }
}

/// The periods a measure's chart draws something at (the table has them all): an exact
/// figure of its own or a comparator's, or a target it draws.
pub fn chart_periods(m: &Metric) -> Vec<Period> {
    metric_periods(m)
        .into_iter()
        .filter(|p| {
            value_at(&m.series, p).is_some()
                || m.comparators
                    .iter()
                    .any(|c| value_at(&c.series, p).is_some())
                || m.targets.iter().any(|t| {
                    t.period
                        .as_ref()
                        .is_some_and(|x| x.sort_key() == p.sort_key())
                        && target_points(t) != (None, None, None, None)
                })
        })
        .collect()
}

/// What a measure's chart draws of its targets.
pub fn drawn(m: &Metric) -> Drawn {
    let mut d = Drawn::default();
    for t in &m.targets {
        let (target, low, high, stretch) = target_points(t);
        d.target |= target.is_some();
        d.range |= low.is_some() || high.is_some();
        d.stretch |= stretch.is_some();
        if target.is_none() && low.is_none() && high.is_none() && stretch.is_none() {
            d.left_out_targets += 1;
        }
    }
    d
}

/// The marker of the `i`th line of a chart.
pub(crate) fn symbol_for(i: usize) -> Symbol {
    Symbol::Custom(SYMBOLS[i % SYMBOLS.len()].to_string())
}

/// The line style of the `i`th line of a chart.
pub(crate) fn line_type_for(i: usize) -> LineStyleType {
    match i % 3 {
        0 => LineStyleType::Solid,
        1 => LineStyleType::Dotted,
        _ => LineStyleType::Dashed,
    }
}

/// ECharts' six default decal shapes (diagonal lines, dots, crossing lines, checks, ...),
/// drawn in [`DECAL_COLOUR`]. Series take them in order, as they take the palette's colours.
fn decals() -> Vec<DecalItem> {
    use std::f64::consts::PI;
    let item = |x: CompositeValue, y: CompositeValue| {
        DecalItem::new()
            .color(DECAL_COLOUR)
            .dash_array_x(x)
            .dash_array_y(y)
    };
    let pair = |a: Vec<f64>, b: Vec<f64>| CompositeValue::from(vec![a, b]);
    vec![
        item(vec![1.0, 0.0].into(), vec![2.0, 5.0].into())
            .symbol_size(1.0)
            .rotation(PI / 6.0),
        item(
            pair(vec![8.0, 8.0], vec![0.0, 8.0, 8.0, 0.0]),
            vec![6.0, 0.0].into(),
        )
        .symbol(Symbol::Circle)
        .symbol_size(0.8),
        item(vec![1.0, 0.0].into(), vec![4.0, 3.0].into()).rotation(-PI / 4.0),
        item(
            pair(vec![6.0, 6.0], vec![0.0, 6.0, 6.0, 0.0]),
            vec![6.0, 0.0].into(),
        ),
        item(
            pair(vec![1.0, 0.0], vec![1.0, 6.0]),
            vec![1.0, 0.0, 6.0, 0.0].into(),
        )
        .rotation(PI / 4.0),
        item(
            pair(vec![9.0, 9.0], vec![0.0, 9.0, 9.0, 0.0]),
            vec![7.0, 2.0].into(),
        )
        .symbol(Symbol::Triangle)
        .symbol_size(0.75),
    ]
}

/// ARIA on, with decal patterns: for charts of bars or pie slices. (Line charts keep plain
/// ARIA: ECharts would draw the patterns into their legend markers, and their lines differ
/// by marker and line style instead.)
pub(crate) fn aria_with_decals() -> Aria {
    Aria::new()
        .enabled(true)
        .decal(Decal::new().show(true).decals(decals()))
}

/// White gaps between pie slices and stacked bar segments, so each one meets the background
/// (3:1) rather than a neighbour of similar lightness.
pub(crate) fn separated(colour: Option<&str>) -> ItemStyle {
    let style = ItemStyle::new().border_color(BACKGROUND).border_width(2);
    match colour {
        Some(c) => style.color(c),
        None => style,
    }
}

/// The common chart frame: ARIA on, room for labels. No ECharts tooltip (it is not in the
/// vendored build): `charts.js` writes the hovered values into an HTML readout instead.
pub(crate) fn base() -> Chart {
    // No animation: the browser draws the chart over the same chart drawn at build time, and
    // growing it from nothing would blank that first (and keep the page busy for a second).
    Chart::new()
        .animation(false)
        .aria(Aria::new().enabled(true))
        .grid(
            Grid::new()
                .left(8)
                .right(16)
                .top(40)
                .bottom(56)
                .contain_label(true),
        )
}

/// A dashed target line in the target colour, with its marker.
fn target_line(name: &str, data: Vec<CompositeValue>, symbol: &str) -> Line {
    Line::new()
        .name(name)
        .data(data)
        .connect_nulls(true)
        .symbol(Symbol::Custom(symbol.to_string()))
        .symbol_size(12)
        .line_style(
            LineStyle::new()
                .width(2)
                .type_(LineStyleType::Dashed)
                .color(TARGET_COLOUR),
        )
        .item_style(ItemStyle::new().color(TARGET_COLOUR))
}

/// A line chart of a metric: the authority's exact figures, its dated targets ([`Drawn`])
/// and its comparators' exact figures. `None` when there is no exact figure to draw (targets
/// alone make no chart): the page then has its table, its list of targets and its summary.
pub fn metric_chart(m: &Metric, authority: &str) -> Option<Chart> {
    let periods = chart_periods(m);
    let labels: Vec<String> = periods.iter().map(Period::label).collect();
    let mut chart = base()
        .legend(Legend::new().bottom(0))
        .x_axis(Axis::new().type_(AxisType::Category).data(labels))
        .y_axis(Axis::new().type_(AxisType::Value));
    let ours: Vec<Option<f64>> = periods.iter().map(|p| value_at(&m.series, p)).collect();
    let mut anything = ours.iter().any(Option::is_some);
    chart = chart.series(
        Line::new()
            .name(authority)
            .data(ours.into_iter().map(CompositeValue::from).collect())
            .symbol(symbol_for(0))
            .symbol_size(8)
            .line_style(LineStyle::new().width(3).color(PALETTE[0]))
            .item_style(ItemStyle::new().color(PALETTE[0])),
    );
    // Each target line: its values by period, its name and its marker.
    let mut lines: [(Vec<Option<f64>>, &str, &str); 4] = [
        (Vec::new(), "Target", TARGET_SYMBOL),
        (Vec::new(), "Target, low end", TARGET_LOW_SYMBOL),
        (Vec::new(), "Target, high end", TARGET_HIGH_SYMBOL),
        (Vec::new(), "Stretch target", STRETCH_SYMBOL),
    ];
    for p in &periods {
        let at = m
            .targets
            .iter()
            .find(|t| {
                t.period
                    .as_ref()
                    .is_some_and(|x| x.sort_key() == p.sort_key())
            })
            .map(target_points)
            .unwrap_or_default();
        lines[0].0.push(at.0);
        lines[1].0.push(at.1);
        lines[2].0.push(at.2);
        lines[3].0.push(at.3);
    }
    for (data, name, symbol) in lines {
        if data.iter().any(Option::is_some) {
            chart = chart.series(target_line(
                name,
                data.into_iter().map(CompositeValue::from).collect(),
                symbol,
            ));
        }
    }
    for (i, c) in m.comparators.iter().enumerate() {
        let colour = PALETTE[(i + 1) % PALETTE.len()];
        let data: Vec<Option<f64>> = periods.iter().map(|p| value_at(&c.series, p)).collect();
        if !data.iter().any(Option::is_some) {
            continue;
        }
        anything = true;
        chart = chart.series(
            Line::new()
                .name(c.label.as_str())
                .data(data.into_iter().map(CompositeValue::from).collect())
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
    anything.then_some(chart)
}

/// Whether bars with these category labels run across the chart (many rows, or a long
/// label), so that every label can be read, wrapped, at any width.
pub(crate) fn bars_across<'a>(labels: impl IntoIterator<Item = &'a str>) -> bool {
    let (mut rows, mut long) = (0, false);
    for label in labels {
        rows += 1;
        long |= label.chars().count() > 14;
    }
    rows > 6 || long
}

/// Chart options as JSON text that is safe inside `<script type="application/json">`.
pub fn to_script_json(chart: &Chart) -> ScriptJson {
    bar_script_json(chart, false)
}

/// [`to_script_json`], and when the chart's bars run `across`, its category labels (on the y
/// axis) wrap at 120 px in a smaller type, an ECharts setting charming does not expose.
pub fn bar_script_json(chart: &Chart, across: bool) -> ScriptJson {
    script_json(&option_value(chart, across))
}

fn script_json(value: &serde_json::Value) -> ScriptJson {
    let json = serde_json::to_string(value).unwrap_or_else(|_| "{}".to_string());
    ScriptJson::escaped(&json)
}

/// The ECharts option of [`bar_script_json`] as a JSON value.
fn option_value(chart: &Chart, across: bool) -> serde_json::Value {
    let mut value = serde_json::to_value(chart).unwrap_or(serde_json::Value::Null);
    tidy(&mut value);
    let axes = match value.get_mut("yAxis") {
        Some(serde_json::Value::Array(list)) if across => list.iter_mut().collect::<Vec<_>>(),
        Some(one @ serde_json::Value::Object(_)) if across => vec![one],
        _ => Vec::new(),
    };
    for axis in axes {
        if let Some(serde_json::Value::Object(label)) = axis.get_mut("axisLabel") {
            label.insert("width".into(), 120.into());
            label.insert("overflow".into(), "break".into());
            label.insert("fontSize".into(), 11.into());
            label.insert("lineHeight".into(), 13.into());
        }
    }
    value
}

/// Height of a chart's box in CSS pixels (hearth.css `.chart-canvas--on`, 22rem, and
/// `.chart--tall`, 30rem).
const BOX_H: f32 = 352.0;
const TALL_BOX_H: f32 = 480.0;

/// The chart drawn at build time from its own option ([`crate::draw::svg`]): one image for
/// narrow screens and one for wide ones (hearth.css shows one), each filling the chart's
/// box, or `None` for an option the drawing does not cover (the page's table and summary
/// still say everything).
pub fn static_svg(option: &serde_json::Value, tall: bool) -> Option<Html> {
    Some(images(&crate::draw::from_option(option)?, tall))
}

/// [`static_svg`]'s two images of a chart read from its option.
fn images(chart: &crate::draw::Chart, tall: bool) -> Html {
    let h = if tall { TALL_BOX_H } else { BOX_H };
    let narrow = crate::draw::svg::image(
        chart,
        360.0,
        h,
        "chart-static__svg chart-static__svg--narrow",
    );
    let wide =
        crate::draw::svg::image(chart, 720.0, h, "chart-static__svg chart-static__svg--wide");
    Html::new(narrow + &wide)
}

/// A what-if chart for a page ([`chart_view`]), with what the browser module needs to draw
/// it again as the sliders move, to the byte as [`static_svg`] draws it: the chart's look
/// without its figures, with the font's advances for its labels
/// ([`hearth_model::draw::Look`], encoded as `{"nums", "texts"}`); no look for a chart the
/// drawing does not cover. The option is read once for both.
pub fn live_chart_view(id: String, chart: &Chart) -> (ChartView, Option<ScriptJson>) {
    let value = option_value(chart, false);
    let drawn = crate::draw::from_option(&value);
    let look = drawn.as_ref().and_then(|d| {
        let (nums, texts) =
            hearth_model::draw::Look::of(d, crate::draw::svg::advances(d))?.encode();
        Some(script_json(
            &serde_json::json!({ "nums": nums, "texts": texts }),
        ))
    });
    let view = ChartView {
        id,
        json: script_json(&value),
        svg: drawn.as_ref().map(|d| images(d, false)),
        tall: false,
    };
    (view, look)
}

/// A chart for a page: its option for ECharts and the same chart drawn at build time.
pub fn chart_view(id: String, chart: &Chart, across: bool, tall: bool) -> ChartView {
    let value = option_value(chart, across);
    ChartView {
        id,
        json: script_json(&value),
        svg: static_svg(&value, tall),
        tall,
    }
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
    // No animation (as every chart): the chart follows the sliders, and an animated redraw
    // would lag them.
    let mut c = base()
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
        c = c.aria(aria_with_decals());
    }
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use hearth_model::colour::{Rgb, WHITE, contrast, ratio_text};
    use serde_json::Value;
    use std::collections::BTreeSet;
    use std::path::Path;

    fn rgb(hex: &str) -> Rgb {
        Rgb::parse(hex).unwrap_or_else(|| panic!("{hex} is not a hex colour"))
    }

    fn example() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
    }

    #[test]
    fn every_series_colour_has_3_to_1_against_the_chart_background() {
        let background = rgb(BACKGROUND);
        assert_eq!(background, WHITE, "charts sit on the white page");
        for hex in PALETTE.iter().chain([&TARGET_COLOUR]) {
            let ratio = contrast(rgb(hex), background);
            assert!(
                ratio >= 3.0,
                "{hex} has {} against {BACKGROUND}: under 3:1 (WCAG 1.4.11)",
                ratio_text(ratio)
            );
        }
        let unique: BTreeSet<&str> = PALETTE.iter().copied().collect();
        assert_eq!(unique.len(), PALETTE.len(), "palette colours repeat");
    }

    #[test]
    fn decal_patterns_show_on_every_series_colour() {
        // DECAL_COLOUR is white at 60%: over a colour c it paints c mixed 60% towards white.
        assert_eq!(DECAL_COLOUR, "rgba(255, 255, 255, 0.6)");
        for hex in PALETTE {
            let fill = rgb(hex);
            let pattern = fill.mix(WHITE, 0.6);
            let ratio = contrast(pattern, fill);
            assert!(
                ratio >= 2.0,
                "decals on {hex} have only {} against the fill",
                ratio_text(ratio)
            );
        }
    }

    /// Every chart option published in the example site (editions included), by page.
    fn example_charts() -> Vec<(String, Value)> {
        let (rendered, report) = crate::render(&example());
        let rendered = rendered.unwrap_or_else(|| {
            panic!(
                "the example content did not render: {:?}",
                report
                    .diagnostics
                    .iter()
                    .map(ToString::to_string)
                    .collect::<Vec<_>>()
            )
        });
        let open = "<script type=\"application/json\" id=\"chart-";
        let mut out = Vec::new();
        for (path, bytes) in &rendered.files {
            if !path.ends_with(".html") {
                continue;
            }
            let html = crate::render::text_of_file(bytes);
            let mut rest = html.as_ref();
            while let Some(at) = rest.find(open) {
                let after = &rest[at + open.len()..];
                let start = after.find('>').map(|i| i + 1).unwrap_or(0);
                let end = after.find("</script>").unwrap_or(after.len());
                let json: Value = serde_json::from_str(&after[start..end])
                    .unwrap_or_else(|e| panic!("{path}: chart JSON does not parse: {e}"));
                let id = after[..start.saturating_sub(2)].to_string();
                out.push((format!("{path} #chart-{id}"), json));
                rest = &after[end..];
            }
        }
        out
    }

    fn series(option: &Value) -> Vec<&Value> {
        match option.get("series") {
            Some(Value::Array(list)) => list.iter().collect(),
            Some(one @ Value::Object(_)) => vec![one],
            _ => Vec::new(),
        }
    }

    fn kind(s: &Value) -> &str {
        s.get("type").and_then(Value::as_str).unwrap_or("")
    }

    /// Options that need code left out of the vendored ECharts build (scripts/echarts-entry.mjs
    /// and echarts-trim.mjs): a chart using one would be drawn wrongly or not at all.
    const NOT_IN_ECHARTS_BUILD: &[&str] = &[
        "tooltip",
        "axisPointer",
        "rich",
        "smooth",
        "step",
        "endLabel",
        "showBackground",
        "large",
        "realtimeSort",
        "sampling",
        "selectedMode",
        "markPoint",
        "markLine",
        "markArea",
        "splitArea",
        "minorTick",
        "minorSplitLine",
        "dataset",
        "visualMap",
        "dataZoom",
        "polar",
        "animationEasing",
        "animationEasingUpdate",
    ];

    /// Every object key in `v`, anywhere, with the path to it.
    fn keys<'a>(v: &'a Value, path: &str, out: &mut Vec<(String, &'a str)>) {
        match v {
            Value::Object(map) => {
                for (k, x) in map {
                    out.push((format!("{path}/{k}"), k.as_str()));
                    keys(x, &format!("{path}/{k}"), out);
                }
            }
            Value::Array(list) => {
                for (i, x) in list.iter().enumerate() {
                    keys(x, &format!("{path}/{i}"), out);
                }
            }
            _ => {}
        }
    }

    /// The checks every published chart must pass; returns what the chart is.
    fn check(place: &str, option: &Value) -> &'static str {
        let mut all_keys = Vec::new();
        keys(option, "", &mut all_keys);
        for (path, key) in all_keys {
            assert!(
                !NOT_IN_ECHARTS_BUILD.contains(&key),
                "{place}: {path} needs ECharts code the vendored build leaves out"
            );
        }
        assert_eq!(
            option.pointer("/aria/enabled"),
            Some(&Value::Bool(true)),
            "{place}: aria.enabled"
        );
        let all = series(option);
        assert!(!all.is_empty(), "{place}: no series");
        let filled = all.iter().any(|s| matches!(kind(s), "bar" | "pie"));
        if filled {
            assert_eq!(
                option.pointer("/aria/decal/show"),
                Some(&Value::Bool(true)),
                "{place}: bars and pie slices need decal patterns (aria.decal.show)"
            );
            let decals = option
                .pointer("/aria/decal/decals")
                .and_then(Value::as_array)
                .map_or(0, Vec::len);
            assert!(decals >= PALETTE.len(), "{place}: {decals} decal patterns");
        } else {
            assert_ne!(
                option.pointer("/aria/decal/show"),
                Some(&Value::Bool(true)),
                "{place}: decals on a line chart only pattern its legend markers"
            );
        }
        let lines: Vec<&&Value> = all.iter().filter(|s| kind(s) == "line").collect();
        let mut shapes = BTreeSet::new();
        for line in &lines {
            let symbol = line.get("symbol").and_then(Value::as_str).unwrap_or("");
            assert!(
                SYMBOLS.contains(&symbol) || TARGET_SYMBOLS.contains(&symbol),
                "{place}: line {:?} has marker {symbol:?}",
                line.get("name")
            );
            assert!(
                shapes.insert(symbol),
                "{place}: two lines share the marker {symbol:?}"
            );
        }
        // Every colour drawn is one the contrast test checked.
        let mut colours: Vec<&str> = Vec::new();
        for s in &all {
            for ptr in ["/itemStyle/color", "/lineStyle/color"] {
                colours.extend(s.pointer(ptr).and_then(Value::as_str));
            }
        }
        if let Some(Value::Array(list)) = option.get("color") {
            colours.extend(list.iter().filter_map(Value::as_str));
        }
        for c in colours {
            assert!(
                PALETTE.contains(&c) || c == TARGET_COLOUR,
                "{place}: colour {c} is not in the checked palette"
            );
        }
        match (filled, lines.len()) {
            (true, _) if all.iter().any(|s| kind(s) == "pie") => "pie",
            (true, _) => "bar",
            (false, n) if n > 1 => "lines",
            _ => "line",
        }
    }

    #[test]
    fn every_published_chart_has_aria_decals_and_distinct_line_markers() {
        let charts = example_charts();
        let mut seen = std::collections::BTreeMap::new();
        for (place, option) in &charts {
            *seen.entry(check(place, option)).or_insert(0) += 1;
        }
        // The example has each kind, so each check above has run.
        for kind in ["bar", "pie", "lines", "line"] {
            assert!(
                seen.get(kind).copied().unwrap_or(0) > 0,
                "no {kind} chart in the example: {seen:?}"
            );
        }
    }

    #[test]
    fn a_measure_with_many_comparators_keeps_every_marker_distinct() {
        let loaded = crate::load::load(&example());
        let mut metric = loaded
            .content
            .metric("care-leavers")
            .cloned()
            .unwrap_or_else(|| panic!("the example has the care-leavers measure"));
        let first = metric.comparators[0].clone();
        metric.comparators = (0..SYMBOLS.len() - 1)
            .map(|i| {
                let mut c = first.clone();
                c.id = format!("comparator-{i}");
                c.label = format!("Comparator {i}");
                c
            })
            .collect();
        let chart = metric_chart(&metric, "Us").unwrap_or_else(|| panic!("a chart"));
        let json: Value =
            serde_json::from_str(to_script_json(&chart).as_str()).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            series(&json).len(),
            SYMBOLS.len() + 1,
            "ours, target, comparators"
        );
        assert_eq!(check("synthetic measure", &json), "lines");
    }
}

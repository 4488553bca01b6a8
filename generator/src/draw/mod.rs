//! Charts drawn from the same ECharts option a page carries: line and bar series over
//! categories (bars side by side, or stacked when the series say so, across or upright) and
//! pies. Gaps (`null`) stay gaps. The colours, line styles and symbols' meaning come from the
//! option. The geometry here draws onto a [`Canvas`]: the board pack's PDF surface
//! (`pdf::charts`) or an SVG image for the site's pages ([`svg`]), so both show the same chart.
//! Every chart is beside (or followed by) its data table and text summary, which carry its
//! meaning.

pub mod svg;

use serde_json::Value;

pub use hearth_model::draw::{Advances, Anchor, Canvas, Chart, Measure, Rgb, Series, draw};

const PALETTE: [(u8, u8, u8); 6] = [
    (11, 83, 148),
    (180, 83, 9),
    (109, 40, 217),
    (21, 128, 61),
    (190, 24, 93),
    (26, 26, 26),
];

fn colour(v: &Value) -> Option<(u8, u8, u8)> {
    let s = v.as_str()?.strip_prefix('#')?;
    if s.len() != 6 {
        return None;
    }
    let p = |i: usize| u8::from_str_radix(s.get(i..i + 2)?, 16).ok();
    Some((p(0)?, p(2)?, p(4)?))
}

fn first(v: &Value) -> &Value {
    match v {
        Value::Array(a) => a.first().unwrap_or(&Value::Null),
        v => v,
    }
}

fn number(v: &Value) -> Option<f64> {
    match v {
        Value::Number(n) => n.as_f64(),
        Value::Object(o) => o.get("value").and_then(number),
        Value::Array(a) => a.last().and_then(number),
        Value::String(s) => s.parse().ok(),
        _ => None,
    }
}

fn label(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Object(o) => o.get("value").map(label).unwrap_or_default(),
        _ => String::new(),
    }
}

/// The chart an option describes, or `None` when it is of a kind the pack does not draw
/// (the page's table and summary still say everything it shows).
pub fn from_option(option: &Value) -> Option<Chart> {
    let series = option.get("series")?.as_array()?;
    if series
        .iter()
        .any(|s| s.get("type").and_then(Value::as_str) == Some("pie"))
    {
        let data = series.first()?.get("data")?.as_array()?;
        let slices = data
            .iter()
            .enumerate()
            .filter_map(|(i, d)| {
                let value = number(d)?;
                let name = d.get("name").map(label).unwrap_or_default();
                let c = d
                    .pointer("/itemStyle/color")
                    .and_then(colour)
                    .unwrap_or(PALETTE[i % PALETTE.len()]);
                Some((name, value, c))
            })
            .filter(|(_, v, _)| *v > 0.0)
            .collect::<Vec<_>>();
        return (!slices.is_empty()).then_some(Chart::Pie { slices });
    }
    let x = first(option.get("xAxis").unwrap_or(&Value::Null));
    let y = first(option.get("yAxis").unwrap_or(&Value::Null));
    let across = y.get("type").and_then(Value::as_str) == Some("category");
    let cat_axis = if across { y } else { x };
    let categories: Vec<String> = cat_axis
        .get("data")
        .and_then(Value::as_array)
        .map(|a| a.iter().map(label).collect())
        .unwrap_or_default();
    if categories.is_empty() {
        return None;
    }
    let series: Vec<Series> = series
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            let kind = s.get("type").and_then(Value::as_str)?;
            if kind != "line" && kind != "bar" {
                return None;
            }
            let values = s
                .get("data")?
                .as_array()?
                .iter()
                .map(number)
                .chain(std::iter::repeat(None))
                .take(categories.len())
                .collect();
            let c = s
                .pointer("/lineStyle/color")
                .or_else(|| s.pointer("/itemStyle/color"))
                .and_then(colour)
                .unwrap_or(PALETTE[i % PALETTE.len()]);
            let dash = match s.pointer("/lineStyle/type").and_then(Value::as_str) {
                Some("dashed") => Some(vec![6.0, 3.0]),
                Some("dotted") => Some(vec![1.5, 2.5]),
                _ => None,
            };
            Some(Series {
                name: s.get("name").map(label).unwrap_or_default(),
                colour: c,
                dash,
                width: s
                    .pointer("/lineStyle/width")
                    .and_then(Value::as_f64)
                    .map_or(2.0, |w| (w as f32).clamp(0.5, 4.0)),
                bar: kind == "bar",
                stack: s.get("stack").and_then(Value::as_str).map(str::to_string),
                values,
            })
        })
        .collect();
    if series.iter().all(|s| s.values.iter().all(Option::is_none)) {
        return None;
    }
    Some(Chart::Axes {
        categories,
        series,
        across,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_line_bar_and_pie_options() {
        let line = serde_json::json!({"xAxis":{"type":"category","data":["a","b","c"]},"yAxis":{"type":"value"},
            "series":[{"type":"line","name":"N","data":[1,null,{"value":3}],"lineStyle":{"color":"#0b5394","type":"dashed"}}]});
        let Some(Chart::Axes {
            categories,
            series,
            across,
        }) = from_option(&line)
        else {
            panic!()
        };
        assert_eq!(categories, ["a", "b", "c"]);
        assert!(!across);
        assert_eq!(series[0].values, [Some(1.0), None, Some(3.0)]);
        assert_eq!(series[0].colour, (11, 83, 148));
        assert!(series[0].dash.is_some());
        let pie = serde_json::json!({"series":[{"type":"pie","data":[{"name":"x","value":2},{"name":"y","value":0}]}]});
        let Some(Chart::Pie { slices }) = from_option(&pie) else {
            panic!()
        };
        assert_eq!(slices.len(), 1);
        assert!(from_option(&serde_json::json!({"series":[]})).is_none());
    }
}

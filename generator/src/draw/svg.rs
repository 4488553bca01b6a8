//! The site's build-time chart images ([`hearth_model::draw::svg`]), their labels measured
//! with the bundled font (DejaVu Sans Condensed, taken a little wider as the page's type is).

use std::sync::LazyLock;

use super::{Advances, Chart, Measure};
use crate::pdf::fonts::{Fonts, Weight};

pub use hearth_model::draw::svg::escape;

/// Label size in CSS pixels (the image is drawn at about one unit a pixel).
const LABEL: f32 = 12.0;
/// The page's type is wider than DejaVu Sans Condensed, whose advance widths place the
/// labels: widths are taken this much larger so labels do not collide.
const WIDER: f32 = 1.12;

static FONTS: LazyLock<Fonts> = LazyLock::new(Fonts::load);

/// The labels' measure: the bundled font's widths.
struct FontMeasure;

impl Measure for FontMeasure {
    fn label_size(&self) -> f32 {
        LABEL
    }

    fn text_width(&self, text: &str) -> f32 {
        FONTS.width(text, Weight::Regular, LABEL) * WIDER
    }
}

/// The chart as an SVG element `width` by `height` units, filling its box (`class` on the
/// element).
pub fn image(chart: &Chart, width: f32, height: f32, class: &str) -> String {
    hearth_model::draw::svg::image(chart, width, height, class, &FontMeasure)
}

/// The font's advances for every character [`image`] may measure for `chart`: with them
/// the browser module draws the same image (a what-if chart, as its sliders move).
pub fn advances(chart: &Chart) -> Advances {
    let (units_per_em, chars, other) = FONTS.advances(&Advances::chars_of(chart), Weight::Regular);
    Advances {
        size: LABEL,
        units_per_em,
        wider: WIDER,
        chars,
        other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn svg(option: serde_json::Value) -> String {
        let chart = super::super::from_option(&option).expect("a chart");
        image(&chart, 720.0, 352.0, "c")
    }

    #[test]
    fn a_gap_in_a_line_makes_two_lines() {
        let s = svg(serde_json::json!({
            "xAxis": {"type": "category", "data": ["2020", "2021", "2022", "2023", "2024"]},
            "yAxis": {"type": "value"},
            "series": [{"type": "line", "name": "Rate", "data": [1, 2, null, 4, 5],
                        "lineStyle": {"color": "#0b5394", "type": "dashed"}}]
        }));
        let lines: Vec<&str> = s
            .split("<polyline ")
            .skip(1)
            .filter(|p| p.contains(r##"stroke="#0b5394""##))
            .collect();
        assert_eq!(lines.len(), 2, "{s}");
        assert!(lines.iter().all(|l| l.contains("stroke-dasharray=")));
        // Four markers (one a figure) and the key's swatch, all in the series' colour.
        assert_eq!(s.matches(r##"fill="#0b5394""##).count(), 5, "{s}");
        assert!(s.starts_with(r#"<svg class="c" viewBox="0 0 720 352" width="100%" height="100%" aria-hidden="true" focusable="false""#));
        assert!(!s.contains("style=") && !s.contains("<script"));
    }

    #[test]
    fn a_withheld_value_makes_no_bar() {
        let option = |data: serde_json::Value| {
            serde_json::json!({
                "xAxis": {"type": "category", "data": ["A", "B", "C"]},
                "yAxis": {"type": "value"},
                "series": [{"type": "bar", "name": "Children", "data": data,
                            "itemStyle": {"color": "#b45309"}}]
            })
        };
        let bars = |s: &str| s.matches(r##"fill="#b45309""##).count() - 1;
        assert_eq!(bars(&svg(option(serde_json::json!([3, 5, 8])))), 3);
        assert_eq!(bars(&svg(option(serde_json::json!([3, null, 8])))), 2);
    }

    #[test]
    fn bars_not_stacked_stand_side_by_side() {
        let s = svg(serde_json::json!({
            "xAxis": {"type": "value"},
            "yAxis": {"type": "category", "data": ["A"]},
            "series": [
                {"type": "bar", "name": "Places", "data": [10], "itemStyle": {"color": "#0b5394"}},
                {"type": "bar", "name": "Children", "data": [5], "itemStyle": {"color": "#b45309"}}
            ]
        }));
        let y = |colour: &str| {
            let at = s.find(&format!(r#"fill="{colour}""#)).expect("a bar");
            let rect = &s[s[..at].rfind("<rect").expect("a rect")..at];
            rect.split("y=\"")
                .nth(1)
                .and_then(|r| r.split('"').next())
                .map(str::to_string)
        };
        assert_ne!(y("#0b5394"), y("#b45309"), "{s}");
    }

    #[test]
    fn every_text_is_escaped() {
        let s = svg(serde_json::json!({
            "xAxis": {"type": "category", "data": ["<b>x</b>", "y & z"]},
            "yAxis": {"type": "value"},
            "series": [{"type": "line", "name": "\"/><script>alert(1)</script><text a='", "data": [1, 2]}]
        }));
        assert!(!s.contains("<script") && !s.contains("<b>"), "{s}");
        assert!(s.contains("&quot;/&gt;&lt;script&gt;alert(1)&lt;/script&gt;&lt;text a=&#39;"));
        assert!(s.contains("&lt;b&gt;x&lt;/b&gt;") && s.contains("y &amp; z"));
    }

    #[test]
    fn pies_and_sameness() {
        let option = serde_json::json!({"series": [{"type": "pie", "data": [
            {"name": "In house", "value": 3, "itemStyle": {"color": "#15803d"}},
            {"name": "Agency", "value": 1}
        ]}]});
        let s = svg(option.clone());
        assert_eq!(s.matches("<path ").count(), 2);
        assert!(s.contains(r##"fill="#15803d""##));
        assert_eq!(s, svg(option), "same option, same bytes");
        // A single slice is the whole pie.
        let one = svg(
            serde_json::json!({"series": [{"type": "pie", "data": [{"name": "All", "value": 2}]}]}),
        );
        assert_eq!(one.matches("<path ").count(), 1);
        assert_eq!(
            one.matches('A').count() - one.matches("All").count(),
            2,
            "{one}"
        );
    }

    #[test]
    fn the_advances_table_draws_the_same_image() {
        let options = [
            serde_json::json!({
                "xAxis": {"type": "category", "data": ["2024", "2025", "2026", "2027"]},
                "yAxis": {"type": "value"},
                "series": [
                    {"type": "line", "name": "Children who need a foster home", "data": [467.22, 476.5644, null, 505.7],
                     "lineStyle": {"color": "#0b5394", "type": "dotted", "width": 3}},
                    {"type": "bar", "name": "Homes", "data": [224.4, 222.585, 220.95, 219.48]}
                ]
            }),
            serde_json::json!({
                "xAxis": {"type": "value"},
                "yAxis": {"type": "category", "data": ["Residential children’s homes in the county and beyond", "Fostering (agency)", "Ω ünïcödé ✓"]},
                "series": [
                    {"type": "bar", "name": "Places", "stack": "a", "data": [10, -2.5, 0.042]},
                    {"type": "bar", "name": "Children – placed", "stack": "a", "data": [5, 3, 1e6]}
                ]
            }),
            serde_json::json!({"series": [{"type": "pie", "data": [
                {"name": "In house", "value": 3}, {"name": "Agency & other", "value": 1}
            ]}]}),
        ];
        for option in options {
            let chart = super::super::from_option(&option).expect("a chart");
            let table = advances(&chart);
            for (w, h) in [(360.0, 352.0), (720.0, 352.0), (720.0, 480.0)] {
                assert_eq!(
                    hearth_model::draw::svg::image(&chart, w, h, "c", &table),
                    image(&chart, w, h, "c"),
                    "{option}"
                );
            }
        }
    }
}

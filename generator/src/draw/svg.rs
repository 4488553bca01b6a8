//! A chart as an SVG image for the site's pages, drawn at build time from the page's own
//! ECharts option so that the chart is there at first paint, without JavaScript and in print
//! (`charts.js` puts the ECharts chart in its place once ECharts has loaded).
//!
//! The image is decoration beside the chart's text summary and data table: it is
//! `aria-hidden` and not focusable. Every text in it is escaped; it carries no script and no
//! `style` attribute (only presentation attributes, which the site's CSP allows). Positions
//! are written in whole units and widths with one decimal, so the same content gives the
//! same bytes.

use std::fmt::Write;
use std::sync::LazyLock;

use super::{Anchor, Canvas, Chart, Measure, Rgb};
use crate::pdf::fonts::{Fonts, Weight};

/// Label size in CSS pixels (the image is drawn at about one unit a pixel).
const LABEL: f32 = 12.0;
/// The page's type is wider than DejaVu Sans Condensed, whose advance widths place the
/// labels: widths are taken this much larger so labels do not collide.
const WIDER: f32 = 1.12;
/// The colour of axis labels, written once on the image rather than on every label.
const INK: Rgb = (60, 60, 60);

static FONTS: LazyLock<Fonts> = LazyLock::new(Fonts::load);

/// An SVG document being written.
struct Svg {
    out: String,
}

fn hex(c: Rgb) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// `text` escaped for SVG character data and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// A position or size in whole units ("-0" written "0"): about a pixel on screen. Whole units
/// also keep the image's coordinates from looking like the content's figures (a withheld
/// value must not appear in a page, even by chance: `generator/tests/market.rs`).
fn n(v: f32) -> Whole {
    Whole(v)
}

/// [`n`]'s figure: what `format!("{v:.0}")` writes (ties to even), but "0" for "-0", and for
/// numbers within `i32` written as an integer, without the float formatter (a chart writes
/// thousands of them, and `{:.0}` was a sixth of an SVG's making).
struct Whole(f32);

impl std::fmt::Display for Whole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = self.0.round_ties_even();
        if r.abs() < 2_147_483_648.0 {
            // In range, so the cast is exact; -0.0 becomes 0.
            write!(f, "{}", r as i32)
        } else {
            let s = format!("{:.0}", self.0);
            f.write_str(if s == "-0" { "0" } else { &s })
        }
    }
}

/// A line width or dash length, with one decimal.
fn w(v: f32) -> String {
    format!("{v:.1}")
}

impl Measure for Svg {
    fn label_size(&self) -> f32 {
        LABEL
    }

    fn text_width(&self, text: &str) -> f32 {
        FONTS.width(text, Weight::Regular, LABEL) * WIDER
    }
}

impl Canvas for Svg {
    fn text(&mut self, x: f32, y: f32, text: &str, colour: Rgb, anchor: Anchor) {
        if text.is_empty() {
            return;
        }
        let _ = write!(self.out, r#"<text x="{}" y="{}""#, n(x), n(y));
        if colour != INK {
            let _ = write!(self.out, r#" fill="{}""#, hex(colour));
        }
        match anchor {
            Anchor::Start => {}
            Anchor::Middle => self.out.push_str(r#" text-anchor="middle""#),
            Anchor::End => self.out.push_str(r#" text-anchor="end""#),
        }
        let _ = write!(self.out, ">{}</text>", escape(text));
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb) {
        let _ = write!(
            self.out,
            r#"<rect x="{}" y="{}" width="{}" height="{}" fill="{}"/>"#,
            n(x),
            n(y),
            n(w.max(0.1)),
            n(h.max(0.1)),
            hex(colour)
        );
    }

    fn polyline(&mut self, points: &[(f32, f32)], colour: Rgb, width: f32, dash: Option<&[f32]>) {
        if points.len() < 2 {
            return;
        }
        let pts: Vec<String> = points
            .iter()
            .map(|(x, y)| format!("{},{}", n(*x), n(*y)))
            .collect();
        let _ = write!(
            self.out,
            r#"<polyline points="{}" fill="none" stroke="{}" stroke-width="{}""#,
            pts.join(" "),
            hex(colour),
            w(width)
        );
        if let Some(d) = dash {
            let d: Vec<String> = d.iter().map(|v| w(*v)).collect();
            let _ = write!(self.out, r#" stroke-dasharray="{}""#, d.join(" "));
        }
        self.out.push_str("/>");
    }

    fn pie_slice(&mut self, cx: f32, cy: f32, r: f32, start: f64, sweep: f64, colour: Rgb) {
        let point = |a: f64| (cx + r * a.cos() as f32, cy + r * a.sin() as f32);
        let d = if sweep >= std::f64::consts::TAU - 1e-9 {
            // The whole pie: two half circles.
            let (x0, y0) = point(start);
            let (x1, y1) = point(start + std::f64::consts::PI);
            format!(
                "M{},{}A{},{} 0 1 1 {},{}A{},{} 0 1 1 {},{}Z",
                n(x0),
                n(y0),
                n(r),
                n(r),
                n(x1),
                n(y1),
                n(r),
                n(r),
                n(x0),
                n(y0)
            )
        } else {
            let (x0, y0) = point(start);
            let (x1, y1) = point(start + sweep);
            let large = u8::from(sweep > std::f64::consts::PI);
            format!(
                "M{},{}L{},{}A{},{} 0 {large} 1 {},{}Z",
                n(cx),
                n(cy),
                n(x0),
                n(y0),
                n(r),
                n(r),
                n(x1),
                n(y1)
            )
        };
        let _ = write!(
            self.out,
            r##"<path d="{d}" fill="{}" stroke="#ffffff" stroke-width="2"/>"##,
            hex(colour)
        );
    }
}

/// The chart as an SVG element `width` by `height` units, filling its box (`class` on the
/// element).
pub fn image(chart: &Chart, width: f32, height: f32, class: &str) -> String {
    let mut svg = Svg {
        out: format!(
            r#"<svg class="{}" viewBox="0 0 {} {}" width="100%" height="100%" aria-hidden="true" focusable="false" font-family="system-ui, sans-serif" font-size="{}" fill="{}">"#,
            escape(class),
            n(width),
            n(height),
            n(LABEL),
            hex(INK)
        ),
    };
    super::draw(&mut svg, chart, 0.0, 0.0, width, height);
    svg.out.push_str("</svg>");
    svg.out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The old way: the float formatter, "-0" written "0".
    fn by_formatter(v: f32) -> String {
        let s = format!("{v:.0}");
        if s == "-0" { "0".into() } else { s }
    }

    #[test]
    fn whole_units_are_written_as_the_float_formatter_wrote_them() {
        let mut values = vec![
            0.0,
            -0.0,
            0.5,
            -0.5,
            1.5,
            2.5,
            -2.5,
            0.49999997,
            0.50000006,
            -0.4,
            123.5,
            124.5,
            8388607.5,
            8388608.0,
            16777217.0,
            2147483520.0,
            2147483648.0,
            -2147483648.0,
            3.0e9,
            -3.0e9,
            1.0e30,
            f32::MAX,
            f32::MIN,
            f32::MIN_POSITIVE,
            f32::INFINITY,
            f32::NEG_INFINITY,
            f32::NAN,
        ];
        // Every tie from -1,000 to 1,000, and a spread of other values.
        values.extend((-2000..=2000).map(|i| i as f32 / 2.0));
        let mut x = 0x2545_F491_u32;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values.push(f32::from_bits(x));
            values.push((x % 100_000) as f32 / 37.0 - 1000.0);
        }
        for v in values {
            assert_eq!(n(v).to_string(), by_formatter(v), "{v:?}");
        }
    }

    fn svg(option: serde_json::Value) -> String {
        let chart = Chart::from_option(&option).expect("a chart");
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
}

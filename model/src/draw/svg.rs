//! A chart as an SVG image for the site's pages: drawn at build time from the page's own
//! ECharts option, so that the chart is there at first paint, without JavaScript and in print
//! (`charts.js` puts the ECharts chart in its place once ECharts has loaded), and drawn again
//! by the browser module while a what-if page's sliders move (`scenario.js`).
//!
//! The image is decoration beside the chart's text summary and data table: it is
//! `aria-hidden` and not focusable. Every text in it is escaped; it carries no script and no
//! `style` attribute (only presentation attributes, which the site's CSP allows). Positions
//! are written in whole units and widths with one decimal, so the same content gives the
//! same bytes. No number here goes through Rust's float formatter (which would add about
//! 10 KB to the browser module): [`crate::format::std_fixed`] writes the same text.

use std::fmt::Write;

use super::{Anchor, Canvas, Chart, Measure, Rgb};
use crate::format::std_fixed;

/// The colour of axis labels, written once on the image rather than on every label.
const INK: Rgb = (60, 60, 60);

/// An SVG document being written, its texts measured by `M`.
struct Svg<'m, M: Measure> {
    out: String,
    measure: &'m M,
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
/// numbers within `i32` written as an integer (a chart writes thousands of them).
struct Whole(f32);

impl std::fmt::Display for Whole {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let r = self.0.round_ties_even();
        if r.abs() < 2_147_483_648.0 {
            // In range, so the cast is exact; -0.0 becomes 0.
            write!(f, "{}", r as i32)
        } else {
            let s = std_fixed(f64::from(self.0), 0);
            f.write_str(if s == "-0" { "0" } else { &s })
        }
    }
}

/// A line width or dash length, with one decimal.
fn w(v: f32) -> String {
    std_fixed(f64::from(v), 1)
}

impl<M: Measure> Measure for Svg<'_, M> {
    fn label_size(&self) -> f32 {
        self.measure.label_size()
    }

    fn text_width(&self, text: &str) -> f32 {
        self.measure.text_width(text)
    }
}

impl<M: Measure> Canvas for Svg<'_, M> {
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
/// element), its texts measured by `measure` (whose label size is the image's type size).
pub fn image(
    chart: &Chart,
    width: f32,
    height: f32,
    class: &str,
    measure: &impl Measure,
) -> String {
    image_with::<true, _>(chart, width, height, class, measure)
}

/// [`image`] for an upright chart over categories without stacks, drawn with
/// [`super::draw_axes`]: the browser module's what-if charts, without the code that draws
/// pies, bars across and stacks (the same image as [`image`] for such a chart).
pub fn axes_image(
    chart: &Chart,
    width: f32,
    height: f32,
    class: &str,
    measure: &impl Measure,
) -> String {
    image_with::<false, _>(chart, width, height, class, measure)
}

fn image_with<const PIES: bool, M: Measure>(
    chart: &Chart,
    width: f32,
    height: f32,
    class: &str,
    measure: &M,
) -> String {
    let mut svg = Svg {
        out: format!(
            r#"<svg class="{}" viewBox="0 0 {} {}" width="100%" height="100%" aria-hidden="true" focusable="false" font-family="system-ui, sans-serif" font-size="{}" fill="{}">"#,
            escape(class),
            n(width),
            n(height),
            n(measure.label_size()),
            hex(INK)
        ),
        measure,
    };
    super::draw_chart::<PIES>(&mut svg, chart, 0.0, 0.0, width, height);
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
        // Past 2^108 (about 3e32 units; no chart comes near) `std_fixed` caps its figure.
        for v in values
            .into_iter()
            .filter(|v| v.is_nan() || v.abs() < 2f32.powi(100))
        {
            assert_eq!(n(v).to_string(), by_formatter(v), "{v:?}");
        }
    }

    #[test]
    fn widths_are_written_as_the_float_formatter_wrote_them() {
        let mut x = 0x2545_F491_u32;
        let mut values = vec![
            0.0f32, -0.0, 0.05, 0.15, 0.25, 0.35, 1.45, 2.5, 3.0, 0.8, 1.5, -1.25,
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values.push((x % 100_000) as f32 / 997.0);
            values.push(f32::from_bits(x));
        }
        for v in values
            .into_iter()
            .filter(|v| v.is_nan() || v.abs() < 2f32.powi(100))
        {
            assert_eq!(w(v), format!("{v:.1}"), "{v:?}");
        }
    }
}

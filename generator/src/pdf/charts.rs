//! The board pack's charts: the shared chart geometry ([`crate::draw`]) drawn with krilla onto
//! a PDF surface, labels in the bundled DejaVu Sans Condensed at 7.5 points.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point};
use krilla::num::NormalizedF32;
use krilla::paint::{Fill, Stroke, StrokeDash};
use krilla::surface::Surface;
use krilla::text::TextDirection;

pub use crate::draw::Chart;
use crate::draw::{Anchor, Canvas, Measure, Rgb};

use super::fonts::{Fonts, Weight};

const LABEL: f32 = 7.5;

impl Measure for Fonts {
    fn label_size(&self) -> f32 {
        LABEL
    }

    fn text_width(&self, text: &str) -> f32 {
        self.width(text, Weight::Regular, LABEL)
    }
}

/// A PDF page's surface as a chart canvas.
struct Pdf<'a, 'b> {
    s: &'a mut Surface<'b>,
    fonts: &'a Fonts,
}

fn fill(c: Rgb) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

fn stroke(c: Rgb, width: f32, dash: Option<&[f32]>) -> Stroke {
    Stroke {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        width,
        dash: dash.map(|a| StrokeDash {
            array: a.to_vec(),
            offset: 0.0,
        }),
        ..Default::default()
    }
}

impl Measure for Pdf<'_, '_> {
    fn label_size(&self) -> f32 {
        LABEL
    }

    fn text_width(&self, text: &str) -> f32 {
        self.fonts.text_width(text)
    }
}

impl Canvas for Pdf<'_, '_> {
    fn text(&mut self, x: f32, y: f32, t: &str, c: Rgb, anchor: Anchor) {
        let Some(font) = self.fonts.krilla_regular.clone() else {
            return;
        };
        let x = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - self.text_width(t) / 2.0,
            Anchor::End => x - self.text_width(t),
        };
        let (t, _) = self.fonts.cleaned(t, Weight::Regular);
        self.s.set_fill(Some(fill(c)));
        self.s.draw_text(
            Point::from_xy(x, y),
            font,
            LABEL,
            &t,
            false,
            TextDirection::Auto,
        );
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgb) {
        let Some(r) = krilla::geom::Rect::from_xywh(x, y, w.max(0.01), h.max(0.01)) else {
            return;
        };
        let mut pb = PathBuilder::new();
        pb.push_rect(r);
        if let Some(p) = pb.finish() {
            self.s.set_stroke(None);
            self.s.set_fill(Some(fill(c)));
            self.s.draw_path(&p);
        }
    }

    fn polyline(&mut self, pts: &[(f32, f32)], c: Rgb, width: f32, dash: Option<&[f32]>) {
        if pts.len() < 2 {
            return;
        }
        let mut pb = PathBuilder::new();
        pb.move_to(pts[0].0, pts[0].1);
        for p in &pts[1..] {
            pb.line_to(p.0, p.1);
        }
        if let Some(p) = pb.finish() {
            self.s.set_fill(None);
            self.s.set_stroke(Some(stroke(c, width, dash)));
            self.s.draw_path(&p);
            self.s.set_stroke(None);
        }
    }

    fn pie_slice(&mut self, cx: f32, cy: f32, r: f32, start: f64, sweep: f64, c: Rgb) {
        let mut pb = PathBuilder::new();
        pb.move_to(cx, cy);
        let steps = ((sweep / 0.05).ceil() as usize).max(2);
        for k in 0..=steps {
            let a = start + sweep * k as f64 / steps as f64;
            pb.line_to(cx + r * a.cos() as f32, cy + r * a.sin() as f32);
        }
        pb.close();
        if let Some(p) = pb.finish() {
            self.s.set_fill(Some(fill(c)));
            self.s.set_stroke(Some(stroke((255, 255, 255), 1.0, None)));
            self.s.draw_path(&p);
            self.s.set_stroke(None);
        }
    }
}

/// Draw the chart in the box at (x, y), `w` by `h` points (the key included).
pub fn draw(s: &mut Surface<'_>, fonts: &Fonts, chart: &Chart, x: f32, y: f32, w: f32, h: f32) {
    crate::draw::draw(&mut Pdf { s, fonts }, chart, x, y, w, h);
}

//! The board pack's fonts: DejaVu Sans Condensed, regular and bold, carried in the binary
//! (`site/fonts/`, with their licence). Widths come from the fonts' own advance widths.

use std::sync::Arc;

const REGULAR: &[u8] = include_bytes!("../../../site/fonts/DejaVuSansCondensed.ttf");
const BOLD: &[u8] = include_bytes!("../../../site/fonts/DejaVuSansCondensed-Bold.ttf");

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

pub struct Fonts {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    pub krilla_regular: Option<krilla::text::Font>,
    pub krilla_bold: Option<krilla::text::Font>,
}

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Fonts(DejaVu Sans Condensed)")
    }
}

impl Fonts {
    pub fn load() -> Fonts {
        // The fonts are part of the binary and known to parse; a failure would be a broken
        // build, caught by the tests.
        let face = |b: &'static [u8]| {
            ttf_parser::Face::parse(b, 0).unwrap_or_else(|_| unreachable!("bundled font"))
        };
        let krilla = |b: &'static [u8]| {
            let data: Arc<dyn AsRef<[u8]> + Send + Sync> = Arc::new(b);
            krilla::text::Font::new(data.into(), 0)
        };
        Fonts {
            regular: face(REGULAR),
            bold: face(BOLD),
            krilla_regular: krilla(REGULAR),
            krilla_bold: krilla(BOLD),
        }
    }

    fn face(&self, weight: Weight) -> &ttf_parser::Face<'static> {
        match weight {
            Weight::Regular => &self.regular,
            Weight::Bold => &self.bold,
        }
    }

    /// The width of `text` at `size` points.
    pub fn width(&self, text: &str, weight: Weight, size: f32) -> f32 {
        let face = self.face(weight);
        let units: u32 = text
            .chars()
            .map(|c| {
                face.glyph_index(c)
                    .and_then(|g| face.glyph_hor_advance(g))
                    .map_or(0, u32::from)
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// `text` with every character the font cannot show replaced by `?`, and how many were.
    pub fn cleaned(&self, text: &str, weight: Weight) -> (String, usize) {
        let face = self.face(weight);
        let mut missing = 0;
        let s = text
            .chars()
            .map(|c| {
                if c == '\n' || face.glyph_index(c).is_some() {
                    c
                } else if c.is_whitespace() {
                    ' '
                } else {
                    missing += 1;
                    '?'
                }
            })
            .collect();
        (s, missing)
    }
}

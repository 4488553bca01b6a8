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

/// Characters below this have their advance widths in a table ([`Fonts::width`] is called for
/// every label of every chart a site draws, and the font's own lookup is slow).
const TABLED: usize = 0x250;

pub struct Fonts {
    regular: ttf_parser::Face<'static>,
    bold: ttf_parser::Face<'static>,
    /// Advance widths of the characters below [`TABLED`], in font units (0 where the font has
    /// no glyph, as for the others), regular then bold.
    advances: [Box<[u16]>; 2],
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
        let (regular, bold) = (face(REGULAR), face(BOLD));
        let advances = [&regular, &bold].map(|f| (0..TABLED).map(|c| advance(f, c)).collect());
        Fonts {
            regular,
            bold,
            advances,
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
        let table = &self.advances[usize::from(weight == Weight::Bold)];
        let units: u32 = text
            .chars()
            .map(|c| match table.get(c as usize) {
                Some(&w) => u32::from(w),
                None => u32::from(char_advance(face, c)),
            })
            .sum();
        units as f32 * size / f32::from(face.units_per_em())
    }

    /// Font units per em, each of `chars`' advance (as [`Fonts::width`] sums them) and that of
    /// a character without a glyph: a table with which a text's width is worked out as
    /// [`Fonts::width`] works it out (`hearth_model::draw::Advances`).
    pub fn advances(&self, chars: &[char], weight: Weight) -> (u16, Vec<(char, u16)>, u16) {
        let face = self.face(weight);
        let table = &self.advances[usize::from(weight == Weight::Bold)];
        let one = |c: char| match table.get(c as usize) {
            Some(&w) => w,
            None => char_advance(face, c),
        };
        (
            face.units_per_em(),
            chars.iter().map(|&c| (c, one(c))).collect(),
            0,
        )
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

/// The advance width of `c` in `face`, in font units (0 without a glyph).
fn char_advance(face: &ttf_parser::Face<'_>, c: char) -> u16 {
    face.glyph_index(c)
        .and_then(|g| face.glyph_hor_advance(g))
        .unwrap_or(0)
}

/// [`char_advance`] of the character with code `c` (0 for a code that is no character).
fn advance(face: &ttf_parser::Face<'_>, c: usize) -> u16 {
    u32::try_from(c)
        .ok()
        .and_then(char::from_u32)
        .map_or(0, |c| char_advance(face, c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tabled_widths_are_the_fonts_own() {
        let fonts = Fonts::load();
        let text = "Northbrook: 1,234 children £56.7m — 2026/27 (é, ŵ, €, ✓)\u{0}";
        for weight in [Weight::Regular, Weight::Bold] {
            let face = fonts.face(weight);
            let units: u32 = text.chars().map(|c| u32::from(char_advance(face, c))).sum();
            let expected = units as f32 * 10.0 / f32::from(face.units_per_em());
            assert_eq!(fonts.width(text, weight, 10.0), expected, "{weight:?}");
        }
        assert!(fonts.width("W", Weight::Bold, 10.0) > fonts.width("W", Weight::Regular, 10.0));
    }
}

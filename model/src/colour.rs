//! Brand colours: hex parsing, WCAG 2 contrast ratios, the nearest shade that passes, and the
//! checks on `site.yaml` `branding.colours` (each pair of text and background colours the
//! theme draws must reach 4.5:1, WCAG 2.2 AA for normal text).

use crate::content::Site;
use crate::validate::{Issue, Place, SITE_FILE};

/// WCAG 2.2 AA for normal-size text.
pub const AA: f64 = 4.5;

/// The default theme's colours (site/static/css/hearth.css), used for any not given.
pub const DEFAULT_BRAND: Rgb = Rgb(0x0b, 0x3d, 0x63);
pub const DEFAULT_BRAND_TEXT: Rgb = Rgb(0xff, 0xff, 0xff);
pub const DEFAULT_LINK: Rgb = Rgb(0x0b, 0x4f, 0x8a);
pub const DEFAULT_FOCUS: Rgb = Rgb(0xff, 0xdd, 0x00);
/// The page background links sit on.
pub const WHITE: Rgb = Rgb(0xff, 0xff, 0xff);
/// The text colour drawn on the focus highlight (`--ink`).
pub const INK: Rgb = Rgb(0x1b, 0x1b, 0x1b);

/// An sRGB colour.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// `#0b3d63` or `#fff` (case-insensitive, surrounding spaces ignored).
    pub fn parse(text: &str) -> Option<Rgb> {
        let hex = text.trim().strip_prefix('#')?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let digit = |i: usize| u8::from_str_radix(&hex[i..=i], 16).ok();
        match hex.len() {
            3 => Some(Rgb(digit(0)? * 17, digit(1)? * 17, digit(2)? * 17)),
            6 => {
                let byte = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).ok();
                Some(Rgb(byte(0)?, byte(2)?, byte(4)?))
            }
            _ => None,
        }
    }

    /// `#0b3d63`.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }

    /// WCAG relative luminance, 0 (black) to 1 (white).
    pub fn luminance(self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(self.0) + 0.7152 * channel(self.1) + 0.0722 * channel(self.2)
    }

    /// This colour moved a fraction `t` (0 to 1) of the way towards `to`.
    pub fn mix(self, to: Rgb, t: f64) -> Rgb {
        let t = t.clamp(0.0, 1.0);
        let ch = |a: u8, b: u8| {
            let v = f64::from(a) + (f64::from(b) - f64::from(a)) * t;
            // Rounded and clamped to 0..=255, so the conversion is exact.
            v.round().clamp(0.0, 255.0) as u8
        };
        Rgb(ch(self.0, to.0), ch(self.1, to.1), ch(self.2, to.2))
    }
}

/// The WCAG contrast ratio of two colours, 1 to 21.
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    let (hi, lo) = if la > lb { (la, lb) } else { (lb, la) };
    (hi + 0.05) / (lo + 0.05)
}

/// A ratio as WCAG tools show it, cut (not rounded) to two decimals, so 4.499 reads 4.49:1.
pub fn ratio_text(r: f64) -> String {
    format!("{:.2}:1", (r * 100.0).floor() / 100.0)
}

/// The shade of `colour` nearest to it (mixed with black or with white, whichever needs less)
/// that reaches `min` against `other`. `None` only if neither black nor white does, which
/// cannot happen for `min` up to 4.5.
pub fn nearest_passing(colour: Rgb, other: Rgb, min: f64) -> Option<Rgb> {
    let towards = |target: Rgb| {
        (0..=200)
            .map(|step| colour.mix(target, f64::from(step) / 200.0))
            .find(|c| contrast(*c, other) >= min)
            .map(|c| (distance(colour, c), c))
    };
    let dark = towards(Rgb(0, 0, 0));
    let light = towards(WHITE);
    match (dark, light) {
        (Some(d), Some(l)) => Some(if l.0 < d.0 { l.1 } else { d.1 }),
        (Some((_, c)), None) | (None, Some((_, c))) => Some(c),
        (None, None) => None,
    }
}

fn distance(a: Rgb, b: Rgb) -> i32 {
    let d = |x: u8, y: u8| (i32::from(x) - i32::from(y)).abs();
    d(a.0, b.0) + d(a.1, b.1) + d(a.2, b.2)
}

/// The colours a site is drawn with: its `branding.colours`, defaults for the rest.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    pub brand: Rgb,
    pub brand_text: Rgb,
    pub link: Rgb,
    pub focus: Rgb,
}

impl Palette {
    /// The palette, if every colour given is a hex colour.
    pub fn of(site: &Site) -> Option<Palette> {
        let colours = &site.branding.colours;
        let pick = |given: &Option<String>, default: Rgb| match given {
            Some(text) => Rgb::parse(text),
            None => Some(default),
        };
        Some(Palette {
            brand: pick(&colours.brand, DEFAULT_BRAND)?,
            brand_text: pick(&colours.brand_text, DEFAULT_BRAND_TEXT)?,
            link: pick(&colours.link, DEFAULT_LINK)?,
            focus: pick(&colours.focus, DEFAULT_FOCUS)?,
        })
    }

    /// The navigation bar under the masthead: the brand colour moved away from its text
    /// colour, so the text contrasts with it at least as well as with the brand colour.
    pub fn brand_deep(self) -> Rgb {
        let away = if self.brand_text.luminance() > self.brand.luminance() {
            Rgb(0, 0, 0)
        } else {
            WHITE
        };
        self.brand.mix(away, 0.3)
    }

    /// The rule under the navigation: halfway between the brand colour and its text.
    pub fn brand_accent(self) -> Rgb {
        self.brand.mix(self.brand_text, 0.45)
    }
}

/// Check `branding.colours`: every value a hex colour, and every text and background pair the
/// theme draws at least 4.5:1. Pairs made only of defaults are not checked (they pass).
pub fn check(site: &Site) -> Vec<Issue> {
    let colours = &site.branding.colours;
    let mut issues = Vec::new();
    let fields = [
        ("brand", &colours.brand),
        ("brand_text", &colours.brand_text),
        ("link", &colours.link),
        ("focus", &colours.focus),
    ];
    for (name, value) in fields {
        if let Some(text) = value
            && Rgb::parse(text).is_none()
        {
            issues.push(
                Issue::error(
                    Place::new(SITE_FILE, format!("branding.colours.{name}")),
                    format!("`{}` is not a colour", text.chars().take(40).collect::<String>()),
                )
                .expected("a hex colour in quotes, such as \"#0b3d63\"")
                .hint("write the colour as # and six hex digits, in quotes (YAML reads an unquoted # as a comment)"),
            );
        }
    }
    let Some(p) = Palette::of(site) else {
        return issues;
    };
    // (text field, text, background field, background, what the pair is, field to blame)
    let given = |v: &Option<String>| v.is_some();
    if given(&colours.brand) || given(&colours.brand_text) {
        // Blame the colour that was given; when both were, the background.
        let blame_text = given(&colours.brand_text) && !given(&colours.brand);
        pair(
            &mut issues,
            Pair {
                what: "the masthead text (`brand_text`) on the brand colour (`brand`)",
                text: ("brand_text", p.brand_text),
                background: ("brand", p.brand),
                adjust_text: blame_text,
            },
        );
    }
    if given(&colours.link) {
        pair(
            &mut issues,
            Pair {
                what: "links (`link`) on the white page",
                text: ("link", p.link),
                background: ("white", WHITE),
                adjust_text: true,
            },
        );
    }
    if given(&colours.focus) {
        pair(
            &mut issues,
            Pair {
                what: "focused links (text #1b1b1b) on the focus highlight (`focus`)",
                text: ("#1b1b1b", INK),
                background: ("focus", p.focus),
                adjust_text: false,
            },
        );
    }
    issues
}

struct Pair {
    what: &'static str,
    text: (&'static str, Rgb),
    background: (&'static str, Rgb),
    /// Whether the text colour is the one to change (else the background).
    adjust_text: bool,
}

fn pair(issues: &mut Vec<Issue>, p: Pair) {
    let ratio = contrast(p.text.1, p.background.1);
    if ratio >= AA {
        return;
    }
    let ((field, colour), (_, other)) = if p.adjust_text {
        (p.text, p.background)
    } else {
        (p.background, p.text)
    };
    let hint = match nearest_passing(colour, other, AA) {
        Some(fix) => {
            let verb = if fix.luminance() < colour.luminance() {
                "darker"
            } else {
                "lighter"
            };
            format!(
                "the nearest {verb} shade that passes is `{field}: \"{}\"` ({})",
                fix.hex(),
                ratio_text(contrast(fix, other))
            )
        }
        None => format!("make `{field}` darker or lighter until the ratio reaches 4.5:1"),
    };
    issues.push(
        Issue::error(
            Place::new(SITE_FILE, format!("branding.colours.{field}")),
            format!(
                "the contrast of {} is {} ({} on {}), too low to read",
                p.what,
                ratio_text(ratio),
                p.text.1.hex(),
                p.background.1.hex()
            ),
        )
        .expected("a contrast ratio of at least 4.5:1 (WCAG 2.2 AA)")
        .hint(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rgb(s: &str) -> Rgb {
        Rgb::parse(s).unwrap_or_else(|| panic!("{s}"))
    }

    #[test]
    fn parses_hex() {
        assert_eq!(Rgb::parse("#0B3D63"), Some(Rgb(11, 61, 99)));
        assert_eq!(Rgb::parse(" #fff "), Some(WHITE));
        for bad in [
            "0b3d63",
            "#0b3d6",
            "#ggg",
            "blue",
            "#0b3d63ff",
            "#",
            "#+1+2+3",
        ] {
            assert_eq!(Rgb::parse(bad), None, "{bad}");
        }
        assert_eq!(rgb("#0b3d63").hex(), "#0b3d63");
    }

    #[test]
    fn contrast_matches_wcag_examples() {
        assert!((contrast(Rgb(0, 0, 0), WHITE) - 21.0).abs() < 1e-9);
        assert!((contrast(WHITE, WHITE) - 1.0).abs() < 1e-9);
        // #767676 on white is the well-known 4.54:1.
        assert_eq!(ratio_text(contrast(rgb("#767676"), WHITE)), "4.54:1");
        assert_eq!(ratio_text(4.499), "4.49:1");
        // The defaults pass.
        assert!(contrast(DEFAULT_BRAND_TEXT, DEFAULT_BRAND) >= AA);
        assert!(contrast(DEFAULT_LINK, WHITE) >= AA);
        assert!(contrast(INK, DEFAULT_FOCUS) >= AA);
    }

    #[test]
    fn nearest_passing_shade() {
        let fix = nearest_passing(rgb("#8a8a8a"), WHITE, AA);
        let fix = fix.unwrap_or(WHITE);
        assert!(contrast(fix, WHITE) >= AA);
        assert!(fix.luminance() < rgb("#8a8a8a").luminance());
        // A pale yellow under dark text lightens rather than darkens.
        let fix = nearest_passing(rgb("#807000"), INK, AA).unwrap_or(INK);
        assert!(contrast(fix, INK) >= AA);
        assert!(fix.luminance() > rgb("#807000").luminance());
    }

    fn site(
        brand: Option<&str>,
        text: Option<&str>,
        link: Option<&str>,
        focus: Option<&str>,
    ) -> Site {
        let mut s = Site::default();
        let c = &mut s.branding.colours;
        c.brand = brand.map(str::to_string);
        c.brand_text = text.map(str::to_string);
        c.link = link.map(str::to_string);
        c.focus = focus.map(str::to_string);
        s
    }

    #[test]
    fn checks_each_pair() {
        assert!(check(&site(None, None, None, None)).is_empty());
        assert!(
            check(&site(
                Some("#0b3d63"),
                Some("#fff"),
                Some("#0b4f8a"),
                Some("#ffdd00")
            ))
            .is_empty()
        );
        let issues = check(&site(
            Some("#7fb3d5"),
            None,
            Some("#66aaff"),
            Some("#333333"),
        ));
        let fields: Vec<&str> = issues.iter().map(|i| i.place.path.as_str()).collect();
        assert_eq!(
            fields,
            [
                "branding.colours.brand",
                "branding.colours.link",
                "branding.colours.focus"
            ]
        );
        assert!(
            issues[0].message.contains("masthead"),
            "{}",
            issues[0].message
        );
        assert!(issues[0].message.contains(":1"), "{}", issues[0].message);
        let hint = issues[1].hint.as_deref().unwrap_or("");
        assert!(
            hint.contains("darker shade") && hint.contains("link: \"#"),
            "{hint}"
        );
        // Only the text colour given: it is the one blamed.
        let issues = check(&site(None, Some("#336699"), None, None));
        assert_eq!(issues[0].place.path, "branding.colours.brand_text");
    }

    #[test]
    fn bad_colour_is_an_error() {
        let issues = check(&site(Some("navy"), None, None, None));
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].place.path, "branding.colours.brand");
        assert!(issues[0].message.contains("`navy` is not a colour"));
    }

    #[test]
    fn derived_shades_keep_contrast() {
        for (b, t) in [
            ("#0b3d63", "#ffffff"),
            ("#ffdd00", "#1b1b1b"),
            ("#00703c", "#ffffff"),
        ] {
            let p = Palette {
                brand: rgb(b),
                brand_text: rgb(t),
                link: DEFAULT_LINK,
                focus: DEFAULT_FOCUS,
            };
            assert!(contrast(p.brand_text, p.brand_deep()) >= contrast(p.brand_text, p.brand));
        }
    }
}

//! Figures as documents write them: a number with the places it is written with (`77.3`
//! beside `85`), an approximate one (`around 36%`, `close to 70%`, `less than half`), a limit
//! (`less than 10%`, `more than 270`, `at least 78%`) or a range (`9-10%`, `16-21`).
//!
//! A [`Figure`] keeps what the document says and no more: an approximate figure is never read
//! as an exact number ([`Figure::exact`] is `None` for it), and a figure is shown with the
//! places it was written with, never more.

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// A number and the decimal places it was written with (`77.3` has 1, `85` none, `85.0` 1).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Num {
    pub value: f64,
    pub decimals: u8,
}

impl Num {
    /// A number with the places its shortest form needs (`77.3` has 1, `85` none).
    pub fn of(value: f64) -> Num {
        Num {
            value,
            decimals: places_of(value),
        }
    }
}

/// The places the shortest form of `value` needs (at most 6).
fn places_of(value: f64) -> u8 {
    let text = format!("{value}");
    let places = text.split_once('.').map_or(0, |(_, f)| f.len());
    u8::try_from(places.min(6)).unwrap_or(6)
}

/// What a figure says about the number it stands for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// This number, as exact as it is written.
    Exact(Num),
    /// About this number: around, about, close to, nearly, roughly, a fraction in words.
    About(Num),
    /// Below this number (less than, fewer than, under, below) or, when `inclusive`, no more
    /// than it (at most, up to, no more than).
    Under { num: Num, inclusive: bool },
    /// Above this number (more than, over, above, exceeding) or, when `inclusive`, no less
    /// than it (at least, no fewer than).
    Over { num: Num, inclusive: bool },
    /// From the first number to the second (9-10%, 16 to 21, between 4 and 6).
    Range(Num, Num),
}

/// A figure as a document writes it. See the module documentation.
#[derive(Clone, Debug, PartialEq)]
pub struct Figure {
    pub amount: Amount,
    /// The words before the number, in lower case (`around`, `close to`, `less than`), if any.
    pub words: Option<String>,
    /// A share written in words or as a fraction (`half`, `two thirds`, `2/3rds`), as written:
    /// the figure stands for that share as a percentage, and is shown in these words.
    pub fraction: Option<String>,
    /// Whether the number was written with a `%` sign.
    pub percent: bool,
}

/// Why a text is not a figure: what is wrong, what was expected, and a hint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FigureError {
    pub message: String,
    pub expected: String,
    pub hint: String,
}

impl std::fmt::Display for FigureError {
    /// The message, then `expected:` and `hint:` lines, which the generator's YAML reader
    /// turns back into the parts of its error.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}\nexpected: {}\nhint: {}",
            self.message, self.expected, self.hint
        )
    }
}

/// How a hint says to withhold a figure in YAML (the CSV reader says it its own way).
pub const NO_FIGURE: &str =
    "remove `value:` and write `flag: x` (c = suppressed, x = not available, z = not applicable)";

/// What a figure may look like, for error messages.
pub const FIGURE_FORMS: &str = "a number such as 36, 77.3 or 1,234; or a figure as a document writes it: around 36%, close to 70%, less than 10%, more than 270, at least 78%, 9-10%, 16-21, less than half";

/// Words that make a figure approximate. Longer phrases first, so `close to` wins over `c`.
const ABOUT: &[&str] = &[
    "approximately",
    "an estimated",
    "just under",
    "just over",
    "closer to",
    "close to",
    "roughly",
    "around",
    "nearly",
    "almost",
    "approx.",
    "approx",
    "about",
    "circa",
    "some",
    "c.",
    "~",
];
/// Words for "below" (exclusive) and "at most" (inclusive).
const UNDER: &[(&str, bool)] = &[
    ("no more than", true),
    ("not more than", true),
    ("a maximum of", true),
    ("fewer than", false),
    ("lower than", false),
    ("less than", false),
    ("at most", true),
    ("up to", true),
    ("below", false),
    ("under", false),
    ("<=", true),
    ("≤", true),
    ("<", false),
];
/// Words for "above" (exclusive) and "at least" (inclusive).
const OVER: &[(&str, bool)] = &[
    ("no fewer than", true),
    ("not less than", true),
    ("no less than", true),
    ("a minimum of", true),
    ("in excess of", false),
    ("greater than", false),
    ("higher than", false),
    ("more than", false),
    ("exceeding", false),
    ("at least", true),
    ("above", false),
    ("over", false),
    (">=", true),
    ("≥", true),
    (">", false),
];
/// Shares written in words, and the percentage each stands for.
const SHARES: &[(&str, f64)] = &[
    ("three quarters", 75.0),
    ("two thirds", 200.0 / 3.0),
    ("one quarter", 25.0),
    ("a quarter", 25.0),
    ("one third", 100.0 / 3.0),
    ("a third", 100.0 / 3.0),
    ("one half", 50.0),
    ("a half", 50.0),
    ("half", 50.0),
];

impl Figure {
    /// An exact figure with the places its shortest form needs.
    pub fn exact(value: f64) -> Figure {
        Figure::of(Amount::Exact(Num::of(value)))
    }

    fn of(amount: Amount) -> Figure {
        Figure {
            amount,
            words: None,
            fraction: None,
            percent: false,
        }
    }

    /// The number, when the figure is an exact one; `None` for an approximate figure, a limit
    /// or a range, which must never be read as a number.
    pub fn number(&self) -> Option<f64> {
        match self.amount {
            Amount::Exact(n) => Some(n.value),
            _ => None,
        }
    }

    /// The exact number with its places, when the figure is an exact one.
    pub fn exact_num(&self) -> Option<Num> {
        match self.amount {
            Amount::Exact(n) => Some(n),
            _ => None,
        }
    }

    /// Every number the figure holds (one, or the two ends of a range).
    pub fn nums(&self) -> Vec<Num> {
        match self.amount {
            Amount::Exact(n)
            | Amount::About(n)
            | Amount::Under { num: n, .. }
            | Amount::Over { num: n, .. } => vec![n],
            Amount::Range(a, b) => vec![a, b],
        }
    }

    /// What the figure says in figures, as an interval: `None` for an approximate figure,
    /// which says no exact bounds.
    pub fn interval(&self) -> Option<Interval> {
        Some(match self.amount {
            Amount::Exact(n) => Interval::closed(n.value, n.value),
            Amount::About(_) => return None,
            Amount::Under { num, inclusive } => Interval {
                hi: num.value,
                hi_open: !inclusive,
                ..Interval::ALL
            },
            Amount::Over { num, inclusive } => Interval {
                lo: num.value,
                lo_open: !inclusive,
                ..Interval::ALL
            },
            Amount::Range(a, b) => Interval::closed(a.value, b.value),
        })
    }

    /// The figure as plain text that reads back as the same figure: `36`, `around 36%`,
    /// `less than half`, `9-10%`. Numbers have their places and no thousands separators.
    pub fn written(&self) -> String {
        let pc = if self.percent { "%" } else { "" };
        let n = |n: Num| format!("{}{pc}", crate::format::plain(n.value, n.decimals));
        let body = match (&self.fraction, self.amount) {
            (Some(words), _) => words.clone(),
            (None, Amount::Range(a, b)) => format!(
                "{}-{}{pc}",
                crate::format::plain(a.value, a.decimals),
                crate::format::plain(b.value, b.decimals)
            ),
            (None, Amount::Exact(x) | Amount::About(x)) => n(x),
            (None, Amount::Under { num, .. } | Amount::Over { num, .. }) => n(num),
        };
        match &self.words {
            Some(w) => format!("{w} {body}"),
            None => body,
        }
    }

    /// Read a figure from text. See the module documentation for what is read.
    pub fn parse(text: &str) -> Result<Figure, FigureError> {
        let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if squeezed.is_empty() {
            return Err(not_a_figure("the figure is empty".into()));
        }
        let lower = squeezed.to_lowercase();
        let (words, kind, rest) = qualifier(&squeezed, &lower);
        let rest_lower = rest.to_lowercase();
        // A share in words ("half", "two thirds") or as a fraction ("2/3rds").
        if let Some(share) = share(&rest_lower) {
            let num = Num {
                value: share,
                decimals: 0,
            };
            let amount = match kind {
                Kind::Under(inclusive) => Amount::Under { num, inclusive },
                Kind::Over(inclusive) => Amount::Over { num, inclusive },
                // A share in words is how documents round: it is approximate.
                Kind::Plain | Kind::About => Amount::About(num),
            };
            return Ok(Figure {
                amount,
                words,
                fraction: Some(rest.to_string()),
                percent: false,
            });
        }
        if let Some((a, b)) = range_ends(rest) {
            if kind != Kind::Plain {
                return Err(FigureError {
                    message: format!("\"{}\" has words before a range", text.trim()),
                    expected: "a range alone, such as 9-10% or 16-21".into(),
                    hint: "write the range without the words before it, and put them in the note"
                        .into(),
                });
            }
            let (lo, lo_pc) = number(a).map_err(|h| bad_number(text, h))?;
            let (hi, hi_pc) = number(b).map_err(|h| bad_number(text, h))?;
            if lo.value > hi.value {
                return Err(FigureError {
                    message: format!("the range \"{}\" runs downwards", text.trim()),
                    expected: "the lower number first, such as 9-10%".into(),
                    hint: format!(
                        "write it as {}-{}",
                        crate::format::plain(hi.value, hi.decimals),
                        crate::format::plain(lo.value, lo.decimals)
                    ),
                });
            }
            return Ok(Figure {
                amount: Amount::Range(lo, hi),
                words,
                fraction: None,
                percent: lo_pc || hi_pc,
            });
        }
        let (num, percent) = number(rest).map_err(|h| bad_number(text, h))?;
        let amount = match kind {
            Kind::Plain => Amount::Exact(num),
            Kind::About => Amount::About(num),
            Kind::Under(inclusive) => Amount::Under { num, inclusive },
            Kind::Over(inclusive) => Amount::Over { num, inclusive },
        };
        Ok(Figure {
            amount,
            words,
            fraction: None,
            percent,
        })
    }
}

impl std::fmt::Display for Figure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.written())
    }
}

impl From<f64> for Figure {
    fn from(value: f64) -> Figure {
        Figure::exact(value)
    }
}

/// A set of numbers from `lo` to `hi`, each end open or closed (infinite ends are open).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Interval {
    pub lo: f64,
    pub lo_open: bool,
    pub hi: f64,
    pub hi_open: bool,
}

impl Interval {
    pub const ALL: Interval = Interval {
        lo: f64::NEG_INFINITY,
        lo_open: true,
        hi: f64::INFINITY,
        hi_open: true,
    };

    pub fn closed(lo: f64, hi: f64) -> Interval {
        Interval {
            lo,
            lo_open: false,
            hi,
            hi_open: false,
        }
    }

    /// Every number of `self` is in `other`.
    pub fn within(&self, other: &Interval) -> bool {
        let lo_ok = self.lo > other.lo || (self.lo == other.lo && (self.lo_open || !other.lo_open));
        let hi_ok = self.hi < other.hi || (self.hi == other.hi && (self.hi_open || !other.hi_open));
        lo_ok && hi_ok
    }

    /// No number is in both.
    pub fn apart(&self, other: &Interval) -> bool {
        let below = self.hi < other.lo || (self.hi == other.lo && (self.hi_open || other.lo_open));
        let above = other.hi < self.lo || (other.hi == self.lo && (other.hi_open || self.lo_open));
        below || above
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Plain,
    About,
    Under(bool),
    Over(bool),
}

/// The words before the number, if they are ones a figure may start with: (the words in
/// lower case, what they mean, the rest of the text).
fn qualifier<'t>(text: &'t str, lower: &str) -> (Option<String>, Kind, &'t str) {
    let starts = |phrase: &str| -> Option<&'t str> {
        let rest = lower.strip_prefix(phrase)?;
        // A word must end at a space; a sign (`<`, `~`) or `c.` may touch the number.
        let word_like = phrase.chars().last().is_some_and(char::is_alphabetic);
        if word_like && !rest.is_empty() && !rest.starts_with(' ') {
            return None;
        }
        text.get(text.len() - rest.len()..).map(str::trim_start)
    };
    fn signs(p: &str) -> &str {
        match p {
            "<" => "less than",
            "<=" | "≤" => "at most",
            ">" => "more than",
            ">=" | "≥" => "at least",
            "~" => "around",
            other => other,
        }
    }
    let mut found: Option<(&str, Kind, &'t str)> = None;
    let mut consider = |phrase: &'static str, kind: Kind| {
        if let Some(rest) = starts(phrase)
            && found.is_none_or(|(p, _, _)| phrase.len() > p.len())
        {
            found = Some((phrase, kind, rest));
        }
    };
    for p in ABOUT {
        consider(p, Kind::About);
    }
    for (p, inclusive) in UNDER {
        consider(p, Kind::Under(*inclusive));
    }
    for (p, inclusive) in OVER {
        consider(p, Kind::Over(*inclusive));
    }
    match found {
        Some((phrase, kind, rest)) => (Some(signs(phrase).to_string()), kind, rest),
        None => (None, Kind::Plain, text),
    }
}

/// The percentage a share in words or a fraction (`2/3`, `2/3rds`) stands for.
fn share(text: &str) -> Option<f64> {
    if let Some((_, v)) = SHARES.iter().find(|(w, _)| *w == text) {
        return Some(*v);
    }
    let (top, bottom) = text.split_once('/')?;
    let bottom = bottom.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let top: u32 = top.trim().parse().ok()?;
    let bottom: u32 = bottom.trim().parse().ok()?;
    (bottom > 0 && top <= bottom).then(|| 100.0 * f64::from(top) / f64::from(bottom))
}

/// The two ends of a range (`9-10%`, `9–10`, `9 to 10`, `between 9 and 10`), if the text is
/// one. A leading minus sign is not a dash.
fn range_ends(text: &str) -> Option<(&str, &str)> {
    let lower = text.to_lowercase();
    if let Some(rest) = lower.strip_prefix("between ") {
        let at = rest.find(" and ")?;
        let start = text.len() - rest.len();
        return Some((&text[start..start + at], &text[start + at + 5..]));
    }
    if let Some(at) = lower.find(" to ") {
        return Some((&text[..at], &text[at + 4..]));
    }
    for (i, c) in text.char_indices() {
        if matches!(c, '-' | '–' | '—') && i > 0 {
            let before = text[..i].trim_end();
            if before.ends_with(|b: char| b.is_ascii_digit() || b == '%') {
                return Some((before, text[i + c.len_utf8()..].trim_start()));
            }
        }
    }
    None
}

/// A number as documents write it (`1234`, `1,234.5`, `-3`, `.5`, `12.5%`): the number with
/// its places, and whether it had a `%` sign; or a hint saying how to write it.
/// A number written in digits with an optional sign, thousands commas (`1,234`) and decimal
/// point: its value and how many decimal places it was written with. `None` for anything else
/// (spaces, misplaced commas, words). The one rule for figures in YAML and cells read from CSV.
pub fn parse_grouped(t: &str) -> Option<(f64, usize)> {
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let (whole, fraction) = match body.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (body, None),
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let grouped = |s: &str| {
        let mut groups = s.split(',');
        let first = groups.next().unwrap_or("");
        (1..=3).contains(&first.len()) && digits(first) && groups.all(|g| g.len() == 3 && digits(g))
    };
    let whole_ok = digits(whole)
        || (whole.contains(',') && grouped(whole))
        || (whole.is_empty() && fraction.is_some());
    if !(whole_ok && fraction.is_none_or(digits)) {
        return None;
    }
    let plain: String = t.chars().filter(|c| *c != ',').collect();
    let v = plain.parse::<f64>().ok().filter(|v| v.is_finite())?;
    Some((v, fraction.map_or(0, str::len)))
}

fn number(text: &str) -> Result<(Num, bool), String> {
    let t = text.trim();
    let (t, percent) = match t.strip_suffix('%') {
        Some(rest) => (rest.trim_end(), true),
        None => (t, false),
    };
    if t.starts_with(['£', '$', '€']) || t.starts_with("-£") {
        return Err(format!(
            "write amounts without the currency sign ({}): the measure's `unit:` says they are money",
            t.replace(['£', '$', '€'], "")
        ));
    }
    if let Some((v, places)) = parse_grouped(t) {
        let decimals = u8::try_from(places.min(6)).unwrap_or(6);
        return Ok((Num { value: v, decimals }, percent));
    }
    let body = t.strip_prefix(['-', '+']).unwrap_or(t);
    let fraction = body.split_once('.').map(|(_, f)| f);
    Err(if !body.chars().any(|c| c.is_ascii_digit()) {
        format!("write a number such as 40, in digits; if there is no figure, {NO_FIGURE}")
    } else if body.contains(' ') || body.contains('\u{a0}') {
        "remove the spaces inside the number, and put any other words in the note".to_string()
    } else if body.contains(',') && fraction.is_none() {
        "write decimals with a point (12.5); commas may only separate thousands (1,234)".to_string()
    } else {
        format!(
            "write a number such as 40; if there is no figure, {NO_FIGURE}; put other words in the note"
        )
    })
}

fn not_a_figure(message: String) -> FigureError {
    FigureError {
        message,
        expected: FIGURE_FORMS.into(),
        hint: format!("if there is no figure, {NO_FIGURE}"),
    }
}

fn bad_number(text: &str, hint: String) -> FigureError {
    FigureError {
        message: format!("\"{}\" is not a figure", text.trim()),
        expected: FIGURE_FORMS.into(),
        hint,
    }
}

impl Serialize for Figure {
    /// An exact figure as a number, any other as the text it reads back from.
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.amount {
            Amount::Exact(n) if self.fraction.is_none() && !self.percent => {
                s.serialize_f64(n.value)
            }
            _ => s.serialize_str(&self.written()),
        }
    }
}

impl<'de> Deserialize<'de> for Figure {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Figure, D::Error> {
        struct FigureVisitor;
        impl Visitor<'_> for FigureVisitor {
            type Value = Figure;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(FIGURE_FORMS)
            }
            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Figure, E> {
                if !v.is_finite() {
                    return Err(E::custom(FigureError {
                        message: "the value is not a finite number".into(),
                        expected: "a number such as 45 or 12.5".into(),
                        hint: "write the number itself; `.nan` and `.inf` are not figures".into(),
                    }));
                }
                // A whole number read as a decimal was written with a point (`85.0`).
                let decimals = places_of(v).max(u8::from(v.fract() == 0.0));
                Ok(Figure::of(Amount::Exact(Num { value: v, decimals })))
            }
            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Figure, E> {
                Ok(Figure::of(Amount::Exact(Num {
                    value: v as f64,
                    decimals: 0,
                })))
            }
            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Figure, E> {
                Ok(Figure::of(Amount::Exact(Num {
                    value: v as f64,
                    decimals: 0,
                })))
            }
            fn visit_str<E: de::Error>(self, v: &str) -> Result<Figure, E> {
                Figure::parse(v).map_err(E::custom)
            }
        }
        d.deserialize_any(FigureVisitor)
    }
}

/// The JSON Schema of a figure (`hearth schema`): a number, or text such as `around 36%`.
#[cfg(feature = "schema")]
impl schemars::JsonSchema for Figure {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Figure".into()
    }

    fn schema_id() -> std::borrow::Cow<'static, str> {
        "hearth_model::Figure".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A number (77.3, 85), or a figure as a document writes it: around 36%, close to 70%, less than 10%, more than 270, at least 78%, a range such as 9-10% or 16-21, less than half.",
            "anyOf": [
                { "type": "number" },
                { "type": "string" }
            ]
        })
    }
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Figure {
        Figure::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    fn n(value: f64, decimals: u8) -> Num {
        Num { value, decimals }
    }

    #[test]
    fn numbers_keep_their_places() {
        assert_eq!(parse("77.3").amount, Amount::Exact(n(77.3, 1)));
        assert_eq!(parse("85").amount, Amount::Exact(n(85.0, 0)));
        assert_eq!(parse("85.0").amount, Amount::Exact(n(85.0, 1)));
        assert_eq!(parse("1,234.50").amount, Amount::Exact(n(1234.5, 2)));
        let pc = parse("36%");
        assert!(pc.percent);
        assert_eq!(pc.number(), Some(36.0));
        assert_eq!(Num::of(77.3).decimals, 1);
        assert_eq!(Num::of(85.0).decimals, 0);
    }

    #[test]
    fn approximate_figures_are_not_numbers() {
        for (text, words) in [
            ("around 36%", "around"),
            ("Close to 70%", "close to"),
            ("closer to 66%", "closer to"),
            ("about 120", "about"),
            ("~5", "around"),
        ] {
            let f = parse(text);
            assert!(matches!(f.amount, Amount::About(_)), "{text}");
            assert_eq!(f.number(), None, "{text}");
            assert_eq!(f.interval(), None, "{text}");
            assert_eq!(f.words.as_deref(), Some(words));
        }
        // A word that only starts like a qualifier is not one.
        assert!(Figure::parse("overall 5").is_err());
    }

    #[test]
    fn limits_and_shares() {
        let f = parse("less than half");
        assert_eq!(
            f.amount,
            Amount::Under {
                num: n(50.0, 0),
                inclusive: false
            }
        );
        assert_eq!(f.fraction.as_deref(), Some("half"));
        assert_eq!(f.written(), "less than half");
        let f = parse("at least 78%");
        assert_eq!(
            f.amount,
            Amount::Over {
                num: n(78.0, 0),
                inclusive: true
            }
        );
        assert_eq!(f.written(), "at least 78%");
        let f = parse("more than 270");
        assert_eq!(f.interval().unwrap().lo, 270.0);
        assert!(f.interval().unwrap().lo_open);
        assert!(matches!(parse("2/3rds").amount, Amount::About(_)));
        assert!(matches!(parse("<5").amount, Amount::Under { .. }));
        assert_eq!(parse("<5").written(), "less than 5");
    }

    #[test]
    fn ranges() {
        for text in [
            "9-10%",
            "9 - 10%",
            "9–10%",
            "9% to 10%",
            "between 9 and 10%",
        ] {
            let f = parse(text);
            assert_eq!(f.amount, Amount::Range(n(9.0, 0), n(10.0, 0)), "{text}");
            assert!(f.percent, "{text}");
            assert_eq!(f.written(), "9-10%", "{text}");
        }
        assert_eq!(parse("16-21").amount, Amount::Range(n(16.0, 0), n(21.0, 0)));
        assert_eq!(parse("-5-10").amount, Amount::Range(n(-5.0, 0), n(10.0, 0)));
        assert_eq!(parse("-5").amount, Amount::Exact(n(-5.0, 0)));
        assert!(Figure::parse("10-9").unwrap_err().hint.contains("9-10"));
        assert!(Figure::parse("around 9-10%").is_err());
    }

    #[test]
    fn every_form_reads_back_from_its_written_text() {
        for text in [
            "77.3",
            "85.0",
            "around 36%",
            "less than half",
            "9-10%",
            "16-21",
            "more than 270",
            "at most 4.5",
            "two thirds",
            "close to 70%",
        ] {
            let f = parse(text);
            assert_eq!(parse(&f.written()), f, "{text}");
        }
    }

    #[test]
    fn what_is_not_a_figure_says_how_to_write_one() {
        for (text, hint) in [
            ("n/a", "flag: x"),
            ("forty", "flag: x"),
            ("£4,500", "currency sign"),
            ("12,5", "decimals with a point"),
            ("1 234", "spaces"),
        ] {
            let e = Figure::parse(text).unwrap_err();
            assert!(e.message.contains("is not a figure"), "{text}: {e}");
            assert!(e.hint.contains(hint), "{text}: {e}");
            assert!(e.expected.contains("around 36%"), "{text}: {e}");
        }
        assert!(Figure::parse("  ").is_err());
    }

    #[test]
    fn intervals() {
        let a = Interval::closed(9.0, 10.0);
        let below_ten = parse("less than 10").interval().unwrap();
        let at_most_ten = parse("at most 10").interval().unwrap();
        assert!(a.within(&at_most_ten));
        assert!(!a.within(&below_ten));
        assert!(!a.apart(&below_ten));
        assert!(Interval::closed(10.0, 10.0).apart(&below_ten));
        assert!(Interval::closed(11.0, 12.0).apart(&at_most_ten));
    }

    #[test]
    fn yaml_numbers_and_text() {
        let f: Figure = serde_yaml::from_str("85.0").unwrap();
        assert_eq!(f.amount, Amount::Exact(n(85.0, 1)));
        let f: Figure = serde_yaml::from_str("85").unwrap();
        assert_eq!(f.amount, Amount::Exact(n(85.0, 0)));
        let f: Figure = serde_yaml::from_str("77.3").unwrap();
        assert_eq!(f.amount, Amount::Exact(n(77.3, 1)));
        let f: Figure = serde_yaml::from_str("around 36%").unwrap();
        assert_eq!(f.written(), "around 36%");
        assert!(serde_yaml::from_str::<Figure>(".nan").is_err());
    }
}

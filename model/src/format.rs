//! Formatting numbers for readers: thousands separators, units, fixed decimals.
//! Shared by the generator (HTML, CSV) and the browser module, so both show the same text.

use crate::content::{Amount, Figure, Num, Unit};

/// `1234.5` with 1 decimal -> `1,234.5`. Negative zero prints as `0`.
pub fn number(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return "–".to_string();
    }
    let text = fixed(value.abs(), decimals.min(6));
    let (int_part, frac_part) = match text.split_once('.') {
        Some((i, f)) => (i, Some(f)),
        None => (text.as_str(), None),
    };
    let mut grouped = String::with_capacity(text.len() + 4);
    let digits = int_part.len();
    for (i, ch) in int_part.chars().enumerate() {
        if i > 0 && (digits - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(ch);
    }
    if let Some(f) = frac_part {
        grouped.push('.');
        grouped.push_str(f);
    }
    let is_zero = grouped.chars().all(|c| matches!(c, '0' | ',' | '.'));
    if value < 0.0 && !is_zero {
        format!("-{grouped}")
    } else {
        grouped
    }
}

/// `value` with exactly `decimals` (at most 6) places, as `format!("{:.*}", decimals, value)`
/// writes it (`-` before any negative value, `-0` included; `NaN`, `inf`, `-inf`), without
/// Rust's float formatter: for the charts the browser module draws. Past 2^108 (about 3e32)
/// the figure is capped as [`fixed`] caps it.
pub fn std_fixed(value: f64, decimals: u8) -> String {
    if value.is_nan() {
        return "NaN".to_string();
    }
    let body = if value.is_infinite() {
        "inf".to_string()
    } else {
        fixed(value.abs(), decimals.min(6))
    };
    if value.is_sign_negative() {
        format!("-{body}")
    } else {
        body
    }
}

/// A finite `value >= 0` with exactly `decimals` (at most 6) places, rounded half to even on
/// the value's exact binary expansion: the same text as `format!("{:.*}", decimals, value)`,
/// without Rust's float formatter (which would add about 10 KB to the browser module).
/// Values of 2^108 (about 3e32) and more print as the largest multiple of 10^decimals under
/// 2^128, far beyond any figure a council publishes.
fn fixed(value: f64, decimals: u8) -> String {
    let p = 10u128.pow(u32::from(decimals));
    let bits = value.to_bits();
    let exp = ((bits >> 52) & 0x7ff) as i32;
    let frac = u128::from(bits & ((1u64 << 52) - 1));
    let (mant, e) = if exp == 0 {
        (frac, -1074)
    } else {
        (frac | 1 << 52, exp - 1075)
    };
    // `value` = mant * 2^e; scaled = round(value * 10^decimals).
    let scaled = if e >= 0 {
        if e > 54 {
            u128::MAX / p * p
        } else {
            (mant << e) * p
        }
    } else if e < -120 {
        // Under 2^-67: rounds to zero at six places, never a tie.
        0
    } else {
        let shift = (-e) as u32;
        let n = mant * p;
        let k = n >> shift;
        let rest = n - (k << shift);
        let half = 1u128 << (shift - 1);
        if rest > half || (rest == half && k % 2 == 1) {
            k + 1
        } else {
            k
        }
    };
    let mut digits = decimal(scaled / p);
    if decimals > 0 {
        digits.push('.');
        let f = decimal(scaled % p);
        for _ in f.len()..usize::from(decimals) {
            digits.push('0');
        }
        digits.push_str(&f);
    }
    digits
}

/// The decimal digits of `n`.
fn decimal(mut n: u128) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'0' + (n % 10) as u8);
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.reverse();
    out.into_iter().map(char::from).collect()
}

/// A value with its unit, as a reader sees it: `78%`, `48.6 per 10,000`, `£1,200 a week`.
pub fn value(value: f64, unit: Unit, decimals: u8) -> String {
    let n = number(value, decimals);
    match unit {
        Unit::Count | Unit::Ratio => n,
        Unit::Percent => format!("{n}%"),
        Unit::RatePer10000 => format!("{n} per 10,000"),
        Unit::Weeks => plural(value, n, "week", "weeks"),
        Unit::Months => plural(value, n, "month", "months"),
        Unit::Years => plural(value, n, "year", "years"),
        Unit::GbpPerWeek => format!("£{n} a week"),
        Unit::Gbp => format!("£{n}"),
    }
}

/// A range with its unit, as a reader sees it: `9–10%`, `16–21 years`, `£4,000–£4,500 a
/// week`. Each end has its own places.
pub fn range(lower: f64, upper: f64, unit: Unit, lower_places: u8, upper_places: u8) -> String {
    let a = number(lower, lower_places);
    let b = number(upper, upper_places);
    match unit {
        Unit::Count | Unit::Ratio => format!("{a}–{b}"),
        Unit::Percent => format!("{a}–{b}%"),
        Unit::RatePer10000 => format!("{a}–{b} per 10,000"),
        Unit::Weeks => format!("{a}–{b} weeks"),
        Unit::Months => format!("{a}–{b} months"),
        Unit::Years => format!("{a}–{b} years"),
        Unit::GbpPerWeek => format!("£{a}–£{b} a week"),
        Unit::Gbp => format!("£{a}–£{b}"),
    }
}

/// A figure as a reader sees it, with its unit and the places it was written with (no more
/// than `most`, a measure's `decimals`): `77.3%`, `85%`, `around 36%`, `less than half`,
/// `9–10%`, `more than 270`.
pub fn figure(f: &Figure, unit: Unit, most: Option<u8>) -> String {
    let places = |n: Num| most.map_or(n.decimals, |m| n.decimals.min(m));
    let body = match (&f.fraction, f.amount) {
        (Some(words), _) => words.clone(),
        (None, Amount::Range(a, b)) => range(a.value, b.value, unit, places(a), places(b)),
        (
            None,
            Amount::Exact(n)
            | Amount::About(n)
            | Amount::Under { num: n, .. }
            | Amount::Over { num: n, .. },
        ) => value(n.value, unit, places(n)),
    };
    match &f.words {
        Some(w) => format!("{w} {body}"),
        None => body,
    }
}

/// A figure as plain text for CSV files: its numbers with their places (no more than
/// `most`), without separators or units, and its words: `77.3`, `around 36`, `9-10`,
/// `less than half`.
pub fn plain_figure(f: &Figure, most: Option<u8>) -> String {
    let places = |n: Num| most.map_or(n.decimals, |m| n.decimals.min(m));
    let body = match (&f.fraction, f.amount) {
        (Some(words), _) => words.clone(),
        (None, Amount::Range(a, b)) => {
            format!(
                "{}-{}",
                plain(a.value, places(a)),
                plain(b.value, places(b))
            )
        }
        (
            None,
            Amount::Exact(n)
            | Amount::About(n)
            | Amount::Under { num: n, .. }
            | Amount::Over { num: n, .. },
        ) => plain(n.value, places(n)),
    };
    match &f.words {
        Some(w) => format!("{w} {body}"),
        None => body,
    }
}

fn plural(value: f64, n: String, one: &str, many: &str) -> String {
    if (value - 1.0).abs() < f64::EPSILON {
        format!("{n} {one}")
    } else {
        format!("{n} {many}")
    }
}

/// A plain number for CSV and JSON: no separators, the given decimals, trailing zeros kept.
pub fn plain(value: f64, decimals: u8) -> String {
    if !value.is_finite() {
        return String::new();
    }
    let mut text = fixed(value.abs(), decimals.min(6));
    if value.is_sign_negative() {
        text.insert(0, '-');
    }
    if text.starts_with('-') && text[1..].chars().all(|c| c == '0' || c == '.') {
        text[1..].to_string()
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fixed_places_agree_with_rusts_formatter() {
        let mut values = vec![
            0.0,
            0.5,
            1.5,
            2.5,
            0.125,
            0.375,
            2.675,
            1.005,
            0.05,
            0.25,
            0.35,
            1e-7,
            5e-7,
            4.9e-7,
            9.9999995,
            123_456_789.123_456_79,
            1e15,
            4503599627370497.0,
            9007199254740993.0,
            1e21,
            1e22,
            3.3e30,
            f64::MIN_POSITIVE,
            5e-324,
            0.1,
            0.2,
            0.3,
            999.9995,
            1234.5,
        ];
        // A deterministic spread of awkward values.
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let v = f64::from_bits(x >> 2);
            if v.is_finite() && v < 1e30 {
                values.push(v);
            }
            values.push((x % 2_000_000) as f64 / 1000.0);
            values.push((x % 20_000) as f64 / 8.0);
        }
        for v in values {
            for d in 0..=6u8 {
                assert_eq!(
                    fixed(v, d),
                    format!("{:.*}", usize::from(d), v),
                    "{v:e} at {d} places"
                );
            }
        }
        assert_eq!(plain(-0.0001, 2), "0.00");
        assert_eq!(plain(-1.5, 1), "-1.5");
    }

    #[test]
    fn groups_thousands() {
        assert_eq!(number(706155.0, 0), "706,155");
        assert_eq!(number(1234.56, 1), "1,234.6");
        assert_eq!(number(999.0, 0), "999");
        assert_eq!(number(1000.0, 0), "1,000");
        assert_eq!(number(-1234567.0, 0), "-1,234,567");
        assert_eq!(number(-0.01, 1), "0.0");
        assert_eq!(number(f64::NAN, 0), "–");
    }

    #[test]
    fn units() {
        assert_eq!(value(78.0, Unit::Percent, 0), "78%");
        assert_eq!(value(48.6, Unit::RatePer10000, 1), "48.6 per 10,000");
        assert_eq!(value(1.0, Unit::Weeks, 0), "1 week");
        assert_eq!(value(75.0, Unit::Weeks, 0), "75 weeks");
        assert_eq!(value(4500.0, Unit::GbpPerWeek, 0), "£4,500 a week");
        assert_eq!(value(7.1, Unit::Months, 1), "7.1 months");
    }

    #[test]
    fn figures_keep_their_places_and_words() {
        let f = |t: &str| Figure::parse(t).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(figure(&f("77.3"), Unit::Percent, None), "77.3%");
        assert_eq!(figure(&f("85"), Unit::Percent, Some(1)), "85%");
        assert_eq!(figure(&f("7.25"), Unit::Months, Some(1)), "7.2 months");
        assert_eq!(figure(&f("around 36%"), Unit::Percent, None), "around 36%");
        assert_eq!(
            figure(&f("less than half"), Unit::Percent, None),
            "less than half"
        );
        assert_eq!(figure(&f("9-10%"), Unit::Percent, None), "9–10%");
        assert_eq!(figure(&f("16-21"), Unit::Years, None), "16–21 years");
        assert_eq!(figure(&f("4-6"), Unit::Weeks, None), "4–6 weeks");
        assert_eq!(
            figure(&f("4000-4500"), Unit::GbpPerWeek, None),
            "£4,000–£4,500 a week"
        );
        assert_eq!(
            figure(&f("more than 270"), Unit::Count, None),
            "more than 270"
        );
        assert_eq!(plain_figure(&f("around 36%"), None), "around 36");
        assert_eq!(plain_figure(&f("9.5-10%"), None), "9.5-10");
        assert_eq!(plain_figure(&f("85.0"), None), "85.0");
        assert_eq!(plain_figure(&f("85.0"), Some(0)), "85");
    }

    #[test]
    fn plain_numbers() {
        assert_eq!(plain(48.6, 1), "48.6");
        assert_eq!(plain(1234.0, 0), "1234");
        assert_eq!(plain(-0.0, 1), "0.0");
        assert_eq!(plain(f64::INFINITY, 1), "");
    }
}

/// A date as readers write it: `1 December 2020`.
pub fn date_long(d: crate::period::Date) -> String {
    let month = crate::period::MONTH_NAMES
        .get(usize::from(d.month).saturating_sub(1))
        .copied()
        .unwrap_or("");
    format!("{} {month} {}", d.day, d.year)
}

#[cfg(test)]
mod date_tests {
    use super::*;

    #[test]
    fn long_dates() {
        let d = crate::period::Date::new(2020, 12, 1)
            .unwrap_or_else(|| crate::period::Date::from_days(0));
        assert_eq!(date_long(d), "1 December 2020");
    }
}

/// A figure with a free-text unit, as scenarios write them: `%` attaches (`12%`), a leading
/// `£` goes before the number (`£1,200 a week`, `£2.5m`), anything else follows after a space
/// (`270 households`).
pub fn quantity(value: f64, decimals: u8, unit: Option<&str>) -> String {
    let n = number(value, decimals);
    let (sign, digits) = match n.strip_prefix('-') {
        Some(d) => ("-", d),
        None => ("", n.as_str()),
    };
    match unit.map(str::trim) {
        None | Some("") => n.clone(),
        Some("%") => format!("{n}%"),
        Some(u) if u.starts_with('£') => {
            let rest = u.trim_start_matches('£').trim();
            if rest.is_empty() {
                format!("{sign}£{digits}")
            } else if rest.len() <= 2 && rest.chars().all(|c| c.is_ascii_alphabetic()) {
                format!("{sign}£{digits}{rest}")
            } else {
                format!("{sign}£{digits} {rest}")
            }
        }
        Some(u) => format!("{n} {u}"),
    }
}

/// One sentence on how a forecast series moves: `Fostering households: 272 in 2024, 283 in
/// 2030 (up 11).`
pub fn series_change(
    label: &str,
    unit: Option<&str>,
    decimals: u8,
    from: (i32, f64),
    to: (i32, f64),
) -> String {
    let step = 10f64.powi(-i32::from(decimals.min(6)));
    let diff = to.1 - from.1;
    let change = if !diff.is_finite() {
        String::new()
    } else if diff.abs() < step / 2.0 {
        " (no change)".to_string()
    } else if diff > 0.0 {
        format!(" (up {})", quantity(diff, decimals, unit))
    } else {
        format!(" (down {})", quantity(-diff, decimals, unit))
    };
    format!(
        "{label}: {} in {}, {} in {}{change}.",
        quantity(from.1, decimals, unit),
        from.0,
        quantity(to.1, decimals, unit),
        to.0
    )
}

#[cfg(test)]
mod quantity_tests {
    use super::*;

    #[test]
    fn units_attach_as_readers_expect() {
        assert_eq!(quantity(1234.0, 0, None), "1,234");
        assert_eq!(quantity(12.26, 1, Some("%")), "12.3%");
        assert_eq!(quantity(1200.0, 0, Some("£ a week")), "£1,200 a week");
        assert_eq!(quantity(-1200.0, 0, Some("£")), "-£1,200");
        assert_eq!(quantity(270.0, 0, Some("households")), "270 households");
        assert_eq!(
            series_change("Households", None, 0, (2024, 272.0), (2030, 283.4)),
            "Households: 272 in 2024, 283 in 2030 (up 11)."
        );
        assert_eq!(
            series_change("Cost", Some("£m"), 1, (2024, 10.0), (2030, 9.0)),
            "Cost: £10.0m in 2024, £9.0m in 2030 (down £1.0m)."
        );
        assert_eq!(
            series_change("Flat", None, 0, (2024, 5.0), (2030, 5.2)),
            "Flat: 5 in 2024, 5 in 2030 (no change)."
        );
    }
}

//! Parsing: text to a [`Shape`], one form at a time.
//!
//! Each function returns `Err(reason)`, a short phrase that `Period::parse` wraps in a
//! `PeriodError` with the whole text. Forms that can be read more than one way add a
//! [`PeriodNote`] saying how they were read ([`note_for`]).

use std::ops::RangeInclusive;

use super::span::{Part, Season, Shape, Stretch, Unit, financial_year_label, month_name};
use super::{Date, MAX_YEAR, MIN_YEAR, MONTH_NAMES, PeriodNote};

/// Parses whitespace-normalised text: `Ongoing`, `By ...`, `<unit> onwards`, a range, several
/// years written as one (`2012-14`, `2020/24`), or one unit. A full stop at the end is
/// ignored (`Ongoing.`).
pub(super) fn parse_shape(text: &str, notes: &mut Vec<PeriodNote>) -> Result<Shape, String> {
    let text = text.strip_suffix('.').map_or(text, str::trim_end);
    if text.is_empty() {
        return Err("it is empty".to_owned());
    }
    if text.eq_ignore_ascii_case("ongoing") {
        return Ok(Shape::Ongoing);
    }
    if let Some(rest) = strip_prefix_ignore_ascii_case(text, "by ") {
        return parse_deadline(rest, notes);
    }
    if let Some(first) = strip_suffix_ignore_ascii_case(text, " onwards") {
        return parse_unit(first, notes).map(Shape::OpenRange);
    }
    match separators(text).as_slice() {
        [] => parse_single(text, notes),
        [(sep_start, sep_end)] => {
            let first = text.get(..*sep_start).unwrap_or_default().trim();
            let last = text.get(*sep_end..).unwrap_or_default().trim();
            parse_range(first, last, notes)
        }
        _ => Err(
            "it has more than one range separator, but a range has one start and one end"
                .to_owned(),
        ),
    }
}

/// `By 31 March 2025`, `By end of April 2015`: a deadline is a day, or the end of a stretch.
/// `By March 2025` could mean its first day or its last, so it is refused.
pub(super) fn parse_deadline(rest: &str, notes: &mut Vec<PeriodNote>) -> Result<Shape, String> {
    let unit = parse_unit(rest, notes)?;
    match unit {
        Unit::Day(_) | Unit::EndOf(_) => Ok(Shape::By(unit)),
        _ => {
            let last = unit.end();
            let day = format!("By {} {} {}", last.day, month_name(last.month), last.year);
            Err(match Stretch::of(unit) {
                Some(_) => format!(
                    "\"by {rest}\" could mean its start or its end; write By end of {} or {day}",
                    unit.short_label()
                ),
                None => format!("\"by\" needs a day or \"end of\", such as {day}"),
            })
        }
    }
}

/// One period that is not a range as written, though it may name several years: `2012-14`
/// and `2010-2015` (years), `2020/24` (financial years), or one unit.
pub(super) fn parse_single(text: &str, notes: &mut Vec<PeriodNote>) -> Result<Shape, String> {
    match several_years(text, notes) {
        Some(shape) => shape,
        None => parse_unit(text, notes).map(Shape::Single),
    }
}

/// `2012-14` or `2010-2015` (the years 2012 to 2014, 2010 to 2015), `2020/24` or `2020/2024`
/// (the financial years 2020/21 to 2023/24): `None` if `text` is not written this way, so
/// another form may read it (`2024-25` and `2024/25` are one financial year, `2009-11` is
/// November 2009).
pub(super) fn several_years(
    text: &str,
    notes: &mut Vec<PeriodNote>,
) -> Option<Result<Shape, String>> {
    let word = text.replace(['–', '—'], "-");
    let (first, second, slash) = match (word.split_once('/'), word.split_once('-')) {
        (Some((first, second)), None) => (first, second, true),
        (None, Some((first, second))) => (first, second, false),
        _ => return None,
    };
    let year = i32::try_from(digits(first, 4..=4)?).ok()?;
    let two_digits = second.len() == 2;
    let end = match second.len() {
        2 => year - year.rem_euclid(100) + i32::try_from(digits(second, 2..=2)?).ok()?,
        4 => i32::try_from(digits(second, 4..=4)?).ok()?,
        _ => return None,
    };
    // `2009-11` is November 2009 (with a note), as it always was.
    let month = !slash && two_digits && (1..=12).contains(&end.rem_euclid(100));
    if end <= year + 1 || month {
        return None;
    }
    let (year, end) = match (parse_year(first), parse_year(&end.to_string())) {
        (Ok(year), Ok(end)) => (year, end),
        (Err(reason), _) | (_, Err(reason)) => return Some(Err(reason)),
    };
    let written = text;
    if slash {
        notes.push(PeriodNote {
            message: format!(
                "read `{written}` as the financial years {} to {} (April {year} to March {end})",
                financial_year_label(year),
                financial_year_label(end - 1)
            ),
            hint: format!(
                "write `{} to {}` to say so, or `{year} to {end}` for calendar years",
                financial_year_label(year),
                financial_year_label(end - 1)
            ),
        });
        Some(Ok(Shape::Range(
            Unit::FinancialYear(year),
            Unit::FinancialYear(end - 1),
        )))
    } else {
        if two_digits {
            notes.push(PeriodNote {
                message: format!("read `{written}` as the years {year} to {end}"),
                hint: format!(
                    "write `{year} to {end}` to say so, or `{} to {}` for financial years",
                    financial_year_label(year),
                    financial_year_label(end - 1)
                ),
            });
        }
        Some(Ok(Shape::Range(Unit::Year(year), Unit::Year(end))))
    }
}

/// Parses the two sides of a range.
pub(super) fn parse_range(
    first: &str,
    last: &str,
    notes: &mut Vec<PeriodNote>,
) -> Result<Shape, String> {
    if first.is_empty() {
        return Err("the range has no start".to_owned());
    }
    if last.is_empty() {
        return Err("the range has no end".to_owned());
    }
    if first.eq_ignore_ascii_case("ongoing") {
        return Err("a range cannot start with Ongoing".to_owned());
    }
    if last.eq_ignore_ascii_case("ongoing") {
        return parse_unit(first, notes).map(Shape::OpenRange);
    }
    // The end is read first (a start without a year borrows its year), but the notes keep
    // the order of the text.
    let mut last_notes = Vec::new();
    let last = parse_unit(last, &mut last_notes)?;
    let first = match parse_unit(first, notes) {
        Ok(unit) => unit,
        // `Sept - Dec 2018`: the first part may take its year from the second.
        Err(_) if !has_four_digits(first) => borrow_year(first, last)?,
        Err(reason) => return Err(reason),
    };
    notes.append(&mut last_notes);
    if last.end() < first.start() {
        return Err("the range ends before it starts".to_owned());
    }
    Ok(Shape::Range(first, last))
}

/// Reads a year-less `first` (`Sept`, `31 March`, `Q3`, `Winter`) in the year that `last`
/// starts in, or the year before if that would put `first` after the start of `last`.
pub(super) fn borrow_year(first: &str, last: Unit) -> Result<Unit, String> {
    let year = last.start().year;
    let guess = parse_unit(&format!("{first} {year}"), &mut Vec::new())?;
    if guess.start() > last.start()
        && let Ok(earlier) = parse_unit(
            &format!("{first} {}", year.saturating_sub(1)),
            &mut Vec::new(),
        )
    {
        return Ok(earlier);
    }
    Ok(guess)
}

/// Byte ranges of the range separators in `text` (see the module docs for the rules).
pub(super) fn separators(text: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |k: Option<usize>| k.and_then(|k| chars.get(k)).map(|&(_, c)| c);
    let mut found = Vec::new();
    for (k, &(at, c)) in chars.iter().enumerate() {
        let prev = char_at(k.checked_sub(1));
        let next = char_at(k.checked_add(1));
        let after = at + c.len_utf8();
        let spaced = prev == Some(' ') || next == Some(' ');
        let digit = |c: Option<char>| c.is_some_and(|c| c.is_ascii_digit());
        let end = match c {
            '–' | '—' if !(digit(prev) && digit(next)) => Some(after),
            '-' if spaced || joins_names(text, at, after) => Some(after),
            ' ' if text
                .get(at..at + 4)
                .is_some_and(|word| word.eq_ignore_ascii_case(" to ")) =>
            {
                Some(at + 4)
            }
            _ => None,
        };
        if let Some(end) = end {
            found.push((at, end));
        }
    }
    found
}

/// Whether `c` is a letter: an ASCII letter, or a non-ASCII character that is not
/// punctuation or a space (as search sees words; no Unicode tables in the browser module).
fn is_letter(c: char) -> bool {
    c.is_ascii_alphabetic() || (!c.is_ascii() && crate::search::is_word_char(c))
}

/// Whether the hyphen at `at..after` sits directly between two month or season names
/// (`Sept-Dec`), so it can only mean a range.
pub(super) fn joins_names(text: &str, at: usize, after: usize) -> bool {
    let before = text.get(..at).unwrap_or_default();
    let before = before
        .rsplit(|c: char| !is_letter(c))
        .next()
        .unwrap_or_default();
    let behind = text.get(after..).unwrap_or_default();
    let behind = behind
        .split(|c: char| !is_letter(c))
        .next()
        .unwrap_or_default();
    let is_name = |w: &str| month_from_word(w).is_some() || Season::from_word(w).is_some();
    is_name(before) && is_name(behind)
}

/// Parses one unit (not a range): `end of` and a unit, or one to three words. A form that can
/// be read more than one way adds a note.
pub(super) fn parse_unit(written: &str, notes: &mut Vec<PeriodNote>) -> Result<Unit, String> {
    // Only dashes with a digit either side reach here (`2024–25`): read them as hyphens.
    let text = written.replace(['–', '—'], "-");
    if let Some(rest) = strip_prefix_ignore_ascii_case(&text, "the end of ")
        .or_else(|| strip_prefix_ignore_ascii_case(&text, "end of "))
    {
        let unit = parse_unit(rest, notes)?;
        return Stretch::of(unit).map(Unit::EndOf).ok_or_else(|| {
            "\"end of\" needs a year, financial year, quarter, season or month, such as end of \
             March 2025"
                .to_owned()
        });
    }
    let words: Vec<&str> = text.split(' ').collect();
    let unit = match words.as_slice() {
        [word] => parse_one_word(word),
        [first, second] => parse_two_words(first, second),
        [first, second, third] => parse_three_words(first, second, third),
        _ => Err("too many words for one period".to_owned()),
    }?;
    notes.extend(note_for(written, unit));
    Ok(unit)
}

/// `2024`, `2024/25`, `31/03/2024`, `31.03.2024`, `31.12.14`, `2024-25`, `2024-03`,
/// `2024-Q3`, `2024-03-31`, `Aug-12`, `mid-2024`.
pub(super) fn parse_one_word(word: &str) -> Result<Unit, String> {
    let dotted: Vec<&str> = word.split('.').collect();
    if let [day, month, year] = dotted.as_slice() {
        return uk_date(day, month, year, '.');
    }
    let slashed: Vec<&str> = word.split('/').collect();
    let hyphened: Vec<&str> = word.split('-').collect();
    match (slashed.as_slice(), hyphened.as_slice()) {
        ([_], [_]) => parse_bare_word(word),
        ([first, second], [_]) => financial_year(first, second),
        ([day, month, year], [_]) => uk_date(day, month, year, '/'),
        ([_], [first, second]) => year_hyphen(first, second),
        ([_], [year, month, day]) => iso_date(year, month, day),
        _ => Err(not_a_period(word)),
    }
}

/// A word with no `/` or `-`: a year, or a name that lacks its year.
pub(super) fn parse_bare_word(word: &str) -> Result<Unit, String> {
    if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
        return parse_year(word).map(Unit::Year);
    }
    if let Some(quarter) = parse_quarter(word) {
        quarter?;
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2024",
            word.to_ascii_uppercase()
        ));
    }
    if let Some(season) = Season::from_word(word) {
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2020",
            season.name()
        ));
    }
    if let Some(month) = month_from_word(word) {
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2021",
            month_name(month)
        ));
    }
    if let Some(part) = Part::from_word(word) {
        return Err(format!(
            "\"{word}\" needs a year, such as {} 2023",
            part.name()
        ));
    }
    if word.eq_ignore_ascii_case("ongoing") {
        return Err("Ongoing can only stand alone or end a range".to_owned());
    }
    Err(not_a_period(word))
}

/// `2024/25`, `2024/2025` or `2024/5`: the second year must follow the first.
pub(super) fn financial_year(first: &str, second: &str) -> Result<Unit, String> {
    let year = parse_year(first)?;
    let next = year + 1;
    let consecutive = match second.len() {
        1 => digits(second, 1..=1).map(|n| i64::from(n) == i64::from(next % 10)),
        2 => digits(second, 2..=2).map(|n| i64::from(n) == i64::from(next % 100)),
        4 => digits(second, 4..=4).map(|n| i64::from(n) == i64::from(next)),
        _ => None,
    };
    match consecutive {
        Some(true) => Ok(Unit::FinancialYear(year)),
        Some(false) => {
            let mut reason = format!(
                "a financial year must span consecutive years, such as {}",
                financial_year_label(year)
            );
            if let Some(later) = digits(second, 4..=4).filter(|&n| i64::from(n) > i64::from(next)) {
                reason.push_str(&format!("; for several years write {year} to {later}"));
            }
            Err(reason)
        }
        None => Err(format!(
            "\"{second}\" is not the end of a financial year; write {} or {year}/{next}",
            financial_year_label(year)
        )),
    }
}

/// `2024-25` (financial year), `2024-2025` (financial year), `2024-03` (month), `2024-Q3` or
/// `Q3-2024` (quarter), `Aug-12` or `Aug-2012` (month), `mid-2024` (part of a year). See the
/// module docs for the `YYYY-NN` rule.
pub(super) fn year_hyphen(first: &str, second: &str) -> Result<Unit, String> {
    if let Some(month) = month_from_word(first) {
        let year = match digits(second, 2..=2) {
            Some(two) => two_digit_year(two),
            None => parse_year(second)?,
        };
        return Ok(Unit::Month(year, month));
    }
    if let Some(part) = Part::from_word(first) {
        return Ok(Unit::Part(parse_year(second)?, part));
    }
    if let Some(quarter) = parse_quarter(second) {
        let year = parse_year(first)?;
        return Ok(Unit::Quarter(year, quarter?));
    }
    if let Some(quarter) = parse_quarter(first) {
        let year = parse_year(second)?;
        return Ok(Unit::Quarter(year, quarter?));
    }
    if second.len() == 4 {
        return financial_year(first, second);
    }
    let year = parse_year(first)?;
    let Some(number) = digits(second, 2..=2) else {
        return Err(format!(
            "\"{first}-{second}\" is not a month or financial year; write months as {year}-03 \
             and financial years as {year}-{:02}",
            (year + 1) % 100
        ));
    };
    if i64::from(number) == i64::from((year + 1) % 100) {
        Ok(Unit::FinancialYear(year))
    } else if let Some(month) = u8::try_from(number).ok().filter(|m| (1..=12).contains(m)) {
        Ok(Unit::Month(year, month))
    } else if i64::from(number) > i64::from(year.rem_euclid(100) + 1) {
        // Alone, `2012-14` is the years 2012 to 2014 (`several_years`); not as one end.
        Err(format!(
            "\"{first}-{second}\" names several years, so it cannot be one end of a range"
        ))
    } else {
        Err(format!(
            "\"{second}\" is neither a month, 01 to 12, nor the end of the financial year {}",
            financial_year_label(year)
        ))
    }
}

/// `2024-03-31`: strictly four, two and two digits.
pub(super) fn iso_date(year: &str, month: &str, day: &str) -> Result<Unit, String> {
    match (
        digits(year, 4..=4),
        digits(month, 2..=2),
        digits(day, 2..=2),
    ) {
        (Some(_), Some(month), Some(day)) => make_date(parse_year(year)?, month, day),
        _ => Err(format!(
            "\"{year}-{month}-{day}\" is not a date; write dates as 2024-03-31"
        )),
    }
}

/// `31/03/2024`, `1/3/2024`, `31.03.2024` or `31.03.24`: day, month, year (the UK order),
/// with `/` or `.` between. A two-digit year is read as in [`two_digit_year`].
pub(super) fn uk_date(day: &str, month: &str, year: &str, between: char) -> Result<Unit, String> {
    let full_year = match year.len() {
        2 => digits(year, 2..=2).map(|two| Ok(two_digit_year(two))),
        4 => digits(year, 4..=4).map(|_| parse_year(year)),
        _ => None,
    };
    match (digits(day, 1..=2), digits(month, 1..=2), full_year) {
        (Some(day), Some(month), Some(year)) => make_date(year?, month, day),
        _ => Err(format!(
            "\"{day}{between}{month}{between}{year}\" is not a date; write dates as \
             31{between}03{between}2024, day first"
        )),
    }
}

/// A two-digit year: `70` to `99` are 1970 to 1999, `00` to `69` are 2000 to 2069. A note
/// says which was read.
pub(super) fn two_digit_year(two: u32) -> i32 {
    let two = i32::try_from(two % 100).unwrap_or(0);
    if two >= 70 { 1900 + two } else { 2000 + two }
}

/// `Spring 2020`, `Winter 2020/21`, `March 2021`, `Q3 2024`, `2024 Q3`.
pub(super) fn parse_two_words(first: &str, second: &str) -> Result<Unit, String> {
    if let Some(quarter) = parse_quarter(first) {
        let quarter = quarter?;
        if second.contains(['/', '-']) {
            return Err(format!(
                "quarters of financial years are not supported; write the calendar quarter, \
                 such as Q{quarter} 2024"
            ));
        }
        return Ok(Unit::Quarter(parse_year(second)?, quarter));
    }
    if let Some(quarter) = parse_quarter(second) {
        let year = parse_year(first)?;
        return Ok(Unit::Quarter(year, quarter?));
    }
    if let Some(part) = Part::from_word(first) {
        return Ok(Unit::Part(parse_year(second)?, part));
    }
    if let Some(season) = Season::from_word(first) {
        // `Winter 2020/21` (or 2020-21) names both years of a winter.
        if let Ok(Unit::FinancialYear(year)) = parse_one_word(second) {
            return if season == Season::Winter {
                Ok(Unit::Season(year, season))
            } else {
                Err(format!(
                    "{} falls within one year, so write {} {year}",
                    season.name(),
                    season.name()
                ))
            };
        }
        return Ok(Unit::Season(parse_year(second)?, season));
    }
    if let Some(month) = month_from_word(first) {
        return Ok(Unit::Month(parse_year(second)?, month));
    }
    if parse_day(first).is_some() && month_from_word(second).is_some() {
        return Err(format!(
            "\"{first} {second}\" needs a year, such as {first} {second} 2024"
        ));
    }
    if !second.is_empty() && second.bytes().all(|b| b.is_ascii_digit()) {
        return Err(unknown_word(first));
    }
    Err(not_a_period(&format!("{first} {second}")))
}

/// `31 March 2024`, `31st Mar 2024`, `summer of 2024`, `March of 2024`.
pub(super) fn parse_three_words(first: &str, second: &str, third: &str) -> Result<Unit, String> {
    if second.eq_ignore_ascii_case("of")
        && (Season::from_word(first).is_some() || month_from_word(first).is_some())
    {
        return parse_two_words(first, third);
    }
    if let (Some(day), Some(month)) = (parse_day(first), month_from_word(second)) {
        return make_date(parse_year(third)?, u32::from(month), u32::from(day));
    }
    if month_from_word(first).is_some() && parse_day(second).is_some() {
        return Err("write the day before the month, such as 31 March 2024".to_owned());
    }
    if parse_day(first).is_some() && !third.is_empty() && third.bytes().all(|b| b.is_ascii_digit())
    {
        return Err(unknown_word(second));
    }
    Err(not_a_period(&format!("{first} {second} {third}")))
}

/// A day that exists, or the reason it does not.
pub(super) fn make_date(year: i32, month: u32, day: u32) -> Result<Unit, String> {
    let Some(month) = u8::try_from(month).ok().filter(|m| (1..=12).contains(m)) else {
        return Err(format!("there is no month {month}"));
    };
    u8::try_from(day)
        .ok()
        .and_then(|day| Date::new(year, month, day))
        .map(Unit::Day)
        .ok_or_else(|| {
            format!(
                "{day} {name} {year} is not a real date, as {name} {year} has {} days",
                Date::last_day_of_month(year, month),
                name = month_name(month)
            )
        })
}

/// A four-digit year within `MIN_YEAR..=MAX_YEAR`.
pub(super) fn parse_year(word: &str) -> Result<i32, String> {
    let Some(year) = digits(word, 4..=4).and_then(|n| i32::try_from(n).ok()) else {
        return Err(format!(
            "\"{word}\" is not a year; years have four digits, such as 2024"
        ));
    };
    if (MIN_YEAR..=MAX_YEAR).contains(&year) {
        Ok(year)
    } else {
        Err(format!(
            "the year {year} is outside {MIN_YEAR} to {MAX_YEAR}"
        ))
    }
}

/// `None` if `word` is not shaped like a quarter (`Q` and digits); otherwise the quarter 1 to
/// 4, or why it is not one (`Q5`).
pub(super) fn parse_quarter(word: &str) -> Option<Result<u8, String>> {
    let number = digits(word.strip_prefix(['q', 'Q'])?, 1..=2)?;
    Some(match u8::try_from(number) {
        Ok(quarter @ 1..=4) => Ok(quarter),
        _ => Err(format!("quarter \"{word}\" must be Q1, Q2, Q3 or Q4")),
    })
}

/// `31`, `31st`, `1st`, `2nd`, `3rd`, `4th` (the number is checked later, with the month).
pub(super) fn parse_day(word: &str) -> Option<u8> {
    let lower = word.to_ascii_lowercase();
    let lower = lower.strip_suffix(',').unwrap_or(&lower);
    let number = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|suffix| lower.strip_suffix(*suffix))
        .unwrap_or(lower);
    digits(number, 1..=2).and_then(|n| u8::try_from(n).ok())
}

/// A month from its name or three-letter abbreviation (or `Sept`), in any case, allowing a
/// trailing `.` or `,` (`Sept.`, `March,`).
pub(super) fn month_from_word(word: &str) -> Option<u8> {
    let word = word
        .strip_suffix(['.', ','])
        .unwrap_or(word)
        .to_ascii_lowercase();
    if word == "sept" {
        return Some(9);
    }
    MONTH_NAMES.iter().zip(1..).find_map(|(name, number)| {
        let name = name.to_ascii_lowercase();
        let matches = word == name || (word.len() == 3 && name.starts_with(&word));
        matches.then_some(number)
    })
}

/// The value of `word` if it is all ASCII digits, with a length in `lengths` (at most 9).
pub(super) fn digits(word: &str, lengths: RangeInclusive<usize>) -> Option<u32> {
    if lengths.contains(&word.len()) && word.len() <= 9 && word.bytes().all(|b| b.is_ascii_digit())
    {
        word.parse().ok()
    } else {
        None
    }
}

/// Whether `text` contains a run of exactly four ASCII digits (a year, written out).
pub(super) fn has_four_digits(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_digit())
        .any(|run| run.len() == 4)
}

/// `text` without `prefix`, compared ignoring ASCII case.
pub(super) fn strip_prefix_ignore_ascii_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    text.get(..prefix.len())
        .filter(|head| head.eq_ignore_ascii_case(prefix))
        .and_then(|_| text.get(prefix.len()..))
}

/// `text` without `suffix`, compared ignoring ASCII case.
pub(super) fn strip_suffix_ignore_ascii_case<'a>(text: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = text.len().checked_sub(suffix.len())?;
    text.get(cut..)
        .filter(|tail| tail.eq_ignore_ascii_case(suffix))
        .and_then(|_| text.get(..cut))
}

/// The reason for a word that looks like a month or season name followed by a year.
pub(super) fn unknown_word(word: &str) -> String {
    let lower = word.to_ascii_lowercase();
    let seasons = ["spring", "summer", "autumn", "fall", "winter"];
    if seasons.iter().any(|season| lower.starts_with(season)) {
        format!("unknown season \"{word}\"")
    } else if MONTH_NAMES.iter().any(|name| {
        lower.starts_with(
            &name
                .to_ascii_lowercase()
                .chars()
                .take(3)
                .collect::<String>(),
        )
    }) {
        format!("unknown month \"{word}\"")
    } else {
        format!("\"{word}\" is not a month, season or quarter")
    }
}

/// The reason for text that matches no form at all.
pub(super) fn not_a_period(text: &str) -> String {
    format!("\"{text}\" is not a year, financial year, quarter, season, month or date")
}

/// How `written` was read as `unit`, if the form can be read another way: `2024-25` and
/// `2024-2025` (a financial year, or two calendar years; `2011-12` also a month), `2009-11`
/// (a month, or the years 2009 to 2011), `Aug-12` and `31.12.14` (two-digit years), `late
/// 2023` (a third of a year). `2024/25`, `2024-03` and `31/03/2024` are clear: no note.
pub(super) fn note_for(written: &str, unit: Unit) -> Option<PeriodNote> {
    let text = written.replace(['–', '—'], "-");
    let hyphened = text
        .split_once('-')
        .filter(|(_, second)| !text.contains(' ') && !second.contains('-'));
    match unit {
        Unit::FinancialYear(year) => {
            let (_, second) = hyphened?;
            let next = year + 1;
            let mut hint = format!("write `{}` to say so", financial_year_label(year));
            if let Some(month) = digits(second, 2..=2)
                .and_then(|n| u8::try_from(n).ok())
                .filter(|m| (1..=12).contains(m))
            {
                hint.push_str(&format!(", `{} {year}` for the month", month_name(month)));
            }
            hint.push_str(&format!(
                ", or `{year} to {next}` for the two calendar years"
            ));
            Some(PeriodNote {
                message: format!(
                    "read `{written}` as the financial year April {year} to March {next}"
                ),
                hint,
            })
        }
        Unit::Month(year, month) => {
            let (first, second) = hyphened?;
            let label = format!("{} {year}", month_name(month));
            if digits(first, 4..=4).is_some() {
                // `2009-11`: November 2009, or the years 2009 to 2011?
                let end =
                    year - year.rem_euclid(100) + i32::try_from(digits(second, 2..=2)?).ok()?;
                (end > year + 1).then(|| PeriodNote {
                    message: format!("read `{written}` as {label}"),
                    hint: format!("write `{label}` to say so, or `{year} to {end}` for the years"),
                })
            } else {
                // `Aug-12`: a two-digit year.
                digits(second, 2..=2).map(|_| PeriodNote {
                    message: format!("read `{written}` as {label}"),
                    hint: format!("write the year in full, as in `{label}`"),
                })
            }
        }
        Unit::Day(date) => {
            let parts: Vec<&str> = text.split(['.', '/']).collect();
            let [_, _, year] = parts.as_slice() else {
                return None;
            };
            let label = format!("{} {} {}", date.day, month_name(date.month), date.year);
            (year.len() == 2).then(|| PeriodNote {
                message: format!("read `{written}` as {label} (day, month, year)"),
                hint: format!("write the year in full, as in `{label}`"),
            })
        }
        Unit::Part(year, part) => {
            let narrower = match part {
                Part::Early => format!("Q1 {year}"),
                Part::Mid => format!("Summer {year}"),
                Part::Late => format!("Q4 {year}"),
            };
            Some(PeriodNote {
                message: format!(
                    "read `{written}` as {} to {} {year} ({})",
                    month_name(part.first_month()),
                    month_name(part.first_month() + 3),
                    part.third()
                ),
                hint: format!(
                    "write a season, quarter or month, such as `{narrower}`, for a shorter time"
                ),
            })
        }
        _ => None,
    }
}

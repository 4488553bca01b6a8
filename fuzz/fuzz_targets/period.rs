//! The period parser (`hearth_model::period`): any text either parses or gives an error,
//! never a panic; a parsed period's label parses back to the same span, its start is not
//! after its end, its phrases and notes never panic, and a date's ISO form and day number
//! round-trip.
#![no_main]

use hearth_model::period::{Date, Period, Preposition};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Period::parse(text) {
        Ok(p) => {
            if let (Some(start), Some(end)) = (p.start(), p.end()) {
                assert!(start <= end, "`{text}` starts after it ends");
            }
            let label = p.label();
            let again = Period::parse(&label)
                .unwrap_or_else(|e| panic!("the label `{label}` of `{text}` does not parse: {e}"));
            assert_eq!(
                (again.start(), again.end()),
                (p.start(), p.end()),
                "the label `{label}` of `{text}` has another span"
            );
            assert_eq!(Period::parse(p.text()).ok().map(|q| q.sort_key()), Some(p.sort_key()));
            let _ = p.overlaps(p.start(), p.end());
            let _ = p.kind();
            for preposition in [
                Preposition::At,
                Preposition::On,
                Preposition::By,
                Preposition::For,
                Preposition::AsAt,
            ] {
                let phrase = p.phrase(preposition);
                assert_eq!(phrase.is_none(), p.start().is_none() && p.end().is_none());
            }
            let _ = p.from_to(&again);
            for note in p.notes() {
                let _ = note.to_string();
            }
        }
        Err(e) => {
            let _ = e.to_string();
        }
    }
    if let Ok(d) = text.parse::<Date>() {
        assert_eq!(d.iso().parse::<Date>().ok(), Some(d), "`{text}`");
        assert_eq!(Date::from_days(d.to_days()), d, "`{text}`");
    }
});

//! The one rule for a value given for an input: the page (the browser module, as a reader
//! types a number or moves a slider) and `hearth scenario --set` both settle a value with
//! [`settle_input`], so both run the scenario with the same numbers.

/// A value settled for an input: the value used, and what was done to the value given.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Settled {
    /// The value used: from `min` to `max`, on a step from `min`.
    pub value: f64,
    /// The value given was below `min` or above `max`, so the nearer end was taken.
    pub clamped: bool,
    /// The value (within range) was between two steps, so the nearest step was taken.
    pub snapped: bool,
}

/// Settle `value` for an input with these `min`, `max` and `step`, as the page's slider does:
///
/// 1. a value below `min` or above `max` becomes that end (`clamped`);
/// 2. a value between two steps (`min`, `min + step`, `min + 2 * step` ...) becomes the
///    nearest one, the higher one when it is half way (`snapped`); no step goes past `max`, so
///    when `step` does not divide `max - min` the highest value is the last step below `max`;
/// 3. the result is rounded to 9 decimals, so that steps of 0.1 give 0.3 and not
///    0.30000000000000004.
///
/// `None` when `value` is not a finite number (NaN or infinite): the page then keeps the
/// input's default, and `hearth scenario --set` refuses it. Bounds that a compiled scenario
/// cannot have (not finite, `min` above `max`, `step` not above 0) do not panic: the value is
/// clamped only to usable bounds and snapped only to a usable step.
pub fn settle_input(min: f64, max: f64, step: f64, value: f64) -> Option<Settled> {
    if !value.is_finite() {
        return None;
    }
    let bounded = min.is_finite() && max.is_finite() && min <= max;
    let within = if bounded {
        value.max(min).min(max)
    } else {
        value
    };
    let clamped = within != value;
    if !(bounded && step.is_finite() && step > 0.0) {
        return Some(Settled {
            value: within,
            clamped,
            snapped: false,
        });
    }
    // The last step at or below `max` (a hair of tolerance: 0.3 / 0.1 is 2.9999999999999996).
    let last = ((max - min) / step + 1e-9).floor();
    let k = ((within - min) / step).round().min(last);
    let on_step = (((min + k * step) * 1e9).round() / 1e9).max(min).min(max);
    Some(Settled {
        value: on_step,
        clamped,
        snapped: on_step != within,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value used, clamped and snapped.
    fn settle(min: f64, max: f64, step: f64, value: f64) -> (f64, bool, bool) {
        let s = settle_input(min, max, step, value).expect("a finite value settles");
        (s.value, s.clamped, s.snapped)
    }

    #[test]
    fn values_on_a_step_within_range_are_kept() {
        for (min, max, step, v) in [
            (0.0, 10.0, 0.5, 2.5),
            (0.0, 80.0, 1.0, 25.0),
            (1.0, 3.0, 0.1, 1.5),
            (1.0, 3.0, 0.1, 2.3),
            (0.0, 100.0, 5.0, 35.0),
            (-5.0, 10.0, 0.5, -1.5),
        ] {
            assert_eq!(settle(min, max, step, v), (v, false, false), "{v}");
        }
    }

    #[test]
    fn values_exactly_on_the_bounds_are_kept() {
        for (min, max, step) in [
            (0.0, 10.0, 0.5),
            (0.0, 0.3, 0.1),
            (1.0, 3.0, 0.1),
            (-5.0, 10.0, 0.5),
            (0.0, 100.0, 5.0),
            (0.0, 80.0, 1.0),
        ] {
            assert_eq!(settle(min, max, step, min), (min, false, false), "{min}");
            assert_eq!(settle(min, max, step, max), (max, false, false), "{max}");
        }
    }

    #[test]
    fn values_out_of_range_take_the_nearer_end() {
        assert_eq!(settle(0.0, 10.0, 0.5, 12.0), (10.0, true, false));
        assert_eq!(settle(0.0, 10.0, 0.5, -3.0), (0.0, true, false));
        assert_eq!(settle(-5.0, 10.0, 0.5, -7.25), (-5.0, true, false));
        assert_eq!(settle(0.0, 80.0, 1.0, 500.0), (80.0, true, false));
        assert_eq!(settle(1.0, 3.0, 0.1, 1e300), (3.0, true, false));
        assert_eq!(settle(0.0, 100.0, 5.0, -0.1), (0.0, true, false));
    }

    #[test]
    fn values_between_steps_take_the_nearest_step() {
        // Steps of 0.1: no binary noise in what comes out.
        assert_eq!(settle(0.0, 1.0, 0.1, 0.33), (0.3, false, true));
        assert_eq!(settle(1.0, 3.0, 0.1, 1.26), (1.3, false, true));
        assert_eq!(settle(0.0, 1.0, 0.1, 0.1 + 0.2), (0.3, false, true));
        // Steps of 0.5, counted from a negative minimum; half way goes up.
        assert_eq!(settle(0.0, 10.0, 0.5, 3.3), (3.5, false, true));
        assert_eq!(settle(0.0, 10.0, 0.5, 2.2), (2.0, false, true));
        assert_eq!(settle(-5.0, 10.0, 0.5, 2.3), (2.5, false, true));
        assert_eq!(settle(-5.0, 10.0, 0.5, -2.25), (-2.0, false, true));
        // Steps of 1 and 5.
        assert_eq!(settle(0.0, 80.0, 1.0, 24.5), (25.0, false, true));
        assert_eq!(settle(0.0, 80.0, 1.0, 24.49), (24.0, false, true));
        assert_eq!(settle(0.0, 100.0, 5.0, 12.4), (10.0, false, true));
        assert_eq!(settle(0.0, 100.0, 5.0, 12.5), (15.0, false, true));
        // Steps count from the minimum, not from zero.
        assert_eq!(settle(1.0, 21.0, 5.0, 10.0), (11.0, false, true));
    }

    #[test]
    fn a_step_that_does_not_divide_the_range_stops_below_max() {
        // 0, 4, 8 are the steps; 10 (the maximum) is not one, as on the page's slider.
        assert_eq!(settle(0.0, 10.0, 4.0, 9.5), (8.0, false, true));
        assert_eq!(settle(0.0, 10.0, 4.0, 10.0), (8.0, false, true));
        assert_eq!(settle(0.0, 10.0, 4.0, 11.0), (8.0, true, true));
        assert_eq!(settle(0.0, 10.0, 4.0, 5.9), (4.0, false, true));
        assert_eq!(settle(0.0, 10.0, 4.0, -1.0), (0.0, true, false));
        assert_eq!(settle(0.0, 1.0, 0.3, 1.0), (0.9, false, true));
    }

    #[test]
    fn values_that_are_not_finite_do_not_settle() {
        for v in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            assert_eq!(settle_input(0.0, 10.0, 0.5, v), None, "{v}");
        }
    }

    #[test]
    fn unusable_bounds_do_not_panic() {
        // Bounds a compiled scenario cannot have: clamp and snap only where they make sense.
        assert_eq!(settle(10.0, 0.0, 1.0, 3.3), (3.3, false, false));
        assert_eq!(settle(f64::NAN, 10.0, 1.0, 3.3), (3.3, false, false));
        assert_eq!(settle(0.0, 10.0, 0.0, 3.3), (3.3, false, false));
        assert_eq!(settle(0.0, 10.0, -1.0, 12.0), (10.0, true, false));
        assert_eq!(settle(0.0, 10.0, f64::NAN, 3.3), (3.3, false, false));
        assert_eq!(settle(5.0, 5.0, 1.0, 7.0), (5.0, true, false));
    }
}

//! What-if scenarios: the content of `content/scenarios/<id>.yaml`, its checks, and the
//! compiled model the browser re-runs as readers move the sliders.
//!
//! A scenario has **inputs** (sliders), **series** (one value per year of the horizon) and
//! **outputs** (single numbers worked out from whole series). A series is either *derived*
//! (`value`, worked out afresh each year) or a *stock* (`start` for the first year, then `next`
//! for every later year). Formulas are described in [`crate::formula`].
//!
//! Name resolution, per kind of formula:
//!
//! | formula | bare series `x` | `x[prev]` | `x[first]`, `x[last]`, `x[2027]` | `total(x)`, `mean(x)` | `year`, `step` |
//! |---|---|---|---|---|---|
//! | `start` | `x` in the first year | same as `x` | error | error | yes |
//! | `next` | `x` this year; **itself** means its previous value | `x` last year | error | error | yes |
//! | `value` | `x` this year | `x` last year (first year: this year) | error | error | yes |
//! | output | error ("say which year") | error | yes | yes | error |
//!
//! Each year's series are evaluated in an order worked out at compile time from the
//! same-year references. `[prev]` adds no ordering constraint from the second year on; in the
//! first year `x[prev]` *is* the first year's value of `x`, so there it does (for a `value`
//! series), and a cycle through it is reported as a cycle "in the first year".
//!
//! The engine, by stage:
//!
//! - [`content`] holds the types read from the YAML file;
//! - [`refs`] finds the `metric(...)` calls the caller resolves before compiling;
//! - [`compile`] turns a scenario into a [`Compiled`] model: [`check`] checks the fields that
//!   are not formulas, [`scope`] resolves names (the table above) and [`order`] works out
//!   the evaluation order and reports cycles; problems are [`ScenarioError`]s ([`error`]);
//! - [`evaluate`] runs a [`Compiled`] model for a set of input values;
//! - [`program`] writes a [`Compiled`] model as numbers for the browser module and reads it
//!   back;
//! - [`input`] holds the one rule for a value typed for an input (range and step);
//! - [`outturn`] says which of a measure's periods a forecast year is compared with
//!   (`years:`);
//! - [`presentation`] writes figures for readers, on the page and in the browser.

pub mod check;
pub mod compile;
pub mod content;
pub mod error;
pub mod evaluate;
#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod fixtures;
pub mod input;
pub mod order;
pub mod outturn;
pub mod presentation;
pub mod program;
pub mod refs;
pub mod scope;

pub use check::is_scenario_id;
pub use content::*;
pub use error::ScenarioError;
pub use evaluate::{Compiled, Results};
pub use input::{Settled, settle_input};
pub use outturn::{ALL_FORECAST_YEARS, ForecastYears};
pub use presentation::{OutputLook, Presentation, SeriesLook};
pub use refs::{MetricRef, metric_key};

/// The longest horizon, in years.
pub const MAX_YEARS: i64 = 100;

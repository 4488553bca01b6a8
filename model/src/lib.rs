//! # hearth-model
//!
//! The content model of Hearth, shared by the generator (native) and the browser module
//! (wasm32). Pure Rust with no I/O: callers hand it parsed data and get back checked data,
//! issues, formatted numbers and chart series.

pub mod analysis;
pub mod changes;
pub mod colour;
pub mod content;
pub mod draw;
pub mod filter;
pub mod format;
pub mod formula;
pub mod market;
pub mod neighbours;
pub mod period;
pub mod scenario;
pub mod search;
pub mod staleness;
pub mod validate;

pub use content::*;
pub use period::{Date, Period, PeriodError, PeriodKind, PeriodNote, Preposition};
pub use validate::{Issue, Place, Severity, validate};

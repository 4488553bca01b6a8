//! Browser facade over `hearth-model`: thin wrappers that take and return plain values, so
//! the page's JavaScript and the generator share one implementation of each rule.
//!
//! Built as two modules, so a page loads only the one it uses (`generator/build.rs` builds
//! this crate once per feature):
//! - feature `filter-scenario` (`static/wasm/hearth_wasm.js`): [`Filter`], faceted filtering
//!   of the delivery plan (and market asks) from a URL query; [`ScenarioModel`], a what-if
//!   scenario, compiled once and re-evaluated as sliders move, which also draws its charts
//!   again as the build drew them.
//! - feature `search` (`static/wasm/hearth_search.js`): [`Search`], site search over the
//!   index the generator wrote (`search/index.js`).
//!
//! Both features are on by default, so tests and lints see every wrapper.

#[cfg(feature = "filter-scenario")]
mod filter_scenario;
#[cfg(feature = "search")]
mod search;

#[cfg(feature = "filter-scenario")]
pub use filter_scenario::{Filter, ScenarioModel};
#[cfg(feature = "search")]
pub use search::Search;

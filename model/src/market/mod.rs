//! The market position statement (MPS): what the council tells providers (independent
//! fostering agencies, children's home operators, supported accommodation providers) about
//! the children it looks after, the homes it has and the homes it wants.
//!
//! The content lives in `content/market/`: `market.yaml` (the statement: context, intentions,
//! forecasts, procurement routes, timeline, contacts), `demand/*.yaml` and `supply/*.yaml`
//! (one typed table each), `asks.yaml` (what the council wants from providers, with the
//! categories the asks are filtered by) and `glossary.yaml`.
//!
//! Children's data published openly must not identify a child. [`Suppression`] is the rule
//! (by default counts from 1 to 4 are shown as `c`); [`publish`] applies it to a table and
//! returns only the cells that may be published, so nothing downstream can leak a withheld
//! value; [`check_tables`] checks the tables' declared totals and finds withheld cells that a
//! reader could work out from them.
//!
//! - [`statement`] holds `market.yaml`'s types;
//! - [`tables`] holds the demand and supply tables and their cells;
//! - [`asks`] and [`glossary`] hold `asks.yaml`'s and `glossary.yaml`'s types;
//! - [`disclosure`] holds the small-number rule, what it lets a table publish, and the
//!   totals (checked, and used to find withheld cells they would give away).
//!
//! The asks page's filter index is built by the generator from the asks' views
//! (`generator/src/render/market/asks.rs`).
//!
//! Every type and function is re-exported here. The checks are in `crate::validate`.

use serde::Serialize;

pub mod asks;
pub mod disclosure;
pub mod glossary;
pub mod statement;
pub mod tables;

pub use asks::*;
pub use disclosure::*;
pub use glossary::*;
pub use statement::*;
pub use tables::*;

/// The statement's main file, relative to the content folder.
pub const MARKET_FILE: &str = "market/market.yaml";
/// The market asks and their categories.
pub const ASKS_FILE: &str = "market/asks.yaml";
/// The glossary of terms.
pub const GLOSSARY_FILE: &str = "market/glossary.yaml";

/// Everything in `content/market/`, after loading.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Market {
    pub statement: Statement,
    /// Demand tables first, then supply tables, each in `order` then file-name order.
    pub tables: Vec<Table>,
    pub asks: Asks,
    pub glossary: Glossary,
}

impl Market {
    pub fn tables_in(&self, section: Section) -> impl Iterator<Item = &Table> {
        self.tables.iter().filter(move |t| t.section == section)
    }

    pub fn route(&self, id: &str) -> Option<&Route> {
        self.statement
            .procurement
            .as_ref()
            .and_then(|p| p.routes.iter().find(|r| r.id == id))
    }

    pub fn term(&self, id: &str) -> Option<&Term> {
        self.glossary.terms.iter().find(|t| t.id == id)
    }
}

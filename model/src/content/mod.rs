//! The content model: what a council writes in its YAML and Markdown files.
//!
//! Every type rejects unknown fields, so a misspelt field is an error rather than silently
//! ignored. Text fields documented as Markdown are rendered (and sanitised) by the generator.

//!
//! One file per kind of content file:
//!
//! - `site.yaml` in [`site`]: who publishes, the edition, contact, licence, branding and the
//!   accessibility statement;
//! - `strategy.yaml` in [`strategy`]: aims, priorities, governance, phases, commitments;
//!   its `previous:` (the strategy before, looked back on) in [`previous`];
//! - `plan/*.yaml` in [`plan`]: workstreams and their actions;
//! - `metrics/*.yaml` in [`metrics`]: measures, with the value types other files share;
//! - [`figure`]: figures as documents write them (`77.3`, `around 36%`, `9-10%`);
//! - `facts.yaml` and `breakdowns/*.yaml` in [`facts`];
//! - `pages/*.md` in [`pages`];
//! - `report.yaml` in [`report`]: the committee report around the strategy;
//! - `region.yaml` in [`region`]: a regional site's members and compared measures.
//!
//! Scenarios (`scenarios/*.yaml`) are in [`crate::scenario`] and the market position
//! statement (`market/`) in [`crate::market`]. Every type is re-exported here and at the
//! crate root.

use serde::Serialize;

pub mod facts;
pub mod figure;
pub mod metrics;
pub mod pages;
pub mod plan;
pub mod previous;
pub mod region;
pub mod report;
pub mod site;
pub mod strategy;
pub mod where_live;

pub use facts::*;
pub use figure::*;
pub use metrics::*;
pub use pages::*;
pub use plan::*;
pub use previous::*;
pub use region::*;
pub use report::*;
pub use site::*;
pub use strategy::*;

/// Everything in one content folder, after loading.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Content {
    pub site: Site,
    pub strategy: Strategy,
    pub facts: Facts,
    /// The breakdowns (`breakdowns/*.yaml`), as tables: one in the older one-value form is
    /// read as a [`Breakdown`] and becomes a table ([`crate::market::Table::from_breakdown`]).
    pub breakdowns: Vec<crate::market::Table>,
    pub workstreams: Vec<Workstream>,
    pub metrics: Vec<Metric>,
    pub pages: Vec<Page>,
    pub scenarios: Vec<crate::scenario::Scenario>,
    /// The market position statement (`market/`), if the content has one.
    pub market: Option<crate::market::Market>,
    /// The committee report around the strategy (`report.yaml`), if the content has one.
    pub report: Option<Report>,
}

impl Content {
    /// All actions, in workstream order, each with its workstream.
    pub fn actions(&self) -> impl Iterator<Item = (&Workstream, &Action)> {
        self.workstreams
            .iter()
            .flat_map(|w| w.actions.iter().map(move |a| (w, a)))
    }

    pub fn metric(&self, id: &str) -> Option<&Metric> {
        self.metrics.iter().find(|m| m.id == id)
    }

    pub fn priority(&self, id: &str) -> Option<&Priority> {
        self.strategy.priorities.iter().find(|p| p.id == id)
    }

    pub fn aim(&self, id: &str) -> Option<&Aim> {
        self.strategy.aims.iter().find(|a| a.id == id)
    }

    pub fn scenario(&self, id: &str) -> Option<&crate::scenario::Scenario> {
        self.scenarios.iter().find(|s| s.id == id)
    }

    pub fn workstream(&self, id: &str) -> Option<&Workstream> {
        self.workstreams.iter().find(|w| w.id == id)
    }
}

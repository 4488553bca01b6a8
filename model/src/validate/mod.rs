//! Checks that span fields and files: ids, cross-references, series. Each problem is an
//! [`Issue`] naming the file and the field path; the generator adds line and column.
//!
//! - [`issue`] holds what a check reports ([`Issue`], [`Place`], [`Severity`]);
//! - [`ids`] holds valid ids, suggested ids, "did you mean" ([`closest`]) and the ids a
//!   content folder defines ([`Ids`]);
//! - [`checks`] holds [`validate`] and the core checks (strategy, plan, facts, measures,
//!   breakdowns, pages);
//! - [`tables`] holds the checks of a table's form (text columns, periods, dates), shared by
//!   breakdowns and the market's tables;
//! - `market` holds the checks of the market position statement and the small-number rule;
//! - `report` holds the checks of the committee report (`report.yaml`);
//! - [`periods`] holds [`period_notes`]: a warning wherever a period was written in a form
//!   that can be read more than one way, saying how it was read.

pub mod checks;
pub mod ids;
pub mod issue;
mod market;
pub mod periods;
mod report;
pub mod tables;

pub use checks::breakdown_form_issues;
pub use checks::{RESERVED_SLUGS, validate};
pub use ids::{Ids, LINK_SCHEMES, PAGE_SCHEMES, article, closest, is_id, scheme_noun, slugify};
pub use issue::{Issue, Place, Severity};
pub use periods::period_notes;
pub use tables::check_table_form;

pub const SITE_FILE: &str = "site.yaml";
pub const STRATEGY_FILE: &str = "strategy.yaml";
pub const FACTS_FILE: &str = "facts.yaml";

//! The editor's commands besides build, check and serve: start a content folder
//! ([`new`]), print or write the JSON Schemas ([`schema`]), list what a DfE file holds
//! ([`import`]), copy the theme out to edit it
//! ([`eject`]), freeze and compare editions ([`editions`]) and run a what-if scenario
//! ([`scenario`]).

pub mod editions;
pub mod eject;
pub mod import;
pub mod new;
pub mod scenario;
pub mod schema;

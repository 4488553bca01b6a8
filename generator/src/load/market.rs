//! The market position statement's files: `market/market.yaml`, `market/asks.yaml`,
//! `market/glossary.yaml` and the tables in `market/demand/` and `market/supply/`.

use hearth_model::market::{
    ASKS_FILE, Asks, GLOSSARY_FILE, Glossary, MARKET_FILE, Market, Section, Statement, Table,
};

use super::Folder;
use crate::diag::Diagnostic;

/// The files `market/` may hold at its top level.
const KNOWN_FILES: &[&str] = &["market.yaml", "asks.yaml", "glossary.yaml"];

impl Folder {
    /// Read `content/market/` into `content.market`, if the folder exists.
    pub(super) fn read_market(&mut self) {
        if !self.root.join("market").is_dir() {
            return;
        }
        for rel in self.list("market", &["yaml", "yml"]) {
            let name = rel.trim_start_matches("market/");
            if !KNOWN_FILES.contains(&name) {
                let near = hearth_model::validate::closest(name, KNOWN_FILES.iter().copied());
                let mut d = Diagnostic::file(
                    self.sources.display(&rel),
                    "Hearth does not read this file in the market folder",
                )
                .with_expected(format!(
                    "market/ to hold {}, and the folders demand/ and supply/",
                    KNOWN_FILES.join(", ")
                ));
                d.severity = hearth_model::Severity::Warning;
                d = d.with_hint(match near {
                    Some(n) => format!("did you mean `market/{n}`?"),
                    None => "move it into market/demand/ or market/supply/ if it is a table".into(),
                });
                self.diagnostics.push(d);
            }
        }
        let statement = self.yaml_required::<Statement>(MARKET_FILE);
        let mut tables = Vec::new();
        for (section, sub) in [
            (Section::Demand, "market/demand"),
            (Section::Supply, "market/supply"),
        ] {
            for rel in self.list(sub, &["yaml", "yml"]) {
                let read = self.yaml_expanded(&rel, None, true, |file, value| {
                    super::yaml::deserialize::<Table>(file, value)
                });
                if let Some(mut t) = read {
                    t.file = rel;
                    t.section = section;
                    tables.push(t);
                }
            }
        }
        tables.sort_by(|a, b| {
            (a.section, a.order.unwrap_or(i64::MAX), &a.file).cmp(&(
                b.section,
                b.order.unwrap_or(i64::MAX),
                &b.file,
            ))
        });
        let asks = if self.root.join(ASKS_FILE).exists() {
            self.yaml::<Asks>(ASKS_FILE).unwrap_or_default()
        } else {
            Asks::default()
        };
        let glossary = if self.root.join(GLOSSARY_FILE).exists() {
            self.yaml::<Glossary>(GLOSSARY_FILE).unwrap_or_default()
        } else {
            Glossary::default()
        };
        if let Some(statement) = statement {
            self.content.market = Some(Market {
                statement,
                tables,
                asks,
                glossary,
            });
        }
    }
}

//! Frozen editions: copies of the content kept in `CONTENT/editions/<version>/`, each loaded
//! as a content folder of its own and compared with the current content (for `/changes/`).

use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::changes::Changes;
use hearth_model::scenario::ForecastYears;
use hearth_model::{ChangeNote, Content, Period, Site};

use super::Folder;

/// The folder of frozen editions inside a content folder.
pub const EDITIONS: &str = "editions";

/// Is `v` usable as an edition folder and address (`1.0`, `2024-25`, `v2`)?
pub fn valid_version(v: &str) -> bool {
    !v.is_empty()
        && v.len() <= 40
        && v.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_'))
        && v.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
        && !v.contains("..")
}

/// The frozen editions of a content folder, oldest first (by publication date, then name).
pub fn list(content: &Path) -> Vec<(String, PathBuf)> {
    let Ok(entries) = fs::read_dir(content.join(EDITIONS)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, PathBuf)> = entries
        .flatten()
        .filter(|e| e.path().is_dir())
        .map(|e| (e.file_name().to_string_lossy().to_string(), e.path()))
        .filter(|(v, _)| valid_version(v))
        .collect();
    found.sort_by_key(|(v, path)| (published_key(path), v.clone()));
    found
}

/// The publication date of an edition folder, from its site.yaml (for ordering).
fn published_key(path: &Path) -> (i64, i64) {
    let text = super::read_text_quietly(&path.join("site.yaml")).unwrap_or_default();
    super::yaml::quietly::<Site>(&text)
        .map(|s| s.edition.published.sort_key())
        .unwrap_or((i64::MAX, i64::MAX))
}

/// An edition being rendered as an archive: its version and publication date.
#[derive(Debug, Clone)]
pub struct Archived {
    pub version: String,
    pub published: Period,
}

/// One frozen edition, loaded.
#[derive(Debug)]
pub struct Edition {
    pub version: String,
    pub published: Period,
    pub status: String,
    pub notes: Vec<ChangeNote>,
}

/// What the current site knows about its editions.
#[derive(Debug, Default)]
pub struct History {
    /// Set when rendering an earlier edition.
    pub archived: Option<Archived>,
    /// The frozen editions, oldest first.
    pub editions: Vec<Edition>,
    /// The latest edition's version and what changed since.
    pub changes: Option<(String, Changes)>,
    /// Every year an edition forecast for a series tied to a measure (`measure:`), oldest
    /// edition first.
    pub forecasts: Vec<Forecast>,
}

/// One year of an edition's published forecast (its scenario at the published assumptions)
/// for a series tied to a measure.
#[derive(Debug, Clone)]
pub struct Forecast {
    /// The edition that published it.
    pub version: String,
    pub scenario: String,
    pub series: String,
    /// The series' label and unit in that edition.
    pub label: String,
    pub unit: Option<String>,
    pub decimals: u8,
    /// The measure it forecasts.
    pub metric: String,
    /// What its years mean beside the measure (`years:`; calendar years when left out).
    pub years: ForecastYears,
    pub year: i32,
    pub value: f64,
}

/// The forecasts an edition published for series tied to measures.
fn forecasts(version: &str, folder: &Folder) -> Vec<Forecast> {
    let mut out = Vec::new();
    for b in &folder.scenarios {
        let Some(sc) = folder.content.scenarios.get(b.index) else {
            continue;
        };
        for (s, values) in sc.series.iter().zip(&b.defaults.series) {
            let Some(metric) = &s.measure else {
                continue;
            };
            let years = s.years.unwrap_or_default();
            // A year the edition already had a figure for was not forecast.
            let known = |year: i32| {
                folder.content.metric(metric).is_some_and(|m| {
                    m.series
                        .iter()
                        .any(|x| x.value.is_some() && years.matches(year, &x.period))
                })
            };
            for (year, value) in b.defaults.years.iter().zip(values) {
                if value.is_finite() && !known(*year) {
                    out.push(Forecast {
                        version: version.to_string(),
                        scenario: sc.id.clone(),
                        series: s.id.clone(),
                        label: s.label.clone(),
                        unit: s.unit.clone(),
                        decimals: s.decimals.unwrap_or(0),
                        metric: metric.clone(),
                        years,
                        year: *year,
                        value: *value,
                    });
                }
            }
        }
    }
    out
}

/// Load every frozen edition. Returns the history for the current site and the loaded
/// editions (to be rendered under `/editions/<version>/`).
pub fn load_all(content: &Path, current: &Content) -> (History, Vec<(String, Folder)>) {
    let loaded = list(content)
        .into_iter()
        .map(|(version, path)| (version, super::load(&path)))
        .collect::<Vec<_>>();
    (history(&loaded, current), loaded)
}

/// What the current site says of its loaded editions, and what changed since the latest.
pub fn history(loaded: &[(String, Folder)], current: &Content) -> History {
    let mut history = History::default();
    for (version, l) in loaded {
        if !l.has_errors() {
            let e = &l.content.site.edition;
            history.editions.push(Edition {
                version: version.clone(),
                published: e.published.clone(),
                status: e.status.label().to_string(),
                notes: e.notes.clone(),
            });
            history.forecasts.extend(forecasts(version, l));
        }
    }
    if let Some((version, latest)) = loaded.iter().rev().find(|(_, l)| !l.has_errors()) {
        history.changes = Some((
            version.clone(),
            hearth_model::changes::changes(&latest.content, current),
        ));
    }
    history
}

/// The site.yaml of every edition folder that has a readable one, oldest first (by
/// publication date, then by folder name): (version, text, site).
pub fn sites(content: &Path) -> Vec<(String, String, Site)> {
    let Ok(entries) = fs::read_dir(content.join(EDITIONS)) else {
        return Vec::new();
    };
    let mut found: Vec<(String, String, Site)> = entries
        .flatten()
        .filter(|e| e.path().is_dir() && !e.file_name().to_string_lossy().starts_with('.'))
        .filter_map(|e| {
            let text = super::read_text_quietly(&e.path().join(hearth_model::validate::SITE_FILE))?;
            let site = super::yaml::quietly::<Site>(&text)?;
            Some((e.file_name().to_string_lossy().to_string(), text, site))
        })
        .collect();
    found.sort_by(|a, b| {
        (a.2.edition.published.sort_key(), &a.0).cmp(&(b.2.edition.published.sort_key(), &b.0))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_safe_folder_names() {
        for ok in ["1.0", "2024-25", "v2", "1_1"] {
            assert!(valid_version(ok), "{ok}");
        }
        for bad in ["", "../x", "a/b", ".hidden", "1..2", "a b", "-x"] {
            assert!(!valid_version(bad), "{bad}");
        }
    }
}

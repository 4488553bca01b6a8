//! Editions: frozen copies of the content in `CONTENT/editions/<version>/`, published under
//! `/editions/<version>/` with permanent addresses, and compared with the current content for
//! the "what changed" page and `hearth diff`.

use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::changes::{Changes, Direction};
use hearth_model::{ChangeNote, Content, Period};
use serde_json::{Value, json};

use crate::load::{self, Loaded};
use crate::site::Builder;

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
    let text = crate::load::read_text_quietly(&path.join("site.yaml")).unwrap_or_default();
    serde_yaml::from_str::<hearth_model::Site>(&text)
        .map(|s| s.edition.published.sort_key())
        .unwrap_or((i64::MAX, i64::MAX))
}

/// Copy the current content (without its editions) into `editions/<version>/`.
pub fn freeze(content: &Path, version: &str) -> Result<PathBuf, String> {
    if !valid_version(version) {
        return Err(format!(
            "`{version}` cannot name an edition: use letters, digits, dots, hyphens and underscores (for example 1.1 or 2024-25)"
        ));
    }
    if !content.join("site.yaml").is_file() {
        return Err(format!(
            "{} is not a content folder (it has no site.yaml)",
            content.display()
        ));
    }
    let dest = content.join(EDITIONS).join(version);
    if dest.exists() {
        return Err(format!(
            "edition {version} already exists at {}; editions are permanent, so choose a new version",
            dest.display()
        ));
    }
    let tmp = content.join(EDITIONS).join(format!(".{version}.tmp"));
    let _ = fs::remove_dir_all(&tmp);
    copy_content(content, &tmp).map_err(|e| format!("cannot copy the content: {e}"))?;
    fs::rename(&tmp, &dest).map_err(|e| format!("cannot create {}: {e}", dest.display()))?;
    Ok(dest)
}

fn copy_content(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    let mut entries: Vec<_> = fs::read_dir(from)?.flatten().collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name_text = name.to_string_lossy();
        if name_text.starts_with('.') || (from.join(EDITIONS) == entry.path()) {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_content(&path, &to.join(&name))?;
        } else {
            fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
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
}

/// Load every frozen edition. Returns the history for the current site and the loaded
/// editions (to be rendered under `/editions/<version>/`).
pub fn load_all(content: &Path, current: &Content) -> (History, Vec<(String, Loaded)>) {
    let mut history = History::default();
    let mut loaded = Vec::new();
    for (version, path) in list(content) {
        let l = load::load(&path);
        if !l.has_errors() {
            let e = &l.content.site.edition;
            history.editions.push(Edition {
                version: version.clone(),
                published: e.published.clone(),
                status: e.status.label().to_string(),
                notes: e.notes.clone(),
            });
        }
        loaded.push((version, l));
    }
    if let Some((version, latest)) = loaded.iter().rev().find(|(_, l)| !l.has_errors()) {
        history.changes = Some((
            version.clone(),
            hearth_model::changes::changes(&latest.content, current),
        ));
    }
    (history, loaded)
}

impl Builder<'_> {
    /// `/changes/` (what changed since the latest edition, and the dated updates) and
    /// `/editions/` (the list of earlier editions). Nothing for an archived edition.
    pub(crate) fn editions_pages(&mut self) {
        if self.history.archived.is_some() || self.history.editions.is_empty() {
            return;
        }
        let action = |id: &str, title: &str| json!({"id": id, "title": title, "href": format!("plan/{id}/")});
        let measure = |v: &hearth_model::changes::ValueChange, decimals: Option<u8>| {
            let d = decimals.unwrap_or(0);
            let show = |x: Option<f64>| x.map(|x| hearth_model::format::number(x, d));
            json!({
                "id": v.metric, "title": v.title, "href": format!("measures/{}/", v.metric),
                "period": v.period.label(), "from": show(v.from), "to": show(v.to),
            })
        };
        let decimals = |id: &str| self.c.metric(id).map(|m| m.decimals());
        let changes = self.history.changes.as_ref().map(|(version, c)| {
            let rag: Vec<Value> = c
                .rag
                .iter()
                .map(|r| {
                    let mut a = action(&r.action.id, &r.action.title);
                    a["from"] = json!({"key": r.from.key(), "label": r.from.label(), "meaning": r.from.meaning()});
                    a["to"] = json!({"key": r.to.key(), "label": r.to.label(), "meaning": r.to.meaning()});
                    a["direction"] = json!(match r.direction {
                        Direction::Better => "better",
                        Direction::Worse => "worse",
                        Direction::Other => "other",
                    });
                    a
                })
                .collect();
            let latest = self.history.editions.iter().find(|e| &e.version == version);
            json!({
                "version": version,
                "href": format!("editions/{version}/"),
                "published": latest.map(|e| e.published.label()),
                "count": c.count(),
                "rag_up": c.rag_up(), "rag_down": c.rag_down(),
                "added": c.actions_added.iter().map(|a| action(&a.id, &a.title)).collect::<Vec<_>>(),
                "removed": c.actions_removed.iter().map(|a| json!({"id": a.id, "title": a.title, "href": format!("editions/{version}/plan/{}/", a.id)})).collect::<Vec<_>>(),
                "rag": rag,
                "status": c.status.iter().map(|s| { let mut a = action(&s.action.id, &s.action.title); a["from"] = json!(s.from); a["to"] = json!(s.to); a }).collect::<Vec<_>>(),
                "timescales": c.timescales.iter().map(|t| { let mut a = action(&t.action.id, &t.action.title); a["from"] = json!(t.from.label()); a["to"] = json!(t.to.label()); a["later"] = json!(t.later); a }).collect::<Vec<_>>(),
                "values_added": c.values_added.iter().map(|v| measure(v, decimals(&v.metric))).collect::<Vec<_>>(),
                "values_revised": c.values_revised.iter().map(|v| measure(v, decimals(&v.metric))).collect::<Vec<_>>(),
                "targets": c.targets.iter().map(|v| measure(v, decimals(&v.metric))).collect::<Vec<_>>(),
            })
        });
        // Dated updates: the current edition's notes and every earlier edition's, newest first.
        let mut updates: Vec<(Period, String, String)> = self
            .c
            .site
            .edition
            .notes
            .iter()
            .map(|n| {
                (
                    n.date.clone(),
                    n.text.clone(),
                    self.c.site.edition.version.clone(),
                )
            })
            .collect();
        for e in &self.history.editions {
            updates.extend(
                e.notes
                    .iter()
                    .map(|n| (n.date.clone(), n.text.clone(), e.version.clone())),
            );
        }
        updates.sort_by(|a, b| b.0.cmp(&a.0).then(a.2.cmp(&b.2)));
        updates.dedup_by(|a, b| a.0 == b.0 && a.1 == b.1);
        let updates: Vec<Value> = updates
            .iter()
            .map(|(date, text, version)| json!({"date": date.label(), "text": text, "version": version}))
            .collect();
        let editions: Vec<Value> = self
            .history
            .editions
            .iter()
            .rev()
            .map(|e| {
                json!({
                    "version": e.version, "href": format!("editions/{}/", e.version),
                    "published": e.published.label(), "status": e.status,
                    "notes": e.notes.iter().map(|n| json!({"date": n.date.label(), "text": n.text})).collect::<Vec<_>>(),
                })
            })
            .collect();
        self.page(
            "changes/index.html",
            "changes.html",
            "changes",
            json!({"title": "What changed", "changes": changes, "updates": updates}),
        );
        self.page(
            "editions/index.html",
            "editions.html",
            "changes",
            json!({"title": "Earlier editions", "editions": editions}),
        );
    }
}

/// The changes as plain text for the terminal (`hearth diff`).
pub fn describe(version: &str, c: &Changes) -> String {
    let mut out = String::new();
    let mut line = |s: String| {
        out.push_str(&s);
        out.push('\n');
    };
    if c.is_empty() {
        line(format!("No changes since edition {version}."));
        return out;
    }
    line(format!(
        "{} change{} since edition {version}:",
        c.count(),
        if c.count() == 1 { "" } else { "s" }
    ));
    if !c.actions_added.is_empty() {
        line(format!("\nActions added ({}):", c.actions_added.len()));
        for a in &c.actions_added {
            line(format!("  + {}  {}", a.id, a.title));
        }
    }
    if !c.actions_removed.is_empty() {
        line(format!("\nActions removed ({}):", c.actions_removed.len()));
        for a in &c.actions_removed {
            line(format!("  - {}  {}", a.id, a.title));
        }
    }
    if !c.rag.is_empty() {
        line(format!(
            "\nRAG ratings changed ({}: {} up, {} down):",
            c.rag.len(),
            c.rag_up(),
            c.rag_down()
        ));
        for r in &c.rag {
            let arrow = match r.direction {
                Direction::Better => "up",
                Direction::Worse => "down",
                Direction::Other => "changed",
            };
            line(format!(
                "  {}  {} -> {} ({arrow})  {}",
                r.action.id,
                r.from.label(),
                r.to.label(),
                r.action.title
            ));
        }
    }
    if !c.status.is_empty() {
        line(format!("\nStatus notes rewritten ({}):", c.status.len()));
        for s in &c.status {
            line(format!(
                "  {}  now: {}",
                s.action.id,
                s.to.as_deref().unwrap_or("(none)")
            ));
        }
    }
    if !c.timescales.is_empty() {
        line(format!("\nTimescales moved ({}):", c.timescales.len()));
        for t in &c.timescales {
            line(format!(
                "  {}  {} -> {}{}",
                t.action.id,
                t.from.label(),
                t.to.label(),
                if t.later { " (later)" } else { " (earlier)" }
            ));
        }
    }
    let values =
        |title: &str, list: &[hearth_model::changes::ValueChange], line: &mut dyn FnMut(String)| {
            if list.is_empty() {
                return;
            }
            line(format!("\n{title} ({}):", list.len()));
            for v in list {
                let show = |x: Option<f64>| x.map_or("none".to_string(), |x| x.to_string());
                line(format!(
                    "  {}  {}: {} -> {}",
                    v.metric,
                    v.period.label(),
                    show(v.from),
                    show(v.to)
                ));
            }
        };
    values("Measure values added", &c.values_added, &mut line);
    values("Measure values revised", &c.values_revised, &mut line);
    values("Targets changed", &c.targets, &mut line);
    out
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

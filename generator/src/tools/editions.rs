//! The editor's edition commands: `hearth edition freeze` (copy the content into
//! `CONTENT/editions/<version>/`) and `hearth diff` (what changed since an edition, in words).

use std::fs;
use std::path::{Path, PathBuf};

use hearth_model::Rag;
use hearth_model::changes::{Changes, Direction};

pub use crate::load::editions::{EDITIONS, list, valid_version};

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
                Rag::label_of(r.from),
                Rag::label_of(r.to),
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
    // (measure, period, from, to) for each change to a figure or a target.
    let values =
        |title: &str, list: Vec<(String, String, String, String)>, line: &mut dyn FnMut(String)| {
            if list.is_empty() {
                return;
            }
            line(format!("\n{title} ({}):", list.len()));
            for (metric, period, from, to) in list {
                line(format!("  {metric}  {period}: {from} -> {to}"));
            }
        };
    let show = |x: Option<String>| x.unwrap_or_else(|| "none".to_string());
    let figures = |list: &[hearth_model::changes::ValueChange]| {
        list.iter()
            .map(|v| {
                (
                    v.metric.clone(),
                    v.period.label(),
                    show(v.from.as_ref().map(ToString::to_string)),
                    show(v.to.as_ref().map(ToString::to_string)),
                )
            })
            .collect::<Vec<_>>()
    };
    values("Measure values added", figures(&c.values_added), &mut line);
    values(
        "Measure values revised",
        figures(&c.values_revised),
        &mut line,
    );
    let targets = c
        .targets
        .iter()
        .map(|t| {
            (
                t.metric.clone(),
                t.period
                    .as_ref()
                    .map_or_else(|| "no date".to_string(), |p| p.label()),
                show(t.from.clone()),
                // The target's note goes where the target goes.
                match &t.note {
                    Some(note) => format!("{} ({note})", show(t.to.clone())),
                    None => show(t.to.clone()),
                },
            )
        })
        .collect();
    values("Targets changed", targets, &mut line);
    out
}

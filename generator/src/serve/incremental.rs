//! What the live preview renders after a save. A site on its own is rendered whole. A region
//! keeps what it loaded and rendered: when only member councils' files changed, only those
//! members are loaded again (their frozen editions kept, unless a file under `editions/`
//! changed) and rendered again, with the region's own pages that depend on the members
//! (home, councils, comparisons); every other member's part is kept, and the link check and
//! sitemap run over the whole site from the kept paths and page scans. Any other change (the
//! region's own content, region.yaml, a theme) renders everything again. The server is given
//! only what changed, and the site it then serves is byte for byte a full render's
//! (`tests/serve_incremental.rs`).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::diag::Diagnostic;
use crate::load::Project;
use crate::load::region::{Region, is_region, region_with};
use crate::render::region::{self as rr, Assembly, Part};
use crate::render::templates::Templates;

/// What a render gives the server.
#[derive(Debug)]
pub enum Update {
    /// The whole site.
    Full(BTreeMap<String, Vec<u8>>),
    /// What changed: a path's new bytes, or `None` for a file no longer there.
    Patch(BTreeMap<String, Option<Vec<u8>>>),
}

impl Update {
    /// Apply to the files served; the paths whose bytes changed.
    pub fn apply(self, files: &mut BTreeMap<String, Vec<u8>>) -> Vec<String> {
        match self {
            Update::Full(new) => {
                let changed = new
                    .iter()
                    .filter(|(k, v)| files.get(*k) != Some(*v))
                    .map(|(k, _)| k.clone())
                    .chain(files.keys().filter(|k| !new.contains_key(*k)).cloned())
                    .collect();
                *files = new;
                changed
            }
            Update::Patch(patch) => {
                let mut changed = Vec::new();
                for (path, bytes) in patch {
                    match bytes {
                        Some(b) => {
                            if files.get(&path) != Some(&b) {
                                changed.push(path.clone());
                            }
                            files.insert(path, b);
                        }
                        None => {
                            if files.remove(&path).is_some() {
                                changed.push(path);
                            }
                        }
                    }
                }
                changed
            }
        }
    }
}

/// The result of one render.
#[derive(Debug)]
pub struct Outcome {
    /// The new site, or what changed in it; `None` when there are errors (the last good site
    /// is kept).
    pub update: Option<Update>,
    pub errors: Vec<Diagnostic>,
    /// For a region rendered in part: the members loaded and rendered again.
    pub members: Option<Vec<String>>,
}

/// The live preview's renderer of one content folder.
#[derive(Debug)]
pub struct Session {
    content: PathBuf,
    kept: Option<Kept>,
}

/// A region as last loaded and rendered.
#[derive(Debug)]
struct Kept {
    region: Region,
    templates: Templates,
    template_errors: Vec<Diagnostic>,
    /// The paths of the region's own part the server has.
    own: Vec<String>,
    members: Vec<Slot>,
}

/// One member's two parts: its current site and its frozen editions.
#[derive(Debug, Default)]
struct Slot {
    current: Piece,
    editions: Piece,
}

/// A part of the site as the server has it, and as it is rendered now.
#[derive(Debug, Default)]
struct Piece {
    /// The paths of its files the server has.
    published: Vec<String>,
    /// As rendered (the bytes kept only until they are given to the server).
    part: Part,
    /// Rendered, not yet given to the server (an error elsewhere held the site back).
    unpublished: bool,
    /// Loaded again since it was last rendered (an error held the render back).
    stale: bool,
}

impl Piece {
    fn new(mut part: Part, files: &mut BTreeMap<String, Vec<u8>>) -> Piece {
        Piece {
            published: take_files(&mut part, files),
            part,
            unpublished: false,
            stale: false,
        }
    }

    /// Its new files into `patch` (and its old paths out), when not yet given to the server.
    fn publish(&mut self, patch: &mut BTreeMap<String, Option<Vec<u8>>>) {
        if !self.unpublished {
            return;
        }
        patch.extend(self.published.iter().map(|k| (k.clone(), None)));
        let mut files = BTreeMap::new();
        self.published = take_files(&mut self.part, &mut files);
        patch.extend(files.into_iter().map(|(k, v)| (k, Some(v))));
        self.unpublished = false;
    }
}

/// Only the errors.
fn errors(diags: impl IntoIterator<Item = Diagnostic>) -> Vec<Diagnostic> {
    diags.into_iter().filter(Diagnostic::is_error).collect()
}

impl Session {
    pub fn new(content: &Path) -> Session {
        Session {
            content: content.to_path_buf(),
            kept: None,
        }
    }

    /// Render after the files `changed` changed (`None`: the first render, or not known).
    pub fn render(&mut self, changed: Option<&BTreeSet<PathBuf>>) -> Outcome {
        if let Some(changed) = changed
            && let Some(kept) = self.kept.take()
        {
            match kept.touched(changed) {
                Some((members, editions)) => return self.again(kept, &members, &editions),
                None => drop(kept),
            }
        }
        self.full()
    }

    /// Everything loaded and rendered afresh.
    fn full(&mut self) -> Outcome {
        self.kept = None;
        if !is_region(&self.content) {
            let (rendered, report) = crate::render(&self.content);
            return Outcome {
                update: rendered.map(|r| Update::Full(r.files)),
                errors: errors(report.diagnostics),
                members: None,
            };
        }
        let (region, report) = crate::load_region(&self.content);
        let Some(region) = region else {
            return Outcome {
                update: None,
                errors: errors(report.diagnostics),
                members: None,
            };
        };
        let (templates, template_errors) = rr::templates(&region);
        let shared = rr::shared(&templates, &template_errors, &region);
        let mut own = rr::own_part(&region, &templates, &template_errors);
        let parts = rr::members(&region, shared);
        let mut assembly = Assembly::new(&region, &own);
        for (current, editions) in &parts {
            assembly.add(current);
            assembly.add(editions);
        }
        let (rendered, _, last) = assembly.finish(&own);
        let found = errors(report.diagnostics.into_iter().chain(rendered.diagnostics));
        if !found.is_empty() {
            return Outcome {
                update: None,
                errors: found,
                members: None,
            };
        }
        let mut files = BTreeMap::new();
        let own_paths = take_files(&mut own, &mut files);
        let members = parts
            .into_iter()
            .map(|(current, editions)| Slot {
                current: Piece::new(current, &mut files),
                editions: Piece::new(editions, &mut files),
            })
            .collect();
        files.extend(last);
        self.kept = Some(Kept {
            region,
            templates,
            template_errors,
            own: own_paths,
            members,
        });
        Outcome {
            update: Some(Update::Full(files)),
            errors: Vec::new(),
            members: None,
        }
    }

    /// The members at `members` loaded again (their editions too for those at `editions`)
    /// and rendered again with the region's own part; everything else kept.
    fn again(
        &mut self,
        kept: Kept,
        members: &BTreeSet<usize>,
        editions: &BTreeSet<usize>,
    ) -> Outcome {
        let mut timings = crate::Timings::new("serve");
        let Kept {
            region,
            templates,
            template_errors,
            own: own_paths,
            members: mut slots,
        } = kept;
        let names: Vec<String> = members
            .iter()
            .filter_map(|i| region.members.get(*i))
            .map(|m| m.member.id.clone())
            .collect();
        let projects: Vec<Mutex<Option<Project>>> = region
            .members
            .into_iter()
            .map(|m| Mutex::new(Some(m.project)))
            .collect();
        let region = region_with(&self.content, &|i, folder| {
            let kept = projects
                .get(i)
                .and_then(|p| p.lock().ok().and_then(|mut p| p.take()));
            match kept {
                Some(p) if !members.contains(&i) => p,
                // Frozen editions are kept unless one of their files changed (and only
                // when they were loaded: a project with errors has none).
                Some(p)
                    if !editions.contains(&i)
                        && !p.current.has_errors()
                        && p.theme_diagnostics.is_empty() =>
                {
                    crate::load::project_keeping(folder, Some(p.editions))
                }
                _ => crate::load::project(folder),
            }
        });
        for i in members {
            if let Some(slot) = slots.get_mut(*i) {
                slot.current.stale = true;
                slot.editions.stale |= editions.contains(i);
            }
        }
        let (report, ok) = crate::region_report(&region);
        timings.mark("load");
        if region.members.len() != slots.len() {
            // A member's folder is gone: the parts no longer line up.
            return Outcome {
                update: None,
                errors: errors(report.diagnostics),
                members: Some(names),
            };
        }
        let mut kept = Kept {
            region,
            templates,
            template_errors,
            own: own_paths,
            members: slots,
        };
        if !ok {
            self.kept = Some(kept);
            return Outcome {
                update: None,
                errors: errors(report.diagnostics),
                members: Some(names),
            };
        }
        let region = &kept.region;
        let shared = rr::shared(&kept.templates, &kept.template_errors, region);
        let mut own = rr::own_part(region, &kept.templates, &kept.template_errors);
        timings.mark("region's own site");
        let mut assembly = Assembly::new(region, &own);
        for (slot, mp) in kept.members.iter_mut().zip(&region.members) {
            if slot.current.stale {
                let again = slot.editions.stale;
                let (current, editions) = rr::member_parts(region, mp, shared, again);
                slot.current.part = current;
                slot.current.stale = false;
                slot.current.unpublished = true;
                if let Some(editions) = editions {
                    slot.editions.part = editions;
                    slot.editions.stale = false;
                    slot.editions.unpublished = true;
                }
            }
            assembly.add(&slot.current.part);
            assembly.add(&slot.editions.part);
        }
        timings.mark("members");
        let (rendered, _, last) = assembly.finish(&own);
        timings.mark("links, sitemap and search index");
        let found = errors(report.diagnostics.into_iter().chain(rendered.diagnostics));
        if !found.is_empty() {
            self.kept = Some(kept);
            return Outcome {
                update: None,
                errors: found,
                members: Some(names),
            };
        }
        // What changed: the region's own part, every member rendered since it was last
        // given to the server, and the sitemap.
        let mut patch: BTreeMap<String, Option<Vec<u8>>> = BTreeMap::new();
        patch.extend(kept.own.iter().map(|k| (k.clone(), None)));
        let mut files = BTreeMap::new();
        kept.own = take_files(&mut own, &mut files);
        patch.extend(files.into_iter().map(|(k, v)| (k, Some(v))));
        for slot in &mut kept.members {
            slot.current.publish(&mut patch);
            slot.editions.publish(&mut patch);
        }
        patch.extend(last.into_iter().map(|(path, bytes)| (path, Some(bytes))));
        self.kept = Some(kept);
        Outcome {
            update: Some(Update::Patch(patch)),
            errors: Vec::new(),
            members: Some(names),
        }
    }
}

/// Move a part's file bytes into `files`, keeping its paths (with no bytes) for the link
/// check and sitemap of later renders; returns the paths.
fn take_files(part: &mut Part, files: &mut BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut paths = Vec::new();
    for (path, bytes) in &mut part.rendered.files {
        files.insert(path.clone(), std::mem::take(bytes));
        paths.push(path.clone());
    }
    paths
}

impl Kept {
    /// The members whose folders hold every changed file, and those of them whose frozen
    /// editions changed; `None` when a changed file is not a member's (the region's own
    /// content, region.yaml, a theme), or when a member's folder holds the region's.
    fn touched(&self, changed: &BTreeSet<PathBuf>) -> Option<(BTreeSet<usize>, BTreeSet<usize>)> {
        let root = lexical(&self.region.own.current.root);
        let folders: Vec<PathBuf> = self
            .region
            .members
            .iter()
            .map(|m| lexical(&m.project.current.root))
            .collect();
        if folders.iter().any(|f| root.starts_with(f)) {
            return None;
        }
        let mut members = BTreeSet::new();
        let mut editions = BTreeSet::new();
        for path in changed {
            let path = lexical(path);
            let mut found = false;
            for (i, folder) in folders.iter().enumerate() {
                if path.starts_with(folder) {
                    found = true;
                    members.insert(i);
                    // The editions are rendered with the member's theme.
                    if path.starts_with(folder.join(crate::load::editions::EDITIONS))
                        || path.starts_with(folder.join(crate::load::theme::THEME_DIR))
                    {
                        editions.insert(i);
                    }
                }
            }
            if !found {
                return None;
            }
        }
        Some((members, editions))
    }
}

/// A path with its `.` and `..` parts worked out from the path alone (a member's folder is
/// written relative to region.yaml, `../../content`).
fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::CurDir => {}
            std::path::Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

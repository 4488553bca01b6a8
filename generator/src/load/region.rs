//! A region: a content folder holding `region.yaml`. The folder is loaded as an ordinary
//! project (the region's own site), then region.yaml is read and checked, and each member's
//! content folder is loaded as its own project. A member's problems carry the member's id in
//! front of their message and keep their own file, line and column.

use std::path::Path;

use hearth_model::region::{
    Combine, Member, REGION_FILE, Region as Spec, check_combine, check_region, regional_disclosure,
};
use hearth_model::where_live::{
    FIELD, Matrix, MatrixMember, check_rows_against_measure, joint_disclosure, publish_matrix,
    read_matrix,
};
use hearth_model::{Issue, Metric, Place, Unit};

use super::Project;
use crate::diag::Diagnostic;

/// A region, read: its own project, region.yaml and each member's project.
#[derive(Debug, Default)]
pub struct Region {
    /// The region's own content folder (its own site, with region.yaml's problems).
    pub own: Project,
    /// region.yaml.
    pub spec: Spec,
    /// Each member, in region.yaml's order (a member whose folder is missing is left out).
    pub members: Vec<MemberProject>,
    /// `where_children_live:`, read (rows and columns as `members`), when given and readable.
    pub where_live: Option<Matrix>,
}

/// One member council, loaded.
#[derive(Debug, Default)]
pub struct MemberProject {
    pub member: Member,
    pub project: Project,
}

/// Whether the content folder at `root` is a region (holds region.yaml).
pub fn is_region(root: &Path) -> bool {
    root.join(REGION_FILE).is_file()
}

/// The member folders region.yaml names (for the live preview to watch), none when the
/// folder is not a region or region.yaml cannot be read.
pub fn member_folders(root: &Path) -> Vec<std::path::PathBuf> {
    if !is_region(root) {
        return Vec::new();
    }
    let mut folder = super::Folder {
        root: root.to_path_buf(),
        sources: super::Sources::new(root),
        ..super::Folder::default()
    };
    let spec: Option<Spec> = folder.yaml(REGION_FILE);
    spec.map(|s| s.members.iter().map(|m| root.join(&m.path)).collect())
        .unwrap_or_default()
}

/// Load a region: its own folder, region.yaml, then every member. Never panics.
pub fn region(root: &Path) -> Region {
    region_with(root, &|_, folder| super::project(folder))
}

/// [`region`], with each member's project from `load` (given the member's place in
/// region.yaml and its folder), called on as many threads as the machine has cores: the
/// live preview passes the projects it already has for members whose files did not change.
pub fn region_with(root: &Path, load: &(dyn Fn(usize, &Path) -> Project + Sync)) -> Region {
    let mut own = super::project(root);
    let spec: Option<Spec> = own.current.yaml(REGION_FILE);
    let Some(spec) = spec else {
        return Region {
            own,
            ..Region::default()
        };
    };
    let mut issues = check_region(&spec);
    // The members' folders, loaded on every core; their problems are then taken in order.
    let mut ids = std::collections::BTreeSet::new();
    let folders: Vec<(usize, std::path::PathBuf)> = spec
        .members
        .iter()
        .enumerate()
        .filter(|(_, m)| !m.path.trim().is_empty() && ids.insert(m.id.clone()))
        .map(|(i, m)| (i, root.join(&m.path)))
        .filter(|(_, folder)| folder.is_dir())
        .collect();
    let mut loaded = load_all(&folders, load);
    let mut members = Vec::new();
    let mut ids = std::collections::BTreeSet::new();
    for (i, m) in spec.members.iter().enumerate() {
        if m.path.trim().is_empty() || !ids.insert(m.id.clone()) {
            continue;
        }
        let folder = root.join(&m.path);
        if !folder.is_dir() {
            issues.push(
                Issue::error(
                    Place::new(REGION_FILE, format!("members[{i}].path")),
                    format!(
                        "there is no content folder at `{}` for the member `{}`",
                        m.path, m.id
                    ),
                )
                .expected("the path of the member's content folder (holding site.yaml), relative to region.yaml")
                .hint(format!("the path is read from the region's folder: it names {}", folder.display())),
            );
            continue;
        }
        let mut project = loaded.remove(&i).unwrap_or_default();
        // Each problem names the member once (a project kept from an earlier load has it).
        let tag = format!("member `{}`: ", m.id);
        let prefix = |d: &mut Diagnostic| {
            if !d.message.starts_with(&tag) {
                d.message = format!("{tag}{}", d.message);
            }
        };
        project.current.diagnostics.iter_mut().for_each(prefix);
        project.theme_diagnostics.iter_mut().for_each(prefix);
        for (_, e) in &mut project.editions {
            e.diagnostics.iter_mut().for_each(prefix);
        }
        let mut member = m.clone();
        let own_code = project.current.content.site.ons_code.clone();
        match (&m.code, own_code) {
            (None, own) => member.code = own,
            (Some(given), Some(own)) if *given != own => issues.push(
                Issue::error(
                    Place::new(REGION_FILE, format!("members[{i}].code")),
                    format!(
                        "the member `{}` has the code `{given}` here but `ons_code: {own}` in its site.yaml",
                        m.id
                    ),
                )
                .expected("the same ONS area code in both, or `code:` left out here")
                .hint("leave `code:` out: a member's code is read from its site.yaml's `ons_code`"),
            ),
            _ => {}
        }
        members.push(MemberProject { member, project });
    }
    let where_live = spec.where_children_live.as_ref().and_then(|w| {
        let rows = super::where_live::rows(&mut own.current, w)?;
        let named: Vec<MatrixMember> = members
            .iter()
            .map(|mp| MatrixMember {
                id: mp.member.id.clone(),
                code: mp.member.code.clone(),
            })
            .collect();
        let (matrix, problems) = read_matrix(&rows, &named);
        let fine = !problems
            .iter()
            .any(|i| i.severity == hearth_model::Severity::Error);
        issues.extend(problems);
        fine.then_some(matrix)
    });
    if members.iter().all(|m| !m.project.current.has_errors()) {
        issues.extend(check_combine(&spec, |id| {
            members
                .iter()
                .filter_map(|mp| measure(&spec, mp, id))
                .collect()
        }));
        let joint = where_live.as_ref().and_then(|_| {
            spec.where_children_live
                .as_ref()
                .and_then(|w| w.measure.clone())
        });
        // The region's own figures for a measure it sums are read as the members' total:
        // no withheld figure may be worked out from them (with the where-children-live table
        // too, when it counts the same children).
        for (id, rule) in &spec.measures {
            if rule.combine != Combine::Sum || joint.as_deref() == Some(id) {
                continue;
            }
            let Some(own_measure) = own.current.content.metrics.iter().find(|m| &m.id == id) else {
                continue;
            };
            let theirs: Vec<(&str, &Metric)> = members
                .iter()
                .filter_map(|mp| measure(&spec, mp, id).map(|m| (mp.member.id.as_str(), m)))
                .collect();
            issues.extend(regional_disclosure(own_measure, &theirs));
        }
        if let (Some(w), Some(matrix)) = (&spec.where_children_live, &where_live) {
            let figures: Vec<(&str, Option<&Metric>)> = members
                .iter()
                .map(|mp| {
                    let m = w.measure.as_deref().and_then(|id| measure(&spec, mp, id));
                    (mp.member.id.as_str(), m)
                })
                .collect();
            let own_measure = w.measure.as_deref().and_then(|id| {
                let summed = spec
                    .measures
                    .get(id)
                    .is_some_and(|r| r.combine == Combine::Sum);
                own.current
                    .content
                    .metrics
                    .iter()
                    .find(|m| summed && m.id == id)
            });
            let checked = where_measure(w, &figures);
            let fine = checked.is_empty();
            issues.extend(checked);
            if fine {
                issues.extend(check_rows_against_measure(w, matrix, &figures));
                let rule = &own.current.content.site.suppression;
                let published = publish_matrix(matrix, rule);
                issues.extend(joint_disclosure(
                    own_measure,
                    &figures,
                    Some((w, matrix, &published)),
                ));
            }
        }
    }
    own.current.report(&issues);
    let where_live = where_live.filter(|_| !own.current.has_errors());
    Region {
        own,
        spec,
        members,
        where_live,
    }
}

/// `where_children_live.measure`: a count measure some member has.
fn where_measure(
    w: &hearth_model::where_live::WhereChildrenLive,
    figures: &[(&str, Option<&Metric>)],
) -> Vec<Issue> {
    let Some(id) = &w.measure else {
        return Vec::new();
    };
    let here = Place::new(REGION_FILE, format!("{FIELD}.measure"));
    let found: Vec<&Metric> = figures.iter().filter_map(|(_, m)| *m).collect();
    if found.is_empty() {
        return vec![
            Issue::error(here, format!("no member has a measure `{id}`"))
                .expected(
                    "the region's id of a count measure the members keep, such as children-in-care",
                )
                .hint("map a member's own id under `measures.<id>.members:` if theirs differs"),
        ];
    }
    if let Some(m) = found.iter().find(|m| m.unit != Unit::Count) {
        return vec![
            Issue::error(
                here,
                format!("`{id}` is in {}, not a count of children", m.unit.label()),
            )
            .expected(
                "a count measure whose figure at the date is every child the member looks after",
            )
            .hint("leave `measure:` out if no measure counts the same children"),
        ];
    }
    Vec::new()
}

/// `load` each of `folders` (a member's place in region.yaml and its folder) on as many
/// threads as the machine has cores, each taking the next folder not yet started.
fn load_all(
    folders: &[(usize, std::path::PathBuf)],
    load: &(dyn Fn(usize, &Path) -> Project + Sync),
) -> std::collections::BTreeMap<usize, Project> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads.min(folders.len()))
            .map(|_| {
                let next = &next;
                scope.spawn(move || {
                    let mut done = Vec::new();
                    loop {
                        let k = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((i, folder)) = folders.get(k) else {
                            break done;
                        };
                        done.push((*i, load(*i, folder)));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
            .collect()
    })
}

/// The member's measure for the region's measure `id`, if it has one.
pub fn measure<'a>(spec: &Spec, mp: &'a MemberProject, id: &str) -> Option<&'a Metric> {
    let theirs = spec.member_measure(id, &mp.member.id);
    mp.project
        .current
        .content
        .metrics
        .iter()
        .find(|m| m.id == theirs)
}

impl Region {
    /// Every problem: the region's own (region.yaml's included), then each member's.
    pub fn diagnostics(&self) -> impl Iterator<Item = &Diagnostic> {
        self.own
            .diagnostics()
            .chain(self.members.iter().flat_map(|m| m.project.diagnostics()))
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics().any(Diagnostic::is_error)
    }
}

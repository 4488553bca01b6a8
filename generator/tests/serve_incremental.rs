//! The live preview of a region renders only what a saved change touches: a member's file
//! saved loads and renders that member again (its frozen editions kept) with the region's own
//! pages, and the site served afterwards is byte for byte a full render's. A broken save keeps
//! the last good site; the fix brings the member back; a change to the region's own content
//! renders everything again.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use hearth::serve::incremental::{Session, Update};
use support::{TempDir, copy_dir};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The example region in `tmp`, laid out as in the repository (its first member is
/// `../../content`, with a frozen edition).
fn example_region(tmp: &TempDir) -> PathBuf {
    copy_dir(&repo().join("content"), &tmp.path().join("content"));
    let region = tmp.path().join("examples/region");
    copy_dir(&repo().join("examples/region"), &region);
    region
}

/// A fresh full render's files.
fn full(content: &Path) -> BTreeMap<String, Vec<u8>> {
    let (rendered, report) = hearth::render(content);
    let errors = support::error_texts(&report.diagnostics);
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    rendered.unwrap().files
}

/// Replace `from` with `to` in the file at `path` (which must hold it).
fn edit(path: &Path, from: &str, to: &str) -> BTreeSet<PathBuf> {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no `{from}`", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
    BTreeSet::from([path.to_path_buf()])
}

/// Check that the two maps are equal, naming the first path that differs.
fn same(served: &BTreeMap<String, Vec<u8>>, fresh: &BTreeMap<String, Vec<u8>>) {
    let a: Vec<_> = served.keys().collect();
    let b: Vec<_> = fresh.keys().collect();
    assert_eq!(a, b, "the served paths differ from a full render's");
    for (path, bytes) in fresh {
        assert!(
            served[path] == *bytes,
            "{path} differs from a full render's"
        );
    }
}

#[test]
fn a_members_saved_change_is_rendered_in_part_and_equals_a_full_render() {
    let tmp = TempDir::new("serve-incremental");
    let region = example_region(&tmp);
    let mut session = Session::new(&region);
    let first = session.render(None);
    assert!(first.errors.is_empty(), "{:?}", first.errors);
    assert!(matches!(first.update, Some(Update::Full(_))));
    let mut served = BTreeMap::new();
    first.update.unwrap().apply(&mut served);
    same(&served, &full(&region));

    // A figure of the first member (whose folder is outside the region's) changes (an earlier
    // year: the latest is checked against where children live): only that
    // member is rendered again, with the region's pages that show it.
    let csv = tmp.path().join("content/metrics/data/children-in-care.csv");
    let saved = edit(&csv, "2023-03-31,630,", "2023-03-31,632,");
    let outcome = session.render(Some(&saved));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    assert_eq!(outcome.members, Some(vec!["northbrook".to_string()]));
    let Some(update @ Update::Patch(_)) = outcome.update else {
        panic!("a member's change gives a patch");
    };
    let changed = update.apply(&mut served);
    assert!(changed.contains(&"compare/children-in-care/index.html".to_string()));
    assert!(
        changed.contains(&"councils/northbrook/measures/children-in-care/index.html".to_string())
    );
    assert!(
        !changed.iter().any(|p| p.starts_with("councils/eastmoor/")),
        "{changed:?}"
    );
    same(&served, &full(&region));

    // A broken save: errors, and the site served stays the last good one.
    let strategy = region.join("members/westdale/strategy.yaml");
    let good = fs::read_to_string(&strategy).unwrap();
    fs::write(&strategy, format!("{good}\nnot: [closed\n")).unwrap();
    let saved = BTreeSet::from([strategy.clone()]);
    let outcome = session.render(Some(&saved));
    assert!(outcome.update.is_none());
    assert!(
        outcome
            .errors
            .iter()
            .any(|e| e.to_string().contains("members/westdale/strategy.yaml")),
        "{:?}",
        outcome.errors
    );
    // Meanwhile another member's figure changes too; then the fix: both are published.
    let eastmoor = region.join("members/eastmoor/site.yaml");
    let text = fs::read_to_string(&eastmoor).unwrap();
    let title = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    let saved = edit(&eastmoor, &title, &format!("{title} (revised)"));
    assert!(session.render(Some(&saved)).update.is_none());
    fs::write(&strategy, &good).unwrap();
    let outcome = session.render(Some(&BTreeSet::from([strategy])));
    assert!(outcome.errors.is_empty(), "{:?}", outcome.errors);
    let changed = outcome.update.unwrap().apply(&mut served);
    assert!(
        changed.iter().any(|p| p.starts_with("councils/eastmoor/")),
        "{changed:?}"
    );
    same(&served, &full(&region));

    // A frozen edition's file: that member's editions are loaded again.
    let edition = tmp.path().join("content/editions/1.0/site.yaml");
    let text = fs::read_to_string(&edition).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    let saved = edit(&edition, &line, &format!("{line} (as published)"));
    let outcome = session.render(Some(&saved));
    assert_eq!(outcome.members, Some(vec!["northbrook".to_string()]));
    let changed = outcome.update.unwrap().apply(&mut served);
    assert!(
        changed
            .iter()
            .any(|p| p.starts_with("councils/northbrook/editions/1.0/")),
        "{changed:?}"
    );
    same(&served, &full(&region));

    // The region's own content: everything is rendered again.
    let own = region.join("site.yaml");
    let text = fs::read_to_string(&own).unwrap();
    let line = text
        .lines()
        .find(|l| l.starts_with("title:"))
        .unwrap()
        .to_string();
    let saved = edit(&own, &line, &format!("{line} (draft)"));
    let outcome = session.render(Some(&saved));
    assert_eq!(outcome.members, None);
    assert!(matches!(outcome.update, Some(Update::Full(_))));
    outcome.update.unwrap().apply(&mut served);
    same(&served, &full(&region));
}

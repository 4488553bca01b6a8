//! Site search (issue 17): the index written for the site and for each edition, every page in
//! the A to Z, the header's search box, titles escaped, a region's index covering its members.
#![allow(clippy::unwrap_used)]

mod support;

use std::collections::{BTreeMap, BTreeSet};

use hearth_model::search::{Document, Index, Searcher};
use support::{TempDir, all_files, copy_dir, example_content, valid_fixture};

/// The index a site wrote at `path`, read back as the browser module reads it.
fn index(files: &BTreeMap<String, Vec<u8>>, path: &str) -> Index {
    let text = String::from_utf8(files[path].clone()).unwrap();
    let json = text
        .strip_prefix("self.hearthSearch=")
        .and_then(|t| t.strip_suffix(";\n"))
        .unwrap();
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    let nums = |k: &str| -> Vec<u32> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|n| n.as_u64().unwrap() as u32)
            .collect()
    };
    let docs = v["docs"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let s = |i: usize| d[i].as_str().unwrap().to_string();
            Document {
                url: s(0),
                title: s(1),
                section: s(2),
                text: s(3),
            }
        })
        .collect();
    Index::from_parts(
        v["terms"].as_str().unwrap(),
        &nums("counts"),
        &nums("postings"),
        docs,
    )
    .unwrap()
}

/// The pages of the site under `prefix` (not its editions'), as addresses (`plan/a1/`).
fn pages(files: &BTreeMap<String, Vec<u8>>, prefix: &str) -> BTreeSet<String> {
    files
        .keys()
        .filter_map(|p| p.strip_prefix(prefix))
        .filter(|p| p.ends_with("index.html"))
        // Not the earlier editions' pages (the list of editions is a page of the site).
        .filter(|p| !p.starts_with("editions/") || *p == "editions/index.html")
        .filter(|p| !["search/index.html", "a-z/index.html"].contains(p))
        .map(|p| p.trim_end_matches("index.html").to_string())
        .collect()
}

#[test]
fn the_example_is_indexed_page_by_page() {
    let files = all_files(&example_content());
    let index = index(&files, "search/index.js");
    let urls: BTreeSet<String> = index.docs.iter().map(|d| d.url.clone()).collect();
    assert_eq!(urls, pages(&files, ""), "every page, and nothing else");
    let plan = index.docs.iter().find(|d| d.url == "plan/").unwrap();
    assert_eq!(plan.title, "Delivery plan");
    assert_eq!(plan.section, "Delivery plan");
    assert!(!plan.text.contains('<'), "text without tags");

    // A query finds an action's page by a word of its title, with a typo.
    let action = index
        .docs
        .iter()
        .find(|d| d.url.starts_with("plan/") && d.url.len() > "plan/".len())
        .unwrap()
        .clone();
    let word = action
        .title
        .split(' ')
        .filter(|w| w.len() >= 6 && w.chars().all(|c| c.is_ascii_alphabetic()))
        .max_by_key(|w| w.len())
        .unwrap()
        .to_lowercase();
    let typo = format!("{}{}", &word[..2], &word[3..]);
    let mut s = Searcher::new(index.clone());
    let found = s.search(&typo);
    let at = index.docs.iter().position(|d| d.url == action.url).unwrap() as u32;
    assert!(found.docs.contains(&at), "{typo} finds {}", action.url);

    // Same content, same bytes.
    let again = all_files(&example_content());
    assert_eq!(files["search/index.js"], again["search/index.js"]);
}

#[test]
fn every_page_is_in_the_a_to_z_and_has_the_search_box() {
    let files = all_files(&example_content());
    let az = String::from_utf8(files["a-z/index.html"].clone()).unwrap();
    for page in pages(&files, "") {
        assert!(
            az.contains(&format!("<a href=\"../{page}\">").replace('/', "&#x2f;")),
            "{page} is not in the A to Z"
        );
    }
    let search = String::from_utf8(files["search/index.html"].clone()).unwrap();
    assert!(search.contains("href=\"..&#x2f;a-z/\""), "the no-JS way in");
    assert!(search.contains("aria-live=\"polite\""));
    for (path, bytes) in &files {
        if path.ends_with(".html") && !path.starts_with("editions/") {
            let html = String::from_utf8_lossy(bytes);
            assert!(
                html.contains("class=\"masthead__search\" role=\"search\""),
                "{path} has no search box"
            );
        }
    }
}

#[test]
fn each_edition_searches_its_own_pages() {
    let files = all_files(&example_content());
    let editions: BTreeSet<&str> = files
        .keys()
        .filter_map(|p| p.strip_prefix("editions/"))
        .filter_map(|p| p.split_once('/').map(|(v, _)| v))
        .filter(|v| !v.ends_with(".html") && !v.is_empty())
        .collect();
    assert!(!editions.is_empty(), "the example has an edition");
    for v in editions {
        let prefix = format!("editions/{v}/");
        let index = index(&files, &format!("{prefix}search/index.js"));
        let urls: BTreeSet<String> = index.docs.iter().map(|d| d.url.clone()).collect();
        assert_eq!(urls, pages(&files, &prefix), "edition {v}");
        assert!(files.contains_key(&format!("{prefix}a-z/index.html")));
    }
}

#[test]
fn titles_are_escaped_in_the_a_to_z_and_kept_whole_in_the_index() {
    let tmp = TempDir::new("search-escape");
    let content = tmp.path().join("content");
    copy_dir(&valid_fixture("minimal"), &content);
    std::fs::write(
        content.join("pages/about.md"),
        "---\ntitle: Fish & <chips> \"now\"\n---\nSome words <b>here</b>.\n",
    )
    .unwrap();
    let files = all_files(&content);
    let az = String::from_utf8(files["a-z/index.html"].clone()).unwrap();
    assert!(
        az.contains("Fish &amp; &lt;chips&gt; &quot;now&quot;"),
        "{az}"
    );
    assert!(!az.contains("<chips>"));
    let index = index(&files, "search/index.js");
    let about = index.docs.iter().find(|d| d.url == "about/").unwrap();
    assert_eq!(about.title, "Fish & <chips> \"now\"");
    assert!(
        about.text.contains("<b>here</b>"),
        "raw HTML is shown as text: {}",
        about.text
    );
}

#[test]
fn a_regions_index_covers_its_members() {
    let files = all_files(&valid_fixture("region"));
    let index = index(&files, "search/index.js");
    let member = index
        .docs
        .iter()
        .find(|d| d.url.starts_with("councils/") && d.url.ends_with("/plan/"))
        .unwrap();
    assert!(
        member.section.ends_with(": Delivery plan"),
        "{}",
        member.section
    );
    assert!(index.docs.iter().all(|d| !d.url.contains("editions/")));
    let own: Vec<_> = index
        .docs
        .iter()
        .filter(|d| !d.url.starts_with("councils/"))
        .collect();
    assert!(own.iter().any(|d| d.url == "plan/"));
    // Each member keeps its own index of its own pages.
    let id = member.url.split('/').nth(1).unwrap();
    let theirs = self::index(&files, &format!("councils/{id}/search/index.js"));
    assert!(theirs.docs.iter().all(|d| !d.url.starts_with("councils/")));
}

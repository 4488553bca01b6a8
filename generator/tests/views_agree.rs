//! Every view of an action says the same thing: for every action of the example, of a
//! Every view of an action says the same thing: for every action of the example, of a
//! fixture whose actions often name no owner, of one whose actions often have no rating and of
//! one whose actions and workstreams name several owners and leads, the owners, status, rating
//! and timescale on its page, on the plan page, in `/data/actions.json`, in `/data/actions.csv`
//! and in the plan's filter index agree. An action with no rating is "Not rated" on the pages
//! and in the filter, and has no rating in the data.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use hearth_model::Date;
use serde_json::Value;

mod support;
use support::{text_files as rendered, valid_fixture as fixture};

/// What one view says of an action: owners, status, rating (its key; `None` when not rated),
/// timescale label, last day of the timescale.
#[derive(Debug, PartialEq, Eq, Clone)]
struct Facts {
    owners: Vec<String>,
    status: Option<String>,
    rag: Option<String>,
    timescale: Option<String>,
    end: Option<String>,
}

/// How pages and the filter name an action with no rating.
const NOT_RATED: (&str, &str) = ("not-rated", "Not rated");

/// A rating as a page or the filter shows it (key and label), as the data give it: the key,
/// or `None` for "Not rated" (whose label must then be "Not rated").
fn rating(id: &str, key: &str, label: &str, view: &str) -> Option<String> {
    if key == NOT_RATED.0 {
        assert_eq!(label, NOT_RATED.1, "{id}: {view}: the label of no rating");
        None
    } else {
        assert_ne!(
            label, NOT_RATED.1,
            "{id}: {view}: a rated action called not rated"
        );
        Some(key.to_string())
    }
}

/// The key and label of the first rating badge in `html`.
fn badge(html: &str) -> Option<(String, String)> {
    let rest = html.split("<span class=\"rag rag--").nth(1)?;
    let key = rest.split('"').next()?.to_string();
    let label = rest
        .split("</span>")
        .nth(1)?
        .split('<')
        .next()?
        .trim()
        .to_string();
    Some((key, label))
}

fn example() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn trimmed(s: Option<&str>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

/// Undo the HTML escaping minijinja applies.
fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&#x2f;", "/")
        .replace("&amp;", "&")
}

/// The text of the `<dd>` after `<dt>{label}</dt>` in an action page, up to the first tag.
fn dd(page: &str, label: &str) -> Option<String> {
    let start = page.find(&format!("<dt>{label}</dt><dd>"))? + label.len() + 13;
    let rest = &page[start..];
    let end = rest.find('<').unwrap_or(rest.len());
    trimmed(Some(&unescape(&rest[..end])))
}

/// The items of the first `<ul>` of `html`, unescaped and trimmed.
fn list_items(html: &str) -> Vec<String> {
    let list = html.split("</ul>").next().unwrap_or_default();
    list.split("<li>")
        .skip(1)
        .filter_map(|li| trimmed(Some(&unescape(li.split("</li>").next().unwrap_or(li)))))
        .collect()
}

/// The owners a page's facts list shows: one under "Owner", several listed under "Owners".
fn owners_in(html: &str) -> Vec<String> {
    if let Some(one) = dd(html, "Owner") {
        assert!(!html.contains("<dt>Owners</dt>"), "both Owner and Owners");
        return vec![one];
    }
    match html.split_once("<dt>Owners</dt><dd>") {
        Some((_, rest)) => {
            let owners = list_items(rest);
            assert!(owners.len() > 1, "“Owners” with fewer than two: {owners:?}");
            owners
        }
        None => Vec::new(),
    }
}

/// An action's facts from a record that gives each field by name; `owners` splits its
/// owners (a list in JSON, one cell in CSV).
fn facts(
    field: impl Fn(&str) -> Option<String>,
    owners: impl Fn() -> Vec<String>,
) -> (String, Facts) {
    let id = field("id").unwrap();
    let facts = Facts {
        owners: owners(),
        status: field("status"),
        rag: field("rag"),
        timescale: field("timescale"),
        end: field("end"),
    };
    (id, facts)
}

fn from_json(files: &BTreeMap<String, String>) -> BTreeMap<String, Facts> {
    let rows: Vec<Value> = serde_json::from_str(&files["data/actions.json"]).unwrap();
    rows.iter()
        .map(|r| {
            let owners: Vec<String> = r["owners"]
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o.as_str().unwrap().to_string())
                .collect();
            // `owner` is the owners joined with "; ", as it was before there could be several.
            let joined = (!owners.is_empty()).then(|| owners.join("; "));
            assert_eq!(r["owner"].as_str().map(str::to_string), joined, "{r}");
            facts(|k| trimmed(r[k].as_str()), || owners.clone())
        })
        .collect()
}

fn from_csv(files: &BTreeMap<String, String>) -> BTreeMap<String, Facts> {
    let records = hearth::load::csv::read(&files["data/actions.csv"]).unwrap();
    let head = &records[0].cells;
    let col = |name: &str| head.iter().position(|h| h == name).unwrap();
    records[1..]
        .iter()
        .map(|r| {
            let owners = || {
                r.cells[col("owner")]
                    .split("; ")
                    .filter_map(|o| trimmed(Some(o)))
                    .collect()
            };
            facts(|k| trimmed(Some(&r.cells[col(k)])), owners)
        })
        .collect()
}

fn from_pages(
    files: &BTreeMap<String, String>,
    ids: impl Iterator<Item = String>,
) -> BTreeMap<String, Facts> {
    ids.map(|id| {
        let page = &files[&format!("plan/{id}/index.html")];
        let status = dd(page, "Where we are now").filter(|s| s != "No update yet");
        let end = page
            .split("<time datetime=\"")
            .nth(2)
            .and_then(|t| t.split('"').next())
            .map(str::to_string);
        let main = page.split("<main").nth(1).unwrap();
        let (key, label) = badge(main).unwrap_or_else(|| panic!("{id}: no rating on its page"));
        let facts = Facts {
            owners: owners_in(page),
            status,
            rag: rating(&id, &key, &label, "its page"),
            timescale: dd(page, "Timescale")
                .map(|t| t.split(" (").next().unwrap_or(&t).to_string()),
            end,
        };
        (id, facts)
    })
    .collect()
}

/// What the plan page shows of each action: its owners.
fn plan_page_owners_agree(files: &BTreeMap<String, String>, want: &BTreeMap<String, Facts>) {
    let page = &files["plan/index.html"];
    for (id, facts) in want {
        let start = page
            .find(&format!("<li class=\"action\" data-action-id=\"{id}\""))
            .unwrap_or_else(|| panic!("{id} is not on the plan page"));
        let article = &page[start..];
        let article = &article[..article.find("</article>").unwrap()];
        assert_eq!(
            owners_in(article),
            facts.owners,
            "{id}: the plan page's owners"
        );
    }
}

/// The filter index as the plan page carries it: owner labels, whether the status is in
/// the searchable text, and the due day.
fn index_agrees(files: &BTreeMap<String, String>, want: &BTreeMap<String, Facts>) {
    let page = &files["plan/index.html"];
    let json = page
        .split("<script type=\"application/json\" id=\"f-index\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    let index: Value = serde_json::from_str(json).unwrap();
    let facets = index["facets"].as_array().unwrap();
    let owner_facet = facets.iter().position(|f| f["name"] == "owner").unwrap();
    let owners = facets[owner_facet]["values"].as_array().unwrap();
    let rag_facet = facets.iter().position(|f| f["name"] == "rag").unwrap();
    let rags = facets[rag_facet]["values"].as_array().unwrap();
    let not_rated_offered = rags.iter().any(|v| v["key"] == NOT_RATED.0);
    assert_eq!(
        not_rated_offered,
        want.values().any(|f| f.rag.is_none()),
        "the filter offers \"Not rated\" when, and only when, some action is not rated"
    );
    for item in index["items"].as_array().unwrap() {
        let id = item["id"].as_str().unwrap();
        let facts = &want[id];
        let mut owner: Vec<String> = item["f"][owner_facet]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                owners[i.as_u64().unwrap() as usize]["label"]
                    .as_str()
                    .unwrap()
                    .to_string()
            })
            .collect();
        owner.sort();
        let mut want_owners = facts.owners.clone();
        want_owners.sort();
        want_owners.dedup();
        assert_eq!(owner, want_owners, "{id}: the filter index's owners");
        let rag: Vec<Option<String>> = item["f"][rag_facet]
            .as_array()
            .unwrap()
            .iter()
            .map(|i| {
                let v = &rags[i.as_u64().unwrap() as usize];
                rating(
                    id,
                    v["key"].as_str().unwrap(),
                    v["label"].as_str().unwrap(),
                    "the filter index",
                )
            })
            .collect();
        assert_eq!(
            rag,
            std::slice::from_ref(&facts.rag),
            "{id}: the filter index's rating"
        );
        let text = item["t"].as_str().unwrap();
        if let Some(status) = &facts.status {
            assert!(
                text.lines().any(|l| l == status.to_lowercase()),
                "{id}: the filter index does not search the status “{status}”"
            );
        }
        let due = item["d"].as_i64();
        let end = facts
            .end
            .as_ref()
            .map(|e| e.parse::<Date>().unwrap().to_days());
        assert_eq!(due, end, "{id}: the filter index's due day");
    }
    assert_eq!(
        index["items"].as_array().unwrap().len(),
        want.len(),
        "every action is in the filter index"
    );
}

/// Each action on the plan page (`/plan/`): its `data-rag` (what the filter and the styles
/// read) and its badge.
fn plan_page_agrees(files: &BTreeMap<String, String>, want: &BTreeMap<String, Facts>) {
    let page = &files["plan/index.html"];
    let mut seen = 0;
    for item in page.split("<li class=\"action\" data-action-id=\"").skip(1) {
        let id = item.split('"').next().unwrap();
        let key = item
            .split("data-rag=\"")
            .nth(1)
            .and_then(|r| r.split('"').next())
            .unwrap();
        let (badge_key, label) = badge(item).unwrap();
        assert_eq!(key, badge_key, "{id}: the plan page's data-rag and badge");
        assert_eq!(
            rating(id, key, &label, "the plan page"),
            want[id].rag,
            "{id}: the plan page's rating"
        );
        seen += 1;
    }
    assert_eq!(seen, want.len(), "every action is on the plan page");
}

fn check(content: &Path) -> BTreeMap<String, Facts> {
    let files = rendered(content);
    let json = from_json(&files);
    let csv = from_csv(&files);
    let pages = from_pages(&files, json.keys().cloned());
    assert!(!json.is_empty());
    for (id, facts) in &json {
        assert_eq!(
            Some(facts),
            csv.get(id),
            "{id}: actions.json and actions.csv"
        );
        assert_eq!(
            Some(facts),
            pages.get(id),
            "{id}: actions.json and its page"
        );
    }
    assert_eq!(json.len(), csv.len());
    plan_page_owners_agree(&files, &json);
    index_agrees(&files, &json);
    plan_page_agrees(&files, &json);
    json
}

#[test]
fn every_view_of_every_example_action_agrees() {
    let actions = check(&example());
    assert!(
        actions.len() >= 40,
        "the example has {} actions",
        actions.len()
    );
}

#[test]
fn an_action_without_an_owner_shows_its_workstream_lead_everywhere() {
    let actions = check(&fixture("missing-owners"));
    let owner = |id: &str| -> Option<&str> {
        let owners = &actions[id].owners;
        assert!(owners.len() <= 1, "{id}: {owners:?}");
        owners.first().map(String::as_str)
    };
    // No owner: the workstream's lead.
    assert_eq!(owner("fc-01"), Some("Head of Fostering & Adoption (North)"));
    assert_eq!(owner("fc-03"), Some("Head of Fostering & Adoption (North)"));
    // Its own owner.
    assert_eq!(owner("fc-02"), Some("Finance Business Partner"));
    // No owner and no lead: none, in every view.
    assert_eq!(owner("res-01"), None);
    assert_eq!(
        owner("res-02"),
        Some("Head of Fostering & Adoption (North)")
    );
}

#[test]
fn an_action_without_a_rating_is_not_rated_everywhere() {
    let actions = check(&fixture("sparse-document"));
    let rag = |id: &str| actions[id].rag.as_deref();
    assert_eq!(rag("fc-01"), None);
    assert_eq!(rag("fc-02"), Some("green"));
    assert_eq!(rag("fc-03"), None);
}

#[test]
fn the_example_rates_most_actions_and_leaves_standing_practices_unrated() {
    let actions = check(&example());
    let unrated: Vec<&str> = actions
        .iter()
        .filter(|(_, f)| f.rag.is_none())
        .map(|(id, _)| id.as_str())
        .collect();
    assert_eq!(unrated, ["cm-03", "fc-17"]);
}

#[test]
fn an_action_with_two_owners_shows_both_everywhere_and_is_found_by_either() {
    let content = fixture("priority-tables");
    let actions = check(&content);
    let owners = |id: &str| actions[id].owners.clone();
    // Two owners of its own.
    assert_eq!(
        owners("fc-01"),
        ["Fostering Recruitment Manager", "Communications Lead"]
    );
    // No owner: both of its workstream's leads.
    assert_eq!(
        owners("fc-02"),
        ["Head of Fostering", "Commissioning Manager"]
    );
    // One owner, written as text as before.
    assert_eq!(owners("fc-03"), ["Fostering Recruitment Manager"]);
    assert_eq!(owners("res-01"), ["Head of Residential Care"]);

    // Choosing either owner in the plan's filter finds the action.
    let files = rendered(&content);
    let json = files["plan/index.html"]
        .split("<script type=\"application/json\" id=\"f-index\">")
        .nth(1)
        .and_then(|s| s.split("</script>").next())
        .unwrap();
    let index: hearth_model::filter::Index = serde_json::from_str(json).unwrap();
    let found = |owner: &str| -> Vec<String> {
        let key = hearth_model::validate::slugify(owner);
        let query = index.query([("owner", key.as_str())]);
        assert!(query.problems.is_empty(), "{owner}: {:?}", query.problems);
        let outcome = index.apply(&query);
        index
            .items
            .iter()
            .zip(outcome.visible)
            .filter(|(_, shown)| *shown)
            .map(|(item, _)| item.id.clone())
            .collect()
    };
    assert_eq!(found("Communications Lead"), ["fc-01"]);
    assert_eq!(found("Fostering Recruitment Manager"), ["fc-01", "fc-03"]);
    assert_eq!(found("Commissioning Manager"), ["fc-02"]);
}

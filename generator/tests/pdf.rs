//! `hearth pdf`: the board pack of the example, made from the site's own pages.

use std::path::{Path, PathBuf};

use hearth::pdf::html::Block;

fn example() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../content")
}

fn temp(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hearth-pdf-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("test setup");
    dir
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

#[test]
fn the_example_pack_is_a_tagged_pdf_made_the_same_way_twice() {
    let dir = temp("example");
    let out = dir.join("a.pdf");
    let r = hearth::pdf::board_pack(&example(), None, &out);
    assert!(r.written, "{:?}", r.diagnostics);
    assert!(r.pages > 30, "{} pages", r.pages);
    assert_eq!(r.missing, 0, "every character of the example has a glyph");
    let x = std::fs::read(&out).expect("test setup");
    // The same content gives the same pack.
    let (rendered, _) = hearth::render(&example());
    let (cover, prefix) = hearth::pdf::cover_of(&example(), None).expect("test setup");
    let again = hearth::pdf::make(&rendered.expect("test setup").files, &prefix, &cover)
        .expect("test setup");
    assert!(x == again.bytes, "the same content gives the same pack");
    assert!(x.starts_with(b"%PDF-1.7"));
    // Tagged, with a language, and claiming PDF/UA-1 (krilla checked it before writing).
    for needle in [
        "/StructTreeRoot",
        "/MarkInfo",
        "/Lang",
        "pdfuaid:part",
        "/Outlines",
    ] {
        assert!(contains(&x, needle), "{needle} missing");
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_pack_holds_the_plan_as_tables_with_statuses_in_words_and_every_chart() {
    let (rendered, report) = hearth::render(&example());
    let files = rendered.expect("the example builds").files;
    assert_eq!(report.errors(), 0);
    let blocks = hearth::pdf::body(&files, "");
    let heading = |t: &str| {
        blocks
            .iter()
            .any(|b| matches!(b, Block::Heading { level: 1, text } if text == t))
    };
    for part in [
        "About the strategy",
        "Delivery plan",
        "Measures",
        "What changed",
    ] {
        assert!(heading(part), "no part {part}");
    }
    // Every action of the plan is a row of an actions table, its status in words.
    let actions: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Table(t) if t.caption.ends_with(": actions") => Some(t),
            _ => None,
        })
        .collect();
    let rows: usize = actions.iter().map(|t| t.body.len()).sum();
    assert_eq!(rows, 50, "the example has 50 actions");
    for t in &actions {
        assert_eq!(t.head[0][1].text, "Status");
        for row in &t.body {
            assert!(row[0].row_header);
            assert!(
                row[1].text.chars().any(char::is_alphabetic),
                "status of {} in words: {:?}",
                row[0].text,
                row[1].text
            );
        }
    }
    // A chart for each chart on the measure pages, with the page's summary.
    let on_pages: usize = files
        .iter()
        .filter(|(p, _)| p.starts_with("measures/") && p.ends_with("/index.html"))
        .map(|(_, b)| {
            String::from_utf8_lossy(b)
                .matches("class=\"chart\"")
                .count()
        })
        .sum();
    let charts: Vec<_> = blocks
        .iter()
        .filter_map(|b| match b {
            Block::Chart { summary, .. } => Some(summary),
            _ => None,
        })
        .collect();
    assert!(
        charts.len() >= on_pages && on_pages > 10,
        "{} of {on_pages}",
        charts.len()
    );
    assert!(charts.iter().all(|s| !s.is_empty()));
    // Nothing of the screen-only parts: no filter counts, no download links.
    let text = format!("{blocks:?}");
    assert!(!text.contains("Showing "));
    assert!(!text.contains("Download this data"));
}

#[test]
fn an_earlier_edition_has_its_own_pack_and_an_unknown_one_is_an_error() {
    let dir = temp("edition");
    let out = dir.join("old.pdf");
    let r = hearth::pdf::board_pack(&example(), Some("1.0"), &out);
    assert!(r.written, "{:?}", r.diagnostics);
    // Its title page gives the edition it is.
    let (cover, prefix) = hearth::pdf::cover_of(&example(), Some("1.0")).expect("test setup");
    assert_eq!(cover.edition.as_deref(), Some("1.0"));
    assert_eq!(prefix, "editions/1.0/");
    let r = hearth::pdf::board_pack(&example(), Some("9.9"), &dir.join("none.pdf"));
    assert!(!r.written);
    let message = r
        .diagnostics
        .iter()
        .map(|d| d.to_string())
        .collect::<String>();
    assert!(message.contains("there is no edition 9.9"), "{message}");
    assert!(message.contains("1.0"), "{message}");
    assert!(!dir.join("none.pdf").exists());
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn content_with_errors_leaves_the_previous_pack_alone() {
    let dir = temp("broken");
    let out = dir.join("pack.pdf");
    std::fs::write(&out, b"previous").expect("test setup");
    let broken = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/invalid");
    let first = std::fs::read_dir(&broken)
        .expect("test setup")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.join("site.yaml").exists())
        .min()
        .expect("an invalid fixture");
    let r = hearth::pdf::board_pack(&first, None, &out);
    assert!(!r.written);
    assert!(r.diagnostics.iter().any(|d| d.is_error()));
    assert_eq!(std::fs::read(&out).expect("test setup"), b"previous");
    let _ = std::fs::remove_dir_all(&dir);
}

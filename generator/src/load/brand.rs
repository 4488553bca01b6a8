//! The logo named in `site.yaml` `branding.logo`: checked and read at load time, so the
//! renderer only copies its bytes into the site.

use std::fs;

use hearth_model::validate::SITE_FILE;
use hearth_model::{Issue, Place};

use super::Folder;

/// Logos larger than this are refused (a masthead logo is a few kilobytes).
pub const MAX_LOGO_BYTES: u64 = 1024 * 1024;

/// Image types a logo may be, by extension.
const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp", "avif"];

/// A logo read from the content folder.
#[derive(Debug, Clone)]
pub struct Logo {
    /// Where it goes in the site: `static/brand/logo.<ext>`.
    pub path: String,
    pub bytes: Vec<u8>,
}

/// Read the logo named in `branding.logo`, or report why not.
pub(super) fn load_logo(loaded: &mut Folder) -> Option<Logo> {
    let logo = loaded.content.site.branding.logo.clone()?;
    let fail = |loaded: &mut Folder, message: String, hint: String| -> Option<Logo> {
        let issue = Issue::error(Place::new(SITE_FILE, "branding.logo"), message)
            .expected(format!(
                "the path of an image in the content folder ({}), such as theme/logo.svg",
                LOGO_TYPES.join(", ")
            ))
            .hint(hint);
        let d = loaded.sources.diagnose(&issue);
        loaded.diagnostics.push(d);
        None
    };
    let rel = match super::csvimport::inside("", &logo) {
        Ok(r) => r,
        Err(why) => {
            return fail(
                loaded,
                format!("the logo `{logo}` {why}"),
                "copy the image into the content folder and give its path from there".into(),
            );
        }
    };
    let ext = rel
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    if !LOGO_TYPES.contains(&ext.as_str()) {
        return fail(
            loaded,
            format!("the logo `{logo}` is not an image file Hearth publishes"),
            "save the logo as SVG (best: sharp at any size) or PNG".into(),
        );
    }
    let path = loaded.root.join(&rel);
    let inside_root = match (loaded.root.canonicalize(), path.canonicalize()) {
        (Ok(root), Ok(p)) => p.starts_with(root),
        _ => true,
    };
    match fs::metadata(&path) {
        Err(_) => {
            let looked = loaded.sources.display(&rel);
            fail(
                loaded,
                format!("there is no logo file `{logo}` (looked for {looked})"),
                "the path is relative to the content folder (the folder holding site.yaml)".into(),
            )
        }
        Ok(m) if !m.is_file() => fail(
            loaded,
            format!("the logo `{logo}` is a folder, not an image file"),
            "give the path of the image file itself".into(),
        ),
        Ok(_) if !inside_root => fail(
            loaded,
            format!("the logo `{logo}` is a link to a file outside the content folder"),
            "copy the image into the content folder instead of linking to it".into(),
        ),
        Ok(m) if m.len() > MAX_LOGO_BYTES => fail(
            loaded,
            format!("the logo `{logo}` is too large ({} bytes)", m.len()),
            format!(
                "a masthead logo needs at most {MAX_LOGO_BYTES} bytes: export it smaller, or as SVG"
            ),
        ),
        Ok(_) => match super::read_bounded(&path, MAX_LOGO_BYTES) {
            Ok(bytes) => Some(Logo {
                path: format!("static/brand/logo.{ext}"),
                bytes,
            }),
            Err(e) => fail(
                loaded,
                format!("cannot read the logo `{logo}`: {e}"),
                "check the file's permissions".into(),
            ),
        },
    }
}

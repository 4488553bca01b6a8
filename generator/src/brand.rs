//! Branding from `site.yaml` `branding:`: the logo (copied into the site and shown in the
//! masthead), the colours (written to `static/css/brand.css`, which sets the custom properties
//! `hearth.css` uses, so no page carries a `style`), and extra footer links. The colours'
//! contrast is checked by `hearth_model::colour` during validation.

use std::fs;

use hearth_model::colour::Palette;
use hearth_model::validate::SITE_FILE;
use hearth_model::{Issue, Place, Site};
use serde_json::{Value, json};

use crate::load::Loaded;
use crate::site::Builder;

/// Logos larger than this are refused (a masthead logo is a few kilobytes).
pub const MAX_LOGO_BYTES: u64 = 1024 * 1024;

/// Image types a logo may be, by extension.
const LOGO_TYPES: &[&str] = &["svg", "png", "jpg", "jpeg", "gif", "webp", "avif"];

/// Where the generated colours go in the site.
pub const BRAND_CSS: &str = "static/css/brand.css";

/// Read the logo named in `branding.logo` into `loaded.brand_files`, or report why not.
pub(crate) fn load_logo(loaded: &mut Loaded) {
    let Some(logo) = loaded.content.site.branding.logo.clone() else {
        return;
    };
    let place = Place::new(SITE_FILE, "branding.logo");
    let fail = |loaded: &mut Loaded, message: String, hint: String| {
        let issue = Issue::error(place.clone(), message)
            .expected(format!(
                "the path of an image in the content folder ({}), such as theme/logo.svg",
                LOGO_TYPES.join(", ")
            ))
            .hint(hint);
        let d = loaded.diagnose(&issue);
        loaded.diagnostics.push(d);
    };
    let rel = match crate::csvimport::inside("", &logo) {
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
    let meta = fs::metadata(&path);
    match meta {
        Err(_) => fail(
            loaded,
            format!(
                "there is no logo file `{logo}` (looked for {})",
                loaded.display(&rel)
            ),
            "the path is relative to the content folder (the folder holding site.yaml)".into(),
        ),
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
        Ok(_) => match crate::load::read_bounded(&path, MAX_LOGO_BYTES) {
            Ok(bytes) => {
                loaded
                    .brand_files
                    .insert(format!("static/brand/logo.{ext}"), bytes);
            }
            Err(e) => fail(
                loaded,
                format!("cannot read the logo `{logo}`: {e}"),
                "check the file's permissions".into(),
            ),
        },
    }
}

/// The stylesheet setting the theme's colour properties, when `branding.colours` gives any.
pub fn brand_css(site: &Site) -> Option<String> {
    let c = &site.branding.colours;
    if c.brand.is_none() && c.brand_text.is_none() && c.link.is_none() && c.focus.is_none() {
        return None;
    }
    let p = Palette::of(site)?;
    let mut css = String::from(
        "/* Written by Hearth from site.yaml `branding.colours`: change them there, not here. */\n:root {\n",
    );
    let mut set = |name: &str, value: String| {
        css.push_str(&format!("  --{name}: {value};\n"));
    };
    if c.brand.is_some() || c.brand_text.is_some() {
        set("brand", p.brand.hex());
        set("brand-ink", p.brand_text.hex());
        set("brand-deep", p.brand_deep().hex());
        set("brand-accent", p.brand_accent().hex());
    }
    if c.link.is_some() {
        set("link", p.link.hex());
    }
    if c.focus.is_some() {
        set("focus", p.focus.hex());
    }
    css.push_str("}\n");
    Some(css)
}

/// Whether a URL is relative to the page (no scheme, not `/...` or `#...`), so it needs the
/// path back to the site root in front of it.
fn page_relative(url: &str) -> bool {
    let u = url.trim();
    let before = u.split(['/', '?', '#']).next().unwrap_or("");
    !before.contains(':') && !u.starts_with('/') && !u.starts_with('#')
}

impl Builder<'_> {
    /// The template context for `site.branding`: the logo's address, whether `brand.css`
    /// exists, and the footer links that are safe to publish.
    pub(crate) fn branding_json(&self) -> Value {
        let b = &self.c.site.branding;
        let logo = self
            .loaded
            .brand_files
            .keys()
            .find(|k| k.starts_with("static/brand/logo."))
            .cloned();
        let mut links = Vec::new();
        for (i, l) in b.footer_links.iter().enumerate() {
            if crate::markdown::is_safe_url(&l.url) {
                links.push(json!({"title": l.title, "url": l.url.trim(), "relative": page_relative(&l.url)}));
            } else {
                let issue = Issue::warning(
                    Place::new(SITE_FILE, format!("branding.footer_links[{i}].url")),
                    format!(
                        "the address `{}` is not a web address and is left out",
                        l.url.chars().take(60).collect::<String>()
                    ),
                )
                .expected("an https://, http:// or mailto: address, or a path on this site")
                .hint("addresses that run code (javascript:, data:, ...) are never published");
                self.diag(self.loaded.diagnose(&issue));
            }
        }
        json!({
            "logo": logo,
            "css": brand_css(&self.c.site).is_some(),
            "footer_links": links,
        })
    }

    /// Add the logo and `brand.css` to the site.
    pub(crate) fn brand_files(&mut self) {
        for (path, bytes) in &self.loaded.brand_files {
            self.out.insert(path.clone(), bytes.clone());
        }
        if let Some(css) = brand_css(&self.c.site) {
            self.out.insert(BRAND_CSS.to_string(), css.into_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_sets_only_what_is_given() {
        let mut site = Site::default();
        assert_eq!(brand_css(&site), None);
        site.branding.colours.link = Some("#1D70B8".into());
        let css = brand_css(&site).unwrap_or_default();
        assert!(css.contains("  --link: #1d70b8;\n"), "{css}");
        assert!(!css.contains("--brand"), "{css}");
        site.branding.colours.brand = Some("#00703c".into());
        let css = brand_css(&site).unwrap_or_default();
        assert!(css.contains("--brand: #00703c;"), "{css}");
        assert!(css.contains("--brand-ink: #ffffff;"), "{css}");
        assert!(css.contains("--brand-deep: #"), "{css}");
        // A colour that is not one gives no stylesheet (validation reports it).
        site.branding.colours.focus = Some("yellow".into());
        assert_eq!(brand_css(&site), None);
    }

    #[test]
    fn relative_urls() {
        assert!(page_relative("accessibility/"));
        assert!(page_relative("page.html#x"));
        assert!(!page_relative("https://example.org/a"));
        assert!(!page_relative("mailto:a@b"));
        assert!(!page_relative("/privacy"));
        assert!(!page_relative("#top"));
    }
}

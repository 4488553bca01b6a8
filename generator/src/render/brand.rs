//! Branding from `site.yaml` `branding:`: the logo (read at load time, copied into the site
//! and shown in the masthead), the colours (written to `static/css/brand.css`, which sets the
//! custom properties `hearth.css` uses, so no page carries a `style`), and extra footer links. The colours'
//! contrast is checked by `hearth_model::colour` during validation.

use hearth_model::colour::Palette;
use hearth_model::validate::SITE_FILE;
use hearth_model::{Issue, Place, Site as SiteContent};
use serde::Serialize;

use super::markdown::is_safe_url;
use super::site::Site;

/// Where the generated colours go in the site.
pub const BRAND_CSS: &str = "static/css/brand.css";

/// The stylesheet setting the theme's colour properties, when `branding.colours` gives any.
pub fn brand_css(site: &SiteContent) -> Option<String> {
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

/// A footer link's address with a root-relative path (`/privacy/`, not `//host/`) made
/// relative to the site's root (`privacy/`; `/` alone is `./`).
fn site_path(url: &str) -> &str {
    let u = url.trim();
    match u.strip_prefix('/') {
        Some("") => "./",
        Some(rest) if !rest.starts_with('/') => rest,
        _ => u,
    }
}

/// `site.branding` as pages see it: the logo's address, whether `brand.css` exists, and the
/// footer links that are safe to publish.
#[derive(Debug, Serialize)]
pub struct BrandingView {
    pub logo: Option<String>,
    pub css: bool,
    pub footer_links: Vec<FooterLinkView>,
}

#[derive(Debug, Serialize)]
pub struct FooterLinkView {
    pub title: String,
    pub url: String,
    /// Whether the address is relative to the page (the root goes in front of it).
    pub relative: bool,
}

impl BrandingView {
    pub fn new(site: &Site<'_>) -> BrandingView {
        let b = &site.c.site.branding;
        let mut links = Vec::new();
        for (i, l) in b.footer_links.iter().enumerate() {
            if is_safe_url(&l.url) {
                links.push(FooterLinkView {
                    title: l.title.clone(),
                    // `/privacy/` is this site's root, as in Markdown: written from the
                    // root prefix, so the link works from a sub-path too.
                    url: site_path(&l.url).to_string(),
                    relative: page_relative(site_path(&l.url)),
                });
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
                site.issue(&issue);
            }
        }
        BrandingView {
            logo: site.folder.logo.as_ref().map(|l| l.path.clone()),
            css: brand_css(&site.c.site).is_some(),
            footer_links: links,
        }
    }
}

/// Add the logo and `brand.css` to the site.
pub fn files(site: &mut Site<'_>) {
    if let Some(logo) = &site.folder.logo {
        site.out.insert(logo.path.clone(), logo.bytes.clone());
    }
    if let Some(css) = brand_css(&site.c.site) {
        site.text(BRAND_CSS, css);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn css_sets_only_what_is_given() {
        let mut site = SiteContent::default();
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
        // A path from the site's root becomes relative to it.
        assert_eq!(site_path(" /privacy/"), "privacy/");
        assert_eq!(site_path("/"), "./");
        assert!(page_relative(site_path("/privacy/")));
        assert_eq!(site_path("https://example.org/"), "https://example.org/");
    }
}

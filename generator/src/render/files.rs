//! The site's files that are not pages: `sitemap.xml` and `_headers` (the security headers
//! for hosts that read it).

use hearth_model::Severity;
use hearth_model::validate::SITE_FILE;

use super::site::Site;
use crate::diag::{Diagnostic, Location};

/// The Content Security Policy of every page (the meta tag in base.html says the same; a
/// test checks they agree).
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'";

/// `sitemap.xml`: every page written so far, under `base_url` when site.yaml gives one.
pub fn sitemap(site: &mut Site<'_>) {
    let base = site.c.site.base_url.clone().unwrap_or_default();
    let base = if base.is_empty() || base.ends_with('/') {
        base
    } else {
        format!("{base}/")
    };
    if base.is_empty() {
        let at = Location {
            file: site.folder.sources.display(SITE_FILE),
            pos: None,
            field: "base_url".into(),
        };
        let mut d = Diagnostic::error(
            at,
            "`base_url` is not set, so sitemap.xml lists addresses relative to the site",
        )
        .with_hint("set `base_url:` to the address the site will be published at");
        d.severity = Severity::Warning;
        site.diag(d);
    }
    let xml = sitemap_xml(&base, site.out.keys());
    site.text("sitemap.xml", xml);
}

/// The sitemap of every page (`index.html`) among `paths`, under `base` (empty, or ending in
/// `/`).
pub fn sitemap_xml<'p>(base: &str, paths: impl Iterator<Item = &'p String>) -> String {
    let mut urls: Vec<String> = paths
        .filter(|k| k.ends_with("index.html"))
        .map(|k| format!("{base}{}", k.trim_end_matches("index.html")))
        .collect();
    urls.sort();
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    for u in urls {
        xml.push_str(&format!("  <url><loc>{}</loc></url>\n", xml_escape(&u)));
    }
    xml.push_str("</urlset>\n");
    xml
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// `_headers` for hosts that read it (Netlify, Cloudflare Pages and others): the same
/// Content Security Policy as every page's meta tag, plus what a meta tag cannot carry.
/// Not for an earlier edition (it lives inside the current site).
pub fn headers(site: &mut Site<'_>) {
    if site.history.archived.is_some() {
        return;
    }
    let text = format!(
        "/*\n  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Content-Type-Options: nosniff\n  Referrer-Policy: strict-origin-when-cross-origin\n  X-Frame-Options: DENY\n  Permissions-Policy: camera=(), microphone=(), geolocation=(), interest-cohort=()\n\n/*.wasm\n  Content-Type: application/wasm\n"
    );
    site.text("_headers", text);
}

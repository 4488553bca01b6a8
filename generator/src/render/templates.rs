//! The templates: minijinja with HTML auto-escaping and strict undefined values, compiled
//! once per build from the theme (the embedded default with the content's overrides).
//!
//! - **Strict**: a template naming a value the page does not have (a misspelt name, a field
//!   one level down that does not exist) is a build error at the template's file and line,
//!   never an empty string. The page views (`super::view` and each part's module) always
//!   carry every field, so "no value" is `none`, which templates test with `{% if %}`.
//! - **Trusted HTML is marked on the Rust side** ([`super::view::Html`],
//!   [`super::view::ScriptJson`]). The `safe` filter is replaced by one that changes nothing,
//!   so a template (an ejected one included) cannot turn content text into markup.

use std::path::Path;

use minijinja::{AutoEscape, Environment, UndefinedBehavior, Value};

use crate::diag::{Diagnostic, Location};
use crate::load::Theme;
use crate::load::yamlpos::Pos;

/// The compiled templates of a theme.
#[derive(Debug)]
pub struct Templates {
    env: Environment<'static>,
    /// Where each overridden template came from (name -> path shown in errors).
    overridden: Vec<(String, String)>,
    /// The size of each template's last page, so the next starts with room for it (a page
    /// grown a piece at a time was copied each time its buffer doubled).
    sizes: std::sync::Mutex<rustc_hash::FxHashMap<String, usize>>,
}

impl Templates {
    /// Compile every template of `theme` (overrides read from `content`'s theme folder).
    /// Templates that do not compile are reported and left out.
    pub fn new(theme: &Theme, content: &Path) -> (Templates, Vec<Diagnostic>) {
        let mut env = Environment::new();
        env.set_debug(true);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".svg") {
                AutoEscape::Html
            } else {
                AutoEscape::None
            }
        });
        // Hearth marks its own HTML safe; `|safe` in a template changes nothing.
        env.add_filter("safe", |v: Value| v);
        // `{{ contact.email|mailto }}`: the `mailto:` address of an email address, or "" for
        // text that is not one (shown without a link; `Site::email` warns about it).
        env.add_filter("mailto", |v: Value| {
            v.as_str()
                .and_then(super::markdown::mail_address)
                .map(|a| format!("mailto:{a}"))
                .unwrap_or_default()
        });
        let overridden = theme
            .overridden
            .iter()
            .filter_map(|p| p.strip_prefix("templates/"))
            .map(|name| {
                let shown = content.join("theme").join("templates").join(name);
                (name.to_string(), shown.display().to_string())
            })
            .collect();
        let mut templates = Templates {
            env: Environment::new(),
            overridden,
            sizes: Default::default(),
        };
        let mut diags = Vec::new();
        for (name, bytes) in theme.templates() {
            let Ok(text) = std::str::from_utf8(bytes) else {
                diags.push(Diagnostic::file(
                    templates.shown(name),
                    "this template is not UTF-8 text",
                ));
                continue;
            };
            if let Err(e) = env.add_template_owned(name.to_string(), text.to_string()) {
                diags.push(templates.error(name, &e));
            }
        }
        templates.env = env;
        (templates, diags)
    }

    /// Render the template `name` with a context already made into a template value.
    pub fn render_value(
        &self,
        name: &str,
        context: minijinja::Value,
    ) -> Result<Vec<u8>, Box<Diagnostic>> {
        let last = self.sizes.lock().ok().and_then(|s| s.get(name).copied());
        let mut out = Vec::with_capacity(last.map_or(0, |n| n + n / 8));
        self.env
            .get_template(name)
            .and_then(|t| t.render_captured_to(context, &mut out))
            .map_err(|e| Box::new(self.error(name, &e)))?;
        if let Ok(mut sizes) = self.sizes.lock() {
            match sizes.get_mut(name) {
                Some(size) => *size = out.len(),
                None => {
                    sizes.insert(name.to_string(), out.len());
                }
            }
        }
        Ok(out)
    }

    /// The file a template is read from, as shown in a diagnostic.
    fn shown(&self, name: &str) -> String {
        match self.overridden.iter().find(|(n, _)| n == name) {
            Some((_, path)) => path.clone(),
            None => format!("templates/{name} (Hearth's default theme)"),
        }
    }

    /// A template error at the template's file, line and column, with the expression.
    fn error(&self, name: &str, e: &minijinja::Error) -> Diagnostic {
        let file = e.name().unwrap_or(name);
        let source = e.template_source();
        let range = e.range();
        let column = range
            .as_ref()
            .zip(source)
            .map_or(1, |(r, s)| crate::diag::line_col(s, r.start).1);
        let expression = range.zip(source).and_then(|(r, s)| s.get(r));
        let detail = e
            .detail()
            .map(str::to_string)
            .unwrap_or_else(|| e.kind().to_string());
        let (message, expected, hint) = match (e.kind(), expression) {
            (minijinja::ErrorKind::UndefinedError, Some(expr)) => (
                format!("template error: `{expr}` is not defined for this page"),
                "a name this page's data has (see the default template of the same name)",
                "check the spelling; a value the content may leave out is `none`, so test it with {% if ... %}",
            ),
            (minijinja::ErrorKind::UndefinedError, None) => (
                format!("template error: {detail}"),
                "a name this page's data has (see the default template of the same name)",
                "check the spelling of the names used on this line",
            ),
            (_, Some(expr)) => (
                format!("template error: {detail} (in `{expr}`)"),
                "a template minijinja can run",
                "see the minijinja documentation for the syntax",
            ),
            (_, None) => (
                format!("template error: {detail}"),
                "a template minijinja can run",
                "see the minijinja documentation for the syntax",
            ),
        };
        let mut d = Diagnostic::error(
            Location {
                file: self.shown(file),
                pos: e.line().map(|line| Pos { line, column }),
                field: String::new(),
            },
            message,
        )
        .with_expected(expected)
        .with_hint(hint);
        if let Some(s) = source {
            d = d.with_source(s);
        }
        d
    }
}

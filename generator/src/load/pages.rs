//! Markdown pages (`pages/*.md`): YAML front matter, then the body.

use std::path::Path;

use hearth_model::{Page, PageFront};

use super::Folder;
use super::source::{SourceFile, display_path};
use super::yaml;
use super::yamlpos::{Pos, PosIndex};
use crate::diag::{Diagnostic, Location};

impl Folder {
    pub(super) fn page(&mut self, rel: &str) -> Option<Page> {
        let text = self.read(rel)?;
        let shown = display_path(&self.root, rel);
        let Some((front_text, body, body_line)) = split_front_matter(&text) else {
            self.diagnostics.push(
                Diagnostic::error(
                    Location {
                        file: shown.clone(),
                        pos: Some(Pos { line: 1, column: 1 }),
                        field: String::new(),
                    },
                    "the page has no front matter",
                )
                .with_expected("the file to start with a `---` line, then `title: ...`, then a closing `---` line")
                .with_hint("add front matter such as:\n       ---\n       title: Introduction\n       ---"),
            );
            self.sources.insert(
                rel,
                SourceFile {
                    display: shown,
                    index: PosIndex::default(),
                    text,
                    csv: Vec::new(),
                },
            );
            return None;
        };
        let front_text = front_text.to_string();
        let body = body.to_string();
        let index = PosIndex::build(&front_text, 1);
        let file = SourceFile {
            display: shown,
            text: text.clone(),
            index,
            csv: Vec::new(),
        };
        let result = yaml::parse_yaml::<PageFront>(&file, 1, &front_text);
        self.sources.insert(rel, file);
        let front = match result {
            Ok(f) => f,
            Err(d) => {
                self.diagnostics.extend(d);
                return None;
            }
        };
        let stem = Path::new(rel)
            .file_stem()
            .map(|s| s.to_string_lossy().to_string())
            .unwrap_or_default();
        let slug = front.slug.clone().unwrap_or(stem);
        Some(Page {
            file: rel.to_string(),
            front,
            body,
            body_line,
            slug,
        })
    }
}

/// Split `---\nfront\n---\nbody` into (front, body, first body line).
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let rest = text
        .strip_prefix("---\n")
        .or_else(|| text.strip_prefix("---\r\n"))?;
    let mut offset = 0;
    for (n, line) in rest.split_inclusive('\n').enumerate() {
        if line.trim_end() == "---" {
            let front = &rest[..offset];
            let body = &rest[offset + line.len()..];
            // Line 1 is the opening `---`; the front matter has n lines; then the closing line.
            return Some((front, body, n + 3));
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_split() {
        let (f, b, line) =
            split_front_matter("---\ntitle: A\nslug: a\n---\nHello\n").unwrap_or_default();
        assert_eq!(f, "title: A\nslug: a\n");
        assert_eq!(b, "Hello\n");
        assert_eq!(line, 5);
        assert!(split_front_matter("no front matter").is_none());
    }
}

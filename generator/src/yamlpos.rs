//! Where each value sits in a YAML file, by field path.
//!
//! serde_yaml turns YAML into typed data but does not say where a value came from once it is
//! parsed. Validation finds problems by field path (`actions[3].priorities[0]`), so this index
//! walks the same text with an event parser and records the line and column of every node,
//! keyed by the path serde_path_to_error would give it.

use std::collections::HashMap;

use saphyr_parser::{Event, Parser, Span};

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Pos {
    pub line: usize,
    pub column: usize,
}

#[derive(Clone, Debug, Default)]
pub struct PosIndex {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

enum Frame {
    Map { path: String, key: Option<String> },
    Seq { path: String, next: usize },
}

fn join(parent: &str, key: &str) -> String {
    if parent.is_empty() {
        key.to_string()
    } else {
        format!("{parent}.{key}")
    }
}

fn pos(span: &Span, line_offset: usize) -> Pos {
    Pos {
        line: span.start.line() + line_offset,
        column: span.start.col() + 1,
    }
}

impl PosIndex {
    /// Index `text`. `line_offset` is added to every line (for front matter inside Markdown).
    /// Text that does not parse gives a partial index: positions are a convenience, and the
    /// syntax error itself is reported by serde_yaml.
    pub fn build(text: &str, line_offset: usize) -> PosIndex {
        let mut index = PosIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut root_done = false;
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else { break };
            let p = pos(&span, line_offset);
            match event {
                Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..) => {
                    // Work out this node's path from its parent.
                    let path = match stack.last_mut() {
                        None => {
                            if root_done {
                                break; // a second document: ignore
                            }
                            root_done = true;
                            Some(String::new())
                        }
                        Some(Frame::Seq { path, next }) => {
                            let p = format!("{path}[{next}]");
                            *next += 1;
                            Some(p)
                        }
                        Some(Frame::Map { path, key }) => match key.take() {
                            Some(k) => Some(join(path, &k)),
                            None => {
                                // This node is a key.
                                let name = match &event {
                                    Event::Scalar(v, ..) => v.to_string(),
                                    _ => "?".to_string(),
                                };
                                index.keys.entry(join(path, &name)).or_insert(p);
                                *key = Some(name);
                                None
                            }
                        },
                    };
                    if let Some(path) = &path {
                        index.values.entry(path.clone()).or_insert(p);
                    }
                    match event {
                        Event::MappingStart(..) => stack.push(Frame::Map {
                            path: path.unwrap_or_else(|| "?".into()),
                            key: None,
                        }),
                        Event::SequenceStart(..) => stack.push(Frame::Seq {
                            path: path.unwrap_or_else(|| "?".into()),
                            next: 0,
                        }),
                        _ => {}
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        index
    }

    /// The position of the value at `path`, or of its nearest ancestor that has one.
    pub fn locate(&self, path: &str) -> Option<Pos> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.values.get(&p) {
                return Some(*pos);
            }
            if p.is_empty() {
                return None;
            }
            p = parent(&p);
        }
    }

    /// The position of the key that names the field at `path`.
    pub fn locate_key(&self, path: &str) -> Option<Pos> {
        self.keys.get(path).copied()
    }
}

/// `a.b[2].c` -> `a.b[2]` -> `a.b` -> `a` -> ``.
pub fn parent(path: &str) -> String {
    if path.ends_with(']')
        && let Some(i) = path.rfind('[')
    {
        return path[..i].to_string();
    }
    match path.rfind('.') {
        Some(i) => path[..i].to_string(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_nested_paths() {
        let text =
            "id: x\nactions:\n  - id: a1\n    priorities: [p1, p2]\n  - id: a2\n    rag: red\n";
        let idx = PosIndex::build(text, 0);
        assert_eq!(idx.locate("id"), Some(Pos { line: 1, column: 5 }));
        assert_eq!(
            idx.locate("actions[0].priorities[1]"),
            Some(Pos {
                line: 4,
                column: 22
            })
        );
        assert_eq!(
            idx.locate("actions[1].rag"),
            Some(Pos {
                line: 6,
                column: 10
            })
        );
        assert_eq!(
            idx.locate_key("actions[1].rag"),
            Some(Pos { line: 6, column: 5 })
        );
        // Unknown paths fall back to the nearest ancestor.
        assert_eq!(
            idx.locate("actions[1].owner"),
            Some(Pos { line: 5, column: 5 })
        );
    }

    #[test]
    fn parents() {
        assert_eq!(parent("a.b[2].c"), "a.b[2]");
        assert_eq!(parent("a.b[2]"), "a.b");
        assert_eq!(parent("a"), "");
    }
}

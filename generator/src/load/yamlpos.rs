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

/// How deeply content may nest (the deepest real content is about six levels). Checked
/// before serde_yaml sees the text: its scanner is quadratic in the depth of `[[[[...`.
pub const MAX_DEPTH: usize = 64;

/// How many nodes aliases (`*name`) may add, counting every node each alias repeats.
/// serde_yaml limits the number of alias jumps but not what each one copies, so a small file
/// could otherwise expand to millions of values ("billion laughs").
pub const MAX_ALIAS_NODES: usize = 100_000;

/// A file whose shape is refused before it is parsed into data.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Excess {
    /// Nested deeper than [`MAX_DEPTH`]: the node that went over.
    Depth(Pos),
    /// Aliases add more than [`MAX_ALIAS_NODES`] nodes: the alias that went over.
    Aliases(Pos),
}

/// A key given twice in one mapping.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DuplicateKey {
    /// The field path of the key (`actions[0].rag`).
    pub path: String,
    pub first: Pos,
    pub second: Pos,
}

#[derive(Clone, Debug, Default)]
pub struct PosIndex {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    duplicates: Vec<DuplicateKey>,
    excess: Option<Excess>,
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
        // Alias accounting: nodes counted so far (with aliases expanded), nodes added by
        // aliases, the expanded size of each anchor, and where each open collection started.
        let mut counted: usize = 0;
        let mut by_alias: usize = 0;
        let mut anchor_size: HashMap<usize, usize> = HashMap::new();
        let mut open: Vec<(usize, usize)> = Vec::new();
        for item in Parser::new_from_str(text) {
            let (event, span) = match item {
                Ok(x) => x,
                Err(e) => {
                    // The scanner reads ahead, so very deep flow nesting (`[[[[...`) fails
                    // here before the events that would have gone over MAX_DEPTH.
                    if e.info().contains("recursion limit") {
                        let m = e.marker();
                        index.excess = Some(Excess::Depth(Pos {
                            line: m.line() + line_offset,
                            column: m.col() + 1,
                        }));
                    }
                    break;
                }
            };
            let p = pos(&span, line_offset);
            match &event {
                Event::Scalar(_, _, anchor, _) => {
                    counted = counted.saturating_add(1);
                    if *anchor > 0 {
                        anchor_size.insert(*anchor, 1);
                    }
                }
                Event::Alias(anchor) => {
                    let n = anchor_size.get(anchor).copied().unwrap_or(1);
                    counted = counted.saturating_add(n);
                    by_alias = by_alias.saturating_add(n);
                    if by_alias > MAX_ALIAS_NODES {
                        index.excess = Some(Excess::Aliases(p));
                        break;
                    }
                }
                Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                    open.push((*anchor, counted));
                    counted = counted.saturating_add(1);
                    if open.len() > MAX_DEPTH {
                        index.excess = Some(Excess::Depth(p));
                        break;
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    if let Some((anchor, start)) = open.pop()
                        && anchor > 0
                    {
                        anchor_size.insert(anchor, counted - start);
                    }
                }
                _ => {}
            }
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
                                let key_path = join(path, &name);
                                match index.keys.get(&key_path) {
                                    Some(first) => index.duplicates.push(DuplicateKey {
                                        path: key_path,
                                        first: *first,
                                        second: p,
                                    }),
                                    None => {
                                        index.keys.insert(key_path, p);
                                    }
                                }
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

    /// Keys given twice in one mapping, in file order.
    pub fn duplicate_keys(&self) -> &[DuplicateKey] {
        &self.duplicates
    }

    /// Whether the file nests too deeply or repeats too much through aliases.
    pub fn excess(&self) -> Option<Excess> {
        self.excess
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
    fn finds_duplicate_keys() {
        let idx = PosIndex::build("a: 1\nb:\n  c: 1\n  c: 2\n", 0);
        assert_eq!(
            idx.duplicate_keys(),
            &[DuplicateKey {
                path: "b.c".into(),
                first: Pos { line: 3, column: 3 },
                second: Pos { line: 4, column: 3 },
            }]
        );
    }

    #[test]
    fn refuses_deep_nesting_and_alias_bombs() {
        let deep = format!("a: {}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(matches!(
            PosIndex::build(&deep, 0).excess(),
            Some(Excess::Depth(_))
        ));
        let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n\
                    b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
                    c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
                    d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
                    e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
                    f: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
        // a is 11 nodes, b 111, c 1,111, d 11,111: the budget runs out within e.
        assert!(matches!(
            PosIndex::build(bomb, 0).excess(),
            Some(Excess::Aliases(Pos { line: 5, .. }))
        ));
        let fine = "a: &a {x: 1}\nb: *a\nc: [[[1]]]\n";
        assert_eq!(PosIndex::build(fine, 0).excess(), None);
    }

    #[test]
    fn parents() {
        assert_eq!(parent("a.b[2].c"), "a.b[2]");
        assert_eq!(parent("a.b[2]"), "a.b");
        assert_eq!(parent("a"), "");
    }
}

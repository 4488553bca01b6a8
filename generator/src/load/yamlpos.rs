//! Where each value sits in a YAML file, by field path.
//!
//! serde_yaml turns YAML into typed data but does not say where a value came from once it is
//! parsed. Validation finds problems by field path (`actions[3].priorities[0]`), so this index
//! walks the same text with an event parser and records the line and column of every node,
//! keyed by the path serde_path_to_error would give it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, ScanError, Span};

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

/// Where each value and key of one file is, with the file's duplicate keys and excess.
///
/// [`PosIndex::build`] only checks the file's shape (depth, aliases, duplicate keys): most
/// files are never asked for a position, and the paths of every node cost more than the
/// check. The positions are worked out the first time one is asked for ([`PosIndex::locate`]),
/// from the file's text, which the index keeps; a file whose check finds a duplicate key or
/// an excess is indexed at once.
#[derive(Clone, Debug, Default)]
pub struct PosIndex {
    /// The text and its line offset, for the positions not worked out yet.
    text: Option<(Box<str>, usize)>,
    full: OnceLock<Positions>,
    duplicates: Vec<DuplicateKey>,
    excess: Option<Excess>,
}

/// The position of every value and key, by field path.
#[derive(Clone, Debug, Default)]
struct Positions {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
}

/// A collection open during [`PosIndex::build`]'s check: a mapping's keys so far and
/// whether its next node is a key, or a list.
enum Open<'t> {
    Map {
        keys: Vec<Cow<'t, str>>,
        key_next: bool,
    },
    Seq,
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

/// Alias accounting while indexing: nodes counted so far (with aliases expanded), nodes added
/// by aliases, the expanded size of each anchor, and where each open collection started.
#[derive(Default)]
struct AliasBudget {
    counted: usize,
    by_alias: usize,
    anchor_size: HashMap<usize, usize>,
    open: Vec<(usize, usize)>,
}

impl AliasBudget {
    /// Count the node `event` (at `p`) adds, aliases expanded; the excess if the file now
    /// nests deeper than [`MAX_DEPTH`] or its aliases add more than [`MAX_ALIAS_NODES`] nodes.
    fn count(&mut self, event: &Event<'_>, p: Pos) -> Option<Excess> {
        match event {
            Event::Scalar(_, _, anchor, _) => {
                self.counted = self.counted.saturating_add(1);
                if *anchor > 0 {
                    self.anchor_size.insert(*anchor, 1);
                }
            }
            Event::Alias(anchor) => {
                let n = self.anchor_size.get(anchor).copied().unwrap_or(1);
                self.counted = self.counted.saturating_add(n);
                self.by_alias = self.by_alias.saturating_add(n);
                if self.by_alias > MAX_ALIAS_NODES {
                    return Some(Excess::Aliases(p));
                }
            }
            Event::MappingStart(anchor, _) | Event::SequenceStart(anchor, _) => {
                self.open.push((*anchor, self.counted));
                self.counted = self.counted.saturating_add(1);
                if self.open.len() > MAX_DEPTH {
                    return Some(Excess::Depth(p));
                }
            }
            Event::MappingEnd | Event::SequenceEnd => {
                if let Some((anchor, start)) = self.open.pop()
                    && anchor > 0
                {
                    self.anchor_size.insert(anchor, self.counted - start);
                }
            }
            _ => {}
        }
        None
    }
}

/// The excess a scanner error means, if it is one. The scanner reads ahead, so very deep
/// flow nesting (`[[[[...`) fails here before the events that would have gone over
/// [`MAX_DEPTH`].
fn scanner_excess(e: &ScanError, line_offset: usize) -> Option<Excess> {
    if !e.info().contains("recursion limit") {
        return None;
    }
    let m = e.marker();
    Some(Excess::Depth(Pos {
        line: m.line() + line_offset,
        column: m.col() + 1,
    }))
}

impl PosIndex {
    /// Index `text`. `line_offset` is added to every line (for front matter inside Markdown).
    /// Text that does not parse gives a partial index: positions are a convenience, and the
    /// syntax error itself is reported by serde_yaml.
    pub fn build(text: &str, line_offset: usize) -> PosIndex {
        if Self::needs_full(text) {
            return Self::full(text, line_offset);
        }
        PosIndex {
            text: Some((text.into(), line_offset)),
            ..PosIndex::default()
        }
    }

    /// Whether `text` has what [`PosIndex::full`] reports at once: a key given twice in one
    /// mapping, nesting deeper than [`MAX_DEPTH`], aliases over [`MAX_ALIAS_NODES`], or a
    /// scanner error (which may be one of those). Reads the events without any paths.
    fn needs_full(text: &str) -> bool {
        let mut open: Vec<Open<'_>> = Vec::new();
        let mut root_done = false;
        let mut budget = AliasBudget::default();
        for item in Parser::new_from_str(text) {
            let Ok((event, span)) = item else {
                return true;
            };
            if budget.count(&event, pos(&span, 0)).is_some() {
                return true;
            }
            match &event {
                Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..) => {
                    if open.is_empty() && root_done {
                        break; // a second document: ignore
                    }
                    root_done = true;
                    if let Some(Open::Map { keys, key_next }) = open.last_mut() {
                        if *key_next {
                            let name = match &event {
                                Event::Scalar(v, ..) => v.clone(),
                                _ => Cow::Borrowed("?"),
                            };
                            if keys.contains(&name) {
                                return true;
                            }
                            keys.push(name);
                        }
                        *key_next = !*key_next;
                    }
                    match event {
                        Event::MappingStart(..) => open.push(Open::Map {
                            keys: Vec::new(),
                            key_next: true,
                        }),
                        Event::SequenceStart(..) => open.push(Open::Seq),
                        _ => {}
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    open.pop();
                }
                _ => {}
            }
        }
        false
    }

    /// Index `text` in full, at once.
    fn full(text: &str, line_offset: usize) -> PosIndex {
        let (positions, duplicates, excess) = Self::index(text, line_offset);
        PosIndex {
            text: None,
            full: OnceLock::from(positions),
            duplicates,
            excess,
        }
    }

    /// The positions worked out (from the kept text the first time).
    fn positions(&self) -> &Positions {
        self.full.get_or_init(|| match &self.text {
            Some((text, offset)) => Self::index(text, *offset).0,
            None => Positions::default(),
        })
    }

    /// Every position in `text`, its duplicate keys and its excess.
    fn index(text: &str, line_offset: usize) -> (Positions, Vec<DuplicateKey>, Option<Excess>) {
        let mut index = Indexing::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut root_done = false;
        let mut budget = AliasBudget::default();
        for item in Parser::new_from_str(text) {
            let (event, span) = match item {
                Ok(x) => x,
                Err(e) => {
                    if let Some(excess) = scanner_excess(&e, line_offset) {
                        index.excess = Some(excess);
                    }
                    break;
                }
            };
            let p = pos(&span, line_offset);
            if let Some(excess) = budget.count(&event, p) {
                index.excess = Some(excess);
                break;
            }
            match event {
                Event::Scalar(..)
                | Event::Alias(_)
                | Event::MappingStart(..)
                | Event::SequenceStart(..) => {
                    if stack.is_empty() && root_done {
                        break; // a second document: ignore
                    }
                    index.add_node(&mut stack, &mut root_done, &event, p);
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                _ => {}
            }
        }
        (
            Positions {
                values: index.values,
                keys: index.keys,
            },
            index.duplicates,
            index.excess,
        )
    }

    /// The position of the value at `path`, or of its nearest ancestor that has one.
    pub fn locate(&self, path: &str) -> Option<Pos> {
        let mut p = path.to_string();
        loop {
            if let Some(pos) = self.positions().values.get(&p) {
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
        self.positions().keys.get(path).copied()
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

/// [`PosIndex::index`] under way.
#[derive(Default)]
struct Indexing {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    duplicates: Vec<DuplicateKey>,
    excess: Option<Excess>,
}

impl Indexing {
    /// Record the node `event` (a scalar, an alias, or the start of a mapping or list) at `p`:
    /// the position of its value, worked out from its parent on `stack`, or of its key when
    /// it is a mapping's key. A mapping or list is pushed onto `stack`; the root sets
    /// `root_done`.
    fn add_node(
        &mut self,
        stack: &mut Vec<Frame>,
        root_done: &mut bool,
        event: &Event<'_>,
        p: Pos,
    ) {
        // Work out this node's path from its parent.
        let path = match stack.last_mut() {
            None => {
                *root_done = true;
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
                    *key = Some(self.add_key(path, event, p));
                    None
                }
            },
        };
        if let Some(path) = &path {
            self.values.entry(path.clone()).or_insert(p);
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

    /// Record the key `event` at `p` in the mapping at `parent`, and a duplicate if the
    /// mapping already has that key. Returns the key's name (`?` for a key that is not a
    /// scalar).
    fn add_key(&mut self, parent: &str, event: &Event<'_>, p: Pos) -> String {
        let name = match event {
            Event::Scalar(v, ..) => v.to_string(),
            _ => "?".to_string(),
        };
        let key_path = join(parent, &name);
        match self.keys.get(&key_path) {
            Some(first) => self.duplicates.push(DuplicateKey {
                path: key_path,
                first: *first,
                second: p,
            }),
            None => {
                self.keys.insert(key_path, p);
            }
        }
        name
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
    fn positions_are_worked_out_when_first_asked_for() {
        let text = "a: 1\nb:\n  - {c: 2, d: [x, y]}\n  - ? [k]\n    : v\nc: q\n";
        let lazy = PosIndex::build(text, 3);
        assert!(lazy.text.is_some() && lazy.full.get().is_none());
        let eager = PosIndex::full(text, 3);
        for path in [
            "a",
            "b",
            "b[0].c",
            "b[0].d[1]",
            "b[1]",
            "b[1].?",
            "c",
            "b[0].e",
            "z",
        ] {
            assert_eq!(lazy.locate(path), eager.locate(path), "{path}");
            assert_eq!(lazy.locate_key(path), eager.locate_key(path), "{path}");
        }
        assert_eq!(
            lazy.locate("b[0].d[1]"),
            Some(Pos {
                line: 6,
                column: 19
            })
        );
        // Files with something to report are indexed at once.
        for bad in ["a: 1\na: 2\n", "a: [1\n", "x: {? [k]: 1, ? {j: 2}: 3}\n"] {
            let index = PosIndex::build(bad, 0);
            assert!(index.text.is_none(), "{bad}");
        }
        assert_eq!(
            PosIndex::build("x: {? [k]: 1, ? {j: 2}: 3}\n", 0)
                .duplicate_keys()
                .len(),
            1
        );
        assert!(PosIndex::build("a: 1\n---\na: 2\n", 0).text.is_some());
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

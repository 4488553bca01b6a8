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
/// [`PosIndex::build`] only checks the file's shape (depth and aliases), and for most files
/// without parsing it ([`surely_within_limits`]): most files are never asked for a position,
/// and the paths of every node cost more than the check. The positions and duplicate keys
/// are worked out the first time one is asked for ([`PosIndex::locate`],
/// [`PosIndex::duplicate_keys`]), from the file's text, which the index keeps; a file whose
/// check finds an excess is indexed at once.
#[derive(Clone, Debug, Default)]
pub struct PosIndex {
    /// The text and its line offset, for the positions not worked out yet.
    text: Option<(Box<str>, usize)>,
    full: OnceLock<Positions>,
    excess: Option<Excess>,
}

/// The position of every value and key, by field path, and the keys given twice.
#[derive(Clone, Debug, Default)]
struct Positions {
    values: HashMap<String, Pos>,
    keys: HashMap<String, Pos>,
    duplicates: Vec<DuplicateKey>,
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

/// Whether `text` is sure to be within [`MAX_DEPTH`] and [`MAX_ALIAS_NODES`], from its bytes
/// alone (no YAML parse): `false` means "not sure", and [`PosIndex::needs_full`] then reads
/// the events. It never says `true` of a file over either limit:
/// - Aliases repeat only what an anchor (`&name`) marks, so a file where every `&` is
///   followed by a space or the end of a line (`Q & A`) has none to repeat.
/// - Nesting: take the deepest chain of collections. Its block collections start at
///   columns that never go down, and two in a row share a column only when a list sits
///   under a key at the key's own indentation. Those starting at a column within the
///   deepest line indentation `I` are at most 2 per column, `2 * (I + 1)`; any starting
///   further right all begin on one line, each after a `-`, `?` or `:` on it, so at most
///   `K`, the most of those characters on a line. A flow collection needs a `[` or `{`,
///   plus at most one implied mapping inside each (`[a: b]`): `2 * F`, with `F` the deepest
///   bracket depth counted so that it never falls short: brackets left open at the end of a
///   line stay counted for the rest of the file, and a `]` or `}` closes only a bracket
///   opened earlier on its own line, and only on a line with no quote or `#` (elsewhere it
///   may be text in a quoted value or a comment). A `]` outside quotes and comments is
///   either a real close or text in a plain value outside any brackets, so the count never
///   falls below the real depth. So depth <= `2 * (I + 1) + K + 2 * F`.
/// - Tabs at the start of a line, and line breaks other than `\n` and `\r\n`, are left to
///   the parser.
pub(crate) fn surely_within_limits(text: &str) -> bool {
    let (mut indent, mut indicators) = (0usize, 0usize);
    // Brackets still open from earlier lines, and the most open at any point.
    let (mut carried, mut flow_max) = (0usize, 0usize);
    for line in text.as_bytes().split(|&b| b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        let lead = line.iter().take_while(|&&b| b == b' ').count();
        if line.get(lead) == Some(&b'\t') {
            return false;
        }
        indent = indent.max(lead);
        let closes = !line.iter().any(|&b| matches!(b, b'"' | b'\'' | b'#'));
        let (mut on_line, mut open) = (0usize, 0usize);
        for (i, &b) in line.iter().enumerate() {
            match b {
                b'-' | b'?' | b':' => on_line += 1,
                b'[' | b'{' => {
                    open += 1;
                    flow_max = flow_max.max(carried + open);
                }
                b']' | b'}' if closes => open = open.saturating_sub(1),
                b'&' if !matches!(line.get(i + 1), None | Some(b' ' | b'\t')) => return false,
                // A lone carriage return, or the start of U+0085, U+2028 or U+2029.
                b'\r' => return false,
                0xC2 | 0xE2 if is_other_break(&line[i..]) => return false,
                _ => {}
            }
        }
        indicators = indicators.max(on_line);
        carried += open;
    }
    let bound = 2usize
        .saturating_mul(indent + 1)
        .saturating_add(indicators)
        .saturating_add(flow_max.saturating_mul(2));
    bound <= MAX_DEPTH
}

/// Whether `rest` starts with NEL (U+0085), LINE SEPARATOR or PARAGRAPH SEPARATOR, which
/// some YAML readers take as line breaks.
fn is_other_break(rest: &[u8]) -> bool {
    rest.starts_with("\u{85}".as_bytes())
        || rest.starts_with("\u{2028}".as_bytes())
        || rest.starts_with("\u{2029}".as_bytes())
}

impl PosIndex {
    /// Index `text`. `line_offset` is added to every line (for front matter inside Markdown).
    /// Text that does not parse gives a partial index: positions are a convenience, and the
    /// syntax error itself is reported by serde_yaml.
    pub fn build(text: &str, line_offset: usize) -> PosIndex {
        if !surely_within_limits(text) && Self::needs_full(text) {
            return Self::full(text, line_offset);
        }
        PosIndex {
            text: Some((text.into(), line_offset)),
            ..PosIndex::default()
        }
    }

    /// Whether `text` may have what [`PosIndex::full`] reports at once: nesting deeper than
    /// [`MAX_DEPTH`], aliases over [`MAX_ALIAS_NODES`], or a scanner error (which may be one
    /// of those); also a key given twice in one mapping. Reads the events without any paths.
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
        let (positions, excess) = Self::index(text, line_offset);
        PosIndex {
            text: None,
            full: OnceLock::from(positions),
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

    /// Every position in `text` with its duplicate keys, and its excess.
    fn index(text: &str, line_offset: usize) -> (Positions, Option<Excess>) {
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
                duplicates: index.duplicates,
            },
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

    /// Keys given twice in one mapping, in file order (worked out when first asked for).
    pub fn duplicate_keys(&self) -> &[DuplicateKey] {
        &self.positions().duplicates
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
        // Duplicate keys and syntax errors are worked out when asked for, as positions are.
        for (bad, duplicates) in [
            ("a: 1\na: 2\n", 1),
            ("a: [1\n", 0),
            ("x: {? [k]: 1, ? {j: 2}: 3}\n", 1),
        ] {
            let index = PosIndex::build(bad, 0);
            assert!(index.text.is_some(), "{bad}");
            assert_eq!(index.duplicate_keys().len(), duplicates, "{bad}");
            assert_eq!(
                index.duplicate_keys(),
                PosIndex::full(bad, 0).duplicate_keys(),
                "{bad}"
            );
        }
        // A file over a limit is indexed at once.
        let deep = format!("a: {}{}", "[".repeat(100), "]".repeat(100));
        assert!(PosIndex::build(&deep, 0).text.is_none());
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

    /// The deepest nesting and the alias count, as the full check sees them.
    fn over_a_limit(text: &str) -> bool {
        PosIndex::full(text, 0).excess().is_some()
    }

    #[test]
    fn the_byte_check_passes_everyday_content() {
        for text in [
            "title: Children's homes & fostering\nactions:\n  - id: a1\n    rag: red\n    \
             priorities: [p1, p2]\n    text: \"Work with [partners](https://example.org)\"\n",
            "- { label: \"A\", unit: months, now: 7.1 }\n- { label: 'B', note: \"[x]\" }\n",
            "a:\r\n  - b: [1, 2]\r\n  # a comment ] ]\r\n",
            "body: |\n  Some text [with] brackets ] and: colons - dashes\n",
        ] {
            assert!(surely_within_limits(text), "{text}");
            assert!(!over_a_limit(text), "{text}");
        }
        // Not sure: an anchor, a tab indent, a lone carriage return, NEL, deep brackets.
        for text in [
            "a: &x 1\nb: *x\n",
            "a:\n\t- b\n",
            "a: 1\rb: 2\n",
            "a: 1\u{85}b: 2\n",
            &format!("a: {}1{}\n", "[".repeat(40), "]".repeat(40)),
        ] {
            assert!(!surely_within_limits(text), "{text:?}");
        }
    }

    /// Files built to nest past MAX_DEPTH in every way the byte check reasons about (block
    /// lists and maps, lists at their key's indentation, `- - -` on one line, flow brackets,
    /// implied flow mappings, brackets hidden in quoted values, comments and block text,
    /// multi-line quoted values, CRLF): the check must never call one of them safe.
    #[test]
    fn the_byte_check_never_passes_a_file_over_the_limit() {
        let mut rng = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = move |n: u64| {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            rng % n
        };
        // Text that looks like brackets but is not: in a comment, quoted values (one over
        // three lines), block text.
        let flow_decoys = [
            "",
            " # ]]]] }}",
            " \"]]]]\",",
            " ']]]',",
            " \"a\n ]]]]]]\n b\",",
            " 'x\n ]]]\n ',",
        ];
        let (mut checked, mut passed) = (0, 0);
        for round in 0..3000 {
            // Some files are brackets only, each after a quoted decoy on the line before.
            let quoted_only = round % 6 == 0;
            // Some only lists at their keys' indentation, two levels for each column.
            let pairs_only = round % 6 == 1;
            // Some only lists in lists on one line.
            let dashes_only = round % 6 == 2;
            let blocks = match () {
                _ if quoted_only || dashes_only => 0,
                _ if pairs_only => 25 + next(30) as usize,
                _ => next(50) as usize,
            };
            let flows = match round % 5 {
                _ if quoted_only => 40 + next(40) as usize,
                0 => 0,
                _ => next(50) as usize,
            };
            let mut text = String::new();
            let mut indent = 0usize;
            for level in 0..blocks {
                let pad = " ".repeat(indent);
                let style = if pairs_only { 2 } else { next(4) };
                if style == 0 && next(3) == 0 {
                    text.push_str(&format!("{pad}d{level}: it's ]] [x] - a b # ]]\n"));
                }
                match style {
                    // A key, its value a map on the next line.
                    0 => {
                        text.push_str(&format!("{pad}k{level}:\n"));
                        indent += 1 + next(2) as usize;
                    }
                    // A key, its value a list at the key's indentation, holding a map.
                    1 => text.push_str(&format!("{pad}k{level}:\n{pad}- m{level}:\n")),
                    // A list at its key's indentation, its item's map on the next line one
                    // column in: two levels for each column.
                    2 => {
                        text.push_str(&format!("{pad}k{level}:\n{pad}-\n"));
                        indent += 1;
                    }
                    // Lists in lists on one line, then a map.
                    _ => {
                        text.push_str(&format!("{pad}- - - x{level}:\n"));
                        indent += 6;
                    }
                }
                if matches!(text.as_bytes().last(), Some(b'\n')) && text.ends_with(":\n") {
                    // The next level is indented past this one's key or item.
                    let last = text
                        .trim_end_matches('\n')
                        .rsplit('\n')
                        .next()
                        .unwrap_or("");
                    let col = last.len() - last.trim_start_matches([' ', '-']).len();
                    indent = indent.max(col + 1);
                }
            }
            let pad = " ".repeat(indent);
            if dashes_only || pairs_only || round % 6 == 3 {
                // Lists in lists on the last line.
                let dashes = if dashes_only { 40 + next(50) } else { next(40) };
                text.push_str(&format!("{pad}{}end\n", "- ".repeat(dashes as usize)));
                if over_a_limit(&text) {
                    checked += 1;
                    assert!(!surely_within_limits(&text), "called safe:\n{text}");
                }
                continue;
            }
            text.push_str(&format!("{pad}f: "));
            let mut open = 0;
            for _ in 0..flows {
                if next(2) == 0 {
                    text.push_str("[a: ");
                } else {
                    text.push('[');
                }
                open += 1;
                let decoy = if quoted_only {
                    flow_decoys[2 + next(2) as usize]
                } else {
                    flow_decoys[next(flow_decoys.len() as u64) as usize]
                };
                text.push_str(&decoy.replace('\n', &format!("\n{pad} ")));
                text.push('\n');
                text.push_str(&pad);
                text.push(' ');
            }
            text.push_str("end");
            text.push_str(&"]".repeat(open));
            text.push('\n');
            if next(9) == 0 {
                text = text.replace('\n', "\r\n");
            }
            if over_a_limit(&text) {
                checked += 1;
                assert!(!surely_within_limits(&text), "called safe:\n{text}");
            } else if surely_within_limits(&text) {
                passed += 1;
            }
        }
        assert!(
            passed > 50,
            "only {passed} files within the limit called safe"
        );
        assert!(checked > 1000, "only {checked} files over the limit");
    }

    #[test]
    fn parents() {
        assert_eq!(parent("a.b[2].c"), "a.b[2]");
        assert_eq!(parent("a.b[2]"), "a.b");
        assert_eq!(parent("a"), "");
    }
}

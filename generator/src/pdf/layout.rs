//! Laying the board pack's blocks out on A4 pages, as a list of drawing operations per page
//! and a logical structure (headings, paragraphs, lists, tables, figures) that points at
//! them. [`super::write`] then draws the operations with krilla and turns the structure into
//! the PDF's tag tree, so the reading order and the tables' header cells survive.
//!
//! Text is measured with the font's own advance widths and broken at spaces (a word wider
//! than the line is broken between characters). Tables repeat their header row on every
//! page they run onto (marked as a pagination artifact there), and a row is never split
//! unless it is taller than a page.

use super::charts::Chart;
use super::fonts::{Fonts, Weight};
use super::html::{Block, Cell, Run, Table};

pub const PAGE_W: f32 = 595.28;
pub const PAGE_H: f32 = 841.89;
pub const MARGIN_X: f32 = 56.0;
pub const MARGIN_TOP: f32 = 56.0;
pub const MARGIN_BOTTOM: f32 = 64.0;
pub const WIDTH: f32 = PAGE_W - 2.0 * MARGIN_X;
const BOTTOM: f32 = PAGE_H - MARGIN_BOTTOM;

pub const BODY: f32 = 10.5;
const SMALL: f32 = 9.0;
const CELL: f32 = 8.5;
const LEADING: f32 = 1.35;
const PAD: f32 = 3.0;
const CHART_H: f32 = 210.0;

/// Colours (RGB).
pub const INK: (u8, u8, u8) = (26, 26, 26);
pub const GREY: (u8, u8, u8) = (85, 85, 85);
pub const RULE: (u8, u8, u8) = (160, 160, 160);
pub const SHADE: (u8, u8, u8) = (235, 235, 235);

/// Which piece of content an operation belongs to in the logical structure.
pub type ContentId = usize;

#[derive(Debug, Clone)]
pub enum Op {
    /// A line of text; `content` is `None` for an artifact (a repeated header).
    Text {
        x: f32,
        y: f32,
        size: f32,
        weight: Weight,
        colour: (u8, u8, u8),
        text: String,
        content: Option<ContentId>,
    },
    /// A decoration: rules and shading (always an artifact).
    Rect {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        colour: (u8, u8, u8),
    },
    Chart {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        chart: Box<Chart>,
        content: ContentId,
    },
}

/// A node of the logical structure.
#[derive(Debug, Clone)]
pub enum Kind {
    Heading(u8, String),
    P,
    L,
    LI,
    Lbl,
    LBody,
    Table,
    Caption,
    TR,
    TH { row: bool },
    TD,
    Figure(String),
    TOC,
    TOCI,
    Title,
}

#[derive(Debug, Clone)]
pub enum Child {
    Node(Struct),
    Content(ContentId),
}

#[derive(Debug, Clone)]
pub struct Struct {
    pub kind: Kind,
    pub children: Vec<Child>,
}

impl Struct {
    pub fn new(kind: Kind) -> Struct {
        Struct {
            kind,
            children: Vec::new(),
        }
    }
}

/// A heading and the page (0-based, within what was laid out) and height it is at.
#[derive(Debug, Clone)]
pub struct Mark {
    pub level: u8,
    pub text: String,
    pub page: usize,
    pub y: f32,
}

/// Laid-out pages.
#[derive(Debug)]
pub struct Layout<'f> {
    pub fonts: &'f Fonts,
    pub pages: Vec<Vec<Op>>,
    pub structure: Vec<Struct>,
    pub marks: Vec<Mark>,
    y: f32,
    next_content: ContentId,
    /// Characters the font has no glyph for (replaced on the page).
    pub missing: usize,
}

impl<'f> Layout<'f> {
    /// A layout whose content ids start at `first_content`.
    pub fn new(fonts: &'f Fonts, first_content: ContentId) -> Layout<'f> {
        Layout {
            fonts,
            pages: vec![Vec::new()],
            structure: Vec::new(),
            marks: Vec::new(),
            y: MARGIN_TOP,
            next_content: first_content,
            missing: 0,
        }
    }

    pub fn content_count(&self) -> ContentId {
        self.next_content
    }

    fn id(&mut self) -> ContentId {
        let id = self.next_content;
        self.next_content += 1;
        id
    }

    pub fn new_page(&mut self) {
        if !self.pages.last().is_some_and(Vec::is_empty) {
            self.pages.push(Vec::new());
        }
        self.y = MARGIN_TOP;
    }

    fn page(&mut self) -> &mut Vec<Op> {
        if self.pages.is_empty() {
            self.pages.push(Vec::new());
        }
        let last = self.pages.len() - 1;
        &mut self.pages[last]
    }

    /// Make room for `h` points, starting a page when there is not.
    fn room(&mut self, h: f32) {
        if self.y + h > BOTTOM && self.y > MARGIN_TOP + 0.5 {
            self.new_page();
        }
    }

    pub fn at(&self) -> f32 {
        self.y
    }

    pub fn skip(&mut self, h: f32) {
        self.y += h;
    }

    fn clean(&mut self, text: &str, weight: Weight) -> String {
        let (s, missing) = self.fonts.cleaned(text, weight);
        self.missing += missing;
        s
    }

    /// Lines of `runs` wrapped to `width` (each line a list of runs).
    fn wrap(&mut self, runs: &[Run], size: f32, width: f32) -> Vec<Vec<Run>> {
        let mut lines: Vec<Vec<Run>> = vec![Vec::new()];
        let mut line_w = 0.0;
        for run in runs {
            let weight = if run.bold {
                Weight::Bold
            } else {
                Weight::Regular
            };
            let text = self.clean(&run.text, weight);
            for (i, part) in text.split('\n').enumerate() {
                if i > 0 {
                    lines.push(Vec::new());
                    line_w = 0.0;
                }
                for word in split_keep_spaces(part) {
                    let w = self.fonts.width(word, weight, size);
                    let is_space = word.trim().is_empty();
                    if line_w + w > width && line_w > 0.0 && !is_space {
                        lines.push(Vec::new());
                        line_w = 0.0;
                    }
                    if is_space && line_w == 0.0 {
                        continue;
                    }
                    if w > width {
                        // A word wider than the line: break it between characters.
                        let mut piece = String::new();
                        for c in word.chars() {
                            let cw = self.fonts.width(c.encode_utf8(&mut [0; 4]), weight, size);
                            if line_w + cw > width && line_w > 0.0 {
                                push_run(lines.last_mut(), std::mem::take(&mut piece), run.bold);
                                lines.push(Vec::new());
                                line_w = 0.0;
                            }
                            piece.push(c);
                            line_w += cw;
                        }
                        push_run(lines.last_mut(), piece, run.bold);
                        continue;
                    }
                    push_run(lines.last_mut(), word.to_string(), run.bold);
                    line_w += w;
                }
            }
        }
        for line in &mut lines {
            if let Some(last) = line.last_mut() {
                let trimmed = last.text.trim_end().len();
                last.text.truncate(trimmed);
            }
            line.retain(|r| !r.text.is_empty());
        }
        while lines.len() > 1 && lines.last().is_some_and(Vec::is_empty) {
            lines.pop();
        }
        lines
    }

    /// Draw wrapped lines at `x`, each line one piece of content of `parent`.
    #[allow(clippy::too_many_arguments)]
    fn lines(
        &mut self,
        lines: &[Vec<Run>],
        x: f32,
        size: f32,
        colour: (u8, u8, u8),
        parent: &mut Struct,
        keep_first: f32,
    ) {
        let step = size * LEADING;
        for (i, line) in lines.iter().enumerate() {
            self.room(if i == 0 { step.max(keep_first) } else { step });
            let baseline = self.y + size;
            let mut cx = x;
            for run in line {
                let weight = if run.bold {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                let id = self.id();
                let w = self.fonts.width(&run.text, weight, size);
                self.page().push(Op::Text {
                    x: cx,
                    y: baseline,
                    size,
                    weight,
                    colour,
                    text: run.text.clone(),
                    content: Some(id),
                });
                parent.children.push(Child::Content(id));
                cx += w;
            }
            self.y += step;
        }
    }

    pub fn block(&mut self, block: &Block) {
        match block {
            Block::Break => self.new_page(),
            Block::Heading { level, text } => self.heading(*level, text),
            Block::Para { runs, small } => {
                let size = if *small { SMALL } else { BODY };
                let colour = if *small { GREY } else { INK };
                let lines = self.wrap(runs, size, WIDTH);
                let mut p = Struct::new(Kind::P);
                self.lines(&lines, MARGIN_X, size, colour, &mut p, 0.0);
                self.y += size * 0.6;
                self.structure.push(p);
            }
            Block::List { items } => {
                let mut l = Struct::new(Kind::L);
                for item in items {
                    let lines = self.wrap(item, BODY, WIDTH - 14.0);
                    self.room(BODY * LEADING);
                    let mut li = Struct::new(Kind::LI);
                    let mut lbl = Struct::new(Kind::Lbl);
                    let id = self.id();
                    let y = self.y + BODY;
                    self.page().push(Op::Text {
                        x: MARGIN_X + 2.0,
                        y,
                        size: BODY,
                        weight: Weight::Regular,
                        colour: INK,
                        text: "\u{2022}".into(),
                        content: Some(id),
                    });
                    lbl.children.push(Child::Content(id));
                    li.children.push(Child::Node(lbl));
                    let mut body = Struct::new(Kind::LBody);
                    self.lines(&lines, MARGIN_X + 14.0, BODY, INK, &mut body, 0.0);
                    li.children.push(Child::Node(body));
                    l.children.push(Child::Node(li));
                    self.y += 2.0;
                }
                self.y += BODY * 0.5;
                self.structure.push(l);
            }
            Block::Table(t) => self.table(t),
            Block::Chart {
                caption,
                summary,
                option,
            } => self.chart(caption, summary, option),
        }
    }

    pub fn heading(&mut self, level: u8, text: &str) {
        let size = match level {
            1 => 20.0,
            2 => 15.0,
            3 => 12.5,
            _ => 11.0,
        };
        if self.y > MARGIN_TOP + 0.5 {
            self.y += size * 0.7;
        }
        let runs = [Run {
            text: text.to_string(),
            bold: true,
        }];
        let lines = self.wrap(&runs, size, WIDTH);
        // Keep a heading with at least five lines of what follows (a subheading and the
        // start of its text).
        let keep = lines.len() as f32 * size * LEADING + 5.0 * BODY * LEADING;
        self.room(keep);
        self.marks.push(Mark {
            level,
            text: text.to_string(),
            page: self.pages.len() - 1,
            y: self.y,
        });
        let mut h = Struct::new(Kind::Heading(level, text.to_string()));
        self.lines(&lines, MARGIN_X, size, INK, &mut h, 0.0);
        self.y += size * 0.35;
        self.structure.push(h);
    }

    fn table(&mut self, t: &Table) {
        let columns = t
            .head
            .iter()
            .chain(&t.body)
            .map(Vec::len)
            .max()
            .unwrap_or(0);
        if columns == 0 {
            return;
        }
        let widths = self.column_widths(t, columns);
        let mut table = Struct::new(Kind::Table);
        if !t.caption.is_empty() {
            let runs = [Run {
                text: t.caption.clone(),
                bold: true,
            }];
            let lines = self.wrap(&runs, SMALL, WIDTH);
            let mut cap = Struct::new(Kind::Caption);
            let keep = lines.len() as f32 * SMALL * LEADING + 3.0 * CELL * LEADING * 2.0;
            self.room(keep);
            self.lines(&lines, MARGIN_X, SMALL, INK, &mut cap, 0.0);
            self.y += 2.0;
            table.children.push(Child::Node(cap));
        }
        // Header rows, laid out once to know their height; drawn again (as artifacts) on
        // each page the table runs onto.
        let head: Vec<Vec<Vec<Vec<Run>>>> = t
            .head
            .iter()
            .map(|row| self.wrap_row(row, &widths))
            .collect();
        let head_h: f32 = head.iter().map(|r| row_height(r)).sum();
        for (row, lines) in t.head.iter().zip(&head) {
            let tr = self.row(row, lines, &widths, true, true);
            table.children.push(Child::Node(tr));
        }
        for row in &t.body {
            let lines = self.wrap_row(row, &widths);
            let h = row_height(&lines);
            if self.y + h > BOTTOM && h <= BOTTOM - MARGIN_TOP - head_h {
                self.new_page();
                for (hrow, hlines) in t.head.iter().zip(&head) {
                    self.row(hrow, hlines, &widths, true, false);
                }
            }
            let tr = self.row(row, &lines, &widths, false, true);
            table.children.push(Child::Node(tr));
        }
        self.y += BODY;
        self.structure.push(table);
    }

    fn wrap_row(&mut self, row: &[Cell], widths: &[f32]) -> Vec<Vec<Vec<Run>>> {
        row.iter()
            .zip(widths)
            .map(|(cell, w)| {
                let runs = [Run {
                    text: cell.text.clone(),
                    bold: cell.header,
                }];
                self.wrap(&runs, CELL, w - 2.0 * PAD)
            })
            .collect()
    }

    /// One table row at the current height. `tagged` is false for a repeated header.
    fn row(
        &mut self,
        row: &[Cell],
        lines: &[Vec<Vec<Run>>],
        widths: &[f32],
        head: bool,
        tagged: bool,
    ) -> Struct {
        let h = row_height(lines);
        let top = self.y;
        if head {
            self.page().push(Op::Rect {
                x: MARGIN_X,
                y: top,
                w: WIDTH,
                h,
                colour: SHADE,
            });
        }
        let mut tr = Struct::new(Kind::TR);
        let mut x = MARGIN_X;
        let step = CELL * LEADING;
        for ((cell, cell_lines), w) in row.iter().zip(lines).zip(widths) {
            let mut node = Struct::new(if cell.header {
                Kind::TH {
                    row: cell.row_header,
                }
            } else {
                Kind::TD
            });
            for (i, line) in cell_lines.iter().enumerate() {
                let weight = if cell.header {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                let text: String = line.iter().map(|r| r.text.as_str()).collect();
                if text.is_empty() {
                    continue;
                }
                let tw = self.fonts.width(&text, weight, CELL);
                let tx = if cell.num { x + w - PAD - tw } else { x + PAD };
                let content = if tagged {
                    let id = self.id();
                    node.children.push(Child::Content(id));
                    Some(id)
                } else {
                    None
                };
                let y = top + PAD + CELL + i as f32 * step;
                self.page().push(Op::Text {
                    x: tx,
                    y,
                    size: CELL,
                    weight,
                    colour: INK,
                    text,
                    content,
                });
            }
            tr.children.push(Child::Node(node));
            x += w;
        }
        // Rules under the row.
        self.page().push(Op::Rect {
            x: MARGIN_X,
            y: top + h,
            w: WIDTH,
            h: 0.5,
            colour: RULE,
        });
        self.y = top + h;
        tr
    }

    /// Column widths: each column at least as wide as its longest word (so words are not
    /// broken), and the rest of the line shared in proportion to how much more each
    /// column's longest text wants.
    fn column_widths(&mut self, t: &Table, columns: usize) -> Vec<f32> {
        let mut least = vec![0.0f32; columns];
        let mut want = vec![0.0f32; columns];
        for row in t.head.iter().chain(&t.body) {
            for (i, cell) in row.iter().enumerate() {
                let weight = if cell.header {
                    Weight::Bold
                } else {
                    Weight::Regular
                };
                let word = cell
                    .text
                    .split_whitespace()
                    .map(|w| self.fonts.width(w, weight, CELL))
                    .fold(0.0f32, f32::max);
                least[i] = least[i].max(word + 2.0 * PAD);
                let w = self.fonts.width(&cell.text, weight, CELL) + 2.0 * PAD;
                want[i] = want[i].max(w.min(WIDTH * 0.45));
            }
        }
        let least_total: f32 = least.iter().sum();
        if least_total >= WIDTH {
            return least.into_iter().map(|w| w * WIDTH / least_total).collect();
        }
        let more: Vec<f32> = want
            .iter()
            .zip(&least)
            .map(|(w, l)| (w - l).max(0.0))
            .collect();
        let more_total: f32 = more.iter().sum();
        let spare = WIDTH - least_total;
        least
            .iter()
            .zip(&more)
            .map(|(l, m)| {
                if more_total > 0.0 {
                    l + spare * m / more_total
                } else {
                    l + spare / columns as f32
                }
            })
            .collect()
    }

    fn chart(&mut self, caption: &str, summary: &str, option: &serde_json::Value) {
        if !caption.is_empty() {
            self.block(&Block::Para {
                runs: vec![Run {
                    text: caption.to_string(),
                    bold: true,
                }],
                small: false,
            });
        }
        if !summary.is_empty() {
            self.block(&Block::Para {
                runs: vec![Run {
                    text: summary.to_string(),
                    bold: false,
                }],
                small: false,
            });
        }
        let Some(chart) = crate::draw::from_option(option) else {
            return;
        };
        let h = CHART_H + chart.legend_height(self.fonts, WIDTH);
        self.room(h);
        let id = self.id();
        let y = self.y;
        self.page().push(Op::Chart {
            x: MARGIN_X,
            y,
            w: WIDTH,
            h,
            chart: Box::new(chart),
            content: id,
        });
        let alt = if summary.is_empty() {
            caption.to_string()
        } else {
            format!("{caption}. {summary}")
        };
        let mut fig = Struct::new(Kind::Figure(alt));
        fig.children.push(Child::Content(id));
        self.structure.push(fig);
        self.y += h + BODY;
    }

    /// A line of the contents: the heading, dots' worth of space, its page number.
    pub fn contents_line(&mut self, level: u8, text: &str, page: usize, toc: &mut Struct) {
        let size = if level == 1 { BODY } else { SMALL + 0.5 };
        let weight = if level == 1 {
            Weight::Bold
        } else {
            Weight::Regular
        };
        let indent = if level == 1 { 0.0 } else { 14.0 };
        let number = page.to_string();
        let nw = self.fonts.width(&number, weight, size);
        let runs = [Run {
            text: text.to_string(),
            bold: level == 1,
        }];
        let lines = self.wrap(&runs, size, WIDTH - indent - nw - 24.0);
        let mut item = Struct::new(Kind::TOCI);
        if level == 1 {
            self.y += 4.0;
        }
        self.lines(&lines, MARGIN_X + indent, size, INK, &mut item, 0.0);
        let id = self.id();
        let baseline = self.y - size * LEADING + size;
        self.page().push(Op::Text {
            x: MARGIN_X + WIDTH - nw,
            y: baseline,
            size,
            weight,
            colour: INK,
            text: number,
            content: Some(id),
        });
        item.children.push(Child::Content(id));
        toc.children.push(Child::Node(item));
    }

    /// Text drawn at a given place (the title page), as content of `parent`.
    #[allow(clippy::too_many_arguments)]
    pub fn text_at(
        &mut self,
        text: &str,
        size: f32,
        bold: bool,
        colour: (u8, u8, u8),
        parent: &mut Struct,
    ) {
        let runs = [Run {
            text: text.to_string(),
            bold,
        }];
        let lines = self.wrap(&runs, size, WIDTH);
        self.lines(&lines, MARGIN_X, size, colour, parent, 0.0);
    }

    pub fn push_struct(&mut self, s: Struct) {
        self.structure.push(s);
    }
}

fn push_run(line: Option<&mut Vec<Run>>, text: String, bold: bool) {
    let Some(line) = line else { return };
    if text.is_empty() {
        return;
    }
    match line.last_mut() {
        Some(last) if last.bold == bold => last.text.push_str(&text),
        _ => line.push(Run { text, bold }),
    }
}

/// Words and the spaces between them, in order.
fn split_keep_spaces(s: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut in_space = None;
    for (i, c) in s.char_indices() {
        let space = c == ' ';
        if in_space != Some(space) {
            if i > start {
                out.push(&s[start..i]);
            }
            start = i;
            in_space = Some(space);
        }
    }
    if start < s.len() {
        out.push(&s[start..]);
    }
    out
}

fn row_height(cells: &[Vec<Vec<Run>>]) -> f32 {
    let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
    lines as f32 * CELL * LEADING + 2.0 * PAD
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_kept_between_words() {
        assert_eq!(split_keep_spaces("a  bc d"), ["a", "  ", "bc", " ", "d"]);
        assert!(split_keep_spaces("").is_empty());
    }

    #[test]
    fn long_text_wraps_inside_the_line() {
        let fonts = Fonts::load();
        let mut l = Layout::new(&fonts, 0);
        let text = "word ".repeat(200) + &"x".repeat(400);
        let lines = l.wrap(&[Run { text, bold: false }], BODY, WIDTH);
        assert!(lines.len() > 10);
        for line in &lines {
            let s: String = line.iter().map(|r| r.text.as_str()).collect();
            assert!(
                fonts.width(&s, Weight::Regular, BODY) <= WIDTH + 0.01,
                "{s}"
            );
        }
    }

    #[test]
    fn long_tables_repeat_their_header_and_stay_on_the_page() {
        let fonts = Fonts::load();
        let mut l = Layout::new(&fonts, 0);
        let cell = |t: &str, header| Cell {
            text: t.into(),
            header,
            row_header: header,
            num: false,
        };
        let t = Table {
            caption: "Cap".into(),
            head: vec![vec![cell("Name", true), cell("Value", true)]],
            body: (0..200)
                .map(|i| vec![cell(&format!("Row {i}"), true), cell("v", false)])
                .collect(),
        };
        l.block(&Block::Table(t));
        assert!(l.pages.len() > 2);
        for page in &l.pages[1..] {
            let first = page.iter().find_map(|op| match op {
                Op::Text { text, content, .. } => Some((text.clone(), *content)),
                _ => None,
            });
            // Each further page starts with the header again, as an artifact.
            assert_eq!(first, Some(("Name".to_string(), None)));
        }
        for page in &l.pages {
            for op in page {
                if let Op::Text { y, .. } = op {
                    assert!(*y <= BOTTOM + 0.01);
                }
            }
        }
    }
}

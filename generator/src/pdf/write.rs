//! Drawing a laid-out pack with krilla and attaching its tag tree, outline and metadata.

use std::num::NonZeroU16;

use krilla::color::rgb;
use krilla::configure::{Accessibility, ConfigurationBuilder};
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::Fill;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, ListNumbering, Node, SpanTag, TableHeaderScope,
    Tag, TagGroup, TagKind, TagTree,
};
use krilla::text::TextDirection;
use krilla::{Document, SerializeSettings};

use super::Cover;
use super::charts;
use super::fonts::{Fonts, Weight};
use super::layout::{Child, Kind, Layout, MARGIN_X, Op, PAGE_H, PAGE_W, Struct, WIDTH};

fn fill(c: (u8, u8, u8)) -> Fill {
    Fill {
        paint: rgb::Color::new(c.0, c.1, c.2).into(),
        opacity: NormalizedF32::ONE,
        rule: Default::default(),
    }
}

pub fn write(
    fonts: &Fonts,
    cover: &Cover,
    front: &Layout<'_>,
    body: &Layout<'_>,
) -> Result<Vec<u8>, String> {
    let settings = SerializeSettings {
        configuration: ConfigurationBuilder::new()
            .with_accessibility_validator(Accessibility::UA1)
            .finish()
            .map_err(|e| format!("{e:?}"))?,
        ..SerializeSettings::default()
    };
    let mut doc = Document::new_with(settings);
    let mut ids: Vec<Option<Identifier>> = vec![None; front.content_count()];
    let pages: Vec<&Vec<Op>> = front.pages.iter().chain(&body.pages).collect();
    let total = pages.len();
    let footer_name = match &cover.edition {
        Some(e) => format!("{}, edition {e}", cover.title),
        None => cover.title.clone(),
    };
    let regular = fonts
        .krilla_regular
        .clone()
        .ok_or("the pack's font did not load")?;
    let bold = fonts
        .krilla_bold
        .clone()
        .ok_or("the pack's font did not load")?;
    for (n, ops) in pages.iter().enumerate() {
        let settings = PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("page size")?;
        let mut page = doc.start_page_with(settings);
        let mut s = page.surface();
        for op in ops.iter() {
            match op {
                Op::Text {
                    x,
                    y,
                    size,
                    weight,
                    colour,
                    text,
                    content,
                } => {
                    let font = match weight {
                        Weight::Regular => regular.clone(),
                        Weight::Bold => bold.clone(),
                    };
                    let tag = match content {
                        Some(_) => ContentTag::Span(SpanTag::empty()),
                        None => ContentTag::Artifact(Artifact::with_kind(ArtifactType::Page)),
                    };
                    let id = s.start_tagged(tag);
                    s.set_fill(Some(fill(*colour)));
                    s.draw_text(
                        Point::from_xy(*x, *y),
                        font,
                        *size,
                        text,
                        false,
                        TextDirection::Auto,
                    );
                    s.end_tagged();
                    if let Some(c) = content
                        && let Some(slot) = ids.get_mut(*c)
                    {
                        *slot = Some(id);
                    }
                }
                Op::Rect { x, y, w, h, colour } => {
                    s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                        ArtifactType::Layout,
                    )));
                    if let Some(r) = Rect::from_xywh(*x, *y, w.max(0.01), h.max(0.01)) {
                        let mut pb = PathBuilder::new();
                        pb.push_rect(r);
                        if let Some(p) = pb.finish() {
                            s.set_stroke(None);
                            s.set_fill(Some(fill(*colour)));
                            s.draw_path(&p);
                        }
                    }
                    s.end_tagged();
                }
                Op::Chart {
                    x,
                    y,
                    w,
                    h,
                    chart,
                    content,
                } => {
                    let id = s.start_tagged(ContentTag::Other);
                    charts::draw(&mut s, fonts, chart, *x, *y, *w, *h);
                    s.end_tagged();
                    if let Some(slot) = ids.get_mut(*content) {
                        *slot = Some(id);
                    }
                }
            }
        }
        // The running footer, an artifact: what the pack is and the page number.
        if n > 0 {
            s.start_tagged(ContentTag::Artifact(Artifact::with_kind(
                ArtifactType::Page,
            )));
            s.set_fill(Some(fill(super::layout::GREY)));
            let (name, _) = fonts.cleaned(&footer_name, Weight::Regular);
            s.draw_text(
                Point::from_xy(MARGIN_X, PAGE_H - 32.0),
                regular.clone(),
                8.0,
                &name,
                false,
                TextDirection::Auto,
            );
            let number = format!("Page {} of {total}", n + 1);
            let nw = fonts.width(&number, Weight::Regular, 8.0);
            s.draw_text(
                Point::from_xy(MARGIN_X + WIDTH - nw, PAGE_H - 32.0),
                regular.clone(),
                8.0,
                &number,
                false,
                TextDirection::Auto,
            );
            s.end_tagged();
        }
        s.finish();
        page.finish();
    }
    // The tag tree, in reading order: the title page and contents, then the body.
    let mut tree = TagTree::new().with_lang(Some(cover.language.clone()));
    for st in front.structure.iter().chain(&body.structure) {
        if let Some(node) = group(st, &mut ids) {
            tree.push(node);
        }
    }
    doc.set_tag_tree(tree);
    // The outline: parts and their sections, where they start.
    let offset = front.pages.len();
    let mut outline = Outline::new();
    let mut current: Option<OutlineNode> = None;
    for m in &body.marks {
        let dest = XyzDestination::new(m.page + offset, Point::from_xy(MARGIN_X, m.y));
        let node = OutlineNode::new(m.text.clone(), dest);
        match m.level {
            1 => {
                if let Some(done) = current.take() {
                    outline.push_child(done);
                }
                current = Some(node);
            }
            2 => match &mut current {
                Some(parent) => parent.push_child(node),
                None => outline.push_child(node),
            },
            _ => {}
        }
    }
    if let Some(done) = current.take() {
        outline.push_child(done);
    }
    doc.set_outline(outline);
    doc.set_metadata(
        Metadata::new()
            .title(format!("{}: board pack", cover.title))
            .language(cover.language.clone())
            .authors(vec![cover.authority.clone()]),
    );
    doc.finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}

/// The tag group for a node of the structure, with its content's identifiers (each used
/// once); `None` when it holds nothing.
fn group(st: &Struct, ids: &mut [Option<Identifier>]) -> Option<Node> {
    let tag: TagKind = match &st.kind {
        Kind::Heading(level, text) => Tag::Hn(
            NonZeroU16::new(u16::from(*level).max(1)).unwrap_or(NonZeroU16::MIN),
            Some(text.clone()),
        )
        .into(),
        Kind::P | Kind::Title => Tag::P.into(),
        Kind::L => Tag::L(ListNumbering::Disc).into(),
        Kind::LI => Tag::LI.into(),
        Kind::Lbl => Tag::Lbl.into(),
        Kind::LBody => Tag::LBody.into(),
        Kind::Table => Tag::Table.into(),
        Kind::Caption => Tag::Caption.into(),
        Kind::TR => Tag::TR.into(),
        Kind::TH { row } => Tag::TH(if *row {
            TableHeaderScope::Row
        } else {
            TableHeaderScope::Column
        })
        .into(),
        Kind::TD => Tag::TD.into(),
        Kind::Figure(alt) => Tag::Figure(Some(alt.clone())).into(),
        Kind::TOC => Tag::TOC.into(),
        Kind::TOCI => Tag::TOCI.into(),
    };
    let mut g = TagGroup::new(tag);
    let mut any = false;
    for c in &st.children {
        match c {
            Child::Content(id) => {
                if let Some(ident) = ids.get_mut(*id).and_then(Option::take) {
                    g.push(ident);
                    any = true;
                }
            }
            Child::Node(n) => {
                if let Some(node) = group(n, ids) {
                    g.push(node);
                    any = true;
                } else if matches!(n.kind, Kind::TH { .. } | Kind::TD) {
                    // An empty cell keeps its place in the row.
                    g.push(TagGroup::new(match n.kind {
                        Kind::TD => TagKind::from(Tag::TD),
                        _ => TagKind::from(Tag::TH(TableHeaderScope::Column)),
                    }));
                    any = true;
                }
            }
        }
    }
    any.then(|| Node::Group(g))
}

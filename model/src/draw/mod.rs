//! Charts drawn from the same figures as a page's ECharts option: line and bar series over
//! categories (bars side by side, or stacked when the series say so, across or upright) and
//! pies. Gaps (`null`) stay gaps. The colours, line styles and symbols' meaning come from the
//! option. The geometry here draws onto a [`Canvas`]: the board pack's PDF surface
//! (`pdf::charts`) or an SVG image for the site's pages ([`svg`]), so both show the same chart.
//! Every chart is beside (or followed by) its data table and text summary, which carry its
//! meaning.

pub mod svg;

/// A colour, red, green and blue.
pub type Rgb = (u8, u8, u8);

/// Where a text's `x` is: its start, middle or end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// The size of labels and the width of a text on a canvas.
pub trait Measure {
    /// The label type size in the canvas's units; every other length scales with it.
    fn label_size(&self) -> f32;
    /// The width of `text` in the label type.
    fn text_width(&self, text: &str) -> f32;
}

/// What a chart is drawn with. `y` grows downwards; a text's `y` is its baseline.
pub trait Canvas: Measure {
    fn text(&mut self, x: f32, y: f32, text: &str, colour: Rgb, anchor: Anchor);
    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, colour: Rgb);
    /// An open line through `points` (two or more), `dash` as on/off lengths.
    fn polyline(&mut self, points: &[(f32, f32)], colour: Rgb, width: f32, dash: Option<&[f32]>);
    /// A filled slice of a pie centred on (`cx`, `cy`), from angle `start` turning `sweep`
    /// radians clockwise (0 is three o'clock), outlined in white.
    #[allow(clippy::too_many_arguments)]
    fn pie_slice(&mut self, cx: f32, cy: f32, r: f32, start: f64, sweep: f64, colour: Rgb);
}

#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub name: String,
    pub colour: (u8, u8, u8),
    pub dash: Option<Vec<f32>>,
    pub width: f32,
    pub bar: bool,
    pub stack: Option<String>,
    pub values: Vec<Option<f64>>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Chart {
    Axes {
        categories: Vec<String>,
        series: Vec<Series>,
        /// Bars run across (categories down the side).
        across: bool,
    },
    Pie {
        slices: Vec<(String, f64, (u8, u8, u8))>,
    },
}

impl Chart {
    /// Each key entry's name and colour.
    pub fn names(&self) -> Vec<(&str, Rgb)> {
        match self {
            Chart::Axes { series, .. } => {
                series.iter().map(|s| (s.name.as_str(), s.colour)).collect()
            }
            Chart::Pie { slices } => slices.iter().map(|(n, _, c)| (n.as_str(), *c)).collect(),
        }
    }

    /// Height of the key under the chart.
    pub fn legend_height(&self, m: &impl Measure, width: f32) -> f32 {
        let (l, k) = (m.label_size(), scale(m));
        legend_rows(&self.names(), m, width).len() as f32 * (l + 5.0 * k) + 6.0 * k
    }
}

/// A [`Measure`] from a font's advance widths: a text is as wide as the sum of its
/// characters' advances (in font units, no kerning), scaled to the label size and then by
/// `wider`. The generator measures with the bundled font's table; the browser module gets
/// the same advances for the characters a chart can show (its labels, names, digits, `.`,
/// `-` and `…`), so both draw the same chart to the byte.
#[derive(Debug, Clone, PartialEq)]
pub struct Advances {
    /// The label size, in the canvas's units.
    pub size: f32,
    /// Font units per em.
    pub units_per_em: u16,
    /// How much wider than the font the page's type is taken to be.
    pub wider: f32,
    /// Each character's advance in font units, sorted by character.
    pub chars: Vec<(char, u16)>,
    /// The advance of a character not in `chars`.
    pub other: u16,
}

impl Advances {
    /// The width of `text` in font units.
    pub fn units(&self, text: &str) -> u32 {
        text.chars()
            .map(|c| {
                let i = self.chars.binary_search_by_key(&c, |&(k, _)| k);
                u32::from(i.map_or(self.other, |i| self.chars[i].1))
            })
            .sum()
    }

    /// The characters [`draw`] may measure for a chart: those of its categories and names,
    /// and those of every axis label and shortened label (digits, `.`, `-`, `…`), sorted.
    pub fn chars_of(chart: &Chart) -> Vec<char> {
        let mut cs: Vec<char> = "0123456789.-\u{2026}".chars().collect();
        for (name, _) in chart.names() {
            cs.extend(name.chars());
        }
        if let Chart::Axes { categories, .. } = chart {
            for c in categories {
                cs.extend(c.chars());
            }
        }
        cs.sort_unstable();
        cs.dedup();
        cs
    }
}

impl Measure for Advances {
    fn label_size(&self) -> f32 {
        self.size
    }

    fn text_width(&self, text: &str) -> f32 {
        self.units(text) as f32 * self.size / f32::from(self.units_per_em) * self.wider
    }
}

/// An upright chart over categories, and the advances to measure its labels with: what the
/// browser module needs to draw a what-if chart again, to the byte as the generator would,
/// each time its figures change ([`Look::set_figures`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Look {
    /// Always [`Chart::Axes`], upright.
    pub chart: Chart,
    pub advances: Advances,
}

impl Look {
    /// `chart`'s look (its figures kept until set), or `None` for a pie, bars across,
    /// stacked series or a line dashed other than as an option's `dashed` or `dotted` (two
    /// lengths): what [`draw_axes`] and [`Look::encode`] do not cover.
    pub fn of(chart: &Chart, advances: Advances) -> Option<Look> {
        let Chart::Axes {
            series,
            across: false,
            ..
        } = chart
        else {
            return None;
        };
        if series
            .iter()
            .any(|s| s.stack.is_some() || s.dash.as_ref().is_some_and(|d| d.len() != 2))
        {
            return None;
        }
        Some(Look {
            chart: chart.clone(),
            advances,
        })
    }

    /// Set the figures, series by series; one that is not finite, or missing, is a gap (as a
    /// `null` in the page's option is).
    pub fn set_figures(&mut self, values: &[&[f64]]) {
        let Chart::Axes {
            categories, series, ..
        } = &mut self.chart
        else {
            return;
        };
        let n = categories.len();
        for (k, s) in series.iter_mut().enumerate() {
            let v = values.get(k).copied().unwrap_or_default();
            s.values.clear();
            s.values
                .extend((0..n).map(|i| v.get(i).copied().filter(|x| x.is_finite())));
        }
    }

    /// The look as numbers and texts (for the page's JSON; [`Look::decode`] reads them):
    /// a version, the counts of categories and series, the label size, units per em, how
    /// much wider, the advance of other characters; per series its colour, width, whether a
    /// bar and its two dash lengths (0 and 0: solid); then each advance. The texts: the
    /// categories, each series' name, then the characters.
    pub fn encode(&self) -> (Vec<f64>, Vec<String>) {
        let Chart::Axes {
            categories, series, ..
        } = &self.chart
        else {
            return (Vec::new(), Vec::new());
        };
        let a = &self.advances;
        let mut nums = vec![
            1.0,
            categories.len() as f64,
            series.len() as f64,
            f64::from(a.size),
            f64::from(a.units_per_em),
            f64::from(a.wider),
            f64::from(a.other),
        ];
        let mut texts = categories.clone();
        for s in series {
            let dash = s.dash.as_deref().unwrap_or(&[0.0, 0.0]);
            nums.extend([s.colour.0, s.colour.1, s.colour.2].map(f64::from));
            nums.extend([s.width, f32::from(u8::from(s.bar))].map(f64::from));
            nums.extend(dash.iter().map(|d| f64::from(*d)));
            texts.push(s.name.clone());
        }
        nums.extend(a.chars.iter().map(|(_, u)| f64::from(*u)));
        texts.push(a.chars.iter().map(|(c, _)| *c).collect());
        (nums, texts)
    }

    /// The look [`Look::encode`] wrote (its figures empty), or `None` if these are not such
    /// numbers and texts.
    pub fn decode(nums: &[f64], texts: &[String]) -> Option<Look> {
        // Every number is a whole number from 0 to 65,535, but widths, sizes and dashes.
        let whole = |v: f64| (v >= 0.0 && v.fract() == 0.0 && v <= 65_535.0).then_some(v as u16);
        let (head, rest) = nums.split_at_checked(7)?;
        if head[0] != 1.0 || !nums.iter().all(|v| v.is_finite()) {
            return None;
        }
        let (ncat, nser) = (usize::from(whole(head[1])?), usize::from(whole(head[2])?));
        let (styles, units) = rest.split_at_checked(nser * 7)?;
        let mut texts = texts.iter();
        let categories: Vec<String> = texts.by_ref().take(ncat).cloned().collect();
        let mut series = Vec::with_capacity(nser);
        for st in styles.chunks_exact(7) {
            let byte = |v: f64| whole(v).and_then(|b| u8::try_from(b).ok());
            let dash = [st[5] as f32, st[6] as f32];
            series.push(Series {
                name: texts.next()?.clone(),
                colour: (byte(st[0])?, byte(st[1])?, byte(st[2])?),
                dash: (dash != [0.0, 0.0]).then(|| dash.to_vec()),
                width: st[3] as f32,
                bar: st[4] != 0.0,
                stack: None,
                values: Vec::new(),
            });
        }
        let chars = texts.next()?;
        if categories.len() != ncat
            || texts.next().is_some()
            || chars.chars().count() != units.len()
        {
            return None;
        }
        Some(Look {
            chart: Chart::Axes {
                categories,
                series,
                across: false,
            },
            advances: Advances {
                size: head[3] as f32,
                units_per_em: whole(head[4])?,
                wider: head[5] as f32,
                chars: chars
                    .chars()
                    .zip(units.iter().map(|&u| whole(u)))
                    .map(|(c, u)| Some((c, u?)))
                    .collect::<Option<_>>()?,
                other: whole(head[6])?,
            },
        })
    }
}

/// How much larger than the board pack's 7.5-point labels a canvas draws: every length
/// (padding, key swatches, markers, line widths and dashes) grows with it.
fn scale(m: &impl Measure) -> f32 {
    m.label_size() / 7.5
}

fn legend_rows(names: &[(&str, Rgb)], m: &impl Measure, width: f32) -> Vec<Vec<usize>> {
    let k = scale(m);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new()];
    let mut x = 0.0;
    for (i, (name, _)) in names.iter().enumerate() {
        if name.is_empty() {
            continue;
        }
        let w = 14.0 * k + m.text_width(name) + 12.0 * k;
        if x + w > width && x > 0.0 {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push(i);
        }
        x += w;
    }
    // Only the first row can be empty (when no entry has a name).
    if rows.first().is_some_and(Vec::is_empty) {
        rows.remove(0);
    }
    rows
}

/// `label` shortened with an ellipsis to fit `width` (the table after the chart has it whole).
fn fit(m: &impl Measure, label: &str, width: f32) -> String {
    if m.text_width(label) <= width {
        return label.to_string();
    }
    let mut s: String = label.to_string();
    while !s.is_empty() && m.text_width(&format!("{s}\u{2026}")) > width {
        s.pop();
    }
    format!("{}\u{2026}", s.trim_end())
}

/// A short label for an axis value.
fn tick_label(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    let mut s = crate::format::std_fixed(r, 3);
    while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
        s.pop();
    }
    if s == "-0" { "0".into() } else { s }
}

/// The largest power of ten at most `raw` (`10^floor(log10 raw)`), from exact powers: the
/// same in the generator and the browser module, whose `log10` and `powf` are different
/// libraries'. (Just under a power, where `log10` may round up, the tick step comes out the
/// same either way: the steps go up to ten times the power.)
fn power_of_ten_below(raw: f64) -> f64 {
    // As 10^floor(log10 raw) for what is not a positive number: NaN, 0, infinity.
    if raw.is_nan() || raw < 0.0 {
        return f64::NAN;
    }
    if raw == 0.0 || raw.is_infinite() {
        return raw;
    }
    let mut k = 0i32;
    let ten = |k: i32| {
        let p = (0..k.unsigned_abs()).fold(1.0f64, |p, _| p * 10.0);
        if k < 0 { 1.0 / p } else { p }
    };
    while k < 300 && ten(k + 1) <= raw {
        k += 1;
    }
    while k > -300 && ten(k) > raw {
        k -= 1;
    }
    ten(k)
}

/// Axis ticks from 0 (or below, for negatives) to a round number above the largest value.
fn ticks(lo: f64, hi: f64) -> Vec<f64> {
    let lo = lo.min(0.0);
    let hi = if hi <= lo { lo + 1.0 } else { hi };
    let raw = (hi - lo) / 5.0;
    let mag = power_of_ten_below(raw);
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    let start = (lo / step).floor() * step;
    let mut out = Vec::new();
    let mut v = start;
    while v < hi + step * 0.999 && out.len() < 12 {
        out.push(v);
        v += step;
    }
    out
}

/// Draw the chart in the box at (x, y), `w` by `h` (the key included).
pub fn draw(c: &mut impl Canvas, chart: &Chart, x: f32, y: f32, w: f32, h: f32) {
    draw_chart::<true>(c, chart, x, y, w, h);
}

/// [`draw`] for upright charts over categories without stacks (a pie's box is left with its
/// key only, bars across are drawn upright and stacks side by side). The browser module draws what-if charts, which are always
/// upright lines and bars, with this, and so carries no code for the others.
pub fn draw_axes(c: &mut impl Canvas, chart: &Chart, x: f32, y: f32, w: f32, h: f32) {
    draw_chart::<false>(c, chart, x, y, w, h);
}

pub(crate) fn draw_chart<const FULL: bool>(
    c: &mut impl Canvas,
    chart: &Chart,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    let (l, k) = (c.label_size(), scale(c));
    let names = chart.names();
    let rows = legend_rows(&names, c, w);
    let legend_h = rows.len() as f32 * (l + 5.0 * k) + 6.0 * k;
    let plot_h = h - legend_h;
    match chart {
        Chart::Pie { slices } => {
            if FULL {
                pie(c, slices, x + w / 2.0, y + plot_h / 2.0, plot_h * 0.42);
            }
        }
        Chart::Axes {
            categories,
            series,
            across,
        } => axes::<FULL>(c, categories, series, *across, x, y, w, plot_h),
    }
    // The key.
    let mut ly = y + plot_h + 4.0 * k;
    for row in rows {
        let mut lx = x;
        for i in row {
            let (name, colour) = &names[i];
            c.rect(lx, ly + k, 10.0 * k, l - k, *colour);
            c.text(lx + 14.0 * k, ly + l, name, (26, 26, 26), Anchor::Start);
            lx += 14.0 * k + c.text_width(name) + 12.0 * k;
        }
        ly += l + 5.0 * k;
    }
}

fn pie(c: &mut impl Canvas, slices: &[(String, f64, (u8, u8, u8))], cx: f32, cy: f32, r: f32) {
    let total: f64 = slices.iter().map(|(_, v, _)| v).sum();
    if total <= 0.0 {
        return;
    }
    let mut angle = -std::f64::consts::FRAC_PI_2;
    for (_, v, colour) in slices {
        let sweep = v / total * std::f64::consts::TAU;
        c.pie_slice(cx, cy, r, angle, sweep, *colour);
        angle += sweep;
    }
}

/// Each stack's running totals by its key, in the order the keys came (a chart has a few).
#[derive(Debug, Clone, Default)]
struct Stacks<'a, T>(Vec<(&'a str, T)>);

impl<'a, T: Default> Stacks<'a, T> {
    fn entry(&mut self, key: &'a str) -> &mut T {
        let i = match self.0.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                self.0.push((key, T::default()));
                self.0.len() - 1
            }
        };
        &mut self.0[i].1
    }

    fn get(&self, key: &str) -> Option<&T> {
        self.0.iter().find(|(k, _)| *k == key).map(|(_, v)| v)
    }

    fn insert(&mut self, key: &'a str, value: T) {
        *self.entry(key) = value;
    }
}

/// A series' stack, or none when not `FULL` (see [`draw_axes`]).
fn stack_key<const FULL: bool>(s: &Series) -> Option<&str> {
    if FULL { s.stack.as_deref() } else { None }
}

#[allow(clippy::too_many_arguments)]
fn axes<const FULL: bool>(
    c: &mut impl Canvas,
    categories: &[String],
    series: &[Series],
    across: bool,
    x: f32,
    y: f32,
    w: f32,
    h: f32,
) {
    // Not FULL: bars across are drawn upright and stacks side by side (and that code is
    // left out).
    let across = FULL && across;
    let stack_of = stack_key::<FULL>;
    let (l, k) = (c.label_size(), scale(c));
    // The value range, stacks added up.
    let n = categories.len();
    let mut lo = 0.0f64;
    let mut hi = 0.0f64;
    for i in 0..n {
        let mut stacks: Stacks<'_, (f64, f64)> = Default::default();
        for sr in series {
            let Some(v) = sr.values[i] else { continue };
            match stack_of(sr) {
                Some(key) => {
                    let e = stacks.entry(key);
                    if v >= 0.0 {
                        e.1 += v
                    } else {
                        e.0 += v
                    }
                    lo = lo.min(e.0);
                    hi = hi.max(e.1);
                }
                None => {
                    lo = lo.min(v);
                    hi = hi.max(v);
                }
            }
        }
    }
    let ticks = ticks(lo, hi);
    let (vmin, vmax) = (
        ticks.first().copied().unwrap_or(0.0),
        ticks.last().copied().unwrap_or(1.0),
    );
    let span = if vmax > vmin { vmax - vmin } else { 1.0 };
    let grey = (200, 200, 200);
    let ink = (60, 60, 60);
    let label_w = ticks
        .iter()
        .map(|t| c.text_width(&tick_label(*t)))
        .fold(0.0f32, f32::max);
    let cat_w = if across {
        categories
            .iter()
            .map(|t| c.text_width(t))
            .fold(0.0f32, f32::max)
            .min(w * 0.35)
    } else {
        0.0
    };
    let left = x + if across {
        cat_w + 6.0 * k
    } else {
        label_w + 6.0 * k
    };
    let right = x + w - 6.0 * k;
    let top = y + 6.0 * k;
    let bottom = y + h - l - 8.0 * k;
    let pw = right - left;
    let ph = bottom - top;
    let bars: Vec<&Series> = series.iter().filter(|s| s.bar).collect();
    // Side by side: each bar series not in a stack is a group of its own; a stack is one.
    let mut groups: Vec<Option<&str>> = Vec::new();
    let mut group_of: Vec<usize> = Vec::new();
    for b in &bars {
        let key = stack_of(b);
        match groups.iter().position(|g| key.is_some() && *g == key) {
            Some(g) => group_of.push(g),
            None => {
                groups.push(key);
                group_of.push(groups.len() - 1);
            }
        }
    }
    if across {
        // Values along x, categories down the side.
        let vx = |v: f64| left + ((v - vmin) / span) as f32 * pw;
        for t in &ticks {
            let tx = vx(*t);
            c.polyline(&[(tx, top), (tx, bottom)], grey, 0.5 * k, None);
            c.text(
                tx,
                bottom + l + 3.0 * k,
                &tick_label(*t),
                ink,
                Anchor::Middle,
            );
        }
        let band = ph / n as f32;
        for (i, cat) in categories.iter().enumerate() {
            let cy = top + band * (i as f32 + 0.5);
            c.text(x, cy + l / 2.5, &fit(c, cat, cat_w), ink, Anchor::Start);
            let gcount = groups.len().max(1) as f32;
            let bh = band * 0.7 / gcount;
            let mut stacks: Stacks<'_, f64> = Default::default();
            for (b, g) in bars.iter().zip(&group_of) {
                let Some(v) = b.values[i] else { continue };
                let g = *g as f32;
                let base = stack_of(b).map_or(0.0, |key| *stacks.get(key).unwrap_or(&0.0));
                if let Some(key) = stack_of(b) {
                    stacks.insert(key, base + v);
                }
                let (a, z) = (vx(base), vx(base + v));
                let by = top + band * i as f32 + band * 0.15 + g * bh;
                c.rect(a.min(z), by, (z - a).abs(), bh, b.colour);
            }
        }
    } else {
        let vy = |v: f64| bottom - ((v - vmin) / span) as f32 * ph;
        for t in &ticks {
            let ty = vy(*t);
            c.polyline(&[(left, ty), (right, ty)], grey, 0.5 * k, None);
            c.text(
                left - 4.0 * k,
                ty + l / 3.0,
                &tick_label(*t),
                ink,
                Anchor::End,
            );
        }
        let band = pw / n as f32;
        // Category labels, thinned so they do not overlap.
        let widest = categories
            .iter()
            .map(|t| c.text_width(t))
            .fold(0.0f32, f32::max);
        let every = ((widest + 6.0 * k) / band).ceil().max(1.0) as usize;
        for (i, cat) in categories.iter().enumerate() {
            if i % every != 0 {
                continue;
            }
            let cx = left + band * (i as f32 + 0.5);
            c.text(cx, bottom + l + 3.0 * k, cat, ink, Anchor::Middle);
        }
        let gcount = groups.len().max(1) as f32;
        let bw = band * 0.7 / gcount;
        // Each category's stacks (none when not FULL).
        let mut stacks: Vec<Stacks<'_, f64>> = if FULL {
            (0..n).map(|_| Stacks::default()).collect()
        } else {
            Vec::new()
        };
        for (b, g) in bars.iter().zip(&group_of) {
            let g = *g as f32;
            for (i, value) in b.values.iter().enumerate().take(n) {
                let Some(v) = *value else { continue };
                let stack = stack_of(b).zip(stacks.get_mut(i));
                let base = stack
                    .as_ref()
                    .map_or(0.0, |(key, st)| *st.get(key).unwrap_or(&0.0));
                if let Some((key, st)) = stack {
                    st.insert(key, base + v);
                }
                let (a, z) = (vy(base), vy(base + v));
                let bx = left + band * i as f32 + band * 0.15 + g * bw;
                c.rect(bx, a.min(z), bw, (z - a).abs(), b.colour);
            }
        }
        for sr in series.iter().filter(|s| !s.bar) {
            // A line through each run of figures; a lone figure is a dot.
            let mut run: Vec<(f32, f32)> = Vec::new();
            let mut runs = Vec::new();
            for (i, v) in sr.values.iter().enumerate() {
                match v {
                    Some(v) => run.push((left + band * (i as f32 + 0.5), vy(*v))),
                    None => runs.push(std::mem::take(&mut run)),
                }
            }
            runs.push(run);
            let dash: Option<Vec<f32>> =
                sr.dash.as_ref().map(|d| d.iter().map(|x| x * k).collect());
            for r in runs.iter().filter(|r| !r.is_empty()) {
                if r.len() >= 2 {
                    // The option's width is in CSS pixels, as the SVG draws and near enough
                    // the board pack's points: not scaled with the labels.
                    c.polyline(r, sr.colour, sr.width, dash.as_deref());
                }
                for p in r {
                    c.rect(p.0 - 2.0 * k, p.1 - 2.0 * k, 4.0 * k, 4.0 * k, sr.colour);
                }
            }
        }
    }
    // The axis lines.
    c.polyline(
        &[(left, top), (left, bottom), (right, bottom)],
        ink,
        0.8 * k,
        None,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_cover_the_values() {
        let t = ticks(0.0, 42.2);
        assert_eq!(t.first(), Some(&0.0));
        assert!(t.last().is_some_and(|v| *v >= 42.2));
        assert!(ticks(-5.0, 5.0)[0] <= -5.0);
        assert_eq!(tick_label(2.5), "2.5");
        assert_eq!(tick_label(40.0), "40");
    }

    #[test]
    fn tick_labels_are_written_as_the_float_formatter_wrote_them() {
        let old = |v: f64| {
            let r = (v * 1000.0).round() / 1000.0;
            let mut s = format!("{r:.3}");
            while s.contains('.') && (s.ends_with('0') || s.ends_with('.')) {
                s.pop();
            }
            if s == "-0" { "0".to_string() } else { s }
        };
        let mut x = 0x9E37_79B9_u32;
        let mut values = vec![
            0.0, -0.0, 0.0005, -0.0005, 0.0015, 2.5, 1e6, -1e6, 123.4565, 1e20,
        ];
        for _ in 0..20_000 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            values.push(f64::from(x % 2_000_000) / 997.0 - 1000.0);
            values.push(f64::from(x) * 0.25);
        }
        for t in ticks(-3.0, 7.0)
            .into_iter()
            .chain(ticks(0.0, 0.042))
            .chain(ticks(0.0, 1234.5))
        {
            values.push(t);
        }
        for v in values {
            assert_eq!(tick_label(v), old(v), "{v:?}");
        }
    }

    fn look() -> Look {
        let series = |name: &str, bar: bool, stack: Option<&str>, dash: Option<Vec<f32>>| Series {
            name: name.into(),
            colour: (11, 83, 148),
            dash,
            width: 3.0,
            bar,
            stack: stack.map(str::to_string),
            values: Vec::new(),
        };
        let chart = Chart::Axes {
            categories: vec!["2024".into(), "2025 – ünï".into()],
            series: vec![
                series("Children", false, None, Some(vec![1.5, 2.5])),
                series("Homes", true, None, None),
                series("Places", true, None, Some(vec![6.0, 3.0])),
            ],
            across: false,
        };
        let advances = Advances {
            size: 12.0,
            units_per_em: 2048,
            wider: 1.12,
            chars: vec![('0', 1139), ('2', 1139), ('\u{2026}', 2048)],
            other: 0,
        };
        Look::of(&chart, advances).expect("an upright chart has a look")
    }

    #[test]
    fn a_look_reads_back_as_written() {
        let look = look();
        let (nums, texts) = look.encode();
        assert_eq!(Look::decode(&nums, &texts), Some(look.clone()));
        // Cut short, added to or changed, it is not read.
        assert_eq!(Look::decode(&nums[..nums.len() - 1], &texts), None);
        assert_eq!(Look::decode(&nums, &texts[..texts.len() - 1]), None);
        let mut more = texts.clone();
        more.push("x".into());
        assert_eq!(Look::decode(&nums, &more), None);
        let mut bad = nums.clone();
        bad[0] = 2.0;
        assert_eq!(Look::decode(&bad, &texts), None);
        bad = nums.clone();
        bad[2] = f64::NAN;
        assert_eq!(Look::decode(&bad, &texts), None);
        bad = nums.clone();
        bad[7] = 256.0;
        assert_eq!(Look::decode(&bad, &texts), None, "a colour past 255");
        // Only what the encoding covers has a look.
        let Chart::Axes {
            mut series,
            categories,
            ..
        } = look.chart.clone()
        else {
            panic!()
        };
        let across = Chart::Axes {
            categories: categories.clone(),
            series: series.clone(),
            across: true,
        };
        assert!(Look::of(&across, look.advances.clone()).is_none());
        let mut stacked = series.clone();
        stacked[1].stack = Some("a".into());
        let stacked = Chart::Axes {
            categories: categories.clone(),
            series: stacked,
            across: false,
        };
        assert!(Look::of(&stacked, look.advances.clone()).is_none());
        series[0].dash = Some(vec![1.0, 2.0, 3.0]);
        let odd = Chart::Axes {
            categories,
            series,
            across: false,
        };
        assert!(Look::of(&odd, look.advances.clone()).is_none());
        assert_eq!(Look::decode(&[], &[]), None);
        // Figures go in series by series; what is not finite is a gap.
        let mut look = look;
        look.set_figures(&[&[1.0, f64::NAN], &[2.0]]);
        let Chart::Axes { series, .. } = &look.chart else {
            panic!()
        };
        assert_eq!(series[0].values, [Some(1.0), None]);
        assert_eq!(series[1].values, [Some(2.0), None]);
        assert_eq!(series[2].values, [None, None]);
    }
}

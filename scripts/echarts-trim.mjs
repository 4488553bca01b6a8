// What scripts/build-echarts.sh leaves out of Hearth's ECharts bundle, beyond the modules
// scripts/echarts-entry.mjs never imports. Used by scripts/echarts-bundle.mjs (an esbuild
// plugin); the README in site/static/vendor/echarts/ is generated from these lists.
//
// Everything here is code that Hearth's charts cannot reach: the option JSON comes only from
// generator/src/charts.rs and market.rs (line, bar and pie series on category/value axes,
// grid with containLabel, axis/item tooltips, plain and scroll legends, aria with decals),
// and site/static/js/charts.js and scenario.js only call echarts.init (SVG renderer),
// setOption, getInstanceByDom, resize and dispose, with tooltip.renderMode forced to
// 'richText'. A stubbed path that is reached anyway throws an Error naming what is missing,
// so charts.js shows the data table instead of a half-drawn chart. If the generator starts
// using one of these features, delete its entry here and rerun scripts/build-echarts.sh.
//
// The build fails if any module, method or import listed here is no longer found, so an
// ECharts upgrade cannot silently skip (or wrongly apply) an entry.

/** `throw` statement used by the stubs. */
const missing = (what) => `throw new Error(${JSON.stringify(`${what} is not in Hearth's ECharts build`)});`;

/**
 * Modules replaced wholesale. `module` is relative to node_modules; `code` is the stub's
 * source (ES module; relative imports resolve from the original module's folder).
 */
export const STUBS = [
  {
    module: 'echarts/lib/i18n/langZH.js',
    why: 'ECharts registers a Chinese locale and picks it in browsers set to Chinese; the site is English, so that locale is the English one.',
    code: `export { default } from './langEN.js';`,
  },
  {
    module: 'echarts/lib/theme/dark.js',
    why: "the built-in 'dark' theme (charts.js passes no theme).",
    code: `export default {};`,
  },
  {
    module: 'zrender/lib/svg/cssAnimation.js',
    why: 'CSS keyframe animation, used only when an SVG is exported as a string (server-side rendering, getDataURL); the live SVG renderer animates with script.',
    code: `export function createCSSAnimation() {}`,
  },
  {
    module: 'zrender/lib/svg/cssEmphasis.js',
    why: 'CSS hover styles for exported SVG strings, as above.',
    code: `export function createCSSEmphasis() {}`,
  },
  {
    module: 'echarts/lib/preprocessor/backwardCompat.js',
    why: 'rewriting of option names from ECharts 2 to 4 (itemStyle.normal, x/y for left/top, ...); the generator writes ECharts 6 names. Only its "series is an array" step is kept.',
    code: `import { normalizeToArray } from '../util/model.js';
export default function globalBackwardCompat(option) { option.series = normalizeToArray(option.series); }`,
  },
  {
    module: 'echarts/lib/data/helper/transform.js',
    why: 'dataset transforms (no dataset component is bundled).',
    code: `export function registerExternalTransform() { ${missing('registerTransform')} }
export function applyDataTransform() { ${missing('dataset.transform')} }
export function ExternalSource() {}`,
  },
  {
    module: 'echarts/lib/legacy/dataSelectAction.js',
    why: "the ECharts 4 pie selection actions and events (pieToggleSelect, 'pieselectchanged'); Hearth's charts have no selection.",
    code: `export function createLegacyDataSelectAction() {}
export function handleLegacySelectEvents() {}`,
  },
  {
    module: 'echarts/lib/loading/default.js',
    why: 'the showLoading spinner.',
    code: `export default function defaultLoading() { ${missing('showLoading')} }`,
  },
  {
    module: 'echarts/lib/scale/Time.js',
    why: "time axes (the generator's axes are 'category' and 'value').",
    code: `export default function TimeScale() { ${missing("A 'time' axis")} }
export function calcNiceForTimeScale() { ${missing("A 'time' axis")} }`,
  },
  {
    module: 'echarts/lib/util/time.js',
    why: 'date formatting for time axes; pad() is kept, and a Date shown in a tooltip is printed with String().',
    code: `export function pad(str, len) { str += ''; return '0000'.substr(0, len - str.length) + str; }
export function format(date) { return String(date); }
export function parseTimeAxisLabelFormatter() { ${missing("A 'time' axis")} }
export function roundTime() { ${missing("A 'time' axis")} }`,
  },
  {
    module: 'echarts/lib/scale/Log.js',
    why: "logarithmic axes (type 'log').",
    code: `export default function LogScale() { ${missing("A 'log' axis")} }`,
  },
  {
    module: 'echarts/lib/coord/axisAlignTicks.js',
    why: 'yAxis.alignTicks (aligning the ticks of two value axes).',
    code: `export function scaleCalcAlign() { ${missing('alignTicks')} }`,
  },
  {
    module: 'zrender/lib/canvas/graphic.js',
    why: "drawing on a canvas: only the SVG renderer is bundled. Its one caller here, decal.js, uses it only when the renderer is the canvas one; with SVG it builds the patterns as SVG.",
    code: `export function brushSingle() { ${missing('The canvas renderer')} }
export function brush() { ${missing('The canvas renderer')} }
export function brushLoopFinalize() {}
export function createCanvasPattern() {}`,
  },
  {
    module: 'echarts/lib/label/sectorLabel.js',
    why: 'labels of bars in polar coordinates (no polar coordinate system is bundled).',
    code: `export function createSectorCalculateTextPosition() { ${missing('A polar bar chart')} }
export function setSectorTextRotation() {}`,
  },
  {
    module: 'echarts/lib/util/shape/sausage.js',
    why: 'round-capped polar bars, as above.',
    code: `export default function SausagePath() { ${missing('A polar bar chart')} }`,
  },
  {
    module: 'echarts/lib/processor/dataSample.js',
    why: "series.sampling (thinning lines and bars with more points than pixels); the generator never sets it, and if set it is ignored: every point is drawn.",
    code: `export default function dataSample(seriesType) { return { seriesType, reset() {} }; }`,
  },
  {
    module: 'zrender/lib/core/timsort.js',
    why: "zrender's own TimSort, for a stable sort; Array.prototype.sort is required to be stable since ES2019 and is in current browsers, so it is used instead.",
    code: `export default function sort(array, compare, lo, hi) {
  lo = lo || 0; hi = hi == null ? array.length : hi;
  if (lo === 0 && hi === array.length) { array.sort(compare); return; }
  const part = array.slice(lo, hi).sort(compare);
  for (let i = 0; i < part.length; i++) array[lo + i] = part[i];
}`,
  },
  {
    module: 'zrender/lib/core/GestureMgr.js',
    why: "two-finger pinch recognition, which only ECharts' roam and zoom components (not bundled) listen for.",
    code: `export class GestureMgr { recognize() {} clear() { return this; } }`,
  },
  {
    module: 'echarts/lib/component/tooltip/seriesFormatTooltip.js',
    why: "the text of ECharts' own tooltip, which is not bundled: charts.js shows hovered values in an HTML readout under the chart instead.",
    code: `export function defaultSeriesFormatTooltip() { ${missing('A tooltip')} }`,
  },
  {
    module: 'zrender/lib/animation/easing.js',
    why: "easing curves other than linear, quadratic and cubic: ECharts' defaults use cubicOut and cubicInOut (and linear for line drawing), and the generator sets no animationEasing.",
    code: `export default {
  linear: (k) => k,
  quadraticIn: (k) => k * k,
  quadraticOut: (k) => k * (2 - k),
  quadraticInOut: (k) => ((k *= 2) < 1 ? 0.5 * k * k : -0.5 * (--k * (k - 2) - 1)),
  cubicIn: (k) => k * k * k,
  cubicOut: (k) => --k * k * k + 1,
  cubicInOut: (k) => ((k *= 2) < 1 ? 0.5 * k * k * k : 0.5 * ((k -= 2) * k * k + 2)),
};`,
  },
];

/**
 * Functions whose bodies are replaced by a `throw`: with `class`, prototype methods (matched
 * in the module's source as `Class.prototype.method = function ...`); without it, the
 * module's top-level `function name(...)` declarations. Code they alone call is then dropped
 * by the bundler.
 */
export const PRUNE = [
  {
    module: 'echarts/lib/core/echarts.js',
    class: 'ECharts',
    methods: [
      'getDataURL', 'getConnectedDataURL', 'getSvgDataURL', 'getRenderedCanvas', 'renderToCanvas',
      'showLoading', 'hideLoading', 'appendData', 'containPixel', 'convertToPixel',
      'convertFromPixel', 'convertToLayout', 'getVisual', 'setTheme',
    ],
    why: "chart-instance methods the site's scripts never call (image export, loading spinner, appendData, pixel conversion, setTheme). renderToSVGString stays for the build's smoke test.",
  },
  {
    module: 'echarts/lib/data/DataStore.js',
    class: 'DataStore',
    methods: ['downSample', 'lttbDownSample', 'minmaxDownSample', 'selectRange', 'getMedian'],
    why: 'the down-sampling behind series.sampling (see dataSample.js above), and the data filtering and medians used only by dataZoom, brush and markLine (none bundled).',
  },
  {
    module: 'echarts/lib/chart/bar/BarView.js',
    class: 'BarView',
    methods: [
      '_enableRealtimeSort', '_isOrderChangedWithinSameData', '_dataSort', '_updateSortWithinSameData',
      '_dispatchInitSort', '_isOrderDifferentInView', '_renderLarge', '_incrementalRenderLarge',
      'incrementalPrepareRender', 'incrementalRender', '_updateLargeClip',
    ],
    why: 'bar series realtimeSort and large/progressive mode (options the generator never sets).',
  },
  {
    module: 'echarts/lib/chart/line/LineView.js',
    class: 'LineView',
    methods: ['_endLabelOnDuring'],
    why: 'the animated end label of a line series (series.endLabel).',
  },
  {
    module: 'echarts/lib/chart/line/LineView.js',
    methods: ['turnPointsIntoStep', 'clipColorStops'],
    why: 'step lines (series.step) and the gradient a visualMap paints along a line (no visualMap is bundled).',
  },
  {
    module: 'echarts/lib/chart/line/poly.js',
    class: 'ECPolyline',
    methods: ['getPointOn'],
    why: 'finding the point of a line at an x or y, used only by end labels (series.endLabel).',
  },
  {
    module: 'echarts/lib/chart/bar/BarView.js',
    methods: ['updateRealtimeAnimation', 'createLarge', 'largePathFindDataIndex', 'createBackgroundShape', 'createBackgroundEl'],
    why: 'the helpers of realtimeSort and large mode (above), and bar backgrounds (series.showBackground).',
  },
  {
    module: 'echarts/lib/chart/bar/BaseBarSeries.js',
    class: 'BaseBarSeriesModel',
    methods: ['getMarkerPosition'],
    why: 'where a markPoint, markLine or markArea sits on a bar (no marker component is bundled).',
  },
  {
    module: 'echarts/lib/model/Series.js',
    class: 'SeriesModel',
    methods: ['formatTooltip', 'indicesOfNearest'],
    why: "the text of a series' tooltip, and the data nearest the pointer for an axis tooltip: ECharts' tooltip is not bundled (charts.js writes hovered values into an HTML readout).",
  },
  {
    module: 'echarts/lib/util/format.js',
    methods: ['getTooltipMarker'],
    why: "the coloured dot of ECharts' tooltip, as above.",
  },
  {
    module: 'echarts/lib/coord/cartesian/Grid.js',
    class: 'Grid',
    methods: ['getTooltipAxes', '_findConvertTarget'],
    why: "the axes an axis tooltip reads, and the lookup behind convertToPixel/convertFromPixel (pruned above; markers are not bundled).",
  },
  {
    module: 'echarts/lib/component/axis/axisSplitHelper.js',
    methods: ['rectCoordAxisBuildSplitArea'],
    why: 'striped split areas between ticks (axis splitArea, off by default; the generator never turns it on).',
  },
  {
    module: 'echarts/lib/scale/minorTicks.js',
    methods: ['getMinorTicks'],
    why: 'minor ticks and minor split lines (off by default, never turned on).',
  },
  {
    module: 'echarts/lib/coord/Axis.js',
    class: 'Axis',
    methods: ['getMinorTicksCoords'],
    why: 'as above.',
  },
  {
    module: 'echarts/lib/coord/axisStatisticsMetricsImpl.js',
    methods: ['metricLiPosMinGapImpl'],
    why: "the narrowest gap between data on a numeric axis, which sizes bars whose base axis is a value, time or log axis; Hearth's bars stand on category axes.",
  },
  {
    module: 'echarts/lib/coord/axisBand.js',
    methods: ['calcBandWidthForNumericAxis'],
    why: 'as above.',
  },
  {
    module: 'echarts/lib/data/helper/dataValueHelper.js',
    class: 'SortOrderComparator',
    methods: ['evaluate'],
    why: "the comparisons of dataset 'sort' transforms (dataset transforms are stubbed above).",
  },
  {
    module: 'echarts/lib/data/helper/dataValueHelper.js',
    class: 'FilterOrderComparator',
    methods: ['evaluate'],
    why: "the comparisons of dataset 'filter' transforms, as above.",
  },
  {
    module: 'echarts/lib/data/helper/dataValueHelper.js',
    class: 'FilterEqualityComparator',
    methods: ['evaluate'],
    why: 'as above.',
  },
  {
    module: 'echarts/lib/data/helper/sourceManager.js',
    class: 'SourceManager',
    methods: ['_applyTransform'],
    why: 'dataset transforms, as above.',
  },
  {
    module: 'zrender/lib/graphic/Text.js',
    class: 'ZRText',
    methods: ['_updateRichTexts', '_placeToken', '_mergeRich'],
    why: "rich text (a text style with `rich`, e.g. label.rich): the generator sets none, no bundled component's defaults have any (only time axes do, and they are stubbed), and the rich-text tooltip is gone.",
  },
  {
    module: 'zrender/lib/graphic/helper/parseText.js',
    methods: ['parseRichText'],
    why: 'as above.',
  },
  {
    module: 'zrender/lib/core/curve.js',
    methods: ['quadraticRootAt', 'quadraticExtremum', 'quadraticSubdivide', 'quadraticProjectPoint', 'quadraticLength'],
    why: "geometry of quadratic Bezier segments (their bounds, lengths, hit tests and splitting). Nothing Hearth draws has one: lines are straight (no series.smooth), pie label lines are straight, pie slices and round corners are arcs, and the markers are built-in shapes ('pin' uses cubic curves, which are kept) rather than 'path://' strings.",
  },
  {
    module: 'zrender/lib/core/bbox.js',
    methods: ['fromQuadratic'],
    why: 'the bounds of quadratic segments, as above.',
  },
  {
    module: 'zrender/lib/contain/path.js',
    methods: ['windingQuadratic'],
    why: 'pointer hit tests on quadratic segments, as above.',
  },
  {
    module: 'zrender/lib/graphic/helper/smoothBezier.js',
    methods: ['smoothBezier'],
    why: 'smoothed lines and areas (series.smooth).',
  },
  {
    module: 'zrender/lib/svg/graphic.js',
    methods: ['setGradient', 'brushSVGImage'],
    why: "gradient fills and images: the generator's colours are flat, its markers are shapes rather than 'image://' symbols, and ECharts' defaults for the bundled components use neither.",
  },
];

/**
 * Narrowed namespace imports: `{ importer, module, names, why }` gives `importer`'s
 * `import * as x from module` only `names`, for a module that looks exports up by name (which
 * makes the bundler keep every export). None at present: the axis pointer, whose
 * `import * as graphic` needed one, went with the tooltip.
 */
export const NARROW = [];

/**
 * Replace the bodies of the functions `entry` lists (see PRUNE) in `code` with a throw.
 * `acorn` is the parser module. Throws if a listed function is not found exactly once.
 */
export function pruneMethods(acorn, code, entry) {
  const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module' });
  const found = new Map(entry.methods.map((m) => [m, []]));
  const owner = entry.class ? `${entry.class}.` : '';
  if (entry.class) {
    (function walk(node) {
      if (!node || typeof node.type !== 'string') return;
      const left = node.type === 'AssignmentExpression' ? node.left : null;
      if (
        left?.type === 'MemberExpression' && !left.computed &&
        left.object.type === 'MemberExpression' && !left.object.computed &&
        left.object.property.name === 'prototype' && left.object.object.name === entry.class &&
        found.has(left.property.name) && node.right.type === 'FunctionExpression'
      ) {
        found.get(left.property.name).push(node.right.body);
      }
      for (const value of Object.values(node)) {
        if (Array.isArray(value)) value.forEach(walk);
        else if (value && typeof value === 'object') walk(value);
      }
    })(ast);
  } else {
    for (const statement of ast.body) {
      const decl = statement.type.startsWith('Export') ? statement.declaration : statement;
      if (decl?.type === 'FunctionDeclaration' && found.has(decl.id?.name)) found.get(decl.id.name).push(decl.body);
    }
  }
  const bodies = [];
  for (const [method, list] of found) {
    if (list.length !== 1) {
      throw new Error(`${entry.module}: expected one ${entry.class ? `${entry.class}.prototype.` : 'function '}${method}, found ${list.length}`);
    }
    bodies.push([list[0], method]);
  }
  bodies.sort((a, b) => b[0].start - a[0].start);
  for (const [body, method] of bodies) {
    code = `${code.slice(0, body.start)}{ ${missing(`${owner}${method}`)} }${code.slice(body.end)}`;
  }
  return code;
}

/** Markdown list of everything above, for the vendored README. */
export function describe() {
  const lines = ['Stubbed modules (replaced by a few lines each):', ''];
  for (const s of STUBS) lines.push(`- \`${s.module}\`: ${s.why}`);
  lines.push('', 'Functions whose bodies are replaced by an error:', '');
  for (const p of PRUNE) {
    const names = p.methods.map((m) => (p.class ? `${p.class}.${m}` : `${m}()`)).join(', ');
    lines.push(`- \`${p.module}\`, ${names}: ${p.why}`);
  }
  if (NARROW.length) lines.push('', 'Narrowed imports:', '');
  for (const n of NARROW) {
    lines.push(`- \`${n.importer}\` gets only ${n.names.join(', ')} from \`${n.module}\`: ${n.why}`);
  }
  return lines.join('\n');
}

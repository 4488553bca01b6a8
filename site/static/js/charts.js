// Progressive enhancement: draw ECharts charts from server-built option JSON.
// Contract: <div class="chart-canvas" data-chart-src="ID" aria-hidden="true"></div>
// plus <script type="application/json" id="ID">{...ECharts option...}</script>.
// The page's data table carries the meaning; on any problem we warn and leave the div alone.
// The same chart drawn at build time, <div class="chart-static"> (SVG) just before the div,
// shows until then: it is hidden (.chart-static--replaced) in the same task as the ECharts
// chart takes the same box, so nothing moves. Print shows it again (print.css) unless the
// chart has changed since (a scenario's sliders) and the image has not been drawn again to
// match (scenario.js draws a what-if chart's image again, data-chart-live): then it is marked
// .chart-static--stale.
// Needs window.echarts from /static/vendor/echarts/echarts.min.js (classic script, defer).
// Pointing at (or tapping) a point, bar or slice writes its figures into a readout, a <p>
// after the chart: plain page text (it zooms, reflows and keeps its contrast), which stays
// until the next one. The vendored ECharts has no tooltip of its own.
// From the keyboard: "Previous" and "Next" buttons after the readout (Tab to them; Enter or
// Space, or the arrow keys, Home and End while on them) step through the chart's categories
// or slices, highlight the one chosen in the chart and write its figures, with its place
// ("3 of 8"), into the readout, a polite live region. The chart itself stays aria-hidden:
// its table remains the accessible source of every figure.

const charts = [];
/** Each drawn chart's build-time image and its series' data as first drawn. */
const statics = [];
/** Drawn charts whose legend room follows their width. */
const fitted = [];
/** The page's text colour (hearth.css --ink): 3:1 and more against the chart's background. */
const INK = '#1b1b1b';

function optionFor(div) {
  const id = div.dataset.chartSrc;
  const source = id ? document.getElementById(id) : null;
  if (!source) throw new Error(`no <script type="application/json" id="${id}">`);
  const option = JSON.parse(source.textContent);
  if (!option || typeof option !== 'object') throw new Error(`#${id} is not a JSON object`);
  if (!('aria' in option)) option.aria = { enabled: true };
  // The point, bar or slice pointed at or stepped to is outlined in the page's ink (and a
  // line's markers grow), so a keyboard reader sees which one the readout describes.
  for (const s of [option.series ?? []].flat()) {
    if (!s || typeof s !== 'object' || 'emphasis' in s) continue;
    const outline = { borderColor: INK, borderWidth: s.type === 'line' ? 2 : 3 };
    s.emphasis = s.type === 'line' ? { scale: 1.8, itemStyle: outline } : { itemStyle: outline };
    if (s.type === 'pie') Object.assign(s.emphasis, { scale: true, scaleSize: 6 });
  }
  if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) option.animation = false;
  return option;
}

// Room for a legend at the foot of a chart: the option leaves room for one row, and on a
// narrow screen the legend wraps to several rows, which would then cover the axis labels. The
// rows are counted as ECharts lays them out (item: 25 px marker, 5 px gap, its text at 12 px;
// 10 px between items and between rows) and the grid's bottom raised by a row for each.
const LEGEND_ROW = 24;
let measure;
const published = new WeakMap(); // a grid -> the bottom its option gave
function legendRows(option, width) {
  const names = [option.series ?? []].flat().flatMap((s) => (s?.type === 'pie' ? (s.data ?? []).map((d) => d?.name) : [s?.name]));
  measure ??= document.createElement('canvas').getContext('2d');
  if (!measure) return 1;
  measure.font = '12px sans-serif';
  let rows = 1;
  let x = 5;
  for (const name of names.filter((n) => typeof n === 'string' && n !== '')) {
    const w = 30 + measure.measureText(name).width;
    if (x > 5 && x + w > width - 5) {
      rows += 1;
      x = 5;
    }
    x += w + 10;
  }
  return rows;
}
/** The grid's bottom for the chart's width, or null when the option has no foot legend. */
function gridBottom(option, width) {
  const legend = [option.legend ?? []].flat()[0];
  const grid = [option.grid ?? []].flat()[0];
  if (!legend || legend.bottom === undefined || !grid || typeof grid.bottom !== 'number' || !(width > 0)) return null;
  if (!published.has(grid)) published.set(grid, grid.bottom);
  return published.get(grid) + (legendRows(option, width) - 1) * LEGEND_ROW;
}
function fitLegend(chart, option, width) {
  const bottom = gridBottom(option, width);
  if (bottom === null) return;
  const grid = [option.grid].flat()[0];
  if (grid.bottom === bottom) return;
  grid.bottom = bottom;
  chart?.setOption({ grid: { bottom } });
}

// Made on first use: the first Intl formatter of a page loads locale data, which on a slow
// phone costs as long as drawing a chart, and nothing is formatted before a hover or a step.
let numbers;
const format = (v) => (numbers ??= new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 })).format(v);

/** A data item's number: items are numbers, null, or { value } objects. */
function valueOf(item) {
  const v = item !== null && typeof item === 'object' ? item.value : item;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function figure(v) {
  return v === null ? 'no figure' : format(v);
}

/** A pie slice's text: its name, figure and share of the figures (as ECharts' own percent). */
function slice(series, i) {
  const data = series.data ?? [];
  const d = data[i];
  if (d === undefined) return null;
  const v = valueOf(d);
  const total = data.map(valueOf).reduce((sum, x) => sum + (x ?? 0), 0);
  const share = v !== null && total > 0 ? ` (${format(Math.round((v / total) * 10000) / 100)}%)` : '';
  return `${d?.name ?? ''}: ${figure(v)}${share}`;
}

/** The readout's text for an ECharts mouse event on a series item, or null. */
function describe(chart, params) {
  if (params.componentType !== 'series') return null;
  if (params.seriesType === 'pie') {
    const pie = [chart.getOption().series ?? []].flat()[params.seriesIndex ?? 0];
    return pie ? slice(pie, params.dataIndex) : null;
  }
  // Lines and bars share a category axis: give every series' figure at that category.
  const series = [chart.getOption().series ?? []].flat();
  const parts = series
    .filter((s) => s && Array.isArray(s.data) && params.dataIndex < s.data.length)
    .map((s) => `${s.name}: ${figure(valueOf(s.data[params.dataIndex]))}`);
  return parts.length ? `${params.name}. ${parts.join('; ')}` : null;
}

const TARGETS = { line: 'marker', bar: 'bar', pie: 'slice' };
/** What one keyboard step moves to, by the chart's first series. */
const STEPS = { line: 'point', bar: 'bar', pie: 'slice' };

/** The category labels of a line or bar chart, or a pie's slice names: what a step moves to. */
function stops(chart) {
  const option = chart.getOption();
  const series = [option.series ?? []].flat();
  if (series[0]?.type === 'pie') return (series[0].data ?? []).map((d) => d?.name ?? '');
  const axes = [...[option.xAxis ?? []].flat(), ...[option.yAxis ?? []].flat()];
  const axis = axes.find((a) => a?.type === 'category');
  return (axis?.data ?? []).map((c) => String(c !== null && typeof c === 'object' ? c.value : c));
}

/** The readout's text for stop `i` of `n`, or null. */
function describeStop(chart, i, n) {
  const series = [chart.getOption().series ?? []].flat();
  const text = series[0]?.type === 'pie'
    ? slice(series[0], i)
    : describe(chart, { componentType: 'series', seriesType: series[0]?.type, name: stops(chart)[i], dataIndex: i });
  return text && `${i + 1} of ${n}. ${text}`;
}

/** Previous and Next buttons that step through the chart's stops from the keyboard. */
function addKeys(readout, chart, kind, caption) {
  const keys = document.createElement('div');
  keys.className = 'chart-keys';
  const button = (label, step) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'button button--secondary chart-keys__button';
    b.dataset.chartStep = String(step);
    const hidden = document.createElement('span');
    hidden.className = 'visually-hidden';
    hidden.textContent = caption ? ` in the chart “${caption}”` : ' in the chart';
    b.append(`${label} ${kind}`, hidden);
    return b;
  };
  keys.append(button('Previous', -1), ' ', button('Next', 1));
  let current = -1;
  const go = (target) => {
    const n = stops(chart).length;
    if (n === 0) return;
    current = ((target % n) + n) % n;
    const series = [chart.getOption().series ?? []].flat();
    chart.dispatchAction({ type: 'downplay' });
    chart.dispatchAction({ type: 'highlight', seriesIndex: series.map((_, k) => k), dataIndex: current });
    const text = describeStop(chart, current, n);
    if (text) readout.textContent = text;
  };
  // One step back or on; from no stop yet, back is the last and on is the first.
  const step = (by) => go(current < 0 ? (by < 0 ? -1 : 0) : current + by);
  keys.addEventListener('click', (e) => {
    const b = e.target.closest('[data-chart-step]');
    if (b) step(Number(b.dataset.chartStep));
  });
  keys.addEventListener('keydown', (e) => {
    if (e.altKey || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const moves = { ArrowLeft: () => step(-1), ArrowRight: () => step(1), Home: () => go(0), End: () => go(-1) };
    if (!moves[e.key]) return;
    e.preventDefault();
    moves[e.key]();
  });
  // A point chosen with the pointer is where the next step starts.
  chart.on('mouseover', (params) => {
    if (params.componentType === 'series' && typeof params.dataIndex === 'number') current = params.dataIndex;
  });
  readout.after(keys);
  return keys;
}

function addReadout(div, chart, option) {
  const series = [option.series ?? []].flat();
  const kinds = [...new Set(series.map((s) => TARGETS[s?.type]).filter(Boolean))];
  const what = kinds.length ? kinds.map((k) => `a ${k}`).join(' or ') : 'the chart';
  const kind = STEPS[series[0]?.type] ?? 'point';
  const readout = document.createElement('p');
  readout.className = 'chart-readout';
  readout.setAttribute('aria-live', 'polite');
  const keyboard = stops(chart).length > 0;
  readout.textContent = keyboard
    ? `Hover over or tap ${what} to see its figures here, or step through them with the buttons below; the table has them all.`
    : `Hover over or tap ${what} to see its figures here; the table has them all.`;
  div.after(readout);
  chart.on('mouseover', (params) => {
    const text = describe(chart, params);
    if (text) readout.textContent = text;
  });
  if (keyboard) {
    const caption = div.closest('figure')?.querySelector('figcaption')?.textContent.trim() ?? '';
    addKeys(readout, chart, kind, caption);
  }
}

/** The series' data of a drawn chart, as text to compare. */
function drawnData(chart) {
  return JSON.stringify([chart.getOption().series ?? []].flat().map((s) => s?.data ?? null));
}

function draw(div) {
  let chart;
  let option;
  const still = div.previousElementSibling?.classList.contains('chart-static') ? div.previousElementSibling : null;
  try {
    option = optionFor(div);
    // The canvas takes space only once a chart will be drawn in it; the build-time image
    // gives up the same space at the same moment.
    div.classList.add('chart-canvas--on');
    still?.classList.add('chart-static--replaced');
    chart = window.echarts.init(div, null, { renderer: 'svg' });
    fitLegend(null, option, div.clientWidth);
    chart.setOption(option);
  } catch (err) {
    chart?.dispose();
    div.classList.remove('chart-canvas--on');
    still?.classList.remove('chart-static--replaced');
    console.warn(`hearth charts: chart "${div.dataset.chartSrc}" not drawn:`, err);
    return;
  }
  charts.push(chart);
  fitted.push({ chart, option, div });
  if (still) statics.push({ still, chart, data: drawnData(chart) });
  addReadout(div, chart, option);
  div.dataset.chartReady = 'true';
  // For scripts that change a chart's data (scenario.js): it can now be drawn into.
  div.dispatchEvent(new CustomEvent('hearth:chart-drawn'));
}

/** After the frame now being made has been shown: a task queued from the next frame's callback. */
// (A hidden tab makes no frames: there, just a task.)
const afterFrame = () =>
  new Promise((resolve) => (document.visibilityState === 'hidden' ? setTimeout(resolve, 0) : requestAnimationFrame(() => setTimeout(resolve, 0))));

// One chart per task, the first at once, each later one after a frame: the first chart shows
// as soon as it is drawn rather than when the page's last one is, and a page of several
// charts does not hold the main thread (a click or a keypress waits at most one chart).
async function drawInTurn(divs) {
  for (const [i, div] of divs.entries()) {
    if (i > 0) await afterFrame();
    draw(div);
  }
}

function main() {
  const divs = document.querySelectorAll('.chart-canvas[data-chart-src]');
  if (divs.length === 0) return;
  if (!window.echarts) {
    console.warn('hearth charts: window.echarts missing; showing tables only');
    return;
  }
  drawInTurn([...divs]);
  // Print the build-time image only while it still shows what the chart shows.
  window.addEventListener('beforeprint', () => {
    // (An image scenario.js draws again as the sliders move, data-chart-live, is up to date.)
    for (const { still, chart, data } of statics) {
      still.classList.toggle('chart-static--stale', !('chartLive' in still.dataset) && drawnData(chart) !== data);
    }
  });
  let timer;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      for (const f of fitted) fitLegend(f.chart, f.option, f.div.clientWidth);
      charts.forEach((c) => c.resize());
    }, 150);
  });
}

// Module scripts run after earlier deferred scripts; waiting for DOMContentLoaded also
// covers a template that places this module before the ECharts <script defer>.
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', main, { once: true });
} else {
  main();
}

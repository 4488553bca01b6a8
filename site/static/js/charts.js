// Progressive enhancement: draw ECharts charts from server-built option JSON.
// Contract: <div class="chart-canvas" data-chart-src="ID" aria-hidden="true"></div>
// plus <script type="application/json" id="ID">{...ECharts option...}</script>.
// The page's data table carries the meaning; on any problem we warn and leave the div alone.
// Needs window.echarts from /static/vendor/echarts/echarts.min.js (classic script, defer).
// Pointing at (or tapping) a point, bar or slice writes its figures into a readout, a <p>
// after the chart: plain page text (it zooms, reflows and keeps its contrast), which stays
// until the next one. The vendored ECharts has no tooltip of its own.

const charts = [];

function optionFor(div) {
  const id = div.dataset.chartSrc;
  const source = id ? document.getElementById(id) : null;
  if (!source) throw new Error(`no <script type="application/json" id="${id}">`);
  const option = JSON.parse(source.textContent);
  if (!option || typeof option !== 'object') throw new Error(`#${id} is not a JSON object`);
  if (!('aria' in option)) option.aria = { enabled: true };
  if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) option.animation = false;
  return option;
}

const numbers = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/** A data item's number: items are numbers, null, or { value } objects. */
function valueOf(item) {
  const v = item !== null && typeof item === 'object' ? item.value : item;
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

function figure(v) {
  return v === null ? 'no figure' : numbers.format(v);
}

/** The readout's text for an ECharts mouse event on a series item, or null. */
function describe(chart, params) {
  if (params.componentType !== 'series') return null;
  if (params.seriesType === 'pie') {
    const share = typeof params.percent === 'number' ? ` (${numbers.format(params.percent)}%)` : '';
    return `${params.name}: ${figure(valueOf(params.value))}${share}`;
  }
  // Lines and bars share a category axis: give every series' figure at that category.
  const series = [chart.getOption().series ?? []].flat();
  const parts = series
    .filter((s) => s && Array.isArray(s.data) && params.dataIndex < s.data.length)
    .map((s) => `${s.name}: ${figure(valueOf(s.data[params.dataIndex]))}`);
  return parts.length ? `${params.name}. ${parts.join('; ')}` : null;
}

const TARGETS = { line: 'marker', bar: 'bar', pie: 'slice' };

function addReadout(div, chart, option) {
  const kinds = [...new Set([option.series ?? []].flat().map((s) => TARGETS[s?.type]).filter(Boolean))];
  const what = kinds.length ? kinds.map((k) => `a ${k}`).join(' or ') : 'the chart';
  const readout = document.createElement('p');
  readout.className = 'chart-readout';
  readout.textContent = `Hover over or tap ${what} to see its figures here; the table has them all.`;
  div.after(readout);
  chart.on('mouseover', (params) => {
    const text = describe(chart, params);
    if (text) readout.textContent = text;
  });
}

function draw(div) {
  let chart;
  let option;
  try {
    option = optionFor(div);
    // The canvas takes space only once a chart will be drawn in it.
    div.classList.add('chart-canvas--on');
    chart = window.echarts.init(div, null, { renderer: 'svg' });
    chart.setOption(option);
  } catch (err) {
    chart?.dispose();
    div.classList.remove('chart-canvas--on');
    console.warn(`hearth charts: chart "${div.dataset.chartSrc}" not drawn:`, err);
    return;
  }
  charts.push(chart);
  addReadout(div, chart, option);
  div.dataset.chartReady = 'true';
}

function main() {
  const divs = document.querySelectorAll('.chart-canvas[data-chart-src]');
  if (divs.length === 0) return;
  if (!window.echarts) {
    console.warn('hearth charts: window.echarts missing; showing tables only');
    return;
  }
  divs.forEach(draw);
  let timer;
  window.addEventListener('resize', () => {
    clearTimeout(timer);
    timer = setTimeout(() => charts.forEach((c) => c.resize()), 150);
  });
}

// Module scripts run after earlier deferred scripts; waiting for DOMContentLoaded also
// covers a template that places this module before the ECharts <script defer>.
if (document.readyState === 'loading') {
  document.addEventListener('DOMContentLoaded', main, { once: true });
} else {
  main();
}

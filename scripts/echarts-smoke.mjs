// Smoke test of the trimmed ECharts bundle, run by scripts/build-echarts.sh:
//
//   node echarts-smoke.mjs echarts.min.js
//
// Loads the bundle as a classic script in a bare VM context (no DOM), checks the API the
// site uses, then draws a line, a bar and a pie chart shaped like the generator's
// (generator/src/charts.rs, market.rs) with ECharts' server-side SVG rendering and checks the
// SVG: series paths, legend and axis text, decal patterns, and every marker the generator
// gives a line (charts.rs SYMBOLS and TARGET_SYMBOL). It cannot hover: the browser tests and
// screenshots cover that.
import fs from 'node:fs';
import vm from 'node:vm';

const file = process.argv[2];
const ctx = vm.createContext({ window: {}, navigator: { userAgent: 'node' }, console, setTimeout, clearTimeout });
vm.runInContext(`${fs.readFileSync(file, 'utf8')}\nwindow.echarts = echarts;`, ctx);
const echarts = ctx.window.echarts;

const fail = (msg) => {
  console.error(`echarts smoke test: ${msg}`);
  process.exit(1);
};
for (const f of ['init', 'getInstanceByDom', 'dispose']) {
  if (typeof echarts[f] !== 'function') fail(`missing echarts.${f}`);
}

const grid = [{ left: 8, right: 16, top: 40, bottom: 56, containLabel: true }];
// Decal patterns as charts.rs writes them (lines, dots and triangles, rotated).
const decal = {
  show: true,
  decals: [
    { color: 'rgba(255, 255, 255, 0.6)', dashArrayX: [1, 0], dashArrayY: [2, 5], symbolSize: 1, rotation: Math.PI / 6 },
    { color: 'rgba(255, 255, 255, 0.6)', dashArrayX: [[8, 8], [0, 8, 8, 0]], dashArrayY: [6, 0], symbol: 'circle', symbolSize: 0.8 },
    { color: 'rgba(255, 255, 255, 0.6)', dashArrayX: [[9, 9], [0, 9, 9, 0]], dashArrayY: [7, 2], symbol: 'triangle', symbolSize: 0.75 },
  ],
};
const border = { borderColor: '#ffffff', borderWidth: 2 };
const line = (name, data, symbol, color, type) => ({
  type: 'line', name, data, symbol, symbolSize: 8, connectNulls: true,
  lineStyle: { color, type, width: 2 }, itemStyle: { color },
});
const charts = {
  line: {
    aria: { enabled: true },
    grid,
    legend: { bottom: 0 },
    xAxis: { type: 'category', data: ['2021', '2022', '2023', '2024'] },
    yAxis: { type: 'value', name: 'Children', nameLocation: 'end' },
    series: [
      line('Northbrook', [533, 560, null, 625], 'circle', '#0b5394', 'solid'),
      { ...line('Target', [null, null, 650, null], 'diamond', '#1a1a1a', 'dashed'), symbolSize: 12 },
      line('England', [688, 695, 704, 726], 'triangle', '#b45309', 'dotted'),
      line('Wales', [600, 610, 620, 630], 'rect', '#6d28d9', 'dashed'),
      line('Scotland', [500, 505, 510, 515], 'emptyCircle', '#047857', 'solid'),
      line('North East', [450, 455, 460, 465], 'emptyTriangle', '#0b5394', 'dotted'),
      line('North West', [400, 405, 410, 415], 'emptyRect', '#b45309', 'dashed'),
      line('Statistical neighbours', [350, 355, 360, 365], 'pin', '#6d28d9', 'solid'),
      line('London', [300, 305, 310, 315], 'arrow', '#047857', 'dotted'),
    ],
    expect: ['Northbrook', 'Target', 'England', 'Scotland', '2023', 'Children'],
  },
  bar: {
    aria: { enabled: true, decal },
    grid,
    legend: { type: 'scroll', bottom: 0 },
    xAxis: { type: 'value' },
    yAxis: { type: 'category', inverse: true, data: ['Our own foster carers', "Children's home"],
      axisLabel: { interval: 0, width: 120, overflow: 'break', fontSize: 11, lineHeight: 13 } },
    series: [
      { type: 'bar', name: 'Requested', stack: 'all', data: [55, 12], itemStyle: { color: '#0b5394', ...border } },
      { type: 'bar', name: 'Other', stack: 'all', data: [65, 0], itemStyle: { color: '#b45309', ...border } },
    ],
    expect: ['Requested', 'Other', 'foster', '<pattern'],
  },
  pie: {
    aria: { enabled: true, decal },
    grid,
    legend: { bottom: 0 },
    color: ['#0b5394', '#b45309', '#6d28d9'],
    series: [{ type: 'pie', name: 'Children', radius: ['35%', '65%'], itemStyle: border,
      data: [{ name: 'Female', value: 47 }, { name: 'Male', value: 53 }, { name: 'Other', value: 3 }] }],
    expect: ['Female', 'Male', 'Other', '<pattern'],
  },
};

for (const [kind, { expect, ...option }] of Object.entries(charts)) {
  let svg;
  try {
    const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: 600, height: 400 });
    // Without animation the SVG string shows the finished chart, not its first frame.
    chart.setOption({ ...option, animation: false });
    // As scenario.js does when a slider moves.
    chart.setOption({ series: option.series.map((s) => ({ data: s.data })) });
    svg = chart.renderToSVGString();
    chart.dispose();
  } catch (err) {
    fail(`${kind} chart: ${err?.stack || err}`);
  }
  const paths = (svg.match(/<path\b/g) || []).length;
  if (paths < 3) fail(`${kind} chart: only ${paths} <path> elements`);
  for (const text of expect) if (!svg.includes(text)) fail(`${kind} chart: SVG lacks ${JSON.stringify(text)}`);
}
console.log('echarts smoke test: API present; line, bar and pie charts render');
process.exit(0);

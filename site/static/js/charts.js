// Progressive enhancement: draw ECharts charts from server-built option JSON.
// Contract: <div class="chart-canvas" data-chart-src="ID" aria-hidden="true"></div>
// plus <script type="application/json" id="ID">{...ECharts option...}</script>.
// The page's data table carries the meaning; on any problem we warn and leave the div alone.
// Needs window.echarts from /static/vendor/echarts/echarts.min.js (classic script, defer).

const charts = [];

function optionFor(div) {
  const id = div.dataset.chartSrc;
  const source = id ? document.getElementById(id) : null;
  if (!source) throw new Error(`no <script type="application/json" id="${id}">`);
  const option = JSON.parse(source.textContent);
  if (!option || typeof option !== 'object') throw new Error(`#${id} is not a JSON object`);
  if (!('aria' in option)) option.aria = { enabled: true };
  // HTML tooltips carry inline styles, which the strict Content Security Policy blocks (the
  // marker and spacing would vanish): draw tooltips inside the chart instead.
  for (const t of [option.tooltip].flat()) if (t && typeof t === 'object') t.renderMode = 'richText';
  if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) option.animation = false;
  return option;
}

function draw(div) {
  let chart;
  try {
    const option = optionFor(div);
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

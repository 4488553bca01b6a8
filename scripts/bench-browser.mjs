// Browser benchmarks for the in-browser engine, in headless Chromium. Prints figures; asserts
// nothing (speed is reported, not tested). Run through scripts/bench-browser.sh, which builds
// the sites this needs:
//   node scripts/bench-browser.mjs EXAMPLE_SITE SYNTHETIC_SITE
// - sizes: the wasm module and all page JavaScript (without ECharts), gzipped;
// - filtering: Filter.apply over the synthetic plan's actions (wasm only, and the full update
//   of the page after ticking a box);
// - what-if: slider input to updated chart (input handler, and until ECharts reports the
//   chart finished rendering), median and 95th percentile.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launch } from '../tests/browser/helpers.mjs';
import { start } from '../tests/browser/server.mjs';

const [example, synthetic] = process.argv.slice(2);
if (!example || !synthetic) {
  console.error('usage: node scripts/bench-browser.mjs EXAMPLE_SITE SYNTHETIC_SITE');
  process.exit(2);
}

const kb = (n) => `${(n / 1024).toFixed(1)} KB`;
const gz = (file) => gzipSync(readFileSync(file), { level: 9 }).length;
const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const at = (q) => s[Math.min(s.length - 1, Math.floor(q * s.length))];
  return `median ${at(0.5).toFixed(3)} ms, p95 ${at(0.95).toFixed(3)} ms (n=${s.length})`;
};

// Sizes.
const wasm = path.join(example, 'static/wasm/hearth_wasm_bg.wasm');
const jsFiles = [
  ...readdirSync(path.join(example, 'static/js')).map((f) => path.join(example, 'static/js', f)),
  path.join(example, 'static/wasm/hearth_wasm.js'),
];
const echarts = path.join(example, 'static/vendor/echarts/echarts.min.js');
console.log(`wasm module: ${kb(readFileSync(wasm).length)} raw, ${kb(gz(wasm))} gzipped`);
console.log(
  `page JavaScript without ECharts (${jsFiles.map((f) => path.basename(f)).join(', ')}): ` +
    `${kb(jsFiles.reduce((n, f) => n + readFileSync(f).length, 0))} raw, ${kb(jsFiles.reduce((n, f) => n + gz(f), 0))} gzipped`,
);
console.log(`ECharts: ${kb(readFileSync(echarts).length)} raw, ${kb(gz(echarts))} gzipped`);

const browser = await launch();
try {
  // Filtering the synthetic plan.
  const big = await start(synthetic);
  const page = await browser.newPage();
  await page.goto(`${big.url}/plan/`, { waitUntil: 'load', timeout: 120_000 });
  await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 120_000 });
  const items = await page.locator('[data-action-id]').count();
  const queries = ['', 'rag=amber', 'rag=red&rag=amber&priority=priority-3', 'q=improve+placements', 'workstream=workstream-7&from=2021&to=2023/24'];
  const pure = await page.evaluate(async (qs) => {
    // The page's own glue: the same conversion from the published index as the filters use.
    const { makeFilter } = await import('/static/js/filter.js');
    const f = makeFilter(JSON.parse(document.getElementById('f-index').textContent));
    const out = {};
    for (const q of qs) {
      const times = [];
      for (let i = 0; i < 101; i++) {
        const t = performance.now();
        f.apply(q);
        f.visible();
        f.counts();
        times.push(performance.now() - t);
      }
      out[q] = times;
    }
    return out;
  }, queries);
  for (const q of queries) console.log(`filter ${items} actions in Chromium (wasm) ${JSON.stringify(q)}: ${stats(pure[q])}`);
  const full = await page.evaluate(async () => {
    const box = document.querySelector('input[name="rag"][value="amber"]');
    const times = [];
    for (let i = 0; i < 21; i++) {
      const t = performance.now();
      box.click(); // change -> filter -> hide/show 10,000 items -> counts -> URL
      times.push(performance.now() - t);
    }
    return times;
  });
  console.log(`filter ${items} actions, full page update after ticking a box: ${stats(full)}`);
  await page.close();
  await big.close();

  // Slider to chart on the example's foster scenario.
  const small = await start(example);
  const p = await browser.newPage();
  await p.goto(`${small.url}/scenarios/foster-sufficiency/`, { waitUntil: 'load' });
  await p.locator('form[data-scenario][data-scenario-ready]').waitFor({ state: 'visible' });
  const slider = await p.evaluate(async () => {
    const range = document.querySelector('input[type="range"][data-input="approvals"]');
    const div = document.querySelector('[data-scenario-chart="0"] .chart-canvas');
    // The reader watches the chart while moving the slider (charts off screen wait).
    div.scrollIntoView({ block: 'center' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const chart = window.echarts.getInstanceByDom(div);
    const handler = [];
    const finished = [];
    for (let i = 0; i < 200; i++) {
      range.value = String(10 + (i % 60));
      const done = new Promise((resolve) => chart.on('finished', resolve));
      const t = performance.now();
      range.dispatchEvent(new Event('input', { bubbles: true }));
      handler.push(performance.now() - t);
      await done;
      finished.push(performance.now() - t);
      chart.off('finished');
    }
    return { handler, finished };
  });
  console.log(`what-if slider input handler (evaluate, outputs, table, visible chart redrawn): ${stats(slider.handler)}`);
  console.log(`what-if slider input to chart rendered (ECharts 'finished'; animation is off for these charts): ${stats(slider.finished)}`);
  await p.close();
  await small.close();
} finally {
  await browser.close();
}

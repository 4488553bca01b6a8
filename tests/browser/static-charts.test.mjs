// Charts drawn at build time (SVG in .chart-static): without JavaScript a measure page shows
// the chart as SVG in the chart's box, marked aria-hidden (its summary and table carry it);
// with JavaScript the ECharts chart takes the same box and the SVG steps aside; print shows
// the SVG again, never the ECharts canvas.
//   HEARTH_SITE=/path/to/site node --test tests/browser/static-charts.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { assertNoProblems, newPage, screenshot, useSite } from './helpers.mjs';

const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : null;
const skip = !(SITE && existsSync(SITE)) && 'HEARTH_SITE not set';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** The first measure with a chart, from the site's own data. */
function measureRoute() {
  const metrics = JSON.parse(readFileSync(path.join(SITE, 'data/metrics.json'), 'utf8'));
  const list = Array.isArray(metrics) ? metrics : (metrics.metrics ?? []);
  for (const m of list) {
    const route = `/measures/${m.id}/`;
    const html = readFileSync(path.join(SITE, route, 'index.html'), 'utf8');
    if (html.includes('class="chart-static"')) return route;
  }
  throw new Error('no measure page with a chart-static');
}

/** Hold back `page`'s ECharts download until the returned function is called. */
async function holdECharts(page) {
  let release;
  const held = new Promise((r) => {
    release = r;
  });
  await page.route('**/echarts.min.js', async (route) => {
    await held;
    await route.continue();
  });
  return release;
}

/** What the page shows of the first chart's two drawings. */
function state(page) {
  return page.evaluate(() => {
    const figure = document.querySelector('figure.chart');
    const still = figure.querySelector('.chart-static');
    const shown = [...still.querySelectorAll('svg')].filter((s) => getComputedStyle(s).display !== 'none');
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return { top: Math.round(r.top + scrollY), height: Math.round(r.height), width: Math.round(r.width) };
    };
    const canvas = figure.querySelector('.chart-canvas');
    return {
      staticShown: getComputedStyle(still).display !== 'none' && shown.length === 1,
      staticClass: shown[0]?.getAttribute('class') ?? null,
      staticBox: shown[0] ? box(shown[0]) : null,
      ariaHidden: still.getAttribute('aria-hidden'),
      svgHidden: shown[0]?.getAttribute('aria-hidden'),
      focusable: shown[0]?.getAttribute('focusable'),
      marks: shown[0] ? shown[0].querySelectorAll('rect, polyline, path').length : 0,
      echarts: canvas.querySelector('svg') !== null && getComputedStyle(canvas).display !== 'none',
      canvasBox: box(canvas),
    };
  });
}

describe('charts drawn at build time', { timeout: 120_000, skip }, () => {
  const env = useSite(SITE);

  for (const [width, variant] of [
    [390, 'narrow'],
    [1280, 'wide'],
  ]) {
    test(`without JavaScript at ${width} px a measure shows its chart as SVG`, async () => {
      const page = await newPage(env.browser, { javaScriptEnabled: false, viewport: { width, height: 900 } });
      try {
        await page.goto(env.server.url + measureRoute(), { waitUntil: 'load' });
        const s = await state(page);
        assert.ok(s.staticShown, 'one SVG shown');
        assert.match(s.staticClass, new RegExp(`chart-static__svg--${variant}`));
        assert.ok(s.staticBox.height >= 300 && s.staticBox.width > 300, JSON.stringify(s.staticBox));
        assert.ok(s.marks > 3, `the SVG has marks: ${s.marks}`);
        assert.equal(s.ariaHidden, 'true');
        assert.equal(s.svgHidden, 'true');
        assert.equal(s.focusable, 'false');
        assert.equal(s.echarts, false, 'no ECharts chart without JavaScript');
        await screenshot(page, `static-chart-nojs-${width}.png`);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    });
  }

  test('with JavaScript the ECharts chart replaces the SVG in the same box; print shows the SVG', async () => {
    const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      // Hold ECharts back to see the page as first painted.
      const release = await holdECharts(page);
      const route = measureRoute();
      // ECharts is a deferred script, so DOMContentLoaded waits for it: wait for the chart's
      // figure to be parsed and painted instead.
      await page.goto(env.server.url + route, { waitUntil: 'commit' });
      await page.locator('figure.chart .chart-canvas').first().waitFor({ state: 'attached' });
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => r())));
      const before = await state(page);
      assert.ok(before.staticShown, 'the SVG is there before ECharts');
      assert.equal(before.echarts, false);
      release();
      await page.locator('.chart-canvas[data-chart-ready="true"]').first().waitFor({ state: 'attached', timeout: 15_000 });
      const after = await state(page);
      assert.equal(after.staticShown, false, 'the SVG steps aside');
      assert.ok(after.echarts, 'the ECharts chart is drawn');
      assert.equal(after.canvasBox.height, before.staticBox.height, 'same box height');
      assert.equal(after.canvasBox.top, before.staticBox.top, 'the same place on the page');
      await page.emulateMedia({ media: 'print' });
      const printed = await state(page);
      assert.ok(printed.staticShown, 'print shows the SVG');
      assert.equal(printed.echarts, false, 'print leaves out the ECharts canvas');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('axe finds nothing with the SVG shown', async () => {
    const page = await newPage(env.browser, { bypassCSP: true, viewport: { width: 1280, height: 900 } });
    try {
      await page.route('**/echarts.min.js', (r) => r.fulfill({ status: 200, contentType: 'text/javascript', body: '' }));
      await page.goto(env.server.url + measureRoute(), { waitUntil: 'load' });
      assert.ok((await state(page)).staticShown);
      await page.addScriptTag({ path: AXE_PATH });
      const violations = await page.evaluate(
        (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
        AXE_TAGS,
      );
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes[0]?.target?.join(' ')}`), []);
    } finally {
      await page.context().close();
    }
  });
  test('at 390 px a chart leaves room for its legend as it wraps, so the legend covers no axis label', async () => {
    const page = await newPage(env.browser, { viewport: { width: 390, height: 900 } });
    try {
      for (const route of ['/scenarios/foster-sufficiency/', measureRoute()]) {
        await page.goto(env.server.url + route, { waitUntil: 'load' });
        await page.locator('.chart-canvas[data-chart-ready="true"]').first().waitFor({ state: 'attached', timeout: 15_000 });
        const r = await page.evaluate(() => {
          const div = document.querySelector('.chart-canvas[data-chart-ready="true"]');
          const option = window.echarts.getInstanceByDom(div).getOption();
          const names = new Set([option.series].flat().map((s) => s.name));
          const categories = new Set([option.xAxis].flat()[0].data.map(String));
          const texts = [...div.querySelectorAll('svg text')].map((t) => ({ text: t.textContent, box: t.getBoundingClientRect() }));
          const legend = texts.filter((t) => names.has(t.text));
          const labels = texts.filter((t) => categories.has(t.text));
          return {
            legend: legend.length,
            labels: labels.length,
            legendTop: Math.min(...legend.map((t) => t.box.top)),
            labelsBottom: Math.max(...labels.map((t) => t.box.bottom)),
          };
        });
        assert.ok(r.legend > 1 && r.labels > 1, `${route}: legend and axis labels found: ${JSON.stringify(r)}`);
        assert.ok(r.legendTop >= r.labelsBottom, `${route}: the legend starts below the axis labels: ${JSON.stringify(r)}`);
      }
    } finally {
      await page.context().close();
    }
  });
  test('the what-if sliders work before ECharts has loaded, and the chart catches up when it has', async () => {
    const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      const release = await holdECharts(page);
      await page.goto(env.server.url + '/scenarios/foster-sufficiency/', { waitUntil: 'commit' });
      // The sliders do not wait for ECharts (their script is an async module).
      await page.locator('form[data-scenario][data-scenario-ready]').waitFor({ state: 'attached', timeout: 15_000 });
      const figure = page.locator('[data-scenario-chart="0"]');
      const summaryBefore = await figure.locator('[data-chart-summary]').textContent();
      // On screen: a chart on screen is drawn again as the slider moves.
      await figure.evaluate(async (f) => {
        f.scrollIntoView({ block: 'center' });
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      await page.evaluate(() => {
        const range = document.querySelector('input[type="range"][data-input="approvals"]');
        range.value = String(Number(range.max));
        range.dispatchEvent(new Event('input', { bubbles: true }));
      });
      const waiting = await figure.evaluate((f) => {
        const still = f.querySelector('.chart-static');
        const svg = [...still.querySelectorAll('svg')].find((s) => getComputedStyle(s).display !== 'none');
        return {
          stale: still.classList.contains('chart-static--stale'),
          shown: getComputedStyle(still).display !== 'none' && getComputedStyle(svg).visibility === 'visible',
          live: 'chartLive' in still.dataset,
          ready: f.querySelector('.chart-canvas').dataset.chartReady ?? null,
        };
      });
      // The browser module draws the image again at the chosen assumptions (scenario.js).
      assert.deepEqual(waiting, { stale: false, shown: true, live: true, ready: null }, 'the image shows the chosen assumptions while ECharts is awaited');
      const published = await page.evaluate(async () => {
        const html = await (await fetch(location.href)).text();
        return new DOMParser().parseFromString(html, 'text/html').querySelector('[data-scenario-chart="0"] .chart-static').innerHTML;
      });
      assert.notEqual(await figure.locator('.chart-static').innerHTML(), published, 'the image is not the published one');
      // ECharts' own chart does not show (nor spill out of its box) while the image does.
      assert.equal(await figure.locator('.chart-canvas').evaluate((d) => d.getBoundingClientRect().height), 0);
      assert.notEqual(await figure.locator('[data-chart-summary]').textContent(), summaryBefore, 'the summary follows the slider');
      release();
      await figure.locator('.chart-canvas[data-chart-ready="true"]').waitFor({ state: 'attached', timeout: 15_000 });
      const drawn = await figure.evaluate((f) => {
        const div = f.querySelector('.chart-canvas');
        const published = JSON.parse(document.getElementById(div.dataset.chartSrc).textContent);
        const series = window.echarts.getInstanceByDom(div).getOption().series;
        return { drawn: JSON.stringify(series.map((s) => s.data)), published: JSON.stringify([published.series].flat().map((s) => s.data)) };
      });
      assert.notEqual(drawn.drawn, drawn.published, 'ECharts draws the chosen assumptions, not the published ones');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
});

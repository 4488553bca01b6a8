// Browser tests of the what-if pages (/scenarios/<id>/): sliders, number fields, the URL
// hash, reset, keyboard use, and that the browser's numbers equal `hearth scenario --json`
// (the native engine) for the same inputs.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, newPage, screenshot, useSite } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const BIN = process.env.HEARTH_BIN ? path.resolve(process.env.HEARTH_BIN) : path.resolve(here, '../../target/release/hearth');
const CONTENT = process.env.HEARTH_CONTENT ? path.resolve(process.env.HEARTH_CONTENT) : path.resolve(here, '../../content');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const ROUTE = '/scenarios/foster-sufficiency/';

/** The server and browser (see useSite). */
let env;

/** The native engine's answer for these inputs. */
function native(id, sets = {}) {
  const args = ['scenario', id, CONTENT, '--json'];
  for (const [k, v] of Object.entries(sets)) args.push('--set', `${k}=${v}`);
  return JSON.parse(execFileSync(BIN, args, { encoding: 'utf8' }));
}

async function openScenario(page, route = ROUTE) {
  const res = await page.goto(env.server.url + route, { waitUntil: 'load' });
  assert.equal(res?.status(), 200);
  await page.locator('form[data-scenario][data-scenario-ready]').waitFor({ state: 'visible', timeout: 15_000 });
}

/** Headline outputs as the page shows them: id -> raw value from data-value. */
async function outputs(page) {
  return page.locator('[data-output]').evaluateAll((els) => Object.fromEntries(els.map((e) => [e.dataset.output, Number(e.dataset.value)])));
}

/** Series as drawn in the first chart: name -> data. */
async function chartData(page, index = 0) {
  return page.evaluate(async (i) => {
    const div = document.querySelector(`[data-scenario-chart="${i}"] .chart-canvas`);
    // Charts are redrawn when on screen (off-screen ones catch up when the sliders rest).
    div.scrollIntoView({ block: 'center' });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    // While the sliders move, the module's image shows in the chart's place; the ECharts
    // chart is redrawn and shown again once they rest.
    for (let t = 0; t < 100 && !div.classList.contains('chart-canvas--on'); t++) await new Promise((resolve) => setTimeout(resolve, 50));
    const chart = window.echarts.getInstanceByDom(div);
    return chart.getOption().series.map((s) => s.data.map(Number));
  }, index);
}

async function assertMatchesNative(page, want, label) {
  const got = await outputs(page);
  assert.deepEqual(got, want.outputs, `${label}: outputs equal hearth scenario --json`);
  // The first chart draws foster_need, in_house_places, agency_places.
  const drawn = await chartData(page, 0);
  assert.deepEqual(drawn, [want.series.foster_need, want.series.in_house_places, want.series.agency_places], `${label}: chart data`);
  // Table cells show the same figures, rounded for reading.
  const cell = await page.locator('td[data-series="agency_places"][data-step="6"]').textContent();
  assert.equal(Number(cell.replace(/,/g, '')), Math.round(want.series.agency_places[6]), `${label}: table cell`);
}

const skip = (!existsSync(SITE) && 'no site folder') || (!existsSync(BIN) && `no hearth binary at ${BIN}`);

describe('what-if scenarios in Chromium', { timeout: 240_000, skip }, () => {
  env = useSite(SITE);

  test('published figures without JavaScript; sliders appear with it', async () => {
    const page = await newPage(env.browser, { javaScriptEnabled: false });
    try {
      await page.goto(env.server.url + ROUTE);
      assert.equal(await page.locator('form[data-scenario]').isVisible(), false, 'the form needs the module');
      const published = native('foster-sufficiency');
      assert.deepEqual(await outputs(page), published.outputs, 'published outputs are in the HTML');
      assert.ok(await page.locator('table').first().isVisible());
      assert.ok((await page.locator('text=The published assumptions').count()) > 0);
    } finally {
      await page.context().close();
    }
    const js = await newPage(env.browser);
    try {
      await openScenario(js);
      const ranges = await js.locator('input[type="range"][data-input]').count();
      const numbers = await js.locator('input[type="number"][data-input]').count();
      assert.ok(ranges >= 3 && ranges === numbers, 'every slider has a number field');
      await assertMatchesNative(js, native('foster-sufficiency'), 'published');
      await assertNoProblems(js);
    } finally {
      await js.context().close();
    }
  });

  test('a slider and a number field recompute everything, as the native engine does', async () => {
    const page = await newPage(env.browser);
    try {
      await openScenario(page);
      const range = page.locator('input[type="range"][data-input="approvals"]');
      await range.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      assert.equal(await page.locator('input[type="number"][data-input="approvals"]').inputValue(), '30');
      await assertMatchesNative(page, native('foster-sufficiency', { approvals: 30 }), 'slider');

      const number = page.locator('input[type="number"][data-input="leaving_pct"]');
      await number.fill('12.5');
      await number.press('Tab');
      assert.equal(await page.locator('input[type="range"][data-input="leaving_pct"]').inputValue(), '12.5');
      const want = native('foster-sufficiency', { approvals: 30, leaving_pct: 12.5 });
      await assertMatchesNative(page, want, 'number field');
      assert.match(await page.locator('[data-chart-summary="0"]').textContent(), /in 2030/);
      // The address follows once the sliders rest.
      await page.waitForFunction(() => window.location.hash === '#approvals=30&leaving_pct=12.5');
      await screenshot(page, 'scenario-changed.png');

      // Out of range and off-step typing is tidied when leaving the field.
      await number.fill('99');
      await number.press('Tab');
      assert.equal(await number.inputValue(), '25');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('as a slider moves the module draws the chart again, as the build drew it; ECharts takes over when it rests', async () => {
    const page = await newPage(env.browser, { viewport: { width: 1280, height: 900 } });
    try {
      await openScenario(page);
      const figure = page.locator('[data-scenario-chart="0"]');
      await figure.locator('.chart-canvas[data-chart-ready="true"]').waitFor({ state: 'attached', timeout: 15_000 });
      const published = await page.evaluate(async () => {
        const html = await (await fetch(location.href)).text();
        return new DOMParser().parseFromString(html, 'text/html').querySelector('[data-scenario-chart="0"] .chart-static').innerHTML;
      });
      assert.equal(await figure.locator('.chart-static').innerHTML(), published, 'at first, the build-time image');
      // Charts on screen are drawn as the slider moves (others once it rests).
      await figure.evaluate(async (f) => {
        f.scrollIntoView({ block: 'center' });
        await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      });
      /** Move the approvals slider to `v`; what the chart's box shows in that same task. */
      const move = (v) =>
        figure.evaluate((f, v) => {
          const range = document.querySelector('input[type="range"][data-input="approvals"]');
          range.value = String(v);
          range.dispatchEvent(new Event('input', { bubbles: true }));
          const still = f.querySelector('.chart-static');
          const svgs = still.querySelectorAll('svg');
          const box = f.querySelector('.chart-canvas');
          const r = still.getBoundingClientRect();
          const hit = r.height > 0 ? document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) : null;
          return {
            onTop: Boolean(hit && (hit === still || still.contains(hit))),
            image: getComputedStyle(still).display !== 'none',
            echarts: box.classList.contains('chart-canvas--on'),
            html: still.innerHTML,
            images: svgs.length,
            viewBox: svgs[0].getAttribute('viewBox'),
            boxWidth: box.clientWidth,
            lines: [...svgs[0].querySelectorAll('polyline[stroke-width="3.0"]')].map((p) => p.getAttribute('points')),
            texts: [...svgs[0].querySelectorAll('text')].map((t) => t.textContent),
          };
        }, v);
      const at30 = await move(30);
      assert.deepEqual([at30.image, at30.echarts, at30.onTop], [true, false, true], 'the image shows in the chart box while the slider moves, nothing over it');
      assert.notEqual(at30.html, published, 'drawn at the chosen assumptions');
      assert.equal(at30.images, 1);
      assert.equal(at30.viewBox, `0 0 ${at30.boxWidth} 352`, 'drawn as wide as the chart box');
      assert.equal(at30.lines.length, 3, 'a line for each series');
      const at60 = await move(60);
      assert.notDeepEqual(at60.lines, at30.lines, 'the lines follow the slider');
      // Once it rests, ECharts shows the same figures, and the image no longer shows.
      await assertMatchesNative(page, native('foster-sufficiency', { approvals: 60 }), 'rested');
      assert.equal(await figure.locator('.chart-static').evaluate((s) => getComputedStyle(s).display), 'none');
      // Back at the published assumptions, the module's image has the build's axis labels and
      // key (the Rust tests check it draws the build's image to the byte at the build's sizes).
      const back = await move(Number(await page.locator('input[type="range"][data-input="approvals"]').getAttribute('value')));
      const builtTexts = await page.evaluate((html) => {
        const div = document.createElement('div');
        div.innerHTML = html;
        return [...div.querySelectorAll('.chart-static__svg--wide text')].map((t) => t.textContent);
      }, published);
      assert.deepEqual(back.texts, builtTexts, 'the same axis labels and key as the build-time image');
      await screenshot(page, 'scenario-live-chart.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('the URL hash opens a shared scenario, and reset restores the published one', async () => {
    const page = await newPage(env.browser);
    try {
      await openScenario(page, `${ROUTE}#approvals=40&utilisation_pct=70`);
      const want = native('foster-sufficiency', { approvals: 40, utilisation_pct: 70 });
      await assertMatchesNative(page, want, 'from the hash');
      assert.equal(await page.locator('input[type="range"][data-input="utilisation_pct"]').inputValue(), '70');
      await page.locator('[data-scenario-reset]').click();
      await assertMatchesNative(page, native('foster-sufficiency'), 'after reset');
      assert.equal(new URL(page.url()).hash, '');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('the cost scenario agrees with the native engine too', async () => {
    const page = await newPage(env.browser);
    try {
      await openScenario(page, '/scenarios/placement-costs/#shift_pts=2.5&cost_agency=1100');
      const want = native('placement-costs', { shift_pts: 2.5, cost_agency: 1100 });
      assert.deepEqual(await outputs(page), want.outputs);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('keyboard only: Tab to a slider, move it, Tab to its number field, type', async () => {
    const page = await newPage(env.browser);
    try {
      await openScenario(page);
      await page.locator('body').focus();
      let found = false;
      for (let i = 0; i < 200 && !found; i++) {
        await page.keyboard.press('Tab');
        found = await page.evaluate(() => document.activeElement?.matches('input[type="range"][data-input="growth_pct"]'));
      }
      assert.ok(found, 'reached the growth slider with Tab');
      const outline = await page.evaluate(() => getComputedStyle(document.activeElement).outlineStyle);
      assert.notEqual(outline, 'none', 'visible focus on the slider');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('ArrowLeft');
      await page.keyboard.press('Tab');
      assert.ok(await page.evaluate(() => document.activeElement?.matches('input[type="number"][data-input="growth_pct"]')));
      assert.equal(await page.evaluate(() => document.activeElement.value), '1');
      await page.keyboard.press('ControlOrMeta+a');
      await page.keyboard.type('3.5');
      await page.keyboard.press('Tab');
      assert.deepEqual(await outputs(page), native('foster-sufficiency', { growth_pct: 3.5 }).outputs);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('no axe violations on the scenario pages', async () => {
    for (const route of ['/scenarios/', ROUTE, '/scenarios/placement-costs/']) {
      const page = await newPage(env.browser, { bypassCSP: true });
      try {
        await page.goto(env.server.url + route, { waitUntil: 'load' });
        if (route !== '/scenarios/') await page.locator('form[data-scenario-ready]').waitFor({ state: 'visible' });
        await page.addScriptTag({ path: AXE_PATH });
        const violations = await page.evaluate(() =>
          window.axe
            .run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
            .then((r) => r.violations.map((v) => `${v.id}: ${v.nodes.length} node(s), first ${v.nodes[0]?.target}`)),
        );
        assert.deepEqual(violations, [], `axe on ${route}`);
      } finally {
        await page.context().close();
      }
    }
  });
});

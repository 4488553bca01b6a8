// Browser tests of the market position statement (/market/): filtering the market asks with
// the wasm filter engine, the pages without JavaScript, charts, axe-core and the CSP.
// Expected asks come from the published open data (/data/market.json) through a small
// reference filter written here, not from the engine under test.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, launch, newPage, screenshot } from './helpers.mjs';
import { start } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const PAGES = ['/market/', '/market/demand/', '/market/supply/', '/market/asks/', '/market/intentions/', '/market/forecasts/', '/market/procurement/', '/market/glossary/'];

let server;
let browser;
let market;

/** The ask ids the reference filter expects. `from`/`to` are ISO dates compared with each ask's `by_end`. */
function expected({ type = [], age = [], need = [], locality = [], from, to, q = '' }) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return market.asks
    .filter((a) => type.length === 0 || a.types.some((x) => type.includes(x.id)))
    .filter((a) => age.length === 0 || a.ages.some((x) => age.includes(x.id)))
    .filter((a) => need.length === 0 || a.needs.some((x) => need.includes(x.id)))
    .filter((a) => locality.length === 0 || (a.locality !== null && locality.includes(a.locality.id)))
    .filter((a) => (from === undefined && to === undefined) || (a.by_end && (!from || a.by_end >= from) && (!to || a.by_end <= to)))
    .filter((a) => {
      const text = [a.title, a.detail ?? '', ...a.types.map((x) => x.label), ...a.ages.map((x) => x.label), ...a.needs.map((x) => x.label), a.locality?.label ?? '', a.id]
        .join('\n')
        .toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map((a) => a.id);
}

/** Visible asks, in the order the reference filter lists them (the page groups them by type). */
async function visibleIds(page) {
  const shown = new Set(await page.locator('[data-ask-id]:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.askId)));
  return market.asks.map((a) => a.id).filter((id) => shown.has(id));
}

async function shown(page) {
  return Number(await page.locator('[data-result-count]').textContent());
}

async function open(page, route) {
  const res = await page.goto(server.url + route, { waitUntil: 'load' });
  assert.equal(res?.status(), 200, `${route} answered ${res?.status()}`);
}

async function openAsks(page, query = '') {
  await open(page, `/market/asks/${query}`);
  await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
}

async function assertShows(page, want, label) {
  assert.deepEqual(await visibleIds(page), want, `${label}: visible asks`);
  assert.equal(await shown(page), want.length, `${label}: [data-result-count]`);
  assert.ok(want.length > 0 || (await page.locator('[data-filter-empty]').isVisible()), `${label}: empty message`);
}

/** Wait until every chart canvas on the page has been drawn. */
async function waitForCharts(page) {
  const total = await page.locator('.chart-canvas[data-chart-src]').count();
  if (total === 0) return 0;
  await page.waitForFunction((n) => document.querySelectorAll('.chart-canvas[data-chart-ready="true"]').length === n, total, { timeout: 15_000 });
  return total;
}

const skip = !existsSync(path.join(SITE, 'market')) && 'no market pages in the site folder';

describe('market position statement in Chromium', { timeout: 300_000, skip }, () => {
  before(async () => {
    server = await start(SITE);
    browser = await launch();
    market = await (await fetch(`${server.url}/data/market.json`)).json();
    assert.ok(market.asks.length >= 8, 'the example should have a real list of asks');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the asks form appears, unfiltered, once the module loads', async () => {
    const page = await newPage(browser);
    try {
      await openAsks(page);
      assert.equal(await shown(page), market.asks.length);
      assert.deepEqual(await visibleIds(page), market.asks.map((a) => a.id));
      for (const name of ['type', 'age', 'need', 'locality', 'q', 'from', 'to']) {
        assert.ok((await page.locator(`form[data-filter] [name="${name}"]`).count()) > 0, `a control named ${name}`);
      }
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('each facet alone, then combined, with counts and the URL', async () => {
    const page = await newPage(browser);
    try {
      await openAsks(page);
      const clear = () => page.locator('[data-filter-clear]').click();

      await page.locator('input[name="type"][value="childrens-home"]').check();
      await assertShows(page, expected({ type: ['childrens-home'] }), 'type');
      await page.waitForURL(/\?type=childrens-home$/);
      await clear();

      await page.locator('input[name="age"][value="0-4"]').check();
      await page.locator('input[name="age"][value="18-21"]').check();
      await assertShows(page, expected({ age: ['0-4', '18-21'] }), 'two age bands');
      await clear();

      const need = page.locator('[name="need"]');
      if ((await need.evaluate((el) => el.tagName)) === 'SELECT') await need.selectOption('challenging-behaviour');
      else await page.locator('input[name="need"][value="challenging-behaviour"]').check();
      await assertShows(page, expected({ need: ['challenging-behaviour'] }), 'need');
      assert.ok((await shown(page)) >= 3, 'several asks are about challenging behaviour');
      await clear();

      await page.locator('input[name="locality"][value="central"]').check();
      await assertShows(page, expected({ locality: ['central'] }), 'locality');
      await clear();

      await page.locator('input[name="from"]').fill('2022');
      await page.locator('input[name="to"]').fill('2022/23');
      await assertShows(page, expected({ from: '2022-01-01', to: '2023-03-31' }), 'needed by 2022 to 2022/23');
      await clear();

      await page.locator('form[data-filter] input[name="q"]').fill('FOSTER');
      await assertShows(page, expected({ q: 'foster' }), 'free text');

      // Combined: text + type + age, and the counts beside the boxes follow.
      await page.locator('input[name="type"][value="foster-care"]').check();
      await page.locator('input[name="age"][value="14-15"]').check();
      const want = expected({ q: 'foster', type: ['foster-care'], age: ['14-15'] });
      await assertShows(page, want, 'combined');
      for (const t of ['foster-care', 'childrens-home']) {
        const n = Number(await page.locator(`[data-facet-count="type:${t}"]`).textContent());
        assert.equal(n, expected({ q: 'foster', type: [t], age: ['14-15'] }).length, `count beside ${t}`);
      }
      const central = Number(await page.locator('[data-facet-count="locality:central"]').textContent());
      assert.equal(central, expected({ q: 'foster', type: ['foster-care'], age: ['14-15'], locality: ['central'] }).length, 'count beside central');
      await page.waitForURL(/type=foster-care&age=14-15&q=FOSTER$/);
      // Groups with nothing to show are hidden.
      assert.equal(await page.locator('#type-supported-accommodation').isVisible(), false);
      await screenshot(page, 'market-asks-filtered.png');

      await clear();
      assert.equal(await shown(page), market.asks.length);
      await page.waitForFunction(() => window.location.search === '');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('a filtered URL opens filtered, and back and forward restore the filters', async () => {
    const page = await newPage(browser);
    try {
      await openAsks(page, '?type=foster-care&locality=within-20-miles');
      assert.ok(await page.locator('input[name="type"][value="foster-care"]').isChecked());
      assert.ok(await page.locator('input[name="locality"][value="within-20-miles"]').isChecked());
      await assertShows(page, expected({ type: ['foster-care'], locality: ['within-20-miles'] }), 'opened from URL');

      await page.locator('input[name="age"][value="0-4"]').check();
      await assertShows(page, expected({ type: ['foster-care'], locality: ['within-20-miles'], age: ['0-4'] }), 'after a change');
      await page.waitForURL(/\?type=foster-care&age=0-4&locality=within-20-miles$/);
      await page.goBack();
      await page.waitForFunction(() => window.location.search === '?type=foster-care&locality=within-20-miles');
      await page.waitForFunction(() => !document.querySelector('input[name="age"][value="0-4"]').checked);
      await assertShows(page, expected({ type: ['foster-care'], locality: ['within-20-miles'] }), 'after back');
      await page.goForward();
      await page.waitForFunction(() => document.querySelector('input[name="age"][value="0-4"]').checked);
      await assertShows(page, expected({ type: ['foster-care'], locality: ['within-20-miles'], age: ['0-4'] }), 'after forward');

      // A shared link with a need (a select when there are many needs) round-trips too.
      await openAsks(page, '?need=parent-and-child');
      assert.equal(await page.locator('[name="need"]').evaluate((el) => (el.tagName === 'SELECT' ? el.value : el.checked && el.value)), 'parent-and-child');
      await assertShows(page, expected({ need: ['parent-and-child'] }), 'need from URL');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('every market page is complete without JavaScript', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    try {
      for (const route of PAGES) {
        await open(page, route);
        assert.equal(await page.locator('h1').count(), 1, `${route}: one <h1>`);
        assert.ok(await page.locator('nav[aria-label="Market position statement"]').isVisible(), `${route}: market navigation`);
      }
      await open(page, '/market/asks/');
      const asks = page.locator('[data-ask-id]');
      assert.equal(await asks.count(), market.asks.length);
      for (let i = 0; i < market.asks.length; i++) {
        assert.ok(await asks.nth(i).isVisible(), `ask ${await asks.nth(i).getAttribute('data-ask-id')} is hidden without JavaScript`);
      }
      assert.equal(await page.locator('form[data-filter]').isVisible(), false, 'the filter form needs JavaScript, so it stays hidden');
      for (const route of ['/market/demand/', '/market/supply/']) {
        await open(page, route);
        const tables = market.tables.filter((t) => `/market/${t.section}/` === route);
        for (const t of tables) {
          assert.ok(await page.locator(`table[data-table-id="${t.id}"]`).isVisible(), `${route}: table ${t.id}`);
          assert.ok(await page.locator(`a[href$="${t.csv}"]`).count(), `${route}: CSV link for ${t.id}`);
        }
      }
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('charts are drawn, and no page has console errors or CSP violations', async () => {
    const page = await newPage(browser);
    try {
      for (const route of PAGES) {
        await open(page, route);
        const drawn = await waitForCharts(page);
        if (route === '/market/demand/' || route === '/market/supply/') assert.ok(drawn >= 6, `${route}: charts drawn (${drawn})`);
        for (const canvas of await page.locator('.chart-canvas[data-chart-ready="true"]').all()) {
          assert.equal(await canvas.getAttribute('aria-hidden'), 'true');
        }
        await assertNoProblems(page);
      }
    } finally {
      await page.context().close();
    }
  });

  test('screenshots at desktop and mobile widths', async () => {
    for (const [width, tag] of [
      [1280, 'desktop'],
      [390, 'mobile'],
    ]) {
      const page = await newPage(browser, { viewport: { width, height: 900 } });
      try {
        for (const route of ['/market/', '/market/demand/', '/market/asks/', '/market/procurement/']) {
          await open(page, route);
          await waitForCharts(page);
          const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
          assert.ok(overflow <= 1, `${route} at ${width}px scrolls sideways by ${overflow}px`);
          const name = route.split('/').filter(Boolean).join('-');
          await screenshot(page, `${name}-${tag}.png`);
        }
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    }
  });

  describe('axe-core WCAG 2.2 AA', () => {
    for (const route of PAGES) {
      test(`no axe violations on ${route}`, async () => {
        const page = await newPage(browser, { bypassCSP: true });
        try {
          await open(page, route);
          await waitForCharts(page);
          if (route === '/market/asks/') await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
          await page.addScriptTag({ path: AXE_PATH });
          const violations = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
            AXE_TAGS,
          );
          const report = violations.map((v) => `  ${v.id} [${v.impact}] ${v.nodes.length} node(s), first: ${v.nodes[0]?.target?.join(' ')} — ${v.help}`);
          assert.equal(violations.length, 0, `axe violations on ${route}:\n${report.join('\n')}`);
        } finally {
          await page.context().close();
        }
      });
    }
  });
});

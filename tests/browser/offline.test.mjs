// Browser tests of the site built with `hearth build --offline`, opened from disk (file://
// addresses, no server): links reach pages, a measure's chart is drawn, the plan filter
// narrows the list, a what-if slider changes a figure, search finds pages (the header's box
// to /search/, results linking to files), and nothing logs an error.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { assertNoProblems, launch, newPage, screenshot } from './helpers.mjs';

const SITE = process.env.HEARTH_OFFLINE_SITE ? path.resolve(process.env.HEARTH_OFFLINE_SITE) : null;
const skip = !(SITE && existsSync(SITE)) && 'HEARTH_OFFLINE_SITE not set (a site built with --offline)';

/** The file:// address of a page of the offline site. */
const url = (rel) => pathToFileURL(path.join(SITE, rel)).href;

describe('the offline site opened from a folder in Chromium', { timeout: 240_000, skip }, () => {
  let browser;
  before(async () => {
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
  });

  test('navigation links open pages, not folder listings', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(url('index.html'), { waitUntil: 'load' });
      await page.locator('nav a', { hasText: /plan/i }).first().click();
      await page.waitForLoadState('load');
      assert.match(page.url(), /\/plan\/index\.html$/);
      assert.ok((await page.locator('h1').count()) === 1, 'the plan page, with its heading');
      await page.locator('.masthead__title a').click();
      await page.waitForLoadState('load');
      assert.equal(page.url(), url('index.html'));
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test("a measure's chart is drawn", async () => {
    const page = await newPage(browser);
    try {
      await page.goto(url('measures/staying-put/index.html'), { waitUntil: 'load' });
      const chart = page.locator('.chart-canvas[data-chart-ready]').first();
      await chart.waitFor({ state: 'attached', timeout: 15_000 });
      const size = await chart.locator('svg').first().boundingBox();
      assert.ok(size && size.width > 100 && size.height > 100, `chart drawn with a size: ${JSON.stringify(size)}`);
      await screenshot(page, 'offline-measure.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('the plan filter narrows the list', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(url('plan/index.html'), { waitUntil: 'load' });
      await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      const all = Number(await page.locator('[data-result-count]').textContent());
      const visible = () => page.locator('[data-action-id]:not([hidden])').count();
      assert.equal(await visible(), all);
      await page.locator('form[data-filter] input[type="checkbox"][name="rag"]').first().check();
      await page.waitForFunction((n) => Number(document.querySelector('[data-result-count]').textContent) < n, all);
      const shown = Number(await page.locator('[data-result-count]').textContent());
      assert.ok(shown > 0 && shown < all, `filtered ${shown} of ${all}`);
      assert.equal(await visible(), shown);
      await page.waitForURL(/\/plan\/index\.html\?rag=/); // the query is in the address once the reader pauses
      await screenshot(page, 'offline-plan.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('a what-if slider changes a figure', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(url('scenarios/foster-sufficiency/index.html'), { waitUntil: 'load' });
      await page.locator('form[data-scenario][data-scenario-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      const figures = () => page.locator('[data-output]').evaluateAll((els) => els.map((e) => e.textContent));
      const before = await figures();
      const range = page.locator('input[type="range"][data-input]').first();
      await range.focus();
      for (let i = 0; i < 5; i++) await page.keyboard.press('ArrowRight');
      await page.waitForFunction(
        (was) => [...document.querySelectorAll('[data-output]')].some((e, i) => e.textContent !== was[i]),
        before,
      );
      assert.notDeepEqual(await figures(), before);
      await screenshot(page, 'offline-scenario.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test("search: the header's box opens /search/, whose results open pages", async () => {
    const page = await newPage(browser);
    try {
      await page.goto(url('plan/index.html'), { waitUntil: 'load' });
      await page.locator('#site-search-q').fill('foster');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\/index\.html\?q=foster$/);
      await page.locator('form[data-search][data-search-ready]').waitFor({ timeout: 15_000 });
      const first = page.locator('[data-search-results] a').first();
      await first.waitFor();
      assert.match(await page.locator('[data-search-status]').textContent(), /found for “foster”/);
      assert.match(await first.getAttribute('href'), /index\.html$/, 'results open files, not folders');
      await screenshot(page, 'offline-search.png');
      await first.click();
      await page.waitForLoadState('load');
      assert.match(page.url(), /index\.html$/);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
});

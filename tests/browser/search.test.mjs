// Browser tests of site search (/search/, the browser module's Search over search/index.js)
// and the A to Z of pages: results and their count as you type, the query in the address, a
// typo still finding the page, the keyboard, axe on both pages, and /search/ without
// JavaScript pointing to the A to Z.
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, launch, newPage, screenshot } from './helpers.mjs';
import { start } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const skip = !existsSync(path.join(SITE, 'search/index.js')) && 'no site folder with search';

/** The documents of the site's index (url, title, section, text). */
function docs() {
  const text = readFileSync(path.join(SITE, 'search/index.js'), 'utf8');
  return JSON.parse(text.slice('self.hearthSearch='.length, -2)).docs;
}

describe('site search in Chromium', { timeout: 240_000, skip }, () => {
  let server;
  let browser;
  before(async () => {
    server = await start(SITE);
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  async function openSearch(page, query = '') {
    const res = await page.goto(`${server.url}/search/${query}`, { waitUntil: 'load' });
    assert.equal(res?.status(), 200);
    await page.locator('form[data-search][data-search-ready]').waitFor({ timeout: 15_000 });
  }

  test('typing shows results, their count and the query in the address', async () => {
    const page = await newPage(browser);
    try {
      await openSearch(page);
      assert.ok(await page.locator('[data-search-nojs]').isHidden(), 'the no-JS message is hidden');
      await page.locator('#search-q').fill('foster');
      const results = page.locator('[data-search-results] li');
      await results.first().waitFor();
      const status = await page.locator('[role="status"][data-search-status]').textContent();
      assert.match(status, /\d+ pages? found for “foster”/);
      // Every result up to 50 is listed (a screenful with the keystroke, the rest in batches
      // while the browser is idle), once each.
      const found = Number(status.match(/(\d+) pages? found/)[1]);
      assert.ok(found > 10, `${found} pages found: the test needs more than the first ten`);
      await page.waitForFunction((want) => document.querySelectorAll('[data-search-results] li').length === want, Math.min(found, 50));
      const hrefs = await results.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.equal(new Set(hrefs).size, hrefs.length, 'no result listed twice');
      // A quick second query replaces the first one's results, rest and all.
      const atOnce = await page.evaluate(() => {
        const input = document.querySelector('#search-q');
        const drawn = [];
        for (const q of ['care', 'zzzz']) {
          input.value = q;
          input.dispatchEvent(new Event('input', { bubbles: true }));
          drawn.push(document.querySelectorAll('[data-search-results] li').length);
        }
        return drawn;
      });
      // With the keystroke: a screenful of "care"'s results (3 to 10), not all of them.
      assert.ok(atOnce[0] >= 3 && atOnce[0] <= 10, `results drawn with the keystroke: ${atOnce[0]}`);
      assert.match(await page.locator('[data-search-status]').textContent(), /No pages found for “zzzz”/);
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 50)))));
      assert.equal(await results.count(), 0, 'nothing left of the earlier queries');
      await page.locator('#search-q').fill('foster');
      await page.waitForFunction((want) => document.querySelectorAll('[data-search-results] li').length === want, Math.min(found, 50));
      // The address follows once typing rests.
      await page.waitForURL(/\/search\/\?q=foster$/);
      assert.ok((await page.locator('[data-search-results] mark').count()) > 0, 'matches marked');
      assert.ok((await results.first().locator('.search-results__section').textContent()).length > 0, 'a section');
      await screenshot(page, 'search-foster.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test("a typo finds the page; a shared address runs its query", async () => {
    const all = docs();
    const target = all.find((d) => d[0].startsWith('plan/') && d[0].split('/').length === 3);
    const word = target[1].split(/\s+/).filter((w) => /^[a-z]{7,}$/i.test(w)).sort((a, b) => b.length - a.length)[0];
    assert.ok(word, `a long word in “${target[1]}”`);
    const typo = word.slice(0, 2) + word.slice(3);
    const page = await newPage(browser);
    try {
      await openSearch(page, `?q=${encodeURIComponent(typo)}`);
      assert.equal(await page.locator('#search-q').inputValue(), typo);
      const hrefs = await page.locator('[data-search-results] a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
      assert.ok(hrefs.includes(`../${target[0]}`), `“${typo}” finds ${target[0]}: ${hrefs.slice(0, 5)}`);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('keyboard: the header box submits to /search/, arrows move through results', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(`${server.url}/plan/`, { waitUntil: 'load' });
      await page.locator('#site-search-q').focus();
      await page.keyboard.type('carers');
      await page.keyboard.press('Enter');
      await page.waitForURL(/\/search\/\?q=carers$/);
      await page.locator('form[data-search][data-search-ready]').waitFor({ timeout: 15_000 });
      await page.locator('[data-search-results] li').first().waitFor();
      await page.locator('#search-q').focus();
      await page.keyboard.press('ArrowDown');
      const first = await page.evaluate(() => document.activeElement?.closest('[data-search-results]') !== null);
      assert.ok(first, 'ArrowDown moves into the results');
      await page.keyboard.press('ArrowUp');
      assert.equal(await page.evaluate(() => document.activeElement?.id), 'search-q', 'ArrowUp returns to the box');
      await page.locator('#search-q').fill('');
      await page.waitForFunction(() => document.querySelector('[data-search-results]').hidden);
      // The address follows once typing rests.
      await page.waitForURL(/\/search\/$/);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('no result, and some words only', async () => {
    const page = await newPage(browser);
    try {
      await openSearch(page, '?q=qqqzzzxx');
      assert.match(await page.locator('[data-search-status]').textContent(), /No pages found/);
      await page.locator('#search-q').fill('foster qqqzzzxx');
      await page.waitForFunction(() => /some of them/.test(document.querySelector('[data-search-status]').textContent));
    } finally {
      await page.context().close();
    }
  });

  test('without JavaScript, /search/ links to the A to Z, which lists every page', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    try {
      await page.goto(`${server.url}/search/?q=foster`, { waitUntil: 'load' });
      assert.ok(await page.locator('[data-search-nojs]').isVisible());
      await page.locator('[data-search-nojs] a', { hasText: 'A to Z' }).click();
      await page.waitForURL(/\/a-z\/$/);
      const hrefs = new Set(await page.locator('.az__list a').evaluateAll((as) => as.map((a) => a.getAttribute('href'))));
      for (const d of docs()) assert.ok(hrefs.has(`../${d[0]}`), `${d[0]} in the A to Z`);
    } finally {
      await page.context().close();
    }
  });

  test('axe finds nothing on /search/ (with results) and /a-z/, at 1280 and 390 px', async () => {
    for (const width of [1280, 390]) {
      const context = await browser.newContext({ bypassCSP: true, reducedMotion: 'reduce', viewport: { width, height: 900 } });
      const page = await context.newPage();
      try {
        for (const route of ['/search/?q=foster', '/a-z/']) {
          await page.goto(server.url + route, { waitUntil: 'load' });
          if (route.startsWith('/search/')) await page.locator('[data-search-results] li').first().waitFor({ timeout: 15_000 });
          await page.addScriptTag({ path: AXE_PATH });
          const violations = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations.map((v) => `${v.id}: ${v.nodes[0]?.target}`)),
            TAGS,
          );
          assert.deepEqual(violations, [], `${route} at ${width}px`);
          await screenshot(page, `search${route.replace(/[^a-z]+/g, '-')}${width}.png`);
        }
      } finally {
        await context.close();
      }
    }
  });
});

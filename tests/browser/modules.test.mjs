// Browser tests of how pages load the browser modules (issue 19): each page type fetches only
// its own module (filter and scenario: hearth_wasm; search: hearth_search), each file once
// (the <head>'s preloads are the requests init() uses, not a second download), and Chromium
// warns of no preload left unused or refused; pages without filters, sliders or search load
// no module at all.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, consoleWarnings, launch, newPage } from './helpers.mjs';
import { start } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const skip = !existsSync(path.join(SITE, 'plan/index.html')) && 'no site folder';

// Route, the ready marker to wait for (none: nothing to wait for), the module it must load.
const PAGES = [
  ['/plan/', 'form[data-filter][data-filter-ready]', 'hearth_wasm'],
  ['/market/asks/', 'form[data-filter][data-filter-ready]', 'hearth_wasm'],
  ['/scenarios/foster-sufficiency/', 'form[data-scenario][data-scenario-ready]', 'hearth_wasm'],
  ['/search/', 'form[data-search][data-search-ready]', 'hearth_search'],
  ['/', null, null],
  ['/measures/children-in-care-rate/', null, null],
];

describe('browser modules in Chromium', { timeout: 180_000, skip }, () => {
  let server;
  let browser;
  before(async () => {
    server = await start(SITE, { gzip: true });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const [route, ready, module] of PAGES) {
    test(`${route} loads ${module ?? 'no module'}, each file once`, async () => {
      const page = await newPage(browser);
      try {
        const requests = new Map();
        page.on('request', (req) => {
          const name = path.basename(new URL(req.url()).pathname);
          if (name.startsWith('hearth_')) requests.set(name, (requests.get(name) ?? 0) + 1);
        });
        const res = await page.goto(`${server.url}${route}`, { waitUntil: 'load' });
        assert.equal(res?.status(), 200);
        if (ready) await page.locator(ready).waitFor({ timeout: 15_000 });
        // Chromium reports a preload not used within a few seconds of the load event.
        await page.waitForTimeout(3500);
        const expected = module ? { [`${module}.js`]: 1, [`${module}_bg.wasm`]: 1 } : {};
        assert.deepEqual(Object.fromEntries([...requests].sort()), expected);
        const preloadWarnings = consoleWarnings(page).filter((w) => /preload/i.test(w));
        assert.deepEqual(preloadWarnings, []);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    });
  }
});

// The example region (examples/region, built into $HEARTH_REGION_SITE): the region's own
// pages, /councils/, every /compare/ page, /where-children-live/ and each member's home and measures, with no
// console errors, failed requests or CSP violations, every chart drawn (the members' pages
// load the region's shared copy of the scripts), axe-core WCAG 2.2 A/AA clean, and the
// comparison pages' controls reachable from the keyboard.
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, test } from 'node:test';
import { assertNoProblems, newPage, useSite } from './helpers.mjs';

const SITE = process.env.HEARTH_REGION_SITE ? path.resolve(process.env.HEARTH_REGION_SITE) : '';
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

function routes() {
  const out = ['/', '/councils/', '/compare/'];
  if (existsSync(path.join(SITE, 'where-children-live'))) out.push('/where-children-live/');
  for (const id of readdirSync(path.join(SITE, 'compare')).sort()) {
    if (!id.endsWith('.html')) out.push(`/compare/${id}/`);
  }
  for (const id of readdirSync(path.join(SITE, 'councils')).sort()) {
    if (!id.endsWith('.html')) out.push(`/councils/${id}/`, `/councils/${id}/measures/children-in-care/`);
  }
  return out;
}

let env;

describe('the example region', { timeout: 300_000, skip: !(SITE && existsSync(SITE)) && 'HEARTH_REGION_SITE not built' }, () => {
  env = useSite(SITE);

  test('pages load cleanly, charts are drawn and axe finds nothing', async () => {
    const failures = [];
    for (const route of routes()) {
      const page = await newPage(env.browser, { bypassCSP: false });
      try {
        await page.goto(env.server.url + route, { waitUntil: 'load' });
        await page.waitForFunction(
          () => [...document.querySelectorAll('.chart-canvas[data-chart-src]')].every((c) => c.dataset.chartReady === 'true'),
          null,
          { timeout: 15_000 },
        );
        await assertNoProblems(page);
        await page.context().close();
        // axe needs the CSP bypassed to be injected.
        const context = await env.browser.newContext({ bypassCSP: true, reducedMotion: 'reduce' });
        const p = await context.newPage();
        await p.goto(env.server.url + route, { waitUntil: 'load' });
        await p.addScriptTag({ path: AXE_PATH });
        const violations = await p.evaluate(
          (tags) =>
            window.axe
              .run(document, { runOnly: { type: 'tag', values: tags } })
              .then((r) => r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(' ')}`)),
          TAGS,
        );
        if (violations.length) failures.push(`${route}\n    ${violations.join('\n    ')}`);
        await context.close();
      } catch (err) {
        failures.push(`${route}: ${err.message}`);
        await page.context().close().catch(() => {});
      }
    }
    assert.deepEqual(failures, [], failures.join('\n'));
  });

  test('a comparison page: the navigation, the councils and the downloads by keyboard', async () => {
    const page = await newPage(env.browser);
    try {
      await page.goto(env.server.url + '/compare/children-in-care/', { waitUntil: 'load' });
      const reached = new Set();
      for (let i = 0; i < 60; i++) {
        await page.keyboard.press('Tab');
        const text = await page.evaluate(() => document.activeElement?.textContent?.trim() ?? '');
        reached.add(text);
      }
      for (const want of ['Councils', 'Compare', 'Eastmoor Borough Council', 'CSV', 'JSON']) {
        assert.ok(reached.has(want), `Tab never reached "${want}"`);
      }
      // From a member back to the region.
      await page.goto(env.server.url + '/councils/eastmoor/', { waitUntil: 'load' });
      await page.getByRole('link', { name: /^Region: / }).click();
      assert.equal(new URL(page.url()).pathname, '/');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
});

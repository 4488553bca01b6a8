// The example region (examples/region, built into $HEARTH_REGION_SITE): the region's own
// pages, /councils/, every /compare/ page, /where-children-live/ and each member's home and measures, with no
// console errors, failed requests or CSP violations, every chart drawn (the members' pages
// load the region's shared copy of the scripts), axe-core WCAG 2.2 A/AA clean, the
// comparison pages' controls reachable from the keyboard, and the joint market asks
// (/market/asks/) filtered by council with the query in the URL, and whole without JavaScript;
// the joint market tables (/market/tables/<id>/) likewise: every council's rows without
// JavaScript, and narrowed to one council's by the filter.
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
  const out = ['/', '/councils/', '/compare/', '/market/asks/', '/market/councils/'];
  if (existsSync(path.join(SITE, 'market', 'tables'))) {
    out.push('/market/tables/');
    for (const id of readdirSync(path.join(SITE, 'market', 'tables')).sort()) {
      if (!id.endsWith('.html')) out.push(`/market/tables/${id}/`);
    }
  }
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

  test('the joint asks: filtering by council narrows the list and puts it in the URL', async () => {
    const page = await newPage(env.browser);
    try {
      await page.goto(env.server.url + '/market/asks/', { waitUntil: 'load' });
      await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      const all = await page.locator('[data-ask-id]').count();
      const visible = () => page.locator('[data-ask-id]:not([hidden])').count();
      assert.equal(await visible(), all);
      await page.locator('input[name="member"][value="eastmoor"]').check();
      await page.waitForFunction(() => new URL(window.location.href).searchParams.get('member') === 'eastmoor');
      assert.equal(await visible(), 3);
      const ids = await page.locator('[data-ask-id]:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.askId));
      assert.ok(ids.every((id) => id.startsWith('eastmoor--')), ids.join(', '));
      assert.match(await page.locator('[data-result-summary]').textContent(), new RegExp(`Showing 3 of ${all} asks matching the filters`));
      // Only Eastmoor's group is left; the others are hidden, not emptied.
      assert.equal(await page.locator('#member-westdale').isHidden(), true);
      assert.equal(await page.locator('#member-eastmoor').isVisible(), true);
      // With a type too; then the URL alone restores it.
      await page.locator('input[name="type"][value="childrens-home"]').check();
      await page.waitForFunction(() => new URL(window.location.href).searchParams.get('type') === 'childrens-home');
      assert.equal(await visible(), 1);
      const url = page.url();
      await page.goto(url, { waitUntil: 'load' });
      await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      assert.equal(await visible(), 1);
      assert.equal(await page.locator('input[name="member"][value="eastmoor"]').isChecked(), true);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('the joint asks without JavaScript: every ask, grouped by council, with a contents list', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(env.server.url + '/market/asks/?member=eastmoor', { waitUntil: 'load' });
      assert.equal(await page.locator('form[data-filter]').isHidden(), true);
      const all = await page.locator('[data-ask-id]').count();
      assert.equal(await page.locator('[data-ask-id]:not([hidden])').count(), all);
      for (const id of ['northbrook', 'eastmoor', 'westdale']) {
        assert.equal(await page.locator(`#member-${id}`).isVisible(), true, id);
        await page.locator(`.joint-contents a[href="#member-${id}"]`).click();
        assert.equal(new URL(page.url()).hash, `#member-${id}`);
      }
      assert.equal(await page.locator('#member-eastmoor [data-ask-id]').count(), 3);
    } finally {
      await context.close();
    }
  });
  test('a joint table: filtering by council keeps only its rows and puts it in the URL', async () => {
    const page = await newPage(env.browser);
    try {
      await page.goto(env.server.url + '/market/tables/children-by-placement-type/', { waitUntil: 'load' });
      await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      const all = await page.locator('[data-table-row]').count();
      const visible = () => page.locator('[data-table-row]:not([hidden])').count();
      assert.equal(await visible(), all);
      const eastmoor = await page.locator('#member-eastmoor [data-table-row]').count();
      await page.locator('input[name="member"][value="eastmoor"]').check();
      await page.waitForFunction(() => new URL(window.location.href).searchParams.get('member') === 'eastmoor');
      assert.equal(await visible(), eastmoor);
      assert.match(await page.locator('[data-result-summary]').textContent(), new RegExp(`Showing ${eastmoor} of ${all} rows matching the filters`));
      // The other councils' row groups are hidden; Eastmoor's heading stays with its rows.
      assert.equal(await page.locator('#member-westdale').isHidden(), true);
      assert.equal(await page.locator('#member-northbrook').isHidden(), true);
      assert.equal(await page.locator('#member-eastmoor th[scope="rowgroup"]').isVisible(), true);
      // The note on withheld figures is about Northbrook's and Eastmoor's rows: it stays with
      // Eastmoor's, and goes while only Westdale's (none withheld) are shown.
      const note = page.locator('.withheld-note');
      assert.equal(await note.count(), 1);
      assert.equal(await note.isVisible(), true);
      await page.locator('input[name="member"][value="westdale"]').check();
      await page.locator('input[name="member"][value="eastmoor"]').uncheck();
      await page.waitForFunction(() => new URL(window.location.href).searchParams.getAll('member').join() === 'westdale');
      assert.equal(await page.locator('#member-eastmoor').isHidden(), true);
      assert.equal(await note.isHidden(), true, 'the note on withheld figures goes with the rows it is about');
      await page.locator('input[name="member"][value="westdale"]').uncheck();
      await page.waitForFunction(() => !new URL(window.location.href).searchParams.has('member'));
      assert.equal(await note.isVisible(), true);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('a joint table without JavaScript: every council’s rows, with a contents list', async () => {
    const context = await env.browser.newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    try {
      await page.goto(env.server.url + '/market/tables/children-by-placement-type/?member=eastmoor', { waitUntil: 'load' });
      assert.equal(await page.locator('form[data-filter]').isHidden(), true);
      const all = await page.locator('[data-table-row]').count();
      assert.ok(all > 20, String(all));
      assert.equal(await page.locator('[data-table-row]:not([hidden])').count(), all);
      for (const id of ['northbrook', 'eastmoor', 'westdale']) {
        assert.equal(await page.locator(`#member-${id}`).isVisible(), true, id);
        assert.ok((await page.locator(`#member-${id} [data-table-row]`).count()) > 0, id);
        await page.locator(`.contents a[href="#member-${id}"]`).click();
        assert.equal(new URL(page.url()).hash, `#member-${id}`);
      }
      await page.goto(env.server.url + '/market/tables/', { waitUntil: 'load' });
      for (const id of ['children-by-placement-type', 'children-by-need']) {
        assert.equal(await page.locator(`a[href="../../market/tables/${id}/"]`).count(), 1, id);
      }
    } finally {
      await context.close();
    }
  });
});


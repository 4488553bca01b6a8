// The injection corpus in Chromium: every HTML page of the payload site (the example content
// with hostile text in every kind of field, written by generator/examples/injection_site.rs and
// built by scripts/test.sh) is opened, its module scripts are left to run (charts drawn, the
// filter and scenario forms ready, a slider moved, a chart hovered), and nothing may have run:
// no window.__pwned, no title "PWNED", no dialog, no request for /__pwned or another host,
// no CSP violation, no page error. The same runs over a regional site whose member is the
// payload content (HEARTH_INJECTION_REGION_SITE, also built by scripts/test.sh): the region's
// own pages (comparisons, the councils, the joint asks, where children live) carry the
// member's hostile names and titles; the member's own pages are the payload site's.
//   HEARTH_INJECTION_SITE=/path/to/site node --test tests/browser/injection.test.mjs
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { collectProblems, hoverForReadout, newPage, useSite } from './helpers.mjs';

const SITE = process.env.HEARTH_INJECTION_SITE ? path.resolve(process.env.HEARTH_INJECTION_SITE) : null;
const skip = !SITE
  ? 'HEARTH_INJECTION_SITE is not set (scripts/test.sh builds the payload site)'
  : !existsSync(SITE) || !statSync(SITE).isDirectory()
    ? `HEARTH_INJECTION_SITE ${SITE} is not a folder`
    : false;
const REGION = process.env.HEARTH_INJECTION_REGION_SITE
  ? path.resolve(process.env.HEARTH_INJECTION_REGION_SITE)
  : null;
const skipRegion = !REGION
  ? 'HEARTH_INJECTION_REGION_SITE is not set (scripts/test.sh builds the payload region)'
  : !existsSync(REGION) || !statSync(REGION).isDirectory()
    ? `HEARTH_INJECTION_REGION_SITE ${REGION} is not a folder`
    : false;
const WORKERS = 2;

/**
 * Every `.html` file under `dir`, as site routes (`/x/` for `x/index.html`), except the
 * archived editions (`editions/<version>/`), which are built from their own unseeded content.
 */
function routes(dir, prefix = '') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const rel = prefix + entry.name;
    if (entry.isDirectory() && prefix === 'editions/') continue;
    if (entry.isDirectory()) out.push(...routes(path.join(dir, entry.name), `${rel}/`));
    else if (entry.name.endsWith('.html')) out.push('/' + rel.replace(/(^|\/)index\.html$/, '$1'));
  }
  return out.sort();
}

/**
 * One browser page that visits routes in turn and reports what went wrong on each: a marker
 * set, a dialog, a marker request or a request to another host, or anything helpers.mjs
 * records (CSP violations, page and console errors, failed requests).
 */
async function visitor(env) {
  const page = await newPage(env.browser);
  let seen = [];
  page.on('dialog', async (d) => {
    seen.push(`dialog ${d.type()}: ${d.message()}`);
    await d.dismiss().catch(() => {});
  });
  page.on('request', (req) => {
    const url = req.url();
    if (url.includes('__pwned')) seen.push(`marker request ${url}`);
    else if (!url.startsWith(env.server.url) && !url.startsWith('data:')) seen.push(`request to another host: ${url}`);
  });
  page.on('popup', (p) => seen.push(`popup ${p.url()}`));
  // helpers.mjs keeps its lists for the page's life: report only what is new on each route.
  const reported = {};
  return {
    close: () => page.context().close(),
    async visit(route) {
      seen = [];
      const res = await page.goto(env.server.url + route, { waitUntil: 'load' });
      if (res?.status() !== 200 && !route.endsWith('404.html')) seen.push(`HTTP ${res?.status()}`);
      // Wait for the module scripts: charts drawn, filter and scenario forms ready.
      const ready = await page
        .waitForFunction(
          () => {
            const charts = document.querySelectorAll('.chart-canvas[data-chart-src]');
            const drawn = document.querySelectorAll('.chart-canvas[data-chart-ready="true"]');
            const forms = document.querySelectorAll('form[data-filter], form[data-scenario]');
            const formsReady = document.querySelectorAll('form[data-filter-ready], form[data-scenario-ready]');
            return drawn.length === charts.length && formsReady.length === forms.length;
          },
          null,
          { timeout: 15_000 },
        )
        .then(() => true)
        .catch(() => false);
      if (!ready) seen.push('charts or forms not ready within 15 s');
      // Exercise the scripts with the payload text in play: a slider and a chart's hover readout.
      const slider = page.locator('form[data-scenario-ready] input[type="range"]').first();
      if (await slider.count()) {
        await slider.evaluate((el) => {
          el.value = el.max;
          el.dispatchEvent(new Event('input', { bubbles: true }));
          el.dispatchEvent(new Event('change', { bubbles: true }));
        });
      }
      const chart = page.locator('.chart-canvas[data-chart-ready="true"]').first();
      if (await chart.count()) {
        await chart.scrollIntoViewIfNeeded({ timeout: 2_000 }).catch(() => {});
        await chart.hover({ timeout: 2_000 }).catch(() => {});
        // Hover drawn shapes until one writes the readout (series and category names in it).
        await hoverForReadout(page, chart, 30).catch(() => {});
      }
      await page.waitForTimeout(50);
      const state = await page.evaluate(() => ({ pwned: window.__pwned, title: document.title }));
      if (state.pwned !== undefined) seen.push(`window.__pwned = ${state.pwned}`);
      if (state.title === 'PWNED') seen.push('document.title set to PWNED');
      const problems = await collectProblems(page);
      for (const [kind, items] of Object.entries(problems)) {
        // CSP violations are read from the current document; the other lists accumulate.
        const from = kind === 'cspViolations' ? 0 : (reported[kind] ?? 0);
        for (const item of items.slice(from)) {
          // Reusing the page, the next navigation can cancel a request (the favicon) of this one.
          if (kind === 'failedRequests' && item.endsWith('net::ERR_ABORTED')) continue;
          seen.push(`${kind}: ${item}`);
        }
        reported[kind] = items.length;
      }
      return seen.map((s) => `${route}: ${s}`);
    },
  };
}

/** Visit `all` routes with WORKERS pages; every effect found, by route. */
async function visitAll(env, all) {
  const queue = [...all];
  const found = [];
  const started = Date.now();
  await Promise.all(
    Array.from({ length: WORKERS }, async () => {
      const v = await visitor(env);
      try {
        for (let route = queue.shift(); route; route = queue.shift()) found.push(...(await v.visit(route)));
      } finally {
        await v.close();
      }
    }),
  );
  console.log(`injection: visited ${all.length} pages in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return found;
}

const PAYLOAD = /&lt;script&gt;window\.__pwned=1/;

describe('injection corpus in Chromium', { skip, timeout: 120_000 }, () => {
  const env = useSite(SITE);

  test('no payload runs on any page of the payload site', async () => {
    const all = routes(SITE);
    assert.ok(all.length >= 50, `only ${all.length} pages in ${SITE}`);
    // The seeded pages really carry the payloads (a site built from clean content would
    // pass everything below).
    const res = await fetch(`${env.server.url}/`);
    assert.match(await res.text(), PAYLOAD, 'the home page shows no payload text');
    const found = await visitAll(env, all);
    assert.deepEqual(found, [], `payloads had effects:\n${found.join('\n')}`);
  });
});

describe('injection corpus in a region', { skip: skipRegion, timeout: 120_000 }, () => {
  const env = useSite(REGION);

  test("no payload runs on the region's own pages, where a member's names and titles are shown", async () => {
    // The region's pages (the members' own sites under /councils/<id>/ are the payload
    // site's pages, visited above), with the list of councils.
    const all = routes(REGION).filter((r) => !r.startsWith('/councils/') || r === '/councils/');
    assert.ok(all.length >= 10, `only ${all.length} regional pages in ${REGION}`);
    for (const page of ['/councils/', '/market/asks/']) {
      const res = await fetch(`${env.server.url}${page}`);
      assert.match(await res.text(), PAYLOAD, `${page} shows no payload text from the member`);
    }
    const found = await visitAll(env, all);
    assert.deepEqual(found, [], `payloads had effects:\n${found.join('\n')}`);
  });
});

// Browser tests of the built Hearth site, in Debian's headless Chromium.
// The site is built elsewhere (scripts/test.sh); this only serves and checks it.
//   HEARTH_SITE=/path/to/site node --test tests/browser/
import assert from 'node:assert/strict';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, consoleWarnings, launch, newPage, screenshot } from './helpers.mjs';
import { start } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE
  ? path.resolve(process.env.HEARTH_SITE)
  : path.resolve(here, '../../public');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CHART_READY = '.chart-canvas[data-chart-ready="true"]';

let server;
let browser;
let measurePath; // `/measures/<first metric id>/`, found from /data/metrics.json

/** Wait until charts.js has drawn a chart; on timeout say what the page warned. */
async function waitForChart(page, route) {
  try {
    await page.locator(CHART_READY).first().waitFor({ state: 'attached', timeout: 15_000 });
  } catch (err) {
    const warned = consoleWarnings(page).map((w) => `\n  console.warn: ${w}`).join('');
    throw new Error(`no ${CHART_READY} on ${route} within 15 s${warned || ' (no console warnings)'}`, { cause: err });
  }
}

async function open(page, route) {
  const res = await page.goto(server.url + route, { waitUntil: 'load' });
  assert.ok(res, `no response for ${route}`);
  assert.equal(res.status(), 200, `${route} answered HTTP ${res.status()}`);
  return res;
}

const siteMissing = !existsSync(SITE) || !statSync(SITE).isDirectory();

test('site folder exists', () => {
  assert.ok(
    !siteMissing,
    `site folder ${SITE} does not exist. Build it first, e.g. ` +
      '`cargo run --release -p hearth -- build content --out public`, or set HEARTH_SITE.',
  );
});

describe('hearth site in Chromium', { timeout: 180_000, skip: siteMissing && 'no site folder' }, () => {
  before(async () => {
    server = await start(SITE);
    browser = await launch();
    const res = await fetch(`${server.url}/data/metrics.json`);
    assert.equal(res.status, 200, `/data/metrics.json answered HTTP ${res.status}`);
    const metrics = await res.json();
    assert.ok(Array.isArray(metrics) && metrics.length > 0, '/data/metrics.json is not a non-empty array');
    const id = metrics[0]?.id;
    assert.ok((typeof id === 'string' && id) || typeof id === 'number', 'first metric in /data/metrics.json has no "id"');
    measurePath = `/measures/${encodeURIComponent(String(id))}/`;
  });

  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('home page loads with an <h1> and no errors', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/');
      assert.ok((await page.locator('h1').count()) >= 1, 'home page has no <h1>');
      await screenshot(page, 'home.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('plan page lists actions', async () => {
    const page = await newPage(browser);
    try {
      await open(page, '/plan/');
      const actions = await page.locator('[data-action-id]').count();
      assert.ok(actions >= 1, '/plan/ has no [data-action-id] element');
      await screenshot(page, 'plan.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('measure page draws its chart as SVG and has a data table', async () => {
    const page = await newPage(browser);
    try {
      await open(page, measurePath);
      await waitForChart(page, measurePath);
      const chart = page.locator(CHART_READY).first();
      assert.equal(await chart.getAttribute('aria-hidden'), 'true', 'chart div must stay aria-hidden="true"');
      const drawn = await chart.evaluate(
        (div) => [...div.querySelectorAll('svg path')].filter((p) => (p.getAttribute('d') ?? '').length > 2).length,
      );
      assert.ok(drawn > 0, `chart on ${measurePath} has an <svg> but no drawn <path>`);
      assert.ok((await page.locator('table').count()) >= 1, `${measurePath} has no <table>`);
      await screenshot(page, 'measure.png');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  describe('axe-core WCAG 2.2 AA', () => {
    for (const [name, route] of [
      ['home', () => '/'],
      ['plan', () => '/plan/'],
      ['measure', () => measurePath],
      ['what changed', () => '/changes/'],
      ['earlier editions', () => '/editions/'],
      ['an earlier edition', () => '/editions/1.0/plan/'],
    ]) {
      test(`no axe violations on ${name} page`, async () => {
        // bypassCSP lets addScriptTag inject axe under the site's strict script-src.
        const page = await newPage(browser, { bypassCSP: true });
        try {
          await open(page, route());
          if (name === 'measure') await waitForChart(page, route());
          await page.addScriptTag({ path: AXE_PATH });
          const violations = await page.evaluate(
            (tags) => window.axe.run(document, { runOnly: { type: 'tag', values: tags } }).then((r) => r.violations),
            AXE_TAGS,
          );
          const report = violations.map(
            (v) => `  ${v.id} [${v.impact}] ${v.nodes.length} node(s), first: ${v.nodes[0]?.target?.join(' ')} — ${v.help}`,
          );
          if (report.length) console.log(`axe violations on ${route()}:\n${report.join('\n')}`);
          assert.equal(violations.length, 0, `axe violations on ${route()}:\n${report.join('\n')}`);
        } finally {
          await page.context().close();
        }
      });
    }
  });

  test('plan page works with JavaScript disabled', async () => {
    const page = await newPage(browser, { javaScriptEnabled: false });
    try {
      await open(page, '/plan/');
      const actions = page.locator('[data-action-id]');
      const count = await actions.count();
      assert.ok(count >= 1, '/plan/ has no [data-action-id] element without JavaScript');
      for (let i = 0; i < count; i++) {
        const el = actions.nth(i);
        assert.ok(await el.isVisible(), `action ${await el.getAttribute('data-action-id')} is hidden without JavaScript`);
      }
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
});

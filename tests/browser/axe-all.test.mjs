// axe-core (WCAG 2.0, 2.1 and 2.2, A and AA) over EVERY page of the built site, earlier
// editions included, after the page's scripts have run (filters and sliders revealed, charts
// drawn). Zero violations allowed.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { useSite } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Every HTML page of the site as a URL path. */
function pages(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) {
      if (name !== 'static' && name !== 'data') out.push(...pages(full, `${prefix}${name}/`));
    } else if (name === 'index.html') {
      out.push(`/${prefix}`);
    } else if (name.endsWith('.html')) {
      out.push(`/${prefix}${name}`);
    }
  }
  return out;
}

/**
 * Run `check(page, route)` (which returns the route's violations) over every route, on as many
 * pages at once as the machine has cores (each page's axe run is its own renderer's work), and
 * return the routes with violations in the routes' order.
 */
async function eachPage(routes, contextOptions, check) {
  const found = new Array(routes.length);
  let next = 0;
  const worker = async () => {
    const context = await env.browser.newContext(contextOptions);
    const page = await context.newPage();
    try {
      while (next < routes.length) {
        const k = next++;
        const violations = await check(page, routes[k]);
        if (violations.length) found[k] = `${routes[k]}\n    ${violations.join('\n    ')}`;
      }
    } finally {
      await context.close();
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(4, availableParallelism())) }, worker));
  return found.filter(Boolean);
}

/** The server and browser (see useSite). */
let env;

describe('axe-core on every page', { timeout: 900_000, skip: !existsSync(SITE) && 'no site folder' }, () => {
  env = useSite(SITE);

  test('zero WCAG 2.2 A/AA violations on every page', async () => {
    const routes = pages(SITE);
    assert.ok(routes.length > 50, `only ${routes.length} pages found`);
    // bypassCSP lets axe be injected under the site's strict script-src.
    const failures = await eachPage(routes, { bypassCSP: true, reducedMotion: 'reduce' }, async (page, route) => {
      await page.goto(env.server.url + route, { waitUntil: 'load' });
      // Let module scripts finish: forms revealed, charts drawn.
      await page.waitForFunction(
        () =>
          [...document.querySelectorAll('form[data-filter], form[data-scenario]')].every(
            (f) => f.hasAttribute('data-filter-ready') || f.hasAttribute('data-scenario-ready'),
          ) &&
          [...document.querySelectorAll('.chart-canvas[data-chart-src]')].every((c) => c.dataset.chartReady === 'true'),
        null,
        { timeout: 15_000 },
      );
      await page.addScriptTag({ path: AXE_PATH });
      return page.evaluate(
        (tags) =>
          window.axe
            .run(document, { runOnly: { type: 'tag', values: tags } })
            .then((r) => r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(' ')}`)),
        TAGS,
      );
    });
    console.log(`axe: ${routes.length} pages checked, ${failures.length} with violations`);
    assert.deepEqual(failures, [], `axe violations:\n${failures.join('\n')}`);
  });

  // On a phone, tables wider than the screen scroll sideways inside their box: each such box
  // must be reachable from the keyboard, and controls keep their target size.
  test('at 390 px: scroll boxes reachable by keyboard, targets large enough, on every page', async () => {
    const routes = pages(SITE);
    const options = { bypassCSP: true, reducedMotion: 'reduce', viewport: { width: 390, height: 844 } };
    const failures = await eachPage(routes, options, async (page, route) => {
      await page.goto(env.server.url + route, { waitUntil: 'load' });
      await page.addScriptTag({ path: AXE_PATH });
      return page.evaluate(() =>
        window.axe
          .run(document, { runOnly: { type: 'rule', values: ['scrollable-region-focusable', 'target-size'] } })
          .then((r) => r.violations.map((v) => `${v.id} (${v.nodes.length}): ${v.nodes[0]?.target?.join(' ')}`)),
      );
    });
    console.log(`axe at 390 px: ${routes.length} pages checked, ${failures.length} with violations`);
    assert.deepEqual(failures, [], `axe violations at 390 px:\n${failures.join('\n')}`);
  });
});

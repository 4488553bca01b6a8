// Shared helpers for the browser tests: Debian's Chromium via playwright-core (which never
// downloads a browser), pages that record every error, and full-page screenshots.
import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { start } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const SCREENSHOT_DIR = path.join(here, 'screenshots');

// Without the background-networking flags Chromium keeps trying to reach Google's hosts,
// which this machine's closed network refuses.
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Start headless Chromium ($CHROMIUM or /usr/bin/chromium). */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ARGS,
    headless: true,
  });
}

const problemsOf = new WeakMap();
const warningsOf = new WeakMap();

/**
 * New page in a fresh context (reducedMotion 'reduce' unless overridden) that records
 * console errors, uncaught page errors, failed requests, HTTP error responses and CSP
 * violations. Close it with `page.context().close()`.
 */
export async function newPage(browser, contextOptions = {}) {
  const context = await browser.newContext({ reducedMotion: 'reduce', ...contextOptions });
  await context.addInitScript(() => {
    window.__cspViolations = [];
    window.addEventListener(
      'securitypolicyviolation',
      (e) =>
        window.__cspViolations.push(
          `${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile || e.documentURI}:${e.lineNumber}`,
        ),
      true,
    );
  });
  const page = await context.newPage();
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [], badResponses: [] };
  const warnings = [];
  page.on('console', (msg) => {
    const loc = msg.location();
    const text = `${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`;
    if (msg.type() === 'error') problems.consoleErrors.push(text);
    else if (msg.type() === 'warning') warnings.push(text);
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err?.stack || err)));
  page.on('requestfailed', (req) => {
    const why = req.failure()?.errorText;
    // Chromium fetches the favicon after the load event and cancels that fetch when the test
    // moves straight on to the next page: not a fault of the site (a missing favicon would be
    // a 404 in badResponses).
    if (why === 'net::ERR_ABORTED' && new URL(req.url()).pathname.endsWith('/favicon.svg')) return;
    // With JavaScript off, Chromium refuses a page's <link rel="modulepreload"> of a script
    // and reports it as blocked ("csp"): nothing a reader without JavaScript needs is lost.
    if (contextOptions.javaScriptEnabled === false && why === 'csp' && req.resourceType() === 'script') return;
    problems.failedRequests.push(`${req.method()} ${req.url()}: ${why}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.badResponses.push(`${res.status()} ${res.url()}`);
  });
  problemsOf.set(page, problems);
  warningsOf.set(page, warnings);
  return page;
}

/** Console warnings seen on `page` (not failures by themselves; useful in messages). */
export function consoleWarnings(page) {
  return [...(warningsOf.get(page) ?? [])];
}

/** Everything recorded on `page` so far, CSP violations included. */
export async function collectProblems(page) {
  const recorded = problemsOf.get(page) ?? {};
  let cspViolations = [];
  try {
    cspViolations = (await page.evaluate(() => window.__cspViolations ?? [])) ?? [];
  } catch {
    // With javaScriptEnabled: false there is nothing to read, and no script to violate CSP.
  }
  return { ...recorded, cspViolations };
}

/** Fail with a readable list if anything went wrong on `page`. */
export async function assertNoProblems(page) {
  const problems = await collectProblems(page);
  const lines = Object.entries(problems).flatMap(([kind, items]) => items.map((item) => `  ${kind}: ${item}`));
  assert.equal(lines.length, 0, `problems on ${page.url()}:\n${lines.join('\n')}`);
}

/** Full-page PNG at tests/browser/screenshots/<name>; returns its path. */
export async function screenshot(page, name) {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const file = path.join(SCREENSHOT_DIR, name.endsWith('.png') ? name : `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/**
 * Inside a describe(): serve `site` and launch Chromium before its tests, and stop both after
 * them. The returned object's `server` and `browser` are set once the tests run.
 */
export function useSite(site) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await start(site);
    env.browser = await launch();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.close();
  });
  return env;
}

/**
 * Colour arithmetic for code run in the page (WCAG relative luminance and contrast ratio).
 * In-page functions cannot close over this module, so tests pass its source in:
 * `page.evaluate(`(${inPage})(${colourMath})`)` (evaluated over the DevTools protocol, which the
 * pages' CSP does not govern), and `inPage(colourMath)` calls it for { parse, over, contrast }.
 */
export function colourMath() {
  /** `#rgb`, `#rrggbb`, `rgb()` or `rgba()` as { r, g, b, a }; null for anything else. */
  const parse = (c) => {
    if (typeof c !== 'string') return null;
    let m = /^#([0-9a-f]{6})$/i.exec(c.trim());
    if (m) return { r: parseInt(m[1].slice(0, 2), 16), g: parseInt(m[1].slice(2, 4), 16), b: parseInt(m[1].slice(4, 6), 16), a: 1 };
    m = /^#([0-9a-f]{3})$/i.exec(c.trim());
    if (m) return { r: parseInt(m[1][0], 16) * 17, g: parseInt(m[1][1], 16) * 17, b: parseInt(m[1][2], 16) * 17, a: 1 };
    m = /rgba?\(([^)]+)\)/.exec(c);
    if (!m) return null;
    const p = m[1].split(/[\s,/]+/).filter(Boolean).map(Number);
    return { r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1 };
  };
  const lum = ({ r, g, b }) => {
    const ch = (v) => {
      const x = v / 255;
      return x <= 0.04045 ? x / 12.92 : ((x + 0.055) / 1.055) ** 2.4;
    };
    return 0.2126 * ch(r) + 0.7152 * ch(g) + 0.0722 * ch(b);
  };
  const contrast = (a, b) => {
    const [hi, lo] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (hi + 0.05) / (lo + 0.05);
  };
  /** `top` (maybe translucent) laid over the opaque `under`. */
  const over = (top, under) => ({
    r: top.r * top.a + under.r * (1 - top.a),
    g: top.g * top.a + under.g * (1 - top.a),
    b: top.b * top.a + under.b * (1 - top.a),
    a: 1,
  });
  return { parse, lum, contrast, over };
}

/** Run `fn(colourMath)` in the page (see {@link colourMath}). */
export function evaluateWithColour(page, fn) {
  return page.evaluate(`(${fn})(${colourMath})`);
}

/**
 * Hover the centre of each shape drawn in `chart` (a ready .chart-canvas locator: markers,
 * bars, slices, legend items, which leave the readout alone) until one writes the chart's
 * readout, at most `limit` shapes. Returns { readout, hint, text }: text equals hint if none did.
 */
export async function hoverForReadout(page, chart, limit = 80) {
  const readout = chart.locator('xpath=following-sibling::p[1]');
  const hint = await readout.textContent({ timeout: 2_000 });
  await chart.scrollIntoViewIfNeeded({ timeout: 2_000 });
  const centres = await chart.evaluate((div) =>
    [...div.querySelectorAll('svg path')]
      .map((p) => p.getBoundingClientRect())
      .filter((r) => r.width > 0 && r.height > 0)
      .map((r) => [r.x + r.width / 2, r.y + r.height / 2]),
  );
  let text = hint;
  for (const [x, y] of centres.slice(0, limit)) {
    await page.mouse.move(x, y);
    text = await readout.textContent({ timeout: 2_000 });
    if (text !== hint) break;
  }
  return { readout, hint, text };
}

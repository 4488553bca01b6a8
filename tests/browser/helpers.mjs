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

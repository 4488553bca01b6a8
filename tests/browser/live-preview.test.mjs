// `hearth serve` in Chromium: an open tab reloads itself when its page is edited, shows an
// overlay with the error (file and line) when an edit breaks the content, and clears it when
// the mistake is fixed.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { collectProblems, launch, newPage, screenshot } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const BIN = process.env.HEARTH_BIN ? path.resolve(process.env.HEARTH_BIN) : path.resolve(here, '../../target/release/hearth');
const CONTENT = process.env.HEARTH_CONTENT ? path.resolve(process.env.HEARTH_CONTENT) : path.resolve(here, '../../content');

let dir;
let server;
let url;
let browser;

describe('live preview (hearth serve) in Chromium', { timeout: 120_000, skip: !existsSync(BIN) && `no hearth binary at ${BIN}` }, () => {
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'hearth-live-'));
    cpSync(CONTENT, path.join(dir, 'content'), { recursive: true });
    server = spawn(BIN, ['serve', path.join(dir, 'content'), '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    url = await new Promise((resolve, reject) => {
      let seen = '';
      server.stdout.on('data', (d) => {
        seen += d;
        const m = seen.match(/http:\/\/[^/\s]+\//);
        if (m) resolve(m[0]);
      });
      server.on('exit', (code) => reject(new Error(`hearth serve exited with ${code}`)));
    });
    browser = await launch();
  });
  after(async () => {
    await browser?.close();
    server?.kill();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('an edit reloads the tab; a broken edit shows an overlay until it is fixed', async () => {
    const page = await newPage(browser);
    try {
      await page.goto(`${url}plan/fc-01/`);
      await page.waitForFunction(() => document.documentElement.dataset.hearthLive);
      const file = path.join(dir, 'content/plan/foster-care.yaml');
      const original = readFileSync(file, 'utf8');
      const edited = original.replace('  - id: fc-01\n    title: ', '  - id: fc-01\n    title: Edited in the preview, ');
      assert.notEqual(edited, original);
      const reloaded = page.waitForNavigation();
      writeFileSync(file, edited);
      await reloaded;
      await page.waitForFunction(() => document.documentElement.dataset.hearthLive);
      assert.match(await page.locator('h1').textContent(), /^Edited in the preview, /);

      writeFileSync(file, edited.replace(/rag: \w+/, 'rag: purple'));
      const overlay = page.locator('.hearth-overlay');
      await overlay.waitFor({ state: 'visible' });
      // writeFileSync empties the file before it writes: a poll in between sees an empty
      // file, and the overlay says so until the next poll (25 ms later) reads the whole
      // edit. Wait for the overlay about the edit itself.
      await page
        .waitForFunction(() => /purple/.test(document.querySelector('.hearth-overlay')?.textContent ?? ''), null, { timeout: 10_000 })
        .catch(() => {});
      const text = await overlay.textContent();
      assert.match(text, /foster-care\.yaml:\d+:\d+/, 'the overlay names file, line and column');
      assert.match(text, /purple/);
      assert.match(await page.locator('h1').textContent(), /^Edited in the preview, /, 'the last good page stays');
      await screenshot(page, 'live-preview-error.png');

      writeFileSync(file, edited);
      await overlay.waitFor({ state: 'detached' });
      // A reload ends the previous page's event stream: that abort is expected.
      const problems = await collectProblems(page);
      problems.failedRequests = problems.failedRequests.filter((r) => !r.includes('/__hearth/events'));
      assert.deepEqual(Object.values(problems).flat(), [], JSON.stringify(problems));
    } finally {
      await page.context().close();
    }
  });
});

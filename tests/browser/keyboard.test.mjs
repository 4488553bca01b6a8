// Keyboard-only browser tests (WCAG 2.1.1 keyboard, 2.4.3 focus order, 2.4.7 focus visible,
// 2.4.11 focus not obscured, 1.4.11 non-text contrast). Every interaction here goes through
// `page.keyboard` (Tab, Shift+Tab, Enter, Space, arrows, typing): no clicks, no `.focus()`,
// no `.check()`. After every key press that moves focus, the focused element is checked for
// a visible focus indicator: a change from its unfocused look (outline, box-shadow or
// background) at least 2px thick whose colour has 3:1 contrast against what lies next to it,
// text that stays readable (4.5:1) on the focus highlight, and a box inside the viewport that
// nothing else covers.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { collectProblems, evaluateWithColour, newPage, useSite } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const VIEWPORT = { width: 1280, height: 800 };

/** The server and browser (see useSite). */
let env;

// ---------------------------------------------------------------------------------------
// In-page code (run through page.evaluate, so it must not close over anything).

/**
 * Mark every keyboard-focusable element in DOM order with data-kb (its position) and keep its
 * unfocused computed style, to compare with the focused one later. Returns the count.
 */
function markTabbables() {
  const sel = 'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex]';
  // Rendered and not hidden: not in a [hidden] form, nor inside a closed <details>.
  // (The skip link sits off screen until focused; it is rendered, so it counts.)
  const visible = (el) => !el.closest('[inert]') && el.checkVisibility({ visibilityProperty: true });
  const list = [...document.querySelectorAll(sel)].filter(
    (el) => !el.disabled && el.tabIndex >= 0 && el.getAttribute('tabindex') !== '-1' && visible(el),
  );
  // Radio groups would take one stop; there are none on these pages (asserted).
  if (list.some((el) => el.type === 'radio')) throw new Error('radio buttons: update markTabbables');
  const baseline = new WeakMap();
  list.forEach((el, i) => {
    el.dataset.kb = String(i);
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    baseline.set(el, {
      // Moved off the page until focused (the skip link): appearing is the indicator.
      offPage: r.right <= 0 || r.bottom <= -window.scrollY,
      outlineStyle: s.outlineStyle,
      outlineWidth: s.outlineWidth,
      outlineColor: s.outlineColor,
      boxShadow: s.boxShadow,
      backgroundColor: s.backgroundColor,
    });
  });
  window.__kbBaseline = baseline;
  return list.length;
}

/** What is focused now, and whether its focus indicator passes (see the file comment). */
function focusReport(colourMath) {
  const el = document.activeElement;
  const describe = (n) => {
    if (!n || n === document.body) return 'body';
    const text = (n.innerText || n.value || n.getAttribute('aria-label') || '').trim().replace(/\s+/g, ' ').slice(0, 40);
    return `<${n.tagName.toLowerCase()}${n.id ? `#${n.id}` : ''}${n.name ? ` name=${n.name}` : ''}${n.type && n.tagName !== 'BUTTON' ? ` type=${n.type}` : ''}${n.getAttribute('href') ? ` href=${n.getAttribute('href')}` : ''}> "${text}"`;
  };
  if (!el || el === document.body) return { kb: null, what: 'body' };
  const { parse, contrast, over } = colourMath();
  /** The colour behind `node`: its own background over its ancestors', white at the bottom. */
  const backgroundOf = (node) => {
    const layers = [];
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a > 0) {
        layers.push(c);
        if (c.a >= 1) break;
      }
    }
    return layers.reverse().reduce((under, top) => over(top, under), { r: 255, g: 255, b: 255, a: 1 });
  };
  const hex = (c) => `#${[c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, '0')).join('')}`;

  const s = getComputedStyle(el);
  const base = window.__kbBaseline?.get(el) ?? {};
  const rect = el.getBoundingClientRect();
  const outlineWidth = s.outlineStyle === 'none' ? 0 : parseFloat(s.outlineWidth) || 0;
  const outlineOffset = parseFloat(s.outlineOffset) || 0;

  // Parts of the indicator: what changes when the element takes focus.
  const parts = [];
  // 1. An outline that is not there (or differs) when the element is not focused.
  if (outlineWidth > 0) {
    const changed = base.outlineStyle === 'none' || base.outlineWidth !== s.outlineWidth || base.outlineColor !== s.outlineColor;
    const colour = parse(s.outlineColor);
    if (changed && colour) parts.push({ kind: 'outline', width: outlineWidth, colour });
  }
  // 2. A box-shadow ring, counting only the part that reaches past the outline.
  let ring = outlineWidth > 0 ? outlineWidth + Math.max(outlineOffset, 0) : 0;
  if (s.boxShadow !== 'none' && s.boxShadow !== base.boxShadow) {
    for (const shadow of s.boxShadow.split(/,(?![^(]*\))/)) {
      const colour = parse(shadow);
      const lengths = (shadow.replace(/rgba?\([^)]*\)/, '').match(/-?[\d.]+px/g) || []).map(parseFloat);
      const spread = lengths[3] ?? 0;
      if (!colour || /\binset\b/.test(shadow)) continue;
      const visible = spread - ring;
      if (visible > 0) {
        parts.push({ kind: 'shadow', width: visible, colour });
        ring = spread;
      }
    }
  }
  // 3. A background that changes colour (or an element that only appears when focused):
  //    the whole element becomes the indicator.
  if (s.backgroundColor !== base.backgroundColor || base.offPage) {
    parts.push({ kind: 'background', width: Math.min(rect.width, rect.height), colour: backgroundOf(el) });
  }

  // What lies next to the indicator on each side: sample one pixel past its outer edge. On
  // every side, some part of the indicator at least 2px thick must reach 3:1 against it.
  const gap = ring + 1;
  const sides = {
    left: [rect.left - gap, rect.top + rect.height / 2],
    right: [rect.right + gap, rect.top + rect.height / 2],
    top: [rect.left + rect.width / 2, rect.top - gap],
    bottom: [rect.left + rect.width / 2, rect.bottom + gap],
  };
  const checked = {};
  for (const [side, [x, y]] of Object.entries(sides)) {
    if (x < 0 || y < 0 || x >= innerWidth || y >= innerHeight) continue;
    const next = document.elementsFromPoint(x, y).find((n) => n !== el && !el.contains(n));
    if (!next) continue;
    const bg = backgroundOf(next);
    const best = parts
      .filter((p) => p.width >= 2)
      .map((p) => ({ kind: p.kind, contrast: contrast(over(p.colour, bg), bg) }))
      .sort((p, q) => q.contrast - p.contrast)[0];
    checked[side] = { against: hex(bg), by: best?.kind ?? null, contrast: best ? Math.round(best.contrast * 100) / 100 : 0 };
  }
  const sideList = Object.values(checked);
  const indicator = parts.length > 0 && sideList.length > 0 && sideList.every((c) => c.contrast >= 3) ? checked : null;

  // Text on the focus highlight stays readable.
  let text = null;
  const hasText = ['text', 'search', 'number'].includes(el.type) || (!(el instanceof HTMLInputElement) && el.innerText.trim() !== '');
  if (hasText) {
    const fg = parse(s.color);
    const bg = backgroundOf(el);
    text = { colour: hex(fg), background: hex(bg), contrast: contrast(over(fg, bg), bg) };
  }

  // Inside the viewport (the page scrolled it into view) and not covered by anything else.
  const tall = rect.height > innerHeight;
  const inView =
    rect.width > 0 &&
    rect.height > 0 &&
    rect.left >= -1 &&
    rect.right <= innerWidth + 1 &&
    // Something taller than the viewport cannot fit: enough that part of it is on screen.
    (tall ? rect.top < innerHeight - 20 && rect.bottom > 20 : rect.top >= -1 && rect.bottom <= innerHeight + 1);
  // A link that wraps has several boxes: test the middle of its first one.
  const first = el.getClientRects()[0] ?? rect;
  const cx = Math.min(Math.max(first.left + first.width / 2, 0), innerWidth - 1);
  const cy = Math.min(Math.max(tall ? Math.max(first.top, 0) + 10 : first.top + first.height / 2, 0), innerHeight - 1);
  const hit = document.elementFromPoint(cx, cy);
  const covered = hit && hit !== el && !el.contains(hit) ? describe(hit) : null;

  return {
    kb: el.dataset.kb ?? null,
    what: describe(el),
    tag: el.tagName.toLowerCase(),
    type: el.type ?? null,
    name: el.getAttribute('name'),
    href: el.href ?? null,
    rawHref: el.getAttribute('href'),
    parts: parts.map((p) => ({ kind: p.kind, width: p.width, colour: hex(p.colour) })),
    sides: checked,
    indicator,
    text,
    rect: { top: Math.round(rect.top), bottom: Math.round(rect.bottom), left: Math.round(rect.left), right: Math.round(rect.right) },
    viewport: { width: innerWidth, height: innerHeight },
    inView,
    covered,
  };
}

// ---------------------------------------------------------------------------------------
// Node-side helpers.

async function open(page, route) {
  const res = await page.goto(env.server.url + route, { waitUntil: 'load' });
  assert.equal(res?.status(), 200, `${route} answered ${res?.status()}`);
  // charts.js draws one chart per frame after the first, each with its step buttons: wait for
  // every chart, so the page's Tab stops are all there before they are counted.
  await page.waitForFunction(() => [...document.querySelectorAll('.chart-canvas[data-chart-src]')].every((c) => c.dataset.chartReady === 'true'), null, { timeout: 15_000 });
}

/**
 * Fail with a readable list if anything went wrong on `page`, like helpers' assertNoProblems,
 * except requests the browser itself cancels as these tests move on: a file that became a
 * download (Chromium aborts its request and hands it to the download manager) and the
 * favicon of a page left before its favicon arrived; and the /favicon.ico a JSON file asks for.
 */
async function assertNoProblems(page, downloaded = new Set()) {
  const problems = await collectProblems(page);
  problems.failedRequests = problems.failedRequests.filter((line) => {
    const m = /^GET (\S+): net::ERR_ABORTED$/.exec(line);
    return !(m && (downloaded.has(m[1]) || new URL(m[1]).pathname.endsWith('/favicon.svg')));
  });
  // A JSON file opened in the browser has no <link rel="icon">, so Chromium asks for
  // /favicon.ico, which the site does not publish (its pages name static/favicon.svg).
  problems.consoleErrors = problems.consoleErrors.filter((line) => !/\/favicon\.ico:0\)$/.test(line));
  problems.badResponses = problems.badResponses.filter((line) => !/^404 \S+\/favicon\.ico$/.test(line));
  const lines = Object.entries(problems).flatMap(([kind, items]) => items.map((item) => `  ${kind}: ${item}`));
  assert.equal(lines.length, 0, `problems on ${page.url()}:\n${lines.join('\n')}`);
}

/** Fail unless the focused element shows a visible, unobscured, contrasting focus indicator. */
function assertFocusVisible(f, where) {
  const label = `${where}: ${f.what}`;
  assert.ok(
    f.indicator,
    `${label} has no visible focus indicator (on every side, an outline, ring or background change >= 2px at >= 3:1 against what is next to it); parts ${JSON.stringify(f.parts)}, sides ${JSON.stringify(f.sides)}`,
  );
  if (f.text) {
    assert.ok(f.text.contrast >= 4.5, `${label}: focused text ${f.text.colour} on ${f.text.background} is ${f.text.contrast.toFixed(2)}:1, under 4.5:1`);
  }
  assert.ok(f.inView, `${label} is not inside the viewport when focused: ${JSON.stringify(f.rect)} in ${JSON.stringify(f.viewport)}`);
  assert.equal(f.covered, null, `${label} is covered by ${f.covered} when focused`);
}

/** Press a key and return the report on whatever is focused afterwards. */
async function press(page, key) {
  await page.keyboard.press(key);
  return evaluateWithColour(page, focusReport);
}

/**
 * Press Tab (or `key`) until `want(report)` holds, checking the focus indicator at every stop;
 * returns the report and every stop on the way.
 */
async function tabTo(page, want, what, { key = 'Tab', max = 400, where = page.url() } = {}) {
  const stops = [];
  for (let i = 0; i < max; i++) {
    const f = await press(page, key);
    stops.push(f);
    if (f.kb !== null) assertFocusVisible(f, where);
    if (want(f)) return { f, stops };
  }
  throw new Error(`could not reach ${what} with ${key} in ${max} presses on ${where}; last: ${stops.at(-1)?.what}`);
}

/** Press Enter on the focused link and wait until the page it opens has loaded. */
async function follow(page, href) {
  await Promise.all([page.waitForEvent('framenavigated', { predicate: (fr) => fr === page.mainFrame(), timeout: 10_000 }), page.keyboard.press('Enter')]);
  await page.waitForLoadState('load');
  assert.equal(page.url(), href, `Enter opened ${page.url()}, not ${href}`);
}

/** Resolve once `page` has drawn the next frame (after an input, before reading the DOM). */
const settle = (page) => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));

const skip = !existsSync(SITE) && 'no site folder';

describe('keyboard only, with a visible focus indicator at every stop', { timeout: 600_000, skip }, () => {
  env = useSite(SITE);

  test('every page stop in DOM order: skip link, header navigation, content, footer links', async (t) => {
    for (const route of ['/', '/plan/', '/scenarios/foster-sufficiency/', '/measures/children-in-care/', '/facts/', '/market/asks/', '/market/demand/']) {
      const page = await newPage(env.browser, { viewport: VIEWPORT });
      try {
        await open(page, route);
        const ready = route === '/plan/' || route === '/market/asks/' ? 'form[data-filter][data-filter-ready]' : route.startsWith('/scenarios/') ? 'form[data-scenario][data-scenario-ready]' : null;
        if (ready) await page.locator(ready).waitFor({ state: 'visible', timeout: 15_000 });
        const count = await page.evaluate(markTabbables);
        assert.ok(count > 20, `${route}: only ${count} focusable elements`);
        const seen = [];
        for (let i = 0; i < count; i++) {
          const f = await press(page, 'Tab');
          assert.notEqual(f.kb, null, `${route}: Tab stop ${i} is ${f.what}, which is not a focusable element in DOM order`);
          assertFocusVisible(f, route);
          seen.push(Number(f.kb));
        }
        assert.deepEqual(seen, [...Array(count).keys()], `${route}: Tab visits every focusable element once, in DOM order`);
        t.diagnostic(`${route}: ${count} Tab stops`);
        // Past the last stop focus leaves the page: nothing traps it.
        const out = await press(page, 'Tab');
        assert.equal(out.kb, null, `${route}: Tab after the last stop leaves the page, not ${out.what}`);
        // The first stops are the skip link, the site title and the main navigation in order.
        const firsts = await page.evaluate(() =>
          [...document.querySelectorAll('.skip-link, .masthead a[href], .site-nav a[href]')].map((a) => a.dataset.kb),
        );
        assert.deepEqual(firsts.map(Number), [...Array(firsts.length).keys()], `${route}: skip link, title and navigation come first`);
        // The footer's links are the last stops.
        const footer = await page.evaluate(() => [...document.querySelectorAll('footer a[href]')].map((a) => Number(a.dataset.kb)));
        assert.ok(footer.length >= 5, `${route}: footer links`);
        assert.deepEqual(footer, [...Array(footer.length).keys()].map((k) => count - footer.length + k), `${route}: footer links come last`);
        // Shift+Tab walks all the way back, each stop now scrolled in from the top of the
        // viewport (where a sticky header would cover it).
        const back = [];
        for (let i = 0; i < count; i++) {
          const f = await press(page, 'Shift+Tab');
          assertFocusVisible(f, `${route} (Shift+Tab)`);
          back.push(Number(f.kb));
        }
        assert.deepEqual(back, [...Array(count).keys()].reverse(), `${route}: Shift+Tab comes back in reverse order`);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    }
  });

  test('the skip link is the first stop and Enter moves focus to the main content', async () => {
    const page = await newPage(env.browser, { viewport: VIEWPORT });
    try {
      await open(page, '/measures/');
      await page.evaluate(markTabbables);
      const look = () => page.evaluate(() => {
        const s = getComputedStyle(document.querySelector('main'));
        return { background: s.backgroundColor, color: s.color };
      });
      const unfocused = await look();
      const f = await press(page, 'Tab');
      assert.match(f.what, /skip-link|Skip to main content/, `first Tab stop is the skip link, not ${f.what}`);
      assertFocusVisible(f, 'skip link');
      assert.ok(f.rect.top >= 0 && f.rect.left >= 0, 'the focused skip link is on screen');
      await page.keyboard.press('Enter');
      await page.waitForFunction(() => window.location.hash === '#main' && document.activeElement?.id === 'main');
      // <main> is the skip link's target, not a control: its text keeps its own colours
      // rather than turning into one big focus highlight (which would lower their contrast).
      assert.deepEqual(await look(), unfocused, 'the main content does not change colour when the skip link focuses it');
      // The next Tab lands on the first focusable element inside <main>, not in the header.
      const next = await press(page, 'Tab');
      const firstInMain = await page.evaluate(() => document.querySelector('main').querySelector('[data-kb]')?.dataset.kb);
      assert.equal(next.kb, firstInMain, `Tab after the skip link lands in <main>, not on ${next.what}`);
      assertFocusVisible(next, 'first stop after skipping');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('each header navigation item is reached in order and Enter follows it', async () => {
    const page = await newPage(env.browser, { viewport: VIEWPORT });
    try {
      await open(page, '/');
      const items = await page.evaluate(() =>
        [...document.querySelectorAll('.masthead a[href], .site-nav a[href]')].map((a) => ({ href: a.href, text: a.textContent.trim() })),
      );
      assert.ok(items.length >= 6, 'title link and navigation items');
      // On each page, Tab from the top to the next item (skip link, title, items in order),
      // press Enter and land on its page; that page's header is then tested for the next one.
      for (const [i, item] of items.entries()) {
        const where = page.url();
        await page.evaluate(markTabbables);
        const { f, stops } = await tabTo(page, (x) => x.href === item.href && x.tag === 'a' && x.kb !== null && x.what.includes(item.text), `"${item.text}"`, { max: 30, where });
        assert.equal(stops.length, i + 2, `"${item.text}" is Tab stop ${i + 2} on ${where} (after the skip link and ${i} header links)`);
        assert.match(stops[0].what, /Skip to main content/, 'the skip link comes first');
        assert.equal(f.href, item.href);
        await follow(page, item.href);
      }
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('each footer link is reached with Shift+Tab from the end and Enter follows it', async (t) => {
    const page = await newPage(env.browser, { viewport: VIEWPORT });
    // The network is closed: answer links off the site with a stub page, so following them
    // with Enter can be seen to happen.
    await page.context().route(
      (url) => !url.href.startsWith(env.server.url),
      (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>elsewhere</title><p>elsewhere</p>' }),
    );
    try {
      await open(page, '/');
      const links = await page.evaluate(() => [...document.querySelectorAll('footer a[href]')].map((a) => ({ href: a.href, text: a.textContent.trim() })));
      assert.ok(links.length >= 5, 'footer links');
      const followed = { page: 0, download: 0, external: 0, mailto: 0 };
      const downloaded = new Set();
      for (const [j, link] of links.entries()) {
        await open(page, '/');
        await page.evaluate(markTabbables);
        // Shift+Tab from the top of the page wraps to the last stop; the footer's links are last.
        // A stop's description keeps the first 40 characters of its text.
        const shown = link.text.replace(/\s+/g, ' ').slice(0, 40);
        const { f, stops } = await tabTo(page, (x) => x.href === link.href && x.what.includes(shown), `"${link.text}"`, { key: 'Shift+Tab', max: 40, where: '/ (footer)' });
        assert.equal(stops.length, links.length - j, `"${link.text}" is Shift+Tab stop ${links.length - j} from the end`);
        if (link.href.startsWith('mailto:')) {
          // A mail link hands over to the mail program; there is nothing to follow here.
          followed.mailto += 1;
          continue;
        }
        if (link.href.endsWith('.csv')) {
          const [download] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
          assert.equal(download.url(), link.href);
          downloaded.add(link.href);
          followed.download += 1;
          continue;
        }
        assert.equal(f.href, link.href);
        await follow(page, link.href);
        if (link.href.startsWith(env.server.url)) followed.page += 1;
        else followed.external += 1;
      }
      assert.ok(followed.page >= 3, `followed ${JSON.stringify(followed)}`);
      t.diagnostic(`footer links: ${JSON.stringify(followed)}`);
      await assertNoProblems(page, downloaded);
    } finally {
      await page.context().close();
    }
  });

  test('delivery plan: every filter control is reached and operated from the keyboard', async () => {
    const page = await newPage(env.browser, { viewport: VIEWPORT });
    try {
      const actions = await (await fetch(`${env.server.url}/data/actions.json`)).json();
      await open(page, '/plan/');
      await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      await page.evaluate(markTabbables);
      const shown = async () => Number(await page.locator('[data-result-count]').textContent());
      const visible = () => page.locator('[data-action-id]:not([hidden])').count();
      const total = actions.length;
      assert.equal(await shown(), total);
      const controls = await page.evaluate(() =>
        [...document.querySelectorAll('form[data-filter] input, form[data-filter] select, form[data-filter] button')].map((el) => el.dataset.kb),
      );
      const matches = (name, value) => {
        if (name === 'workstream') return actions.filter((a) => a.workstream === value).length;
        // An action with no rating is `"rag": null` in the data and "Not rated" in the filter.
        if (name === 'rag') return actions.filter((a) => (a.rag ?? 'not-rated') === value).length;
        if (name === 'priority') return actions.filter((a) => a.priorities.includes(value)).length;
        throw new Error(`no reference for facet ${name}`);
      };
      const operated = [];
      // Reach the first control from the top of the page, then walk the form with Tab.
      let { f } = await tabTo(page, (x) => x.kb === controls[0], 'the first filter control', { where: '/plan/' });
      for (const [k, kb] of controls.entries()) {
        if (k > 0) f = await press(page, 'Tab');
        assert.equal(f.kb, kb, `filter control ${k} is the next Tab stop (got ${f.what})`);
        assertFocusVisible(f, '/plan/ filters');
        if (f.type === 'checkbox') {
          const value = await page.evaluate(() => document.activeElement.value);
          await page.keyboard.press('Space');
          await settle(page);
          assert.ok(await page.evaluate(() => document.activeElement.checked), `Space ticks ${f.what}`);
          const want = matches(f.name, value);
          assert.equal(await shown(), want, `ticking ${f.name}=${value} shows the ${want} matching actions`);
          assert.equal(await visible(), want, `ticking ${f.name}=${value}: visible actions`);
          // The address records the tick once the reader pauses.
          await page.waitForFunction(([n, v]) => new URL(window.location.href).searchParams.getAll(n).includes(v), [f.name, value]);
          await page.keyboard.press('Space');
          await settle(page);
          assert.equal(await shown(), total, `Space unticks ${f.name}=${value}`);
          operated.push(`${f.name}=${value}`);
        } else if (f.tag === 'select') {
          await page.keyboard.press('ArrowDown');
          await settle(page);
          const label = await page.evaluate(() => document.activeElement.selectedOptions[0].dataset.label);
          const want = actions.filter((a) => a.owners.includes(label)).length;
          assert.ok(label, 'ArrowDown chooses the first owner');
          assert.equal(await shown(), want, `choosing owner "${label}" shows its ${want} actions`);
          await page.keyboard.press('Home');
          await settle(page);
          assert.equal(await page.evaluate(() => document.activeElement.value), '', 'Home goes back to "Any"');
          assert.equal(await shown(), total);
          operated.push('owner');
        } else if (f.name === 'q') {
          await page.keyboard.type('foster');
          await settle(page);
          const want = actions.filter((a) => [a.title, a.quality_measure ?? '', a.status ?? '', ...a.indicators, a.id].join('\n').toLowerCase().includes('foster')).length;
          assert.ok(want > 0 && want < total);
          assert.equal(await shown(), want, 'typing a search narrows the plan');
          for (let i = 0; i < 'foster'.length; i++) await page.keyboard.press('Backspace');
          await settle(page);
          assert.equal(await shown(), total);
          operated.push('q');
        } else if (f.name === 'from' || f.name === 'to') {
          await page.keyboard.type('2021');
          await settle(page);
          const want = actions.filter((a) => a.end && (f.name === 'from' ? a.end >= '2021-01-01' : a.end <= '2021-12-31')).length;
          assert.equal(await shown(), want, `typing 2021 in "${f.name}"`);
          for (let i = 0; i < 4; i++) await page.keyboard.press('Backspace');
          await settle(page);
          assert.equal(await shown(), total);
          operated.push(f.name);
        } else if (f.tag === 'button' && f.what.includes('Apply')) {
          await page.keyboard.press('Enter');
          await settle(page);
          assert.equal(new URL(page.url()).pathname, '/plan/', 'Apply keeps the page');
          assert.equal(await shown(), total);
          operated.push('apply');
        } else if (f.tag === 'button' && f.what.includes('Clear')) {
          // Tick something from the keyboard first: Shift+Tab back to the last checkbox.
          const box = await press(page, 'Shift+Tab');
          assert.equal(box.tag, 'button');
          let last = box;
          while (last.type !== 'checkbox') last = await press(page, 'Shift+Tab');
          await page.keyboard.press('Space');
          await settle(page);
          assert.ok((await shown()) < total, 'something ticked before clearing');
          const back = await tabTo(page, (x) => x.kb === kb, 'the clear button', { max: 10 });
          f = back.f;
          await page.keyboard.press('Enter');
          await settle(page);
          assert.equal(await shown(), total, 'Enter on "Clear filters" shows every action');
          await page.waitForFunction(() => window.location.search === '');
          const after = await evaluateWithColour(page, focusReport);
          assert.equal(after.name, 'q', 'clearing moves focus to the search field');
          assertFocusVisible(after, '/plan/ after clearing');
          operated.push('clear');
          // Back to the clear button so the walk can go on.
          ({ f } = await tabTo(page, (x) => x.kb === kb, 'the clear button again', { max: controls.length + 2 }));
        } else {
          throw new Error(`an unexpected filter control: ${f.what}`);
        }
      }
      assert.ok(operated.filter((o) => o.includes('=')).length >= 5, `checkboxes operated: ${operated.join(', ')}`);
      for (const want of ['q', 'owner', 'from', 'to', 'apply', 'clear']) assert.ok(operated.includes(want), `operated ${want}`);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('what-if: arrow keys move each slider and its number field follows; typing moves the slider', async () => {
    for (const route of ['/scenarios/foster-sufficiency/', '/scenarios/placement-costs/']) {
      const page = await newPage(env.browser, { viewport: VIEWPORT });
      try {
        await open(page, route);
        await page.locator('form[data-scenario][data-scenario-ready]').waitFor({ state: 'visible', timeout: 15_000 });
        await page.evaluate(markTabbables);
        const sliders = await page.evaluate(() =>
          [...document.querySelectorAll('input[type="range"][data-input]')].map((r) => {
            const n = document.querySelector(`input[type="number"][data-input="${r.dataset.input}"]`);
            return { id: r.dataset.input, range: r.dataset.kb, number: n.dataset.kb, min: Number(r.min), max: Number(r.max), step: Number(r.step), value: Number(r.value) };
          }),
        );
        assert.ok(sliders.length >= 2, `${route}: sliders`);
        const state = (id) =>
          page.evaluate((i) => {
            const r = document.querySelector(`input[type="range"][data-input="${i}"]`);
            const n = document.querySelector(`input[type="number"][data-input="${i}"]`);
            const outs = [...document.querySelectorAll('[data-output], td[data-series]')].map((o) => o.dataset.value ?? o.textContent).join(' ');
            return { range: Number(r.value), number: Number(n.value), outs, hash: window.location.hash };
          }, id);
        const published = await page.evaluate(() => [...document.querySelectorAll('[data-output]')].map((o) => o.dataset.value).join(' '));
        for (const s of sliders) {
          let { f } = await tabTo(page, (x) => x.kb === s.range, `the ${s.id} slider`, { max: 60, where: route });
          assert.equal(f.type, 'range');
          assertFocusVisible(f, `${route} slider ${s.id}`);
          const before = await state(s.id);
          const up = s.value + s.step <= s.max;
          await page.keyboard.press(up ? 'ArrowRight' : 'ArrowLeft');
          await settle(page);
          const moved = await state(s.id);
          const want = +(s.value + (up ? s.step : -s.step)).toFixed(10);
          assert.ok(Math.abs(moved.range - want) < 1e-9, `${route} ${s.id}: arrow key moves the slider from ${s.value} to ${want} (got ${moved.range})`);
          assert.equal(moved.number, moved.range, `${route} ${s.id}: the number field follows the slider`);
          assert.notEqual(moved.outs, before.outs, `${route} ${s.id}: the figures and table follow the slider`);
          await page.keyboard.press('End');
          await settle(page);
          const end = await state(s.id);
          assert.equal(end.range, s.max, `${route} ${s.id}: End goes to the maximum`);
          assert.equal(end.number, s.max, `${route} ${s.id}: number field at the maximum`);
          await page.keyboard.press('Home');
          await settle(page);
          assert.equal((await state(s.id)).number, s.min, `${route} ${s.id}: Home goes to the minimum, the number follows`);

          // The paired number field is the next Tab stop; type a value there.
          f = await press(page, 'Tab');
          assert.equal(f.kb, s.number, `${route} ${s.id}: the number field follows its slider in Tab order (got ${f.what})`);
          assertFocusVisible(f, `${route} number ${s.id}`);
          const typed = +(s.min + Math.round((s.max - s.min) / s.step / 2) * s.step).toFixed(10);
          await page.keyboard.press('ControlOrMeta+A');
          await page.keyboard.type(String(typed));
          await settle(page);
          const afterTyping = await state(s.id);
          assert.equal(afterTyping.range, typed, `${route} ${s.id}: typing ${typed} moves the slider`);
          assert.equal(afterTyping.number, typed);
          // ArrowUp in the number field steps too, and the slider follows.
          if (typed + s.step <= s.max) {
            await page.keyboard.press('ArrowUp');
            await settle(page);
            const stepped = await state(s.id);
            assert.ok(Math.abs(stepped.range - (typed + s.step)) < 1e-9, `${route} ${s.id}: ArrowUp in the number field moves the slider (got ${stepped.range})`);
          }
        }
        await page.waitForFunction(() => window.location.hash.length > 1);
        // Reset from the keyboard.
        const { f } = await tabTo(page, (x) => x.what.includes('Reset to published'), 'the reset button', { max: 10, where: route });
        assertFocusVisible(f, `${route} reset`);
        await page.keyboard.press('Enter');
        await settle(page);
        for (const s of sliders) assert.equal((await state(s.id)).range, s.value, `${route} ${s.id}: Enter on Reset restores the published value`);
        assert.equal(await page.evaluate(() => [...document.querySelectorAll('[data-output]')].map((o) => o.dataset.value).join(' ')), published);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    }
  });

  test('charts: every point, bar and slice is reached from the keyboard and read out under its chart', async (t) => {
    const seen = { line: 0, bar: 0, pie: 0 };
    for (const route of ['/measures/care-leavers/', '/facts/', '/scenarios/foster-sufficiency/', '/market/demand/']) {
      const page = await newPage(env.browser, { viewport: VIEWPORT });
      try {
        await open(page, route);
        const total = await page.locator('.chart-canvas[data-chart-src]').count();
        await page.waitForFunction((n) => document.querySelectorAll('.chart-canvas[data-chart-ready="true"]').length === n, total, { timeout: 15_000 });
        await page.evaluate(markTabbables);
        // Each chart's Previous and Next buttons, by their Tab position.
        const buttons = await page.evaluate(() =>
          [...document.querySelectorAll('.chart-canvas[data-chart-ready="true"]')].map((div) => {
            const keys = div.closest('figure').querySelector('.chart-keys');
            return { prev: keys?.querySelector('[data-chart-step="-1"]')?.dataset.kb, next: keys?.querySelector('[data-chart-step="1"]')?.dataset.kb };
          }),
        );
        assert.equal(buttons.length, total);
        for (const [c, { prev, next }] of buttons.entries()) {
          const where = `${route} chart ${c}`;
          assert.ok(prev !== undefined && next !== undefined, `${where}: Previous and Next buttons in Tab order`);
          // What each stop must read, from the option the chart is drawn from.
          const want = await page.evaluate((k) => {
            const div = [...document.querySelectorAll('.chart-canvas[data-chart-ready="true"]')][k];
            const option = window.echarts.getInstanceByDom(div).getOption();
            const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
            const val = (d) => {
              const v = d !== null && typeof d === 'object' ? d.value : d;
              return typeof v === 'number' && Number.isFinite(v) ? v : null;
            };
            const num = (d) => (val(d) === null ? 'no figure' : fmt.format(val(d)));
            const series = option.series;
            if (series[0].type === 'pie') {
              const data = series[0].data;
              const sum = data.reduce((t, d) => t + (val(d) ?? 0), 0);
              const share = (d) => (val(d) !== null && sum > 0 ? ` (${fmt.format(Math.round((val(d) / sum) * 10000) / 100)}%)` : '');
              return { kind: 'pie', texts: data.map((d, i) => `${i + 1} of ${data.length}. ${d.name}: ${num(d)}${share(d)}`) };
            }
            const axis = [...option.xAxis, ...option.yAxis].find((a) => a.type === 'category');
            const texts = axis.data.map((label, i) => `${i + 1} of ${axis.data.length}. ${label}. ${series.map((x) => `${x.name}: ${num(x.data[i])}`).join('; ')}`);
            return { kind: series.some((x) => x.type === 'bar') ? 'bar' : 'line', texts };
          }, c);
          const n = want.texts.length;
          assert.ok(n >= 2, `${where}: ${n} stops`);
          const readout = page.locator('.chart-readout').nth(c);
          const reads = async (k, how) => assert.equal(await readout.textContent(), want.texts[k], `${where}: ${how}`);
          let { f } = await tabTo(page, (x) => x.kb === next, `${where}'s Next button`, { where });
          assertFocusVisible(f, `${where} Next`);
          await page.keyboard.press('Enter');
          await reads(0, 'Enter on Next reads the first stop');
          for (let k = 1; k < n; k++) {
            await page.keyboard.press('ArrowRight');
            await reads(k, `ArrowRight reads stop ${k + 1}`);
          }
          await page.keyboard.press('ArrowRight');
          await reads(0, 'ArrowRight after the last stop comes back to the first');
          await page.keyboard.press('End');
          await reads(n - 1, 'End reads the last stop');
          await page.keyboard.press('Home');
          await reads(0, 'Home reads the first stop');
          await page.keyboard.press('ArrowLeft');
          await reads(n - 1, 'ArrowLeft from the first stop goes to the last');
          f = await evaluateWithColour(page, focusReport);
          assert.equal(f.kb, next, `${where}: the keys leave focus on the button (now ${f.what})`);
          // Previous is the stop before Next; Space on it steps back.
          f = await press(page, 'Shift+Tab');
          assert.equal(f.kb, prev, `${where}: Previous comes before Next (got ${f.what})`);
          assertFocusVisible(f, `${where} Previous`);
          await page.keyboard.press('Space');
          await reads(n - 2, 'Space on Previous steps back');
          await press(page, 'Tab');
          seen[want.kind] += 1;
        }
        t.diagnostic(`${route}: ${total} charts stepped through`);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    }
    assert.ok(seen.line >= 2 && seen.bar >= 2 && seen.pie >= 1, `charts stepped through: ${JSON.stringify(seen)}`);
  });

  test('every download link (tables, charts, plan, forecasts, market) works from the keyboard', async (t) => {
    const routes = ['/facts/', '/measures/children-in-care/', '/measures/', '/plan/', '/scenarios/foster-sufficiency/', '/market/', '/market/demand/', '/market/supply/', '/market/asks/', '/market/intentions/', '/market/forecasts/', '/market/procurement/', '/market/glossary/'];
    const seen = { csv: 0, json: 0 };
    for (const route of routes) {
      const page = await newPage(env.browser, { viewport: VIEWPORT });
      try {
        await open(page, route);
        // Let the page's modules (charts, filters, what-if) finish: forms appear, and leaving
        // the page would cancel their requests.
        await page.waitForLoadState('networkidle');
        await page.evaluate(markTabbables);
        const links = await page.evaluate(() =>
          [...document.querySelectorAll('main .downloads a[href], main a[href$=".csv"], main a[href$=".json"]')].map((a) => ({
            href: a.href,
            text: a.textContent.trim(),
            kb: a.dataset.kb,
          })),
        );
        assert.ok(links.length > 0, `${route} offers downloads`);
        // Walk forward through the page's links in order; a CSV download leaves the page where
        // it is, a JSON file opens in its place (then the page is opened again).
        let fresh = false;
        const downloaded = new Set();
        for (const link of links) {
          if (!link.href.startsWith(env.server.url)) continue;
          if (fresh) {
            await open(page, route);
            await page.waitForLoadState('networkidle');
            await page.evaluate(markTabbables);
            fresh = false;
          }
          const { f } = await tabTo(page, (x) => x.kb === link.kb, `"${link.text}" (${link.href})`, { where: route });
          assert.equal(f.href, link.href);
          assertFocusVisible(f, `${route} download`);
          const published = () => readFile(path.join(SITE, decodeURIComponent(new URL(link.href).pathname)));
          if (link.href.endsWith('.csv')) {
            const [download] = await Promise.all([
              page.waitForEvent('download', { timeout: 10_000 }).catch(() => assert.fail(`${route}: Enter on "${link.text}" downloaded nothing (now at ${page.url()})`)),
              page.keyboard.press('Enter'),
            ]);
            const want = await published();
            assert.equal(download.url(), link.href);
            assert.match(download.suggestedFilename(), /\.csv$/);
            const got = await readFile(await download.path());
            assert.ok(got.equals(want), `${route}: the downloaded ${download.suggestedFilename()} is the published file`);
            downloaded.add(link.href);
            seen.csv += 1;
          } else {
            const [res] = await Promise.all([page.waitForResponse(link.href), follow(page, link.href)]);
            assert.equal(res.status(), 200);
            const want = await published();
            assert.deepEqual(JSON.parse((await res.body()).toString('utf8')), JSON.parse(want.toString('utf8')), `${route}: ${link.href}`);
            seen.json += 1;
            fresh = true;
          }
        }
        await assertNoProblems(page, downloaded);
      } finally {
        await page.context().close();
      }
    }
    assert.ok(seen.csv >= 20 && seen.json >= 4, `downloads followed: ${JSON.stringify(seen)}`);
    t.diagnostic(`downloads followed with Enter: ${seen.csv} CSV, ${seen.json} JSON`);
  });

  test('market position statement: its navigation, asks filter, scrollable tables and definitions', async () => {
    const page = await newPage(env.browser, { viewport: VIEWPORT });
    try {
      // The statement's own navigation: each item in order, followed with Enter.
      await open(page, '/market/');
      const items = await page.evaluate(() => [...document.querySelectorAll('.mps-nav a[href]')].map((a) => ({ href: a.href, text: a.textContent.trim() })));
      assert.ok(items.length >= 6, 'market navigation');
      for (const [i, item] of items.entries()) {
        await page.evaluate(markTabbables);
        const order = await page.evaluate(() => [...document.querySelectorAll('.mps-nav a[href]')].map((a) => a.dataset.kb));
        const { f, stops } = await tabTo(page, (x) => x.kb === order[i], `"${item.text}"`, { max: 60 });
        assert.equal(f.href, item.href);
        const reached = stops.filter((x) => order.includes(x.kb)).map((x) => x.kb);
        assert.deepEqual(reached, order.slice(0, i + 1), `${page.url()}: market navigation items in order`);
        await follow(page, item.href);
      }

      // The asks filter: tick with Space, type a search.
      await open(page, '/market/asks/');
      await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
      await page.evaluate(markTabbables);
      const shown = async () => Number(await page.locator('[data-result-count]').textContent());
      const total = await shown();
      // The asks filter's search field, not the header's site search.
      await tabTo(page, (x) => x.name === 'q' && !x.what.includes('site-search-q'), 'the asks search field', { where: '/market/asks/' });
      await page.keyboard.type('foster');
      await settle(page);
      const narrowed = await shown();
      assert.ok(narrowed > 0 && narrowed < total, `typing narrows the asks (${narrowed} of ${total})`);
      for (let i = 0; i < 6; i++) await page.keyboard.press('Backspace');
      await settle(page);
      assert.equal(await shown(), total);
      const { f: box } = await tabTo(page, (x) => x.type === 'checkbox', 'an asks checkbox', { max: 10, where: '/market/asks/' });
      await page.keyboard.press('Space');
      await settle(page);
      assert.ok((await shown()) < total, `ticking ${box.what} with Space narrows the asks`);
      await page.waitForFunction(() => window.location.search.length > 1);

      // Scrollable table regions take focus and scroll with the arrow keys on a narrow screen.
      await page.setViewportSize({ width: 360, height: 740 });
      await open(page, '/market/demand/');
      await page.evaluate(markTabbables);
      const region = await page.evaluate(() => {
        const r = [...document.querySelectorAll('.table-scroll[tabindex="0"]')].find((x) => x.scrollWidth > x.clientWidth + 10);
        return r ? r.dataset.kb : null;
      });
      assert.ok(region, 'a table wider than a phone screen');
      const { f: reg } = await tabTo(page, (x) => x.kb === region, 'the scrollable table', { where: '/market/demand/ (narrow)' });
      assertFocusVisible(reg, 'scrollable table');
      const scrolled = await page.evaluate((kb) => document.querySelector(`[data-kb="${kb}"]`).scrollLeft, region);
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.waitForFunction((kb) => document.querySelector(`[data-kb="${kb}"]`).scrollLeft > 0, region);
      assert.equal(scrolled, 0);

      // "How it is measured" definitions open with Enter and close with Space.
      await page.setViewportSize(VIEWPORT);
      await open(page, '/market/demand/');
      await page.evaluate(markTabbables);
      const { f: summary } = await tabTo(page, (x) => x.tag === 'summary', 'a definition', { where: '/market/demand/' });
      const isOpen = () => page.evaluate(() => document.activeElement.parentElement.open);
      assert.equal(await isOpen(), false);
      await page.keyboard.press('Enter');
      assert.equal(await isOpen(), true, `Enter opens ${summary.what}`);
      await page.keyboard.press('Space');
      assert.equal(await isOpen(), false, 'Space closes it');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
});

// Browser tests of delivery-plan filtering (the wasm filter engine behind /plan/).
// Expectations come from the published open data (/data/actions.json) through a small
// reference filter written here, not from the engine under test.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, launch, newPage, screenshot } from './helpers.mjs';
import { start } from './server.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');

let server;
let browser;
let actions;

/** The ids the reference filter expects. Dates are ISO strings compared with each action's end. */
function expected({ workstream = [], rag = [], owner = [], priority = [], from, to, q = '' }) {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return actions
    .filter((a) => workstream.length === 0 || workstream.includes(a.workstream))
    // No rating is `"rag": null` in the data and `not-rated` in the filter.
    .filter((a) => rag.length === 0 || rag.includes(a.rag ?? 'not-rated'))
    .filter((a) => owner.length === 0 || a.owners.some((o) => owner.includes(o)))
    .filter((a) => priority.length === 0 || a.priorities.some((p) => priority.includes(p)))
    .filter((a) => (from === undefined && to === undefined) || (a.end && (!from || a.end >= from) && (!to || a.end <= to)))
    .filter((a) => {
      const text = [a.title, a.quality_measure ?? '', a.status ?? '', ...a.indicators, a.id].join('\n').toLowerCase();
      return words.every((w) => text.includes(w));
    })
    .map((a) => a.id);
}

async function visibleIds(page) {
  return page.locator('[data-action-id]:not([hidden])').evaluateAll((els) => els.map((e) => e.dataset.actionId));
}

async function shown(page) {
  return Number(await page.locator('[data-result-count]').textContent());
}

async function openPlan(page, query = '') {
  const res = await page.goto(`${server.url}/plan/${query}`, { waitUntil: 'load' });
  assert.equal(res?.status(), 200);
  await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 15_000 });
}

async function assertShows(page, want, label) {
  const ids = await visibleIds(page);
  assert.deepEqual(ids, want, `${label}: visible actions`);
  assert.equal(await shown(page), want.length, `${label}: [data-result-count]`);
  assert.ok(want.length > 0 || (await page.locator('[data-filter-empty]').isVisible()), `${label}: empty message`);
}

const skip = !existsSync(SITE) && 'no site folder';

describe('delivery plan filters in Chromium', { timeout: 240_000, skip }, () => {
  before(async () => {
    server = await start(SITE);
    browser = await launch();
    actions = await (await fetch(`${server.url}/data/actions.json`)).json();
    assert.ok(actions.length >= 10, 'the example should have a real delivery plan');
  });
  after(async () => {
    await browser?.close();
    await server?.close();
  });

  test('the form appears, unfiltered, once the module loads', async () => {
    const page = await newPage(browser);
    try {
      await openPlan(page);
      assert.equal(await shown(page), actions.length);
      assert.deepEqual(await visibleIds(page), actions.map((a) => a.id));
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('each facet alone, then combined, with counts and the URL', async () => {
    const page = await newPage(browser);
    try {
      await openPlan(page);
      const clear = () => page.locator('[data-filter-clear]').click();

      await page.locator('input[name="workstream"][value="foster-care"]').check();
      await assertShows(page, expected({ workstream: ['foster-care'] }), 'workstream');
      await page.waitForURL(/\?workstream=foster-care$/);
      await clear();

      await page.locator('input[name="rag"][value="amber"]').check();
      await page.locator('input[name="rag"][value="complete"]').check();
      await assertShows(page, expected({ rag: ['amber', 'complete'] }), 'two RAG values');
      await clear();

      const owner = await page.locator('select[name="owner"] option:nth-child(3)');
      const ownerValue = await owner.getAttribute('value');
      const ownerLabel = await owner.getAttribute('data-label');
      await page.locator('select[name="owner"]').selectOption(ownerValue);
      await assertShows(page, expected({ owner: [ownerLabel] }), 'owner');
      await clear();

      // An action with several owners is found by choosing any one of them.
      const shared = actions.find((a) => a.owners.length > 1);
      assert.ok(shared, 'the example should have an action with several owners');
      for (const label of shared.owners) {
        const value = await page.locator(`select[name="owner"] option[data-label="${label}"]`).getAttribute('value');
        await page.locator('select[name="owner"]').selectOption(value);
        const want = expected({ owner: [label] });
        assert.ok(want.includes(shared.id), `${shared.id} is expected under "${label}"`);
        await assertShows(page, want, `owner "${label}"`);
        await clear();
      }

      await page.locator('input[name="priority"][value="sixteen-plus"]').check();
      await assertShows(page, expected({ priority: ['sixteen-plus'] }), 'priority');
      await clear();

      await page.locator('input[name="from"]').fill('2021');
      await page.locator('input[name="to"]').fill('2021/22');
      await assertShows(page, expected({ from: '2021-01-01', to: '2022-03-31' }), 'due between 2021 and 2021/22');
      await clear();

      await page.locator('form[data-filter] input[name="q"]').fill('Foster CARERS');
      await assertShows(page, expected({ q: 'foster carers' }), 'free text');
      assert.ok((await shown(page)) > 0, 'free text should find something in the example');

      // Combined: text + RAG + workstream, and the facet counts follow.
      await page.locator('input[name="rag"][value="green"]').check();
      await page.locator('input[name="workstream"][value="foster-care"]').check();
      const want = expected({ q: 'foster carers', rag: ['green'], workstream: ['foster-care'] });
      await assertShows(page, want, 'combined');
      for (const ws of ['foster-care', 'residential']) {
        const n = Number(await page.locator(`[data-facet-count="workstream:${ws}"]`).textContent());
        assert.equal(n, expected({ q: 'foster carers', rag: ['green'], workstream: [ws] }).length, `count beside ${ws}`);
      }
      const amber = Number(await page.locator('[data-facet-count="rag:amber"]').textContent());
      assert.equal(amber, expected({ q: 'foster carers', rag: ['amber'], workstream: ['foster-care'] }).length, 'count beside amber');
      await page.waitForURL(/workstream=foster-care&rag=green&q=Foster%20CARERS$/);
      await screenshot(page, 'plan-filtered.png');

      await clear();
      assert.equal(await shown(page), actions.length);
      await page.waitForFunction(() => window.location.search === '');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test("a list's options carry the counts of the query by the time the reader reaches the list", async () => {
    const page = await newPage(browser);
    try {
      await openPlan(page);
      const options = page.locator('select[name="owner"] option[data-facet-count]');
      const owners = await options.evaluateAll((os) => os.map((o) => o.dataset.label));
      assert.ok(owners.length > 8, 'the example has more owners than fit as boxes');
      const text = () => options.evaluateAll((os) => os.map((o) => o.textContent));
      const want = (query) => owners.map((o) => `${o} (${expected({ ...query, owner: [o] }).length})`);
      // Before any filter: the published counts.
      assert.deepEqual(await text(), want({}));
      // Ticking a box, then reaching the list by keyboard: every option's count follows.
      await page.locator('input[name="rag"][value="green"]').check();
      await assertShows(page, expected({ rag: ['green'] }), 'green');
      await page.locator('select[name="owner"]').focus();
      assert.deepEqual(await text(), want({ rag: ['green'] }), 'after focus');
      // The option chosen shows its count at once, whatever has focus.
      const chosen = owners[2];
      const value = await page.locator(`select[name="owner"] option[data-label="${chosen}"]`).getAttribute('value');
      await page.locator('select[name="owner"]').selectOption(value);
      await page.locator('form[data-filter] input[name="q"]').focus();
      await page.locator('input[name="rag"][value="green"]').uncheck();
      await assertShows(page, expected({ owner: [chosen] }), 'owner alone');
      const chosenText = await page.locator(`select[name="owner"] option[data-label="${chosen}"]`).textContent();
      assert.equal(chosenText, `${chosen} (${expected({ owner: [chosen] }).length})`, 'the chosen option');
      // And by pointer: pressing on the list brings the rest up to date before it opens.
      await page.locator('select[name="owner"]').dispatchEvent('pointerdown');
      assert.deepEqual(await text(), want({}), 'after pointerdown');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('"Not rated" finds the actions without a rating, and only those', async () => {
    const page = await newPage(browser);
    try {
      const unrated = actions.filter((a) => a.rag === null).map((a) => a.id);
      assert.ok(unrated.length > 0, 'the example leaves some actions unrated');
      await openPlan(page, '?rag=not-rated');
      assert.ok(await page.locator('input[name="rag"][value="not-rated"]').isChecked());
      await assertShows(page, unrated, 'not rated');
      assert.equal(await page.locator('[data-facet-count="rag:not-rated"]').textContent(), String(unrated.length));
      // Never folded into "not started".
      await page.locator('input[name="rag"][value="not-rated"]').uncheck();
      await page.locator('input[name="rag"][value="not-started"]').check();
      const notStarted = await visibleIds(page);
      assert.ok(notStarted.every((id) => !unrated.includes(id)), 'an unrated action shown as not started');
      await assertShows(page, expected({ rag: ['not-started'] }), 'not started');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('a filtered URL opens filtered, and the back button restores the previous filter', async () => {
    const page = await newPage(browser);
    try {
      await openPlan(page, '?rag=amber&workstream=foster-care');
      assert.ok(await page.locator('input[name="rag"][value="amber"]').isChecked());
      assert.ok(await page.locator('input[name="workstream"][value="foster-care"]').isChecked());
      await assertShows(page, expected({ rag: ['amber'], workstream: ['foster-care'] }), 'opened from URL');
      // Workstreams with nothing to show are hidden.
      assert.equal(await page.locator('#workstream-residential').count(), 1);
      assert.equal(await page.locator('#workstream-residential').isVisible(), false);

      await page.locator('input[name="rag"][value="green"]').check();
      await assertShows(page, expected({ rag: ['amber', 'green'], workstream: ['foster-care'] }), 'after a change');
      // The address follows once the reader pauses.
      await page.waitForFunction(() => new URL(window.location.href).searchParams.getAll('rag').includes('green'));
      await page.goBack();
      await page.waitForFunction(() => window.location.search === '?rag=amber&workstream=foster-care');
      await page.waitForFunction(() => !document.querySelector('input[name="rag"][value="green"]').checked);
      await assertShows(page, expected({ rag: ['amber'], workstream: ['foster-care'] }), 'after back');
      await page.goForward();
      await page.waitForFunction(() => document.querySelector('input[name="rag"][value="green"]').checked);
      await assertShows(page, expected({ rag: ['amber', 'green'], workstream: ['foster-care'] }), 'after forward');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('an unreadable date is explained and ignored', async () => {
    const page = await newPage(browser);
    try {
      await openPlan(page, '?from=someday');
      const problem = page.locator('[data-problem="from"]');
      assert.ok(await problem.isVisible(), 'problem message shown');
      assert.match(await problem.textContent(), /financial year/);
      assert.equal(await page.locator('input[name="from"]').getAttribute('aria-invalid'), 'true');
      assert.equal(await shown(page), actions.length);
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });

  test('keyboard only: reach a filter, tick it, type, clear', async () => {
    const page = await newPage(browser);
    try {
      await openPlan(page);
      await page.locator('body').focus();
      const focused = () =>
        page.evaluate(() => {
          const el = document.activeElement;
          return { name: el?.getAttribute('name'), value: el?.value, filter: el?.hasAttribute('data-filter-clear'), inForm: !!el?.closest('form[data-filter]'), outline: getComputedStyle(el).outlineStyle };
        });
      async function tabTo(pred, what) {
        for (let i = 0; i < 200; i++) {
          await page.keyboard.press('Tab');
          const f = await focused();
          if (pred(f)) return f;
        }
        throw new Error(`could not reach ${what} with Tab`);
      }
      // The filter's own search field, not the header's site search.
      const search = await tabTo((f) => f.name === 'q' && f.inForm, 'the search field');
      assert.notEqual(search.outline, 'none', 'visible focus on the search field');
      await page.keyboard.type('placement');
      await assertShows(page, expected({ q: 'placement' }), 'typed');
      const box = await tabTo((f) => f.name === 'rag' && f.value === 'green', 'the green checkbox');
      assert.notEqual(box.outline, 'none', 'visible focus on a checkbox');
      await page.keyboard.press('Space');
      await assertShows(page, expected({ q: 'placement', rag: ['green'] }), 'ticked with Space');
      await tabTo((f) => f.filter, 'the clear button');
      await page.keyboard.press('Enter');
      assert.equal(await shown(page), actions.length);
      assert.equal(await page.locator('form[data-filter] input[name="q"]').inputValue(), '');
      await assertNoProblems(page);
    } finally {
      await page.context().close();
    }
  });
});

// A plan where no action has an owner (tests/fixtures/valid/minimal, built by scripts/test.sh):
// the form has no Owner filter, while the index keeps its empty owner facet (facets are
// positional), and the other facets, their counts and the URL still work.
const MINIMAL = process.env.HEARTH_MINIMAL_SITE ? path.resolve(process.env.HEARTH_MINIMAL_SITE) : null;

describe(
  'a plan without owners in Chromium',
  {
    timeout: 120_000,
    skip: !MINIMAL ? 'HEARTH_MINIMAL_SITE is not set (scripts/test.sh builds it)' : !existsSync(MINIMAL) && `no site at ${MINIMAL}`,
  },
  () => {
    let small;
    let chromium;
    before(async () => {
      small = await start(MINIMAL);
      chromium = await launch();
    });
    after(async () => {
      await chromium?.close();
      await small?.close();
    });

    test('no Owner filter; the other facets filter and count', async () => {
      const page = await newPage(chromium);
      try {
        const res = await page.goto(`${small.url}/plan/`, { waitUntil: 'load' });
        assert.equal(res?.status(), 200);
        const form = page.locator('form[data-filter][data-filter-ready]');
        await form.waitFor({ state: 'visible', timeout: 15_000 });
        const legends = await form.locator('legend').allTextContents();
        assert.ok(!legends.some((l) => /owner/i.test(l)), `legends: ${legends}`);
        assert.equal(await form.locator('[name="owner"]').count(), 0);
        const index = JSON.parse(await page.locator('#f-index').textContent());
        assert.deepEqual(
          index.facets.map((f) => [f.name, f.values.length]).find(([n]) => n === 'owner'),
          ['owner', 0],
          'the index keeps the empty owner facet in its place',
        );
        assert.equal(await shown(page), 2);
        await page.locator('input[name="rag"][value="green"]').check();
        assert.deepEqual(await visibleIds(page), ['fc-01']);
        await page.waitForURL(/\?rag=green$/);
        // The priority facet comes after the empty one: its count still follows the query.
        assert.equal(await page.locator('[data-facet-count="priority:foster-care"]').textContent(), '1');
        await page.locator('input[name="rag"][value="green"]').uncheck();
        await page.locator('input[name="rag"][value="amber"]').check();
        assert.deepEqual(await visibleIds(page), ['fc-02']);
        assert.equal(await page.locator('[data-facet-count="priority:foster-care"]').textContent(), '0');
        // An owner in a shared address names nothing here: every action is still reachable.
        await page.goto(`${small.url}/plan/?owner=someone`, { waitUntil: 'load' });
        await form.waitFor({ state: 'visible', timeout: 15_000 });
        assert.ok((await shown(page)) <= 2);
        await assertNoProblems(page);
        await screenshot(page, 'plan-no-owners');
      } finally {
        await page.context().close();
      }
    });
  },
);

// A long plan (scripts/test.sh builds a synthetic one of 600 actions): the first 50 matches
// are shown with a button after them for the rest, which moves focus to the first action it
// shows; ticking a filter starts again from the first 50; without JavaScript every action is
// on the page; the address follows the filters once they rest. The actions not shown are out
// of the document (not hidden), and come back in their place.
const LONG = process.env.HEARTH_LONG_SITE ? path.resolve(process.env.HEARTH_LONG_SITE) : null;

describe(
  'a long plan in Chromium',
  {
    timeout: 120_000,
    skip: !LONG ? 'HEARTH_LONG_SITE is not set (scripts/test.sh builds it)' : !existsSync(LONG) && `no site at ${LONG}`,
  },
  () => {
    let site;
    let chromium;
    before(async () => {
      site = await start(LONG);
      chromium = await launch();
    });
    after(async () => {
      await chromium?.close();
      await site?.close();
    });

    test('the first 50 matches, a button for all, and every action without JavaScript', async () => {
      const page = await newPage(chromium);
      try {
        await page.goto(`${site.url}/plan/`, { waitUntil: 'load' });
        const form = page.locator('form[data-filter][data-filter-ready]');
        await form.waitFor({ state: 'visible', timeout: 30_000 });
        const total = await shown(page);
        assert.ok(total > 500, `${total} actions`);
        // Only the actions shown are in the document.
        assert.equal(await page.locator('[data-action-id]').count(), 50);
        assert.equal((await visibleIds(page)).length, 50);
        assert.match(await page.locator('[data-result-summary]').textContent(), /the first 50, with a button after them to show all\.$/);
        const more = page.locator('[data-filter-more]');
        assert.equal(await more.textContent(), `Show all ${total.toLocaleString('en-GB')} matching actions`);
        await more.click();
        assert.equal((await visibleIds(page)).length, total);
        assert.ok(!(await more.isVisible()), 'the button goes once every match is shown');
        // Focus is on the first action the button showed.
        const focused = await page.evaluate(() => document.activeElement?.closest('[data-action-id]')?.dataset.actionId);
        const ids = await visibleIds(page);
        assert.equal(focused, ids[50]);
        // A tick starts again from the first 50 of its matches; the address follows.
        const box = page.locator('input[name="rag"][value="green"]');
        await box.check();
        const green = await shown(page);
        assert.ok(green > 0 && green < total, `${green} green`);
        assert.equal((await visibleIds(page)).length, Math.min(50, green));
        await page.waitForFunction(() => window.location.search === '?rag=green');
        await page.goBack();
        await page.waitForFunction(() => window.location.search === '');
        assert.equal(await shown(page), total);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
      const nojs = await newPage(chromium, { javaScriptEnabled: false });
      try {
        await nojs.goto(`${site.url}/plan/`, { waitUntil: 'load' });
        const all = await nojs.locator('[data-action-id]').count();
        assert.ok(all > 500, `${all} actions without JavaScript`);
        assert.equal(await nojs.locator('[data-action-id]:not([hidden])').count(), all);
        assert.equal(await nojs.locator('[data-filter-more]').count(), 0);
      } finally {
        await nojs.context().close();
      }
    });

    test('actions taken out come back in their place, and focus stays where the reader is', async () => {
      // The page's order without JavaScript, group by group.
      const nojs = await newPage(chromium, { javaScriptEnabled: false });
      let order;
      let groupsOf;
      try {
        await nojs.goto(`${site.url}/plan/`, { waitUntil: 'load' });
        order = await nojs.locator('[data-action-id]').evaluateAll((els) => els.map((e) => e.dataset.actionId));
        groupsOf = await nojs.locator('[data-action-id]').evaluateAll((els) =>
          Object.fromEntries(els.map((e) => [e.dataset.actionId, e.closest('[data-filter-group]').id])),
        );
      } finally {
        await nojs.context().close();
      }
      const page = await newPage(chromium);
      try {
        await page.goto(`${site.url}/plan/`, { waitUntil: 'load' });
        await page.locator('form[data-filter][data-filter-ready]').waitFor({ state: 'visible', timeout: 30_000 });
        const inPlace = async (label) => {
          const placed = await page.locator('[data-action-id]').evaluateAll((els) =>
            els.map((e) => [e.dataset.actionId, e.closest('[data-filter-group]')?.id, e.hidden]),
          );
          const ids = placed.map(([id]) => id);
          assert.deepEqual(ids, order.filter((id) => ids.includes(id)), `${label}: in the page's order`);
          for (const [id, group, hidden] of placed) {
            assert.equal(group, groupsOf[id], `${label}: ${id} in its own group`);
            assert.equal(hidden, false, `${label}: ${id} is in the document and not hidden`);
          }
          return ids;
        };
        assert.deepEqual(await inPlace('at first'), order.slice(0, 50));
        // Tick two boxes from the keyboard: focus stays on the box, the list follows.
        const red = page.locator('input[name="rag"][value="red"]');
        await red.focus();
        await page.keyboard.press('Space');
        await page.keyboard.press('Tab');
        await page.keyboard.press('Space');
        const focused = await page.evaluate(() => ({ name: document.activeElement?.name, value: document.activeElement?.value, checked: document.activeElement?.checked }));
        assert.equal(focused.name, 'rag');
        assert.notEqual(focused.value, 'red');
        assert.equal(focused.checked, true);
        const two = await inPlace('two ratings');
        assert.equal(two.length, Math.min(50, await shown(page)));
        // Clearing brings the first 50 back, in order; "Show all" then every action, in order.
        await page.locator('[data-filter-clear]').click();
        assert.deepEqual(await inPlace('cleared'), order.slice(0, 50));
        await page.locator('[data-filter-more]').click();
        assert.deepEqual(await inPlace('all shown'), order);
        await assertNoProblems(page);
      } finally {
        await page.context().close();
      }
    });
  },
);

// Progressive enhancement: faceted filtering with the browser module (hearth-wasm).
//
// Contract (see templates/filters.html): a <form data-filter> holding controls named after
// their facet plus `from`, `to` and `q`; the index in <script type="application/json"> named
// by data-filter-index; items carrying the attribute named by data-filter-item, in index
// order; counts in [data-facet-count="facet:key"]; the number shown in [data-result-count]
// inside a polite live region; groups [data-filter-group] hidden when empty, and text about
// some groups only [data-filter-follows="ID ID"] hidden while all of them are.
// The query lives in the URL (?rag=red&workstream=foster-care), so links can be shared and the
// back button works. Without JavaScript the form stays hidden and every item is shown.
// Speed on long lists (a region's plan, thousands of actions): only the items whose state
// changes are touched, and past LONG items the first SHOWN matches are shown with a button
// after them to show every match (reachable by keyboard and screen reader; the page without
// JavaScript lists every item, so find in page works there). On such lists the items not
// shown are taken out of the document (kept in an array and put back in their place, in
// order) rather than hidden, so style, layout and the browser's walks over the page (as when
// the address changes) only meet the items shown.

import init, { Filter } from '../wasm/hearth_wasm.js';

/** Lists longer than this show their first SHOWN matches until the reader asks for all. */
const LONG = 500;
const SHOWN = 50;
/** The address follows the filters once they rest this long (ms). */
const REST = 300;

function controls(form) {
  return Array.from(form.elements).filter((el) => el.name);
}

// The form's state as a query string (the module puts it in canonical order).
function formQuery(form) {
  const params = new URLSearchParams();
  for (const el of controls(form)) {
    if (el.type === 'checkbox') {
      if (el.checked) params.append(el.name, el.value);
    } else if (el.value.trim() !== '') {
      params.append(el.name, el.value.trim());
    }
  }
  return params.toString();
}

// Put a query string into the form's controls.
function setForm(form, query) {
  const params = new URLSearchParams(query);
  for (const el of controls(form)) {
    const values = params.getAll(el.name);
    if (el.type === 'checkbox') el.checked = values.includes(el.value);
    else el.value = values[0] ?? '';
  }
}

/** The browser module's Filter for a published index (the JSON in the page). */
export function makeFilter(index) {
  const values = index.facets.flatMap((f) => f.values);
  return new Filter(
    index.facets.map((f) => f.name),
    index.facets.map((f) => f.label),
    Uint32Array.from(index.facets.map((f) => f.values.length)),
    values.map((v) => v.key),
    values.map((v) => v.label),
    index.items.map((i) => i.id),
    index.items.map((i) => i.t),
    Float64Array.from(index.items.map((i) => i.d ?? NaN)),
    Uint32Array.from(index.items.flatMap((i) => i.f.flatMap((vs) => [vs.length, ...vs]))),
  );
}

async function enhance(form) {
  const source = document.getElementById(form.dataset.filterIndex);
  const attr = form.dataset.filterItem;
  if (!source || !attr) throw new Error('filter form without an index or item attribute');
  const index = JSON.parse(source.textContent);
  const filter = makeFilter(index);
  const items = index.items.map((item) => document.querySelector(`[${attr}="${CSS.escape(item.id)}"]`));
  const groups = Array.from(document.querySelectorAll('[data-filter-group]'));
  const countEls = new Map();
  for (const el of document.querySelectorAll('[data-facet-count]')) countEls.set(el.dataset.facetCount, el);
  // Each facet value's count element (in the order of the module's counts), or null.
  const countSlots = index.facets.flatMap((facet) =>
    facet.values.map((value) => {
      const el = countEls.get(`${facet.name}:${value.key}`);
      if (!el) return null;
      const option = el.tagName === 'OPTION';
      return { el, label: option ? el.dataset.label : null, list: option ? el.closest('select') : null, n: -1 };
    }),
  );
  // Options whose count has changed but is not written yet: a list of many options (a
  // region's members, a plan's workstreams) costs the browser a new layout of the list for
  // every option written, which would delay the frame that shows a tick. They are written
  // as the reader reaches their list (focus, or a pointer pressed on it), before it opens.
  const stale = new Set();
  function writeOption(slot) {
    stale.delete(slot);
    const text = `${slot.label} (${slot.n})`;
    if (slot.el.textContent !== text) slot.el.textContent = text;
  }
  const freshen = (e) => {
    if (e.target.tagName !== 'SELECT') return;
    for (const slot of stale) if (slot.list === e.target) writeOption(slot);
  };
  form.addEventListener('focusin', freshen);
  form.addEventListener('pointerdown', freshen);
  const resultCount = document.querySelector('[data-result-count]');
  const summary = document.querySelector('[data-result-summary]');
  const empty = document.querySelector('[data-filter-empty]');
  const noun = form.dataset.noun || 'item';
  const nounPlural = form.dataset.nounPlural || 'items';
  const total = index.items.length;
  // Each item's group (an index into `groups`, or -1), and what is shown now.
  const groupIndex = new Map(groups.map((g, k) => [g, k]));
  const groupOf = items.map((el) => groupIndex.get(el?.closest('[data-filter-group]')) ?? -1);
  const shown = new Uint8Array(items.length).fill(1);
  // Long lists: the items not shown are out of the document. Each item's list, the node
  // after the list's last item (an item goes back before the next one shown after it, or
  // before this node), and the indices of the items shown now, in order.
  const detach = total > LONG;
  const parentOf = detach ? items.map((el) => el?.parentNode ?? null) : [];
  const endOf = new Map();
  if (detach) items.forEach((el, i) => el && endOf.set(parentOf[i], el.nextSibling));
  let shownList = detach ? items.flatMap((el, i) => (el ? [i] : [])) : [];
  const groupShown = groups.map((g) => !g.hidden);
  // Text about some groups only ([data-filter-follows]: their ids), such as a note on the
  // withheld figures of some councils' rows: hidden while every one of them is.
  const follows = Array.from(document.querySelectorAll('[data-filter-follows]'), (el) => ({
    el,
    of: el.dataset.filterFollows.split(' ').map((id) => groups.findIndex((g) => g.id === id)).filter((k) => k >= 0),
  })).filter((f) => f.of.length > 0);
  // On a long list each group, like each item, is drawn only when near the screen (the
  // stylesheet's content-visibility for .filter-group--long): showing or hiding groups then
  // costs only those on screen. Not on shorter lists: axe-core's target-size check measures
  // links inside a card with content-visibility inside a group with it as overlapping
  // (rendered, they are not), and shorter lists gain little (region asks, p95 at 4x: 37-40
  // ms with every group's layout, 30-34 ms without).
  if (detach) groups.forEach((g) => g.classList.add('filter-group--long'));
  // "Show all": after the list (its last group, or the items' own list).
  let more = null;
  let showAll = false;
  if (total > LONG) {
    more = document.createElement('p');
    more.className = 'filter-more';
    more.hidden = true;
    const button = document.createElement('button');
    button.type = 'button';
    button.className = 'button button--secondary';
    button.dataset.filterMore = '';
    more.append(button);
    const after = groups.length ? groups[groups.length - 1] : items.find(Boolean)?.parentElement;
    after?.after(more);
    button.addEventListener('click', () => {
      showAll = true;
      show(formQuery(form), SHOWN);
      // Focus moves to the first match just shown, so the reader carries on from there.
      show.firstNew?.querySelector('a, button, input, [tabindex]')?.focus();
    });
  }

  // Show the items the query matches; returns the query in canonical order. `from`: the
  // index among the matches of the first item newly shown by "Show all" (to move focus to).
  function show(query, from = -1) {
    const count = filter.apply(query);
    const visible = filter.visible();
    const limit = more && !showAll ? SHOWN : Infinity;
    const perGroup = new Uint32Array(groups.length);
    // The matches to show, in order (the first `limit` of them).
    const next = [];
    let firstNew = null;
    for (let i = 0; i < items.length && next.length < limit; i++) {
      if (visible[i] === 0) continue;
      if (next.length === from) firstNew = items[i];
      if (!items[i]) continue;
      next.push(i);
      if (groupOf[i] >= 0) perGroup[groupOf[i]] += 1;
    }
    if (detach) {
      // Out with the items no longer shown; then, from the last item shown back, in with
      // each new one before the next item shown after it in its list.
      const want = new Uint8Array(items.length);
      for (const i of next) want[i] = 1;
      for (const i of shownList) {
        if (!want[i]) {
          items[i].remove();
          shown[i] = 0;
        }
      }
      const before = new Map();
      for (let k = next.length - 1; k >= 0; k--) {
        const i = next[k];
        const list = parentOf[i];
        if (!shown[i]) {
          list.insertBefore(items[i], before.has(list) ? before.get(list) : endOf.get(list));
          shown[i] = 1;
        }
        before.set(list, items[i]);
      }
      shownList = next;
    } else {
      const want = new Uint8Array(items.length);
      for (const i of next) want[i] = 1;
      for (let i = 0; i < items.length; i++) {
        if (items[i] && shown[i] !== want[i]) {
          shown[i] = want[i];
          items[i].hidden = !want[i];
        }
      }
    }
    for (let g = 0; g < groups.length; g++) {
      const on = perGroup[g] > 0;
      if (groupShown[g] !== on) {
        groupShown[g] = on;
        groups[g].hidden = !on;
      }
    }
    for (const f of follows) {
      const off = f.of.every((g) => !groupShown[g]);
      if (f.el.hidden !== off) f.el.hidden = off;
    }
    if (more) {
      const hiddenMatches = Math.max(0, count - Math.min(count, limit));
      more.hidden = hiddenMatches === 0;
      if (hiddenMatches > 0) {
        more.firstChild.textContent = `Show all ${String(count).replace(/\B(?=(\d{3})+(?!\d))/g, ',')} matching ${count === 1 ? noun : nounPlural}`;
      }
    }
    // Counts: only those that change are written. A count in a closed list's option is not
    // on screen: it is written at once if its option is the one chosen or its list has focus,
    // else when the reader reaches the list (see `stale`).
    const counts = filter.counts();
    for (let k = 0; k < countSlots.length; k++) {
      const slot = countSlots[k];
      if (!slot || slot.n === counts[k]) continue;
      slot.n = counts[k];
      if (slot.label === null) slot.el.textContent = String(slot.n);
      else if (slot.el.selected || slot.list === document.activeElement) writeOption(slot);
      else stale.add(slot);
    }
    // An option chosen since its count went stale (going back, a shared address).
    for (const slot of stale) if (slot.el.selected) writeOption(slot);
    for (const name of ['from', 'to']) {
      const el = form.querySelector(`[data-problem="${name}"]`);
      const problem = filter.problem(name);
      const input = form.elements.namedItem(name);
      if (el) {
        el.textContent = problem ?? '';
        el.hidden = !problem;
      }
      if (input) input.setAttribute('aria-invalid', problem ? 'true' : 'false');
    }
    if (resultCount) resultCount.textContent = String(count);
    if (summary) {
      const first = Math.min(count, limit);
      summary.replaceChildren(
        'Showing ',
        resultCount ?? '',
        ` of ${total} ${total === 1 ? noun : nounPlural}`,
        count === total ? '' : ' matching the filters',
        first < count ? `: the first ${first}, with a button after them to show all.` : '.',
      );
    }
    if (empty) empty.hidden = count !== 0;
    show.firstNew = firstNew;
    return filter.queryString();
  }

  // Put the query in the address; `push` adds a history entry, else replaces it.
  function record(canonical, push) {
    const url = new URL(window.location.href);
    url.search = canonical;
    if (url.href !== window.location.href) {
      if (push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
  }

  // Apply the form; `push` adds a history entry (discrete changes), else replaces it (typing).
  // The address is written once the reader pauses (REST ms after the last change; one history
  // entry for a quick run of ticks): changing it makes the browser look at every element and
  // link on the page again (about 3 ms for a 10,000-action plan, 12 ms at 4x CPU throttling;
  // about 20 ms at 4x on a region's joint asks page, with its many links), which would
  // otherwise delay the frame that shows the tick.
  let pending = null;
  let pendingTimer;
  function update(push) {
    showAll = false;
    const canonical = show(formQuery(form));
    pending = { canonical, push: push || (pending?.push ?? false) };
    clearTimeout(pendingTimer);
    pendingTimer = setTimeout(() => {
      const { canonical: c, push: p } = pending;
      pending = null;
      record(c, p);
    }, REST);
  }

  function fromUrl() {
    // Going back or forward wins over a change not yet in the address.
    clearTimeout(pendingTimer);
    pending = null;
    showAll = false;
    setForm(form, window.location.search);
    show(formQuery(form));
  }

  // Typing: the first keystroke of a burst adds a history entry, the rest replace it.
  let typing = false;
  const isText = (el) => el.type === 'search' || el.type === 'text';
  form.addEventListener('input', (e) => {
    if (!isText(e.target)) return;
    update(!typing);
    typing = true;
  });
  form.addEventListener('change', (e) => {
    if (isText(e.target)) typing = false;
    else update(true);
  });
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    update(true);
  });
  form.querySelector('[data-filter-clear]')?.addEventListener('click', () => {
    setForm(form, '');
    update(true);
    form.querySelector('input, select')?.focus();
  });
  window.addEventListener('popstate', fromUrl);
  form.hidden = false;
  fromUrl();
  form.dataset.filterReady = '';
  // On a shorter list, each item is drawn only near the screen (the stylesheet's
  // .filter-item--lazy) once it has been drawn at its real size, which it then keeps while
  // off screen: a placeholder size would misplace it for tools that measure the page.
  if (!detach) {
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        for (const el of items) el?.classList.add('filter-item--lazy');
      }),
    );
  }
}

async function main() {
  const forms = document.querySelectorAll('form[data-filter]');
  if (forms.length === 0) return;
  await init();
  for (const form of forms) {
    try {
      await enhance(form);
    } catch (err) {
      console.warn('Hearth: filters unavailable:', err);
    }
  }
}

main();

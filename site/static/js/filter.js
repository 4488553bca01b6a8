// Progressive enhancement: faceted filtering with the browser module (hearth-wasm).
//
// Contract (see templates/filters.html): a <form data-filter> holding controls named after
// their facet plus `from`, `to` and `q`; the index in <script type="application/json"> named
// by data-filter-index; items carrying the attribute named by data-filter-item, in index
// order; counts in [data-facet-count="facet:key"]; the number shown in [data-result-count]
// inside a polite live region; groups [data-filter-group] hidden when empty.
// The query lives in the URL (?rag=red&workstream=foster-care), so links can be shared and the
// back button works. Without JavaScript the form stays hidden and every item is shown.
// Speed on long lists (a region's plan, thousands of actions): only the items whose state
// changes are touched, and past LONG items the first SHOWN matches are shown with a button
// after them to show every match (reachable by keyboard and screen reader; the page without
// JavaScript lists every item, so find in page works there).

import init, { Filter } from '../wasm/hearth_wasm.js';

/** Lists longer than this show their first SHOWN matches until the reader asks for all. */
const LONG = 500;
const SHOWN = 200;

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
  const resultCount = document.querySelector('[data-result-count]');
  const summary = document.querySelector('[data-result-summary]');
  const empty = document.querySelector('[data-filter-empty]');
  const noun = form.dataset.noun || 'item';
  const nounPlural = form.dataset.nounPlural || 'items';
  const total = index.items.length;
  // Each item's group (an index into `groups`, or -1), and what is shown now.
  const groupOf = items.map((el) => (el ? groups.indexOf(el.closest('[data-filter-group]')) : -1));
  const shown = new Uint8Array(items.length).fill(1);
  const groupShown = groups.map((g) => !g.hidden);
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
    let seen = 0;
    let firstNew = null;
    for (let i = 0; i < items.length; i++) {
      const el = items[i];
      let on = visible[i] !== 0;
      if (on) {
        if (seen === from) firstNew = el;
        seen += 1;
        if (seen > limit) on = false;
      }
      if (!el) continue;
      if (on && groupOf[i] >= 0) perGroup[groupOf[i]] += 1;
      if (shown[i] !== (on ? 1 : 0)) {
        shown[i] = on ? 1 : 0;
        el.hidden = !on;
      }
    }
    for (let g = 0; g < groups.length; g++) {
      const on = perGroup[g] > 0;
      if (groupShown[g] !== on) {
        groupShown[g] = on;
        groups[g].hidden = !on;
      }
    }
    if (more) {
      const hiddenMatches = Math.max(0, count - Math.min(count, limit));
      more.hidden = hiddenMatches === 0;
      if (hiddenMatches > 0) {
        more.firstChild.textContent = `Show all ${count.toLocaleString('en-GB')} matching ${count === 1 ? noun : nounPlural}`;
      }
    }
    const counts = filter.counts();
    let k = 0;
    for (const facet of index.facets) {
      for (const value of facet.values) {
        const el = countEls.get(`${facet.name}:${value.key}`);
        const n = counts[k++];
        if (!el) continue;
        if (el.tagName === 'OPTION') el.textContent = `${el.dataset.label} (${n})`;
        else el.textContent = String(n);
      }
    }
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
  // On a long list the address is written once the new list is on screen: changing it makes
  // the browser look at every link on the page again (about 7 ms for 10,000 actions).
  let pending = null;
  function update(push) {
    showAll = false;
    const canonical = show(formQuery(form));
    if (!more) {
      record(canonical, push);
      return;
    }
    const first = pending === null;
    pending = { canonical, push: push || (pending?.push ?? false) };
    if (first) {
      requestAnimationFrame(() =>
        setTimeout(() => {
          const { canonical: c, push: p } = pending;
          pending = null;
          record(c, p);
        }, 0),
      );
    }
  }

  function fromUrl() {
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

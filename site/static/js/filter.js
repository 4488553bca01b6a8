// Progressive enhancement: faceted filtering with the browser module (hearth-wasm).
//
// Contract (see templates/filters.html): a <form data-filter> holding controls named after
// their facet plus `from`, `to` and `q`; the index in <script type="application/json"> named
// by data-filter-index; items carrying the attribute named by data-filter-item, in index
// order; counts in [data-facet-count="facet:key"]; the number shown in [data-result-count]
// inside a polite live region; groups [data-filter-group] hidden when empty.
// The query lives in the URL (?rag=red&workstream=foster-care), so links can be shared and the
// back button works. Without JavaScript the form stays hidden and every item is shown.

import init, { Filter } from '../wasm/hearth_wasm.js';

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

  function show(query) {
    const count = filter.apply(query);
    const visible = filter.visible();
    for (let i = 0; i < items.length; i++) {
      const el = items[i];
      if (el) el.hidden = visible[i] === 0;
    }
    for (const g of groups) {
      g.hidden = !g.querySelector(`[${attr}]:not([hidden])`);
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
      summary.replaceChildren(
        'Showing ',
        resultCount ?? '',
        ` of ${total} ${total === 1 ? noun : nounPlural}`,
        count === total ? '.' : ' matching the filters.',
      );
    }
    if (empty) empty.hidden = count !== 0;
    return filter.queryString();
  }

  // Apply the form; `push` adds a history entry (discrete changes), else replaces it (typing).
  function update(push) {
    const canonical = show(formQuery(form));
    const url = new URL(window.location.href);
    url.search = canonical;
    if (url.href !== window.location.href) {
      if (push) window.history.pushState(null, '', url);
      else window.history.replaceState(null, '', url);
    }
  }

  function fromUrl() {
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

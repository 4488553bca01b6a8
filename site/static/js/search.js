// Progressive enhancement: site search with the browser module (hearth-wasm).
//
// Contract (see templates/search.html): a <form data-search> whose data-search-index names
// the index (a classic script setting self.hearthSearch, loaded here, so it also works from a
// folder); the search box named `q`; the message shown without JavaScript in
// [data-search-nojs]; the count in the polite live region [data-search-status]; the results
// in <ol data-search-results>. The query lives in the URL (?q=carers), kept with
// history.replaceState once the reader pauses (every change of address makes the browser look
// over the page again, and fetch the icon). Arrow keys move between the box and the results.
// Speed: at most LIMIT results are drawn, each cloned from one built once: those that fit on
// the screen (at least MIN_FIRST, at most MAX_FIRST) with the keystroke's frame, and the rest
// in small batches while the browser is idle, so a keystroke never waits behind them.

import init, { Search } from '../wasm/hearth_search.js';

const LIMIT = 50;
/** Results drawn with the frame that answers a keystroke: a screenful, within these. */
const MIN_FIRST = 3;
const MAX_FIRST = 10;
/** No result is shorter than this (px: title, section and a line of snippet). */
const RESULT_MIN_HEIGHT = 90;
const SNIPPET = 180;
/** The address follows the search box once typing rests this long (ms). */
const REST = 300;

// Load a classic script; resolves when it has run.
function loadScript(src) {
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = resolve;
    script.onerror = () => reject(new Error(`cannot load ${src}`));
    document.head.append(script);
  });
}

/** The browser module's Search for a published index (the value of self.hearthSearch). */
export function makeSearch(index) {
  const col = (i) => index.docs.map((d) => d[i]);
  return new Search(
    index.terms,
    Uint32Array.from(index.counts),
    Uint32Array.from(index.postings),
    col(0), col(1), col(2), col(3),
  );
}

// A result's address as seen from /search/ (a folder's index.html when opened from disk).
function href(url) {
  const target = `../${url}`;
  if (location.protocol === 'file:' && (url === '' || url.endsWith('/'))) return `${target}index.html`;
  return target;
}

// A whole count with thousands separated by commas, as en-GB writes it. (toLocaleString and
// Intl.NumberFormat cost about 3 ms a keystroke at 4x CPU slowdown.)
function grouped(n) {
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

function plural(n, one, many) {
  return `${grouped(n)} ${n === 1 ? one : many}`;
}

async function main() {
  const form = document.querySelector('[data-search]');
  if (!form) return;
  const input = form.elements.namedItem('q');
  const status = document.querySelector('[data-search-status]');
  const list = document.querySelector('[data-search-results]');
  const nojs = document.querySelector('[data-search-nojs]');
  status.textContent = 'Loading search…';
  let search;
  let docs;
  try {
    await Promise.all([init(), loadScript(form.dataset.searchIndex)]);
    const index = self.hearthSearch;
    search = makeSearch(index);
    docs = index.docs;
  } catch {
    status.textContent = 'Search could not be loaded. Use the A to Z of pages instead.';
    return;
  }
  if (nojs) nojs.hidden = true;

  // One result, cloned for each hit: title link, section and snippet.
  const proto = document.createElement('li');
  {
    const a = document.createElement('a');
    a.className = 'search-results__title';
    const sec = document.createElement('span');
    sec.className = 'search-results__section';
    const p = document.createElement('p');
    p.className = 'search-results__snippet';
    proto.append(a, sec, p);
  }

  let urlTimer;
  function writeUrl(q) {
    clearTimeout(urlTimer);
    const url = new URL(location.href);
    if (q) url.searchParams.set('q', q);
    else url.searchParams.delete('q');
    if (url.href !== location.href) history.replaceState(null, '', url);
  }

  function setStatus(text) {
    if (status.textContent !== text) status.textContent = text;
  }

  /** Results `hits` as list items, in a fragment; `rest`: drawn after the first frame. */
  function drawn(hits, rest = false) {
    const items = document.createDocumentFragment();
    for (const d of hits) {
      const [url, title, section] = docs[d];
      const li = proto.cloneNode(true);
      if (rest) li.className = 'search-results__rest';
      const [a, sec, p] = li.children;
      a.href = href(url);
      a.textContent = title;
      sec.textContent = section;
      search.snippet(d, SNIPPET).forEach((piece, i) => {
        if (i % 2 === 1) {
          const m = document.createElement('mark');
          m.textContent = piece;
          p.append(m);
        } else {
          p.append(piece);
        }
      });
      items.append(li);
    }
    return items;
  }

  // Which query's results are being drawn: a later keystroke drops an earlier one's rest.
  let drawing = 0;
  // Run `batch(deadline)` when the browser is idle, again while it returns true.
  // (Without requestIdleCallback: one batch a task.)
  const idle = self.requestIdleCallback
    ? (batch) => requestIdleCallback(function run(deadline) { if (batch(deadline)) requestIdleCallback(run, { timeout: 1000 }); }, { timeout: 1000 })
    : (batch) => setTimeout(function run() { if (batch({ timeRemaining: () => 0 })) setTimeout(run, 0); }, 0);
  // How many results fill the screen below the count (just above the list). Where the count
  // ends on the page is read once (and again after a resize) and the scroll position is kept
  // from scroll events: reading layout in a keystroke would lay out the page there and then,
  // after an idle batch of results.
  let statusEnd = null;
  let scrollTop = window.scrollY;
  window.addEventListener('scroll', () => { scrollTop = window.scrollY; }, { passive: true });
  window.addEventListener('resize', () => { statusEnd = null; });
  function screenful() {
    if (statusEnd === null) {
      scrollTop = window.scrollY;
      statusEnd = status.getBoundingClientRect().bottom + scrollTop;
    }
    const top = Math.max(0, statusEnd - scrollTop);
    const n = Math.ceil((window.innerHeight - top) / RESULT_MIN_HEIGHT);
    return Math.min(MAX_FIRST, Math.max(MIN_FIRST, n));
  }

  // Show the results for a query; the address follows now, or once typing rests (`later`).
  // A screenful of results and the count are drawn at once, so the next frame answers the
  // keystroke; the rest come in batches while the browser is idle, unless the query changes.
  function show(query, later = false) {
    const q = query.trim();
    const mine = ++drawing;
    clearTimeout(urlTimer);
    if (later) urlTimer = setTimeout(() => writeUrl(q), REST);
    else writeUrl(q);
    if (!q) {
      list.replaceChildren();
      list.hidden = true;
      setStatus('');
      return;
    }
    const count = search.query(q);
    const hits = search.hits(LIMIT);
    let next = screenful();
    list.replaceChildren(drawn(hits.slice(0, next)));
    if (next < hits.length) {
      idle((deadline) => {
        if (mine !== drawing) return false;
        do {
          list.append(drawn(hits.slice(next, next + 5), true));
          next += 5;
        } while (next < hits.length && deadline.timeRemaining() > 3);
        return next < hits.length;
      });
    }
    list.hidden = hits.length === 0;
    const shown = count > hits.length ? ` Showing the first ${hits.length}.` : '';
    if (count === 0) {
      setStatus(`No pages found for “${q}”. Try fewer or shorter words, or the A to Z of pages.`);
    } else if (search.partial()) {
      setStatus(`No page has every word of “${q}”; ${plural(count, 'page has', 'pages have')} some of them.${shown}`);
    } else {
      setStatus(`${plural(count, 'page', 'pages')} found for “${q}”.${shown}`);
    }
  }

  // Results are drawn in the input handler, so the next frame shows them (drawing them in a
  // requestAnimationFrame callback put them a frame later when the frame had already begun).
  input.addEventListener('input', () => show(input.value, true));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    show(input.value);
  });
  // Arrow keys: from the box to the first result, and between results.
  form.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' && !list.hidden) {
      const first = list.querySelector('a');
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });
  list.addEventListener('keydown', (event) => {
    const links = Array.from(list.querySelectorAll('a'));
    const at = links.indexOf(document.activeElement);
    if (at < 0) return;
    if (event.key === 'ArrowDown' && at + 1 < links.length) {
      event.preventDefault();
      links[at + 1].focus();
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      (at > 0 ? links[at - 1] : input).focus();
    }
  });
  const q = new URLSearchParams(location.search).get('q') ?? '';
  input.value = q;
  show(q);
  form.dataset.searchReady = '';
  // Once the browser is idle, answer a query nobody sees (the first page's title) and draw
  // its results into a fragment that is thrown away: the browser compiles the module's search
  // and snippet code and the drawing code then, not in the reader's first keystroke (whose
  // handler took 7-20 ms at 4x CPU slowdown before, 2-10 ms after; later ones take 1-5 ms).
  if (!q && docs.length > 0) {
    const before = drawing;
    idle(() => {
      if (drawing !== before) return false;
      search.query(docs[0][1]);
      drawn(search.hits(MAX_FIRST));
      return false;
    });
  }
}

main();

// Hearth live preview, added to pages only by `hearth serve`: reloads this tab when its page
// (or any style, script or data file) changes, and shows build errors over the page until
// they are fixed. The last good version of the page stays underneath.
const path = window.location.pathname.replace(/^\//, '');
const here = path === '' || path.endsWith('/') ? `${path}index.html` : path.endsWith('.html') ? path : `${path}/index.html`;
let overlay = null;

function show(errors) {
  hide();
  overlay = document.createElement('section');
  overlay.className = 'hearth-overlay';
  overlay.setAttribute('role', 'alert');
  overlay.setAttribute('aria-labelledby', 'hearth-overlay-h');
  const h = document.createElement('h2');
  h.id = 'hearth-overlay-h';
  h.textContent = `The content has ${errors.length} error${errors.length === 1 ? '' : 's'}: showing the last good version`;
  overlay.append(h);
  for (const e of errors) {
    const pre = document.createElement('pre');
    pre.textContent = e;
    overlay.append(pre);
  }
  const p = document.createElement('p');
  p.textContent = 'Fix the file and save it: this message goes away by itself.';
  overlay.append(p);
  document.body.append(overlay);
  document.documentElement.dataset.hearthErrors = String(errors.length);
}

function hide() {
  overlay?.remove();
  overlay = null;
  delete document.documentElement.dataset.hearthErrors;
}

const events = new EventSource('/__hearth/events');
events.addEventListener('hello', (e) => {
  const s = JSON.parse(e.data);
  if (s.errors.length) show(s.errors);
  else hide();
  document.documentElement.dataset.hearthLive = String(s.generation);
});
events.addEventListener('build', (e) => {
  const s = JSON.parse(e.data);
  if (s.errors.length) {
    show(s.errors);
    return;
  }
  hide();
  if (s.changed.includes(here) || s.changed.some((p) => !p.endsWith('.html'))) window.location.reload();
});

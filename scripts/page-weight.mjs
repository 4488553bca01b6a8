#!/usr/bin/env node
// Page weight of a built Hearth site: node scripts/page-weight.mjs <site-dir>
//
// For one representative page of each page type, adds up the bytes of the HTML and of
// everything it loads: stylesheets (<link rel=stylesheet>, print ones included), classic and
// module scripts (<script src>, <link rel=modulepreload>), the modules those import (static
// and dynamic `import`, `export ... from`) and files they fetch via
// `new URL('x', import.meta.url)` (the wasm binary). Sizes are raw and gzipped (zlib level 9),
// split into HTML, CSS, JS, wasm and ECharts (static/vendor/echarts/*). The last row counts
// every file of the listed pages once, as a browser cache would.
// It also lists every page that loads ECharts without a chart (.chart-canvas) on it, and
// every page with a chart but no ECharts.
// Budget: exits 1 if any of the listed pages loads more than ECHARTS_BUDGET bytes of ECharts
// (gzipped), or if either list above is not empty; 2 if the site folder is missing; else 0.
// No deps.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const root = process.argv[2];
if (!root || !existsSync(root) || !statSync(root).isDirectory()) {
  console.error(`usage: node scripts/page-weight.mjs <built-site-dir> (got ${root ?? 'nothing'})`);
  process.exit(2);
}
const site = path.resolve(root);

/** Every index.html under the site, as site-relative URL paths ('' for the home page). */
function pages(dir = site, out = []) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) pages(full, out);
    else if (e.name.endsWith('.html')) out.push(path.relative(site, full).split(path.sep).join('/'));
  }
  return out.sort();
}
const allPages = pages();
const has = (p) => allPages.includes(p);
const firstUnder = (prefix, re = /^[^/]+\/index\.html$/) =>
  allPages.find((p) => p.startsWith(prefix) && re.test(p.slice(prefix.length)));

// [page type, preferred page, fallback]; a type whose page is missing is reported and skipped.
const wanted = [
  ['home', 'index.html'],
  ['narrative', 'introduction/index.html', () => firstUnder('', /^[a-z-]+\/index\.html$/)],
  ['plan', 'plan/index.html'],
  ['action', null, () => firstUnder('plan/')],
  ['priority', null, () => firstUnder('priorities/')],
  ['measures', 'measures/index.html'],
  ['measure', 'measures/children-in-care-rate/index.html', () => firstUnder('measures/')],
  ['facts', 'facts/index.html'],
  ['scenarios', 'scenarios/index.html'],
  ['scenario', 'scenarios/foster-sufficiency/index.html', () => firstUnder('scenarios/')],
  ['market', 'market/index.html'],
  ...allPages
    .filter((p) => /^market\/[^/]+\/index\.html$/.test(p))
    .map((p) => [`market/${p.split('/')[1]}`, p]),
  ['changes', 'changes/index.html'],
  // Its index (search/index.js, loaded by search.js as a classic script) is not counted.
  ['search', 'search/index.html'],
  ['editions', 'editions/index.html'],
  ['edition', null, () => firstUnder('editions/')],
  ['404', '404.html'],
];

const decode = (s) =>
  s
    .replace(/&#x([0-9a-f]+);/gi, (_, h) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&#(\d+);/g, (_, d) => String.fromCodePoint(Number(d)))
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

function attrs(tag) {
  const out = {};
  for (const m of tag.matchAll(/([a-zA-Z-:]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g)) {
    out[m[1].toLowerCase()] = decode(m[2] ?? m[3] ?? m[4] ?? '');
  }
  return out;
}

/** Site-relative file for a URL seen in file `from` (site-relative), or null if external. */
function resolve(from, url) {
  if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(url)) return null; // http:, data:, //host
  const clean = url.split(/[?#]/)[0];
  if (!clean) return null;
  let rel = clean.startsWith('/')
    ? path.posix.normalize(clean.slice(1))
    : path.posix.normalize(path.posix.join(path.posix.dirname(from), clean));
  if (rel.endsWith('/') || rel === '.') rel = path.posix.join(rel, 'index.html');
  return rel;
}

const read = (rel) => {
  const full = path.join(site, rel);
  return existsSync(full) && statSync(full).isFile() ? readFileSync(full) : null;
};

/** Site-relative files a JS module loads. */
function moduleDeps(rel, text) {
  const imports = [
    ...text.matchAll(/\b(?:import|export)\s[^'";]*?\bfrom\s*(['"])([^'"]+)\1/g),
    ...text.matchAll(/\bimport\s*(['"])([^'"]+)\1/g),
    ...text.matchAll(/\bimport\s*\(\s*(['"])([^'"]+)\1\s*\)/g),
  ]
    .map((m) => m[2])
    .filter((s) => s.startsWith('.') || s.startsWith('/')); // bare names are packages
  // new URL('x.wasm', import.meta.url): any relative string, './' or not.
  const urls = [...text.matchAll(/new\s+URL\(\s*(['"])([^'"]+)\1\s*,\s*import\.meta\.url\s*\)/g)].map((m) => m[2]);
  return [...imports, ...urls].map((s) => resolve(rel, s));
}

/** Every file one page loads: Map site-relative path -> kind. */
function filesOf(page) {
  const files = new Map([[page, 'html']]);
  const missing = [];
  const html = read(page).toString('utf8');
  const queue = [];
  for (const m of html.matchAll(/<(link|script)\b[^>]*>/gi)) {
    const a = attrs(m[0]);
    const tag = m[1].toLowerCase();
    const rels = (a.rel ?? '').toLowerCase().split(/\s+/);
    let url = null;
    let kind = null;
    if (tag === 'link' && rels.includes('stylesheet')) [url, kind] = [a.href, 'css'];
    else if (tag === 'link' && rels.includes('modulepreload')) [url, kind] = [a.href, 'js'];
    else if (tag === 'script' && a.src) [url, kind] = [a.src, 'js'];
    const rel = url && resolve(page, url);
    if (rel) queue.push([rel, kind, tag === 'script' && a.type === 'module']);
  }
  while (queue.length) {
    const [rel, kind, isModule] = queue.shift();
    if (files.has(rel)) continue;
    const buf = read(rel);
    if (!buf) {
      missing.push(rel);
      continue;
    }
    const k = rel.includes('vendor/echarts/') ? 'echarts' : rel.endsWith('.wasm') ? 'wasm' : kind;
    files.set(rel, k);
    if (k === 'js' && (isModule || /\bimport\b|import\.meta/.test(buf.toString('utf8')))) {
      for (const dep of moduleDeps(rel, buf.toString('utf8'))) {
        if (dep) queue.push([dep, dep.endsWith('.wasm') ? 'wasm' : 'js', true]);
      }
    }
  }
  return { files, missing };
}

const sizeCache = new Map();
function sizes(rel) {
  if (!sizeCache.has(rel)) {
    const buf = read(rel);
    sizeCache.set(rel, [buf.length, gzipSync(buf, { level: 9 }).length]);
  }
  return sizeCache.get(rel);
}

const KINDS = ['html', 'css', 'js', 'wasm', 'echarts'];
/** At most this much ECharts, gzipped, on any page (150 KB). */
const ECHARTS_BUDGET = 150_000;
function tally(fileMap) {
  const t = Object.fromEntries([...KINDS, 'total'].map((k) => [k, [0, 0]]));
  for (const [rel, kind] of fileMap) {
    const [raw, gz] = sizes(rel);
    for (const k of [kind, 'total']) {
      t[k][0] += raw;
      t[k][1] += gz;
    }
  }
  return t;
}

const kb = (n) => (n === 0 ? '-' : (n / 1024).toFixed(1));
const cell = ([raw, gz]) => (raw === 0 ? '-' : `${kb(raw)} / ${kb(gz)}`);

const rows = [];
const union = new Map();
const notes = [];
for (const [type, preferred, fallback] of wanted) {
  const page = preferred && has(preferred) ? preferred : fallback?.();
  if (!page || !has(page)) {
    notes.push(`no ${type} page found; skipped`);
    continue;
  }
  const { files, missing } = filesOf(page);
  for (const m of missing) notes.push(`${page} references missing file ${m}`);
  for (const [rel, kind] of files) union.set(rel, kind);
  rows.push([type, page.replace(/index\.html$/, '') || '/', tally(files)]);
}
rows.push(['ALL ABOVE', 'each file once', tally(union)]);

const header = ['page type', 'page', ...KINDS.map((k) => (k === 'echarts' ? 'ECharts' : k.toUpperCase())), 'total'];
const table = [header, ...rows.map(([type, page, t]) => [type, page, ...KINDS.map((k) => cell(t[k])), cell(t.total)])];
const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => r.map((c, i) => (i < 2 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
console.log(`Page weight of ${site} (KiB, raw / gzip -9)\n`);
console.log(line(table[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
table.slice(1, -1).forEach((r) => console.log(line(r)));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
console.log(line(table[table.length - 1]));

// ECharts only where there is a chart, and a chart only where ECharts is loaded.
const echartsWithoutChart = [];
const chartWithoutEcharts = [];
let withEcharts = 0;
for (const page of allPages) {
  const html = read(page).toString('utf8');
  const loads = /<script\b[^>]*\bsrc\s*=\s*["']?[^"'>]*vendor(?:\/|&#x2f;)echarts(?:\/|&#x2f;)/i.test(html);
  const chart = /class\s*=\s*["'][^"']*\bchart-canvas\b/.test(html);
  if (loads) withEcharts += 1;
  if (loads && !chart) echartsWithoutChart.push(page);
  if (chart && !loads) chartWithoutEcharts.push(page);
}
console.log(`\nECharts is loaded by ${withEcharts} of ${allPages.length} pages.`);
console.log(
  `Pages loading ECharts without a .chart-canvas: ${echartsWithoutChart.length ? '\n  ' + echartsWithoutChart.join('\n  ') : 'none'}`,
);
console.log(
  `Pages with a .chart-canvas but no ECharts: ${chartWithoutEcharts.length ? '\n  ' + chartWithoutEcharts.join('\n  ') : 'none'}`,
);
for (const n of notes) console.log(`note: ${n}`);

// The budget.
const failures = [];
for (const [type, page, t] of rows.slice(0, -1)) {
  const gz = t.echarts[1];
  if (gz > ECHARTS_BUDGET) failures.push(`${type} page ${page} loads ${gz} bytes of ECharts gzipped, over the ${ECHARTS_BUDGET}-byte budget`);
}
if (echartsWithoutChart.length) failures.push(`${echartsWithoutChart.length} page(s) load ECharts without a chart`);
if (chartWithoutEcharts.length) failures.push(`${chartWithoutEcharts.length} page(s) have a chart but no ECharts`);
const largest = Math.max(...rows.slice(0, -1).map(([, , t]) => t.echarts[1]));
if (failures.length) {
  for (const f of failures) console.error(`page weight: ${f}`);
  process.exit(1);
}
console.log(`Budget met: at most ${largest} bytes of ECharts gzipped on a page (budget ${ECHARTS_BUDGET}).`);

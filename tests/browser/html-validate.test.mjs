// The HTML of every built page is valid: html-validate (its recommended rules, which parse the
// page as HTML does: an element a parent may not hold, a <p> closed by a block inside it, a
// stray end tag, a bad attribute value) over every .html file of the example site, earlier
// editions included, and of the injection site (Markdown of many paragraphs in every Markdown
// field), when HEARTH_INJECTION_SITE is set. Catches, for example, a Markdown field of several
// blocks rendered inside a template's <p> (`<p><p>..</p><ul>..</ul></p>`).
//   HEARTH_SITE=/path/to/site [HEARTH_INJECTION_SITE=/path] node --test tests/browser/html-validate.test.mjs
// No browser is needed.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { HtmlValidate } from 'html-validate';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
const INJECTION = process.env.HEARTH_INJECTION_SITE ? path.resolve(process.env.HEARTH_INJECTION_SITE) : null;

/**
 * The recommended rules, less those that judge style rather than validity or that the site
 * breaks on purpose. Each exception says why; everything else must pass.
 */
export const CONFIG = {
  extends: ['html-validate:recommended'],
  rules: {
    // Spaces left at line ends by the templates' indentation are not markup.
    'no-trailing-whitespace': 'off',
    // Page titles are "page – document – authority" (WCAG 2.4.2 asks for the page and the
    // site); their length follows the council's own titles, which the theme does not choose.
    'long-title': 'off',
    // Markdown images are written `<img ... />` (pulldown-cmark), templates write `<img ...>`;
    // HTML allows both, so which one is style.
    'void-style': 'off',
    // A wide table scrolls inside a focusable <div role="region" aria-labelledby="(caption)">,
    // the pattern axe-core's scrollable-region-focusable rule asks for; a <section> there would
    // add an untitled section to the page's outline.
    'prefer-native-element': ['error', { exclude: ['region'] }],
    // The counts under a status bar (macros.html rag_summary) are a <ul aria-label="...">:
    // WAI-ARIA lets a list be named by its author; the rule's default allows aria-label only
    // on interactive elements and landmarks.
    'aria-label-misuse': ['error', { allowAnyNamable: true }],
    // H32 (a form needs a submit button) is about forms that change context when sent. The
    // scenario form is never sent: every figure follows its sliders as they move
    // (scenario.js stops submission); the filter forms have their "Apply filters" button.
    'wcag/h32': 'off',
  },
};

/** Every .html file under `dir`, relative to it, sorted. */
export function htmlFiles(dir, prefix = '') {
  const out = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...htmlFiles(full, `${prefix}${name}/`));
    else if (name.endsWith('.html')) out.push(`${prefix}${name}`);
  }
  return out;
}

/** Problems in every page of `site`, as "page:line:column rule message" lines. */
async function problemsIn(site) {
  const validator = new HtmlValidate(CONFIG);
  const problems = [];
  const files = htmlFiles(site);
  for (const file of files) {
    const report = await validator.validateString(readFileSync(path.join(site, file), 'utf8'), file);
    for (const result of report.results) {
      for (const m of result.messages) {
        problems.push(`${file}:${m.line}:${m.column} [${m.ruleId}] ${m.message.slice(0, 160)}`);
      }
    }
  }
  return { files: files.length, problems };
}

function assertValid({ files, problems }, what) {
  assert.ok(files > 0, `no pages in ${what}`);
  const shown = problems.slice(0, 40).join('\n');
  assert.equal(problems.length, 0, `${problems.length} HTML problems in ${what} (${files} pages):\n${shown}`);
}

describe('valid HTML', { timeout: 600_000 }, () => {
  test('every page of the example site', { skip: !existsSync(SITE) && `no site at ${SITE}` }, async () => {
    assertValid(await problemsIn(SITE), SITE);
  });

  test(
    'every page of the injection site',
    { skip: !INJECTION ? 'HEARTH_INJECTION_SITE is not set (scripts/test.sh builds it)' : !existsSync(INJECTION) && `no site at ${INJECTION}` },
    async () => {
      assertValid(await problemsIn(INJECTION), INJECTION);
    },
  );

  // The rules are on: a Markdown field of two blocks in a <p> is what they catch.
  test('a block of Markdown inside a <p> is refused', async () => {
    const validator = new HtmlValidate(CONFIG);
    const page = (body) =>
      `<!DOCTYPE html><html lang="en"><head><title>t</title></head><body><main>${body}</main></body></html>`;
    const bad = await validator.validateString(page('<p><p>One.</p>\n<ul><li>two</li></ul></p>'), 'bad.html');
    assert.equal(bad.valid, false);
    const good = await validator.validateString(page('<div class="flow"><p>One.</p>\n<ul><li>two</li></ul></div>'), 'good.html');
    assert.equal(good.valid, true, JSON.stringify(good.results));
  });
});

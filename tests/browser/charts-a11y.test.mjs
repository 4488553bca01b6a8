// Charts as drawn in Chromium: colour is never the only difference (WCAG 1.4.1) and what is
// drawn has enough contrast (1.4.11 for marks, 1.4.3 for text). Reads the option ECharts is
// actually using (echarts.getInstanceByDom(el).getOption()) and the SVG it drew.
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { assertNoProblems, evaluateWithColour, hoverForReadout, newPage, useSite } from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const SITE = process.env.HEARTH_SITE ? path.resolve(process.env.HEARTH_SITE) : path.resolve(here, '../../public');
// Bar and pie charts (breakdowns, market tables, the foster-sufficiency what-if bar chart)
// and line charts (a measure with a target and a comparator, what-if lines, a market trend).
const PAGES = ['/facts/', '/measures/care-leavers/', '/scenarios/foster-sufficiency/', '/scenarios/placement-costs/', '/market/supply/', '/market/demand/'];

let env;

/** Everything about each drawn chart on the page that the checks below need. */
function readCharts(colourMath) {
  const { parse, contrast } = colourMath();
  const backgroundOf = (node) => {
    for (let n = node; n && n.nodeType === 1; n = n.parentElement) {
      const c = parse(getComputedStyle(n).backgroundColor);
      if (c && c.a >= 1) return c;
    }
    return { r: 255, g: 255, b: 255, a: 1 };
  };
  return [...document.querySelectorAll('.chart-canvas[data-chart-ready="true"]')].map((div) => {
    const option = window.echarts.getInstanceByDom(div).getOption();
    const bg = option.backgroundColor && parse(option.backgroundColor)?.a ? parse(option.backgroundColor) : backgroundOf(div);
    const svg = div.querySelector('svg');
    const palette = option.color ?? [];
    const series = option.series.map((s, i) => {
      const colour = s.itemStyle?.color ?? s.lineStyle?.color ?? palette[i % palette.length];
      return {
        type: s.type,
        name: s.name,
        symbol: s.symbol ?? null,
        lineType: s.lineStyle?.type ?? null,
        colour,
        contrast: parse(colour) ? contrast(parse(colour), bg) : null,
        // Pie slices take the palette's colours in turn.
        slices: s.type === 'pie' ? s.data.map((_, k) => palette[k % palette.length]).map((c) => ({ colour: c, contrast: contrast(parse(c), bg) })) : [],
      };
    });
    const patternIds = new Set([...svg.querySelectorAll('pattern')].map((p) => p.id));
    const patternFills = new Set(
      [...svg.querySelectorAll('path, rect')]
        .map((el) => /url\(['"]?#([^'")]+)['"]?\)/.exec(el.getAttribute('fill') || '')?.[1])
        .filter((id) => id && patternIds.has(id)),
    );
    const texts = [...svg.querySelectorAll('text')]
      .filter((t) => t.textContent.trim() !== '')
      .map((t) => {
        const fill = parse(t.getAttribute('fill') || getComputedStyle(t).fill);
        return { text: t.textContent.trim().slice(0, 30), fill: t.getAttribute('fill'), contrast: fill ? contrast(fill, bg) : null };
      });
    return {
      id: div.dataset.chartSrc,
      background: bg,
      animation: option.animation,
      aria: { enabled: option.aria?.[0]?.enabled ?? option.aria?.enabled, decal: option.aria?.[0]?.decal?.show ?? option.aria?.decal?.show },
      series,
      patternFills: patternFills.size,
      texts,
    };
  });
}

const skip = !existsSync(SITE) && 'no site folder';

/** Open `route` at desktop width, wait until every chart on it is drawn, run `fn(page)`, close. */
async function onChartPage(route, fn) {
  const page = await newPage(env.browser, { viewport: { width: 1100, height: 900 } });
  try {
    const res = await page.goto(env.server.url + route, { waitUntil: 'load' });
    assert.equal(res?.status(), 200, route);
    const count = await page.locator('.chart-canvas[data-chart-src]').count();
    assert.ok(count > 0, `${route} has charts`);
    await page.waitForFunction((n) => document.querySelectorAll('.chart-canvas[data-chart-ready="true"]').length === n, count, { timeout: 15_000 });
    await fn(page);
  } finally {
    await page.context().close();
  }
}

describe('charts: not colour alone, and enough contrast', { timeout: 240_000, skip }, () => {
  env = useSite(SITE);

  test('bar and pie charts carry decal patterns; each line has its own marker', async () => {
    const seen = { bar: 0, pie: 0, lines: 0 };
    for (const route of PAGES) {
      await onChartPage(route, async (page) => {
        for (const chart of await evaluateWithColour(page, readCharts)) {
          const where = `${route} ${chart.id}`;
          assert.equal(chart.aria.enabled, true, `${where}: aria.enabled`);
          assert.equal(chart.animation, false, `${where}: animation stays off under reduced motion`);
          const types = new Set(chart.series.map((s) => s.type));
          if (types.has('bar') || types.has('pie')) {
            assert.equal(chart.aria.decal, true, `${where}: aria.decal.show`);
            // One pattern per bar series, or per pie slice (up to the six decal shapes).
            const want = types.has('pie') ? Math.min(chart.series[0].slices.length, 6) : chart.series.filter((s) => s.type === 'bar').length;
            assert.ok(chart.patternFills >= want, `${where}: ${chart.patternFills} shapes filled with a decal pattern, want ${want}`);
            seen[types.has('pie') ? 'pie' : 'bar'] += 1;
          } else {
            const lines = chart.series.filter((s) => s.type === 'line');
            const markers = lines.map((s) => s.symbol);
            assert.ok(markers.every((m) => m && m !== 'none'), `${where}: every line has markers (${markers})`);
            assert.equal(new Set(markers).size, markers.length, `${where}: each line has its own marker (${markers})`);
            if (lines.length > 1) seen.lines += 1;
          }
        }
        await assertNoProblems(page);
      });
    }
    assert.ok(seen.bar >= 3 && seen.pie >= 1 && seen.lines >= 2, `charts checked: ${JSON.stringify(seen)}`);
  });

  test('series colours reach 3:1 and chart text 4.5:1 against the chart background', async () => {
    for (const route of PAGES) {
      await onChartPage(route, async (page) => {
        for (const chart of await evaluateWithColour(page, readCharts)) {
          const where = `${route} ${chart.id}`;
          for (const s of chart.series) {
            for (const mark of s.type === 'pie' ? s.slices : [s]) {
              assert.ok(mark.contrast !== null, `${where}: "${s.name}" colour ${mark.colour} is not a colour this test reads`);
              assert.ok(mark.contrast >= 3, `${where}: "${s.name}" colour ${mark.colour} is ${mark.contrast.toFixed(2)}:1 on the background, under 3:1`);
            }
          }
          assert.ok(chart.texts.length > 0, `${where}: axis labels or legend`);
          for (const t of chart.texts) {
            assert.ok(t.contrast !== null && t.contrast >= 4.5, `${where}: text "${t.text}" in ${t.fill} is ${t.contrast?.toFixed(2)}:1, under 4.5:1`);
          }
        }
      });
    }
  });

  test('hovering a marker, bar or slice writes its figures into the readout under the chart', async () => {
    const seen = { line: 0, bar: 0, pie: 0 };
    for (const route of PAGES) {
      await onChartPage(route, async (page) => {
        const charts = await page.locator('.chart-canvas[data-chart-ready="true"]').all();
        for (const [i, chart] of charts.entries()) {
          const { readout, hint, text } = await hoverForReadout(page, chart);
          assert.equal(await readout.getAttribute('class'), 'chart-readout', `${route} chart ${i}: a readout follows the chart`);
          assert.match(hint, /^Hover over or tap a (marker|bar|slice)/, `${route} chart ${i}: hint`);
          assert.notEqual(text, hint, `${route} chart ${i}: no shape wrote the readout`);
          await page.mouse.move(1, 1);
          assert.equal(await readout.textContent(), text, `${route} chart ${i}: the readout stays when the pointer leaves`);
          // The text is what the chart's own option says for one category or slice.
          const check = await chart.evaluate((div, got) => {
            const option = window.echarts.getInstanceByDom(div).getOption();
            const fmt = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
            const num = (d) => { const v = d !== null && typeof d === 'object' ? d.value : d; return typeof v === 'number' ? fmt.format(v) : 'no figure'; };
            const series = option.series;
            if (series[0].type === 'pie') {
              const ok = series[0].data.some((d) => got.startsWith(`${d.name}: ${num(d)} (`) && /%\)$/.test(got));
              return { kind: 'pie', ok };
            }
            const axis = [...option.xAxis, ...option.yAxis].find((a) => a.type === 'category');
            const ok = axis.data.some((label, k) => got === `${label}. ${series.map((s) => `${s.name}: ${num(s.data[k])}`).join('; ')}`);
            return { kind: series.some((s) => s.type === 'bar') ? 'bar' : 'line', ok };
          }, text);
          assert.ok(check.ok, `${route} chart ${i}: readout "${text}" does not match the chart's figures`);
          seen[check.kind] += 1;
        }
        await assertNoProblems(page);
      });
    }
    assert.ok(seen.line >= 2 && seen.bar >= 3 && seen.pie >= 1, `readouts checked: ${JSON.stringify(seen)}`);
  });

  test('the keyboard steps read what hovering reads, outline what they describe, and stay out of the hidden chart', async () => {
    let charts = 0;
    for (const route of PAGES) {
      await onChartPage(route, async (page) => {
        const canvases = await page.locator('.chart-canvas[data-chart-ready="true"]').all();
        for (const [i, chart] of canvases.entries()) {
          const where = `${route} chart ${i}`;
          // The chart stays hidden from assistive technology, with nothing focusable in it: the
          // steps are buttons after it, and the readout is a polite live region.
          assert.equal(await chart.getAttribute('aria-hidden'), 'true', `${where}: aria-hidden`);
          assert.equal(await chart.locator('a[href], button, input, select, [tabindex]').count(), 0, `${where}: focusable inside`);
          // The keyboard first, on a chart no pointer has touched: a hovered bar's outline,
          // if ECharts had not yet taken it off when the outlines were counted, would hide the
          // first step's (seen twice in CI on a busy machine). Hovering comes after.
          const readout = chart.locator('xpath=following-sibling::p[1]');
          assert.equal(await readout.getAttribute('aria-live'), 'polite', `${where}: readout is a live region`);
          const keys = readout.locator('xpath=following-sibling::div[1]');
          assert.equal(await keys.getAttribute('class'), 'chart-keys', `${where}: steps follow the readout`);
          const next = keys.locator('[data-chart-step="1"]');
          // Names that say which chart they step through.
          const caption = (await chart.locator('xpath=ancestor::figure[1]/figcaption').textContent()).trim();
          assert.match(await next.textContent(), new RegExp(`^Next (point|bar|slice) in the chart “${caption.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}”$`), `${where}: Next's name`);
          const before = await chart.evaluate((div) => div.querySelectorAll('svg [stroke="#1b1b1b"]').length);
          const stepped = [];
          await next.press('End');
          const n = Number(/^(\d+) of (\d+)\. /.exec(await readout.textContent())?.[2]);
          assert.ok(n >= 2, `${where}: ${n} stops`);
          for (let k = 0; k < n; k++) {
            await next.press('ArrowRight');
            const text = await readout.textContent();
            assert.ok(text.startsWith(`${k + 1} of ${n}. `), `${where}: stop ${k + 1} reads "${text}"`);
            stepped.push(text.slice(`${k + 1} of ${n}. `.length));
            if (k === 0) {
              // ECharts redraws on its next frame: wait for it (up to 2 s on a busy machine).
              const outlined = await chart.evaluate(async (div, was) => {
                const t0 = performance.now();
                while (performance.now() - t0 < 2000) {
                  if (div.querySelectorAll('svg [stroke="#1b1b1b"]').length > was) return true;
                  await new Promise((r) => requestAnimationFrame(r));
                }
                return false;
              }, before);
              assert.ok(outlined, `${where}: the first stop is outlined in the chart`);
            }
          }
          const { text: hovered } = await hoverForReadout(page, chart);
          assert.ok(stepped.includes(hovered), `${where}: hovering read "${hovered}", which no keyboard step reads (${stepped.join(' | ')})`);
          // The pointer off the charts, so scrolling to the next one puts none under it.
          await page.mouse.move(1, 1);
          charts += 1;
        }
        await assertNoProblems(page);
      });
    }
    assert.ok(charts >= 10, `${charts} charts checked`);
  });
});

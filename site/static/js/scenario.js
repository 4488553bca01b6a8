// Progressive enhancement: what-if sliders, computed by the browser module (hearth-wasm) with
// the same engine the generator used to publish the page.
//
// Contract (see templates/scenario.html): <form data-scenario data-scenario-model="ID"> with,
// per input, <input type="range" data-input="X"> and <input type="number" data-input="X">;
// headline figures [data-output] (raw number in data-value); table cells
// td[data-series][data-step]; charts figure[data-scenario-chart][data-chart-series] drawn by
// charts.js. The chosen values live in the URL hash (#approvals=30&leaving_pct=10).

import init, { ScenarioModel } from '../wasm/hearth_wasm.js';

function enhance(form) {
  const source = document.getElementById(form.dataset.scenarioModel);
  if (!source) throw new Error('scenario form without its model');
  const spec = JSON.parse(source.textContent);
  const model = new ScenarioModel(
    Float64Array.from(spec.program),
    Float64Array.from(spec.inputs.flatMap((i) => [i.min, i.max, i.step])),
    spec.series.map((s) => s.label),
    spec.series.map((s) => s.unit ?? ''),
    Uint8Array.from(spec.series.map((s) => s.decimals)),
    spec.outputs.map((o) => o.unit ?? ''),
    Uint8Array.from(spec.outputs.map((o) => o.decimals)),
    Uint32Array.from(spec.charts.flatMap((c) => [c.length, ...c])),
  );
  const ids = spec.inputs.map((i) => i.id);
  const seriesIndex = (id) => spec.series.findIndex((s) => s.id === id);
  const defaults = Float64Array.from(model.defaults());
  const values = Float64Array.from(defaults);
  const ranges = ids.map((id) => form.querySelector(`input[type="range"][data-input="${CSS.escape(id)}"]`));
  const numbers = ids.map((id) => form.querySelector(`input[type="number"][data-input="${CSS.escape(id)}"]`));
  const outputs = Array.from(document.querySelectorAll('[data-output]'));
  const seriesCells = new Map();
  for (const td of document.querySelectorAll('td[data-series][data-step]')) {
    const index = seriesIndex(td.dataset.series);
    if (index < 0) continue;
    if (!seriesCells.has(index)) seriesCells.set(index, []);
    seriesCells.get(index)[Number(td.dataset.step)] = td;
  }
  const charts = Array.from(document.querySelectorAll('[data-scenario-chart]')).map((figure) => ({
    index: Number(figure.dataset.scenarioChart),
    div: figure.querySelector('.chart-canvas'),
    still: figure.querySelector('.chart-static'),
    summary: figure.querySelector('[data-chart-summary]'),
    series: (figure.dataset.chartSeries || '').split(' ').filter(Boolean).map(seriesIndex),
    look: figure.querySelector('script[data-chart-look]'),
  }));
  // Charts the module can draw again (a look in the page, and the build-time image to draw
  // into): while the sliders move, the build-time image is drawn again at the chosen
  // assumptions, at the size of the chart's box, and shown in place of the ECharts chart,
  // which is brought up to date and shown again once they rest.
  for (const c of charts) {
    const image = c.still?.querySelector('svg');
    c.height = image ? image.viewBox.baseVal.height : 0;
    try {
      const look = c.look && image ? JSON.parse(c.look.textContent) : null;
      c.live = Boolean(look) && model.setChartLook(c.index, Float64Array.from(look.nums), look.texts);
    } catch (err) {
      console.warn('Hearth: a what-if chart cannot be drawn as it changes:', err);
      c.live = false;
    }
  }
  const status = document.querySelector('[data-scenario-status]');
  const publishedStatus = status?.textContent ?? '';
  const announce = document.querySelector('[data-scenario-announce]');
  let announceTimer;

  const isDefault = () => values.every((v, i) => v === defaults[i]);

  // The chart's box width, kept from a ResizeObserver: read as a slider moves, after the
  // figures and table are written, it would lay the page out there and then (2 ms at 4x).
  const boxWidth = (c) => c.div?.clientWidth || c.still.clientWidth;
  const sized = new ResizeObserver((entries) => {
    for (const e of entries) {
      const c = charts.find((x) => x.div === e.target || x.still === e.target);
      if (c) c.width = boxWidth(c);
    }
  });
  for (const c of charts) for (const el of [c.div, c.still]) if (el && c.live) sized.observe(el);

  /** The build-time image drawn again at the last evaluation, as wide as the chart's box
   * (one unit a CSS pixel, as ECharts draws); it is then up to date. */
  function drawStill(c) {
    const width = c.width ?? boxWidth(c);
    const svg = width > 0 ? model.chartSvg(c.index, width, c.height, 'chart-static__svg') : '';
    if (svg === '') return;
    // The module's own SVG: presentation attributes only, every text escaped.
    c.still.innerHTML = svg;
    c.still.dataset.chartLive = '';
    c.stillBehind = false;
  }
  const echartsOf = (c) => (c.div && window.echarts?.getInstanceByDom(c.div)) || null;
  /** The image in the chart's box (the same box: nothing moves). */
  function showStill(c) {
    c.div?.classList.remove('chart-canvas--on');
    c.still.classList.remove('chart-static--replaced', 'chart-static--stale');
  }
  /** The ECharts chart in the chart's box again, once it has been drawn. */
  function showEcharts(c) {
    if (!echartsOf(c)) return;
    c.div.classList.add('chart-canvas--on');
    c.still.classList.add('chart-static--replaced');
  }

  let staleTimer;
  function draw(c) {
    const chart = echartsOf(c);
    if (!chart) {
      // ECharts loads apart from the sliders and has not drawn this chart yet: it is brought
      // up to date when charts.js has drawn it ('hearth:chart-drawn').
      c.stale = true;
      return;
    }
    if (c.data) chart.setOption({ series: c.data });
    c.stale = false;
    if (c.live) {
      showEcharts(c);
      // A resize while the image was shown left ECharts the hidden box's height.
      if (chart.getHeight() !== c.div.clientHeight) chart.resize();
    }
  }
  for (const c of charts) {
    c.div?.addEventListener('hearth:chart-drawn', () => {
      if (c.data) draw(c);
    });
  }
  // On screen: the chart's box, which holds the image or the ECharts chart (the other one
  // then takes no room).
  const seen = new IntersectionObserver((entries) => {
    for (const e of entries) {
      const c = charts.find((x) => x.div === e.target || x.still === e.target);
      if (!c) continue;
      if (e.target === c.div) c.divSeen = e.isIntersecting;
      else c.stillSeen = e.isIntersecting;
      c.onScreen = Boolean(c.divSeen || c.stillSeen);
      if (!c.onScreen || !c.stale) continue;
      // A chart the module draws shows its image until the sliders rest (settle() then
      // draws ECharts): drawing ECharts here, mid-move, would take the box from the image.
      if (!c.live) draw(c);
      else if (c.stillBehind) {
        drawStill(c);
        showStill(c);
      }
    }
  });
  for (const c of charts) {
    c.onScreen = true; // until the observer reports otherwise
    for (const el of [c.div, c.still]) if (el) seen.observe(el);
  }

  /** Once the sliders rest: every image up to date (for print), and every ECharts chart. */
  function settle() {
    for (const c of charts) if (c.live && c.stillBehind) drawStill(c);
    charts.filter((c) => c.stale).forEach(draw);
  }
  window.addEventListener('beforeprint', () => {
    for (const c of charts) if (c.live && c.stillBehind) drawStill(c);
  });

  // Write `text` into `el` only if it differs, into its text node where it has just one (a
  // changed text node is laid out again; a replaced one is taken out and put back).
  function setText(el, text) {
    const node = el.firstChild;
    if (node && node === el.lastChild && node.nodeType === Node.TEXT_NODE) {
      if (node.data !== text) node.data = text;
    } else if (el.textContent !== text) {
      el.textContent = text;
    }
  }

  // `first`: the page's first render, where the build-time image already shows the
  // published assumptions.
  function render(first = false) {
    model.evaluate(values);
    const outs = model.outputs();
    outputs.forEach((el, i) => {
      el.dataset.value = String(outs[i]);
      setText(el, model.outputText(i));
    });
    for (const [index, cells] of seriesCells) {
      const texts = model.seriesTexts(index);
      cells.forEach((td, step) => {
        if (td) setText(td, texts[step]);
      });
    }
    for (const c of charts) {
      if (c.summary) setText(c.summary, model.chartSummary(c.index));
      c.data = c.series.map((s) => ({ data: Array.from(model.series(s)) }));
      if (c.live) {
        // The image is drawn again now, for a chart on screen (a few milliseconds less than
        // an ECharts redraw, which waits until the sliders rest); others when they rest.
        c.stillBehind = !(first && isDefault());
        c.stale = true;
        if ((c.onScreen || first) && !(first && isDefault())) {
          drawStill(c);
          showStill(c);
        }
        continue;
      }
      // The image drawn at build time shows the published assumptions: it steps aside while
      // others are chosen (until ECharts has replaced it; the summary and table carry the
      // figures), and print leaves it out.
      c.still?.classList.toggle('chart-static--stale', !isDefault());
      // Redrawing costs a few milliseconds a chart: draw the ones on screen now and the
      // others when they scroll into view.
      if (c.onScreen) draw(c);
      else c.stale = true;
    }
    // Charts off screen, and the ECharts charts of those drawn again, catch up once the
    // sliders rest.
    clearTimeout(staleTimer);
    staleTimer = setTimeout(settle, first ? 0 : 300);
    if (status) setText(status, isDefault() ? publishedStatus : 'At your assumptions (not the published ones).');
    clearTimeout(announceTimer);
    announceTimer = setTimeout(() => {
      if (!announce) return;
      announce.textContent = outputs
        .map((el) => `${el.closest('.output')?.querySelector('dt')?.textContent ?? ''}: ${el.textContent}`)
        .join('. ');
    }, 700);
  }

  // The address follows the sliders once they rest (browsers limit how often it may change).
  let hashTimer;
  function writeHash() {
    clearTimeout(hashTimer);
    hashTimer = setTimeout(writeHashNow, 250);
  }

  function writeHashNow() {
    const params = new URLSearchParams();
    ids.forEach((id, i) => {
      if (values[i] !== defaults[i]) params.set(id, String(values[i]));
    });
    const hash = params.toString();
    const url = new URL(window.location.href);
    url.hash = hash;
    window.history.replaceState(null, '', hash ? url.href : url.href.replace(/#.*$/, ''));
  }

  function setControls(i) {
    ranges[i].value = String(values[i]);
    numbers[i].value = String(values[i]);
  }

  function readHash() {
    const params = new URLSearchParams(window.location.hash.replace(/^#/, ''));
    ids.forEach((id, i) => {
      const raw = params.get(id);
      values[i] = raw === null || raw.trim() === '' ? defaults[i] : model.tidy(i, Number(raw));
      setControls(i);
    });
  }

  ids.forEach((id, i) => {
    ranges[i].addEventListener('input', () => {
      values[i] = model.tidy(i, Number(ranges[i].value));
      numbers[i].value = String(values[i]);
      render();
      writeHash();
    });
    // While typing, use the number as far as it is valid; on leaving the field, tidy it.
    numbers[i].addEventListener('input', () => {
      if (numbers[i].value.trim() === '' || !Number.isFinite(Number(numbers[i].value))) return;
      values[i] = model.tidy(i, Number(numbers[i].value));
      ranges[i].value = String(values[i]);
      render();
      writeHash();
    });
    numbers[i].addEventListener('change', () => {
      const typed = numbers[i].value.trim() === '' ? NaN : Number(numbers[i].value);
      values[i] = Number.isFinite(typed) ? model.tidy(i, typed) : values[i];
      setControls(i);
      render();
      writeHash();
    });
  });
  form.addEventListener('submit', (e) => e.preventDefault());
  form.querySelector('[data-scenario-reset]')?.addEventListener('click', () => {
    values.set(defaults);
    ids.forEach((_, i) => setControls(i));
    render();
    clearTimeout(hashTimer);
    writeHashNow();
  });
  window.addEventListener('hashchange', () => {
    readHash();
    render();
  });

  readHash();
  form.hidden = false;
  render(true);
  form.dataset.scenarioReady = '';
  // Once the browser is idle, draw a chart's image once and throw it away: the browser then
  // compiles the module's drawing code, not in the reader's first slider move (whose handler
  // took 9-13 ms at 4x CPU slowdown before, against 1-3 ms for the moves after it).
  const warm = charts.find((c) => c.live && c.stillBehind === false);
  if (warm && self.requestIdleCallback) {
    requestIdleCallback(() => model.chartSvg(warm.index, warm.width ?? 600, warm.height, 'chart-static__svg'), { timeout: 2000 });
  }
}

async function main() {
  const forms = document.querySelectorAll('form[data-scenario]');
  if (forms.length === 0) return;
  await init();
  for (const form of forms) {
    try {
      enhance(form);
    } catch (err) {
      console.warn('Hearth: what-if inputs unavailable:', err);
    }
  }
}

main();

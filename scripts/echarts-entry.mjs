// Entry for Hearth's trimmed ECharts build (bundled by scripts/build-echarts.sh into
// site/static/vendor/echarts/echarts.min.js as an IIFE that sets window.echarts).
//
// Only what the generator's option JSON (generator/src/charts.rs, market.rs) uses:
//   series:     line, bar, pie
//   components: grid (+ category/value axes, without the axis pointer), legend (plain and
//               scroll), aria (with decal patterns). No tooltip: site/static/js/charts.js
//               writes the hovered values into an HTML readout under the chart.
//   features:   LegacyGridContainLabel, needed since ECharts 6 for grid.containLabel
//   renderer:   SVG only (site/static/js/charts.js calls init(div, null, {renderer: 'svg'}))
// If the generator starts emitting another series type or component (title, markLine,
// dataZoom, ...), add it here and rerun scripts/build-echarts.sh; an unregistered one is
// silently ignored by ECharts (a missing series type throws, and charts.js falls back to
// the data table). scripts/echarts-trim.mjs lists what is left out of the modules imported
// here (rich text, curves, time/log axes, polar bars, ...); check it too when adding options.
import { use } from 'echarts/core';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  AriaComponent,
  GridSimpleComponent,
  LegendComponent,
} from 'echarts/components';
import { LegacyGridContainLabel } from 'echarts/features';
import { SVGRenderer } from 'echarts/renderers';

use([
  LineChart,
  BarChart,
  PieChart,
  GridSimpleComponent,
  LegendComponent,
  AriaComponent,
  LegacyGridContainLabel,
  SVGRenderer,
]);

// The public API the site's scripts use (charts.js: init; scenario.js: getInstanceByDom),
// plus the usual small lifecycle helpers.
export {
  version,
  init,
  getInstanceByDom,
  getInstanceById,
  dispose,
  connect,
  disconnect,
  registerTheme,
  registerLocale,
  use,
} from 'echarts/core';

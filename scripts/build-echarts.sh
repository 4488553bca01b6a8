#!/usr/bin/env bash
# Rebuild the trimmed ECharts bundle: ./scripts/build-echarts.sh
#
# Hearth's charts need only part of ECharts (line/bar/pie series; grid, legend and aria/decal
# components; the SVG renderer), so instead of the full 1.1 MB dist build we
# vendor a custom one. This script:
#   1. installs the pinned packages below with npm into a temp folder (needs the npm
#      registry; nothing is added to the repo's own package files),
#   2. runs scripts/echarts-bundle.mjs, which bundles scripts/echarts-entry.mjs with esbuild
#      as an IIFE that sets window.echarts (the API charts.js and scenario.js use: init,
#      getInstanceByDom), leaving out what scripts/echarts-trim.mjs lists (code Hearth's
#      charts cannot reach: stubbed modules, pruned methods, narrowed imports), and minifies
#      it with terser,
#   3. smoke-tests the bundle in Node (scripts/echarts-smoke.mjs: the API exists, and a line,
#      a bar and a pie chart like the generator's render to an SVG string with their legends
#      and decal patterns),
#   4. writes site/static/vendor/echarts/echarts.min.js (same file name, so no template
#      changes), copies the licences of everything bundled (ECharts LICENSE + NOTICE, the
#      d3 subcomponent licence it refers to, zrender BSD-3-Clause, tslib 0BSD) and
#      regenerates site/static/vendor/echarts/README.md with versions, hashes, sizes and the
#      list of what is left out.
# The output is deterministic for the pinned versions. After running it, rebuild the
# generator (`cargo build --release -p hearth`; build.rs embeds site/ at compile time) and
# run ./scripts/test.sh. To add a chart type or component, edit scripts/echarts-entry.mjs
# (and remove anything it needs from scripts/echarts-trim.mjs).
set -euo pipefail

ECHARTS_VERSION=6.1.0
ECHARTS_INTEGRITY='sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA=='
ESBUILD_VERSION=0.28.2
TERSER_VERSION=5.51.4
ACORN_VERSION=8.19.0 # parser for scripts/echarts-trim.mjs (and terser's own)

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/site/static/vendor/echarts"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/hearth-echarts.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
printf '{ "name": "hearth-echarts-build", "private": true }\n' >package.json
npm install --no-audit --no-fund --save-exact --loglevel=error \
  "echarts@$ECHARTS_VERSION" "esbuild@$ESBUILD_VERSION" "terser@$TERSER_VERSION" "acorn@$ACORN_VERSION"

# Check the tarball npm fetched is the one the README records.
node -e '
  const lock = require("./package-lock.json");
  const got = lock.packages["node_modules/echarts"].integrity;
  if (got !== process.argv[1]) { console.error(`echarts integrity mismatch: ${got}`); process.exit(1); }
' "$ECHARTS_INTEGRITY"
version_of() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; }
zrender_version="$(version_of zrender)"
tslib_version="$(version_of tslib)"
# terser must use the pinned acorn (one copy at the top level), so its output is reproducible.
if [ "$(version_of terser)" != "$TERSER_VERSION" ] || [ "$(version_of acorn)" != "$ACORN_VERSION" ] \
  || [ -e node_modules/terser/node_modules/acorn ]; then
  echo "terser/acorn versions differ from the pinned ones" >&2
  exit 1
fi

cp "$repo/scripts/echarts-entry.mjs" entry.mjs
cp "$repo/scripts/echarts-trim.mjs" trim.mjs
cp "$repo/scripts/echarts-bundle.mjs" bundle.mjs
cp "$repo/scripts/echarts-smoke.mjs" smoke.mjs
banner="/*! Apache ECharts $ECHARTS_VERSION (Apache-2.0, see LICENSE and NOTICE), trimmed build for Hearth
 * (scripts/echarts-entry.mjs and echarts-trim.mjs, built by scripts/build-echarts.sh with esbuild
 * $ESBUILD_VERSION and terser $TERSER_VERSION). Bundles zrender $zrender_version (BSD-3-Clause) and tslib $tslib_version (0BSD);
 * see licenses/. */"
node bundle.mjs entry.mjs echarts.min.js "$banner"

# Smoke test: the bundle defines the API the site uses and draws the generator's chart kinds.
node smoke.mjs echarts.min.js

mkdir -p "$out/licenses"
cp echarts.min.js "$out/echarts.min.js"
cp node_modules/echarts/LICENSE "$out/LICENSE"
cp node_modules/echarts/NOTICE "$out/NOTICE"
cp node_modules/echarts/licenses/LICENSE-d3 "$out/licenses/LICENSE-d3"
cp node_modules/zrender/LICENSE "$out/licenses/LICENSE-zrender"
cp node_modules/tslib/LICENSE.txt "$out/licenses/LICENSE-tslib"

raw="$(wc -c <echarts.min.js | tr -d ' ')"
gz="$(gzip -9c echarts.min.js | wc -c | tr -d ' ')"
sha="$(sha256sum echarts.min.js | cut -d' ' -f1)"
trimmed="$(node --input-type=module -e 'import { describe } from "./trim.mjs"; console.log(describe());')"
cat >"$out/README.md" <<EOF
# Vendored Apache ECharts (trimmed build)

- Version: **$ECHARTS_VERSION** (Apache-2.0), npm package \`echarts@$ECHARTS_VERSION\` (tarball
  integrity \`$ECHARTS_INTEGRITY\`),
  with its dependencies zrender $zrender_version (BSD-3-Clause) and tslib $tslib_version (0BSD).
- \`echarts.min.js\` is **generated** by \`scripts/build-echarts.sh\` (esbuild $ESBUILD_VERSION,
  terser $TERSER_VERSION, acorn $ACORN_VERSION) from \`scripts/echarts-entry.mjs\`: only line, bar
  and pie series; grid (without the axis pointer), legend (plain and scroll) and aria (decal)
  components; grid.containLabel support; the SVG renderer. There is no tooltip:
  \`charts.js\` writes the figures of the hovered point, bar or slice into an HTML readout
  under the chart. Code those charts cannot reach is left out as listed in
  \`scripts/echarts-trim.mjs\` (below). Do not edit it by hand; change the entry or the trim
  list and rerun the script.
  - $raw bytes, $gz bytes gzipped (level 9), sha256 \`$sha\`
- \`LICENSE\`, \`NOTICE\`, \`licenses/LICENSE-d3\` are copied from the echarts package;
  \`licenses/LICENSE-zrender\` and \`licenses/LICENSE-tslib\` from the bundled dependencies.

The bundle is an IIFE that sets \`window.echarts\` (init, getInstanceByDom, dispose, ...). Pages
with charts load it as a classic script,
\`<script src="/static/vendor/echarts/echarts.min.js" defer></script>\`, before the module
\`/static/js/charts.js\`, which calls \`echarts.init(div, null, {renderer: 'svg'})\` and listens
for \`mouseover\` on series items.

## What is left out

These are reachable only through options the generator never writes or methods the site's
scripts never call. Where such a path is reached anyway, it throws an Error naming what is not
in the build (when that happens while charts.js draws a chart, it shows the data table
instead); the rest are replaced by an equivalent or by nothing, as described.

$trimmed
EOF

echo "wrote $out/echarts.min.js: $raw bytes, $gz gzipped (sha256 $sha)"

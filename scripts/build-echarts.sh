#!/usr/bin/env bash
# Rebuild the trimmed ECharts bundle: ./scripts/build-echarts.sh
#
# Hearth's charts need only part of ECharts (line/bar/pie series; grid, tooltip, legend and
# aria/decal components; the SVG renderer), so instead of the full 1.1 MB dist build we
# vendor a custom one. This script:
#   1. installs the pinned packages below with npm into a temp folder (needs the npm
#      registry; nothing is added to the repo's own package files),
#   2. bundles scripts/echarts-entry.mjs with esbuild as a minified IIFE that sets
#      window.echarts (the API charts.js and scenario.js use: init, getInstanceByDom),
#   3. writes site/static/vendor/echarts/echarts.min.js (same file name, so no template
#      changes), copies the licences of everything bundled (ECharts LICENSE + NOTICE, the
#      d3 subcomponent licence it refers to, zrender BSD-3-Clause, tslib 0BSD) and
#      regenerates site/static/vendor/echarts/README.md with versions, hashes and sizes.
# The output is deterministic for the pinned versions. After running it, rebuild the
# generator (`cargo build --release -p hearth`; build.rs embeds site/ at compile time) and
# run ./scripts/test.sh. To add a chart type or component, edit scripts/echarts-entry.mjs.
set -euo pipefail

ECHARTS_VERSION=6.1.0
ECHARTS_INTEGRITY='sha512-q0yaFPggC9FUdsWH4blavRWFmxdrIodbkoKNAjJudAI6CA9gNPxHtV2RcZNEepZVlk4yvBYkOkbk6HIVpIyHZA=='
ESBUILD_VERSION=0.28.2

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$repo/site/static/vendor/echarts"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/hearth-echarts.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

cd "$tmp"
printf '{ "name": "hearth-echarts-build", "private": true }\n' >package.json
npm install --no-audit --no-fund --save-exact --loglevel=error \
  "echarts@$ECHARTS_VERSION" "esbuild@$ESBUILD_VERSION"

# Check the tarball npm fetched is the one the README records.
node -e '
  const lock = require("./package-lock.json");
  const got = lock.packages["node_modules/echarts"].integrity;
  if (got !== process.argv[1]) { console.error(`echarts integrity mismatch: ${got}`); process.exit(1); }
' "$ECHARTS_INTEGRITY"
version_of() { node -p "require('./package-lock.json').packages['node_modules/$1'].version"; }
zrender_version="$(version_of zrender)"
tslib_version="$(version_of tslib)"

cp "$repo/scripts/echarts-entry.mjs" entry.mjs
banner="/*! Apache ECharts $ECHARTS_VERSION (Apache-2.0, see LICENSE and NOTICE), trimmed build for Hearth
 * (scripts/echarts-entry.mjs, built by scripts/build-echarts.sh with esbuild $ESBUILD_VERSION).
 * Bundles zrender $zrender_version (BSD-3-Clause) and tslib $tslib_version (0BSD); see licenses/. */"
./node_modules/.bin/esbuild entry.mjs --bundle --minify --format=iife --global-name=echarts \
  --target=es2018 --define:process.env.NODE_ENV='"production"' --legal-comments=eof \
  --banner:js="$banner" --log-level=warning --outfile=echarts.min.js

# Smoke test: the bundle defines the API the site uses.
node -e '
  const vm = require("vm");
  const ctx = { window: {}, navigator: { userAgent: "node" } };
  vm.runInNewContext(require("fs").readFileSync("echarts.min.js", "utf8") + "\nwindow.echarts = echarts;", ctx);
  for (const f of ["init", "getInstanceByDom", "dispose"]) {
    if (typeof ctx.window.echarts[f] !== "function") { console.error(`missing echarts.${f}`); process.exit(1); }
  }
'

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
cat >"$out/README.md" <<EOF
# Vendored Apache ECharts (trimmed build)

- Version: **$ECHARTS_VERSION** (Apache-2.0), npm package \`echarts@$ECHARTS_VERSION\` (tarball
  integrity \`$ECHARTS_INTEGRITY\`),
  with its dependencies zrender $zrender_version (BSD-3-Clause) and tslib $tslib_version (0BSD).
- \`echarts.min.js\` is **generated** by \`scripts/build-echarts.sh\` (esbuild $ESBUILD_VERSION) from
  \`scripts/echarts-entry.mjs\`: only line, bar and pie series; grid, tooltip, legend (plain and
  scroll) and aria (decal) components; grid.containLabel support; the SVG renderer. Do not edit
  it by hand; change the entry and rerun the script.
  - $raw bytes, $gz bytes gzipped (level 9), sha256 \`$sha\`
- \`LICENSE\`, \`NOTICE\`, \`licenses/LICENSE-d3\` are copied from the echarts package;
  \`licenses/LICENSE-zrender\` and \`licenses/LICENSE-tslib\` from the bundled dependencies.

The bundle is an IIFE that sets \`window.echarts\` (init, getInstanceByDom, dispose, ...). Pages
with charts load it as a classic script,
\`<script src="/static/vendor/echarts/echarts.min.js" defer></script>\`, before the module
\`/static/js/charts.js\`, which calls \`echarts.init(div, null, {renderer: 'svg'})\`.
EOF

echo "wrote $out/echarts.min.js: $raw bytes, $gz gzipped (sha256 $sha)"

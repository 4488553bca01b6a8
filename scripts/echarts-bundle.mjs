// Bundle and minify Hearth's trimmed ECharts (run by scripts/build-echarts.sh from its temp
// folder, where it is copied next to entry.mjs, trim.mjs and the pinned node_modules).
//
//   node bundle.mjs ENTRY OUTFILE BANNER
//
// 1. esbuild bundles ENTRY as an IIFE setting `echarts`, with a plugin applying
//    scripts/echarts-trim.mjs (stubbed modules, pruned methods, narrowed imports); the build
//    fails if any listed entry is not found.
// 2. terser minifies the bundle (it packs ECharts' ES5-style code about 5% smaller than
//    esbuild's minifier does).
// 3. BANNER is prepended, then V8's explicit compile hint `//# allFunctionsCalledOnLoad`:
//    a page that loads ECharts draws a chart at once, which calls most of the bundle, so
//    Chromium (136 and later) compiles every function while the file streams in rather than
//    each one lazily on the main thread at its first call. On the example's measure page at
//    4x CPU that took the chart's first draw from about 350 ms to about 200 ms of main thread.
//    Other engines read it as a comment. The bundled licence comments stay at the end.
import fs from 'node:fs';
import path from 'node:path';
import * as acorn from 'acorn';
import * as esbuild from 'esbuild';
import { minify } from 'terser';
import { NARROW, PRUNE, STUBS, pruneMethods } from './trim.mjs';

const [entry, outfile, banner] = process.argv.slice(2);
if (!entry || !outfile || banner === undefined) {
  console.error('usage: node bundle.mjs ENTRY OUTFILE BANNER');
  process.exit(2);
}
const modules = path.resolve('node_modules');
const abs = (rel) => path.join(modules, rel);

const stubs = new Map(STUBS.map((s) => [abs(s.module), s]));
const prunes = new Map();
for (const p of PRUNE) prunes.set(abs(p.module), [...(prunes.get(abs(p.module)) ?? []), p]);
const narrows = NARROW.map((n) => ({ ...n, importerPath: abs(n.importer), modulePath: abs(n.module) }));
for (const file of [...stubs.keys(), ...prunes.keys(), ...narrows.flatMap((n) => [n.importerPath, n.modulePath])]) {
  if (!fs.existsSync(file)) throw new Error(`echarts-trim: ${path.relative(modules, file)} does not exist`);
}
const applied = new Set();

const trim = {
  name: 'hearth-echarts-trim',
  setup(build) {
    build.onResolve({ filter: /./ }, async (args) => {
      if (args.namespace !== 'file' || args.pluginData?.narrowed) return undefined;
      const n = narrows.find((x) => x.importerPath === args.importer);
      if (!n) return undefined;
      const resolved = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        importer: args.importer,
        pluginData: { narrowed: true },
      });
      if (resolved.errors.length || resolved.path !== n.modulePath) return resolved.errors.length ? resolved : undefined;
      applied.add(`narrow:${n.importer}`);
      return { path: `${n.importer} -> ${n.module}`, namespace: 'hearth-narrow', pluginData: n };
    });
    build.onLoad({ filter: /./, namespace: 'hearth-narrow' }, (args) => ({
      contents: `export { ${args.pluginData.names.join(', ')} } from ${JSON.stringify(args.pluginData.modulePath)};`,
      loader: 'js',
      resolveDir: path.dirname(args.pluginData.modulePath),
    }));
    build.onLoad({ filter: /\.js$/ }, (args) => {
      const stub = stubs.get(args.path);
      if (stub) {
        applied.add(`stub:${stub.module}`);
        return { contents: stub.code, loader: 'js', resolveDir: path.dirname(args.path) };
      }
      const pruneList = prunes.get(args.path);
      if (pruneList) {
        let code = fs.readFileSync(args.path, 'utf8');
        for (const prune of pruneList) code = pruneMethods(acorn, code, prune);
        applied.add(`prune:${pruneList[0].module}`);
        return { contents: code, loader: 'js' };
      }
      return undefined;
    });
  },
};

const result = await esbuild.build({
  entryPoints: [entry],
  bundle: true,
  format: 'iife',
  globalName: 'echarts',
  target: 'es2018',
  define: { 'process.env.NODE_ENV': '"production"' },
  legalComments: 'eof',
  plugins: [trim],
  write: false,
  logLevel: 'warning',
});

const expected = [
  ...STUBS.map((s) => `stub:${s.module}`),
  ...new Set(PRUNE.map((p) => `prune:${p.module}`)),
  ...NARROW.map((n) => `narrow:${n.importer}`),
];
const unused = expected.filter((k) => !applied.has(k));
if (unused.length) throw new Error(`echarts-trim entries not reached by the bundle: ${unused.join(', ')}`);

const bundled = result.outputFiles[0].text;
const min = await minify(bundled, {
  ecma: 2018,
  // pure_getters: ECharts and zrender define no getters with side effects (only the lazy
  // legacy position/scale/origin arrays on Element), so unused property reads may go.
  compress: { passes: 2, pure_getters: true },
  mangle: true,
  format: { ecma: 2018, comments: 'some' },
});
fs.writeFileSync(outfile, `${banner}\n//# allFunctionsCalledOnLoad\n${min.code}\n`);

// Builds everything the packaged app needs into dist/, with Vite's JS API:
//   1. the renderer, with the root vite.config.ts (-> dist/renderer)
//   2. the Node-side bundles below. Every dependency (broker-core, zod, ws, ...) is bundled in; only
//      `electron` and Node's built-ins stay external, plus
//   3. the native addons in RUNTIME_ADDONS, which can't be bundled: they are copied with their
//      prebuilt platform packages into dist/node_modules/, where the bundles' run-time
//      `createRequire(...)` finds them (electron-builder unpacks their .node files from the asar).
//      Each one is optional at run time: the code that loads it falls back to plain JS.
//
// Usage: node scripts/build.mjs
// For local testing only, EDDY_BUILD_FALLBACK_DIR=<dir> names a directory laid out like this repo
// whose files stand in for entries (and vite.config.ts) that don't exist in the repo yet.
import { cpSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
process.chdir(root); // the renderer config's paths are relative to the repo root
const fallbackDir = process.env.EDDY_BUILD_FALLBACK_DIR;

const bundles = [
  { entry: 'electron/main/index.ts', out: 'dist/main/index.js', format: 'es', external: ['electron'] },
  // Sandboxed preloads can't be ESM: CommonJS, in one file.
  { entry: 'electron/preload/index.ts', out: 'dist/preload/index.cjs', format: 'cjs', external: ['electron'] },
  { entry: 'electron/serve/cli.ts', out: 'dist/serve/cli.js', format: 'es', external: [] },
  { entry: 'broker-core/src/cli.ts', out: 'dist/broker/cli.js', format: 'es', external: [] },
  // The message search's worker thread, started by the main and serve bundles from ../workers/.
  { entry: 'electron/host/messages/search-worker.ts', out: 'dist/workers/search-worker.js', format: 'es', external: [] },
];

/** Absolute path of a repo file, or of its stand-in under EDDY_BUILD_FALLBACK_DIR; null if neither exists. */
function locate(file) {
  if (existsSync(join(root, file))) return join(root, file);
  if (fallbackDir && existsSync(join(fallbackDir, file))) {
    console.warn(`build: ${file} is missing from the repo, using the stand-in ${join(fallbackDir, file)}`);
    return join(fallbackDir, file);
  }
  return null;
}

const rendererConfig = locate('vite.config.ts');
const entries = bundles.map((b) => ({ ...b, path: locate(b.entry) }));
const missing = [...(rendererConfig ? [] : ['vite.config.ts (renderer)']), ...entries.filter((b) => !b.path).map((b) => b.entry)];
if (missing.length > 0) {
  console.error(`build: missing entry file(s): ${missing.join(', ')}`);
  process.exit(1);
}

const isBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id.split('/')[0]);
const started = Date.now();
rmSync(join(root, 'dist'), { recursive: true, force: true }); // nothing stale may end up in the package

async function step(what, options) {
  try {
    return await build(options);
  } catch (error) {
    console.error(`build: ${what} failed:\n${error.message}`);
    process.exit(1);
  }
}

await step(`the renderer (${relative(root, rendererConfig)})`, { configFile: rendererConfig, logLevel: 'warn' });
if (!existsSync(join(root, 'dist/renderer/index.html'))) {
  console.error(`build: the renderer build (${relative(root, rendererConfig)}) did not produce dist/renderer/index.html`);
  process.exit(1);
}
console.log('build: renderer -> dist/renderer');

for (const b of entries) {
  const result = await step(b.entry, {
    configFile: false,
    envDir: false,
    root,
    publicDir: false,
    logLevel: 'warn',
    ssr: { target: 'node', noExternal: true, external: b.external },
    resolve: {
      // @platformatic/kafka's codecs (wasm-utils) read native.wasm beside their own file; the
      // bundled build of the same module carries the WebAssembly inline, so the bundle needs no file.
      alias: [{ find: /^@platformatic\/wasm-utils$/, replacement: '@platformatic/wasm-utils/bundled' }],
    },
    build: {
      ssr: b.path,
      outDir: dirname(join(root, b.out)),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      sourcemap: true,
      copyPublicDir: false,
      rolldownOptions: {
        output: { format: b.format, entryFileNames: b.out.split('/').pop(), codeSplitting: false },
      },
    },
  });
  // The app ships no node_modules: a bundle may only import electron and Node's built-ins at run time.
  const chunks = (Array.isArray(result) ? result : [result]).flatMap((r) => r.output).filter((o) => o.type === 'chunk');
  const leaked = [...new Set(chunks.flatMap((c) => [...c.imports, ...c.dynamicImports]))].filter(
    (id) => !b.external.includes(id) && !isBuiltin(id) && !chunks.some((c) => c.fileName === id),
  );
  if (leaked.length > 0) {
    console.error(`build: ${b.out} would import ${leaked.join(', ')} at run time; bundle them or make them Node built-ins`);
    process.exit(1);
  }
  console.log(`build: ${b.entry} -> ${b.out}`);
}

/** Native addons loaded at run time (see broker-core/src/records/crc32c.ts), with their platform packages. */
const RUNTIME_ADDONS = [{ scope: '@node-rs', name: 'crc32' }];
for (const addon of RUNTIME_ADDONS) {
  const scopeDir = join(root, 'node_modules', addon.scope);
  const packages = existsSync(scopeDir) ? readdirSync(scopeDir).filter((dir) => dir === addon.name || dir.startsWith(`${addon.name}-`)) : [];
  if (!packages.includes(addon.name) || packages.length < 2) {
    console.warn(`build: ${addon.scope}/${addon.name} or its prebuilt platform package is not installed; the app will use its JS fallback`);
  }
  for (const dir of packages) cpSync(join(scopeDir, dir), join(root, 'dist/node_modules', addon.scope, dir), { recursive: true });
  console.log(`build: ${packages.map((dir) => `${addon.scope}/${dir}`).join(', ') || 'nothing'} -> dist/node_modules`);
}

console.log(`build: done in ${((Date.now() - started) / 1000).toFixed(1)}s`);

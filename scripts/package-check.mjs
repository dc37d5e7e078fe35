// Packaging check, run by `npm test`: validates electron-builder.yml, builds the app, packages it for
// Linux (dir + tar.gz) against a stub Electron distribution (Electron's binaries can't be downloaded
// here) and inspects what came out. Each assertion is one check; the last line reads
// `package: N passed, M failed` and the exit code is non-zero if any check failed.
//
// Usage: node scripts/package-check.mjs [--skip-build] [--keep]
//   --skip-build  package the dist/ that is already there instead of running scripts/build.mjs
//   --keep        keep the temporary directory (it is always kept when a check fails)
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { accessSync, constants, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { parse as parseJs } from 'acorn';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createStubElectron } from './package-check/stub-electron.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = new Set(process.argv.slice(2));
const started = Date.now();
let passed = 0;
let failed = 0;
let workDir = null;

function check(name, ok, detail) {
  if (ok) passed++;
  else failed++;
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok && detail) console.log(String(detail).trimEnd().replace(/^/gm, '         '));
  return ok;
}

function finish() {
  if (workDir && (failed > 0 || args.has('--keep'))) console.log(`\nkept ${workDir} for inspection`);
  else if (workDir) rmSync(workDir, { recursive: true, force: true });
  console.log(`\ntook ${((Date.now() - started) / 1000).toFixed(1)}s`);
  console.log(`package: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 ? 1 : 0);
}

const ansiColors = new RegExp(`${String.fromCharCode(27)}\\[[0-9;]*m`, 'g');
const tail = (text, lines = 25) => text.replace(ansiColors, '').trimEnd().split('\n').slice(-lines).join('\n');
const list = (items) => items.slice(0, 15).join(', ') + (items.length > 15 ? `, … (${items.length} in all)` : '');
const targetsOf = (platform) =>
  [platform?.target ?? []].flat().map((t) => (typeof t === 'string' ? t : t.target));

// --- electron-builder's own libraries, resolved the way electron-builder itself resolves them ---
console.log('toolchain');
let tools;
try {
  const ebPackageJson = createRequire(import.meta.url).resolve('electron-builder/package.json');
  const ablRequire = createRequire(createRequire(ebPackageJson).resolve('app-builder-lib/package.json'));
  tools = {
    ebCli: join(dirname(ebPackageJson), 'cli.js'),
    ebVersion: JSON.parse(readFileSync(ebPackageJson, 'utf8')).version,
    asar: ablRequire('@electron/asar'),
    fuses: ablRequire('@electron/fuses'),
    yaml: ablRequire('js-yaml'),
    validateConfiguration: ablRequire('./out/util/config/config.js').validateConfiguration,
  };
  check(`electron-builder ${tools.ebVersion}, its config validator, @electron/asar and @electron/fuses resolve`, true);
} catch (error) {
  check('electron-builder, its config validator, @electron/asar and @electron/fuses resolve', false, error.message);
  finish();
}

// --- (a) the configuration ---
console.log('\nelectron-builder.yml');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
let config;
try {
  config = tools.yaml.load(readFileSync(join(root, 'electron-builder.yml'), 'utf8'));
  check('parses as YAML', config != null && typeof config === 'object');
} catch (error) {
  check('parses as YAML', false, error.message);
  finish();
}

const schemaErrors = async (candidate) => {
  try {
    await tools.validateConfiguration(structuredClone(candidate), { isEnabled: false, add() {} });
    return null;
  } catch (error) {
    return error.message;
  }
};
const schemaError = await schemaErrors(config);
check(`valid for electron-builder ${tools.ebVersion}'s schema (unknown keys rejected)`, schemaError == null, schemaError);
// Probes: the same validation must reject an unknown key at the top level and inside a section.
const topProbe = await schemaErrors({ ...config, notAnOption: true });
const nestedProbe = await schemaErrors({ ...config, linux: { ...config.linux, notAnOption: true } });
check('that validation rejects unknown keys (probes: notAnOption, linux.notAnOption)', topProbe?.includes('notAnOption') && nestedProbe != null,
  `top-level probe: ${topProbe ?? 'accepted'}\nlinux probe: ${nestedProbe ?? 'accepted'}`);

const expectEqual = (name, actual, expected) =>
  check(`${name} = ${JSON.stringify(expected)}`, actual === expected, `found ${JSON.stringify(actual)}`);
expectEqual('appId', config.appId, 'dev.eddy.app');
expectEqual('productName', config.productName, 'Eddy');
expectEqual('directories.output', config.directories?.output, 'release');
expectEqual('asar', config.asar, true);
expectEqual('extraMetadata.main', config.extraMetadata?.main, 'dist/main/index.js');

const electronWanted = pkg.optionalDependencies?.electron;
const installedElectronJson = join(root, 'node_modules', 'electron', 'package.json');
const electronInstalled = existsSync(installedElectronJson) ? JSON.parse(readFileSync(installedElectronJson, 'utf8')).version : null;
check(
  `electronVersion ${config.electronVersion} matches package.json optionalDependencies.electron${electronInstalled ? ' and node_modules/electron' : ''}`,
  config.electronVersion != null && config.electronVersion === electronWanted && (electronInstalled == null || electronInstalled === electronWanted),
  `electronVersion ${config.electronVersion}, package.json ${electronWanted}, installed ${electronInstalled}`,
);

const filePatterns = [config.files ?? []].flat();
const includes = filePatterns.filter((p) => typeof p !== 'string' || !p.startsWith('!'));
check(
  'files includes only dist/** and package.json',
  includes.includes('package.json') && includes.some((p) => p === 'dist/**' || p === 'dist/**/*') &&
    includes.every((p) => p === 'package.json' || (typeof p === 'string' && p.startsWith('dist/'))),
  `files: ${JSON.stringify(filePatterns)}`,
);
check(
  'files excludes node_modules (electron, an optionalDependency, would otherwise be packaged)',
  filePatterns.some((p) => typeof p === 'string' && /^!(\*\*\/)?node_modules/.test(p)),
  `files: ${JSON.stringify(filePatterns)}`,
);
// The only runtime dependencies are native addons, copied into dist/node_modules by the build.
const RUNTIME_ADDONS = ['@node-rs/crc32'];
check(
  `package.json's runtime dependencies are only the native addons the build copies (${RUNTIME_ADDONS.join(', ')}); everything else is bundled into dist/`,
  Object.keys(pkg.dependencies ?? {}).every((name) => RUNTIME_ADDONS.includes(name)),
  `dependencies: ${Object.keys(pkg.dependencies ?? {}).join(', ')}`,
);
check('asarUnpack unpacks the addons\' .node files', [config.asarUnpack ?? []].flat().includes('dist/node_modules/**/*.node'), `asarUnpack: ${JSON.stringify(config.asarUnpack)}`);
check('asarUnpack unpacks the worker threads (dist/workers/)', [config.asarUnpack ?? []].flat().includes('dist/workers/**'), `asarUnpack: ${JSON.stringify(config.asarUnpack)}`);

const hasTargets = (platform, wanted) => {
  const found = targetsOf(config[platform]);
  return check(`${platform} targets include ${wanted.join(', ')}`, wanted.every((t) => found.includes(t)), `found ${JSON.stringify(found)}`);
};
hasTargets('linux', ['AppImage', 'deb', 'tar.gz']);
hasTargets('mac', ['dmg']);
hasTargets('win', ['nsis']);
expectEqual('linux.category', config.linux?.category, 'Development');
check('linux.maintainer and linux.synopsis are set (deb)', Boolean(config.linux?.maintainer && config.linux?.synopsis));
expectEqual('mac.category', config.mac?.category, 'public.app-category.developer-tools');

const expectedFuses = {
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
};
const fuseMismatches = Object.entries(expectedFuses).filter(([k, v]) => config.electronFuses?.[k] !== v);
check(
  'electronFuses: runAsNode=false, cookie encryption on, NODE_OPTIONS and --inspect off, asar integrity on, only app.asar',
  fuseMismatches.length === 0,
  fuseMismatches.map(([k, v]) => `${k}: expected ${v}, found ${config.electronFuses?.[k]}`).join('\n'),
);

const iconPath = join(root, config.icon ?? 'build/icon.png');
const icon = existsSync(iconPath) ? readFileSync(iconPath) : null;
const iconOk = icon?.subarray(1, 4).toString() === 'PNG' && icon.readUInt32BE(16) >= 512 && icon.readUInt32BE(20) >= 512;
check(`icon ${config.icon} is a PNG of at least 512x512`, iconOk, icon ? `${icon.readUInt32BE(16)}x${icon.readUInt32BE(20)}` : 'missing');

// --- (b) the build ---
console.log('\nbuild');
if (args.has('--skip-build')) {
  console.log('  (skipped: --skip-build)');
} else {
  const build = spawnSync(process.execPath, [join(root, 'scripts', 'build.mjs')], { cwd: root, encoding: 'utf8' });
  const output = `${build.stdout}${build.stderr}`;
  if (build.status === 0 && output.includes('stand-in')) console.log(tail(output).replace(/^/gm, '       | '));
  if (!check('node scripts/build.mjs', build.status === 0, tail(output))) finish();
}
const bundles = ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/serve/cli.js', 'dist/broker/cli.js', 'dist/workers/search-worker.js'];
const builtMissing = [...bundles, 'dist/renderer/index.html'].filter((f) => !existsSync(join(root, f)));
if (!check('dist/ holds the main, preload, serve, broker and search-worker bundles and the renderer', builtMissing.length === 0, `missing ${list(builtMissing)}`)) finish();

// --- (c) package for Linux against a stub Electron ---
console.log(`\nelectron-builder --linux dir tar.gz (stub Electron ${config.electronVersion})`);
workDir = mkdtempSync(join(tmpdir(), 'eddy-package-check-'));
const stubDist = createStubElectron(join(workDir, 'electron-dist'), config.electronVersion);
const outDir = join(workDir, 'out');
const sevenZip = [process.env.ELECTRON_BUILDER_7ZIP_PATH, '/usr/bin/7za', ...(process.env.PATH ?? '').split(delimiter).map((d) => join(d, '7za'))]
  .find((p) => p && existsSync(p));
check('7za is available (tar.gz needs it; electron-builder would otherwise download it)', sevenZip != null, 'install it: apt-get install p7zip-full (or set ELECTRON_BUILDER_7ZIP_PATH)');
const targets = sevenZip ? ['dir', 'tar.gz'] : ['dir'];
const env = { ...process.env, CSC_IDENTITY_AUTO_DISCOVERY: 'false' };
if (sevenZip) env.ELECTRON_BUILDER_7ZIP_PATH = sevenZip;
const ebArgs = [tools.ebCli, '--linux', ...targets, '--x64', '--publish', 'never', `-c.electronDist=${stubDist}`, `-c.directories.output=${outDir}`];
const packaging = spawnSync(process.execPath, ebArgs, { cwd: root, env, encoding: 'utf8', timeout: 150_000 });
const packagingLog = `${packaging.stdout ?? ''}${packaging.stderr ?? ''}${packaging.error ? `\n${packaging.error.message}` : ''}`;
writeFileSync(join(workDir, 'electron-builder.log'), packagingLog);
if (!check(`electron-builder ${targets.join(' + ')} succeeds`, packaging.status === 0, tail(packagingLog))) finish();

const executableName = config.linux?.executableName ?? config.executableName ?? pkg.name;
const appDir = join(outDir, 'linux-unpacked');
const executable = join(appDir, executableName);
let executableOk = existsSync(executable);
try {
  accessSync(executable, constants.X_OK);
} catch {
  executableOk = false;
}
check(`linux-unpacked/${executableName} is executable`, executableOk);
if (executableOk) {
  // The stub carries a real fuse wire, so these are the fuses electron-builder actually flipped.
  const wire = await tools.fuses.getCurrentFuseWire(executable);
  const names = { runAsNode: 'RunAsNode', enableCookieEncryption: 'EnableCookieEncryption', enableNodeOptionsEnvironmentVariable: 'EnableNodeOptionsEnvironmentVariable', enableNodeCliInspectArguments: 'EnableNodeCliInspectArguments', enableEmbeddedAsarIntegrityValidation: 'EnableEmbeddedAsarIntegrityValidation', onlyLoadAppFromAsar: 'OnlyLoadAppFromAsar' };
  const wrong = Object.entries(expectedFuses).filter(([k, v]) => wire[tools.fuses.FuseV1Options[names[k]]] !== (v ? 49 : 48));
  check('electron-builder flipped the configured fuses in the executable (the stub carries a real fuse wire)', wrong.length === 0, wrong.map(([k, v]) => `${k}: expected ${v}, byte ${wire[tools.fuses.FuseV1Options[names[k]]]}`).join('\n'));
}

// --- (d) what is inside app.asar ---
console.log('\napp.asar');
const asarPath = join(appDir, 'resources', 'app.asar');
if (!check('linux-unpacked/resources/app.asar exists', existsSync(asarPath))) finish();
const entries = tools.asar.listPackage(asarPath).map((p) => p.replace(/\\/g, '/').replace(/^\//, ''));
const has = (p) => entries.includes(p);
const readEntry = (p) => tools.asar.extractFile(asarPath, p).toString('utf8');

for (const bundle of bundles) check(`contains ${bundle}`, has(bundle));

if (check('contains dist/renderer/index.html', has('dist/renderer/index.html'))) {
  const html = readEntry('dist/renderer/index.html');
  const localRefs = [...html.matchAll(/\b(?:src|href)\s*=\s*["']([^"']+)["']/g)].map((m) => m[1])
    .filter((ref) => !/^(?:[a-z]+:|\/\/|#)/i.test(ref));
  const absolute = localRefs.filter((ref) => ref.startsWith('/'));
  check("index.html references its assets relatively (base './', loadable from the package)", absolute.length === 0, `absolute: ${list(absolute)}`);
  const refs = localRefs.map((ref) => posix.normalize(posix.join('dist/renderer', ref.split(/[?#]/)[0])));
  const missingRefs = refs.filter((ref) => !has(ref));
  const assets = entries.filter((e) => e.startsWith('dist/renderer/assets/'));
  check(`contains the renderer assets index.html references (${refs.length} referenced, ${assets.length} under assets/)`, missingRefs.length === 0 && refs.length > 0 && assets.length > 0,
    missingRefs.length ? `missing ${list(missingRefs)}` : 'index.html references no local assets or dist/renderer/assets/ is empty');
}

if (check('contains package.json', has('package.json'))) {
  const packaged = JSON.parse(readEntry('package.json'));
  expectEqual('package.json main', packaged.main, 'dist/main/index.js');
  expectEqual('package.json type (the main bundle is ESM)', packaged.type, 'module');
}

const outside = entries.filter((e) => e !== 'package.json' && e !== 'dist' && !e.startsWith('dist/'));
check('holds nothing but dist/** and package.json', outside.length === 0, `also holds ${list(outside)}`);
const sources = entries.filter((e) => /^(broker-core|electron|renderer|e2e|scripts|src)(\/|$)/.test(e) || /\.(ts|tsx|mts|cts)$/.test(e) || /\.(test|spec)\./.test(e));
check('holds no sources (broker-core/, electron/, renderer/, e2e/, scripts/, *.ts, *.test.*)', sources.length === 0, list(sources));
const nodeModules = entries.filter((e) => e.split('/').includes('node_modules'));
// dist/node_modules/@node-rs/crc32 and its platform packages (dist/node_modules/@node-rs/crc32-<platform>).
const addonEntry = (e) => RUNTIME_ADDONS.some((name) => `dist/node_modules/${name}`.startsWith(e) || e.startsWith(`dist/node_modules/${name}`));
const strayModules = nodeModules.filter((e) => !addonEntry(e));
check(`holds no node_modules but the native addons' (${RUNTIME_ADDONS.join(', ')}, with their platform packages)`, strayModules.length === 0, list(strayModules));
for (const name of RUNTIME_ADDONS) check(`contains dist/node_modules/${name}/package.json`, has(`dist/node_modules/${name}/package.json`));
// Each addon's .node files lie outside the asar (a native module can't load from inside one), and load.
const unpackedRoot = join(appDir, 'resources', 'app.asar.unpacked');
const nodeFiles = entries.filter((e) => e.endsWith('.node'));
const unpackedMissing = nodeFiles.filter((e) => !existsSync(join(unpackedRoot, e)));
check(`its .node files (${nodeFiles.length}) are in app.asar.unpacked`, nodeFiles.length > 0 && unpackedMissing.length === 0, nodeFiles.length ? `missing ${list(unpackedMissing)}` : 'no .node file in the asar');
// The search worker is started from a file path: it must be outside the asar too.
check('dist/workers/search-worker.js is in app.asar.unpacked', existsSync(join(unpackedRoot, 'dist/workers/search-worker.js')));
const crcAddon = nodeFiles.find((e) => e.startsWith(`dist/node_modules/@node-rs/crc32-${process.platform}-${process.arch}`));
if (check(`the CRC32C addon for this platform (${process.platform}-${process.arch}) is packaged`, crcAddon !== undefined, list(nodeFiles))) {
  // Loaded from where Electron loads it (outside the asar), it must give the standard check value.
  const probe = spawnSync(process.execPath, ['-e', `const m = require(${JSON.stringify(join(unpackedRoot, crcAddon))}); process.stdout.write(String(m.crc32c(Buffer.from('123456789')) >>> 0))`], { encoding: 'utf8' });
  check('the unpacked CRC32C addon loads and gives the standard check value', probe.stdout === String(0xe3069283), probe.stderr || probe.stdout);
}

// Besides the native addons, the app ships no node_modules: a bundle may only load what its runtime provides.
// Its loads are read from its syntax tree (acorn), so text that only looks like a load (client code
// the app generates as snippets, inside strings) is not taken for one: import/export … from, import(),
// and require()/__require() of a string literal.
const isBuiltin = (id) => id.startsWith('node:') || builtinModules.includes(id);
const runtimeImports = (code, sourceType) => {
  const ids = [];
  const literal = (node) => (node && node.type === 'Literal' && typeof node.value === 'string' ? node.value : null);
  const visit = (node) => {
    if (!node || typeof node.type !== 'string') return;
    if ((node.type === 'ImportDeclaration' || node.type === 'ExportNamedDeclaration' || node.type === 'ExportAllDeclaration') && literal(node.source)) ids.push(node.source.value);
    if (node.type === 'ImportExpression' && literal(node.source)) ids.push(node.source.value);
    if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && (node.callee.name === 'require' || node.callee.name === '__require') && literal(node.arguments[0])) ids.push(node.arguments[0].value);
    for (const key of Object.keys(node)) {
      const child = node[key];
      if (Array.isArray(child)) child.forEach(visit);
      else if (child && typeof child === 'object' && typeof child.type === 'string') visit(child);
    }
  };
  visit(parseJs(code, { ecmaVersion: 'latest', sourceType, allowHashBang: true, allowReturnOutsideFunction: true }));
  return ids;
};
const selfContained = (bundle, allowed, what) => {
  if (!has(bundle)) return;
  const code = readEntry(bundle);
  const bad = [...new Set(runtimeImports(code, bundle.endsWith('.cjs') ? 'script' : 'module'))].filter((id) => !allowed(id) && !(id.startsWith('.') && has(posix.join(posix.dirname(bundle), id))));
  const esm = bundle.endsWith('.cjs') && /^\s*(?:import\s[^(]|export\s)/m.test(code);
  check(`${bundle} loads only ${what}${bundle.endsWith('.cjs') ? ', as CommonJS' : ''}`, bad.length === 0 && !esm, [bad.length ? `loads ${list(bad)}` : '', esm ? 'contains ESM import/export statements' : ''].filter(Boolean).join('\n'));
};
selfContained('dist/main/index.js', (id) => id === 'electron' || isBuiltin(id), 'electron and Node built-ins');
for (const bundle of ['dist/main/index.js', 'dist/serve/cli.js', 'dist/broker/cli.js']) {
  if (has(bundle)) check(`${bundle} loads the CRC32C addon at run time (createRequire)`, /createRequire\(import\.meta\.url\)\("@node-rs\/crc32"\)/.test(readEntry(bundle)));
}
// A sandboxed preload can require only these.
selfContained('dist/preload/index.cjs', (id) => ['electron', 'events', 'timers', 'url', 'node:events', 'node:timers', 'node:url'].includes(id), 'what a sandboxed preload can require (electron, events, timers, url)');
selfContained('dist/serve/cli.js', isBuiltin, 'Node built-ins');
selfContained('dist/broker/cli.js', isBuiltin, 'Node built-ins');
selfContained('dist/workers/search-worker.js', isBuiltin, 'Node built-ins');

// --- (e) the tar.gz ---
if (targets.includes('tar.gz')) {
  console.log('\ntar.gz');
  const tarball = readdirSync(outDir).find((f) => f.endsWith('.tar.gz'));
  if (check(`a .tar.gz was produced${tarball ? ` (${tarball})` : ''}`, tarball != null, readdirSync(outDir).join(', '))) {
    const tarPath = join(outDir, tarball);
    const prefix = tarball.slice(0, -'.tar.gz'.length);
    const listing = spawnSync('tar', ['-tzf', tarPath], { encoding: 'utf8' });
    const members = (listing.stdout ?? '').split('\n').map((m) => m.replace(/^\.\//, ''));
    const inTar = `${prefix}/resources/app.asar`;
    check(`contains ${inTar} and ${prefix}/${executableName}`, members.includes(inTar) && members.includes(`${prefix}/${executableName}`), listing.stderr || list(members.filter(Boolean)));
    const packed = spawnSync('tar', ['-xzOf', tarPath, inTar], { maxBuffer: 1 << 30 });
    const sha = (buf) => createHash('sha256').update(buf).digest('hex');
    check('its app.asar is the one in linux-unpacked', packed.status === 0 && sha(packed.stdout) === sha(readFileSync(asarPath)), packed.stderr?.toString());
  }
}

finish();

/**
 * The built app the shell tier loads: dist/main/index.js, dist/preload/index.cjs (with the worker
 * thread it starts, dist/workers/search-worker.js) and the page the
 * window loads (dist/renderer/index.html), built by scripts/build.mjs when missing or older than
 * any of their sources, then copied with package.json (which makes the bundle ESM) and the runtime
 * addons (dist/node_modules) to a temporary directory laid out like the packaged app. The tests run
 * that copy, so a concurrent build (the package tier, `npm start`) cannot change it under them.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const repoRoot = join(import.meta.dirname, '..', '..');

const BUILT = ['dist/main/index.js', 'dist/preload/index.cjs', 'dist/renderer/index.html', 'dist/workers/search-worker.js'];

/** What the three built files are made from (tests excluded). */
const SOURCES = [
  'electron/main',
  'electron/preload',
  'electron/contract',
  'electron/host',
  'broker-core/src',
  'renderer/index.html',
  'vite.config.ts',
  'scripts/build.mjs',
  'package.json',
  'package-lock.json',
];

function newestSourceMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return /\.test\.tsx?$/.test(path) ? 0 : stat.mtimeMs;
  return readdirSync(path).reduce((newest, entry) => Math.max(newest, newestSourceMtime(join(path, entry))), 0);
}

/** Why the build must be (re)made, or null when dist/ is up to date. */
export function staleReason(root = repoRoot): string | null {
  const missing = BUILT.filter((file) => !existsSync(join(root, file)));
  if (missing.length > 0) return `${missing.join(', ')} missing`;
  const builtAt = Math.min(...BUILT.map((file) => statSync(join(root, file)).mtimeMs));
  const stale = SOURCES.filter((source) => newestSourceMtime(join(root, source)) > builtAt);
  return stale.length > 0 ? `${stale.join(', ')} changed since the last build` : null;
}

/** Builds if needed, then copies the built app to a new temporary directory and returns it. */
export function prepareBuiltApp(log: (line: string) => void = console.log): string {
  const reason = staleReason();
  if (reason) {
    log(`shell: building the app (${reason}): node scripts/build.mjs`);
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: repoRoot, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`shell: node scripts/build.mjs failed (exit ${build.status}):\n${build.stdout}\n${build.stderr}`);
    const after = staleReason();
    if (after) throw new Error(`shell: the build did not bring dist/ up to date: ${after}`);
  }
  const appDir = mkdtempSync(join(tmpdir(), 'eddy-shell-app-'));
  cpSync(join(repoRoot, 'package.json'), join(appDir, 'package.json'));
  for (const dir of ['dist/main', 'dist/preload', 'dist/renderer', 'dist/workers', 'dist/node_modules']) {
    if (existsSync(join(repoRoot, dir))) cpSync(join(repoRoot, dir), join(appDir, dir), { recursive: true });
  }
  const copied = BUILT.filter((file) => existsSync(join(appDir, file)));
  if (copied.length !== BUILT.length) throw new Error(`shell: dist/ changed while it was copied (a concurrent build?); run the tier again`);
  return appDir;
}

// Node 24 for the tiers that run the unit and integration tests on it (`unit-node24`,
// `integration-node24`): Electron 41 runs its main process, and so our broker and host, on Node 24,
// whatever Node the machine has (20 here and on CI). The binary is the official build as the npm
// registry ships it (package `node-<platform>-<arch>`, major version pinned), fetched with
// `npm pack` on first use and cached in node_modules/.cache/node24/. Linux and macOS.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export const NODE24_MAJOR = 24;

const cacheDir = join(process.cwd(), 'node_modules', '.cache', 'node24');
const binary = join(cacheDir, 'package', 'bin', 'node');
const spec = `node-${process.platform}-${process.arch}@${NODE24_MAJOR}`;

function versionOf(path) {
  const result = spawnSync(path, ['--version'], { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

/** The line of npm's (or tar's) error output that says what went wrong. */
function reason(text) {
  const lines = String(text ?? '')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
  const telling = lines.filter((line) => !/^npm (error|ERR!) (code|syscall|errno|A complete log|\d+$)/.test(line) && !/^npm (error|ERR!)$/.test(line));
  return telling[0] ?? lines[0] ?? 'no output';
}

function fetchNode24() {
  const cached = existsSync(binary) ? versionOf(binary) : null;
  if (cached?.startsWith(`v${NODE24_MAJOR}.`)) return { binary, version: cached };
  rmSync(cacheDir, { recursive: true, force: true });
  mkdirSync(cacheDir, { recursive: true });
  console.log(`fetching Node ${NODE24_MAJOR} from the npm registry: npm pack ${spec}`);
  const pack = spawnSync('npm', ['pack', spec, '--json', '--pack-destination', cacheDir], { encoding: 'utf8' });
  if (pack.status !== 0) return { error: `cannot fetch Node ${NODE24_MAJOR} from the npm registry (npm pack ${spec}): ${reason(pack.stderr || pack.error?.message)}` };
  const tarball = join(cacheDir, JSON.parse(pack.stdout)[0].filename);
  const untar = spawnSync('tar', ['-xzf', tarball, '-C', cacheDir, 'package/bin'], { encoding: 'utf8' });
  rmSync(tarball, { force: true });
  if (untar.status !== 0) return { error: `cannot unpack ${spec} from the npm registry: ${reason(untar.stderr)}` };
  const version = versionOf(binary);
  if (!version?.startsWith(`v${NODE24_MAJOR}.`)) return { error: `${spec} from the npm registry does not run here (${binary} --version: ${version ?? 'failed'})` };
  return { binary, version };
}

let fetched = null;

/** `{ binary, version }`, or `{ error }`: one line saying why there is no Node 24. Fetched once per run. */
export function node24() {
  fetched ??= fetchNode24();
  return fetched;
}

// postinstall: Electron is an optional dependency because its own install step downloads the
// Electron binary from outside the npm registry. Where that download fails (offline, firewalled
// CI), npm drops the package. This script puts back Electron's JavaScript package (its typings
// and the `electron` launcher module) from the npm registry without the binary, so the desktop
// code still type-checks and `npm start` can say that Electron is missing and fall back to serve
// mode. On a machine where Electron installed normally it does nothing.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = process.cwd();
const target = join(root, 'node_modules', 'electron');
const wanted = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).optionalDependencies?.electron;

if (!wanted || existsSync(join(target, 'package.json'))) process.exit(0);

const scratch = mkdtempSync(join(tmpdir(), 'electron-pkg-'));
try {
  const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
  const file = execFileSync(npm, ['pack', `electron@${wanted}`, '--silent', '--pack-destination', scratch], {
    encoding: 'utf8',
  }).trim().split('\n').pop();
  mkdirSync(target, { recursive: true });
  execFileSync('tar', ['-xzf', join(scratch, file), '-C', target, '--strip-components=1']);
  console.log(`electron ${wanted}: binary not installed (download failed); kept its typings, the app will run in serve mode`);
} catch (error) {
  console.warn(`electron ${wanted}: binary not installed and its typings could not be restored: ${error.message}`);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

// A stand-in for an unpacked Electron distribution (linux x64), for electron-builder's
// `electronDist` option: this machine cannot download Electron's binaries.
//
// electron-builder copies the directory as is, renames `electron` to the app's executableName,
// writes resources/app.asar, moves LICENSE to LICENSE.electron.txt and then flips the Electron fuses
// with @electron/fuses, which looks for the fuse sentinel in the executable and rewrites the bytes
// after it. So the stub `electron` is a shell script that carries a real fuse wire (in a comment)
// with Electron's default states; the fuses electron-builder applies can then be read back.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'; // @electron/fuses' SENTINEL
// Fuse wire V1: version 1, 8 fuses, Electron's defaults: RunAsNode on, CookieEncryption off,
// NodeOptions on, NodeCliInspect on, AsarIntegrity off, OnlyLoadFromAsar off, BrowserV8Snapshot off,
// GrantFileProtocolExtraPrivileges on ('1' = enabled, '0' = disabled).
const FUSE_WIRE = Buffer.concat([Buffer.from(SENTINEL), Buffer.from([1, 8]), Buffer.from('10110001')]);

/** Creates the stub under `dir` and returns `dir`. */
export function createStubElectron(dir, version) {
  mkdirSync(join(dir, 'resources'), { recursive: true });
  mkdirSync(join(dir, 'locales'), { recursive: true });
  const launcher = `#!/bin/sh\necho "stub Electron ${version} (scripts/package-check): not runnable" >&2\nexit 1\n# `;
  writeFileSync(join(dir, 'electron'), Buffer.concat([Buffer.from(launcher), FUSE_WIRE, Buffer.from('\n')]));
  chmodSync(join(dir, 'electron'), 0o755);
  writeFileSync(join(dir, 'chrome-sandbox'), '#!/bin/sh\nexit 1\n');
  chmodSync(join(dir, 'chrome-sandbox'), 0o755);
  writeFileSync(join(dir, 'version'), version);
  writeFileSync(join(dir, 'LICENSE'), 'Stub Electron license file (scripts/package-check)\n');
  writeFileSync(join(dir, 'LICENSES.chromium.html'), '<!doctype html><title>stub</title>\n');
  writeFileSync(join(dir, 'locales', 'en-US.pak'), '');
  return dir;
}

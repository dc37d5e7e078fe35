/**
 * `npm start` where no desktop window can open (no display here, and on this machine no Electron
 * binary either): one line saying why, then the same app in serve mode with a URL that serves it.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');

it('falls back to serve mode with a one-line reason and a working URL', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-start-'));
  const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    const reasonLines = output.split('\n').filter((line) => line.startsWith('Desktop window unavailable: '));
    expect(reasonLines).toHaveLength(1);
    expect(reasonLines[0]).toMatch(/running Eddy in serve mode instead/);
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root"');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
  } finally {
    child.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

it.skipIf(process.platform === 'win32')('stops the app cleanly when the shell npm runs it in is killed (its SIGTERM is not passed on)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-start-'));
  const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
  // What `npm start` does: `sh -c "node scripts/start.mjs …"`; `; true` keeps sh from exec'ing node.
  const script = `"${process.execPath}" scripts/start.mjs --port 0 --ui-port 0 --data-dir "${dataDir}"; true`;
  const shell = spawn('sh', ['-c', script], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      shell.stdout.on('data', onData);
      shell.stderr.on('data', onData);
      shell.on('exit', (code) => reject(new Error(`sh exited with ${code}:\n${output}`)));
    });
    expect((await fetch(url)).status).toBe(200);
    shell.removeAllListeners('exit');
    shell.kill('SIGTERM'); // sh dies; start.mjs and the app are orphaned
    const deadline = Date.now() + 15_000;
    while (!existsSync(join(dataDir, '.kafka_cleanshutdown')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(join(dataDir, '.kafka_cleanshutdown'))).toBe(true); // the broker stopped cleanly
    await expect(fetch(url)).rejects.toThrow(); // and the console is gone
  } finally {
    shell.kill('SIGKILL');
    spawnSync('pkill', ['-KILL', '-f', dataDir]); // whatever is left of it, should the test fail
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

it.skipIf(process.platform === 'win32').each([
  ['SIGINT', 'Ctrl+C'],
  ['SIGHUP', 'the terminal closing'],
] as const)('stops the app cleanly on %s to the whole process group (%s)', async (signal, _cause) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-start-'));
  const env = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };
  // A process group of its own, as a terminal gives a foreground job.
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  let output = '';
  try {
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (/Open http:\/\/127\.0\.0\.1:\d+\//.test(output)) resolve();
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${output}`)));
    });
    child.removeAllListeners('exit');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    process.kill(-child.pid!, signal);
    expect(await exited).toBe(0);
    expect(output).toContain('stopped');
    expect(existsSync(join(dataDir, '.kafka_cleanshutdown'))).toBe(true); // a clean stop, not "quit at once"
  } finally {
    spawnSync('pkill', ['-KILL', '-f', dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

it.skipIf(process.platform === 'win32')('npm run serve: stops cleanly when npm goes away (its shell does not pass SIGTERM on)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-serve-'));
  const env = { ...process.env, npm_lifecycle_event: 'serve' };
  const command = [process.execPath, '--import', 'tsx', 'electron/serve/cli.ts', '--port', '0', '--ui-port', '0', '--data-dir', dataDir].map((part) => `'${part}'`).join(' ');
  const shell = spawn('sh', ['-c', `${command}; true`], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
        if (match) resolve(match[1]);
      };
      shell.stdout.on('data', onData);
      shell.stderr.on('data', onData);
      shell.on('exit', (code) => reject(new Error(`sh exited with ${code}:\n${output}`)));
    });
    shell.removeAllListeners('exit');
    shell.kill('SIGTERM');
    const deadline = Date.now() + 15_000;
    while (!existsSync(join(dataDir, '.kafka_cleanshutdown')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(join(dataDir, '.kafka_cleanshutdown'))).toBe(true);
    await expect(fetch(url)).rejects.toThrow();
  } finally {
    shell.kill('SIGKILL');
    spawnSync('pkill', ['-KILL', '-f', dataDir]);
    rmSync(dataDir, { recursive: true, force: true });
  }
}, 60_000);

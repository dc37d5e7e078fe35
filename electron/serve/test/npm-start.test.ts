/**
 * `npm start` where no desktop window can open (no display here, and on this machine no Electron
 * binary either): one line saying why, then the same app in serve mode with a URL that serves it;
 * and how it stops: on signals, and when npm goes away.
 */
import { spawn, spawnSync, type ChildProcessByStdio } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { expect, it } from 'vitest';

const repo = join(import.meta.dirname, '..', '..', '..');
const noDisplay = { ...process.env, DISPLAY: '', WAYLAND_DISPLAY: '' };

/** A child whose stdout and stderr are read here. */
type Piped = ChildProcessByStdio<null, Readable, Readable>;

/**
 * The console's URL once the app prints `Open <url>`, and everything it printed so far (read
 * `output()` again later for what came after). Rejects if the process exits first.
 */
async function openedUrl(child: Piped, label: string): Promise<{ url: string; output: () => string }> {
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Open (http:\/\/127\.0\.0\.1:\d+\/\?token=\S+)/.exec(output);
      if (match) resolve(match[1]);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => reject(new Error(`${label} exited with ${code}:\n${output}`)));
  });
  child.removeAllListeners('exit');
  return { url, output: () => output };
}

/** Whether the broker wrote its clean-shutdown marker within 15 s (it stopped cleanly). */
async function stoppedCleanly(dataDir: string): Promise<boolean> {
  const marker = join(dataDir, '.kafka_cleanshutdown');
  const deadline = Date.now() + 15_000;
  while (!existsSync(marker) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  return existsSync(marker);
}

/** `command` as npm runs a script: under `sh -c` (`; true` keeps sh from exec'ing the command). */
function underShell(command: string[], env: NodeJS.ProcessEnv): Piped {
  const line = command.map((part) => `'${part}'`).join(' ');
  return spawn('sh', ['-c', `${line}; true`], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Kills whatever is left of a test's processes (found by their data directory) and removes it. */
function cleanUp(dataDir: string): void {
  spawnSync('pkill', ['-KILL', '-f', dataDir]);
  rmSync(dataDir, { recursive: true, force: true });
}

it('falls back to serve mode with a one-line reason and a working URL', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-start-'));
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], { cwd: repo, env: noDisplay, stdio: ['ignore', 'pipe', 'pipe'] });
  try {
    const { url, output } = await openedUrl(child, 'npm start');
    const reasonLines = output()
      .split('\n')
      .filter((line) => line.startsWith('Desktop window unavailable: '));
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
  const shell = underShell([process.execPath, 'scripts/start.mjs', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], noDisplay);
  try {
    const { url } = await openedUrl(shell, 'sh');
    expect((await fetch(url)).status).toBe(200);
    shell.kill('SIGTERM'); // sh dies; start.mjs and the app are orphaned
    expect(await stoppedCleanly(dataDir)).toBe(true); // the broker stopped cleanly
    await expect(fetch(url)).rejects.toThrow(); // and the console is gone
  } finally {
    shell.kill('SIGKILL');
    cleanUp(dataDir); // whatever is left of it, should the test fail
  }
}, 60_000);

it.skipIf(process.platform === 'win32').each([
  ['SIGINT', 'Ctrl+C'],
  ['SIGHUP', 'the terminal closing'],
] as const)('stops the app cleanly on %s to the whole process group (%s)', async (signal, _cause) => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-start-'));
  // A process group of its own, as a terminal gives a foreground job.
  const child = spawn(process.execPath, ['scripts/start.mjs', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], { cwd: repo, env: noDisplay, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  try {
    const { output } = await openedUrl(child, 'npm start');
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    process.kill(-child.pid!, signal);
    expect(await exited).toBe(0);
    expect(output()).toContain('stopped');
    expect(existsSync(join(dataDir, '.kafka_cleanshutdown'))).toBe(true); // a clean stop, not "quit at once"
  } finally {
    cleanUp(dataDir);
  }
}, 60_000);

it.skipIf(process.platform === 'win32')('npm run serve: stops cleanly when npm goes away (its shell does not pass SIGTERM on)', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-serve-'));
  const shell = underShell([process.execPath, '--import', 'tsx', 'electron/serve/cli.ts', '--port', '0', '--ui-port', '0', '--data-dir', dataDir], { ...process.env, npm_lifecycle_event: 'serve' });
  try {
    const { url } = await openedUrl(shell, 'sh');
    shell.kill('SIGTERM');
    expect(await stoppedCleanly(dataDir)).toBe(true);
    await expect(fetch(url)).rejects.toThrow();
  } finally {
    shell.kill('SIGKILL');
    cleanUp(dataDir);
  }
}, 60_000);

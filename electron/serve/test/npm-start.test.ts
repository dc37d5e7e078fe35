/**
 * `npm start` where no desktop window can open (no display here, and on this machine no Electron
 * binary either): one line saying why, then the same app in serve mode with a URL that serves it.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
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

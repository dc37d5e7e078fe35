/**
 * The headless broker as CI uses it: a real process, real signals, real TCP.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runProcess } from './support/run-process';
import { tempDataDir } from './support/temp-broker';

const repo = join(import.meta.dirname, '..', '..');
const cliArgs = ['--import', 'tsx', join(repo, 'broker-core', 'src', 'cli.ts')];

function startCli(args: string[]): { child: ChildProcess; output: () => string; listening: Promise<number> } {
  const child = spawn(process.execPath, [...cliArgs, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const listening = new Promise<number>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /listening on 127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolve(Number(match[1]));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`broker exited with ${code} before listening:\n${output}`)));
  });
  return { child, output: () => output, listening };
}

function exitOf(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null }> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve({ code: child.exitCode, signal: child.signalCode });
    else child.on('exit', (code, signal) => resolve({ code, signal }));
  });
}

describe('npm run broker (headless CLI)', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => cleanups.splice(0).forEach((cleanup) => cleanup()));

  it.each(['SIGINT', 'SIGTERM'] as const)('prints "listening on", serves, and stops cleanly on %s', async (signal) => {
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const cli = startCli(['--port', '0', '--data-dir', dataDir, '--config', 'num.partitions=3']);
    cleanups.push(() => cli.child.kill('SIGKILL'));
    const port = await cli.listening;
    expect(port).toBeGreaterThan(0);
    const listed = await runProcess('kcat', ['-L', '-b', `localhost:${port}`, '-m', '10'], { timeoutMs: 20_000 });
    expect(listed.stdout).toContain(`at localhost:${port} (controller)`);
    cli.child.kill(signal);
    const exit = await exitOf(cli.child);
    expect(exit).toEqual({ code: 0, signal: null });
    expect(cli.output()).toMatch(new RegExp(`received ${signal}, stopping`));
  });

  it.each([
    [['--bogus']],
    [['--port', 'abc']],
    [['--port']],
    [['--config', 'no.such.config=1']],
    [['--config', 'num.partitions=zero']],
    [['--config', 'novalue']],
  ])('rejects %j with usage text and exit code 2', async (args) => {
    const result = await runProcess(process.execPath, [...cliArgs, ...args, '--data-dir', tempDataDir()], { timeoutMs: 20_000, cwd: repo });
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: /);
    expect(result.stderr).toContain('Usage: npm run broker');
  });

  it('names the port and what to do when the port is in use', async () => {
    const blocker: Server = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: '127.0.0.1', port: 0 }, resolve));
    cleanups.push(() => blocker.close());
    const port = (blocker.address() as { port: number }).port;
    const dataDir = tempDataDir();
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const result = await runProcess(process.execPath, [...cliArgs, '--port', String(port), '--data-dir', dataDir], { timeoutMs: 20_000, cwd: repo });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`port ${port} is already in use`);
    expect(result.stderr).toContain('--port <number>');
  });
});

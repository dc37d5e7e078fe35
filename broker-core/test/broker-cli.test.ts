/**
 * The headless broker as CI uses it: a real process, real signals, real TCP.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { connect, createServer, type Server } from 'node:net';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { watchListening } from './support/broker-output';
import { runProcess } from './support/run-process';
import { tempDataDir } from './support/temp-broker';

const repo = join(import.meta.dirname, '..', '..');
const cliArgs = ['--import', 'tsx', join(repo, 'broker-core', 'src', 'cli.ts')];

function startCli(args: string[]): { child: ChildProcess; output: () => string; listening: Promise<number> } {
  const child = spawn(process.execPath, [...cliArgs, ...args], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
  return { child, ...watchListening(child, 'broker') };
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

  /** Whether something accepts TCP connections on the port. */
  function accepting(port: number): Promise<boolean> {
    return new Promise((resolve) => {
      const socket = connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on('error', () => resolve(false));
    });
  }

  /** The CLI as `npm run broker` runs it: under `sh -c` (`; true` keeps sh from exec'ing node). */
  function startUnderShell(dataDir: string, env: NodeJS.ProcessEnv): { shell: ChildProcess; listening: Promise<number>; output: () => string } {
    const command = [process.execPath, ...cliArgs, '--port', '0', '--data-dir', dataDir].map((part) => `'${part}'`).join(' ');
    const shell = spawn('sh', ['-c', `${command}; true`], { cwd: repo, env, stdio: ['ignore', 'pipe', 'pipe'] });
    const watched = watchListening(shell, 'sh');
    return { shell, listening: watched.listening, output: watched.output };
  }

  it.skipIf(process.platform === 'win32')('stops cleanly when the npm process that started it goes away (the shell between them does not pass SIGTERM on)', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => {
      spawnSync('pkill', ['-KILL', '-f', dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
    });
    const { shell, listening, output } = startUnderShell(dataDir, { ...process.env, npm_lifecycle_event: 'broker' });
    const port = await listening;
    await expect.poll(output).toMatch(/started by npm \(pid \d+\): stops when it exits/);
    shell.removeAllListeners('exit');
    shell.kill('SIGTERM'); // what npm passes on to its script's shell; the broker is orphaned
    const deadline = Date.now() + 15_000;
    while (!existsSync(join(dataDir, '.kafka_cleanshutdown')) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(existsSync(join(dataDir, '.kafka_cleanshutdown'))).toBe(true);
    expect(await accepting(port)).toBe(false);
  });

  it.skipIf(process.platform === 'win32')('started directly (not by npm), it outlives its shell, as with nohup', async () => {
    const dataDir = tempDataDir();
    cleanups.push(() => {
      spawnSync('pkill', ['-KILL', '-f', dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
    });
    const env = { ...process.env };
    delete env.npm_lifecycle_event;
    const { shell, listening, output } = startUnderShell(dataDir, env);
    const port = await listening;
    // Nothing watches its launcher (it says so), so nothing can stop it when its shell goes.
    await expect.poll(output).toContain('not started by an npm script: keeps running when its launcher exits');
    shell.removeAllListeners('exit');
    const shellGone = exitOf(shell);
    shell.kill('SIGTERM');
    await shellGone;
    expect(await accepting(port)).toBe(true);
  });

  it.skipIf(process.platform !== 'linux')('restarts at once on the data directory of a SIGKILLed broker not yet reaped (a zombie), with every acknowledged record; a live one still refuses', async () => {
    const dataDir = tempDataDir();
    let zombieParent: ChildProcess | null = null;
    cleanups.push(() => {
      zombieParent?.kill('SIGKILL');
      spawnSync('pkill', ['-KILL', '-f', dataDir]);
      rmSync(dataDir, { recursive: true, force: true });
    });
    // In a session of its own, under a parent that never reaps it (sh exec's into sleep):
    // once killed, the broker stays a zombie, as under an init that reaps late or not at all.
    const command = [process.execPath, ...cliArgs, '--port', '0', '--data-dir', dataDir].map((part) => `'${part}'`).join(' ');
    zombieParent = spawn('setsid', ['sh', '-c', `${command} & echo "broker pid $!"; exec sleep 600`], { cwd: repo, stdio: ['ignore', 'pipe', 'pipe'] });
    const first = watchListening(zombieParent, 'setsid sh');
    const port = await first.listening;
    const brokerPid = Number(/broker pid (\d+)/.exec(first.output())![1]);
    const produced = await runProcess('kcat', ['-P', '-b', `localhost:${port}`, '-t', 'survivors', '-X', 'acks=all'], { timeoutMs: 30_000, input: Array.from({ length: 500 }, (_, i) => `record ${i}`).join('\n') + '\n' });
    expect(produced.code, produced.stderr).toBe(0);

    process.kill(brokerPid, 'SIGKILL');
    const state = () => /^State:\s+(\S)/m.exec(readFileSync(`/proc/${brokerPid}/status`, 'utf8'))?.[1];
    await expect.poll(state, { timeout: 10_000 }).toBe('Z');

    const second = startCli(['--port', '0', '--data-dir', dataDir]);
    cleanups.push(() => second.child.kill('SIGKILL'));
    const secondPort = await second.listening;
    expect(state()).toBe('Z'); // still not reaped: the lock did not need it to be
    const consumed = await runProcess('kcat', ['-C', '-b', `localhost:${secondPort}`, '-t', 'survivors', '-o', 'beginning', '-e', '-q'], { timeoutMs: 30_000 });
    expect(consumed.stdout.trim().split('\n')).toEqual(Array.from({ length: 500 }, (_, i) => `record ${i}`));

    const third = await runProcess(process.execPath, [...cliArgs, '--port', '0', '--data-dir', dataDir], { timeoutMs: 20_000, cwd: repo });
    expect(third.code).toBe(1);
    expect(third.stderr).toContain(`data directory ${dataDir} is in use by another running broker (pid ${second.child.pid})`);
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

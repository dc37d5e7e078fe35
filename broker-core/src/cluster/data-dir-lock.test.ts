import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DataDirInUseError, lockAddress, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-lock-'));
  dirs.push(dir);
  return dir;
};

it('lets one broker hold a data directory at a time, and says which pid holds it', async () => {
  const dir = tempDir();
  const lock = await lockDataDir(dir);
  await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
  await expect(lockDataDir(dir)).rejects.toThrow(`data directory ${dir} is in use by another running broker (pid ${process.pid})`);
  lock.release();
  (await lockDataDir(dir)).release();
});

it('names the lock after the directory itself, whatever path leads to it', async () => {
  const dir = tempDir();
  expect(lockAddress(join(dir, '.')).address).toBe(lockAddress(dir).address);
  expect(lockAddress(tempDir()).address).not.toBe(lockAddress(dir).address);
  expect(lockAddress(dir, 'linux').address.startsWith('\0')).toBe(true);
  expect(lockAddress(dir, 'win32').address.startsWith('\\\\.\\pipe\\')).toBe(true);
  expect(lockAddress(dir, 'darwin').isFile).toBe(true);
});

it('is released by the operating system when its process is killed', async () => {
  const dir = tempDir();
  // A child that takes the lock and then waits; SIGKILLed, it stays a zombie until `exited` is awaited.
  const child = spawn(process.execPath, ['--import', 'tsx', '-e', `import('${join(import.meta.dirname, 'data-dir-lock.ts')}').then(({ lockDataDir }) => lockDataDir(${JSON.stringify(dir)})).then(() => { console.log('locked'); setInterval(() => {}, 1000); })`], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('locked') && resolve());
    child.on('exit', () => reject(new Error('the child exited before taking the lock')));
  });
  await expect(lockDataDir(dir)).rejects.toThrow(`(pid ${child.pid})`);
  const exited = new Promise((resolve) => child.on('exit', resolve));
  child.kill('SIGKILL');
  // Not waiting for `exited`: the kernel closes the child's sockets as it dies.
  let lock = null;
  for (let i = 0; i < 100 && !lock; i++) {
    lock = await lockDataDir(dir).catch((error: unknown) => {
      if (!(error instanceof DataDirInUseError)) throw error;
      return null;
    });
    if (!lock) await new Promise((resolve) => setTimeout(resolve, 20));
  }
  expect(lock).not.toBeNull();
  lock!.release();
  await exited;
});

it('ignores a pid file left by an earlier version (a pid proves nothing) and removes it', async () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.lock'), `${process.pid}\n`); // a live pid: the old lock would have refused
  const lock = await lockDataDir(dir);
  expect(existsSync(join(dir, '.lock'))).toBe(false);
  lock.release();
});

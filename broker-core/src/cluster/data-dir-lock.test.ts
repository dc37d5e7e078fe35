import { mkdtempSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from './data-dir-lock';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-lock-'));
  dirs.push(dir);
  return dir;
};

it('lets one broker hold a data directory at a time', () => {
  const dir = tempDir();
  const lock = lockDataDir(dir);
  expect(() => lockDataDir(dir)).toThrow(DataDirInUseError);
  expect(() => lockDataDir(dir)).toThrow(`data directory ${dir} is in use by another running broker (pid ${process.pid})`);
  lock.release();
  expect(existsSync(join(dir, '.lock'))).toBe(false);
  lockDataDir(dir).release();
});

it('takes over a lock left by a process that no longer runs', () => {
  const dir = tempDir();
  writeFileSync(join(dir, '.lock'), '2147483646\n'); // no such pid
  const lock = lockDataDir(dir);
  lock.release();
  writeFileSync(join(dir, '.lock'), 'garbage');
  lockDataDir(dir).release();
});

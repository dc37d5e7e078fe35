import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { ProducerIdAllocator } from './producer-id-allocator';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));
const tempDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-pid-'));
  dirs.push(dir);
  return dir;
};

it('never reuses an id across restarts, even without a clean stop', () => {
  const dir = tempDir();
  const first = new ProducerIdAllocator(dir);
  const before = [first.allocate(), first.allocate(), first.allocate()];
  expect(before).toEqual([0n, 1n, 2n]);
  // The "crash": a new allocator on the same directory without any shutdown step.
  const second = new ProducerIdAllocator(dir);
  const after = second.allocate();
  expect(after).toBeGreaterThan(2n);
  expect(new Set([...before, after, second.allocate()]).size).toBe(5);
});

it('refuses a corrupt file instead of restarting ids at 0', () => {
  const dir = tempDir();
  writeFileSync(join(dir, 'producer-ids'), 'garbage');
  expect(() => new ProducerIdAllocator(dir)).toThrow(/does not hold a producer id/);
});

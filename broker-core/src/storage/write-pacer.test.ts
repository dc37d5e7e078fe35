import { describe, expect, it } from 'vitest';
import { WritePacer } from './write-pacer';

describe('WritePacer', () => {
  const clock = { now: 0 };
  const pacer = () => new WritePacer({ now: () => clock.now, holdMs: 1_000 });

  it('writes synchronously while writes are page-cache fast, and ignores short writes', () => {
    const subject = pacer();
    subject.observe(100_000, 0.04); // 2.5 GB/s
    subject.observe(16 * 2 ** 20, 6); // 2.8 GB/s, long
    subject.observe(1_000, 0.9); // slow rate but under slowMinMs: a system call, not the disk
    subject.observe(1_000_000, 3); // a 3 ms hiccup of the page cache: too short to count
    expect(subject.mode).toBe('sync');
    expect(subject.switches).toBe(0);
  });

  it('moves writes to the thread pool after a write that waited for the disk, for holdMs after the last such write', () => {
    clock.now = 10_000;
    const subject = pacer();
    subject.observe(2_000_000, 40); // 0.05 GB/s: the kernel made the writer wait for the disk
    expect(subject.mode).toBe('async');
    clock.now += 900;
    subject.observe(4_000_000, 12); // still slow, on the thread pool: extends the hold
    clock.now += 900;
    expect(subject.mode).toBe('async');
    clock.now += 200;
    expect(subject.mode).toBe('sync');
    expect(subject.switches).toBe(1);
  });

  it('can be fixed to one mode', () => {
    const subject = new WritePacer({ fixed: 'async' });
    subject.observe(100_000, 0.01);
    expect(subject.mode).toBe('async');
  });
});

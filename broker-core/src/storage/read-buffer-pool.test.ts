import { describe, expect, it } from 'vitest';
import { ReadBufferPool } from './read-buffer-pool';

const KiB = 1024;

describe('ReadBufferPool', () => {
  it('never hands out memory a live lease still holds', () => {
    const pool = new ReadBufferPool({ slabBytes: 64 * KiB, maxSlabs: 4, keepFreeSlabs: 1 });
    const live: Array<{ lease: ReturnType<ReadBufferPool['lease']>; buffers: Buffer[]; fill: number }> = [];
    let fill = 0;
    // Random interleaving of leases, allocations and releases; each live buffer keeps its fill byte.
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
    for (let step = 0; step < 5000; step++) {
      const action = random();
      if (action < 0.3 || live.length === 0) {
        live.push({ lease: pool.lease(), buffers: [], fill: (fill = (fill + 1) & 0xff) });
      } else if (action < 0.75) {
        const entry = live[Math.floor(random() * live.length)];
        const buffer = entry.lease.alloc(1 + Math.floor(random() * 40 * KiB));
        buffer.fill(entry.fill);
        entry.buffers.push(buffer);
      } else {
        const [entry] = live.splice(Math.floor(random() * live.length), 1);
        for (const buffer of entry.buffers) expect(buffer.every((byte) => byte === entry.fill)).toBe(true);
        entry.lease.release();
      }
    }
    for (const entry of live) for (const buffer of entry.buffers) expect(buffer.every((byte) => byte === entry.fill)).toBe(true);
    expect(pool.stats().slabs).toBeLessThanOrEqual(4);
  });

  it('reuses a slab once its leases are released instead of allocating again', () => {
    const pool = new ReadBufferPool({ slabBytes: 64 * KiB, maxSlabs: 8 });
    for (let round = 0; round < 100; round++) {
      const lease = pool.lease();
      lease.alloc(30 * KiB);
      lease.alloc(30 * KiB);
      lease.release();
    }
    expect(pool.stats()).toEqual({ slabs: 1, freeSlabs: 0, heldSlabs: 0, fallbacks: 0 });
  });

  it('falls back to plain buffers when a read is larger than a slab or every slab is held', () => {
    const pool = new ReadBufferPool({ slabBytes: 64 * KiB, maxSlabs: 2 });
    const lease = pool.lease();
    expect(lease.alloc(100 * KiB).length).toBe(100 * KiB);
    lease.alloc(60 * KiB);
    lease.alloc(60 * KiB);
    const third = lease.alloc(60 * KiB);
    expect(third.length).toBe(60 * KiB);
    expect(pool.stats()).toEqual({ slabs: 2, freeSlabs: 0, heldSlabs: 2, fallbacks: 2 });
    lease.release();
    lease.release(); // twice is harmless
    const next = pool.lease();
    next.alloc(60 * KiB);
    expect(pool.stats().fallbacks).toBe(2);
  });

  it('keeps only keepFreeSlabs idle slabs', () => {
    const pool = new ReadBufferPool({ slabBytes: 64 * KiB, maxSlabs: 8, keepFreeSlabs: 1 });
    const leases = Array.from({ length: 5 }, () => {
      const lease = pool.lease();
      lease.alloc(60 * KiB);
      return lease;
    });
    expect(pool.stats().slabs).toBe(5);
    for (const lease of leases) lease.release();
    expect(pool.stats()).toMatchObject({ slabs: 2, freeSlabs: 1 }); // the current slab and one spare
  });

  it('refuses an allocation after release', () => {
    const lease = new ReadBufferPool().lease();
    lease.release();
    expect(() => lease.alloc(10)).toThrow(/after release/);
  });
});

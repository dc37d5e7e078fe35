/**
 * Reusable memory for Fetch reads, so serving consumers does not allocate (and then garbage
 * collect, and page-fault in) a fresh buffer for every partition of every fetch.
 *
 * Memory comes in slabs of `slabBytes`, handed out by bumping a pointer. A `ReadLease` groups the
 * buffers of one response; it holds every slab it took memory from until `release()`, which the
 * connection calls once the response has left for the socket (or was dropped). A slab is reused
 * only when no lease holds it, so bytes still waiting to be written are never overwritten.
 * At most `maxSlabs` slabs exist and `keepFreeSlabs` idle ones are kept; past that, or for a
 * request larger than a slab, a lease falls back to a plain allocation, so the pool only ever
 * saves work and never fails a read.
 *
 * A lease that is never released only keeps its slabs from being reused (bounded by `maxSlabs`).
 * Buffers from a lease must not be kept after its release: hand out copies for anything that
 * outlives the response (the app's own reads do not use the pool).
 */

/**
 * Where a read puts its bytes. `alloc` gives a buffer to read into; `hold`, when present, says the
 * reader lets go of everything it read at one known moment (a fetch response sent or dropped), so
 * memory owned by someone else (tail-cache.ts) may be handed out as it is, not copied: `release`
 * runs at that moment. Without `hold` a reader may keep its bytes for good, so they are copied.
 */
export interface ReadMemory {
  alloc(length: number): Buffer;
  hold?(release: () => void): void;
}

/** Fresh buffers, kept as long as the reader likes (the app's own reads). */
export const HEAP_MEMORY: ReadMemory = { alloc: (length) => Buffer.allocUnsafe(length) };

interface Slab {
  readonly buffer: Buffer;
  used: number;
  holders: number;
}

export interface ReadBufferPoolOptions {
  slabBytes?: number;
  maxSlabs?: number;
  keepFreeSlabs?: number;
}

export interface ReadBufferPoolStats {
  slabs: number;
  freeSlabs: number;
  /** Slabs some lease still holds (memory of responses not yet sent). */
  heldSlabs: number;
  /** Allocations served by a plain Buffer.allocUnsafe (too large, or every slab held). */
  fallbacks: number;
}

export class ReadLease implements ReadMemory {
  private readonly held: Slab[] = [];
  private readonly releases: Array<() => void> = [];
  private released = false;

  constructor(private readonly pool: ReadBufferPool) {}

  /** A buffer of `length` bytes (uninitialised), valid until `release()`. */
  readonly alloc = (length: number): Buffer => {
    if (this.released) throw new Error('ReadLease.alloc after release');
    return this.pool.allocFor(this.held, length);
  };

  /** Runs `release` with `release()` (at once if that has happened). */
  readonly hold = (release: () => void): void => {
    if (this.released) release();
    else this.releases.push(release);
  };

  /** Gives back every slab this lease took memory from and everything it held; later calls do nothing. */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const slab of this.held) this.pool.unhold(slab);
    this.held.length = 0;
    for (const release of this.releases.splice(0)) release();
  }
}

export class ReadBufferPool {
  private readonly slabBytes: number;
  private readonly maxSlabs: number;
  private readonly keepFreeSlabs: number;
  private current: Slab | null = null;
  private readonly free: Slab[] = [];
  private slabCount = 0;
  private heldSlabCount = 0;
  private fallbackCount = 0;

  constructor(options: ReadBufferPoolOptions = {}) {
    this.slabBytes = options.slabBytes ?? 8 * 2 ** 20;
    this.maxSlabs = options.maxSlabs ?? 32;
    this.keepFreeSlabs = options.keepFreeSlabs ?? 4;
  }

  lease(): ReadLease {
    return new ReadLease(this);
  }

  stats(): ReadBufferPoolStats {
    return { slabs: this.slabCount, freeSlabs: this.free.length, heldSlabs: this.heldSlabCount, fallbacks: this.fallbackCount };
  }

  /** @internal for ReadLease */
  allocFor(held: Slab[], length: number): Buffer {
    if (length > this.slabBytes) return this.fallback(length);
    let slab = this.current;
    if (slab === null || slab.used + length > this.slabBytes) {
      slab = this.nextSlab();
      if (slab === null) return this.fallback(length);
    }
    if (!held.includes(slab)) {
      held.push(slab);
      if (slab.holders++ === 0) this.heldSlabCount++;
    }
    const start = slab.used;
    slab.used += length;
    return slab.buffer.subarray(start, start + length);
  }

  /** @internal for ReadLease */
  unhold(slab: Slab): void {
    slab.holders--;
    if (slab.holders > 0) return;
    this.heldSlabCount--;
    slab.used = 0; // nobody reads it any more: its memory can be handed out again
    if (slab === this.current) return;
    if (this.free.length < this.keepFreeSlabs) this.free.push(slab);
    else this.slabCount--; // dropped: the garbage collector takes it
  }

  private nextSlab(): Slab | null {
    const retiring = this.current;
    this.current = null;
    if (retiring && retiring.holders === 0) {
      // Full but unheld: rewind and keep using it.
      retiring.used = 0;
      this.current = retiring;
      return retiring;
    }
    // A held slab that is retired goes to the free list from unhold() when its last lease lets go.
    let slab = this.free.pop() ?? null;
    if (slab === null && this.slabCount < this.maxSlabs) {
      slab = { buffer: Buffer.allocUnsafeSlow(this.slabBytes), used: 0, holders: 0 };
      this.slabCount++;
    }
    this.current = slab;
    return slab;
  }

  private fallback(length: number): Buffer {
    this.fallbackCount++;
    return Buffer.allocUnsafe(length);
  }
}

/**
 * Chooses how a log write runs, by what the disk is doing now:
 * - synchronously, while writes are copies into the page cache: the cheapest way (a write of
 *   100 KB takes ~40 µs here; the same write handed to the thread pool costs ~2x, in wake-ups and
 *   in the copy running on the other core);
 * - on the thread pool, once the kernel makes writers wait for the disk (past the dirty-page
 *   limit, a write takes as long as the disk needs): the event loop then goes on reading and
 *   checking the next requests meanwhile, instead of blocking in the write.
 * A write slower than `slowBytesPerMs` (0.5 GB/s) and longer than `slowMinMs` (5 ms: short
 * hiccups of the page cache, and small writes dominated by the system call, do not count)
 * switches to the thread pool for `holdMs`; every slow write there
 * extends it; after that, writes go back to being synchronous, and the first slow one switches
 * again. The hold is long (10 s) because the kernel makes a writer wait in pauses of up to
 * ~200 ms now and then, not a little on every write: each switch back costs one such pause on the
 * event loop. One pacer serves every partition of a broker: they share the disk.
 */

export type WriteMode = 'sync' | 'async';

export interface WritePacerOptions {
  /** Below this rate a write is waiting for the disk (page-cache copies run at GB/s). */
  slowBytesPerMs?: number;
  slowMinMs?: number;
  holdMs?: number;
  now?: () => number;
  /** Always this mode (tests of each path). */
  fixed?: WriteMode;
}

export class WritePacer {
  private readonly slowBytesPerMs: number;
  private readonly slowMinMs: number;
  private readonly holdMs: number;
  private readonly now: () => number;
  private readonly fixed: WriteMode | undefined;
  private asyncUntil = -Infinity;
  /** Times a slow write switched writes to the thread pool (for stats and tests). */
  switches = 0;

  constructor(options: WritePacerOptions = {}) {
    this.slowBytesPerMs = options.slowBytesPerMs ?? 500_000;
    this.slowMinMs = options.slowMinMs ?? 5;
    this.holdMs = options.holdMs ?? 10_000;
    this.now = options.now ?? (() => performance.now());
    this.fixed = options.fixed;
  }

  get mode(): WriteMode {
    return this.fixed ?? (this.now() < this.asyncUntil ? 'async' : 'sync');
  }

  /** Reports a finished write of `bytes` that took `ms` (in either mode). */
  observe(bytes: number, ms: number): void {
    if (ms < this.slowMinMs || bytes / ms >= this.slowBytesPerMs) return;
    if (this.mode === 'sync') this.switches++;
    this.asyncUntil = this.now() + this.holdMs;
  }
}

/**
 * Paces a bulk job to at most `ratePerSecond` records: `take(n)` resolves when n more records are
 * due by the schedule that started with the first take, i.e. once the time for the last of them
 * has come (so N records never take less than N / rate seconds; no burst is saved up while a job
 * is slower than its rate). Sleeps are cut into slices of at most 100 ms so a cancel is seen soon.
 */
export class RateLimiter {
  private startedAt: number | null = null;
  private taken = 0;

  constructor(
    private readonly ratePerSecond: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** Resolves when `count` more records may go; false if `stop()` became true while waiting. */
  async take(count: number, stop: () => boolean = () => false): Promise<boolean> {
    const now = this.now();
    this.startedAt ??= now;
    this.taken += count;
    const due = this.startedAt + (this.taken / this.ratePerSecond) * 1000;
    for (let wait = due - this.now(); wait > 0; wait = due - this.now()) {
      if (stop()) return false;
      await new Promise((resolve) => setTimeout(resolve, Math.min(wait, 100)));
    }
    return !stop();
  }
}

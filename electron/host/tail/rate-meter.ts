/**
 * Records per second over the last few seconds: counts added into fixed time slots (a ring of
 * `slots` of `slotMs` each), the rate being the sum over the window divided by the time it covers
 * (less than the window while the meter is younger than it, so a new tail's rate is not diluted).
 * Constant memory whatever the rate.
 */
export class RateMeter {
  private readonly counts: number[];
  /** The slot number (time / slotMs) each ring entry holds. */
  private readonly slotOf: number[];

  constructor(
    private readonly now: () => number = () => performance.now(),
    private readonly slotMs = 250,
    private readonly slots = 20,
    private readonly startedAt = now(),
  ) {
    this.counts = new Array<number>(slots).fill(0);
    this.slotOf = new Array<number>(slots).fill(-1);
  }

  add(count: number): void {
    if (count <= 0) return;
    const slot = Math.floor(this.now() / this.slotMs);
    const index = slot % this.slots;
    if (this.slotOf[index] !== slot) {
      this.slotOf[index] = slot;
      this.counts[index] = 0;
    }
    this.counts[index] += count;
  }

  /** Per second, over the window (or the meter's life, if shorter; at least one slot). */
  rate(): number {
    const now = this.now();
    const current = Math.floor(now / this.slotMs);
    let sum = 0;
    for (let i = 0; i < this.slots; i++) if (this.slotOf[i] > current - this.slots && this.slotOf[i] <= current) sum += this.counts[i];
    // From the start of the oldest slot in the window (the current one is partly over) to now.
    const window = (this.slots - 1) * this.slotMs + (now - current * this.slotMs);
    const covered = Math.max(this.slotMs, Math.min(window, now - this.startedAt));
    return (sum * 1000) / covered;
  }
}

/**
 * The view's ring of tail rows: an array in arrival order holding at most `limit` rows. A batch
 * is appended in one copy (never row by row); what no longer fits rolls out from the oldest end,
 * and the caller counts it. Arrays are never mutated, so the store can hand them to React as they are.
 */
export function appendToRing<T>(rows: readonly T[], batch: readonly T[], limit: number): { rows: T[]; rolledOut: number } {
  const total = rows.length + batch.length;
  if (total <= limit) return { rows: batch.length === 0 ? (rows as T[]) : rows.concat(batch), rolledOut: 0 };
  const rolledOut = total - limit;
  if (batch.length >= limit) return { rows: batch.slice(batch.length - limit), rolledOut };
  return { rows: rows.slice(rolledOut).concat(batch), rolledOut };
}

/** Rows per second over the last `windowMs`, from counts added as they land. */
export class RateMeter {
  private readonly samples: Array<{ at: number; count: number }> = [];
  private startedAt: number | null = null;

  constructor(private readonly windowMs = 5000) {}

  add(count: number, now: number): void {
    this.startedAt ??= now;
    this.samples.push({ at: now, count });
    this.prune(now);
  }

  rate(now: number): number {
    if (this.startedAt === null) return 0;
    this.prune(now);
    const span = Math.min(this.windowMs, now - this.startedAt);
    if (span < 250) return 0;
    let sum = 0;
    for (const sample of this.samples) sum += sample.count;
    return (sum * 1000) / span;
  }

  private prune(now: number): void {
    while (this.samples.length > 0 && this.samples[0].at <= now - this.windowMs) this.samples.shift();
  }
}

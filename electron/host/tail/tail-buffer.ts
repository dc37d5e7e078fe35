/**
 * One tail's records waiting for its caller: at most `limit`, in the order they were added. Adding
 * past the limit drops the oldest ones and counts them (since the caller last took the count, and
 * in all), so a caller that does not keep up loses only its own oldest records, and knows how
 * many.
 *
 * Its owner may also drop the oldest on purpose, and count records that never got here as dropped
 * (live-tail.ts: skipped unread to keep up).
 *
 * Records are kept in the arrays they arrive in (one per worker result), with a read position in
 * the first: adding and dropping cost nothing per record but the count.
 */
export class TailBuffer<T> {
  private readonly chunks: T[][] = [];
  /** Where the first chunk's unread records start. */
  private head = 0;
  private count = 0;
  private droppedSinceTaken = 0;
  private droppedInAll = 0;

  constructor(readonly limit: number) {}

  get size(): number {
    return this.count;
  }

  /** Dropped since the tail started. */
  get dropped(): number {
    return this.droppedInAll;
  }

  /** Adds `records` (kept as they are: the caller gives the array away), dropping the oldest past the limit. */
  add(records: T[]): void {
    if (records.length === 0) return;
    this.chunks.push(records);
    this.count += records.length;
    if (this.count > this.limit) this.drop(this.count - this.limit);
  }

  /** Drops the oldest `records` (as many as there are), counted. */
  dropOldest(records: number): void {
    if (records > 0) this.drop(Math.min(records, this.count));
  }

  /** Counts `records` as dropped that never got here (skipped unread, or read but not wanted any more). */
  countDropped(records: number): void {
    this.droppedSinceTaken += records;
    this.droppedInAll += records;
  }

  private drop(records: number): void {
    this.droppedSinceTaken += records;
    this.droppedInAll += records;
    this.count -= records;
    let left = records;
    while (left > 0) {
      const first = this.chunks[0];
      const unread = first.length - this.head;
      if (unread <= left) {
        left -= unread;
        this.chunks.shift();
        this.head = 0;
      } else {
        this.head += left;
        left = 0;
      }
    }
  }

  /** The oldest `max` records, removed. */
  take(max: number): T[] {
    const taken: T[] = [];
    while (taken.length < max && this.chunks.length > 0) {
      const first = this.chunks[0];
      const end = Math.min(first.length, this.head + (max - taken.length));
      for (let i = this.head; i < end; i++) taken.push(first[i]);
      if (end === first.length) {
        this.chunks.shift();
        this.head = 0;
      } else {
        this.head = end;
      }
    }
    this.count -= taken.length;
    return taken;
  }

  /** Dropped since the last call. */
  takeDropped(): number {
    const dropped = this.droppedSinceTaken;
    this.droppedSinceTaken = 0;
    return dropped;
  }
}

/**
 * Caps how many `.log` files of inactive segments stay open. A segment opens its log on first
 * read and would otherwise keep it until the segment is deleted: with many partitions and a long
 * retention that grows without bound, until the process runs out of file descriptors (macOS
 * gives an app 256 by default). Here the least recently used ones are closed beyond `limit`; a
 * closed one is reopened on its next read (~10 µs). Active segments are not counted: they hold
 * their files open for appends.
 */

/** What the cache needs of a segment. */
export interface CachedLogFile {
  /** Closes the segment's log file if it is inactive and open (reopened on next use). */
  closeIdleLogFile(): void;
}

export class LogFileCache {
  /** Insertion order is recency: the first entry is the least recently used. */
  private readonly open = new Map<CachedLogFile, true>();

  constructor(readonly limit = 128) {}

  get size(): number {
    return this.open.size;
  }

  /** Marks `segment`'s log file as just used (and open), closing the least recently used beyond the limit. */
  touch(segment: CachedLogFile): void {
    this.open.delete(segment);
    this.open.set(segment, true);
    while (this.open.size > this.limit) {
      const oldest = this.open.keys().next().value!;
      this.open.delete(oldest);
      oldest.closeIdleLogFile();
    }
  }

  /** The segment closed its file itself (deleted, closed, or active again). */
  forget(segment: CachedLogFile): void {
    this.open.delete(segment);
  }
}

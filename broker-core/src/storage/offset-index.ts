/**
 * `<base>.index`: Kafka's sparse offset index. Entries of 8 bytes, big-endian:
 *   int32 relative offset (a batch's last offset − the segment's base offset)
 *   int32 position (of that batch in the `.log` file)
 * One entry is added for the first batch appended after more than `index.interval.bytes` bytes
 * since the previous entry (Kafka's rule), so the gap after the last entry is at most that many
 * bytes plus one batch: what an unclean start-up has to scan.
 *
 * Invariants of a valid index: relative offsets and positions strictly increase, every position is
 * inside the log, and the last entry points at a batch whose last offset it names (checked by the
 * segment). A file that breaks them is cut at the first bad entry, or rebuilt from the log.
 */
import { IndexFile, lastEntryWhere } from './index-file';

export const OFFSET_INDEX_ENTRY_SIZE = 8;

export interface OffsetPosition {
  offset: number;
  position: number;
}

export class OffsetIndex {
  readonly file: IndexFile;

  constructor(
    path: string,
    readonly baseOffset: number,
  ) {
    this.file = new IndexFile(path, OFFSET_INDEX_ENTRY_SIZE);
  }

  static encode(target: Buffer, at: number, relativeOffset: number, position: number): void {
    target.writeInt32BE(relativeOffset, at);
    target.writeInt32BE(position, at + 4);
  }

  get length(): number {
    return this.file.length;
  }

  lastEntry(): OffsetPosition | null {
    const entry = this.file.lastEntry();
    return entry ? { offset: this.baseOffset + entry.readInt32BE(0), position: entry.readInt32BE(4) } : null;
  }

  /** The indexed batch with the largest last offset ≤ `offset`, or the segment start. */
  lookup(offset: number): OffsetPosition {
    const memory = this.file.memory;
    const target = offset - this.baseOffset;
    const found = lastEntryWhere(this.file.length, (index) => memory.readInt32BE(index * OFFSET_INDEX_ENTRY_SIZE) <= target);
    if (found < 0) return { offset: this.baseOffset, position: 0 };
    const at = found * OFFSET_INDEX_ENTRY_SIZE;
    return { offset: this.baseOffset + memory.readInt32BE(at), position: memory.readInt32BE(at + 4) };
  }

  /** The largest indexed batch position ≤ `limit`, or -1 if none. */
  largestPositionAtOrBelow(limit: number): number {
    const memory = this.file.memory;
    const found = lastEntryWhere(this.file.length, (index) => memory.readInt32BE(index * OFFSET_INDEX_ENTRY_SIZE + 4) <= limit);
    return found < 0 ? -1 : memory.readInt32BE(found * OFFSET_INDEX_ENTRY_SIZE + 4);
  }

  /** How many leading entries are consistent with a log of `logSize` bytes. */
  validLength(logSize: number): number {
    const memory = this.file.memory;
    let previousOffset = -1;
    let previousPosition = -1;
    for (let index = 0; index < this.file.length; index++) {
      const relativeOffset = memory.readInt32BE(index * OFFSET_INDEX_ENTRY_SIZE);
      const position = memory.readInt32BE(index * OFFSET_INDEX_ENTRY_SIZE + 4);
      if (relativeOffset <= previousOffset || position <= previousPosition || position >= logSize) return index;
      previousOffset = relativeOffset;
      previousPosition = position;
    }
    return this.file.length;
  }

  /** Drops entries for batches at or after `position` (a truncated log). */
  truncateToPosition(position: number): void {
    const last = this.lastEntry();
    if (!last || last.position < position) return;
    const memory = this.file.memory;
    let keep = this.file.length;
    while (keep > 0 && memory.readInt32BE((keep - 1) * OFFSET_INDEX_ENTRY_SIZE + 4) >= position) keep--;
    this.file.truncate(keep);
  }
}

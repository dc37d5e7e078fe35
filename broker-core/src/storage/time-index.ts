/**
 * `<base>.timeindex`: Kafka's sparse time index. Entries of 12 bytes, big-endian:
 *   int64 timestamp (the largest batch maxTimestamp seen so far in the segment)
 *   int32 relative offset (last offset of the batch that holds that timestamp)
 * Written beside each offset index entry, only when the timestamp grows, plus a final entry when
 * the segment stops being active, so the last entry always holds the segment's largest timestamp.
 * The timestamps are the batches' own (CreateTime: the producer's; LogAppendTime: the broker's),
 * as Kafka's ListOffsets needs them; the broker's append time is kept apart (append-time-index.ts).
 *
 * Invariants: timestamps strictly increase, relative offsets never decrease and stay below the
 * segment's next offset. A file that breaks them is cut at the first bad entry, or rebuilt.
 */
import { IndexFile, lastEntryWhere } from './index-file';
import { TIME_OFFSET_ENTRY_SIZE, truncateTimeOffsetEntries, validTimeOffsetEntries } from './time-offset-entries';
import { readInt64, writeInt64 } from '../records/record-batch-layout';

export const TIME_INDEX_ENTRY_SIZE = TIME_OFFSET_ENTRY_SIZE;

export interface TimestampOffset {
  timestamp: number;
  offset: number;
}

export class TimeIndex {
  readonly file: IndexFile;

  constructor(
    path: string,
    readonly baseOffset: number,
  ) {
    this.file = new IndexFile(path, TIME_INDEX_ENTRY_SIZE);
  }

  static encode(target: Buffer, at: number, timestamp: number, relativeOffset: number): void {
    writeInt64(target, at, timestamp);
    target.writeInt32BE(relativeOffset, at + 8);
  }

  lastEntry(): TimestampOffset | null {
    const entry = this.file.lastEntry();
    return entry ? { timestamp: readInt64(entry, 0), offset: this.baseOffset + entry.readInt32BE(8) } : null;
  }

  /** The entry with the largest timestamp ≤ `timestamp`, or the segment start. */
  lookup(timestamp: number): TimestampOffset {
    const memory = this.file.memory;
    const found = lastEntryWhere(this.file.length, (index) => readInt64(memory, index * TIME_INDEX_ENTRY_SIZE) <= timestamp);
    if (found < 0) return { timestamp: -1, offset: this.baseOffset };
    const at = found * TIME_INDEX_ENTRY_SIZE;
    return { timestamp: readInt64(memory, at), offset: this.baseOffset + memory.readInt32BE(at + 8) };
  }

  /** How many leading entries are consistent with a segment ending before `nextOffset`. */
  validLength(nextOffset: number): number {
    return validTimeOffsetEntries(this.file, this.baseOffset, nextOffset);
  }

  /** Drops entries naming offsets at or after `nextOffset` (a truncated log). */
  truncateToOffset(nextOffset: number): void {
    truncateTimeOffsetEntries(this.file, this.baseOffset, nextOffset);
  }
}

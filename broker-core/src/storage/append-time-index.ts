/**
 * `<base>.appendtime`: Eddy's sidecar holding the broker's append time of every batch of the
 * segment (Kafka's batch header has only the producer's timestamps). Entries of 12 bytes,
 * big-endian, run-length encoded by millisecond:
 *   int64 append time (epoch ms, from the broker's clock)
 *   int32 relative offset of the first batch appended at that time
 * A batch's append time is that of the last entry whose offset is ≤ the batch's base offset.
 * The first batch of a segment always has an entry; later batches add one only when the time
 * moves on, so the file grows by at most 12 bytes per millisecond of appends.
 *
 * Append time is monotonic per partition: the log assigns max(now, previous append time), so a
 * clock stepping back never makes it decrease, and "records older than T" is always a prefix of
 * the log (what the dead-letter sweeper relies on).
 *
 * Durability: an entry is written *before* the batches it covers, so after a process crash every
 * batch in the log has its time (entries past the log end are cut on recovery); it is fsynced
 * together with the log by the group commit. If the file is lost or corrupt, recovery keeps what
 * is valid and gives uncovered batches the log file's modification time, an upper bound of their
 * real append time, so nothing is dead-lettered early.
 *
 * Invariants: times strictly increase, relative offsets never decrease and stay below the
 * segment's next offset.
 */
import { IndexFile, lastEntryWhere } from './index-file';
import { TIME_OFFSET_ENTRY_SIZE, truncateTimeOffsetEntries, validTimeOffsetEntries } from './time-offset-entries';
import { readInt64, writeInt64 } from '../records/record-batch-layout';

export const APPEND_TIME_ENTRY_SIZE = TIME_OFFSET_ENTRY_SIZE;

export class AppendTimeIndex {
  readonly file: IndexFile;

  constructor(
    path: string,
    readonly baseOffset: number,
  ) {
    this.file = new IndexFile(path, APPEND_TIME_ENTRY_SIZE);
  }

  static encode(appendTime: number, relativeOffset: number): Buffer {
    const entry = Buffer.allocUnsafe(APPEND_TIME_ENTRY_SIZE);
    writeInt64(entry, 0, appendTime);
    entry.writeInt32BE(relativeOffset, 8);
    return entry;
  }

  /** The append time of the last batch written (null when the file is empty). */
  lastTime(): number | null {
    const entry = this.file.lastEntry();
    return entry ? readInt64(entry, 0) : null;
  }

  firstTime(): number | null {
    const entry = this.file.firstEntry();
    return entry ? readInt64(entry, 0) : null;
  }

  /** The append time of the batch holding `offset`, or null if no entry covers it. */
  timeAt(offset: number): number | null {
    const memory = this.file.memory;
    const target = offset - this.baseOffset;
    const found = lastEntryWhere(this.file.length, (index) => memory.readInt32BE(index * APPEND_TIME_ENTRY_SIZE + 8) <= target);
    return found < 0 ? null : readInt64(memory, found * APPEND_TIME_ENTRY_SIZE);
  }

  /** The first offset appended at or after `time`, or null if every batch here is older. */
  firstOffsetAtOrAfter(time: number): number | null {
    const memory = this.file.memory;
    // Append times never decrease: the first entry at or after `time` follows the last one before it.
    const found = lastEntryWhere(this.file.length, (index) => readInt64(memory, index * APPEND_TIME_ENTRY_SIZE) < time) + 1;
    return found >= this.file.length ? null : this.baseOffset + memory.readInt32BE(found * APPEND_TIME_ENTRY_SIZE + 8);
  }

  /** How many leading entries are consistent with a segment ending before `nextOffset`. */
  validLength(nextOffset: number): number {
    return validTimeOffsetEntries(this.file, this.baseOffset, nextOffset, true);
  }

  /** Drops entries for offsets at or after `nextOffset`. */
  truncateToOffset(nextOffset: number): void {
    truncateTimeOffsetEntries(this.file, this.baseOffset, nextOffset);
  }
}

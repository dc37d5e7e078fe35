/**
 * DeadLetterIndex: one DLQ topic's dead letters as compact entries (where each is, its times, and
 * what its headers say: dead-letter-recognition.ts), kept in memory for `dlq.list`, `dlq.summary`
 * and selections by filter. Keys, values and other headers are not kept: a page reads those.
 *
 * `refresh()` brings it up to date through the cluster's RecordSource: only offsets it has not
 * read yet (from where it stopped to the high watermark) are read, in chunks of ~1 MiB decoded
 * with the records layer's `readStoredRecords`, yielding to the event loop between chunks so a large
 * topic never holds it for long. Entries below a partition's log start (retention, deleted
 * records) are dropped; a partition whose high watermark went below what was read (the topic was
 * deleted and made again) is read again from its start. Refreshes are serialized: callers
 * during one share the next.
 */
import { readStoredRecords } from '../../../broker-core/src/records/index';
import type { PartitionRange } from '../../contract';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';
import { HeaderTextCache, recognizeDeadLetter, type DeadLetterSource, type RecognizedDeadLetter } from './dead-letter-recognition';

export const DEFAULT_INDEX_CHUNK_BYTES = 1024 * 1024;

/** One dead letter as the index keeps it. */
export interface DeadLetterEntry extends RecognizedDeadLetter {
  partition: number;
  offset: number;
  /** The record's own timestamp. */
  timestamp: number;
}

/** When a dead letter died, as far as is known: its dead-at time, else its timestamp. */
export function entryTime(entry: DeadLetterEntry): number {
  return entry.diedAt ?? entry.timestamp;
}

interface PartitionEntries {
  partition: number;
  logStartOffset: number;
  highWatermark: number;
  /** Offsets below this have been read. */
  next: number;
  /** Ascending by offset. */
  entries: DeadLetterEntry[];
}

/** The first index of `entries` whose offset is ≥ `offset`. */
function lowerBound(entries: readonly DeadLetterEntry[], offset: number): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (entries[middle].offset < offset) low = middle + 1;
    else high = middle;
  }
  return low;
}

const MAX_INTERNED = 10_000;

/** The list's order: by when it died (or its timestamp), then partition and offset. */
const compareEntries = (a: DeadLetterEntry, b: DeadLetterEntry): number => entryTime(a) - entryTime(b) || a.partition - b.partition || a.offset - b.offset;

/** Two sorted lists as one (linear). */
function mergeSorted(left: readonly DeadLetterEntry[], right: readonly DeadLetterEntry[]): DeadLetterEntry[] {
  if (right.length === 0) return left as DeadLetterEntry[];
  const merged = new Array<DeadLetterEntry>(left.length + right.length);
  let l = 0;
  let r = 0;
  let index = 0;
  while (l < left.length && r < right.length) merged[index++] = compareEntries(left[l], right[r]) <= 0 ? left[l++] : right[r++];
  while (l < left.length) merged[index++] = left[l++];
  while (r < right.length) merged[index++] = right[r++];
  return merged;
}
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface DeadLetterIndexOptions {
  chunkBytes?: number;
}

export class DeadLetterIndex {
  /** Grows with every change of the entries. */
  version = 0;
  private readonly partitionsById = new Map<number, PartitionEntries>();
  private sorted: { version: number; entries: DeadLetterEntry[] } | null = null;
  /**
   * Entries read since `sorted` was made, when nothing else changed: `entries()` sorts only these
   * and merges them in (a DLQ that grows while the view is open is not sorted whole again on every
   * list). Null after a change that is not an append (entries dropped or read again).
   */
  private appended: DeadLetterEntry[] | null = [];
  private readonly interned = new Map<string, string>();
  private readonly headerTexts = new HeaderTextCache();
  private busy: Promise<void> | null = null;
  private again: Promise<void> | null = null;
  private readonly chunkBytes: number;

  constructor(
    private readonly source: RecordSource,
    readonly topic: string,
    options: DeadLetterIndexOptions = {},
  ) {
    this.chunkBytes = options.chunkBytes ?? DEFAULT_INDEX_CHUNK_BYTES;
  }

  /** Reads what was appended since the last refresh (and drops what retention deleted). */
  refresh(): Promise<void> {
    if (!this.busy) {
      this.busy = this.update().finally(() => (this.busy = null));
      return this.busy;
    }
    this.again ??= this.busy
      .catch(() => {})
      .then(() => {
        this.again = null;
        return this.refresh();
      });
    return this.again;
  }

  /** The partitions with their offset ranges as of the last refresh. */
  partitions(): PartitionRange[] {
    return [...this.partitionsById.values()].sort((a, b) => a.partition - b.partition).map(({ partition, logStartOffset, highWatermark }) => ({ partition, logStartOffset, highWatermark }));
  }

  get size(): number {
    let size = 0;
    for (const partition of this.partitionsById.values()) size += partition.entries.length;
    return size;
  }

  entry(partition: number, offset: number): DeadLetterEntry | undefined {
    const entries = this.partitionsById.get(partition)?.entries;
    if (!entries) return undefined;
    const found = entries[lowerBound(entries, offset)];
    return found?.offset === offset ? found : undefined;
  }

  /** Every entry, oldest first: by when it died (or its timestamp), then partition and offset. */
  entries(): readonly DeadLetterEntry[] {
    if (this.sorted?.version !== this.version) {
      if (this.sorted && this.appended) {
        this.sorted = { version: this.version, entries: mergeSorted(this.sorted.entries, this.appended.sort(compareEntries)) };
      } else {
        const all: DeadLetterEntry[] = [];
        for (const partition of this.partitionsById.values()) for (const entry of partition.entries) all.push(entry);
        this.sorted = { version: this.version, entries: all.sort(compareEntries) };
      }
      this.appended = [];
    }
    return this.sorted.entries;
  }

  /** A change other than an append: the next `entries()` sorts everything again. */
  private changed(): void {
    this.version++;
    this.appended = null;
  }

  private intern(text: string): string;
  private intern(text: string | null): string | null;
  private intern(text: string | null): string | null {
    if (text === null) return null;
    const known = this.interned.get(text);
    if (known !== undefined) return known;
    if (this.interned.size < MAX_INTERNED) this.interned.set(text, text);
    return text;
  }

  private internSource(source: DeadLetterSource | null): DeadLetterSource | null {
    return source && { topic: this.intern(source.topic), partition: source.partition, offset: source.offset };
  }

  private async update(): Promise<void> {
    const ranges = await this.source.partitionOffsets(this.topic);
    for (const range of ranges) {
      let state = this.partitionsById.get(range.partition);
      if (!state || range.highWatermark < state.next) {
        // New, or its log is shorter than what was read (deleted and made again): read it from its start.
        state = { partition: range.partition, logStartOffset: range.logStartOffset, highWatermark: range.highWatermark, next: range.logStartOffset, entries: [] };
        this.partitionsById.set(range.partition, state);
        this.changed();
      }
      this.dropBelow(state, range.logStartOffset);
      state.highWatermark = range.highWatermark;
      await this.readNew(state);
    }
    for (const partition of [...this.partitionsById.keys()]) {
      if (!ranges.some((range) => range.partition === partition)) {
        this.partitionsById.delete(partition);
        this.changed();
      }
    }
  }

  private dropBelow(state: PartitionEntries, logStartOffset: number): void {
    const cut = lowerBound(state.entries, logStartOffset);
    if (cut > 0) {
      state.entries.splice(0, cut);
      this.changed();
    }
    state.logStartOffset = logStartOffset;
    state.next = Math.max(state.next, logStartOffset);
  }

  private async readNew(state: PartitionEntries): Promise<void> {
    while (state.next < state.highWatermark) {
      let fetched;
      try {
        fetched = await this.source.fetch(this.topic, state.partition, state.next, this.chunkBytes);
      } catch (error) {
        if (error instanceof RecordSourceError && error.code === 'OFFSET_OUT_OF_RANGE') {
          // Retention deleted what was next meanwhile: go on from the new log start.
          const range = (await this.source.partitionOffsets(this.topic)).find((candidate) => candidate.partition === state.partition);
          if (!range || range.logStartOffset <= state.next) throw error;
          this.dropBelow(state, range.logStartOffset);
          state.highWatermark = range.highWatermark;
          continue;
        }
        throw error;
      }
      state.highWatermark = Math.max(state.highWatermark, fetched.highWatermark);
      if (fetched.batches.length === 0) break;
      const decoded = readStoredRecords(fetched.batches, { fromOffset: state.next });
      for (const record of decoded.records) {
        const recognized = recognizeDeadLetter(record, this.headerTexts);
        const entry: DeadLetterEntry = {
          partition: state.partition,
          offset: record.offset,
          timestamp: record.timestamp,
          diedAt: recognized.diedAt,
          format: recognized.format,
          reason: this.intern(recognized.reason),
          exceptionClass: this.intern(recognized.exceptionClass),
          source: this.internSource(recognized.source),
          group: this.intern(recognized.group),
          attempts: recognized.attempts,
        };
        state.entries.push(entry);
        this.appended?.push(entry);
      }
      this.version++;
      if (decoded.nextOffset <= state.next) break; // nothing readable past here (a safety stop)
      state.next = decoded.nextOffset;
      await yieldToEventLoop();
    }
  }
}

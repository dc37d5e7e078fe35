/**
 * One segment of a partition log: `<base>.log` holding RecordBatch v2 bytes back to back, exactly
 * as stored (offsets assigned), with its three index files (offset-index.ts, time-index.ts,
 * append-time-index.ts).
 *
 * Ownership: a `PartitionLog` owns its segments; only the last one is active (appended to). All
 * calls are synchronous on the broker's event loop except `append()` (whose log write runs on the
 * thread pool while the disk is slow), `datasync()` and `seal()`, whose file descriptors stay
 * open until their calls return (file-descriptor.ts).
 *
 * Append order, so a crash at any instant leaves a recoverable segment: (1) the append-time entry,
 * (2) the batches, in one positioned write at the segment's logical end, (3) index entries, and
 * only then the new size, so readers never see bytes still being written. A failed log write is
 * cut back off (ftruncate to the previous end) and undoes (1); a failed index write only makes the
 * index sparser (it is rebuildable), so it never fails the append.
 *
 * Lazy: an inactive segment's indexes are read and checked on first lookup (a bad or missing index
 * is rebuilt from the log); its `.log` is opened on first read. Start-up of the active segment
 * is segment-recovery.ts.
 */
import { fstatSync, ftruncateSync, openSync, readSync, unlinkSync } from 'node:fs';
import { decodeRecords } from '../records/record-batch-decoder';
import { BATCH_LENGTH, COMPRESSION_MASK, LOG_OVERHEAD, TIMESTAMP_TYPE_LOG_APPEND_TIME, readRecordBatchHeader } from '../records/record-batch-layout';
import type { BatchSummary } from '../records/record-batch-validator';
import { AppendTimeIndex } from './append-time-index';
import { HEAP_MEMORY, type ReadMemory } from './read-buffer-pool';
import { BatchScanner, type ScannedBatch } from './batch-scanner';
import { FileDescriptor } from './file-descriptor';
import { OFFSET_INDEX_ENTRY_SIZE, OffsetIndex } from './offset-index';
import { segmentPaths } from './segment-files';
import { TIME_INDEX_ENTRY_SIZE, TimeIndex, type TimestampOffset } from './time-index';
import type { LogFileCache } from './log-file-cache';
import type { TailCache, TailRun } from './tail-cache';
import type { WritePacer } from './write-pacer';

/** How far past an index entry an offset lookup reads at once. */
const LOOKUP_CHUNK_BYTES = 16 * 1024;

/** What a segment needs from its partition. */
export interface SegmentContext {
  warn(message: string): void;
  /** The topic's `index.interval.bytes`. */
  indexIntervalBytes(): number;
  /** Whether log writes run synchronously or on the thread pool (shared by the broker's partitions). */
  readonly writePacer: WritePacer;
  /** Caps the open log files of inactive segments (shared by the broker's partitions). */
  readonly logFiles: LogFileCache;
  /** Keeps the latest written bytes in memory for reads (shared by the broker's partitions). */
  readonly tailCache: TailCache;
}

/** Builds index entries while walking batches in order (appends, recovery, rebuilds). */
export class IndexEntryBuilder {
  readonly offsetEntries: number[] = [];
  readonly timeEntries: number[] = [];

  constructor(
    private readonly baseOffset: number,
    private readonly intervalBytes: number,
    public bytesSinceLastEntry: number,
    public maxTimestamp: number,
    public offsetOfMaxTimestamp: number,
    public lastIndexedTimestamp: number,
  ) {}

  /** Kafka's LogSegment.append rule, per batch. */
  add(position: number, size: number, lastOffset: number, maxTimestamp: number): void {
    if (maxTimestamp > this.maxTimestamp) {
      this.maxTimestamp = maxTimestamp;
      this.offsetOfMaxTimestamp = lastOffset;
    }
    if (this.bytesSinceLastEntry > this.intervalBytes) {
      this.offsetEntries.push(lastOffset - this.baseOffset, position);
      if (this.maxTimestamp > this.lastIndexedTimestamp) {
        this.timeEntries.push(this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset);
        this.lastIndexedTimestamp = this.maxTimestamp;
      }
      this.bytesSinceLastEntry = 0;
    }
    this.bytesSinceLastEntry += size;
  }

  offsetIndexBytes(): Buffer {
    const bytes = Buffer.allocUnsafe((this.offsetEntries.length / 2) * OFFSET_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.offsetEntries.length; i += 2) OffsetIndex.encode(bytes, (i / 2) * OFFSET_INDEX_ENTRY_SIZE, this.offsetEntries[i], this.offsetEntries[i + 1]);
    return bytes;
  }

  timeIndexBytes(): Buffer {
    const bytes = Buffer.allocUnsafe((this.timeEntries.length / 2) * TIME_INDEX_ENTRY_SIZE);
    for (let i = 0; i < this.timeEntries.length; i += 2) TimeIndex.encode(bytes, (i / 2) * TIME_INDEX_ENTRY_SIZE, this.timeEntries[i], this.timeEntries[i + 1]);
    return bytes;
  }
}

/** One producer payload for `LogSegment.append`: its bytes (offsets assigned) and its batches. */
export interface SegmentPayload {
  bytes: Buffer;
  batches: readonly BatchSummary[];
  firstOffset: number;
}

export interface FoundRecord {
  offset: number;
  timestamp: number;
}

export class LogSegment {
  readonly paths: ReturnType<typeof segmentPaths>;
  readonly offsetIndex: OffsetIndex;
  readonly timeIndex: TimeIndex;
  readonly appendTimeIndex: AppendTimeIndex;
  /** Logical size: the end of the last whole batch. */
  size: number;
  /** The offset after the last batch (for an inactive segment: the next segment's base). */
  nextOffset: number;
  /** Appended to since the last datasync. */
  dirty = false;
  /** Set by recovery and appends; read lazily from the time index when inactive. */
  maxTimestamp = -1;
  offsetOfMaxTimestamp = -1;
  bytesSinceLastIndexEntry = 0;
  /** The timestamp of the last time index entry (-1 if none). */
  lastIndexedTimestamp = -1;
  lastAppendTime: number | null = null;
  private log: FileDescriptor | null = null;
  private firstAppendTimeCache: number | null = null;
  private indexesChecked = false;
  private active: boolean;
  private indexWriteFailed = false;
  /** What of this segment the tail cache holds (made by the first append). */
  private tail: TailRun | null = null;

  private constructor(
    readonly dir: string,
    readonly baseOffset: number,
    size: number,
    active: boolean,
    private readonly context: SegmentContext,
  ) {
    this.paths = segmentPaths(dir, baseOffset);
    this.offsetIndex = new OffsetIndex(this.paths.offsetIndex, baseOffset);
    this.timeIndex = new TimeIndex(this.paths.timeIndex, baseOffset);
    this.appendTimeIndex = new AppendTimeIndex(this.paths.appendTime, baseOffset);
    this.size = size;
    this.nextOffset = baseOffset;
    this.active = active;
  }

  /** A new, empty, active segment (files created now). */
  static create(dir: string, baseOffset: number, context: SegmentContext): LogSegment {
    const segment = new LogSegment(dir, baseOffset, 0, true, context);
    segment.log = new FileDescriptor(openSync(segment.paths.log, 'w+'));
    segment.offsetIndex.file.openWritable();
    segment.timeIndex.file.openWritable();
    segment.appendTimeIndex.file.openWritable();
    segment.indexesChecked = true;
    return segment;
  }

  /** An existing segment, nothing read yet; `size` from the directory listing. */
  static existing(dir: string, baseOffset: number, size: number, context: SegmentContext): LogSegment {
    return new LogSegment(dir, baseOffset, size, false, context);
  }

  get isActive(): boolean {
    return this.active;
  }

  /** The `.log` descriptor, opened on first use (read-write while active). */
  logFd(): number {
    return this.logDescriptor().fd;
  }

  private logDescriptor(): FileDescriptor {
    if (!this.log) this.log = new FileDescriptor(openSync(this.paths.log, this.active ? 'r+' : 'r'));
    if (!this.active) this.context.logFiles.touch(this);
    return this.log;
  }

  /** For the log file cache: an inactive segment's log closes until its next read. */
  closeIdleLogFile(): void {
    if (this.active || !this.log) return;
    this.log.close();
    this.log = null;
  }

  /** Makes this (existing) segment the active one; segment-recovery.ts then checks its tail. */
  openForAppend(): void {
    this.active = true;
    this.context.logFiles.forget(this);
    if (this.log) this.log.close();
    this.log = new FileDescriptor(openSync(this.paths.log, 'r+'));
    this.offsetIndex.file.openWritable();
    this.timeIndex.file.openWritable();
    this.appendTimeIndex.file.openWritable();
    this.indexesChecked = true;
  }

  fileStats() {
    return fstatSync(this.logFd());
  }

  /**
   * Writes payloads whose batches have their offsets assigned (`firstOffset` is each payload's
   * first base offset), back to back at the segment's end, in one write: synchronous or on the
   * thread pool, as the write pacer says (write-pacer.ts). With `cacheWrites` (the partition has
   * readers) the bytes written are also kept in the tail cache.
   * Until it settles the segment's size, indexes and readers are unchanged, and no other append,
   * truncation or roll may touch this segment (the partition runs one write at a time). Rejects
   * with the system error of a failed write, having cut the log back and undone the append time.
   */
  async append(payloads: readonly SegmentPayload[], appendTime: number, cacheWrites = false): Promise<void> {
    if (payloads.length === 0) return;
    const log = this.logDescriptor();
    const appendTimes = this.appendTimeIndex.file;
    const appendTimeEntries = appendTimes.length;
    if (this.lastAppendTime === null || appendTime > this.lastAppendTime) {
      try {
        appendTimes.append(AppendTimeIndex.encode(appendTime, payloads[0].firstOffset - this.baseOffset));
      } catch (error) {
        this.undo(() => appendTimes.truncate(appendTimeEntries));
        throw error;
      }
    }
    const start = this.size;
    const buffers = payloads.map((payload) => payload.bytes);
    const pacer = this.context.writePacer;
    const started = performance.now();
    try {
      if (pacer.mode === 'sync') log.writeNow(buffers, start);
      else await log.write(buffers, start);
      pacer.observe(buffers.reduce((sum, buffer) => sum + buffer.length, 0), performance.now() - started);
    } catch (error) {
      if (!log.closed) this.undo(() => ftruncateSync(log.fd, start));
      this.undo(() => appendTimes.truncate(appendTimeEntries));
      throw error;
    }

    const builder = this.indexEntryBuilder();
    let position = start;
    let offset = payloads[0].firstOffset;
    for (const payload of payloads) {
      offset = payload.firstOffset;
      for (const batch of payload.batches) {
        const lastOffset = offset + batch.lastOffsetDelta;
        builder.add(position + batch.position, batch.size, lastOffset, batch.maxTimestamp);
        offset = lastOffset + 1;
      }
      position += payload.bytes.length;
    }
    if (!log.closed) {
      this.writeIndexEntries(builder);
      if (cacheWrites) (this.tail ??= this.context.tailCache.run()).record(start, buffers);
    }
    this.size = position;
    this.nextOffset = offset;
    this.lastAppendTime = this.lastAppendTime === null ? appendTime : Math.max(this.lastAppendTime, appendTime);
    this.dirty = true;
  }

  /** Appends what a builder collected to the indexes; a failure only warns (indexes are rebuildable). */
  writeIndexEntries(builder: IndexEntryBuilder): void {
    this.maxTimestamp = builder.maxTimestamp;
    this.offsetOfMaxTimestamp = builder.offsetOfMaxTimestamp;
    this.bytesSinceLastIndexEntry = builder.bytesSinceLastEntry;
    this.lastIndexedTimestamp = builder.lastIndexedTimestamp;
    if (builder.offsetEntries.length === 0 && builder.timeEntries.length === 0) return;
    try {
      if (builder.offsetEntries.length > 0) this.offsetIndex.file.append(builder.offsetIndexBytes());
      if (builder.timeEntries.length > 0) this.timeIndex.file.append(builder.timeIndexBytes());
    } catch (error) {
      if (!this.indexWriteFailed) this.context.warn(`index write for segment ${this.paths.log} failed (${(error as NodeJS.ErrnoException).code ?? error}); the index stays sparser until it is rebuilt`);
      this.indexWriteFailed = true;
    }
  }

  /** A builder continuing from this segment's current index state. */
  indexEntryBuilder(): IndexEntryBuilder {
    return new IndexEntryBuilder(
      this.baseOffset,
      this.context.indexIntervalBytes(),
      this.bytesSinceLastIndexEntry,
      this.maxTimestamp,
      this.offsetOfMaxTimestamp,
      this.lastIndexedTimestamp,
    );
  }

  private undo(action: () => void): void {
    try {
      action();
    } catch {
      // The positioned write of the next append overwrites whatever is left; recovery cuts the rest.
    }
  }

  /** Cuts the log at `position` (a whole-batch boundary) and every index past it. */
  truncateTo(position: number, nextOffset: number): void {
    this.firstAppendTimeCache = null;
    this.tail?.clear();
    if (position !== this.size || this.fileStats().size !== position) ftruncateSync(this.logFd(), position);
    this.size = position;
    this.nextOffset = nextOffset;
    this.offsetIndex.truncateToPosition(position);
    this.timeIndex.truncateToOffset(nextOffset);
    this.appendTimeIndex.truncateToOffset(nextOffset);
  }

  /**
   * Whole batches from `position`, up to `maxBytes` but at least the first batch when
   * `minOneBatch` (KIP-74). Bytes the tail cache holds come from memory (as many whole batches as
   * its block has); otherwise one read from the file into a buffer from `memory` (a fresh one by
   * default). `position` is a batch start.
   */
  read(position: number, maxBytes: number, minOneBatch: boolean, memory: ReadMemory = HEAP_MEMORY): Buffer {
    const available = this.size - position;
    if (available <= 0) return Buffer.alloc(0);
    const cached = this.tail?.read(position, maxBytes, minOneBatch, memory);
    if (cached) return cached;
    const allocate = (length: number) => memory.alloc(length);
    const wanted = Math.min(Math.max(maxBytes, LOG_OVERHEAD), available);
    // The segment ends on a batch boundary: everything up to its end is whole batches.
    if (wanted === available) return this.readBytes(position, wanted, allocate);
    // Batch starts are indexed every index.interval.bytes: read up to the last one within the
    // budget and the bytes are whole batches, none read only to be cut off (at most the batch
    // there and the unindexed ones after it, < index.interval.bytes, wait for the next read).
    this.ensureIndexes();
    const boundary = this.offsetIndex.largestPositionAtOrBelow(position + wanted);
    if (boundary > position) return this.readBytes(position, boundary - position, allocate);
    const bytes = this.readBytes(position, wanted, allocate);
    let end = 0;
    while (end + LOG_OVERHEAD <= wanted) {
      const size = bytes.readInt32BE(end + BATCH_LENGTH) + LOG_OVERHEAD;
      if (end + size > wanted) break;
      end += size;
    }
    if (end > 0) return bytes.subarray(0, end);
    if (!minOneBatch) return Buffer.alloc(0);
    const first = bytes.readInt32BE(BATCH_LENGTH) + LOG_OVERHEAD;
    return this.readBytes(position, Math.min(first, available), allocate);
  }

  /** Exactly `length` bytes at `position`. */
  readBytes(position: number, length: number, allocate = HEAP_MEMORY.alloc): Buffer {
    const bytes = allocate(length);
    this.readInto(bytes, position);
    return bytes;
  }

  /** Fills `bytes` from file `position`. */
  private readInto(bytes: Buffer, position: number): void {
    const fd = this.logFd();
    const length = bytes.length;
    let read = 0;
    while (read < length) {
      const n = readSync(fd, bytes, read, length - read, position + read);
      if (n === 0) throw new Error(`${this.paths.log} ended at ${position + read}, before ${position + length}`);
      read += n;
    }
  }

  /** The batch holding `offset` (the first whose last offset is ≥ it), or null past the end. */
  findBatch(offset: number, fromPosition?: number): ScannedBatch | null {
    this.ensureIndexes();
    const start = fromPosition ?? this.offsetIndex.lookup(offset).position;
    const scanner = new BatchScanner(this.logFd(), start, this.size, false, LOOKUP_CHUNK_BYTES);
    for (let batch = scanner.next(); batch; batch = scanner.next()) if (batch.lastOffset >= offset) return batch;
    return null;
  }

  /** Every batch's header, in order (headers only, nothing verified; the file read in 1 MiB chunks). */
  *batches(): Generator<ScannedBatch> {
    if (this.size === 0) return;
    const scanner = new BatchScanner(this.logFd(), 0, this.size, false);
    for (let batch = scanner.next(); batch; batch = scanner.next()) yield batch;
  }

  /** The largest batch timestamp here and the last offset of its batch (-1, -1 if none). */
  largestTimestamp(): TimestampOffset {
    if (this.active) return { timestamp: this.maxTimestamp, offset: this.offsetOfMaxTimestamp };
    this.ensureIndexes();
    return this.timeIndex.lastEntry() ?? { timestamp: -1, offset: -1 };
  }

  /**
   * The first record at or after `startingOffset` whose timestamp is ≥ `timestamp` (Kafka's
   * ListOffsets search), or null. Compressed batches are not opened: their first offset stands
   * for the whole batch.
   */
  findRecordByTimestamp(timestamp: number, startingOffset: number): FoundRecord | null {
    this.ensureIndexes();
    const indexed = this.timeIndex.lookup(timestamp);
    const from = Math.max(indexed.offset, startingOffset, this.baseOffset);
    const batchAtFrom = this.findBatch(from);
    if (!batchAtFrom) return null;
    const scanner = new BatchScanner(this.logFd(), batchAtFrom.position, this.size, false, LOOKUP_CHUNK_BYTES);
    for (let batch = scanner.next(); batch; batch = scanner.next()) {
      if (batch.maxTimestamp < timestamp || batch.lastOffset < startingOffset) continue;
      if (batch.attributes & (TIMESTAMP_TYPE_LOG_APPEND_TIME | COMPRESSION_MASK)) {
        return { offset: Math.max(batch.baseOffset, startingOffset), timestamp: batch.maxTimestamp };
      }
      const bytes = this.readBytes(batch.position, batch.size);
      for (const record of decodeRecords(bytes, 0, readRecordBatchHeader(bytes, 0))) {
        if (record.timestamp >= timestamp && record.offset >= startingOffset) return { offset: record.offset, timestamp: record.timestamp };
      }
    }
    return null;
  }

  appendTimeAt(offset: number): number | null {
    this.ensureIndexes();
    return this.appendTimeIndex.timeAt(offset);
  }

  firstOffsetAppendedAtOrAfter(time: number): number | null {
    this.ensureIndexes();
    return this.appendTimeIndex.firstOffsetAtOrAfter(time);
  }

  /** The append time of this segment's first batch (for `segment.ms`), or null if empty. */
  firstAppendTime(): number | null {
    if (this.size === 0) return null;
    if (this.firstAppendTimeCache === null) {
      this.ensureIndexes();
      this.firstAppendTimeCache = this.appendTimeIndex.firstTime();
    }
    return this.firstAppendTimeCache;
  }

  /** The last append time, read from the sidecar for an inactive segment. */
  lastAppendTimeOrNull(): number | null {
    if (this.active) return this.lastAppendTime;
    this.ensureIndexes();
    return this.appendTimeIndex.lastTime();
  }

  /**
   * Loads and checks an inactive segment's indexes once; a missing or inconsistent offset or time
   * index is rebuilt from the log, a damaged append-time sidecar is repaired (append-time-index.ts).
   */
  ensureIndexes(): void {
    if (this.indexesChecked) return;
    this.indexesChecked = true;
    const offsets = this.offsetIndex;
    const times = this.timeIndex;
    offsets.file.load();
    times.file.load();
    let problem: string | null = null;
    if (this.size > 0 && (offsets.file.missing || times.file.missing)) problem = 'missing';
    else if (offsets.validLength(this.size) !== offsets.file.length || times.validLength(this.nextOffset) !== times.file.length) problem = 'inconsistent';
    else {
      const last = offsets.lastEntry();
      if (last && this.findBatchAt(last.position)?.lastOffset !== last.offset) problem = 'pointing at the wrong batch';
      else if (this.size > 0 && times.file.length === 0) problem = 'missing its final time index entry';
    }
    if (problem) {
      this.context.warn(`index of segment ${this.paths.log} is ${problem}; rebuilding it from the log`);
      this.rebuildIndexes();
    }
    this.repairAppendTimes();
  }

  private findBatchAt(position: number): ScannedBatch | null {
    return new BatchScanner(this.logFd(), position, this.size, false, LOOKUP_CHUNK_BYTES).next();
  }

  /** Rebuilds the offset and time indexes of an inactive segment by walking its batches. */
  rebuildIndexes(): void {
    const builder = new IndexEntryBuilder(this.baseOffset, this.context.indexIntervalBytes(), 0, -1, -1, -1);
    const scanner = new BatchScanner(this.logFd(), 0, this.size, true);
    for (let batch = scanner.next(); batch; batch = scanner.next()) builder.add(batch.position, batch.size, batch.lastOffset, batch.maxTimestamp);
    if (scanner.invalidReason) this.context.warn(`segment ${this.paths.log} holds a damaged batch ${scanner.invalidReason}; it is indexed up to there`);
    if (builder.maxTimestamp > builder.lastIndexedTimestamp) builder.timeEntries.push(builder.maxTimestamp, builder.offsetOfMaxTimestamp - this.baseOffset);
    this.offsetIndex.file.replaceWith(builder.offsetIndexBytes());
    this.timeIndex.file.replaceWith(builder.timeIndexBytes());
    this.maxTimestamp = builder.maxTimestamp;
    this.offsetOfMaxTimestamp = builder.offsetOfMaxTimestamp;
    this.lastIndexedTimestamp = builder.maxTimestamp;
  }

  /** Keeps the valid prefix of the append-time sidecar and covers the batches it misses. */
  repairAppendTimes(fallbackTime?: number): void {
    this.firstAppendTimeCache = null;
    const sidecar = this.appendTimeIndex;
    sidecar.file.load();
    const valid = sidecar.validLength(this.nextOffset);
    if (valid < sidecar.file.length) {
      this.context.warn(`append times of segment ${this.paths.log} are damaged after entry ${valid}; keeping the valid ones`);
      sidecar.file.truncate(valid);
    }
    if (this.size > 0 && sidecar.file.length === 0) {
      const time = fallbackTime ?? Math.floor(this.fileStats().mtimeMs);
      this.context.warn(`segment ${this.paths.log} has no append times; using the file's modification time ${new Date(time).toISOString()} for its batches`);
      sidecar.file.replaceWith(AppendTimeIndex.encode(time, 0));
    }
    if (this.active) this.lastAppendTime = sidecar.lastTime();
  }

  /** fdatasync of the log and the append-time sidecar (what acknowledged appends rely on). */
  datasync(): Promise<unknown> {
    if (!this.log) return Promise.resolve();
    return Promise.all([this.log.datasync(), this.appendTimeIndex.file.datasync()]);
  }

  /**
   * Stops being active (a roll): adds the final time index entry so the last one holds the
   * largest timestamp, then syncs and closes the index files in the background. The returned
   * promise settles when they are durable.
   */
  seal(): Promise<unknown> {
    if (this.maxTimestamp > this.lastIndexedTimestamp) {
      try {
        const entry = Buffer.allocUnsafe(TIME_INDEX_ENTRY_SIZE);
        TimeIndex.encode(entry, 0, this.maxTimestamp, this.offsetOfMaxTimestamp - this.baseOffset);
        this.timeIndex.file.append(entry);
        this.lastIndexedTimestamp = this.maxTimestamp;
      } catch (error) {
        this.context.warn(`final time index entry of ${this.paths.log} not written (${(error as NodeJS.ErrnoException).code ?? error}); it is rebuilt when next needed`);
      }
    }
    this.active = false;
    const files = [this.offsetIndex.file, this.timeIndex.file, this.appendTimeIndex.file];
    const synced = Promise.all([this.log?.datasync(), ...files.map((file) => file.datasync())]);
    for (const file of files) file.closeWritable();
    if (this.log) this.context.logFiles.touch(this); // an inactive segment's open log: counted from now on
    return synced;
  }

  /** Syncs everything (clean shutdown). */
  async syncAll(): Promise<void> {
    await Promise.all([this.log?.datasync(), this.offsetIndex.file.datasync(), this.timeIndex.file.datasync(), this.appendTimeIndex.file.datasync()]);
  }

  close(): void {
    this.tail?.clear();
    this.context.logFiles.forget(this);
    this.log?.close();
    this.log = null;
    this.offsetIndex.file.closeWritable();
    this.timeIndex.file.closeWritable();
    this.appendTimeIndex.file.closeWritable();
  }

  /** Closes and removes the files, the log first so a crash midway leaves no half segment. */
  delete(): void {
    this.close();
    try {
      unlinkSync(this.paths.log);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    this.offsetIndex.file.delete();
    this.timeIndex.file.delete();
    this.appendTimeIndex.file.delete();
  }
}

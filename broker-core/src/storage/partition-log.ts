/**
 * The log of one topic partition: its segments in offset order, the last one active. The single
 * writer for the partition.
 *
 * Offsets are dense: a batch of n records gets [nextOffset, nextOffset + n). The high watermark is
 * the log end offset (one broker, no followers) and moves as soon as an append is written, so a
 * reader sees only whole batches. The log start offset moves by retention (whole segments) and by
 * DeleteRecords (any offset; made durable by the log manager before segments go).
 *
 * Appends validate the producer's bytes (records/record-batch-validator.ts) on arrival, then wait
 * in a queue; the queue is written in order, one positioned write at a time (`writeQueued`):
 * synchronously while writes are page-cache copies, on the thread pool while the disk makes
 * writers wait, so the event loop goes on reading and checking the next requests (write-pacer.ts).
 * Offsets are assigned when a write starts (baseOffset and partitionLeaderEpoch rewritten in place;
 * for LogAppendTime topics also the timestamp type, maxTimestamp and CRC, as Kafka does) and
 * become visible (high watermark, indexes, producer state) only once it has succeeded, so a reader
 * never sees bytes still being written. The caller's buffer becomes the log's. Durability:
 * acks=-1 waits for a group commit (group-commit.ts); acks=1 and 0 return once written to the OS,
 * unless `flush.messages` is reached (then the flush is awaited, as in Kafka); `flush.ms`
 * schedules a flush in the background.
 *
 * Reads: while the partition has been read in the last READERS_WINDOW_MS (a consumer tails it),
 * its appends are also kept in the broker's tail cache, so fetches of them are served from memory
 * (tail-cache.ts); otherwise reads come from the segment files.
 *
 * Threading: everything runs on the broker's event loop; reads are synchronous in their I/O, log
 * writes and fsyncs run on the thread pool. After `close()` or `markDeleted()`, every call throws
 * UNKNOWN_TOPIC_OR_PARTITION (a reader of a deleted topic gets an error, never a crash).
 *
 * Failures: a failed write is undone and fails the appends in it with KAFKA_STORAGE_ERROR, nothing
 * changed; the next append may succeed (disk full, then space freed). A failed fsync takes the partition
 * offline for appends until restart; reads keep working.
 */
import type { ProducerBatchInfo } from '../producers/producer-sequence-state';
import { errorCodeName } from '../protocol/generated/errors';
import { crc32c } from '../records/crc32c';
import { ATTRIBUTES, CRC, LAST_OFFSET_DELTA, MAX_TIMESTAMP, PARTITION_LEADER_EPOCH, TIMESTAMP_TYPE_LOG_APPEND_TIME, readInt64, writeInt64 } from '../records/record-batch-layout';
import { validateRecordBatches, type BatchSummary } from '../records/record-batch-validator';
import type { BrokerLogger } from '../broker-api';
import { GroupCommit, type SyncRound } from './group-commit';
import { LogSegment, type SegmentContext, type SegmentPayload } from './log-segment';
import { loadPartitionSegments } from './partition-loader';
import { decideRetention, type RetentionReason } from './retention-policy';
import { StorageError, storageFailure, type StorageErrorCode } from './storage-error';
import { PartitionProducers, producerBatchOf } from './partition-producers';
import type { ReadMemory } from './read-buffer-pool';
import type { EffectiveTopicConfig } from './topic-config';
import type { LogFileCache } from './log-file-cache';
import type { AppendScheduler } from './append-scheduler';
import type { TailCache } from './tail-cache';
import type { WritePacer } from './write-pacer';

/** The leader epoch stamped on stored batches: one broker, always the leader since epoch 0. */
export const LEADER_EPOCH = 0;
const MAX_RELATIVE_OFFSET = 2 ** 31 - 1;

export type Acks = -1 | 0 | 1;

export const LATEST_TIMESTAMP = -1;
export const EARLIEST_TIMESTAMP = -2;
export const MAX_TIMESTAMP_LOOKUP = -3;
export const EARLIEST_LOCAL_TIMESTAMP = -4;
export const LATEST_TIERED_TIMESTAMP = -5;

export interface AppendResult {
  baseOffset: number;
  lastOffset: number;
  recordCount: number;
  /** The broker's append time of these batches (always set). */
  appendTime: number;
  /** What ProduceResponse carries: the append time for LogAppendTime topics, else -1. */
  logAppendTime: number;
  logStartOffset: number;
  /** True when the payload retried a batch already stored: acknowledged again, nothing written. */
  duplicate?: boolean;
}

export interface ReadResult {
  /** Whole stored batches, straight from the segment file (empty at the high watermark). */
  records: Buffer;
  /** The offset after the last returned batch (the next offset to ask for). */
  nextOffset: number;
  highWatermark: number;
  lastStableOffset: number;
  logStartOffset: number;
}

export interface OffsetLookup {
  /** -1 when no record matches. */
  offset: number;
  /** The record's timestamp, or -1 for LATEST/EARLIEST lookups and misses. */
  timestamp: number;
}

export interface PartitionStats {
  topic: string;
  partition: number;
  logStartOffset: number;
  highWatermark: number;
  records: number;
  bytes: number;
  segments: number;
  /** Broker append time of the last batch, or null for a log never appended to. */
  lastAppendTime: number | null;
  /** Every offset below this one has been fsynced. */
  flushedOffset: number;
  flushes: number;
  /** Set when a failed fsync took the partition offline. */
  offlineReason: string | null;
}

export interface RetentionResult {
  deletedSegments: number;
  deletedBytes: number;
  reason: RetentionReason | null;
  logStartOffset: number;
}

export interface PartitionLogOptions {
  topic: string;
  partition: number;
  dir: string;
  clean: boolean;
  /** After a machine restart (not just a process crash): walk every segment, each in full. */
  checkInFull?: boolean;
  logStartOffset: number;
  config: () => EffectiveTopicConfig;
  logger: BrokerLogger;
  now: () => number;
  writePacer: WritePacer;
  logFiles: LogFileCache;
  tailCache: TailCache;
  /** Runs the partitions' queued writes once per turn of the event loop (shared by the broker's partitions). */
  appendScheduler: AppendScheduler;
  onAppended: (result: AppendResult, partition: PartitionLog) => void;
}

/** A validated payload waiting for its write (partition-log.ts `writeQueued`). */
interface QueuedAppend {
  bytes: Buffer;
  batches: BatchSummary[];
  producerBatch: ProducerBatchInfo | null;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

/** Payloads and bytes gathered into one write at most (writev takes up to 1024 buffers). */
const MAX_APPENDS_PER_WRITE = 256;
const MAX_BYTES_PER_WRITE = 16 * 2 ** 20;
/** A partition read within this long has readers: its appends go to the tail cache too (tail-cache.ts). */
const READERS_WINDOW_MS = 30_000;

interface ReadHint {
  segment: LogSegment;
  offset: number;
  position: number;
}

export class PartitionLog {
  readonly topic: string;
  readonly partition: number;
  readonly dir: string;
  private segments: LogSegment[];
  private logStart: number;
  private endOffset: number;
  private lastAppend: number | null;
  private readonly groupCommit: GroupCommit;
  private unflushedMessages = 0;
  private flushTimer: NodeJS.Timeout | null = null;
  private offline: Error | null = null;
  private closed = false;
  /** Set by close(): no new appends; queued ones still get written. */
  private closing = false;
  /** Validated payloads waiting for the write in flight. */
  private readonly queue: QueuedAppend[] = [];
  /** The write in flight (one at a time), or null. */
  private writing: Promise<void> | null = null;
  private writeScheduled = false;
  private readHint: ReadHint | null = null;
  /** When this partition was last read (performance.now()): appends are cached while it has readers. */
  private lastReadAt = -Infinity;
  private readonly context: SegmentContext;
  /** Idempotent producers' recent batches, for duplicate and sequence checks (partition-producers.ts). */
  private readonly producers: PartitionProducers;

  private constructor(private readonly options: PartitionLogOptions) {
    this.topic = options.topic;
    this.partition = options.partition;
    this.dir = options.dir;
    this.context = {
      warn: (message) => options.logger.warn(`${this.name}: ${message}`),
      indexIntervalBytes: () => options.config().indexIntervalBytes,
      writePacer: options.writePacer,
      logFiles: options.logFiles,
      tailCache: options.tailCache,
    };
    const loaded = loadPartitionSegments(options.dir, options.clean, options.logStartOffset, this.context, options.checkInFull ?? false);
    this.segments = loaded.segments;
    const active = this.active;
    this.endOffset = active.nextOffset;
    this.logStart = Math.max(options.logStartOffset, this.segments[0].baseOffset);
    this.lastAppend = active.lastAppendTime ?? (this.segments.length > 1 ? this.segments[this.segments.length - 2].lastAppendTimeOrNull() : null);
    if (loaded.removed.length > 0) options.logger.info(`${this.name}: removed leftover files ${loaded.removed.join(', ')}`);
    // Checked after a machine restart: sealedRecoveries[i] is segments[i]'s, and segments[i + 1] follows it.
    loaded.sealedRecoveries.forEach(({ baseOffset, recovery }, i) => {
      if (!recovery.truncatedBytes) return;
      const lost = `offsets ${this.segments[i].nextOffset} to ${this.segments[i + 1].baseOffset - 1}`;
      options.logger.warn(`${this.name}: truncated ${recovery.truncatedBytes} bytes from the end of segment ${baseOffset} (${recovery.truncationReason}): ${lost} were lost with the machine's restart (never fsynced)`);
    });
    const recovery = loaded.recovery;
    if (recovery?.truncatedBytes) {
      options.logger.warn(`${this.name}: truncated ${recovery.truncatedBytes} bytes from the end of segment ${active.baseOffset} (${recovery.truncationReason}); the log now ends at offset ${this.endOffset}`);
    }
    if (recovery?.rebuiltIndexes) options.logger.warn(`${this.name}: rebuilt the indexes of segment ${active.baseOffset} (${recovery.rebuiltIndexes})`);
    if (recovery && !options.clean && !recovery.truncatedBytes) {
      options.logger.info(`${this.name}: recovered after an unclean stop; checked ${recovery.scannedBatches} batches at the tail, log ends at offset ${this.endOffset}`);
    }
    if (this.logStart > this.endOffset) {
      options.logger.warn(`${this.name}: log start offset ${this.logStart} is past the log end ${this.endOffset}; starting an empty log there`);
      this.replaceAllSegments(this.logStart);
    }
    this.groupCommit = new GroupCommit(this.endOffset, () => this.startSyncRound(), (error) => this.takeOffline(error));
    this.producers = new PartitionProducers(this.dir, this.name, this.endOffset, options.clean, options.logger);
  }

  static open(options: PartitionLogOptions): PartitionLog {
    return new PartitionLog(options);
  }

  get name(): string {
    return `${this.topic}-${this.partition}`;
  }

  get highWatermark(): number {
    return this.endOffset;
  }

  get logStartOffset(): number {
    return this.logStart;
  }

  get lastAppendTime(): number | null {
    return this.lastAppend;
  }

  private get active(): LogSegment {
    return this.segments[this.segments.length - 1];
  }

  private closedError(): StorageError {
    return new StorageError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${this.name} does not exist (its topic was deleted or the log is closed)`);
  }

  private offlineError(offline: Error): StorageError {
    return new StorageError('KAFKA_STORAGE_ERROR', `partition ${this.name} is offline after a failed fsync (${offline.message}); restart the broker`);
  }

  private ensureOpen(): void {
    if (this.closed) throw this.closedError();
  }

  /**
   * Validates `bytes` now (CRC-32C included, so a bad batch is refused at once), queues it, and
   * resolves once it is written (and, for acks=-1, fsynced). Queued payloads are written in
   * arrival order, several per write, one write at a time (`writeQueued`): the payloads queued in
   * one turn of the event loop share a write (append-scheduler.ts), and while a write runs on the thread pool the next
   * ones are checked. `onWritten` is called once the write is done, before any wait for the fsync.
   */
  async append(bytes: Buffer, acks: Acks, onWritten?: () => void): Promise<AppendResult> {
    this.ensureAcceptingAppends();
    const config = this.options.config();
    if (acks === -1 && config.minInsyncReplicas > 1) {
      throw new StorageError('NOT_ENOUGH_REPLICAS', `acks=all needs ${config.minInsyncReplicas} in-sync replicas (min.insync.replicas) but ${this.name} has 1: this is a single broker`);
    }
    const batches = validateRecordBatches(bytes, { maxBatchBytes: config.maxMessageBytes });
    const producerBatch = producerBatchOf(bytes, batches);
    const result = await new Promise<AppendResult>((resolve, reject) => {
      this.queue.push({ bytes, batches, producerBatch, resolve, reject });
      if (!this.writing && !this.writeScheduled) {
        // At the end of this turn of the event loop, so the appends of every request read in it share a write.
        this.writeScheduled = true;
        this.options.appendScheduler.schedule(() => {
          this.writeScheduled = false;
          if (!this.writing) this.writeQueued();
        });
      }
    });
    const end = result.lastOffset + 1;
    onWritten?.();
    if (acks === -1) {
      await this.groupCommit.waitFor(end);
    } else if (result.duplicate) {
      // Nothing new was written: no flush policy to apply.
    } else if (this.unflushedMessages >= config.flushMessages) {
      const flushed = this.flush();
      if (acks === 1) await flushed;
      else flushed.catch(() => {});
    } else if (config.flushMs < Number.MAX_SAFE_INTEGER && !this.flushTimer) {
      this.flushTimer = setTimeout(() => {
        this.flushTimer = null;
        if (!this.closed) this.flush().catch(() => {});
      }, config.flushMs);
      this.flushTimer.unref();
    }
    return result;
  }

  private ensureAcceptingAppends(): void {
    this.ensureOpen();
    if (this.closing) throw new StorageError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${this.name} is closing`);
    if (this.offline) throw this.offlineError(this.offline);
  }

  /**
   * Takes queued payloads in order into one write: checks each idempotent producer's sequence
   * (against what is written and what goes before it in this write), assigns offsets, rewrites the
   * batch headers, rolls the segment first if needed, then writes them with one positioned write.
   * Offsets, indexes, producer state and the high watermark move only once the write succeeds;
   * a failed write fails its payloads, undoes their producer state and leaves the log as it was.
   */
  private writeQueued(): void {
    if (this.closed || this.offline) {
      const error = this.offline && !this.closed ? this.offlineError(this.offline) : this.closedError();
      for (const item of this.queue.splice(0)) item.reject(error);
      return;
    }
    if (this.queue.length === 0) return;
    const config = this.options.config();
    const appendTime = Math.max(this.options.now(), this.lastAppend ?? 0);
    const group: QueuedAppend[] = [];
    const payloads: SegmentPayload[] = [];
    const results: AppendResult[] = [];
    const undo: Array<() => void> = [];
    let offset = this.endOffset;
    let groupBytes = 0;
    while (this.queue.length > 0 && group.length < MAX_APPENDS_PER_WRITE && groupBytes < MAX_BYTES_PER_WRITE) {
      const item = this.queue[0];
      const { bytes, batches, producerBatch } = item;
      if (producerBatch) {
        const check = this.producers.check(producerBatch, this.segments, this.options.now());
        if (check.kind === 'error') {
          this.queue.shift();
          item.reject(new StorageError(errorCodeName(check.errorCode) as StorageErrorCode, `${this.name}: ${check.message}`));
          continue;
        }
        if (check.kind === 'duplicate') {
          // A retry of a batch already stored (or about to be, in this write): acknowledged again at
          // its original offset, not stored twice; it settles with this write.
          this.queue.shift();
          const lastOffset = check.baseOffset + BigInt(batches[0].lastOffsetDelta);
          const time = Number(check.logAppendTime);
          group.push(item);
          results.push({ baseOffset: Number(check.baseOffset), lastOffset: Number(lastOffset), recordCount: 0, appendTime: time, logAppendTime: config.logAppendTime ? time : -1, logStartOffset: this.logStart, duplicate: true });
          continue;
        }
      }
      let lastOffset = offset - 1;
      for (const batch of batches) lastOffset += batch.lastOffsetDelta + 1;
      if (payloads.length === 0) {
        try {
          this.maybeRoll(bytes.length, appendTime, lastOffset, config);
        } catch (error) {
          this.queue.shift();
          item.reject(error instanceof StorageError ? error : storageFailure(`append of ${bytes.length} bytes to ${this.name}`, error));
          continue;
        }
      } else if (this.needsRoll(groupBytes + bytes.length, appendTime, lastOffset, config)) {
        break; // the next write rolls first
      }
      this.queue.shift();
      const baseOffset = offset;
      let recordCount = 0;
      for (const batch of batches) {
        writeInt64(bytes, batch.position, offset);
        bytes.writeInt32BE(LEADER_EPOCH, batch.position + PARTITION_LEADER_EPOCH);
        if (config.logAppendTime) {
          bytes.writeInt16BE(batch.attributes | TIMESTAMP_TYPE_LOG_APPEND_TIME, batch.position + ATTRIBUTES);
          writeInt64(bytes, batch.position + MAX_TIMESTAMP, appendTime);
          bytes.writeUInt32BE(crc32c(bytes, batch.position + ATTRIBUTES, batch.position + batch.size), batch.position + CRC);
          batch.maxTimestamp = appendTime;
        }
        offset += batch.lastOffsetDelta + 1;
        recordCount += batch.recordCount;
      }
      if (producerBatch) undo.push(this.producers.record(producerBatch, baseOffset, appendTime));
      group.push(item);
      payloads.push({ bytes, batches, firstOffset: baseOffset });
      results.push({ baseOffset, lastOffset: offset - 1, recordCount, appendTime, logAppendTime: config.logAppendTime ? appendTime : -1, logStartOffset: this.logStart });
      groupBytes += bytes.length;
    }
    if (group.length === 0) return; // every queued payload was refused: the queue is empty
    const segment = this.active;
    const endOffset = offset;
    const hasReaders = performance.now() - this.lastReadAt < READERS_WINDOW_MS;
    this.writing = segment.append(payloads, appendTime, hasReaders).then(
      () => {
        this.writing = null;
        if (this.closed) {
          const error = new StorageError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${this.name} was deleted while being written`);
          for (const item of group) item.reject(error);
        } else {
          if (payloads.length > 0) {
            this.endOffset = endOffset;
            this.lastAppend = appendTime;
          }
          for (let i = 0; i < group.length; i++) {
            const result = results[i];
            result.logStartOffset = this.logStart;
            if (!result.duplicate) {
              this.unflushedMessages += result.recordCount;
              this.options.onAppended(result, this);
            }
            group[i].resolve(result);
          }
        }
        this.writeQueued();
      },
      (error: unknown) => {
        this.writing = null;
        for (let i = undo.length - 1; i >= 0; i--) undo[i]();
        const failure = storageFailure(`append of ${groupBytes} bytes to ${this.name}`, error);
        for (const item of group) item.reject(failure);
        this.writeQueued();
      },
    );
  }

  private maybeRoll(incomingBytes: number, now: number, lastOffset: number, config: EffectiveTopicConfig): void {
    if (this.needsRoll(incomingBytes, now, lastOffset, config)) this.roll();
  }

  /** Kafka's roll rule: the active segment would outgrow segment.bytes, is older than segment.ms, or runs out of relative offsets. */
  private needsRoll(incomingBytes: number, now: number, lastOffset: number, config: EffectiveTopicConfig): boolean {
    const active = this.active;
    if (active.size === 0) return false;
    const firstAppend = active.firstAppendTime();
    const full = active.size + incomingBytes > config.segmentBytes;
    const old = firstAppend !== null && now - firstAppend >= config.segmentMs;
    const offsetsExhausted = lastOffset - active.baseOffset > MAX_RELATIVE_OFFSET;
    return full || old || offsetsExhausted;
  }

  /** Seals the active segment and starts a new one at the log end offset. */
  private roll(): void {
    const previous = this.active;
    previous.nextOffset = this.endOffset;
    previous.seal().catch((error: unknown) => this.options.logger.warn(`${this.name}: background sync of segment ${previous.baseOffset} failed: ${(error as Error).message}`));
    let next: LogSegment;
    try {
      next = LogSegment.create(this.dir, this.endOffset, this.context);
    } catch (error) {
      previous.openForAppend();
      throw storageFailure(`creating segment ${this.endOffset} of ${this.name}`, error);
    }
    this.segments.push(next);
  }

  private startSyncRound(): SyncRound {
    const upTo = this.endOffset;
    const dirty = this.segments.filter((segment) => segment.dirty);
    for (const segment of dirty) segment.dirty = false;
    this.unflushedMessages = 0;
    return { upTo, done: Promise.all(dirty.map((segment) => segment.datasync())) };
  }

  private takeOffline(error: unknown): void {
    this.offline = error instanceof Error ? error : new Error(String(error));
    this.options.logger.error(`${this.name}: fsync failed (${(error as NodeJS.ErrnoException).code ?? this.offline.message}); appends to this partition are refused until restart`);
  }

  /** Everything appended so far is fsynced once this resolves. */
  flush(): Promise<void> {
    return this.groupCommit.flush(this.endOffset).catch((error: unknown) => {
      throw error instanceof StorageError ? error : storageFailure(`fsync of ${this.name}`, error);
    });
  }

  read(offset: number, maxBytes: number, minOneBatch = true, memory?: ReadMemory): ReadResult {
    this.ensureOpen();
    this.lastReadAt = performance.now();
    const highWatermark = this.endOffset;
    const result = (records: Buffer, nextOffset: number): ReadResult => ({ records, nextOffset, highWatermark, lastStableOffset: highWatermark, logStartOffset: this.logStart });
    if (!Number.isSafeInteger(offset) || offset < this.logStart || offset > highWatermark) {
      throw new StorageError('OFFSET_OUT_OF_RANGE', `offset ${offset} is out of range for ${this.name} (log start ${this.logStart}, high watermark ${highWatermark})`);
    }
    if (offset === highWatermark) return result(Buffer.alloc(0), offset);
    for (let index = this.segmentIndexFor(offset); index < this.segments.length; index++) {
      const segment = this.segments[index];
      const hint = this.readHint;
      const position = hint && hint.segment === segment && hint.offset === offset ? hint.position : segment.findBatch(offset)?.position;
      if (position === undefined) continue;
      const records = segment.read(position, maxBytes, minOneBatch, memory);
      // At a segment's end before the log's: offsets lost in a gap (segment-recovery.ts), the next segment goes on.
      if (records.length === 0 && position >= segment.size && index < this.segments.length - 1) continue;
      if (records.length === 0) return result(records, offset);
      const nextOffset = this.lastOffsetIn(records) + 1;
      this.readHint = { segment, offset: nextOffset, position: position + records.length };
      return result(records, nextOffset);
    }
    return result(Buffer.alloc(0), offset);
  }

  private lastOffsetIn(records: Buffer): number {
    let position = 0;
    let last = 0;
    while (position < records.length) {
      last = position;
      position += records.readInt32BE(position + 8) + 12;
    }
    return readInt64(records, last) + records.readInt32BE(last + LAST_OFFSET_DELTA);
  }

  /** Index of the last segment whose base offset is ≤ `offset` (0 if none). */
  private segmentIndexFor(offset: number): number {
    let low = 0;
    let high = this.segments.length - 1;
    let found = 0;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      if (this.segments[middle].baseOffset <= offset) {
        found = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    return found;
  }

  /** Kafka's ListOffsets for one partition: -1 latest, -2 earliest, -3 max timestamp, ≥ 0 by time. */
  listOffsets(timestamp: number): OffsetLookup {
    this.ensureOpen();
    switch (timestamp) {
      case LATEST_TIMESTAMP:
        return { offset: this.endOffset, timestamp: -1 };
      case EARLIEST_TIMESTAMP:
      case EARLIEST_LOCAL_TIMESTAMP:
        return { offset: this.logStart, timestamp: -1 };
      case LATEST_TIERED_TIMESTAMP:
        return { offset: -1, timestamp: -1 };
      case MAX_TIMESTAMP_LOOKUP: {
        let best: LogSegment | null = null;
        let bestTimestamp = -1;
        for (const segment of this.liveSegments()) {
          const largest = segment.largestTimestamp().timestamp;
          if (largest > bestTimestamp) {
            best = segment;
            bestTimestamp = largest;
          }
        }
        return (best && best.findRecordByTimestamp(bestTimestamp, this.logStart)) ?? { offset: -1, timestamp: -1 };
      }
    }
    if (timestamp < 0 || !Number.isSafeInteger(timestamp)) throw new StorageError('INVALID_REQUEST', `ListOffsets timestamp ${timestamp} is neither a time nor a known special value (-1 to -5)`);
    for (const segment of this.liveSegments()) {
      if (segment.largestTimestamp().timestamp < timestamp) continue;
      const found = segment.findRecordByTimestamp(timestamp, this.logStart);
      if (found) return found;
    }
    return { offset: -1, timestamp: -1 };
  }

  private liveSegments(): LogSegment[] {
    return this.segments.filter((segment) => (segment === this.active ? this.endOffset : segment.nextOffset) > this.logStart && segment.size > 0);
  }

  /** The broker append time of the batch holding `offset`, or null if it is not in the log. */
  appendTimeAt(offset: number): number | null {
    this.ensureOpen();
    if (offset < this.logStart || offset >= this.endOffset) return null;
    return this.segments[this.segmentIndexFor(offset)].appendTimeAt(offset);
  }

  /**
   * The first offset ≥ `fromOffset` appended at or after `time`, or the high watermark when every
   * record from `fromOffset` on is older. Records in [fromOffset, result) are older than `time`:
   * the dead-letter sweeper's question. Append time is monotonic, so this is one search.
   */
  firstOffsetAppendedAtOrAfter(time: number, fromOffset = this.logStart): number {
    this.ensureOpen();
    const from = Math.max(fromOffset, this.logStart);
    if (from >= this.endOffset) return this.endOffset;
    for (let index = this.segmentIndexFor(from); index < this.segments.length; index++) {
      const found = this.segments[index].firstOffsetAppendedAtOrAfter(time);
      if (found !== null) {
        if (found > from) return found;
        // The entry covers a batch starting before `from`; that batch is young, so `from` is too.
        return from;
      }
    }
    return this.endOffset;
  }

  /** Moves the log start offset (DeleteRecords); -1 means the high watermark. Returns it. */
  setLogStartOffset(upTo: number): number {
    this.ensureOpen();
    const target = upTo === -1 ? this.endOffset : upTo;
    if (!Number.isSafeInteger(target) || target < 0 || target > this.endOffset) {
      throw new StorageError('OFFSET_OUT_OF_RANGE', `cannot delete records of ${this.name} up to ${upTo}: the high watermark is ${this.endOffset}`);
    }
    if (target > this.logStart) this.logStart = target;
    return this.logStart;
  }

  /**
   * Deletes the segments retention (or the log start offset) says may go; with `logStartOnly`,
   * only those wholly below the log start offset (after DeleteRecords).
   */
  applyRetention(now: number, logStartOnly = false): RetentionResult {
    this.ensureOpen();
    const config = this.options.config();
    const views = this.segments.map((segment) => ({
      baseOffset: segment.baseOffset,
      nextOffset: segment === this.active ? this.endOffset : segment.nextOffset,
      size: segment.size,
      largestTimestamp: () => {
        const largest = segment.largestTimestamp().timestamp;
        return largest >= 0 ? largest : (segment.lastAppendTimeOrNull() ?? now);
      },
    }));
    const decision = decideRetention(views, { now, retentionMs: config.retentionMs, retentionBytes: config.retentionBytes, logStartOffset: this.logStart, deleteEnabled: config.deleteEnabled && !logStartOnly });
    // The active segment being written goes at the next pass, once its write has settled.
    const count = decision.count === this.segments.length && this.writing ? decision.count - 1 : decision.count;
    if (count === 0) return { deletedSegments: 0, deletedBytes: 0, reason: null, logStartOffset: this.logStart };
    if (count === this.segments.length) this.roll();
    const doomed = this.segments.slice(0, count);
    this.segments = this.segments.slice(count);
    let deletedBytes = 0;
    for (const segment of doomed) {
      deletedBytes += segment.size;
      if (this.readHint?.segment === segment) this.readHint = null;
      segment.delete();
    }
    this.logStart = Math.max(this.logStart, this.segments[0].baseOffset);
    this.options.logger.info(`${this.name}: deleted ${doomed.length} segment(s), ${deletedBytes} bytes (${decision.reason}); log start offset is now ${this.logStart}`);
    return { deletedSegments: doomed.length, deletedBytes, reason: decision.reason, logStartOffset: this.logStart };
  }

  private replaceAllSegments(baseOffset: number): void {
    for (const segment of this.segments) segment.delete();
    this.segments = [LogSegment.create(this.dir, baseOffset, this.context)];
    this.endOffset = baseOffset;
    this.readHint = null;
  }

  stats(): PartitionStats {
    return {
      topic: this.topic,
      partition: this.partition,
      logStartOffset: this.logStart,
      highWatermark: this.endOffset,
      records: this.endOffset - this.logStart,
      bytes: this.segments.reduce((sum, segment) => sum + segment.size, 0),
      segments: this.segments.length,
      lastAppendTime: this.lastAppend,
      flushedOffset: this.groupCommit.durableOffset,
      flushes: this.groupCommit.rounds,
      offlineReason: this.offline?.message ?? null,
    };
  }

  /** Lets every accepted append finish its write (close waits for them). */
  private async settleWrites(): Promise<void> {
    while (this.writing || this.writeScheduled || this.queue.length > 0) {
      if (this.writing) await this.writing;
      else if (this.writeScheduled) await new Promise((resolve) => setImmediate(resolve));
      else this.writeQueued();
    }
  }

  /** Refuses new appends, lets queued ones finish, syncs everything and closes the files (clean shutdown). */
  async close(): Promise<void> {
    if (this.closed || this.closing) return;
    this.closing = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    try {
      await this.settleWrites();
      if (!this.offline) await this.flush();
      await this.active.syncAll();
      if (!this.offline) this.producers.save(this.endOffset);
    } finally {
      this.closed = true;
      for (const segment of this.segments) segment.close();
    }
  }

  /**
   * The topic is gone: refuse every further call, fail queued appends, close the files without
   * syncing (a write in flight keeps its descriptor until it returns, then fails its appends).
   */
  markDeleted(): void {
    this.closed = true;
    if (this.flushTimer) clearTimeout(this.flushTimer);
    const gone = new StorageError('UNKNOWN_TOPIC_OR_PARTITION', `partition ${this.name} was deleted`);
    for (const item of this.queue.splice(0)) item.reject(gone);
    for (const segment of this.segments) segment.close();
  }
}

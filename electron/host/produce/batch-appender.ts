/**
 * BatchAppender: the one way produced records reach a RecordSink. Records are added with their
 * partition; each partition's records wait in a pending batch until it is full (about
 * `batchBytes`, below the topic's `max.message.bytes`, or `batchRecords`), then the batch is
 * built (`buildRecordBatch`), compressed (`compressRecordBatch`, per batch) and appended, with up
 * to `maxInFlight` appends running at once (`whenRoom` is the backpressure).
 *
 * Counting is exact: `sent` grows by a batch's records only once the sink acknowledged it, and
 * `failed` by those it refused; every added record ends in exactly one of them, or is dropped
 * unsent by `discardPending` (a cancel). A batch refused as too large is sent again one record
 * at a time, so only the records over the limit fail. A refusal that no other batch would escape
 * (the topic or partition gone, the disk) is `fatal`: the owner stops adding.
 *
 * Each record may carry a tag; `onBatch` hears, per batch, the tags with the batch's base offset
 * or the refusal (produce.send reports per record through it).
 */
import { buildRecordBatch, compressRecordBatch, type CompressionCodec } from '../../../broker-core/src/records/index';
import { RecordSinkError, type RecordSink, type SinkAcks } from '../cluster/record-sink';
import { encodedSize, type EncodedRecord } from './encoded-record';

export const DEFAULT_BATCH_BYTES = 1024 * 1024;
export const DEFAULT_BATCH_RECORDS = 16_384;
export const DEFAULT_MAX_IN_FLIGHT = 4;

export interface BatchOutcome<T> {
  partition: number;
  tags: readonly T[];
  /** Offset of the batch's first record, when stored. */
  baseOffset: number | null;
  error: RecordSinkError | null;
}

export interface BatchAppenderOptions<T> {
  sink: RecordSink;
  topic: string;
  acks: SinkAcks;
  codec: CompressionCodec;
  /** The topic's max.message.bytes. */
  maxBatchBytes: number;
  batchBytes?: number;
  batchRecords?: number;
  maxInFlight?: number;
  onBatch?: (outcome: BatchOutcome<T>) => void;
}

interface PendingBatch<T> {
  records: EncodedRecord[];
  tags: T[];
  bytes: number;
}

const FATAL = new Set(['UNKNOWN_TOPIC', 'UNKNOWN_PARTITION', 'STORAGE_ERROR']);

export class BatchAppender<T = undefined> {
  sent = 0;
  failed = 0;
  /** The first refusal that stops the job (topic deleted, …), or null. */
  fatal: RecordSinkError | null = null;
  /** The latest refusal of any kind, for a job's summary. */
  lastError: RecordSinkError | null = null;
  private readonly pending = new Map<number, PendingBatch<T>>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly batchBytes: number;
  private readonly batchRecords: number;
  private readonly maxInFlight: number;

  constructor(private readonly options: BatchAppenderOptions<T>) {
    // A batch's overhead (61 bytes) and compression's worst case stay below the topic's limit.
    this.batchBytes = Math.max(1, Math.min(options.batchBytes ?? DEFAULT_BATCH_BYTES, Math.floor(options.maxBatchBytes * 0.9) - 100));
    this.batchRecords = options.batchRecords ?? DEFAULT_BATCH_RECORDS;
    this.maxInFlight = options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT;
  }

  /** Queues a record for `partition`; starts the partition's batch when it is full. */
  add(partition: number, record: EncodedRecord, tag?: T): void {
    const size = encodedSize(record);
    let batch = this.pending.get(partition);
    if (batch && batch.records.length > 0 && batch.bytes + size > this.batchBytes) {
      this.start(partition, batch);
      batch = undefined;
    }
    if (!batch) {
      batch = { records: [], tags: [], bytes: 0 };
      this.pending.set(partition, batch);
    }
    batch.records.push(record);
    batch.tags.push(tag as T);
    batch.bytes += size;
    if (batch.records.length >= this.batchRecords || batch.bytes >= this.batchBytes) this.start(partition, batch);
  }

  /** Records added and not yet handed to the sink. */
  pendingCount(): number {
    let count = 0;
    for (const batch of this.pending.values()) count += batch.records.length;
    return count;
  }

  /** Starts every pending batch. */
  flush(): void {
    for (const [partition, batch] of [...this.pending]) this.start(partition, batch);
  }

  /** Resolves once fewer than maxInFlight appends run. */
  async whenRoom(): Promise<void> {
    while (this.inFlight.size >= this.maxInFlight) await Promise.race(this.inFlight);
  }

  /** Starts every pending batch and waits for every append. */
  async drain(): Promise<void> {
    this.flush();
    while (this.inFlight.size > 0) await Promise.race(this.inFlight);
  }

  /** Drops what was added but not started (a cancel); returns how many records that was. */
  discardPending(): number {
    const dropped = this.pendingCount();
    this.pending.clear();
    return dropped;
  }

  private start(partition: number, batch: PendingBatch<T>): void {
    this.pending.delete(partition);
    if (batch.records.length === 0) return;
    const work = this.appendBatch(partition, batch.records, batch.tags).finally(() => this.inFlight.delete(work));
    this.inFlight.add(work);
  }

  private async appendBatch(partition: number, records: EncodedRecord[], tags: T[]): Promise<void> {
    const { sink, topic, acks, codec } = this.options;
    if (this.fatal) return this.refuse(partition, tags, this.fatal);
    try {
      const batch = await compressRecordBatch(buildRecordBatch(records), codec);
      const appended = await sink.append(topic, partition, batch, acks);
      this.sent += records.length;
      this.options.onBatch?.({ partition, tags, baseOffset: appended.baseOffset, error: null });
    } catch (error) {
      if (!(error instanceof RecordSinkError)) throw error;
      if (error.code === 'RECORD_TOO_LARGE' && records.length > 1) {
        for (let i = 0; i < records.length; i++) await this.appendBatch(partition, [records[i]], [tags[i]]);
        return;
      }
      if (FATAL.has(error.code) && !this.fatal) this.fatal = error;
      this.refuse(partition, tags, error);
    }
  }

  private refuse(partition: number, tags: readonly T[], error: RecordSinkError): void {
    this.failed += tags.length;
    this.lastError = error;
    this.options.onBatch?.({ partition, tags, baseOffset: null, error });
  }
}

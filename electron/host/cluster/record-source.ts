/**
 * A cluster's records, the one way every message view reads them (browse, search, and later the
 * live tail): the embedded broker implements it in process (embedded-record-source.ts); a remote
 * cluster implements it with a Kafka client's ListOffsets and Fetch by partition, from the
 * leaders, without a consumer group (the remote-cluster issue).
 *
 * What it hands out is what Kafka's Fetch carries: whole stored record batches, in the format the
 * producers wrote them (compressed or not); decoding them is the caller's (broker-core's
 * `readStoredRecords`), so both implementations are read the same way.
 *
 * Failures are `RecordSourceError`s: the topic or partition does not exist (deleted meanwhile),
 * or an offset is out of range (retention deleted it).
 *
 * `watch` (optional) is a topic's change feed, for the live tail: the embedded broker has one (its
 * log manager's events); a source without one is watched by polling `partitionOffsets`
 * (tail/polling-watch.ts). Each change states where things are now (a high watermark, a log
 * start, a partition count), not by how much they moved, so a listener may get one twice, or a
 * poller's first look at the topic, and lose nothing.
 */

export interface PartitionOffsets {
  partition: number;
  logStartOffset: number;
  highWatermark: number;
}

export interface FetchedBatches {
  /** Whole record batches from the one holding the asked offset (empty at the high watermark). */
  batches: Buffer;
  highWatermark: number;
  logStartOffset: number;
}

export interface RecordSource {
  /** Every partition of `topic` with its offset range now. */
  partitionOffsets(topic: string): Promise<PartitionOffsets[]>;
  /** The first offset of `partition` whose record's timestamp is ≥ `timestamp`, or null if none is. */
  offsetForTime(topic: string, partition: number, timestamp: number): Promise<number | null>;
  /** About `maxBytes` of whole batches from the one holding `offset` on (at least one batch, if any). */
  fetch(topic: string, partition: number, offset: number, maxBytes: number): Promise<FetchedBatches>;
  /**
   * Calls `listener` on every change of `topic` until the returned function is called. Listeners
   * run on the source's thread right after the change (the broker's event loop, for the embedded
   * one): they must be quick and must not throw.
   */
  watch?(topic: string, listener: (change: RecordChange) => void): () => void;
}

/** A change of a topic's records, as it is now. */
export type RecordChange =
  /** Records were appended to `partition`: its high watermark is now `highWatermark`. */
  | { type: 'appended'; partition: number; highWatermark: number }
  /** The topic now has `partitions` partitions (it had fewer). */
  | { type: 'partitions-added'; partitions: number }
  | { type: 'topic-deleted' }
  /** `partition` now starts at `logStartOffset`: records below it were deleted (by retention, DeleteRecords, or unknown when polled). */
  | { type: 'log-start-moved'; partition: number; logStartOffset: number; reason: 'retention' | 'delete-records' | null };

export type RecordSourceErrorCode = 'UNKNOWN_TOPIC' | 'UNKNOWN_PARTITION' | 'OFFSET_OUT_OF_RANGE' | 'UNAVAILABLE';

export class RecordSourceError extends Error {
  constructor(
    readonly code: RecordSourceErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'RecordSourceError';
  }
}

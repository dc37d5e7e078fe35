/**
 * Where the console's records go (produce, bulk, import, copy to topic): the embedded broker
 * implements it in process (embedded-record-sink.ts); a remote cluster implements it with a Kafka
 * client's Metadata, DescribeConfigs and Produce, to each partition's leader (the remote-cluster
 * issue).
 *
 * What it takes is what Kafka's Produce carries: one whole RecordBatch v2 per call, built and
 * compressed by the caller (broker-core's `buildRecordBatch` and `compressRecordBatch`), so both
 * implementations send the same bytes. The batch becomes the sink's (the embedded log rewrites its
 * base offset in place). Appends to one partition are stored in the order they were called.
 *
 * An append either stores every record of the batch or none of them: a refusal is a
 * `RecordSinkError` whose code says why (the batch over the topic's `max.message.bytes`, the topic
 * or partition gone, the disk), so callers can count exactly what was stored.
 */
export type SinkAcks = -1 | 0 | 1;

export interface TopicLayout {
  partitions: number;
  /** The topic's `max.message.bytes`: the largest batch (as sent, compressed) it accepts. */
  maxBatchBytes: number;
}

export interface AppendedBatch {
  /** Offset of the batch's first record (for acks=0, where the log put it all the same; -1 if unknown). */
  baseOffset: number;
  recordCount: number;
}

export interface RecordSink {
  /** The topic's partition count and batch size limit now. */
  topicLayout(topic: string): Promise<TopicLayout>;
  /** Stores one batch (acks: -1 fsynced, 1 written, 0 handed over). */
  append(topic: string, partition: number, batch: Buffer, acks: SinkAcks): Promise<AppendedBatch>;
}

export type RecordSinkErrorCode = 'UNKNOWN_TOPIC' | 'UNKNOWN_PARTITION' | 'RECORD_TOO_LARGE' | 'INVALID_RECORD' | 'STORAGE_ERROR' | 'REFUSED' | 'READ_ONLY' | 'UNAVAILABLE';

export class RecordSinkError extends Error {
  constructor(
    readonly code: RecordSinkErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RecordSinkError';
  }
}

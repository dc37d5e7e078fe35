/**
 * Turns records the sweeper moves into DLQ record batches: key, value, headers and the original
 * timestamp kept, the KIP-1191 provenance headers added (sweeper-api.ts), cut into batches that
 * stay under the DLQ topic's `max.message.bytes`. Sans-I/O.
 */
import { buildRecordBatch, type RecordHeader, type RecordInput } from '../records/record-batch-builder';
import type { StoredRecord } from '../records/stored-record-reader';
import { DLQ_HEADER_DEAD_AT, DLQ_HEADER_GROUP, DLQ_HEADER_MESSAGE, DLQ_HEADER_OFFSET, DLQ_HEADER_PARTITION, DLQ_HEADER_TOPIC } from './sweeper-api';

/** Room left in every batch for its own framing. */
const BATCH_FRAMING_BYTES = 128;
/** A batch is cut at this size even when the DLQ allows more, so one append stays small. */
const PREFERRED_BATCH_BYTES = 1024 * 1024;

export interface DeadLetterContext {
  topic: string;
  partition: number;
  group: string;
  maxAgeMs: number;
  /** When the sweep moved them (epoch ms). */
  deadAt: number;
}

/** The reason written in `__dlq.errors.message`. */
export function sweeperReason(group: string, maxAgeMs: number): string {
  return `not consumed by group "${group}" within dlq.max.age.ms=${maxAgeMs} (${describeDuration(maxAgeMs)})`;
}

function describeDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (ms >= size && ms % size === 0) return `${ms / size} ${unit}`;
  return `${ms} ms`;
}

function recordSize(record: RecordInput): number {
  let size = 32 + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const header of record.headers ?? []) size += 10 + Buffer.byteLength(header.key) + (header.value?.length ?? 0);
  return size;
}

/**
 * DLQ batches for `records` (all from the context's partition). Each batch is at most about
 * `maxBatchBytes`; a single record larger than that still gets a batch of its own (the append
 * then refuses it, and the sweeper reports it).
 */
export function deadLetterBatches(records: readonly StoredRecord[], context: DeadLetterContext, maxBatchBytes: number): { batch: Buffer; records: number }[] {
  const reason = Buffer.from(sweeperReason(context.group, context.maxAgeMs));
  const topic = Buffer.from(context.topic);
  const partition = Buffer.from(String(context.partition));
  const group = Buffer.from(context.group);
  const deadAt = Buffer.from(String(context.deadAt));
  const limit = Math.max(1, Math.min(PREFERRED_BATCH_BYTES, maxBatchBytes - BATCH_FRAMING_BYTES));

  const batches: { batch: Buffer; records: number }[] = [];
  let pending: RecordInput[] = [];
  let pendingBytes = 0;
  const cut = () => {
    if (pending.length === 0) return;
    batches.push({ batch: buildRecordBatch(pending, { timestamp: context.deadAt }), records: pending.length });
    pending = [];
    pendingBytes = 0;
  };
  for (const record of records) {
    const headers: RecordHeader[] = [
      ...record.headers,
      { key: DLQ_HEADER_TOPIC, value: topic },
      { key: DLQ_HEADER_PARTITION, value: partition },
      { key: DLQ_HEADER_OFFSET, value: Buffer.from(String(record.offset)) },
      { key: DLQ_HEADER_GROUP, value: group },
      { key: DLQ_HEADER_MESSAGE, value: reason },
      { key: DLQ_HEADER_DEAD_AT, value: deadAt },
    ];
    const input: RecordInput = { key: record.key, value: record.value, headers, timestamp: record.timestamp };
    const size = recordSize(input);
    if (pendingBytes + size > limit) cut();
    pending.push(input);
    pendingBytes += size;
  }
  cut();
  return batches;
}

/**
 * A produced record as bytes (contract's `ProducedRecord` through field-encoding.ts), ready for
 * `buildRecordBatch`, with the size it adds to a batch (for cutting batches below the topic's
 * `max.message.bytes`).
 */
import type { RecordHeader, RecordInput } from '../../../broker-core/src/records/index';
import type { ProducedRecord } from '../../contract';
import { encodeField, utf8Of } from './field-encoding';

export interface EncodedRecord extends RecordInput {
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
  /** Epoch ms; undefined: the time of sending. */
  timestamp?: number;
  /** The record's own partition (explicit partitioner, an import line's), if any. */
  partition?: number;
}

/** The record's encoded bytes in a batch, near enough (varints at their widest). */
export function encodedSize(record: EncodedRecord): number {
  let size = 21 + (record.key?.length ?? 0) + (record.value?.length ?? 0);
  for (const header of record.headers) size += 10 + header.key.length * 3 + (header.value?.length ?? 0);
  return size;
}

/** Throws FieldEncodingError naming the field that cannot be encoded. */
export function encodeRecord(record: ProducedRecord): EncodedRecord {
  const headers = record.headers.map((header) => {
    utf8Of(header.key, `header key "${header.key}"`);
    return { key: header.key, value: encodeField(header.value, `header "${header.key}" value`) };
  });
  return { key: encodeField(record.key, 'key'), value: encodeField(record.value, 'value'), headers, timestamp: record.timestamp, partition: record.partition };
}

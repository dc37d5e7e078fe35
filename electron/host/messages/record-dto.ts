/**
 * A stored record (broker-core's `readStoredRecords`) as the console shows it: its fields decoded
 * by the caller's modes (field-decoding.ts), header values by the value's mode (keys of headers are
 * strings in Kafka's format).
 */
import type { Decoding, MessageRecord } from '../../contract';
import { decodeField, type DecodeOptions } from './field-decoding';

/** What the console needs of a stored record (a subset of broker-core's StoredRecord). */
export interface RecordFields {
  offset: number;
  timestamp: number;
  timestampType: 'CreateTime' | 'LogAppendTime';
  key: Buffer | null;
  value: Buffer | null;
  headers: ReadonlyArray<{ key: string; value: Buffer | null }>;
  size: number;
  producerId: number;
  producerEpoch: number;
  sequence: number;
  compression: MessageRecord['compression'];
}

export function toMessageRecord(partition: number, record: RecordFields, decoding: Decoding, options: DecodeOptions): MessageRecord {
  return {
    partition,
    offset: record.offset,
    timestamp: record.timestamp,
    timestampType: record.timestampType,
    key: decodeField(record.key, decoding.key, options),
    value: decodeField(record.value, decoding.value, options),
    headers: record.headers.map((header) => ({ key: header.key, value: decodeField(header.value, decoding.value === 'int' || decoding.value === 'long' ? 'auto' : decoding.value, options) })),
    size: record.size,
    producerId: record.producerId,
    producerEpoch: record.producerEpoch,
    sequence: record.sequence,
    compression: record.compression,
  };
}

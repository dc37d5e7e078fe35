/**
 * Encodes records into one uncompressed RecordBatch v2, CRC-32C included: what a producer sends.
 * Used by the broker itself where it writes records (dead letters, test messages from the
 * console), by tests and by the benchmarks. Sans-I/O; one allocation per batch.
 *
 * baseOffset defaults to 0 and partitionLeaderEpoch to -1, as a producer sends them; the log
 * assigns both on append. baseTimestamp is the first record's timestamp, maxTimestamp the largest.
 */
import { crc32c } from './crc32c';
import {
  ATTRIBUTES,
  BASE_SEQUENCE,
  BASE_TIMESTAMP,
  BATCH_LENGTH,
  CRC,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAX_TIMESTAMP,
  PARTITION_LEADER_EPOCH,
  PRODUCER_EPOCH,
  PRODUCER_ID,
  RECORD_BATCH_OVERHEAD,
  RECORDS_COUNT,
  writeInt64,
} from './record-batch-layout';
import { sizeOfVarlong, writeVarlong } from './varint';

export interface RecordHeader {
  key: string;
  value: Buffer | null;
}

export interface RecordInput {
  key?: Buffer | null;
  value: Buffer | null;
  headers?: readonly RecordHeader[];
  /** Epoch milliseconds; defaults to the batch's `timestamp` option, then to now. */
  timestamp?: number;
}

export interface RecordBatchOptions {
  baseOffset?: number;
  partitionLeaderEpoch?: number;
  /** Timestamp of records that have none. */
  timestamp?: number;
  /** Extra attribute bits (transactional, control); compression is always none here. */
  attributes?: number;
  producerId?: number;
  producerEpoch?: number;
  baseSequence?: number;
}

function sizeOfBytes(bytes: Buffer | null | undefined): number {
  return bytes == null ? sizeOfVarlong(-1) : sizeOfVarlong(bytes.length) + bytes.length;
}

function writeBytes(target: Buffer, position: number, bytes: Buffer | null | undefined): number {
  if (bytes == null) return writeVarlong(target, position, -1);
  position = writeVarlong(target, position, bytes.length);
  bytes.copy(target, position);
  return position + bytes.length;
}

export function buildRecordBatch(records: readonly RecordInput[], options: RecordBatchOptions = {}): Buffer {
  if (records.length === 0) throw new RangeError('a record batch holds at least one record');
  const defaultTimestamp = options.timestamp ?? Date.now();
  const timestamps = records.map((record) => record.timestamp ?? defaultTimestamp);
  const baseTimestamp = timestamps[0];
  let maxTimestamp = baseTimestamp;
  for (const timestamp of timestamps) if (timestamp > maxTimestamp) maxTimestamp = timestamp;

  const headerKeys = records.map((record) => (record.headers ?? []).map((header) => Buffer.from(header.key, 'utf8')));
  const bodySizes = records.map((record, index) => {
    let size = 1 + sizeOfVarlong(timestamps[index] - baseTimestamp) + sizeOfVarlong(index);
    size += sizeOfBytes(record.key) + sizeOfBytes(record.value);
    const headers = record.headers ?? [];
    size += sizeOfVarlong(headers.length);
    headers.forEach((header, h) => (size += sizeOfBytes(headerKeys[index][h]) + sizeOfBytes(header.value)));
    return size;
  });
  const total = bodySizes.reduce((sum, size) => sum + sizeOfVarlong(size) + size, RECORD_BATCH_OVERHEAD);

  const batch = Buffer.alloc(total);
  writeInt64(batch, 0, options.baseOffset ?? 0);
  batch.writeInt32BE(total - LOG_OVERHEAD, BATCH_LENGTH);
  batch.writeInt32BE(options.partitionLeaderEpoch ?? -1, PARTITION_LEADER_EPOCH);
  batch.writeInt8(CURRENT_MAGIC, MAGIC);
  batch.writeInt16BE(options.attributes ?? 0, ATTRIBUTES);
  batch.writeInt32BE(records.length - 1, LAST_OFFSET_DELTA);
  writeInt64(batch, BASE_TIMESTAMP, baseTimestamp);
  writeInt64(batch, MAX_TIMESTAMP, maxTimestamp);
  writeInt64(batch, PRODUCER_ID, options.producerId ?? -1);
  batch.writeInt16BE(options.producerEpoch ?? -1, PRODUCER_EPOCH);
  batch.writeInt32BE(options.baseSequence ?? -1, BASE_SEQUENCE);
  batch.writeInt32BE(records.length, RECORDS_COUNT);

  let position = RECORD_BATCH_OVERHEAD;
  records.forEach((record, index) => {
    position = writeVarlong(batch, position, bodySizes[index]);
    batch[position++] = 0;
    position = writeVarlong(batch, position, timestamps[index] - baseTimestamp);
    position = writeVarlong(batch, position, index);
    position = writeBytes(batch, position, record.key);
    position = writeBytes(batch, position, record.value);
    const headers = record.headers ?? [];
    position = writeVarlong(batch, position, headers.length);
    headers.forEach((header, h) => {
      position = writeBytes(batch, position, headerKeys[index][h]);
      position = writeBytes(batch, position, header.value);
    });
  });
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES, total), CRC);
  return batch;
}

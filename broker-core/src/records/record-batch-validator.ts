/**
 * Validates a payload of one or more RecordBatch v2 batches back to back, as a producer sent them,
 * before the log stores them. Sans-I/O and read-only: the bytes are not changed.
 *
 * Per batch, in this order (the first failure throws a `RecordBatchError` naming the batch):
 * 1. framing: 12 bytes for baseOffset + batchLength, batchLength ≥ 49, the whole batch present
 *    (CORRUPT_MESSAGE);
 * 2. magic 2 (INVALID_RECORD);
 * 3. size ≤ `maxBatchBytes`, the topic's `max.message.bytes` (MESSAGE_TOO_LARGE);
 * 4. CRC-32C over attributes..end (CORRUPT_MESSAGE);
 * 5. compression codec known, not a control batch unless allowed, recordsCount ≥ 1 and equal to
 *    lastOffsetDelta + 1 (INVALID_RECORD);
 * 6. for uncompressed batches, the record framing: `recordsCount` length-prefixed records that
 *    end exactly at the batch end (CORRUPT_MESSAGE). This is the only per-record work: one
 *    varint read per record, no decoding. Compressed batches are not opened.
 *
 * Returns one summary per batch: what the log needs to assign offsets and maintain its indexes.
 */
import { crc32c } from './crc32c';
import {
  ATTRIBUTES,
  BASE_TIMESTAMP,
  BATCH_LENGTH,
  COMPRESSION_MASK,
  COMPRESSION_NAMES,
  CONTROL_FLAG,
  CRC,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MAX_TIMESTAMP,
  MIN_BATCH_LENGTH,
  RECORD_BATCH_OVERHEAD,
  RECORDS_COUNT,
  readInt64,
} from './record-batch-layout';
import { RecordBatchError } from './record-batch-error';

export interface BatchSummary {
  /** Where the batch starts in the payload. */
  position: number;
  /** Total bytes, header included. */
  size: number;
  lastOffsetDelta: number;
  recordCount: number;
  attributes: number;
  baseTimestamp: number;
  maxTimestamp: number;
}

export interface BatchValidationOptions {
  /** Largest batch accepted (the topic's `max.message.bytes`). */
  maxBatchBytes: number;
  /** Control batches are written by the broker (transaction markers), never by clients. */
  allowControlBatches?: boolean;
}

/**
 * Walks the records' length prefixes: each record must be whole and the last must end the batch.
 * The zig-zag varint is decoded inline (this runs once per record of every appended batch).
 */
function checkRecordFraming(bytes: Buffer, start: number, end: number, recordCount: number, batchIndex: number): void {
  const invalid = (reason: string) => new RecordBatchError('CORRUPT_MESSAGE', `record batch ${batchIndex}: invalid record framing (${reason})`, batchIndex);
  let position = start;
  for (let record = 0; record < recordCount; record++) {
    if (position >= end) throw invalid('varint runs past the end of its buffer');
    let byte = bytes[position++];
    let raw = byte & 0x7f;
    let shift = 7;
    while (byte & 0x80) {
      if (shift > 28) throw invalid('varint longer than 5 bytes');
      if (position >= end) throw invalid('varint runs past the end of its buffer');
      byte = bytes[position++];
      raw |= (byte & 0x7f) << shift;
      shift += 7;
    }
    const length = (raw >>> 1) ^ -(raw & 1);
    if (length <= 0) throw invalid(`record ${record} has length ${length}`);
    position += length;
    if (position > end) throw invalid(`record ${record} runs past the end of the batch`);
  }
  if (position !== end) {
    throw new RecordBatchError('CORRUPT_MESSAGE', `record batch ${batchIndex}: ${end - position} bytes left after its ${recordCount} records`, batchIndex);
  }
}

export function validateRecordBatches(bytes: Buffer, options: BatchValidationOptions): BatchSummary[] {
  const summaries: BatchSummary[] = [];
  if (bytes.length === 0) throw new RecordBatchError('INVALID_RECORD', 'the payload holds no record batch', 0);
  let position = 0;
  while (position < bytes.length) {
    const index = summaries.length;
    const remaining = bytes.length - position;
    if (remaining < LOG_OVERHEAD) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `record batch ${index}: ${remaining} trailing bytes, too few for a batch header`, index);
    }
    const batchLength = bytes.readInt32BE(position + BATCH_LENGTH);
    if (batchLength < MIN_BATCH_LENGTH) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `record batch ${index}: batchLength ${batchLength} is below the minimum ${MIN_BATCH_LENGTH}`, index);
    }
    const size = batchLength + LOG_OVERHEAD;
    if (size > remaining) {
      throw new RecordBatchError('CORRUPT_MESSAGE', `record batch ${index}: declares ${size} bytes but only ${remaining} are present`, index);
    }
    const magic = bytes.readInt8(position + MAGIC);
    if (magic !== CURRENT_MAGIC) {
      throw new RecordBatchError('INVALID_RECORD', `record batch ${index}: magic ${magic} is not supported (only RecordBatch v2, magic 2)`, index);
    }
    if (size > options.maxBatchBytes) {
      throw new RecordBatchError('MESSAGE_TOO_LARGE', `record batch ${index}: ${size} bytes exceeds max.message.bytes ${options.maxBatchBytes}`, index);
    }
    const end = position + size;
    const storedCrc = bytes.readUInt32BE(position + CRC);
    const computedCrc = crc32c(bytes, position + ATTRIBUTES, end);
    if (storedCrc !== computedCrc) {
      throw new RecordBatchError(
        'CORRUPT_MESSAGE',
        `record batch ${index}: CRC mismatch (stored 0x${storedCrc.toString(16)}, computed 0x${computedCrc.toString(16)})`,
        index,
      );
    }
    const attributes = bytes.readInt16BE(position + ATTRIBUTES);
    const compression = attributes & COMPRESSION_MASK;
    if (compression >= COMPRESSION_NAMES.length) {
      throw new RecordBatchError('INVALID_RECORD', `record batch ${index}: unknown compression codec ${compression}`, index);
    }
    if (attributes & CONTROL_FLAG && !options.allowControlBatches) {
      throw new RecordBatchError('INVALID_RECORD', `record batch ${index}: clients may not send control batches`, index);
    }
    const recordCount = bytes.readInt32BE(position + RECORDS_COUNT);
    const lastOffsetDelta = bytes.readInt32BE(position + LAST_OFFSET_DELTA);
    if (recordCount <= 0) {
      throw new RecordBatchError('INVALID_RECORD', `record batch ${index}: recordsCount ${recordCount} (a batch holds at least one record)`, index);
    }
    if (lastOffsetDelta !== recordCount - 1) {
      throw new RecordBatchError('INVALID_RECORD', `record batch ${index}: lastOffsetDelta ${lastOffsetDelta} does not match recordsCount ${recordCount}`, index);
    }
    if (compression === 0) checkRecordFraming(bytes, position + RECORD_BATCH_OVERHEAD, end, recordCount, index);
    summaries.push({
      position,
      size,
      lastOffsetDelta,
      recordCount,
      attributes,
      baseTimestamp: readInt64(bytes, position + BASE_TIMESTAMP),
      maxTimestamp: readInt64(bytes, position + MAX_TIMESTAMP),
    });
    position = end;
  }
  return summaries;
}

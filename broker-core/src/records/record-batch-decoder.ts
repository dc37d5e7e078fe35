/**
 * Decodes stored bytes back into batches and records: what a consumer would see. Walks batch
 * headers of any compression; opens the records of uncompressed batches only (a compressed
 * batch's records come back as `null`, its header still described). Sans-I/O.
 *
 * Used by tests, the console's embedded reads and the dead-letter sweeper; never on the append
 * path. A malformed batch throws a RangeError saying where.
 */
import { BATCH_LENGTH, COMPRESSION_MASK, LOG_OVERHEAD, RECORD_BATCH_OVERHEAD, TIMESTAMP_TYPE_LOG_APPEND_TIME, readRecordBatchHeader, type RecordBatchHeader } from './record-batch-layout';
import { readVarint, readVarlong, type ByteCursor } from './varint';
import type { RecordHeader } from './record-batch-builder';

export interface DecodedRecord {
  offset: number;
  timestamp: number;
  key: Buffer | null;
  value: Buffer | null;
  headers: RecordHeader[];
}

export interface DecodedBatch {
  header: RecordBatchHeader;
  /** Null when the batch is compressed. */
  records: DecodedRecord[] | null;
}

function readBytes(bytes: Buffer, cursor: ByteCursor, end: number): Buffer | null {
  const length = readVarint(bytes, cursor, end);
  if (length < 0) return null;
  if (cursor.position + length > end) throw new RangeError(`a ${length}-byte field runs past the end of its record`);
  const value = bytes.subarray(cursor.position, cursor.position + length);
  cursor.position += length;
  return value;
}

/** The records of the uncompressed batch at `position` (views into `bytes`, not copies). */
export function decodeRecords(bytes: Buffer, position: number, header = readRecordBatchHeader(bytes, position)): DecodedRecord[] {
  if (header.attributes & COMPRESSION_MASK) throw new RangeError(`batch at ${position} is compressed`);
  const logAppendTime = (header.attributes & TIMESTAMP_TYPE_LOG_APPEND_TIME) !== 0;
  const end = position + header.size;
  const cursor: ByteCursor = { position: position + RECORD_BATCH_OVERHEAD };
  const records: DecodedRecord[] = [];
  for (let index = 0; index < header.recordCount; index++) {
    const length = readVarint(bytes, cursor, end);
    const recordEnd = cursor.position + length;
    if (recordEnd > end) throw new RangeError(`record ${index} of the batch at ${position} runs past the batch end`);
    cursor.position += 1;
    const timestampDelta = readVarlong(bytes, cursor, recordEnd);
    const offsetDelta = readVarint(bytes, cursor, recordEnd);
    const key = readBytes(bytes, cursor, recordEnd);
    const value = readBytes(bytes, cursor, recordEnd);
    const headerCount = readVarint(bytes, cursor, recordEnd);
    const headers: RecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = readBytes(bytes, cursor, recordEnd);
      headers.push({ key: headerKey === null ? '' : headerKey.toString('utf8'), value: readBytes(bytes, cursor, recordEnd) });
    }
    if (cursor.position !== recordEnd) throw new RangeError(`record ${index} of the batch at ${position} has ${recordEnd - cursor.position} unread bytes`);
    records.push({
      offset: header.baseOffset + offsetDelta,
      timestamp: logAppendTime ? header.maxTimestamp : header.baseTimestamp + timestampDelta,
      key,
      value,
      headers,
    });
  }
  return records;
}

/** Every whole batch in `bytes` (a read result), with its records when uncompressed. */
export function decodeBatches(bytes: Buffer): DecodedBatch[] {
  const batches: DecodedBatch[] = [];
  let position = 0;
  while (position + RECORD_BATCH_OVERHEAD <= bytes.length) {
    if (position + bytes.readInt32BE(position + BATCH_LENGTH) + LOG_OVERHEAD > bytes.length) break;
    const header = readRecordBatchHeader(bytes, position);
    batches.push({ header, records: header.attributes & COMPRESSION_MASK ? null : decodeRecords(bytes, position, header) });
    position += header.size;
  }
  return batches;
}

/**
 * Reads stored RecordBatch v2 bytes (what `LogManager.read` returns: whole batches, back to back,
 * as producers sent them) into records, as a consumer would see them: every codec opened
 * (compression/), timestamps resolved by the batch's timestamp type, sequence numbers per record.
 *
 * Never throws on bad input. A batch that cannot be read — CRC mismatch, truncated, a length or
 * varint that runs past its end, bytes left over, an unknown codec (5-7), compressed data that does
 * not decompress, a magic other than 2 — becomes one `BatchReadError` (offsets, codec, what is
 * wrong) and reading goes on with the next batch; its records are not returned, not even those
 * read before the fault. Only a batch whose own length cannot be trusted (too small, or past the
 * end of the bytes) ends the walk, since the next batch cannot be found after it.
 *
 * Control batches (transaction markers, written by the broker) are not records: they are listed
 * in `controlBatches` with their marker type. Records below `fromOffset` are dropped (the log
 * returns whole batches, so the first may start before it; a batch wholly below it is not even
 * checked). `maxRecords` stops early; `nextOffset` is then the offset right after the last record
 * returned, otherwise the offset after the last batch read.
 *
 * Keys, values and header values are views into `bytes` (uncompressed batches) or into the
 * decompressed records section, not copies. Sans-I/O.
 */
import { compressionCodecOf, type CompressionCodec } from './compression/compression-codec';
import { decompress } from './compression/compression';
import { DecompressionError } from './compression/compression-error';
import { crc32c } from './crc32c';
import {
  ATTRIBUTES,
  BATCH_LENGTH,
  COMPRESSION_MASK,
  CONTROL_FLAG,
  CURRENT_MAGIC,
  LAST_OFFSET_DELTA,
  LOG_OVERHEAD,
  MAGIC,
  MIN_BATCH_LENGTH,
  RECORD_BATCH_OVERHEAD,
  TIMESTAMP_TYPE_LOG_APPEND_TIME,
  TRANSACTIONAL_FLAG,
  readInt64,
  readRecordBatchHeader,
  type RecordBatchHeader,
} from './record-batch-layout';
import { readVarint, readVarlong, type ByteCursor } from './varint';

export type TimestampType = 'CreateTime' | 'LogAppendTime';

export interface StoredRecordHeader {
  key: string;
  value: Buffer | null;
}

export interface StoredRecord {
  offset: number;
  /** Epoch milliseconds: the producer's (CreateTime) or the broker's append time (LogAppendTime). */
  timestamp: number;
  timestampType: TimestampType;
  key: Buffer | null;
  value: Buffer | null;
  headers: StoredRecordHeader[];
  /** -1 unless the producer is idempotent or transactional. */
  producerId: number;
  producerEpoch: number;
  /** The batch's base sequence plus the record's offset delta (wrapping as Kafka does), or -1. */
  sequence: number;
  /** How the record's batch is compressed. */
  compression: CompressionCodec;
  batchBaseOffset: number;
  isTransactional: boolean;
  /** The record's encoded size (length prefix included), uncompressed. */
  size: number;
}

export interface BatchReadError {
  /** -1 when not even the offset could be read. */
  baseOffset: number;
  /** -1 when the header is too short to say. */
  lastOffset: number;
  /** What is wrong, in words. */
  reason: string;
  /** 'unknown' for codec ids 5-7 or a header too short to say. */
  compression: CompressionCodec | 'unknown';
}

/** A transaction marker (control batch): skipped, but reported. */
export interface ControlBatch {
  baseOffset: number;
  lastOffset: number;
  producerId: number;
  producerEpoch: number;
  marker: 'commit' | 'abort' | 'unknown';
}

export interface ReadStoredRecordsOptions {
  /** Drop records below this offset. */
  fromOffset?: number;
  /** Return at most this many records. */
  maxRecords?: number;
  /** Refuse a batch whose records decompress to more than this (default 256 MiB). */
  maxDecompressedBytes?: number;
}

export interface StoredRecordsRead {
  records: StoredRecord[];
  batchErrors: BatchReadError[];
  controlBatches: ControlBatch[];
  /** Where to read next: after the last record returned when `maxRecords` stopped the read, else after the last batch. */
  nextOffset: number;
}

const MAX_SEQUENCE = 2 ** 31;

/** A fault inside one batch; becomes its BatchReadError. */
class BatchFault extends Error {}

/** What stays the same for every record of one batch. */
interface BatchContext {
  header: RecordBatchHeader;
  compression: CompressionCodec;
  timestampType: TimestampType;
  isTransactional: boolean;
}

function readLengthPrefixed(section: Buffer, cursor: ByteCursor, end: number, what: string): Buffer | null {
  const length = readVarint(section, cursor, end);
  if (length < 0) return null;
  const start = cursor.position;
  if (start + length > end) throw new BatchFault(`${what} of ${length} bytes runs past the end of its record`);
  cursor.position = start + length;
  return section.subarray(start, start + length);
}

/**
 * Walks the batch's records in `section[start, end)`; returns those at or above `fromOffset`, at
 * most `quota` of them, and whether every such record of the batch was taken. Throws BatchFault
 * (or RangeError from a varint) for malformed records.
 */
function readBatchRecords(section: Buffer, start: number, end: number, batch: BatchContext, fromOffset: number, quota: number): { taken: StoredRecord[]; tookAll: boolean } {
  const { header } = batch;
  const taken: StoredRecord[] = [];
  let tookAll = true;
  const cursor: ByteCursor = { position: start };
  for (let index = 0; index < header.recordCount; index++) {
    const recordStart = cursor.position;
    if (recordStart >= end) throw new BatchFault(`holds ${index} records where its header says ${header.recordCount}`);
    const length = readVarint(section, cursor, end);
    const bodyStart = cursor.position;
    const recordEnd = bodyStart + length;
    if (length <= 0 || recordEnd > end) throw new BatchFault(`record ${index} declares ${length} bytes, ${end - bodyStart} remain`);
    cursor.position = bodyStart + 1; // record attributes: unused
    const timestampDelta = readVarlong(section, cursor, recordEnd);
    const offsetDelta = readVarint(section, cursor, recordEnd);
    const offset = header.baseOffset + offsetDelta;
    const wanted = offset >= fromOffset;
    if (wanted && taken.length >= quota) tookAll = false;
    const materialize = wanted && taken.length < quota;
    const key = readLengthPrefixed(section, cursor, recordEnd, `record ${index}'s key`);
    const value = readLengthPrefixed(section, cursor, recordEnd, `record ${index}'s value`);
    const headerCount = readVarint(section, cursor, recordEnd);
    if (headerCount < 0) throw new BatchFault(`record ${index} has ${headerCount} headers`);
    const headers: StoredRecordHeader[] = [];
    for (let h = 0; h < headerCount; h++) {
      const headerKey = readLengthPrefixed(section, cursor, recordEnd, `record ${index}'s header ${h} key`);
      if (headerKey === null) throw new BatchFault(`record ${index}'s header ${h} has a null key`);
      const headerValue = readLengthPrefixed(section, cursor, recordEnd, `record ${index}'s header ${h} value`);
      if (materialize) headers.push({ key: headerKey.toString('utf8'), value: headerValue });
    }
    if (cursor.position !== recordEnd) throw new BatchFault(`record ${index} has ${recordEnd - cursor.position} bytes left after its fields`);
    if (!materialize) continue;
    taken.push({
      offset,
      timestamp: batch.timestampType === 'LogAppendTime' ? header.maxTimestamp : header.baseTimestamp + timestampDelta,
      timestampType: batch.timestampType,
      key,
      value,
      headers,
      producerId: header.producerId,
      producerEpoch: header.producerEpoch,
      sequence: header.baseSequence < 0 ? -1 : (header.baseSequence + offsetDelta) % MAX_SEQUENCE,
      compression: batch.compression,
      batchBaseOffset: header.baseOffset,
      isTransactional: batch.isTransactional,
      size: recordEnd - recordStart,
    });
  }
  if (cursor.position !== end) throw new BatchFault(`${end - cursor.position} bytes left after its ${header.recordCount} records`);
  return { taken, tookAll };
}

/** The marker type from a control record's key (int16 version, int16 type: 0 abort, 1 commit). */
function controlMarker(section: Buffer, start: number, end: number, batch: BatchContext): ControlBatch['marker'] {
  const [record] = readBatchRecords(section, start, end, batch, -Infinity, 1).taken;
  const key = record?.key;
  if (!key || key.length < 4) return 'unknown';
  const type = key.readInt16BE(2);
  return type === 0 ? 'abort' : type === 1 ? 'commit' : 'unknown';
}

export function readStoredRecords(bytes: Buffer, options: ReadStoredRecordsOptions = {}): StoredRecordsRead {
  const fromOffset = options.fromOffset ?? -Infinity;
  const maxRecords = options.maxRecords ?? Infinity;
  const records: StoredRecord[] = [];
  const batchErrors: BatchReadError[] = [];
  const controlBatches: ControlBatch[] = [];
  let nextOffset = Math.max(0, options.fromOffset ?? 0);
  const advanceTo = (offset: number) => (nextOffset = Math.max(nextOffset, offset));

  let position = 0;
  while (position < bytes.length && records.length < maxRecords) {
    const remaining = bytes.length - position;
    if (remaining < LOG_OVERHEAD) {
      batchErrors.push({ baseOffset: remaining >= 8 ? readInt64(bytes, position) : -1, lastOffset: -1, reason: `truncated: ${remaining} bytes where a batch header was expected`, compression: 'unknown' });
      break;
    }
    const baseOffset = readInt64(bytes, position);
    const batchLength = bytes.readInt32BE(position + BATCH_LENGTH);
    const size = batchLength + LOG_OVERHEAD;
    const v2Header = remaining > ATTRIBUTES + 1 && bytes.readInt8(position + MAGIC) === CURRENT_MAGIC;
    const lastOffsetKnown = v2Header && remaining >= LAST_OFFSET_DELTA + 4;
    const lastOffset = lastOffsetKnown ? baseOffset + bytes.readInt32BE(position + LAST_OFFSET_DELTA) : -1;
    const codecId = v2Header ? bytes.readInt16BE(position + ATTRIBUTES) & COMPRESSION_MASK : -1;
    const codec = compressionCodecOf(codecId) ?? 'unknown';
    const fault = (reason: string) => batchErrors.push({ baseOffset, lastOffset, reason, compression: codec });

    // Framing: without a trustworthy length the next batch cannot be found, so the walk ends here.
    if (size > remaining) {
      fault(`truncated: the batch declares ${size} bytes but only ${remaining} are present`);
      if (lastOffsetKnown) advanceTo(lastOffset + 1);
      break;
    }
    if (remaining <= MAGIC || batchLength < MAGIC + 1 - LOG_OVERHEAD) {
      fault(`batchLength ${batchLength} is too small for any batch`);
      break;
    }
    const magic = bytes.readInt8(position + MAGIC);
    if (magic !== CURRENT_MAGIC) {
      batchErrors.push({ baseOffset, lastOffset: baseOffset, reason: `magic ${magic}: a message set older than RecordBatch v2 (magic 2), which is not read`, compression: 'unknown' });
      advanceTo(baseOffset + 1);
      position += size;
      continue;
    }
    if (batchLength < MIN_BATCH_LENGTH) {
      fault(`batchLength ${batchLength} is below the RecordBatch v2 minimum of ${MIN_BATCH_LENGTH}`);
      break;
    }

    const batchStart = position;
    const end = batchStart + size;
    const header = readRecordBatchHeader(bytes, batchStart);
    position = end;
    if (lastOffset < fromOffset) continue;
    advanceTo(lastOffset + 1);

    const storedCrc = header.crc;
    const computedCrc = crc32c(bytes, batchStart + ATTRIBUTES, end);
    if (storedCrc !== computedCrc) {
      fault(`CRC mismatch (stored 0x${storedCrc.toString(16)}, computed 0x${computedCrc.toString(16)}): the batch's bytes are damaged`);
      continue;
    }
    if (codec === 'unknown') {
      fault(`unknown compression codec ${codecId} (Kafka assigns 0-4: none, gzip, snappy, lz4, zstd)`);
      continue;
    }
    if (header.recordCount < 0) {
      fault(`recordsCount ${header.recordCount} is negative`);
      continue;
    }
    let section = bytes;
    let sectionStart = batchStart + RECORD_BATCH_OVERHEAD;
    let sectionEnd = end;
    if (codec !== 'none') {
      try {
        section = decompress(codec, bytes.subarray(sectionStart, sectionEnd), { maxOutputBytes: options.maxDecompressedBytes });
      } catch (error) {
        fault(error instanceof DecompressionError ? error.message : `${codec} data does not decompress (${String(error)})`);
        continue;
      }
      sectionStart = 0;
      sectionEnd = section.length;
    }
    const context: BatchContext = {
      header,
      compression: codec,
      timestampType: header.attributes & TIMESTAMP_TYPE_LOG_APPEND_TIME ? 'LogAppendTime' : 'CreateTime',
      isTransactional: (header.attributes & TRANSACTIONAL_FLAG) !== 0,
    };
    try {
      if (header.attributes & CONTROL_FLAG) {
        const marker = controlMarker(section, sectionStart, sectionEnd, context);
        controlBatches.push({ baseOffset, lastOffset, producerId: header.producerId, producerEpoch: header.producerEpoch, marker });
        continue;
      }
      const { taken, tookAll } = readBatchRecords(section, sectionStart, sectionEnd, context, fromOffset, maxRecords - records.length);
      for (const record of taken) records.push(record);
      if (!tookAll) nextOffset = taken[taken.length - 1].offset + 1;
    } catch (error) {
      const reason = error instanceof BatchFault || error instanceof RangeError ? error.message : String(error);
      fault(`${codec === 'none' ? '' : `decompressed ${codec} records: `}${reason}`);
    }
  }
  return { records, batchErrors, controlBatches, nextOffset };
}

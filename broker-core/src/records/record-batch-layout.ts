/**
 * The RecordBatch v2 header, Kafka's on-the-wire and on-disk batch format (magic 2):
 *
 *   offset  size  field
 *        0     8  baseOffset            (assigned by the broker; outside the CRC)
 *        8     4  batchLength           (bytes after this field: total size - 12)
 *       12     4  partitionLeaderEpoch  (set by the broker; outside the CRC)
 *       16     1  magic                 (2)
 *       17     4  crc                   (CRC-32C of bytes 21..end)
 *       21     2  attributes            (bits 0-2 compression, 3 timestamp type, 4 transactional, 5 control)
 *       23     4  lastOffsetDelta
 *       27     8  baseTimestamp
 *       35     8  maxTimestamp
 *       43     8  producerId
 *       51     2  producerEpoch
 *       53     4  baseSequence
 *       57     4  recordsCount
 *       61     …  records (compressed as a whole when attributes say so)
 *
 * All integers are big-endian. Offsets and timestamps are int64 on the wire; here they are read
 * into JavaScript numbers, exact up to 2^53 (offsets and epoch milliseconds never get near it).
 * Sans-I/O: functions here only look at bytes they are given.
 */

export const BASE_OFFSET = 0;
export const BATCH_LENGTH = 8;
export const PARTITION_LEADER_EPOCH = 12;
export const MAGIC = 16;
export const CRC = 17;
export const ATTRIBUTES = 21;
export const LAST_OFFSET_DELTA = 23;
export const BASE_TIMESTAMP = 27;
export const MAX_TIMESTAMP = 35;
export const PRODUCER_ID = 43;
export const PRODUCER_EPOCH = 51;
export const BASE_SEQUENCE = 53;
export const RECORDS_COUNT = 57;
/** Where the records start; also the size of a batch with no records. */
export const RECORD_BATCH_OVERHEAD = 61;
/** baseOffset + batchLength: the bytes not counted by batchLength. */
export const LOG_OVERHEAD = 12;
/** The smallest legal batchLength value. */
export const MIN_BATCH_LENGTH = RECORD_BATCH_OVERHEAD - LOG_OVERHEAD;
export const CURRENT_MAGIC = 2;

export const COMPRESSION_MASK = 0x07;
export const TIMESTAMP_TYPE_LOG_APPEND_TIME = 0x08;
export const TRANSACTIONAL_FLAG = 0x10;
export const CONTROL_FLAG = 0x20;

export const COMPRESSION_NAMES = ['none', 'gzip', 'snappy', 'lz4', 'zstd'] as const;

const TWO_TO_32 = 4294967296;

/** Reads a big-endian int64 as a number (exact within ±2^53). */
export function readInt64(bytes: Buffer, position: number): number {
  return bytes.readInt32BE(position) * TWO_TO_32 + bytes.readUInt32BE(position + 4);
}

/** Writes a number (an integer within ±2^53) as a big-endian int64. */
export function writeInt64(bytes: Buffer, position: number, value: number): void {
  const high = Math.floor(value / TWO_TO_32);
  bytes.writeInt32BE(high, position);
  bytes.writeUInt32BE(value - high * TWO_TO_32, position + 4);
}

/** The header fields of one stored batch, as read from its first 61 bytes. */
export interface RecordBatchHeader {
  baseOffset: number;
  /** Total bytes of the batch, header included (batchLength + 12). */
  size: number;
  partitionLeaderEpoch: number;
  magic: number;
  crc: number;
  attributes: number;
  lastOffsetDelta: number;
  baseTimestamp: number;
  maxTimestamp: number;
  producerId: number;
  producerEpoch: number;
  baseSequence: number;
  recordCount: number;
}

/** Reads the header of the batch at `position`; the caller checks that 61 bytes are there. */
export function readRecordBatchHeader(bytes: Buffer, position: number): RecordBatchHeader {
  return {
    baseOffset: readInt64(bytes, position + BASE_OFFSET),
    size: bytes.readInt32BE(position + BATCH_LENGTH) + LOG_OVERHEAD,
    partitionLeaderEpoch: bytes.readInt32BE(position + PARTITION_LEADER_EPOCH),
    magic: bytes.readInt8(position + MAGIC),
    crc: bytes.readUInt32BE(position + CRC),
    attributes: bytes.readInt16BE(position + ATTRIBUTES),
    lastOffsetDelta: bytes.readInt32BE(position + LAST_OFFSET_DELTA),
    baseTimestamp: readInt64(bytes, position + BASE_TIMESTAMP),
    maxTimestamp: readInt64(bytes, position + MAX_TIMESTAMP),
    producerId: readInt64(bytes, position + PRODUCER_ID),
    producerEpoch: bytes.readInt16BE(position + PRODUCER_EPOCH),
    baseSequence: bytes.readInt32BE(position + BASE_SEQUENCE),
    recordCount: bytes.readInt32BE(position + RECORDS_COUNT),
  };
}

/**
 * The offset after the last whole batch in `bytes` (batches back to back, as a read returns them),
 * from the batch headers alone; `fallback` when there is no whole batch. Nothing is decoded or
 * checked: for a caller that only needs to know where the next read starts.
 */
export function offsetAfterBatches(bytes: Buffer, fallback: number): number {
  let position = 0;
  let next = fallback;
  while (position + RECORD_BATCH_OVERHEAD <= bytes.length) {
    const size = bytes.readInt32BE(position + BATCH_LENGTH) + LOG_OVERHEAD;
    if (size < RECORD_BATCH_OVERHEAD || position + size > bytes.length) break;
    next = readInt64(bytes, position + BASE_OFFSET) + bytes.readInt32BE(position + LAST_OFFSET_DELTA) + 1;
    position += size;
  }
  return next;
}

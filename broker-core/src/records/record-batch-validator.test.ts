import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { crc32c } from './crc32c';
import { buildRecordBatch } from './record-batch-builder';
import { RecordBatchError } from './record-batch-error';
import { ATTRIBUTES, BATCH_LENGTH, CRC, LAST_OFFSET_DELTA, MAGIC, RECORD_BATCH_OVERHEAD, RECORDS_COUNT } from './record-batch-layout';
import { validateRecordBatches } from './record-batch-validator';

const require = createRequire(import.meta.url);

const options = { maxBatchBytes: 1_048_588 };
const records = (count: number) => Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`key-${i}`), value: Buffer.from(`value-${i}`), timestamp: 1_700_000_000_000 + i * 5 }));

/** Recomputes the CRC after a test edits a field the CRC covers. */
function reseal(batch: Buffer): Buffer {
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES), CRC);
  return batch;
}

function refusal(bytes: Buffer, maxBatchBytes = options.maxBatchBytes): RecordBatchError {
  try {
    validateRecordBatches(bytes, { maxBatchBytes });
  } catch (error) {
    expect(error).toBeInstanceOf(RecordBatchError);
    return error as RecordBatchError;
  }
  throw new Error('the payload was accepted');
}

/** kafkajs 2.2.4's own RecordBatch v2 encoder: the bytes its producer puts on the wire. */
async function kafkajsBatch(count: number, compression = 0): Promise<Buffer> {
  const { RecordBatch } = require('kafkajs/src/protocol/recordBatch/v0');
  const Record = require('kafkajs/src/protocol/recordBatch/record/v0');
  const Long = require('kafkajs/src/utils/long');
  const { Types } = require('kafkajs/src/protocol/message/compression');
  const base = 1_700_000_000_000;
  const encoded = await RecordBatch({
    compression: compression ? Types.GZIP : Types.None,
    firstTimestamp: base,
    maxTimestamp: base + (count - 1) * 5,
    lastOffsetDelta: count - 1,
    partitionLeaderEpoch: 0,
    producerId: Long.fromValue(-1),
    producerEpoch: 0,
    firstSequence: 0,
    records: records(count).map((record, i) => Record({ offsetDelta: i, timestampDelta: i * 5, key: record.key, value: record.value })),
  });
  return encoded.buffer as Buffer;
}

describe('validateRecordBatches', () => {
  it('accepts a batch and summarises it', () => {
    const batch = buildRecordBatch(records(5));
    const [summary] = validateRecordBatches(batch, options);
    expect(summary).toEqual({ position: 0, size: batch.length, lastOffsetDelta: 4, recordCount: 5, attributes: 0, baseTimestamp: 1_700_000_000_000, maxTimestamp: 1_700_000_000_020 });
  });

  it('accepts several batches back to back', () => {
    const first = buildRecordBatch(records(2));
    const second = buildRecordBatch(records(7));
    const summaries = validateRecordBatches(Buffer.concat([first, second]), options);
    expect(summaries.map((s) => [s.position, s.recordCount])).toEqual([
      [0, 2],
      [first.length, 7],
    ]);
  });

  it('accepts what kafkajs encodes, and its bytes equal the builder’s for the same records', async () => {
    const fromKafkajs = await kafkajsBatch(4);
    expect(validateRecordBatches(fromKafkajs, options)[0].recordCount).toBe(4);
    const ours = buildRecordBatch(records(4), { partitionLeaderEpoch: 0, producerEpoch: 0, baseSequence: 0 });
    expect(ours.equals(fromKafkajs)).toBe(true);
  });

  it('accepts a compressed kafkajs batch without opening it', async () => {
    const gzipped = await kafkajsBatch(50, 1);
    const [summary] = validateRecordBatches(gzipped, options);
    expect(summary.attributes & 7).toBe(1);
    expect(summary.recordCount).toBe(50);
  });

  it('refuses an empty payload and trailing bytes', () => {
    expect(refusal(Buffer.alloc(0)).code).toBe('INVALID_RECORD');
    const trailing = refusal(Buffer.concat([buildRecordBatch(records(1)), Buffer.alloc(5)]));
    expect(trailing.code).toBe('CORRUPT_MESSAGE');
    expect(trailing.batchIndex).toBe(1);
  });

  it('refuses a truncated batch and a batchLength below the minimum', () => {
    const batch = buildRecordBatch(records(3));
    expect(refusal(batch.subarray(0, batch.length - 1)).code).toBe('CORRUPT_MESSAGE');
    const short = Buffer.from(batch);
    short.writeInt32BE(10, BATCH_LENGTH);
    expect(refusal(short).message).toMatch(/below the minimum/);
  });

  it('refuses magic other than 2 as INVALID_RECORD', () => {
    const batch = buildRecordBatch(records(1));
    batch.writeInt8(1, MAGIC);
    const error = refusal(batch);
    expect(error.code).toBe('INVALID_RECORD');
    expect(error.errorCode).toBe(87);
  });

  it('refuses a flipped bit as CORRUPT_MESSAGE (CRC)', () => {
    const batch = buildRecordBatch(records(3));
    batch[batch.length - 3] ^= 0x10;
    const error = refusal(batch);
    expect(error.code).toBe('CORRUPT_MESSAGE');
    expect(error.errorCode).toBe(2);
    expect(error.message).toMatch(/CRC mismatch/);
  });

  it('refuses a batch above max.message.bytes as MESSAGE_TOO_LARGE', () => {
    const batch = buildRecordBatch(records(3));
    const error = refusal(batch, batch.length - 1);
    expect(error.code).toBe('MESSAGE_TOO_LARGE');
    expect(error.errorCode).toBe(10);
    expect(validateRecordBatches(batch, { maxBatchBytes: batch.length })).toHaveLength(1);
  });

  it('refuses a record count that does not match lastOffsetDelta', () => {
    const batch = buildRecordBatch(records(3));
    batch.writeInt32BE(5, LAST_OFFSET_DELTA);
    expect(refusal(reseal(batch)).message).toMatch(/lastOffsetDelta 5 does not match recordsCount 3/);
    const zero = buildRecordBatch(records(1));
    zero.writeInt32BE(0, RECORDS_COUNT);
    zero.writeInt32BE(-1, LAST_OFFSET_DELTA);
    expect(refusal(reseal(zero)).code).toBe('INVALID_RECORD');
  });

  it('refuses records that do not fill the batch as declared', () => {
    const batch = buildRecordBatch(records(3));
    batch.writeInt32BE(2, RECORDS_COUNT);
    batch.writeInt32BE(1, LAST_OFFSET_DELTA);
    expect(refusal(reseal(batch)).message).toMatch(/bytes left after its 2 records/);
    const more = buildRecordBatch(records(3));
    more.writeInt32BE(4, RECORDS_COUNT);
    more.writeInt32BE(3, LAST_OFFSET_DELTA);
    expect(refusal(reseal(more)).code).toBe('CORRUPT_MESSAGE');
  });

  it('refuses a record length prefix that is zero or negative, too long, or runs past the batch', () => {
    const framed = (prefix: number[]) => {
      const batch = buildRecordBatch(records(1));
      // Replace the first record's length varint (one byte for a short record) by `prefix`.
      const body = Buffer.concat([batch.subarray(0, RECORD_BATCH_OVERHEAD), Buffer.from(prefix), batch.subarray(RECORD_BATCH_OVERHEAD + 1)]);
      body.writeInt32BE(body.length - 12, BATCH_LENGTH);
      return refusal(reseal(body)).message;
    };
    expect(framed([0x00])).toMatch(/record 0 has length 0/);
    expect(framed([0x01])).toMatch(/record 0 has length -1/);
    expect(framed([0xff, 0xff, 0xff, 0xff, 0xff, 0x01])).toMatch(/varint longer than 5 bytes/);
    expect(framed([0xfe, 0xff, 0x7f])).toMatch(/record 0 runs past the end of the batch/);
    const cut = buildRecordBatch(records(1));
    const truncated = Buffer.concat([cut.subarray(0, RECORD_BATCH_OVERHEAD), Buffer.from([0x80])]);
    truncated.writeInt32BE(truncated.length - 12, BATCH_LENGTH);
    expect(refusal(reseal(truncated)).message).toMatch(/varint runs past the end/);
  });

  it('accepts records whose length takes several varint bytes', () => {
    const batch = buildRecordBatch([{ value: Buffer.alloc(100_000, 1) }, { value: Buffer.alloc(200, 2) }]);
    expect(validateRecordBatches(batch, options)).toHaveLength(1);
  });

  it('refuses control batches from clients and unknown codecs', () => {
    expect(refusal(buildRecordBatch(records(1), { attributes: 0x20 })).message).toMatch(/control batches/);
    expect(validateRecordBatches(buildRecordBatch(records(1), { attributes: 0x20 }), { ...options, allowControlBatches: true })).toHaveLength(1);
    expect(refusal(buildRecordBatch(records(1), { attributes: 6 })).message).toMatch(/unknown compression codec 6/);
  });
});

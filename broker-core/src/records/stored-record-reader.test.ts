import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compress as snappyjsCompress } from 'snappyjs';
import { XERIAL_MAGIC } from './compression/snappy-codec';
import type { CompressionCodec } from './compression/compression-codec';
import { crc32c } from './crc32c';
import { buildRecordBatch, type RecordInput } from './record-batch-builder';
import { compressRecordBatch } from './record-batch-compressor';
import { ATTRIBUTES, BATCH_LENGTH, CONTROL_FLAG, CRC, LOG_OVERHEAD, MAGIC, RECORD_BATCH_OVERHEAD, TIMESTAMP_TYPE_LOG_APPEND_TIME, TRANSACTIONAL_FLAG, writeInt64 } from './record-batch-layout';
import { readStoredRecords, type StoredRecord } from './stored-record-reader';

interface Fixture {
  name: string;
  client: string;
  codec: CompressionCodec;
  expected: {
    timestampType: 'CreateTime' | 'LogAppendTime';
    timestampWindow: [number, number] | null;
    idempotent: boolean;
    records: Array<{ offset: number; key: string | null; value: string | null; headers: Array<[string, string | null]>; timestamp: number | null }>;
  };
  batches: string[];
}

const FIXTURE_DIR = new URL('./fixtures/', import.meta.url);
const fixtures: Fixture[] = readdirSync(FIXTURE_DIR)
  .filter((file) => file.endsWith('.json'))
  .map((file) => JSON.parse(readFileSync(new URL(file, FIXTURE_DIR), 'utf8')) as Fixture);
const batchesOf = (fixture: Fixture) => fixture.batches.map((batch) => Buffer.from(batch, 'base64'));
const bytesOf = (fixture: Fixture) => Buffer.concat(batchesOf(fixture));
const fixture = (name: string) => fixtures.find((candidate) => candidate.name === name)!;
const text = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString('utf8'));

/** Rewrites the CRC after a test changed a batch's bytes, so the change reaches what it aims at. */
function withCrc(batch: Buffer): Buffer {
  batch.writeUInt32BE(crc32c(batch, ATTRIBUTES, batch.length), CRC);
  return batch;
}

function records(count: number, first = 0): RecordInput[] {
  return Array.from({ length: count }, (_, i) => ({ key: Buffer.from(`key-${first + i}`), value: Buffer.from(`{"n":${first + i},"pad":"${'x'.repeat(40)}"}`), timestamp: 1_000_000 + (first + i) * 10 }));
}

function batchAt(baseOffset: number, count: number, options: Parameters<typeof buildRecordBatch>[1] = {}): Buffer {
  return buildRecordBatch(records(count, baseOffset), { baseOffset, ...options });
}

describe('readStoredRecords on batches written by real clients', () => {
  it('has fixtures from kcat (each codec), confluent-kafka (each codec, LogAppendTime), kafkajs and kafka-python', () => {
    const names = fixtures.map((candidate) => candidate.name);
    for (const codec of ['none', 'gzip', 'snappy', 'lz4', 'zstd']) {
      expect(names).toContain(`kcat-${codec}`);
      expect(names).toContain(`confluent-kafka-${codec}`);
    }
    expect(names).toEqual(expect.arrayContaining(['kafkajs-gzip', 'kafka-python-gzip', 'confluent-kafka-lz4-logappendtime']));
  });

  for (const current of fixtures) {
    it(`${current.name}: every record as produced (${current.client}, ${current.codec})`, () => {
      const batches = batchesOf(current);
      const read = readStoredRecords(Buffer.concat(batches));
      const { expected } = current;
      expect(read.batchErrors).toEqual([]);
      expect(read.controlBatches).toEqual([]);
      expect(read.records).toHaveLength(expected.records.length);
      expect(read.nextOffset).toBe(expected.records.length);
      const maxTimestampOf = new Map(batches.map((batch) => [Number(batch.readBigInt64BE(0)), Number(batch.readBigInt64BE(35))]));
      read.records.forEach((record, index) => {
        const want = expected.records[index];
        const where = `${current.name} offset ${want.offset}`;
        expect(record.offset, where).toBe(want.offset);
        expect(text(record.key), where).toBe(want.key);
        expect(text(record.value), where).toBe(want.value);
        expect(record.headers.map((header) => [header.key, text(header.value)]), where).toEqual(want.headers);
        expect(record.timestampType, where).toBe(expected.timestampType);
        if (want.timestamp !== null) expect(record.timestamp, where).toBe(want.timestamp);
        else {
          const [from, to] = expected.timestampWindow!;
          expect(record.timestamp, where).toBeGreaterThanOrEqual(from);
          expect(record.timestamp, where).toBeLessThanOrEqual(to);
        }
        if (expected.timestampType === 'LogAppendTime') expect(record.timestamp, where).toBe(maxTimestampOf.get(record.batchBaseOffset));
        expect(record.compression, where).toBe(current.codec);
        expect(record.isTransactional, where).toBe(false);
        expect(record.batchBaseOffset, where).toBeLessThanOrEqual(record.offset);
        expect(maxTimestampOf.has(record.batchBaseOffset), where).toBe(true);
        if (expected.idempotent) {
          expect(record.producerId, where).toBeGreaterThanOrEqual(0);
          expect(record.producerEpoch, where).toBeGreaterThanOrEqual(0);
          expect(record.sequence, where).toBe(record.offset); // one producer session, one partition
        } else {
          expect(record.producerId, where).toBe(-1);
          // kafkajs writes epoch 0 and base sequence 0 where the others write -1: the stored bytes say so.
          expect(record.producerEpoch, where).toBe(current.client.startsWith('kafkajs') ? 0 : -1);
        }
      });
      // Sizes are the records' encoded sizes: for uncompressed batches they add up to the records sections.
      if (current.codec === 'none') {
        const sections = batches.reduce((sum, batch) => sum + batch.length - RECORD_BATCH_OVERHEAD, 0);
        expect(read.records.reduce((sum, record) => sum + record.size, 0)).toBe(sections);
      }
    });
  }

  it('kafkajs sends a base sequence of 0 without a producer id: sequences are computed from it, as Kafka does', () => {
    const read = readStoredRecords(bytesOf(fixture('kafkajs-gzip')));
    expect(read.records[0]).toMatchObject({ producerId: -1, sequence: 0 });
    expect(read.records[1].sequence).toBe(1);
    const kcat = readStoredRecords(bytesOf(fixture('kcat-gzip')));
    expect(kcat.records.every((record) => record.sequence === -1)).toBe(true);
  });

  it('fromOffset inside a compressed batch drops the records before it', () => {
    for (const name of ['kcat-zstd', 'confluent-kafka-snappy', 'kafkajs-gzip', 'kcat-lz4']) {
      const read = readStoredRecords(bytesOf(fixture(name)), { fromOffset: 7 });
      expect(read.records.map((record) => record.offset)).toEqual(Array.from({ length: 33 }, (_, i) => i + 7));
      expect(read.records[0].batchBaseOffset).toBe(0);
      expect(read.nextOffset).toBe(40);
    }
  });

  it('maxRecords pages through a partition with no gap and no duplicate', () => {
    for (const name of ['confluent-kafka-zstd', 'kcat-none']) {
      const bytes = bytesOf(fixture(name));
      const seen: number[] = [];
      let from = 0;
      for (let page = 0; page < 20 && from < 40; page++) {
        const read = readStoredRecords(bytes, { fromOffset: from, maxRecords: 7 });
        expect(read.records.length).toBe(Math.min(7, 40 - from));
        expect(read.nextOffset).toBe(read.records[read.records.length - 1].offset + 1);
        seen.push(...read.records.map((record) => record.offset));
        from = read.nextOffset;
      }
      expect(seen).toEqual(Array.from({ length: 40 }, (_, i) => i));
    }
  });
});

describe('readStoredRecords on batches built here', () => {
  it('reads null keys and values, empty values, no headers, and a header with a null value', () => {
    const batch = buildRecordBatch(
      [
        { key: null, value: Buffer.from('no key'), timestamp: 5 },
        { key: Buffer.from('tombstone'), value: null, timestamp: 6, headers: [{ key: 'reason', value: null }, { key: 'reason', value: Buffer.from('') }] },
        { key: Buffer.from(''), value: Buffer.from(''), timestamp: 7, headers: [] },
      ],
      { baseOffset: 10 },
    );
    const read = readStoredRecords(batch);
    expect(read.records.map((record) => [record.offset, text(record.key), text(record.value), record.headers.map((header) => [header.key, text(header.value)]), record.timestamp])).toEqual([
      [10, null, 'no key', [], 5],
      [11, 'tombstone', null, [['reason', null], ['reason', '']], 6],
      [12, '', '', [], 7],
    ]);
    expect(read.records[0]).toMatchObject({ timestampType: 'CreateTime', producerId: -1, producerEpoch: -1, sequence: -1, compression: 'none', batchBaseOffset: 10, isTransactional: false });
  });

  it('LogAppendTime: every record carries the batch max timestamp', () => {
    const batch = batchAt(0, 3, { attributes: TIMESTAMP_TYPE_LOG_APPEND_TIME });
    writeInt64(batch, 35, 1_234_567);
    const read = readStoredRecords(withCrc(batch));
    expect(read.records.map((record) => [record.timestamp, record.timestampType])).toEqual([
      [1_234_567, 'LogAppendTime'],
      [1_234_567, 'LogAppendTime'],
      [1_234_567, 'LogAppendTime'],
    ]);
  });

  it('an idempotent producer: id, epoch and a sequence per record, wrapping past 2^31 - 1 as Kafka does', () => {
    const read = readStoredRecords(batchAt(0, 3, { producerId: 42, producerEpoch: 3, baseSequence: 2 ** 31 - 2 }));
    expect(read.records.map((record) => [record.producerId, record.producerEpoch, record.sequence])).toEqual([
      [42, 3, 2 ** 31 - 2],
      [42, 3, 2 ** 31 - 1],
      [42, 3, 0],
    ]);
  });

  it('reads snappy framed the way the Java client writes it (xerial)', () => {
    const plain = batchAt(0, 30);
    const section = plain.subarray(RECORD_BATCH_OVERHEAD);
    const header = Buffer.alloc(16);
    XERIAL_MAGIC.copy(header);
    header.writeInt32BE(1, 8);
    header.writeInt32BE(1, 12);
    const chunks = [section.subarray(0, 500), section.subarray(500)].flatMap((chunk) => {
      const block = snappyjsCompress(Buffer.from(chunk));
      const length = Buffer.alloc(4);
      length.writeInt32BE(block.length);
      return [length, block];
    });
    const batch = Buffer.concat([plain.subarray(0, RECORD_BATCH_OVERHEAD), header, ...chunks]);
    batch.writeInt32BE(batch.length - LOG_OVERHEAD, BATCH_LENGTH);
    batch.writeInt16BE(2, ATTRIBUTES);
    const read = readStoredRecords(withCrc(batch));
    expect(read.batchErrors).toEqual([]);
    expect(read.records.map((record) => text(record.value))).toEqual(records(30).map((record) => text(record.value ?? null)));
    expect(read.records[0].compression).toBe('snappy');
  });

  it('skips a control batch (a transaction marker) and reports it; records of transactional batches say so', () => {
    const data = batchAt(0, 2, { attributes: TRANSACTIONAL_FLAG, producerId: 7, producerEpoch: 1, baseSequence: 0 });
    const commitKey = Buffer.from([0, 0, 0, 1]); // version 0, type 1 = COMMIT
    const markerValue = Buffer.from([0, 0, 0, 0, 0, 5]); // version 0, coordinator epoch 5
    const marker = buildRecordBatch([{ key: commitKey, value: markerValue, timestamp: 9 }], { baseOffset: 2, attributes: TRANSACTIONAL_FLAG | CONTROL_FLAG, producerId: 7, producerEpoch: 1 });
    const abort = buildRecordBatch([{ key: Buffer.from([0, 0, 0, 0]), value: markerValue, timestamp: 9 }], { baseOffset: 3, attributes: TRANSACTIONAL_FLAG | CONTROL_FLAG, producerId: 8, producerEpoch: 0 });
    const after = batchAt(4, 1);
    const read = readStoredRecords(Buffer.concat([data, marker, abort, after]));
    expect(read.records.map((record) => [record.offset, record.isTransactional])).toEqual([
      [0, true],
      [1, true],
      [4, false],
    ]);
    expect(read.controlBatches).toEqual([
      { baseOffset: 2, lastOffset: 2, producerId: 7, producerEpoch: 1, marker: 'commit' },
      { baseOffset: 3, lastOffset: 3, producerId: 8, producerEpoch: 0, marker: 'abort' },
    ]);
    expect(read.nextOffset).toBe(5);
  });

  it('an empty read: no records, nextOffset where it was asked to start', () => {
    expect(readStoredRecords(Buffer.alloc(0), { fromOffset: 17 })).toEqual({ records: [], batchErrors: [], controlBatches: [], nextOffset: 17 });
    expect(readStoredRecords(Buffer.alloc(0)).nextOffset).toBe(0);
  });

  it('gives views into the stored bytes of an uncompressed batch, not copies', () => {
    const batch = batchAt(0, 2);
    const [record] = readStoredRecords(batch).records;
    expect(record.value!.buffer).toBe(batch.buffer);
  });
});

describe('readStoredRecords never throws: a bad batch is an error of its own, the good ones around it are read', () => {
  const first = batchAt(0, 5);
  const last = batchAt(10, 5);
  const goodAround = (bad: Buffer) => readStoredRecords(Buffer.concat([first, bad, last]));
  const offsets = (read: { records: StoredRecord[] }) => read.records.map((record) => record.offset);
  const around = [0, 1, 2, 3, 4, 10, 11, 12, 13, 14];

  it('a damaged byte: CRC mismatch', () => {
    const bad = batchAt(5, 5);
    bad[bad.length - 3] ^= 0xff;
    const read = goodAround(bad);
    expect(offsets(read)).toEqual(around);
    expect(read.batchErrors).toEqual([{ baseOffset: 5, lastOffset: 9, compression: 'none', reason: expect.stringMatching(/^CRC mismatch \(stored 0x[0-9a-f]+, computed 0x[0-9a-f]+\)/) }]);
    expect(read.nextOffset).toBe(15);
  });

  it('an unknown codec (5-7)', () => {
    const bad = batchAt(5, 5);
    bad.writeInt16BE(6, ATTRIBUTES);
    const read = goodAround(withCrc(bad));
    expect(offsets(read)).toEqual(around);
    expect(read.batchErrors).toEqual([{ baseOffset: 5, lastOffset: 9, compression: 'unknown', reason: expect.stringMatching(/unknown compression codec 6/) }]);
  });

  for (const codec of ['gzip', 'snappy', 'lz4', 'zstd'] as const) {
    it(`${codec} data that does not decompress (CRC intact)`, async () => {
      const bad = await compressRecordBatch(batchAt(5, 5), codec);
      bad.fill(0x41, RECORD_BATCH_OVERHEAD + 4, RECORD_BATCH_OVERHEAD + 12);
      const read = goodAround(withCrc(bad));
      expect(offsets(read)).toEqual(around);
      expect(read.batchErrors).toHaveLength(1);
      expect(read.batchErrors[0]).toMatchObject({ baseOffset: 5, lastOffset: 9, compression: codec });
      expect(read.batchErrors[0].reason).toMatch(new RegExp(`${codec}|LZ4|snappy`, 'i'));
    });
  }

  it('compressed records that decompress but do not parse', async () => {
    const plain = batchAt(5, 5);
    plain[RECORD_BATCH_OVERHEAD] = 0x7f; // the first record's length: -64
    const bad = await compressRecordBatch(withCrc(plain), 'zstd');
    const read = goodAround(bad);
    expect(offsets(read)).toEqual(around);
    expect(read.batchErrors[0].reason).toMatch(/^decompressed zstd records: record 0 declares -64 bytes/);
  });

  it('records that run past their batch, bytes left over, fewer records than the header says', () => {
    const runsPast = batchAt(5, 5);
    runsPast[RECORD_BATCH_OVERHEAD] = 0x7e; // the first record's length: 63, more than there is before the next record… and valid as a varint
    runsPast.writeInt32BE(50, 57); // recordsCount 50: too many
    const leftOver = Buffer.concat([batchAt(5, 5), Buffer.from([1, 2, 3])]);
    leftOver.writeInt32BE(leftOver.length - LOG_OVERHEAD, BATCH_LENGTH);
    const tooFew = batchAt(5, 5);
    tooFew.writeInt32BE(6, 57);
    for (const [bad, reason] of [
      [runsPast, /record|varint/],
      [withCrc(leftOver), /3 bytes left after its 5 records/],
      [withCrc(tooFew), /holds 5 records where its header says 6/],
    ] as const) {
      const read = goodAround(withCrc(bad));
      expect(offsets(read)).toEqual(around);
      expect(read.batchErrors).toHaveLength(1);
      expect(read.batchErrors[0].reason).toMatch(reason);
    }
  });

  it('a batch in an older format (magic 1) is skipped by its length', () => {
    const old = batchAt(5, 5);
    old.writeInt8(1, MAGIC);
    const read = goodAround(old);
    expect(offsets(read)).toEqual(around);
    expect(read.batchErrors[0]).toMatchObject({ baseOffset: 5, reason: expect.stringMatching(/magic 1/) });
  });

  it('a truncated last batch: reported, the walk ends', () => {
    const read = readStoredRecords(Buffer.concat([first, batchAt(5, 5).subarray(0, 70)]));
    expect(offsets(read)).toEqual([0, 1, 2, 3, 4]);
    expect(read.batchErrors).toEqual([{ baseOffset: 5, lastOffset: 9, compression: 'none', reason: expect.stringMatching(/^truncated: the batch declares \d+ bytes but only 70 are present/) }]);
    const headerOnly = readStoredRecords(Buffer.concat([first, batchAt(5, 5).subarray(0, 10)]));
    expect(headerOnly.batchErrors).toEqual([{ baseOffset: 5, lastOffset: -1, compression: 'unknown', reason: 'truncated: 10 bytes where a batch header was expected' }]);
  });

  it('a batch length too small to be a batch ends the walk', () => {
    const bad = batchAt(5, 5);
    bad.writeInt32BE(20, BATCH_LENGTH);
    const read = goodAround(bad);
    expect(offsets(read)).toEqual([0, 1, 2, 3, 4]);
    expect(read.batchErrors[0].reason).toMatch(/batchLength 20 is below the RecordBatch v2 minimum of 49/);
  });

  it('a damaged batch wholly below fromOffset is not even looked at', () => {
    const bad = batchAt(5, 5);
    bad[bad.length - 1] ^= 1;
    const read = readStoredRecords(Buffer.concat([bad, last]), { fromOffset: 10 });
    expect(read.batchErrors).toEqual([]);
    expect(offsets(read)).toEqual([10, 11, 12, 13, 14]);
  });

  it('random damage to real clients’ batches never makes it throw', () => {
    let state = 7;
    const random = (below: number) => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state % below;
    };
    for (const current of fixtures) {
      const batches = batchesOf(current);
      for (let round = 0; round < 60; round++) {
        const damaged = batches.map((batch) => Buffer.from(batch));
        const target = damaged[random(damaged.length)];
        for (let flips = 1 + random(4); flips > 0; flips--) target[random(target.length)] = random(256);
        // Mostly re-sign the batch, so the damage reaches the codecs and the record parser.
        if (random(4) > 0) withCrc(target);
        const bytes = Buffer.concat(damaged);
        const cut = random(3) === 0 ? bytes.subarray(0, random(bytes.length)) : bytes;
        const read = readStoredRecords(cut, { fromOffset: random(3) === 0 ? random(40) : undefined, maxRecords: random(2) === 0 ? 1 + random(40) : undefined });
        expect(Array.isArray(read.records)).toBe(true);
        for (const error of read.batchErrors) expect(typeof error.reason).toBe('string');
      }
    }
  });
});

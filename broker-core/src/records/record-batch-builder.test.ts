import { describe, expect, it } from 'vitest';
import { buildRecordBatch } from './record-batch-builder';
import { decodeBatches, decodeRecords } from './record-batch-decoder';
import { readRecordBatchHeader } from './record-batch-layout';
import { readVarint, readVarlong, sizeOfVarlong, writeVarlong } from './varint';

describe('varints', () => {
  it('round-trips zig-zag values, 32- and 53-bit', () => {
    const buffer = Buffer.alloc(16);
    for (const value of [0, 1, -1, 63, -64, 64, 300, -300, 2 ** 31 - 1, -(2 ** 31)]) {
      const end = writeVarlong(buffer, 0, value);
      expect(end).toBe(sizeOfVarlong(value));
      expect(readVarint(buffer, { position: 0 })).toBe(value);
    }
    for (const value of [2 ** 40, -(2 ** 40) - 3, Number.MAX_SAFE_INTEGER >> 1, 1_700_000_000_000]) {
      writeVarlong(buffer, 0, value);
      expect(readVarlong(buffer, { position: 0 })).toBe(value);
    }
  });

  it('refuses a varint that runs past its end', () => {
    expect(() => readVarint(Buffer.from([0x80, 0x80]), { position: 0 })).toThrow(RangeError);
  });
});

describe('buildRecordBatch and decodeRecords', () => {
  it('round-trips keys, values, nulls, headers and timestamps', () => {
    const batch = buildRecordBatch(
      [
        { key: Buffer.from('a'), value: Buffer.from('first'), timestamp: 1000, headers: [{ key: 'trace', value: Buffer.from('x') }] },
        { key: null, value: null, timestamp: 990 },
        { value: Buffer.alloc(300, 7), timestamp: 1010, headers: [{ key: 'empty', value: null }] },
      ],
      { baseOffset: 40 },
    );
    const header = readRecordBatchHeader(batch, 0);
    expect(header).toMatchObject({ baseOffset: 40, size: batch.length, magic: 2, lastOffsetDelta: 2, recordCount: 3, baseTimestamp: 1000, maxTimestamp: 1010, producerId: -1 });
    const decoded = decodeRecords(batch, 0);
    expect(decoded.map((r) => [r.offset, r.timestamp, r.key?.toString() ?? null, r.value?.length ?? null])).toEqual([
      [40, 1000, 'a', 5],
      [41, 990, null, null],
      [42, 1010, null, 300],
    ]);
    expect(decoded[0].headers).toEqual([{ key: 'trace', value: Buffer.from('x') }]);
    expect(decoded[2].headers).toEqual([{ key: 'empty', value: null }]);
  });

  it('decodes every whole batch of a read and stops at a partial one', () => {
    const one = buildRecordBatch([{ value: Buffer.from('1') }], { baseOffset: 0 });
    const two = buildRecordBatch([{ value: Buffer.from('2') }, { value: Buffer.from('3') }], { baseOffset: 1 });
    const batches = decodeBatches(Buffer.concat([one, two, two.subarray(0, 20)]));
    expect(batches.map((b) => b.records!.map((r) => `${r.offset}:${r.value}`))).toEqual([['0:1'], ['1:2', '2:3']]);
  });
});

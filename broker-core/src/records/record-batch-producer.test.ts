import { describe, expect, it } from 'vitest';
import { buildRecordBatch } from './record-batch-builder';
import { stampProducer } from './record-batch-producer';
import { readRecordBatchHeader } from './record-batch-layout';
import { readStoredRecords } from './stored-record-reader';
import { compressRecordBatch } from './record-batch-compressor';

describe('stampProducer', () => {
  it('sets the producer id, epoch and base sequence, keeps the (compressed) records, and the CRC matches', async () => {
    const batch = await compressRecordBatch(buildRecordBatch([{ key: Buffer.from('k'), value: Buffer.from('v') }, { value: Buffer.from('w') }]), 'gzip');
    const stamped = stampProducer(batch, { producerId: 4242n, producerEpoch: 3, baseSequence: 17 });
    const header = readRecordBatchHeader(stamped, 0);
    expect([header.producerId, header.producerEpoch, header.baseSequence]).toEqual([4242, 3, 17]);
    expect(readRecordBatchHeader(batch, 0).producerId).toBe(-1);
    expect(stamped.subarray(61)).toEqual(batch.subarray(61));
    const read = readStoredRecords(stamped);
    expect(read.batchErrors).toEqual([]);
    expect(read.records.map((record) => record.value?.toString())).toEqual(['v', 'w']);
    // A changed header under the old CRC is caught: the CRC was computed again.
    const stale = Buffer.from(stamped);
    batch.copy(stale, 17, 17, 21);
    expect(readStoredRecords(stale).batchErrors).not.toEqual([]);
  });

  it('refuses bytes that are not a batch', () => {
    expect(() => stampProducer(Buffer.alloc(10), { producerId: 1n, producerEpoch: 0, baseSequence: 0 })).toThrow(RangeError);
  });
});

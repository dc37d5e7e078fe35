import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { decodeBatches } from '../records/record-batch-decoder';
import { buildRecordBatch } from '../records/record-batch-builder';
import { LogManager } from './log-manager';
import { StorageError } from './storage-error';
import { recordingLogger, tempDir } from './test-fixtures';

function idempotentBatch(firstSequence: number, count: number, producerEpoch = 0, producerId = 42): Buffer {
  const records = Array.from({ length: count }, (_, i) => ({ value: Buffer.from(`seq-${firstSequence + i}`) }));
  return buildRecordBatch(records, { producerId, producerEpoch, baseSequence: firstSequence });
}

async function openTopic() {
  const manager = await LogManager.open(tempDir(), BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
  manager.createTopic('idem', { partitions: 1 });
  return manager;
}

describe('appends from idempotent producers', () => {
  it('stores a retried batch once and acknowledges it with its original offset', async () => {
    const logs = await openTopic();
    expect((await logs.append('idem', 0, idempotentBatch(0, 3), { acks: 1 })).baseOffset).toBe(0);
    expect((await logs.append('idem', 0, idempotentBatch(3, 2), { acks: -1 })).baseOffset).toBe(3);
    const retry = await logs.append('idem', 0, idempotentBatch(0, 3), { acks: -1 });
    expect(retry).toMatchObject({ baseOffset: 0, lastOffset: 2, duplicate: true });
    const stored = decodeBatches(logs.read('idem', 0, 0, 1 << 20).records).flatMap((batch) => batch.records!.map((record) => String(record.value)));
    expect(stored).toEqual(['seq-0', 'seq-1', 'seq-2', 'seq-3', 'seq-4']);
    expect(logs.partitionStats('idem', 0).highWatermark).toBe(5);
    await logs.close();
  });

  it('refuses a gap with OUT_OF_ORDER_SEQUENCE_NUMBER and stores nothing', async () => {
    const logs = await openTopic();
    await logs.append('idem', 0, idempotentBatch(0, 3), { acks: 1 });
    const error = await logs.append('idem', 0, idempotentBatch(5, 1), { acks: 1 }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(StorageError);
    expect(error).toMatchObject({ code: 'OUT_OF_ORDER_SEQUENCE_NUMBER', errorCode: 45 });
    expect(logs.partitionStats('idem', 0).highWatermark).toBe(3);
    await logs.close();
  });

  it('fences an older epoch and refuses several batches in one idempotent payload', async () => {
    const logs = await openTopic();
    await logs.append('idem', 0, idempotentBatch(0, 1, 3), { acks: 1 });
    await expect(logs.append('idem', 0, idempotentBatch(1, 1, 2), { acks: 1 })).rejects.toMatchObject({ code: 'INVALID_PRODUCER_EPOCH' });
    const two = Buffer.concat([idempotentBatch(1, 1, 3), idempotentBatch(2, 1, 3)]);
    await expect(logs.append('idem', 0, two, { acks: 1 })).rejects.toMatchObject({ code: 'INVALID_RECORD' });
    await logs.close();
  });
});

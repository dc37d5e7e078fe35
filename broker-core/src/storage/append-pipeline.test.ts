/**
 * Appends are checked on arrival and written later, in order, one write at a time, synchronously
 * or on the thread pool (partition-log.ts, write-pacer.ts): what readers, idempotent producers,
 * deletes and closes see meanwhile, with each kind of write.
 */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { decodeBatches } from '../records/record-batch-decoder';
import { buildRecordBatch } from '../records/record-batch-builder';
import { FileDescriptor } from './file-descriptor';
import { LogManager } from './log-manager';
import { batchOf, recordingLogger, tempDir } from './test-fixtures';
import { WritePacer, type WriteMode } from './write-pacer';

let writeMode: WriteMode = 'sync';

async function openTopic(dir = tempDir()) {
  const manager = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0, writePacer: new WritePacer({ fixed: writeMode }) });
  if (!manager.hasTopic('t')) manager.createTopic('t', { partitions: 1 });
  return manager;
}

const idempotent = (firstSequence: number, count: number) =>
  buildRecordBatch(
    Array.from({ length: count }, (_, i) => ({ value: Buffer.from(`seq-${firstSequence + i}`) })),
    { producerId: 7, producerEpoch: 0, baseSequence: firstSequence },
  );

const storedValues = (manager: LogManager) =>
  decodeBatches(manager.read('t', 0, 0, 1 << 24).records).flatMap((batch) => batch.records!.map((record) => String(record.value)));

describe.each(['sync', 'async'] as const)('the append pipeline, %s writes', (mode) => {
  beforeEach(() => {
    writeMode = mode;
  });

  it('shows readers nothing of an append until its write has finished', async () => {
    const manager = await openTopic();
    await manager.append('t', 0, batchOf('a', 2));
    const pending = manager.append('t', 0, batchOf('b', 3, 0, 100_000));
    // Accepted, not yet written: the high watermark and the bytes a fetch gets are the old ones.
    expect(manager.partitionStats('t', 0).highWatermark).toBe(2);
    expect(manager.read('t', 0, 2, 1 << 20).records.length).toBe(0);
    expect((await pending).baseOffset).toBe(2);
    expect(manager.partitionStats('t', 0).highWatermark).toBe(5);
    expect(decodeBatches(manager.read('t', 0, 2, 1 << 20).records)).toHaveLength(1);
    await manager.close();
  });

  it('writes the appends that arrive in one turn of the event loop with one write per partition', async () => {
    const manager = await openTopic();
    manager.createTopic('u', { partitions: 2 });
    const writes = [vi.spyOn(FileDescriptor.prototype, 'writeNow'), vi.spyOn(FileDescriptor.prototype, 'write')];
    try {
      // As when one read from a socket holds several pipelined requests, and another socket's read follows in the same turn.
      const first = [0, 1, 0, 1, 0].map((partition, i) => manager.append('u', partition, batchOf(`x${i}`, 2), { acks: 1 }));
      await new Promise<void>((resolve) => queueMicrotask(resolve));
      const second = [manager.append('u', 1, batchOf('y', 1), { acks: 1 })];
      const results = await Promise.all([...first, ...second]);
      expect(results.map((result) => result.baseOffset)).toEqual([0, 0, 2, 2, 4, 4]);
      expect(writes.reduce((sum, spy) => sum + spy.mock.calls.length, 0)).toBe(2);
    } finally {
      for (const spy of writes) spy.mockRestore();
    }
    await manager.close();
  });

  it('keeps arrival order and dense offsets for many concurrent appends', async () => {
    const manager = await openTopic();
    const results = await Promise.all(Array.from({ length: 300 }, (_, i) => manager.append('t', 0, batchOf(`v${i}`, 1 + (i % 3)), { acks: 1 })));
    let expected = 0;
    for (const result of results) {
      expect(result.baseOffset).toBe(expected);
      expected = result.lastOffset + 1;
    }
    expect(manager.partitionStats('t', 0).highWatermark).toBe(expected);
    await manager.close();
  });

  it('takes pipelined batches of an idempotent producer in sequence, and a retry sent alongside as a duplicate', async () => {
    const manager = await openTopic();
    // Five requests in flight, as librdkafka and Kafka's producer send them, plus a retry of the first.
    const sent = [idempotent(0, 2), idempotent(2, 2), idempotent(4, 2), idempotent(6, 2), idempotent(8, 2), idempotent(0, 2)];
    const results = await Promise.all(sent.map((batch) => manager.append('t', 0, batch, { acks: 1 })));
    expect(results.map((result) => result.baseOffset)).toEqual([0, 2, 4, 6, 8, 0]);
    expect(results[5].duplicate).toBe(true);
    expect(storedValues(manager)).toEqual(Array.from({ length: 10 }, (_, i) => `seq-${i}`));
    await manager.close();
  });

  it('fails appends still queued or being written when the topic is deleted, without crashing', async () => {
    const manager = await openTopic();
    await manager.append('t', 0, batchOf('kept', 1));
    const pending = Array.from({ length: 5 }, (_, i) => manager.append('t', 0, batchOf(`late${i}`, 1, 0, 50_000)).then(
      () => 'written',
      (error: { code?: string }) => error.code,
    ));
    await Promise.resolve(); // the first write has started
    await manager.deleteTopic('t');
    expect(new Set(await Promise.all(pending))).toEqual(new Set(['UNKNOWN_TOPIC_OR_PARTITION']));
    await manager.close();
  });

  it('lets queued appends finish before a clean close, and they are there after a restart', async () => {
    const dir = tempDir();
    const manager = await openTopic(dir);
    const pending = Promise.all(Array.from({ length: 20 }, (_, i) => manager.append('t', 0, batchOf(`c${i}`, 1, 0, 10_000))));
    await manager.close();
    expect((await pending).map((result) => result.baseOffset)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const reopened = await openTopic(dir);
    expect(reopened.partitionStats('t', 0).highWatermark).toBe(20);
    await reopened.close();
  });
});

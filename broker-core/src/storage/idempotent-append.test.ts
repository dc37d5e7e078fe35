import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
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

describe('idempotent producer state across a restart', () => {
  it('recognizes a retry after a clean restart and continues the sequence', async () => {
    const dir = tempDir();
    const first = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    first.createTopic('idem', { partitions: 1 });
    await first.append('idem', 0, idempotentBatch(0, 3), { acks: -1 });
    await first.append('idem', 0, idempotentBatch(3, 2), { acks: -1 });
    await first.close();

    const second = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    expect(await second.append('idem', 0, idempotentBatch(3, 2), { acks: -1 })).toMatchObject({ baseOffset: 3, duplicate: true });
    await expect(second.append('idem', 0, idempotentBatch(9, 1), { acks: -1 })).rejects.toMatchObject({ code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect((await second.append('idem', 0, idempotentBatch(5, 1), { acks: -1 })).baseOffset).toBe(5);
    expect(second.partitionStats('idem', 0).highWatermark).toBe(6);
    await second.close();
  });

  it('rebuilds the state from the log when the snapshot is for another log end (appends happened after it)', async () => {
    const dir = tempDir();
    const first = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    first.createTopic('idem', { partitions: 1 });
    await first.append('idem', 0, idempotentBatch(0, 3), { acks: -1 });
    await first.close();
    const snapshot = join(dir, 'idem-0', 'producer-state.json');
    const saved = readFileSync(snapshot);
    const second = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    expect(existsSync(snapshot)).toBe(false); // consumed on open
    await second.append('idem', 0, buildRecordBatch([{ value: Buffer.from('plain') }]), { acks: -1 });
    await second.close();
    writeFileSync(snapshot, saved); // a stale snapshot, as after a crash following a later append
    const logger = recordingLogger();
    const third = await LogManager.open(dir, BrokerConfig.from(), logger, { retentionCheckIntervalMs: 0 });
    await expect(third.append('idem', 0, idempotentBatch(0, 3), { acks: -1 })).resolves.toMatchObject({ baseOffset: 0, duplicate: true });
    expect(logger.lines.join('\n')).toContain('producer state snapshot is for log end 3, not 4');
    expect(logger.lines.join('\n')).toMatch(/rebuilt idempotent producer state from the log \(1 producer\(s\), 1 of 2 batches\)/);
    await third.close();
  });

  it('rebuilds the state from the log after an unclean stop: a retry is a duplicate, the sequence goes on', async () => {
    const dir = tempDir();
    const crashed = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    crashed.createTopic('idem', { partitions: 1 });
    await crashed.append('idem', 0, idempotentBatch(0, 3), { acks: -1 });
    await crashed.append('idem', 0, buildRecordBatch([{ value: Buffer.from('plain') }]), { acks: -1 });
    await crashed.append('idem', 0, idempotentBatch(3, 2), { acks: -1 });
    await crashed.append('idem', 0, idempotentBatch(0, 1, 0, 77), { acks: -1 }); // another producer
    // No close: the next open finds no clean-shutdown marker and no snapshot, as after a crash.

    const logger = recordingLogger();
    const restarted = await LogManager.open(dir, BrokerConfig.from(), logger, { retentionCheckIntervalMs: 0 });
    expect(await restarted.append('idem', 0, idempotentBatch(3, 2), { acks: 1 })).toMatchObject({ baseOffset: 4, lastOffset: 5, duplicate: true });
    expect(await restarted.append('idem', 0, idempotentBatch(0, 3), { acks: 1 })).toMatchObject({ baseOffset: 0, duplicate: true });
    await expect(restarted.append('idem', 0, idempotentBatch(9, 1), { acks: 1 })).rejects.toMatchObject({ code: 'OUT_OF_ORDER_SEQUENCE_NUMBER' });
    expect((await restarted.append('idem', 0, idempotentBatch(5, 1), { acks: 1 })).baseOffset).toBe(7);
    expect((await restarted.append('idem', 0, idempotentBatch(1, 1, 0, 77), { acks: 1 })).baseOffset).toBe(8);
    expect(logger.lines.join('\n')).toMatch(/rebuilt idempotent producer state from the log \(2 producer\(s\), 3 of 4 batches\)/);
    await restarted.close();
  });

  it('keeps the rebuild pending across a clean close that came before any idempotent append', async () => {
    const dir = tempDir();
    const crashed = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    crashed.createTopic('idem', { partitions: 1 });
    await crashed.append('idem', 0, idempotentBatch(0, 3), { acks: -1 });

    const between = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    await between.append('idem', 0, buildRecordBatch([{ value: Buffer.from('plain') }]), { acks: -1 });
    await between.close();

    const later = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0 });
    expect(await later.append('idem', 0, idempotentBatch(0, 3), { acks: 1 })).toMatchObject({ baseOffset: 0, duplicate: true });
    await later.close();
  });
});

import { cpSync, existsSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { decodeBatches } from '../records/record-batch-decoder';
import { RecordBatchError } from '../records/record-batch-error';
import type { LogEvent } from './log-events';
import { LogManager, type LogManagerOptions } from './log-manager';
import { StorageError } from './storage-error';
import { batchOf, recordingLogger, tempDir } from './test-fixtures';

async function open(dir = tempDir(), brokerOverrides: Record<string, string> = {}, options: LogManagerOptions = {}) {
  const logger = recordingLogger();
  const manager = await LogManager.open(dir, BrokerConfig.from(brokerOverrides), logger, { retentionCheckIntervalMs: 0, ...options });
  return { dir, manager, logger };
}

async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    return error as Error;
  }
  throw new Error('it resolved');
}

function thrown(body: () => unknown): StorageError {
  try {
    body();
  } catch (error) {
    expect(error).toBeInstanceOf(StorageError);
    return error as StorageError;
  }
  throw new Error('it returned');
}

function values(records: Buffer): string[] {
  return decodeBatches(records).flatMap((batch) => batch.records!.map((record) => `${record.offset}:${record.value}`));
}

describe('LogManager topics', () => {
  it('creates topics with Kafka-style ids and directories, and persists them across restarts', async () => {
    const { dir, manager } = await open(undefined, { 'num.partitions': '3' });
    const orders = manager.createTopic('orders', { configs: { 'retention.ms': '60000' } });
    expect(orders).toMatchObject({ name: 'orders', partitions: 3, configs: { 'retention.ms': '60000' } });
    expect(orders.topicId).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    manager.createTopic('payments', { partitions: 2 });
    expect(readdirSync(dir).filter((name) => !name.startsWith('.')).sort()).toEqual(['boot-id', 'orders-0', 'orders-1', 'orders-2', 'payments-0', 'payments-1', 'topics.json']);
    await manager.close();
    const reopened = (await open(dir)).manager;
    expect(reopened.topics().map((topic) => [topic.name, topic.partitions, topic.topicId])).toEqual([
      ['orders', 3, orders.topicId],
      ['payments', 2, expect.any(String)],
    ]);
    expect(reopened.describeTopic('orders').configs).toEqual({ 'retention.ms': '60000' });
  });

  it('finds a topic by its id, before and after a restart, and no longer once deleted', async () => {
    const { dir, manager } = await open();
    const { topicId } = manager.createTopic('by-id', { partitions: 1 });
    expect(manager.topicNameById(topicId)).toBe('by-id');
    await manager.close();
    const { manager: reopened } = await open(dir);
    expect(reopened.topicNameById(topicId)).toBe('by-id');
    reopened.deleteTopic('by-id');
    expect(reopened.topicNameById(topicId)).toBeUndefined();
    const again = reopened.createTopic('by-id', { partitions: 1 });
    expect(again.topicId).not.toBe(topicId);
    expect(reopened.topicNameById(again.topicId)).toBe('by-id');
    await reopened.close();
  });

  it('refuses bad creations with the Kafka error each deserves, changing nothing', async () => {
    const { dir, manager } = await open();
    manager.createTopic('a.b');
    expect(thrown(() => manager.createTopic('a.b')).code).toBe('TOPIC_ALREADY_EXISTS');
    expect(thrown(() => manager.createTopic('a_b')).message).toMatch(/collides with existing topic "a.b"/);
    expect(thrown(() => manager.createTopic('bad name')).code).toBe('INVALID_TOPIC_EXCEPTION');
    expect(thrown(() => manager.createTopic('p', { partitions: 0 })).code).toBe('INVALID_PARTITIONS');
    expect(thrown(() => manager.createTopic('r', { replicationFactor: 3 })).code).toBe('INVALID_REPLICATION_FACTOR');
    expect(thrown(() => manager.createTopic('c', { configs: { 'segment.bytes': 'big' } })).code).toBe('INVALID_CONFIG');
    expect(manager.createTopic('v', { validateOnly: true, partitions: 4 }).partitions).toBe(4);
    expect(manager.topics().map((topic) => topic.name)).toEqual(['a.b']);
    expect(readdirSync(dir).filter((name) => name.endsWith('-0'))).toEqual(['a.b-0']);
  });

  it('adds partitions, describes and alters configs, and emits events for each change', async () => {
    const { manager } = await open();
    const events: LogEvent[] = [];
    manager.on((event) => events.push(event));
    manager.createTopic('t', { partitions: 1 });
    expect(thrown(() => manager.createPartitions('t', 1)).code).toBe('INVALID_PARTITIONS');
    manager.createPartitions('t', 3);
    expect(manager.describeTopic('t').partitions).toBe(3);
    expect((await manager.append('t', 2, batchOf('x', 1))).baseOffset).toBe(0);

    manager.incrementalAlterConfigs('t', [{ name: 'retention.ms', op: 'SET', value: '1000' }]);
    expect(manager.describeConfigs('t').find((entry) => entry.name === 'retention.ms')).toMatchObject({ value: '1000', source: 'DYNAMIC_TOPIC_CONFIG' });
    manager.alterConfigs('t', { 'segment.ms': '5000' });
    expect(manager.describeTopic('t').configs).toEqual({ 'segment.ms': '5000' });
    expect(thrown(() => manager.alterConfigs('t', { 'segment.ms': '0' })).code).toBe('INVALID_CONFIG');
    manager.alterConfigs('t', { 'segment.ms': '7000' }, { validateOnly: true });
    expect(manager.describeTopic('t').configs).toEqual({ 'segment.ms': '5000' });

    expect(events.map((event) => event.type)).toEqual(['topic-created', 'partitions-created', 'appended', 'configs-changed', 'configs-changed']);
    expect(events[2]).toMatchObject({ type: 'appended', topic: 't', partition: 2, baseOffset: 0, lastOffset: 0, highWatermark: 1 });
  });

  it('deletes a topic: readers and writers get UNKNOWN_TOPIC_OR_PARTITION, the name is free at once, the files go', async () => {
    const { dir, manager } = await open();
    const first = manager.createTopic('gone', { partitions: 2 });
    await manager.append('gone', 0, batchOf('old', 3));
    const events: LogEvent[] = [];
    manager.on((event) => events.push(event));
    manager.deleteTopic('gone');
    expect(events).toEqual([{ type: 'topic-deleted', topic: 'gone', topicId: first.topicId }]);
    expect(thrown(() => manager.read('gone', 0, 0, 100)).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(((await rejection(manager.append('gone', 0, batchOf('x', 1)))) as StorageError).code).toBe('UNKNOWN_TOPIC_OR_PARTITION');
    expect(thrown(() => manager.deleteTopic('gone')).errorCode).toBe(3);
    const second = manager.createTopic('gone', { partitions: 1 });
    expect(second.topicId).not.toBe(first.topicId);
    expect(manager.read('gone', 0, 0, 100).records.length).toBe(0);
    await manager.close();
    expect(readdirSync(dir).filter((name) => name.startsWith('gone'))).toEqual(['gone-0']);
  });

  it('deletes every partition of a topic whose name is as long as Kafka allows, without a warning', async () => {
    const { dir, manager, logger } = await open();
    const name = 'x'.repeat(249);
    manager.createTopic(name, { partitions: 12 });
    manager.deleteTopic(name);
    await manager.close();
    expect(logger.lines.filter((line) => line.includes('could not move'))).toEqual([]);
    expect(readdirSync(dir).filter((entry) => entry.startsWith('xxx'))).toEqual([]);
  });

  it('keeps a reader that held a partition across the deletion from crashing', async () => {
    const { manager } = await open();
    manager.createTopic('t', { partitions: 1 });
    await manager.append('t', 0, batchOf('a', 5));
    const before = manager.read('t', 0, 0, 1 << 20);
    manager.deleteTopic('t');
    expect(values(before.records)).toHaveLength(5);
    expect(() => manager.listOffsets('t', 0, -1)).toThrow(/topic "t" does not exist/);
    expect(() => manager.partitionStats('t', 0)).toThrow(StorageError);
  });

  it('never resurrects data left in a directory by an earlier topic of the same name', async () => {
    const { dir, manager, logger } = await open();
    manager.createTopic('old', { partitions: 1 });
    await manager.append('old', 0, batchOf('stale', 3));
    cpSync(join(dir, 'old-0'), join(dir, 'copy-0'), { recursive: true });
    manager.createTopic('copy', { partitions: 1 });
    expect(manager.partitionStats('copy', 0)).toMatchObject({ highWatermark: 0, bytes: 0 });
    expect(logger.lines.join('\n')).toMatch(/copy-0 already exists from an earlier topic; moving it aside/);
  });

  it('removes directories of topics it does not know at start-up', async () => {
    const { dir, manager } = await open();
    manager.createTopic('kept', { partitions: 1 });
    manager.createTopic('dropped', { partitions: 1 });
    await manager.append('dropped', 0, batchOf('a', 1));
    const stored = JSON.parse(readFileSync(join(dir, 'topics.json'), 'utf8'));
    await manager.close();
    stored.topics = stored.topics.filter((topic: { name: string }) => topic.name === 'kept');
    writeFileSync(join(dir, 'topics.json'), JSON.stringify(stored));
    const { manager: reopened, logger } = await open(dir);
    expect(logger.lines.join('\n')).toMatch(/dropped-0 belongs to no topic/);
    await reopened.close();
    expect(existsSync(join(dir, 'dropped-0'))).toBe(false);
    expect(existsSync(join(dir, 'kept-0'))).toBe(true);
  });
});

describe('LogManager appends and reads', () => {
  it('assigns dense offsets, rewrites only baseOffset and partitionLeaderEpoch, and reads whole batches', async () => {
    const { manager } = await open();
    manager.createTopic('t', { partitions: 1 });
    const first = batchOf('a', 3);
    const original = Buffer.from(first);
    const result = await manager.append('t', 0, first, { acks: 1 });
    expect(result).toMatchObject({ baseOffset: 0, lastOffset: 2, recordCount: 3, logAppendTime: -1, logStartOffset: 0 });
    const payload = Buffer.concat([batchOf('b', 2), batchOf('c', 4)]);
    expect(await manager.append('t', 0, payload, { acks: 0 })).toMatchObject({ baseOffset: 3, lastOffset: 8, recordCount: 6 });
    const stored = manager.read('t', 0, 0, 1 << 20).records;
    expect(stored.subarray(0, original.length).subarray(16).equals(original.subarray(16))).toBe(true);
    expect(stored.readInt32BE(12)).toBe(0);
    expect(values(stored)).toEqual(['0:a-0', '1:a-1', '2:a-2', '3:b-0', '4:b-1', '5:c-0', '6:c-1', '7:c-2', '8:c-3']);
    const fromMiddle = manager.read('t', 0, 6, 1);
    expect(values(fromMiddle.records)[0]).toBe('5:c-0');
    expect(fromMiddle).toMatchObject({ nextOffset: 9, highWatermark: 9, logStartOffset: 0, lastStableOffset: 9 });
    expect(manager.read('t', 0, 9, 100).records.length).toBe(0);
    expect(thrown(() => manager.read('t', 0, 10, 100)).code).toBe('OFFSET_OUT_OF_RANGE');
    expect(thrown(() => manager.read('t', 1, 0, 100)).message).toBe('partition 1 of topic "t" does not exist (it has 1)');
  });

  it('rejects invalid batches with a RecordBatchError and leaves the log unchanged', async () => {
    const { manager } = await open();
    manager.createTopic('t', { partitions: 1, configs: { 'max.message.bytes': '200' } });
    const corrupt = batchOf('a', 1);
    corrupt[corrupt.length - 1] ^= 1;
    const error = await rejection(manager.append('t', 0, corrupt));
    expect(error).toBeInstanceOf(RecordBatchError);
    expect((error as RecordBatchError).code).toBe('CORRUPT_MESSAGE');
    expect(((await rejection(manager.append('t', 0, batchOf('big', 5, 0, 100)))) as RecordBatchError).code).toBe('MESSAGE_TOO_LARGE');
    expect(manager.partitionStats('t', 0)).toMatchObject({ highWatermark: 0, bytes: 0 });
  });

  it('stamps LogAppendTime topics with the broker time, CRC recomputed', async () => {
    let clock = 5_000_000;
    const { manager } = await open(undefined, {}, { now: () => clock });
    manager.createTopic('t', { partitions: 1, configs: { 'message.timestamp.type': 'LogAppendTime' } });
    const result = await manager.append('t', 0, batchOf('a', 2, 100));
    expect(result.logAppendTime).toBe(5_000_000);
    const [batch] = decodeBatches(manager.read('t', 0, 0, 1000).records);
    expect(batch.header.attributes & 0x08).toBe(0x08);
    expect(batch.records!.map((record) => record.timestamp)).toEqual([5_000_000, 5_000_000]);
    clock = 5_000_100;
    await manager.append('t', 0, batchOf('b', 1, 200));
    expect(manager.listOffsets('t', 0, 5_000_050)).toEqual({ offset: 2, timestamp: 5_000_100 });
  });

  it("answers ListOffsets as Kafka does: latest, earliest, max timestamp, by time", async () => {
    const { manager } = await open();
    manager.createTopic('t', { partitions: 1, configs: { 'segment.bytes': '600' } });
    for (let i = 0; i < 10; i++) await manager.append('t', 0, batchOf(`b${i}`, 5, 10_000 + i * 100));
    await manager.append('t', 0, batchOf('late', 2, 9_000));
    expect(manager.partitionStats('t', 0).segments).toBeGreaterThan(2);
    expect(manager.listOffsets('t', 0, -1)).toEqual({ offset: 52, timestamp: -1 });
    expect(manager.listOffsets('t', 0, -2)).toEqual({ offset: 0, timestamp: -1 });
    expect(manager.listOffsets('t', 0, -3)).toEqual({ offset: 49, timestamp: 10_904 });
    expect(manager.listOffsets('t', 0, 10_302)).toEqual({ offset: 17, timestamp: 10_302 });
    expect(manager.listOffsets('t', 0, 10_350)).toEqual({ offset: 20, timestamp: 10_400 });
    expect(manager.listOffsets('t', 0, 0)).toEqual({ offset: 0, timestamp: 10_000 });
    expect(manager.listOffsets('t', 0, 20_000)).toEqual({ offset: -1, timestamp: -1 });
    expect(thrown(() => manager.listOffsets('t', 0, -9)).code).toBe('INVALID_REQUEST');
  });

  it('keeps at most maxOpenSegmentFiles inactive segment logs open, reopening them to read', async () => {
    const { dir, manager } = await open(tempDir(), {}, { maxOpenSegmentFiles: 3 });
    manager.createTopic('t', { partitions: 1, configs: { 'segment.bytes': '600' } });
    for (let i = 0; i < 20; i++) await manager.append('t', 0, batchOf(`s${i}`, 2, 1_000, 200));
    const openLogs = () =>
      readdirSync('/proc/self/fd').filter((fd) => {
        try {
          const target = readlinkSync(`/proc/self/fd/${fd}`);
          return target.startsWith(dir) && target.endsWith('.log');
        } catch {
          return false; // closed meanwhile
        }
      }).length;
    expect(manager.partitionStats('t', 0).segments).toBeGreaterThan(10);
    for (let round = 0; round < 2; round++) {
      let offset = 0;
      let batches = 0;
      while (offset < 40) {
        const read = manager.read('t', 0, offset, 1);
        batches += decodeBatches(read.records).length;
        offset = read.nextOffset;
        expect(openLogs()).toBeLessThanOrEqual(3 + 1); // the cap, plus the active segment
      }
      expect(batches).toBe(20);
    }
    expect(manager.logFiles.size).toBe(3);
    await manager.close();
  });

  it('rolls segments by segment.bytes and segment.ms', async () => {
    let clock = 1_000;
    const { dir, manager } = await open(undefined, {}, { now: () => clock });
    manager.createTopic('t', { partitions: 1, configs: { 'segment.bytes': '1000', 'segment.ms': '60000' } });
    const size = batchOf('x', 3).length;
    const perSegment = Math.floor(1000 / size);
    for (let i = 0; i < perSegment + 1; i++) await manager.append('t', 0, batchOf('x', 3));
    expect(manager.partitionStats('t', 0).segments).toBe(2);
    clock += 60_000;
    await manager.append('t', 0, batchOf('y', 1));
    expect(manager.partitionStats('t', 0).segments).toBe(3);
    const logs = readdirSync(join(dir, 't-0')).filter((name) => name.endsWith('.log')).sort();
    expect(logs).toEqual([0, perSegment * 3, perSegment * 3 + 3].map((base) => `${String(base).padStart(20, '0')}.log`));
  });

  it('acks=-1 resolves after an fsync shared by concurrent appends; flush.messages forces one', async () => {
    const { manager } = await open();
    manager.createTopic('t', { partitions: 1 });
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => manager.append('t', 0, batchOf(`p${i}`, 1), { acks: -1 })));
    expect(results.map((result) => result.baseOffset)).toEqual(Array.from({ length: 20 }, (_, i) => i));
    const stats = manager.partitionStats('t', 0);
    expect(stats.flushedOffset).toBe(20);
    expect(stats.flushes).toBe(1);

    manager.createTopic('every', { partitions: 1, configs: { 'flush.messages': '2' } });
    await manager.append('every', 0, batchOf('a', 1), { acks: 1 });
    expect(manager.partitionStats('every', 0).flushedOffset).toBe(0);
    await manager.append('every', 0, batchOf('b', 1), { acks: 1 });
    expect(manager.partitionStats('every', 0)).toMatchObject({ flushedOffset: 2, flushes: 1 });
  });

  it('refuses acks=all when min.insync.replicas cannot be met on one broker', async () => {
    const { manager } = await open();
    manager.createTopic('t', { partitions: 1, configs: { 'min.insync.replicas': '2' } });
    expect(((await rejection(manager.append('t', 0, batchOf('a', 1), { acks: -1 }))) as StorageError).code).toBe('NOT_ENOUGH_REPLICAS');
    expect((await manager.append('t', 0, batchOf('a', 1), { acks: 1 })).baseOffset).toBe(0);
  });
});

describe('LogManager recovery after a machine restart', () => {
  /** Ten batches, one index entry each, then a stop without close, then a byte of batch 3 flipped (as lost, unsynced pages leave it). */
  async function crashedWithDamage(bootId: string) {
    const dir = tempDir();
    const crashed = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0, bootId });
    crashed.createTopic('t', { partitions: 1, configs: { 'index.interval.bytes': '100' } });
    for (let i = 0; i < 10; i++) await crashed.append('t', 0, batchOf(`b${i}`, 2, 1_000 + i, 300));
    const batchBytes = batchOf('b0', 2, 1_000, 300).length;
    const log = join(dir, 't-0', '00000000000000000000.log');
    const bytes = readFileSync(log);
    bytes[3 * batchBytes + 100] ^= 0xff;
    writeFileSync(log, bytes);
    return dir;
  }

  it('checks the whole active segment when the boot changed, truncating at the first bad batch', async () => {
    const dir = await crashedWithDamage('boot-before');
    const { manager, logger } = await open(dir, {}, { bootId: 'boot-after' });
    expect(manager.machineRestarted).toBe(true);
    expect(manager.partitionStats('t', 0).highWatermark).toBe(6); // batches 0-2 kept
    expect(logger.lines.join('\n')).toMatch(/machine restarted since the broker stopped uncleanly/);
    expect(logger.lines.join('\n')).toMatch(/truncated \d+ bytes from the end of segment 0 \(at byte \d+: CRC mismatch at offset 6\)/);
    expect((await manager.append('t', 0, batchOf('after', 1))).baseOffset).toBe(6);
    await manager.close();
  });

  it('checks the segments before the active one too: a damaged one is cut, leaving a gap that readers skip', async () => {
    const dir = tempDir();
    const crashed = await LogManager.open(dir, BrokerConfig.from(), recordingLogger(), { retentionCheckIntervalMs: 0, bootId: 'boot-before' });
    const batchBytes = batchOf('b0', 2, 1_000, 300).length;
    crashed.createTopic('t', { partitions: 1, configs: { 'segment.bytes': String(2 * batchBytes + 10) } });
    for (let i = 0; i < 10; i++) await crashed.append('t', 0, batchOf(`b${i}`, 2, 1_000 + i, 300));
    const segments = readdirSync(join(dir, 't-0')).filter((name) => name.endsWith('.log')).sort();
    expect(segments.length).toBe(5); // two batches (four offsets) each
    const first = join(dir, 't-0', segments[0]);
    const bytes = readFileSync(first);
    bytes[batchBytes + 100] ^= 0xff; // the second batch of the first segment: offsets 2-3
    writeFileSync(first, bytes);

    const { manager, logger } = await open(dir, {}, { bootId: 'boot-after' });
    expect(logger.lines.join('\n')).toMatch(/truncated \d+ bytes from the end of segment 0 \(at byte \d+: CRC mismatch at offset 2\): offsets 2 to 3 were lost/);
    expect(manager.partitionStats('t', 0).highWatermark).toBe(20); // the later segments are intact
    const before = manager.read('t', 0, 0, 1 << 20);
    expect(decodeBatches(before.records).map((batch) => batch.header.baseOffset)).toEqual([0]);
    const after = manager.read('t', 0, before.nextOffset, 1 << 20); // offset 2 is in the gap
    expect(decodeBatches(after.records)[0].header.baseOffset).toBe(4);
    expect((await manager.append('t', 0, batchOf('after', 1))).baseOffset).toBe(20);
    await manager.close();
  });

  it('after a process crash in the same boot, checks only the tail (the page cache survived)', async () => {
    const dir = await crashedWithDamage('same-boot');
    const { manager } = await open(dir, {}, { bootId: 'same-boot' });
    expect(manager.machineRestarted).toBe(false);
    expect(manager.partitionStats('t', 0).highWatermark).toBe(20);
    await manager.close();
  });
});

describe('LogManager retention and DeleteRecords', () => {
  async function filled(configs: Record<string, string>, clock: { now: number }) {
    const opened = await open(undefined, {}, { now: () => clock.now });
    opened.manager.createTopic('t', { partitions: 1, configs: { 'segment.bytes': '700', ...configs } });
    for (let i = 0; i < 12; i++) {
      await opened.manager.append('t', 0, batchOf(`b${i}`, 2, clock.now));
      clock.now += 1_000;
    }
    return opened;
  }

  it('deletes whole old segments by retention.ms and moves the log start offset', async () => {
    const clock = { now: 1_000_000 };
    const { manager } = await filled({ 'retention.ms': '5000' }, clock);
    const before = manager.partitionStats('t', 0);
    const events: LogEvent[] = [];
    manager.on((event) => events.push(event));
    const [result] = manager.runRetention(clock.now);
    expect(result.reason).toBe('retention.ms');
    const after = manager.partitionStats('t', 0);
    expect(after.segments).toBe(before.segments - result.deletedSegments);
    expect(after.logStartOffset).toBe(result.logStartOffset);
    expect(after.logStartOffset).toBeGreaterThan(0);
    expect(events).toEqual([{ type: 'log-start-moved', topic: 't', partition: 0, logStartOffset: after.logStartOffset, reason: 'retention' }]);
    expect(thrown(() => manager.read('t', 0, 0, 100)).code).toBe('OFFSET_OUT_OF_RANGE');
    expect(values(manager.read('t', 0, after.logStartOffset, 100).records)[0]).toMatch(new RegExp(`^${after.logStartOffset}:`));
    expect(manager.runRetention(clock.now)).toEqual([]);
  });

  it('deletes by retention.bytes, and even the active segment once everything is too old', async () => {
    const clock = { now: 1_000_000 };
    const { manager } = await filled({ 'retention.bytes': '800' }, clock);
    manager.runRetention(clock.now);
    expect(manager.partitionStats('t', 0).bytes).toBeGreaterThanOrEqual(800);
    expect(manager.partitionStats('t', 0).bytes).toBeLessThan(800 + 700);
    manager.alterConfigs('t', { 'retention.ms': '0' });
    manager.runRetention(clock.now + 1);
    expect(manager.partitionStats('t', 0)).toMatchObject({ bytes: 0, segments: 1, logStartOffset: 24, highWatermark: 24 });
    expect((await manager.append('t', 0, batchOf('again', 1))).baseOffset).toBe(24);
  });

  it('keeps compact-only topics whatever their retention', async () => {
    const clock = { now: 1_000_000 };
    const { manager } = await filled({ 'retention.ms': '1', 'cleanup.policy': 'compact' }, clock);
    expect(manager.runRetention(clock.now)).toEqual([]);
  });

  it('moves the log start offset durably with deleteRecords and removes segments below it', async () => {
    const clock = { now: 1_000_000 };
    const { dir, manager } = await filled({}, clock);
    const segments = manager.partitionStats('t', 0).segments;
    expect(manager.deleteRecords('t', 0, 15)).toBe(15);
    expect(manager.deleteRecords('t', 0, 5)).toBe(15);
    expect(thrown(() => manager.deleteRecords('t', 0, 25)).code).toBe('OFFSET_OUT_OF_RANGE');
    expect(manager.partitionStats('t', 0).segments).toBeLessThan(segments);
    expect(manager.listOffsets('t', 0, -2).offset).toBe(15);
    expect(values(manager.read('t', 0, 15, 100).records)[0]).toBe('14:b7-0');
    await manager.close();
    const reopened = (await open(dir)).manager;
    expect(reopened.listOffsets('t', 0, -2).offset).toBe(15);
    expect(reopened.deleteRecords('t', 0, -1)).toBe(24);
    expect(reopened.partitionStats('t', 0)).toMatchObject({ records: 0, bytes: 0 });
  });
});

describe('LogManager stats and lifecycle', () => {
  it('reports records, bytes, segments and the last append time per partition', async () => {
    const { manager } = await open(undefined, {}, { now: () => 42_000 });
    manager.createTopic('t', { partitions: 2 });
    const batch = batchOf('a', 4);
    await manager.append('t', 1, batch);
    expect(manager.stats()).toEqual([
      expect.objectContaining({ topic: 't', partition: 0, records: 0, bytes: 0, segments: 1, lastAppendTime: null }),
      expect.objectContaining({ topic: 't', partition: 1, records: 4, bytes: batch.length, segments: 1, lastAppendTime: 42_000, highWatermark: 4, logStartOffset: 0 }),
    ]);
  });

  it('says whether it opened a new data directory, or after a clean or an unclean stop', async () => {
    const dir = tempDir();
    const opened = async (at: string) => {
      const logger = recordingLogger();
      const manager = await LogManager.open(at, BrokerConfig.from({}), logger, { retentionCheckIntervalMs: 0 });
      return { manager, said: logger.lines.filter((line) => line.includes('storage: opened')) };
    };
    const first = await opened(dir);
    expect(first.manager.newDirectory).toBe(true);
    expect(first.said).toEqual([expect.stringMatching(/opened 0 topic\(s\), 0 partition\(s\) in \d+ ms in a new data directory$/)]);
    first.manager.createTopic('t', { partitions: 1 });
    await first.manager.close();
    const second = await opened(dir);
    expect(second.manager.newDirectory).toBe(false);
    expect(second.said).toEqual([expect.stringMatching(/opened 1 topic\(s\), 1 partition\(s\) in \d+ ms after a clean stop$/)]);
    // The directory as a crash would leave it: open, so without the clean-shutdown marker.
    const crashed = join(tempDir(), 'copy');
    cpSync(dir, crashed, { recursive: true });
    const third = await opened(crashed);
    expect(third.manager.newDirectory).toBe(false);
    expect(third.said).toEqual([expect.stringMatching(/opened 1 topic\(s\), 1 partition\(s\) in \d+ ms after an unclean stop$/)]);
    await third.manager.close();
    await second.manager.close();
  });

  it('writes the clean-shutdown marker on close and refuses calls afterwards', async () => {
    const { dir, manager } = await open();
    manager.createTopic('t', { partitions: 1 });
    await manager.close();
    expect(existsSync(join(dir, '.kafka_cleanshutdown'))).toBe(true);
    expect(() => manager.topics()).toThrow(/closed/);
    const reopened = await open(dir);
    expect(reopened.manager.cleanStart).toBe(true);
    expect(existsSync(join(dir, '.kafka_cleanshutdown'))).toBe(false);
  });
});

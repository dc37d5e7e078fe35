/**
 * The sweeper on real logs and a real group coordinator in a temp directory, with the clock in
 * the test's hands. Crashes are simulated in process: a step made to throw, then everything
 * opened again from the files as a restart would (what was written to the OS stays written, as
 * after a SIGKILL; test/dlq/sweeper-sigkill.test.ts does it with a real SIGKILL).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrokerLogger } from '../broker-api';
import { BrokerConfig } from '../config/broker-config';
import { GroupCoordinator } from '../groups/group-coordinator';
import { buildRecordBatch } from '../records/record-batch-builder';
import { readStoredRecords, type StoredRecord } from '../records/stored-record-reader';
import { LogManager } from '../storage/log-manager';
import { DeadLetterSweeperImpl } from './dead-letter-sweeper';
import { SweeperState } from './sweeper-state';

const silent: BrokerLogger = { info() {}, warn() {}, error() {} };
const HOUR = 3_600_000;

interface Opened {
  logs: LogManager;
  groups: GroupCoordinator;
  sweeper: DeadLetterSweeperImpl;
}

describe('DeadLetterSweeper', () => {
  let dataDir: string;
  let clock: number;
  let opened: Opened | null = null;
  const config = BrokerConfig.from({});

  const open = async (): Promise<Opened> => {
    const logs = await LogManager.open(dataDir, config, silent, { now: () => clock, retentionCheckIntervalMs: 0 });
    const groups = await GroupCoordinator.open(dataDir, config, { partitionCount: (topic) => (logs.hasTopic(topic) ? logs.describeTopic(topic).partitions : undefined) }, silent);
    const sweeper = await DeadLetterSweeperImpl.start(dataDir, logs, groups, silent, { intervalMs: 0, now: () => clock });
    opened = { logs, groups, sweeper };
    return opened;
  };
  const close = async () => {
    if (!opened) return;
    await opened.sweeper.stop();
    await opened.groups.close();
    await opened.logs.close();
    opened = null;
  };

  const produce = async (logs: LogManager, topic: string, partition: number, values: string[]) => {
    await logs.append(topic, partition, buildRecordBatch(values.map((value, index) => ({ key: Buffer.from(`k${index}`), value: Buffer.from(value), headers: [{ key: 'trace', value: Buffer.from('t') }], timestamp: 1000 + index }))));
  };
  const readAll = (logs: LogManager, topic: string, partition: number): StoredRecord[] => {
    const out: StoredRecord[] = [];
    let offset = logs.partitionStats(topic, partition).logStartOffset;
    for (;;) {
      const read = logs.read(topic, partition, offset, 1 << 20);
      if (read.records.length === 0) return out;
      out.push(...readStoredRecords(read.records, { fromOffset: offset }).records);
      offset = read.nextOffset;
    }
  };
  const header = (record: StoredRecord, key: string) => record.headers.find((h) => h.key === key)?.value?.toString();
  const committed = (groups: GroupCoordinator, group: string, topic: string, partition: number) =>
    groups.committedOffsets(group).find((view) => view.topic === topic && view.partition === partition)?.offset ?? null;
  const policy = (logs: LogManager, topic: string, extra: Record<string, string> = {}) =>
    logs.alterConfigs(topic, { 'dlq.enable': 'true', 'dlq.group': 'billing', 'dlq.max.age.ms': String(HOUR), ...extra });

  beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'eddy-sweeper-'));
    clock = 1_800_000_000_000;
  });
  afterEach(async () => {
    await close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('moves records older than the maximum age that the group has not consumed, with provenance, and commits past them', async () => {
    const { logs, groups, sweeper } = await open();
    logs.createTopic('orders', { partitions: 2 });
    policy(logs, 'orders');
    await produce(logs, 'orders', 0, ['a', 'b', 'c']);
    await produce(logs, 'orders', 1, ['d']);
    clock += HOUR / 2;
    await produce(logs, 'orders', 0, ['young']);

    expect((await sweeper.sweepNow()).moves).toEqual([]);
    expect(logs.hasTopic('orders.dlq')).toBe(false);

    clock += HOUR / 2 + 1;
    const result = await sweeper.sweepNow();
    expect(result.moves.map((m) => [m.topic, m.partition, m.fromOffset, m.toOffset, m.records, m.dlqTopic, m.dlqPartition])).toEqual([
      ['orders', 0, 0, 3, 3, 'orders.dlq', 0],
      ['orders', 1, 0, 1, 1, 'orders.dlq', 1],
    ]);
    expect(logs.describeTopic('orders.dlq').partitions).toBe(2);
    const dead = readAll(logs, 'orders.dlq', 0);
    expect(dead.map((r) => r.value?.toString())).toEqual(['a', 'b', 'c']);
    expect(dead.map((r) => r.key?.toString())).toEqual(['k0', 'k1', 'k2']);
    expect(dead.map((r) => r.timestamp)).toEqual([1000, 1001, 1002]);
    expect(dead[1].headers.map((h) => h.key)).toEqual(['trace', '__dlq.errors.topic', '__dlq.errors.partition', '__dlq.errors.offset', '__dlq.errors.group', '__dlq.errors.message', '__dlq.errors.timestamp']);
    expect([header(dead[1], '__dlq.errors.topic'), header(dead[1], '__dlq.errors.partition'), header(dead[1], '__dlq.errors.offset'), header(dead[1], '__dlq.errors.group')]).toEqual(['orders', '0', '1', 'billing']);
    expect(header(dead[1], '__dlq.errors.message')).toBe('not consumed by group "billing" within dlq.max.age.ms=3600000 (1 h)');
    expect(header(dead[1], '__dlq.errors.timestamp')).toBe(String(clock));
    expect(committed(groups, 'billing', 'orders', 0)).toBe(3n);
    expect(committed(groups, 'billing', 'orders', 1)).toBe(1n);

    const status = sweeper.status();
    expect(status.lastSweepMoved).toBe(4);
    expect(status.totalMoved).toBe(4);
    expect(status.topics).toEqual([{ topic: 'orders', group: 'billing', maxAgeMs: HOUR, dlqTopic: 'orders.dlq', moved: 4, lastMovedAt: clock, problem: null }]);

    clock += HOUR;
    const later = await sweeper.sweepNow();
    expect(later.moves.map((m) => [m.partition, m.fromOffset, m.toOffset])).toEqual([[0, 3, 4]]);
    expect(readAll(logs, 'orders.dlq', 0).map((r) => r.value?.toString())).toEqual(['a', 'b', 'c', 'young']);
  });

  it('leaves what the group consumed, never moves its offset back, and never dead-letters a record twice when the group rewinds', async () => {
    const { logs, groups, sweeper } = await open();
    logs.createTopic('orders', { partitions: 1 });
    policy(logs, 'orders', { 'dlq.topic': 'orders-dead' });
    await produce(logs, 'orders', 0, ['a', 'b', 'c', 'd']);
    await groups.resetOffsets('billing', [{ topic: 'orders', partition: 0, offset: 2n }]);
    clock += 2 * HOUR;
    await sweeper.sweepNow();
    expect(readAll(logs, 'orders-dead', 0).map((r) => r.value?.toString())).toEqual(['c', 'd']);
    expect(committed(groups, 'billing', 'orders', 0)).toBe(4n);

    await groups.resetOffsets('billing', [{ topic: 'orders', partition: 0, offset: 0n }]);
    clock += 2 * HOUR;
    const again = await sweeper.sweepNow();
    // a and b were consumed once but are unconsumed again and old: they die now; c and d do not die twice.
    expect(again.moves.map((m) => [m.fromOffset, m.toOffset])).toEqual([[0, 2]]);
    expect(readAll(logs, 'orders-dead', 0).map((r) => r.value?.toString())).toEqual(['c', 'd', 'a', 'b']);
    expect(committed(groups, 'billing', 'orders', 0)).toBe(4n);
  });

  it('keeps the offset of a consumer that committed further while the sweep was writing', async () => {
    const { logs, groups, sweeper } = await open();
    logs.createTopic('orders', { partitions: 1 });
    policy(logs, 'orders');
    await produce(logs, 'orders', 0, ['a', 'b']);
    clock += 2 * HOUR;
    await produce(logs, 'orders', 0, ['c', 'd']);
    const flush = logs.flush.bind(logs);
    logs.flush = async (topic, partition) => {
      await flush(topic, partition);
      await groups.resetOffsets('billing', [{ topic: 'orders', partition: 0, offset: 3n }]);
    };
    const result = await sweeper.sweepNow();
    expect(result.moves.map((m) => [m.fromOffset, m.toOffset])).toEqual([[0, 2]]);
    expect(committed(groups, 'billing', 'orders', 0)).toBe(3n);
  });

  it('says what is wrong with a policy it cannot act on, and moves nothing for it', async () => {
    const { logs, sweeper } = await open();
    logs.createTopic('orders', { partitions: 1 });
    logs.alterConfigs('orders', { 'dlq.enable': 'true' });
    await produce(logs, 'orders', 0, ['a']);
    clock += 2 * 86_400_000;
    expect((await sweeper.sweepNow()).moves).toEqual([]);
    expect(sweeper.status().topics[0].problem).toMatch(/dlq.group is not set/);
    logs.alterConfigs('orders', { 'dlq.enable': 'true', 'dlq.group': 'g', 'dlq.topic': 'orders' });
    expect((await sweeper.sweepNow()).moves).toEqual([]);
    expect(sweeper.status().topics[0].problem).toMatch(/the topic itself/);
  });

  it('remembers what it moved across a restart', async () => {
    let { logs, sweeper } = await open();
    logs.createTopic('orders', { partitions: 1 });
    policy(logs, 'orders');
    await produce(logs, 'orders', 0, ['a', 'b']);
    clock += 2 * HOUR;
    await sweeper.sweepNow();
    await close();
    ({ logs, sweeper } = await open());
    expect(sweeper.status().topics[0].moved).toBe(2);
    expect(sweeper.status().totalMoved).toBe(2);
    clock += 2 * HOUR;
    expect((await sweeper.sweepNow()).moves).toEqual([]);
    expect(readAll(logs, 'orders.dlq', 0)).toHaveLength(2);
  });

  for (const crashAt of ['after the DLQ append, before its progress is saved', 'after its progress is saved, before the offsets move'] as const) {
    it(`finishes a sweep that crashed ${crashAt}: no record lost, none twice`, async () => {
      const first = await open();
      first.logs.createTopic('orders', { partitions: 1 });
      policy(first.logs, 'orders');
      await produce(first.logs, 'orders', 0, ['a', 'b', 'c']);
      clock += 2 * HOUR;
      const crash = new Error('simulated crash');
      if (crashAt.startsWith('after the DLQ append')) {
        const flush = first.logs.flush.bind(first.logs);
        first.logs.flush = async (topic, partition) => {
          await flush(topic, partition);
          throw crash;
        };
        // The move fails after the append: what the sweep does next must not matter, so stop it saving too.
        SweeperState.prototype.save = failingSaveAfter(1, SweeperState.prototype.save);
      } else {
        first.groups.forceCommit = async () => {
          throw crash;
        };
      }
      await first.sweeper.sweepNow().catch(() => undefined);
      SweeperState.prototype.save = originalSave;
      expect(readAll(first.logs, 'orders.dlq', 0)).toHaveLength(3);
      expect(committed(first.groups, 'billing', 'orders', 0)).toBeNull();
      // The crash: nothing is closed; everything is opened again from the files.
      opened = null;
      await first.groups.close().catch(() => undefined);
      const { logs, groups, sweeper } = await open();
      if (crashAt.startsWith('after its progress')) expect(committed(groups, 'billing', 'orders', 0)).toBe(3n);
      clock += 2 * HOUR;
      await sweeper.sweepNow();
      expect(readAll(logs, 'orders.dlq', 0).map((r) => r.value?.toString())).toEqual(['a', 'b', 'c']);
      expect(committed(groups, 'billing', 'orders', 0)).toBe(3n);
      await first.logs.close();
    });
  }
});

const originalSave = SweeperState.prototype.save;

/** A `save` that works `okCalls` times, then throws (a crash before the write). */
function failingSaveAfter(okCalls: number, save: SweeperState['save']): SweeperState['save'] {
  let calls = 0;
  return function (this: SweeperState) {
    calls += 1;
    if (calls > okCalls) throw new Error('simulated crash before the state write');
    save.call(this);
  };
}

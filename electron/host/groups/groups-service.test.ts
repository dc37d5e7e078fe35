/**
 * The host's `groups.*` methods and events against a real broker (startBroker on port 0, a temp
 * data dir) and a real kafkajs consumer, called through the dispatcher so payload checks,
 * refusals and response schemas are exercised too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../broker-core/src/records/record-batch-builder';
import { LAG_HISTORY_SAMPLES, type ContractEvent } from '../../contract';
import { createHost } from '../create-host';
import { embeddedCluster } from '../cluster/embedded/embedded-cluster';
import { createContractCaller } from '../contract-caller';
import { createGroupsService } from './groups-service';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startedHost() {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-groups-'));
  const host = createHost({ port: 0, dataDir, config: { 'group.initial.rebalance.delay.ms': '0' }, groupsEventIntervalMs: 0, lagSampleIntervalMs: 60_000 });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => host.stop());
  const events: ContractEvent[] = [];
  host.onEvent((event) => events.push(event));
  const status = await host.start();
  expect(status.state).toBe('running');
  const broker = host.broker();
  if (!broker) throw new Error('the broker is not running');
  const { call, value } = createContractCaller(host.handlers);
  return { host, broker, events, call, value, address: status.address ?? '' };
}

function produce(broker: { logs: { append(topic: string, partition: number, batch: Buffer): unknown } }, topic: string, partition: number, count: number) {
  return broker.logs.append(topic, partition, buildRecordBatch(Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`v-${i}`) }))));
}

async function joinedConsumer(address: string, groupId: string, topic: string): Promise<Consumer> {
  const kafka = new Kafka({ clientId: 'lag-test-consumer', brokers: [address], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined!: () => void;
  const ready = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({ autoCommit: false, eachMessage: async () => {} });
  await ready;
  return consumer;
}

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('groups service', () => {
  it('lists a kafkajs group with its state, members and lag = high watermark − committed offset', async () => {
    const { broker, value, events, address } = await startedHost();
    broker.logs.createTopic('orders', { partitions: 2 });
    await produce(broker, 'orders', 0, 10);
    await produce(broker, 'orders', 1, 6);
    const consumer = await joinedConsumer(address, 'billing', 'orders');
    cleanups.push(() => consumer.disconnect());

    await consumer.commitOffsets([
      { topic: 'orders', partition: 0, offset: '7' },
      { topic: 'orders', partition: 1, offset: '6' },
    ]);

    const list = await value('groups.list', {});
    expect(list.groups).toEqual([
      expect.objectContaining({ groupId: 'billing', state: 'Stable', members: 1, protocolType: 'consumer', topics: ['orders'], totalLag: 3 }),
    ]);
    const detail = await value('groups.describe', { groupId: 'billing' });
    expect(detail.members).toEqual([expect.objectContaining({ clientId: 'lag-test-consumer', assignment: [{ topic: 'orders', partitions: [0, 1] }] })]);
    expect(detail.partitions.map(({ partition, committedOffset, highWatermark, lag, assignedTo }) => ({ partition, committedOffset, highWatermark, lag, assignedTo }))).toEqual([
      { partition: 0, committedOffset: 7, highWatermark: 10, lag: 3, assignedTo: 'lag-test-consumer' },
      { partition: 1, committedOffset: 6, highWatermark: 6, lag: 0, assignedTo: 'lag-test-consumer' },
    ]);
    const forTopic = await value('groups.lagForTopic', { topic: 'orders' });
    expect(forTopic.groups.map((group) => [group.groupId, group.totalLag])).toEqual([['billing', 3]]);

    // A write moves the lag, and a push says so.
    await produce(broker, 'orders', 1, 4);
    await until(() => events.some((event) => event.event === 'groups.list' && event.payload.groups[0]?.totalLag === 7), 'a pushed list with lag 7');
    expect(events.some((event) => event.event === 'groups.changed' && (event.payload.groups === 'all' || event.payload.groups.includes('billing')))).toBe(true);
  });

  it('previews a reset, refuses it while the group has members, applies it once they left', async () => {
    const { broker, value, call, address } = await startedHost();
    broker.logs.createTopic('orders', { partitions: 2 });
    await produce(broker, 'orders', 0, 10);
    await produce(broker, 'orders', 1, 6);
    const consumer = await joinedConsumer(address, 'billing', 'orders');
    let connected = true;
    cleanups.push(() => (connected ? consumer.disconnect() : undefined));
    await consumer.commitOffsets([{ topic: 'orders', partition: 0, offset: '7' }, { topic: 'orders', partition: 1, offset: '6' }]);

    const preview = await value('groups.previewReset', { groupId: 'billing', topic: 'orders', target: { kind: 'shift', by: -2 } });
    expect(preview).toMatchObject({ members: 1, state: 'Stable', reread: 4, skipped: 0 });
    expect(preview.partitions.map((row) => [row.partition, row.currentOffset, row.newOffset])).toEqual([[0, 7, 5], [1, 6, 4]]);

    const refusedReset = await call('groups.resetOffsets', { groupId: 'billing', topic: 'orders', offsets: [{ partition: 0, offset: 5 }] });
    expect(refusedReset).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'GROUP_NOT_EMPTY' } });
    if (!refusedReset.ok) expect(refusedReset.error.message).toContain('stop its consumers first');
    const refusedDelete = await call('groups.delete', { groupId: 'billing' });
    expect(refusedDelete).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'GROUP_NOT_EMPTY' } });

    await consumer.disconnect();
    connected = false;
    await until(() => broker.groups.describeGroup('billing')?.state === 'Empty', 'the group to be empty');
    const latest = await value('groups.previewReset', { groupId: 'billing', topic: 'orders', partitions: [0], target: { kind: 'offset', offset: 50 } });
    expect(latest.partitions).toEqual([expect.objectContaining({ partition: 0, currentOffset: 7, newOffset: 10, clamped: true, skipped: 3 })]);
    await value('groups.resetOffsets', { groupId: 'billing', topic: 'orders', offsets: [{ partition: 0, offset: 2 }] });
    expect(broker.groups.committedOffsets('billing').map(({ partition, offset }) => [partition, offset])).toEqual([[0, 2n], [1, 6n]]);

    await value('groups.delete', { groupId: 'billing' });
    expect(broker.groups.describeGroup('billing')).toBeUndefined();
    expect(await call('groups.describe', { groupId: 'billing' })).toMatchObject({ ok: false, error: { reason: 'GROUP_NOT_FOUND' } });
  });

  it('samples each group’s total lag into a bounded history and pushes the samples', async () => {
    const { broker } = await startedHost();
    broker.logs.createTopic('orders');
    await produce(broker, 'orders', 0, 5);
    await broker.groups.resetOffsets('simple', [{ topic: 'orders', partition: 0, offset: 1n }]);
    let clock = 1_700_000_000_000;
    const service = createGroupsService({ lagSampleIntervalMs: 60_000, now: () => clock });
    const events: ContractEvent[] = [];
    service.onEvent((event) => events.push(event));
    service.attach(embeddedCluster(broker));
    cleanups.push(() => service.detach());

    for (let i = 0; i < LAG_HISTORY_SAMPLES + 100; i++) {
      clock += 1000;
      await service.sampleLag();
    }

    const detail = await service.handlers['groups.describe']({ groupId: 'simple' });
    expect(detail.lagHistory).toHaveLength(LAG_HISTORY_SAMPLES);
    expect(detail.lagHistory.at(-1)).toEqual({ at: clock, lag: 4 });
    expect(detail.lagHistory[0].at).toBe(clock - (LAG_HISTORY_SAMPLES - 1) * 1000);
    expect(events.filter((event) => event.event === 'groups.lagSamples').at(-1)).toEqual({ event: 'groups.lagSamples', payload: { at: clock, groups: [{ groupId: 'simple', lag: 4 }] } });
  });

  it('refuses a malformed reset payload and a partition the topic does not have', async () => {
    const { broker, call } = await startedHost();
    broker.logs.createTopic('orders');
    expect(await call('groups.previewReset', { groupId: 'g', topic: 'orders', target: { kind: 'sideways' } } as never)).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
    expect(await call('groups.previewReset', { groupId: 'g', topic: 'orders', partitions: [3], target: { kind: 'earliest' } })).toMatchObject({
      ok: false,
      error: { code: 'REFUSED', message: 'topic "orders" has no partition 3 (it has 1)' },
    });
  });
});

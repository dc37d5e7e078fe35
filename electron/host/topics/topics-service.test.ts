/**
 * The host's `topics.*` methods and events against a real broker (startBroker on port 0, a temp
 * data dir), called the way the adapters call them: through the dispatcher, so payload checks,
 * refusals and response schemas are exercised too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../broker-core/src/records/record-batch-builder';
import type { ContractEvent, TopicList, TopicsChanged } from '../../contract';
import { createHost, type Host } from '../create-host';
import { createContractCaller } from '../contract-caller';
import { createDispatcher } from '../dispatcher';

const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startedHost(options: { topicsEventIntervalMs?: number; config?: Record<string, string> } = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-topics-'));
  const host = createHost({ port: 0, dataDir, config: options.config, topicsEventIntervalMs: options.topicsEventIntervalMs ?? 0 });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => host.stop());
  const events: ContractEvent[] = [];
  host.onEvent((event) => events.push(event));
  const status = await host.start();
  expect(status.state).toBe('running');
  const { call, value } = createContractCaller(host.handlers);
  return { host, dataDir, events, call, value, logs: () => logsOf(host) };
}

function logsOf(host: Host) {
  const broker = host.broker();
  if (!broker) throw new Error('the broker is not running');
  return broker.logs;
}

function batch(count: number, label = 'v'): Buffer {
  return buildRecordBatch(Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`${label}-${i}`) })));
}

const lists = (events: ContractEvent[]): TopicList[] => events.flatMap((e) => (e.event === 'topics.list' ? [e.payload] : []));
const changes = (events: ContractEvent[]): TopicsChanged[] => events.flatMap((e) => (e.event === 'topics.changed' ? [e.payload] : []));

async function until(condition: () => boolean, what: string, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('topics service', () => {
  it('refuses every call with BROKER_NOT_RUNNING until the broker runs, and again after it stops', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'eddy-topics-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const host = createHost({ port: 0, dataDir });
    const dispatcher = createDispatcher(host.handlers);

    const before = await dispatcher.dispatch('topics.list', {});
    await host.start();
    const running = await dispatcher.dispatch('topics.list', {});
    await host.stop();
    const after = await dispatcher.dispatch('topics.create', { name: 'orders' });

    expect(before).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'BROKER_NOT_RUNNING' } });
    expect(running).toEqual({ ok: true, value: { topics: [], total: 0 } });
    expect(after).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'BROKER_NOT_RUNNING' } });
  });

  it('is detached while the console has the broker stopped and serves the same topics again after a start and a restart', async () => {
    const { call, value } = await startedHost();
    await value('topics.create', { name: 'orders', partitions: 2 });

    await value('broker.stop', {});
    const whileStopped = await call('topics.list', {});
    await value('broker.start', {});
    const afterStart = await value('topics.list', {});
    await value('broker.restart', {});
    const afterRestart = await value('topics.list', {});

    expect(whileStopped).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'BROKER_NOT_RUNNING' } });
    expect(afterStart.topics.map((topic) => [topic.name, topic.partitions])).toEqual([['orders', 2]]);
    expect(afterRestart.topics.map((topic) => [topic.name, topic.partitions])).toEqual([['orders', 2]]);
  });

  it('creates a topic with partitions and configs, and lists it with its totals', async () => {
    const { value, logs } = await startedHost();

    const created = await value('topics.create', { name: 'orders', partitions: 3, configs: { 'retention.ms': '3600000', 'segment.bytes': '1048576' } });
    await logs().append('orders', 1, batch(4), { acks: 1 });
    await logs().append('orders', 2, batch(2), { acks: 1 });
    const list = await value('topics.list', {});

    expect(created).toMatchObject({ name: 'orders', partitions: 3, records: 0, bytes: 0, lastAppendTime: null, overrides: 2 });
    expect(logs().describeTopic('orders').configs).toEqual({ 'retention.ms': '3600000', 'segment.bytes': '1048576' });
    expect(list.total).toBe(1);
    expect(list.topics[0]).toMatchObject({ name: 'orders', partitions: 3, records: 6, overrides: 2 });
    expect(list.topics[0].bytes).toBeGreaterThan(0);
    expect(list.topics[0].lastAppendTime).toEqual(expect.any(Number));
  });

  it('refuses what Kafka refuses, with the broker’s reason and message, and creates nothing', async () => {
    const { call, value, logs } = await startedHost();
    await value('topics.create', { name: 'orders' });

    const illegal = await call('topics.create', { name: 'bad name!' });
    const dots = await call('topics.create', { name: '..' });
    const long = await call('topics.create', { name: 'x'.repeat(250) });
    const duplicate = await call('topics.create', { name: 'orders' });
    const badConfig = await call('topics.create', { name: 'payments', configs: { 'retention.ms': 'a week' } });
    const unknownConfig = await call('topics.create', { name: 'payments', configs: { 'retention.weeks': '1' } });
    const dryRun = await value('topics.create', { name: 'payments', partitions: 4, validateOnly: true });

    expect(illegal).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_TOPIC_EXCEPTION' } });
    expect(!illegal.ok && illegal.error.message).toContain("may contain only ASCII letters, digits, '.', '_' and '-'");
    expect(dots).toMatchObject({ ok: false, error: { reason: 'INVALID_TOPIC_EXCEPTION' } });
    expect(long).toMatchObject({ ok: false, error: { reason: 'INVALID_TOPIC_EXCEPTION' } });
    expect(duplicate).toMatchObject({ ok: false, error: { reason: 'TOPIC_ALREADY_EXISTS', message: 'topic "orders" already exists' } });
    expect(badConfig).toMatchObject({ ok: false, error: { reason: 'INVALID_CONFIG' } });
    expect(!badConfig.ok && badConfig.error.message).toContain('retention.ms');
    expect(unknownConfig).toMatchObject({ ok: false, error: { reason: 'INVALID_CONFIG' } });
    expect(dryRun).toMatchObject({ name: 'payments', partitions: 4 });
    expect(logs().topics().map((topic) => topic.name)).toEqual(['orders']);
  });

  it('answers INVALID_PAYLOAD for requests outside the schema, before reaching the broker', async () => {
    const { host } = await startedHost();
    const dispatcher = createDispatcher(host.handlers);

    const zeroPartitions = await dispatcher.dispatch('topics.create', { name: 'x', partitions: 0 });
    const extraKey = await dispatcher.dispatch('topics.delete', { name: 'x', force: true });
    const pageTooLarge = await dispatcher.dispatch('topics.listPartitions', { name: 'x', offset: 0, limit: 100_000 });

    for (const result of [zeroPartitions, extraKey, pageTooLarge]) expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_PAYLOAD' } });
  });

  it('pages partitions with log start, high watermark, records, size and segments', async () => {
    const { value, logs } = await startedHost();
    await value('topics.create', { name: 'events', partitions: 5 });
    await logs().append('events', 3, batch(7), { acks: 1 });

    const page = await value('topics.listPartitions', { name: 'events', offset: 2, limit: 2 });
    const tail = await value('topics.listPartitions', { name: 'events', offset: 4, limit: 10 });
    const missing = await (await startedHost()).call('topics.listPartitions', { name: 'nope', offset: 0, limit: 10 });

    expect(page.topic).toMatchObject({ name: 'events', partitions: 5, records: 7 });
    expect(page.offset).toBe(2);
    expect(page.partitions.map((p) => p.partition)).toEqual([2, 3]);
    expect(page.partitions[1]).toMatchObject({ partition: 3, logStartOffset: 0, highWatermark: 7, records: 7, segments: 1, offlineReason: null });
    expect(page.partitions[1].bytes).toBeGreaterThan(0);
    expect(page.partitions[0]).toMatchObject({ records: 0, highWatermark: 0, lastAppendTime: null });
    expect(tail.partitions.map((p) => p.partition)).toEqual([4]);
    expect(missing).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC_OR_PARTITION' } });
  });

  it('describes every config with the value in force, Kafka’s default beside it, and whether it is overridden', async () => {
    const { value } = await startedHost({ config: { 'log.retention.ms': '86400000' } });
    await value('topics.create', { name: 'orders', configs: { 'segment.bytes': '1048576' } });

    const { configs } = await value('topics.describeConfigs', { name: 'orders' });
    const byName = new Map(configs.map((entry) => [entry.name, entry]));

    expect(configs.map((entry) => entry.name)).toEqual([...configs.map((entry) => entry.name)].sort());
    expect(byName.get('segment.bytes')).toMatchObject({ value: '1048576', overridden: true, source: 'DYNAMIC_TOPIC_CONFIG', defaultValue: '1073741824', defaultSource: 'DEFAULT_CONFIG', type: 'INT' });
    expect(byName.get('retention.ms')).toMatchObject({ value: '86400000', overridden: false, source: 'STATIC_BROKER_CONFIG', defaultValue: '86400000', defaultSource: 'STATIC_BROKER_CONFIG' });
    expect(byName.get('cleanup.policy')).toMatchObject({ value: 'delete', overridden: false, allowedValues: ['compact', 'delete'], type: 'LIST' });
    expect(byName.get('message.timestamp.type')?.allowedValues).toEqual(['CreateTime', 'LogAppendTime']);
    expect(byName.get('retention.ms')?.range).toEqual({ min: '-1', max: '9223372036854775807' });
    expect(byName.get('dlq.topic')).toMatchObject({ value: 'orders.dlq', defaultValue: 'orders.dlq' });
  });

  it('sets and resets a config, refuses a bad value with the broker’s message, and changes nothing then', async () => {
    const { call, value, logs } = await startedHost();
    await value('topics.create', { name: 'orders' });

    const set = await value('topics.alterConfigs', { name: 'orders', operations: [{ op: 'SET', name: 'retention.ms', value: '60000' }] });
    const bad = await call('topics.alterConfigs', {
      name: 'orders',
      operations: [
        { op: 'SET', name: 'segment.bytes', value: '2097152' },
        { op: 'SET', name: 'retention.ms', value: '-7' },
      ],
    });
    const afterBad = logs().describeTopic('orders').configs;
    const reset = await value('topics.alterConfigs', { name: 'orders', operations: [{ op: 'DELETE', name: 'retention.ms' }] });

    expect(set.configs.find((entry) => entry.name === 'retention.ms')).toMatchObject({ value: '60000', overridden: true, defaultValue: '604800000' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_CONFIG' } });
    expect(!bad.ok && bad.error.message).toMatch(/invalid value "-7" for topic config retention.ms: expected an integer from -1/);
    expect(afterBad).toEqual({ 'retention.ms': '60000' });
    expect(reset.configs.find((entry) => entry.name === 'retention.ms')).toMatchObject({ value: '604800000', overridden: false });
    expect(logs().describeConfigs('orders').find((entry) => entry.name === 'retention.ms')?.source).toBe('DEFAULT_CONFIG');
  });

  it('adds partitions, only upwards', async () => {
    const { call, value, logs } = await startedHost();
    await value('topics.create', { name: 'orders', partitions: 2 });

    const grown = await value('topics.createPartitions', { name: 'orders', totalCount: 5 });
    const shrink = await call('topics.createPartitions', { name: 'orders', totalCount: 3 });

    expect(grown).toMatchObject({ name: 'orders', partitions: 5 });
    expect(logs().describeTopic('orders').partitions).toBe(5);
    expect(shrink).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_PARTITIONS' } });
    expect(!shrink.ok && shrink.error.message).toContain('the new count must be larger');
  });

  it('deletes records up to an offset per partition, or everything with -1, clamping on request, checking every target first', async () => {
    const { call, value, logs } = await startedHost();
    await value('topics.create', { name: 'orders', partitions: 2 });
    await logs().append('orders', 0, batch(10), { acks: 1 });
    await logs().append('orders', 1, batch(4), { acks: 1 });

    const tooFar = await call('topics.deleteRecords', { name: 'orders', partitions: [{ partition: 0, offset: 3 }, { partition: 1, offset: 9 }] });
    const untouched = logs().partitionStats('orders', 0).logStartOffset;
    const purged = await value('topics.deleteRecords', { name: 'orders', partitions: [{ partition: 0, offset: 6 }, { partition: 1, offset: -1 }] });
    const clamped = await value('topics.deleteRecords', { name: 'orders', partitions: [{ partition: 0, offset: 8 }, { partition: 1, offset: 8 }], clampToHighWatermark: true });
    const twice = await call('topics.deleteRecords', { name: 'orders', partitions: [{ partition: 0, offset: 7 }, { partition: 0, offset: 8 }] });
    const page = await value('topics.listPartitions', { name: 'orders', offset: 0, limit: 10 });

    expect(tooFar).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'OFFSET_OUT_OF_RANGE', message: 'cannot delete records of orders-1 up to offset 9: its high watermark is 4' } });
    expect(untouched).toBe(0);
    expect(purged).toEqual({ topic: 'orders', partitions: [{ partition: 0, logStartOffset: 6 }, { partition: 1, logStartOffset: 4 }] });
    expect(clamped.partitions).toEqual([{ partition: 0, logStartOffset: 8 }, { partition: 1, logStartOffset: 4 }]);
    expect(twice).toMatchObject({ ok: false, error: { reason: 'INVALID_REQUEST' } });
    expect(page.partitions.map((p) => [p.logStartOffset, p.highWatermark, p.records])).toEqual([
      [8, 10, 2],
      [4, 4, 0],
    ]);
    expect(page.topic.records).toBe(2);
  });

  it('deletes a topic, and refuses to delete one that does not exist', async () => {
    const { call, value, logs } = await startedHost();
    await value('topics.create', { name: 'orders' });

    const deleted = await value('topics.delete', { name: 'orders' });
    const again = await call('topics.delete', { name: 'orders' });

    expect(deleted).toEqual({ name: 'orders' });
    expect(logs().hasTopic('orders')).toBe(false);
    expect(again).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC_OR_PARTITION', message: 'topic "orders" does not exist' } });
  });

  it('pushes the list and what changed when the broker starts and on every kind of change', async () => {
    const { events, value, logs } = await startedHost();
    // A push reads the list after the change, so it lands a moment after the call returns.
    const pushed = (what: string, check: (list: TopicList | undefined, changed: TopicsChanged | undefined) => boolean) =>
      until(() => check(lists(events).at(-1), changes(events).at(-1)), what);
    const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

    await pushed('the first push', (list, changed) => same(list, { topics: [], total: 0 }) && same(changed, { topics: 'all', configs: 'all' }));

    await value('topics.create', { name: 'orders', partitions: 1 });
    await pushed('the created topic', (list, changed) => same(list?.topics.map((topic) => topic.name), ['orders']) && same(changed, { topics: ['orders'], configs: ['orders'] }));

    await logs().append('orders', 0, batch(3), { acks: 1 });
    await pushed('the append', (list, changed) => list?.topics[0].records === 3 && same(changed, { topics: ['orders'], configs: [] }));

    await value('topics.alterConfigs', { name: 'orders', operations: [{ op: 'SET', name: 'retention.ms', value: '1000' }] });
    await pushed('the config change', (list, changed) => list?.topics[0].overrides === 1 && same(changed, { topics: [], configs: ['orders'] }));

    await value('topics.deleteRecords', { name: 'orders', partitions: [{ partition: 0, offset: 2 }] });
    await pushed('the deleted records', (list) => list?.topics[0].records === 1);

    await value('topics.createPartitions', { name: 'orders', totalCount: 2 });
    await pushed('the new partition', (list) => list?.topics[0].partitions === 2);

    await value('topics.delete', { name: 'orders' });
    await pushed('the deleted topic', (list) => same(list, { topics: [], total: 0 }));
  });

  it('coalesces a flood of appends into a few pushes that end with the latest totals', async () => {
    const { events, value, logs } = await startedHost({ topicsEventIntervalMs: 200 });
    await value('topics.create', { name: 'flood', partitions: 2 });
    await until(() => lists(events).at(-1)?.total === 1, 'the created topic to be pushed');
    const before = events.length;
    const started = Date.now();

    for (let i = 0; i < 500; i++) await logs().append('flood', i % 2, batch(2), { acks: 1 });
    const elapsed = Date.now() - started;
    await until(() => lists(events).at(-1)?.topics[0].records === 1000, 'the final totals to be pushed');

    const pushes = lists(events.slice(before)).length;
    expect(pushes).toBeGreaterThan(0);
    expect(pushes).toBeLessThanOrEqual(Math.ceil(elapsed / 200) + 2);
    expect(pushes).toBeLessThan(50);
  });

  it('follows a topic a real Kafka client creates by producing to it', async () => {
    const { host, events, value } = await startedHost({ topicsEventIntervalMs: 100 });
    const kafka = new Kafka({ clientId: 'topics-service-test', brokers: [host.status().address ?? ''], logLevel: logLevel.NOTHING, retry: { retries: 5 } });
    const producer = kafka.producer({ allowAutoTopicCreation: true });
    await producer.connect();
    cleanups.push(() => producer.disconnect());

    await producer.send({ topic: 'clicks', messages: [{ value: 'a' }, { value: 'b' }, { value: 'c' }] });

    await until(() => lists(events).at(-1)?.topics.some((topic) => topic.name === 'clicks' && topic.records === 3) ?? false, 'clicks with 3 records to be pushed');
    expect((await value('topics.list', {})).topics.find((topic) => topic.name === 'clicks')).toMatchObject({ partitions: 1, records: 3 });
  });
});

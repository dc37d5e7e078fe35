/**
 * The host's `dlq.*` methods against a real broker (createHost on port 0, temp data and state
 * dirs), called through the dispatcher as the adapters call them: DLQ topics found by sweeper
 * policy, name and headers (internal ones left out); list, filters, summary and get; discard;
 * replay to the original topic and partition (with the failures of dead letters that cannot go
 * there, by reason) and to a chosen topic, headers rewritten, the ledger exact, a second replay
 * refused until confirmed; export as JSON Lines with each dead letter's provenance and state,
 * downloaded through `Host.exportFile`; policies and their refusals; `dlq.topics` pushes; the
 * sweeper's status while detached.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, readStoredRecords, type RecordHeader, type StoredRecord } from '../../../broker-core/src/index';
import { connectHeaders, springHeaders, text } from '../test/dead-letter-headers-fixture';
import { noDeadLetterFilter, type ContractEvent, type DlqJobProgress } from '../../contract';
import { createContractCaller } from '../contract-caller';
import { createHost, type HostOptions } from '../create-host';
import { temporaryExportDestinations } from '../messages/record-export';
import { murmur2Partition } from '../produce/murmur2';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function startedHost(extra: Partial<HostOptions> = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-state-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-exports-'));
  for (const dir of [dataDir, stateDir, exportDir]) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const host = createHost({ port: 0, dataDir, stateDir, exportDestinations: temporaryExportDestinations(exportDir, (id, name) => `/exports/${id}/${name}`), ...extra });
  cleanups.push(() => host.stop());
  expect((await host.start()).state).toBe('running');
  const { call, value } = createContractCaller(host.handlers);
  const logs = () => host.broker()!.logs;
  const stored = (topic: string, partition: number): StoredRecord[] => {
    const records: StoredRecord[] = [];
    for (let offset = 0; ; ) {
      const read = logs().read(topic, partition, offset, 8 << 20);
      if (read.records.length === 0) return records;
      const decoded = readStoredRecords(read.records, { fromOffset: offset });
      records.push(...decoded.records);
      offset = decoded.nextOffset;
    }
  };
  const untilEnded = async (jobId: string): Promise<DlqJobProgress> => {
    for (;;) {
      const progress = await value('dlq.jobPoll', { jobId, waitMs: 2000 });
      if (progress.state !== 'running') return progress;
    }
  };
  return { host, call, value, logs, stored, untilEnded, stateDir };
}

const b = text;

type Started = Awaited<ReturnType<typeof startedHost>>;

async function append(test: Started, topic: string, partition: number, records: Array<{ key?: string | null; value: string; headers: RecordHeader[]; timestamp?: number }>): Promise<void> {
  await test.logs().append(topic, partition, buildRecordBatch(records.map((record) => ({ key: record.key === undefined || record.key === null ? null : b(record.key), value: b(record.value), headers: record.headers, timestamp: record.timestamp ?? 1_700_000_000_000 }))), { acks: -1 });
}

/** orders (3 partitions, 10 records each) and orders-dlt holding Spring-shaped dead letters, a few that cannot be replayed to where they came from. */
async function ordersWithDlt(test: Started) {
  test.logs().createTopic('orders', { partitions: 3 });
  for (const partition of [0, 1, 2]) await append(test, 'orders', partition, Array.from({ length: 10 }, (_, i) => ({ key: `o${i}`, value: `order ${partition}/${i}`, headers: [] })));
  test.logs().createTopic('orders-dlt', { partitions: 1 });
  await append(test, 'orders-dlt', 0, [
    { key: 'k0', value: '{"order":0}', headers: [{ key: 'trace', value: b('t0') }, ...springHeaders('orders', 0, 3, 'bad price')], timestamp: 1_000 },
    { key: 'k1', value: '{"order":1}', headers: [{ key: 'trace', value: b('t1') }, ...springHeaders('orders', 1, 4, 'bad price')], timestamp: 2_000 },
    { key: 'k2', value: '{"order":2}', headers: springHeaders('orders', 2, 5, 'no customer', 1), timestamp: 3_000 },
    { key: 'k3', value: '{"order":3}', headers: springHeaders('orders', 0, 99, 'no customer'), timestamp: 4_000 },
    { key: 'k4', value: 'no provenance', headers: [{ key: 'trace', value: b('t4') }], timestamp: 5_000 },
    { key: 'k5', value: 'gone', headers: springHeaders('gone', 0, 1, 'bad price'), timestamp: 6_000 },
    { key: 'k6', value: 'partition 9', headers: springHeaders('orders', 9, 1, 'bad price'), timestamp: 7_000 },
    { key: 'k7', value: 'to discard', headers: springHeaders('orders', 1, 7, 'bad price'), timestamp: 8_000 },
  ]);
}

const decode = { key: 'string', value: 'auto' } as const;
const all = { kind: 'filter', filter: noDeadLetterFilter } as const;

describe('dlq.topics', () => {
  it('finds DLQs by sweeper policy, by name and by headers, leaves out internal and plain topics, and counts by state', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    test.logs().createTopic('connect-errors', { partitions: 1 });
    await append(test, 'connect-errors', 0, [{ value: 'x', headers: connectHeaders('events', 0, 7) }]);
    test.logs().createTopic('plain', { partitions: 1 });
    await append(test, 'plain', 0, [{ value: 'y', headers: [{ key: 'trace', value: b('t') }] }]);
    test.logs().createTopic('empty-yet', { partitions: 1 });
    test.logs().createTopic('__internal.dlq', { partitions: 1 });
    test.logs().createTopic('payments', { partitions: 1 });
    test.logs().createTopic('payments-parked', { partitions: 2 });
    await test.value('dlq.policySet', { topic: 'payments', policy: { enabled: true, group: 'billing', maxAgeMs: 60_000, dlqTopic: 'payments-parked' } });

    const { topics } = await test.value('dlq.topics', {});
    expect(topics).toEqual([
      { topic: 'connect-errors', recognizedBy: 'headers', partitions: 1, records: 1, dead: 1, replayed: 0, discarded: 0 },
      { topic: 'orders-dlt', recognizedBy: 'name', partitions: 1, records: 8, dead: 8, replayed: 0, discarded: 0 },
      { topic: 'payments-parked', recognizedBy: 'sweeper-policy', partitions: 2, records: 0, dead: 0, replayed: 0, discarded: 0 },
    ]);

    // A topic empty when first looked at is looked at again once it has records.
    await append(test, 'empty-yet', 0, [{ value: 'z', headers: connectHeaders('events', 0, 8) }]);
    await test.value('dlq.discard', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 7 }] } });
    const after = await test.value('dlq.topics', {});
    expect(after.topics.map((topic) => topic.topic)).toEqual(['connect-errors', 'empty-yet', 'orders-dlt', 'payments-parked']);
    expect(after.topics.find((topic) => topic.topic === 'orders-dlt')).toMatchObject({ records: 8, dead: 7, discarded: 1 });
  });

  it('pushes dlq.topics when dead letters arrive, at most once per interval', async () => {
    const test = await startedHost();
    const events: ContractEvent[] = [];
    cleanups.push(test.host.onEvent((event) => events.push(event)));
    test.logs().createTopic('orders.dlq', { partitions: 1 });
    const started = Date.now();
    for (let i = 0; i < 20; i++) await append(test, 'orders.dlq', 0, [{ value: `v${i}`, headers: [] }]);
    const appending = Date.now() - started;
    const pushes = () => events.filter((event): event is Extract<ContractEvent, { event: 'dlq.topics' }> => event.event === 'dlq.topics');
    const deadline = Date.now() + 5_000;
    while (pushes().at(-1)?.payload.topics[0]?.records !== 20 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(pushes().at(-1)?.payload.topics).toEqual([{ topic: 'orders.dlq', recognizedBy: 'name', partitions: 1, records: 20, dead: 20, replayed: 0, discarded: 0 }]);
    // 20 appends, but at most one push per 200 ms while they went on (and a trailing one, and the attach's).
    expect(pushes().length).toBeLessThanOrEqual(Math.ceil(appending / 200) + 2);
  });
});

describe('dlq.list, dlq.summary and dlq.get', () => {
  it('lists dead letters oldest first with what their headers say, filtered and paged, and summarizes them', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    const page = await test.value('dlq.list', { topic: 'orders-dlt', filter: noDeadLetterFilter, start: 1, limit: 2, decode });
    expect(page.total).toBe(8);
    expect(page.deadLetters).toHaveLength(2);
    expect(page.deadLetters[0]).toEqual({
      partition: 0,
      offset: 1,
      timestamp: 2_000,
      diedAt: null,
      format: 'spring',
      reason: 'bad price',
      exceptionClass: 'java.lang.IllegalStateException',
      source: { topic: 'orders', partition: 1, offset: 4 },
      group: 'order-service',
      attempts: 3,
      key: { as: 'text', text: 'k1', bytes: 2, truncated: false },
      value: { as: 'json', text: '{"order":1}', bytes: 11, truncated: false },
      state: 'dead',
      replay: null,
      discardedAt: null,
    });
    expect(page.deadLetters[1].offset).toBe(2);

    const filtered = async (filter: Partial<typeof noDeadLetterFilter>) => (await test.value('dlq.list', { topic: 'orders-dlt', filter: { ...noDeadLetterFilter, ...filter }, start: 0, limit: 100, decode })).deadLetters.map((deadLetter) => deadLetter.offset);
    expect(await filtered({ reason: 'no customer' })).toEqual([2, 3]);
    expect(await filtered({ sourceTopic: 'gone' })).toEqual([5]);
    expect(await filtered({ from: 2_000, to: 4_000 })).toEqual([1, 2]);
    expect(await filtered({ reason: 'unknown' })).toEqual([4]);
    await test.value('dlq.discard', { topic: 'orders-dlt', selection: { kind: 'filter', filter: { ...noDeadLetterFilter, reason: 'no customer' } } });
    expect(await filtered({ state: 'discarded' })).toEqual([2, 3]);
    expect(await filtered({ state: 'dead', reason: 'no customer' })).toEqual([]);

    expect(await test.value('dlq.summary', { topic: 'orders-dlt' })).toEqual({
      topic: 'orders-dlt',
      total: 8,
      byReason: [
        { name: 'bad price', count: 5 },
        { name: 'no customer', count: 2 },
        { name: 'unknown', count: 1 },
      ],
      bySource: [
        { name: 'orders', count: 6 },
        { name: 'gone', count: 1 },
        { name: 'unknown', count: 1 },
      ],
      byFormat: [
        { name: 'spring', count: 7 },
        { name: 'unknown', count: 1 },
      ],
      dead: 6,
      replayed: 0,
      discarded: 2,
    });
    expect(await test.call('dlq.list', { topic: 'nope', filter: noDeadLetterFilter, start: 0, limit: 10, decode })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC' } });
  });

  it('gets one dead letter whole, with whether its original is still in its source topic', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    const got = await test.value('dlq.get', { topic: 'orders-dlt', partition: 0, offset: 0, decode });
    expect(got.originalRetained).toBe(true);
    expect(got.deadLetter).toMatchObject({ offset: 0, format: 'spring', source: { topic: 'orders', partition: 0, offset: 3 }, value: { as: 'json', text: '{\n  "order": 0\n}' } });
    expect(got.record?.headers.map((header) => header.key)).toEqual(['trace', ...springHeaders('orders', 0, 3, '').map((header) => header.key)]);
    expect(got.record?.value.text).toBe('{\n  "order": 0\n}');

    test.logs().deleteRecords('orders', 0, 4);
    expect((await test.value('dlq.get', { topic: 'orders-dlt', partition: 0, offset: 0, decode })).originalRetained).toBe(false);
    expect((await test.value('dlq.get', { topic: 'orders-dlt', partition: 0, offset: 3, decode })).originalRetained).toBe(false); // offset 99 was never there
    expect((await test.value('dlq.get', { topic: 'orders-dlt', partition: 0, offset: 5, decode })).originalRetained).toBe(false); // topic "gone"
    expect(await test.value('dlq.get', { topic: 'orders-dlt', partition: 0, offset: 50, decode })).toEqual({ deadLetter: null, record: null, originalRetained: false });
  });
});

describe('dlq.replayStart', () => {
  it('replays to the original topic and partition, keeping key, value, timestamp and headers, dropping provenance; failures by reason; the ledger exact', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    expect(await test.value('dlq.discard', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 7 }] } })).toEqual({ discarded: 1 });
    expect(await test.value('dlq.discard', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 7 }] } })).toEqual({ discarded: 0 });

    const started = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: all, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(started).toMatchObject({ selected: 8, alreadyReplayed: 0 });
    const progress = await test.untilEnded(started.jobId!);
    expect(progress).toMatchObject({ kind: 'replay', state: 'done', total: 7, done: 4, failed: 3, error: null, exportId: null });
    expect(progress.failures).toEqual([
      { name: 'no source topic in its headers', count: 1 },
      { name: 'source partition 9 of "orders" no longer exists', count: 1 },
      { name: 'source topic "gone" no longer exists', count: 1 },
    ]);

    const copies = [0, 1, 2].flatMap((partition) => test.stored('orders', partition).slice(10).map((record) => ({ partition, record })));
    expect(copies.map(({ partition, record }) => [partition, record.key?.toString(), record.timestamp])).toEqual([
      [0, 'k0', 1_000],
      [0, 'k3', 4_000],
      [1, 'k1', 2_000],
      [2, 'k2', 3_000],
    ]);
    const first = copies[0].record;
    expect(first.value?.toString()).toBe('{"order":0}');
    expect(first.headers.map((header) => [header.key, header.value?.toString()])).toEqual([
      ['trace', 't0'],
      ['__dlq.replay.of', 'orders-dlt/0/0'],
    ]);

    // The ledger says where each went, exactly.
    const replayed = await test.value('dlq.list', { topic: 'orders-dlt', filter: { ...noDeadLetterFilter, state: 'replayed' }, start: 0, limit: 100, decode });
    expect(replayed.deadLetters.map((deadLetter) => [deadLetter.offset, deadLetter.replay?.topic, deadLetter.replay?.partition, deadLetter.replay?.offset])).toEqual([
      [0, 'orders', 0, 10],
      [1, 'orders', 1, 10],
      [2, 'orders', 2, 10],
      [3, 'orders', 0, 11],
    ]);
    for (const deadLetter of replayed.deadLetters) {
      const copy = test.stored('orders', deadLetter.replay!.partition)[deadLetter.replay!.offset!];
      expect(copy.headers.find((header) => header.key === '__dlq.replay.of')?.value?.toString()).toBe(`orders-dlt/0/${deadLetter.offset}`);
    }

    // A second replay of the same selection asks first.
    expect(await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: all, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false })).toEqual({ jobId: null, selected: 8, alreadyReplayed: 4 });
    expect(test.stored('orders', 0)).toHaveLength(12);

    // Discarded ones only with includeDiscarded.
    const skip = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 7 }] }, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(await test.untilEnded(skip.jobId!)).toMatchObject({ state: 'done', total: 0, done: 0 });
    const include = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 7 }] }, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: true });
    expect(await test.untilEnded(include.jobId!)).toMatchObject({ state: 'done', total: 1, done: 1 });
    expect(test.stored('orders', 1).at(-1)?.key?.toString()).toBe('k7');
    expect((await test.value('dlq.topics', {})).topics.find((topic) => topic.topic === 'orders-dlt')).toMatchObject({ records: 8, dead: 3, replayed: 5, discarded: 0 });
  });

  it('replays to a chosen topic by key hash when confirmed, and refuses a target that does not exist or is the DLQ itself', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    test.logs().createTopic('retry', { partitions: 4 });
    const once = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 4 }] }, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(await test.untilEnded(once.jobId!)).toMatchObject({ state: 'done', done: 1 });
    const again = { topic: 'orders-dlt', selection: { kind: 'records' as const, records: [{ partition: 0, offset: 4 }, { partition: 0, offset: 4 }, { partition: 0, offset: 5 }] }, target: { kind: 'topic' as const, topic: 'retry' }, ratePerSecond: null, includeDiscarded: false };
    expect(await test.value('dlq.replayStart', { ...again, replayAgain: false })).toEqual({ jobId: null, selected: 2, alreadyReplayed: 1 });
    const confirmed = await test.value('dlq.replayStart', { ...again, replayAgain: true });
    expect(await test.untilEnded(confirmed.jobId!)).toMatchObject({ state: 'done', total: 2, done: 2 });

    const k4 = murmur2Partition(b('k4'), 4);
    const k5 = murmur2Partition(b('k5'), 4);
    const inRetry = [0, 1, 2, 3].flatMap((partition) => test.stored('retry', partition).map((record) => [partition, record.key?.toString()]));
    expect(inRetry.sort()).toEqual([[k4, 'k4'], [k4, 'k4'], [k5, 'k5']].sort());

    expect(await test.call('dlq.replayStart', { ...again, target: { kind: 'topic', topic: 'nowhere' }, replayAgain: true })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC' } });
    expect(await test.call('dlq.replayStart', { ...again, target: { kind: 'topic', topic: 'orders-dlt' }, replayAgain: true })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_VALUE' } });
    expect(await test.call('dlq.replayStart', { ...again, selection: { kind: 'records', records: [{ partition: 3, offset: 0 }] }, replayAgain: true })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_PARTITION' } });
    expect(await test.call('dlq.jobPoll', { jobId: 'nope', waitMs: 0 })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_JOB' } });
  });
});

describe('replays running at once, and the broker stopping', () => {
  it('never sends a dead letter another running replay is sending; a stop cancels a replay with its ledger exact', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    test.logs().createTopic('retry', { partitions: 1 });
    const first = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: all, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: 10, replayAgain: false, includeDiscarded: false });
    expect(first).toMatchObject({ selected: 8, alreadyReplayed: 0 });
    // While it runs, its dead letters count as replayed: refused unless confirmed, and never sent by a second job.
    expect(await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: all, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false })).toEqual({ jobId: null, selected: 8, alreadyReplayed: 8 });
    const second = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: all, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: null, replayAgain: true, includeDiscarded: false });
    expect(await test.untilEnded(second.jobId!)).toMatchObject({ state: 'done', total: 0, done: 0 });

    while ((await test.value('dlq.jobPoll', { jobId: first.jobId!, waitMs: 0 })).done < 2) await new Promise((resolve) => setTimeout(resolve, 10));
    await test.host.stop();
    const stopped = await test.value('dlq.jobPoll', { jobId: first.jobId!, waitMs: 0 });
    expect(stopped.state).toBe('cancelled');
    expect(stopped.done).toBeLessThan(8);
    const marks = readFileSync(join(test.stateDir, 'dlq-ledger', 'orders-dlt.jsonl'), 'utf8').trim().split('\n').slice(1);
    expect(marks).toHaveLength(stopped.done);
  });
});

describe('dlq.exportStart', () => {
  it('writes the selection as JSON Lines with each dead letter’s provenance and state, downloadable by its export id', async () => {
    const test = await startedHost();
    await ordersWithDlt(test);
    await test.value('dlq.discard', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 4 }] } });
    const { jobId } = await test.value('dlq.exportStart', { topic: 'orders-dlt', selection: { kind: 'filter', filter: { ...noDeadLetterFilter, sourceTopic: 'orders' } } });
    const progress = await test.untilEnded(jobId);
    expect(progress).toMatchObject({ kind: 'export', state: 'done', total: 6, done: 6, failed: 0, exportId: jobId });
    const file = test.host.exportFile(jobId);
    expect(file?.name).toBe('orders-dlt.dead-letters.jsonl');
    const lines = readFileSync(file!.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines.map((line) => line.offset)).toEqual([0, 1, 2, 3, 6, 7]);
    expect(lines[0]).toMatchObject({
      partition: 0,
      offset: 0,
      timestamp: 1_000,
      key: 'k0',
      value: { order: 0 },
      headers: expect.arrayContaining([{ key: 'trace', value: 't0' }]),
      deadLetter: { format: 'spring', reason: 'bad price', source: { topic: 'orders', partition: 0, offset: 3 }, group: 'order-service', attempts: 3, state: 'dead' },
    });

    const discardedOnly = await test.value('dlq.exportStart', { topic: 'orders-dlt', selection: { kind: 'filter', filter: { ...noDeadLetterFilter, state: 'discarded' } } });
    await test.untilEnded(discardedOnly.jobId);
    const discarded = JSON.parse(readFileSync(test.host.exportFile(discardedOnly.jobId)!.path, 'utf8')) as { deadLetter: { state: string; discardedAt: number } };
    expect(discarded.deadLetter).toMatchObject({ state: 'discarded', format: 'unknown' });
    expect(discarded.deadLetter.discardedAt).toBeGreaterThan(0);
    expect(test.host.exportFile('unknown-id')).toBeNull();
  });
});

describe('dlq.policyGet and dlq.policySet', () => {
  it('reads and writes a topic’s dlq.* configs, refusing what cannot be', async () => {
    const test = await startedHost();
    test.logs().createTopic('payments', { partitions: 1 });
    expect(await test.value('dlq.policyGet', { topic: 'payments' })).toEqual({ enabled: false, group: '', maxAgeMs: 86_400_000, dlqTopic: '' });
    expect(await test.value('dlq.policySet', { topic: 'payments', policy: { enabled: true, group: 'billing', maxAgeMs: 5_000, dlqTopic: 'payments.parked' } })).toEqual({ enabled: true, group: 'billing', maxAgeMs: 5_000, dlqTopic: 'payments.parked' });
    expect(test.logs().describeTopic('payments').configs).toMatchObject({ 'dlq.enable': 'true', 'dlq.group': 'billing', 'dlq.max.age.ms': '5000', 'dlq.topic': 'payments.parked' });
    expect(await test.value('dlq.policySet', { topic: 'payments', policy: { enabled: false, group: 'billing', maxAgeMs: 5_000, dlqTopic: '' } })).toEqual({ enabled: false, group: 'billing', maxAgeMs: 5_000, dlqTopic: '' });
    expect(test.logs().describeTopic('payments').configs['dlq.topic']).toBeUndefined();

    const refused = async (topic: string, policy: { enabled: boolean; group: string; maxAgeMs: number; dlqTopic: string }) => {
      const result = await test.call('dlq.policySet', { topic, policy });
      return result.ok ? null : [result.error.code, result.error.reason];
    };
    expect(await refused('nope', { enabled: false, group: '', maxAgeMs: 1, dlqTopic: '' })).toEqual(['REFUSED', 'UNKNOWN_TOPIC']);
    expect(await refused('payments', { enabled: true, group: ' ', maxAgeMs: 1, dlqTopic: '' })).toEqual(['REFUSED', 'INVALID_VALUE']);
    expect(await refused('payments', { enabled: true, group: 'g', maxAgeMs: 1, dlqTopic: 'payments' })).toEqual(['REFUSED', 'INVALID_VALUE']);
    expect(await refused('payments', { enabled: true, group: 'g', maxAgeMs: 1, dlqTopic: 'bad name' })).toEqual(['REFUSED', 'INVALID_VALUE']);
    expect(await refused('payments', { enabled: true, group: 'g', maxAgeMs: 0, dlqTopic: '' })).toEqual(['INVALID_PAYLOAD', undefined]);
    // Called directly, past the schema, the host still refuses it in words.
    await expect(test.host.handlers['dlq.policySet']({ topic: 'payments', policy: { enabled: true, group: 'g', maxAgeMs: 0, dlqTopic: '' } })).rejects.toMatchObject({ reason: 'INVALID_VALUE', message: expect.stringContaining('at least 1') });
    expect(await test.call('dlq.policyGet', { topic: 'nope' })).toMatchObject({ ok: false, error: { reason: 'UNKNOWN_TOPIC', message: 'topic "nope" does not exist' } });
  });
});

describe('the sweeper and the lifecycle', () => {
  it('shows the broker’s sweeper, sweeps now, and lists what it moved as sweeper dead letters that replay home', async () => {
    let now = 1_800_000_000_000;
    const test = await startedHost({ deadLetterClock: () => now, config: { 'dlq.sweep.interval.ms': '3600000' } });
    test.logs().createTopic('payments', { partitions: 2 });
    await test.value('dlq.policySet', { topic: 'payments', policy: { enabled: true, group: 'billing', maxAgeMs: 60_000, dlqTopic: '' } });
    for (const partition of [0, 1]) await append(test, 'payments', partition, Array.from({ length: 3 }, (_, i) => ({ key: `p${partition}-${i}`, value: `pay ${i}`, headers: [{ key: 'trace', value: b(`t${i}`) }] })));
    const status = await test.value('dlq.sweeperStatus', {});
    expect(status).toMatchObject({ available: true, totalMoved: 0, topics: [{ topic: 'payments', group: 'billing', maxAgeMs: 60_000, dlqTopic: 'payments.dlq', moved: 0, problem: null }] });

    now = Date.now() + 3_600_000;
    const swept = await test.value('dlq.sweepNow', {});
    expect(swept).toMatchObject({ available: true, lastSweepMoved: 6, totalMoved: 6, topics: [{ topic: 'payments', moved: 6 }] });
    expect((await test.value('dlq.topics', {})).topics).toEqual([{ topic: 'payments.dlq', recognizedBy: 'sweeper-policy', partitions: 2, records: 6, dead: 6, replayed: 0, discarded: 0 }]);
    const listed = await test.value('dlq.list', { topic: 'payments.dlq', filter: noDeadLetterFilter, start: 0, limit: 10, decode });
    expect(listed.total).toBe(6);
    expect(listed.deadLetters[0]).toMatchObject({ format: 'sweeper', group: 'billing', diedAt: now, reason: expect.stringContaining('billing'), source: { topic: 'payments' } });
    expect(new Set(listed.deadLetters.map((deadLetter) => `${deadLetter.source?.partition}/${deadLetter.source?.offset}`)).size).toBe(6);

    const replay = await test.value('dlq.replayStart', { topic: 'payments.dlq', selection: all, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(await test.untilEnded(replay.jobId!)).toMatchObject({ state: 'done', done: 6, failed: 0 });
    for (const partition of [0, 1]) {
      const home = test.stored('payments', partition);
      expect(home.slice(3).map((record) => record.key?.toString())).toEqual(['p' + partition + '-0', 'p' + partition + '-1', 'p' + partition + '-2']);
      expect(home[3].headers.map((header) => header.key)).toEqual(['trace', '__dlq.replay.of']);
    }
  });

  it('answers the sweeper as unavailable and refuses the rest while the broker is stopped', async () => {
    const test = await startedHost();
    await test.host.stop();
    expect(await test.value('dlq.sweeperStatus', {})).toEqual({ available: false, intervalMs: 0, lastSweepAt: null, nextSweepAt: null, lastSweepMoved: 0, totalMoved: 0, lastError: null, topics: [] });
    expect((await test.value('dlq.sweepNow', {})).available).toBe(false);
    expect(await test.call('dlq.topics', {})).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'BROKER_NOT_RUNNING' } });
    expect(await test.call('dlq.policyGet', { topic: 'x' })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'BROKER_NOT_RUNNING' } });
  });
});

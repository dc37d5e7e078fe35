/**
 * Dead letters on a remote cluster, through the host as the UI calls it: a second broker (its own
 * broker-core instance, reached over TCP by the Kafka client like any Kafka cluster) is opened as
 * a connection, so the dead-letter service runs on a cluster without `local` and without `watch`.
 * Its Spring-style DLQ (by name) and KIP-1191 DLQ (by headers) are found and listed; a replay goes
 * through the remote sink home to the source topic, the ledger kept apart from the local broker's;
 * discard and export work; a new dead letter is seen by polling; the sweeper and its policy say
 * they are the embedded broker's only. Back on the local broker, only its own DLQs show. And the
 * service alone, attached to `connectRemoteCluster(…)`: a poll that finds nothing new pushes nothing.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, readStoredRecords, type RecordHeader, type StoredRecord } from '../../../broker-core/src/index';
import { kip1191Headers, springHeaders, text } from './dead-letter-headers-fixture';
import { startTempBroker } from '../../../broker-core/test/support/temp-broker';
import { EMBEDDED_CLUSTER_ID, noDeadLetterFilter, type ContractEvent, type DlqJobProgress } from '../../contract';
import { connectRemoteCluster } from '../cluster/remote/remote-cluster';
import { createContractCaller } from '../contract-caller';
import { createHost } from '../create-host';
import { createDlqService } from '../dlq/dlq-service';
import { temporaryExportDestinations } from '../messages/record-export';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const b = text;

const decode = { key: 'string', value: 'auto' } as const;
const all = { kind: 'filter', filter: noDeadLetterFilter } as const;

async function setUp() {
  const remote = await startTempBroker();
  cleanups.push(() => remote.stop());
  const logs = remote.broker.logs;
  const append = async (topic: string, partition: number, records: Array<{ key: string; value: string; headers: RecordHeader[]; timestamp?: number }>) => {
    await logs.append(topic, partition, buildRecordBatch(records.map((record) => ({ key: b(record.key), value: b(record.value), headers: record.headers, timestamp: record.timestamp ?? 1_700_000_000_000 }))), { acks: -1 });
  };
  const stored = (topic: string, partition: number): StoredRecord[] => readStoredRecords(logs.read(topic, partition, 0, 8 << 20).records).records;

  logs.createTopic('orders', { partitions: 2 });
  for (const partition of [0, 1]) await append('orders', partition, Array.from({ length: 5 }, (_, i) => ({ key: `o${i}`, value: `order ${partition}/${i}`, headers: [] })));
  logs.createTopic('orders-dlt', { partitions: 1 });
  await append('orders-dlt', 0, [
    { key: 'k0', value: '{"order":0}', headers: [{ key: 'trace', value: b('t0') }, ...springHeaders('orders', 0, 1, 'bad price')], timestamp: 1_000 },
    { key: 'k1', value: '{"order":1}', headers: springHeaders('orders', 1, 2, 'bad price'), timestamp: 2_000 },
    { key: 'k2', value: '{"order":2}', headers: springHeaders('orders', 1, 3, 'no customer'), timestamp: 3_000 },
  ]);
  logs.createTopic('payments', { partitions: 1 });
  logs.createTopic('parked', { partitions: 1 });
  await append('parked', 0, [{ key: 'p0', value: 'payment 0', headers: kip1191Headers('payments', 0, 7, 'card declined'), timestamp: 4_000 }]);
  logs.createTopic('plain', { partitions: 1 });
  await append('plain', 0, [{ key: 'x', value: 'y', headers: [{ key: 'trace', value: b('t') }] }]);

  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-remote-'));
  const stateDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-remote-state-'));
  const exportDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-remote-exports-'));
  const userDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-remote-user-'));
  for (const dir of [dataDir, stateDir, exportDir, userDir]) cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const host = createHost({ port: 0, dataDir, stateDir, connectionsDir: userDir, exportDestinations: temporaryExportDestinations(exportDir, (id, name) => `/exports/${id}/${name}`) });
  cleanups.push(() => host.stop());
  expect((await host.start()).state).toBe('running');
  const events: ContractEvent[] = [];
  cleanups.push(host.onEvent((event) => events.push(event)));
  const { call, value } = createContractCaller(host.handlers);
  const untilEnded = async (jobId: string): Promise<DlqJobProgress> => {
    for (;;) {
      const progress = await value('dlq.jobPoll', { jobId, waitMs: 2000 });
      if (progress.state !== 'running') return progress;
    }
  };
  return { remote, append, stored, host, events, call, value, untilEnded, stateDir };
}

describe('dead letters on a remote cluster', () => {
  it('finds, lists, replays through the remote sink, discards and exports; the sweeper is the local broker’s only', async () => {
    const test = await setUp();
    // A DLQ of the local broker's, which must not show while the remote cluster is open.
    test.host.broker()!.logs.createTopic('local.dlq', { partitions: 1 });

    const saved = await test.value('clusters.save', {
      id: null,
      connection: { name: 'Staging', colour: '#10b981', bootstrapServers: [test.remote.bootstrap], clientId: 'dlq-test', securityProtocol: 'PLAINTEXT', sasl: null, tls: { ca: null, cert: null, key: null, skipVerify: false }, readOnly: false },
    });
    expect(await test.value('clusters.open', { id: saved.id })).toMatchObject({ activeId: saved.id, state: 'connected' });

    // Found by name (Spring's `-dlt`) and by headers (KIP-1191), not the plain topic nor the local broker's.
    expect((await test.value('dlq.topics', {})).topics).toEqual([
      { topic: 'orders-dlt', recognizedBy: 'name', partitions: 1, records: 3, dead: 3, replayed: 0, discarded: 0 },
      { topic: 'parked', recognizedBy: 'headers', partitions: 1, records: 1, dead: 1, replayed: 0, discarded: 0 },
    ]);
    const page = await test.value('dlq.list', { topic: 'orders-dlt', filter: noDeadLetterFilter, start: 0, limit: 10, decode });
    expect(page.total).toBe(3);
    expect(page.deadLetters.map((deadLetter) => [deadLetter.offset, deadLetter.format, deadLetter.reason, deadLetter.source])).toEqual([
      [0, 'spring', 'bad price', { topic: 'orders', partition: 0, offset: 1 }],
      [1, 'spring', 'bad price', { topic: 'orders', partition: 1, offset: 2 }],
      [2, 'spring', 'no customer', { topic: 'orders', partition: 1, offset: 3 }],
    ]);
    expect(page.deadLetters[0]).toMatchObject({ group: 'order-service', exceptionClass: 'java.lang.IllegalStateException', key: { text: 'k0' }, value: { as: 'json', text: '{"order":0}' }, state: 'dead' });
    const parked = await test.value('dlq.list', { topic: 'parked', filter: noDeadLetterFilter, start: 0, limit: 10, decode });
    expect(parked.deadLetters[0]).toMatchObject({ format: 'kip-1191', reason: 'card declined', group: 'billing', attempts: 5, source: { topic: 'payments', partition: 0, offset: 7 } });
    expect(await test.value('dlq.get', { topic: 'orders-dlt', partition: 0, offset: 1, decode })).toMatchObject({ originalRetained: true, deadLetter: { offset: 1, source: { topic: 'orders', partition: 1, offset: 2 } } });
    expect(await test.value('dlq.summary', { topic: 'orders-dlt' })).toMatchObject({ total: 3, byReason: [{ name: 'bad price', count: 2 }, { name: 'no customer', count: 1 }], dead: 3 });
    expect(await test.call('dlq.list', { topic: 'nope', filter: noDeadLetterFilter, start: 0, limit: 10, decode })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC' } });

    // A replay home goes through the remote sink: the copies land in the remote source topic.
    await test.value('dlq.discard', { topic: 'orders-dlt', selection: { kind: 'records', records: [{ partition: 0, offset: 2 }] } });
    const started = await test.value('dlq.replayStart', { topic: 'orders-dlt', selection: all, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(started).toMatchObject({ selected: 3, alreadyReplayed: 0 });
    expect(await test.untilEnded(started.jobId!)).toMatchObject({ kind: 'replay', state: 'done', total: 2, done: 2, failed: 0 });
    const home0 = test.stored('orders', 0);
    const home1 = test.stored('orders', 1);
    expect(home0).toHaveLength(6);
    expect(home1).toHaveLength(6);
    expect([home0[5], home1[5]].map((record) => [record.key?.toString(), record.value?.toString(), record.timestamp])).toEqual([
      ['k0', '{"order":0}', 1_000],
      ['k1', '{"order":1}', 2_000],
    ]);
    expect(home0[5].headers.map((header) => [header.key, header.value?.toString()])).toEqual([
      ['trace', 't0'],
      ['__dlq.replay.of', 'orders-dlt/0/0'],
    ]);
    const replayed = await test.value('dlq.list', { topic: 'orders-dlt', filter: { ...noDeadLetterFilter, state: 'replayed' }, start: 0, limit: 10, decode });
    expect(replayed.deadLetters.map((deadLetter) => [deadLetter.offset, deadLetter.replay?.topic, deadLetter.replay?.partition, deadLetter.replay?.offset])).toEqual([
      [0, 'orders', 0, 5],
      [1, 'orders', 1, 5],
    ]);
    expect((await test.value('dlq.topics', {})).topics[0]).toMatchObject({ topic: 'orders-dlt', dead: 0, replayed: 2, discarded: 1 });
    // The remote cluster's ledger is its own, by its cluster id, apart from the local broker's.
    const ledgerDir = join(test.stateDir, 'dlq-ledger', 'clusters', encodeURIComponent(test.remote.broker.clusterId));
    expect(readFileSync(join(ledgerDir, 'orders-dlt.jsonl'), 'utf8').trim().split('\n')).toHaveLength(1 + 1 + 2);
    expect(existsSync(join(test.stateDir, 'dlq-ledger', 'orders-dlt.jsonl'))).toBe(false);

    // A replay to a chosen topic, and an export.
    test.remote.broker.logs.createTopic('retry', { partitions: 1 });
    const toRetry = await test.value('dlq.replayStart', { topic: 'parked', selection: all, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(await test.untilEnded(toRetry.jobId!)).toMatchObject({ state: 'done', done: 1 });
    expect(test.stored('retry', 0).map((record) => record.key?.toString())).toEqual(['p0']);
    const exported = await test.value('dlq.exportStart', { topic: 'orders-dlt', selection: all });
    expect(await test.untilEnded(exported.jobId)).toMatchObject({ kind: 'export', state: 'done', done: 3 });
    const lines = readFileSync(test.host.exportFile(exported.jobId)!.path, 'utf8').trim().split('\n').map((line) => JSON.parse(line) as { deadLetter: { state: string } });
    expect(lines.map((line) => line.deadLetter.state)).toEqual(['replayed', 'replayed', 'discarded']);

    // No change feed: a new dead letter is pushed all the same (by the next poll at the latest).
    await test.append('parked', 0, [{ key: 'p1', value: 'payment 1', headers: kip1191Headers('payments', 0, 8, 'card declined') }]);
    const deadline = Date.now() + 15_000;
    const pushedParked = () => test.events.flatMap((event) => (event.event === 'dlq.topics' ? event.payload.topics.filter((topic) => topic.topic === 'parked') : [])).at(-1);
    while (pushedParked()?.records !== 2 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(pushedParked()).toMatchObject({ topic: 'parked', records: 2, dead: 1, replayed: 1 });

    // The sweeper and its policy are the embedded broker's.
    expect(await test.value('dlq.sweeperStatus', {})).toEqual({ available: false, intervalMs: 0, lastSweepAt: null, nextSweepAt: null, lastSweepMoved: 0, totalMoved: 0, lastError: null, topics: [] });
    expect((await test.value('dlq.sweepNow', {})).available).toBe(false);
    expect(await test.call('dlq.policyGet', { topic: 'orders' })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'NOT_SUPPORTED', message: expect.stringContaining('embedded broker') } });
    expect(await test.call('dlq.policySet', { topic: 'orders', policy: { enabled: true, group: 'g', maxAgeMs: 1000, dlqTopic: '' } })).toMatchObject({ ok: false, error: { reason: 'NOT_SUPPORTED' } });
    expect(test.remote.broker.logs.describeTopic('orders').configs['dlq.enable']).toBeUndefined();

    // Back on the local broker: its own DLQs and its sweeper.
    await test.value('clusters.open', { id: EMBEDDED_CLUSTER_ID });
    expect((await test.value('dlq.topics', {})).topics.map((topic) => topic.topic)).toEqual(['local.dlq']);
    expect((await test.value('dlq.sweeperStatus', {})).available).toBe(true);
    expect(await test.value('dlq.policyGet', { topic: 'local.dlq' })).toMatchObject({ enabled: false });
  });

  it('runs on connectRemoteCluster alone, polled, pushing only what changed', async () => {
    const test = await setUp();
    const cluster = await connectRemoteCluster({ bootstrapServers: [test.remote.bootstrap], clientId: 'dlq-test', securityProtocol: 'PLAINTEXT' });
    cleanups.push(() => cluster.close());
    expect(cluster.local).toBeUndefined();
    expect(cluster.watch).toBeUndefined();
    const stateDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-remote-service-'));
    cleanups.push(() => rmSync(stateDir, { recursive: true, force: true }));
    const service = createDlqService({ stateDir, eventIntervalMs: 0, pollIntervalMs: 50 });
    const pushes: ContractEvent[] = [];
    cleanups.push(service.onEvent((event) => pushes.push(event)));
    service.attach(cluster);
    cleanups.push(() => service.detach());

    const until = async (done: () => boolean) => {
      const deadline = Date.now() + 10_000;
      while (!done() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(done()).toBe(true);
    };
    await until(() => pushes.length >= 1);
    expect(pushes[0]).toEqual({
      event: 'dlq.topics',
      payload: {
        topics: [
          { topic: 'orders-dlt', recognizedBy: 'name', partitions: 1, records: 3, dead: 3, replayed: 0, discarded: 0 },
          { topic: 'parked', recognizedBy: 'headers', partitions: 1, records: 1, dead: 1, replayed: 0, discarded: 0 },
        ],
      },
    });
    // Polls that find the same list push nothing more.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(pushes).toHaveLength(1);

    const started = await service.handlers['dlq.replayStart']({ topic: 'parked', selection: all, target: { kind: 'topic', topic: 'orders' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    let progress = await service.handlers['dlq.jobPoll']({ jobId: started.jobId!, waitMs: 5000 });
    while (progress.state === 'running') progress = await service.handlers['dlq.jobPoll']({ jobId: started.jobId!, waitMs: 5000 });
    expect(progress).toMatchObject({ state: 'done', done: 1, failed: 0 });
    const landed = [0, 1].flatMap((partition) => test.stored('orders', partition).filter((record) => record.key?.toString() === 'p0'));
    expect(landed).toHaveLength(1);
    expect(landed[0].headers.map((header) => header.key)).toEqual(['__dlq.replay.of']);
    await until(() => pushes.some((event) => event.event === 'dlq.topics' && event.payload.topics.some((topic) => topic.topic === 'parked' && topic.replayed === 1)));

    expect((await service.handlers['dlq.sweeperStatus']({})).available).toBe(false);
    await expect(service.handlers['dlq.policyGet']({ topic: 'orders' })).rejects.toMatchObject({ reason: 'NOT_SUPPORTED' });

    await service.detach();
    await expect(service.handlers['dlq.topics']({})).rejects.toMatchObject({ reason: 'BROKER_NOT_RUNNING' });
  });
});

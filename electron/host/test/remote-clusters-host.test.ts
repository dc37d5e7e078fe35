/**
 * The console on a remote cluster, through the host as the UI calls it: a second broker (a
 * separate broker-core instance on its own port, reached over TCP by the Kafka client like any
 * Kafka cluster) is added as a connection, tested, opened, browsed (topics, groups, messages),
 * produced to, made read-only, lost and found again, and left for the local broker, whose own
 * topics come back and never mix with the remote one's.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, readStoredRecords } from '../../../broker-core/src/index';
import { startTempBroker, type TempBroker } from '../../../broker-core/test/support/temp-broker';
import type { ClusterConnectionInput, ContractEvent, ContractResult, MethodName, MethodRequest, MethodResponse } from '../../contract';
import { createDispatcher } from '../dispatcher';
import { createHost, type Host } from '../create-host';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function until<T>(read: () => Promise<T> | T, done: (value: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function startHost(healthIntervalMs?: number) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-remote-host-'));
  const host: Host = createHost({ port: 0, dataDir, stateDir: `${dataDir}-state`, connectionsDir: `${dataDir}-user`, topicsEventIntervalMs: 0, clusterHealthIntervalMs: healthIntervalMs });
  cleanups.push(() => {
    rmSync(dataDir, { recursive: true, force: true });
    for (const suffix of ['-state', '-user']) rmSync(`${dataDir}${suffix}`, { recursive: true, force: true });
  });
  cleanups.push(() => host.stop());
  const events: ContractEvent[] = [];
  host.onEvent((event) => events.push(event));
  await host.start();
  const dispatcher = createDispatcher(host.handlers);
  const call = <M extends MethodName>(method: M, request: MethodRequest<M>) => dispatcher.dispatch(method, request) as Promise<ContractResult<MethodResponse<M>>>;
  const value = async <M extends MethodName>(method: M, request: MethodRequest<M>): Promise<MethodResponse<M>> => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method} failed: ${result.error.reason ?? result.error.code}: ${result.error.message}`);
    return result.value;
  };
  return { host, call, value, events };
}

async function remoteBroker(port = 0): Promise<TempBroker> {
  const remote = await startTempBroker({ port });
  cleanups.push(() => remote.stop());
  return remote;
}

const connection = (bootstrap: string, overrides: Partial<ClusterConnectionInput> = {}): ClusterConnectionInput => ({
  name: 'Staging',
  colour: '#10b981',
  bootstrapServers: [bootstrap],
  clientId: 'eddy-console-test',
  securityProtocol: 'PLAINTEXT',
  sasl: null,
  tls: { ca: null, cert: null, key: null, skipVerify: false },
  readOnly: false,
  ...overrides,
});

describe('remote clusters through the host', () => {
  it('adds, tests and opens a connection, then browses its topics, groups and messages, and produces to it idempotently', async () => {
    const { value, events } = await startHost();
    await value('topics.create', { name: 'local-only', partitions: 1 });

    const remote = await remoteBroker();
    remote.broker.logs.createTopic('remote-orders', { partitions: 2 });
    await remote.broker.logs.append('remote-orders', 1, buildRecordBatch([1, 2, 3].map((i) => ({ key: Buffer.from(`k${i}`), value: Buffer.from(`order ${i}`) }))), { acks: -1 });
    const kafka = new Kafka({ clientId: 'remote-test', brokers: [remote.bootstrap], logLevel: logLevel.NOTHING });
    const admin = kafka.admin();
    await admin.connect();
    await admin.setOffsets({ groupId: 'billing', topic: 'remote-orders', partitions: [{ partition: 1, offset: '1' }] });
    await admin.disconnect();

    const saved = await value('clusters.save', { id: null, connection: connection(remote.bootstrap) });
    const listed = await value('clusters.list', {});
    expect(listed.connections.map((entry) => [entry.kind, entry.name])).toEqual([
      ['embedded', 'Local broker'],
      ['remote', 'Staging'],
    ]);
    expect(listed.secretStorage.kind).toBe('user-file');

    const diagnosis = await value('clusters.test', { id: saved.id, connection: connection(remote.bootstrap) });
    expect(diagnosis).toMatchObject({ ok: true });
    expect(diagnosis.steps.map((step) => [step.step, step.status])).toContainEqual(['brokers', 'ok']);

    const opened = await value('clusters.open', { id: saved.id });
    expect(opened).toMatchObject({ activeId: saved.id, state: 'connected', problem: null });
    expect(events.some((event) => event.event === 'clusters.state' && event.payload.activeId === saved.id && event.payload.state === 'connected')).toBe(true);

    const topics = await value('topics.list', {});
    expect(topics.topics.map((topic) => topic.name)).toEqual(['remote-orders']);
    expect(topics.topics[0]).toMatchObject({ partitions: 2, records: 3, bytes: null, createdAt: null, lastAppendTime: null });

    const described = await value('clusters.describe', {});
    expect(described).toMatchObject({ connectionId: saved.id, clusterId: remote.broker.clusterId, topics: 1, partitions: 2 });
    expect(described.brokers).toHaveLength(1);

    const page = await value('messages.browse', { topic: 'remote-orders', partitions: null, start: { from: 'oldest' }, limit: 10, decode: { key: 'auto', value: 'auto' } });
    expect(page.records.map((record) => [record.partition, record.offset])).toEqual([
      [1, 0],
      [1, 1],
      [1, 2],
    ]);

    const groups = await until(() => value('groups.list', {}), (list) => list.groups.length > 0, 'the remote group');
    expect(groups.groups.map((group) => group.groupId)).toEqual(['billing']);
    const detail = await value('groups.describe', { groupId: 'billing' });
    expect(detail.partitions).toContainEqual(expect.objectContaining({ topic: 'remote-orders', partition: 1, committedOffset: 1, lag: 2 }));

    const sent = await value('produce.send', {
      topic: 'remote-orders',
      records: [{ key: { text: 'k9', encoding: 'text' }, value: { text: 'from the console', encoding: 'text' }, headers: [], partition: 0 }],
      settings: { partitioner: 'explicit', compression: 'none', acks: -1 },
    });
    expect(sent.outcomes).toEqual([{ partition: 0, offset: 0, error: null }]);
    const stored = readStoredRecords(remote.broker.logs.read('remote-orders', 0, 0, 1 << 20).records).records;
    expect(stored.map((record) => record.value?.toString())).toEqual(['from the console']);
    expect(stored[0]!.producerId).toBeGreaterThanOrEqual(0);

    // Back to the local broker: its topics, not the remote's.
    await value('clusters.open', { id: 'embedded' });
    await until(() => value('topics.list', {}), (list) => list.topics.length === 1 && list.topics[0]!.name === 'local-only', "the local broker's topics");
    // Browsing left no trace on the remote cluster: only the group the test made.
    expect(remote.broker.groups.listGroupOverviews().map((group) => group.groupId)).toEqual(['billing']);
  });

  it('enforces read-only in the host: every mutating method is refused and nothing changes', async () => {
    const { value, call } = await startHost();
    const remote = await remoteBroker();
    remote.broker.logs.createTopic('guarded', { partitions: 1 });
    await remote.broker.logs.append('guarded', 0, buildRecordBatch([{ value: Buffer.from('keep me') }]), { acks: -1 });
    const saved = await value('clusters.save', { id: null, connection: connection(remote.bootstrap, { name: 'Prod', readOnly: true }) });
    await value('clusters.open', { id: saved.id });

    const refusals = await Promise.all([
      call('topics.create', { name: 'new-topic', partitions: 1 }),
      call('topics.delete', { name: 'guarded' }),
      call('topics.createPartitions', { name: 'guarded', totalCount: 3 }),
      call('topics.alterConfigs', { name: 'guarded', operations: [{ op: 'SET', name: 'retention.ms', value: '1000' }] }),
      call('topics.deleteRecords', { name: 'guarded', partitions: [{ partition: 0, offset: -1 }] }),
      call('produce.send', { topic: 'guarded', records: [{ key: null, value: { text: 'x', encoding: 'text' }, headers: [] }], settings: { partitioner: 'murmur2', compression: 'none', acks: -1 } }),
    ]);
    for (const refusal of refusals) {
      if (refusal.ok) {
        // produce.send answers per record: the record's error carries the refusal.
        expect(JSON.stringify(refusal.value)).toMatch(/read-only connection/);
      } else {
        expect(refusal.error).toMatchObject({ code: 'REFUSED', reason: 'READ_ONLY' });
        expect(refusal.error.message).toContain('"Prod" is a read-only connection');
      }
    }
    expect(remote.broker.logs.topics().map((topic) => topic.name)).toEqual(['guarded']);
    expect(remote.broker.logs.describeTopic('guarded').partitions).toBe(1);
    expect(remote.broker.logs.partitionStats('guarded', 0)).toMatchObject({ logStartOffset: 0, highWatermark: 1 });
    // Reading is allowed.
    expect((await value('topics.list', {})).topics.map((topic) => topic.name)).toEqual(['guarded']);
  });

  it('shows a lost connection, reconnects with backoff when the cluster is back, and fails clearly for a cluster that is not there', async () => {
    const { value, events } = await startHost(200);
    const remote = await remoteBroker();
    const port = remote.broker.port;
    remote.broker.logs.createTopic('survivor', { partitions: 1 });
    const saved = await value('clusters.save', { id: null, connection: connection(`localhost:${port}`) });
    await value('clusters.open', { id: saved.id });

    await remote.broker.stop();
    const lost = await until(
      () => events.filter((event) => event.event === 'clusters.state').at(-1)?.payload,
      (state) => state?.state === 'reconnecting',
      'the lost connection to be noticed',
    );
    expect(lost).toMatchObject({ activeId: saved.id, state: 'reconnecting', attempt: 1 });
    expect(lost!.problem).toMatch(/lost the connection/);
    expect(lost!.nextAttemptAt).toBeGreaterThan(Date.now() - 1000);
    expect((await (async () => value('topics.list', {}).then(() => 'answered', () => 'refused'))())).toBe('refused');

    const back = await startTempBroker({ port, dataDir: remote.dataDir });
    cleanups.push(() => back.stop());
    await until(
      () => events.filter((event) => event.event === 'clusters.state').at(-1)?.payload,
      (state) => state?.state === 'connected',
      'the connection to come back',
      40_000,
    );
    expect((await value('topics.list', {})).topics.map((topic) => topic.name)).toEqual(['survivor']);

    // A connection to nothing: failed at once, in words, and the local broker is one click away.
    const nowhere = await value('clusters.save', { id: null, connection: connection('localhost:1', { name: 'Nowhere' }) });
    const failed = await value('clusters.open', { id: nowhere.id });
    expect(failed).toMatchObject({ activeId: nowhere.id, state: 'failed' });
    expect(failed.problem).toMatch(/localhost:1/);
    expect(await value('clusters.open', { id: 'embedded' })).toMatchObject({ state: 'connected' });
  });

  it('opens the connection --cluster names, adding it once and updating its address', async () => {
    const { host, value } = await startHost();
    const remote = await remoteBroker();
    const first = await host.openCluster('docker', remote.bootstrap);
    expect(first.state).toBe('connected');
    const again = await host.openCluster('Docker', remote.bootstrap);
    expect(again.state).toBe('connected');
    const listed = await value('clusters.list', {});
    expect(listed.connections.filter((entry) => entry.kind === 'remote')).toEqual([expect.objectContaining({ name: 'docker', bootstrapServers: [remote.bootstrap], fromCommandLine: true, securityProtocol: 'PLAINTEXT' })]);
  });
});

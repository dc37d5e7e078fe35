/**
 * The groups service against a cluster that reports no changes and knows nothing local, as a
 * remote one: the embedded broker behind a Cluster without `watch` and `local`, whose admin also
 * leaves out what Kafka's answers do not carry (a group's generation and state-change time, a
 * commit's time). Proves the remote path's logic (polling, comparing summaries by value, lag
 * sampled by polling, nulls for what the cluster does not say) without a remote client, with a
 * real kafkajs consumer, through the dispatcher so payloads and responses are checked.
 */
import { Kafka, logLevel, type Consumer } from 'kafkajs';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch } from '../../../broker-core/src/index';
import { startTempBroker } from '../../../broker-core/test/support/temp-broker';
import type { Cluster } from '../cluster/cluster';
import type { ClusterAdmin } from '../cluster/cluster-admin';
import { embeddedCluster } from '../cluster/embedded/embedded-cluster';
import type { ContractEvent, ContractHandlers, GroupList, GroupsChanged } from '../../contract';
import { createContractCaller } from '../contract-caller';
import { createGroupsService } from './groups-service';

const cleanups: Array<() => Promise<unknown> | unknown> = [];

afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** The embedded cluster as a remote one looks to the groups service. */
function polledCluster(embedded: Cluster): Cluster {
  const admin: ClusterAdmin = {
    ...embedded.admin,
    async describeGroup(groupId) {
      const { generationId: _generation, stateChangedAt: _stateChangedAt, ...described } = await embedded.admin.describeGroup(groupId);
      return described;
    },
    async groupOffsets(groupId) {
      return (await embedded.admin.groupOffsets(groupId)).map(({ committedAt: _committedAt, ...offset }) => offset);
    },
  };
  return { ...embedded, admin, watch: undefined, local: undefined };
}

const batch = (count: number) => buildRecordBatch(Array.from({ length: count }, (_, i) => ({ key: null, value: Buffer.from(`v-${i}`) })));

async function until(condition: () => boolean | Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function joinedConsumer(bootstrap: string, groupId: string, topic: string): Promise<Consumer> {
  const kafka = new Kafka({ clientId: 'polled-consumer', brokers: [bootstrap], logLevel: logLevel.NOTHING });
  const consumer = kafka.consumer({ groupId, sessionTimeout: 10_000, heartbeatInterval: 500, maxWaitTimeInMs: 100 });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let joined!: () => void;
  const ready = new Promise<void>((resolve) => (joined = resolve));
  consumer.on(consumer.events.GROUP_JOIN, () => joined());
  await consumer.run({ autoCommit: false, eachMessage: async () => {} });
  await ready;
  return consumer;
}

const lists = (events: ContractEvent[]): GroupList[] => events.flatMap((e) => (e.event === 'groups.list' ? [e.payload] : []));
const changes = (events: ContractEvent[]): GroupsChanged[] => events.flatMap((e) => (e.event === 'groups.changed' ? [e.payload] : []));
const lagOf = (list: GroupList | undefined, groupId: string) => list?.groups.find((group) => group.groupId === groupId)?.totalLag;

describe('groups service on a polled cluster (no change feed, no local details)', () => {
  it('lists, describes, follows lag by polling, resets and deletes, with nulls for what the cluster does not say', async () => {
    const temp = await startTempBroker({ config: { 'group.initial.rebalance.delay.ms': '0' } });
    cleanups.push(() => temp.stop());
    const cluster = polledCluster(embeddedCluster(temp.broker));
    await cluster.admin.createTopic('orders', { partitions: 2 });
    await cluster.sink.append('orders', 0, batch(10), -1);
    await cluster.sink.append('orders', 1, batch(6), -1);
    const consumer = await joinedConsumer(temp.bootstrap, 'billing', 'orders');
    let connected = true;
    cleanups.push(() => (connected ? consumer.disconnect() : undefined));
    await consumer.commitOffsets([
      { topic: 'orders', partition: 0, offset: '7' },
      { topic: 'orders', partition: 1, offset: '6' },
    ]);

    const service = createGroupsService({ eventIntervalMs: 0, pollIntervalMs: 50, polledLagSampleIntervalMs: 50 });
    const events: ContractEvent[] = [];
    service.onEvent((event) => events.push(event));
    service.attach(cluster);
    cleanups.push(() => service.detach());
    const { call, value } = createContractCaller(service.handlers as unknown as ContractHandlers);

    // Attaching pushes every group at once.
    await until(() => lagOf(lists(events).at(-1), 'billing') === 3 && changes(events).at(-1)?.groups === 'all', 'the first push');

    const list = await value('groups.list', {});
    expect(list.groups).toEqual([
      { groupId: 'billing', state: 'Stable', protocolType: 'consumer', protocolName: expect.any(String), generationId: null, members: 1, topics: ['orders'], totalLag: 3 },
    ]);
    const detail = await value('groups.describe', { groupId: 'billing' });
    expect(detail.stateChangedAt).toBeNull();
    expect(detail.members).toEqual([expect.objectContaining({ clientId: 'polled-consumer', assignment: [{ topic: 'orders', partitions: [0, 1] }] })]);
    expect(detail.partitions).toEqual([
      { topic: 'orders', partition: 0, committedOffset: 7, logStartOffset: 0, highWatermark: 10, lag: 3, assignedTo: 'polled-consumer', committedAt: null },
      { topic: 'orders', partition: 1, committedOffset: 6, logStartOffset: 0, highWatermark: 6, lag: 0, assignedTo: 'polled-consumer', committedAt: null },
    ]);
    const forTopic = await value('groups.lagForTopic', { topic: 'orders' });
    expect(forTopic.groups.map((group) => [group.groupId, group.state, group.members, group.totalLag])).toEqual([['billing', 'Stable', 1, 3]]);

    // Nothing changes: polls read the same summaries and push nothing.
    const quiet = lists(events).length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(lists(events).length).toBe(quiet);

    // A write moves the lag; only a poll can find it, and it names the group.
    await cluster.sink.append('orders', 1, batch(4), -1);
    await until(() => lagOf(lists(events).at(-1), 'billing') === 7, 'a polled push with lag 7');
    expect(changes(events).at(-1)).toEqual({ groups: ['billing'] });

    // The lag is sampled by polling too, into the history a description carries.
    await until(() => events.some((event) => event.event === 'groups.lagSamples' && event.payload.groups.some((group) => group.groupId === 'billing' && group.lag === 7)), 'a lag sample of 7');
    await service.sampleLag();
    expect((await value('groups.describe', { groupId: 'billing' })).lagHistory.at(-1)).toEqual({ at: expect.any(Number), lag: 7 });

    // A reset is previewed (a time before every record: the log start), refused while the member is live.
    const preview = await value('groups.previewReset', { groupId: 'billing', topic: 'orders', target: { kind: 'timestamp', timestamp: 0 } });
    expect(preview).toMatchObject({ members: 1, state: 'Stable', reread: 13, skipped: 0 });
    expect(preview.partitions.map((row) => [row.partition, row.currentOffset, row.newOffset])).toEqual([[0, 7, 0], [1, 6, 0]]);
    expect(await call('groups.resetOffsets', { groupId: 'billing', topic: 'orders', offsets: [{ partition: 0, offset: 0 }] })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'GROUP_NOT_EMPTY' } });
    expect(await call('groups.delete', { groupId: 'billing' })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'GROUP_NOT_EMPTY' } });

    // The member leaves: a poll finds the group Empty; then the reset applies and is pushed.
    await consumer.disconnect();
    connected = false;
    await until(() => lists(events).at(-1)?.groups[0]?.state === 'Empty', 'a polled push of the Empty group');
    const later = await value('groups.previewReset', { groupId: 'billing', topic: 'orders', partitions: [0], target: { kind: 'offset', offset: 50 } });
    expect(later.partitions).toEqual([expect.objectContaining({ partition: 0, currentOffset: 7, newOffset: 10, clamped: true, skipped: 3 })]);
    await value('groups.resetOffsets', { groupId: 'billing', topic: 'orders', offsets: [{ partition: 0, offset: 2 }] });
    expect((await cluster.admin.groupOffsets('billing')).map(({ partition, offset }) => [partition, offset])).toEqual([[0, 2], [1, 6]]);
    await until(() => lagOf(lists(events).at(-1), 'billing') === 12, 'a push of the reset lag');

    // Deleted: the push drops it and names it; describing it is GROUP_NOT_FOUND.
    await value('groups.delete', { groupId: 'billing' });
    await until(() => lists(events).at(-1)?.total === 0, 'a push without the group');
    expect(changes(events).at(-1)).toEqual({ groups: ['billing'] });
    expect(await call('groups.describe', { groupId: 'billing' })).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'GROUP_NOT_FOUND' } });
  }, 30_000);

  it('maps KIP-848 and unknown group states onto the contract’s', async () => {
    const temp = await startTempBroker();
    cleanups.push(() => temp.stop());
    const embedded = embeddedCluster(temp.broker);
    await embedded.admin.createTopic('orders', { partitions: 1 });
    await embedded.admin.alterGroupOffsets('simple', [{ topic: 'orders', partition: 0, offset: 0 }]);
    const states = ['Assigning', 'Reconciling', 'Unknown', 'NotReady', 'STABLE'];
    let state = '';
    const cluster: Cluster = {
      ...polledCluster(embedded),
      admin: {
        ...embedded.admin,
        listGroups: async () => (await embedded.admin.listGroups()).map((listing) => ({ ...listing, state })),
        describeGroup: async (groupId) => ({ ...(await embedded.admin.describeGroup(groupId)), state }),
      },
    };
    const service = createGroupsService({ pollIntervalMs: 60_000 });
    service.attach(cluster);
    cleanups.push(() => service.detach());
    const { value } = createContractCaller(service.handlers as unknown as ContractHandlers);

    const shown: string[] = [];
    for (state of states) shown.push((await value('groups.list', {})).groups[0].state);
    expect(shown).toEqual(['PreparingRebalance', 'CompletingRebalance', 'Unknown', 'Unknown', 'Stable']);
  });
});

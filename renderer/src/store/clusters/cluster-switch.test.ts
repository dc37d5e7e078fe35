import { describe, expect, it } from 'vitest';
import { EMBEDDED_CLUSTER_ID, type ContractResult, type MethodName } from '../../../../electron/contract';
import { clusterList, clusterState, fakeHostApi, topicSummary } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { emptyMessagesQuery } from '../messages/messages-query';
import { startClusterSwitch } from './cluster-switch';
import { selectClusterViewText } from './selectors';

const A = EMBEDDED_CLUSTER_ID;
const B = 'staging';

/** A host with two clusters: every read answers with the open cluster's names (`<cluster>-orders`…); reads can be held. */
function twoClusterHost() {
  const api = fakeHostApi();
  const host = { open: A, held: [] as Array<() => void>, hold: false };
  const answer = (method: MethodName, cluster: string): unknown => {
    switch (method) {
      case 'topics.list':
        return { topics: [topicSummary(`${cluster}-orders`)], total: 1 };
      case 'groups.list':
        return { groups: [{ groupId: `${cluster}-billing`, state: 'Empty', protocolType: 'consumer', protocolName: null, generationId: null, members: 0, topics: [], totalLag: null }], total: 1 };
      case 'dlq.topics':
        return { topics: [{ topic: `${cluster}-orders.dlq`, recognizedBy: 'sweeper-policy', partitions: 1, records: 1, dead: 1, replayed: 0, discarded: 0 }] };
      case 'clusters.describe':
        return { connectionId: cluster, clusterId: `${cluster}-id`, controllerId: 1, brokers: [], topics: 1, partitions: 1 };
      default:
        return null;
    }
  };
  api.respond = (method) => {
    const cluster = host.open;
    const value = answer(method, cluster);
    if (value === null) return new Promise<ContractResult<unknown>>(() => {});
    const result: ContractResult<unknown> = { ok: true, value };
    if (!host.hold) return Promise.resolve(result);
    return new Promise((resolve) => host.held.push(() => resolve(result)));
  };
  return { api, host };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('cluster switch', () => {
  it('clears cluster A’s data when B opens, and brings A’s place back when A is reopened', async () => {
    const { api, host } = twoClusterHost();
    const store = createAppStore(api);
    store.getState().receiveClusterList(clusterList([B]));
    const clusterSwitch = startClusterSwitch(store);

    // On A: the topics list read, the "A-orders" topic open, the groups and dead letters read.
    await store.getState().loadTopics();
    await store.getState().loadGroups();
    await store.getState().loadDeadLetterTopics();
    store.getState().openTopic(`${A}-orders`);
    expect(store.getState().topicList.map((t) => t.name)).toEqual([`${A}-orders`]);

    // A read sent to A is still out when B opens.
    host.hold = true;
    const late = store.getState().loadTopics();
    host.open = B;
    store.getState().receiveClusterState(clusterState(B, { state: 'connecting' }));

    expect(store.getState().topicList).toEqual([]);
    expect(store.getState().groupList).toEqual([]);
    expect(store.getState().dlqTopics).toEqual([]);
    expect(store.getState().openTopicName).toBeNull();
    expect(store.getState().activeView).toBe('topics');
    expect(clusterSwitch.rememberedRoute(A)).toEqual({ view: 'topics', topic: `${A}-orders` });

    // A's late answer lands after the switch: refused, not shown under B.
    host.held.shift()!();
    await late;
    expect(store.getState().topicList.map((t) => t.name)).not.toContain(`${A}-orders`);

    // B comes up: its data is read.
    host.hold = false;
    for (const release of host.held.splice(0)) release();
    store.getState().receiveClusterState(clusterState(B));
    await flush();
    expect(store.getState().topicList.map((t) => t.name)).toEqual([`${B}-orders`]);
    expect(store.getState().groupList.map((g) => g.groupId)).toEqual([`${B}-billing`]);
    expect(store.getState().clusterOverview?.overview?.clusterId).toBe(`${B}-id`);

    // On B: Messages of B's topic.
    store.getState().showMessages(emptyMessagesQuery(`${B}-orders`));
    expect(clusterSwitch.rememberedRoute(B)).toMatchObject({ view: 'messages', query: { topic: `${B}-orders` } });

    // Back to A: A's topic page again, with A's data only.
    host.open = A;
    store.getState().receiveClusterState(clusterState(A));
    expect(store.getState().activeView).toBe('topics');
    expect(store.getState().openTopicName).toBe(`${A}-orders`);
    expect(store.getState().messagesQuery.topic).toBe(`${B}-orders`);
    expect(store.getState().topicList).toEqual([]);
    await flush();
    expect(store.getState().topicList.map((t) => t.name)).toEqual([`${A}-orders`]);
    expect(store.getState().clusterOverview).toBeNull();

    // And to B again: B's place (the messages of B's topic).
    host.open = B;
    store.getState().receiveClusterState(clusterState(B));
    expect(store.getState().activeView).toBe('messages');
    expect(store.getState().messagesQuery.topic).toBe(`${B}-orders`);
    clusterSwitch.stop();
  });

  it("keeps each cluster's filter texts: typed on A, empty on B, A's again back on A", () => {
    const { api, host } = twoClusterHost();
    const store = createAppStore(api);
    store.getState().receiveClusterList(clusterList([B]));
    const clusterSwitch = startClusterSwitch(store);
    const text = (field: string) => selectClusterViewText(field)(store.getState());

    store.getState().setClusterViewText('topics.filter', 'ord');
    store.getState().setClusterViewText('groups.filter', 'bill');
    host.open = B;
    store.getState().receiveClusterState(clusterState(B));
    expect([text('topics.filter'), text('groups.filter')]).toEqual(['', '']);
    store.getState().setClusterViewText('topics.filter', 'pay');

    host.open = A;
    store.getState().receiveClusterState(clusterState(A));
    expect([text('topics.filter'), text('groups.filter')]).toEqual(['ord', 'bill']);
    host.open = B;
    store.getState().receiveClusterState(clusterState(B));
    expect(text('topics.filter')).toBe('pay');
    clusterSwitch.stop();
  });

  it('shows a cluster never shown before on the same view with nothing open, and leaves Settings alone', () => {
    const { api, host } = twoClusterHost();
    const store = createAppStore(api);
    store.getState().receiveClusterState(clusterState(A));
    startClusterSwitch(store);

    store.getState().openGroup('billing');
    host.open = B;
    store.getState().receiveClusterState(clusterState(B));
    expect(store.getState().activeView).toBe('groups');
    expect(store.getState().openGroupId).toBeNull();

    store.getState().showView('settings');
    host.open = 'prod';
    store.getState().receiveClusterState(clusterState('prod'));
    expect(store.getState().activeView).toBe('settings');
  });

  it('reads the current cluster again when its connection comes back', async () => {
    const { api } = twoClusterHost();
    const store = createAppStore(api);
    store.getState().receiveClusterState(clusterState(A));
    startClusterSwitch(store);
    store.getState().receiveClusterState(clusterState(A, { state: 'reconnecting', nextAttemptAt: Date.now() + 1000, attempt: 1, problem: 'connection refused' }));
    api.calls.length = 0;

    store.getState().receiveClusterState(clusterState(A));

    expect(api.calls.map((call) => call.method)).toEqual(expect.arrayContaining(['topics.list', 'groups.list', 'dlq.topics']));
  });
});

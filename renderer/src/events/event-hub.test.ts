import { describe, expect, it } from 'vitest';
import { brokerStatus, fakeHostApi, topicSummary } from '../test-support/fake-host-api';
import { createAppStore } from '../store/create-app-store';
import { startEventHub } from './event-hub';

describe('startEventHub', () => {
  it('loads status and connections at once when the host is already connected', () => {
    const api = fakeHostApi();
    startEventHub(api, createAppStore(api));
    expect(api.calls.map((call) => call.method).sort()).toEqual(['broker.getStatus', 'broker.listConnections', 'clusters.list', 'dlq.topics', 'groups.list', 'settings.get', 'topics.list']);
  });

  it('feeds pushed events into the store', () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    startEventHub(api, store);

    api.emit('broker.status', brokerStatus({ connectedClients: 4 }));
    api.emit('broker.connections', []);
    api.emit('topics.list', { topics: [topicSummary('orders')], total: 1 });
    api.emit('groups.list', { groups: [{ groupId: 'billing', state: 'Empty', protocolType: 'consumer', protocolName: null, generationId: 2, members: 0, topics: ['orders'], totalLag: 4 }], total: 1 });
    api.emit('dlq.topics', { topics: [{ topic: 'orders.dlq', recognizedBy: 'sweeper-policy', partitions: 1, records: 3, dead: 3, replayed: 0, discarded: 0 }] });

    expect(store.getState().brokerStatus?.connectedClients).toBe(4);
    expect(store.getState().clientConnections).toEqual([]);
    expect(store.getState().topicList.map((topic) => topic.name)).toEqual(['orders']);
    expect(store.getState().groupList.map((group) => group.groupId)).toEqual(['billing']);
    expect(store.getState().dlqTopics.map((topic) => topic.topic)).toEqual(['orders.dlq']);
  });

  it('shows the link going down and reloads everything when it comes back', () => {
    const api = fakeHostApi({ status: 'connecting', detail: null });
    const store = createAppStore(api);
    startEventHub(api, store);
    expect(api.calls).toHaveLength(0);

    api.setLink({ status: 'disconnected', detail: 'retrying in 1 s' });
    expect(store.getState().hostLink.status).toBe('disconnected');

    api.setLink({ status: 'connected', detail: null });
    expect(store.getState().hostLink.status).toBe('connected');
    expect(api.calls.map((call) => call.method).sort()).toEqual(['broker.getStatus', 'broker.listConnections', 'clusters.list', 'dlq.topics', 'groups.list', 'settings.get', 'topics.list']);
  });

  it('re-reads the open topic when topics.changed names it, and after reconnecting', () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    startEventHub(api, store);
    store.getState().openTopic('orders');
    api.calls.length = 0;

    api.emit('topics.changed', { topics: ['payments'], configs: [] });
    expect(api.calls).toEqual([]);
    api.emit('topics.changed', { topics: ['orders'], configs: ['orders'] });
    expect(api.calls.map((call) => call.method)).toEqual(['topics.listPartitions', 'topics.describeConfigs']);

    api.calls.length = 0;
    api.setLink({ status: 'disconnected', detail: null });
    api.setLink({ status: 'connected', detail: null });
    expect(api.calls.map((call) => call.method)).toContain('topics.listPartitions');
  });

  it('unsubscribes everything when stopped', () => {
    const api = fakeHostApi();
    const stop = startEventHub(api, createAppStore(api));
    stop();
    expect(api.listenerCount()).toBe(0);
  });
});

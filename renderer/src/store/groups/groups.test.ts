import { describe, expect, it } from 'vitest';
import type { ContractResult, GroupDetail, GroupSummary, MethodName } from '../../../../electron/contract';
import { fakeHostApi } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectActiveView } from '../navigation';
import { selectGroupList, selectLagHistory, selectOpenGroupDetail, selectOpenGroupGone, selectTopicLag } from './selectors';
import { LAG_CHART_SAMPLES } from './state';

const ok = <T>(value: T): Promise<ContractResult<T>> => Promise.resolve({ ok: true, value });
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const summary = (groupId: string, overrides: Partial<GroupSummary> = {}): GroupSummary => ({
  groupId,
  state: 'Stable',
  protocolType: 'consumer',
  protocolName: 'RoundRobinAssigner',
  generationId: 1,
  members: 1,
  topics: ['orders'],
  totalLag: 3,
  ...overrides,
});

const detail = (groupId: string, lagHistory: GroupDetail['lagHistory'] = []): GroupDetail => ({
  summary: summary(groupId),
  stateChangedAt: 1_700_000_000_000,
  members: [{ memberId: 'm-1', groupInstanceId: null, clientId: 'app', clientHost: '/127.0.0.1', assignment: [{ topic: 'orders', partitions: [0] }] }],
  partitions: [{ topic: 'orders', partition: 0, committedOffset: 7, logStartOffset: 0, highWatermark: 10, lag: 3, assignedTo: 'app', committedAt: null }],
  lagHistory,
});

function groupHost() {
  const api = fakeHostApi();
  api.respond = (method: MethodName, request: unknown) => {
    if (method === 'groups.describe') return ok(detail((request as { groupId: string }).groupId, [{ at: 1000, lag: 5 }]));
    if (method === 'groups.lagForTopic') return ok({ topic: 'orders', groups: [{ groupId: 'billing', state: 'Stable', members: 1, partitions: [], totalLag: 3 }] });
    return Promise.reject(new Error(`unexpected ${method}`));
  };
  return api;
}

describe('groups slice', () => {
  it('loads the list, and a pushed list wins over a slow load', async () => {
    const api = fakeHostApi();
    let answer!: () => void;
    api.respond = () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: { groups: [summary('old')], total: 1 } })));
    const store = createAppStore(api);

    const loading = store.getState().loadGroups();
    store.getState().receiveGroupList({ groups: [summary('new')], total: 1 });
    answer();
    await loading;

    expect(selectGroupList(store.getState()).map((group) => group.groupId)).toEqual(['new']);
  });

  it('opens a group: switches view, reads it, re-reads only when a push names it, and notices when it is gone', async () => {
    const api = groupHost();
    const store = createAppStore(api);

    store.getState().openGroup('billing');
    await settled();
    expect(selectActiveView(store.getState())).toBe('groups');
    expect(selectOpenGroupDetail(store.getState())?.partitions[0].lag).toBe(3);

    store.getState().receiveGroupChanges({ groups: ['payments'] });
    store.getState().receiveGroupChanges({ groups: ['billing'] });
    await settled();
    expect(api.calls.filter((call) => call.method === 'groups.describe')).toHaveLength(2);

    store.getState().receiveGroupList({ groups: [summary('payments')], total: 1 });
    expect(selectOpenGroupGone(store.getState())).toBe(true);
  });

  it('keeps the open group’s lag history from the host, then appends pushed samples, bounded', async () => {
    const store = createAppStore(groupHost());
    store.getState().openGroup('billing');
    await settled();
    expect(selectLagHistory(store.getState())).toEqual([{ at: 1000, lag: 5 }]);

    store.getState().receiveLagSamples({ at: 2000, groups: [{ groupId: 'other', lag: 1 }, { groupId: 'billing', lag: 4 }] });
    for (let i = 0; i < LAG_CHART_SAMPLES + 50; i++) store.getState().receiveLagSamples({ at: 3000 + i * 1000, groups: [{ groupId: 'billing', lag: i }] });

    const history = selectLagHistory(store.getState());
    expect(history).toHaveLength(LAG_CHART_SAMPLES);
    expect(history.at(-1)).toEqual({ at: 3000 + (LAG_CHART_SAMPLES + 49) * 1000, lag: LAG_CHART_SAMPLES + 49 });
  });

  it('watches a topic’s consumer lag and re-reads it when groups change', async () => {
    const api = groupHost();
    const store = createAppStore(api);

    store.getState().watchTopicLag('orders');
    await settled();
    store.getState().receiveGroupChanges({ groups: ['billing'] });
    await settled();
    store.getState().watchTopicLag(null);
    store.getState().receiveGroupChanges({ groups: ['billing'] });
    await settled();

    expect(api.calls.filter((call) => call.method === 'groups.lagForTopic')).toHaveLength(2);
    expect(selectTopicLag(store.getState())).toBeNull();
  });

  it('returns the host’s refusal of a reset as it is worded, and deletes a group from the list', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    store.getState().receiveGroupList({ groups: [summary('billing'), summary('payments')], total: 2 });
    const message = 'cannot reset offsets of consumer group "billing": it has 1 active member(s) (state Stable); stop its consumers first';
    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'GROUP_NOT_EMPTY', message } });

    const refused = await store.getState().resetOffsets({ groupId: 'billing', topic: 'orders', offsets: [{ partition: 0, offset: 0 }] });
    api.respond = () => ok({ groupId: 'billing' });
    const deleted = await store.getState().deleteGroup('billing');

    expect(refused).toEqual({ ok: false, reason: 'GROUP_NOT_EMPTY', message });
    expect(deleted.ok).toBe(true);
    expect(selectGroupList(store.getState()).map((group) => group.groupId)).toEqual(['payments']);
  });
});

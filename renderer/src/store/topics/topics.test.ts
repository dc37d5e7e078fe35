import { describe, expect, it } from 'vitest';
import type { ContractResult, MethodName, PartitionSummary, TopicConfigEntry } from '../../../../electron/contract';
import { fakeHostApi, topicSummary } from '../../test-support/fake-host-api';
import { createAppStore } from '../create-app-store';
import { selectActiveView } from '../navigation';
import {
  selectOpenTopicGone,
  selectOpenTopicSummary,
  selectOverriddenConfigCount,
  selectTopicConfigs,
  selectTopicList,
  selectTopicListError,
  selectTopicPartitions,
} from './selectors';
import { PARTITIONS_PAGE_SIZE } from './state';

const ok = <T>(value: T): Promise<ContractResult<T>> => Promise.resolve({ ok: true, value });

const partition = (index: number, overrides: Partial<PartitionSummary> = {}): PartitionSummary => ({
  partition: index,
  logStartOffset: 0,
  highWatermark: 10,
  records: 10,
  bytes: 700,
  segments: 1,
  lastAppendTime: 1_700_000_000_000,
  offlineReason: null,
  ...overrides,
});

const config = (name: string, overrides: Partial<TopicConfigEntry> = {}): TopicConfigEntry => ({
  name,
  value: '604800000',
  source: 'DEFAULT_CONFIG',
  overridden: false,
  defaultValue: '604800000',
  defaultSource: 'DEFAULT_CONFIG',
  type: 'LONG',
  allowedValues: null,
  range: { min: '-1', max: '9223372036854775807' },
  documentation: '',
  enforced: true,
  readOnly: false,
  ...overrides,
});

/** A host that answers the topic page's reads for `orders`. */
function topicPageHost() {
  const api = fakeHostApi();
  api.respond = (method: MethodName) => {
    if (method === 'topics.listPartitions') return ok({ topic: topicSummary('orders', { partitions: 2, records: 20 }), offset: 0, partitions: [partition(0), partition(1)] });
    if (method === 'topics.describeConfigs') return ok({ topic: 'orders', configs: [config('retention.ms')] });
    return Promise.reject(new Error(`unexpected ${method}`));
  };
  return api;
}

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('topics slice', () => {
  it('loads the list, and says why when the host refuses', async () => {
    const api = fakeHostApi();
    api.respond = () => ok({ topics: [topicSummary('a'), topicSummary('b')], total: 2 });
    const store = createAppStore(api);

    await store.getState().loadTopics();
    expect(selectTopicList(store.getState()).map((topic) => topic.name)).toEqual(['a', 'b']);

    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'BROKER_NOT_RUNNING', message: 'the broker is not running' } });
    await store.getState().loadTopics();
    expect(selectTopicListError(store.getState())).toBe('the broker is not running');
  });

  it('does not let a slow load overwrite a newer push', async () => {
    const api = fakeHostApi();
    let answer!: () => void;
    api.respond = () => new Promise((resolve) => (answer = () => resolve({ ok: true, value: { topics: [topicSummary('old')], total: 1 } })));
    const store = createAppStore(api);

    const loading = store.getState().loadTopics();
    store.getState().receiveTopicList({ topics: [topicSummary('new')], total: 1 });
    answer();
    await loading;

    expect(selectTopicList(store.getState()).map((topic) => topic.name)).toEqual(['new']);
  });

  it('opens a topic page: switches view, reads the first page of partitions and the configs', async () => {
    const api = topicPageHost();
    const store = createAppStore(api);
    store.getState().receiveTopicList({ topics: [topicSummary('orders', { partitions: 2 })], total: 1 });

    store.getState().openTopic('orders');
    await settled();

    expect(selectActiveView(store.getState())).toBe('topics');
    expect(api.calls).toEqual([
      { method: 'topics.listPartitions', request: { name: 'orders', offset: 0, limit: PARTITIONS_PAGE_SIZE } },
      { method: 'topics.describeConfigs', request: { name: 'orders' } },
    ]);
    expect(selectTopicPartitions(store.getState())).toHaveLength(2);
    expect(selectTopicConfigs(store.getState())?.map((entry) => entry.name)).toEqual(['retention.ms']);
    expect(selectOpenTopicSummary(store.getState())?.records).toBe(20);
  });

  it('keeps the open topic’s totals current from pushes and notices when it is deleted elsewhere', async () => {
    const store = createAppStore(topicPageHost());
    store.getState().openTopic('orders');
    await settled();

    store.getState().receiveTopicList({ topics: [topicSummary('orders', { records: 99 })], total: 1 });
    expect(selectOpenTopicSummary(store.getState())?.records).toBe(99);

    store.getState().receiveTopicList({ topics: [], total: 0 });
    expect(selectOpenTopicGone(store.getState())).toBe(true);
  });

  it('re-reads only what changed for the open topic, applying only the latest read', async () => {
    const api = topicPageHost();
    const store = createAppStore(api);
    store.getState().openTopic('orders');
    await settled();
    const answers: Array<() => void> = [];
    api.respond = (method) =>
      new Promise((resolve) => {
        const records = answers.length === 0 ? 1 : 2;
        answers.push(() => resolve({ ok: true, value: { topic: topicSummary('orders'), offset: 0, partitions: [partition(0, { records })] } }));
        expect(method).toBe('topics.listPartitions');
      });

    store.getState().receiveTopicChanges({ topics: ['payments'], configs: ['payments'] });
    store.getState().receiveTopicChanges({ topics: ['orders'], configs: [] });
    store.getState().receiveTopicChanges({ topics: 'all', configs: [] });
    answers[1]();
    await settled();
    answers[0]();
    await settled();

    expect(answers).toHaveLength(2);
    expect(selectTopicPartitions(store.getState())[0].records).toBe(2);
  });

  it('returns the host’s refusal as it is when a create is refused, and lists a created topic at once, in order', async () => {
    const api = fakeHostApi();
    const store = createAppStore(api);
    store.getState().receiveTopicList({ topics: [topicSummary('a'), topicSummary('c')], total: 2 });
    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'TOPIC_ALREADY_EXISTS', message: 'topic "a" already exists' } });

    const refused = await store.getState().createTopic({ name: 'a' });
    api.respond = () => ok(topicSummary('b', { partitions: 3 }));
    const created = await store.getState().createTopic({ name: 'b', partitions: 3, configs: { 'retention.ms': '3600000' } });

    expect(refused).toEqual({ ok: false, reason: 'TOPIC_ALREADY_EXISTS', message: 'topic "a" already exists' });
    expect(created.ok).toBe(true);
    expect(api.calls.at(-1)).toEqual({ method: 'topics.create', request: { name: 'b', partitions: 3, configs: { 'retention.ms': '3600000' } } });
    expect(selectTopicList(store.getState()).map((topic) => topic.name)).toEqual(['a', 'b', 'c']);
  });

  it('drops a deleted topic from the list and marks its open page gone', async () => {
    const api = topicPageHost();
    const store = createAppStore(api);
    store.getState().receiveTopicList({ topics: [topicSummary('orders')], total: 1 });
    store.getState().openTopic('orders');
    await settled();
    api.respond = () => ok({ name: 'orders' });

    const result = await store.getState().deleteTopic('orders');

    expect(result.ok).toBe(true);
    expect(selectTopicList(store.getState())).toEqual([]);
    expect(selectOpenTopicGone(store.getState())).toBe(true);
  });

  it('applies the configs an alter returns, and leaves them as they were when it is refused', async () => {
    const api = topicPageHost();
    const store = createAppStore(api);
    store.getState().openTopic('orders');
    await settled();

    api.respond = () => ok({ topic: 'orders', configs: [config('retention.ms', { value: '60000', overridden: true, source: 'DYNAMIC_TOPIC_CONFIG' })] });
    const set = await store.getState().setTopicConfig('orders', 'retention.ms', '60000');
    api.respond = async () => ({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_CONFIG', message: 'invalid value "x" for topic config retention.ms' } });
    const bad = await store.getState().setTopicConfig('orders', 'retention.ms', 'x');
    api.respond = () => ok({ topic: 'orders', configs: [config('retention.ms')] });
    const before = selectOverriddenConfigCount(store.getState());
    await store.getState().resetTopicConfig('orders', 'retention.ms');

    expect(set.ok).toBe(true);
    expect(bad).toMatchObject({ ok: false, message: 'invalid value "x" for topic config retention.ms' });
    expect(before).toBe(1);
    expect(api.calls.slice(-3).map((call) => call.request)).toEqual([
      { name: 'orders', operations: [{ op: 'SET', name: 'retention.ms', value: '60000' }] },
      { name: 'orders', operations: [{ op: 'SET', name: 'retention.ms', value: 'x' }] },
      { name: 'orders', operations: [{ op: 'DELETE', name: 'retention.ms' }] },
    ]);
    expect(selectOverriddenConfigCount(store.getState())).toBe(0);
  });

  it('purges records with the targets given and re-reads the partitions', async () => {
    const api = topicPageHost();
    const store = createAppStore(api);
    store.getState().openTopic('orders');
    await settled();
    const respondPage = api.respond;
    api.respond = (method, request) =>
      method === 'topics.deleteRecords' ? ok({ topic: 'orders', partitions: [{ partition: 0, logStartOffset: 4 }] }) : respondPage(method, request);

    const result = await store.getState().deleteRecords('orders', [{ partition: 0, offset: 4 }]);

    expect(result).toEqual({ ok: true, value: [{ partition: 0, logStartOffset: 4 }] });
    expect(api.calls.at(-2)).toEqual({ method: 'topics.deleteRecords', request: { name: 'orders', partitions: [{ partition: 0, offset: 4 }], clampToHighWatermark: undefined } });
    expect(api.calls.at(-1)?.method).toBe('topics.listPartitions');
  });

  it('asks for the page of partitions it is told to show', async () => {
    const api = topicPageHost();
    const store = createAppStore(api);
    store.getState().openTopic('orders');
    await settled();

    await store.getState().showPartitionsPage(PARTITIONS_PAGE_SIZE);

    expect(api.calls.at(-1)).toEqual({ method: 'topics.listPartitions', request: { name: 'orders', offset: PARTITIONS_PAGE_SIZE, limit: PARTITIONS_PAGE_SIZE } });
  });
});

import { describe, expect, it } from 'vitest';
import { noDeadLetterFilter, type ContractResult, type DeadLetter, type DeadLetterSummary, type DeadLetterTopic, type DlqJobProgress, type MethodName, type SweeperStatus } from '../../../../electron/contract';
import { memorySeenDeadLetters } from '../../api/seen-dead-letters';
import { fakeHostApi, type FakeHostApi } from '../../test-support/fake-host-api';
import { field, messageRecord, ok, until } from '../../test-support/store-test-support';
import { createAppStore } from '../create-app-store';
import { keepNearest, pagesCovering } from './dead-letter-pages';
import { selectChosenCount, selectDlqTopicGone, selectNewDeadLetterCount } from './selectors';

const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

function dlqTopic(topic: string, records: number, overrides: Partial<DeadLetterTopic> = {}): DeadLetterTopic {
  return { topic, recognizedBy: 'sweeper-policy', partitions: 1, records, dead: records, replayed: 0, discarded: 0, ...overrides };
}

function deadLetter(partition: number, offset: number, overrides: Partial<DeadLetter> = {}): DeadLetter {
  return {
    partition,
    offset,
    timestamp: 1_700_000_000_000 + offset,
    diedAt: 1_700_000_100_000 + offset,
    format: 'sweeper',
    reason: 'not consumed by group billing within 1 second',
    exceptionClass: null,
    source: { topic: 'orders', partition: 0, offset },
    group: 'billing',
    attempts: null,
    key: field('text', `k-${offset}`),
    value: field('text', `v-${offset}`),
    state: 'dead',
    replay: null,
    discardedAt: null,
    ...overrides,
  };
}

function summary(topic: string, total: number): DeadLetterSummary {
  return { topic, total, byReason: [{ name: 'not consumed', count: total }], bySource: [{ name: 'orders', count: total }], byFormat: [{ name: 'sweeper', count: total }], dead: total, replayed: 0, discarded: 0 };
}

function progress(overrides: Partial<DlqJobProgress> = {}): DlqJobProgress {
  return { kind: 'replay', state: 'running', total: 3, done: 0, failed: 0, failures: [], rate: 0, elapsedMs: 1, error: null, exportId: null, ...overrides };
}

function sweeper(overrides: Partial<SweeperStatus> = {}): SweeperStatus {
  return { available: true, intervalMs: 1000, lastSweepAt: 1_700_000_000_000, nextSweepAt: 1_700_000_001_000, lastSweepMoved: 0, totalMoved: 4, lastError: null, topics: [], ...overrides };
}

/** A host whose DLQ topic `orders.dlq` holds `rows` dead letters (offsets 0…rows-1 of partition 0). */
function dlqHost(rows: number, api: FakeHostApi = fakeHostApi()) {
  const letters = Array.from({ length: rows }, (_, offset) => deadLetter(0, offset));
  api.respond = (method: MethodName, request: unknown): Promise<ContractResult<unknown>> => {
    const body = request as { topic: string; start: number; limit: number; partition: number; offset: number };
    switch (method) {
      case 'dlq.topics':
        return ok({ topics: [dlqTopic('payments.dlq', 1), dlqTopic('orders.dlq', rows)] });
      case 'dlq.summary':
        return ok(summary(body.topic, rows));
      case 'dlq.list': {
        const { start, limit } = body;
        return ok({ deadLetters: letters.slice(start, start + limit), total: rows });
      }
      case 'dlq.get': {
        const { partition, offset } = body;
        return ok({ deadLetter: deadLetter(partition, offset), record: messageRecord(partition, offset), originalRetained: true });
      }
      case 'dlq.sweeperStatus':
        return ok(sweeper());
      default:
        return Promise.reject(new Error(`unexpected ${method}`));
    }
  };
  return api;
}

const listCalls = (api: FakeHostApi) => api.calls.filter((call) => call.method === 'dlq.list').map((call) => call.request as { topic: string; start: number; limit: number; filter: unknown });

describe('dead-letters slice', () => {
  it('shows the first DLQ topic when none is named, with its summary and first page', async () => {
    const api = dlqHost(3);
    const store = createAppStore(api, { dlq: { pageSize: 2 } });

    await store.getState().loadDeadLetterTopics();
    store.getState().showDeadLetters(null);
    await settled();

    const state = store.getState();
    expect(state.activeView).toBe('dead-letters');
    expect(state.dlqTopics.map((topic) => topic.topic)).toEqual(['orders.dlq', 'payments.dlq']);
    expect(state.dlqTopic).toBe('orders.dlq');
    expect(state.dlqSummary?.total).toBe(3);
    // The first page, then (the total known) the rest of the rows in view.
    expect(listCalls(api)).toEqual([
      { topic: 'orders.dlq', filter: noDeadLetterFilter, start: 0, limit: 2, decode: { key: 'auto', value: 'auto' } },
      { topic: 'orders.dlq', filter: noDeadLetterFilter, start: 2, limit: 2, decode: { key: 'auto', value: 'auto' } },
    ]);
    expect(state.dlqList.total).toBe(3);
    expect(state.dlqList.pages[0].map((row) => row.offset)).toEqual([0, 1]);
    expect(state.dlqList.pages[1].map((row) => row.offset)).toEqual([2]);
  });

  it('reads the pages that hold the rows in view, once each, and holds only those nearest them', async () => {
    const api = dlqHost(100);
    const store = createAppStore(api, { dlq: { pageSize: 2 } });
    store.getState().showDeadLetters('orders.dlq');
    store.getState().loadDeadLetterRows(1, 5);
    await settled();
    expect(listCalls(api).map((call) => call.start)).toEqual([0, 2, 4]);

    store.getState().loadDeadLetterRows(1, 5);
    store.getState().loadDeadLetterRows(2, 5);
    await settled();
    expect(listCalls(api).map((call) => call.start)).toEqual([0, 2, 4]);

    store.getState().loadDeadLetterRows(60, 80);
    await settled();
    const held = Object.keys(store.getState().dlqList.pages).map(Number);
    expect(held).toHaveLength(10);
    expect(Math.min(...held)).toBeGreaterThanOrEqual(30);
    expect(store.getState().dlqList.pages[35].map((row) => row.offset)).toEqual([70, 71]);
  });

  it('starts the list afresh for a new filter and drops what arrives for the old one', async () => {
    const api = fakeHostApi();
    const answers: Array<{ request: { filter: { state: string | null } }; resolve(value: ContractResult<unknown>): void }> = [];
    api.respond = (method, request) => {
      if (method === 'dlq.list') return new Promise((resolve) => answers.push({ request: request as never, resolve }));
      if (method === 'dlq.summary') return ok(summary('orders.dlq', 1));
      return ok(sweeper());
    };
    const store = createAppStore(api);
    store.getState().showDeadLetters('orders.dlq');
    store.getState().checkDeadLetters([{ partition: 0, offset: 0 }], true);

    store.getState().changeDeadLetterFilter({ state: 'dead' });
    expect(store.getState().dlqChoice).toEqual({ kind: 'records', keys: new Set() });
    answers[1].resolve({ ok: true, value: { deadLetters: [deadLetter(0, 7)], total: 1 } });
    answers[0].resolve({ ok: true, value: { deadLetters: [deadLetter(0, 1), deadLetter(0, 2)], total: 2 } });
    await settled();

    expect(answers[1].request.filter.state).toBe('dead');
    expect(store.getState().dlqList.total).toBe(1);
    expect(store.getState().dlqList.pages[0].map((row) => row.offset)).toEqual([7]);
    expect(store.getState().dlqList.loading).toBe(false);
  });

  it('counts new dead letters for the sidebar until the view is shown, and remembers what was seen', async () => {
    const seenStore = memorySeenDeadLetters({ 'orders.dlq': 2 });
    const api = dlqHost(3);
    const store = createAppStore(api, { dlq: { seenStore } });
    store.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 5), dlqTopic('payments.dlq', 1)] });
    expect(selectNewDeadLetterCount(store.getState())).toBe(3 + 1);

    store.getState().showDeadLetters('orders.dlq');
    expect(selectNewDeadLetterCount(store.getState())).toBe(0);
    expect(seenStore.read()).toEqual({ 'orders.dlq': 5, 'payments.dlq': 1 });

    store.getState().showView('topics');
    store.getState().leaveDeadLetters();
    store.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 9), dlqTopic('payments.dlq', 0)] });
    expect(selectNewDeadLetterCount(store.getState())).toBe(4);

    // A fresh page reads what was seen back.
    const reloaded = createAppStore(dlqHost(3), { dlq: { seenStore } });
    reloaded.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 9)] });
    expect(selectNewDeadLetterCount(reloaded.getState())).toBe(4);
  });

  it('refreshes the summary, the rows in view and the sweeper when a push changes the shown topic, at most once a pace', async () => {
    const api = dlqHost(3);
    const store = createAppStore(api, { dlq: { minRefreshIntervalMs: 40 } });
    await store.getState().loadDeadLetterTopics();
    store.getState().showDeadLetters('orders.dlq');
    await settled();
    api.calls.length = 0;

    store.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 3), dlqTopic('payments.dlq', 2)] });
    expect(api.calls).toEqual([]);

    store.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 4)] });
    store.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 5)] });
    store.getState().receiveDeadLetterTopics({ topics: [dlqTopic('orders.dlq', 6)] });
    await settled();
    expect(api.calls.map((call) => call.method).sort()).toEqual(['dlq.list', 'dlq.summary', 'dlq.sweeperStatus']);
    expect(store.getState().dlqList.pages[0]).toHaveLength(3);

    await until(() => api.calls.filter((call) => call.method === 'dlq.list').length === 2, 'the second, paced refresh');
    expect(api.calls.filter((call) => call.method === 'dlq.summary')).toHaveLength(2);
  });

  it('opens a dead letter with its row first, then whole, and says when it is gone', async () => {
    const api = dlqHost(3);
    const store = createAppStore(api);
    store.getState().showDeadLetters('orders.dlq');
    await settled();

    store.getState().openDeadLetter({ partition: 0, offset: 1 });
    expect(store.getState().dlqDetail).toMatchObject({ key: { partition: 0, offset: 1 }, deadLetter: { offset: 1 }, record: null, loading: true });
    await settled();
    expect(store.getState().dlqDetail).toMatchObject({ record: { offset: 1, value: { text: 'v-1' } }, originalRetained: true, loading: false, error: null });

    const respond = api.respond;
    api.respond = (method, request) => (method === 'dlq.get' ? ok({ deadLetter: null, record: null, originalRetained: false }) : respond(method, request));
    store.getState().openDeadLetter({ partition: 0, offset: 2 });
    await settled();
    expect(store.getState().dlqDetail?.error).toBe('partition 0 of "orders.dlq" has no dead letter at offset 2 (deleted by retention or a purge)');

    store.getState().openDeadLetter(null);
    expect(store.getState().dlqDetail).toBeNull();
  });

  it('says when the shown DLQ topic is no longer listed', async () => {
    const store = createAppStore(dlqHost(1));
    store.getState().showDeadLetters('gone.dlq');
    await store.getState().loadDeadLetterTopics();
    expect(selectDlqTopicGone(store.getState())).toBe(true);
  });

  it('discards the checked dead letters, or every one matching the filter, then reads the rows again', async () => {
    const api = dlqHost(5);
    const respond = api.respond;
    api.respond = (method, request) => (method === 'dlq.discard' ? ok({ discarded: 2 }) : respond(method, request));
    const store = createAppStore(api);
    store.getState().showDeadLetters('orders.dlq', { ...noDeadLetterFilter, state: 'dead' });
    await settled();

    expect(await store.getState().discardChosen()).toMatchObject({ ok: false, message: expect.stringMatching(/^choose dead letters first/) });
    store.getState().checkDeadLetters([{ partition: 0, offset: 3 }, { partition: 0, offset: 1 }], true);
    store.getState().checkDeadLetters([{ partition: 0, offset: 4 }], true);
    store.getState().checkDeadLetters([{ partition: 0, offset: 4 }], false);
    expect(selectChosenCount(store.getState())).toBe(2);
    api.calls.length = 0;

    expect(await store.getState().discardChosen()).toEqual({ ok: true, value: 2 });
    expect(api.calls[0]).toEqual({ method: 'dlq.discard', request: { topic: 'orders.dlq', selection: { kind: 'records', records: [{ partition: 0, offset: 1 }, { partition: 0, offset: 3 }] } } });
    expect(api.calls.map((call) => call.method)).toContain('dlq.list');
    expect(selectChosenCount(store.getState())).toBe(0);

    store.getState().chooseAllMatching();
    expect(selectChosenCount(store.getState())).toBe(5);
    await store.getState().discardChosen();
    expect(api.calls.filter((call) => call.method === 'dlq.discard')[1].request).toEqual({ topic: 'orders.dlq', selection: { kind: 'filter', filter: { ...noDeadLetterFilter, state: 'dead' } } });
  });

  it('asks before replaying dead letters replayed already, then runs the replay to its end and reads the rows again', async () => {
    const api = dlqHost(3);
    const respond = api.respond;
    const polls: DlqJobProgress[] = [progress({ done: 1 }), progress({ state: 'done', done: 2, failed: 1, failures: [{ name: 'no provenance headers', count: 1 }] })];
    api.respond = (method, request) => {
      if (method === 'dlq.replayStart') return ok((request as { replayAgain: boolean }).replayAgain ? { jobId: 'r1', selected: 3, alreadyReplayed: 2 } : { jobId: null, selected: 3, alreadyReplayed: 2 });
      if (method === 'dlq.jobPoll') return ok(polls.shift() ?? progress({ state: 'done', done: 2, failed: 1 }));
      return respond(method, request);
    };
    const store = createAppStore(api, { dlq: { minPollIntervalMs: 1 } });
    store.getState().showDeadLetters('orders.dlq');
    await settled();
    store.getState().chooseAllMatching();
    const options = { target: { kind: 'original' as const }, ratePerSecond: 100, includeDiscarded: false, replayAgain: false };

    const asked = await store.getState().startReplay(options);
    expect(asked).toEqual({ ok: true, value: { started: false, selected: 3, alreadyReplayed: 2 } });
    expect(store.getState().dlqJob).toBeNull();

    api.calls.length = 0;
    const started = await store.getState().startReplay({ ...options, replayAgain: true });
    expect(started).toEqual({ ok: true, value: { started: true, jobId: 'r1', selected: 3 } });
    expect(api.calls[0].request).toEqual({ topic: 'orders.dlq', selection: { kind: 'filter', filter: noDeadLetterFilter }, target: { kind: 'original' }, ratePerSecond: 100, replayAgain: true, includeDiscarded: false });
    await until(() => store.getState().dlqJob?.progress?.state === 'done', 'the replay to end');
    expect(store.getState().dlqJob?.progress).toMatchObject({ done: 2, failed: 1, failures: [{ name: 'no provenance headers', count: 1 }] });
    await until(() => api.calls.some((call) => call.method === 'dlq.list'), 'the rows to be read again');
  });

  it('cancels a running export, and forgetting a running job cancels it on the host', async () => {
    const api = dlqHost(3);
    const respond = api.respond;
    api.respond = (method, request) => {
      if (method === 'dlq.exportStart') return ok({ jobId: 'e1' });
      if (method === 'dlq.jobPoll') return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: progress({ kind: 'export', done: 1 }) }), 5));
      if (method === 'dlq.jobCancel') return ok(progress({ kind: 'export', state: 'cancelled', done: 1 }));
      return respond(method, request);
    };
    const store = createAppStore(api, { dlq: { minPollIntervalMs: 1 } });
    store.getState().showDeadLetters('orders.dlq');
    store.getState().checkDeadLetters([{ partition: 0, offset: 2 }], true);

    expect(await store.getState().startDeadLetterExport()).toEqual({ ok: true, value: 'e1' });
    await until(() => store.getState().dlqJob?.progress?.done === 1, 'the first poll');
    await store.getState().cancelDlqJob();
    expect(store.getState().dlqJob?.progress?.state).toBe('cancelled');

    await store.getState().startDeadLetterExport();
    api.calls.length = 0;
    store.getState().forgetDlqJob();
    expect(store.getState().dlqJob).toBeNull();
    expect(api.calls).toEqual([{ method: 'dlq.jobCancel', request: { jobId: 'e1' } }]);
  });

  it('reads the sweeper’s status, sweeps now, and reads and saves a topic’s policy', async () => {
    const api = fakeHostApi();
    const policy = { enabled: true, group: 'billing', maxAgeMs: 60_000, dlqTopic: '' };
    api.respond = (method, request) => {
      if (method === 'dlq.sweeperStatus') return ok(sweeper());
      if (method === 'dlq.sweepNow') return ok(sweeper({ lastSweepMoved: 3, totalMoved: 7 }));
      if (method === 'dlq.policyGet') return ok({ ...policy, enabled: false });
      if (method === 'dlq.policySet') return ok((request as { policy: typeof policy }).policy);
      return Promise.resolve({ ok: false, error: { code: 'REFUSED', message: `not here: ${method}` } });
    };
    const store = createAppStore(api);

    await store.getState().loadSweeperStatus();
    expect(store.getState().dlqSweeper?.totalMoved).toBe(4);
    expect(await store.getState().sweepNow()).toMatchObject({ ok: true, value: { lastSweepMoved: 3 } });
    expect(store.getState().dlqSweeper?.totalMoved).toBe(7);

    store.getState().openTopic('orders');
    store.getState().loadDlqPolicy('orders');
    await settled();
    expect(store.getState().dlqPolicy).toEqual({ topic: 'orders', policy: { ...policy, enabled: false }, loading: false, error: null });
    api.calls.length = 0;
    expect(await store.getState().saveDlqPolicy('orders', policy)).toEqual({ ok: true, value: policy });
    expect(store.getState().dlqPolicy?.policy).toEqual(policy);
    expect(api.calls.map((call) => call.method)).toEqual(['dlq.policySet', 'topics.listPartitions', 'topics.describeConfigs', 'dlq.sweeperStatus']);

    api.respond = () => Promise.resolve({ ok: false, error: { code: 'REFUSED', reason: 'INVALID_CONFIG', message: 'dlq.topic "orders" is the topic itself: dead letters need another topic' } });
    expect(await store.getState().saveDlqPolicy('orders', { ...policy, dlqTopic: 'orders' })).toEqual({ ok: false, message: 'dlq.topic "orders" is the topic itself: dead letters need another topic', reason: 'INVALID_CONFIG' });
  });
});

describe('the list’s pages', () => {
  it('names the pages holding a range of rows, within the total', () => {
    expect(pagesCovering(0, 49, 500, null)).toEqual([0]);
    expect(pagesCovering(480, 520, 500, 2000)).toEqual([0, 1]);
    expect(pagesCovering(480, 520, 500, 500)).toEqual([0]);
    expect(pagesCovering(0, 49, 500, 0)).toEqual([]);
  });

  it('keeps the pages nearest the rows in view', () => {
    const pages = Object.fromEntries([0, 1, 2, 3, 4].map((page) => [page, [deadLetter(0, page)]]));
    expect(Object.keys(keepNearest(pages, 3, 3)).map(Number).sort()).toEqual([2, 3, 4]);
    expect(keepNearest(pages, 3, 5)).toBe(pages);
  });
});

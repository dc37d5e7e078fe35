import { describe, expect, it } from 'vitest';
import type { ContractResult, DecodedField, MessageRecord, MethodName, RecordPage, SearchProgress } from '../../../../electron/contract';
import { fakeHostApi, topicSummary } from '../../test-support/fake-host-api';
import { field, messageRecord, ok, until } from '../../test-support/store-test-support';
import { createAppStore } from '../create-app-store';
import { exportRange } from './export-request';
import { emptyMessagesQuery } from './messages-query';
import { selectMessagesTopicGone, selectShownRecords } from './selectors';
import { MESSAGES_PAGE_SIZE } from './state';

const refused = (reason: string, message: string): Promise<ContractResult<never>> => Promise.resolve({ ok: false, error: { code: 'REFUSED', reason, message } });
const settled = () => new Promise((resolve) => setTimeout(resolve, 0));

const text = (value: string): DecodedField => field('text', value);
const record = messageRecord;

function page(records: MessageRecord[], overrides: Partial<RecordPage> = {}): RecordPage {
  return {
    topic: 'orders',
    partitions: [{ partition: 0, logStartOffset: 0, highWatermark: 10 }],
    order: 'newest-first',
    records,
    problems: [],
    older: { toward: 'older', positions: { '0': 5 }, order: 'newest-first' },
    newer: { toward: 'newer', positions: { '0': 10 }, order: 'newest-first' },
    ...overrides,
  };
}

function progress(overrides: Partial<SearchProgress> = {}): SearchProgress {
  return { state: 'running', scanned: 0, total: 100, matched: 0, rate: 0, positions: { '0': 0 }, error: null, limited: false, elapsedMs: 1, ...overrides };
}

describe('messages slice', () => {
  it('browses a topic from a start position, pages by the cursor, and reads a query only once', async () => {
    const api = fakeHostApi();
    api.respond = (method) => (method === 'messages.browse' || method === 'messages.page' ? ok(page([record(0, 9), record(0, 8)])) : Promise.reject(new Error(method)));
    const store = createAppStore(api);

    store.getState().showMessages(emptyMessagesQuery('orders'));
    store.getState().showMessages(emptyMessagesQuery('orders'));
    await settled();
    store.getState().pageMessages('older');
    await settled();

    expect(store.getState().activeView).toBe('messages');
    expect(api.calls).toEqual([
      { method: 'messages.browse', request: { topic: 'orders', partitions: null, start: { from: 'newest' }, limit: MESSAGES_PAGE_SIZE, decode: { key: 'auto', value: 'auto' } } },
      { method: 'messages.page', request: { topic: 'orders', cursor: { toward: 'older', positions: { '0': 5 }, order: 'newest-first' }, limit: MESSAGES_PAGE_SIZE, decode: { key: 'auto', value: 'auto' } } },
    ]);
    expect(store.getState().messagesQuery.cursor).toEqual({ toward: 'older', positions: { '0': 5 }, order: 'newest-first' });
    expect(selectShownRecords(store.getState()).map((shown) => shown.offset)).toEqual([9, 8]);
  });

  it('applies only the latest read, and keeps the host’s refusal with its reason', async () => {
    const api = fakeHostApi();
    const answers: Array<(value: ContractResult<RecordPage>) => void> = [];
    api.respond = () => new Promise((resolve) => answers.push(resolve as (value: ContractResult<RecordPage>) => void));
    const store = createAppStore(api);

    store.getState().showMessages(emptyMessagesQuery('orders'));
    store.getState().changeMessagesQuery({ start: { from: 'oldest' } });
    answers[1]({ ok: true, value: page([record(0, 0)]) });
    answers[0]({ ok: true, value: page([record(0, 9)]) });
    await settled();
    expect(selectShownRecords(store.getState()).map((shown) => shown.offset)).toEqual([0]);

    api.respond = () => refused('UNKNOWN_TOPIC', 'topic "orders" does not exist');
    store.getState().reloadMessages();
    await settled();
    expect(store.getState().messagesError).toEqual({ message: 'topic "orders" does not exist', reason: 'UNKNOWN_TOPIC' });
    expect(store.getState().messagesPage).toBeNull();
  });

  it('streams a search’s matches in batches until it ends, then stops polling', async () => {
    const api = fakeHostApi();
    const polls: Array<{ after: number }> = [];
    api.respond = (method, request) => {
      if (method === 'messages.searchStart') return ok({ searchId: 's1' });
      if (method === 'messages.searchPoll') {
        const { after } = request as { after: number };
        polls.push({ after });
        if (after === 0) return ok({ matches: [record(0, 1), record(0, 2)], problems: [], progress: progress({ scanned: 50, matched: 2 }) });
        return ok({ matches: [record(0, 7)], problems: [], progress: progress({ state: 'done', scanned: 100, matched: 3 }) });
      }
      return Promise.reject(new Error(method));
    };
    const store = createAppStore(api, { messages: { minPollIntervalMs: 0 } });

    store.getState().showMessages({ ...emptyMessagesQuery('orders'), start: { from: 'oldest' }, filters: [{ kind: 'contains', field: 'value', text: 'x', caseSensitive: false }] });
    await until(() => store.getState().messagesSearch?.progress?.state === 'done', 'the search to end');
    await settled();

    expect(api.calls[0]).toMatchObject({ method: 'messages.searchStart', request: { topic: 'orders', start: { from: 'oldest' }, end: { to: 'newest' }, limit: 10_000 } });
    expect(polls).toEqual([{ after: 0 }, { after: 2 }]);
    expect(selectShownRecords(store.getState()).map((shown) => shown.offset)).toEqual([1, 2, 7]);
  });

  it('says in place why a search was refused, and cancels a running one when the view is left or the query changes', async () => {
    const api = fakeHostApi();
    api.respond = () => refused('INVALID_PREDICATE', 'the predicate does not compile: SyntaxError: Unexpected token');
    const store = createAppStore(api, { messages: { minPollIntervalMs: 0 } });
    const search = { ...emptyMessagesQuery('orders'), start: { from: 'oldest' as const }, filters: [{ kind: 'predicate' as const, source: '(r) =>' }] };

    store.getState().showMessages(search);
    await settled();
    expect(store.getState().messagesSearch?.error).toEqual({ message: 'the predicate does not compile: SyntaxError: Unexpected token', reason: 'INVALID_PREDICATE' });

    api.respond = (method) => {
      if (method === 'messages.searchStart') return ok({ searchId: 's2' });
      if (method === 'messages.searchPoll') return new Promise((resolve) => setTimeout(() => resolve({ ok: true, value: { matches: [], problems: [], progress: progress() } }), 5));
      return ok(progress({ state: 'cancelled' }));
    };
    store.getState().changeMessagesQuery({ filters: [{ kind: 'predicate', source: '(r) => true' }] });
    await until(() => api.calls.some((call) => call.method === 'messages.searchPoll'), 'a poll');
    store.getState().leaveMessages();
    await settled();
    const cancels = api.calls.filter((call) => call.method === 'messages.searchCancel');
    expect(cancels).toEqual([{ method: 'messages.searchCancel', request: { searchId: 's2' } }]);
    const pollsWhenLeft = api.calls.filter((call) => call.method === 'messages.searchPoll').length;
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(api.calls.filter((call) => call.method === 'messages.searchPoll').length).toBe(pollsWhenLeft);
    expect(store.getState().messagesSearch).toBeNull();
  });

  it('opens a record whole, a large one only on demand, and its hex when asked', async () => {
    const api = fakeHostApi();
    const big = record(0, 1, { value: { as: 'text', text: 'a'.repeat(1000), bytes: 1024 * 1024, truncated: true } });
    api.respond = (method: MethodName, request) => {
      if (method === 'messages.browse') return ok(page([record(0, 0), big]));
      const decode = (request as { decode: { value: string } }).decode;
      if (method === 'messages.get' && decode.value === 'hex') return ok({ record: record(0, 1, { key: { as: 'hex', text: '6b', bytes: 1, truncated: false } }), problem: null });
      if (method === 'messages.get') return ok({ record: record((request as { partition: number }).partition, (request as { offset: number }).offset, { value: text('whole') }), problem: null });
      return Promise.reject(new Error(method));
    };
    const store = createAppStore(api);
    store.getState().showMessages(emptyMessagesQuery('orders'));
    await settled();

    store.getState().openRecord({ partition: 0, offset: 0 });
    await settled();
    expect(store.getState().messagesDetail).toMatchObject({ whole: true, record: { value: { text: 'whole' } } });

    store.getState().openRecord({ partition: 0, offset: 1 });
    await settled();
    expect(store.getState().messagesDetail).toMatchObject({ whole: false, record: { value: { truncated: true } } });
    expect(api.calls.filter((call) => call.method === 'messages.get')).toHaveLength(1);
    store.getState().loadWholeRecord();
    await settled();
    expect(store.getState().messagesDetail).toMatchObject({ whole: true, record: { value: { text: 'whole' } } });

    store.getState().loadRecordHex();
    await settled();
    expect(store.getState().messagesDetail?.hex?.key).toEqual({ as: 'hex', text: '6b', bytes: 1, truncated: false });
    expect(api.calls.at(-1)).toEqual({ method: 'messages.get', request: { topic: 'orders', partition: 0, offset: 1, decode: { key: 'hex', value: 'hex' } } });
  });

  it('says when a record is no longer there', async () => {
    const api = fakeHostApi();
    api.respond = (method) => (method === 'messages.get' ? ok({ record: null, problem: null }) : new Promise(() => {}));
    const store = createAppStore(api);
    store.getState().showMessages(emptyMessagesQuery('orders'), { partition: 3, offset: 70 });
    await settled();
    expect(store.getState().messagesDetail?.error?.message).toBe('partition 3 of "orders" has no record at offset 70 (deleted by retention or a purge, or not written yet)');
  });

  it('exports, forgets an export whose save dialog was cancelled, and polls one that started to its end', async () => {
    const api = fakeHostApi();
    api.respond = (method) => (method === 'messages.browse' ? ok(page([record(0, 4), record(0, 3)])) : ok({ exportId: null, started: false }));
    const store = createAppStore(api, { messages: { minPollIntervalMs: 0 } });
    store.getState().showMessages(emptyMessagesQuery('orders'));
    await settled();

    expect(await store.getState().startExport('csv', 'page')).toEqual({ ok: true, value: { started: false } });
    expect(store.getState().messagesExport).toBeNull();
    expect(api.calls.at(-1)).toEqual({
      method: 'messages.exportStart',
      request: { topic: 'orders', partitions: [0], start: { from: 'offset', offset: 3 }, end: { to: 'offset', offset: 5 }, filters: [], limit: 2, decode: { key: 'auto', value: 'auto' }, format: 'csv' },
    });

    const done = { state: 'done' as const, written: 2, scanned: 2, total: 2, bytes: 80, rate: 1, error: null, path: null, downloadUrl: '/exports/e1/orders.csv?token=t', elapsedMs: 3 };
    api.respond = (method) => (method === 'messages.exportStart' ? ok({ exportId: 'e1', started: true }) : ok(done));
    await store.getState().startExport('csv', 'page');
    await until(() => store.getState().messagesExport?.progress?.state === 'done', 'the export to end');
    expect(store.getState().messagesExport).toMatchObject({ exportId: 'e1', format: 'csv', progress: { downloadUrl: '/exports/e1/orders.csv?token=t' } });
  });

  it('notices the topic shown was deleted once the complete topic list no longer has it', () => {
    const store = createAppStore(fakeHostApi());
    store.setState({ messagesQuery: emptyMessagesQuery('orders') });
    expect(selectMessagesTopicGone(store.getState())).toBe(false);
    store.getState().receiveTopicList({ topics: [topicSummary('orders')], total: 1 });
    expect(selectMessagesTopicGone(store.getState())).toBe(false);
    store.getState().receiveTopicList({ topics: [topicSummary('payments')], total: 1 });
    expect(selectMessagesTopicGone(store.getState())).toBe(true);
  });
});

describe('exportRange', () => {
  const query = { ...emptyMessagesQuery('orders'), partitions: [0, 1] };

  it('exports everything from the start (the oldest, for a browse from the newest) to the newest', () => {
    expect(exportRange(query, 'range', [])).toEqual({ topic: 'orders', partitions: [0, 1], start: { from: 'oldest' }, end: { to: 'newest' }, filters: [], limit: 100_000_000 });
  });

  it('exports a page over several partitions as the range spanning them, narrowed per partition by a predicate', () => {
    const range = exportRange(query, 'page', [record(0, 10), record(1, 3), record(0, 12), record(1, 4)]);
    expect(range).toMatchObject({ partitions: [0, 1], start: { from: 'offset', offset: 3 }, end: { to: 'offset', offset: 13 }, limit: 4 });
    expect(range?.filters).toEqual([{ kind: 'predicate', source: '(r) => (r.partition === 0 && r.offset >= 10 && r.offset < 13) || (r.partition === 1 && r.offset >= 3 && r.offset < 5)' }]);
  });

  it('exports a search’s range with its filters', () => {
    const search = { ...query, start: { from: 'offset' as const, offset: 7 }, filters: [{ kind: 'regex' as const, field: 'key' as const, pattern: 'a', flags: '' }], end: { to: 'offset' as const, offset: 90 } };
    expect(exportRange(search, 'range', [])).toMatchObject({ start: { from: 'offset', offset: 7 }, end: { to: 'offset', offset: 90 }, filters: search.filters });
  });
});

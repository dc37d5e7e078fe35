import { describe, expect, it } from 'vitest';
import { MAX_TAIL_BATCH, type MessageRecord, type MethodName, type TailNotice, type TailStatus } from '../../../../electron/contract';
import { fakeHostApi, type FakeHostApi } from '../../test-support/fake-host-api';
import { messageRecord, ok, until } from '../../test-support/store-test-support';
import { createAppStore } from '../create-app-store';
import { emptyMessagesQuery } from '../messages/messages-query';
import { selectShownRecords } from '../messages/selectors';
import { appendToRing, RateMeter } from './tail-ring';
import { parseTailFrom, parseTailRows } from './tail-options';


const record = (partition: number, offset: number): MessageRecord => messageRecord(partition, offset);
const records = (from: number, count: number, partition = 0) => Array.from({ length: count }, (_, i) => record(partition, from + i));

function status(overrides: Partial<TailStatus> = {}): TailStatus {
  return { state: 'running', partitions: [0], positions: { '0': 0 }, arrivingRate: 0, matchingRate: 0, dropped: 0, endedBecause: null, ...overrides };
}

interface PollAnswer {
  records?: MessageRecord[];
  dropped?: number;
  notices?: TailNotice[];
  status?: Partial<TailStatus>;
}

/** A host whose tail polls are answered from a queue (an empty queue answers an empty batch). */
function tailHost() {
  const api: FakeHostApi = fakeHostApi();
  const polls: PollAnswer[] = [];
  let started = 0;
  api.respond = (method: MethodName) => {
    switch (method) {
      case 'tail.start':
        started += 1;
        return ok({ tailId: `tail-${started}`, status: status() });
      case 'tail.poll': {
        const answer = polls.shift() ?? {};
        return new Promise((resolve) =>
          setTimeout(
            () => resolve({ ok: true, value: { records: answer.records ?? [], problems: [], dropped: answer.dropped ?? 0, notices: answer.notices ?? [], status: status(answer.status) } }),
            answer.records ? 0 : 5,
          ),
        );
      }
      case 'tail.pause':
        return ok(status({ state: 'paused' }));
      case 'tail.resume':
      case 'tail.stop':
        return ok(status());
      default:
        return Promise.reject(new Error(method));
    }
  };
  return { api, polls, calls: (method: string) => api.calls.filter((call) => call.method === method) };
}

const tailQuery = (topic = 'orders') => ({ ...emptyMessagesQuery(topic), mode: 'tail' as const });

describe('appendToRing', () => {
  it('keeps the newest rows up to the limit and says how many rolled out', () => {
    expect(appendToRing([1, 2], [3], 5)).toEqual({ rows: [1, 2, 3], rolledOut: 0 });
    expect(appendToRing([1, 2, 3, 4], [5, 6, 7], 5)).toEqual({ rows: [3, 4, 5, 6, 7], rolledOut: 2 });
    expect(appendToRing([1, 2], [3, 4, 5, 6, 7, 8], 3)).toEqual({ rows: [6, 7, 8], rolledOut: 5 });
    const rows = [1];
    expect(appendToRing(rows, [], 3).rows).toBe(rows);
  });
});

describe('RateMeter', () => {
  it('averages over its window', () => {
    const meter = new RateMeter(1000);
    meter.add(100, 0);
    meter.add(100, 500);
    expect(meter.rate(500)).toBe(400);
    meter.add(100, 1000);
    expect(meter.rate(1000)).toBe(200);
    expect(meter.rate(2500)).toBe(0);
  });
});

describe('tail options in the URL', () => {
  it('reads only what the view accepts', () => {
    expect(parseTailFrom('end')).toEqual({ at: 'end' });
    expect(parseTailFrom('last:20')).toEqual({ at: 'last', count: 20 });
    expect(parseTailFrom('last:0')).toBeNull();
    expect(parseTailFrom('last:20000')).toBeNull();
    expect(parseTailRows('10000')).toBe(10_000);
    expect(parseTailRows('5')).toBeNull();
  });
});

describe('tail slice', () => {
  it('starts a tail for the view in tail mode and lands each poll as one batch in the ring', async () => {
    const { api, polls, calls } = tailHost();
    const store = createAppStore(api, { tail: { minPollIntervalMs: 0 } });
    polls.push({ records: records(0, 3) }, { records: records(3, 2), status: { arrivingRate: 50, matchingRate: 40 } });

    store.getState().showMessages(tailQuery());
    await until(() => store.getState().tail?.received === 5, 'two batches');

    expect(calls('tail.start')[0].request).toEqual({ topic: 'orders', partitions: null, from: { at: 'last', count: 50 }, filters: [], decode: { key: 'auto', value: 'auto' }, bufferLimit: 10_000 });
    const tail = store.getState().tail!;
    expect(tail.phase).toBe('running');
    expect(tail.rows.map((row) => row.offset)).toEqual([0, 1, 2, 3, 4]);
    expect(tail.shifts).toEqual({ added: 5, rolledOut: 0 });
    expect(tail.status).toMatchObject({ arrivingRate: 50, matchingRate: 40 });
    expect(selectShownRecords(store.getState())).toBe(tail.rows);
    expect(calls('messages.browse')).toHaveLength(0);
    store.getState().leaveMessages();
  });

  it('keeps at most the ring size, counting rows rolled out and records the host dropped', async () => {
    const { api, polls } = tailHost();
    const store = createAppStore(api, { tail: { minPollIntervalMs: 0 } });
    store.getState().setTailOptions({ order: 'append', from: { at: 'end' }, bufferLimit: 100 });
    polls.push({ records: records(0, 80) }, { records: records(80, 80), dropped: 7 });

    store.getState().showMessages(tailQuery());
    await until(() => store.getState().tail?.received === 160, 'both batches');

    const tail = store.getState().tail!;
    expect(tail.rows).toHaveLength(100);
    expect(tail.rows[0].offset).toBe(60);
    expect(tail.droppedFromView).toBe(60);
    expect(tail.droppedByHost).toBe(7);
    expect(tail.shifts).toEqual({ added: 160, rolledOut: 60 });

    store.getState().changeTailOptions({ bufferLimit: 40 });
    expect(store.getState().tail!.rows.map((row) => row.offset)[0]).toBe(120);
    expect(store.getState().tail!.droppedFromView).toBe(120);
    store.getState().leaveMessages();
  });

  it('polls again at once after a full batch, otherwise no sooner than the interval', async () => {
    const { api, polls, calls } = tailHost();
    let clock = 0;
    const store = createAppStore(api, { tail: { minPollIntervalMs: 60_000, now: () => clock } });
    polls.push({ records: records(0, MAX_TAIL_BATCH) }, { records: records(MAX_TAIL_BATCH, 10) });

    store.getState().showMessages(tailQuery());
    await until(() => store.getState().tail?.received === MAX_TAIL_BATCH + 10, 'the full batch and the next');
    clock += 1;
    await new Promise((resolve) => setTimeout(resolve, 30));

    // After the short batch the loop waits out the interval: no third poll yet.
    expect(calls('tail.poll')).toHaveLength(2);
    store.getState().leaveMessages();
  });

  it('freezes the view on pause, holds what still arrives, and shows it in order on resume', async () => {
    const { api, polls, calls } = tailHost();
    const store = createAppStore(api, { tail: { minPollIntervalMs: 0 } });
    polls.push({ records: records(0, 5) });
    store.getState().showMessages(tailQuery());
    await until(() => store.getState().tail?.received === 5, 'the first batch');

    await store.getState().pauseTail();
    polls.push({ records: records(5, 3) });
    await until(() => store.getState().tail?.held === 3, 'records held while paused');

    expect(calls('tail.pause')).toEqual([{ method: 'tail.pause', request: { tailId: 'tail-1' } }]);
    expect(store.getState().tail!.phase).toBe('paused');
    expect(store.getState().tail!.rows.map((row) => row.offset)).toEqual([0, 1, 2, 3, 4]);

    polls.push({ records: records(8, 2) });
    await store.getState().resumeTail();
    await until(() => store.getState().tail?.received === 10, 'the batch after resuming');

    expect(calls('tail.resume')).toHaveLength(1);
    expect(store.getState().tail!.rows.map((row) => row.offset)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(store.getState().tail!.held).toBe(0);
    expect(store.getState().tail!.phase).toBe('running');
    store.getState().leaveMessages();
  });

  it('restarts the tail when the filters change, and stops it when the view leaves tail mode', async () => {
    const { api, calls } = tailHost();
    const store = createAppStore(api, { tail: { minPollIntervalMs: 0 } });
    store.getState().showMessages(tailQuery());
    await until(() => store.getState().tail?.tailId === 'tail-1', 'the first tail');

    const filter = { kind: 'contains' as const, field: 'value' as const, text: 'failed', caseSensitive: false };
    store.getState().changeMessagesQuery({ filters: [filter] });
    await until(() => store.getState().tail?.tailId === 'tail-2', 'the second tail');
    store.getState().changeTailOptions({ order: 'append' });

    expect(calls('tail.start')[1].request).toMatchObject({ filters: [filter] });
    expect(calls('tail.stop')).toEqual([{ method: 'tail.stop', request: { tailId: 'tail-1' } }]);
    expect(calls('tail.start')).toHaveLength(2);

    store.getState().changeMessagesQuery({ mode: 'browse', filters: [] });
    expect(store.getState().tail).toBeNull();
    expect(calls('tail.stop')).toEqual([
      { method: 'tail.stop', request: { tailId: 'tail-1' } },
      { method: 'tail.stop', request: { tailId: 'tail-2' } },
    ]);
  });

  it('ends when the host ends the tail (the topic deleted), keeping its rows and the notice', async () => {
    const { api, polls, calls } = tailHost();
    const store = createAppStore(api, { tail: { minPollIntervalMs: 0 } });
    const notice: TailNotice = { kind: 'topic-deleted', message: 'topic "orders" was deleted', at: 1 };
    polls.push({ records: records(0, 2) }, { notices: [notice], status: { state: 'ended', endedBecause: 'topic "orders" was deleted' } });

    store.getState().showMessages(tailQuery());
    await until(() => store.getState().tail?.phase === 'ended', 'the end');
    await new Promise((resolve) => setTimeout(resolve, 20));

    expect(store.getState().tail!.notices).toEqual([notice]);
    expect(store.getState().tail!.rows).toHaveLength(2);
    expect(calls('tail.poll')).toHaveLength(2);
    store.getState().leaveMessages();
    expect(calls('tail.stop')).toHaveLength(0);
  });

  it('says why a tail was refused, and starts afresh when asked', async () => {
    const { api, calls } = tailHost();
    const respond = api.respond.bind(api);
    let refuse = true;
    api.respond = (method, request) =>
      method === 'tail.start' && refuse ? Promise.resolve({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TOPIC', message: 'topic "nope" does not exist' } }) : respond(method, request);
    const store = createAppStore(api, { tail: { minPollIntervalMs: 0 } });

    store.getState().showMessages(tailQuery('nope'));
    await until(() => store.getState().tail?.error !== null, 'the refusal');
    expect(store.getState().tail!.error).toEqual({ message: 'topic "nope" does not exist', reason: 'UNKNOWN_TOPIC' });

    refuse = false;
    store.getState().restartTail();
    await until(() => store.getState().tail?.phase === 'running', 'the restarted tail');
    expect(calls('tail.start')).toHaveLength(2);
    store.getState().leaveMessages();
  });
});

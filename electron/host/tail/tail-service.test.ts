/**
 * The host's `tail.*` methods against a real broker (port 0, a temp data dir), called through the
 * dispatcher as the adapters call them, with the real worker thread and predicate sandbox: records
 * arrive in batches, in append order, exactly once; filters apply live; a slow caller loses only
 * its own oldest records, counted; pause and resume lose nothing; a tail lives through partitions
 * added, DeleteRecords, the topic deleted and a broker restart; an unpolled tail is stopped.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Decoding, MethodRequest } from '../../contract';
import { startSearchWorker, type SearchWorkerHandle } from '../messages/search-worker-handle';
import { range, startTailHost, TailReader, until, type TailTestHost } from './tail-test-host';
import type { TailServiceOptions } from './tail-service';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

const auto: Decoding = { key: 'auto', value: 'auto' };

async function started(tail?: TailServiceOptions): Promise<TailTestHost> {
  const test = await startTailHost({ tail });
  cleanups.push(() => test.close());
  return test;
}

type StartRequest = MethodRequest<'tail.start'>;

async function tail(test: TailTestHost, request: Partial<StartRequest> & { topic: string }): Promise<TailReader> {
  const { tailId, status } = await test.value('tail.start', { partitions: null, from: { at: 'end' }, filters: [], decode: auto, ...request });
  expect(status.state).toBe('running');
  cleanups.push(async () => void (await test.call('tail.stop', { tailId })));
  return new TailReader(test, tailId);
}

// Each tail starts a worker thread (from the TypeScript sources here, through tsx: ~1 s on a busy machine).
describe('tail service', { timeout: 60_000 }, () => {
  it('delivers records produced while tailing in batches, in append order per partition, each once, none missed', async () => {
    const test = await started();
    test.logs().createTopic('orders', { partitions: 3 });
    for (const partition of [0, 1, 2]) await test.produce('orders', partition, 0, 20); // before the tail: not wanted
    const reader = await tail(test, { topic: 'orders' });
    expect(reader.tailId).toMatch(/\S/);

    const producing = (async () => {
      for (let n = 20; n < 2020; n += 100) {
        for (const partition of [0, 1, 2]) await test.produce('orders', partition, n, 100, 7);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    })();
    const polledAt: number[] = [];
    const pacedReader = async () => {
      while (reader.records.length < 6000) {
        polledAt.push(performance.now());
        await reader.poll(1000);
      }
    };
    await Promise.all([producing, pacedReader()]);

    for (const partition of [0, 1, 2]) expect(reader.offsets(partition)).toEqual(range(20, 2020));
    expect(reader.records[0].value).toMatchObject({ as: 'json' });
    expect(JSON.parse(reader.records.find((record) => record.partition === 1 && record.offset === 500)!.value.text)).toEqual({ partition: 1, n: 500 });
    // Batches, not records one by one: 6,000 records in far fewer polls, answered at most ~20 times a second.
    expect(reader.batches.length).toBeLessThan(300);
    const elapsed = performance.now() - polledAt[0];
    expect(polledAt.length).toBeLessThanOrEqual(Math.ceil(elapsed / 50) + 1);
    expect(reader.status?.arrivingRate).toBeGreaterThan(0);
    expect(reader.status?.matchingRate).toBeGreaterThan(0);
    expect(reader.status?.positions).toEqual({ 0: 2020, 1: 2020, 2: 2020 });
    expect(reader.dropped).toBe(0);
  });

  it('applies the filters live, the predicate included, and a predicate that throws ends the tail saying on which record', async () => {
    const test = await started();
    test.logs().createTopic('filtered', { partitions: 2 });
    const evenOver = await tail(test, {
      topic: 'filtered',
      filters: [{ kind: 'contains', field: 'key', text: 'KEY-1', caseSensitive: false }, { kind: 'predicate', source: '(r) => r.value.n % 2 === 0 && r.partition === 1' }],
    });
    const throwing = await tail(test, { topic: 'filtered', partitions: [0], filters: [{ kind: 'predicate', source: '(r) => { if (r.value.n === 42) throw new Error("no 42"); return true; }' }] });
    for (const partition of [0, 1]) await test.produce('filtered', partition, 0, 200);

    // key-1, key-10…19, key-100…199 on partition 1, even n only.
    const expected = [...new Set([1, ...range(10, 20), ...range(100, 200)])].filter((n) => n % 2 === 0);
    await evenOver.pollUntil((reader) => reader.records.length >= expected.length, 'the matching records');
    await evenOver.poll(300);
    expect(evenOver.keys()).toEqual(expected.map((n) => `1:${n}`));
    expect(evenOver.status?.matchingRate).toBeGreaterThan(0);
    expect(evenOver.status!.arrivingRate).toBeGreaterThan(evenOver.status!.matchingRate);

    await throwing.pollUntil((reader) => reader.status?.state === 'ended', 'the failing predicate to end the tail');
    expect(throwing.notices).toEqual([expect.objectContaining({ kind: 'filter-failed', message: 'the filter failed: the predicate threw Error: no 42 on the record at partition 0, offset 42' })]);
    expect(throwing.status?.endedBecause).toBe('the filter failed: the predicate threw Error: no 42 on the record at partition 0, offset 42');
    expect(throwing.offsets(0).every((offset) => offset < 42)).toBe(true);
  });

  it('ends a tail whose predicate allocates without bound at its worker heap limit; another tail of the topic goes on', async () => {
    const test = await started({ scan: { workerHeapMb: 32, predicateTimeoutMs: 30_000 } });
    test.logs().createTopic('hungry', { partitions: 1 });
    const greedy = await tail(test, { topic: 'hungry', filters: [{ kind: 'predicate', source: '(r) => { const kept = []; for (;;) kept.push(new Array(100000).fill(r.offset)); }' }] });
    const plain = await tail(test, { topic: 'hungry' });
    await test.produce('hungry', 0, 0, 10);
    await greedy.pollUntil((reader) => reader.status?.state === 'ended', 'the greedy tail to end');
    expect(greedy.notices).toEqual([expect.objectContaining({ kind: 'filter-failed' })]);
    expect(greedy.status?.endedBecause).toMatch(/^the filters stopped working: .*ran out of memory \(its limit is 32 MB\)/);
    await test.produce('hungry', 0, 10, 10);
    await plain.pollUntil((reader) => reader.records.length >= 20, 'the other tail');
    expect(plain.offsets(0)).toEqual(range(0, 20));
  });

  it("stops reading for a slow caller once its buffer is full, then gives it the newest records, the older ones counted as dropped exactly; a prompt caller on the same topic gets everything", async () => {
    const test = await started();
    test.logs().createTopic('busy', { partitions: 1 });
    const slow = await tail(test, { topic: 'busy', bufferLimit: 100 });
    const prompt = await tail(test, { topic: 'busy' });
    await test.produce('busy', 0, 0, 50, 50);
    await slow.pollUntil((reader) => reader.records.length >= 50, 'the slow caller to have the first records');

    // The slow caller polls no more: its tail reads what fits in its buffer, and then nothing.
    await Promise.all([test.produce('busy', 0, 50, 2950, 50), prompt.pollUntil((reader) => reader.records.length >= 3000, 'every record for the prompt caller')]);
    expect(prompt.offsets(0)).toEqual(range(0, 3000));
    expect(prompt.dropped).toBe(0);
    const idle = await test.value('tail.pause', { tailId: slow.tailId });
    expect(idle.positions[0]).toBeGreaterThan(50); // it read ahead while its caller kept up…
    expect(idle.positions[0]).toBeLessThanOrEqual(250); // …as far as its buffer holds
    await test.value('tail.resume', { tailId: slow.tailId });

    // It polls again: the newest records, and how many it lost (those it had not read included).
    const before = slow.records.length;
    await slow.pollUntil((reader) => reader.records.length + reader.dropped >= 3000, 'the slow caller to account for every record');
    const got = slow.offsets(0);
    expect(got.length + slow.dropped).toBe(3000);
    expect(got.slice(before)).toEqual(range(2900, 3000));
    expect(got).toEqual([...new Set(got)].sort((a, b) => a - b));
    expect(slow.status?.dropped).toBe(slow.dropped);
  });

  it('keeps at most its buffer of what arrived while paused: the oldest are dropped, counted', async () => {
    const test = await started();
    test.logs().createTopic('long-pause', { partitions: 2 });
    const reader = await tail(test, { topic: 'long-pause', bufferLimit: 100 });
    await test.value('tail.pause', { tailId: reader.tailId });
    await test.produce('long-pause', 0, 0, 300, 20);
    await test.produce('long-pause', 1, 0, 100, 20);
    await test.value('tail.resume', { tailId: reader.tailId });
    await reader.pollUntil((r) => r.records.length + r.dropped >= 400, 'every record accounted for');
    expect(reader.dropped).toBe(300);
    // In proportion to what each partition had unread: the newest 75 of partition 0, 25 of partition 1.
    expect(reader.offsets(0)).toEqual(range(225, 300));
    expect(reader.offsets(1)).toEqual(range(75, 100));
  });

  it('pauses (reads nothing) and resumes from where it stopped, losing nothing', async () => {
    const test = await started();
    test.logs().createTopic('paused', { partitions: 1 });
    const reader = await tail(test, { topic: 'paused' });
    await test.produce('paused', 0, 0, 100);
    await reader.pollUntil((r) => r.records.length >= 100, 'the first 100');
    expect((await test.value('tail.pause', { tailId: reader.tailId })).state).toBe('paused');
    await test.produce('paused', 0, 100, 100);
    const whilePaused = await reader.poll(300);
    expect(whilePaused.records).toEqual([]);
    expect(whilePaused.status).toMatchObject({ state: 'paused', positions: { 0: 100 } });
    expect((await test.value('tail.resume', { tailId: reader.tailId })).state).toBe('running');
    await reader.pollUntil((r) => r.records.length >= 200, 'the records of the pause');
    expect(reader.offsets(0)).toEqual(range(0, 200));
  });

  it('takes in partitions added to the topic (a tail of all of them), with a notice', async () => {
    const test = await started();
    test.logs().createTopic('growing', { partitions: 2 });
    const all = await tail(test, { topic: 'growing' });
    const first = await tail(test, { topic: 'growing', partitions: [0] });
    test.logs().createPartitions('growing', 4);
    await test.produce('growing', 3, 0, 5);
    await test.produce('growing', 0, 0, 5);
    await all.pollUntil((reader) => reader.records.length >= 10, 'records of the new partition');
    expect(all.notices).toEqual([expect.objectContaining({ kind: 'partitions-added', message: '"growing" now has 4 partitions: the tail takes in partitions 2 and 3' })]);
    expect(all.offsets(3)).toEqual(range(0, 5));
    expect(all.status?.partitions).toEqual([0, 1, 2, 3]);
    await first.pollUntil((reader) => reader.records.length >= 5, 'partition 0');
    expect(first.notices).toEqual([]);
    expect(first.status?.partitions).toEqual([0]);
    expect(first.keys()).toEqual(range(0, 5).map((n) => `0:${n}`));
  });

  it('ends with a clear message when the topic is deleted', async () => {
    const test = await started();
    test.logs().createTopic('doomed', { partitions: 1 });
    const reader = await tail(test, { topic: 'doomed' });
    await test.produce('doomed', 0, 0, 10);
    await reader.pollUntil((r) => r.records.length >= 10, 'the records');
    test.logs().deleteTopic('doomed');
    await reader.pollUntil((r) => r.status?.state === 'ended', 'the tail to end');
    expect(reader.notices).toEqual([expect.objectContaining({ kind: 'topic-deleted', message: 'topic "doomed" was deleted' })]);
    expect(reader.status).toMatchObject({ state: 'ended', endedBecause: 'topic "doomed" was deleted' });
    expect((await test.value('tail.stop', { tailId: reader.tailId })).state).toBe('ended');
    const gone = await test.call('tail.poll', { tailId: reader.tailId, waitMs: 0 });
    expect(gone).toMatchObject({ ok: false, error: { code: 'REFUSED', reason: 'UNKNOWN_TAIL', message: `tail ${reader.tailId} of "doomed" was stopped` } });
  });

  it('goes on from the new log start when records it had not read are deleted, saying which', async () => {
    const test = await started();
    test.logs().createTopic('purged', { partitions: 1 });
    const reader = await tail(test, { topic: 'purged' });
    await test.produce('purged', 0, 0, 100);
    await reader.pollUntil((r) => r.records.length >= 100, 'the first 100');
    await test.value('tail.pause', { tailId: reader.tailId });
    await test.produce('purged', 0, 100, 100);
    test.logs().deleteRecords('purged', 0, 150);
    await reader.pollUntil((r) => r.notices.length > 0, 'the notice');
    expect(reader.notices).toEqual([expect.objectContaining({ kind: 'records-deleted', message: 'offsets 100 to 149 of purged-0 were deleted (DeleteRecords) before they were read' })]);
    await test.value('tail.resume', { tailId: reader.tailId });
    await reader.pollUntil((r) => r.records.length >= 150, 'the records after the new start');
    expect(reader.offsets(0)).toEqual([...range(0, 100), ...range(150, 200)]);
  });

  it('lives through a broker restart: waits while it is stopped, then goes on from where it was', async () => {
    const test = await started({ scan: { predicateTimeoutMs: 20_000 } });
    test.logs().createTopic('restarted', { partitions: 2 });
    // The predicate takes its time (3 s, so a busy machine still stops the broker first) over the first record of partition 1: that chunk is still in the worker when the broker stops.
    const slowFirst = '(r) => { if (r.partition === 1 && r.value.n === 0) { const t = Date.now(); while (Date.now() - t < 3000) {} } return true; }';
    const reader = await tail(test, { topic: 'restarted', filters: [{ kind: 'predicate', source: slowFirst }] });
    await test.produce('restarted', 0, 0, 50);
    await reader.pollUntil((r) => r.records.length >= 50, 'the first 50');
    await test.produce('restarted', 1, 0, 50);
    await until(async () => (await reader.poll(0)).status.positions[1] === 50, 'partition 1 to be read');
    expect(reader.offsets(1)).toEqual([]);
    await test.host.stop();
    const stopped = await reader.poll(100);
    expect(stopped.status.state).toBe('waiting');
    expect(reader.notices.map((notice) => notice.kind)).toContain('broker-stopped');
    expect((await test.host.start()).state).toBe('running');
    await test.produce('restarted', 0, 50, 50);
    await reader.pollUntil((r) => r.records.length >= 150, 'the records after the restart');
    await reader.poll(200);
    expect(reader.offsets(0)).toEqual(range(0, 100));
    expect(reader.offsets(1)).toEqual(range(0, 50));
    expect(reader.notices.map((notice) => notice.kind)).toEqual(['broker-stopped', 'broker-restarted']);
    expect(reader.notices[1].message).toBe('the broker is running again: the tail goes on from where it was');
    expect(reader.status?.state).toBe('running');
  });

  it('stops a tail no one polls (its worker ends), and tells a late poll why', async () => {
    const workers: Array<SearchWorkerHandle & { ended: boolean }> = [];
    const startWorker = (heapMb?: number) => {
      const worker = startSearchWorker(heapMb);
      const tracked = Object.assign(worker, { ended: false });
      const terminate = worker.terminate.bind(worker);
      tracked.terminate = () => ((tracked.ended = true), terminate());
      workers.push(tracked);
      return tracked;
    };
    const test = await started({ idleTimeoutMs: 1000, scan: { startWorker } });
    test.logs().createTopic('idle', { partitions: 1 });
    const forgotten = await tail(test, { topic: 'idle' });
    const kept = await tail(test, { topic: 'idle' });
    await until(async () => (await kept.poll(100), workers[0].ended), 'the unpolled tail to be stopped');
    expect(workers[1].ended).toBe(false);
    const late = await test.call('tail.poll', { tailId: forgotten.tailId, waitMs: 0 });
    expect(late).toMatchObject({ ok: false, error: { reason: 'UNKNOWN_TAIL', message: `tail ${forgotten.tailId} of "idle" was stopped: not polled for 1 s` } });
    await test.produce('idle', 0, 0, 3);
    await kept.pollUntil((r) => r.records.length >= 3, 'the polled tail to go on');
  });

  it('starts with the last records of each partition when asked', async () => {
    const test = await started();
    test.logs().createTopic('history', { partitions: 2 });
    await test.produce('history', 0, 0, 50);
    await test.produce('history', 1, 0, 5);
    const reader = await tail(test, { topic: 'history', from: { at: 'last', count: 10 } });
    await test.produce('history', 0, 50, 3);
    await reader.pollUntil((r) => r.records.length >= 18, 'the backfill and the new records');
    expect(reader.offsets(0)).toEqual(range(40, 53));
    expect(reader.offsets(1)).toEqual(range(0, 5));

    // A backfill larger than the buffer (and than one poll carries): its newest records, as many as the buffer holds.
    await test.produce('history', 1, 5, 6995, 100);
    const large = await tail(test, { topic: 'history', partitions: [1], from: { at: 'last', count: 7000 }, bufferLimit: 6000 });
    await large.pollUntil((r) => r.records.length >= 6000, 'the newest 6,000');
    await large.poll(200);
    expect(large.offsets(1)).toEqual(range(1000, 7000));
    expect(large.dropped).toBe(1000);
  });

  it('refuses what it cannot tail, saying why', async () => {
    const test = await started();
    test.logs().createTopic('present', { partitions: 2 });
    const request = { partitions: null, from: { at: 'end' as const }, filters: [], decode: auto };
    expect(await test.call('tail.start', { ...request, topic: 'absent' })).toMatchObject({ ok: false, error: { reason: 'UNKNOWN_TOPIC', message: 'topic "absent" does not exist' } });
    expect(await test.call('tail.start', { ...request, topic: 'present', partitions: [1, 7] })).toMatchObject({ ok: false, error: { reason: 'UNKNOWN_PARTITION', message: 'topic "present" has no partition 7 (it has 2)' } });
    expect(await test.call('tail.start', { ...request, topic: 'present', filters: [{ kind: 'predicate', source: '(r) => r.' }] })).toMatchObject({ ok: false, error: { reason: 'INVALID_PREDICATE' } });
    expect(await test.call('tail.start', { ...request, topic: 'present', filters: [{ kind: 'regex', field: 'value', pattern: '(', flags: '' }] })).toMatchObject({ ok: false, error: { reason: 'INVALID_FILTER' } });
    expect(await test.call('tail.poll', { tailId: 'nope', waitMs: 0 })).toMatchObject({ ok: false, error: { reason: 'UNKNOWN_TAIL' } });
    await test.host.stop();
    expect(await test.call('tail.start', { ...request, topic: 'present' })).toMatchObject({ ok: false, error: { reason: 'BROKER_NOT_RUNNING' } });
  });
});

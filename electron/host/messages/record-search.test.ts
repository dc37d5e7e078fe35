/**
 * A search's bounds with the real worker thread: a predicate that allocates without bound ends its
 * worker at the heap limit, and the search says so (the app and the broker go on); one that loops
 * is stopped at its time bound. Both name what happened in words.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, startBroker } from '../../../broker-core/src/index';
import type { SearchProgress } from '../../contract';
import { embeddedRecordSource } from '../cluster/embedded/embedded-record-source';
import { RecordSearches } from './record-search';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function searchesOver(records: number, options: ConstructorParameters<typeof RecordSearches>[1]) {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-search-'));
  const broker = await startBroker({ port: 0, dataDir });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => broker.stop());
  broker.logs.createTopic('t', { partitions: 1 });
  await broker.logs.append('t', 0, buildRecordBatch(Array.from({ length: records }, (_, i) => ({ value: Buffer.from(`{"n":${i}}`) }))), { acks: 1 });
  return { broker, searches: new RecordSearches(embeddedRecordSource(broker.logs), options) };
}

async function finished(searches: RecordSearches, id: string): Promise<SearchProgress> {
  for (;;) {
    const { progress } = await searches.poll(id, 0, 1000);
    if (progress.state !== 'running') return progress;
  }
}

const request = (source: string) => ({ topic: 't', partitions: null, start: { from: 'oldest' as const }, end: { to: 'newest' as const }, filters: [{ kind: 'predicate' as const, source }], decode: { key: 'auto' as const, value: 'auto' as const }, limit: 100 });

describe('search bounds (real worker threads)', { timeout: 60_000 }, () => {
  it('ends a predicate that allocates without bound at the worker heap limit, and says so', async () => {
    const { broker, searches } = await searchesOver(10, { workerHeapMb: 32, workers: 1, predicateTimeoutMs: 30_000 });
    const id = await searches.start(request('(r) => { const kept = []; for (;;) kept.push(new Array(100000).fill(r.offset)); }'));
    const progress = await finished(searches, id);
    expect(progress.state).toBe('failed');
    expect(progress.error).toMatch(/ran out of memory \(its limit is 32 MB\)/);
    // The broker is unharmed and a new search runs.
    expect(broker.logs.partitionStats('t', 0).highWatermark).toBe(10);
    const next = await searches.start(request('(r) => r.value.n === 3'));
    const after = await finished(searches, next);
    expect(after).toMatchObject({ state: 'done', matched: 1 });
  });

  it('stops a predicate that loops at its time bound, naming the record', async () => {
    const { searches } = await searchesOver(10, { workers: 1, predicateTimeoutMs: 300 });
    const id = await searches.start(request('(r) => { while (r.value.n === 4) {} return false; }'));
    const progress = await finished(searches, id);
    expect(progress.error).toBe('the predicate did not finish within 300 ms on the record at partition 0, offset 4');
  });
});

/**
 * DeadLetterIndex over a real broker's logs (startBroker on port 0, a temp data dir): entries
 * recognized from each record's headers, oldest first; a refresh reads only the offsets appended
 * since the last one; records deleted below the log start leave the index; a topic deleted and
 * made again is read again from its start; a large topic is read in chunks with the event loop
 * free between them; refreshes at once share the work.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, startBroker, type Broker } from '../../../broker-core/src/index';
import { embeddedRecordSource } from '../cluster/embedded/embedded-record-source';
import type { RecordSource } from '../cluster/record-source';
import { DeadLetterIndex } from './dead-letter-index';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function broker(): Promise<Broker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-index-'));
  const started = await startBroker({ port: 0, dataDir });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => started.stop());
  return started;
}

/** The broker's records, with every fetch's partition and offset noted. */
function spiedSource(target: Broker): { source: RecordSource; fetches: Array<[number, number]> } {
  const real = embeddedRecordSource(target.logs);
  const fetches: Array<[number, number]> = [];
  return {
    fetches,
    source: {
      ...real,
      fetch(topic, partition, offset, maxBytes) {
        fetches.push([partition, offset]);
        return real.fetch(topic, partition, offset, maxBytes);
      },
    },
  };
}

const text = (value: string) => Buffer.from(value);

/** Appends `count` sweeper-shaped dead letters to `partition`, the n-th dead at `diedAt(n)`. */
async function deadLetters(target: Broker, topic: string, partition: number, first: number, count: number, diedAt: (n: number) => number): Promise<void> {
  const records = Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return {
      key: text(`k${n}`),
      value: text(`v${n} ${'x'.repeat(100)}`),
      timestamp: 1_000 + n,
      headers: [
        { key: '__dlq.errors.topic', value: text('orders') },
        { key: '__dlq.errors.partition', value: text(String(n % 3)) },
        { key: '__dlq.errors.offset', value: text(String(n)) },
        { key: '__dlq.errors.group', value: text('billing') },
        { key: '__dlq.errors.message', value: text(n % 2 === 0 ? 'too old' : 'poison') },
        { key: '__dlq.errors.timestamp', value: text(String(diedAt(n))) },
      ],
    };
  });
  for (let i = 0; i < records.length; i += 500) await target.logs.append(topic, partition, buildRecordBatch(records.slice(i, i + 500)), { acks: 1 });
}

describe('DeadLetterIndex', () => {
  it('keeps the list in order as dead letters arrive, whichever partition and time they have (merged, not sorted again whole)', async () => {
    const target = await broker();
    target.logs.createTopic('orders.dlq', { partitions: 3 });
    const index = new DeadLetterIndex(embeddedRecordSource(target.logs), 'orders.dlq');
    const sort = Array.prototype.sort;
    let sortedLengths: number[] = [];
    Array.prototype.sort = function <T>(this: T[], compare?: (a: T, b: T) => number) {
      sortedLengths.push(this.length);
      return sort.call(this, compare) as T[];
    };
    try {
      let first = 0;
      for (let round = 0; round < 6; round++) {
        // Times interleave across partitions and rounds: a new dead letter may sort before old ones.
        for (let partition = 0; partition < 3; partition++) {
          await deadLetters(target, 'orders.dlq', partition, first, 20, (n) => 50_000 + ((n * 7919) % 1000) * 10 + partition);
          first += 20;
        }
        sortedLengths = [];
        await index.refresh();
        const listed = index.entries().map((entry) => `${entry.diedAt}/${entry.partition}/${entry.offset}`);
        if (round > 0) expect(Math.max(...sortedLengths)).toBe(60); // only the new ones were sorted
        const expected = index
          .entries()
          .slice()
          .sort((a, b) => a.diedAt! - b.diedAt! || a.partition - b.partition || a.offset - b.offset)
          .map((entry) => `${entry.diedAt}/${entry.partition}/${entry.offset}`);
        expect(listed).toEqual(expected);
        expect(listed).toHaveLength(60 * (round + 1));
      }
    } finally {
      Array.prototype.sort = sort;
    }
  });

  it('indexes what each record’s headers say, oldest first across partitions, and reads only new offsets on a refresh', async () => {
    const target = await broker();
    target.logs.createTopic('orders.dlq', { partitions: 2 });
    await deadLetters(target, 'orders.dlq', 0, 0, 3, (n) => 10_000 + n * 10);
    await deadLetters(target, 'orders.dlq', 1, 3, 2, (n) => 10_000 + (n - 3) * 10 + 5);
    const { source, fetches } = spiedSource(target);
    const index = new DeadLetterIndex(source, 'orders.dlq');
    await index.refresh();

    expect(index.size).toBe(5);
    expect(index.entries().map((entry) => [entry.partition, entry.offset, entry.diedAt])).toEqual([
      [0, 0, 10_000],
      [1, 0, 10_005],
      [0, 1, 10_010],
      [1, 1, 10_015],
      [0, 2, 10_020],
    ]);
    expect(index.entry(0, 1)).toEqual({
      partition: 0,
      offset: 1,
      timestamp: 1_001,
      diedAt: 10_010,
      format: 'sweeper',
      reason: 'poison',
      exceptionClass: null,
      source: { topic: 'orders', partition: 1, offset: 1 },
      group: 'billing',
      attempts: null,
    });
    expect(index.partitions()).toEqual([
      { partition: 0, logStartOffset: 0, highWatermark: 3 },
      { partition: 1, logStartOffset: 0, highWatermark: 2 },
    ]);

    fetches.length = 0;
    await index.refresh();
    expect(fetches).toEqual([]); // nothing new: nothing read

    await deadLetters(target, 'orders.dlq', 0, 5, 2, (n) => 20_000 + n);
    const version = index.version;
    await index.refresh();
    expect(fetches).toEqual([[0, 3]]); // only partition 0, only from where it stopped
    expect(index.version).toBeGreaterThan(version);
    expect(index.size).toBe(7);
    expect(index.entries().slice(-2).map((entry) => [entry.partition, entry.offset, entry.source?.offset])).toEqual([
      [0, 3, 5],
      [0, 4, 6],
    ]);
  });

  it('drops what was deleted below the log start, and reads a topic made again from its start', async () => {
    const target = await broker();
    target.logs.createTopic('orders.dlq', { partitions: 1 });
    await deadLetters(target, 'orders.dlq', 0, 0, 10, (n) => 50_000 + n);
    const { source } = spiedSource(target);
    const index = new DeadLetterIndex(source, 'orders.dlq');
    await index.refresh();
    expect(index.size).toBe(10);

    target.logs.deleteRecords('orders.dlq', 0, 6);
    await index.refresh();
    expect(index.entries().map((entry) => entry.offset)).toEqual([6, 7, 8, 9]);
    expect(index.entry(0, 5)).toBeUndefined();

    target.logs.deleteTopic('orders.dlq');
    target.logs.createTopic('orders.dlq', { partitions: 1 });
    await deadLetters(target, 'orders.dlq', 0, 100, 2, (n) => 60_000 + n);
    await index.refresh();
    expect(index.entries().map((entry) => [entry.offset, entry.source?.offset])).toEqual([
      [0, 100],
      [1, 101],
    ]);
  });

  it('reads a large topic in chunks, leaving the event loop free between them; refreshes at once share the work', async () => {
    const target = await broker();
    target.logs.createTopic('big.dlq', { partitions: 1 });
    await deadLetters(target, 'big.dlq', 0, 0, 5_000, (n) => 70_000 + n);
    const { source, fetches } = spiedSource(target);
    const index = new DeadLetterIndex(source, 'big.dlq', { chunkBytes: 16 * 1024 });
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    cleanups.push(() => clearInterval(ticker));
    await Promise.all([index.refresh(), index.refresh(), index.refresh()]);
    clearInterval(ticker);

    expect(index.size).toBe(5_000);
    expect(new Set(index.entries().map((entry) => entry.offset)).size).toBe(5_000);
    // Every offset fetched at most once, over many chunks, while timers still ran.
    const offsets = fetches.map(([, offset]) => offset);
    expect(new Set(offsets).size).toBe(offsets.length);
    expect(fetches.length).toBeGreaterThanOrEqual(10);
    expect(ticks).toBeGreaterThan(1);
  });
});

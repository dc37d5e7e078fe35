/**
 * Replays at scale on the app's host and broker: 100,000 KIP-1191-shaped dead letters in a
 * 4-partition DLQ replayed home to their source topic and partition, progress seen while it runs,
 * and the ledger exact — as many marked replayed as copies stored in the source topic (read back,
 * each dead letter's `__dlq.replay.of` once), each mark naming the offset its copy got; a second
 * replay of them starts nothing and says how many were replayed. A rate-limited replay keeps to
 * its rate, is cancelled midway with exact counts (stored copies = replayed marks = `done`), and
 * the rest replay later without one being sent twice. The ledger survives the host's restart on
 * the same data and state dirs.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildRecordBatch, readStoredRecords, type RecordHeader, type StoredRecord } from '../../../broker-core/src/index';
import { noDeadLetterFilter, type DlqJobProgress } from '../../contract';
import { createContractCaller } from '../contract-caller';
import { createHost, type Host } from '../create-host';
import { ReplayLedger, parseLedgerLine } from '../dlq/replay-ledger';

const dataDir = mkdtempSync(join(tmpdir(), 'eddy-dlq-replay-'));
const stateDir = `${dataDir}-state`;
const hosts: Host[] = [];
afterAll(async () => {
  for (const host of hosts) await host.stop();
  rmSync(dataDir, { recursive: true, force: true });
  rmSync(stateDir, { recursive: true, force: true });
});

async function startHost() {
  const host = createHost({ port: 0, dataDir, stateDir });
  hosts.push(host);
  expect((await host.start()).state).toBe('running');
  return harness(host);
}

/** Typed calls into a running host, and every record stored in a topic (with its partition). */
function harness(host: Host) {
  const { value } = createContractCaller(host.handlers);
  const logs = () => host.broker()!.logs;
  const storedWithPartition = (topic: string): Array<{ partition: number; record: StoredRecord }> => {
    const records: Array<{ partition: number; record: StoredRecord }> = [];
    for (let partition = 0; partition < logs().describeTopic(topic).partitions; partition++) {
      for (let offset = 0; ; ) {
        const read = logs().read(topic, partition, offset, 8 << 20);
        if (read.records.length === 0) break;
        const decoded = readStoredRecords(read.records, { fromOffset: offset });
        for (const record of decoded.records) records.push({ partition, record });
        offset = decoded.nextOffset;
      }
    }
    return records;
  };
  const stored = (topic: string): StoredRecord[] => storedWithPartition(topic).map(({ record }) => record);
  return { host, value, logs, stored, storedWithPartition };
}

const b = (text: string) => Buffer.from(text);
const replayOf = (record: StoredRecord) => record.headers.find((header) => header.key === '__dlq.replay.of')?.value?.toString();

/** `count` dead letters in `dlq` (`partitions` partitions), the n-th from `source` partition n % 4, offset n. */
async function fillDlq(test: Awaited<ReturnType<typeof startHost>>, dlq: string, partitions: number, count: number): Promise<void> {
  test.logs().createTopic(dlq, { partitions });
  const perPartition = Array.from({ length: partitions }, () => [] as Array<{ key: Buffer; value: Buffer; headers: RecordHeader[]; timestamp: number }>);
  for (let n = 0; n < count; n++) {
    perPartition[n % partitions].push({
      key: b(`k${n}`),
      value: b(`{"n":${n}}`),
      timestamp: 1_700_000_000_000 + n,
      headers: [
        { key: 'trace', value: b(`t${n}`) },
        { key: '__dlq.errors.topic', value: b('orders') },
        { key: '__dlq.errors.partition', value: b(String(n % 4)) },
        { key: '__dlq.errors.offset', value: b(String(n)) },
        { key: '__dlq.errors.group', value: b('billing') },
        { key: '__dlq.errors.message', value: b('poison') },
      ],
    });
  }
  for (let partition = 0; partition < partitions; partition++) {
    const records = perPartition[partition];
    for (let i = 0; i < records.length; i += 5_000) await test.logs().append(dlq, partition, buildRecordBatch(records.slice(i, i + 5_000)), { acks: 1 });
  }
}

async function untilEnded(test: Awaited<ReturnType<typeof startHost>>, jobId: string, seen: DlqJobProgress[] = []): Promise<DlqJobProgress> {
  for (;;) {
    const progress = await test.value('dlq.jobPoll', { jobId, waitMs: 0 });
    seen.push(progress);
    if (progress.state !== 'running') return progress;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

const ALL = { kind: 'filter', filter: noDeadLetterFilter } as const;
const TOTAL = 100_000;

describe('replaying dead letters', () => {
  it('replays 100,000 dead letters home with progress, the ledger exactly what was stored, and asks before a second replay', async () => {
    const test = await startHost();
    test.logs().createTopic('orders', { partitions: 4 });
    await fillDlq(test, 'orders.dlq', 4, TOTAL);

    const started = await test.value('dlq.replayStart', { topic: 'orders.dlq', selection: ALL, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(started).toMatchObject({ selected: TOTAL, alreadyReplayed: 0 });
    const seen: DlqJobProgress[] = [];
    const progress = await untilEnded(test, started.jobId!, seen);
    expect(progress).toMatchObject({ kind: 'replay', state: 'done', total: TOTAL, done: TOTAL, failed: 0, failures: [], error: null });
    // Progress was reported while it ran, growing.
    const running = seen.filter((snapshot) => snapshot.state === 'running' && snapshot.done > 0 && snapshot.done < TOTAL);
    expect(running.length).toBeGreaterThan(0);
    expect(seen.map((snapshot) => snapshot.done)).toEqual([...seen.map((snapshot) => snapshot.done)].sort((a, b) => a - b));

    // Every copy stored once, in the partition its provenance names, marked in the ledger at its offset.
    const copies = test.storedWithPartition('orders');
    expect(copies).toHaveLength(TOTAL);
    const byReplayOf = new Map(copies.map(({ partition, record }) => [replayOf(record)!, { partition, offset: record.offset, record }]));
    const ledgerFile = new ReplayLedger(stateDir).fileOf('orders.dlq');
    const marks = readFileSync(ledgerFile, 'utf8').trim().split('\n').slice(1).map((line) => parseLedgerLine(line)!);
    expect(marks).toHaveLength(TOTAL);
    expect(byReplayOf.size).toBe(TOTAL); // no dead letter replayed twice
    for (const { partition, offset, mark } of marks) {
      if (mark.state !== 'replayed') throw new Error(`unexpected mark ${JSON.stringify(mark)}`);
      const copy = byReplayOf.get(`orders.dlq/${partition}/${offset}`);
      expect(copy && { partition: copy.partition, offset: copy.offset }).toEqual({ partition: mark.to.partition, offset: mark.to.offset });
    }
    const sample = byReplayOf.get('orders.dlq/3/4321')!; // n = 4321 * 4 + 3
    const n = 4321 * 4 + 3;
    expect(sample.partition).toBe(n % 4);
    expect([sample.record.key?.toString(), sample.record.value?.toString(), sample.record.timestamp]).toEqual([`k${n}`, `{"n":${n}}`, 1_700_000_000_000 + n]);
    expect(sample.record.headers.map((header) => header.key)).toEqual(['trace', '__dlq.replay.of']);

    expect(await test.value('dlq.replayStart', { topic: 'orders.dlq', selection: ALL, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false })).toEqual({ jobId: null, selected: TOTAL, alreadyReplayed: TOTAL });
    expect(test.stored('orders')).toHaveLength(TOTAL);
    expect(await test.value('dlq.summary', { topic: 'orders.dlq' })).toMatchObject({ total: TOTAL, dead: 0, replayed: TOTAL, discarded: 0 });
  });

  it('keeps to a rate limit, cancels with exact counts, and replays the rest later without doubles', async () => {
    const test = harness(hosts.at(-1)!); // the host (and data) of the test before
    const count = 3_000;
    const rate = 1_000;
    await fillDlq(test, 'small.dlq', 2, count);
    test.logs().createTopic('retry', { partitions: 3 });

    const started = await test.value('dlq.replayStart', { topic: 'small.dlq', selection: ALL, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: rate, replayAgain: false, includeDiscarded: false });
    await new Promise((resolve) => setTimeout(resolve, 700));
    const midway = await test.value('dlq.jobPoll', { jobId: started.jobId!, waitMs: 0 });
    expect(midway.state).toBe('running');
    expect(midway.done).toBeGreaterThan(0);
    const cancelled = await test.value('dlq.jobCancel', { jobId: started.jobId! });
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.done).toBeGreaterThanOrEqual(midway.done);
    expect(cancelled.done).toBeLessThan(count);
    // The rate was kept to: never more than rate × elapsed (plus the first step's worth).
    expect(cancelled.done).toBeLessThanOrEqual((rate * cancelled.elapsedMs) / 1000 + rate / 20);

    // Exact: what is stored is what the ledger (and `done`) says was replayed; nothing moves after the cancel.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const inRetry = test.stored('retry');
    expect(inRetry).toHaveLength(cancelled.done);
    expect(new Set(inRetry.map(replayOf)).size).toBe(cancelled.done);
    expect(await test.value('dlq.summary', { topic: 'small.dlq' })).toMatchObject({ total: count, replayed: cancelled.done, dead: count - cancelled.done });

    // Again without confirming: refused, counting the replayed ones. The rest, by state, goes through.
    expect(await test.value('dlq.replayStart', { topic: 'small.dlq', selection: ALL, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false })).toEqual({
      jobId: null,
      selected: count,
      alreadyReplayed: cancelled.done,
    });
    const rest = await test.value('dlq.replayStart', { topic: 'small.dlq', selection: { kind: 'filter', filter: { ...noDeadLetterFilter, state: 'dead' } }, target: { kind: 'topic', topic: 'retry' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false });
    expect(rest).toMatchObject({ selected: count - cancelled.done, alreadyReplayed: 0 });
    expect(await untilEnded(test, rest.jobId!)).toMatchObject({ state: 'done', done: count - cancelled.done, failed: 0 });
    const all = test.stored('retry');
    expect(all).toHaveLength(count);
    expect(new Set(all.map(replayOf)).size).toBe(count);
  });

  it('remembers every replay across a restart of the host on the same data and state dirs', async () => {
    for (const host of hosts.splice(0)) await host.stop();
    const test = await startHost();
    const { topics } = await test.value('dlq.topics', {});
    expect(topics).toEqual([
      { topic: 'orders.dlq', recognizedBy: 'name', partitions: 4, records: TOTAL, dead: 0, replayed: TOTAL, discarded: 0 },
      { topic: 'small.dlq', recognizedBy: 'name', partitions: 2, records: 3_000, dead: 0, replayed: 3_000, discarded: 0 },
    ]);
    expect(await test.value('dlq.replayStart', { topic: 'orders.dlq', selection: ALL, target: { kind: 'original' }, ratePerSecond: null, replayAgain: false, includeDiscarded: false })).toEqual({ jobId: null, selected: TOTAL, alreadyReplayed: TOTAL });
    const one = await test.value('dlq.list', { topic: 'orders.dlq', filter: { ...noDeadLetterFilter, state: 'replayed' }, start: 0, limit: 1, decode: { key: 'string', value: 'auto' } });
    expect(one.total).toBe(TOTAL);
    expect(one.deadLetters[0]).toMatchObject({ state: 'replayed', replay: { topic: 'orders', partition: 0, offset: expect.any(Number) } });
    expect(test.stored('orders')).toHaveLength(TOTAL);
  });
});

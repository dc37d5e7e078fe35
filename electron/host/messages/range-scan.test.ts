/**
 * RangeScan's scheduling with stand-in workers (in process, answering when the test says) over a
 * real broker's records: findings reach the consumer in read order whatever order the workers
 * answer in, a consumer's hold stops further reads, retention deleting what is next makes the scan
 * go on from the new log start, and a worker that dies fails the scan with its reason.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildRecordBatch, readStoredRecords, startBroker, type Broker } from '../../../broker-core/src/index';
import { embeddedRecordSource } from '../cluster/embedded/embedded-record-source';
import type { RecordSource } from '../cluster/record-source';
import { RangeScan, scanRanges, type ScanConsumer } from './range-scan';
import type { ChunkResult, SearchChunk } from './search-worker';
import type { SearchWorkerHandle } from './search-worker-handle';

const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function broker(): Promise<Broker> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-scan-'));
  const started = await startBroker({ port: 0, dataDir });
  cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
  cleanups.push(() => started.stop());
  return started;
}

async function fill(target: Broker, topic: string, records: number, perBatch = 100): Promise<void> {
  for (let first = 0; first < records; first += perBatch) {
    await target.logs.append(topic, 0, buildRecordBatch(Array.from({ length: perBatch }, (_, i) => ({ value: Buffer.from(`record ${first + i} ${'x'.repeat(200)}`) }))), { acks: 1 });
  }
}

/** A worker that decodes in process and answers when `release()` is called (all held chunks, in the order given). */
class HeldWorker implements SearchWorkerHandle {
  readonly held: Array<Omit<SearchChunk, 'type'>> = [];
  private resultListener: (result: ChunkResult) => void = () => {};
  private exitListener: (reason: string) => void = () => {};
  terminated = false;

  async init(): Promise<void> {}
  send(chunk: Omit<SearchChunk, 'type'>): void {
    this.held.push(chunk);
  }
  onResult(listener: (result: ChunkResult) => void): void {
    this.resultListener = listener;
  }
  onExit(listener: (reason: string) => void): void {
    this.exitListener = listener;
  }
  async terminate(): Promise<void> {
    this.terminated = true;
  }
  /** Answers the held chunks, newest first when `reversed`. */
  release(reversed = false): void {
    const chunks = this.held.splice(0);
    if (reversed) chunks.reverse();
    for (const chunk of chunks) {
      const decoded = readStoredRecords(Buffer.from(chunk.bytes), { fromOffset: chunk.fromOffset });
      const records = decoded.records.filter((record) => record.offset < chunk.toOffset);
      const lines = records.map((record) => `${record.offset}\n`);
      let end = 0;
      this.resultListener({
        type: 'result',
        id: chunk.id,
        partition: chunk.partition,
        matches: [],
        exported: { text: lines.join(''), ends: Uint32Array.from(lines, (line) => (end += line.length)) },
        problems: [],
        scanned: records.length,
        nextOffset: records.length > 0 ? records[records.length - 1].offset + 1 : chunk.fromOffset,
        error: null,
      });
    }
  }
  die(reason: string): void {
    this.exitListener(reason);
  }
}

const linesOf = (result: ChunkResult) => (result.exported?.text ?? '').split('\n').filter((line) => line !== '');

function collector(): ScanConsumer & { lines: string[]; endings: Array<[string, string | null]> } {
  const lines: string[] = [];
  const endings: Array<[string, string | null]> = [];
  return {
    lines,
    endings,
    take: (result) => {
      lines.push(...linesOf(result));
      return true;
    },
    ended: (state, error) => void endings.push([state, error]),
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 5));
  expect(condition()).toBe(true);
}

describe('RangeScan', () => {
  it('hands findings over in the order the chunks were read, whichever worker answers first', async () => {
    const target = await broker();
    target.logs.createTopic('ordered', { partitions: 1 });
    await fill(target, 'ordered', 3000);
    const source = embeddedRecordSource(target.logs);
    const scans = await scanRanges(source, { topic: 'ordered', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' } });
    const workers = [new HeldWorker(), new HeldWorker()];
    const consumer = collector();
    const scan = new RangeScan(source, 'ordered', scans, workers, 64 * 1024, consumer);
    scan.start();
    while (scan.state === 'running') {
      await until(() => workers.some((worker) => worker.held.length > 0) || scan.state !== 'running');
      workers[1].release(true); // the second worker's chunks first, newest first
      workers[0].release(true);
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(consumer.endings).toEqual([['done', null]]);
    expect(consumer.lines.map(Number)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
    expect(workers.every((worker) => worker.terminated)).toBe(true);
    expect(scan.scanned).toBe(3000);
  });

  it('reads nothing more while the consumer holds, and goes on once it lets go', async () => {
    const target = await broker();
    target.logs.createTopic('held', { partitions: 1 });
    await fill(target, 'held', 3000);
    const source = embeddedRecordSource(target.logs);
    const scans = await scanRanges(source, { topic: 'held', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' } });
    let letGo!: (more: boolean) => void;
    let holds = 0;
    const lines: string[] = [];
    const worker = new HeldWorker();
    let ended = '';
    const scan = new RangeScan(source, 'held', scans, [worker], 64 * 1024, {
      take: (result) => {
        lines.push(...linesOf(result));
        if (holds++ > 0) return true;
        return new Promise<boolean>((resolve) => (letGo = resolve));
      },
      ended: (state) => void (ended = state),
    });
    scan.start();
    await until(() => worker.held.length === 2);
    worker.release();
    await until(() => holds === 2 || lines.length > 0);
    const sentWhileHeld = worker.held.length;
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(worker.held.length).toBe(sentWhileHeld); // nothing more was read
    letGo(true);
    while (scan.state === 'running') {
      await until(() => worker.held.length > 0 || scan.state !== 'running');
      worker.release();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(ended).toBe('done');
    expect(lines.map(Number)).toEqual(Array.from({ length: 3000 }, (_, i) => i));
  });

  it('goes on from the new log start when retention deleted what was next', async () => {
    const target = await broker();
    target.logs.createTopic('retained', { partitions: 1 });
    await fill(target, 'retained', 1000);
    const inner = embeddedRecordSource(target.logs);
    let fetches = 0;
    // The second fetch finds its offset deleted (DeleteRecords up to 700 in between).
    const source: RecordSource = {
      ...inner,
      fetch: async (topic, partition, offset, maxBytes) => {
        if (++fetches === 2) target.logs.deleteRecords(topic, partition, 700);
        return inner.fetch(topic, partition, offset, maxBytes);
      },
    };
    const scans = await scanRanges(source, { topic: 'retained', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' } });
    const worker = new HeldWorker();
    const consumer = collector();
    const scan = new RangeScan(source, 'retained', scans, [worker], 16 * 1024, consumer);
    scan.start();
    while (scan.state === 'running') {
      await until(() => worker.held.length > 0 || scan.state !== 'running');
      worker.release();
      await new Promise((resolve) => setTimeout(resolve, 1));
    }
    expect(consumer.endings).toEqual([['done', null]]);
    const offsets = consumer.lines.map(Number);
    expect(offsets[0]).toBe(0);
    expect(offsets.slice(-300)).toEqual(Array.from({ length: 300 }, (_, i) => 700 + i));
    expect(new Set(offsets).size).toBe(offsets.length);
  });

  it('fails with the reason when a worker dies (out of memory, say)', async () => {
    const target = await broker();
    target.logs.createTopic('dies', { partitions: 1 });
    await fill(target, 'dies', 500);
    const source = embeddedRecordSource(target.logs);
    const scans = await scanRanges(source, { topic: 'dies', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' } });
    const worker = new HeldWorker();
    const consumer = collector();
    const scan = new RangeScan(source, 'dies', scans, [worker], 16 * 1024, consumer);
    scan.start();
    await until(() => worker.held.length > 0);
    worker.die('the search ran out of memory (its limit is 32 MB)');
    expect(scan.state).toBe('failed');
    expect(consumer.endings).toEqual([['failed', 'the search ran out of memory (its limit is 32 MB)']]);
  });
});

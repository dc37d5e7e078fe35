import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { LogManager } from './log-manager';
import { writeInt64 } from '../records/record-batch-layout';
import { validateRecordBatches } from '../records/record-batch-validator';
import { LogFileCache } from './log-file-cache';
import { LogSegment, type SegmentContext } from './log-segment';
import { HEAP_MEMORY, ReadBufferPool, type ReadMemory } from './read-buffer-pool';
import { TailCache } from './tail-cache';
import { batchOf, recordingLogger, tempDir } from './test-fixtures';
import { WritePacer } from './write-pacer';

const KiB = 1024;

/** Batches of `recordsEach` records with 100-byte values, back to back, offsets from 0. */
function batches(count: number, recordsEach = 5): Buffer[] {
  let offset = 0;
  return Array.from({ length: count }, (_, i) => {
    const batch = batchOf(`b${String(i).padStart(3, "0")}`, recordsEach, 1_000 + i, 100); // all the same size
    writeInt64(batch, 0, offset);
    offset += recordsEach;
    return batch;
  });
}

/** A reader that holds what it is lent until `release()` (a fetch response). */
function holdingReader(): ReadMemory & { release(): void } {
  return new ReadBufferPool({ slabBytes: 64 * KiB }).lease();
}

function cache(budgetBytes: number, blockBytes = 4 * KiB): TailCache {
  return new TailCache({ budgetBytes, blockBytes, prefault: false });
}

/** Takes a first block so the cache prepares memory (synchronously here: prefault off). */
function warm(tail: TailCache): void {
  const run = tail.run();
  run.record(0, batches(1));
  run.clear();
}

describe('TailCache', () => {
  it('serves whole batches from one block, lent to a holding reader and copied for others', () => {
    const tail = cache(64 * KiB);
    warm(tail);
    const run = tail.run();
    const written = batches(6);
    const bytes = Buffer.concat(written);
    run.record(0, [bytes]);

    const reader = holdingReader();
    const lent = run.read(0, 2 * written[0].length, true, reader)!;
    expect(lent.equals(bytes.subarray(0, 2 * written[0].length))).toBe(true);
    const copied = run.read(written[0].length, 1, true, HEAP_MEMORY)!;
    expect(copied.equals(written[1])).toBe(true); // at least one batch, even past maxBytes
    expect(run.read(written[0].length, 1, false, HEAP_MEMORY)!.length).toBe(0);
    expect(run.read(bytes.length, 1 << 20, true, HEAP_MEMORY)).toBeNull(); // past what was written
    expect(tail.stats()).toMatchObject({ hits: 2, misses: 1 });
    reader.release();
  });

  it('never splits a batch across blocks, so a read stops at the end of a block', () => {
    const tail = cache(64 * KiB, 2 * KiB);
    warm(tail);
    const run = tail.run();
    const written = batches(8);
    const size = written[0].length;
    const perBlock = Math.floor((2 * KiB) / size);
    expect(perBlock).toBeGreaterThan(1);
    run.record(0, [Buffer.concat(written)]);
    const first = run.read(0, 1 << 20, true, HEAP_MEMORY)!;
    expect(first.length).toBe(perBlock * size);
    const second = run.read(first.length, 1 << 20, true, HEAP_MEMORY)!;
    expect(second.equals(Buffer.concat(written.slice(perBlock, 2 * perBlock)))).toBe(true);
  });

  it('gives the oldest block back when the budget is spent (first in, first out)', () => {
    const written = batches(12);
    const size = written[0].length;
    const tail = cache(4 * size, size); // four blocks of one batch each
    warm(tail);
    const run = tail.run();
    let position = 0;
    for (const batch of written) {
      run.record(position, [batch]);
      position += batch.length;
    }
    expect(run.read(0, 1 << 20, true, HEAP_MEMORY)).toBeNull();
    expect(run.read(7 * size, 1 << 20, true, HEAP_MEMORY)).toBeNull();
    for (let i = 8; i < 12; i++) expect(run.read(i * size, 1 << 20, true, HEAP_MEMORY)!.equals(written[i])).toBe(true);
    expect(tail.stats().cachedBytes).toBe(4 * size);
    expect(tail.stats().allocatedBytes).toBeLessThanOrEqual(4 * size);
  });

  it('does not reuse a block a response still holds: its bytes stay as they were lent', () => {
    const written = batches(6);
    const size = written[0].length;
    const tail = cache(2 * size, size);
    warm(tail);
    const run = tail.run();
    run.record(0, [written[0]]);
    const reader = holdingReader();
    const lent = run.read(0, 1 << 20, true, reader)!;
    const before = Buffer.from(lent);
    for (let i = 1; i < 6; i++) run.record(i * size, [written[i]]);
    expect(lent.equals(before)).toBe(true); // not overwritten by the later batches
    expect(run.read(0, 1 << 20, true, HEAP_MEMORY)).toBeNull(); // but no longer served
    reader.release();
    run.record(6 * size, [written[0]]); // the block is free again and can be reused
    expect(tail.stats().allocatedBytes).toBeLessThanOrEqual(2 * size);
  });

  it('skips a batch larger than a block and caches what follows', () => {
    const tail = cache(64 * KiB, 2 * KiB);
    warm(tail);
    const run = tail.run();
    const big = batchOf('big', 40, 1_000, 100);
    const small = batchOf('small', 2);
    expect(big.length).toBeGreaterThan(2 * KiB);
    run.record(0, [big, small]);
    expect(run.read(0, 1 << 20, true, HEAP_MEMORY)).toBeNull();
    expect(run.read(big.length, 1 << 20, true, HEAP_MEMORY)!.equals(small)).toBe(true);
  });

  it('is off with a budget of 0', () => {
    const off = cache(0);
    expect(off.enabled).toBe(false);
    const run = off.run();
    run.record(0, batches(2));
    expect(run.read(0, 1 << 20, true, HEAP_MEMORY)).toBeNull();
    expect(off.stats()).toMatchObject({ allocatedBytes: 0, cachedBytes: 0 });
  });

  it('takes memory as it is used: a small workload holds a few blocks of a large budget', async () => {
    const tail = new TailCache({ budgetBytes: 256 * 2 ** 20, blockBytes: 2 ** 20 });
    const run = tail.run();
    let position = 0;
    for (const batch of batches(20)) {
      run.record(position, [batch]);
      position += batch.length;
      await tail.settled();
    }
    expect(tail.stats().cachedBytes).toBeGreaterThan(0);
    expect(tail.stats().allocatedBytes).toBeLessThanOrEqual(8 * 2 ** 20);
  });

  it('faults its memory in on the thread pool before use and caches once it is ready', async () => {
    const tail = new TailCache({ budgetBytes: 64 * KiB, blockBytes: 4 * KiB });
    const run = tail.run();
    const written = batches(2);
    run.record(0, [written[0]]); // nothing is ready yet: not cached, memory being prepared
    expect(run.read(0, 1 << 20, true, HEAP_MEMORY)).toBeNull();
    await tail.settled();
    run.record(written[0].length, [written[1]]);
    expect(run.read(written[0].length, 1 << 20, true, HEAP_MEMORY)!.equals(written[1])).toBe(true);
  });

  it('grows one thread-pool read at a time, up to its reserve', async () => {
    const blockBytes = 4 * KiB;
    const tail = new TailCache({ budgetBytes: 1024 * blockBytes, blockBytes });
    const run = tail.run();
    const written = batches(100, 30); // a block holds one of these
    let position = 0;
    const record = (batch: Buffer) => {
      run.record(position, [batch]);
      position += batch.length;
    };
    // A slow writer: the reserve (as many ready blocks as are in use) keeps up with it.
    for (const [i, batch] of written.slice(0, 48).entries()) {
      record(batch);
      if (i % 8 === 7) await tail.settled();
    }
    expect(tail.stats().allocatedBytes).toBeGreaterThan(32 * blockBytes);
    // A burst uses the reserve up: more memory is prepared, but by one read of ≤ 16 blocks at a time.
    let mostPreparing = 0;
    for (const batch of written.slice(48)) {
      record(batch);
      mostPreparing = Math.max(mostPreparing, tail.stats().preparingBytes);
    }
    expect(mostPreparing).toBeGreaterThan(0);
    expect(mostPreparing).toBeLessThanOrEqual(16 * blockBytes);
    await tail.settled();
    expect(tail.stats().preparingBytes).toBe(0);
  });
});

describe('LogSegment reads with the tail cache', () => {
  function context(tailCache: TailCache): SegmentContext {
    return { warn: () => {}, indexIntervalBytes: () => 4096, writePacer: new WritePacer(), logFiles: new LogFileCache(), tailCache };
  }

  async function appendAll(segment: LogSegment, payloads: Buffer[], cacheWrites: boolean): Promise<void> {
    for (const bytes of payloads) {
      const summaries = validateRecordBatches(bytes, { maxBatchBytes: 1 << 30 });
      const base = segment.nextOffset;
      writeInt64(bytes, 0, base);
      await segment.append([{ bytes, batches: summaries, firstOffset: base }], 100, cacheWrites);
    }
  }

  /** Reads the whole segment in `maxBytes` steps: the bytes, and the length of every read. */
  function readAll(segment: LogSegment, maxBytes: number, memory: ReadMemory): { bytes: Buffer; reads: number[] } {
    const parts: Buffer[] = [];
    let position = 0;
    while (position < segment.size) {
      const part = segment.read(position, maxBytes, true, memory);
      parts.push(Buffer.from(part));
      position += part.length;
    }
    return { bytes: Buffer.concat(parts), reads: parts.map((part) => part.length) };
  }

  it('returns the same bytes as the file, whether written through or not cached', async () => {
    for (const cacheWrites of [true, false]) {
      const tail = cache(256 * KiB, 16 * KiB);
      warm(tail);
      const segment = LogSegment.create(tempDir(), 0, context(tail));
      await appendAll(segment, Array.from({ length: 40 }, (_, i) => batchOf(`p${i}`, 1 + (i % 7), 1_000 + i, 50 + i * 13)), cacheWrites);
      const file = segment.readBytes(0, segment.size);
      for (const maxBytes of [1, 3 * KiB, 20 * KiB, 1 << 20]) {
        const reader = holdingReader();
        expect(readAll(segment, maxBytes, reader).bytes.equals(file)).toBe(true); // lent from memory, or read from the file
        expect(readAll(segment, maxBytes, HEAP_MEMORY).bytes.equals(file)).toBe(true); // copied from memory, or read from the file
        reader.release();
      }
      if (cacheWrites) expect(tail.stats().hits).toBeGreaterThan(0);
      else expect(tail.stats()).toMatchObject({ hits: 0, cachedBytes: 0 }); // reads are not kept
      segment.close();
      expect(tail.stats().cachedBytes).toBe(0); // a closed segment gives its blocks back
    }
  });
});

describe('what the partition log caches', () => {
  it('caches appends only to partitions read lately, serves them, and lets go of a deleted topic', async () => {
    const logs = await LogManager.open(tempDir(), BrokerConfig.from({ 'log.tail.cache.bytes': String(8 * 2 ** 20) }), recordingLogger(), { retentionCheckIntervalMs: 0 });
    try {
      logs.createTopic('written', { partitions: 1 });
      logs.createTopic('tailed', { partitions: 1 });
      await logs.append('written', 0, batchOf('w', 3), { acks: 1 });
      expect(logs.tailCache.stats().cachedBytes).toBe(0); // nobody reads it: nothing kept

      expect(logs.read('tailed', 0, 0, 1 << 20).records.length).toBe(0); // a consumer waits at the end
      await logs.append('tailed', 0, batchOf('t0', 3), { acks: 1 }); // makes the cache prepare memory
      await logs.tailCache.settled();
      const appended = [batchOf('t1', 4), batchOf('t2', 5)];
      for (const batch of appended) await logs.append('tailed', 0, batch, { acks: 1 });
      expect(logs.tailCache.stats().cachedBytes).toBe(appended[0].length + appended[1].length);

      const hits = logs.tailCache.stats().hits;
      const lease = new ReadBufferPool().lease();
      const read = logs.read('tailed', 0, 3, 1 << 20, { memory: lease });
      expect(read.records.equals(Buffer.concat(appended))).toBe(true); // offsets as assigned, from memory
      expect(read.nextOffset).toBe(12);
      expect(logs.tailCache.stats().hits).toBe(hits + 1);
      lease.release();

      await logs.deleteTopic('tailed');
      expect(logs.tailCache.stats().cachedBytes).toBe(0);
    } finally {
      await logs.close();
    }
  });
});

import { readFileSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodeBatches } from '../records/record-batch-decoder';
import { writeInt64 } from '../records/record-batch-layout';
import { validateRecordBatches } from '../records/record-batch-validator';
import { LogSegment, type SegmentContext } from './log-segment';
import { batchOf, tempDir } from './test-fixtures';
import { LogFileCache } from './log-file-cache';
import { TailCache } from './tail-cache';
import { WritePacer } from './write-pacer';

/** The tail cache is off here, so reads come from the file (tail-cache.test.ts reads with it). */
function context(warnings: string[] = [], indexIntervalBytes = 4096): SegmentContext {
  return { warn: (message) => warnings.push(message), indexIntervalBytes: () => indexIntervalBytes, writePacer: new WritePacer(), logFiles: new LogFileCache(), tailCache: new TailCache({ budgetBytes: 0 }) };
}

/** Appends `batch` at the segment's next offset, as the partition log would. */
async function appendAt(segment: LogSegment, batch: Buffer, appendTime: number): Promise<number> {
  const summaries = validateRecordBatches(batch, { maxBatchBytes: 1 << 30 });
  const base = segment.nextOffset;
  writeInt64(batch, 0, base);
  await segment.append([{ bytes: batch, batches: summaries, firstOffset: base }], appendTime);
  return base;
}

async function fill(segment: LogSegment, batches: number, recordsPerBatch = 10, valueBytes = 100): Promise<void> {
  for (let i = 0; i < batches; i++) await appendAt(segment, batchOf(`b${i}`, recordsPerBatch, 1_000 + i * 100, valueBytes), 50_000 + i);
}

describe('LogSegment', () => {
  it('appends batches back to back and reads whole batches within a byte budget', async () => {
    const segment = LogSegment.create(tempDir(), 0, context());
    const first = batchOf('a', 3);
    const second = batchOf('b', 2);
    await appendAt(segment, first, 10);
    await appendAt(segment, second, 11);
    expect(segment.size).toBe(first.length + second.length);
    expect(segment.nextOffset).toBe(5);
    expect(readFileSync(segment.paths.log).equals(Buffer.concat([first, second]))).toBe(true);

    expect(segment.read(0, first.length + second.length - 1, true).length).toBe(first.length);
    expect(segment.read(0, 10, true).length).toBe(first.length);
    expect(segment.read(0, 10, false).length).toBe(0);
    const both = decodeBatches(segment.read(0, 1 << 20, true));
    expect(both.flatMap((batch) => batch.records!.map((record) => `${record.offset}:${record.value}`))).toEqual(['0:a-0', '1:a-1', '2:a-2', '3:b-0', '4:b-1']);
  });

  it('reads exactly the whole batches that fit a budget, with or without an index entry at its end', async () => {
    const segment = LogSegment.create(tempDir(), 0, context([], 1_000));
    const batches = Array.from({ length: 6 }, (_, i) => batchOf(`big${i}`, 2, 1_000, 2_000)); // each indexed (> 1,000 bytes)
    for (const [i, batch] of batches.entries()) await appendAt(segment, batch, 100 + i);
    const size = batches[0].length;
    for (const budget of [size, 2 * size + 10, 3 * size - 1, 3 * size, 5 * size + size / 2]) {
      const read = segment.read(0, budget, true);
      expect(read.length % size).toBe(0);
      expect(read.length).toBe(Math.floor(budget / size) * size); // every batch that fits, none cut off
      expect(decodeBatches(read).map((batch) => batch.records![0].offset)).toEqual(Array.from({ length: read.length / size }, (_, i) => 2 * i));
    }
    expect(segment.read(0, size - 1, true).length).toBe(size); // KIP-74: the first batch even if larger
    expect(segment.read(3 * size, 1 << 20, true).length).toBe(3 * size); // the rest, to the end
  });

  it('adds an offset and a time index entry after more than index.interval.bytes', async () => {
    const segment = LogSegment.create(tempDir(), 0, context([], 1000));
    await fill(segment, 12, 5, 100);
    expect(segment.size / 12).toBeGreaterThan(500);
    expect(segment.offsetIndex.length).toBe(5);
    const third = segment.findBatch(13)!;
    expect(third).toMatchObject({ baseOffset: 10, lastOffset: 14 });
    expect(segment.offsetIndex.lookup(13)).toEqual({ offset: 0, position: 0 });
    expect(segment.offsetIndex.lookup(15)).toEqual({ offset: 14, position: third.position });
    expect(segment.offsetIndex.lookup(59)).toEqual({ offset: 54, position: segment.findBatch(54)!.position });
    expect(segment.timeIndex.file.length).toBe(5);
    expect(segment.findBatch(60)).toBeNull();
  });

  it('keeps one append-time entry per distinct time and answers the sweeper’s questions', async () => {
    const segment = LogSegment.create(tempDir(), 0, context());
    await appendAt(segment, batchOf('a', 2), 100);
    await appendAt(segment, batchOf('b', 2), 100);
    await appendAt(segment, batchOf('c', 2), 105);
    expect(statSync(segment.paths.appendTime).size).toBe(24);
    expect(segment.appendTimeAt(3)).toBe(100);
    expect(segment.appendTimeAt(4)).toBe(105);
    expect(segment.firstOffsetAppendedAtOrAfter(101)).toBe(4);
    expect(segment.firstOffsetAppendedAtOrAfter(106)).toBeNull();
  });

  it('finds the first record at or after a timestamp, inside a batch', async () => {
    const segment = LogSegment.create(tempDir(), 0, context());
    await fill(segment, 5, 10, 10);
    expect(segment.findRecordByTimestamp(1_203, 0)).toEqual({ offset: 23, timestamp: 1_203 });
    expect(segment.findRecordByTimestamp(1_250, 0)).toEqual({ offset: 30, timestamp: 1_300 });
    expect(segment.findRecordByTimestamp(0, 12)).toEqual({ offset: 12, timestamp: 1_102 });
    expect(segment.findRecordByTimestamp(99_999, 0)).toBeNull();
    expect(segment.largestTimestamp()).toEqual({ timestamp: 1_409, offset: 49 });
  });

  it('once sealed, reopens lazily with the same answers', async () => {
    const dir = tempDir();
    const segment = LogSegment.create(dir, 0, context());
    await fill(segment, 40, 10, 100);
    segment.nextOffset = 400;
    segment.seal();
    segment.close();
    const reopened = LogSegment.existing(dir, 0, segment.size, context());
    reopened.nextOffset = 400;
    expect(reopened.largestTimestamp()).toEqual({ timestamp: 4_909, offset: 399 });
    expect(reopened.findBatch(255)).toMatchObject({ baseOffset: 250, lastOffset: 259 });
    expect(reopened.lastAppendTimeOrNull()).toBe(50_039);
    expect(reopened.firstAppendTime()).toBe(50_000);
  });

  it('rebuilds a deleted or corrupt index of an inactive segment from the log', async () => {
    const dir = tempDir();
    const segment = LogSegment.create(dir, 0, context());
    await fill(segment, 40, 10, 100);
    segment.nextOffset = 400;
    segment.seal();
    segment.close();
    const expected = readFileSync(segment.paths.offsetIndex);
    expect(expected.length).toBeGreaterThan(0);

    unlinkSync(segment.paths.offsetIndex);
    const warnings: string[] = [];
    const afterDelete = LogSegment.existing(dir, 0, segment.size, context(warnings));
    afterDelete.nextOffset = 400;
    expect(afterDelete.findBatch(255)).toMatchObject({ baseOffset: 250 });
    expect(warnings.join()).toMatch(/missing; rebuilding it/);
    expect(readFileSync(segment.paths.offsetIndex).equals(expected)).toBe(true);

    const corrupt = Buffer.from(expected);
    corrupt.writeInt32BE(1, corrupt.length - 4);
    writeFileSync(segment.paths.offsetIndex, corrupt);
    const afterCorruption = LogSegment.existing(dir, 0, segment.size, context(warnings));
    afterCorruption.nextOffset = 400;
    expect(afterCorruption.findBatch(399)).toMatchObject({ baseOffset: 390 });
    expect(warnings.join()).toMatch(/inconsistent/);
    expect(readFileSync(segment.paths.offsetIndex).equals(expected)).toBe(true);
  });

  it('gives batches the log file time when their append-time sidecar is lost', async () => {
    const dir = tempDir();
    const segment = LogSegment.create(dir, 0, context());
    await fill(segment, 3);
    segment.nextOffset = 30;
    segment.seal();
    segment.close();
    unlinkSync(segment.paths.appendTime);
    const warnings: string[] = [];
    const reopened = LogSegment.existing(dir, 0, segment.size, context(warnings));
    reopened.nextOffset = 30;
    const mtime = Math.floor(statSync(segment.paths.log).mtimeMs);
    expect(reopened.appendTimeAt(15)).toBe(mtime);
    expect(mtime).toBeGreaterThanOrEqual(50_002);
    expect(warnings.join()).toMatch(/no append times/);
  });

  it('deletes its files, log first', async () => {
    const segment = LogSegment.create(tempDir(), 0, context());
    await fill(segment, 1);
    segment.delete();
    for (const path of Object.values(segment.paths)) expect(() => statSync(path)).toThrow(/ENOENT/);
  });
});

/**
 * Pages of records over a set of partitions (the browse view), through a RecordSource.
 *
 * A page takes about `limit / partitions` records from each partition (at least one), so every
 * partition shows up, and merges them by timestamp, keeping each partition in offset order (the
 * head with the smallest timestamp goes next; a partition's own timestamps need not be ordered). From `newest`
 * it reads backwards from the high watermarks and lists newest first; from `oldest`, an offset or
 * a time it reads forwards and lists in append order. Each page carries the cursors of its
 * neighbours: per partition, where the page began and ended, so paging never skips or repeats a
 * record of a partition even while records keep arriving. A partition with nothing before (after)
 * the page contributes no position; a cursor with no position left is null.
 */
import type { BatchProblem, Decoding, MessageRecord, PageCursor, PartitionRange, RecordPage, StartPosition } from '../../contract';
import { PREVIEW_CHARS } from '../../contract';
import type { PartitionOffsets, RecordSource } from '../cluster/record-source';
import { selectPartitions } from '../cluster/partition-selection';
import { readRange, type BatchDecoder } from './partition-reader';
import { toMessageRecord, type RecordFields } from './record-dto';

type Order = RecordPage['order'];

interface Taken {
  partition: number;
  record: RecordFields;
}

interface PartitionSpan {
  partition: number;
  /** First offset the page covers (records from here on were read). */
  from: number;
  /** The offset after the last record the page covers. */
  to: number;
  range: PartitionOffsets;
}

/** The records of every partition (each in offset order) merged by timestamp, then partition. */
function mergeByTime(taken: Taken[]): Taken[] {
  const lanes = new Map<number, Taken[]>();
  for (const item of taken) {
    const lane = lanes.get(item.partition) ?? [];
    lane.push(item);
    lanes.set(item.partition, lane);
  }
  const queues = [...lanes.values()].map((lane) => lane.sort((a, b) => a.record.offset - b.record.offset));
  const heads = queues.map(() => 0);
  const merged: Taken[] = [];
  for (;;) {
    let best = -1;
    for (let i = 0; i < queues.length; i++) {
      if (heads[i] >= queues[i].length) continue;
      const candidate = queues[i][heads[i]];
      if (best < 0) best = i;
      else {
        const leader = queues[best][heads[best]];
        if (candidate.record.timestamp < leader.record.timestamp || (candidate.record.timestamp === leader.record.timestamp && candidate.partition < leader.partition)) best = i;
      }
    }
    if (best < 0) return merged;
    merged.push(queues[best][heads[best]++]);
  }
}

export class RecordPages {
  constructor(
    private readonly source: RecordSource,
    private readonly decode: BatchDecoder,
  ) {}

  async browse(topic: string, partitions: readonly number[] | null, start: StartPosition, limit: number, decoding: Decoding): Promise<RecordPage> {
    const ranges = await selectPartitions(this.source, topic, partitions);
    if (start.from === 'newest') {
      return this.backward(topic, ranges, new Map(ranges.map((range) => [range.partition, range.highWatermark])), limit, decoding, 'newest-first');
    }
    const starts = new Map<number, number>();
    for (const range of ranges) {
      let offset: number;
      if (start.from === 'oldest') offset = range.logStartOffset;
      else if (start.from === 'offset') offset = start.offset;
      else offset = (await this.source.offsetForTime(topic, range.partition, start.timestamp)) ?? range.highWatermark;
      starts.set(range.partition, Math.min(Math.max(offset, range.logStartOffset), range.highWatermark));
    }
    return this.forward(topic, ranges, starts, limit, decoding, 'oldest-first');
  }

  async page(topic: string, cursor: PageCursor, limit: number, decoding: Decoding): Promise<RecordPage> {
    const positions = new Map(Object.entries(cursor.positions).map(([partition, offset]) => [Number(partition), offset]));
    const ranges = await selectPartitions(this.source, topic, [...positions.keys()]);
    for (const range of ranges) positions.set(range.partition, Math.min(Math.max(positions.get(range.partition)!, range.logStartOffset), range.highWatermark));
    return cursor.toward === 'older' ? this.backward(topic, ranges, positions, limit, decoding, cursor.order) : this.forward(topic, ranges, positions, limit, decoding, cursor.order);
  }

  private quota(limit: number, partitions: number): number {
    return Math.max(1, Math.ceil(limit / Math.max(1, partitions)));
  }

  private async forward(topic: string, ranges: PartitionOffsets[], starts: Map<number, number>, limit: number, decoding: Decoding, order: Order): Promise<RecordPage> {
    const quota = this.quota(limit, ranges.length);
    const taken: Taken[] = [];
    const problems: BatchProblem[] = [];
    const spans: PartitionSpan[] = [];
    for (const range of ranges) {
      const from = starts.get(range.partition)!;
      const read = await readRange(this.source, this.decode, topic, range.partition, from, range.highWatermark, quota);
      for (const record of read.records) taken.push({ partition: range.partition, record });
      problems.push(...read.problems);
      spans.push({ partition: range.partition, from: read.startedAt, to: read.nextOffset, range: { ...range, highWatermark: Math.max(range.highWatermark, read.highWatermark) } });
    }
    return this.assemble(topic, taken, problems, spans, limit, decoding, order, 'forward');
  }

  private async backward(topic: string, ranges: PartitionOffsets[], ends: Map<number, number>, limit: number, decoding: Decoding, order: Order): Promise<RecordPage> {
    const quota = this.quota(limit, ranges.length);
    const taken: Taken[] = [];
    const problems: BatchProblem[] = [];
    const spans: PartitionSpan[] = [];
    for (const range of ranges) {
      const end = ends.get(range.partition)!;
      // Offsets are dense, so the last `quota` records start `quota` below the end (fewer where a gap was cut out).
      let from = Math.max(range.logStartOffset, end - quota);
      let read = await readRange(this.source, this.decode, topic, range.partition, from, end, Number.MAX_SAFE_INTEGER);
      // Too few records for the quota (an offset gap): reach further back once, as far as the quota again.
      if (read.records.length < quota && from > range.logStartOffset) {
        from = Math.max(range.logStartOffset, from - quota);
        read = await readRange(this.source, this.decode, topic, range.partition, from, end, Number.MAX_SAFE_INTEGER);
      }
      const records = read.records.slice(-quota);
      for (const record of records) taken.push({ partition: range.partition, record });
      problems.push(...read.problems);
      const pageFrom = records.length > 0 ? records[0].offset : end;
      spans.push({ partition: range.partition, from: Math.max(pageFrom, read.startedAt), to: end, range });
    }
    return this.assemble(topic, taken, problems, spans, limit, decoding, order, 'backward');
  }

  /**
   * Sorts, keeps `limit` records (dropping from the far side of the read direction), narrows each
   * partition's span to what was kept, and builds the cursors.
   */
  private assemble(topic: string, taken: Taken[], problems: BatchProblem[], spans: PartitionSpan[], limit: number, decoding: Decoding, order: Order, direction: 'forward' | 'backward'): RecordPage {
    const merged = mergeByTime(taken);
    // Kept: a prefix (forward) or suffix (backward) of every partition's records, so the cursors skip nothing.
    const kept = direction === 'forward' ? merged.slice(0, limit) : merged.slice(Math.max(0, merged.length - limit));
    const keptByPartition = new Map<number, RecordFields[]>();
    for (const { partition, record } of kept) {
      const list = keptByPartition.get(partition) ?? [];
      list.push(record);
      keptByPartition.set(partition, list);
    }
    const older: Record<string, number> = {};
    const newer: Record<string, number> = {};
    for (const span of spans) {
      const records = (keptByPartition.get(span.partition) ?? []).sort((a, b) => a.offset - b.offset);
      let from = span.from;
      let to = span.to;
      if (direction === 'forward') to = records.length > 0 ? records[records.length - 1].offset + 1 : span.from;
      else from = records.length > 0 ? records[0].offset : span.to;
      if (from > span.range.logStartOffset) older[span.partition] = from;
      // A newer page is always possible: records may still arrive after the high watermark.
      newer[span.partition] = to;
    }
    const listed = order === 'newest-first' ? [...kept].reverse() : kept;
    const options = { maxChars: PREVIEW_CHARS };
    const records: MessageRecord[] = listed.map(({ partition, record }) => toMessageRecord(partition, record, decoding, options));
    const partitions: PartitionRange[] = spans.map((span) => ({ partition: span.partition, logStartOffset: span.range.logStartOffset, highWatermark: span.range.highWatermark }));
    return {
      topic,
      partitions,
      order,
      records,
      problems,
      older: Object.keys(older).length > 0 ? { toward: 'older', positions: older, order } : null,
      newer: Object.keys(newer).length > 0 ? { toward: 'newer', positions: newer, order } : null,
    };
  }

  /** One record whole (for the detail view), or the problem of its batch. */
  async get(topic: string, partition: number, offset: number, decoding: Decoding): Promise<{ record: MessageRecord | null; problem: BatchProblem | null }> {
    const read = await readRange(this.source, this.decode, topic, partition, offset, offset + 1, 1);
    const record = read.records.find((candidate) => candidate.offset === offset);
    const problem = read.problems.find((candidate) => candidate.baseOffset <= offset && offset <= candidate.lastOffset) ?? null;
    return {
      record: record ? toMessageRecord(partition, record, decoding, { maxChars: 16 * 1024 * 1024, pretty: true }) : null,
      problem,
    };
  }
}

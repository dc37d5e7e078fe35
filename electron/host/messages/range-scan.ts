/**
 * Scans a range of a topic (partitions × [from, to)) through a RecordSource in chunks of ~1 MiB,
 * round-robin over its partitions, and hands every chunk to a worker (search-worker.ts) that
 * decodes and tests its records: the broker's event loop only reads the chunks. Two chunks are in
 * flight at a time, so reading and testing overlap. What the worker finds goes to a consumer (the
 * search keeps matches, the export writes lines), which may stop the scan or make it wait.
 *
 * The scan ends when the range is done, the consumer stops it, it is cancelled, or it fails (the
 * topic is deleted, the predicate throws, loops or runs out of memory: the error says which record
 * it was on). Retention deleting what is next makes it go on from the new log start.
 */
import type { BatchProblem, StartPosition } from '../../contract';
import type { PartitionOffsets, RecordSource } from '../cluster/record-source';
import { RecordSourceError } from '../cluster/record-source';
import type { SearchWorkerHandle } from './search-worker-handle';
import type { ChunkResult } from './search-worker';

export type ScanState = 'running' | 'done' | 'cancelled' | 'failed';

/** Where a scan of one partition is: the next offset to read, and where it ends. */
export interface PartitionScan {
  partition: number;
  next: number;
  to: number;
  busy: boolean;
}

export interface ScanConsumer {
  /** A chunk's findings; false stops the scan (done); a promise holds further reads until it settles. */
  take(result: ChunkResult): boolean | Promise<boolean>;
  /** The scan ended (once). */
  ended(state: Exclude<ScanState, 'running'>, error: string | null): void;
}

const IN_FLIGHT = 2;

export interface RangeRequest {
  topic: string;
  partitions: readonly number[] | null;
  start: StartPosition;
  end: { to: 'newest' } | { to: 'offset'; offset: number } | { to: 'time'; timestamp: number };
}

/** The per-partition offset ranges of a request, worked out now (times by the source's index). */
export async function scanRanges(source: RecordSource, request: RangeRequest): Promise<PartitionScan[]> {
  const all = await source.partitionOffsets(request.topic);
  let selected: PartitionOffsets[] = all;
  if (request.partitions !== null) {
    const byPartition = new Map(all.map((range) => [range.partition, range]));
    const missing = request.partitions.filter((partition) => !byPartition.has(partition));
    if (missing.length > 0) throw new RecordSourceError('UNKNOWN_PARTITION', `topic "${request.topic}" has no partition ${missing.join(', ')} (it has ${all.length})`);
    selected = [...new Set(request.partitions)].map((partition) => byPartition.get(partition)!);
  }
  const scans: PartitionScan[] = [];
  for (const range of selected) {
    const clamp = (offset: number) => Math.min(Math.max(offset, range.logStartOffset), range.highWatermark);
    const at = async (timestamp: number) => (await source.offsetForTime(request.topic, range.partition, timestamp)) ?? range.highWatermark;
    const start = request.start;
    // From `newest` the range is empty until records arrive: a scan looks at what is stored.
    const from = start.from === 'oldest' ? range.logStartOffset : start.from === 'newest' ? range.highWatermark : start.from === 'offset' ? clamp(start.offset) : clamp(await at(start.timestamp));
    const end = request.end;
    const to = end.to === 'newest' ? range.highWatermark : end.to === 'offset' ? clamp(end.offset) : clamp(await at(end.timestamp));
    scans.push({ partition: range.partition, next: from, to: Math.max(from, to), busy: false });
  }
  return scans;
}

export class RangeScan {
  state: ScanState = 'running';
  error: string | null = null;
  scanned = 0;
  readonly total: number;
  readonly problems: BatchProblem[] = [];
  private readonly startedAt = performance.now();
  private endedAt: number | null = null;
  private inFlight = 0;
  private holds = 0;
  private nextChunkId = 1;
  private turn = 0;

  constructor(
    private readonly source: RecordSource,
    private readonly topic: string,
    readonly scans: PartitionScan[],
    private readonly worker: SearchWorkerHandle,
    private readonly chunkBytes: number,
    private readonly consumer: ScanConsumer,
  ) {
    this.total = scans.reduce((sum, scan) => sum + Math.max(0, scan.to - scan.next), 0);
    worker.onResult((result) => this.onResult(result));
    worker.onExit((reason) => this.finish('failed', reason));
  }

  start(): void {
    this.pump();
  }

  private onResult(result: ChunkResult): void {
    this.inFlight--;
    const scan = this.scans.find((candidate) => candidate.partition === result.partition)!;
    scan.busy = false;
    if (this.state !== 'running') return;
    this.scanned += result.scanned;
    scan.next = Math.max(scan.next, result.nextOffset);
    if (this.problems.length < 1000) this.problems.push(...result.problems);
    if (result.error) return this.finish('failed', result.error.message);
    const taken = this.consumer.take(result);
    if (taken === false) return this.finish('done');
    if (taken === true) return this.pump();
    this.holds++;
    taken.then(
      (more) => {
        this.holds--;
        if (!more) this.finish('done');
        else this.pump();
      },
      (error: unknown) => {
        this.holds--;
        this.finish('failed', (error as Error).message);
      },
    );
  }

  /** Keeps IN_FLIGHT chunks going, round-robin over the partitions with records left. */
  private pump(): void {
    while (this.state === 'running' && this.holds === 0 && this.inFlight < IN_FLIGHT) {
      const open = this.scans.filter((scan) => !scan.busy && scan.next < scan.to);
      if (open.length === 0) {
        if (this.inFlight === 0) this.finish('done');
        return;
      }
      const scan = open[this.turn++ % open.length];
      scan.busy = true;
      this.inFlight++;
      void this.readChunk(scan);
    }
  }

  private async readChunk(scan: PartitionScan): Promise<void> {
    try {
      const fetched = await this.source.fetch(this.topic, scan.partition, scan.next, this.chunkBytes);
      if (this.state !== 'running') return;
      if (fetched.batches.length === 0) {
        // The log ends before the range did (records deleted meanwhile): nothing more here.
        scan.to = scan.next;
        scan.busy = false;
        this.inFlight--;
        this.pump();
        return;
      }
      this.worker.send({ id: this.nextChunkId++, partition: scan.partition, bytes: fetched.batches, fromOffset: scan.next, toOffset: scan.to });
    } catch (error) {
      this.inFlight--;
      scan.busy = false;
      if (this.state !== 'running') return;
      if (error instanceof RecordSourceError && error.code === 'OFFSET_OUT_OF_RANGE') {
        // Retention deleted what was next: go on from the log start.
        const range = (await this.source.partitionOffsets(this.topic).catch(() => [])).find((candidate) => candidate.partition === scan.partition);
        if (range && range.logStartOffset > scan.next) {
          scan.next = range.logStartOffset;
          this.pump();
          return;
        }
      }
      this.finish('failed', error instanceof RecordSourceError ? `${error.message}: stopped` : `reading ${this.topic}-${scan.partition} failed: ${(error as Error).message}`);
    }
  }

  finish(state: Exclude<ScanState, 'running'>, error: string | null = null): void {
    if (this.state !== 'running') return;
    this.state = state;
    this.error = error;
    this.endedAt = performance.now();
    void this.worker.terminate();
    this.consumer.ended(state, error);
  }

  get elapsedMs(): number {
    return (this.endedAt ?? performance.now()) - this.startedAt;
  }

  get rate(): number {
    const elapsed = this.elapsedMs;
    return elapsed > 0 ? (this.scanned * 1000) / elapsed : 0;
  }

  get positions(): Record<string, number> {
    const positions: Record<string, number> = {};
    for (const scan of this.scans) positions[scan.partition] = scan.next;
    return positions;
  }

  /** Whether anything of the range is left (a scan stopped by its consumer). */
  get unfinished(): boolean {
    return this.scans.some((scan) => scan.next < scan.to);
  }
}

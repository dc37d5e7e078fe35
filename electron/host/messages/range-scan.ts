/**
 * Scans a range of a topic (partitions × [from, to)) through a RecordSource in chunks of ~1 MiB,
 * round-robin over its partitions, and hands every chunk to one of its workers (search-worker.ts)
 * that decodes and tests its records: the broker's event loop only reads the chunks. Each worker
 * has two chunks in flight, so reading and testing overlap and every core is used; the findings
 * reach the consumer in the order the chunks were read. What the worker finds goes to a consumer (the
 * search keeps matches, the export writes lines), which may stop the scan or make it wait.
 *
 * The scan ends when the range is done, the consumer stops it, it is cancelled, or it fails (the
 * topic is deleted, the predicate throws, loops or runs out of memory: the error says which record
 * it was on). Retention deleting what is next makes it go on from the new log start.
 */
import type { BatchProblem, StartPosition } from '../../contract';
import { offsetAfterBatches } from '../../../broker-core/src/records/index';
import { selectPartitions } from '../cluster/partition-selection';
import type { RecordSource } from '../cluster/record-source';
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

/** Chunks in flight per worker. */
const IN_FLIGHT = 2;

export interface RangeRequest {
  topic: string;
  partitions: readonly number[] | null;
  start: StartPosition;
  end: { to: 'newest' } | { to: 'offset'; offset: number } | { to: 'time'; timestamp: number };
}

/** The per-partition offset ranges of a request, worked out now (times by the source's index). */
export async function scanRanges(source: RecordSource, request: RangeRequest): Promise<PartitionScan[]> {
  const selected = await selectPartitions(source, request.topic, request.partitions);
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

interface PendingChunk {
  id: number;
  partition: number;
  /** Its first offset. */
  from: number;
  result: ChunkResult | null;
}

export class RangeScan {
  state: ScanState = 'running';
  error: string | null = null;
  scanned = 0;
  readonly total: number;
  readonly problems: BatchProblem[] = [];
  private readonly startedAt = performance.now();
  private endedAt: number | null = null;
  private readonly inFlight: number[];
  /** Chunks sent, in the order they were read: results reach the consumer in this order. */
  private readonly order: PendingChunk[] = [];
  private holds = 0;
  private nextChunkId = 1;
  private turn = 0;
  private reading = 0;

  constructor(
    private readonly source: RecordSource,
    private readonly topic: string,
    readonly scans: PartitionScan[],
    private readonly workers: readonly SearchWorkerHandle[],
    private readonly chunkBytes: number,
    private readonly consumer: ScanConsumer,
  ) {
    this.total = scans.reduce((sum, scan) => sum + Math.max(0, scan.to - scan.next), 0);
    this.inFlight = workers.map(() => 0);
    workers.forEach((worker, index) => {
      worker.onResult((result) => this.onResult(index, result));
      worker.onExit((reason) => this.finish('failed', reason));
    });
  }

  start(): void {
    this.pump();
  }

  private onResult(workerIndex: number, result: ChunkResult): void {
    this.inFlight[workerIndex]--;
    if (this.state !== 'running') return;
    const pending = this.order.find((chunk) => chunk.id === result.id);
    if (pending) pending.result = result;
    this.deliver();
  }

  /** Hands finished chunks to the consumer in the order they were read (so exports keep offset order). */
  private deliver(): void {
    while (this.state === 'running' && this.holds === 0 && this.order.length > 0 && this.order[0].result) {
      const result = this.order.shift()!.result!;
      this.scanned += result.scanned;
      if (this.problems.length < 1000) this.problems.push(...result.problems);
      if (result.error) return this.finish('failed', result.error.message);
      const taken = this.consumer.take(result);
      if (taken === false) return this.finish('done');
      if (taken === true) continue;
      this.holds++;
      taken.then(
        (more) => {
          this.holds--;
          if (!more) this.finish('done');
          else {
            this.deliver();
            this.pump();
          }
        },
        (error: unknown) => {
          this.holds--;
          this.finish('failed', (error as Error).message);
        },
      );
      return;
    }
    this.pump();
  }

  private get sent(): number {
    return this.inFlight.reduce((sum, count) => sum + count, 0);
  }

  /**
   * Keeps every worker busy with up to IN_FLIGHT chunks, round-robin over the partitions with
   * records left. A partition's next chunk is read as soon as the previous one is (where it ends is
   * in the batch headers), so even one partition keeps several workers busy.
   */
  private pump(): void {
    while (this.state === 'running' && this.holds === 0 && this.order.length < IN_FLIGHT * this.workers.length && this.reading < this.workers.length) {
      const open = this.scans.filter((scan) => !scan.busy && scan.next < scan.to);
      if (open.length === 0) {
        if (this.sent === 0 && this.reading === 0 && this.order.length === 0) this.finish('done');
        return;
      }
      const scan = open[this.turn++ % open.length];
      scan.busy = true;
      this.reading++;
      void this.readChunk(scan);
    }
  }

  private async readChunk(scan: PartitionScan): Promise<void> {
    const from = scan.next;
    try {
      const fetched = await this.source.fetch(this.topic, scan.partition, from, this.chunkBytes);
      this.reading--;
      scan.busy = false;
      if (this.state !== 'running') return;
      if (fetched.batches.length === 0) {
        // The log ends before the range did (records deleted meanwhile): nothing more here.
        scan.to = from;
        this.pump();
        if (this.sent === 0 && this.reading === 0 && this.order.length === 0 && !this.scans.some((candidate) => candidate.next < candidate.to)) this.finish('done');
        return;
      }
      scan.next = Math.min(scan.to, Math.max(from + 1, offsetAfterBatches(fetched.batches, from + 1)));
      const worker = this.inFlight.indexOf(Math.min(...this.inFlight));
      const chunk: PendingChunk = { id: this.nextChunkId++, partition: scan.partition, from, result: null };
      this.order.push(chunk);
      this.inFlight[worker]++;
      this.workers[worker].send({ id: chunk.id, partition: scan.partition, bytes: fetched.batches, fromOffset: from, toOffset: scan.to });
      this.pump();
    } catch (error) {
      this.reading--;
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
    for (const worker of this.workers) void worker.terminate();
    this.consumer.ended(state, error);
  }

  get elapsedMs(): number {
    return (this.endedAt ?? performance.now()) - this.startedAt;
  }

  get rate(): number {
    const elapsed = this.elapsedMs;
    return elapsed > 0 ? (this.scanned * 1000) / elapsed : 0;
  }

  /** Per partition, the next offset not yet looked at (what was read but is still being tested counts as not looked at). */
  get positions(): Record<string, number> {
    const positions: Record<string, number> = {};
    for (const scan of this.scans) positions[scan.partition] = scan.next;
    for (const chunk of this.order) positions[chunk.partition] = Math.min(positions[chunk.partition], chunk.from);
    return positions;
  }

  /** Whether anything of the range is left (a scan stopped by its consumer). */
  get unfinished(): boolean {
    return this.scans.some((scan) => scan.next < scan.to) || this.order.length > 0;
  }
}

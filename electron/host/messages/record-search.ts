/**
 * Searches: each one is a RangeScan (range-scan.ts) whose worker sends back the matching records
 * as the view shows them; the search keeps them, up to its limit. Callers poll for matches by
 * index (each caller at its own pace; a poll waits a little for something new) and for progress;
 * a finished search is kept for a while so its last poll can read it, then dropped.
 *
 * The filters are checked before anything is read: a regex that does not compile, a JSON path
 * that does not parse, a predicate that is not a function are refused with the reason.
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import type { BatchProblem, Decoding, MessageRecord, RecordFilter, SearchProgress } from '../../contract';
import { MAX_PAGE_RECORDS } from '../../contract';
import type { RecordSource } from '../cluster/record-source';
import { WakeSignal } from '../wake-signal';
import { DEFAULT_CHUNK_BYTES } from './partition-reader';
import { PredicateSandbox } from './predicate-sandbox';
import { RangeScan, scanRanges, type PartitionScan, type RangeRequest, type ScanConsumer } from './range-scan';
import { compileFilters } from './record-filters';
import { startSearchWorker, type SearchWorkerHandle } from './search-worker-handle';
import type { SearchInit } from './search-worker';

export interface SearchRequest extends RangeRequest {
  filters: RecordFilter[];
  decode: Decoding;
  limit: number;
}

export interface ScanOptions {
  chunkBytes?: number;
  /** Time bound of one chunk's predicate run. */
  predicateTimeoutMs?: number;
  workerHeapMb?: number;
  /** Worker threads per search or export (default: one per core, at most 2; the broker's thread only reads). */
  workers?: number;
  /** How long a finished search (or export) stays readable. */
  keepFinishedMs?: number;
  /** Most kept at once (the oldest finished ones go first). */
  maxJobs?: number;
  /** Starts a worker (tests may pass their own). */
  startWorker?: (heapMb?: number) => SearchWorkerHandle;
}

/** Most unreadable batches a poll lists. */
const MAX_PROBLEMS = 100;

export class SearchUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SearchUnavailableError';
  }
}

/** Checks the filters as a scan's worker will use them; throws FilterError or PredicateError. */
export function checkFilters(filters: readonly RecordFilter[], decoding: Decoding, predicateTimeoutMs: number): void {
  compileFilters(filters, decoding);
  const predicate = filters.find((filter) => filter.kind === 'predicate');
  if (predicate) new PredicateSandbox(predicate.source, predicateTimeoutMs);
}

/** How long a predicate may take over one chunk of records, unless ScanOptions say otherwise. */
export const DEFAULT_PREDICATE_TIMEOUT_MS = 2000;

/** A scan checked and laid out, nothing started yet: its refusals come before any side effect. */
export interface ScanPlan {
  request: RangeRequest & { filters: RecordFilter[]; decode: Decoding };
  scans: PartitionScan[];
  predicateTimeoutMs: number;
}

/** Checks the filters (a bad regex, path or predicate is refused) and works out the range. */
export async function planScan(source: RecordSource, options: ScanOptions, request: ScanPlan['request']): Promise<ScanPlan> {
  const predicateTimeoutMs = options.predicateTimeoutMs ?? DEFAULT_PREDICATE_TIMEOUT_MS;
  checkFilters(request.filters, request.decode, predicateTimeoutMs);
  return { request, scans: await scanRanges(source, request), predicateTimeoutMs };
}

/** Starts the plan's workers (their findings as `output`) and makes the scan feeding `consumer`; the caller starts it. */
export async function createScan(source: RecordSource, options: ScanOptions, plan: ScanPlan, output: SearchInit['output'], consumer: ScanConsumer): Promise<RangeScan> {
  const workers = await startScanWorkers(options, { filters: plan.request.filters, decoding: plan.request.decode, predicateTimeoutMs: plan.predicateTimeoutMs, output });
  return new RangeScan(source, plan.request.topic, plan.scans, workers, options.chunkBytes ?? DEFAULT_CHUNK_BYTES, consumer);
}

/** Starts a scan's workers with its filters, or fails with why they are not usable there. */
export async function startScanWorkers(options: ScanOptions, init: Omit<SearchInit, 'type'>): Promise<SearchWorkerHandle[]> {
  const count = Math.max(1, options.workers ?? Math.min(2, availableParallelism()));
  const workers = Array.from({ length: count }, () => (options.startWorker ?? startSearchWorker)(options.workerHeapMb));
  try {
    await Promise.all(workers.map((worker) => worker.init(init)));
  } catch (error) {
    await Promise.all(workers.map((worker) => worker.terminate()));
    throw new SearchUnavailableError((error as Error).message);
  }
  return workers;
}

/** Finished jobs expire; running ones are kept; at most `max` in all. */
export class JobTable<Job extends { running: boolean; finishedAt: number }> {
  private readonly jobs = new Map<string, Job>();

  constructor(
    private readonly what: string,
    private readonly keepFinishedMs: number,
    private readonly max: number,
  ) {}

  /** Makes room for one more, or refuses. */
  makeRoom(): void {
    const now = Date.now();
    for (const [id, job] of this.jobs) if (!job.running && now - job.finishedAt > this.keepFinishedMs) this.jobs.delete(id);
    const finished = [...this.jobs.entries()].filter(([, job]) => !job.running).sort((a, b) => a[1].finishedAt - b[1].finishedAt);
    while (this.jobs.size >= this.max && finished.length > 0) this.jobs.delete(finished.shift()![0]);
    if (this.jobs.size >= this.max) throw new SearchUnavailableError(`${this.jobs.size} ${this.what}es are running; cancel one first`);
  }

  add(id: string, job: Job): void {
    this.jobs.set(id, job);
  }

  get(id: string): Job {
    const job = this.jobs.get(id);
    if (!job) throw new SearchUnavailableError(`no ${this.what} ${id} (it ended more than ${Math.round(this.keepFinishedMs / 60_000)} minutes ago, or the host restarted)`);
    return job;
  }

  all(): Job[] {
    return [...this.jobs.values()];
  }
}

class SearchJob {
  readonly matches: MessageRecord[] = [];
  limited = false;
  finishedAt = 0;
  scan!: RangeScan;
  private readonly progressed = new WakeSignal();

  constructor(private readonly limit: number) {}

  get running(): boolean {
    return this.scan.state === 'running';
  }

  take(matches: readonly MessageRecord[]): boolean {
    for (const match of matches) {
      if (this.matches.length >= this.limit) break;
      this.matches.push(match);
    }
    if (matches.length > 0) this.progressed.wake();
    return this.matches.length < this.limit;
  }

  ended(state: string): void {
    this.finishedAt = Date.now();
    if (state === 'done') this.limited = this.matches.length >= this.limit && this.scan.unfinished;
    this.progressed.wake();
  }

  /** Resolves when there is something past `after`, the search ends, or `waitMs` passes. */
  async waitFor(after: number, waitMs: number): Promise<void> {
    if (this.matches.length > after || !this.running) return;
    await this.progressed.wait(waitMs);
  }

  progress(): SearchProgress {
    const scan = this.scan;
    return {
      state: scan.state,
      scanned: scan.scanned,
      total: Math.max(scan.total, scan.scanned),
      matched: this.matches.length,
      rate: scan.rate,
      positions: scan.positions,
      error: scan.error,
      limited: this.limited,
      elapsedMs: scan.elapsedMs,
    };
  }
}

export class RecordSearches {
  private readonly jobs: JobTable<SearchJob>;

  constructor(
    private readonly source: RecordSource,
    private readonly options: ScanOptions = {},
  ) {
    this.jobs = new JobTable('search', options.keepFinishedMs ?? 10 * 60_000, options.maxJobs ?? 20);
  }

  async start(request: SearchRequest): Promise<string> {
    const plan = await planScan(this.source, this.options, request);
    this.jobs.makeRoom();
    const job = new SearchJob(request.limit);
    job.scan = await createScan(this.source, this.options, plan, 'records', {
      take: (result) => job.take(result.matches),
      ended: (state) => job.ended(state),
    });
    const id = randomUUID();
    this.jobs.add(id, job);
    job.scan.start();
    return id;
  }

  async poll(id: string, after: number, waitMs: number): Promise<{ matches: MessageRecord[]; problems: BatchProblem[]; progress: SearchProgress }> {
    const job = this.jobs.get(id);
    await job.waitFor(after, waitMs);
    return { matches: job.matches.slice(after, after + MAX_PAGE_RECORDS), problems: job.scan.problems.slice(0, MAX_PROBLEMS), progress: job.progress() };
  }

  cancel(id: string): SearchProgress {
    const job = this.jobs.get(id);
    job.scan.finish('cancelled');
    return job.progress();
  }

  /** Ends every search (the broker goes away). */
  stopAll(reason: string): void {
    for (const job of this.jobs.all()) job.scan.finish('failed', reason);
  }
}

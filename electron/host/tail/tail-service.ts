/**
 * TailService: the contract's `tail.*` methods. Each tail (live-tail.ts) belongs to the caller that
 * started it and is polled by it: long polling gives every caller (a window, a browser tab) its
 * own stream and its own backpressure over IPC and over serve mode's WebSocket alike, with no
 * per-subscriber push channel to keep; a tail only waits in the host, in a buffer of its own.
 *
 * Lifecycle: created detached. `attach(source)` (the broker runs) lets tails start and makes the
 * waiting ones go on; `detach()` (the broker is about to stop) keeps every tail, stopping only its
 * reading and its worker, so tails live through a broker restart. Polls, pauses, resumes and stops
 * work while detached. A tail not polled for `idleTimeoutMs` (default 30 s) is stopped, its worker
 * terminated; an ended tail is dropped the same way once no one polls it. At most `maxTails` at
 * once; a few recent stops are remembered so a late poll is told why its tail is gone.
 */
import { randomUUID } from 'node:crypto';
import type { DomainHandlers, MethodRequest } from '../../contract';
import { DEFAULT_TAIL_BUFFER } from '../../contract';
import { selectPartitions } from '../cluster/partition-selection';
import { RecordSourceError, type RecordSource } from '../cluster/record-source';
import { HostRefusal } from '../host-refusal';
import { DEFAULT_CHUNK_BYTES } from '../messages/partition-reader';
import { PredicateError } from '../messages/predicate-sandbox';
import { FilterError } from '../messages/record-filters';
import { checkFilters, DEFAULT_PREDICATE_TIMEOUT_MS, SearchUnavailableError, startScanWorkers, type ScanOptions } from '../messages/record-search';
import { LiveTail } from './live-tail';

export type TailHandlers = DomainHandlers<'tail'>;

export interface TailService {
  readonly handlers: TailHandlers;
  attach(source: RecordSource): void;
  detach(): void;
  /** Ends every tail, saying why (the console opened another cluster: a tail never goes on there). */
  stopAll(why: string): void;
}

export interface TailServiceOptions {
  /** A tail not polled this long is stopped; default 30 s. */
  idleTimeoutMs?: number;
  /** Most tails at once; default 20. */
  maxTails?: number;
  /** Workers, chunk size and bounds as for searches (`workers` is ignored: one per tail). */
  scan?: ScanOptions;
  /** How long after an append a tail reads (appends in between are read together); default 10 ms. */
  readDelayMs?: number;
  /** Least time between two answers to one tail's polls; default 50 ms (~20 a second). */
  minAnswerIntervalMs?: number;
  /** How often a source without a change feed is looked at; default 100 ms. */
  watchPollMs?: number;
}

export const DEFAULT_TAIL_IDLE_MS = 30_000;
/** Stopped tails remembered, so a late poll hears why. */
const REMEMBERED_STOPS = 100;

function refusal(error: unknown): never {
  if (error instanceof RecordSourceError) throw new HostRefusal(error.code, error.message, { cause: error });
  if (error instanceof FilterError) throw new HostRefusal('INVALID_FILTER', error.message, { cause: error });
  if (error instanceof PredicateError) throw new HostRefusal('INVALID_PREDICATE', error.message, { cause: error });
  if (error instanceof SearchUnavailableError) throw new HostRefusal('TAIL_UNAVAILABLE', `the tail's filters could not be set up: ${error.message}`, { cause: error });
  throw error;
}

export function createTailService(options: TailServiceOptions = {}): TailService {
  const idleTimeoutMs = options.idleTimeoutMs ?? DEFAULT_TAIL_IDLE_MS;
  const maxTails = options.maxTails ?? 20;
  const scan = options.scan ?? {};
  const predicateTimeoutMs = scan.predicateTimeoutMs ?? DEFAULT_PREDICATE_TIMEOUT_MS;
  const tails = new Map<string, LiveTail>();
  const stops = new Map<string, string>();
  let source: RecordSource | null = null;
  let sweeper: ReturnType<typeof setInterval> | null = null;

  const forget = (tail: LiveTail, why: string) => {
    tails.delete(tail.id);
    stops.set(tail.id, why);
    if (stops.size > REMEMBERED_STOPS) stops.delete(stops.keys().next().value!);
    if (tails.size === 0 && sweeper) {
      clearInterval(sweeper);
      sweeper = null;
    }
  };

  const sweep = () => {
    const now = Date.now();
    for (const tail of [...tails.values()]) {
      if (tail.polling || now - tail.lastPolledAt <= idleTimeoutMs) continue;
      const why = tail.ended
        ? `tail ${tail.id} of "${tail.topic}" ended: ${tail.status().endedBecause}`
        : `tail ${tail.id} of "${tail.topic}" was stopped: not polled for ${Math.round(idleTimeoutMs / 1000)} s`;
      tail.stop(why);
      forget(tail, why);
    }
  };

  const tailFor = (tailId: string): LiveTail => {
    const tail = tails.get(tailId);
    if (!tail) throw new HostRefusal('UNKNOWN_TAIL', stops.get(tailId) ?? `no tail ${tailId} (it was stopped, or the host restarted)`);
    return tail;
  };

  const start = async (request: MethodRequest<'tail.start'>): Promise<LiveTail> => {
    const attached = source;
    if (!attached) throw new HostRefusal('BROKER_NOT_RUNNING', 'the broker is not running: start it to tail a topic');
    checkFilters(request.filters, request.decode, predicateTimeoutMs);
    if (tails.size >= maxTails) throw new SearchUnavailableError(`${tails.size} tails are open; stop one first (a tail no one polls stops after ${Math.round(idleTimeoutMs / 1000)} s)`);
    const selected = await selectPartitions(attached, request.topic, request.partitions);
    const from = new Map<number, number>();
    for (const range of selected) {
      const back = request.from.at === 'last' ? request.from.count : 0;
      from.set(range.partition, Math.max(range.logStartOffset, range.highWatermark - back));
    }
    const init = { filters: request.filters, decoding: request.decode, predicateTimeoutMs, output: 'records' as const };
    const tail = new LiveTail(
      randomUUID(),
      {
        topic: request.topic,
        partitions: request.partitions === null ? null : selected.map((range) => range.partition),
        bufferLimit: request.bufferLimit ?? DEFAULT_TAIL_BUFFER,
        chunkBytes: scan.chunkBytes ?? DEFAULT_CHUNK_BYTES,
        readDelayMs: options.readDelayMs ?? 10,
        minAnswerIntervalMs: options.minAnswerIntervalMs ?? 50,
        watchPollMs: options.watchPollMs,
        startWorker: async () => (await startScanWorkers({ ...scan, workers: 1 }, init))[0],
      },
      from,
    );
    try {
      await tail.attach(attached, true);
    } catch (error) {
      tail.stop('it could not start');
      throw error;
    }
    tails.set(tail.id, tail);
    // The broker may have stopped while the worker started: the tail waits for it like the others.
    if (source !== attached) {
      tail.detach();
      if (source) void tail.attach(source, false);
    }
    sweeper ??= setInterval(sweep, Math.max(10, Math.min(5000, idleTimeoutMs / 4)));
    sweeper.unref?.();
    return tail;
  };

  const handlers: TailHandlers = {
    'tail.start': async (request) => {
      try {
        const tail = await start(request);
        return { tailId: tail.id, status: tail.status() };
      } catch (error) {
        return refusal(error);
      }
    },
    'tail.poll': ({ tailId, waitMs }) => tailFor(tailId).poll(waitMs),
    'tail.pause': ({ tailId }) => tailFor(tailId).pause(),
    'tail.resume': ({ tailId }) => tailFor(tailId).resume(),
    'tail.stop': ({ tailId }) => {
      const tail = tailFor(tailId);
      const status = tail.stop('stopped');
      forget(tail, `tail ${tailId} of "${tail.topic}" was stopped`);
      return status;
    },
  };

  return {
    handlers,
    attach(next) {
      source = next;
      for (const tail of tails.values()) void tail.attach(next, false);
    },
    detach() {
      source = null;
      for (const tail of tails.values()) tail.detach();
    },
    stopAll(why) {
      for (const tail of [...tails.values()]) {
        tail.stop(why);
        forget(tail, `tail ${tail.id} of "${tail.topic}" was stopped: ${why}`);
      }
    },
  };
}

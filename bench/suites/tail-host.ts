/**
 * The live tail's host side under load, for `npm run bench -- tail-host` and for the tail suite's
 * Chromium side to reuse:
 * - `startTailLoad(host, …)`: appends records of ~`valueBytes` to a topic through the embedded
 *   broker's own append (prebuilt batches, copied per append) at `recordsPerSecond`, in batches of
 *   `recordsPerBatch`, round-robin over the partitions. The topic stamps LogAppendTime, so a
 *   record's timestamp is when the broker appended it (latency = delivered − timestamp).
 * - `pollTail(host, …)`: one caller of `tail.poll` through the dispatcher, as the adapters call it
 *   (payload and response checked), at most `pollsPerSecond`, each answer serialized as JSON as
 *   serve mode's WebSocket sends it (Electron's IPC clones it instead, on the same thread).
 * - `measureTailHost(…)`: both for `seconds` against a fresh host, the tail's worker being the
 *   app's bundled one (dist/workers, built first); reports records a second produced and
 *   delivered, drops, records per poll, latency, the broker's event-loop delay and how busy its
 *   thread was (event-loop utilization).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { buildRecordBatch } from '../../broker-core/src/index';
import type { RecordFilter } from '../../electron/contract';
import { createContractCaller, createHost, startSearchWorker, type Host } from '../../electron/host';
import type { TailServiceOptions } from '../../electron/host/tail/tail-service';
import { summarise } from '../measure';
import type { BenchSuite, SuiteOptions } from '../run';
import { renderTable, type Row } from '../table';

export interface TailLoad {
  /** Records appended so far. */
  readonly produced: number;
  /** Stops appending; resolves once the last append is written. */
  stop(): Promise<number>;
}

export interface TailLoadOptions {
  recordsPerSecond: number;
  recordsPerBatch?: number;
  valueBytes?: number;
  partitions?: number;
}

/** Creates `topic` (LogAppendTime) and appends to it at the rate asked until stopped. */
export function startTailLoad(host: Host, topic: string, options: TailLoadOptions): TailLoad {
  const logs = host.broker()!.logs;
  const partitions = options.partitions ?? 1;
  const perBatch = options.recordsPerBatch ?? 100;
  const valueBytes = options.valueBytes ?? 100;
  if (!logs.hasTopic(topic)) logs.createTopic(topic, { partitions, configs: { 'message.timestamp.type': 'LogAppendTime' } });
  const prebuilt = Array.from({ length: 16 }, (_, b) =>
    buildRecordBatch(
      Array.from({ length: perBatch }, (_, i) => {
        const n = b * perBatch + i;
        return { key: Buffer.from(`customer-${n % 997}`), value: Buffer.from(JSON.stringify({ id: n, customer: `customer-${n % 997}`, amount: (n % 10_000) / 100, status: 'ok' }).padEnd(valueBytes, ' ')) };
      }),
    ),
  );
  let produced = 0;
  let stopped = false;
  const pending = new Set<Promise<unknown>>();
  const started = performance.now();
  const tick = () => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - started) / 1000) * options.recordsPerSecond);
    while (produced + perBatch <= due && pending.size < 200) {
      // append takes the buffer over (it rewrites the base offset), so each gets a copy.
      const append = logs.append(topic, (produced / perBatch) % partitions, Buffer.from(prebuilt[(produced / perBatch) % prebuilt.length]), { acks: 1 });
      pending.add(append);
      void append.finally(() => pending.delete(append));
      produced += perBatch;
    }
    setTimeout(tick, 2);
  };
  tick();
  return {
    get produced() {
      return produced;
    },
    async stop() {
      stopped = true;
      await Promise.allSettled([...pending]);
      return produced;
    },
  };
}

export interface TailPollerStats {
  polls: number;
  delivered: number;
  dropped: number;
  /** Records per poll that carried any. */
  perPoll: number[];
  /** Append → delivered, ms, per record (sampled: each poll's first and last). */
  latencyMs: number[];
  /** JSON bytes of the answers (what serve mode's WebSocket carries). */
  bytes: number;
}

export interface TailPoller {
  readonly stats: TailPollerStats;
  stop(): Promise<TailPollerStats>;
}

/** Starts a tail of every partition of `topic` and polls it at most `pollsPerSecond` until stopped. */
export async function pollTail(host: Host, topic: string, options: { pollsPerSecond?: number; filters?: RecordFilter[]; bufferLimit?: number } = {}): Promise<TailPoller> {
  const { value } = createContractCaller(host.handlers);
  const { tailId } = await value('tail.start', { topic, partitions: null, from: { at: 'end' }, filters: options.filters ?? [], decode: { key: 'auto', value: 'auto' }, bufferLimit: options.bufferLimit });
  const interval = 1000 / (options.pollsPerSecond ?? 20);
  const stats: TailPollerStats = { polls: 0, delivered: 0, dropped: 0, perPoll: [], latencyMs: [], bytes: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const began = performance.now();
      const polled = await value('tail.poll', { tailId, waitMs: 500 });
      stats.bytes += JSON.stringify(polled).length;
      const now = Date.now();
      stats.polls++;
      stats.delivered += polled.records.length;
      stats.dropped += polled.dropped;
      if (polled.records.length > 0) {
        stats.perPoll.push(polled.records.length);
        stats.latencyMs.push(now - polled.records[0].timestamp, now - polled.records[polled.records.length - 1].timestamp);
      }
      const rest = interval - (performance.now() - began);
      if (rest > 0) await new Promise((resolve) => setTimeout(resolve, rest));
    }
  })();
  return {
    stats,
    async stop() {
      stopped = true;
      await loop;
      await value('tail.stop', { tailId });
      return stats;
    },
  };
}

export interface TailHostMeasurement {
  seconds: number;
  produced: number;
  delivered: number;
  dropped: number;
  producedPerSecond: number;
  /** Over the same time (what was still on its way when the producer stopped is delivered after, and counted). */
  deliveredPerSecond: number;
  polls: number;
  recordsPerPollMedian: number;
  latencyMsMedian: number;
  latencyMsP99: number;
  eventLoopDelayMsP50: number;
  eventLoopDelayMsP99: number;
  eventLoopDelayMsMax: number;
  /** Share of the time the broker's thread was busy (0–1), and the process's CPU (all threads, in cores). */
  eventLoopUtilization: number;
  processCores: number;
  jsonMBPerSecond: number;
  /** Delivered and dropped per slow tail. */
  slow: Array<{ delivered: number; dropped: number }>;
}

const DELAY_RESOLUTION_MS = 10;

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

export interface MeasureTailHostOptions extends TailLoadOptions {
  seconds?: number;
  pollsPerSecond?: number;
  filters?: RecordFilter[];
  dir?: string;
  /** The worker's file (default: dist/workers/search-worker.js, built first). */
  workerEntry?: string;
  /** false: the load alone, no tail (what the tail adds is the difference). */
  tail?: boolean;
  /** The host's tail settings, where not the app's defaults. */
  tailService?: TailServiceOptions;
  /** More tails of the same topic whose callers poll once a second (they fall behind and drop). */
  slowTails?: number;
}

/** The app's bundled search worker, built first if need be. */
export function bundledWorker(): string {
  const repo = join(import.meta.dirname, '../..');
  const build = spawnSync(process.execPath, [join(repo, 'scripts/build.mjs')], { cwd: repo, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
  return join(repo, 'dist/workers/search-worker.js');
}

export async function measureTailHost(options: MeasureTailHostOptions): Promise<TailHostMeasurement> {
  const seconds = options.seconds ?? 10;
  const entry = options.workerEntry ?? bundledWorker();
  const dataDir = mkdtempSync(join(options.dir ?? tmpdir(), 'eddy-bench-tail-'));
  const host = createHost({ port: 0, dataDir, tail: { ...options.tailService, scan: { startWorker: (heapMb) => startSearchWorker(heapMb, entry) } } });
  try {
    await host.start();
    host.broker()!.logs.createTopic('tailed', { partitions: options.partitions ?? 1, configs: { 'message.timestamp.type': 'LogAppendTime' } });
    const poller = options.tail === false ? null : await pollTail(host, 'tailed', { pollsPerSecond: options.pollsPerSecond, filters: options.filters });
    const slowPollers = await Promise.all(Array.from({ length: options.slowTails ?? 0 }, () => pollTail(host, 'tailed', { pollsPerSecond: 1, filters: options.filters })));
    const delay = monitorEventLoopDelay({ resolution: DELAY_RESOLUTION_MS });
    delay.enable();
    const utilization = performance.eventLoopUtilization();
    const cpu = process.cpuUsage();
    const began = performance.now();
    const load = startTailLoad(host, 'tailed', options);
    await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
    const produced = await load.stop();
    const elapsed = (performance.now() - began) / 1000;
    const busy = performance.eventLoopUtilization(utilization).utilization;
    const used = process.cpuUsage(cpu);
    delay.disable();
    // What was produced but not yet delivered comes within a moment (or was dropped).
    const settleBy = performance.now() + 5000;
    while (poller && poller.stats.delivered + poller.stats.dropped < produced && performance.now() < settleBy) await new Promise((resolve) => setTimeout(resolve, 50));
    const stats = poller ? await poller.stop() : { polls: 0, delivered: 0, dropped: 0, perPoll: [], latencyMs: [], bytes: 0 };
    const slow = await Promise.all(slowPollers.map(async (slowPoller) => ({ delivered: (await slowPoller.stop()).delivered, dropped: slowPoller.stats.dropped })));
    return {
      seconds: elapsed,
      produced,
      delivered: stats.delivered,
      dropped: stats.dropped,
      producedPerSecond: produced / elapsed,
      deliveredPerSecond: stats.delivered / elapsed,
      polls: stats.polls,
      recordsPerPollMedian: percentile(stats.perPoll, 50),
      latencyMsMedian: percentile(stats.latencyMs, 50),
      latencyMsP99: percentile(stats.latencyMs, 99),
      // The histogram holds the time between its timer's runs: the delay is what exceeds the interval.
      eventLoopDelayMsP50: Math.max(0, delay.percentile(50) / 1e6 - DELAY_RESOLUTION_MS),
      eventLoopDelayMsP99: Math.max(0, delay.percentile(99) / 1e6 - DELAY_RESOLUTION_MS),
      eventLoopDelayMsMax: Math.max(0, delay.max / 1e6 - DELAY_RESOLUTION_MS),
      eventLoopUtilization: busy,
      processCores: (used.user + used.system) / 1e6 / elapsed,
      jsonMBPerSecond: stats.bytes / 1e6 / elapsed,
      slow,
    };
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

const n = (value: number, digits = 0) => value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const tailHostSuite: BenchSuite = {
  description: 'Live tail, host side: a tail keeping up with records appended by the embedded broker, polled 20 times a second through the dispatcher',
  /**
   * Options: `--rate` records/s (50000), `--seconds` (10), `--partitions` (1), `--runs` (3),
   * `--predicate '(r) => …'` (a filter), `--quick` (2 s, one run), `--dir` (scratch).
   */
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const rate = Number(options.rate ?? 50_000);
    const seconds = quick ? 2 : Number(options.seconds ?? 10);
    const runs = quick ? 1 : Number(options.runs ?? 3);
    const partitions = Number(options.partitions ?? 1);
    const filters: RecordFilter[] = options.predicate ? [{ kind: 'predicate', source: options.predicate }] : [];
    const workerEntry = bundledWorker();
    const common = { recordsPerSecond: rate, seconds, partitions, filters, dir: options.dir, workerEntry };
    const alone: TailHostMeasurement[] = [];
    const one: TailHostMeasurement[] = [];
    const withSlow: TailHostMeasurement[] = [];
    for (let run = 0; run < runs; run++) {
      process.stdout.write(`run ${run + 1} of ${runs}…\n`);
      alone.push(await measureTailHost({ ...common, tail: false }));
      one.push(await measureTailHost(common));
      withSlow.push(await measureTailHost({ ...common, slowTails: 2 }));
    }
    const row = (scenario: string, of: TailHostMeasurement[], notes: (m: TailHostMeasurement) => string): Row => ({
      scenario,
      metrics: [
        { summary: summarise(of.map((m) => m.deliveredPerSecond)), unit: 'rec/s', digits: 0 },
        { summary: summarise(of.map((m) => m.dropped)), unit: 'dropped', digits: 0 },
        { summary: summarise(of.map((m) => m.eventLoopDelayMsP99)), unit: 'ms delay p99', digits: 1 },
        { summary: summarise(of.map((m) => m.eventLoopUtilization * 100)), unit: '% busy', digits: 0 },
      ],
      notes: notes(of[0]),
    });
    const median = (of: TailHostMeasurement[], pick: (m: TailHostMeasurement) => number) => summarise(of.map(pick)).median;
    const lines = [
      `tail host, ${n(rate)} records/s produced: ${n(median(one, (m) => m.deliveredPerSecond))} records/s delivered`,
      `tail host, dropped of ${n(median(one, (m) => m.produced))}: ${n(median(one, (m) => m.dropped))} records`,
      `tail host, latency append to poll answer: ${n(median(one, (m) => m.latencyMsMedian))} ms`,
      `tail host, broker event-loop delay p99: ${n(median(one, (m) => m.eventLoopDelayMsP99), 1)} ms`,
      `tail host, broker event loop busy: ${n(median(one, (m) => m.eventLoopUtilization * 100))} % (${n(median(alone, (m) => m.eventLoopUtilization * 100))} % without a tail)`,
      `tail host, dropped beside two slow callers: ${n(median(withSlow, (m) => m.dropped))} records`,
    ].join('\n');
    const notes = (m: TailHostMeasurement) => `latency ${n(m.latencyMsMedian)} ms (p99 ${n(m.latencyMsP99)}), delay max ${n(m.eventLoopDelayMsMax)} ms, process ${n(m.processCores, 2)} cores`;
    const table = renderTable(`tail host: ${n(rate)} records/s of ~100 B for ${seconds} s, ${partitions} partition(s)${filters.length ? `, ${options.predicate}` : ''}, ${runs} run(s), medians [ranges]; delay and busy: the broker's event loop`, [
      row('the load alone (no tail)', alone, (m) => `delay max ${n(m.eventLoopDelayMsMax)} ms, process ${n(m.processCores, 2)} cores`),
      row('one tail, 20 polls/s', one, (m) => `${n(m.recordsPerPollMedian)} a poll, ${n(m.jsonMBPerSecond, 1)} MB/s as JSON; ${notes(m)}`),
      row('the same + 2 callers polling 1/s', withSlow, (m) => `the slow ones got ${m.slow.map((slow) => n(slow.delivered)).join(' and ')}; ${notes(m)}`),
    ]);
    const machine = `(load average over the last minute at the end: ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores; other work on the machine shows as delay)`;
    return `${lines}\n\n${table}\n${machine}`;
  },
};

/**
 * Dead letters: how fast the broker's sweeper moves expired records to the DLQ, and how fast the
 * app replays them.
 * - sweep: a fresh broker, N records of 100 B in one partition (batches of 1,000, as a producer
 *   would send them), the policy on, the sweeper's clock moved past the maximum age, one
 *   `sweepNow()` timed: read, decode, provenance headers added, appended to the DLQ, fsynced, the
 *   group's offset moved. Each run checks the DLQ holds N records and the group is at N.
 * - index: the first `dlq.list` of the DLQ, as the Dead letters view opens it: every dead letter
 *   read and recognized into the host's index (later lists only read what is new).
 * - replay: then the same N dead letters replayed by `dlq.replayStart` (everything matching the
 *   empty filter, no rate limit, to the original topic) through the host's dispatcher as the view
 *   calls it, polled with `dlq.jobPoll` until done; timed from the start to the job's end; checks
 *   the source topic got N more.
 * Prints `sweep: <n> records/s moved` and `replay: <n> records/s` (medians), then the table.
 * Options: `--runs N` (default 3), `--records N` (default 1,000,000), `--quick` (100,000, 1 run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch } from '../../broker-core/src/index';
import { createContractCaller, createHost, type Host } from '../../electron/host';
import { summarise } from '../measure';
import type { BenchSuite, SuiteOptions } from '../run';
import { renderTable } from '../table';

const HOUR = 3_600_000;
const BATCH = 1000;

interface RunResult {
  sweepPerSecond: number;
  indexSeconds: number;
  replayPerSecond: number;
}

async function fill(host: Host, records: number): Promise<void> {
  const logs = host.broker()!.logs;
  logs.createTopic('orders', { partitions: 1 });
  logs.alterConfigs('orders', { 'dlq.enable': 'true', 'dlq.group': 'billing', 'dlq.max.age.ms': String(HOUR) });
  const value = Buffer.alloc(100, 'x');
  for (let start = 0; start < records; start += BATCH) {
    const count = Math.min(BATCH, records - start);
    await logs.append('orders', 0, buildRecordBatch(Array.from({ length: count }, () => ({ value }))), { acks: 1 });
  }
  await logs.flush();
}

async function measureOnce(records: number, dir: string | undefined): Promise<RunResult> {
  const dataDir = mkdtempSync(join(dir ?? tmpdir(), 'eddy-bench-dlq-'));
  let clockOffset = 0;
  const host = createHost({ port: 0, dataDir, stateDir: join(dataDir, 'state'), config: { 'dlq.sweep.interval.ms': String(HOUR) }, deadLetterClock: () => Date.now() + clockOffset });
  try {
    await host.start();
    await fill(host, records);
    const broker = host.broker()!;
    clockOffset = 2 * HOUR;
    const sweepStarted = performance.now();
    const { moves } = await broker.deadLetters.sweepNow();
    const sweepSeconds = (performance.now() - sweepStarted) / 1000;
    const moved = moves.reduce((sum, move) => sum + move.records, 0);
    const committed = broker.groups.committedOffsets('billing')[0]?.offset;
    if (moved !== records || committed !== BigInt(records) || broker.logs.partitionStats('orders.dlq', 0).highWatermark !== records) {
      throw new Error(`the sweep moved ${moved} of ${records} records (group at ${committed})`);
    }

    const { value } = createContractCaller(host.handlers);
    const noFilter = { reason: null, sourceTopic: null, from: null, to: null, state: null };
    const indexStarted = performance.now();
    const listed = await value('dlq.list', { topic: 'orders.dlq', filter: noFilter, start: 0, limit: 100, decode: { key: 'auto', value: 'auto' } });
    const indexSeconds = (performance.now() - indexStarted) / 1000;
    if (listed.total !== records) throw new Error(`the index holds ${listed.total} of ${records} dead letters`);

    const replayStarted = performance.now();
    const { jobId } = await value('dlq.replayStart', {
      topic: 'orders.dlq',
      selection: { kind: 'filter', filter: noFilter },
      target: { kind: 'original' },
      ratePerSecond: null,
      replayAgain: false,
      includeDiscarded: false,
    });
    if (!jobId) throw new Error('the replay did not start');
    let progress = await value('dlq.jobPoll', { jobId, waitMs: 5000 });
    while (progress.state === 'running') progress = await value('dlq.jobPoll', { jobId, waitMs: 5000 });
    const replaySeconds = (performance.now() - replayStarted) / 1000;
    const stored = broker.logs.partitionStats('orders', 0).highWatermark;
    if (progress.state !== 'done' || progress.done !== records || stored !== 2 * records) {
      throw new Error(`the replay ended ${progress.state} with ${progress.done} replayed, ${stored - records} stored: ${progress.error}`);
    }
    return { sweepPerSecond: records / sweepSeconds, indexSeconds, replayPerSecond: records / replaySeconds };
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const dlqSuite: BenchSuite = {
  description: "The broker's dead-letter sweeper and the app's replay, on the embedded broker",
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const runs = quick ? 1 : Number(options.runs ?? 3);
    const records = Number(options.records ?? (quick ? 100_000 : 1_000_000));
    await measureOnce(Math.min(records, 50_000), options.dir); // warm-up
    const results: RunResult[] = [];
    for (let run = 0; run < runs; run++) results.push(await measureOnce(records, options.dir));
    const sweep = summarise(results.map((result) => result.sweepPerSecond));
    const replay = summarise(results.map((result) => result.replayPerSecond));
    const index = summarise(results.map((result) => result.indexSeconds));
    const count = records.toLocaleString('en-US');
    const table = renderTable('dead letters (medians [ranges])', [
      { scenario: `sweep, ${count} records of 100 B`, metrics: [{ summary: sweep, unit: 'records/s' }], notes: `${runs} runs; 1 partition; one sweepNow() incl. fsync and offset move; target at least 100,000` },
      { scenario: `first list (index), ${count} dead letters`, metrics: [{ summary: index, unit: 's' }], notes: `${runs} runs; every dead letter read and recognized, as the view opens the DLQ` },
      { scenario: `replay, ${count} dead letters`, metrics: [{ summary: replay, unit: 'records/s' }], notes: `${runs} runs; after the first list; to the original topic, no rate limit, acks=all, via the dispatcher; target at least 50,000` },
    ]);
    return `sweep: ${Math.round(sweep.median)} records/s moved\nreplay: ${Math.round(replay.median)} records/s\n\n${table}`;
  },
};

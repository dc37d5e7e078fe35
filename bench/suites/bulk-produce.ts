/**
 * Bulk produce from the app: `produce.bulkStart` through the dispatcher (payload and response
 * checks included), as the renderer calls it, against the embedded broker in the same process,
 * polled with `produce.jobPoll` until it is done; 1,000,000 records of 100 B (a JSON value with
 * `{{index}}`, no key, 1 partition, no compression, acks=all). Each run checks the job's count
 * and what the log holds. `measureBulkProduce` gives records a second for one run; the `produce`
 * suite prints `bulk produce from the app, 1,000,000 records of 100 B: <n> records/s` (median)
 * and the table with the range. `--runs N` (default 5), `--records N`, `--quick` (100,000, 1 run).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProduceSettings } from '../../electron/contract';
import { createContractCaller, createHost } from '../../electron/host';
import { summarise } from '../measure';
import type { BenchSuite, SuiteOptions } from '../run';
import { renderTable } from '../table';

export interface BulkProduceOptions {
  records?: number;
  partitions?: number;
  settings?: ProduceSettings;
  /** Where the broker's data dir goes (default: the temp folder). */
  dir?: string;
}

/** A JSON value of 100 B for a 6-digit index (95–101 B from 0 to 1,000,000). */
const VALUE_START = '{"id":{{index}},"customer":"customer-0042","status":"created","amount":12.5,"pad":"';
const valueTemplate = () => `${VALUE_START}${'x'.repeat(100 - (VALUE_START.length - '{{index}}'.length + 6) - 2)}"}`;

/** One run: records a second from bulkStart to the job's end, on a fresh broker. */
export async function measureBulkProduce(options: BulkProduceOptions = {}): Promise<number> {
  const records = options.records ?? 1_000_000;
  const dataDir = mkdtempSync(join(options.dir ?? tmpdir(), 'eddy-bench-produce-'));
  const host = createHost({ port: 0, dataDir, stateDir: join(dataDir, 'state') });
  try {
    await host.start();
    host.broker()!.logs.createTopic('bulk', { partitions: options.partitions ?? 1 });
    const { value } = createContractCaller(host.handlers);
    const settings = options.settings ?? { partitioner: 'round-robin', compression: 'none', acks: -1 };
    const started = performance.now();
    const { jobId } = await value('produce.bulkStart', { topic: 'bulk', template: { key: null, value: { text: valueTemplate(), encoding: 'json' }, headers: [] }, settings, count: records, ratePerSecond: null });
    let progress = await value('produce.jobPoll', { jobId, waitMs: 5000 });
    while (progress.state === 'running') progress = await value('produce.jobPoll', { jobId, waitMs: 5000 });
    const seconds = (performance.now() - started) / 1000;
    const logs = host.broker()!.logs;
    const stored = logs.stats().filter((stats) => stats.topic === 'bulk').reduce((sum, stats) => sum + stats.highWatermark, 0);
    if (progress.state !== 'done' || progress.sent !== records || stored !== records) {
      throw new Error(`bulk produce ended ${progress.state} with ${progress.sent} sent, ${stored} stored: ${progress.error}`);
    }
    return records / seconds;
  } finally {
    await host.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export const produceSuite: BenchSuite = {
  description: "Bulk produce from the app's host, through the dispatcher, to the embedded broker",
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const runs = quick ? 1 : Number(options.runs ?? 5);
    const records = Number(options.records ?? (quick ? 100_000 : 1_000_000));
    await measureBulkProduce({ records: Math.min(records, 100_000), dir: options.dir }); // warm-up
    const samples: number[] = [];
    for (let run = 0; run < runs; run++) samples.push(await measureBulkProduce({ records, dir: options.dir }));
    const summary = summarise(samples);
    const label = `bulk produce from the app, ${records.toLocaleString('en-US')} records of 100 B`;
    const table = renderTable('produce (medians [ranges])', [{ scenario: label, metrics: [{ summary, unit: 'records/s' }], notes: `${runs} runs; 1 partition, no compression, acks=all; target at least 200,000` }]);
    return `${label}: ${Math.round(summary.median)} records/s\n\n${table}`;
  },
};

/**
 * `npm run bench -- messages [--runs N] [--quick]`: the Messages view's host side, against the
 * embedded broker, through the dispatcher as the app calls it (payload and response checks
 * included):
 * - browse newest page: the first page (100 records, newest first) of a 10,000,000-record topic;
 * - search contains / predicate: a whole 1,000,000-record topic of ~100 B JSON values with one
 *   match in 10,000 (`"tag":"needle"`), to the end of the search (every match polled);
 * - export: the same 1,000,000 records as JSON Lines to a file, to the file's close.
 * Searches and exports start the app's bundled worker (dist/workers/search-worker.js, built first),
 * as the app does: from the TypeScript sources a worker takes ~0.4 s more to start (tsx).
 * Prints one line per measurement exactly in the form other tools read (`browse newest page,
 * 10,000,000 records: <ms> ms`; medians), then the table with the ranges. `--quick`: 1,000,000 and
 * 100,000 records, one run (a smoke test of the suite, not a measurement).
 *
 * `--remote`: the same measurements through the remote-cluster path (the console's Kafka client,
 * @platformatic/kafka, connected over TCP to the same broker, so only the path differs), side by
 * side with the embedded path in the same run, alternating per run. The lines printed are the
 * remote path's, in the same form; the table has both and the ratio (target: browse and search
 * at least half the embedded speed, i.e. a time ratio of 2 or less).
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch } from '../../broker-core/src/index';
import type { MethodRequest } from '../../electron/contract';
import { createContractCaller, createHost, startSearchWorker, temporaryExportDestinations, type Host } from '../../electron/host';
import type { BenchSuite, SuiteOptions } from '../run';
import { summarise, timeMs, type Summary } from '../measure';
import { renderTable, type Row } from '../table';

const RECORDS_PER_BATCH = 1000;

/** ~100 B JSON values; every 10,000th carries the needle. */
function value(n: number): Buffer {
  const tag = n % 10_000 === 5_000 ? 'needle' : 'hay';
  return Buffer.from(JSON.stringify({ id: n, tag, customer: `customer-${n % 997}`, amount: (n % 10_000) / 100, status: 'ok' }).padEnd(100, ' '));
}

async function fill(host: Host, topic: string, records: number): Promise<void> {
  const logs = host.broker()!.logs;
  logs.createTopic(topic, { partitions: 1 });
  const timestamp = Date.now() - records;
  for (let first = 0; first < records; first += RECORDS_PER_BATCH) {
    const batch = buildRecordBatch(
      Array.from({ length: Math.min(RECORDS_PER_BATCH, records - first) }, (_, i) => ({ key: Buffer.from(`key-${first + i}`), value: value(first + i), timestamp: timestamp + first + i })),
    );
    await logs.append(topic, 0, batch, { acks: 0 });
  }
  await logs.flush();
}

function count(n: number): string {
  return n.toLocaleString('en-US');
}

export const messagesSuite: BenchSuite = {
  description: 'Messages view, host side: browse the newest page of a large topic, search and export 1M records',
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const runs = quick ? 1 : Number(options.runs ?? 5);
    const browseRecords = quick ? 1_000_000 : 10_000_000;
    const scanRecords = quick ? 100_000 : 1_000_000;
    const dataDir = mkdtempSync(join(options.dir ?? tmpdir(), 'eddy-bench-messages-'));
    const exportDir = mkdtempSync(join(options.dir ?? tmpdir(), 'eddy-bench-exports-'));
    const repo = join(import.meta.dirname, '../..');
    const build = spawnSync(process.execPath, [join(repo, 'scripts/build.mjs')], { cwd: repo, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`the build failed:\n${build.stdout}${build.stderr}`);
    const bundledWorker = join(repo, 'dist/workers/search-worker.js');
    const host = createHost({
      port: 0,
      dataDir,
      exportDestinations: temporaryExportDestinations(exportDir),
      messageScan: { startWorker: (heapMb) => startSearchWorker(heapMb, bundledWorker) },
    });
    try {
      await host.start();
      const { value } = createContractCaller(host.handlers);
      process.stdout.write(`filling ${count(browseRecords)} and ${count(scanRecords)} records…\n`);
      await fill(host, 'large', browseRecords);
      await fill(host, 'scanned', scanRecords);
      const auto = { key: 'auto', value: 'auto' } as const;
      const remote = options.remote === 'true';
      let remoteId: string | null = null;
      if (remote) {
        const bootstrap = host.status().address!;
        remoteId = (await value('clusters.save', { id: null, connection: { name: 'bench over TCP', colour: '#10b981', bootstrapServers: [bootstrap], clientId: 'eddy-bench', securityProtocol: 'PLAINTEXT', sasl: null, tls: { ca: null, cert: null, key: null, skipVerify: false }, readOnly: false } })).id;
      }
      /** Runs `measure` on each path in turn (embedded, then remote), so both see the same machine state. */
      const paths: Array<'embedded' | 'remote'> = remote ? ['embedded', 'remote'] : ['embedded'];
      const open = async (path: 'embedded' | 'remote') => {
        const state = await value('clusters.open', { id: path === 'remote' ? remoteId! : 'embedded' });
        if (state.state !== 'connected') throw new Error(`could not open the ${path} path: ${state.problem}`);
      };
      const sides = async (samplesOf: () => Promise<number[]>): Promise<Record<'embedded' | 'remote', number[]>> => {
        const result = { embedded: [] as number[], remote: [] as number[] };
        for (const path of paths) {
          await open(path);
          result[path] = await samplesOf();
        }
        return result;
      };

      const browse = await sides(async () => {
        const samples: number[] = [];
        for (let run = 0; run < runs + 1; run++) {
          const ms = await timeMs(async () => {
            const page = await value('messages.browse', { topic: 'large', partitions: null, start: { from: 'newest' }, limit: 100, decode: auto });
            if (page.records.length !== 100) throw new Error(`browse: ${page.records.length} records`);
          });
          if (run > 0) samples.push(ms); // the first run warms the code up
        }
        return samples;
      });

      const search = (filters: MethodRequest<'messages.searchStart'>['filters']) => sides(async () => {
        const samples: number[] = [];
        for (let run = 0; run < runs; run++) {
          let matched = 0;
          const ms = await timeMs(async () => {
            const { searchId } = await value('messages.searchStart', { topic: 'scanned', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' }, filters, decode: auto, limit: 10_000 });
            for (;;) {
              const polled = await value('messages.searchPoll', { searchId, after: matched, waitMs: 1000 });
              matched += polled.matches.length;
              if (polled.progress.state !== 'running' && polled.matches.length === 0) {
                if (polled.progress.state !== 'done' || polled.progress.scanned !== scanRecords) throw new Error(`search ended ${polled.progress.state}: ${polled.progress.error}`);
                break;
              }
            }
          });
          if (matched !== scanRecords / 10_000) throw new Error(`search found ${matched}, expected ${scanRecords / 10_000}`);
          samples.push(ms / 1000);
        }
        return samples;
      });
      const contains = await search([{ kind: 'contains', field: 'value', text: '"tag":"needle"', caseSensitive: true }]);
      const predicate = await search([{ kind: 'predicate', source: '(record) => record.value.tag === "needle"' }]);

      const exported = await sides(async () => {
      const samples: number[] = [];
      for (let run = 0; run < runs; run++) {
        const ms = await timeMs(async () => {
          const { exportId } = await value('messages.exportStart', { topic: 'scanned', partitions: null, start: { from: 'oldest' }, end: { to: 'newest' }, filters: [], decode: auto, format: 'jsonl', limit: 100_000_000 });
          for (;;) {
            const progress = await value('messages.exportPoll', { exportId: exportId!, waitMs: 1000 });
            if (progress.state === 'running') continue;
            if (progress.state !== 'done' || progress.written !== scanRecords) throw new Error(`export ended ${progress.state} with ${progress.written} records: ${progress.error}`);
            break;
          }
        });
        samples.push(ms / 1000);
      }
      return samples;
      });

      // Exactly `<label>: <median> <unit>`, as other tools read it; the ranges are in the table.
      const line = (label: string, summary: Summary, unit: 'ms' | 's') => `${label}: ${summary.median.toFixed(unit === 'ms' ? 1 : 2)} ${unit}`;
      const measured: Array<[string, Record<'embedded' | 'remote', number[]>, 'ms' | 's', string]> = [
        [`browse newest page, ${count(browseRecords)} records`, browse, 'ms', 'target under 200 ms'],
        [`search contains, ${count(scanRecords)} records`, contains, 's', 'target under 3 s'],
        [`search predicate, ${count(scanRecords)} records`, predicate, 's', 'target under 3 s'],
        [`export ${count(scanRecords)} records as JSON Lines`, exported, 's', ''],
      ];
      const shown = remote ? 'remote' : 'embedded';
      const lines = measured.map(([label, samples, unit]) => line(label, summarise(samples[shown]), unit)).join('\n');
      if (!remote) {
        const rows: Row[] = measured.map(([label, samples, unit, notes]) => ({ scenario: label, metrics: [{ summary: summarise(samples.embedded), unit }], notes: `${runs} runs${notes ? `; ${notes}` : ''}` }));
        return `${lines}\n\n${renderTable('messages (medians [ranges])', rows)}`;
      }
      const rows: Row[] = measured.map(([label, samples, unit]) => {
        const ratio = summarise(samples.remote).median / summarise(samples.embedded).median;
        return { scenario: label, metrics: [{ summary: summarise(samples.embedded), unit }, { summary: summarise(samples.remote), unit }], notes: `remote takes ${ratio.toFixed(2)}× the embedded time (target: 2× or less)` };
      });
      const short = ['browse', 'search contains', 'search predicate', 'export'];
      const ratios = measured.map(([, samples], i) => `${short[i]} ${(summarise(samples.remote).median / summarise(samples.embedded).median).toFixed(2)}`).join(', ');
      return `${lines}\nremote/embedded time: ${ratios}\n\n${renderTable(`messages, embedded | remote over TCP (medians [ranges], ${runs} runs each)`, rows)}`;
    } finally {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(exportDir, { recursive: true, force: true });
    }
  },
};

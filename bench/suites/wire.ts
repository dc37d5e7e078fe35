/**
 * The `wire` suite: our broker against librdkafka's in-memory mock cluster, over the wire, in the
 * same run, alternating the two (A B, then B A, …) over several runs; medians, ranges and ratios.
 *
 * Each run starts both brokers afresh (ours in a Node child process with a temporary data
 * directory, acks=1 from the requests, flush never — the defaults), warms both up (a little
 * produced to a warm-up topic and fetched back), then:
 * - produce: pre-encoded Produce v7 requests, 1000-record batches of 100 B and of 1 KiB values,
 *   `connections` × `in-flight`; next to it the bare `fs.writeSync` loop of the same bytes (the
 *   disk ceiling), measured in the same run. Two regimes:
 *   - burst (`mb-per-run`, 384 MiB): everything lands in the page cache, so the "ceiling" is a
 *     memory copy; reported for reference;
 *   - sustained (`sustained-mb` timed after `sustained-lead-mb` untimed; wire-sustained.ts): past
 *     what the kernel lets sit dirty in memory, writes go at the disk's pace, so the bare loop and
 *     our broker take turns in the same disk conditions. This is "what this disk sustains", which
 *     ../shared/docs/performance.md takes as the produce target's ceiling: ours ≥ 0.8 ×
 *     min(mock, disk);
 * - fetch: a log of `fetch-partitions` partitions × ≤ 4 MiB (below the mock's ~5 MiB per
 *   partition retention) written untimed, then read back `fetch-passes` times with pre-encoded
 *   Fetch v11 requests (1 MiB per partition, 50 MiB per request, as Kafka's consumer defaults).
 *   Nobody reads these partitions while they are filled, so every pass comes from the files
 *   (our tail cache keeps only appends to partitions consumers are tailing);
 * - end-to-end latency: one single-record Produce per ms for `e2e-seconds`, read back by a
 *   long-polling fetcher (max_wait 500 ms, min_bytes 1);
 * - kafkajs: producer throughput, and consumer throughput of a log filled by the load generator
 *   (ours only when it serves consumer groups).
 * After the results, a table of the CPU each broker process and the load generator used during
 * each measurement (wire-cpu.ts), which says which side was the bottleneck on this machine.
 *
 * Options: --runs N (default 5; quick 2), --quick, --dir PATH (scratch root; default the OS temp
 * dir), --mb-per-run N (burst produce MiB per sample; default 384; quick 64), --sustained-mb N
 * (sustained produce MiB timed per sample; default 2048; quick 512), --sustained-lead-mb N (MiB
 * sent before the clock starts; default 6144, quick too: here writes slow to the disk's pace after
 * ~3 GiB; at most 3 runs take sustained samples),
 * --connections N (2),
 * --in-flight N (4), --fetch-partitions N (default 32; quick 8; a multiple of 4), --fetch-passes N
 * (default 4; quick 2), --e2e-seconds N (default 5; quick 1.5), --kafkajs-records N (default
 * 200000; quick 30000), --kafkajs-topics N (topics of 4 × ≤ 4 MiB the kafkajs consumer reads;
 * default 4; quick 2), --only produce,sustained,fetch,e2e,kafkajs, --ours-config name=value[,…]
 * (broker configs for our broker, e.g. log.tail.cache.bytes=0 to compare), --profile (profile our broker with
 * V8's sampling profiler during each measurement and print where its time went; it costs our
 * broker a few percent).
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildRecordBatch } from '../../broker-core/src/records/record-batch-builder';
import { summarise, timeMs, type Summary } from '../measure';
import type { BenchSuite, SuiteOptions } from '../run';
import { renderTable, type Metric, type Row } from '../table';
import { withCpuShare, type CpuShare } from './wire-cpu';
import { makeBatches, removeDirectory, requireFreeSpace, scratchDirectory } from './bench-data';
import { type BrokerUnderTest, PARTITIONS, startMock, startOurs } from './wire-brokers';
import { kafkajsConsume, kafkajsProduce } from './wire-kafkajs';
import { apiVersions, batchRecords, createTopics, endToEndLatency, fetchLoad, fillLog, produceLoad, quantile, type Throughput, type TopicPartition } from './wire-load-generator';
import { renderProfile, summariseProfiles } from './wire-profile';
import { sustainedProduceSample } from './wire-sustained';

const VALUE_SIZES = [100, 1024] as const;
const FETCH_BYTES_PER_PARTITION = 4 * 2 ** 20;
const E2E_RATE = 1000;
/** Batches of each value size per warm-up partition (≤ 4 MiB in all: the mock keeps ~5 MiB per partition). */
const WARM_UP_BATCHES = 3;
const E2E_MAX_WAIT_MS = 500;
const KAFKAJS_VALUE_BYTES = 100;
/** APIs kafkajs's consumer needs: OffsetCommit, OffsetFetch, FindCoordinator, JoinGroup, Heartbeat, SyncGroup. */
const GROUP_APIS = [8, 9, 10, 11, 12, 14];

type Scenario = 'produce' | 'sustained' | 'fetch' | 'e2e' | 'kafkajs';
/** Sustained samples are long (seconds each): at most this many runs take one. */
const SUSTAINED_MAX_RUNS = 3;
/** Rounds of [bare loop, our broker] in a sustained sample (wire-sustained.ts). */
const SUSTAINED_SEGMENTS = 4;

interface Settings {
  runs: number;
  root: string | undefined;
  produceBytes: number;
  sustainedBytes: number;
  sustainedLeadBytes: number;
  connections: number;
  inFlight: number;
  fetchPartitions: number;
  fetchPasses: number;
  e2eRecords: number;
  kafkajsRecords: number;
  kafkajsTopics: number;
  only: Set<Scenario>;
  oursConfig: Record<string, string>;
  profileDir: string | undefined;
}

interface Pair<T> {
  ours: T[];
  mock: T[];
}

const pair = <T>(): Pair<T> => ({ ours: [], mock: [] });

interface Latency {
  p50: number;
  p99: number;
  max: number;
  received: number;
  sent: number;
}

type ProduceSamples = Map<number, Pair<Throughput> & { disk: number[] }>;

interface Results {
  produce: ProduceSamples;
  sustained: ProduceSamples;
  fetch: Map<number, Pair<Throughput>>;
  e2e: Pair<Latency>;
  kafkajsProducer: Pair<Throughput>;
  kafkajsConsumer: Pair<Throughput>;
  /** CPU both sides used, by measurement (wire-cpu.ts). */
  cpu: Map<string, Pair<CpuShare>>;
  groupsServed: boolean;
  problems: string[];
}

const label = (valueBytes: number) => (valueBytes >= 1024 ? `${valueBytes / 1024} KiB` : `${valueBytes} B`);
const recordsPerSecond = (t: Throughput) => t.records / (t.ms / 1000);
const mibPerSecond = (t: Throughput) => t.bytes / 2 ** 20 / (t.ms / 1000);

function parseSettings(options: SuiteOptions): Settings {
  const quick = options.quick === 'true';
  const number = (name: string, full: number, short: number) => {
    const value = Number(options[name] ?? (quick ? short : full));
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number, not ${options[name]}`);
    return value;
  };
  const fetchPartitions = Math.ceil(number('fetch-partitions', 32, 8) / PARTITIONS) * PARTITIONS;
  const scenarios: Scenario[] = ['produce', 'sustained', 'fetch', 'e2e', 'kafkajs'];
  const only = new Set((options.only ? options.only.split(',') : scenarios) as Scenario[]);
  for (const name of only) if (!scenarios.includes(name)) throw new Error(`--only takes ${scenarios.join(', ')}; not ${name}`);
  return {
    runs: Math.round(number('runs', 5, 2)),
    root: options.dir,
    produceBytes: number('mb-per-run', 384, 64) * 2 ** 20,
    sustainedBytes: number('sustained-mb', 2048, 512) * 2 ** 20,
    sustainedLeadBytes: number('sustained-lead-mb', 6144, 6144) * 2 ** 20,
    connections: Math.round(number('connections', 2, 2)),
    inFlight: Math.round(number('in-flight', 4, 4)),
    fetchPartitions,
    fetchPasses: Math.round(number('fetch-passes', 4, 2)),
    e2eRecords: Math.round(number('e2e-seconds', 5, 1.5) * E2E_RATE),
    kafkajsRecords: Math.round(number('kafkajs-records', 200_000, 30_000)),
    kafkajsTopics: Math.round(number('kafkajs-topics', 4, 2)),
    only,
    oursConfig: parseConfigs(options['ours-config']),
    profileDir: options.profile === 'true' ? mkdtempSync(join(tmpdir(), 'eddy-bench-wire-profile-')) : undefined,
  };
}

/** `name=value,name=value` (--ours-config) as broker configs. */
function parseConfigs(text: string | undefined): Record<string, string> {
  const configs: Record<string, string> = {};
  for (const pair of text ? text.split(',') : []) {
    const at = pair.indexOf('=');
    if (at <= 0) throw new Error(`--ours-config takes name=value[,name=value…]; not ${pair}`);
    configs[pair.slice(0, at).trim()] = pair.slice(at + 1).trim();
  }
  return configs;
}

/** The bare writeSync loop of the same bytes a produce sample sends: what this disk takes from Node. */
function diskCeilingMs(root: string | undefined, batches: readonly Buffer[], requests: number): number {
  const dir = scratchDirectory(root, 'wire-ceiling');
  try {
    const fd = openSync(join(dir, 'ceiling.log'), 'w');
    const started = performance.now();
    for (let i = 0; i < requests; i++) writeSync(fd, batches[i % batches.length]);
    const ms = performance.now() - started;
    closeSync(fd);
    return ms;
  } finally {
    removeDirectory(dir);
  }
}

function partitionsOf(topics: readonly string[]): TopicPartition[] {
  return topics.flatMap((topic) => Array.from({ length: PARTITIONS }, (_, partition) => ({ topic, partition })));
}

/**
 * Produces to a warm-up topic and reads it back, so both brokers' produce and fetch paths (JIT,
 * buffers, socket buffers, our tail cache's memory) are warm before anything is timed.
 */
async function warmUp(broker: BrokerUnderTest, batches: Map<number, Buffer[]>): Promise<void> {
  await createTopics(broker, ['warm-up'], PARTITIONS);
  const targets = partitionsOf(['warm-up']);
  let endOffset = 0;
  for (const valueBytes of VALUE_SIZES) {
    const sizeBatches = batches.get(valueBytes)!;
    await fillLog(broker, targets, sizeBatches, WARM_UP_BATCHES);
    endOffset += WARM_UP_BATCHES * batchRecords(sizeBatches[0]);
  }
  await fetchLoad(broker, { targets, endOffset, passes: 1, connections: 2, inFlight: 2, partitionMaxBytes: 2 ** 20, maxBytes: 50 * 2 ** 20, maxWaitMs: 500 });
}

async function oneRun(run: number, settings: Settings, batches: Map<number, Buffer[]>, results: Results): Promise<void> {
  const ours = await startOurs({ root: settings.root, config: settings.oursConfig });
  let mock: BrokerUnderTest | undefined;
  try {
    mock = await startMock();
    const order = run % 2 === 0 ? [ours, mock] : [mock, ours];
    const each = async (body: (broker: BrokerUnderTest) => Promise<void>) => {
      for (const broker of order) await body(broker);
    };
    /**
     * Runs one timed measurement, noting the CPU both sides used (unless `cpu` is false: a sample
     * that also times other work); with --profile, our broker is profiled during it.
     */
    const measured = async <T>(scenario: string, broker: BrokerUnderTest, body: () => Promise<T>, cpu = true): Promise<T> => {
      const timed = async () => {
        const { result, cpu: share } = await withCpuShare(broker.pid, body);
        if (cpu && share) {
          if (!results.cpu.has(scenario)) results.cpu.set(scenario, pair<CpuShare>());
          results.cpu.get(scenario)![broker.kind].push(share);
        }
        return result;
      };
      if (!settings.profileDir || broker.kind !== 'ours') return timed();
      await broker.startProfile();
      try {
        return await timed();
      } finally {
        await broker.stopProfile(join(settings.profileDir, `${scenario}.run${run + 1}.cpuprofile`));
      }
    };
    await each((broker) => warmUp(broker, batches));
    if (run === 0) {
      const served = await apiVersions(ours);
      results.groupsServed = GROUP_APIS.every((key) => served.has(key));
    }

    if (settings.only.has('produce')) {
      for (const valueBytes of VALUE_SIZES) {
        const sizeBatches = batches.get(valueBytes)!;
        const requests = Math.max(settings.connections * settings.inFlight * 4, Math.ceil(settings.produceBytes / sizeBatches[0].length));
        const samples = results.produce.get(valueBytes)!;
        samples.disk.push(diskCeilingMs(settings.root, sizeBatches, requests));
        const topic = `produce-${valueBytes}`;
        await each((broker) => createTopics(broker, [topic], PARTITIONS));
        await each(async (broker) => {
          samples[broker.kind].push(
            await measured(`produce ${label(valueBytes)}`, broker, () =>
              produceLoad(broker, {
                targets: partitionsOf([topic]),
                batches: sizeBatches,
                requests,
                connections: settings.connections,
                inFlight: settings.inFlight,
                warmUpRequests: 2 * settings.inFlight,
                keepPipelineFull: true,
              }),
            ),
          );
        });
      }
    }

    if (settings.only.has('sustained') && run < SUSTAINED_MAX_RUNS) {
      for (const valueBytes of VALUE_SIZES) {
        const sizeBatches = batches.get(valueBytes)!;
        const samples = results.sustained.get(valueBytes)!;
        const topic = `sustained-${valueBytes}`;
        await each(async (broker) => {
          syncDisks();
          if (broker.kind === 'ours') {
            const sample = await measured(`sustained ${label(valueBytes)}`, broker, () =>
              sustainedProduceSample(broker, {
                root: settings.root,
                topic,
                targets: partitionsOf([topic]),
                partitions: PARTITIONS,
                batches: sizeBatches,
                bytes: settings.sustainedBytes,
                leadBytes: settings.sustainedLeadBytes,
                segments: SUSTAINED_SEGMENTS,
                connections: settings.connections,
                inFlight: settings.inFlight,
              }),
              false, // the sample also times the bare loop's turns
            );
            samples.ours.push(sample.ours);
            samples.disk.push(sample.diskMs);
          } else {
            // The mock keeps records in memory (a few MiB per partition): its rate does not depend on the disk.
            await createTopics(broker, [topic], PARTITIONS);
            const requests = Math.ceil(settings.sustainedBytes / sizeBatches[0].length);
            samples.mock.push(await produceLoad(broker, { targets: partitionsOf([topic]), batches: sizeBatches, requests, connections: settings.connections, inFlight: settings.inFlight, warmUpRequests: 2 * settings.inFlight, keepPipelineFull: true }));
          }
        });
      }
    }

    if (settings.only.has('fetch')) {
      for (const valueBytes of VALUE_SIZES) {
        const sizeBatches = batches.get(valueBytes)!;
        const batchesPerPartition = Math.max(1, Math.floor(FETCH_BYTES_PER_PARTITION / sizeBatches[0].length));
        const topics = Array.from({ length: settings.fetchPartitions / PARTITIONS }, (_, t) => `fetch-${valueBytes}-${t}`);
        const targets = partitionsOf(topics);
        await each(async (broker) => {
          await createTopics(broker, topics, PARTITIONS);
          await fillLog(broker, targets, sizeBatches, batchesPerPartition);
        });
        await each(async (broker) => {
          results.fetch.get(valueBytes)![broker.kind].push(
            await measured(`fetch ${label(valueBytes)}`, broker, () =>
              fetchLoad(broker, {
                targets,
                endOffset: batchesPerPartition * batchRecords(sizeBatches[0]),
                passes: settings.fetchPasses,
                connections: settings.connections,
                inFlight: settings.inFlight,
                partitionMaxBytes: 2 ** 20,
                maxBytes: 50 * 2 ** 20,
                maxWaitMs: 500,
              }),
            ),
          );
        });
      }
    }

    if (settings.only.has('e2e')) {
      const single = buildRecordBatch([{ key: Buffer.from('latency'), value: Buffer.alloc(100, 0x6c) }], { timestamp: 1_700_000_000_000 });
      await each((broker) => createTopics(broker, ['latency'], PARTITIONS));
      await each(async (broker) => {
        const result = await measured('end-to-end latency', broker, () =>
          endToEndLatency(broker, {
            target: { topic: 'latency', partition: 0 },
            batch: single,
            records: settings.e2eRecords,
            ratePerSecond: E2E_RATE,
            maxWaitMs: E2E_MAX_WAIT_MS,
            drainMs: 10_000,
          }),
        );
        results.e2e[broker.kind].push({
          p50: quantile(result.latenciesMs, 0.5),
          p99: quantile(result.latenciesMs, 0.99),
          max: quantile(result.latenciesMs, 1),
          received: result.latenciesMs.length,
          sent: result.sent,
        });
      });
    }

    if (settings.only.has('kafkajs')) {
      await each(async (broker) => {
        results.kafkajsProducer[broker.kind].push(
          await measured('kafkajs producer', broker, () =>
            kafkajsProduce(broker.bootstrap, { topic: 'kafkajs-produce', records: settings.kafkajsRecords, batchRecords: 1000, valueBytes: KAFKAJS_VALUE_BYTES, concurrency: 4 }),
          ),
        );
      });
      const sizeBatches = batches.get(KAFKAJS_VALUE_BYTES)!;
      const batchesPerPartition = Math.max(1, Math.floor(FETCH_BYTES_PER_PARTITION / sizeBatches[0].length));
      const consumeTopics = Array.from({ length: settings.kafkajsTopics }, (_, t) => `kafkajs-consume-${t}`);
      const expected = batchesPerPartition * consumeTopics.length * PARTITIONS * batchRecords(sizeBatches[0]);
      await each(async (broker) => {
        if (broker.kind === 'ours' && !results.groupsServed) return;
        await createTopics(broker, consumeTopics, PARTITIONS);
        await fillLog(broker, partitionsOf(consumeTopics), sizeBatches, batchesPerPartition);
        results.kafkajsConsumer[broker.kind].push(
          await measured('kafkajs consumer', broker, () => kafkajsConsume(broker.bootstrap, { topics: consumeTopics, groupId: `bench-${run}`, records: expected, timeoutMs: 60_000 })),
        );
      });
    }
  } finally {
    await mock?.stop();
    await ours.stop();
    results.problems.push(...ours.problems().map((line) => `run ${run + 1}: ${line}`));
  }
}

const metric = (summary: Summary, unit: string, digits?: number): Metric => ({ summary, unit, digits });

function verdict(met: boolean): string {
  return met ? 'met' : 'MISSED';
}

/** Writes every dirty page out, so a sustained sample does not pay for the previous one's writeback. */
function syncDisks(): void {
  spawnSync('sync');
}

function produceRows(samplesBySize: ProduceSamples, target: number | null): Row[] {
  return VALUE_SIZES.flatMap((valueBytes) => {
    const samples = samplesBySize.get(valueBytes)!;
    if (samples.ours.length === 0) return [];
    const ours = samples.ours.map(recordsPerSecond);
    const mock = samples.mock.map(recordsPerSecond);
    const disk = samples.disk.map((ms, run) => samples.ours[run].records / (ms / 1000));
    const ratio = summarise(ours.map((rate, run) => rate / Math.min(mock[run], disk[run])));
    return [
      {
        scenario: `${label(valueBytes)} values`,
        metrics: [
          metric(summarise(ours.map((rate) => rate / 1e6)), 'M rec/s'),
          metric(summarise(samples.ours.map(mibPerSecond)), 'MiB/s', 0),
          metric(summarise(mock.map((rate) => rate / 1e6)), 'M rec/s'),
          metric(summarise(disk.map((rate) => rate / 1e6)), 'M rec/s'),
          metric(ratio, '×', 2),
        ],
        notes: target === null ? 'reference: the ceiling here is a copy into the page cache' : `target ≥ ${target.toFixed(2)}×: ${verdict(ratio.median >= target)}`,
      },
    ];
  });
}

function fetchRows(results: Results): Row[] {
  return VALUE_SIZES.flatMap((valueBytes) => {
    const samples = results.fetch.get(valueBytes)!;
    if (samples.ours.length === 0) return [];
    const ours = samples.ours.map(recordsPerSecond);
    const mock = samples.mock.map(recordsPerSecond);
    const ratio = summarise(ours.map((rate, run) => rate / mock[run]));
    return [
      {
        scenario: `${label(valueBytes)} values`,
        metrics: [
          metric(summarise(ours.map((rate) => rate / 1e6)), 'M rec/s'),
          metric(summarise(samples.ours.map(mibPerSecond)), 'MiB/s', 0),
          metric(summarise(mock.map((rate) => rate / 1e6)), 'M rec/s'),
          metric(summarise(samples.mock.map(mibPerSecond)), 'MiB/s', 0),
          metric(ratio, '×', 2),
        ],
        notes: `target ≥ 1.00×: ${verdict(ratio.median >= 1)}`,
      },
    ];
  });
}

function kafkajsRows(results: Results): { rows: Row[]; notes: string[] } {
  const rows: Row[] = [];
  const notes: string[] = [];
  const add = (scenario: string, samples: Pair<Throughput>) => {
    const ours = samples.ours.map(recordsPerSecond);
    const mock = samples.mock.map(recordsPerSecond);
    const ratio = summarise(ours.map((rate, run) => rate / mock[run]));
    rows.push({
      scenario,
      metrics: [metric(summarise(ours.map((rate) => rate / 1e3)), 'k rec/s', 0), metric(summarise(mock.map((rate) => rate / 1e3)), 'k rec/s', 0), metric(ratio, '×', 2)],
      notes: `target ≥ 0.90×: ${verdict(ratio.median >= 0.9)}`,
    });
  };
  if (results.kafkajsProducer.ours.length > 0) add('producer, 100 B values, acks=1', results.kafkajsProducer);
  if (results.kafkajsConsumer.ours.length > 0) add('consumer, 100 B values', results.kafkajsConsumer);
  else if (results.kafkajsConsumer.mock.length > 0) {
    const mock = summarise(results.kafkajsConsumer.mock.map((t) => recordsPerSecond(t) / 1e3));
    notes.push(
      `kafkajs consumer, 100 B values: ours n/a (groups not served yet: FindCoordinator/JoinGroup/… not advertised); mock ${mock.median.toFixed(0)} k rec/s [${mock.min.toFixed(0)}–${mock.max.toFixed(0)}]`,
    );
  }
  return { rows, notes };
}

function latencyRows(results: Results): Row[] {
  const row = (scenario: string, samples: Latency[], notes: string): Row => ({
    scenario,
    metrics: [
      metric(summarise(samples.map((s) => s.p50)), 'ms', 2),
      metric(summarise(samples.map((s) => s.p99)), 'ms', 2),
      metric(summarise(samples.map((s) => s.max)), 'ms', 2),
    ],
    notes,
  });
  if (results.e2e.ours.length === 0) return [];
  const p99 = summarise(results.e2e.ours.map((s) => s.p99));
  const lost = (samples: Latency[]) => {
    const missing = samples.reduce((sum, s) => sum + s.sent - s.received, 0);
    return missing > 0 ? `; ${missing} record(s) not read back in time` : '';
  };
  return [
    row('ours', results.e2e.ours, `target p99 < 5 ms: ${verdict(p99.median < 5)}${lost(results.e2e.ours)}`),
    row('mock (no wake-up on append)', results.e2e.mock, `reference only: holds an empty fetch for max_wait${lost(results.e2e.mock)}`),
  ];
}

function cpuRows(results: Results): Row[] {
  const percent = (shares: CpuShare[], side: keyof CpuShare) => metric(summarise(shares.map((share) => share[side])), '%', 0);
  return [...results.cpu]
    .filter(([, shares]) => shares.ours.length > 0 && shares.mock.length > 0)
    .map(([scenario, shares]) => ({
      scenario,
      metrics: [percent(shares.ours, 'broker'), percent(shares.ours, 'client'), percent(shares.mock, 'broker'), percent(shares.mock, 'client')],
    }));
}

/** One summary per profiled scenario (profiles of all runs together). */
function profileReport(dir: string): string[] {
  const files = readdirSync(dir)
    .filter((name) => name.endsWith('.cpuprofile'))
    .sort((a, b) => statSync(join(dir, a)).mtimeMs - statSync(join(dir, b)).mtimeMs);
  if (files.length === 0) return [`no CPU profile was written to ${dir}`];
  const scenarios = [...new Set(files.map((name) => name.replace(/\.run\d+\.cpuprofile$/, '')))];
  return [
    `CPU profiles of our broker during each measurement (V8 sampling every 200 µs; files in ${dir}):`,
    ...scenarios.map((scenario) =>
      renderProfile(
        scenario,
        summariseProfiles(
          files.filter((name) => name.startsWith(`${scenario}.run`)).map((name) => join(dir, name)),
          10,
        ),
      ),
    ),
  ];
}

export const wireSuite: BenchSuite = {
  description: 'our broker vs librdkafka mock cluster over the wire: pre-encoded produce/fetch, end-to-end latency, kafkajs',
  async run(options: SuiteOptions): Promise<string> {
    const settings = parseSettings(options);
    const fetchBytes = 2 * settings.fetchPartitions * FETCH_BYTES_PER_PARTITION;
    // A sustained sample holds its lead and twice its timed bytes (ours and the bare loop's) at once.
    const sustainedBytes = settings.only.has('sustained') ? settings.sustainedLeadBytes + 2 * settings.sustainedBytes : 0;
    requireFreeSpace(settings.root, 2 * (2 * settings.produceBytes + fetchBytes + 2 ** 30) + sustainedBytes);
    const batches = new Map<number, Buffer[]>(VALUE_SIZES.map((valueBytes) => [valueBytes, makeBatches(valueBytes)]));
    const results: Results = {
      produce: new Map(VALUE_SIZES.map((valueBytes) => [valueBytes, { ...pair<Throughput>(), disk: [] as number[] }])),
      sustained: new Map(VALUE_SIZES.map((valueBytes) => [valueBytes, { ...pair<Throughput>(), disk: [] as number[] }])),
      fetch: new Map(VALUE_SIZES.map((valueBytes) => [valueBytes, pair<Throughput>()])),
      e2e: pair<Latency>(),
      kafkajsProducer: pair<Throughput>(),
      kafkajsConsumer: pair<Throughput>(),
      cpu: new Map(),
      groupsServed: false,
      problems: [],
    };
    const elapsed = await timeMs(async () => {
      for (let run = 0; run < settings.runs; run++) await oneRun(run, settings, batches, results);
    });

    const runs = `median [min–max] of ${settings.runs} runs, alternating ours and the mock`;
    const output: string[] = [];
    const inFlight = `${settings.connections} connections × ${settings.inFlight} in flight`;
    const produceColumns = 'columns: ours, ours MiB/s, mock, disk ceiling (bare writeSync of the same bytes), ours ÷ min(mock, disk)';
    const produce = produceRows(results.produce, null);
    if (produce.length > 0) {
      output.push(
        renderTable(`produce, page-cache burst: pre-encoded Produce v7, acks=1, 1000-record batches, ${inFlight}, ${(settings.produceBytes / 2 ** 20).toFixed(0)} MiB per sample; ${runs}`, produce),
        produceColumns,
        '',
      );
    }
    const sustained = produceRows(results.sustained, 0.8);
    if (sustained.length > 0) {
      const sustainedRuns = Math.min(settings.runs, SUSTAINED_MAX_RUNS);
      output.push(
        renderTable(
          `produce, sustained (what the disk sustains): as above, after ${(settings.sustainedLeadBytes / 2 ** 20).toFixed(0)} MiB untimed, ${(settings.sustainedBytes / 2 ** 20).toFixed(0)} MiB timed in ${SUSTAINED_SEGMENTS} turns with the bare loop; median [min–max] of ${sustainedRuns} runs`,
          sustained,
        ),
        produceColumns,
        '',
      );
    }
    const fetch = fetchRows(results);
    if (fetch.length > 0) {
      output.push(
        renderTable(
          `fetch: pre-encoded Fetch v11 of ${settings.fetchPartitions} partitions × ≤ 4 MiB, ${settings.fetchPasses} pass(es) from offset 0, ${settings.connections} connections × ${settings.inFlight} in flight, 1 MiB per partition; ${runs}`,
          fetch,
        ),
        'columns: ours, ours MiB/s, mock, mock MiB/s, ours ÷ mock',
        '',
      );
    }
    const latency = latencyRows(results);
    if (latency.length > 0) {
      output.push(
        renderTable(
          `end-to-end latency: ${settings.e2eRecords} single-record produces at ${E2E_RATE}/s, long-poll fetch (max_wait ${E2E_MAX_WAIT_MS} ms, min_bytes 1); ${runs}`,
          latency,
        ),
        'columns: p50, p99, max',
        '',
      );
    }
    const kafkajs = kafkajsRows(results);
    if (kafkajs.rows.length > 0 || kafkajs.notes.length > 0) {
      if (kafkajs.rows.length > 0) {
        output.push(
          renderTable(`kafkajs 2.2.4: ${settings.kafkajsRecords} records per producer sample, 4 sends in flight; consumer reads ${settings.kafkajsTopics} topics × 4 partitions × ≤ 4 MiB from group join to last record; ${runs}`, kafkajs.rows),
          'columns: ours, mock, ours ÷ mock',
        );
      }
      output.push(...kafkajs.notes, '');
    }
    const cpu = cpuRows(results);
    if (cpu.length > 0) {
      output.push(
        renderTable(`CPU during each measurement, % of one core (${availableParallelism()} cores here; the broker's process with all its threads, and the load generator's); ${runs}`, cpu),
        "columns: our broker, its client, the mock, its client (a broker near 100% is busy; well below, it waits on its client, the disk or the network)",
        '',
      );
    }
    output.push(`${settings.runs} runs in ${(elapsed / 1000).toFixed(0)} s. Absolute figures drift 15% or more between runs; read the ratios.`);
    if (results.problems.length > 0) output.push(`our broker logged ${results.problems.length} warning(s)/error(s):`, ...results.problems.slice(0, 10).map((line) => `  ${line}`));
    if (settings.profileDir) output.push('', ...profileReport(settings.profileDir));
    return output.join('\n');
  },
};

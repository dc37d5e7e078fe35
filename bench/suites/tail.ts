/**
 * `npm run bench -- tail [--runs N] [--quick] [--rate N] [--seconds N] [--profile]`: the live
 * tail as a user sees it, measured in Chromium against serve mode:
 * - serve mode in this process (a temp data dir, port 0), the renderer built first;
 * - Debian's Chromium, launched by Playwright (headless), opens the Messages view tailing a
 *   3-partition topic from its end (`#/messages?mode=tail…`, newest first, 10,000 rows kept). The
 *   page is driven over a bare CDP connection, not as a Playwright page: Playwright's pages have
 *   the Network domain on, which makes Chromium copy every WebSocket frame to the CDP client
 *   (tail-cdp.ts); measured at 50,000 records/s that doubled the renderer's main-thread time
 *   (28% -> 53% busy) and Chromium's and this process's CPU, which no user's browser pays;
 * - a producer in this process appends ~100 B records straight into the embedded broker
 *   (tail-host.ts's startTailLoad: prebuilt batches of 500 through `logs.append`, no client in
 *   between, round-robin over the partitions) at 50,000 a second for 60 s (`--quick`: 10 s, 1 run);
 * - in the page: a PerformanceObserver for long tasks (the longest main-thread task), the heap
 *   sampled over CDP (`Runtime.getHeapUsage`, the most it reached), the rows the view received
 *   read from the status bar's `data-received` (its count of records that reached the view) and
 *   the records the host dropped for it (`data-dropped-host`: the view did not keep up), and the
 *   renderer's main-thread time (CDP `Performance.getMetrics`);
 * - beside it, to tell a slow view from a starved one: this process's CPU (broker, host,
 *   producer, the tail's worker) and event-loop use, Chromium's CPU (all its processes) and the
 *   whole machine's (Linux /proc).
 * Rates are taken over the run after a warm-up (3 s; quick 2 s): records shown a second = rows
 * received in that window / its length, beside the rate produced in the same window. `--profile`
 * also writes the renderer's CPU profile over the window and prints its functions by self time.
 *
 * Prints `tail 50,000 records/s for 60 s: shown <n> records/s, renderer heap max <n> MB, longest
 * task <n> ms, dropped <n>` (medians over the runs), the table with the ranges, then the bulk
 * produce line measured by bench/suites/bulk-produce.ts (1,000,000 records; quick: 100,000).
 *
 * `--remote`: each run tails twice, through the embedded path and through the remote-cluster path
 * (serve mode opens a connection to its own broker over TCP, so the console reads it with its
 * Kafka client: Fetch by partition, polled for new records, as for any Kafka cluster). The tail
 * line printed is the remote path's, in the same form; the table has both (target: the remote
 * path holds 50,000 records/s). The bulk produce line is not repeated. */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { startServe } from '../../electron/serve/start-serve';
import { summarise, type Summary } from '../measure';
import type { BenchSuite, SuiteOptions } from '../run';
import { renderTable, type Row } from '../table';
import { CdpPage } from './tail-cdp';
import { startTailLoad } from './tail-host';

const TOPIC = 'tail-bench';
const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const PARTITIONS = 3;
const RECORDS_PER_BATCH = 500;
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];

/** Runs in the page before its own scripts: counts main-thread tasks over 50 ms and keeps the longest. */
const LONG_TASK_OBSERVER = `
  window.__tailBench = { longest: 0, count: 0 };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      window.__tailBench.count += 1;
      window.__tailBench.longest = Math.max(window.__tailBench.longest, entry.duration);
    }
  }).observe({ type: 'longtask', buffered: true });
`;

interface TailRun {
  producedRate: number;
  shownRate: number;
  heapMaxMb: number;
  longestTaskMs: number;
  longTasks: number;
  droppedByHost: number;
  /** Share of the window the renderer's main thread was busy, and its script and layout parts (0–1). */
  busy: number;
  script: number;
  layout: number;
  /** This process (broker, serve mode's host, the producer; the tail's worker included): CPU in cores, and how busy its event loop was (0–1). */
  hostCpu: number;
  hostLoop: number;
  /** Every process on the machine, and Chromium's processes (browser, renderers, GPU, network…), in cores (Linux /proc; 0 elsewhere). */
  machineCores: number;
  chromiumCores: number;
}

/** CPU time so far (clock ticks) of the Chromium this process launched, every process of it (Linux /proc), or 0. */
function chromiumTicks(): number {
  try {
    const stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          // After the command name (which may hold spaces) come state, ppid, …, utime (14th), stime (15th).
          const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ').at(-1)!.split(' ');
          const name = readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
          return [{ pid: Number(pid), ppid: Number(fields[1]), name, ticks: Number(fields[11]) + Number(fields[12]) }];
        } catch {
          return [];
        }
      });
    const inTree = new Set(stats.filter((stat) => stat.ppid === process.pid && stat.name.startsWith('chrom')).map((stat) => stat.pid));
    for (let grew = true; grew; ) {
      grew = false;
      for (const stat of stats) {
        if (inTree.has(stat.pid) || !inTree.has(stat.ppid)) continue;
        inTree.add(stat.pid);
        grew = true;
      }
    }
    return stats.filter((stat) => inTree.has(stat.pid)).reduce((sum, stat) => sum + stat.ticks, 0);
  } catch {
    return 0;
  }
}

/** Busy and total CPU time of the whole machine so far, in clock ticks (Linux), or null. */
function machineTicks(): { busy: number; total: number } | null {
  try {
    const [user, nice, system, idle, iowait, irq, softirq, steal] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const busy = user + nice + system + irq + softirq + steal;
    return { busy, total: busy + idle + iowait };
  } catch {
    return null;
  }
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

/** The renderer's CPU profile over the window, as the functions taking the most self time. */
function topFunctions(profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }, limit = 15): string {
  const selfMs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMs.set(id, (selfMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const node of profile.nodes) {
    const ms = selfMs.get(node.id) ?? 0;
    total += ms;
    const { functionName, url, lineNumber } = node.callFrame;
    const name = `${functionName || '(anonymous)'} ${url ? `${url.split('/').pop()}:${lineNumber + 1}` : ''}`.trim();
    byFunction.set(name, (byFunction.get(name) ?? 0) + ms);
  }
  return [...byFunction.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([name, ms]) => `  ${((ms / total) * 100).toFixed(1).padStart(5)}%  ${ms.toFixed(0).padStart(6)} ms  ${name}`)
    .join('\n');
}

async function measureTail(port: number, rate: number, seconds: number, warmupSeconds: number, profile = false, remote = false): Promise<TailRun> {
  const dataDir = mkdtempSync(join(tmpdir(), 'eddy-bench-tail-'));
  const handle = await startServe({ brokerPort: 0, uiPort: 0, dataDir });
  const page = await CdpPage.open(port);
  try {
    if (remote) {
      // The console on its own broker through the Kafka client, over TCP.
      const opened = await handle.host.openCluster('bench over TCP', handle.host.status().address!);
      if (opened.state !== 'connected') throw new Error(`the remote path did not open: ${opened.problem}`);
    }
    // Made before the page opens (the tail starts at once); startTailLoad appends to it as it is.
    handle.host.broker()!.logs.createTopic(TOPIC, { partitions: PARTITIONS, configs: { 'message.timestamp.type': 'LogAppendTime' } });
    await page.send('Page.enable');
    await page.send('Performance.enable');
    // Before the app's own scripts: every main-thread task over 50 ms, as the page sees it.
    await page.send('Page.addScriptToEvaluateOnNewDocument', { source: LONG_TASK_OBSERVER });
    await page.send('Page.navigate', { url: `${handle.url}#/messages?mode=tail&topic=${TOPIC}&key=auto&value=auto&order=newest&from=end&rows=10000` });
    const status = (attribute: string) => page.evaluate<string | null>(`document.querySelector('[data-testid="tail-status"]')?.getAttribute('${attribute}') ?? null`);
    for (const started = performance.now(); (await status('data-phase')) !== 'running'; ) {
      if (performance.now() - started > 30_000) throw new Error(`the tail did not start: ${await page.evaluate<string>('document.body.innerText')}`);
      await wait(50);
    }

    const counters = async () => ({ received: Number(await status('data-received')), droppedByHost: Number(await status('data-dropped-host')) });
    const metrics = async () => {
      const { metrics: list } = (await page.send('Performance.getMetrics')) as { metrics: Array<{ name: string; value: number }> };
      const of = (name: string) => list.find((metric) => metric.name === name)?.value ?? 0;
      return { task: of('TaskDuration'), script: of('ScriptDuration'), layout: of('LayoutDuration') + of('RecalcStyleDuration') };
    };

    const producer = startTailLoad(handle.host, TOPIC, { recordsPerSecond: rate, recordsPerBatch: RECORDS_PER_BATCH, valueBytes: 100, partitions: PARTITIONS });
    await wait(warmupSeconds * 1000);
    await page.evaluate('window.__tailBench.longest = 0; window.__tailBench.count = 0');
    let heapMax = 0;
    const sampleHeap = async () => {
      const { usedSize } = (await page.send('Runtime.getHeapUsage')) as { usedSize: number };
      heapMax = Math.max(heapMax, usedSize);
    };
    if (profile) {
      await page.send('Profiler.enable');
      await page.send('Profiler.setSamplingInterval', { interval: 500 });
      await page.send('Profiler.start');
    }
    const cpuBefore = process.cpuUsage();
    const loopBefore = performance.eventLoopUtilization();
    const ticksBefore = machineTicks();
    const chromiumBefore = chromiumTicks();
    const before = { ...(await counters()), produced: producer.produced, at: performance.now(), ...(await metrics()) };
    const until = before.at + seconds * 1000;
    while (performance.now() < until) {
      await sampleHeap();
      await wait(250);
    }
    const after = { ...(await counters()), produced: producer.produced, at: performance.now(), ...(await metrics()) };
    const cpu = process.cpuUsage(cpuBefore);
    const loop = performance.eventLoopUtilization(loopBefore);
    const ticksAfter = machineTicks();
    const chromiumAfter = chromiumTicks();
    await sampleHeap();
    const tasks = await page.evaluate<{ longest: number; count: number }>('({ ...window.__tailBench })');
    if (profile) {
      const { profile: recorded } = (await page.send('Profiler.stop')) as { profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] } };
      const file = join(tmpdir(), `eddy-tail-renderer-${Date.now()}.cpuprofile`);
      writeFileSync(file, JSON.stringify(recorded));
      process.stdout.write(`  renderer CPU profile: ${file} (open it in Chromium's DevTools, Performance)\n`);
      process.stdout.write(`  the renderer's main thread, by self time:\n${topFunctions(recorded)}\n`);
    }
    await producer.stop();
    const span = (after.at - before.at) / 1000;
    return {
      producedRate: (after.produced - before.produced) / span,
      shownRate: (after.received - before.received) / span,
      heapMaxMb: heapMax / (1024 * 1024),
      longestTaskMs: tasks.longest,
      longTasks: tasks.count,
      droppedByHost: after.droppedByHost,
      busy: (after.task - before.task) / span,
      script: (after.script - before.script) / span,
      layout: (after.layout - before.layout) / span,
      hostCpu: (cpu.user + cpu.system) / 1e6 / span,
      hostLoop: loop.utilization,
      machineCores: ticksBefore && ticksAfter ? ((ticksAfter.busy - ticksBefore.busy) / (ticksAfter.total - ticksBefore.total)) * availableParallelism() : 0,
      // /proc counts in USER_HZ, 100 a second on Linux.
      chromiumCores: (chromiumAfter - chromiumBefore) / 100 / span,
    };
  } finally {
    await page.close();
    await handle.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** A TCP port nothing listens on now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

const count = (n: number) => Math.round(n).toLocaleString('en-US');
const metric = (summary: Summary, unit: string, digits?: number) => ({ summary, unit, digits });

export const tailSuite: BenchSuite = {
  description: 'Live tail in Chromium against serve mode (shown rate, heap, long tasks, drops), then bulk produce from the app',
  async run(options: SuiteOptions): Promise<string> {
    const quick = options.quick === 'true';
    const runs = quick ? 1 : Number(options.runs ?? 3);
    const rate = Number(options.rate ?? 50_000);
    const seconds = Number(options.seconds ?? (quick ? 10 : 60));
    const warmup = quick ? 2 : 3;
    const repo = join(import.meta.dirname, '../..');
    process.stdout.write('building the renderer…\n');
    await build({ configFile: join(repo, 'vite.config.ts'), logLevel: 'error' });

    // Playwright launches Chromium; the measured page is driven over a bare CDP connection (tail-cdp.ts says why).
    const port = await freePort();
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: [...CHROMIUM_ARGS, `--remote-debugging-port=${port}`] });
    const remote = options.remote === 'true';
    const results: TailRun[] = [];
    const embeddedResults: TailRun[] = [];
    try {
      for (let run = 0; run < runs; run++) {
        for (const path of remote ? (['embedded', 'remote'] as const) : (['embedded'] as const)) {
          process.stdout.write(`tail run ${run + 1} of ${runs}${remote ? ` (${path} path)` : ''}: ${count(rate)} records/s for ${seconds} s…\n`);
          const result = await measureTail(port, rate, seconds, warmup, options.profile === 'true', path === 'remote');
          process.stdout.write(
            `  produced ${count(result.producedRate)}/s, shown ${count(result.shownRate)}/s, heap max ${result.heapMaxMb.toFixed(1)} MB, longest task ${result.longestTaskMs.toFixed(0)} ms (${result.longTasks} over 50 ms), dropped ${count(result.droppedByHost)}, renderer main thread busy ${(result.busy * 100).toFixed(0)}%, host ${(result.hostCpu * 100).toFixed(0)}% of a core (event loop ${(result.hostLoop * 100).toFixed(0)}% busy), Chromium ${result.chromiumCores.toFixed(2)} cores, machine ${result.machineCores.toFixed(2)} cores busy\n`,
          );
          if (remote && path === 'embedded') embeddedResults.push(result);
          else results.push(result);
        }
      }
    } finally {
      await browser.close();
    }
    const of = (pick: (run: TailRun) => number) => summarise(results.map(pick));
    const shown = of((run) => run.shownRate);
    const produced = of((run) => run.producedRate);
    const heap = of((run) => run.heapMaxMb);
    const longest = of((run) => run.longestTaskMs);
    const dropped = of((run) => run.droppedByHost);
    const lines = [
      `tail ${count(rate)} records/s for ${seconds} s: shown ${count(shown.median)} records/s, renderer heap max ${heap.median.toFixed(0)} MB, longest task ${longest.median.toFixed(0)} ms, dropped ${count(dropped.median)}`,
    ];
    const rows: Row[] = [
      { scenario: 'records produced a second', metrics: [metric(produced, 'records/s')] },
      { scenario: 'records shown a second', metrics: [metric(shown, 'records/s')], notes: `${((shown.median / produced.median) * 100).toFixed(1)}% of produced (target: within 5%)` },
      { scenario: 'renderer heap max', metrics: [metric(heap, 'MB', 1)], notes: 'target: under 300 MB' },
      { scenario: 'longest main-thread task', metrics: [metric(longest, 'ms', 0)], notes: 'target: none over 100 ms (0: none over 50 ms, the least the browser reports)' },
      { scenario: 'tasks over 50 ms', metrics: [metric(of((run) => run.longTasks), '', 0)] },
      { scenario: 'records dropped by the host for the view', metrics: [metric(dropped, '', 0)], notes: 'rows rolled out of the 10,000 kept are not drops' },
      { scenario: 'renderer main thread busy', metrics: [metric(of((run) => run.busy * 100), '%', 0)], notes: `script ${(of((run) => run.script).median * 100).toFixed(0)}%, style+layout ${(of((run) => run.layout).median * 100).toFixed(0)}%` },
      { scenario: 'host process CPU (broker, host, producer, tail worker)', metrics: [metric(of((run) => run.hostCpu * 100), '% of a core', 0)] },
      { scenario: 'host event loop busy', metrics: [metric(of((run) => run.hostLoop * 100), '%', 0)], notes: 'the thread that answers the polls' },
      { scenario: 'Chromium, all its processes', metrics: [metric(of((run) => run.chromiumCores), 'cores', 2)], notes: 'the renderer main thread above is part of it' },
      { scenario: 'the whole machine busy (every process)', metrics: [metric(of((run) => run.machineCores), 'cores', 2)], notes: `of ${availableParallelism()}; near all of them, the tail waits for a core` },
    ];
    if (remote) {
      const embeddedShown = summarise(embeddedResults.map((run) => run.shownRate));
      const embeddedProduced = summarise(embeddedResults.map((run) => run.producedRate));
      rows.unshift(
        { scenario: 'embedded path: records produced a second', metrics: [metric(embeddedProduced, 'records/s')] },
        { scenario: 'embedded path: records shown a second', metrics: [metric(embeddedShown, 'records/s')], notes: `the rows below are the remote path's: it shows ${((shown.median / embeddedShown.median) * 100).toFixed(1)}% of the embedded path's rate (target: holds ${count(rate)} records/s)` },
      );
      const table = renderTable(`live tail in Chromium through the remote-cluster path, ${count(rate)} records/s for ${seconds} s, ${runs} run${runs === 1 ? '' : 's'} (median [min–max])`, rows);
      return [lines.join('\n'), '', table].join('\n');
    }
    let bulkTable = '';
    try {
      const { measureBulkProduce } = await import('./bulk-produce');
      const records = quick ? 100_000 : 1_000_000;
      const samples: number[] = [];
      for (let run = 0; run < runs; run++) {
        process.stdout.write(`bulk produce run ${run + 1} of ${runs}: ${count(records)} records…\n`);
        samples.push(await measureBulkProduce({ records }));
      }
      const bulk = summarise(samples);
      lines.push(`bulk produce from the app, ${count(records)} records of 100 B: ${count(bulk.median)} records/s`);
      bulkTable = renderTable('bulk produce from the app (bench/suites/bulk-produce.ts)', [{ scenario: `${count(records)} records of 100 B`, metrics: [metric(bulk, 'records/s')], notes: 'target: at least 200,000' }]);
    } catch (error) {
      lines.push(`bulk produce from the app: not measured (${error instanceof Error ? error.message : String(error)})`);
    }
    const table = renderTable(`live tail in Chromium, ${count(rate)} records/s for ${seconds} s, ${runs} run${runs === 1 ? '' : 's'} (median [min–max])`, rows);
    return [lines.join('\n'), '', table, bulkTable].filter((part) => part !== '').join('\n');
  },
};

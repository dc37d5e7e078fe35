/**
 * Start-up time of the log manager over 100 partitions holding `bytes` in total:
 * - after a clean stop (the `.kafka_cleanshutdown` marker present): lazy open;
 * - after an unclean stop: the marker removed and the last 777 bytes of every active segment cut
 *   off (a torn write), so recovery checks indexes, scans each tail with CRCs and truncates;
 * - both again with the page cache dropped first (`/proc/sys/vm/drop_caches`, root only), when
 *   `cold` is set and the file is writable.
 * The time is `LogManager.open` in this process, from call to resolve.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, statSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerConfig } from '../../broker-core/src/config/broker-config';
import { CLEAN_SHUTDOWN_FILE } from '../../broker-core/src/storage/clean-shutdown-marker';
import { LogManager } from '../../broker-core/src/storage/log-manager';
import { summarise, timeMs } from '../measure';
import type { Row } from '../table';
import { makeBatches, removeDirectory, requireFreeSpace, scratchDirectory, silentLogger } from './bench-data';

export interface StartupOptions {
  runs: number;
  bytes: number;
  partitions: number;
  segmentBytes: number;
  cold: boolean;
  root: string | undefined;
}

const TORN_BYTES = 777;

function tearActiveSegments(dir: string): void {
  for (const partition of readdirSync(dir, { withFileTypes: true })) {
    if (!partition.isDirectory()) continue;
    const logs = readdirSync(join(dir, partition.name)).filter((name) => name.endsWith('.log')).sort();
    const active = join(dir, partition.name, logs[logs.length - 1]);
    const size = statSync(active).size;
    truncateSync(active, Math.max(0, size - TORN_BYTES));
  }
}

function dropPageCache(): boolean {
  try {
    execFileSync('sync');
    writeFileSync('/proc/sys/vm/drop_caches', '3');
    return true;
  } catch {
    return false;
  }
}

async function openAndClose(dir: string, config: BrokerConfig): Promise<number> {
  let manager: LogManager | undefined;
  const ms = await timeMs(async () => {
    manager = await LogManager.open(dir, config, silentLogger, { retentionCheckIntervalMs: 0 });
  });
  await manager!.close();
  return ms;
}

export async function startupRows(options: StartupOptions): Promise<{ rows: Row[]; notes: string[] }> {
  requireFreeSpace(options.root, options.bytes * 1.5);
  const dir = scratchDirectory(options.root, 'startup');
  const config = BrokerConfig.from({});
  try {
    const manager = await LogManager.open(dir, config, silentLogger, { retentionCheckIntervalMs: 0 });
    manager.createTopic('startup', { partitions: options.partitions, configs: { 'segment.bytes': String(options.segmentBytes) } });
    const batches = makeBatches(100);
    const count = Math.ceil(options.bytes / batches[0].length);
    for (let i = 0; i < count; i++) await manager.append('startup', i % options.partitions, batches[i % batches.length], { acks: 1 });
    const stats = manager.stats();
    await manager.close();
    const totalBytes = stats.reduce((sum, partition) => sum + partition.bytes, 0);
    const segments = stats.reduce((sum, partition) => sum + partition.segments, 0);

    const clean: number[] = [];
    const unclean: number[] = [];
    for (let run = 0; run < options.runs; run++) {
      clean.push(await openAndClose(dir, config));
      unlinkSync(join(dir, CLEAN_SHUTDOWN_FILE));
      tearActiveSegments(dir);
      unclean.push(await openAndClose(dir, config));
    }
    const rows: Row[] = [];
    const label = `${options.partitions} partitions, ${(totalBytes / 2 ** 30).toFixed(2)} GiB, ${segments} segments`;
    rows.push({ scenario: `start-up after a clean stop (${label})`, metrics: [{ summary: summarise(clean), unit: 'ms', digits: 1 }], notes: 'target < 300 ms' });
    rows.push({ scenario: `start-up after an unclean stop (${label})`, metrics: [{ summary: summarise(unclean), unit: 'ms', digits: 1 }], notes: 'target < 1 s' });
    const notes: string[] = [];
    if (options.cold) {
      const coldClean: number[] = [];
      const coldUnclean: number[] = [];
      for (let run = 0; run < options.runs && dropPageCache(); run++) {
        coldClean.push(await openAndClose(dir, config));
        unlinkSync(join(dir, CLEAN_SHUTDOWN_FILE));
        tearActiveSegments(dir);
        if (!dropPageCache()) break;
        coldUnclean.push(await openAndClose(dir, config));
      }
      if (coldClean.length > 0) rows.push({ scenario: 'start-up after a clean stop, page cache dropped', metrics: [{ summary: summarise(coldClean), unit: 'ms', digits: 1 }] });
      if (coldUnclean.length > 0) rows.push({ scenario: 'start-up after an unclean stop, page cache dropped', metrics: [{ summary: summarise(coldUnclean), unit: 'ms', digits: 1 }] });
      if (coldClean.length === 0) notes.push('cold start-up not measured: /proc/sys/vm/drop_caches is not writable here');
    }
    return { rows, notes };
  } finally {
    removeDirectory(dir);
  }
}

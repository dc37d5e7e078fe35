/**
 * Append and read throughput of the partition log, against a bare `fs.writeSync` loop of the same
 * bytes measured in the same run (the ceiling: what this disk and kernel take from Node).
 *
 * Per value size, each run does, in this order so drift hits them alike:
 * - ceiling: the pre-encoded batches written back to back with writeSync to a fresh file;
 * - validation alone: the same batches through the append path's checks (CRC-32C, framing),
 *   nothing written: the CPU cost an append adds to the write;
 * - append, flush never: `LogManager.append(…, { acks: 1 })`, one at a time, awaited;
 * - read back: the whole log from offset 0 in 1 MiB reads (from the page cache);
 * - append, group commit: acks=-1 from `producers` concurrent appenders (fsync shared).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { BrokerConfig } from '../../broker-core/src/config/broker-config';
import { validateRecordBatches } from '../../broker-core/src/records/record-batch-validator';
import { LogManager } from '../../broker-core/src/storage/log-manager';
import { summarise, timeMs } from '../measure';
import type { Row } from '../table';
import { makeBatches, removeDirectory, scratchDirectory, silentLogger } from './bench-data';

export interface ThroughputOptions {
  runs: number;
  bytesPerRun: number;
  producers: number;
  root: string | undefined;
}

interface Samples {
  ceiling: number[];
  validate: number[];
  never: number[];
  read: number[];
  groupCommit: number[];
  fsyncsPerSecond: number[];
}

async function openLog(root: string | undefined) {
  const dir = scratchDirectory(root, 'log');
  const manager = await LogManager.open(dir, BrokerConfig.from({}), silentLogger, { retentionCheckIntervalMs: 0 });
  manager.createTopic('bench', { partitions: 1 });
  return { dir, manager };
}

async function oneRun(batches: Buffer[], count: number, options: ThroughputOptions, samples: Samples): Promise<void> {
  const ceilingDir = scratchDirectory(options.root, 'ceiling');
  const fd = openSync(join(ceilingDir, 'ceiling.log'), 'w');
  samples.ceiling.push(
    await timeMs(() => {
      for (let i = 0; i < count; i++) writeSync(fd, batches[i % batches.length]);
    }),
  );
  closeSync(fd);
  removeDirectory(ceilingDir);
  samples.validate.push(
    await timeMs(() => {
      for (let i = 0; i < count; i++) validateRecordBatches(batches[i % batches.length], { maxBatchBytes: 1 << 30 });
    }),
  );

  const never = await openLog(options.root);
  samples.never.push(
    await timeMs(async () => {
      for (let i = 0; i < count; i++) await never.manager.append('bench', 0, batches[i % batches.length], { acks: 1 });
    }),
  );
  samples.read.push(
    await timeMs(() => {
      let offset = 0;
      const end = never.manager.listOffsets('bench', 0, -1).offset;
      while (offset < end) offset = never.manager.read('bench', 0, offset, 1 << 20).nextOffset;
    }),
  );
  await never.manager.close();
  removeDirectory(never.dir);

  const synced = await openLog(options.root);
  let next = 0;
  const producer = async () => {
    while (next < count) {
      const i = next++;
      await synced.manager.append('bench', 0, batches[i % batches.length], { acks: -1 });
    }
  };
  const ms = await timeMs(() => Promise.all(Array.from({ length: options.producers }, producer)));
  samples.groupCommit.push(ms);
  samples.fsyncsPerSecond.push(synced.manager.partitionStats('bench', 0).flushes / (ms / 1000));
  await synced.manager.close();
  removeDirectory(synced.dir);
}

export async function throughputRows(valueBytes: number, options: ThroughputOptions): Promise<Row[]> {
  const batches = makeBatches(valueBytes);
  const batchBytes = batches[0].length;
  const count = Math.max(8, Math.ceil(options.bytesPerRun / batchBytes));
  const records = count * 1000;
  const bytes = count * batchBytes;
  const empty = (): Samples => ({ ceiling: [], validate: [], never: [], read: [], groupCommit: [], fsyncsPerSecond: [] });
  const samples = empty();
  await oneRun(batches, Math.min(count, 64), options, empty());
  for (let run = 0; run < options.runs; run++) await oneRun(batches, count, options, samples);

  const recordsPerSecond = (ms: number[]) => summarise(ms.map((m) => records / (m / 1000) / 1e6));
  const megabytesPerSecond = (ms: number[]) => summarise(ms.map((m) => bytes / (m / 1000) / 2 ** 20));
  const ratio = (ms: number[]) => summarise(ms.map((m, run) => samples.ceiling[run] / m));
  const label = valueBytes >= 1024 ? `${valueBytes / 1024} KiB` : `${valueBytes} B`;
  const row = (scenario: string, ms: number[], notes?: string): Row => ({
    scenario: `${scenario}, ${label} values`,
    metrics: [
      { summary: recordsPerSecond(ms), unit: 'M rec/s', digits: 2 },
      { summary: megabytesPerSecond(ms), unit: 'MiB/s', digits: 0 },
      { summary: ratio(ms), unit: '× ceiling', digits: 2 },
    ],
    notes,
  });
  const fsyncs = summarise(samples.fsyncsPerSecond);
  return [
    row('ceiling: bare writeSync loop', samples.ceiling),
    row('validation alone (CRC-32C + framing), no write', samples.validate),
    row('append, flush never (acks=1)', samples.never),
    row(`append, fsync group commit (acks=-1, ${options.producers} producers)`, samples.groupCommit, `${fsyncs.median.toFixed(0)} fsyncs/s`),
    row('read back from offset 0 (1 MiB reads)', samples.read),
  ];
}

/**
 * Sustained produce for the `wire` suite: our broker against "what this disk sustains", the
 * ceiling ../shared/docs/performance.md sets for the produce target.
 *
 * A short produce lands in the page cache: the bare `writeSync` loop is then a memory copy, not
 * the disk. Past what the kernel lets sit dirty (here ~2.5 GiB from a clean start) every writer
 * goes at the disk's pace, and that pace drifts by 2x and more on this VM from one minute to the
 * next. So one sample, after a `sync`:
 * 1. lead: `leadBytes` written untimed, half by the bare loop and half through our broker, so the
 *    dirty memory is full and writeback is running;
 * 2. `segments` rounds of [bare loop writes `bytes / segments`, timed] then [our broker takes the
 *    same requests, timed], so both are measured side by side in the same disk conditions.
 * Then the ceiling file and the topic are deleted (their unwritten pages are dropped, so the next
 * sample does not pay for this one's writeback).
 */
import { closeSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { removeDirectory, scratchDirectory } from './bench-data';
import type { BrokerUnderTest } from './wire-brokers';
import { createTopics, deleteTopics, produceLoad, type Throughput, type TopicPartition } from './wire-load-generator';

export interface SustainedOptions {
  root: string | undefined;
  topic: string;
  targets: readonly TopicPartition[];
  partitions: number;
  batches: readonly Buffer[];
  /** Bytes timed, for each of ours and the bare loop. */
  bytes: number;
  /** Bytes written before the clock starts (half each). */
  leadBytes: number;
  segments: number;
  connections: number;
  inFlight: number;
}

export interface SustainedSample {
  ours: Throughput;
  /** Time the bare loop took for the same requests. */
  diskMs: number;
}

export async function sustainedProduceSample(ours: BrokerUnderTest, options: SustainedOptions): Promise<SustainedSample> {
  const batchBytes = options.batches[0].length;
  const dir = scratchDirectory(options.root, 'wire-sustained');
  const fd = openSync(join(dir, 'ceiling.log'), 'w');
  let written = 0;
  const bare = (requests: number): number => {
    const started = performance.now();
    for (let i = 0; i < requests; i++) writeSync(fd, options.batches[written++ % options.batches.length]);
    return performance.now() - started;
  };
  const broker = (requests: number) =>
    produceLoad(ours, { targets: options.targets, batches: options.batches, requests, connections: options.connections, inFlight: options.inFlight, keepPipelineFull: true });
  try {
    await createTopics(ours, [options.topic], options.partitions);
    const leadRequests = Math.ceil(options.leadBytes / 2 / batchBytes);
    bare(leadRequests);
    await broker(leadRequests);
    const segmentRequests = Math.max(options.connections * options.inFlight * 4, Math.ceil(options.bytes / options.segments / batchBytes));
    let diskMs = 0;
    const total: Throughput = { ms: 0, records: 0, bytes: 0 };
    for (let segment = 0; segment < options.segments; segment++) {
      diskMs += bare(segmentRequests);
      const result = await broker(segmentRequests);
      total.ms += result.ms;
      total.records += result.records;
      total.bytes += result.bytes;
    }
    return { ours: total, diskMs };
  } finally {
    closeSync(fd);
    removeDirectory(dir);
    await deleteTopics(ours, [options.topic]).catch(() => {});
  }
}

/**
 * Crash safety of the partition log: a child process appends with acks=-1 and acks=1 and is
 * SIGKILLed at random moments — after a random number of acknowledgements, sometimes while it is
 * still recovering the previous crash. After each kill, every acknowledged batch must be in the
 * log, byte for byte, at the offset it was acknowledged at, in order, with nothing but whole valid
 * batches around it; and the log must take new appends.
 *
 * Pairs of rounds alternate between synchronous log writes and writes on the thread pool
 * (write-pacer.ts), so a kill lands in either.
 *
 * The check alternates: on even rounds this process opens the log (recovering the crash), checks
 * it, appends and closes it cleanly, so the next child starts clean; on odd rounds the next child
 * recovers the crash itself and the check comes one round later.
 *
 * EDDY_CRASH_ITERATIONS sets the number of kills (default 50; `npm run test:soak` runs many more).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BrokerConfig } from '../../src/config/broker-config';
import { readInt64 } from '../../src/records/record-batch-layout';
import { validateRecordBatches } from '../../src/records/record-batch-validator';
import { LogManager } from '../../src/storage/log-manager';
import { ACKS_BY_PARTITION, CRASH_TOPIC, CRASH_TOPIC_CONFIGS, crashBatch, parseAck, type Ack } from './crash-workload';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const iterations = Number(process.env.EDDY_CRASH_ITERATIONS ?? 50);
const dataDir = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/** Seeded so a failure can be replayed: EDDY_CRASH_SEED. */
let seed = Number(process.env.EDDY_CRASH_SEED ?? Date.now() % 1_000_000);
const initialSeed = seed;
function random(): number {
  seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
  return seed / 2 ** 31;
}

interface ChildRun {
  acks: Ack[];
  killedWhile: string;
  output: string;
}

/** Runs the child until the kill condition, SIGKILLs it, and returns what it acknowledged. */
function runChild(firstSequence: number, killAfterAcks: number | 'opening', writeMode: 'sync' | 'async'): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'crash-child.ts'), dataDir, String(firstSequence), writeMode], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const acks: Ack[] = [];
    let buffered = '';
    let output = '';
    let killedWhile = 'running';
    let killed = false;
    const kill = (what: string) => {
      if (killed) return;
      killed = true;
      killedWhile = what;
      child.kill('SIGKILL');
    };
    const bound = setTimeout(() => kill('timed out'), 20_000);
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString();
      const lines = buffered.split('\n');
      buffered = lines.pop()!;
      for (const line of lines) {
        const ack = parseAck(line);
        if (ack) {
          acks.push(ack);
          if (typeof killAfterAcks === 'number' && acks.length >= killAfterAcks) kill(`appending (after ${acks.length} acks)`);
        } else {
          output += `${line}\n`;
          if (line === 'opening' && killAfterAcks === 'opening') kill('opening the log');
          if (line === 'ready' && killAfterAcks === 0) kill('just ready');
        }
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(bound);
      // Acks read after the kill was sent were still written before the process died: keep them.
      for (const line of buffered.split('\n')) {
        const ack = parseAck(line);
        if (ack) acks.push(ack);
      }
      if (signal !== 'SIGKILL' || killedWhile === 'timed out') reject(new Error(`child ended with ${signal ?? 'exit'} (${killedWhile}):\n${output}`));
      else resolvePromise({ acks, killedWhile, output });
    });
  });
}

/** Everything stored in one partition: batch bytes by base offset, checked to be whole, valid and dense. */
function storedBatches(manager: LogManager, partition: number): Map<number, Buffer> {
  const batches = new Map<number, Buffer>();
  let offset = manager.listOffsets(CRASH_TOPIC, partition, -2).offset;
  const end = manager.listOffsets(CRASH_TOPIC, partition, -1).offset;
  while (offset < end) {
    const read = manager.read(CRASH_TOPIC, partition, offset, 1 << 20);
    for (const summary of validateRecordBatches(read.records, { maxBatchBytes: 1 << 20 })) {
      const baseOffset = readInt64(read.records, summary.position);
      expect(baseOffset, `partition ${partition}: batch after offset ${offset - 1} starts at ${baseOffset}`).toBe(offset);
      batches.set(baseOffset, read.records.subarray(summary.position, summary.position + summary.size));
      offset = baseOffset + summary.lastOffsetDelta + 1;
    }
  }
  return batches;
}

/** Opens the log (recovering it), checks every ack, appends one batch per partition, closes cleanly. */
async function checkAndAppend(acknowledged: Ack[], parentSequence: number, context: string): Promise<void> {
  const manager = await LogManager.open(dataDir, BrokerConfig.from({}), { info() {}, warn() {}, error() {} }, { retentionCheckIntervalMs: 0 });
  try {
    // A child killed while opening the log before it ever created the topic acknowledged nothing.
    if (!manager.hasTopic(CRASH_TOPIC)) {
      expect(acknowledged, `${context}: records were acknowledged but the topic is gone`).toEqual([]);
      manager.createTopic(CRASH_TOPIC, { partitions: 2, configs: CRASH_TOPIC_CONFIGS });
    }
    for (const partition of [0, 1]) {
      const stored = storedBatches(manager, partition);
      const acks = acknowledged.filter((ack) => ack.partition === partition).sort((a, b) => a.sequence - b.sequence);
      let previous = -1;
      for (const ack of acks) {
        const batch = stored.get(ack.baseOffset);
        const where = `${context}: partition ${partition} (acks=${ACKS_BY_PARTITION[partition]}), sequence ${ack.sequence} acknowledged at offset ${ack.baseOffset}`;
        expect(batch, `${where} is missing`).toBeDefined();
        const expected = crashBatch(partition, ack.sequence);
        expect(batch!.length, `${where} has the wrong size`).toBe(expected.length);
        expect(batch!.subarray(16).equals(expected.subarray(16)), `${where} differs from what was appended`).toBe(true);
        expect(ack.baseOffset, `${where} is out of order`).toBeGreaterThan(previous);
        previous = ack.lastOffset;
      }
    }
    for (const partition of [0, 1]) {
      const sequence = parentSequence + partition;
      const result = await manager.append(CRASH_TOPIC, partition, crashBatch(partition, sequence), { acks: -1 });
      acknowledged.push({ partition, sequence, baseOffset: result.baseOffset, lastOffset: result.lastOffset });
    }
  } finally {
    await manager.close();
  }
}

describe('partition log crash safety', () => {
  it(
    `loses no acknowledged record across ${iterations} SIGKILLs (seed ${initialSeed})`,
    async () => {
      const acknowledged: Ack[] = [];
      const kills: Record<string, number> = {};
      for (let round = 0; round < iterations; round++) {
        const trigger = random() < 0.1 ? 'opening' : Math.floor(random() * 250);
        // Both ways a log write can run (write-pacer.ts): killed mid-writeSync or mid-thread-pool write.
        const run = await runChild((round + 1) * 1_000_000, trigger, round % 4 < 2 ? 'sync' : 'async');
        const kind = run.killedWhile.replace(/ \(.*/, '');
        kills[kind] = (kills[kind] ?? 0) + 1;
        expect(run.output, `round ${round}: the child reported an error`).not.toMatch(/^error /m);
        acknowledged.push(...run.acks);
        if (round % 2 === 0 || round === iterations - 1) await checkAndAppend(acknowledged, (round + 1) * 1_000_000 + 900_000, `round ${round} (seed ${initialSeed})`);
      }
      expect(acknowledged.filter((ack) => ack.partition === 0).length).toBeGreaterThan(iterations);
      expect(acknowledged.filter((ack) => ack.partition === 1).length).toBeGreaterThan(iterations);
      console.log(`crash test: ${iterations} kills (${JSON.stringify(kills)}), ${acknowledged.length} acknowledged batches checked`);
    },
    Math.max(120_000, iterations * 2_000),
  );
});

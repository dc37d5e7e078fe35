/**
 * Crash safety of the partition log and the group coordinator: a child process appends with
 * acks=-1 and acks=1, commits offsets and leads a group, and is SIGKILLed at random moments — after
 * a random number of acknowledgements, sometimes while it is still recovering the previous crash.
 * After each kill:
 * - every acknowledged batch is in the log, byte for byte, at the offset it was acknowledged at,
 *   in order, with nothing but whole valid batches around it; no batch is stored twice, and
 *   nothing that was never sent appears; the log takes new appends;
 * - every acknowledged OffsetCommit survives (the committed offset is the last acknowledged one or
 *   a later one that was sent), and so does the group generation whose SyncGroup was answered;
 * - in some rounds the offsets journal also gets a torn tail (a record cut short, as a write in
 *   flight at a power loss leaves it), which recovery drops without losing an acknowledged commit.
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
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { BrokerConfig } from '../../src/config/broker-config';
import { readInt64 } from '../../src/records/record-batch-layout';
import { validateRecordBatches } from '../../src/records/record-batch-validator';
import { GroupCoordinator, OFFSETS_DIR } from '../../src/groups/group-coordinator';
import { JOURNAL_FILE } from '../../src/groups/offsets-journal';
import { decodeBatches } from '../../src/records/record-batch-decoder';
import { LogManager } from '../../src/storage/log-manager';
import { ACKS_BY_PARTITION, CRASH_BROKER_CONFIG, CRASH_MEMBERS_GROUP, CRASH_OFFSETS_GROUP, CRASH_TOPIC, CRASH_TOPIC_CONFIGS, crashBatch, parseReport, type Ack, type ChildReport } from './crash-workload';

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
  reports: ChildReport[];
  killedWhile: string;
  output: string;
}

/** What every child so far (and the parent) sent and had acknowledged. */
interface History {
  acks: Ack[];
  /** Sequences sent per partition (acknowledged or not). */
  sent: [Set<number>, Set<number>];
  /** Offsets sent in OffsetCommits, and the largest acknowledged, per partition. */
  committing: [Set<number>, Set<number>];
  lastCommitted: [number, number];
  lastGeneration: number;
}

function record(history: History, report: ChildReport): void {
  switch (report.kind) {
    case 'sending':
      history.sent[report.partition].add(report.sequence);
      return;
    case 'ack':
      history.acks.push(report);
      return;
    case 'committing':
      history.committing[report.partition].add(report.offset);
      return;
    case 'commit':
      history.lastCommitted[report.partition] = Math.max(history.lastCommitted[report.partition], report.offset);
      return;
    case 'generation':
      history.lastGeneration = Math.max(history.lastGeneration, report.generation);
  }
}

/** Runs the child until the kill condition, SIGKILLs it, and returns what it acknowledged. */
function runChild(firstSequence: number, killAfterAcks: number | 'opening' | 'generation', writeMode: 'sync' | 'async'): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'crash-child.ts'), dataDir, String(firstSequence), writeMode], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const reports: ChildReport[] = [];
    let acks = 0;
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
        const report = parseReport(line);
        if (report) {
          reports.push(report);
          if (report.kind === 'ack' && typeof killAfterAcks === 'number' && ++acks >= killAfterAcks) kill(`appending (after ${acks} acks)`);
          if (report.kind === 'generation' && killAfterAcks === 'generation') kill('just after a SyncGroup answer');
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
      // Reports read after the kill was sent were still written before the process died: keep them.
      for (const line of buffered.split('\n')) {
        const report = parseReport(line);
        if (report) reports.push(report);
      }
      if (signal !== 'SIGKILL' || killedWhile === 'timed out') reject(new Error(`child ended with ${signal ?? 'exit'} (${killedWhile}):\n${output}`));
      else resolvePromise({ reports, killedWhile, output });
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

/** Each stored batch is one that was sent (its bytes are those of its sequence number's batch), and none is stored twice. */
function checkNothingDuplicatedOrInvented(stored: Map<number, Buffer>, partition: number, sent: Set<number>, context: string): void {
  const seen = new Map<number, number>();
  for (const [baseOffset, batch] of stored) {
    const key = decodeBatches(batch)[0]?.records?.[0]?.key?.toString() ?? '';
    const sequence = Number(key.slice(1));
    const where = `${context}: partition ${partition}, batch at offset ${baseOffset} (key "${key}")`;
    expect(key.startsWith('s') && sent.has(sequence), `${where} was never sent`).toBe(true);
    expect(batch.subarray(16).equals(crashBatch(partition, sequence).subarray(16)), `${where} differs from the batch sent`).toBe(true);
    expect(seen.get(sequence), `${where} is stored twice (also at offset ${seen.get(sequence)})`).toBeUndefined();
    seen.set(sequence, baseOffset);
  }
}

/** Cuts an OffsetCommit record short at the end of the journal, as a write in flight at a power loss leaves it. */
function tearJournalTail(): void {
  appendFileSync(join(dataDir, OFFSETS_DIR, JOURNAL_FILE), Buffer.from([0, 0, 0, 90, 1, 2, 3]));
}

/**
 * Opens the log and the groups (recovering them), checks every acknowledgement, appends one batch
 * per partition, closes cleanly.
 */
async function checkAndAppend(history: History, parentSequence: number, context: string): Promise<void> {
  const config = BrokerConfig.from(CRASH_BROKER_CONFIG);
  const manager = await LogManager.open(dataDir, config, { info() {}, warn() {}, error() {} }, { retentionCheckIntervalMs: 0 });
  try {
    // A child killed while opening the log before it ever created the topic acknowledged nothing.
    if (!manager.hasTopic(CRASH_TOPIC)) {
      expect(history.acks, `${context}: records were acknowledged but the topic is gone`).toEqual([]);
      manager.createTopic(CRASH_TOPIC, { partitions: 2, configs: CRASH_TOPIC_CONFIGS });
    }
    for (const partition of [0, 1]) {
      const stored = storedBatches(manager, partition);
      checkNothingDuplicatedOrInvented(stored, partition, history.sent[partition], context);
      const acks = history.acks.filter((ack) => ack.partition === partition).sort((a, b) => a.sequence - b.sequence);
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
    const groups = await GroupCoordinator.open(dataDir, config, { partitionCount: () => 2 }, { info() {}, warn() {}, error() {} });
    try {
      const committed = new Map(groups.committedOffsets(CRASH_OFFSETS_GROUP).map((view) => [view.partition, Number(view.offset)]));
      for (const partition of [0, 1]) {
        const last = history.lastCommitted[partition];
        if (last < 0) continue;
        const offset = committed.get(partition);
        expect(offset, `${context}: partition ${partition}: the commit of offset ${last} was acknowledged but no offset is committed`).toBeDefined();
        expect(offset!, `${context}: partition ${partition}: the commit of offset ${last} was acknowledged but ${offset} is committed`).toBeGreaterThanOrEqual(last);
        expect(history.committing[partition].has(offset!), `${context}: partition ${partition}: committed offset ${offset} was never sent`).toBe(true);
      }
      if (history.lastGeneration > 0) {
        const generation = groups.describeGroup(CRASH_MEMBERS_GROUP)?.generationId ?? -1;
        expect(generation, `${context}: generation ${history.lastGeneration} of ${CRASH_MEMBERS_GROUP} was handed out but the group is at ${generation}`).toBeGreaterThanOrEqual(history.lastGeneration);
      }
    } finally {
      await groups.close();
    }
    for (const partition of [0, 1]) {
      const sequence = parentSequence + partition;
      history.sent[partition].add(sequence);
      const result = await manager.append(CRASH_TOPIC, partition, crashBatch(partition, sequence), { acks: -1 });
      history.acks.push({ partition, sequence, baseOffset: result.baseOffset, lastOffset: result.lastOffset });
    }
  } finally {
    await manager.close();
  }
}

describe('crash safety of the log and the groups', () => {
  it(
    `loses no acknowledged record, offset commit or generation, stores nothing twice and invents nothing, across ${iterations} SIGKILLs (seed ${initialSeed})`,
    async () => {
      const history: History = { acks: [], sent: [new Set(), new Set()], committing: [new Set(), new Set()], lastCommitted: [-1, -1], lastGeneration: -1 };
      const kills: Record<string, number> = {};
      let tornTails = 0;
      for (let round = 0; round < iterations; round++) {
        const draw = random();
        const trigger = draw < 0.1 ? 'opening' : draw < 0.3 ? 'generation' : Math.floor(random() * 250);
        // Both ways a log write can run (write-pacer.ts): killed mid-writeSync or mid-thread-pool write.
        const run = await runChild((round + 1) * 1_000_000, trigger, round % 4 < 2 ? 'sync' : 'async');
        const kind = run.killedWhile.replace(/ \(.*/, '');
        kills[kind] = (kills[kind] ?? 0) + 1;
        expect(run.output, `round ${round}: the child reported an error`).not.toMatch(/^error /m);
        for (const report of run.reports) record(history, report);
        if (round % 3 === 1) {
          tearJournalTail();
          tornTails++;
        }
        if (round % 2 === 0 || round === iterations - 1) await checkAndAppend(history, (round + 1) * 1_000_000 + 900_000, `round ${round} (seed ${initialSeed})`);
      }
      expect(history.acks.filter((ack) => ack.partition === 0).length).toBeGreaterThan(iterations);
      expect(history.acks.filter((ack) => ack.partition === 1).length).toBeGreaterThan(iterations);
      expect(Math.min(...history.lastCommitted), 'offset commits were acknowledged on both partitions').toBeGreaterThan(0);
      expect(history.lastGeneration, 'a group generation was handed out').toBeGreaterThan(0);
      console.log(`crash test: ${iterations} kills (${JSON.stringify(kills)}), ${history.acks.length} acknowledged batches, offset commits up to ${history.lastCommitted.join('/')}, generation ${history.lastGeneration}, ${tornTails} torn journal tails checked`);
    },
    Math.max(120_000, iterations * 2_000),
  );
});

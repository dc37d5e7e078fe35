/**
 * Property: whatever the interleaving of produce, consume (commit), a member committing an older
 * position, sweep, clock advance, a crash in the middle of a sweep (at any of its durable steps)
 * and a restart, no record is ever dead-lettered twice and every DLQ record is a copy of the
 * source record it names; and once every record is older than the maximum age and a sweep ran,
 * every source record is either consumed (the group's committed offset is past it) or in the DLQ.
 *
 * Crashes are simulated in process: the step throws, the instances are abandoned unclosed, and
 * everything is opened again from the files, as after a SIGKILL (data written to the OS stays;
 * the real SIGKILL is test/dlq/sweeper-sigkill.test.ts).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { BrokerLogger } from '../broker-api';
import { BrokerConfig } from '../config/broker-config';
import { GroupCoordinator } from '../groups/group-coordinator';
import { buildRecordBatch } from '../records/record-batch-builder';
import { readStoredRecords, type StoredRecord } from '../records/stored-record-reader';
import { LogManager } from '../storage/log-manager';
import { DeadLetterSweeperImpl } from './dead-letter-sweeper';
import { SweeperState } from './sweeper-state';

const silent: BrokerLogger = { info() {}, warn() {}, error() {} };
const TOPIC = 'orders';
const DLQ = 'orders.dlq';
const GROUP = 'billing';
const PARTITIONS = 2;
const MAX_AGE = 10;
const config = BrokerConfig.from({});

type Crash = 'before-intent' | 'after-append' | 'before-progress' | 'before-commit' | 'before-clear';

type Command =
  | { kind: 'produce'; partition: number; count: number }
  | { kind: 'advance'; ms: number }
  | { kind: 'sweep' }
  | { kind: 'consume'; partition: number; count: number }
  | { kind: 'commit-older'; partition: number; back: number }
  | { kind: 'crash-in-sweep'; at: Crash }
  | { kind: 'restart' };

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('produce' as const), partition: fc.nat(PARTITIONS - 1), count: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 3, arbitrary: fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 1, max: 2 * MAX_AGE }) }) },
  { weight: 3, arbitrary: fc.constant({ kind: 'sweep' as const }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('consume' as const), partition: fc.nat(PARTITIONS - 1), count: fc.integer({ min: 1, max: 4 }) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('commit-older' as const), partition: fc.nat(PARTITIONS - 1), back: fc.integer({ min: 1, max: 6 }) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('crash-in-sweep' as const), at: fc.constantFrom<Crash>('before-intent', 'after-append', 'before-progress', 'before-commit', 'before-clear') }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'restart' as const }) },
);

/** Which save of a sweep a crash stops: 1 the intent, 2 the progress, 3 the clearing of the commits. */
let failSaveNumber = 0;
let savesSeen = 0;
const originalSave = SweeperState.prototype.save;
SweeperState.prototype.save = function (this: SweeperState) {
  savesSeen += 1;
  if (failSaveNumber !== 0 && savesSeen === failSaveNumber) throw new Error('simulated crash before a state write');
  originalSave.call(this);
};

class World {
  clock = 1_800_000_000_000;
  logs!: LogManager;
  groups!: GroupCoordinator;
  sweeper!: DeadLetterSweeperImpl;
  private abandoned: LogManager[] = [];

  constructor(readonly dataDir: string) {}

  async open(): Promise<void> {
    this.logs = await LogManager.open(this.dataDir, config, silent, { now: () => this.clock, retentionCheckIntervalMs: 0 });
    this.groups = await GroupCoordinator.open(this.dataDir, config, { partitionCount: (topic) => (this.logs.hasTopic(topic) ? this.logs.describeTopic(topic).partitions : undefined) }, silent);
    this.sweeper = await DeadLetterSweeperImpl.start(this.dataDir, this.logs, this.groups, silent, { intervalMs: 0, now: () => this.clock });
  }

  async close(): Promise<void> {
    await this.sweeper.stop();
    await this.groups.close();
    await this.logs.close();
    await Promise.allSettled(this.abandoned.map((logs) => logs.close()));
    this.abandoned = [];
  }

  /** A crash: nothing more is written by these instances; everything is opened again from the files. */
  async crashAndReopen(): Promise<void> {
    await this.sweeper.stop();
    await this.groups.close();
    this.abandoned.push(this.logs);
    await this.open();
  }

  committed(partition: number): number | null {
    const view = this.groups.committedOffsets(GROUP).find((candidate) => candidate.topic === TOPIC && candidate.partition === partition);
    return view ? Number(view.offset) : null;
  }

  readAll(topic: string, partition: number): StoredRecord[] {
    if (!this.logs.hasTopic(topic)) return [];
    const out: StoredRecord[] = [];
    let offset = this.logs.partitionStats(topic, partition).logStartOffset;
    for (;;) {
      const read = this.logs.read(topic, partition, offset, 1 << 20);
      if (read.records.length === 0) return out;
      out.push(...readStoredRecords(read.records, { fromOffset: offset }).records);
      offset = read.nextOffset;
    }
  }

  async run(command: Command): Promise<void> {
    switch (command.kind) {
      case 'produce': {
        const base = this.logs.partitionStats(TOPIC, command.partition).highWatermark;
        const records = Array.from({ length: command.count }, (_, index) => ({ value: Buffer.from(`${command.partition}:${base + index}`) }));
        await this.logs.append(TOPIC, command.partition, buildRecordBatch(records));
        return;
      }
      case 'advance':
        this.clock += command.ms;
        return;
      case 'sweep':
        await this.sweeper.sweepNow();
        return;
      case 'consume': {
        const high = this.logs.partitionStats(TOPIC, command.partition).highWatermark;
        const next = Math.min(high, (this.committed(command.partition) ?? 0) + command.count);
        await this.groups.resetOffsets(GROUP, [{ topic: TOPIC, partition: command.partition, offset: BigInt(next) }]);
        return;
      }
      case 'commit-older': {
        const at = Math.max(0, (this.committed(command.partition) ?? 0) - command.back);
        await this.groups.resetOffsets(GROUP, [{ topic: TOPIC, partition: command.partition, offset: BigInt(at) }]);
        return;
      }
      case 'restart':
        await this.close();
        await this.open();
        return;
      case 'crash-in-sweep':
        await this.crashingSweep(command.at);
        await this.crashAndReopen();
        return;
    }
  }

  private async crashingSweep(at: Crash): Promise<void> {
    const crash = new Error('simulated crash');
    const logs = this.logs;
    const groups = this.groups;
    savesSeen = 0;
    if (at === 'before-intent') failSaveNumber = 1;
    if (at === 'before-progress') failSaveNumber = 2;
    if (at === 'before-clear') failSaveNumber = 3;
    if (at === 'after-append') {
      logs.flush = async () => {
        throw crash;
      };
      failSaveNumber = 2;
    }
    if (at === 'before-commit') {
      groups.forceCommit = async () => {
        throw crash;
      };
      failSaveNumber = 3;
    }
    try {
      await this.sweeper.sweepNow();
    } finally {
      failSaveNumber = 0;
    }
  }

  /** Every DLQ record names a source record, has its bytes, and no source record is named twice. */
  checkNoDoubles(): void {
    const seen = new Set<string>();
    for (let dlqPartition = 0; dlqPartition < (this.logs.hasTopic(DLQ) ? this.logs.describeTopic(DLQ).partitions : 0); dlqPartition++) {
      for (const record of this.readAll(DLQ, dlqPartition)) {
        const header = (key: string) => record.headers.find((candidate) => candidate.key === key)?.value?.toString();
        const source = `${header('__dlq.errors.partition')}:${header('__dlq.errors.offset')}`;
        expect(seen.has(source), `source record ${source} dead-lettered twice`).toBe(false);
        seen.add(source);
        expect(record.value?.toString()).toBe(source);
      }
    }
  }

  /** After everything aged and a sweep: each source record is consumed or dead-lettered. */
  checkAccountedFor(): void {
    const dead = new Set<string>();
    for (let dlqPartition = 0; dlqPartition < (this.logs.hasTopic(DLQ) ? this.logs.describeTopic(DLQ).partitions : 0); dlqPartition++) {
      for (const record of this.readAll(DLQ, dlqPartition)) dead.add(record.value!.toString());
    }
    for (let partition = 0; partition < PARTITIONS; partition++) {
      const committed = this.committed(partition) ?? 0;
      for (const record of this.readAll(TOPIC, partition)) {
        const name = record.value!.toString();
        expect(record.offset < committed || dead.has(name), `record ${name} neither consumed (committed ${committed}) nor dead-lettered`).toBe(true);
      }
    }
  }
}

describe('dead-letter sweeper (property)', () => {
  const dirs: string[] = [];
  afterAll(() => {
    SweeperState.prototype.save = originalSave;
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it('never loses a record and never dead-letters one twice, whatever happens between sweeps', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(commandArbitrary, { minLength: 1, maxLength: 30 }), async (commands) => {
        const dataDir = mkdtempSync(join(tmpdir(), 'eddy-sweeper-property-'));
        dirs.push(dataDir);
        const world = new World(dataDir);
        await world.open();
        try {
          world.logs.createTopic(TOPIC, { partitions: PARTITIONS });
          world.logs.alterConfigs(TOPIC, { 'dlq.enable': 'true', 'dlq.group': GROUP, 'dlq.max.age.ms': String(MAX_AGE) });
          for (const command of commands) {
            await world.run(command);
            world.checkNoDoubles();
          }
          world.clock += 10 * MAX_AGE;
          await world.sweeper.sweepNow();
          world.checkNoDoubles();
          world.checkAccountedFor();
        } finally {
          await world.close();
          rmSync(dataDir, { recursive: true, force: true });
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});

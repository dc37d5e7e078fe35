/**
 * A real SIGKILL in the middle of a sweep (sweep-then-die.ts kills its own process at the exact
 * step), then a broker started again on the same directory: every source record ends up in the
 * DLQ exactly once and the group's committed offsets are past them.
 */
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { readStoredRecords, startBroker, type Broker } from '../../src/index';
import { tempDataDir } from '../support/temp-broker';

const here = dirname(fileURLToPath(import.meta.url));
const repoRoot = resolve(here, '../../..');
const HOUR = 3_600_000;

function runUntilKilled(dataDir: string, killAt: string): Promise<{ signal: NodeJS.Signals | null; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(here, 'sweep-then-die.ts'), dataDir, killAt], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const bound = setTimeout(() => child.kill('SIGTERM'), 30_000);
    child.on('error', reject);
    child.on('close', (_code, signal) => {
      clearTimeout(bound);
      resolvePromise({ signal, output });
    });
  });
}

function readValues(broker: Broker, topic: string, partition: number): string[] {
  const values: string[] = [];
  let offset = 0;
  for (;;) {
    const read = broker.logs.read(topic, partition, offset, 1 << 20);
    if (read.records.length === 0) return values;
    for (const record of readStoredRecords(read.records, { fromOffset: offset }).records) values.push(record.value!.toString());
    offset = read.nextOffset;
  }
}

describe('dead-letter sweeper under SIGKILL', () => {
  let dataDir: string;
  let broker: Broker | null = null;
  afterEach(async () => {
    await broker?.stop();
    broker = null;
    rmSync(dataDir, { recursive: true, force: true });
  });

  for (const killAt of ['after-append', 'before-offset-move']) {
    it(`killed ${killAt.replaceAll('-', ' ')}: no record lost, none dead-lettered twice, offsets moved`, async () => {
      dataDir = tempDataDir('eddy-sweeper-kill-');
      const run = await runUntilKilled(dataDir, killAt);
      expect(run.output).toContain('records 2000');
      expect(run.signal, run.output).toBe('SIGKILL');

      broker = await startBroker({ port: 0, dataDir, config: { 'dlq.sweep.interval.ms': String(HOUR) }, deadLetterClock: () => Date.now() + 2 * HOUR });
      const dlqBefore = [0, 1].flatMap((partition) => readValues(broker!, 'orders.dlq', partition));
      expect(dlqBefore.length, 'what the killed sweep appended survived').toBeGreaterThan(0);
      await broker.deadLetters.sweepNow();
      for (const partition of [0, 1]) {
        const dead = readValues(broker, 'orders.dlq', partition);
        expect(dead).toEqual(Array.from({ length: 1000 }, (_, index) => `${partition}:${index}`));
      }
      const committed = broker.groups.committedOffsets('billing').map((view) => [view.partition, Number(view.offset)]);
      expect(committed).toEqual([
        [0, 1000],
        [1, 1000],
      ]);
    }, 60_000);
  }
});

/**
 * A full disk, for real: the log lives on a 2 MiB tmpfs mounted for this test (we run as root,
 * as CI does; without the right to mount, the test is skipped and says why). Appends fail with
 * KAFKA_STORAGE_ERROR (ENOSPC) and change nothing; reads keep working; nothing acknowledged before
 * is damaged (nor remembered: an idempotent producer's failed batch is stored when retried); once
 * space is freed, appends work again and the log reopens intact.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BrokerConfig } from '../../src/config/broker-config';
import { decodeBatches } from '../../src/records/record-batch-decoder';
import { buildRecordBatch } from '../../src/records/record-batch-builder';
import { LogManager } from '../../src/storage/log-manager';
import { StorageError } from '../../src/storage/storage-error';
import { WritePacer } from '../../src/storage/write-pacer';

const mountPoint = mkdtempSync(join(tmpdir(), 'eddy-disk-full-'));
let mounted = false;
let mountFailure = '';

beforeAll(() => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    mountFailure = (error as { stderr?: Buffer }).stderr?.toString().trim() || (error as Error).message;
  }
});

afterAll(() => {
  if (mounted) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const batch = (sequence: number) =>
  buildRecordBatch(Array.from({ length: 10 }, (_, i) => ({ key: Buffer.from(`k${sequence}`), value: Buffer.alloc(1000, 97 + (sequence % 26)), timestamp: 1_000 + sequence * 10 + i })));

function readAll(manager: LogManager): Buffer[] {
  const values: Buffer[] = [];
  let offset = 0;
  const end = manager.listOffsets('t', 0, -1).offset;
  while (offset < end) {
    const read = manager.read('t', 0, offset, 256 * 1024);
    for (const stored of decodeBatches(read.records)) values.push(stored.records![0].value!);
    offset = read.nextOffset;
  }
  return values;
}

describe.each(['sync', 'async'] as const)('disk full, %s log writes', (writeMode) => {
  it('fails appends with KAFKA_STORAGE_ERROR, keeps reads and earlier data, and recovers once space is freed', async (context) => {
    if (!mounted) context.skip(`cannot mount a tmpfs here (${mountFailure}); run as root to include this test`);
    const dataDir = join(mountPoint, `data-${writeMode}`);
    mkdirSync(dataDir);
    const ballast = join(mountPoint, 'ballast');
    writeFileSync(ballast, Buffer.alloc(256 * 1024));
    const warnings: string[] = [];
    const logger = { info() {}, warn: (message: string) => warnings.push(message), error: (message: string) => warnings.push(message) };
    const writePacer = new WritePacer({ fixed: writeMode });
    const manager = await LogManager.open(dataDir, BrokerConfig.from({}), logger, { retentionCheckIntervalMs: 0, writePacer });
    manager.createTopic('t', { partitions: 1 });

    let acknowledged = 0;
    let failure: unknown = null;
    for (let sequence = 0; sequence < 1000 && failure === null; sequence++) {
      try {
        await manager.append('t', 0, batch(sequence), { acks: sequence % 2 ? 1 : -1 });
        acknowledged++;
      } catch (error) {
        failure = error;
      }
    }
    expect(failure).toBeInstanceOf(StorageError);
    expect((failure as StorageError).code).toBe('KAFKA_STORAGE_ERROR');
    expect((failure as StorageError).errorCode).toBe(56);
    expect((failure as Error).message).toMatch(/ENOSPC/);
    expect(acknowledged).toBeGreaterThan(10);

    const stats = manager.partitionStats('t', 0);
    expect(stats.highWatermark).toBe(acknowledged * 10);
    const logFile = join(dataDir, 't-0', readdirSync(join(dataDir, 't-0')).find((name) => name.endsWith('.log'))!);
    expect(statSync(logFile).size).toBe(stats.bytes);
    const again = await manager.append('t', 0, batch(acknowledged), { acks: 1 }).catch((error: unknown) => error);
    expect((again as StorageError).code).toBe('KAFKA_STORAGE_ERROR');

    const before = readAll(manager);
    expect(before).toHaveLength(acknowledged);
    before.forEach((value, sequence) => expect(value.equals(Buffer.alloc(1000, 97 + (sequence % 26)))).toBe(true));
    expect(manager.listOffsets('t', 0, 1_000 + 30)).toEqual({ offset: 30, timestamp: 1_030 });

    const topicsBefore = readFileSync(join(dataDir, 'topics.json'), 'utf8');
    expect(() => manager.createTopic('more', { partitions: 1, configs: { 'dlq.group': 'x'.repeat(100_000) } })).toThrow(StorageError);
    expect(readFileSync(join(dataDir, 'topics.json'), 'utf8')).toBe(topicsBefore);

    // An idempotent producer's batch that failed is not remembered: its retry is stored, not taken for a duplicate.
    const idempotent = () => buildRecordBatch(Array.from({ length: 10 }, () => ({ value: Buffer.alloc(1000, 120) })), { producerId: 9, producerEpoch: 0, baseSequence: 0 });
    expect(((await manager.append('t', 0, idempotent(), { acks: 1 }).catch((error: unknown) => error)) as StorageError).code).toBe('KAFKA_STORAGE_ERROR');

    unlinkSync(ballast);
    const resumed = await manager.append('t', 0, batch(acknowledged), { acks: -1 });
    expect(resumed.baseOffset).toBe(acknowledged * 10);
    const retried = await manager.append('t', 0, idempotent(), { acks: 1 });
    expect(retried).toMatchObject({ baseOffset: acknowledged * 10 + 10, recordCount: 10 });
    expect(retried.duplicate).toBeUndefined();
    await manager.close();

    const reopened = await LogManager.open(dataDir, BrokerConfig.from({}), logger, { retentionCheckIntervalMs: 0 });
    const after = readAll(reopened);
    expect(after).toHaveLength(acknowledged + 2);
    expect(reopened.topics().map((topic) => topic.name)).toEqual(['t']);
    await reopened.close();
    rmSync(dataDir, { recursive: true, force: true }); // the next run needs the space
  });
});

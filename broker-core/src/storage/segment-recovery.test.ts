import { appendFileSync, closeSync, existsSync, openSync, readdirSync, statSync, truncateSync, unlinkSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BrokerConfig } from '../config/broker-config';
import { decodeBatches } from '../records/record-batch-decoder';
import { CLEAN_SHUTDOWN_FILE } from './clean-shutdown-marker';
import { LogManager } from './log-manager';
import { batchOf, recordingLogger, tempDir } from './test-fixtures';

const config = BrokerConfig.from({});

async function openLog(dir: string, now?: () => number) {
  const logger = recordingLogger();
  const manager = await LogManager.open(dir, config, logger, { retentionCheckIntervalMs: 0, now });
  return { manager, logger };
}

/** A log with `batches` batches of 10 records in one active segment; returns the directory. */
async function logWith(batches: number, options: { clean: boolean; segmentBytes?: number }) {
  const dir = tempDir();
  const { manager } = await openLog(dir);
  manager.createTopic('t', { partitions: 1, configs: options.segmentBytes ? { 'segment.bytes': String(options.segmentBytes) } : {} });
  for (let i = 0; i < batches; i++) await manager.append('t', 0, batchOf(`v${i}`, 10, 1_000 + i * 10, 50), { acks: 1 });
  if (options.clean) await manager.close();
  // Unclean: the manager is abandoned with every write done, as after SIGKILL.
  const partitionDir = join(dir, 't-0');
  const logs = readdirSync(partitionDir).filter((name) => name.endsWith('.log')).sort();
  return { dir, partitionDir, activeLog: join(partitionDir, logs[logs.length - 1]), segments: logs.length };
}

function allValues(manager: LogManager): string[] {
  const values: string[] = [];
  let offset = manager.listOffsets('t', 0, -2).offset;
  const end = manager.listOffsets('t', 0, -1).offset;
  while (offset < end) {
    const read = manager.read('t', 0, offset, 64 * 1024);
    for (const batch of decodeBatches(read.records)) for (const record of batch.records!) values.push(`${record.offset}:${record.value!.subarray(0, 6).toString()}`);
    offset = read.nextOffset;
  }
  return values;
}

describe('recovery of the active segment', () => {
  it('truncates a torn tail (the file cut mid-batch) and appends after it', async () => {
    const { dir, activeLog } = await logWith(30, { clean: false });
    const size = statSync(activeLog).size;
    truncateSync(activeLog, size - 37);
    const { manager, logger } = await openLog(dir);
    expect(manager.cleanStart).toBe(false);
    expect(manager.listOffsets('t', 0, -1).offset).toBe(290);
    expect(logger.lines.join('\n')).toMatch(/truncated \d+ bytes from the end of segment 0 \(.*torn write.*\); the log now ends at offset 290/);
    const values = allValues(manager);
    expect(values).toHaveLength(290);
    expect(values[289]).toBe('289:v28-9a');
    expect((await manager.append('t', 0, batchOf('new', 2), { acks: -1 })).baseOffset).toBe(290);
    expect(allValues(manager).slice(-2)).toEqual(['290:new-0', '291:new-1']);
  });

  it('cuts garbage appended after the last batch, after an unclean and after a clean stop', async () => {
    for (const clean of [false, true]) {
      const { dir, activeLog } = await logWith(20, { clean });
      const size = statSync(activeLog).size;
      appendFileSync(activeLog, Buffer.from('this is not a record batch, just garbage at the end of the log file'));
      const { manager, logger } = await openLog(dir);
      expect(manager.cleanStart).toBe(clean);
      expect(statSync(activeLog).size).toBe(size);
      expect(manager.listOffsets('t', 0, -1).offset).toBe(200);
      expect(logger.lines.join('\n')).toMatch(/truncated 67 bytes/);
      expect(allValues(manager)).toHaveLength(200);
      await manager.close();
    }
  });

  it('cuts a tail whose bytes were damaged in place (CRC) and keeps what is before it', async () => {
    const { dir, activeLog } = await logWith(20, { clean: false });
    const size = statSync(activeLog).size;
    const fd = openSync(activeLog, 'r+');
    writeSync(fd, Buffer.from([0xde, 0xad]), 0, 2, size - 10);
    closeSync(fd);
    const { manager, logger } = await openLog(dir);
    expect(manager.listOffsets('t', 0, -1).offset).toBe(190);
    expect(logger.lines.join('\n')).toMatch(/CRC mismatch at offset 190/);
  });

  it('rebuilds a deleted offset and time index of the active segment', async () => {
    const { dir, activeLog } = await logWith(200, { clean: true });
    const index = activeLog.replace(/\.log$/, '.index');
    const timeIndex = activeLog.replace(/\.log$/, '.timeindex');
    const before = statSync(index).size;
    expect(before).toBeGreaterThan(0);
    unlinkSync(index);
    unlinkSync(timeIndex);
    const { manager, logger } = await openLog(dir);
    expect(logger.lines.join('\n')).toMatch(/rebuilt the indexes of segment 0 \(offset index missing\)/);
    expect(statSync(index).size).toBe(before);
    expect(existsSync(timeIndex)).toBe(true);
    expect(manager.read('t', 0, 1234, 1).nextOffset).toBe(1240);
    expect(manager.listOffsets('t', 0, 2_005)).toEqual({ offset: 1005, timestamp: 2_005 });
  });

  it('rebuilds an index whose entries are garbage after an unclean stop', async () => {
    const { dir, activeLog } = await logWith(200, { clean: false });
    const index = activeLog.replace(/\.log$/, '.index');
    const size = statSync(index).size;
    writeFileSync(index, Buffer.alloc(size, 0xff));
    const { manager, logger } = await openLog(dir);
    expect(logger.lines.join('\n')).toMatch(/rebuilt the indexes|recovered/);
    expect(statSync(index).size).toBe(size);
    expect(manager.read('t', 0, 1999, 1).nextOffset).toBe(2000);
    expect(allValues(manager)).toHaveLength(2000);
  });

  it('drops index entries that point past a log cut at a batch boundary, after a clean and an unclean stop', async () => {
    for (const clean of [true, false]) {
      const { dir, activeLog } = await logWith(200, { clean: true });
      const first = await openLog(dir);
      const keep = first.manager.read('t', 0, 0, 50 * 1024);
      await first.manager.close();
      truncateSync(activeLog, keep.records.length);
      if (!clean) unlinkSync(join(dir, CLEAN_SHUTDOWN_FILE));
      const { manager, logger } = await openLog(dir);
      expect(manager.cleanStart).toBe(clean);
      expect(logger.lines.join('\n')).toMatch(/rebuilt the indexes of segment 0 \(dropped \d+ index entries naming batches that are not in the log\)/);
      expect(manager.listOffsets('t', 0, -1).offset).toBe(keep.nextOffset);
      expect(manager.listOffsets('t', 0, 1_000 + 10 * 10)).toEqual({ offset: 100, timestamp: 1_100 });
      expect(manager.listOffsets('t', 0, -3).offset).toBe(keep.nextOffset - 1);
      expect((await manager.append('t', 0, batchOf('after', 1))).baseOffset).toBe(keep.nextOffset);
      await manager.close();
    }
  });

  it('after an unclean stop checks only the tail after the last index entry', async () => {
    const { dir } = await logWith(500, { clean: false });
    const { logger } = await openLog(dir);
    const line = logger.lines.find((text) => text.includes('recovered after an unclean stop'))!;
    const checked = Number(/checked (\d+) batches/.exec(line)![1]);
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(10);
  });

  it('after a clean stop opens older segments lazily (a deleted index is rebuilt only when read)', async () => {
    const { dir, partitionDir, segments } = await logWith(300, { clean: true, segmentBytes: 64 * 1024 });
    expect(segments).toBeGreaterThan(3);
    unlinkSync(join(partitionDir, '00000000000000000000.index'));
    const { manager, logger } = await openLog(dir);
    expect(manager.cleanStart).toBe(true);
    expect(logger.lines.join('\n')).not.toMatch(/rebuilding/);
    expect(manager.read('t', 0, 55, 1).nextOffset).toBe(60);
    expect(logger.lines.join('\n')).toMatch(/index of segment .*00000000000000000000\.log is missing; rebuilding it/);
  });

  it('keeps append times monotonic and durable across an unclean restart, even if the clock goes back', async () => {
    const dir = tempDir();
    let clock = 1_000_000;
    const first = await openLog(dir, () => clock);
    first.manager.createTopic('t', { partitions: 1 });
    await first.manager.append('t', 0, batchOf('a', 2), { acks: -1 });
    clock = 1_000_500;
    await first.manager.append('t', 0, batchOf('b', 2), { acks: -1 });
    clock = 900_000;
    const second = await openLog(dir, () => clock);
    expect(second.manager.appendTimeAt('t', 0, 1)).toBe(1_000_000);
    expect(second.manager.appendTimeAt('t', 0, 3)).toBe(1_000_500);
    const result = await second.manager.append('t', 0, batchOf('c', 1), { acks: -1 });
    expect(result.appendTime).toBe(1_000_500);
    expect(second.manager.firstOffsetAppendedAtOrAfter('t', 0, 1_000_001)).toBe(2);
    expect(second.manager.firstOffsetAppendedAtOrAfter('t', 0, 1_000_501)).toBe(5);
  });

  it('cuts append-time entries written for batches that never reached the log', async () => {
    const { dir, activeLog } = await logWith(5, { clean: false });
    const sidecar = activeLog.replace(/\.log$/, '.appendtime');
    const entries = statSync(sidecar).size / 12;
    const extra = Buffer.alloc(12);
    extra.writeBigInt64BE(BigInt(Date.now() + 60_000));
    extra.writeInt32BE(50, 8);
    appendFileSync(sidecar, extra);
    const { manager } = await openLog(dir);
    expect(statSync(sidecar).size / 12).toBe(entries);
    expect(manager.appendTimeAt('t', 0, 49)).toBeLessThan(Date.now() + 1000);
  });
});

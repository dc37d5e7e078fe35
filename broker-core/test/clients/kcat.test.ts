/**
 * librdkafka via kcat: metadata, and a 1,000-line file produced and consumed back identically with
 * every compression codec librdkafka offers, each stored really compressed with it. (librdkafka
 * 2.0.2 uses gzip, snappy and lz4 only where the broker advertises Produce v0, which Eddy, like
 * Kafka 4, does not: the producer goes through a proxy that advertises it, produce-v0-proxy.ts.)
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readStoredRecords } from '../../src/index';
import { ProduceV0Proxy } from '../support/produce-v0-proxy';
import { runProcess } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

describe('kcat (librdkafka)', () => {
  let temp: TempBroker;
  let scratch: string;
  let inputFile: string;
  const lines = Array.from({ length: 1000 }, (_, i) => `line ${i}: ${'x'.repeat(i % 97)} ${Math.sin(i)}`);

  beforeAll(async () => {
    temp = await startTempBroker();
    scratch = mkdtempSync(join(tmpdir(), 'eddy-kcat-'));
    inputFile = join(scratch, 'input.txt');
    writeFileSync(inputFile, `${lines.join('\n')}\n`);
  });
  afterAll(async () => {
    await temp.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it('-L lists the broker and the topics', async () => {
    temp.broker.logs.createTopic('listed', { partitions: 3 });
    const result = await runProcess('kcat', ['-L', '-b', temp.bootstrap, '-t', 'listed'], { timeoutMs: 20_000 });
    expect(result.stdout).toContain(`broker ${temp.broker.nodeId} at localhost:${temp.broker.port} (controller)`);
    expect(result.stdout).toContain('topic "listed" with 3 partitions:');
    expect(result.stdout).toContain(`partition 2, leader ${temp.broker.nodeId}, replicas: ${temp.broker.nodeId}, isrs: ${temp.broker.nodeId}`);
  });

  it.each(['none', 'gzip', 'snappy', 'lz4', 'zstd'])('produces 1,000 lines with %s compression and consumes them back identically', async (codec) => {
    const topic = `lines-${codec}`;
    const proxy = new ProduceV0Proxy(temp.broker.port);
    const produced = await runProcess('kcat', ['-P', '-b', await proxy.start(), '-t', topic, '-z', codec, '-X', 'acks=all', '-l', inputFile], { timeoutMs: 30_000 });
    await proxy.stop();
    expect(produced.code, produced.stderr).toBe(0);
    // librdkafka sends a batch uncompressed where compressing would not make it smaller (a small last batch, say).
    const stored = readStoredRecords(temp.broker.logs.read(topic, 0, 0, 4 << 20).records);
    const inCodec = stored.records.filter((record) => record.compression === codec).length;
    expect(inCodec, `${inCodec} of ${stored.records.length} records stored with ${codec}`).toBeGreaterThan(stored.records.length / 2);
    const consumed = await runProcess('kcat', ['-C', '-b', temp.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-q', '-f', '%o %s\n'], { timeoutMs: 30_000 });
    expect(consumed.code, consumed.stderr).toBe(0);
    expect(consumed.stdout.trimEnd().split('\n')).toEqual(lines.map((line, offset) => `${offset} ${line}`));
    const stats = temp.broker.logs.partitionStats(topic, 0);
    expect(stats.highWatermark).toBe(1000);
  });
});

/**
 * The record reader and the codecs against real clients, live (the fixtures in
 * src/records/fixtures/ are the same evidence, frozen):
 * - kcat produces with each codec (keys, headers with a null value, null keys and values) and
 *   `readStoredRecords` reads back every record from what the log stored;
 * - batches compressed here (`compressRecordBatch`, each codec) are appended to the log and
 *   consumed by kcat (librdkafka's decoders), kafkajs and kafka-python (gzip: the codec they have
 *   here), and our LZ4 and zstd frames are decoded by the reference `lz4` and `zstd` tools.
 * librdkafka 2.0.2 compresses with gzip, snappy or lz4 only where Produce v0 is advertised, so kcat
 * produces through `ProduceV0Proxy`; every stored record is checked to have the codec asked for.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildRecordBatch, compress, compressRecordBatch, readStoredRecords, COMPRESSION_CODECS, type CompressionCodec, type StoredRecord } from '../../src/index';
import { zstdWasm } from '../../src/records/compression/zstd-codec';
import { ProduceV0Proxy } from '../support/produce-v0-proxy';
import { runProcess, systemPython } from '../support/run-process';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

const COUNT = 200;
const value = (i: number) => JSON.stringify({ id: i, event: i % 3 ? 'click' : 'view', path: `/products/${1000 + (i % 17)}`, note: 'compressible text, repeated in every record' });
const text = (bytes: Buffer | null) => (bytes === null ? null : bytes.toString('utf8'));

/** Every record of a partition, read from the log the way the console will. */
function readAll(temp: TempBroker, topic: string): ReturnType<typeof readStoredRecords> {
  const records: StoredRecord[] = [];
  const batchErrors: ReturnType<typeof readStoredRecords>['batchErrors'] = [];
  let offset = 0;
  for (;;) {
    const stored = temp.broker.logs.read(topic, 0, offset, 64 * 1024);
    if (stored.records.length === 0) return { records, batchErrors, controlBatches: [], nextOffset: offset };
    const read = readStoredRecords(stored.records, { fromOffset: offset });
    records.push(...read.records);
    batchErrors.push(...read.batchErrors);
    offset = read.nextOffset;
  }
}

describe('stored records from and for real clients', () => {
  let temp: TempBroker;
  let proxy: ProduceV0Proxy;
  let viaProxy: string;
  let scratch: string;

  beforeAll(async () => {
    temp = await startTempBroker({ host: '127.0.0.1' });
    proxy = new ProduceV0Proxy(temp.broker.port);
    viaProxy = await proxy.start();
    scratch = mkdtempSync(join(tmpdir(), 'eddy-records-'));
  });
  afterAll(async () => {
    await proxy.stop();
    await temp.stop();
    rmSync(scratch, { recursive: true, force: true });
  });

  it.each(COMPRESSION_CODECS)('kcat produces with %s: every record read back from the log, in that codec', async (codec) => {
    const topic = `kcat-${codec}`;
    temp.broker.logs.createTopic(topic, { partitions: 1 });
    // -Z: an empty key or value is sent as null. Record 3 has no key, record 5 no value.
    const input = Array.from({ length: COUNT }, (_, i) => `${i === 3 ? '' : `key-${i % 7}`}\t${i === 5 ? '' : value(i)}\n`).join('');
    const from = Date.now();
    const run = await runProcess('kcat', ['-P', '-b', viaProxy, '-t', topic, '-z', codec, '-K', '\t', '-Z', '-H', 'trace=abc', '-H', 'nothing', '-X', 'linger.ms=100'], { input, timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    const to = Date.now();

    const read = readAll(temp, topic);
    expect(read.batchErrors).toEqual([]);
    expect(read.records.map((record) => record.offset)).toEqual(Array.from({ length: COUNT }, (_, i) => i));
    for (const [i, record] of read.records.entries()) {
      expect(record.compression).toBe(codec);
      expect(text(record.key)).toBe(i === 3 ? null : `key-${i % 7}`);
      expect(text(record.value)).toBe(i === 5 ? null : value(i));
      expect(record.headers.map((header) => [header.key, text(header.value)])).toEqual([
        ['trace', 'abc'],
        ['nothing', null],
      ]);
      expect(record.timestampType).toBe('CreateTime');
      expect(record.timestamp).toBeGreaterThanOrEqual(from - 1);
      expect(record.timestamp).toBeLessThanOrEqual(to + 1);
    }
  });

  /** 300 records in 3 batches compressed here, appended to a new topic. */
  async function appendCompressed(codec: CompressionCodec, reader: string): Promise<string> {
    const topic = `ours-${codec}-for-${reader}`;
    temp.broker.logs.createTopic(topic, { partitions: 1 });
    for (let batch = 0; batch < 3; batch++) {
      const records = Array.from({ length: 100 }, (_, i) => {
        const n = batch * 100 + i;
        return { key: Buffer.from(`key-${n}`), value: Buffer.from(value(n)), headers: [{ key: 'n', value: Buffer.from(String(n)) }], timestamp: 1_700_000_000_000 + n };
      });
      await temp.broker.logs.append(topic, 0, await compressRecordBatch(buildRecordBatch(records), codec));
    }
    const read = readAll(temp, topic);
    expect(read.records).toHaveLength(300);
    expect(new Set(read.records.map((record) => record.compression))).toEqual(new Set([codec]));
    return topic;
  }

  it.each(COMPRESSION_CODECS)('batches we compress with %s are read by kcat (librdkafka) as written', async (codec) => {
    const topic = await appendCompressed(codec, 'kcat');
    const run = await runProcess('kcat', ['-C', '-b', temp.bootstrap, '-t', topic, '-o', 'beginning', '-e', '-J'], { timeoutMs: 30_000 });
    expect(run.code, run.stderr).toBe(0);
    const consumed = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { offset: number; key: string; payload: string; ts: number; headers: string[] });
    expect(consumed).toHaveLength(300);
    consumed.forEach((message, n) => {
      expect(message).toMatchObject({ offset: n, key: `key-${n}`, payload: value(n), ts: 1_700_000_000_000 + n, headers: ['n', String(n)] });
    });
  });

  it('gzip batches we write are read by kafkajs and kafka-python', async () => {
    const topic = await appendCompressed('gzip', 'kafkajs-and-kafka-python');
    const kafka = new Kafka({ clientId: 'records-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING });
    const consumer = kafka.consumer({ groupId: 'records-test-readers', maxWaitTimeInMs: 100 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: Array<[string, string, string]> = [];
    await consumer.run({ eachMessage: async ({ message }) => void received.push([String(message.offset), String(message.key), String(message.value)]) });
    try {
      await expect.poll(() => received.length, { timeout: 30_000 }).toBe(300);
    } finally {
      await consumer.disconnect();
    }
    expect(received).toEqual(Array.from({ length: 300 }, (_, n) => [String(n), `key-${n}`, value(n)]));

    const script = `
import json, sys
from kafka import KafkaConsumer, TopicPartition
consumer = KafkaConsumer(bootstrap_servers=sys.argv[1], group_id=None, enable_auto_commit=False, consumer_timeout_ms=5000)
tp = TopicPartition(sys.argv[2], 0)
consumer.assign([tp])
consumer.seek_to_beginning(tp)
print(json.dumps([[m.offset, m.key.decode(), m.value.decode()] for m in consumer]))
`;
    const python = await runProcess(systemPython, ['-c', script, temp.bootstrap, topic], { timeoutMs: 60_000 });
    expect(python.code, python.stderr).toBe(0);
    expect(JSON.parse(python.stdout)).toEqual(Array.from({ length: 300 }, (_, n) => [n, `key-${n}`, value(n)]));
  });

  it('our LZ4 frames and zstd frames (node:zlib and WebAssembly) are read by the reference lz4 and zstd tools', async () => {
    const content = Buffer.from(Array.from({ length: 5000 }, (_, i) => value(i)).join('\n'));
    const frames: Array<[string, Buffer, string]> = [
      ['lz4', await compress('lz4', content), 'lz4'],
      ['zstd', await compress('zstd', content), 'zstd'],
      ['zstd (WebAssembly)', await zstdWasm(content), 'zstd'],
    ];
    for (const [name, frame, tool] of frames) {
      expect(frame.length, name).toBeLessThan(content.length / 3);
      const file = join(scratch, `frame-${name.replace(/\W+/g, '-')}`);
      writeFileSync(file, frame);
      const { stdout } = await promisify(execFile)(tool, ['-d', '-c', file], { encoding: 'buffer', maxBuffer: 16 * 1024 * 1024, timeout: 20_000 });
      expect(stdout.equals(content), `${name} decoded by the reference ${tool}`).toBe(true);
    }
  });
});

/**
 * A live tail while a real client produces: kafkajs 2.2.4 writes to a 3-partition topic (keyed,
 * some sends gzip) over TCP while the host's tail is polled through the dispatcher; every record
 * arrives once, in append order per partition, with the key, value and headers the client sent.
 */
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTailHost, TailReader, type TailTestHost } from '../tail/tail-test-host';

describe('a live tail while kafkajs produces', () => {
  let test: TailTestHost;
  beforeAll(async () => {
    test = await startTailHost();
  });
  afterAll(() => test.close());

  it('delivers every record kafkajs sends, once, in order per partition, decoded', async () => {
    const kafka = new Kafka({ clientId: 'eddy-tail-test', brokers: [test.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: 'live', numPartitions: 3 }] });
    await admin.disconnect();

    const { tailId } = await test.value('tail.start', { topic: 'live', partitions: null, from: { at: 'end' }, filters: [], decode: { key: 'string', value: 'auto' } });
    const reader = new TailReader(test, tailId);
    const producer = kafka.producer();
    await producer.connect();
    const sent: Array<{ key: string; n: number }> = [];
    const producing = (async () => {
      for (let send = 0; send < 20; send++) {
        const messages = Array.from({ length: 100 }, (_, i) => {
          const n = send * 100 + i;
          sent.push({ key: `customer-${n % 37}`, n });
          return { key: `customer-${n % 37}`, value: JSON.stringify({ n }), headers: { source: 'kafkajs' } };
        });
        await producer.send({ topic: 'live', messages, acks: -1, compression: send % 2 === 0 ? CompressionTypes.GZIP : CompressionTypes.None });
      }
    })();
    await Promise.all([producing, reader.pollUntil((r) => r.records.length >= 2000, 'every record kafkajs sent', 30_000)]);
    await producer.disconnect();
    await reader.poll(300);

    expect(reader.records).toHaveLength(2000);
    expect(reader.dropped).toBe(0);
    for (const partition of [0, 1, 2]) {
      const offsets = reader.offsets(partition);
      expect(offsets).toEqual(Array.from({ length: offsets.length }, (_, i) => i));
      // Within a partition, a producer's records keep the order it sent them in.
      const ns = reader.records.filter((record) => record.partition === partition).map((record) => (JSON.parse(record.value.text) as { n: number }).n);
      expect(ns).toEqual([...ns].sort((a, b) => a - b));
    }
    const byN = new Map(reader.records.map((record) => [(JSON.parse(record.value.text) as { n: number }).n, record]));
    expect([...byN.keys()].sort((a, b) => a - b)).toEqual(sent.map((message) => message.n));
    const sample = byN.get(1234)!;
    expect(sample).toMatchObject({ key: { as: 'text', text: 'customer-13' }, value: { as: 'json' }, headers: [{ key: 'source', value: { as: 'text', text: 'kafkajs' } }] });
    expect(new Set(reader.records.map((record) => record.compression))).toEqual(new Set(['gzip', 'none']));
    await test.value('tail.stop', { tailId });
  });
});

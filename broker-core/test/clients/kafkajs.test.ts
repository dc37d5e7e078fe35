/**
 * kafkajs 2.2.4: admin (create/delete topics, fetchTopicOffsets), producers with acks -1 and 1,
 * gzip and idempotence, and a consumer that reads everything back.
 */
import { CompressionTypes, Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

describe('kafkajs', () => {
  let temp: TempBroker;
  let kafka: Kafka;
  beforeAll(async () => {
    temp = await startTempBroker();
    kafka = new Kafka({ clientId: 'eddy-kafkajs-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  });
  afterAll(() => temp.stop());

  it('admin creates and deletes topics and fetches their offsets', async () => {
    const admin = kafka.admin();
    await admin.connect();
    try {
      expect(await admin.createTopics({ topics: [{ topic: 'admin-made', numPartitions: 4 }], waitForLeaders: true })).toBe(true);
      expect(await admin.listTopics()).toContain('admin-made');
      const offsets = await admin.fetchTopicOffsets('admin-made');
      expect(offsets.map(({ partition, offset, low, high }) => ({ partition, offset, low, high })).sort((a, b) => a.partition - b.partition)).toEqual(
        [0, 1, 2, 3].map((partition) => ({ partition, offset: '0', low: '0', high: '0' })),
      );
      await admin.deleteTopics({ topics: ['admin-made'] });
      expect(await admin.listTopics()).not.toContain('admin-made');
      expect(temp.broker.logs.hasTopic('admin-made')).toBe(false);
    } finally {
      await admin.disconnect();
    }
  });

  it('produces with acks -1 and 1, gzip and idempotence, and consumes everything back', async () => {
    const topic = 'kafkajs-roundtrip';
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: 2 }] });
    await admin.disconnect();

    const plain = kafka.producer();
    const idempotent = kafka.producer({ idempotent: true, maxInFlightRequests: 1 });
    await plain.connect();
    await idempotent.connect();
    const sent: string[] = [];
    const send = async (producer: typeof plain, label: string, options: { acks: number; compression?: CompressionTypes }) => {
      const messages = Array.from({ length: 50 }, (_, i) => ({ key: `${label}-${i}`, value: `${label} value ${i}` }));
      sent.push(...messages.map((message) => message.value));
      const results = await producer.send({ topic, messages, ...options });
      expect(results.every((result) => result.errorCode === 0)).toBe(true);
    };
    await send(plain, 'acks-all', { acks: -1 });
    await send(plain, 'acks-one', { acks: 1 });
    await send(plain, 'gzip', { acks: -1, compression: CompressionTypes.GZIP });
    await send(idempotent, 'idempotent', { acks: -1 });
    await plain.disconnect();
    await idempotent.disconnect();

    const offsets = await (async () => {
      const a = kafka.admin();
      await a.connect();
      const result = await a.fetchTopicOffsets(topic);
      await a.disconnect();
      return result;
    })();
    expect(offsets.reduce((sum, { high }) => sum + Number(high), 0)).toBe(200);

    const consumer = kafka.consumer({ groupId: 'kafkajs-roundtrip-readers' });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received: string[] = [];
    await consumer.run({ eachMessage: async ({ message }) => void received.push(String(message.value)) });
    try {
      await expect.poll(() => received.length, { timeout: 30_000 }).toBe(200);
      expect([...received].sort()).toEqual([...sent].sort());
    } finally {
      await consumer.disconnect();
    }
  }, 60_000);
});

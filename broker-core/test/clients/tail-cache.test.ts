/**
 * The tail cache under churn, through a real client: a 3 MiB cache while two kafkajs consumer
 * groups tail a topic that receives ~20 MiB, so blocks are reused all the time, some while
 * responses still hold them. Every record must arrive intact and in order, in both groups.
 */
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTempBroker, type TempBroker } from '../support/temp-broker';

const TOPIC = 'tailed';
const PARTITIONS = 2;
const SENDS = 40;
const PER_SEND = 500;

const valueOf = (send: number, index: number) => `${send}:${index}:`.padEnd(1000, String.fromCharCode(97 + ((send + index) % 26)));

describe('tail cache with real consumers', () => {
  let temp: TempBroker;
  let kafka: Kafka;
  beforeAll(async () => {
    temp = await startTempBroker({ config: { 'log.tail.cache.bytes': String(3 * 2 ** 20), 'group.initial.rebalance.delay.ms': '0' } });
    kafka = new Kafka({ clientId: 'eddy-tail-cache-test', brokers: [temp.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
  });
  afterAll(() => temp.stop());

  it('delivers every record intact to two tailing groups while the cache churns', async () => {
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: PARTITIONS }] });
    await admin.disconnect();

    const expected = SENDS * PER_SEND;
    const groups = ['tail-a', 'tail-b'].map((groupId) => {
      const consumer = kafka.consumer({ groupId, maxBytesPerPartition: 256 * 1024, maxWaitTimeInMs: 100 });
      const received = new Map<number, string[]>();
      let count = 0;
      let joined!: () => void;
      const ready = new Promise<void>((resolve) => (joined = resolve));
      consumer.on(consumer.events.GROUP_JOIN, () => joined());
      let done!: () => void;
      const finished = new Promise<void>((resolve) => (done = resolve));
      return { consumer, received, ready, finished, add: (partition: number, value: string) => {
        const list = received.get(partition) ?? [];
        list.push(value);
        received.set(partition, list);
        if (++count === expected) done();
      } };
    });
    for (const group of groups) {
      await group.consumer.connect();
      await group.consumer.subscribe({ topic: TOPIC, fromBeginning: true });
      await group.consumer.run({ eachMessage: async ({ partition, message }) => group.add(partition, message.value!.toString()) });
    }
    await Promise.all(groups.map((group) => group.ready));

    const producer = kafka.producer();
    await producer.connect();
    const sent = new Map<number, string[]>();
    for (let send = 0; send < SENDS; send++) {
      const partition = send % PARTITIONS;
      const messages = Array.from({ length: PER_SEND }, (_, index) => ({ partition, value: valueOf(send, index) }));
      await producer.send({ topic: TOPIC, acks: 1, messages });
      sent.set(partition, [...(sent.get(partition) ?? []), ...messages.map((message) => message.value)]);
    }
    await producer.disconnect();

    await Promise.all(groups.map((group) => group.finished));
    for (const group of groups) {
      await group.consumer.disconnect();
      for (let partition = 0; partition < PARTITIONS; partition++) expect(group.received.get(partition)).toEqual(sent.get(partition));
    }
    const stats = temp.broker.logs.tailCache.stats();
    expect(stats.hits).toBeGreaterThan(0); // tailing consumers were served from memory
    expect(stats.allocatedBytes).toBeLessThanOrEqual(3 * 2 ** 20);
  }, 60_000);
});

/**
 * Dead letters as applications' own DLQ writers leave them, produced by a real client (kafkajs
 * 2.2.4 over TCP to the app's broker): Spring Kafka's `kafka_dlt-*` headers (partition and
 * attempts as 4-byte big-endian ints, offset as an 8-byte long) in a topic named `*.DLT`, Kafka
 * Connect's `__connect.errors.*` and KIP-1191's `__dlq.errors.*` (text) in topics whose names say
 * nothing. The host's `dlq.topics` finds each (by name, or by the headers of its first record,
 * and not a plain topic with other headers), and `dlq.list` / `dlq.get` read their source,
 * reason, exception, group and attempts.
 */
import { Kafka, logLevel, type Producer } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noDeadLetterFilter } from '../../contract';
import { int32, int64 } from './dead-letter-headers-fixture';
import { startHostUnderTest, type HostUnderTest } from './host-under-test';

const decode = { key: 'string', value: 'auto' } as const;

describe('dead letters written by a real client', () => {
  let test: HostUnderTest;
  let kafka: Kafka;
  let producer: Producer;

  beforeAll(async () => {
    test = await startHostUnderTest();
    kafka = new Kafka({ clientId: 'eddy-dlq-test', brokers: [test.bootstrap], logLevel: logLevel.NOTHING, retry: { retries: 3 } });
    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({
      topics: [
        { topic: 'orders', numPartitions: 3 },
        { topic: 'orders.DLT', numPartitions: 1 },
        { topic: 'es-sink-errors', numPartitions: 1 },
        { topic: 'payments-rejected', numPartitions: 2 },
        { topic: 'audit', numPartitions: 1 },
      ],
    });
    await admin.disconnect();
    producer = kafka.producer();
    await producer.connect();
    await producer.send({ topic: 'orders', acks: -1, messages: Array.from({ length: 30 }, (_, i) => ({ key: `o${i}`, value: `order ${i}`, partition: i % 3 })) });
  });
  afterAll(async () => {
    await producer?.disconnect();
    await test?.stop();
  });

  it('recognizes Spring, Kafka Connect and KIP-1191 dead letters, with their source, reason and attempts', async () => {
    await producer.send({
      topic: 'orders.DLT',
      acks: -1,
      messages: [1, 2].map((n) => ({
        key: `o${n}`,
        value: JSON.stringify({ order: n }),
        headers: {
          'kafka_dlt-original-topic': 'orders',
          'kafka_dlt-original-partition': int32(n % 3),
          'kafka_dlt-original-offset': int64(n === 1 ? 0 : 12_345_678_901),
          'kafka_dlt-original-timestamp': int64(1_700_000_000_000),
          'kafka_dlt-original-timestamp-type': 'CreateTime',
          'kafka_dlt-original-consumer-group': 'order-service',
          'kafka_dlt-exception-fqcn': 'org.springframework.kafka.listener.ListenerExecutionFailedException',
          'kafka_dlt-exception-cause-fqcn': 'java.lang.IllegalArgumentException',
          'kafka_dlt-exception-message': `order ${n} has no customer`,
          'kafka_dlt-exception-stacktrace': 'java.lang.IllegalArgumentException: …',
          'retry_topic-attempts': int32(n + 2),
        },
      })),
    });
    await producer.send({
      topic: 'es-sink-errors',
      acks: -1,
      messages: [
        {
          key: null,
          value: '{not json',
          headers: {
            '__connect.errors.topic': 'events',
            '__connect.errors.partition': '4',
            '__connect.errors.offset': '981',
            '__connect.errors.connector.name': 'es-sink',
            '__connect.errors.task.id': '0',
            '__connect.errors.stage': 'VALUE_CONVERTER',
            '__connect.errors.class.name': 'org.apache.kafka.connect.json.JsonConverter',
            '__connect.errors.exception.class.name': 'org.apache.kafka.connect.errors.DataException',
            '__connect.errors.exception.message': 'Converting byte[] to Kafka Connect data failed due to serialization error',
          },
        },
      ],
    });
    await producer.send({
      topic: 'payments-rejected',
      acks: -1,
      messages: [
        {
          key: 'pay-7',
          value: 'refund 7',
          partition: 1,
          headers: {
            '__dlq.errors.topic': 'payments',
            '__dlq.errors.partition': '0',
            '__dlq.errors.offset': '77',
            '__dlq.errors.group': 'payments-share',
            '__dlq.errors.delivery.count': '5',
            '__dlq.errors.message': 'delivery count exceeded',
          },
        },
      ],
    });
    await producer.send({ topic: 'audit', acks: -1, messages: [{ key: 'a', value: 'b', headers: { traceparent: '00-abc-def-01', 'content-type': 'json' } }] });

    const { topics } = await test.value('dlq.topics', {});
    expect(topics.map(({ topic, recognizedBy, records, dead }) => ({ topic, recognizedBy, records, dead }))).toEqual([
      { topic: 'es-sink-errors', recognizedBy: 'headers', records: 1, dead: 1 },
      { topic: 'orders.DLT', recognizedBy: 'name', records: 2, dead: 2 },
      { topic: 'payments-rejected', recognizedBy: 'headers', records: 1, dead: 1 },
    ]);

    const list = async (topic: string) => (await test.value('dlq.list', { topic, filter: noDeadLetterFilter, start: 0, limit: 10, decode })).deadLetters;
    const spring = await list('orders.DLT');
    expect(spring.map(({ format, reason, exceptionClass, source, group, attempts, key }) => ({ format, reason, exceptionClass, source, group, attempts, key: key.text }))).toEqual([
      { format: 'spring', reason: 'order 1 has no customer', exceptionClass: 'java.lang.IllegalArgumentException', source: { topic: 'orders', partition: 1, offset: 0 }, group: 'order-service', attempts: 3, key: 'o1' },
      { format: 'spring', reason: 'order 2 has no customer', exceptionClass: 'java.lang.IllegalArgumentException', source: { topic: 'orders', partition: 2, offset: 12_345_678_901 }, group: 'order-service', attempts: 4, key: 'o2' },
    ]);
    expect((await list('es-sink-errors'))[0]).toMatchObject({
      format: 'connect',
      reason: 'Converting byte[] to Kafka Connect data failed due to serialization error',
      exceptionClass: 'org.apache.kafka.connect.errors.DataException',
      source: { topic: 'events', partition: 4, offset: 981 },
      group: 'connect-es-sink',
      attempts: null,
      value: { as: 'text', text: '{not json' },
    });
    expect((await list('payments-rejected'))[0]).toMatchObject({
      partition: 1,
      format: 'kip-1191',
      reason: 'delivery count exceeded',
      source: { topic: 'payments', partition: 0, offset: 77 },
      group: 'payments-share',
      attempts: 5,
      diedAt: null,
    });

    // The first Spring dead letter's original (orders-1 offset 0) is still there; the second's offset never was.
    expect((await test.value('dlq.get', { topic: 'orders.DLT', partition: 0, offset: 0, decode })).originalRetained).toBe(true);
    expect((await test.value('dlq.get', { topic: 'orders.DLT', partition: 0, offset: 1, decode })).originalRetained).toBe(false);
    expect(await test.value('dlq.summary', { topic: 'orders.DLT' })).toMatchObject({
      total: 2,
      byReason: [
        { name: 'order 1 has no customer', count: 1 },
        { name: 'order 2 has no customer', count: 1 },
      ],
      bySource: [{ name: 'orders', count: 2 }],
      byFormat: [{ name: 'spring', count: 2 }],
      dead: 2,
    });
  });
});

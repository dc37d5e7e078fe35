import { describe, expect, it } from 'vitest';
import { int32, int64 } from '../test/dead-letter-headers-fixture';
import { hasProvenanceHeaders, isDeadLetterTopicName, isProvenanceHeader, recognizeDeadLetter, type HeaderLike } from './dead-letter-recognition';

const h = (key: string, value: string | Buffer | null): HeaderLike => ({ key, value: typeof value === 'string' ? Buffer.from(value) : value });
const recognize = (...headers: HeaderLike[]) => recognizeDeadLetter({ headers, timestamp: 1_700_000_000_000 });

describe('isDeadLetterTopicName', () => {
  it.each(['orders.dlq', 'orders-dlq', 'orders_dlq', 'orders.DLQ', 'orders-dlt', 'orders.DLT', 'orders-DLT', 'orders_DLT', 'dlq.orders', 'dlq-orders', 'DLQ.orders', 'orders.deadletter', 'orders-dead-letter', 'orders-dead-letters', 'orders.dead-letter-queue', 'orders_deadletterqueue', 'dlq'])('%s is a DLQ', (name) => {
    expect(isDeadLetterTopicName(name)).toBe(true);
  });

  it.each(['orders', '__consumer_offsets', '__transaction_state', '__orders.dlq', 'dlqueue', 'orders.dlq2', 'adult', 'orders-retry-0', 'orders.dlq.archive', 'deadletters-report'])('%s is not', (name) => {
    expect(isDeadLetterTopicName(name)).toBe(false);
  });
});

describe('isProvenanceHeader', () => {
  it('knows the four writers’ families and nothing else', () => {
    for (const key of ['__dlq.errors.topic', '__dlq.errors.timestamp', 'kafka_dlt-original-offset', 'kafka_dlt-exception-fqcn', '__connect.errors.stage', 'retry_topic-attempts']) expect(isProvenanceHeader(key)).toBe(true);
    for (const key of ['__dlq.replay.of', 'traceparent', 'kafka_dlt', '__connect.error', 'content-type']) expect(isProvenanceHeader(key)).toBe(false);
    expect(hasProvenanceHeaders([h('a', 'b'), h('kafka_dlt-original-topic', 'x')])).toBe(true);
    expect(hasProvenanceHeaders([h('a', 'b')])).toBe(false);
  });
});

describe('recognizeDeadLetter', () => {
  it('reads the sweeper’s KIP-1191 headers with its dead-at time', () => {
    expect(
      recognize(
        h('trace', 'abc'),
        h('__dlq.errors.topic', 'orders'),
        h('__dlq.errors.partition', '2'),
        h('__dlq.errors.offset', '12345'),
        h('__dlq.errors.group', 'billing'),
        h('__dlq.errors.message', 'not consumed by group billing within 60000 ms'),
        h('__dlq.errors.timestamp', '1700000123456'),
      ),
    ).toEqual({
      format: 'sweeper',
      reason: 'not consumed by group billing within 60000 ms',
      exceptionClass: null,
      source: { topic: 'orders', partition: 2, offset: 12345 },
      group: 'billing',
      attempts: null,
      diedAt: 1700000123456,
    });
  });

  it('reads KIP-1191 headers without a dead-at time as kip-1191, with the delivery count', () => {
    expect(recognize(h('__dlq.errors.topic', 'payments'), h('__dlq.errors.partition', '0'), h('__dlq.errors.offset', '7'), h('__dlq.errors.group', 'share-1'), h('__dlq.errors.delivery.count', '5'), h('__dlq.errors.message', 'rejected'))).toEqual({
      format: 'kip-1191',
      reason: 'rejected',
      exceptionClass: null,
      source: { topic: 'payments', partition: 0, offset: 7 },
      group: 'share-1',
      attempts: 5,
      diedAt: null,
    });
  });

  it('reads Spring’s binary headers: partition as a 4-byte int, offset as an 8-byte long, attempts as an int', () => {
    expect(
      recognize(
        h('kafka_dlt-original-topic', 'orders'),
        h('kafka_dlt-original-partition', int32(3)),
        h('kafka_dlt-original-offset', int64(9_007_199_254_740_000n)),
        h('kafka_dlt-original-timestamp', int64(1_700_000_000_000)),
        h('kafka_dlt-original-consumer-group', 'order-service'),
        h('kafka_dlt-exception-fqcn', 'org.springframework.kafka.listener.ListenerExecutionFailedException'),
        h('kafka_dlt-exception-cause-fqcn', 'java.lang.IllegalStateException'),
        h('kafka_dlt-exception-message', 'Listener failed; bad order'),
        h('retry_topic-attempts', int32(4)),
      ),
    ).toEqual({
      format: 'spring',
      reason: 'Listener failed; bad order',
      exceptionClass: 'java.lang.IllegalStateException',
      source: { topic: 'orders', partition: 3, offset: 9_007_199_254_740_000 },
      group: 'order-service',
      attempts: 4,
      diedAt: null,
    });
  });

  it('accepts Spring’s retry attempts as text, and falls back to the exception class as the reason', () => {
    const recognized = recognize(h('kafka_dlt-original-topic', 'orders'), h('kafka_dlt-exception-fqcn', 'com.example.Boom'), h('retry_topic-attempts', '3'));
    expect(recognized).toMatchObject({ format: 'spring', reason: 'com.example.Boom', exceptionClass: 'com.example.Boom', attempts: 3, source: { topic: 'orders', partition: null, offset: null } });
  });

  it('reads Kafka Connect’s headers (text numbers), naming the connector’s group', () => {
    expect(
      recognize(
        h('__connect.errors.topic', 'events'),
        h('__connect.errors.partition', '1'),
        h('__connect.errors.offset', '42'),
        h('__connect.errors.connector.name', 'es-sink'),
        h('__connect.errors.task.id', '0'),
        h('__connect.errors.stage', 'VALUE_CONVERTER'),
        h('__connect.errors.class.name', 'org.apache.kafka.connect.json.JsonConverter'),
        h('__connect.errors.exception.class.name', 'org.apache.kafka.connect.errors.DataException'),
        h('__connect.errors.exception.message', 'Converting byte[] to Kafka Connect data failed'),
      ),
    ).toEqual({
      format: 'connect',
      reason: 'Converting byte[] to Kafka Connect data failed',
      exceptionClass: 'org.apache.kafka.connect.errors.DataException',
      source: { topic: 'events', partition: 1, offset: 42 },
      group: 'connect-es-sink',
      attempts: null,
      diedAt: null,
    });
    expect(recognize(h('__connect.errors.stage', 'TRANSFORMATION')).reason).toBe('failed in stage TRANSFORMATION');
  });

  it('is lenient: wrong sizes, non-numbers, negatives and nulls give null fields, never a throw', () => {
    expect(recognize(h('kafka_dlt-original-topic', 'orders'), h('kafka_dlt-original-partition', Buffer.from([1, 2])), h('kafka_dlt-original-offset', int32(5)), h('retry_topic-attempts', Buffer.from([0xff])))).toMatchObject({
      source: { topic: 'orders', partition: null, offset: null },
      attempts: null,
    });
    expect(recognize(h('__dlq.errors.topic', 'orders'), h('__dlq.errors.partition', 'two'), h('__dlq.errors.offset', '-4'), h('__dlq.errors.timestamp', 'yesterday'), h('__dlq.errors.delivery.count', '99999999999999999999'))).toMatchObject({
      format: 'sweeper',
      source: { topic: 'orders', partition: null, offset: null },
      diedAt: null,
      attempts: null,
      reason: 'unknown',
    });
    expect(recognize(h('kafka_dlt-original-offset', int64(-1n)), h('kafka_dlt-original-topic', null))).toMatchObject({ format: 'spring', source: null });
    expect(recognize(h('kafka_dlt-original-offset', int64(2n ** 62n)), h('kafka_dlt-original-topic', 'x'))).toMatchObject({ source: { offset: null } });
    expect(recognize(h('__dlq.errors.topic', Buffer.from([0xc3, 0x28])))).toMatchObject({ format: 'kip-1191', source: { topic: '\ufffd(' } });
  });

  it('takes the newest writer when a dead letter died twice, and the last of repeated headers', () => {
    const recognized = recognize(h('kafka_dlt-original-topic', 'orders'), h('__dlq.errors.topic', 'orders.DLT'), h('__dlq.errors.offset', '1'), h('__dlq.errors.offset', '2'), h('__dlq.errors.timestamp', '5'));
    expect(recognized).toMatchObject({ format: 'sweeper', source: { topic: 'orders.DLT', offset: 2 }, diedAt: 5 });
  });

  it('says unknown for a record without provenance', () => {
    expect(recognize(h('content-type', 'json'))).toEqual({ format: 'unknown', reason: 'unknown', exceptionClass: null, source: null, group: null, attempts: null, diedAt: null });
  });
});

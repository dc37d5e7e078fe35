/**
 * Dead letters' headers as the tools that write them lay them out, for the dead-letter tests:
 * Spring Kafka's DeadLetterPublishingRecoverer (`kafka_dlt-*`, binary partition and offset),
 * Kafka Connect's errant record reporter (`__connect.errors.*`, text) and KIP-1191's
 * (`__dlq.errors.*`, text), with the binary encodings they use.
 */
import type { RecordHeader } from '../../../broker-core/src/records/index';

export const text = (value: string): Buffer => Buffer.from(value);

/** Big-endian int32, as Spring writes a partition. */
export function int32(n: number): Buffer {
  const bytes = Buffer.alloc(4);
  bytes.writeInt32BE(n);
  return bytes;
}

/** Big-endian int64, as Spring writes an offset. */
export function int64(n: number | bigint): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64BE(BigInt(n));
  return bytes;
}

/** Spring Kafka's headers for a record of `topic`-`partition` at `offset` that failed with `message`. */
export const springHeaders = (topic: string, partition: number, offset: number, message: string, attempts = 3): RecordHeader[] => [
  { key: 'kafka_dlt-original-topic', value: text(topic) },
  { key: 'kafka_dlt-original-partition', value: int32(partition) },
  { key: 'kafka_dlt-original-offset', value: int64(offset) },
  { key: 'kafka_dlt-original-consumer-group', value: text('order-service') },
  { key: 'kafka_dlt-exception-fqcn', value: text('org.springframework.kafka.listener.ListenerExecutionFailedException') },
  { key: 'kafka_dlt-exception-cause-fqcn', value: text('java.lang.IllegalStateException') },
  { key: 'kafka_dlt-exception-message', value: text(message) },
  { key: 'retry_topic-attempts', value: int32(attempts) },
];

/** Kafka Connect's errant record headers (a sink connector's converter failed). */
export const connectHeaders = (topic: string, partition: number, offset: number): RecordHeader[] => [
  { key: '__connect.errors.topic', value: text(topic) },
  { key: '__connect.errors.partition', value: text(String(partition)) },
  { key: '__connect.errors.offset', value: text(String(offset)) },
  { key: '__connect.errors.connector.name', value: text('es-sink') },
  { key: '__connect.errors.stage', value: text('VALUE_CONVERTER') },
  { key: '__connect.errors.exception.class.name', value: text('org.apache.kafka.connect.errors.DataException') },
  { key: '__connect.errors.exception.message', value: text('bad json') },
];

/** KIP-1191's provenance headers, as a group's consumer wrote them after 5 deliveries. */
export const kip1191Headers = (topic: string, partition: number, offset: number, message: string): RecordHeader[] => [
  { key: '__dlq.errors.topic', value: text(topic) },
  { key: '__dlq.errors.partition', value: text(String(partition)) },
  { key: '__dlq.errors.offset', value: text(String(offset)) },
  { key: '__dlq.errors.group', value: text('billing') },
  { key: '__dlq.errors.message', value: text(message) },
  { key: '__dlq.errors.delivery.count', value: text('5') },
];
